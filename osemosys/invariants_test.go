package osemosys

import (
	"math"
	"testing"

	"blueprint/lp"
)

// checkInvariants verifies, from the result tables, properties every
// optimal solution of the reference formulation has.
func checkInvariants(t *testing.T, l *LP, sol *lp.Solution) {
	t.Helper()
	res, err := l.Results(sol)
	if err != nil {
		t.Fatal(err)
	}
	tol := func(v float64) float64 { return 1e-6 * math.Max(1, math.Abs(v)) }
	// The objective is the sum of TotalDiscountedCost.
	sum := 0.0
	tdc := res.Table("TotalDiscountedCost")
	for _, v := range tdc.Values {
		sum += v
	}
	if math.Abs(sum-sol.Objective) > tol(sol.Objective) {
		t.Errorf("sum of TotalDiscountedCost %.10g != objective %.10g", sum, sol.Objective)
	}
	// Production covers use plus demand in every timeslice for every fuel
	// that some technology produces (EBa11; free disposal allows more).
	type k4 struct{ r, l, f, y string }
	bal := map[k4]float64{}
	prod := res.Table("ProductionByTechnology")
	for i := range prod.Values {
		k := prod.Key(i) // REGION,TIMESLICE,TECHNOLOGY,FUEL,YEAR
		bal[k4{k[0], k[1], k[3], k[4]}] += prod.Values[i]
	}
	produced := map[k4]bool{}
	for k := range bal {
		produced[k] = true
	}
	use := res.Table("UseByTechnology")
	for i := range use.Values {
		k := use.Key(i)
		bal[k4{k[0], k[1], k[3], k[4]}] -= use.Values[i]
	}
	dem := res.Table("Demand")
	for i := range dem.Values {
		k := dem.Key(i) // REGION,TIMESLICE,FUEL,YEAR
		bal[k4{k[0], k[1], k[2], k[3]}] -= dem.Values[i]
	}
	bad := 0
	for k, v := range bal {
		if produced[k] && v < -1e-6*math.Max(1, math.Abs(v)) && res.Table("Trade").Len() == 0 {
			if bad < 5 {
				t.Errorf("fuel %s in %s %s: production - use - demand = %g < 0", k.f, k.l, k.y, v)
			}
			bad++
		}
	}
	// Emissions equal activity times emission ratios: AnnualEmissions is
	// the sum of AnnualTechnologyEmission.
	type k3 struct{ r, e, y string }
	em := map[k3]float64{}
	te := res.Table("AnnualTechnologyEmission")
	for i := range te.Values {
		k := te.Key(i)
		em[k3{k[0], k[2], k[3]}] += te.Values[i]
	}
	ae := res.Table("AnnualEmissions")
	for i := range ae.Values {
		k := ae.Key(i)
		if v := em[k3{k[0], k[1], k[2]}]; math.Abs(v-ae.Values[i]) > tol(v) {
			t.Errorf("AnnualEmissions%v = %g, sum over technologies %g", k, ae.Values[i], v)
		}
	}
	// Capacity is never below what activity needs: checked on the LP rows
	// (CAa4) by primal feasibility of the solution.
	p := l.Problem
	act := make([]float64, p.NumRows())
	for j := 0; j < p.NumCols(); j++ {
		for k := p.Start[j]; k < p.Start[j+1]; k++ {
			act[p.Index[k]] += p.Value[k] * sol.X[j]
		}
	}
	for i := range act {
		if act[i] < p.RowLower[i]-1e-6*math.Max(1, math.Abs(p.RowLower[i])) || act[i] > p.RowUpper[i]+1e-6*math.Max(1, math.Abs(p.RowUpper[i])) {
			t.Errorf("row %s: activity %g outside [%g, %g]", l.RowName(i), act[i], p.RowLower[i], p.RowUpper[i])
			break
		}
	}
}
