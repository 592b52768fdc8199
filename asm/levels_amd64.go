//go:build !purego

package asm

// AVX2 returns the AVX2+FMA routines. The CPU must have AVX2 and FMA
// (package dispatch checks).
func AVX2() (Kernels, bool) {
	return Kernels{
		Name:      "avx2",
		SumF64:    sumF64AVX2,
		SumF32:    sumF32AVX2,
		DevF64:    devF64AVX2,
		DevF32:    devF32AVX2,
		NanSumF64: nanSumF64AVX2,
		NanSumF32: nanSumF32AVX2,
		NanDevF64: nanDevF64AVX2,
		NanDevF32: nanDevF32AVX2,
		MinF64:    Min[float64],
		MinF32:    Min[float32],
		MaxF64:    Max[float64],
		MaxF32:    Max[float32],
		NanMinF64: NanMin[float64],
		NanMinF32: NanMin[float32],
		NanMaxF64: NanMax[float64],
		NanMaxF32: NanMax[float32],
	}, true
}

// AVX512 returns the AVX-512 routines. The CPU must have AVX512F, DQ and
// VL (package dispatch checks).
func AVX512() (Kernels, bool) {
	return Kernels{
		Name:      "avx512",
		SumF64:    sumF64AVX512,
		SumF32:    sumF32AVX512,
		DevF64:    devF64AVX512,
		DevF32:    devF32AVX512,
		NanSumF64: nanSumF64AVX512,
		NanSumF32: nanSumF32AVX512,
		NanDevF64: nanDevF64AVX512,
		NanDevF32: nanDevF32AVX512,
		MinF64:    Min[float64],
		MinF32:    Min[float32],
		MaxF64:    Max[float64],
		MaxF32:    Max[float32],
		NanMinF64: NanMin[float64],
		NanMinF32: NanMin[float32],
		NanMaxF64: NanMax[float64],
		NanMaxF32: NanMax[float32],
	}, true
}

// NEON returns the arm64 NEON routines; false when this build has none.
func NEON() (Kernels, bool) { return Kernels{}, false }
