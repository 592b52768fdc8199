package gen

import (
	"fmt"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The group-by passes (asm/group.go is their specification) are scatters:
// each row updates a slot of 2 or 4 float64 sub-accumulators, one per
// column (or the row count), with one 16- or 32-byte load, add and store
// (VEX encodings, so one routine serves the AVX2 and AVX-512 levels). A
// row of three columns and its count costs one read-modify-write instead
// of four, and its code is loaded and masked once. Rows of different lanes
// never touch the same slot, so runs of one group (sorted keys) chain
// through memory only every lanes rows.

// GroupLanes are the lane counts of the group-by passes; each has its own
// routines, with the lane of each row a constant displacement.
var GroupLanes = []int{1, 4}

// groupRows emits the loop over the rows of k: four rows per iteration,
// then the n mod 4 last ones. row(r, slot, g) emits the update of row i+r,
// whose slot is slot, at 8*width*lanes*(k[i+r] & mask) from t plus
// 8*width*j for its lane j, and whose group is g = k[i+r] & mask. Rows
// come in order, and the first row of a chunk is a multiple of 4, so row
// i+r has lane (i+r) mod 4 when lanes = 4. A width of 12 is 3 times a
// power of two.
//
// The slot is addressed from a pointer (t plus the offset); indexed
// addressing measured the same here (docs/simd-amd64.md).
//
// Each iteration of four rows first prefetches the streams, when there are
// any: the addresses of the rows 256 ahead in k and the columns.
func groupRows(lanes, width int, k, n, mask, t, i reg.Register, streams []stream, row func(r int, slot Mem, g reg.Register)) {
	off, g := GP64(), GP64()
	bytes := 8 * width * lanes
	triple := width%3 == 0
	if triple {
		bytes /= 3
	}
	shift := U8(log2(bytes))
	index := func(r int) {
		MOVLQSX(Mem{Base: k, Index: i, Scale: 4, Disp: 4 * r}, g) // g = int64(k[i+r])
		ANDQ(mask, g)                                             // the group, masked
		if triple {
			LEAQ(Mem{Base: g, Index: g, Scale: 2}, off) // 3*group
		} else {
			MOVQ(g, off)
		}
		SHLQ(shift, off) // its slots' byte offset
		ADDQ(t, off)     // their address
	}
	slot := func(j int) Mem { return Mem{Base: off, Disp: 8 * width * j} }
	end := GP64()
	MOVQ(n, end)
	ANDQ(I32(-4), end)
	XORQ(i, i)
	CMPQ(end, U8(0))
	JE(LabelRef("tail"))
	Label("loop")
	for _, st := range streams {
		PREFETCHT1(Mem{Base: st.p, Index: i, Scale: uint8(st.size), Disp: prefetchRows * st.size})
	}
	for r := range 4 {
		index(r)
		row(r, slot(r%lanes), g)
	}
	ADDQ(U8(4), i)
	CMPQ(i, end)
	JL(LabelRef("loop"))
	Label("tail")
	for r := range 3 {
		CMPQ(i, n)
		JGE(LabelRef("done"))
		index(0)
		row(0, slot(r%lanes), g)
		INCQ(i)
	}
	Label("done")
}

// A stream is a column read in row order: its base and element size.
type stream struct {
	p    reg.Register
	size int
}

// prefetchRows is how far ahead the sum passes prefetch: 2 KiB of float64.
// A scatter keeps the out-of-order window full of table updates, so the
// hardware prefetchers alone leave the streams waiting on memory.
const prefetchRows = 256

func log2(n int) int {
	s := 0
	for 1<<s < n {
		s++
	}
	return s
}

// loadRow puts column p's value of row i+r in the low lane of x.
func loadRow(e Elem, p, i reg.Register, r int, x reg.VecPhysical) {
	if e.Size == 8 {
		VMOVSD(Mem{Base: p, Index: i, Scale: 8, Disp: 8 * r}, x)
		return
	}
	VCVTSS2SD(Mem{Base: p, Index: i, Scale: 4, Disp: 4 * r}, x, x)
}

// pairOf puts [column a, column b] of row i+r in x (tmp is clobbered).
// For float64 it uses no shuffle, the scarcest port on Intel cores: b is
// loaded duplicated (a pure load) and blended in.
func pairOf(e Elem, a, b, i reg.Register, r int, x, tmp reg.VecPhysical) {
	if e.Size == 8 {
		VMOVSD(Mem{Base: a, Index: i, Scale: 8, Disp: 8 * r}, x)     // [a, 0]
		VMOVDDUP(Mem{Base: b, Index: i, Scale: 8, Disp: 8 * r}, tmp) // [b, b]
		VBLENDPD(U8(2), tmp, x, x)                                   // [a, b]
		return
	}
	loadRow(e, a, i, r, x)
	loadRow(e, b, i, r, tmp)
	VUNPCKLPD(tmp, x, x)
}

// ones puts 1.0 in every lane of the ymm register y.
func ones(y reg.VecPhysical) {
	t := GP64()
	MOVQ(U64(0x3FF0000000000000), t)
	VMOVQ(t, y.AsX())
	VBROADCASTSD(y.AsX(), y)
}

// GroupSums emits the sum passes of lanes L: groupSum{F64,F32}L (slot
// [a]), groupSums{F64,F32}L ([a, b]), groupCountSums{F64,F32}L ([a, 1]),
// groupNanSums{F64,F32}L ([a, 1], or [+0, +0] for a NaN a) and
// groupSums3{F64,F32}L ([a, b, c, 1]).
func GroupSums(e Elem, lanes int) {
	X0, X1, X2 := reg.X0, reg.X1, reg.X2
	for _, v := range []struct {
		name, cols, doc string
		width           int
	}{
		{"groupSum", "a", "adds a[i] to row i's slot in s, the same bits as GroupSum", 1},
		{"groupSums", "a, b", "adds a[i] and b[i] to row i's slot in s, the same bits as GroupSums", 2},
		{"groupCountSums", "a", "adds a[i] and 1 to row i's slot in s, the same bits as GroupSums with b nil", 2},
		{"groupNanSums", "a", "adds a[i] and 1, or +0.0 and +0.0 for a NaN, to row i's slot in s, the same bits as GroupNanSums", 2},
		{"groupSums3", "a, b, c", "adds a[i], b[i], c[i] and 1 to row i's slot in s, the same bits as GroupSums3", 4},
	} {
		name := fmt.Sprintf("%s%sL%d", v.name, e.Name, lanes)
		TEXT(name, NOSPLIT, fmt.Sprintf("func(mask int, k []int32, %s []%s, s []float64)", v.cols, e.Go))
		Pragma("noescape")
		Doc(fmt.Sprintf("%s %s with lanes = %d.", name, v.doc, lanes), "The Go wrapper checks mask and the lengths.")
		k := Load(Param("k").Base(), GP64())
		n := Load(Param("k").Len(), GP64())
		mask := Load(Param("mask"), GP64())
		s := Load(Param("s").Base(), GP64())
		a := Load(Param("a").Base(), GP64())
		var b, c reg.Register
		if v.width == 4 || v.name == "groupSums" {
			b = Load(Param("b").Base(), GP64())
		}
		if v.width == 4 {
			c = Load(Param("c").Base(), GP64())
		}
		if v.width > 1 {
			Comment("Y2 = [1, 1, 1, 1]")
			ones(reg.Y2)
		}
		i := GP64()
		streams := []stream{{k, 4}, {a, e.Size}}
		for _, p := range []reg.Register{b, c} {
			if p != nil {
				streams = append(streams, stream{p, e.Size})
			}
		}
		groupRows(lanes, v.width, k, n, mask, s, i, streams, func(r int, slot Mem, _ reg.Register) {
			switch {
			case v.width == 1:
				loadRow(e, a, i, r, X0)
				VADDSD(slot, X0, X0)
				VMOVSD(X0, slot)
				return
			case v.name == "groupSums":
				pairOf(e, a, b, i, r, X0, X1) // X0 = [a, b]
			case v.name == "groupCountSums":
				loadRow(e, a, i, r, X0)
				VBLENDPD(U8(2), X2, X0, X0) // X0 = [a, 1]
			case v.name == "groupNanSums":
				if e.Size == 8 {
					VMOVDDUP(Mem{Base: a, Index: i, Scale: 8, Disp: 8 * r}, X0) // [a, a]
				} else {
					loadRow(e, a, i, r, X0)
					VMOVDDUP(X0, X0) // [a, a]
				}
				VCMPPD(U8(ordered), X0, X0, X1) // all ones where a is not NaN
				VBLENDPD(U8(2), X2, X0, X0)     // [a, 1]
				VANDPD(X1, X0, X0)              // [+0, +0] for a NaN
			default:
				row3(e, a, b, c, i, r) // Y0 = [a, b, c, 1]
			}
			x := X0.AsX()
			if v.width == 4 {
				VADDPD(slot, Y0(), Y0()) // each lane: sub-accumulator + value
				VMOVUPD(Y0(), slot)
				return
			}
			VADDPD(slot, x, x)
			VMOVUPD(x, slot)
		})
		VZEROUPPER()
		RET()
	}
}

// row3 puts [a, b, c, 1] of row i+r in Y0, with Y2 = [1, 1, 1, 1]
// (clobbers Y1 and X3).
func row3(e Elem, a, b, c, i reg.Register, r int) {
	X0, X1, X2, X3 := reg.X0, reg.X1, reg.X2, reg.X3
	if e.Size == 8 {
		// Broadcast loads and blends: no shuffle.
		loadRow(e, a, i, r, X0) // Y0 = [a, 0, 0, 0]
		VBROADCASTSD(Mem{Base: b, Index: i, Scale: 8, Disp: 8 * r}, reg.Y1)
		VBLENDPD(U8(2), reg.Y1, Y0(), Y0()) // [a, b, 0, 0]
		VBROADCASTSD(Mem{Base: c, Index: i, Scale: 8, Disp: 8 * r}, reg.Y1)
		VBLENDPD(U8(4), reg.Y1, Y0(), Y0()) // [a, b, c, 0]
		VBLENDPD(U8(8), reg.Y2, Y0(), Y0()) // [a, b, c, 1]
		return
	}
	pairOf(e, a, b, i, r, X0, X1) // X0 = [a, b]
	loadRow(e, c, i, r, X3)
	VBLENDPD(U8(2), X2, X3, X3)            // X3 = [c, 1]
	VINSERTF128(U8(1), X3, X0.AsY(), Y0()) // Y0 = [a, b, c, 1]
}

// GroupMoments emits the one-pass moment passes of lanes L:
// groupMoments{F64,F32}L (slot [x, 1, d, d*d], shifts [K, 1]) and
// groupMoments3{F64,F32}L (slot [a, b, c, 1, da, db, dc, 0, da*da, db*db,
// dc*dc, 0], shifts [Ka, Kb, Kc, 1]). A group's first row stores its
// values as the shifts and zeroes the group's slots, out of line: a branch
// taken once per group and chunk, which spares the caller clearing the
// table.
func GroupMoments(e Elem, lanes int) {
	groupMoments1(e, lanes)
	groupMoments3(e, lanes)
}

func groupMoments1(e Elem, lanes int) {
	X0, X1, X2, X3 := reg.X0, reg.X1, reg.X2, reg.X3
	name := fmt.Sprintf("groupMoments%sL%d", e.Name, lanes)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(mask int, k []int32, x []%s, K, t []float64)", e.Go))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s adds [x[i], 1, d, d*d] to row i's slot in t, the same bits as GroupMoments with lanes = %d.", name, lanes),
		"The Go wrapper checks mask and the lengths.")
	k := Load(Param("k").Base(), GP64())
	n := Load(Param("k").Len(), GP64())
	mask := Load(Param("mask"), GP64())
	t := Load(Param("t").Base(), GP64())
	sh := Load(Param("K").Base(), GP64())
	x := Load(Param("x").Base(), GP64())
	Comment("Y2 = [1, 1, 1, 1]")
	ones(reg.Y2)
	i := GP64()
	var firsts []func()
	groupRows(lanes, 4, k, n, mask, t, i, []stream{{k, 4}, {x, e.Size}}, func(r int, slot Mem, g reg.Register) {
		first, back := fmt.Sprintf("first%d", len(firsts)), fmt.Sprintf("back%d", len(firsts))
		SHLQ(U8(4), g) // the byte offset of the group's shift [K, 1]
		shift := Mem{Base: sh, Index: g, Scale: 1}
		loadRow(e, x, i, r, X0)
		VBLENDPD(U8(2), X2, X0, X0) // X0 = [x, 1]
		CMPQ(shift.Offset(8), U8(0))
		JE(LabelRef(first)) // the group's first row
		Label(back)
		VSUBPD(shift, X0, X1)                  // [d, 1-1]
		VMULSD(X1, X1, X3)                     // [d*d, ...], rounded
		VUNPCKLPD(X3, X1, X1)                  // [d, d*d]
		VINSERTF128(U8(1), X1, reg.Y0, reg.Y0) // [x, 1, d, d*d]
		VADDPD(slot, reg.Y0, reg.Y0)
		VMOVUPD(reg.Y0, slot)
		firsts = append(firsts, func() {
			Label(first)
			VMOVUPD(X0, shift)
			zeroSlots(Mem{Base: slot.Base}, 32*lanes) // from lane 0
			JMP(LabelRef(back))
		})
	})
	VZEROUPPER()
	RET()
	for _, f := range firsts {
		f()
	}
}

// zeroSlots stores zeros into the bytes [0, n) from m, a multiple of 32
// (clobbers Y11).
func zeroSlots(m Mem, n int) {
	VXORPD(reg.Y11, reg.Y11, reg.Y11)
	for o := 0; o < n; o += 32 {
		VMOVUPD(reg.Y11, m.Offset(o))
	}
}

// groupMoments3 loads the three columns of four rows at a time and
// transposes them into the rows' [a, b, c, 1] (8 shuffles for 4 rows,
// where broadcasts and blends take 6 micro-ops a row), and addresses the
// slots and shifts by scaled index.
func groupMoments3(e Elem, lanes int) {
	D, Q := reg.Y8, reg.Y9
	name := fmt.Sprintf("groupMoments3%sL%d", e.Name, lanes)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(mask int, k []int32, a, b, c []%s, K, t []float64)", e.Go))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s adds the values, deviations and squares of row i to its slot in t, the same bits as GroupMoments3 with lanes = %d.", name, lanes),
		"The Go wrapper checks mask and the lengths.")
	k := Load(Param("k").Base(), GP64())
	n := Load(Param("k").Len(), GP64())
	mask := Load(Param("mask"), GP64())
	t := Load(Param("t").Base(), GP64())
	sh := Load(Param("K").Base(), GP64())
	a := Load(Param("a").Base(), GP64())
	b := Load(Param("b").Base(), GP64())
	c := Load(Param("c").Base(), GP64())
	Comment("Y2 = [1, 1, 1, 1]")
	ones(reg.Y2)
	i, g, off := GP64(), GP64(), GP64()
	index := groupOffsets(k, i, mask, g, off, 3) // off = 96*group
	var firsts []func()
	// update adds row v = [a, b, c, 1] (clobbered) of lane j.
	update := func(v reg.VecPhysical, j int) {
		first, back := fmt.Sprintf("first%d", len(firsts)), fmt.Sprintf("back%d", len(firsts))
		shifts := Mem{Base: sh, Index: g, Scale: 1}
		CMPQ(shifts.Offset(24), U8(0))
		JE(LabelRef(first)) // the group's first row
		Label(back)
		VSUBPD(shifts, v, D) // [da, db, dc, 0]
		VMULPD(D, D, Q)      // rounded squares
		slot := Mem{Base: t, Index: off, Scale: uint8(lanes), Disp: 96 * j}
		VADDPD(slot, v, v)
		VMOVUPD(v, slot)
		VADDPD(slot.Offset(32), D, D)
		VMOVUPD(D, slot.Offset(32))
		VADDPD(slot.Offset(64), Q, Q)
		VMOVUPD(Q, slot.Offset(64))
		firsts = append(firsts, func() {
			Label(first)
			VMOVUPD(v, shifts)
			zeroSlots(Mem{Base: t, Index: off, Scale: uint8(lanes)}, 96*lanes)
			JMP(LabelRef(back))
		})
	}
	rows3(e, lanes, k, n, a, b, c, i, index, update)
	Label("done")
	VZEROUPPER()
	RET()
	for _, f := range firsts {
		f()
	}
}

// Y0 is the 256-bit view of X0.
func Y0() reg.VecPhysical { return reg.Y0 }

// ordered is the VCMPPD/VCMPSD predicate ORD_Q: true where neither
// operand is NaN.
const ordered = 7

// groupOffsets returns index(r), which puts in g 32 times the masked group
// of row i+r (the byte offset of its 32 bytes of shifts or means) and in
// off m times that (m = 2 or 3): its slots are at lanes*off from the table.
func groupOffsets(k, i, mask, g, off reg.Register, m int) func(r int) {
	return func(r int) {
		MOVLQSX(Mem{Base: k, Index: i, Scale: 4, Disp: 4 * r}, g) // g = int64(k[i+r])
		ANDQ(mask, g)                                             // the group, masked
		SHLQ(U8(5), g)
		LEAQ(Mem{Base: g, Index: g, Scale: uint8(m - 1)}, off) // off = m*g
	}
}

// rows3 emits the loop over the rows of k of the three-column passes: four
// rows per iteration, their values loaded and transposed into the rows'
// [a, b, c, 1] (Y2 = [1, 1, 1, 1]) in Y0, Y1, Y3 and Y10 with 8 shuffles,
// then the n mod 4 last ones one at a time in Y0. For each row, index(r)
// computes its group's offsets and update(v, j) adds row v of lane j. It
// stops at the label "done".
func rows3(e Elem, lanes int, k, n, a, b, c, i reg.Register, index func(r int), update func(v reg.VecPhysical, j int)) {
	Y0, Y1, Y2, Y3 := reg.Y0, reg.Y1, reg.Y2, reg.Y3
	Y4, Y5, Y6, Y7 := reg.Y4, reg.Y5, reg.Y6, reg.Y7
	V3 := reg.Y10
	load4 := func(p reg.Register, y reg.VecPhysical) {
		if e.Size == 8 {
			VMOVUPD(Mem{Base: p, Index: i, Scale: 8}, y)
		} else {
			VCVTPS2PD(Mem{Base: p, Index: i, Scale: 4}, y)
		}
	}
	end := GP64()
	MOVQ(n, end)
	ANDQ(I32(-4), end)
	XORQ(i, i)
	CMPQ(end, U8(0))
	JE(LabelRef("tail"))
	Label("loop")
	for _, p := range []reg.Register{k, a, b, c} {
		size := e.Size
		if p == k {
			size = 4
		}
		PREFETCHT1(Mem{Base: p, Index: i, Scale: uint8(size), Disp: prefetchRows * size})
	}
	load4(a, Y4)                     // [a0, a1, a2, a3]
	load4(b, Y5)                     // [b0, b1, b2, b3]
	load4(c, Y6)                     // [c0, c1, c2, c3]
	VUNPCKLPD(Y5, Y4, Y7)            // [a0, b0, a2, b2]
	VUNPCKHPD(Y5, Y4, Y4)            // [a1, b1, a3, b3]
	VUNPCKLPD(Y2, Y6, Y5)            // [c0, 1, c2, 1]
	VUNPCKHPD(Y2, Y6, Y6)            // [c1, 1, c3, 1]
	VPERM2F128(U8(0x20), Y5, Y7, Y0) // row 0
	VPERM2F128(U8(0x20), Y6, Y4, Y1) // row 1
	VPERM2F128(U8(0x31), Y5, Y7, Y3) // row 2
	VPERM2F128(U8(0x31), Y6, Y4, V3) // row 3
	for r, v := range []reg.VecPhysical{Y0, Y1, Y3, V3} {
		index(r)
		update(v, r%lanes)
	}
	ADDQ(U8(4), i)
	CMPQ(i, end)
	JL(LabelRef("loop"))
	Label("tail")
	for r := range 3 {
		CMPQ(i, n)
		JGE(LabelRef("done"))
		row3(e, a, b, c, i, 0) // Y0 = [a, b, c, 1]
		index(0)
		update(Y0, r%lanes)
		INCQ(i)
	}
}

// GroupNan3 emits the NaN-skipping passes of three columns of lanes L:
// groupNanSums3{F64,F32}L (slot [a, b, c, 1, na, nb, nc, 1], a NaN
// value and its count +0.0) and groupNanDevs3{F64,F32}L (slot [da, db, dc,
// 1-m0, and their squares], a NaN's d +0.0).
func GroupNan3(e Elem, lanes int) {
	groupNan3(e, lanes, false)
	groupNan3(e, lanes, true)
}

func groupNan3(e Elem, lanes int, devs bool) {
	M, Q := reg.Y8, reg.Y9
	name, spec, sig := fmt.Sprintf("groupNanSums3%sL%d", e.Name, lanes), "GroupNanSums3", "s []float64"
	doc := "adds a[i], b[i], c[i] and 1, and their non-NaN counts, to row i's slot in s"
	if devs {
		name, spec, sig = fmt.Sprintf("groupNanDevs3%sL%d", e.Name, lanes), "GroupNanDevs3", "m0, s []float64"
		doc = "adds the deviations of a[i], b[i], c[i] and 1 from m0[4g:4g+4], and their rounded squares, to row i's slot in s"
	}
	TEXT(name, NOSPLIT, fmt.Sprintf("func(mask int, k []int32, a, b, c []%s, %s)", e.Go, sig))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s %s, a NaN's as +0.0, the same bits as %s with lanes = %d.", name, doc, spec, lanes),
		"The Go wrapper checks mask and the lengths.")
	k := Load(Param("k").Base(), GP64())
	n := Load(Param("k").Len(), GP64())
	mask := Load(Param("mask"), GP64())
	t := Load(Param("s").Base(), GP64())
	a := Load(Param("a").Base(), GP64())
	b := Load(Param("b").Base(), GP64())
	c := Load(Param("c").Base(), GP64())
	var m0 reg.Register
	if devs {
		m0 = Load(Param("m0").Base(), GP64())
	}
	Comment("Y2 = [1, 1, 1, 1]")
	ones(reg.Y2)
	i, g, off := GP64(), GP64(), GP64()
	index := groupOffsets(k, i, mask, g, off, 2) // off = 64*group
	update := func(v reg.VecPhysical, j int) {
		slot := Mem{Base: t, Index: off, Scale: uint8(lanes), Disp: 64 * j}
		VCMPPD(U8(ordered), v, v, M) // all ones where the value is not NaN
		if devs {
			VSUBPD(Mem{Base: m0, Index: g, Scale: 1}, v, v) // d = v - m0
			VANDPD(M, v, v)                                 // +0.0 for a NaN
			VMULPD(v, v, Q)                                 // rounded squares
		} else {
			VANDPD(M, reg.Y2, Q) // the counts
			VANDPD(M, v, v)      // +0.0 for a NaN
		}
		VADDPD(slot, v, v)
		VMOVUPD(v, slot)
		VADDPD(slot.Offset(32), Q, Q)
		VMOVUPD(Q, slot.Offset(32))
	}
	rows3(e, lanes, k, n, a, b, c, i, index, update)
	Label("done")
	VZEROUPPER()
	RET()
}

// GroupDevs emits the deviation passes of lanes L, groupDevs{F64,F32}L:
// slot [d, d*d] with d = x[i] - m0[g]; and groupNanDevs{F64,F32}L, with
// d = +0.0 for a NaN x[i].
func GroupDevs(e Elem, lanes int) {
	groupDevs(e, lanes, false)
	groupDevs(e, lanes, true)
}

func groupDevs(e Elem, lanes int, nan bool) {
	X0, X1, X2 := reg.X0, reg.X1, reg.X2
	name, spec := fmt.Sprintf("groupDevs%sL%d", e.Name, lanes), "GroupDevs"
	if nan {
		name, spec = fmt.Sprintf("groupNanDevs%sL%d", e.Name, lanes), "GroupNanDevs"
	}
	TEXT(name, NOSPLIT, fmt.Sprintf("func(mask int, k []int32, x []%s, m0, cq []float64)", e.Go))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s adds x[i]-m0[g] and its rounded square to row i's slot in cq, the same bits as %s with lanes = %d.", name, spec, lanes),
		"The Go wrapper checks mask and the lengths.")
	k := Load(Param("k").Base(), GP64())
	n := Load(Param("k").Len(), GP64())
	mask := Load(Param("mask"), GP64())
	cq := Load(Param("cq").Base(), GP64())
	x := Load(Param("x").Base(), GP64())
	m0 := Load(Param("m0").Base(), GP64())
	i := GP64()
	// No prefetch: this is the rare second pass of a moment pass (the chunk
	// may still be in cache).
	groupRows(lanes, 2, k, n, mask, cq, i, nil, func(r int, slot Mem, g reg.Register) {
		SHLQ(U8(3), g) // the byte offset of the group's mean
		loadRow(e, x, i, r, X0)
		if nan {
			VCMPSD(U8(ordered), X0, X0, X2) // all ones where x[i] is not NaN
		}
		VSUBSD(Mem{Base: m0, Index: g, Scale: 1}, X0, X0) // d = x[i] - m0[g]
		if nan {
			VANDPD(X2, X0, X0) // d = +0.0 for a NaN x[i]
		}
		VMULSD(X0, X0, X1)    // d*d, rounded
		VUNPCKLPD(X1, X0, X0) // X0 = [d, d*d]
		VADDPD(slot, X0, X0)
		VMOVUPD(X0, slot)
	})
	VZEROUPPER()
	RET()
}

// GroupExt emits the min/max passes
// groupExt{,Nan,Count}{Min,Max,MinMax}{F64,F32}: each row folds x[i] into
// lo[g] with Go's min and hi[g] with Go's max (the Count forms also add 1
// to n[g], the NanCount forms for a non-NaN x[i]), by the same
// instructions as the Go compiler's (min(a, b) = MINSD(MINSD(a, b), a) OR
// MINSD(a, b); max(a, b) = -min(-a, -b)), so the bits, NaN payloads
// included, are those of the specification; the Nan forms leave both for a
// NaN x[i] (the min of a with itself is a).
func GroupExt(e Elem) {
	for _, kind := range []string{"", "Nan", "Count", "NanCount"} {
		for _, which := range []string{"Min", "Max", "MinMax"} {
			groupExt(e, which, kind)
		}
	}
}

func groupExt(e Elem, which, kind string) {
	X0, X1, X2, X3 := reg.X0, reg.X1, reg.X2, reg.X3
	X4, X5, X6, X7 := reg.X4, reg.X5, reg.X6, reg.X7
	nan, count := strings.HasPrefix(kind, "Nan"), strings.HasSuffix(kind, "Count")
	spec := map[string]string{"": "GroupExt with n nil", "Nan": "GroupExt with skipNaN and n nil",
		"Count": "GroupExt without skipNaN", "NanCount": "GroupExt with skipNaN"}[kind]
	name := fmt.Sprintf("groupExt%s%s%s", kind, which, e.Name)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(mask int, k []int32, x []%s, lo, hi []float64, n []int64)", e.Go))
	Pragma("noescape")
	what := map[string]string{"Min": "min", "Max": "max", "MinMax": "min and max"}[which]
	if count {
		what += " and counts the row"
		if nan {
			what += " unless x[i] is NaN"
		}
	}
	Doc(fmt.Sprintf("%s folds x[i] into its group's %s, the same bits as %s.", name, what, spec),
		"The Go wrapper checks mask and the lengths.")
	k := Load(Param("k").Base(), GP64())
	n := Load(Param("k").Len(), GP64())
	mask := Load(Param("mask"), GP64())
	x := Load(Param("x").Base(), GP64())
	var lo, hi reg.Register
	if which != "Max" {
		lo = Load(Param("lo").Base(), GP64())
	}
	if which != "Min" {
		hi = Load(Param("hi").Base(), GP64())
		Comment("X7 = the sign bit")
		t := GP64()
		MOVQ(U64(0x8000000000000000), t)
		VMOVQ(t, X7)
	}
	var cnt reg.Register
	if count {
		cnt = Load(Param("n").Base(), GP64())
	}
	t := lo
	if t == nil {
		t = hi
	}
	i := GP64()
	// b puts the value to fold in: x[i], or a for a NaN x[i] in the Nan
	// forms (X5 holds the ordered mask of x[i]).
	b := func(a reg.VecPhysical) reg.VecPhysical {
		if !nan {
			return X0
		}
		VBLENDVPD(X5, X0, a, X6) // X6 = x[i], or a where x[i] is NaN
		return X6
	}
	// minOf leaves Go's min(a, v) in X2 (clobbers X3).
	minOf := func(a, v reg.VecPhysical) {
		VMINSD(v, a, X2)  // X2 = a < v ? a : v
		VMINSD(a, X2, X3) // X3 = X2 < a ? X2 : a
		VORPD(X3, X2, X2) // NaN payloads and -0 as Go's min
	}
	// The slot groupRows addresses is t's (lo's, or hi's for Max alone).
	groupRows(1, 1, k, n, mask, t, i, []stream{{k, 4}, {x, e.Size}}, func(r int, slot Mem, g reg.Register) {
		loadRow(e, x, i, r, X0)
		if nan {
			VCMPSD(U8(ordered), X0, X0, X5) // all ones where x[i] is not NaN
		}
		if lo != nil {
			VMOVSD(slot, X1)
			minOf(X1, b(X1))
			VMOVSD(X2, slot)
		}
		if hi != nil {
			p := slot
			if lo != nil {
				p = Mem{Base: hi, Index: g, Scale: 8}
			}
			VMOVSD(p, X1)
			v := b(X1)
			VXORPD(X7, X1, X1) // -a
			VXORPD(X7, v, X4)  // -v
			minOf(X1, X4)
			VXORPD(X7, X2, X2) // max(a, v) = -min(-a, -v)
			VMOVSD(X2, p)
		}
		switch {
		case count && nan:
			c := GP64()
			VMOVQ(X5, c)                                // -1 where x[i] is not NaN, else 0
			SUBQ(c, Mem{Base: cnt, Index: g, Scale: 8}) // n[g]++ unless x[i] is NaN
		case count:
			INCQ(Mem{Base: cnt, Index: g, Scale: 8}) // n[g]++
		}
	})
	VZEROUPPER()
	RET()
}
