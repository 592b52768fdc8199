package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/kbench/kbench/dispatch"
)

// same reports whether a and b are the same bits. Results are canonical
// (every NaN is math.NaN()), so NaN needs no exception here.
func same(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// engines returns an engine for every supported level and the worker
// counts 1, 2 and 3.
func engines[T Float](t testing.TB) []*Engine[T] {
	var es []*Engine[T]
	for _, l := range dispatch.Supported() {
		for _, w := range []int{1, 2, 3} {
			e, err := NewEngine[T](Config{Level: l, Workers: w})
			if err != nil {
				t.Fatal(err)
			}
			es = append(es, e)
		}
	}
	return es
}

func name[T Float](e *Engine[T]) string {
	var z T
	return fmt.Sprintf("%T/%s/w%d", z, e.cfg.Level, e.cfg.Workers)
}

// checkAll compares every kernel of e on x with the specification.
func checkAll[T Float](t *testing.T, e *Engine[T], x []T) {
	t.Helper()
	fail := func(k string, got, want float64) {
		t.Helper()
		if !same(got, want) {
			t.Fatalf("%s %s(len %d) = %v (%#x), want %v (%#x)", name(e), k, len(x), got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
	n := float64(len(x))
	fail("Sum", e.Sum(x), canon(specSum(x)))
	fail("Mean", e.Mean(x), canon(specSum(x)/n))
	for _, nan := range []bool{false, true} {
		m := specMoments(x, nan)
		for _, ddof := range []int{0, 1} {
			v, err := e.Var(x, ddof)
			s, err2 := e.Std(x, ddof)
			k := "Var"
			if nan {
				v, err = e.NanVar(x, ddof)
				s, err2 = e.NanStd(x, ddof)
				k = "NanVar"
			}
			if err != nil || err2 != nil {
				t.Fatal(err, err2)
			}
			fail(fmt.Sprintf("%s(ddof=%d)", k, ddof), v, canon(specVar(m, ddof)))
			fail(fmt.Sprintf("%s/Std(ddof=%d)", k, ddof), s, canon(math.Sqrt(specVar(m, ddof))))
		}
	}
	ns, cnt := specNanSum(x)
	fail("NanSum", e.NanSum(x), canon(ns))
	wantMean := math.NaN()
	if cnt > 0 {
		wantMean = ns / float64(cnt)
	}
	fail("NanMean", e.NanMean(x), canon(wantMean))
	mn, mx, nmn, nmx := math.NaN(), math.NaN(), math.NaN(), math.NaN()
	for i, v := range x {
		f := float64(v)
		if i == 0 {
			mn, mx = f, f
		}
		mn, mx = min(mn, f), max(mx, f)
		if f == f {
			if nmn != nmn {
				nmn, nmx = f, f
			}
			nmn, nmx = min(nmn, f), max(nmx, f)
		}
	}
	fail("Min", e.Min(x), canon(mn))
	fail("Max", e.Max(x), canon(mx))
	fail("NanMin", e.NanMin(x), canon(nmn))
	fail("NanMax", e.NanMax(x), canon(nmx))
}

type gen func(r *rand.Rand) float64

var gens = map[string]gen{
	"normal":   func(r *rand.Rand) float64 { return r.NormFloat64() },
	"offset":   func(r *rand.Rand) float64 { return 1e9 + r.NormFloat64() },
	"integers": func(r *rand.Rand) float64 { return float64(r.IntN(1 << 20)) },
	"special": func(r *rand.Rand) float64 {
		sp := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 5e-324, -1e-310, 1e308, -1e308, 1, -2.5}
		if r.IntN(8) == 0 {
			return sp[r.IntN(len(sp))]
		}
		return r.NormFloat64()
	},
	"nan-blocks": func(r *rand.Rand) float64 { return math.NaN() },
}

func data(r *rand.Rand, g gen, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = g(r)
	}
	return x
}

func to32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

// TestMatchesSpecSmall checks every level and worker count against the
// specification for every length 0..300 at every start offset in a cache
// line.
func TestMatchesSpecSmall(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for gname, g := range gens {
		x := data(r, g, 300+16)
		x32 := to32(x)
		for _, e := range engines[float64](t) {
			for n := 0; n <= 300; n++ {
				for off := 0; off < 8; off++ {
					checkAll(t, e, x[off:off+n])
				}
			}
		}
		for _, e := range engines[float32](t) {
			for n := 0; n <= 300; n += 1 + n/64 {
				for off := 0; off < 16; off++ {
					checkAll(t, e, x32[off:off+n])
				}
			}
		}
		_ = gname
	}
}

// blockLengths are lengths around the block size, its multiples, and the
// powers of two of the tree, where an off-by-one in the blocking or the
// tree would show.
func blockLengths(short bool) []int {
	ns := []int{4095, 4096, 4097, 8191, 8192, 8193, 3*4096 - 1, 3 * 4096, 3*4096 + 31, 3*4096 + 32, 5*4096 + 7, 7 * 4096, 8*4096 + 1, 63*4096 + 100, 64 * 4096, 65*4096 + 3}
	if !short {
		ns = append(ns, 129*4096+4095, 1000*4096+1234)
	}
	return ns
}

func TestMatchesSpecBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, gname := range []string{"normal", "offset", "special"} {
		for _, n := range blockLengths(testing.Short()) {
			x := data(r, gens[gname], n+3)
			for _, e := range engines[float64](t) {
				checkAll(t, e, x[:n])
				checkAll(t, e, x[3:])
			}
			x32 := to32(x)
			for _, e := range engines[float32](t) {
				checkAll(t, e, x32[1:n+1])
			}
		}
	}
}

// TestNaNBlocks has whole blocks of NaN among ordinary ones: those blocks
// are the identity of the NaN-skipping merges.
func TestNaNBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	x := data(r, gens["offset"], 9*4096+17)
	for i := 4096; i < 3*4096; i++ {
		x[i] = math.NaN()
	}
	for i := 8 * 4096; i < len(x); i++ {
		x[i] = math.NaN()
	}
	for _, e := range engines[float64](t) {
		checkAll(t, e, x)
		checkAll(t, e, x[4096:3*4096])
	}
}

// TestIntegersExact uses integer data whose every partial sum is exact, so
// any order gives the exact sum: the kernels must too.
func TestIntegersExact(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{1, 31, 33, 4097, 100000} {
		x := make([]float64, n)
		var want int64
		for i := range x {
			v := int64(r.IntN(1<<30)) - 1<<29
			x[i] = float64(v)
			want += v
		}
		for _, e := range engines[float64](t) {
			if got := e.Sum(x); got != float64(want) {
				t.Fatalf("%s Sum = %v, want %d", name(e), got, want)
			}
		}
	}
}

func TestEdgeCases(t *testing.T) {
	nan := math.NaN()
	negz := math.Copysign(0, -1)
	e, err := NewEngine[float64](Config{Level: dispatch.Generic, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	v := func(f float64, _ error) float64 { return f }
	tests := []struct {
		name      string
		got, want float64
	}{
		{"Sum(empty)", e.Sum(nil), 0},
		{"NanSum(empty)", e.NanSum(nil), 0},
		{"Mean(empty)", e.Mean(nil), nan},
		{"NanMean(all NaN)", e.NanMean([]float64{nan, nan}), nan},
		{"NanSum(all NaN)", e.NanSum([]float64{nan, nan}), 0},
		{"Var(empty)", v(e.Var(nil, 0)), nan},
		{"Var(n=1, ddof=1)", v(e.Var([]float64{3}, 1)), nan},
		{"Var(n=1, ddof=0)", v(e.Var([]float64{3}, 0)), 0},
		{"Std([1,2,3,4], 1)", v(e.Std([]float64{1, 2, 3, 4}, 1)), math.Sqrt(5.0 / 3)},
		{"Var([1,2,3,4], 0)", v(e.Var([]float64{1, 2, 3, 4}, 0)), 1.25},
		{"NanVar([1,NaN,3], 1)", v(e.NanVar([]float64{1, nan, 3}, 1)), 2},
		{"NanStd(all NaN)", v(e.NanStd([]float64{nan}, 0)), nan},
		{"Min(empty)", e.Min(nil), nan},
		{"Max(empty)", e.Max(nil), nan},
		{"Min([1,NaN])", e.Min([]float64{1, nan}), nan},
		{"NanMin([NaN,2,1])", e.NanMin([]float64{nan, 2, 1}), 1},
		{"NanMax(all NaN)", e.NanMax([]float64{nan}), nan},
		{"Min([+0,-0])", e.Min([]float64{0, negz}), negz},
		{"Max([-0,+0])", e.Max([]float64{negz, 0}), 0},
		{"Sum([-0])", e.Sum([]float64{negz}), 0},
		{"Sum([Inf,-Inf])", e.Sum([]float64{math.Inf(1), math.Inf(-1)}), nan},
		{"Mean([1,2])", e.Mean([]float64{1, 2}), 1.5},
	}
	for _, tt := range tests {
		if !same(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	e := Default[float64]()
	for _, f := range []func() (float64, error){
		func() (float64, error) { return e.Var([]float64{1, 2}, -1) },
		func() (float64, error) { return e.Std([]float64{1, 2}, -1) },
		func() (float64, error) { return NanVar([]float64{1, 2}, -2) },
		func() (float64, error) { return NanStd([]float32{1, 2}, -1) },
	} {
		v, err := f()
		if err == nil || v == v {
			t.Errorf("negative ddof: got (%v, %v), want (NaN, error)", v, err)
		}
	}
	if _, err := NewEngine[float64](Config{Workers: -1}); err == nil {
		t.Error("NewEngine(Workers: -1): no error")
	}
	for _, l := range dispatch.Levels() {
		_, err := NewEngine[float32](Config{Level: l})
		if dispatch.Has(l) != (err == nil) {
			t.Errorf("NewEngine(%s): err = %v, supported = %v", l, err, dispatch.Has(l))
		}
	}
	if _, err := NewEngine[float64](Config{Level: dispatch.Level(200)}); err == nil {
		t.Error("NewEngine(Level(200)): no error")
	}
}

// TestDefault checks the package-level functions run on the default
// engine, which uses every core.
func TestDefault(t *testing.T) {
	x := []float32{1, 2, 3}
	if got := Sum(x); got != 6 {
		t.Fatalf("Sum = %v", got)
	}
	e := Default[float32]()
	want, _ := dispatch.Default()
	if e.Config().Level != want || e.workers() != runtime.GOMAXPROCS(0) {
		t.Fatalf("Default = %+v, want level %s, all workers", e.Config(), want)
	}
	if Default[float64]().Config() != e.Config() {
		t.Fatal("float32 and float64 defaults differ")
	}
}
