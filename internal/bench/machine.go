package bench

import (
	"os"
	"runtime"
	"time"

	"github.com/kbench/kbench/dispatch"
)

// Machine describes the hardware and software a run was measured on.
type Machine struct {
	CPU           string   `json:"cpu"`
	Vendor        string   `json:"vendor"`
	OS            string   `json:"os"`
	Arch          string   `json:"arch"`
	PhysicalCores int      `json:"physical_cores"`
	LogicalCores  int      `json:"logical_cores"`
	L1DBytes      int64    `json:"l1d_bytes"` // per core; -1 when unknown
	L2Bytes       int64    `json:"l2_bytes"`  // -1 when unknown
	L3Bytes       int64    `json:"l3_bytes"`  // -1 when unknown
	Features      []string `json:"features"`
	Levels        []string `json:"levels"`   // supported by this CPU and build, best last
	Selected      string   `json:"selected"` // the default level (best, capped by KBENCH_LEVEL)
	SelectedError string   `json:"selected_error,omitempty"`
	GOMAXPROCS    int      `json:"gomaxprocs"`
	GoVersion     string   `json:"go_version"`
	// BaseHz is the base clock cpuid reports (0 when unknown); the core
	// rarely runs at it.
	BaseHz int64 `json:"base_hz"`
	// ClockGHzEst is the core clock estimated from a chain of dependent
	// integer additions (one per cycle on every current core), measured at
	// the start of the run; 0 when not measured.
	ClockGHzEst float64 `json:"clock_ghz_est"`
	GPU         GPUInfo `json:"gpu"`
}

// GPUInfo describes the GPU backend's device, or why there is none.
type GPUInfo struct {
	Usable      bool   `json:"usable"`
	Name        string `json:"name"`
	MemoryBytes int64  `json:"memory_bytes"`
	Driver      string `json:"driver"`
	Reason      string `json:"reason"` // why it is not usable
}

// HostMachine describes this machine. With clock set it also estimates
// the core clock, which takes about 50 ms.
func HostMachine(clock bool) Machine {
	c := dispatch.Host()
	m := Machine{
		CPU:           c.Brand,
		Vendor:        c.Vendor,
		OS:            runtime.GOOS,
		Arch:          c.Arch,
		PhysicalCores: c.Physical,
		LogicalCores:  c.Logical,
		L1DBytes:      int64(c.L1D),
		L2Bytes:       int64(c.L2),
		L3Bytes:       int64(c.L3),
		Features:      c.Features,
		GOMAXPROCS:    runtime.GOMAXPROCS(0),
		GoVersion:     runtime.Version(),
		BaseHz:        c.Hz,
		GPU:           GPUInfo{Reason: NoGPUReason},
	}
	if m.Features == nil {
		m.Features = []string{}
	}
	for _, l := range c.Levels {
		m.Levels = append(m.Levels, l.String())
	}
	sel, err := dispatch.Default()
	m.Selected = sel.String()
	if err != nil {
		m.SelectedError = err.Error()
	}
	if clock {
		m.ClockGHzEst = EstimateClock(50 * time.Millisecond)
	}
	return m
}

// EstimateClock returns the core clock in GHz: the best rate, over about
// d, of a chain of dependent 64-bit additions, which retire one per cycle
// on every current x86 and arm64 core. It is the clock the core runs at
// under load (turbo included), not the nominal one; on a busy or throttled
// machine it is an estimate.
func EstimateClock(d time.Duration) float64 {
	const adds = 8 << 10
	best := time.Duration(1<<63 - 1)
	x := uint64(os.Getpid())
	for start := time.Now(); time.Since(start) < d; {
		t := time.Now()
		x = addChain(x, adds)
		best = min(best, time.Since(t))
	}
	runtime.KeepAlive(x)
	if best <= 0 {
		return 0
	}
	return float64(8*adds) / float64(best.Nanoseconds())
}

// addChain performs 8·n dependent additions. The added value depends on x
// so that the compiler cannot fold the chain.
//
//go:noinline
func addChain(x uint64, n int) uint64 {
	y := x | 1
	for i := 0; i < n; i++ {
		x += y
		x ^= y
		x += y
		x ^= y
		x += y
		x ^= y
		x += y
		x ^= y
	}
	return x
}
