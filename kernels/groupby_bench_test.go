package kernels

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/kbench/kbench/internal/membw"
)

// benchRows is the row count of the group-by benchmarks.
const benchRows = 10_000_000

var benchData = sync.OnceValue(func() (d struct{ v [3][]float64 }) {
	r := rand.New(rand.NewPCG(1, 2))
	for j := range d.v {
		d.v[j] = make([]float64, benchRows)
		for i := range d.v[j] {
			d.v[j][i] = r.NormFloat64()*10 + 1000
		}
	}
	return d
})

var benchCodes = map[int][]int32{}
var benchCodesMu sync.Mutex

func codesFor(G int) []int32 {
	benchCodesMu.Lock()
	defer benchCodesMu.Unlock()
	if c, ok := benchCodes[G]; ok {
		return c
	}
	r := rand.New(rand.NewPCG(uint64(G), 3))
	c := make([]int32, benchRows)
	for i := range c {
		c[i] = int32(r.IntN(G))
	}
	benchCodes[G] = c
	return c
}

// BenchmarkGroupBy reports, at the default level (KBENCH_LEVEL caps it),
// rows per second (as MB/s: one "byte" per row,
// so 1000 MB/s is 1e9 rows/s) for 10 million rows of uniform random codes.
//
//	go test -run '^$' -bench GroupBy -count 3 ./kernels/
func BenchmarkGroupBy(b *testing.B) {
	d := benchData()
	level := DefaultConfig().Level
	for _, G := range []int{1000, 100_000, 1_000_000, 10_000_000} {
		codes := codesFor(G)
		for _, w := range []int{1, 2} {
			cfg := Config{Level: level, Workers: w}
			b.Run(fmt.Sprintf("sum1/groups=%d/workers=%d", G, w), func(b *testing.B) {
				benchRun(b, codes, G, cfg, Float64s("v", d.v[0], AggSum))
			})
			// summeanstd3 and, with pandas' defaults (skipna), nansummeanstd3.
			for _, a := range []Agg{AggSum | AggMean | AggStd, AggNanSum | AggNanMean | AggNanStd} {
				name := "summeanstd3"
				if a&AggNanSum != 0 {
					name = "nansummeanstd3"
				}
				b.Run(fmt.Sprintf("%s/groups=%d/workers=%d", name, G, w), func(b *testing.B) {
					benchRun(b, codes, G, cfg, Float64s("a", d.v[0], a), Float64s("b", d.v[1], a), Float64s("c", d.v[2], a))
				})
			}
		}
	}
}

// BenchmarkGroupByAggs times one column's aggregations one at a time:
// the NaN-skipping ones are pandas' defaults (sum, mean, std, count).
func BenchmarkGroupByAggs(b *testing.B) {
	d := benchData()
	level := DefaultConfig().Level
	for _, G := range []int{1000, 1_000_000} {
		codes := codesFor(G)
		for _, a := range []Agg{AggSum, AggStd, AggMin, AggMax, AggCount, AggNanSum, AggNanMean, AggNanStd, AggNanMin} {
			for _, w := range []int{1, 2} {
				cfg := Config{Level: level, Workers: w}
				b.Run(fmt.Sprintf("%v/groups=%d/workers=%d", a, G, w), func(b *testing.B) {
					benchRun(b, codes, G, cfg, Float64s("v", d.v[0], a))
				})
			}
		}
	}
}

// BenchmarkPartitionCrossover times the four shapes of partitionAbove's
// bounds (one or three columns, sum, mean and std, plain or NaN-skipping)
// at 2 workers around them. To see both sides of a bound, compare a build
// whose partitionAbove returns 1<<12 (every chunk with a variance
// partitioned) with one that returns 1<<30 (none).
func BenchmarkPartitionCrossover(b *testing.B) {
	d := benchData()
	level := DefaultConfig().Level
	for _, G := range []int{20_000, 40_000, 65_536, 100_000, 160_000, 262_144} {
		codes := codesFor(G)
		for _, a := range []Agg{AggSum | AggMean | AggStd, AggNanSum | AggNanMean | AggNanStd} {
			for _, n := range []int{1, 3} {
				name := fmt.Sprintf("summeanstd%d", n)
				if a&AggNanSum != 0 {
					name = "nan" + name
				}
				cols := []Column{Float64s("a", d.v[0], a), Float64s("b", d.v[1], a), Float64s("c", d.v[2], a)}
				b.Run(fmt.Sprintf("%s/groups=%d", name, G), func(b *testing.B) {
					benchRun(b, codes, G, Config{Level: level, Workers: 2}, cols[:n]...)
				})
			}
		}
	}
}

// benchRun times g.Run over benchRows rows of codes in G groups.
func benchRun(b *testing.B, codes []int32, G int, cfg Config, cols ...Column) {
	g, err := NewGroupBy(codes, G, cols...)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchRows)
	for b.Loop() {
		g.Run(cfg)
	}
}

// BenchmarkGroupByPlainLoop is the yardstick of the targets: acc[k[i]] += v[i].
func BenchmarkGroupByPlainLoop(b *testing.B) {
	d := benchData()
	codes := codesFor(1000)
	acc := make([]float64, 1000)
	b.SetBytes(benchRows)
	for b.Loop() {
		clear(acc)
		for i, k := range codes {
			acc[k] += d.v[0][i]
		}
	}
}

// BenchmarkGroupByRoofline streams the bytes that the group-by benchmarks
// read (4-byte code + 8 bytes per column, per row) and reports them in the
// same unit (one "byte" per row): the memory ceiling of those benchmarks.
func BenchmarkGroupByRoofline(b *testing.B) {
	for _, cols := range []int{1, 3} {
		buf := make([]uint64, benchRows*(4+8*cols)/8)
		for i := range buf {
			buf[i] = uint64(i)
		}
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("cols=%d/workers=%d", cols, w), func(b *testing.B) {
				b.SetBytes(benchRows)
				for b.Loop() {
					membw.ReadParallel(buf, w)
				}
			})
		}
	}
}
