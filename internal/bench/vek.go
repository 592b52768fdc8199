//go:build !riscv64

package bench

import (
	"github.com/viterin/vek"
	"github.com/viterin/vek/vek32"
)

// The vek peer's functions. vek depends on github.com/chewxy/math32, which
// does not build on riscv64; there they are nil and the peer is skipped.
var (
	vekSum, vekMean, vekMin, vekMax         = vek.Sum, vek.Mean, vek.Min, vek.Max
	vekSum32, vekMean32, vekMin32, vekMax32 = widen(vek32.Sum), widen(vek32.Mean), widen(vek32.Min), widen(vek32.Max)
)
