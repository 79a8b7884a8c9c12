package beijing

import (
	"context"
	"os"
	"testing"

	"blueprint/lp"
	"blueprint/model"
	"blueprint/otoole"
	"blueprint/pathway"
	"blueprint/scenario"
)

// BenchmarkBeijing builds and solves the base model cold (generation, Clp
// load and dual simplex, result extraction).
func BenchmarkBeijing(b *testing.B) {
	m, err := Base()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var run *pathway.Run
	for b.Loop() {
		run, err = pathway.Solve(context.Background(), m, newClp, pathway.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if run.Solution.Status != lp.Optimal {
			b.Fatalf("status %v", run.Solution.Status)
		}
	}
	p := run.LP.Problem
	b.ReportMetric(float64(p.NumRows()), "rows")
	b.ReportMetric(float64(p.NumCols()), "cols")
	b.ReportMetric(float64(p.NumNonzeros()), "nnz")
	b.ReportMetric(run.BuildSeconds*1000, "build-ms")
	b.ReportMetric(run.SolveSeconds*1000, "solve-ms")
}

// BenchmarkBeijingWarm re-solves the base model in one session with the
// CO2_TOT price switching between two paths: the LP keeps its structure,
// so each solve warm-starts from the previous basis (what an interactive
// explorer does when a slider moves).
//
// BLUEPRINT_BENCH_MODEL=DIR runs it on another model folder, e.g. the
// generator's output for a finer timeslice table (docs/beijing.md).
func BenchmarkBeijingWarm(b *testing.B) {
	base, err := Base()
	if dir := os.Getenv("BLUEPRINT_BENCH_MODEL"); dir != "" {
		base, err = otoole.ReadDir(dir)
	}
	if err != nil {
		b.Fatal(err)
	}
	var ms [2]*model.Model
	for i, p := range []string{"2025:100,2050:300", "2025:150,2050:400"} {
		path, err := scenario.ParsePath(p)
		if err != nil {
			b.Fatal(err)
		}
		m := base.Clone()
		if err := (scenario.Knobs{CarbonPrice: map[string]scenario.Path{"CO2_TOT": path}}).Apply(m); err != nil {
			b.Fatal(err)
		}
		ms[i] = m
	}
	s := pathway.NewSession(newClp, pathway.Options{})
	defer s.Close()
	if _, err := s.Solve(context.Background(), ms[0]); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i, warm := 1, 0
	for b.Loop() {
		run, err := s.Solve(context.Background(), ms[i])
		if err != nil {
			b.Fatal(err)
		}
		if run.Warm {
			warm++
		}
		i = 1 - i
	}
	b.ReportMetric(float64(warm)/float64(b.N), "warm/op")
}

// BenchmarkBase hands out the embedded model: a clone of the model read
// once per process.
func BenchmarkBase(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Base(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadBase reads the embedded model afresh (copy to a temporary
// folder, read with the otoole reader): what the first Base call costs.
func BenchmarkReadBase(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readBase(); err != nil {
			b.Fatal(err)
		}
	}
}
