package economy

import (
	"errors"
	"fmt"
	"math"
)

// ErrRASNotConverged is returned when RAS balancing does not meet both
// margins within the iteration limit.
var ErrRASNotConverged = errors.New("economy: RAS did not converge")

// RAS scales the non-negative r×c matrix z0 (row-major) biproportionally,
// z_ij = ρ_i z0_ij σ_j, until its row sums equal u and its column sums
// equal v, each to the relative tolerance tol (of the margin's largest
// entry; 1e-12 when tol ≤ 0). It returns the balanced matrix (a new slice)
// and the number of iterations (one row and one column scaling each).
// Σu must equal Σv; a row or column with positive target but no positive
// entry cannot be balanced. Miller & Blair (2009), §7.4.
func RAS(z0 []float64, r, c int, u, v []float64, tol float64, maxIter int) ([]float64, int, error) {
	if len(z0) != r*c || len(u) != r || len(v) != c {
		return nil, 0, fmt.Errorf("economy: RAS: %d×%d matrix with %d entries, %d row and %d column targets", r, c, len(z0), len(u), len(v))
	}
	if tol <= 0 {
		tol = 1e-12
	}
	if maxIter <= 0 {
		maxIter = 10000
	}
	su, sv, scale := 0.0, 0.0, 0.0
	for i, x := range u {
		if x < 0 || math.IsNaN(x) {
			return nil, 0, fmt.Errorf("economy: RAS: row target %d is %g", i, x)
		}
		su += x
		scale = math.Max(scale, x)
	}
	for j, x := range v {
		if x < 0 || math.IsNaN(x) {
			return nil, 0, fmt.Errorf("economy: RAS: column target %d is %g", j, x)
		}
		sv += x
		scale = math.Max(scale, x)
	}
	if math.Abs(su-sv) > 1e-9*math.Max(su, sv) {
		return nil, 0, fmt.Errorf("economy: RAS: row targets sum to %g but column targets to %g", su, sv)
	}
	z := append([]float64(nil), z0...)
	rs := make([]float64, r)
	cs := make([]float64, c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			x := z[i*c+j]
			if x < 0 || math.IsNaN(x) {
				return nil, 0, fmt.Errorf("economy: RAS: entry (%d,%d) is %g", i, j, x)
			}
			rs[i] += x
			cs[j] += x
		}
	}
	for i := range rs {
		if rs[i] == 0 && u[i] > 0 {
			return nil, 0, fmt.Errorf("economy: RAS: row %d has target %g but no positive entry", i, u[i])
		}
	}
	for j := range cs {
		if cs[j] == 0 && v[j] > 0 {
			return nil, 0, fmt.Errorf("economy: RAS: column %d has target %g but no positive entry", j, v[j])
		}
	}
	lim := tol * scale
	for it := 1; it <= maxIter; it++ {
		// Row step.
		for i := 0; i < r; i++ {
			s := 0.0
			row := z[i*c : (i+1)*c]
			for _, x := range row {
				s += x
			}
			if s > 0 {
				f := u[i] / s
				for j := range row {
					row[j] *= f
				}
			}
		}
		// Column step, then measure both margins.
		for j := range cs {
			cs[j] = 0
		}
		for i := 0; i < r; i++ {
			row := z[i*c : (i+1)*c]
			for j, x := range row {
				cs[j] += x
			}
		}
		for j := range cs {
			if cs[j] > 0 {
				cs[j] = v[j] / cs[j]
			} else {
				cs[j] = 1
			}
		}
		worst := 0.0
		for i := 0; i < r; i++ {
			row := z[i*c : (i+1)*c]
			s := 0.0
			for j := range row {
				row[j] *= cs[j]
				s += row[j]
			}
			worst = math.Max(worst, math.Abs(s-u[i]))
		}
		if worst <= lim {
			return z, it, nil
		}
	}
	return z, maxIter, fmt.Errorf("%w in %d iterations", ErrRASNotConverged, maxIter)
}
