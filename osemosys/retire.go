package osemosys

import (
	"math"

	"blueprint/model"
	"blueprint/results"
)

// retTech holds the early-retirement columns of one technology whose
// EarlyRetirementAllowed is 1 (see the package documentation, "Early
// retirement"). Column indices are -1 where a column is absent.
type retTech struct {
	r, t int
	surv []int32 // SurvivingResidualCapacity[y]: only where ResidualCapacity > 0
	ret  []int32 // RetiredResidualCapacity[y]: only where a RetirementCost is paid
	vint []int32 // SurvivingNewCapacity[v*Y+y], v < y inside the vintage's life
}

// checkRetirement rejects early-retirement data the formulation cannot
// take: EarlyRetirementAllowed other than 0 or 1, a negative
// RetirementCost (a reward for retiring would make retirement unbounded),
// and a negative ResidualCapacity of a technology allowed to retire.
func checkRetirement(m *model.Model, d *data) error {
	era := m.Param("EarlyRetirementAllowed")
	if era == nil {
		return nil
	}
	if v := era.Default; v != 0 && v != 1 {
		return model.Errorf(model.Pos{}, "EarlyRetirementAllowed", model.ErrDomain, "default %v must be 0 or 1", v)
	}
	for i := 0; i < era.NumEntries(); i++ {
		if key, v := era.Entry(i); v != 0 && v != 1 {
			return model.Errorf(era.Pos(i), era.Format(key), model.ErrDomain, "%v must be 0 or 1", v)
		}
	}
	if rc := m.Param("RetirementCost"); rc != nil {
		if rc.Default < 0 {
			return model.Errorf(model.Pos{}, "RetirementCost", model.ErrDomain, "default %v must be >= 0", rc.Default)
		}
		for i := 0; i < rc.NumEntries(); i++ {
			if key, v := rc.Entry(i); v < 0 {
				return model.Errorf(rc.Pos(i), rc.Format(key), model.ErrDomain, "%v must be >= 0 (a reward for retiring makes retirement unbounded)", v)
			}
		}
	}
	if !d.retire {
		return nil
	}
	res := m.Param("ResidualCapacity")
	allowed := d.p["EarlyRetirementAllowed"]
	for i := 0; res != nil && i < res.NumEntries(); i++ {
		key, v := res.Entry(i)
		if v < 0 && allowed.at2(int(key[0]), int(key[1])) != 0 {
			return model.Errorf(res.Pos(i), res.Format(key), model.ErrDomain,
				"%v is negative, but EarlyRetirementAllowed is 1 for this technology: residual capacity that may retire must be >= 0", v)
		}
	}
	return nil
}

// retire writes the capacity block of a technology allowed to retire early,
// in place of CAa1: survival columns for the residual capacity and for each
// vintage of NewCapacity, the rows that keep them from coming back, and
// CAa1 with the surviving capacity (see the package documentation).
func (g *gen) retire(r, t int) {
	d := g.d
	T, Y := d.n[setT], d.n[setY]
	p := d.p
	res, ol, rc := p["ResidualCapacity"], p["OperationalLife"], p["RetirementCost"]
	cc, dm := p["CapitalCost"], p["DepreciationMethod"]
	minInv, maxInv := p["TotalAnnualMinCapacityInvestment"], p["TotalAnnualMaxCapacityInvestment"]
	life := ol.at2(r, t)
	rate := d.dr[r]
	salvDisc := math.Pow(1+rate, d.yn-d.y0+1)
	if g.retOf == nil {
		g.retOf = fill(d.n[setR] * T)
	}
	rt := retTech{r: r, t: t, surv: fill(Y), ret: fill(Y), vint: fill(Y * Y)}
	// cost of retiring one unit in year y, discounted like capital
	cost := func(y int) float64 { return rc.at3(r, t, y) / d.df[r][y] }
	alive := func(v, y int) bool { return d.year[y]-d.year[v] < life }

	// Residual capacity: surviving part within the exogenous profile, and
	// the retirement paid for where RetirementCost > 0.
	for y := 0; y < Y; y++ {
		if rv := res.at3(r, t, y); rv > 0 {
			rt.surv[y] = g.addCol(cSurvivingResidualCapacity, 0, rv, 0, r, t, y)
		}
	}
	for y := 0; y < Y; y++ {
		if rt.surv[y] >= 0 && rc.at3(r, t, y) > 0 {
			rt.ret[y] = g.addCol(cRetiredResidualCapacity, 0, res.at3(r, t, y), cost(y), r, t, y)
		}
	}
	// Vintages: SurvivingNewCapacity[v,y] for the years after v within the
	// operational life. The salvage value moves from NewCapacity to the
	// vintage's capacity surviving in the last year, and each unit retired
	// in year y costs RetirementCost[y]: retired(v,y) = surviving(v,y-1) -
	// surviving(v,y), so the cost enters both columns.
	for v := 0; v < Y; v++ {
		nc := g.nc[g.rtyIdx(r, t, v)]
		if _, hi := ncBounds(minInv, maxInv, cc, r, t, v); hi <= 0 || !alive(v, v) || v == Y-1 || !alive(v, v+1) {
			continue // no capacity of this vintage can be retired early
		}
		ci := cc.at3(r, t, v) * d.crf[r][t] * d.pva[r][t]
		salvage := ci * salvageShare(dm.at1(r), rate, life, d.year[v], d.yn) / salvDisc
		ncObj := ci/d.df[r][v] + cost(v+1)
		for y := v + 1; y < Y && alive(v, y); y++ {
			obj := -cost(y)
			if y+1 < Y && alive(v, y+1) {
				obj += cost(y + 1)
			}
			if y == Y-1 {
				obj -= salvage
			}
			rt.vint[v*Y+y] = g.addCol(cSurvivingNewCapacity, 0, inf, obj, r, t, v, y)
		}
		if rt.vint[v*Y+Y-1] < 0 {
			ncObj -= salvage // ends inside the horizon: salvage is 0 anyway
		}
		g.b.SetObj(nc, ncObj)
	}

	// CAa1: TotalCapacityAnnual = surviving residual + new capacity of the
	// year + surviving capacity of earlier vintages.
	for y := 0; y < Y; y++ {
		g.startRow(rCAa1, 0, 0, r, t, y)
		g.b.Add(g.tca[g.rtyIdx(r, t, y)], 1)
		for v := 0; v < y; v++ {
			if j := rt.vint[v*Y+y]; j >= 0 {
				g.b.Add(j, -1)
			}
		}
		if alive(y, y) {
			g.b.Add(g.nc[g.rtyIdx(r, t, y)], -1)
		}
		if j := rt.surv[y]; j >= 0 {
			g.b.Add(j, -1)
		}
	}
	// RET1: surviving residual capacity never grows by more than the
	// profile's own additions.
	for y := 1; y < Y; y++ {
		if rt.surv[y] < 0 || rt.surv[y-1] < 0 {
			continue
		}
		g.startRow(rRET1, -inf, math.Max(0, res.at3(r, t, y)-res.at3(r, t, y-1)), r, t, y)
		g.b.Add(rt.surv[y], 1)
		g.b.Add(rt.surv[y-1], -1)
	}
	// RET2: retired residual capacity >= growth of the gap
	// ResidualCapacity - SurvivingResidualCapacity since the year before.
	for y := 0; y < Y; y++ {
		if rt.ret[y] < 0 {
			continue
		}
		prev := 0.0
		if y > 0 {
			prev = res.at3(r, t, y-1)
		}
		g.startRow(rRET2, -inf, prev-res.at3(r, t, y), r, t, y)
		g.b.Add(rt.surv[y], -1)
		if y > 0 && rt.surv[y-1] >= 0 {
			g.b.Add(rt.surv[y-1], 1)
		}
		g.b.Add(rt.ret[y], -1)
	}
	// RET3: a vintage's surviving capacity never grows.
	for v := 0; v < Y; v++ {
		prev := g.nc[g.rtyIdx(r, t, v)]
		for y := v + 1; y < Y; y++ {
			j := rt.vint[v*Y+y]
			if j < 0 {
				break
			}
			g.startRow(rRET3, -inf, 0, r, t, v, y)
			g.b.Add(j, 1)
			g.b.Add(prev, -1)
			prev = j
		}
	}
	g.retOf[r*T+t] = int32(len(g.ret))
	g.ret = append(g.ret, rt)
}

// retTechOf returns the early-retirement block of (r, t), or nil.
func (l *LP) retTechOf(r, t int) *retTech {
	if l.retOf == nil || l.retOf[r*l.d.n[setT]+t] < 0 {
		return nil
	}
	return &l.ret[l.retOf[r*l.d.n[setT]+t]]
}

// colVal returns the value of column j in x, 0 when j < 0.
func colVal(x []float64, j int32) float64 {
	if j < 0 {
		return 0
	}
	return x[j]
}

// survivingResidual returns SurvivingResidualCapacity[y].
func (rt *retTech) survivingResidual(x []float64, y int) float64 { return colVal(x, rt.surv[y]) }

// atEnd returns the capacity of vintage v that earns salvage: its surviving
// capacity in the last year, or NewCapacity when it has no survival columns.
func (l *LP) atEnd(rt *retTech, x []float64, v int) float64 {
	Y := l.d.n[setY]
	if j := rt.vint[v*Y+Y-1]; j >= 0 {
		return x[j]
	}
	return colVal(x, l.nc[l.rtyIdx(rt.r, rt.t, v)])
}

// retiredVintage returns the capacity of vintage v retired in year y > v:
// its surviving capacity in the year before minus the one in y.
func (l *LP) retiredVintage(rt *retTech, x []float64, v, y int) float64 {
	Y := l.d.n[setY]
	j := rt.vint[v*Y+y]
	if j < 0 {
		return 0
	}
	prev := l.nc[l.rtyIdx(rt.r, rt.t, v)]
	if y-1 > v {
		prev = rt.vint[v*Y+y-1]
	}
	return math.Max(0, clean(x[prev]-x[j]))
}

// retiredResidual returns the residual capacity retired in year y: the
// growth of the gap ResidualCapacity - SurvivingResidualCapacity since the
// year before (the least retirement that yields the surviving path).
func (l *LP) retiredResidual(rt *retTech, x []float64, y int) float64 {
	res := l.d.p["ResidualCapacity"]
	gap := func(y int) float64 {
		if y < 0 {
			return 0
		}
		return res.at3(rt.r, rt.t, y) - rt.survivingResidual(x, y)
	}
	return math.Max(0, clean(gap(y)-gap(y-1)))
}

// residualLife returns the remaining life, for valuing a retirement, of
// the residual capacity existing in year y: the area under the
// ResidualCapacity profile from y to the end of the horizon divided by its
// height in y, at most OperationalLife.
func (d *data) residualLife(r, t, y int) float64 {
	res := d.p["ResidualCapacity"]
	h := res.at3(r, t, y)
	if h <= 0 {
		return 0
	}
	area := 0.0
	Y := d.n[setY]
	for z := y; z < Y; z++ {
		step := 1.0
		if z+1 < Y {
			step = d.year[z+1] - d.year[z]
		}
		area += res.at3(r, t, z) * step
	}
	return math.Min(area/h, d.p["OperationalLife"].at2(r, t))
}

// retirementTables fills RetiredCapacity, StrandedCost and
// DiscountedStrandedCost for one technology allowed to retire early and
// adds its retirement costs to tdcY, the region's TotalDiscountedCost by
// year.
func (l *LP) retirementTables(rt *retTech, x []float64, tdcY []float64, retired, stranded, dstranded *results.Table) {
	d := l.d
	Y := d.n[setY]
	r, t := rt.r, rt.t
	p := d.p
	cc, dm, rc := p["CapitalCost"], p["DepreciationMethod"], p["RetirementCost"]
	life := p["OperationalLife"].at2(r, t)
	rate := d.dr[r]
	unit := d.crf[r][t] * d.pva[r][t] // capital recovery and annuity, as for CapitalInvestment
	key := func(y int) []string {
		return []string{d.sets[setR].Elems[r], d.sets[setT].Elems[t], d.sets[setY].Elems[y]}
	}
	put := func(tab *results.Table, v float64, y int) {
		if v = clean(v); v != 0 {
			tab.Append(v, key(y)...)
		}
	}
	for y := 0; y < Y; y++ {
		yv := d.year[y]
		q := l.retiredResidual(rt, x, y)
		// Residual capacity: valued at the capital cost of the retirement
		// year, depreciated over the life it has used (see residualLife).
		n := d.residualLife(r, t, y)
		value := q * cc.at3(r, t, y) * unit * salvageShare(dm.at1(r), rate, life, yv-(life-n), yv-1)
		paid := colVal(x, rt.ret[y]) // the LP's RetiredResidualCapacity, where paid for
		for v := 0; v < y; v++ {
			qv := l.retiredVintage(rt, x, v, y)
			if qv == 0 {
				continue
			}
			q += qv
			paid += qv
			value += qv * cc.at3(r, t, v) * unit * salvageShare(dm.at1(r), rate, life, d.year[v], yv-1)
		}
		put(retired, q, y)
		put(stranded, value, y)
		put(dstranded, value/d.df[r][y], y)
		tdcY[y] += rc.at3(r, t, y) * paid / d.df[r][y]
	}
}
