package osemosys

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"blueprint/lp"
	"blueprint/mathprog"
	"blueprint/model"
	"blueprint/results"
)

// cell returns the value of tab at key (0 when the row is absent: tables
// keep only non-zero rows).
func cell(t *testing.T, tab *results.Table, key ...string) float64 {
	t.Helper()
	for i := range tab.Values {
		if slices.Equal(tab.Key(i), key) {
			return tab.Values[i]
		}
	}
	return 0
}

// rows expands "Param R,T,{y}=v" over years.
func rows(years string, tmpl ...string) []string {
	var out []string
	for _, tm := range tmpl {
		if !strings.Contains(tm, "{y}") {
			out = append(out, tm)
			continue
		}
		for _, y := range strings.Fields(years) {
			out = append(out, strings.ReplaceAll(tm, "{y}", y))
		}
	}
	return out
}

// solveRetire solves tm and returns the LP, solution and results, checking
// optimality and the invariants (objective = sum of TotalDiscountedCost,
// every row within its bounds).
func solveRetire(t *testing.T, tm tiny) (*LP, *lp.Solution, *results.Results) {
	t.Helper()
	l, sol := solveModel(t, tm.model(t))
	if sol.Status != lp.Optimal {
		t.Fatalf("status %v", sol.Status)
	}
	checkInvariants(t, l, sol)
	res, err := l.Results(sol)
	if err != nil {
		t.Fatal(err)
	}
	return l, sol, res
}

// sink is the sinking-fund share of an investment with a 10% rate and a
// life of life years still undepreciated after used years:
// 1 - (1.1^used - 1)/(1.1^life - 1).
func sink(used, life float64) float64 {
	return 1 - (math.Pow(1.1, used)-1)/(math.Pow(1.1, life)-1)
}

// coalModel: 2020-2022, demand 10 a year. COAL has 10 units of residual
// capacity (a flat profile), fixed cost 1, variable cost 1, 1 t CO2 per
// unit, and a capital cost of 50 (new coal is never worth building here).
// SOLAR costs 100 per unit of capacity and nothing to run. A carbon price
// applies from 2021. The operational life is 5 years, DiscountRate 0.1 and
// DiscountRateIdv too, so CRF·PvA = 1 and CapitalInvestment = cost × units.
func coalModel(price string, extra ...string) tiny {
	const years = "2020 2021 2022"
	r := rows(years,
		"SpecifiedAnnualDemand R,ELC,{y}=10",
		"OutputActivityRatio R,COAL,ELC,1,{y}=1", "OutputActivityRatio R,SOLAR,ELC,1,{y}=1",
		"ResidualCapacity R,COAL,{y}=10", "FixedCost R,COAL,{y}=1", "VariableCost R,COAL,1,{y}=1",
		"EmissionActivityRatio R,COAL,CO2,1,{y}=1", "CapitalCost R,COAL,{y}=50", "CapitalCost R,SOLAR,{y}=100",
		"EmissionsPenalty R,CO2,2021="+price, "EmissionsPenalty R,CO2,2022="+price)
	return base(years, append(r, extra...)...)
}

func TestRetireCoalUnderCarbonPrice(t *testing.T) {
	// Price 100/t from 2021: coal would cost 101 per unit of electricity,
	// so 10 units of solar are built in 2021 (CI 1000 at DF 1.1; it serves
	// 2021-2022 of its 5 years, so the sinking-fund salvage share is
	// sink(2,5) = 0.65602, discounted from the end of 2022 by 1.1^3).
	// Coal runs in 2020 only: (10 variable + 10 fixed) at mid-2020.
	// Without early retirement coal's 10 idle units still pay fixed cost 10
	// in 2021 and 2022 (at mid-year: 1.1^1.5, 1.1^2.5); with it they are
	// retired in 2021 and that cost is saved.
	solar := 1000/1.1 - 1000*sink(2, 5)/math.Pow(1.1, 3)
	withRet := 20/math.Sqrt(1.1) + solar
	without := withRet + 10/math.Pow(1.1, 1.5) + 10/math.Pow(1.1, 2.5)

	_, sol, res := solveRetire(t, coalModel("100"))
	approx(t, "objective without retirement", sol.Objective, without)

	_, sol, res = solveRetire(t, coalModel("100", "EarlyRetirementAllowed R,COAL=1"))
	approx(t, "objective with retirement", sol.Objective, withRet)
	ret := res.Table("RetiredCapacity")
	approx(t, "RetiredCapacity[COAL,2021]", cell(t, ret, "R", "COAL", "2021"), 10)
	if ret.Len() != 1 {
		t.Errorf("RetiredCapacity has %d rows, want only 2021", ret.Len())
	}
	for _, y := range []string{"2021", "2022"} {
		approx(t, "TotalCapacityAnnual[COAL,"+y+"]", cell(t, res.Table("TotalCapacityAnnual"), "R", "COAL", y), 0)
	}
	approx(t, "TotalCapacityAnnual[COAL,2020]", cell(t, res.Table("TotalCapacityAnnual"), "R", "COAL", "2020"), 10)
	// Stranded value of the residual coal retired in 2021: its remaining
	// life is the area under the profile from 2021 (10+10 unit-years) over
	// its height 10 = 2 years, so 3 of its 5 years are used; valued at
	// coal's 2021 capital cost 50 per unit (× CRF·PvA = 1):
	// 10 × 50 × sink(3,5) = 500 × 0.45783034 = 228.915169, discounted to
	// 2020 by DF[2021] = 1.1.
	stranded := 500 * (1 - (math.Pow(1.1, 3)-1)/(math.Pow(1.1, 5)-1))
	approx(t, "StrandedCost[COAL,2021]", cell(t, res.Table("StrandedCost"), "R", "COAL", "2021"), stranded)
	approx(t, "DiscountedStrandedCost[COAL,2021]", cell(t, res.Table("DiscountedStrandedCost"), "R", "COAL", "2021"), stranded/1.1)
	approx(t, "stranded 228.915", stranded, 228.915169285)
}

func TestRetireCoalNotOptimalAtLowPrice(t *testing.T) {
	// Price 0.5/t: coal costs 1.5 per unit to run plus 1 fixed, far below
	// solar's capital (≈41.6 per unit of 2021-2022 service), so coal runs
	// all three years and nothing retires:
	// 20 at mid-2020, then 10×1.5 + 10 = 25 in 2021 and 2022.
	want := 20/math.Sqrt(1.1) + 25/math.Pow(1.1, 1.5) + 25/math.Pow(1.1, 2.5)
	_, sol, res := solveRetire(t, coalModel("0.5", "EarlyRetirementAllowed R,COAL=1"))
	approx(t, "objective", sol.Objective, want)
	for _, name := range []string{"RetiredCapacity", "StrandedCost", "DiscountedStrandedCost"} {
		if n := res.Table(name).Len(); n != 0 {
			t.Errorf("%s has %d rows, want none", name, n)
		}
	}
}

func TestRetirementCostDetersRetirement(t *testing.T) {
	// Retiring the 10 coal units in 2021 saves fixed cost
	// 10/1.1^1.5 + 10/1.1^2.5 = 16.548. A retirement cost of 2 per unit
	// costs 20/1.1 = 18.18 in 2021 (and retiring in 2022 instead saves
	// 7.880 for 20/1.1^2 = 16.53): coal stays. At 1 per unit it costs
	// 10/1.1 = 9.09 < 16.548: coal retires in 2021 and the cost is paid.
	solar := 1000/1.1 - 1000*sink(2, 5)/math.Pow(1.1, 3)
	withRet := 20/math.Sqrt(1.1) + solar
	without := withRet + 10/math.Pow(1.1, 1.5) + 10/math.Pow(1.1, 2.5)
	for _, tc := range []struct {
		cost    string
		want    float64
		retired float64
	}{
		{"2", without, 0},
		{"1", withRet + 10/1.1, 10},
	} {
		t.Run("cost "+tc.cost, func(t *testing.T) {
			tm := coalModel("100", rows("2020 2021 2022", "EarlyRetirementAllowed R,COAL=1", "RetirementCost R,COAL,{y}="+tc.cost)...)
			l, sol, res := solveRetire(t, tm)
			approx(t, "objective", sol.Objective, tc.want)
			approx(t, "RetiredCapacity[COAL,2021]", cell(t, res.Table("RetiredCapacity"), "R", "COAL", "2021"), tc.retired)
			n := 0
			for j := 0; j < l.Problem.NumCols(); j++ {
				if fam, _ := l.ColFamily(j); fam == "RetiredResidualCapacity" {
					n++
				}
			}
			if n != 3 {
				t.Errorf("%d RetiredResidualCapacity columns, want 3 (one per year with a cost)", n)
			}
		})
	}
}

func TestRetireResidualProfileDeclines(t *testing.T) {
	// Coal's residual profile falls naturally from 10 to 6 in 2022. Retired
	// in 2021 (all 10 units), it has nothing left to retire in 2022: the
	// natural decline is not a retirement, so a retirement cost of 0.01
	// is paid on 10 units once (0.1 at DF 1.1), not on the 4 that would
	// have gone anyway. The objective is the flat profile's with
	// retirement plus that cost.
	solar := 1000/1.1 - 1000*sink(2, 5)/math.Pow(1.1, 3)
	tm := coalModel("100", rows("2020 2021 2022", "EarlyRetirementAllowed R,COAL=1", "RetirementCost R,COAL,{y}=0.01")...)
	tm.rows = slices.DeleteFunc(tm.rows, func(s string) bool { return s == "ResidualCapacity R,COAL,2022=10" })
	tm.rows = append(tm.rows, "ResidualCapacity R,COAL,2022=6")
	_, sol, res := solveRetire(t, tm)
	approx(t, "objective", sol.Objective, 20/math.Sqrt(1.1)+solar+0.1/1.1)
	ret := res.Table("RetiredCapacity")
	approx(t, "RetiredCapacity[COAL,2021]", cell(t, ret, "R", "COAL", "2021"), 10)
	approx(t, "RetiredCapacity[COAL,2022]", cell(t, ret, "R", "COAL", "2022"), 0)
	// Remaining life in 2021: (10 + 6)/10 = 1.6 years, so 3.4 of 5 used.
	approx(t, "StrandedCost[COAL,2021]", cell(t, res.Table("StrandedCost"), "R", "COAL", "2021"), 500*sink(3.4, 5))
}

func TestRetiredCapacityCannotComeBack(t *testing.T) {
	// Price 100/t in 2021 only, when an exogenous SOLAR plant (residual 10,
	// variable cost 5) covers demand; coal (fixed cost 1) idles in 2021 but
	// is needed again in 2022 (no solar then, new coal costs 1000). If
	// retired capacity could return, coal would retire in 2021 to save
	// 10/1.1^1.5; it cannot, so it stays: 20 at mid-2020, 10 fixed + 50
	// solar in 2021, 20 in 2022.
	tm := base("2020 2021 2022", rows("2020 2021 2022",
		"SpecifiedAnnualDemand R,ELC,{y}=10",
		"OutputActivityRatio R,COAL,ELC,1,{y}=1", "OutputActivityRatio R,SOLAR,ELC,1,{y}=1",
		"ResidualCapacity R,COAL,{y}=10", "FixedCost R,COAL,{y}=1", "VariableCost R,COAL,1,{y}=1",
		"EmissionActivityRatio R,COAL,CO2,1,{y}=1", "CapitalCost R,COAL,{y}=1000",
		"ResidualCapacity R,SOLAR,2021=10", "VariableCost R,SOLAR,1,{y}=5", "TotalAnnualMaxCapacityInvestment R,SOLAR,{y}=0",
		"EmissionsPenalty R,CO2,2021=100", "EarlyRetirementAllowed R,COAL=1")...)
	_, sol, res := solveRetire(t, tm)
	approx(t, "objective", sol.Objective, 20/math.Sqrt(1.1)+60/math.Pow(1.1, 1.5)+20/math.Pow(1.1, 2.5))
	approx(t, "TotalCapacityAnnual[COAL,2021]", cell(t, res.Table("TotalCapacityAnnual"), "R", "COAL", "2021"), 10)
	if n := res.Table("RetiredCapacity").Len(); n != 0 {
		t.Errorf("RetiredCapacity has %d rows, want none", n)
	}
}

// gasModel: 2020-2023, demand 10 a year. GAS (capital 100, 10-year life,
// fixed cost F, 1 t CO2 per unit) is the only way to meet demand in 2020
// and 2021, so 10 units are built in 2020 (CI 1000 at DF 1). From 2022 an
// exogenous SOLAR plant (residual 10, variable cost 1, no investment) takes
// over and CO2 costs 100/t, so gas idles.
func gasModel(fixed string, extra ...string) tiny {
	const years = "2020 2021 2022 2023"
	r := rows(years,
		"SpecifiedAnnualDemand R,ELC,{y}=10",
		"OutputActivityRatio R,GAS,ELC,1,{y}=1", "OutputActivityRatio R,SOLAR,ELC,1,{y}=1",
		"CapitalCost R,GAS,{y}=100", "OperationalLife R,GAS=10", "FixedCost R,GAS,{y}="+fixed,
		"EmissionActivityRatio R,GAS,CO2,1,{y}=1",
		"ResidualCapacity R,SOLAR,2022=10", "ResidualCapacity R,SOLAR,2023=10",
		"VariableCost R,SOLAR,1,{y}=1", "TotalAnnualMaxCapacityInvestment R,SOLAR,{y}=0",
		"EmissionsPenalty R,CO2,2022=100", "EmissionsPenalty R,CO2,2023=100",
		"EarlyRetirementAllowed R,GAS=1")
	return base(years, append(r, extra...)...)
}

func TestRetireNewCapacityLosesSalvage(t *testing.T) {
	// Kept to the end of 2023, the 2020 gas vintage has used 4 of its 10
	// years: salvage 1000 × sink(4,10) = 708.7986, discounted by 1.1^4 to
	// 484.12. Retired in 2022 it saves fixed cost
	// 10F × (1/1.1^2.5 + 1/1.1^3.5) = 15.0434 F but loses that salvage: it
	// pays when F > 32.18. F = 50 retires in 2022, F = 10 keeps the plant.
	// Solar runs 10 units at cost 1 in 2022 and 2023 either way.
	salvage := 1000 * sink(4, 10)
	stranded := 1000 * sink(2, 10) // 2 of 10 years used when retired in 2022
	common := func(f float64) float64 {
		return 10*f/math.Sqrt(1.1) + 1000 + 10*f/math.Pow(1.1, 1.5) + 10/math.Pow(1.1, 2.5) + 10/math.Pow(1.1, 3.5)
	}
	keep := func(f float64) float64 {
		return common(f) - salvage/math.Pow(1.1, 4) + 10*f/math.Pow(1.1, 2.5) + 10*f/math.Pow(1.1, 3.5)
	}
	for _, tc := range []struct {
		name, fixed string
		extra       []string
		want        float64
		retired     float64
	}{
		{"fixed cost 50 retires", "50", nil, common(50), 10},
		{"fixed cost 10 keeps", "10", nil, keep(10), 0},
		// Retiring still pays with a retirement cost of 30 in 2022
		// (300/1.1^2 = 247.93 < 752.17 - 484.12 = 268.05), not with 40
		// (330.58 > 268.05).
		{"retirement cost 30 paid", "50", []string{"RetirementCost R,GAS,2022=30"}, common(50) + 300/1.21, 10},
		{"retirement cost 40 deters", "50", []string{"RetirementCost R,GAS,2022=40"}, keep(50), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, sol, res := solveRetire(t, gasModel(tc.fixed, tc.extra...))
			approx(t, "objective", sol.Objective, tc.want)
			approx(t, "NewCapacity[GAS,2020]", cell(t, res.Table("NewCapacity"), "R", "GAS", "2020"), 10)
			approx(t, "RetiredCapacity[GAS,2022]", cell(t, res.Table("RetiredCapacity"), "R", "GAS", "2022"), tc.retired)
			sv := cell(t, res.Table("SalvageValue"), "R", "GAS", "2020")
			if tc.retired > 0 {
				approx(t, "SalvageValue[GAS,2020] (lost)", sv, 0)
				approx(t, "StrandedCost[GAS,2022]", cell(t, res.Table("StrandedCost"), "R", "GAS", "2022"), stranded)
				approx(t, "DiscountedStrandedCost[GAS,2022]", cell(t, res.Table("DiscountedStrandedCost"), "R", "GAS", "2022"), stranded/1.21)
				approx(t, "TotalCapacityAnnual[GAS,2022]", cell(t, res.Table("TotalCapacityAnnual"), "R", "GAS", "2022"), 0)
			} else {
				approx(t, "SalvageValue[GAS,2020]", sv, salvage)
				approx(t, "TotalCapacityAnnual[GAS,2023]", cell(t, res.Table("TotalCapacityAnnual"), "R", "GAS", "2023"), 10)
			}
		})
	}
	approx(t, "salvage 708.80", salvage, 708.79862235)
}

// sameProblem reports the first difference between two LPs, comparing
// every array bit for bit and every row and column name.
func sameProblem(a, b *LP) error {
	p, q := a.Problem, b.Problem
	if p.NumRows() != q.NumRows() || p.NumCols() != q.NumCols() || p.NumNonzeros() != q.NumNonzeros() {
		return fmt.Errorf("size %dx%d (%d nnz) vs %dx%d (%d nnz)", p.NumRows(), p.NumCols(), p.NumNonzeros(), q.NumRows(), q.NumCols(), q.NumNonzeros())
	}
	bits := func(name string, x, y []float64) error {
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return fmt.Errorf("%s[%d] = %v vs %v", name, i, x[i], y[i])
			}
		}
		return nil
	}
	for _, c := range []struct {
		name string
		x, y []float64
	}{{"Obj", p.Obj, q.Obj}, {"ColLower", p.ColLower, q.ColLower}, {"ColUpper", p.ColUpper, q.ColUpper},
		{"RowLower", p.RowLower, q.RowLower}, {"RowUpper", p.RowUpper, q.RowUpper}, {"Value", p.Value, q.Value}} {
		if err := bits(c.name, c.x, c.y); err != nil {
			return err
		}
	}
	if !slices.Equal(p.Start, q.Start) || !slices.Equal(p.Index, q.Index) {
		return errors.New("matrix structure differs")
	}
	for j := range p.NumCols() {
		if a.ColName(j) != b.ColName(j) {
			return fmt.Errorf("column %d: %s vs %s", j, a.ColName(j), b.ColName(j))
		}
	}
	for i := range p.NumRows() {
		if a.RowName(i) != b.RowName(i) {
			return fmt.Errorf("row %d: %s vs %s", i, a.RowName(i), b.RowName(i))
		}
	}
	return nil
}

// TestRetirementOffLeavesLPIdentical builds every shared model as it is,
// then with EarlyRetirementAllowed written out as 0 for every technology
// and a RetirementCost set everywhere (ignored where retirement is not
// allowed): the LPs must be identical bit for bit.
func TestRetirementOffLeavesLPIdentical(t *testing.T) {
	for _, c := range referenceCases(t) {
		if c.model == "super_simple" && c.datafile != "super_simple_model.txt" {
			continue
		}
		t.Run(c.model, func(t *testing.T) {
			if testing.Short() && c.model == "electricity" {
				t.Skip("electricity is the large model; skipped with -short")
			}
			m := loadCase(t, c)
			before, err := Build(m)
			if err != nil {
				t.Fatal(err)
			}
			era, rc := m.Param("EarlyRetirementAllowed"), m.Param("RetirementCost")
			regions, techs, years := m.Set("REGION"), m.Set("TECHNOLOGY"), m.Set("YEAR")
			for r := range regions.Len() {
				for tt := range techs.Len() {
					era.Set([]model.Elem{model.Elem(r), model.Elem(tt)}, 0)
					for y := range years.Len() {
						rc.Set([]model.Elem{model.Elem(r), model.Elem(tt), model.Elem(y)}, 7)
					}
				}
			}
			after, err := Build(m)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameProblem(before, after); err != nil {
				t.Fatalf("LP changed with retirement disabled: %v", err)
			}
		})
	}
}

func TestRetirementBadInput(t *testing.T) {
	for _, tc := range []struct {
		row, want string
	}{
		{"EarlyRetirementAllowed R,COAL=0.5", "EarlyRetirementAllowed[R,COAL]: 0.5 must be 0 or 1"},
		{"RetirementCost R,COAL,2020=-1", "RetirementCost[R,COAL,2020]: -1 must be >= 0"},
	} {
		t.Run(tc.row, func(t *testing.T) {
			_, err := Build(base("2020", tc.row).model(t))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, model.ErrDomain) {
				t.Fatalf("error %v, want one containing %q (ErrDomain)", err, tc.want)
			}
		})
	}
	t.Run("negative residual", func(t *testing.T) {
		_, err := Build(base("2020", "EarlyRetirementAllowed R,COAL=1", "ResidualCapacity R,COAL,2020=-2").model(t))
		if err == nil || !strings.Contains(err.Error(), "ResidualCapacity[R,COAL,2020]") {
			t.Fatalf("error %v, want one naming ResidualCapacity[R,COAL,2020]", err)
		}
	})
}

func TestRetirementTablesPresent(t *testing.T) {
	// Every solve carries the three tables, empty when nothing retires,
	// with their units.
	_, _, res := solveRetire(t, coalModel("0"))
	for _, name := range []string{"RetiredCapacity", "StrandedCost", "DiscountedStrandedCost"} {
		tab := res.Table(name)
		if tab == nil {
			t.Fatalf("no %s table", name)
		}
		if !slices.Equal(tab.Indices, []string{"REGION", "TECHNOLOGY", "YEAR"}) {
			t.Errorf("%s indices %v", name, tab.Indices)
		}
	}
}

// allowAll sets EarlyRetirementAllowed to 1 for every technology of m.
func allowAll(m *model.Model) {
	era := m.Param("EarlyRetirementAllowed")
	for r := range m.Set("REGION").Len() {
		for t := range m.Set("TECHNOLOGY").Len() {
			era.Set([]model.Elem{model.Elem(r), model.Elem(t)}, 1)
		}
	}
}

// TestRetireEverywhereNeverCostsMore allows every technology of every
// shared model to retire early: keeping all capacity is still feasible at
// the same cost, so the optimum can only fall, and the solution keeps the
// invariants (objective = sum of TotalDiscountedCost, rows within bounds).
func TestRetireEverywhereNeverCostsMore(t *testing.T) {
	for _, c := range referenceCases(t) {
		if c.model == "super_simple" && c.datafile != "super_simple_model.txt" {
			continue
		}
		t.Run(c.model, func(t *testing.T) {
			if testing.Short() && c.model == "electricity" {
				t.Skip("electricity is the large model; skipped with -short")
			}
			m := loadCase(t, c)
			allowAll(m)
			l, sol := solveModel(t, m)
			if sol.Status != lp.Optimal {
				t.Fatalf("status %v", sol.Status)
			}
			if sol.Objective > c.objective*(1+1e-7) {
				t.Errorf("objective %.10g with retirement > %.10g without", sol.Objective, c.objective)
			}
			checkInvariants(t, l, sol)
			res, err := l.Results(sol)
			if err != nil {
				t.Fatal(err)
			}
			retired := 0.0
			for _, v := range res.Table("RetiredCapacity").Values {
				retired += v
			}
			t.Logf("%s: objective %.10g (reference %.10g); LP %d rows x %d cols; %.6g capacity retired",
				c.model, sol.Objective, c.objective, l.Problem.NumRows(), l.Problem.NumCols(), retired)
		})
	}
}

// TestRetirementFromDataFile sets the parameters in a MathProg data file
// read after UTOPIA's: E01 (coal) may retire at a cost. The LP gains E01's
// survival columns only, and the parameters are written back to a data
// file; a model without them writes neither (osemosys.txt does not
// declare them, so glpsol could not read such a file).
func TestRetirementFromDataFile(t *testing.T) {
	dir := t.TempDir()
	extra := filepath.Join(dir, "retire.txt")
	data := "param EarlyRetirementAllowed default 0 :=\nUTOPIA E01 1\n;\nparam RetirementCost default 0 :=\nUTOPIA E01 1995 5\n;\nend;\n"
	if err := os.WriteFile(extra, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	utopia := filepath.Join(modelsDir, "utopia", "utopia.txt")
	m, err := mathprog.ReadFiles(utopia, extra)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	techs := map[string]int{}
	for j := 0; j < l.Problem.NumCols(); j++ {
		fam, key := l.ColFamily(j)
		switch fam {
		case "SurvivingResidualCapacity", "SurvivingNewCapacity", "RetiredResidualCapacity":
			techs[key[1]]++
			if fam == "RetiredResidualCapacity" && key[2] != "1995" {
				t.Errorf("column %s: RetirementCost is set for 1995 only", l.ColName(j))
			}
		}
	}
	if len(techs) != 1 || techs["E01"] == 0 {
		t.Errorf("retirement columns by technology %v, want E01 only", techs)
	}
	var buf strings.Builder
	if err := mathprog.Write(&buf, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "UTOPIA E01 1995 5") || !strings.Contains(buf.String(), "param EarlyRetirementAllowed") {
		t.Errorf("written data file lacks the retirement parameters")
	}
	plain, err := mathprog.ReadFiles(utopia)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := mathprog.Write(&buf, plain); err != nil {
		t.Fatal(err)
	}
	if s := buf.String(); strings.Contains(s, "EarlyRetirementAllowed") || strings.Contains(s, "RetirementCost") {
		t.Errorf("data file of a model without retirement names the retirement parameters")
	}
}
