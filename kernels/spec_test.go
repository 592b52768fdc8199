package kernels

import (
	"math"

	"github.com/kbench/kbench/asm"
)

// The functions here restate docs/design.md as directly as possible, with
// the tree written recursively, as an oracle independent of the stack and
// the workers of reduce.go. Block routines are the reference ones.

// specTree evaluates P(lo,hi) over leaves s.
func specTree[S any](s []S, merge func(a, b S) S) S {
	if len(s) == 1 {
		return s[0]
	}
	h := 1
	for h*2 < len(s) {
		h *= 2
	}
	return merge(specTree(s[:h], merge), specTree(s[h:], merge))
}

func specBlocks[T Float](x []T) [][]T {
	var bs [][]T
	for lo := 0; lo < len(x); lo += asm.BlockSize {
		bs = append(bs, x[lo:min(lo+asm.BlockSize, len(x))])
	}
	return bs
}

func specSum[T Float](x []T) float64 {
	if len(x) == 0 {
		return 0
	}
	var s []float64
	for _, b := range specBlocks(x) {
		s = append(s, asm.SumBlock(b))
	}
	return specTree(s, func(a, b float64) float64 { return a + b })
}

func specMerge(a, b Moments) Moments {
	if a.N == 0 {
		return b
	}
	if b.N == 0 {
		return a
	}
	n := a.N + b.N
	na, nb, fn := float64(a.N), float64(b.N), float64(n)
	delta := (b.Hi - a.Hi) + (b.Lo - a.Lo)
	// Explicit conversions: the Go spec lets a compiler fuse a product and
	// a sum even across statements, unless a conversion rounds between.
	t := float64(delta * (nb / fn))
	u := float64(delta * delta)
	v := float64(u * ((na * nb) / fn))
	return Moments{N: n, Hi: a.Hi, Lo: a.Lo + t, M2: (a.M2 + b.M2) + v}
}

func specMoments[T Float](x []T, nan bool) Moments {
	if len(x) == 0 {
		return Moments{}
	}
	var s []Moments
	for _, b := range specBlocks(x) {
		sb, m := asm.SumBlock(b), len(b)
		if nan {
			sb, m = asm.NanSumBlock(b)
		}
		if m == 0 {
			s = append(s, Moments{})
			continue
		}
		m0 := sb / float64(m)
		c, q := asm.DevBlock(b, m0)
		if nan {
			c, q = asm.NanDevBlock(b, m0)
		}
		fm := float64(m)
		lo := c / fm
		cc := c * c
		s = append(s, Moments{N: int64(m), Hi: m0, Lo: lo, M2: q - cc/fm})
	}
	return specTree(s, specMerge)
}

func specVar(m Moments, ddof int) float64 {
	if m.N <= int64(ddof) {
		return math.NaN()
	}
	return m.M2 / float64(m.N-int64(ddof))
}

func specNanSum[T Float](x []T) (float64, int) {
	if len(x) == 0 {
		return 0, 0
	}
	type sn struct {
		s float64
		n int
	}
	var s []sn
	for _, b := range specBlocks(x) {
		v, n := asm.NanSumBlock(b)
		s = append(s, sn{v, n})
	}
	r := specTree(s, func(a, b sn) sn { return sn{a.s + b.s, a.n + b.n} })
	return r.s, r.n
}
