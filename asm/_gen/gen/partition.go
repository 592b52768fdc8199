package gen

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/gotypes"
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
	takePlace(p, np, pos, idx, dlen)
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

	scatterEnd(i, n)
}

// ScatterRows emits scatterRows{ncols}NT, the full-line part of
// asm.ScatterRows: the scatter of the codes, made relative to their
// partition, and of ncols 8-byte columns in one pass, so that each row's
// code is read, its partition found and its place taken once rather than
// once per array. A partition's lines lie together in buf: the codes' line
// (16 elements), then one line (8 elements) per column. The columns' lines
// fill every 8 rows of the partition, the codes' every 16; each is written
// whole with non-temporal stores when it lies in the segment, element by
// element from the segment's start when the segment starts inside it, and
// the partial lines are left in buf for the Go wrapper. dk and the dsts
// must be 64-byte aligned; false means a row's partition or place was out
// of range.
func ScatterRows(ncols int) {
	name := fmt.Sprintf("scatterRows%dNT", ncols)
	sig := "func(k []int32"
	for j := range ncols {
		sig += fmt.Sprintf(", src%d []uint64", j)
	}
	sig += ", pos, start []int, dk []uint32"
	for j := range ncols {
		sig += fmt.Sprintf(", dst%d []uint64", j)
	}
	sig += ", buf []uint64) bool"
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is the full-line part of ScatterRows with %d columns: see asm/partition.go.", name, ncols))
	k := Load(Param("k").Base(), GP64())
	pos := Load(Param("pos").Base(), GP64())
	buf := Load(Param("buf").Base(), GP64())
	src := make([]reg.Register, ncols)
	for j := range src {
		src[j] = Load(Param(fmt.Sprintf("src%d", j)).Base(), GP64())
	}
	// The lengths, start and the destinations stay in memory: they are read
	// once a row (loads that hit L1) or once a line, and the registers go
	// to the row.
	n, np, dlen := addr(Param("k").Len()), addr(Param("pos").Len()), addr(Param("dk").Len())
	i, p, idx, line, slot, x := GP64(), GP64(), GP64(), GP64(), GP64(), GP64()
	XORQ(i, i)
	CMPQ(n, U8(0))
	JE(LabelRef("done"))
	Label("loop")
	MOVL(Mem{Base: k, Index: i, Scale: 4}, p.(reg.GPVirtual).As32()) // zero-extended: a negative code is out of range
	MOVQ(p, x)
	ANDQ(U32(1<<partitionShift-1), x) // the code relative to its partition
	SHRQ(U8(partitionShift), p)
	takePlace(p, np, pos, idx, dlen)
	IMUL3Q(U32(64*(1+ncols)), p, line)
	ADDQ(buf, line) // line = the partition's lines in buf
	MOVQ(idx, slot)
	ANDQ(U8(15), slot)
	MOVL(x.(reg.GPVirtual).As32(), Mem{Base: line, Index: slot, Scale: 4})
	MOVQ(idx, slot)
	ANDQ(U8(7), slot)
	for j := range ncols {
		MOVQ(Mem{Base: src[j], Index: i, Scale: 8}, x)
		MOVQ(x, Mem{Base: line, Index: slot, Scale: 8, Disp: 64 * (1 + j)})
	}
	INCQ(idx)
	MOVQ(idx, Mem{Base: pos, Index: p, Scale: 8})
	if ncols > 0 {
		TESTQ(U32(7), idx)
		JNZ(LabelRef("next"))
	} else {
		TESTQ(U32(15), idx)
		JNZ(LabelRef("next"))
	}
	Comment("A line is full: p becomes start[p], the segment's first element.")
	Load(Param("start").Base(), x)
	MOVQ(Mem{Base: x, Index: p, Scale: 8}, p)
	// flush writes the line of elements of size at off in the partition's
	// lines to the array of param, whose elements [idx-per, idx) it holds:
	// whole, or from the segment's start when that lies inside it.
	flush := func(param string, size, off int, head, after string) {
		per := 64 / size
		MOVQ(idx, slot)
		SUBQ(U8(per), slot) // the line's first element
		CMPQ(slot, p)
		JL(LabelRef(head))
		Load(Param(param).Base(), x)
		LEAQ(Mem{Base: x, Index: slot, Scale: uint8(size)}, x)
		VMOVDQU(Mem{Base: line, Disp: off}, reg.Y0)
		VMOVDQU(Mem{Base: line, Disp: off + 32}, reg.Y1)
		VMOVNTDQ(reg.Y0, Mem{Base: x})
		VMOVNTDQ(reg.Y1, Mem{Base: x, Disp: 32})
		JMP(LabelRef(after))
		Label(head)
		MOVQ(p, slot)
		Label(head + "_loop")
		e, d := GP64(), GP64()
		MOVQ(slot, e)
		ANDQ(U8(per-1), e)
		Load(Param(param).Base(), d)
		if size == 4 {
			MOVL(Mem{Base: line, Index: e, Scale: 4, Disp: off}, e.(reg.GPVirtual).As32())
			MOVL(e.(reg.GPVirtual).As32(), Mem{Base: d, Index: slot, Scale: 4})
		} else {
			MOVQ(Mem{Base: line, Index: e, Scale: 8, Disp: off}, e)
			MOVQ(e, Mem{Base: d, Index: slot, Scale: 8})
		}
		INCQ(slot)
		CMPQ(slot, idx)
		JL(LabelRef(head + "_loop"))
		Label(after)
	}
	for j := range ncols {
		flush(fmt.Sprintf("dst%d", j), 8, 64*(1+j), fmt.Sprintf("head%d", j), fmt.Sprintf("flushed%d", j))
	}
	if ncols > 0 {
		TESTQ(U32(15), idx)
		JNZ(LabelRef("next"))
	}
	flush("dk", 4, 0, "headk", "flushedk")
	scatterEnd(i, n)
}

// takePlace loads idx = pos[p], the place of a row of partition p, going
// to "bad" when p >= np or idx >= dlen.
func takePlace(p reg.Register, np Op, pos, idx reg.Register, dlen Op) {
	CMPQ(p, np)
	JAE(LabelRef("bad"))
	MOVQ(Mem{Base: pos, Index: p, Scale: 8}, idx)
	CMPQ(idx, dlen)
	JAE(LabelRef("bad"))
}

// scatterEnd ends a scatter's row loop ("next": i++, back to "loop" while
// i < n) and returns true from "done", false from "bad", both after
// ordering the non-temporal stores.
func scatterEnd(i reg.Register, n Op) {
	Label("next")
	INCQ(i)
	CMPQ(i, n)
	JL(LabelRef("loop"))
	for _, end := range []struct {
		label string
		ok    int
	}{{"done", 1}, {"bad", 0}} {
		Label(end.label)
		SFENCE() // order the non-temporal stores before what follows
		VZEROUPPER()
		MOVB(U8(end.ok), reg.AL)
		Store(reg.AL, ReturnIndex(0))
		RET()
	}
}

// addr is the memory operand of an argument.
func addr(c gotypes.Component) Mem {
	b, err := c.Resolve()
	if err != nil {
		panic(err)
	}
	return b.Addr
}
