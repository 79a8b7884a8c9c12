package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const econTestdata = "../../economy/testdata"

func utopiaImpactsArgs(extra ...string) []string {
	return append([]string{"impacts", filepath.Join(econTestdata, "runs/utopia_tax"),
		"--reference", filepath.Join(econTestdata, "runs/utopia_ref"),
		"--io", filepath.Join(econTestdata, "utopia_io.csv"),
		"--map", filepath.Join(econTestdata, "utopia_bridge.csv"),
		"--households", filepath.Join(econTestdata, "utopia_households.csv")}, extra...)
}

// TestImpactsCommand: --json prints one object with the documented blocks,
// each with unit and proxy flag; --out writes the tables and IAMC file.
func TestImpactsCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "impacts")
	code, stdout, stderr := run(t, utopiaImpactsArgs("--json", "--out", out)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var j map[string]json.RawMessage
	dec := json.NewDecoder(strings.NewReader(stdout))
	if err := dec.Decode(&j); err != nil {
		t.Fatal(err)
	}
	if dec.More() {
		t.Error("more than one JSON value on stdout")
	}
	for _, k := range []string{"value_added", "jobs", "output", "burden"} {
		var b struct {
			Unit     string                        `json:"unit"`
			Proxy    *bool                         `json:"proxy"`
			BySector map[string]map[string]float64 `json:"by_sector"`
			ByGroup  map[string]map[string]float64 `json:"by_group"`
		}
		if err := json.Unmarshal(j[k], &b); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if b.Unit == "" || b.Proxy == nil || !*b.Proxy {
			t.Errorf("%s: unit %q, proxy %v; want a unit and proxy true (illustrative data)", k, b.Unit, b.Proxy)
		}
		if k == "burden" {
			if len(b.ByGroup["LOW"]) != 21 {
				t.Errorf("burden by group: %v", b.ByGroup)
			}
		} else if len(b.BySector["MAN"]) != 21 {
			t.Errorf("%s by sector MAN: %d years", k, len(b.BySector["MAN"]))
		}
	}
	for _, f := range []string{"OutputChange.csv", "ValueAddedChange.csv", "JobsChange.csv", "EnergyBurden.csv", "impacts_iamc.csv", "summary.json", "value_added.svg", "jobs.svg", "burden.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "JobsChange.csv"))
	if !strings.Contains(string(b), "persons [PROXY]") {
		t.Errorf("JobsChange.csv lacks the PROXY unit label:\n%.300s", b)
	}
	b, _ = os.ReadFile(filepath.Join(out, "impacts_iamc.csv"))
	if !strings.Contains(string(b), "Economy|Employment Change|MAN") {
		t.Errorf("IAMC file lacks employment variables:\n%.300s", b)
	}
	// Text output leads with the proxy label.
	code, stdout, _ = run(t, utopiaImpactsArgs()...)
	if code != 0 || !strings.HasPrefix(stdout, "PROXY:") {
		t.Errorf("exit %d, text output:\n%s", code, stdout)
	}
}

// TestImpactsBadInput: usage and data errors exit 2 and name the problem.
func TestImpactsBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bridge.csv")
	os.WriteFile(bad, []byte("COMPONENT,SELECT,IO_SECTOR,SHARE,IMPORT_SHARE,PRICE\ncapital,*,MAN,0.5,0,\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no reference", []string{"impacts", filepath.Join(econTestdata, "runs/utopia_tax")}, "--reference"},
		{"threshold", utopiaImpactsArgs("--threshold", "2"), "--threshold"},
		{"not a run", []string{"impacts", econTestdata, "--reference", econTestdata}, "summary.json"},
		{"shares", utopiaImpactsArgs("--map", bad), "bridge.csv:2: SHARE"},
		{"no data dir", append(utopiaImpactsArgs("--data", "/nonexistent"), "--io", ""), "--data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

// TestImpactsBeijingProxy: with the Beijing inputs (RAS proxy built at run
// time) every economic block is labelled proxy, including jobs.
func TestImpactsBeijingProxy(t *testing.T) {
	code, stdout, stderr := run(t, "impacts", filepath.Join(econTestdata, "runs/utopia_tax"),
		"--reference", filepath.Join(econTestdata, "runs/utopia_ref"),
		"--data", "../../dataset/beijing/economy", "--households", "none", "--scale", "1", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var j struct {
		IOSource string            `json:"io_source"`
		Sectors  map[string]string `json:"sectors"`
		Jobs     struct {
			Unit  string `json:"unit"`
			Proxy bool   `json:"proxy"`
		} `json:"jobs"`
		Burden *struct{} `json:"burden"`
	}
	if err := json.Unmarshal([]byte(stdout), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Sectors) != 42 || !j.Jobs.Proxy || j.Jobs.Unit != "persons [PROXY]" || !strings.HasPrefix(j.IOSource, "PROXY") || j.Burden != nil {
		t.Errorf("sectors %d, jobs %+v, io %q, burden %v", len(j.Sectors), j.Jobs, j.IOSource, j.Burden)
	}
}
