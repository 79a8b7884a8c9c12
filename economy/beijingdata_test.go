package economy

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the derived Beijing data files in ../dataset/beijing/economy from ../../shared/data/beijing")

const (
	sharedBeijing = "../../shared/data/beijing"
	beijingDir    = "../dataset/beijing/economy"
)

// readLong reads one of the shared long IO files into map[key]value where
// the key joins the leading fields with ",".
func readLong(t *testing.T, path string, keyFields int) map[string]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, r := range recs[1:] {
		v, err := strconv.ParseFloat(r[keyFields], 64)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[strings.Join(r[:keyFields], ",")] = v
	}
	return out
}

// deriveNational builds the 42-sector national 2020 table in non-competitive
// (domestic) form, million CNY, from the shared NBS/ionet files (S128, S129).
func deriveNational(t *testing.T) *Table {
	comp := readLong(t, filepath.Join(sharedBeijing, "io_china_2020.csv"), 2)
	dom := readLong(t, filepath.Join(sharedBeijing, "io_china_2020_domestic_imported.csv"), 3)
	f, err := os.Open(filepath.Join(sharedBeijing, "io_china_2020_sectors.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	srecs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tab := &Table{
		Final:     []string{"HH", "GOV", "GFCF", "INV", "EX"},
		Household: 0,
		Unit:      "million CNY",
		JobsUnit:  "persons",
		Proxy:     true,
		Source: "NBS national input-output table 2020, 42 sectors, non-competitive (domestic) form as packaged in R ionet (S128); " +
			"employment 2018 (S129); derived by economy/beijingdata_test.go -update. PROXY for Beijing: national structure",
	}
	const scale = 0.01 // 10k CNY -> million CNY
	for _, r := range srecs[1:] {
		tab.Sectors = append(tab.Sectors, Sector{Code: r[0], Name: r[1]})
		e, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			t.Fatal(err)
		}
		tab.Jobs = append(tab.Jobs, e*1e4)
	}
	n := len(tab.Sectors)
	tab.Z = make([]float64, n*n)
	tab.F = make([]float64, n*5)
	tab.X = make([]float64, n)
	tab.VA = make([]float64, n)
	tab.Imports = make([]float64, n)
	tab.Labour = make([]float64, n)
	for i, si := range tab.Sectors {
		for j, sj := range tab.Sectors {
			tab.Z[i*n+j] = dom["domestic,"+si.Code+","+sj.Code] * scale
			tab.Imports[j] += dom["imported,"+si.Code+","+sj.Code] * scale
		}
		tc := dom["domestic,"+si.Code+",TC"]
		hh := 0.0
		if ctc := comp[si.Code+",TC"]; ctc != 0 {
			hh = tc * comp[si.Code+",THC"] / ctc
		}
		tab.F[i*5+0] = hh * scale
		tab.F[i*5+1] = (tc - hh) * scale
		tab.F[i*5+2] = dom["domestic,"+si.Code+",FU201"] * scale
		tab.F[i*5+3] = dom["domestic,"+si.Code+",FU202"] * scale
		tab.F[i*5+4] = dom["domestic,"+si.Code+",EX"] * scale
		tab.X[i] = dom["domestic,"+si.Code+",GO"] * scale
		tab.VA[i] = comp["TVA,"+si.Code] * scale
		tab.Labour[i] = comp["VA001,"+si.Code] * scale
	}
	return tab
}

// TestBeijingDataReproducible re-derives the committed national table from
// the shared research data and compares it with the committed file; with
// -update it rewrites the file. Skipped on a clone without ../shared.
func TestBeijingDataReproducible(t *testing.T) {
	if _, err := os.Stat(sharedBeijing); err != nil {
		t.Skipf("shared data not present (%s): the committed files are used as they are", sharedBeijing)
	}
	tab := deriveNational(t)
	if _, err := NewModel(tab, 1e-6); err != nil {
		t.Fatalf("derived national table invalid: %v", err)
	}
	var buf bytes.Buffer
	buf.WriteString("# National input-output table of China 2020 (NBS), 42 sectors, domestic (non-competitive) form.\n")
	buf.WriteString("# Final demand for domestic output: HH households (TC x THC/TC of the competitive table),\n")
	buf.WriteString("# GOV government, GFCF fixed capital formation, INV inventories, EX exports. IM = imported\n")
	buf.WriteString("# intermediate inputs; HH row = compensation of employees (VA001); EMP = national employment 2018.\n")
	if err := WriteTable(&buf, tab); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(beijingDir, "io_china_2020_domestic.csv")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("%s differs from the derivation from %s; run go test ./economy -run BeijingData -update and review the diff", path, sharedBeijing)
	}
	// The committed table reads back to the same numbers.
	back, err := ReadTable(bytes.NewReader(got), path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range tab.X {
		if d := back.X[i] - tab.X[i]; d*d > 1e-6 {
			t.Fatalf("sector %s output %g read back as %g", tab.Sectors[i].Code, tab.X[i], back.X[i])
		}
	}
}
