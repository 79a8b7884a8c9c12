package osemosys

import (
	"context"
	"strings"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/model"
)

func newClp() (lp.Solver, error) { return clp.New() }

func TestExplainInfeasible(t *testing.T) {
	tests := []struct {
		name      string
		rows      []string
		wantParam string
		wantKey   string
		wantMsg   string
	}{
		{
			name: "emission limit",
			// Only coal (1 t per unit) can meet demand 10; the limit is 4.
			rows: []string{"SpecifiedAnnualDemand R,ELC,2020=10", "OutputActivityRatio R,COAL,ELC,1,2020=1",
				"ResidualCapacity R,COAL,2020=100", "EmissionActivityRatio R,COAL,CO2,1,2020=1", "AnnualEmissionLimit R,CO2,2020=4"},
			wantParam: "AnnualEmissionLimit", wantKey: "R,CO2,2020",
			wantMsg: "AnnualEmissionLimit[R,CO2,2020] = 4 cannot be met: the rest of the model needs at least 10 (6 more)",
		},
		{
			name: "capacity cap",
			// Demand 10 needs 10 units of capacity; at most 7 may exist.
			rows: []string{"SpecifiedAnnualDemand R,ELC,2020=10", "OutputActivityRatio R,PLANT,ELC,1,2020=1",
				"TotalAnnualMaxCapacity R,PLANT,2020=7"},
			wantParam: "TotalAnnualMaxCapacity", wantKey: "R,PLANT,2020",
			wantMsg: "TotalAnnualMaxCapacity[R,PLANT,2020] = 7 cannot be met: the rest of the model needs at least 10 (3 more)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := base("2020", tc.rows...).model(t)
			l, sol := solveModel(t, m)
			if sol.Status != lp.Infeasible {
				t.Fatalf("status %v, want infeasible", sol.Status)
			}
			cs, err := l.Explain(context.Background(), newClp)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) == 0 {
				t.Fatal("no conflict found")
			}
			c := cs[0]
			if c.Param != tc.wantParam || strings.Join(c.Key, ",") != tc.wantKey {
				t.Errorf("conflict %s%v, want %s[%s]", c.Param, c.Key, tc.wantParam, tc.wantKey)
			}
			if !strings.HasPrefix(c.String(), tc.wantMsg) {
				t.Errorf("message\n%s\nwant prefix\n%s", c, tc.wantMsg)
			}
		})
	}
}

// TestExplainSharedModel makes hydro_fossil_limit infeasible by cutting its
// model-period CO2 budget to a hundredth and forbidding hydro capacity, and
// checks that the conflict names the budget or the hydro cap.
func TestExplainSharedModel(t *testing.T) {
	var c refCase
	for _, rc := range referenceCases(t) {
		if rc.model == "hydro_fossil_limit" {
			c = rc
		}
	}
	m := loadCase(t, c)
	p := m.Param("ModelPeriodEmissionLimit")
	if p.NumEntries() != 1 {
		t.Fatalf("ModelPeriodEmissionLimit has %d rows, want 1", p.NumEntries())
	}
	key, v := p.Entry(0)
	k := append([]model.Elem(nil), key...)
	p.Set(k, v/100)
	// And no hydro may be built, so fossil must serve the demand.
	hydro, ok := m.Set("TECHNOLOGY").Index("HYDRO")
	if !ok {
		t.Fatal("no HYDRO")
	}
	maxCap := m.Param("TotalAnnualMaxCapacity")
	for y := range m.Set("YEAR").Elems {
		maxCap.Set([]model.Elem{0, hydro, model.Elem(y)}, 0)
	}
	l, sol := solveModel(t, m)
	if sol.Status != lp.Infeasible {
		// The budget may still be feasible if hydro alone can serve demand.
		t.Fatalf("budget %g still feasible (status %v)", v/100, sol.Status)
	}
	cs, err := l.Explain(context.Background(), newClp)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.String())
	}
	t.Log(strings.Join(names, "\n"))
	found := false
	for _, c := range cs {
		if c.Param == "ModelPeriodEmissionLimit" || (c.Param == "TotalAnnualMaxCapacity" && c.Key[1] == "HYDRO") {
			found = true
		}
	}
	if !found {
		t.Errorf("conflicts do not name an emission limit: %v", names)
	}
}
