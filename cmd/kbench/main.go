// Command kbench measures the kbench kernels on this machine: naive Go,
// scalar, SIMD, multicore and peer libraries side by side, against the
// measured memory roofline. `kbench` alone runs `kbench run` with defaults
// that finish in about a minute; docs/kbench.md describes every command
// and the output formats.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/urfave/cli/v2"
)

// Exit statuses.
const (
	exitOK          = 0
	exitFail        = 1   // verify found a failure, compare a regression, or the run failed
	exitUsage       = 2   // bad command line or input file
	exitInterrupted = 130 // stopped by Ctrl-C after printing what was measured
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args (args[0] is the program name) and
// returns the exit status. Everything it prints goes to stdout and stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, flagsFirst(app, args))
	if err == nil {
		return exitOK
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		if msg := strings.TrimSpace(err.Error()); msg != "" {
			fmt.Fprintln(stderr, "kbench:", msg)
		}
		return ec.ExitCode()
	}
	// Anything else comes from parsing the command line.
	fmt.Fprintln(stderr, "kbench:", err)
	return exitUsage
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "kbench",
		Usage: "measure numeric reduction kernels on this hardware",
		Description: "kbench measures sum, mean, variance and group-by kernels on naive Go loops, the\n" +
			"kbench scalar, SIMD and multicore backends and peer libraries (gonum, vek),\n" +
			"against the streaming-read bandwidth of this machine. With no command it runs\n" +
			"`kbench run` with defaults that finish in about a minute.",
		Writer:          stdout,
		ErrWriter:       stderr,
		DefaultCommand:  "run",
		HideHelpCommand: true,
		// Errors are printed and turned into exit statuses by run, never by
		// os.Exit inside the library.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   usageError,
		Commands: []*cli.Command{
			runCommand(),
			infoCommand(),
			verifyCommand(),
			compareCommand(),
			scaleCommand(),
			plotCommand(),
		},
		Action: func(c *cli.Context) error {
			names := []string{}
			for _, cmd := range c.App.Commands {
				names = append(names, cmd.Name)
			}
			return usagef("unknown command %q (valid: %s)", c.Args().First(), strings.Join(names, ", "))
		},
	}
}

// usagef returns an error that exits with status 2 after printing its
// one-line message.
func usagef(format string, args ...any) error {
	return cli.Exit(fmt.Sprintf(format, args...), exitUsage)
}

// failf returns an error that exits with status 1.
func failf(format string, args ...any) error {
	return cli.Exit(fmt.Sprintf(format, args...), exitFail)
}

// usageError makes flag parsing errors exit with status 2 and one line.
func usageError(c *cli.Context, err error, _ bool) error {
	name := "kbench"
	if c.Command != nil && c.Command.Name != "" {
		name += " " + c.Command.Name
	}
	return usagef("%v (see %s --help)", err, name)
}

// flagsFirst moves the flags of a command that takes file arguments
// before those arguments: urfave/cli stops parsing flags at the first
// argument, and `kbench compare OLD NEW --threshold 5%` should work.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil || cmd.ArgsUsage == "" {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, rest []string
	for i := 2; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	if len(rest) > 0 {
		out = append(append(out, "--"), rest...)
	}
	return out
}
