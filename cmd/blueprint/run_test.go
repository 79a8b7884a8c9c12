package main

import (
	"blueprint/results"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const superSimple = "../../testdata/models/super_simple/super_simple_model.txt"

func TestRunWritesResults(t *testing.T) {
	out := filepath.Join(t.TempDir(), "not", "yet", "res") // parents are created
	var stdout, stderr bytes.Buffer
	err := runRun(context.Background(), []string{superSimple, "--out", out, "--format", "csv,iamc,xlsx", "--json"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	var res runResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout.String())
	}
	if res.Status != "optimal" || res.Objective < 46.43123317 || res.Objective > 46.43123318 {
		t.Errorf("status %s objective %v, want optimal 46.4312331704118 (reference)", res.Status, res.Objective)
	}
	for _, f := range []string{"TotalDiscountedCost.csv", "NewCapacity.csv", "summary.json", "iamc.csv", "results.xlsx"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "TotalDiscountedCost.csv"))
	if !strings.HasPrefix(string(b), "REGION,YEAR,VALUE") || !strings.Contains(string(b), "BB,2016,46.43123317") {
		t.Errorf("TotalDiscountedCost.csv:\n%s", b)
	}
}

// infeasibleModel writes super_simple with a demand its capped plant cannot meet.
func infeasibleModel(t *testing.T) string {
	b, err := os.ReadFile(superSimple)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	const cap = "param default 99999 : TotalAnnualMaxCapacity :="
	if !strings.Contains(s, cap) {
		t.Fatalf("super_simple no longer has %q", cap)
	}
	// Cap every technology just above the gas plant's residual capacity (3.11):
	// too little for the demand.
	s = strings.Replace(s, cap, "param default 3.2 : TotalAnnualMaxCapacity :=", 1)
	// and raise the demand from 2.1101 to 10.
	s = strings.Replace(s, "BB electricity 2016 2.1101", "BB electricity 2016 10", 1)
	path := filepath.Join(t.TempDir(), "infeasible.txt")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunInfeasibleKeepsOldResults(t *testing.T) {
	out := filepath.Join(t.TempDir(), "res")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(out, "old.csv")
	os.WriteFile(old, []byte("keep"), 0o644)
	var stdout, stderr bytes.Buffer
	err := runRun(context.Background(), []string{infeasibleModel(t), "--out", out}, &stdout, &stderr)
	if code := exitCode(err, &stderr); code != exitInfeasible {
		t.Fatalf("exit %d, want %d (err %v)\n%s", code, exitInfeasible, err, stdout.String())
	}
	if !strings.Contains(stdout.String(), "conflict   TotalAnnualMaxCapacity[") {
		t.Errorf("no conflict named:\n%s", stdout.String())
	}
	if b, err := os.ReadFile(old); err != nil || string(b) != "keep" {
		t.Errorf("earlier results lost: %v %q", err, b)
	}
}

func TestRunBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, []byte("set REGION := R1;\nparam OperationalLife default 1 :=\nR1 NOPE 5;\nend;\n"), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"/nonexistent/model.txt"}, "nonexistent"},
		{"unknown element", []string{bad}, "bad.txt:3"},
		{"bad format", []string{superSimple, "--format", "pdf"}, "pdf"},
		{"decreasing price", []string{utopiaFile, "--carbon-price", "CO2=2000:50,2010:20"}, "carbon price CO2: the path decreases from 50 in 2000 to 20 in 2010"},
		{"unknown emission", []string{utopiaFile, "--budget", "CH4=5"}, `budget CH4: emission "CH4" is not in the model`},
		{"cap year outside", []string{utopiaFile, "--cap", "CO2=2050:5"}, "cap CO2: year 2050 is not one of the model's years"},
		{"bad knob", []string{utopiaFile, "--cap", "CO2"}, "--cap \"CO2\": want EMISSION="},
		{"bad scenario", []string{utopiaFile, "--scenario", "../../scenario/testdata/utopia/bad_param"}, "VariableCost.csv:2:8"},
		{"misspelt Beijing scenario", []string{"--scenario", "neutral205"}, `--scenario "neutral205" is neither a scenario of the embedded Beijing model (reference, policy, neutral2050)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runRun(context.Background(), tc.args, &stdout, &stderr)
			if code := exitCode(err, &stderr); code != exitInput {
				t.Fatalf("exit %d, want %d: %v", code, exitInput, err)
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("message %q does not name %q", stderr.String(), tc.want)
			}
		})
	}
}

const utopiaFile = "../../testdata/models/utopia/utopia.txt"

func TestRunScenarioAndKnobs(t *testing.T) {
	solve := func(args ...string) runResult {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := runRun(context.Background(), append([]string{utopiaFile, "--json"}, args...), &stdout, &stderr); err != nil {
			t.Fatalf("run %v: %v\n%s", args, err, stderr.String())
		}
		var res runResult
		if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	base := solve()
	priced := solve("--carbon-price", "CO2=1990:10")
	if priced.Objective <= base.Objective {
		t.Errorf("a carbon price did not raise the cost: %v vs %v", priced.Objective, base.Objective)
	}
	capped := solve("--cap", "CO2=2000:5")
	for _, e := range capped.Emissions {
		if e.Emission != "CO2" {
			continue
		}
		for y, v := range e.ByYear {
			if y >= "2000" && v > 5+1e-6 {
				t.Errorf("CO2 %s = %v above the cap 5", y, v)
			}
		}
	}
	sc := solve("--scenario", "../../scenario/testdata/utopia/higher")
	if sc.Scenario != "higher" {
		t.Errorf("scenario = %q", sc.Scenario)
	}
}

func TestRunDefaultBeijing(t *testing.T) {
	if testing.Short() {
		t.Skip("solves the Beijing model twice")
	}
	out := filepath.Join(t.TempDir(), "bj")
	var stdout, stderr bytes.Buffer
	if err := runRun(context.Background(), []string{"--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	text := stdout.String()
	for _, want := range []string{"== scenario neutral2050: optimal", "== scenario reference: optimal",
		"CO2 scope 1+2 by sector", "electricity supply (ELC", "central heat supply (HTC", "carbon shadow price of the CO2_TOT limit"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	// Each scenario's results folder reads back, with its scenario name and groups.
	for _, name := range []string{"neutral2050", "reference"} {
		r, err := results.ReadDir(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if r.Scenario != name || len(r.Groups) == 0 || r.Status != "optimal" {
			t.Errorf("%s: scenario %q, %d groups, status %s", name, r.Scenario, len(r.Groups), r.Status)
		}
		// The summary's 2050 total is the sum of the scope 1+2 emissions.
		em := sectorEmissions(r, bjEmissions, []string{"2050"})["total"]["2050"]
		ann := 0.0
		if tab := r.Table("AnnualEmissions"); tab != nil {
			for i, v := range tab.Values {
				k := tab.Key(i)
				if k[2] == "2050" && (k[1] == "CO2_S1" || k[1] == "CO2_AV" || k[1] == "CO2_S2") {
					ann += v
				}
			}
		}
		if diff := em - ann; diff > 1e-6*ann+1e-9 || -diff > 1e-6*ann+1e-9 {
			t.Errorf("%s 2050: sector sum %v, AnnualEmissions %v", name, em, ann)
		}
	}
}

func TestRunBeijingScenarioByName(t *testing.T) {
	if testing.Short() {
		t.Skip("solves the Beijing model")
	}
	var stdout, stderr bytes.Buffer
	if err := runRun(context.Background(), []string{"--scenario", "policy", "--json"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	var res runResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout.String())
	}
	if res.Scenario != "policy" || res.Model != "beijing" || res.Status != "optimal" {
		t.Errorf("got %s/%s %s", res.Model, res.Scenario, res.Status)
	}
	var stdout2 bytes.Buffer
	err := runRun(context.Background(), []string{"--scenario", "nonesuch"}, &stdout2, &stderr)
	if code := exitCode(err, &stderr); code != exitInput {
		t.Errorf("unknown scenario: exit %d (%v)", code, err)
	}
}

func TestBeijingNameWinsOverLocalFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "reference"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	jobs, err := beijingJobs(&scenarioFlags{scenario: "reference"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 || jobs[0].m.Scenario != "reference" {
		t.Errorf("got %d jobs, scenario %q", len(jobs), jobs[0].m.Scenario)
	}
	// An explicit path still names a folder.
	if _, err := beijingJobs(&scenarioFlags{scenario: "./reference"}, ""); err == nil || !strings.Contains(err.Error(), "scenario.yaml") {
		t.Errorf("./reference (no scenario.yaml): err = %v", err)
	}
}
