package bench

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/kbench/kbench/internal/membw"
)

// Plan is what a run measures: every kernel, element type, size and
// backend, each for Time, Count times, interleaved.
type Plan struct {
	Kernels  []*Kernel
	DTypes   []string
	Sizes    []Size
	Backends []Backend
	Groups   int // groups of the grouped kernels and distinct keys of factorize
	Columns  int // float columns of the grouped kernels
	Time     time.Duration
	Count    int
	Seed     uint64
	Caches   Caches
	// ClockGHz converts elements per second into elements per cycle; 0
	// leaves ElemsPerCycle null.
	ClockGHz float64
	Roofline Roofline
}

// Progress is told, before each repetition, how many of the total are
// done and what is measured next. It may be nil.
type Progress func(done, total int, what string)

// cell is one kernel on one backend over one input: the unit that is
// measured Count times.
type cell struct {
	res     Result
	op      Op
	copies  int
	samples []float64
	ops     []int64
	mallocs uint64
	bytes   uint64
}

// Run measures the plan. Sizes are measured one after the other, each
// with a freshly generated input; within a size the repetitions of every
// kernel and backend are interleaved so that a drift of the machine does
// not favour one of them. Combinations that have no implementation are
// skipped and named in the notes. When ctx is cancelled Run returns what
// was measured until then and ctx's error.
func Run(ctx context.Context, p Plan, progress Progress) (results []Result, notes []string, err error) {
	if p.Count < 1 {
		return nil, nil, fmt.Errorf("count %d: want 1 or more", p.Count)
	}
	if p.Groups < 1 || p.Columns < 1 {
		return nil, nil, fmt.Errorf("groups %d, columns %d: want 1 or more", p.Groups, p.Columns)
	}
	type batch struct {
		dtype string
		size  Size
		input Input
		ks    []*Kernel
	}
	// One batch per element type, size and input kind, in that order.
	var batches []batch
	for di, dt := range p.DTypes {
		for _, s := range p.Sizes {
			for _, in := range []Input{Flat, FlatNaN, Grouped, Keys} {
				var ks []*Kernel
				for _, k := range p.Kernels {
					// A kernel with its own element type runs in the first pass.
					if k.Input == in && (k.DType == "" || di == 0) {
						ks = append(ks, k)
					}
				}
				if len(ks) > 0 {
					batches = append(batches, batch{dt, s, in, ks})
				}
			}
		}
	}
	// Find what has no implementation before measuring anything, so that
	// the progress total is right and the notes come first.
	total := 0
	skipped := map[string]bool{}
	for _, b := range batches {
		for _, k := range b.ks {
			for _, be := range p.Backends {
				if _, err := opFor(k, be, b.dtype, nil); err != nil {
					var ue *UnavailableError
					if !errors.As(err, &ue) {
						return nil, nil, err
					}
					if msg := err.Error(); !skipped[msg] {
						skipped[msg] = true
						notes = append(notes, "skipped: "+msg)
					}
					continue
				}
				total += p.Count
			}
		}
	}
	if total == 0 {
		return nil, notes, fmt.Errorf("nothing to measure: %s", firstOr(notes, "no kernel runs on the backends asked for"))
	}
	done := 0
	for _, b := range batches {
		cells, err := p.prepare(b.dtype, b.size, b.input, b.ks)
		if err != nil {
			return results, notes, err
		}
		if len(cells) == 0 {
			continue
		}
		for r := 0; r < p.Count; r++ {
			for _, c := range cells {
				if progress != nil {
					progress(done, total, fmt.Sprintf("%s %s %s %s", c.res.Kernel, c.res.DType, sizeLabel(c.res), c.res.Backend))
				}
				if r == 0 && c.res.MemLevel != "dram" {
					// Warm up: fill the caches, settle the clock. A DRAM-sized
					// input cannot be warmed, and generating it paged it in.
					if _, _, ok := sample(ctx, c.op, c.copies, p.Time/5); !ok {
						return append(results, p.finish(cells)...), notes, ctx.Err()
					}
				}
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				ns, ops, ok := sample(ctx, c.op, c.copies, p.Time)
				runtime.ReadMemStats(&after)
				if !ok {
					return append(results, p.finish(cells)...), notes, ctx.Err()
				}
				c.samples = append(c.samples, ns)
				c.ops = append(c.ops, ops)
				c.mallocs += after.Mallocs - before.Mallocs
				c.bytes += after.TotalAlloc - before.TotalAlloc
				done++
			}
		}
		results = append(results, p.finish(cells)...)
		// Free this input before the next is made: without a collection
		// the heap goal left by a large input lets the next batch take
		// fresh pages from the OS on every allocation, which the
		// allocating kernels would pay for in page faults.
		cells = nil
		runtime.GC()
	}
	if progress != nil {
		progress(total, total, "")
	}
	FillSpeedups(results)
	return results, notes, nil
}

func firstOr(s []string, def string) string {
	if len(s) > 0 {
		return s[0]
	}
	return def
}

func sizeLabel(r Result) string {
	if r.Size != "" {
		return r.Size
	}
	return "n=" + FormatCount(r.N)
}

// opFor builds the op of k on b for element type dtype over d; d may be
// nil to learn only whether the combination exists.
func opFor(k *Kernel, b Backend, dtype string, d any) (Op, error) {
	if dtype == "f32" && k.DType == "" {
		dd, _ := d.(*Data[float32])
		if dd == nil {
			dd = &Data[float32]{}
		}
		return OpFor(k, b, dd)
	}
	dd, _ := d.(*Data[float64])
	if dd == nil {
		dd = &Data[float64]{}
	}
	return OpFor(k, b, dd)
}

// prepare generates the input of one batch and the cells that measure it.
func (p Plan) prepare(dtype string, s Size, in Input, ks []*Kernel) ([]*cell, error) {
	var rowBytes int64
	if dtype == "f32" && in != Keys {
		rowBytes = RowBytes[float32](in, p.Columns)
	} else {
		rowBytes = RowBytes[float64](in, p.Columns)
	}
	n := s.N
	if n == 0 {
		n = max(s.Bytes/rowBytes, 1)
	}
	bytes := n * rowBytes
	copies := p.Caches.Copies(bytes)
	columns := 1
	groups := 0
	switch in {
	case Grouped:
		columns, groups = p.Columns, p.Groups
	case Keys:
		groups = p.Groups
	}
	var data any
	if dtype == "f32" && in != Keys {
		data = Generate[float32](in, int(n), p.Groups, p.Columns, copies, p.Seed)
	} else {
		data = Generate[float64](in, int(n), p.Groups, p.Columns, copies, p.Seed)
	}
	var cells []*cell
	for _, k := range ks {
		dt := dtype
		if k.DType != "" {
			dt = k.DType
		}
		for _, b := range p.Backends {
			op, err := opFor(k, b, dtype, data)
			if err != nil {
				continue // named in the notes already
			}
			cells = append(cells, &cell{op: op, copies: copies, res: Result{
				Kernel: k.Name, DType: dt, N: n, Groups: groups, Columns: columns,
				Backend: b.Name, Class: b.Class, Level: b.LevelName(), Workers: b.Workers,
				BytesPerOp: bytes, Size: s.Label, MemLevel: p.Caches.MemLevel(bytes * int64(copies)),
				Inputs: copies,
			}})
		}
	}
	return cells, nil
}

// finish turns the samples of the cells into results; cells without a
// sample are left out.
func (p Plan) finish(cells []*cell) []Result {
	var out []Result
	for _, c := range cells {
		if len(c.samples) == 0 {
			continue
		}
		r := c.res
		sorted := slices.Clone(c.samples)
		slices.Sort(sorted)
		r.NsPerOp = median(sorted)
		r.NsMin, r.NsMax = sorted[0], sorted[len(sorted)-1]
		r.SamplesNs, r.SamplesOps = c.samples, c.ops
		for _, o := range c.ops {
			r.Ops += o
		}
		r.GBps = float64(r.BytesPerOp) / r.NsPerOp
		r.ElemsPerSec = float64(r.N) / r.NsPerOp * 1e9
		r.AllocsPerOp = float64(c.mallocs) / float64(r.Ops)
		r.AllocBytesPerOp = float64(c.bytes) / float64(r.Ops)
		if p.ClockGHz > 0 {
			r.ElemsPerCycle = ptr(r.ElemsPerSec / (p.ClockGHz * 1e9))
		}
		if r.MemLevel == "dram" {
			roof := p.Roofline.ReadGBps1T
			if r.Workers > 1 {
				roof = p.Roofline.ReadGBpsAll
			}
			if roof > 0 {
				r.RooflineFrac = ptr(r.GBps / roof)
			}
		}
		out = append(out, r)
	}
	return out
}

// FillSpeedups sets SpeedupVsScalar of every result that has a scalar
// result for the same kernel, element type and input.
func FillSpeedups(rs []Result) {
	type key struct {
		kernel, dtype   string
		n               int64
		groups, columns int
	}
	scalar := map[key]float64{}
	for _, r := range rs {
		if r.Backend == "scalar" {
			scalar[key{r.Kernel, r.DType, r.N, r.Groups, r.Columns}] = r.NsPerOp
		}
	}
	for i, r := range rs {
		if s, ok := scalar[key{r.Kernel, r.DType, r.N, r.Groups, r.Columns}]; ok && r.NsPerOp > 0 {
			rs[i].SpeedupVsScalar = ptr(s / r.NsPerOp)
		}
	}
}

func ptr(v float64) *float64 { return &v }

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// sample runs op over the copies in turn until d has passed (at least
// once) and returns the time per op in ns and the number of ops; ok is
// false when ctx was cancelled first. Ops run in batches whose size is
// predicted from the time so far, so that reading the clock costs nothing
// next to short ops.
func sample(ctx context.Context, op Op, copies int, d time.Duration) (ns float64, ops int64, ok bool) {
	var keep float64
	batch := int64(1)
	next := 0
	start := time.Now()
	for {
		for i := int64(0); i < batch; i++ {
			keep += op(next)
			if next++; next == copies {
				next = 0
			}
		}
		ops += batch
		el := time.Since(start)
		if el >= d {
			runtime.KeepAlive(keep)
			return float64(el.Nanoseconds()) / float64(ops), ops, true
		}
		if ctx.Err() != nil {
			return 0, 0, false
		}
		// Aim at half the remaining time so that the clock and ctx are
		// checked a few times more before the end.
		per := max(el.Nanoseconds()/ops, 1)
		batch = min(max((d-el).Nanoseconds()/per/2, 1), 100*batch)
	}
}

// MeasureRoofline measures the streaming-read bandwidth with one thread
// and with threads (GOMAXPROCS when 0) on a buffer of the given bytes, for
// about d each.
func MeasureRoofline(ctx context.Context, bytes int64, threads int, d time.Duration) (Roofline, error) {
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	b := make([]uint64, bytes/8)
	for i := range b {
		b[i] = uint64(i)
	}
	best := func(th int) (float64, error) {
		keep := membw.ReadParallel(b, th) // fault in, warm up
		bt := time.Duration(1<<63 - 1)
		for start, reads := time.Now(), 0; time.Since(start) < d || reads < 3; reads++ {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			t := time.Now()
			keep ^= membw.ReadParallel(b, th)
			bt = min(bt, time.Since(t))
		}
		runtime.KeepAlive(keep)
		return float64(len(b)*8) / float64(bt.Nanoseconds()), nil
	}
	r := Roofline{Threads: threads, Bytes: int64(len(b) * 8)}
	var err error
	if r.ReadGBps1T, err = best(1); err != nil {
		return r, err
	}
	r.ReadGBpsAll, err = best(threads)
	b = nil
	runtime.GC() // give the buffer back before the inputs are made
	return r, err
}
