package lp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Status is the outcome of a solve. The zero value is StatusUnknown.
type Status int8

const (
	// StatusUnknown means the solver has not reported a status (or
	// reported one Blueprint does not know; see Solution.RawStatus).
	StatusUnknown Status = iota
	// Optimal: an optimal basic solution was found.
	Optimal
	// Infeasible: the problem is primal infeasible; Solution.Ray may hold
	// a Farkas certificate.
	Infeasible
	// Unbounded: the objective can be improved without limit (the problem
	// is dual infeasible).
	Unbounded
	// TimeLimit: the time limit (Options.TimeLimit or the context's
	// deadline) stopped the solve; X holds the best point reached.
	TimeLimit
	// IterationLimit: Options.IterationLimit stopped the solve.
	IterationLimit
	// Numerical: the solver gave up because of numerical difficulties.
	Numerical
	// Stopped: the solve was interrupted (context cancelled or an event
	// handler stopped it).
	Stopped
)

var statusNames = [...]string{"unknown", "optimal", "infeasible", "unbounded", "time-limit", "iteration-limit", "numerical", "stopped"}

// String returns the status in lower case with dashes: "optimal",
// "infeasible", "time-limit", ...
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Err returns nil for Optimal, the matching sentinel error (ErrInfeasible,
// ErrUnbounded, ErrTimeLimit, ErrIterationLimit, ErrNumerical, ErrStopped)
// otherwise, and ErrUnknownStatus for StatusUnknown. Callers that need an
// optimum can write `if err := sol.Status.Err(); err != nil`.
func (s Status) Err() error {
	switch s {
	case Optimal:
		return nil
	case Infeasible:
		return ErrInfeasible
	case Unbounded:
		return ErrUnbounded
	case TimeLimit:
		return ErrTimeLimit
	case IterationLimit:
		return ErrIterationLimit
	case Numerical:
		return ErrNumerical
	case Stopped:
		return ErrStopped
	}
	return ErrUnknownStatus
}

// Sentinel errors. Solve never returns these for a non-optimal status (the
// status is in the Solution); they exist for [Status.Err] and for callers
// that turn a status into an error.
var (
	ErrInfeasible     = errors.New("lp: problem is infeasible")
	ErrUnbounded      = errors.New("lp: problem is unbounded")
	ErrTimeLimit      = errors.New("lp: time limit reached")
	ErrIterationLimit = errors.New("lp: iteration limit reached")
	ErrNumerical      = errors.New("lp: numerical difficulties")
	ErrStopped        = errors.New("lp: solve stopped")
	ErrUnknownStatus  = errors.New("lp: solver status unknown")
	// ErrUnavailable is returned by solvers that were not compiled in
	// (package clp built without cgo).
	ErrUnavailable = errors.New("lp: solver not available")
	// ErrNotLoaded is returned by Solver methods called before Load.
	ErrNotLoaded = errors.New("lp: no problem loaded")
	// ErrClosed is returned by Solver methods called after Close.
	ErrClosed = errors.New("lp: solver is closed")
)

// Algorithm selects the solve method. The zero value is DualSimplex.
type Algorithm int8

const (
	// DualSimplex is the dual simplex method (the default).
	DualSimplex Algorithm = iota
	// PrimalSimplex is the primal simplex method.
	PrimalSimplex
	// Barrier is an interior-point method followed by crossover to a basic
	// solution.
	Barrier
)

var algorithmNames = [...]string{"dual", "primal", "barrier"}

// String returns "dual", "primal" or "barrier".
func (a Algorithm) String() string {
	if a >= 0 && int(a) < len(algorithmNames) {
		return algorithmNames[a]
	}
	return fmt.Sprintf("Algorithm(%d)", int(a))
}

// ParseAlgorithm parses "dual", "primal" or "barrier" (case-insensitive).
func ParseAlgorithm(s string) (Algorithm, error) {
	for i, n := range algorithmNames {
		if strings.EqualFold(s, n) {
			return Algorithm(i), nil
		}
	}
	return 0, fmt.Errorf("lp: unknown algorithm %q (want dual, primal or barrier)", s)
}

// Options control one call of [Solver.Solve]. The zero value means: dual
// simplex, presolve on, no limits, silent.
type Options struct {
	// Algorithm for a cold solve. Warm re-solves (after Solve succeeded
	// once and the problem was changed in place) use the simplex method
	// that suits the change from the current basis, without presolve.
	Algorithm Algorithm
	// NoPresolve turns presolve off (it is on by default for cold solves).
	NoPresolve bool
	// TimeLimit stops the solve after this wall time; 0 means none. A
	// context deadline, if earlier, wins.
	TimeLimit time.Duration
	// IterationLimit stops the solve after this many iterations; 0 means
	// none.
	IterationLimit int
	// Log receives the solver's log; nil means silent.
	Log io.Writer
	// Cold forces a solve from scratch even when a basis is available.
	Cold bool
}

// BasisStatus is the status of one column or row (slack) in a simplex
// basis. The values and their order are Clp's (ClpSimplex::Status):
// 0 free, 1 basic, 2 at upper bound, 3 at lower bound, 4 superbasic,
// 5 fixed.
type BasisStatus int8

const (
	// Free: a nonbasic free variable (value zero).
	Free BasisStatus = iota
	// Basic: in the basis.
	Basic
	// AtUpper: nonbasic at its upper bound.
	AtUpper
	// AtLower: nonbasic at its lower bound.
	AtLower
	// Superbasic: nonbasic strictly between its bounds.
	Superbasic
	// Fixed: nonbasic with equal bounds.
	Fixed
)

var basisNames = [...]string{"free", "basic", "at-upper", "at-lower", "superbasic", "fixed"}

// String returns "free", "basic", "at-upper", "at-lower", "superbasic" or
// "fixed".
func (b BasisStatus) String() string {
	if b >= 0 && int(b) < len(basisNames) {
		return basisNames[b]
	}
	return fmt.Sprintf("BasisStatus(%d)", int(b))
}

// Basis is a simplex basis: one status per column and one per row. For a
// row, the status is that of its slack (row activity): AtLower means the
// activity is at RowLower.
type Basis struct {
	Cols, Rows []BasisStatus
}

// Solution is the result of a solve. All slices are copies owned by the
// caller.
type Solution struct {
	// Status is the outcome; RawStatus and RawSecondary are the solver's
	// own codes (for Clp: status() and secondaryStatus()).
	Status                  Status
	RawStatus, RawSecondary int
	// Objective is c'x + ObjOffset at X, in the problem's sense.
	Objective float64
	// X holds the column values; RowActivity the row activities A x.
	X, RowActivity []float64
	// Dual holds each row's dual value: the derivative of the objective
	// (in the problem's sense) with respect to the row's active bound.
	// For a minimisation, a binding >= row has Dual >= 0 and a binding
	// <= row has Dual <= 0; for a maximisation the signs flip.
	Dual []float64
	// ReducedCost holds c - A'y for each column, with y = Dual.
	ReducedCost []float64
	// Ray, when Status is Infeasible and the solver provides one, is a
	// Farkas certificate: a vector y over the rows such that no x within
	// the column bounds makes y'(A x) reach the bound implied by the row
	// bounds (see CheckFarkas). Nil otherwise.
	Ray []float64
	// Iterations is the solver's iteration count for this solve.
	Iterations int
	// Seconds is the solver's own wall time for this solve.
	Seconds float64
}

// Solver solves Problems. An implementation holds one loaded problem and
// its current basis; it is not safe for concurrent use (use one Solver per
// goroutine).
type Solver interface {
	// Load copies p into the solver, replacing any previous problem and
	// basis. p is not retained.
	Load(p *Problem) error
	// Solve solves the loaded problem. The first call after Load is cold;
	// later calls start from the current basis (warm) unless opt.Cold.
	// A non-optimal status is not an error: the error is non-nil only for
	// failures (nothing loaded, solver failure, or ctx already done, in
	// which case it wraps ctx.Err()).
	Solve(ctx context.Context, opt Options) (*Solution, error)
	// SetObjective sets the objective coefficient of each listed column.
	SetObjective(cols []int32, vals []float64) error
	// SetColBounds sets the bounds of each listed column.
	SetColBounds(cols []int32, lo, hi []float64) error
	// SetRowBounds sets the bounds of each listed row.
	SetRowBounds(rows []int32, lo, hi []float64) error
	// Basis returns a copy of the current basis.
	Basis() (*Basis, error)
	// SetBasis installs b as the starting basis of the next Solve.
	SetBasis(b *Basis) error
	// Close releases the solver's resources. It is idempotent.
	Close() error
}
