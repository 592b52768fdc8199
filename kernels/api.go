package kernels

// The package-level functions run on [Default]: the best level this CPU
// supports (capped by $KBENCH_LEVEL) and all of GOMAXPROCS. Each one's
// semantics are those of the Engine method of the same name.

// Sum returns the canonical sum of x; see [Engine.Sum].
func Sum[T Float](x []T) float64 { return Default[T]().Sum(x) }

// Mean returns Sum(x)/len(x); see [Engine.Mean].
func Mean[T Float](x []T) float64 { return Default[T]().Mean(x) }

// Var returns the variance of x with ddof delta degrees of freedom; see
// [Engine.Var].
func Var[T Float](x []T, ddof int) (float64, error) { return Default[T]().Var(x, ddof) }

// Std returns the standard deviation of x; see [Engine.Std].
func Std[T Float](x []T, ddof int) (float64, error) { return Default[T]().Std(x, ddof) }

// Min returns the smallest element of x; see [Engine.Min].
func Min[T Float](x []T) float64 { return Default[T]().Min(x) }

// Max returns the largest element of x; see [Engine.Max].
func Max[T Float](x []T) float64 { return Default[T]().Max(x) }

// NanSum returns the sum of the non-NaN elements of x; see [Engine.NanSum].
func NanSum[T Float](x []T) float64 { return Default[T]().NanSum(x) }

// NanMean returns the mean of the non-NaN elements of x; see
// [Engine.NanMean].
func NanMean[T Float](x []T) float64 { return Default[T]().NanMean(x) }

// NanVar returns the variance of the non-NaN elements of x; see
// [Engine.NanVar].
func NanVar[T Float](x []T, ddof int) (float64, error) { return Default[T]().NanVar(x, ddof) }

// NanStd returns the standard deviation of the non-NaN elements of x; see
// [Engine.NanStd].
func NanStd[T Float](x []T, ddof int) (float64, error) { return Default[T]().NanStd(x, ddof) }

// NanMin returns the smallest non-NaN element of x; see [Engine.NanMin].
func NanMin[T Float](x []T) float64 { return Default[T]().NanMin(x) }

// NanMax returns the largest non-NaN element of x; see [Engine.NanMax].
func NanMax[T Float](x []T) float64 { return Default[T]().NanMax(x) }
