package economy

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"blueprint/results"
)

// ProxyLabel is appended to the unit of every table computed from proxy
// data, so the label travels into CSV, IAMC and report tables.
const ProxyLabel = "[PROXY]"

// Options configure [Impacts]. Start from [DefaultOptions].
type Options struct {
	// Model is the input–output model (required).
	Model *Model
	// Bridge maps spending to IO sectors (required).
	Bridge *Bridge
	// Households drives the burden tables; nil skips them.
	Households *Households
	// Scale converts model money to IO money (IO units per model unit);
	// 0 derives it from the two unit names ("million CNY" vs "billion CNY",
	// equal names give 1) and fails when they cannot be compared.
	Scale float64
	// PassThrough is the share of the change in the model's delivered cost
	// of a fuel (run minus reference, excluding carbon) passed to household
	// tariffs; CarbonPassThrough the share of the carbon-cost change
	// (emission penalties and the carbon price of emission limits).
	PassThrough, CarbonPassThrough float64
	// Threshold is the direct energy burden (share of income) above which
	// a group counts as energy-burdened; 0 means 0.10.
	Threshold float64
	// DiscountRate and Lifetime annualise CapitalInvestment in the
	// delivered-cost model (capital recovery factor); Lifetime 0 means 20.
	DiscountRate float64
	Lifetime     int
	// TypeII makes households endogenous: output, value added and jobs
	// include the effects of the consumption induced by the extra labour
	// income ([Model.EffectsTypeII]). Needs a table with HH row and column.
	TypeII bool
}

// DefaultOptions returns full pass-through of cost and carbon changes, a
// 10% burden threshold, and capital annualised at 5% over 20 years.
func DefaultOptions() Options {
	return Options{PassThrough: 1, CarbonPassThrough: 1, Threshold: 0.10, DiscountRate: 0.05, Lifetime: 20}
}

// Result holds the impacts of a run against a reference run. Quantity tables
// have indices REGION, SECTOR (IO sector code), YEAR and are changes (run
// minus reference); burden tables have GROUP, YEAR and are shares of income.
// Units end in [ProxyLabel] when proxy data produced them.
type Result struct {
	// Region is the run's region (or "ALL" when it has several, summed).
	Region string
	// Years of the run, ascending.
	Years []int
	// Sectors of the IO table (codes in the tables, names here).
	Sectors []Sector
	// Proxy is true when the IO table or the bridge is a proxy; BurdenProxy
	// when the household data is.
	Proxy, BurdenProxy bool
	// Threshold used for AboveThreshold.
	Threshold float64
	// Scale is the model-to-IO money factor used.
	Scale float64

	// FinalDemand is Δf, the local final demand change from the bridge.
	FinalDemand *results.Table
	// Output is Δx = L Δf; ValueAdded Δva = v̂ Δx; Jobs Δjobs = ê Δx (nil
	// without employment data).
	Output, ValueAdded, Jobs *results.Table
	// Leakage is spending change leaving the region (REGION, YEAR).
	Leakage *results.Table
	// Prices are household prices per carrier (CARRIER, YEAR) in the run.
	Prices *results.Table
	// Burden is direct energy spending / income (GROUP, YEAR) in the run;
	// BurdenReference the same at the reference (tariff) prices;
	// BurdenIndirect the extra cost of non-energy goods from the energy price
	// change, through the Leontief cost-push price model (nil when the IO
	// table has no household column or no carrier names an IO sector).
	Burden, BurdenReference, BurdenIndirect *results.Table
	// AboveThreshold is the population share whose direct burden exceeds
	// Threshold (YEAR) in the run; AboveThresholdReference at reference prices.
	AboveThreshold, AboveThresholdReference *results.Table
	// Multipliers of the IO table (SECTOR, MULTIPLIER: output, value_added,
	// jobs, value_added_type_i, jobs_type_i, output_type_ii,
	// value_added_type_ii, jobs_type_ii), per unit of final demand.
	Multipliers *results.Table
}

// Tables returns the non-nil result tables in a fixed order.
func (r *Result) Tables() []*results.Table {
	var out []*results.Table
	for _, t := range []*results.Table{r.FinalDemand, r.Output, r.ValueAdded, r.Jobs, r.Leakage, r.Prices,
		r.Burden, r.BurdenReference, r.BurdenIndirect, r.AboveThreshold, r.AboveThresholdReference, r.Multipliers} {
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}

// Impacts computes the economic and household impacts of run against ref:
//
//  1. For every technology and year, the change in CapitalInvestment,
//     AnnualFixedOperatingCost, AnnualVariableOperatingCost (and fuel use ×
//     bridge price) is split over IO sectors by the bridge; the local part
//     is Δf, the rest leakage.
//  2. Δx = L Δf, Δva = v̂ Δx, Δjobs = ê Δx (one LU solve for all years).
//  3. With households: each fuel's delivered cost per unit is solved from
//     the run's own energy flows (p = d + B p, d = annualised capital +
//     fixed + variable + carbon cost per unit produced, B = inputs per unit),
//     for run and reference; household prices are tariff + pass-through ×
//     change; burden = use × price / income; indirect via [CostPush].
func Impacts(run, ref *results.Results, opt Options) (*Result, error) {
	if opt.Model == nil || opt.Bridge == nil {
		return nil, errors.New("economy: Impacts needs an IO model and a bridge")
	}
	if run == nil || ref == nil {
		return nil, errors.New("economy: Impacts needs a run and a reference run")
	}
	tab := opt.Model.Table
	if err := opt.Bridge.check(tab); err != nil {
		return nil, err
	}
	if opt.Threshold <= 0 {
		opt.Threshold = 0.10
	}
	if opt.Lifetime <= 0 {
		opt.Lifetime = 20
	}
	res := &Result{Sectors: tab.Sectors, Threshold: opt.Threshold}
	res.Proxy = tab.Proxy || opt.Bridge.Proxy
	// Years and region.
	yearSet := map[int]bool{}
	regions := map[string]bool{}
	for _, r := range []*results.Results{run, ref} {
		for _, name := range []string{"CapitalInvestment", "AnnualFixedOperatingCost", "AnnualVariableOperatingCost", "UseByTechnologyAnnual", "ProductionByTechnologyAnnual"} {
			t := r.Table(name)
			if t == nil {
				continue
			}
			yi, ri := col(t, "YEAR"), col(t, "REGION")
			if yi < 0 {
				continue
			}
			for i := range t.Values {
				k := t.Key(i)
				y, err := strconv.Atoi(k[yi])
				if err != nil {
					return nil, fmt.Errorf("economy: %s: YEAR %q is not an integer", name, k[yi])
				}
				yearSet[y] = true
				if ri >= 0 && r == run {
					regions[k[ri]] = true
				}
			}
		}
	}
	for y := range yearSet {
		res.Years = append(res.Years, y)
	}
	sort.Ints(res.Years)
	if len(res.Years) == 0 {
		return nil, errors.New("economy: the runs have no cost or energy tables with years")
	}
	res.Region = "ALL"
	if len(regions) == 1 {
		for r := range regions {
			res.Region = r
		}
	}
	yidx := make(map[string]int, len(res.Years))
	for i, y := range res.Years {
		yidx[strconv.Itoa(y)] = i
	}
	// Money scale.
	res.Scale = opt.Scale
	if res.Scale == 0 {
		mu := ""
		for _, name := range []string{"CapitalInvestment", "AnnualVariableOperatingCost", "AnnualFixedOperatingCost"} {
			if t := run.Table(name); t != nil && t.Unit != "" {
				mu = t.Unit
				break
			}
		}
		s, err := MoneyScale(mu, tab.Unit)
		if err != nil {
			return nil, err
		}
		res.Scale = s
	}
	// 1. Δf by sector and year.
	n, ny := tab.N(), len(res.Years)
	df := mat.NewDense(n, ny, nil)
	leak := make([]float64, ny)
	comps := []struct {
		c     Component
		table string
	}{{Capital, "CapitalInvestment"}, {Fixed, "AnnualFixedOperatingCost"}, {Variable, "AnnualVariableOperatingCost"}}
	for _, cp := range comps {
		delta := map[string][]float64{}
		mag := map[string][]float64{}
		var order []string
		add := func(r *results.Results, sign float64) error {
			t := r.Table(cp.table)
			if t == nil {
				return nil
			}
			ti, yi := col(t, "TECHNOLOGY"), col(t, "YEAR")
			if ti < 0 || yi < 0 {
				return fmt.Errorf("economy: %s has no TECHNOLOGY or YEAR column", cp.table)
			}
			for i, v := range t.Values {
				k := t.Key(i)
				d := delta[k[ti]]
				if d == nil {
					d = make([]float64, ny)
					delta[k[ti]] = d
					mag[k[ti]] = make([]float64, ny)
					order = append(order, k[ti])
				}
				d[yidx[k[yi]]] += sign * v
				mag[k[ti]][yidx[k[yi]]] += math.Abs(v)
			}
			return nil
		}
		if err := add(run, 1); err != nil {
			return nil, err
		}
		if err := add(ref, -1); err != nil {
			return nil, err
		}
		for _, tech := range order {
			d := delta[tech]
			for y, m := range mag[tech] {
				if math.Abs(d[y]) <= 1e-9*m {
					d[y] = 0 // solver round-off between two identical solutions
				}
			}
			if allZero(d) {
				continue
			}
			g := groupOf(run, ref, tech)
			rules := opt.Bridge.rulesFor(cp.c, g)
			if len(rules) == 0 {
				return nil, fmt.Errorf("%w for %s spending of technology %s (sector %s, measure %s) in %s; add a '%s,*,...' row",
					errNoRule, cp.c, tech, g.Sector, g.Measure, opt.Bridge.File, cp.c)
			}
			spread(df, leak, d, rules, tab, res.Scale)
		}
	}
	// Fuel purchases priced in the bridge.
	if use := run.Table("UseByTechnologyAnnual"); use != nil || ref.Table("UseByTechnologyAnnual") != nil {
		fuelRules := map[string][]Rule{}
		for _, r := range opt.Bridge.Rules {
			if r.Component == Fuel {
				fuelRules[r.Value] = append(fuelRules[r.Value], r)
			}
		}
		if len(fuelRules) > 0 {
			qty := map[string][]float64{}
			for _, rr := range []struct {
				r    *results.Results
				sign float64
			}{{run, 1}, {ref, -1}} {
				t := rr.r.Table("UseByTechnologyAnnual")
				if t == nil {
					continue
				}
				fi, yi := col(t, "FUEL"), col(t, "YEAR")
				for i, v := range t.Values {
					k := t.Key(i)
					if fuelRules[k[fi]] == nil {
						continue
					}
					q := qty[k[fi]]
					if q == nil {
						q = make([]float64, ny)
						qty[k[fi]] = q
					}
					q[yidx[k[yi]]] += rr.sign * v
				}
			}
			fuels := make([]string, 0, len(qty))
			for f := range qty {
				fuels = append(fuels, f)
			}
			sort.Strings(fuels) // deterministic sums
			for _, f := range fuels {
				q := qty[f]
				for _, r := range fuelRules[f] {
					d := make([]float64, ny)
					for y := range q {
						d[y] = q[y] * r.Price
					}
					spread(df, leak, d, []Rule{r}, tab, res.Scale)
				}
			}
		}
	}
	// 2. Leontief.
	effects := opt.Model.Effects
	if opt.TypeII {
		effects = opt.Model.EffectsTypeII
	}
	eff, err := effects(df)
	if err != nil {
		return nil, err
	}
	unit := labelled(tab.Unit, res.Proxy)
	res.FinalDemand = sectorTable("FinalDemandChange", unit, res, df)
	res.Output = sectorTable("OutputChange", unit, res, eff.Output)
	res.ValueAdded = sectorTable("ValueAddedChange", unit, res, eff.ValueAdded)
	if eff.Jobs != nil {
		res.Jobs = sectorTable("JobsChange", labelled(tab.JobsUnit, res.Proxy), res, eff.Jobs)
	}
	res.Leakage = &results.Table{Name: "ImportLeakage", Indices: []string{"REGION", "YEAR"}, Unit: unit}
	for y, v := range leak {
		res.Leakage.Append(v, res.Region, strconv.Itoa(res.Years[y]))
	}
	res.Multipliers = multiplierTable(opt.Model, res.Proxy)
	// 3. Households.
	if opt.Households != nil {
		if err := burden(res, run, ref, opt); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// multiplierTable lists m's multipliers by sector (unit: per unit of final
// demand; jobs in JobsUnit per money unit).
func multiplierTable(m *Model, proxy bool) *results.Table {
	mu := m.Multipliers()
	t := &results.Table{Name: "IOMultipliers", Indices: []string{"SECTOR", "MULTIPLIER"}, Unit: labelled("per unit of final demand", proxy)}
	for _, k := range []struct {
		name string
		v    []float64
	}{{"output", mu.Output}, {"value_added", mu.ValueAdded}, {"jobs", mu.Jobs}, {"value_added_type_i", mu.ValueAddedTypeI},
		{"jobs_type_i", mu.JobsTypeI}, {"output_type_ii", mu.OutputII}, {"value_added_type_ii", mu.ValueAddedII}, {"jobs_type_ii", mu.JobsII}} {
		for j, v := range k.v {
			t.Append(v, m.Table.Sectors[j].Code, k.name)
		}
	}
	return t
}

// spread adds d (model money by year) to df and leak by the rules.
func spread(df *mat.Dense, leak, d []float64, rules []Rule, tab *Table, scale float64) {
	for _, r := range rules {
		s := tab.Index(r.Sector)
		for y, v := range d {
			if v == 0 {
				continue
			}
			amt := v * r.Share * scale
			df.Set(s, y, df.At(s, y)+amt*(1-r.ImportShare))
			leak[y] += amt * r.ImportShare
		}
	}
}

func sectorTable(name, unit string, res *Result, m *mat.Dense) *results.Table {
	t := &results.Table{Name: name, Indices: []string{"REGION", "SECTOR", "YEAR"}, Unit: unit}
	for i, s := range res.Sectors {
		for y, yr := range res.Years {
			t.Append(m.At(i, y), res.Region, s.Code, strconv.Itoa(yr))
		}
	}
	return t
}

func labelled(unit string, proxy bool) string {
	if proxy {
		return strings.TrimSpace(unit + " " + ProxyLabel)
	}
	return unit
}

func col(t *results.Table, name string) int {
	for i, n := range t.Indices {
		if n == name {
			return i
		}
	}
	return -1
}

func allZero(v []float64) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

func groupOf(run, ref *results.Results, tech string) results.Group {
	for _, r := range []*results.Results{run, ref} {
		for _, g := range r.Groups {
			if g.Technology == tech {
				return g
			}
		}
	}
	return results.Group{Technology: tech, Sector: tech, Measure: tech}
}

// MoneyScale returns how many IO money units one model money unit is worth
// when both unit names can be read ("million CNY", "MCNY", "billion CNY",
// "10k CNY", "100 million CNY" …); equal names give 1.
func MoneyScale(modelUnit, ioUnit string) (float64, error) {
	if strings.EqualFold(strings.TrimSpace(modelUnit), strings.TrimSpace(ioUnit)) {
		return 1, nil
	}
	m1, c1, ok1 := parseMoney(modelUnit)
	m2, c2, ok2 := parseMoney(ioUnit)
	if !ok1 || !ok2 || c1 != c2 {
		return 0, fmt.Errorf("economy: cannot convert the model's money unit %q to the IO table's %q; give the factor (Options.Scale, --scale)", modelUnit, ioUnit)
	}
	return m1 / m2, nil
}

func parseMoney(u string) (mult float64, currency string, ok bool) {
	s := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(u), " ", ""))
	mult = 1
	for _, p := range []struct {
		p string
		m float64
	}{{"100million", 1e8}, {"10thousand", 1e4}, {"tenthousand", 1e4}, {"10k", 1e4}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"mn", 1e6}, {"bn", 1e9}, {"k", 1e3}, {"m", 1e6}, {"b", 1e9}} {
		if strings.HasPrefix(s, p.p) {
			if _, known := currencies[s[len(p.p):]]; known {
				mult, s = p.m, s[len(p.p):]
				break
			}
		}
	}
	c, known := currencies[s]
	return mult, c, known
}

var currencies = map[string]string{"cny": "CNY", "yuan": "CNY", "rmb": "CNY", "¥": "CNY", "usd": "USD", "$": "USD", "eur": "EUR", "€": "EUR"}

// fuelCosts are delivered costs per unit of each fuel by year (model money
// per model energy unit).
type fuelCosts struct {
	fuels []string
	// cost and carbon: p = d + B p for the cost part (annualised capital,
	// fixed and variable costs) and the carbon part (emission penalties and
	// carbon price × emissions) of the producing chain.
	cost, carbon [][]float64
	// burn is the carbon cost per unit of the fuel burned by end-use
	// technologies (those producing a fuel of the Demand table): a
	// household's carbon cost for the gas in its own boiler or the petrol
	// in its car, which no supply chain carries.
	burn [][]float64
}

// energyPrices solves each fuel's delivered cost per unit in every year.
func energyPrices(r *results.Results, years []int, opt Options) (*fuelCosts, error) {
	var fuels []string
	var cost, carbon [][]float64
	prod, use := r.Table("ProductionByTechnologyAnnual"), r.Table("UseByTechnologyAnnual")
	if prod == nil {
		return nil, fmt.Errorf("economy: run %s has no ProductionByTechnologyAnnual (needed for delivered fuel costs)", r.Scenario)
	}
	ny := len(years)
	yidx := map[string]int{}
	for i, y := range years {
		yidx[strconv.Itoa(y)] = i
	}
	fidx := map[string]int{}
	tidx := map[string]int{}
	var techs []string
	idx := func(m map[string]int, list *[]string, k string) int {
		i, ok := m[k]
		if !ok {
			i = len(*list)
			m[k] = i
			*list = append(*list, k)
		}
		return i
	}
	type flow struct {
		t, f, y int
		v       float64
	}
	read := func(t *results.Table) ([]flow, error) {
		if t == nil {
			return nil, nil
		}
		ti, fi, yi := col(t, "TECHNOLOGY"), col(t, "FUEL"), col(t, "YEAR")
		if ti < 0 || fi < 0 || yi < 0 {
			return nil, fmt.Errorf("economy: %s needs TECHNOLOGY, FUEL and YEAR columns", t.Name)
		}
		out := make([]flow, 0, len(t.Values))
		for i, v := range t.Values {
			k := t.Key(i)
			y, ok := yidx[k[yi]]
			if !ok {
				continue
			}
			out = append(out, flow{idx(tidx, &techs, k[ti]), idx(fidx, &fuels, k[fi]), y, v})
		}
		return out, nil
	}
	pf, err := read(prod)
	if err != nil {
		return nil, err
	}
	uf, err := read(use)
	if err != nil {
		return nil, err
	}
	nt, nf := len(techs), len(fuels)
	// Per technology and year: cost, carbon cost, total output.
	tc := make([]float64, nt*ny)
	tk := make([]float64, nt*ny)
	tout := make([]float64, nt*ny)
	addTech := func(name string, dst []float64, f func(i int, k []string) float64) {
		t := r.Table(name)
		if t == nil {
			return
		}
		ti, yi := col(t, "TECHNOLOGY"), col(t, "YEAR")
		if ti < 0 || yi < 0 {
			return
		}
		for i := range t.Values {
			k := t.Key(i)
			tj, ok := tidx[k[ti]]
			y, ok2 := yidx[k[yi]]
			if ok && ok2 {
				dst[tj*ny+y] += f(i, k)
			}
		}
	}
	val := func(t string) func(int, []string) float64 {
		tt := r.Table(t)
		return func(i int, _ []string) float64 { return tt.Values[i] }
	}
	addTech("AnnualFixedOperatingCost", tc, val("AnnualFixedOperatingCost"))
	addTech("AnnualVariableOperatingCost", tc, val("AnnualVariableOperatingCost"))
	// Capital: annuity of each year's investment over Lifetime years.
	crf := 1 / float64(opt.Lifetime)
	if opt.DiscountRate > 0 {
		crf = opt.DiscountRate / (1 - math.Pow(1+opt.DiscountRate, -float64(opt.Lifetime)))
	}
	if t := r.Table("CapitalInvestment"); t != nil {
		ti, yi := col(t, "TECHNOLOGY"), col(t, "YEAR")
		for i, v := range t.Values {
			k := t.Key(i)
			tj, ok := tidx[k[ti]]
			y0, err := strconv.Atoi(k[yi])
			if !ok || err != nil {
				continue
			}
			for y, yr := range years {
				if yr >= y0 && yr < y0+opt.Lifetime {
					tc[tj*ny+y] += v * crf
				}
			}
		}
	}
	addTech("AnnualTechnologyEmissionsPenalty", tk, val("AnnualTechnologyEmissionsPenalty"))
	if cpt, em := r.Table("CarbonPrice"), r.Table("AnnualTechnologyEmission"); cpt != nil && em != nil && cpt.Len() > 0 {
		price := map[string]float64{}
		ei, yi := col(cpt, "EMISSION"), col(cpt, "YEAR")
		for i, v := range cpt.Values {
			k := cpt.Key(i)
			price[k[ei]+"|"+k[yi]] += v
		}
		eei, eyi := col(em, "EMISSION"), col(em, "YEAR")
		addTech("AnnualTechnologyEmission", tk, func(i int, k []string) float64 {
			return em.Values[i] * price[k[eei]+"|"+k[eyi]]
		})
	}
	for _, p := range pf {
		tout[p.t*ny+p.y] += p.v
	}
	cost = make([][]float64, nf)
	carbon = make([][]float64, nf)
	for f := range cost {
		cost[f] = make([]float64, ny)
		carbon[f] = make([]float64, ny)
	}
	// Flows by technology and year.
	pl := make([][]flow, nt*ny)
	ul := make([][]flow, nt*ny)
	for _, p := range pf {
		if p.v != 0 {
			pl[p.t*ny+p.y] = append(pl[p.t*ny+p.y], p)
		}
	}
	for _, u := range uf {
		if u.v != 0 {
			ul[u.t*ny+u.y] = append(ul[u.t*ny+u.y], u)
		}
	}
	// Per year: Q_f, d_f, B.
	b := mat.NewDense(nf, nf, nil)
	rhs := mat.NewDense(nf, 2, nil)
	q := make([]float64, nf)
	var lu mat.LU
	var sol mat.Dense
	for y := 0; y < ny; y++ {
		b.Zero()
		rhs.Zero()
		for f := range q {
			q[f] = 0
		}
		for t := 0; t < nt; t++ {
			for _, p := range pl[t*ny+y] {
				q[p.f] += p.v
			}
		}
		// α_tf = P_tf / out_t / Q_f; d_f += α C_t; B_fg += α U_tg.
		for t := 0; t < nt; t++ {
			for _, p := range pl[t*ny+y] {
				if q[p.f] == 0 || tout[t*ny+y] == 0 {
					continue
				}
				alpha := p.v / tout[t*ny+y] / q[p.f]
				rhs.Set(p.f, 0, rhs.At(p.f, 0)+alpha*tc[t*ny+y])
				rhs.Set(p.f, 1, rhs.At(p.f, 1)+alpha*tk[t*ny+y])
				for _, u := range ul[t*ny+y] {
					b.Set(p.f, u.f, b.At(p.f, u.f)+alpha*u.v)
				}
			}
		}
		lu.Factorize(identityMinus(b))
		if c := lu.Cond(); math.IsInf(c, 0) || c > 1e12 {
			return nil, fmt.Errorf("economy: delivered fuel costs in %d cannot be solved (the energy flows loop without losses; condition %g)", years[y], c)
		}
		if err := lu.SolveTo(&sol, false, rhs); err != nil {
			return nil, fmt.Errorf("economy: delivered fuel costs in %d: %w", years[y], err)
		}
		for f := 0; f < nf; f++ {
			cost[f][y] = sol.At(f, 0)
			carbon[f][y] = sol.At(f, 1)
		}
	}
	// End-use combustion: technologies producing a demanded fuel.
	burn := make([][]float64, nf)
	for f := range burn {
		burn[f] = make([]float64, ny)
	}
	demanded := map[int]bool{}
	if d := r.Table("Demand"); d != nil {
		if fi := col(d, "FUEL"); fi >= 0 {
			for i := range d.Values {
				if f, ok := fidx[d.Key(i)[fi]]; ok {
					demanded[f] = true
				}
			}
		}
	}
	if len(demanded) > 0 {
		endUse := make([]bool, nt)
		for _, p := range pf {
			if demanded[p.f] {
				endUse[p.t] = true
			}
		}
		burned := make([]float64, nf*ny)
		tin := make([]float64, nt*ny)
		for _, u := range uf {
			if endUse[u.t] {
				burned[u.f*ny+u.y] += u.v
				tin[u.t*ny+u.y] += u.v
			}
		}
		for _, u := range uf {
			if endUse[u.t] && u.v != 0 && tk[u.t*ny+u.y] != 0 {
				// The technology's carbon cost split over its inputs by energy.
				burn[u.f][u.y] += tk[u.t*ny+u.y] * u.v / tin[u.t*ny+u.y] / burned[u.f*ny+u.y]
			}
		}
	}
	return &fuelCosts{fuels: fuels, cost: cost, carbon: carbon, burn: burn}, nil
}

// burden fills the household tables of res.
func burden(res *Result, run, ref *results.Results, opt Options) error {
	h := opt.Households
	res.BurdenProxy = h.Proxy
	years := res.Years
	ny, nc := len(years), len(h.Carriers)
	// Delivered cost change per carrier's model fuel.
	dCost := make([][]float64, nc)
	dCarb := make([][]float64, nc)
	needFuel := false
	for _, c := range h.Carriers {
		needFuel = needFuel || c.Fuel != ""
	}
	if needFuel {
		fcR, err := energyPrices(run, years, opt)
		if err != nil {
			return err
		}
		fc0, err := energyPrices(ref, years, opt)
		if err != nil {
			return err
		}
		find := func(list []string, f string) int {
			for i, x := range list {
				if x == f {
					return i
				}
			}
			return -1
		}
		for ci, c := range h.Carriers {
			if c.Fuel == "" {
				continue
			}
			i, j := find(fcR.fuels, c.Fuel), find(fc0.fuels, c.Fuel)
			if i < 0 && j < 0 {
				return fmt.Errorf("economy: %s: carrier %s links to fuel %s, which neither run produces", h.File, c.Name, c.Fuel)
			}
			dCost[ci] = make([]float64, ny)
			dCarb[ci] = make([]float64, ny)
			for y := 0; y < ny; y++ {
				var a, b, a0, b0 float64
				if i >= 0 {
					a, b = fcR.cost[i][y], fcR.carbon[i][y]+fcR.burn[i][y]
				}
				if j >= 0 {
					a0, b0 = fc0.cost[j][y], fc0.carbon[j][y]+fc0.burn[j][y]
				}
				dCost[ci][y] = a - a0
				dCarb[ci][y] = b - b0
			}
		}
	}
	label := func(u string) string { return labelled(u, h.Proxy) }
	res.Prices = &results.Table{Name: "HouseholdEnergyPrice", Indices: []string{"CARRIER", "YEAR"}, Unit: label("money per carrier unit")}
	price := make([]float64, nc*ny)
	tariff := make([]float64, nc*ny)
	for ci, c := range h.Carriers {
		for y, yr := range years {
			p := c.Tariff.At(yr)
			tariff[ci*ny+y] = p
			if dCost[ci] != nil {
				p += c.Factor * (opt.PassThrough*dCost[ci][y] + opt.CarbonPassThrough*dCarb[ci][y])
			}
			price[ci*ny+y] = math.Max(p, 0)
			res.Prices.Append(price[ci*ny+y], c.Name, strconv.Itoa(yr))
		}
	}
	frac := label("fraction of income")
	res.Burden = &results.Table{Name: "EnergyBurden", Indices: []string{"GROUP", "YEAR"}, Unit: frac}
	res.BurdenReference = &results.Table{Name: "EnergyBurdenReference", Indices: []string{"GROUP", "YEAR"}, Unit: frac}
	pop := label("fraction of population")
	res.AboveThreshold = &results.Table{Name: "EnergyBurdenAbove", Indices: []string{"YEAR"}, Unit: pop}
	res.AboveThresholdReference = &results.Table{Name: "EnergyBurdenAboveReference", Indices: []string{"YEAR"}, Unit: pop}
	above := make([]float64, ny)
	above0 := make([]float64, ny)
	for _, g := range h.Groups {
		for y, yr := range years {
			inc := g.IncomeAt(yr)
			s, s0 := 0.0, 0.0
			for ci := range h.Carriers {
				s += g.Use[ci] * price[ci*ny+y]
				s0 += g.Use[ci] * tariff[ci*ny+y]
			}
			b, b0 := 0.0, 0.0
			if inc > 0 {
				b, b0 = s/inc, s0/inc
			}
			res.Burden.Append(b, g.Name, strconv.Itoa(yr))
			res.BurdenReference.Append(b0, g.Name, strconv.Itoa(yr))
			if b > opt.Threshold {
				above[y] += g.Weight
			}
			if b0 > opt.Threshold {
				above0[y] += g.Weight
			}
		}
	}
	for y, yr := range years {
		res.AboveThreshold.Append(above[y], strconv.Itoa(yr))
		res.AboveThresholdReference.Append(above0[y], strconv.Itoa(yr))
	}
	return indirect(res, price, tariff, opt)
}

// indirect adds BurdenIndirect: relative carrier price changes set the
// prices of their IO sectors (spending-weighted when several carriers share
// one), the cost-push model spreads them, and each group's consumption
// (ConsumptionShare × income, structured like the table's household column)
// pays the non-energy price changes.
func indirect(res *Result, price, tariff []float64, opt Options) error {
	h, tab := opt.Households, opt.Model.Table
	if tab.Household < 0 {
		return nil
	}
	ny := len(res.Years)
	var exog []int
	weight := map[int][]int{} // sector -> carriers
	for ci, c := range h.Carriers {
		if c.Sector == "" {
			continue
		}
		s := tab.Index(c.Sector)
		if s < 0 {
			return fmt.Errorf("economy: %s: carrier %s: io_sector %q is not a sector of the IO table", h.File, c.Name, c.Sector)
		}
		if weight[s] == nil {
			exog = append(exog, s)
		}
		weight[s] = append(weight[s], ci)
	}
	if len(exog) == 0 {
		return nil
	}
	cp, err := opt.Model.CostPush(exog)
	if err != nil {
		return err
	}
	k := len(tab.Final)
	hhTotal := 0.0
	for i := 0; i < tab.N(); i++ {
		hhTotal += tab.F[i*k+tab.Household]
	}
	isExog := map[int]bool{}
	for _, s := range exog {
		isExog[s] = true
	}
	// Mean use for spending weights.
	mean := make([]float64, len(h.Carriers))
	for _, g := range h.Groups {
		for ci := range h.Carriers {
			mean[ci] += g.Weight * g.Use[ci]
		}
	}
	dpE := make([]float64, len(exog))
	dp := make([]float64, tab.N())
	perIncome := make([]float64, ny) // Σ_i s_i Δp_i
	for y := 0; y < ny; y++ {
		for a, s := range exog {
			num, den := 0.0, 0.0
			for _, ci := range weight[s] {
				w := mean[ci] * tariff[ci*ny+y]
				if tariff[ci*ny+y] > 0 {
					num += w * (price[ci*ny+y] - tariff[ci*ny+y]) / tariff[ci*ny+y]
				}
				den += w
			}
			dpE[a] = 0
			if den > 0 {
				dpE[a] = num / den
			}
		}
		if err := cp.Solve(dp, dpE); err != nil {
			return err
		}
		for i := 0; i < tab.N(); i++ {
			if !isExog[i] && hhTotal > 0 {
				perIncome[y] += tab.F[i*k+tab.Household] / hhTotal * dp[i]
			}
		}
	}
	res.BurdenIndirect = &results.Table{Name: "EnergyBurdenIndirect", Indices: []string{"GROUP", "YEAR"},
		Unit: labelled("fraction of income", h.Proxy || tab.Proxy)}
	for _, g := range h.Groups {
		for y, yr := range res.Years {
			res.BurdenIndirect.Append(g.ConsumptionShare*perIncome[y], g.Name, strconv.Itoa(yr))
		}
	}
	return nil
}
