package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"blueprint/model"
)

// row is one overlay row of a scenario.
type row struct {
	key  []string
	v    val
	unit string
}

// scenario is an overlay folder: scenario.yaml plus parameter rows.
type scenario struct {
	name, parent, description string
	yaml                      []string // knob lines after the header
	rows                      map[string][]row
	elems                     map[string][]string // set elements added
	groups                    []model.TechGroup   // TechnologyGroup.csv rows added
}

func (s *scenario) put(param string, v val, unit string, key ...string) {
	if s.rows == nil {
		s.rows = map[string][]row{}
	}
	s.rows[param] = append(s.rows[param], row{key, v, unit})
}

// scenarios defines reference, policy and neutral2050.
func (g *gen) scenarios() []*scenario {
	in := g.in
	ref := &scenario{name: "reference", description: "Current policies and trends: the base model as shipped (coal phase-out by 2025 in heating and 2035 overall, S11/S12; car cap 5.8 M by 2025, S72; North China grid emission factor 'slow' path; existing gas CHP keeps its 2019 load factor; no renewable, energy or CO2 constraint). Overrides nothing."}

	pol := &scenario{name: "policy", parent: "reference", description: "Reference plus the 14th Five-Year Plan and carbon-peak plan targets (S19): renewable share of primary energy >= 14.4 % in 2025 and about 25 % in 2030 (then 40 % 2035, 60 % 2050, ASSUMPTION), green-electricity imports 40 TWh in 2025 (S77), local renewable capacity >= 4.35 GW in 2025 (S12; PV/wind split ASSUMPTION), energy intensity -14 % 2020-25 (S19) and a further -13.5 % by 2030 (ASSUMPTION, national 2025 rate S21; no limit after 2030), North China grid emission factor 'central' path (ASSUMPTION)."}
	re25, re30 := in.get("re_share_2025"), in.get("re_share_2030")
	re35, re50 := in.get("re_share_2035"), in.get("re_share_2050")
	for _, y := range g.years {
		var v val
		switch {
		case y < 2025:
			continue
		case y <= 2030:
			v = path(y, 2025, re25, 2030, re30, 1, "")
		case y <= 2035:
			v = path(y, 2030, re30, 2035, re35, 1, "")
		default:
			v = path(y, 2035, re35, 2050, re50, 1, "")
		}
		pol.put("REMinProductionTarget", v, "", Region, yr(y))
	}
	gi25 := in.get("green_import_2025")
	gi19 := in.get("green_import_2019")
	pj := in.x("pj_per_twh")
	for _, y := range g.years {
		if y <= Y0 {
			continue
		}
		v := path(y, Y0, gi19, 2025, gi25, 1, "")
		pol.put("TotalTechnologyAnnualActivityLowerLimit", der(v.x*pj, f(v.x)+" TWh × 3.6", v), "PJ", Region, "IMP_ELC_GREEN", yr(y))
	}
	g.localRE(pol)
	// Energy intensity: primary energy (pseudo-emission ENE) per GDP.
	e20, cut25, cut5 := in.get("base_ene_2020"), in.get("energy_intensity_cut_2025"), in.get("energy_intensity_cut_per_5yr")
	for _, y := range g.years {
		if y < 2025 || y > 2030 {
			continue // the plans set the 2025 target; 2030 extends it at the national rate; none after
		}
		gx := g.gdpIndex(y) / g.gdpIndex(2020)
		steps := float64(y-2025) / 5
		lim := e20.x * gx * (1 - cut25.x) * math.Pow(1-cut5.x, steps)
		v := der(lim, fmt.Sprintf("ENE 2020 %s PJ × GDP %d/2020 %s × (1 − %s) × (1 − %s)^%s", f(e20.x), y, f(gx), f(cut25.x), f(cut5.x), f(steps)), e20, cut25, cut5)
		pol.put("AnnualEmissionLimit", v, "PJ", Region, "ENE", yr(y))
	}
	g.efOverlay(pol, "grid_ef_central_2025", "grid_ef_central_2030", "grid_ef_central_2040", "grid_ef_central_2050")

	neu := &scenario{name: "neutral2050", parent: "policy", description: "Policy plus scope 1+2 CO2 (CO2_TOT = CO2_S1 + CO2_AV + CO2_S2) capped on a straight line from the policy scenario's 2025 level to 5 Mt in 2050; the remaining 5 Mt are offsets bought in 2050 by the technology OFFSETS at the 2050 carbon price (300 CNY/t), so net CO2_TOT is zero. CO2_TOT priced at 100 CNY/t in 2025 rising to 300 CNY/t in 2050 (ASSUMPTION; Beijing ETS ~100 CNY/t in 2024, S22). Grid emission factor 'fast' path to 0.05 t/MWh in 2050; SAF may replace all kerosene by 2050; from 2030 existing gas CHP and the refinery have no must-run (ASSUMPTION)."}
	c25, c50 := in.get("neutral_cap_2025"), in.get("neutral_offsets_2050")
	p25, p50 := in.get("neutral_price_2025"), in.get("neutral_price_2050")
	neu.yaml = append(neu.yaml,
		fmt.Sprintf("annual_cap: {CO2_TOT: {2025: %s, 2050: %s}}   # %s; %s", f(c25.x), f(c50.x), c25.src, c50.src),
		fmt.Sprintf("carbon_price: {CO2_TOT: {2025: %s, 2050: %s}}   # MCNY per Mt CO2 = CNY/t; %s; %s", f(p25.x), f(p50.x), p25.src, p50.src),
	)
	g.efOverlay(neu, "grid_ef_central_2025", "", "", "grid_ef_fast_2050")
	s30, s50 := in.get("saf_max_2030"), in.get("neutral_saf_max_2050")
	for _, y := range g.years {
		if y <= 2030 {
			continue
		}
		s := path(y, 2030, s30, 2050, s50, 1, "")
		d := g.demandAt("AVI", y)
		neu.put("TotalTechnologyAnnualActivityUpperLimit", der(d.x*s.x, f(d.x)+" × max SAF share "+f(s.x), d, s), "PJ", Region, "AVI_SAF", yr(y))
	}
	// The residual emissions under the 2050 cap are offset explicitly: a
	// technology OFFSETS whose activity (Mt CO2) is fixed to the residual
	// and costs the carbon price, so the offsets appear in costs and results.
	neu.elems = map[string][]string{"TECHNOLOGY": {"OFFSETS"}}
	neu.groups = []model.TechGroup{{Technology: "OFFSETS", Sector: "offsets", Measure: "offsets"}}
	neu.put("CapacityToActivityUnit", assume(1, "offsets measured in Mt CO2 per year"), "Mt CO2/yr per Mt CO2/yr", Region, "OFFSETS")
	neu.put("ResidualCapacity", sentinel, "Mt CO2/yr", Region, "OFFSETS", "2050")
	c50.note = "offsets bought = the CO2_TOT left under the 2050 cap; " + c50.note
	neu.put("TotalTechnologyAnnualActivityLowerLimit", c50, "Mt CO2", Region, "OFFSETS", "2050")
	neu.put("TotalTechnologyAnnualActivityUpperLimit", c50, "Mt CO2", Region, "OFFSETS", "2050")
	neu.put("VariableCost", p50, "MCNY per Mt CO2", Region, "OFFSETS", "1", "2050")
	free := in.get("neutral_must_run_end")
	for _, t := range []string{"GAS_CHP_OLD", "OOIL_CHP", "IND_OIL"} {
		for _, y := range g.years {
			if y >= int(free.x) && g.has("TotalTechnologyAnnualActivityLowerLimit", Region, t, yr(y)) {
				v := free
				v.x = 0
				v.note = "no must-run from " + yr(int(free.x)) + "; " + free.note
				neu.put("TotalTechnologyAnnualActivityLowerLimit", v, "PJ", Region, t, yr(y))
			}
		}
	}
	return []*scenario{ref, pol, neu}
}

// localRE sets the plan's local renewable capacity for 2025 (S12: 4.35 GW,
// "or 28 % of total"): PV and wind must reach the target less hydro and the
// 2019 waste-to-energy fleet, split between PV_ROOF, PV_GRND and WIND pro
// rata to their 2025 potential (TotalAnnualMaxCapacity), an assumption.
func (g *gen) localRE(s *scenario) {
	in := g.in
	tgt, hc := in.get("local_re_capacity_2025"), in.get("hydro_capacity_2019")
	need := der(tgt.x-hc.x-g.wteCap.x, fmt.Sprintf("%s GW − hydro %s − WtE 2019 %s", f(tgt.x), f(hc.x), f(g.wteCap.x)), tgt, hc, g.wteCap)
	p := g.m.Param("TotalAnnualMaxCapacity")
	techs := []string{"PV_ROOF", "PV_GRND", "WIND"}
	caps := make([]float64, len(techs))
	sum := 0.0
	for i, t := range techs {
		te, _ := g.m.Set("TECHNOLOGY").Lookup(t)
		v, ok := p.Get(g.regionElem(), te, g.yearElem(2025))
		if !ok {
			g.errf("%s: no TotalAnnualMaxCapacity in 2025 to split the local RE target", t)
			return
		}
		caps[i], sum = v, sum+v
	}
	for i, t := range techs {
		v := der(caps[i]*need.x/sum, fmt.Sprintf("PV and wind %s GW × %s 2025 potential %s / total %s", f(need.x), t, f(caps[i]), f(sum)), need)
		v.src = "ASSUMPTION: PV/wind split of the local RE target pro rata to each technology's 2025 potential; " + v.src
		s.put("TotalAnnualMinCapacity", v, "GW", Region, t, "2025")
		// The plan's target overrides the build-rate potential path where
		// that path is lower (capacity built for 2025 stays).
		te, _ := g.m.Set("TECHNOLOGY").Lookup(t)
		g.yearly(2025, func(y int) {
			if c, _ := p.Get(g.regionElem(), te, g.yearElem(y)); c < v.x {
				w := v
				w.note = "policy: the 2025 local RE target (S12) lifts the potential path (" + f(c) + " GW); " + v.note
				s.put("TotalAnnualMaxCapacity", w, "GW", Region, t, yr(y))
			}
		})
	}
}

// efOverlay writes a grid emission-factor path (t/MWh) from 2023: linear
// from the published 2022 value to the 2025 value, then through 2030, 2040
// to 2050 (empty names are skipped: straight line to the next point).
func (g *gen) efOverlay(s *scenario, n25, n30, n40, n50 string) {
	in := g.in
	pts := []struct {
		y int
		v val
	}{{2022, in.get("grid_ef_2022")}}
	for _, p := range []struct {
		y int
		n string
	}{{2025, n25}, {2030, n30}, {2040, n40}, {2050, n50}} {
		if p.n != "" {
			pts = append(pts, struct {
				y int
				v val
			}{p.y, in.get(p.n)})
		}
	}
	for _, y := range g.years {
		if y <= 2022 {
			continue
		}
		var e val
		for i := 1; i < len(pts); i++ {
			if y <= pts[i].y {
				e = path(y, pts[i-1].y, pts[i-1].v, pts[i].y, pts[i].v, 1, "")
				break
			}
		}
		r := der(e.x/in.x("pj_per_twh"), fmt.Sprintf("%s t/MWh / 3.6 PJ/TWh = Mt/PJ", f(e.x)), e, in.get("pj_per_twh"))
		s.put("EmissionActivityRatio", r, "Mt CO2 per unit activity", Region, "IMP_ELC_GRID", "CO2_S2", "1", yr(y))
		s.put("EmissionActivityRatio", aggregate(r, "CO2_S2"), "Mt CO2 per unit activity", Region, "IMP_ELC_GRID", "CO2_TOT", "1", yr(y))
	}
}

// gdpIndex is the real GDP index relative to 2019 (2020 growth 0).
func (g *gen) gdpIndex(y int) float64 {
	return g.index("gdp", y).x
}

// writeScenarios writes each scenario folder: scenario.yaml and one CSV per
// overridden parameter (otoole layout with SOURCE, NOTE, UNIT).
func writeScenarios(dir string, m *model.Model, ss []*scenario) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for _, s := range ss {
		sd := filepath.Join(dir, s.name)
		if err := os.MkdirAll(sd, 0o755); err != nil {
			return err
		}
		var b strings.Builder
		fmt.Fprintf(&b, "# Generated by dataset/beijing/internal/gen from inputs.csv; do not edit (edit inputs.csv and run go generate ./dataset/beijing).\n")
		fmt.Fprintf(&b, "name: %s\nparent: %q\ndescription: %q\n", s.name, s.parent, s.description)
		for _, l := range s.yaml {
			b.WriteString(l + "\n")
		}
		if err := os.WriteFile(filepath.Join(sd, "scenario.yaml"), []byte(b.String()), 0o644); err != nil {
			return err
		}
		for set, es := range s.elems {
			if err := writeCSV(filepath.Join(sd, set+".csv"), append([][]string{{"VALUE"}}, col(es)...)); err != nil {
				return err
			}
		}
		if len(s.groups) > 0 {
			recs := [][]string{{"TECHNOLOGY", "SECTOR", "MEASURE"}}
			for _, g := range s.groups {
				recs = append(recs, []string{g.Technology, g.Sector, g.Measure})
			}
			if err := writeCSV(filepath.Join(sd, "TechnologyGroup.csv"), recs); err != nil {
				return err
			}
		}
		names := make([]string, 0, len(s.rows))
		for n := range s.rows {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			p := m.Param(n)
			fh, err := os.Create(filepath.Join(sd, n+".csv"))
			if err != nil {
				return err
			}
			w := csv.NewWriter(fh)
			w.Write(append(append([]string(nil), p.Columns...), "VALUE", "SOURCE", "NOTE", "UNIT"))
			for _, r := range s.rows[n] {
				w.Write(append(append([]string(nil), r.key...), model.FormatValue(sig(r.v.x)), r.v.src, r.v.note, r.unit))
			}
			w.Flush()
			if err := w.Error(); err != nil {
				fh.Close()
				return err
			}
			if err := fh.Close(); err != nil {
				return err
			}
		}
	}
	return nil
}

func col(es []string) [][]string {
	out := make([][]string, len(es))
	for i, e := range es {
		out[i] = []string{e}
	}
	return out
}

func writeCSV(path string, recs [][]string) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(fh)
	w.WriteAll(recs)
	if err := w.Error(); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}
