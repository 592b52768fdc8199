//go:build !purego

package asm

// AVX2 returns the AVX2+FMA routines; false when this build has none.
func AVX2() (Kernels, bool) { return Kernels{}, false }

// AVX512 returns the AVX-512 routines; false when this build has none.
func AVX512() (Kernels, bool) { return Kernels{}, false }

// NEON returns the arm64 NEON routines; false when this build has none.
func NEON() (Kernels, bool) { return Kernels{}, false }
