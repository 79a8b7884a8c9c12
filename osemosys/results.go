package osemosys

import (
	"fmt"
	"math"
	"strings"

	"blueprint/lp"
	"blueprint/model"
	"blueprint/results"
)

// clean turns solver noise (|v| below 1e-10) into exact zeros.
func clean(v float64) float64 {
	if math.Abs(v) < 1e-10 {
		return 0
	}
	return v
}

// Results reads a solution of l back into the reference's result tables
// (otoole names and index columns), computed from the decision columns by
// the same equations osemosys.txt uses for its accounting variables, plus
// CarbonPrice (see [LP.CarbonPrice]), and Blueprint's early-retirement
// tables RetiredCapacity, StrandedCost and DiscountedStrandedCost (always
// present, empty when nothing retires; see the package documentation).
// Only non-zero rows are kept. Units come from the model's declared units.
func (l *LP) Results(sol *lp.Solution) (*results.Results, error) {
	if sol == nil || len(sol.X) != l.Problem.NumCols() {
		return nil, fmt.Errorf("osemosys: solution does not match the LP (%d columns)", l.Problem.NumCols())
	}
	d := l.d
	m := d.m
	R, T, F, E, M, L, Y, S := d.n[setR], d.n[setT], d.n[setF], d.n[setE], d.n[setM], d.n[setL], d.n[setY], d.n[setS]
	p := d.p
	ys := p["YearSplit"]
	oar, iar, ear := p["OutputActivityRatio"], p["InputActivityRatio"], p["EmissionActivityRatio"]
	vc, fc, cc := p["VariableCost"], p["FixedCost"], p["CapitalCost"]
	res, ol, dm := p["ResidualCapacity"], p["OperationalLife"], p["DepreciationMethod"]
	ep := p["EmissionsPenalty"]
	sad, prof := p["SpecifiedAnnualDemand"], p["SpecifiedDemandProfile"]
	x := sol.X
	el := func(set, i int) string { return d.sets[set].Elems[i] }
	u := m.Units
	unit := func(expr string) string { return u.Resolve(expr) }

	tab := func(name, unitExpr string, sets ...int) *results.Table {
		t := &results.Table{Name: name, Unit: unit(unitExpr)}
		for _, s := range sets {
			t.Indices = append(t.Indices, setNames[s])
			// Emissions with a unit of their own (a pseudo-emission
			// counting energy) carry it row by row.
			if s == setE && len(u.Emission) > 0 && strings.Contains(unitExpr, "Emissions") {
				t.UnitBy, t.Units = setNames[s], map[string]string{}
				for e := range u.Emission {
					t.Units[e] = u.ResolveFor(unitExpr, e)
				}
			}
		}
		return t
	}
	val := func(j int32) float64 {
		if j < 0 {
			return 0
		}
		return x[j]
	}
	roa := func(r, l2, t, mo, y int) float64 { return val(l.roa[l.roaIdx(r, l2, t, mo, y)]) }

	newCap := tab("NewCapacity", "Power", setR, setT, setY)
	accCap := tab("AccumulatedNewCapacity", "Power", setR, setT, setY)
	totCap := tab("TotalCapacityAnnual", "Power", setR, setT, setY)
	rate := tab("RateOfActivity", "Energy", setR, setL, setT, setM, setY)
	annAct := tab("TotalTechnologyAnnualActivity", "Energy", setR, setT, setY)
	prodTS := tab("ProductionByTechnology", "Energy", setR, setL, setT, setF, setY)
	prodAnn := tab("ProductionByTechnologyAnnual", "Energy", setR, setT, setF, setY)
	useTS := tab("UseByTechnology", "Energy", setR, setL, setT, setF, setY)
	// The timeslice tables are the big ones: size them for one row per
	// activity column (what most rows of an optimum are) so that they do
	// not grow by copying.
	nroa := 0
	for _, j := range l.roa {
		if j >= 0 {
			nroa++
		}
	}
	for _, t := range []*results.Table{rate, prodTS, useTS} {
		t.Keys = make([]string, 0, nroa*len(t.Indices))
		t.Values = make([]float64, 0, nroa)
	}
	useAnn := tab("UseByTechnologyAnnual", "Energy", setR, setT, setF, setY)
	demand := tab("Demand", "Energy", setR, setL, setF, setY)
	annEm := tab("AnnualEmissions", "Emissions", setR, setE, setY)
	techEm := tab("AnnualTechnologyEmission", "Emissions", setR, setT, setE, setY)
	capInv := tab("CapitalInvestment", "Money", setR, setT, setY)
	fixOp := tab("AnnualFixedOperatingCost", "Money", setR, setT, setY)
	varOp := tab("AnnualVariableOperatingCost", "Money", setR, setT, setY)
	salv := tab("SalvageValue", "Money", setR, setT, setY)
	dsalv := tab("DiscountedSalvageValue", "Money", setR, setT, setY)
	tdc := tab("TotalDiscountedCost", "Money", setR, setY)
	penalty := tab("AnnualTechnologyEmissionsPenalty", "Money", setR, setT, setY)
	price := tab("CarbonPrice", "Money/Emissions", setR, setE, setY)
	slys := tab("StorageLevelYearStart", "Energy", setR, setS, setY)
	nsc := tab("NewStorageCapacity", "Energy", setR, setS, setY)
	trade := tab("Trade", "Energy", setR, setR, setL, setF, setY)
	retired := tab("RetiredCapacity", "Power", setR, setT, setY)
	stranded := tab("StrandedCost", "Money", setR, setT, setY)
	dstranded := tab("DiscountedStrandedCost", "Money", setR, setT, setY)

	put := func(t *results.Table, v float64, key ...string) {
		if v = clean(v); v != 0 {
			t.Append(v, key...)
		}
	}
	for r := 0; r < R; r++ {
		rate0 := d.dr[r]
		salvDisc := math.Pow(1+rate0, d.yn-d.y0+1)
		tdcY := make([]float64, Y)
		emY := make([]float64, E*Y)
		// The fuels each technology produces or uses in some mode and year:
		// the production and use tables skip the others (most of F).
		techFuels := make([][]int, T)
		for t := 0; t < T; t++ {
			for f := 0; f < F; f++ {
			scan:
				for y := 0; y < Y; y++ {
					for mo := 0; mo < M; mo++ {
						if oar.at5(r, t, f, mo, y) != 0 || iar.at5(r, t, f, mo, y) != 0 {
							techFuels[t] = append(techFuels[t], f)
							break scan
						}
					}
				}
			}
		}
		for t := 0; t < T; t++ {
			life := ol.at2(r, t)
			rt := l.retTechOf(r, t)
			if rt != nil {
				l.retirementTables(rt, x, tdcY, retired, stranded, dstranded)
			}
			for y := 0; y < Y; y++ {
				k := l.rtyIdx(r, t, y)
				ncv, tcv := val(l.nc[k]), val(l.tca[k])
				put(newCap, ncv, el(setR, r), el(setT, t), el(setY, y))
				residual, salvaged := res.at3(r, t, y), ncv
				if rt != nil {
					// capacity that may retire early: what survives counts
					residual, salvaged = rt.survivingResidual(x, y), l.atEnd(rt, x, y)
				}
				put(accCap, tcv-residual, el(setR, r), el(setT, t), el(setY, y))
				put(totCap, tcv, el(setR, r), el(setT, t), el(setY, y))
				unitCI := cc.at3(r, t, y) * d.crf[r][t] * d.pva[r][t]
				ci := unitCI * ncv
				sv := unitCI * salvaged * salvageShare(dm.at1(r), rate0, life, d.year[y], d.yn)
				put(capInv, ci, el(setR, r), el(setT, t), el(setY, y))
				put(salv, sv, el(setR, r), el(setT, t), el(setY, y))
				put(dsalv, sv/salvDisc, el(setR, r), el(setT, t), el(setY, y))
				fixed := fc.at3(r, t, y) * tcv
				put(fixOp, fixed, el(setR, r), el(setT, t), el(setY, y))

				act, variable, pen := 0.0, 0.0, 0.0
				vcSum := 0.0
				for mo := 0; mo < M; mo++ {
					vcSum += vc.at4(r, t, mo, y)
				}
				for mo := 0; mo < M; mo++ {
					annual := 0.0
					for l2 := 0; l2 < L; l2++ {
						v := roa(r, l2, t, mo, y)
						put(rate, v, el(setR, r), el(setL, l2), el(setT, t), el(setM, mo), el(setY, y))
						annual += v * ys.at2(l2, y)
					}
					act += annual
					if vcSum != 0 {
						variable += vc.at4(r, t, mo, y) * annual
					}
				}
				put(annAct, act, el(setR, r), el(setT, t), el(setY, y))
				put(varOp, variable, el(setR, r), el(setT, t), el(setY, y))
				for e := 0; e < E; e++ {
					em := 0.0
					for mo := 0; mo < M; mo++ {
						a := ear.at5(r, t, e, mo, y)
						if a == 0 {
							continue
						}
						for l2 := 0; l2 < L; l2++ {
							em += a * roa(r, l2, t, mo, y) * ys.at2(l2, y)
						}
					}
					put(techEm, em, el(setR, r), el(setT, t), el(setE, e), el(setY, y))
					emY[e*Y+y] += em
					if v := ep.at3(r, e, y); v != 0 {
						pen += em * v
					}
				}
				put(penalty, pen, el(setR, r), el(setT, t), el(setY, y))
				tdcY[y] += ci/d.df[r][y] + (fixed+variable+pen)/d.dfm[r][y] - sv/salvDisc
				for _, f := range techFuels[t] {
					pAnn, uAnn := 0.0, 0.0
					sumI := 0.0
					for mo := 0; mo < M; mo++ {
						sumI += iar.at5(r, t, f, mo, y)
					}
					for l2 := 0; l2 < L; l2++ {
						pv, uv := 0.0, 0.0
						for mo := 0; mo < M; mo++ {
							a := roa(r, l2, t, mo, y)
							if a == 0 {
								continue
							}
							pv += a * oar.at5(r, t, f, mo, y)
							if sumI != 0 {
								uv += a * iar.at5(r, t, f, mo, y)
							}
						}
						w := ys.at2(l2, y)
						put(prodTS, pv*w, el(setR, r), el(setL, l2), el(setT, t), el(setF, f), el(setY, y))
						put(useTS, uv*w, el(setR, r), el(setL, l2), el(setT, t), el(setF, f), el(setY, y))
						pAnn += pv * w
						uAnn += uv * w
					}
					put(prodAnn, pAnn, el(setR, r), el(setT, t), el(setF, f), el(setY, y))
					put(useAnn, uAnn, el(setR, r), el(setT, t), el(setF, f), el(setY, y))
				}
			}
		}
		for f := 0; f < F; f++ {
			for y := 0; y < Y; y++ {
				if v := sad.at3(r, f, y); v != 0 {
					for l2 := 0; l2 < L; l2++ {
						put(demand, v*prof.at4(r, f, l2, y), el(setR, r), el(setL, l2), el(setF, f), el(setY, y))
					}
				}
			}
		}
		for e := 0; e < E; e++ {
			for y := 0; y < Y; y++ {
				put(annEm, emY[e*Y+y], el(setR, r), el(setE, e), el(setY, y))
			}
		}
		if S > 0 {
			ccs, drs, ols := p["CapitalCostStorage"], p["DiscountRateStorage"], p["OperationalLifeStorage"]
			for s := 0; s < S; s++ {
				rs := drs.at2(r, s)
				sd := math.Pow(1+rs, d.yn-d.y0+1)
				for y := 0; y < Y; y++ {
					k := (r*S+s)*Y + y
					put(slys, val(l.sto[cStorageLevelYearStart][k]), el(setR, r), el(setS, s), el(setY, y))
					n := val(l.sto[cNewStorageCapacity][k])
					put(nsc, n, el(setR, r), el(setS, s), el(setY, y))
					ci := ccs.at3(r, s, y) * n
					sv := ci * salvageShare(dm.at1(r), rs, ols.at2(r, s), d.year[y], d.yn)
					tdcY[y] += ci/math.Pow(1+rs, d.year[y]-d.y0) - sv/sd
				}
			}
		}
		for y := 0; y < Y; y++ {
			put(tdc, tdcY[y], el(setR, r), el(setY, y))
		}
	}
	for j := range l.colFam {
		if l.colFam[j] == cTrade {
			var buf [8]int
			idx := l.decode(colFams[cTrade], l.colKey[j], buf[:0])
			put(trade, x[j], el(setR, idx[0]), el(setR, idx[1]), el(setL, idx[2]), el(setF, idx[3]), el(setY, idx[4]))
		}
	}
	for _, pr := range l.CarbonPrice(sol) {
		if pr.Value = clean(pr.Value); pr.Value != 0 {
			price.Append(pr.Value, pr.Region, pr.Emission, pr.Year)
		}
	}
	status := sol.Status.String()
	return &results.Results{
		Model: m.Name, Status: status, Objective: sol.Objective,
		Tables: []*results.Table{newCap, accCap, totCap, rate, annAct, prodTS, prodAnn, useTS, useAnn, demand,
			annEm, techEm, capInv, fixOp, varOp, salv, dsalv, penalty, tdc, price, slys, nsc, trade,
			retired, stranded, dstranded},
	}, nil
}

// Model returns the model the LP was built from.
func (l *LP) Model() *model.Model { return l.d.m }
