package main

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
)

// TestExportMPS writes UTOPIA's LP, reads it back with the MPS reader and
// solves it: the objective must be the reference's and the names the
// reference's style.
func TestExportMPS(t *testing.T) {
	for _, name := range []string{"utopia.mps", "utopia.mps.gz"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			var stdout, stderr bytes.Buffer
			if err := runExport(context.Background(), []string{"../../testdata/models/utopia/utopia.txt", "--mps", path}, &stdout, &stderr); err != nil {
				t.Fatalf("export: %v\n%s", err, stderr.String())
			}
			p, err := lp.ReadMPSFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(p.Row(0), "CAa1_TotalNewCapacity[UTOPIA,") {
				t.Errorf("first row %q is not named in the reference's style", p.Row(0))
			}
			s, err := clp.New()
			if err != nil {
				t.Skip(err)
			}
			defer s.Close()
			if err := s.Load(p); err != nil {
				t.Fatal(err)
			}
			sol, err := s.Solve(context.Background(), lp.Options{})
			if err != nil {
				t.Fatal(err)
			}
			const ref = 29446.8626943409 // osemosys.txt + glpsol
			if sol.Status != lp.Optimal || math.Abs(sol.Objective-ref)/ref > 1e-6 {
				t.Errorf("status %v objective %.12g, want optimal %.12g", sol.Status, sol.Objective, ref)
			}
		})
	}
	var stderr bytes.Buffer
	err := runExport(context.Background(), []string{"../../testdata/models/utopia/utopia.txt"}, &bytes.Buffer{}, &stderr)
	if code := exitCode(err, &stderr); code != exitInput || !strings.Contains(stderr.String(), "--mps") {
		t.Errorf("missing --mps: exit %d, message %q", code, stderr.String())
	}
}
