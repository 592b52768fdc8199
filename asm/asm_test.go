package asm_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kbench/kbench/asm"
	"github.com/kbench/kbench/dispatch"
)

// levels returns the routines of every level this machine runs, the
// reference included, so one `go test` checks them all.
func levels(t testing.TB) []asm.Kernels {
	var ks []asm.Kernels
	for _, l := range dispatch.Supported() {
		k, err := dispatch.Kernels(l)
		if err != nil {
			t.Fatal(err)
		}
		ks = append(ks, k)
	}
	return ks
}

// same reports whether a and b are the same bits, counting every NaN as
// the same (NaN payloads are unspecified).
func same(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b)
}

// kind is a family of test data.
type kind struct {
	name string
	gen  func(r *rand.Rand) float64
}

var kinds = []kind{
	{"normal", func(r *rand.Rand) float64 { return r.NormFloat64() }},
	{"offset1e9", func(r *rand.Rand) float64 { return 1e9 + r.NormFloat64() }},
	{"integers", func(r *rand.Rand) float64 { return float64(r.IntN(2001) - 1000) }},
	{"magnitudes", func(r *rand.Rand) float64 {
		return r.NormFloat64() * math.Pow(10, float64(r.IntN(61)-30))
	}},
	{"adversarial", func(r *rand.Rand) float64 { return specials[r.IntN(len(specials))] }},
	{"sparseNaN", func(r *rand.Rand) float64 {
		if r.IntN(16) == 0 {
			return math.NaN()
		}
		return r.NormFloat64()
	}},
}

// specials mixes NaN, infinities, signed zeros, subnormals and extremes
// with ordinary values.
var specials = []float64{
	math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1),
	5e-324, -5e-324, 2.2250738585072014e-308, 1e-310, -1e-310,
	math.MaxFloat64, -math.MaxFloat64, 1e300, -1e300, 1e-300,
	1, -1, 0.1, -0.1, 3, 1e16, -1e16, math.MaxFloat32, 1.4e-45,
}

func fill(r *rand.Rand, k kind, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = k.gen(r)
	}
	return x
}

func to32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

// lengths are every length 0..300 and those around the lane and block
// sizes.
func lengths() []int {
	var ns []int
	for n := 0; n <= 300; n++ {
		ns = append(ns, n)
	}
	ns = append(ns, 511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4064, 4065)
	for n := asm.BlockSize - 40; n <= asm.BlockSize; n++ {
		ns = append(ns, n)
	}
	return ns
}

// check compares every routine of k with the reference on x[off:].
func check[T asm.Float](t *testing.T, k asm.Kernels, x []T) {
	t.Helper()
	got, want := asm.For[T](k), asm.For[T](asm.Reference())
	one := func(name string, got, want float64) {
		t.Helper()
		if !same(got, want) {
			t.Fatalf("%s %s len %d: got %v (%#x), want %v (%#x)", k.Name, name, len(x), got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
	if len(x) <= asm.BlockSize {
		s := want.Sum(x)
		one("Sum", got.Sum(x), s)
		m0 := s / float64(max(len(x), 1))
		gc, gq := got.Dev(x, m0)
		wc, wq := want.Dev(x, m0)
		one("Dev.c", gc, wc)
		one("Dev.q", gq, wq)
		gs, gn := got.NanSum(x)
		ws, wn := want.NanSum(x)
		one("NanSum", gs, ws)
		if gn != wn {
			t.Fatalf("%s NanSum count len %d: got %d, want %d", k.Name, len(x), gn, wn)
		}
		m0 = ws / float64(max(wn, 1))
		gc, gq = got.NanDev(x, m0)
		wc, wq = want.NanDev(x, m0)
		one("NanDev.c", gc, wc)
		one("NanDev.q", gq, wq)
		// The fused routine, with x as either block and the other one a
		// part of x of another length.
		checkSumDev(t, k, x, x[len(x)/3:], s/float64(max(len(x), 1)))
		checkSumDev(t, k, x[:len(x)/2], x, s/float64(max(len(x), 1)))
	}
	one("Min", got.Min(x), want.Min(x))
	one("Max", got.Max(x), want.Max(x))
	one("NanMin", got.NanMin(x), want.NanMin(x))
	one("NanMax", got.NanMax(x), want.NanMax(x))
}

// TestLevelsMatchReference checks every level bit for bit against the
// reference for every length up to 300, lengths around the lane and block
// sizes, at every start offset within a 64-byte line, on every data kind.
func TestLevelsMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range levels(t) {
		for _, kd := range kinds {
			t.Run(fmt.Sprintf("%s/%s", k.Name, kd.name), func(t *testing.T) {
				base := fill(r, kd, asm.BlockSize+64)
				base32 := to32(base)
				for _, n := range lengths() {
					for off := 0; off < 8; off++ {
						if n+off > len(base) {
							break
						}
						check(t, k, base[off:off+n])
					}
					for off := 0; off < 16; off++ {
						if n+off > len(base32) {
							break
						}
						check(t, k, base32[off:off+n])
					}
				}
			})
		}
	}
}

// TestSignedZeros checks Min and Max order -0 below +0 in every position.
func TestSignedZeros(t *testing.T) {
	negz := math.Copysign(0, -1)
	for _, k := range levels(t) {
		for n := 1; n <= 70; n++ {
			for pos := 0; pos < n; pos++ {
				x := make([]float64, n)
				x[pos] = negz
				check(t, k, x)
				for i := range x {
					x[i] = negz
				}
				x[pos] = 0
				check(t, k, x)
			}
		}
	}
}

// TestNaNPositions puts a single NaN at every position, so a vector lane
// that forgets NaN in any slot is caught.
func TestNaNPositions(t *testing.T) {
	for _, k := range levels(t) {
		for _, n := range []int{1, 7, 31, 32, 33, 64, 100, 257} {
			for pos := 0; pos < n; pos++ {
				x := make([]float64, n)
				for i := range x {
					x[i] = float64(i%7) - 3
				}
				x[pos] = math.NaN()
				check(t, k, x)
				check(t, k, to32(x))
			}
		}
	}
}
