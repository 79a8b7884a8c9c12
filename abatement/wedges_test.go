package abatement

import (
	"context"
	"math"
	"strings"
	"sync"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/pathway"
	"blueprint/results"
	"blueprint/scenario"
)

var (
	utopiaOnce     sync.Once
	utopiaRuns     [2]*results.Results
	utopiaRunsErr  error
	utopiaPolicyCO = 100.0
)

// utopiaPair solves UTOPIA without (reference) and with a CO2 price of 100
// (policy), once per test binary.
func utopiaPair(t *testing.T) (ref, pol *results.Results) {
	t.Helper()
	utopiaOnce.Do(func() {
		m := readUtopia(t)
		for k, price := range []float64{0, utopiaPolicyCO} {
			c := m.Clone()
			if err := (scenario.Knobs{CarbonPrice: map[string]scenario.Path{"CO2": {Values: []float64{price}}}}).Apply(c); err != nil {
				utopiaRunsErr = err
				return
			}
			run, err := pathway.Solve(context.Background(), c, func() (lp.Solver, error) { return clp.New() }, pathway.Options{})
			if err != nil {
				utopiaRunsErr = err
				return
			}
			if run.Results == nil {
				utopiaRunsErr = run.Solution.Status.Err()
				return
			}
			utopiaRuns[k] = run.Results
		}
	})
	if utopiaRunsErr != nil {
		t.Fatal(utopiaRunsErr)
	}
	return utopiaRuns[0], utopiaRuns[1]
}

// checkWedgeSums: in every year the wedges sum to the gap.
func checkWedgeSums(t *testing.T, w *WedgeTable) {
	t.Helper()
	for j, y := range w.Years {
		sum := 0.0
		for _, wg := range w.Wedges {
			sum += wg.Values[j]
		}
		if tol := 1e-12 * (math.Abs(w.Reference[j]) + math.Abs(w.Policy[j])); math.Abs(sum-w.Gap[j]) > tol {
			t.Errorf("%s: wedges sum to %.17g, gap %.17g", y, sum, w.Gap[j])
		}
		if g := w.Reference[j] - w.Policy[j]; g != w.Gap[j] {
			t.Errorf("%s: gap %v, reference − policy %v", y, w.Gap[j], g)
		}
	}
}

func TestWedgesUtopia(t *testing.T) {
	ref, pol := utopiaPair(t)
	for _, by := range []string{"measure", "sector", "technology"} {
		w, err := Wedges(ref, pol, "CO2", by)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Years) != 21 || w.Years[0] != "1990" || w.Years[20] != "2010" {
			t.Fatalf("years %v", w.Years)
		}
		checkWedgeSums(t, w)
		for _, wg := range w.Wedges {
			if wg.Group == Exogenous {
				t.Errorf("UTOPIA has no exogenous emissions but got an exogenous wedge %v", wg.Values)
			}
		}
		// Without groups every measure is a technology: the wedge of
		// IMPHCO1 (coal imports) is its own emission difference.
		em := func(r *results.Results, tech, year string) float64 {
			tb := r.Table("AnnualTechnologyEmission")
			for i := 0; i < tb.Len(); i++ {
				if k := tb.Key(i); k[1] == tech && k[2] == "CO2" && k[3] == year {
					return tb.Values[i]
				}
			}
			return 0
		}
		for _, wg := range w.Wedges {
			if wg.Group != "IMPHCO1" {
				continue
			}
			if want := em(ref, "IMPHCO1", "2010") - em(pol, "IMPHCO1", "2010"); wg.Values[20] != want {
				t.Errorf("IMPHCO1 wedge in 2010 = %v, want %v", wg.Values[20], want)
			}
		}
	}
	if _, err := Wedges(ref, pol, "CH4", ""); err == nil || !strings.Contains(err.Error(), `emission "CH4" has no AnnualEmissions in either run (emissions found: CO2, NOX)`) {
		t.Errorf("unknown emission: %v", err)
	}
	if _, err := Wedges(ref, pol, "CO2", "colour"); err == nil || !strings.Contains(err.Error(), `unknown grouping "colour"`) {
		t.Errorf("unknown grouping: %v", err)
	}
}

// TestWedgesGroups: a hand-made pair with groups and exogenous emissions.
// Reference 2030: COAL 10, GAS 2, exogenous 1 (AnnualEmissions 13); policy
// 2030: COAL 3, GAS 4, PV 0, exogenous 0.5 (7.5). Gap 5.5 = power
// (10+2 − 3−4 = 5) + exogenous (0.5).
func TestWedgesGroups(t *testing.T) {
	mk := func(coal, gas, exo float64) *results.Results {
		ae := &results.Table{Name: "AnnualEmissions", Indices: []string{"REGION", "EMISSION", "YEAR"}, Unit: "Mt"}
		ae.Append(coal+gas+exo, "R", "CO2", "2030")
		te := &results.Table{Name: "AnnualTechnologyEmission", Indices: []string{"REGION", "TECHNOLOGY", "EMISSION", "YEAR"}, Unit: "Mt"}
		te.Append(coal, "R", "COAL", "CO2", "2030")
		te.Append(gas, "R", "GAS", "CO2", "2030")
		return &results.Results{Tables: []*results.Table{ae, te}, Groups: []results.Group{
			{Technology: "COAL", Sector: "power", Measure: "coal phase-out"},
			{Technology: "GAS", Sector: "power", Measure: "gas switch"},
		}}
	}
	ref, pol := mk(10, 2, 1), mk(3, 4, 0.5)
	tests := []struct {
		by   string
		want map[string]float64
	}{
		{"sector", map[string]float64{"power": 5, Exogenous: 0.5}},
		{"measure", map[string]float64{"coal phase-out": 7, "gas switch": -2, Exogenous: 0.5}},
	}
	for _, tc := range tests {
		w, err := Wedges(ref, pol, "CO2", tc.by)
		if err != nil {
			t.Fatal(err)
		}
		if w.Gap[0] != 5.5 || w.Unit != "Mt" {
			t.Errorf("gap %v %s, want 5.5 Mt", w.Gap, w.Unit)
		}
		checkWedgeSums(t, w)
		if len(w.Wedges) != len(tc.want) {
			t.Errorf("by %s: %d wedges, want %d", tc.by, len(w.Wedges), len(tc.want))
		}
		for _, wg := range w.Wedges {
			if want, ok := tc.want[wg.Group]; !ok || math.Abs(wg.Values[0]-want) > 1e-12 {
				t.Errorf("by %s: wedge %s = %v, want %v", tc.by, wg.Group, wg.Values[0], want)
			}
		}
	}
}
