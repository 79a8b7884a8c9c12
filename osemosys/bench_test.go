package osemosys

import (
	"context"
	"testing"

	"blueprint/clp"
	"blueprint/lp"
)

// BenchmarkBuild measures LP generation (model already loaded) per shared
// model; compare with BenchmarkSolve, the solver's own time on the same LP.
func BenchmarkBuild(b *testing.B) {
	for _, c := range referenceCases(b) {
		if c.model == "super_simple" && c.datafile != "super_simple_model.txt" {
			continue
		}
		m := loadCase(b, c)
		b.Run(c.model, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSolve measures a cold Clp solve (dual simplex with presolve) of
// each shared model's LP, loading included.
func BenchmarkSolve(b *testing.B) {
	for _, c := range referenceCases(b) {
		if c.model == "super_simple" && c.datafile != "super_simple_model.txt" {
			continue
		}
		m := loadCase(b, c)
		l, err := Build(m)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.model, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := clp.New()
				if err != nil {
					b.Skip(err)
				}
				if err := s.Load(l.Problem); err != nil {
					b.Fatal(err)
				}
				sol, err := s.Solve(context.Background(), lp.Options{})
				if err != nil || sol.Status != lp.Optimal {
					b.Fatal(err, sol.Status)
				}
				s.Close()
			}
		})
	}
}

// BenchmarkResults measures reading a solution back into result tables.
func BenchmarkResults(b *testing.B) {
	for _, c := range referenceCases(b) {
		if c.model != "utopia" && c.model != "electricity" {
			continue
		}
		m := loadCase(b, c)
		l, err := Build(m)
		if err != nil {
			b.Fatal(err)
		}
		s, err := clp.New()
		if err != nil {
			b.Skip(err)
		}
		s.Load(l.Problem)
		sol, err := s.Solve(context.Background(), lp.Options{})
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.model, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Results(sol); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuildRetirement measures LP generation with every technology
// allowed to retire early (the worst case: survival columns for every
// vintage of every technology).
func BenchmarkBuildRetirement(b *testing.B) {
	for _, c := range referenceCases(b) {
		if c.model != "utopia" && c.model != "simplicity" && c.model != "electricity" {
			continue
		}
		m := loadCase(b, c)
		allowAll(m)
		b.Run(c.model, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
