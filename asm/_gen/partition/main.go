// Command partition generates partition_amd64.s: the stable scatters of
// the group-by's radix partition and factorize's partition by hash
// (gen.Scatter), and the group-by's scatter of a chunk's codes and
// columns in one pass (gen.ScatterRows).
package main

import (
	. "github.com/mmcloughlin/avo/build"

	"github.com/kbench/kbench/asm/_gen/gen"
)

func main() {
	gen.Header()
	gen.Scatter(4, false)
	gen.Scatter(8, false)
	gen.Scatter(8, true)
	for ncols := range 4 {
		gen.ScatterRows(ncols)
	}
	Generate()
}
