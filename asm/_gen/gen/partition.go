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
func Scatter(size int) {
	bits := 8 * size
	per := 64 / size // elements per line
	name := fmt.Sprintf("scatter%dNT", bits)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(k []int32, src []uint%d, pos, start []int, dst, buf []uint%d) bool", bits, bits))
	Pragma("noescape")
	Doc(name + " is the full-line part of Scatter" + fmt.Sprint(bits) + ": see asm/partition.go.")
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
	MOVL(Mem{Base: k, Index: i, Scale: 4}, p.(reg.GPVirtual).As32()) // zero-extended: a negative code is out of range
	SHRQ(U8(partitionShift), p)
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
	INCQ(idx)
	MOVQ(idx, Mem{Base: pos, Index: p, Scale: 8})
	CMPQ(slot, U8(per-1))
	JE(LabelRef("full"))
	store(x, Mem{Base: line, Index: slot, Scale: uint8(size)})
	JMP(LabelRef("next"))

	// The last element of a line stays in x: a 32-byte load of the line
	// right after a store into it would wait for the store to complete.
	Comment("The line is full: write it, whole when it lies in the segment.")
	Label("full")
	MOVQ(idx, slot)
	SUBQ(U8(per), slot) // the line's first element
	st := Load(Param("start").Base(), GP64())
	t := GP64()
	MOVQ(Mem{Base: st, Index: p, Scale: 8}, t)
	CMPQ(slot, t)
	JL(LabelRef("head"))
	LEAQ(Mem{Base: dst, Index: slot, Scale: uint8(size)}, slot)
	VMOVDQU(Mem{Base: line}, reg.Y0)
	VMOVDQU(Mem{Base: line, Disp: 32}, reg.Y1)
	VMOVQ(x, reg.X2)
	if size == 8 {
		VPBROADCASTQ(reg.X2, reg.Y2)
	} else {
		VPBROADCASTD(reg.X2, reg.Y2)
	}
	VPBLENDD(U8(0x80|0x40*b2u(size == 8)), reg.Y2, reg.Y1, reg.Y1) // x as the line's last element
	VMOVNTDQ(reg.Y0, Mem{Base: slot})
	VMOVNTDQ(reg.Y1, Mem{Base: slot, Disp: 32})
	JMP(LabelRef("next"))

	Comment("The segment starts inside this line: its elements from start[p].")
	Label("head")
	DECQ(idx) // the last element's place, written from x
	Label("head_loop")
	CMPQ(t, idx)
	JGE(LabelRef("head_last"))
	MOVQ(t, slot)
	ANDQ(U8(per-1), slot)
	mov(Mem{Base: line, Index: slot, Scale: uint8(size)}, slot)
	store(slot, Mem{Base: dst, Index: t, Scale: uint8(size)})
	INCQ(t)
	JMP(LabelRef("head_loop"))
	Label("head_last")
	store(x, Mem{Base: dst, Index: idx, Scale: uint8(size)})

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

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}
