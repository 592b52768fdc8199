package bench

import "math"

// The naive backend: the loops a user writes by hand, one accumulator,
// in element order. They are the baseline of the speedups, not a
// reference for accuracy.

func naiveSum[T Float](x []T) float64 {
	var s float64
	for _, v := range x {
		s += float64(v)
	}
	return s
}

func naiveMean[T Float](x []T) float64 { return naiveSum(x) / float64(len(x)) }

// naiveVar is the textbook two-pass variance.
func naiveVar[T Float](x []T) float64 {
	m := naiveMean(x)
	var ss float64
	for _, v := range x {
		d := float64(v) - m
		ss += d * d
	}
	return ss / float64(len(x)-Ddof)
}

func naiveStd[T Float](x []T) float64 { return math.Sqrt(naiveVar(x)) }

func naiveMin[T Float](x []T) float64 {
	m := x[0]
	for _, v := range x[1:] {
		if v < m {
			m = v
		}
	}
	return float64(m)
}

func naiveMax[T Float](x []T) float64 {
	m := x[0]
	for _, v := range x[1:] {
		if v > m {
			m = v
		}
	}
	return float64(m)
}

func naiveNanSum[T Float](x []T) float64 {
	var s float64
	for _, v := range x {
		if v == v {
			s += float64(v)
		}
	}
	return s
}

func naiveNanMean[T Float](x []T) float64 {
	var s float64
	n := 0
	for _, v := range x {
		if v == v {
			s += float64(v)
			n++
		}
	}
	return s / float64(n)
}

func naiveNanVar[T Float](x []T) float64 {
	var s float64
	n := 0
	for _, v := range x {
		if v == v {
			s += float64(v)
			n++
		}
	}
	m := s / float64(n)
	var ss float64
	for _, v := range x {
		if v == v {
			d := float64(v) - m
			ss += d * d
		}
	}
	return ss / float64(n-Ddof)
}

func naiveNanStd[T Float](x []T) float64 { return math.Sqrt(naiveNanVar(x)) }

// naiveGroupBy computes, for every column, the per-group sum, mean and
// sample std with plain loops over the codes: sum[k[i]] += v[i], then a
// second pass for the squared deviations. It allocates its results, as a
// group-by returning new columns does.
func naiveGroupBy[T Float](d *Data[T], c int) float64 {
	codes, cols, g := d.Codes[c], d.Cols[c], d.Groups
	count := make([]int64, g)
	for _, k := range codes {
		count[k]++
	}
	var keep float64
	for _, col := range cols {
		sum := make([]float64, g)
		for i, k := range codes {
			sum[k] += float64(col[i])
		}
		mean := make([]float64, g)
		for k := range mean {
			mean[k] = sum[k] / float64(count[k])
		}
		ss := make([]float64, g)
		for i, k := range codes {
			dv := float64(col[i]) - mean[k]
			ss[k] += dv * dv
		}
		std := make([]float64, g)
		for k := range std {
			std[k] = math.Sqrt(ss[k] / float64(count[k]-Ddof))
		}
		keep += sum[0] + mean[0] + std[0]
	}
	return keep
}

// naiveFactorize maps keys to dense codes in order of first appearance
// with a Go map, and returns the number of distinct keys.
func naiveFactorize[T Float](d *Data[T], c int) float64 {
	keys := d.Keys[c]
	index := make(map[int64]int32)
	codes := make([]int32, len(keys))
	var uniq []int64
	for i, k := range keys {
		code, ok := index[k]
		if !ok {
			code = int32(len(uniq))
			index[k] = code
			uniq = append(uniq, k)
		}
		codes[i] = code
	}
	return float64(len(uniq)) + float64(codes[len(codes)-1])
}
