// Package pathway turns a model into an optimised pathway: it builds the
// OSeMOSYS LP (package osemosys), solves it with an [lp.Solver], explains an
// infeasible model, and reads the solution back into result tables. It is
// the one door through which the CLI, the analyses and the server ask for
// solves; they never reach into the generator or the solver themselves.
package pathway

import (
	"context"
	"log/slog"
	"time"

	"blueprint/lp"
	"blueprint/model"
	"blueprint/osemosys"
	"blueprint/results"
)

// NewSolver makes a fresh solver (for example clp.New). Each run owns the
// solver it makes and closes it.
type NewSolver func() (lp.Solver, error)

// Options control a run.
type Options struct {
	// Solve are the solver options (algorithm, limits, log).
	Solve lp.Options
	// Logger receives progress (stage, rows, cols, nnz, secs); nil is silent.
	Logger *slog.Logger
	// Explain asks for the conflicting constraints of an infeasible
	// model (an elastic re-solve); on by default in the CLI.
	Explain bool
}

// Run is one solved model.
type Run struct {
	// LP is the generated programme with its index maps.
	LP *osemosys.LP
	// Solution is the solver's answer.
	Solution *lp.Solution
	// Results are the result tables (nil unless the solve was optimal).
	Results *results.Results
	// Conflicts explain an infeasible model (see [osemosys.LP.Explain]).
	Conflicts []osemosys.Conflict
	// BuildSeconds and SolveSeconds time the generation and the solve
	// (the solver's own time is Solution.Seconds).
	BuildSeconds, SolveSeconds, ResultSeconds float64
	// Iterations is the solver's simplex iteration count.
	Iterations int
	// Warm reports that a [Session] re-solved from the previous basis
	// instead of loading the problem afresh.
	Warm bool
}

// Solve builds m's LP, solves it and, when optimal, reads the results. A
// non-optimal status is not an error: it is in Run.Solution.Status, with
// Run.Conflicts filled for an infeasible model when opt.Explain is set.
func Solve(ctx context.Context, m *model.Model, newSolver NewSolver, opt Options) (*Run, error) {
	s := NewSession(newSolver, opt)
	defer s.Close()
	return s.Solve(ctx, m)
}

// finish reads the results of an optimal run, or explains an infeasible one.
func finish(ctx context.Context, run *Run, m *model.Model, newSolver NewSolver, opt Options, log *slog.Logger) error {
	switch run.Solution.Status {
	case lp.Optimal:
		t2 := time.Now()
		res, err := run.LP.Results(run.Solution)
		if err != nil {
			return err
		}
		res.Model, res.Scenario = m.Name, m.Scenario
		for _, g := range m.Groups {
			res.Groups = append(res.Groups, results.Group{Technology: g.Technology, Sector: g.Sector, Measure: g.Measure})
		}
		run.Results = res
		run.ResultSeconds = time.Since(t2).Seconds()
	case lp.Infeasible:
		if opt.Explain {
			c, err := run.LP.Explain(ctx, func() (lp.Solver, error) { return newSolver() })
			if err != nil {
				log.Warn("explain failed", "model", m.Name, "err", err)
			}
			run.Conflicts = c
		}
	}
	return nil
}
