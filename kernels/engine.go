package kernels

import (
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/kbench/kbench/asm"
	"github.com/kbench/kbench/dispatch"
)

// Float is the element type of the kernels. float32 elements are widened to
// float64 on load; every kernel accumulates and returns float64.
type Float = asm.Float

const blockSize = asm.BlockSize

// Config selects how an [Engine] runs.
type Config struct {
	// Level is the instruction-set level. It must be supported here
	// (see dispatch.Supported).
	Level dispatch.Level
	// Workers is the most goroutines one call uses; 0 means
	// runtime.GOMAXPROCS(0) at the time of the call. Results do not depend
	// on it.
	Workers int
}

// Engine runs the kernels for element type T at a fixed level and worker
// count. An Engine is immutable and safe for concurrent use; its zero value
// is not usable, make one with [NewEngine].
//
// Every Engine returns the same bits for the same input, whatever its level
// and worker count: they all follow the canonical order of docs/design.md.
type Engine[T Float] struct {
	cfg Config
	f   asm.Funcs[T]
}

// NewEngine returns an Engine for cfg, or an error when the level is not
// supported on this CPU or Workers is negative.
func NewEngine[T Float](cfg Config) (*Engine[T], error) {
	if cfg.Workers < 0 {
		return nil, fmt.Errorf("kernels: Workers = %d is negative", cfg.Workers)
	}
	k, err := dispatch.Kernels(cfg.Level)
	if err != nil {
		return nil, err
	}
	e := &Engine[T]{cfg: cfg, f: asm.For[T](k)}
	return e, nil
}

// Config returns the configuration the Engine was made with.
func (e *Engine[T]) Config() Config { return e.cfg }

func (e *Engine[T]) workers() int {
	if e.cfg.Workers == 0 {
		return runtime.GOMAXPROCS(0)
	}
	return e.cfg.Workers
}

// defaults holds the engines of the package-level functions: the level of
// dispatch.Default and all of GOMAXPROCS.
var defaults = sync.OnceValue(func() (d struct {
	f64 *Engine[float64]
	f32 *Engine[float32]
}) {
	level, err := dispatch.Default()
	if err != nil {
		// The functions that use these engines cannot return an error; say
		// once, loudly, which level runs instead.
		fmt.Fprintf(os.Stderr, "kbench: %v; using %s\n", err, level)
	}
	cfg := Config{Level: level}
	d.f64, _ = NewEngine[float64](cfg)
	d.f32, _ = NewEngine[float32](cfg)
	return d
})

// Default returns the Engine that the package-level functions use for T:
// the level of dispatch.Default (the best one, capped by $KBENCH_LEVEL) and
// all of GOMAXPROCS.
func Default[T Float]() *Engine[T] {
	d := defaults()
	if e, ok := any(d.f64).(*Engine[T]); ok {
		return e
	}
	return any(d.f32).(*Engine[T])
}

// defaultKernels returns the routines of the default level, for the
// functions that take no Config.
func defaultKernels() asm.Kernels {
	k, err := dispatch.Kernels(DefaultConfig().Level)
	if err != nil { // Default checked the level
		panic(err)
	}
	return k
}

// DefaultConfig returns the configuration of the package-level kernels:
// the default level ([dispatch.Default], which $KBENCH_LEVEL caps) and
// every core. The zero Config is the generic level instead.
func DefaultConfig() Config { return Default[float64]().Config() }
