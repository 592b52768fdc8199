//go:build unix

package kernels

import (
	"fmt"
	"syscall"
	"testing"
)

// BenchmarkFirstTouch measures what the group-by pays for memory it has not
// used before: writing one byte to each 4 KiB page of a fresh anonymous
// mapping (every write a page fault that zeroes the page) against writing
// it again. MB/s is of the mapping's bytes. At 10^6 groups and more, the
// per-chunk states, the partition buffers and the results are hundreds of
// MiB of such memory (docs/benchmarks.md).
func BenchmarkFirstTouch(b *testing.B) {
	const size = 256 << 20
	for _, fresh := range []bool{true, false} {
		b.Run(fmt.Sprintf("fresh=%v", fresh), func(b *testing.B) {
			b.SetBytes(size)
			m, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
			if err != nil {
				b.Skip(err)
			}
			touch(m, 1)
			for b.Loop() {
				if fresh {
					b.StopTimer()
					if err := syscall.Munmap(m); err != nil {
						b.Fatal(err)
					}
					if m, err = syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				touch(m, 2)
			}
			if m[size-4096] == 0 {
				b.Fatal("the last page was not written")
			}
			syscall.Munmap(m)
		})
	}
}

func touch(m []byte, v byte) {
	for i := 0; i < len(m); i += 4096 {
		m[i] = v
	}
}
