package bench

// vek does not build on riscv64 (see vek.go): no vek peer here.
var (
	vekSum, vekMean, vekMin, vekMax         func([]float64) float64
	vekSum32, vekMean32, vekMin32, vekMax32 func([]float32) float64
)
