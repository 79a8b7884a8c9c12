package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// transport: cars, other light vehicles, buses, trucks, aviation, off-road.
func (g *gen) transport(by *baseYear) {
	in := g.in
	eur := in.get("eur_cny")
	iceEta, bevEta := in.get("car_ice_eta"), in.get("car_bev_eta")

	// Cars: the CEADs household gasoline is the ICE fleet's fuel.
	cars := in.get("private_cars_2019")
	b18, b20 := in.get("bev_2018"), in.get("bev_2020")
	bev := der(b18.x+(b20.x-b18.x)*(2019.5-2018.5)/(2020.67-2018.5),
		fmt.Sprintf("BEV stock %s M (mid-2018) → %s M (Aug 2020), linear at mid-2019", f(b18.x), f(b20.x)), b18, b20)
	bev.note = "PROXY: all pure EVs counted as cars; " + bev.note
	ice := der(cars.x-bev.x, f(cars.x)+" − "+f(bev.x)+" M", cars, bev)
	g.tech("CAR_ICE", "transport", "cars (ICE)", false, "PJ/yr")
	aIce := g.ceadsTech(by, "CAR_ICE", iceEta, "PJ", "CAR", 1)
	wheel := der(aIce.x/ice.x, fmt.Sprintf("ICE wheel energy %s PJ / %s M ICE cars = GJ per car", f(aIce.x), f(ice.x)), aIce, ice)
	perPJ := func(price val, per val) val { // MCNY per (PJ/yr) from vehicle price and GJ per vehicle-year
		return der(price.x*eur.x/1e6*1e6/per.x, fmt.Sprintf("%s EUR × %s / 1e6 MCNY per vehicle × 1e6 GJ / %s GJ per vehicle-year", f(price.x), f(eur.x), f(per.x)), price, eur, per)
	}
	carCapex := func(a, b string) func(int) val {
		return func(y int) val { return perPJ(path(y, 2020, in.get(a), 2050, in.get(b), 1, ""), wheel) }
	}
	life := in.get("car_life")
	g.stock("CAR_ICE", aIce, 1, 1, life, "PJ/yr")
	g.capex("CAR_ICE", "MCNY per PJ/yr", carCapex("car_ice_price_2020", "car_ice_price_2050"))
	g.life("CAR_ICE", life)
	g.serve("CAR", "CAR_ICE", aIce)

	g.useTech("CAR_BEV", "transport", "electric vehicles", "ELCD", "CAR", false, "PJ/yr", all(bevEta))
	aBev := der(bev.x*wheel.x, f(bev.x)+" M × "+f(wheel.x)+" GJ", bev, wheel)
	g.pin("CAR_BEV", aBev, "PJ")
	g.stock("CAR_BEV", aBev, 1, 1, life, "PJ/yr")
	g.capex("CAR_BEV", "MCNY per PJ/yr", carCapex("car_bev_price_2020", "car_bev_price_2050"))
	g.life("CAR_BEV", life)
	g.serve("CAR", "CAR_BEV", aBev)
	// Beijing's plate quota for new-energy (battery) cars: a floor on new BEV capacity.
	q20, q22 := in.get("car_quota_nev_2020"), in.get("car_quota_nev")
	g.yearly(2020, func(y int) {
		q := q22
		if y < 2022 {
			q = q20
		}
		v := der(q.x*wheel.x/1e6, fmt.Sprintf("%s plates × %s GJ wheel per car / 1e6", f(q.x), f(wheel.x)), q, wheel)
		g.put("TotalAnnualMinCapacityInvestment", v, "PJ/yr", Region, "CAR_BEV", yr(y))
	})

	t := "CAR_PHEV"
	g.tech(t, "transport", "electric vehicles", false, "PJ/yr")
	es := in.get("car_phev_e_share")
	gslR := der((1-es.x)/iceEta.x, fmt.Sprintf("(1 − %s) / %s", f(es.x), f(iceEta.x)), es, iceEta)
	g.iar(t, "GSL", 1, Y0, all(gslR))
	g.iar(t, "ELCD", 1, Y0, all(der(es.x/bevEta.x, f(es.x)+" / "+f(bevEta.x), es, bevEta)))
	g.oar(t, "CAR", 1, Y0, all(assume(1, "activity is wheel energy")))
	efG := in.get("ef:Gasoline")
	pe := der(gslR.x*efG.x/1000, f(gslR.x)+" × "+f(efG.x)+" t/TJ / 1000", gslR, efG)
	g.ear(t, "CO2_S1", 1, Y0, all(pe))
	g.ear(t, "CO2_TOT", 1, Y0, all(aggregate(pe, "CO2_S1")))
	g.capex(t, "MCNY per PJ/yr", func(y int) val {
		a, b := carCapex("car_ice_price_2020", "car_ice_price_2050")(y), carCapex("car_bev_price_2020", "car_bev_price_2050")(y)
		v := der((a.x+b.x)/2, "mean of ICE "+f(a.x)+" and BEV "+f(b.x), a, b)
		v.src = "ASSUMPTION: PHEV price = mean of ICE and BEV; " + v.src
		return v
	})
	g.life(t, life)

	// Other light vehicles (taxis, vans, company cars).
	g.tech("OLV_ICE", "transport", "light vehicles (ICE)", false, "PJ/yr")
	a := g.ceadsTech(by, "OLV_ICE", iceEta, "PJ", "OLV", 1)
	g.stock("OLV_ICE", a, 1, 1, life, "PJ/yr")
	g.capex("OLV_ICE", "MCNY per PJ/yr", carCapex("car_ice_price_2020", "car_ice_price_2050"))
	g.life("OLV_ICE", life)
	g.serve("OLV", "OLV_ICE", a)
	g.tech("OLV_CNG", "transport", "light vehicles (ICE)", false, "PJ/yr")
	cngEta := iceEta
	cngEta.note = "ASSUMPTION: CNG light vehicles as efficient as gasoline ones; " + cngEta.note
	a = g.ceadsTech(by, "OLV_CNG", cngEta, "PJ", "OLV", 1)
	g.stock("OLV_CNG", a, 1, 1, life, "PJ/yr")
	g.capex("OLV_CNG", "MCNY per PJ/yr", carCapex("car_ice_price_2020", "car_ice_price_2050"))
	g.life("OLV_CNG", life)
	g.serve("OLV", "OLV_CNG", a)
	g.useTech("OLV_BEV", "transport", "electric vehicles", "ELCD", "OLV", false, "PJ/yr", all(bevEta))
	g.capex("OLV_BEV", "MCNY per PJ/yr", carCapex("car_bev_price_2020", "car_bev_price_2050"))
	g.life("OLV_BEV", life)

	// Buses and trucks per Gvkm.
	perGvkm := func(price, km val) val {
		return der(price.x*eur.x/1e6*1e9/km.x, fmt.Sprintf("%s EUR × %s / 1e6 MCNY per vehicle × 1e9 km / %s km per vehicle-year", f(price.x), f(eur.x), f(km.x)), price, eur, km)
	}
	pj := func(name string) func(int) val {
		v := g.in.get(name)
		if v50, ok := g.in.rows[name+"_2050"]; ok {
			v50.used = true
			return func(y int) val {
				c := path(y, 2020, v, 2050, v50.val, 1, "")
				return der(1/c.x, "1 / "+f(c.x)+" PJ per Gvkm", c)
			}
		}
		return func(int) val { return der(1/v.x, "1 / "+f(v.x)+" PJ per Gvkm", v) }
	}
	busKm, trkKm := in.get("bus_km_per_year"), in.get("trk_km_per_year")
	bl, tl := in.get("bus_life"), in.get("trk_life")
	for _, x := range []struct {
		t, dem, measure, fuel, pj, price string
		ceads                            bool
	}{
		{"BUS_DSL", "BUS", "buses (fossil)", "DSL", "bus_dsl_pj_per_gvkm", "bus_dsl_price", true},
		{"BUS_CNG", "BUS", "buses (fossil)", "NGAS", "bus_cng_pj_per_gvkm", "bus_dsl_price", true},
		{"BUS_BEV", "BUS", "electric buses", "ELCD", "bus_bev_pj_per_gvkm", "bus_bev_price", false},
		{"BUS_FCEV", "BUS", "hydrogen vehicles", "H2", "bus_fcev_pj_per_gvkm", "bus_fcev_price", false},
		{"TRK_DSL", "TRK", "trucks (diesel)", "DSL", "trk_dsl_pj_per_gvkm", "trk_dsl_price", true},
		{"TRK_BEV", "TRK", "electric trucks", "ELCD", "trk_bev_pj_per_gvkm", "trk_bev_price", false},
		{"TRK_FCEV", "TRK", "hydrogen vehicles", "H2", "trk_fcev_pj_per_gvkm", "trk_fcev_price", false},
	} {
		km, lf := busKm, bl
		if x.dem == "TRK" {
			km, lf = trkKm, tl
		}
		price := in.get(x.price)
		if x.t == "BUS_CNG" {
			price.src = "ASSUMPTION: CNG bus priced as diesel bus; " + price.src
		}
		var a val
		if x.ceads {
			g.tech(x.t, "transport", x.measure, false, "Gvkm/yr")
			a = g.ceadsTech(by, x.t, pj(x.pj)(Y0), "Gvkm", x.dem, 1)
		} else {
			g.useTech(x.t, "transport", x.measure, x.fuel, x.dem, false, "Gvkm/yr", pj(x.pj))
		}
		if x.t == "BUS_BEV" {
			s := in.get("bus_share_bev_2019")
			a = der(in.x("bus_gvkm_2019")*s.x, f(in.x("bus_gvkm_2019"))+" Gvkm × "+f(s.x), in.get("bus_gvkm_2019"), s)
			g.pin(x.t, a, "Gvkm")
			keep := in.get("bus_bev_keep")
			g.yearly(Y0+1, func(y int) {
				g.put("TotalTechnologyAnnualActivityLowerLimit", der(a.x*keep.x, f(a.x)+" Gvkm × "+f(keep.x), a, keep), "Gvkm", Region, x.t, yr(y))
			})
		}
		if a.x > 0 {
			g.stock(x.t, a, 1, 1, lf, "Gvkm/yr")
			g.serve(x.dem, x.t, a)
		}
		if p50, ok := g.in.rows[x.price+"_2050"]; ok {
			p50.used = true
			p20 := price
			g.capex(x.t, "MCNY per Gvkm/yr", func(y int) val { return perGvkm(path(y, 2020, p20, 2050, p50.val, 1, ""), km) })
		} else {
			g.capex(x.t, "MCNY per Gvkm/yr", all(perGvkm(price, km)))
		}
		g.life(x.t, lf)
	}
	for _, x := range []struct{ t, first string }{{"TRK_BEV", "trk_bev_first_year"}, {"TRK_FCEV", "trk_fcev_first_year"}} {
		first := in.get(x.first)
		g.yearly(Y0, func(y int) {
			if y < int(first.x) {
				v := first
				v.x = 0
				v.note = "no investment before " + yr(int(first.x)) + "; " + first.note
				g.put("TotalAnnualMaxCapacityInvestment", v, "Gvkm/yr", Region, x.t, yr(y))
			}
		})
	}

	// Aviation.
	g.tech("AVI_JET", "aviation", "aviation (kerosene)", false, "PJ/yr")
	a = g.ceadsTech(by, "AVI_JET", assume(1, "aviation service measured as fuel energy"), "PJ", "AVI", 1)
	g.residual("AVI_JET", "PJ/yr", all(sentinel))
	g.serve("AVI", "AVI_JET", a)
	g.useTech("AVI_SAF", "aviation", "sustainable aviation fuel", "SAF", "AVI", false, "PJ/yr", all(assume(1, "SAF replaces kerosene 1:1 in energy")))
	g.residual("AVI_SAF", "PJ/yr", all(sentinel))
	s30, s50 := in.get("saf_max_2030"), in.get("saf_max_2050")
	g.yearly(Y0, func(y int) {
		var s val
		switch {
		case y <= 2025:
			s = assume(0, "no SAF before 2026")
		case y <= 2030:
			s = der(lerp(y, 2025, 0, 2030, s30.x), fmt.Sprintf("linear 0 (2025) → %s (2030)", f(s30.x)), s30)
		default:
			s = path(y, 2030, s30, 2050, s50, 1, "")
		}
		d := g.demandAt("AVI", y)
		g.put("TotalTechnologyAnnualActivityUpperLimit", der(d.x*s.x, f(d.x)+" × max SAF share "+f(s.x), d, s), "PJ", Region, "AVI_SAF", yr(y))
	})

	// Off-road machinery and non-transport-sector vehicles.
	g.tech("OFR_ICE", "transport", "off-road (diesel)", false, "PJ/yr")
	a = g.ceadsTech(by, "OFR_ICE", assume(1, "off-road service measured as fuel energy (diesel equivalent)"), "PJ", "OFR", 1)
	g.residual("OFR_ICE", "PJ/yr", all(sentinel))
	g.serve("OFR", "OFR_ICE", a)
	r := in.get("ofr_elc_ratio")
	g.useTech("OFR_ELC", "transport", "off-road electrification", "ELCD", "OFR", false, "PJ/yr", all(der(1/r.x, "1 / "+f(r.x), r)))
	g.residual("OFR_ELC", "PJ/yr", all(sentinel))
	g.diffusion("OFR_ELC", "OFR")
}

// demandDef says how a demand grows and how it is spread over the year.
type demandDef struct {
	unit    string
	growth  string // index kind
	profile string // elc, heat, flat, cool
}

var demandDefs = map[string]demandDef{
	"RSH": {"PJ", "heat", "heat"}, "CSH": {"PJ", "heat", "heat"},
	"RCW": {"PJ", "pop", "flat"}, "CCW": {"PJ", "gdp0.6", "flat"},
	"RAP": {"PJ", "rap", "elc"}, "CAP": {"PJ", "gdp0.6", "elc"}, "IEL": {"PJ", "iel", "elc"},
	"COOL": {"PJ", "cool", "cool"}, "IHT": {"PJ", "iht", "flat"}, "PROC": {"Mt CO2", "proc", "flat"},
	"CAR": {"PJ wheel", "car", "flat"}, "OLV": {"PJ wheel", "gdp0.3", "flat"}, "BUS": {"Gvkm", "bus", "flat"},
	"TRK": {"Gvkm", "gdp0.3", "flat"}, "AVI": {"PJ", "avi", "flat"}, "OFR": {"PJ", "ofr", "flat"},
	"RAIL": {"PJ", "rail", "elc"},
}

// base2019 returns the 2019 level of demand d (sum of the 2019 supplies),
// fixing it at first use.
func (g *gen) base2019(d string) val {
	if v, ok := g.dem[d]; ok {
		return v
	}
	cs := g.contrib[d]
	if len(cs) == 0 {
		g.errf("demand %s has no 2019 supply", d)
		return val{}
	}
	sum, terms, parts := 0.0, []string{}, []val{}
	for _, c := range cs {
		sum += c.a.x
		terms = append(terms, c.tech+" "+f(c.a.x))
		parts = append(parts, c.a)
	}
	v := der(sum, "sum of 2019 supplies: "+strings.Join(terms, " + "), parts...)
	g.dem[d] = v
	return v
}

// index returns the growth index of kind k in year y relative to 2019.
func (g *gen) index(k string, y int) val {
	in := g.in
	gdp := func(y int) (float64, []val) {
		x := 1.0
		var parts []val
		for yy := 2021; yy <= y; yy++ {
			var r val
			switch {
			case yy <= 2025:
				r = in.get("gdp_growth_2021_2025")
			case yy <= 2030:
				r = in.get("gdp_growth_2026_2030")
			case yy <= 2040:
				r = in.get("gdp_growth_2031_2040")
			default:
				r = in.get("gdp_growth_2041_2050")
			}
			x *= 1 + r.x
			parts = append(parts, r)
		}
		return x, parts
	}
	pop := func(y int) (float64, val) {
		p := in.get("pop_growth_after_2035")
		if y <= 2035 {
			return 1, p
		}
		return math.Pow(1+p.x, float64(y-2035)), p
	}
	compound := func(name string, n int) val {
		r := in.get(name)
		return der(math.Pow(1+r.x, float64(n)), fmt.Sprintf("(1 + %s)^%d", f(r.x), n), r)
	}
	switch k {
	case "gdp":
		x, parts := gdp(y)
		return der(x, "GDP index "+f(x), parts...)
	case "gdp0.6", "gdp0.3":
		e := in.get("elasticity_gdp_services")
		if k == "gdp0.3" {
			e = in.get("elasticity_gdp_freight")
		}
		x, parts := gdp(y)
		return der(math.Pow(x, e.x), fmt.Sprintf("GDP index %s ^ %s", f(x), f(e.x)), append(parts, e)...)
	case "pop":
		x, p := pop(y)
		return der(x, "population index "+f(x), p)
	case "rap":
		x, parts := gdp(y)
		p, pv := pop(y)
		return der(p*math.Pow(x/p, 0.5), fmt.Sprintf("population %s × (GDP %s / population)^0.5", f(p), f(x)), append(parts, pv)...)
	case "heat":
		a1, a2, hi := in.get("floor_growth_to_2030"), in.get("floor_growth_after_2030"), in.get("heat_intensity_change")
		n1 := min(y, 2030) - Y0
		n2 := max(0, y-2030)
		x := math.Pow(1+a1.x, float64(n1)) * math.Pow(1+a2.x, float64(n2)) * math.Pow(1+hi.x, float64(y-Y0))
		return der(x, fmt.Sprintf("floor (1 + %s)^%d × (1 + %s)^%d × intensity (1 %s)^%d", f(a1.x), n1, f(a2.x), n2, f(hi.x), y-Y0), a1, a2, hi)
	case "cool":
		return compound("cool_growth", y-Y0)
	case "iht":
		return compound("iht_growth", y-Y0)
	case "iel":
		return compound("iel_growth", y-Y0)
	case "ofr":
		return compound("ofr_growth", y-Y0)
	case "bus":
		return compound("bus_growth", y-Y0)
	case "rail":
		a, b, end := in.get("rail_km_2020"), in.get("rail_km_2024"), in.get("rail_growth_end")
		n := float64(min(y, int(end.x)) - 2020)
		if n < 0 {
			n = 0
		}
		return der(math.Pow(b.x/a.x, n/4), fmt.Sprintf("(%s / %s km)^(%g/4): 2020-24 network growth to %d", f(b.x), f(a.x), n, int(end.x)), a, b, end)
	case "proc":
		r := in.get("process_decline")
		return der(math.Pow(1-r.x, float64(y-Y0)), fmt.Sprintf("(1 − %s)^%d", f(r.x), y-Y0), r)
	case "car":
		c19, c25 := in.get("private_cars_2019"), in.get("car_cap_2025")
		c := lerp(y, Y0, c19.x, 2025, c25.x)
		return der(c/c19.x, fmt.Sprintf("cars %s M (linear to the 2025 cap %s M, then flat) / %s M", f(c), f(c25.x), f(c19.x)), c19, c25)
	case "avi":
		cv := in.get("covid_factor_avi_2020")
		switch {
		case y <= 2020:
			return cv
		case y <= 2023:
			return der(lerp(y, 2020, cv.x, 2023, 1), fmt.Sprintf("linear %s (2020) → 1 (2023)", f(cv.x)), cv)
		}
		a, b := in.get("avi_growth_to_2035"), in.get("avi_growth_after_2035")
		n1, n2 := min(y, 2035)-2023, max(0, y-2035)
		return der(math.Pow(1+a.x, float64(n1))*math.Pow(1+b.x, float64(n2)), fmt.Sprintf("(1 + %s)^%d × (1 + %s)^%d", f(a.x), n1, f(b.x), n2), a, b)
	}
	g.errf("unknown growth index %s", k)
	return val{}
}

// demandAt returns demand d in year y.
func (g *gen) demandAt(d string, y int) val {
	b := g.base2019(d)
	def := demandDefs[d]
	if y == Y0 {
		return b
	}
	var ix val
	if y == 2020 && def.growth != "avi" {
		ix = g.in.get("covid_factor_2020")
	} else {
		ix = g.index(def.growth, y)
	}
	return der(b.x*ix.x, fmt.Sprintf("2019 %s %s × index %s (%s)", d, f(b.x), f(ix.x), strings.TrimPrefix(ix.src, "DERIVED: ")), b, ix)
}

// demands writes the electricity-service split and every demand with its profile.
func (g *gen) demands() {
	in := g.in
	// Delivered electricity not yet assigned goes to appliances, commercial
	// and industrial electricity by the 2014 official shares.
	used, terms := 0.0, []string{}
	for _, t := range g.techs {
		a, ok := g.act[t]
		r, ok2 := g.elcdIAR[t]
		if !ok || !ok2 {
			continue
		}
		used += a.x * r
		terms = append(terms, fmt.Sprintf("%s %s", t, f(a.x*r)))
	}
	sort.Strings(terms)
	rest := g.elcd.x - used
	hh, sv, tr := in.get("elc_share_households_2014"), in.get("elc_share_services_2014"), in.get("elc_share_transport_2014")
	restV := der(rest, fmt.Sprintf("delivered %s PJ − %s", f(g.elcd.x), strings.Join(terms, " − ")), g.elcd)
	for _, x := range []struct {
		t, d string
		s    val
	}{
		{"RAP_ELC", "RAP", hh}, {"CAP_ELC", "CAP", sv}, {"RAIL_ELC", "RAIL", tr},
		{"IEL_ELC", "IEL", der(1-hh.x-sv.x-tr.x, "1 − "+f(hh.x)+" − "+f(sv.x)+" − "+f(tr.x), hh, sv, tr)},
	} {
		a := der(rest*x.s.x, f(rest)+" PJ × 2014 share "+f(x.s.x), restV, x.s)
		a.note = "ROUGH; " + a.note
		g.pin(x.t, a, "PJ")
		g.serve(x.d, x.t, a)
	}
	names := make([]string, 0, len(demandDefs))
	for d := range demandDefs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		def := demandDefs[d]
		g.elem("FUEL", d)
		for _, y := range g.years {
			g.put("SpecifiedAnnualDemand", g.demandAt(d, y), def.unit, Region, d, yr(y))
		}
		sumS := 0.0
		for _, s := range g.ts {
			if s.season == 3 {
				sumS += s.ys
			}
		}
		for _, s := range g.ts {
			var p val
			switch def.profile {
			case "elc":
				p = val{x: s.elc, src: s.src, note: "electricity load shape (S29 hourly file); " + s.note}
			case "heat":
				p = val{x: s.heat, src: s.src, note: "heat-demand shape (S134 PROXY); " + s.note}
			case "flat":
				p = der(s.ys, "flat: profile = YearSplit "+f(s.ys))
			case "cool":
				x := 0.0
				if s.season == 3 {
					x = s.ys / sumS
				}
				p = der(x, fmt.Sprintf("cooling only in summer, pro rata YearSplit: %s / %s", f(s.ys), f(sumS)))
				p.note = "ASSUMPTION: cooling load only in Jun-Aug (RES.md §2)"
			}
			if p.x == 0 {
				continue
			}
			for _, y := range g.years {
				g.put("SpecifiedDemandProfile", p, "", Region, d, s.name, yr(y))
			}
		}
	}
}
