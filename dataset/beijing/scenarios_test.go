package beijing

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"blueprint/results"
)

// series returns a result table summed by YEAR over rows matching filter.
func series(tab *results.Table, filter map[string]string) map[int]float64 {
	out := map[int]float64{}
	if tab == nil {
		return out
	}
	yc := -1
	for i, n := range tab.Indices {
		if n == "YEAR" {
			yc = i
		}
	}
	col := map[string]int{}
	for i, n := range tab.Indices {
		col[n] = i
	}
rows:
	for i := range tab.Values {
		k := tab.Key(i)
		for c, want := range filter {
			if k[col[c]] != want {
				continue rows
			}
		}
		y, _ := strconv.Atoi(k[yc])
		out[y] += tab.Values[i]
	}
	return out
}

// TestScenarios solves the three scenarios, checks that each meets what it
// promises, and prints the summary used in docs/beijing.md (emissions,
// peak year, renewable share, electricity, carbon shadow price).
func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("solves three scenarios")
	}
	years := []int{2019, 2020, 2025, 2030, 2035, 2040, 2045, 2050}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| scenario | quantity |")
	for _, y := range years {
		fmt.Fprintf(&b, " %d |", y)
	}
	fmt.Fprintf(&b, " peak |\n|---|---|%s---|\n", strings.Repeat("---|", len(years)))
	for _, name := range append([]string{""}, ScenarioNames()...) {
		if name == "" {
			continue // the base model is the reference scenario's content
		}
		res, _ := solve(t, name)
		ae := res.Table("AnnualEmissions")
		s1 := series(ae, map[string]string{"EMISSION": "CO2_S1"})
		av := series(ae, map[string]string{"EMISSION": "CO2_AV"})
		s2 := series(ae, map[string]string{"EMISSION": "CO2_S2"})
		tot := series(ae, map[string]string{"EMISSION": "CO2_TOT"})
		use := res.Table("UseByTechnologyAnnual")
		elc := series(use, map[string]string{"FUEL": "ELC"})
		pa := res.Table("ProductionByTechnologyAnnual")
		fec := series(pa, map[string]string{"FUEL": "FEC"})
		re := series(pa, map[string]string{"TECHNOLOGY": "RE_MIX"})
		cp := series(res.Table("CarbonPrice"), map[string]string{"EMISSION": "CO2_TOT"})
		s1av := map[int]float64{}
		for y, v := range s1 {
			s1av[y] = v + av[y]
		}
		for y, v := range tot {
			if d := v - s1[y] - av[y] - s2[y]; d > 1e-6*v+1e-6 || d < -1e-6*v-1e-6 {
				t.Errorf("%s %d: CO2_TOT %g != S1 + AV + S2 %g", name, y, v, s1[y]+av[y]+s2[y])
			}
		}
		row := func(q string, m map[int]float64, scale float64, peak bool) {
			fmt.Fprintf(&b, "| %s | %s |", name, q)
			for _, y := range years {
				fmt.Fprintf(&b, " %.3g |", m[y]*scale)
			}
			if peak {
				py, pv := 0, -1.0
				for y, v := range m {
					if v > pv || (v == pv && y < py) {
						py, pv = y, v
					}
				}
				fmt.Fprintf(&b, " %d (%.3g) |\n", py, pv*scale)
			} else {
				b.WriteString(" |\n")
			}
		}
		reShare := map[int]float64{}
		for y := range fec {
			reShare[y] = re[y] / fec[y]
		}
		row("CO2_S1 Mt", s1, 1, true)
		row("CO2_AV Mt", av, 1, true)
		row("CO2_S2 Mt", s2, 1, true)
		row("CO2_S1+AV Mt", s1av, 1, true)
		row("CO2_TOT Mt", tot, 1, true)
		row("electricity TWh", elc, 1/3.6, false)
		row("RE share %", reShare, 100, false)
		row("CO2 shadow price CNY/t", cp, 1, false)
		switch name {
		case "reference":
			// The policy's energy-intensity limit starts from the reference's
			// own 2020 primary energy (inputs.csv base_ene_2020).
			ene := series(ae, map[string]string{"EMISSION": "ENE"})[2020]
			if c := checksAll(t)["base_ene_2020"]; math.Abs(c-ene) > 1e-3*ene {
				t.Errorf("inputs.csv base_ene_2020 = %g, reference ENE 2020 = %g: re-derive it", c, ene)
			}
		case "policy":
			// neutral2050's cap starts at the policy 2025 level (inputs.csv neutral_cap_2025).
			if c := checksAll(t)["neutral_cap_2025"]; c < tot[2025]*0.99 || c > tot[2025]*1.01 {
				t.Errorf("inputs.csv neutral_cap_2025 = %g, policy CO2_TOT 2025 = %g: re-derive it", c, tot[2025])
			}
			// Local renewable capacity 4.35 GW in 2025 (S12): PV, wind, hydro, WtE.
			local := 0.0
			tca := res.Table("TotalCapacityAnnual")
			for _, tech := range []string{"PV_ROOF", "PV_GRND", "WIND", "HYDRO", "WTE_CHP"} {
				local += series(tca, map[string]string{"TECHNOLOGY": tech})[2025]
			}
			if want := checksAll(t)["local_re_capacity_2025"]; local < want-1e-6 {
				t.Errorf("policy 2025: local RE capacity %.4g GW < target %.4g GW", local, want)
			}
			for y, want := range map[int]float64{2025: 0.144, 2030: 0.25} {
				if reShare[y] < want-1e-6 {
					t.Errorf("policy %d: RE share %.4f < target %.3f", y, reShare[y], want)
				}
			}
		case "neutral2050":
			if tot[2050] > 5+1e-4 {
				t.Errorf("neutral2050: CO2_TOT 2050 = %g > cap 5", tot[2050])
			}
			if tot[2050] >= tot[2030] || tot[2030] >= tot[2025] {
				t.Errorf("neutral2050: CO2_TOT not falling: 2025 %g, 2030 %g, 2050 %g", tot[2025], tot[2030], tot[2050])
			}
		}
	}
	t.Log(b.String())
}

// checksAll reads every numeric row of inputs.csv by quantity.
func checksAll(t testing.TB) map[string]float64 {
	out := map[string]float64{}
	for _, r := range readCSV(t, "inputs.csv") {
		if v, err := strconv.ParseFloat(r[1], 64); err == nil {
			out[r[0]] = v
		}
	}
	return out
}
