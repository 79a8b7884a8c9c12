package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"blueprint/model"
)

// problemJSON is one problem in `blueprint validate --json` (docs/cli-json.md).
type problemJSON struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Field   string `json:"field,omitempty"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// validateJSON is the object printed by `blueprint validate --json`.
type validateJSON struct {
	Paths    []string      `json:"paths"`
	Valid    bool          `json:"valid"`
	Errors   []problemJSON `json:"errors"`
	Warnings []problemJSON `json:"warnings"`
}

// kinds names the sentinel errors in JSON output.
var kinds = []struct {
	err  error
	name string
}{
	{model.ErrUnknownElement, "unknown_element"},
	{model.ErrUnknownName, "unknown_name"},
	{model.ErrArity, "arity"},
	{model.ErrDuplicate, "duplicate"},
	{model.ErrNotNumber, "not_number"},
	{model.ErrNotInteger, "not_integer"},
	{model.ErrDomain, "domain"},
	{model.ErrInconsistent, "inconsistent"},
	{model.ErrUnsupported, "unsupported"},
	{model.ErrSyntax, "syntax"},
}

func kindOf(err error) string {
	for _, k := range kinds {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return "other"
}

func toJSON(l model.ErrorList) []problemJSON {
	out := make([]problemJSON, 0, len(l))
	for _, e := range l {
		msg := ""
		if e.Err != nil {
			msg = e.Err.Error()
		}
		out = append(out, problemJSON{File: e.File, Line: e.Line, Col: e.Col, Field: e.Field, Kind: kindOf(e), Message: msg})
	}
	return out
}

// asErrorList returns the positioned problems in err, if it carries any.
func asErrorList(err error) (model.ErrorList, bool) {
	var l model.ErrorList
	if errors.As(err, &l) {
		return l, true
	}
	var pe *model.PosError
	if errors.As(err, &pe) {
		return model.ErrorList{pe}, true
	}
	return nil, false
}

// runValidate implements `blueprint validate PATH... [--json]`: it loads the
// model, checks it and lists every error and warning. Exit 0 when there is no
// error (warnings allowed), 2 otherwise.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint validate PATH... [--json]\n\nPATH is an otoole folder, an Excel workbook or MathProg data files (read in order).")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return usageErrorf("validate: no model given")
	}
	m, warns, err := loadModelWarn(paths)
	var errs model.ErrorList
	if err != nil {
		l, ok := asErrorList(err)
		if !ok {
			return err
		}
		errs = l
	} else {
		e, w := model.Validate(m)
		errs = e
		warns = append(warns, w...)
		warns.Sort()
	}
	if *asJSON {
		out := validateJSON{Paths: paths, Valid: len(errs) == 0, Errors: toJSON(errs), Warnings: toJSON(warns)}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("validate: %w", err)
		}
	} else {
		for _, e := range errs {
			fmt.Fprintf(stdout, "error: %v\n", e)
		}
		for _, w := range warns {
			fmt.Fprintf(stdout, "warning: %v\n", w)
		}
		fmt.Fprintf(stdout, "%s: %d errors, %d warnings\n", modelLabel(paths), len(errs), len(warns))
	}
	if len(errs) > 0 {
		return withCode(exitInput, errSilent)
	}
	return nil
}

func modelLabel(paths []string) string {
	if len(paths) == 1 {
		return paths[0]
	}
	return fmt.Sprintf("%s (+%d files)", paths[0], len(paths)-1)
}
