package gen

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// Sum emits sum{F64,F32}{AVX2,AVX512}, or nanSum... when skipNaN: the
// canonical block sum of docs/design.md, bit for bit as SumBlock and
// NanSumBlock.
//
// The 32 lanes live in registers for the whole block: 8 ymm (AVX2) or
// 4 zmm (AVX-512). Each register is one chain of dependent adds; the
// registers of a group are independent, so the loop runs at one add
// latency per group (32 elements).
//
// With skipNaN a NaN element must add nothing and not be counted. AVX-512
// adds under a mask of the non-NaN elements (merge masking: a masked-off
// lane keeps its value). AVX2 clears the NaN elements to +0.0 first, which
// is the same since a lane that starts at +0.0 never holds -0.0. The count
// is kept per lane in int64 lanes of one more register and summed once.
func Sum(l Level, e Elem, skipNaN bool) {
	prefix, ref, results := "sum", "SumBlock", "float64"
	if skipNaN {
		prefix, ref, results = "nanSum", "NanSumBlock", "(s float64, n int)"
	}
	name := fmt.Sprintf("%s%s%s", prefix, e.Name, l.Name)
	TEXT(name, NOSPLIT, Signature(e, "", results))
	Pragma("noescape")
	Doc(name+" returns the canonical block sum of x (len(x) <= 4096), the",
		"same bits as "+ref+".")

	p := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	cnt := GP64()

	nacc := Lanes / l.Lanes64()
	acc := l.Vs(0, nacc) // lane j is in acc[j/w] at j mod w, w = l.Lanes64()
	vecIn := l.Lanes64() * e.Size
	Comment("32 lanes start at +0.0.")
	Zero(acc...)

	// Registers after the accumulators. AVX2: 8 accumulators, the count,
	// three (value, mask) pairs used in turn. AVX-512: 4 accumulators,
	// 4 values, the count, all ones.
	var tmp, mask []reg.VecPhysical
	var count, ones reg.VecPhysical
	ks := []reg.Register{reg.K1, reg.K2, reg.K3, reg.K4}
	if l.Bits == 512 {
		tmp = l.Vs(4, 4)
		count, ones = l.V(8), l.V(9)
	} else {
		count = l.V(8)
		tmp, mask = l.Vs(9, 3), l.Vs(12, 3)
	}
	if skipNaN {
		Comment("Per-lane counts of the non-NaN elements start at 0.")
		Zero(count)
		if l.Bits == 512 {
			VPTERNLOGD(U8(0xff), ones, ones, ones) // all ones: int64 -1
		}
	}

	Groups("body", e, p, n, cnt, func(off int) {
		for k, a := range acc {
			m := Mem{Base: p, Disp: off + k*vecIn}
			t := tmp[k%len(tmp)]
			switch {
			case !skipNaN && e.Size == 8:
				VADDPD(m, a, a) // lane = lane + x
			case !skipNaN:
				Widen(e, m, t)
				VADDPD(t, a, a)
			case l.Bits == 512:
				Widen(e, m, t)
				VCMPPD(U8(7), t, t, ks[k]) // k = x is not NaN (ordered)
				VADDPD(t, a, ks[k], a)     // only where k
				VPSUBQ(ones, count, ks[k], count)
			default:
				mk := mask[k%len(mask)]
				Widen(e, m, t)
				VCMPPD(U8(7), t, t, mk) // all ones where x is not NaN
				VANDPD(mk, t, t)        // NaN -> +0.0
				VADDPD(t, a, a)
				VPSUBQ(mk, count, count) // count - (-1)
			}
		}
	})
	Fold(l, acc, tmp[0])

	var total reg.GPVirtual
	if skipNaN {
		Comment("Sum the per-lane counts.")
		total = GP64()
		c, t := count, tmp[0]
		if l.Bits == 512 {
			VEXTRACTI64X4(U8(1), c, t.AsY())
			VPADDQ(t.AsY(), c.AsY(), c.AsY())
		}
		VEXTRACTI128(U8(1), c.AsY(), t.AsX())
		VPADDQ(t.AsX(), c.AsX(), c.AsX())
		VPSHUFD(U8(0x4e), c.AsX(), t.AsX())
		VPADDQ(t.AsX(), c.AsX(), c.AsX())
		VMOVQ(c.AsX(), total)
	}

	r := acc[0].AsX()
	t := tmp[0].AsX()
	Tail("tail", e, p, n, cnt, func(m Mem) {
		if !skipNaN && e.Size == 8 {
			VADDSD(m, r, r)
			return
		}
		WidenScalar(e, m, tmp[0])
		if skipNaN {
			VUCOMISD(t, t)
			JPS(LabelRef("tail_skip")) // parity: unordered, x is NaN
			INCQ(total)
		}
		VADDSD(t, r, r)
		if skipNaN {
			Label("tail_skip")
		}
	})
	VZEROUPPER()
	Store(r, ReturnIndex(0))
	if skipNaN {
		Store(total, ReturnIndex(1))
	}
	RET()
}
