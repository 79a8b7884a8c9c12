package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/pathway"
	"blueprint/results"
	"blueprint/scenario"
)

// abatementRuns writes UTOPIA's run folders without (ref) and with a CO2
// price of 100 (pol) into a temporary folder.
func abatementRuns(t *testing.T) (ref, pol string) {
	t.Helper()
	dir := t.TempDir()
	m, err := loadModel([]string{utopiaModel})
	if err != nil {
		t.Fatal(err)
	}
	for name, price := range map[string]float64{"ref": 0, "pol": 100} {
		c := m.Clone()
		k := scenario.Knobs{CarbonPrice: map[string]scenario.Path{"CO2": {Values: []float64{price}}}}
		if err := k.Apply(c); err != nil {
			t.Fatal(err)
		}
		run, err := pathway.Solve(context.Background(), c, func() (lp.Solver, error) { return clp.New() }, pathway.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if run.Results == nil {
			t.Fatalf("%s: %v", name, run.Solution.Status)
		}
		if err := results.WriteCSVDir(filepath.Join(dir, name), run.Results); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "ref"), filepath.Join(dir, "pol")
}

func TestWedgesCommand(t *testing.T) {
	ref, pol := abatementRuns(t)
	out := filepath.Join(t.TempDir(), "w")
	var stdout, stderr bytes.Buffer
	if err := runWedges(context.Background(), []string{ref, pol, "--by", "technology", "--json", "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("wedges: %v\n%s", err, stderr.String())
	}
	var res struct {
		ReferenceRun string    `json:"reference_run"`
		Years        []string  `json:"years"`
		Reference    []float64 `json:"reference"`
		Policy       []float64 `json:"policy"`
		Gap          []float64 `json:"gap"`
		Wedges       []struct {
			Group  string    `json:"group"`
			Values []float64 `json:"values"`
		} `json:"wedges"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout.String())
	}
	if len(res.Years) != 21 || len(res.Wedges) == 0 || len(res.Reference) != 21 || len(res.Policy) != 21 || res.ReferenceRun != ref {
		t.Fatalf("%d years, %d wedges", len(res.Years), len(res.Wedges))
	}
	for j, y := range res.Years {
		sum := 0.0
		for _, w := range res.Wedges {
			sum += w.Values[j]
		}
		if res.Reference[j]-res.Policy[j] != res.Gap[j] {
			t.Errorf("%s: gap %v, reference − policy %v", y, res.Gap[j], res.Reference[j]-res.Policy[j])
		}
		if math.Abs(sum-res.Gap[j]) > 1e-12*math.Max(1, math.Abs(res.Gap[j])) {
			t.Errorf("%s: wedges sum to %v, gap %v", y, sum, res.Gap[j])
		}
	}
	if res.Gap[20] <= 0 {
		t.Errorf("no gap in 2010: %v", res.Gap[20])
	}
	for _, f := range []string{"wedges.csv", "wedges_iamc.csv", "wedges.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "wedges_iamc.csv"))
	if !strings.HasPrefix(string(b), "model,scenario,region,variable,unit,1990,") || !strings.Contains(string(b), ",UTOPIA,Emissions|CO2|Wedge|IMPHCO1,") {
		t.Errorf("wedges_iamc.csv:\n%s", b)
	}
}

func TestWedgesBadInput(t *testing.T) {
	ref, pol := abatementRuns(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"one folder", []string{ref}, "want two run folders"},
		{"not a run", []string{ref, t.TempDir()}, "is not a run folder"},
		{"unknown emission", []string{ref, pol, "--emission", "CH4"}, `--emission CH4: emission "CH4" has no AnnualEmissions in either run`},
		{"bad by", []string{ref, pol, "--by", "colour"}, `--by: "colour"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runWedges(context.Background(), tc.args, &stdout, &stderr)
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != exitInput || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want exit %d with %q", err, exitInput, tc.want)
			}
		})
	}
}
