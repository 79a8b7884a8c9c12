package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"blueprint/clp"
	"blueprint/lp"
)

// solveResult is the --json output of blueprint solve (documented in
// README.md; add fields, never rename).
type solveResult struct {
	File         string  `json:"file"`
	Status       string  `json:"status"`
	Objective    float64 `json:"objective"`
	Iterations   int     `json:"iterations"`
	Seconds      float64 `json:"seconds"`
	ReadSeconds  float64 `json:"read_seconds"`
	TotalSeconds float64 `json:"total_seconds"`
	Rows         int     `json:"rows"`
	Cols         int     `json:"cols"`
	Nonzeros     int     `json:"nonzeros"`
	Algorithm    string  `json:"algorithm"`
	Presolve     bool    `json:"presolve"`
	RawStatus    int     `json:"clp_status"`
	RawSecondary int     `json:"clp_secondary_status"`
}

// runSolve implements "blueprint solve FILE.mps": read a free MPS file
// (gzip allowed), solve it with Clp, print the result.
func runSolve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	start := time.Now()
	fs := flag.NewFlagSet("solve", flag.ContinueOnError)
	algName := fs.String("algorithm", "dual", "`method`: dual, primal or barrier (barrier with crossover)")
	presolve := fs.Bool("presolve", true, "run Clp's presolve")
	timeLimit := fs.Duration("time-limit", 0, "stop after this `duration` of solver CPU time (0: none)")
	iterLimit := fs.Int("iteration-limit", 0, "stop after this many simplex `iterations` (0: none)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	solFile := fs.String("write-solution", "", "write columns and rows with values and duals to this CSV `file`")
	verbose := fs.Bool("verbose", false, "print Clp's log on stderr")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint solve FILE.mps[.gz] [flags]")
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("solve: want exactly one MPS file, got %d arguments", len(pos))
	}
	alg, err := lp.ParseAlgorithm(*algName)
	if err != nil {
		return usageErrorf("solve: --algorithm: %v", err)
	}
	if *timeLimit < 0 || *iterLimit < 0 {
		return usageErrorf("solve: limits must not be negative")
	}
	path := pos[0]

	p, err := lp.ReadMPSFile(path)
	if err != nil {
		return usageErrorf("solve: %v", err)
	}
	readSecs := time.Since(start).Seconds()
	s, err := clp.New()
	if err != nil {
		return fmt.Errorf("solve: %w", err)
	}
	defer s.Close()
	if err := s.Load(p); err != nil {
		return usageErrorf("solve: %s: %v", path, err)
	}
	opt := lp.Options{Algorithm: alg, NoPresolve: !*presolve, TimeLimit: *timeLimit, IterationLimit: *iterLimit}
	if *verbose {
		opt.Log = stderr
		fmt.Fprintf(stderr, "blueprint: %s: %d rows, %d columns, %d nonzeros, read in %.3fs\n",
			path, p.NumRows(), p.NumCols(), p.NumNonzeros(), readSecs)
	}
	sol, err := s.Solve(ctx, opt)
	if err != nil {
		return fmt.Errorf("solve %s: %w", path, err)
	}
	if *solFile != "" && sol.X != nil {
		if err := writeSolutionCSV(*solFile, p, sol); err != nil {
			return fmt.Errorf("solve: %w", err)
		}
	}
	res := solveResult{
		File: path, Status: sol.Status.String(), Objective: sol.Objective,
		Iterations: sol.Iterations, Seconds: sol.Seconds, ReadSeconds: readSecs,
		TotalSeconds: time.Since(start).Seconds(),
		Rows:         p.NumRows(), Cols: p.NumCols(), Nonzeros: p.NumNonzeros(),
		Algorithm: alg.String(), Presolve: *presolve,
		RawStatus: sol.RawStatus, RawSecondary: sol.RawSecondary,
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("solve: %w", err)
		}
	} else {
		fmt.Fprintf(stdout, "file        %s\n", res.File)
		fmt.Fprintf(stdout, "size        %d rows, %d columns, %d nonzeros\n", res.Rows, res.Cols, res.Nonzeros)
		fmt.Fprintf(stdout, "status      %s\n", res.Status)
		fmt.Fprintf(stdout, "objective   %s\n", strconv.FormatFloat(res.Objective, 'g', 15, 64))
		fmt.Fprintf(stdout, "iterations  %d\n", res.Iterations)
		fmt.Fprintf(stdout, "seconds     %.3f solve, %.3f read, %.3f total\n", res.Seconds, res.ReadSeconds, res.TotalSeconds)
	}
	return statusError("solve "+path, sol.Status)
}

// statusError maps a non-optimal status to the CLI's exit codes: 3 for
// infeasible or unbounded, 4 for a time or iteration limit, 1 otherwise.
func statusError(what string, st lp.Status) error {
	err := st.Err()
	if err == nil {
		return nil
	}
	err = fmt.Errorf("%s: %w", what, err)
	switch st {
	case lp.Infeasible, lp.Unbounded:
		return withCode(exitInfeasible, err)
	case lp.TimeLimit, lp.IterationLimit:
		return withCode(exitLimit, err)
	}
	return err
}

// writeSolutionCSV writes one line per column and per row:
// kind,index,name,value,dual where value is x (columns) or the row
// activity (rows), and dual is the reduced cost or the row dual.
func writeSolutionCSV(path string, p *lp.Problem, sol *lp.Solution) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	w := csv.NewWriter(f)
	rec := make([]string, 5)
	w.Write([]string{"kind", "index", "name", "value", "dual"})
	put := func(kind string, i int, name string, v, d float64) {
		rec[0], rec[1], rec[2] = kind, strconv.Itoa(i), name
		rec[3] = strconv.FormatFloat(v, 'g', -1, 64)
		rec[4] = strconv.FormatFloat(d, 'g', -1, 64)
		w.Write(rec)
	}
	for j := range sol.X {
		d := 0.0
		if sol.ReducedCost != nil {
			d = sol.ReducedCost[j]
		}
		put("col", j, p.Col(j), sol.X[j], d)
	}
	for i := range sol.RowActivity {
		d := 0.0
		if sol.Dual != nil {
			d = sol.Dual[i]
		}
		put("row", i, p.Row(i), sol.RowActivity[i], d)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// clpVersion returns the linked Clp version, or "not available" in a build
// without cgo.
func clpVersion() string {
	if v := clp.Version(); v != "" {
		return v
	}
	return "not available (built without cgo)"
}
