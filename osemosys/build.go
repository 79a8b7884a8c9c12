package osemosys

import (
	"fmt"
	"math"

	"blueprint/lp"
	"blueprint/model"
)

// Column and row families. Each column and row records its family and its
// index tuple (flattened), from which names and result tables are derived.
type family struct {
	name string
	sets []int
}

// Column families.
const (
	cRateOfActivity = iota
	cNewCapacity
	cTotalCapacityAnnual
	cTrade
	cRateOfStorageCharge
	cRateOfStorageDischarge
	cNetChargeWithinYear
	cNetChargeWithinDay
	cStorageLevelYearStart
	cStorageLevelYearFinish
	cStorageLevelSeasonStart
	cStorageLevelDayTypeStart
	cStorageLevelDayTypeFinish
	cStorageLowerLimit
	cStorageUpperLimit
	cAccumulatedNewStorageCapacity
	cNewStorageCapacity
	cSurvivingResidualCapacity
	cRetiredResidualCapacity
	cSurvivingNewCapacity
	numColFams
)

var colFams = [numColFams]family{
	cRateOfActivity:                {"RateOfActivity", []int{setR, setL, setT, setM, setY}},
	cNewCapacity:                   {"NewCapacity", []int{setR, setT, setY}},
	cTotalCapacityAnnual:           {"TotalCapacityAnnual", []int{setR, setT, setY}},
	cTrade:                         {"Trade", []int{setR, setR, setL, setF, setY}},
	cRateOfStorageCharge:           {"RateOfStorageCharge", []int{setR, setS, setLS, setLD, setLH, setY}},
	cRateOfStorageDischarge:        {"RateOfStorageDischarge", []int{setR, setS, setLS, setLD, setLH, setY}},
	cNetChargeWithinYear:           {"NetChargeWithinYear", []int{setR, setS, setLS, setLD, setLH, setY}},
	cNetChargeWithinDay:            {"NetChargeWithinDay", []int{setR, setS, setLS, setLD, setLH, setY}},
	cStorageLevelYearStart:         {"StorageLevelYearStart", []int{setR, setS, setY}},
	cStorageLevelYearFinish:        {"StorageLevelYearFinish", []int{setR, setS, setY}},
	cStorageLevelSeasonStart:       {"StorageLevelSeasonStart", []int{setR, setS, setLS, setY}},
	cStorageLevelDayTypeStart:      {"StorageLevelDayTypeStart", []int{setR, setS, setLS, setLD, setY}},
	cStorageLevelDayTypeFinish:     {"StorageLevelDayTypeFinish", []int{setR, setS, setLS, setLD, setY}},
	cStorageLowerLimit:             {"StorageLowerLimit", []int{setR, setS, setY}},
	cStorageUpperLimit:             {"StorageUpperLimit", []int{setR, setS, setY}},
	cAccumulatedNewStorageCapacity: {"AccumulatedNewStorageCapacity", []int{setR, setS, setY}},
	cNewStorageCapacity:            {"NewStorageCapacity", []int{setR, setS, setY}},
	cSurvivingResidualCapacity:     {"SurvivingResidualCapacity", []int{setR, setT, setY}},
	cRetiredResidualCapacity:       {"RetiredResidualCapacity", []int{setR, setT, setY}},
	cSurvivingNewCapacity:          {"SurvivingNewCapacity", []int{setR, setT, setY, setY}},
}

// Row families. Names are the reference's where a row is the reference's
// row; rows that stand for several reference rows after substitution name
// the constraint that limits (e.g. CAa4 with TotalCapacityAnnual in it).
const (
	rCAa1 = iota
	rCAa4
	rCAb1
	rEBa11
	rEBb4
	rEBa10
	rAAC
	rTAC
	rOC1
	rRM3
	rRE4
	rE8
	rE9
	rS1
	rS2
	rS3
	rS4
	rS5S6
	rS7S8
	rS9S10
	rS11S12
	rS13S15
	rSC1L
	rSC1U
	rSC2L
	rSC2U
	rSC3L
	rSC3U
	rSC4L
	rSC4U
	rSI1
	rSI2
	rSI3
	rRET1
	rRET2
	rRET3
	numRowFams
)

var rowFams = [numRowFams]family{
	rCAa1:   {"CAa1_TotalNewCapacity", []int{setR, setT, setY}},
	rCAa4:   {"CAa4_Constraint_Capacity", []int{setR, setL, setT, setY}},
	rCAb1:   {"CAb1_PlannedMaintenance", []int{setR, setT, setY}},
	rEBa11:  {"EBa11_EnergyBalanceEachTS5", []int{setR, setL, setF, setY}},
	rEBb4:   {"EBb4_EnergyBalanceEachYear4", []int{setR, setF, setY}},
	rEBa10:  {"EBa10_EnergyBalanceEachTS4", []int{setR, setR, setL, setF, setY}},
	rAAC:    {"AAC2_AAC3_TotalAnnualTechnologyActivityLimit", []int{setR, setT, setY}},
	rTAC:    {"TAC2_TAC3_TotalModelHorizonTechnologyActivityLimit", []int{setR, setT}},
	rOC1:    {"OC1_AnnualVariableOperatingCostNonNegative", []int{setR, setT, setY}},
	rRM3:    {"RM3_ReserveMargin_Constraint", []int{setR, setL, setY}},
	rRE4:    {"RE4_EnergyConstraint", []int{setR, setY}},
	rE8:     {"E8_AnnualEmissionsLimit", []int{setR, setE, setY}},
	rE9:     {"E9_ModelPeriodEmissionsLimit", []int{setR, setE}},
	rS1:     {"S1_RateOfStorageCharge", []int{setR, setS, setLS, setLD, setLH, setY}},
	rS2:     {"S2_RateOfStorageDischarge", []int{setR, setS, setLS, setLD, setLH, setY}},
	rS3:     {"S3_NetChargeWithinYear", []int{setR, setS, setLS, setLD, setLH, setY}},
	rS4:     {"S4_NetChargeWithinDay", []int{setR, setS, setLS, setLD, setLH, setY}},
	rS5S6:   {"S5_and_S6_StorageLevelYearStart", []int{setR, setS, setY}},
	rS7S8:   {"S7_and_S8_StorageLevelYearFinish", []int{setR, setS, setY}},
	rS9S10:  {"S9_and_S10_StorageLevelSeasonStart", []int{setR, setS, setLS, setY}},
	rS11S12: {"S11_and_S12_StorageLevelDayTypeStart", []int{setR, setS, setLS, setLD, setY}},
	rS13S15: {"S13_and_S14_and_S15_StorageLevelDayTypeFinish", []int{setR, setS, setLS, setLD, setY}},
	rSC1L:   {"SC1_LowerLimit_BeginningOfDailyTimeBracketOfFirstInstanceOfDayTypeInFirstWeekConstraint", []int{setR, setS, setLS, setLD, setLH, setY}},
	rSC1U:   {"SC1_UpperLimit_BeginningOfDailyTimeBracketOfFirstInstanceOfDayTypeInFirstWeekConstraint", []int{setR, setS, setLS, setLD, setLH, setY}},
	rSC2L:   {"SC2_LowerLimit_EndOfDailyTimeBracketOfLastInstanceOfDayTypeInFirstWeekConstraint", []int{setR, setS, setLS, setLD, setLH, setY}},
	rSC2U:   {"SC2_UpperLimit_EndOfDailyTimeBracketOfLastInstanceOfDayTypeInFirstWeekConstraint", []int{setR, setS, setLS, setLD, setLH, setY}},
	rSC3L:   {"SC3_LowerLimit_EndOfDailyTimeBracketOfLastInstanceOfDayTypeInLastWeekConstraint", []int{setR, setS, setLS, setLD, setLH, setY}},
	rSC3U:   {"SC3_UpperLimit_EndOfDailyTimeBracketOfLastInstanceOfDayTypeInLastWeekConstraint", []int{setR, setS, setLS, setLD, setLH, setY}},
	rSC4L:   {"SC4_LowerLimit_BeginningOfDailyTimeBracketOfFirstInstanceOfDayTypeInLastWeekConstraint", []int{setR, setS, setLS, setLD, setLH, setY}},
	rSC4U:   {"SC4_UpperLimit_BeginningOfDailyTimeBracketOfFirstInstanceOfDayTypeInLastWeekConstraint", []int{setR, setS, setLS, setLD, setLH, setY}},
	rSI1:    {"SI1_StorageUpperLimit", []int{setR, setS, setY}},
	rSI2:    {"SI2_StorageLowerLimit", []int{setR, setS, setY}},
	rSI3:    {"SI3_TotalNewStorage", []int{setR, setS, setY}},
	rRET1:   {"RET1_ResidualCapacityNoReturn", []int{setR, setT, setY}},
	rRET2:   {"RET2_ResidualCapacityRetired", []int{setR, setT, setY}},
	rRET3:   {"RET3_NewCapacityNoReturn", []int{setR, setT, setY, setY}},
}

// LP is the linear programme generated from a model, with the index maps
// that tie its columns and rows back to the model's sets.
type LP struct {
	// Problem is the generated linear programme (minimise total
	// discounted cost). Owned by the LP.
	Problem *lp.Problem

	d *data
	// column and row provenance: family and flattened index tuple
	colFam []uint8
	colKey []int64
	rowFam []uint8
	rowKey []int64

	// dense column maps (-1 where the column is absent)
	roa []int32 // [r][l][t][m][y]
	nc  []int32 // [r][t][y]
	tca []int32 // [r][t][y]
	// rows whose duals are read back (-1 where absent)
	e8 []int32 // [r][e][y]
	e9 []int32 // [r][e]
	// produced[(r*F+f)*Y+y]: the output ratios of f in y sum to a non-zero
	// value (the filter of EBa3/EBa7); otherwise Production is free.
	produced []bool
	// storage column blocks, dense over [r][s]... (nil without storage)
	sto map[int][]int32
	// early retirement: one entry per technology allowed to retire early
	// (retire.go); retOf[r*T+t] indexes it, -1 elsewhere (nil when none).
	ret   []retTech
	retOf []int32
}

// gen is the state of one generation.
type gen struct {
	*LP
	b lp.Builder
}

func (g *gen) key(f family, idx []int) int64 {
	var k int64
	for i, s := range f.sets {
		k = k*int64(g.d.n[s]) + int64(idx[i])
	}
	return k
}

func (g *gen) addCol(fam int, lo, hi, obj float64, idx ...int) int32 {
	j := g.b.AddCol(lo, hi, obj)
	g.colFam = append(g.colFam, uint8(fam))
	g.colKey = append(g.colKey, g.key(colFams[fam], idx))
	return j
}

func (g *gen) startRow(fam int, lo, hi float64, idx ...int) int32 {
	i := g.b.StartRow(lo, hi)
	g.rowFam = append(g.rowFam, uint8(fam))
	g.rowKey = append(g.rowKey, g.key(rowFams[fam], idx))
	return i
}

// limits turns an OSeMOSYS lower/upper limit pair into bounds: a lower
// limit counts only when > 0 and an upper limit only when != -1 (the
// reference's "no limit" sentinels); floor is the bound without a lower limit.
func limits(lower, upper, floor float64) (lo, hi float64) {
	lo, hi = floor, inf
	if lower > 0 {
		lo = lower
	}
	if upper != -1 {
		hi = upper
	}
	return lo, hi
}

func fill(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

var inf = math.Inf(1)

// Build generates the LP of model m: the OSeMOSYS formulation of
// osemosys.txt (FORMULATION.md) with its accounting variables substituted,
// so that the LP is far smaller than the reference's but has the same
// optimal objective. See the package documentation for what is
// substituted and how the reference's sign restrictions are kept.
func Build(m *model.Model) (*LP, error) {
	d, err := newData(m)
	if err != nil {
		return nil, err
	}
	if p := m.Param("CapacityOfOneTechnologyUnit"); p != nil {
		for i := 0; i < p.NumEntries(); i++ {
			if _, v := p.Entry(i); v != 0 {
				return nil, fmt.Errorf("osemosys: CapacityOfOneTechnologyUnit is set: integer capacity units make the model a MIP, which Blueprint does not solve")
			}
		}
		if p.Default != 0 {
			return nil, fmt.Errorf("osemosys: CapacityOfOneTechnologyUnit has default %v: integer capacity units make the model a MIP, which Blueprint does not solve", p.Default)
		}
	}
	if err := checkRetirement(m, d); err != nil {
		return nil, err
	}
	g := &gen{LP: &LP{d: d}}
	if err := g.build(); err != nil {
		return nil, err
	}
	prob, err := g.b.Build()
	if err != nil {
		return nil, err
	}
	prob.Name = m.Name
	l := g.LP
	prob.ColName = l.ColName
	prob.RowName = l.RowName
	l.Problem = prob
	return l, nil
}

func (g *gen) build() error {
	d := g.d
	R, T, F, E, M, L, Y := d.n[setR], d.n[setT], d.n[setF], d.n[setE], d.n[setM], d.n[setL], d.n[setY]
	S := d.n[setS]
	p := d.p
	ys := p["YearSplit"]
	oar, iar, ear := p["OutputActivityRatio"], p["InputActivityRatio"], p["EmissionActivityRatio"]
	vc := p["VariableCost"]
	ep := p["EmissionsPenalty"]
	tts, tfs := p["TechnologyToStorage"], p["TechnologyFromStorage"]
	aacL := p["TotalTechnologyAnnualActivityLowerLimit"]
	tacL := p["TotalTechnologyModelPeriodActivityLowerLimit"]

	g.b.Reserve(R*L*T*M*Y+3*R*T*Y, R*L*(T+F)*Y, 4*R*L*T*M*Y)

	// ---- RateOfActivity[r,l,t,m,y] ----
	// A mode "lives" when something can make its activity useful or
	// binding: a fuel or emission ratio, a storage link, a negative
	// variable cost, or a lower activity limit of its technology. Other
	// modes only consume capacity and cost money, so the optimum leaves
	// them at zero and they get no column.
	g.roa = fill(R * L * T * M * Y)
	for r := 0; r < R; r++ {
		for t := 0; t < T; t++ {
			hasLowerTAC := tacL.at2(r, t) > 0
			for y := 0; y < Y; y++ {
				vcSum := 0.0
				for m := 0; m < M; m++ {
					vcSum += vc.at4(r, t, m, y)
				}
				dfm := d.dfm[r][y]
				for m := 0; m < M; m++ {
					live := hasLowerTAC || aacL.at3(r, t, y) > 0
					zero := false
					for f := 0; f < F; f++ {
						if o := oar.at5(r, t, f, m, y); o != 0 {
							live = true
							zero = zero || o < 0 // EBa1: RateOfProductionByTechnologyByMode >= 0
						}
						if i := iar.at5(r, t, f, m, y); i != 0 {
							live = true
							zero = zero || i < 0 // EBa4: RateOfUseByTechnologyByMode >= 0
						}
					}
					// OC1 exists only when the modes' variable costs do not
					// sum to zero; otherwise the reference counts no
					// variable cost for (t,y) at all.
					cost := 0.0
					if vcSum != 0 {
						cost = vc.at4(r, t, m, y)
						if cost < 0 {
							live = true
						}
					}
					for e := 0; e < E; e++ {
						a := ear.at5(r, t, e, m, y)
						if a == 0 {
							continue
						}
						live = true
						zero = zero || a < 0 // E1: AnnualTechnologyEmissionByMode >= 0
						pen := ep.at3(r, e, y)
						zero = zero || pen < 0 // E3: penalty >= 0 forces the emission to 0
						if pen != 0 {
							cost += a * pen
						}
					}
					for s := 0; s < S; s++ {
						if tts.at4(r, t, s, m) > 0 || tfs.at4(r, t, s, m) > 0 {
							live = true
						}
					}
					if !live {
						continue
					}
					hi := inf
					if zero {
						hi = 0
					}
					for l := 0; l < L; l++ {
						obj := cost * ys.at2(l, y) / dfm
						g.roa[g.roaIdx(r, l, t, m, y)] = g.addCol(cRateOfActivity, 0, hi, obj, r, l, t, m, y)
					}
				}
			}
		}
	}

	g.produced = make([]bool, R*F*Y)
	for r := 0; r < R; r++ {
		for f := 0; f < F; f++ {
			for y := 0; y < Y; y++ {
				sum := 0.0
				for t := 0; t < T; t++ {
					for m := 0; m < M; m++ {
						sum += oar.at5(r, t, f, m, y)
					}
				}
				g.produced[(r*F+f)*Y+y] = sum != 0
			}
		}
	}
	g.capacity()
	g.activityLimits()
	g.balances()
	g.reserveMargin()
	g.renewables()
	g.emissions()
	if S > 0 {
		g.storage()
	}
	return nil
}

func (g *LP) roaIdx(r, l, t, m, y int) int {
	n := g.d.n
	return (((r*n[setL]+l)*n[setT]+t)*n[setM]+m)*n[setY] + y
}

func (g *LP) rtyIdx(r, t, y int) int {
	n := g.d.n
	return (r*n[setT]+t)*n[setY] + y
}

// ncBounds returns the bounds of NewCapacity[r,t,y]: NCC1/NCC2, and CC1's
// CapitalInvestment >= 0, which forces NewCapacity to 0 when the capital
// cost is negative.
func ncBounds(minInv, maxInv, cc view, r, t, y int) (lo, hi float64) {
	lo, hi = limits(minInv.at3(r, t, y), maxInv.at3(r, t, y), 0)
	if cc.at3(r, t, y) < 0 {
		hi = math.Min(hi, 0)
	}
	return lo, hi
}

// capacity adds NewCapacity and TotalCapacityAnnual with their costs,
// CAa1/CAa2 (TotalCapacityAnnual = residual + new capacity still alive),
// CAa4 (activity within capacity) and CAb1 (planned maintenance).
func (g *gen) capacity() {
	d := g.d
	R, T, M, L, Y := d.n[setR], d.n[setT], d.n[setM], d.n[setL], d.n[setY]
	p := d.p
	ys, cf, cau, af := p["YearSplit"], p["CapacityFactor"], p["CapacityToActivityUnit"], p["AvailabilityFactor"]
	cc, fc := p["CapitalCost"], p["FixedCost"]
	res, ol := p["ResidualCapacity"], p["OperationalLife"]
	maxCap, minCap := p["TotalAnnualMaxCapacity"], p["TotalAnnualMinCapacity"]
	maxInv, minInv := p["TotalAnnualMaxCapacityInvestment"], p["TotalAnnualMinCapacityInvestment"]
	dm := p["DepreciationMethod"]
	era := p["EarlyRetirementAllowed"] // only when d.retire

	g.nc = fill(R * T * Y)
	g.tca = fill(R * T * Y)
	for r := 0; r < R; r++ {
		rate := d.dr[r]
		salvDisc := math.Pow(1+rate, d.yn-d.y0+1)
		for t := 0; t < T; t++ {
			life := ol.at2(r, t)
			for y := 0; y < Y; y++ {
				lo, hi := ncBounds(minInv, maxInv, cc, r, t, y)
				c := cc.at3(r, t, y)
				// CC1, CC2, SV1-SV4: discounted investment minus the
				// discounted salvage value of the same capacity.
				ci := c * d.crf[r][t] * d.pva[r][t]
				share := salvageShare(dm.at1(r), rate, life, d.year[y], d.yn)
				obj := ci/d.df[r][y] - ci*share/salvDisc
				g.nc[g.rtyIdx(r, t, y)] = g.addCol(cNewCapacity, lo, hi, obj, r, t, y)
			}
			for y := 0; y < Y; y++ {
				// TCC1/TCC2 as bounds; OC2's AnnualFixedOperatingCost >= 0
				// forces TotalCapacityAnnual to 0 under a negative fixed cost.
				lo, hi := limits(minCap.at3(r, t, y), maxCap.at3(r, t, y), 0)
				f := fc.at3(r, t, y)
				if f < 0 {
					hi = math.Min(hi, 0)
				}
				g.tca[g.rtyIdx(r, t, y)] = g.addCol(cTotalCapacityAnnual, lo, hi, f/d.dfm[r][y], r, t, y)
			}
			if d.retire && era.at2(r, t) != 0 {
				// Vintages that may retire early replace CAa1 (retire.go).
				g.retire(r, t)
				continue
			}
			// CAa1+CAa2: TotalCapacityAnnual - sum of live NewCapacity = ResidualCapacity.
			for y := 0; y < Y; y++ {
				rv := res.at3(r, t, y)
				g.startRow(rCAa1, rv, rv, r, t, y)
				g.b.Add(g.tca[g.rtyIdx(r, t, y)], 1)
				for yy := 0; yy <= y; yy++ {
					if age := d.year[y] - d.year[yy]; age >= 0 && age < life {
						g.b.Add(g.nc[g.rtyIdx(r, t, yy)], -1)
					}
				}
			}
		}
	}
	// CAa4: sum_m RateOfActivity <= TotalCapacityAnnual * CF * CAU.
	for r := 0; r < R; r++ {
		for t := 0; t < T; t++ {
			u := cau.at2(r, t)
			for y := 0; y < Y; y++ {
				tc := g.tca[g.rtyIdx(r, t, y)]
				for l := 0; l < L; l++ {
					k := cf.at4(r, t, l, y) * u
					first := true
					for m := 0; m < M; m++ {
						j := g.roa[g.roaIdx(r, l, t, m, y)]
						if j < 0 {
							continue
						}
						if k == 0 {
							// No capacity can serve this timeslice: fix the
							// activity instead of writing "x <= 0" rows.
							g.b.SetBounds(j, 0, 0)
							continue
						}
						if first {
							g.startRow(rCAa4, -inf, 0, r, l, t, y)
							g.b.Add(tc, -k)
							first = false
						}
						g.b.Add(j, 1)
					}
				}
				// CAb1: annual activity <= AF * CAU * sum_l CF*YS * capacity.
				a := af.at3(r, t, y)
				if a >= 1 {
					continue
				}
				capShare := 0.0
				for l := 0; l < L; l++ {
					capShare += cf.at4(r, t, l, y) * ys.at2(l, y)
				}
				first := true
				for l := 0; l < L; l++ {
					w := ys.at2(l, y)
					for m := 0; m < M; m++ {
						j := g.roa[g.roaIdx(r, l, t, m, y)]
						if j < 0 {
							continue
						}
						if first {
							g.startRow(rCAb1, -inf, 0, r, t, y)
							g.b.Add(tc, -a*u*capShare)
							first = false
						}
						g.b.Add(j, w)
					}
				}
			}
		}
	}
}

// activityLimits adds AAC2/AAC3 (annual activity limits), TAC2/TAC3
// (model-period activity limits) and the OC1 sign restriction
// (AnnualVariableOperatingCost >= 0) where a variable cost is negative.
func (g *gen) activityLimits() {
	d := g.d
	R, T, M, L, Y := d.n[setR], d.n[setT], d.n[setM], d.n[setL], d.n[setY]
	p := d.p
	ys, vc := p["YearSplit"], p["VariableCost"]
	aacU, aacL := p["TotalTechnologyAnnualActivityUpperLimit"], p["TotalTechnologyAnnualActivityLowerLimit"]
	tacU, tacL := p["TotalTechnologyModelPeriodActivityUpperLimit"], p["TotalTechnologyModelPeriodActivityLowerLimit"]
	annual := func(r, t, y int, w func(m int) float64) {
		for l := 0; l < L; l++ {
			for m := 0; m < M; m++ {
				if j := g.roa[g.roaIdx(r, l, t, m, y)]; j >= 0 {
					g.b.Add(j, ys.at2(l, y)*w(m))
				}
			}
		}
	}
	one := func(int) float64 { return 1 }
	for r := 0; r < R; r++ {
		for t := 0; t < T; t++ {
			for y := 0; y < Y; y++ {
				lo, hi := limits(aacL.at3(r, t, y), aacU.at3(r, t, y), -inf)
				if lo > -inf || hi < inf {
					g.startRow(rAAC, lo, hi, r, t, y)
					annual(r, t, y, one)
				}
				sum, neg := 0.0, false
				for m := 0; m < M; m++ {
					v := vc.at4(r, t, m, y)
					sum += v
					neg = neg || v < 0
				}
				if sum != 0 && neg {
					g.startRow(rOC1, 0, inf, r, t, y)
					annual(r, t, y, func(m int) float64 { return vc.at4(r, t, m, y) })
				}
			}
			lo, hi := limits(tacL.at2(r, t), tacU.at2(r, t), -inf)
			if lo > -inf || hi < inf {
				g.startRow(rTAC, lo, hi, r, t)
				for y := 0; y < Y; y++ {
					annual(r, t, y, one)
				}
			}
		}
	}
}

// term is a coefficient of a RateOfActivity column's (t, m) in a fuel balance.
type term struct {
	t, m int
	v    float64
}

// balances adds EBa11 (per timeslice: production >= demand + use + trade)
// and EBb4 (per year, where an AccumulatedAnnualDemand exists), with trade
// and EBa10 where TradeRoute is set.
func (g *gen) balances() {
	d := g.d
	R, T, F, M, L, Y := d.n[setR], d.n[setT], d.n[setF], d.n[setM], d.n[setL], d.n[setY]
	p := d.p
	ys := p["YearSplit"]
	oar, iar := p["OutputActivityRatio"], p["InputActivityRatio"]
	sad, prof, acc := p["SpecifiedAnnualDemand"], p["SpecifiedDemandProfile"], p["AccumulatedAnnualDemand"]
	tr := p["TradeRoute"]

	// Trade[r,rr,l,f,y]: free, where a route exists in either direction.
	var trade []int32
	tradeIdx := func(r, rr, l, f, y int) int { return (((r*R+rr)*L+l)*F+f)*Y + y }
	anyTrade := false
	for _, v := range tr.v {
		if v != 0 {
			anyTrade = true
			break
		}
	}
	if anyTrade {
		trade = fill(R * R * L * F * Y)
		for r := 0; r < R; r++ {
			for rr := 0; rr < R; rr++ {
				for f := 0; f < F; f++ {
					for y := 0; y < Y; y++ {
						if tr.at4(r, rr, f, y) == 0 && tr.at4(rr, r, f, y) == 0 {
							continue
						}
						for l := 0; l < L; l++ {
							trade[tradeIdx(r, rr, l, f, y)] = g.addCol(cTrade, -inf, inf, 0, r, rr, l, f, y)
						}
					}
				}
			}
		}
		// EBa10: Trade[r,rr] = -Trade[rr,r] where TradeRoute[r,rr] != 0.
		for r := 0; r < R; r++ {
			for rr := 0; rr < R; rr++ {
				for f := 0; f < F; f++ {
					for y := 0; y < Y; y++ {
						if tr.at4(r, rr, f, y) == 0 {
							continue
						}
						for l := 0; l < L; l++ {
							g.startRow(rEBa10, 0, 0, r, rr, l, f, y)
							g.b.Add(trade[tradeIdx(r, rr, l, f, y)], 1)
							g.b.Add(trade[tradeIdx(rr, r, l, f, y)], 1)
						}
					}
				}
			}
		}
	}

	var prodT, useT []term
	for r := 0; r < R; r++ {
		for f := 0; f < F; f++ {
			for y := 0; y < Y; y++ {
				// EBa3/EBa7: Production is tied to technologies only when the
				// output ratios for (f,y) do not sum to zero; otherwise it is
				// a free column and the balances of (f,y) are slack.
				prodT, useT = prodT[:0], useT[:0]
				sumI := 0.0
				for t := 0; t < T; t++ {
					sumIt := 0.0
					for m := 0; m < M; m++ {
						if o := oar.at5(r, t, f, m, y); o != 0 {
							prodT = append(prodT, term{t, m, o})
						}
						sumIt += iar.at5(r, t, f, m, y)
					}
					sumI += sumIt
					// EBa5 exists only when the modes' input ratios do not
					// sum to zero; otherwise that technology's use is free.
					if sumIt != 0 {
						for m := 0; m < M; m++ {
							if i := iar.at5(r, t, f, m, y); i != 0 {
								useT = append(useT, term{t, m, i})
							}
						}
					}
				}
				if !g.sumOAR(r, f, y) {
					continue
				}
				if sumI == 0 { // EBa6/EBa8: Use is a free column
					useT = useT[:0]
				}
				demand := sad.at3(r, f, y)
				// add writes the production, use and trade terms of timeslice l.
				add := func(l int, w float64) {
					for _, pt := range prodT {
						if j := g.roa[g.roaIdx(r, l, pt.t, pt.m, y)]; j >= 0 {
							g.b.Add(j, pt.v*w)
						}
					}
					for _, ut := range useT {
						if j := g.roa[g.roaIdx(r, l, ut.t, ut.m, y)]; j >= 0 {
							g.b.Add(j, -ut.v*w)
						}
					}
					if trade != nil {
						for rr := 0; rr < R; rr++ {
							if v := tr.at4(r, rr, f, y); v != 0 {
								g.b.Add(trade[tradeIdx(r, rr, l, f, y)], -v)
							}
						}
					}
				}
				for l := 0; l < L; l++ {
					rhs := 0.0
					if demand != 0 {
						rhs = demand * prof.at4(r, f, l, y)
					}
					g.startRow(rEBa11, rhs, inf, r, l, f, y)
					add(l, ys.at2(l, y))
				}
				// EBb4 is implied by the sum of the EBa11 rows unless an
				// AccumulatedAnnualDemand adds to it.
				if a := acc.at3(r, f, y); a > 0 {
					g.startRow(rEBb4, a, inf, r, f, y)
					for l := 0; l < L; l++ {
						add(l, ys.at2(l, y))
					}
				}
			}
		}
	}
}

// sumOAR reports whether the output ratios of fuel f in year y sum to a
// non-zero value (the filter of EBa3/EBa7), as computed once in build.
func (g *gen) sumOAR(r, f, y int) bool {
	return g.produced[(r*g.d.n[setF]+f)*g.d.n[setY]+y]
}

// reserveMargin adds RM3 with RM1 and RM2 substituted:
// ReserveMargin * sum_f tagF * RateOfProduction <= sum_t tagT * CAU * TotalCapacityAnnual.
func (g *gen) reserveMargin() {
	d := g.d
	R, T, F, M, L, Y := d.n[setR], d.n[setT], d.n[setF], d.n[setM], d.n[setL], d.n[setY]
	p := d.p
	rm, tagT, tagF := p["ReserveMargin"], p["ReserveMarginTagTechnology"], p["ReserveMarginTagFuel"]
	oar, cau := p["OutputActivityRatio"], p["CapacityToActivityUnit"]
	for r := 0; r < R; r++ {
		for y := 0; y < Y; y++ {
			k := rm.at2(r, y)
			if k <= 0 {
				continue
			}
			var fuels []int
			for f := 0; f < F; f++ {
				if tagF.at3(r, f, y) != 0 && g.sumOAR(r, f, y) {
					fuels = append(fuels, f)
				}
			}
			if len(fuels) == 0 {
				continue // 0 <= capacity in reserve: always holds
			}
			for l := 0; l < L; l++ {
				g.startRow(rRM3, -inf, 0, r, l, y)
				for _, f := range fuels {
					w := tagF.at3(r, f, y) * k
					for t := 0; t < T; t++ {
						for m := 0; m < M; m++ {
							if o := oar.at5(r, t, f, m, y); o != 0 {
								if j := g.roa[g.roaIdx(r, l, t, m, y)]; j >= 0 {
									g.b.Add(j, o*w)
								}
							}
						}
					}
				}
				for t := 0; t < T; t++ {
					if v := tagT.at3(r, t, y); v != 0 {
						g.b.Add(g.tca[g.rtyIdx(r, t, y)], -v*cau.at2(r, t))
					}
				}
			}
		}
	}
}

// renewables adds RE4 with RE1-RE3 substituted:
// REMinProductionTarget * (production of tagged fuels) <= production of tagged technologies.
func (g *gen) renewables() {
	d := g.d
	R, T, F, M, L, Y := d.n[setR], d.n[setT], d.n[setF], d.n[setM], d.n[setL], d.n[setY]
	p := d.p
	target, tagT, tagF := p["REMinProductionTarget"], p["RETagTechnology"], p["RETagFuel"]
	oar, ys := p["OutputActivityRatio"], p["YearSplit"]
	for r := 0; r < R; r++ {
		for y := 0; y < Y; y++ {
			k := target.at2(r, y)
			if k <= 0 {
				continue
			}
			g.startRow(rRE4, -inf, 0, r, y)
			for f := 0; f < F; f++ {
				wf := 0.0
				if tagF.at3(r, f, y) != 0 && g.sumOAR(r, f, y) {
					wf = k * tagF.at3(r, f, y)
				}
				for t := 0; t < T; t++ {
					w := wf - tagT.at3(r, t, y)
					if w == 0 {
						continue
					}
					for m := 0; m < M; m++ {
						o := oar.at5(r, t, f, m, y)
						if o == 0 {
							continue
						}
						for l := 0; l < L; l++ {
							if j := g.roa[g.roaIdx(r, l, t, m, y)]; j >= 0 {
								g.b.Add(j, o*ys.at2(l, y)*w)
							}
						}
					}
				}
			}
		}
	}
}

// emissions adds E8 (annual limits) and E9 (model-period limits) with the
// emission accounting substituted.
func (g *gen) emissions() {
	d := g.d
	R, T, E, M, L, Y := d.n[setR], d.n[setT], d.n[setE], d.n[setM], d.n[setL], d.n[setY]
	p := d.p
	ear, ys := p["EmissionActivityRatio"], p["YearSplit"]
	lim, exo := p["AnnualEmissionLimit"], p["AnnualExogenousEmission"]
	mpLim, mpExo := p["ModelPeriodEmissionLimit"], p["ModelPeriodExogenousEmission"]
	g.e8 = fill(R * E * Y)
	g.e9 = fill(R * E)
	add := func(r, e, y int) {
		for t := 0; t < T; t++ {
			for m := 0; m < M; m++ {
				a := ear.at5(r, t, e, m, y)
				if a == 0 {
					continue
				}
				for l := 0; l < L; l++ {
					if j := g.roa[g.roaIdx(r, l, t, m, y)]; j >= 0 {
						g.b.Add(j, a*ys.at2(l, y))
					}
				}
			}
		}
	}
	for r := 0; r < R; r++ {
		for e := 0; e < E; e++ {
			for y := 0; y < Y; y++ {
				v := lim.at3(r, e, y)
				if v == -1 {
					continue
				}
				g.e8[(r*E+e)*Y+y] = g.startRow(rE8, -inf, v-exo.at3(r, e, y), r, e, y)
				add(r, e, y)
			}
			v := mpLim.at2(r, e)
			if v == -1 {
				continue
			}
			g.e9[r*E+e] = g.startRow(rE9, -inf, v-mpExo.at2(r, e), r, e)
			for y := 0; y < Y; y++ {
				add(r, e, y)
			}
		}
	}
}
