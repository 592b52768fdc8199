package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kbench/kbench/dispatch"
)

// oracleLayout restates the layout of docs/groupby.md: the lanes, the rows
// of a chunk and of a variance chunk.
func oracleLayout(G int) (lanes, R, V int) {
	lanes = 1
	if G <= 4096 {
		lanes = 4
	}
	R = 1 << 17
	for R < 4*G {
		R *= 2
	}
	V = R
	if lanes == 1 {
		V = 4 * R
	}
	return lanes, R, V
}

// oracleTree combines n leaves along the canonical tree: the left part of
// every node a power of two.
func oracleTree[S any](leaves []S, merge func(a, b S) S) S {
	var rec func(lo, hi int) S
	rec = func(lo, hi int) S {
		if hi-lo == 1 {
			return leaves[lo]
		}
		h := 1
		for h*2 < hi-lo {
			h *= 2
		}
		return merge(rec(lo, lo+h), rec(lo+h, hi))
	}
	return rec(0, len(leaves))
}

// oracleGroup computes one group's statistics by the specification, in the
// most direct way: rows[] are the group's row indices in order.
func oracleGroup(rows []int, v []float64, nRows, G int, skipNaN bool) (sum float64, m Moments, n int64) {
	lanes, R, V := oracleLayout(G)
	if nRows == 0 {
		return 0, Moments{}, 0
	}
	// The rows of the group in [lo, hi), NaN left out when skipNaN.
	mine := func(lo, hi int) []int {
		var r []int
		for _, i := range rows {
			if i >= lo && i < hi && !(skipNaN && math.IsNaN(v[i])) {
				r = append(r, i)
			}
		}
		return r
	}
	// The sum of chunks [lo, hi) of R rows, along the tree.
	sums := func(lo, hi int) float64 {
		var leaves []float64
		for c := lo; c < hi; c++ {
			var s [4]float64
			for _, i := range mine(c*R, (c+1)*R) {
				s[(i-c*R)%lanes] += v[i]
			}
			sb := s[0]
			if lanes == 4 {
				sb = (s[0] + s[2]) + (s[1] + s[3])
			}
			leaves = append(leaves, sb)
		}
		return oracleTree(leaves, func(a, b float64) float64 { return a + b })
	}
	nch := (nRows + R - 1) / R
	sum = sums(0, nch)
	per := V / R
	var states []Moments
	for c := 0; c < nch; c += per {
		my := mine(c*R, (c+per)*R)
		n += int64(len(my))
		if len(my) == 0 {
			states = append(states, Moments{})
			continue
		}
		cnt := float64(len(my))
		// The state from deviations around m0: (cnt, m0, c/cnt, q - c*c/cnt).
		around := func(m0 float64) (m Moments, q float64) {
			var cs, qs [4]float64
			for _, i := range my {
				d := v[i] - m0
				cs[(i-c*R)%lanes] += d
				qs[(i-c*R)%lanes] += float64(d * d)
			}
			cc, qq := cs[0], qs[0]
			if lanes == 4 {
				cc, qq = (cs[0]+cs[2])+(cs[1]+cs[3]), (qs[0]+qs[2])+(qs[1]+qs[3])
			}
			return Moments{N: int64(len(my)), Hi: m0, Lo: cc / cnt, M2: qq - (cc*cc)/cnt}, qq
		}
		// Plain: around the group's first value in the variance chunk,
		// unless q > 64*M2; NaN-skipping, and those: around the variance
		// chunk's mean, its sum (its chunks' along the tree) over cnt.
		var st Moments
		var q float64
		if !skipNaN {
			st, q = around(v[my[0]])
		}
		if skipNaN || !(q <= 64*st.M2) {
			st, _ = around(sums(c, min(c+per, nch)) / cnt)
		}
		states = append(states, st)
	}
	m = oracleTree(states, func(a, b Moments) Moments { return a.Merge(b) })
	return sum, m, n
}

const allAggs = aggEnd - 1

type gbCase struct {
	name  string
	n, G  int
	codes []int32
	v     []float64
}

func makeCase(name string, n, G int, seed uint64, sorted bool, nanEvery int) gbCase {
	r := rand.New(rand.NewPCG(seed, 7))
	codes := make([]int32, n)
	for i := range codes {
		if G > 0 {
			codes[i] = int32(r.IntN(G))
		}
	}
	if sorted {
		slices.Sort(codes)
	}
	v := wild(n, seed+100, nanEvery)
	return gbCase{name, n, G, codes, v}
}

func gbCases(short bool) []gbCase {
	cs := []gbCase{
		makeCase("empty", 0, 0, 1, false, 0),
		makeCase("nogroups-rows0", 0, 5, 1, false, 0),
		makeCase("one", 1, 1, 2, false, 0),
		makeCase("G1", 200000, 1, 3, false, 0),
		makeCase("G7-nan", 140001, 7, 4, false, 20),
		makeCase("G1000", 300007, 1000, 5, false, 0),
		makeCase("G1000-sorted", 300007, 1000, 6, true, 30),
		makeCase("G4096", 140000, 4096, 7, false, 0),
		makeCase("G4097", 140000, 4097, 8, false, 50),
		// Two variance chunks of four chunks, then one of three, the last
		// of 7 rows.
		makeCase("G5000-vchunks", 2<<19+2<<17+7, 5000, 15, false, 60),
		makeCase("G40000", 600000, 40000, 9, false, 0),
		makeCase("G300000-nan", 700000, 300000, 12, false, 40),
	}
	if !short {
		cs = append(cs, makeCase("G1000-big", 1<<20+3, 1000, 10, false, 100),
			makeCase("G300000-sorted", 4500000, 300000, 13, true, 0))
	}
	return cs
}

func TestGroupByMatchesOracle(t *testing.T) {
	for _, tc := range gbCases(testing.Short()) {
		t.Run(tc.name, func(t *testing.T) {
			f32 := make([]float32, len(tc.v))
			for i, x := range tc.v {
				f32[i] = float32(x)
			}
			w32 := make([]float64, len(f32))
			for i, x := range f32 {
				w32[i] = float64(x)
			}
			g, err := NewGroupBy(tc.codes, tc.G, Float64s("a", tc.v, allAggs), Float32s("b", f32, allAggs))
			if err != nil {
				t.Fatal(err)
			}
			res, err := g.Run(Config{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			checkOracle(t, tc, res.Columns[0], res.Size, tc.v)
			checkOracle(t, tc, res.Columns[1], res.Size, w32)
			workers, levelWorkers := []int{0, 2, 3, 4, 5, 6, 7, 8}, []int{1, 3}
			if testing.Short() { // the race detector and qemu run these
				workers, levelWorkers = []int{0, 3}, []int{3}
			}
			for _, w := range workers {
				rw, err := g.Run(Config{Workers: w})
				if err != nil {
					t.Fatal(err)
				}
				if d := diffResults(res, rw); d != "" {
					t.Fatalf("%d workers differ from 1: %s", w, d)
				}
			}
			for _, l := range dispatch.Supported() {
				for _, w := range levelWorkers {
					rl, err := g.Run(Config{Level: l, Workers: w})
					if err != nil {
						t.Fatal(err)
					}
					if d := diffResults(res, rl); d != "" {
						t.Fatalf("level %s, %d workers, differs from generic: %s", l, w, d)
					}
				}
			}
		})
	}
}

func checkOracle(t *testing.T, tc gbCase, c ColumnResult, size []int64, v []float64) {
	t.Helper()
	rows := make([][]int, tc.G)
	for i, k := range tc.codes {
		rows[k] = append(rows[k], i)
	}
	for g := range tc.G {
		sum, m, n := oracleGroup(rows[g], v, tc.n, tc.G, false)
		nsum, nm, nn := oracleGroup(rows[g], v, tc.n, tc.G, true)
		lo, hi, nlo, nhi := math.NaN(), math.NaN(), math.NaN(), math.NaN()
		for j, i := range rows[g] {
			if j == 0 {
				lo, hi = v[i], v[i]
			}
			lo, hi = min(lo, v[i]), max(hi, v[i])
			if v[i] == v[i] {
				nlo, nhi = nanMin(nlo, v[i]), nanMax(nhi, v[i])
			}
		}
		vr, _ := m.Var(1)
		sd, _ := m.Std(1)
		nvr, _ := nm.Var(1)
		nsd, _ := nm.Std(1)
		want := map[Agg]float64{
			AggSum: sum, AggMean: sum / float64(n), AggVar: vr, AggStd: sd, AggMin: lo, AggMax: hi,
			AggNanSum: nsum, AggNanMean: nsum / float64(nn), AggNanVar: nvr, AggNanStd: nsd, AggNanMin: nlo, AggNanMax: nhi,
		}
		if size[g] != n || c.Count[g] != nn {
			t.Fatalf("%s group %d: size %d count %d, want %d %d", c.Name, g, size[g], c.Count[g], n, nn)
		}
		for a, w := range want {
			got := c.Get(a)[g]
			if math.Float64bits(got) != math.Float64bits(canon(w)) {
				t.Fatalf("%s group %d %v = %v, want %v (oracle)", c.Name, g, a, got, canon(w))
			}
		}
	}
}

// diffResults describes the first difference in bits, or returns "".
func diffResults(a, b *GroupResult) string {
	if !slices.Equal(a.Size, b.Size) {
		return "sizes"
	}
	for j := range a.Columns {
		ca, cb := &a.Columns[j], &b.Columns[j]
		if !slices.Equal(ca.Count, cb.Count) {
			return fmt.Sprintf("column %d counts", j)
		}
		for i := range len(aggNames) {
			x, y := ca.Get(Agg(1)<<i), cb.Get(Agg(1)<<i)
			if len(x) != len(y) {
				return fmt.Sprintf("column %d %v lengths %d, %d", j, Agg(1)<<i, len(x), len(y))
			}
			for g := range x {
				if math.Float64bits(x[g]) != math.Float64bits(y[g]) {
					return fmt.Sprintf("column %d %v group %d: %v vs %v", j, Agg(1)<<i, g, x[g], y[g])
				}
			}
		}
	}
	return ""
}

func TestGroupByErrors(t *testing.T) {
	v := []float64{1, 2, 3}
	for _, tc := range []struct {
		name    string
		codes   []int32
		ngroups int
		cols    []Column
		want    string
	}{
		{"negative code", []int32{0, -1, 1}, 2, nil, "codes[1] = -1 out of range [0,2)"},
		{"code too big", []int32{0, 1, 2}, 2, nil, "codes[2] = 2 out of range [0,2)"},
		{"no groups", []int32{0}, 0, nil, "codes[0] = 0 out of range [0,0)"},
		{"negative ngroups", nil, -1, nil, "ngroups = -1"},
		{"length", []int32{0, 1}, 2, []Column{Float64s("v", v, AggSum)}, `column 0 ("v") has 3 values, want 2`},
		{"agg", []int32{0, 1, 1}, 2, []Column{Float64s("v", v, aggEnd)}, "unknown aggregation"},
		{"ddof", []int32{0, 1, 1}, 2, []Column{{Name: "v", Aggs: AggVar, Ddof: -1, f64: v}}, "ddof = -1"},
	} {
		_, err := NewGroupBy(tc.codes, tc.ngroups, tc.cols...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := NewGroupByUint32([]uint32{0, 1 << 31}, 5); err == nil || !strings.Contains(err.Error(), "codes[1] = 2147483648") {
		t.Errorf("uint32: err = %v", err)
	}
	if _, err := NewGroupBy([]int32{0}, 1); err != nil {
		t.Errorf("valid input: %v", err)
	}
}

func TestGroupByEdges(t *testing.T) {
	nan := math.NaN()
	// Group 0: empty; 1: one row; 2: a NaN and a value; 3: only NaN; the
	// last group sits at the top of the range.
	codes := []int32{1, 2, 2, 3, 4, 4}
	v := []float64{5, nan, 7, nan, math.Copysign(0, -1), 0}
	g, err := NewGroupByUint32([]uint32{1, 2, 2, 3, 4, 4}, 5, Float64s("v", v, allAggs))
	if err != nil {
		t.Fatal(err)
	}
	g2, _ := NewGroupBy(codes, 5, Float64s("v", v, allAggs))
	r, _ := g.Run(Config{})
	r2, _ := g2.Run(Config{})
	if d := diffResults(r, r2); d != "" {
		t.Fatalf("uint32 and int32 codes differ: %s", d)
	}
	c := r.Columns[0]
	want := map[Agg][]float64{
		AggSum:     {0, 5, nan, nan, 0},
		AggMean:    {nan, 5, nan, nan, 0},
		AggVar:     {nan, nan, nan, nan, 0},
		AggMin:     {nan, 5, nan, nan, math.Copysign(0, -1)},
		AggMax:     {nan, 5, nan, nan, 0},
		AggNanSum:  {0, 5, 7, 0, 0},
		AggNanMean: {nan, 5, 7, nan, 0},
		AggNanStd:  {nan, nan, nan, nan, 0},
		AggNanMin:  {nan, 5, 7, nan, math.Copysign(0, -1)},
		AggNanMax:  {nan, 5, 7, nan, 0},
	}
	for a, w := range want {
		for i := range w {
			if got := c.Get(a)[i]; math.Float64bits(got) != math.Float64bits(canon(w[i])) {
				t.Errorf("%v group %d = %v, want %v", a, i, got, w[i])
			}
		}
	}
	if !slices.Equal(r.Size, []int64{0, 1, 2, 1, 2}) || !slices.Equal(c.Count, []int64{0, 1, 1, 0, 2}) {
		t.Errorf("size %v count %v", r.Size, c.Count)
	}
	// No groups, no rows.
	g0, err := NewGroupBy(nil, 0, Float64s("v", nil, allAggs))
	if err != nil {
		t.Fatal(err)
	}
	if r0, err := g0.Run(Config{}); err != nil || len(r0.Columns[0].Sum) != 0 {
		t.Fatalf("ngroups 0: %v %v", r0, err)
	}
}

// TestGroupByColumnsIndependent checks that a column's results do not
// depend on the other columns of the call: up to three columns (and the
// row count) share one pass, those with a variance first, so every mix of element types, aggregations and Ddof is compared, at
// every level, bitwise with the column computed alone.
func TestGroupByColumnsIndependent(t *testing.T) {
	for _, tc := range []gbCase{
		makeCase("G1000", 300007, 1000, 21, false, 50),
		makeCase("G4097", 140000, 4097, 22, true, 0),
		makeCase("G40000", 300000, 40000, 23, false, 30),
		makeCase("G300000", 700000, 300000, 24, false, 0),
	} {
		f32 := make([]float32, tc.n)
		for i, x := range tc.v {
			f32[i] = float32(x)
		}
		v2, v3, f32b := make([]float64, tc.n), make([]float64, tc.n), make([]float32, tc.n)
		for i, x := range tc.v {
			v2[i] = x*0.5 + 3
			v3[i] = 1 - x*2
			f32b[i] = float32(v3[i])
		}
		ddof0 := Float64s("i", v2, AggStd|AggMean)
		ddof0.Ddof = 0
		cols := []Column{
			Float64s("a", tc.v, allAggs), Float32s("b", f32, allAggs), Float64s("c", v2, AggSum|AggStd),
			Float64s("d", tc.v, AggMean|AggVar), Float32s("e", f32, AggStd), Float32s("f", f32, AggSum),
			Float64s("g", v2, AggSum), Float64s("h", v2, AggMin|AggMax|AggNanMean), ddof0,
			// More NaN-skipping columns: they go three to a pass.
			Float64s("j", v3, AggNanStd|AggCount), Float32s("k", f32b, AggNanVar|AggNanMin),
			Float64s("l", tc.v, AggNanSum), Float32s("m", f32, AggNanSum|AggNanStd),
			// pandas' min and max, whose non-NaN counts their own pass counts.
			Float64s("o", v3, AggNanMin|AggNanMax|AggCount), Float32s("q", f32b, AggNanMax),
		}
		for _, l := range dispatch.Supported() {
			cfg := Config{Level: l, Workers: 2}
			for n := 1; n <= len(cols); n++ {
				g, err := NewGroupBy(tc.codes, tc.G, cols[:n]...)
				if err != nil {
					t.Fatal(err)
				}
				all, err := g.Run(cfg)
				if err != nil {
					t.Fatal(err)
				}
				for j, c := range cols[:n] {
					one, err := NewGroupBy(tc.codes, tc.G, c)
					if err != nil {
						t.Fatal(err)
					}
					alone, err := one.Run(cfg)
					if err != nil {
						t.Fatal(err)
					}
					want := &GroupResult{Size: all.Size, Columns: alone.Columns}
					if alone.Size == nil {
						want.Size = nil
					}
					got := &GroupResult{Size: want.Size, Columns: all.Columns[j : j+1]}
					if d := diffResults(want, got); d != "" {
						t.Fatalf("%s, level %s, %d columns: column %q differs from alone: %s", tc.name, l, n, c.Name, d)
					}
					if alone.Size != nil && !slices.Equal(alone.Size, all.Size) {
						t.Fatalf("%s, level %s, %d columns: sizes differ", tc.name, l, n)
					}
				}
			}
			if testing.Short() {
				break // the generic level; the others in the full run
			}
		}
	}
}

func TestReusedStatesHoldOnlyTheirRows(t *testing.T) {
	// Chunk states go back to a pool between calls and come out for calls
	// over the same groups with other aggregations, rows and worker counts
	// (three chunks here, so merges too): every result must be that of its
	// own rows, the same bits as the all-aggregations call's fields.
	ref := map[string]*GroupResult{}
	cases := []gbCase{
		makeCase("pool-a", 1_200_000, 70000, 14, false, 30),
		makeCase("pool-b", 1_100_000, 70000, 15, true, 0),
	}
	for i := range cases[1].v {
		cases[1].v[i] += 1e9 // pool-a has |v| < 1e8: other extremes
	}
	for _, tc := range cases {
		g, err := NewGroupBy(tc.codes, tc.G, Float64s("v", tc.v, allAggs))
		if err != nil {
			t.Fatal(err)
		}
		r, err := g.Run(Config{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		// The references may come from reused states too: check them.
		checkOracle(t, tc, r.Columns[0], r.Size, tc.v)
		ref[tc.name] = r
	}
	shapes := []Agg{AggSum, AggSum | AggMin, AggMean | AggMax, AggNanMax | AggCount, AggStd, allAggs}
	for round := range 2 {
		for i, a := range shapes {
			for _, tc := range cases {
				g, _ := NewGroupBy(tc.codes, tc.G, Float64s("v", tc.v, a))
				w := 1 + (i+round)%3
				r, err := g.Run(Config{Workers: w})
				if err != nil {
					t.Fatal(err)
				}
				want := ref[tc.name]
				if r.Size != nil && !slices.Equal(r.Size, want.Size) {
					t.Fatalf("round %d, %s, %v, %d workers: sizes differ", round, tc.name, a, w)
				}
				if a&AggCount != 0 && !slices.Equal(r.Columns[0].Count, want.Columns[0].Count) {
					t.Fatalf("round %d, %s, %v, %d workers: counts differ", round, tc.name, a, w)
				}
				for b := Agg(1); b < aggEnd; b <<= 1 {
					x, y := r.Columns[0].Get(b), want.Columns[0].Get(b)
					if a&b == 0 || b == AggCount {
						continue
					}
					for g := range y {
						if math.Float64bits(x[g]) != math.Float64bits(y[g]) {
							t.Fatalf("round %d, %s, %v, %d workers: %v of group %d is %v, want %v", round, tc.name, a, w, b, g, x[g], y[g])
						}
					}
				}
			}
		}
	}
}

func TestLoneChunkSumsPartitioned(t *testing.T) {
	// A lone chunk at many groups is partitioned for its workers even when
	// no column has a variance; in place or partitioned, each group's sum
	// is its rows' values added in row order (one lane, one chunk).
	tc := makeCase("lone", 700_000, 300_000, 17, false, 25)
	want := make([]float64, tc.G)
	for i, c := range tc.codes {
		want[c] += tc.v[i]
	}
	for _, a := range []Agg{AggSum, AggSum | AggMean | AggMin | AggNanSum | AggCount} {
		g, err := NewGroupBy(tc.codes, tc.G, Float64s("v", tc.v, a))
		if err != nil {
			t.Fatal(err)
		}
		one, err := g.Run(Config{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		for grp, w := range want {
			if got := one.Columns[0].Sum[grp]; math.Float64bits(got) != math.Float64bits(canon(w)) {
				t.Fatalf("%v, 1 worker: sum of group %d = %v, want %v", a, grp, got, w)
			}
		}
		for _, w := range []int{0, 2, 3, 8} {
			r, err := g.Run(Config{Workers: w})
			if err != nil {
				t.Fatal(err)
			}
			if d := diffResults(one, r); d != "" {
				t.Fatalf("%v, %d workers differ from 1: %s", a, w, d)
			}
		}
	}
}

// TestNanExtremesCountTheirRows checks pandas' min and max alone, whose
// non-NaN counts their own pass counts, against the same column asked for
// a NaN-skipping sum too, whose counts the sum pass counts.
func TestNanExtremesCountTheirRows(t *testing.T) {
	for _, tc := range []gbCase{
		makeCase("G1000", 300007, 1000, 31, false, 50),
		makeCase("G300000", 700000, 300000, 32, false, 0),
	} {
		f32 := make([]float32, tc.n)
		for i, x := range tc.v {
			f32[i] = float32(x)
		}
		for _, l := range dispatch.Supported() {
			for _, w := range []int{1, 2} {
				cfg := Config{Level: l, Workers: w}
				run := func(a Agg) *GroupResult {
					g, err := NewGroupBy(tc.codes, tc.G, Float64s("a", tc.v, a), Float32s("b", f32, a))
					if err != nil {
						t.Fatal(err)
					}
					r, err := g.Run(cfg)
					if err != nil {
						t.Fatal(err)
					}
					return r
				}
				alone := run(AggNanMin | AggNanMax | AggCount)
				summed := run(AggNanMin | AggNanMax | AggCount | AggNanSum)
				for j := range alone.Columns {
					summed.Columns[j].NanSum, summed.Columns[j].Aggs = nil, alone.Columns[j].Aggs
				}
				if d := diffResults(summed, alone); d != "" {
					t.Fatalf("%s, level %s, %d workers: min/max alone differ: %s", tc.name, l, w, d)
				}
			}
		}
	}
}

func TestNoAggregations(t *testing.T) {
	// A column that asks for nothing gets no outputs, at few groups and at
	// many (partitioned, the result filled partition by partition).
	for _, G := range []int{10, 1 << 17} {
		codes := make([]int32, 1000)
		for i := range codes {
			codes[i] = int32(i * 7 % G)
		}
		g, err := NewGroupBy(codes, G, Float64s("v", make([]float64, len(codes)), 0))
		if err != nil {
			t.Fatal(err)
		}
		r, err := g.Run(Config{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		c := r.Columns[0]
		if r.Size != nil || c.Count != nil || c.Name != "v" {
			t.Fatalf("%d groups: got sizes %v, counts %v, name %q", G, r.Size != nil, c.Count != nil, c.Name)
		}
		for a := AggSum; a < aggEnd; a <<= 1 {
			if c.Get(a) != nil {
				t.Fatalf("%d groups: %v computed, not asked for", G, a)
			}
		}
	}
}

func TestNanShift(t *testing.T) {
	// Partial's result maps each Nan form to its plain form by nanShift.
	pairs := [][2]Agg{{AggSum, AggNanSum}, {AggMean, AggNanMean}, {AggVar, AggNanVar},
		{AggStd, AggNanStd}, {AggMin, AggNanMin}, {AggMax, AggNanMax}}
	for _, p := range pairs {
		if p[0]<<nanShift != p[1] || p[1] <= AggMax {
			t.Errorf("%v << nanShift = %v, want %v above %v", p[0], p[0]<<nanShift, p[1], AggMax)
		}
	}
}
