// Package dispatch detects the CPU once and selects the routines of package
// asm for an instruction-set level.
//
// Detection happens on first use and is kept in an immutable snapshot. A
// level is chosen per call site, never through a global switch: pass a
// [Level] to [Kernels] (package kernels does this for its engines), so one
// process can run every level the CPU supports side by side.
//
// The environment variable KBENCH_LEVEL=generic|avx2|avx512|neon caps the
// level that [Default] returns.
package dispatch

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/kbench/kbench/asm"
	"github.com/klauspost/cpuid/v2"
)

// Level is an instruction-set level that has its own set of routines.
type Level uint8

const (
	// Generic is the portable pure-Go reference; every CPU supports it.
	Generic Level = iota
	// AVX2 needs AVX2 and FMA with the OS saving YMM state (amd64).
	AVX2
	// AVX512 needs AVX512F, AVX512DQ and AVX512VL with the OS saving ZMM
	// state (amd64), and AVX2 and FMA, which its routines also use.
	AVX512
	// NEON is the arm64 Advanced SIMD level; every arm64 CPU has it.
	NEON
)

// EnvLevel is the environment variable that caps the default level.
const EnvLevel = "KBENCH_LEVEL"

var levelNames = [...]string{Generic: "generic", AVX2: "avx2", AVX512: "avx512", NEON: "neon"}

// Levels returns every level this package knows, supported here or not.
func Levels() []Level { return []Level{Generic, AVX2, AVX512, NEON} }

func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// ParseLevel returns the level named s (as printed by [Level.String]).
func ParseLevel(s string) (Level, error) {
	for l, name := range levelNames {
		if s == name {
			return Level(l), nil
		}
	}
	return 0, fmt.Errorf("dispatch: unknown level %q (valid: %s)", s, strings.Join(levelNames[:], ", "))
}

// CPU is a snapshot of what was detected. Its slices are copies: changing
// them changes nothing else.
type CPU struct {
	Brand    string
	Vendor   string
	Arch     string // runtime.GOARCH
	Physical int    // physical cores; 0 when unknown
	Logical  int    // hardware threads; 0 when unknown
	L1D      int    // bytes per core; -1 when unknown
	L2       int    // bytes; -1 when unknown
	L3       int    // bytes; -1 when unknown
	Hz       int64  // base clock; 0 when unknown
	// Features lists the detected flags that matter to the levels.
	Features []string
	// Levels lists the supported levels, best last.
	Levels []Level
}

type snapshot struct {
	cpu    CPU
	tables [len(levelNames)]asm.Kernels
	ok     [len(levelNames)]bool
}

var detect = sync.OnceValue(func() *snapshot {
	c := cpuid.CPU
	s := &snapshot{cpu: CPU{
		Brand:    c.BrandName,
		Vendor:   c.VendorString,
		Arch:     runtime.GOARCH,
		Physical: c.PhysicalCores,
		Logical:  c.LogicalCores,
		L1D:      c.Cache.L1D,
		L2:       c.Cache.L2,
		L3:       c.Cache.L3,
		Hz:       c.Hz,
	}}
	add := func(l Level, k asm.Kernels, built, cpuHas bool) {
		if built && cpuHas {
			s.tables[l], s.ok[l] = k, true
			s.cpu.Levels = append(s.cpu.Levels, l)
		}
	}
	for _, f := range relevant {
		if c.Supports(f) {
			s.cpu.Features = append(s.cpu.Features, strings.ToLower(f.String()))
		}
	}
	add(Generic, asm.Generic(), true, true)
	k, built := asm.AVX2()
	add(AVX2, k, built, runtime.GOARCH == "amd64" && c.Supports(cpuid.AVX2, cpuid.FMA3))
	k, built = asm.AVX512()
	add(AVX512, k, built, runtime.GOARCH == "amd64" && c.Supports(cpuid.AVX512F, cpuid.AVX512DQ, cpuid.AVX512VL, cpuid.AVX2, cpuid.FMA3))
	k, built = asm.NEON()
	add(NEON, k, built, runtime.GOARCH == "arm64")
	return s
})

// relevant are the feature flags [CPU.Features] reports.
var relevant = []cpuid.FeatureID{
	cpuid.SSE2, cpuid.AVX, cpuid.AVX2, cpuid.FMA3,
	cpuid.AVX512F, cpuid.AVX512DQ, cpuid.AVX512BW, cpuid.AVX512VL,
	cpuid.ASIMD, cpuid.FP, cpuid.SVE,
}

// Host returns what was detected about this CPU.
func Host() CPU {
	c := detect().cpu
	c.Features = slices.Clone(c.Features)
	c.Levels = slices.Clone(c.Levels)
	return c
}

// Supported returns the levels that this CPU and this build both support,
// best last. Generic is always among them.
func Supported() []Level { return slices.Clone(detect().cpu.Levels) }

// Best returns the best supported level.
func Best() Level {
	l := detect().cpu.Levels
	return l[len(l)-1]
}

// Has reports whether level l can run here.
func Has(l Level) bool { return int(l) < len(levelNames) && detect().ok[l] }

// Kernels returns the routines of level l, or an error when this CPU or
// this build cannot run it. It never returns routines that would fault.
func Kernels(l Level) (asm.Kernels, error) {
	if int(l) >= len(levelNames) {
		return asm.Kernels{}, fmt.Errorf("dispatch: unknown level %d", uint8(l))
	}
	if !Has(l) {
		return asm.Kernels{}, fmt.Errorf("dispatch: level %s is not supported on this %s CPU (supported: %s)", l, runtime.GOARCH, join(Supported()))
	}
	return detect().tables[l], nil
}

// Default returns the level that package-level kernels use: [Best], capped
// by $KBENCH_LEVEL when it is set. An unknown or unsupported level in the
// variable is an error; the level returned with it is then [Best].
func Default() (Level, error) {
	return defaultLevel(os.Getenv(EnvLevel))
}

func defaultLevel(env string) (Level, error) {
	best := Best()
	if env == "" {
		return best, nil
	}
	l, err := ParseLevel(env)
	if err != nil {
		return best, fmt.Errorf("dispatch: %s: %w", EnvLevel, err)
	}
	if !Has(l) {
		return best, fmt.Errorf("dispatch: %s=%s: level not supported on this %s CPU (supported: %s)", EnvLevel, env, runtime.GOARCH, join(Supported()))
	}
	return l, nil
}

func join(ls []Level) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = l.String()
	}
	return strings.Join(s, ", ")
}
