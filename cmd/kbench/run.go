package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kbench/kbench/internal/bench"
	"github.com/urfave/cli/v2"
)

// Flags shared by run and scale.
func kernelFlag(def, usage string) cli.Flag {
	return &cli.StringFlag{Name: "kernel", Aliases: []string{"k"}, Value: def, EnvVars: []string{"KBENCH_KERNEL"},
		Usage: usage + " (" + strings.Join(bench.KernelNames(), ", ") + ")"}
}

func sizeFlag(def string) cli.Flag {
	return &cli.StringFlag{Name: "size", Aliases: []string{"s"}, Value: def, EnvVars: []string{"KBENCH_SIZE"},
		Usage: "comma list of sizes: element counts (4096, 100K, 2M; K=1000), byte sizes of the working set (32KiB, 64MiB, 1GB) or l1, l2, llc, dram (from this CPU's caches)"}
}

var (
	dtypeFlag = &cli.StringFlag{Name: "dtype", Aliases: []string{"d"}, Value: "f64", EnvVars: []string{"KBENCH_DTYPE"},
		Usage: "comma list of element types: f32, f64"}
	workersFlag = &cli.IntFlag{Name: "workers", Aliases: []string{"w"}, EnvVars: []string{"KBENCH_WORKERS"},
		Usage: "goroutines of the multicore backend (0: GOMAXPROCS)"}
	groupsFlag = &cli.IntFlag{Name: "groups", Value: 1000, EnvVars: []string{"KBENCH_GROUPS"},
		Usage: "groups of groupby, distinct keys of factorize"}
	columnsFlag = &cli.IntFlag{Name: "columns", Value: 3, EnvVars: []string{"KBENCH_COLUMNS"},
		Usage: "float columns of groupby"}
	timeFlag = &cli.DurationFlag{Name: "time", Aliases: []string{"t"}, Value: 100 * time.Millisecond, EnvVars: []string{"KBENCH_TIME"},
		Usage: "time of one measurement (at least one operation)"}
	countFlag = &cli.IntFlag{Name: "count", Aliases: []string{"c"}, Value: 3, EnvVars: []string{"KBENCH_COUNT"},
		Usage: "repetitions of each measurement, interleaved; the median, min and max are reported"}
	seedFlag = &cli.Uint64Flag{Name: "seed", Value: 1, EnvVars: []string{"KBENCH_SEED"},
		Usage: "seed of the generated input data"}
	outputFlag = &cli.StringFlag{Name: "output", Aliases: []string{"o"}, EnvVars: []string{"KBENCH_OUTPUT"},
		Usage: "write the results to `FILE` (and a table to stdout) instead of stdout"}
	rooflineFlag = &cli.StringFlag{Name: "roofline-size", Value: "auto", EnvVars: []string{"KBENCH_ROOFLINE_SIZE"},
		Usage: "buffer of the streaming-read roofline measurement (auto: the dram size; 0: skip it)"}
)

func formatFlag(valid ...string) cli.Flag {
	return &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: valid[0], EnvVars: []string{"KBENCH_FORMAT"},
		Usage: "output format: " + strings.Join(valid, ", ")}
}

var runFormats = []string{"table", "json", "csv", "markdown", "benchstat"}

func runCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "measure kernels over sizes and backends (the default command)",
		Description: "run measures every kernel, element type, size and backend asked for, after\n" +
			"measuring the streaming-read roofline. The defaults (kernels sum, mean, std and\n" +
			"groupby on float64 at the l1, l2, llc and dram sizes, on every backend usable\n" +
			"here) finish in about a minute. Combinations a backend lacks are skipped with a\n" +
			"note on stderr. Ctrl-C stops and prints what was measured.",
		OnUsageError: usageError,
		Flags: []cli.Flag{
			kernelFlag(strings.Join(bench.DefaultKernelNames(), ","), "comma list of kernels"),
			dtypeFlag,
			sizeFlag("l1,l2,llc,dram"),
			&cli.StringFlag{Name: "backend", Aliases: []string{"b"}, EnvVars: []string{"KBENCH_BACKEND"},
				Usage: "comma list of backends (" + strings.Join(bench.BackendNames(), ", ") + "); default: every one usable here"},
			workersFlag, groupsFlag, columnsFlag, timeFlag, countFlag, seedFlag,
			formatFlag(runFormats...), outputFlag, rooflineFlag,
		},
		Action: runAction,
	}
}

// runOptions is a parsed run command line.
type runOptions struct {
	plan     bench.Plan
	format   string
	output   string
	roofline int64
}

func parseRun(c *cli.Context) (runOptions, error) {
	var o runOptions
	if c.Args().Present() {
		return o, usagef("run takes no arguments, got %q (sizes, kernels and backends are flags; see kbench run --help)", c.Args().First())
	}
	caches := bench.HostCaches()
	var err error
	p := bench.Plan{Caches: caches, Groups: c.Int("groups"), Columns: c.Int("columns"),
		Time: c.Duration("time"), Count: c.Int("count"), Seed: c.Uint64("seed")}
	if p.Kernels, err = bench.ParseKernels([]string{c.String("kernel")}); err != nil {
		return o, usagef("--kernel: %v", err)
	}
	if p.DTypes, err = bench.ParseDTypes([]string{c.String("dtype")}); err != nil {
		return o, usagef("--dtype: %v", err)
	}
	if p.Sizes, err = bench.ParseSizes([]string{c.String("size")}, caches); err != nil {
		return o, usagef("--size: %v", err)
	}
	if c.Int("workers") < 0 {
		return o, usagef("--workers %d: want 0 (GOMAXPROCS) or more", c.Int("workers"))
	}
	if c.String("backend") == "" {
		p.Backends, err = bench.DefaultBackends(c.Int("workers"))
	} else {
		p.Backends, err = bench.ParseBackends([]string{c.String("backend")}, c.Int("workers"))
	}
	if err != nil {
		return o, usagef("--backend: %v", err)
	}
	if p.Groups < 1 || p.Groups > 1<<31-1 {
		return o, usagef("--groups %d: want 1 to 2147483647", p.Groups)
	}
	if p.Columns < 1 {
		return o, usagef("--columns %d: want 1 or more", p.Columns)
	}
	if p.Time <= 0 {
		return o, usagef("--time %v: want a positive duration such as 100ms", p.Time)
	}
	if p.Count < 1 {
		return o, usagef("--count %d: want 1 or more", p.Count)
	}
	if o.format, err = parseFormat(c.String("format"), runFormats); err != nil {
		return o, err
	}
	o.output = c.String("output")
	switch rs := c.String("roofline-size"); rs {
	case "auto":
		o.roofline = caches.DRAMTarget()
	case "0":
	default:
		z, err := bench.ParseSize(rs, caches)
		if err != nil || z.Bytes == 0 {
			return o, usagef("--roofline-size %q: want auto, 0 or a byte size such as 256MiB", rs)
		}
		o.roofline = z.Bytes
	}
	o.plan = p
	return o, nil
}

func parseFormat(f string, valid []string) (string, error) {
	f = strings.ToLower(strings.TrimSpace(f))
	if f == "md" {
		f = "markdown"
	}
	for _, v := range valid {
		if f == v {
			return f, nil
		}
	}
	return "", usagef("--format: unknown format %q (valid: %s)", f, strings.Join(valid, ", "))
}

func runAction(c *cli.Context) error {
	o, err := parseRun(c)
	if err != nil {
		return err
	}
	rep, err := measure(c.Context, o, c.App.ErrWriter)
	if werr := emitRun(c.App.Writer, o.format, o.output, rep); werr != nil {
		return werr
	}
	if errors.Is(err, context.Canceled) {
		return cli.Exit("interrupted: printed what was measured", exitInterrupted)
	}
	if err != nil {
		return failf("%v", err)
	}
	return nil
}

// measure runs the plan of o and returns the report; on an interruption
// the report holds what was measured and the error is ctx's.
func measure(ctx context.Context, o runOptions, stderr io.Writer) (*bench.Report, error) {
	p := o.plan
	rep := &bench.Report{
		Schema:  bench.Schema,
		Machine: bench.HostMachine(true),
		Config: bench.Config{TimeNs: p.Time.Nanoseconds(), Count: p.Count, Seed: p.Seed,
			Groups: p.Groups, Columns: p.Columns},
		Notes:   []string{},
		Results: []bench.Result{},
	}
	p.ClockGHz = rep.Machine.ClockGHzEst
	pr := newProgress(stderr)
	defer pr.clear()
	if o.roofline > 0 {
		pr.update(0, 1, "roofline: streaming read of "+bench.FormatBytes(o.roofline))
		var err error
		rep.Roofline, err = bench.MeasureRoofline(ctx, o.roofline, 0, 300*time.Millisecond)
		if err != nil {
			rep.Interrupted = true
			return rep, err
		}
		p.Roofline = rep.Roofline
	}
	if p.Caches.LLC >= bench.MaxDRAMBytes/2 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("the last level cache is reported as %s: inputs are limited to %s, which it may partly hold",
			bench.FormatBytes(p.Caches.LLC), bench.FormatBytes(bench.MaxDRAMBytes)))
	}
	res, notes, err := bench.Run(ctx, p, pr.update)
	pr.clear()
	rep.Notes = append(rep.Notes, notes...)
	rep.Results = append(rep.Results, res...)
	bench.FillSpeedups(rep.Results)
	rep.PeakRSSBytes = bench.PeakRSS()
	for _, n := range rep.Notes {
		fmt.Fprintln(stderr, "kbench: note:", n)
	}
	if err != nil {
		rep.Interrupted = errors.Is(err, context.Canceled)
	}
	return rep, err
}

// emitRun writes the report in format to the output file, or to stdout
// when there is none; with a file, stdout gets the table as well.
func emitRun(stdout io.Writer, format, output string, rep *bench.Report) error {
	if output == "" {
		return writeRun(stdout, format, rep)
	}
	f, err := os.Create(output)
	if err != nil {
		return failf("--output: %v", err)
	}
	werr := writeRun(f, format, rep)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return failf("--output: %v", werr)
	}
	if format == "table" {
		return nil
	}
	return writeRun(stdout, "table", rep)
}
