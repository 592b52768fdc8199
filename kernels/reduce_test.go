package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// strOp builds the expression of the tree, so that the shape of the
// reduction is compared exactly, not just its value.
type strOp struct{}

func (strOp) leaf(b int) string        { return fmt.Sprint(b) }
func (strOp) merge(a, b string) string { return "(" + a + "+" + b + ")" }

// recursiveTree is the definition of the canonical tree in docs/design.md.
func recursiveTree(lo, hi int) string {
	if hi-lo == 1 {
		return fmt.Sprint(lo)
	}
	h := 1
	for h*2 < hi-lo {
		h *= 2
	}
	return "(" + recursiveTree(lo, lo+h) + "+" + recursiveTree(lo+h, hi) + ")"
}

func TestReduceIsTheCanonicalTree(t *testing.T) {
	for nb := 1; nb <= 300; nb++ {
		want := recursiveTree(0, nb)
		for w := 1; w <= 9; w++ {
			if got := reduceMin[string](nb, w, 1, strOp{}); got != want {
				t.Fatalf("reduce(%d blocks, %d workers) = %s, want %s", nb, w, got, want)
			}
		}
	}
}

func TestTreePushN(t *testing.T) {
	// Pushing aligned complete subtrees gives the same tree as their leaves.
	for nb := 1; nb <= 100; nb++ {
		for step := 1; step <= 8; step *= 2 {
			tr := tree[string, strOp]{}
			for lo := 0; lo < nb; {
				size := step
				for lo%size != 0 || lo+size > nb {
					size /= 2
				}
				tr.pushN(reduceBlocks[string](0, size, offsetOp{lo}), uint64(size))
				lo += size
			}
			if got, _ := tr.result(); got != recursiveTree(0, nb) || tr.leaves() != uint64(nb) {
				t.Fatalf("pushN(%d blocks, step %d) = %s (%d leaves), want %s", nb, step, got, tr.leaves(), recursiveTree(0, nb))
			}
		}
	}
}

type offsetOp struct{ lo int }

func (o offsetOp) leaf(b int) string      { return fmt.Sprint(o.lo + b) }
func (offsetOp) merge(a, b string) string { return "(" + a + "+" + b + ")" }

// wild returns n values over many magnitudes and both signs, where the order
// of summation changes the rounded result.
func wild(n int, seed uint64, nanEvery int) []float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = (r.Float64() - 0.3) * math.Pow(10, 8*r.Float64())
		if nanEvery > 0 && r.IntN(nanEvery) == 0 {
			x[i] = math.NaN()
		}
	}
	return x
}

type kernel[T Float] struct {
	name string
	f    func(e *Engine[T], x []T) float64
}

func wholeColumnKernels[T Float]() []kernel[T] {
	must := func(v float64, err error) float64 {
		if err != nil {
			panic(err)
		}
		return v
	}
	return []kernel[T]{
		{"Sum", (*Engine[T]).Sum},
		{"Mean", (*Engine[T]).Mean},
		{"Var", func(e *Engine[T], x []T) float64 { return must(e.Var(x, 1)) }},
		{"Std", func(e *Engine[T], x []T) float64 { return must(e.Std(x, 0)) }},
		{"Min", (*Engine[T]).Min},
		{"Max", (*Engine[T]).Max},
		{"NanSum", (*Engine[T]).NanSum},
		{"NanMean", (*Engine[T]).NanMean},
		{"NanVar", func(e *Engine[T], x []T) float64 { return must(e.NanVar(x, 1)) }},
		{"NanStd", func(e *Engine[T], x []T) float64 { return must(e.NanStd(x, 0)) }},
		{"NanMin", (*Engine[T]).NanMin},
		{"NanMax", (*Engine[T]).NanMax},
	}
}

// workerCounts are the counts every parallel result is compared over; 0 is
// GOMAXPROCS.
var workerCounts = []int{0, 1, 2, 3, 4, 5, 6, 7, 8}

func TestWorkersBitwiseEqual(t *testing.T) {
	p := parallelMinBlocks
	blocks := []int{1, 63, 64, 65, p - 1, p, p + 1, 1000, 4097}
	workers := workerCounts
	if testing.Short() {
		blocks = []int{1, p - 1, p, p + 1, 2*p + 3}
		workers = []int{0, 1, 2, 3, 8}
	}
	maxN := slices.Max(blocks) * blockSize
	clean, nans := wild(maxN, 1, 0), wild(maxN, 2, 50)
	x32 := make([]float32, (2*p+3)*blockSize)
	for i := range x32 {
		x32[i] = float32(clean[i])
	}
	for _, nb := range blocks {
		tails := []int{0, 1, 17, blockSize - 1}
		if nb > 2*p+3 || testing.Short() {
			tails = []int{0, 17} // every tail shows on the small ones
		}
		for _, tail := range tails {
			n := (nb-1)*blockSize + max(tail, 1)
			if tail == 0 {
				n = nb * blockSize
			}
			checkWorkers(t, clean[:n], "clean", workers)
			checkWorkers(t, nans[:n], "nan", workers)
			if n <= len(x32) {
				checkWorkers(t, x32[:n], "f32", workers)
			}
		}
	}
}

func checkWorkers[T Float](t *testing.T, x []T, data string, workers []int) {
	t.Helper()
	e1, _ := NewEngine[T](Config{Workers: 1})
	for _, k := range wholeColumnKernels[T]() {
		want := k.f(e1, x)
		for _, w := range workers {
			e, err := NewEngine[T](Config{Workers: w})
			if err != nil {
				t.Fatal(err)
			}
			got := k.f(e, x)
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%s(%s, n=%d) with %d workers = %v (%#x), want %v (%#x) as with 1",
					k.name, data, len(x), w, got, math.Float64bits(got), want, math.Float64bits(want))
			}
		}
	}
}

// waitGoroutines waits for the goroutine count to fall back to base.
// With base 0 it waits until the count stops falling.
func waitGoroutines(t *testing.T, base int) {
	t.Helper()
	if base == 0 {
		for n := -1; n != runtime.NumGoroutine(); time.Sleep(5 * time.Millisecond) {
			n = runtime.NumGoroutine()
		}
		return
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines left running, %d before:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(time.Millisecond)
	}
}

// countOp records the most leaves running at once. Counting leaves rather
// than runtime.NumGoroutine keeps goroutines of the test runtime and of
// earlier tests out of the figure.
type countOp struct{ now, most *atomic.Int64 }

func (o countOp) leaf(b int) float64 {
	n := o.now.Add(1)
	defer o.now.Add(-1)
	for m := o.most.Load(); n > m && !o.most.CompareAndSwap(m, n); m = o.most.Load() {
	}
	time.Sleep(10 * time.Microsecond) // let the other workers start
	return float64(b)
}
func (countOp) merge(a, b float64) float64 { return a + b }

func TestNoGoroutineLeak(t *testing.T) {
	x := wild(300*blockSize, 3, 0)
	waitGoroutines(t, 0)
	base := runtime.NumGoroutine()
	for _, w := range []int{2, 8, 64} {
		e, _ := NewEngine[float64](Config{Workers: w})
		for _, k := range wholeColumnKernels[float64]() {
			k.f(e, x)
			waitGoroutines(t, base)
		}
		// A call runs at most w-1 goroutines besides the caller.
		var now, most atomic.Int64
		reduceMin[float64](1000, w, 1, countOp{&now, &most})
		if most.Load() > int64(w) {
			t.Errorf("%d workers: %d leaves ran at once, want at most %d", w, most.Load(), w)
		}
		waitGoroutines(t, base)
	}
}

// panicOp panics in the leaf of block at.
type panicOp struct{ at int }

func (o panicOp) leaf(b int) float64 {
	if b == o.at {
		panic(fmt.Sprintf("leaf %d exploded", b))
	}
	return float64(b)
}
func (panicOp) merge(a, b float64) float64 { return a + b }

func TestWorkerPanicReachesCaller(t *testing.T) {
	base := runtime.NumGoroutine()
	for _, w := range []int{1, 2, 3, 8} {
		for _, at := range []int{0, 1, 99, 199} {
			done := make(chan any)
			go func() {
				defer func() { done <- recover() }()
				reduceMin[float64](200, w, 1, panicOp{at})
			}()
			select {
			case p := <-done:
				if s, _ := p.(string); !strings.Contains(s, fmt.Sprintf("leaf %d exploded", at)) {
					t.Fatalf("workers %d, panic at %d: recovered %v, want the leaf's panic", w, at, p)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("workers %d, panic at %d: reduce hangs", w, at)
			}
		}
	}
	waitGoroutines(t, base)
}

func TestSingleWorkerAllocatesNothing(t *testing.T) {
	x := wild((parallelMinBlocks+36)*blockSize+5, 4, 0)
	x32 := make([]float32, len(x))
	for i := range x {
		x32[i] = float32(x[i])
	}
	for _, w := range []int{1, 8} {
		n := len(x)
		if w > 1 {
			n = (parallelMinBlocks - 1) * blockSize // stays on the caller
		}
		e, _ := NewEngine[float64](Config{Workers: w})
		for _, k := range wholeColumnKernels[float64]() {
			if a := testing.AllocsPerRun(5, func() { k.f(e, x[:n]) }); a != 0 {
				t.Errorf("%s (float64, %d workers, n=%d) allocates %v times per call", k.name, w, n, a)
			}
		}
		e32, _ := NewEngine[float32](Config{Workers: w})
		for _, k := range wholeColumnKernels[float32]() {
			if a := testing.AllocsPerRun(5, func() { k.f(e32, x32[:n]) }); a != 0 {
				t.Errorf("%s (float32, %d workers, n=%d) allocates %v times per call", k.name, w, n, a)
			}
		}
	}
}

func TestParallelOrderedConsumesInOrder(t *testing.T) {
	for _, w := range []int{1, 2, 3, 8} {
		for _, n := range []int{0, 1, 2, 7, 100} {
			var got []int
			parallelOrdered(n, w,
				func(i int) int {
					// Later results often complete first.
					time.Sleep(time.Duration((n-i)%5) * 100 * time.Microsecond)
					return i * i
				},
				func(v, i int) {
					if v != i*i {
						t.Errorf("consume(%d, %d): the result of another index", v, i)
					}
					got = append(got, i)
				})
			if want := seq(n); !slices.Equal(got, want) {
				t.Fatalf("%d workers, %d results: consumed %v, want %v", w, n, got, want)
			}
		}
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func TestParallelOrderedConsumePanicReachesCaller(t *testing.T) {
	for _, w := range []int{1, 2, 8} {
		done := make(chan any)
		go func() {
			defer func() { done <- recover() }()
			parallelOrdered(50, w, func(i int) int { return i }, func(v, i int) {
				if i == 17 {
					panic("consume 17 exploded")
				}
			})
		}()
		select {
		case p := <-done:
			if s, _ := p.(string); !strings.Contains(s, "consume 17 exploded") {
				t.Fatalf("%d workers: recovered %v, want the consumer's panic", w, p)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%d workers: parallelOrdered hangs", w)
		}
	}
}

func TestForRangesCoversOnce(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 65, 1000, 1 << 16} {
		for _, w := range []int{1, 2, 3, 7} {
			var hits = make([]atomic.Int32, n)
			forRanges(n, w, func(lo, hi int) {
				if lo%64 != 0 || (hi != n && hi%64 != 0) {
					t.Errorf("n %d, %d workers: range [%d, %d) not cut at multiples of 64", n, w, lo, hi)
				}
				for i := lo; i < hi; i++ {
					hits[i].Add(1)
				}
			})
			for i := range hits {
				if h := hits[i].Load(); h != 1 {
					t.Fatalf("n %d, %d workers: index %d visited %d times", n, w, i, h)
				}
			}
		}
	}
}
