package osemosys

import "blueprint/lp"

// Price is the shadow price of one emission in one year.
type Price struct {
	Region, Emission, Year string
	// Value is the price in money per unit of emission, undiscounted to
	// the year it applies to: Annual + Period.
	Value float64
	// Annual comes from the year's annual limit (E8): minus its dual times
	// the mid-year discount factor (emission costs are discounted mid-year
	// in the reference, E5).
	Annual float64
	// Period comes from the model-period limit (E9): minus its dual
	// compounded to the year's mid-year (a Hotelling path).
	Period float64
}

// CarbonPrice returns, for every region, emission and year that has an
// annual or a model-period emission limit, the shadow price of the
// emission in that year (see [Price]); in model order. A limit that does not
// bind gives 0.
func (l *LP) CarbonPrice(sol *lp.Solution) []Price {
	d := l.d
	R, E, Y := d.n[setR], d.n[setE], d.n[setY]
	var out []Price
	for r := 0; r < R; r++ {
		for e := 0; e < E; e++ {
			i9 := l.e9[r*E+e]
			for y := 0; y < Y; y++ {
				i8 := l.e8[(r*E+e)*Y+y]
				if i8 < 0 && i9 < 0 {
					continue
				}
				p := Price{Region: d.sets[setR].Elems[r], Emission: d.sets[setE].Elems[e], Year: d.sets[setY].Elems[y]}
				if i8 >= 0 {
					p.Annual = dualPrice(sol, i8) * d.dfm[r][y]
				}
				if i9 >= 0 {
					p.Period = dualPrice(sol, i9) * d.dfm[r][y]
				}
				p.Value = p.Annual + p.Period
				out = append(out, p)
			}
		}
	}
	return out
}

// dualPrice is minus the row dual (a ≤ limit's dual is ≤ 0 when it binds
// in a minimisation), with a zero instead of -0.
func dualPrice(sol *lp.Solution, i int32) float64 {
	if sol == nil || int(i) >= len(sol.Dual) {
		return 0
	}
	v := -sol.Dual[i]
	if v == 0 {
		return 0
	}
	return v
}
