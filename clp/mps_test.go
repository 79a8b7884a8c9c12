package clp

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"blueprint/lp"
)

// netlibDir is where Debian's coinor-libcoinutils-dev installs netlib
// samples.
const netlibDir = "/usr/share/coin/Data/Sample"

// sharedLP is the folder of GLPK-written OSeMOSYS LPs shared by the team.
const sharedLP = "../../shared/data/lp"

func solveFile(t testing.TB, path string, opt lp.Options) (*lp.Problem, *lp.Solution) {
	t.Helper()
	p, err := lp.ReadMPSFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Load(p); err != nil {
		t.Fatal(err)
	}
	sol, err := s.Solve(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return p, sol
}

func TestNetlib(t *testing.T) {
	// Published netlib optima (netlib/lp/data/readme). They exclude the
	// objective constant that an RHS entry on the objective row gives, so
	// they are compared with c'x = Objective - ObjOffset. Only e226 has
	// one: RHS -7.113, ObjOffset 7.113, objective -11.6389 (what the clp
	// command prints).
	cases := []struct {
		name string
		obj  float64
	}{
		{"afiro", -4.6475314286e+02},
		{"brandy", 1.5185098965e+03},
		{"e226", -1.8751929066e+01},
		{"finnis", 1.7279106559e+05},
	}
	for _, tc := range cases {
		path := filepath.Join(netlibDir, tc.name+".mps")
		if _, err := os.Stat(path); err != nil {
			t.Skipf("netlib samples absent (%v): install coinor-libcoinutils-dev", err)
		}
		for _, alg := range []lp.Algorithm{lp.DualSimplex, lp.PrimalSimplex, lp.Barrier} {
			t.Run(tc.name+"/"+alg.String(), func(t *testing.T) {
				p, sol := solveFile(t, path, lp.Options{Algorithm: alg})
				if sol.Status != lp.Optimal {
					t.Fatalf("status %v (raw %d/%d)", sol.Status, sol.RawStatus, sol.RawSecondary)
				}
				if cx := sol.Objective - p.ObjOffset; math.Abs(cx-tc.obj) > 1e-8*math.Abs(tc.obj) {
					t.Errorf("c'x = %.10e, want %.10e (relative error %.2g)", cx, tc.obj, math.Abs(cx-tc.obj)/math.Abs(tc.obj))
				}
				if tc.name == "e226" && (p.ObjOffset != 7.113 || math.Abs(sol.Objective+11.638929066) > 1e-8) {
					t.Errorf("e226: ObjOffset %v, objective %.10g; want 7.113 and -11.638929066", p.ObjOffset, sol.Objective)
				}
				if err := lp.CheckOptimality(p, sol, 1e-6); err != nil {
					t.Errorf("CheckOptimality: %v", err)
				}
			})
		}
	}
}

func TestSharedMPS(t *testing.T) {
	f, err := os.Open(filepath.Join(sharedLP, "reference.csv"))
	if err != nil {
		t.Skipf("shared LPs absent (%v)", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for k, h := range recs[0] {
		col[h] = k
	}
	for _, r := range recs[1:] {
		file := r[col["file"]]
		want, err := strconv.ParseFloat(r[col["objective"]], 64)
		if err != nil {
			t.Fatalf("reference.csv: %s: %v", file, err)
		}
		rows, _ := strconv.Atoi(r[col["rows"]])
		cols, _ := strconv.Atoi(r[col["cols"]])
		nnz, _ := strconv.Atoi(r[col["nonzeros"]])
		t.Run(r[col["model"]], func(t *testing.T) {
			p, sol := solveFile(t, filepath.Join(sharedLP, file), lp.Options{})
			// GLPK counts the objective row and its entries.
			if p.NumRows()+1 != rows || p.NumCols() != cols {
				t.Errorf("size %d rows (+1 objective) x %d columns, reference %d x %d", p.NumRows(), p.NumCols(), rows, cols)
			}
			objNZ := 0
			for _, c := range p.Obj {
				if c != 0 {
					objNZ++
				}
			}
			if p.NumNonzeros()+objNZ != nnz {
				t.Errorf("%d nonzeros (+%d objective), reference %d", p.NumNonzeros(), objNZ, nnz)
			}
			if sol.Status != lp.Optimal {
				t.Fatalf("status %v", sol.Status)
			}
			if rel := math.Abs(sol.Objective-want) / math.Abs(want); rel > 1e-6 {
				t.Errorf("objective %.10g, reference %.10g (relative error %.2g)", sol.Objective, want, rel)
			}
			if err := lp.CheckOptimality(p, sol, 1e-6); err != nil {
				t.Errorf("CheckOptimality: %v", err)
			}
		})
	}
}
