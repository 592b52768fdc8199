//go:build purego || !amd64

package membw

// Read reads every word of b once and returns their XOR, so that the reads
// cannot be optimised away.
func Read(b []uint64) uint64 { return readGo(b) }
