package asm_test

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/kbench/kbench/asm"
)

// BenchmarkScatter64 partitions 4 Mi float64 into 128 code ranges at every
// level (docs/simd-amd64.md):
//
//	go test -run '^$' -bench Scatter64 -count 3 ./asm/
func BenchmarkScatter64(b *testing.B) {
	const n, nparts = 1 << 22, 128
	k, start := benchCodes(n, nparts)
	src, dst, pos, buf := make([]uint64, n), make([]uint64, n), make([]int, nparts), make([]uint64, 8*nparts)
	for _, kk := range levels(b) {
		b.Run(kk.Name, func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				kk.Scatter64(k, src, start[:nparts], pos, dst, buf)
			}
		})
	}
}

// BenchmarkScatterRows times a chunk's partition for the group-by with
// three columns: ScatterRows in one pass against Scatter32 of the codes and
// Scatter64 of each column (one "byte" per row), and against copying the
// same arrays in order, the least that moving them can cost.
func BenchmarkScatterRows(b *testing.B) {
	const n, nparts, ncols = 1 << 22, 128, 3
	k, start := benchCodes(n, nparts)
	src, dst := make([][]uint64, ncols), make([][]uint64, ncols)
	for j := range src {
		src[j], dst[j] = make([]uint64, n), make([]uint64, n)
	}
	dk, pos := make([]uint32, n), make([]int, nparts)
	codes := unsafe.Slice((*uint32)(unsafe.Pointer(&k[0])), n)
	buf32, buf64, buf := make([]uint32, 16*nparts), make([]uint64, 8*nparts), make([]uint64, 8*(1+ncols)*nparts)
	b.Run("copy", func(b *testing.B) {
		b.SetBytes(n)
		for b.Loop() {
			copy(dk, codes)
			for j := range src {
				copy(dst[j], src[j])
			}
		}
	})
	for _, kk := range levels(b) {
		b.Run(kk.Name+"/rows", func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				kk.ScatterRows(k, src, start[:nparts], pos, dk, dst, buf)
			}
		})
		b.Run(kk.Name+"/separate", func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				kk.Scatter32(k, codes, start[:nparts], pos, dk, buf32)
				for j := range src {
					kk.Scatter64(k, src[j], start[:nparts], pos, dst[j], buf64)
				}
			}
		})
	}
}

// benchCodes returns n uniform random codes of nparts partitions and the
// partitions' starts (nparts+1 of them).
func benchCodes(n, nparts int) ([]int32, []int) {
	r := rand.New(rand.NewPCG(1, 2))
	k := make([]int32, n)
	start := make([]int, nparts+1)
	for i := range k {
		k[i] = int32(r.IntN(nparts << asm.PartitionShift))
		start[k[i]>>asm.PartitionShift+1]++
	}
	for p := range nparts {
		start[p+1] += start[p]
	}
	return k, start
}
