package kernels

import "sync"

// wholeMaxRows is the most rows that [GroupBy.Run] partitions at once
// rather than chunk by chunk: the reorder buffers hold them all, as they
// hold the lone chunk of 2^26 rows at 10^7 groups.
const wholeMaxRows = 1 << 24

// wholeParts reports whether the rows of g, for a stream that has added
// nothing, are partitioned by code range once for all their chunks, as
// [Stream.whole] does: when their chunks are partitioned and there are
// several chunks and at most wholeMaxRows rows, or one leaf (which
// [Stream.chunk] would partition the same way).
func (s *Stream) wholeParts(g *GroupBy) bool {
	n := len(g.codes)
	if s.t.n != 0 || s.lanes != 1 || n == 0 || s.ngroups <= partitionAbove(g.cols) {
		return false
	}
	if n <= s.rows {
		return anyDeviations(g.cols) || s.workers() > 1
	}
	return anyDeviations(g.cols) && n <= wholeMaxRows
}

// whole computes the state of every row of g, where wholeParts holds, into
// p; or, with p nil, fills outs with the result, partition by partition
// while each partition's state is in L2, so that no state of all the
// groups is written and read again (at 10^6 groups and three columns,
// 128 MB).
//
// Each partition goes through its chunks in order, as the chunks go
// through the canonical tree: its states are tables of 2^13 groups that
// stay in L2, merged along the tree. Chunk by chunk, every chunk's state
// was tables of all the groups, written, then read again by the merges (at
// 10^6 groups and three columns, 128 MB a chunk), and a worker waited
// while the other did the last chunk. The operations on each group's sums
// and states are the same, so are the bits.
func (s *Stream) whole(g *GroupBy, p *Partial, outs outputs) {
	b := partitionedPool.Get().(*partitioned)
	defer partitionedPool.Put(b)
	workers := s.workers()
	k, cols := b.reorder(s.k, g.codes, s.ngroups, g.cols, 0, len(g.codes), s.sumRows, workers)
	s.aggregateParts(p, outs, b, k, cols, workers)
}

// aggregateParts computes into p the state of the rows that reorder left
// in b, k and cols, cut into chunks of s.sumRows rows, one partition at a
// time on up to workers goroutines: partitions hold disjoint rows and
// groups. With p nil it fills outs with each partition's result instead.
//
// Each partition goes through its leaves (variance chunks of s.rows rows,
// or chunks) in order, as the leaves go through the canonical tree, with
// scratch tables of 2^13 groups that stay in L2 from one partition to the
// next (not tables of all the groups, which at 10^7 groups were gigabytes
// of fresh pages a call). Its first leaf's state is a view of p's groups
// (with p nil, a pooled state too); the others are pooled states, merged
// into it along the tree while they are in L2.
func (s *Stream) aggregateParts(p *Partial, outs outputs, b *partitioned, k []int32, cols []Column, workers int) {
	per := s.rows / s.sumRows // chunks a leaf
	nch := len(b.first)
	parallelFor(len(b.start)-1, workers, func(q int) {
		sc := scratchPool.Get().(*scratch)
		defer s.putScratch(sc)
		sc.parted = true
		grow(&sc.m0, partSpan)
		base := q * partSpan
		end := min(base+partSpan, s.ngroups)
		t := tree[*partState, partOp]{o: partOp{}}
		for c := 0; c < nch; c += per {
			st := &sc.first
			if c == 0 && p != nil {
				p.view(base, end, &st.v)
			} else {
				st = s.getPart()
				st.full.view(0, end-base, &st.v)
			}
			sc.cuts = sc.cuts[:0]
			for i := c; i < min(c+per, nch); i++ {
				r0, _ := b.chunkRows(i, q)
				sc.cuts = append(sc.cuts, r0)
			}
			_, r1 := b.chunkRows(min(c+per, nch)-1, q)
			sc.cuts = append(sc.cuts, r1)
			aggregate(s.k, 1, &st.v, k[sc.cuts[0]:r1], cols, sc.cuts, sc)
			t.push(st)
		}
		root, _ := t.result() // the first leaf's state: with p, p's groups [base, end)
		if p == nil {
			outs.fill(&root.v, base, base, end)
			partPool.Put(root)
		}
		clear(sc.first.v.st) // the pooled scratch keeps no state alive
		sc.first.v.size = nil
	})
}

// partState is the state of one partition's groups in one chunk: v, a
// view of a state of partSpan groups (full), or of the result's tables
// when full is nil.
type partState struct {
	full *Partial
	v    Partial
}

// partOp merges a partition's chunk states, the right one into the left.
type partOp struct{}

func (partOp) merge(a, b *partState) *partState {
	a.v.merge(&b.v, 0, a.v.ngroups)
	if b.full != nil {
		partPool.Put(b)
	}
	return a
}

// partPool keeps partition states between partitions and calls.
var partPool sync.Pool

// getPart returns a partition state of the stream's columns that holds
// no rows.
func (s *Stream) getPart() *partState {
	st, _ := partPool.Get().(*partState)
	if st != nil && st.full.shaped(partSpan, s.cols) {
		st.full.cols = s.cols
		st.full.resetChunk()
		return st
	}
	return &partState{full: newPartial(partSpan, s.cols)}
}
