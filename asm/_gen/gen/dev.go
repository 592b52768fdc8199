package gen

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// Dev emits dev{F64,F32}{AVX2,AVX512}, or nanDev... when skipNaN: the
// folded sums of the deviations d = x[i] - m0 and of their squares, bit
// for bit as DevBlock and NanDevBlock (docs/design.md): c[lane] =
// c[lane] + d and q[lane] = fma(d, d, q[lane]) (VFMADD231PD, one
// rounding) over 32 lanes, each folded 16-8-4-2-1, then the tail in order.
//
// AVX-512 keeps the 64 accumulators in 8 zmm registers for the whole
// block. AVX2 has 16 ymm registers: 16 accumulators leave no room for m0
// and the deviations, so it sweeps the block twice, lanes 16-31 and then
// lanes 0-15 (the block is in L1), and spills the 8 registers of the first
// sweep to the stack once per block, never inside the loop. The operations
// on each lane, and their order, are the same either way.
//
// With skipNaN a NaN x leaves c and q as they are: AVX-512 masks the add
// and the fma (merge masking); AVX2 clears d to +0.0, which changes
// nothing since c and q start at +0.0 and so never hold -0.0. The mask is
// taken from x, not d: d is NaN also when m0 is infinite.
func Dev(l Level, e Elem, skipNaN bool) {
	prefix, ref := "dev", "DevBlock"
	if skipNaN {
		prefix, ref = "nanDev", "NanDevBlock"
	}
	name := fmt.Sprintf("%s%s%s", prefix, e.Name, l.Name)
	TEXT(name, NOSPLIT, Signature(e, ", m0 float64", "(c, q float64)"))
	Pragma("noescape")
	Doc(name+" returns the folded sums of x[i]-m0 and of their squares",
		"over x (len(x) <= 4096), the same bits as "+ref+".")

	p := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	cnt := GP64()

	w := l.Lanes64()
	vecIn := w * e.Size
	m0 := l.V(8)
	Load(Param("m0"), m0.AsX())
	VBROADCASTSD(m0.AsX(), m0)

	// One step of one register of lanes.
	step := func(m Mem, c, q, d, mask reg.VecPhysical, k reg.Register) {
		Widen(e, m, d)
		switch {
		case skipNaN && l.Bits == 512:
			VCMPPD(U8(7), d, d, k) // k = x is not NaN (ordered)
			VSUBPD(m0, d, d)       // d = x - m0
			VADDPD(d, c, k, c)     // c = c + d where k
			VFMADD231PD(d, d, k, q)
			return
		case skipNaN:
			VCMPPD(U8(7), d, d, mask) // all ones where x is not NaN
			VSUBPD(m0, d, d)
			VANDPD(mask, d, d) // NaN -> +0.0
		default:
			VSUBPD(m0, d, d)
		}
		VADDPD(d, c, c)      // c = c + d
		VFMADD231PD(d, d, q) // q = d*d + q, one rounding
	}
	ks := []reg.Register{reg.K1, reg.K2, reg.K3, reg.K4}

	// c in registers 0-3, q in 4-7, m0 in 8, then deviations (and masks).
	c, q := l.Vs(0, 4), l.Vs(4, 4)
	if l.Bits == 512 {
		d := l.Vs(9, 4)
		Comment("64 lanes (c and q) start at +0.0.")
		Zero(c...)
		Zero(q...)
		Groups("body", e, p, n, cnt, func(off int) {
			for k := range c {
				step(Mem{Base: p, Disp: off + k*vecIn}, c[k], q[k], d[k], nil, ks[k])
			}
		})
	} else {
		d, mask := l.Vs(9, 3), l.Vs(12, 3)
		base := GP64()
		MOVQ(p, base)
		hi := AllocLocal(8 * 32)
		sweep := func(label string, first int) {
			Commentf("Lanes %d-%d start at +0.0.", first, first+15)
			Zero(c...)
			Zero(q...)
			MOVQ(base, p)
			Groups(label, e, p, n, cnt, func(off int) {
				for k := range c {
					m := Mem{Base: p, Disp: off + (first+k*w)*e.Size}
					step(m, c[k], q[k], d[k%3], mask[k%3], nil)
				}
			})
		}
		sweep("hi", 16)
		Comment("Keep lanes 16-31 for the first step of the fold.")
		for k := range c {
			VMOVUPD(c[k], hi.Offset(32*k))
			VMOVUPD(q[k], hi.Offset(32*(4+k)))
		}
		sweep("lo", 0)
		Comment("Fold step w=16: lane[j] = lane[j] + lane[j+16].")
		for k := range c {
			VADDPD(hi.Offset(32*k), c[k], c[k])
			VADDPD(hi.Offset(32*(4+k)), q[k], q[k])
		}
	}
	Fold(l, c, l.V(9))
	Fold(l, q, l.V(9))

	rc, rq := c[0].AsX(), q[0].AsX()
	d := l.V(9).AsX()
	Tail("tail", e, p, n, cnt, func(m Mem) {
		WidenScalar(e, m, l.V(9))
		if skipNaN {
			VUCOMISD(d, d)
			JPS(LabelRef("tail_skip")) // parity: unordered, x is NaN
		}
		VSUBSD(m0.AsX(), d, d)
		VADDSD(d, rc, rc)
		VFMADD231SD(d, d, rq)
		if skipNaN {
			Label("tail_skip")
		}
	})
	VZEROUPPER()
	Store(rc, ReturnIndex(0))
	Store(rq, ReturnIndex(1))
	RET()
}
