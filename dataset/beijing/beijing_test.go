package beijing

import (
	"encoding/csv"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"blueprint/otoole"
)

// sourceIDs returns the ids listed in SOURCES.md.
func sourceIDs(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\| (S\d+) \|`).FindAllStringSubmatch(string(data), -1) {
		ids[m[1]] = true
	}
	return ids
}

// checkSource reports what is wrong with a SOURCE value, or "".
func checkSource(src string, ids map[string]bool) string {
	switch {
	case src == "":
		return "empty SOURCE"
	case strings.HasPrefix(src, "ASSUMPTION: ") && len(src) > len("ASSUMPTION: "):
		return ""
	case strings.HasPrefix(src, "DERIVED: ") && len(src) > len("DERIVED: "):
		return ""
	}
	for _, id := range strings.Split(src, ";") {
		if !ids[strings.TrimSpace(id)] {
			return "source id " + id + " not in SOURCES.md"
		}
	}
	return ""
}

// TestProvenance checks that every parameter row of the model and of the
// scenario overlays names a source listed in SOURCES.md, an ASSUMPTION or a
// DERIVED arithmetic, and that every technology has a sector and a measure.
func TestProvenance(t *testing.T) {
	ids := sourceIDs(t)
	m, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, p := range m.Params() {
		for i := 0; i < p.NumEntries(); i++ {
			rows++
			src, _ := p.Provenance(i)
			if msg := checkSource(src, ids); msg != "" {
				key, _ := p.Entry(i)
				t.Errorf("%s: %s", p.Format(key), msg)
			}
		}
	}
	if rows < 10000 {
		t.Errorf("only %d parameter rows: model not loaded?", rows)
	}
	err = fs.WalkDir(FS, "scenarios", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".csv" {
			return err
		}
		if name := strings.TrimSuffix(path.Base(p), ".csv"); name == "TechnologyGroup" || m.Schema().SetDef(name) != nil {
			return nil // set elements and groups, not parameter rows
		}
		data, err := FS.ReadFile(p)
		if err != nil {
			return err
		}
		recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
		if err != nil {
			return err
		}
		col := -1
		for j, h := range recs[0] {
			if h == "SOURCE" {
				col = j
			}
		}
		if col < 0 {
			t.Errorf("%s: no SOURCE column", p)
			return nil
		}
		for i, r := range recs[1:] {
			if msg := checkSource(r[col], ids); msg != "" {
				t.Errorf("%s:%d: %s", p, i+2, msg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		file string
		col  int
	}{{"inputs.csv", 3}, {"timeslices.csv", 8}} {
		for i, r := range readCSV(t, f.file)[1:] {
			if strings.HasPrefix(r[0], "#") {
				continue
			}
			if msg := checkSource(r[f.col], ids); msg != "" {
				t.Errorf("%s:%d: %s: %s", f.file, i+2, r[0], msg)
			}
		}
	}
	grouped := map[string]bool{}
	for _, g := range m.Groups {
		if g.Sector == "" || g.Measure == "" {
			t.Errorf("%s: empty sector or measure", g.Technology)
		}
		grouped[g.Technology] = true
	}
	for _, tech := range m.Set("TECHNOLOGY").Elems {
		if !grouped[tech] {
			t.Errorf("technology %s has no TechnologyGroup row", tech)
		}
	}
}

// TestProxiesLabelled checks that the inputs named as proxies in the
// research kit keep the word PROXY in their NOTE, so they can be found
// and replaced.
func TestProxiesLabelled(t *testing.T) {
	for _, name := range []string{"green_import_2019", "grid_ef_2019", "dh_industry_2019", "res_gas_cook_share", "heat_intensity", "bus_gvkm_2019"} {
		found := false
		for _, r := range readCSV(t, "inputs.csv") {
			if r[0] == name {
				found = true
				if !strings.Contains(r[4], "PROXY") {
					t.Errorf("inputs.csv %s: NOTE %q does not say PROXY", name, r[4])
				}
			}
		}
		if !found {
			t.Errorf("inputs.csv: no %s", name)
		}
	}
}

func TestScenarioNames(t *testing.T) {
	got := ScenarioNames()
	if strings.Join(got, ",") != "reference,policy,neutral2050" {
		t.Fatalf("ScenarioNames() = %v", got)
	}
	got[0] = "changed"
	if ScenarioNames()[0] != "reference" {
		t.Error("ScenarioNames returns the package's own slice")
	}
	if _, err := Scenario("nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Scenario(nope): err = %v", err)
	}
}

// TestScenariosApply checks that each overlay loads, applies, and changes
// what it says it changes.
func TestScenariosApply(t *testing.T) {
	base, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, param string
		minRows     int // at least this many explicit rows more than the base
	}{
		{"reference", "", 0},
		{"policy", "REMinProductionTarget", 26},
		{"neutral2050", "AnnualEmissionLimit", 26},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Scenario(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if tc.param == "" {
				return
			}
			if d := m.Param(tc.param).NumEntries() - base.Param(tc.param).NumEntries(); d < tc.minRows {
				t.Errorf("%s: %d rows added, want >= %d", tc.param, d, tc.minRows)
			}
		})
	}
}

// TestWriteDir checks that the written folder reads back as the embedded model.
func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	if err := WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	m, err := otoole.ReadDir(filepath.Join(dir, "model"))
	if err != nil {
		t.Fatal(err)
	}
	base, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range base.Params() {
		if n := m.Param(p.Name).NumEntries(); n != p.NumEntries() {
			t.Errorf("%s: %d rows written, %d embedded", p.Name, n, p.NumEntries())
		}
	}
	for _, s := range ScenarioNames() {
		if _, err := os.Stat(filepath.Join(dir, "scenarios", s, "scenario.yaml")); err != nil {
			t.Error(err)
		}
	}
	for _, f := range []string{"inputs.csv", "SOURCES.md"} {
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(f)
		if string(got) != string(want) {
			t.Errorf("%s written differs from the package's", f)
		}
	}
}
