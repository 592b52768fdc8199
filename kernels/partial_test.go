package kernels

import (
	"bytes"
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestStreamChunkAlignedIsBitwise(t *testing.T) {
	// 300 groups: chunks of 2^17 rows; 5000 groups: variance chunks of
	// four chunks, 2^19 rows.
	for _, tc := range []gbCase{
		makeCase("stream", 7*(1<<16)+123, 300, 11, false, 40),
		makeCase("stream-vchunks", 5*(1<<19)+123, 5000, 12, false, 40),
	} {
		cols := func(lo, hi int) []Column {
			return []Column{Float64s("v", tc.v[lo:hi], allAggs)}
		}
		whole, _ := NewGroupBy(tc.codes, tc.G, cols(0, tc.n)...)
		want, _ := whole.Run(Config{Workers: 1})
		for _, cuts := range [][]int{{1}, {2, 3}, {1, 1, 1, 1, 1, 1}, {3, 1}, {4}, {6}} {
			s, err := NewStream(Config{Workers: 2}, tc.G, cols(0, 0)...)
			if err != nil {
				t.Fatal(err)
			}
			R := s.ChunkRows()
			lo := 0
			for _, c := range append(cuts, 1<<30) {
				hi := min(lo+c*R, tc.n)
				g, err := NewGroupBy(tc.codes[lo:hi], tc.G, cols(lo, hi)...)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Add(g); err != nil {
					t.Fatal(err)
				}
				if lo = hi; lo == tc.n {
					break
				}
			}
			if d := diffResults(want, s.Partial().Result()); d != "" {
				t.Errorf("%s, batches of %v chunks of %d rows: %s", tc.name, cuts, R, d)
			}
		}
	}
}

func TestStreamUnalignedWithinBound(t *testing.T) {
	// Batches cut anywhere change only the rounding of the sums: each is
	// still a sum of the same values in some order, so |got - exact| <=
	// (n-1) u sum|x| (u = 2^-53), the bound of any order of summation.
	tc := makeCase("unaligned", 100_000, 50, 12, false, 0)
	s, _ := NewStream(Config{}, tc.G, Float64s("v", nil, AggSum|AggVar))
	for lo := 0; lo < tc.n; lo += 7777 {
		hi := min(lo+7777, tc.n)
		g, _ := NewGroupBy(tc.codes[lo:hi], tc.G, Float64s("v", tc.v[lo:hi], AggSum|AggVar))
		if err := s.Add(g); err != nil {
			t.Fatal(err)
		}
	}
	r := s.Partial().Result()
	exact := make([]*big.Float, tc.G)
	abs := make([]float64, tc.G)
	for g := range exact {
		exact[g] = new(big.Float).SetPrec(4096)
	}
	for i, k := range tc.codes {
		exact[k].Add(exact[k], big.NewFloat(tc.v[i]))
		abs[k] += math.Abs(tc.v[i])
	}
	for g := range tc.G {
		e, _ := exact[g].Float64()
		bound := float64(r.Size[g]-1) * 0x1p-53 * abs[g] * (1 + 1e-10)
		if d := math.Abs(r.Columns[0].Sum[g] - e); d > bound {
			t.Errorf("group %d: sum %v, exact %v, error %g > bound %g", g, r.Columns[0].Sum[g], e, d, bound)
		}
	}
}

func TestPartialEncodeMergeRoundTrip(t *testing.T) {
	_, R := groupLayout(100)
	tc := makeCase("enc", 5*R+9, 100, 13, false, 25)
	f32 := make([]float32, tc.n)
	for i := range f32 {
		f32[i] = float32(tc.v[i])
	}
	cols := func(lo, hi int) []Column {
		return []Column{Float64s("a", tc.v[lo:hi], allAggs), Float32s("b", f32[lo:hi], AggMean|AggNanStd)}
	}
	whole, _ := NewGroupBy(tc.codes, tc.G, cols(0, tc.n)...)
	want, _ := whole.Run(Config{})
	// Split where the canonical tree splits its root (4 of 6 chunks): the
	// two halves computed apart, shipped as bytes and merged give the bits
	// of one call.
	cut := 4 * R
	left, _ := NewGroupBy(tc.codes[:cut], tc.G, cols(0, cut)...)
	right, _ := NewGroupBy(tc.codes[cut:], tc.G, cols(cut, tc.n)...)
	pl, _ := left.Partial(Config{Workers: 3})
	pr, _ := right.Partial(Config{Workers: 1})
	bl, _ := pl.MarshalBinary()
	br, _ := pr.MarshalBinary()
	var ql, qr Partial
	if err := ql.UnmarshalBinary(bl); err != nil {
		t.Fatal(err)
	}
	if err := qr.UnmarshalBinary(br); err != nil {
		t.Fatal(err)
	}
	if again, _ := ql.MarshalBinary(); !bytes.Equal(again, bl) {
		t.Fatal("decode then encode changes the bytes")
	}
	if err := ql.Merge(&qr); err != nil {
		t.Fatal(err)
	}
	if d := diffResults(want, ql.Result()); d != "" {
		t.Fatalf("merged partials differ from one call: %s", d)
	}

	// Every truncation and every flipped byte is an error.
	for n := range len(bl) {
		if err := new(Partial).UnmarshalBinary(bl[:n]); err == nil {
			t.Fatalf("truncated to %d of %d bytes: no error", n, len(bl))
		}
	}
	for _, i := range []int{0, 4, 7, 20, len(bl) / 2, len(bl) - 1} {
		bad := bytes.Clone(bl)
		bad[i] ^= 0x10
		if err := new(Partial).UnmarshalBinary(bad); err == nil {
			t.Fatalf("byte %d flipped: no error", i)
		}
	}
	// A state of version 1 (variance states of chunks, not of variance
	// chunks) is refused.
	v1 := bytes.Clone(bl)
	v1[4], v1[5] = 1, 0
	if err := new(Partial).UnmarshalBinary(v1); err == nil || !strings.Contains(err.Error(), "version 1") {
		t.Fatalf("version 1: err = %v", err)
	}
	// Partials of other columns do not merge.
	other, _ := NewGroupBy(tc.codes, tc.G, Float64s("a", tc.v, AggSum))
	po, _ := other.Partial(Config{})
	if err := ql.Merge(po); err == nil || !strings.Contains(err.Error(), "differ") {
		t.Fatalf("merge of different columns: err = %v", err)
	}
}

func TestStreamPartialThenMoreRows(t *testing.T) {
	// Partial clones the states of a stream midway; the clones it merges
	// are reused as chunk states by later calls, which must still work
	// and give the bits of one call.
	tc := makeCase("midway", 5*(1<<17)+77, 300, 16, false, 40)
	cols := func(lo, hi int) []Column { return []Column{Float64s("v", tc.v[lo:hi], allAggs)} }
	whole, _ := NewGroupBy(tc.codes, tc.G, cols(0, tc.n)...)
	want, _ := whole.Run(Config{Workers: 1})
	_, R := groupLayout(tc.G)
	for round := range 3 {
		s, _ := NewStream(Config{Workers: 2}, tc.G, cols(0, 0)...)
		for lo := 0; lo < tc.n; lo += 3 * R {
			hi := min(lo+3*R, tc.n)
			g, _ := NewGroupBy(tc.codes[lo:hi], tc.G, cols(lo, hi)...)
			if err := s.Add(g); err != nil {
				t.Fatal(err)
			}
			s.Partial()
		}
		if d := diffResults(want, s.Partial().Result()); d != "" {
			t.Fatalf("round %d: %s", round, d)
		}
	}
}
