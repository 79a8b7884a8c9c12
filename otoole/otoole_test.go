package otoole

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"blueprint/model"
)

var update = flag.Bool("update", false, "rewrite testdata/broken/*.golden")

const modelsDir = "../testdata/models"

// csvModels returns the model folders of testdata/models that have a config.yaml.
func csvModels(t testing.TB) []string {
	cfgs, err := filepath.Glob(filepath.Join(modelsDir, "*", "config.yaml"))
	if err != nil || len(cfgs) == 0 {
		t.Fatalf("no CSV models under %s (%v)", modelsDir, err)
	}
	dirs := make([]string, len(cfgs))
	for i, c := range cfgs {
		dirs[i] = filepath.Dir(c)
	}
	return dirs
}

// wantWarnings are the load warnings each shared model is known to produce.
var wantWarnings = map[string]int{
	"sweden_se": 2, // empty DiscountRate.csv and TradeRoute.csv with stale headers
}

func TestReadModels(t *testing.T) {
	for _, dir := range csvModels(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			m, warns, err := Read(dir)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(warns) != wantWarnings[name] {
				t.Errorf("load warnings: got %d, want %d:\n%v", len(warns), wantWarnings[name], warns)
			}
			errs, vwarns := model.Validate(m)
			if len(errs) > 0 {
				t.Errorf("Validate errors:\n%v", errs)
			}
			if len(vwarns) > 0 {
				t.Errorf("Validate warnings:\n%v", vwarns)
			}
			if m.Set("REGION").Len() == 0 || m.Set("YEAR").Len() == 0 || m.Param("OutputActivityRatio").NumEntries() == 0 {
				t.Errorf("model looks empty: %d regions, %d years, %d OAR rows",
					m.Set("REGION").Len(), m.Set("YEAR").Len(), m.Param("OutputActivityRatio").NumEntries())
			}
			// Every explicit row knows its file and line.
			for _, p := range m.Params() {
				for i := range p.NumEntries() {
					if at := p.Pos(i); at.Line < 2 || !strings.HasSuffix(at.File, p.Name+".csv") {
						t.Fatalf("%s entry %d: position %v", p.Name, i, at)
					}
				}
			}
		})
	}
}

func TestReadDefaults(t *testing.T) {
	m, err := ReadDir(filepath.Join(modelsDir, "super_simple"))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := m.Set("REGION").Index("BB")
	tech, _ := m.Set("TECHNOLOGY").Index("gas_plant")
	y, _ := m.Set("YEAR").Index("2016")
	tests := []struct {
		param    string
		key      []model.Elem
		want     float64
		explicit bool
	}{
		{"CapitalCost", []model.Elem{r, tech, y}, 1.03456, true},
		{"TotalAnnualMaxCapacity", []model.Elem{r, tech, y}, -1, false}, // config default
		{"ResidualStorageCapacity", nil, 999, false},
		{"DiscountRate", []model.Elem{r}, 0.05, false},
		{"DiscountRateIdv", []model.Elem{r, tech}, 0.05, false}, // = DiscountRate[r]
	}
	for _, tc := range tests {
		t.Run(tc.param, func(t *testing.T) {
			p := m.Param(tc.param)
			if tc.key == nil {
				if p.Default != tc.want {
					t.Errorf("Default = %v, want %v", p.Default, tc.want)
				}
				return
			}
			v, explicit := p.Get(tc.key...)
			if v != tc.want || explicit != tc.explicit {
				t.Errorf("Get = %v, %v; want %v, %v", v, explicit, tc.want, tc.explicit)
			}
		})
	}
}

// equalModels reports the first difference between a and b: set elements and
// order, parameter defaults, and every explicit row bit for bit.
func equalModels(a, b *model.Model) error {
	if len(a.Sets()) != len(b.Sets()) {
		return fmt.Errorf("%d sets vs %d", len(a.Sets()), len(b.Sets()))
	}
	for i, s := range a.Sets() {
		t := b.Sets()[i]
		if s.Name != t.Name || strings.Join(s.Elems, "\x00") != strings.Join(t.Elems, "\x00") {
			return fmt.Errorf("set %s: %q vs %s %q", s.Name, s.Elems, t.Name, t.Elems)
		}
	}
	if len(a.Params()) != len(b.Params()) {
		return fmt.Errorf("%d params vs %d", len(a.Params()), len(b.Params()))
	}
	for i, p := range a.Params() {
		q := b.Params()[i]
		if p.Name != q.Name || strings.Join(p.Indices, ",") != strings.Join(q.Indices, ",") {
			return fmt.Errorf("param %s%v vs %s%v", p.Name, p.Indices, q.Name, q.Indices)
		}
		if math.Float64bits(p.Default) != math.Float64bits(q.Default) || p.DefaultFrom != q.DefaultFrom {
			return fmt.Errorf("%s default %v (from %q) vs %v (from %q)", p.Name, p.Default, p.DefaultFrom, q.Default, q.DefaultFrom)
		}
		if p.NumEntries() != q.NumEntries() {
			return fmt.Errorf("%s: %d rows vs %d", p.Name, p.NumEntries(), q.NumEntries())
		}
		for j := range p.NumEntries() {
			k1, v1 := p.Entry(j)
			k2, v2 := q.Entry(j)
			if p.Format(k1) != q.Format(k2) || math.Float64bits(v1) != math.Float64bits(v2) {
				return fmt.Errorf("%s row %d: %s=%v vs %s=%v", p.Name, j, p.Format(k1), v1, q.Format(k2), v2)
			}
		}
	}
	return nil
}

func TestRoundTrip(t *testing.T) {
	for _, dir := range csvModels(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			m, err := ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			m.Units = model.Units{Energy: "PJ", Money: "million USD"}
			out := filepath.Join(t.TempDir(), "out")
			if err := WriteDir(out, m); err != nil {
				t.Fatalf("WriteDir: %v", err)
			}
			m2, err := ReadDir(out)
			if err != nil {
				t.Fatalf("read back: %v", err)
			}
			if err := equalModels(m, m2); err != nil {
				t.Fatalf("CSV → write → read differs: %v", err)
			}
			if !reflect.DeepEqual(m2.Units, m.Units) {
				t.Errorf("units: %+v, want %+v", m2.Units, m.Units)
			}
			// Writing again (over the folder) gives the same bytes.
			out2 := filepath.Join(t.TempDir(), "out2")
			if err := WriteDir(out2, m2); err != nil {
				t.Fatal(err)
			}
			if err := WriteDir(out, m2); err != nil {
				t.Fatalf("rewrite in place: %v", err)
			}
			if diff := diffTrees(out, out2); diff != "" {
				t.Errorf("second write differs: %s", diff)
			}
		})
	}
}

// diffTrees names the first file that differs between two folders.
func diffTrees(a, b string) string {
	var diff string
	filepath.WalkDir(a, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || diff != "" {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			diff = rel
		}
		return nil
	})
	return diff
}

func TestProvenanceRoundTrip(t *testing.T) {
	dir := copyModel(t, filepath.Join(modelsDir, "super_simple"), map[string]string{
		"csv/CapitalCost.csv": "REGION,TECHNOLOGY,YEAR,VALUE,SOURCE,NOTE,UNIT\nBB,gas_plant,2016,1.03456,IEA WEO 2023,\"overnight, 2020 USD\",USD/kW\n",
	})
	m, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	check := func(m *model.Model) {
		t.Helper()
		p := m.Param("CapitalCost")
		src, note := p.Provenance(0)
		if src != "IEA WEO 2023" || note != "overnight, 2020 USD" || p.Origin(0).Unit != "USD/kW" {
			t.Errorf("provenance = %q, %q, %q", src, note, p.Origin(0).Unit)
		}
	}
	check(m)
	out := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(out, m); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	check(m2)
}

func TestBOMAndCRLF(t *testing.T) {
	dir := copyModel(t, filepath.Join(modelsDir, "super_simple"), map[string]string{
		"csv/CapitalCost.csv": "\ufeffREGION,TECHNOLOGY,YEAR,VALUE\r\nBB,gas_plant,2016,7.5\r\n",
		"csv/TECHNOLOGY.csv":  "\ufeffVALUE\r\ngas_import\r\ngas_plant\r\n",
	})
	m, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	tech, ok := m.Set("TECHNOLOGY").Index("gas_plant")
	if !ok {
		t.Fatalf("TECHNOLOGY = %q", m.Set("TECHNOLOGY").Elems)
	}
	if v, _ := m.Param("CapitalCost").Get(0, tech, 0); v != 7.5 {
		t.Errorf("CapitalCost = %v, want 7.5", v)
	}
}

func TestReadCSVFolderWithParentConfig(t *testing.T) {
	// The CSV folder itself, config.yaml in its parent: the config's defaults apply.
	m, err := ReadDir(filepath.Join(modelsDir, "super_simple", "csv"))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Param("TotalAnnualMaxCapacity").Default; got != -1 {
		t.Errorf("default = %v, want -1 from config.yaml", got)
	}
	if m.Name != "super_simple" {
		t.Errorf("Name = %q", m.Name)
	}
}

func TestConfigExtends(t *testing.T) {
	dir := copyModel(t, filepath.Join(modelsDir, "super_simple"), map[string]string{
		"config.yaml":         "SECTOR:\n    dtype: str\n    type: set\nSectorShare:\n    indices: [REGION,SECTOR,YEAR]\n    type: param\n    dtype: float\n    default: 0.25\nCapitalCost:\n    indices: [REGION,TECHNOLOGY,YEAR]\n    type: param\n    dtype: float\n    default: 3\n",
		"csv/SECTOR.csv":      "VALUE\nindustry\nbuildings\n",
		"csv/SectorShare.csv": "REGION,SECTOR,YEAR,VALUE\nBB,buildings,2016,0.4\n",
	})
	m, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s := m.Set("SECTOR"); s == nil || s.Len() != 2 {
		t.Fatalf("SECTOR = %v", s)
	}
	p := m.Param("SectorShare")
	if p == nil {
		t.Fatal("SectorShare not in the model")
	}
	if v, ok := p.Get(0, 1, 0); v != 0.4 || !ok {
		t.Errorf("SectorShare[BB,buildings,2016] = %v, %v", v, ok)
	}
	if v, ok := p.Get(0, 0, 0); v != 0.25 || ok {
		t.Errorf("SectorShare[BB,industry,2016] = %v, %v; want default 0.25", v, ok)
	}
	if d := m.Param("CapitalCost").Default; d != 3 {
		t.Errorf("CapitalCost default = %v, want 3 (config override)", d)
	}
	// The user's set and parameter survive a write.
	out := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(out, m); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := equalModels(m, m2); err != nil {
		t.Fatal(err)
	}
}

func TestWriteDirRefusesForeignFolder(t *testing.T) {
	m, err := ReadDir(filepath.Join(modelsDir, "super_simple"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.tex"), []byte("keep me"), 0o644)
	if err := WriteDir(dir, m); err == nil {
		t.Fatal("WriteDir replaced a folder that is not a model")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "thesis.tex")); string(b) != "keep me" {
		t.Fatal("foreign file lost")
	}
}

// copyModel copies a model folder into a temporary directory and overwrites
// (or adds) the given files.
func copyModel(t testing.TB, src string, files map[string]string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if rel == "results" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(rel, ".txt") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dst, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// parseTxtar splits a txtar-style file: a comment, then "-- name --" sections.
func parseTxtar(data string) (comment string, files map[string]string) {
	files = map[string]string{}
	var name string
	var b strings.Builder
	flush := func() {
		if name != "" {
			files[name] = b.String()
		} else {
			comment = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimRight(line, "\n"), " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(strings.TrimRight(line, "\n"), "-- "), " --")
			continue
		}
		b.WriteString(line)
	}
	flush()
	return comment, files
}

// TestBroken loads each testdata/broken/*.txtar (super_simple with the files
// it lists replaced), validates it and compares every problem with the golden
// file; run with -update to rewrite the goldens.
func TestBroken(t *testing.T) {
	cases, _ := filepath.Glob("testdata/broken/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no broken cases")
	}
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".txtar")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			_, files := parseTxtar(string(data))
			dir := copyModel(t, filepath.Join(modelsDir, "super_simple"), files)
			m, warns, err := Read(dir)
			var errs model.ErrorList
			if err != nil {
				if !errors.As(err, &errs) {
					var pe *model.PosError
					if !errors.As(err, &pe) {
						t.Fatalf("Read: unpositioned error %v", err)
					}
					errs = model.ErrorList{pe}
				}
			} else {
				e, w := model.Validate(m)
				errs, warns = e, append(warns, w...)
			}
			var b strings.Builder
			for _, e := range errs {
				if e.File == "" && e.Field == "" {
					t.Errorf("error names neither file nor field: %v", e)
				}
				fmt.Fprintf(&b, "error: %s\n", strings.ReplaceAll(e.Error(), dir+string(filepath.Separator), ""))
			}
			for _, w := range warns {
				fmt.Fprintf(&b, "warning: %s\n", strings.ReplaceAll(w.Error(), dir+string(filepath.Separator), ""))
			}
			got := b.String()
			golden := strings.TrimSuffix(c, ".txtar") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("problems differ from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
			if got == "" {
				t.Errorf("a broken model gave no problem")
			}
		})
	}
}

func TestGroupsRoundTrip(t *testing.T) {
	dir := copyModel(t, filepath.Join(modelsDir, "super_simple"), map[string]string{
		"TechnologyGroup.csv": "TECHNOLOGY,SECTOR,MEASURE\ngas_plant,power,gas power\ngas_import,supply,fuel imports\n",
	})
	m, warns, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	want := []model.TechGroup{{Technology: "gas_plant", Sector: "power", Measure: "gas power"}, {Technology: "gas_import", Sector: "supply", Measure: "fuel imports"}}
	if !reflect.DeepEqual(m.Groups, want) {
		t.Fatalf("Groups = %v, want %v", m.Groups, want)
	}
	if g := m.GroupOf("gas_plant"); g.Measure != "gas power" {
		t.Errorf("GroupOf(gas_plant) = %v", g)
	}
	if g := m.GroupOf("other"); g.Sector != "other" || g.Measure != "other" {
		t.Errorf("GroupOf(other) = %v, want the technology as its own group", g)
	}
	if c := m.Clone(); !reflect.DeepEqual(c.Groups, want) {
		t.Errorf("Clone lost groups: %v", c.Groups)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(out, m); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m2.Groups, want) {
		t.Errorf("after round trip Groups = %v", m2.Groups)
	}
}

func TestWriteOmitsUnusedExtensions(t *testing.T) {
	m, err := ReadDir(filepath.Join(modelsDir, "super_simple"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(out, m); err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(out, "config.yaml"))
	if strings.Contains(string(cfg), "EarlyRetirementAllowed") {
		t.Error("config.yaml declares the unused extension EarlyRetirementAllowed (otoole + glpsol would reject the data file)")
	}
	if _, err := os.Stat(filepath.Join(out, "csv", "RetirementCost.csv")); err == nil {
		t.Error("RetirementCost.csv written while unused")
	}
	// Once used, the extension is written and reads back.
	tech, _ := m.Set("TECHNOLOGY").Lookup("gas_plant")
	m.Param("EarlyRetirementAllowed").Set([]model.Elem{0, tech}, 1)
	if err := WriteDir(out, m); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := m2.Param("EarlyRetirementAllowed").Get(0, tech); v != 1 {
		t.Errorf("EarlyRetirementAllowed after round trip = %v", v)
	}
}

func TestModelName(t *testing.T) {
	for in, want := range map[string]string{
		"/x/beijing/model": "beijing",
		"/x/beijing/csv":   "beijing",
		"/x/utopia":        "utopia",
		"/model":           "model",
	} {
		if got := modelName(in); got != want {
			t.Errorf("modelName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEmissionUnits(t *testing.T) {
	dir := copyModel(t, filepath.Join(modelsDir, "super_simple"), map[string]string{
		"csv/EMISSION.csv": "VALUE\nCO2\nENE\n",
		"units.csv":        "DIMENSION,UNIT\nEnergy,PJ\nEmissions,Mt CO2\nEmissions:ENE,PJ\n",
	})
	m, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Units.ResolveFor("Money/Emissions", "ENE"); got != "Money/PJ" {
		t.Errorf("ResolveFor(ENE) = %q", got)
	}
	if got := m.Units.ResolveFor("Emissions", "CO2"); got != "Mt CO2" {
		t.Errorf("ResolveFor(CO2) = %q", got)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(out, m); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m2.Units, m.Units) {
		t.Errorf("units after round trip: %+v, want %+v", m2.Units, m.Units)
	}
	bad := copyModel(t, filepath.Join(modelsDir, "super_simple"), map[string]string{
		"units.csv": "DIMENSION,UNIT\nEmissions:NOPE,PJ\n",
	})
	if _, err := ReadDir(bad); err == nil || !strings.Contains(err.Error(), `Emissions:NOPE: "NOPE" is not in set EMISSION`) {
		t.Errorf("unknown emission in units.csv: err = %v", err)
	}
}
