package economy

import (
	"errors"
	"math"
	"strings"
	"testing"

	"blueprint/model"
	"blueprint/results"
)

// handRuns builds a reference and a run with one supply technology SUP
// making 100 units of ELC in 2030: variable cost 100 in the reference, 150
// and an emission penalty of 20 in the run.
func handRuns() (run, ref *results.Results) {
	mk := func(name string, varCost, penalty float64) *results.Results {
		prod := &results.Table{Name: "ProductionByTechnologyAnnual", Indices: []string{"REGION", "TECHNOLOGY", "FUEL", "YEAR"}, Unit: "PJ"}
		prod.Append(100, "R", "SUP", "ELC", "2030")
		vc := &results.Table{Name: "AnnualVariableOperatingCost", Indices: []string{"REGION", "TECHNOLOGY", "YEAR"}, Unit: "money"}
		vc.Append(varCost, "R", "SUP", "2030")
		pen := &results.Table{Name: "AnnualTechnologyEmissionsPenalty", Indices: []string{"REGION", "TECHNOLOGY", "YEAR"}, Unit: "money"}
		if penalty != 0 {
			pen.Append(penalty, "R", "SUP", "2030")
		}
		return &results.Results{Model: "hand", Scenario: name, Tables: []*results.Table{prod, vc, pen}}
	}
	return mk("run", 150, 20), mk("ref", 100, 0)
}

const handHouseholds = `# proxy: false
KIND,GROUP,CARRIER,LINK,YEAR,VALUE,UNIT,SOURCE,NOTE
weight,A,,,,0.5,,,
weight,B,,,,0.5,,,
income,A,,,2030,1000,money/person,,
income,B,,,2030,4000,money/person,,
use,A,power,,,200,kWh,,
use,B,power,,,400,kWh,,
use,A,gas,,,50,m3,,
use,B,gas,,,100,m3,,
tariff,,power,,,0.5,money/kWh,,
tariff,,gas,,,2,money/m3,,
model_fuel,,power,ELC,,2,money/kWh per model money/PJ,,
`

// TestBurdenHand checks the burden against a two-group example computed by
// hand: power price = 0.5 + 2 × (0.5 × Δcost 0.5 + 1 × Δcarbon 0.2) = 1.4;
// burden A = (200×1.4 + 50×2)/1000 = 0.38, B = (400×1.4 + 100×2)/4000 =
// 0.19; at reference prices 0.2 and 0.1; threshold 0.25 → shares 0.5 and 0.
func TestBurdenHand(t *testing.T) {
	h, err := ReadHouseholds(strings.NewReader(handHouseholds), "hand.csv")
	if err != nil {
		t.Fatal(err)
	}
	if h.Proxy {
		t.Error("hand data labelled proxy")
	}
	tab, err := ReadTableFile("testdata/millerblair.csv")
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewModel(tab, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadBridge(strings.NewReader("COMPONENT,SELECT,IO_SECTOR,SHARE,IMPORT_SHARE,PRICE\nvariable,*,1,1,0,\n"), "b.csv")
	if err != nil {
		t.Fatal(err)
	}
	run, ref := handRuns()
	opt := Options{Model: m, Bridge: b, Households: h, Scale: 1, PassThrough: 0.5, CarbonPassThrough: 1, Threshold: 0.25, Lifetime: 20}
	res, err := Impacts(run, ref, opt)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		t    *results.Table
		key  []string
		want float64
	}{
		{"power price", res.Prices, []string{"power", "2030"}, 1.4},
		{"gas price", res.Prices, []string{"gas", "2030"}, 2},
		{"burden A", res.Burden, []string{"A", "2030"}, 0.38},
		{"burden B", res.Burden, []string{"B", "2030"}, 0.19},
		{"reference A", res.BurdenReference, []string{"A", "2030"}, 0.2},
		{"reference B", res.BurdenReference, []string{"B", "2030"}, 0.1},
		{"share above", res.AboveThreshold, []string{"2030"}, 0.5},
		{"share above ref", res.AboveThresholdReference, []string{"2030"}, 0},
		// Δf: variable spending +50 all local to sector 1; Δx = L[:,0] × 50.
		{"Δf", res.FinalDemand, []string{"R", "1", "2030"}, 50},
		{"Δx 1", res.Output, []string{"R", "1", "2030"}, 50 * 0.95 / 0.7575},
		{"Δx 2", res.Output, []string{"R", "2", "2030"}, 50 * 0.2 / 0.7575},
	}
	for _, c := range checks {
		if got := cell(c.t, c.key...); !near(got, c.want, 1e-12) {
			t.Errorf("%s = %.15g, want %g", c.name, got, c.want)
		}
	}
	if strings.Contains(res.Burden.Unit, ProxyLabel) || res.BurdenIndirect != nil {
		t.Errorf("burden unit %q (no proxy label expected); indirect %v (no io_sector given)", res.Burden.Unit, res.BurdenIndirect)
	}
}

// TestEnergyPrices: delivered cost through a chain with a two-output plant,
// annualised capital and a carbon price on emission limits.
//
//	IMP: 200 GAS, variable cost 20            → p_GAS = 0.1
//	PLANT: uses 200 GAS, makes 100 ELC + 100 HEAT, fixed 10, capital 100 in
//	2030 over 10 years at 0% (10 a year); CO2 2, carbon price 5
//	p_ELC = ½ (10 + 10)/100 + ½·200/100 · 0.1 = 0.2; carbon ½·10/100 = 0.05
func TestEnergyPrices(t *testing.T) {
	tb := func(name string, idx ...string) *results.Table {
		return &results.Table{Name: name, Indices: idx}
	}
	prod := tb("ProductionByTechnologyAnnual", "REGION", "TECHNOLOGY", "FUEL", "YEAR")
	prod.Append(200, "R", "IMP", "GAS", "2030")
	prod.Append(100, "R", "PLANT", "ELC", "2030")
	prod.Append(100, "R", "PLANT", "HEAT", "2030")
	use := tb("UseByTechnologyAnnual", "REGION", "TECHNOLOGY", "FUEL", "YEAR")
	use.Append(200, "R", "PLANT", "GAS", "2030")
	vc := tb("AnnualVariableOperatingCost", "REGION", "TECHNOLOGY", "YEAR")
	vc.Append(20, "R", "IMP", "2030")
	fc := tb("AnnualFixedOperatingCost", "REGION", "TECHNOLOGY", "YEAR")
	fc.Append(10, "R", "PLANT", "2030")
	ci := tb("CapitalInvestment", "REGION", "TECHNOLOGY", "YEAR")
	ci.Append(100, "R", "PLANT", "2030")
	ci.Append(1000, "R", "PLANT", "2020") // 2020 + 10 years ends before 2030
	em := tb("AnnualTechnologyEmission", "REGION", "TECHNOLOGY", "EMISSION", "YEAR")
	em.Append(2, "R", "PLANT", "CO2", "2030")
	cp := tb("CarbonPrice", "REGION", "EMISSION", "YEAR")
	cp.Append(5, "R", "CO2", "2030")
	// End use: a boiler burns 40 GAS and 10 ELC for 45 of demanded HOT,
	// penalty 10: carbon cost per unit burned 10 × 40/50 / 40 = 0.2 (GAS)
	// and 10 × 10/50 / 10 = 0.2 (ELC).
	prod.Append(45, "R", "BOILER", "HOT", "2030")
	use.Append(40, "R", "BOILER", "GAS", "2030")
	use.Append(10, "R", "BOILER", "ELC", "2030")
	pen := tb("AnnualTechnologyEmissionsPenalty", "REGION", "TECHNOLOGY", "YEAR")
	pen.Append(10, "R", "BOILER", "2030")
	dem := tb("Demand", "REGION", "TIMESLICE", "FUEL", "YEAR")
	dem.Append(45, "R", "ALL", "HOT", "2030")
	r := &results.Results{Tables: []*results.Table{prod, use, vc, fc, ci, em, cp, pen, dem}}
	fc0, err := energyPrices(r, []int{2030}, Options{Lifetime: 10})
	if err != nil {
		t.Fatal(err)
	}
	// GAS: 240 units now (IMP makes 200 only, so with BOILER buying 40 the
	// price is still 20/200 = 0.1 per unit produced).
	want := map[string][3]float64{"GAS": {0.1, 0, 0.2}, "ELC": {0.2, 0.05, 0.2}, "HEAT": {0.2, 0.05, 0}}
	for i, f := range fc0.fuels {
		w, ok := want[f]
		if !ok {
			continue
		}
		if !near(fc0.cost[i][0], w[0], 1e-12) || !near(fc0.carbon[i][0], w[1], 1e-12) || !near(fc0.burn[i][0], w[2], 1e-12) {
			t.Errorf("%s: cost %g carbon %g burn %g, want %v", f, fc0.cost[i][0], fc0.carbon[i][0], fc0.burn[i][0], w)
		}
	}
	// Capital recovery at 5% over 10 years: 100 × 0.129505 = 12.95.
	fc5, err := energyPrices(r, []int{2030}, Options{Lifetime: 10, DiscountRate: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	crf := 0.05 / (1 - math.Pow(1.05, -10))
	if w := 0.5*(10+100*crf)/100 + 0.1; !near(fc5.cost[1][0], w, 1e-12) {
		t.Errorf("ELC cost with 5%% capital recovery = %g, want %g", fc5.cost[1][0], w)
	}
}

// TestBeijingHouseholds: the committed proxy reads, is labelled proxy,
// keeps the population mean use, and the lowest quintile carries the
// highest burden at tariff prices.
func TestBeijingHouseholds(t *testing.T) {
	h, err := ReadHouseholdsFile(beijingDir + "/" + HouseholdsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Proxy || len(h.Groups) != 5 || len(h.Carriers) != 4 {
		t.Fatalf("proxy %v, %d groups, %d carriers", h.Proxy, len(h.Groups), len(h.Carriers))
	}
	for ci, c := range h.Carriers {
		mean := 0.0
		for _, g := range h.Groups {
			mean += g.Weight * g.Use[ci]
		}
		want := map[string]float64{"electricity": 779.6, "natural gas": 64.12, "district heat": 28.69, "motor fuel": 177.6}[c.Name]
		if !near(mean, want, 1e-9) {
			t.Errorf("%s: mean use %g, want %g", c.Name, mean, want)
		}
	}
	burden := func(g Group) float64 {
		s := 0.0
		for ci, c := range h.Carriers {
			s += g.Use[ci] * c.Tariff.At(2030)
		}
		return s / g.IncomeAt(2030)
	}
	q1, q5 := burden(h.Groups[0]), burden(h.Groups[4])
	if !(q1 > q5) || q1 > 0.2 || q5 < 0.01 {
		t.Errorf("burden Q1 %g, Q5 %g", q1, q5)
	}
	t.Logf("Beijing burden at 2020 tariffs: Q1 %.3f, Q5 %.3f", q1, q5)
}

// TestReadHouseholdsErrors: bad rows are reported with file, line and field.
func TestReadHouseholdsErrors(t *testing.T) {
	head := "KIND,GROUP,CARRIER,LINK,YEAR,VALUE,UNIT,SOURCE,NOTE\n"
	tests := []struct{ name, src, want string }{
		{"unknown kind", head + "wight,A,,,,1,,,\n", "h.csv:2: KIND:"},
		{"bad value", head + "weight,A,,,,x,,,\n", "h.csv:2: VALUE:"},
		{"negative use", head + "use,A,power,,,-1,,,\n", "h.csv:2: VALUE:"},
		{"weights", head + "weight,A,,,,0.4,,,\nincome,A,,,,1,,,\ntariff,,p,,,1,,,\n", "weights sum to 0.4"},
		{"no tariff", head + "weight,A,,,,1,,,\nincome,A,,,,1,,,\nuse,A,p,,,1,,,\n", "carrier p has no tariff"},
		{"duplicate", head + "income,A,,,2020,1,,,\nincome,A,,,2020,2,,,\n", "h.csv:3: YEAR:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadHouseholds(strings.NewReader(tc.src), "h.csv")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
			var pe *model.PosError
			if err != nil && !errors.As(err, &pe) {
				t.Errorf("err %T is not a model.PosError", err)
			}
		})
	}
}
