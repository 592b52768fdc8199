//go:build !purego

package asm

import "unsafe"

// scatterRowsAsm is ScatterRows with the routines of up to three columns
// (amd64): it checks what they trust, falls back to the Go loop for more
// columns or arrays that are not 64-byte aligned, and writes the last,
// partial lines of each partition, which the routines leave in buf.
func scatterRowsAsm(k []int32, src [][]uint64, start, pos []int, dk []uint32, dst [][]uint64, buf []uint64) {
	n := len(src)
	aligned := n <= 3 && len(dk) > 0 && uintptr(unsafe.Pointer(unsafe.SliceData(dk)))%64 == 0
	var s, d [3][]uint64
	for j := range min(n, 3) {
		s[j], d[j] = src[j][:len(k)], dst[j][:len(dk)]
		aligned = aligned && uintptr(unsafe.Pointer(unsafe.SliceData(d[j])))%64 == 0
	}
	if !aligned {
		scatterRowsGo(k, src, start, pos, dk, dst, buf)
		return
	}
	per := 8 * (1 + n) // buf elements of a partition
	pos, buf = pos[:len(start)], buf[:per*len(start)]
	copy(pos, start)
	var ok bool
	switch n {
	case 0:
		ok = scatterRows0NT(k, pos, start, dk, buf)
	case 1:
		ok = scatterRows1NT(k, s[0], pos, start, dk, d[0], buf)
	case 2:
		ok = scatterRows2NT(k, s[0], s[1], pos, start, dk, d[0], d[1], buf)
	case 3:
		ok = scatterRows3NT(k, s[0], s[1], s[2], pos, start, dk, d[0], d[1], d[2], buf)
	}
	if !ok {
		panic("asm: partition: a row's partition or place is out of range")
	}
	for p, end := range pos {
		lines := buf[p*per : (p+1)*per]
		codes := (*[16]uint32)(unsafe.Pointer(&lines[0]))
		for e := max(end&^15, start[p]); e < end; e++ {
			dk[e] = codes[e&15]
		}
		for j := range n {
			for e := max(end&^7, start[p]); e < end; e++ {
				d[j][e] = lines[8*(1+j)+e&7]
			}
		}
	}
}
