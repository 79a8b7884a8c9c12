package xlsx

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"blueprint/mathprog"
	"blueprint/model"
	"blueprint/otoole"
)

const modelsDir = "../testdata/models"

// sameValues reports the first difference between two models: set elements
// and order, then every key's value bit for bit.
func sameValues(a, b *model.Model) error {
	for _, sa := range a.Sets() {
		sb := b.Set(sa.Name)
		if strings.Join(sa.Elems, " ") != strings.Join(sb.Elems, " ") {
			return errors.New("set " + sa.Name + ": " + strings.Join(sa.Elems, " ") + " vs " + strings.Join(sb.Elems, " "))
		}
	}
	for _, pa := range a.Params() {
		da, db := pa.Dense(), b.Param(pa.Name).Dense()
		if len(da) != len(db) {
			return errors.New(pa.Name + ": sizes differ")
		}
		for i := range da {
			if math.Float64bits(da[i]) != math.Float64bits(db[i]) {
				return errors.New(pa.Name + ": values differ")
			}
		}
	}
	return nil
}

func sharedModels(t testing.TB) map[string]func() (*model.Model, error) {
	out := map[string]func() (*model.Model, error){}
	txts, _ := filepath.Glob(filepath.Join(modelsDir, "*", "*.txt"))
	for _, f := range txts {
		if strings.HasSuffix(f, "atlantis_extra.txt") {
			continue
		}
		out[f] = func() (*model.Model, error) { return mathprog.ReadFiles(f) }
	}
	cfgs, _ := filepath.Glob(filepath.Join(modelsDir, "*", "csv"))
	for _, d := range cfgs {
		out[d] = func() (*model.Model, error) { return otoole.ReadDir(filepath.Dir(d)) }
	}
	// UTOPIA as an otoole folder: its config.yaml carries the data file's
	// own defaults (VariableCost 1e-05, ...), which a workbook cannot.
	out["utopia via otoole"] = func() (*model.Model, error) {
		m, err := mathprog.ReadFiles(filepath.Join(modelsDir, "utopia", "utopia.txt"))
		if err != nil {
			return nil, err
		}
		dir := filepath.Join(t.TempDir(), "utopia")
		if err := otoole.WriteDir(dir, m); err != nil {
			return nil, err
		}
		return otoole.ReadDir(dir)
	}
	if len(out) == 0 {
		t.Fatal("no shared models")
	}
	return out
}

// TestRoundTrip: model → workbook → model keeps the sets in order and every
// value bit for bit, for every shared model in either of its forms.
func TestRoundTrip(t *testing.T) {
	for name, load := range sharedModels(t) {
		t.Run(name, func(t *testing.T) {
			if testing.Short() && (strings.Contains(name, "sweden") || strings.Contains(name, "electricity")) {
				t.Skip("large model in -short mode")
			}
			m, err := load()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "m.xlsx")
			if err := Write(path, m); err != nil {
				t.Fatal(err)
			}
			r := Reader{Schema: m.Schema()} // a CSV model may carry its own config
			back, err := r.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Warnings) > 0 {
				t.Errorf("warnings: %v", r.Warnings)
			}
			if err := sameValues(m, back); err != nil {
				t.Fatal(err)
			}
			// Read as blueprint run reads a workbook: with the standard
			// schema, its defaults (not a config's) filling the gaps. Every
			// standard parameter must come back with the model's values.
			std, err := (&Reader{}).Read(path)
			if err != nil {
				t.Fatalf("read with the standard schema: %v", err)
			}
			for _, ps := range std.Params() {
				pm := m.Param(ps.Name)
				if pm == nil || len(pm.Dense()) != len(ps.Dense()) {
					continue // a config that redefines the parameter's indices
				}
				da, db := pm.Dense(), ps.Dense()
				for i := range da {
					if math.Float64bits(da[i]) != math.Float64bits(db[i]) {
						t.Fatalf("%s read with the standard schema: value %d is %v, model has %v (a config default not written?)", ps.Name, i, db[i], da[i])
					}
				}
			}
		})
	}
}

// TestLayout checks otoole's layout on UTOPIA: short sheet names, YEAR as
// wide columns for three or more indices, narrow otherwise.
func TestLayout(t *testing.T) {
	m, err := mathprog.ReadFiles(filepath.Join(modelsDir, "utopia/utopia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "u.xlsx")
	if err := Write(path, m); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		if len(s) > 31 {
			t.Errorf("sheet name %q longer than 31", s)
		}
		sheets[s] = true
	}
	for _, want := range []string{"REGION", "YEAR", "TotalTechnologyModelPeriodActUp", "TotalAnnualMaxCapacityInvestmen", "CapitalCost", "YearSplit"} {
		if !sheets[want] {
			t.Errorf("no sheet %s", want)
		}
	}
	cases := []struct{ sheet, cell, want string }{
		{"CapitalCost", "A1", "REGION"},
		{"CapitalCost", "B1", "TECHNOLOGY"},
		{"CapitalCost", "C1", "1990"}, // wide: years as columns
		{"YearSplit", "C1", "VALUE"},  // two indices: narrow, as otoole writes it
		{"REGION", "A1", "VALUE"},
		{"REGION", "A2", "UTOPIA"},
		{"OperationalLife", "C1", "VALUE"},
	}
	for _, tc := range cases {
		got, err := f.GetCellValue(tc.sheet, tc.cell)
		if err != nil || got != tc.want {
			t.Errorf("%s!%s = %q (%v), want %q", tc.sheet, tc.cell, got, err, tc.want)
		}
	}
}

// TestReadErrors: problems name workbook, sheet and cell.
func TestReadErrors(t *testing.T) {
	cases := []struct {
		name     string
		edit     func(f *excelize.File)
		sentinel error
		want     string
	}{
		{"text value", func(f *excelize.File) { f.SetCellStr("CapitalCost", "C2", "abc") }, model.ErrNotNumber, `CapitalCost!C2: value "abc" is not a number`},
		{"unknown element", func(f *excelize.File) { f.SetCellStr("CapitalCost", "B2", "E99") }, model.ErrUnknownElement, `CapitalCost!B2: "E99" is not an element of set TECHNOLOGY`},
		{"unknown year", func(f *excelize.File) { f.SetCellInt("CapitalCost", "C1", 1889) }, model.ErrUnknownElement, `CapitalCost!C1: 1889 is not an element of set YEAR`},
		{"bad header", func(f *excelize.File) { f.SetCellStr("OperationalLife", "B1", "TECH") }, model.ErrArity, `OperationalLife!B1: header "TECH"`},
		{"duplicate element", func(f *excelize.File) { f.SetCellStr("REGION", "A3", "UTOPIA") }, model.ErrDuplicate, `REGION!A3: element UTOPIA given twice`},
	}
	m, err := mathprog.ReadFiles(filepath.Join(modelsDir, "utopia/utopia.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "u.xlsx")
			if err := Write(path, m); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(f)
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			_, err = Read(path)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("%v does not wrap %v", err, tc.sentinel)
			}
			if !strings.Contains(err.Error(), path+": "+tc.want) {
				t.Errorf("got %q, want it to contain %q", err, path+": "+tc.want)
			}
		})
	}
}

func BenchmarkRead(b *testing.B) {
	m, err := mathprog.ReadFiles(filepath.Join(modelsDir, "sweden_se/sweden_se.txt"))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "s.xlsx")
	if err := Write(path, m); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	m, err := mathprog.ReadFiles(filepath.Join(modelsDir, "sweden_se/sweden_se.txt"))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "s.xlsx")
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(path, m); err != nil {
			b.Fatal(err)
		}
	}
}
