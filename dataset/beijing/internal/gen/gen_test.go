package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGenerated regenerates the model and the scenarios into a temporary
// folder and checks that the committed files are byte for byte what the
// generator writes (so inputs.csv stays the truth: run go generate
// ./dataset/beijing after editing it). Files that only follow the schema
// (config.yaml, header-only parameter files) are not compared, so that a
// parameter added to model/schema.csv by another package does not fail
// this test before the next go generate.
func TestGenerated(t *testing.T) {
	out := t.TempDir()
	if err := run("../..", out); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"model", "scenarios"} {
		want := map[string][]byte{}
		err := filepath.WalkDir(filepath.Join(out, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			want[rel], err = os.ReadFile(p)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		err = filepath.WalkDir(filepath.Join("../..", sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel("../..", p)
			got, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			w, ok := want[rel]
			if schemaOnly(rel, got) && (!ok || schemaOnly(rel, w)) {
				delete(want, rel)
				return nil
			}
			switch {
			case !ok:
				t.Errorf("%s is committed but not generated", rel)
			case !bytes.Equal(got, w):
				t.Errorf("%s differs from the generator's output: run go generate ./dataset/beijing", rel)
			}
			delete(want, rel)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for rel, w := range want {
			if !schemaOnly(rel, w) {
				t.Errorf("%s is generated but not committed", rel)
			}
		}
	}
}

// TestInputErrors checks that a broken input names the file, line and quantity.
func TestInputErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"no source", "quantity,value,unit,SOURCE,NOTE\nx,1,PJ,,n\n", "inputs.csv:2: x has no SOURCE"},
		{"not a number", "quantity,value,unit,SOURCE,NOTE\nx,one,PJ,S01,n\n", `inputs.csv:2: value "one" of x is not a number`},
		{"duplicate", "quantity,value,unit,SOURCE,NOTE\nx,1,PJ,S01,n\nx,2,PJ,S01,n\n", "inputs.csv:3: x given twice"},
		{"fields", "quantity,value,unit,SOURCE,NOTE\nx,1,PJ\n", "inputs.csv:2: 3 fields"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "inputs.csv")
			if err := os.WriteFile(p, []byte(tc.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := readInputs(p)
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tc.want)) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestCellMap checks that every non-zero cell of the CEADs sheet has a
// technology and prints the mapping used in docs/beijing.md.
func TestCellMap(t *testing.T) {
	inv, err := readCEADs("../../sources/ceads_beijing_scope1_2019_MtCO2.csv")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("\n| CEADs sector | CEADs fuel | Mt CO2 | technology |\n|---|---|---|---|\n")
	total := 0.0
	for _, c := range inv.keys() {
		dest := cellMap(c)
		if dest == nil {
			t.Errorf("%s × %s has no technology", c.sector, c.fuel)
			continue
		}
		var ts []string
		for _, d := range dest {
			s := d.tech
			if d.frac != "" {
				s += " (" + d.frac + ")"
			}
			ts = append(ts, s)
		}
		total += inv.cells[c]
		b.WriteString("| " + c.sector + " | " + c.fuel + " | " + strconv.FormatFloat(inv.cells[c], 'f', 3, 64) + " | " + strings.Join(ts, ", ") + " |\n")
	}
	if d := total - inv.total; d > 1e-9 || d < -1e-9 {
		t.Errorf("cells sum to %g, the sheet's total is %g", total, inv.total)
	}
	t.Log(b.String())
}

// schemaOnly reports whether a generated file carries no data: the config
// or a parameter file with a header and no rows.
func schemaOnly(rel string, data []byte) bool {
	if filepath.Base(rel) == "config.yaml" {
		return true
	}
	return filepath.Ext(rel) == ".csv" && bytes.Count(bytes.TrimSpace(data), []byte("\n")) == 0
}
