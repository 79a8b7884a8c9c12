package economy

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// Model is the Leontief quantity and price model of a validated [Table]:
// technical coefficients A = Z x̂⁻¹, the LU factors of I − A (the Leontief
// inverse L = (I − A)⁻¹ is never formed unless asked for), value added and
// employment per unit of output. A Model is read-only after [NewModel] and
// safe for concurrent use.
type Model struct {
	// Table is the table the model was built from (not copied; do not modify).
	Table *Table
	// A holds the n×n technical coefficients a_ij = z_ij / x_j.
	A *mat.Dense
	// Radius is the spectral radius of A (< 1 for a productive table).
	Radius float64
	// VAPerOutput is v_j = VA_j / x_j; JobsPerOutput e_j = Jobs_j / x_j
	// (nil without employment).
	VAPerOutput, JobsPerOutput []float64

	lu   mat.LU // of I − A
	luII *mat.LU
	n    int
}

// NewModel validates t (relative tolerance tol, see [Table.Validate]),
// computes A and its spectral radius, and factorises I − A. A table whose A
// has spectral radius ≥ 1 is rejected with [ErrNotProductive], naming the
// sectors whose input coefficients sum to 1 or more (or, if none does, the
// sector with the largest Perron-vector entry).
func NewModel(t *Table, tol float64) (*Model, error) {
	if err := t.Validate(tol); err != nil {
		return nil, err
	}
	n := t.N()
	m := &Model{Table: t, n: n, A: mat.NewDense(n, n, nil)}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			m.A.Set(i, j, t.Z[i*n+j]/t.X[j])
		}
	}
	var eig mat.Eigen
	if !eig.Factorize(m.A, mat.EigenRight) {
		return nil, errors.New("economy: eigenvalues of A did not converge")
	}
	vals := eig.Values(nil)
	best := 0
	for i, v := range vals {
		if a := cmplx.Abs(v); a > m.Radius {
			m.Radius, best = a, i
		}
	}
	if m.Radius >= 1-1e-12 {
		var errs []error
		for j := 0; j < n; j++ {
			s := 0.0
			for i := 0; i < n; i++ {
				s += m.A.At(i, j)
			}
			if s >= 1 {
				errs = append(errs, &SectorError{Sector: t.Sectors[j].Code, Name: t.Sectors[j].Name,
					Err: fmt.Errorf("%w: spectral radius of A is %.6g; inputs per unit of output sum to %.6g", ErrNotProductive, m.Radius, s)})
			}
		}
		if len(errs) == 0 {
			var vec mat.CDense
			eig.VectorsTo(&vec)
			k, big := 0, 0.0
			for i := 0; i < n; i++ {
				if a := cmplx.Abs(vec.At(i, best)); a > big {
					k, big = i, a
				}
			}
			errs = append(errs, &SectorError{Sector: t.Sectors[k].Code, Name: t.Sectors[k].Name,
				Err: fmt.Errorf("%w: spectral radius of A is %.6g (largest entry of the dominant eigenvector)", ErrNotProductive, m.Radius)})
		}
		return nil, errors.Join(errs...)
	}
	ia := identityMinus(m.A)
	m.lu.Factorize(ia)
	if c := m.lu.Cond(); math.IsInf(c, 0) || c > 1e14 {
		return nil, fmt.Errorf("economy: I − A is singular (condition %g)", c)
	}
	m.VAPerOutput = make([]float64, n)
	for j := 0; j < n; j++ {
		m.VAPerOutput[j] = t.VA[j] / t.X[j]
	}
	if t.Jobs != nil {
		m.JobsPerOutput = make([]float64, n)
		for j := 0; j < n; j++ {
			m.JobsPerOutput[j] = t.Jobs[j] / t.X[j]
		}
	}
	if t.Labour != nil && t.Household >= 0 {
		if err := m.closeHouseholds(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func identityMinus(a mat.Matrix) *mat.Dense {
	r, c := a.Dims()
	out := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := -a.At(i, j)
			if i == j {
				v++
			}
			out.Set(i, j, v)
		}
	}
	return out
}

// closeHouseholds builds the Type II model: A augmented with the household
// row h_j = Labour_j / x_j and column c_i = HH_i / Σ Labour.
func (m *Model) closeHouseholds() error {
	t, n := m.Table, m.n
	k := len(t.Final)
	inc := 0.0
	for _, l := range t.Labour {
		inc += l
	}
	if !(inc > 0) {
		return errors.New("economy: household income row sums to zero; Type II needs a positive HH row")
	}
	ab := mat.NewDense(n+1, n+1, nil)
	ab.Slice(0, n, 0, n).(*mat.Dense).Copy(m.A)
	for j := 0; j < n; j++ {
		ab.Set(n, j, t.Labour[j]/t.X[j])
		ab.Set(j, n, t.F[j*k+t.Household]/inc)
	}
	m.luII = new(mat.LU)
	m.luII.Factorize(identityMinus(ab))
	if c := m.luII.Cond(); math.IsInf(c, 0) || c > 1e14 {
		return fmt.Errorf("economy: Type II (household-closed) I − Ā is singular (condition %g)", c)
	}
	return nil
}

// N returns the number of sectors.
func (m *Model) N() int { return m.n }

// Leontief returns the Leontief inverse L = (I − A)⁻¹ as a new matrix (for
// display and tests; the impact methods solve with the LU factors instead).
func (m *Model) Leontief() *mat.Dense {
	l := mat.NewDense(m.n, m.n, nil)
	id := mat.NewDiagDense(m.n, nil)
	for i := 0; i < m.n; i++ {
		id.SetDiag(i, 1)
	}
	if err := m.lu.SolveTo(l, false, id); err != nil {
		// The factorisation was checked in NewModel.
		panic(fmt.Sprintf("economy: Leontief: %v", err))
	}
	return l
}

// Multipliers are per unit of final demand for each sector's output
// (Miller & Blair 2009, ch. 6). Simple multipliers use L; Type II ones the
// household-closed inverse L̄ (only its production rows), nil when the table
// has no household row and column.
type Multipliers struct {
	// Output_j = Σ_i L_ij (money of output per money of final demand).
	Output []float64
	// ValueAdded_j = Σ_i v_i L_ij (money of GDP per money of final demand).
	ValueAdded []float64
	// Jobs_j = Σ_i e_i L_ij (JobsUnit per money unit); nil without employment.
	Jobs []float64
	// ValueAddedTypeI_j = ValueAdded_j / v_j and JobsTypeI_j = Jobs_j / e_j:
	// economy-wide effect per unit of the direct effect.
	ValueAddedTypeI, JobsTypeI []float64
	// OutputII, ValueAddedII, JobsII are the Type II (household-induced)
	// counterparts of Output, ValueAdded and Jobs.
	OutputII, ValueAddedII, JobsII []float64
}

// Multipliers computes the multipliers. Each is a row vector w'L, found by
// solving (I − A)ᵀ y = w.
func (m *Model) Multipliers() Multipliers {
	n := m.n
	ones := make([]float64, n)
	for i := range ones {
		ones[i] = 1
	}
	var out Multipliers
	out.Output = m.rowTimesL(ones)
	out.ValueAdded = m.rowTimesL(m.VAPerOutput)
	out.ValueAddedTypeI = ratio(out.ValueAdded, m.VAPerOutput)
	if m.JobsPerOutput != nil {
		out.Jobs = m.rowTimesL(m.JobsPerOutput)
		out.JobsTypeI = ratio(out.Jobs, m.JobsPerOutput)
	}
	if m.luII != nil {
		solveII := func(w []float64) []float64 {
			b := mat.NewVecDense(n+1, append(append([]float64(nil), w...), 0))
			var y mat.VecDense
			if err := m.luII.SolveVecTo(&y, true, b); err != nil {
				panic(fmt.Sprintf("economy: Type II: %v", err))
			}
			return append([]float64(nil), y.RawVector().Data[:n]...)
		}
		out.OutputII = solveII(ones)
		out.ValueAddedII = solveII(m.VAPerOutput)
		if m.JobsPerOutput != nil {
			out.JobsII = solveII(m.JobsPerOutput)
		}
	}
	return out
}

func ratio(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		if b[i] != 0 {
			out[i] = a[i] / b[i]
		}
	}
	return out
}

// rowTimesL returns w'L by solving (I − A)ᵀ y = w.
func (m *Model) rowTimesL(w []float64) []float64 {
	var y mat.VecDense
	if err := m.lu.SolveVecTo(&y, true, mat.NewVecDense(m.n, append([]float64(nil), w...))); err != nil {
		panic(fmt.Sprintf("economy: %v", err))
	}
	return append([]float64(nil), y.RawVector().Data...)
}

// Effects are the changes caused by a change in final demand, one column per
// period: Output = L ΔF, ValueAdded = v̂ Output, Jobs = ê Output (nil without
// employment). Each is n × periods.
type Effects struct {
	Output, ValueAdded, Jobs *mat.Dense
}

// Effects returns the quantity-model response to df (n × periods: change in
// final demand for each sector's local output). It solves (I − A) ΔX = ΔF
// with the LU factors once for all periods.
func (m *Model) Effects(df *mat.Dense) (Effects, error) {
	r, c := df.Dims()
	if r != m.n {
		return Effects{}, fmt.Errorf("economy: final-demand change has %d rows, the table %d sectors", r, m.n)
	}
	var e Effects
	e.Output = mat.NewDense(r, c, nil)
	if err := m.lu.SolveTo(e.Output, false, df); err != nil {
		return Effects{}, fmt.Errorf("economy: Leontief solve: %w", err)
	}
	e.ValueAdded = mat.NewDense(r, c, nil)
	e.ValueAdded.Apply(func(i, _ int, v float64) float64 { return m.VAPerOutput[i] * v }, e.Output)
	if m.JobsPerOutput != nil {
		e.Jobs = mat.NewDense(r, c, nil)
		e.Jobs.Apply(func(i, _ int, v float64) float64 { return m.JobsPerOutput[i] * v }, e.Output)
	}
	return e, nil
}

// EffectsTypeII is [Model.Effects] with households endogenous (Type II):
// it solves (I − Ā) [ΔX; ΔH] = [ΔF; 0] with the household-closed matrix,
// so output includes the consumption induced by the extra household
// income. It fails when the table has no household row and column.
func (m *Model) EffectsTypeII(df *mat.Dense) (Effects, error) {
	if m.luII == nil {
		return Effects{}, errors.New("economy: Type II effects need a household row (HH) and household consumption column (HH)")
	}
	r, c := df.Dims()
	if r != m.n {
		return Effects{}, fmt.Errorf("economy: final-demand change has %d rows, the table %d sectors", r, m.n)
	}
	b := mat.NewDense(r+1, c, nil)
	b.Slice(0, r, 0, c).(*mat.Dense).Copy(df)
	var x mat.Dense
	if err := m.luII.SolveTo(&x, false, b); err != nil {
		return Effects{}, fmt.Errorf("economy: Type II solve: %w", err)
	}
	var e Effects
	e.Output = mat.DenseCopyOf(x.Slice(0, r, 0, c))
	e.ValueAdded = mat.NewDense(r, c, nil)
	e.ValueAdded.Apply(func(i, _ int, v float64) float64 { return m.VAPerOutput[i] * v }, e.Output)
	if m.JobsPerOutput != nil {
		e.Jobs = mat.NewDense(r, c, nil)
		e.Jobs.Apply(func(i, _ int, v float64) float64 { return m.JobsPerOutput[i] * v }, e.Output)
	}
	return e, nil
}

// Prices returns the Leontief price model's response Δp' = Δc' L to a change
// in unit costs Δc (value added or other primary inputs per unit of output,
// in relative terms when prices are indices of 1): it solves (I − A)ᵀ Δp = Δc.
func (m *Model) Prices(dc []float64) ([]float64, error) {
	if len(dc) != m.n {
		return nil, fmt.Errorf("economy: cost change has %d entries, the table %d sectors", len(dc), m.n)
	}
	return m.rowTimesL(dc), nil
}

// CostPush is the Leontief price model with the prices of some sectors set
// from outside (e.g. energy tariffs): for the other sectors N,
//
//	Δp_N' = Δp_E' A_EN (I − A_NN)⁻¹
//
// so a relative price change of an exogenous sector passes through every
// chain of purchases to the others (Miller & Blair 2009, §2.6).
type CostPush struct {
	exog, endo []int
	aEN        *mat.Dense
	lu         mat.LU // of (I − A_NN)
}

// CostPush prepares the cost-push price model with the sectors at positions
// exog (indices into the table) as exogenous.
func (m *Model) CostPush(exog []int) (*CostPush, error) {
	isExog := make([]bool, m.n)
	for _, e := range exog {
		if e < 0 || e >= m.n {
			return nil, fmt.Errorf("economy: cost push: sector index %d out of range", e)
		}
		isExog[e] = true
	}
	cp := &CostPush{exog: append([]int(nil), exog...)}
	for i := 0; i < m.n; i++ {
		if !isExog[i] {
			cp.endo = append(cp.endo, i)
		}
	}
	ne, nn := len(cp.exog), len(cp.endo)
	if nn == 0 {
		return cp, nil
	}
	cp.aEN = mat.NewDense(max(ne, 1), nn, nil)
	ann := mat.NewDense(nn, nn, nil)
	for a, i := range cp.exog {
		for b, j := range cp.endo {
			cp.aEN.Set(a, b, m.A.At(i, j))
		}
	}
	for a, i := range cp.endo {
		for b, j := range cp.endo {
			ann.Set(a, b, m.A.At(i, j))
		}
	}
	cp.lu.Factorize(identityMinus(ann))
	return cp, nil
}

// Solve writes into dst (length n, every sector) the relative price change
// of each endogenous sector caused by the relative changes dpE of the
// exogenous ones (in the order given to [Model.CostPush]); dst at an
// exogenous sector is its given change.
func (cp *CostPush) Solve(dst, dpE []float64) error {
	if len(dpE) != len(cp.exog) {
		return fmt.Errorf("economy: cost push: %d price changes for %d exogenous sectors", len(dpE), len(cp.exog))
	}
	for a, i := range cp.exog {
		dst[i] = dpE[a]
	}
	nn := len(cp.endo)
	if nn == 0 || len(cp.exog) == 0 {
		for _, j := range cp.endo {
			dst[j] = 0
		}
		return nil
	}
	// b = A_ENᵀ Δp_E; solve (I − A_NN)ᵀ y = b.
	b := make([]float64, nn)
	for a := range cp.exog {
		for k := 0; k < nn; k++ {
			b[k] += cp.aEN.At(a, k) * dpE[a]
		}
	}
	var y mat.VecDense
	if err := cp.lu.SolveVecTo(&y, true, mat.NewVecDense(nn, b)); err != nil {
		return fmt.Errorf("economy: cost push: %w", err)
	}
	for k, j := range cp.endo {
		dst[j] = y.AtVec(k)
	}
	return nil
}
