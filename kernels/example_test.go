package kernels_test

import (
	"fmt"

	"github.com/kbench/kbench/dispatch"
	"github.com/kbench/kbench/kernels"
)

func Example() {
	x := []float64{2, 4, 4, 4, 5, 5, 7, 9}
	std, err := kernels.Std(x, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println(kernels.Sum(x), kernels.Mean(x), std, kernels.Min(x), kernels.Max(x))
	// Output: 40 5 2 2 9
}

func ExampleNanMean() {
	nan := float32(0) / float32(zero)
	x := []float32{1, nan, 2, 3}
	fmt.Println(kernels.Mean(x), kernels.NanMean(x))
	// Output: NaN 2
}

var zero = 0.0

func ExampleNewEngine() {
	// Pin the portable level and one worker: the result is the same bits as
	// on any other level or worker count.
	e, err := kernels.NewEngine[float64](kernels.Config{Level: dispatch.Generic, Workers: 1})
	if err != nil {
		panic(err)
	}
	x := make([]float64, 10_000)
	for i := range x {
		x[i] = 0.1
	}
	fmt.Println(e.Sum(x) == kernels.Sum(x))
	// Output: true
}

func ExampleEngine_Moments() {
	// Moments of two parts merge into the moments of the whole.
	a := []float64{1e12 + 1, 1e12 + 2}
	b := []float64{1e12 + 3, 1e12 + 4}
	e := kernels.Default[float64]()
	m := e.Moments(a).Merge(e.Moments(b))
	v, _ := m.Var(1)
	fmt.Println(m.N, v)
	// Output: 4 1.6666666666666667
}
