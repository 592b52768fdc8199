package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kbench/kbench/internal/bench"
	"github.com/urfave/cli/v2"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:  "verify",
		Usage: "check every level and worker count against the reference, bit for bit, and against exact sums",
		Description: "verify runs every kernel on every level this CPU supports with 1, 2 and\n" +
			"GOMAXPROCS workers, and compares each result bit for bit with the reference\n" +
			"(level generic, one worker), over random and adversarial inputs (offsets,\n" +
			"cancellation, NaN, Inf, -0, subnormals, lengths around the 32-lane and\n" +
			"4096-block boundaries, random start offsets). It also checks sum and var\n" +
			"against exact values (math/big) within the error bounds of docs/design.md's\n" +
			"order. The exit status is 1 on any failure.",
		OnUsageError: usageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dtype", Aliases: []string{"d"}, Value: "f32,f64", EnvVars: []string{"KBENCH_DTYPE"},
				Usage: "comma list of element types: f32, f64"},
			seedFlag,
			formatFlag("table", "json", "markdown"),
		},
		Action: verifyAction,
	}
}

func verifyAction(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("verify takes no arguments, got %q", c.Args().First())
	}
	dts, err := bench.ParseDTypes([]string{c.String("dtype")})
	if err != nil {
		return usagef("--dtype: %v", err)
	}
	format, err := parseFormat(c.String("format"), []string{"table", "json", "markdown"})
	if err != nil {
		return err
	}
	rows, err := bench.Verify(c.Context, dts, c.Uint64("seed"))
	if err != nil && !errors.Is(err, context.Canceled) {
		return failf("verify: %v", err)
	}
	failed := 0
	for _, r := range rows {
		if !r.OK() {
			failed++
		}
	}
	w := c.App.Writer
	switch format {
	case "json":
		if werr := writeJSON(w, struct {
			Schema  string            `json:"schema"`
			Machine bench.Machine     `json:"machine"`
			Passed  bool              `json:"passed"`
			Rows    []bench.VerifyRow `json:"rows"`
		}{"kbench.verify/v1", bench.HostMachine(false), failed == 0 && err == nil, rows}); werr != nil {
			return failf("%v", werr)
		}
	default:
		head := []string{"level", "workers", "dtype", "kernel", "cases", "bitwise", "bound", "first failure"}
		var out [][]string
		for _, r := range rows {
			bound := "-"
			if r.BoundCases > 0 {
				bound = passFail(r.BoundFail, r.BoundCases)
			}
			out = append(out, []string{r.Level, itoa(r.Workers), r.DType, r.Kernel, itoa(r.Cases),
				passFail(r.BitwiseFail, r.Cases), bound, r.Detail})
		}
		if format == "markdown" {
			if werr := markdownTable(w, head, out); werr != nil {
				return failf("%v", werr)
			}
		} else {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, strings.Join(head, "\t"))
			for _, r := range out {
				fmt.Fprintln(tw, strings.Join(r, "\t"))
			}
			tw.Flush()
		}
		fmt.Fprintf(w, "\n%d of %d rows failed (reference: level generic, 1 worker)\n", failed, len(rows))
	}
	if err != nil {
		return cli.Exit("interrupted", exitInterrupted)
	}
	if failed > 0 {
		return failf("verify: %d of %d rows failed", failed, len(rows))
	}
	return nil
}

func passFail(fail, total int) string {
	if fail == 0 {
		return "pass"
	}
	return fmt.Sprintf("FAIL %d/%d", fail, total)
}
