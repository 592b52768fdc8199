// Command group generates group_amd64.s: the group-by passes over a chunk
// (gen.GroupSums, gen.GroupDevs, gen.GroupNan3, gen.GroupMoments,
// gen.GroupExt).
package main

import (
	. "github.com/mmcloughlin/avo/build"

	"github.com/kbench/kbench/asm/_gen/gen"
)

func main() {
	gen.Header()
	for _, e := range gen.Elems {
		for _, lanes := range gen.GroupLanes {
			gen.GroupSums(e, lanes)
			gen.GroupDevs(e, lanes)
			gen.GroupNan3(e, lanes)
			gen.GroupMoments(e, lanes)
		}
		gen.GroupExt(e)
	}
	Generate()
}
