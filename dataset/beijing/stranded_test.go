package beijing

import (
	"context"
	"math"
	"strconv"
	"testing"

	"blueprint/model"
	"blueprint/pathway"
)

// earlyRetirers returns the technologies with EarlyRetirementAllowed = 1.
func earlyRetirers(t *testing.T, m *model.Model) []string {
	t.Helper()
	p := m.Param("EarlyRetirementAllowed")
	tech := m.Set("TECHNOLOGY")
	var out []string
	for i := 0; i < p.NumEntries(); i++ {
		key, v := p.Entry(i)
		if v == 1 {
			out = append(out, tech.ElemName(key[1]))
		}
	}
	if len(out) == 0 {
		t.Fatal("no technology may retire early: EarlyRetirementAllowed empty?")
	}
	return out
}

// objective solves m and returns the optimal objective.
func objective(t *testing.T, m *model.Model) float64 {
	t.Helper()
	run, err := pathway.Solve(context.Background(), m, newClp, pathway.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return run.Solution.Objective
}

// TestStrandedCapex checks that every technology allowed to retire early
// has a CapitalCost (its replacement cost, to value stranded residual
// capacity) in every year and can never invest, so the cost cannot change
// the optimum.
func TestStrandedCapex(t *testing.T) {
	m, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	cc, mx := m.Param("CapitalCost"), m.Param("TotalAnnualMaxCapacityInvestment")
	r, _ := m.Set("REGION").Lookup("BEIJING")
	years := m.Set("YEAR")
	for _, name := range earlyRetirers(t, m) {
		te, _ := m.Set("TECHNOLOGY").Lookup(name)
		for y := 0; y < years.Len(); y++ {
			ye := model.Elem(y)
			if v, ok := cc.Get(r, te, ye); !ok || v <= 0 {
				t.Errorf("%s %s: CapitalCost %g (explicit %v), want a positive replacement cost", name, years.ElemName(ye), v, ok)
			}
			if v, ok := mx.Get(r, te, ye); !ok || v != 0 {
				t.Errorf("%s %s: TotalAnnualMaxCapacityInvestment %g (explicit %v), want 0", name, years.ElemName(ye), v, ok)
			}
		}
	}
}

// TestStrandedCost solves every scenario with and without the valuation
// CapitalCost of the early-retiring technologies (the optimum must not
// move: 1e-9 relative), and recomputes neutral2050's stranded cost of the
// largest residual retirement by hand: StrandedCost = q · CC · CRF · PvA ·
// share(u), u = OL − n, n = min(OL, Σ_{z≥y} Res[z] / Res[y]).
func TestStrandedCost(t *testing.T) {
	if testing.Short() {
		t.Skip("solves every scenario twice")
	}
	for _, name := range ScenarioNames() {
		with, err := Scenario(name)
		if err != nil {
			t.Fatal(err)
		}
		without, err := Scenario(name)
		if err != nil {
			t.Fatal(err)
		}
		cc := without.Param("CapitalCost")
		r, _ := without.Set("REGION").Lookup("BEIJING")
		removed := 0
		for _, tech := range earlyRetirers(t, without) {
			te, _ := without.Set("TECHNOLOGY").Lookup(tech)
			for y := 0; y < without.Set("YEAR").Len(); y++ {
				if _, ok := cc.Get(r, te, model.Elem(y)); ok {
					cc.Delete([]model.Elem{r, te, model.Elem(y)})
					removed++
				}
			}
		}
		if removed == 0 {
			t.Fatalf("%s: no valuation CapitalCost rows to remove", name)
		}
		a, b := objective(t, with), objective(t, without)
		if d := math.Abs(a-b) / math.Abs(b); d > 1e-9 {
			t.Errorf("%s: objective %.10g with the valuation CapitalCost, %.10g without (relative %.2e > 1e-9)", name, a, b, d)
		}
		t.Logf("%s: objective %.10g with, %.10g without (%d CapitalCost rows)", name, a, b, removed)
	}

	res, m := solve(t, "neutral2050")
	sc, rc := res.Table("StrandedCost"), res.Table("RetiredCapacity")
	if sc == nil || rc == nil || sc.Len() == 0 {
		t.Fatal("neutral2050: StrandedCost empty")
	}
	total := 0.0
	for _, v := range sc.Values {
		total += v
	}
	if total <= 0 {
		t.Fatalf("neutral2050: total StrandedCost %g, want > 0", total)
	}
	// The largest single retirement of GAS_CHP_OLD (residual capacity only:
	// it cannot invest, so it has no vintages).
	tech, year, q := "GAS_CHP_OLD", 0, 0.0
	for i := range rc.Values {
		k := rc.Key(i)
		if k[1] == tech && rc.Values[i] > q {
			year, _ = strconv.Atoi(k[2])
			q = rc.Values[i]
		}
	}
	if q == 0 {
		t.Fatalf("neutral2050: %s retires nothing early", tech)
	}
	got := 0.0
	for i := range sc.Values {
		if k := sc.Key(i); k[1] == tech && k[2] == strconv.Itoa(year) {
			got = sc.Values[i]
		}
	}
	get := func(param string, key ...string) float64 {
		p := m.Param(param)
		ks := make([]model.Elem, len(key))
		for i, n := range key {
			e, ok := p.Sets()[i].Lookup(n)
			if !ok {
				t.Fatalf("%s: no %s in %s", param, n, p.Sets()[i].Name)
			}
			ks[i] = e
		}
		v, explicit := p.Get(ks...)
		if !explicit {
			v = p.DefaultAt(ks)
		}
		return v
	}
	rate := get("DiscountRate", "BEIJING")
	ol := get("OperationalLife", "BEIJING", tech)
	capex := get("CapitalCost", "BEIJING", tech, strconv.Itoa(year))
	crf := (1 - math.Pow(1+rate, -1)) / (1 - math.Pow(1+rate, -ol))
	pva := (1 - math.Pow(1+rate, -ol)) * (1 + rate) / rate
	h := get("ResidualCapacity", "BEIJING", tech, strconv.Itoa(year))
	area := 0.0
	for z := year; z <= 2050; z++ {
		area += get("ResidualCapacity", "BEIJING", tech, strconv.Itoa(z))
	}
	n := math.Min(ol, area/h)
	u := ol - n
	var share float64
	switch get("DepreciationMethod", "BEIJING") {
	case 1:
		share = 1 - (math.Pow(1+rate, u)-1)/(math.Pow(1+rate, ol)-1)
	case 2:
		share = 1 - u/ol
	default:
		t.Fatal("unexpected DepreciationMethod")
	}
	want := q * capex * crf * pva * share
	if math.Abs(got-want) > 1e-9*want {
		t.Errorf("neutral2050 %s %d: StrandedCost %.10g, hand formula %.10g (q %g GW × CC %g × CRF %g × PvA %g × share(u=%g) %g)", tech, year, got, want, q, capex, crf, pva, u, share)
	}
	t.Logf("neutral2050: total StrandedCost %.1f MCNY; %s %d: q %.4g GW, n %.4g yr, u %.4g yr, share %.4f, %.1f MCNY", total, tech, year, q, n, u, share, got)
}
