package asm

import "math"

// Generic returns the portable routines of the generic level. They
// evaluate exactly the operations of the reference, in the same order per
// lane, but walk a block one group of lanes at a time so the accumulators
// stay in registers: the reference keeps its 32 lanes in an array, which
// costs a load and a store per element.
func Generic() Kernels {
	return withGroupGo(Kernels{
		Name:      "generic",
		SumF64:    sumGo[float64],
		SumF32:    sumGo[float32],
		DevF64:    devGo[float64],
		DevF32:    devGo[float32],
		NanSumF64: nanSumGo[float64],
		NanSumF32: nanSumGo[float32],
		NanDevF64: nanDevGo[float64],
		NanDevF32: nanDevGo[float32],
		SumDevF64: sumThenDev(sumGo[float64], devGo[float64]),
		SumDevF32: sumThenDev(sumGo[float32], devGo[float32]),
		MinF64:    minGo[float64],
		MinF32:    minGo[float32],
		MaxF64:    maxGo[float64],
		MaxF32:    maxGo[float32],
		NanMinF64: nanMinGo[float64],
		NanMinF32: nanMinGo[float32],
		NanMaxF64: nanMaxGo[float64],
		NanMaxF32: nanMaxGo[float32],
	})
}

// sumGo is SumBlock: lanes j..j+7 are summed over all rows of the block,
// then the next eight. Each lane still adds its elements in increasing
// index order.
func sumGo[T Float](x []T) float64 {
	var l [Lanes]float64
	body := x[:len(x)&^(Lanes-1)]
	for j := 0; j < Lanes; j += 8 {
		var a0, a1, a2, a3, a4, a5, a6, a7 float64
		for i := j; i < len(body); i += Lanes {
			v := body[i : i+8 : i+8]
			a0 += float64(v[0])
			a1 += float64(v[1])
			a2 += float64(v[2])
			a3 += float64(v[3])
			a4 += float64(v[4])
			a5 += float64(v[5])
			a6 += float64(v[6])
			a7 += float64(v[7])
		}
		l[j], l[j+1], l[j+2], l[j+3], l[j+4], l[j+5], l[j+6], l[j+7] = a0, a1, a2, a3, a4, a5, a6, a7
	}
	r := fold(&l)
	for _, v := range x[len(body):] {
		r += float64(v)
	}
	return r
}

// devGo is DevBlock, four lanes at a time (eight accumulators).
func devGo[T Float](x []T, m0 float64) (c, q float64) {
	var lc, lq [Lanes]float64
	body := x[:len(x)&^(Lanes-1)]
	for j := 0; j < Lanes; j += 4 {
		var c0, c1, c2, c3, q0, q1, q2, q3 float64
		for i := j; i < len(body); i += Lanes {
			v := body[i : i+4 : i+4]
			d0, d1, d2, d3 := float64(v[0])-m0, float64(v[1])-m0, float64(v[2])-m0, float64(v[3])-m0
			c0, c1, c2, c3 = c0+d0, c1+d1, c2+d2, c3+d3
			q0, q1 = math.FMA(d0, d0, q0), math.FMA(d1, d1, q1)
			q2, q3 = math.FMA(d2, d2, q2), math.FMA(d3, d3, q3)
		}
		lc[j], lc[j+1], lc[j+2], lc[j+3] = c0, c1, c2, c3
		lq[j], lq[j+1], lq[j+2], lq[j+3] = q0, q1, q2, q3
	}
	c, q = fold(&lc), fold(&lq)
	for _, v := range x[len(body):] {
		d := float64(v) - m0
		c = c + d
		q = math.FMA(d, d, q)
	}
	return c, q
}

// nanSumGo is NanSumBlock, eight lanes at a time. A NaN adds +0.0, which
// leaves a lane that started at +0.0 unchanged.
func nanSumGo[T Float](x []T) (s float64, n int) {
	var l [Lanes]float64
	body := x[:len(x)&^(Lanes-1)]
	nan := 0
	for j := 0; j < Lanes; j += 8 {
		var a [8]float64
		for i := j; i < len(body); i += Lanes {
			v := body[i : i+8 : i+8]
			for k, e := range v {
				if e == e {
					a[k] += float64(e)
				} else {
					nan++
				}
			}
		}
		copy(l[j:j+8], a[:])
	}
	s = fold(&l)
	for _, v := range x[len(body):] {
		if v == v {
			s += float64(v)
		} else {
			nan++
		}
	}
	return s, len(x) - nan
}

// nanDevGo is NanDevBlock, four lanes at a time.
func nanDevGo[T Float](x []T, m0 float64) (c, q float64) {
	var lc, lq [Lanes]float64
	body := x[:len(x)&^(Lanes-1)]
	for j := 0; j < Lanes; j += 4 {
		var c0, c1, c2, c3, q0, q1, q2, q3 float64
		for i := j; i < len(body); i += Lanes {
			v := body[i : i+4 : i+4]
			if v[0] == v[0] {
				d := float64(v[0]) - m0
				c0, q0 = c0+d, math.FMA(d, d, q0)
			}
			if v[1] == v[1] {
				d := float64(v[1]) - m0
				c1, q1 = c1+d, math.FMA(d, d, q1)
			}
			if v[2] == v[2] {
				d := float64(v[2]) - m0
				c2, q2 = c2+d, math.FMA(d, d, q2)
			}
			if v[3] == v[3] {
				d := float64(v[3]) - m0
				c3, q3 = c3+d, math.FMA(d, d, q3)
			}
		}
		lc[j], lc[j+1], lc[j+2], lc[j+3] = c0, c1, c2, c3
		lq[j], lq[j+1], lq[j+2], lq[j+3] = q0, q1, q2, q3
	}
	c, q = fold(&lc), fold(&lq)
	for _, v := range x[len(body):] {
		if v == v {
			d := float64(v) - m0
			c = c + d
			q = math.FMA(d, d, q)
		}
	}
	return c, q
}

// minGo is Min with four independent running minima; min is associative
// and commutative under Go's semantics, so the split changes nothing.
func minGo[T Float](x []T) float64 {
	if len(x) < 8 {
		return Min(x)
	}
	r0, r1, r2, r3 := x[0], x[1], x[2], x[3]
	i := 4
	for ; i+4 <= len(x); i += 4 {
		v := x[i : i+4 : i+4]
		r0, r1, r2, r3 = min(r0, v[0]), min(r1, v[1]), min(r2, v[2]), min(r3, v[3])
	}
	for _, v := range x[i:] {
		r0 = min(r0, v)
	}
	return float64(min(min(r0, r1), min(r2, r3)))
}

// maxGo is Max with four independent running maxima.
func maxGo[T Float](x []T) float64 {
	if len(x) < 8 {
		return Max(x)
	}
	r0, r1, r2, r3 := x[0], x[1], x[2], x[3]
	i := 4
	for ; i+4 <= len(x); i += 4 {
		v := x[i : i+4 : i+4]
		r0, r1, r2, r3 = max(r0, v[0]), max(r1, v[1]), max(r2, v[2]), max(r3, v[3])
	}
	for _, v := range x[i:] {
		r0 = max(r0, v)
	}
	return float64(max(max(r0, r1), max(r2, r3)))
}

// nanMinGo is NanMin with four running minima that start at +Inf. A result
// of +Inf is ambiguous (all NaN, or +Inf the smallest), so that rare case
// is left to the reference.
func nanMinGo[T Float](x []T) float64 {
	inf := T(math.Inf(1))
	r0, r1, r2, r3 := inf, inf, inf, inf
	i := 0
	for ; i+4 <= len(x); i += 4 {
		v := x[i : i+4 : i+4]
		if v[0] == v[0] {
			r0 = min(r0, v[0])
		}
		if v[1] == v[1] {
			r1 = min(r1, v[1])
		}
		if v[2] == v[2] {
			r2 = min(r2, v[2])
		}
		if v[3] == v[3] {
			r3 = min(r3, v[3])
		}
	}
	for _, v := range x[i:] {
		if v == v {
			r0 = min(r0, v)
		}
	}
	if r := min(min(r0, r1), min(r2, r3)); r != inf {
		return float64(r)
	}
	return NanMin(x)
}

// nanMaxGo is NanMax with four running maxima that start at -Inf.
func nanMaxGo[T Float](x []T) float64 {
	inf := T(math.Inf(-1))
	r0, r1, r2, r3 := inf, inf, inf, inf
	i := 0
	for ; i+4 <= len(x); i += 4 {
		v := x[i : i+4 : i+4]
		if v[0] == v[0] {
			r0 = max(r0, v[0])
		}
		if v[1] == v[1] {
			r1 = max(r1, v[1])
		}
		if v[2] == v[2] {
			r2 = max(r2, v[2])
		}
		if v[3] == v[3] {
			r3 = max(r3, v[3])
		}
	}
	for _, v := range x[i:] {
		if v == v {
			r0 = max(r0, v)
		}
	}
	if r := max(max(r0, r1), max(r2, r3)); r != inf {
		return float64(r)
	}
	return NanMax(x)
}
