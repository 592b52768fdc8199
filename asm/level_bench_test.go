package asm_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"unsafe"

	"github.com/kbench/kbench/asm"
	"github.com/kbench/kbench/dispatch"
)

// sink keeps the benchmarked results alive.
var sink float64

// BenchmarkLevelBlocks times every routine of every level, and of the
// reference for comparison, on one block
// that stays in L1, so it measures the arithmetic, not memory. Run it on the
// hardware itself; emulators (qemu) say nothing about SIMD speed.
func BenchmarkLevelBlocks(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	x := fill(r, kinds[0], asm.BlockSize)
	ref := asm.Reference()
	ref.Name = "reference"
	for _, k := range append([]asm.Kernels{ref}, levels(b)...) {
		b.Run(k.Name+"/f64", func(b *testing.B) { benchBlock(b, asm.For[float64](k), x) })
		b.Run(k.Name+"/f32", func(b *testing.B) { benchBlock(b, asm.For[float32](k), to32(x)) })
	}
}

func benchBlock[T asm.Float](b *testing.B, f asm.Funcs[T], x []T) {
	bytes := int64(len(x)) * int64(unsafe.Sizeof(x[0]))
	run := func(name string, fn func() float64) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(bytes)
			for b.Loop() {
				sink += fn()
			}
		})
	}
	run("Sum", func() float64 { return f.Sum(x) })
	run("Dev", func() float64 { c, q := f.Dev(x, 0.5); return c + q })
	run("SumDev", func() float64 { s, c, q := f.SumDev(x, x, 0.5); return s + c + q })
	run("NanSum", func() float64 { s, _ := f.NanSum(x); return s })
	run("NanDev", func() float64 { c, q := f.NanDev(x, 0.5); return c + q })
	run("Min", func() float64 { return f.Min(x) })
	run("Max", func() float64 { return f.Max(x) })
	run("NanMin", func() float64 { return f.NanMin(x) })
	run("NanMax", func() float64 { return f.NanMax(x) })
}

// BenchmarkGroupPass times the one-lane group-by passes over random codes,
// from tables that fit L1 to tables far larger than the caches (the slot
// prefetch of gen.groupRows). MB/s is million rows per second.
func BenchmarkGroupPass(b *testing.B) {
	const n = 1 << 22
	r := rand.New(rand.NewPCG(5, 5))
	x := fill(r, kinds[0], n)
	for _, G := range []int{1 << 10, 1 << 14, 1 << 17, 1 << 20} {
		k := randomCodes(r, n, G)
		t := make([]float64, 2*G)
		for _, kk := range levels(b) {
			f := asm.For[float64](kk)
			b.Run(fmt.Sprintf("%s/sums/groups=%d", kk.Name, G), func(b *testing.B) {
				b.SetBytes(n)
				for b.Loop() {
					f.GroupSums(1, k, x, nil, t)
				}
			})
			b.Run(fmt.Sprintf("%s/sum/groups=%d", kk.Name, G), func(b *testing.B) {
				b.SetBytes(n)
				for b.Loop() {
					f.GroupSum(1, k, x, t[:G])
				}
			})
		}
	}
}

// BenchmarkGroupMoments3Pass times the three-column one-pass moments at
// four lanes, the pass of a low-cardinality sum/mean/std group-by, over
// one canonical chunk (2^17 rows) of random codes, its shifts cleared each
// time as a new chunk's are; and at one lane over the 2^15 rows of 8192
// groups, one partition of a chunk at 10^6 groups (about 4 rows a group).
// MB/s is million rows per second.
func BenchmarkGroupMoments3Pass(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 7))
	for _, c := range []struct{ groups, lanes, rows int }{{16, 4, 1 << 17}, {256, 4, 1 << 17}, {1024, 4, 1 << 17}, {8192, 1, 1 << 15}} {
		G, n := c.groups, c.rows
		var cols [3][]float64
		for j := range cols {
			cols[j] = make([]float64, n)
			for i := range cols[j] {
				cols[j][i] = r.NormFloat64()*10 + 1000 // as kernels' BenchmarkGroupBy
			}
		}
		k := randomCodes(r, n, G)
		K, t := make([]float64, 4*G), make([]float64, 12*c.lanes*G)
		for _, kk := range levels(b) {
			f := asm.For[float64](kk)
			b.Run(fmt.Sprintf("%s/groups=%d/lanes=%d", kk.Name, G, c.lanes), func(b *testing.B) {
				b.SetBytes(int64(n))
				for b.Loop() {
					clear(K)
					f.GroupMoments3(c.lanes, k, cols[0], cols[1], cols[2], K, t)
				}
			})
		}
	}
}

// BenchmarkGroupPassThreads times the sum pass of a one-column group-by
// over 10^7 rows split evenly among 1 or 2 threads, each into its own
// table, cleared first as a chunk's is: at 1000 groups with four lanes
// (the layout of a group-by of 1000 groups) and at 10^6 groups with one.
// It is the in-place pass of kernels' BenchmarkGroupBy without chunks,
// merges or results, the floor of that call in place. MB/s is million
// rows per second.
func BenchmarkGroupPassThreads(b *testing.B) {
	const n = 10_000_000
	r := rand.New(rand.NewPCG(5, 8))
	x := fill(r, kinds[0], n)
	level, err := dispatch.Default()
	if err != nil {
		b.Fatal(err)
	}
	kk, err := dispatch.Kernels(level)
	if err != nil {
		b.Fatal(err)
	}
	f := asm.For[float64](kk)
	for _, c := range []struct{ groups, lanes int }{{1000, 4}, {1_000_000, 1}} {
		k := randomCodes(r, n, c.groups)
		size := c.lanes
		for size < c.lanes*c.groups {
			size *= 2
		}
		for _, threads := range []int{1, 2} {
			t := make([][]float64, threads)
			for i := range t {
				t[i] = make([]float64, size)
			}
			b.Run(fmt.Sprintf("%s/groups=%d/threads=%d", kk.Name, c.groups, threads), func(b *testing.B) {
				b.SetBytes(n)
				for b.Loop() {
					var wg sync.WaitGroup
					for i := range threads {
						wg.Add(1)
						go func() {
							defer wg.Done()
							lo, hi := i*n/threads, (i+1)*n/threads
							clear(t[i])
							f.GroupSum(c.lanes, k[lo:hi], x[lo:hi], t[i])
						}()
					}
					wg.Wait()
				}
			})
		}
	}
}

// randomCodes returns n codes drawn uniformly from [0, groups).
func randomCodes(r *rand.Rand, n, groups int) []int32 {
	k := make([]int32, n)
	for i := range k {
		k[i] = int32(r.IntN(groups))
	}
	return k
}
