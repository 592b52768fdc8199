package kernels_test

import (
	"fmt"

	"github.com/kbench/kbench/kernels"
)

// The pandas
//
//	df.groupby("g").agg({"a": ["sum", "mean", "std"], "b": [...], "c": [...]})
//
// with the keys factorized first, as pandas does internally.
func ExampleGroupBy() {
	keys := []string{"x", "y", "x", "z", "y", "x"}
	a := []float64{1, 2, 3, 4, 5, 6}
	b := []float64{10, 20, 30, 40, 50, 60}
	c := []float32{0.5, 1.5, 2.5, 3.5, 4.5, 5.5}

	codes, groups, err := kernels.FactorizeStrings(keys)
	if err != nil {
		panic(err)
	}
	aggs := kernels.AggSum | kernels.AggMean | kernels.AggStd
	g, err := kernels.NewGroupBy(codes, len(groups),
		kernels.Float64s("a", a, aggs),
		kernels.Float64s("b", b, aggs),
		kernels.Float32s("c", c, aggs))
	if err != nil {
		panic(err)
	}
	res, err := g.Run(kernels.DefaultConfig()) // best level, every core: the same bits as any other
	if err != nil {
		panic(err)
	}
	for _, col := range res.Columns {
		for i, key := range groups {
			fmt.Printf("%s %s: sum %g mean %.4g std %.4g\n", col.Name, key, col.Sum[i], col.Mean[i], col.Std[i])
		}
	}
	// Output:
	// a x: sum 10 mean 3.333 std 2.517
	// a y: sum 7 mean 3.5 std 2.121
	// a z: sum 4 mean 4 std NaN
	// b x: sum 100 mean 33.33 std 25.17
	// b y: sum 70 mean 35 std 21.21
	// b z: sum 40 mean 40 std NaN
	// c x: sum 8.5 mean 2.833 std 2.517
	// c y: sum 6 mean 3 std 2.121
	// c z: sum 3.5 mean 3.5 std NaN
}
