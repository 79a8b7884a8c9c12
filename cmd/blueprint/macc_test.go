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

const utopiaModel = "../../testdata/models/utopia/utopia.txt"

func TestMACCCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "macc")
	var stdout, stderr bytes.Buffer
	err := runMACC(context.Background(), []string{utopiaModel, "--prices", "0:100:50", "--json", "--out", out}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("macc: %v\n%s", err, stderr.String())
	}
	var res struct {
		Emission string `json:"emission"`
		Points   []struct {
			Price, Abatement, Emissions, Objective, Seconds float64
			Iterations                                      int
			Warm                                            bool
		} `json:"points"`
		Attribution []struct {
			Price      float64 `json:"price"`
			Technology string  `json:"technology"`
			Abatement  float64 `json:"abatement"`
		} `json:"attribution"`
		Steps []struct {
			Group     string  `json:"group"`
			Abatement float64 `json:"abatement"`
		} `json:"steps"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout.String())
	}
	if len(res.Points) != 3 || res.Points[0].Price != 0 || res.Points[2].Price != 100 || res.Emission != "CO2" {
		t.Fatalf("points %+v", res.Points)
	}
	if res.Points[0].Warm || !res.Points[1].Warm || res.Points[0].Iterations == 0 {
		t.Errorf("first solve should be cold with iterations, later ones warm: %+v", res.Points)
	}
	if a := res.Points[2].Abatement; a <= 0 || len(res.Attribution) == 0 || len(res.Steps) == 0 {
		t.Errorf("abatement %v at 100 with %d attribution rows, %d steps", a, len(res.Attribution), len(res.Steps))
	}
	for _, f := range []string{"macc.csv", "macc_attribution.csv", "macc_steps.csv", "macc.svg"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Errorf("missing %s: %v", f, err)
			continue
		}
		if f == "macc.svg" && !strings.HasPrefix(string(b), "<svg") {
			t.Errorf("macc.svg starts %q", b[:min(len(b), 40)])
		}
		if f == "macc.csv" && !strings.HasPrefix(string(b), "PRICE,EMISSIONS,ABATEMENT,OBJECTIVE,ITERATIONS") {
			t.Errorf("macc.csv:\n%s", b)
		}
	}
}

func TestMACCBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"decreasing prices", []string{utopiaModel, "--prices", "0,50,20"}, "--prices: price 3: 20 does not exceed the previous price 50"},
		{"negative step", []string{utopiaModel, "--prices", "100:0:10"}, "--prices"},
		{"no prices", []string{utopiaModel}, "--prices is required"},
		{"unknown emission", []string{utopiaModel, "--prices", "0:10:10", "--emission", "CH4"}, `--emission: "CH4" is not an emission of utopia`},
		{"year outside", []string{utopiaModel, "--prices", "0:10:10", "--years", "2030"}, `--years: "2030" is not one of utopia's years (1990–2010)`},
		{"bad by", []string{utopiaModel, "--prices", "0:10:10", "--by", "colour"}, `--by: "colour"`},
		{"embedded model, unknown scenario", []string{"--prices", "0:10:10", "--scenario", "nonesuch"}, "nonesuch"},
		{"no emissions", []string{"../../testdata/models/super_simple/super_simple_model.txt", "--prices", "0:10:10"}, "has no emissions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runMACC(context.Background(), tc.args, &stdout, &stderr)
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != exitInput || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want exit %d with %q", err, exitInput, tc.want)
			}
		})
	}
}

func TestMACCEmbeddedAndScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("solves the Beijing model")
	}
	var stdout, stderr bytes.Buffer
	if err := runMACC(context.Background(), []string{"--prices", "0,100", "--json"}, &stdout, &stderr); err != nil {
		t.Fatalf("macc (embedded): %v\n%s", err, stderr.String())
	}
	var res struct {
		Emission string `json:"emission"`
		Points   []struct {
			Abatement float64 `json:"abatement"`
		} `json:"points"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout.String())
	}
	if len(res.Points) != 2 || res.Points[1].Abatement <= 0 {
		t.Errorf("embedded Beijing MACC: %+v (want CO2_TOT abated at 100 CNY/t)", res)
	}
	// A scenario changes the model the sweep starts from.
	base := maccJSON(t, utopiaFile, "--prices", "0,10")
	sc := maccJSON(t, utopiaFile, "--prices", "0,10", "--scenario", "../../scenario/testdata/utopia/high")
	if base == sc {
		t.Error("--scenario did not change the MACC")
	}
}

func maccJSON(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := runMACC(context.Background(), append(args, "--json"), &stdout, &stderr); err != nil {
		t.Fatalf("macc %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.String()
}
