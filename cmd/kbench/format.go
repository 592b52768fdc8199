package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/kbench/kbench/internal/bench"
)

// writeRun writes a run report in one of runFormats.
func writeRun(w io.Writer, format string, rep *bench.Report) error {
	switch format {
	case "json":
		return writeJSON(w, rep)
	case "csv":
		return writeRunCSV(w, rep)
	case "markdown":
		return writeRunMarkdown(w, rep)
	case "benchstat":
		return writeBenchstat(w, rep)
	}
	return writeRunTable(w, rep)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// csvHeader are the CSV columns: the JSON fields of a result, in order,
// without the per-repetition samples.
var csvHeader = []string{"kernel", "dtype", "n", "groups", "columns", "backend", "class", "level", "workers",
	"ns_per_op", "ns_min", "ns_max", "bytes_per_op", "gbps", "elems_per_sec", "speedup_vs_scalar",
	"roofline_frac", "allocs_per_op", "alloc_bytes_per_op", "size", "mem_level", "inputs", "elems_per_cycle", "ops"}

func writeRunCSV(w io.Writer, rep *bench.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, r := range rep.Results {
		rec := []string{r.Kernel, r.DType, itoa(r.N), itoa(r.Groups), itoa(r.Columns), r.Backend, r.Class, r.Level, itoa(r.Workers),
			ftoa(r.NsPerOp), ftoa(r.NsMin), ftoa(r.NsMax), itoa(r.BytesPerOp), ftoa(r.GBps), ftoa(r.ElemsPerSec),
			optf(r.SpeedupVsScalar), optf(r.RooflineFrac), ftoa(r.AllocsPerOp), ftoa(r.AllocBytesPerOp),
			r.Size, r.MemLevel, itoa(r.Inputs), optf(r.ElemsPerCycle), itoa(r.Ops)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func itoa[I int | int64](v I) string { return strconv.FormatInt(int64(v), 10) }
func ftoa(v float64) string          { return strconv.FormatFloat(v, 'g', -1, 64) }

// optf writes an optional number; empty when absent.
func optf(v *float64) string {
	if v == nil {
		return ""
	}
	return ftoa(*v)
}

// header is the summary above a table: machine and roofline.
func header(rep *bench.Report) []string {
	m := rep.Machine
	clock := "clock unknown"
	if m.ClockGHzEst > 0 {
		clock = fmt.Sprintf("clock ≈%.2f GHz (measured)", m.ClockGHzEst)
	}
	lines := []string{
		fmt.Sprintf("%s | %s/%s | %d logical cores, GOMAXPROCS %d | levels %s (selected %s) | %s | %s",
			m.CPU, m.OS, m.Arch, m.LogicalCores, m.GOMAXPROCS, strings.Join(m.Levels, " "), m.Selected, clock, m.GoVersion),
	}
	if rf := rep.Roofline; rf.ReadGBps1T > 0 {
		lines = append(lines, fmt.Sprintf("roofline: streaming read %.1f GB/s with 1 thread, %.1f GB/s with %d (buffer %s)",
			rf.ReadGBps1T, rf.ReadGBpsAll, rf.Threads, bench.FormatBytes(rf.Bytes)))
	}
	if rep.Interrupted {
		lines = append(lines, "INTERRUPTED: the results are those measured before Ctrl-C")
	}
	return lines
}

var tableHeader = []string{"kernel", "dtype", "size", "n", "backend", "workers", "time/op", "±", "GB/s",
	"elem/s", "elem/cycle", "vs scalar", "roofline", "allocs/op"}

// tableRow is a result as the human formats show it.
func tableRow(r bench.Result) []string {
	size := bench.FormatBytes(r.BytesPerOp)
	if r.Size != "" {
		size = r.Size + " " + size
	}
	spread := "-"
	if r.NsPerOp > 0 && r.NsMax > r.NsMin {
		spread = fmt.Sprintf("%.0f%%", 100*(r.NsMax-r.NsMin)/2/r.NsPerOp)
	}
	cyc, roof, speed := "-", "-", "-"
	if r.ElemsPerCycle != nil && r.MemLevel != "dram" {
		cyc = fmt.Sprintf("%.2f", *r.ElemsPerCycle)
	}
	if r.RooflineFrac != nil {
		roof = fmt.Sprintf("%.0f%%", 100**r.RooflineFrac)
	}
	if r.SpeedupVsScalar != nil {
		speed = fmt.Sprintf("%.2fx", *r.SpeedupVsScalar)
	}
	allocs := fmt.Sprintf("%.3g", r.AllocsPerOp)
	if r.AllocsPerOp == 0 {
		allocs = "0"
	}
	return []string{r.Kernel, r.DType, size, bench.FormatCount(r.N), r.Backend, itoa(r.Workers),
		fmtNs(r.NsPerOp), spread, fmt.Sprintf("%.2f", r.GBps), fmtRate(r.ElemsPerSec), cyc, speed, roof, allocs}
}

func writeRunTable(w io.Writer, rep *bench.Report) error {
	for _, l := range header(rep) {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(tableHeader, "\t"))
	prev := ""
	for _, r := range rep.Results {
		// A blank line between inputs keeps the backends of one input together.
		// (a row of empty cells: a line without tabs would reset the columns).
		if k := fmt.Sprint(r.Kernel, r.DType, r.N); prev != "" && k != prev {
			fmt.Fprintln(tw, strings.Repeat("\t", len(tableHeader)-1))
		}
		prev = fmt.Sprint(r.Kernel, r.DType, r.N)
		fmt.Fprintln(tw, strings.Join(tableRow(r), "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\npeak RSS %s. time/op is the median of %d runs of %v, ± half their spread; elem/cycle for cache-sized inputs uses the measured clock; roofline is the share of the streaming-read bandwidth for DRAM-sized inputs.\n",
		bench.FormatBytes(rep.PeakRSSBytes), rep.Config.Count, fmtNs(float64(rep.Config.TimeNs)))
	return err
}

func writeRunMarkdown(w io.Writer, rep *bench.Report) error {
	for _, l := range header(rep) {
		fmt.Fprintf(w, "%s  \n", l)
	}
	fmt.Fprintln(w)
	rows := make([][]string, len(rep.Results))
	for i, r := range rep.Results {
		rows[i] = tableRow(r)
	}
	return markdownTable(w, tableHeader, rows)
}

func markdownTable(w io.Writer, head []string, rows [][]string) error {
	fmt.Fprintf(w, "| %s |\n", strings.Join(head, " | "))
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = "---"
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(sep, " | "))
	for _, r := range rows {
		if _, err := fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | ")); err != nil {
			return err
		}
	}
	return nil
}

// writeBenchstat writes Go's benchmark format, one line per repetition,
// so that `benchstat old.txt new.txt` compares two runs. The name is
// Benchmark<Kernel>/<dtype>/n=<n>[/groups=<g>]/<backend>-<GOMAXPROCS>.
func writeBenchstat(w io.Writer, rep *bench.Report) error {
	m := rep.Machine
	fmt.Fprintf(w, "goos: %s\ngoarch: %s\npkg: github.com/kbench/kbench/cmd/kbench\ncpu: %s\n", m.OS, m.Arch, m.CPU)
	for _, r := range rep.Results {
		name := "Benchmark" + title(r.Kernel) + "/" + r.DType + "/n=" + itoa(r.N)
		if r.Groups > 0 {
			name += "/groups=" + itoa(r.Groups)
		}
		name += "/" + r.Backend + "-" + itoa(m.GOMAXPROCS)
		for i, ns := range r.SamplesNs {
			mbs := float64(r.BytesPerOp) / ns * 1e3
			if _, err := fmt.Fprintf(w, "%s\t%d\t%s ns/op\t%.2f MB/s\t%.0f B/op\t%.0f allocs/op\n",
				name, r.SamplesOps[i], strconv.FormatFloat(ns, 'f', -1, 64), mbs, r.AllocBytesPerOp, math.Round(r.AllocsPerOp)); err != nil {
				return err
			}
		}
	}
	return nil
}

func title(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// fmtNs writes a duration in ns with a unit that keeps 3 digits.
func fmtNs(ns float64) string {
	switch {
	case ns < 1e3:
		return fmt.Sprintf("%.3gns", ns)
	case ns < 1e6:
		return fmt.Sprintf("%.3gµs", ns/1e3)
	case ns < 1e9:
		return fmt.Sprintf("%.3gms", ns/1e6)
	}
	return fmt.Sprintf("%.3gs", ns/1e9)
}

// fmtRate writes a rate per second with a decimal prefix.
func fmtRate(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.2fG", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.2fK", v/1e3)
	}
	return fmt.Sprintf("%.2f", v)
}
