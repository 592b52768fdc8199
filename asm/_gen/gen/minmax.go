package gen

import (
	"fmt"
	"math"
	"math/bits"

	. "github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// Extremum is one of the four extrema.
type Extremum struct {
	Name    string // routine name prefix
	Ref     string // reference routine
	Max     bool   // largest rather than smallest
	SkipNaN bool   // NaN elements are ignored rather than giving NaN
}

// The four extrema.
var Extrema = []Extremum{
	{Name: "min", Ref: "Min"},
	{Name: "max", Ref: "Max", Max: true},
	{Name: "nanMin", Ref: "NanMin", SkipNaN: true},
	{Name: "nanMax", Ref: "NanMax", Max: true, SkipNaN: true},
}

// MinMax emits {min,max,nanMin,nanMax}{F64,F32}{AVX2,AVX512} for o: the
// extremum with Go's built-in semantics (any NaN gives NaN, -0 < +0), or
// over the non-NaN elements. The order of evaluation does not matter for
// an extremum, so the routines take any length >= one register of
// elements (the Go wrapper handles shorter inputs) and finish with one
// register that overlaps the previous ones instead of a scalar tail: they
// never read outside x.
//
// VMINPD/VMAXPD alone are not Go's min/max: for a NaN operand or two equal
// zeros they return their second source operand. AVX-512 uses VRANGEPD
// instead (AVX512DQ), which orders -0 below +0 but, like IEEE minNum,
// returns the other operand for a quiet NaN: so it also tracks in a mask
// register whether any element was NaN (Min, Max) or not NaN (NanMin,
// NanMax, which also mask the NaN elements off).
// AVX2 computes both operand orders, t = min(x, acc) and u = min(acc, x):
// they agree except for NaN and equal operands, and t|u (bitwise OR) is then
// the right answer: -0|+0 = -0, and a NaN ORed with anything is still a
// NaN, so a NaN sticks. Max is -min(-x). The NaN-skipping forms keep acc
// free of NaN (it starts at +-Inf and a NaN x leaves it unchanged) and
// track whether any element was not NaN.
func MinMax(l Level, e Elem, o Extremum) {
	name := fmt.Sprintf("%s%s%s", o.Name, e.Name, l.Name)
	TEXT(name, NOSPLIT, Signature(e, "", "float64"))
	Pragma("noescape")
	vb := l.VecBytes()
	lanes := vb / e.Size
	Doc(fmt.Sprintf("%s returns the same value as %s(x) for len(x) >= %d.", name, o.Ref, lanes))

	base := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	p, cnt := GP64(), GP64()
	MOVQ(base, p)

	pd := e.Size == 8
	acc := l.Vs(0, 4)
	konst, seen := l.V(4), l.V(5)
	ks := []reg.Register{reg.K1, reg.K2, reg.K3, reg.K4}
	kseen := reg.K5 // AVX-512: any NaN (Min, Max) or any non-NaN (NanMin, NanMax)

	// Constants: +Inf for nanMin, -Inf for nanMax, the sign bit for max
	// on AVX2.
	if o.SkipNaN {
		inf := math.Inf(1)
		if o.Max {
			inf = math.Inf(-1)
		}
		broadcast(l, e, konst, inf)
		Comment("acc starts at the identity; no element seen yet.")
		for _, a := range acc {
			movaps(a, konst)
		}
		if l.Bits == 512 {
			KXORW(kseen, kseen, kseen)
		} else {
			Zero(seen)
		}
	} else {
		negate := o.Max && l.Bits == 256
		if negate {
			Comment("AVX2 computes max(x) as -min(-x); konst is the sign bit.")
			VPCMPEQQ(konst, konst, konst)
			if pd {
				VPSLLQ(U8(63), konst, konst)
			} else {
				VPSLLD(U8(31), konst, konst)
			}
		}
		if l.Bits == 512 {
			Comment("No NaN seen yet.")
			KXORW(kseen, kseen, kseen)
		}
		Comment("acc starts at the first register of elements.")
		load(l, e, o, Mem{Base: p}, acc[0], konst)
		for _, a := range acc[1:] {
			movaps(a, acc[0])
		}
	}

	// step folds the register of elements at m into a.
	tmps := l.Vs(6, 9) // three sets of three temporaries
	step := func(m Mem, a reg.VecPhysical, i int) {
		x, t, u := tmps[3*(i%3)], tmps[3*(i%3)+1], tmps[3*(i%3)+2]
		imm := U8(4) // VRANGE: min, sign of the result
		if o.Max {
			imm = U8(5)
		}
		switch {
		case l.Bits == 512 && !o.SkipNaN:
			movups(e, m, x)
			vcmp(e, U8(3), x, x, ks[i%4]) // k = x is NaN (unordered)
			vrange(e, imm, x, a, a)
			KORW(ks[i%4], kseen, kseen)
		case l.Bits == 512:
			k := ks[i%4]
			movups(e, m, x)
			vcmp(e, U8(7), x, x, k) // k = x is not NaN
			vrangeK(e, imm, x, a, k, a)
			KORW(k, kseen, kseen)
		case !o.SkipNaN:
			load(l, e, o, m, x, konst)
			minPair(e, x, a, t, u)
			vor(e, t, u, a)
		case !o.Max:
			movups(e, m, x)
			vcmp(e, U8(7), x, x, u) // ordered: x is not NaN
			vor(e, u, seen, seen)
			vminmax(e, false, a, x, t) // t = min(x, a); a when x is NaN or equal
			vcmp(e, U8(0), x, a, u)    // a == x
			vand(e, x, u, u)
			vor(e, u, t, a) // equal: a|x, so -0 wins
		default:
			movups(e, m, x)
			vcmp(e, U8(7), x, x, u)
			vor(e, u, seen, seen)
			vminmax(e, true, a, x, t) // t = max(x, a); a when x is NaN or equal
			vcmp(e, U8(4), x, a, u)   // a != x or unordered
			vor(e, x, u, u)
			vand(e, u, t, a) // equal: a&x, so +0 wins
		}
	}

	sh := bits.TrailingZeros(uint(lanes))
	Commentf("Four registers (%d elements) per iteration.", 4*lanes)
	MOVQ(n, cnt)
	SHRQ(U8(sh+2), cnt)
	JZ(LabelRef("one"))
	Label("four")
	for i, a := range acc {
		step(Mem{Base: p, Disp: i * vb}, a, i)
	}
	ADDQ(U32(4*vb), p)
	DECQ(cnt)
	JNZ(LabelRef("four"))

	Label("one")
	Comment("Then one register at a time.")
	MOVQ(n, cnt)
	ANDQ(U32(4*lanes-1), cnt)
	SHRQ(U8(sh), cnt)
	JZ(LabelRef("last"))
	Label("one_loop")
	step(Mem{Base: p}, acc[0], 0)
	ADDQ(U32(vb), p)
	DECQ(cnt)
	JNZ(LabelRef("one_loop"))

	Label("last")
	Comment("The last elements: one register ending at the end of x, which",
		"overlaps elements already seen (harmless for an extremum).")
	TESTQ(U32(lanes-1), n)
	JZ(LabelRef("reduce"))
	step(Mem{Base: base, Index: n, Scale: uint8(e.Size), Disp: -vb}, acc[0], 0)

	Label("reduce")
	Comment("Combine the four registers, then the halves of one.")
	combine := func(a, b reg.VecPhysical) { // a = extremum(a, b)
		if l.Bits == 512 {
			imm := U8(4)
			if o.Max {
				imm = U8(5)
			}
			vrange(e, imm, b, a, a)
			return
		}
		tv, uv := like(tmps[0], a), like(tmps[1], a)
		if o.SkipNaN && o.Max {
			// No NaN in acc: max of both orders, AND for +0.
			vminmax(e, true, a, b, tv)
			vminmax(e, true, b, a, uv)
			vand(e, tv, uv, a)
			return
		}
		minPair(e, b, a, tv, uv)
		vor(e, tv, uv, a)
	}
	combine(acc[0], acc[1])
	combine(acc[2], acc[3])
	combine(acc[0], acc[2])
	r := acc[0]
	h := tmps[2]
	if l.Bits == 512 {
		VEXTRACTF64X4(U8(1), r, h.AsY())
		combine(like(r, h.AsY()), like(h, h.AsY()))
	}
	VEXTRACTF128(U8(1), r.AsY(), h.AsX())
	rx, hx := like(r, r.AsX()), like(h, r.AsX())
	combine(rx, hx)
	if pd {
		VPERMILPD(U8(1), rx, hx)
		combine(rx, hx)
	} else {
		VMOVHLPS(rx, rx, hx)
		combine(rx, hx)
		VMOVSHDUP(rx, hx)
		combine(rx, hx)
	}
	if o.Max && !o.SkipNaN && l.Bits == 256 {
		Comment("max = -min(-x).")
		vxor(e, konst.AsX(), rx, rx)
	}
	if o.SkipNaN {
		Comment("No element that is not NaN: the result is NaN.")
		if l.Bits == 512 {
			KORTESTW(kseen, kseen)
		} else {
			VPTEST(seen, seen)
		}
		JZ(LabelRef("none"))
	}
	if !o.SkipNaN && l.Bits == 512 {
		Comment("A NaN element: the result is NaN.")
		KORTESTW(kseen, kseen)
		JNZ(LabelRef("none"))
	}
	if !pd {
		VCVTSS2SD(rx, rx, rx)
	}
	VZEROUPPER()
	Store(rx, ReturnIndex(0))
	RET()
	if o.SkipNaN || l.Bits == 512 {
		Label("none")
		nan := GP64()
		MOVQ(U64(math.Float64bits(math.NaN())), nan)
		VMOVQ(nan, rx)
		VZEROUPPER()
		Store(rx, ReturnIndex(0))
		RET()
	}
}

// like returns v at the width of w.
func like(v reg.VecPhysical, w reg.Register) reg.VecPhysical {
	switch w.Size() {
	case 16:
		return v.AsX().(reg.VecPhysical)
	case 32:
		return v.AsY().(reg.VecPhysical)
	}
	return v.AsZ().(reg.VecPhysical)
}

// broadcast sets every element of dst to v (converted to e).
func broadcast(l Level, e Elem, dst reg.VecPhysical, v float64) {
	gp := GP64()
	if e.Size == 8 {
		MOVQ(U64(math.Float64bits(v)), gp)
		if l.Bits == 512 {
			VPBROADCASTQ(gp, dst)
			return
		}
		VMOVQ(gp, dst.AsX())
		VPBROADCASTQ(dst.AsX(), dst)
		return
	}
	MOVL(U32(math.Float32bits(float32(v))), gp.As32())
	if l.Bits == 512 {
		VPBROADCASTD(gp.As32(), dst)
		return
	}
	VMOVD(gp.As32(), dst.AsX())
	VPBROADCASTD(dst.AsX(), dst)
}

// movaps copies register src to dst.
func movaps(dst, src reg.VecPhysical) { VMOVAPD(src, dst) }

// movups loads the register of elements at m.
func movups(e Elem, m Mem, dst reg.VecPhysical) {
	if e.Size == 8 {
		VMOVUPD(m, dst)
		return
	}
	VMOVUPS(m, dst)
}

// load loads the register of elements at m, negated for max on AVX2 (which
// computes -min(-x); sign holds the sign bits).
func load(l Level, e Elem, o Extremum, m Mem, dst, sign reg.VecPhysical) {
	if !(o.Max && l.Bits == 256) {
		movups(e, m, dst)
		return
	}
	vxor(e, m, sign, dst)
}

func vrange(e Elem, imm, src2, src1, dst operand.Op) {
	if e.Size == 8 {
		VRANGEPD(imm, src2, src1, dst)
		return
	}
	VRANGEPS(imm, src2, src1, dst)
}

func vrangeK(e Elem, imm, src2, src1, k, dst operand.Op) {
	if e.Size == 8 {
		VRANGEPD(imm, src2, src1, k, dst)
		return
	}
	VRANGEPS(imm, src2, src1, k, dst)
}

func vcmp(e Elem, imm, src2, src1, dst operand.Op) {
	if e.Size == 8 {
		VCMPPD(imm, src2, src1, dst)
		return
	}
	VCMPPS(imm, src2, src1, dst)
}

func vor(e Elem, src2, src1, dst operand.Op) {
	if e.Size == 8 {
		VORPD(src2, src1, dst)
		return
	}
	VORPS(src2, src1, dst)
}

func vand(e Elem, src2, src1, dst operand.Op) {
	if e.Size == 8 {
		VANDPD(src2, src1, dst)
		return
	}
	VANDPS(src2, src1, dst)
}

func vxor(e Elem, src2, src1, dst operand.Op) {
	if e.Size == 8 {
		VXORPD(src2, src1, dst)
		return
	}
	VXORPS(src2, src1, dst)
}

// vminmax is VMINPx/VMAXPx: dst = min(src1, src2), which is src2 when
// either is NaN or they are equal (two zeros of either sign).
func vminmax(e Elem, max bool, src2, src1, dst operand.Op) {
	switch {
	case e.Size == 8 && max:
		VMAXPD(src2, src1, dst)
	case e.Size == 8:
		VMINPD(src2, src1, dst)
	case max:
		VMAXPS(src2, src1, dst)
	default:
		VMINPS(src2, src1, dst)
	}
}

// minPair computes min in both operand orders: t = min(x, a), a on NaN or
// equality, and u = min(a, x), x on NaN or equality. They differ only in
// those cases, where t|u is the answer of Go's min.
func minPair(e Elem, x, a, t, u reg.VecPhysical) {
	vminmax(e, false, a, x, t)
	vminmax(e, false, x, a, u)
}
