package bench

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"

	"github.com/kbench/kbench/dispatch"
	"github.com/kbench/kbench/kernels"
)

// VerifyRow is the outcome of one kernel on one engine (level and worker
// count) for one element type, over every verification input.
type VerifyRow struct {
	Level   string `json:"level"`
	Workers int    `json:"workers"`
	DType   string `json:"dtype"`
	Kernel  string `json:"kernel"`
	Cases   int    `json:"cases"`
	// BitwiseFail counts the inputs whose result differs in any bit from
	// the reference engine (level generic, one worker).
	BitwiseFail int `json:"bitwise_fail"`
	// BoundCases and BoundFail count the finite inputs checked against the
	// exact result and its error bound (sum and var only).
	BoundCases int `json:"bound_cases"`
	BoundFail  int `json:"bound_fail"`
	// Detail describes the first failure.
	Detail string `json:"detail,omitempty"`
}

// OK reports whether the row passed.
func (r VerifyRow) OK() bool { return r.BitwiseFail == 0 && r.BoundFail == 0 }

// pattern generates verification data; tiny is the smallest positive
// subnormal of the element type.
type pattern struct {
	name   string
	finite bool
	gen    func(r *rand.Rand, n int, tiny float64) []float64
}

var patterns = []pattern{
	{"random", true, func(r *rand.Rand, n int, _ float64) []float64 {
		return fill(n, func(int) float64 { return 2*r.Float64() - 1 })
	}},
	{"offset", true, func(r *rand.Rand, n int, _ float64) []float64 {
		return fill(n, func(int) float64 { return 1e9 + r.NormFloat64() })
	}},
	{"cancel", true, func(r *rand.Rand, n int, _ float64) []float64 {
		x := fill(n, func(int) float64 { return r.NormFloat64() * math.Pow(10, float64(r.IntN(16))) })
		for i := 1; i < n; i += 2 {
			x[i] = -x[i-1] + r.NormFloat64()
		}
		return x
	}},
	{"zeros", true, func(r *rand.Rand, n int, _ float64) []float64 {
		return fill(n, func(int) float64 {
			if r.IntN(8) == 0 {
				return 0
			}
			return math.Copysign(0, -1)
		})
	}},
	{"subnormal", true, func(r *rand.Rand, n int, tiny float64) []float64 {
		return fill(n, func(int) float64 { return tiny * float64(r.IntN(1<<20)-1<<19) })
	}},
	{"nan", false, func(r *rand.Rand, n int, _ float64) []float64 {
		return fill(n, func(int) float64 {
			if r.IntN(20) == 0 {
				return math.NaN()
			}
			return r.NormFloat64()
		})
	}},
	{"inf", false, func(r *rand.Rand, n int, _ float64) []float64 {
		return fill(n, func(int) float64 {
			switch r.IntN(50) {
			case 0:
				return math.Inf(1)
			case 1:
				return math.Inf(-1)
			case 2:
				return math.NaN()
			}
			return r.NormFloat64()
		})
	}},
}

func fill(n int, f func(int) float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = f(i)
	}
	return x
}

// verifyLengths are around the 32-lane and 4096-block boundaries and
// around 64 blocks, where inputs start to be split over workers.
var verifyLengths = []int{0, 1, 2, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000,
	4095, 4096, 4097, 8191, 8192, 8193, 3*4096 + 17,
	64*4096 - 1, 64*4096 + 1, 129*4096 + 31}

// boundMaxN is the largest input whose exact result is computed for every
// pattern; beyond it only the random and offset patterns are, to keep
// math/big's time in check.
const boundMaxN = 20_000

// verifyKernels are the kernels verify checks bit for bit.
var verifyKernels = []struct {
	name string
	f64  func(*kernels.Engine[float64], []float64) float64
	f32  func(*kernels.Engine[float32], []float32) float64
}{
	{"sum", engSum[float64], engSum[float32]},
	{"mean", engMean[float64], engMean[float32]},
	{"var", engVar[float64], engVar[float32]},
	{"std", engStd[float64], engStd[float32]},
	{"min", engMin[float64], engMin[float32]},
	{"max", engMax[float64], engMax[float32]},
	{"nansum", engNanSum[float64], engNanSum[float32]},
	{"nanmean", engNanMean[float64], engNanMean[float32]},
	{"nanvar", engNanVar[float64], engNanVar[float32]},
	{"nanstd", engNanStd[float64], engNanStd[float32]},
	{"nanmin", (*kernels.Engine[float64]).NanMin, (*kernels.Engine[float32]).NanMin},
	{"nanmax", (*kernels.Engine[float64]).NanMax, (*kernels.Engine[float32]).NanMax},
}

// VerifyConfigs returns the engine configurations verify checks: every
// supported level with 1, 2 and GOMAXPROCS workers.
func VerifyConfigs() []kernels.Config {
	ws := []int{1, 2}
	if p := runtime.GOMAXPROCS(0); p > 2 {
		ws = append(ws, p)
	}
	var out []kernels.Config
	for _, l := range dispatch.Supported() {
		for _, w := range ws {
			out = append(out, kernels.Config{Level: l, Workers: w})
		}
	}
	return out
}

// Verify checks every configuration against the reference engine (level
// generic, one worker), bit for bit, over every pattern and length with a
// random start offset, and checks the sum and variance against their
// exact values (math/big) within the error bounds of the canonical order.
// dtypes are "f32" and/or "f64".
func Verify(ctx context.Context, dtypes []string, seed uint64) ([]VerifyRow, error) {
	var rows []VerifyRow
	for _, dt := range dtypes {
		var (
			rs  []VerifyRow
			err error
		)
		if dt == "f32" {
			rs, err = verify[float32](ctx, seed)
		} else {
			rs, err = verify[float64](ctx, seed)
		}
		rows = append(rows, rs...)
		if err != nil {
			return rows, err
		}
	}
	return rows, nil
}

func verify[T Float](ctx context.Context, seed uint64) ([]VerifyRow, error) {
	var z T
	dt := dtypeOf(z)
	tiny := math.SmallestNonzeroFloat64
	if dt == "f32" {
		tiny = math.SmallestNonzeroFloat32
	}
	ref, err := kernels.NewEngine[T](kernels.Config{Level: dispatch.Generic, Workers: 1})
	if err != nil {
		return nil, err
	}
	cfgs := VerifyConfigs()
	engines := make([]*kernels.Engine[T], len(cfgs))
	rows := make([][]VerifyRow, len(cfgs)) // [config][kernel]
	for i, c := range cfgs {
		if engines[i], err = kernels.NewEngine[T](c); err != nil {
			return nil, err
		}
		rows[i] = make([]VerifyRow, len(verifyKernels))
		for j, k := range verifyKernels {
			rows[i][j] = VerifyRow{Level: c.Level.String(), Workers: c.Workers, DType: dt, Kernel: k.name}
		}
	}
	fns := make([]func(*kernels.Engine[T], []T) float64, len(verifyKernels))
	for j, k := range verifyKernels {
		switch f := any(&fns[j]).(type) {
		case *func(*kernels.Engine[float64], []float64) float64:
			*f = k.f64
		case *func(*kernels.Engine[float32], []float32) float64:
			*f = k.f32
		}
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	for _, p := range patterns {
		for _, n := range verifyLengths {
			if err := ctx.Err(); err != nil {
				return flatten(rows), err
			}
			// A random start offset, so that no level relies on alignment.
			off := r.IntN(8)
			buf := make([]T, n+off)
			for i, v := range p.gen(r, n, tiny) {
				buf[off+i] = T(v)
			}
			x := buf[off:]
			name := fmt.Sprintf("%s n=%d off=%d", p.name, n, off)
			want := make([]float64, len(fns))
			for j, f := range fns {
				want[j] = f(ref, x)
			}
			bounds := p.finite && n > 0 && (n <= boundMaxN || p.name == "random" || p.name == "offset")
			var exSum, exVar, sumB, varB float64
			if bounds {
				exSum, sumB = exactSum(x), sumBound(x)
				if n > Ddof {
					exVar = exactVar(x, Ddof)
					varB = varBound(x, Ddof, exVar)
				}
			}
			for i, e := range engines {
				for j, f := range fns {
					row := &rows[i][j]
					row.Cases++
					got := f(e, x)
					if math.Float64bits(got) != math.Float64bits(want[j]) {
						row.BitwiseFail++
						if row.Detail == "" {
							row.Detail = fmt.Sprintf("%s: %v (%#x), reference %v (%#x)", name, got, math.Float64bits(got), want[j], math.Float64bits(want[j]))
						}
					}
					if !bounds {
						continue
					}
					var exact, bound float64
					switch row.Kernel {
					case "sum", "nansum":
						exact, bound = exSum, sumB
					case "var", "nanvar":
						if n <= Ddof {
							continue
						}
						exact, bound = exVar, varB
					default:
						continue
					}
					row.BoundCases++
					if e := math.Abs(got - exact); !(e <= bound) {
						row.BoundFail++
						if row.Detail == "" {
							row.Detail = fmt.Sprintf("%s: |%v - exact %v| = %.3g > bound %.3g", name, got, exact, e, bound)
						}
					}
				}
			}
		}
	}
	return flatten(rows), nil
}

func flatten(rows [][]VerifyRow) []VerifyRow {
	var out []VerifyRow
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

const (
	u       = 0x1p-53   // unit roundoff of float64
	minSub  = 0x1p-1074 // smallest subnormal float64
	sumPrec = 2200      // bits that hold any sum of float64s exactly
	varPrec = 256       // bits of the variance reference: far below any bound
)

// depth is the number of additions on the longest path of an element in
// the canonical order: at most min(n, 4096)/32 lane additions, 5 fold
// additions, 31 tail additions and ceil(log2 K) tree additions for K
// blocks.
func depth(n int) int {
	k := (n + 4095) / 4096
	d := 0
	for 1<<d < k {
		d++
	}
	return min(n, 4096)/32 + 5 + 31 + d
}

// sumBound is the worst-case error of a summation whose longest path has
// L additions: L·u/(1−L·u)·Σ|x| (Higham, Accuracy and Stability of
// Numerical Algorithms, 2nd ed., eq. 4.4). Sums of subnormals are exact.
func sumBound[T Float](x []T) float64 {
	l := float64(depth(len(x)))
	var abs float64
	for _, v := range x {
		abs += math.Abs(float64(v))
	}
	// The float64 sum of |x| is itself rounded; 1+1e-12 covers it.
	return l * u / (1 - l*u) * abs * (1 + 1e-12)
}

// varBound is a first-order bound of the corrected two-pass variance with
// mergeable (n, hi, lo, M2) states (Chan, Golub and LeVeque 1983, with the
// depth L of the canonical order in place of n, and 3 roundings per merge
// level): |Var − exact| ≤ 4·L'·u·(M2 + n·(L'·u·mean|x|)²)/(n−ddof), plus
// the absolute error of gradual underflow, 8·(n+L')·2^−1074/(n−ddof).
// The second term is the residual of the block means' rounding, which the
// correction removes only to first order.
func varBound[T Float](x []T, ddof int, exact float64) float64 {
	n := len(x)
	l := float64(depth(n) + 3*depth(n)/8 + 4)
	var abs float64
	for _, v := range x {
		abs += math.Abs(float64(v))
	}
	meanAbs := abs / float64(n)
	m2 := exact * float64(n-ddof)
	r := l * u * meanAbs
	return (4*l*u*(m2+float64(n)*r*r) + 8*(float64(n)+l)*minSub) / float64(n-ddof)
}

// exactSum returns the exact sum of x rounded once to float64.
func exactSum[T Float](x []T) float64 {
	s := new(big.Float).SetPrec(sumPrec)
	var t big.Float
	for _, v := range x {
		s.Add(s, t.SetFloat64(float64(v)))
	}
	f, _ := s.Float64()
	return f
}

// exactVar returns Σ(x−mean)²/(n−ddof) computed with 256-bit precision.
func exactVar[T Float](x []T, ddof int) float64 {
	s := new(big.Float).SetPrec(sumPrec)
	var t big.Float
	for _, v := range x {
		s.Add(s, t.SetFloat64(float64(v)))
	}
	mean := new(big.Float).SetPrec(varPrec).Quo(s, new(big.Float).SetInt64(int64(len(x))))
	ss := new(big.Float).SetPrec(varPrec)
	d := new(big.Float).SetPrec(varPrec)
	for _, v := range x {
		d.Sub(t.SetFloat64(float64(v)), mean)
		ss.Add(ss, d.Mul(d, d))
	}
	ss.Quo(ss, new(big.Float).SetInt64(int64(len(x)-ddof)))
	f, _ := ss.Float64()
	return f
}
