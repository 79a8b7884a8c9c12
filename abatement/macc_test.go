package abatement

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/mathprog"
	"blueprint/model"
	"blueprint/pathway"
	"blueprint/scenario"
)

func readUtopia(t testing.TB) *model.Model {
	t.Helper()
	var r mathprog.Reader
	m, err := r.ReadFiles(filepath.Join("..", "testdata", "models", "utopia", "utopia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	m.Name = "utopia"
	return m
}

func newSession() *pathway.Session {
	return pathway.NewSession(func() (lp.Solver, error) { return clp.New() }, pathway.Options{})
}

// TestMACCUtopia sweeps UTOPIA's CO2 price and checks what must hold for
// any correct sweep: emissions never rise with the price (for optima x1, x2
// at prices p1 < p2, c·x1 + p1·e1 ≤ c·x2 + p1·e2 and c·x2 + p2·e2 ≤ c·x1 +
// p2·e1 give (p2−p1)(e2−e1) ≤ 0), the attribution adds up to the
// abatement, warm re-solves reach a cold solve's optimum, and the chart's
// steps add up to the last abatement.
func TestMACCUtopia(t *testing.T) {
	m := readUtopia(t)
	s := newSession()
	defer s.Close()
	prices := []float64{10, 20, 50, 100, 200, 500}
	var progress []int
	c, err := MACC(context.Background(), m, s, prices, MACCOptions{Progress: func(i, n int, p Point) {
		if n != len(prices)+1 {
			t.Errorf("progress: n = %d, want %d", n, len(prices)+1)
		}
		progress = append(progress, i)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Points) != len(prices)+1 || c.Points[0].Price != 0 || len(progress) != len(c.Points) {
		t.Fatalf("%d points (first price %v), %d progress calls; want %d from 0", len(c.Points), c.Points[0].Price, len(progress), len(prices)+1)
	}
	if !c.Cumulative || len(c.Years) != 21 || c.Emission != "CO2" {
		t.Errorf("curve counts %v (cumulative %v) of %s", c.Years, c.Cumulative, c.Emission)
	}
	for i, p := range c.Points {
		if i > 0 {
			prev := c.Points[i-1]
			if p.Emissions > prev.Emissions*(1+1e-9) {
				t.Errorf("price %v: emissions %v rose from %v at %v", p.Price, p.Emissions, prev.Emissions, prev.Price)
			}
			if p.Objective < prev.Objective*(1-1e-9) {
				t.Errorf("price %v: objective %v fell from %v", p.Price, p.Objective, prev.Objective)
			}
			if !p.Warm {
				t.Errorf("price %v: not warm-started", p.Price)
			}
		}
		if want := c.Points[0].Emissions - p.Emissions; math.Abs(p.Abatement-want) > 1e-9*c.Points[0].Emissions {
			t.Errorf("price %v: abatement %v, want %v", p.Price, p.Abatement, want)
		}
		sum := 0.0
		for _, a := range c.Attribution {
			if a.Price == p.Price {
				sum += a.Abatement
			}
		}
		if math.Abs(sum-p.Abatement) > 1e-9*c.Points[0].Emissions {
			t.Errorf("price %v: technologies abate %v in all, total abatement %v", p.Price, sum, p.Abatement)
		}
		t.Logf("price %6.1f  emissions %8.3f  abatement %7.3f  objective %9.2f  iterations %5d  warm %v",
			p.Price, p.Emissions, p.Abatement, p.Objective, p.Iterations, p.Warm)
	}
	last := c.Points[len(c.Points)-1]
	if last.Abatement <= 0 {
		t.Errorf("no abatement at %v", last.Price)
	}

	// The last warm optimum equals a cold solve of the same priced model.
	priced := m.Clone()
	if err := (scenario.Knobs{CarbonPrice: map[string]scenario.Path{"CO2": {Values: []float64{last.Price}}}}).Apply(priced); err != nil {
		t.Fatal(err)
	}
	cold, err := pathway.Solve(context.Background(), priced, func() (lp.Solver, error) { return clp.New() }, pathway.Options{})
	if err != nil || cold.Solution.Status != lp.Optimal {
		t.Fatalf("cold solve at %v: %v", last.Price, err)
	}
	if got := cold.Solution.Objective; math.Abs(got-last.Objective) > 1e-7*math.Abs(got) {
		t.Errorf("price %v: warm objective %.10g, cold %.10g", last.Price, last.Objective, got)
	}

	steps, err := c.Steps("measure")
	if err != nil {
		t.Fatal(err)
	}
	for _, by := range [][]Step{steps, ChartSteps(steps)} {
		sum := 0.0
		for _, s := range by {
			sum += s.Abatement
		}
		if math.Abs(sum-last.Abatement) > 1e-9*c.Points[0].Emissions {
			t.Errorf("steps add up to %v, last abatement %v", sum, last.Abatement)
		}
	}
	for _, s := range ChartSteps(steps) {
		if s.Abatement <= 0 {
			t.Errorf("chart step %+v is not positive", s)
		}
	}
}

// TestMACCYears: counting one year gives that year's emissions only.
func TestMACCYears(t *testing.T) {
	m := readUtopia(t)
	s := newSession()
	defer s.Close()
	all, err := MACC(context.Background(), m, s, []float64{0, 100}, MACCOptions{})
	if err != nil {
		t.Fatal(err)
	}
	one, err := MACC(context.Background(), m, s, []float64{0, 100}, MACCOptions{Years: []string{"2010"}})
	if err != nil {
		t.Fatal(err)
	}
	if one.Cumulative || len(one.Years) != 1 || one.Points[1].Emissions >= all.Points[1].Emissions || one.Points[1].Emissions <= 0 {
		t.Errorf("2010 only: %v emissions %v; all years %v", one.Years, one.Points[1].Emissions, all.Points[1].Emissions)
	}
}

func TestMACCErrors(t *testing.T) {
	m := readUtopia(t)
	tests := []struct {
		name   string
		prices []float64
		opt    MACCOptions
		want   string
	}{
		{"unknown emission", []float64{0, 1}, MACCOptions{Emission: "CH4"}, `emission "CH4" is not in the model (EMISSION: CO2, NOX)`},
		{"year outside", []float64{0, 1}, MACCOptions{Years: []string{"2050"}}, `year "2050" is not one of the model's years (1990–2010)`},
		{"decreasing", []float64{0, 10, 5}, MACCOptions{}, "price 3: 5 does not exceed the previous price 10"},
		{"negative", []float64{-1}, MACCOptions{}, "price 1: -1 is not a non-negative number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := MACC(context.Background(), m, newSession(), tc.prices, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestParsePrices(t *testing.T) {
	tests := []struct {
		in   string
		want []float64
		err  string
	}{
		{"0:100:25", []float64{0, 25, 50, 75, 100}, ""},
		{"0:0.3:0.1", []float64{0, 0.1, 0.2, 0.30000000000000004}, ""},
		{"5, 10,20", []float64{5, 10, 20}, ""},
		{"0:100:0", nil, "step 0 must be positive"},
		{"100:0:10", nil, "stop 0 is below start 100"},
		{"0,20,10", nil, "price 3: 10 does not exceed the previous price 20"},
		{"0,x", nil, `price 2: "x" is not a number`},
		{"0,10 20", nil, `price 2: "10 20" is not a number`},
		{"-5,0", nil, "price 1: -5 is negative"},
		{"1:2", nil, "want START:STOP:STEP"},
		{"0:1e300:1e-300", nil, "more than 100000 prices"},
	}
	for _, tc := range tests {
		got, err := ParsePrices(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParsePrices(%q) error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || len(got) != len(tc.want) {
			t.Errorf("ParsePrices(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-12 {
				t.Errorf("ParsePrices(%q) = %v, want %v", tc.in, got, tc.want)
				break
			}
		}
	}
}

// FuzzParsePrices: no panic; an accepted list is non-negative, finite and
// strictly increasing.
func FuzzParsePrices(f *testing.F) {
	for _, s := range []string{"0:2000:50", "0,10,50", "1:2", "0:1e300:1e-300", "-1", "nan", "0:10:inf", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ParsePrices(s)
		if err != nil {
			return
		}
		for i, p := range ps {
			if p < 0 || math.IsNaN(p) || math.IsInf(p, 0) || (i > 0 && p <= ps[i-1]) {
				t.Fatalf("ParsePrices(%q) = %v: price %d bad", s, ps, i+1)
			}
		}
	})
}

// TestMACCGroups: with technology groups the attribution carries each
// technology's sector and measure, and steps aggregate by them.
func TestMACCGroups(t *testing.T) {
	m := readUtopia(t)
	m.Groups = []model.TechGroup{
		{Technology: "IMPHCO1", Sector: "supply", Measure: "coal imports"},
		{Technology: "IMPDSL1", Sector: "supply", Measure: "diesel imports"},
	}
	s := newSession()
	defer s.Close()
	c, err := MACC(context.Background(), m, s, []float64{0, 50, 100}, MACCOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range c.Attribution {
		want := map[string]string{"IMPHCO1": "coal imports", "IMPDSL1": "diesel imports"}[a.Technology]
		if a.Sector != "supply" || a.Measure != want {
			t.Errorf("%s: sector %q measure %q, want supply, %q", a.Technology, a.Sector, a.Measure, want)
		}
	}
	steps, err := c.Steps("sector")
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 2 || steps[0].Group != "supply" || math.Abs(steps[0].Abatement-c.Points[1].Abatement) > 1e-9*c.Points[0].Emissions ||
		math.Abs(steps[1].Abatement-(c.Points[2].Abatement-c.Points[1].Abatement)) > 1e-9*c.Points[0].Emissions {
		t.Errorf("sector steps %+v for abatement %v, %v", steps, c.Points[1].Abatement, c.Points[2].Abatement)
	}
	if g := c.Groups("measure"); len(g) != 2 || g[0] != "coal imports" || g[1] != "diesel imports" {
		t.Errorf("measures %v", g)
	}
	if _, err := c.Steps("colour"); err == nil {
		t.Error("Steps(colour) gave no error")
	}
}

// infeasibleSolver answers every solve with an infeasible status.
type infeasibleSolver struct{}

func (infeasibleSolver) Solve(ctx context.Context, m *model.Model) (*pathway.Run, error) {
	return &pathway.Run{Solution: &lp.Solution{Status: lp.Infeasible}}, nil
}

func TestMACCNotOptimal(t *testing.T) {
	_, err := MACC(context.Background(), readUtopia(t), infeasibleSolver{}, []float64{0, 10}, MACCOptions{})
	if !errors.Is(err, lp.ErrInfeasible) || !strings.Contains(err.Error(), "price 0: the solve ended infeasible") {
		t.Errorf("error %v, want price 0 infeasible", err)
	}
}
