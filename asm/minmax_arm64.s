//go:build !purego

#include "textflag.h"

// Register plan (docs/simd-arm64.md): V0-V7 are the running extremes,
// V8 holds the identity (+Inf for min, -Inf for max) that replaces NaN in
// the Nan forms, V16-V23 the loads and V24-V31 the NaN masks.
//
// FMIN and FMAX give NaN when either operand is NaN and order -0 below +0,
// which is Go's min and max (FMINNM and FMAXNM would drop a NaN). The Nan
// forms return the identity when every element is NaN; the Go wrapper
// tells that apart from an input whose extreme is the infinity itself.

#define X_PTR R0
#define N R1
#define ROWS R2
#define TAIL R3

// func minF64(x []float64) float64
TEXT ·minF64(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	MOVD  $0x7ff0000000000000, R4 // +Inf, the identity
	// r[0:16] = +Inf
	WORD $0x4e080c80 // dup v0.2d, x4
	WORD $0x4e080c81 // dup v1.2d, x4
	WORD $0x4e080c82 // dup v2.2d, x4
	WORD $0x4e080c83 // dup v3.2d, x4
	WORD $0x4e080c84 // dup v4.2d, x4
	WORD $0x4e080c85 // dup v5.2d, x4
	WORD $0x4e080c86 // dup v6.2d, x4
	WORD $0x4e080c87 // dup v7.2d, x4
	LSR   $4, N, ROWS // 16 elements a row
	AND   $15, N, TAIL
	CBZ   ROWS, reduce

row:
	// r[j] = min(r[j], x[j]) for j < 16; x = x[16:]
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4ef0f400 // fmin v0.2d, v0.2d, v16.2d
	WORD $0x4ef1f421 // fmin v1.2d, v1.2d, v17.2d
	WORD $0x4ef2f442 // fmin v2.2d, v2.2d, v18.2d
	WORD $0x4ef3f463 // fmin v3.2d, v3.2d, v19.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4ef4f484 // fmin v4.2d, v4.2d, v20.2d
	WORD $0x4ef5f4a5 // fmin v5.2d, v5.2d, v21.2d
	WORD $0x4ef6f4c6 // fmin v6.2d, v6.2d, v22.2d
	WORD $0x4ef7f4e7 // fmin v7.2d, v7.2d, v23.2d
	SUBS  $1, ROWS
	BNE   row

reduce:
	// r[0:2] = min(r[0:2], r[2:16])
	WORD $0x4ee4f400 // fmin v0.2d, v0.2d, v4.2d
	WORD $0x4ee5f421 // fmin v1.2d, v1.2d, v5.2d
	WORD $0x4ee6f442 // fmin v2.2d, v2.2d, v6.2d
	WORD $0x4ee7f463 // fmin v3.2d, v3.2d, v7.2d
	WORD $0x4ee2f400 // fmin v0.2d, v0.2d, v2.2d
	WORD $0x4ee3f421 // fmin v1.2d, v1.2d, v3.2d
	WORD $0x4ee1f400 // fmin v0.2d, v0.2d, v1.2d
	LSR   $1, TAIL, ROWS // whole vectors left
	AND   $1, TAIL
	CBZ   ROWS, last

vec:
	// r[j] = min(r[j], x[j]) for j < 2; x = x[2:]
	VLD1.P 16(X_PTR), [V16.D2]
	WORD $0x4ef0f400 // fmin v0.2d, v0.2d, v16.2d
	SUBS  $1, ROWS
	BNE   vec

last:
	// r = min(r[0], r[1])
	WORD $0x7ef0f800 // fminp d0, v0.2d
	CBZ   TAIL, done

tailloop:
	// r = min(r, x[i])
	FMOVD.P 8(X_PTR), F1
	FMIND F1, F0
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, ret+24(FP)
	RET

// func maxF64(x []float64) float64
TEXT ·maxF64(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	MOVD  $0xfff0000000000000, R4 // -Inf, the identity
	// r[0:16] = -Inf
	WORD $0x4e080c80 // dup v0.2d, x4
	WORD $0x4e080c81 // dup v1.2d, x4
	WORD $0x4e080c82 // dup v2.2d, x4
	WORD $0x4e080c83 // dup v3.2d, x4
	WORD $0x4e080c84 // dup v4.2d, x4
	WORD $0x4e080c85 // dup v5.2d, x4
	WORD $0x4e080c86 // dup v6.2d, x4
	WORD $0x4e080c87 // dup v7.2d, x4
	LSR   $4, N, ROWS // 16 elements a row
	AND   $15, N, TAIL
	CBZ   ROWS, reduce

row:
	// r[j] = max(r[j], x[j]) for j < 16; x = x[16:]
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4e70f400 // fmax v0.2d, v0.2d, v16.2d
	WORD $0x4e71f421 // fmax v1.2d, v1.2d, v17.2d
	WORD $0x4e72f442 // fmax v2.2d, v2.2d, v18.2d
	WORD $0x4e73f463 // fmax v3.2d, v3.2d, v19.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4e74f484 // fmax v4.2d, v4.2d, v20.2d
	WORD $0x4e75f4a5 // fmax v5.2d, v5.2d, v21.2d
	WORD $0x4e76f4c6 // fmax v6.2d, v6.2d, v22.2d
	WORD $0x4e77f4e7 // fmax v7.2d, v7.2d, v23.2d
	SUBS  $1, ROWS
	BNE   row

reduce:
	// r[0:2] = max(r[0:2], r[2:16])
	WORD $0x4e64f400 // fmax v0.2d, v0.2d, v4.2d
	WORD $0x4e65f421 // fmax v1.2d, v1.2d, v5.2d
	WORD $0x4e66f442 // fmax v2.2d, v2.2d, v6.2d
	WORD $0x4e67f463 // fmax v3.2d, v3.2d, v7.2d
	WORD $0x4e62f400 // fmax v0.2d, v0.2d, v2.2d
	WORD $0x4e63f421 // fmax v1.2d, v1.2d, v3.2d
	WORD $0x4e61f400 // fmax v0.2d, v0.2d, v1.2d
	LSR   $1, TAIL, ROWS // whole vectors left
	AND   $1, TAIL
	CBZ   ROWS, last

vec:
	// r[j] = max(r[j], x[j]) for j < 2; x = x[2:]
	VLD1.P 16(X_PTR), [V16.D2]
	WORD $0x4e70f400 // fmax v0.2d, v0.2d, v16.2d
	SUBS  $1, ROWS
	BNE   vec

last:
	// r = max(r[0], r[1])
	WORD $0x7e70f800 // fmaxp d0, v0.2d
	CBZ   TAIL, done

tailloop:
	// r = max(r, x[i])
	FMOVD.P 8(X_PTR), F1
	FMAXD F1, F0
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, ret+24(FP)
	RET

// func minF32(x []float32) float64
TEXT ·minF32(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	MOVD  $0x7f800000, R4 // +Inf, the identity
	// r[0:32] = +Inf
	WORD $0x4e040c80 // dup v0.4s, w4
	WORD $0x4e040c81 // dup v1.4s, w4
	WORD $0x4e040c82 // dup v2.4s, w4
	WORD $0x4e040c83 // dup v3.4s, w4
	WORD $0x4e040c84 // dup v4.4s, w4
	WORD $0x4e040c85 // dup v5.4s, w4
	WORD $0x4e040c86 // dup v6.4s, w4
	WORD $0x4e040c87 // dup v7.4s, w4
	LSR   $5, N, ROWS // 32 elements a row
	AND   $31, N, TAIL
	CBZ   ROWS, reduce

row:
	// r[j] = min(r[j], x[j]) for j < 32; x = x[32:]
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4eb0f400 // fmin v0.4s, v0.4s, v16.4s
	WORD $0x4eb1f421 // fmin v1.4s, v1.4s, v17.4s
	WORD $0x4eb2f442 // fmin v2.4s, v2.4s, v18.4s
	WORD $0x4eb3f463 // fmin v3.4s, v3.4s, v19.4s
	VLD1.P 64(X_PTR), [V20.S4, V21.S4, V22.S4, V23.S4]
	WORD $0x4eb4f484 // fmin v4.4s, v4.4s, v20.4s
	WORD $0x4eb5f4a5 // fmin v5.4s, v5.4s, v21.4s
	WORD $0x4eb6f4c6 // fmin v6.4s, v6.4s, v22.4s
	WORD $0x4eb7f4e7 // fmin v7.4s, v7.4s, v23.4s
	SUBS  $1, ROWS
	BNE   row

reduce:
	// r[0:4] = min(r[0:4], r[4:32])
	WORD $0x4ea4f400 // fmin v0.4s, v0.4s, v4.4s
	WORD $0x4ea5f421 // fmin v1.4s, v1.4s, v5.4s
	WORD $0x4ea6f442 // fmin v2.4s, v2.4s, v6.4s
	WORD $0x4ea7f463 // fmin v3.4s, v3.4s, v7.4s
	WORD $0x4ea2f400 // fmin v0.4s, v0.4s, v2.4s
	WORD $0x4ea3f421 // fmin v1.4s, v1.4s, v3.4s
	WORD $0x4ea1f400 // fmin v0.4s, v0.4s, v1.4s
	LSR   $2, TAIL, ROWS // whole vectors left
	AND   $3, TAIL
	CBZ   ROWS, last

vec:
	// r[j] = min(r[j], x[j]) for j < 4; x = x[4:]
	VLD1.P 16(X_PTR), [V16.S4]
	WORD $0x4eb0f400 // fmin v0.4s, v0.4s, v16.4s
	SUBS  $1, ROWS
	BNE   vec

last:
	// r = min(r[0:4])
	WORD $0x6eb0f800 // fminv s0, v0.4s
	CBZ   TAIL, done

tailloop:
	// r = min(r, x[i])
	FMOVS.P 4(X_PTR), F1
	FMINS F1, F0
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FCVTSD F0, F0
	FMOVD F0, ret+24(FP)
	RET

// func maxF32(x []float32) float64
TEXT ·maxF32(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	MOVD  $0xff800000, R4 // -Inf, the identity
	// r[0:32] = -Inf
	WORD $0x4e040c80 // dup v0.4s, w4
	WORD $0x4e040c81 // dup v1.4s, w4
	WORD $0x4e040c82 // dup v2.4s, w4
	WORD $0x4e040c83 // dup v3.4s, w4
	WORD $0x4e040c84 // dup v4.4s, w4
	WORD $0x4e040c85 // dup v5.4s, w4
	WORD $0x4e040c86 // dup v6.4s, w4
	WORD $0x4e040c87 // dup v7.4s, w4
	LSR   $5, N, ROWS // 32 elements a row
	AND   $31, N, TAIL
	CBZ   ROWS, reduce

row:
	// r[j] = max(r[j], x[j]) for j < 32; x = x[32:]
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4e30f400 // fmax v0.4s, v0.4s, v16.4s
	WORD $0x4e31f421 // fmax v1.4s, v1.4s, v17.4s
	WORD $0x4e32f442 // fmax v2.4s, v2.4s, v18.4s
	WORD $0x4e33f463 // fmax v3.4s, v3.4s, v19.4s
	VLD1.P 64(X_PTR), [V20.S4, V21.S4, V22.S4, V23.S4]
	WORD $0x4e34f484 // fmax v4.4s, v4.4s, v20.4s
	WORD $0x4e35f4a5 // fmax v5.4s, v5.4s, v21.4s
	WORD $0x4e36f4c6 // fmax v6.4s, v6.4s, v22.4s
	WORD $0x4e37f4e7 // fmax v7.4s, v7.4s, v23.4s
	SUBS  $1, ROWS
	BNE   row

reduce:
	// r[0:4] = max(r[0:4], r[4:32])
	WORD $0x4e24f400 // fmax v0.4s, v0.4s, v4.4s
	WORD $0x4e25f421 // fmax v1.4s, v1.4s, v5.4s
	WORD $0x4e26f442 // fmax v2.4s, v2.4s, v6.4s
	WORD $0x4e27f463 // fmax v3.4s, v3.4s, v7.4s
	WORD $0x4e22f400 // fmax v0.4s, v0.4s, v2.4s
	WORD $0x4e23f421 // fmax v1.4s, v1.4s, v3.4s
	WORD $0x4e21f400 // fmax v0.4s, v0.4s, v1.4s
	LSR   $2, TAIL, ROWS // whole vectors left
	AND   $3, TAIL
	CBZ   ROWS, last

vec:
	// r[j] = max(r[j], x[j]) for j < 4; x = x[4:]
	VLD1.P 16(X_PTR), [V16.S4]
	WORD $0x4e30f400 // fmax v0.4s, v0.4s, v16.4s
	SUBS  $1, ROWS
	BNE   vec

last:
	// r = max(r[0:4])
	WORD $0x6e30f800 // fmaxv s0, v0.4s
	CBZ   TAIL, done

tailloop:
	// r = max(r, x[i])
	FMOVS.P 4(X_PTR), F1
	FMAXS F1, F0
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FCVTSD F0, F0
	FMOVD F0, ret+24(FP)
	RET

// func nanMinF64(x []float64) float64
TEXT ·nanMinF64(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	MOVD  $0x7ff0000000000000, R4 // +Inf, the identity
	// r[0:16] = +Inf
	WORD $0x4e080c80 // dup v0.2d, x4
	WORD $0x4e080c81 // dup v1.2d, x4
	WORD $0x4e080c82 // dup v2.2d, x4
	WORD $0x4e080c83 // dup v3.2d, x4
	WORD $0x4e080c84 // dup v4.2d, x4
	WORD $0x4e080c85 // dup v5.2d, x4
	WORD $0x4e080c86 // dup v6.2d, x4
	WORD $0x4e080c87 // dup v7.2d, x4
	WORD $0x4e080c88 // dup v8.2d, x4
	LSR   $4, N, ROWS // 16 elements a row
	AND   $15, N, TAIL
	CBZ   ROWS, reduce

row:
	// r[j] = min(r[j], x[j] == x[j] ? x[j] : +Inf) for j < 16; x = x[16:]
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4e70e618 // fcmeq v24.2d, v16.2d, v16.2d
	WORD $0x6ef81d10 // bif v16.16b, v8.16b, v24.16b
	WORD $0x4ef0f400 // fmin v0.2d, v0.2d, v16.2d
	WORD $0x4e71e639 // fcmeq v25.2d, v17.2d, v17.2d
	WORD $0x6ef91d11 // bif v17.16b, v8.16b, v25.16b
	WORD $0x4ef1f421 // fmin v1.2d, v1.2d, v17.2d
	WORD $0x4e72e65a // fcmeq v26.2d, v18.2d, v18.2d
	WORD $0x6efa1d12 // bif v18.16b, v8.16b, v26.16b
	WORD $0x4ef2f442 // fmin v2.2d, v2.2d, v18.2d
	WORD $0x4e73e67b // fcmeq v27.2d, v19.2d, v19.2d
	WORD $0x6efb1d13 // bif v19.16b, v8.16b, v27.16b
	WORD $0x4ef3f463 // fmin v3.2d, v3.2d, v19.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4e74e69c // fcmeq v28.2d, v20.2d, v20.2d
	WORD $0x6efc1d14 // bif v20.16b, v8.16b, v28.16b
	WORD $0x4ef4f484 // fmin v4.2d, v4.2d, v20.2d
	WORD $0x4e75e6bd // fcmeq v29.2d, v21.2d, v21.2d
	WORD $0x6efd1d15 // bif v21.16b, v8.16b, v29.16b
	WORD $0x4ef5f4a5 // fmin v5.2d, v5.2d, v21.2d
	WORD $0x4e76e6de // fcmeq v30.2d, v22.2d, v22.2d
	WORD $0x6efe1d16 // bif v22.16b, v8.16b, v30.16b
	WORD $0x4ef6f4c6 // fmin v6.2d, v6.2d, v22.2d
	WORD $0x4e77e6ff // fcmeq v31.2d, v23.2d, v23.2d
	WORD $0x6eff1d17 // bif v23.16b, v8.16b, v31.16b
	WORD $0x4ef7f4e7 // fmin v7.2d, v7.2d, v23.2d
	SUBS  $1, ROWS
	BNE   row

reduce:
	// r[0:2] = min(r[0:2], r[2:16])
	WORD $0x4ee4f400 // fmin v0.2d, v0.2d, v4.2d
	WORD $0x4ee5f421 // fmin v1.2d, v1.2d, v5.2d
	WORD $0x4ee6f442 // fmin v2.2d, v2.2d, v6.2d
	WORD $0x4ee7f463 // fmin v3.2d, v3.2d, v7.2d
	WORD $0x4ee2f400 // fmin v0.2d, v0.2d, v2.2d
	WORD $0x4ee3f421 // fmin v1.2d, v1.2d, v3.2d
	WORD $0x4ee1f400 // fmin v0.2d, v0.2d, v1.2d
	LSR   $1, TAIL, ROWS // whole vectors left
	AND   $1, TAIL
	CBZ   ROWS, last

vec:
	// r[j] = min(r[j], x[j] == x[j] ? x[j] : +Inf) for j < 2; x = x[2:]
	VLD1.P 16(X_PTR), [V16.D2]
	WORD $0x4e70e618 // fcmeq v24.2d, v16.2d, v16.2d
	WORD $0x6ef81d10 // bif v16.16b, v8.16b, v24.16b
	WORD $0x4ef0f400 // fmin v0.2d, v0.2d, v16.2d
	SUBS  $1, ROWS
	BNE   vec

last:
	// r = min(r[0], r[1])
	WORD $0x7ef0f800 // fminp d0, v0.2d
	CBZ   TAIL, done

tailloop:
	// r = min(r, x[i]) unless x[i] is NaN
	FMOVD.P 8(X_PTR), F1
	FCMPD F1, F1
	BVS   next // unordered: NaN
	FMIND F1, F0

next:
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, ret+24(FP)
	RET

// func nanMaxF64(x []float64) float64
TEXT ·nanMaxF64(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	MOVD  $0xfff0000000000000, R4 // -Inf, the identity
	// r[0:16] = -Inf
	WORD $0x4e080c80 // dup v0.2d, x4
	WORD $0x4e080c81 // dup v1.2d, x4
	WORD $0x4e080c82 // dup v2.2d, x4
	WORD $0x4e080c83 // dup v3.2d, x4
	WORD $0x4e080c84 // dup v4.2d, x4
	WORD $0x4e080c85 // dup v5.2d, x4
	WORD $0x4e080c86 // dup v6.2d, x4
	WORD $0x4e080c87 // dup v7.2d, x4
	WORD $0x4e080c88 // dup v8.2d, x4
	LSR   $4, N, ROWS // 16 elements a row
	AND   $15, N, TAIL
	CBZ   ROWS, reduce

row:
	// r[j] = max(r[j], x[j] == x[j] ? x[j] : -Inf) for j < 16; x = x[16:]
	VLD1.P 64(X_PTR), [V16.D2, V17.D2, V18.D2, V19.D2]
	WORD $0x4e70e618 // fcmeq v24.2d, v16.2d, v16.2d
	WORD $0x6ef81d10 // bif v16.16b, v8.16b, v24.16b
	WORD $0x4e70f400 // fmax v0.2d, v0.2d, v16.2d
	WORD $0x4e71e639 // fcmeq v25.2d, v17.2d, v17.2d
	WORD $0x6ef91d11 // bif v17.16b, v8.16b, v25.16b
	WORD $0x4e71f421 // fmax v1.2d, v1.2d, v17.2d
	WORD $0x4e72e65a // fcmeq v26.2d, v18.2d, v18.2d
	WORD $0x6efa1d12 // bif v18.16b, v8.16b, v26.16b
	WORD $0x4e72f442 // fmax v2.2d, v2.2d, v18.2d
	WORD $0x4e73e67b // fcmeq v27.2d, v19.2d, v19.2d
	WORD $0x6efb1d13 // bif v19.16b, v8.16b, v27.16b
	WORD $0x4e73f463 // fmax v3.2d, v3.2d, v19.2d
	VLD1.P 64(X_PTR), [V20.D2, V21.D2, V22.D2, V23.D2]
	WORD $0x4e74e69c // fcmeq v28.2d, v20.2d, v20.2d
	WORD $0x6efc1d14 // bif v20.16b, v8.16b, v28.16b
	WORD $0x4e74f484 // fmax v4.2d, v4.2d, v20.2d
	WORD $0x4e75e6bd // fcmeq v29.2d, v21.2d, v21.2d
	WORD $0x6efd1d15 // bif v21.16b, v8.16b, v29.16b
	WORD $0x4e75f4a5 // fmax v5.2d, v5.2d, v21.2d
	WORD $0x4e76e6de // fcmeq v30.2d, v22.2d, v22.2d
	WORD $0x6efe1d16 // bif v22.16b, v8.16b, v30.16b
	WORD $0x4e76f4c6 // fmax v6.2d, v6.2d, v22.2d
	WORD $0x4e77e6ff // fcmeq v31.2d, v23.2d, v23.2d
	WORD $0x6eff1d17 // bif v23.16b, v8.16b, v31.16b
	WORD $0x4e77f4e7 // fmax v7.2d, v7.2d, v23.2d
	SUBS  $1, ROWS
	BNE   row

reduce:
	// r[0:2] = max(r[0:2], r[2:16])
	WORD $0x4e64f400 // fmax v0.2d, v0.2d, v4.2d
	WORD $0x4e65f421 // fmax v1.2d, v1.2d, v5.2d
	WORD $0x4e66f442 // fmax v2.2d, v2.2d, v6.2d
	WORD $0x4e67f463 // fmax v3.2d, v3.2d, v7.2d
	WORD $0x4e62f400 // fmax v0.2d, v0.2d, v2.2d
	WORD $0x4e63f421 // fmax v1.2d, v1.2d, v3.2d
	WORD $0x4e61f400 // fmax v0.2d, v0.2d, v1.2d
	LSR   $1, TAIL, ROWS // whole vectors left
	AND   $1, TAIL
	CBZ   ROWS, last

vec:
	// r[j] = max(r[j], x[j] == x[j] ? x[j] : -Inf) for j < 2; x = x[2:]
	VLD1.P 16(X_PTR), [V16.D2]
	WORD $0x4e70e618 // fcmeq v24.2d, v16.2d, v16.2d
	WORD $0x6ef81d10 // bif v16.16b, v8.16b, v24.16b
	WORD $0x4e70f400 // fmax v0.2d, v0.2d, v16.2d
	SUBS  $1, ROWS
	BNE   vec

last:
	// r = max(r[0], r[1])
	WORD $0x7e70f800 // fmaxp d0, v0.2d
	CBZ   TAIL, done

tailloop:
	// r = max(r, x[i]) unless x[i] is NaN
	FMOVD.P 8(X_PTR), F1
	FCMPD F1, F1
	BVS   next // unordered: NaN
	FMAXD F1, F0

next:
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FMOVD F0, ret+24(FP)
	RET

// func nanMinF32(x []float32) float64
TEXT ·nanMinF32(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	MOVD  $0x7f800000, R4 // +Inf, the identity
	// r[0:32] = +Inf
	WORD $0x4e040c80 // dup v0.4s, w4
	WORD $0x4e040c81 // dup v1.4s, w4
	WORD $0x4e040c82 // dup v2.4s, w4
	WORD $0x4e040c83 // dup v3.4s, w4
	WORD $0x4e040c84 // dup v4.4s, w4
	WORD $0x4e040c85 // dup v5.4s, w4
	WORD $0x4e040c86 // dup v6.4s, w4
	WORD $0x4e040c87 // dup v7.4s, w4
	WORD $0x4e040c88 // dup v8.4s, w4
	LSR   $5, N, ROWS // 32 elements a row
	AND   $31, N, TAIL
	CBZ   ROWS, reduce

row:
	// r[j] = min(r[j], x[j] == x[j] ? x[j] : +Inf) for j < 32; x = x[32:]
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4e30e618 // fcmeq v24.4s, v16.4s, v16.4s
	WORD $0x6ef81d10 // bif v16.16b, v8.16b, v24.16b
	WORD $0x4eb0f400 // fmin v0.4s, v0.4s, v16.4s
	WORD $0x4e31e639 // fcmeq v25.4s, v17.4s, v17.4s
	WORD $0x6ef91d11 // bif v17.16b, v8.16b, v25.16b
	WORD $0x4eb1f421 // fmin v1.4s, v1.4s, v17.4s
	WORD $0x4e32e65a // fcmeq v26.4s, v18.4s, v18.4s
	WORD $0x6efa1d12 // bif v18.16b, v8.16b, v26.16b
	WORD $0x4eb2f442 // fmin v2.4s, v2.4s, v18.4s
	WORD $0x4e33e67b // fcmeq v27.4s, v19.4s, v19.4s
	WORD $0x6efb1d13 // bif v19.16b, v8.16b, v27.16b
	WORD $0x4eb3f463 // fmin v3.4s, v3.4s, v19.4s
	VLD1.P 64(X_PTR), [V20.S4, V21.S4, V22.S4, V23.S4]
	WORD $0x4e34e69c // fcmeq v28.4s, v20.4s, v20.4s
	WORD $0x6efc1d14 // bif v20.16b, v8.16b, v28.16b
	WORD $0x4eb4f484 // fmin v4.4s, v4.4s, v20.4s
	WORD $0x4e35e6bd // fcmeq v29.4s, v21.4s, v21.4s
	WORD $0x6efd1d15 // bif v21.16b, v8.16b, v29.16b
	WORD $0x4eb5f4a5 // fmin v5.4s, v5.4s, v21.4s
	WORD $0x4e36e6de // fcmeq v30.4s, v22.4s, v22.4s
	WORD $0x6efe1d16 // bif v22.16b, v8.16b, v30.16b
	WORD $0x4eb6f4c6 // fmin v6.4s, v6.4s, v22.4s
	WORD $0x4e37e6ff // fcmeq v31.4s, v23.4s, v23.4s
	WORD $0x6eff1d17 // bif v23.16b, v8.16b, v31.16b
	WORD $0x4eb7f4e7 // fmin v7.4s, v7.4s, v23.4s
	SUBS  $1, ROWS
	BNE   row

reduce:
	// r[0:4] = min(r[0:4], r[4:32])
	WORD $0x4ea4f400 // fmin v0.4s, v0.4s, v4.4s
	WORD $0x4ea5f421 // fmin v1.4s, v1.4s, v5.4s
	WORD $0x4ea6f442 // fmin v2.4s, v2.4s, v6.4s
	WORD $0x4ea7f463 // fmin v3.4s, v3.4s, v7.4s
	WORD $0x4ea2f400 // fmin v0.4s, v0.4s, v2.4s
	WORD $0x4ea3f421 // fmin v1.4s, v1.4s, v3.4s
	WORD $0x4ea1f400 // fmin v0.4s, v0.4s, v1.4s
	LSR   $2, TAIL, ROWS // whole vectors left
	AND   $3, TAIL
	CBZ   ROWS, last

vec:
	// r[j] = min(r[j], x[j] == x[j] ? x[j] : +Inf) for j < 4; x = x[4:]
	VLD1.P 16(X_PTR), [V16.S4]
	WORD $0x4e30e618 // fcmeq v24.4s, v16.4s, v16.4s
	WORD $0x6ef81d10 // bif v16.16b, v8.16b, v24.16b
	WORD $0x4eb0f400 // fmin v0.4s, v0.4s, v16.4s
	SUBS  $1, ROWS
	BNE   vec

last:
	// r = min(r[0:4])
	WORD $0x6eb0f800 // fminv s0, v0.4s
	CBZ   TAIL, done

tailloop:
	// r = min(r, x[i]) unless x[i] is NaN
	FMOVS.P 4(X_PTR), F1
	FCMPS F1, F1
	BVS   next // unordered: NaN
	FMINS F1, F0

next:
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FCVTSD F0, F0
	FMOVD F0, ret+24(FP)
	RET

// func nanMaxF32(x []float32) float64
TEXT ·nanMaxF32(SB), NOSPLIT, $0-32
	MOVD  x_base+0(FP), X_PTR
	MOVD  x_len+8(FP), N
	MOVD  $0xff800000, R4 // -Inf, the identity
	// r[0:32] = -Inf
	WORD $0x4e040c80 // dup v0.4s, w4
	WORD $0x4e040c81 // dup v1.4s, w4
	WORD $0x4e040c82 // dup v2.4s, w4
	WORD $0x4e040c83 // dup v3.4s, w4
	WORD $0x4e040c84 // dup v4.4s, w4
	WORD $0x4e040c85 // dup v5.4s, w4
	WORD $0x4e040c86 // dup v6.4s, w4
	WORD $0x4e040c87 // dup v7.4s, w4
	WORD $0x4e040c88 // dup v8.4s, w4
	LSR   $5, N, ROWS // 32 elements a row
	AND   $31, N, TAIL
	CBZ   ROWS, reduce

row:
	// r[j] = max(r[j], x[j] == x[j] ? x[j] : -Inf) for j < 32; x = x[32:]
	VLD1.P 64(X_PTR), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4e30e618 // fcmeq v24.4s, v16.4s, v16.4s
	WORD $0x6ef81d10 // bif v16.16b, v8.16b, v24.16b
	WORD $0x4e30f400 // fmax v0.4s, v0.4s, v16.4s
	WORD $0x4e31e639 // fcmeq v25.4s, v17.4s, v17.4s
	WORD $0x6ef91d11 // bif v17.16b, v8.16b, v25.16b
	WORD $0x4e31f421 // fmax v1.4s, v1.4s, v17.4s
	WORD $0x4e32e65a // fcmeq v26.4s, v18.4s, v18.4s
	WORD $0x6efa1d12 // bif v18.16b, v8.16b, v26.16b
	WORD $0x4e32f442 // fmax v2.4s, v2.4s, v18.4s
	WORD $0x4e33e67b // fcmeq v27.4s, v19.4s, v19.4s
	WORD $0x6efb1d13 // bif v19.16b, v8.16b, v27.16b
	WORD $0x4e33f463 // fmax v3.4s, v3.4s, v19.4s
	VLD1.P 64(X_PTR), [V20.S4, V21.S4, V22.S4, V23.S4]
	WORD $0x4e34e69c // fcmeq v28.4s, v20.4s, v20.4s
	WORD $0x6efc1d14 // bif v20.16b, v8.16b, v28.16b
	WORD $0x4e34f484 // fmax v4.4s, v4.4s, v20.4s
	WORD $0x4e35e6bd // fcmeq v29.4s, v21.4s, v21.4s
	WORD $0x6efd1d15 // bif v21.16b, v8.16b, v29.16b
	WORD $0x4e35f4a5 // fmax v5.4s, v5.4s, v21.4s
	WORD $0x4e36e6de // fcmeq v30.4s, v22.4s, v22.4s
	WORD $0x6efe1d16 // bif v22.16b, v8.16b, v30.16b
	WORD $0x4e36f4c6 // fmax v6.4s, v6.4s, v22.4s
	WORD $0x4e37e6ff // fcmeq v31.4s, v23.4s, v23.4s
	WORD $0x6eff1d17 // bif v23.16b, v8.16b, v31.16b
	WORD $0x4e37f4e7 // fmax v7.4s, v7.4s, v23.4s
	SUBS  $1, ROWS
	BNE   row

reduce:
	// r[0:4] = max(r[0:4], r[4:32])
	WORD $0x4e24f400 // fmax v0.4s, v0.4s, v4.4s
	WORD $0x4e25f421 // fmax v1.4s, v1.4s, v5.4s
	WORD $0x4e26f442 // fmax v2.4s, v2.4s, v6.4s
	WORD $0x4e27f463 // fmax v3.4s, v3.4s, v7.4s
	WORD $0x4e22f400 // fmax v0.4s, v0.4s, v2.4s
	WORD $0x4e23f421 // fmax v1.4s, v1.4s, v3.4s
	WORD $0x4e21f400 // fmax v0.4s, v0.4s, v1.4s
	LSR   $2, TAIL, ROWS // whole vectors left
	AND   $3, TAIL
	CBZ   ROWS, last

vec:
	// r[j] = max(r[j], x[j] == x[j] ? x[j] : -Inf) for j < 4; x = x[4:]
	VLD1.P 16(X_PTR), [V16.S4]
	WORD $0x4e30e618 // fcmeq v24.4s, v16.4s, v16.4s
	WORD $0x6ef81d10 // bif v16.16b, v8.16b, v24.16b
	WORD $0x4e30f400 // fmax v0.4s, v0.4s, v16.4s
	SUBS  $1, ROWS
	BNE   vec

last:
	// r = max(r[0:4])
	WORD $0x6e30f800 // fmaxv s0, v0.4s
	CBZ   TAIL, done

tailloop:
	// r = max(r, x[i]) unless x[i] is NaN
	FMOVS.P 4(X_PTR), F1
	FCMPS F1, F1
	BVS   next // unordered: NaN
	FMAXS F1, F0

next:
	SUBS  $1, TAIL
	BNE   tailloop

done:
	FCVTSD F0, F0
	FMOVD F0, ret+24(FP)
	RET
