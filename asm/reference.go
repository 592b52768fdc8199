package asm

import "math"

const (
	// BlockSize is the number of elements in one block of the canonical
	// order. Only the last block of an input may be shorter.
	BlockSize = 4096
	// Lanes is the number of float64 accumulators a block is spread over.
	Lanes = 32
)

// Float is the element type of every kernel.
type Float interface{ float32 | float64 }

// Reference returns the portable routines. They are the specification that
// every SIMD level must match bit for bit.
func Reference() Kernels {
	return Kernels{
		Name:      "generic",
		SumF64:    SumBlock[float64],
		SumF32:    SumBlock[float32],
		DevF64:    DevBlock[float64],
		DevF32:    DevBlock[float32],
		NanSumF64: NanSumBlock[float64],
		NanSumF32: NanSumBlock[float32],
		NanDevF64: NanDevBlock[float64],
		NanDevF32: NanDevBlock[float32],
		SumDevF64: SumDevBlocks[float64],
		SumDevF32: SumDevBlocks[float32],
		MinF64:    Min[float64],
		MinF32:    Min[float32],
		MaxF64:    Max[float64],
		MaxF32:    Max[float32],
		NanMinF64: NanMin[float64],
		NanMinF32: NanMin[float32],
		NanMaxF64: NanMax[float64],
		NanMaxF32: NanMax[float32],
	}
}

// fold adds the upper half of the lanes onto the lower half for
// w = 16, 8, 4, 2, 1 and returns lane 0.
func fold(l *[Lanes]float64) float64 {
	for w := Lanes / 2; w >= 1; w /= 2 {
		for j := 0; j < w; j++ {
			l[j] = l[j] + l[j+w]
		}
	}
	return l[0]
}

// SumBlock returns the canonical sum of one block (len(x) <= BlockSize):
// lane (i mod 32) += x[i] for i < 32*floor(len/32) in increasing i, the
// fold 16-8-4-2-1, then the remaining elements added to lane 0 in order.
// float32 elements are widened to float64 on load.
func SumBlock[T Float](x []T) float64 {
	var l [Lanes]float64
	body := len(x) &^ (Lanes - 1)
	for i := 0; i < body; i += Lanes {
		v := x[i : i+Lanes : i+Lanes]
		for j := range v {
			l[j] = l[j] + float64(v[j])
		}
	}
	r := fold(&l)
	for _, v := range x[body:] {
		r = r + float64(v)
	}
	return r
}

// DevBlock returns the folded sums of the deviations d = x[i] - m0 and of
// their squares, in the lane order of [SumBlock]: c[lane] = c[lane] + d and
// q[lane] = fma(d, d, q[lane]); both fold 16-8-4-2-1 and the tail goes on
// into c and q in order. With m0 the block's mean these are the two sums of
// the corrected two-pass variance.
func DevBlock[T Float](x []T, m0 float64) (c, q float64) {
	var lc, lq [Lanes]float64
	body := len(x) &^ (Lanes - 1)
	for i := 0; i < body; i += Lanes {
		v := x[i : i+Lanes : i+Lanes]
		for j := range v {
			d := float64(v[j]) - m0
			lc[j] = lc[j] + d
			lq[j] = math.FMA(d, d, lq[j])
		}
	}
	c, q = fold(&lc), fold(&lq)
	for _, v := range x[body:] {
		d := float64(v) - m0
		c = c + d
		q = math.FMA(d, d, q)
	}
	return c, q
}

// SumDevBlocks returns SumBlock(next) and DevBlock(prev, m0): the sum of
// one block and the deviation sums of another (the one before it, whose
// mean m0 is known), which a level may compute in one interleaved loop.
// The two blocks may have different lengths, either of them 0.
func SumDevBlocks[T Float](next, prev []T, m0 float64) (s, c, q float64) {
	c, q = DevBlock(prev, m0)
	return SumBlock(next), c, q
}

// NanSumBlock is [SumBlock] with NaN elements skipped: a NaN adds nothing
// to its lane and is not counted. n is the number of non-NaN elements.
// Skipping and adding +0.0 are the same thing here, since a lane that
// starts at +0.0 can never hold -0.0.
func NanSumBlock[T Float](x []T) (s float64, n int) {
	var l [Lanes]float64
	body := len(x) &^ (Lanes - 1)
	for i := 0; i < body; i += Lanes {
		v := x[i : i+Lanes : i+Lanes]
		for j := range v {
			if v[j] == v[j] {
				l[j] = l[j] + float64(v[j])
				n++
			}
		}
	}
	s = fold(&l)
	for _, v := range x[body:] {
		if v == v {
			s = s + float64(v)
			n++
		}
	}
	return s, n
}

// NanDevBlock is [DevBlock] with NaN elements skipped.
func NanDevBlock[T Float](x []T, m0 float64) (c, q float64) {
	var lc, lq [Lanes]float64
	body := len(x) &^ (Lanes - 1)
	for i := 0; i < body; i += Lanes {
		v := x[i : i+Lanes : i+Lanes]
		for j := range v {
			if v[j] == v[j] {
				d := float64(v[j]) - m0
				lc[j] = lc[j] + d
				lq[j] = math.FMA(d, d, lq[j])
			}
		}
	}
	c, q = fold(&lc), fold(&lq)
	for _, v := range x[body:] {
		if v == v {
			d := float64(v) - m0
			c = c + d
			q = math.FMA(d, d, q)
		}
	}
	return c, q
}

// Min returns the smallest element of x with the semantics of Go's built-in
// min: any NaN gives NaN and -0 is smaller than +0. Min of no elements is
// NaN. The result does not depend on the order of evaluation, so x may be
// of any length.
func Min[T Float](x []T) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	r := x[0]
	for _, v := range x[1:] {
		r = min(r, v)
	}
	return float64(r)
}

// Max is [Min] for the largest element; +0 is larger than -0.
func Max[T Float](x []T) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	r := x[0]
	for _, v := range x[1:] {
		r = max(r, v)
	}
	return float64(r)
}

// NanMin is [Min] over the non-NaN elements; NaN when there are none.
func NanMin[T Float](x []T) float64 {
	r, seen := T(0), false
	for _, v := range x {
		if v == v {
			if !seen {
				r, seen = v, true
			}
			r = min(r, v)
		}
	}
	if !seen {
		return math.NaN()
	}
	return float64(r)
}

// NanMax is [Max] over the non-NaN elements; NaN when there are none.
func NanMax[T Float](x []T) float64 {
	r, seen := T(0), false
	for _, v := range x {
		if v == v {
			if !seen {
				r, seen = v, true
			}
			r = max(r, v)
		}
	}
	if !seen {
		return math.NaN()
	}
	return float64(r)
}
