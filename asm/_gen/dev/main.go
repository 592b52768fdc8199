// Command dev generates dev_amd64.s: the deviation sums of the variance
// (gen.Dev).
package main

import (
	. "github.com/mmcloughlin/avo/build"

	"github.com/kbench/kbench/asm/_gen/gen"
)

func main() {
	gen.Header()
	for _, l := range gen.Levels {
		for _, e := range gen.Elems {
			gen.Dev(l, e, false)
		}
	}
	Generate()
}
