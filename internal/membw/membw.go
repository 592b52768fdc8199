// Package membw measures the streaming-read bandwidth of this machine: the
// roofline that memory-bound kernels are compared with.
package membw

import (
	"runtime"
	"sync"
	"time"
)

// readGo is Read in portable Go: eight independent accumulators.
func readGo(b []uint64) uint64 {
	var a0, a1, a2, a3, a4, a5, a6, a7 uint64
	i := 0
	for ; i+8 <= len(b); i += 8 {
		v := b[i : i+8 : i+8]
		a0 ^= v[0]
		a1 ^= v[1]
		a2 ^= v[2]
		a3 ^= v[3]
		a4 ^= v[4]
		a5 ^= v[5]
		a6 ^= v[6]
		a7 ^= v[7]
	}
	for ; i < len(b); i++ {
		a0 ^= b[i]
	}
	return a0 ^ a1 ^ a2 ^ a3 ^ a4 ^ a5 ^ a6 ^ a7
}

// ReadParallel reads b with the given number of goroutines, each taking a
// contiguous share, and returns the XOR of all words.
func ReadParallel(b []uint64, threads int) uint64 {
	if threads <= 1 {
		return Read(b)
	}
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		acc uint64
	)
	share := (len(b) + threads - 1) / threads
	for lo := 0; lo < len(b); lo += share {
		part := b[lo:min(lo+share, len(b))]
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := Read(part)
			mu.Lock()
			acc ^= r
			mu.Unlock()
		}()
	}
	wg.Wait()
	return acc
}

// sink keeps the reads of Measure alive.
var sink uint64

// Measure returns the streaming-read bandwidth in bytes per second over a
// buffer of the given size with the given number of threads (0 means
// GOMAXPROCS): the best of repeated full reads until d has passed, after one
// read to fault the pages in. The buffer must be far larger than the last
// level cache for the figure to be the memory's.
func Measure(bytes int, threads int, d time.Duration) float64 {
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	b := make([]uint64, bytes/8)
	for i := range b {
		b[i] = uint64(i)
	}
	sink ^= ReadParallel(b, threads)
	best := time.Duration(1<<63 - 1)
	for start := time.Now(); time.Since(start) < d; {
		t := time.Now()
		sink ^= ReadParallel(b, threads)
		best = min(best, time.Since(t))
	}
	return float64(len(b)*8) / best.Seconds()
}
