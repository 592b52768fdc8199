package kernels

import (
	"unsafe"

	"github.com/kbench/kbench/asm"
)

// The per-chunk passes of the group-by are the level's asm routines
// (GroupSums, GroupMoments3, GroupNanSums, GroupExt, ...). Every pass walks
// the rows of one chunk in order; row i of the chunk goes to
// sub-accumulator i mod lanes of its group (lanes = 4 or 1, see
// groupLayout). Their tables have power-of-two lengths (or capacities,
// see toCap) and every index is masked by them. Codes are validated when
// the GroupBy is built, so over a whole chunk the mask changes nothing; it
// only keeps a code that the caller changed afterwards inside the table's
// memory. (Over one partition of a chunk, below, the codes are rewritten
// relative to the partition's first group and the tables are views of its
// 2^13 groups.)

// High cardinality: with one sub-accumulator per group (lanes = 1) a group's
// state depends only on the order of its own rows, so a chunk's rows may be
// reordered by code range first as long as each group keeps its rows in
// order. The passes then walk one range of groups at a time, whose tables
// fit in the L2 cache, instead of missing it on nearly every row: a stable
// radix partition by the code's high bits, as radix-partitioned
// aggregation does. The bits of the result do not change.

// partitionAbove returns the most groups whose chunks are aggregated in
// place; above it a chunk with a deviation pass is partitioned (and a lone
// chunk of sums alone, for its workers, above the last bound). The bounds
// are the crossovers measured with two workers at 10^7 rows
// (docs/benchmarks.md): the more random passes over the tables a chunk
// makes, the sooner the one scatter pays. Two or more NaN-skipping
// variances (two passes over slots of 8) cross at about 2^15 groups, two
// or more plain variances (one pass over slots of 12) at 2^16, one
// NaN-skipping variance at 2^17, and one plain variance between 1.6*10^5
// and 2^18.
func partitionAbove(cols []Column) int {
	plain, nan := 0, 0
	for _, c := range cols {
		n := needs(c.Aggs)
		if n.mom {
			plain++
		}
		if n.nmom {
			nan++
		}
	}
	switch {
	case nan >= 2:
		return 1 << 15
	case plain >= 2:
		return 1 << 16
	case nan == 1:
		return 1 << 17
	}
	return 1 << 18
}

// partitioned holds a chunk's codes and values reordered by code range.
type partitioned struct {
	start  []int // partition p's rows are start[p] to start[p+1]
	k      []int32
	f64    [][]float64
	f32    [][]float32
	cols   []Column
	pieces []scatterPiece
	cuts   []int // piece i is rows cuts[i] to cuts[i+1]
	first  []int // chunk c's first piece
}

// scatterPiece is the scratch of one worker's rows in reorder: where its
// rows go in each partition, and the scatters' own scratch.
type scatterPiece struct {
	start, pos []int
	buf32      []uint32
	buf64, buf []uint64
	src, dst   [3][]uint64
}

// reorder returns the codes k, in [0, ngroups), and the columns' rows
// [lo, hi), stably partitioned by code >> asm.PartitionShift with the
// scatters of kern; the codes it returns are relative to their partition's
// first group (code & (partSpan-1)), the columns hold only those rows, and
// partition p's rows are b.start[p] to b.start[p+1], and within them
// those of chunk c (of chunkRows rows from lo) are b.chunkRows(c, p). Up
// to workers goroutines scatter consecutive pieces of the rows (each chunk
// cut into up to workers pieces), each piece into its places after the
// rows of the pieces before it in every partition: the order is that of
// one scatter. The codes and up to three float64 columns go through one
// pass (asm.ScatterRows), the other columns one at a time.
func (b *partitioned) reorder(kern asm.Kernels, k []int32, ngroups int, cols []Column, lo, hi, chunkRows, workers int) ([]int32, []Column) {
	const minPieceRows = 1 << 16
	nparts := (ngroups-1)>>asm.PartitionShift + 1
	n := len(k)
	b.cuts, b.first = b.cuts[:0], b.first[:0]
	for c0 := 0; c0 < n; c0 += chunkRows {
		m := min(chunkRows, n-c0)
		w := max(1, min(workers, m/minPieceRows))
		b.first = append(b.first, len(b.cuts))
		for i := range w {
			b.cuts = append(b.cuts, c0+i*m/w)
		}
	}
	np := len(b.cuts)
	b.cuts = append(b.cuts, n)
	if cap(b.pieces) < np {
		b.pieces = append(b.pieces[:cap(b.pieces)], make([]scatterPiece, np-cap(b.pieces))...)
	}
	b.pieces = b.pieces[:np]
	rows := func(i int) (int, int) { return b.cuts[i], b.cuts[i+1] }
	forPieces := func(f func(i int, pc *scatterPiece)) {
		parallelFor(np, workers, func(i int) { f(i, &b.pieces[i]) })
	}
	forPieces(func(i int, pc *scatterPiece) {
		r0, r1 := rows(i)
		pc.start = growInts(pc.start, nparts)
		clear(pc.start)
		for _, c := range k[r0:r1] {
			pc.start[c>>asm.PartitionShift]++
		}
	})
	b.start = growInts(b.start, nparts+1)
	at := 0
	for p := range nparts {
		b.start[p] = at
		for i := range b.pieces {
			pc := &b.pieces[i]
			pc.start[p], at = at, at+pc.start[p]
		}
	}
	b.start[nparts] = at
	b.k = growSlice(b.k, n)
	b.cols = append(b.cols[:0], cols...)
	b.f64, b.f32 = b.f64[:0], b.f32[:0]
	for j, c := range cols {
		if c.f32 != nil {
			b.f32 = nextBuf(b.f32, n)
			b.cols[j].f32 = b.f32[len(b.f32)-1]
		} else {
			b.f64 = nextBuf(b.f64, n)
			b.cols[j].f64 = b.f64[len(b.f64)-1]
		}
	}
	forPieces(func(i int, pc *scatterPiece) {
		r0, r1 := rows(i)
		kp := k[r0:r1]
		pc.pos = growInts(pc.pos, nparts)
		pc.buf32, pc.buf64 = growSlice(pc.buf32, 16*nparts), growSlice(pc.buf64, 8*nparts)
		fused := 0
		for j, c := range cols {
			if c.f64 != nil && fused < len(pc.src) {
				pc.src[fused] = bitsOf[float64, uint64](c.f64[lo+r0 : lo+r1])
				pc.dst[fused] = bitsOf[float64, uint64](b.cols[j].f64)
				fused++
			}
		}
		pc.buf = growSlice(pc.buf, 8*(1+fused)*nparts)
		kern.ScatterRows(kp, pc.src[:fused], pc.start, pc.pos, bitsOf[int32, uint32](b.k), pc.dst[:fused], pc.buf)
		pc.src, pc.dst = [3][]uint64{}, [3][]uint64{} // the pooled scratch keeps no columns alive
		for j, c := range cols {
			switch {
			case c.f32 != nil:
				kern.Scatter32(kp, bitsOf[float32, uint32](c.f32[lo+r0:lo+r1]), pc.start, pc.pos, bitsOf[float32, uint32](b.cols[j].f32), pc.buf32)
			case fused > 0:
				fused-- // one of the first float64 columns, scattered with the codes
			default:
				kern.Scatter64(kp, bitsOf[float64, uint64](c.f64[lo+r0:lo+r1]), pc.start, pc.pos, bitsOf[float64, uint64](b.cols[j].f64), pc.buf64)
			}
		}
	})
	return b.k, b.cols
}

// chunkRows returns the rows of chunk c in partition p after reorder.
func (b *partitioned) chunkRows(c, p int) (int, int) {
	r0 := b.pieces[b.first[c]].start[p]
	if c+1 < len(b.first) {
		return r0, b.pieces[b.first[c+1]].start[p]
	}
	return r0, b.start[p+1]
}

// bitsOf views x as the unsigned integers of the same size: the scatters
// move bits.
func bitsOf[F int32 | int64 | float32 | float64, U uint32 | uint64](x []F) []U {
	return unsafe.Slice((*U)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
}

// nextBuf appends a buffer of n elements to bufs, reusing the one that
// was there before bufs was truncated.
func nextBuf[E any](bufs [][]E, n int) [][]E {
	if len(bufs) < cap(bufs) {
		bufs = bufs[:len(bufs)+1]
	} else {
		bufs = append(bufs, nil)
	}
	bufs[len(bufs)-1] = growSlice(bufs[len(bufs)-1], n)
	return bufs
}

func growInts(x []int, n int) []int {
	if cap(x) < n {
		return make([]int, n)
	}
	return x[:n]
}

func growSlice[E any](x []E, n int) []E {
	if cap(x) < n {
		return make([]E, n)
	}
	return x[:n]
}
