// Command nan generates nan_amd64.s: the NaN-skipping block sums and
// deviation sums (gen.Sum and gen.Dev with skipNaN).
package main

import (
	. "github.com/mmcloughlin/avo/build"

	"github.com/kbench/kbench/asm/_gen/gen"
)

func main() {
	gen.Header()
	for _, l := range gen.Levels {
		for _, e := range gen.Elems {
			gen.Sum(l, e, true)
			gen.Dev(l, e, true)
		}
	}
	Generate()
}
