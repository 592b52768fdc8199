package asm_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/kbench/kbench/asm"
)

// sink keeps the benchmarked results alive.
var sink float64

// BenchmarkLevelBlocks times every routine of every level, and of the
// reference for comparison, on one block
// that stays in L1, so it measures the arithmetic, not memory. Run it on the
// hardware itself; emulators (qemu) say nothing about SIMD speed.
func BenchmarkLevelBlocks(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	x := fill(r, kinds[0], asm.BlockSize)
	ref := asm.Reference()
	ref.Name = "reference"
	for _, k := range append([]asm.Kernels{ref}, levels(b)...) {
		b.Run(k.Name+"/f64", func(b *testing.B) { benchBlock(b, asm.For[float64](k), x) })
		b.Run(k.Name+"/f32", func(b *testing.B) { benchBlock(b, asm.For[float32](k), to32(x)) })
	}
}

func benchBlock[T asm.Float](b *testing.B, f asm.Funcs[T], x []T) {
	bytes := int64(len(x)) * int64(unsafe.Sizeof(x[0]))
	run := func(name string, fn func() float64) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(bytes)
			for b.Loop() {
				sink += fn()
			}
		})
	}
	run("Sum", func() float64 { return f.Sum(x) })
	run("Dev", func() float64 { c, q := f.Dev(x, 0.5); return c + q })
	run("SumDev", func() float64 { s, c, q := f.SumDev(x, x, 0.5); return s + c + q })
	run("NanSum", func() float64 { s, _ := f.NanSum(x); return s })
	run("NanDev", func() float64 { c, q := f.NanDev(x, 0.5); return c + q })
	run("Min", func() float64 { return f.Min(x) })
	run("Max", func() float64 { return f.Max(x) })
	run("NanMin", func() float64 { return f.NanMin(x) })
	run("NanMax", func() float64 { return f.NanMax(x) })
}

// BenchmarkGroupPass times the one-lane group-by passes over random codes,
// from tables that fit L1 to tables far larger than the caches (the slot
// prefetch of gen.groupRows). MB/s is million rows per second.
func BenchmarkGroupPass(b *testing.B) {
	const n = 1 << 22
	r := rand.New(rand.NewPCG(5, 5))
	x := make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	for _, G := range []int{1 << 10, 1 << 14, 1 << 17, 1 << 20} {
		k := make([]int32, n)
		for i := range k {
			k[i] = int32(r.IntN(G))
		}
		t := make([]float64, 2*G)
		for _, kk := range levels(b) {
			f := asm.For[float64](kk)
			b.Run(fmt.Sprintf("%s/sums/groups=%d", kk.Name, G), func(b *testing.B) {
				b.SetBytes(n)
				for b.Loop() {
					f.GroupSums(1, k, x, nil, t)
				}
			})
			b.Run(fmt.Sprintf("%s/sum/groups=%d", kk.Name, G), func(b *testing.B) {
				b.SetBytes(n)
				for b.Loop() {
					f.GroupSum(1, k, x, t[:G])
				}
			})
		}
	}
}
