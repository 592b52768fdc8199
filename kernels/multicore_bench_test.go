package kernels

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/kbench/kbench/dispatch"
	"github.com/kbench/kbench/internal/membw"
)

var benchSink float64

// BenchmarkCrossover times one against two workers on small inputs at the
// best level, with the parallel threshold forced down to two blocks, Var
// with the fused run of Engine.Moments: the size where two workers start
// to win is what parallelMinBlocks is set from.
//
//	go test -run '^$' -bench Crossover -count 6 -benchtime 0.1s ./kernels/
func BenchmarkCrossover(b *testing.B) {
	ref, err := dispatch.Kernels(dispatch.Best())
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{"Sum", "Var"} {
		for _, nb := range []int{8, 16, 32, 64, 128, 256, 512} {
			x := wild(nb*blockSize, 5, 0)
			for _, w := range []int{1, 2} {
				b.Run(fmt.Sprintf("%s/blocks=%d/workers=%d", kind, nb, w), func(b *testing.B) {
					b.SetBytes(int64(len(x) * 8))
					for b.Loop() {
						if kind == "Sum" {
							benchSink = reduceMin[float64](nb, w, 2, sumOp[float64]{ref.SumF64, x})
						} else {
							benchSink = reduceRunMin[Moments](nb, w, 2, momRunOp[float64]{ref.SumF64, ref.SumDevF64, x}).M2
						}
					}
				})
			}
		}
	}
}

// bigInput is the 256 MiB array of the roofline benchmarks, made once.
var bigInput = sync.OnceValue(func() []float64 {
	x := make([]float64, 256<<20/8)
	for i := range x {
		x[i] = float64(i%1000) * 0.001
	}
	return x
})

// BenchmarkMulticore compares Sum and Var over 256 MiB of float64 with the
// streaming-read roofline of the same number of threads, measured in the
// same run; the level is in the name.
//
//	go test -run '^$' -bench Multicore -count 5 ./kernels/
func BenchmarkMulticore(b *testing.B) {
	x := bigInput()
	words := make([]uint64, len(x))
	for i := range words {
		words[i] = uint64(i)
	}
	level := Default[float64]().Config().Level
	for _, w := range slices.Compact([]int{1, 2, runtime.GOMAXPROCS(0)}) {
		e, err := NewEngine[float64](Config{Level: level, Workers: w})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("membw/workers=%d", w), func(b *testing.B) {
			b.SetBytes(int64(len(words) * 8))
			for b.Loop() {
				benchSink += float64(membw.ReadParallel(words, w) & 1)
			}
		})
		b.Run(fmt.Sprintf("Sum/%s/workers=%d", level, w), func(b *testing.B) {
			b.SetBytes(int64(len(x) * 8))
			for b.Loop() {
				benchSink = e.Sum(x)
			}
		})
		b.Run(fmt.Sprintf("Var/%s/workers=%d", level, w), func(b *testing.B) {
			b.SetBytes(int64(len(x) * 8))
			for b.Loop() {
				benchSink, _ = e.Var(x, 1)
			}
		})
	}
}
