package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
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

// factorizeInputs are key sets for FactorizeInt64, named.
func factorizeInputs() map[string][]int64 {
	r := rand.New(rand.NewPCG(3, 3))
	in := map[string][]int64{}
	random := func(n, distinct int) []int64 {
		keys := make([]int64, n)
		for i := range keys {
			keys[i] = r.Int64N(int64(distinct))
		}
		return keys
	}
	for _, n := range []int{0, 1, 2, 1000, 300_001} {
		in[fmt.Sprint("few/n=", n)] = random(n, 10)
		in[fmt.Sprint("many/n=", n)] = random(n, max(n/3, 1))
		in[fmt.Sprint("equal/n=", n)] = make([]int64, n)
		distinct := make([]int64, n)
		for i := range distinct {
			distinct[i] = int64(r.Uint64())
		}
		in[fmt.Sprint("distinct/n=", n)] = distinct
	}
	// Around the switch to partitions: every key twice, in random order.
	for _, d := range []int{serialMaxDistinct - 1, serialMaxDistinct, serialMaxDistinct + 1} {
		keys := make([]int64, 2*d)
		for i := range keys {
			keys[i] = int64(i/2) * 0x5851F42D
		}
		r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		in[fmt.Sprint("switch/distinct=", d)] = keys
	}
	// Long inputs whose first serialProbe keys are all distinct, which
	// makes the serial path give up early: rightly (keys all distinct),
	// and wrongly (the first serialProbe keys over and over).
	long := 8 * serialMaxDistinct
	distinct, again := make([]int64, long), make([]int64, long)
	for i := range distinct {
		distinct[i] = int64(r.Uint64())
		again[i] = distinct[i%serialProbe]
	}
	in["probe/distinct"], in["probe/again"] = distinct, again
	extremes := []int64{math.MinInt64, math.MaxInt64, 0, -1, 1, math.MinInt64 + 1, math.MaxInt64 - 1}
	ext := make([]int64, 100_000)
	for i := range ext {
		ext[i] = extremes[r.IntN(len(extremes))]
	}
	in["extremes"] = ext
	// Multiples of large powers of two share the low bits the hash
	// multiplies into its top bits.
	for _, s := range []int{20, 32, 48, 56, 62, 63} {
		keys := make([]int64, 200_000)
		for i := range keys {
			keys[i] = r.Int64N(200_000) << s
		}
		in[fmt.Sprint("shift=", s)] = keys
	}
	// Every key in one partition: one table takes all the rows.
	var one []int64
	for len(one) < 300_000 {
		if k := r.Int64(); uint64(k)*fib>>(64-partitionBits) == 7 {
			one = append(one, k, k, -k)
		}
	}
	in["one-partition"] = one
	return in
}

// TestFactorizeInt64Paths checks the serial and the partitioned path alone
// and together, with any number of workers, against a map.
func TestFactorizeInt64Paths(t *testing.T) {
	for name, keys := range factorizeInputs() {
		codes, uniq, err := serialOnly(keys)
		if err != nil {
			t.Fatalf("%s: serial: %v", name, err)
		}
		checkFactorized(t, keys, codes, uniq)
		want := codes
		for _, workers := range []int{1, 2, 3, 8} {
			for _, f := range []func([]int64, int, int) ([]int32, []int64, error){partitionedOnly, factorizeInt64} {
				codes, uniq, err := f(keys, MaxGroups, workers)
				if err != nil {
					t.Fatalf("%s, %d workers: %v", name, workers, err)
				}
				if !slices.Equal(codes, want) {
					checkFactorized(t, keys, codes, uniq)
					t.Fatalf("%s, %d workers: codes differ from the serial path's", name, workers)
				}
				checkFactorized(t, keys, codes, uniq)
			}
		}
	}
}

func serialOnly(keys []int64) ([]int32, []int64, error) {
	codes := make([]int32, len(keys))
	uniq, _, err := factorizeSerial(codes, keys, MaxGroups, math.MaxInt)
	return codes, uniq, err
}

func partitionedOnly(keys []int64, maxGroups, workers int) ([]int32, []int64, error) {
	codes := make([]int32, len(keys))
	uniq, err := factorizePartitioned(codes, keys, maxGroups, workers)
	if err != nil {
		return nil, nil, err
	}
	return codes, uniq, nil
}

func TestFactorizeInt64GOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	keys := factorizeInputs()["distinct/n=300001"]
	var want []int32
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		codes, uniq, err := FactorizeInt64(keys)
		if err != nil {
			t.Fatal(err)
		}
		checkFactorized(t, keys, codes, uniq)
		if want == nil {
			want = codes
		} else if !slices.Equal(codes, want) {
			t.Fatalf("GOMAXPROCS=%d: codes differ from GOMAXPROCS=1", procs)
		}
	}
}

// halves returns 4*tablesMinRows keys whose first half draws from 1000
// keys and second half from 1000 others: with two or three runs, each run
// has fewer distinct keys than the whole.
func halves(r *rand.Rand) []int64 {
	keys := make([]int64, 4*tablesMinRows)
	for i := range keys {
		keys[i] = r.Int64N(1000) + int64(1000*(2*i/len(keys)))
	}
	return keys
}

// TestFactorizeInt64TooMany checks that the error names the first row
// whose key would get code maxGroups, on every path: the serial and the
// partitioned one, and the runs of several tables, where each run may have
// fewer than maxGroups distinct keys and their merge more ("halves": the
// second half of the rows has keys the first half lacks).
func TestFactorizeInt64TooMany(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	random := func(n int) []int64 {
		keys := make([]int64, n)
		for i := range keys {
			keys[i] = r.Int64N(int64(n / 4))
		}
		return keys
	}
	for _, keys := range [][]int64{random(100), random(800_000), halves(r)} {
		n := len(keys)
		_, want, _ := serialOnly(keys)
		d := len(want)
		for _, maxGroups := range []int{0, 1, d / 2, serialMaxDistinct - 1, serialMaxDistinct, d - 1, d} {
			row := -1 // first occurrence of the key with code maxGroups
			if maxGroups < d {
				row = slices.Index(keys, want[maxGroups])
			}
			for _, workers := range []int{1, 2, 3} {
				for _, f := range []func([]int64, int, int) ([]int32, []int64, error){partitionedOnly, factorizeInt64} {
					codes, uniq, err := f(keys, maxGroups, workers)
					if row < 0 {
						if err != nil {
							t.Fatalf("n=%d maxGroups=%d: %v", n, maxGroups, err)
						}
						checkFactorized(t, keys, codes, uniq)
						continue
					}
					msg := fmt.Sprintf("kernels: keys[%d]: more than %d distinct keys", row, maxGroups)
					if err == nil || err.Error() != msg || codes != nil || uniq != nil {
						t.Fatalf("n=%d maxGroups=%d workers=%d: got error %v, want %q", n, maxGroups, workers, err, msg)
					}
				}
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

// stringsExact is FactorizeStrings with the table of strings alone.
func stringsExact(keys []string, maxGroups int) ([]int32, []string, error) {
	codes := make([]int32, len(keys))
	uniq, _, err := factorizeStringsSerial(codes, keys, maxGroups, math.MaxInt)
	if err != nil {
		return nil, nil, err
	}
	return codes, uniq, nil
}

// hashedOnly is FactorizeStrings with the hashed path alone.
func hashedOnly(keys []string, workers int, hash func(string) uint64) ([]int32, []string, bool) {
	codes := make([]int32, len(keys))
	uniq, ok := factorizeHashed(codes, keys, MaxGroups, workers, hash)
	return codes, uniq, ok
}

// stringInputs are key sets for FactorizeStrings: factorizeInputs as
// decimal strings, and strings that differ late, by length, or by bytes
// that are not text.
func stringInputs() map[string][]string {
	in := map[string][]string{}
	for name, keys := range factorizeInputs() {
		s := make([]string, len(keys))
		for i, k := range keys {
			s[i] = strconv.FormatInt(k, 10)
		}
		in[name] = s
	}
	r := rand.New(rand.NewPCG(5, 5))
	prefix := strings.Repeat("p", 100)
	var odd []string
	for range 50_000 {
		n := r.IntN(40)
		odd = append(odd, prefix+strconv.Itoa(n), strings.Repeat("\x00", n), "é"+strconv.Itoa(n%7), "")
	}
	in["odd"] = odd
	return in
}

// TestFactorizeStringsPaths checks the hashed path alone and after the
// table of strings, with any number of workers, against the table of
// strings alone and a map.
func TestFactorizeStringsPaths(t *testing.T) {
	hash := seededHash()
	for name, keys := range stringInputs() {
		want, wantUniq, err := stringsExact(keys, MaxGroups)
		if err != nil {
			t.Fatalf("%s: exact: %v", name, err)
		}
		checkFactorized(t, keys, want, wantUniq)
		for _, workers := range []int{1, 2, 3, 8} {
			codes, uniq, ok := hashedOnly(keys, workers, hash)
			if !ok {
				t.Fatalf("%s, %d workers: a 64-bit hash collided", name, workers)
			}
			if !slices.Equal(codes, want) || !slices.Equal(uniq, wantUniq) {
				t.Fatalf("%s, %d workers: the hashed path differs from the table of strings", name, workers)
			}
			codes, uniq, err = factorizeStrings(keys, MaxGroups, workers, hash)
			if err != nil || !slices.Equal(codes, want) || !slices.Equal(uniq, wantUniq) {
				t.Fatalf("%s, %d workers: differs from the table of strings (error %v)", name, workers, err)
			}
		}
	}
}

// collidingHashes hash distinct keys of keys to equal values: all of the
// same length, or one pair among otherwise distinct hashes.
func collidingHashes(keys []string) map[string]func(string) uint64 {
	seeded := seededHash()
	a, b := keys[10], keys[20]
	return map[string]func(string) uint64{
		"length": func(k string) uint64 { return uint64(len(k)) },
		"one pair": func(k string) uint64 {
			if k == b {
				k = a
			}
			return seeded(k)
		},
	}
}

// TestFactorizeStringsCollisions checks that distinct keys with equal
// hashes fail the hashed path and send the call to the table of strings.
func TestFactorizeStringsCollisions(t *testing.T) {
	keys := stringInputs()["distinct/n=300001"] // past the first table of strings
	if keys[10] == keys[20] {
		t.Fatal("the pair's keys are equal")
	}
	want, wantUniq, _ := stringsExact(keys, MaxGroups)
	for name, hash := range collidingHashes(keys) {
		for _, workers := range []int{1, 3} {
			if _, _, ok := hashedOnly(keys, workers, hash); ok {
				t.Fatalf("%s, %d workers: collision not seen", name, workers)
			}
			codes, uniq, err := factorizeStrings(keys, MaxGroups, workers, hash)
			if err != nil || !slices.Equal(codes, want) || !slices.Equal(uniq, wantUniq) {
				t.Fatalf("%s, %d workers: differs from the table of strings (error %v)", name, workers, err)
			}
		}
	}
}

// TestFactorizeStringsTooMany checks that the error names the first row
// whose key would get code maxGroups, on every path (the runs' tables of
// strings with halves, the hashed path past them) and also when
// collisions hide keys from the count of distinct hashes.
func TestFactorizeStringsTooMany(t *testing.T) {
	var half []string
	for _, k := range halves(rand.New(rand.NewPCG(6, 6))) {
		half = append(half, strconv.FormatInt(k, 10))
	}
	_, hu, _ := stringsExact(half, MaxGroups)
	for _, maxGroups := range []int{0, 1, len(hu) / 2, len(hu) - 1, len(hu)} {
		for _, workers := range []int{1, 2, 3} {
			codes, u, err := factorizeStrings(half, maxGroups, workers, seededHash())
			if maxGroups == len(hu) {
				if err != nil {
					t.Fatalf("halves, maxGroups=%d: %v", maxGroups, err)
				}
				checkFactorized(t, half, codes, u)
				continue
			}
			msg := fmt.Sprintf("kernels: keys[%d]: more than %d distinct keys", slices.Index(half, hu[maxGroups]), maxGroups)
			if err == nil || err.Error() != msg || codes != nil || u != nil {
				t.Fatalf("halves, maxGroups=%d, %d workers: got error %v, want %q", maxGroups, workers, err, msg)
			}
		}
	}

	keys := stringInputs()["distinct/n=300001"]
	_, uniq, _ := stringsExact(keys, MaxGroups)
	d := len(uniq)
	hashes := collidingHashes(keys)
	hashes["seeded"] = seededHash()
	for _, maxGroups := range []int{0, 1, stringsSerialMaxDistinct - 1, stringsSerialMaxDistinct, d / 2, d - 1, d} {
		for name, hash := range hashes {
			codes, u, err := factorizeStrings(keys, maxGroups, 2, hash)
			if maxGroups == d {
				if err != nil {
					t.Fatalf("%s, maxGroups=%d: %v", name, maxGroups, err)
				}
				checkFactorized(t, keys, codes, u)
				continue
			}
			msg := fmt.Sprintf("kernels: keys[%d]: more than %d distinct keys", slices.Index(keys, uniq[maxGroups]), maxGroups)
			if err == nil || err.Error() != msg || codes != nil || u != nil {
				t.Fatalf("%s, maxGroups=%d: got error %v, want %q", name, maxGroups, err, msg)
			}
		}
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
	for _, n := range []int{1e4, 1e5, 1e6, 1e7} {
		for _, d := range []int{1e3, 1e7} {
			keys := make([]int64, n)
			for i := range keys {
				keys[i] = int64(r.Uint64() % uint64(d))
			}
			b.Run(fmt.Sprintf("int64/keys=1e%d/distinct=1e%d", digits(n), digits(d)), func(b *testing.B) {
				b.SetBytes(int64(len(keys)))
				for b.Loop() {
					FactorizeInt64(keys)
				}
			})
		}
	}
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
	b.Run("string/keys=1e6", func(b *testing.B) { // 632 thousand distinct
		benchStrings(b, s)
	})
	for _, d := range []int{1e3, 1e4, 1e5, 1e6} {
		s := make([]string, 10_000_000)
		for i := range s {
			s[i] = fmt.Sprintf("key-%d", r.IntN(d))
		}
		b.Run(fmt.Sprintf("string/keys=1e7/distinct=1e%d", digits(d)), func(b *testing.B) {
			benchStrings(b, s)
		})
	}
}

func benchStrings(b *testing.B, keys []string) {
	b.SetBytes(int64(len(keys)))
	for b.Loop() {
		FactorizeStrings(keys)
	}
}

// digits is log10 of a power of ten.
func digits(n int) int {
	d := 0
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}
