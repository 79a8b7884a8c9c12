package economy

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func loadModel(t *testing.T, path string) *Model {
	t.Helper()
	tab, err := ReadTableFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewModel(tab, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestMillerBlair checks A, L and the output multipliers of Miller & Blair's
// chapter 2 example against the figures printed in the book (4 decimals).
func TestMillerBlair(t *testing.T) {
	m := loadModel(t, "testdata/millerblair.csv")
	wantA := [][]float64{{.15, .25}, {.2, .05}}
	wantL := [][]float64{{1.2541, .3300}, {.2640, 1.1221}}
	l := m.Leontief()
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			if !near(m.A.At(i, j), wantA[i][j], 1e-12) {
				t.Errorf("A[%d][%d] = %g, want %g", i, j, m.A.At(i, j), wantA[i][j])
			}
			if !near(l.At(i, j), wantL[i][j], 5e-5) {
				t.Errorf("L[%d][%d] = %.5f, want %.4f", i, j, l.At(i, j), wantL[i][j])
			}
		}
	}
	mu := m.Multipliers()
	// The book sums the rounded entries of L (1.2541 + .2640 = 1.5181; the
	// exact value is 1.15/0.7575 = 1.518152), hence the 1e-4 tolerance.
	for j, w := range []float64{1.5181, 1.4521} {
		if !near(mu.Output[j], w, 1e-4) {
			t.Errorf("output multiplier %d = %.5f, want %.4f", j+1, mu.Output[j], w)
		}
	}
	// No imports: every unit of final demand ends up as value added.
	for j, v := range mu.ValueAdded {
		if !near(v, 1, 1e-12) {
			t.Errorf("value-added multiplier %d = %g, want 1 (no imports)", j+1, v)
		}
	}
	// Jobs multiplier: e'L with e = (50/1000, 40/2000).
	e := []float64{0.05, 0.02}
	for j := 0; j < 2; j++ {
		w := e[0]*l.At(0, j) + e[1]*l.At(1, j)
		if !near(mu.Jobs[j], w, 1e-12) {
			t.Errorf("jobs multiplier %d = %g, want %g", j+1, mu.Jobs[j], w)
		}
	}
	if mu.OutputII != nil {
		t.Error("Type II multipliers without a household row")
	}
	// The table's own final demand reproduces its output: L f = x.
	eff, err := m.Effects(mat.NewDense(2, 1, []float64{350, 1700}))
	if err != nil {
		t.Fatal(err)
	}
	if !near(eff.Output.At(0, 0), 1000, 1e-9) || !near(eff.Output.At(1, 0), 2000, 1e-9) {
		t.Errorf("L f = %v, want [1000 2000]", mat.Formatted(eff.Output))
	}
}

// TestTypeII checks the household-closed model on a hand-computed one-sector
// example and, for Miller & Blair's table with a household row and column
// added, against the partitioned inverse (I − A − c hᵀ)⁻¹.
func TestTypeII(t *testing.T) {
	m := loadModel(t, "testdata/typeii_one.csv")
	mu := m.Multipliers()
	if !near(mu.Output[0], 1.25, 1e-12) || !near(mu.OutputII[0], 2, 1e-12) {
		t.Errorf("one sector: Type I %g, Type II %g; want 1.25, 2", mu.Output[0], mu.OutputII[0])
	}
	// Value added per unit output 0.8: Type II VA multiplier 0.8 × 2.
	if !near(mu.ValueAddedII[0], 1.6, 1e-12) {
		t.Errorf("Type II value-added multiplier %g, want 1.6", mu.ValueAddedII[0])
	}

	src := `# unit: $ million
SECTOR,NAME,1,2,HH,OTHER,X
1,S1,150,500,200,150,1000
2,S2,200,100,900,800,2000
VA,Value added,650,1400,,,
HH,Household income,400,700,,,
`
	tab, err := ReadTable(strings.NewReader(src), "inline")
	if err != nil {
		t.Fatal(err)
	}
	m2, err := NewModel(tab, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	mu2 := m2.Multipliers()
	h := []float64{0.4, 0.35}
	c := []float64{200.0 / 1100, 900.0 / 1100}
	b := mat.NewDense(2, 2, nil)
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			v := -m2.A.At(i, j) - c[i]*h[j]
			if i == j {
				v++
			}
			b.Set(i, j, v)
		}
	}
	var inv mat.Dense
	if err := inv.Inverse(b); err != nil {
		t.Fatal(err)
	}
	// Type II effects of a unit of final demand for sector 1 are column 1
	// of the partitioned inverse.
	eff, err := m2.EffectsTypeII(mat.NewDense(2, 1, []float64{1, 0}))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if !near(eff.Output.At(i, 0), inv.At(i, 0), 1e-12) {
			t.Errorf("Type II Δx[%d] = %g, want %g", i, eff.Output.At(i, 0), inv.At(i, 0))
		}
	}
	if _, err := loadModel(t, "testdata/millerblair.csv").EffectsTypeII(mat.NewDense(2, 1, nil)); err == nil {
		t.Error("Type II effects without a household row")
	}
	for j := 0; j < 2; j++ {
		w := inv.At(0, j) + inv.At(1, j)
		if !near(mu2.OutputII[j], w, 1e-10) {
			t.Errorf("Type II output multiplier %d = %g, want %g", j+1, mu2.OutputII[j], w)
		}
		if mu2.OutputII[j] <= mu2.Output[j] {
			t.Errorf("Type II multiplier %d (%g) not above Type I (%g)", j+1, mu2.OutputII[j], mu2.Output[j])
		}
	}
}

// TestValueAddedEqualsGDP: with no imports, ΣΔva = ΣΔf for any change in
// final demand (v'L = 1'), on a random balanced table.
func TestValueAddedEqualsGDP(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 12
	tab := randomTable(rng, n, false)
	m, err := NewModel(tab, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	const periods = 5
	df := mat.NewDense(n, periods, nil)
	for i := 0; i < n; i++ {
		for p := 0; p < periods; p++ {
			df.Set(i, p, rng.Float64()*200-100)
		}
	}
	eff, err := m.Effects(df)
	if err != nil {
		t.Fatal(err)
	}
	for p := 0; p < periods; p++ {
		sf, sva := 0.0, 0.0
		for i := 0; i < n; i++ {
			sf += df.At(i, p)
			sva += eff.ValueAdded.At(i, p)
		}
		if !near(sva, sf, 1e-9*math.Max(1, math.Abs(sf))) {
			t.Errorf("period %d: ΣΔva = %.12g, ΣΔf = %.12g", p, sva, sf)
		}
	}
	// With imports the identity fails: value added leaks.
	tabM := randomTable(rng, n, true)
	mm, err := NewModel(tabM, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	for j, v := range mm.Multipliers().ValueAdded {
		if v >= 1 {
			t.Errorf("with imports, value-added multiplier %d = %g, want < 1", j, v)
		}
	}
}

// randomTable builds a balanced random table: Z positive, value added (and
// imports) the column residual, final demand the row residual.
func randomTable(rng *rand.Rand, n int, imports bool) *Table {
	t := &Table{Household: -1, Final: []string{"FD"}, Unit: "money"}
	t.Z = make([]float64, n*n)
	t.F = make([]float64, n)
	t.X = make([]float64, n)
	t.VA = make([]float64, n)
	if imports {
		t.Imports = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		t.Sectors = append(t.Sectors, Sector{Code: string(rune('A' + i))})
		t.X[i] = 500 + 1000*rng.Float64()
	}
	for j := 0; j < n; j++ {
		// Inputs take 20–60% of output, split at random over the sectors.
		share := 0.2 + 0.4*rng.Float64()
		w := make([]float64, n)
		s := 0.0
		for i := range w {
			w[i] = rng.Float64()
			s += w[i]
		}
		col := 0.0
		for i := 0; i < n; i++ {
			t.Z[i*n+j] = share * t.X[j] * w[i] / s * 0.5 // at most 30% to keep rows feasible
			col += t.Z[i*n+j]
		}
		t.VA[j] = t.X[j] - col
		if imports {
			t.Imports[j] = 0.1 * t.X[j]
			t.VA[j] -= t.Imports[j]
		}
	}
	for i := 0; i < n; i++ {
		row := 0.0
		for j := 0; j < n; j++ {
			row += t.Z[i*n+j]
		}
		t.F[i] = t.X[i] - row
	}
	return t
}

// TestInvalidTables: each broken table is rejected with the sector named.
func TestInvalidTables(t *testing.T) {
	tests := []struct {
		name, src string
		want      error
		sector    string
	}{
		{"row imbalance", `SECTOR,NAME,1,2,FD,X
1,S1,150,500,350,1000
2,S2,200,100,1600,2000
VA,,650,1400,,
`, ErrImbalance, `"2"`},
		{"column imbalance", `SECTOR,NAME,1,2,FD,X
1,S1,150,500,350,1000
2,S2,200,100,1700,2000
VA,,650,1300,,
`, ErrImbalance, `"2"`},
		{"negative flow", `SECTOR,NAME,a,b,FD,X
a,S1,150,-500,1350,1000
b,S2,200,100,1700,2000
VA,,650,2400,,
`, ErrNegative, `"a"`},
		{"zero output", `SECTOR,NAME,a,b,FD,X
a,S1,0,0,0,0
b,S2,0,100,1900,2000
VA,,0,1900,,
`, ErrNegative, `"a"`},
		// Balanced with negative value added in sector b: inputs cost 1.25
		// per unit of output, spectral radius > 1.
		{"not productive", `SECTOR,NAME,a,b,FD,X
a,S1,100,1500,-600,1000
b,S2,400,1000,-400,1000
VA,,500,-1500,,
`, ErrNotProductive, `"b"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := ReadTable(strings.NewReader(tc.src), tc.name)
			if err != nil {
				t.Fatal(err)
			}
			_, err = NewModel(tab, 1e-9)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var se *SectorError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), "sector "+tc.sector) {
				t.Errorf("err = %v, want it to name sector %s", err, tc.sector)
			}
		})
	}
}

// TestReadTableErrors: malformed files give positioned errors.
func TestReadTableErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"bad number", "SECTOR,NAME,1,FD,X\n1,a,x,1,2\nVA,,1,,\n", "t.csv:2:3: 1:"},
		{"order", "SECTOR,NAME,1,2,FD,X\n2,a,1,1,1,3\n1,b,1,1,1,3\nVA,,1,1,,\n", "t.csv:2: 2:"},
		{"no VA", "SECTOR,NAME,1,FD,X\n1,a,1,1,2\n", "no VA"},
		{"unknown row", "SECTOR,NAME,1,FD,X\n1,a,1,1,2\nVA,,1,,\nFOO,,1,,\n", "t.csv:4: FOO:"},
		{"X not last", "SECTOR,NAME,1,X,FD\n1,a,1,2,1\nVA,,1,,\n", "last column must be X"},
		{"bad proxy", "# proxy: maybe\nSECTOR,NAME,1,FD,X\n1,a,1,1,2\nVA,,1,,\n", "t.csv:1: proxy:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadTable(strings.NewReader(tc.src), "t.csv")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestRAS balances a random positive matrix to both margins.
func TestRAS(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const r, c = 30, 25
	z0 := make([]float64, r*c)
	for i := range z0 {
		z0[i] = 0.01 + rng.Float64()
	}
	u := make([]float64, r)
	v := make([]float64, c)
	su, sv := 0.0, 0.0
	for i := range u {
		u[i] = 1 + 10*rng.Float64()
		su += u[i]
	}
	for j := range v {
		v[j] = 1 + 10*rng.Float64()
		sv += v[j]
	}
	for j := range v {
		v[j] *= su / sv
	}
	z, iters, err := RAS(z0, r, c, u, v, 1e-12, 0)
	if err != nil {
		t.Fatal(err)
	}
	if iters < 2 {
		t.Errorf("converged in %d iterations; the start should not already balance", iters)
	}
	for i := 0; i < r; i++ {
		s := 0.0
		for j := 0; j < c; j++ {
			s += z[i*c+j]
		}
		if !near(s, u[i], 1e-9) {
			t.Errorf("row %d sums to %.12g, want %.12g", i, s, u[i])
		}
	}
	for j := 0; j < c; j++ {
		s := 0.0
		for i := 0; i < r; i++ {
			s += z[i*c+j]
		}
		if !near(s, v[j], 1e-9) {
			t.Errorf("column %d sums to %.12g, want %.12g", j, s, v[j])
		}
	}
	// Biproportional: z_ij / z0_ij = ρ_i σ_j, so the cross ratio is 1.
	for i := 1; i < r; i++ {
		for j := 1; j < c; j++ {
			k := (z[i*c+j] / z0[i*c+j]) * (z[0] / z0[0]) / ((z[i*c] / z0[i*c]) * (z[j] / z0[j]))
			if !near(k, 1, 1e-9) {
				t.Fatalf("cell (%d,%d) not biproportional: cross ratio %g", i, j, k)
			}
		}
	}
	if _, _, err := RAS(z0, r, c, u, append([]float64{100}, v[1:]...), 0, 0); err == nil {
		t.Error("unequal margin totals accepted")
	}
}

// TestCostPush: with one exogenous sector, the price change equals the
// closed-form two-sector answer Δp2 = a12 Δp1 / (1 − a22).
func TestCostPush(t *testing.T) {
	m := loadModel(t, "testdata/millerblair.csv")
	cp, err := m.CostPush([]int{0})
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]float64, 2)
	if err := cp.Solve(dst, []float64{0.1}); err != nil {
		t.Fatal(err)
	}
	want := 0.25 * 0.1 / (1 - 0.05)
	if dst[0] != 0.1 || !near(dst[1], want, 1e-15) {
		t.Errorf("Δp = %v, want [0.1 %g]", dst, want)
	}
	// Price model: a uniform unit-cost rise of v (value added) gives p = 1.
	dp, err := m.Prices(m.VAPerOutput)
	if err != nil {
		t.Fatal(err)
	}
	for j, p := range dp {
		if !near(p, 1, 1e-12) {
			t.Errorf("price %d = %g, want 1 (v'L = 1' without imports)", j, p)
		}
	}
}
