//go:build !purego

package membw

import "golang.org/x/sys/cpu"

//go:noescape
func readAVX2(b []uint64) uint64

//go:noescape
func readAVX512(b []uint64) uint64

// Read reads every word of b once and returns their XOR, so that the reads
// cannot be optimised away. It uses the widest loads this CPU has: one core
// streams from memory fastest when each load instruction brings a whole
// cache line.
func Read(b []uint64) uint64 {
	var r uint64
	switch {
	case cpu.X86.HasAVX512F:
		r = readAVX512(b)
		b = b[len(b)&^31:]
	case cpu.X86.HasAVX2:
		r = readAVX2(b)
		b = b[len(b)&^15:]
	}
	return r ^ readGo(b)
}
