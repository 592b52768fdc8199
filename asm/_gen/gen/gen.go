// Package gen holds what the kernel generators share: the two instruction
// set levels, the two element types, and emitters for the pieces of the
// canonical block order (docs/design.md) that every family uses: the loop
// over groups of 32 elements, the fold 16-8-4-2-1 and the scalar tail.
//
// Vector registers are always named physically (Y0..Y15, Z0..Z31), never
// allocated by avo: an AVX2 routine must never touch Y16..Y31, which only
// EVEX (AVX-512) encodings reach.
package gen

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// Lanes is the number of float64 lane accumulators of the canonical order.
const Lanes = 32

// Level is an instruction-set level.
type Level struct {
	Name string // suffix of the routine names
	Bits int    // vector register width
	Regs int    // number of vector registers
}

// The two amd64 levels.
var (
	AVX2   = Level{Name: "AVX2", Bits: 256, Regs: 16}
	AVX512 = Level{Name: "AVX512", Bits: 512, Regs: 32}
	Levels = []Level{AVX2, AVX512}
)

// Lanes64 is the number of float64 values in one vector register.
func (l Level) Lanes64() int { return l.Bits / 64 }

// VecBytes is the width of one vector register in bytes.
func (l Level) VecBytes() int { return l.Bits / 8 }

// V returns vector register i at the level's full width.
func (l Level) V(i int) reg.VecPhysical {
	if i >= l.Regs {
		panic(fmt.Sprintf("gen: %s has no vector register %d", l.Name, i))
	}
	z := zmm[i]
	if l.Bits == 256 {
		return z.AsY().(reg.VecPhysical)
	}
	return z
}

// Vs returns n consecutive vector registers starting at first.
func (l Level) Vs(first, n int) []reg.VecPhysical {
	v := make([]reg.VecPhysical, n)
	for i := range v {
		v[i] = l.V(first + i)
	}
	return v
}

var zmm = []reg.VecPhysical{
	reg.Z0, reg.Z1, reg.Z2, reg.Z3, reg.Z4, reg.Z5, reg.Z6, reg.Z7,
	reg.Z8, reg.Z9, reg.Z10, reg.Z11, reg.Z12, reg.Z13, reg.Z14, reg.Z15,
	reg.Z16, reg.Z17, reg.Z18, reg.Z19, reg.Z20, reg.Z21, reg.Z22, reg.Z23,
	reg.Z24, reg.Z25, reg.Z26, reg.Z27, reg.Z28, reg.Z29, reg.Z30, reg.Z31,
}

// Elem is an element type of the input.
type Elem struct {
	Name string // "F64" or "F32", in the routine names
	Go   string // Go type
	Size int    // bytes
}

// The two element types.
var (
	Float64 = Elem{Name: "F64", Go: "float64", Size: 8}
	Float32 = Elem{Name: "F32", Go: "float32", Size: 4}
	Elems   = []Elem{Float64, Float32}
)

// GroupBytes is the size in bytes of one group of 32 elements: one step of
// every lane.
func (e Elem) GroupBytes() int { return Lanes * e.Size }

// Widen loads l.Lanes64() elements at m into the float64 register dst:
// a plain load for float64, an exact widening (VCVTPS2PD) for float32.
func Widen(e Elem, m Mem, dst reg.VecPhysical) {
	if e.Size == 8 {
		VMOVUPD(m, dst)
		return
	}
	VCVTPS2PD(m, dst)
}

// WidenScalar loads the element at m into the low float64 lane of dst.
func WidenScalar(e Elem, m Mem, dst reg.VecPhysical) {
	x := dst.AsX()
	if e.Size == 8 {
		VMOVSD(m, x)
		return
	}
	VCVTSS2SD(m, x, x)
}

// Groups emits a loop that calls body once per group of 32 elements of the
// block at p, with n elements in all (only the 32*floor(n/32) of the body
// are visited): body(off) handles the group at byte offset off from p. Two
// groups are done per iteration to halve the loop overhead; a pair of
// groups is still visited in increasing order, so every lane sees its
// elements in order. p is advanced past the body; cnt is clobbered.
func Groups(name string, e Elem, p, n, cnt reg.Register, body func(off int)) {
	g := e.GroupBytes()
	pairs, single, done := name+"_pairs", name+"_single", name+"_done"
	Commentf("%s: two groups of 32 elements per iteration, then one more if odd.", name)
	MOVQ(n, cnt)
	SHRQ(U8(6), cnt)
	JZ(LabelRef(single))
	Label(pairs)
	body(0)
	body(g)
	ADDQ(U32(2*g), p)
	DECQ(cnt)
	JNZ(LabelRef(pairs))
	Label(single)
	TESTQ(U32(32), n)
	JZ(LabelRef(done))
	body(0)
	ADDQ(U32(g), p)
	Label(done)
}

// Tail emits a loop that calls body once per element after the body of the
// block (the n mod 32 last ones), in order, with p pointing at the body's
// end. body(m) handles the element at m. cnt is clobbered.
func Tail(name string, e Elem, p, n, cnt reg.Register, body func(m Mem)) {
	loop, done := name+"_loop", name+"_done"
	Commentf("%s: the n mod 32 last elements, in order, after the fold.", name)
	MOVQ(n, cnt)
	ANDQ(U32(Lanes-1), cnt)
	JZ(LabelRef(done))
	Label(loop)
	body(Mem{Base: p})
	ADDQ(U32(e.Size), p)
	DECQ(cnt)
	JNZ(LabelRef(loop))
	Label(done)
}

// Zero clears the vector registers.
func Zero(vs ...reg.VecPhysical) {
	for _, v := range vs {
		VXORPD(v, v, v)
	}
}

// Fold reduces 32 float64 lanes held in acc (lane j in acc[j/w] at
// position j mod w, w the lanes per register) to lane 0, in the canonical
// order: for w = 16, 8, 4, 2, 1, lane[j] = lane[j] + lane[j+w]. The result
// is the low lane of acc[0].AsX(); tmp is clobbered. acc may also hold
// fewer than 32 lanes when the caller has already done the first steps.
func Fold(l Level, acc []reg.VecPhysical, tmp reg.VecPhysical) {
	Comment("Fold 16-8-4-2-1: lane[j] = lane[j] + lane[j+w].")
	for k := len(acc) / 2; k >= 1; k /= 2 {
		for j := 0; j < k; j++ {
			VADDPD(acc[j+k], acc[j], acc[j])
		}
	}
	r := acc[0]
	if l.Bits == 512 {
		VEXTRACTF64X4(U8(1), r, tmp.AsY())
		VADDPD(tmp.AsY(), r.AsY(), r.AsY())
	}
	VEXTRACTF128(U8(1), r.AsY(), tmp.AsX())
	VADDPD(tmp.AsX(), r.AsX(), r.AsX())
	VPERMILPD(U8(1), r.AsX(), tmp.AsX())
	VADDSD(tmp.AsX(), r.AsX(), r.AsX())
}

// Signature returns the Go signature of a routine over a slice of e with
// the given extra parameters and results.
func Signature(e Elem, params, results string) string {
	return fmt.Sprintf("func(x []%s%s) %s", e.Go, params, results)
}

// Header starts a generated file: its build constraint and the comment
// that says where it comes from.
func Header() {
	ConstraintExpr("!purego")
}
