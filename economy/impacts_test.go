package economy

import (
	"math"
	"strings"
	"testing"

	"blueprint/results"
)

func utopiaOptions(t testing.TB) Options {
	t.Helper()
	tab, err := ReadTableFile("testdata/utopia_io.csv")
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewModel(tab, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadBridgeFile("testdata/utopia_bridge.csv")
	if err != nil {
		t.Fatal(err)
	}
	h, err := ReadHouseholdsFile("testdata/utopia_households.csv")
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.Model, opt.Bridge, opt.Households = m, b, h
	return opt
}

func readRun(t testing.TB, dir string) *results.Results {
	t.Helper()
	r, err := results.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// byYear sums a REGION,SECTOR,YEAR (or GROUP,YEAR) table by YEAR.
func byYear(t *results.Table) map[string]float64 {
	keys, sums := t.Sum("", "", "YEAR")
	out := map[string]float64{}
	for i, k := range keys {
		out[k] = sums[i]
	}
	return out
}

func cell(t *results.Table, key ...string) float64 {
	for i := range t.Values {
		k := t.Key(i)
		if strings.Join(k, "|") == strings.Join(key, "|") {
			return t.Values[i]
		}
	}
	return math.NaN()
}

// TestImpactsUTOPIA runs the whole chain on UTOPIA with and without a CO2
// penalty (testdata/runs) and checks it against identities computed here
// from the run tables, not from the code under test.
func TestImpactsUTOPIA(t *testing.T) {
	opt := utopiaOptions(t)
	run, ref := readRun(t, "testdata/runs/utopia_tax"), readRun(t, "testdata/runs/utopia_ref")
	res, err := Impacts(run, ref, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Region != "UTOPIA" || len(res.Years) != 21 || res.Scale != 1 {
		t.Fatalf("region %q, %d years, scale %g", res.Region, len(res.Years), res.Scale)
	}
	// Conservation: Δf + leakage = Δ(capital + fixed + variable spending).
	spend := map[string]float64{}
	for _, r := range []struct {
		res  *results.Results
		sign float64
	}{{run, 1}, {ref, -1}} {
		for _, name := range []string{"CapitalInvestment", "AnnualFixedOperatingCost", "AnnualVariableOperatingCost"} {
			for y, v := range byYear(r.res.Table(name)) {
				spend[y] += r.sign * v
			}
		}
	}
	df, leak := byYear(res.FinalDemand), byYear(res.Leakage)
	nonzero := 0
	for y, s := range spend {
		if !near(df[y]+leak[y], s, 1e-9*math.Max(1, math.Abs(s))) {
			t.Errorf("%s: Δf %g + leakage %g ≠ Δspending %g", y, df[y], leak[y], s)
		}
		if math.Abs(s) > 1e-6 {
			nonzero++
		}
	}
	if nonzero == 0 {
		t.Fatal("the CO2 penalty changed no spending: test data is not exercising anything")
	}
	// Column identity with imports: Σ Δva + Σ (IM_j/X_j) Δx_j = Σ Δf.
	tab := opt.Model.Table
	dva := byYear(res.ValueAdded)
	for y := range spend {
		imp := 0.0
		for j, s := range tab.Sectors {
			imp += tab.Imports[j] / tab.X[j] * cell(res.Output, "UTOPIA", s.Code, y)
		}
		if !near(dva[y]+imp, df[y], 1e-9*math.Max(1, math.Abs(df[y]))) {
			t.Errorf("%s: ΣΔva %g + induced imports %g ≠ ΣΔf %g", y, dva[y], imp, df[y])
		}
	}
	// Multipliers table: the output multiplier of MAN equals 1ᵀL[:,MAN].
	l := opt.Model.Leontief()
	j := tab.Index("MAN")
	sum := 0.0
	for i := 0; i < tab.N(); i++ {
		sum += l.At(i, j)
	}
	if got := cell(res.Multipliers, "MAN", "output"); !near(got, sum, 1e-12) {
		t.Errorf("output multiplier MAN = %g, want %g", got, sum)
	}
	// Proxy labels travel in the units.
	for _, tb := range []*results.Table{res.Output, res.ValueAdded, res.Jobs, res.Burden, res.BurdenIndirect} {
		if !strings.Contains(tb.Unit, ProxyLabel) {
			t.Errorf("%s unit %q lacks %s", tb.Name, tb.Unit, ProxyLabel)
		}
	}
	// The penalty raises the delivered cost of electricity from fossil
	// plants: the household price in 2010 is above the tariff, and the
	// low-income group (use elasticity 0.3 < 1) carries the larger burden.
	if p := cell(res.Prices, "electricity", "2010"); !(p > 15) {
		t.Errorf("electricity price 2010 = %g, want above the tariff 15", p)
	}
	low, high := cell(res.Burden, "LOW", "2010"), cell(res.Burden, "HIGH", "2010")
	if !(low > high) || !(low > cell(res.BurdenReference, "LOW", "2010")) {
		t.Errorf("burden 2010 LOW %g, HIGH %g, LOW at reference prices %g", low, high, cell(res.BurdenReference, "LOW", "2010"))
	}
	if ind := cell(res.BurdenIndirect, "LOW", "2010"); !(ind > 0) {
		t.Errorf("indirect burden 2010 = %g, want > 0 when energy prices rise", ind)
	}
	t.Logf("2010: Δf %.2f, leakage %.2f, Δva %.2f, Δjobs %.3f, burden LOW %.4f HIGH %.4f, price ELC %.3f",
		df["2010"], leak["2010"], dva["2010"], byYear(res.Jobs)["2010"], low, high, cell(res.Prices, "electricity", "2010"))
}
