package report

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"blueprint/economy"
	"blueprint/results"
)

// milestoneCell is a parsed milestone table cell.
type milestoneCell struct {
	metric, year, scenario, text string
	value                        float64
	hasValue                     bool
}

// parseMilestones returns the milestone cells of an HTML report.
func parseMilestones(t *testing.T, doc []byte) []milestoneCell {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var out []milestoneCell
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "td" {
			var c milestoneCell
			for _, a := range n.Attr {
				switch a.Key {
				case "data-metric":
					c.metric = a.Val
				case "data-year":
					c.year = a.Val
				case "data-scenario":
					c.scenario = a.Val
				case "data-value":
					if a.Val != "" {
						v, err := strconv.ParseFloat(a.Val, 64)
						if err != nil {
							t.Fatalf("data-value %q: %v", a.Val, err)
						}
						c.value, c.hasValue = v, true
					}
				}
			}
			if c.metric != "" {
				if n.FirstChild != nil {
					c.text = n.FirstChild.Data
				}
				out = append(out, c)
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(root)
	return out
}

// rows calls fn for the rows of table name whose columns match want.
func rows(r *results.Results, name string, want map[string]string, fn func(key map[string]string, v float64)) {
	tb := r.Table(name)
	if tb == nil {
		return
	}
	for i := 0; i < tb.Len(); i++ {
		key := map[string]string{}
		for j, c := range tb.Indices {
			key[c] = tb.Key(i)[j]
		}
		ok := true
		for c, v := range want {
			if key[c] != v {
				ok = false
			}
		}
		if ok {
			fn(key, tb.Values[i])
		}
	}
}

func yearNum(t *testing.T, y string) int {
	t.Helper()
	v, err := strconv.Atoi(y)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// expectedMilestone computes a milestone straight from the result tables,
// independently of the report's code: counted emissions, their change from
// the base year, electrification by the technologies producing heatFuel /
// transportFuel, cumulative retirement and investment, and the non-fossil
// share by its documented definition.
func expectedMilestone(t *testing.T, r *results.Results, metric, year, base string, counted []string, heat, transport func(tech string) bool, elec ...string) float64 {
	t.Helper()
	emis := func(y string) float64 {
		s := 0.0
		for _, e := range counted {
			rows(r, "AnnualEmissions", map[string]string{"EMISSION": e, "YEAR": y}, func(_ map[string]string, v float64) { s += v })
		}
		return s
	}
	upTo := func(name string) float64 {
		s := 0.0
		rows(r, name, nil, func(k map[string]string, v float64) {
			if yearNum(t, k["YEAR"]) <= yearNum(t, year) {
				s += v
			}
		})
		return s
	}
	// The electric share of a fuel: 1 for electricity, else the share of
	// electricity (followed upstream) in its producers' inputs.
	memo := map[string]float64{}
	var share func(f string, depth int) float64
	share = func(f string, depth int) float64 {
		if contains(elec, f) {
			return 1
		}
		if depth == 0 {
			return 0
		}
		if v, ok := memo[f]; ok {
			return v
		}
		num, den := 0.0, 0.0
		rows(r, "ProductionByTechnologyAnnual", map[string]string{"FUEL": f, "YEAR": year}, func(k map[string]string, p float64) {
			if p <= 0 {
				return
			}
			in, e := 0.0, 0.0
			rows(r, "UseByTechnologyAnnual", map[string]string{"TECHNOLOGY": k["TECHNOLOGY"], "YEAR": year}, func(k2 map[string]string, v float64) {
				in += v
				if v > 0 {
					e += v * share(k2["FUEL"], depth-1)
				}
			})
			den += p
			if in > 0 {
				num += p * e / in
			}
		})
		v := 0.0
		if den > 0 {
			v = num / den
		}
		memo[f] = v
		return v
	}
	electrification := func(in func(string) bool) float64 {
		e, all := 0.0, 0.0
		rows(r, "UseByTechnologyAnnual", map[string]string{"YEAR": year}, func(k map[string]string, v float64) {
			if in(k["TECHNOLOGY"]) {
				all += v
				e += v * share(k["FUEL"], 6)
			}
		})
		if all == 0 {
			return math.NaN()
		}
		return e / all
	}
	switch metric {
	case "emissions":
		return emis(year)
	case "change":
		return emis(year)/emis(base) - 1
	case "investment":
		return upTo("CapitalInvestment")
	case "retired":
		return upTo("RetiredCapacity")
	case "elec_heat":
		return electrification(heat)
	case "elec_transport":
		return electrification(transport)
	case "nonfossil":
		isCounted := map[string]bool{}
		for _, e := range counted {
			isCounted[e] = true
		}
		users := map[string]bool{}   // techs with any fuel use
		used := map[string]bool{}    // fuels anybody uses
		burnt := map[string]bool{}   // fuels used by a technology that emits
		emits := map[string]bool{}   // technologies with counted emissions > 0
		emAt := map[string]float64{} // tech → counted emissions in year
		emBase := map[string]float64{}
		peak := map[string]float64{}
		prod := map[[2]string]float64{} // (tech, year) → production of fuels somebody uses
		rows(r, "UseByTechnologyAnnual", nil, func(k map[string]string, _ float64) { used[k["FUEL"]] = true })
		rows(r, "ProductionByTechnologyAnnual", nil, func(k map[string]string, v float64) {
			if used[k["FUEL"]] {
				prod[[2]string{k["TECHNOLOGY"], k["YEAR"]}] += v
			}
		})
		prodAt := func(tech, y string) float64 { return prod[[2]string{tech, y}] }
		rows(r, "AnnualTechnologyEmission", nil, func(k map[string]string, v float64) {
			if isCounted[k["EMISSION"]] && v > 0 {
				emits[k["TECHNOLOGY"]] = true
			}
		})
		rows(r, "UseByTechnologyAnnual", nil, func(k map[string]string, _ float64) {
			users[k["TECHNOLOGY"]] = true
			used[k["FUEL"]] = true
			if emits[k["TECHNOLOGY"]] {
				burnt[k["FUEL"]] = true
			}
		})
		rows(r, "AnnualTechnologyEmission", nil, func(k map[string]string, v float64) {
			if !isCounted[k["EMISSION"]] {
				return
			}
			tech, y := k["TECHNOLOGY"], k["YEAR"]
			if y == year {
				emAt[tech] += v
			}
			if y == base {
				emBase[tech] += v
			}
		})
		for tech := range emits {
			// peak intensity over the years
			years := map[string]float64{}
			rows(r, "AnnualTechnologyEmission", map[string]string{"TECHNOLOGY": tech}, func(k map[string]string, v float64) {
				if isCounted[k["EMISSION"]] {
					years[k["YEAR"]] += v
				}
			})
			for y, e := range years {
				if p := prodAt(tech, y); p > 0 {
					peak[tech] = math.Max(peak[tech], e/p)
				}
			}
		}
		total, fossil := 0.0, 0.0
		rows(r, "ProductionByTechnologyAnnual", map[string]string{"YEAR": year}, func(k map[string]string, v float64) {
			tech, f := k["TECHNOLOGY"], k["FUEL"]
			if users[tech] || !used[f] {
				return
			}
			total += v
			ref := peak[tech]
			if pb := prodAt(tech, base); pb > 0 && emBase[tech] > 0 {
				ref = emBase[tech] / pb
			}
			switch {
			case ref > 0:
				intensity := 0.0
				if p := prodAt(tech, year); p > 0 {
					intensity = emAt[tech] / p
				}
				fossil += v * math.Min(1, intensity/ref)
			case burnt[f]:
				fossil += v
			}
		})
		if total == 0 {
			return math.NaN()
		}
		return 1 - fossil/total
	}
	t.Fatalf("unknown metric %q", metric)
	return 0
}

// producer selects the technologies that produce one of fuels.
func producer(r *results.Results, fuels ...string) func(string) bool {
	set := map[string]bool{}
	for _, f := range fuels {
		rows(r, "ProductionByTechnologyAnnual", map[string]string{"FUEL": f}, func(k map[string]string, _ float64) { set[k["TECHNOLOGY"]] = true })
	}
	return func(t string) bool { return set[t] }
}

func close(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// TestMilestonesUTOPIA parses the milestone tables of the UTOPIA report in
// both languages and checks every cell against the result tables.
// milestoneCase says how to recompute a report's milestones.
type milestoneCase struct {
	runs            []*results.Results
	base            string
	years           []string
	counted         []string
	heat, transport func(r *results.Results) func(string) bool
	elec            []string
	em, money, cap  string // model units
}

// checkMilestones parses the milestone tables of rep in both languages and
// checks every cell (the raw data-value and the shown text, converted to
// the language's units) against values computed from the result tables.
func checkMilestones(t *testing.T, rep *Report, mc milestoneCase) {
	for _, lang := range []Lang{EN, ZH} {
		t.Run(string(lang), func(t *testing.T) {
			var buf bytes.Buffer
			if err := rep.WriteHTML(&buf, lang); err != nil {
				t.Fatal(err)
			}
			cells := parseMilestones(t, buf.Bytes())
			if want := len(mc.runs) * len(metricNames) * len(mc.years); len(cells) != want {
				t.Fatalf("%d milestone cells, want %d", len(cells), want)
			}
			years := map[string]bool{}
			tr, _ := newTr(lang)
			// The amounts' units are in the rows' labels.
			wr := &writer{r: rep, t: tr}
			for _, l := range []string{wr.axisUnit("Emissions", mc.em), wr.axisUnit("Cumulative investment", mc.money)} {
				if !strings.Contains(buf.String(), "<td>"+html.EscapeString(l)+"</td>") {
					t.Errorf("no milestone row labelled %q", l)
				}
			}
			for _, c := range cells {
				years[c.year] = true
				var r *results.Results
				for _, run := range mc.runs {
					if run.Scenario == c.scenario {
						r = run
					}
				}
				if r == nil {
					t.Fatalf("cell for unknown scenario %q", c.scenario)
				}
				want := expectedMilestone(t, r, c.metric, c.year, mc.base, mc.counted, mc.heat(r), mc.transport(r), mc.elec...)
				if !c.hasValue || !close(c.value, want) {
					t.Errorf("%s %s %s: data-value %v (set %v), want %v", c.scenario, c.metric, c.year, c.value, c.hasValue, want)
				}
				var text string
				switch c.metric {
				// Amounts show the number; the unit is in the row's label.
				case "emissions":
					text, _ = tr.amount(want, mc.em)
				case "investment":
					text, _ = tr.amount(want, mc.money)
				case "retired":
					text, _ = tr.amount(want, mc.cap)
				case "change":
					text = signedPct(want)
				default:
					text = pct(want)
				}
				if c.text != text {
					t.Errorf("%s %s %s: text %q, want %q", c.scenario, c.metric, c.year, c.text, text)
				}
			}
			for _, y := range mc.years {
				if !years[y] {
					t.Errorf("no milestone column for %s", y)
				}
			}
			if len(tr.missing) != 0 {
				t.Errorf("missing translations: %v", tr.missing)
			}
		})
	}
}

// TestMilestonesUTOPIA: UTOPIA has no 2025–2050, so the milestones fall
// back to the multiples of five after the base year.
func TestMilestonesUTOPIA(t *testing.T) {
	m, runs := utopia(t)
	rep, err := Build(Config{Runs: runs, Model: m, Heat: []string{"RH"}, Transport: []string{"TX"}})
	if err != nil {
		t.Fatal(err)
	}
	checkMilestones(t, rep, milestoneCase{runs: runs, base: "1990", years: []string{"1995", "2000", "2005", "2010"},
		counted: []string{"CO2"}, elec: []string{"ELC"}, em: "Emissions", money: "Money", cap: "Power",
		heat:      func(r *results.Results) func(string) bool { return producer(r, "RH") },
		transport: func(r *results.Results) func(string) bool { return producer(r, "TX") }})
	// The policy's cap binds: its emissions must differ from the reference,
	// or the test compares nothing interesting.
	e0 := expectedMilestone(t, runs[0], "emissions", "2010", "1990", []string{"CO2"}, nil, nil, "ELC")
	e1 := expectedMilestone(t, runs[1], "emissions", "2010", "1990", []string{"CO2"}, nil, nil, "ELC")
	if !(e1 < e0-1) {
		t.Errorf("policy 2010 emissions %v not below reference %v", e1, e0)
	}
}

// TestChineseRendering: every message of the Chinese report is translated,
// units are converted, and the text is Chinese.
func TestChineseRendering(t *testing.T) {
	m, runs := utopia(t)
	rep, err := Build(Config{Runs: runs, Model: m})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := newTr(ZH)
	if err != nil {
		t.Fatal(err)
	}
	p, err := rep.page(tr)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.missing) > 0 {
		t.Errorf("messages without Chinese: %v", keys(tr.missing))
	}
	if p.Lang != "zh" || !hasHan(p.Title) {
		t.Errorf("title %q, lang %q", p.Title, p.Lang)
	}
	for _, s := range p.Sections {
		if !hasHan(s.Title) {
			t.Errorf("section title %q is not Chinese", s.Title)
		}
	}
}

func TestUnitsZH(t *testing.T) {
	tr, err := newTr(ZH)
	if err != nil {
		t.Fatal(err)
	}
	en, _ := newTr(EN)
	cases := []struct {
		v        float64
		unit     string
		zh, enTx string
	}{
		{1.5, "Mt CO2", "150 万吨二氧化碳", "1.50 Mt CO2"},
		{97.25, "MtCO2", "9,725 万吨二氧化碳", "97.2 MtCO2"},
		{2500, "million CNY", "25.0 亿元", "2.50 billion CNY"},
		{123456, "million CNY", "1,235 亿元", "123 billion CNY"},
		{5452749, "MCNY", "54,527 亿元", "5,453 billion CNY"},
		{3, "billion CNY", "30.0 亿元", "3.00 billion CNY"},
		{1, "PJ", "3.41 万吨标准煤", "1.00 PJ"},
		{29.3076, "PJ", "100 万吨标准煤", "29.3 PJ"},
		{3, "GW", "300 万千瓦", "3.00 GW"},
		{2, "TWh", "20.0 亿千瓦时", "2.00 TWh"},
		{250, "CNY/t CO2", "250 元/吨二氧化碳", "250 CNY/t CO2"},
		{7, "Emissions", "7.00 排放", "7.00 Emissions"}, // a unit named like a message translates
	}
	for _, tc := range cases {
		n, u := tr.amount(tc.v, tc.unit)
		if got := n + " " + u; got != tc.zh {
			t.Errorf("zh %v %s = %q, want %q", tc.v, tc.unit, got, tc.zh)
		}
		if got, want := tr.qty(tc.v, tc.unit), strings.Replace(tc.zh, " ", "", 1); strings.ContainsAny(tc.zh, "万亿元") && got != want {
			t.Errorf("zh %v %s = %q, want %q", tc.v, tc.unit, got, tc.zh)
		}
		n, u = en.amount(tc.v, tc.unit)
		if got := n + " " + u; got != tc.enTx {
			t.Errorf("en %v %s = %q, want %q", tc.v, tc.unit, got, tc.enTx)
		}
	}
}

func TestNumberFormats(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{0, "0"}, {0.004567, "0.0046"}, {0.5, "0.500"}, {3.14159, "3.14"}, {42.42, "42.4"},
		{999.6, "1,000"}, {-1234567, "-1,234,567"}, {-0.0001, "-0.0001"}, {math.NaN(), "–"},
	}
	for _, tc := range cases {
		if got := num(tc.v); got != tc.want {
			t.Errorf("num(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
	// A small non-zero value keeps a significant digit (it printed as
	// "0.0000" below 0.00005).
	for _, v := range []float64{4e-5, -3.2e-7, 0.00987} {
		got, err := strconv.ParseFloat(strings.ReplaceAll(num(v), ",", ""), 64)
		if err != nil || math.Abs(got-v) > 0.5*math.Abs(v) {
			t.Errorf("num(%v) = %q: not within half of the value", v, num(v))
		}
	}
	for v, want := range map[float64]string{0.1234: "12.3%", 1: "100.0%", 0: "0.0%"} {
		if got := pct(v); got != want {
			t.Errorf("pct(%v) = %q, want %q", v, got, want)
		}
	}
	if got := signedPct(0.05); got != "+5.0%" {
		t.Errorf("signedPct = %q", got)
	}
}

// TestSelfContained: the HTML asks for nothing over the network and has no
// scripts, and two builds give identical bytes.
func TestSelfContained(t *testing.T) {
	m, runs := utopia(t)
	var docs [2][]byte
	for i := range docs {
		rep, err := Build(Config{Runs: runs, Model: m})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rep.WriteHTML(&buf, EN); err != nil {
			t.Fatal(err)
		}
		docs[i] = buf.Bytes()
	}
	if !bytes.Equal(docs[0], docs[1]) {
		t.Error("two builds of the same runs differ")
	}
	s := string(docs[0])
	for _, bad := range []string{"<script", "<link", "<img", "@import", "url(http", `src="`, `href="http`} {
		if strings.Contains(s, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	if n := strings.Count(s, "http://") + strings.Count(s, "https://"); n != strings.Count(s, `xmlns="http://www.w3.org/2000/svg"`) {
		t.Errorf("report names %d URLs besides the SVG namespace", n-strings.Count(s, `xmlns="http://www.w3.org/2000/svg"`))
	}
	if c := strings.Count(s, "<figure"); c < 6 {
		t.Errorf("only %d figures", c)
	}
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(s, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	if len(ids) < 10 {
		t.Errorf("only %d ids", len(ids))
	}
}

func TestBuildErrors(t *testing.T) {
	_, runs := utopia(t)
	bad := &results.Results{Model: "x", Status: "infeasible", Tables: runs[0].Tables}
	noEm := &results.Results{Model: "x", Status: "optimal"}
	cases := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no runs", Config{}, "no runs"},
		{"infeasible", Config{Runs: []*results.Results{runs[0], bad}}, `run 2 (run 2): status "infeasible"`},
		{"no emissions table", Config{Runs: []*results.Results{noEm}}, "no AnnualEmissions table"},
		{"milestone", Config{Runs: runs, Milestones: []string{"2030"}}, "milestone year 2030 is not a year of the runs (1990…2010)"},
		{"base year", Config{Runs: runs, BaseYear: "1980"}, "base year 1980"},
		{"blueprint", Config{Runs: runs, Blueprint: "nope"}, `blueprint scenario "nope"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := Build(Config{}); !errors.Is(err, ErrNoRuns) {
		t.Errorf("no runs: %v is not ErrNoRuns", err)
	}
	if _, err := ParseLangs("fr"); err == nil {
		t.Error("ParseLangs(fr) accepted")
	}
	if l, _ := ParseLangs("both"); len(l) != 2 {
		t.Errorf("both = %v", l)
	}
}

// TestEconomySection feeds UTOPIA's illustrative economy data (package
// economy's testdata) to the report and checks section 4 shows its
// numbers.
func TestEconomySection(t *testing.T) {
	m, runs := utopia(t)
	dir := "../economy/testdata/"
	tab, err := economy.ReadTableFile(dir + "utopia_io.csv")
	if err != nil {
		t.Skipf("economy test data not available: %v", err)
	}
	opt := economy.DefaultOptions()
	if opt.Model, err = economy.NewModel(tab, 1e-6); err != nil {
		t.Fatal(err)
	}
	if opt.Bridge, err = economy.ReadBridgeFile(dir + "utopia_bridge.csv"); err != nil {
		t.Fatal(err)
	}
	if opt.Households, err = economy.ReadHouseholdsFile(dir + "utopia_households.csv"); err != nil {
		t.Fatal(err)
	}
	res, err := economy.Impacts(runs[1], runs[0], opt)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Build(Config{Runs: runs, Model: m, Economy: res})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []Lang{EN, ZH} {
		var buf bytes.Buffer
		if err := rep.WriteHTML(&buf, lang); err != nil {
			t.Fatal(err)
		}
		s := buf.String()
		if !strings.Contains(s, `<table id="economy"`) || !strings.Contains(s, `<table id="burden"`) {
			t.Fatalf("%s: no economy or burden table", lang)
		}
		// The jobs total of 2010 appears as a sum of the table's rows: check
		// one sector's output change is printed.
		want := 0.0
		code := ""
		rows(&results.Results{Tables: []*results.Table{res.Output}}, res.Output.Name, map[string]string{"YEAR": "2010"}, func(k map[string]string, v float64) {
			if code == "" || k["SECTOR"] == code {
				code = k["SECTOR"]
				want += v
			}
		})
		tr, _ := newTr(lang)
		n, _ := tr.amount(want, strings.TrimSpace(strings.TrimSuffix(res.Output.Unit, economy.ProxyLabel)))
		if !strings.Contains(s, `<td class="num">`+n+`</td>`) {
			t.Errorf("%s: output change %s of sector %s not in the table", lang, n, code)
		}
	}
}

func BenchmarkReportHTML(b *testing.B) {
	m, runs := utopia(b)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Build(Config{Runs: runs, Model: m})
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range []Lang{EN, ZH} {
			var buf bytes.Buffer
			if err := rep.WriteHTML(&buf, l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestNoChromium: without Chromium the PDF fails with the install command
// and the HTML reports are still written.
func TestNoChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("BLUEPRINT_CHROMIUM", "")
	_, runs := utopia(t)
	rep, err := Build(Config{Runs: runs})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w, err := WriteFiles(context.Background(), rep, dir, []Lang{EN, ZH}, true)
	if !errors.Is(err, ErrNoChromium) || !strings.Contains(err.Error(), "apt-get install -y chromium fonts-noto-cjk") {
		t.Fatalf("err = %v, want ErrNoChromium naming the apt-get command", err)
	}
	if len(w.HTML) != 2 || len(w.PDF) != 0 {
		t.Fatalf("written %+v", w)
	}
	for _, h := range w.HTML {
		if fi, err := os.Stat(h); err != nil || fi.Size() < 10000 {
			t.Errorf("%s: %v", h, err)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
