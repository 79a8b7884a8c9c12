package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"blueprint/model"
)

// inspectJSON is the object printed by `blueprint inspect --json`.
type inspectJSON struct {
	Name   string      `json:"name"`
	Units  model.Units `json:"units"`
	Sets   []setJSON   `json:"sets"`
	Params []paramJSON `json:"params"`
}

type setJSON struct {
	Name  string   `json:"name"`
	Size  int      `json:"size"`
	Elems []string `json:"elements"`
}

type paramJSON struct {
	Name       string   `json:"name"`
	Indices    []string `json:"indices"`
	Rows       int      `json:"rows"`        // explicit rows
	NonDefault int      `json:"non_default"` // explicit rows whose value differs from the default
	Default    *float64 `json:"default"`     // null when the default comes from another parameter
	Unit       string   `json:"unit"`
}

// runInspect implements `blueprint inspect PATH...`: sets with their sizes,
// parameters with their explicit and non-default row counts, and units.
func runInspect(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object")
	all := fs.Bool("all", false, "list parameters that have no rows too")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint inspect PATH... [--all] [--json]")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return usageErrorf("inspect: no model given")
	}
	m, err := loadModel(paths)
	if err != nil {
		if _, ok := asErrorList(err); ok {
			return withCode(exitInput, fmt.Errorf("inspect: %w", err))
		}
		return err
	}
	out := inspectJSON{Name: m.Name, Units: m.Units}
	for _, s := range m.Sets() {
		out.Sets = append(out.Sets, setJSON{Name: s.Name, Size: s.Len(), Elems: s.Elems})
	}
	for _, p := range m.Params() {
		pj := paramJSON{Name: p.Name, Indices: p.Indices, Rows: p.NumEntries(), Unit: m.UnitOf(p)}
		if p.DefaultFrom == "" {
			d := p.Default
			pj.Default = &d
		}
		for i := range p.NumEntries() {
			key, v := p.Entry(i)
			if v != p.DefaultAt(key) {
				pj.NonDefault++
			}
		}
		if pj.Rows > 0 || *all {
			out.Params = append(out.Params, pj)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(stdout, "model %s\n", m.Name)
	u := m.Units
	fmt.Fprintf(stdout, "units: energy %s, power %s, money %s, emissions %s\n",
		orNone(u.Energy), orNone(u.Power), orNone(u.Money), orNone(u.Emissions))
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nSET\tSIZE\tELEMENTS")
	for _, s := range out.Sets {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", s.Name, s.Size, preview(s.Elems, 6))
	}
	fmt.Fprintln(tw, "\nPARAMETER\tROWS\tNON-DEFAULT\tDEFAULT\tUNIT\tINDICES")
	for _, p := range out.Params {
		def := "=" + m.Param(p.Name).DefaultFrom
		if p.Default != nil {
			def = model.FormatValue(*p.Default)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", p.Name, p.Rows, p.NonDefault, def, orDash(p.Unit), strings.Join(p.Indices, ","))
	}
	return tw.Flush()
}

func preview(elems []string, n int) string {
	if len(elems) <= n {
		return strings.Join(elems, " ")
	}
	return strings.Join(elems[:n], " ") + fmt.Sprintf(" ... (+%d)", len(elems)-n)
}

func orNone(s string) string {
	if s == "" {
		return "(not declared)"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
