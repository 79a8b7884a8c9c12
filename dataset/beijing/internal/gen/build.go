package main

import (
	"fmt"
	"math"
	"strconv"

	"blueprint/model"
)

// Region is the model's only region.
const Region = "BEIJING"

// Base year and horizon.
const (
	Y0 = 2019
	YN = 2050
)

// slice is one row of timeslices.csv.
type slice struct {
	name                 string
	season, bracket      int
	ys, elc, heat, pv, w float64
	src, note            string
}

// gen accumulates the model.
type gen struct {
	in     *inputs
	m      *model.Model
	ts     []slice
	years  []int
	errs   []error
	techs  []string
	groups []model.TechGroup
	// demand2019 and its provenance, per demand fuel.
	dem map[string]val
	// act2019 is the base-year activity of each calibrated technology.
	act map[string]val
	// contrib lists the 2019 supplies of each demand fuel.
	contrib map[string][]contrib
	// elcdIAR is the 2019 delivered-electricity input per unit activity.
	elcdIAR map[string]float64
	// elcd is the delivered electricity of 2019.
	elcd val
	// serves maps an end-use technology to the demand it supplies, gw
	// marks technologies with capacity in GW, lives their lifetimes.
	serves map[string]string
	gw     map[string]bool
	lives  map[string]val
	// valueOnly marks technologies whose CapitalCost only values stranded
	// residual capacity (they cannot invest).
	valueOnly map[string]bool
	// wteCap is the 2019 waste-to-energy capacity (GW).
	wteCap val
}

func (g *gen) errf(format string, a ...any) {
	g.errs = append(g.errs, fmt.Errorf(format, a...))
}

func yr(y int) string { return strconv.Itoa(y) }

// elem adds name to set (once).
func (g *gen) elem(set, name string) {
	if _, ok := g.m.Set(set).Lookup(name); ok {
		return
	}
	if _, err := g.m.AddElem(set, name); err != nil {
		g.errf("add %s to %s: %v", name, set, err)
	}
}

// put sets one parameter row with provenance. unit "" uses the schema's.
func (g *gen) put(param string, v val, unit string, key ...string) {
	p := g.m.Param(param)
	if p == nil {
		g.errf("no parameter %s", param)
		return
	}
	if math.IsNaN(v.x) || math.IsInf(v.x, 0) {
		g.errf("%s%v: value %v (%s)", param, key, v.x, v.src)
		return
	}
	if v.src == "" {
		g.errf("%s%v: no SOURCE", param, key)
		return
	}
	sets := p.Sets()
	if len(key) != len(sets) {
		g.errf("%s: %d keys for %d indices", param, len(key), len(sets))
		return
	}
	k := make([]model.Elem, len(key))
	for i, name := range key {
		e, ok := sets[i].Lookup(name)
		if !ok {
			g.errf("%s%v: %q not in %s", param, key, name, sets[i].Name)
			return
		}
		k[i] = e
	}
	if _, dup := p.Find(k...); dup {
		g.errf("%s%v given twice", param, key)
		return
	}
	if unit == "" {
		unit = g.m.UnitOf(p)
	}
	p.Add(k, sig(v.x), &model.Origin{Source: v.src, Note: v.note, Unit: unit})
}

// tech declares a technology with its group; gw selects capacity in GW
// (CapacityToActivityUnit 31.536 PJ per GW-year), otherwise capacity is in
// capUnit (activity per year, CapacityToActivityUnit 1).
func (g *gen) tech(name, sector, measure string, gw bool, capUnit string) {
	g.elem("TECHNOLOGY", name)
	g.techs = append(g.techs, name)
	g.groups = append(g.groups, model.TechGroup{Technology: name, Sector: sector, Measure: measure})
	g.gw[name] = gw
	if gw {
		g.put("CapacityToActivityUnit", g.in.get("pj_per_gwyr"), "PJ/(GW·yr)", Region, name)
		return
	}
	g.put("CapacityToActivityUnit", assume(1, "capacity measured in activity units per year ("+capUnit+")"), capUnit+" per "+capUnit, Region, name)
}

// yearly calls fn for every model year from first on.
func (g *gen) yearly(first int, fn func(y int)) {
	for _, y := range g.years {
		if y >= first {
			fn(y)
		}
	}
}

func (g *gen) iar(t, fuel string, mode, first int, r func(y int) val) {
	g.elem("FUEL", fuel)
	g.yearly(first, func(y int) { g.put("InputActivityRatio", r(y), "", Region, t, fuel, strconv.Itoa(mode), yr(y)) })
}

func (g *gen) oar(t, fuel string, mode, first int, r func(y int) val) {
	g.elem("FUEL", fuel)
	g.yearly(first, func(y int) { g.put("OutputActivityRatio", r(y), "", Region, t, fuel, strconv.Itoa(mode), yr(y)) })
}

func (g *gen) ear(t, e string, mode, first int, r func(y int) val) {
	g.yearly(first, func(y int) {
		g.put("EmissionActivityRatio", r(y), "Mt CO2 per unit activity", Region, t, e, strconv.Itoa(mode), yr(y))
	})
}

func (g *gen) capex(t string, unit string, r func(y int) val) {
	g.yearly(Y0, func(y int) { g.put("CapitalCost", r(y), unit, Region, t, yr(y)) })
}

func (g *gen) fixed(t string, unit string, r func(y int) val) {
	g.yearly(Y0, func(y int) { g.put("FixedCost", r(y), unit, Region, t, yr(y)) })
}

func (g *gen) varc(t string, mode int, r func(y int) val) {
	g.yearly(Y0, func(y int) {
		g.put("VariableCost", r(y), "MCNY per unit activity", Region, t, strconv.Itoa(mode), yr(y))
	})
}

func (g *gen) residual(t, unit string, r func(y int) val) {
	g.yearly(Y0, func(y int) {
		v := r(y)
		if v.x != 0 {
			g.put("ResidualCapacity", v, unit, Region, t, yr(y))
		}
	})
}

func (g *gen) life(t string, v val) {
	g.lives[t] = v
	g.put("OperationalLife", v, "yr", Region, t)
}

// has reports whether param already has the row key.
func (g *gen) has(param string, key ...string) bool {
	p := g.m.Param(param)
	k := make([]model.Elem, len(key))
	for i, name := range key {
		e, ok := p.Sets()[i].Lookup(name)
		if !ok {
			return false
		}
		k[i] = e
	}
	_, ok := p.Find(k...)
	return ok
}

// const returns a function of the year that always gives v.
func all(v val) func(int) val { return func(int) val { return v } }

// sentinel is a capacity that never binds (import technologies).
var sentinel = assume(10000, "unconstrained supply: 10000 units/yr, far above any use")

// pin fixes a technology's base-year activity to a within ±0.5 %.
func (g *gen) pin(t string, a val, unit string) {
	g.act[t] = a
	lo := der(a.x*0.995, f(a.x)+" × 0.995 (calibration band ±0.5 %)", a)
	hi := der(a.x*1.005, f(a.x)+" × 1.005 (calibration band ±0.5 %)", a)
	lo.note, hi.note = a.src+"; "+a.note, a.src+"; "+a.note
	g.put("TotalTechnologyAnnualActivityLowerLimit", lo, unit, Region, t, yr(Y0))
	g.put("TotalTechnologyAnnualActivityUpperLimit", hi, unit, Region, t, yr(Y0))
}

// peak returns the ratio of the highest timeslice rate to the annual
// average rate for a profile (share of the annual amount per slice).
func (g *gen) peak(profile func(s slice) float64) float64 {
	mx := 0.0
	for _, s := range g.ts {
		mx = math.Max(mx, profile(s)/s.ys)
	}
	return mx
}

// stock gives an end-use technology a residual capacity that serves its
// base-year activity a at the peak of its demand profile and retires
// linearly over life years.
func (g *gen) stock(t string, a val, peak, cau float64, life val, unit string) {
	if a.x <= 0 {
		return
	}
	r0 := a.x * peak / cau * 1.01
	g.residual(t, unit, func(y int) val {
		left := 1 - float64(y-Y0)/life.x
		if left <= 0 {
			return val{}
		}
		return der(r0*left, fmt.Sprintf("base-year activity %s × peak/average %s / %s × 1.01 headroom × (1 − (%d − %d)/%s) (linear retirement)", f(a.x), f(peak), f(cau), y, Y0, f(life.x)), a, life)
	})
}

func (g *gen) regionElem() model.Elem {
	e, _ := g.m.Set("REGION").Lookup(Region)
	return e
}

func (g *gen) yearElem(y int) model.Elem {
	e, _ := g.m.Set("YEAR").Lookup(yr(y))
	return e
}
