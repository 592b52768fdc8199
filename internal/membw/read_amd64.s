//go:build !purego

#include "textflag.h"

// Wide unaligned loads keep the most cache lines in flight for the fewest
// instructions, which is what one core needs to stream at memory speed.
// The XOR of everything read keeps the loads from being optimised away.

// func readAVX2(b []uint64) uint64
// Reads len(b) &^ 15 words.
TEXT ·readAVX2(SB), NOSPLIT, $0-32
	MOVQ   b_base+0(FP), SI
	MOVQ   b_len+8(FP), CX
	SHRQ   $4, CX               // 128-byte steps
	VPXOR  Y0, Y0, Y0
	VPXOR  Y1, Y1, Y1
	VPXOR  Y2, Y2, Y2
	VPXOR  Y3, Y3, Y3
	TESTQ  CX, CX
	JZ     done2

loop2:
	VPXOR  (SI), Y0, Y0         // acc0 ^= b[0:4]
	VPXOR  32(SI), Y1, Y1       // acc1 ^= b[4:8]
	VPXOR  64(SI), Y2, Y2       // acc2 ^= b[8:12]
	VPXOR  96(SI), Y3, Y3       // acc3 ^= b[12:16]
	ADDQ   $128, SI
	DECQ   CX
	JNZ    loop2

done2:
	VPXOR  Y1, Y0, Y0
	VPXOR  Y3, Y2, Y2
	VPXOR  Y2, Y0, Y0
	VEXTRACTI128 $1, Y0, X1
	VPXOR  X1, X0, X0
	VPSHUFD $0x4e, X0, X1       // swap the two words
	VPXOR  X1, X0, X0
	VMOVQ  X0, AX
	VZEROUPPER
	MOVQ   AX, ret+24(FP)
	RET

// func readAVX512(b []uint64) uint64
// Reads len(b) &^ 31 words.
TEXT ·readAVX512(SB), NOSPLIT, $0-32
	MOVQ   b_base+0(FP), SI
	MOVQ   b_len+8(FP), CX
	SHRQ   $5, CX               // 256-byte steps
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	TESTQ  CX, CX
	JZ     done5

loop5:
	VPXORQ (SI), Z0, Z0         // acc0 ^= b[0:8]
	VPXORQ 64(SI), Z1, Z1       // acc1 ^= b[8:16]
	VPXORQ 128(SI), Z2, Z2      // acc2 ^= b[16:24]
	VPXORQ 192(SI), Z3, Z3      // acc3 ^= b[24:32]
	ADDQ   $256, SI
	DECQ   CX
	JNZ    loop5

done5:
	VPXORQ Z1, Z0, Z0
	VPXORQ Z3, Z2, Z2
	VPXORQ Z2, Z0, Z0
	VEXTRACTI64X4 $1, Z0, Y1
	VPXOR  Y1, Y0, Y0
	VEXTRACTI128 $1, Y0, X1
	VPXOR  X1, X0, X0
	VPSHUFD $0x4e, X0, X1
	VPXOR  X1, X0, X0
	VMOVQ  X0, AX
	VZEROUPPER
	MOVQ   AX, ret+24(FP)
	RET
