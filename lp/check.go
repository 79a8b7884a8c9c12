package lp

import (
	"errors"
	"fmt"
	"math"
)

// maxCheckErrors caps the errors CheckOptimality collects.
const maxCheckErrors = 50

// CheckOptimality verifies, from p's data and s's values alone, that s is
// an optimal primal-dual pair of p to tolerance tol (absolute, scaled by
// 1 + |bound| or 1 + |objective| where a magnitude is involved):
//
//   - primal feasibility: ColLower <= X <= ColUpper, and RowLower <= A X <=
//     RowUpper with A X recomputed from the matrix (RowActivity must match
//     it);
//   - reduced costs: ReducedCost = c - A'Dual;
//   - dual feasibility: in minimisation terms (signs flipped for Maximize)
//     a positive reduced cost or row dual needs a finite lower bound and a
//     negative one a finite upper bound;
//   - complementary slackness: a reduced cost or dual beyond tol only at
//     the bound it prices;
//   - strong duality: c'X equals the dual objective
//     sum(Dual_i * active row bound) + sum(ReducedCost_j * active column
//     bound), and Objective equals c'X + ObjOffset.
//
// It returns an [ErrorList] naming each failed condition with the column
// or row index and name (at most 50), or nil.
func CheckOptimality(p *Problem, s *Solution, tol float64) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("lp: check: %w", err)
	}
	n, m := p.NumCols(), p.NumRows()
	if s == nil || len(s.X) != n || len(s.RowActivity) != m || len(s.Dual) != m || len(s.ReducedCost) != n {
		if s == nil {
			return errors.New("lp: check: nil solution")
		}
		return fmt.Errorf("lp: check: solution has %d x, %d row activities, %d duals, %d reduced costs; problem has %d columns and %d rows",
			len(s.X), len(s.RowActivity), len(s.Dual), len(s.ReducedCost), n, m)
	}
	var errs ErrorList
	add := func(format string, a ...any) {
		if len(errs) < maxCheckErrors {
			errs = append(errs, fmt.Errorf(format, a...))
		}
	}
	sgn := 1.0
	if p.Sense == Maximize {
		sgn = -1
	}
	// A x and A'y.
	ax := make([]float64, m)
	aty := make([]float64, n)
	for j := 0; j < n; j++ {
		xj := s.X[j]
		var t float64
		for k := p.Start[j]; k < p.Start[j+1]; k++ {
			i, v := p.Index[k], p.Value[k]
			ax[i] += v * xj
			t += v * s.Dual[i]
		}
		aty[j] = t
	}
	var primal, dual float64
	for j := 0; j < n; j++ {
		x, lo, hi := s.X[j], p.ColLower[j], p.ColUpper[j]
		if math.IsNaN(x) || x < lo-tol*(1+math.Abs(lo)) || x > hi+tol*(1+math.Abs(hi)) {
			add("lp: check: primal feasibility: column %d (%s): x = %g outside [%g, %g]", j, p.Col(j), x, lo, hi)
		}
		d := s.ReducedCost[j]
		if want := p.Obj[j] - aty[j]; math.Abs(d-want) > tol*(1+math.Abs(p.Obj[j])) {
			add("lp: check: reduced cost: column %d (%s): %g, but c - A'y = %g", j, p.Col(j), d, want)
		}
		primal += p.Obj[j] * x
		dual += activeTerm(sgn*d, lo, hi, x) * sgn
		if e := priceError(sgn*d, lo, hi, x, tol); e != "" {
			add("lp: check: %s: column %d (%s): reduced cost %g, x = %g, bounds [%g, %g]", e, j, p.Col(j), d, x, lo, hi)
		}
	}
	for i := 0; i < m; i++ {
		r, lo, hi := ax[i], p.RowLower[i], p.RowUpper[i]
		if math.Abs(r-s.RowActivity[i]) > tol*(1+math.Abs(r)) {
			add("lp: check: row activity: row %d (%s): reported %g, A x = %g", i, p.Row(i), s.RowActivity[i], r)
		}
		if math.IsNaN(r) || r < lo-tol*(1+math.Abs(lo)) || r > hi+tol*(1+math.Abs(hi)) {
			add("lp: check: primal feasibility: row %d (%s): A x = %g outside [%g, %g]", i, p.Row(i), r, lo, hi)
		}
		y := s.Dual[i]
		dual += activeTerm(sgn*y, lo, hi, r) * sgn
		if e := priceError(sgn*y, lo, hi, r, tol); e != "" {
			add("lp: check: %s: row %d (%s): dual %g, A x = %g, bounds [%g, %g]", e, i, p.Row(i), y, r, lo, hi)
		}
	}
	if math.Abs(primal-dual) > tol*(1+math.Abs(primal)) {
		add("lp: check: strong duality: primal objective c'x = %.12g, dual objective = %.12g (gap %g)", primal, dual, primal-dual)
	}
	if obj := primal + p.ObjOffset; math.Abs(obj-s.Objective) > tol*(1+math.Abs(obj)) {
		add("lp: check: objective: reported %.12g, c'x + offset = %.12g", s.Objective, obj)
	}
	return errs.Err()
}

// activeTerm returns the dual objective's term for a price d (in
// minimisation sign) on a variable with value v and bounds [lo, hi]: d
// times the bound it prices, or d*v when d is zero-ish or the bound is
// infinite (reported separately by priceError).
func activeTerm(d, lo, hi, v float64) float64 {
	switch {
	case d > 0 && !math.IsInf(lo, 0):
		return d * lo
	case d < 0 && !math.IsInf(hi, 0):
		return d * hi
	}
	return d * v
}

// priceError checks dual feasibility and complementary slackness of price
// d (minimisation sign) for a variable with value v in [lo, hi].
func priceError(d, lo, hi, v, tol float64) string {
	switch {
	case math.IsNaN(d):
		return "dual feasibility"
	case d > tol && math.IsInf(lo, -1):
		return "dual feasibility (positive price, no lower bound)"
	case d < -tol && math.IsInf(hi, 1):
		return "dual feasibility (negative price, no upper bound)"
	case d > tol && v-lo > tol*(1+math.Abs(lo)):
		return "complementary slackness (positive price, not at lower bound)"
	case d < -tol && hi-v > tol*(1+math.Abs(hi)):
		return "complementary slackness (negative price, not at upper bound)"
	}
	return ""
}

// CheckFarkas verifies that y (one value per row) proves p infeasible: with
// z = A'y, the largest value of z'x over the column bounds is below the
// smallest value of y'r over the row bounds (or, for -y, the mirror),
// so no x within its bounds has A x within the row bounds. tol is relative
// to the largest |y_i|. It returns nil when the certificate holds.
func CheckFarkas(p *Problem, y []float64, tol float64) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("lp: check Farkas: %w", err)
	}
	if len(y) != p.NumRows() {
		return fmt.Errorf("lp: check Farkas: ray has %d entries, problem has %d rows", len(y), p.NumRows())
	}
	scale := 0.0
	for _, v := range y {
		scale = math.Max(scale, math.Abs(v))
	}
	if scale == 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
		return fmt.Errorf("lp: check Farkas: ray is zero or not finite (max |y| = %g)", scale)
	}
	n := p.NumCols()
	z := make([]float64, n)
	for j := 0; j < n; j++ {
		for k := p.Start[j]; k < p.Start[j+1]; k++ {
			z[j] += p.Value[k] * y[p.Index[k]] / scale
		}
	}
	// sup and inf of z'x over the box; sup and inf of (y/scale)'r over the
	// row box.
	var colSup, colInf, rowSup, rowInf float64
	for j, zj := range z {
		if math.Abs(zj) <= tol {
			continue
		}
		lo, hi := p.ColLower[j], p.ColUpper[j]
		if zj > 0 {
			colSup += zj * hi
			colInf += zj * lo
		} else {
			colSup += zj * lo
			colInf += zj * hi
		}
	}
	for i, v := range y {
		yi := v / scale
		if math.Abs(yi) <= tol {
			continue
		}
		lo, hi := p.RowLower[i], p.RowUpper[i]
		if yi > 0 {
			rowSup += yi * hi
			rowInf += yi * lo
		} else {
			rowSup += yi * lo
			rowInf += yi * hi
		}
	}
	// y'Ax = y'r for a feasible point, so [colInf, colSup] and [rowInf,
	// rowSup] must overlap; a gap proves infeasibility.
	if colSup < rowInf-tol || colInf > rowSup+tol {
		return nil
	}
	return fmt.Errorf("lp: check Farkas: ray proves nothing: z'x ranges over [%g, %g] and y'r over [%g, %g]", colInf, colSup, rowInf, rowSup)
}
