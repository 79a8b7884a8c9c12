package clp

import (
	"context"
	"math"
	"testing"

	"blueprint/lp"
)

var inf = math.Inf(1)

// handCase is a small LP worked by hand: its optimum, and where unique, its
// primal values, row duals and reduced costs (in the problem's sense:
// d objective / d bound).
type handCase struct {
	name   string
	build  func() *lp.Problem
	status lp.Status
	obj    float64
	x      []float64
	dual   []float64
	rc     []float64
}

func mustBuild(t testing.TB, b *lp.Builder) *lp.Problem {
	t.Helper()
	p, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func handCases(t testing.TB) []handCase {
	return []handCase{
		{
			// min x + 2y  s.t.  x + y = 4,  x - y <= 2,  x, y >= 0.
			// Optimum x=3, y=1; both basic so c = A'y: 1 = y1 + y2,
			// 2 = y1 - y2, giving y1 = 1.5, y2 = -0.5.
			name: "equality",
			build: func() *lp.Problem {
				var b lp.Builder
				x, y := b.AddCol(0, inf, 1), b.AddCol(0, inf, 2)
				b.StartRow(4, 4)
				b.Add(x, 1)
				b.Add(y, 1)
				b.StartRow(-inf, 2)
				b.Add(x, 1)
				b.Add(y, -1)
				return mustBuild(t, &b)
			},
			status: lp.Optimal, obj: 5, x: []float64{3, 1}, dual: []float64{1.5, -0.5}, rc: []float64{0, 0},
		},
		{
			// max 3x + 2y - z + 0.5  s.t.  1 <= x + y <= 4 (ranged),
			// y - x <= 1,  x - z >= -5;  x in [-2, 3], y free, z fixed at 1.
			// y = 4 - x on the ranged row, objective x + 8 - z grows with x:
			// x = 3, y = 1, objective 9 + 2 - 1 + 0.5 = 10.5. y basic:
			// 2 = y1, so x's reduced cost is 3 - 2 = 1 (at upper) and z's
			// is -1 (fixed).
			name: "ranged-free-fixed-maximize",
			build: func() *lp.Problem {
				var b lp.Builder
				x, y, z := b.AddCol(-2, 3, 3), b.AddCol(-inf, inf, 2), b.AddCol(1, 1, -1)
				b.StartRow(1, 4)
				b.Add(x, 1)
				b.Add(y, 1)
				b.StartRow(-inf, 1)
				b.Add(y, 1)
				b.Add(x, -1)
				b.StartRow(-5, inf)
				b.Add(x, 1)
				b.Add(z, -1)
				p := mustBuild(t, &b)
				p.Sense = lp.Maximize
				p.ObjOffset = 0.5
				return p
			},
			status: lp.Optimal, obj: 10.5, x: []float64{3, 1, 1}, dual: []float64{2, 0, 0}, rc: []float64{1, 0, -1},
		},
		{
			// min x + y  s.t.  x + 2y >= -4;  x in [-3, 5], y >= -1.
			// x = -3 (its lower bound), 2y >= -1 so y = -0.5: objective
			// -3.5. y basic: 1 = 2 y1, y1 = 0.5; x's reduced cost 0.5.
			name: "negative-lower-bounds",
			build: func() *lp.Problem {
				var b lp.Builder
				x, y := b.AddCol(-3, 5, 1), b.AddCol(-1, inf, 1)
				b.StartRow(-4, inf)
				b.Add(x, 1)
				b.Add(y, 2)
				return mustBuild(t, &b)
			},
			status: lp.Optimal, obj: -3.5, x: []float64{-3, -0.5}, dual: []float64{0.5}, rc: []float64{0.5, 0},
		},
		{
			// min -2x - y  s.t.  x + y <= 1,  x <= 1 (as a row);  x, y >= 0.
			// Optimum (1, 0), objective -2, where three constraints meet in
			// the plane (degenerate): the duals are not unique, so only the
			// optimality conditions are checked.
			name: "degenerate",
			build: func() *lp.Problem {
				var b lp.Builder
				x, y := b.AddCol(0, inf, -2), b.AddCol(0, inf, -1)
				b.StartRow(-inf, 1)
				b.Add(x, 1)
				b.Add(y, 1)
				b.StartRow(-inf, 1)
				b.Add(x, 1)
				return mustBuild(t, &b)
			},
			status: lp.Optimal, obj: -2, x: []float64{1, 0},
		},
		{
			// x + y >= 5 with x, y in [0, 1]: infeasible.
			name: "infeasible",
			build: func() *lp.Problem {
				var b lp.Builder
				x, y := b.AddCol(0, 1, 1), b.AddCol(0, 1, 1)
				b.StartRow(5, inf)
				b.Add(x, 1)
				b.Add(y, 1)
				b.StartRow(-inf, 10)
				b.Add(x, 1)
				b.Add(y, -1)
				return mustBuild(t, &b)
			},
			status: lp.Infeasible,
		},
		{
			// min -x  s.t.  x - y <= 1;  x, y >= 0: x = 1 + y grows forever.
			name: "unbounded",
			build: func() *lp.Problem {
				var b lp.Builder
				x, y := b.AddCol(0, inf, -1), b.AddCol(0, inf, 0)
				b.StartRow(-inf, 1)
				b.Add(x, 1)
				b.Add(y, -1)
				return mustBuild(t, &b)
			},
			status: lp.Unbounded,
		},
	}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*(1+math.Abs(b)) }

func checkVec(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if want == nil {
		return
	}
	if len(got) != len(want) {
		t.Errorf("%s: got %d values, want %d", what, len(got), len(want))
		return
	}
	for i := range want {
		if !near(got[i], want[i], 1e-9) {
			t.Errorf("%s[%d] = %.12g, want %.12g", what, i, got[i], want[i])
		}
	}
}

func TestHandWorked(t *testing.T) {
	for _, tc := range handCases(t) {
		for _, alg := range []lp.Algorithm{lp.DualSimplex, lp.PrimalSimplex, lp.Barrier} {
			for _, nopre := range []bool{false, true} {
				t.Run(tc.name+"/"+alg.String()+map[bool]string{true: "/nopresolve", false: ""}[nopre], func(t *testing.T) {
					p := tc.build()
					s, err := New()
					if err != nil {
						t.Fatal(err)
					}
					defer s.Close()
					if err := s.Load(p); err != nil {
						t.Fatal(err)
					}
					sol, err := s.Solve(context.Background(), lp.Options{Algorithm: alg, NoPresolve: nopre})
					if err != nil {
						t.Fatal(err)
					}
					if sol.Status != tc.status {
						t.Fatalf("status %v (raw %d/%d), want %v", sol.Status, sol.RawStatus, sol.RawSecondary, tc.status)
					}
					switch tc.status {
					case lp.Optimal:
						if !near(sol.Objective, tc.obj, 1e-9) {
							t.Errorf("objective %.12g, want %.12g", sol.Objective, tc.obj)
						}
						checkVec(t, "x", sol.X, tc.x)
						checkVec(t, "dual", sol.Dual, tc.dual)
						checkVec(t, "reduced cost", sol.ReducedCost, tc.rc)
						if err := lp.CheckOptimality(p, sol, 1e-9); err != nil {
							t.Errorf("CheckOptimality: %v", err)
						}
					case lp.Infeasible:
						if sol.Ray == nil {
							if nopre && alg == lp.DualSimplex {
								t.Errorf("no Farkas ray from dual simplex without presolve")
							}
							return
						}
						t.Logf("ray %v", sol.Ray)
						if err := lp.CheckFarkas(p, sol.Ray, 1e-9); err != nil {
							t.Errorf("ray %v: %v", sol.Ray, err)
						}
					}
				})
			}
		}
	}
}

// TestMaximizeSetters re-solves the maximisation case after in-place
// changes that are worked by hand: fixing z at 2 lowers the objective by
// 1; raising x's cap to 3.5 moves x to 3.5, y to 0.5 (objective +0.5).
func TestMaximizeSetters(t *testing.T) {
	tc := handCases(t)[1]
	p := tc.build()
	s := loadSolver(t, p)
	ctx := context.Background()
	if sol, err := s.Solve(ctx, lp.Options{}); err != nil || !near(sol.Objective, 10.5, 1e-9) {
		t.Fatalf("first solve: %v %v", sol.Objective, err)
	}
	if err := s.SetObjective([]int32{1}, []float64{2}); err != nil { // unchanged value
		t.Fatal(err)
	}
	if err := s.SetColBounds([]int32{2, 0}, []float64{2, -2}, []float64{2, 3.5}); err != nil {
		t.Fatal(err)
	}
	sol, err := s.Solve(ctx, lp.Options{})
	if err != nil || sol.Status != lp.Optimal {
		t.Fatalf("%v %v", sol.Status, err)
	}
	if want := 10.5 - 1 + 0.5; !near(sol.Objective, want, 1e-9) {
		t.Errorf("objective %.12g, want %.12g", sol.Objective, want)
	}
	checkVec(t, "x", sol.X, []float64{3.5, 0.5, 2})
	q := *p
	q.ColLower = []float64{-2, -inf, 2}
	q.ColUpper = []float64{3.5, inf, 2}
	if err := lp.CheckOptimality(&q, sol, 1e-9); err != nil {
		t.Error(err)
	}
}
