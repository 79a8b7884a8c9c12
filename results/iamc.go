package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// iamcVar maps a table to IAMC variables: the variable is Prefix followed
// by "|"-joined elements of the Parts columns; Region is the REGION column.
type iamcVar struct {
	table  string
	prefix string
	parts  []string
}

var iamcVars = []iamcVar{
	{"AnnualEmissions", "Emissions", []string{"EMISSION"}},
	{"AnnualTechnologyEmission", "Emissions", []string{"EMISSION", "TECHNOLOGY"}},
	{"TotalCapacityAnnual", "Capacity", []string{"TECHNOLOGY"}},
	{"NewCapacity", "Capacity Additions", []string{"TECHNOLOGY"}},
	{"ProductionByTechnologyAnnual", "Secondary Energy", []string{"FUEL", "TECHNOLOGY"}},
	{"Demand", "Final Energy", []string{"FUEL"}},
	{"CapitalInvestment", "Investment", []string{"TECHNOLOGY"}},
	{"CarbonPrice", "Price|Carbon", []string{"EMISSION"}},
	{"TotalDiscountedCost", "Cost|Total Discounted", nil},
	{"RetiredCapacity", "Capacity Retirements|Early", []string{"TECHNOLOGY"}},
	{"StrandedCost", "Cost|Stranded Assets", []string{"TECHNOLOGY"}},
}

// WriteIAMC writes the results as an IAMC timeseries table (columns model,
// scenario, region, variable, unit, then one column per year) that pyam
// reads. Variables are named in the IAMC style from the OSeMOSYS tables:
// "Emissions|CO2", "Emissions|CO2|<TECHNOLOGY>", "Capacity|<TECHNOLOGY>",
// "Capacity Additions|<TECHNOLOGY>", "Secondary Energy|<FUEL>|<TECHNOLOGY>",
// "Final Energy|<FUEL>" (demand summed over timeslices),
// "Investment|<TECHNOLOGY>", "Price|Carbon|<EMISSION>",
// "Cost|Total Discounted", and from early retirement
// "Capacity Retirements|Early|<TECHNOLOGY>" and
// "Cost|Stranded Assets|<TECHNOLOGY>". Rows are sorted by region and variable.
func WriteIAMC(w io.Writer, r *Results) error {
	type key struct{ region, variable, unit string }
	vals := map[key]map[string]float64{}
	yearSet := map[string]bool{}
	for _, v := range iamcVars {
		t := r.Table(v.table)
		if t == nil {
			continue
		}
		col := func(name string) int {
			for i, n := range t.Indices {
				if n == name {
					return i
				}
			}
			return -1
		}
		ri, yi := col("REGION"), col("YEAR")
		if ri < 0 || yi < 0 {
			continue
		}
		pi := make([]int, len(v.parts))
		for i, p := range v.parts {
			if pi[i] = col(p); pi[i] < 0 {
				return fmt.Errorf("results: IAMC: %s has no column %s", v.table, p)
			}
		}
		for i := range t.Values {
			k := t.Key(i)
			name := v.prefix
			for _, c := range pi {
				name += "|" + k[c]
			}
			kk := key{k[ri], name, t.RowUnit(i)}
			if vals[kk] == nil {
				vals[kk] = map[string]float64{}
			}
			vals[kk][k[yi]] += t.Values[i]
			yearSet[k[yi]] = true
		}
	}
	years := make([]string, 0, len(yearSet))
	for y := range yearSet {
		years = append(years, y)
	}
	sort.Slice(years, func(i, j int) bool {
		a, _ := strconv.ParseFloat(years[i], 64)
		b, _ := strconv.ParseFloat(years[j], 64)
		return a < b
	})
	keys := make([]key, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].region != keys[j].region {
			return keys[i].region < keys[j].region
		}
		return keys[i].variable < keys[j].variable
	})
	cw := csv.NewWriter(w)
	cw.Write(append([]string{"model", "scenario", "region", "variable", "unit"}, years...))
	scenario := r.Scenario
	if scenario == "" {
		scenario = "default"
	}
	for _, k := range keys {
		rec := []string{r.Model, scenario, k.region, k.variable, k.unit}
		for _, y := range years {
			if v, ok := vals[k][y]; ok {
				rec = append(rec, strconv.FormatFloat(v, 'g', 15, 64))
			} else {
				rec = append(rec, "")
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}
