package report

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
	"blueprint/mathprog"
	"blueprint/model"
	"blueprint/pathway"
	"blueprint/results"
	"blueprint/scenario"
)

var (
	utopiaOnce sync.Once
	utopiaM    *model.Model
	utopiaRuns []*results.Results
	utopiaErr  error
)

// utopiaRuns solves UTOPIA twice: as given (reference) and with a CO2 cap
// path (policy), once per test binary.
func utopia(t testing.TB) (*model.Model, []*results.Results) {
	t.Helper()
	utopiaOnce.Do(func() {
		var r mathprog.Reader
		m, err := r.ReadFiles(filepath.Join("..", "testdata", "models", "utopia", "utopia.txt"))
		if err != nil {
			utopiaErr = err
			return
		}
		m.Name = "utopia"
		utopiaM = m
		newSolver := func() (lp.Solver, error) { return clp.New() }
		for _, name := range []string{"reference", "policy"} {
			mm := m.Clone()
			mm.Scenario = name
			if name == "policy" {
				capPath, err := scenario.ParsePath("1990:4,2000:3,2010:2")
				if err != nil {
					utopiaErr = err
					return
				}
				k := scenario.Knobs{Cap: map[string]scenario.Path{"CO2": capPath}}
				if err := k.Apply(mm); err != nil {
					utopiaErr = err
					return
				}
			}
			res, err := pathway.Solve(context.Background(), mm, newSolver, pathway.Options{})
			if err != nil {
				utopiaErr = err
				return
			}
			utopiaRuns = append(utopiaRuns, res.Results)
		}
	})
	if utopiaErr != nil {
		t.Fatal(utopiaErr)
	}
	return utopiaM, utopiaRuns
}

var (
	retireOnce sync.Once
	retireRuns []*results.Results
	retireErr  error
)

// utopiaRetire solves UTOPIA with its coal plant E01 allowed to retire
// early, as given (reference) and with a carbon price of 50 on CO2
// (policy), where E01 retires and leaves a stranded cost.
func utopiaRetire(t testing.TB) []*results.Results {
	t.Helper()
	retireOnce.Do(func() {
		m, err := mathprog.ReadFiles(filepath.Join("..", "testdata", "models", "utopia", "utopia.txt"), filepath.Join("testdata", "utopia_retire_e01.txt"))
		if err != nil {
			retireErr = err
			return
		}
		m.Name = "utopia"
		newSolver := func() (lp.Solver, error) { return clp.New() }
		for _, name := range []string{"reference", "policy"} {
			mm := m.Clone()
			mm.Scenario = name
			if name == "policy" {
				price, err := scenario.ParsePath("1990:50")
				if err != nil {
					retireErr = err
					return
				}
				if err := (scenario.Knobs{CarbonPrice: map[string]scenario.Path{"CO2": price}}).Apply(mm); err != nil {
					retireErr = err
					return
				}
			}
			res, err := pathway.Solve(context.Background(), mm, newSolver, pathway.Options{})
			if err != nil {
				retireErr = err
				return
			}
			retireRuns = append(retireRuns, res.Results)
		}
	})
	if retireErr != nil {
		t.Fatal(retireErr)
	}
	return retireRuns
}
