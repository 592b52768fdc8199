package bench

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kbench/kbench/kernels"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// An Op runs a kernel once over copy c of its input and returns a value
// that depends on the result, so that the work cannot be optimised away.
type Op func(c int) float64

// A Kernel is one measured operation and its implementation on each kind
// of backend. Adding a kernel is adding one entry to [registry].
type Kernel struct {
	Name  string
	Usage string
	Input Input
	// DType, when set, is the kernel's only element type ("i64" for
	// factorize): it runs once per run, whatever --dtype says.
	DType string
	f64   impls[float64]
	f32   impls[float32]
}

// impls are a kernel's implementations for element type T.
type impls[T Float] struct {
	// engine runs on a kernels.Engine; nil when this build lacks it, and
	// then missing says why.
	engine  func(e *kernels.Engine[T], d *Data[T], c int) float64
	missing string
	naive   func(d *Data[T], c int) float64
	peers   map[string]func(d *Data[T], c int) float64
}

// Ddof is the delta degrees of freedom of the var and std kernels: the
// sample variance, as pandas and gonum compute it.
const Ddof = 1

// registry lists every kernel.
var registry = []*Kernel{
	{Name: "sum", Usage: "sum of all elements", Input: Flat,
		f64: flat(engSum[float64], naiveSum[float64], peer("gonum", floats.Sum), vekPeer(vekSum)),
		f32: flat(engSum[float32], naiveSum[float32], vekPeer(vekSum32))},
	{Name: "mean", Usage: "arithmetic mean", Input: Flat,
		f64: flat(engMean[float64], naiveMean[float64], peer("gonum", gonumMean), vekPeer(vekMean)),
		f32: flat(engMean[float32], naiveMean[float32], vekPeer(vekMean32))},
	{Name: "var", Usage: "sample variance (ddof 1)", Input: Flat,
		f64: flat(engVar[float64], naiveVar[float64], peer("gonum", gonumVar)),
		f32: flat(engVar[float32], naiveVar[float32])},
	{Name: "std", Usage: "sample standard deviation (ddof 1)", Input: Flat,
		f64: flat(engStd[float64], naiveStd[float64], peer("gonum", gonumStd)),
		f32: flat(engStd[float32], naiveStd[float32])},
	{Name: "min", Usage: "smallest element", Input: Flat,
		f64: flat(engMin[float64], naiveMin[float64], peer("gonum", floats.Min), vekPeer(vekMin)),
		f32: flat(engMin[float32], naiveMin[float32], vekPeer(vekMin32))},
	{Name: "max", Usage: "largest element", Input: Flat,
		f64: flat(engMax[float64], naiveMax[float64], peer("gonum", floats.Max), vekPeer(vekMax)),
		f32: flat(engMax[float32], naiveMax[float32], vekPeer(vekMax32))},
	{Name: "nansum", Usage: "sum of the non-NaN elements (input 1% NaN)", Input: FlatNaN,
		f64: flat(engNanSum[float64], naiveNanSum[float64]),
		f32: flat(engNanSum[float32], naiveNanSum[float32])},
	{Name: "nanmean", Usage: "mean of the non-NaN elements (input 1% NaN)", Input: FlatNaN,
		f64: flat(engNanMean[float64], naiveNanMean[float64]),
		f32: flat(engNanMean[float32], naiveNanMean[float32])},
	{Name: "nanvar", Usage: "sample variance of the non-NaN elements (input 1% NaN)", Input: FlatNaN,
		f64: flat(engNanVar[float64], naiveNanVar[float64]),
		f32: flat(engNanVar[float32], naiveNanVar[float32])},
	{Name: "nanstd", Usage: "sample standard deviation of the non-NaN elements (input 1% NaN)", Input: FlatNaN,
		f64: flat(engNanStd[float64], naiveNanStd[float64]),
		f32: flat(engNanStd[float32], naiveNanStd[float32])},
	{Name: "groupby", Usage: "per-group sum, mean and std of --columns columns over --groups int32 codes", Input: Grouped,
		f64: impls[float64]{engine: engGroupBy[float64], naive: naiveGroupBy[float64]},
		f32: impls[float32]{engine: engGroupBy[float32], naive: naiveGroupBy[float32]}},
	{Name: "factorize", Usage: "int64 keys (--groups distinct values) to dense int32 codes", Input: Keys, DType: "i64",
		f64: impls[float64]{engine: engFactorize[float64], naive: naiveFactorize[float64]}},
}

// Kernels returns every kernel, in the order they are listed.
func Kernels() []*Kernel { return append([]*Kernel(nil), registry...) }

// KernelNames returns the names of every kernel.
func KernelNames() []string {
	n := make([]string, len(registry))
	for i, k := range registry {
		n[i] = k.Name
	}
	return n
}

// DefaultKernels are the kernels of a plain `kbench run`.
var defaultKernels = []string{"sum", "mean", "std", "groupby"}

// DefaultKernelNames returns the kernel names of a default run.
func DefaultKernelNames() []string { return append([]string(nil), defaultKernels...) }

// ParseKernels resolves kernel names, each item possibly a comma separated
// list.
func ParseKernels(list []string) ([]*Kernel, error) {
	var out []*Kernel
	for _, name := range listNames(list) {
		k := lookup(name)
		if k == nil {
			return nil, fmt.Errorf("unknown kernel %q (valid: %s)", name, strings.Join(KernelNames(), ", "))
		}
		out = append(out, k)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("kernel: none given (valid: %s)", strings.Join(KernelNames(), ", "))
	}
	return out, nil
}

// listNames splits flag values that may each be a comma separated list into
// lower-case names, without empty ones or repeats, in order.
func listNames(list []string) []string {
	var out []string
	for _, item := range list {
		for _, name := range strings.Split(item, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "" && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

func lookup(name string) *Kernel {
	for _, k := range registry {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// DTypes are the element types of the float kernels.
var dtypes = []string{"f32", "f64"}

// ParseDTypes resolves element type names.
func ParseDTypes(list []string) ([]string, error) {
	var out []string
	for _, s := range listNames(list) {
		switch s {
		case "float32":
			s = "f32"
		case "float64":
			s = "f64"
		}
		if s != "f32" && s != "f64" {
			return nil, fmt.Errorf("unknown dtype %q (valid: %s)", s, strings.Join(dtypes, ", "))
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("dtype: none given (valid: %s)", strings.Join(dtypes, ", "))
	}
	return out, nil
}

// UnavailableError says that a kernel has no implementation on a backend
// for an element type in this build.
type UnavailableError struct {
	Kernel, Backend, DType, Reason string
}

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("kernel %s (%s) on backend %s: %s", e.Kernel, e.DType, e.Backend, e.Reason)
}

// OpFor returns the operation of kernel k on backend b over d, or an
// *UnavailableError when there is none.
func OpFor[T Float](k *Kernel, b Backend, d *Data[T]) (Op, error) {
	var im impls[T]
	switch p := any(&im).(type) {
	case *impls[float64]:
		*p = k.f64
	case *impls[float32]:
		*p = k.f32
	}
	var z T
	dt := dtypeOf(z)
	if k.DType != "" {
		dt = k.DType
	}
	unavailable := func(reason string) (Op, error) {
		return nil, &UnavailableError{Kernel: k.Name, Backend: b.Name, DType: dt, Reason: reason}
	}
	switch b.Kind {
	case Naive:
		if im.naive == nil {
			return unavailable("no naive loop for this element type")
		}
		f := im.naive
		return func(c int) float64 { return f(d, c) }, nil
	case Engine:
		if im.engine == nil {
			reason := im.missing
			if reason == "" {
				reason = "no implementation for this element type"
			}
			return unavailable(reason)
		}
		e, err := kernels.NewEngine[T](kernels.Config{Level: b.Level, Workers: b.Workers})
		if err != nil {
			return nil, err
		}
		f := im.engine
		return func(c int) float64 { return f(e, d, c) }, nil
	case Peer:
		f := im.peers[b.Name]
		if f == nil {
			return unavailable(b.Name + " has no such function")
		}
		return func(c int) float64 { return f(d, c) }, nil
	}
	return unavailable(NoGPUReason)
}

func dtypeOf[T Float](z T) string {
	if sizeOf(z) == 4 {
		return "f32"
	}
	return "f64"
}

type peerFunc[T Float] struct {
	name string
	f    func([]T) float64
}

func peer[T Float](name string, f func([]T) float64) peerFunc[T] { return peerFunc[T]{name, f} }

func vekPeer[T Float](f func([]T) float64) peerFunc[T] { return peer("vek", f) }

func widen[T Float](f func([]T) float32) func([]T) float64 {
	return func(x []T) float64 { return float64(f(x)) }
}

// flat builds the implementations of a kernel over one column.
func flat[T Float](engine func(*kernels.Engine[T], []T) float64, naive func([]T) float64, peers ...peerFunc[T]) impls[T] {
	im := impls[T]{
		engine: func(e *kernels.Engine[T], d *Data[T], c int) float64 { return engine(e, d.X[c]) },
		naive:  func(d *Data[T], c int) float64 { return naive(d.X[c]) },
		peers:  map[string]func(*Data[T], int) float64{},
	}
	for _, p := range peers {
		if p.f == nil {
			continue // the peer does not build here
		}
		f := p.f
		im.peers[p.name] = func(d *Data[T], c int) float64 { return f(d.X[c]) }
	}
	return im
}

func engSum[T Float](e *kernels.Engine[T], x []T) float64    { return e.Sum(x) }
func engMean[T Float](e *kernels.Engine[T], x []T) float64   { return e.Mean(x) }
func engMin[T Float](e *kernels.Engine[T], x []T) float64    { return e.Min(x) }
func engMax[T Float](e *kernels.Engine[T], x []T) float64    { return e.Max(x) }
func engNanSum[T Float](e *kernels.Engine[T], x []T) float64 { return e.NanSum(x) }
func engNanMean[T Float](e *kernels.Engine[T], x []T) float64 {
	return e.NanMean(x)
}

// The ddof is a valid constant, so the errors cannot happen.
func engVar[T Float](e *kernels.Engine[T], x []T) float64    { v, _ := e.Var(x, Ddof); return v }
func engStd[T Float](e *kernels.Engine[T], x []T) float64    { v, _ := e.Std(x, Ddof); return v }
func engNanVar[T Float](e *kernels.Engine[T], x []T) float64 { v, _ := e.NanVar(x, Ddof); return v }
func engNanStd[T Float](e *kernels.Engine[T], x []T) float64 { v, _ := e.NanStd(x, Ddof); return v }

// engGroupBy computes the sum, mean and std of every column per group in
// one call of the group-by engine, at the engine's level and worker count.
// Building the GroupBy (which validates the codes) is part of the call, as
// it is for a user.
func engGroupBy[T Float](e *kernels.Engine[T], d *Data[T], c int) float64 {
	const aggs = kernels.AggSum | kernels.AggMean | kernels.AggStd
	cols := make([]kernels.Column, len(d.Cols[c]))
	for j, v := range d.Cols[c] {
		switch v := any(v).(type) {
		case []float64:
			cols[j] = kernels.Float64s(strconv.Itoa(j), v, aggs)
		case []float32:
			cols[j] = kernels.Float32s(strconv.Itoa(j), v, aggs)
		}
	}
	g, err := kernels.NewGroupBy(d.Codes[c], d.Groups, cols...)
	if err != nil {
		panic(err) // the generated codes are in range: a bug, not an input error
	}
	r, err := g.Run(e.Config())
	if err != nil {
		panic(err)
	}
	var keep float64
	for _, col := range r.Columns {
		keep += col.Sum[0] + col.Mean[0] + col.Std[0]
	}
	return keep
}

// engFactorize maps the keys to dense codes with the library's hash table;
// it runs the same code on every level and worker count.
func engFactorize[T Float](_ *kernels.Engine[T], d *Data[T], c int) float64 {
	codes, uniq, err := kernels.FactorizeInt64(d.Keys[c])
	if err != nil {
		panic(err)
	}
	return float64(len(uniq)) + float64(codes[len(codes)-1])
}

func gonumMean(x []float64) float64 { return stat.Mean(x, nil) }
func gonumVar(x []float64) float64  { return stat.Variance(x, nil) }
func gonumStd(x []float64) float64  { return stat.StdDev(x, nil) }
