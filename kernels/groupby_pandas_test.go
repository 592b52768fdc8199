package kernels

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// readCSV reads the rows of a golden file as fields.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), ","))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestGroupByMatchesPandas compares with pandas' groupby().agg (defaults:
// skipna, ddof 1) on the files testdata/groupby/gen.py wrote.
//
// Count, min and max are exact in any order. Sum and mean are exact on
// integer-valued data (every partial sum is an integer below 2^53); on
// other data both results are sums of the same values in different orders,
// each within (n-1)·u·Σ|x| of the exact sum (u = 2^-53), so they differ by
// at most twice that. Std is checked against the exact value (math/big):
// ours within 1e-12 relative, and pandas' within the bound of its
// one-pass (Welford) update, 2n·u·(1 + |mean|/std), which shows the file
// holds what we computed from.
func TestGroupByMatchesPandas(t *testing.T) {
	for _, name := range []string{"ints", "floats"} {
		in := readCSV(t, "../testdata/groupby/"+name+".in.csv")
		want := readCSV(t, "../testdata/groupby/"+name+".out.csv")
		G, _ := strconv.Atoi(in[0][1])
		var codes []int32
		var cols [2][]float64
		for _, r := range in[1:] {
			k, _ := strconv.Atoi(r[0])
			codes = append(codes, int32(k))
			cols[0] = append(cols[0], atof(t, r[1]))
			cols[1] = append(cols[1], atof(t, r[2]))
		}
		aggs := AggCount | AggNanSum | AggNanMean | AggNanStd | AggNanMin | AggNanMax
		g, err := NewGroupBy(codes, G, Float64s("a", cols[0], aggs), Float64s("b", cols[1], aggs))
		if err != nil {
			t.Fatal(err)
		}
		res, _ := g.Run(Config{})
		size := make([]int64, G)
		for _, k := range codes {
			size[k]++
		}
		for k := range G {
			w := want[k]
			if n, _ := strconv.Atoi(w[0]); int64(n) != size[k] {
				t.Fatalf("%s group %d: size %d, pandas %d", name, k, size[k], n)
			}
			for j, c := range res.Columns {
				f := w[1+6*j:]
				var vals []float64
				var abs float64
				for i, x := range cols[j] {
					if int(codes[i]) == k && x == x {
						vals = append(vals, x)
						abs += math.Abs(x)
					}
				}
				n := float64(len(vals))
				if cnt, _ := strconv.Atoi(f[0]); int64(cnt) != c.Count[k] {
					t.Fatalf("%s group %d %s: count %d, pandas %d", name, k, c.Name, c.Count[k], cnt)
				}
				sumTol, meanTol := 0.0, 0.0
				if name != "ints" {
					sumTol = 2 * max(n-1, 0) * 0x1p-53 * abs
					meanTol = sumTol/n + 0x1p-52*math.Abs(c.NanMean[k])
				}
				checkClose(t, name, k, c.Name+" sum", c.NanSum[k], atof(t, f[1]), sumTol)
				checkClose(t, name, k, c.Name+" mean", c.NanMean[k], atof(t, f[2]), meanTol)
				checkClose(t, name, k, c.Name+" min", c.NanMin[k], atof(t, f[4]), 0)
				checkClose(t, name, k, c.Name+" max", c.NanMax[k], atof(t, f[5]), 0)
				pd := atof(t, f[3])
				if len(vals) < 2 {
					checkClose(t, name, k, c.Name+" std", c.NanStd[k], pd, 0)
					continue
				}
				exact := exactStd(vals)
				checkClose(t, name, k, c.Name+" std (exact)", c.NanStd[k], exact, 1e-12*exact)
				mean := math.Abs(c.NanMean[k])
				checkClose(t, name, k, c.Name+" std (pandas vs exact)", pd, exact, 2*n*0x1p-53*(1+mean/exact)*exact)
			}
		}
	}
}

func checkClose(t *testing.T, file string, g int, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) && math.IsNaN(want) {
		return
	}
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s group %d %s = %v, pandas %v (difference %g > %g)", file, g, what, got, want, math.Abs(got-want), tol)
	}
}
