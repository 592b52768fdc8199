package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kbench/kbench/internal/bench"
	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func plotCommand() *cli.Command {
	return &cli.Command{
		Name:      "plot",
		Usage:     "draw throughput against size per backend, with the measured roofline",
		ArgsUsage: "RESULTS.json",
		Description: "plot draws, for each kernel and element type of a `kbench run --format json`\n" +
			"file, the throughput (GB/s) against the working set (both log scales), one line\n" +
			"per backend, with the streaming-read roofline of one thread and of all threads\n" +
			"as horizontal lines. The output format follows the file name: .svg, .png, .pdf.",
		OnUsageError: usageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "the image `FILE` (.svg, .png or .pdf)"},
			&cli.StringFlag{Name: "kernel", Aliases: []string{"k"}, Usage: "comma list of kernels to draw (default: all in the file)"},
		},
		Action: plotAction,
	}
}

func plotAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("plot wants one file, RESULTS.json; got %d argument(s)", c.NArg())
	}
	out := c.String("output")
	if err := checkImageName(out); err != nil {
		return err
	}
	b, err := os.ReadFile(c.Args().First())
	if err != nil {
		return usagef("plot: %v", err)
	}
	var rep bench.Report
	if err := json.Unmarshal(b, &rep); err != nil || rep.Schema != bench.Schema {
		return usagef("plot: %s is not a %s JSON run (write one with kbench run --format json)", c.Args().First(), bench.Schema)
	}
	var keep map[string]bool
	if k := c.String("kernel"); k != "" {
		keep = map[string]bool{}
		for _, s := range strings.Split(k, ",") {
			keep[strings.TrimSpace(s)] = true
		}
	}
	if err := plotRun(&rep, keep, out); err != nil {
		return failf("plot: %v", err)
	}
	return nil
}

func checkImageName(name string) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".svg", ".png", ".pdf":
		return nil
	}
	return usagef("output %q: want a file name ending in .svg, .png or .pdf", name)
}

// plotRun draws one panel per kernel and element type.
func plotRun(rep *bench.Report, keep map[string]bool, file string) error {
	type panelKey struct{ kernel, dtype string }
	var keys []panelKey
	series := map[panelKey]map[string]plotter.XYs{}
	order := map[string]int{}
	for _, r := range rep.Results {
		if keep != nil && !keep[r.Kernel] {
			continue
		}
		k := panelKey{r.Kernel, r.DType}
		if series[k] == nil {
			series[k] = map[string]plotter.XYs{}
			keys = append(keys, k)
		}
		name := r.Backend
		if _, ok := order[name]; !ok {
			order[name] = len(order)
		}
		series[k][name] = append(series[k][name], plotter.XY{X: float64(r.BytesPerOp), Y: r.GBps})
	}
	if len(keys) == 0 {
		return fmt.Errorf("no results to draw")
	}
	var plots []*plot.Plot
	for _, k := range keys {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("%s %s — %s", k.kernel, k.dtype, rep.Machine.CPU)
		p.X.Label.Text = "working set"
		p.Y.Label.Text = "GB/s"
		p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
		p.X.Tick.Marker = bytesTicks{}
		p.Y.Tick.Marker = decadeTicks{}
		p.Legend.Top = true
		p.Add(plotter.NewGrid())
		names := make([]string, 0, len(series[k]))
		for n := range series[k] {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool { return order[names[i]] < order[names[j]] })
		lo, hi := math.Inf(1), math.Inf(-1)
		ylo, yhi := math.Inf(1), math.Inf(-1)
		for _, n := range names {
			xys := series[k][n]
			sort.Slice(xys, func(i, j int) bool { return xys[i].X < xys[j].X })
			for _, xy := range xys {
				lo, hi = min(lo, xy.X), max(hi, xy.X)
				ylo, yhi = min(ylo, xy.Y), max(yhi, xy.Y)
			}
			i := order[n]
			l, s, err := plotter.NewLinePoints(xys)
			if err != nil {
				return err
			}
			l.Color, s.Color = plotutil.Color(i), plotutil.Color(i)
			l.Width = vg.Points(1.5)
			s.Shape = plotutil.Shape(i)
			p.Add(l, s)
			p.Legend.Add(n, l, s)
		}
		if err := addRoofline(p, rep.Roofline, lo, hi); err != nil {
			return err
		}
		// Room above the data for the legend (the axis is logarithmic).
		for _, v := range []float64{rep.Roofline.ReadGBps1T, rep.Roofline.ReadGBpsAll} {
			if v > 0 {
				ylo, yhi = min(ylo, v), max(yhi, v)
			}
		}
		p.Y.Min, p.Y.Max = ylo/1.5, yhi*math.Pow(2.2, float64(len(names)+2)/2)
		plots = append(plots, p)
	}
	return saveTiled(plots, file, vg.Length(7)*vg.Inch, vg.Length(4.5)*vg.Inch)
}

// addRoofline draws the read bandwidths as horizontal lines over [lo, hi].
func addRoofline(p *plot.Plot, rf bench.Roofline, lo, hi float64) error {
	for i, r := range []struct {
		gbps  float64
		label string
	}{
		{rf.ReadGBps1T, fmt.Sprintf("read roofline, 1 thread (%.1f GB/s)", rf.ReadGBps1T)},
		{rf.ReadGBpsAll, fmt.Sprintf("read roofline, %d threads (%.1f GB/s)", rf.Threads, rf.ReadGBpsAll)},
	} {
		if !(r.gbps > 0) {
			continue
		}
		l, err := plotter.NewLine(plotter.XYs{{X: lo, Y: r.gbps}, {X: hi, Y: r.gbps}})
		if err != nil {
			return err
		}
		l.Color = color.Gray{Y: uint8(60 + 60*i)}
		l.Width = vg.Points(1.5)
		l.Dashes = []vg.Length{vg.Points(6), vg.Points(3 + 3*float64(i))}
		p.Add(l)
		p.Legend.Add(r.label, l)
	}
	return nil
}

// bytesTicks marks powers of 4 bytes with binary units.
type bytesTicks struct{}

func (bytesTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for e := 0; e <= 50; e += 2 {
		v := math.Ldexp(1, e)
		if v < lo/1.01 || v > hi*1.01 {
			continue
		}
		ts = append(ts, plot.Tick{Value: v, Label: strings.ReplaceAll(bench.FormatBytes(int64(v)), " ", "")})
	}
	if len(ts) < 2 {
		ts = append(ts, plot.Tick{Value: lo, Label: bench.FormatBytes(int64(lo))}, plot.Tick{Value: hi, Label: bench.FormatBytes(int64(hi))})
	}
	return ts
}

// decadeTicks marks 1, 2 and 5 times the powers of ten.
type decadeTicks struct{}

func (decadeTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow(10, e)
			if v >= lo && v <= hi {
				ts = append(ts, plot.Tick{Value: v, Label: strconvG(v)})
			}
		}
	}
	return ts
}

func strconvG(v float64) string { return fmt.Sprintf("%g", v) }

// saveTiled stacks the plots vertically, each w by h, into file.
func saveTiled(plots []*plot.Plot, file string, w, h vg.Length) error {
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(file)), ".")
	c, err := draw.NewFormattedCanvas(w, h*vg.Length(len(plots)), format)
	if err != nil {
		return err
	}
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadY: vg.Points(12), PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
	grid := make([][]*plot.Plot, len(plots))
	for i, p := range plots {
		grid[i] = []*plot.Plot{p}
	}
	canvases := plot.Align(grid, tiles, draw.New(c))
	for i, p := range plots {
		p.Draw(canvases[i][0])
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// plotScale draws the speedup against the worker count, one line per size,
// with the ideal speedup.
func plotScale(rep *bench.Report, file string) error {
	if err := checkImageName(file); err != nil {
		return err
	}
	sp := speedups(rep.Results)
	p := plot.New()
	r0 := rep.Results[0]
	p.Title.Text = fmt.Sprintf("%s %s (%s) — %s", r0.Kernel, r0.DType, r0.Level, rep.Machine.CPU)
	p.X.Label.Text = "workers"
	p.Y.Label.Text = "speedup over 1 worker"
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	type line struct {
		label string
		xys   plotter.XYs
	}
	var lines []*line
	byN := map[int64]*line{}
	maxW := 1
	for i, r := range rep.Results {
		l := byN[r.N]
		if l == nil {
			label := bench.FormatBytes(r.BytesPerOp)
			if r.Size != "" {
				label = r.Size + " (" + label + ")"
			}
			l = &line{label: label}
			byN[r.N] = l
			lines = append(lines, l)
		}
		l.xys = append(l.xys, plotter.XY{X: float64(r.Workers), Y: sp[i]})
		maxW = max(maxW, r.Workers)
	}
	ideal, err := plotter.NewLine(plotter.XYs{{X: 1, Y: 1}, {X: float64(maxW), Y: float64(maxW)}})
	if err != nil {
		return err
	}
	ideal.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
	ideal.Color = color.Gray{Y: 100}
	p.Add(ideal)
	p.Legend.Add("ideal", ideal)
	for i, l := range lines {
		lp, s, err := plotter.NewLinePoints(l.xys)
		if err != nil {
			return err
		}
		lp.Color, s.Color, s.Shape = plotutil.Color(i), plotutil.Color(i), plotutil.Shape(i)
		lp.Width = vg.Points(1.5)
		p.Add(lp, s)
		p.Legend.Add(l.label, lp, s)
	}
	p.X.Min, p.Y.Min = 1, 0
	return p.Save(6*vg.Inch, 4*vg.Inch, file)
}
