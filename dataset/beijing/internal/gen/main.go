// Command gen derives the Beijing OSeMOSYS model (dataset/beijing/model/)
// and its scenario overlays (dataset/beijing/scenarios/) from the sourced
// inputs in dataset/beijing: inputs.csv (every scalar once, with SOURCE and
// NOTE), timeslices.csv and the CEADs 2019 inventory in sources/. Every
// parameter row it writes carries a SOURCE: a source id of SOURCES.md, an
// "ASSUMPTION: …" or "DERIVED: arithmetic".
//
// Run it with go generate ./dataset/beijing.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"blueprint/model"
	"blueprint/otoole"
)

func main() {
	dir := flag.String("dir", ".", "the dataset/beijing folder (inputs are read from it, model/ and scenarios/ written into it)")
	out := flag.String("out", "", "write model/ and scenarios/ here instead of -dir")
	flag.Parse()
	if *out == "" {
		*out = *dir
	}
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	in, err := readInputs(filepath.Join(dir, "inputs.csv"))
	if err != nil {
		return err
	}
	ts, err := readSlices(filepath.Join(dir, "timeslices.csv"))
	if err != nil {
		return err
	}
	inv, err := readCEADs(filepath.Join(dir, "sources", "ceads_beijing_scope1_2019_MtCO2.csv"))
	if err != nil {
		return err
	}
	g := &gen{in: in, ts: ts, m: model.New(model.DefaultSchema()), dem: map[string]val{}, act: map[string]val{}, elcdIAR: map[string]float64{}, serves: map[string]string{}, gw: map[string]bool{}, lives: map[string]val{}, valueOnly: map[string]bool{}}
	g.m.Name = "beijing"
	// ENE counts non-renewable primary energy (PJ), not CO2.
	g.m.Units = model.Units{Energy: "PJ", Power: "GW", Money: "MCNY", Emissions: "Mt CO2", Emission: map[string]string{"ENE": "PJ"}}
	for y := Y0; y <= YN; y++ {
		g.years = append(g.years, y)
	}
	g.sets()
	g.build(inv)
	scen := g.scenarios()
	g.errs = append(g.errs, in.errs...)
	for _, u := range in.unused() {
		g.errs = append(g.errs, fmt.Errorf("unused input %s", u))
	}
	if len(g.errs) > 0 {
		for _, e := range g.errs {
			fmt.Fprintln(os.Stderr, e)
		}
		return fmt.Errorf("%d errors", len(g.errs))
	}
	g.m.Groups = g.groups
	if errs := g.m.Freeze(); len(errs) > 0 {
		return errs
	}
	if err := otoole.WriteDir(filepath.Join(out, "model"), g.m); err != nil {
		return err
	}
	return writeScenarios(filepath.Join(out, "scenarios"), g.m, scen)
}

// sets declares the sets and the timeslice structure.
func (g *gen) sets() {
	g.elem("REGION", Region)
	for _, y := range g.years {
		g.elem("YEAR", yr(y))
	}
	// One mode only: OSeMOSYS has no per-technology mode set, and a mode
	// without ratios would satisfy activity floors for free.
	g.elem("MODE_OF_OPERATION", "1")
	for _, e := range []string{"CO2_S1", "CO2_AV", "CO2_S2", "CO2_TOT", "ENE"} {
		g.elem("EMISSION", e)
	}
	g.elem("DAYTYPE", "1")
	for _, s := range g.ts {
		g.elem("TIMESLICE", s.name)
		g.elem("SEASON", strconv.Itoa(s.season))
	}
	for _, s := range g.ts {
		g.elem("DAILYTIMEBRACKET", strconv.Itoa(s.bracket))
	}
	tsv := func(x float64, s slice) val { return val{x: x, src: s.src, note: s.note} }
	for _, s := range g.ts {
		for _, y := range g.years {
			g.put("YearSplit", tsv(s.ys, s), "", s.name, yr(y))
		}
		g.put("Conversionls", tsv(1, s), "", s.name, strconv.Itoa(s.season))
		g.put("Conversionld", tsv(1, s), "", s.name, "1")
		g.put("Conversionlh", tsv(1, s), "", s.name, strconv.Itoa(s.bracket))
	}
	hours := map[int]float64{1: 10, 2: 9, 3: 5}
	for b := 1; b <= 3; b++ {
		for _, y := range g.years {
			g.put("DaySplit", der(hours[b]/8760, fmt.Sprintf("%g h / 8760 h", hours[b])), "", strconv.Itoa(b), yr(y))
		}
	}
	g.put("DiscountRate", g.in.get("discount_rate"), "", Region)
	g.put("DepreciationMethod", assume(1, "sinking-fund salvage (OSeMOSYS method 1)"), "", Region)
}
