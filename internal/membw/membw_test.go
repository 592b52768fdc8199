package membw

import (
	"testing"
	"time"
)

func TestReadXorsEveryWord(t *testing.T) {
	for n := 0; n < 300; n++ {
		b := make([]uint64, n)
		var want uint64
		for i := range b {
			b[i] = 1 << (i % 64) * uint64(i+1)
			want ^= b[i]
		}
		if got := Read(b); got != want {
			t.Fatalf("Read(len %d) = %#x, want %#x", n, got, want)
		}
		for th := 1; th <= 3; th++ {
			if got := ReadParallel(b, th); got != want {
				t.Fatalf("ReadParallel(len %d, %d) = %#x, want %#x", n, th, got, want)
			}
		}
	}
}

func TestMeasureIsPositive(t *testing.T) {
	if bw := Measure(1<<20, 1, time.Millisecond); !(bw > 0) {
		t.Fatalf("Measure = %v, want > 0", bw)
	}
}
