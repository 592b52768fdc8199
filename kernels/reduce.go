package kernels

import (
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// tree combines leaf results along the canonical pairwise tree
// P(lo,hi) = P(lo,lo+h) + P(lo+h,hi), h the largest power of two below
// hi-lo, with the leaves pushed in order. The left operand of every merge is
// a complete subtree of 2^k leaves, so a stack of at most 64 complete
// subtrees holds the state: a push merges while the top has as many leaves
// as the subtree in hand, and the end merges the stack from the top down.
type tree[S any, O merger[S]] struct {
	o    O
	n    int
	s    [64]S
	size [64]uint64
}

// op is what the tree reduces: the leaves and their merge. It is a type
// parameter rather than a pair of closures so that the single-goroutine path
// allocates nothing: a closure handed to a goroutine escapes, and with it
// every closure passed to the function that might start one.
type op[S any] interface {
	leaf(b int) S
	merge(a, b S) S
}

// merger is the part of an op the tree uses.
type merger[S any] interface {
	merge(a, b S) S
}

// runOp is an op whose leaves are computed along a run of consecutive
// blocks lo..hi-1 (one worker's chunk), each leaf handing part of the next
// one's work ahead: leafRun(b, hi, in) returns leaf b and what goes to leaf
// b+1, in being what leaf b-1 handed on (the zero carry for the first leaf
// of a run). This lets the variance sum block b+1 in the same loop as the
// deviations of block b, so the memory stream does not pause between the
// two passes. The leaves and the tree are the same as with leaf(b); only
// the work is arranged otherwise.
type runOp[S any] interface {
	leafRun(b, hi int, in carry) (S, carry)
	merge(a, b S) S
}

// carry is what a runOp's leaf hands to the next leaf of its run: the
// canonical sum s of the next block, ok when it is set.
type carry struct {
	s  float64
	ok bool
}

// leafOp makes a runOp of an op: each leaf on its own.
type leafOp[S any, O op[S]] struct{ o O }

func (l leafOp[S, O]) leafRun(b, _ int, _ carry) (S, carry) { return l.o.leaf(b), carry{} }
func (l leafOp[S, O]) merge(a, b S) S                       { return l.o.merge(a, b) }

func (t *tree[S, O]) push(v S) { t.pushN(v, 1) }

// pushN pushes a complete subtree of size leaves (a power of two). The
// leaves pushed before it must number a multiple of size, so that it is a
// subtree of the canonical tree.
func (t *tree[S, O]) pushN(v S, size uint64) {
	for t.n > 0 && t.size[t.n-1] == size {
		t.n--
		v = t.o.merge(t.s[t.n], v)
		size *= 2
	}
	t.s[t.n], t.size[t.n] = v, size
	t.n++
}

// leaves returns the number of leaves pushed so far.
func (t *tree[S, O]) leaves() uint64 {
	var n uint64
	for i := range t.n {
		n += t.size[i]
	}
	return n
}

// result returns the root; ok is false when nothing was pushed.
func (t *tree[S, O]) result() (r S, ok bool) {
	if t.n == 0 {
		return r, false
	}
	r = t.s[t.n-1]
	for i := t.n - 2; i >= 0; i-- {
		r = t.o.merge(t.s[i], r)
	}
	return r, true
}

// numBlocks is the number of canonical blocks of an input of n elements.
func numBlocks(n int) int { return (n + blockSize - 1) / blockSize }

// reduceBlocks returns the canonical tree over leaf(lo..hi-1); lo < hi.
func reduceBlocks[S any, O op[S]](lo, hi int, o O) S {
	return reduceRun[S](lo, hi, leafOp[S, O]{o})
}

// reduceRun is reduceBlocks for a runOp: the leaves lo..hi-1 are one run.
func reduceRun[S any, O runOp[S]](lo, hi int, o O) S {
	t := tree[S, O]{o: o}
	var c carry
	for b := lo; b < hi; b++ {
		var v S
		v, c = o.leafRun(b, hi, c)
		t.push(v)
	}
	r, _ := t.result()
	return r
}

// parallelMinBlocks is the number of blocks below which an input stays on
// the calling goroutine. See docs/groupby.md for how it was chosen.
const parallelMinBlocks = 128

// reduce evaluates the canonical tree over nb > 0 blocks with up to workers
// goroutines. Blocks are handed out in chunks of a power-of-two number of
// blocks aligned to the chunk size; every such chunk is a complete subtree
// of the canonical tree (or, for the last, its right spine), so the chunk
// results combined by the same tree give the same bits as one worker.
func reduce[S any, O op[S]](nb, workers int, o O) S {
	return reduceMin(nb, workers, parallelMinBlocks, o)
}

// reduceRuns is reduce for a runOp: each chunk of blocks is one run.
func reduceRuns[S any, O runOp[S]](nb, workers int, o O) S {
	return reduceRunMin(nb, workers, parallelMinBlocks, o)
}

// reduceMin is reduce with minLeaves leaves at least for going parallel.
func reduceMin[S any, O op[S]](nb, workers, minLeaves int, o O) S {
	return reduceRunMin(nb, workers, minLeaves, leafOp[S, O]{o})
}

// reduceRunMin is reduceMin for a runOp.
func reduceRunMin[S any, O runOp[S]](nb, workers, minLeaves int, o O) S {
	if workers <= 1 || nb < max(minLeaves, 2) {
		return reduceRun[S](0, nb, o)
	}
	// About four chunks per worker balance the load without making the
	// chunks so small that scheduling shows.
	chunk := 1
	for chunk*2*4*workers <= nb {
		chunk *= 2
	}
	t := tree[S, O]{o: o}
	parallelOrdered((nb+chunk-1)/chunk, workers,
		func(c int) S { return reduceRun[S](c*chunk, min(c*chunk+chunk, nb), o) },
		func(v S, _ int) { t.push(v) })
	r, _ := t.result()
	return r
}

// parallelOrdered calls compute(i) for every i in [0, n) on up to workers
// goroutines, the caller among them, handing out the i in order, and
// consume with each result in order of i, one call at a time, as soon as
// the results before it are consumed: a worker that completes the next
// result consumes it, and those after it that are ready, while the others
// go on computing. So the consumer (the merges of a tree) never waits for
// the last computation to start, and few results wait at once. A panic in
// either function stops the handing out and is raised again in the caller
// once every worker has returned.
func parallelOrdered[S any](n, workers int, compute func(i int) S, consume func(v S, i int)) {
	workers = max(1, min(workers, n))
	res, ready := make([]S, n), make([]bool, n)
	var (
		next      atomic.Int64
		wg        sync.WaitGroup
		mu        sync.Mutex // guards res, ready, consumed, consuming, perr
		consumed  int
		consuming bool
		perr      any
		stack     []byte
	)
	work := func() {
		defer func() {
			if p := recover(); p != nil {
				mu.Lock()
				if perr == nil {
					perr, stack = p, debug.Stack()
				}
				mu.Unlock()
				next.Store(int64(n)) // stop handing out work
			}
		}()
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			v := compute(i)
			mu.Lock()
			res[i], ready[i] = v, true
			if consuming || perr != nil {
				mu.Unlock()
				continue
			}
			consuming = true
			for consumed < n && ready[consumed] {
				j := consumed
				v := res[j]
				var zero S
				res[j] = zero
				consumed++
				mu.Unlock()
				consume(v, j)
				mu.Lock()
			}
			consuming = false
			mu.Unlock()
		}
	}
	wg.Add(workers - 1)
	for range workers - 1 {
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	if perr != nil {
		panic(fmt.Sprintf("kernels: worker panicked: %v\n\nworker stack:\n%s", perr, stack))
	}
}

// forRanges calls f on [0, n) cut into up to workers ranges, in parallel;
// the cuts are multiples of 64 so that no two ranges share a cache line of
// a table of 8-byte or larger elements.
func forRanges(n, workers int, f func(lo, hi int)) {
	per := (n + workers - 1) / workers
	per = (per + 63) &^ 63
	if workers <= 1 || per >= n {
		f(0, n)
		return
	}
	parallelFor((n+per-1)/per, workers, func(i int) { f(i*per, min(i*per+per, n)) })
}

// parallelFor calls f(i) for every i in [0, n) on up to workers
// goroutines, as parallelOrdered does.
func parallelFor(n, workers int, f func(i int)) {
	parallelOrdered(n, workers, func(i int) struct{} { f(i); return struct{}{} }, func(struct{}, int) {})
}
