package report

import (
	"bytes"
	"context"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"testing"

	"blueprint/clp"
	"blueprint/dataset/beijing"
	"blueprint/economy"
	"blueprint/lp"
	"blueprint/model"
	"blueprint/pathway"
	"blueprint/results"
)

var (
	beijingOnce sync.Once
	beijingM    *model.Model
	beijingRuns []*results.Results
	beijingErr  error
)

// beijingSolved solves the three embedded Beijing scenarios once per test
// binary (about ten seconds).
func beijingSolved(t testing.TB) (*model.Model, []*results.Results) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping the Beijing solves in -short mode")
	}
	beijingOnce.Do(func() {
		if beijingM, beijingErr = beijing.Base(); beijingErr != nil {
			return
		}
		for _, name := range beijing.ScenarioNames() {
			m, err := beijing.Scenario(name)
			if err != nil {
				beijingErr = err
				return
			}
			run, err := pathway.Solve(context.Background(), m, func() (lp.Solver, error) { return clp.New() }, pathway.Options{})
			if err != nil {
				beijingErr = err
				return
			}
			if run.Solution.Status != lp.Optimal {
				beijingErr = run.Solution.Status.Err()
				return
			}
			beijingRuns = append(beijingRuns, run.Results)
		}
	})
	if beijingErr != nil {
		t.Fatal(beijingErr)
	}
	return beijingM, beijingRuns
}

// beijingConfig is the report configuration blueprint report uses for the
// embedded model: with the dataset's sources (long titles with file paths,
// which must wrap inside the page) and the economy section.
func beijingConfig(t testing.TB, m *model.Model, runs []*results.Results) Config {
	t.Helper()
	cfg := Config{Title: "Beijing", Runs: runs, Model: m, Heat: []string{"RSH", "CSH", "IHT"}, Transport: []string{"transport"}}
	f, err := beijing.FS.Open("SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg.Sources, err = ParseSources(f, "SOURCES.md"); err != nil {
		t.Fatal(err)
	}
	sub, err := fs.Sub(beijing.FS, "economy")
	if err != nil {
		t.Fatal(err)
	}
	opt, _, err := economy.BeijingOptions(sub)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Economy, err = economy.Impacts(runs[len(runs)-1], runs[0], opt); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestMilestonesBeijing checks the Beijing report's milestone tables (2025,
// 2030, 2035, 2050 in three scenarios, both languages, in 万吨 and 亿元 in
// Chinese) against the result tables.
func TestMilestonesBeijing(t *testing.T) {
	m, runs := beijingSolved(t)
	rep, err := Build(beijingConfig(t, m, runs))
	if err != nil {
		t.Fatal(err)
	}
	bySector := func(sector string) func(r *results.Results) func(string) bool {
		return func(r *results.Results) func(string) bool {
			return func(tech string) bool { return r.GroupOf(tech).Sector == sector }
		}
	}
	checkMilestones(t, rep, milestoneCase{runs: runs, base: "2019", years: []string{"2025", "2030", "2035", "2050"},
		counted: []string{"CO2_AV", "CO2_S1", "CO2_S2"}, elec: []string{"ELC", "ELCD"}, em: "Mt CO2", money: "MCNY", cap: "GW",
		heat:      func(r *results.Results) func(string) bool { return producer(r, "RSH", "CSH", "IHT") },
		transport: bySector("transport")})
	// The scenarios must differ where the milestones look, or the check is
	// weak: neutral2050 emits less than the reference in 2050.
	e0 := expectedMilestone(t, runs[0], "emissions", "2050", "2019", []string{"CO2_AV", "CO2_S1", "CO2_S2"}, nil, nil, "ELC")
	e2 := expectedMilestone(t, runs[2], "emissions", "2050", "2019", []string{"CO2_AV", "CO2_S1", "CO2_S2"}, nil, nil, "ELC")
	if !(e2 < 0.5*e0) {
		t.Errorf("neutral2050 emits %v in 2050, reference %v", e2, e0)
	}
}

// BenchmarkReportBeijing is blueprint report's own work on three solved
// Beijing scenarios: the economy impacts, Build and the HTML in both
// languages (target < 5 s).
func BenchmarkReportBeijing(b *testing.B) {
	m, runs := beijingSolved(b)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Build(beijingConfig(b, m, runs))
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range []Lang{EN, ZH} {
			if err := rep.WriteHTML(discard{}, l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestMeasureSectorsBeijing: the measures tables (entry order and costs)
// name every sector of a measure's technologies. Electric cooking and
// building heat pumps serve homes and commerce; the report named only the
// sector of the measure's last technology ("commercial").
func TestMeasureSectorsBeijing(t *testing.T) {
	m, runs := beijingSolved(t)
	rep, err := Build(beijingConfig(t, m, runs))
	if err != nil {
		t.Fatal(err)
	}
	blue := runs[len(runs)-1]
	for _, lang := range []Lang{EN, ZH} {
		var buf bytes.Buffer
		if err := rep.WriteHTML(&buf, lang); err != nil {
			t.Fatal(err)
		}
		tr, _ := newTr(lang)
		want := map[string]string{} // measure name → sorted sector names, joined
		sets := map[string]map[string]bool{}
		for _, g := range blue.Groups {
			if sets[g.Measure] == nil {
				sets[g.Measure] = map[string]bool{}
			}
			sets[g.Measure][g.Sector] = true
		}
		multi := 0
		for ms, set := range sets {
			var names []string
			for _, k := range keys(set) {
				names = append(names, tr.Name(k))
			}
			want[tr.Name(ms)] = strings.Join(names, tr.T(", "))
		}
		for _, tab := range []struct {
			id              string
			measure, sector int
		}{{"entry", 0, 1}, {"measures", 1, 2}} {
			rows := tableRows(t, buf.Bytes(), tab.id)
			if len(rows) == 0 {
				t.Fatalf("%s: no rows", tab.id)
			}
			for _, row := range rows {
				if row[tab.sector] != want[row[tab.measure]] {
					t.Errorf("%s %s: %s row %v: sector %q, want %q", lang, tab.id, row[tab.measure], row, row[tab.sector], want[row[tab.measure]])
				}
				if strings.Contains(row[tab.sector], tr.T(", ")) {
					multi++
				}
			}
		}
		if multi == 0 {
			t.Errorf("%s: no measure spans sectors: the test checks nothing the old code got wrong", lang)
		}
	}
}

// TestSourcesPartitionBeijing: section 6 says the model's input rows are
// those citing a source, those derived and the assumptions; the three
// counts must add up to the rows of every parameter. The report counted a
// row that cites a source id and is marked an assumption in both (Beijing:
// 3,548 + 14,453 + 5,977 = 23,978 "of" 23,135 rows).
func TestSourcesPartitionBeijing(t *testing.T) {
	m, err := beijing.Base()
	if err != nil {
		t.Fatal(err)
	}
	rows, _, _ := sourcesOf(m)
	total, sum := 0, 0
	for _, r := range rows {
		total += r.entries
		sum += r.sourced + r.derived + r.assumed
		if r.sourced+r.derived+r.assumed != r.entries {
			t.Errorf("%s: %d from sources + %d derived + %d assumptions, %d rows", r.param, r.sourced, r.derived, r.assumed, r.entries)
		}
	}
	// Rows citing an id that are neither derived nor assumed, counted here
	// from the provenance directly.
	want := 0
	for _, p := range m.Params() {
		for i := 0; i < p.NumEntries(); i++ {
			src, note := p.Provenance(i)
			if reSourceID.MatchString(src) && !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(src)), "DERIVED") && !isAssumption(src, note) {
				want++
			}
		}
	}
	got := 0
	for _, r := range rows {
		got += r.sourced
	}
	if got != want || want == 0 {
		t.Errorf("rows from sources: %d, want %d", got, want)
	}
	if sum != total {
		t.Errorf("categories add to %d, rows %d", sum, total)
	}
}

// TestSummaryMeasuresBeijing: the summary names at most four measures; when
// more enter it must say how many, or the reader takes the four for all
// (Beijing: nine measures enter in neutral2050, the summary listed four
// under "Measures in the order they enter").
func TestSummaryMeasuresBeijing(t *testing.T) {
	m, runs := beijingSolved(t)
	rep, err := Build(beijingConfig(t, m, runs))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.measures) <= 4 {
		t.Fatalf("%d measures enter: the test needs more than the summary names", len(rep.measures))
	}
	for _, lang := range []Lang{EN, ZH} {
		tr, _ := newTr(lang)
		wr := &writer{r: rep, t: tr, pals: rep.palettes()}
		var line string
		for _, s := range wr.summary() {
			if strings.Contains(s, tr.Name(rep.measures[0].name)) {
				line = s
			}
		}
		if line == "" {
			t.Fatalf("%s: no summary line names the measures", lang)
		}
		named := 0
		for _, ms := range rep.measures {
			if strings.Contains(line, tr.Name(ms.name)+" (") || strings.Contains(line, tr.Name(ms.name)+"（") {
				named++
			}
		}
		if named < len(rep.measures) && !strings.Contains(line, strconv.Itoa(len(rep.measures))) {
			t.Errorf("%s: the summary names %d of %d measures without saying so: %s", lang, named, len(rep.measures), line)
		}
		if len(tr.missing) > 0 {
			t.Errorf("%s: missing translations %v", lang, tr.missing)
		}
	}
}
