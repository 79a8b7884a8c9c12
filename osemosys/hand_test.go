package osemosys

import (
	"context"
	"math"
	"strings"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/model"
)

// tiny describes a hand-made model: sets, then parameter rows written as
// "Param key1,key2,...=value", and defaults as "Param=value".
type tiny struct {
	sets     map[string]string // set -> space-separated elements
	rows     []string
	defaults []string
}

func (tm tiny) model(t *testing.T) *model.Model {
	t.Helper()
	m := model.New(model.DefaultSchema())
	m.Name = "tiny"
	for set, elems := range tm.sets {
		for _, e := range strings.Fields(elems) {
			if _, err := m.AddElem(set, e); err != nil {
				t.Fatalf("add %s %s: %v", set, e, err)
			}
		}
	}
	for _, d := range tm.defaults {
		name, v, _ := strings.Cut(d, "=")
		p := m.Param(name)
		if p == nil {
			t.Fatalf("unknown param %s", name)
		}
		p.Default = parseF(t, v)
	}
	for _, r := range tm.rows {
		head, v, ok := strings.Cut(r, "=")
		name, keys, ok2 := strings.Cut(head, " ")
		if !ok || !ok2 {
			t.Fatalf("bad row %q", r)
		}
		p := m.Param(name)
		if p == nil {
			t.Fatalf("unknown param %s", name)
		}
		parts := strings.Split(keys, ",")
		if len(parts) != len(p.Indices) {
			t.Fatalf("row %q: %d keys, want %d", r, len(parts), len(p.Indices))
		}
		key := make([]model.Elem, len(parts))
		for i, k := range parts {
			e, found := m.Set(p.Indices[i]).Index(k)
			if !found {
				t.Fatalf("row %q: %s has no element %q", r, p.Indices[i], k)
			}
			key[i] = e
		}
		p.Set(key, parseF(t, v))
	}
	if errs := m.Freeze(); errs != nil {
		t.Fatal(errs)
	}
	return m
}

func parseF(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmtSscan(s, &v); err != nil {
		t.Fatalf("bad number %q", s)
	}
	return v
}

// solveModel builds and solves m with Clp and returns the LP and solution.
func solveModel(t testing.TB, m *model.Model) (*LP, *lp.Solution) {
	t.Helper()
	l, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Problem.Validate(); err != nil {
		t.Fatal(err)
	}
	return l, solveLP(t, l)
}

// solveLP solves l's problem cold with Clp (skipping the test when Clp is
// not compiled in).
func solveLP(t testing.TB, l *LP) *lp.Solution {
	t.Helper()
	s, err := clp.New()
	if err != nil {
		t.Skip("clp:", err)
	}
	defer s.Close()
	if err := s.Load(l.Problem); err != nil {
		t.Fatal(err)
	}
	sol, err := s.Solve(context.Background(), lp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sol
}

// base is a one-region, one-timeslice electricity model: demand ELC,
// technologies given by the caller.
func base(years string, extra ...string) tiny {
	return tiny{
		sets: map[string]string{
			"REGION": "R", "TECHNOLOGY": "PLANT GAS COAL SOLAR", "FUEL": "ELC", "EMISSION": "CO2",
			"MODE_OF_OPERATION": "1", "TIMESLICE": "ALL", "YEAR": years,
		},
		defaults: []string{"DiscountRate=0.1", "YearSplit=1", "SpecifiedDemandProfile=1", "OperationalLife=5"},
		rows:     extra,
	}
}

func approx(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.12g, want %.12g (hand-computed)", name, got, want)
	}
}

func TestHandCapitalAndSalvage(t *testing.T) {
	// One year, demand 10, a plant with capital cost 100 per unit of
	// capacity and a 5-year life: it builds 10 units for 1000. The
	// investment outlives the horizon by 4 of 5 years, so salvage returns
	// a share of it, discounted from the end of 2020 (1.1^1):
	//   sinking fund:  share = 1 - (1.1^1 - 1)/(1.1^5 - 1)
	//   straight line: share = 1 - 1/5
	sink := 1 - 0.1/(math.Pow(1.1, 5)-1)
	rows := []string{"SpecifiedAnnualDemand R,ELC,2020=10", "OutputActivityRatio R,PLANT,ELC,1,2020=1", "CapitalCost R,PLANT,2020=100"}
	for _, tc := range []struct {
		name   string
		method string
		want   float64
	}{
		{"sinking fund", "1", 1000 - 1000*sink/1.1},
		{"straight line", "2", 1000 - 1000*0.8/1.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := base("2020", append(rows, "DepreciationMethod R="+tc.method)...).model(t)
			_, sol := solveModel(t, m)
			if sol.Status != lp.Optimal {
				t.Fatalf("status %v", sol.Status)
			}
			approx(t, "objective", sol.Objective, tc.want)
		})
	}
	t.Run("technology discount rate", func(t *testing.T) {
		// DiscountRateIdv enters only the capital recovery factor:
		// CI = 1000 * CRF(0.2, 5) * PvA(0.1, 5); salvage uses 0.1.
		crf := (1 - 1/1.2) / (1 - math.Pow(1.2, -5))
		pva := (1 - math.Pow(1.1, -5)) * 1.1 / 0.1
		ci := 1000 * crf * pva
		m := base("2020", append(rows, "DiscountRateIdv R,PLANT=0.2")...).model(t)
		_, sol := solveModel(t, m)
		approx(t, "objective", sol.Objective, ci-ci*sink/1.1)
	})
}

func TestHandOperatingCostsDiscounting(t *testing.T) {
	// Residual capacity 10 covers demand 10 in 2020 and 2021; variable cost
	// 2 per unit of activity, fixed cost 3 per unit of capacity, both
	// discounted to mid-year: (20+30)/1.1^0.5 + (20+30)/1.1^1.5.
	m := base("2020 2021",
		"SpecifiedAnnualDemand R,ELC,2020=10", "SpecifiedAnnualDemand R,ELC,2021=10",
		"OutputActivityRatio R,PLANT,ELC,1,2020=1", "OutputActivityRatio R,PLANT,ELC,1,2021=1",
		"ResidualCapacity R,PLANT,2020=10", "ResidualCapacity R,PLANT,2021=10",
		"VariableCost R,PLANT,1,2020=2", "VariableCost R,PLANT,1,2021=2",
		"FixedCost R,PLANT,2020=3", "FixedCost R,PLANT,2021=3",
	).model(t)
	_, sol := solveModel(t, m)
	approx(t, "objective", sol.Objective, 50/math.Sqrt(1.1)+50/math.Pow(1.1, 1.5))
}

func TestHandEmissionLimit(t *testing.T) {
	// Coal (cost 1, 1 t/unit) and gas (cost 3, 0.4 t/unit) meet demand 10
	// under a limit of 7 t: 0.6*coal <= 3, so coal = gas = 5, cost 20 at
	// mid-year. One more tonne allowed saves (3-1)/0.6 = 10/3: the carbon
	// price, undiscounted.
	m := base("2020",
		"SpecifiedAnnualDemand R,ELC,2020=10",
		"OutputActivityRatio R,COAL,ELC,1,2020=1", "OutputActivityRatio R,GAS,ELC,1,2020=1",
		"ResidualCapacity R,COAL,2020=100", "ResidualCapacity R,GAS,2020=100",
		"VariableCost R,COAL,1,2020=1", "VariableCost R,GAS,1,2020=3",
		"EmissionActivityRatio R,COAL,CO2,1,2020=1", "EmissionActivityRatio R,GAS,CO2,1,2020=0.4",
		"AnnualEmissionLimit R,CO2,2020=7",
	).model(t)
	l, sol := solveModel(t, m)
	approx(t, "objective", sol.Objective, 20/math.Sqrt(1.1))
	price := l.CarbonPrice(sol)
	if len(price) != 1 {
		t.Fatalf("carbon prices: %v", price)
	}
	approx(t, "carbon price", price[0].Value, 10.0/3)
}

func TestHandRenewableTarget(t *testing.T) {
	// Solar (cost 5) must make 30% of ELC; coal (cost 1) the rest:
	// (3*5 + 7*1) at mid-year.
	m := base("2020",
		"SpecifiedAnnualDemand R,ELC,2020=10",
		"OutputActivityRatio R,COAL,ELC,1,2020=1", "OutputActivityRatio R,SOLAR,ELC,1,2020=1",
		"ResidualCapacity R,COAL,2020=100", "ResidualCapacity R,SOLAR,2020=100",
		"VariableCost R,COAL,1,2020=1", "VariableCost R,SOLAR,1,2020=5",
		"RETagTechnology R,SOLAR,2020=1", "RETagFuel R,ELC,2020=1", "REMinProductionTarget R,2020=0.3",
	).model(t)
	_, sol := solveModel(t, m)
	approx(t, "objective", sol.Objective, 22/math.Sqrt(1.1))
}

func TestHandReserveMargin(t *testing.T) {
	// Demand 10 met by coal (capital 100, 5-year life, one year horizon);
	// a 1.5 reserve margin over ELC production counts coal (tag 1) and
	// gas (tag 1, capital 10): the optimum builds 10 coal and 5 gas.
	sink := 1 - 0.1/(math.Pow(1.1, 5)-1)
	m := base("2020",
		"SpecifiedAnnualDemand R,ELC,2020=10",
		"OutputActivityRatio R,COAL,ELC,1,2020=1", "OutputActivityRatio R,GAS,ELC,1,2020=1",
		"CapitalCost R,COAL,2020=100", "CapitalCost R,GAS,2020=10", "VariableCost R,GAS,1,2020=1000",
		"ReserveMargin R,2020=1.5", "ReserveMarginTagFuel R,ELC,2020=1",
		"ReserveMarginTagTechnology R,COAL,2020=1", "ReserveMarginTagTechnology R,GAS,2020=1",
	).model(t)
	_, sol := solveModel(t, m)
	net := func(ci float64) float64 { return ci - ci*sink/1.1 }
	approx(t, "objective", sol.Objective, net(1000)+net(50))
}

func TestHandActivityLimits(t *testing.T) {
	// Coal is cheap (1) but capped at 4 units of activity; gas (3) makes
	// the rest of demand 10; and an annual lower limit of 2 forces the
	// expensive solar (5) to run: 4*1 + 4*3 + 2*5 at mid-year.
	m := base("2020",
		"SpecifiedAnnualDemand R,ELC,2020=10",
		"OutputActivityRatio R,COAL,ELC,1,2020=1", "OutputActivityRatio R,GAS,ELC,1,2020=1", "OutputActivityRatio R,SOLAR,ELC,1,2020=1",
		"ResidualCapacity R,COAL,2020=100", "ResidualCapacity R,GAS,2020=100", "ResidualCapacity R,SOLAR,2020=100",
		"VariableCost R,COAL,1,2020=1", "VariableCost R,GAS,1,2020=3", "VariableCost R,SOLAR,1,2020=5",
		"TotalTechnologyAnnualActivityUpperLimit R,COAL,2020=4",
		"TotalTechnologyAnnualActivityLowerLimit R,SOLAR,2020=2",
	).model(t)
	_, sol := solveModel(t, m)
	approx(t, "objective", sol.Objective, 26/math.Sqrt(1.1))
}

func TestHandStorageShiftsEnergy(t *testing.T) {
	// Demand 5 falls at night (profile NIGHT=1, half the year). Solar
	// (variable cost 1) produces only by day; gas (cost 100) could run at
	// night. A battery charges by day (mode 1, using 1.25 ELC per unit
	// stored) and discharges at night (mode 2). With the storage link the
	// optimum runs solar for 5*1.25 = 6.25 units: 6.25 at mid-year. Without
	// it gas makes the 5 units: 500 at mid-year.
	sets := map[string]string{
		"REGION": "R", "TECHNOLOGY": "SOLAR GAS BATT", "FUEL": "ELC", "EMISSION": "CO2",
		"MODE_OF_OPERATION": "1 2", "TIMESLICE": "DAY NIGHT", "YEAR": "2020",
		"SEASON": "1", "DAYTYPE": "1", "DAILYTIMEBRACKET": "1 2", "STORAGE": "STO",
	}
	rows := []string{
		"YearSplit DAY,2020=0.5", "YearSplit NIGHT,2020=0.5",
		"SpecifiedAnnualDemand R,ELC,2020=5", "SpecifiedDemandProfile R,ELC,NIGHT,2020=1",
		"OutputActivityRatio R,SOLAR,ELC,1,2020=1", "CapacityFactor R,SOLAR,NIGHT,2020=0",
		"OutputActivityRatio R,GAS,ELC,1,2020=1",
		"ResidualCapacity R,SOLAR,2020=100", "ResidualCapacity R,GAS,2020=100", "ResidualCapacity R,BATT,2020=100",
		"VariableCost R,SOLAR,1,2020=1", "VariableCost R,GAS,1,2020=100",
		"Conversionls DAY,1=1", "Conversionls NIGHT,1=1", "Conversionld DAY,1=1", "Conversionld NIGHT,1=1",
		"Conversionlh DAY,1=1", "Conversionlh NIGHT,2=1",
		"DaySplit 1,2020=0.00136986", "DaySplit 2,2020=0.00136986", "DaysInDayType 1,1,2020=7",
		"StorageMaxChargeRate R,STO=100", "StorageMaxDischargeRate R,STO=100", "ResidualStorageCapacity R,STO,2020=100",
	}
	// Without the storage link the battery's discharge mode would make
	// electricity from nothing, so the "without" case leaves the battery out.
	link := []string{"TechnologyToStorage R,BATT,STO,1=1", "TechnologyFromStorage R,BATT,STO,2=1",
		"InputActivityRatio R,BATT,ELC,1,2020=1.25", "OutputActivityRatio R,BATT,ELC,2,2020=1"}
	defaults := []string{"DiscountRate=0.1", "OperationalLife=5", "DepreciationMethod=1"}
	t.Run("with storage", func(t *testing.T) {
		m := tiny{sets: sets, rows: append(append([]string{}, rows...), link...), defaults: defaults}.model(t)
		_, sol := solveModel(t, m)
		approx(t, "objective", sol.Objective, 6.25/math.Sqrt(1.1))
	})
	t.Run("without battery", func(t *testing.T) {
		m := tiny{sets: sets, rows: rows, defaults: defaults}.model(t)
		_, sol := solveModel(t, m)
		approx(t, "objective", sol.Objective, 500/math.Sqrt(1.1))
	})
}

func TestNegativeVariableCostCannotRun(t *testing.T) {
	// FORMULATION.md §3 (verified on glpsol): a technology whose variable
	// cost is negative in every mode cannot operate, because the
	// reference's AnnualVariableOperatingCost is non-negative. Demand that
	// only it could meet makes the model infeasible.
	m := base("2020",
		"SpecifiedAnnualDemand R,ELC,2020=10",
		"OutputActivityRatio R,PLANT,ELC,1,2020=1", "ResidualCapacity R,PLANT,2020=100",
		"VariableCost R,PLANT,1,2020=-1",
	).model(t)
	_, sol := solveModel(t, m)
	if sol.Status != lp.Infeasible {
		t.Fatalf("status %v, want infeasible", sol.Status)
	}
}
