package pathway

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"blueprint/lp"
	"blueprint/model"
	"blueprint/osemosys"
)

// Session solves a sequence of related models with one solver, warm-starting
// each solve from the last optimal basis when only costs or bounds changed:
// a carbon-price sweep (the MACC), the explorer's sliders, an ensemble over
// cost assumptions. When a model's LP has the same rows, columns and matrix
// as the one loaded, Session changes only the objective coefficients and
// bounds that differ and re-solves (Clp uses primal simplex from the last
// basis when only costs changed, dual when bounds changed); otherwise it
// loads the new LP cold. A Session is not safe for concurrent use.
type Session struct {
	newSolver NewSolver
	opt       Options
	s         lp.Solver
	loaded    *lp.Problem // the problem the solver holds, as last set
}

// NewSession returns a session that makes its solver with newSolver on the
// first Solve and solves with opt.
func NewSession(newSolver NewSolver, opt Options) *Session {
	return &Session{newSolver: newSolver, opt: opt}
}

// Solve builds m's LP and solves it, warm when the LP's structure matches
// the previous solve's (Run.Warm tells). Results and conflicts are as for
// [Solve].
func (s *Session) Solve(ctx context.Context, m *model.Model) (*Run, error) {
	log := s.opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t0 := time.Now()
	l, err := osemosys.Build(m)
	if err != nil {
		return nil, fmt.Errorf("build %s: %w", m.Name, err)
	}
	run := &Run{LP: l, BuildSeconds: time.Since(t0).Seconds()}
	p := l.Problem
	log.Info("built", "model", m.Name, "rows", p.NumRows(), "cols", p.NumCols(), "nnz", p.NumNonzeros(), "secs", run.BuildSeconds)
	t1 := time.Now()
	if s.s == nil {
		if s.s, err = s.newSolver(); err != nil {
			return nil, err
		}
	}
	offsetShift := 0.0
	if s.loaded != nil && sameStructure(s.loaded, p) {
		if err := s.update(p); err != nil {
			return nil, fmt.Errorf("update %s in the solver: %w", m.Name, err)
		}
		offsetShift = p.ObjOffset - s.loaded.ObjOffset
		run.Warm = true
	} else {
		if err := s.s.Load(p); err != nil {
			s.loaded = nil
			return nil, fmt.Errorf("load %s into the solver: %w", m.Name, err)
		}
		s.loaded = p
	}
	sol, err := s.s.Solve(ctx, s.opt.Solve)
	if err != nil {
		return nil, fmt.Errorf("solve %s: %w", m.Name, err)
	}
	// The solver keeps the offset of the problem it loaded; a changed
	// constant (exogenous emissions under a new price) is added here.
	sol.Objective += offsetShift
	run.Solution = sol
	run.SolveSeconds = time.Since(t1).Seconds()
	run.Iterations = sol.Iterations
	log.Info("solved", "model", m.Name, "status", sol.Status.String(), "warm", run.Warm, "iters", sol.Iterations, "secs", run.SolveSeconds)
	return run, finish(ctx, run, m, s.newSolver, s.opt, log)
}

// update sets in the solver the costs and bounds of p that differ from the
// loaded problem, then remembers p (keeping the loaded offset).
func (s *Session) update(p *lp.Problem) error {
	old := s.loaded
	var cols []int32
	var vals []float64
	for j, c := range p.Obj {
		if c != old.Obj[j] {
			cols = append(cols, int32(j))
			vals = append(vals, c)
		}
	}
	if len(cols) > 0 {
		if err := s.s.SetObjective(cols, vals); err != nil {
			return err
		}
	}
	cols, lo, hi := changed(old.ColLower, old.ColUpper, p.ColLower, p.ColUpper)
	if len(cols) > 0 {
		if err := s.s.SetColBounds(cols, lo, hi); err != nil {
			return err
		}
	}
	rows, lo, hi := changed(old.RowLower, old.RowUpper, p.RowLower, p.RowUpper)
	if len(rows) > 0 {
		if err := s.s.SetRowBounds(rows, lo, hi); err != nil {
			return err
		}
	}
	offset := old.ObjOffset
	np := *p
	np.ObjOffset = offset
	s.loaded = &np
	return nil
}

func changed(oldLo, oldHi, lo, hi []float64) (idx []int32, l, h []float64) {
	for i := range lo {
		if lo[i] != oldLo[i] || hi[i] != oldHi[i] {
			idx = append(idx, int32(i))
			l = append(l, lo[i])
			h = append(h, hi[i])
		}
	}
	return idx, l, h
}

// sameStructure reports whether a and b have the same dimensions, sense and
// constraint matrix, so that b can be solved by changing a's costs and bounds.
func sameStructure(a, b *lp.Problem) bool {
	return a.Sense == b.Sense && a.NumCols() == b.NumCols() && a.NumRows() == b.NumRows() &&
		slices.Equal(a.Start, b.Start) && slices.Equal(a.Index, b.Index) && slices.Equal(a.Value, b.Value)
}

// Close releases the session's solver. It is idempotent.
func (s *Session) Close() error {
	if s.s == nil {
		return nil
	}
	err := s.s.Close()
	s.s, s.loaded = nil, nil
	return err
}
