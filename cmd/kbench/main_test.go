package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kbench/kbench/internal/bench"
)

// kbench runs the command line in-process and returns its exit status,
// stdout and stderr.
func kbench(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"kbench"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// quick are flags that keep a run to a fraction of a second.
var quick = []string{"--time", "2ms", "--count", "2", "--roofline-size", "1MiB"}

func TestRunJSONContract(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "r.json")
	args := append([]string{"run", "--kernel", "sum,std,groupby", "--dtype", "f32,f64", "--size", "4K,l1",
		"--groups", "16", "--format", "json", "--output", file}, quick...)
	code, stdout, stderr := kbench(t, args...)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "kernel") {
		t.Errorf("with --output, stdout should hold the table; got:\n%s", stdout)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["schema"] != "kbench.run/v1" {
		t.Errorf("schema = %v", doc["schema"])
	}
	for _, f := range []string{"machine", "roofline", "results", "peak_rss_bytes"} {
		if _, ok := doc[f]; !ok {
			t.Errorf("top-level field %q missing", f)
		}
	}
	roof := doc["roofline"].(map[string]any)
	for _, f := range []string{"read_gbps_1t", "read_gbps_all"} {
		if v, ok := roof[f].(float64); !ok || !(v > 0) {
			t.Errorf("roofline.%s = %v, want a positive number", f, roof[f])
		}
	}
	if v, ok := doc["peak_rss_bytes"].(float64); !ok || !(v > 0) {
		t.Errorf("peak_rss_bytes = %v, want a positive number", doc["peak_rss_bytes"])
	}
	results := doc["results"].([]any)
	// types of the contract's fields: s string, n number, o number or null.
	fields := map[string]byte{
		"kernel": 's', "dtype": 's', "n": 'n', "groups": 'n', "columns": 'n', "backend": 's', "class": 's',
		"level": 's', "workers": 'n', "ns_per_op": 'n', "ns_min": 'n', "ns_max": 'n', "bytes_per_op": 'n',
		"gbps": 'n', "elems_per_sec": 'n', "speedup_vs_scalar": 'o', "roofline_frac": 'o',
		"allocs_per_op": 'n', "alloc_bytes_per_op": 'n',
	}
	seen := map[string]bool{}
	for i, r := range results {
		row := r.(map[string]any)
		for f, kind := range fields {
			v, ok := row[f]
			if !ok {
				t.Errorf("results[%d] lacks %q", i, f)
				continue
			}
			switch kind {
			case 's':
				_, ok = v.(string)
			case 'n':
				_, ok = v.(float64)
			case 'o':
				_, isNum := v.(float64)
				ok = v == nil || isNum
			}
			if !ok {
				t.Errorf("results[%d].%s = %#v (%T): wrong type", i, f, v, v)
			}
		}
		min, med, max := row["ns_min"].(float64), row["ns_per_op"].(float64), row["ns_max"].(float64)
		if !(0 < min && min <= med && med <= max) {
			t.Errorf("results[%d]: ns_min %v, ns_per_op %v, ns_max %v out of order", i, min, med, max)
		}
		seen[row["kernel"].(string)+"/"+row["dtype"].(string)+"/"+row["backend"].(string)] = true
		if row["backend"] == "scalar" && row["speedup_vs_scalar"] != 1.0 {
			t.Errorf("results[%d]: scalar speedup_vs_scalar = %v, want 1", i, row["speedup_vs_scalar"])
		}
	}
	for _, want := range []string{"sum/f32/naive", "sum/f64/scalar", "sum/f64/multicore", "sum/f64/gonum", "sum/f32/vek",
		"std/f64/gonum", "groupby/f64/naive", "groupby/f32/naive", "groupby/f64/scalar", "groupby/f64/multicore"} {
		if !seen[want] {
			t.Errorf("no result for %s", want)
		}
	}
	if seen["sum/f32/gonum"] || seen["std/f64/vek"] || seen["groupby/f64/gonum"] {
		t.Errorf("results for combinations that have no implementation: %v", seen)
	}
}

func TestRunFormats(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"table", []string{"time/op", "sum", "scalar", "naive"}},
		{"csv", []string{"kernel,dtype,n,groups,columns,backend,class,level,workers,ns_per_op", "\nsum,f64,1000,0,1,scalar,scalar,generic,1,"}},
		{"markdown", []string{"| kernel | dtype |", "| --- |", "| sum | f64 |"}},
		{"benchstat", []string{"goos: ", "BenchmarkSum/f64/n=1000/scalar-", " ns/op\t", " MB/s\t"}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, out, stderr := kbench(t, append([]string{"run", "-k", "sum", "-s", "1K", "-b", "naive,scalar", "-f", tc.format}, quick...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestBenchstatLines checks that every benchmark line has the shape Go's
// benchmark parser expects: name, iterations, then value-unit pairs; and
// one line per repetition.
func TestBenchstatLines(t *testing.T) {
	code, out, stderr := kbench(t, append([]string{"run", "-k", "sum", "-s", "1K,2K", "-b", "scalar", "-f", "benchstat"}, quick...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(l, "Benchmark") {
			continue
		}
		n++
		f := strings.Fields(l)
		if len(f)%2 != 0 || len(f) < 4 || f[3] != "ns/op" {
			t.Errorf("malformed line %q", l)
		}
	}
	if n != 4 { // 2 sizes x 2 repetitions
		t.Errorf("%d benchmark lines, want 4:\n%s", n, out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string // in the one-line message
	}{
		{[]string{"run", "--kernel", "summ"}, []string{`"summ"`, "sum, mean"}},
		{[]string{"run", "--backend", "turbo"}, []string{`"turbo"`, "naive, scalar"}},
		{[]string{"run", "--dtype", "f16"}, []string{`"f16"`, "f32, f64"}},
		{[]string{"run", "--size", "12Q"}, []string{`"12Q"`, "l1, l2, llc, dram"}},
		{[]string{"run", "--size", "-5"}, []string{`"-5"`}},
		{[]string{"run", "--backend", "gpu"}, []string{"gpu", "no GPU backend"}},
		{[]string{"run", "--format", "xml"}, []string{`"xml"`, "table, json"}},
		{[]string{"run", "--count", "0"}, []string{"--count 0"}},
		{[]string{"run", "--bogus"}, []string{"bogus"}},
		{[]string{"run", "--time", "soon"}, []string{"soon"}},
		{[]string{"frobnicate"}, []string{`"frobnicate"`, "run, info"}},
		{[]string{"compare", "only-one.json"}, []string{"two files"}},
		{[]string{"compare", "nope-a.json", "nope-b.json"}, []string{"nope-a.json"}},
		{[]string{"scale", "--level", "sse9"}, []string{`"sse9"`, "generic"}},
		{[]string{"plot", "x.json", "-o", "x.gif"}, []string{`"x.gif"`, ".svg"}},
		{[]string{"info", "--format", "yaml"}, []string{`"yaml"`}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, stdout, stderr := kbench(t, tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", code, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("want one line on stderr, got:\n%s", stderr)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stdout, "goroutine") {
				t.Errorf("stack trace printed")
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
		})
	}
}

// TestLevelTheCPULacks asks for a SIMD level that this CPU or build
// lacks, whichever it is.
func TestLevelTheCPULacks(t *testing.T) {
	for _, l := range []string{"avx2", "avx512", "neon"} {
		has := false
		for _, s := range bench.HostMachine(false).Levels {
			has = has || s == l
		}
		if has {
			continue
		}
		code, _, stderr := kbench(t, "run", "--backend", l)
		if code != 2 || !strings.Contains(stderr, l) || !strings.Contains(stderr, "generic") {
			t.Errorf("--backend %s: exit %d, stderr %q; want 2 and the supported levels", l, code, stderr)
		}
		return
	}
	t.Skip("this CPU and build support every level")
}

func TestHelp(t *testing.T) {
	for _, cmd := range []string{"run", "info", "verify", "compare", "scale", "plot"} {
		code, out, _ := kbench(t, cmd, "--help")
		if code != 0 || !strings.Contains(out, "USAGE") || !strings.Contains(out, "--") {
			t.Errorf("%s --help: exit %d, output:\n%s", cmd, code, out)
		}
	}
}

func TestInfo(t *testing.T) {
	code, out, _ := kbench(t, "info")
	for _, w := range []string{"cpu:", "caches:", "levels:", "selected:", "gpu:", "no GPU backend", "GOMAXPROCS"} {
		if !strings.Contains(out, w) {
			t.Errorf("info lacks %q:\n%s", w, out)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	code, out, _ = kbench(t, "info", "--format", "json")
	var m bench.Machine
	if err := json.Unmarshal([]byte(out), &m); err != nil || code != 0 {
		t.Fatalf("info --format json: exit %d, %v:\n%s", code, err, out)
	}
	if m.Arch == "" || len(m.Levels) == 0 || m.Levels[0] != "generic" || m.GPU.Usable || m.GPU.Reason == "" {
		t.Errorf("info json: %+v", m)
	}
}

func TestEnvFormat(t *testing.T) {
	t.Setenv("KBENCH_FORMAT", "csv")
	code, out, stderr := kbench(t, append([]string{"run", "-k", "sum", "-s", "100", "-b", "scalar"}, quick...)...)
	if code != 0 || !strings.HasPrefix(out, "kernel,dtype,") {
		t.Errorf("KBENCH_FORMAT=csv: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
}

// writeReport writes a synthetic run with the given (backend, class,
// ns_per_op) rows for kernel sum at n.
func writeReport(t *testing.T, name string, n int64, size string, rows ...any) string {
	t.Helper()
	rep := bench.Report{Schema: bench.Schema}
	for i := 0; i < len(rows); i += 3 {
		rep.Results = append(rep.Results, bench.Result{Kernel: "sum", DType: "f64", N: n, Columns: 1,
			Backend: rows[i].(string), Class: rows[i+1].(string), NsPerOp: rows[i+2].(float64), Size: size})
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCompareRegression(t *testing.T) {
	old := writeReport(t, "old.json", 1000, "", "scalar", "scalar", 100.0, "avx2", "simd", 50.0)
	same := writeReport(t, "same.json", 1000, "", "scalar", "scalar", 103.0, "avx2", "simd", 49.0)
	slow := writeReport(t, "slow.json", 1000, "", "scalar", "scalar", 100.0, "avx2", "simd", 60.0)
	for _, tc := range []struct {
		newFile, threshold string
		code               int
	}{
		{same, "5%", 0},
		{slow, "5%", 1},   // avx2 20% slower
		{slow, "0.25", 0}, // within 25%
		{slow, "", 0},     // no threshold: report only
	} {
		args := []string{"compare", old, tc.newFile}
		if tc.threshold != "" {
			args = append(args, "--threshold", tc.threshold) // after the files: reordered
		}
		code, out, stderr := kbench(t, args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d; stderr %q\n%s", args, code, tc.code, stderr, out)
		}
		if tc.code == 1 && !strings.Contains(out, "REGRESSED") {
			t.Errorf("%v: no row marked:\n%s", args, out)
		}
	}
	// The geometric mean of 1.2 and 1.0 is sqrt(1.2).
	code, out, _ := kbench(t, "compare", "--format", "json", old, slow)
	var rep compareReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 {
		t.Fatalf("exit %d, %v", code, err)
	}
	if len(rep.Rows) != 2 || rep.Geomean < 1.0954 || rep.Geomean > 1.0955 {
		t.Errorf("rows %d, geomean %v; want 2 and sqrt(1.2)", len(rep.Rows), rep.Geomean)
	}
}

// TestCompareByClass joins an amd64 run (avx512 best) with an arm64 run
// (neon) of different n on the class and the named size.
func TestCompareByClass(t *testing.T) {
	amd := writeReport(t, "amd64.json", 3072, "l1", "scalar", "scalar", 3072.0, "avx2", "avx2", 600.0, "avx512", "simd", 300.0)
	arm := writeReport(t, "arm64.json", 8192, "l1", "scalar", "scalar", 4096.0, "neon", "simd", 1600.0)
	code, _, stderr := kbench(t, "compare", amd, arm)
	if code != 2 || !strings.Contains(stderr, "no row in common") {
		t.Errorf("without --by-class: exit %d, stderr %q; want 2, no row in common", code, stderr)
	}
	code, out, stderr := kbench(t, "compare", "--by-class", "--format", "json", amd, arm)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep compareReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, r := range rep.Rows {
		got[r.Key+":"+r.OldName+">"+r.NewName] = r.Ratio
	}
	// Per element: scalar 1 ns -> 0.5 ns; simd 300/3072 -> 1600/8192 ns.
	want := map[string]float64{"scalar:scalar>scalar": 0.5, "simd:avx512>neon": (1600.0 / 8192) / (300.0 / 3072)}
	if !reflect.DeepEqual(keys(got), keys(want)) {
		t.Fatalf("joined %v, want %v", got, want)
	}
	for k, w := range want {
		if d := got[k] - w; d > 1e-12 || d < -1e-12 {
			t.Errorf("%s ratio %v, want %v", k, got[k], w)
		}
	}
	if rep.OnlyOld != 1 {
		t.Errorf("only_old = %d, want 1 (avx2)", rep.OnlyOld)
	}
}

func keys(m map[string]float64) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	slicesSort(k)
	return k
}

func TestCompareBadJSON(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o644)
	other := filepath.Join(dir, "other.json")
	os.WriteFile(other, []byte(`{"schema":"kbench.run/v0","results":[]}`), 0o644)
	good := writeReport(t, "good.json", 10, "", "scalar", "scalar", 1.0)
	for _, tc := range []struct{ file, want string }{{bad, "not a kbench JSON run"}, {other, `"kbench.run/v0"`}} {
		code, _, stderr := kbench(t, "compare", good, tc.file)
		if code != 2 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, tc.file) {
			t.Errorf("compare with %s: exit %d, stderr %q", tc.file, code, stderr)
		}
	}
}

func TestScaleAndPlot(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "scale.svg")
	code, out, stderr := kbench(t, "scale", "-k", "sum", "-s", "300K", "-n", "2", "--time", "2ms", "--count", "1", "--plot", svg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "efficiency") || !strings.Contains(out, "1.00x") {
		t.Errorf("scale output:\n%s", out)
	}
	if b, err := os.ReadFile(svg); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("scale --plot: %v", err)
	}
	js := filepath.Join(dir, "run.json")
	code, _, stderr = kbench(t, append([]string{"run", "-k", "sum", "-s", "1K,8K", "-b", "naive,scalar", "-f", "json", "-o", js}, quick...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, img := range []string{"p.png", "p.svg"} {
		path := filepath.Join(dir, img)
		code, _, stderr = kbench(t, "plot", js, "-o", path)
		if code != 0 {
			t.Fatalf("plot %s: exit %d: %s", img, code, stderr)
		}
		if st, err := os.Stat(path); err != nil || st.Size() < 1000 {
			t.Errorf("plot %s: %v", img, err)
		}
	}
}

func TestVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("verify runs every level over large inputs")
	}
	code, out, stderr := kbench(t, "verify", "--dtype", "f64", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, stderr, out)
	}
	var doc struct {
		Passed bool
		Rows   []bench.VerifyRow
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Passed || len(doc.Rows) < 12 {
		t.Errorf("passed %v, %d rows", doc.Passed, len(doc.Rows))
	}
	for _, r := range doc.Rows {
		if (r.Kernel == "sum" || r.Kernel == "var") && r.BoundCases == 0 {
			t.Errorf("%+v: no bound checked", r)
		}
	}
}

// TestInterrupt cancels a run: what was measured is still printed, and
// the exit status is 130.
func TestInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan int)
	// Eight sizes of about 60 ms each; the cancel comes after about two.
	go func() {
		done <- run(ctx, []string{"kbench", "run", "-k", "sum", "-s", "1K,2K,3K,4K,5K,6K,7K,8K", "-b", "scalar",
			"-t", "50ms", "-c", "1", "--roofline-size", "0", "-f", "json"}, &out, &errb)
	}()
	sleep()
	sleep()
	sleep()
	cancel()
	code := <-done
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d; stderr %q", code, exitInterrupted, errb.String())
	}
	var rep bench.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if !rep.Interrupted || len(rep.Results) == 0 || len(rep.Results) == 8 {
		t.Errorf("interrupted %v with %d results; want true and some but not all of 8", rep.Interrupted, len(rep.Results))
	}
}
