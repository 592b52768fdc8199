package gen

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// partitionShift is asm.PartitionShift.
const partitionShift = 13

// Scatter emits scatter{32,64}NT, the stable partition of asm.Scatter32
// and Scatter64 with software write-combining: each partition collects its
// elements in a 64-byte line of buf and writes the line to dst whole, with
// non-temporal stores, once it is full. Writing element by element to a
// few hundred partitions makes each store wait for its line to be read
// from memory; whole lines written around the caches need no read.
//
// dst must be 64-byte aligned. A partition's first line may start before
// its segment (it ends the previous partition's): it is written element by
// element from the segment's start. The last, partial line of each
// partition is left in buf for the Go wrapper to write. The routine
// returns false, having written part of dst, when a row's partition or
// place is out of range.
//
// With parts, k is a []uint8 of partitions (asm.ScatterParts64) rather
// than codes whose ranges are the partitions.
func Scatter(size int, parts bool) {
	bits := 8 * size
	per := 64 / size // elements per line
	name, spec, keys := fmt.Sprintf("scatter%dNT", bits), fmt.Sprintf("Scatter%d", bits), "[]int32"
	if parts {
		name, spec, keys = fmt.Sprintf("scatterParts%dNT", bits), fmt.Sprintf("ScatterParts%d", bits), "[]uint8"
	}
	TEXT(name, NOSPLIT, fmt.Sprintf("func(k %s, src []uint%d, pos, start []int, dst, buf []uint%d) bool", keys, bits, bits))
	Pragma("noescape")
	Doc(name + " is the full-line part of " + spec + ": see asm/partition.go.")
	k := Load(Param("k").Base(), GP64())
	n := Load(Param("k").Len(), GP64())
	src := Load(Param("src").Base(), GP64())
	pos := Load(Param("pos").Base(), GP64())
	np := Load(Param("pos").Len(), GP64())
	dst := Load(Param("dst").Base(), GP64())
	dlen := Load(Param("dst").Len(), GP64())
	buf := Load(Param("buf").Base(), GP64())
	i, p, idx, slot, line, x := GP64(), GP64(), GP64(), GP64(), GP64(), GP64()
	mov := func(m Mem, r reg.Register) { // element load
		if size == 4 {
			MOVL(m, r.(reg.GPVirtual).As32())
			return
		}
		MOVQ(m, r)
	}
	store := func(r reg.Register, m Mem) {
		if size == 4 {
			MOVL(r.(reg.GPVirtual).As32(), m)
			return
		}
		MOVQ(r, m)
	}
	XORQ(i, i)
	CMPQ(n, U8(0))
	JE(LabelRef("done"))
	Label("loop")
	if parts {
		MOVBQZX(Mem{Base: k, Index: i, Scale: 1}, p)
	} else {
		MOVL(Mem{Base: k, Index: i, Scale: 4}, p.(reg.GPVirtual).As32()) // zero-extended: a negative code is out of range
		SHRQ(U8(partitionShift), p)
	}
	CMPQ(p, np)
	JAE(LabelRef("bad"))
	MOVQ(Mem{Base: pos, Index: p, Scale: 8}, idx)
	CMPQ(idx, dlen)
	JAE(LabelRef("bad"))
	mov(Mem{Base: src, Index: i, Scale: uint8(size)}, x)
	MOVQ(p, line)
	SHLQ(U8(6), line)
	ADDQ(buf, line) // line = &buf[p*per]
	MOVQ(idx, slot)
	ANDQ(U8(per-1), slot)
	store(x, Mem{Base: line, Index: slot, Scale: uint8(size)})
	INCQ(idx)
	MOVQ(idx, Mem{Base: pos, Index: p, Scale: 8})
	TESTQ(U32(per-1), idx)
	JNZ(LabelRef("next"))

	Comment("The line is full: write it, whole when it lies in the segment.")
	MOVQ(idx, slot)
	SUBQ(U8(per), slot) // the line's first element
	st := Load(Param("start").Base(), GP64())
	MOVQ(Mem{Base: st, Index: p, Scale: 8}, x)
	CMPQ(slot, x)
	JL(LabelRef("head"))
	LEAQ(Mem{Base: dst, Index: slot, Scale: uint8(size)}, slot)
	VMOVDQU(Mem{Base: line}, reg.Y0)
	VMOVDQU(Mem{Base: line, Disp: 32}, reg.Y1)
	VMOVNTDQ(reg.Y0, Mem{Base: slot})
	VMOVNTDQ(reg.Y1, Mem{Base: slot, Disp: 32})
	JMP(LabelRef("next"))

	Comment("The segment starts inside this line: its elements from start[p].")
	Label("head")
	MOVQ(Mem{Base: st, Index: p, Scale: 8}, slot)
	Label("head_loop")
	MOVQ(slot, x)
	ANDQ(U8(per-1), x)
	mov(Mem{Base: line, Index: x, Scale: uint8(size)}, x)
	store(x, Mem{Base: dst, Index: slot, Scale: uint8(size)})
	INCQ(slot)
	CMPQ(slot, idx)
	JL(LabelRef("head_loop"))

	Label("next")
	INCQ(i)
	CMPQ(i, n)
	JL(LabelRef("loop"))
	Label("done")
	SFENCE() // order the non-temporal stores before what follows
	VZEROUPPER()
	MOVB(U8(1), reg.AL)
	Store(reg.AL, ReturnIndex(0))
	RET()
	Label("bad")
	SFENCE()
	VZEROUPPER()
	MOVB(U8(0), reg.AL)
	Store(reg.AL, ReturnIndex(0))
	RET()
}
