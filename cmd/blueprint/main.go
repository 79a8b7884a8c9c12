// Command blueprint is the command-line interface of Blueprint: it loads
// energy-system models, builds and solves their linear programmes with
// COIN-OR Clp, and writes the results.
//
// Each subcommand lives in its own file as
//
//	func runX(ctx context.Context, args []string, stdout, stderr io.Writer) error
//
// and is listed in [commands]. main maps the returned error to an exit code:
// 0 success, 1 failure, 2 bad input or usage, 3 infeasible or unbounded,
// 4 a time or iteration limit reached.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand of the CLI.
type command struct {
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
	summary string
}

// commands lists every subcommand. Keep one line per command.
var commands = map[string]command{
	"solve":    {runSolve, "solve an LP from a free MPS file (.mps or .mps.gz) with Clp"},
	"export":   {runExport, "write a model's LP as free MPS with the reference's names"},
	"run":      {runRun, "build and solve a model, with scenarios and policy knobs (default: the embedded Beijing model)"},
	"version":  {runVersion, "print Blueprint, Go and Clp versions"},
	"validate": {runValidate, "check a model's data and list every problem"},
	"inspect":  {runInspect, "show a model's sets, parameters and units"},
	"convert":  {runConvert, "convert a model between otoole CSV, MathProg and Excel"},

	"macc":      {runMACC, "marginal abatement cost curve from a carbon-price sweep (warm re-solves)"},
	"wedges":    {runWedges, "emission wedges between a reference and a policy run, by measure or sector"},
	"decompose": {runDecompose, "LMDI decomposition of the change in emissions between two years"},
	"impacts":   {runImpacts, "output, value added and jobs by IO sector, household energy burden, of a run vs a reference"},
	"data":      {runData, "write the embedded Beijing model and scenarios as CSV (blueprint data beijing --out DIR)"},
	"report":    {runReport, "the blueprint report (HTML, PDF with --pdf; English and Chinese) from runs or the embedded scenarios"},
}

// Exit codes of the CLI (documented in README.md).
const (
	exitOK         = 0
	exitFailure    = 1
	exitInput      = 2
	exitInfeasible = 3
	exitLimit      = 4
)

// exitError carries an exit code chosen by a subcommand.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// withCode wraps err so that main exits with code. A nil err stays nil.
func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

// usageErrorf reports bad input or usage (exit code 2).
func usageErrorf(format string, a ...any) error {
	return &exitError{code: exitInput, err: fmt.Errorf(format, a...)}
}

// errSilent is returned when the subcommand already printed what the user
// needs (for example a --json object) and only the exit code remains.
var errSilent = errors.New("")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// dispatch runs the subcommand named by args[0] and returns the exit code.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return exitInput
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "blueprint: unknown command %q\n", args[0])
		usage(stderr)
		return exitInput
	}
	err := cmd.run(ctx, args[1:], stdout, stderr)
	return exitCode(err, stderr)
}

// exitCode prints err (unless silent) and maps it to an exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	code := exitFailure
	if errors.As(err, &ee) {
		code = ee.code
	}
	if !errors.Is(err, errSilent) && err.Error() != "" {
		fmt.Fprintf(stderr, "blueprint: %v\n", err)
	}
	return code
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: blueprint <command> [arguments] [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'blueprint <command> -h' for a command's flags.")
}
