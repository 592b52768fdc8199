//go:build !purego

#include "textflag.h"

// Register plan (docs/simd-arm64.md): one sweep covers 16 lanes, c in V0-V7
// and q in V8-V15 (lanes 2k and 2k+1 in Vk and V8+k); V16-V23 hold the
// loads and deviations, V24 holds m0 and V25-V28 the NaN masks.

#define X_PTR R0
#define N R1
#define ROWS R2
#define TAIL R3
#define BASE R4
#define I R5
#define HALF R6
#define SPILL R7

// func devF64(x []float64, m0 float64) (c, q float64)
TEXT ·devF64(SB), NOSPLIT, $256-48
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	LSR   $5, N, ROWS   // rows = n / 32
	AND   $31, N, TAIL  // tail = n % 32
	FMOVD ZR, F0        // c = 0: the fold of 32 zero lanes
	FMOVD ZR, F1        // q = 0
	CBZ   ROWS, tail

	// m0 in both halves of V24
	FMOVD m0+24(FP), F24
	WORD $0x4e080718 // dup v24.2d, v24.d[0]
	MOVD  X_PTR, BASE

	// The 64 lanes of c and q do not fit in the registers beside the loads,
	// so the rows are swept twice: lanes 0-15 (c in V0-V7, q in V8-V15),
	// spilled once, then lanes 16-31. The block is in L1 by now.
	MOVD  $0, HALF

pass:
	// c[0:16], q[0:16] = 0
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	MOVD  ROWS, I

row:
	// for the 16 lanes j of this sweep: d = x[j] - m0;
	// c[j] += d; q[j] = fma(d, d, q[j])
	// then x = x[32:]; the sweep over lanes 0-15 starts at x[0], the other at x[16]
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4ef8d610 // fsub v16.2d, v16.2d, v24.2d
	WORD $0x4e70d400 // fadd v0.2d, v0.2d, v16.2d
	WORD $0x4e70ce08 // fmla v8.2d, v16.2d, v16.2d
	WORD $0x4ef8d631 // fsub v17.2d, v17.2d, v24.2d
	WORD $0x4e71d421 // fadd v1.2d, v1.2d, v17.2d
	WORD $0x4e71ce29 // fmla v9.2d, v17.2d, v17.2d
	WORD $0x4ef8d652 // fsub v18.2d, v18.2d, v24.2d
	WORD $0x4e72d442 // fadd v2.2d, v2.2d, v18.2d
	WORD $0x4e72ce4a // fmla v10.2d, v18.2d, v18.2d
	WORD $0x4ef8d673 // fsub v19.2d, v19.2d, v24.2d
	WORD $0x4e73d463 // fadd v3.2d, v3.2d, v19.2d
	WORD $0x4e73ce6b // fmla v11.2d, v19.2d, v19.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4ef8d694 // fsub v20.2d, v20.2d, v24.2d
	WORD $0x4e74d484 // fadd v4.2d, v4.2d, v20.2d
	WORD $0x4e74ce8c // fmla v12.2d, v20.2d, v20.2d
	WORD $0x4ef8d6b5 // fsub v21.2d, v21.2d, v24.2d
	WORD $0x4e75d4a5 // fadd v5.2d, v5.2d, v21.2d
	WORD $0x4e75cead // fmla v13.2d, v21.2d, v21.2d
	WORD $0x4ef8d6d6 // fsub v22.2d, v22.2d, v24.2d
	WORD $0x4e76d4c6 // fadd v6.2d, v6.2d, v22.2d
	WORD $0x4e76cece // fmla v14.2d, v22.2d, v22.2d
	WORD $0x4ef8d6f7 // fsub v23.2d, v23.2d, v24.2d
	WORD $0x4e77d4e7 // fadd v7.2d, v7.2d, v23.2d
	WORD $0x4e77ceef // fmla v15.2d, v23.2d, v23.2d
	ADD   $128, X_PTR // the other half of the row
	SUBS  $1, I
	BNE   row

	CBNZ  HALF, merge
	// spill lanes 0-15 and go over lanes 16-31
	MOVD  $spill-256(SP), SPILL
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(SPILL)
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(SPILL)
	VST1.P [V8.D2, V9.D2, V10.D2, V11.D2], 64(SPILL)
	VST1   [V12.D2, V13.D2, V14.D2, V15.D2], (SPILL)
	ADD   $128, BASE, X_PTR
	MOVD  $1, HALF
	JMP   pass

merge:
	SUB   $128, X_PTR // the tail starts after the last row
	// lane[j] += lane[j+16] for j < 16, lanes 0-15 from the spill
	MOVD  $spill-256(SP), SPILL
	VLD1.P 64(SPILL), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(SPILL), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(SPILL), [V24.D2, V25.D2, V26.D2, V27.D2]
	VLD1   (SPILL), [V28.D2, V29.D2, V30.D2, V31.D2]
	WORD $0x4e60d600 // fadd v0.2d, v16.2d, v0.2d
	WORD $0x4e61d621 // fadd v1.2d, v17.2d, v1.2d
	WORD $0x4e62d642 // fadd v2.2d, v18.2d, v2.2d
	WORD $0x4e63d663 // fadd v3.2d, v19.2d, v3.2d
	WORD $0x4e64d684 // fadd v4.2d, v20.2d, v4.2d
	WORD $0x4e65d6a5 // fadd v5.2d, v21.2d, v5.2d
	WORD $0x4e66d6c6 // fadd v6.2d, v22.2d, v6.2d
	WORD $0x4e67d6e7 // fadd v7.2d, v23.2d, v7.2d
	WORD $0x4e68d708 // fadd v8.2d, v24.2d, v8.2d
	WORD $0x4e69d729 // fadd v9.2d, v25.2d, v9.2d
	WORD $0x4e6ad74a // fadd v10.2d, v26.2d, v10.2d
	WORD $0x4e6bd76b // fadd v11.2d, v27.2d, v11.2d
	WORD $0x4e6cd78c // fadd v12.2d, v28.2d, v12.2d
	WORD $0x4e6dd7ad // fadd v13.2d, v29.2d, v13.2d
	WORD $0x4e6ed7ce // fadd v14.2d, v30.2d, v14.2d
	WORD $0x4e6fd7ef // fadd v15.2d, v31.2d, v15.2d
	// lane[j] += lane[j+w] for w = 8, 4, 2; c = lane[0] + lane[1], same for q
	WORD $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD $0x4e6cd508 // fadd v8.2d, v8.2d, v12.2d
	WORD $0x4e65d421 // fadd v1.2d, v1.2d, v5.2d
	WORD $0x4e6dd529 // fadd v9.2d, v9.2d, v13.2d
	WORD $0x4e66d442 // fadd v2.2d, v2.2d, v6.2d
	WORD $0x4e6ed54a // fadd v10.2d, v10.2d, v14.2d
	WORD $0x4e67d463 // fadd v3.2d, v3.2d, v7.2d
	WORD $0x4e6fd56b // fadd v11.2d, v11.2d, v15.2d
	WORD $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD $0x4e6ad508 // fadd v8.2d, v8.2d, v10.2d
	WORD $0x4e63d421 // fadd v1.2d, v1.2d, v3.2d
	WORD $0x4e6bd529 // fadd v9.2d, v9.2d, v11.2d
	WORD $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD $0x4e69d508 // fadd v8.2d, v8.2d, v9.2d
	WORD $0x7e70d800 // faddp d0, v0.2d
	WORD $0x7e70d901 // faddp d1, v8.2d

tail:
	CBZ   TAIL, done
	FMOVD m0+24(FP), F2

tailloop:
	// d = x[i] - m0; c += d; q = fma(d, d, q)
	FMOVD.P 8(X_PTR), F3
	FSUBD F2, F3
	FADDD F3, F0
	FMADDD F3, F1, F3, F1
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, c+32(FP)
	FMOVD F1, q+40(FP)
	RET

// func devF32(x []float32, m0 float64) (c, q float64)
TEXT ·devF32(SB), NOSPLIT, $256-48
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	LSR   $5, N, ROWS   // rows = n / 32
	AND   $31, N, TAIL  // tail = n % 32
	FMOVD ZR, F0        // c = 0: the fold of 32 zero lanes
	FMOVD ZR, F1        // q = 0
	CBZ   ROWS, tail

	// m0 in both halves of V24
	FMOVD m0+24(FP), F24
	WORD $0x4e080718 // dup v24.2d, v24.d[0]
	MOVD  X_PTR, BASE

	// The 64 lanes of c and q do not fit in the registers beside the loads,
	// so the rows are swept twice: lanes 0-15 (c in V0-V7, q in V8-V15),
	// spilled once, then lanes 16-31. The block is in L1 by now.
	MOVD  $0, HALF

pass:
	// c[0:16], q[0:16] = 0
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	MOVD  ROWS, I

row:
	// for the 16 lanes j of this sweep: d = float64(x[j]) - m0;
	// c[j] += d; q[j] = fma(d, d, q[j])
	// then x = x[32:]; the sweep over lanes 0-15 starts at x[0], the other at x[16]
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4e617a14 // fcvtl2 v20.2d, v16.4s
	WORD $0x0e617a10 // fcvtl v16.2d, v16.2s
	WORD $0x4ef8d610 // fsub v16.2d, v16.2d, v24.2d
	WORD $0x4e70d400 // fadd v0.2d, v0.2d, v16.2d
	WORD $0x4e70ce08 // fmla v8.2d, v16.2d, v16.2d
	WORD $0x4ef8d694 // fsub v20.2d, v20.2d, v24.2d
	WORD $0x4e74d421 // fadd v1.2d, v1.2d, v20.2d
	WORD $0x4e74ce89 // fmla v9.2d, v20.2d, v20.2d
	WORD $0x4e617a35 // fcvtl2 v21.2d, v17.4s
	WORD $0x0e617a31 // fcvtl v17.2d, v17.2s
	WORD $0x4ef8d631 // fsub v17.2d, v17.2d, v24.2d
	WORD $0x4e71d442 // fadd v2.2d, v2.2d, v17.2d
	WORD $0x4e71ce2a // fmla v10.2d, v17.2d, v17.2d
	WORD $0x4ef8d6b5 // fsub v21.2d, v21.2d, v24.2d
	WORD $0x4e75d463 // fadd v3.2d, v3.2d, v21.2d
	WORD $0x4e75ceab // fmla v11.2d, v21.2d, v21.2d
	WORD $0x4e617a56 // fcvtl2 v22.2d, v18.4s
	WORD $0x0e617a52 // fcvtl v18.2d, v18.2s
	WORD $0x4ef8d652 // fsub v18.2d, v18.2d, v24.2d
	WORD $0x4e72d484 // fadd v4.2d, v4.2d, v18.2d
	WORD $0x4e72ce4c // fmla v12.2d, v18.2d, v18.2d
	WORD $0x4ef8d6d6 // fsub v22.2d, v22.2d, v24.2d
	WORD $0x4e76d4a5 // fadd v5.2d, v5.2d, v22.2d
	WORD $0x4e76cecd // fmla v13.2d, v22.2d, v22.2d
	WORD $0x4e617a77 // fcvtl2 v23.2d, v19.4s
	WORD $0x0e617a73 // fcvtl v19.2d, v19.2s
	WORD $0x4ef8d673 // fsub v19.2d, v19.2d, v24.2d
	WORD $0x4e73d4c6 // fadd v6.2d, v6.2d, v19.2d
	WORD $0x4e73ce6e // fmla v14.2d, v19.2d, v19.2d
	WORD $0x4ef8d6f7 // fsub v23.2d, v23.2d, v24.2d
	WORD $0x4e77d4e7 // fadd v7.2d, v7.2d, v23.2d
	WORD $0x4e77ceef // fmla v15.2d, v23.2d, v23.2d
	ADD   $64, X_PTR // the other half of the row
	SUBS  $1, I
	BNE   row

	CBNZ  HALF, merge
	// spill lanes 0-15 and go over lanes 16-31
	MOVD  $spill-256(SP), SPILL
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(SPILL)
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(SPILL)
	VST1.P [V8.D2, V9.D2, V10.D2, V11.D2], 64(SPILL)
	VST1   [V12.D2, V13.D2, V14.D2, V15.D2], (SPILL)
	ADD   $64, BASE, X_PTR
	MOVD  $1, HALF
	JMP   pass

merge:
	SUB   $64, X_PTR // the tail starts after the last row
	// lane[j] += lane[j+16] for j < 16, lanes 0-15 from the spill
	MOVD  $spill-256(SP), SPILL
	VLD1.P 64(SPILL), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(SPILL), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(SPILL), [V24.D2, V25.D2, V26.D2, V27.D2]
	VLD1   (SPILL), [V28.D2, V29.D2, V30.D2, V31.D2]
	WORD $0x4e60d600 // fadd v0.2d, v16.2d, v0.2d
	WORD $0x4e61d621 // fadd v1.2d, v17.2d, v1.2d
	WORD $0x4e62d642 // fadd v2.2d, v18.2d, v2.2d
	WORD $0x4e63d663 // fadd v3.2d, v19.2d, v3.2d
	WORD $0x4e64d684 // fadd v4.2d, v20.2d, v4.2d
	WORD $0x4e65d6a5 // fadd v5.2d, v21.2d, v5.2d
	WORD $0x4e66d6c6 // fadd v6.2d, v22.2d, v6.2d
	WORD $0x4e67d6e7 // fadd v7.2d, v23.2d, v7.2d
	WORD $0x4e68d708 // fadd v8.2d, v24.2d, v8.2d
	WORD $0x4e69d729 // fadd v9.2d, v25.2d, v9.2d
	WORD $0x4e6ad74a // fadd v10.2d, v26.2d, v10.2d
	WORD $0x4e6bd76b // fadd v11.2d, v27.2d, v11.2d
	WORD $0x4e6cd78c // fadd v12.2d, v28.2d, v12.2d
	WORD $0x4e6dd7ad // fadd v13.2d, v29.2d, v13.2d
	WORD $0x4e6ed7ce // fadd v14.2d, v30.2d, v14.2d
	WORD $0x4e6fd7ef // fadd v15.2d, v31.2d, v15.2d
	// lane[j] += lane[j+w] for w = 8, 4, 2; c = lane[0] + lane[1], same for q
	WORD $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD $0x4e6cd508 // fadd v8.2d, v8.2d, v12.2d
	WORD $0x4e65d421 // fadd v1.2d, v1.2d, v5.2d
	WORD $0x4e6dd529 // fadd v9.2d, v9.2d, v13.2d
	WORD $0x4e66d442 // fadd v2.2d, v2.2d, v6.2d
	WORD $0x4e6ed54a // fadd v10.2d, v10.2d, v14.2d
	WORD $0x4e67d463 // fadd v3.2d, v3.2d, v7.2d
	WORD $0x4e6fd56b // fadd v11.2d, v11.2d, v15.2d
	WORD $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD $0x4e6ad508 // fadd v8.2d, v8.2d, v10.2d
	WORD $0x4e63d421 // fadd v1.2d, v1.2d, v3.2d
	WORD $0x4e6bd529 // fadd v9.2d, v9.2d, v11.2d
	WORD $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD $0x4e69d508 // fadd v8.2d, v8.2d, v9.2d
	WORD $0x7e70d800 // faddp d0, v0.2d
	WORD $0x7e70d901 // faddp d1, v8.2d

tail:
	CBZ   TAIL, done
	FMOVD m0+24(FP), F2

tailloop:
	// d = x[i] - m0; c += d; q = fma(d, d, q)
	FMOVS.P 4(X_PTR), F3
	FCVTSD F3, F3
	FSUBD F2, F3
	FADDD F3, F0
	FMADDD F3, F1, F3, F1
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, c+32(FP)
	FMOVD F1, q+40(FP)
	RET

// func nanDevF64(x []float64, m0 float64) (c, q float64)
TEXT ·nanDevF64(SB), NOSPLIT, $256-48
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	LSR   $5, N, ROWS   // rows = n / 32
	AND   $31, N, TAIL  // tail = n % 32
	FMOVD ZR, F0        // c = 0: the fold of 32 zero lanes
	FMOVD ZR, F1        // q = 0
	CBZ   ROWS, tail

	// m0 in both halves of V24
	FMOVD m0+24(FP), F24
	WORD $0x4e080718 // dup v24.2d, v24.d[0]
	MOVD  X_PTR, BASE

	// The 64 lanes of c and q do not fit in the registers beside the loads,
	// so the rows are swept twice: lanes 0-15 (c in V0-V7, q in V8-V15),
	// spilled once, then lanes 16-31. The block is in L1 by now.
	MOVD  $0, HALF

pass:
	// c[0:16], q[0:16] = 0
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	MOVD  ROWS, I

row:
	// for the 16 lanes j of this sweep: ok = x[j] == x[j];
	// d = ok ? x[j] - m0 : +0; c[j] += d; q[j] = fma(d, d, q[j])
	// then x = x[32:]; the sweep over lanes 0-15 starts at x[0], the other at x[16]
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4e70e619 // fcmeq v25.2d, v16.2d, v16.2d
	WORD $0x4ef8d610 // fsub v16.2d, v16.2d, v24.2d
	WORD $0x4e391e10 // and v16.16b, v16.16b, v25.16b
	WORD $0x4e70d400 // fadd v0.2d, v0.2d, v16.2d
	WORD $0x4e70ce08 // fmla v8.2d, v16.2d, v16.2d
	WORD $0x4e71e63a // fcmeq v26.2d, v17.2d, v17.2d
	WORD $0x4ef8d631 // fsub v17.2d, v17.2d, v24.2d
	WORD $0x4e3a1e31 // and v17.16b, v17.16b, v26.16b
	WORD $0x4e71d421 // fadd v1.2d, v1.2d, v17.2d
	WORD $0x4e71ce29 // fmla v9.2d, v17.2d, v17.2d
	WORD $0x4e72e65b // fcmeq v27.2d, v18.2d, v18.2d
	WORD $0x4ef8d652 // fsub v18.2d, v18.2d, v24.2d
	WORD $0x4e3b1e52 // and v18.16b, v18.16b, v27.16b
	WORD $0x4e72d442 // fadd v2.2d, v2.2d, v18.2d
	WORD $0x4e72ce4a // fmla v10.2d, v18.2d, v18.2d
	WORD $0x4e73e67c // fcmeq v28.2d, v19.2d, v19.2d
	WORD $0x4ef8d673 // fsub v19.2d, v19.2d, v24.2d
	WORD $0x4e3c1e73 // and v19.16b, v19.16b, v28.16b
	WORD $0x4e73d463 // fadd v3.2d, v3.2d, v19.2d
	WORD $0x4e73ce6b // fmla v11.2d, v19.2d, v19.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4e74e699 // fcmeq v25.2d, v20.2d, v20.2d
	WORD $0x4ef8d694 // fsub v20.2d, v20.2d, v24.2d
	WORD $0x4e391e94 // and v20.16b, v20.16b, v25.16b
	WORD $0x4e74d484 // fadd v4.2d, v4.2d, v20.2d
	WORD $0x4e74ce8c // fmla v12.2d, v20.2d, v20.2d
	WORD $0x4e75e6ba // fcmeq v26.2d, v21.2d, v21.2d
	WORD $0x4ef8d6b5 // fsub v21.2d, v21.2d, v24.2d
	WORD $0x4e3a1eb5 // and v21.16b, v21.16b, v26.16b
	WORD $0x4e75d4a5 // fadd v5.2d, v5.2d, v21.2d
	WORD $0x4e75cead // fmla v13.2d, v21.2d, v21.2d
	WORD $0x4e76e6db // fcmeq v27.2d, v22.2d, v22.2d
	WORD $0x4ef8d6d6 // fsub v22.2d, v22.2d, v24.2d
	WORD $0x4e3b1ed6 // and v22.16b, v22.16b, v27.16b
	WORD $0x4e76d4c6 // fadd v6.2d, v6.2d, v22.2d
	WORD $0x4e76cece // fmla v14.2d, v22.2d, v22.2d
	WORD $0x4e77e6fc // fcmeq v28.2d, v23.2d, v23.2d
	WORD $0x4ef8d6f7 // fsub v23.2d, v23.2d, v24.2d
	WORD $0x4e3c1ef7 // and v23.16b, v23.16b, v28.16b
	WORD $0x4e77d4e7 // fadd v7.2d, v7.2d, v23.2d
	WORD $0x4e77ceef // fmla v15.2d, v23.2d, v23.2d
	ADD   $128, X_PTR // the other half of the row
	SUBS  $1, I
	BNE   row

	CBNZ  HALF, merge
	// spill lanes 0-15 and go over lanes 16-31
	MOVD  $spill-256(SP), SPILL
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(SPILL)
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(SPILL)
	VST1.P [V8.D2, V9.D2, V10.D2, V11.D2], 64(SPILL)
	VST1   [V12.D2, V13.D2, V14.D2, V15.D2], (SPILL)
	ADD   $128, BASE, X_PTR
	MOVD  $1, HALF
	JMP   pass

merge:
	SUB   $128, X_PTR // the tail starts after the last row
	// lane[j] += lane[j+16] for j < 16, lanes 0-15 from the spill
	MOVD  $spill-256(SP), SPILL
	VLD1.P 64(SPILL), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(SPILL), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(SPILL), [V24.D2, V25.D2, V26.D2, V27.D2]
	VLD1   (SPILL), [V28.D2, V29.D2, V30.D2, V31.D2]
	WORD $0x4e60d600 // fadd v0.2d, v16.2d, v0.2d
	WORD $0x4e61d621 // fadd v1.2d, v17.2d, v1.2d
	WORD $0x4e62d642 // fadd v2.2d, v18.2d, v2.2d
	WORD $0x4e63d663 // fadd v3.2d, v19.2d, v3.2d
	WORD $0x4e64d684 // fadd v4.2d, v20.2d, v4.2d
	WORD $0x4e65d6a5 // fadd v5.2d, v21.2d, v5.2d
	WORD $0x4e66d6c6 // fadd v6.2d, v22.2d, v6.2d
	WORD $0x4e67d6e7 // fadd v7.2d, v23.2d, v7.2d
	WORD $0x4e68d708 // fadd v8.2d, v24.2d, v8.2d
	WORD $0x4e69d729 // fadd v9.2d, v25.2d, v9.2d
	WORD $0x4e6ad74a // fadd v10.2d, v26.2d, v10.2d
	WORD $0x4e6bd76b // fadd v11.2d, v27.2d, v11.2d
	WORD $0x4e6cd78c // fadd v12.2d, v28.2d, v12.2d
	WORD $0x4e6dd7ad // fadd v13.2d, v29.2d, v13.2d
	WORD $0x4e6ed7ce // fadd v14.2d, v30.2d, v14.2d
	WORD $0x4e6fd7ef // fadd v15.2d, v31.2d, v15.2d
	// lane[j] += lane[j+w] for w = 8, 4, 2; c = lane[0] + lane[1], same for q
	WORD $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD $0x4e6cd508 // fadd v8.2d, v8.2d, v12.2d
	WORD $0x4e65d421 // fadd v1.2d, v1.2d, v5.2d
	WORD $0x4e6dd529 // fadd v9.2d, v9.2d, v13.2d
	WORD $0x4e66d442 // fadd v2.2d, v2.2d, v6.2d
	WORD $0x4e6ed54a // fadd v10.2d, v10.2d, v14.2d
	WORD $0x4e67d463 // fadd v3.2d, v3.2d, v7.2d
	WORD $0x4e6fd56b // fadd v11.2d, v11.2d, v15.2d
	WORD $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD $0x4e6ad508 // fadd v8.2d, v8.2d, v10.2d
	WORD $0x4e63d421 // fadd v1.2d, v1.2d, v3.2d
	WORD $0x4e6bd529 // fadd v9.2d, v9.2d, v11.2d
	WORD $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD $0x4e69d508 // fadd v8.2d, v8.2d, v9.2d
	WORD $0x7e70d800 // faddp d0, v0.2d
	WORD $0x7e70d901 // faddp d1, v8.2d

tail:
	CBZ   TAIL, done
	FMOVD m0+24(FP), F2

tailloop:
	// if x[i] == x[i] { d = x[i] - m0; c += d; q = fma(d, d, q) }
	FMOVD.P 8(X_PTR), F3
	FCMPD F3, F3
	BVS   next // unordered: NaN
	FSUBD F2, F3
	FADDD F3, F0
	FMADDD F3, F1, F3, F1

next:
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, c+32(FP)
	FMOVD F1, q+40(FP)
	RET

// func nanDevF32(x []float32, m0 float64) (c, q float64)
TEXT ·nanDevF32(SB), NOSPLIT, $256-48
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	LSR   $5, N, ROWS   // rows = n / 32
	AND   $31, N, TAIL  // tail = n % 32
	FMOVD ZR, F0        // c = 0: the fold of 32 zero lanes
	FMOVD ZR, F1        // q = 0
	CBZ   ROWS, tail

	// m0 in both halves of V24
	FMOVD m0+24(FP), F24
	WORD $0x4e080718 // dup v24.2d, v24.d[0]
	MOVD  X_PTR, BASE

	// The 64 lanes of c and q do not fit in the registers beside the loads,
	// so the rows are swept twice: lanes 0-15 (c in V0-V7, q in V8-V15),
	// spilled once, then lanes 16-31. The block is in L1 by now.
	MOVD  $0, HALF

pass:
	// c[0:16], q[0:16] = 0
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	MOVD  ROWS, I

row:
	// for the 16 lanes j of this sweep: ok = x[j] == x[j];
	// d = ok ? float64(x[j]) - m0 : +0; c[j] += d; q[j] = fma(d, d, q[j])
	// then x = x[32:]; the sweep over lanes 0-15 starts at x[0], the other at x[16]
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4e617a14 // fcvtl2 v20.2d, v16.4s
	WORD $0x0e617a10 // fcvtl v16.2d, v16.2s
	WORD $0x4e70e619 // fcmeq v25.2d, v16.2d, v16.2d
	WORD $0x4ef8d610 // fsub v16.2d, v16.2d, v24.2d
	WORD $0x4e391e10 // and v16.16b, v16.16b, v25.16b
	WORD $0x4e70d400 // fadd v0.2d, v0.2d, v16.2d
	WORD $0x4e70ce08 // fmla v8.2d, v16.2d, v16.2d
	WORD $0x4e74e69a // fcmeq v26.2d, v20.2d, v20.2d
	WORD $0x4ef8d694 // fsub v20.2d, v20.2d, v24.2d
	WORD $0x4e3a1e94 // and v20.16b, v20.16b, v26.16b
	WORD $0x4e74d421 // fadd v1.2d, v1.2d, v20.2d
	WORD $0x4e74ce89 // fmla v9.2d, v20.2d, v20.2d
	WORD $0x4e617a35 // fcvtl2 v21.2d, v17.4s
	WORD $0x0e617a31 // fcvtl v17.2d, v17.2s
	WORD $0x4e71e63b // fcmeq v27.2d, v17.2d, v17.2d
	WORD $0x4ef8d631 // fsub v17.2d, v17.2d, v24.2d
	WORD $0x4e3b1e31 // and v17.16b, v17.16b, v27.16b
	WORD $0x4e71d442 // fadd v2.2d, v2.2d, v17.2d
	WORD $0x4e71ce2a // fmla v10.2d, v17.2d, v17.2d
	WORD $0x4e75e6bc // fcmeq v28.2d, v21.2d, v21.2d
	WORD $0x4ef8d6b5 // fsub v21.2d, v21.2d, v24.2d
	WORD $0x4e3c1eb5 // and v21.16b, v21.16b, v28.16b
	WORD $0x4e75d463 // fadd v3.2d, v3.2d, v21.2d
	WORD $0x4e75ceab // fmla v11.2d, v21.2d, v21.2d
	WORD $0x4e617a56 // fcvtl2 v22.2d, v18.4s
	WORD $0x0e617a52 // fcvtl v18.2d, v18.2s
	WORD $0x4e72e659 // fcmeq v25.2d, v18.2d, v18.2d
	WORD $0x4ef8d652 // fsub v18.2d, v18.2d, v24.2d
	WORD $0x4e391e52 // and v18.16b, v18.16b, v25.16b
	WORD $0x4e72d484 // fadd v4.2d, v4.2d, v18.2d
	WORD $0x4e72ce4c // fmla v12.2d, v18.2d, v18.2d
	WORD $0x4e76e6da // fcmeq v26.2d, v22.2d, v22.2d
	WORD $0x4ef8d6d6 // fsub v22.2d, v22.2d, v24.2d
	WORD $0x4e3a1ed6 // and v22.16b, v22.16b, v26.16b
	WORD $0x4e76d4a5 // fadd v5.2d, v5.2d, v22.2d
	WORD $0x4e76cecd // fmla v13.2d, v22.2d, v22.2d
	WORD $0x4e617a77 // fcvtl2 v23.2d, v19.4s
	WORD $0x0e617a73 // fcvtl v19.2d, v19.2s
	WORD $0x4e73e67b // fcmeq v27.2d, v19.2d, v19.2d
	WORD $0x4ef8d673 // fsub v19.2d, v19.2d, v24.2d
	WORD $0x4e3b1e73 // and v19.16b, v19.16b, v27.16b
	WORD $0x4e73d4c6 // fadd v6.2d, v6.2d, v19.2d
	WORD $0x4e73ce6e // fmla v14.2d, v19.2d, v19.2d
	WORD $0x4e77e6fc // fcmeq v28.2d, v23.2d, v23.2d
	WORD $0x4ef8d6f7 // fsub v23.2d, v23.2d, v24.2d
	WORD $0x4e3c1ef7 // and v23.16b, v23.16b, v28.16b
	WORD $0x4e77d4e7 // fadd v7.2d, v7.2d, v23.2d
	WORD $0x4e77ceef // fmla v15.2d, v23.2d, v23.2d
	ADD   $64, X_PTR // the other half of the row
	SUBS  $1, I
	BNE   row

	CBNZ  HALF, merge
	// spill lanes 0-15 and go over lanes 16-31
	MOVD  $spill-256(SP), SPILL
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(SPILL)
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(SPILL)
	VST1.P [V8.D2, V9.D2, V10.D2, V11.D2], 64(SPILL)
	VST1   [V12.D2, V13.D2, V14.D2, V15.D2], (SPILL)
	ADD   $64, BASE, X_PTR
	MOVD  $1, HALF
	JMP   pass

merge:
	SUB   $64, X_PTR // the tail starts after the last row
	// lane[j] += lane[j+16] for j < 16, lanes 0-15 from the spill
	MOVD  $spill-256(SP), SPILL
	VLD1.P 64(SPILL), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(SPILL), [V20.D2, V21.D2, V22.D2, V23.D2]
	VLD1.P 64(SPILL), [V24.D2, V25.D2, V26.D2, V27.D2]
	VLD1   (SPILL), [V28.D2, V29.D2, V30.D2, V31.D2]
	WORD $0x4e60d600 // fadd v0.2d, v16.2d, v0.2d
	WORD $0x4e61d621 // fadd v1.2d, v17.2d, v1.2d
	WORD $0x4e62d642 // fadd v2.2d, v18.2d, v2.2d
	WORD $0x4e63d663 // fadd v3.2d, v19.2d, v3.2d
	WORD $0x4e64d684 // fadd v4.2d, v20.2d, v4.2d
	WORD $0x4e65d6a5 // fadd v5.2d, v21.2d, v5.2d
	WORD $0x4e66d6c6 // fadd v6.2d, v22.2d, v6.2d
	WORD $0x4e67d6e7 // fadd v7.2d, v23.2d, v7.2d
	WORD $0x4e68d708 // fadd v8.2d, v24.2d, v8.2d
	WORD $0x4e69d729 // fadd v9.2d, v25.2d, v9.2d
	WORD $0x4e6ad74a // fadd v10.2d, v26.2d, v10.2d
	WORD $0x4e6bd76b // fadd v11.2d, v27.2d, v11.2d
	WORD $0x4e6cd78c // fadd v12.2d, v28.2d, v12.2d
	WORD $0x4e6dd7ad // fadd v13.2d, v29.2d, v13.2d
	WORD $0x4e6ed7ce // fadd v14.2d, v30.2d, v14.2d
	WORD $0x4e6fd7ef // fadd v15.2d, v31.2d, v15.2d
	// lane[j] += lane[j+w] for w = 8, 4, 2; c = lane[0] + lane[1], same for q
	WORD $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD $0x4e6cd508 // fadd v8.2d, v8.2d, v12.2d
	WORD $0x4e65d421 // fadd v1.2d, v1.2d, v5.2d
	WORD $0x4e6dd529 // fadd v9.2d, v9.2d, v13.2d
	WORD $0x4e66d442 // fadd v2.2d, v2.2d, v6.2d
	WORD $0x4e6ed54a // fadd v10.2d, v10.2d, v14.2d
	WORD $0x4e67d463 // fadd v3.2d, v3.2d, v7.2d
	WORD $0x4e6fd56b // fadd v11.2d, v11.2d, v15.2d
	WORD $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD $0x4e6ad508 // fadd v8.2d, v8.2d, v10.2d
	WORD $0x4e63d421 // fadd v1.2d, v1.2d, v3.2d
	WORD $0x4e6bd529 // fadd v9.2d, v9.2d, v11.2d
	WORD $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD $0x4e69d508 // fadd v8.2d, v8.2d, v9.2d
	WORD $0x7e70d800 // faddp d0, v0.2d
	WORD $0x7e70d901 // faddp d1, v8.2d

tail:
	CBZ   TAIL, done
	FMOVD m0+24(FP), F2

tailloop:
	// if x[i] == x[i] { d = x[i] - m0; c += d; q = fma(d, d, q) }
	FMOVS.P 4(X_PTR), F3
	FCVTSD F3, F3
	FCMPD F3, F3
	BVS   next // unordered: NaN
	FSUBD F2, F3
	FADDD F3, F0
	FMADDD F3, F1, F3, F1

next:
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, c+32(FP)
	FMOVD F1, q+40(FP)
	RET
