package bench

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kbench/kbench/dispatch"
)

var testCaches = Caches{L1D: 48 << 10, L2: 2 << 20, LLC: 32 << 20}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Size
	}{
		{"4096", Size{N: 4096}},
		{"100K", Size{N: 100_000}},
		{"2m", Size{N: 2_000_000}},
		{"1.5M", Size{N: 1_500_000}},
		{"1G", Size{N: 1_000_000_000}},
		{"32KiB", Size{Bytes: 32 << 10}},
		{"64MiB", Size{Bytes: 64 << 20}},
		{"1GiB", Size{Bytes: 1 << 30}},
		{"32KB", Size{Bytes: 32_000}},
		{"512B", Size{Bytes: 512}},
		{"L1", Size{Label: "l1", Bytes: 24 << 10}},
		{"l2", Size{Label: "l2", Bytes: 1 << 20}},
		{"llc", Size{Label: "llc", Bytes: 16 << 20}},
		{"dram", Size{Label: "dram", Bytes: 256 << 20}},
	} {
		got, err := ParseSize(tc.in, testCaches)
		got.Text = ""
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "K", "12Q", "-5", "0", "1.5", "3KiBs", "0.5K0", "1e3", "10TB"} {
		if _, err := ParseSize(bad, testCaches); err == nil || !strings.Contains(err.Error(), "l1, l2, llc, dram") {
			t.Errorf("ParseSize(%q): err = %v, want the valid forms", bad, err)
		}
	}
}

func TestCachesWithoutL3(t *testing.T) {
	// Apple M1-like: big L2, no L3: llc falls back on the l2 target.
	c := Caches{L1D: 128 << 10, L2: 12 << 20, LLC: 12 << 20}
	if c.LLCTarget() != c.L2Target() {
		t.Errorf("LLCTarget %d, want the L2 target %d", c.LLCTarget(), c.L2Target())
	}
	if c.DRAMTarget() != 256<<20 {
		t.Errorf("DRAMTarget %d, want 256 MiB", c.DRAMTarget())
	}
}

func TestCopies(t *testing.T) {
	c := Caches{L1D: 48 << 10, L2: 2 << 20, LLC: 480 << 20}
	for _, tc := range []struct {
		bytes int64
		want  int
	}{
		{1 << 20, 1},   // in cache on purpose
		{240 << 20, 1}, // half the LLC: still a cache size
		{256 << 20, 4}, // 4 copies = 1 GiB >= 2 LLC
		{512 << 20, 2}, // 2 copies = 1 GiB
		{960 << 20, 1}, // twice the LLC alone
		{2 << 30, 1},   // larger still
	} {
		if got := c.Copies(tc.bytes); got != tc.want {
			t.Errorf("Copies(%s) = %d, want %d", FormatBytes(tc.bytes), got, tc.want)
		}
		if got := c.Copies(tc.bytes); int64(got)*tc.bytes > max(tc.bytes, MaxDRAMBytes) {
			t.Errorf("Copies(%s) = %d exceeds %s", FormatBytes(tc.bytes), got, FormatBytes(MaxDRAMBytes))
		}
	}
}

func TestClassify(t *testing.T) {
	bs := []Backend{{Name: "naive", Kind: Naive}, {Name: "scalar", Kind: Engine, Level: dispatch.Generic},
		{Name: "avx2", Kind: Engine, Level: dispatch.AVX2}, {Name: "avx512", Kind: Engine, Level: dispatch.AVX512},
		{Name: "multicore", Kind: Engine, Level: dispatch.AVX512}, {Name: "vek", Kind: Peer}}
	Classify(bs)
	var got []string
	for _, b := range bs {
		got = append(got, b.Class)
	}
	want := []string{"naive", "scalar", "avx2", "simd", "multicore", "vek"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("classes %v, want %v", got, want)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := Generate[float64](Grouped, 1000, 7, 3, 2, 42)
	b := Generate[float64](Grouped, 1000, 7, 3, 2, 42)
	c := Generate[float64](Grouped, 1000, 7, 3, 1, 43)
	if !reflect.DeepEqual(a.Codes[0], b.Codes[0]) || !reflect.DeepEqual(a.Cols[1], b.Cols[1]) {
		t.Error("same seed, different data")
	}
	if reflect.DeepEqual(a.Codes[0], c.Codes[0]) {
		t.Error("different seeds, same codes")
	}
	for _, k := range a.Codes[0] {
		if k < 0 || k >= 7 {
			t.Fatalf("code %d out of [0,7)", k)
		}
	}
	if &a.Cols[0][0][0] == &a.Cols[1][0][0] || !reflect.DeepEqual(a.Cols[0], a.Cols[1]) {
		t.Error("copies must be equal data in different memory")
	}
}

// TestNaiveGroupBy checks the naive loop against per-group slices.
func TestNaiveGroupBy(t *testing.T) {
	d := Generate[float64](Grouped, 5000, 13, 2, 1, 1)
	got := naiveGroupBy(d, 0)
	var want float64
	for c := range d.Cols[0] {
		var g0 []float64
		for i, k := range d.Codes[0] {
			if k == 0 {
				g0 = append(g0, d.Cols[0][c][i])
			}
		}
		want += naiveSum(g0) + naiveMean(g0) + naiveStd(g0)
	}
	if math.Abs(got-want) > 1e-9*math.Abs(want) {
		t.Errorf("naiveGroupBy = %v, want %v", got, want)
	}
}

func TestRunMeasuresEveryAvailableCell(t *testing.T) {
	ks, _ := ParseKernels([]string{"sum,var,groupby,factorize"})
	bs, err := ParseBackends([]string{"naive,scalar,gonum"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := Plan{Kernels: ks, DTypes: []string{"f32", "f64"}, Sizes: []Size{{N: 1000}}, Backends: bs,
		Groups: 10, Columns: 2, Time: time.Millisecond, Count: 2, Seed: 1, Caches: testCaches}
	rs, notes, err := Run(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rs {
		got[r.Kernel+"/"+r.DType+"/"+r.Backend] = true
		if len(r.SamplesNs) != 2 || r.Ops < 2 || !(r.NsPerOp > 0) {
			t.Errorf("%+v: want 2 samples", r)
		}
	}
	want := map[string]bool{"sum/f32/naive": true, "sum/f32/scalar": true, "sum/f64/naive": true, "sum/f64/scalar": true,
		"sum/f64/gonum": true, "var/f32/naive": true, "var/f32/scalar": true, "var/f64/naive": true,
		"var/f64/scalar": true, "var/f64/gonum": true, "groupby/f32/naive": true, "groupby/f64/naive": true,
		"factorize/i64/naive": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("measured %v\nwant     %v", got, want)
	}
	if len(notes) == 0 {
		t.Error("no note on the skipped combinations")
	}
}

// TestBoundsCatchInaccurateAlgorithms makes sure the verify bounds are
// tight enough to fail: a one-pass variance on offset data and a sum off
// by its bound's worth are outside them.
func TestBoundsCatchInaccurateAlgorithms(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 10_000)
	for i := range x {
		x[i] = 1e9 + r.NormFloat64()
	}
	exact := exactVar(x, 1)
	var s, ss float64
	for _, v := range x {
		s += v
		ss += v * v
	}
	n := float64(len(x))
	onePass := (ss - s*s/n) / (n - 1)
	if math.Abs(onePass-exact) <= varBound(x, 1, exact) {
		t.Errorf("one-pass variance %v within the bound of exact %v", onePass, exact)
	}
	if math.Abs(naiveVar(x)-exact) > varBound(x, 1, exact)*1e3 {
		t.Logf("naive two-pass error %g (bound %g)", math.Abs(naiveVar(x)-exact), varBound(x, 1, exact))
	}
	es := exactSum(x)
	if b := sumBound(x); math.Abs((es+2*b)-es) <= b {
		t.Errorf("a sum off by twice the bound passes")
	}
}
