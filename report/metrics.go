package report

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"blueprint/results"
)

// Exogenous names the part of AnnualEmissions that no technology emits
// (AnnualExogenousEmission), shown as its own sector.
const Exogenous = "(exogenous)"

// table gives column positions of a result table by name.
type table struct {
	t   *results.Table
	col map[string]int
}

func tableOf(r *results.Results, name string) *table {
	t := r.Table(name)
	if t == nil {
		return nil
	}
	tb := &table{t: t, col: make(map[string]int, len(t.Indices))}
	for i, n := range t.Indices {
		tb.col[n] = i
	}
	return tb
}

// each calls fn for every row; fn reads columns through get.
func (tb *table) each(fn func(get func(col string) string, v float64)) {
	if tb == nil {
		return
	}
	var key []string
	get := func(c string) string {
		i, ok := tb.col[c]
		if !ok {
			return ""
		}
		return key[i]
	}
	for i := 0; i < tb.t.Len(); i++ {
		key = tb.t.Key(i)
		fn(get, tb.t.Values[i])
	}
}

func (tb *table) unit() string {
	if tb == nil {
		return ""
	}
	return tb.t.Unit
}

// series is a value per report year.
type series []float64

// scenRun holds what the report shows of one run, by report year.
type scenRun struct {
	name string
	res  *results.Results

	emissions   series            // counted emissions
	byEmission  map[string]series // counted emission → series
	bySector    map[string]series // counted emissions by sector (+ Exogenous)
	investment  series            // CapitalInvestment
	opex        series            // AnnualFixedOperatingCost + AnnualVariableOperatingCost
	penalty     series            // AnnualTechnologyEmissionsPenalty (carbon payments)
	investBySec map[string]series
	retired     series // RetiredCapacity (nil without the table)
	retiredBy   map[string]series
	stranded    series // StrandedCost (nil without the table)
	strandedBy  map[string]series
	// retiredAsset and strandedAsset split retirement and stranded cost
	// by asset class: the measure (technology group) of the retired plant.
	retiredAsset, strandedAsset map[string]series
	// assetSectors holds, per asset class, the sectors of the technologies
	// that actually retire (a measure such as a coal phase-out spans
	// several sectors; the table names those of the retired plants).
	assetSectors map[string]map[string]bool
	price        map[string]series // CarbonPrice by emission (max over regions)
	cost         float64           // Σ TotalDiscountedCost
	nonFossil    series            // share 0..1, NaN when undefined
	elecHeat     series
	elecTrans    series
	share        map[string]series // measure → share of the fuels it supplies

	// Base-year splits (section 1).
	baseSectorEmission map[string]map[string]float64 // sector → emission → value
	baseFuel           map[string]float64            // fuel → value
}

// cumulative returns the running sum of s.
func (s series) cumulative() series {
	out := make(series, len(s))
	c := 0.0
	for i, v := range s {
		c += v
		out[i] = c
	}
	return out
}

func (s series) last() float64 { return s[len(s)-1] }

// yearLess orders years numerically when both parse, else as text.
func yearLess(a, b string) bool {
	x, e1 := strconv.ParseFloat(a, 64)
	y, e2 := strconv.ParseFloat(b, 64)
	if e1 == nil && e2 == nil {
		return x < y
	}
	return a < b
}

// collectYears returns the years of the runs' main tables, sorted.
func collectYears(runs []*results.Results) []string {
	set := map[string]bool{}
	for _, r := range runs {
		for _, name := range []string{"AnnualEmissions", "TotalCapacityAnnual", "ProductionByTechnologyAnnual", "CapitalInvestment"} {
			tableOf(r, name).each(func(get func(string) string, _ float64) {
				if y := get("YEAR"); y != "" {
					set[y] = true
				}
			})
		}
	}
	out := make([]string, 0, len(set))
	for y := range set {
		out = append(out, y)
	}
	sort.Slice(out, func(i, j int) bool { return yearLess(out[i], out[j]) })
	return out
}

// defaultEmissions picks the counted emissions: the CO2 family when the
// runs have one, else every emission; aggregates (names ending in _TOT or
// TOTAL) never count, so nothing is counted twice.
func defaultEmissions(runs []*results.Results) []string {
	set := map[string]bool{}
	for _, r := range runs {
		tableOf(r, "AnnualEmissions").each(func(get func(string) string, _ float64) {
			set[get("EMISSION")] = true
		})
	}
	var all, co2 []string
	for e := range set {
		u := strings.ToUpper(e)
		if strings.HasSuffix(u, "_TOT") || strings.HasSuffix(u, "TOTAL") {
			continue
		}
		all = append(all, e)
		if strings.HasPrefix(u, "CO2") {
			co2 = append(co2, e)
		}
	}
	sort.Strings(all)
	sort.Strings(co2)
	if len(co2) > 0 {
		return co2
	}
	return all
}

var (
	reElectricity = regexp.MustCompile(`(?i)^(elc|elec)|electric`)
	reHeat        = regexp.MustCompile(`(?i)heat|heating|供热|采暖|供暖`)
	reTransport   = regexp.MustCompile(`(?i)transport|road|rail|aviation|vehicle|交通`)
)

// reSupplySide marks supply-side sector names (power and heat plants),
// which the default heat and transport patterns must not select.
var reSupplySide = regexp.MustCompile(`(?i)power|supply|generation|electricity`)

// matcher is a set of names, or a regular expression when the set is
// empty (then never matching names that exclude matches).
type matcher struct {
	names   map[string]bool
	re      *regexp.Regexp
	exclude *regexp.Regexp
}

func newMatcher(names []string, re *regexp.Regexp) matcher {
	if len(names) == 0 {
		return matcher{re: re}
	}
	m := matcher{names: map[string]bool{}}
	for _, n := range names {
		m.names[n] = true
	}
	return m
}

func (m matcher) match(s string) bool {
	if m.names != nil {
		return m.names[s]
	}
	return m.re != nil && m.re.MatchString(s) && (m.exclude == nil || !m.exclude.MatchString(s))
}

// endUse is a matcher for end-use sectors: its default pattern never
// selects supply-side sectors.
func endUse(names []string, re *regexp.Regexp) matcher {
	m := newMatcher(names, re)
	if m.names == nil {
		m.exclude = reSupplySide
	}
	return m
}

// analyse computes a run's series over years.
func (b *builder) analyse(name string, r *results.Results) *scenRun {
	n := len(b.years)
	yi := b.yearIndex
	sc := &scenRun{name: name, res: r, emissions: make(series, n), byEmission: map[string]series{},
		bySector: map[string]series{}, investment: make(series, n), investBySec: map[string]series{},
		price: map[string]series{}, share: map[string]series{},
		baseSectorEmission: map[string]map[string]float64{}, baseFuel: map[string]float64{}}
	add := func(m map[string]series, k string, j int, v float64) {
		s := m[k]
		if s == nil {
			s = make(series, n)
			m[k] = s
		}
		s[j] += v
	}
	tableOf(r, "AnnualEmissions").each(func(get func(string) string, v float64) {
		j, ok := yi[get("YEAR")]
		if !ok || !b.counted[get("EMISSION")] {
			return
		}
		sc.emissions[j] += v
		add(sc.byEmission, get("EMISSION"), j, v)
	})
	// Emissions by sector, and the base year by sector × emission.
	techEm := map[string]float64{} // base-year counted emissions by technology
	emitters := map[string]bool{}
	covered := make(series, n)
	tableOf(r, "AnnualTechnologyEmission").each(func(get func(string) string, v float64) {
		j, ok := yi[get("YEAR")]
		if !ok || !b.counted[get("EMISSION")] {
			return
		}
		t := get("TECHNOLOGY")
		sec := r.GroupOf(t).Sector
		add(sc.bySector, sec, j, v)
		covered[j] += v
		if v > 0 {
			emitters[t] = true
		}
		if j == b.base {
			m := sc.baseSectorEmission[sec]
			if m == nil {
				m = map[string]float64{}
				sc.baseSectorEmission[sec] = m
			}
			m[get("EMISSION")] += v
			techEm[t] += v
		}
	})
	for j := range covered {
		if d := sc.emissions[j] - covered[j]; math.Abs(d) > 1e-9*math.Max(1, math.Abs(sc.emissions[j])) {
			add(sc.bySector, Exogenous, j, d)
			if j == b.base {
				if sc.baseSectorEmission[Exogenous] == nil {
					sc.baseSectorEmission[Exogenous] = map[string]float64{}
				}
				sc.baseSectorEmission[Exogenous]["—"] += d
			}
		}
	}
	// Fuel flows.
	use := map[string]map[string]series{}  // tech → fuel → use
	prod := map[string]map[string]series{} // tech → fuel → production
	usedFuel := map[string]bool{}
	addTF := func(m map[string]map[string]series, t, f string, j int, v float64) {
		if m[t] == nil {
			m[t] = map[string]series{}
		}
		add(m[t], f, j, v)
	}
	tableOf(r, "UseByTechnologyAnnual").each(func(get func(string) string, v float64) {
		if j, ok := yi[get("YEAR")]; ok {
			addTF(use, get("TECHNOLOGY"), get("FUEL"), j, v)
			usedFuel[get("FUEL")] = true
		}
	})
	// A fuel nobody uses that is only ever a co-product (its producers all
	// make another fuel too) is an accounting output, such as a
	// primary-energy counter: it is left out of fuel splits and shares.
	outputs := map[string]map[string]bool{} // tech → fuels produced
	tableOf(r, "ProductionByTechnologyAnnual").each(func(get func(string) string, _ float64) {
		t := get("TECHNOLOGY")
		if outputs[t] == nil {
			outputs[t] = map[string]bool{}
		}
		outputs[t][get("FUEL")] = true
	})
	accounting := map[string]bool{}
	for _, t := range keys(outputs) {
		for f := range outputs[t] {
			if !usedFuel[f] {
				accounting[f] = true
			}
		}
	}
	for _, t := range keys(outputs) {
		if len(outputs[t]) == 1 {
			for f := range outputs[t] {
				accounting[f] = false // some technology makes only f
			}
		}
	}
	tableOf(r, "ProductionByTechnologyAnnual").each(func(get func(string) string, v float64) {
		if j, ok := yi[get("YEAR")]; ok && !accounting[get("FUEL")] {
			addTF(prod, get("TECHNOLOGY"), get("FUEL"), j, v)
		}
	})
	// Base-year emissions by fuel.
	sc.baseFuel = splitByFuel(techEm, use, prod, b.base)
	// Non-fossil share of primary supply.
	fossilFuel := map[string]bool{}
	for t := range emitters {
		for f := range use[t] {
			fossilFuel[f] = true
		}
	}
	techEmAll := map[string]series{}
	tableOf(r, "AnnualTechnologyEmission").each(func(get func(string) string, v float64) {
		if j, ok := yi[get("YEAR")]; ok && b.counted[get("EMISSION")] {
			add(techEmAll, get("TECHNOLOGY"), j, v)
		}
	})
	sc.nonFossil = make(series, n)
	total, fossil := make(series, n), make(series, n)
	for _, t := range keys(prod) {
		outs := prod[t]
		if len(use[t]) > 0 {
			continue // converts energy: not primary supply
		}
		supplies := false
		for f := range outs {
			if usedFuel[f] {
				supplies = true
			}
		}
		if !supplies {
			continue // e.g. an efficiency measure meeting demand directly
		}
		var intensity series
		peak := 0.0
		if em := techEmAll[t]; em != nil {
			intensity = make(series, n)
			for j := range em {
				if p := sumAt(outs, j); p > 0 {
					intensity[j] = em[j] / p
					peak = math.Max(peak, intensity[j])
				}
			}
		}
		ref := peak
		if intensity != nil && intensity[b.base] > 0 {
			ref = intensity[b.base]
		}
		for _, f := range keys(outs) {
			s := outs[f]
			if !usedFuel[f] {
				continue
			}
			for j, v := range s {
				total[j] += v
				switch {
				case ref > 0:
					fossil[j] += v * math.Min(1, intensity[j]/ref)
				case fossilFuel[f]:
					fossil[j] += v
				}
			}
		}
	}
	for j := range total {
		sc.nonFossil[j] = math.NaN()
		if total[j] > 0 {
			sc.nonFossil[j] = 1 - fossil[j]/total[j]
		}
	}
	// Electrification of heat and transport.
	sc.elecHeat = b.electrification(r, use, prod, b.heat)
	sc.elecTrans = b.electrification(r, use, prod, b.transport)
	// Measures' shares of the fuels they supply.
	measureFuels := map[string]map[string]bool{}
	fuelTotal := map[string]series{}
	for _, t := range keys(prod) {
		outs := prod[t]
		m := r.GroupOf(t).Measure
		if measureFuels[m] == nil {
			measureFuels[m] = map[string]bool{}
		}
		for _, f := range keys(outs) {
			s := outs[f]
			measureFuels[m][f] = true
			for j, v := range s {
				add(fuelTotal, f, j, v)
			}
		}
	}
	// A fuel that only the measure's own technologies make is an
	// intermediate inside the measure (the imported SAF its aircraft burn,
	// the hydrogen of a hydrogen chain): counting it would add a share of
	// 100 % to the measure's real share of the fuels it competes for. The
	// share counts the fuels some other measure also makes, or all the
	// measure's fuels when it competes for none.
	makers := map[string]map[string]bool{} // fuel → measures making it
	for _, t := range keys(prod) {
		for f := range prod[t] {
			if makers[f] == nil {
				makers[f] = map[string]bool{}
			}
			makers[f][r.GroupOf(t).Measure] = true
		}
	}
	for m, fs := range measureFuels {
		contested := map[string]bool{}
		for f := range fs {
			if len(makers[f]) > 1 {
				contested[f] = true
			}
		}
		if len(contested) > 0 {
			measureFuels[m] = contested
		}
	}
	for _, t := range keys(prod) {
		m := r.GroupOf(t).Measure
		for _, f := range keys(prod[t]) {
			if !measureFuels[m][f] {
				continue
			}
			for j, v := range prod[t][f] {
				add(sc.share, m, j, v)
			}
		}
	}
	for m, s := range sc.share {
		den := make(series, n)
		for _, f := range keys(measureFuels[m]) {
			for j, v := range fuelTotal[f] {
				den[j] += v
			}
		}
		for j := range s {
			if den[j] > 0 {
				s[j] /= den[j]
			} else {
				s[j] = 0
			}
		}
	}
	// Money and capacity.
	tableOf(r, "CapitalInvestment").each(func(get func(string) string, v float64) {
		if j, ok := yi[get("YEAR")]; ok {
			sc.investment[j] += v
			add(sc.investBySec, r.GroupOf(get("TECHNOLOGY")).Sector, j, v)
		}
	})
	if tb := tableOf(r, "RetiredCapacity"); tb != nil {
		sc.retired, sc.retiredBy, sc.retiredAsset = make(series, n), map[string]series{}, map[string]series{}
		tb.each(func(get func(string) string, v float64) {
			if j, ok := yi[get("YEAR")]; ok {
				g := r.GroupOf(get("TECHNOLOGY"))
				sc.retired[j] += v
				add(sc.retiredBy, g.Sector, j, v)
				add(sc.retiredAsset, g.Measure, j, v)
				sc.addAssetSector(g.Measure, g.Sector)
			}
		})
	}
	if tb := tableOf(r, "StrandedCost"); tb != nil {
		sc.stranded, sc.strandedBy, sc.strandedAsset = make(series, n), map[string]series{}, map[string]series{}
		tb.each(func(get func(string) string, v float64) {
			if j, ok := yi[get("YEAR")]; ok {
				g := r.GroupOf(get("TECHNOLOGY"))
				sc.stranded[j] += v
				add(sc.strandedBy, g.Sector, j, v)
				add(sc.strandedAsset, g.Measure, j, v)
				sc.addAssetSector(g.Measure, g.Sector)
			}
		})
	}
	tableOf(r, "CarbonPrice").each(func(get func(string) string, v float64) {
		j, ok := yi[get("YEAR")]
		if !ok {
			return
		}
		e := get("EMISSION")
		s := sc.price[e]
		if s == nil {
			s = make(series, n)
			sc.price[e] = s
		}
		s[j] = math.Max(s[j], v)
	})
	tableOf(r, "TotalDiscountedCost").each(func(_ func(string) string, v float64) { sc.cost += v })
	sc.opex, sc.penalty = make(series, n), make(series, n)
	for _, name := range []string{"AnnualFixedOperatingCost", "AnnualVariableOperatingCost"} {
		tableOf(r, name).each(func(get func(string) string, v float64) {
			if j, ok := yi[get("YEAR")]; ok {
				sc.opex[j] += v
			}
		})
	}
	tableOf(r, "AnnualTechnologyEmissionsPenalty").each(func(get func(string) string, v float64) {
		if j, ok := yi[get("YEAR")]; ok {
			sc.penalty[j] += v
		}
	})
	return sc
}

// electrification returns, by year, the electric share of the energy used
// by the technologies that m selects (by sector, or by a fuel they
// produce): electricity itself, and fuels made from electricity upstream
// (district heat from heat pumps or electric boilers, hydrogen from
// electrolysis) in the share of electricity in their producers' inputs
// (see electricShare); NaN where they use nothing.
func (b *builder) electrification(r *results.Results, use, prod map[string]map[string]series, m matcher) series {
	n := len(b.years)
	elec, all := make(series, n), make(series, n)
	share := b.electricShare(use, prod)
	for _, t := range keys(use) {
		fuels := use[t]
		in := m.match(r.GroupOf(t).Sector)
		if !in {
			for f := range prod[t] {
				if m.match(f) {
					in = true
				}
			}
		}
		if !in {
			continue
		}
		for _, f := range keys(fuels) {
			for j, v := range fuels[f] {
				all[j] += v
				elec[j] += v * share(f, j)
			}
		}
	}
	out := make(series, n)
	for j := range out {
		out[j] = math.NaN()
		if all[j] > 0 {
			out[j] = elec[j] / all[j]
		}
	}
	return out
}

// electricShare returns the share of fuel f in year j that is electricity:
// 1 for an electricity fuel; else the production-weighted share of its
// producers' inputs that is electric, followed upstream (at most 6 steps,
// so loops end); 0 for fuels made from no input.
func (b *builder) electricShare(use, prod map[string]map[string]series) func(f string, j int) float64 {
	producers := map[string][]string{}
	for _, t := range keys(prod) {
		for f := range prod[t] {
			producers[f] = append(producers[f], t)
		}
	}
	type key struct {
		f string
		j int
	}
	memo := map[key]float64{}
	var share func(f string, j, depth int) float64
	share = func(f string, j, depth int) float64 {
		if b.electricity.match(f) {
			return 1
		}
		if depth == 0 {
			return 0
		}
		if v, ok := memo[key{f, j}]; ok {
			return v
		}
		num, den := 0.0, 0.0
		for _, t := range producers[f] {
			p := prod[t][f][j]
			if p <= 0 {
				continue
			}
			in, e := 0.0, 0.0
			for _, g := range keys(use[t]) {
				v := use[t][g][j]
				in += v
				if v > 0 {
					e += v * share(g, j, depth-1)
				}
			}
			den += p
			if in > 0 {
				num += p * e / in
			}
		}
		v := 0.0
		if den > 0 {
			v = num / den
		}
		memo[key{f, j}] = v
		return v
	}
	return func(f string, j int) float64 { return share(f, j, 6) }
}

// sumAt sums m's series at index j, in key order (deterministic).
func sumAt(m map[string]series, j int) float64 {
	s := 0.0
	for _, k := range keys(m) {
		s += m[k][j]
	}
	return s
}

// keys returns m's keys sorted.
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sortedKeys returns m's keys ordered by the value of rank (descending),
// ties by name.
func sortedKeys[V any](m map[string]V, rank func(V) float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := rank(m[out[i]]), rank(m[out[j]])
		if a != b {
			return a > b
		}
		return out[i] < out[j]
	})
	return out
}

// addAssetSector records that a technology of sector sec retires under
// asset class m.
func (sc *scenRun) addAssetSector(m, sec string) {
	if sc.assetSectors == nil {
		sc.assetSectors = map[string]map[string]bool{}
	}
	if sc.assetSectors[m] == nil {
		sc.assetSectors[m] = map[string]bool{}
	}
	sc.assetSectors[m][sec] = true
}

// splitByFuel splits the base-year (index base) emissions of each
// technology (techEm) over the fuels it uses, in proportion to each fuel's
// emissions rather than its energy: a fuel's emission intensity is
// inferred from the technologies that burn only that fuel (Σ emissions ÷
// Σ use), so a vehicle burning gasoline and LPG splits its CO2 as
// use × intensity of each, as an inventory does. A fuel of unknown
// intensity (no single-fuel user) takes what the known fuels leave of the
// technology's emissions, by energy; a technology none of whose fuels has a
// known intensity splits by energy, and one that uses no fuel splits over
// its outputs ("—" when it has none).
func splitByFuel(techEm map[string]float64, use, prod map[string]map[string]series, base int) map[string]float64 {
	em, in := map[string]float64{}, map[string]float64{}
	for _, t := range keys(use) {
		var only string
		n := 0
		for _, f := range keys(use[t]) {
			if use[t][f][base] > 0 {
				only = f
				n++
			}
		}
		if n == 1 {
			em[only] += techEm[t]
			in[only] += use[t][only][base]
		}
	}
	intensity := map[string]float64{}
	for f, u := range in {
		intensity[f] = em[f] / u
	}
	out := map[string]float64{}
	for _, t := range keys(techEm) {
		e := techEm[t]
		split := use[t]
		if sumAt(split, base) == 0 {
			split = prod[t]
		}
		tot := sumAt(split, base)
		if tot == 0 {
			out["—"] += e
			continue
		}
		known, unknown := map[string]float64{}, map[string]float64{}
		sk, su := 0.0, 0.0
		for _, f := range keys(split) {
			v := split[f][base]
			if v <= 0 {
				continue
			}
			if k, ok := intensity[f]; ok {
				known[f] = v * k
				sk += v * k
			} else {
				unknown[f] = v
				su += v
			}
		}
		switch {
		case len(known) == 0 || sk == 0 && su == 0 || sumAt(use[t], base) == 0:
			// No intensity to go by (or an output split): by energy.
			for _, f := range keys(split) {
				out[f] += e * split[f][base] / tot
			}
		case su > 0 && sk <= e:
			for f, v := range known {
				out[f] += v
			}
			for f, v := range unknown {
				out[f] += (e - sk) * v / su
			}
		case sk > 0:
			for f, v := range known {
				out[f] += e * v / sk
			}
		default: // only zero-intensity known fuels and nothing else
			for _, f := range keys(split) {
				out[f] += e * split[f][base] / tot
			}
		}
	}
	return out
}
