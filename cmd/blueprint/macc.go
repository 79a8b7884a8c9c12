package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"blueprint/abatement"
	"blueprint/chart"
	"blueprint/clp"
	"blueprint/lp"
	"blueprint/model"
	"blueprint/pathway"
	"blueprint/results"
)

// maccResult is the --json output of blueprint macc (docs/cli-json.md):
// the curve (model, emission, years, units, points in price order,
// attribution by technology) plus the chart's step increments by group.
type maccResult struct {
	*abatement.Curve
	By    string           `json:"by"`
	Steps []abatement.Step `json:"steps"`
	Out   string           `json:"out,omitempty"`
}

// runMACC implements "blueprint macc MODEL --prices 0:2000:50": a
// carbon-price sweep with warm re-solves, reported as a marginal abatement
// cost curve.
func runMACC(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	start := time.Now()
	fs := flag.NewFlagSet("macc", flag.ContinueOnError)
	pricesFlag := fs.String("prices", "", "carbon `prices`: START:STOP:STEP (e.g. 0:2000:50) or P1,P2,... increasing, in the model's money per emission unit")
	emission := fs.String("emission", "CO2", "the `emission` priced and counted")
	yearsFlag := fs.String("years", "cumulative", "`years` whose emissions count: cumulative (every model year) or Y1,Y2,...")
	by := fs.String("by", "measure", "colour the chart's steps `by` measure, sector or technology")
	out := fs.String("out", "", "write macc.csv, macc_attribution.csv, macc_steps.csv and macc.svg into `dir`")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	var sf scenarioFlags
	sf.add(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint macc [MODEL...] --prices START:STOP:STEP [flags]\n\nSolves MODEL at each carbon price (warm-started) and reports abatement against the zero-price solution.\nWith no MODEL: the embedded Beijing model's reference scenario (or --scenario NAME), emission CO2_TOT.")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if *pricesFlag == "" {
		return usageErrorf("macc: --prices is required (e.g. --prices 0:2000:50)")
	}
	prices, err := abatement.ParsePrices(*pricesFlag)
	if err != nil {
		return usageErrorf("macc: --prices: %v", err)
	}
	if _, err := abatementGroupBy(*by); err != nil {
		return err
	}
	var m *model.Model
	if len(paths) == 0 {
		// The embedded Beijing model: its reference scenario by default (a
		// scenario with a binding cap would make the price sweep moot).
		if sf.scenario == "" {
			sf.scenario = "reference"
		}
		jobs, err := beijingJobs(&sf, "")
		if err != nil {
			return err
		}
		m = jobs[0].m
		if !flagSet(fs, "emission") {
			*emission = bjPriced
		}
	} else {
		if m, err = loadModel(paths); err != nil {
			return withCode(exitInput, fmt.Errorf("macc: %w", err))
		}
		if errs, _ := model.Validate(m); len(errs) > 0 {
			return withCode(exitInput, fmt.Errorf("macc: %s has %s:\n%w", m.Name, plural(len(errs), "data error"), errs))
		}
		if m, err = sf.apply(m); err != nil {
			return err
		}
	}
	if m.Set("EMISSION").Len() == 0 {
		return usageErrorf("macc: %s has no emissions (its EMISSION set is empty): nothing to price", m.Name)
	}
	if _, ok := m.Set("EMISSION").Lookup(*emission); !ok {
		return usageErrorf("macc: --emission: %q is not an emission of %s (EMISSION: %s)", *emission, m.Name, strings.Join(m.Set("EMISSION").Elems, ", "))
	}
	var years []string
	if y := strings.TrimSpace(*yearsFlag); y != "cumulative" && y != "" {
		ys := m.Set("YEAR")
		for _, s := range strings.Split(y, ",") {
			s = strings.TrimSpace(s)
			if _, ok := ys.Lookup(s); !ok {
				return usageErrorf("macc: --years: %q is not one of %s's years (%s–%s) nor \"cumulative\"", s, m.Name, ys.Elems[0], ys.Elems[len(ys.Elems)-1])
			}
			years = append(years, s)
		}
	}

	progress := isTerminal(stderr) && !*asJSON
	sess := pathway.NewSession(func() (lp.Solver, error) { return clp.New() }, pathway.Options{})
	defer sess.Close()
	opt := abatement.MACCOptions{Emission: *emission, Years: years}
	if progress {
		opt.Progress = func(i, n int, p abatement.Point) {
			fmt.Fprintf(stderr, "price %d of %d: %g, %d iterations, abatement %.6g, elapsed %.1fs\n",
				i+1, n, p.Price, p.Iterations, p.Abatement, time.Since(start).Seconds())
		}
	}
	curve, err := abatement.MACC(ctx, m, sess, prices, opt)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("macc: interrupted: %w", err)
		}
		return fmt.Errorf("macc: %w", err)
	}
	steps, err := curve.Steps(*by)
	if err != nil {
		return usageErrorf("macc: --by: %v", err)
	}
	res := maccResult{Curve: curve, By: *by, Steps: steps}
	if *out != "" {
		if err := writeMACC(*out, curve, steps, *by); err != nil {
			return fmt.Errorf("macc: %w", err)
		}
		res.Out = *out
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printMACC(stdout, curve)
	if *out != "" {
		fmt.Fprintf(stdout, "written    %s\n", *out)
	}
	return nil
}

// abatementGroupBy checks a --by value.
func abatementGroupBy(by string) (string, error) {
	switch by {
	case "measure", "sector", "technology":
		return by, nil
	}
	return "", usageErrorf("--by: %q is not measure, sector or technology", by)
}

func printMACC(w io.Writer, c *abatement.Curve) {
	counted := "cumulative over " + c.Years[0] + "–" + c.Years[len(c.Years)-1]
	if !c.Cumulative {
		counted = "in " + strings.Join(c.Years, ", ")
	}
	fmt.Fprintf(w, "MACC of %s: %s emissions %s", c.Model, c.Emission, counted)
	if c.EmissionUnit != "" {
		fmt.Fprintf(w, " (%s)", c.EmissionUnit)
	}
	if c.PriceUnit != "" {
		fmt.Fprintf(w, ", price in %s", c.PriceUnit)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%12s %14s %14s %16s %10s %8s\n", "price", "emissions", "abatement", "objective", "iterations", "seconds")
	for _, p := range c.Points {
		fmt.Fprintf(w, "%12.6g %14.6g %14.6g %16.10g %10d %8.3f\n", p.Price, p.Emissions, p.Abatement, p.Objective, p.Iterations, p.Seconds)
	}
}

// writeMACC writes the curve's tables and chart into dir.
func writeMACC(dir string, c *abatement.Curve, steps []abatement.Step, by string) error {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	points := [][]string{{"PRICE", "EMISSIONS", "ABATEMENT", "OBJECTIVE", "ITERATIONS", "SECONDS", "WARM", "EMISSION", "PRICE_UNIT", "EMISSION_UNIT"}}
	for _, p := range c.Points {
		points = append(points, []string{f(p.Price), f(p.Emissions), f(p.Abatement), f(p.Objective), strconv.Itoa(p.Iterations),
			strconv.FormatFloat(p.Seconds, 'f', 4, 64), strconv.FormatBool(p.Warm), c.Emission, c.PriceUnit, c.EmissionUnit})
	}
	attr := [][]string{{"PRICE", "TECHNOLOGY", "SECTOR", "MEASURE", "ABATEMENT"}}
	for _, a := range c.Attribution {
		attr = append(attr, []string{f(a.Price), a.Technology, a.Sector, a.Measure, f(a.Abatement)})
	}
	st := [][]string{{"PRICE", strings.ToUpper(by), "ABATEMENT"}}
	for _, s := range steps {
		st = append(st, []string{f(s.Price), s.Group, f(s.Abatement)})
	}
	files := map[string][][]string{"macc.csv": points, "macc_attribution.csv": attr, "macc_steps.csv": st}
	for _, name := range []string{"macc.csv", "macc_attribution.csv", "macc_steps.csv"} {
		if err := abatementWriteCSV(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
	}
	cs := abatement.ChartSteps(steps)
	if len(cs) == 0 {
		return nil // no abatement at any price: nothing to draw
	}
	d := chart.MACC{
		Title:  fmt.Sprintf("%s: marginal abatement cost of %s", c.Model, c.Emission),
		XLabel: abatementUnitLabel("Abatement of "+c.Emission, c.EmissionUnit),
		YLabel: abatementUnitLabel("Carbon price", c.PriceUnit),
	}
	d.Palette = chart.NewPalette(c.Groups(by)...)
	for _, s := range cs {
		d.Steps = append(d.Steps, chart.Step{Name: s.Group, Group: s.Group, Width: s.Abatement, Height: s.Price})
	}
	return abatementWriteFile(filepath.Join(dir, "macc.svg"), func(w io.Writer) error { return chart.Steps(w, d) })
}

func abatementUnitLabel(s, unit string) string {
	if unit == "" {
		return s
	}
	return s + " (" + unit + ")"
}

// abatementWriteFile writes path atomically, creating its folder.
func abatementWriteFile(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return results.WriteFileAtomic(path, write)
}

// abatementWriteCSV writes rows as a CSV file atomically.
func abatementWriteCSV(path string, rows [][]string) error {
	return abatementWriteFile(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.WriteAll(rows); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
}
