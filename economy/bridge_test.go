package economy

import (
	"errors"
	"strings"
	"testing"

	"blueprint/model"
	"blueprint/results"
)

const bridgeHead = "COMPONENT,SELECT,IO_SECTOR,SHARE,IMPORT_SHARE,PRICE,SOURCE,NOTE\n"

// TestBridgePrecedence: the most specific selector wins.
func TestBridgePrecedence(t *testing.T) {
	src := bridgeHead + `capital,*,1,1,0,,,
capital,SECTOR=power,1,0.5,0,,,
capital,SECTOR=power,2,0.5,0.2,,,
capital,MEASURE=solar,2,1,0.9,,,
capital,TECHNOLOGY=PV1,1,1,0,,,
`
	b, err := ReadBridge(strings.NewReader(src), "b.csv")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		g     results.Group
		lines []int
	}{
		{results.Group{Technology: "X", Sector: "x", Measure: "x"}, []int{2}},
		{results.Group{Technology: "GAS", Sector: "power", Measure: "gas"}, []int{3, 4}},
		{results.Group{Technology: "PV2", Sector: "power", Measure: "solar"}, []int{5}},
		{results.Group{Technology: "PV1", Sector: "power", Measure: "solar"}, []int{6}},
	}
	for _, tc := range tests {
		rs := b.rulesFor(Capital, tc.g)
		var got []int
		for _, r := range rs {
			got = append(got, r.Line)
		}
		if len(got) != len(tc.lines) || (len(got) > 0 && got[0] != tc.lines[0]) {
			t.Errorf("%s: rules at lines %v, want %v", tc.g.Technology, got, tc.lines)
		}
	}
	if rs := b.rulesFor(Fixed, results.Group{Technology: "X"}); rs != nil {
		t.Errorf("fixed rules %v, want none", rs)
	}
}

// TestReadBridgeErrors: every malformed row is reported with its line.
func TestReadBridgeErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		sentinel        error
	}{
		{"component", bridgeHead + "capex,*,1,1,0,,,\n", "b.csv:2: COMPONENT:", model.ErrUnknownName},
		{"selector", bridgeHead + "capital,REGION=X,1,1,0,,,\n", "b.csv:2: SELECT:", model.ErrSyntax},
		{"share range", bridgeHead + "capital,*,1,1.5,0,,,\n", "b.csv:2: SHARE:", model.ErrDomain},
		{"import range", bridgeHead + "capital,*,1,1,-0.1,,,\n", "b.csv:2: IMPORT_SHARE:", model.ErrDomain},
		{"shares sum", bridgeHead + "fixed,*,1,0.5,0,,,\nfixed,*,2,0.4,0,,,\n", "b.csv:2: SHARE: model: inconsistent data: shares of fixed rows of * sum to 0.9", model.ErrInconsistent},
		{"fuel needs price", bridgeHead + "fuel,FUEL=COAL,1,1,1,,,\n", "b.csv:2: PRICE:", model.ErrDomain},
		{"fuel selector", bridgeHead + "fuel,*,1,1,1,5,,\n", "b.csv:2: SELECT:", model.ErrInconsistent},
		{"header", "COMPONENT,SELECT,SECTOR\n", "b.csv:1: header:", model.ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBridge(strings.NewReader(tc.src), "b.csv")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, tc.sentinel) {
				t.Errorf("err = %v, want %q (%v)", err, tc.want, tc.sentinel)
			}
		})
	}
}

// TestImpactsErrors: a technology without a rule, and a rule naming a
// sector the table lacks, are refused with the names.
func TestImpactsErrors(t *testing.T) {
	opt := utopiaOptions(t)
	run, ref := readRun(t, "testdata/runs/utopia_tax"), readRun(t, "testdata/runs/utopia_ref")
	b, err := ReadBridge(strings.NewReader(bridgeHead+"capital,*,MAN,1,0,,,\nfixed,*,MAN,1,0,,,\n"), "b.csv")
	if err != nil {
		t.Fatal(err)
	}
	opt.Bridge = b
	if _, err := Impacts(run, ref, opt); !errors.Is(err, errNoRule) || !strings.Contains(err.Error(), "variable spending of technology") {
		t.Errorf("missing rule: %v", err)
	}
	b, _ = ReadBridge(strings.NewReader(bridgeHead+"capital,*,XYZ,1,0,,,\n"), "b.csv")
	opt.Bridge = b
	if _, err := Impacts(run, ref, opt); !errors.Is(err, model.ErrUnknownElement) || !strings.Contains(err.Error(), `b.csv:2: IO_SECTOR`) {
		t.Errorf("unknown sector: %v", err)
	}
	opt = utopiaOptions(t)
	run2 := *run
	run2.Tables = nil
	for _, tb := range run.Tables {
		c := *tb
		c.Unit = "MUSD"
		run2.Tables = append(run2.Tables, &c)
	}
	if _, err := Impacts(&run2, ref, opt); err == nil || !strings.Contains(err.Error(), `"MUSD"`) {
		t.Errorf("unit mismatch: %v", err)
	}
}

// TestFuelRows: fuel purchases priced in the bridge become final demand.
func TestFuelRows(t *testing.T) {
	tab, err := ReadTableFile("testdata/millerblair.csv")
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewModel(tab, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadBridge(strings.NewReader(bridgeHead+"fuel,FUEL=COAL,2,1,0.25,3,,\n"), "b.csv")
	if err != nil {
		t.Fatal(err)
	}
	mk := func(coal float64) *results.Results {
		u := &results.Table{Name: "UseByTechnologyAnnual", Indices: []string{"REGION", "TECHNOLOGY", "FUEL", "YEAR"}}
		u.Append(coal, "R", "BOILER", "COAL", "2030")
		u.Append(7, "R", "BOILER", "GAS", "2030")
		return &results.Results{Tables: []*results.Table{u}}
	}
	res, err := Impacts(mk(10), mk(30), Options{Model: m, Bridge: b, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Δspend = (10 − 30) × 3 = −60: −45 local to sector 2, −15 leaks.
	if got := cell(res.FinalDemand, "R", "2", "2030"); !near(got, -45, 1e-12) {
		t.Errorf("Δf sector 2 = %g, want -45", got)
	}
	if got := cell(res.Leakage, "R", "2030"); !near(got, -15, 1e-12) {
		t.Errorf("leakage = %g, want -15", got)
	}
}

// TestMoneyScale: unit names convert or are refused.
func TestMoneyScale(t *testing.T) {
	tests := []struct {
		from, to string
		want     float64
		ok       bool
	}{
		{"Money", "money", 1, true},
		{"MCNY", "million CNY", 1, true},
		{"billion CNY", "million CNY", 1000, true},
		{"10k CNY", "million CNY", 0.01, true},
		{"100 million CNY", "MCNY", 100, true},
		{"MUSD", "million CNY", 0, false},
		{"Money", "million CNY", 0, false},
	}
	for _, tc := range tests {
		got, err := MoneyScale(tc.from, tc.to)
		if (err == nil) != tc.ok || (tc.ok && !near(got, tc.want, 1e-12)) {
			t.Errorf("MoneyScale(%q, %q) = %g, %v; want %g ok=%v", tc.from, tc.to, got, err, tc.want, tc.ok)
		}
	}
}

// TestReadersAcceptBOM: files saved by spreadsheets start with a UTF-8 BOM.
func TestReadersAcceptBOM(t *testing.T) {
	bom := "\xef\xbb\xbf"
	if _, err := ReadBridge(strings.NewReader(bom+bridgeHead+"capital,*,1,1,0,,,\n"), "b.csv"); err != nil {
		t.Error(err)
	}
	if _, err := ReadTable(strings.NewReader(bom+"SECTOR,NAME,1,FD,X\n1,a,1,1,2\nVA,,1,,\n"), "t.csv"); err != nil {
		t.Error(err)
	}
	if _, err := ReadHouseholds(strings.NewReader(bom+"KIND,GROUP,CARRIER,LINK,YEAR,VALUE\nweight,A,,,,1\nincome,A,,,,1\n"), "h.csv"); err != nil {
		t.Error(err)
	}
}
