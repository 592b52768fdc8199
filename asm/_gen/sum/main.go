// Command sum generates sum_amd64.s: the canonical block sums (gen.Sum).
package main

import (
	. "github.com/mmcloughlin/avo/build"

	"github.com/kbench/kbench/asm/_gen/gen"
)

func main() {
	gen.Header()
	for _, l := range gen.Levels {
		for _, e := range gen.Elems {
			gen.Sum(l, e, false)
		}
	}
	Generate()
}
