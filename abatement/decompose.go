package abatement

import (
	"fmt"
	"sort"
	"strings"

	"blueprint/results"
)

// DecomposeOptions control [Decompose].
type DecomposeOptions struct {
	// Emission is the emission decomposed; "" means CO2.
	Emission string
	// From and To are the base and final years.
	From, To string
	// Activity, when not nil, gives each sector's activity by year
	// (Activity[sector][year], e.g. value added) instead of the default
	// derived from the results; every sector of the results must have a
	// value in both years.
	Activity map[string]map[string]float64
}

// Decomposed is [Decompose]'s answer: the LMDI decomposition with the data
// it was computed from.
type Decomposed struct {
	*Decomposition
	// Emission, From and To are what was decomposed; Unit is the
	// emission unit, EnergyUnit that of energy use.
	Emission, From, To string
	Unit, EnergyUnit   string
	// Fuels are the fuels of Base and Final's energy and emission arrays.
	Fuels []string
	// Data holds the LMDI inputs of the two years (see [Period]).
	Data [2]Period
}

// Decompose splits the change in emissions of a solved model between two
// years into activity, structure, intensity, fuel-mix and emission-factor
// effects by sector, with [LMDI]. The inputs are derived from the result
// tables, summed over regions, with each technology in its sector
// (results.Results.GroupOf; a model without groups makes each technology
// its own sector):
//
//   - Energy use E_ij: UseByTechnologyAnnual of fuel j by the sector's
//     technologies. A technology that uses no fuel (an import, extraction or
//     renewable source) counts its output (ProductionByTechnologyAnnual)
//     as its energy: it supplies primary energy.
//   - Emissions C_ij: a technology's AnnualTechnologyEmission split over
//     the fuels it uses in proportion to their use (OSeMOSYS ties emissions
//     to activity, not to a fuel, so with several input fuels the energy
//     share is the emission share), or over its outputs in proportion to
//     production when it uses none (so UTOPIA's import technologies carry
//     the CO2 of the fuels they import).
//   - Activity Q_i: the sector's production of demand fuels (fuels in the
//     Demand table), its delivered service; a sector that delivers no
//     demand fuel in either year counts its total production. Service
//     units differ across sectors (vehicle-km, heat), so the structure
//     effect is only meaningful when they are commensurable; give
//     Activity (e.g. value added) otherwise.
func Decompose(r *results.Results, opt DecomposeOptions) (*Decomposed, error) {
	em := opt.Emission
	if em == "" {
		em = "CO2"
	}
	use, prod, temit := r.Table("UseByTechnologyAnnual"), r.Table("ProductionByTechnologyAnnual"), r.Table("AnnualTechnologyEmission")
	if use == nil || prod == nil || temit == nil {
		return nil, fmt.Errorf("the results lack UseByTechnologyAnnual, ProductionByTechnologyAnnual or AnnualTechnologyEmission")
	}
	if len(emissionsOf(r)) > 0 && !contains(emissionsOf(r), em) {
		return nil, fmt.Errorf("emission %q is not in the results (emissions: %s)", em, strings.Join(emissionsOf(r), ", "))
	}
	years := yearsOf(use, prod, temit, r.Table("AnnualEmissions"))
	for _, y := range []struct{ name, v string }{{"from", opt.From}, {"to", opt.To}} {
		if !contains(years, y.v) {
			span := "none"
			if len(years) > 0 {
				span = years[0] + "–" + years[len(years)-1]
			}
			return nil, fmt.Errorf("%s year %q is not a year of the results (%s)", y.name, y.v, span)
		}
	}
	yk := map[string]int{opt.From: 0, opt.To: 1}
	if opt.From == opt.To {
		return nil, fmt.Errorf("from and to are the same year %s", opt.From)
	}

	demandFuels := map[string]bool{}
	if d := r.Table("Demand"); d != nil {
		if fi := col(d, "FUEL"); fi >= 0 {
			for i := 0; i < d.Len(); i++ {
				if d.Values[i] != 0 {
					demandFuels[d.Key(i)[fi]] = true
				}
			}
		}
	}

	// flows[t][k] is technology t's use (or production) of each fuel in
	// year k.
	type flows struct {
		use, prod [2]map[string]float64
		emit      [2]float64
	}
	techs := map[string]*flows{}
	fuelSet := map[string]bool{}
	get := func(t string) *flows {
		f := techs[t]
		if f == nil {
			f = &flows{}
			for k := 0; k < 2; k++ {
				f.use[k], f.prod[k] = map[string]float64{}, map[string]float64{}
			}
			techs[t] = f
		}
		return f
	}
	for _, tb := range []*results.Table{use, prod} {
		ti, fi, yi := col(tb, "TECHNOLOGY"), col(tb, "FUEL"), col(tb, "YEAR")
		if ti < 0 || fi < 0 || yi < 0 {
			return nil, fmt.Errorf("%s lacks TECHNOLOGY, FUEL or YEAR", tb.Name)
		}
		for i := 0; i < tb.Len(); i++ {
			kk := tb.Key(i)
			k, ok := yk[kk[yi]]
			if !ok || tb.Values[i] == 0 {
				continue
			}
			f := get(kk[ti])
			m := f.prod[k]
			if tb == use {
				m = f.use[k]
			}
			m[kk[fi]] += tb.Values[i]
		}
	}
	ti, ei, yi := col(temit, "TECHNOLOGY"), col(temit, "EMISSION"), col(temit, "YEAR")
	if ti < 0 || ei < 0 || yi < 0 {
		return nil, fmt.Errorf("AnnualTechnologyEmission lacks TECHNOLOGY, EMISSION or YEAR")
	}
	for i := 0; i < temit.Len(); i++ {
		kk := temit.Key(i)
		if k, ok := yk[kk[yi]]; ok && kk[ei] == em && temit.Values[i] != 0 {
			get(kk[ti]).emit[k] += temit.Values[i]
		}
	}

	names := make([]string, 0, len(techs))
	for t := range techs {
		names = append(names, t)
	}
	sort.Strings(names)
	// energy returns the flows that count as t's energy use in year k: its
	// inputs, or its outputs when it has none.
	energy := func(f *flows, k int) (src map[string]float64, tot float64) {
		for _, v := range f.use[k] {
			tot += v
		}
		if tot > 0 {
			return f.use[k], tot
		}
		for _, v := range f.prod[k] {
			tot += v
		}
		return f.prod[k], tot
	}
	for _, t := range names {
		for k := 0; k < 2; k++ {
			src, _ := energy(techs[t], k)
			for fuel := range src {
				fuelSet[fuel] = true
			}
		}
	}
	fuels := make([]string, 0, len(fuelSet))
	for f := range fuelSet {
		fuels = append(fuels, f)
	}
	sort.Strings(fuels)
	fIdx := map[string]int{}
	for j, f := range fuels {
		fIdx[f] = j
	}
	secSet := map[string]bool{}
	for _, t := range names {
		secSet[r.GroupOf(t).Sector] = true
	}
	sectors := make([]string, 0, len(secSet))
	for s := range secSet {
		sectors = append(sectors, s)
	}
	sort.Strings(sectors)
	sIdx := map[string]int{}
	for i, s := range sectors {
		sIdx[s] = i
	}
	S, F := len(sectors), len(fuels)
	var data [2]Period
	var service, output [2][]float64
	for k := 0; k < 2; k++ {
		data[k] = Period{Activity: make([]float64, S), Energy: make([]float64, S*F), Emissions: make([]float64, S*F)}
		service[k], output[k] = make([]float64, S), make([]float64, S)
	}
	for _, t := range names {
		f := techs[t]
		i := sIdx[r.GroupOf(t).Sector]
		for k := 0; k < 2; k++ {
			src, tot := energy(f, k)
			if f.emit[k] > 0 && tot <= 0 {
				return nil, fmt.Errorf("technology %s emits %v of %s in %s but neither uses nor produces a fuel", t, f.emit[k], em, [2]string{opt.From, opt.To}[k])
			}
			for fuel, v := range src {
				j := fIdx[fuel]
				data[k].Energy[i*F+j] += v
				if f.emit[k] != 0 {
					data[k].Emissions[i*F+j] += f.emit[k] * v / tot
				}
			}
			for fuel, v := range f.prod[k] {
				output[k][i] += v
				if demandFuels[fuel] {
					service[k][i] += v
				}
			}
		}
	}
	for i, s := range sectors {
		for k := 0; k < 2; k++ {
			if opt.Activity != nil {
				v, ok := opt.Activity[s][[2]string{opt.From, opt.To}[k]]
				if !ok {
					return nil, fmt.Errorf("activity: no value for sector %s in %s", s, [2]string{opt.From, opt.To}[k])
				}
				data[k].Activity[i] = v
				continue
			}
			if service[0][i] > 0 || service[1][i] > 0 {
				data[k].Activity[i] = service[k][i]
			} else {
				data[k].Activity[i] = output[k][i]
			}
		}
	}
	d, err := LMDI(sectors, fuels, data[0], data[1])
	if err != nil {
		return nil, err
	}
	out := &Decomposed{Decomposition: d, Emission: em, From: opt.From, To: opt.To, Unit: temit.Unit, EnergyUnit: use.Unit, Fuels: fuels, Data: data}
	return out, nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// yearsOf returns the distinct YEAR values of the tables, in order.
func yearsOf(ts ...*results.Table) []string {
	set := map[string]bool{}
	for _, t := range ts {
		if t == nil {
			continue
		}
		if yi := col(t, "YEAR"); yi >= 0 {
			for i := 0; i < t.Len(); i++ {
				set[t.Key(i)[yi]] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for y := range set {
		out = append(out, y)
	}
	sort.Slice(out, func(i, j int) bool { return yearLess(out[i], out[j]) })
	return out
}
