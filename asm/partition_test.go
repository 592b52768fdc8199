package asm_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kbench/kbench/asm"
)

// TestScatterMatchesSpec compares every level's partition scatters with
// the specification: 1 to 1300 partitions (segments starting anywhere in a
// cache line), skewed and sorted codes, lengths 0..100 and larger, a dst
// that is not 64-byte aligned (the fallback).
func TestScatterMatchesSpec(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, k := range levels(t) {
		for _, nparts := range []int{1, 2, 3, 100, 1300} {
			for _, n := range []int{0, 1, 2, 15, 16, 17, 63, 100, 1000, 100_000} {
				for _, shape := range []string{"uniform", "skewed", "sorted"} {
					codes := make([]int32, n)
					for i := range codes {
						p := r.IntN(nparts)
						if shape == "skewed" && r.IntN(4) != 0 {
							p = 0
						}
						codes[i] = int32(p<<asm.PartitionShift | r.IntN(1<<asm.PartitionShift))
					}
					if shape == "sorted" {
						slices.Sort(codes)
					}
					for _, misalign := range []int{0, 1} {
						checkScatter(t, k, codes, nparts, misalign, r)
					}
				}
			}
		}
	}
}

func checkScatter(t *testing.T, k asm.Kernels, codes []int32, nparts, misalign int, r *rand.Rand) {
	t.Helper()
	n := len(codes)
	start := make([]int, nparts)
	for _, c := range codes {
		if p := int(c >> asm.PartitionShift); p+1 < nparts {
			start[p+1]++
		}
	}
	for p := 1; p < nparts; p++ {
		start[p] += start[p-1]
	}
	src32, src64 := make([]uint32, n), make([]uint64, n)
	for i := range src32 {
		src32[i], src64[i] = r.Uint32(), r.Uint64()
	}
	// dst from a large allocation (64-byte aligned), shifted by misalign.
	want32 := make([]uint32, n)
	want64 := make([]uint64, n)
	got32 := make([]uint32, n+16)[misalign : n+misalign]
	got64 := make([]uint64, n+8)[misalign : n+misalign]
	pos := make([]int, nparts)
	asm.Scatter32(codes, src32, start, pos, want32, make([]uint32, 16*nparts))
	asm.Scatter64(codes, src64, start, pos, want64, make([]uint64, 8*nparts))
	k.Scatter32(codes, src32, start, pos, got32, make([]uint32, 16*nparts))
	k.Scatter64(codes, src64, start, pos, got64, make([]uint64, 8*nparts))
	if !slices.Equal(got32, want32) || !slices.Equal(got64, want64) {
		t.Fatalf("%s: %d rows, %d partitions, misaligned by %d: the scatter differs from the spec", k.Name, n, nparts, misalign)
	}
	checkScatterRows(t, k, codes, start, misalign, r)
	if nparts > 256 {
		return
	}
	// The same partitions as bytes.
	part := make([]uint8, n)
	for i, c := range codes {
		part[i] = uint8(c >> asm.PartitionShift)
	}
	clear(got64)
	k.ScatterParts64(part, src64, start, pos, got64, make([]uint64, 8*nparts))
	if !slices.Equal(got64, want64) {
		t.Fatalf("%s: %d rows, %d partitions, misaligned by %d: ScatterParts64 differs from Scatter64", k.Name, n, nparts, misalign)
	}
	asm.ScatterParts64(part, src64, start, pos, got64, nil)
	if !slices.Equal(got64, want64) {
		t.Fatalf("%d rows, %d partitions: the ScatterParts64 spec differs from Scatter64", n, nparts)
	}
}

// checkScatterRows compares k.ScatterRows with its specification for 0 to
// 4 columns (4 is beyond the amd64 routines), and the specification with
// Scatter32 of the relative codes and Scatter64 of each column. Gaps of
// up to 20 elements lie between the segments: a routine must leave them
// alone (workers scatter pieces of a chunk side by side).
func checkScatterRows(t *testing.T, k asm.Kernels, codes []int32, start []int, misalign int, r *rand.Rand) {
	t.Helper()
	nparts := len(start)
	start = slices.Clone(start)
	gap := 0
	for p := range start {
		gap += r.IntN(21)
		start[p] += gap
	}
	n := len(codes) + gap + r.IntN(21)
	rel := make([]uint32, len(codes))
	for i, c := range codes {
		rel[i] = uint32(c) & (1<<asm.PartitionShift - 1)
	}
	pos := make([]int, nparts)
	for ncols := range 5 {
		const unset = 0xdeadbeef
		src := make([][]uint64, ncols)
		want, got := make([][]uint64, ncols), make([][]uint64, ncols)
		for j := range src {
			src[j] = make([]uint64, len(codes))
			for i := range src[j] {
				src[j][i] = r.Uint64()
			}
			want[j] = make([]uint64, n)
			got[j] = make([]uint64, n+8)[misalign : n+misalign]
			setAll(want[j], unset)
			setAll(got[j], unset)
		}
		wantK := make([]uint32, n)
		gotK := make([]uint32, n+16)[misalign : n+misalign]
		setAll(wantK, unset)
		setAll(gotK, unset)
		buf := make([]uint64, 8*(1+ncols)*nparts)
		asm.ScatterRows(codes, src, start, pos, wantK, want, buf)
		k.ScatterRows(codes, src, start, pos, gotK, got, buf)
		if !slices.Equal(gotK, wantK) {
			t.Fatalf("%s: %d rows, %d partitions, %d columns, misaligned by %d: ScatterRows' codes differ from the spec", k.Name, n, nparts, ncols, misalign)
		}
		for j := range got {
			if !slices.Equal(got[j], want[j]) {
				t.Fatalf("%s: %d rows, %d partitions, %d columns, misaligned by %d: ScatterRows' column %d differs from the spec", k.Name, n, nparts, ncols, misalign, j)
			}
		}
		// The specification is the scatters it fuses.
		one32 := make([]uint32, n)
		setAll(one32, unset)
		asm.Scatter32(codes, rel, start, pos, one32, nil)
		if !slices.Equal(wantK, one32) {
			t.Fatalf("%d rows, %d partitions: the ScatterRows spec's codes differ from Scatter32 of the relative codes", n, nparts)
		}
		one64 := make([]uint64, n)
		setAll(one64, unset)
		for j := range src {
			asm.Scatter64(codes, src[j], start, pos, one64, nil)
			if !slices.Equal(want[j], one64) {
				t.Fatalf("%d rows, %d partitions: the ScatterRows spec's column %d differs from Scatter64", n, nparts, j)
			}
		}
	}
}

func TestScatterOutOfRangePanics(t *testing.T) {
	for _, k := range levels(t) {
		for _, code := range []int32{2 << asm.PartitionShift, -1} {
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s: code %d with 2 partitions: no panic", k.Name, code)
					}
				}()
				codes := make([]int32, 100)
				codes[50] = code
				dst := make([]uint64, 4096)
				k.Scatter64(codes, make([]uint64, 100), []int{0, 100}, make([]int, 2), dst[:100], make([]uint64, 16))
			}()
		}
		for _, code := range []int32{2 << asm.PartitionShift, -1} {
			for ncols := range 5 {
				func() {
					defer func() {
						if recover() == nil {
							t.Errorf("%s: ScatterRows, %d columns, code %d with 2 partitions: no panic", k.Name, ncols, code)
						}
					}()
					codes := make([]int32, 100)
					codes[50] = code
					src, dst := make([][]uint64, ncols), make([][]uint64, ncols)
					for j := range src {
						src[j], dst[j] = make([]uint64, 100), make([]uint64, 4096)[:100]
					}
					dk := make([]uint32, 4096)
					k.ScatterRows(codes, src, []int{0, 100}, make([]int, 2), dk[:100], dst, make([]uint64, 16*(1+ncols)))
				}()
			}
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: ScatterParts64, partition 2 of 2: no panic", k.Name)
				}
			}()
			part := make([]uint8, 100)
			part[50] = 2
			dst := make([]uint64, 4096)
			k.ScatterParts64(part, make([]uint64, 100), []int{0, 100}, make([]int, 2), dst[:100], make([]uint64, 16))
		}()
	}
}

func setAll[E uint32 | uint64](x []E, v E) {
	for i := range x {
		x[i] = v
	}
}
