package kernels

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// FactorizeInt64 returns dense group codes for keys, the input a [GroupBy]
// takes: uniques lists every distinct key once, in order of first
// appearance, and codes[i] is the index of keys[i] in uniques. It is an
// error when there are more than MaxGroups distinct keys.
//
// It uses open-addressing hash tables (linear probing, Fibonacci hashing),
// not a Go map: while a table fits in cache, that is up to 2^17 distinct
// keys (or until the first 2^15 rows of a long input turn out nearly all
// distinct), one table for each of up to GOMAXPROCS runs of the rows
// (runs of at least 2^16 rows), merged in row order; past that, it starts
// over, splitting the keys by hash into partitions whose tables stay in
// cache, built on up to GOMAXPROCS goroutines. The result does not depend
// on GOMAXPROCS. The partitioned path keeps its buffers (9 bytes a key)
// for the next call, until the garbage collector drops them.
func FactorizeInt64(keys []int64) (codes []int32, uniques []int64, err error) {
	return factorizeInt64(keys, MaxGroups, runtime.GOMAXPROCS(0))
}

// factorizeInt64 is FactorizeInt64 with at most maxGroups distinct keys
// and up to workers goroutines.
func factorizeInt64(keys []int64, maxGroups, workers int) ([]int32, []int64, error) {
	codes := make([]int32, len(keys))
	uniq, err := factorizeInt64To(codes, keys, maxGroups, workers)
	if err != nil {
		return nil, nil, err
	}
	return codes, uniq, nil
}

// factorizeInt64To is factorizeInt64 into codes, which has len(keys)
// elements.
func factorizeInt64To(codes []int32, keys []int64, maxGroups, workers int) ([]int64, error) {
	stop := serialMaxDistinct
	if len(keys) > math.MaxInt32 { // beyond the partitioned path's int32 rows
		stop = math.MaxInt
	}
	uniq, done, err := factorizeTables(codes, keys, maxGroups, stop, workers)
	if !done && err == nil {
		uniq, err = factorizePartitioned(codes, keys, maxGroups, workers)
	}
	return uniq, err
}

// serialMaxDistinct distinct keys make a table of 1 MiB plus 1 MiB of
// keys, about the L2 cache: past that, partitioning is faster (measured on
// a Xeon with 2 MiB of L2 per core).
const serialMaxDistinct = 1 << 17

// serialProbe rows tell a long input of mostly distinct keys early.
const serialProbe = 1 << 15

// tablesMinRows rows at least go to each goroutine of factorizeTables:
// below that, starting goroutines and merging tables cost more than they
// save (docs/benchmarks.md).
const tablesMinRows = 1 << 16

// factorizeSerial is factorizeInt64 with one table, writing codes, which
// has len(keys) elements. It gives up (done false) at the first key that
// would make stop distinct keys, or after serialProbe rows of a long input
// that were nearly all distinct.
func factorizeSerial(codes []int32, keys []int64, maxGroups, stop int) (uniq []int64, done bool, err error) {
	t := newIntTable(min(len(keys), 1<<16), 1)
	t.probe = len(keys)/8 >= stop
	return fillAll(t, codes, keys, maxGroups, stop)
}

// fillAll fills t with keys on the calling goroutine and reports how it
// ended as factorizeSerial does.
func fillAll[K any, T runTable[K, T]](t T, codes []int32, keys []K, maxGroups, stop int) (uniq []K, done bool, err error) {
	switch end, row := t.fill(codes, keys, maxGroups, stop, nil); end {
	case tableFull:
		return nil, false, errTooMany(row, maxGroups)
	case tableStop:
		return nil, false, nil
	}
	return t.uniques(), true, nil
}

// factorizeTables is factorizeSerial on up to workers goroutines
// (factorizeRuns).
func factorizeTables(codes []int32, keys []int64, maxGroups, stop, workers int) (uniq []int64, done bool, err error) {
	probe := len(keys)/8 >= stop
	return factorizeRuns(codes, keys, maxGroups, stop, workers, func(rows int) *intTable {
		// A small table that grows: fresh pages are slow to fault in, and
		// two runs' tables of 2^17 slots made 10^5 keys take 1.3 ms
		// against 0.4-0.5 for one table (docs/benchmarks.md).
		t := newIntTable(min(rows, 1<<12), 1)
		t.probe = probe
		return t
	}, func() ([]int64, bool, error) { return factorizeSerial(codes, keys, maxGroups, stop) })
}

// runTable is a table of factorizeRuns: T is the table type itself.
type runTable[K any, T any] interface {
	// fill adds keys to the table, writing their codes: intTable.fill.
	fill(codes []int32, keys []K, maxGroups, stop int, quit *atomic.Bool) (tableEnd, int)
	// absorb adds u's keys that the table lacks, in u's order, and returns
	// the table's code of each of u's codes; ok is false where the table
	// would pass maxGroups keys.
	absorb(u T, maxGroups int) (to []int32, ok bool)
	uniques() []K
}

// factorizeRuns factorizes keys on up to workers goroutines, or with
// serial, the caller's one table, where there are fewer than
// 2*tablesMinRows rows or one goroutine. The rows are cut into runs, each
// factorized by its own table from newTable(rows) in the run's first-seen
// order; the runs' tables then merge into the first one, run by run,
// which puts every key in its first-seen order over all the rows, and the
// codes of the later runs are translated. It gives up (done false) when a
// run stops (stop distinct keys, or its probe), and leaves more than
// maxGroups distinct keys to serial, which names the row.
func factorizeRuns[K any, T runTable[K, T]](codes []int32, keys []K, maxGroups, stop, workers int, newTable func(rows int) T, serial func() ([]K, bool, error)) (uniq []K, done bool, err error) {
	nr := min(workers, len(keys)/tablesMinRows)
	if nr < 2 {
		return serial()
	}
	run := func(r int) (int, int) { return r * len(keys) / nr, (r + 1) * len(keys) / nr }
	tables, ends := make([]T, nr), make([]tableEnd, nr)
	var quit atomic.Bool
	forEach(workers, nr, func(r int) {
		lo, hi := run(r)
		t := newTable(hi - lo)
		if ends[r], _ = t.fill(codes[lo:hi], keys[lo:hi], maxGroups, stop, &quit); ends[r] != tableDone {
			quit.Store(true)
		}
		tables[r] = t
	})
	switch {
	case slices.Contains(ends, tableFull):
		return serial()
	case quit.Load():
		return nil, false, nil
	}
	// to[r][l] is the code of local code l of run r; run 0's codes stand.
	to := make([][]int32, nr)
	for r, u := range tables[1:] {
		m, ok := tables[0].absorb(u, maxGroups)
		if !ok {
			return serial()
		}
		to[r+1] = m
	}
	// Each later run's translation is shared by all the goroutines.
	forEach(workers, (nr-1)*workers, func(i int) {
		r, piece := 1+i/workers, i%workers
		lo, hi := run(r)
		lo, hi = lo+piece*(hi-lo)/workers, lo+(piece+1)*(hi-lo)/workers
		m := to[r]
		for j, c := range codes[lo:hi] {
			codes[lo+j] = m[c]
		}
	})
	return tables[0].uniques(), true, nil
}

// tableEnd tells how intTable.fill ended.
type tableEnd int

const (
	tableDone tableEnd = iota // every key has its code
	tableStop                 // stop distinct keys, or a long input nearly all distinct, or quit
	tableFull                 // more than maxGroups distinct keys
)

// fill adds keys to t, writing their codes in codes, which has len(keys)
// elements. It ends early, with tableStop, at the first key that would
// make stop distinct keys, after serialProbe keys that were nearly all
// distinct when t.probe is set, or once quit (if not nil) is set; with
// tableFull and the key's row where there would be more than maxGroups.
func (t *intTable) fill(codes []int32, keys []int64, maxGroups, stop int, quit *atomic.Bool) (tableEnd, int) {
	codes = codes[:len(keys)]
	var sink int32
	for i, k := range keys {
		if i == serialProbe && t.probe && len(t.uniq) >= serialProbe-serialProbe/16 {
			// Nearly every key of a long input new so far: it is bound to
			// pass stop distinct keys, and growing the table to find out
			// took 5% of a call over 10^7 keys. (A wrong guess costs only
			// time: both paths give the same codes.)
			return tableStop, i
		}
		if i%factorizeBatch == 0 {
			if quit != nil && quit.Load() {
				return tableStop, i
			}
			// Touch the home slots of the next batch: independent loads
			// whose cache misses overlap, where the probes that follow
			// would wait for them one by one.
			for _, k := range keys[i:min(i+factorizeBatch, len(keys))] {
				sink += t.slots[t.slot(k)]
			}
		}
		c, ok := t.find(k)
		if !ok {
			if len(t.uniq) == maxGroups {
				return tableFull, i
			}
			if len(t.uniq)+1 == stop {
				return tableStop, i
			}
			c = t.insert(k)
		}
		codes[i] = c
	}
	t.sink = sink
	return tableDone, len(keys)
}

func errTooMany(i, maxGroups int) error {
	return fmt.Errorf("kernels: keys[%d]: more than %d distinct keys", i, maxGroups)
}

const (
	// partitionBits: 256 partitions, so that one million distinct keys
	// make tables of 4096 keys (160 KiB with the table at most 1/8 full:
	// fewer probes paid for more than the extra cache misses), inside L2.
	partitionBits = 8
	nparts        = 1 << partitionBits
)

// factorizePartitioned scatters the keys into partitions by the top bits of
// their hash, keeping row order within each, and factorizes each partition
// with its own table (partition-local codes, first-seen order). Global
// codes follow from one scan in row order over the first occurrences:
// within a partition, local first-seen order is row order.
//
// Rows are cut into chunks; segment (p, c) of the partitioned buffer holds
// the rows of chunk c that fall in partition p, in row order, at
// off[p*nc+c]. Every pass over rows walks a chunk with one cursor per
// partition, so it finds each row's partitioned position without storing it.
func factorizePartitioned(codes []int32, keys []int64, maxGroups, workers int) ([]int64, error) {
	n := len(keys)
	nc := max(1, min(4*workers, n>>14)) // chunks, a few per worker
	chunk := func(c int) (int, int) { return c * n / nc, (c + 1) * n / nc }
	sc := partScratchPool.Get().(*partScratch)
	defer partScratchPool.Put(sc)
	sc.part, sc.pkeys = growSlice(sc.part, n), growSlice(sc.pkeys, n)
	part := sc.part
	off := make([]int, nparts*nc+1)
	forEach(workers, nc, func(c int) {
		var h [nparts]int
		lo, hi := chunk(c)
		for i, k := range keys[lo:hi] {
			p := uint8(uint64(k) * fib >> (64 - partitionBits))
			part[lo+i] = p
			h[p]++
		}
		for p, v := range h {
			off[p*nc+c] = v
		}
	})
	sum := 0
	for i, v := range off {
		off[i] = sum
		sum += v
	}

	// The scatter writes whole cache lines around the caches where the
	// level has such a routine: element by element, each of the 256
	// partitions' stores waits for its line to be read first.
	scatter := defaultKernels().ScatterParts64
	pkeys := sc.pkeys
	forEach(workers, nc, func(c int) {
		start := cursors(off, nc, c, nil)
		var pos [nparts]int
		buf := make([]uint64, 8*nparts)
		lo, hi := chunk(c)
		scatter(part[lo:hi], bitsOf[int64, uint64](keys[lo:hi]), start[:], pos[:], bitsOf[int64, uint64](pkeys), buf)
	})

	// Each partition's table replaces pkeys[pos] by its partition-local
	// code and marks first occurrences in flags, where partition p starts
	// on a word boundary: pos's bit is fbase[p]+pos. firsts[p*nc+c] counts
	// the first occurrences in segment (p, c); ndist[p] the partition's
	// distinct keys. pstart[p] is where partition p starts in pkeys.
	var fbase, pstart [nparts]int
	words := 0
	for p := range nparts {
		fbase[p] = 64*words - off[p*nc]
		pstart[p] = off[p*nc]
		words += (off[(p+1)*nc] - off[p*nc] + 63) / 64
	}
	flags := make([]uint64, words)
	firsts := make([]int, nparts*nc)
	ndist := make([]int, nparts)
	tables := make(chan *intTable, workers)
	forEach(workers, nparts, func(p int) {
		var t *intTable
		select {
		case t = <-tables:
			t.reset()
		default:
			t = newIntTable(256, 3)
		}
		fb := fbase[p]
		for c := range nc {
			lo, hi := off[p*nc+c], off[p*nc+c+1]
			before := len(t.uniq)
			t.codes(pkeys[lo:hi], flags, lo+fb)
			firsts[p*nc+c] = len(t.uniq) - before
		}
		ndist[p] = len(t.uniq)
		tables <- t
	})

	// Give global codes to first occurrences in row order: chunk c's start
	// after the first occurrences in chunks before it, and within a
	// partition they take local codes 0, 1, ... in row order.
	// global[base[p]+l] is the code of local code l of partition p.
	var base [nparts]int
	sum = 0
	for p, v := range ndist {
		base[p] = sum
		sum += v
	}
	ndistinct := sum
	next := make([]int, nc)
	sum = 0
	for c := range nc {
		next[c] = sum
		for p := range nparts {
			sum += firsts[p*nc+c]
		}
	}
	for p := range nparts { // firsts[p*nc+c] becomes the count before c
		s := 0
		for c := range nc {
			s, firsts[p*nc+c] = s+firsts[p*nc+c], s
		}
	}
	if ndistinct > maxGroups {
		// Name the row of the first occurrence that has no code: it is in
		// the first chunk whose first occurrences reach past maxGroups.
		c := 0
		for c+1 < nc && next[c+1] <= maxGroups {
			c++
		}
		bit := cursors(off, nc, c, &fbase)
		g := next[c]
		lo, hi := chunk(c)
		for i, p := range part[lo:hi] {
			b := bit[p]
			bit[p]++
			if flags[b/64]&(1<<(b%64)) != 0 {
				if g == maxGroups {
					return nil, errTooMany(lo+i, maxGroups)
				}
				g++
			}
		}
		panic("kernels: lost a first occurrence")
	}
	global := make([]int32, ndistinct)
	uniq := make([]int64, ndistinct)
	forEach(workers, nc, func(c int) {
		var l [nparts]int
		for p := range l {
			l[p] = base[p] + firsts[p*nc+c]
		}
		bit := cursors(off, nc, c, &fbase)
		lo, hi := chunk(c)
		assignFirsts(part[lo:hi], keys[lo:hi], flags, &bit, &l, global, uniq, next[c])
	})

	// Turn local codes into global ones partition by partition, where the
	// lookups stay in cache, then gather them into row order. loc views
	// pkeys as int32s: the global codes of partition p, which starts at
	// S, are packed into the first half of its own bytes, loc[2*S+i] for
	// pkeys[S+i]; writing over pkeys rather than a new slice spares
	// allocating and faulting in 4 bytes a key (about 5% of the time).
	loc := unsafe.Slice((*int32)(unsafe.Pointer(unsafe.SliceData(pkeys))), 2*n)
	forEach(workers, nparts, func(p int) {
		g := global[base[p]:]
		s := off[p*nc]
		for i, l := range pkeys[s:off[(p+1)*nc]] {
			loc[2*s+i] = g[l]
		}
	})
	forEach(workers, nc, func(c int) {
		cur := cursors(off, nc, c, &pstart)
		lo, hi := chunk(c)
		gather(codes[lo:hi], part[lo:hi], loc, &cur)
	})
	return uniq, nil
}

// partScratch holds the buffers of factorizePartitioned between calls,
// every element of which a call writes before reading: allocating and
// zeroing them was 8-9% of a call over 10^7 keys.
type partScratch struct {
	part  []uint8
	pkeys []int64
}

var partScratchPool = sync.Pool{New: func() any { return new(partScratch) }}

// cursors returns the start of each partition's segment for chunk c,
// plus base[p] if base is not nil.
func cursors(off []int, nc, c int, base *[nparts]int) (cur [nparts]int) {
	for p := range cur {
		cur[p] = off[p*nc+c]
		if base != nil {
			cur[p] += base[p]
		}
	}
	return cur
}

// assignFirsts gives codes g, g+1, ... to the first occurrences among
// rows, in row order: row i is in partition part[i], its flag bit is the
// next bit of that partition, and a first occurrence takes that
// partition's next local code l[p].
func assignFirsts(part []uint8, keys []int64, flags []uint64, bit *[nparts]int, l *[nparts]int, global []int32, uniq []int64, g int) {
	keys = keys[:len(part)]
	for i, p := range part {
		b := uint(bit[p])
		bit[p]++
		if flags[b/64]&(1<<(b%64)) != 0 {
			global[l[p]] = int32(g)
			l[p]++
			uniq[g] = keys[i]
			g++
		}
	}
}

// gather sets codes[i] to the next code of partition part[i] in local.
func gather(codes []int32, part []uint8, local []int32, cur *[nparts]int) {
	codes = codes[:len(part)]
	for i, p := range part {
		codes[i] = local[cur[p]]
		cur[p]++
	}
}

// forEach calls f(0), ..., f(n-1) on up to workers goroutines.
func forEach(workers, n int, f func(int)) {
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			f(i)
		}
	}
	var wg sync.WaitGroup
	for range min(workers, n) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

// factorizeBatch keys have their slots touched ahead of the lookups.
const factorizeBatch = 32

type intTable struct {
	slots []int32 // code+1 of the key uniq[code]; 0 marks an empty slot
	load  uint    // at most 1/2^load of the slots are in use
	shift uint    // 64 - log2(len(slots))
	uniq  []int64
	sink  int32 // keeps the touching loads
	probe bool  // fill gives up on a long input that starts nearly all distinct
}

func (t *intTable) uniques() []int64 { return t.uniq }

func (t *intTable) absorb(u *intTable, maxGroups int) ([]int32, bool) {
	to := make([]int32, len(u.uniq))
	for l, k := range u.uniq {
		c, ok := t.find(k)
		if !ok {
			if len(t.uniq) == maxGroups {
				return nil, false
			}
			c = t.insert(k)
		}
		to[l] = c
	}
	return to, true
}

func newIntTable(hint int, load uint) *intTable {
	n := 16
	for n < hint<<load {
		n *= 2
	}
	return &intTable{slots: make([]int32, n), load: load, shift: uint(64 - bits.TrailingZeros(uint(n)))}
}

// reset empties t for another partition, keeping its capacity: partitions
// have about as many keys as each other.
func (t *intTable) reset() {
	clear(t.slots)
	t.uniq = t.uniq[:0]
}

// fib is 2^64/phi: the top bits of k*fib are Fibonacci hashing.
const fib = 0x9E3779B97F4A7C15

// slot is Fibonacci hashing, from the bits below those that pick the
// partition: keys that share a partition do not crowd one end of a table.
func (t *intTable) slot(k int64) uint64 { return uint64(k) * fib << partitionBits >> t.shift }

func (t *intTable) find(k int64) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		c := t.slots[i]
		if c == 0 {
			return 0, false
		}
		if t.uniq[c-1] == k {
			return c - 1, true
		}
	}
}

// codes sets local[i] to the code of keys[i], adding new keys to t and
// marking them in flags at bit+i.
func (t *intTable) codes(keys []int64, flags []uint64, bit int) {
	for i, k := range keys {
		c, ok := t.find(k)
		if !ok {
			c = t.insert(k)
			b := uint(bit + i)
			flags[b/64] |= 1 << (b % 64)
		}
		keys[i] = int64(c)
	}
}

func (t *intTable) insert(k int64) int32 {
	if (len(t.uniq)+1)<<t.load > len(t.slots) {
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
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = c + 1
}

func (t *intTable) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	t.shift--
	for c, k := range t.uniq {
		t.put(k, int32(c))
	}
}

// FactorizeStrings is [FactorizeInt64] for string keys. Equal strings get
// the same code.
//
// Up to 2^12 distinct keys it uses open-addressing tables of the strings,
// one for each run of the rows as FactorizeInt64 does. Past that it starts
// over: it factorizes the strings' 64-bit hashes with FactorizeInt64's
// tables, then checks every key against the unique string of its code.
// Two distinct strings with the same hash (a collision, which the
// per-process random seed makes a matter of chance, about n²/2^65 for n
// distinct keys) fail the check, and the call starts over with one table
// of the strings alone. Either way the result is the same.
func FactorizeStrings(keys []string) (codes []int32, uniques []string, err error) {
	return factorizeStrings(keys, MaxGroups, runtime.GOMAXPROCS(0), seededHash())
}

// seededHash returns maphash.String with a new random seed.
func seededHash() func(string) uint64 {
	seed := maphash.MakeSeed()
	return func(k string) uint64 { return maphash.String(seed, k) }
}

// factorizeStrings is FactorizeStrings with at most maxGroups distinct
// keys, up to workers goroutines and the given hash.
func factorizeStrings(keys []string, maxGroups, workers int, hash func(string) uint64) ([]int32, []string, error) {
	stop := stringsSerialMaxDistinct
	if len(keys) > math.MaxInt32 { // beyond FactorizeInt64's partitioned path
		stop = math.MaxInt
	}
	codes := make([]int32, len(keys))
	seed := maphash.MakeSeed()
	uniq, done, err := factorizeRuns(codes, keys, maxGroups, stop, workers, func(rows int) *strTable {
		return newStrTable(seed, min(rows, 1<<12))
	}, func() ([]string, bool, error) { return factorizeStringsSerial(codes, keys, maxGroups, stop) })
	if !done && err == nil {
		if uniq, done = factorizeHashed(codes, keys, maxGroups, workers, hash); !done {
			uniq, _, err = factorizeStringsSerial(codes, keys, maxGroups, math.MaxInt)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	return codes, uniq, nil
}

// factorizeHashed factorizes the hashes of keys into codes, which has
// len(keys) elements, with FactorizeInt64's tables, and checks that every
// key equals the unique key of its code. It fails (ok false) when two
// distinct keys share a hash or there are more than maxGroups distinct
// hashes (the table of strings then names the row: a collision could
// make it an earlier one).
func factorizeHashed(codes []int32, keys []string, maxGroups, workers int, hash func(string) uint64) (uniq []string, ok bool) {
	sc := strScratchPool.Get().(*strScratch)
	defer strScratchPool.Put(sc)
	h := growSlice(sc.hashes, len(keys))
	sc.hashes = h
	nc := max(1, min(4*workers, len(keys)>>14))
	chunk := func(c int) (int, int) { return c * len(keys) / nc, (c + 1) * len(keys) / nc }
	forEach(workers, nc, func(c int) {
		lo, hi := chunk(c)
		for i, k := range keys[lo:hi] {
			h[lo+i] = int64(hash(k))
		}
	})
	hu, err := factorizeInt64To(codes, h, maxGroups, workers)
	if err != nil {
		return nil, false
	}
	// Codes are in first-seen order: the first row of code c comes after
	// those of codes 0..c-1.
	uniq = make([]string, len(hu))
	next := 0
	for i, c := range codes {
		if next == len(uniq) {
			break
		}
		if int(c) == next {
			uniq[c] = keys[i]
			next++
		}
	}
	var collided atomic.Bool
	sinks := make([]byte, nc)
	forEach(workers, nc, func(c int) {
		lo, hi := chunk(c)
		if !checkKeys(keys[lo:hi], codes[lo:hi], uniq, &sinks[c]) {
			collided.Store(true)
		}
	})
	return uniq, !collided.Load()
}

// checkKeys reports whether keys[i] == uniq[codes[i]] for every i. It
// touches the unique keys of a batch of rows before comparing them: those
// are scattered over memory, and the loads of the touches overlap their
// cache misses, where the comparisons would wait for them one by one
// (sink keeps the touches).
func checkKeys(keys []string, codes []int32, uniq []string, sink *byte) bool {
	codes = codes[:len(keys)]
	var s byte
	for b := 0; b < len(keys); b += factorizeBatch {
		e := min(b+factorizeBatch, len(keys))
		for _, c := range codes[b:e] {
			if u := uniq[c]; len(u) > 0 {
				s += u[0]
			}
		}
		for i, k := range keys[b:e] {
			if uniq[codes[b+i]] != k {
				return false
			}
		}
	}
	*sink = s
	return true
}

// strScratch keeps the hashes of FactorizeStrings between calls: fresh
// pages, 8 bytes a key, that the kernel zeroes on first touch.
type strScratch struct{ hashes []int64 }

var strScratchPool = sync.Pool{New: func() any { return new(strScratch) }}

// stringsSerialMaxDistinct distinct keys at most go through the table of
// strings first: past a few thousand, hashing and checking the keys
// is faster (docs/benchmarks.md).
const stringsSerialMaxDistinct = 1 << 12

// factorizeStringsSerial is FactorizeStrings with one open-addressing
// table of the strings themselves, writing codes, which has len(keys)
// elements. It gives up (done false) at the first key that would make
// stop distinct keys.
func factorizeStringsSerial(codes []int32, keys []string, maxGroups, stop int) (uniques []string, done bool, err error) {
	return fillAll(newStrTable(maphash.MakeSeed(), min(len(keys), 1<<16)), codes, keys, maxGroups, stop)
}

// newStrTable returns an empty table for about hint keys.
func newStrTable(seed maphash.Seed, hint int) *strTable {
	n := 16
	for n < 2*hint {
		n *= 2
	}
	return &strTable{seed: seed, slots: make([]strSlot, n)}
}

// fill is intTable.fill for strings, with no probe.
func (t *strTable) fill(codes []int32, keys []string, maxGroups, stop int, quit *atomic.Bool) (tableEnd, int) {
	codes = codes[:len(keys)]
	for i, k := range keys {
		if quit != nil && i%factorizeBatch == 0 && quit.Load() {
			return tableStop, i
		}
		h := maphash.String(t.seed, k)
		c, ok := t.find(k, h)
		if !ok {
			if len(t.uniq) == maxGroups {
				return tableFull, i
			}
			if len(t.uniq)+1 == stop {
				return tableStop, i
			}
			c = t.add(k, h)
		}
		codes[i] = c
	}
	return tableDone, len(keys)
}

// absorb is intTable.absorb; the runs' tables share one seed, so u's
// hashes hold in t.
func (t *strTable) absorb(u *strTable, maxGroups int) ([]int32, bool) {
	to := make([]int32, len(u.uniq))
	for l, k := range u.uniq {
		c, ok := t.find(k, u.hashes[l])
		if !ok {
			if len(t.uniq) == maxGroups {
				return nil, false
			}
			c = t.add(k, u.hashes[l])
		}
		to[l] = c
	}
	return to, true
}

func (t *strTable) uniques() []string { return t.uniq }

// add gives k, whose hash is h, the next code.
func (t *strTable) add(k string, h uint64) int32 {
	if 2*(len(t.uniq)+1) > len(t.slots) {
		t.grow()
	}
	c := int32(len(t.uniq))
	t.uniq = append(t.uniq, k)
	t.hashes = append(t.hashes, h)
	t.put(h, c)
	return c
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
