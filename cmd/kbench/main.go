// Command kbench measures the kbench kernels on this machine: scalar,
// SIMD, multicore and GPU throughput side by side.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/kbench/kbench/dispatch"
	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{
		Name:  "kbench",
		Usage: "measure numeric reduction kernels on this hardware",
		Commands: []*cli.Command{
			{
				Name:   "info",
				Usage:  "print the CPU, its features and the kernel levels it supports",
				Action: info,
			},
		},
	}
	if err := app.Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "kbench:", err)
		os.Exit(2)
	}
}

func info(*cli.Context) error {
	c := dispatch.Host()
	def, err := dispatch.Default()
	if err != nil {
		return err
	}
	levels := make([]string, len(c.Levels))
	for i, l := range c.Levels {
		levels[i] = l.String()
	}
	fmt.Printf("cpu:       %s\n", c.Brand)
	fmt.Printf("arch:      %s/%s, %d logical cores, GOMAXPROCS %d\n", runtime.GOOS, c.Arch, c.Logical, runtime.GOMAXPROCS(0))
	fmt.Printf("features:  %s\n", strings.Join(c.Features, " "))
	fmt.Printf("levels:    %s\n", strings.Join(levels, " "))
	fmt.Printf("selected:  %s\n", def)
	return nil
}
