package gen

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// prefetch is how far ahead in next (bytes) the AVX-512 loop asks for
// the lines it will sum (PREFETCHT1, one per 64-byte line). Without it the
// loop holds fewer loads of next in flight than Sum alone: the deviation
// instructions fill the reorder buffer behind a load that waits for
// memory. 2048 measured best of 512..8192 (T0, T1, T2, NTA) on the
// development Xeon; AVX2 gained nothing from it. A prefetch past the end
// of next never faults.
const prefetch = 2048

// SumDev emits sumDev{F64,F32}{AVX2,AVX512}: in one loop, the canonical
// block sum of next and the deviation sums of prev around m0, bit for bit
// SumBlock(next) and DevBlock(prev, m0) (docs/design.md). Each lane of the
// three sets (sum, c, q) sees exactly the operations of the separate
// routines in the same order; only the two independent computations are
// interleaved, so that the sum of the next block streams from memory
// while the deviations of the previous one (in cache) are computed.
//
// The blocks may differ in length: the groups of 32 elements both have are
// done together, then the remaining groups of the longer one alone, then
// the three folds and the two tails.
//
// AVX-512 keeps the 96 accumulators in 12 zmm registers. AVX2 has 16 ymm
// registers for 24 accumulators: a second sweep over next (as Dev does
// over its block) would break its memory stream, which is slower than no
// fusion at all, so the sum lanes and q lanes 0-23 stay in registers
// and the c lanes, q lanes 24-31 and the broadcast m0 live in a stack
// frame that stays in L1 (a load, an add and a store per group for each
// of those ten registers: far below the memory time of the group).
//
// Only the fused loop prefetches (AVX-512, see prefetch).
func SumDev(l Level, e Elem) {
	name := fmt.Sprintf("sumDev%s%s", e.Name, l.Name)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(next, prev []%s, m0 float64) (s, c, q float64)", e.Go))
	Pragma("noescape")
	Doc(name+" returns the canonical block sum of next and the folded sums",
		"of prev[i]-m0 and of their squares (len(next), len(prev) <= 4096) in",
		"one loop, the same bits as SumBlock(next) and DevBlock(prev, m0).")

	pn := Load(Param("next").Base(), GP64())
	rn := Load(Param("next").Len(), GP64())
	pp := Load(Param("prev").Base(), GP64())
	rp := Load(Param("prev").Len(), GP64())
	cnt, common := GP64(), GP64()

	w := l.Lanes64()
	vecIn := w * e.Size
	g := e.GroupBytes()
	nreg := Lanes / w // registers per set of 32 lanes

	// Where the accumulators live. AVX-512: sum lanes in Z0-Z3, c in
	// Z4-Z7, q in Z8-Z11, m0 in Z12, loaded values in Z13-Z20. AVX2: sum
	// in Y0-Y7, q lanes 0-23 in Y8-Y13, two temporaries Y14 and Y15, the
	// rest in the frame.
	var (
		s, c, q, tmp []reg.VecPhysical // c, q: nil where in the frame
		m0           reg.VecPhysical
		frame        Mem // AVX2: m0, c lanes 0-31, q lanes 24-31
		cMem, qMem   func(k int) Mem
	)
	if l.Bits == 512 {
		s, c, q = l.Vs(0, 4), l.Vs(4, 4), l.Vs(8, 4)
		m0, tmp = l.V(12), l.Vs(13, 8)
		Load(Param("m0"), m0.AsX())
		VBROADCASTSD(m0.AsX(), m0)
		Comment("96 lanes (sum, c and q) start at +0.0.")
		Zero(s...)
		Zero(c...)
		Zero(q...)
	} else {
		s, q, tmp = l.Vs(0, 8), l.Vs(8, 6), l.Vs(14, 2)
		frame = AllocLocal(32 * 11)
		cMem = func(k int) Mem { return frame.Offset(32 * (1 + k)) }
		qMem = func(k int) Mem { return frame.Offset(32 * (9 + k - len(q))) }
		Load(Param("m0"), tmp[0].AsX())
		VBROADCASTSD(tmp[0].AsX(), tmp[0])
		VMOVUPD(tmp[0], frame)
		Comment("96 lanes (sum, c and q) start at +0.0.")
		Zero(s...)
		Zero(q...)
		Zero(tmp[1])
		for k := 0; k < 10; k++ {
			VMOVUPD(tmp[1], frame.Offset(32*(1+k)))
		}
	}

	Comment("common = the number of groups of 32 both blocks have; rn, rp =",
		"the elements of next and prev left after them.")
	MOVQ(rn, common)
	CMPQ(common, rp)
	CMOVQGT(rp, common)
	SHRQ(U8(5), common)
	MOVQ(common, cnt)
	SHLQ(U8(5), cnt)
	SUBQ(cnt, rn)
	SUBQ(cnt, rp)

	// t counts the loads to rotate the temporaries.
	t := 0
	nextTmp := func() reg.VecPhysical { t++; return tmp[(t-1)%len(tmp)] }
	sumStep := func(k, off int) {
		m := Mem{Base: pn, Disp: off + k*vecIn}
		if e.Size == 8 {
			VADDPD(m, s[k], s[k]) // lane = lane + x
			return
		}
		v := nextTmp()
		Widen(e, m, v)
		VADDPD(v, s[k], s[k])
	}
	devStep := func(k, off int) {
		m := Mem{Base: pp, Disp: off + k*vecIn}
		if l.Bits == 512 {
			d := nextTmp()
			Widen(e, m, d)
			VSUBPD(m0, d, d)        // d = x - m0
			VADDPD(d, c[k], c[k])   // c = c + d
			VFMADD231PD(d, d, q[k]) // q = d*d + q, one rounding
			return
		}
		d, a := tmp[0], tmp[1]
		Widen(e, m, d)
		VSUBPD(frame, d, d)   // d = x - m0
		VADDPD(cMem(k), d, a) // c + d (the same as d + c)
		VMOVUPD(a, cMem(k))   // back to the frame
		if k < len(q) {
			VFMADD231PD(d, d, q[k]) // q = d*d + q, one rounding
			return
		}
		VMOVUPD(qMem(k), a)
		VFMADD231PD(d, d, a)
		VMOVUPD(a, qMem(k))
	}

	Comment("The common groups, two per iteration, then one more if odd.")
	MOVQ(common, cnt)
	SHRQ(U8(1), cnt)
	JZ(LabelRef("fused_single"))
	Label("fused_pairs")
	if l.Bits == 512 {
		for o := 0; o < 2*g; o += 64 {
			PREFETCHT1(Mem{Base: pn, Disp: prefetch + o})
		}
	}
	for _, off := range []int{0, g} {
		for k := range nreg {
			sumStep(k, off)
			devStep(k, off)
		}
	}
	ADDQ(U32(2*g), pn)
	ADDQ(U32(2*g), pp)
	DECQ(cnt)
	JNZ(LabelRef("fused_pairs"))
	Label("fused_single")
	TESTQ(U32(1), common)
	JZ(LabelRef("fused_done"))
	for k := range nreg {
		sumStep(k, 0)
		devStep(k, 0)
	}
	ADDQ(U32(g), pn)
	ADDQ(U32(g), pp)
	Label("fused_done")
	Groups("next", e, pn, rn, cnt, func(off int) {
		for k := range nreg {
			sumStep(k, off)
		}
	})
	Groups("prev", e, pp, rp, cnt, func(off int) {
		for k := range nreg {
			devStep(k, off)
		}
	})

	Fold(l, s, tmp[0])
	var rc, rq reg.Register
	if l.Bits == 512 {
		Fold(l, c, tmp[0])
		Fold(l, q, tmp[0])
		rc, rq = c[0].AsX(), q[0].AsX()
	} else {
		Comment("Bring q lanes 24-31 and the c lanes back into registers.")
		qs := append(append([]reg.VecPhysical{}, q...), tmp...)
		for k := len(q); k < nreg; k++ {
			VMOVUPD(qMem(k), qs[k])
		}
		Fold(l, qs, s[1])
		cs := append(l.Vs(1, 7), q[1])
		for k, r := range cs {
			VMOVUPD(cMem(k), r)
		}
		Fold(l, cs, q[2])
		rc, rq = cs[0].AsX(), q[0].AsX()
	}

	r, v := s[0].AsX(), tmp[0].AsX()
	Tail("tail_next", e, pn, rn, cnt, func(m Mem) {
		if e.Size == 8 {
			VADDSD(m, r, r)
			return
		}
		WidenScalar(e, m, tmp[0])
		VADDSD(v, r, r)
	})
	Tail("tail_prev", e, pp, rp, cnt, func(m Mem) {
		WidenScalar(e, m, tmp[0])
		if l.Bits == 512 {
			VSUBSD(m0.AsX(), v, v)
		} else {
			VSUBSD(frame, v, v)
		}
		VADDSD(v, rc, rc)
		VFMADD231SD(v, v, rq)
	})
	VZEROUPPER()
	Store(r, ReturnIndex(0))
	Store(rc, ReturnIndex(1))
	Store(rq, ReturnIndex(2))
	RET()
}
