package asm

import (
	"math"
	"unsafe"
)

// The group-by passes over one chunk of rows (docs/design.md, "The
// canonical order of a group-by"). Row i of a chunk, whose first row is a
// multiple of 4, belongs to sub-accumulator j = i mod lanes of its group
// g = k[i]; lanes is 1 or 4. A table holds one slot of w float64
// sub-accumulators (w = 1, 2, 4 or 12, one per column, count or square) per
// (group, j), at index w*(lanes*g + j), so that one 16- or 32-byte add
// updates them all.
//
// Every index is masked: g = k[i] & (len(t)/(w*lanes) - 1) for a table t
// whose length is w*lanes times a power of two. Codes are checked by the
// caller, so the mask changes nothing for valid input; it keeps a code that
// changed after the check inside the table's memory.

// GroupSum adds, for every row i, x[i] to its slot of 1 in s: a column's
// sums alone, without the row count.
//
// It is the specification of the GroupSum routines.
func GroupSum[T Float](lanes int, k []int32, x []T, s []float64) {
	mask := groupMask(lanes, 1, s)
	for i, c := range k {
		s[lanes*(int(c)&mask)+i&(lanes-1)] += float64(x[i])
	}
}

// GroupSums adds, for every row i, a[i] to the first sub-accumulator of its
// slot of 2 in s and b[i] to the second, or 1 to the second when b is nil
// (the group's row count, exact below 2^53). float32 values are widened.
//
// It is the specification of the GroupSums routines.
func GroupSums[T Float](lanes int, k []int32, a, b []T, s []float64) {
	mask := groupMask(lanes, 2, s)
	for i, c := range k {
		p := 2 * (lanes*(int(c)&mask) + i&(lanes-1))
		s[p] += float64(a[i])
		if b == nil {
			s[p+1] += 1
		} else {
			s[p+1] += float64(b[i])
		}
	}
}

// GroupSums3 adds, for every row i, a[i], b[i], c[i] and 1 to the four
// sub-accumulators of its slot of 4 in s.
//
// It is the specification of the GroupSums3 routines.
func GroupSums3[T Float](lanes int, k []int32, a, b, c []T, s []float64) {
	mask := groupMask(lanes, 4, s)
	for i, g := range k {
		p := 4 * (lanes*(int(g)&mask) + i&(lanes-1))
		s[p] += float64(a[i])
		s[p+1] += float64(b[i])
		s[p+2] += float64(c[i])
		s[p+3] += 1
	}
}

// GroupDevs accumulates, for every row i, d = x[i] - m0[g] into the first
// sub-accumulator of its slot of 2 in cq and the rounded square d*d into
// the second (no fused multiply-add). len(m0) is at least len(cq)/(2*lanes).
//
// It is the specification of the GroupDevs routines.
func GroupDevs[T Float](lanes int, k []int32, x []T, m0, cq []float64) {
	mask := groupMask(lanes, 2, cq)
	m0 = m0[:mask+1]
	for i, c := range k {
		g := int(c) & mask
		d := float64(x[i]) - m0[g]
		p := 2 * (lanes*g + i&(lanes-1))
		cq[p] += d
		cq[p+1] += float64(d * d)
	}
}

// GroupNanSums adds, for every row i, x[i] to the first sub-accumulator
// of its slot of 2 in s and 1 to the second, or +0.0 to both when x[i] is
// NaN: the NaN-skipping sums and the non-NaN counts (exact below 2^53).
//
// It is the specification of the GroupNanSums routines.
func GroupNanSums[T Float](lanes int, k []int32, x []T, s []float64) {
	mask := groupMask(lanes, 2, s)
	for i, c := range k {
		p := 2 * (lanes*(int(c)&mask) + i&(lanes-1))
		v, n := float64(x[i]), 1.0
		if v != v {
			v, n = 0, 0
		}
		s[p] += v
		s[p+1] += n
	}
}

// GroupNanDevs is [GroupDevs] with d = +0.0 for a NaN x[i].
//
// It is the specification of the GroupNanDevs routines.
func GroupNanDevs[T Float](lanes int, k []int32, x []T, m0, cq []float64) {
	mask := groupMask(lanes, 2, cq)
	m0 = m0[:mask+1]
	for i, c := range k {
		g := int(c) & mask
		d := float64(x[i]) - m0[g]
		if x[i] != x[i] {
			d = 0
		}
		p := 2 * (lanes*g + i&(lanes-1))
		cq[p] += d
		cq[p+1] += float64(d * d)
	}
}

// GroupNanSums3 is [GroupNanSums] of three columns at once in a slot of
// 8: for every row i, a[i], b[i], c[i] (+0.0 for a NaN) and 1 to the first
// four sub-accumulators and their non-NaN counts (and 1) to the last four.
//
// It is the specification of the GroupNanSums3 routines.
func GroupNanSums3[T Float](lanes int, k []int32, a, b, c []T, s []float64) {
	mask := groupMask(lanes, 8, s)
	for i, g := range k {
		p := 8 * (lanes*(int(g)&mask) + i&(lanes-1))
		for j, x := range [3]T{a[i], b[i], c[i]} {
			v, n := float64(x), 1.0
			if v != v {
				v, n = 0, 0
			}
			s[p+j] += v
			s[p+4+j] += n
		}
		s[p+3]++
		s[p+7]++
	}
}

// GroupNanDevs3 is [GroupNanDevs] of three columns at once in a slot of
// 8, around m0[4g+j] for column j: for every row i, the deviations d of
// a[i], b[i], c[i] (+0.0 for a NaN) and 1 - m0[4g+3] to the first four
// sub-accumulators and their rounded squares to the last four. len(m0) is
// at least len(cq)/(2*lanes).
//
// It is the specification of the GroupNanDevs3 routines.
func GroupNanDevs3[T Float](lanes int, k []int32, a, b, c []T, m0, cq []float64) {
	mask := groupMask(lanes, 8, cq)
	m0 = m0[:4*(mask+1)]
	for i, code := range k {
		g := int(code) & mask
		p := 8 * (lanes*g + i&(lanes-1))
		for j, x := range [4]float64{float64(a[i]), float64(b[i]), float64(c[i]), 1} {
			d := x - m0[4*g+j]
			if x != x {
				d = 0
			}
			cq[p+j] += d
			cq[p+4+j] += float64(d * d)
		}
	}
}

// GroupExt folds, for every row i of group g = k[i] & (len-1), x[i] into
// lo[g] with Go's min and into hi[g] with Go's max (a NaN wins, -0 < +0;
// the order of the rows does not matter), or leaves both as they are for a
// NaN x[i] when skipNaN; and adds 1 to n[g] for every row it folds (with
// skipNaN, the non-NaN ones). Any of lo, hi and n may be nil; those that
// are not have one power-of-two length len.
//
// It is the specification of the GroupExt routines.
func GroupExt[T Float](k []int32, x []T, lo, hi []float64, n []int64, skipNaN bool) {
	mask, ok := extMask(lo, hi, n)
	if !ok {
		return
	}
	for i, c := range k {
		g := int(c) & mask
		v := float64(x[i])
		if skipNaN && v != v {
			continue
		}
		if n != nil {
			n[g]++
		}
		if lo != nil {
			lo[g] = min(lo[g], v)
		}
		if hi != nil {
			hi[g] = max(hi[g], v)
		}
	}
}

// extMask returns the index mask of GroupExt's tables, and false when they
// are all nil; it panics unless those that are not nil have one
// power-of-two length.
func extMask(lo, hi []float64, n []int64) (int, bool) {
	l := max(len(lo), len(hi), len(n))
	if lo == nil && hi == nil && n == nil {
		return 0, false
	}
	if l == 0 || l&(l-1) != 0 || lo != nil && len(lo) != l || hi != nil && len(hi) != l || n != nil && len(n) != l {
		panic("asm: GroupExt tables are not of one power-of-two length")
	}
	return l - 1, true
}

// GroupMoments accumulates, for every row i of group g, [x[i], 1, d, d*d]
// into its slot of 4 in t, where d = x[i] - K[2g] and d*d is rounded (no
// fused multiply-add). K[2g] is the group's shift: the group's first row
// (the first i with K[2g+1] still +0.0) sets K[2g], K[2g+1] to x[i], 1, so
// its own d is 0, and zeroes the group's slots first. So t need not be
// cleared: the slots of a group whose K is still unset are not written.
// len(K) is at least 2*len(t)/(4*lanes).
//
// It is the specification of the GroupMoments routines.
func GroupMoments[T Float](lanes int, k []int32, x []T, K, t []float64) {
	mask := groupMask(lanes, 4, t)
	K = K[:2*(mask+1)]
	for i, c := range k {
		g := int(c) & mask
		if math.Float64bits(K[2*g+1]) == 0 {
			K[2*g], K[2*g+1] = float64(x[i]), 1
			clear(t[4*lanes*g : 4*lanes*(g+1)])
		}
		d := float64(x[i]) - K[2*g]
		p := 4 * (lanes*g + i&(lanes-1))
		t[p] += float64(x[i])
		t[p+1] += 1
		t[p+2] += d
		t[p+3] += float64(d * d)
	}
}

// GroupMoments3 is GroupMoments for three columns in slots of 12:
// [a, b, c, 1, da, db, dc, 0, da*da, db*db, dc*dc, 0], with the shifts
// K[4g], K[4g+1], K[4g+2] (and K[4g+3] = 1 once set) from the group's
// first row, which zeroes the group's slots first. len(K) is at least
// 4*len(t)/(12*lanes).
//
// It is the specification of the GroupMoments3 routines.
func GroupMoments3[T Float](lanes int, k []int32, a, b, c []T, K, t []float64) {
	mask := groupMask(lanes, 12, t)
	K = K[:4*(mask+1)]
	for i, code := range k {
		g := int(code) & mask
		v := [4]float64{float64(a[i]), float64(b[i]), float64(c[i]), 1}
		s := (*[4]float64)(K[4*g:])
		if math.Float64bits(s[3]) == 0 {
			*s = v
			clear(t[12*lanes*g : 12*lanes*(g+1)])
		}
		p := (*[12]float64)(t[12*(lanes*g+i&(lanes-1)):])
		for j := range 4 {
			d := v[j] - s[j]
			p[j] += v[j]
			p[4+j] += d
			p[8+j] += float64(d * d)
		}
	}
}

// groupMask returns the group mask of table t of slots of w, whose length
// must be w*lanes times a power of two.
func groupMask(lanes, w int, t []float64) int {
	n := len(t) / (w * lanes)
	if (lanes != 1 && lanes != 4) || n == 0 || len(t) != w*lanes*n || n&(n-1) != 0 {
		panic("asm: group table length is not a power of two times its slots")
	}
	return n - 1
}

// groupSumGo is GroupSum without bounds checks, for the generic level.
func groupSumGo[T Float](lanes int, k []int32, x []T, s []float64) {
	mask := uintptr(groupMask(lanes, 1, s))
	x = x[:len(k)]
	sp := unsafe.Pointer(unsafe.SliceData(s))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, c := range k {
		*(*float64)(unsafe.Add(sp, 8*(L*(uintptr(c)&mask)+uintptr(i)&lm))) += float64(x[i])
	}
}

// groupSumsGo is GroupSums without bounds checks, for the generic level:
// the masked index stays inside s.
func groupSumsGo[T Float](lanes int, k []int32, a, b []T, s []float64) {
	mask := uintptr(groupMask(lanes, 2, s))
	a = a[:len(k)]
	if b != nil {
		b = b[:len(k)]
	}
	sp := unsafe.Pointer(unsafe.SliceData(s))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, c := range k {
		pr := (*[2]float64)(unsafe.Add(sp, 16*(L*(uintptr(c)&mask)+uintptr(i)&lm)))
		pr[0] += float64(a[i])
		if b == nil {
			pr[1] += 1
		} else {
			pr[1] += float64(b[i])
		}
	}
}

// groupDevsGo is GroupDevs, or GroupNanDevs with skipNaN, without bounds
// checks, for the generic level.
func groupDevsGo[T Float](lanes int, k []int32, x []T, m0, cq []float64, skipNaN bool) {
	mask := uintptr(groupMask(lanes, 2, cq))
	x = x[:len(k)]
	m0 = m0[:mask+1]
	qp, mp := unsafe.Pointer(unsafe.SliceData(cq)), unsafe.Pointer(unsafe.SliceData(m0))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, c := range k {
		g := uintptr(c) & mask
		v := float64(x[i])
		d := v - *(*float64)(unsafe.Add(mp, 8*g))
		if skipNaN && v != v {
			d = 0
		}
		pr := (*[2]float64)(unsafe.Add(qp, 16*(L*g+uintptr(i)&lm)))
		pr[0] += d
		pr[1] += float64(d * d)
	}
}

// devsGo returns groupDevsGo for one value of skipNaN.
func devsGo[T Float](skipNaN bool) func(lanes int, k []int32, x []T, m0, cq []float64) {
	return func(lanes int, k []int32, x []T, m0, cq []float64) { groupDevsGo(lanes, k, x, m0, cq, skipNaN) }
}

// groupNanSumsGo is GroupNanSums without bounds checks, for the generic
// level.
func groupNanSumsGo[T Float](lanes int, k []int32, x []T, s []float64) {
	mask := uintptr(groupMask(lanes, 2, s))
	x = x[:len(k)]
	sp := unsafe.Pointer(unsafe.SliceData(s))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, c := range k {
		pr := (*[2]float64)(unsafe.Add(sp, 16*(L*(uintptr(c)&mask)+uintptr(i)&lm)))
		v, n := float64(x[i]), 1.0
		if v != v {
			v, n = 0, 0
		}
		pr[0] += v
		pr[1] += n
	}
}

// groupNanSums3Go is GroupNanSums3 without bounds checks, for the generic
// level.
func groupNanSums3Go[T Float](lanes int, k []int32, a, b, c []T, s []float64) {
	mask := uintptr(groupMask(lanes, 8, s))
	a, b, c = a[:len(k)], b[:len(k)], c[:len(k)]
	sp := unsafe.Pointer(unsafe.SliceData(s))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, g := range k {
		q := (*[8]float64)(unsafe.Add(sp, 64*(L*(uintptr(g)&mask)+uintptr(i)&lm)))
		for j, x := range [3]T{a[i], b[i], c[i]} {
			v, n := float64(x), 1.0
			if v != v {
				v, n = 0, 0
			}
			q[j] += v
			q[4+j] += n
		}
		q[3]++
		q[7]++
	}
}

// groupNanDevs3Go is GroupNanDevs3 without bounds checks, for the generic
// level.
func groupNanDevs3Go[T Float](lanes int, k []int32, a, b, c []T, m0, cq []float64) {
	mask := uintptr(groupMask(lanes, 8, cq))
	a, b, c = a[:len(k)], b[:len(k)], c[:len(k)]
	m0 = m0[:4*(mask+1)]
	qp, mp := unsafe.Pointer(unsafe.SliceData(cq)), unsafe.Pointer(unsafe.SliceData(m0))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, code := range k {
		g := uintptr(code) & mask
		m := (*[4]float64)(unsafe.Add(mp, 32*g))
		q := (*[8]float64)(unsafe.Add(qp, 64*(L*g+uintptr(i)&lm)))
		for j, x := range [4]float64{float64(a[i]), float64(b[i]), float64(c[i]), 1} {
			d := x - m[j]
			if x != x {
				d = 0
			}
			q[j] += d
			q[4+j] += float64(d * d)
		}
	}
}

// groupExtGo is GroupExt without bounds checks, for the generic level.
func groupExtGo[T Float](k []int32, x []T, lo, hi []float64, n []int64, skipNaN bool) {
	m, ok := extMask(lo, hi, n)
	if !ok {
		return
	}
	mask := uintptr(m)
	x = x[:len(k)]
	lp, hp := unsafe.Pointer(unsafe.SliceData(lo)), unsafe.Pointer(unsafe.SliceData(hi))
	np := unsafe.Pointer(unsafe.SliceData(n))
	for i, c := range k {
		off := 8 * (uintptr(c) & mask)
		v := float64(x[i])
		if skipNaN && v != v {
			continue
		}
		if np != nil {
			*(*int64)(unsafe.Add(np, off))++
		}
		if lp != nil {
			p := (*float64)(unsafe.Add(lp, off))
			*p = min(*p, v)
		}
		if hp != nil {
			p := (*float64)(unsafe.Add(hp, off))
			*p = max(*p, v)
		}
	}
}

// groupSums3Go is GroupSums3 without bounds checks, for the generic level.
func groupSums3Go[T Float](lanes int, k []int32, a, b, c []T, s []float64) {
	mask := uintptr(groupMask(lanes, 4, s))
	a, b, c = a[:len(k)], b[:len(k)], c[:len(k)]
	sp := unsafe.Pointer(unsafe.SliceData(s))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, g := range k {
		q := (*[4]float64)(unsafe.Add(sp, 32*(L*(uintptr(g)&mask)+uintptr(i)&lm)))
		q[0] += float64(a[i])
		q[1] += float64(b[i])
		q[2] += float64(c[i])
		q[3] += 1
	}
}

// groupMomentsGo is GroupMoments without bounds checks, for the generic
// level.
func groupMomentsGo[T Float](lanes int, k []int32, x []T, K, t []float64) {
	mask := uintptr(groupMask(lanes, 4, t))
	x = x[:len(k)]
	K = K[:2*(mask+1)]
	tp, kp := unsafe.Pointer(unsafe.SliceData(t)), unsafe.Pointer(unsafe.SliceData(K))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, c := range k {
		g := uintptr(c) & mask
		s := (*[2]float64)(unsafe.Add(kp, 16*g))
		v := float64(x[i])
		if math.Float64bits(s[1]) == 0 {
			*s = [2]float64{v, 1}
			clear(unsafe.Slice((*float64)(unsafe.Add(tp, 32*L*g)), 4*L))
		}
		d := v - s[0]
		p := (*[4]float64)(unsafe.Add(tp, 32*(L*g+uintptr(i)&lm)))
		p[0] += v
		p[1] += 1
		p[2] += d
		p[3] += float64(d * d)
	}
}

// groupMoments3Go is GroupMoments3 without bounds checks, for the generic
// level.
func groupMoments3Go[T Float](lanes int, k []int32, a, b, c []T, K, t []float64) {
	mask := uintptr(groupMask(lanes, 12, t))
	a, b, c = a[:len(k)], b[:len(k)], c[:len(k)]
	K = K[:4*(mask+1)]
	tp, kp := unsafe.Pointer(unsafe.SliceData(t)), unsafe.Pointer(unsafe.SliceData(K))
	L, lm := uintptr(lanes), uintptr(lanes-1)
	for i, code := range k {
		g := uintptr(code) & mask
		v := [4]float64{float64(a[i]), float64(b[i]), float64(c[i]), 1}
		s := (*[4]float64)(unsafe.Add(kp, 32*g))
		if math.Float64bits(s[3]) == 0 {
			*s = v
			clear(unsafe.Slice((*float64)(unsafe.Add(tp, 96*L*g)), 12*L))
		}
		p := (*[12]float64)(unsafe.Add(tp, 96*(L*g+uintptr(i)&lm)))
		for j := range 4 {
			d := v[j] - s[j]
			p[j] += v[j]
			p[4+j] += d
			p[8+j] += float64(d * d)
		}
	}
}

// withGroupGo returns k with the portable group-by routines.
func withGroupGo(k Kernels) Kernels {
	k.GroupSumF64, k.GroupSumF32 = groupSumGo[float64], groupSumGo[float32]
	k.GroupSumsF64, k.GroupSumsF32 = groupSumsGo[float64], groupSumsGo[float32]
	k.GroupSums3F64, k.GroupSums3F32 = groupSums3Go[float64], groupSums3Go[float32]
	k.GroupDevsF64, k.GroupDevsF32 = devsGo[float64](false), devsGo[float32](false)
	k.GroupNanSumsF64, k.GroupNanSumsF32 = groupNanSumsGo[float64], groupNanSumsGo[float32]
	k.GroupNanDevsF64, k.GroupNanDevsF32 = devsGo[float64](true), devsGo[float32](true)
	k.GroupNanSums3F64, k.GroupNanSums3F32 = groupNanSums3Go[float64], groupNanSums3Go[float32]
	k.GroupNanDevs3F64, k.GroupNanDevs3F32 = groupNanDevs3Go[float64], groupNanDevs3Go[float32]
	k.GroupExtF64, k.GroupExtF32 = groupExtGo[float64], groupExtGo[float32]
	k.GroupMomentsF64, k.GroupMomentsF32 = groupMomentsGo[float64], groupMomentsGo[float32]
	k.GroupMoments3F64, k.GroupMoments3F32 = groupMoments3Go[float64], groupMoments3Go[float32]
	k.Scatter32, k.Scatter64 = scatterGo[uint32], scatterGo[uint64]
	k.ScatterRows = scatterRowsGo
	k.ScatterParts64 = scatterPartsGo[uint64]
	return k
}
