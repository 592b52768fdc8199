package kernels

import (
	"fmt"
	"math"
)

// Moments is the mergeable variance state of the canonical order: a count
// N, a mean kept as the unevaluated sum Hi + Lo, and the sum of squared
// deviations from that mean, M2. Keeping the mean in two parts is what keeps
// merges exact when the data sit far from zero.
//
// The zero Moments is the state of no elements and the identity of
// [Moments.Merge].
type Moments struct {
	N      int64
	Hi, Lo float64
	M2     float64
}

// blockMoments builds the state of one block of m > 0 elements from its
// canonical sum sb and the folded deviation sums c and q around m0 = sb/m.
func blockMoments(m int, m0, c, q float64) Moments {
	fm := float64(m)
	return Moments{N: int64(m), Hi: m0, Lo: c / fm, M2: q - (c*c)/fm}
}

// Merge returns the state of a's elements followed by b's, evaluated in
// exactly this order (no fused multiply-add):
//
//	n     = na + nb
//	delta = (b.Hi - a.Hi) + (b.Lo - a.Lo)
//	Hi    = a.Hi
//	Lo    = a.Lo + delta*(nb/n)
//	M2    = (a.M2 + b.M2) + (delta*delta)*((na*nb)/n)
//
// where na, nb and n are the counts converted to float64 and na*nb is a
// float64 product. A state with N == 0 is the identity.
func (a Moments) Merge(b Moments) Moments {
	if a.N == 0 {
		return b
	}
	if b.N == 0 {
		return a
	}
	return merged(a, b)
}

// merged is [Moments.Merge] of two non-empty states, small enough to be
// inlined in the group-by's loops over groups.
func merged(a, b Moments) Moments {
	n := a.N + b.N
	na, nb, fn := float64(a.N), float64(b.N), float64(n)
	delta := (b.Hi - a.Hi) + (b.Lo - a.Lo)
	// The float64 conversions forbid the compiler to fuse into an FMA.
	return Moments{
		N:  n,
		Hi: a.Hi,
		Lo: a.Lo + float64(delta*(nb/fn)),
		M2: (a.M2 + b.M2) + float64(float64(delta*delta)*((na*nb)/fn)),
	}
}

// Mean returns Hi + Lo, or NaN for no elements.
func (a Moments) Mean() float64 {
	if a.N == 0 {
		return math.NaN()
	}
	return a.Hi + a.Lo
}

// Var returns M2 / (N - ddof): NaN when N <= ddof, an error when ddof is
// negative.
func (a Moments) Var(ddof int) (float64, error) {
	if err := checkDdof(ddof); err != nil {
		return math.NaN(), err
	}
	return a.variance(int64(ddof)), nil
}

// variance is [Moments.Var] for a ddof >= 0.
func (a Moments) variance(ddof int64) float64 {
	if a.N <= ddof {
		return math.NaN()
	}
	return canon(a.M2 / float64(a.N-ddof))
}

// Std returns the square root of [Moments.Var].
func (a Moments) Std(ddof int) (float64, error) {
	v, err := a.Var(ddof)
	return canon(math.Sqrt(v)), err
}

func checkDdof(ddof int) error {
	if ddof < 0 {
		return fmt.Errorf("kernels: ddof = %d is negative", ddof)
	}
	return nil
}

// canon returns x, with every NaN replaced by the one NaN of math.NaN, so
// that results are the same bits on every level even where the hardware
// propagates NaN payloads differently.
func canon(x float64) float64 {
	if x != x {
		return math.NaN()
	}
	return x
}
