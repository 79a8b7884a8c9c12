package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"blueprint/abatement"
	"blueprint/clp"
	"blueprint/dataset/beijing"
	"blueprint/economy"
	"blueprint/lp"
	"blueprint/model"
	"blueprint/pathway"
	"blueprint/report"
	"blueprint/results"
)

// reportResult is the --json output of blueprint report.
type reportResult struct {
	Scenarios []string `json:"scenarios"`
	HTML      []string `json:"html"`
	PDF       []string `json:"pdf,omitempty"`
	Seconds   float64  `json:"seconds"`
}

// embedded is the embedded default model the report solves when no run
// folder is named: the Beijing model, with the report settings that fit
// it. Tests may replace it.
var embedded = &embeddedModel{
	names: beijing.ScenarioNames, scenario: beijing.Scenario, base: beijing.Base, fsys: beijing.FS,
	// Space heating (residential, commercial) and industrial heat; road
	// and off-road transport (aviation is its own sector).
	heat: []string{"RSH", "CSH", "IHT"}, transport: []string{"transport"},
	dataDir: "dataset/beijing", title: "Beijing",
	// CO2_TOT (scope 1 + aviation + imported electricity) carries every
	// counted emission once: pricing it prices them all.
	maccEmission: "CO2_TOT",
}

// embeddedModel is a model built into the binary and its report settings.
type embeddedModel struct {
	names           func() []string
	scenario        func(name string) (*model.Model, error)
	base            func() (*model.Model, error)
	heat, transport []string
	title           string
	maccEmission    string
	// fsys holds the dataset's SOURCES.md and economy/ inputs.
	fsys fs.FS
	// dataDir holds the dataset's inventory sheet in a checkout (relative
	// to the working directory); a missing file is skipped.
	dataDir string
}

// ceadsFile is the CEADs 2019 scope-1 inventory sheet of the Beijing
// dataset (source S01), relative to its folder.
const ceadsFile = "sources/ceads_beijing_scope1_2019_MtCO2.csv"

// ceadsFuel maps CEADs fuel columns to the Beijing model's fuels (as the
// dataset's calibration does, docs/beijing.md).
var ceadsFuel = map[string]string{
	"Raw_Coal": "COAL", "CleanedCoal": "COAL", "Other_Washed_Coal": "COAL", "Briquettes": "COAL", "Coke": "COAL",
	"Gasoline": "GSL", "Kerosene": "JET", "Diesel_Oil": "DSL", "LPG": "LPG",
	"Fuel_Oil": "OOIL", "Refinery_Gas": "OOIL", "Other_Petroleum_Products": "OOIL", "Crude_Oil": "OOIL",
	"Natural_Gas": "NGAS", "Process": "PROC",
}

// ceadsLabels name the calibration lines.
var ceadsLabels = map[string]string{"COAL": "Coal", "GSL": "Gasoline", "JET": "Kerosene", "DSL": "Diesel", "LPG": "LPG",
	"OOIL": "Other oil products", "NGAS": "Natural gas", "PROC": "Cement process"}

// readCEADs reads the CEADs sheet into calibration lines: scope-1 total,
// then one line per model fuel.
func readCEADs(path string) ([]report.InventoryRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var hdr []string
	byFuel := map[string]float64{}
	total := math.NaN()
	for i, rec := range recs {
		switch {
		case len(rec) == 0 || rec[0] == "unit" || strings.HasPrefix(rec[0], "#"):
		case rec[0] == "Emission_Inventory":
			hdr = rec
		case rec[0] == "TotalEmissions" && hdr != nil:
			for j, h := range hdr {
				if h == "Scope_1_Total" && j < len(rec) {
					if total, err = strconv.ParseFloat(rec[j], 64); err != nil {
						return nil, fmt.Errorf("%s:%d: Scope_1_Total: %w", path, i+1, err)
					}
				}
			}
		case hdr != nil:
			for j := 1; j < len(rec) && j < len(hdr); j++ {
				fuel, ok := ceadsFuel[hdr[j]]
				if !ok {
					continue
				}
				v, err := strconv.ParseFloat(rec[j], 64)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %s: %w", path, i+1, hdr[j], err)
				}
				byFuel[fuel] += v
			}
		}
	}
	if math.IsNaN(total) {
		return nil, fmt.Errorf("%s: no TotalEmissions row with Scope_1_Total", path)
	}
	rows := []report.InventoryRow{{Label: "Total scope 1 (CEADs)", Value: total, Source: "S01"}}
	for _, f := range []string{"COAL", "NGAS", "GSL", "DSL", "JET", "LPG", "OOIL", "PROC"} {
		if byFuel[f] != 0 {
			rows = append(rows, report.InventoryRow{Label: ceadsLabels[f], Fuel: f, Value: byFuel[f], Source: "S01"})
		}
	}
	return rows, nil
}

// runReport implements "blueprint report [RUN_DIR...] --out DIR": the
// blueprint report (HTML, and PDF with --pdf) in English and/or Chinese
// from run folders, or from the embedded scenarios it solves itself.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	start := time.Now()
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("out", "out/report", "write report.<lang>.html (and .pdf) into this `dir`")
	langFlag := fs.String("lang", "both", "`language`: en, zh or both")
	pdf := fs.Bool("pdf", false, "also print PDFs with headless Chromium")
	scenarios := fs.String("scenarios", "", "embedded `scenarios` to solve when no run folder is named (default: all, reference first)")
	modelPath := fs.String("model", "", "the runs' model (`path`), for the sources section and --macc (default: the embedded model)")
	macc := fs.String("macc", "", "also sweep carbon `prices` (START:STOP:STEP or a list) on the model for the MACC")
	maccEmission := fs.String("macc-emission", "", "`emission` priced by --macc (default: CO2_TOT for the Beijing model, else the first counted emission)")
	milestones := fs.String("milestones", "", "milestone `years`, comma-separated (default 2025,2030,2035,2050 where present)")
	emissions := fs.String("emissions", "", "counted `emissions`, comma-separated (default: the CO2 family, no aggregates)")
	heat := fs.String("heat", "", "heat `sectors or fuels` for electrification (default: RSH,CSH,IHT for Beijing, else names matching heat)")
	transport := fs.String("transport", "", "transport `sectors or fuels` for electrification (default: the transport sector for Beijing, else names matching transport)")
	electricity := fs.String("electricity", "", "electricity `fuels` (default: names starting ELC/ELEC)")
	blueprint := fs.String("blueprint", "", "`scenario` that leads the blueprint section (default: the last)")
	econ := fs.String("economy", "", "`dir` with economy inputs in the Beijing proxy layout (national IO table, bridge, households) for section 4; \"none\" skips it (default: dataset/beijing/economy for Beijing runs)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint report [RUN_DIR...] --out DIR [--lang en|zh|both] [--pdf] [flags]\n\nRUN_DIR are run folders written by blueprint run --out; the first is the reference.\nWith none, the embedded scenarios are solved (--scenarios).")
		fs.PrintDefaults()
	}
	dirs, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	langs, err := report.ParseLangs(*langFlag)
	if err != nil {
		return usageErrorf("report: --lang: %v", err)
	}
	if len(dirs) > 0 && *scenarios != "" {
		return usageErrorf("report: give run folders or --scenarios, not both")
	}
	var prices []float64
	if *macc != "" {
		if prices, err = abatement.ParsePrices(*macc); err != nil {
			return usageErrorf("report: --macc: %v", err)
		}
	}
	progress := !*asJSON
	logf := func(format string, a ...any) {
		if progress {
			fmt.Fprintf(stderr, "%6.2fs  "+format+"\n", append([]any{time.Since(start).Seconds()}, a...)...)
		}
	}
	newSolver := func() (lp.Solver, error) { return clp.New() }
	var runs []*results.Results
	var base *model.Model
	if len(dirs) > 0 {
		for _, d := range dirs {
			r, err := results.ReadDir(d)
			if err != nil {
				return withCode(exitInput, fmt.Errorf("report: %w", err))
			}
			if r.Scenario == "" {
				r.Scenario = filepath.Base(filepath.Clean(d))
			}
			runs = append(runs, r)
		}
	} else {
		if embedded == nil {
			return usageErrorf("report: name run folders (blueprint run --out DIR): this build has no embedded model to solve")
		}
		names := embedded.names()
		if *scenarios != "" {
			// Check every name before the first (slow) solve.
			have := names
			names = splitList(*scenarios)
			for _, n := range names {
				if !slices.Contains(have, n) {
					return usageErrorf("report: --scenarios: no embedded scenario %q (have %s)", n, strings.Join(have, ", "))
				}
			}
		}
		for _, name := range names {
			logf("solving scenario %s", name)
			m, err := embedded.scenario(name)
			if err != nil {
				return usageErrorf("report: --scenarios: %v", err)
			}
			run, err := pathway.Solve(ctx, m, newSolver, pathway.Options{Explain: true})
			if err != nil {
				return fmt.Errorf("report: scenario %s: %w", name, err)
			}
			if st := run.Solution.Status; st != lp.Optimal {
				return withCode(exitInfeasible, fmt.Errorf("report: scenario %s: the solve ended %v", name, st))
			}
			runs = append(runs, run.Results)
		}
	}
	switch {
	case *modelPath != "":
		if base, err = loadModel([]string{*modelPath}); err != nil {
			return withCode(exitInput, fmt.Errorf("report: --model: %w", err))
		}
	case embedded != nil && (len(dirs) == 0 || isEmbeddedRun(runs[0])):
		if base, err = embedded.base(); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	cfg := report.Config{Runs: runs, Model: base, Blueprint: *blueprint,
		Milestones: splitList(*milestones), Emissions: splitList(*emissions), Heat: splitList(*heat),
		Transport: splitList(*transport), Electricity: splitList(*electricity)}
	if embedded != nil && (len(dirs) == 0 || isEmbeddedRun(runs[0])) {
		if cfg.Heat == nil {
			cfg.Heat = embedded.heat
		}
		if cfg.Transport == nil {
			cfg.Transport = embedded.transport
		}
		cfg.Title = embedded.title
		if embedded.dataDir != "" {
			if inv, err := readCEADs(filepath.Join(embedded.dataDir, ceadsFile)); err == nil {
				cfg.Inventory = inv
			} else if !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("report: %w", err)
			}
		}
		if embedded.fsys != nil {
			if f, err := embedded.fsys.Open("SOURCES.md"); err == nil {
				cfg.Sources, err = report.ParseSources(f, "SOURCES.md (embedded)")
				f.Close()
				if err != nil {
					return err
				}
			}
		}
	}
	if prices != nil {
		if base == nil {
			return usageErrorf("report: --macc needs the model: give --model PATH")
		}
		em := *maccEmission
		if em == "" && embedded != nil && base.Name == embeddedName() {
			em = embedded.maccEmission
		}
		if em == "" {
			em = firstCountedEmission(base, cfg.Emissions)
		}
		logf("MACC: %d carbon prices on %s", len(prices), base.Name)
		sess := pathway.NewSession(newSolver, pathway.Options{})
		cfg.MACC, err = abatement.MACC(ctx, base, sess, prices, abatement.MACCOptions{Emission: em})
		sess.Close()
		if err != nil {
			return fmt.Errorf("report: --macc: %w", err)
		}
	}
	if len(runs) > 1 {
		if cfg.Economy, err = reportEconomy(*econ, runs, *blueprint); err != nil {
			return withCode(exitInput, fmt.Errorf("report: --economy: %w", err))
		}
	}
	logf("writing the report (%s)", *langFlag)
	rep, err := report.Build(cfg)
	if err != nil {
		return withCode(exitInput, err)
	}
	w, err := report.WriteFiles(ctx, rep, *out, langs, *pdf)
	res := reportResult{HTML: w.HTML, PDF: w.PDF, Seconds: time.Since(start).Seconds()}
	for _, r := range runs {
		res.Scenarios = append(res.Scenarios, r.Scenario)
	}
	if err != nil {
		if errors.Is(err, report.ErrNoChromium) && len(w.HTML) > 0 {
			for _, h := range w.HTML {
				fmt.Fprintf(stderr, "written    %s\n", h)
			}
		}
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	for _, p := range append(w.HTML, w.PDF...) {
		fmt.Fprintf(stdout, "report     %s\n", p)
	}
	return nil
}

// splitList splits a comma-separated flag; "" gives nil.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// embeddedName is the embedded model's name ("" when it cannot load).
func embeddedName() string {
	if embedded == nil {
		return ""
	}
	m, err := embedded.base()
	if err != nil {
		return ""
	}
	return m.Name
}

// isEmbeddedRun reports whether a run folder came from the embedded model.
func isEmbeddedRun(r *results.Results) bool {
	if embedded == nil {
		return false
	}
	m, err := embedded.base()
	return err == nil && m.Name == r.Model
}

// firstCountedEmission picks the MACC's emission: the first counted one,
// else CO2 when the model has it, else the model's first emission.
func firstCountedEmission(m *model.Model, counted []string) string {
	if len(counted) > 0 {
		return counted[0]
	}
	set := m.Set("EMISSION")
	if set == nil || len(set.Elems) == 0 {
		return "CO2"
	}
	for _, e := range set.Elems {
		if strings.HasPrefix(strings.ToUpper(e), "CO2") && !strings.HasSuffix(strings.ToUpper(e), "_TOT") {
			return e
		}
	}
	return set.Elems[0]
}

// reportEconomy computes section 4's impacts of the blueprint run against
// the reference from the economy inputs in dir ("none": skip; "": the
// Beijing inputs, for Beijing runs when the folder exists).
func reportEconomy(dir string, runs []*results.Results, blueprint string) (*economy.Result, error) {
	if dir == "none" {
		return nil, nil
	}
	var fsys fs.FS
	switch {
	case dir != "":
		fsys = os.DirFS(dir)
	case !strings.Contains(strings.ToLower(runs[0].Model), "beijing"):
		return nil, nil // no economy data for other models: the section says what it will hold
	default:
		// The checkout's folder, else the copy embedded with the dataset.
		if _, err := os.Stat(filepath.Join(defaultEconomyData, economy.NationalTableFile)); err == nil {
			fsys = os.DirFS(defaultEconomyData)
		} else if embedded != nil && embedded.fsys != nil {
			sub, err := fs.Sub(embedded.fsys, "economy")
			if err != nil {
				return nil, err
			}
			fsys = sub
		} else {
			return nil, nil
		}
	}
	run := runs[len(runs)-1]
	for _, r := range runs {
		if r.Scenario == blueprint {
			run = r
		}
	}
	opt, _, err := economy.BeijingOptions(fsys)
	if err != nil {
		return nil, err
	}
	return economy.Impacts(run, runs[0], opt)
}
