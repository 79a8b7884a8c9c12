package main

import (
	"fmt"
	"strings"
)

// useTech declares an end-use technology fed by one fuel with efficiency
// eff (output per input) and capacity in GW (gw) or activity units.
func (g *gen) useTech(t, sector, measure, in, out string, gw bool, unit string, eff func(int) val) {
	g.tech(t, sector, measure, gw, unit)
	g.iar(t, in, 1, Y0, func(y int) val { e := eff(y); return der(1/e.x, "1 / "+f(e.x), e) })
	if in == "ELCD" {
		g.elcdIAR[t] = 1 / eff(Y0).x
	}
	g.oar(t, out, 1, Y0, all(assume(1, "activity is the output")))
	if _, ok := demandDefs[out]; ok {
		g.serves[t] = out
	}
}

// diffusion caps a technology without cost data at a share of its demand
// that rises linearly from 0 in 2020 to 1 in new_enduse_diffusion_end.
func (g *gen) diffusion(t, demand string) {
	end := g.in.get("new_enduse_diffusion_end")
	g.yearly(Y0+1, func(y int) {
		d := g.demandAt(demand, y)
		s := lerp(y, 2020, 0, int(end.x), 1)
		v := der(d.x*s, fmt.Sprintf("%s demand %s × diffusion share %s", demand, f(d.x), f(s)), d, end)
		g.put("TotalTechnologyAnnualActivityUpperLimit", v, "", Region, t, yr(y))
	})
}

// buildings: space heat, cooking and hot water, appliances, cooling.
func (g *gen) buildings(by *baseYear) {
	in := g.in
	pjGW := in.x("pj_per_gwyr")
	hp := g.heatPeak()
	resShare := der(in.x("heated_area_res")/in.x("heated_area"), f(in.x("heated_area_res"))+" / "+f(in.x("heated_area"))+" Mm2", in.get("heated_area_res"), in.get("heated_area"))
	cop := func(a, b string) func(int) val {
		return func(y int) val { return path(y, 2020, in.get(a), 2050, in.get(b), 1, "") }
	}
	gasbCap := g.capexPath("gasb_capex_2020", "gasb_capex_2050", true)
	ashpCap := g.capexPath("ashp_capex_2020", "ashp_capex_2050", true)
	gshpCap := g.capexPath("gshp_capex_2020", "gshp_capex_2050", true)
	hpUseful := der(in.x("hp_area_2019")*in.x("heat_intensity")*in.x("pj_per_twh")/1000,
		fmt.Sprintf("%s Mm2 × %s kWh/m2 × 3.6 PJ/TWh / 1000", f(in.x("hp_area_2019")), f(in.x("heat_intensity"))),
		in.get("hp_area_2019"), in.get("heat_intensity"), in.get("pj_per_twh"))

	// District heat delivered in 2019: all heat of the calibrated plants
	// (CEADs fuel × efficiencies) less network losses and industry steam.
	chpA := g.act["GAS_CHP_OLD"]
	tot, eta := in.get("chp_total_eta"), in.get("chp_eta_el")
	chpHeat := der(chpA.x*(tot.x-eta.x)/eta.x, fmt.Sprintf("CHP 2019 output %s PJ × heat/power %s", f(chpA.x), f((tot.x-eta.x)/eta.x)), chpA, tot, eta)
	sum, terms := chpHeat.x, []string{"CHP " + f(chpHeat.x)}
	for _, c := range by.heat2019 {
		sum += c.a.x
		terms = append(terms, c.tech+" "+f(c.a.x))
	}
	dl, ind := in.get("dh_loss"), in.get("dh_industry_2019")
	bldDH := der(sum*(1-dl.x)-ind.x, fmt.Sprintf("(%s) × (1 − loss %s) − industry %s PJ", strings.Join(terms, " + "), f(dl.x), f(ind.x)), chpHeat, dl, ind)
	bldDH.note = "PROXY: heat demand implied by the CEADs power-and-heat gas; " + bldDH.note

	{
		t := "RSH_ERES"
		g.useTech(t, "residential", "electric heating", "ELCD", "RSH", true, "", all(in.get("eres_eta")))
		a := in.get("eres_2019")
		g.pin(t, a, "PJ")
		g.stock(t, a, hp, pjGW, in.get("eres_life"), "GW")
		g.capex(t, "MCNY/GW", all(g.eurGW(in.get("eres_capex"))))
		g.life(t, in.get("eres_life"))
		g.serve("RSH", t, a)

	}
	for _, sec := range []string{"R", "C"} {
		dem := sec + "SH"
		sector := "residential"
		share := resShare
		if sec == "C" {
			sector = "commercial"
			share = der(1-resShare.x, "1 − "+f(resShare.x), resShare)
		}
		// gas boilers (CEADs)
		t := dem + "_GASB"
		g.tech(t, sector, "gas boilers (building)", true, "")
		a := g.ceadsTech(by, t, in.get("gasb_eta"), "PJ", dem, 1)
		g.stock(t, a, hp, pjGW, in.get("gasb_life"), "GW")
		g.capex(t, "MCNY/GW", gasbCap)
		g.fixed(t, "MCNY/GW/yr", fomOf(gasbCap, in.get("gasb_fom")))
		g.life(t, in.get("gasb_life"))
		g.serve(dem, t, a)
		// coal stoves and boilers (CEADs)
		t = dem + "_COAL"
		g.tech(t, sector, "coal phase-out", true, "")
		a = g.ceadsTech(by, t, in.get("coal_stove_eta"), "PJ", dem, 1)
		ban := in.get("coal_heat_ban_year")
		g.stock(t, a, hp, pjGW, der(ban.x-Y0, f(ban.x)+" − 2019 (coal heating ends, S11)", ban), "GW")
		g.noNew(t, "GW", Y0)
		g.valuationCapex(t, "MCNY/GW", gasbCap, "a coal stove or building coal boiler is valued at the decentral gas boiler's replacement cost (S29; no coal-stove cost in technology_costs.csv)")
		g.life(t, assumeLife(in.get("gasb_life"), "coal stove and building coal boiler lifetime as the decentral gas boiler's (S29)"))
		g.phaseOut(t, a, ban)
		g.serve(dem, t, a)
		// heat pumps
		t = dem + "_ASHP"
		g.useTech(t, sector, "heat pumps (building)", "ELCD", dem, true, "", cop("ashp_cop_2020", "ashp_cop_2050"))
		a = der(hpUseful.x*share.x, f(hpUseful.x)+" PJ × area share "+f(share.x), hpUseful, share)
		a.note = "ASSUMPTION: 2019 heat-pump area split like heated area, all air-source; " + a.note
		g.pin(t, a, "PJ")
		g.stock(t, a, hp, pjGW, in.get("ashp_life"), "GW")
		g.capex(t, "MCNY/GW", ashpCap)
		g.fixed(t, "MCNY/GW/yr", fomOf(ashpCap, in.get("ashp_fom")))
		g.life(t, in.get("ashp_life"))
		g.serve(dem, t, a)
		t = dem + "_GSHP"
		g.useTech(t, sector, "heat pumps (building)", "ELCD", dem, true, "", cop("gshp_cop_2020", "gshp_cop_2050"))
		g.capex(t, "MCNY/GW", gshpCap)
		g.fixed(t, "MCNY/GW/yr", fomOf(gshpCap, in.get("gshp_fom")))
		g.life(t, in.get("gshp_life"))
		// district heat substations
		t = dem + "_DH"
		g.useTech(t, sector, "district heat", "HTD", dem, false, "PJ/yr", all(assume(1, "substation losses inside the network loss")))
		g.residual(t, "PJ/yr", all(sentinel))
		a = der(bldDH.x*share.x, f(bldDH.x)+" PJ × area share "+f(share.x), bldDH, share)
		g.pin(t, a, "PJ")
		g.serve(dem, t, a)
		// District heat can serve at most the district-heating share of space heat.
		dhs := in.get("dh_share")
		g.yearly(Y0+1, func(y int) {
			d := g.demandAt(dem, y)
			v := der(d.x*dhs.x, fmt.Sprintf("%s demand %s × DH share %s", dem, f(d.x), f(dhs.x)), d, dhs)
			v.note = "ASSUMPTION: the district-heating share of space heat (S29) is the network's reach; " + v.note
			g.put("TotalTechnologyAnnualActivityUpperLimit", v, "PJ", Region, t, yr(y))
		})
	}
	// Cooking and hot water.
	for _, sec := range []string{"R", "C"} {
		dem := sec + "CW"
		sector := map[string]string{"R": "residential", "C": "commercial"}[sec]
		for _, fu := range []string{"GAS", "LPG"} {
			t := dem + "_" + fu
			g.tech(t, sector, "cooking and hot water ("+strings.ToLower(fu)+")", false, "PJ/yr")
			a := g.ceadsTech(by, t, in.get("cook_gas_eta"), "PJ", dem, 1)
			g.stock(t, a, 1, 1, in.get("cook_life"), "PJ/yr")
			g.life(t, in.get("cook_life"))
			g.serve(dem, t, a)
		}
		t := dem + "_ELC"
		g.useTech(t, sector, "electric cooking", "ELCD", dem, false, "PJ/yr", all(in.get("cook_elc_eta")))
		g.residual(t, "PJ/yr", all(sentinel))
		g.diffusion(t, dem)
	}

	// Electricity services and cooling.
	elcd := in.get("elc_consumption_2019")
	loss := in.get("td_loss")
	delivered := der(elcd.x*in.x("pj_per_twh")/(1+loss.x), f(elcd.x)+" TWh × 3.6 / (1 + loss "+f(loss.x)+")", elcd, loss, in.get("pj_per_twh"))
	g.elcd = delivered
	cool := in.get("cool_2019")
	for _, d := range []struct{ t, dem, sector string }{
		{"RAP_ELC", "RAP", "residential"}, {"CAP_ELC", "CAP", "commercial"}, {"COOL_ELC", "COOL", "buildings"}, {"IEL_ELC", "IEL", "industry"}, {"RAIL_ELC", "RAIL", "transport"},
	} {
		measure := "electricity services"
		if d.t == "RAIL_ELC" {
			measure = "rail"
		}
		g.useTech(d.t, d.sector, measure, "ELCD", d.dem, false, "PJ/yr", all(assume(1, "demand measured as delivered electricity")))
		g.residual(d.t, "PJ/yr", all(sentinel))
	}
	g.pin("COOL_ELC", cool, "PJ")
	g.serve("COOL", "COOL_ELC", cool)
}

// industry: heat, electricity, process CO2.
func (g *gen) industry(by *baseYear) {
	in := g.in
	pjGW := in.x("pj_per_gwyr")
	hobCap := g.capexPath("hob_capex_2020", "hob_capex_2050", true)
	for _, x := range []struct{ t, eff, measure string }{
		{"IND_GAS", "ind_gas_eta", "industrial fuel switch"}, {"IND_OIL", "ind_oil_eta", "industrial fuel switch"}, {"IND_COAL", "ind_coal_eta", "coal phase-out"},
	} {
		g.tech(x.t, "industry", x.measure, true, "")
		a := g.ceadsTech(by, x.t, in.get(x.eff), "PJ", "IHT", 1)
		g.stock(x.t, a, 1, pjGW, in.get("hob_life"), "GW")
		g.life(x.t, in.get("hob_life"))
		if x.t == "IND_OIL" {
			g.yearly(Y0+1, func(y int) {
				v := der(a.x*0.995, f(a.x)+" × 0.995", a)
				v.note = "ASSUMPTION: the refinery keeps burning its own refinery gas at the 2019 level; " + v.note
				g.put("TotalTechnologyAnnualActivityLowerLimit", v, "PJ", Region, x.t, yr(y))
			})
		}
		if x.t == "IND_COAL" {
			g.noNew(x.t, "GW", Y0)
			g.valuationCapex(x.t, "MCNY/GW", hobCap, "an industrial coal boiler is valued at the central gas boiler's replacement cost (S29; no coal-boiler cost in technology_costs.csv)")
			g.phaseOut(x.t, a, in.get("coal_ban_year"))
		} else {
			g.capex(x.t, "MCNY/GW", hobCap)
		}
		g.serve("IHT", x.t, a)
	}
	t := "IND_DH"
	g.useTech(t, "industry", "district heat", "HTD", "IHT", false, "PJ/yr", all(assume(1, "steam delivered = useful heat")))
	g.residual(t, "PJ/yr", all(sentinel))
	g.pin(t, in.get("dh_industry_2019"), "PJ")
	g.serve("IHT", t, in.get("dh_industry_2019"))
	g.useTech("IND_EBOIL", "industry", "industrial electrification", "ELCD", "IHT", true, "", all(in.get("eboil_eta")))
	g.capex("IND_EBOIL", "MCNY/GW", g.capexPath("eboil_capex_2020", "eboil_capex_2050", true))
	g.life("IND_EBOIL", in.get("hob_life"))
	g.useTech("IND_HP", "industry", "industrial electrification", "ELCD", "IHT", true, "", all(in.get("ihp_cop")))
	g.capex("IND_HP", "MCNY/GW", g.capexPath("hp_c_capex_2020", "hp_c_capex_2050", true))
	g.life("IND_HP", in.get("hp_c_life"))
	ms := in.get("ihp_max_share")
	g.yearly(Y0, func(y int) {
		d := g.demandAt("IHT", y)
		g.put("TotalTechnologyAnnualActivityUpperLimit", der(d.x*ms.x, f(d.x)+" × "+f(ms.x), d, ms), "PJ", Region, "IND_HP", yr(y))
	})
	t = "IND_PROC"
	g.tech(t, "industry", "cement process", false, "Mt CO2/yr")
	a := g.ceadsTech(by, t, val{}, "Mt CO2", "PROC", 1)
	g.residual(t, "Mt CO2/yr", all(sentinel))
	g.serve("PROC", t, a)
}
