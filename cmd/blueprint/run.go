package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/model"
	"blueprint/pathway"
	"blueprint/results"
)

// runResult is the --json output of blueprint run (documented in
// docs/cli-json.md; add fields, never rename).
type runResult struct {
	Model        string             `json:"model"`
	Scenario     string             `json:"scenario,omitempty"`
	Status       string             `json:"status"`
	Objective    float64            `json:"objective"`
	Rows         int                `json:"rows"`
	Cols         int                `json:"cols"`
	Nonzeros     int                `json:"nonzeros"`
	Iterations   int                `json:"iterations"`
	LoadSeconds  float64            `json:"load_seconds"`
	BuildSeconds float64            `json:"build_seconds"`
	SolveSeconds float64            `json:"solve_seconds"`
	Out          string             `json:"out,omitempty"`
	Emissions    []emissionsRow     `json:"emissions,omitempty"`
	Conflicts    []string           `json:"conflicts,omitempty"`
	Warnings     int                `json:"warnings"`
	Units        map[string]string  `json:"units,omitempty"`
	CarbonPrice  map[string]float64 `json:"carbon_price,omitempty"`
}

type emissionsRow struct {
	Region   string             `json:"region"`
	Emission string             `json:"emission"`
	Unit     string             `json:"unit,omitempty"`
	ByYear   map[string]float64 `json:"by_year"`
}

// runJob is one model to solve in a run.
type runJob struct {
	m     *model.Model
	warns int
	out   string // result folder ("" for none)
}

// runRun implements "blueprint run [MODEL...]": load, validate, build,
// solve, write results, print a summary. With no model it solves the
// embedded Beijing model's neutral2050 and reference scenarios (or the one
// named by --scenario) and prints the Beijing summary.
func runRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	start := time.Now()
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	out := fs.String("out", "", "write result tables into this `dir` (atomically; default: no files); with several scenarios, one sub-folder each")
	format := fs.String("format", "csv", "result `formats`, comma-separated: csv, iamc, xlsx")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text (an array of them for several scenarios)")
	solverLog := fs.Bool("solver-log", false, "print Clp's log on stderr")
	timeLimit := fs.Duration("time-limit", 0, "stop the solver after this `duration` (0: none)")
	algName := fs.String("algorithm", "dual", "`method`: dual, primal or barrier")
	var sf scenarioFlags
	sf.add(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint run [MODEL...] [flags]\n\nMODEL is an otoole CSV folder, an Excel workbook or MathProg data files.\nWith no MODEL: the embedded Beijing model, scenarios neutral2050 and reference\n(or --scenario reference|policy|neutral2050).")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	alg, err := lp.ParseAlgorithm(*algName)
	if err != nil {
		return usageErrorf("run: --algorithm: %v", err)
	}
	formats := map[string]bool{}
	for _, f := range strings.Split(*format, ",") {
		f = strings.TrimSpace(f)
		switch f {
		case "csv", "iamc", "xlsx":
			formats[f] = true
		default:
			return usageErrorf("run: --format: unknown format %q (want csv, iamc or xlsx)", f)
		}
	}
	progress := isTerminal(stderr) && !*asJSON
	logf := func(format string, a ...any) {
		if progress {
			fmt.Fprintf(stderr, "%6.2fs  "+format+"\n", append([]any{time.Since(start).Seconds()}, a...)...)
		}
	}

	var jobs []runJob
	beijingRun := len(paths) == 0
	if beijingRun {
		logf("loading the embedded Beijing model")
		jobs, err = beijingJobs(&sf, *out)
		if err != nil {
			return err
		}
	} else {
		logf("loading %s", strings.Join(paths, " "))
		m, warns, err := loadModelWarn(paths)
		if err != nil {
			return withCode(exitInput, fmt.Errorf("run: %w", err))
		}
		errs, vwarns := model.Validate(m)
		warns = append(warns, vwarns...)
		if len(errs) > 0 {
			return withCode(exitInput, fmt.Errorf("run: %s has %s:\n%w", m.Name, plural(len(errs), "data error"), errs))
		}
		if len(warns) > 0 && !*asJSON {
			noun := "warnings"
			if len(warns) == 1 {
				noun = "warning"
			}
			fmt.Fprintf(stderr, "%d %s (blueprint validate lists them); first: %v\n", len(warns), noun, warns[0])
		}
		if m, err = sf.apply(m); err != nil {
			return err
		}
		jobs = []runJob{{m: m, warns: len(warns), out: *out}}
	}
	loadSecs := time.Since(start).Seconds()

	opt := pathway.Options{Explain: true, Solve: lp.Options{Algorithm: alg, TimeLimit: *timeLimit}}
	if *solverLog {
		opt.Solve.Log = stderr
	}
	if progress {
		opt.Logger = slog.New(slog.NewTextHandler(stderr, nil))
	}
	var all []runResult
	var runs []*pathway.Run
	var firstErr error
	for _, job := range jobs {
		m := job.m
		logf("building and solving %s %s", m.Name, m.Scenario)
		run, err := pathway.Solve(ctx, m, func() (lp.Solver, error) { return clp.New() }, opt)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return fmt.Errorf("run: interrupted: %w", err)
			}
			return fmt.Errorf("run: %w", err)
		}
		res := summarizeRun(m, run, job.warns, loadSecs)
		if run.Results != nil && job.out != "" {
			logf("writing %s", job.out)
			if err := writeRunResults(job.out, run.Results, formats); err != nil {
				return fmt.Errorf("run: %w", err)
			}
			res.Out = job.out
		}
		all = append(all, res)
		runs = append(runs, run)
		name := "run " + m.Name
		if m.Scenario != "" {
			name += " (" + m.Scenario + ")"
		}
		if err := statusError(name, run.Solution.Status); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	switch {
	case *asJSON && len(all) == 1:
		if err := writeJSON(stdout, all[0]); err != nil {
			return err
		}
	case *asJSON:
		if err := writeJSON(stdout, all); err != nil {
			return err
		}
	case beijingRun:
		printBeijingSummary(stdout, all, runs)
	default:
		printRunSummary(stdout, all[0])
	}
	return firstErr
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// summarizeRun makes the --json object of one solved model.
func summarizeRun(m *model.Model, run *pathway.Run, warns int, loadSecs float64) runResult {
	sol := run.Solution
	p := run.LP.Problem
	res := runResult{
		Model: m.Name, Scenario: m.Scenario, Status: sol.Status.String(), Objective: sol.Objective,
		Rows: p.NumRows(), Cols: p.NumCols(), Nonzeros: p.NumNonzeros(), Iterations: sol.Iterations,
		LoadSeconds: loadSecs, BuildSeconds: run.BuildSeconds, SolveSeconds: run.SolveSeconds,
		Warnings: warns,
		Units:    map[string]string{"energy": m.Units.Energy, "power": m.Units.Power, "money": m.Units.Money, "emissions": m.Units.Emissions},
	}
	for _, c := range run.Conflicts {
		res.Conflicts = append(res.Conflicts, c.String())
	}
	if run.Results != nil {
		res.Emissions = emissionsByYear(run.Results)
		if t := run.Results.Table("CarbonPrice"); t != nil && t.Len() > 0 {
			res.CarbonPrice = map[string]float64{}
			for i := range t.Values {
				res.CarbonPrice[strings.Join(t.Key(i), ",")] = t.Values[i]
			}
		}
	}
	return res
}

// writeRunResults writes the requested formats into dir atomically: the
// CSV tables and summary go through results.WriteCSVDir (temp folder +
// rename), the other formats are written into that folder first.
func writeRunResults(dir string, r *results.Results, formats map[string]bool) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".blueprint-run-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	stage := filepath.Join(tmp, "out")
	if formats["csv"] {
		if err := results.WriteCSVDir(stage, r); err != nil {
			return err
		}
	} else {
		if err := results.WriteCSVDir(stage, &results.Results{Model: r.Model, Scenario: r.Scenario, Status: r.Status, Objective: r.Objective, Groups: r.Groups}); err != nil {
			return err
		}
	}
	if formats["iamc"] {
		f, err := os.Create(filepath.Join(stage, "iamc.csv"))
		if err != nil {
			return err
		}
		if err := results.WriteIAMC(f, r); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	if formats["xlsx"] {
		if err := results.WriteXLSX(filepath.Join(stage, "results.xlsx"), r); err != nil {
			return err
		}
	}
	return results.ReplaceDir(stage, dir)
}

func emissionsByYear(r *results.Results) []emissionsRow {
	t := r.Table("AnnualEmissions")
	if t == nil {
		return nil
	}
	var out []emissionsRow
	idx := map[[2]string]int{}
	for i := range t.Values {
		k := t.Key(i) // REGION, EMISSION, YEAR
		key := [2]string{k[0], k[1]}
		j, ok := idx[key]
		if !ok {
			j = len(out)
			idx[key] = j
			out = append(out, emissionsRow{Region: k[0], Emission: k[1], Unit: t.RowUnit(i), ByYear: map[string]float64{}})
		}
		out[j].ByYear[k[2]] += t.Values[i]
	}
	return out
}

func printRunSummary(w io.Writer, r runResult) {
	fmt.Fprintf(w, "model      %s\n", r.Model)
	fmt.Fprintf(w, "status     %s\n", r.Status)
	if r.Status == "optimal" {
		unit := r.Units["money"]
		fmt.Fprintf(w, "objective  %.10g %s (total discounted cost)\n", r.Objective, unit)
	}
	fmt.Fprintf(w, "LP         %d rows x %d columns, %d nonzeros, %d iterations\n", r.Rows, r.Cols, r.Nonzeros, r.Iterations)
	fmt.Fprintf(w, "time       load %.3fs, build %.3fs, solve %.3fs\n", r.LoadSeconds, r.BuildSeconds, r.SolveSeconds)
	for _, c := range r.Conflicts {
		fmt.Fprintf(w, "conflict   %s\n", c)
	}
	for _, e := range r.Emissions {
		fmt.Fprintf(w, "emissions  %s %s", e.Region, e.Emission)
		if e.Unit != "" {
			fmt.Fprintf(w, " (%s)", e.Unit)
		}
		fmt.Fprintln(w)
		years := sortedYears(e.ByYear)
		for _, y := range years {
			fmt.Fprintf(w, "  %s %12.6g\n", y, e.ByYear[y])
		}
	}
	if r.Out != "" {
		fmt.Fprintf(w, "results    %s\n", r.Out)
	}
}

func sortedYears(m map[string]float64) []string {
	ys := make([]string, 0, len(m))
	for y := range m {
		ys = append(ys, y)
	}
	for i := 1; i < len(ys); i++ {
		for j := i; j > 0 && ys[j] < ys[j-1]; j-- {
			ys[j], ys[j-1] = ys[j-1], ys[j]
		}
	}
	return ys
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
