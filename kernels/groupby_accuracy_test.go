package kernels

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactStd returns the standard deviation (ddof 1) of x computed exactly in
// big.Float and rounded once.
func exactStd(x []float64) float64 {
	const prec = 4096
	n := new(big.Float).SetPrec(prec).SetInt64(int64(len(x)))
	s := new(big.Float).SetPrec(prec)
	for _, v := range x {
		s.Add(s, big.NewFloat(v))
	}
	mean := new(big.Float).SetPrec(prec).Quo(s, n)
	m2 := new(big.Float).SetPrec(prec)
	for _, v := range x {
		d := new(big.Float).SetPrec(prec).Sub(big.NewFloat(v), mean)
		m2.Add(m2, d.Mul(d, d))
	}
	m2.Quo(m2, new(big.Float).SetPrec(prec).SetInt64(int64(len(x)-1)))
	f, _ := m2.Sqrt(m2).Float64()
	return f
}

func TestGroupStdOffsetData(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	const n, G = 200_000, 7
	for _, offset := range []float64{0, 1e9, 1e12} {
		codes := make([]int32, n)
		v := make([]float64, n)
		for i := range v {
			codes[i] = int32(r.IntN(G))
			v[i] = offset + r.NormFloat64()
		}
		g, _ := NewGroupBy(codes, G, Float64s("v", v, AggStd|AggNanStd|AggSum))
		res, err := g.Run(Config{})
		if err != nil {
			t.Fatal(err)
		}
		per := make([][]float64, G)
		for i, k := range codes {
			per[k] = append(per[k], v[i])
		}
		for k := range G {
			want := exactStd(per[k])
			for _, got := range []float64{res.Columns[0].Std[k], res.Columns[0].NanStd[k]} {
				if rel := math.Abs(got-want) / want; rel > 1e-12 {
					t.Errorf("offset %g group %d: std %v, exact %v, relative error %.2g > 1e-12", offset, k, got, want, rel)
				}
			}
			// The sum is within the bound of any summation order.
			exact := new(big.Float).SetPrec(4096)
			var abs float64
			for _, x := range per[k] {
				exact.Add(exact, big.NewFloat(x))
				abs += math.Abs(x)
			}
			e, _ := exact.Float64()
			if d := math.Abs(res.Columns[0].Sum[k] - e); d > float64(len(per[k]))*0x1p-53*abs {
				t.Errorf("offset %g group %d: sum error %g", offset, k, d)
			}
		}
	}
}
