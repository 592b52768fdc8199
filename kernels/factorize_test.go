package kernels

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFactorizeInt64(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, tc := range []struct{ n, distinct int }{{0, 1}, {1, 1}, {100, 3}, {10000, 10000}, {200000, 5000}, {100000, 1 << 40}} {
		keys := make([]int64, tc.n)
		for i := range keys {
			keys[i] = r.Int64N(int64(tc.distinct)) - int64(tc.distinct)/2
			if i%7 == 0 {
				keys[i] <<= 20 // keys far apart and sharing low bits
			}
		}
		codes, uniq, err := FactorizeInt64(keys)
		if err != nil {
			t.Fatal(err)
		}
		checkFactorized(t, keys, codes, uniq)
		SortUniques(codes, uniq)
		if !slices.IsSorted(uniq) {
			t.Fatal("SortUniques: not sorted")
		}
		for i := range keys {
			if uniq[codes[i]] != keys[i] {
				t.Fatalf("after SortUniques: uniques[codes[%d]] = %d, want %d", i, uniq[codes[i]], keys[i])
			}
		}
	}
}

func TestFactorizeStrings(t *testing.T) {
	keys := []string{"b", "a", "", "b", "ab", "a", "", "ba"}
	for i := range 5000 {
		keys = append(keys, fmt.Sprint(i%1234, "x"))
	}
	codes, uniq, err := FactorizeStrings(keys)
	if err != nil {
		t.Fatal(err)
	}
	checkFactorized(t, keys, codes, uniq)
	if !slices.Equal(uniq[:5], []string{"b", "a", "", "ab", "ba"}) || len(uniq) != 5+1234 {
		t.Fatalf("uniques %q... (%d)", uniq[:5], len(uniq))
	}
}

// checkFactorized checks the contract against a Go map.
func checkFactorized[K comparable](t *testing.T, keys []K, codes []int32, uniq []K) {
	t.Helper()
	seen := map[K]int32{}
	var order []K
	for _, k := range keys {
		if _, ok := seen[k]; !ok {
			seen[k] = int32(len(order))
			order = append(order, k)
		}
	}
	if !slices.Equal(uniq, order) {
		t.Fatalf("uniques: %d keys, want %d in first-seen order", len(uniq), len(order))
	}
	for i, k := range keys {
		if codes[i] != seen[k] {
			t.Fatalf("codes[%d] = %d, want %d", i, codes[i], seen[k])
		}
	}
}

// BenchmarkFactorize: 10 million int64 keys with 1 million distinct values
// (MB/s is million keys per second).
func BenchmarkFactorize(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 2))
	keys := make([]int64, 10_000_000)
	for i := range keys {
		keys[i] = r.Int64N(1_000_000) * 7919
	}
	b.Run("int64/keys=1e7/distinct=1e6", func(b *testing.B) {
		b.SetBytes(int64(len(keys)))
		for b.Loop() {
			FactorizeInt64(keys)
		}
	})
	b.Run("int64/map", func(b *testing.B) {
		b.SetBytes(int64(len(keys)))
		for b.Loop() {
			m := map[int64]int32{}
			codes := make([]int32, len(keys))
			for i, k := range keys {
				c, ok := m[k]
				if !ok {
					c = int32(len(m))
					m[k] = c
				}
				codes[i] = c
			}
		}
	})
	s := make([]string, 1_000_000)
	for i := range s {
		s[i] = fmt.Sprintf("key-%d", keys[i])
	}
	b.Run("string/keys=1e6", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for b.Loop() {
			FactorizeStrings(s)
		}
	})
}
