package asm_test

import (
	"math"
	"testing"
)

// nans are the NaNs the tests plant: the quiet NaN of math.NaN, a quiet
// NaN with the sign bit set, and a signaling NaN, which some instructions
// (FMINNM, MINPD with a swapped operand order) treat differently from a
// quiet one.
var nans = []uint64{0x7ff8000000000001, 0xfff8000000000000, 0x7ff0000000000001}

// nans32 are the float32 counterparts of nans, built from bits since a
// conversion from float64 may quiet a signaling NaN.
var nans32 = []uint32{0x7fc00001, 0xffc00000, 0x7f800001}

// TestNaNOneSign plants NaNs among values of one sign, so that a NaN
// replaced by +0 or by the wrong infinity changes NanMin or NanMax, and
// checks inputs that are all NaN or all NaN but one value, that value an
// infinity or not.
func TestNaNOneSign(t *testing.T) {
	for _, k := range levels(t) {
		for i, bits := range nans {
			nan, nan32 := math.Float64frombits(bits), math.Float32frombits(nans32[i])
			for _, n := range []int{1, 2, 3, 5, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100} {
				for _, sign := range []float64{1, -1} {
					for pos := 0; pos < n; pos++ {
						x := make([]float64, n)
						y := make([]float32, n)
						for j := range x {
							x[j] = sign * float64(1+j%5)
							y[j] = float32(x[j])
						}
						x[pos], y[pos] = nan, nan32
						check(t, k, x)
						check(t, k, y)

						for j := range x {
							x[j], y[j] = nan, nan32
						}
						check(t, k, x)
						check(t, k, y)
						for _, v := range []float64{sign * 2, math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1)} {
							x[pos], y[pos] = v, float32(v)
							check(t, k, x)
							check(t, k, y)
							x[pos], y[pos] = nan, nan32
						}
					}
				}
			}
		}
	}
}
