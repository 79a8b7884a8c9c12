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
)

func TestDecomposeCommand(t *testing.T) {
	ref, _ := abatementRuns(t)
	out := filepath.Join(t.TempDir(), "d")
	var stdout, stderr bytes.Buffer
	if err := runDecompose(context.Background(), []string{ref, "--from", "1990", "--to", "2010", "--json", "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("decompose: %v\n%s", err, stderr.String())
	}
	var res decomposeResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout.String())
	}
	tot := res.Total
	if sum := tot.Activity + tot.Structure + tot.Intensity + tot.Mix + tot.EmissionFactor; math.Abs(sum-tot.Change) > 1e-9*tot.Final || tot.Change <= 0 {
		t.Errorf("effects sum to %v, change %v", sum, tot.Change)
	}
	for _, s := range res.Sectors {
		if s.Base == 0 && s.Final == 0 {
			t.Errorf("sector %s without emissions listed", s.Sector)
		}
	}
	for _, f := range []string{"decompose.csv", "decompose_data.csv", "decompose.svg", "decompose_sectors.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
}

func TestDecomposeActivityFile(t *testing.T) {
	ref, _ := abatementRuns(t)
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Every UTOPIA technology is its own sector; give each activity 1 in
	// 1990 and 2 in 2010: the activity effect is then L·ln 2 summed, and
	// the structure effect zero.
	var b strings.Builder
	b.WriteString("SECTOR,YEAR,VALUE\n")
	for _, s := range []string{"E01", "E21", "E31", "E51", "E70", "IMPDSL1", "IMPGSL1", "IMPHCO1", "IMPOIL1", "IMPURN1", "RHE", "RHO", "RL1", "SRE", "TXD", "TXE", "TXG", "RIV", "RHu", "RLu", "TXu"} {
		b.WriteString(s + ",1990,1\n" + s + ",2010,2\n")
	}
	good := write("act.csv", b.String())
	var stdout, stderr bytes.Buffer
	if err := runDecompose(context.Background(), []string{ref, "--from", "1990", "--to", "2010", "--activity", good, "--json"}, &stdout, &stderr); err != nil {
		t.Fatalf("decompose: %v", err)
	}
	var res decomposeResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.Total.Structure) > 1e-12 || res.Total.Activity <= 0 || res.Activity != good {
		t.Errorf("equal growth of every sector: structure %v, activity %v (%s)", res.Total.Structure, res.Total.Activity, res.Activity)
	}

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"from outside", []string{ref, "--from", "1980", "--to", "2010"}, `--from: from year "1980" is not a year of the results (1990–2010)`},
		{"to outside", []string{ref, "--from", "1990", "--to", "2050"}, `--to: to year "2050"`},
		{"missing to", []string{ref, "--from", "1990"}, "--from and --to are required"},
		{"unknown emission", []string{ref, "--from", "1990", "--to", "2010", "--emission", "CH4"}, `--emission: emission "CH4" is not in the results`},
		{"bad activity value", []string{ref, "--from", "1990", "--to", "2010", "--activity", write("bad.csv", "SECTOR,YEAR,VALUE\nE01,1990,1\nE01,2010,x\n")}, `bad.csv:3: VALUE "x"`},
		{"bad activity header", []string{ref, "--from", "1990", "--to", "2010", "--activity", write("head.csv", "S,Y,V\n")}, `head.csv:1: header "S,Y,V"`},
		{"activity lacks a sector", []string{ref, "--from", "1990", "--to", "2010", "--activity", write("few.csv", "SECTOR,YEAR,VALUE\nE01,1990,1\n")}, "no value for sector"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runDecompose(context.Background(), tc.args, &stdout, &stderr)
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != exitInput || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want exit %d with %q", err, exitInput, tc.want)
			}
		})
	}
}

// FuzzReadActivity: no panic; errors name the file; accepted values are
// non-negative.
func FuzzReadActivity(f *testing.F) {
	for _, s := range []string{"SECTOR,YEAR,VALUE\nA,2020,1\n", "SECTOR,YEAR,VALUE\nA,2020,x\n", "S,Y\n", "SECTOR,YEAR,VALUE\n\"A,2020,1\n", "SECTOR,YEAR,VALUE\nA,2020,NaN\n", "SECTOR,YEAR,VALUE\nA,2020,+Inf\n", ""} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, s string) {
		p := filepath.Join(dir, "act.csv")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		act, err := readActivity(p)
		if err != nil {
			if !strings.Contains(err.Error(), p) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for sec, ys := range act {
			for y, v := range ys {
				if !(v >= 0) || math.IsInf(v, 0) {
					t.Fatalf("%s %s: value %v accepted", sec, y, v)
				}
			}
		}
	})
}
