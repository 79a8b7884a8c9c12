//go:build cgo

// Package clp binds COIN-OR Clp, the simplex and barrier LP solver, through
// its C interface (coin/Clp_C_Interface.h, Debian coinor-libclp-dev). It is
// the only package of Blueprint that uses cgo. [Solver] implements
// [lp.Solver].
//
// # Memory
//
// Each Solver owns one Clp_Simplex in C memory. Close frees it; a finalizer
// frees it too if Close was forgotten, but only as a safety net. No C
// pointer leaves the package, and every slice handed back is a Go copy.
// Go arrays are passed to C one whole array per call and C keeps none.
//
// # Concurrency
//
// A Solver is not safe for concurrent use; use one Solver per goroutine.
// Distinct Solvers may solve concurrently.
//
// # Clp quirks handled here
//
//   - Clp stores the objective offset negated (the objective is c'x -
//     offset); see jump-dev/Clp.jl's MOI wrapper. Load passes -ObjOffset.
//   - Clp's time limit (setMaximumSeconds) counts process CPU time
//     (CoinCpuTime, getrusage of the whole process), not wall time: with
//     other busy goroutines it fires early. The wall-clock limit
//     (ClpMaxWallSeconds) is not reachable from the C interface.
//   - Clp logs to C's stdout. At log level 0 it prints nothing; when a log
//     writer is wanted we register a message callback that formats each
//     message into the writer, so Clp never writes to our stdout.
//   - Clp_infeasibilityRay and Clp_unboundedRay return arrays the caller
//     must free with Clp_freeRay.
package clp

/*
#cgo pkg-config: clp
#include <stdint.h>
#include <stdlib.h>
#include <coin/Clp_C_Interface.h>

extern void blueprintClpLog(Clp_Simplex *model, int msgno, int ndouble, const double *dvec, int nint, const int *ivec, int nchar, char **cvec);

static void bpSetLogCallback(Clp_Simplex *m, uintptr_t h) {
	Clp_setUserPointer(m, (void *)h);
	Clp_registerCallBack(m, (clp_callback)blueprintClpLog);
}
static void bpClearLogCallback(Clp_Simplex *m) {
	Clp_clearCallBack(m);
	Clp_setUserPointer(m, NULL);
}
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/cgo"
	"sync/atomic"
	"time"
	"unsafe"

	"blueprint/lp"
)

// Clp's CoinBigIndex (the type of column starts) must be a 32-bit int so
// that lp.Problem.Start ([]int32) can be passed without conversion; this
// line fails to compile otherwise.
var _ [unsafe.Sizeof(C.CoinBigIndex(0)) - 4]struct{}
var _ [4 - unsafe.Sizeof(C.CoinBigIndex(0))]struct{}
var _ [unsafe.Sizeof(C.int(0)) - 4]struct{}

// Version returns the version of the linked Clp library, for example
// "1.17.6".
func Version() string { return C.GoString(C.Clp_Version()) }

// Solver is a Clp model implementing [lp.Solver]. Create it with [New] and
// release it with Close.
type Solver struct {
	m unsafe.Pointer // Clp_Simplex* (void* in the C interface)

	ncols, nrows int
	sense        lp.Sense
	offset       float64
	loaded       bool
	// Go copies of the data the in-place setters change, made from Clp's
	// arrays on the first change; the whole array is handed to Clp after
	// each change.
	obj, colLo, colUp, rowLo, rowUp []float64

	hasBasis     bool // a solve ran or SetBasis was called
	costChanged  bool // objective changed since the last solve
	boundChanged bool // bounds changed since the last solve
	stop         atomic.Bool
}

var _ lp.Solver = (*Solver)(nil)

// New returns an empty Clp solver with logging off.
func New() (*Solver, error) {
	m := C.Clp_newModel()
	if m == nil {
		return nil, errors.New("clp: Clp_newModel returned NULL")
	}
	C.Clp_setLogLevel(m, 0)
	s := &Solver{m: m}
	runtime.SetFinalizer(s, (*Solver).free)
	return s, nil
}

func (s *Solver) free() {
	if s.m != nil {
		C.Clp_deleteModel(s.m)
		s.m = nil
	}
}

// Close frees the Clp model. It is idempotent; other methods return
// lp.ErrClosed afterwards.
func (s *Solver) Close() error {
	runtime.SetFinalizer(s, nil)
	s.free()
	return nil
}

func (s *Solver) check() error {
	if s.m == nil {
		return lp.ErrClosed
	}
	return nil
}

func (s *Solver) checkLoaded() error {
	if s.m == nil {
		return lp.ErrClosed
	}
	if !s.loaded {
		return lp.ErrNotLoaded
	}
	return nil
}

// copies makes the Go copies of the objective and bounds from Clp's
// arrays (where infinite bounds are ±COIN_DBL_MAX, which Clp reads back as
// infinite).
func (s *Solver) copies() {
	if s.obj != nil {
		return
	}
	s.obj = copyOut(C.Clp_getObjCoefficients(s.m), s.ncols)
	s.colLo = copyOut(C.Clp_getColLower(s.m), s.ncols)
	s.colUp = copyOut(C.Clp_getColUpper(s.m), s.ncols)
	s.rowLo = copyOut(C.Clp_getRowLower(s.m), s.nrows)
	s.rowUp = copyOut(C.Clp_getRowUpper(s.m), s.nrows)
}

// ptr returns a C pointer to the first element of v, or nil when v is
// empty.
func ptr[T, P any](v []T) *P {
	if len(v) == 0 {
		return nil
	}
	return (*P)(unsafe.Pointer(&v[0]))
}

// Load validates p (see [lp.Problem.Validate]) and copies it into Clp,
// replacing any previous problem and basis.
func (s *Solver) Load(p *lp.Problem) error {
	if err := s.check(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("clp: load: %w", err)
	}
	n, m := p.NumCols(), p.NumRows()
	s.ncols, s.nrows = n, m
	s.sense, s.offset = p.Sense, p.ObjOffset
	s.obj, s.colLo, s.colUp, s.rowLo, s.rowUp = nil, nil, nil, nil, nil
	start := p.Start
	if len(start) == 0 {
		start = []int32{0}
	}
	// Clp turns bounds beyond ±1e27 (so ±Inf) into ±COIN_DBL_MAX itself.
	C.Clp_loadProblem(s.m, C.int(n), C.int(m),
		ptr[int32, C.CoinBigIndex](start), ptr[int32, C.int](p.Index), ptr[float64, C.double](p.Value),
		ptr[float64, C.double](p.ColLower), ptr[float64, C.double](p.ColUpper), ptr[float64, C.double](p.Obj),
		ptr[float64, C.double](p.RowLower), ptr[float64, C.double](p.RowUpper))
	if int(C.Clp_numberColumns(s.m)) != n || int(C.Clp_numberRows(s.m)) != m {
		return fmt.Errorf("clp: load: Clp_loadProblem kept %d columns and %d rows, want %d and %d",
			int(C.Clp_numberColumns(s.m)), int(C.Clp_numberRows(s.m)), n, m)
	}
	// Clp's objective is c'x - offset (it stores the offset negated).
	C.Clp_setObjectiveOffset(s.m, C.double(-p.ObjOffset))
	dir := 1.0
	if p.Sense == lp.Maximize {
		dir = -1
	}
	C.Clp_setOptimizationDirection(s.m, C.double(dir))
	s.loaded = true
	s.hasBasis, s.costChanged, s.boundChanged = false, false, false
	return nil
}

// SetObjective sets the objective coefficient of each column in cols.
func (s *Solver) SetObjective(cols []int32, vals []float64) error {
	if err := s.checkLoaded(); err != nil {
		return err
	}
	if len(vals) != len(cols) {
		return fmt.Errorf("clp: set objective: %d columns but %d values", len(cols), len(vals))
	}
	for k, j := range cols {
		if j < 0 || int(j) >= s.ncols {
			return fmt.Errorf("clp: set objective: column %d out of range [0,%d)", j, s.ncols)
		}
		if v := vals[k]; math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("clp: set objective: column %d: coefficient %v is not finite", j, v)
		}
	}
	s.copies()
	for k, j := range cols {
		s.obj[j] = vals[k]
	}
	C.Clp_chgObjCoefficients(s.m, ptr[float64, C.double](s.obj))
	s.costChanged = true
	return nil
}

func checkBounds(what string, idx []int32, lo, hi []float64, n int) error {
	if len(lo) != len(idx) || len(hi) != len(idx) {
		return fmt.Errorf("clp: set %s bounds: %d indices but %d lower and %d upper bounds", what, len(idx), len(lo), len(hi))
	}
	for k, j := range idx {
		if j < 0 || int(j) >= n {
			return fmt.Errorf("clp: set %s bounds: %s %d out of range [0,%d)", what, what, j, n)
		}
		if math.IsNaN(lo[k]) || math.IsNaN(hi[k]) || lo[k] > hi[k] || math.IsInf(lo[k], 1) || math.IsInf(hi[k], -1) {
			return fmt.Errorf("clp: set %s bounds: %s %d: bad bounds [%v, %v]", what, what, j, lo[k], hi[k])
		}
	}
	return nil
}

// SetColBounds sets the bounds of each column in cols.
func (s *Solver) SetColBounds(cols []int32, lo, hi []float64) error {
	if err := s.checkLoaded(); err != nil {
		return err
	}
	if err := checkBounds("column", cols, lo, hi, s.ncols); err != nil {
		return err
	}
	s.copies()
	for k, j := range cols {
		s.colLo[j], s.colUp[j] = lo[k], hi[k]
	}
	C.Clp_chgColumnLower(s.m, ptr[float64, C.double](s.colLo))
	C.Clp_chgColumnUpper(s.m, ptr[float64, C.double](s.colUp))
	s.boundChanged = true
	return nil
}

// SetRowBounds sets the bounds of each row in rows.
func (s *Solver) SetRowBounds(rows []int32, lo, hi []float64) error {
	if err := s.checkLoaded(); err != nil {
		return err
	}
	if err := checkBounds("row", rows, lo, hi, s.nrows); err != nil {
		return err
	}
	s.copies()
	for k, i := range rows {
		s.rowLo[i], s.rowUp[i] = lo[k], hi[k]
	}
	C.Clp_chgRowLower(s.m, ptr[float64, C.double](s.rowLo))
	C.Clp_chgRowUpper(s.m, ptr[float64, C.double](s.rowUp))
	s.boundChanged = true
	return nil
}

// Basis returns a copy of the current basis. It fails before the first
// solve (or SetBasis).
func (s *Solver) Basis() (*lp.Basis, error) {
	if err := s.checkLoaded(); err != nil {
		return nil, err
	}
	if !s.hasBasis || C.Clp_statusExists(s.m) == 0 {
		return nil, errors.New("clp: basis: no basis yet (solve first)")
	}
	st := C.Clp_statusArray(s.m)
	if st == nil {
		return nil, errors.New("clp: basis: Clp_statusArray returned NULL")
	}
	// Clp's status array holds the columns then the rows; the low three
	// bits are the ClpSimplex::Status, the others are internal flags.
	raw := unsafe.Slice((*byte)(unsafe.Pointer(st)), s.ncols+s.nrows)
	b := &lp.Basis{Cols: make([]lp.BasisStatus, s.ncols), Rows: make([]lp.BasisStatus, s.nrows)}
	for j := range b.Cols {
		b.Cols[j] = lp.BasisStatus(raw[j] & 7)
	}
	for i := range b.Rows {
		b.Rows[i] = lp.BasisStatus(raw[s.ncols+i] & 7)
	}
	return b, nil
}

// SetBasis installs b as the starting basis of the next Solve, which will
// be warm.
func (s *Solver) SetBasis(b *lp.Basis) error {
	if err := s.checkLoaded(); err != nil {
		return err
	}
	if b == nil || len(b.Cols) != s.ncols || len(b.Rows) != s.nrows {
		if b == nil {
			return errors.New("clp: set basis: nil basis")
		}
		return fmt.Errorf("clp: set basis: basis has %d columns and %d rows, problem has %d and %d",
			len(b.Cols), len(b.Rows), s.ncols, s.nrows)
	}
	raw := make([]byte, s.ncols+s.nrows)
	for j, v := range b.Cols {
		if v < lp.Free || v > lp.Fixed {
			return fmt.Errorf("clp: set basis: column %d: bad status %d", j, v)
		}
		raw[j] = byte(v)
	}
	for i, v := range b.Rows {
		if v < lp.Free || v > lp.Fixed {
			return fmt.Errorf("clp: set basis: row %d: bad status %d", i, v)
		}
		raw[s.ncols+i] = byte(v)
	}
	C.Clp_copyinStatus(s.m, ptr[byte, C.uchar](raw))
	s.hasBasis = true
	s.boundChanged = true // the primal values may not match the basis: use dual
	return nil
}

// Solve solves the loaded problem; see [lp.Solver]. A cold solve uses
// opt.Algorithm with presolve unless opt.NoPresolve. A warm solve (after a
// previous solve, unless opt.Cold) starts from the current basis without
// presolve: primal simplex when only objective coefficients changed (the
// basis stays primal feasible), dual simplex otherwise (the basis stays
// dual feasible after bound changes).
//
// Cancelling ctx during a solve asks Clp to stop at its next iteration
// check (status lp.Stopped, or lp.TimeLimit for a deadline); a cold solve
// with presolve runs on Clp's presolved copy, which only the time limit
// reaches, so ctx's deadline is also passed to Clp as its time limit.
func (s *Solver) Solve(ctx context.Context, opt lp.Options) (*lp.Solution, error) {
	if err := s.checkLoaded(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("clp: solve: %w", err)
	}
	if opt.Algorithm < lp.DualSimplex || opt.Algorithm > lp.Barrier {
		return nil, fmt.Errorf("clp: solve: unknown algorithm %d", opt.Algorithm)
	}
	if opt.IterationLimit < 0 || opt.TimeLimit < 0 {
		return nil, fmt.Errorf("clp: solve: negative limit (iterations %d, time %v)", opt.IterationLimit, opt.TimeLimit)
	}

	// Limits.
	maxIter := math.MaxInt32
	if opt.IterationLimit > 0 && opt.IterationLimit < maxIter {
		maxIter = opt.IterationLimit
	}
	C.Clp_setMaximumIterations(s.m, C.int(maxIter))
	limit := opt.TimeLimit
	if dl, ok := ctx.Deadline(); ok {
		if d := time.Until(dl); limit == 0 || d < limit {
			limit = max(d, time.Millisecond)
		}
	}
	if limit > 0 {
		C.Clp_setMaximumSeconds(s.m, C.double(limit.Seconds()))
	} else {
		C.Clp_setMaximumSeconds(s.m, -1)
	}

	// Log.
	var h cgo.Handle
	if opt.Log != nil {
		h = cgo.NewHandle(&logger{w: opt.Log})
		C.bpSetLogCallback(s.m, C.uintptr_t(h))
		C.Clp_setLogLevel(s.m, 1)
	} else {
		C.Clp_setLogLevel(s.m, 0)
	}

	// Cancellation: a watcher lowers Clp's iteration limit to zero, which
	// its simplex loops check every iteration.
	s.stop.Store(false)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		select {
		case <-ctx.Done():
			s.stop.Store(true)
			C.Clp_setMaximumIterations(s.m, 0)
		case <-done:
		}
	}()

	warm := s.hasBasis && !opt.Cold
	start := time.Now()
	var ret C.int
	if warm {
		if s.costChanged && !s.boundChanged || opt.Algorithm == lp.PrimalSimplex && !s.boundChanged {
			// ifValuesPass=1 (as ClpSolve's primal driver calls it): start
			// from the previous optimum's values. On sweden_se's first
			// carbon-price step this takes 181 iterations where
			// Clp_primal(m, 0) from the same basis took 5926.
			ret = C.Clp_primal(s.m, 1)
		} else {
			ret = C.Clp_dual(s.m, 0)
		}
	} else {
		so := C.ClpSolve_new()
		method := C.int(0) // ClpSolve::useDual
		switch opt.Algorithm {
		case lp.PrimalSimplex:
			method = 1 // usePrimal
		case lp.Barrier:
			method = 3 // useBarrier (with crossover)
		}
		C.ClpSolve_setSolveType(so, method, -1)
		pre := C.int(0) // presolveOn
		if opt.NoPresolve {
			pre = 1 // presolveOff
		}
		C.ClpSolve_setPresolveType(so, pre, -1)
		ret = C.Clp_initialSolveWithOptions(s.m, so)
		C.ClpSolve_delete(so)
		if opt.Algorithm == lp.Barrier && C.Clp_status(s.m) == 0 && !s.stop.Load() {
			// Clp's barrier reports "optimal" on unbounded problems (seen
			// with Clp 1.17.6 on a two-column LP); a primal simplex pass
			// from the crossover basis confirms optimality in zero
			// iterations or finds the unbounded ray.
			it := C.Clp_numberIterations(s.m)
			ret = C.Clp_primal(s.m, 0)
			C.Clp_setNumberIterations(s.m, it+C.Clp_numberIterations(s.m))
		}
	}
	secs := time.Since(start).Seconds()
	close(done)
	<-finished
	if opt.Log != nil {
		C.bpClearLogCallback(s.m)
		C.Clp_setLogLevel(s.m, 0)
		h.Delete()
	}
	_ = ret // the status below carries the outcome
	s.hasBasis = C.Clp_statusExists(s.m) != 0
	s.costChanged, s.boundChanged = false, false

	sol := &lp.Solution{
		RawStatus:    int(C.Clp_status(s.m)),
		RawSecondary: int(C.Clp_secondaryStatus(s.m)),
		Objective:    float64(C.Clp_getObjValue(s.m)),
		Iterations:   int(C.Clp_numberIterations(s.m)),
		Seconds:      secs,
	}
	sol.Status = s.status(sol.RawStatus, sol.RawSecondary, sol.Iterations, opt, limit, ctx)
	sol.X = copyOut(C.Clp_getColSolution(s.m), s.ncols)
	sol.RowActivity = copyOut(C.Clp_getRowActivity(s.m), s.nrows)
	sol.Dual = copyOut(C.Clp_getRowPrice(s.m), s.nrows)
	sol.ReducedCost = copyOut(C.Clp_getReducedCost(s.m), s.ncols)
	if sol.Status == lp.Infeasible {
		if r := C.Clp_infeasibilityRay(s.m); r != nil {
			sol.Ray = copyOut(r, s.nrows)
			C.Clp_freeRay(s.m, r)
		}
	}
	return sol, nil
}

// status maps Clp's status and secondary status to lp.Status (the one
// place that does). Clp: 0 optimal, 1 primal infeasible, 2 dual
// infeasible, 3 stopped on iterations or time, 4 stopped on errors, 5
// stopped by an event handler; secondary 9 means status 3 was caused by
// the time limit.
func (s *Solver) status(raw, sec, iters int, opt lp.Options, limit time.Duration, ctx context.Context) lp.Status {
	switch raw {
	case 0:
		return lp.Optimal
	case 1:
		return lp.Infeasible
	case 2:
		return lp.Unbounded
	case 3:
		switch {
		case s.stop.Load():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return lp.TimeLimit
			}
			return lp.Stopped
		case sec == 9:
			return lp.TimeLimit
		case opt.IterationLimit > 0 && iters >= opt.IterationLimit:
			return lp.IterationLimit
		case limit > 0:
			return lp.TimeLimit
		}
		return lp.IterationLimit
	case 4:
		return lp.Numerical
	case 5:
		return lp.Stopped
	}
	return lp.StatusUnknown
}

// copyOut copies n doubles from C memory into a new Go slice; nil when p
// is NULL.
func copyOut(p *C.double, n int) []float64 {
	if p == nil {
		return nil
	}
	out := make([]float64, n)
	if n > 0 {
		copy(out, unsafe.Slice((*float64)(unsafe.Pointer(p)), n))
	}
	return out
}
