package main

import (
	"fmt"
	"strings"
)

// serve records that technology t supplies a of demand fuel d in 2019.
func (g *gen) serve(d, t string, a val) {
	if g.contrib == nil {
		g.contrib = map[string][]contrib{}
	}
	if _, fixed := g.dem[d]; fixed {
		g.errf("%s supplies %s after the 2019 demand was fixed: declare it earlier", t, d)
	}
	g.contrib[d] = append(g.contrib[d], contrib{t, a})
}

type contrib struct {
	tech string
	a    val
}

// noNew forbids investment in an existing-stock technology (it has no
// capital cost, so new capacity would otherwise be free).
func (g *gen) noNew(t, unit string, from int) {
	g.yearly(from, func(y int) {
		g.put("TotalAnnualMaxCapacityInvestment", assume(0, "existing stock only: no new capacity of this technology"), unit, Region, t, yr(y))
	})
}

// valuationCapex gives an existing-stock technology that may retire early
// a CapitalCost (its replacement cost c), used only by the early-retirement
// extension to value stranded residual capacity: StrandedCost =
// q · CapitalCost[y] · CRF · PvA · share (osemosys/doc.go). The technology
// must already be barred from investing (TotalAnnualMaxCapacityInvestment 0
// in every year), so the LP's optimum does not change. assumption, when
// set, labels a cost borrowed from another technology.
func (g *gen) valuationCapex(t, unit string, c func(int) val, assumption string) {
	g.valueOnly[t] = true
	p := g.m.Param("TotalAnnualMaxCapacityInvestment")
	te, _ := g.m.Set("TECHNOLOGY").Lookup(t)
	g.yearly(Y0, func(y int) {
		if v, ok := p.Get(g.regionElem(), te, g.yearElem(y)); !ok || v != 0 {
			g.errf("%s %d: CapitalCost for valuation only needs TotalAnnualMaxCapacityInvestment 0 (call noNew first)", t, y)
			return
		}
		v := c(y)
		if assumption != "" {
			v.src = "ASSUMPTION: " + assumption + "; " + v.src
		}
		v.note = strings.TrimSuffix("used only to value stranded residual capacity (no investment: TotalAnnualMaxCapacityInvestment 0); "+v.note, "; ")
		g.put("CapitalCost", v, unit, Region, t, yr(y))
	})
}

// phaseOut caps a coal technology's activity on a straight line from its
// 2019 level to zero in the ban year, and at zero afterwards.
func (g *gen) phaseOut(t string, a, y0 val) {
	ban := int(y0.x)
	g.yearly(Y0+1, func(y int) {
		if y >= ban {
			return
		}
		v := der(a.x*float64(ban-y)/float64(ban-Y0), fmt.Sprintf("2019 %s × (%d − %d)/(%d − 2019): linear phase-out", f(a.x), ban, y, ban), a, y0)
		g.put("TotalTechnologyAnnualActivityUpperLimit", v, "PJ", Region, t, yr(y))
	})
	g.ban(t, y0, "PJ")
}

// ban sets a technology's activity to zero from year y0 on.
func (g *gen) ban(t string, y0 val, unit string) {
	g.yearly(int(y0.x), func(y int) {
		v := y0
		v.x = 0
		v.note = fmt.Sprintf("activity 0 from %d; %s", int(y0.x), y0.note)
		g.put("TotalTechnologyAnnualActivityUpperLimit", v, unit, Region, t, yr(y))
	})
}

func (g *gen) heatPeak() float64 { return g.peak(func(s slice) float64 { return s.heat }) }
func (g *gen) elcPeak() float64  { return g.peak(func(s slice) float64 { return s.elc }) }

// supply: imports of fuels and electricity.
func (g *gen) supply(by *baseYear) {
	in := g.in
	gsl := in.get("price_gsl")
	ratio := func(r string) val {
		v := in.get(r)
		return der(gsl.x*v.x, fmt.Sprintf("gasoline %s MCNY/PJ × %s", f(gsl.x), f(v.x)), gsl, v)
	}
	jet := ratio("price_dsl_ratio")
	imports := []struct {
		t, fuel, measure string
		price            val
	}{
		{"IMP_NGAS", "NGAS", "natural gas", in.get("price_ngas")},
		{"IMP_GSL", "GSL", "oil products", gsl},
		{"IMP_DSL", "DSL", "oil products", jet},
		{"IMP_JET", "JET", "oil products", jet},
		{"IMP_LPG", "LPG", "oil products", jet},
		{"IMP_OOIL", "OOIL", "oil products", ratio("price_ooil_ratio")},
		{"IMP_COAL", "COAL", "coal", in.get("price_coal")},
		{"IMP_H2", "H2", "hydrogen", in.get("price_h2")},
		{"IMP_SAF", "SAF", "sustainable aviation fuel", der(jet.x*in.x("price_saf_ratio"), fmt.Sprintf("jet %s MCNY/PJ × %s", f(jet.x), f(in.x("price_saf_ratio"))), jet, in.get("price_saf_ratio"))},
		{"MSW_SUP", "MSW", "waste", assume(0.1, "nominal 0.1 MCNY/PJ so that waste is not supplied beyond use (gate fees ignored)")},
	}
	for _, im := range imports {
		g.tech(im.t, "supply", im.measure, false, "PJ/yr")
		g.oar(im.t, im.fuel, 1, Y0, all(assume(1, "supply technology: 1 PJ out per PJ of activity")))
		g.oar(im.t, "FEC", 1, Y0, all(assume(1, "primary energy accounting for the renewable share: fuels counted at their heating value")))
		g.ear(im.t, "ENE", 1, Y0, all(assume(1, "pseudo-emission ENE = non-renewable primary energy (PJ) for energy-intensity limits (renewables are outside energy-consumption control)")))
		g.varc(im.t, 1, all(im.price))
		g.residual(im.t, "PJ/yr", all(sentinel))
	}
	g.ban("IMP_COAL", in.get("coal_ban_year"), "PJ")

	// Grid electricity from the North China grid.
	t := "IMP_ELC_GRID"
	g.tech(t, "supply", "grid electricity", true, "")
	c19, c25 := in.get("grid_import_capacity_2019"), in.get("grid_import_capacity_2025")
	g.residual(t, "GW", func(y int) val { return path(y, Y0, c19, 2025, c25, 1, "GW") })
	g.noNew(t, "GW", Y0)
	g.oar(t, "ELC", 1, Y0, all(assume(1, "1 PJ electricity per PJ of activity")))
	g.oar(t, "FEC", 1, Y0, all(by.wElc))
	g.ear(t, "ENE", 1, Y0, all(by.wElc))
	g.varc(t, 1, all(in.get("price_grid")))
	ef := g.gridEF()
	g.ear(t, "CO2_S2", 1, Y0, func(y int) val {
		e := ef(y)
		return der(e.x/in.x("pj_per_twh"), fmt.Sprintf("%s t/MWh / 3.6 PJ/TWh = Mt/PJ", f(e.x)), e, in.get("pj_per_twh"))
	})
	g.ear(t, "CO2_TOT", 1, Y0, func(y int) val {
		e := ef(y)
		return aggregate(der(e.x/in.x("pj_per_twh"), fmt.Sprintf("%s t/MWh / 3.6 PJ/TWh = Mt/PJ", f(e.x)), e), "CO2_S2")
	})
	g.yearly(Y0, func(y int) {
		g.put("ReserveMarginTagTechnology", assume(1, "import capacity counts as firm"), "", Region, t, yr(y))
	})

	// Green-electricity import (counted zero-emission, renewable).
	t = "IMP_ELC_GREEN"
	g.tech(t, "supply", "green electricity import", false, "PJ/yr")
	g.residual(t, "PJ/yr", all(sentinel))
	g.oar(t, "RE_E", 1, Y0, all(assume(1, "1 PJ renewable electricity per PJ of activity")))
	g.oar(t, "FEC", 1, Y0, all(by.wElc))
	grid, prem := in.get("price_grid"), in.get("green_premium")
	g.varc(t, 1, all(der(grid.x+prem.x, f(grid.x)+" + premium "+f(prem.x), grid, prem)))
	gi := in.get("green_import_2019")
	a := der(gi.x*in.x("pj_per_twh"), f(gi.x)+" TWh × 3.6", gi, in.get("pj_per_twh"))
	g.pin(t, a, "PJ")
	g25, g50 := in.get("green_import_2025"), in.get("green_import_max_2050")
	g.yearly(Y0+1, func(y int) {
		v := a
		v.note = "ASSUMPTION: contracted 2019 green imports continue at least at the 2019 level; " + a.note
		g.put("TotalTechnologyAnnualActivityLowerLimit", v, "PJ", Region, t, yr(y))
		var mx val
		if y <= 2025 {
			mx = path(y, Y0, gi, 2025, g25, 1, "")
		} else {
			mx = path(y, 2025, g25, 2050, g50, 1, "")
		}
		g.put("TotalTechnologyAnnualActivityUpperLimit", der(mx.x*in.x("pj_per_twh"), f(mx.x)+" TWh × 3.6 (green-import ceiling)", mx), "PJ", Region, t, yr(y))
	})
}

// gridEF is the North China grid emission factor path (t CO2/MWh): 2019–2021
// at the 2021 value, 2022 as published, then the reference ('slow') path.
func (g *gen) gridEF() func(int) val {
	in := g.in
	e19, e22 := in.get("grid_ef_2019"), in.get("grid_ef_2022")
	e30, e40, e50 := in.get("grid_ef_ref_2030"), in.get("grid_ef_ref_2040"), in.get("grid_ef_ref_2050")
	return func(y int) val {
		switch {
		case y <= 2021:
			return e19
		case y <= 2030:
			return path(y, 2022, e22, 2030, e30, 1, "")
		case y <= 2040:
			return path(y, 2030, e30, 2040, e40, 1, "")
		}
		return path(y, 2040, e40, 2050, e50, 1, "")
	}
}

// power: electricity and central heat.
func (g *gen) power(by *baseYear) {
	in := g.in
	pjGW := in.get("pj_per_gwyr")
	eur := in.get("eur_cny")
	vom := in.get("chp_vom")
	vomPJ := der(vom.x*eur.x/in.x("pj_per_twh"), fmt.Sprintf("%s EUR/MWh × %s CNY/EUR / 3.6 PJ/TWh = MCNY/PJ", f(vom.x), f(eur.x)), vom, eur, in.get("pj_per_twh"))
	efGas := in.get("ef:Natural_Gas")
	tot := in.get("chp_total_eta")
	heatPer := func(eta val) val {
		return der((tot.x-eta.x)/eta.x, fmt.Sprintf("(%s − %s) / %s", f(tot.x), f(eta.x), f(eta.x)), tot, eta)
	}
	rm := func(t string) {
		g.yearly(Y0, func(y int) {
			g.put("ReserveMarginTagTechnology", assume(1, "dispatchable plant counts as firm capacity"), "", Region, t, yr(y))
		})
	}
	af := in.get("chp_af")
	capex := all(in.get("chp_capex"))
	fom := fomOf(capex, in.get("chp_fom"))

	// Existing gas CHP: mode 1 CHP (calibrated to CEADs), mode 2 condensing from 2020.
	t := "GAS_CHP_OLD"
	g.tech(t, "power_heat", "gas CHP (existing)", true, "")
	eta := in.get("chp_eta_el")
	a := g.ceadsTech(by, t, eta, "PJ", "ELC", 1)
	g.oar(t, "HTC", 1, Y0, all(heatPer(eta)))
	v00, v10, v15 := in.get("chp_vintage_2000"), in.get("chp_vintage_2010"), in.get("chp_vintage_2015")
	life := in.get("chp_life")
	thermal := in.get("thermal_capacity_2019")
	ooilA := by.burns["OOIL_CHP"].totalPJ() * in.x("ooil_chp_eta")
	wteA := in.x("wte_generation_2019") * in.x("pj_per_twh")
	ooilCap := der(ooilA/pjGW.x/af.x, fmt.Sprintf("refinery CHP 2019 output %s PJ / 31.536 / availability %s", f(ooilA), f(af.x)), af)
	wteCap := der(wteA/pjGW.x/in.x("wte_cf"), fmt.Sprintf("WtE 2019 output %s PJ / 31.536 / CF %s", f(wteA), f(in.x("wte_cf"))), in.get("wte_generation_2019"), in.get("wte_cf"))
	g.wteCap = wteCap
	rest := thermal.x - ooilCap.x - wteCap.x - v00.x - v10.x - v15.x
	g.residual(t, "GW", func(y int) val {
		x, parts := 0.0, ""
		add := func(v float64, built int, name string) {
			if y < built+int(life.x) {
				x += v
				parts += fmt.Sprintf(" + %s (%s, retires %d)", f(v), name, built+int(life.x))
			}
		}
		add(v00.x, 2000, "2000 vintage")
		add(v10.x, 2010, "2010 vintage")
		add(v15.x, 2015, "2015 vintage")
		add(rest, 2019, "2016-19 remainder = thermal 11.35 − refinery CHP − WtE − vintages")
		if x == 0 {
			return val{}
		}
		return der(x, "sum of vintages alive in "+yr(y)+":"+parts[2:], v00, v10, v15, thermal, life, ooilCap, wteCap)
	})
	g.noNew(t, "GW", Y0)
	g.valuationCapex(t, "MCNY/GW", capex, "")
	g.life(t, life)
	g.yearly(Y0, func(y int) { g.put("AvailabilityFactor", af, "", Region, t, yr(y)) })
	g.fixed(t, "MCNY/GW/yr", fom)
	g.varc(t, 1, all(vomPJ))
	rm(t)
	g.serve("ELC", t, a)
	g.mustRun(t, a)

	// New gas CHP (two modes) and gas CHP with CCS.
	etaNew := func(y int) val {
		return path(y, 2020, in.get("chp_new_eta_2020"), 2050, in.get("chp_new_eta_2050"), 1, "")
	}
	for _, t := range []string{"GAS_CHP_NEW", "GAS_CHP_CCS"} {
		ccs := t == "GAS_CHP_CCS"
		measure := "gas CHP (new)"
		if ccs {
			measure = "CCS on gas CHP"
		}
		g.tech(t, "power_heat", measure, true, "")
		eff := etaNew
		cap := 1.0
		if ccs {
			pen := in.get("ccs_eta_penalty")
			eff = func(y int) val {
				e := etaNew(y)
				return der(e.x-pen.x, f(e.x)+" − CCS penalty "+f(pen.x), e, pen)
			}
			cap = 1 - in.x("ccs_capture")
		}
		for _, m := range []int{1} {
			g.iar(t, "NGAS", m, Y0, func(y int) val { e := eff(y); return der(1/e.x, "1 / "+f(e.x), e) })
			g.oar(t, "ELC", m, Y0, all(assume(1, "activity is electricity output")))
			if m == 1 {
				g.oar(t, "HTC", 1, Y0, func(y int) val { return heatPer(eff(y)) })
			}
			em := func(y int) val {
				e := eff(y)
				s := fmt.Sprintf("%s t/TJ / 1000 / %s", f(efGas.x), f(e.x))
				if ccs {
					s += fmt.Sprintf(" × (1 − capture %s)", f(in.x("ccs_capture")))
				}
				return der(efGas.x/1000/e.x*cap, s, efGas, e, in.get("ccs_capture"))
			}
			g.ear(t, "CO2_S1", m, Y0, em)
			g.ear(t, "CO2_TOT", m, Y0, func(y int) val { return aggregate(em(y), "CO2_S1") })
			if ccs {
				ts := in.get("ccs_ts_cost")
				g.varc(t, m, func(y int) val {
					e := eff(y)
					capt := efGas.x / 1000 / e.x * in.x("ccs_capture")
					return der(vomPJ.x+capt*ts.x, fmt.Sprintf("VOM %s + captured %s Mt/PJ × %s CNY/t", f(vomPJ.x), f(capt), f(ts.x)), vomPJ, ts, e)
				})
			} else {
				g.varc(t, m, all(vomPJ))
			}
		}
		c := capex
		if ccs {
			c = all(in.get("ccs_capex"))
			first := in.get("ccs_first_year")
			g.yearly(Y0, func(y int) {
				if y < int(first.x) {
					v := first
					v.x = 0
					v.note = "no investment before " + yr(int(first.x)) + "; " + first.note
					g.put("TotalAnnualMaxCapacityInvestment", v, "GW", Region, t, yr(y))
				}
			})
		}
		g.capex(t, "MCNY/GW", c)
		g.fixed(t, "MCNY/GW/yr", fomOf(c, in.get("chp_fom")))
		g.life(t, life)
		g.yearly(Y0, func(y int) { g.put("AvailabilityFactor", af, "", Region, t, yr(y)) })
		rm(t)
	}

	// Heat-only boilers.
	t = "GAS_HOB"
	g.tech(t, "power_heat", "gas boilers (central)", true, "")
	a = g.ceadsTech(by, t, in.get("hob_eta"), "PJ", "HTC", 1)
	hcap, hlife := in.get("hob_capacity_2019"), in.get("hob_life")
	g.residual(t, "GW", func(y int) val {
		left := 1 - float64(y-Y0)/hlife.x
		if left <= 0 {
			return val{}
		}
		return der(hcap.x*left, fmt.Sprintf("%s GW × (1 − (%d − 2019)/%s) (linear retirement)", f(hcap.x), y, f(hlife.x)), hcap, hlife)
	})
	hobCap := g.capexPath("hob_capex_2020", "hob_capex_2050", true)
	g.capex(t, "MCNY/GW", hobCap)
	g.fixed(t, "MCNY/GW/yr", fomOf(hobCap, in.get("hob_fom")))
	hv := in.get("hob_vom")
	g.varc(t, 1, all(der(hv.x*eur.x/in.x("pj_per_twh"), fmt.Sprintf("%s EUR/MWh × %s CNY/EUR / 3.6 PJ/TWh = MCNY/PJ", f(hv.x), f(eur.x)), hv, eur, in.get("pj_per_twh"))))
	g.life(t, hlife)
	by.heat2019 = append(by.heat2019, contrib{t, a})

	t = "COAL_HOB"
	g.tech(t, "power_heat", "coal phase-out", true, "")
	a = g.ceadsTech(by, t, in.get("coal_hob_eta"), "PJ", "HTC", 1)
	ban := in.get("coal_heat_ban_year")
	g.stock(t, a, g.heatPeak(), pjGW.x, der(ban.x-Y0, f(ban.x)+" − 2019 (coal heating ends, S11)", ban), "GW")
	g.noNew(t, "GW", Y0)
	g.valuationCapex(t, "MCNY/GW", hobCap, "a coal heat-only boiler is valued at the central gas boiler's replacement cost (S29; no coal-boiler cost in technology_costs.csv)")
	g.life(t, assumeLife(in.get("hob_life"), "coal heat-only boiler lifetime as the gas boiler's (S29)"))
	g.phaseOut(t, a, ban)
	by.heat2019 = append(by.heat2019, contrib{t, a})

	t = "OOIL_CHP"
	g.tech(t, "power_heat", "refinery CHP", true, "")
	a = g.ceadsTech(by, t, in.get("ooil_chp_eta"), "PJ", "ELC", 1)
	oh := in.get("ooil_chp_heat_per_elc")
	g.oar(t, "HTC", 1, Y0, all(oh))
	g.residual(t, "GW", all(ooilCap))
	g.noNew(t, "GW", Y0)
	g.yearly(Y0+1, func(y int) {
		v := der(a.x*0.995, f(a.x)+" × 0.995", a)
		v.note = "ASSUMPTION: the refinery keeps burning its own gas at the 2019 level; " + v.note
		g.put("TotalTechnologyAnnualActivityLowerLimit", v, "PJ", Region, t, yr(y))
	})
	rm(t)
	g.serve("ELC", t, a)
	by.heat2019 = append(by.heat2019, contrib{t, der(a.x*oh.x, f(a.x)+" × "+f(oh.x), a, oh)})

	t = "WTE_CHP"
	g.tech(t, "power_heat", "waste-to-energy", true, "")
	wel, wth := in.get("wte_eta_el"), in.get("wte_eta_th")
	g.iar(t, "MSW", 1, Y0, all(der(1/wel.x, "1 / "+f(wel.x), wel)))
	g.oar(t, "ELC", 1, Y0, all(assume(1, "activity is electricity output")))
	g.oar(t, "HTC", 1, Y0, all(der(wth.x/wel.x, f(wth.x)+" / "+f(wel.x), wth, wel)))
	a = der(wteA, f(in.x("wte_generation_2019"))+" TWh × 3.6", in.get("wte_generation_2019"))
	g.pin(t, a, "PJ")
	g.residual(t, "GW", all(wteCap))
	wmax := in.get("wte_max")
	g.yearly(Y0, func(y int) {
		g.put("TotalAnnualMaxCapacity", path(y, Y0, wteCap, 2050, wmax, 1, "GW"), "GW", Region, t, yr(y))
		g.put("AvailabilityFactor", in.get("wte_cf"), "", Region, t, yr(y))
	})
	wc := g.capexPath("wte_capex_2020", "wte_capex_2050", true)
	g.capex(t, "MCNY/GW", wc)
	g.life(t, life)
	rm(t)
	g.serve("ELC", t, a)
	by.heat2019 = append(by.heat2019, contrib{t, der(wteA*wth.x/wel.x, f(wteA)+" × "+f(wth.x)+" / "+f(wel.x), a, wth, wel)})

	// Renewables.
	reOut := func(t string) {
		g.oar(t, "RE_E", 1, Y0, all(assume(1, "activity is electricity output")))
		g.oar(t, "FEC", 1, Y0, all(by.wElc))
	}
	pvCap, share := in.get("pv_capacity_2019"), in.get("pv_roof_share")
	for _, t := range []string{"PV_ROOF", "PV_GRND"} {
		g.tech(t, "power_heat", "solar PV", true, "")
		reOut(t)
		for _, s := range g.ts {
			cf := val{x: s.pv, src: s.src, note: s.note}
			g.yearly(Y0, func(y int) { g.put("CapacityFactor", cf, "", Region, t, s.name, yr(y)) })
		}
		g.life(t, in.get("pv_life"))
	}
	roof := der(pvCap.x*share.x, f(pvCap.x)+" GW × "+f(share.x), pvCap, share)
	grnd := der(pvCap.x*(1-share.x), f(pvCap.x)+" GW × (1 − "+f(share.x)+")", pvCap, share)
	g.residual("PV_ROOF", "GW", all(roof))
	g.residual("PV_GRND", "GW", all(grnd))
	rc := g.capexPath("pv_roof_capex_2020", "pv_roof_capex_2050", false)
	gc := g.capexPath("pv_grnd_capex_2020", "pv_grnd_capex_2050", false)
	g.capex("PV_ROOF", "MCNY/GW", rc)
	g.capex("PV_GRND", "MCNY/GW", gc)
	g.fixed("PV_ROOF", "MCNY/GW/yr", fomOf(rc, in.get("pv_roof_fom")))
	g.fixed("PV_GRND", "MCNY/GW/yr", fomOf(gc, in.get("pv_grnd_fom")))
	// Potential paths: the statistics to the last year published (S133),
	// then linear to the 2050 potentials (ASSUMPTION).
	rmax, gmax := in.get("pv_roof_max_2050"), in.get("pv_grnd_max")
	pv24 := in.get("pv_capacity_2024")
	roof24 := der(pv24.x*share.x, f(pv24.x)+" GW × "+f(share.x), pv24, share)
	grnd24 := der(pv24.x*(1-share.x), f(pv24.x)+" GW × (1 − "+f(share.x)+")", pv24, share)
	g.yearly(Y0, func(y int) {
		if y <= 2024 {
			g.put("TotalAnnualMaxCapacity", path(y, Y0, roof, 2024, roof24, 1, "GW"), "GW", Region, "PV_ROOF", yr(y))
			g.put("TotalAnnualMaxCapacity", path(y, Y0, grnd, 2024, grnd24, 1, "GW"), "GW", Region, "PV_GRND", yr(y))
			return
		}
		g.put("TotalAnnualMaxCapacity", path(y, 2024, roof24, 2050, rmax, 1, "GW"), "GW", Region, "PV_ROOF", yr(y))
		g.put("TotalAnnualMaxCapacity", path(y, 2024, grnd24, 2050, gmax, 1, "GW"), "GW", Region, "PV_GRND", yr(y))
	})

	t = "WIND"
	g.tech(t, "power_heat", "wind", true, "")
	reOut(t)
	for _, s := range g.ts {
		cf := val{x: s.w, src: s.src, note: s.note}
		g.yearly(Y0, func(y int) { g.put("CapacityFactor", cf, "", Region, t, s.name, yr(y)) })
	}
	wcap := in.get("wind_capacity_2019")
	wcap.note = "ASSUMPTION: 2019 wind fleet kept (repowered) to 2050; " + wcap.note
	g.residual(t, "GW", all(wcap))
	wcc := g.capexPath("wind_capex_2020", "wind_capex_2050", false)
	g.capex(t, "MCNY/GW", wcc)
	g.fixed(t, "MCNY/GW/yr", fomOf(wcc, in.get("wind_fom")))
	g.life(t, in.get("wind_life"))
	w23, wmx := in.get("wind_capacity_2023"), in.get("wind_max")
	g.yearly(Y0, func(y int) {
		if y <= 2023 {
			g.put("TotalAnnualMaxCapacity", path(y, Y0, wcap, 2023, w23, 1, "GW"), "GW", Region, t, yr(y))
			return
		}
		g.put("TotalAnnualMaxCapacity", path(y, 2023, w23, 2050, wmx, 1, "GW"), "GW", Region, t, yr(y))
	})

	t = "HYDRO"
	g.tech(t, "power_heat", "hydro", true, "")
	reOut(t)
	hc := in.get("hydro_capacity_2019")
	hc.note = "ASSUMPTION: kept to 2050; " + hc.note
	g.residual(t, "GW", all(hc))
	g.noNew(t, "GW", Y0)
	hg := in.get("hydro_generation_2019")
	ha := der(hg.x*in.x("pj_per_twh"), f(hg.x)+" TWh × 3.6", hg, in.get("pj_per_twh"))
	g.pin(t, ha, "PJ")
	g.yearly(Y0+1, func(y int) {
		v := ha
		v.note = "ASSUMPTION: hydro output stays at the 2019 level; " + ha.note
		g.put("TotalTechnologyAnnualActivityUpperLimit", v, "PJ", Region, t, yr(y))
	})
	rm(t)

	t = "RE_MIX"
	g.tech(t, "power_heat", "renewable electricity accounting", false, "PJ/yr")
	g.iar(t, "RE_E", 1, Y0, all(assume(1, "renewable electricity joins the bulk grid 1:1")))
	g.oar(t, "ELC", 1, Y0, all(assume(1, "renewable electricity joins the bulk grid 1:1")))
	g.oar(t, "REW", 1, Y0, all(der(by.wElc.x-1, f(by.wElc.x)+" − 1: extra weight so that the RE target counts renewable electricity at the coal-equivalent weight of FEC", by.wElc)))
	g.residual(t, "PJ/yr", all(sentinel))
	g.yearly(Y0, func(y int) {
		g.put("RETagTechnology", assume(1, "the only technology counted as renewable (RE2 counts all its outputs)"), "", Region, t, yr(y))
		g.put("RETagFuel", assume(1, "FEC (primary energy, coal-equivalent for electricity) is the base of the renewable share"), "", Region, "FEC", yr(y))
	})

	// Networks.
	t = "TD_ELC"
	g.tech(t, "power_heat", "electricity network", false, "PJ/yr")
	loss := in.get("td_loss")
	g.iar(t, "ELC", 1, Y0, all(der(1+loss.x, "1 + loss "+f(loss.x), loss)))
	g.oar(t, "ELCD", 1, Y0, all(assume(1, "activity is delivered electricity")))
	g.residual(t, "PJ/yr", all(sentinel))
	t = "DH_NET"
	g.tech(t, "power_heat", "district heat network", false, "PJ/yr")
	dl := in.get("dh_loss")
	g.iar(t, "HTC", 1, Y0, all(der(1/(1-dl.x), "1 / (1 − loss "+f(dl.x)+")", dl)))
	g.oar(t, "HTD", 1, Y0, all(assume(1, "activity is delivered heat")))
	g.residual(t, "PJ/yr", all(sentinel))

	// Power-to-heat and hydrogen.
	elcTech := func(t, sector, measure, out string, eff func(int) val, capex func(int) val) {
		g.tech(t, sector, measure, true, "")
		g.iar(t, "ELC", 1, Y0, func(y int) val { e := eff(y); return der(1/e.x, "1 / "+f(e.x), e) })
		g.oar(t, out, 1, Y0, all(assume(1, "activity is the output")))
		g.capex(t, "MCNY/GW", capex)
	}
	vomOf := func(name string) val {
		v := in.get(name)
		return der(v.x*eur.x/in.x("pj_per_twh"), fmt.Sprintf("%s EUR/MWh × %s CNY/EUR / 3.6 PJ/TWh = MCNY/PJ", f(v.x), f(eur.x)), v, eur, in.get("pj_per_twh"))
	}
	hpc := g.capexPath("hp_c_capex_2020", "hp_c_capex_2050", true)
	elcTech("HP_C", "power_heat", "heat pumps (central)", "HTC", func(y int) val {
		return path(y, 2020, in.get("hp_c_cop_2020"), 2050, in.get("hp_c_cop_2050"), 1, "")
	}, hpc)
	g.life("HP_C", in.get("hp_c_life"))
	g.fixed("HP_C", "MCNY/GW/yr", fomOf(hpc, in.get("hp_c_fom")))
	g.varc("HP_C", 1, all(vomOf("hp_c_vom")))
	ebc := g.capexPath("eboil_capex_2020", "eboil_capex_2050", true)
	elcTech("EBOIL_C", "power_heat", "electric boilers (central)", "HTC", all(in.get("eboil_eta")), ebc)
	g.life("EBOIL_C", in.get("hob_life"))
	g.fixed("EBOIL_C", "MCNY/GW/yr", fomOf(ebc, in.get("eboil_fom")))
	g.varc("EBOIL_C", 1, all(vomOf("eboil_vom")))
	// Central power-to-heat is built at most at the rate the district-heat
	// fleet turns over: peak DH load / boiler lifetime per year.
	hpk, dhs, hl := in.get("heat_peak_2020"), in.get("dh_share"), in.get("hob_life")
	rate := der(hpk.x*dhs.x/hl.x, fmt.Sprintf("peak heat %s GW × DH share %s / boiler life %s", f(hpk.x), f(dhs.x), f(hl.x)), hpk, dhs, hl)
	rate.note = "ASSUMPTION: build-rate limit = district-heat fleet turnover; " + rate.note
	// Until the last year of the heat-pump statistics (S15: heat-pump heated
	// area 40 Mm2 in 2012, 101 Mm2 in 2021), central heat pumps grow at most
	// at that area trend (all heat pumps' growth, at the heat intensity of
	// the 2019 heat-pump stock), not at the fleet turnover rate.
	a12, a21, hi := in.get("hp_area_2012"), in.get("hp_area_2021"), in.get("heat_intensity")
	end := in.get("hp_area_trend_end")
	trend := der((a21.x-a12.x)/(end.x-2012)*hi.x*in.x("pj_per_twh")/1000*g.heatPeak()/pjGW.x,
		fmt.Sprintf("(%s − %s Mm2) / %g yr × %s kWh/m2 × 3.6 / 1000 PJ heat per year × peak/average %s / 31.536", f(a21.x), f(a12.x), end.x-2012, f(hi.x), f(g.heatPeak())),
		a12, a21, hi, end)
	trend.note = "ASSUMPTION: build limit = the heat-pump area trend of S15 until " + yr(int(end.x)) + "; " + trend.note
	for _, t := range []string{"HP_C", "EBOIL_C"} {
		g.yearly(Y0+1, func(y int) {
			if t == "HP_C" && y <= int(end.x) {
				g.put("TotalAnnualMaxCapacityInvestment", trend, "GW", Region, t, yr(y))
				return
			}
			g.put("TotalAnnualMaxCapacityInvestment", rate, "GW", Region, t, yr(y))
		})
	}
	e20, e50 := in.get("ely_capex_2020"), in.get("ely_capex_2050")
	usd := in.get("usd_cny")
	c20 := der(e20.x*usd.x, f(e20.x)+" USD/kW × "+f(usd.x)+" CNY/USD", e20, usd)
	c50 := der(e50.x*eur.x, f(e50.x)+" EUR/kW × "+f(eur.x)+" CNY/EUR", e50, eur)
	elcTech("ELY", "supply", "hydrogen", "H2", func(y int) val {
		return path(y, 2020, in.get("ely_eta_2020"), 2050, in.get("ely_eta_2050"), 1, "")
	}, func(y int) val { return path(y, 2020, c20, 2050, c50, 1, "") })
	g.life("ELY", life)

	rmv := in.get("reserve_margin")
	g.yearly(Y0, func(y int) {
		g.put("ReserveMargin", rmv, "", Region, yr(y))
		g.put("ReserveMarginTagFuel", assume(1, "bulk electricity needs the reserve"), "", Region, "ELC", yr(y))
	})
	g.battery()
}

// battery: lithium-ion storage on the bulk grid, a charger and a
// discharger technology (one mode each) around one store.
func (g *gen) battery() {
	in := g.in
	s := "BATT_S"
	g.elem("STORAGE", s)
	eta := in.get("batt_eta")
	g.tech("BATT_CH", "power_heat", "batteries", true, "")
	g.iar("BATT_CH", "ELC", 1, Y0, all(der(1/eta.x, "1 / charge efficiency "+f(eta.x), eta)))
	g.put("TechnologyToStorage", assume(1, "the charger fills the store with its activity"), "", Region, "BATT_CH", s, "1")
	g.tech("BATT_DIS", "power_heat", "batteries", true, "")
	g.oar("BATT_DIS", "ELC", 1, Y0, all(eta))
	g.put("TechnologyFromStorage", assume(1, "the discharger empties the store by its activity"), "", Region, "BATT_DIS", s, "1")
	life := in.get("batt_life")
	g.put("OperationalLifeStorage", life, "yr", Region, s)
	g.put("DiscountRateStorage", in.get("discount_rate"), "", Region, s)
	g.put("StorageLevelStart", assume(0, "empty store at the start"), "PJ", Region, s)
	g.put("StorageMaxChargeRate", sentinel, "PJ/yr", Region, s)
	g.put("StorageMaxDischargeRate", sentinel, "PJ/yr", Region, s)
	c20, c30 := in.get("batt_capex_2020"), in.get("batt_capex_2030")
	g.yearly(Y0, func(y int) {
		g.put("CapitalCostStorage", path(y, 2020, c20, 2030, c30, 1, ""), "MCNY/PJ", Region, s, yr(y))
		g.put("ResidualStorageCapacity", assume(0, "no batteries in 2019 (the schema default is 999)"), "PJ", Region, s, yr(y))
		g.put("ReserveMarginTagTechnology", assume(1, "battery discharge counts as firm capacity"), "", Region, "BATT_DIS", yr(y))
	})
	inv := g.capexPath("batt_inverter_capex_2020", "batt_inverter_capex_2050", true)
	half := func(y int) val {
		v := inv(y)
		return der(v.x/2, f(v.x)+" / 2 (inverter shared by charging and discharging)", v)
	}
	for _, t := range []string{"BATT_CH", "BATT_DIS"} {
		g.life(t, life)
		g.capex(t, "MCNY/GW", half)
	}
}

// assumeLife labels a lifetime borrowed from another technology.
func assumeLife(v val, why string) val {
	v.src = "ASSUMPTION: " + why + "; " + v.src
	return v
}

// mustRun keeps existing gas CHP running at its 2019 load factor on the
// capacity still alive (grid security: Beijing keeps local generation).
func (g *gen) mustRun(t string, a val) {
	p := g.m.Param("ResidualCapacity")
	te, _ := g.m.Set("TECHNOLOGY").Lookup(t)
	r0, _ := p.Get(g.regionElem(), te, g.yearElem(Y0))
	share := g.in.get("chp_must_run")
	g.yearly(Y0+1, func(y int) {
		r, _ := p.Get(g.regionElem(), te, g.yearElem(y))
		if r == 0 {
			return
		}
		v := der(a.x*r/r0*share.x, fmt.Sprintf("2019 output %s PJ × capacity %s / %s GW × must-run share %s", f(a.x), f(r), f(r0), f(share.x)), a, share)
		g.put("TotalTechnologyAnnualActivityLowerLimit", v, "PJ", Region, t, yr(y))
	})
}
