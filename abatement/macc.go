package abatement

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"blueprint/lp"
	"blueprint/model"
	"blueprint/pathway"
	"blueprint/results"
	"blueprint/scenario"
)

// Solver solves a model and reads its results. [pathway.Session] is the
// Solver of a sweep: it keeps one solver and warm-starts each re-solve from
// the previous basis when only costs changed, as they do under a carbon
// price.
type Solver interface {
	Solve(ctx context.Context, m *model.Model) (*pathway.Run, error)
}

var _ Solver = (*pathway.Session)(nil)

// MACCOptions control [MACC].
type MACCOptions struct {
	// Emission is the emission priced and counted; "" means CO2.
	Emission string
	// Years are the years whose emissions count; nil counts every model
	// year (cumulative emissions over the horizon, Σ_y AnnualEmissions as
	// OSeMOSYS's model-period limit counts them).
	Years []string
	// Progress, when set, is called after each price with the point's
	// index i (from 0), the number of prices n and the point.
	Progress func(i, n int, p Point)
}

// Point is one solve of a carbon-price sweep.
type Point struct {
	// Price is the carbon price added to EmissionsPenalty in every region
	// and year (money per unit of emission, the model's units).
	Price float64 `json:"price"`
	// Abatement is the emissions of the zero-price solution minus
	// Emissions, over the counted years.
	Abatement float64 `json:"abatement"`
	// Emissions are AnnualEmissions summed over regions and counted years.
	Emissions float64 `json:"emissions"`
	// Objective is the optimal total discounted cost, carbon penalty
	// included.
	Objective float64 `json:"objective"`
	// Iterations are the simplex iterations of this solve.
	Iterations int `json:"iterations"`
	// Seconds is the wall time of this point: applying the price,
	// building, solving and reading the results.
	Seconds float64 `json:"seconds"`
	// Warm reports a re-solve from the previous basis.
	Warm bool `json:"warm"`
}

// Share is the abatement of one technology at one price: its emissions at
// zero price minus those at Price (negative when it emits more). The credit
// goes to the emitters whose emissions fall; technologies that displace
// them without emitting (heat pumps, renewables) have no share.
type Share struct {
	Price      float64 `json:"price"`
	Technology string  `json:"technology"`
	Sector     string  `json:"sector"`
	Measure    string  `json:"measure"`
	Abatement  float64 `json:"abatement"`
}

// Curve is a model-derived marginal abatement cost curve: the abatement
// reached at each carbon price, and who abates.
type Curve struct {
	// Model and Emission name what was swept.
	Model    string `json:"model"`
	Emission string `json:"emission"`
	// Years are the counted years; Cumulative is true when they are all
	// the model's years.
	Years      []string `json:"years"`
	Cumulative bool     `json:"cumulative"`
	// PriceUnit and EmissionUnit are the model's units ("" when it
	// declares none).
	PriceUnit    string `json:"price_unit,omitempty"`
	EmissionUnit string `json:"emission_unit,omitempty"`
	// Points in price order, the first at price zero.
	Points []Point `json:"points"`
	// Attribution holds, for each price (in order) and technology (in
	// model order), the technology's abatement where it exceeds 1e-9 of
	// the zero-price emissions (smaller differences are solver noise).
	Attribution []Share `json:"attribution"`
}

// ParsePrices reads a price list: "START:STOP:STEP" (inclusive, e.g.
// 0:2000:50) or comma-separated prices ("0,10,50,100"). Prices must be
// non-negative, finite and strictly increasing.
func ParsePrices(s string) ([]float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("empty price list (want START:STOP:STEP or P1,P2,...)")
	}
	var out []float64
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%q: want START:STOP:STEP", s)
		}
		var v [3]float64
		for i, p := range parts {
			x, err := parseFloat(p)
			if err != nil {
				return nil, fmt.Errorf("%q: %s: %w", s, [3]string{"start", "stop", "step"}[i], err)
			}
			v[i] = x
		}
		if v[2] <= 0 {
			return nil, fmt.Errorf("%q: step %v must be positive", s, v[2])
		}
		if v[1] < v[0] {
			return nil, fmt.Errorf("%q: stop %v is below start %v (prices must increase)", s, v[1], v[0])
		}
		steps := math.Floor((v[1] - v[0]) / v[2] * (1 + 1e-12))
		if !(steps < 100000) {
			return nil, fmt.Errorf("%q: more than 100000 prices", s)
		}
		n := int(steps) + 1
		for i := 0; i < n; i++ {
			out = append(out, v[0]+float64(i)*v[2])
		}
	} else {
		for i, p := range strings.Split(s, ",") {
			x, err := parseFloat(p)
			if err != nil {
				return nil, fmt.Errorf("price %d: %w", i+1, err)
			}
			out = append(out, x)
		}
	}
	for i, p := range out {
		if p < 0 {
			return nil, fmt.Errorf("price %d: %v is negative", i+1, p)
		}
		if i > 0 && p <= out[i-1] {
			return nil, fmt.Errorf("price %d: %v does not exceed the previous price %v (prices must increase)", i+1, p, out[i-1])
		}
	}
	return out, nil
}

func parseFloat(s string) (float64, error) {
	s = strings.TrimSpace(s)
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return x, nil
}

// MACC sweeps the carbon price of m over prices (non-negative, strictly
// increasing; a zero price is solved first when prices does not start at
// zero) and reports, at each price, the emissions and the abatement against
// the zero-price solution, with each technology's share of it. The price
// is applied with [scenario.Knobs] to a clone of m (m is not changed) and
// solved with s; with a [pathway.Session] every solve after the first
// starts from the previous optimal basis.
//
// Errors name the option at fault: an unknown emission, a year that is not
// one of the model's years, a price list that does not increase; a solve
// that ends without an optimum names its price.
func MACC(ctx context.Context, m *model.Model, s Solver, prices []float64, opt MACCOptions) (*Curve, error) {
	em := opt.Emission
	if em == "" {
		em = "CO2"
	}
	if _, ok := m.Set("EMISSION").Index(em); !ok {
		return nil, fmt.Errorf("emission %q is not in the model (EMISSION: %s)", em, strings.Join(m.Set("EMISSION").Elems, ", "))
	}
	years, err := pickYears(m, opt.Years)
	if err != nil {
		return nil, err
	}
	for i, p := range prices {
		if !(p >= 0) || math.IsInf(p, 0) {
			return nil, fmt.Errorf("price %d: %v is not a non-negative number", i+1, p)
		}
		if i > 0 && p <= prices[i-1] {
			return nil, fmt.Errorf("price %d: %v does not exceed the previous price %v (prices must increase)", i+1, p, prices[i-1])
		}
	}
	if len(prices) == 0 || prices[0] != 0 {
		prices = append([]float64{0}, prices...)
	}
	c := &Curve{Model: m.Name, Emission: em, Years: years, Cumulative: len(opt.Years) == 0}
	if p := m.Param("EmissionsPenalty"); p != nil {
		c.PriceUnit = m.UnitOf(p)
	}
	counted := map[string]bool{}
	for _, y := range years {
		counted[y] = true
	}
	techs := m.Set("TECHNOLOGY").Elems
	var base []float64 // emissions by technology at zero price
	noise := 0.0       // differences below this are solver noise
	for i, price := range prices {
		t0 := time.Now()
		pm := m.Clone()
		k := scenario.Knobs{CarbonPrice: map[string]scenario.Path{em: {Values: []float64{price}}}}
		if err := k.Apply(pm); err != nil {
			return nil, fmt.Errorf("price %v: %w", price, err)
		}
		run, err := s.Solve(ctx, pm)
		if err != nil {
			return nil, fmt.Errorf("price %v: %w", price, err)
		}
		if st := run.Solution.Status; st != lp.Optimal || run.Results == nil {
			return nil, fmt.Errorf("price %v: the solve ended %v: %w", price, st, st.Err())
		}
		res := run.Results
		total, unit := sumEmissions(res.Table("AnnualEmissions"), em, counted, nil)
		if c.EmissionUnit == "" {
			c.EmissionUnit = unit
		}
		byTech := make([]float64, len(techs))
		sumEmissions(res.Table("AnnualTechnologyEmission"), em, counted, func(tech string, v float64) {
			if j, ok := m.Set("TECHNOLOGY").Index(tech); ok {
				byTech[j] += v
			}
		})
		pt := Point{Price: price, Emissions: total, Objective: run.Solution.Objective,
			Iterations: run.Solution.Iterations, Warm: run.Warm}
		if i == 0 {
			base = byTech
			noise = 1e-9 * math.Max(1, math.Abs(total))
		} else {
			pt.Abatement = c.Points[0].Emissions - total
		}
		for j, t := range techs {
			if a := base[j] - byTech[j]; math.Abs(a) > noise {
				g := res.GroupOf(t)
				c.Attribution = append(c.Attribution, Share{Price: price, Technology: t, Sector: g.Sector, Measure: g.Measure, Abatement: a})
			}
		}
		pt.Seconds = time.Since(t0).Seconds()
		c.Points = append(c.Points, pt)
		if opt.Progress != nil {
			opt.Progress(i, len(prices), pt)
		}
	}
	return c, nil
}

// pickYears checks the requested years against m's YEAR set; nil means all.
func pickYears(m *model.Model, want []string) ([]string, error) {
	ys := m.Set("YEAR")
	if len(want) == 0 {
		return append([]string(nil), ys.Elems...), nil
	}
	var out []string
	for _, y := range want {
		e, ok := ys.Lookup(strings.TrimSpace(y))
		if !ok {
			return nil, fmt.Errorf("year %q is not one of the model's years (%s–%s)", y, ys.Elems[0], ys.Elems[len(ys.Elems)-1])
		}
		out = append(out, ys.Elems[e])
	}
	return out, nil
}

// sumEmissions sums a table's VALUE over rows of emission em in the counted
// years; each row is also handed to f with its TECHNOLOGY (when the table
// has that column and f is not nil).
func sumEmissions(t *results.Table, em string, counted map[string]bool, f func(tech string, v float64)) (total float64, unit string) {
	if t == nil {
		return 0, ""
	}
	ei, yi, ti := col(t, "EMISSION"), col(t, "YEAR"), col(t, "TECHNOLOGY")
	if ei < 0 || yi < 0 {
		return 0, t.Unit
	}
	for r := 0; r < t.Len(); r++ {
		k := t.Key(r)
		if k[ei] != em || !counted[k[yi]] {
			continue
		}
		total += t.Values[r]
		if f != nil && ti >= 0 {
			f(k[ti], t.Values[r])
		}
	}
	return total, t.Unit
}

// col returns the position of index column name in t, or -1.
func col(t *results.Table, name string) int {
	for i, n := range t.Indices {
		if n == name {
			return i
		}
	}
	return -1
}

// Step is one coloured segment of the MACC step chart: the abatement a
// group adds between the previous price and Price.
type Step struct {
	Price     float64 `json:"price"`
	Group     string  `json:"group"`
	Abatement float64 `json:"abatement"`
}

// Steps returns the increments of abatement between consecutive prices by
// group ("measure", "sector" or "technology"), in price order and, within
// a price, in first-seen group order. Increments are exact differences of
// the attribution; some may be negative (a group whose emissions rise as
// the price rises, such as gas replacing coal). For each price the
// increments sum to the increase in total abatement.
func (c *Curve) Steps(by string) ([]Step, error) {
	key, err := groupKey(by)
	if err != nil {
		return nil, err
	}
	var order []string
	seen := map[string]bool{}
	for _, s := range c.Attribution {
		if g := key(s); !seen[g] {
			seen[g] = true
			order = append(order, g)
		}
	}
	prev := map[string]float64{}
	var out []Step
	a := 0
	for _, p := range c.Points[1:] {
		cur := map[string]float64{}
		for ; a < len(c.Attribution) && c.Attribution[a].Price == p.Price; a++ {
			cur[key(c.Attribution[a])] += c.Attribution[a].Abatement
		}
		for _, g := range order {
			if d := cur[g] - prev[g]; d != 0 {
				out = append(out, Step{Price: p.Price, Group: g, Abatement: d})
			}
		}
		prev = cur
	}
	return out, nil
}

func groupKey(by string) (func(Share) string, error) {
	switch by {
	case "measure", "":
		return func(s Share) string { return s.Measure }, nil
	case "sector":
		return func(s Share) string { return s.Sector }, nil
	case "technology":
		return func(s Share) string { return s.Technology }, nil
	}
	return nil, fmt.Errorf("unknown grouping %q (want measure, sector or technology)", by)
}

// ChartSteps turns [Curve.Steps] into the steps of a MACC chart: for each
// price with a positive increase in total abatement, one step per group
// that abates more, at height Price. Where some groups' emissions rise, the
// positive increments are scaled down in proportion so that the steps'
// widths add up to the net increase in abatement and the chart's x axis is
// the curve's total abatement; the exact increments are in Steps.
func ChartSteps(steps []Step) []Step {
	var out []Step
	for i := 0; i < len(steps); {
		j := i
		pos, net := 0.0, 0.0
		for ; j < len(steps) && steps[j].Price == steps[i].Price; j++ {
			net += steps[j].Abatement
			if steps[j].Abatement > 0 {
				pos += steps[j].Abatement
			}
		}
		if net > 0 {
			for _, s := range steps[i:j] {
				if s.Abatement > 0 {
					out = append(out, Step{Price: s.Price, Group: s.Group, Abatement: s.Abatement * net / pos})
				}
			}
		}
		i = j
	}
	return out
}

// Groups returns the distinct group names of the attribution by by, sorted.
func (c *Curve) Groups(by string) []string {
	key, err := groupKey(by)
	if err != nil {
		return nil
	}
	set := map[string]bool{}
	for _, s := range c.Attribution {
		set[key(s)] = true
	}
	out := make([]string, 0, len(set))
	for g := range set {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}
