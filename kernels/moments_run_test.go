package kernels

import (
	"math"
	"testing"

	"github.com/kbench/kbench/dispatch"
)

// TestMomentsRunMatchesBlocks checks that the fused leaves of
// [Engine.Moments] (momRunOp: the deviations of block b and the sum of
// block b+1 in one SumDev call) give exactly the states of momOp, which
// computes every block on its own, and of the oracle, on every level,
// for every worker count and for lengths whose last block is full, short,
// or a single element (and runs whose last block has no next).
func TestMomentsRunMatchesBlocks(t *testing.T) {
	p := parallelMinBlocks
	blocks := []int{1, 2, 3, 5, 8, 9, p - 1, p, p + 1, 2*p + 3}
	workers := []int{1, 2, 3, 4, 7}
	if testing.Short() {
		blocks = []int{1, 2, 3, p + 1}
		workers = []int{1, 2, 3}
	}
	x := wild(blocks[len(blocks)-1]*blockSize, 9, 0)
	x[5], x[blockSize+31] = math.Inf(1), math.NaN() // x: with specials; clean: without
	clean := wild(len(x), 10, 0)
	x32 := make([]float32, len(x))
	for i := range x32 {
		x32[i] = float32(clean[i])
	}
	for _, l := range dispatch.Supported() {
		for _, nb := range blocks {
			for _, tail := range []int{0, 1, 31, 33, blockSize - 1} {
				n := nb * blockSize
				if tail > 0 {
					n = (nb-1)*blockSize + tail
				}
				for _, w := range workers {
					checkRun(t, l, w, clean[:n])
					checkRun(t, l, w, x32[:n])
					if nb <= 3 {
						checkRun(t, l, w, x[:n])
					}
				}
			}
		}
	}
}

func checkRun[T Float](t *testing.T, l dispatch.Level, w int, x []T) {
	t.Helper()
	e, err := NewEngine[T](Config{Level: l, Workers: w})
	if err != nil {
		t.Fatal(err)
	}
	nb := numBlocks(len(x))
	got := e.Moments(x)
	// minLeaves 2: the same chunks as reduceRuns would use with w workers
	// on large inputs, here on small ones too.
	run := reduceRunMin[Moments](nb, w, 2, momRunOp[T]{e.f.Sum, e.f.SumDev, x})
	blk := reduceMin[Moments](nb, w, 2, momOp[T]{e.f.Sum, e.f.Dev, x})
	want := specMoments(x, false)
	for _, m := range []struct {
		name string
		v    Moments
	}{{"Moments", got}, {"momRunOp", run}, {"momOp", blk}} {
		if !sameMoments(m.v, want) {
			t.Fatalf("%s %T n=%d workers %d: %s = %+v, want %+v", l, x[0], len(x), w, m.name, m.v, want)
		}
	}
}

func sameMoments(a, b Moments) bool {
	eq := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) || (x != x && y != y) }
	return a.N == b.N && eq(a.Hi, b.Hi) && eq(a.Lo, b.Lo) && eq(a.M2, b.M2)
}

// momOp computes each block's state on its own: the block sum, then the
// deviations. [Engine.Moments] uses momRunOp, which must give the same
// states.
type momOp[T Float] struct {
	sum func([]T) float64
	dev func([]T, float64) (c, q float64)
	x   []T
}

func (o momOp[T]) leaf(b int) Moments {
	xb := block(o.x, b)
	m0 := o.sum(xb) / float64(len(xb))
	c, q := o.dev(xb, m0)
	return blockMoments(len(xb), m0, c, q)
}

func (momOp[T]) merge(a, b Moments) Moments { return a.Merge(b) }
