package results

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func sample() *Results {
	em := &Table{Name: "AnnualEmissions", Indices: []string{"REGION", "EMISSION", "YEAR"}, Unit: "Mt CO2"}
	em.Append(3.5, "R", "CO2", "2030")
	em.Append(1.25, "R", "CO2", "2020")
	cap := &Table{Name: "TotalCapacityAnnual", Indices: []string{"REGION", "TECHNOLOGY", "YEAR"}, Unit: "GW"}
	cap.Append(2, "R", "PV", "2020")
	cap.Append(4, "R", "PV", "2030")
	dem := &Table{Name: "Demand", Indices: []string{"REGION", "TIMESLICE", "FUEL", "YEAR"}, Unit: "PJ"}
	dem.Append(1, "R", "DAY", "ELC", "2020")
	dem.Append(2, "R", "NIGHT", "ELC", "2020")
	return &Results{Model: "m", Status: "optimal", Objective: 42, Tables: []*Table{em, cap, dem}}
}

func TestWriteIAMC(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteIAMC(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	want := `model,scenario,region,variable,unit,2020,2030
m,default,R,Capacity|PV,GW,2,4
m,default,R,Emissions|CO2,Mt CO2,1.25,3.5
m,default,R,Final Energy|ELC,PJ,3,
`
	if buf.String() != want {
		t.Errorf("IAMC:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestWriteCSVDirReplacesAtomically(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "stale.csv"), []byte("old"), 0o644)
	if err := WriteCSVDir(dir, sample()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale.csv")); !os.IsNotExist(err) {
		t.Errorf("stale file survived the replacement: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "AnnualEmissions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "REGION,EMISSION,YEAR,VALUE,UNIT\nR,CO2,2030,3.5,Mt CO2\nR,CO2,2020,1.25,Mt CO2\n" {
		t.Errorf("AnnualEmissions.csv:\n%s", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary %s left behind", e.Name())
		}
	}
}

func TestWriteCSVDirFailureKeepsOld(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "keep.csv"), []byte("old"), 0o644)
	bad := sample()
	bad.Tables[0].Name = "no/such/dir/x" // cannot be created inside the temp folder
	if err := WriteCSVDir(dir, bad); err == nil {
		t.Fatal("want an error")
	}
	if b, err := os.ReadFile(filepath.Join(dir, "keep.csv")); err != nil || string(b) != "old" {
		t.Errorf("old results lost: %v %q", err, b)
	}
}

func TestTableSum(t *testing.T) {
	keys, sums := sample().Table("Demand").Sum("FUEL", "ELC", "YEAR")
	if len(keys) != 1 || keys[0] != "2020" || sums[0] != 3 {
		t.Errorf("Sum = %v %v, want [2020] [3]", keys, sums)
	}
}

func TestReadDirRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	r := sample()
	r.Scenario = "policy"
	r.Tables[0].Values[0] = 0.1 + 0.2 // not exactly representable in 15 digits
	r.Groups = []Group{{"PV", "power", "solar"}}
	if err := WriteCSVDir(dir, r); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("ReadDir = %+v\nwant %+v", got, r)
	}
	if g := got.GroupOf("PV"); g.Measure != "solar" {
		t.Errorf("GroupOf(PV) = %v", g)
	}
	if g := got.GroupOf("COAL"); g.Sector != "COAL" {
		t.Errorf("GroupOf(COAL) = %v", g)
	}
}

func TestReadDirErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	if err := WriteCSVDir(dir, sample()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, content, want string }{
		{"AnnualEmissions.csv", "REGION,EMISSION,YEAR,VALUE,UNIT\nR,CO2,2030,x,Mt\n", "AnnualEmissions.csv:2: VALUE \"x\""},
		{"AnnualEmissions.csv", "REGION,EMISSION,YEAR,VALUE\nR,CO2,1\n", "AnnualEmissions.csv:2: 3 fields"},
		{"Demand.csv", "", "Demand.csv:1"},
		{"summary.json", "{", "summary.json"},
	} {
		bad := filepath.Join(t.TempDir(), "bad")
		os.CopyFS(bad, os.DirFS(dir))
		os.WriteFile(filepath.Join(bad, c.file), []byte(c.content), 0o644)
		_, err := ReadDir(bad)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.file, err, c.want)
		}
	}
	if _, err := ReadDir(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a run folder") {
		t.Errorf("empty folder: err = %v", err)
	}
}

func TestOutputsReadableByAll(t *testing.T) {
	// Temp files and folders are private (0600/0700); what replaces an
	// output must be an ordinary file or folder.
	dir := filepath.Join(t.TempDir(), "run")
	if err := WriteCSVDir(dir, sample()); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "x.svg")
	if err := WriteFileAtomic(file, func(w io.Writer) error { _, err := io.WriteString(w, "<svg/>"); return err }); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{dir: 0o755, filepath.Join(dir, "Demand.csv"): 0o644, file: 0o644} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got&want != want&^0o022 {
			t.Errorf("%s: mode %v, want %v", filepath.Base(path), got, want)
		}
	}
}

func TestRowUnits(t *testing.T) {
	r := sample()
	em := r.Tables[0] // AnnualEmissions
	em.Append(2000, "R", "ENE", "2020")
	em.UnitBy, em.Units = "EMISSION", map[string]string{"ENE": "PJ"}
	if u := em.RowUnit(0); u != "Mt CO2" {
		t.Errorf("CO2 row unit %q", u)
	}
	if u := em.RowUnit(2); u != "PJ" {
		t.Errorf("ENE row unit %q", u)
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := WriteCSVDir(dir, r); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "AnnualEmissions.csv"))
	if !strings.Contains(string(b), "R,ENE,2020,2000,PJ\n") || !strings.Contains(string(b), "R,CO2,2030,3.5,Mt CO2\n") {
		t.Errorf("CSV units per row:\n%s", b)
	}
	back, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Table("AnnualEmissions"); got.Unit != "Mt CO2" || got.RowUnit(2) != "PJ" {
		t.Errorf("after ReadDir: unit %q, ENE %q", got.Unit, got.RowUnit(2))
	}
	var buf bytes.Buffer
	if err := WriteIAMC(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "m,default,R,Emissions|ENE,PJ,") {
		t.Errorf("IAMC:\n%s", buf.String())
	}
}

func TestIAMCRetirement(t *testing.T) {
	ret := &Table{Name: "RetiredCapacity", Indices: []string{"REGION", "TECHNOLOGY", "YEAR"}, Unit: "GW"}
	ret.Append(6.78, "BJ", "GAS_CHP_OLD", "2036")
	sc := &Table{Name: "StrandedCost", Indices: []string{"REGION", "TECHNOLOGY", "YEAR"}, Unit: "MCNY"}
	sc.Append(4568.8, "BJ", "GAS_CHP_OLD", "2036")
	var buf bytes.Buffer
	if err := WriteIAMC(&buf, &Results{Model: "m", Tables: []*Table{ret, sc}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"m,default,BJ,Capacity Retirements|Early|GAS_CHP_OLD,GW,6.78\n", "m,default,BJ,Cost|Stranded Assets|GAS_CHP_OLD,MCNY,4568.8\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("IAMC lacks %q:\n%s", want, buf.String())
		}
	}
}
