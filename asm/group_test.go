package asm_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kbench/kbench/asm"
)

// TestGroupPassesMatchSpec compares every level's group-by passes with
// their specifications (GroupSum, GroupSums, GroupNanSums, ...) bit for bit: both lane counts, one and many
// groups (runs of one group chain through the same pair), codes outside
// the table (masked), every data kind, float64 and float32, counts and
// two columns, shifts set before or by the pass, lengths 0..200 and a
// chunk.
func TestGroupPassesMatchSpec(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, k := range levels(t) {
		for _, lanes := range []int{1, 4} {
			for _, groups := range []int{1, 2, 64, 1024} {
				for _, kd := range kinds {
					for _, n := range append(lengths()[:201], 1<<14+3) {
						codes := make([]int32, n)
						for i := range codes {
							codes[i] = int32(r.IntN(groups))
							if r.IntN(50) == 0 {
								codes[i] = int32(r.Uint32()) // masked, not trusted
							}
						}
						a, b, c := fill(r, kd, n), fill(r, kd, n), fill(r, kd, n)
						m0 := fill(r, kd, 2*groups)
						checkGroup(t, k, lanes, groups, codes, a, b, c, m0)
						checkGroup(t, k, lanes, groups, codes, to32(a), to32(b), to32(c), m0)
					}
				}
			}
		}
	}
}

func checkGroup[T asm.Float](t *testing.T, k asm.Kernels, lanes, groups int, codes []int32, a, b, c []T, m0 []float64) {
	t.Helper()
	f := asm.For[T](k)
	w := 2
	table := func() []float64 {
		s := make([]float64, w*lanes*groups)
		for i := range s {
			s[i] = float64(i%7) - 3 // start from something other than zero
		}
		return s
	}
	for _, bb := range [][]T{nil, b} {
		want, got := table(), table()
		asm.GroupSums(lanes, codes, a, bb, want)
		f.GroupSums(lanes, codes, a, bb, got)
		for i := range want {
			if !same(want[i], got[i]) {
				t.Fatalf("%s GroupSums lanes=%d groups=%d n=%d count=%v: s[%d] = %v, want %v",
					k.Name, lanes, groups, len(codes), bb == nil, i, got[i], want[i])
			}
		}
	}
	want, got := table(), table()
	asm.GroupDevs(lanes, codes, a, m0, want)
	f.GroupDevs(lanes, codes, a, m0, got)
	compare := func(name string) {
		for i := range want {
			if !same(want[i], got[i]) {
				t.Fatalf("%s %s lanes=%d groups=%d n=%d: [%d] = %v, want %v",
					k.Name, name, lanes, groups, len(codes), i, got[i], want[i])
			}
		}
	}
	compare("GroupDevs")
	want, got = table(), table()
	asm.GroupNanDevs(lanes, codes, a, m0, want)
	f.GroupNanDevs(lanes, codes, a, m0, got)
	compare("GroupNanDevs")
	want, got = table(), table()
	asm.GroupNanSums(lanes, codes, a, want)
	f.GroupNanSums(lanes, codes, a, got)
	compare("GroupNanSums")
	if lanes == 1 {
		checkExt(t, k, groups, codes, a, m0)
	}
	w = 1
	want, got = table(), table()
	asm.GroupSum(lanes, codes, a, want)
	f.GroupSum(lanes, codes, a, got)
	compare("GroupSum")
	w = 8
	want, got = table(), table()
	asm.GroupNanSums3(lanes, codes, a, b, c, want)
	f.GroupNanSums3(lanes, codes, a, b, c, got)
	compare("GroupNanSums3")
	m4 := make([]float64, 4*groups) // the means of GroupNanDevs3, m0's values
	for i := range m4 {
		m4[i] = m0[i%len(m0)]
	}
	want, got = table(), table()
	asm.GroupNanDevs3(lanes, codes, a, b, c, m4, want)
	f.GroupNanDevs3(lanes, codes, a, b, c, m4, got)
	compare("GroupNanDevs3")
	w = 4
	want, got = table(), table()
	asm.GroupSums3(lanes, codes, a, b, c, want)
	f.GroupSums3(lanes, codes, a, b, c, got)
	compare("GroupSums3")

	// The shifts: some groups set (flag 1, or any bits but +0.0), the
	// others to be set by their first row, which -0.0 is not.
	shifts := func(per int) []float64 {
		K := make([]float64, per*groups)
		for g := range groups {
			switch g % 3 {
			case 1:
				for j := range per {
					K[per*g+j] = m0[(2*g+j)%len(m0)]
				}
			case 2:
				K[per*g+per-1] = math.Copysign(0, -1)
			}
		}
		return K
	}
	for _, w = range []int{4, 12} {
		per := 2
		if w == 12 {
			per = 4
		}
		want, got = table(), table()
		wantK, gotK := shifts(per), shifts(per)
		name := "GroupMoments"
		if w == 4 {
			asm.GroupMoments(lanes, codes, a, wantK, want)
			f.GroupMoments(lanes, codes, a, gotK, got)
		} else {
			name = "GroupMoments3"
			asm.GroupMoments3(lanes, codes, a, b, c, wantK, want)
			f.GroupMoments3(lanes, codes, a, b, c, gotK, got)
		}
		compare(name)
		for i := range wantK {
			if !same(wantK[i], gotK[i]) {
				t.Fatalf("%s %s lanes=%d groups=%d n=%d: K[%d] = %v, want %v",
					k.Name, name, lanes, groups, len(codes), i, gotK[i], wantK[i])
			}
		}
	}
}

// checkExt compares GroupExt with its specification for every choice of
// tables (min, max, the counts), NaN-skipping or not, from tables that
// start at the infinities, at NaN, at signed zeros and at values of the
// data.
func checkExt[T asm.Float](t *testing.T, k asm.Kernels, groups int, codes []int32, x []T, start []float64) {
	t.Helper()
	f := asm.For[T](k)
	table := func(on bool) []float64 {
		if !on {
			return nil
		}
		s := make([]float64, groups)
		for g := range s {
			switch g % 5 {
			case 0:
				s[g] = math.Inf(1)
			case 1:
				s[g] = math.Inf(-1)
			case 2:
				s[g] = math.NaN()
			case 3:
				s[g] = math.Copysign(0, float64(g%2)-0.5)
			default:
				s[g] = start[g%len(start)]
			}
		}
		return s
	}
	counts := func(on bool) []int64 {
		if !on {
			return nil
		}
		n := make([]int64, groups)
		for g := range n {
			n[g] = int64(g % 3)
		}
		return n
	}
	for _, skipNaN := range []bool{false, true} {
		for which := range 8 { // bits: min, max, counts
			on := [3]bool{which&1 != 0, which&2 != 0, which&4 != 0}
			wantLo, wantHi, wantN := table(on[0]), table(on[1]), counts(on[2])
			gotLo, gotHi, gotN := table(on[0]), table(on[1]), counts(on[2])
			asm.GroupExt(codes, x, wantLo, wantHi, wantN, skipNaN)
			f.GroupExt(codes, x, gotLo, gotHi, gotN, skipNaN)
			for _, p := range [][2][]float64{{wantLo, gotLo}, {wantHi, gotHi}} {
				for g := range p[0] {
					if math.Float64bits(p[0][g]) != math.Float64bits(p[1][g]) {
						t.Fatalf("%s GroupExt groups=%d n=%d skipNaN=%v tables=%v: [%d] = %x, want %x",
							k.Name, groups, len(codes), skipNaN, on, g, math.Float64bits(p[1][g]), math.Float64bits(p[0][g]))
					}
				}
			}
			for g := range wantN {
				if wantN[g] != gotN[g] {
					t.Fatalf("%s GroupExt groups=%d n=%d skipNaN=%v tables=%v: n[%d] = %d, want %d",
						k.Name, groups, len(codes), skipNaN, on, g, gotN[g], wantN[g])
				}
			}
		}
	}
}

func TestGroupTableChecked(t *testing.T) {
	for _, k := range levels(t) {
		for _, n := range []int{0, 3, 24} { // not 2*lanes times a power of two
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s: GroupSums on a table of %d: no panic", k.Name, n)
					}
				}()
				k.GroupSumsF64(4, []int32{0}, []float64{1}, nil, make([]float64, n))
			}()
		}
	}
}
