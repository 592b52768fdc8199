package kernels

import "math"

// Sum returns the sum of x in the canonical order (docs/design.md): blocks
// of 4096 elements, each summed over 32 lanes folded 16-8-4-2-1 with the
// tail added in order, and the block sums combined by the fixed pairwise
// tree. The sum of no elements is +0.0. A NaN result is always math.NaN().
func (e *Engine[T]) Sum(x []T) float64 {
	if len(x) == 0 {
		return 0
	}
	return canon(e.sumTree(x))
}

func (e *Engine[T]) sumTree(x []T) float64 {
	return reduce[float64](numBlocks(len(x)), e.workers(), sumOp[T]{e.f.Sum, x})
}

type sumOp[T Float] struct {
	f func([]T) float64
	x []T
}

func (o sumOp[T]) leaf(b int) float64       { return o.f(block(o.x, b)) }
func (sumOp[T]) merge(a, b float64) float64 { return a + b }

// Mean returns Sum(x) / len(x); NaN for no elements.
func (e *Engine[T]) Mean(x []T) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return canon(e.sumTree(x) / float64(len(x)))
}

// Moments returns the canonical variance state of x: per block, the block
// mean m0 = (canonical block sum)/m and the lanes of d = x[i]-m0 and d*d
// (fused multiply-add), folded like the sum; the block states merged along
// the canonical tree with [Moments.Merge].
func (e *Engine[T]) Moments(x []T) Moments {
	if len(x) == 0 {
		return Moments{}
	}
	return reduceRuns[Moments](numBlocks(len(x)), e.workers(), momRunOp[T]{e.f.Sum, e.f.SumDev, x})
}

// momRunOp computes the block states along a run of blocks, each the
// block sum then the deviations from its mean: the deviations of block b and
// the sum of block b+1 (which gives the next m0) are one fused call, so
// the sum streams block b+1 from memory while the deviations of block b
// are computed from cache. Only the first block of a run is summed alone.
type momRunOp[T Float] struct {
	sum    func([]T) float64
	sumDev func(next, prev []T, m0 float64) (s, c, q float64)
	x      []T
}

func (o momRunOp[T]) leafRun(b, hi int, in carry) (Moments, carry) {
	xb := block(o.x, b)
	if !in.ok {
		in.s = o.sum(xb)
	}
	var next []T
	if b+1 < hi {
		next = block(o.x, b+1)
	}
	m0 := in.s / float64(len(xb))
	s, c, q := o.sumDev(next, xb, m0)
	return blockMoments(len(xb), m0, c, q), carry{s: s, ok: next != nil}
}

func (momRunOp[T]) merge(a, b Moments) Moments { return a.Merge(b) }

// Var returns the variance of x with ddof delta degrees of freedom,
// M2 / (len(x) - ddof) from [Engine.Moments]: NaN when len(x) <= ddof, an
// error when ddof is negative.
func (e *Engine[T]) Var(x []T, ddof int) (float64, error) {
	if err := checkDdof(ddof); err != nil {
		return math.NaN(), err
	}
	return e.Moments(x).Var(ddof)
}

// Std returns the square root of [Engine.Var].
func (e *Engine[T]) Std(x []T, ddof int) (float64, error) {
	if err := checkDdof(ddof); err != nil {
		return math.NaN(), err
	}
	return e.Moments(x).Std(ddof)
}

// Min returns the smallest element with the semantics of Go's built-in min:
// NaN if any element is NaN, and -0 is smaller than +0. NaN for no
// elements.
func (e *Engine[T]) Min(x []T) float64 {
	return e.extreme(x, e.f.Min, minF)
}

// Max returns the largest element with the semantics of Go's built-in max:
// NaN if any element is NaN, and +0 is larger than -0. NaN for no elements.
func (e *Engine[T]) Max(x []T) float64 {
	return e.extreme(x, e.f.Max, maxF)
}

// NanMin returns the smallest non-NaN element; NaN when there is none.
func (e *Engine[T]) NanMin(x []T) float64 { return e.extreme(x, e.f.NanMin, nanMin) }

// NanMax returns the largest non-NaN element; NaN when there is none.
func (e *Engine[T]) NanMax(x []T) float64 { return e.extreme(x, e.f.NanMax, nanMax) }

func (e *Engine[T]) extreme(x []T, f func([]T) float64, merge func(a, b float64) float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return canon(reduce[float64](numBlocks(len(x)), e.workers(), extremeOp[T]{f, merge, x}))
}

type extremeOp[T Float] struct {
	f func([]T) float64
	m func(a, b float64) float64
	x []T
}

func (o extremeOp[T]) leaf(b int) float64         { return o.f(block(o.x, b)) }
func (o extremeOp[T]) merge(a, b float64) float64 { return o.m(a, b) }

func minF(a, b float64) float64 { return min(a, b) }
func maxF(a, b float64) float64 { return max(a, b) }

func nanMin(a, b float64) float64 {
	switch {
	case a != a:
		return b
	case b != b:
		return a
	}
	return min(a, b)
}

func nanMax(a, b float64) float64 {
	switch {
	case a != a:
		return b
	case b != b:
		return a
	}
	return max(a, b)
}

// nanSum is a block's or subtree's sum of non-NaN elements and their count.
type nanSum struct {
	s float64
	n int
}

// NanSum returns the sum of the non-NaN elements of x in the canonical
// order, a NaN adding nothing to its lane; +0.0 when there is none.
func (e *Engine[T]) NanSum(x []T) float64 {
	if len(x) == 0 {
		return 0
	}
	return canon(e.nanSumTree(x).s)
}

func (e *Engine[T]) nanSumTree(x []T) nanSum {
	return reduce[nanSum](numBlocks(len(x)), e.workers(), nanSumOp[T]{e.f.NanSum, x})
}

type nanSumOp[T Float] struct {
	f func([]T) (float64, int)
	x []T
}

func (o nanSumOp[T]) leaf(b int) nanSum {
	s, n := o.f(block(o.x, b))
	return nanSum{s, n}
}

func (nanSumOp[T]) merge(a, b nanSum) nanSum { return nanSum{a.s + b.s, a.n + b.n} }

// NanMean returns NanSum(x) divided by the number of non-NaN elements; NaN
// when there is none.
func (e *Engine[T]) NanMean(x []T) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	r := e.nanSumTree(x)
	if r.n == 0 {
		return math.NaN()
	}
	return canon(r.s / float64(r.n))
}

// NanMoments is [Engine.Moments] over the non-NaN elements: a block's mean
// uses its count of non-NaN values, and a block without any is the identity
// of the merge.
func (e *Engine[T]) NanMoments(x []T) Moments {
	if len(x) == 0 {
		return Moments{}
	}
	return reduce[Moments](numBlocks(len(x)), e.workers(), nanMomOp[T]{e.f.NanSum, e.f.NanDev, x})
}

type nanMomOp[T Float] struct {
	sum func([]T) (float64, int)
	dev func([]T, float64) (c, q float64)
	x   []T
}

func (o nanMomOp[T]) leaf(b int) Moments {
	xb := block(o.x, b)
	s, m := o.sum(xb)
	if m == 0 {
		return Moments{}
	}
	m0 := s / float64(m)
	c, q := o.dev(xb, m0)
	return blockMoments(m, m0, c, q)
}

func (nanMomOp[T]) merge(a, b Moments) Moments { return a.Merge(b) }

// NanVar is [Engine.Var] over the non-NaN elements.
func (e *Engine[T]) NanVar(x []T, ddof int) (float64, error) {
	if err := checkDdof(ddof); err != nil {
		return math.NaN(), err
	}
	return e.NanMoments(x).Var(ddof)
}

// NanStd is [Engine.Std] over the non-NaN elements.
func (e *Engine[T]) NanStd(x []T, ddof int) (float64, error) {
	if err := checkDdof(ddof); err != nil {
		return math.NaN(), err
	}
	return e.NanMoments(x).Std(ddof)
}

// block returns block b of x.
func block[T Float](x []T, b int) []T {
	lo := b * blockSize
	return x[lo:min(lo+blockSize, len(x)):min(lo+blockSize, len(x))]
}
