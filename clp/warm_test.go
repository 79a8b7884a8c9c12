package clp

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"blueprint/lp"
)

func loadSolver(t testing.TB, p *lp.Problem) *Solver {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Load(p); err != nil {
		t.Fatal(err)
	}
	return s
}

func readNetlib(t testing.TB, name string) *lp.Problem {
	t.Helper()
	path := filepath.Join(netlibDir, name+".mps")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("netlib samples absent (%v): install coinor-libcoinutils-dev", err)
	}
	p, err := lp.ReadMPSFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWarmStart: after changing three costs, the re-solve from the basis
// takes fewer iterations than a cold solve of the changed problem and
// reaches the same objective.
func TestWarmStart(t *testing.T) {
	for _, name := range []string{"afiro", "finnis", "e226"} { // brandy has only two costed columns
		t.Run(name, func(t *testing.T) {
			p := readNetlib(t, name)
			ctx := context.Background()
			s := loadSolver(t, p)
			sol, err := s.Solve(ctx, lp.Options{})
			if err != nil || sol.Status != lp.Optimal {
				t.Fatalf("first solve: %v, %v", sol.Status, err)
			}
			// An unchanged re-solve needs no iterations: the count is per
			// solve.
			again, err := s.Solve(ctx, lp.Options{})
			if err != nil || again.Status != lp.Optimal || again.Iterations != 0 {
				t.Fatalf("unchanged re-solve: %v, %d iterations, %v", again.Status, again.Iterations, err)
			}
			// Raise by 50% the cost of the three columns that contribute
			// most to the objective (then of other costed columns). Raising
			// costs keeps a minimisation over x >= 0 bounded.
			var cols []int32
			var vals []float64
			for len(cols) < 3 {
				best, bestV := -1, 0.0
				for j := 0; j < p.NumCols(); j++ {
					if v := math.Abs(p.Obj[j]*sol.X[j]) + 1e-9*math.Abs(p.Obj[j]); v > bestV && !slices.Contains(cols, int32(j)) {
						best, bestV = j, v
					}
				}
				if best < 0 {
					break
				}
				cols = append(cols, int32(best))
				vals = append(vals, p.Obj[best]+0.5*math.Abs(p.Obj[best]))
			}
			if len(cols) != 3 {
				t.Fatalf("found %d columns to change", len(cols))
			}
			if err := s.SetObjective(cols, vals); err != nil {
				t.Fatal(err)
			}
			warm, err := s.Solve(ctx, lp.Options{})
			if err != nil || warm.Status != lp.Optimal {
				t.Fatalf("warm solve: %v, %v", warm.Status, err)
			}
			q := *p
			q.Obj = append([]float64(nil), p.Obj...)
			for k, j := range cols {
				q.Obj[j] = vals[k]
			}
			cold, err := loadSolver(t, &q).Solve(ctx, lp.Options{})
			if err != nil || cold.Status != lp.Optimal {
				t.Fatalf("cold solve: %v, %v", cold.Status, err)
			}
			t.Logf("%s: first %d iterations; after 3 cost changes warm %d, cold %d", name, sol.Iterations, warm.Iterations, cold.Iterations)
			if warm.Iterations >= cold.Iterations {
				t.Errorf("warm re-solve took %d iterations, cold %d", warm.Iterations, cold.Iterations)
			}
			if math.Abs(warm.Objective-cold.Objective) > 1e-9*math.Abs(cold.Objective) {
				t.Errorf("warm objective %.12g, cold %.12g", warm.Objective, cold.Objective)
			}
			if err := lp.CheckOptimality(&q, warm, 1e-6); err != nil {
				t.Errorf("warm solution: %v", err)
			}
		})
	}
}

// TestBoundChanges: row and column bound changes re-solve (dual simplex
// from the basis) to the same optimum as a cold solve.
func TestBoundChanges(t *testing.T) {
	p := readNetlib(t, "afiro")
	ctx := context.Background()
	s := loadSolver(t, p)
	sol, err := s.Solve(ctx, lp.Options{})
	if err != nil || sol.Status != lp.Optimal {
		t.Fatalf("first solve: %v, %v", sol.Status, err)
	}
	q := *p
	q.ColUpper = append([]float64(nil), p.ColUpper...)
	q.RowLower = append([]float64(nil), p.RowLower...)
	q.RowUpper = append([]float64(nil), p.RowUpper...)
	// Cap the largest column at half its value; loosen row 0 by 1.
	big := 0
	for j := range sol.X {
		if sol.X[j] > sol.X[big] {
			big = j
		}
	}
	q.ColUpper[big] = sol.X[big] / 2
	q.RowLower[0] -= 1
	q.RowUpper[0] += 1
	if err := s.SetColBounds([]int32{int32(big)}, []float64{q.ColLower[big]}, []float64{q.ColUpper[big]}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRowBounds([]int32{0}, []float64{q.RowLower[0]}, []float64{q.RowUpper[0]}); err != nil {
		t.Fatal(err)
	}
	warm, err := s.Solve(ctx, lp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cold, err := loadSolver(t, &q).Solve(ctx, lp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if warm.Status != cold.Status || warm.Status != lp.Optimal {
		t.Fatalf("warm %v, cold %v", warm.Status, cold.Status)
	}
	if math.Abs(warm.Objective-cold.Objective) > 1e-9*math.Abs(cold.Objective) {
		t.Errorf("warm objective %.12g, cold %.12g", warm.Objective, cold.Objective)
	}
	if err := lp.CheckOptimality(&q, warm, 1e-7); err != nil {
		t.Error(err)
	}
}

// TestBasisRoundTrip: a basis taken from one solver and installed in a
// fresh one makes the re-solve start at the optimum (zero iterations).
func TestBasisRoundTrip(t *testing.T) {
	p := readNetlib(t, "brandy")
	ctx := context.Background()
	a := loadSolver(t, p)
	if _, err := a.Basis(); err == nil {
		t.Error("Basis before any solve: want an error")
	}
	sa, err := a.Solve(ctx, lp.Options{})
	if err != nil || sa.Status != lp.Optimal {
		t.Fatalf("%v %v", sa.Status, err)
	}
	basis, err := a.Basis()
	if err != nil {
		t.Fatal(err)
	}
	nb := 0
	for _, v := range append(append([]lp.BasisStatus{}, basis.Cols...), basis.Rows...) {
		if v == lp.Basic {
			nb++
		}
	}
	if nb != p.NumRows() {
		t.Errorf("%d basic variables, want %d (one per row)", nb, p.NumRows())
	}
	b := loadSolver(t, p)
	if err := b.SetBasis(basis); err != nil {
		t.Fatal(err)
	}
	sb, err := b.Solve(ctx, lp.Options{})
	if err != nil || sb.Status != lp.Optimal {
		t.Fatalf("%v %v", sb.Status, err)
	}
	if sb.Iterations != 0 {
		t.Errorf("solve from the optimal basis took %d iterations, want 0", sb.Iterations)
	}
	if math.Abs(sa.Objective-sb.Objective) > 1e-9*math.Abs(sa.Objective) {
		t.Errorf("objective %.12g, want %.12g", sb.Objective, sa.Objective)
	}
	if err := b.SetBasis(&lp.Basis{Cols: basis.Cols[:1], Rows: basis.Rows}); err == nil {
		t.Error("SetBasis with the wrong length: want an error")
	}
}

func TestLimits(t *testing.T) {
	p := readNetlib(t, "finnis")
	ctx := context.Background()
	sol, err := loadSolver(t, p).Solve(ctx, lp.Options{IterationLimit: 5, NoPresolve: true})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.IterationLimit || sol.Iterations > 5 {
		t.Errorf("iteration limit 5: status %v after %d iterations", sol.Status, sol.Iterations)
	}
	if len(sol.X) != p.NumCols() {
		t.Errorf("limit reached: %d values in X, want the point reached (%d)", len(sol.X), p.NumCols())
	}
	if !errors.Is(sol.Status.Err(), lp.ErrIterationLimit) {
		t.Errorf("Status.Err() = %v", sol.Status.Err())
	}

	// A context already done is an error, not a status.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := loadSolver(t, p).Solve(cctx, lp.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err %v, want context.Canceled", err)
	}
	// A time limit of a nanosecond on CPU time stops the solve.
	sol, err = loadSolver(t, p).Solve(ctx, lp.Options{TimeLimit: time.Nanosecond, NoPresolve: true})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != lp.TimeLimit {
		t.Errorf("1ns time limit: status %v (raw %d/%d) after %d iterations", sol.Status, sol.RawStatus, sol.RawSecondary, sol.Iterations)
	}
}

func TestMisuse(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Solve(context.Background(), lp.Options{}); !errors.Is(err, lp.ErrNotLoaded) {
		t.Errorf("solve before load: %v", err)
	}
	bad := &lp.Problem{Obj: []float64{math.NaN()}, ColLower: []float64{0}, ColUpper: []float64{1}, Start: []int32{0, 0}}
	if err := s.Load(bad); err == nil {
		t.Error("NaN objective loaded without error")
	}
	p := readNetlib(t, "afiro")
	if err := s.Load(p); err != nil {
		t.Fatal(err)
	}
	if err := s.SetObjective([]int32{int32(p.NumCols())}, []float64{1}); err == nil {
		t.Error("SetObjective out of range: no error")
	}
	if err := s.SetColBounds([]int32{0}, []float64{2}, []float64{1}); err == nil {
		t.Error("SetColBounds lower > upper: no error")
	}
	if err := s.SetRowBounds([]int32{0}, []float64{1}, nil); err == nil {
		t.Error("SetRowBounds length mismatch: no error")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Solve(context.Background(), lp.Options{}); !errors.Is(err, lp.ErrClosed) {
		t.Errorf("solve after close: %v", err)
	}
}

// TestConcurrent solves two models at once, each in its own goroutine with
// its own Solver (run under -race by make test).
func TestConcurrent(t *testing.T) {
	names := []string{"brandy", "finnis"}
	probs := make([]*lp.Problem, len(names))
	for k, n := range names {
		probs[k] = readNetlib(t, n)
	}
	want := make([]float64, len(names))
	for k, p := range probs {
		sol, err := loadSolver(t, p).Solve(context.Background(), lp.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want[k] = sol.Objective
	}
	var wg sync.WaitGroup
	errs := make([]error, len(names))
	for k := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := New()
			if err != nil {
				errs[k] = err
				return
			}
			defer s.Close()
			for range 5 {
				if err := s.Load(probs[k]); err != nil {
					errs[k] = err
					return
				}
				sol, err := s.Solve(context.Background(), lp.Options{})
				if err != nil {
					errs[k] = err
					return
				}
				if sol.Status != lp.Optimal || math.Abs(sol.Objective-want[k]) > 1e-9*math.Abs(want[k]) {
					errs[k] = errors.New(names[k] + ": wrong result in goroutine: " + sol.Status.String())
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
