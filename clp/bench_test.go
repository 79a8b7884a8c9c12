package clp

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"blueprint/lp"
)

// BenchmarkLoadSolve reads the largest shared LP (UTOPIA, 119k rows, 147k
// columns, gzip-compressed free MPS) from memory, loads it into Clp,
// solves it cold (dual simplex with presolve) and copies the results out.
// Besides ns/op it reports, per op: read-ms (MPS parse incl. gunzip),
// load-ms (Validate + Clp_loadProblem), solve-ms (Clp's own time),
// extract-ms (the rest of Solve: status, copying x, duals, reduced costs),
// and go-overhead-% = (load + extract) / solve and with-read-% = (read +
// load + extract) / solve.
func BenchmarkLoadSolve(b *testing.B) {
	data, err := os.ReadFile(sharedLP + "/utopia.mps.gz")
	if err != nil {
		b.Skipf("shared LPs absent (%v)", err)
	}
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var read, load, solve, extract time.Duration
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		p, err := lp.ReadMPS(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := s.Load(p); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		sol, err := s.Solve(context.Background(), lp.Options{})
		if err != nil || sol.Status != lp.Optimal {
			b.Fatalf("%v %v", sol.Status, err)
		}
		t3 := time.Now()
		sd := time.Duration(sol.Seconds * float64(time.Second))
		read += t1.Sub(t0)
		load += t2.Sub(t1)
		solve += sd
		extract += t3.Sub(t2) - sd
	}
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return d.Seconds() * 1e3 / n }
	b.ReportMetric(ms(read), "read-ms")
	b.ReportMetric(ms(load), "load-ms")
	b.ReportMetric(ms(solve), "solve-ms")
	b.ReportMetric(ms(extract), "extract-ms")
	b.ReportMetric(100*(load+extract).Seconds()/solve.Seconds(), "go-overhead-%")
	b.ReportMetric(100*(read+load+extract).Seconds()/solve.Seconds(), "with-read-%")
}

// BenchmarkWarmResolve changes three objective coefficients of UTOPIA and
// re-solves from the previous basis (primal simplex, no presolve), the
// pattern of scenario sweeps.
func BenchmarkWarmResolve(b *testing.B) {
	p, err := lp.ReadMPSFile(sharedLP + "/utopia.mps.gz")
	if err != nil {
		b.Skipf("shared LPs absent (%v)", err)
	}
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Load(p); err != nil {
		b.Fatal(err)
	}
	sol, err := s.Solve(context.Background(), lp.Options{})
	if err != nil || sol.Status != lp.Optimal {
		b.Fatalf("%v %v", sol.Status, err)
	}
	var cols []int32
	for j := 0; j < p.NumCols() && len(cols) < 3; j++ {
		if p.Obj[j] != 0 && sol.X[j] > 1e-6 {
			cols = append(cols, int32(j))
		}
	}
	vals := make([]float64, len(cols))
	iters := 0
	k := 0
	b.ReportAllocs()
	for b.Loop() {
		k++
		f := 1 + 0.05*float64(k%2) // alternate +5% and back
		for i, j := range cols {
			vals[i] = p.Obj[j] * f
		}
		if err := s.SetObjective(cols, vals); err != nil {
			b.Fatal(err)
		}
		sol, err := s.Solve(context.Background(), lp.Options{})
		if err != nil || sol.Status != lp.Optimal {
			b.Fatalf("%v %v", sol.Status, err)
		}
		iters += sol.Iterations
	}
	b.ReportMetric(float64(iters)/float64(b.N), "iters/op")
}
