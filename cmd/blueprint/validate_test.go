package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"blueprint/model"
)

const testModels = "../../testdata/models"

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = dispatch(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// brokenCopy copies super_simple's CSV model into a temp dir with one file replaced.
func brokenCopy(t *testing.T, file, text string) string {
	t.Helper()
	src := filepath.Join(testModels, "super_simple")
	dst := t.TempDir()
	os.MkdirAll(filepath.Join(dst, "csv"), 0o755)
	b, err := os.ReadFile(filepath.Join(src, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dst, "config.yaml"), b, 0o644)
	files, _ := filepath.Glob(filepath.Join(src, "csv", "*.csv"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dst, "csv", filepath.Base(f)), b, 0o644)
	}
	os.WriteFile(filepath.Join(dst, file), []byte(text), 0o644)
	return dst
}

func TestValidateCommand(t *testing.T) {
	bad := brokenCopy(t, "csv/OperationalLife.csv", "REGION,TECHNOLOGY,VALUE\nBB,gas_plant,-30\n")
	typo := brokenCopy(t, "csv/CapitalCost.csv", "REGION,TECHNOLOGY,YEAR,VALUE\nBB,gas_plnt,2016,1\n")
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"csv ok", []string{"validate", filepath.Join(testModels, "super_simple")}, 0, []string{"0 errors, 0 warnings"}},
		{"datafile ok", []string{"validate", filepath.Join(testModels, "utopia", "utopia.txt")}, 0, []string{"0 errors"}},
		{"two datafiles", []string{"validate", filepath.Join(testModels, "atlantis", "atlantis.txt"), filepath.Join(testModels, "atlantis", "atlantis_extra.txt")}, 0, []string{"(+1 files): 0 errors"}},
		{"domain error", []string{"validate", bad}, 2, []string{"error: " + bad + "/csv/OperationalLife.csv:2:14: OperationalLife[BB,gas_plant]: value -30", "1 errors"}},
		{"load error", []string{"validate", typo}, 2, []string{"CapitalCost.csv:2:4: CapitalCost[BB,gas_plnt,2016]: TECHNOLOGY \"gas_plnt\""}},
		{"no args", []string{"validate"}, 2, nil},
		{"missing path", []string{"validate", "/no/such/model"}, 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
			for _, c := range tc.contains {
				if !strings.Contains(out, c) {
					t.Errorf("stdout lacks %q:\n%s", c, out)
				}
			}
		})
	}
}

func TestValidateJSON(t *testing.T) {
	bad := brokenCopy(t, "csv/OperationalLife.csv", "REGION,TECHNOLOGY,VALUE\nBB,gas_plant,-30\n")
	code, out, _ := run(t, "validate", "--json", bad)
	if code != 2 {
		t.Errorf("exit %d", code)
	}
	var v validateJSON
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if v.Valid || len(v.Errors) != 1 {
		t.Fatalf("got %+v", v)
	}
	e := v.Errors[0]
	if e.Kind != "domain" || e.Line != 2 || e.Col != 14 || e.Field != "OperationalLife[BB,gas_plant]" || !strings.HasSuffix(e.File, "OperationalLife.csv") {
		t.Errorf("error = %+v", e)
	}
}

func TestInspectCommand(t *testing.T) {
	code, out, errOut := run(t, "inspect", filepath.Join(testModels, "super_simple"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"model super_simple", "TECHNOLOGY         2     gas_import gas_plant", "OutputActivityRatio     2     2"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "inspect", "--json", filepath.Join(testModels, "super_simple"))
	var v inspectJSON
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	for _, p := range v.Params {
		if p.Name == "CapacityToActivityUnit" && (p.Rows != 1 || p.NonDefault != 0) {
			t.Errorf("CapacityToActivityUnit: %+v (its one row equals the default 1)", p)
		}
	}
}

// sameModel compares set order and the value of every key (defaults
// filled in) bit for bit. Writers may drop rows equal to the default, so the
// explicit rows themselves are not compared.
func sameModel(a, b *model.Model) error {
	for i, s := range a.Sets() {
		if strings.Join(s.Elems, " ") != strings.Join(b.Sets()[i].Elems, " ") {
			return fmt.Errorf("set %s: %v vs %v", s.Name, s.Elems, b.Sets()[i].Elems)
		}
	}
	for i, p := range a.Params() {
		q := b.Params()[i]
		d1, d2 := p.Dense(), q.Dense()
		if len(d1) != len(d2) {
			return fmt.Errorf("%s: %d keys vs %d", p.Name, len(d1), len(d2))
		}
		for j := range d1 {
			if math.Float64bits(d1[j]) != math.Float64bits(d2[j]) {
				return fmt.Errorf("%s dense[%d]: %v vs %v", p.Name, j, d1[j], d2[j])
			}
		}
	}
	return nil
}

// TestConvertRoundTrip: datafile → CSV folder → datafile → model gives the
// same sets (in order) and the same rows bit for bit, for the shared models.
func TestConvertRoundTrip(t *testing.T) {
	models := [][]string{
		{"utopia/utopia.txt"},
		{"super_simple/super_simple_model.txt"},
		{"simplicity_mathprog/simplicity.txt"},
		{"atlantis/atlantis.txt", "atlantis/atlantis_extra.txt"},
		{"electricity/electricity.txt"},
	}
	for _, files := range models {
		t.Run(files[0], func(t *testing.T) {
			var in []string
			for _, f := range files {
				in = append(in, filepath.Join(testModels, f))
			}
			orig, err := loadModel(in)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			csvDir, txt := filepath.Join(dir, "model"), filepath.Join(dir, "model.txt")
			if code, _, errOut := run(t, append(append([]string{"convert"}, in...), csvDir)...); code != 0 {
				t.Fatalf("convert to csv: exit %d: %s", code, errOut)
			}
			if code, _, errOut := run(t, "convert", csvDir, txt); code != 0 {
				t.Fatalf("convert to datafile: exit %d: %s", code, errOut)
			}
			back, err := loadModel([]string{txt})
			if err != nil {
				t.Fatal(err)
			}
			if err := sameModel(orig, back); err != nil {
				t.Fatalf("datafile → csv → datafile: %v", err)
			}
		})
	}
}

// TestBothFormsAgree: where a model is published as CSV and as a data file,
// both load to the same model.
func TestBothFormsAgree(t *testing.T) {
	for _, name := range []string{"hydro_simple", "simplicity", "electricity", "sweden_se"} {
		t.Run(name, func(t *testing.T) {
			a, err := loadModel([]string{filepath.Join(testModels, name)})
			if err != nil {
				t.Fatal(err)
			}
			b, err := loadModel([]string{filepath.Join(testModels, name, name+".txt")})
			if err != nil {
				t.Fatal(err)
			}
			if err := sameModel(a, b); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestConvertUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"convert", filepath.Join(testModels, "super_simple")}, 2},
		{[]string{"convert", filepath.Join(testModels, "super_simple"), "out.weird"}, 2},
		{[]string{"convert", filepath.Join(testModels, "super_simple"), "out", "--to", "json"}, 2},
	}
	for _, tc := range tests {
		if code, _, _ := run(t, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d", tc.args, code, tc.code)
		}
	}
}
