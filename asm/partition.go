package asm

import "unsafe"

// PartitionShift fixes the code ranges of the group-by's radix partition:
// partition p holds the rows whose code c has c>>PartitionShift == p,
// 8192 groups, whose deviation slots (32 B a group for two columns) and
// means take well under the 2 MiB of an L2 cache.
const PartitionShift = 13

// Scatter32 writes, for every row i in order, src[i] to dst[pos[p]] and
// increments pos[p], where p = k[i] >> PartitionShift and pos starts as a
// copy of start: a stable partition of src by code range. start[p] is
// where partition p's segment of dst begins; segments must not overlap.
// pos (len(start)) and buf (16 elements per partition) are scratch. It
// panics when a row's partition or place is out of range.
//
// Scatter32 and Scatter64 are the specification of the partition routines.
func Scatter32(k []int32, src []uint32, start, pos []int, dst, buf []uint32) {
	scatterGo(k, src, start, pos, dst, buf)
}

// Scatter64 is Scatter32 for 8-byte elements, with 8 elements of buf per
// partition.
func Scatter64(k []int32, src []uint64, start, pos []int, dst, buf []uint64) {
	scatterGo(k, src, start, pos, dst, buf)
}

// ScatterParts64 is Scatter64 with the partition of row i given by
// part[i] rather than by its code's range: factorize's partition of keys
// by hash.
func ScatterParts64(part []uint8, src []uint64, start, pos []int, dst, buf []uint64) {
	scatterPartsGo(part, src, start, pos, dst, buf)
}

// ScatterRows partitions a chunk's rows in one pass: for every row i in
// order, with p = k[i] >> PartitionShift, it writes the code relative to
// its partition, k[i] & (1<<PartitionShift - 1), to dk[pos[p]] and
// src[j][i] to dst[j][pos[p]] for every column j, then increments pos[p]
// (pos starts as a copy of start). So dk is Scatter32 of the relative
// codes and each dst[j] Scatter64 of src[j]. Each dst[j] must be as long
// as dk; buf (scratch) holds 8·(1+len(src)) elements a partition. It panics
// when a row's partition or place is out of range.
func ScatterRows(k []int32, src [][]uint64, start, pos []int, dk []uint32, dst [][]uint64, buf []uint64) {
	scatterRowsGo(k, src, start, pos, dk, dst, buf)
}

func scatterRowsGo(k []int32, src [][]uint64, start, pos []int, dk []uint32, dst [][]uint64, _ []uint64) {
	for j := range src {
		_, _ = src[j][:len(k)], dst[j][:len(dk)]
	}
	copy(pos[:len(start)], start)
	for i, c := range k {
		p := uint32(c) >> PartitionShift
		at := pos[p]
		dk[at] = uint32(c) & (1<<PartitionShift - 1)
		for j, s := range src {
			dst[j][at] = s[i]
		}
		pos[p]++
	}
}

func scatterGo[E uint32 | uint64](k []int32, src []E, start, pos []int, dst, _ []E) {
	src = src[:len(k)]
	copy(pos[:len(start)], start)
	for i, c := range k {
		p := uint32(c) >> PartitionShift
		dst[pos[p]] = src[i]
		pos[p]++
	}
}

func scatterPartsGo[E uint32 | uint64](part []uint8, src []E, start, pos []int, dst, _ []E) {
	src = src[:len(part)]
	copy(pos[:len(start)], start)
	for i, p := range part {
		dst[pos[p]] = src[i]
		pos[p]++
	}
}

// scatterLines wraps a routine that writes the full 64-byte lines of the
// partition (amd64): it checks what the routine trusts, falls back to the
// Go loop for a dst that is not 64-byte aligned, and writes the last,
// partial line of each partition, which the routine leaves in buf.
func scatterLines[K int32 | uint8, E uint32 | uint64](f func(k []K, src []E, pos, start []int, dst, buf []E) bool,
	fallback func(k []K, src []E, start, pos []int, dst, buf []E)) func(k []K, src []E, start, pos []int, dst, buf []E) {
	var e E
	per := 64 / int(unsafe.Sizeof(e))
	return func(k []K, src []E, start, pos []int, dst, buf []E) {
		src, pos, buf = src[:len(k)], pos[:len(start)], buf[:per*len(start)]
		if len(dst) == 0 || uintptr(unsafe.Pointer(unsafe.SliceData(dst)))%64 != 0 {
			fallback(k, src, start, pos, dst, buf)
			return
		}
		copy(pos, start)
		if !f(k, src, pos, start, dst, buf) {
			panic("asm: partition: a row's partition or place is out of range")
		}
		for p, end := range pos {
			for j := max(end&^(per-1), start[p]); j < end; j++ {
				dst[j] = buf[p*per+j&(per-1)]
			}
		}
	}
}
