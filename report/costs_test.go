package report

import (
	"bytes"
	"math"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"blueprint/results"
)

// tableRows returns the cell texts of the body rows of the table with id.
func tableRows(t *testing.T, doc []byte, id string) [][]string {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var textOf func(n *html.Node) string
	textOf = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			b.WriteString(textOf(k))
		}
		return b.String()
	}
	var out [][]string
	found := false
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode && n.Data == "table" {
			for _, a := range n.Attr {
				if a.Key == "id" && a.Val == id {
					in, found = true, true
				}
			}
		}
		if in && n.Type == html.ElementNode && n.Data == "tr" && n.Parent != nil && n.Parent.Data == "tbody" {
			var row []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "td" {
					row = append(row, textOf(c))
				}
			}
			out = append(out, row)
			return
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k, in)
		}
	}
	walk(root, false)
	if !found {
		t.Fatalf("no table %q", id)
	}
	return out
}

// TestRetirementSection: UTOPIA with its coal plant allowed to retire and
// a carbon price, so that StrandedCost > 0. Every row of the retirement
// table (asset class, year, retired capacity, stranded cost) equals the
// sums of RetiredCapacity and StrandedCost over the technologies of that
// asset class and year, in both languages' units, and no other row is
// shown; the section's sentence states the stranded total.
func TestRetirementSection(t *testing.T) {
	runs := utopiaRetire(t)
	total := 0.0
	for _, v := range runs[1].Table("StrandedCost").Values {
		total += v
	}
	if !(total > 0) {
		t.Fatalf("the carbon-price run strands nothing (%v): the test needs StrandedCost > 0", total)
	}
	rep, err := Build(Config{Runs: runs})
	if err != nil {
		t.Fatal(err)
	}
	capUnit, moneyUnit := runs[0].Table("RetiredCapacity").Unit, runs[0].Table("StrandedCost").Unit
	for _, lang := range []Lang{EN, ZH} {
		t.Run(string(lang), func(t *testing.T) {
			var buf bytes.Buffer
			if err := rep.WriteHTML(&buf, lang); err != nil {
				t.Fatal(err)
			}
			tr, _ := newTr(lang)
			// Expected rows, from the result tables, blueprint (policy) first.
			var want []string
			for _, r := range []*results.Results{runs[1], runs[0]} {
				type key struct{ asset, year string }
				ret, str := map[key]float64{}, map[key]float64{}
				rows(r, "RetiredCapacity", nil, func(k map[string]string, v float64) {
					ret[key{r.GroupOf(k["TECHNOLOGY"]).Measure, k["YEAR"]}] += v
				})
				rows(r, "StrandedCost", nil, func(k map[string]string, v float64) {
					str[key{r.GroupOf(k["TECHNOLOGY"]).Measure, k["YEAR"]}] += v
				})
				var ks []key
				for k := range ret {
					ks = append(ks, k)
				}
				for k := range str {
					if _, ok := ret[k]; !ok {
						ks = append(ks, k)
					}
				}
				sort.Slice(ks, func(i, j int) bool { return ks[i].asset+ks[i].year < ks[j].asset+ks[j].year })
				for _, k := range ks {
					if ret[k] == 0 && str[k] == 0 {
						continue
					}
					rn, _ := tr.amount(ret[k], capUnit)
					sn, _ := tr.amount(str[k], moneyUnit)
					want = append(want, strings.Join([]string{tr.Name(k.asset), k.year, rn, sn}, "|"))
				}
			}
			var got []string
			for _, row := range tableRows(t, buf.Bytes(), "retirement") {
				if len(row) != 6 {
					t.Fatalf("row %v: %d cells, want 6", row, len(row))
				}
				if row[1] == tr.T("Total") {
					continue
				}
				got = append(got, strings.Join([]string{row[1], row[3], row[4], row[5]}, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("retirement rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if s := tr.qty(total, moneyUnit); !strings.Contains(buf.String(), s) {
				t.Errorf("section 3 does not state the stranded total %s", s)
			}
			if len(tr.missing) > 0 {
				t.Errorf("missing translations: %v", tr.missing)
			}
		})
	}
}

// TestShadowPriceExplained: a run whose carbon price jumps when a measure
// enters, with aviation left as the largest emitter: section 3 names the
// jump's years and prices, the entering measure, and aviation's share of
// what is left, all from the tables; a smooth price path gets no story.
func TestShadowPriceExplained(t *testing.T) {
	run := func(prices []float64) *results.Results {
		tab := func(name, unit string, idx ...string) *results.Table {
			return &results.Table{Name: name, Unit: unit, Indices: idx}
		}
		years := []string{"2020", "2030", "2040"}
		ae := tab("AnnualEmissions", "Mt CO2", "REGION", "EMISSION", "YEAR")
		ate := tab("AnnualTechnologyEmission", "Mt CO2", "REGION", "TECHNOLOGY", "EMISSION", "YEAR")
		prod := tab("ProductionByTechnologyAnnual", "PJ", "REGION", "TECHNOLOGY", "FUEL", "YEAR")
		cp := tab("CarbonPrice", "MCNY/Mt CO2", "REGION", "EMISSION", "YEAR")
		jet := []float64{10, 8, 3}
		saf := []float64{0, 0, 5}
		boiler := []float64{10, 4, 1}
		for j, y := range years {
			ae.Append(jet[j]+boiler[j], "R", "CO2", y)
			ate.Append(jet[j], "R", "PLANE_JET", "CO2", y)
			ate.Append(boiler[j], "R", "BOILER", "CO2", y)
			prod.Append(jet[j], "R", "PLANE_JET", "TRAVEL", y)
			prod.Append(saf[j], "R", "PLANE_SAF", "TRAVEL", y)
			prod.Append(20, "R", "BOILER", "HEAT", y)
			cp.Append(prices[j], "R", "CO2", y)
		}
		return &results.Results{Model: "hand", Scenario: "cap", Status: "optimal", Tables: []*results.Table{ae, ate, prod, cp},
			Groups: []results.Group{{Technology: "PLANE_JET", Sector: "aviation", Measure: "kerosene"},
				{Technology: "PLANE_SAF", Sector: "aviation", Measure: "bio-jet"},
				{Technology: "BOILER", Sector: "heat", Measure: "boiler"}}}
	}
	for _, tc := range []struct {
		name   string
		prices []float64
		want   []string
		absent string
	}{
		{"jump", []float64{0, 100, 1000}, []string{
			"peaks at 1,000 CNY/t CO2 in 2040",
			"It jumps from 100 CNY/t CO2 in 2030 to 1,000 CNY/t CO2 in 2040",
			// 2040: aviation 3 of 4 Mt left.
			"in 2040 aviation still emits 3.00 Mt CO2, 75.0% of the 4.00 Mt CO2 left",
			"the measure entering then is bio-jet (2040)"}, ""},
		{"smooth", []float64{300, 400, 500}, []string{"peaks at 500 CNY/t CO2 in 2040"}, "It jumps"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Build(Config{Runs: []*results.Results{run(tc.prices)}})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := rep.WriteHTML(&buf, EN); err != nil {
				t.Fatal(err)
			}
			s := buf.String()
			for _, w := range tc.want {
				if !strings.Contains(s, w) {
					t.Errorf("report lacks %q", w)
				}
			}
			if tc.absent != "" && strings.Contains(s, tc.absent) {
				t.Errorf("report has %q for a smooth price path", tc.absent)
			}
		})
	}
}

// TestComparisons: relative and absolute differences read as words in
// both languages, with the sign turned into below/above (低/高); small
// shares do not print as 0.0%, set thresholds not as 10.0%.
func TestComparisons(t *testing.T) {
	en, _ := newTr(EN)
	zh, _ := newTr(ZH)
	for _, tc := range []struct {
		got, want string
	}{
		{en.above(-0.957), "95.7% below"},
		{en.above(0.075), "7.5% above"},
		{zh.above(-0.957), "低95.7%"},
		{en.above(math.NaN()), "–"},
		{en.higher(929e3, "MCNY"), "929 billion CNY higher"},
		{en.higher(-5e3, "MCNY"), "5.00 billion CNY lower"},
		{zh.higher(929e3, "MCNY"), "高9,290亿元"},
		{pctSmall(0.0001), "<0.1%"},
		{pctSmall(0.016), "1.6%"},
		{pctRound(0.1), "10%"},
		{pctRound(0.125), "12.5%"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestRetirementSectorOfRetiredPlant: an asset class (measure) that spans
// several sectors shows, in the retirement table, the sectors of the
// technologies that actually retire, not the sector of the measure's first
// technology. Beijing's "coal phase-out" lists COAL_HOB (power and heat)
// first, but the plant that retires is IND_COAL (industry); the report
// printed "power and heat". Here UTOPIA's retiring coal plant E01 is
// grouped with E21 of another sector listed first.
func TestRetirementSectorOfRetiredPlant(t *testing.T) {
	var runs []*results.Results
	for _, r := range utopiaRetire(t) {
		c := *r
		c.Groups = []results.Group{
			{Technology: "E21", Sector: "supply", Measure: "coal phase-out"},
			{Technology: "E01", Sector: "power_heat", Measure: "coal phase-out"},
		}
		runs = append(runs, &c)
	}
	rep, err := Build(Config{Runs: runs})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []Lang{EN, ZH} {
		t.Run(string(lang), func(t *testing.T) {
			var buf bytes.Buffer
			if err := rep.WriteHTML(&buf, lang); err != nil {
				t.Fatal(err)
			}
			tr, _ := newTr(lang)
			// Sector of each asset class: those of its retired technologies.
			want := map[string]map[string]bool{}
			for _, r := range runs {
				for _, name := range []string{"RetiredCapacity", "StrandedCost"} {
					rows(r, name, nil, func(k map[string]string, v float64) {
						g := r.GroupOf(k["TECHNOLOGY"])
						if v == 0 {
							return
						}
						if want[tr.Name(g.Measure)] == nil {
							want[tr.Name(g.Measure)] = map[string]bool{}
						}
						want[tr.Name(g.Measure)][tr.Name(g.Sector)] = true
					})
				}
			}
			n := 0
			for _, row := range tableRows(t, buf.Bytes(), "retirement") {
				if row[1] == tr.T("Total") {
					continue
				}
				n++
				if secs := want[row[1]]; len(secs) != 1 || !secs[row[2]] {
					t.Errorf("row %v: sector %q, want the retired plants' %v", row, row[2], secs)
				}
			}
			if n == 0 {
				t.Fatal("no retirement rows")
			}
		})
	}
}
