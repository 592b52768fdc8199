// Command sumdev generates sumdev_amd64.s: the fused block sum of one block
// and deviation sums of the one before (gen.SumDev).
package main

import (
	. "github.com/mmcloughlin/avo/build"

	"github.com/kbench/kbench/asm/_gen/gen"
)

func main() {
	gen.Header()
	for _, l := range gen.Levels {
		for _, e := range gen.Elems {
			gen.SumDev(l, e)
		}
	}
	Generate()
}
