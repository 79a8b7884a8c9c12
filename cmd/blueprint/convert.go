package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"blueprint/mathprog"
	"blueprint/model"
	"blueprint/otoole"
	"blueprint/xlsx"
)

// runConvert implements `blueprint convert IN... OUT [--to csv|datafile|xlsx]`:
// it reads a model (see loadModel) and writes it in another format. Without
// --to the format follows OUT: a directory or a name without extension is an
// otoole CSV folder, .txt/.dat a MathProg data file, .xlsx an Excel workbook.
func runConvert(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	to := fs.String("to", "", "output format: csv, datafile or xlsx (default: from OUT)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint convert IN... OUT [--to csv|datafile|xlsx]")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(paths) < 2 {
		fs.Usage()
		return usageErrorf("convert: need an input and an output path")
	}
	in, out := paths[:len(paths)-1], paths[len(paths)-1]
	format := *to
	if format == "" {
		format, err = outputFormat(out)
		if err != nil {
			return err
		}
	}
	write, ok := writers[format]
	if !ok {
		if format == "xlsx" {
			return fmt.Errorf("convert: writing Excel workbooks is not supported by this build yet")
		}
		return usageErrorf("convert: --to %q: want csv, datafile or xlsx", format)
	}
	m, err := loadModel(in)
	if err != nil {
		if _, ok := asErrorList(err); ok {
			return withCode(exitInput, fmt.Errorf("convert: %w", err))
		}
		return err
	}
	if err := write(out, m); err != nil {
		return fmt.Errorf("convert: %w", err)
	}
	fmt.Fprintf(stderr, "wrote %s (%s)\n", out, format)
	return nil
}

// outputFormat infers the format from the output path.
func outputFormat(out string) (string, error) {
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return "csv", nil
	}
	switch ext := strings.ToLower(filepath.Ext(out)); ext {
	case "":
		return "csv", nil
	case ".txt", ".dat":
		return "datafile", nil
	case ".xlsx":
		return "xlsx", nil
	default:
		return "", usageErrorf("convert: cannot tell the format of %s from %q; use --to csv|datafile|xlsx", out, ext)
	}
}

// writers maps an output format to its writer.
var writers = map[string]func(path string, m *model.Model) error{
	"csv":      otoole.WriteDir,
	"datafile": mathprog.WriteFile,
	"xlsx":     xlsx.Write,
}
