package abatement

import (
	"math"
	"strings"
	"testing"

	"blueprint/results"
)

// TestDecomposeUtopia: the effects sum to the change in UTOPIA's CO2 from
// 1990 to 2010 as AnnualEmissions reports it (UTOPIA has no exogenous
// emissions), sector by sector and in total.
func TestDecomposeUtopia(t *testing.T) {
	ref, _ := utopiaPair(t)
	d, err := Decompose(ref, DecomposeOptions{From: "1990", To: "2010"})
	if err != nil {
		t.Fatal(err)
	}
	_, sums := ref.Table("AnnualEmissions").Sum("EMISSION", "CO2", "YEAR")
	keys, _ := ref.Table("AnnualEmissions").Sum("EMISSION", "CO2", "YEAR")
	var c0, cT float64
	for i, k := range keys {
		switch k {
		case "1990":
			c0 = sums[i]
		case "2010":
			cT = sums[i]
		}
	}
	if math.Abs(d.TotalChange-(cT-c0)) > 1e-9*cT {
		t.Errorf("total change %v, AnnualEmissions change %v", d.TotalChange, cT-c0)
	}
	sum := 0.0
	for _, v := range d.Total {
		sum += v
	}
	if math.Abs(sum-d.TotalChange) > 1e-9*(c0+cT) {
		t.Errorf("effects sum to %v, change %v", sum, d.TotalChange)
	}
	for i, s := range d.Sectors {
		e := 0.0
		for _, v := range d.Effects[i] {
			e += v
		}
		if math.Abs(e-d.Change[i]) > 1e-9*(c0+cT) {
			t.Errorf("%s: effects %v sum to %v, change %v", s, d.Effects[i], e, d.Change[i])
		}
	}
	t.Logf("CO2 %v → %v: %v", c0, cT, d.Total)
}

// TestDecomposeHand: a hand-made economy where only demand grows (both
// sectors double their service, same technologies, same fuels): the whole
// change is the activity effect. COAL_PP uses 10 COAL for 4 ELC and emits
// 1; COAL_IMP supplies the coal and emits 0.5 (an import technology: its
// output is its energy); HEAT uses 4 ELC to deliver 3 HEAT (a demand
// fuel). In 2030 every flow doubles.
func TestDecomposeHand(t *testing.T) {
	mk := func() *results.Results {
		use := &results.Table{Name: "UseByTechnologyAnnual", Indices: []string{"REGION", "TECHNOLOGY", "FUEL", "YEAR"}, Unit: "PJ"}
		prod := &results.Table{Name: "ProductionByTechnologyAnnual", Indices: []string{"REGION", "TECHNOLOGY", "FUEL", "YEAR"}, Unit: "PJ"}
		em := &results.Table{Name: "AnnualTechnologyEmission", Indices: []string{"REGION", "TECHNOLOGY", "EMISSION", "YEAR"}, Unit: "Mt"}
		dem := &results.Table{Name: "Demand", Indices: []string{"REGION", "TIMESLICE", "FUEL", "YEAR"}, Unit: "PJ"}
		for k, y := range []string{"2020", "2030"} {
			f := float64(k + 1)
			use.Append(10*f, "R", "COAL_PP", "COAL", y)
			use.Append(4*f, "R", "HEAT", "ELC", y)
			prod.Append(10*f, "R", "COAL_IMP", "COAL", y)
			prod.Append(4*f, "R", "COAL_PP", "ELC", y)
			prod.Append(3*f, "R", "HEAT", "HEAT", y)
			em.Append(1*f, "R", "COAL_PP", "CO2", y)
			em.Append(0.5*f, "R", "COAL_IMP", "CO2", y)
			dem.Append(3*f, "R", "ALL", "HEAT", y)
		}
		return &results.Results{Tables: []*results.Table{use, prod, em, dem}, Groups: []results.Group{
			{Technology: "COAL_PP", Sector: "power"}, {Technology: "COAL_IMP", Sector: "supply"}, {Technology: "HEAT", Sector: "buildings"},
		}}
	}
	d, err := Decompose(mk(), DecomposeOptions{From: "2020", To: "2030"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(d.Sectors, ",") != "buildings,power,supply" || strings.Join(d.Fuels, ",") != "COAL,ELC" {
		t.Fatalf("sectors %v, fuels %v", d.Sectors, d.Fuels)
	}
	// power: activity = its output 4 ELC (no demand fuel), energy 10 COAL,
	// emissions 1 on COAL; supply: activity 10, energy 10 COAL (its
	// output), emissions 0.5; buildings: activity 3 HEAT, energy 4 ELC.
	wantBase := Period{Activity: []float64{3, 4, 10}, Energy: []float64{0, 4, 10, 0, 10, 0}, Emissions: []float64{0, 0, 1, 0, 0.5, 0}}
	for i := range wantBase.Activity {
		if d.Data[0].Activity[i] != wantBase.Activity[i] {
			t.Errorf("base activity %v, want %v", d.Data[0].Activity, wantBase.Activity)
			break
		}
	}
	for k := range wantBase.Energy {
		if d.Data[0].Energy[k] != wantBase.Energy[k] || d.Data[0].Emissions[k] != wantBase.Emissions[k] {
			t.Errorf("base energy %v emissions %v, want %v %v", d.Data[0].Energy, d.Data[0].Emissions, wantBase.Energy, wantBase.Emissions)
			break
		}
	}
	if math.Abs(d.TotalChange-1.5) > 1e-12 || math.Abs(d.Total[Activity]-1.5) > 1e-12 {
		t.Errorf("change %v, activity effect %v; want 1.5 both", d.TotalChange, d.Total[Activity])
	}
	for k := Structure; k < NumEffects; k++ {
		if math.Abs(d.Total[k]) > 1e-12 {
			t.Errorf("%v effect %v, want 0", k, d.Total[k])
		}
	}

	// With an activity file that doubles only buildings, the others' growth
	// is intensity.
	act := map[string]map[string]float64{
		"buildings": {"2020": 1, "2030": 2}, "power": {"2020": 1, "2030": 1}, "supply": {"2020": 1, "2030": 1},
	}
	d, err = Decompose(mk(), DecomposeOptions{From: "2020", To: "2030", Activity: act})
	if err != nil {
		t.Fatal(err)
	}
	if sum := d.Total[Activity] + d.Total[Structure] + d.Total[Intensity]; math.Abs(sum-1.5) > 1e-12 || d.Total[Intensity] <= 0 {
		t.Errorf("activity+structure+intensity = %v (intensity %v), want 1.5", sum, d.Total[Intensity])
	}

	bad := []struct {
		opt  DecomposeOptions
		want string
	}{
		{DecomposeOptions{From: "2019", To: "2030"}, `from year "2019" is not a year of the results (2020–2030)`},
		{DecomposeOptions{From: "2020", To: "2050"}, `to year "2050" is not a year of the results (2020–2030)`},
		{DecomposeOptions{From: "2020", To: "2020"}, "same year"},
		{DecomposeOptions{From: "2020", To: "2030", Emission: "NOX"}, `emission "NOX" is not in the results`},
		{DecomposeOptions{From: "2020", To: "2030", Activity: map[string]map[string]float64{"power": {"2020": 1}}}, "activity: no value for sector buildings in 2020"},
	}
	for _, tc := range bad {
		if _, err := Decompose(mk(), tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.opt, err, tc.want)
		}
	}
}
