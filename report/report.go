// Package report turns solved runs into the blueprint report: a
// self-contained HTML document (inline SVG charts and CSS, no network
// requests) in English and Chinese, and a PDF printed by headless
// Chromium.
//
// # Overview
//
// [Build] reads the result tables of one or more runs (the first is the
// reference scenario) and computes everything the report shows; nothing
// is retyped, and every sentence is generated from those numbers.
// [Report.WriteHTML] writes the document in one language; [WriteFiles]
// writes report.<lang>.html for each language and, with Chromium
// ([NewBrowser], [Browser.PrintPDF]), report.<lang>.pdf: A4, page numbers,
// charts never split across pages.
//
// The sections follow the study's questions:
//
//  1. where emissions come from in the base year (by sector, by emission
//     type — direct and imported electricity —, by fuel; calibration
//     against an inventory when one is given);
//  2. which emissions can be cut and how (pathways per scenario, wedges
//     by measure, the model-derived MACC, the order in which measures
//     enter);
//  3. the cost of phasing out high-carbon activities (retirement and
//     stranded cost, investment and system cost against the reference, the
//     carbon shadow price);
//  4. economic and social repercussions (when economy results are given);
//  5. the blueprint: milestones and the measures in order with their costs;
//  6. assumptions and sources (every input parameter with the source ids
//     of its rows).
//
// # Definitions
//
// Counted emissions are [Config.Emissions] (by default the CO2 family,
// never an aggregate such as CO2_TOT). The non-fossil share is the share
// of primary supply (technologies that use no fuel and supply a fuel other
// technologies use) that is not fossil: a supply technology that emits is
// fossil in proportion to its emission intensity relative to its base-year
// intensity (so imported grid electricity becomes cleaner as its emission
// factor falls), and one that does not emit is fossil when a technology
// that emits uses its fuel. Electrification of heat (transport) is the
// electric share of the energy used by the heat (transport) technologies:
// electricity, and fuels made from it upstream (district heat from heat
// pumps or electric boilers, hydrogen from electrolysis) in the share of
// electricity in their producers' inputs. Retired capacity and investment are cumulative from the
// first model year; investment is undiscounted CapitalInvestment. System
// costs are compared without carbon payments (AnnualTechnologyEmissions-
// Penalty), which are transfers. A fuel that nobody uses and that is only
// ever a co-product (a primary-energy counter) is left out of fuel splits.
//
// # Languages
//
// Every message goes through one catalog (messages.zh.tsv, embedded; a
// test fails when a message has no Chinese entry); names from the data
// (sectors, measures, fuels) have English names in names.en.tsv and
// Chinese ones in the catalog's #data part. Chinese amounts use the units
// Chinese readers expect: emissions in 万吨 (Mt × 100), money in 亿元
// (million CNY ÷ 100), energy in 万吨标准煤, power in 万千瓦; English shows
// money in billion CNY.
package report

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"blueprint/abatement"
	"blueprint/economy"
	"blueprint/model"
	"blueprint/results"
)

// Config is what [Build] reads. Only Runs is required.
type Config struct {
	// Title of the report; "" gives a title from the model name.
	Title string
	// Runs are the solved scenarios; Runs[0] is the reference every other
	// scenario is compared with. Each must be optimal.
	Runs []*results.Results
	// Names label the runs (default: Results.Scenario, else "run N").
	Names []string
	// Blueprint names the run whose milestones and measures lead section
	// 5 (default: the last run).
	Blueprint string
	// Emissions are the counted emissions (default: the CO2 family of
	// AnnualEmissions, else all; names ending in _TOT or TOTAL never).
	Emissions []string
	// Indirect are the counted emissions that come from imported
	// electricity (default: names ending in _S2).
	Indirect []string
	// BaseYear (default: the first year).
	BaseYear string
	// Milestones are the milestone years (default 2025, 2030, 2035 and
	// 2050 where the runs have them; else up to four years that are
	// multiples of five after the base year).
	Milestones []string
	// Electricity fuels (default: names starting with ELC or ELEC, or
	// containing "electric").
	Electricity []string
	// Heat and Transport select the end-use technologies of the
	// electrification milestones, by SECTOR or by a fuel they produce
	// (default: names matching heat/heating, transport/road/rail/aviation).
	Heat, Transport []string
	// Threshold is the share of the fuels it supplies at which a measure
	// counts as entered (default 0.1).
	Threshold float64
	// Model is the base model, for section 6 (assumptions and sources);
	// nil leaves that section short.
	Model *model.Model
	// MACC is a marginal abatement cost curve of the model (from
	// [abatement.MACC]); nil leaves the MACC out with a note.
	MACC *abatement.Curve
	// Inventory is the emissions inventory of the base year, for the
	// calibration table (optional).
	Inventory []InventoryRow
	// Sources describe the source ids cited in the model's SOURCE column
	// (see [ParseSources]); optional.
	Sources map[string]Source
	// Economy holds the economic impacts of one scenario against the
	// reference (from [economy.Impacts]) for section 4; nil leaves the
	// section as a note of what it will hold.
	Economy *economy.Result
	// EconomyScenario names the run Economy is for (default: the
	// blueprint scenario).
	EconomyScenario string
}

// InventoryRow is one line of an emissions inventory in the base year, in
// the runs' emission unit, compared with the model's counted emissions of
// a fuel (Fuel set: the emissions of the technologies using that fuel,
// split by energy use), of a sector (Sector set), or, with neither, the
// total of the direct (not Indirect) counted emissions.
type InventoryRow struct {
	// Label names the row ("Natural gas", "Total scope 1").
	Label        string
	Fuel, Sector string
	Value        float64
	// Source is the inventory's source id.
	Source string
}

// ErrNoRuns is returned when Config.Runs is empty.
var ErrNoRuns = errors.New("report: no runs")

// Report holds everything the document shows, computed once; it writes
// in any language.
type Report struct {
	cfg        Config
	title      string
	model      string
	years      []string
	base       int
	milestones []int // indices into years
	emissions  []string
	indirect   map[string]bool
	emUnit     string
	moneyUnit  string
	capUnit    string
	priceUnit  string
	energyUnit string
	scen       []*scenRun
	blueprint  int
	wedges     []*abatement.WedgeTable // per non-reference scenario (nil entries when not computable)
	measures   []measure
	threshold  float64
	sources    []sourceRow
	assumed    []assumption
	cites      map[string]int // source id → rows citing it
}

type builder struct {
	years       []string
	yearIndex   map[string]int
	base        int
	counted     map[string]bool
	electricity matcher
	heat        matcher
	transport   matcher
}

// measure is a measure of the blueprint scenario.
type measure struct {
	name       string
	sectors    []string // sectors of its technologies, sorted
	entry      int      // year index it passes the threshold; -1 never
	existing   bool     // above the threshold in the base year
	final      float64  // share in the last year
	investment float64  // cumulative CapitalInvestment of its technologies
	opex       float64  // cumulative fixed and variable operating cost of its technologies
	price      float64  // MACC price where it first abates; NaN if none
}

// sourceRow is one input parameter for section 6.
type sourceRow struct {
	param     string
	entries   int
	ids       []string // source ids cited (S01, ...), sorted
	sourced   int      // rows citing at least one id, neither derived nor assumed
	derived   int      // rows computed from other inputs (DERIVED)
	assumed   int      // rows that are assumptions (ASSUMPTION, or no source)
	unsourced int      // rows with no SOURCE at all
}

// assumption is one distinct assumption text with where it is used.
type assumption struct {
	text   string
	params []string
	rows   int
}

// Build computes the report from cfg.
func Build(cfg Config) (*Report, error) {
	if len(cfg.Runs) == 0 {
		return nil, ErrNoRuns
	}
	for i, r := range cfg.Runs {
		if r == nil {
			return nil, fmt.Errorf("report: run %d is nil", i+1)
		}
		if r.Status != "" && r.Status != "optimal" {
			return nil, fmt.Errorf("report: run %d (%s): status %q, want optimal", i+1, runName(cfg, i), r.Status)
		}
		if r.Table("AnnualEmissions") == nil {
			return nil, fmt.Errorf("report: run %d (%s): no AnnualEmissions table", i+1, runName(cfg, i))
		}
	}
	rep := &Report{cfg: cfg, model: cfg.Runs[0].Model, indirect: map[string]bool{}, threshold: cfg.Threshold}
	if rep.threshold <= 0 {
		rep.threshold = 0.1
	}
	rep.title = cfg.Title
	rep.years = collectYears(cfg.Runs)
	if len(rep.years) == 0 {
		return nil, fmt.Errorf("report: the runs have no years in AnnualEmissions, TotalCapacityAnnual or ProductionByTechnologyAnnual")
	}
	b := &builder{years: rep.years, yearIndex: map[string]int{}, counted: map[string]bool{},
		electricity: newMatcher(cfg.Electricity, reElectricity),
		heat:        endUse(cfg.Heat, reHeat), transport: endUse(cfg.Transport, reTransport)}
	for i, y := range rep.years {
		b.yearIndex[y] = i
	}
	if cfg.BaseYear != "" {
		j, ok := b.yearIndex[cfg.BaseYear]
		if !ok {
			return nil, fmt.Errorf("report: base year %s is not a year of the runs (%s…%s)", cfg.BaseYear, rep.years[0], rep.years[len(rep.years)-1])
		}
		b.base = j
	}
	rep.base = b.base
	rep.emissions = cfg.Emissions
	if len(rep.emissions) == 0 {
		rep.emissions = defaultEmissions(cfg.Runs)
	}
	if len(rep.emissions) == 0 {
		return nil, fmt.Errorf("report: the runs have no emissions in AnnualEmissions")
	}
	for _, e := range rep.emissions {
		b.counted[e] = true
	}
	for _, e := range cfg.Indirect {
		rep.indirect[e] = true
	}
	if len(cfg.Indirect) == 0 {
		for _, e := range rep.emissions {
			if len(e) > 3 && e[len(e)-3:] == "_S2" {
				rep.indirect[e] = true
			}
		}
	}
	ms, err := milestones(rep.years, cfg.Milestones, b.base)
	if err != nil {
		return nil, err
	}
	rep.milestones = ms
	r0 := cfg.Runs[0]
	rep.emUnit = tableOf(r0, "AnnualEmissions").unit()
	rep.moneyUnit = firstUnit(r0, "CapitalInvestment", "TotalDiscountedCost")
	rep.capUnit = firstUnit(r0, "TotalCapacityAnnual", "NewCapacity")
	rep.priceUnit = firstUnit(r0, "CarbonPrice")
	rep.energyUnit = firstUnit(r0, "ProductionByTechnologyAnnual")
	rep.blueprint = len(cfg.Runs) - 1
	for i, r := range cfg.Runs {
		sc := b.analyse(runName(cfg, i), r)
		if sc.name == cfg.Blueprint {
			rep.blueprint = i
		}
		rep.scen = append(rep.scen, sc)
	}
	if cfg.Blueprint != "" && rep.scen[rep.blueprint].name != cfg.Blueprint {
		return nil, fmt.Errorf("report: blueprint scenario %q is not one of the runs", cfg.Blueprint)
	}
	if rep.title == "" {
		rep.title = rep.model
	}
	// Wedges of every scenario against the reference, over all counted
	// emissions (summed).
	rep.wedges = make([]*abatement.WedgeTable, len(cfg.Runs))
	for i := 1; i < len(cfg.Runs); i++ {
		rep.wedges[i] = sumWedges(cfg.Runs[0], cfg.Runs[i], rep.emissions)
	}
	rep.measures = rep.findMeasures()
	if cfg.Model != nil {
		rep.sources, rep.assumed, rep.cites = sourcesOf(cfg.Model)
	}
	return rep, nil
}

func runName(cfg Config, i int) string {
	if i < len(cfg.Names) && cfg.Names[i] != "" {
		return cfg.Names[i]
	}
	if s := cfg.Runs[i].Scenario; s != "" {
		return s
	}
	if i == 0 && len(cfg.Runs) == 1 {
		return cfg.Runs[0].Model
	}
	return "run " + strconv.Itoa(i+1)
}

func firstUnit(r *results.Results, names ...string) string {
	for _, n := range names {
		if u := tableOf(r, n).unit(); u != "" {
			return u
		}
	}
	return ""
}

// milestones resolves the milestone years to indices.
func milestones(years, want []string, base int) ([]int, error) {
	idx := map[string]int{}
	for i, y := range years {
		idx[y] = i
	}
	var out []int
	if len(want) > 0 {
		for _, y := range want {
			j, ok := idx[y]
			if !ok {
				return nil, fmt.Errorf("report: milestone year %s is not a year of the runs (%s…%s)", y, years[0], years[len(years)-1])
			}
			out = append(out, j)
		}
		sort.Ints(out)
		return out, nil
	}
	for _, y := range []string{"2025", "2030", "2035", "2050"} {
		if j, ok := idx[y]; ok && j > base {
			out = append(out, j)
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	var fives []int
	for j := base + 1; j < len(years); j++ {
		if v, err := strconv.Atoi(years[j]); err == nil && v%5 == 0 {
			fives = append(fives, j)
		}
	}
	if len(fives) == 0 {
		if len(years)-1 > base {
			return []int{len(years) - 1}, nil
		}
		return []int{base}, nil
	}
	if len(fives) <= 4 {
		return fives, nil
	}
	// Four evenly spaced, the last included.
	for k := 1; k <= 4; k++ {
		out = append(out, fives[(k*len(fives))/4-1])
	}
	return out, nil
}

// sumWedges adds the wedge tables of each counted emission; nil when none
// can be computed.
func sumWedges(ref, pol *results.Results, emissions []string) *abatement.WedgeTable {
	var sum *abatement.WedgeTable
	for _, e := range emissions {
		w, err := abatement.Wedges(ref, pol, e, "measure")
		if err != nil {
			continue
		}
		if sum == nil {
			sum = w
			sum.Emission = ""
			continue
		}
		if len(w.Years) != len(sum.Years) {
			continue
		}
		for j := range sum.Years {
			sum.Reference[j] += w.Reference[j]
			sum.Policy[j] += w.Policy[j]
			sum.Gap[j] += w.Gap[j]
		}
		for _, wg := range w.Wedges {
			found := false
			for k := range sum.Wedges {
				if sum.Wedges[k].Group == wg.Group {
					for j, v := range wg.Values {
						sum.Wedges[k].Values[j] += v
					}
					found = true
				}
			}
			if !found {
				sum.Wedges = append(sum.Wedges, wg)
			}
		}
	}
	return sum
}

// findMeasures lists the blueprint scenario's measures that enter: below
// the threshold share in the base year, above it later, in entry order.
func (rep *Report) findMeasures() []measure { return rep.measuresOf(rep.scen[rep.blueprint]) }

// entries returns the measures that enter in sc (see findMeasures).
func entries(rep *Report, sc *scenRun) []measure {
	if sc == rep.scen[rep.blueprint] {
		return rep.measures
	}
	return rep.measuresOf(sc)
}

// measuresOf lists sc's measures that enter, in entry order.
func (rep *Report) measuresOf(sc *scenRun) []measure {
	// A measure may span sectors (electric cooking in homes and in
	// commerce): it is listed under every sector of its technologies.
	sectorOf := map[string]map[string]bool{}
	investOf := map[string]float64{}
	for _, g := range sc.res.Groups {
		if sectorOf[g.Measure] == nil {
			sectorOf[g.Measure] = map[string]bool{}
		}
		sectorOf[g.Measure][g.Sector] = true
	}
	tableOf(sc.res, "CapitalInvestment").each(func(get func(string) string, v float64) {
		investOf[sc.res.GroupOf(get("TECHNOLOGY")).Measure] += v
	})
	opexOf := map[string]float64{}
	for _, name := range []string{"AnnualFixedOperatingCost", "AnnualVariableOperatingCost"} {
		tableOf(sc.res, name).each(func(get func(string) string, v float64) {
			opexOf[sc.res.GroupOf(get("TECHNOLOGY")).Measure] += v
		})
	}
	price := map[string]float64{}
	if c := rep.cfg.MACC; c != nil {
		if steps, err := c.Steps("measure"); err == nil {
			for _, s := range abatement.ChartSteps(steps) {
				if _, ok := price[s.Group]; !ok {
					price[s.Group] = s.Price
				}
			}
		}
	}
	var out []measure
	for _, name := range keys(sc.share) {
		s := sc.share[name]
		m := measure{name: name, sectors: keys(sectorOf[name]), entry: -1, final: s.last(), investment: investOf[name], opex: opexOf[name], price: math.NaN()}
		if len(m.sectors) == 0 {
			m.sectors = []string{sc.res.GroupOf(name).Sector}
		}
		if p, ok := price[name]; ok {
			m.price = p
		}
		if s[rep.base] >= rep.threshold {
			continue // already established: not a measure that enters
		}
		for j := rep.base + 1; j < len(s); j++ {
			if s[j] >= rep.threshold {
				m.entry = j
				break
			}
		}
		if m.entry < 0 {
			continue
		}
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].entry != out[j].entry {
			return out[i].entry < out[j].entry
		}
		return out[i].name < out[j].name
	})
	return out
}

var reSourceID = regexp.MustCompile(`\bS\d{2,3}\b`)

// sourcesOf summarises the provenance of every parameter with data: the
// source ids its rows cite, and which rows are derived or assumed; and
// the distinct assumptions with the parameters they feed.
func sourcesOf(m *model.Model) ([]sourceRow, []assumption, map[string]int) {
	var out []sourceRow
	cites := map[string]int{}
	asm := map[string]*assumption{}
	for _, p := range m.Params() {
		n := p.NumEntries()
		if n == 0 {
			continue
		}
		row := sourceRow{param: p.Name, entries: n}
		ids := map[string]bool{}
		for i := 0; i < n; i++ {
			src, note := p.Provenance(i)
			found := reSourceID.FindAllString(src, -1)
			for _, id := range found {
				if !ids[id] {
					ids[id] = true
				}
				cites[id]++
			}
			upper := strings.ToUpper(strings.TrimSpace(src))
			switch {
			case src == "":
				row.unsourced++
				row.assumed++
			case strings.HasPrefix(upper, "DERIVED"):
				row.derived++
			case isAssumption(src, note):
				row.assumed++
				text := strings.TrimSpace(src)
				if t, ok := strings.CutPrefix(text, "ASSUMPTION:"); ok {
					text = strings.TrimSpace(t)
				}
				// A SOURCE that cites ids (the NOTE says the row is assumed)
				// or is too short to read is not the assumption's text.
				if note != "" && (len(text) < 4 || !reAssumption.MatchString(src)) {
					text = strings.TrimSpace(note)
				}
				a := asm[text]
				if a == nil {
					a = &assumption{text: text}
					asm[text] = a
				}
				a.rows++
				if len(a.params) == 0 || a.params[len(a.params)-1] != p.Name {
					a.params = append(a.params, p.Name)
				}
			case len(found) > 0:
				// Cites a source and is neither derived nor assumed: the
				// three counts partition the rows (a derived or assumed
				// row that also names a source is counted once, as
				// derived or assumed; its ids still count in cites).
				row.sourced++
			}
		}
		row.ids = keys(ids)
		sort.Slice(row.ids, func(i, j int) bool { return idLess(row.ids[i], row.ids[j]) })
		out = append(out, row)
	}
	list := make([]assumption, 0, len(asm))
	for _, a := range asm {
		list = append(list, *a)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].rows != list[j].rows {
			return list[i].rows > list[j].rows
		}
		return list[i].text < list[j].text
	})
	return out, list, cites
}

// idLess orders source ids by number (S2 before S10).
func idLess(a, b string) bool {
	x, e1 := strconv.Atoi(strings.TrimPrefix(a, "S"))
	y, e2 := strconv.Atoi(strings.TrimPrefix(b, "S"))
	if e1 == nil && e2 == nil {
		return x < y
	}
	return a < b
}

// isAssumption reports whether a row's SOURCE or NOTE marks it as an
// assumption rather than data.
func isAssumption(src, note string) bool {
	for _, s := range []string{src, note} {
		if reAssumption.MatchString(s) {
			return true
		}
	}
	return false
}
