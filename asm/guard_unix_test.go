//go:build unix

package asm_test

import (
	"fmt"
	"math"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/kbench/kbench/asm"
)

// guarded maps a region of at least size bytes between two inaccessible
// pages: a read just before or just after the region faults.
func guarded(t *testing.T, size int) []byte {
	t.Helper()
	page := unix.Getpagesize()
	data := (size + page - 1) / page * page
	mem, err := unix.Mmap(-1, 0, data+2*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Fatalf("mmap: %v", err)
	}
	t.Cleanup(func() { unix.Munmap(mem) })
	if err := unix.Mprotect(mem[:page], unix.PROT_NONE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	if err := unix.Mprotect(mem[page+data:], unix.PROT_NONE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	return mem[page : page+data]
}

// view returns the n elements of T at byte offset off of b.
func view[T asm.Float](b []byte, off, n int) []T {
	return unsafe.Slice((*T)(unsafe.Pointer(&b[off])), n)
}

// guardLengths are every length 1..300 and a few whole blocks.
func guardLengths() []int {
	var ns []int
	for n := 1; n <= 300; n++ {
		ns = append(ns, n)
	}
	return append(ns, asm.BlockSize-33, asm.BlockSize-1, asm.BlockSize)
}

// TestGuardPages runs every routine of every level on data that ends
// exactly at an inaccessible page and on data that starts exactly after
// one: any read outside the slice crashes the test.
func TestGuardPages(t *testing.T) {
	t.Run("float64", func(t *testing.T) { guardPages[float64](t) })
	t.Run("float32", func(t *testing.T) { guardPages[float32](t) })
}

func guardPages[T asm.Float](t *testing.T) {
	size := int(unsafe.Sizeof(T(0)))
	mem := guarded(t, asm.BlockSize*size)
	r := newRand(7)
	for _, k := range levels(t) {
		for _, n := range guardLengths() {
			for _, at := range []struct {
				name string
				off  int
			}{{"end", len(mem) - n*size}, {"start", 0}} {
				x := view[T](mem, at.off, n)
				for i := range x {
					x[i] = T(r.NormFloat64())
				}
				t.Run(fmt.Sprintf("%s/%d/%s", k.Name, n, at.name), func(t *testing.T) {
					check(t, k, x)
				})
			}
		}
	}
}

// TestGuardValues surrounds the data with NaN or an infinity: a routine
// that read a neighbour would return another result than the reference on
// the slice itself.
func TestGuardValues(t *testing.T) {
	t.Run("float64", func(t *testing.T) { guardValues[float64](t) })
	t.Run("float32", func(t *testing.T) { guardValues[float32](t) })
}

func guardValues[T asm.Float](t *testing.T) {
	const pad = 64
	r := newRand(8)
	for _, g := range []float64{nan, inf, -inf} {
		for _, k := range levels(t) {
			for n := 1; n <= 300; n++ {
				buf := make([]T, pad+n+pad)
				for i := range buf {
					buf[i] = T(g)
				}
				x := buf[pad : pad+n]
				for i := range x {
					x[i] = T(r.NormFloat64())
				}
				check(t, k, x)
			}
		}
	}
}

var (
	nan = math.NaN()
	inf = math.Inf(1)
)
