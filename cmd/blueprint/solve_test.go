package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes s to a file in a temporary directory and returns its
// path.
func writeFile(t *testing.T, name, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tinyMPS: min x + 2y s.t. x + y = 4, x - y <= 2: optimum 5 at (3, 1).
const tinyMPS = `NAME tiny
ROWS
 N obj
 E c1
 L c2
COLUMNS
    x obj 1 c1 1
    x c2 1
    y obj 2 c1 1
    y c2 -1
RHS
    rhs c1 4 c2 2
ENDATA
`

const infeasibleMPS = `NAME inf
ROWS
 N obj
 G c1
COLUMNS
    x obj 1 c1 1
RHS
    rhs c1 5
BOUNDS
 UP bnd x 1
ENDATA
`

const unboundedMPS = `NAME unb
ROWS
 N obj
 L c1
COLUMNS
    x obj -1 c1 1
    y c1 -1
RHS
    rhs c1 1
ENDATA
`

func TestSolveCommand(t *testing.T) {
	tiny := writeFile(t, "tiny.mps", tinyMPS)
	cases := []struct {
		name     string
		args     []string
		code     int
		stdout   string // substring
		stderr   string // substring
		jsonStat string
	}{
		{name: "text", args: []string{tiny}, code: 0, stdout: "objective   5\n"},
		{name: "json-after-file", args: []string{tiny, "--json"}, code: 0, jsonStat: "optimal"},
		{name: "json-before-file", args: []string{"--json", "--algorithm", "primal", tiny}, code: 0, jsonStat: "optimal"},
		{name: "barrier-no-presolve", args: []string{tiny, "--algorithm=barrier", "--presolve=false", "--json"}, code: 0, jsonStat: "optimal"},
		{name: "infeasible", args: []string{writeFile(t, "inf.mps", infeasibleMPS), "--json"}, code: 3, jsonStat: "infeasible"},
		{name: "unbounded", args: []string{writeFile(t, "unb.mps", unboundedMPS)}, code: 3, stdout: "unbounded"},
		{name: "iteration-limit", args: []string{tiny, "--iteration-limit", "1", "--presolve=false"}, code: 4, stderr: "iteration limit"},
		{name: "unknown-algorithm", args: []string{tiny, "--algorithm", "simplex"}, code: 2, stderr: `unknown algorithm "simplex"`},
		{name: "no-file", args: nil, code: 2, stderr: "want exactly one MPS file"},
		{name: "missing-file", args: []string{"/nonexistent/x.mps"}, code: 2, stderr: "no such file"},
		{name: "malformed", args: []string{writeFile(t, "bad.mps", "NAME x\nROWS\n N obj\n Q c1\nENDATA\n")}, code: 2, stderr: "bad.mps:4: ROWS: unknown row type"},
		{name: "nan", args: []string{writeFile(t, "nan.mps", strings.Replace(tinyMPS, "x obj 1", "x obj NaN", 1))}, code: 2, stderr: `nan.mps:7: COLUMNS: column "x", row "obj": bad number "NaN"`},
		{name: "bad-flag", args: []string{tiny, "--time-limit", "soon"}, code: 2, stderr: "invalid value"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := dispatch(context.Background(), append([]string{"solve"}, tc.args...), &out, &errb)
			if code != tc.code {
				t.Fatalf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tc.stdout) {
				t.Errorf("stdout %q does not contain %q", out.String(), tc.stdout)
			}
			if !strings.Contains(errb.String(), tc.stderr) {
				t.Errorf("stderr %q does not contain %q", errb.String(), tc.stderr)
			}
			if tc.jsonStat != "" {
				var res map[string]any
				dec := json.NewDecoder(&out)
				if err := dec.Decode(&res); err != nil {
					t.Fatalf("stdout is not JSON: %v", err)
				}
				if dec.More() {
					t.Error("more than one JSON value on stdout")
				}
				if res["status"] != tc.jsonStat {
					t.Errorf("status %v, want %s", res["status"], tc.jsonStat)
				}
				for _, k := range []string{"objective", "iterations", "seconds", "rows", "cols", "nonzeros"} {
					if _, ok := res[k]; !ok {
						t.Errorf("JSON lacks %q", k)
					}
				}
				if tc.jsonStat == "optimal" && (res["objective"] != 5.0 || res["rows"] != 2.0 || res["cols"] != 2.0 || res["nonzeros"] != 4.0) {
					t.Errorf("JSON %v: want objective 5, 2 rows, 2 cols, 4 nonzeros", res)
				}
			}
		})
	}
}

func TestSolveWriteSolution(t *testing.T) {
	tiny := writeFile(t, "tiny.mps", tinyMPS)
	csvPath := filepath.Join(t.TempDir(), "sol.csv")
	var out, errb bytes.Buffer
	if code := dispatch(context.Background(), []string{"solve", tiny, "--write-solution", csvPath}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"kind", "index", "name", "value", "dual"},
		{"col", "0", "x", "3", "0"},
		{"col", "1", "y", "1", "0"},
		{"row", "0", "c1", "4", "1.5"},
		{"row", "1", "c2", "2", "-0.5"},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d: %v", len(recs), len(want), recs)
	}
	for i := range want {
		if strings.Join(recs[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("line %d: %v, want %v", i+1, recs[i], want[i])
		}
	}
}

func TestVersionPrintsClp(t *testing.T) {
	var out, errb bytes.Buffer
	if code := dispatch(context.Background(), []string{"version"}, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	if !strings.Contains(out.String(), "\nclp 1.") {
		t.Errorf("version output %q lacks the Clp version", out.String())
	}
}
