package beijing

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/model"
	"blueprint/pathway"
	"blueprint/results"
)

func newClp() (lp.Solver, error) { return clp.New() }

// solveOnce caches one solve per scenario ("" = base) for the tests of
// this package (solving takes about a second).
var solved = map[string]*results.Results{}
var solvedMu sync.Mutex

func solve(t testing.TB, name string) (*results.Results, *model.Model) {
	t.Helper()
	var m *model.Model
	var err error
	if name == "" {
		m, err = Base()
	} else {
		m, err = Scenario(name)
	}
	if err != nil {
		t.Fatal(err)
	}
	solvedMu.Lock()
	defer solvedMu.Unlock()
	if r, ok := solved[name]; ok {
		return r, m
	}
	run, err := pathway.Solve(context.Background(), m, newClp, pathway.Options{})
	if errors.Is(err, lp.ErrUnavailable) {
		t.Skip("clp not available (built without cgo)")
	}
	if err != nil {
		t.Fatal(err)
	}
	if run.Solution.Status != lp.Optimal {
		t.Fatalf("%s: status %v", name, run.Solution.Status)
	}
	solved[name] = run.Results
	return run.Results, m
}

// checks reads the check:* rows of inputs.csv.
func checks(t testing.TB) map[string]float64 {
	t.Helper()
	recs := readCSV(t, "inputs.csv")
	out := map[string]float64{}
	for _, r := range recs {
		if len(r) >= 2 && strings.HasPrefix(r[0], "check:") {
			v, err := strconv.ParseFloat(r[1], 64)
			if err != nil {
				t.Fatalf("inputs.csv: %s: %v", r[0], err)
			}
			out[strings.TrimPrefix(r[0], "check:")] = v
		}
	}
	return out
}

func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// ceads2019 reads the CEADs sheet: Mt CO2 by (inventory row, fuel column).
func ceads2019(t testing.TB) map[[2]string]float64 {
	t.Helper()
	recs := readCSV(t, "sources/ceads_beijing_scope1_2019_MtCO2.csv")
	var hdr []string
	out := map[[2]string]float64{}
	for _, r := range recs {
		switch {
		case len(r) < 3 || r[0] == "unit" || r[0] == "TotalEmissions":
		case r[0] == "Emission_Inventory":
			hdr = r
		default:
			for j := 1; j < len(r)-1; j++ {
				v, err := strconv.ParseFloat(r[j], 64)
				if err != nil {
					t.Fatalf("CEADs %s %s: %v", r[0], hdr[j], err)
				}
				out[[2]string{r[0], hdr[j]}] += v
			}
		}
	}
	return out
}

// carrierOf groups CEADs fuel columns into model fuels ("PROC" = process).
var carrierOf = map[string]string{
	"Raw_Coal": "COAL", "Briquettes": "COAL", "Gasoline": "GSL", "Kerosene": "JET", "Diesel_Oil": "DSL",
	"LPG": "LPG", "Fuel_Oil": "OOIL", "Refinery_Gas": "OOIL", "Other_Petroleum_Products": "OOIL",
	"Natural_Gas": "NGAS", "Process": "PROC",
}

// modelSector restates, at sector level, where each CEADs cell lands in the
// model (docs/beijing.md, "CEADs to model sectors"): inventory rows keep
// their sector except vehicle fuels, which move to transport, kerosene in
// the transport row, which is aviation, and coal in the transport row,
// which heats buildings.
func modelSector(row, fuel string) string {
	vehicle := fuel == "Gasoline" || fuel == "Diesel_Oil" || fuel == "Kerosene"
	switch {
	case strings.HasPrefix(row, "Production and Supply of Electric"):
		return "power_heat"
	case strings.HasPrefix(row, "Transportation, Storage"):
		switch fuel {
		case "Kerosene":
			return "aviation"
		case "Raw_Coal":
			return "commercial"
		}
		return "transport"
	case row == "Urban" || row == "Rural":
		if fuel == "Gasoline" {
			return "transport"
		}
		return "residential"
	case strings.HasPrefix(row, "Wholesale") || row == "Others":
		if vehicle || fuel == "Fuel_Oil" {
			return "transport"
		}
		return "commercial"
	}
	// industry rows, construction, agriculture
	if vehicle {
		return "transport"
	}
	return "industry"
}

// efs reads the emission factors (t/TJ) of inputs.csv.
func efs(t testing.TB) map[string]float64 {
	out := map[string]float64{}
	for _, r := range readCSV(t, "inputs.csv") {
		if strings.HasPrefix(r[0], "ef:") {
			v, _ := strconv.ParseFloat(r[1], 64)
			out[strings.TrimPrefix(r[0], "ef:")] = v
		}
	}
	return out
}

// sum adds a result table's VALUE over rows matching all filters.
func sum(tab *results.Table, filter map[string]string) float64 {
	if tab == nil {
		return 0
	}
	col := map[string]int{}
	for i, n := range tab.Indices {
		col[n] = i
	}
	s := 0.0
rows:
	for i := range tab.Values {
		k := tab.Key(i)
		for c, want := range filter {
			j, ok := col[c]
			if !ok || k[j] != want {
				continue rows
			}
		}
		s += tab.Values[i]
	}
	return s
}

type calRow struct {
	group, item    string
	target, model  float64
	unit, source   string
	tol            float64 // relative; 0 = shown, not asserted
	absTol         bool    // tol in points of a share
	assert, hidden bool
}

// calibration solves the base model and compares 2019 (and 2020 checks)
// with the statistics.
func calibration(t *testing.T) []calRow {
	res, m := solve(t, "")
	ck := checks(t)
	ef := efs(t)
	cells := ceads2019(t)
	sector := map[string]string{}
	for _, g := range m.Groups {
		sector[g.Technology] = g.Sector
	}
	var rows []calRow
	ate := res.Table("AnnualTechnologyEmission")
	// CO2 by model sector.
	want := map[string]float64{}
	for k, v := range cells {
		want[modelSector(k[0], k[1])] += v
	}
	got := map[string]float64{}
	for i := range ate.Values {
		k := ate.Key(i)
		if k[3] != "2019" || (k[2] != "CO2_S1" && k[2] != "CO2_AV") {
			continue
		}
		got[sector[k[1]]] += ate.Values[i]
	}
	var secs []string
	for s := range want {
		secs = append(secs, s)
	}
	sort.Strings(secs)
	for _, s := range secs {
		rows = append(rows, calRow{"CO2 by sector 2019", s, want[s], got[s], "Mt CO2", "S01 (CEADs cells regrouped)", 0.02, false, true, false})
	}
	// CO2 by fuel: model fuel use × the carrier's CEADs emission factor.
	wantF, pjF := map[string]float64{}, map[string]float64{}
	for k, v := range cells {
		c, ok := carrierOf[k[1]]
		if !ok || v == 0 {
			continue
		}
		wantF[c] += v
		if c != "PROC" {
			pjF[c] += v / ef[k[1]] * 1000
		}
	}
	use := res.Table("UseByTechnologyAnnual")
	var fuels []string
	for c := range wantF {
		fuels = append(fuels, c)
	}
	sort.Strings(fuels)
	for _, c := range fuels {
		var g float64
		if c == "PROC" {
			g = sum(ate, map[string]string{"TECHNOLOGY": "IND_PROC", "EMISSION": "CO2_S1", "YEAR": "2019"})
		} else {
			g = sum(use, map[string]string{"FUEL": c, "YEAR": "2019"}) * wantF[c] / pjF[c]
		}
		rows = append(rows, calRow{"CO2 by fuel 2019", c, wantF[c], g, "Mt CO2", "S01; EF S90", 0.02, false, true, false})
	}
	total := 0.0
	for _, v := range cells {
		total += v
	}
	s1av := 0.0
	ae := res.Table("AnnualEmissions")
	for _, e := range []string{"CO2_S1", "CO2_AV"} {
		s1av += sum(ae, map[string]string{"EMISSION": e, "YEAR": "2019"})
	}
	rows = append(rows, calRow{"CO2 total 2019", "CO2_S1 + CO2_AV", total, s1av, "Mt CO2", "S01", 0.02, false, true, false})
	// Final energy by fuel (supply of each fuel).
	pa := res.Table("ProductionByTechnologyAnnual")
	for _, x := range []struct{ key, fuel string }{{"fuel_ngas_2019", "NGAS"}, {"fuel_gsl_2019", "GSL"}, {"fuel_jet_2019", "JET"}, {"fuel_dsl_2019", "DSL"}, {"fuel_lpg_2019", "LPG"}} {
		g := sum(pa, map[string]string{"TECHNOLOGY": "IMP_" + x.fuel, "FUEL": x.fuel, "YEAR": "2019"})
		rows = append(rows, calRow{"Fuel use 2019", x.fuel, ck[x.key], g, "PJ", "energy_balance_2020.csv (PROXY from S01)", 0.03, false, true, false})
	}
	// Electricity.
	elc := sum(use, map[string]string{"FUEL": "ELC", "YEAR": "2019"}) / 3.6
	rows = append(rows, calRow{"Electricity 2019", "consumption", 116.6, elc, "TWh", "S133", 0.03, false, true, false})
	imp := (sum(pa, map[string]string{"TECHNOLOGY": "IMP_ELC_GRID", "FUEL": "ELC", "YEAR": "2019"}) + sum(pa, map[string]string{"TECHNOLOGY": "IMP_ELC_GREEN", "FUEL": "RE_E", "YEAR": "2019"})) / 3.6
	local := elc - imp
	rows = append(rows, calRow{"Electricity 2019", "local generation", ck["local_generation_2019"], local, "TWh", "S133", 0.03, false, true, false})
	rows = append(rows, calRow{"Electricity 2019", "import share", 1 - ck["local_generation_2019"]/116.6, imp / elc, "1", "S133 (derived)", 0.03, false, true, false})
	// 2020 checks (shown, not asserted: 2020 is a COVID year with proxies).
	elc20 := sum(use, map[string]string{"FUEL": "ELC", "YEAR": "2020"}) / 3.6
	rows = append(rows, calRow{"Check 2020", "electricity consumption", ck["elc_consumption_2020"], elc20, "TWh", "S133", 0.03, false, false, false})
	s20 := sum(ae, map[string]string{"EMISSION": "CO2_S1", "YEAR": "2020"}) + sum(ae, map[string]string{"EMISSION": "CO2_AV", "YEAR": "2020"})
	rows = append(rows, calRow{"Check 2020", "CO2_S1 + CO2_AV", ck["scope1_2020"], s20, "Mt CO2", "PROXY GAPS §4", 0.05, false, false, false})
	s12 := sum(ae, map[string]string{"EMISSION": "CO2_TOT", "YEAR": "2020"})
	rows = append(rows, calRow{"Check 2020", "CO2_TOT (scope 1+2)", ck["scope12_2020"], s12, "Mt CO2", "S18 (derived, official boundary)", 0.10, false, false, false})
	for _, y := range []string{"2021", "2022", "2023", "2024"} {
		e := sum(use, map[string]string{"FUEL": "ELC", "YEAR": y}) / 3.6
		rows = append(rows, calRow{"Back-cast", "electricity consumption " + y, ck["elc_consumption_"+y], e, "TWh", "S133, S16", 0.05, false, false, false})
	}
	// Natural gas (all uses): the heat side of the back-cast.
	for _, x := range []struct{ y, src string }{{"2020", "S12 (derived)"}, {"2024", "S16"}} {
		g := sum(pa, map[string]string{"TECHNOLOGY": "IMP_NGAS", "FUEL": "NGAS", "YEAR": x.y}) / ck["gas_mj_per_m3"]
		rows = append(rows, calRow{"Back-cast", "natural gas " + x.y, ck["gas_consumption_"+x.y], g, "bcm", x.src, 0.10, false, false, false})
	}
	return rows
}

// TestCalibration checks the 2019 base year against the CEADs inventory
// and the electricity statistics, and prints the calibration table.
func TestCalibration(t *testing.T) {
	rows := calibration(t)
	var b strings.Builder
	fmt.Fprintf(&b, "\n| group | item | target | model | diff | tolerance | unit | source |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		d := (r.model - r.target) / r.target
		tol := fmt.Sprintf("±%g %%", r.tol*100)
		if !r.assert {
			tol += " (check only)"
		}
		fmt.Fprintf(&b, "| %s | %s | %.4g | %.4g | %+.2f %% | %s | %s | %s |\n", r.group, r.item, r.target, r.model, d*100, tol, r.unit, r.source)
		if r.assert && math.Abs(d) > r.tol {
			t.Errorf("%s %s: model %.4g vs target %.4g (%+.2f %%, tolerance ±%g %%)", r.group, r.item, r.model, r.target, d*100, r.tol*100)
		}
	}
	t.Log(b.String())
}

// TestBaseYearConsistency checks the calibrated 2019 energy system: no new
// capacity in the base year, and every carrier's production used (no
// electricity or heat dumped through the balances' free disposal, which
// would hide a calibration error).
func TestBaseYearConsistency(t *testing.T) {
	res, _ := solve(t, "")
	if n := sum(res.Table("NewCapacity"), map[string]string{"YEAR": "2019"}); n > 1e-9 {
		t.Errorf("new capacity in 2019: %g", n)
	}
	pa, use, dem := res.Table("ProductionByTechnologyAnnual"), res.Table("UseByTechnologyAnnual"), res.Table("Demand")
	for _, f := range []string{"ELC", "ELCD", "HTC", "HTD", "NGAS", "GSL", "DSL", "JET", "LPG", "OOIL", "COAL", "RE_E", "RSH", "CSH", "IHT", "RCW", "CCW", "RAP", "CAP", "IEL", "COOL", "RAIL", "CAR", "OLV", "BUS", "TRK", "AVI", "OFR", "PROC"} {
		p := sum(pa, map[string]string{"FUEL": f, "YEAR": "2019"})
		u := sum(use, map[string]string{"FUEL": f, "YEAR": "2019"}) + sum(dem, map[string]string{"FUEL": f, "YEAR": "2019"})
		if p <= 0 || math.Abs(p-u) > 1e-6*p {
			t.Errorf("%s 2019: produced %g PJ, used %g PJ", f, p, u)
		}
	}
}
