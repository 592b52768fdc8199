//go:build !purego

#include "textflag.h"

// Register plan (docs/simd-arm64.md): V0-V15 are the 32 lane accumulators,
// lanes 2k and 2k+1 in Vk; V16-V31 hold loads, masks and counts.

#define X_PTR R0
#define N R1
#define ROWS R2
#define TAIL R3
#define CNT R4

// func sumF64(x []float64) float64
TEXT ·sumF64(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	LSR   $5, N, ROWS   // rows = n / 32
	AND   $31, N, TAIL  // tail = n % 32
	FMOVD ZR, F0        // r = 0: the fold of 32 zero lanes
	CBZ   ROWS, tail

	// lane[0:32] = 0
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

row:
	// lane[j] += x[j] for j < 32; x = x[32:]
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4e70d400 // fadd v0.2d, v0.2d, v16.2d
	WORD $0x4e71d421 // fadd v1.2d, v1.2d, v17.2d
	WORD $0x4e72d442 // fadd v2.2d, v2.2d, v18.2d
	WORD $0x4e73d463 // fadd v3.2d, v3.2d, v19.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4e74d484 // fadd v4.2d, v4.2d, v20.2d
	WORD $0x4e75d4a5 // fadd v5.2d, v5.2d, v21.2d
	WORD $0x4e76d4c6 // fadd v6.2d, v6.2d, v22.2d
	WORD $0x4e77d4e7 // fadd v7.2d, v7.2d, v23.2d
	VLD1.P 64(X_PTR), [V24.D2, V25.D2, V26.D2, V27.D2]
	WORD $0x4e78d508 // fadd v8.2d, v8.2d, v24.2d
	WORD $0x4e79d529 // fadd v9.2d, v9.2d, v25.2d
	WORD $0x4e7ad54a // fadd v10.2d, v10.2d, v26.2d
	WORD $0x4e7bd56b // fadd v11.2d, v11.2d, v27.2d
	VLD1.P 64(X_PTR), [V28.D2, V29.D2, V30.D2, V31.D2]
	WORD $0x4e7cd58c // fadd v12.2d, v12.2d, v28.2d
	WORD $0x4e7dd5ad // fadd v13.2d, v13.2d, v29.2d
	WORD $0x4e7ed5ce // fadd v14.2d, v14.2d, v30.2d
	WORD $0x4e7fd5ef // fadd v15.2d, v15.2d, v31.2d
	SUBS  $1, ROWS
	BNE   row

	// lane[j] += lane[j+w] for w = 16, 8, 4, 2; r = lane[0] + lane[1]
	WORD $0x4e68d400 // fadd v0.2d, v0.2d, v8.2d
	WORD $0x4e69d421 // fadd v1.2d, v1.2d, v9.2d
	WORD $0x4e6ad442 // fadd v2.2d, v2.2d, v10.2d
	WORD $0x4e6bd463 // fadd v3.2d, v3.2d, v11.2d
	WORD $0x4e6cd484 // fadd v4.2d, v4.2d, v12.2d
	WORD $0x4e6dd4a5 // fadd v5.2d, v5.2d, v13.2d
	WORD $0x4e6ed4c6 // fadd v6.2d, v6.2d, v14.2d
	WORD $0x4e6fd4e7 // fadd v7.2d, v7.2d, v15.2d
	WORD $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD $0x4e65d421 // fadd v1.2d, v1.2d, v5.2d
	WORD $0x4e66d442 // fadd v2.2d, v2.2d, v6.2d
	WORD $0x4e67d463 // fadd v3.2d, v3.2d, v7.2d
	WORD $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD $0x4e63d421 // fadd v1.2d, v1.2d, v3.2d
	WORD $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD $0x7e70d800 // faddp d0, v0.2d

tail:
	CBZ   TAIL, done

tailloop:
	// r += x[i]
	FMOVD.P 8(X_PTR), F1
	FADDD F1, F0
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, ret+24(FP)
	RET

// func sumF32(x []float32) float64
TEXT ·sumF32(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	LSR   $5, N, ROWS   // rows = n / 32
	AND   $31, N, TAIL  // tail = n % 32
	FMOVD ZR, F0        // r = 0: the fold of 32 zero lanes
	CBZ   ROWS, tail

	// lane[0:32] = 0
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

row:
	// lane[j] += float64(x[j]) for j < 32; x = x[32:]
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	VLD1.P 64(X_PTR), [V20.S4, V21.S4, V22.S4, V23.S4]
	WORD $0x4e617a18 // fcvtl2 v24.2d, v16.4s
	WORD $0x0e617a10 // fcvtl v16.2d, v16.2s
	WORD $0x4e70d400 // fadd v0.2d, v0.2d, v16.2d
	WORD $0x4e78d421 // fadd v1.2d, v1.2d, v24.2d
	WORD $0x4e617a39 // fcvtl2 v25.2d, v17.4s
	WORD $0x0e617a31 // fcvtl v17.2d, v17.2s
	WORD $0x4e71d442 // fadd v2.2d, v2.2d, v17.2d
	WORD $0x4e79d463 // fadd v3.2d, v3.2d, v25.2d
	WORD $0x4e617a5a // fcvtl2 v26.2d, v18.4s
	WORD $0x0e617a52 // fcvtl v18.2d, v18.2s
	WORD $0x4e72d484 // fadd v4.2d, v4.2d, v18.2d
	WORD $0x4e7ad4a5 // fadd v5.2d, v5.2d, v26.2d
	WORD $0x4e617a7b // fcvtl2 v27.2d, v19.4s
	WORD $0x0e617a73 // fcvtl v19.2d, v19.2s
	WORD $0x4e73d4c6 // fadd v6.2d, v6.2d, v19.2d
	WORD $0x4e7bd4e7 // fadd v7.2d, v7.2d, v27.2d
	WORD $0x4e617a9c // fcvtl2 v28.2d, v20.4s
	WORD $0x0e617a94 // fcvtl v20.2d, v20.2s
	WORD $0x4e74d508 // fadd v8.2d, v8.2d, v20.2d
	WORD $0x4e7cd529 // fadd v9.2d, v9.2d, v28.2d
	WORD $0x4e617abd // fcvtl2 v29.2d, v21.4s
	WORD $0x0e617ab5 // fcvtl v21.2d, v21.2s
	WORD $0x4e75d54a // fadd v10.2d, v10.2d, v21.2d
	WORD $0x4e7dd56b // fadd v11.2d, v11.2d, v29.2d
	WORD $0x4e617ade // fcvtl2 v30.2d, v22.4s
	WORD $0x0e617ad6 // fcvtl v22.2d, v22.2s
	WORD $0x4e76d58c // fadd v12.2d, v12.2d, v22.2d
	WORD $0x4e7ed5ad // fadd v13.2d, v13.2d, v30.2d
	WORD $0x4e617aff // fcvtl2 v31.2d, v23.4s
	WORD $0x0e617af7 // fcvtl v23.2d, v23.2s
	WORD $0x4e77d5ce // fadd v14.2d, v14.2d, v23.2d
	WORD $0x4e7fd5ef // fadd v15.2d, v15.2d, v31.2d
	SUBS  $1, ROWS
	BNE   row

	// lane[j] += lane[j+w] for w = 16, 8, 4, 2; r = lane[0] + lane[1]
	WORD $0x4e68d400 // fadd v0.2d, v0.2d, v8.2d
	WORD $0x4e69d421 // fadd v1.2d, v1.2d, v9.2d
	WORD $0x4e6ad442 // fadd v2.2d, v2.2d, v10.2d
	WORD $0x4e6bd463 // fadd v3.2d, v3.2d, v11.2d
	WORD $0x4e6cd484 // fadd v4.2d, v4.2d, v12.2d
	WORD $0x4e6dd4a5 // fadd v5.2d, v5.2d, v13.2d
	WORD $0x4e6ed4c6 // fadd v6.2d, v6.2d, v14.2d
	WORD $0x4e6fd4e7 // fadd v7.2d, v7.2d, v15.2d
	WORD $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD $0x4e65d421 // fadd v1.2d, v1.2d, v5.2d
	WORD $0x4e66d442 // fadd v2.2d, v2.2d, v6.2d
	WORD $0x4e67d463 // fadd v3.2d, v3.2d, v7.2d
	WORD $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD $0x4e63d421 // fadd v1.2d, v1.2d, v3.2d
	WORD $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD $0x7e70d800 // faddp d0, v0.2d

tail:
	CBZ   TAIL, done

tailloop:
	// r += float64(x[i])
	FMOVS.P 4(X_PTR), F1
	FCVTSD F1, F1
	FADDD F1, F0
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, ret+24(FP)
	RET

// func nanSumF64(x []float64) (s float64, n int)
TEXT ·nanSumF64(SB), NOSPLIT, $0-40
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	LSR   $5, N, ROWS   // rows = n / 32
	AND   $31, N, TAIL  // tail = n % 32
	FMOVD ZR, F0        // s = 0: the fold of 32 zero lanes
	MOVD  ZR, CNT
	CBZ   ROWS, tail

	// lane[0:32] = 0; count[0:4] = 0
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
	VEOR V28.B16, V28.B16, V28.B16
	VEOR V29.B16, V29.B16, V29.B16

row:
	// ok = x[j] == x[j]; lane[j] += ok ? x[j] : +0; count -= ok (all ones: -1)
	// for j < 32; x = x[32:]
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4e70e618 // fcmeq v24.2d, v16.2d, v16.2d
	WORD $0x4e381e10 // and v16.16b, v16.16b, v24.16b
	WORD $0x4e70d400 // fadd v0.2d, v0.2d, v16.2d
	WORD $0x6ef8879c // sub v28.2d, v28.2d, v24.2d
	WORD $0x4e71e639 // fcmeq v25.2d, v17.2d, v17.2d
	WORD $0x4e391e31 // and v17.16b, v17.16b, v25.16b
	WORD $0x4e71d421 // fadd v1.2d, v1.2d, v17.2d
	WORD $0x6ef987bd // sub v29.2d, v29.2d, v25.2d
	WORD $0x4e72e65a // fcmeq v26.2d, v18.2d, v18.2d
	WORD $0x4e3a1e52 // and v18.16b, v18.16b, v26.16b
	WORD $0x4e72d442 // fadd v2.2d, v2.2d, v18.2d
	WORD $0x6efa879c // sub v28.2d, v28.2d, v26.2d
	WORD $0x4e73e67b // fcmeq v27.2d, v19.2d, v19.2d
	WORD $0x4e3b1e73 // and v19.16b, v19.16b, v27.16b
	WORD $0x4e73d463 // fadd v3.2d, v3.2d, v19.2d
	WORD $0x6efb87bd // sub v29.2d, v29.2d, v27.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4e74e698 // fcmeq v24.2d, v20.2d, v20.2d
	WORD $0x4e381e94 // and v20.16b, v20.16b, v24.16b
	WORD $0x4e74d484 // fadd v4.2d, v4.2d, v20.2d
	WORD $0x6ef8879c // sub v28.2d, v28.2d, v24.2d
	WORD $0x4e75e6b9 // fcmeq v25.2d, v21.2d, v21.2d
	WORD $0x4e391eb5 // and v21.16b, v21.16b, v25.16b
	WORD $0x4e75d4a5 // fadd v5.2d, v5.2d, v21.2d
	WORD $0x6ef987bd // sub v29.2d, v29.2d, v25.2d
	WORD $0x4e76e6da // fcmeq v26.2d, v22.2d, v22.2d
	WORD $0x4e3a1ed6 // and v22.16b, v22.16b, v26.16b
	WORD $0x4e76d4c6 // fadd v6.2d, v6.2d, v22.2d
	WORD $0x6efa879c // sub v28.2d, v28.2d, v26.2d
	WORD $0x4e77e6fb // fcmeq v27.2d, v23.2d, v23.2d
	WORD $0x4e3b1ef7 // and v23.16b, v23.16b, v27.16b
	WORD $0x4e77d4e7 // fadd v7.2d, v7.2d, v23.2d
	WORD $0x6efb87bd // sub v29.2d, v29.2d, v27.2d
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4e70e618 // fcmeq v24.2d, v16.2d, v16.2d
	WORD $0x4e381e10 // and v16.16b, v16.16b, v24.16b
	WORD $0x4e70d508 // fadd v8.2d, v8.2d, v16.2d
	WORD $0x6ef8879c // sub v28.2d, v28.2d, v24.2d
	WORD $0x4e71e639 // fcmeq v25.2d, v17.2d, v17.2d
	WORD $0x4e391e31 // and v17.16b, v17.16b, v25.16b
	WORD $0x4e71d529 // fadd v9.2d, v9.2d, v17.2d
	WORD $0x6ef987bd // sub v29.2d, v29.2d, v25.2d
	WORD $0x4e72e65a // fcmeq v26.2d, v18.2d, v18.2d
	WORD $0x4e3a1e52 // and v18.16b, v18.16b, v26.16b
	WORD $0x4e72d54a // fadd v10.2d, v10.2d, v18.2d
	WORD $0x6efa879c // sub v28.2d, v28.2d, v26.2d
	WORD $0x4e73e67b // fcmeq v27.2d, v19.2d, v19.2d
	WORD $0x4e3b1e73 // and v19.16b, v19.16b, v27.16b
	WORD $0x4e73d56b // fadd v11.2d, v11.2d, v19.2d
	WORD $0x6efb87bd // sub v29.2d, v29.2d, v27.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4e74e698 // fcmeq v24.2d, v20.2d, v20.2d
	WORD $0x4e381e94 // and v20.16b, v20.16b, v24.16b
	WORD $0x4e74d58c // fadd v12.2d, v12.2d, v20.2d
	WORD $0x6ef8879c // sub v28.2d, v28.2d, v24.2d
	WORD $0x4e75e6b9 // fcmeq v25.2d, v21.2d, v21.2d
	WORD $0x4e391eb5 // and v21.16b, v21.16b, v25.16b
	WORD $0x4e75d5ad // fadd v13.2d, v13.2d, v21.2d
	WORD $0x6ef987bd // sub v29.2d, v29.2d, v25.2d
	WORD $0x4e76e6da // fcmeq v26.2d, v22.2d, v22.2d
	WORD $0x4e3a1ed6 // and v22.16b, v22.16b, v26.16b
	WORD $0x4e76d5ce // fadd v14.2d, v14.2d, v22.2d
	WORD $0x6efa879c // sub v28.2d, v28.2d, v26.2d
	WORD $0x4e77e6fb // fcmeq v27.2d, v23.2d, v23.2d
	WORD $0x4e3b1ef7 // and v23.16b, v23.16b, v27.16b
	WORD $0x4e77d5ef // fadd v15.2d, v15.2d, v23.2d
	WORD $0x6efb87bd // sub v29.2d, v29.2d, v27.2d
	SUBS  $1, ROWS
	BNE   row

	// lane[j] += lane[j+w] for w = 16, 8, 4, 2; s = lane[0] + lane[1]
	WORD $0x4e68d400 // fadd v0.2d, v0.2d, v8.2d
	WORD $0x4e69d421 // fadd v1.2d, v1.2d, v9.2d
	WORD $0x4e6ad442 // fadd v2.2d, v2.2d, v10.2d
	WORD $0x4e6bd463 // fadd v3.2d, v3.2d, v11.2d
	WORD $0x4e6cd484 // fadd v4.2d, v4.2d, v12.2d
	WORD $0x4e6dd4a5 // fadd v5.2d, v5.2d, v13.2d
	WORD $0x4e6ed4c6 // fadd v6.2d, v6.2d, v14.2d
	WORD $0x4e6fd4e7 // fadd v7.2d, v7.2d, v15.2d
	WORD $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD $0x4e65d421 // fadd v1.2d, v1.2d, v5.2d
	WORD $0x4e66d442 // fadd v2.2d, v2.2d, v6.2d
	WORD $0x4e67d463 // fadd v3.2d, v3.2d, v7.2d
	WORD $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD $0x4e63d421 // fadd v1.2d, v1.2d, v3.2d
	WORD $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD $0x7e70d800 // faddp d0, v0.2d
	// n = count[0] + count[1] + count[2] + count[3]
	WORD $0x4efd879c // add v28.2d, v28.2d, v29.2d
	WORD $0x5ef1bb9c // addp d28, v28.2d
	VMOV  V28.D[0], CNT

tail:
	CBZ   TAIL, done

tailloop:
	// if x[i] == x[i] { s += x[i]; n++ }
	FMOVD.P 8(X_PTR), F1
	FCMPD F1, F1
	BVS   next // unordered: NaN
	FADDD F1, F0
	ADD   $1, CNT

next:
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, s+24(FP)
	MOVD  CNT, n+32(FP)
	RET

// func nanSumF32(x []float32) (s float64, n int)
TEXT ·nanSumF32(SB), NOSPLIT, $0-40
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	LSR   $5, N, ROWS   // rows = n / 32
	AND   $31, N, TAIL  // tail = n % 32
	FMOVD ZR, F0        // s = 0: the fold of 32 zero lanes
	MOVD  ZR, CNT
	CBZ   ROWS, tail

	// lane[0:32] = 0; count[0:4] = 0
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
	VEOR V28.B16, V28.B16, V28.B16
	VEOR V29.B16, V29.B16, V29.B16

row:
	// ok = x[j] == x[j]; lane[j] += ok ? float64(x[j]) : +0; count -= ok (all ones: -1)
	// for j < 32; x = x[32:]
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4e617a14 // fcvtl2 v20.2d, v16.4s
	WORD $0x0e617a10 // fcvtl v16.2d, v16.2s
	WORD $0x4e70e618 // fcmeq v24.2d, v16.2d, v16.2d
	WORD $0x4e381e10 // and v16.16b, v16.16b, v24.16b
	WORD $0x4e70d400 // fadd v0.2d, v0.2d, v16.2d
	WORD $0x6ef8879c // sub v28.2d, v28.2d, v24.2d
	WORD $0x4e74e699 // fcmeq v25.2d, v20.2d, v20.2d
	WORD $0x4e391e94 // and v20.16b, v20.16b, v25.16b
	WORD $0x4e74d421 // fadd v1.2d, v1.2d, v20.2d
	WORD $0x6ef987bd // sub v29.2d, v29.2d, v25.2d
	WORD $0x4e617a35 // fcvtl2 v21.2d, v17.4s
	WORD $0x0e617a31 // fcvtl v17.2d, v17.2s
	WORD $0x4e71e63a // fcmeq v26.2d, v17.2d, v17.2d
	WORD $0x4e3a1e31 // and v17.16b, v17.16b, v26.16b
	WORD $0x4e71d442 // fadd v2.2d, v2.2d, v17.2d
	WORD $0x6efa879c // sub v28.2d, v28.2d, v26.2d
	WORD $0x4e75e6bb // fcmeq v27.2d, v21.2d, v21.2d
	WORD $0x4e3b1eb5 // and v21.16b, v21.16b, v27.16b
	WORD $0x4e75d463 // fadd v3.2d, v3.2d, v21.2d
	WORD $0x6efb87bd // sub v29.2d, v29.2d, v27.2d
	WORD $0x4e617a56 // fcvtl2 v22.2d, v18.4s
	WORD $0x0e617a52 // fcvtl v18.2d, v18.2s
	WORD $0x4e72e658 // fcmeq v24.2d, v18.2d, v18.2d
	WORD $0x4e381e52 // and v18.16b, v18.16b, v24.16b
	WORD $0x4e72d484 // fadd v4.2d, v4.2d, v18.2d
	WORD $0x6ef8879c // sub v28.2d, v28.2d, v24.2d
	WORD $0x4e76e6d9 // fcmeq v25.2d, v22.2d, v22.2d
	WORD $0x4e391ed6 // and v22.16b, v22.16b, v25.16b
	WORD $0x4e76d4a5 // fadd v5.2d, v5.2d, v22.2d
	WORD $0x6ef987bd // sub v29.2d, v29.2d, v25.2d
	WORD $0x4e617a77 // fcvtl2 v23.2d, v19.4s
	WORD $0x0e617a73 // fcvtl v19.2d, v19.2s
	WORD $0x4e73e67a // fcmeq v26.2d, v19.2d, v19.2d
	WORD $0x4e3a1e73 // and v19.16b, v19.16b, v26.16b
	WORD $0x4e73d4c6 // fadd v6.2d, v6.2d, v19.2d
	WORD $0x6efa879c // sub v28.2d, v28.2d, v26.2d
	WORD $0x4e77e6fb // fcmeq v27.2d, v23.2d, v23.2d
	WORD $0x4e3b1ef7 // and v23.16b, v23.16b, v27.16b
	WORD $0x4e77d4e7 // fadd v7.2d, v7.2d, v23.2d
	WORD $0x6efb87bd // sub v29.2d, v29.2d, v27.2d
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4e617a14 // fcvtl2 v20.2d, v16.4s
	WORD $0x0e617a10 // fcvtl v16.2d, v16.2s
	WORD $0x4e70e618 // fcmeq v24.2d, v16.2d, v16.2d
	WORD $0x4e381e10 // and v16.16b, v16.16b, v24.16b
	WORD $0x4e70d508 // fadd v8.2d, v8.2d, v16.2d
	WORD $0x6ef8879c // sub v28.2d, v28.2d, v24.2d
	WORD $0x4e74e699 // fcmeq v25.2d, v20.2d, v20.2d
	WORD $0x4e391e94 // and v20.16b, v20.16b, v25.16b
	WORD $0x4e74d529 // fadd v9.2d, v9.2d, v20.2d
	WORD $0x6ef987bd // sub v29.2d, v29.2d, v25.2d
	WORD $0x4e617a35 // fcvtl2 v21.2d, v17.4s
	WORD $0x0e617a31 // fcvtl v17.2d, v17.2s
	WORD $0x4e71e63a // fcmeq v26.2d, v17.2d, v17.2d
	WORD $0x4e3a1e31 // and v17.16b, v17.16b, v26.16b
	WORD $0x4e71d54a // fadd v10.2d, v10.2d, v17.2d
	WORD $0x6efa879c // sub v28.2d, v28.2d, v26.2d
	WORD $0x4e75e6bb // fcmeq v27.2d, v21.2d, v21.2d
	WORD $0x4e3b1eb5 // and v21.16b, v21.16b, v27.16b
	WORD $0x4e75d56b // fadd v11.2d, v11.2d, v21.2d
	WORD $0x6efb87bd // sub v29.2d, v29.2d, v27.2d
	WORD $0x4e617a56 // fcvtl2 v22.2d, v18.4s
	WORD $0x0e617a52 // fcvtl v18.2d, v18.2s
	WORD $0x4e72e658 // fcmeq v24.2d, v18.2d, v18.2d
	WORD $0x4e381e52 // and v18.16b, v18.16b, v24.16b
	WORD $0x4e72d58c // fadd v12.2d, v12.2d, v18.2d
	WORD $0x6ef8879c // sub v28.2d, v28.2d, v24.2d
	WORD $0x4e76e6d9 // fcmeq v25.2d, v22.2d, v22.2d
	WORD $0x4e391ed6 // and v22.16b, v22.16b, v25.16b
	WORD $0x4e76d5ad // fadd v13.2d, v13.2d, v22.2d
	WORD $0x6ef987bd // sub v29.2d, v29.2d, v25.2d
	WORD $0x4e617a77 // fcvtl2 v23.2d, v19.4s
	WORD $0x0e617a73 // fcvtl v19.2d, v19.2s
	WORD $0x4e73e67a // fcmeq v26.2d, v19.2d, v19.2d
	WORD $0x4e3a1e73 // and v19.16b, v19.16b, v26.16b
	WORD $0x4e73d5ce // fadd v14.2d, v14.2d, v19.2d
	WORD $0x6efa879c // sub v28.2d, v28.2d, v26.2d
	WORD $0x4e77e6fb // fcmeq v27.2d, v23.2d, v23.2d
	WORD $0x4e3b1ef7 // and v23.16b, v23.16b, v27.16b
	WORD $0x4e77d5ef // fadd v15.2d, v15.2d, v23.2d
	WORD $0x6efb87bd // sub v29.2d, v29.2d, v27.2d
	SUBS  $1, ROWS
	BNE   row

	// lane[j] += lane[j+w] for w = 16, 8, 4, 2; s = lane[0] + lane[1]
	WORD $0x4e68d400 // fadd v0.2d, v0.2d, v8.2d
	WORD $0x4e69d421 // fadd v1.2d, v1.2d, v9.2d
	WORD $0x4e6ad442 // fadd v2.2d, v2.2d, v10.2d
	WORD $0x4e6bd463 // fadd v3.2d, v3.2d, v11.2d
	WORD $0x4e6cd484 // fadd v4.2d, v4.2d, v12.2d
	WORD $0x4e6dd4a5 // fadd v5.2d, v5.2d, v13.2d
	WORD $0x4e6ed4c6 // fadd v6.2d, v6.2d, v14.2d
	WORD $0x4e6fd4e7 // fadd v7.2d, v7.2d, v15.2d
	WORD $0x4e64d400 // fadd v0.2d, v0.2d, v4.2d
	WORD $0x4e65d421 // fadd v1.2d, v1.2d, v5.2d
	WORD $0x4e66d442 // fadd v2.2d, v2.2d, v6.2d
	WORD $0x4e67d463 // fadd v3.2d, v3.2d, v7.2d
	WORD $0x4e62d400 // fadd v0.2d, v0.2d, v2.2d
	WORD $0x4e63d421 // fadd v1.2d, v1.2d, v3.2d
	WORD $0x4e61d400 // fadd v0.2d, v0.2d, v1.2d
	WORD $0x7e70d800 // faddp d0, v0.2d
	// n = count[0] + count[1] + count[2] + count[3]
	WORD $0x4efd879c // add v28.2d, v28.2d, v29.2d
	WORD $0x5ef1bb9c // addp d28, v28.2d
	VMOV  V28.D[0], CNT

tail:
	CBZ   TAIL, done

tailloop:
	// if x[i] == x[i] { s += x[i]; n++ }
	FMOVS.P 4(X_PTR), F1
	FCVTSD F1, F1
	FCMPD F1, F1
	BVS   next // unordered: NaN
	FADDD F1, F0
	ADD   $1, CNT

next:
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, s+24(FP)
	MOVD  CNT, n+32(FP)
	RET
