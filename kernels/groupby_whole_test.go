package kernels

import (
	"bytes"
	"fmt"
	"testing"
)

// TestWholeMatchesStream checks the partitioned path of GroupBy.Run (rows
// partitioned once for all their chunks) bitwise against a Stream that
// adds the same rows chunk by chunk, state and result, for chunk counts
// that are and are not powers of two, four float64 columns (three scattered
// with the codes, one apart), a float32 column, NaNs, extremes and the
// NaN-skipping forms.
func TestWholeMatchesStream(t *testing.T) {
	const G = 1<<16 + 1 // partitioned with these columns: variance chunks of 2^21 rows
	_, _, R := oracleLayout(G)
	type tc struct {
		n, G    int
		workers []int
	}
	// The race detector runs the short form: one case, and no Go loops
	// (NaN-skipping forms, extremes) in the first column.
	aAggs := AggStd | AggMean
	cases := []tc{{2*R + 1000, G, []int{3}}}
	if !testing.Short() {
		aAggs = allAggs
		cases[0].workers = []int{1, 3}
		// 100000 groups also have variance chunks of 2^21 rows: a last
		// one of one row.
		// R - 5 rows are one leaf, partitioned as Stream.chunk does.
		cases = append(cases, tc{2 * R, G, []int{2}}, tc{5*R - 7, G, []int{1, 4}},
			tc{3*R + 1, 100_000, []int{2}}, tc{R - 5, G, []int{2}})
	}
	for _, c := range cases {
		gb := makeCase("whole", c.n, c.G, 31, false, 50)
		f32 := make([]float32, c.n)
		for i, x := range gb.v {
			f32[i] = float32(x)
		}
		cols := []Column{
			Float64s("a", gb.v, aAggs),
			Float32s("b", f32, AggVar|AggMin),
			Float64s("c", wild(c.n, 32, 0), AggStd),
			Float64s("d", wild(c.n, 33, 0), AggMean|AggNanMax),
			Float64s("e", wild(c.n, 34, 70), AggNanStd|AggSum),
		}
		g, err := NewGroupBy(gb.codes, c.G, cols...)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.workers {
			t.Run(fmt.Sprintf("rows=%d/groups=%d/workers=%d", c.n, c.G, w), func(t *testing.T) {
				cfg := Config{Workers: w}
				s, err := NewStream(cfg, c.G, cols...)
				if err != nil {
					t.Fatal(err)
				}
				if !s.wholeParts(g) {
					t.Fatal("the rows were not partitioned at once")
				}
				s, err = NewStream(cfg, c.G, cols...)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Add(g); err != nil {
					t.Fatal(err)
				}
				want := s.Partial()
				got, err := g.Partial(cfg)
				if err != nil {
					t.Fatal(err)
				}
				wb, err := want.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				gotb, err := got.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(gotb, wb) {
					t.Fatal("partial states differ from the stream's")
				}
				res, err := g.Run(cfg)
				if err != nil {
					t.Fatal(err)
				}
				if d := diffResults(want.Result(), res); d != "" {
					t.Fatalf("results differ from the stream's: %s", d)
				}
			})
		}
	}
}
