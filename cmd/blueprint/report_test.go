package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const utopiaTxt = "../../testdata/models/utopia/utopia.txt"

// TestReportFromRunFolders writes two UTOPIA runs with run --out and makes
// the report from the folders, in both languages.
func TestReportFromRunFolders(t *testing.T) {
	dir := t.TempDir()
	ref, pol := filepath.Join(dir, "reference"), filepath.Join(dir, "policy")
	var stdout, stderr bytes.Buffer
	if err := runRun(context.Background(), []string{utopiaTxt, "--out", ref, "--json"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if err := runRun(context.Background(), []string{utopiaTxt, "--cap", "CO2=1990:4.5,2010:3", "--out", pol, "--json"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	out := filepath.Join(dir, "report")
	stdout.Reset()
	err := runReport(context.Background(), []string{ref, pol, "--out", out, "--lang", "both", "--model", utopiaTxt, "--heat", "RH", "--transport", "TX", "--json"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("report: %v\n%s", err, stderr.String())
	}
	var res reportResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout.String())
	}
	if len(res.HTML) != 2 || strings.Join(res.Scenarios, ",") != "reference,policy" {
		t.Errorf("result %+v", res)
	}
	for _, h := range res.HTML {
		b, err := os.ReadFile(h)
		if err != nil {
			t.Fatal(err)
		}
		// The sources section lists the model's parameters (from --model).
		if !strings.Contains(string(b), "CapitalCost") || !strings.Contains(string(b), `data-scenario="policy"`) {
			t.Errorf("%s lacks the sources table or the policy milestones", h)
		}
	}
}

func TestReportUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"lang", []string{"x", "--lang", "fr"}, "--lang"},
		{"macc", []string{"x", "--macc", "5:1:1"}, "--macc"},
		{"both", []string{"x", "--scenarios", "a"}, "not both"},
		{"not a run", []string{t.TempDir()}, "not a run folder"},
		{"unknown scenario", []string{"--scenarios", "reference,foo", "--out", t.TempDir()}, `no embedded scenario "foo" (have reference, policy, neutral2050)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runReport(context.Background(), tc.args, &stdout, &stderr)
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != exitInput || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want exit 2 naming %q", err, tc.want)
			}
		})
	}
}

// TestReadCEADs reads the Beijing dataset's CEADs 2019 sheet: the fuel
// lines add up to the scope-1 total, and a bad cell names its line.
func TestReadCEADs(t *testing.T) {
	rows, err := readCEADs(filepath.Join("..", "..", "dataset", "beijing", ceadsFile))
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Fuel != "" || rows[0].Source != "S01" || rows[0].Value < 80 || rows[0].Value > 100 {
		t.Fatalf("total line %+v", rows[0])
	}
	sum := 0.0
	for _, r := range rows[1:] {
		sum += r.Value
		if r.Fuel == "" || ceadsLabels[r.Fuel] != r.Label {
			t.Errorf("line %+v", r)
		}
	}
	if d := sum - rows[0].Value; d > 1e-9 || d < -1e-9 {
		t.Errorf("fuel lines add up to %v, total %v", sum, rows[0].Value)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("Emission_Inventory,Raw_Coal,Scope_1_Total\nunit,Mt,Mt\nIndustry,x,1\nTotalEmissions,1,1\n"), 0o644)
	if _, err := readCEADs(bad); err == nil || !strings.Contains(err.Error(), "bad.csv:3: Raw_Coal") {
		t.Errorf("bad cell: err = %v", err)
	}
}

// TestReportEmbedded solves the embedded Beijing reference scenario and
// writes its English report with the dataset's calibration and sources.
func TestReportEmbedded(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the Beijing solve in -short mode")
	}
	// The dataset folder (inventory, SOURCES.md) is found from the
	// repository root.
	t.Chdir(filepath.Join("..", ".."))
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := runReport(context.Background(), []string{"--scenarios", "reference", "--lang", "en", "--out", out, "--json"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("report: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "report.en.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Blueprint for Beijing", `<table id="calibration"`, "Total scope 1 (CEADs)", `<table id="source-list"`, `data-scenario="reference" data-value=`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
