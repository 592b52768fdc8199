// Package asm holds the per-block routines of every kernel: the portable
// reference, which is the specification, and the SIMD versions that must
// reproduce it bit for bit.
//
// A block is at most [BlockSize] elements. Each routine does the per-block
// work of the canonical evaluation order described in docs/design.md:
// 32 float64 lane accumulators filled in increasing index order, a fold
// 16-8-4-2-1, then the tail added in order. Combining blocks is left to the
// caller (package kernels), which is shared by all levels.
//
// The routines of one instruction-set level are gathered in a [Kernels]
// value. [Reference] is always available; the SIMD tables are returned by
// functions that report whether this build contains them. Whether the CPU
// can run them is decided by package dispatch, never here.
package asm
