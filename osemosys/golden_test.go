package osemosys

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"blueprint/lp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenTables are UTOPIA's tables whose values every optimum shares (the
// reference kit found glpsol and CBC agree on them; see
// TestReferenceResultTables), so a golden file pins them without pinning
// one solver's choice among equal optima.
var goldenTables = []string{"TotalDiscountedCost", "AnnualEmissions", "TotalCapacityAnnual", "NewCapacity",
	"ProductionByTechnologyAnnual", "CapitalInvestment", "SalvageValue", "AnnualFixedOperatingCost"}

// TestGoldenUTOPIA compares UTOPIA's result tables, written with 9
// significant digits, with testdata/golden/utopia/*.csv. Run with -update
// to rewrite them after a reviewed change (see testdata/README.md).
func TestGoldenUTOPIA(t *testing.T) {
	var c refCase
	for _, rc := range referenceCases(t) {
		if rc.model == "utopia" {
			c = rc
		}
	}
	l, sol := solveModel(t, loadCase(t, c))
	if sol.Status != lp.Optimal {
		t.Fatal(sol.Status)
	}
	res, err := l.Results(sol)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "golden", "utopia")
	for _, name := range goldenTables {
		tab := res.Table(name)
		var buf bytes.Buffer
		for i, ix := range tab.Indices {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(ix)
		}
		buf.WriteString(",VALUE\n")
		for i := range tab.Values {
			for _, k := range tab.Key(i) {
				buf.WriteString(k)
				buf.WriteByte(',')
			}
			buf.WriteString(strconv.FormatFloat(tab.Values[i], 'g', 9, 64))
			buf.WriteByte('\n')
		}
		path := filepath.Join(dir, name+".csv")
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGoldenUTOPIA -update to create it)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs from %s:\n%s", name, path, firstDiff(buf.Bytes(), want))
		}
	}
}

func firstDiff(got, want []byte) string {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if !bytes.Equal(g, w) {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, g, w)
		}
	}
	return ""
}
