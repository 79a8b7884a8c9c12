package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"blueprint/dataset/beijing"
	"blueprint/pathway"
	"blueprint/results"
)

// defaultBeijingScenarios are what "blueprint run" with no model solves: the
// carbon-neutral pathway and the reference it is compared with.
var defaultBeijingScenarios = []string{"neutral2050", "reference"}

// beijingJobs loads the embedded Beijing scenarios to solve: the default
// pair, the one --scenario names, or a scenario folder applied to the
// Beijing base model. Knob flags apply to each.
func beijingJobs(sf *scenarioFlags, out string) ([]runJob, error) {
	names := defaultBeijingScenarios
	if sf.scenario != "" {
		// An embedded scenario's bare name wins over a folder of the same
		// name in the working directory (write ./reference for that).
		if !isBeijingScenario(sf.scenario) {
			if _, err := os.Stat(sf.scenario); err != nil {
				return nil, usageErrorf("--scenario %q is neither a scenario of the embedded Beijing model (%s) nor a scenario folder or YAML file", sf.scenario, strings.Join(beijing.ScenarioNames(), ", "))
			}
			// A scenario folder or file, applied to the base model.
			m, err := beijing.Base()
			if err != nil {
				return nil, err
			}
			if m, err = sf.apply(m); err != nil {
				return nil, err
			}
			m.Name = "beijing"
			return []runJob{{m: m, out: out}}, nil
		}
		names = []string{sf.scenario}
	}
	knobs := *sf
	knobs.scenario = "" // the embedded scenario is applied by name below
	var jobs []runJob
	for _, name := range names {
		m, err := beijing.Scenario(name)
		if err != nil {
			return nil, withCode(exitInput, fmt.Errorf("run: %w", err))
		}
		if m, err = knobs.apply(m); err != nil {
			return nil, err
		}
		m.Name = "beijing"
		j := runJob{m: m, out: out}
		if out != "" && len(names) > 1 {
			j.out = filepath.Join(out, name)
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

func isBeijingScenario(s string) bool {
	for _, n := range beijing.ScenarioNames() {
		if n == s {
			return true
		}
	}
	return false
}

// Beijing summary: which emissions make up scope 1+2 (CO2_TOT is their
// aggregate and ENE a pseudo-emission, both left out of sums), the carriers
// whose supply mix is shown, the accounting technology that passes
// renewable electricity (RE_E) into the grid, and the years shown.
var (
	bjEmissions    = []string{"CO2_S1", "CO2_AV", "CO2_S2"}
	bjPriced       = "CO2_TOT"
	bjYears        = []string{"2020", "2030", "2050"}
	bjMixes        = []struct{ fuel, label string }{{"ELC", "electricity supply"}, {"HTC", "central heat supply"}}
	bjREAccounting = map[string]string{"RE_MIX": "RE_E"}
)

// printBeijingSummary prints, per scenario: cost, scope 1+2 CO2 by sector
// in 2020/2030/2050, the electricity and heat mix, and the carbon shadow
// price of the CO2_TOT limit.
func printBeijingSummary(w io.Writer, all []runResult, runs []*pathway.Run) {
	fmt.Fprintln(w, "Beijing 2019–2050 (embedded model, base year 2019; sources and calibration in docs/beijing.md)")
	for i, r := range all {
		fmt.Fprintf(w, "\n== scenario %s: %s", r.Scenario, r.Status)
		if r.Status != "optimal" {
			fmt.Fprintln(w)
			for _, c := range r.Conflicts {
				fmt.Fprintf(w, "conflict   %s\n", c)
			}
			continue
		}
		fmt.Fprintf(w, ", total discounted cost %s %s (2020 prices)\n", thousands(r.Objective), r.Units["money"])
		fmt.Fprintf(w, "   LP %d rows x %d columns, solved in %.2fs (%d iterations)\n", r.Rows, r.Cols, r.SolveSeconds, r.Iterations)
		res := runs[i].Results
		unit := ""
		if t := res.Table("AnnualTechnologyEmission"); t != nil {
			unit = t.Unit
		}
		fmt.Fprintf(w, "CO2 scope 1+2 by sector (%s, %s)\n", unit, strings.Join(bjEmissions, "+"))
		bySector := sectorEmissions(res, bjEmissions, bjYears)
		printYearTable(w, bySector, bjYears, "%10.1f")
		for _, mix := range bjMixes {
			shares, total := supplyMix(res, mix.fuel, bjYears)
			if len(shares) == 0 {
				continue
			}
			fmt.Fprintf(w, "%s (%s, share of production; total PJ: %s)\n", mix.label, mix.fuel, joinYears(total, bjYears, "%.0f"))
			printYearTable(w, shares, bjYears, "%9.0f%%")
		}
		if prices := carbonPrices(res, bjPriced, bjYears); prices != "" {
			fmt.Fprintf(w, "carbon shadow price of the %s limit (%s per Mt = CNY/t): %s\n", bjPriced, r.Units["money"], prices)
		} else {
			fmt.Fprintf(w, "carbon shadow price: no binding %s limit\n", bjPriced)
		}
		if r.Out != "" {
			fmt.Fprintf(w, "results    %s\n", r.Out)
		}
	}
}

// sectorEmissions sums AnnualTechnologyEmission of the given emissions by
// the technologies' sectors, for each year.
func sectorEmissions(r *results.Results, ems, years []string) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	t := r.Table("AnnualTechnologyEmission") // REGION, TECHNOLOGY, EMISSION, YEAR
	if t == nil {
		return out
	}
	want := map[string]bool{}
	for _, e := range ems {
		want[e] = true
	}
	for i, v := range t.Values {
		k := t.Key(i)
		if !want[k[2]] {
			continue
		}
		sec := r.GroupOf(k[1]).Sector
		if out[sec] == nil {
			out[sec] = map[string]float64{}
		}
		out[sec][k[3]] += v
		if out["total"] == nil {
			out["total"] = map[string]float64{}
		}
		out["total"][k[3]] += v
	}
	return out
}

// supplyMix returns each technology's share (percent) of the production of
// fuel by year, with accounting technologies (RE_MIX) replaced by the
// producers of the fuel they pass on, and the total production by year.
func supplyMix(r *results.Results, fuel string, years []string) (map[string]map[string]float64, map[string]float64) {
	t := r.Table("ProductionByTechnologyAnnual") // REGION, TECHNOLOGY, FUEL, YEAR
	if t == nil {
		return nil, nil
	}
	prod := func(f string) map[string]map[string]float64 {
		m := map[string]map[string]float64{}
		for i, v := range t.Values {
			k := t.Key(i)
			if k[2] != f {
				continue
			}
			if m[k[1]] == nil {
				m[k[1]] = map[string]float64{}
			}
			m[k[1]][k[3]] += v
		}
		return m
	}
	by := prod(fuel)
	for acct, src := range bjREAccounting {
		through, ok := by[acct]
		if !ok {
			continue
		}
		delete(by, acct)
		srcProd := prod(src)
		srcTot := map[string]float64{}
		for _, ys := range srcProd {
			for y, v := range ys {
				srcTot[y] += v
			}
		}
		for tech, ys := range srcProd {
			for y, v := range ys {
				if srcTot[y] > 0 {
					if by[tech] == nil {
						by[tech] = map[string]float64{}
					}
					by[tech][y] += through[y] * v / srcTot[y]
				}
			}
		}
	}
	total := map[string]float64{}
	for _, ys := range by {
		for y, v := range ys {
			total[y] += v
		}
	}
	shares := map[string]map[string]float64{}
	for tech, ys := range by {
		keep := false
		for _, y := range years {
			if total[y] > 0 && ys[y]/total[y] >= 0.005 {
				keep = true
			}
		}
		if !keep {
			continue
		}
		shares[tech] = map[string]float64{}
		for _, y := range years {
			if total[y] > 0 {
				shares[tech][y] = 100 * ys[y] / total[y]
			}
		}
	}
	return shares, total
}

func carbonPrices(r *results.Results, e string, years []string) string {
	t := r.Table("CarbonPrice") // REGION, EMISSION, YEAR
	if t == nil {
		return ""
	}
	byYear := map[string]float64{}
	for i, v := range t.Values {
		if k := t.Key(i); k[1] == e {
			byYear[k[2]] += v
		}
	}
	if len(byYear) == 0 {
		return ""
	}
	return joinYears(byYear, years, "%.0f")
}

func joinYears(v map[string]float64, years []string, f string) string {
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = y + " " + fmt.Sprintf(f, v[y])
	}
	return strings.Join(parts, ", ")
}

// printYearTable prints rows (sorted, "total" last) with one column per year.
func printYearTable(w io.Writer, rows map[string]map[string]float64, years []string, f string) {
	names := make([]string, 0, len(rows))
	for n := range rows {
		if n != "total" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if _, ok := rows["total"]; ok {
		names = append(names, "total")
	}
	fmt.Fprintf(w, "   %-24s", "")
	for _, y := range years {
		fmt.Fprintf(w, "%10s", y)
	}
	fmt.Fprintln(w)
	for _, n := range names {
		fmt.Fprintf(w, "   %-24s", n)
		for _, y := range years {
			fmt.Fprintf(w, f, rows[n][y])
		}
		fmt.Fprintln(w)
	}
}

// thousands formats v rounded, with thousands separators.
func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
