//go:build !purego

package asm

import (
	"math"
	"slices"
)

// AVX2 returns the AVX2+FMA routines; false when this build has none.
func AVX2() (Kernels, bool) { return Kernels{}, false }

// AVX512 returns the AVX-512 routines; false when this build has none.
func AVX512() (Kernels, bool) { return Kernels{}, false }

// NEON returns the arm64 NEON routines (asm/*_arm64.s); every arm64 CPU
// has them.
func NEON() (Kernels, bool) {
	// The group-by routines are the portable ones.
	return withGroupGo(Kernels{
		Name:      "neon",
		SumF64:    sumF64,
		SumF32:    sumF32,
		DevF64:    devF64,
		DevF32:    devF32,
		NanSumF64: nanSumF64,
		NanSumF32: nanSumF32,
		NanDevF64: nanDevF64,
		NanDevF32: nanDevF32,
		// No fused NEON routine yet: the two routines one after the other.
		SumDevF64: sumThenDev(sumF64, devF64),
		SumDevF32: sumThenDev(sumF32, devF32),
		MinF64:    nonEmpty(minF64),
		MinF32:    nonEmpty(minF32),
		MaxF64:    nonEmpty(maxF64),
		MaxF32:    nonEmpty(maxF32),
		NanMinF64: orNaN(nanMinF64, math.Inf(1)),
		NanMinF32: orNaN(nanMinF32, math.Inf(1)),
		NanMaxF64: orNaN(nanMaxF64, math.Inf(-1)),
		NanMaxF32: orNaN(nanMaxF32, math.Inf(-1)),
	}), true
}

// nonEmpty gives NaN for no elements; the assembly would return its
// identity, an infinity.
func nonEmpty[T Float](f func(x []T) float64) func(x []T) float64 {
	return func(x []T) float64 {
		if len(x) == 0 {
			return math.NaN()
		}
		return f(x)
	}
}

// orNaN turns the identity inf, which the assembly of NanMin and NanMax
// returns when every element is NaN, into NaN unless inf is an element.
// The rescan runs only when the result is that infinity.
func orNaN[T Float](f func(x []T) float64, inf float64) func(x []T) float64 {
	return func(x []T) float64 {
		r := f(x)
		if r == inf && !slices.Contains(x, T(inf)) {
			return math.NaN()
		}
		return r
	}
}

// The assembly routines. The block routines take at most BlockSize
// elements; see the reference functions of the same name for their
// results. minF64 and the like return +Inf (maxF64: -Inf) for no elements.

//go:noescape
func sumF64(x []float64) float64

//go:noescape
func sumF32(x []float32) float64

//go:noescape
func devF64(x []float64, m0 float64) (c, q float64)

//go:noescape
func devF32(x []float32, m0 float64) (c, q float64)

//go:noescape
func nanSumF64(x []float64) (s float64, n int)

//go:noescape
func nanSumF32(x []float32) (s float64, n int)

//go:noescape
func nanDevF64(x []float64, m0 float64) (c, q float64)

//go:noescape
func nanDevF32(x []float32, m0 float64) (c, q float64)

//go:noescape
func minF64(x []float64) float64

//go:noescape
func minF32(x []float32) float64

//go:noescape
func maxF64(x []float64) float64

//go:noescape
func maxF32(x []float32) float64

//go:noescape
func nanMinF64(x []float64) float64

//go:noescape
func nanMinF32(x []float32) float64

//go:noescape
func nanMaxF64(x []float64) float64

//go:noescape
func nanMaxF32(x []float32) float64
