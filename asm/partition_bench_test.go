package asm_test

import (
	"math/rand/v2"
	"testing"

	"github.com/kbench/kbench/asm"
)

// BenchmarkScatter64 partitions 4 Mi float64 into 128 code ranges at every
// level (docs/simd-amd64.md):
//
//	go test -run '^$' -bench Scatter64 -count 3 ./asm/
func BenchmarkScatter64(b *testing.B) {
	const n, nparts = 1 << 22, 128
	r := rand.New(rand.NewPCG(1, 2))
	k, src := make([]int32, n), make([]uint64, n)
	start := make([]int, nparts+1)
	for i := range k {
		k[i] = int32(r.IntN(nparts << asm.PartitionShift))
		start[k[i]>>asm.PartitionShift+1]++
	}
	for p := range nparts {
		start[p+1] += start[p]
	}
	dst, pos, buf := make([]uint64, n), make([]int, nparts), make([]uint64, 8*nparts)
	for _, kk := range levels(b) {
		b.Run(kk.Name, func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				kk.Scatter64(k, src, start[:nparts], pos, dst, buf)
			}
		})
	}
}
