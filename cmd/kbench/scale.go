package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/kbench/kbench/dispatch"
	"github.com/kbench/kbench/internal/bench"
	"github.com/urfave/cli/v2"
)

func scaleCommand() *cli.Command {
	return &cli.Command{
		Name:  "scale",
		Usage: "measure one kernel over worker counts 1..N: speedup and parallel efficiency per size",
		Description: "scale runs one kernel on one level with 1, 2, ... N workers at each size and\n" +
			"prints the speedup over one worker and the parallel efficiency (speedup / workers).\n" +
			"Memory-bound kernels stop scaling at the all-thread read roofline.",
		OnUsageError: usageError,
		Flags: []cli.Flag{
			kernelFlag("sum", "the kernel"),
			&cli.StringFlag{Name: "dtype", Aliases: []string{"d"}, Value: "f64", EnvVars: []string{"KBENCH_DTYPE"},
				Usage: "element type: f32 or f64"},
			sizeFlag("l2,llc,dram"),
			&cli.StringFlag{Name: "level", Aliases: []string{"l"}, EnvVars: []string{dispatch.EnvLevel},
				Usage: "instruction-set level (generic, avx2, avx512, neon); default: the best one here"},
			&cli.IntFlag{Name: "max-workers", Aliases: []string{"n"}, EnvVars: []string{"KBENCH_MAX_WORKERS"},
				Usage: "largest worker count (0: GOMAXPROCS)"},
			groupsFlag, columnsFlag, timeFlag, countFlag, seedFlag,
			formatFlag("table", "json", "csv", "markdown"), outputFlag,
			&cli.StringFlag{Name: "plot", Aliases: []string{"p"}, Usage: "also draw the speedups to `FILE` (.svg, .png or .pdf)"},
		},
		Action: scaleAction,
	}
}

func scaleAction(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("scale takes no arguments, got %q", c.Args().First())
	}
	caches := bench.HostCaches()
	p := bench.Plan{Caches: caches, Groups: c.Int("groups"), Columns: c.Int("columns"),
		Time: c.Duration("time"), Count: c.Int("count"), Seed: c.Uint64("seed")}
	var err error
	if p.Kernels, err = bench.ParseKernels([]string{c.String("kernel")}); err != nil {
		return usagef("--kernel: %v", err)
	}
	if len(p.Kernels) != 1 {
		return usagef("--kernel %q: scale measures one kernel", c.String("kernel"))
	}
	if p.DTypes, err = bench.ParseDTypes([]string{c.String("dtype")}); err != nil || len(p.DTypes) != 1 {
		return usagef("--dtype %q: want one of f32, f64", c.String("dtype"))
	}
	if p.Sizes, err = bench.ParseSizes([]string{c.String("size")}, caches); err != nil {
		return usagef("--size: %v", err)
	}
	level := dispatch.Best()
	if s := c.String("level"); s != "" {
		if level, err = dispatch.ParseLevel(strings.ToLower(s)); err != nil {
			return usagef("--level: %v", err)
		}
		if !dispatch.Has(level) {
			return usagef("--level %s: not supported by this %s CPU and build (supported: %s)", level, runtime.GOARCH, levelNames(dispatch.Supported()))
		}
	}
	maxW := c.Int("max-workers")
	if maxW < 0 {
		return usagef("--max-workers %d: want 0 (GOMAXPROCS) or more", maxW)
	}
	if maxW == 0 {
		maxW = runtime.GOMAXPROCS(0)
	}
	if p.Time <= 0 || p.Count < 1 || p.Groups < 1 || p.Columns < 1 {
		return usagef("--time, --count, --groups and --columns must be positive")
	}
	for w := 1; w <= maxW; w++ {
		p.Backends = append(p.Backends, bench.Backend{Name: "multicore", Class: "multicore", Kind: bench.Engine, Level: level, Workers: w})
	}
	format, err := parseFormat(c.String("format"), []string{"table", "json", "csv", "markdown"})
	if err != nil {
		return err
	}
	rep := &bench.Report{Schema: bench.Schema, Machine: bench.HostMachine(true), Notes: []string{},
		Config: bench.Config{TimeNs: p.Time.Nanoseconds(), Count: p.Count, Seed: p.Seed, Groups: p.Groups, Columns: p.Columns}}
	p.ClockGHz = rep.Machine.ClockGHzEst
	pr := newProgress(c.App.ErrWriter)
	res, notes, runErr := bench.Run(c.Context, p, pr.update)
	pr.clear()
	rep.Results, rep.Notes = res, append(rep.Notes, notes...)
	rep.PeakRSSBytes = bench.PeakRSS()
	rep.Interrupted = errors.Is(runErr, context.Canceled)
	if runErr != nil && !rep.Interrupted {
		return usagef("scale: %v", runErr)
	}
	if err := emitScale(c.App.Writer, format, c.String("output"), rep); err != nil {
		return err
	}
	if f := c.String("plot"); f != "" && len(rep.Results) > 0 {
		if err := plotScale(rep, f); err != nil {
			return failf("--plot: %v", err)
		}
	}
	if rep.Interrupted {
		return cli.Exit("interrupted: printed what was measured", exitInterrupted)
	}
	return nil
}

func levelNames(ls []dispatch.Level) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = l.String()
	}
	return strings.Join(s, ", ")
}

func emitScale(stdout io.Writer, format, output string, rep *bench.Report) error {
	w := stdout
	var f *os.File
	if output != "" {
		var err error
		if f, err = os.Create(output); err != nil {
			return failf("--output: %v", err)
		}
		w = f
	}
	var err error
	switch format {
	case "json", "csv":
		err = writeRun(w, format, rep)
	default:
		err = writeScaleTable(w, format, rep)
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return failf("%v", err)
	}
	return nil
}

// speedups returns, per result, the speedup over the one-worker result of
// the same input (0 when there is none).
func speedups(rs []bench.Result) []float64 {
	one := map[int64]float64{}
	for _, r := range rs {
		if r.Workers == 1 {
			one[r.N] = r.NsPerOp
		}
	}
	out := make([]float64, len(rs))
	for i, r := range rs {
		if t, ok := one[r.N]; ok {
			out[i] = t / r.NsPerOp
		}
	}
	return out
}

func writeScaleTable(w io.Writer, format string, rep *bench.Report) error {
	head := []string{"kernel", "dtype", "size", "n", "level", "workers", "time/op", "GB/s", "speedup", "efficiency"}
	sp := speedups(rep.Results)
	var rows [][]string
	for i, r := range rep.Results {
		size := bench.FormatBytes(r.BytesPerOp)
		if r.Size != "" {
			size = r.Size + " " + size
		}
		rows = append(rows, []string{r.Kernel, r.DType, size, bench.FormatCount(r.N), r.Level, itoa(r.Workers),
			fmtNs(r.NsPerOp), fmt.Sprintf("%.2f", r.GBps), fmt.Sprintf("%.2fx", sp[i]), fmt.Sprintf("%.0f%%", 100*sp[i]/float64(r.Workers))})
	}
	if format == "markdown" {
		return markdownTable(w, head, rows)
	}
	for _, l := range header(rep) {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
