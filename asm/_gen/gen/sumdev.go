package gen

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// SumDev emits sumDev{F64,F32}{AVX2,AVX512}: in one loop, the canonical
// block sum of next and the deviation sums of prev around m0, bit for bit
// SumBlock(next) and DevBlock(prev, m0) (docs/design.md). Each lane of the
// three sets (sum, c, q) sees exactly the operations of the separate
// routines in the same order; only the two independent computations are
// interleaved, so that the sum of the next block (from memory) streams
// while the deviations of the previous one (in cache) are computed.
//
// The blocks may differ in length: the groups of 32 elements both have are
// done together, then the remaining groups of the longer one alone, then
// the three folds and the two tails.
//
// AVX-512 keeps the 96 accumulators in 12 zmm registers. AVX2 has 16 ymm
// registers, so as Dev it sweeps twice, lanes 16-31 of both blocks and then
// lanes 0-15, and spills the 12 registers of the first sweep to the stack
// once per call.
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
	g := e.GroupBytes()
	// Sum lanes in registers 0-3, c in 4-7, q in 8-11, m0 in 12, then
	// loaded values.
	s, c, q := l.Vs(0, 4), l.Vs(4, 4), l.Vs(8, 4)
	m0 := l.V(12)
	var tmp []reg.VecPhysical
	if l.Bits == 512 {
		tmp = l.Vs(13, 8)
	} else {
		tmp = l.Vs(13, 3)
	}
	Load(Param("m0"), m0.AsX())
	VBROADCASTSD(m0.AsX(), m0)

	Comment("common = the number of groups of 32 both blocks have; rn, rp =",
		"the elements left of each after them.")
	MOVQ(rn, common)
	CMPQ(common, rp)
	CMOVQGT(rp, common)
	SHRQ(U8(5), common)
	MOVQ(common, cnt)
	SHLQ(U8(5), cnt)
	SUBQ(cnt, rn)
	SUBQ(cnt, rp)

	// first is the first lane of the registers (0 for AVX-512, 16 or 0
	// for the sweeps of AVX2); t counts the loads to rotate the temporaries.
	t := 0
	next := func() reg.VecPhysical { t++; return tmp[(t-1)%len(tmp)] }
	sumStep := func(first, k, off int) {
		m := Mem{Base: pn, Disp: off + (first+k*w)*e.Size}
		if e.Size == 8 {
			VADDPD(m, s[k], s[k]) // lane = lane + x
			return
		}
		v := next()
		Widen(e, m, v)
		VADDPD(v, s[k], s[k])
	}
	devStep := func(first, k, off int) {
		d := next()
		Widen(e, Mem{Base: pp, Disp: off + (first+k*w)*e.Size}, d)
		VSUBPD(m0, d, d)        // d = x - m0
		VADDPD(d, c[k], c[k])   // c = c + d
		VFMADD231PD(d, d, q[k]) // q = d*d + q, one rounding
	}
	sweep := func(label string, first int) {
		Comment("All lanes of this sweep start at +0.0.")
		Zero(s...)
		Zero(c...)
		Zero(q...)
		fused, single, done := label+"_fused", label+"_single", label+"_fuseddone"
		Commentf("%s: the common groups, two per iteration, then one more if odd.", label)
		MOVQ(common, cnt)
		SHRQ(U8(1), cnt)
		JZ(LabelRef(single))
		Label(fused)
		for _, off := range []int{0, g} {
			for k := range s {
				sumStep(first, k, off)
				devStep(first, k, off)
			}
		}
		ADDQ(U32(2*g), pn)
		ADDQ(U32(2*g), pp)
		DECQ(cnt)
		JNZ(LabelRef(fused))
		Label(single)
		TESTQ(U32(1), common)
		JZ(LabelRef(done))
		for k := range s {
			sumStep(first, k, 0)
			devStep(first, k, 0)
		}
		ADDQ(U32(g), pn)
		ADDQ(U32(g), pp)
		Label(done)
		Groups(label+"_next", e, pn, rn, cnt, func(off int) {
			for k := range s {
				sumStep(first, k, off)
			}
		})
		Groups(label+"_prev", e, pp, rp, cnt, func(off int) {
			for k := range s {
				devStep(first, k, off)
			}
		})
	}

	if l.Bits == 512 {
		sweep("body", 0)
	} else {
		bn, bp := GP64(), GP64()
		MOVQ(pn, bn)
		MOVQ(pp, bp)
		hi := AllocLocal(32 * 12)
		sweep("hi", 16)
		Comment("Keep lanes 16-31 for the first step of the folds.")
		all := append(append(append([]reg.VecPhysical{}, s...), c...), q...)
		for i, v := range all {
			VMOVUPD(v, hi.Offset(32*i))
		}
		MOVQ(bn, pn)
		MOVQ(bp, pp)
		sweep("lo", 0)
		Comment("Fold step w=16: lane[j] = lane[j] + lane[j+16].")
		for i, v := range all {
			VADDPD(hi.Offset(32*i), v, v)
		}
	}
	Fold(l, s, tmp[0])
	Fold(l, c, tmp[0])
	Fold(l, q, tmp[0])

	r, rc, rq := s[0].AsX(), c[0].AsX(), q[0].AsX()
	v := tmp[0].AsX()
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
		VSUBSD(m0.AsX(), v, v)
		VADDSD(v, rc, rc)
		VFMADD231SD(v, v, rq)
	})
	VZEROUPPER()
	Store(r, ReturnIndex(0))
	Store(rc, ReturnIndex(1))
	Store(rq, ReturnIndex(2))
	RET()
}
