package model

import (
	"math"
	"strconv"
)

// domain is the set of values a parameter accepts.
type domain struct {
	param string
	ok    func(v float64) bool
	want  string // "must be ..."
	err   error
}

func positive(v float64) bool    { return v > 0 }
func unit(v float64) bool        { return v >= 0 && v <= 1 }
func binary(v float64) bool      { return v == 0 || v == 1 }
func aboveMinus1(v float64) bool { return v > -1 }

// domains are the value checks made on every row (and on the default when a
// key takes it). Sources: the parameter declarations of osemosys.txt (binary,
// [0,1]) and the divisions it performs (FORMULATION.md §2).
var domains = []domain{
	{"OperationalLife", positive, "must be > 0 (years)", ErrDomain},
	{"CapacityToActivityUnit", positive, "must be > 0", ErrDomain},
	{"CapacityFactor", unit, "must be in [0,1]", ErrDomain},
	{"AvailabilityFactor", unit, "must be in [0,1]", ErrDomain},
	{"DiscountRate", func(v float64) bool { return v > -1 && v != 0 }, "must be > -1 and not 0 (PvAnnuity divides by it)", ErrDomain},
	{"DiscountRateIdv", func(v float64) bool { return v > -1 && v != 0 }, "must be > -1 and not 0 (CapitalRecoveryFactor divides by it)", ErrDomain},
	{"DiscountRateStorage", aboveMinus1, "must be > -1", ErrDomain},
	{"DepreciationMethod", func(v float64) bool { return v == 1 || v == 2 }, "must be 1 (sinking fund) or 2 (straight line)", ErrDomain},
	{"CapacityOfOneTechnologyUnit", func(v float64) bool { return v == 0 }, "must be 0: integer units make the model a MIP, which is not supported", ErrUnsupported},
	{"YearSplit", func(v float64) bool { return v >= 0 }, "must be >= 0", ErrDomain},
	{"RETagFuel", binary, "must be 0 or 1", ErrDomain},
	{"RETagTechnology", binary, "must be 0 or 1", ErrDomain},
	{"ReserveMarginTagFuel", binary, "must be 0 or 1", ErrDomain},
	{"ReserveMarginTagTechnology", unit, "must be in [0,1]", ErrDomain},
	{"Conversionls", binary, "must be 0 or 1", ErrDomain},
	{"Conversionld", binary, "must be 0 or 1", ErrDomain},
	{"Conversionlh", binary, "must be 0 or 1", ErrDomain},
	{"TradeRoute", binary, "must be 0 or 1", ErrDomain},
}

// Tolerances of the sum checks.
const (
	sumTol       = 1e-6   // YearSplit, SpecifiedDemandProfile: warn beyond this
	glpsolSumTol = 1.0001 // osemosys.txt's own YearSplit check (0.9999 ≤ Σ ≤ 1.0001)
)

// Validate checks m and returns every problem found: errors (the model is
// wrong or cannot be solved as OSeMOSYS would: values out of domain, the data
// checks of osemosys.txt, a technology that produces with no
// CapacityToActivityUnit) and warnings (the reference model would accept the
// data but it is probably a mistake: sums that are not 1 within 1e-6, a demand
// that nothing produces). Each names the file and line of the offending row
// when the loader recorded it. Both lists are sorted by position.
//
// Parse errors (unknown elements, wrong arity, duplicates, non-numbers) are
// found by the loaders, not here.
func Validate(m *Model) (errs, warnings ErrorList) {
	v := &validator{m: m}
	v.domains()
	v.nan()
	v.capacityToActivity()
	v.yearSplit()
	v.demandProfile()
	v.unproducedDemand()
	v.glpsolChecks()
	v.storageSets()
	v.errs.Sort()
	v.warns.Sort()
	return v.errs, v.warns
}

type validator struct {
	m           *Model
	errs, warns ErrorList
}

func (v *validator) errAt(p *Param, i int, sentinel error, format string, args ...any) {
	key, _ := p.Entry(i)
	v.errs.Add(Errorf(p.Pos(i), p.Format(key), sentinel, format, args...))
}

// at returns the position of key in p, or zero when it is not explicit.
func at(p *Param, key ...Elem) Pos {
	if i, ok := p.find(key); ok {
		return p.Pos(i)
	}
	return Pos{}
}

func (v *validator) domains() {
	for _, d := range domains {
		p := v.m.Param(d.param)
		if p == nil {
			continue
		}
		for i := range p.NumEntries() {
			_, x := p.Entry(i)
			if !d.ok(x) && !math.IsNaN(x) {
				v.errAt(p, i, d.err, "value %s %s", fmtFloat(x), d.want)
			}
		}
		// (CapacityToActivityUnit's default matters only for technologies
		// with activity ratios; capacityToActivity checks those.)
		if p.from == nil && p.NumEntries() < p.Size() && !d.ok(p.Default) && d.param != "CapacityToActivityUnit" {
			v.errs.Add(Errorf(Pos{}, p.Name, d.err, "default %s %s (%d of %d keys take it)",
				fmtFloat(p.Default), d.want, p.Size()-p.NumEntries(), p.Size()))
		}
	}
}

func (v *validator) nan() {
	for _, p := range v.m.params {
		for i := range p.NumEntries() {
			if _, x := p.Entry(i); math.IsNaN(x) || math.IsInf(x, 0) {
				v.errAt(p, i, ErrNotNumber, "value %s is not a finite number", fmtFloat(x))
			}
		}
	}
}

// capacityToActivity: a technology with an activity ratio needs
// CapacityToActivityUnit > 0 (explicit rows are checked by domains).
func (v *validator) capacityToActivity() {
	cau := v.m.Param("CapacityToActivityUnit")
	if cau == nil || cau.from != nil || cau.Default > 0 {
		return
	}
	seen := map[[2]Elem]bool{}
	for _, name := range []string{"OutputActivityRatio", "InputActivityRatio"} {
		p := v.m.Param(name)
		if p == nil || len(p.Indices) < 2 || p.Indices[0] != "REGION" || p.Indices[1] != "TECHNOLOGY" {
			continue
		}
		for i := range p.NumEntries() {
			key, x := p.Entry(i)
			rt := [2]Elem{key[0], key[1]}
			if x == 0 || seen[rt] {
				continue
			}
			seen[rt] = true
			if _, explicit := cau.Get(rt[0], rt[1]); explicit {
				continue
			}
			v.errs.Add(Errorf(p.Pos(i), cau.Format(rt[:]), ErrDomain,
				"technology has %s but CapacityToActivityUnit takes the default %s; it must be > 0", p.Format(key), fmtFloat(cau.Default)))
		}
	}
}

// sets3 returns the parameter when it exists with exactly the given index sets.
func (v *validator) param(name string, indices ...string) *Param {
	p := v.m.Param(name)
	if p == nil || len(p.Indices) != len(indices) {
		return nil
	}
	for i, s := range indices {
		if p.Indices[i] != s {
			return nil
		}
	}
	return p
}

// yearSplit: Σ_l YearSplit[l,y] = 1; osemosys.txt aborts outside [0.9999, 1.0001].
func (v *validator) yearSplit() {
	ys := v.param("YearSplit", "TIMESLICE", "YEAR")
	if ys == nil {
		return
	}
	L, Y := ys.sets[0].Len(), ys.sets[1].Len()
	if L == 0 {
		return
	}
	d := ys.Dense()
	for y := range Y {
		sum := 0.0
		for l := range L {
			sum += d[l*Y+y]
		}
		year := ys.sets[1].Elems[y]
		pos := v.firstPos(ys, 1, Elem(y))
		field := "YearSplit[*," + year + "]"
		switch {
		case sum < 2-glpsolSumTol || sum > glpsolSumTol:
			v.errs.Add(Errorf(pos, field, ErrInconsistent, "sums to %s over the timeslices, must be 1 (osemosys.txt accepts 0.9999 to 1.0001)", fmtFloat(sum)))
		case math.Abs(sum-1) > sumTol:
			v.warns.Add(Errorf(pos, field, ErrInconsistent, "sums to %s over the timeslices, not 1 within 1e-6", fmtFloat(sum)))
		}
	}
}

// firstPos returns the position of the first explicit entry whose index j is e.
func (v *validator) firstPos(p *Param, j int, e Elem) Pos {
	for i := range p.NumEntries() {
		if key, _ := p.Entry(i); key[j] == e {
			return p.Pos(i)
		}
	}
	return Pos{}
}

// demandProfile: Σ_l SpecifiedDemandProfile[r,f,l,y] = 1 where SpecifiedAnnualDemand[r,f,y] > 0.
func (v *validator) demandProfile() {
	sdp := v.param("SpecifiedDemandProfile", "REGION", "FUEL", "TIMESLICE", "YEAR")
	sad := v.param("SpecifiedAnnualDemand", "REGION", "FUEL", "YEAR")
	if sdp == nil || sad == nil {
		return
	}
	L, Y := sdp.sets[2].Len(), sdp.sets[3].Len()
	d := sdp.Dense()
	for i := range sad.NumEntries() {
		key, x := sad.Entry(i)
		if !(x > 0) {
			continue
		}
		r, f, y := int(key[0]), int(key[1]), int(key[2])
		F := sdp.sets[1].Len()
		sum := 0.0
		for l := range L {
			sum += d[((r*F+f)*L+l)*Y+y]
		}
		if math.Abs(sum-1) > sumTol {
			field := "SpecifiedDemandProfile[" + sdp.sets[0].Elems[r] + "," + sdp.sets[1].Elems[f] + ",*," + sdp.sets[3].Elems[y] + "]"
			v.warns.Add(Errorf(sad.Pos(i), field, ErrInconsistent, "sums to %s over the timeslices where %s = %s, not 1 within 1e-6",
				fmtFloat(sum), sad.Format(key), fmtFloat(x)))
		}
	}
}

// unproducedDemand: a fuel with demand in a year that no technology outputs.
// osemosys.txt then meets it at zero cost (FORMULATION.md §8.3), so it is a warning.
func (v *validator) unproducedDemand() {
	oar := v.param("OutputActivityRatio", "REGION", "TECHNOLOGY", "FUEL", "MODE_OF_OPERATION", "YEAR")
	if oar == nil {
		return
	}
	produced := map[[3]Elem]bool{}
	for i := range oar.NumEntries() {
		if key, x := oar.Entry(i); x != 0 {
			produced[[3]Elem{key[0], key[2], key[4]}] = true
		}
	}
	if oar.Default != 0 {
		return // every technology produces every fuel
	}
	for _, name := range []string{"SpecifiedAnnualDemand", "AccumulatedAnnualDemand"} {
		p := v.param(name, "REGION", "FUEL", "YEAR")
		if p == nil {
			continue
		}
		for i := range p.NumEntries() {
			key, x := p.Entry(i)
			if x > 0 && !produced[[3]Elem{key[0], key[1], key[2]}] {
				v.warns.Add(Errorf(p.Pos(i), p.Format(key), ErrInconsistent,
					"demand %s but no technology has an OutputActivityRatio for this fuel and year (osemosys.txt meets it at no cost)", fmtFloat(x)))
			}
		}
	}
}

// rty returns dense views of parameters indexed by REGION, TECHNOLOGY, YEAR.
func (v *validator) rty(names ...string) ([]*Param, bool) {
	out := make([]*Param, len(names))
	for i, n := range names {
		out[i] = v.param(n, "REGION", "TECHNOLOGY", "YEAR")
		if out[i] == nil {
			return nil, false
		}
	}
	return out, true
}

// glpsolChecks are the data checks of osemosys.txt (FORMULATION.md §2.3,
// numbers 1–5 and 7; 6 is yearSplit), evaluated on the values with defaults.
func (v *validator) glpsolChecks() {
	ps, ok := v.rty("TotalAnnualMaxCapacityInvestment", "TotalAnnualMinCapacityInvestment",
		"TotalTechnologyAnnualActivityUpperLimit", "TotalTechnologyAnnualActivityLowerLimit",
		"TotalAnnualMaxCapacity", "ResidualCapacity", "AvailabilityFactor")
	if !ok {
		return
	}
	maxInv, minInv, actUp, actLo, maxCap, resid, af := ps[0], ps[1], ps[2], ps[3], ps[4], ps[5], ps[6]
	R, T, Y := maxInv.sets[0].Len(), maxInv.sets[1].Len(), maxInv.sets[2].Len()
	dMaxInv, dMinInv, dUp, dLo := maxInv.Dense(), minInv.Dense(), actUp.Dense(), actLo.Dense()
	dMax, dRes, dAF := maxCap.Dense(), resid.Dense(), af.Dense()
	cau := v.param("CapacityToActivityUnit", "REGION", "TECHNOLOGY")
	cf := v.param("CapacityFactor", "REGION", "TECHNOLOGY", "TIMESLICE", "YEAR")
	ys := v.param("YearSplit", "TIMESLICE", "YEAR")
	var dCAU, dCF, dYS []float64
	L := 0
	if cau != nil && cf != nil && ys != nil {
		dCAU, dCF, dYS = cau.Dense(), cf.Dense(), ys.Dense()
		L = ys.sets[0].Len()
	}
	report := func(p *Param, key []Elem, format string, args ...any) {
		v.errs.Add(Errorf(at(p, key...), p.Format(key), ErrInconsistent, format, args...))
	}
	for r := range R {
		for t := range T {
			for y := range Y {
				i := (r*T+t)*Y + y
				key := []Elem{Elem(r), Elem(t), Elem(y)}
				if dMaxInv[i] != -1 && dMinInv[i] != 0 && dMaxInv[i] < dMinInv[i] {
					report(maxInv, key, "%s is below TotalAnnualMinCapacityInvestment %s", fmtFloat(dMaxInv[i]), fmtFloat(dMinInv[i]))
				}
				if dUp[i] != -1 && dUp[i] != 0 && dLo[i] != 0 && dUp[i] < dLo[i] {
					report(actUp, key, "%s is below TotalTechnologyAnnualActivityLowerLimit %s", fmtFloat(dUp[i]), fmtFloat(dLo[i]))
				}
				if dMax[i] != -1 && dRes[i] != 0 {
					if dMax[i] < dRes[i] {
						report(maxCap, key, "%s is below ResidualCapacity %s", fmtFloat(dMax[i]), fmtFloat(dRes[i]))
					} else if dMax[i] < dRes[i]+dMinInv[i] {
						report(maxCap, key, "%s is below ResidualCapacity %s + TotalAnnualMinCapacityInvestment %s",
							fmtFloat(dMax[i]), fmtFloat(dRes[i]), fmtFloat(dMinInv[i]))
					}
				}
				if dCAU != nil && dMax[i] != 0 && dMax[i] != -1 && dLo[i] != 0 && dAF[i] != 0 && dCAU[r*T+t] != 0 {
					sum := 0.0
					for l := range L {
						c, s := dCF[((r*T+t)*L+l)*Y+y], dYS[l*Y+y]
						if c != 0 && s != 0 {
							sum += c * s * dMax[i] * dAF[i] * dCAU[r*T+t]
						}
					}
					if sum < dLo[i] {
						report(actLo, key, "%s exceeds the most the technology can produce, %s (Σ CapacityFactor·YearSplit · TotalAnnualMaxCapacity · AvailabilityFactor · CapacityToActivityUnit)",
							fmtFloat(dLo[i]), fmtFloat(sum))
					}
				}
			}
		}
	}
	mpLo := v.param("TotalTechnologyModelPeriodActivityLowerLimit", "REGION", "TECHNOLOGY")
	if mpLo == nil {
		return
	}
	dMP := mpLo.Dense()
	for r := range R {
		for t := range T {
			if dMP[r*T+t] == 0 {
				continue
			}
			sum := 0.0
			for y := range Y {
				sum += dLo[(r*T+t)*Y+y]
			}
			if dMP[r*T+t] < sum {
				key := []Elem{Elem(r), Elem(t)}
				v.errs.Add(Errorf(at(mpLo, key...), mpLo.Format(key), ErrInconsistent,
					"%s is below the sum of TotalTechnologyAnnualActivityLowerLimit over the years, %s", fmtFloat(dMP[r*T+t]), fmtFloat(sum)))
			}
		}
	}
}

// storageSets: the storage equations use y-1, y+1, ls-1, ld-1, so with any
// storage the years, seasons and day types must be consecutive integers.
func (v *validator) storageSets() {
	st := v.m.Set("STORAGE")
	if st == nil || st.Len() == 0 {
		return
	}
	for _, name := range []string{"YEAR", "SEASON", "DAYTYPE"} {
		s := v.m.Set(name)
		if s == nil {
			continue
		}
		for i := 1; i < s.Len(); i++ {
			if s.Num(Elem(i)) != s.Num(Elem(i-1))+1 {
				v.errs.Add(Errorf(Pos{}, name, ErrInconsistent, "%s follows %s: with STORAGE the elements must be consecutive integers (the storage equations use %s-1 and %s+1)",
					strconv.Quote(s.Elems[i]), strconv.Quote(s.Elems[i-1]), name, name))
				break
			}
		}
	}
}
