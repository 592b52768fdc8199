// Package kernels provides numeric reductions over float64 and float32
// slices — Sum, Mean, Var, Std, Min, Max and their NaN-skipping variants —
// that run at the speed of the hardware and return the same bits on every
// machine, instruction-set level and worker count.
//
// Reproducibility comes from one fixed order of floating-point operations,
// the canonical order of docs/design.md: blocks of 4096 elements, each
// reduced over 32 float64 lanes folded 16-8-4-2-1, and the block results
// combined by a fixed pairwise tree. Every level (generic, AVX2, AVX-512,
// NEON) and every split over workers evaluates exactly that order. float32
// input is widened to float64 on load, and every result is a float64. A NaN
// result is always math.NaN().
//
// The package-level functions run on the best level of this CPU and all of
// GOMAXPROCS (see [Default]). An [Engine] pins the level and the worker
// count, so one process can compare them side by side.
package kernels
