//go:build !purego

package asm

// AVX2 returns the AVX2+FMA routines. The CPU must have AVX2 and FMA
// (package dispatch checks).
func AVX2() (Kernels, bool) {
	return withGroupAsm(Kernels{
		Name:      "avx2",
		SumF64:    sumF64AVX2,
		SumF32:    sumF32AVX2,
		DevF64:    devF64AVX2,
		DevF32:    devF32AVX2,
		NanSumF64: nanSumF64AVX2,
		NanSumF32: nanSumF32AVX2,
		NanDevF64: nanDevF64AVX2,
		NanDevF32: nanDevF32AVX2,
		SumDevF64: sumDevF64AVX2,
		SumDevF32: sumDevF32AVX2,
		MinF64:    atLeast(4, minF64AVX2, Min[float64]),
		MinF32:    atLeast(8, minF32AVX2, Min[float32]),
		MaxF64:    atLeast(4, maxF64AVX2, Max[float64]),
		MaxF32:    atLeast(8, maxF32AVX2, Max[float32]),
		NanMinF64: atLeast(4, nanMinF64AVX2, NanMin[float64]),
		NanMinF32: atLeast(8, nanMinF32AVX2, NanMin[float32]),
		NanMaxF64: atLeast(4, nanMaxF64AVX2, NanMax[float64]),
		NanMaxF32: atLeast(8, nanMaxF32AVX2, NanMax[float32]),
	}), true
}

// AVX512 returns the AVX-512 routines. The CPU must have AVX512F, DQ and
// VL (package dispatch checks).
func AVX512() (Kernels, bool) {
	return withGroupAsm(Kernels{
		Name:      "avx512",
		SumF64:    sumF64AVX512,
		SumF32:    sumF32AVX512,
		DevF64:    devF64AVX512,
		DevF32:    devF32AVX512,
		NanSumF64: nanSumF64AVX512,
		NanSumF32: nanSumF32AVX512,
		NanDevF64: nanDevF64AVX512,
		NanDevF32: nanDevF32AVX512,
		SumDevF64: sumDevF64AVX512,
		SumDevF32: sumDevF32AVX512,
		MinF64:    atLeast(8, minF64AVX512, Min[float64]),
		MinF32:    atLeast(16, minF32AVX512, Min[float32]),
		MaxF64:    atLeast(8, maxF64AVX512, Max[float64]),
		MaxF32:    atLeast(16, maxF32AVX512, Max[float32]),
		NanMinF64: atLeast(8, nanMinF64AVX512, NanMin[float64]),
		NanMinF32: atLeast(16, nanMinF32AVX512, NanMin[float32]),
		NanMaxF64: atLeast(8, nanMaxF64AVX512, NanMax[float64]),
		NanMaxF32: atLeast(16, nanMaxF32AVX512, NanMax[float32]),
	}), true
}

// NEON returns the arm64 NEON routines; false when this build has none.
func NEON() (Kernels, bool) { return Kernels{}, false }

// atLeast returns f for inputs of at least lanes elements and ref for
// shorter ones: the min/max routines start from one full register of
// elements.
func atLeast[T Float](lanes int, f, ref func([]T) float64) func([]T) float64 {
	return func(x []T) float64 {
		if len(x) < lanes {
			return ref(x)
		}
		return f(x)
	}
}

// withGroupAsm returns k with the group-by routines, which both levels
// share (VEX encodings).
func withGroupAsm(k Kernels) Kernels {
	k.GroupSumF64 = groupSumAsm(1, groupSumF64L1, groupSumF64L4)
	k.GroupSumF32 = groupSumAsm(1, groupSumF32L1, groupSumF32L4)
	k.GroupNanSumsF64 = groupSumAsm(2, groupNanSumsF64L1, groupNanSumsF64L4)
	k.GroupNanSumsF32 = groupSumAsm(2, groupNanSumsF32L1, groupNanSumsF32L4)
	k.GroupSumsF64 = groupSumsAsm(groupSumsF64L1, groupSumsF64L4, groupCountSumsF64L1, groupCountSumsF64L4)
	k.GroupSumsF32 = groupSumsAsm(groupSumsF32L1, groupSumsF32L4, groupCountSumsF32L1, groupCountSumsF32L4)
	k.GroupSums3F64 = groupSums3Asm(groupSums3F64L1, groupSums3F64L4)
	k.GroupSums3F32 = groupSums3Asm(groupSums3F32L1, groupSums3F32L4)
	k.GroupDevsF64 = groupDevsAsm(groupDevsF64L1, groupDevsF64L4)
	k.GroupDevsF32 = groupDevsAsm(groupDevsF32L1, groupDevsF32L4)
	k.GroupNanDevsF64 = groupDevsAsm(groupNanDevsF64L1, groupNanDevsF64L4)
	k.GroupNanDevsF32 = groupDevsAsm(groupNanDevsF32L1, groupNanDevsF32L4)
	k.GroupMomentsF64 = groupMomentsAsm(groupMomentsF64L1, groupMomentsF64L4)
	k.GroupMomentsF32 = groupMomentsAsm(groupMomentsF32L1, groupMomentsF32L4)
	k.GroupMoments3F64 = groupMoments3Asm(groupMoments3F64L1, groupMoments3F64L4)
	k.GroupMoments3F32 = groupMoments3Asm(groupMoments3F32L1, groupMoments3F32L4)
	k.GroupNanSums3F64 = groupNanSums3Asm(groupNanSums3F64L1, groupNanSums3F64L4)
	k.GroupNanSums3F32 = groupNanSums3Asm(groupNanSums3F32L1, groupNanSums3F32L4)
	k.GroupNanDevs3F64 = groupNanDevs3Asm(groupNanDevs3F64L1, groupNanDevs3F64L4)
	k.GroupNanDevs3F32 = groupNanDevs3Asm(groupNanDevs3F32L1, groupNanDevs3F32L4)
	k.GroupExtF64 = groupExtAsm([4][3]func(int, []int32, []float64, []float64, []float64, []int64){
		{groupExtMinF64, groupExtMaxF64, groupExtMinMaxF64},
		{groupExtNanMinF64, groupExtNanMaxF64, groupExtNanMinMaxF64},
		{groupExtCountMinF64, groupExtCountMaxF64, groupExtCountMinMaxF64},
		{groupExtNanCountMinF64, groupExtNanCountMaxF64, groupExtNanCountMinMaxF64},
	}, groupExtGo[float64])
	k.GroupExtF32 = groupExtAsm([4][3]func(int, []int32, []float32, []float64, []float64, []int64){
		{groupExtMinF32, groupExtMaxF32, groupExtMinMaxF32},
		{groupExtNanMinF32, groupExtNanMaxF32, groupExtNanMinMaxF32},
		{groupExtCountMinF32, groupExtCountMaxF32, groupExtCountMinMaxF32},
		{groupExtNanCountMinF32, groupExtNanCountMaxF32, groupExtNanCountMinMaxF32},
	}, groupExtGo[float32])
	k.Scatter32 = scatterLines(scatter32NT, scatterGo[uint32])
	k.Scatter64 = scatterLines(scatter64NT, scatterGo[uint64])
	k.ScatterRows = scatterRowsAsm
	k.ScatterParts64 = scatterLines(scatterParts64NT, scatterPartsGo[uint64])
	return k
}

// groupSumsAsm wraps the GroupSums routines: it picks the one of the
// lane count and checks the table and the column lengths that they trust.
func groupSumsAsm[T Float](two1, two4 func(mask int, k []int32, a, b []T, s []float64),
	count1, count4 func(mask int, k []int32, a []T, s []float64)) func(lanes int, k []int32, a, b []T, s []float64) {
	return func(lanes int, k []int32, a, b []T, s []float64) {
		mask := groupMask(lanes, 2, s)
		a = a[:len(k)]
		switch {
		case b == nil && lanes == 1:
			count1(mask, k, a, s)
		case b == nil:
			count4(mask, k, a, s)
		case lanes == 1:
			two1(mask, k, a, b[:len(k)], s)
		default:
			two4(mask, k, a, b[:len(k)], s)
		}
	}
}

// groupExtAsm wraps the GroupExt routines, f[plain, skipNaN, counting or
// both][min, max or both]: it picks the one of the tables asked for and
// checks them and x's length. The counts alone, which the group-by never
// asks for, go to the portable loop.
func groupExtAsm[T Float](f [4][3]func(mask int, k []int32, x []T, lo, hi []float64, n []int64),
	portable func(k []int32, x []T, lo, hi []float64, n []int64, skipNaN bool)) func(k []int32, x []T, lo, hi []float64, n []int64, skipNaN bool) {
	return func(k []int32, x []T, lo, hi []float64, n []int64, skipNaN bool) {
		mask, ok := extMask(lo, hi, n)
		if !ok {
			return
		}
		if lo == nil && hi == nil {
			portable(k, x, lo, hi, n, skipNaN)
			return
		}
		which := 2
		switch {
		case hi == nil:
			which = 0
		case lo == nil:
			which = 1
		}
		kind := 0
		if skipNaN {
			kind |= 1
		}
		if n != nil {
			kind |= 2
		}
		f[kind][which](mask, k, x[:len(k)], lo, hi, n)
	}
}

// groupSumAsm wraps the routines of one column and slots of w (GroupSum,
// GroupNanSums) like groupSumsAsm.
func groupSumAsm[T Float](w int, f1, f4 func(mask int, k []int32, x []T, s []float64)) func(lanes int, k []int32, x []T, s []float64) {
	return func(lanes int, k []int32, x []T, s []float64) {
		mask := groupMask(lanes, w, s)
		f := f4
		if lanes == 1 {
			f = f1
		}
		f(mask, k, x[:len(k)], s)
	}
}

// groupDevsAsm wraps the GroupDevs routines like groupSumsAsm.
func groupDevsAsm[T Float](f1, f4 func(mask int, k []int32, x []T, m0, cq []float64)) func(lanes int, k []int32, x []T, m0, cq []float64) {
	return func(lanes int, k []int32, x []T, m0, cq []float64) {
		mask := groupMask(lanes, 2, cq)
		f := f4
		if lanes == 1 {
			f = f1
		}
		f(mask, k, x[:len(k)], m0[:mask+1], cq)
	}
}

// groupSums3Asm wraps the GroupSums3 routines like groupSumsAsm.
func groupSums3Asm[T Float](f1, f4 func(mask int, k []int32, a, b, c []T, s []float64)) func(lanes int, k []int32, a, b, c []T, s []float64) {
	return func(lanes int, k []int32, a, b, c []T, s []float64) {
		mask := groupMask(lanes, 4, s)
		f := f4
		if lanes == 1 {
			f = f1
		}
		f(mask, k, a[:len(k)], b[:len(k)], c[:len(k)], s)
	}
}

// groupNanSums3Asm wraps the GroupNanSums3 routines like groupSumsAsm.
func groupNanSums3Asm[T Float](f1, f4 func(mask int, k []int32, a, b, c []T, s []float64)) func(lanes int, k []int32, a, b, c []T, s []float64) {
	return func(lanes int, k []int32, a, b, c []T, s []float64) {
		mask := groupMask(lanes, 8, s)
		f := f4
		if lanes == 1 {
			f = f1
		}
		f(mask, k, a[:len(k)], b[:len(k)], c[:len(k)], s)
	}
}

// groupNanDevs3Asm wraps the GroupNanDevs3 routines like groupSumsAsm.
func groupNanDevs3Asm[T Float](f1, f4 func(mask int, k []int32, a, b, c []T, m0, s []float64)) func(lanes int, k []int32, a, b, c []T, m0, cq []float64) {
	return func(lanes int, k []int32, a, b, c []T, m0, cq []float64) {
		mask := groupMask(lanes, 8, cq)
		f := f4
		if lanes == 1 {
			f = f1
		}
		f(mask, k, a[:len(k)], b[:len(k)], c[:len(k)], m0[:4*(mask+1)], cq)
	}
}

// groupMomentsAsm wraps the GroupMoments routines like groupSumsAsm.
func groupMomentsAsm[T Float](f1, f4 func(mask int, k []int32, x []T, K, t []float64)) func(lanes int, k []int32, x []T, K, t []float64) {
	return func(lanes int, k []int32, x []T, K, t []float64) {
		mask := groupMask(lanes, 4, t)
		f := f4
		if lanes == 1 {
			f = f1
		}
		f(mask, k, x[:len(k)], K[:2*(mask+1)], t)
	}
}

// groupMoments3Asm wraps the GroupMoments3 routines like groupSumsAsm.
func groupMoments3Asm[T Float](f1, f4 func(mask int, k []int32, a, b, c []T, K, t []float64)) func(lanes int, k []int32, a, b, c []T, K, t []float64) {
	return func(lanes int, k []int32, a, b, c []T, K, t []float64) {
		mask := groupMask(lanes, 12, t)
		f := f4
		if lanes == 1 {
			f = f1
		}
		f(mask, k, a[:len(k)], b[:len(k)], c[:len(k)], K[:4*(mask+1)], t)
	}
}
