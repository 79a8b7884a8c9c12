package abatement

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"blueprint/results"
)

// Exogenous names the wedge that holds the change in emissions not
// produced by any technology (AnnualExogenousEmission and any other
// difference between AnnualEmissions and the technologies' sum).
const Exogenous = "(exogenous)"

// WedgeTable splits, year by year, the emission gap between a reference
// and a policy run by group of technologies.
type WedgeTable struct {
	// Emission is the emission compared; By is "measure", "sector" or
	// "technology"; Unit is the emission unit of the runs.
	Emission string `json:"emission"`
	By       string `json:"by"`
	Unit     string `json:"unit,omitempty"`
	// Years are the years of either run, in increasing order.
	Years []string `json:"years"`
	// Reference and Policy are AnnualEmissions summed over regions;
	// Gap is Reference − Policy (positive when the policy emits less).
	Reference []float64 `json:"reference"`
	Policy    []float64 `json:"policy"`
	Gap       []float64 `json:"gap"`
	// Wedges are the groups' shares of the gap, in Gap's order.
	Wedges []Wedge `json:"wedges"`
}

// Wedge is one group's part of the gap: the group's reference emissions
// minus its policy emissions, by year (negative where the policy emits
// more in that group).
type Wedge struct {
	Group  string    `json:"group"`
	Values []float64 `json:"values"`
}

// Wedges computes the emission wedges of emission between a reference and
// a policy run (see [WedgeTable]). Each technology's emissions come from
// AnnualTechnologyEmission, summed over regions and grouped by its group in
// its own run (results.Results.GroupOf); the wedges of the groups are the
// differences. Whatever AnnualEmissions holds beyond the technologies'
// emissions (exogenous emissions) forms the [Exogenous] wedge, present only
// when it is not zero. The wedges sum to the gap in every year, up to
// rounding.
func Wedges(ref, pol *results.Results, emission, by string) (*WedgeTable, error) {
	key, err := groupKey(by)
	if err != nil {
		return nil, err
	}
	if by == "" {
		by = "measure"
	}
	if emission == "" {
		emission = "CO2"
	}
	w := &WedgeTable{Emission: emission, By: by}
	type side struct {
		total  map[string]float64            // year → AnnualEmissions
		groups map[string]map[string]float64 // group → year → emissions
	}
	var sides [2]side
	years := map[string]bool{}
	var order []string
	seen := map[string]bool{}
	found := false
	for k, r := range []*results.Results{ref, pol} {
		name := [2]string{"reference", "policy"}[k]
		ae, te := r.Table("AnnualEmissions"), r.Table("AnnualTechnologyEmission")
		if ae == nil || te == nil {
			return nil, fmt.Errorf("%s run has no AnnualEmissions or AnnualTechnologyEmission table", name)
		}
		if w.Unit == "" {
			w.Unit = ae.Unit
		}
		s := side{total: map[string]float64{}, groups: map[string]map[string]float64{}}
		ei, yi := col(ae, "EMISSION"), col(ae, "YEAR")
		if ei < 0 || yi < 0 {
			return nil, fmt.Errorf("%s run: AnnualEmissions lacks EMISSION or YEAR", name)
		}
		for i := 0; i < ae.Len(); i++ {
			if kk := ae.Key(i); kk[ei] == emission {
				s.total[kk[yi]] += ae.Values[i]
				years[kk[yi]] = true
				found = true
			}
		}
		ei, yi, ti := col(te, "EMISSION"), col(te, "YEAR"), col(te, "TECHNOLOGY")
		if ei < 0 || yi < 0 || ti < 0 {
			return nil, fmt.Errorf("%s run: AnnualTechnologyEmission lacks EMISSION, TECHNOLOGY or YEAR", name)
		}
		for i := 0; i < te.Len(); i++ {
			kk := te.Key(i)
			if kk[ei] != emission {
				continue
			}
			g0 := r.GroupOf(kk[ti])
			g := key(Share{Technology: g0.Technology, Sector: g0.Sector, Measure: g0.Measure})
			if !seen[g] {
				seen[g] = true
				order = append(order, g)
			}
			if s.groups[g] == nil {
				s.groups[g] = map[string]float64{}
			}
			s.groups[g][kk[yi]] += te.Values[i]
			years[kk[yi]] = true
		}
		sides[k] = s
	}
	if !found {
		return nil, fmt.Errorf("emission %q has no AnnualEmissions in either run (emissions found: %s)", emission, strings.Join(emissionsOf(ref, pol), ", "))
	}
	for y := range years {
		w.Years = append(w.Years, y)
	}
	sort.Slice(w.Years, func(i, j int) bool { return yearLess(w.Years[i], w.Years[j]) })
	n := len(w.Years)
	w.Reference, w.Policy, w.Gap = make([]float64, n), make([]float64, n), make([]float64, n)
	exo := make([]float64, n)
	scale := 0.0
	for j, y := range w.Years {
		w.Reference[j], w.Policy[j] = sides[0].total[y], sides[1].total[y]
		w.Gap[j] = w.Reference[j] - w.Policy[j]
		exo[j] = w.Gap[j]
		scale = math.Max(scale, math.Abs(w.Reference[j])+math.Abs(w.Policy[j]))
	}
	for _, g := range order {
		v := make([]float64, n)
		for j, y := range w.Years {
			v[j] = sides[0].groups[g][y] - sides[1].groups[g][y]
			exo[j] -= v[j]
		}
		w.Wedges = append(w.Wedges, Wedge{Group: g, Values: v})
	}
	for _, v := range exo {
		if math.Abs(v) > 1e-9*scale {
			w.Wedges = append(w.Wedges, Wedge{Group: Exogenous, Values: exo})
			break
		}
	}
	return w, nil
}

// yearLess orders years numerically when both are numbers.
func yearLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

func emissionsOf(rs ...*results.Results) []string {
	set := map[string]bool{}
	for _, r := range rs {
		for _, name := range []string{"AnnualEmissions", "AnnualTechnologyEmission"} {
			if t := r.Table(name); t != nil {
				if ei := col(t, "EMISSION"); ei >= 0 {
					for i := 0; i < t.Len(); i++ {
						set[t.Key(i)[ei]] = true
					}
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for e := range set {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}
