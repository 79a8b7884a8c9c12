package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"blueprint/lp"
	"blueprint/osemosys"
	"blueprint/results"
)

// runExport implements "blueprint export MODEL... --mps FILE": write the
// generated LP, with the reference's row and column names, as free MPS
// (gzip-compressed when FILE ends in .gz), for any LP solver.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	mps := fs.String("mps", "", "write the LP as free MPS to this `file` (.mps or .mps.gz)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint export MODEL... --mps FILE")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if *mps == "" {
		return usageErrorf("export: --mps FILE is required")
	}
	if len(paths) == 0 {
		return usageErrorf("export: no model given")
	}
	m, err := loadModel(paths)
	if err != nil {
		return withCode(exitInput, fmt.Errorf("export: %w", err))
	}
	l, err := osemosys.Build(m)
	if err != nil {
		return withCode(exitInput, fmt.Errorf("export: %w", err))
	}
	write := func(w io.Writer) error {
		if !strings.HasSuffix(*mps, ".gz") {
			return lp.WriteMPS(w, l.Problem)
		}
		zw := gzip.NewWriter(w)
		if err := lp.WriteMPS(zw, l.Problem); err != nil {
			return err
		}
		return zw.Close()
	}
	if err := results.WriteFileAtomic(*mps, write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d rows, %d columns, %d nonzeros\n", *mps, l.Problem.NumRows(), l.Problem.NumCols(), l.Problem.NumNonzeros())
	return nil
}
