package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"blueprint/chart"
	"blueprint/dataset/beijing"
	"blueprint/economy"
	"blueprint/results"
)

// impactsResult is the --json output of blueprint impacts (docs/economy.md;
// add fields, never rename).
type impactsResult struct {
	Run         string            `json:"run"`
	Reference   string            `json:"reference"`
	Region      string            `json:"region"`
	Years       []int             `json:"years"`
	IOSource    string            `json:"io_source"`
	Scale       float64           `json:"scale"`
	TypeII      bool              `json:"type_ii"`
	Sectors     map[string]string `json:"sectors"`
	Output      impactsBlock      `json:"output"`
	ValueAdded  impactsBlock      `json:"value_added"`
	Jobs        *impactsBlock     `json:"jobs,omitempty"`
	FinalDemand impactsBlock      `json:"final_demand"`
	Leakage     impactsBlock      `json:"leakage"`
	Burden      *burdenBlock      `json:"burden,omitempty"`
	Out         string            `json:"out,omitempty"`
}

// impactsBlock is one quantity by sector and year, with its total by year.
type impactsBlock struct {
	Unit     string                        `json:"unit"`
	Proxy    bool                          `json:"proxy"`
	BySector map[string]map[string]float64 `json:"by_sector,omitempty"`
	Total    map[string]float64            `json:"total"`
}

// burdenBlock is the household energy burden by income group and year.
type burdenBlock struct {
	Unit                string                        `json:"unit"`
	Proxy               bool                          `json:"proxy"`
	Threshold           float64                       `json:"threshold"`
	ByGroup             map[string]map[string]float64 `json:"by_group"`
	Reference           map[string]map[string]float64 `json:"reference"`
	Indirect            map[string]map[string]float64 `json:"indirect,omitempty"`
	ShareAbove          map[string]float64            `json:"share_above"`
	ShareAboveReference map[string]float64            `json:"share_above_reference"`
	Prices              map[string]map[string]float64 `json:"prices"`
}

// defaultEconomyData is where the Beijing proxy inputs live in a checkout.
const defaultEconomyData = "dataset/beijing/economy"

// runImpacts implements "blueprint impacts RUN_DIR --reference REF_DIR":
// output, value added and jobs by IO sector and year, and the household
// energy burden, of a run against a reference run.
func runImpacts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("impacts", flag.ContinueOnError)
	refDir := flags.String("reference", "", "reference run `dir` (blueprint run --out)")
	ioFile := flags.String("io", "", "input-output table `file` (default: the Beijing RAS proxy built from --data)")
	hhFile := flags.String("households", "", "household `file` (default: --data/households.csv; \"none\" skips the burden)")
	mapFile := flags.String("map", "", "bridge `file` mapping technologies to IO sectors (default: --data/bridge.csv)")
	data := flags.String("data", defaultEconomyData, "`dir` with the Beijing proxy inputs")
	out := flags.String("out", "", "write the impact tables as CSV, impacts_iamc.csv and SVG charts into `dir`")
	asJSON := flags.Bool("json", false, "print one JSON object instead of text")
	scale := flags.Float64("scale", 0, "IO money units per model money `unit` (0: from the unit names)")
	pass := flags.Float64("pass-through", 1, "`share` of delivered-cost changes passed to household tariffs")
	carbonPass := flags.Float64("carbon-pass-through", 1, "`share` of carbon-cost changes passed to household tariffs")
	threshold := flags.Float64("threshold", 0.10, "energy burden `share` of income counted as burdened")
	typeII := flags.Bool("type-ii", false, "include household-induced effects (Type II; needs HH row and column in the table)")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint impacts RUN_DIR --reference REF_DIR [flags]\n\nRUN_DIR and REF_DIR are run folders written by blueprint run --out.")
		flags.PrintDefaults()
	}
	paths, err := parseFlags(flags, args, stderr)
	if err != nil {
		return err
	}
	if len(paths) != 1 {
		return usageErrorf("impacts: want one run folder, got %d", len(paths))
	}
	if *refDir == "" {
		return usageErrorf("impacts: --reference REF_DIR is required")
	}
	for name, v := range map[string]float64{"pass-through": *pass, "carbon-pass-through": *carbonPass} {
		if v < 0 || v > 1 {
			return usageErrorf("impacts: --%s %g: want a share in [0, 1]", name, v)
		}
	}
	if *threshold <= 0 || *threshold >= 1 {
		return usageErrorf("impacts: --threshold %g: want a share in (0, 1)", *threshold)
	}
	if *scale < 0 {
		return usageErrorf("impacts: --scale %g: want a positive factor (0: from units)", *scale)
	}
	run, err := results.ReadDir(paths[0])
	if err != nil {
		return withCode(exitInput, fmt.Errorf("impacts: %w", err))
	}
	ref, err := results.ReadDir(*refDir)
	if err != nil {
		return withCode(exitInput, fmt.Errorf("impacts: --reference: %w", err))
	}
	opt := economy.DefaultOptions()
	opt.PassThrough, opt.CarbonPassThrough, opt.Threshold, opt.Scale, opt.TypeII = *pass, *carbonPass, *threshold, *scale, *typeII
	dataFS := os.DirFS(*data)
	needData := *ioFile == "" || *mapFile == "" || *hhFile == ""
	embedded := false
	if needData {
		if _, err := checkEconomyData(dataFS); err != nil {
			// Outside a checkout: the copy embedded in the binary, when the
			// Beijing package embeds its economy folder.
			sub, serr := fs.Sub(beijing.FS, "economy")
			if *data != defaultEconomyData || serr != nil {
				return usageErrorf("impacts: --data %s: %v (run from the repository root, or give --io, --map and --households)", *data, err)
			}
			if _, serr = checkEconomyData(sub); serr != nil {
				return usageErrorf("impacts: --data %s: %v (run from the repository root, or give --io, --map and --households)", *data, err)
			}
			dataFS, embedded = sub, true
		}
	}
	var tab *economy.Table
	ioSource := *ioFile
	if *ioFile != "" {
		tab, err = economy.ReadTableFile(*ioFile)
	} else {
		ioSource = "PROXY: Beijing RAS table from " + *data
		tab, _, err = economy.BeijingProxy(dataFS)
	}
	if err != nil {
		return withCode(exitInput, fmt.Errorf("impacts: %w", err))
	}
	if opt.Model, err = economy.NewModel(tab, 1e-6); err != nil {
		return withCode(exitInput, fmt.Errorf("impacts: %s: %w", ioSource, err))
	}
	if *mapFile == "" {
		opt.Bridge, err = readFS(dataFS, economy.BridgeFile, *data, economy.ReadBridge)
	} else {
		opt.Bridge, err = economy.ReadBridgeFile(*mapFile)
	}
	if err != nil {
		return withCode(exitInput, fmt.Errorf("impacts: %w", err))
	}
	switch *hhFile {
	case "none":
	case "":
		opt.Households, err = readFS(dataFS, economy.HouseholdsFile, *data, economy.ReadHouseholds)
	default:
		opt.Households, err = economy.ReadHouseholdsFile(*hhFile)
	}
	if err != nil {
		return withCode(exitInput, fmt.Errorf("impacts: %w", err))
	}
	if embedded {
		ioSource += " (embedded copy)"
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	res, err := economy.Impacts(run, ref, opt)
	if err != nil {
		return withCode(exitInput, fmt.Errorf("impacts: %w", err))
	}
	if *out != "" {
		if err := writeImpacts(*out, res, run, ref); err != nil {
			return fmt.Errorf("impacts: %w", err)
		}
	}
	if *asJSON {
		j := impactsJSON(res)
		j.Run, j.Reference, j.IOSource, j.Out, j.TypeII = paths[0], *refDir, ioSource, *out, *typeII
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(j)
	}
	printImpacts(stdout, res, paths[0], *refDir, ioSource)
	if *out != "" {
		fmt.Fprintf(stdout, "written    %s\n", *out)
	}
	return nil
}

// readFS opens name in fsys and parses it, naming it dir/name in errors.
func readFS[T any](fsys fs.FS, name, dir string, parse func(io.Reader, string) (*T, error)) (*T, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parse(f, filepath.Join(dir, name))
}

// checkEconomyData checks that fsys holds the Beijing proxy's national table.
func checkEconomyData(fsys fs.FS) (fs.FileInfo, error) {
	fi, err := fs.Stat(fsys, economy.NationalTableFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no %s", economy.NationalTableFile)
	}
	return fi, err
}

func impactsJSON(res *economy.Result) impactsResult {
	j := impactsResult{Region: res.Region, Years: res.Years, Scale: res.Scale, Sectors: map[string]string{}}
	for _, s := range res.Sectors {
		j.Sectors[s.Code] = s.Name
	}
	block := func(t *results.Table) impactsBlock {
		b := impactsBlock{Unit: t.Unit, Proxy: res.Proxy, Total: map[string]float64{}}
		si, yi := tableCol(t, "SECTOR"), tableCol(t, "YEAR")
		if si >= 0 {
			b.BySector = map[string]map[string]float64{}
		}
		for i, v := range t.Values {
			k := t.Key(i)
			b.Total[k[yi]] += v
			if si >= 0 {
				m := b.BySector[k[si]]
				if m == nil {
					m = map[string]float64{}
					b.BySector[k[si]] = m
				}
				m[k[yi]] = v
			}
		}
		return b
	}
	j.Output, j.ValueAdded, j.FinalDemand, j.Leakage = block(res.Output), block(res.ValueAdded), block(res.FinalDemand), block(res.Leakage)
	if res.Jobs != nil {
		b := block(res.Jobs)
		j.Jobs = &b
	}
	if res.Burden != nil {
		byGroup := func(t *results.Table) map[string]map[string]float64 {
			if t == nil {
				return nil
			}
			out := map[string]map[string]float64{}
			for i, v := range t.Values {
				k := t.Key(i)
				if out[k[0]] == nil {
					out[k[0]] = map[string]float64{}
				}
				out[k[0]][k[1]] = v
			}
			return out
		}
		byYearOnly := func(t *results.Table) map[string]float64 {
			out := map[string]float64{}
			for i, v := range t.Values {
				out[t.Key(i)[0]] = v
			}
			return out
		}
		j.Burden = &burdenBlock{
			Unit: res.Burden.Unit, Proxy: res.BurdenProxy, Threshold: res.Threshold,
			ByGroup: byGroup(res.Burden), Reference: byGroup(res.BurdenReference), Indirect: byGroup(res.BurdenIndirect),
			ShareAbove: byYearOnly(res.AboveThreshold), ShareAboveReference: byYearOnly(res.AboveThresholdReference),
			Prices: byGroup(res.Prices),
		}
	}
	return j
}

func tableCol(t *results.Table, name string) int {
	for i, n := range t.Indices {
		if n == name {
			return i
		}
	}
	return -1
}

// printImpacts prints totals by year (at most 8 years shown, evenly spread)
// and the burden by group, with the proxy label first.
func printImpacts(w io.Writer, res *economy.Result, run, ref, ioSource string) {
	if res.Proxy {
		fmt.Fprintln(w, "PROXY: economic impacts computed from proxy data (not the region's own input-output statistics)")
	}
	fmt.Fprintf(w, "impacts of %s against %s, region %s\nIO table   %s\n", run, ref, res.Region, ioSource)
	show := pickYears(res.Years, 8)
	fmt.Fprintf(w, "%-34s", "change (run − reference)")
	for _, y := range show {
		fmt.Fprintf(w, " %10d", res.Years[y])
	}
	fmt.Fprintln(w)
	row := func(label string, t *results.Table) {
		if t == nil {
			return
		}
		tot := map[string]float64{}
		yi := tableCol(t, "YEAR")
		for i, v := range t.Values {
			tot[t.Key(i)[yi]] += v
		}
		fmt.Fprintf(w, "%-34s", label+" ("+t.Unit+")")
		for _, y := range show {
			fmt.Fprintf(w, " %10.4g", tot[strconv.Itoa(res.Years[y])])
		}
		fmt.Fprintln(w)
	}
	row("final demand", res.FinalDemand)
	row("leakage", res.Leakage)
	row("output", res.Output)
	row("value added", res.ValueAdded)
	row("jobs", res.Jobs)
	if res.Burden == nil {
		return
	}
	if res.BurdenProxy {
		fmt.Fprintln(w, "PROXY: household burden from proxy/assumed household data")
	}
	fmt.Fprintf(w, "energy burden (%s), threshold %g\n", res.Burden.Unit, res.Threshold)
	groups := map[string]map[string]float64{}
	var order []string
	for i, v := range res.Burden.Values {
		k := res.Burden.Key(i)
		if groups[k[0]] == nil {
			groups[k[0]] = map[string]float64{}
			order = append(order, k[0])
		}
		groups[k[0]][k[1]] = v
	}
	for _, g := range order {
		fmt.Fprintf(w, "%-34s", "  "+g)
		for _, y := range show {
			fmt.Fprintf(w, " %10.4f", groups[g][strconv.Itoa(res.Years[y])])
		}
		fmt.Fprintln(w)
	}
	above := map[string]float64{}
	for i, v := range res.AboveThreshold.Values {
		above[res.AboveThreshold.Key(i)[0]] = v
	}
	fmt.Fprintf(w, "%-34s", "  share above threshold")
	for _, y := range show {
		fmt.Fprintf(w, " %10.3f", above[strconv.Itoa(res.Years[y])])
	}
	fmt.Fprintln(w)
}

// pickYears returns up to n indices spread evenly over years (first and last included).
func pickYears(years []int, n int) []int {
	if len(years) <= n {
		out := make([]int, len(years))
		for i := range out {
			out[i] = i
		}
		return out
	}
	set := map[int]bool{}
	for k := 0; k < n; k++ {
		set[k*(len(years)-1)/(n-1)] = true
	}
	var out []int
	for i := range set {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// writeImpacts writes the tables as a run-style CSV folder plus
// impacts_iamc.csv.
func writeImpacts(dir string, res *economy.Result, run, ref *results.Results) error {
	r := &results.Results{Model: run.Model, Scenario: run.Scenario, Status: "impacts vs " + ref.Scenario, Tables: res.Tables()}
	if err := results.WriteCSVDir(dir, r); err != nil {
		return err
	}
	err := results.WriteFileAtomic(filepath.Join(dir, "impacts_iamc.csv"), func(w io.Writer) error {
		return economy.WriteIAMC(w, res, run.Model, run.Scenario)
	})
	if err != nil {
		return err
	}
	return writeImpactCharts(dir, res)
}

// writeImpactCharts draws value_added.svg and jobs.svg (stacked bars: the
// seven sectors with the largest change, the rest summed) and burden.svg
// (one line per income group, reference prices dashed by name). Titles of
// proxy results say PROXY.
func writeImpactCharts(dir string, res *economy.Result) error {
	x := make([]float64, len(res.Years))
	yidx := map[string]int{}
	for i, y := range res.Years {
		x[i] = float64(y)
		yidx[strconv.Itoa(y)] = i
	}
	names := map[string]string{}
	for _, s := range res.Sectors {
		n := s.Name
		if r := []rune(n); len(r) > 32 {
			n = string(r[:31]) + "…"
		}
		names[s.Code] = s.Code + " " + n
	}
	proxy := ""
	if res.Proxy {
		proxy = "PROXY: "
	}
	bars := func(file, title string, t *results.Table) error {
		if t == nil {
			return nil
		}
		si, yi := tableCol(t, "SECTOR"), tableCol(t, "YEAR")
		vals := map[string][]float64{}
		size := map[string]float64{}
		var order []string
		for i, v := range t.Values {
			k := t.Key(i)
			if vals[k[si]] == nil {
				vals[k[si]] = make([]float64, len(x))
				order = append(order, k[si])
			}
			vals[k[si]][yidx[k[yi]]] += v
			if v < 0 {
				v = -v
			}
			size[k[si]] += v
		}
		sort.SliceStable(order, func(a, b int) bool { return size[order[a]] > size[order[b]] })
		d := chart.XY{Title: proxy + title, XLabel: "Year", YLabel: t.Unit, X: x}
		other := make([]float64, len(x))
		for i, code := range order {
			if size[code] == 0 {
				continue
			}
			if i < 7 {
				d.Series = append(d.Series, chart.Series{Name: names[code], Values: vals[code]})
				continue
			}
			for j, v := range vals[code] {
				other[j] += v
			}
		}
		if len(order) > 7 {
			d.Series = append(d.Series, chart.Series{Name: "other sectors", Values: other})
		}
		if len(d.Series) == 0 {
			return nil
		}
		return results.WriteFileAtomic(filepath.Join(dir, file), func(w io.Writer) error { return chart.StackedBars(w, d) })
	}
	if err := bars("value_added.svg", "Value added change by sector (run − reference)", res.ValueAdded); err != nil {
		return err
	}
	if err := bars("jobs.svg", "Employment change by sector (run − reference)", res.Jobs); err != nil {
		return err
	}
	if res.Burden == nil {
		return nil
	}
	bp := ""
	if res.BurdenProxy {
		bp = "PROXY: "
	}
	d := chart.XY{Title: bp + "Household energy burden by income group", XLabel: "Year", YLabel: res.Burden.Unit, X: x}
	for _, t := range []struct {
		tab    *results.Table
		suffix string
	}{{res.Burden, ""}, {res.BurdenReference, " (reference prices)"}} {
		groups := map[string][]float64{}
		var order []string
		for i, v := range t.tab.Values {
			k := t.tab.Key(i)
			if groups[k[0]] == nil {
				groups[k[0]] = make([]float64, len(x))
				order = append(order, k[0])
			}
			groups[k[0]][yidx[k[1]]] = v
		}
		for _, g := range order {
			d.Series = append(d.Series, chart.Series{Name: g + t.suffix, Values: groups[g]})
		}
	}
	return results.WriteFileAtomic(filepath.Join(dir, "burden.svg"), func(w io.Writer) error { return chart.Line(w, d) })
}
