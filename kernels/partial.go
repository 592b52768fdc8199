package kernels

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/kbench/kbench/asm"
	"github.com/kbench/kbench/dispatch"
	"runtime"
	"slices"
	"sync"
)

// colMeta is what a Partial keeps of a column: not its values.
type colMeta struct {
	name string
	aggs Agg
	ddof int
}

// need says which per-group tables a column's aggregations need.
type need struct {
	sum, mom, min, max bool // plain
	ncnt, nsum, nmom   bool // NaN-skipping
	nmin, nmax         bool
	sumPass, sized     bool
}

func needs(a Agg) need {
	n := need{
		sum:  a&(AggSum|AggMean) != 0,
		mom:  a&(AggVar|AggStd) != 0,
		min:  a&AggMin != 0,
		max:  a&AggMax != 0,
		ncnt: a&(AggCount|AggNanMean|AggNanVar|AggNanStd|AggNanMin|AggNanMax|AggNanSum) != 0,
		nsum: a&(AggNanSum|AggNanMean) != 0,
		nmom: a&(AggNanVar|AggNanStd) != 0,
		nmin: a&AggNanMin != 0,
		nmax: a&AggNanMax != 0,
	}
	n.sumPass = n.sum || n.mom
	// The group size: for means, variances and to tell an empty group's
	// min and max.
	n.sized = a&(AggMean|AggVar|AggStd|AggMin|AggMax) != 0
	return n
}

// colState is a column's per-group tables; nil when not needed.
type colState struct {
	sum      []float64
	mom      []Moments
	min, max []float64

	ncnt       []int64
	nsum       []float64
	nmom       []Moments
	nmin, nmax []float64
}

// Partial is the mergeable per-group state of a group-by over some rows:
// per group the row count, and per column the sums, variance states
// ([Moments]), minima and maxima that its aggregations need, in both NaN
// modes as asked. [Partial.Merge] combines the states of consecutive rows;
// [Partial.MarshalBinary] encodes one losslessly.
//
// The Partial of a whole input is the canonical tree of its chunks'
// Partials (docs/groupby.md); [Stream] builds it batch by batch.
type Partial struct {
	ngroups int
	cols    []colMeta
	size    []int64 // nil when no column needs it
	st      []colState
}

func newPartial(ngroups int, cols []colMeta) *Partial {
	p := &Partial{ngroups: ngroups, cols: cols, st: make([]colState, len(cols))}
	// The counts below are tables of the chunk passes (groupby_chunk.go)
	// and a column's sums may trade places with one, so their capacity is
	// a power of two.
	f := func(on bool) []float64 {
		if on {
			return make([]float64, ngroups, pow2(ngroups))
		}
		return nil
	}
	i := func(on bool) []int64 {
		if on {
			return make([]int64, ngroups, pow2(ngroups))
		}
		return nil
	}
	m := func(on bool) []Moments {
		if on {
			return make([]Moments, ngroups)
		}
		return nil
	}
	for j, c := range cols {
		n := needs(c.aggs)
		p.st[j] = colState{
			sum: f(n.sum), mom: m(n.mom), min: f(n.min), max: f(n.max),
			ncnt: i(n.ncnt), nsum: f(n.nsum), nmom: m(n.nmom), nmin: f(n.nmin), nmax: f(n.nmax),
		}
	}
	p.size = i(sized(cols))
	// Fresh tables are zero: only the extremes need their identities.
	// (Clearing them again would touch every page of a large table.)
	for j := range p.st {
		st := &p.st[j]
		fill(st.min, math.Inf(1))
		fill(st.max, math.Inf(-1))
		fill(st.nmin, math.Inf(1))
		fill(st.nmax, math.Inf(-1))
	}
	return p
}

// resetChunk makes p, a pooled state that [Stream.chunk] fills next, the
// state of no rows, except for the tables the chunk overwrites for every
// group (sum, nsum, mom, nmom): that saves a pass over 32 bytes per group
// and moment column.
func (p *Partial) resetChunk() {
	clear(p.size)
	for j := range p.st {
		s := &p.st[j]
		fill(s.min, math.Inf(1))
		fill(s.max, math.Inf(-1))
		clear(s.ncnt)
		fill(s.nmin, math.Inf(1))
		fill(s.nmax, math.Inf(-1))
	}
}

func fill(x []float64, v float64) {
	for i := range x {
		x[i] = v
	}
}

// Groups returns the number of groups.
func (p *Partial) Groups() int { return p.ngroups }

// compatible reports whether p and q describe the same groups and columns.
func (p *Partial) compatible(q *Partial) error {
	if p.ngroups != q.ngroups || len(p.cols) != len(q.cols) || (p.size == nil) != (q.size == nil) {
		return fmt.Errorf("kernels: partials differ: %d groups and %d columns vs %d and %d",
			p.ngroups, len(p.cols), q.ngroups, len(q.cols))
	}
	for j := range p.cols {
		if p.cols[j] != q.cols[j] {
			return fmt.Errorf("kernels: partials differ in column %d: %q %v ddof %d vs %q %v ddof %d", j,
				p.cols[j].name, p.cols[j].aggs, p.cols[j].ddof, q.cols[j].name, q.cols[j].aggs, q.cols[j].ddof)
		}
	}
	return nil
}

// Merge sets p to the state of p's rows followed by q's, group by group:
// counts add, sums add (p's + q's), variance states merge with
// [Moments.Merge] (p's on the left), minima and maxima combine. This is the
// node of the canonical tree; merging partials in the shape of that tree
// (as [Stream] does) gives the bits of one call. It is an error when p and
// q have different groups or columns.
func (p *Partial) Merge(q *Partial) error {
	if err := p.compatible(q); err != nil {
		return err
	}
	p.merge(q, 0, p.ngroups)
	return nil
}

// merge merges groups [lo, hi) of q into p.
func (p *Partial) merge(q *Partial, lo, hi int) {
	addInts(p.size, q.size, lo, hi)
	for j := range p.st {
		a, b := &p.st[j], &q.st[j]
		addFloats(a.sum, b.sum, lo, hi)
		mergeMoments(a.mom, b.mom, lo, hi)
		mergeExt(a.min, b.min, lo, hi, minF)
		mergeExt(a.max, b.max, lo, hi, maxF)
		addInts(a.ncnt, b.ncnt, lo, hi)
		addFloats(a.nsum, b.nsum, lo, hi)
		mergeMoments(a.nmom, b.nmom, lo, hi)
		mergeExt(a.nmin, b.nmin, lo, hi, minF)
		mergeExt(a.nmax, b.nmax, lo, hi, maxF)
	}
}

func addInts(a, b []int64, lo, hi int) {
	if a == nil {
		return
	}
	a, b = a[lo:hi], b[lo:hi]
	for i := range a {
		a[i] += b[i]
	}
}

// addFloats adds b to a; a group absent from b's rows has +0.0 there, and
// x + 0 = x because a sum never is -0.0.
func addFloats(a, b []float64, lo, hi int) {
	if a == nil {
		return
	}
	a, b = a[lo:hi], b[lo:hi]
	for i := range a {
		a[i] = a[i] + b[i]
	}
}

func mergeMoments(a, b []Moments, lo, hi int) {
	if a == nil {
		return
	}
	a, b = a[lo:hi], b[lo:hi]
	for i := range a {
		switch {
		case b[i].N == 0:
		case a[i].N == 0:
			a[i] = b[i]
		default:
			a[i] = merged(a[i], b[i])
		}
	}
}

func mergeExt(a, b []float64, lo, hi int, f func(x, y float64) float64) {
	if a == nil {
		return
	}
	a, b = a[lo:hi], b[lo:hi]
	for i := range a {
		a[i] = f(a[i], b[i])
	}
}

// Clone returns a deep copy of p.
func (p *Partial) Clone() *Partial {
	q := &Partial{ngroups: p.ngroups, cols: p.cols, size: clone(p.size), st: make([]colState, len(p.st))}
	for j, s := range p.st {
		q.st[j] = colState{
			sum: clone(s.sum), mom: clone(s.mom), min: clone(s.min), max: clone(s.max),
			ncnt: clone(s.ncnt), nsum: clone(s.nsum), nmom: clone(s.nmom),
			nmin: clone(s.nmin), nmax: clone(s.nmax),
		}
	}
	return q
}

// clone copies x with its capacity: a clone may become a chunk state,
// whose tables need the power-of-two capacity of newPartial's.
func clone[E any](x []E) []E {
	if x == nil {
		return nil
	}
	return append(make([]E, 0, cap(x)), x...)
}

// Result finishes the state into the aggregations, per group: Mean is
// Sum/size, Var is M2/(n - Ddof) from the merged variance state, and an
// empty group has Sum 0, Count 0 and NaN elsewhere. Every NaN is
// math.NaN().
func (p *Partial) Result() *GroupResult { return p.result(1) }

// result is Result with the groups cut among up to workers goroutines when
// they are many.
func (p *Partial) result(workers int) *GroupResult {
	if p.ngroups < parallelMinGroups {
		workers = 1
	}
	r, outs := newResult(p.ngroups, p.cols)
	forRanges(p.ngroups, workers, func(lo, hi int) { outs.fill(p, 0, lo, hi) })
	return r
}

// output is one array of a result: the group sizes (col < 0) or
// aggregation agg of column col.
type output struct {
	col int
	agg Agg
	f   []float64
	n   []int64
}

type outputs []output

// sized reports whether the states of columns cols count the group sizes.
func sized(cols []colMeta) bool {
	for _, c := range cols {
		if needs(c.aggs).sized {
			return true
		}
	}
	return false
}

// newResult allocates the outputs of a result of ngroups groups and
// columns cols, which outputs.fill fills.
func newResult(ngroups int, cols []colMeta) (*GroupResult, outputs) {
	var outs outputs
	ints := func(col int, a Agg) []int64 {
		o := output{col: col, agg: a, n: make([]int64, ngroups)}
		outs = append(outs, o)
		return o.n
	}
	r := &GroupResult{Columns: make([]ColumnResult, len(cols))}
	if sized(cols) {
		r.Size = ints(-1, 0)
	}
	for j, c := range cols {
		cr := &r.Columns[j]
		*cr = ColumnResult{Name: c.name, Aggs: c.aggs, Ddof: c.ddof}
		if c.aggs&AggCount != 0 {
			cr.Count = ints(j, AggCount)
		}
		for a := AggSum; a < aggEnd; a <<= 1 {
			if c.aggs&a != 0 {
				o := output{col: j, agg: a, f: make([]float64, ngroups)}
				*cr.field(a) = o.f
				outs = append(outs, o)
			}
		}
	}
	return r, outs
}

// fill fills groups [lo, hi) of every output from p, the state of groups
// from base on.
func (outs outputs) fill(p *Partial, base, lo, hi int) {
	x0, x1 := lo-base, hi-base
	for _, o := range outs {
		switch {
		case o.col < 0:
			copy(o.n[lo:hi], p.size[x0:x1])
			continue
		case o.agg == AggCount:
			copy(o.n[lo:hi], p.st[o.col].ncnt[x0:x1])
			continue
		}
		// A Nan form is its plain form over the NaN-skipping tables, with
		// the non-NaN counts for the group sizes.
		s, ddof, f, a := &p.st[o.col], p.cols[o.col].ddof, o.f[lo:hi], o.agg
		sum, mom, mn, mx, n := s.sum, s.mom, s.min, s.max, p.size
		if a > AggMax {
			a >>= nanShift
			sum, mom, mn, mx, n = s.nsum, s.nmom, s.nmin, s.nmax, s.ncnt
		}
		switch a {
		case AggSum:
			fillQuotients(f, sum[x0:x1], nil)
		case AggMean:
			fillQuotients(f, sum[x0:x1], n[x0:x1])
		case AggVar, AggStd:
			fillVariances(f, mom[x0:x1], ddof, a == AggStd)
		case AggMin:
			fillNonEmpty(f, mn[x0:x1], n[x0:x1])
		case AggMax:
			fillNonEmpty(f, mx[x0:x1], n[x0:x1])
		}
	}
}

// fillQuotients stores x[g] / n[g] (0/0 is NaN), or x[g] when n is nil, in
// out[g].
func fillQuotients(out, x []float64, n []int64) {
	out = out[:len(x)]
	if n == nil {
		for g, v := range x {
			out[g] = canon(v)
		}
		return
	}
	n = n[:len(x)]
	for g, v := range x {
		out[g] = canon(v / float64(n[g]))
	}
}

// fillVariances stores each state's variance, or its square root, in out.
func fillVariances(out []float64, m []Moments, ddof int, sqrt bool) {
	out = out[:len(m)]
	d := int64(ddof) // >= 0, checked
	for g := range m {
		v := m[g].variance(d)
		if sqrt {
			v = math.Sqrt(v)
		}
		out[g] = canon(v)
	}
}

// fillNonEmpty stores x, with NaN where n is 0, in out.
func fillNonEmpty(out, x []float64, n []int64) {
	out, n = out[:len(x)], n[:len(x)]
	for g, v := range x {
		if n[g] == 0 {
			v = math.NaN()
		}
		out[g] = canon(v)
	}
}

// Stream computes the Partial of rows that arrive in batches. Each batch is
// cut into leaves of the canonical tree (chunks, or variance chunks of four
// chunks: docs/design.md) starting at its first row, and the leaf states
// are merged along the tree as they come. When every batch but the last
// has a multiple of [Stream.ChunkRows] rows, the result is the bits of one
// call over all the rows; otherwise the batches' ends are extra chunk
// boundaries, which changes only the rounding (see docs/groupby.md for the
// bound).
type Stream struct {
	cfg     Config
	k       asm.Kernels
	ngroups int
	cols    []colMeta
	lanes   int
	sumRows int // rows of a chunk
	rows    int // rows of a leaf of the tree: a variance chunk, or a chunk
	t       tree[*Partial, chunkOp]
}

// NewStream returns a Stream for ngroups groups and columns of the given
// names, aggregations and Ddof (their values are ignored).
func NewStream(cfg Config, ngroups int, cols ...Column) (*Stream, error) {
	if cfg.Workers < 0 {
		return nil, fmt.Errorf("kernels: Workers = %d is negative", cfg.Workers)
	}
	k, err := dispatch.Kernels(cfg.Level)
	if err != nil {
		return nil, err
	}
	if ngroups < 0 || ngroups > MaxGroups {
		return nil, fmt.Errorf("kernels: ngroups = %d out of range [0,%d]", ngroups, MaxGroups)
	}
	s := &Stream{cfg: cfg, k: k, ngroups: ngroups}
	for i, c := range cols {
		if err := checkColumn(i, c, c.Len()); err != nil {
			return nil, err
		}
		s.cols = append(s.cols, colMeta{c.Name, c.Aggs, c.Ddof})
	}
	s.lanes, s.sumRows = groupLayout(ngroups)
	s.rows = s.sumRows
	if s.lanes == 1 && anyDeviations(cols) {
		s.rows *= varChunks
	}
	s.t.o = chunkOp{s: s}
	return s, nil
}

// ChunkRows returns the rows per canonical chunk of this stream's groups
// and columns: the variance chunk when the columns ask for a variance.
// Batches of a multiple of it (but the last) give the bits of one call.
func (s *Stream) ChunkRows() int { return s.rows }

// Add aggregates the rows of g, which must have the stream's groups and
// columns (names, aggregations, Ddof; the element types may differ).
func (s *Stream) Add(g *GroupBy) error {
	if g.ngroups != s.ngroups || len(g.cols) != len(s.cols) {
		return fmt.Errorf("kernels: batch has %d groups and %d columns, stream %d and %d",
			g.ngroups, len(g.cols), s.ngroups, len(s.cols))
	}
	for j, c := range g.cols {
		if (colMeta{c.Name, c.Aggs, c.Ddof}) != s.cols[j] {
			return fmt.Errorf("kernels: batch column %d is %q %v ddof %d, stream has %q %v ddof %d",
				j, c.Name, c.Aggs, c.Ddof, s.cols[j].name, s.cols[j].aggs, s.cols[j].ddof)
		}
	}
	nch := (len(g.codes) + s.rows - 1) / s.rows
	workers := s.workers()
	// The chunks go in aligned power-of-two runs, each a complete subtree
	// of the canonical tree, cut as reduce cuts blocks (tasks of a
	// power-of-two number of chunks, about four a worker in each run). All
	// the tasks are handed out at once, so that the last runs (a short one,
	// or a single chunk at many groups) do not wait alone for the runs
	// before them.
	type task struct{ first, n int }
	var tasks []task
	for c, done := 0, s.t.leaves(); c < nch; {
		size := 1
		for size*2 <= nch-c && (done == 0 || done%uint64(size*2) == 0) {
			size *= 2
		}
		per := 1
		for per*2*4*workers <= size {
			per *= 2
		}
		for i := 0; i < size; i += per {
			tasks = append(tasks, task{c + i, per})
		}
		c += size
		done += uint64(size)
	}
	// A lone chunk (at 10^7 groups one chunk holds 2^26 rows) has its
	// partitions, if it has any, shared among the workers instead.
	wide := 1
	if nch == 1 {
		wide = workers
	}
	compute := func(i int) *Partial {
		return reduceBlocks[*Partial](0, tasks[i].n, chunkOp{s: s, g: g, first: tasks[i].first, wide: wide})
	}
	push := func(p *Partial, i int) { s.t.pushN(p, uint64(tasks[i].n)) }
	if workers <= 1 || len(tasks) < 2 {
		for i := range tasks {
			push(compute(i), i)
		}
		return nil
	}
	parallelOrdered(len(tasks), workers, compute, push)
	return nil
}

func (s *Stream) workers() int {
	if s.cfg.Workers == 0 {
		return runtime.GOMAXPROCS(0)
	}
	return s.cfg.Workers
}

// Partial returns the state of every row added so far (the state of no
// rows before the first Add). The stream stays usable.
func (s *Stream) Partial() *Partial { return s.root(true) }

// root merges the stack into the root; without clone it consumes the
// stack, which is then empty.
func (s *Stream) root(clone bool) *Partial {
	t := &s.t
	if t.n == 0 {
		return newPartial(s.ngroups, s.cols)
	}
	r := t.s[t.n-1]
	if clone {
		r = r.Clone()
	}
	for i := t.n - 2; i >= 0; i-- {
		l := t.s[i]
		if clone {
			l = l.Clone()
		}
		s.mergeWide(l, r)
		s.put(r)
		r = l
	}
	if !clone {
		s.t = tree[*Partial, chunkOp]{o: s.t.o}
	}
	return r
}

// mergeWide merges q into p, its groups cut among the workers when they
// are many: the merges after the last chunk are the caller's alone.
func (s *Stream) mergeWide(p, q *Partial) {
	w := s.workers()
	if s.ngroups < parallelMinGroups {
		w = 1
	}
	forRanges(s.ngroups, w, func(lo, hi int) { p.merge(q, lo, hi) })
}

// parallelMinGroups is the fewest groups whose merges and results are cut
// among workers (docs/groupby.md).
const parallelMinGroups = 1 << 16

// chunkOp computes and merges chunk states: leaf c is chunk first+c of g.
type chunkOp struct {
	s     *Stream
	g     *GroupBy
	first int
	wide  int // workers for the partitions of a chunk
}

func (o chunkOp) leaf(c int) *Partial {
	lo := (o.first + c) * o.s.rows
	return o.s.chunk(o.g, lo, min(lo+o.s.rows, len(o.g.codes)), o.wide)
}

func (o chunkOp) merge(a, b *Partial) *Partial {
	a.merge(b, 0, a.ngroups)
	o.s.put(b)
	return a
}

// scratch holds one chunk's sub-accumulators.
type scratch struct {
	s, cq, m0, shift []float64
	// The sums of a variance chunk's chunks along the tree (subTree), up
	// to three columns, and the chunks' rows (aggregate's cuts).
	sub  [3]subTree
	cuts []int
	// parted is set while the states are a partition's views (view),
	// whose tables do not trade places with the scratch's.
	parted bool
	first  partState // a partition's first chunk state (aggregateParts)
}

// get returns a state of the stream's groups and columns that holds no
// rows.
func (s *Stream) get() *Partial {
	p, _ := statePool.Get().(*Partial)
	if p != nil && p.shaped(s.ngroups, s.cols) {
		p.cols = s.cols
		p.resetChunk()
	} else {
		p = newPartial(s.ngroups, s.cols)
	}
	return p
}

// statePool keeps chunk states between calls, as scratchPool does their
// tables: at many groups a fresh state is megabytes of pages that the
// kernel zeroes on first touch, at a rate that varies widely from call to
// call on a shared machine (docs/benchmarks.md).
var statePool sync.Pool

// shaped reports whether p has the tables of a state of ngroups groups
// and columns cols.
func (p *Partial) shaped(ngroups int, cols []colMeta) bool {
	if p.ngroups != ngroups || len(p.cols) != len(cols) {
		return false
	}
	for j, c := range cols {
		if needs(c.aggs) != needs(p.cols[j].aggs) {
			return false
		}
	}
	return true
}

// scratchPool keeps chunk scratch tables between calls: a group-by of
// few rows would otherwise allocate and clear tables of its groups' size
// on every call (at 877 rows and 1000 groups that was most of the call).
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// partitionedPool keeps the reorder buffers, a copy of the rows (280 MB
// at 10^7 rows of three float64 columns), apart from the scratch tables:
// in scratchPool, which the goroutines of aggregateParts share, a call
// could draw a scratch without them and allocate them again, fresh pages
// that the kernel zeroes.
var partitionedPool = sync.Pool{New: func() any { return new(partitioned) }}

// put hands a state that no one refers to any more back for reuse.
func (s *Stream) put(p *Partial) { statePool.Put(p) }

func (s *Stream) putScratch(sc *scratch) { scratchPool.Put(sc) }

// chunk returns the state of rows [lo, hi) of g, one leaf of the tree (a
// variance chunk, or a chunk); up to workers goroutines share its
// partitions, if it has any.
func (s *Stream) chunk(g *GroupBy, lo, hi, workers int) *Partial {
	p := s.get()
	k, cols := g.codes[lo:hi], g.cols
	if s.lanes != 1 || s.ngroups <= partitionAbove(cols) || !anyDeviations(cols) && workers == 1 {
		sc := scratchPool.Get().(*scratch)
		defer s.putScratch(sc)
		sc.parted = false
		grow(&sc.m0, pow2(s.ngroups))
		sc.cuts = sc.cuts[:0]
		for r := lo; r < hi; r += s.sumRows {
			sc.cuts = append(sc.cuts, r)
		}
		sc.cuts = append(sc.cuts, hi)
		aggregate(s.k, s.lanes, p, k, cols, sc.cuts, sc)
		return p
	}
	// Partitioned (aggregateParts), so that the tables stay in L2 and
	// workers may take different partitions, as they may scatter different
	// rows. (So a lone chunk is partitioned even for sums alone, which are
	// otherwise faster in place: one worker would do all of them.)
	b := partitionedPool.Get().(*partitioned)
	defer partitionedPool.Put(b)
	k, cols = b.reorder(s.k, k, s.ngroups, cols, lo, hi, s.sumRows, workers)
	s.aggregateParts(p, nil, b, k, cols, workers)
	return p
}

// partSpan is the number of groups of a partition.
const partSpan = 1 << asm.PartitionShift

// view returns, in v, the state of groups [lo, hi) of p, whose tables are
// views of p's with the capacity of a partition (a power of two, as the
// passes need).
func (p *Partial) view(lo, hi int, v *Partial) *Partial {
	v.ngroups, v.cols, v.size = hi-lo, p.cols, sub(p.size, lo, hi)
	v.st = v.st[:0]
	for _, s := range p.st {
		v.st = append(v.st, colState{
			sum: sub(s.sum, lo, hi), mom: sub(s.mom, lo, hi), min: sub(s.min, lo, hi), max: sub(s.max, lo, hi),
			ncnt: sub(s.ncnt, lo, hi), nsum: sub(s.nsum, lo, hi), nmom: sub(s.nmom, lo, hi),
			nmin: sub(s.nmin, lo, hi), nmax: sub(s.nmax, lo, hi),
		})
	}
	return v
}

func sub[E any](x []E, lo, hi int) []E {
	if x == nil {
		return nil
	}
	return x[lo:hi:min(lo+partSpan, cap(x))]
}

// aggregate computes into p the state of the rows of codes k and rows
// [lo, hi) of cols, lo = cuts[0] and hi = cuts[len(cuts)-1]: one leaf of
// the tree, whose chunks are rows cuts[i] to cuts[i+1] (more than one
// only in a variance chunk). The sums are the chunks' sums along the
// tree, the variance states those of the whole leaf.
func aggregate(kern asm.Kernels, lanes int, p *Partial, k []int32, cols []Column, cuts []int, sc *scratch) {
	lo, hi := cuts[0], cuts[len(cuts)-1]
	// The plain sums and variances, up to three columns (and the group
	// sizes) per pass; then the NaN-skipping ones, up to three columns per
	// pass; then the extremes.
	var p64, n64 []plainCol[float64]
	var p32, n32 []plainCol[float32]
	for j, c := range cols {
		n := needs(c.Aggs)
		nan := n.ncnt && !nanCountedByExt(n)
		if c.f32 != nil {
			p32 = appendIf(p32, n.sumPass, plainCol[float32]{&p.st[j], c.f32[lo:hi]})
			n32 = appendIf(n32, nan, plainCol[float32]{&p.st[j], c.f32[lo:hi]})
		} else {
			p64 = appendIf(p64, n.sumPass, plainCol[float64]{&p.st[j], c.f64[lo:hi]})
			n64 = appendIf(n64, nan, plainCol[float64]{&p.st[j], c.f64[lo:hi]})
		}
	}
	count := p.size != nil
	count = plainColumns(asm.For[float64](kern), lanes, k, p64, cuts, p.size, count, sc)
	count = plainColumns(asm.For[float32](kern), lanes, k, p32, cuts, p.size, count, sc)
	nanColumns(asm.For[float64](kern), lanes, k, n64, cuts, sc)
	nanColumns(asm.For[float32](kern), lanes, k, n32, cuts, sc)
	for j, c := range cols {
		n := needs(c.Aggs)
		// Sizes that no sum pass counted are for a min or max (needs):
		// the first min/max pass counts them.
		var size []int64
		if count && (n.min || n.max) {
			size, count = p.size, false
		}
		var ncnt []int64
		if nanCountedByExt(n) {
			ncnt = p.st[j].ncnt
		}
		if c.f32 != nil {
			extremes(asm.For[float32](kern), k, c.f32[lo:hi], &p.st[j], size, ncnt)
		} else {
			extremes(asm.For[float64](kern), k, c.f64[lo:hi], &p.st[j], size, ncnt)
		}
	}
	if count {
		panic("kernels: internal error: group sizes not counted")
	}
}

// nanCountedByExt reports whether a column's non-NaN counts come from its
// NaN-skipping min/max pass rather than a NaN sum pass: when it asks for
// no NaN-skipping sum or variance, pandas' default min and max.
func nanCountedByExt(n need) bool {
	return (n.nmin || n.nmax) && !n.nsum && !n.nmom
}

func appendIf[E any](s []E, ok bool, e E) []E {
	if ok {
		s = append(s, e)
	}
	return s
}

// plainCol is a column of a sum or NaN-skipping pass: its state and chunk
// values.
type plainCol[T Float] struct {
	st *colState
	v  []T
}

// plainColumns computes the plain sums and variance states of cs, up to
// three columns per pass (which also counts the rows; with count, the
// first pass stores those in size). It returns whether the sizes are still
// to count. Columns with variances come first and share the one-pass
// moment passes; the others share sum passes. The rows are those of
// aggregate's cuts: a pass goes over each chunk in turn, and after each
// the chunk's sums leave the slots for the tree of the chunks' sums
// (subTree); the moment passes keep their shifts, deviations and squares
// over the whole variance chunk.
func plainColumns[T Float](f asm.Funcs[T], lanes int, k []int32, cs []plainCol[T], cuts []int, size []int64, count bool, sc *scratch) bool {
	G := len(sc.m0)
	nsub := len(cuts) - 1
	slices.SortStableFunc(cs, func(x, y plainCol[T]) int {
		return cmpBool(y.st.mom != nil, x.st.mom != nil)
	})
	for len(cs) > 0 {
		n := min(len(cs), 3)
		moments := cs[0].st.mom != nil
		// The slot: w items, column j's sum at item j (the third column
		// repeats the first when there are 2), then the count; in a moment
		// pass, its deviation sum at item dj+j and its squares at qj+j. A
		// lone column whose sizes are not wanted has the sum alone: at
		// 2^20 groups its 8-byte slots take 1.5-1.7x fewer ns a row than
		// slots with the count (asm BenchmarkGroupPass).
		var w, dj, qj int
		switch {
		case n == 1 && moments:
			w, dj, qj = 4, 2, 3
		case n == 1 && !count:
			w = 1
		case n == 1:
			w = 2
		case moments:
			w, dj, qj = 12, 4, 8
		default:
			w = 4
		}
		t := grow(&sc.s, w*lanes*G)
		var K []float64 // the moment passes' shifts, set for the groups present
		if moments {
			K = grow(&sc.shift, 4*G)
			if n == 1 {
				K = grow(&sc.shift, 2*G)
			}
			clear(K)
		}
		for i := range nsub {
			r0, r1 := cuts[i]-cuts[0], cuts[i+1]-cuts[0]
			a, b, c := cs[0].v[r0:r1], cs[0].v[r0:r1], cs[0].v[r0:r1]
			if n > 1 {
				b = cs[1].v[r0:r1]
			}
			if n > 2 {
				c = cs[2].v[r0:r1]
			}
			ki := k[r0:r1]
			switch {
			case n == 1 && moments:
				f.GroupMoments(lanes, ki, a, K, t)
			case w == 1:
				clear(t)
				f.GroupSum(lanes, ki, a, t)
			case n == 1:
				clear(t)
				f.GroupSums(lanes, ki, a, nil, t)
			case moments:
				f.GroupMoments3(lanes, ki, a, b, c, K, t)
			default:
				clear(t)
				f.GroupSums3(lanes, ki, a, b, c, t)
			}
			if nsub == 1 {
				break
			}
			// One lane (a variance chunk): the chunk's sums leave the
			// slots, which in a moment pass hold only the groups whose
			// shifts are set.
			for j := range n {
				sc.sub[j].add(i, G, t, w, j, K, len(K)/G)
			}
			if !moments && count {
				addCounts(i, size, t, w, w-1)
			}
		}
		if nsub > 1 {
			for j := range n {
				sum := sc.sub[j].result(nsub, G)
				if moments {
					// momentGroups takes the sums from the slots.
					for g, x := range sum {
						t[w*g+j] = x
					}
				} else if st := cs[j].st; st.sum != nil {
					copy(st.sum, sum)
				}
			}
			if !moments {
				count = false // counted above
			}
		}
		switch {
		case moments:
			momentGroups(f, lanes, k, cs[:n], t, w, dj, qj, K, size, count, sc)
			count = false
		case nsub > 1:
			// The sums and sizes are stored above.
		case w == 1 && lanes == 1 && !sc.parted:
			// The table is the sums: trade it for the state's table
			// (also of a power-of-two capacity) instead of copying.
			st := cs[0].st
			st.sum, sc.s = t[:len(st.sum)], st.sum[:cap(st.sum)]
		default:
			if count {
				for g := range size {
					size[g] = int64(foldSlot(lanes, w, t, g, w-1))
				}
				count = false
			}
			for j, c := range cs[:n] {
				for g := range c.st.sum {
					c.st.sum[g] = foldSlot(lanes, w, t, g, j)
				}
			}
		}
		cs = cs[n:]
	}
	return count
}

// subTree folds the sums of a variance chunk's chunks, at most varChunks
// of them, along the canonical tree: ((s0 + s1) + (s2 + s3)), (s0 + s1) +
// s2, s0 + s1 or s0, as the tree merges the states of chunks.
type subTree struct{ a, b []float64 }

// add adds chunk i's sums of groups [0, G): item j of the slots of w in t
// (one lane), which it clears, or +0.0 for a group whose shift in the
// moment pass's K (ks a group) is unset, whose slots hold no sum yet.
func (st *subTree) add(i, G int, t []float64, w, j int, K []float64, ks int) {
	if i >= varChunks {
		panic("kernels: internal error: more chunks than varChunks")
	}
	dst := &st.a
	if i >= 2 {
		dst = &st.b
	}
	d := grow(dst, G)
	acc := i == 1 || i == 3
	for g := range d {
		var x float64
		if K == nil || K[ks*g+ks-1] != 0 {
			x, t[w*g+j] = t[w*g+j], 0
		}
		if acc {
			x = d[g] + x
		}
		d[g] = x
	}
}

// addCounts adds chunk i's counts, item j of the slots of w in t (one
// lane), to n, which chunk 0 sets: integers, so any order is exact.
func addCounts(i int, n []int64, t []float64, w, j int) {
	for g := range n {
		if i == 0 {
			n[g] = 0
		}
		n[g] += int64(t[w*g+j])
	}
}

// result returns the sums of the n chunks added.
func (st *subTree) result(n, G int) []float64 {
	a := st.a[:G]
	if n > 2 {
		for g, x := range st.b[:G] {
			a[g] = a[g] + x
		}
	}
	return a
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// momentGroups stores the sums, and the chunk variance states of those
// that ask for them, of columns cs after a moment pass: each column j's
// sums, deviation sums and squares are items j, dj+j and qj+j of the slots
// of w in t, the count is item dj-1 (stored in size with count), the shifts
// K[ks*g+j] (docs/design.md, step 3). One loop over the groups reads each
// group's slots once: at many groups the tables are far larger than the
// caches. A group absent from the chunk, whose shifts are unset and whose
// slots the pass did not write, gets sum 0 and the zero state.
func momentGroups[T Float](f asm.Funcs[T], lanes int, k []int32, cs []plainCol[T], t []float64, w, dj, qj int, K []float64, size []int64, count bool, sc *scratch) {
	ks := len(K) / len(sc.m0)
	var redo [3]bool
	for g := range size {
		if K[ks*g+ks-1] == 0 {
			if count {
				size[g] = 0
			}
			for _, c := range cs {
				if c.st.sum != nil {
					c.st.sum[g] = 0
				}
				if c.st.mom != nil {
					c.st.mom[g] = Moments{}
				}
			}
			continue
		}
		n := foldSlot(lanes, w, t, g, dj-1)
		if count {
			size[g] = int64(n)
		}
		for j, c := range cs {
			if c.st.sum != nil {
				c.st.sum[g] = foldSlot(lanes, w, t, g, j)
			}
			if c.st.mom != nil {
				m, ok := shiftedState(int(n), K[ks*g+j], foldSlot(lanes, w, t, g, dj+j), foldSlot(lanes, w, t, g, qj+j))
				c.st.mom[g] = m
				redo[j] = redo[j] || !ok
			}
		}
	}
	for j, c := range cs {
		if redo[j] {
			twoPass(f, lanes, k, c, t, w, j, dj+j, qj+j, K, ks, size, sc)
		}
	}
}

// shiftedMax bounds the cancellation of a one-pass state: q, the sum of
// squared deviations from the group's first value, may be at most
// shiftedMax times M2, so that at most log2(shiftedMax) = 6 bits of M2 are
// lost to q - c*c/m. As the shift is one of the m values, q <= m*M2: a
// group of at most 64 rows in the chunk always passes. A group whose first
// value lies further out gets the two-pass state (docs/design.md).
const shiftedMax = 64

// shiftedState returns the one-pass state of a group of n rows with shift
// K, folded deviation sum c and squares q, and whether it passes the
// cancellation test.
func shiftedState(n int, K, c, q float64) (Moments, bool) {
	m := blockMoments(n, K, c, q)
	return m, q <= shiftedMax*m.M2
}

// twoPass replaces the states of column c's groups that failed the test of
// shiftedState by two-pass states around the chunk means (sums at item j):
// a deviation pass over the chunk.
func twoPass[T Float](f asm.Funcs[T], lanes int, k []int32, c plainCol[T], t []float64, w, j, jc, jq int, K []float64, ks int, size []int64, sc *scratch) {
	m0 := sc.m0
	for g, n := range size {
		m0[g] = 0
		if n > 0 {
			m0[g] = foldSlot(lanes, w, t, g, j) / float64(n)
		}
	}
	cq := grow(&sc.cq, 2*lanes*len(m0))
	clear(cq)
	f.GroupDevs(lanes, k, c.v, m0, cq)
	for g, n := range size {
		if n == 0 {
			continue
		}
		if _, ok := shiftedState(int(n), K[ks*g+j], foldSlot(lanes, w, t, g, jc), foldSlot(lanes, w, t, g, jq)); !ok {
			c.st.mom[g] = blockMoments(int(n), m0[g], foldSlot(lanes, 2, cq, g, 0), foldSlot(lanes, 2, cq, g, 1))
		}
	}
}

// foldSlot folds item j of group g's slots of w sub-accumulators in t
// (see asm.GroupSums) in the canonical order: (l0+l2) + (l1+l3).
func foldSlot(lanes, w int, t []float64, g, j int) float64 {
	if lanes == 1 {
		return t[w*g+j]
	}
	b := 4*w*g + j
	return (t[b] + t[b+2*w]) + (t[b+w] + t[b+3*w])
}

// extremes folds a column's chunk values into its min and max tables
// (those asked for): Go's min and max (NaN wins, -0 < +0), over the
// non-NaN values for the Nan forms; the order does not matter. With a size
// table (only for a column with a min or max) the pass also counts the
// group sizes, and with an ncnt table (only for a column with a Nan min or
// max) the Nan pass counts the non-NaN values. The tables' capacities are
// powers of two, whose masks keep the codes inside.
func extremes[T Float](f asm.Funcs[T], k []int32, v []T, st *colState, size, ncnt []int64) {
	f.GroupExt(k, v, toCap(st.min), toCap(st.max), toCap(size), false)
	f.GroupExt(k, v, toCap(st.nmin), toCap(st.nmax), toCap(ncnt), true)
}

// toCap returns t extended to its capacity, or nil for nil.
func toCap[E any](t []E) []E {
	if t == nil {
		return nil
	}
	return t[:cap(t)]
}

// anyDeviations reports whether a column needs a deviation pass, the one
// that partitioning pays for (measured in docs/groupby.md).
func anyDeviations(cols []Column) bool {
	for _, c := range cols {
		if n := needs(c.Aggs); n.mom || n.nmom {
			return true
		}
	}
	return false
}

// grow returns (*t)[:n], reallocating *t with a power-of-two capacity (a
// table of the chunk passes) when it is too short.
func grow(t *[]float64, n int) []float64 {
	if cap(*t) < n {
		*t = make([]float64, pow2(n))
	}
	*t = (*t)[:n]
	return *t
}

// nanColumns computes the NaN-skipping sums, non-NaN counts and variance
// states of cs, the columns that ask for any of them: a column alone
// through GroupNanSums and GroupNanDevs (slots of 2), two or three through
// GroupNanSums3 and GroupNanDevs3 (slots of 8: column j's sum or
// deviation at item j, its count or square at item 4+j; a third column
// repeats the first when there are two). The variance states are the
// block states (n, m0, c/n, q - c*c/n) around the means m0 = sum/n of
// the leaf (a variance chunk: its chunks' sums along the tree, its whole
// count); an absent group gets the zero state (so the tables need not be
// cleared before). The sums pass goes chunk by chunk as in plainColumns,
// the deviations pass over the whole leaf.
func nanColumns[T Float](f asm.Funcs[T], lanes int, k []int32, cs []plainCol[T], cuts []int, sc *scratch) {
	G := len(sc.m0)
	nsub := len(cuts) - 1
	for len(cs) > 0 {
		m := min(len(cs), 3)
		a, b, c := cs[0].v, cs[0].v, cs[0].v
		w, per := 2, 1 // the slot's width, the means per group
		if m > 1 {
			w, per, b = 8, 4, cs[1].v
			if m == 3 {
				c = cs[2].v
			}
		}
		s := grow(&sc.s, w*lanes*G)
		for i := range nsub {
			r0, r1 := cuts[i]-cuts[0], cuts[i+1]-cuts[0]
			clear(s)
			if m == 1 {
				f.GroupNanSums(lanes, k[r0:r1], a[r0:r1], s)
			} else {
				f.GroupNanSums3(lanes, k[r0:r1], a[r0:r1], b[r0:r1], c[r0:r1], s)
			}
			if nsub == 1 {
				break
			}
			// One lane (a variance chunk): the chunk's sums go to the
			// tree, its counts add up.
			for j, col := range cs[:m] {
				sc.sub[j].add(i, G, s, w, j, nil, 0)
				addCounts(i, col.st.ncnt, s, w, w/2+j)
			}
		}
		if nsub > 1 {
			// The slots hold the variance chunk's sums and counts, as
			// after a pass over it.
			for j, col := range cs[:m] {
				sum, n := sc.sub[j].result(nsub, G), col.st.ncnt
				for g := range n {
					s[w*g+j], s[w*g+w/2+j] = sum[g], float64(n[g])
				}
			}
		}
		moments := false
		for j, col := range cs[:m] {
			st := col.st
			for g := range st.ncnt {
				st.ncnt[g] = int64(foldSlot(lanes, w, s, g, w/2+j))
			}
			for g := range st.nsum {
				st.nsum[g] = foldSlot(lanes, w, s, g, j)
			}
			moments = moments || st.nmom != nil
		}
		if moments {
			// The chunk means, column j's at per*g+j, in the moment
			// passes' shift table (which they are done with).
			m0 := grow(&sc.shift, per*G)
			clear(m0)
			for j, col := range cs[:m] {
				for g, n := range col.st.ncnt {
					if n > 0 {
						m0[per*g+j] = foldSlot(lanes, w, s, g, j) / float64(n)
					}
				}
			}
			cq := grow(&sc.cq, w*lanes*G)
			clear(cq)
			if m == 1 {
				f.GroupNanDevs(lanes, k, a, m0, cq)
			} else {
				f.GroupNanDevs3(lanes, k, a, b, c, m0, cq)
			}
			for j, col := range cs[:m] {
				st := col.st
				if st.nmom == nil {
					continue
				}
				for g, n := range st.ncnt {
					st.nmom[g] = Moments{}
					if n > 0 {
						st.nmom[g] = blockMoments(int(n), m0[per*g+j], foldSlot(lanes, w, cq, g, j), foldSlot(lanes, w, cq, g, w/2+j))
					}
				}
			}
		}
		cs = cs[m:]
	}
}

// pow2 returns the least power of two >= max(n, 1).
func pow2(n int) int {
	return 1 << bits.Len(uint(max(n, 1)-1))
}
