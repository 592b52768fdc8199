//go:build !riscv64

// vek, a peer here, does not build on riscv64 (its dependency chewxy/math32).

package kernels_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/viterin/vek"
	"github.com/viterin/vek/vek32"
	"gonum.org/v1/gonum/stat"

	"github.com/kbench/kbench/dispatch"
	"github.com/kbench/kbench/internal/membw"
	"github.com/kbench/kbench/kernels"
)

// The benchmarks run every supported level single-threaded side by side
// with the peers (vek, gonum, a naive loop) and, at the largest size, the
// memory roofline (membw.Read over the same buffer). Besides MB/s they
// report elements per second ("Gelem/s") so float32 and float64 compare.
//
//	go test -run '^$' -bench 'Sum|Std|Membw' -count 5 ./kernels/

// benchSizes are element counts: one block (in L1), 2 MiB of float64 (L2
// or L3) and 256 MiB of float64 (memory).
var benchSizes = []struct {
	name string
	n    int
}{{"4Ki", 4096}, {"256Ki", 256 << 10}, {"32Mi", 32 << 20}}

// benchData returns n random elements of T, the same slice on every call.
func benchData[T kernels.Float](n int) []T {
	var z T
	key := fmt.Sprintf("%T/%d", z, n)
	v, _ := benchCache.LoadOrStore(key, sync.OnceValue(func() any {
		r := rand.New(rand.NewPCG(uint64(n), 1))
		x := make([]T, n)
		for i := range x {
			x[i] = T(r.NormFloat64())
		}
		return x
	}))
	return v.(func() any)().([]T)
}

var benchCache sync.Map

var sink float64

// run times f over x, reporting bytes and elements per second.
func run[T kernels.Float | uint64](b *testing.B, x []T, f func([]T) float64) {
	b.SetBytes(int64(len(x)) * int64(unsafe.Sizeof(x[0])))
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		sink += f(x)
	}
	b.ReportMetric(float64(len(x))*float64(b.N)/time.Since(start).Seconds()/1e9, "Gelem/s")
}

func engine[T kernels.Float](b *testing.B, l dispatch.Level) *kernels.Engine[T] {
	e, err := kernels.NewEngine[T](kernels.Config{Level: l, Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

func naiveSum[T kernels.Float](x []T) float64 {
	var s float64
	for _, v := range x {
		s += float64(v)
	}
	return s
}

func BenchmarkSum(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run("f64/"+sz.name, func(b *testing.B) {
			x := benchData[float64](sz.n)
			for _, l := range dispatch.Supported() {
				e := engine[float64](b, l)
				b.Run(l.String(), func(b *testing.B) { run(b, x, e.Sum) })
			}
			b.Run("vek", func(b *testing.B) { run(b, x, vek.Sum) })
			b.Run("naive", func(b *testing.B) { run(b, x, naiveSum[float64]) })
		})
		b.Run("f32/"+sz.name, func(b *testing.B) {
			x := benchData[float32](sz.n)
			for _, l := range dispatch.Supported() {
				e := engine[float32](b, l)
				b.Run(l.String(), func(b *testing.B) { run(b, x, e.Sum) })
			}
			b.Run("vek32", func(b *testing.B) {
				run(b, x, func(x []float32) float64 { return float64(vek32.Sum(x)) })
			})
			b.Run("naive", func(b *testing.B) { run(b, x, naiveSum[float32]) })
		})
	}
}

func BenchmarkStd(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run("f64/"+sz.name, func(b *testing.B) {
			x := benchData[float64](sz.n)
			for _, l := range dispatch.Supported() {
				e := engine[float64](b, l)
				b.Run(l.String(), func(b *testing.B) {
					run(b, x, func(x []float64) float64 { s, _ := e.Std(x, 1); return s })
				})
			}
			b.Run("gonum", func(b *testing.B) {
				run(b, x, func(x []float64) float64 { return stat.StdDev(x, nil) })
			})
		})
		b.Run("f32/"+sz.name, func(b *testing.B) {
			x := benchData[float32](sz.n)
			for _, l := range dispatch.Supported() {
				e := engine[float32](b, l)
				b.Run(l.String(), func(b *testing.B) {
					run(b, x, func(x []float32) float64 { s, _ := e.Std(x, 1); return s })
				})
			}
		})
	}
}

func BenchmarkMin(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run("f64/"+sz.name, func(b *testing.B) {
			x := benchData[float64](sz.n)
			for _, l := range dispatch.Supported() {
				e := engine[float64](b, l)
				b.Run(l.String(), func(b *testing.B) { run(b, x, e.Min) })
			}
		})
		b.Run("f32/"+sz.name, func(b *testing.B) {
			x := benchData[float32](sz.n)
			for _, l := range dispatch.Supported() {
				e := engine[float32](b, l)
				b.Run(l.String(), func(b *testing.B) { run(b, x, e.Min) })
			}
		})
	}
}

// BenchmarkMembw is the roofline: one thread reading the float64 buffer of
// each size as words.
func BenchmarkMembw(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			x := benchData[float64](sz.n)
			w := unsafe.Slice((*uint64)(unsafe.Pointer(&x[0])), len(x))
			run(b, w, func(w []uint64) float64 { return float64(membw.Read(w)) })
		})
	}
}
