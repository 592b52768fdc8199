package bench

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/kbench/kbench/dispatch"
)

// Kind is what runs a backend's kernels.
type Kind uint8

const (
	// Naive is a plain single-accumulator Go loop: what a user writes by
	// hand.
	Naive Kind = iota
	// Engine is a kbench kernels.Engine at a level and worker count.
	Engine
	// Peer is another Go library (gonum, vek).
	Peer
	// GPU is a kbench GPU backend.
	GPU
)

// A Backend is one way of running the kernels.
type Backend struct {
	Name  string // as given on the command line: naive, scalar, avx2, multicore, gonum, ...
	Class string // naive, scalar, simd, multicore, gpu, or the peer's name; see [Classify]
	Kind  Kind
	// Level and Workers configure an Engine backend; Workers is 1 for the
	// others.
	Level   dispatch.Level
	Workers int
}

// LevelName is the level of an Engine backend, or "" for the others.
func (b Backend) LevelName() string {
	if b.Kind != Engine {
		return ""
	}
	return b.Level.String()
}

// Peers are the peer libraries, in the order they are listed.
var peerNames = []string{"gonum", "vek"}

// simdLevels are the levels that count as SIMD, in order of preference.
var simdLevels = []dispatch.Level{dispatch.AVX2, dispatch.AVX512, dispatch.NEON}

// BackendNames returns every backend name kbench knows, runnable here or
// not.
func BackendNames() []string {
	n := []string{"naive", "scalar"}
	for _, l := range simdLevels {
		n = append(n, l.String())
	}
	n = append(n, "multicore", "gpu")
	return append(n, peerNames...)
}

// DefaultBackends returns the backends of a default run: naive, scalar,
// every SIMD level this CPU and build support, multicore (the default
// level, workers goroutines, 0 meaning GOMAXPROCS), the GPU when usable
// (never in this build) and the peers.
func DefaultBackends(workers int) ([]Backend, error) {
	names := []string{"naive", "scalar"}
	for _, l := range simdLevels {
		if dispatch.Has(l) {
			names = append(names, l.String())
		}
	}
	names = append(names, "multicore")
	names = append(names, peerNames...)
	return ParseBackends(names, workers)
}

// ParseBackends resolves backend names (each possibly a comma separated
// list). workers is the worker count of multicore; 0 means GOMAXPROCS.
// A name kbench does not know, a level this CPU or build lacks, and the GPU
// (no GPU backend in this build) are errors.
func ParseBackends(list []string, workers int) ([]Backend, error) {
	if workers < 0 {
		return nil, fmt.Errorf("workers %d: want 0 (GOMAXPROCS) or more", workers)
	}
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var out []Backend
	for _, name := range listNames(list) {
		b, err := parseBackend(name, workers)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("backend: none given (valid: %s)", strings.Join(BackendNames(), ", "))
	}
	Classify(out)
	return out, nil
}

func parseBackend(name string, workers int) (Backend, error) {
	switch name {
	case "naive":
		return Backend{Name: name, Kind: Naive, Workers: 1}, nil
	case "scalar":
		return Backend{Name: name, Kind: Engine, Level: dispatch.Generic, Workers: 1}, nil
	case "multicore":
		l, err := dispatch.Default()
		if err != nil {
			return Backend{}, fmt.Errorf("backend multicore: %v", err)
		}
		return Backend{Name: name, Kind: Engine, Level: l, Workers: workers}, nil
	case "gpu":
		return Backend{}, fmt.Errorf("backend gpu: not available: %s", NoGPUReason)
	case "gonum", "vek":
		return Backend{Name: name, Kind: Peer, Workers: 1}, nil
	}
	for _, l := range simdLevels {
		if name == l.String() {
			if !dispatch.Has(l) {
				return Backend{}, fmt.Errorf("backend %s: level not supported by this %s CPU and build (supported levels: %s)",
					name, runtime.GOARCH, levelList(dispatch.Supported()))
			}
			return Backend{Name: name, Kind: Engine, Level: l, Workers: 1}, nil
		}
	}
	return Backend{}, fmt.Errorf("unknown backend %q (valid: %s)", name, strings.Join(BackendNames(), ", "))
}

// Classify sets the Class of each backend: the SIMD backend with the best
// level among them is "simd" (so that runs on different architectures can
// be compared by class), other SIMD levels keep their level name, and
// naive, scalar, multicore, gpu and the peers are their own class.
func Classify(bs []Backend) {
	best := -1
	for i, b := range bs {
		if b.Kind == Engine && b.Name != "scalar" && b.Name != "multicore" {
			if best < 0 || b.Level > bs[best].Level {
				best = i
			}
		}
	}
	for i := range bs {
		bs[i].Class = bs[i].Name
		if i == best {
			bs[i].Class = "simd"
		}
	}
}

func levelList(ls []dispatch.Level) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = l.String()
	}
	return strings.Join(s, ", ")
}

// NoGPUReason says why no GPU backend can run.
const NoGPUReason = "this build of kbench has no GPU backend"
