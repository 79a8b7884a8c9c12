package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// The reference energy system (RES.md §3, departures in docs/beijing.md).

// base-year derived quantities shared by several technologies.
type baseYear struct {
	burns map[string]*burn
	wElc  val // FEC weight of primary electricity (coal-equivalent method)
	// heat2019 lists the 2019 central-heat output of calibrated plants.
	heat2019 []contrib
}

func (g *gen) build(inv *ceads) {
	in := g.in
	by := &baseYear{burns: map[string]*burn{}}
	g.calibrate(inv, by)
	w := der(in.x("cf_electricity_coal_equivalent")/in.x("cf_electricity_calorific"),
		fmt.Sprintf("%s / %s tce per 10^4 kWh (coal-equivalent / calorific)", f(in.x("cf_electricity_coal_equivalent")), f(in.x("cf_electricity_calorific"))),
		in.get("cf_electricity_coal_equivalent"), in.get("cf_electricity_calorific"))
	by.wElc = w
	g.supply(by)
	g.power(by)
	g.buildings(by)
	g.industry(by)
	g.transport(by)
	g.demands()
	g.baseYearRules()
	g.turnover()
	g.loadFollow()
	for _, t := range []string{"GAS_CHP_OLD", "COAL_HOB", "RSH_COAL", "CSH_COAL", "IND_COAL"} {
		g.put("EarlyRetirementAllowed", assume(1, "existing coal and old gas-CHP capacity may retire before the end of its life"), "", Region, t)
		if !g.valueOnly[t] {
			g.errf("%s may retire early but has no CapitalCost to value its stranded capacity (valuationCapex)", t)
		}
		// The 2019 stock is history: none of it retires in the base year.
		te, _ := g.m.Set("TECHNOLOGY").Lookup(t)
		if r0, ok := g.m.Param("ResidualCapacity").Get(g.regionElem(), te, g.yearElem(Y0)); ok && r0 > 0 {
			v := der(r0, "ResidualCapacity 2019 "+f(r0))
			v.src = "ASSUMPTION: base year: the 2019 stock is given, none of it retires in 2019; " + v.src
			g.put("TotalAnnualMinCapacity", v, "GW", Region, t, yr(Y0))
		}
	}
}

// loadFollow gives space-heating technologies (capacity in GW) a capacity
// factor that follows the heat-demand shape, so that a heat pump or boiler
// serves its own buildings through the year instead of taking other
// buildings' off-peak load: CF(l) = (profile(l) / YearSplit(l)) / peak.
func (g *gen) loadFollow() {
	pk := g.heatPeak()
	for _, t := range g.techs {
		d, ok := g.serves[t]
		if !ok || !g.gw[t] || demandDefs[d].profile != "heat" {
			continue
		}
		for _, s := range g.ts {
			v := der(s.heat/s.ys/pk, fmt.Sprintf("heat share %s / YearSplit %s / peak ratio %s", f(s.heat), f(s.ys), f(pk)))
			v.note = "ASSUMPTION: building heating capacity follows its own load shape; heat shape S134 PROXY"
			g.yearly(Y0, func(y int) { g.put("CapacityFactor", v, "", Region, t, s.name, yr(y)) })
		}
	}
}

// exempt technologies may run in 2019 without a calibrated activity: supply,
// networks and renewables whose output is set by capacity and weather.
var exempt = map[string]bool{
	"IMP_NGAS": true, "IMP_GSL": true, "IMP_DSL": true, "IMP_JET": true, "IMP_LPG": true, "IMP_OOIL": true,
	"IMP_COAL": true, "IMP_ELC_GRID": true, "MSW_SUP": true, "RE_MIX": true, "TD_ELC": true, "DH_NET": true,
	"PV_ROOF": true, "PV_GRND": true, "WIND": true,
}

// baseYearRules: in 2019 no technology invests and only the calibrated
// stock (and supply, networks, weather-driven renewables) operates.
func (g *gen) baseYearRules() {
	for _, t := range g.techs {
		unit := "PJ/yr"
		if g.gw[t] {
			unit = "GW"
		}
		if !g.has("TotalAnnualMaxCapacityInvestment", Region, t, yr(Y0)) {
			g.put("TotalAnnualMaxCapacityInvestment", assume(0, "base year: no new capacity, the 2019 stock is given"), unit, Region, t, yr(Y0))
		}
		if _, pinned := g.act[t]; !pinned && !exempt[t] && !g.has("TotalTechnologyAnnualActivityUpperLimit", Region, t, yr(Y0)) {
			g.put("TotalTechnologyAnnualActivityUpperLimit", assume(0, "base year: technology not in use in 2019 (only the calibrated stock operates)"), "", Region, t, yr(Y0))
		}
	}
}

// turnover limits how fast an end-use technology can take over its market:
// new capacity per year at most the market's capacity need divided by the
// technology's lifetime (the stock-turnover rate) plus the market's growth.
func (g *gen) turnover() {
	for _, t := range g.techs {
		d, ok := g.serves[t]
		if !ok || g.valueOnly[t] || !g.has("CapitalCost", Region, t, yr(Y0)) {
			continue
		}
		life := g.lives[t]
		cau, unit := 1.0, demandDefs[d].unit+"/yr"
		if g.gw[t] {
			cau, unit = g.in.x("pj_per_gwyr"), "GW"
		}
		pk := 1.0
		switch demandDefs[d].profile {
		case "heat":
			pk = g.heatPeak()
		case "elc":
			pk = g.elcPeak()
		}
		g.yearly(Y0+1, func(y int) {
			if g.has("TotalAnnualMaxCapacityInvestment", Region, t, yr(y)) {
				return
			}
			dm, prev := g.demandAt(d, y), g.demandAt(d, y-1)
			grow := max(0, dm.x-prev.x)
			v := der((dm.x/life.x+grow)*pk/cau, fmt.Sprintf("(%s demand %s / life %s + growth %s) × peak/average %s / %s", d, f(dm.x), f(life.x), f(grow), f(pk), f(cau)), dm, prev, life)
			v.note = "ASSUMPTION: market turnover limit (replacement of one lifetime's share of the market plus its growth); " + v.note
			g.put("TotalAnnualMaxCapacityInvestment", v, unit, Region, t, yr(y))
		})
	}
}

// calibrate converts the CEADs cells to fuel use by technology (PJ = Mt CO2
// / emission factor) and stores them in by.burns.
func (g *gen) calibrate(inv *ceads, by *baseYear) {
	in := g.in
	pjOf := func(c cell, co2 float64) float64 { return co2 / in.x("ef:"+c.fuel) * 1000 }
	// derived shares of split cells
	powerOilPJ := 0.0
	var powerGasPJ, trDslPJ, trGasPJ float64
	for _, c := range inv.keys() {
		v := inv.cells[c]
		switch {
		case c.sector == "POWER" && c.fuel != "Natural_Gas" && c.fuel != "Raw_Coal":
			powerOilPJ += pjOf(c, v)
		case c.sector == "POWER" && c.fuel == "Natural_Gas":
			powerGasPJ = pjOf(c, v)
		case c.sector == "TRANSPORT" && c.fuel == "Diesel_Oil":
			trDslPJ = pjOf(c, v)
		case c.sector == "TRANSPORT" && c.fuel == "Natural_Gas":
			trGasPJ = pjOf(c, v)
		}
	}
	pjTWh := in.x("pj_per_twh")
	ooilElc := powerOilPJ * in.x("ooil_chp_eta")
	eCHP := in.x("thermal_generation_2019")*pjTWh - in.x("wte_generation_2019")*pjTWh - ooilElc
	chpGas := eCHP / in.x("chp_eta_el")
	busGvkm := in.x("bus_gvkm_2019")
	busDsl := busGvkm * (1 - in.x("bus_share_bev_2019") - in.x("bus_share_cng_2019")) * in.x("bus_dsl_pj_per_gvkm")
	busCng := busGvkm * in.x("bus_share_cng_2019") * in.x("bus_cng_pj_per_gvkm")
	shares := map[string]val{
		"chp_gas": der(chpGas/powerGasPJ, fmt.Sprintf("gas CHP fuel %s PJ = (thermal %s TWh − WtE %s TWh) × 3.6 − refinery CHP %s PJ, / eta_el %s; / power-sector gas %s PJ (CEADs)",
			f(chpGas), f(in.x("thermal_generation_2019")), f(in.x("wte_generation_2019")), f(ooilElc), f(in.x("chp_eta_el")), f(powerGasPJ)),
			in.get("thermal_generation_2019"), in.get("wte_generation_2019"), in.get("ooil_chp_eta"), in.get("chp_eta_el")),
		"bus_dsl": der(busDsl/trDslPJ, fmt.Sprintf("bus diesel %s PJ = %s Gvkm × %s diesel share × %s PJ/Gvkm; / transport diesel %s PJ (CEADs)",
			f(busDsl), f(busGvkm), f(1-in.x("bus_share_bev_2019")-in.x("bus_share_cng_2019")), f(in.x("bus_dsl_pj_per_gvkm")), f(trDslPJ)),
			in.get("bus_gvkm_2019"), in.get("bus_share_bev_2019"), in.get("bus_share_cng_2019"), in.get("bus_dsl_pj_per_gvkm")),
		"bus_cng": der(busCng/trGasPJ, fmt.Sprintf("CNG buses %s PJ = %s Gvkm × %s × %s PJ/Gvkm; / transport gas %s PJ (CEADs)",
			f(busCng), f(busGvkm), f(in.x("bus_share_cng_2019")), f(in.x("bus_cng_pj_per_gvkm")), f(trGasPJ)),
			in.get("bus_gvkm_2019"), in.get("bus_share_cng_2019"), in.get("bus_cng_pj_per_gvkm")),
		"res_gas_cook": in.get("res_gas_cook_share"),
	}
	for k, v := range shares {
		if v.x < 0 || v.x > 1 {
			g.errf("derived share %s = %g outside [0,1]: %s", k, v.x, v.src)
		}
	}
	for _, c := range inv.keys() {
		co2 := inv.cells[c]
		dest := cellMap(c)
		if dest == nil {
			g.errf("CEADs cell %s × %s (%g Mt) has no technology", c.sector, c.fuel, co2)
			continue
		}
		for _, d := range dest {
			frac := 1.0
			if d.frac != "" {
				key := strings.TrimPrefix(d.frac, "1-")
				frac = shares[key].x
				if strings.HasPrefix(d.frac, "1-") {
					frac = 1 - frac
				}
			}
			b := by.burns[d.tech]
			if b == nil {
				b = &burn{pj: map[string]float64{}}
				by.burns[d.tech] = b
			}
			b.co2 += co2 * frac
			if fu := carrier[c.fuel]; fu != "" {
				b.pj[fu] += pjOf(c, co2*frac)
			}
			if d.tech == "AVI_JET" {
				b.av = true
			}
			s := fmt.Sprintf("%s×%s", c.sector, c.fuel)
			if frac != 1 {
				s += fmt.Sprintf(" ×%.4f", frac)
				key := strings.TrimPrefix(d.frac, "1-")
				sv := shares[key]
				how := key + " = " + f(sv.x) + " " + strings.TrimPrefix(sv.src, "DERIVED: ")
				if sv.name != "" {
					how = key + " = " + f(sv.x) + " (" + sv.name + ", " + sv.src + ")"
				}
				if strings.Contains(sv.note, "PROXY") {
					how += " PROXY"
				}
				if !slices.Contains(b.split, how) {
					b.split = append(b.split, how)
				}
			}
			b.cells = append(b.cells, s)
		}
	}
}

// ceadsTech writes a technology calibrated to CEADs: its inputs per unit of
// activity (activity = fuel × eff, main output 1), its emission factor, and
// its 2019 activity pin. It returns the 2019 activity.
func (g *gen) ceadsTech(by *baseYear, t string, eff val, unit string, outFuel string, mode int) val {
	b := by.burns[t]
	if b == nil {
		g.errf("%s: no CEADs fuel mapped", t)
		return val{}
	}
	fuel := b.totalPJ()
	cells := strings.Join(b.cells, ", ")
	var a val
	if t == "IND_PROC" {
		a = der(b.co2, fmt.Sprintf("CEADs 2019 process CO2 %s Mt; activity in Mt CO2 at 2019 process intensity", f(b.co2)))
		a.src, a.note = "S01", "CEADs 2019 "+cells+"; activity unit = Mt CO2 of 2019 process intensity"
	} else {
		a = der(fuel*eff.x, fmt.Sprintf("CEADs 2019 fuel %s PJ (Mt CO2 / IPCC EF over %s) × efficiency %s", f(fuel), cells, f(eff.x)), eff)
		a.note = "S01;S90; " + a.note
	}
	if _, ok := demandDefs[outFuel]; ok {
		g.serves[t] = outFuel
	}
	if outFuel != "" {
		g.oar(t, outFuel, mode, Y0, all(assume(1, "activity is measured in units of the main output")))
	}
	fuels := make([]string, 0, len(b.pj))
	for fu := range b.pj {
		fuels = append(fuels, fu)
	}
	sort.Strings(fuels)
	for _, fu := range fuels {
		r := der(b.pj[fu]/a.x, fmt.Sprintf("%s PJ %s / %s activity (CEADs 2019: %s)", f(b.pj[fu]), fu, f(a.x), cells), eff)
		r.note = "S01;S90; " + r.note
		if len(b.split) > 0 {
			r.note += "; split: " + strings.Join(b.split, "; ")
		}
		g.iar(t, fu, mode, Y0, all(r))
	}
	e := der(b.co2/a.x, fmt.Sprintf("CEADs 2019 %s Mt CO2 / %s activity (%s)", f(b.co2), f(a.x), cells))
	e.src = "DERIVED: " + strings.TrimPrefix(e.src, "DERIVED: ")
	e.note = "S01 (Mt CO2 by sector × fuel); IPCC EF S90"
	em := "CO2_S1"
	if b.av {
		em = "CO2_AV"
	}
	g.ear(t, em, mode, Y0, all(e))
	g.ear(t, "CO2_TOT", mode, Y0, all(aggregate(e, em)))
	g.pin(t, a, unit)
	return a
}

// aggregate marks an emission factor copied into the aggregate CO2_TOT.
func aggregate(v val, of string) val {
	v.note = "AGGREGATE CO2_TOT = CO2_S1 + CO2_AV + CO2_S2 (copy of the " + of + " factor); " + v.note
	return v
}

// eurGW converts EUR/kW to MCNY/GW.
func (g *gen) eurGW(v val) val {
	r := g.in.get("eur_cny")
	return der(v.x*r.x, fmt.Sprintf("%s EUR/kW × %s CNY/EUR = MCNY/GW", f(v.x), f(r.x)), v, r)
}

// capexPath is a capital cost path from two inputs (2020 and 2050 values),
// converted from EUR/kW when eur is set.
func (g *gen) capexPath(a, b string, eur bool) func(int) val {
	va, vb := g.in.get(a), g.in.get(b)
	return func(y int) val {
		v := path(y, 2020, va, 2050, vb, 1, "")
		if eur {
			return g.eurGW(v)
		}
		return v
	}
}

// fomOf is a fixed cost = percentage of the capital cost.
func fomOf(cap func(int) val, pct val) func(int) val {
	return func(y int) val {
		c := cap(y)
		return der(c.x*pct.x/100, fmt.Sprintf("%s × %s %%/yr of capital cost", f(c.x), f(pct.x)), c, pct)
	}
}
