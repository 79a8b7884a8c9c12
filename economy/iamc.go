package economy

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"blueprint/results"
)

// WriteIAMC writes the result as an IAMC timeseries table (model, scenario,
// region, variable, unit, one column per year), the layout of
// [results.WriteIAMC]. Variables: "Economy|Output Change|<sector>",
// "Economy|Value Added Change|<sector>", "Economy|Employment Change|<sector>",
// "Economy|Final Demand Change|<sector>" (each also summed without the
// sector), "Economy|Import Leakage", "Energy Burden|<group>", "Energy
// Burden|Indirect|<group>" and "Energy Burden|Share Above Threshold". Units
// keep the [ProxyLabel] of proxy results.
func WriteIAMC(w io.Writer, res *Result, model, scenario string) error {
	if model == "" {
		model = "blueprint"
	}
	cw := csv.NewWriter(w)
	head := []string{"model", "scenario", "region", "variable", "unit"}
	for _, y := range res.Years {
		head = append(head, strconv.Itoa(y))
	}
	cw.Write(head)
	yidx := map[string]int{}
	for i, y := range res.Years {
		yidx[strconv.Itoa(y)] = i
	}
	line := func(region, variable, unit string, vals []float64) {
		rec := append([]string{model, scenario, region, variable, unit}, make([]string, len(vals))...)
		for i, v := range vals {
			rec[5+i] = strconv.FormatFloat(v, 'g', 12, 64)
		}
		cw.Write(rec)
	}
	// grouped returns per-key series for a table with index col plus YEAR.
	grouped := func(t *results.Table, keyCol string) (keys []string, vals map[string][]float64, total []float64) {
		vals = map[string][]float64{}
		total = make([]float64, len(res.Years))
		ki, yi := col(t, keyCol), col(t, "YEAR")
		for i, v := range t.Values {
			k := t.Key(i)
			y, ok := yidx[k[yi]]
			if !ok {
				continue
			}
			name := ""
			if ki >= 0 {
				name = k[ki]
			}
			if vals[name] == nil {
				vals[name] = make([]float64, len(res.Years))
				keys = append(keys, name)
			}
			vals[name][y] += v
			total[y] += v
		}
		return keys, vals, total
	}
	for _, q := range []struct {
		t    *results.Table
		name string
	}{{res.Output, "Output Change"}, {res.ValueAdded, "Value Added Change"}, {res.Jobs, "Employment Change"}, {res.FinalDemand, "Final Demand Change"}} {
		if q.t == nil {
			continue
		}
		keys, vals, total := grouped(q.t, "SECTOR")
		line(res.Region, "Economy|"+q.name, q.t.Unit, total)
		for _, k := range keys {
			line(res.Region, "Economy|"+q.name+"|"+k, q.t.Unit, vals[k])
		}
	}
	if res.Leakage != nil {
		_, _, total := grouped(res.Leakage, "")
		line(res.Region, "Economy|Import Leakage", res.Leakage.Unit, total)
	}
	for _, q := range []struct {
		t    *results.Table
		name string
	}{{res.Burden, "Energy Burden"}, {res.BurdenIndirect, "Energy Burden|Indirect"}} {
		if q.t == nil {
			continue
		}
		keys, vals, _ := grouped(q.t, "GROUP")
		for _, k := range keys {
			line(res.Region, q.name+"|"+k, q.t.Unit, vals[k])
		}
	}
	if res.AboveThreshold != nil {
		_, _, total := grouped(res.AboveThreshold, "")
		line(res.Region, "Energy Burden|Share Above Threshold", res.AboveThreshold.Unit, total)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("economy: IAMC: %w", err)
	}
	return nil
}
