package kernels

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// prec is enough bits for any sum of float64 values to be exact: they span
// 2^-1074 .. 2^1024, and a sum of up to 2^30 of them needs 30 more bits.
const prec = 2200

func exactSum[T Float](x []T) *big.Float {
	s := new(big.Float).SetPrec(prec)
	var t big.Float
	for _, v := range x {
		s.Add(s, t.SetFloat64(float64(v)))
	}
	return s
}

// exactVar returns sum((x-mean)^2)/(n-ddof) with the mean exact to prec
// bits, so the result is exact far beyond float64.
func exactVar[T Float](x []T, ddof int) float64 {
	n := new(big.Float).SetPrec(prec).SetInt64(int64(len(x)))
	mean := new(big.Float).SetPrec(prec).Quo(exactSum(x), n)
	ss := new(big.Float).SetPrec(prec)
	var d big.Float
	d.SetPrec(prec)
	for _, v := range x {
		d.SetFloat64(float64(v))
		d.Sub(&d, mean)
		d.Mul(&d, &d)
		ss.Add(ss, &d)
	}
	ss.Quo(ss, new(big.Float).SetPrec(prec).SetInt64(int64(len(x)-ddof)))
	f, _ := ss.Float64()
	return f
}

// sumBound is the worst-case error bound of the canonical order: each
// element goes through at most len/32 lane additions (at most 128 in a
// block), 5 fold additions, 31 tail additions and ceil(log2 K) tree
// additions, so |error| <= L*u/(1-L*u) * sum|x| with u = 2^-53 (Higham,
// Accuracy and Stability of Numerical Algorithms, eq. 4.4).
func sumBound[T Float](x []T) float64 {
	k := numBlocks(len(x))
	depth := 0
	for 1<<depth < k {
		depth++
	}
	l := float64(min(len(x), blockSize)/32 + 5 + 31 + depth)
	u := 0x1p-53
	var abs float64
	for _, v := range x {
		abs += math.Abs(float64(v))
	}
	return l * u / (1 - l*u) * abs * (1 + 1e-12)
}

func TestSumWithinBound(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{10, 1000, 4096, 100_000, 1_000_003} {
		if testing.Short() && n > 100_000 {
			continue
		}
		// Ill-conditioned: large terms that cancel, plus small ones.
		x := make([]float64, n)
		for i := range x {
			x[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(20)))
			if i%2 == 1 {
				x[i] = -x[i-1] + r.NormFloat64()
			}
		}
		exact, _ := exactSum(x).Float64()
		bound := sumBound(x)
		for _, e := range engines[float64](t) {
			if err := math.Abs(e.Sum(x) - exact); err > bound {
				t.Errorf("%s n=%d: |Sum - exact| = %g > bound %g", name(e), n, err, bound)
			}
		}
		x32 := to32(x)
		exact, _ = exactSum(x32).Float64()
		bound = sumBound(x32)
		for _, e := range engines[float32](t) {
			if err := math.Abs(e.Sum(x32) - exact); err > bound {
				t.Errorf("%s n=%d: |Sum - exact| = %g > bound %g", name(e), n, err, bound)
			}
		}
	}
}

// TestVarOffset is the case that breaks naive and plain merging schemes:
// unit-variance noise on a large offset. The canonical (n, hi, lo, M2)
// state must stay within 1e-14 relative of the exact variance.
func TestVarOffset(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for _, off := range []float64{0, 1e9, 1e12} {
		for _, n := range []int{100, 4096, 50_001, 300_000} {
			if testing.Short() && n > 50_001 {
				continue
			}
			x := make([]float64, n)
			for i := range x {
				x[i] = off + r.NormFloat64()
			}
			want := exactVar(x, 1)
			for _, e := range engines[float64](t) {
				got, err := e.Var(x, 1)
				if err != nil {
					t.Fatal(err)
				}
				if rel := math.Abs(got-want) / want; rel > 1e-14 {
					t.Errorf("%s offset %g n=%d: Var relative error %.3g > 1e-14 (got %v, exact %v)", name(e), off, n, rel, got, want)
				}
			}
		}
	}
}

// TestVarAgainstGonum compares with gonum's stat.Variance on ordinary data
// and on offset data: both against the exact value, the canonical order
// must be at least as accurate as gonum, give or take an ulp.
func TestVarAgainstGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for _, off := range []float64{0, 1, 1e6, 1e9} {
		x := make([]float64, 20_000)
		for i := range x {
			x[i] = off + 3*r.NormFloat64()
		}
		want := exactVar(x, 1)
		ulp := math.Nextafter(want, math.Inf(1)) - want
		gonumErr := math.Abs(stat.Variance(x, nil) - want)
		for _, e := range engines[float64](t) {
			got, _ := e.Var(x, 1)
			if err := math.Abs(got - want); err > gonumErr+ulp {
				t.Errorf("%s offset %g: error %g ulp, gonum's %g ulp", name(e), off, err/ulp, gonumErr/ulp)
			}
		}
	}
}

// TestMeanMatchesExactOnOrdinaryData checks Mean = Sum/n against the
// exact mean within the sum's bound divided by n plus the division's
// rounding.
func TestMeanWithinBound(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	x := make([]float64, 77_777)
	for i := range x {
		x[i] = r.ExpFloat64()
	}
	n := new(big.Float).SetPrec(prec).SetInt64(int64(len(x)))
	exact, _ := new(big.Float).SetPrec(prec).Quo(exactSum(x), n).Float64()
	bound := sumBound(x)/float64(len(x)) + math.Abs(exact)*0x1p-53
	for _, e := range engines[float64](t) {
		if err := math.Abs(e.Mean(x) - exact); err > bound {
			t.Errorf("%s: |Mean - exact| = %g > %g", name(e), err, bound)
		}
	}
}
