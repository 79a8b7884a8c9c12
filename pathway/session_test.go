package pathway

import (
	"context"
	"math"
	"testing"

	"blueprint/mathprog"
	"blueprint/model"
)

// withPenalty returns a copy of m with EmissionsPenalty[r,e,y] = price for
// every region, the emission named e and every year.
func withPenalty(t testing.TB, m *model.Model, e string, price float64) *model.Model {
	t.Helper()
	c := m.Clone()
	ei, ok := c.Set("EMISSION").Index(e)
	if !ok {
		t.Fatalf("no emission %s", e)
	}
	p := c.Param("EmissionsPenalty")
	for r := range c.Set("REGION").Elems {
		for y := range c.Set("YEAR").Elems {
			p.Set([]model.Elem{model.Elem(r), ei, model.Elem(y)}, price)
		}
	}
	return c
}

func TestSessionWarmMatchesCold(t *testing.T) {
	m, err := mathprog.ReadFiles("../testdata/models/utopia/utopia.txt")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s := NewSession(newClp, Options{})
	defer s.Close()
	coldIters, warmIters := 0, 0
	last := math.Inf(-1)
	for i, price := range []float64{0, 5, 10, 20, 40} {
		mp := withPenalty(t, m, "CO2", price)
		warm, err := s.Solve(ctx, mp)
		if err != nil {
			t.Fatal(err)
		}
		cold, err := Solve(ctx, mp, newClp, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if warm.Warm != (i > 0) {
			t.Errorf("price %v: Warm = %v", price, warm.Warm)
		}
		if warm.Results == nil || cold.Results == nil {
			t.Fatalf("price %v: not optimal: %v / %v", price, warm.Solution.Status, cold.Solution.Status)
		}
		if d := math.Abs(warm.Solution.Objective-cold.Solution.Objective) / math.Abs(cold.Solution.Objective); d > 1e-9 {
			t.Errorf("price %v: warm objective %v, cold %v", price, warm.Solution.Objective, cold.Solution.Objective)
		}
		if d := math.Abs(warm.Results.Objective - cold.Results.Objective); d > 1e-6*math.Abs(cold.Results.Objective) {
			t.Errorf("price %v: results objective %v vs %v", price, warm.Results.Objective, cold.Results.Objective)
		}
		if warm.Solution.Objective <= last {
			t.Errorf("price %v: objective %v not above the lower price's %v", price, warm.Solution.Objective, last)
		}
		last = warm.Solution.Objective
		if i > 0 {
			coldIters += cold.Iterations
			warmIters += warm.Iterations
		}
	}
	if warmIters >= coldIters {
		t.Errorf("warm re-solves took %d iterations, cold %d: no gain", warmIters, coldIters)
	}
	t.Logf("iterations over 4 re-solves: warm %d, cold %d", warmIters, coldIters)
}

func TestSessionStructureChangeIsCold(t *testing.T) {
	m, err := mathprog.ReadFiles("../testdata/models/utopia/utopia.txt")
	if err != nil {
		t.Fatal(err)
	}
	small, err := mathprog.ReadFiles("../testdata/models/super_simple/super_simple_model.txt")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s := NewSession(newClp, Options{})
	defer s.Close()
	for i, mm := range []*model.Model{m, small, m} {
		r, err := s.Solve(ctx, mm)
		if err != nil {
			t.Fatal(err)
		}
		if r.Warm {
			t.Errorf("solve %d (%s): warm across a structure change", i, mm.Name)
		}
		cold, err := Solve(ctx, mm, newClp, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.Solution.Objective-cold.Solution.Objective) > 1e-9*math.Abs(cold.Solution.Objective) {
			t.Errorf("solve %d: objective %v, cold %v", i, r.Solution.Objective, cold.Solution.Objective)
		}
	}
}
