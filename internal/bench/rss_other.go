//go:build !unix

package bench

// PeakRSS returns 0: this system has no getrusage.
func PeakRSS() int64 { return 0 }
