package asm_test

import (
	"testing"
	"unsafe"

	"github.com/kbench/kbench/asm"
)

var sink float64

// BenchmarkBlock times the block routines of every level on one full block
// (in L1), without the tree of package kernels around them.
//
//	go test -run '^$' -bench Block ./asm/
func BenchmarkBlock(b *testing.B) {
	r := newRand(9)
	x := make([]float64, asm.BlockSize)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	blockBench(b, "f64", x)
	blockBench(b, "f32", to32(x))
}

func blockBench[T asm.Float](b *testing.B, name string, x []T) {
	for _, k := range levels(b) {
		f := asm.For[T](k)
		bytes := int64(len(x)) * int64(unsafe.Sizeof(x[0]))
		for _, c := range []struct {
			name string
			f    func([]T) float64
		}{
			{"Sum", f.Sum},
			{"Dev", func(x []T) float64 { c, q := f.Dev(x, 0.5); return c + q }},
			{"NanSum", func(x []T) float64 { s, n := f.NanSum(x); return s + float64(n) }},
			{"NanDev", func(x []T) float64 { c, q := f.NanDev(x, 0.5); return c + q }},
			{"Min", f.Min},
			{"Max", f.Max},
			{"NanMin", f.NanMin},
			{"NanMax", f.NanMax},
		} {
			b.Run(c.name+"/"+name+"/"+k.Name, func(b *testing.B) {
				b.SetBytes(bytes)
				for range b.N {
					sink += c.f(x)
				}
			})
		}
	}
}
