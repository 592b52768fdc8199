package main

import (
	"fmt"
	"strings"

	"github.com/kbench/kbench/internal/bench"
	"github.com/urfave/cli/v2"
)

func infoCommand() *cli.Command {
	return &cli.Command{
		Name:         "info",
		Usage:        "print the CPU, its caches and features, the kernel levels and the GPU",
		OnUsageError: usageError,
		Flags: []cli.Flag{
			formatFlag("table", "json"),
			&cli.BoolFlag{Name: "clock", Usage: "also estimate the core clock (50 ms)"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("info takes no arguments, got %q", c.Args().First())
			}
			f, err := parseFormat(c.String("format"), []string{"table", "json"})
			if err != nil {
				return err
			}
			m := bench.HostMachine(c.Bool("clock"))
			if f == "json" {
				return writeJSON(c.App.Writer, m)
			}
			writeInfo(c, m)
			return nil
		},
	}
}

func writeInfo(c *cli.Context, m bench.Machine) {
	w := c.App.Writer
	cache := func(b int64) string {
		if b <= 0 {
			return "unknown"
		}
		return bench.FormatBytes(b)
	}
	fmt.Fprintf(w, "cpu:         %s (%s)\n", m.CPU, m.Vendor)
	fmt.Fprintf(w, "system:      %s/%s, %d physical / %d logical cores, GOMAXPROCS %d, %s\n",
		m.OS, m.Arch, m.PhysicalCores, m.LogicalCores, m.GOMAXPROCS, m.GoVersion)
	fmt.Fprintf(w, "caches:      L1d %s, L2 %s, L3 %s\n", cache(m.L1DBytes), cache(m.L2Bytes), cache(m.L3Bytes))
	clock := "unknown"
	if m.BaseHz > 0 {
		clock = fmt.Sprintf("%.2f GHz base (cpuid)", float64(m.BaseHz)/1e9)
	}
	if m.ClockGHzEst > 0 {
		clock += fmt.Sprintf(", ≈%.2f GHz measured", m.ClockGHzEst)
	}
	fmt.Fprintf(w, "clock:       %s\n", clock)
	fmt.Fprintf(w, "features:    %s\n", strings.Join(m.Features, " "))
	fmt.Fprintf(w, "levels:      %s\n", strings.Join(m.Levels, " "))
	sel := m.Selected
	if m.SelectedError != "" {
		sel += " (" + m.SelectedError + ")"
	}
	fmt.Fprintf(w, "selected:    %s\n", sel)
	if m.GPU.Usable {
		fmt.Fprintf(w, "gpu:         %s, %s, driver %s\n", m.GPU.Name, bench.FormatBytes(m.GPU.MemoryBytes), m.GPU.Driver)
	} else {
		fmt.Fprintf(w, "gpu:         none usable: %s\n", m.GPU.Reason)
	}
	k := bench.HostCaches()
	fmt.Fprintf(w, "sizes:       l1 %s, l2 %s, llc %s, dram %s (working set per operation)\n",
		bench.FormatBytes(k.L1Target()), bench.FormatBytes(k.L2Target()), bench.FormatBytes(k.LLCTarget()), bench.FormatBytes(k.DRAMTarget()))
}
