package kernels

import (
	"fmt"
	"math"
	"strings"
	"unsafe"
)

// Agg is a set of per-group aggregations of one column, combined with |.
//
// The plain forms follow the whole-column kernels: a NaN in a group makes
// its Sum, Mean, Var, Std, Min and Max NaN. The Nan forms skip NaN values,
// as pandas does by default (skipna=True).
type Agg uint32

const (
	AggCount   Agg = 1 << iota // number of non-NaN values (pandas count)
	AggSum                     // sum; 0 for an empty group
	AggMean                    // AggSum / group size; NaN for an empty group
	AggVar                     // variance with the column's Ddof
	AggStd                     // square root of AggVar
	AggMin                     // smallest value, Go's min: NaN if any is NaN, -0 < +0
	AggMax                     // largest value, Go's max
	AggNanSum                  // sum of the non-NaN values; 0 when there are none
	AggNanMean                 // AggNanSum / AggCount; NaN when AggCount is 0
	AggNanVar                  // variance of the non-NaN values
	AggNanStd                  // square root of AggNanVar
	AggNanMin                  // smallest non-NaN value; NaN when there is none
	AggNanMax                  // largest non-NaN value; NaN when there is none
	aggEnd
)

// nanShift turns a plain aggregation into its Nan form: AggNanSum is
// AggSum << nanShift, and so on up to AggNanMax.
const nanShift = 6

var aggNames = [...]string{"count", "sum", "mean", "var", "std", "min", "max",
	"nansum", "nanmean", "nanvar", "nanstd", "nanmin", "nanmax"}

// String returns the aggregations' names joined by "|", like "sum|mean".
func (a Agg) String() string {
	var s []string
	for i, name := range aggNames {
		if a&(1<<i) != 0 {
			s = append(s, name)
		}
	}
	if a&^(aggEnd-1) != 0 {
		s = append(s, fmt.Sprintf("Agg(%#x)", uint32(a&^(aggEnd-1))))
	}
	return strings.Join(s, "|")
}

// MaxGroups is the largest number of groups a group-by takes.
const MaxGroups = math.MaxInt32

// Column is one value column of a group-by and the aggregations asked of
// it. Make one with [Float64s] or [Float32s].
type Column struct {
	// Name labels the column in results and errors.
	Name string
	// Aggs are the aggregations computed for the column.
	Aggs Agg
	// Ddof is the delta degrees of freedom of Var, Std, NanVar and NanStd:
	// they divide by count - Ddof. The constructors set 1, pandas' default.
	Ddof int

	f64 []float64
	f32 []float32
}

// Float64s returns a float64 column with Ddof 1.
func Float64s(name string, v []float64, aggs Agg) Column {
	return Column{Name: name, Aggs: aggs, Ddof: 1, f64: v}
}

// Float32s returns a float32 column with Ddof 1. Values are widened to
// float64 on load, as in the whole-column kernels.
func Float32s(name string, v []float32, aggs Agg) Column {
	return Column{Name: name, Aggs: aggs, Ddof: 1, f32: v}
}

// Len returns the number of values in the column.
func (c Column) Len() int {
	if c.f32 != nil {
		return len(c.f32)
	}
	return len(c.f64)
}

// GroupBy is a grouping of rows into ngroups groups by dense codes, and the
// value columns to aggregate per group: the layout of a pandas categorical
// or an Arrow dictionary column. Row i belongs to group codes[i].
//
// A GroupBy holds its inputs, not copies; they must not change while it is
// used. It is safe for concurrent use once built.
type GroupBy struct {
	codes   []int32
	ngroups int
	cols    []Column
}

// NewGroupBy validates codes once, every code in [0, ngroups), and returns a
// GroupBy of those rows with the given columns. A code out of range, a
// column whose length is not len(codes), an unknown aggregation, a negative
// Ddof or ngroups outside [0, MaxGroups] is an error naming the row or the
// column.
func NewGroupBy(codes []int32, ngroups int, cols ...Column) (*GroupBy, error) {
	if ngroups < 0 || ngroups > MaxGroups {
		return nil, fmt.Errorf("kernels: ngroups = %d out of range [0,%d]", ngroups, MaxGroups)
	}
	if i, ok := firstBadCode(codes, ngroups); !ok {
		return nil, fmt.Errorf("kernels: codes[%d] = %d out of range [0,%d)", i, codes[i], ngroups)
	}
	for i, c := range cols {
		if err := checkColumn(i, c, len(codes)); err != nil {
			return nil, err
		}
	}
	return &GroupBy{codes: codes, ngroups: ngroups, cols: cols}, nil
}

// NewGroupByUint32 is [NewGroupBy] for unsigned codes. Validated codes are
// below ngroups <= MaxInt32, so they are used in place, as int32.
func NewGroupByUint32(codes []uint32, ngroups int, cols ...Column) (*GroupBy, error) {
	if ngroups < 0 || ngroups > MaxGroups {
		return nil, fmt.Errorf("kernels: ngroups = %d out of range [0,%d]", ngroups, MaxGroups)
	}
	for i, k := range codes {
		if uint64(k) >= uint64(ngroups) {
			return nil, fmt.Errorf("kernels: codes[%d] = %d out of range [0,%d)", i, k, ngroups)
		}
	}
	var c32 []int32
	if len(codes) > 0 {
		// Same size and, for values below 2^31, the same bits.
		c32 = unsafe.Slice((*int32)(unsafe.Pointer(&codes[0])), len(codes))
	}
	return NewGroupBy(c32, ngroups, cols...)
}

func checkColumn(i int, c Column, rows int) error {
	switch {
	case c.Len() != rows:
		return fmt.Errorf("kernels: column %d (%q) has %d values, want %d (len(codes))", i, c.Name, c.Len(), rows)
	case c.Aggs&^(aggEnd-1) != 0:
		return fmt.Errorf("kernels: column %d (%q): unknown aggregation %v", i, c.Name, c.Aggs)
	case c.Ddof < 0:
		return fmt.Errorf("kernels: column %d (%q): ddof = %d is negative", i, c.Name, c.Ddof)
	}
	return nil
}

// firstBadCode returns the first row whose code is outside [0, ngroups).
// The common case, no bad code, costs one branch-free pass.
func firstBadCode(codes []int32, ngroups int) (int, bool) {
	var bad uint32
	lim := uint32(ngroups)
	for _, k := range codes {
		// uint32(k) >= lim for a negative k as well.
		bad |= uint32(b2i(uint32(k) >= lim))
	}
	if bad == 0 {
		return 0, true
	}
	for i, k := range codes {
		if uint32(k) >= lim {
			return i, false
		}
	}
	return 0, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Rows returns the number of rows.
func (g *GroupBy) Rows() int { return len(g.codes) }

// Groups returns the number of groups.
func (g *GroupBy) Groups() int { return g.ngroups }

// Run computes every column's aggregations in one pass over the rows (each
// chunk of rows is read from memory once; see docs/groupby.md) with up to
// cfg.Workers goroutines. The result is the same bits for every level and
// worker count: the order of operations is fixed by the number of rows and
// groups alone.
func (g *GroupBy) Run(cfg Config) (*GroupResult, error) {
	s, err := NewStream(cfg, g.ngroups, g.cols...)
	if err != nil {
		return nil, err
	}
	if s.wholeParts(g) {
		r, outs := newResult(g.ngroups, s.cols)
		s.whole(g, nil, outs)
		return r, nil
	}
	p, err := s.state(g)
	if err != nil {
		return nil, err
	}
	r := p.result(s.workers())
	s.put(p)
	return r, nil
}

// Partial returns the mergeable per-group state of the rows, the value that
// [GroupBy.Run] finishes into a result.
func (g *GroupBy) Partial(cfg Config) (*Partial, error) {
	s, err := NewStream(cfg, g.ngroups, g.cols...)
	if err != nil {
		return nil, err
	}
	return s.state(g)
}

// state returns the state of every row of g, for a stream that has added
// nothing and must not be added to afterwards.
func (s *Stream) state(g *GroupBy) (*Partial, error) {
	if s.wholeParts(g) {
		p := s.get()
		s.whole(g, p, nil)
		return p, nil
	}
	if err := s.Add(g); err != nil {
		return nil, err
	}
	return s.root(false), nil
}

// GroupResult holds the aggregations of a group-by, one entry per group.
type GroupResult struct {
	// Size is the number of rows of each group (pandas size). It is nil
	// when no aggregation needed it.
	Size    []int64
	Columns []ColumnResult
}

// ColumnResult holds one column's aggregations; a field is nil unless its
// aggregation was asked for.
type ColumnResult struct {
	Name  string
	Aggs  Agg
	Ddof  int
	Count []int64

	Sum, Mean, Var, Std, Min, Max                   []float64
	NanSum, NanMean, NanVar, NanStd, NanMin, NanMax []float64
}

// Get returns the values of one aggregation a (a single flag, not Count),
// or nil when it was not computed.
func (r *ColumnResult) Get(a Agg) []float64 {
	if f := r.field(a); f != nil {
		return *f
	}
	return nil
}

// field returns the field of aggregation a (a single flag, not Count), or
// nil.
func (r *ColumnResult) field(a Agg) *[]float64 {
	switch a {
	case AggSum:
		return &r.Sum
	case AggMean:
		return &r.Mean
	case AggVar:
		return &r.Var
	case AggStd:
		return &r.Std
	case AggMin:
		return &r.Min
	case AggMax:
		return &r.Max
	case AggNanSum:
		return &r.NanSum
	case AggNanMean:
		return &r.NanMean
	case AggNanVar:
		return &r.NanVar
	case AggNanStd:
		return &r.NanStd
	case AggNanMin:
		return &r.NanMin
	case AggNanMax:
		return &r.NanMax
	}
	return nil
}

// groupLayout returns the canonical chunking of a group-by over ngroups
// groups: the number of sub-accumulators per group and the rows per chunk
// (both powers of two). See docs/groupby.md.
func groupLayout(ngroups int) (lanes, chunkRows int) {
	lanes = 1
	if ngroups <= subLanesMaxGroups {
		lanes = subLanes
	}
	chunkRows = max(minChunkRows, chunkGroups*pow2(ngroups))
	return lanes, chunkRows
}

const (
	// subLanes sub-accumulators per group, row i of a chunk going to
	// (i mod subLanes), break the chain of dependent adds when consecutive
	// rows share a group (sorted keys, few groups).
	subLanes = 4
	// subLanesMaxGroups is the most groups that get sub-accumulators:
	// beyond it their tables no longer fit the L2 cache, and runs of one
	// group are short anyway.
	subLanesMaxGroups = 4096
	// minChunkRows spreads the per-group work of each chunk (folds, block
	// states, merges) over 32 or more rows per group at 4096 groups, while
	// leaving tens of chunks to share among workers at 10^7 rows (2^16
	// took 25-28% longer at 1000 groups, three columns, two workers:
	// docs/benchmarks.md).
	minChunkRows = 1 << 17
	// chunkGroups rows per group at least make the per-group work of a
	// chunk (2 divisions for the block state, 2 for the merge) at most a
	// quarter of that per row.
	chunkGroups = 4
	// varChunks chunks make one variance chunk when there is one lane per
	// group: the variance states, with their divisions and merges, are
	// those of 16 rows per group or more, while the sums keep their
	// chunks (docs/design.md).
	varChunks = 4
)
