package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"blueprint/abatement"
	"blueprint/chart"
	"blueprint/results"
)

// decomposeResult is the --json output of blueprint decompose
// (docs/cli-json.md).
type decomposeResult struct {
	Results  string `json:"results"`
	Emission string `json:"emission"`
	From     string `json:"from"`
	To       string `json:"to"`
	Unit     string `json:"unit,omitempty"`
	Activity string `json:"activity"`
	// Sectors with emissions in either year (the others' effects are zero).
	Sectors []decomposeSector `json:"sectors"`
	Total   decomposeSector   `json:"total"`
	Out     string            `json:"out,omitempty"`
}

type decomposeSector struct {
	Sector         string  `json:"sector"`
	Base           float64 `json:"base"`
	Final          float64 `json:"final"`
	Change         float64 `json:"change"`
	Activity       float64 `json:"activity"`
	Structure      float64 `json:"structure"`
	Intensity      float64 `json:"intensity"`
	Mix            float64 `json:"mix"`
	EmissionFactor float64 `json:"emission_factor"`
}

func newDecomposeSector(name string, base, final, change float64, e [abatement.NumEffects]float64) decomposeSector {
	return decomposeSector{Sector: name, Base: base, Final: final, Change: change,
		Activity: e[abatement.Activity], Structure: e[abatement.Structure], Intensity: e[abatement.Intensity],
		Mix: e[abatement.Mix], EmissionFactor: e[abatement.Factor]}
}

// runDecompose implements "blueprint decompose RESULTS --from Y --to Y":
// the LMDI decomposition of the change in emissions of a run folder.
func runDecompose(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("decompose", flag.ContinueOnError)
	from := fs.String("from", "", "base `year`")
	to := fs.String("to", "", "final `year`")
	emission := fs.String("emission", "CO2", "the `emission` decomposed")
	activityFile := fs.String("activity", "", "CSV `file` SECTOR,YEAR,VALUE of sector activity (e.g. value added); default: each sector's delivered service")
	out := fs.String("out", "", "write decompose.csv, decompose_data.csv, decompose.svg and decompose_sectors.svg into `dir`")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint decompose RESULTS --from YEAR --to YEAR [flags]\n\nRESULTS is a run folder written by blueprint run --out.")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(paths) != 1 {
		return usageErrorf("decompose: want one run folder, got %d", len(paths))
	}
	if *from == "" || *to == "" {
		return usageErrorf("decompose: --from and --to are required")
	}
	r, err := results.ReadDir(paths[0])
	if err != nil {
		return withCode(exitInput, fmt.Errorf("decompose: %w", err))
	}
	opt := abatement.DecomposeOptions{Emission: *emission, From: *from, To: *to}
	if *activityFile != "" {
		if opt.Activity, err = readActivity(*activityFile); err != nil {
			return withCode(exitInput, fmt.Errorf("decompose: --activity: %w", err))
		}
	}
	d, err := abatement.Decompose(r, opt)
	if err != nil {
		msg := err.Error()
		switch {
		case strings.HasPrefix(msg, "from year"):
			return usageErrorf("decompose: --from: %v", err)
		case strings.HasPrefix(msg, "to year"):
			return usageErrorf("decompose: --to: %v", err)
		case strings.HasPrefix(msg, "emission"):
			return usageErrorf("decompose: --emission: %v", err)
		case strings.HasPrefix(msg, "activity"):
			return usageErrorf("decompose: --activity %s: %v", *activityFile, err)
		case strings.HasPrefix(msg, "from and to"):
			return usageErrorf("decompose: --from/--to: %v", err)
		}
		return fmt.Errorf("decompose: %w", err)
	}
	res := decomposeResult{Results: paths[0], Emission: d.Emission, From: d.From, To: d.To, Unit: d.Unit, Activity: "delivered service"}
	if *activityFile != "" {
		res.Activity = *activityFile
	}
	for i, s := range d.Sectors {
		if d.Base[i] == 0 && d.Final[i] == 0 {
			continue // no emissions in either year: every effect is zero
		}
		res.Sectors = append(res.Sectors, newDecomposeSector(s, d.Base[i], d.Final[i], d.Change[i], d.Effects[i]))
	}
	var b, f float64
	for i := range d.Sectors {
		b += d.Base[i]
		f += d.Final[i]
	}
	res.Total = newDecomposeSector("total", b, f, d.TotalChange, d.Total)
	if *out != "" {
		if err := writeDecompose(*out, d, res); err != nil {
			return fmt.Errorf("decompose: %w", err)
		}
		res.Out = *out
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "LMDI-I decomposition of %s from %s to %s", d.Emission, d.From, d.To)
	if d.Unit != "" {
		fmt.Fprintf(stdout, " (%s)", d.Unit)
	}
	fmt.Fprintf(stdout, "; activity: %s\n", res.Activity)
	tw := 6
	for _, s := range d.Sectors {
		tw = max(tw, len(s))
	}
	fmt.Fprintf(stdout, "%-*s %11s %11s %11s %11s %11s %11s %11s %11s\n", tw, "sector", "base", "final", "change", "activity", "structure", "intensity", "mix", "factor")
	noise := 1e-12 * (res.Total.Base + res.Total.Final)
	z := func(v float64) float64 {
		if math.Abs(v) < noise {
			return 0 // rounding noise; --json and the CSV keep it
		}
		return v
	}
	for _, s := range append(res.Sectors, res.Total) {
		fmt.Fprintf(stdout, "%-*s %11.5g %11.5g %11.5g %11.5g %11.5g %11.5g %11.5g %11.5g\n", tw, s.Sector, s.Base, s.Final, z(s.Change),
			z(s.Activity), z(s.Structure), z(s.Intensity), z(s.Mix), z(s.EmissionFactor))
	}
	if *out != "" {
		fmt.Fprintf(stdout, "written    %s\n", *out)
	}
	return nil
}

// readActivity reads SECTOR,YEAR,VALUE rows (a header row is required);
// errors name the file and line.
func readActivity(path string) (map[string]map[string]float64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	cr := csv.NewReader(fh)
	cr.FieldsPerRecord = -1
	out := map[string]map[string]float64{}
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if line == 1 {
			if len(rec) < 3 || !strings.EqualFold(strings.TrimSpace(rec[0]), "SECTOR") || !strings.EqualFold(strings.TrimSpace(rec[1]), "YEAR") || !strings.EqualFold(strings.TrimSpace(rec[2]), "VALUE") {
				return nil, fmt.Errorf("%s:1: header %q, want SECTOR,YEAR,VALUE", path, strings.Join(rec, ","))
			}
			continue
		}
		if len(rec) != 3 {
			return nil, fmt.Errorf("%s:%d: %d fields, want SECTOR,YEAR,VALUE", path, line, len(rec))
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[2]), 64)
		if err != nil || !(v >= 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s:%d: VALUE %q is not a finite non-negative number", path, line, rec[2])
		}
		s, y := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if out[s] == nil {
			out[s] = map[string]float64{}
		}
		if _, dup := out[s][y]; dup {
			return nil, fmt.Errorf("%s:%d: sector %s, year %s given twice", path, line, s, y)
		}
		out[s][y] = v
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return out, nil
}

// writeDecompose writes the effects, the LMDI inputs and a bar chart of the
// total effects into dir.
func writeDecompose(dir string, d *abatement.Decomposed, res decomposeResult) error {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	rows := [][]string{{"SECTOR", "EFFECT", "EMISSION", "FROM", "TO", "VALUE", "UNIT"}}
	for _, s := range append(res.Sectors, res.Total) {
		for _, e := range []struct {
			n string
			v float64
		}{{"change", s.Change}, {"activity", s.Activity}, {"structure", s.Structure}, {"intensity", s.Intensity}, {"mix", s.Mix}, {"emission_factor", s.EmissionFactor}} {
			rows = append(rows, []string{s.Sector, e.n, d.Emission, d.From, d.To, f(e.v), d.Unit})
		}
	}
	if err := abatementWriteCSV(filepath.Join(dir, "decompose.csv"), rows); err != nil {
		return err
	}
	data := [][]string{{"SECTOR", "FUEL", "YEAR", "ACTIVITY", "ENERGY", "EMISSIONS"}}
	F := len(d.Fuels)
	for k, y := range []string{d.From, d.To} {
		p := d.Data[k]
		for i, s := range d.Sectors {
			for j, fuel := range d.Fuels {
				if p.Energy[i*F+j] == 0 && p.Emissions[i*F+j] == 0 {
					continue
				}
				data = append(data, []string{s, fuel, y, f(p.Activity[i]), f(p.Energy[i*F+j]), f(p.Emissions[i*F+j])})
			}
		}
	}
	if err := abatementWriteCSV(filepath.Join(dir, "decompose_data.csv"), data); err != nil {
		return err
	}
	bc := chart.BarChart{
		Title:  fmt.Sprintf("Change in %s, %s–%s, by effect (LMDI-I)", d.Emission, d.From, d.To),
		XLabel: abatementUnitLabel(d.Emission, d.Unit),
	}
	for k := abatement.Effect(0); k < abatement.NumEffects; k++ {
		bc.Bars = append(bc.Bars, chart.Bar{Name: k.String(), Group: "effect", Value: d.Total[k]})
	}
	bc.Bars = append(bc.Bars, chart.Bar{Name: "total change", Group: "total", Value: d.TotalChange})
	if err := abatementWriteFile(filepath.Join(dir, "decompose.svg"), func(w io.Writer) error { return chart.Bars(w, bc) }); err != nil {
		return err
	}
	// The effects by sector, stacked: one bar per sector with emissions.
	if len(res.Sectors) == 0 {
		return nil
	}
	sb := chart.XY{
		Title:  fmt.Sprintf("Change in %s, %s–%s, by sector and effect (LMDI-I)", d.Emission, d.From, d.To),
		YLabel: abatementUnitLabel(d.Emission, d.Unit),
	}
	effects := make([]chart.Series, abatement.NumEffects)
	for k := range effects {
		effects[k].Name = abatement.Effect(k).String()
	}
	for _, s := range res.Sectors {
		sb.Categories = append(sb.Categories, s.Sector)
		for k, v := range []float64{s.Activity, s.Structure, s.Intensity, s.Mix, s.EmissionFactor} {
			effects[k].Values = append(effects[k].Values, v)
		}
	}
	sb.Series = effects
	return abatementWriteFile(filepath.Join(dir, "decompose_sectors.svg"), func(w io.Writer) error { return chart.StackedBars(w, sb) })
}
