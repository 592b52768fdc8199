package kernels

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"
)

// FactorizeInt64 returns dense group codes for keys, the input a [GroupBy]
// takes: uniques lists every distinct key once, in order of first
// appearance, and codes[i] is the index of keys[i] in uniques. It is an
// error when there are more than MaxGroups distinct keys.
//
// It uses an open-addressing hash table (linear probing, a power-of-two
// capacity kept at most half full), not a Go map.
func FactorizeInt64(keys []int64) (codes []int32, uniques []int64, err error) {
	codes = make([]int32, len(keys))
	t := newIntTable(min(len(keys), 1<<16))
	var sink int32
	for i, k := range keys {
		if i%factorizeBatch == 0 {
			// Touch the home slots of the next batch: independent loads
			// whose cache misses overlap, where the probes that follow
			// would wait for them one by one.
			for _, k := range keys[i:min(i+factorizeBatch, len(keys))] {
				sink += t.slots[t.slot(k)].code
			}
		}
		c, ok := t.find(k)
		if !ok {
			if len(t.uniq) == MaxGroups {
				return nil, nil, fmt.Errorf("kernels: keys[%d]: more than %d distinct keys", i, MaxGroups)
			}
			c = t.insert(k)
		}
		codes[i] = c
	}
	t.sink = sink
	return codes, t.uniq, nil
}

// factorizeBatch keys have their slots touched ahead of the lookups.
const factorizeBatch = 32

type intSlot struct {
	key  int64
	code int32 // code+1; 0 marks an empty slot
}

type intTable struct {
	slots []intSlot
	shift uint // 64 - log2(len(slots))
	uniq  []int64
	sink  int32 // keeps the touching loads
}

func newIntTable(hint int) *intTable {
	n := 16
	for n < 2*hint {
		n *= 2
	}
	return &intTable{slots: make([]intSlot, n), shift: uint(64 - bits.TrailingZeros(uint(n)))}
}

// slot is Fibonacci hashing: the top bits of k times 2^64/phi.
func (t *intTable) slot(k int64) uint64 { return uint64(k) * 0x9E3779B97F4A7C15 >> t.shift }

func (t *intTable) find(k int64) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.code == 0 {
			return 0, false
		}
		if s.key == k {
			return s.code - 1, true
		}
	}
}

func (t *intTable) insert(k int64) int32 {
	if 2*(len(t.uniq)+1) > len(t.slots) {
		t.grow()
	}
	c := int32(len(t.uniq))
	t.uniq = append(t.uniq, k)
	t.put(k, c)
	return c
}

func (t *intTable) put(k int64, c int32) {
	mask := uint64(len(t.slots) - 1)
	i := t.slot(k)
	for t.slots[i].code != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = intSlot{k, c + 1}
}

func (t *intTable) grow() {
	t.slots = make([]intSlot, 2*len(t.slots))
	t.shift--
	for c, k := range t.uniq {
		t.put(k, int32(c))
	}
}

// FactorizeStrings is [FactorizeInt64] for string keys. Equal strings get
// the same code; the hash is seeded per process, which changes nothing in
// the result.
func FactorizeStrings(keys []string) (codes []int32, uniques []string, err error) {
	codes = make([]int32, len(keys))
	n := 16
	for n < 2*min(len(keys), 1<<16) {
		n *= 2
	}
	t := strTable{seed: maphash.MakeSeed(), slots: make([]strSlot, n)}
	for i, k := range keys {
		h := maphash.String(t.seed, k)
		c, ok := t.find(k, h)
		if !ok {
			if len(t.uniq) == MaxGroups {
				return nil, nil, fmt.Errorf("kernels: keys[%d]: more than %d distinct keys", i, MaxGroups)
			}
			if 2*(len(t.uniq)+1) > len(t.slots) {
				t.grow()
			}
			c = int32(len(t.uniq))
			t.uniq = append(t.uniq, k)
			t.hashes = append(t.hashes, h)
			t.put(h, c)
		}
		codes[i] = c
	}
	return codes, t.uniq, nil
}

type strSlot struct {
	hash uint64
	code int32 // code+1; 0 marks an empty slot
}

type strTable struct {
	seed   maphash.Seed
	slots  []strSlot
	uniq   []string
	hashes []uint64
}

func (t *strTable) find(k string, h uint64) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.code == 0 {
			return 0, false
		}
		if s.hash == h && t.uniq[s.code-1] == k {
			return s.code - 1, true
		}
	}
}

func (t *strTable) put(h uint64, c int32) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i].code != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = strSlot{h, c + 1}
}

func (t *strTable) grow() {
	t.slots = make([]strSlot, 2*len(t.slots))
	for c, h := range t.hashes {
		t.put(h, int32(c))
	}
}

// SortUniques sorts uniques in place (ascending, by cmp.Compare: NaN first
// for floats) and remaps codes to match, turning the first-seen order of
// a Factorize function into sorted order (pandas' sort=True).
func SortUniques[K cmp.Ordered](codes []int32, uniques []K) {
	perm := make([]int32, len(uniques))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return cmp.Compare(uniques[a], uniques[b]) })
	// newCode[old] is the rank of old in sorted order.
	newCode := make([]int32, len(uniques))
	sorted := make([]K, len(uniques))
	for r, old := range perm {
		newCode[old] = int32(r)
		sorted[r] = uniques[old]
	}
	copy(uniques, sorted)
	for i, c := range codes {
		codes[i] = newCode[c]
	}
}
