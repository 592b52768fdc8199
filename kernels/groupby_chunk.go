package kernels

import "math"

// The per-chunk passes of the group-by. Every pass walks the rows of one
// chunk in order; row i of the chunk goes to sub-accumulator i mod lanes of
// its group (lanes = 4 or 1, see groupLayout). Codes are validated before,
// so a code indexes its tables.

// sums adds each value to its group's sub-accumulator: s[lanes*k + i%lanes].
func sums[T Float](lanes int, k []int32, v []T, s []float64) {
	v = v[:len(k)]
	if lanes == 1 {
		for i, c := range k {
			s[c] += float64(v[i])
		}
		return
	}
	i := 0
	for ; i+4 <= len(k); i += 4 {
		s[4*int(k[i])] += float64(v[i])
		s[4*int(k[i+1])+1] += float64(v[i+1])
		s[4*int(k[i+2])+2] += float64(v[i+2])
		s[4*int(k[i+3])+3] += float64(v[i+3])
	}
	for ; i < len(k); i++ {
		s[4*int(k[i])+i&3] += float64(v[i])
	}
}

// nanSums is sums with NaN values adding +0.0 (the same as skipping them:
// a sub-accumulator starts at +0.0 and so never holds -0.0) and not counted.
func nanSums[T Float](lanes int, k []int32, v []T, s []float64, n []int64) {
	v = v[:len(k)]
	for i, c := range k {
		x := float64(v[i])
		ok := x == x
		if !ok {
			x = 0
		}
		s[lanes*int(c)+i&(lanes-1)] += x
		n[c] += int64(b2i(ok))
	}
}

// sizes counts the rows of each group.
func sizes(k []int32, n []int64) {
	for _, c := range k {
		n[c]++
	}
}

// devs accumulates d = x - m0[k] and d*d (fused) per sub-accumulator:
// cq[2*lanes*k + j] += d and cq[2*lanes*k + lanes + j] = fma(d, d, ...),
// j = i mod lanes.
func devs[T Float](lanes int, k []int32, v []T, m0, cq []float64) {
	v = v[:len(k)]
	if lanes == 1 {
		for i, c := range k {
			d := float64(v[i]) - m0[c]
			cq[2*int(c)] += d
			cq[2*int(c)+1] = math.FMA(d, d, cq[2*int(c)+1])
		}
		return
	}
	// Unrolled by the lanes: each row's lane is a constant offset.
	i := 0
	for ; i+4 <= len(k); i += 4 {
		c0, c1, c2, c3 := k[i], k[i+1], k[i+2], k[i+3]
		x0, x1, x2, x3 := float64(v[i]), float64(v[i+1]), float64(v[i+2]), float64(v[i+3])
		d := x0 - m0[c0]
		l := cq[8*int(c0) : 8*int(c0)+8 : 8*int(c0)+8]
		l[0] += d
		l[4] = math.FMA(d, d, l[4])
		d = x1 - m0[c1]
		l = cq[8*int(c1) : 8*int(c1)+8 : 8*int(c1)+8]
		l[1] += d
		l[5] = math.FMA(d, d, l[5])
		d = x2 - m0[c2]
		l = cq[8*int(c2) : 8*int(c2)+8 : 8*int(c2)+8]
		l[2] += d
		l[6] = math.FMA(d, d, l[6])
		d = x3 - m0[c3]
		l = cq[8*int(c3) : 8*int(c3)+8 : 8*int(c3)+8]
		l[3] += d
		l[7] = math.FMA(d, d, l[7])
	}
	for ; i < len(k); i++ {
		c := k[i]
		d := float64(v[i]) - m0[c]
		j := 8*int(c) + i&3
		cq[j] += d
		cq[j+4] = math.FMA(d, d, cq[j+4])
	}
}

// nanDevs is devs with NaN values skipped (they add d = 0, which changes
// nothing: both sums start at +0.0).
func nanDevs[T Float](lanes int, k []int32, v []T, m0, cq []float64) {
	v = v[:len(k)]
	for i, c := range k {
		x := float64(v[i])
		d := x - m0[c]
		if x != x {
			d = 0
		}
		j := 2*lanes*int(c) + i&(lanes-1)
		cq[j] += d
		cq[j+lanes] = math.FMA(d, d, cq[j+lanes])
	}
}

// extremes folds the values into their group's min and max with Go's min
// and max (NaN wins, -0 < +0); the order does not matter.
func extremes[T Float](k []int32, v []T, lo, hi []float64) {
	v = v[:len(k)]
	for i, c := range k {
		x := float64(v[i])
		if lo != nil {
			lo[c] = min(lo[c], x)
		}
		if hi != nil {
			hi[c] = max(hi[c], x)
		}
	}
}

// nanExtremes is extremes over the non-NaN values.
func nanExtremes[T Float](k []int32, v []T, lo, hi []float64) {
	v = v[:len(k)]
	for i, c := range k {
		x := float64(v[i])
		if x != x {
			continue
		}
		if lo != nil {
			lo[c] = min(lo[c], x)
		}
		if hi != nil {
			hi[c] = max(hi[c], x)
		}
	}
}

// fold returns the fold of the sub-accumulators l (1 or 4 of them) in the
// order of docs/design.md: (l0+l2) + (l1+l3).
func fold(l []float64) float64 {
	if len(l) == 1 {
		return l[0]
	}
	l = l[:4:4]
	return (l[0] + l[2]) + (l[1] + l[3])
}
