package pathway

import (
	"context"
	"math"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/mathprog"
)

func newClp() (lp.Solver, error) { return clp.New() }

func TestSolveUTOPIA(t *testing.T) {
	m, err := mathprog.ReadFiles("../testdata/models/utopia/utopia.txt")
	if err != nil {
		t.Fatal(err)
	}
	run, err := Solve(context.Background(), m, newClp, Options{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	const ref = 29446.8626943409 // osemosys.txt + glpsol (testdata/models/reference.csv)
	if run.Solution.Status != lp.Optimal || math.Abs(run.Solution.Objective-ref)/ref > 1e-6 {
		t.Fatalf("status %v objective %v, want optimal %v", run.Solution.Status, run.Solution.Objective, ref)
	}
	if run.Results == nil || run.Results.Table("NewCapacity").Len() == 0 {
		t.Fatal("no results")
	}
	if run.Conflicts != nil {
		t.Errorf("conflicts on a feasible model: %v", run.Conflicts)
	}
}

func TestSolveCancelled(t *testing.T) {
	m, err := mathprog.ReadFiles("../testdata/models/utopia/utopia.txt")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	run, err := Solve(ctx, m, newClp, Options{})
	if err == nil && run.Solution.Status == lp.Optimal {
		t.Fatal("a cancelled context still gave an optimum")
	}
}
