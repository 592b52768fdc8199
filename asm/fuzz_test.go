package asm_test

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kbench/kbench/asm"
)

// The fuzz targets compare every level with the reference on arbitrary bit
// patterns (NaN payloads, infinities, subnormals, signed zeros) at a
// fuzzer-chosen offset and length.

func FuzzF64(f *testing.F) {
	seeds(f, 8, func(v float64) uint64 { return math.Float64bits(v) })
	f.Fuzz(func(t *testing.T, data []byte, off uint16, n uint16) {
		x := make([]float64, len(data)/8)
		for i := range x {
			x[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
		}
		fuzzOne(t, x, int(off), int(n))
	})
}

func FuzzF32(f *testing.F) {
	seeds(f, 4, func(v float64) uint64 { return uint64(math.Float32bits(float32(v))) })
	f.Fuzz(func(t *testing.T, data []byte, off uint16, n uint16) {
		x := make([]float32, len(data)/4)
		for i := range x {
			x[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
		}
		fuzzOne(t, x, int(off), int(n))
	})
}

// fuzzOne checks x[off:off+n], both clamped to x.
func fuzzOne[T asm.Float](t *testing.T, x []T, off, n int) {
	off = min(off, len(x))
	n = min(n, len(x)-off)
	for _, k := range levels(t) {
		check(t, k, x[off:off+n])
	}
}

// seeds adds inputs of every data kind and lengths around the lane count.
func seeds(f *testing.F, size int, bits func(float64) uint64) {
	for _, kd := range kinds {
		for _, n := range []int{0, 1, 7, 31, 32, 33, 65, 200} {
			r := newRand(uint64(n))
			data := make([]byte, 0, n*size)
			for range n {
				data = binary.LittleEndian.AppendUint64(data, bits(kd.gen(r)))[:len(data)+size]
			}
			f.Add(data, uint16(n%3), uint16(n))
		}
	}
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 3)) }
