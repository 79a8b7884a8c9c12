package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"blueprint/abatement"
	"blueprint/chart"
	"blueprint/results"
)

// wedgesResult is the --json output of blueprint wedges (docs/cli-json.md).
type wedgesResult struct {
	Reference string `json:"reference_run"`
	Policy    string `json:"policy_run"`
	*abatement.WedgeTable
	Out string `json:"out,omitempty"`
}

// runWedges implements "blueprint wedges REFERENCE POLICY": the emission gap
// between two run folders, year by year, split by measure or sector.
func runWedges(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("wedges", flag.ContinueOnError)
	emission := fs.String("emission", "CO2", "the `emission` compared")
	by := fs.String("by", "measure", "split the gap `by` measure, sector or technology")
	out := fs.String("out", "", "write wedges.csv, wedges_iamc.csv and wedges.svg into `dir`")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint wedges REFERENCE POLICY [flags]\n\nREFERENCE and POLICY are run folders written by blueprint run --out.")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(paths) != 2 {
		return usageErrorf("wedges: want two run folders (REFERENCE POLICY), got %d", len(paths))
	}
	if _, err := abatementGroupBy(*by); err != nil {
		return err
	}
	var runs [2]*results.Results
	for k, p := range paths {
		if runs[k], err = results.ReadDir(p); err != nil {
			return withCode(exitInput, fmt.Errorf("wedges: %w", err))
		}
	}
	w, err := abatement.Wedges(runs[0], runs[1], *emission, *by)
	if err != nil {
		return usageErrorf("wedges: --emission %s: %v", *emission, err)
	}
	res := wedgesResult{Reference: paths[0], Policy: paths[1], WedgeTable: w}
	if *out != "" {
		if err := writeWedges(*out, w, runs[0], runs[1]); err != nil {
			return fmt.Errorf("wedges: %w", err)
		}
		res.Out = *out
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "%s wedges by %s: %s − %s", w.Emission, w.By, paths[0], paths[1])
	if w.Unit != "" {
		fmt.Fprintf(stdout, " (%s)", w.Unit)
	}
	fmt.Fprintln(stdout)
	tw := 10
	for _, g := range w.Wedges {
		tw = max(tw, len(g.Group))
	}
	fmt.Fprintf(stdout, "%-*s", tw, "")
	for _, y := range w.Years {
		fmt.Fprintf(stdout, " %10s", y)
	}
	fmt.Fprintln(stdout)
	scale := 0.0
	for j := range w.Years {
		scale = max(scale, math.Abs(w.Reference[j]), math.Abs(w.Policy[j]))
	}
	row := func(name string, v []float64) {
		fmt.Fprintf(stdout, "%-*s", tw, name)
		for _, x := range v {
			if math.Abs(x) < 1e-12*scale {
				x = 0 // rounding noise; --json and the CSV keep it
			}
			fmt.Fprintf(stdout, " %10.4g", x)
		}
		fmt.Fprintln(stdout)
	}
	row("reference", w.Reference)
	row("policy", w.Policy)
	row("gap", w.Gap)
	for _, g := range w.Wedges {
		row(g.Group, g.Values)
	}
	if *out != "" {
		fmt.Fprintf(stdout, "written    %s\n", *out)
	}
	return nil
}

// writeWedges writes the tidy table, its IAMC form and the chart into dir.
func writeWedges(dir string, w *abatement.WedgeTable, ref, pol *results.Results) error {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	rows := [][]string{{"YEAR", strings.ToUpper(w.By), "EMISSION", "VALUE", "UNIT"}}
	for j, y := range w.Years {
		rows = append(rows, []string{y, "(gap)", w.Emission, f(w.Gap[j]), w.Unit})
		for _, g := range w.Wedges {
			rows = append(rows, []string{y, g.Group, w.Emission, f(g.Values[j]), w.Unit})
		}
	}
	if err := abatementWriteCSV(filepath.Join(dir, "wedges.csv"), rows); err != nil {
		return err
	}
	// IAMC: one variable per wedge, Emissions|<E>|Wedge|<group>, regions
	// summed ("World" unless both runs have one and the same region).
	model := ref.Model
	if model == "" {
		model = "blueprint"
	}
	scen := pol.Scenario
	if scen == "" {
		scen = "policy"
	}
	if ref.Scenario != "" {
		scen += " vs " + ref.Scenario
	}
	region := abatementRegion(ref, pol)
	err := abatementWriteFile(filepath.Join(dir, "wedges_iamc.csv"), func(out io.Writer) error {
		cw := csv.NewWriter(out)
		head := append([]string{"model", "scenario", "region", "variable", "unit"}, w.Years...)
		cw.Write(head)
		line := func(v string, vals []float64) {
			r := []string{model, scen, region, v, w.Unit}
			for _, x := range vals {
				r = append(r, f(x))
			}
			cw.Write(r)
		}
		line("Emissions|"+w.Emission+"|Wedge", w.Gap)
		for _, g := range w.Wedges {
			line("Emissions|"+w.Emission+"|Wedge|"+g.Group, g.Values)
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return err
	}
	d := chart.XY{
		Title:  fmt.Sprintf("%s wedges by %s (reference − policy)", w.Emission, w.By),
		XLabel: "Year",
		YLabel: abatementUnitLabel(w.Emission+" avoided", w.Unit),
	}
	var names []string
	for _, g := range w.Wedges {
		names = append(names, g.Group)
	}
	d.Palette = chart.NewPalette(names...)
	for _, y := range w.Years {
		v, err := strconv.ParseFloat(y, 64)
		if err != nil {
			return fmt.Errorf("year %q is not a number", y)
		}
		d.X = append(d.X, v)
	}
	for _, g := range w.Wedges {
		d.Series = append(d.Series, chart.Series{Name: g.Group, Values: g.Values})
	}
	if len(d.Series) == 0 || len(d.X) == 0 {
		return nil
	}
	return abatementWriteFile(filepath.Join(dir, "wedges.svg"), func(out io.Writer) error { return chart.StackedArea(out, d) })
}

// abatementRegion names the region of the runs' emissions: the one region
// when both runs have the same single region, else "World".
func abatementRegion(rs ...*results.Results) string {
	set := map[string]bool{}
	for _, r := range rs {
		if t := r.Table("AnnualEmissions"); t != nil {
			for i := 0; i < t.Len(); i++ {
				set[t.Key(i)[0]] = true
			}
		}
	}
	if len(set) == 1 {
		for r := range set {
			return r
		}
	}
	return "World"
}
