package scenario

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"blueprint/model"
)

// Path is a value by year, given at a few years: linear between them, held
// at the last value after the last year, and absent before the first. A
// path given as a single number without a year applies to every year.
type Path struct {
	Years  []int
	Values []float64
}

// ParsePath reads "2025:100,2050:300" (year:value pairs in increasing year
// order) or a single number ("150", every year).
func ParsePath(s string) (Path, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Path{}, errors.New("empty path (want YEAR:VALUE,... or one VALUE)")
	}
	if !strings.Contains(s, ":") {
		v, err := parseNumber(s)
		if err != nil {
			return Path{}, err
		}
		return Path{Values: []float64{v}}, nil
	}
	var p Path
	for _, part := range strings.Split(s, ",") {
		ys, vs, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok {
			return Path{}, fmt.Errorf("%q: want YEAR:VALUE", part)
		}
		y, err := strconv.Atoi(strings.TrimSpace(ys))
		if err != nil {
			return Path{}, fmt.Errorf("%q: year %q is not an integer", part, ys)
		}
		v, err := parseNumber(vs)
		if err != nil {
			return Path{}, fmt.Errorf("%q: %w", part, err)
		}
		p.Years = append(p.Years, y)
		p.Values = append(p.Values, v)
	}
	return p, p.check()
}

func parseNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("value %q is not a finite number", strings.TrimSpace(s))
	}
	return v, nil
}

func (p Path) check() error {
	if len(p.Values) == 0 {
		return errors.New("empty path")
	}
	if len(p.Years) != 0 && len(p.Years) != len(p.Values) {
		return fmt.Errorf("%d years for %d values", len(p.Years), len(p.Values))
	}
	for i := 1; i < len(p.Years); i++ {
		if p.Years[i] <= p.Years[i-1] {
			return fmt.Errorf("years must increase: %d after %d", p.Years[i], p.Years[i-1])
		}
	}
	return nil
}

// At returns the path's value in year y; ok is false before the first year.
func (p Path) At(y int) (v float64, ok bool) {
	if len(p.Years) == 0 {
		return p.Values[0], true
	}
	if y < p.Years[0] {
		return 0, false
	}
	i := sort.SearchInts(p.Years, y)
	if i == len(p.Years) {
		return p.Values[len(p.Values)-1], true
	}
	if p.Years[i] == y {
		return p.Values[i], true
	}
	y0, y1 := float64(p.Years[i-1]), float64(p.Years[i])
	f := (float64(y) - y0) / (y1 - y0)
	return p.Values[i-1] + f*(p.Values[i]-p.Values[i-1]), true
}

// String formats p as ParsePath reads it.
func (p Path) String() string {
	if len(p.Years) == 0 && len(p.Values) == 1 {
		return model.FormatValue(p.Values[0])
	}
	parts := make([]string, len(p.Values))
	for i := range p.Values {
		parts[i] = strconv.Itoa(p.Years[i]) + ":" + model.FormatValue(p.Values[i])
	}
	return strings.Join(parts, ",")
}

// Knobs are the policy levers any model takes from the command line or a
// scenario file, each per emission and applied to every region:
//   - CarbonPrice adds the path's value to EmissionsPenalty (money per unit
//     of emission) in each year the path covers; the path must not decrease;
//   - Cap sets AnnualEmissionLimit in each year the path covers;
//   - Budget sets ModelPeriodEmissionLimit.
type Knobs struct {
	CarbonPrice map[string]Path `yaml:"-"`
	Cap         map[string]Path `yaml:"-"`
	Budget      map[string]float64
}

// Empty reports whether k changes nothing.
func (k Knobs) Empty() bool {
	return len(k.CarbonPrice) == 0 && len(k.Cap) == 0 && len(k.Budget) == 0
}

// Merge returns k with over's entries replacing k's for the same emission.
func (k Knobs) Merge(over Knobs) Knobs {
	out := Knobs{CarbonPrice: map[string]Path{}, Cap: map[string]Path{}, Budget: map[string]float64{}}
	for _, src := range []Knobs{k, over} {
		for e, p := range src.CarbonPrice {
			out.CarbonPrice[e] = p
		}
		for e, p := range src.Cap {
			out.Cap[e] = p
		}
		for e, v := range src.Budget {
			out.Budget[e] = v
		}
	}
	return out
}

// Apply changes m's parameters as k says. Errors name the knob and the
// emission or year at fault: an unknown emission, a year given that is not
// one of the model's years, a decreasing carbon price, a negative cap.
func (k Knobs) Apply(m *model.Model) error {
	years := m.Set("YEAR")
	ems := m.Set("EMISSION")
	regions := m.Set("REGION")
	emission := func(knob, e string) (model.Elem, error) {
		el, ok := ems.Lookup(e)
		if !ok {
			return 0, fmt.Errorf("%s %s: emission %q is not in the model (EMISSION: %s)", knob, e, e, strings.Join(ems.Elems, ", "))
		}
		return el, nil
	}
	checkYears := func(knob, e string, p Path) error {
		if err := p.check(); err != nil {
			return fmt.Errorf("%s %s: %w", knob, e, err)
		}
		for _, y := range p.Years {
			if _, ok := years.Lookup(strconv.Itoa(y)); !ok {
				return fmt.Errorf("%s %s: year %d is not one of the model's years (%s–%s)", knob, e, y, years.Elems[0], years.Elems[len(years.Elems)-1])
			}
		}
		return nil
	}
	eachYear := func(p Path, f func(y model.Elem, v float64)) {
		for yi, name := range years.Elems {
			y, err := strconv.Atoi(name)
			if err != nil {
				continue
			}
			if v, ok := p.At(y); ok {
				f(model.Elem(yi), v)
			}
		}
	}
	for _, e := range sortedKeys(k.CarbonPrice) {
		p := k.CarbonPrice[e]
		el, err := emission("carbon price", e)
		if err != nil {
			return err
		}
		if err := checkYears("carbon price", e, p); err != nil {
			return err
		}
		for i := 1; i < len(p.Values); i++ {
			if p.Values[i] < p.Values[i-1] {
				return fmt.Errorf("carbon price %s: the path decreases from %s in %d to %s in %d (a carbon price path must not decrease)",
					e, model.FormatValue(p.Values[i-1]), p.Years[i-1], model.FormatValue(p.Values[i]), p.Years[i])
			}
		}
		if p.Values[0] < 0 {
			return fmt.Errorf("carbon price %s: negative price %s", e, model.FormatValue(p.Values[0]))
		}
		pen := m.Param("EmissionsPenalty")
		for r := range regions.Elems {
			eachYear(p, func(y model.Elem, v float64) {
				key := []model.Elem{model.Elem(r), el, y}
				old := pen.DefaultAt(key)
				if i, ok := pen.Find(key...); ok {
					_, old = pen.Entry(i)
				}
				pen.Put(key, old+v, &model.Origin{Source: "SCENARIO: carbon price " + e + " " + p.String(), Note: "added to the model's penalty"})
			})
		}
	}
	for _, e := range sortedKeys(k.Cap) {
		p := k.Cap[e]
		el, err := emission("cap", e)
		if err != nil {
			return err
		}
		if err := checkYears("cap", e, p); err != nil {
			return err
		}
		for i, v := range p.Values {
			if v < 0 {
				y := ""
				if len(p.Years) > 0 {
					y = " in " + strconv.Itoa(p.Years[i])
				}
				return fmt.Errorf("cap %s: negative cap %s%s (OSeMOSYS reads a negative limit as no limit; use 0)", e, model.FormatValue(v), y)
			}
		}
		lim := m.Param("AnnualEmissionLimit")
		for r := range regions.Elems {
			eachYear(p, func(y model.Elem, v float64) {
				lim.Put([]model.Elem{model.Elem(r), el, y}, v, &model.Origin{Source: "SCENARIO: cap " + e + " " + p.String()})
			})
		}
	}
	for _, e := range sortedKeys(k.Budget) {
		v := k.Budget[e]
		el, err := emission("budget", e)
		if err != nil {
			return err
		}
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("budget %s: %v is not a non-negative number", e, v)
		}
		lim := m.Param("ModelPeriodEmissionLimit")
		for r := range regions.Elems {
			lim.Put([]model.Elem{model.Elem(r), el}, v, &model.Origin{Source: "SCENARIO: budget " + e + " " + model.FormatValue(v)})
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
