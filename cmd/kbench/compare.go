package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kbench/kbench/internal/bench"
	"github.com/urfave/cli/v2"
)

func compareCommand() *cli.Command {
	return &cli.Command{
		Name:      "compare",
		Usage:     "compare two JSON runs row by row: time ratios, geometric mean, regressions",
		ArgsUsage: "OLD.json NEW.json",
		Description: "compare joins the results of two `kbench run --format json` files on (kernel,\n" +
			"dtype, n, groups, columns, backend) and prints, per row, the time per element\n" +
			"of NEW over OLD (below 1: NEW is faster) and their geometric mean. With\n" +
			"--by-class rows are joined on the backend class instead (naive, scalar, simd =\n" +
			"the best SIMD level of each run, multicore, gpu, peers) and on the named size\n" +
			"(l1, l2, llc, dram) instead of n, so that runs on different architectures\n" +
			"compare. --threshold 5% makes the exit status 1 when a row is more than 5%\n" +
			"slower in NEW.",
		OnUsageError: usageError,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "by-class", EnvVars: []string{"KBENCH_BY_CLASS"},
				Usage: "join on backend class and named size, for runs on different machines"},
			&cli.StringFlag{Name: "threshold", EnvVars: []string{"KBENCH_THRESHOLD"},
				Usage: "exit with status 1 when a row's time ratio exceeds 1 + `PCT` (5% or 0.05)"},
			formatFlag("table", "markdown", "json", "csv"),
		},
		Action: compareAction,
	}
}

// compareRow is one joined row.
type compareRow struct {
	Kernel    string  `json:"kernel"`
	DType     string  `json:"dtype"`
	Size      string  `json:"size"`
	OldN      int64   `json:"old_n"`
	NewN      int64   `json:"new_n"`
	Groups    int     `json:"groups"`
	Columns   int     `json:"columns"`
	Key       string  `json:"key"` // backend, or class with --by-class
	OldName   string  `json:"old_backend"`
	NewName   string  `json:"new_backend"`
	OldNs     float64 `json:"old_ns_per_op"`
	NewNs     float64 `json:"new_ns_per_op"`
	Ratio     float64 `json:"ratio"` // time per element, new over old
	Regressed bool    `json:"regressed"`
}

type compareReport struct {
	Schema    string       `json:"schema"`
	Old       string       `json:"old"`
	New       string       `json:"new"`
	ByClass   bool         `json:"by_class"`
	Threshold float64      `json:"threshold"`
	Geomean   float64      `json:"geomean"`
	OnlyOld   int          `json:"only_old"`
	OnlyNew   int          `json:"only_new"`
	Rows      []compareRow `json:"rows"`
}

func compareAction(c *cli.Context) error {
	if c.NArg() != 2 {
		return usagef("compare wants two files, OLD.json NEW.json; got %d argument(s)", c.NArg())
	}
	format, err := parseFormat(c.String("format"), []string{"table", "markdown", "json", "csv"})
	if err != nil {
		return err
	}
	threshold := -1.0
	if t := c.String("threshold"); t != "" {
		if threshold, err = parseThreshold(t); err != nil {
			return err
		}
	}
	oldPath, newPath := c.Args().Get(0), c.Args().Get(1)
	oldRep, err := readReport(oldPath)
	if err != nil {
		return err
	}
	newRep, err := readReport(newPath)
	if err != nil {
		return err
	}
	rep := compareReports(oldRep, newRep, c.Bool("by-class"), threshold)
	rep.Old, rep.New = oldPath, newPath
	if len(rep.Rows) == 0 {
		how := "(kernel, dtype, n, groups, columns, backend)"
		if rep.ByClass {
			how = "(kernel, dtype, size, groups, columns, class)"
		}
		return usagef("compare: %s and %s have no row in common on %s", oldPath, newPath, how)
	}
	if err := writeCompare(c.App.Writer, format, rep); err != nil {
		return failf("%v", err)
	}
	if threshold >= 0 {
		n := 0
		for _, r := range rep.Rows {
			if r.Regressed {
				n++
			}
		}
		if n > 0 {
			return failf("compare: %d row(s) slower by more than %s", n, pct(threshold))
		}
	}
	return nil
}

// parseThreshold reads "5%" or "0.05".
func parseThreshold(s string) (float64, error) {
	t := strings.TrimSpace(s)
	div := 1.0
	if strings.HasSuffix(t, "%") {
		t, div = strings.TrimSuffix(t, "%"), 100
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, usagef("--threshold %q: want a percentage such as 5%% or a fraction such as 0.05", s)
	}
	return v / div, nil
}

// readReport reads a run's JSON and checks its schema and fields.
func readReport(path string) (*bench.Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("compare: %v", err)
	}
	var rep bench.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, usagef("compare: %s is not a kbench JSON run: %v", path, err)
	}
	if rep.Schema != bench.Schema {
		return nil, usagef("compare: %s has schema %q, want %q (write it with kbench run --format json)", path, rep.Schema, bench.Schema)
	}
	for i, r := range rep.Results {
		if r.Kernel == "" || r.Backend == "" || r.N <= 0 || !(r.NsPerOp > 0) {
			return nil, usagef("compare: %s: results[%d] lacks kernel, backend, n or ns_per_op", path, i)
		}
	}
	return &rep, nil
}

type joinKey struct {
	kernel, dtype, size string
	groups, columns     int
	key                 string
}

func keyOf(r bench.Result, byClass bool) joinKey {
	k := joinKey{kernel: r.Kernel, dtype: r.DType, size: "n=" + itoa(r.N), groups: r.Groups, columns: r.Columns, key: r.Backend}
	if byClass {
		k.key = r.Class
		if k.key == "" {
			k.key = r.Backend
		}
		if r.Size != "" {
			k.size = r.Size
		}
	}
	return k
}

// compareReports joins the rows; threshold < 0 flags nothing.
func compareReports(oldRep, newRep *bench.Report, byClass bool, threshold float64) compareReport {
	rep := compareReport{Schema: "kbench.compare/v1", ByClass: byClass, Threshold: max(threshold, 0)}
	olds := map[joinKey]bench.Result{}
	for _, r := range oldRep.Results {
		olds[keyOf(r, byClass)] = r
	}
	matched := map[joinKey]bool{}
	logSum := 0.0
	for _, nr := range newRep.Results {
		k := keyOf(nr, byClass)
		or, ok := olds[k]
		if !ok || matched[k] {
			rep.OnlyNew++
			continue
		}
		matched[k] = true
		// Time per element, so that rows of different n (a named size on
		// different caches) compare.
		ratio := (nr.NsPerOp / float64(nr.N)) / (or.NsPerOp / float64(or.N))
		logSum += math.Log(ratio)
		rep.Rows = append(rep.Rows, compareRow{
			Kernel: nr.Kernel, DType: nr.DType, Size: k.size, OldN: or.N, NewN: nr.N,
			Groups: nr.Groups, Columns: nr.Columns, Key: k.key, OldName: or.Backend, NewName: nr.Backend,
			OldNs: or.NsPerOp, NewNs: nr.NsPerOp, Ratio: ratio,
			Regressed: threshold >= 0 && ratio > 1+threshold,
		})
	}
	rep.OnlyOld = len(olds) - len(matched)
	if len(rep.Rows) > 0 {
		rep.Geomean = math.Exp(logSum / float64(len(rep.Rows)))
	}
	return rep
}

func pct(f float64) string { return strconv.FormatFloat(100*f, 'f', -1, 64) + "%" }

func writeCompare(w io.Writer, format string, rep compareReport) error {
	if format == "json" {
		return writeJSON(w, rep)
	}
	keyName := "backend"
	if rep.ByClass {
		keyName = "class"
	}
	head := []string{"kernel", "dtype", "size", "groups", keyName, "old", "new", "old time/op", "new time/op", "new/old", "delta", ""}
	var rows [][]string
	for _, r := range rep.Rows {
		flag := ""
		if r.Regressed {
			flag = "REGRESSED"
		}
		size := r.Size
		if r.OldN != r.NewN {
			size += fmt.Sprintf(" (n %s → %s)", bench.FormatCount(r.OldN), bench.FormatCount(r.NewN))
		}
		rows = append(rows, []string{r.Kernel, r.DType, size, itoa(r.Groups), r.Key, r.OldName, r.NewName,
			fmtNs(r.OldNs), fmtNs(r.NewNs), fmt.Sprintf("%.3f", r.Ratio), fmt.Sprintf("%+.1f%%", 100*(r.Ratio-1)), flag})
	}
	summary := fmt.Sprintf("geomean new/old time per element: %.3f (%+.1f%%) over %d rows; %d only in old, %d only in new",
		rep.Geomean, 100*(rep.Geomean-1), len(rep.Rows), rep.OnlyOld, rep.OnlyNew)
	switch format {
	case "csv":
		fmt.Fprintln(w, "kernel,dtype,size,groups,"+keyName+",old_backend,new_backend,old_ns_per_op,new_ns_per_op,ratio,regressed")
		for _, r := range rep.Rows {
			fmt.Fprintf(w, "%s,%s,%s,%d,%s,%s,%s,%s,%s,%s,%t\n", r.Kernel, r.DType, r.Size, r.Groups, r.Key, r.OldName, r.NewName,
				ftoa(r.OldNs), ftoa(r.NewNs), ftoa(r.Ratio), r.Regressed)
		}
		return nil
	case "markdown":
		fmt.Fprintf(w, "**%s** vs **%s**\n\n", rep.Old, rep.New)
		if err := markdownTable(w, head, rows); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "\n%s\n", summary)
		return err
	}
	fmt.Fprintf(w, "old: %s\nnew: %s\n\n", rep.Old, rep.New)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", summary)
	return err
}
