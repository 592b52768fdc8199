// Command minmax generates minmax_amd64.s: Min, Max, NanMin and NanMax
// (gen.MinMax).
package main

import (
	. "github.com/mmcloughlin/avo/build"

	"github.com/kbench/kbench/asm/_gen/gen"
)

func main() {
	gen.Header()
	for _, l := range gen.Levels {
		for _, e := range gen.Elems {
			for _, o := range gen.Extrema {
				gen.MinMax(l, e, o)
			}
		}
	}
	Generate()
}
