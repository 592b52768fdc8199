package asm

// Kernels is the set of per-block routines of one instruction-set level.
//
// The block routines (Sum, Dev, NanSum, NanDev, SumDev) take at most
// [BlockSize] elements and must return exactly what the reference functions
// of the same name return ([SumBlock], [DevBlock], [NanSumBlock],
// [NanDevBlock], [SumDevBlocks]), bit for bit except that the payload of a
// NaN result is unspecified. The
// Min/Max routines take any length and must match [Min], [Max], [NanMin]
// and [NanMax] the same way.
type Kernels struct {
	Name string

	SumF64 func(x []float64) float64
	SumF32 func(x []float32) float64

	DevF64 func(x []float64, m0 float64) (c, q float64)
	DevF32 func(x []float32, m0 float64) (c, q float64)

	NanSumF64 func(x []float64) (s float64, n int)
	NanSumF32 func(x []float32) (s float64, n int)

	NanDevF64 func(x []float64, m0 float64) (c, q float64)
	NanDevF32 func(x []float32, m0 float64) (c, q float64)

	// SumDev is Sum of next and Dev of prev in one call: a level may
	// interleave the two so that next streams from memory while the
	// deviations of prev (in cache) are computed.
	SumDevF64 func(next, prev []float64, m0 float64) (s, c, q float64)
	SumDevF32 func(next, prev []float32, m0 float64) (s, c, q float64)

	MinF64, MaxF64, NanMinF64, NanMaxF64 func(x []float64) float64
	MinF32, MaxF32, NanMinF32, NanMaxF32 func(x []float32) float64

	// The group-by passes over a chunk must match [GroupSum],
	// [GroupSums], [GroupSums3], [GroupDevs], [GroupNanSums],
	// [GroupNanDevs], [GroupNanSums3], [GroupNanDevs3], [GroupExt],
	// [GroupMoments] and [GroupMoments3] bit for bit.
	GroupSumF64   func(lanes int, k []int32, x []float64, s []float64)
	GroupSumF32   func(lanes int, k []int32, x []float32, s []float64)
	GroupSumsF64  func(lanes int, k []int32, a, b []float64, s []float64)
	GroupSumsF32  func(lanes int, k []int32, a, b []float32, s []float64)
	GroupSums3F64 func(lanes int, k []int32, a, b, c []float64, s []float64)
	GroupSums3F32 func(lanes int, k []int32, a, b, c []float32, s []float64)
	GroupDevsF64  func(lanes int, k []int32, x []float64, m0, cq []float64)
	GroupDevsF32  func(lanes int, k []int32, x []float32, m0, cq []float64)

	GroupNanSumsF64  func(lanes int, k []int32, x []float64, s []float64)
	GroupNanSumsF32  func(lanes int, k []int32, x []float32, s []float64)
	GroupNanDevsF64  func(lanes int, k []int32, x []float64, m0, cq []float64)
	GroupNanDevsF32  func(lanes int, k []int32, x []float32, m0, cq []float64)
	GroupNanSums3F64 func(lanes int, k []int32, a, b, c []float64, s []float64)
	GroupNanSums3F32 func(lanes int, k []int32, a, b, c []float32, s []float64)
	GroupNanDevs3F64 func(lanes int, k []int32, a, b, c []float64, m0, cq []float64)
	GroupNanDevs3F32 func(lanes int, k []int32, a, b, c []float32, m0, cq []float64)
	GroupExtF64      func(k []int32, x []float64, lo, hi []float64, n []int64, skipNaN bool)
	GroupExtF32      func(k []int32, x []float32, lo, hi []float64, n []int64, skipNaN bool)

	GroupMomentsF64  func(lanes int, k []int32, x []float64, K, t []float64)
	GroupMomentsF32  func(lanes int, k []int32, x []float32, K, t []float64)
	GroupMoments3F64 func(lanes int, k []int32, a, b, c []float64, K, t []float64)
	GroupMoments3F32 func(lanes int, k []int32, a, b, c []float32, K, t []float64)

	// The group-by's radix partition must match [Scatter32] and
	// [Scatter64] and [ScatterRows], factorize's [ScatterParts64].
	Scatter32      func(k []int32, src []uint32, start, pos []int, dst, buf []uint32)
	Scatter64      func(k []int32, src []uint64, start, pos []int, dst, buf []uint64)
	ScatterRows    func(k []int32, src [][]uint64, start, pos []int, dk []uint32, dst [][]uint64, buf []uint64)
	ScatterParts64 func(part []uint8, src []uint64, start, pos []int, dst, buf []uint64)
}

// Funcs is the part of a [Kernels] for one element type.
type Funcs[T Float] struct {
	Sum                      func(x []T) float64
	Dev, NanDev              func(x []T, m0 float64) (c, q float64)
	NanSum                   func(x []T) (s float64, n int)
	SumDev                   func(next, prev []T, m0 float64) (s, c, q float64)
	Min, Max, NanMin, NanMax func(x []T) float64
	GroupSum                 func(lanes int, k []int32, x []T, s []float64)
	GroupSums                func(lanes int, k []int32, a, b []T, s []float64)
	GroupSums3               func(lanes int, k []int32, a, b, c []T, s []float64)
	GroupDevs                func(lanes int, k []int32, x []T, m0, cq []float64)
	GroupNanSums             func(lanes int, k []int32, x []T, s []float64)
	GroupNanDevs             func(lanes int, k []int32, x []T, m0, cq []float64)
	GroupNanSums3            func(lanes int, k []int32, a, b, c []T, s []float64)
	GroupNanDevs3            func(lanes int, k []int32, a, b, c []T, m0, cq []float64)
	GroupExt                 func(k []int32, x []T, lo, hi []float64, n []int64, skipNaN bool)
	GroupMoments             func(lanes int, k []int32, x []T, K, t []float64)
	GroupMoments3            func(lanes int, k []int32, a, b, c []T, K, t []float64)
}

// For returns the routines of k for element type T.
func For[T Float](k Kernels) Funcs[T] {
	// Each assertion succeeds for the matching T only.
	var zero T
	if _, ok := any(zero).(float64); ok {
		return any(Funcs[float64]{
			Sum: k.SumF64, Dev: k.DevF64, NanDev: k.NanDevF64, NanSum: k.NanSumF64, SumDev: k.SumDevF64,
			Min: k.MinF64, Max: k.MaxF64, NanMin: k.NanMinF64, NanMax: k.NanMaxF64,
			GroupSum: k.GroupSumF64, GroupSums: k.GroupSumsF64, GroupSums3: k.GroupSums3F64,
			GroupDevs: k.GroupDevsF64, GroupNanSums: k.GroupNanSumsF64, GroupNanDevs: k.GroupNanDevsF64,
			GroupExt: k.GroupExtF64, GroupNanSums3: k.GroupNanSums3F64, GroupNanDevs3: k.GroupNanDevs3F64,
			GroupMoments: k.GroupMomentsF64, GroupMoments3: k.GroupMoments3F64,
		}).(Funcs[T])
	}
	return any(Funcs[float32]{
		Sum: k.SumF32, Dev: k.DevF32, NanDev: k.NanDevF32, NanSum: k.NanSumF32, SumDev: k.SumDevF32,
		Min: k.MinF32, Max: k.MaxF32, NanMin: k.NanMinF32, NanMax: k.NanMaxF32,
		GroupSum: k.GroupSumF32, GroupSums: k.GroupSumsF32, GroupSums3: k.GroupSums3F32,
		GroupDevs: k.GroupDevsF32, GroupNanSums: k.GroupNanSumsF32, GroupNanDevs: k.GroupNanDevsF32,
		GroupExt: k.GroupExtF32, GroupNanSums3: k.GroupNanSums3F32, GroupNanDevs3: k.GroupNanDevs3F32,
		GroupMoments: k.GroupMomentsF32, GroupMoments3: k.GroupMoments3F32,
	}).(Funcs[T])
}

// sumThenDev is a SumDev made of a level's Sum and Dev, one after the
// other: the fallback of the levels without a fused routine.
func sumThenDev[T Float](sum func([]T) float64, dev func([]T, float64) (c, q float64)) func(next, prev []T, m0 float64) (s, c, q float64) {
	return func(next, prev []T, m0 float64) (s, c, q float64) {
		c, q = dev(prev, m0)
		return sum(next), c, q
	}
}
