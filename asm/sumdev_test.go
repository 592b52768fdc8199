package asm_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/kbench/kbench/asm"
)

// checkSumDev compares the fused SumDev of k with SumBlock(next) and
// DevBlock(prev, m0) of the reference, bit for bit.
func checkSumDev[T asm.Float](t *testing.T, k asm.Kernels, next, prev []T, m0 float64) {
	t.Helper()
	s, c, q := asm.For[T](k).SumDev(next, prev, m0)
	ws := asm.SumBlock(next)
	wc, wq := asm.DevBlock(prev, m0)
	if !same(s, ws) || !same(c, wc) || !same(q, wq) {
		t.Fatalf("%s SumDev(%T, len(next) %d, len(prev) %d, m0 %v) = (%v, %v, %v), want (%v, %v, %v)",
			k.Name, next, len(next), len(prev), m0, s, c, q, ws, wc, wq)
	}
}

// blockMean is the m0 the kernels use for x: its canonical block sum over
// its length.
func blockMean[T asm.Float](x []T) float64 {
	return asm.SumBlock(x) / float64(max(len(x), 1))
}

// TestSumDevLengths checks the fused routine of every level against the
// two reference routines for every pair of lengths 0..300 (next, prev),
// at start offsets that vary with the lengths, and for pairs of lengths
// around the block size at every offset within a 64-byte line.
func TestSumDevLengths(t *testing.T) {
	r := newRand(11)
	big := []int{0, 1, 31, 32, 33, 63, 64, 65, 4000, 4063, 4064, 4065, 4095, asm.BlockSize}
	step := 1
	if testing.Short() {
		step = 7 // qemu and the race detector: every 7th prev length
	}
	for _, k := range levels(t) {
		for _, kd := range []kind{kinds[0], kinds[1], kinds[4], kinds[5]} {
			t.Run(fmt.Sprintf("%s/%s", k.Name, kd.name), func(t *testing.T) {
				base := fill(r, kd, 2*asm.BlockSize+64)
				base32 := to32(base)
				a, b := base[:asm.BlockSize+32], base[asm.BlockSize+32:]
				a32, b32 := base32[:asm.BlockSize+32], base32[asm.BlockSize+32:]
				for nn := 0; nn <= 300; nn++ {
					for np := nn % step; np <= 300; np += step {
						o, o32 := (nn+np)%8, (nn+2*np)%16
						next, prev := a[o:o+nn], b[7-o:7-o+np]
						checkSumDev(t, k, next, prev, blockMean(prev))
						next32, prev32 := a32[o32:o32+nn], b32[15-o32:15-o32+np]
						checkSumDev(t, k, next32, prev32, blockMean(prev32))
					}
				}
				for _, nn := range big {
					for _, np := range big {
						for o := range 8 {
							next, prev := a[o:o+nn], b[o:o+np]
							checkSumDev(t, k, next, prev, blockMean(prev))
							checkSumDev(t, k, a32[2*o:2*o+nn], b32[o:o+np], blockMean(b32[o:o+np]))
						}
					}
				}
			})
		}
	}
}

// TestSumDevSpecialMeans runs the fused routine with means that turn every
// deviation into NaN or an infinity, and with NaN and infinities planted
// in either block.
func TestSumDevSpecialMeans(t *testing.T) {
	r := newRand(12)
	x := fill(r, kinds[0], asm.BlockSize)
	y := fill(r, kinds[0], asm.BlockSize)
	for _, k := range levels(t) {
		for _, m0 := range []float64{0, math.Copysign(0, -1), nan, inf, -inf, 1e308, 5e-324} {
			for _, n := range []int{0, 1, 33, 100, asm.BlockSize} {
				checkSumDev(t, k, x[:n], y[:asm.BlockSize-n], m0)
				checkSumDev(t, k, to32(x[:n]), to32(y[:n]), m0)
			}
		}
		for _, v := range []float64{nan, inf, -inf} {
			for _, pos := range []int{0, 5, 31, 32, 100, 4095} {
				xs, ys := append([]float64(nil), x...), append([]float64(nil), y...)
				xs[pos] = v
				checkSumDev(t, k, xs, ys, blockMean(ys))
				checkSumDev(t, k, ys, xs, blockMean(xs))
				checkSumDev(t, k, to32(xs), to32(ys[:pos]), blockMean(to32(ys[:pos])))
			}
		}
	}
}
