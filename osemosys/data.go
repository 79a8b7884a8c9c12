package osemosys

import (
	"fmt"
	"math"
	"slices"

	"blueprint/model"
)

// Set identifiers used to describe the index sets of variables and rows.
const (
	setR = iota
	setT
	setF
	setE
	setM
	setL
	setY
	setS
	setLS
	setLD
	setLH
	numSets
)

var setNames = [numSets]string{"REGION", "TECHNOLOGY", "FUEL", "EMISSION", "MODE_OF_OPERATION", "TIMESLICE", "YEAR", "STORAGE", "SEASON", "DAYTYPE", "DAILYTIMEBRACKET"}

// view is a dense, default-filled parameter with its strides.
type view struct {
	v  []float64
	st []int
}

func (a view) at1(i int) float64          { return a.v[i*a.st[0]] }
func (a view) at2(i, j int) float64       { return a.v[i*a.st[0]+j*a.st[1]] }
func (a view) at3(i, j, k int) float64    { return a.v[i*a.st[0]+j*a.st[1]+k*a.st[2]] }
func (a view) at4(i, j, k, l int) float64 { return a.v[i*a.st[0]+j*a.st[1]+k*a.st[2]+l*a.st[3]] }
func (a view) at5(i, j, k, l, n int) float64 {
	return a.v[i*a.st[0]+j*a.st[1]+k*a.st[2]+l*a.st[3]+n*a.st[4]]
}

// data holds the sets' sizes, the parameters as dense views and the derived
// parameters of the reference model (FORMULATION.md §2.2).
type data struct {
	m    *model.Model
	n    [numSets]int
	sets [numSets]*model.Set

	year     []float64 // numeric value of each YEAR
	y0, yn   float64
	season   []float64
	daytype  []float64
	bracket  []float64
	p        map[string]view
	dr       []float64   // DiscountRate[r]
	retire   bool        // some EarlyRetirementAllowed is not 0 (extParams loaded)
	df, dfm  [][]float64 // [r][y]
	crf, pva [][]float64 // [r][t]
}

// paramSpec names a parameter and the index sets it must have.
type paramSpec struct {
	name string
	sets []int
}

// params lists every parameter the formulation reads, with the index sets
// it must have.
var params = []paramSpec{
	{"YearSplit", []int{setL, setY}},
	{"DiscountRate", []int{setR}},
	{"DiscountRateIdv", []int{setR, setT}},
	{"DiscountRateStorage", []int{setR, setS}},
	{"DaySplit", []int{setLH, setY}},
	{"Conversionls", []int{setL, setLS}},
	{"Conversionld", []int{setL, setLD}},
	{"Conversionlh", []int{setL, setLH}},
	{"DaysInDayType", []int{setLS, setLD, setY}},
	{"TradeRoute", []int{setR, setR, setF, setY}},
	{"DepreciationMethod", []int{setR}},
	{"SpecifiedAnnualDemand", []int{setR, setF, setY}},
	{"SpecifiedDemandProfile", []int{setR, setF, setL, setY}},
	{"AccumulatedAnnualDemand", []int{setR, setF, setY}},
	{"CapacityToActivityUnit", []int{setR, setT}},
	{"CapacityFactor", []int{setR, setT, setL, setY}},
	{"AvailabilityFactor", []int{setR, setT, setY}},
	{"OperationalLife", []int{setR, setT}},
	{"ResidualCapacity", []int{setR, setT, setY}},
	{"InputActivityRatio", []int{setR, setT, setF, setM, setY}},
	{"OutputActivityRatio", []int{setR, setT, setF, setM, setY}},
	{"CapitalCost", []int{setR, setT, setY}},
	{"VariableCost", []int{setR, setT, setM, setY}},
	{"FixedCost", []int{setR, setT, setY}},
	{"TechnologyToStorage", []int{setR, setT, setS, setM}},
	{"TechnologyFromStorage", []int{setR, setT, setS, setM}},
	{"StorageLevelStart", []int{setR, setS}},
	{"StorageMaxChargeRate", []int{setR, setS}},
	{"StorageMaxDischargeRate", []int{setR, setS}},
	{"MinStorageCharge", []int{setR, setS, setY}},
	{"OperationalLifeStorage", []int{setR, setS}},
	{"CapitalCostStorage", []int{setR, setS, setY}},
	{"ResidualStorageCapacity", []int{setR, setS, setY}},
	{"CapacityOfOneTechnologyUnit", []int{setR, setT, setY}},
	{"TotalAnnualMaxCapacity", []int{setR, setT, setY}},
	{"TotalAnnualMinCapacity", []int{setR, setT, setY}},
	{"TotalAnnualMaxCapacityInvestment", []int{setR, setT, setY}},
	{"TotalAnnualMinCapacityInvestment", []int{setR, setT, setY}},
	{"TotalTechnologyAnnualActivityUpperLimit", []int{setR, setT, setY}},
	{"TotalTechnologyAnnualActivityLowerLimit", []int{setR, setT, setY}},
	{"TotalTechnologyModelPeriodActivityUpperLimit", []int{setR, setT}},
	{"TotalTechnologyModelPeriodActivityLowerLimit", []int{setR, setT}},
	{"ReserveMarginTagTechnology", []int{setR, setT, setY}},
	{"ReserveMarginTagFuel", []int{setR, setF, setY}},
	{"ReserveMargin", []int{setR, setY}},
	{"RETagTechnology", []int{setR, setT, setY}},
	{"RETagFuel", []int{setR, setF, setY}},
	{"REMinProductionTarget", []int{setR, setY}},
	{"EmissionActivityRatio", []int{setR, setT, setE, setM, setY}},
	{"EmissionsPenalty", []int{setR, setE, setY}},
	{"AnnualExogenousEmission", []int{setR, setE, setY}},
	{"AnnualEmissionLimit", []int{setR, setE, setY}},
	{"ModelPeriodExogenousEmission", []int{setR, setE}},
	{"ModelPeriodEmissionLimit", []int{setR, setE}},
}

// extParams lists Blueprint's optional parameters (see retire.go): a model
// whose schema lacks one reads it as 0 everywhere.
var extParams = []paramSpec{
	{"EarlyRetirementAllowed", []int{setR, setT}},
	{"RetirementCost", []int{setR, setT, setY}},
}

func newData(m *model.Model) (*data, error) {
	d := &data{m: m, p: make(map[string]view, len(params))}
	for i, name := range setNames {
		s := m.Set(name)
		if s == nil {
			return nil, fmt.Errorf("osemosys: the model has no set %s", name)
		}
		d.sets[i] = s
		d.n[i] = s.Len()
	}
	if d.n[setR] == 0 || d.n[setY] == 0 {
		return nil, fmt.Errorf("osemosys: the model needs at least one REGION and one YEAR")
	}
	nums := func(id int) ([]float64, error) {
		s := d.sets[id]
		out := make([]float64, s.Len())
		for e := range out {
			out[e] = s.Num(model.Elem(e))
			if math.IsNaN(out[e]) {
				return nil, fmt.Errorf("osemosys: %s element %q is not a number", s.Name, s.Elems[e])
			}
			if e > 0 && out[e] <= out[e-1] {
				return nil, fmt.Errorf("osemosys: %s is not sorted ascending at %q", s.Name, s.Elems[e])
			}
		}
		return out, nil
	}
	var err error
	if d.year, err = nums(setY); err != nil {
		return nil, err
	}
	d.y0, d.yn = d.year[0], d.year[len(d.year)-1]
	if d.n[setS] > 0 {
		if d.season, err = nums(setLS); err != nil {
			return nil, err
		}
		if d.daytype, err = nums(setLD); err != nil {
			return nil, err
		}
		if d.bracket, err = nums(setLH); err != nil {
			return nil, err
		}
		// Storage levels chain y-1, ls-1, ld-1: the reference needs
		// consecutive integers (FORMULATION.md §1, §8.11).
		for _, c := range []struct {
			name string
			v    []float64
		}{{"YEAR", d.year}, {"SEASON", d.season}, {"DAYTYPE", d.daytype}} {
			for i := 1; i < len(c.v); i++ {
				if c.v[i] != c.v[i-1]+1 {
					return nil, fmt.Errorf("osemosys: with storage, %s must be consecutive integers (%v follows %v)", c.name, c.v[i], c.v[i-1])
				}
			}
		}
	}
	for _, pp := range params {
		if err := d.load(pp, false); err != nil {
			return nil, err
		}
	}
	// Blueprint's parameters are read only when some technology may
	// retire early, so that a model without them builds exactly as before.
	if era := m.Param("EarlyRetirementAllowed"); era != nil && !zero(era) {
		d.retire = true
		for _, pp := range extParams {
			if err := d.load(pp, true); err != nil {
				return nil, err
			}
		}
	}
	if err := d.derive(); err != nil {
		return nil, err
	}
	return d, nil
}

// zero reports whether p is 0 everywhere: default 0 and no other value.
func zero(p *model.Param) bool {
	if p.Default != 0 {
		return false
	}
	for i := range p.NumEntries() {
		if _, v := p.Entry(i); v != 0 {
			return false
		}
	}
	return true
}

// load reads parameter pp into a dense view. An optional parameter the
// model lacks reads as 0 everywhere.
func (d *data) load(pp paramSpec, optional bool) error {
	p := d.m.Param(pp.name)
	if p == nil {
		if optional {
			d.p[pp.name] = d.constant(pp.sets, 0)
			return nil
		}
		return fmt.Errorf("osemosys: the model has no parameter %s", pp.name)
	}
	want := make([]string, len(pp.sets))
	for i, s := range pp.sets {
		want[i] = setNames[s]
	}
	if !slices.Equal(p.Indices, want) {
		if p.NumEntries() > 0 {
			return fmt.Errorf("osemosys: parameter %s has indices %v, want %v", pp.name, p.Indices, want)
		}
		// A config that declares the parameter with other indices but
		// gives no rows (simplicity's TradeRoute) only sets a default.
		d.p[pp.name] = d.constant(pp.sets, p.Default)
		return nil
	}
	d.p[pp.name] = view{v: p.Dense(), st: p.Strides()}
	return nil
}

// derive computes the discount factors, capital recovery factors and
// present-value annuities of FORMULATION.md §2.2:
//
//	DF[r,y]  = (1 + DiscountRate[r])^(y - Y0)
//	DFM[r,y] = (1 + DiscountRate[r])^(y - Y0 + 0.5)
//	CRF[r,t] = (1 - (1+i)^-1) / (1 - (1+i)^-OL),  i = DiscountRateIdv[r,t]
//	PvA[r,t] = (1 - (1+d)^-OL) * (1+d) / d,       d = DiscountRate[r]
func (d *data) derive() error {
	R, T, Y := d.n[setR], d.n[setT], d.n[setY]
	dr := d.p["DiscountRate"]
	ol := d.p["OperationalLife"]
	idv := d.m.Param("DiscountRateIdv")
	d.dr = make([]float64, R)
	d.df = make([][]float64, R)
	d.dfm = make([][]float64, R)
	d.crf = make([][]float64, R)
	d.pva = make([][]float64, R)
	for r := 0; r < R; r++ {
		rate := dr.at1(r)
		if rate <= -1 {
			return fmt.Errorf("osemosys: DiscountRate[%s] = %v must be > -1", d.sets[setR].Elems[r], rate)
		}
		d.dr[r] = rate
		d.df[r] = make([]float64, Y)
		d.dfm[r] = make([]float64, Y)
		for y := 0; y < Y; y++ {
			d.df[r][y] = math.Pow(1+rate, d.year[y]-d.y0)
			d.dfm[r][y] = math.Pow(1+rate, d.year[y]-d.y0+0.5)
		}
		d.crf[r] = make([]float64, T)
		d.pva[r] = make([]float64, T)
		for t := 0; t < T; t++ {
			life := ol.at2(r, t)
			i, explicit := idv.Get(model.Elem(r), model.Elem(t))
			if !explicit {
				i = rate // the model-section default DiscountRateIdv[r,t] = DiscountRate[r]
			}
			d.crf[r][t] = annuityDue(i, life)
			if rate == 0 {
				// PvA's limit as d -> 0 (the reference divides by zero).
				d.pva[r][t] = life
			} else {
				d.pva[r][t] = (1 - math.Pow(1+rate, -life)) * (1 + rate) / rate
			}
		}
	}
	return nil
}

// annuityDue is CRF = (1 - (1+i)^-1) / (1 - (1+i)^-OL), with its limit 1/OL
// at i = 0.
func annuityDue(i, life float64) float64 {
	if i == 0 {
		return 1 / life
	}
	return (1 - math.Pow(1+i, -1)) / (1 - math.Pow(1+i, -life))
}

// salvageShare is the share of an investment made in year y (value yv)
// that remains at the end of the horizon (FORMULATION.md §5.11, §7):
// sinking fund for method 1 with rate > 0, straight line for method 2 or a
// zero rate, 0 when the investment ends inside the horizon.
func salvageShare(method, rate, life, yv, yn float64) float64 {
	if yv+life-1 <= yn {
		return 0
	}
	used := yn - yv + 1
	switch {
	case method == 1 && rate > 0:
		return 1 - (math.Pow(1+rate, used)-1)/(math.Pow(1+rate, life)-1)
	case method == 2 || (method == 1 && rate == 0):
		return 1 - used/life
	}
	return 0
}

// constant returns a view over sets with every value v.
func (d *data) constant(sets []int, v float64) view {
	n := 1
	st := make([]int, len(sets))
	for i := len(sets) - 1; i >= 0; i-- {
		st[i] = n
		n *= d.n[sets[i]]
	}
	a := make([]float64, n)
	for i := range a {
		a[i] = v
	}
	return view{v: a, st: st}
}
