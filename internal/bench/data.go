package bench

import (
	"math"
	"math/rand/v2"
)

// Input is the kind of data a kernel reads.
type Input uint8

const (
	// Flat is one column of values.
	Flat Input = iota
	// FlatNaN is one column of values of which about 1% are NaN.
	FlatNaN
	// Grouped is int32 group codes in [0, groups) and float columns.
	Grouped
	// Keys is int64 keys drawn from groups distinct values.
	Keys
)

// Data is the input of one measurement for element type T. Each field
// holds the copies a measurement rotates through; only the fields of the
// input kind asked for are filled.
type Data[T Float] struct {
	N      int
	Groups int
	X      [][]T     // Flat, FlatNaN: X[copy]
	Codes  [][]int32 // Grouped: Codes[copy]
	Cols   [][][]T   // Grouped: Cols[copy][column]
	Keys   [][]int64 // Keys: Keys[copy]
}

// Float is the element type of the measured kernels.
type Float interface{ float32 | float64 }

// Elements returns the element count of an input of the given kind whose
// working set is bytes: a grouped row is a 4-byte code and one T per
// column, a key is 8 bytes.
func Elements[T Float](kind Input, bytes int64, columns int) int64 {
	return max(bytes/RowBytes[T](kind, columns), 1)
}

// RowBytes is the working set of one element (row) of an input.
func RowBytes[T Float](kind Input, columns int) int64 {
	var z T
	sz := int64(sizeOf(z))
	switch kind {
	case Grouped:
		return 4 + int64(columns)*sz
	case Keys:
		return 8
	}
	return sz
}

func sizeOf[T Float](T) int {
	var z T
	if _, ok := any(z).(float32); ok {
		return 4
	}
	return 8
}

// Generate returns the input of the given kind with n elements (rows) and
// the given number of copies, from a generator seeded with seed: the same
// seed gives the same data on every machine. Values are uniform in
// [-1, 1); copies are identical, in different memory.
func Generate[T Float](kind Input, n, groups, columns, copies int, seed uint64) *Data[T] {
	r := rand.New(rand.NewPCG(seed, uint64(kind)+1))
	d := &Data[T]{N: n, Groups: groups}
	switch kind {
	case Flat, FlatNaN:
		x := make([]T, n)
		for i := range x {
			x[i] = T(2*r.Float64() - 1)
			if kind == FlatNaN && r.IntN(100) == 0 {
				x[i] = T(math.NaN())
			}
		}
		d.X = replicate(x, copies)
	case Grouped:
		codes := make([]int32, n)
		for i := range codes {
			codes[i] = int32(r.IntN(groups))
		}
		cols := make([][]T, columns)
		for c := range cols {
			cols[c] = make([]T, n)
			for i := range cols[c] {
				cols[c][i] = T(2*r.Float64() - 1)
			}
		}
		d.Codes = replicate(codes, copies)
		d.Cols = [][][]T{cols}
		for k := 1; k < copies; k++ {
			cc := make([][]T, columns)
			for c := range cc {
				cc[c] = append([]T(nil), cols[c]...)
			}
			d.Cols = append(d.Cols, cc)
		}
	case Keys:
		uniq := make([]int64, groups)
		for i := range uniq {
			uniq[i] = r.Int64()
		}
		keys := make([]int64, n)
		for i := range keys {
			keys[i] = uniq[r.IntN(groups)]
		}
		d.Keys = replicate(keys, copies)
	}
	return d
}

func replicate[E any](x []E, copies int) [][]E {
	out := [][]E{x}
	for k := 1; k < copies; k++ {
		out = append(out, append([]E(nil), x...))
	}
	return out
}
