package lp

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var inf = math.Inf(1)

// sample has every feature the writer emits: ranged, equality, <=, >= and
// free rows; fixed, free, negative-lower, upper-only and boxed columns; an
// objective offset; maximisation; an empty column.
func sample(t testing.TB) *Problem {
	var b Builder
	x := b.AddCol(0, 10, 1.5)
	y := b.AddCol(-inf, inf, -2)
	z := b.AddCol(3, 3, 0)
	w := b.AddCol(-4, inf, 0.25)
	v := b.AddCol(-inf, -1, 0)
	b.AddCol(0, inf, 0) // empty column
	b.StartRow(1, 4)
	b.Add(x, 1)
	b.Add(y, 1)
	b.StartRow(2, 2)
	b.Add(y, 3)
	b.Add(z, -1)
	b.StartRow(-inf, 7.5)
	b.Add(w, 1e-3)
	b.Add(x, 2)
	b.StartRow(-1, inf)
	b.Add(v, 1)
	b.Add(w, 1)
	b.StartRow(-inf, inf)
	b.Add(z, 0.1)
	p, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "sample"
	p.Sense = Maximize
	p.ObjOffset = 12.5
	names := []string{"x", "y[a,1]", "z", "w", "v", "empty"}
	rows := []string{"range", "eq", "le", "ge", "free"}
	p.ColName = func(j int) string { return names[j] }
	p.RowName = func(i int) string { return rows[i] }
	return p
}

// equalProblems reports the first difference between p and q, names
// included.
func equalProblems(p, q *Problem) string {
	fs := func(a, b []float64) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
				return false
			}
		}
		return true
	}
	is := func(a, b []int32) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	switch {
	case p.Sense != q.Sense:
		return "sense"
	case p.ObjOffset != q.ObjOffset:
		return "offset"
	case !fs(p.Obj, q.Obj):
		return "objective"
	case !fs(p.ColLower, q.ColLower) || !fs(p.ColUpper, q.ColUpper):
		return "column bounds"
	case !fs(p.RowLower, q.RowLower) || !fs(p.RowUpper, q.RowUpper):
		return "row bounds"
	case !is(p.Start, q.Start) || !is(p.Index, q.Index) || !fs(p.Value, q.Value):
		return "matrix"
	}
	for j := 0; j < p.NumCols(); j++ {
		if p.Col(j) != q.Col(j) {
			return "column name " + p.Col(j)
		}
	}
	for i := 0; i < p.NumRows(); i++ {
		if p.Row(i) != q.Row(i) {
			return "row name " + p.Row(i)
		}
	}
	return ""
}

func TestMPSRoundTrip(t *testing.T) {
	p := sample(t)
	var buf bytes.Buffer
	if err := WriteMPS(&buf, p); err != nil {
		t.Fatal(err)
	}
	q, err := ReadMPS(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if d := equalProblems(p, q); d != "" {
		t.Fatalf("round trip differs in %s\n%s", d, buf.String())
	}
	if q.Name != "sample" {
		t.Errorf("name %q", q.Name)
	}
	// Gzip is read transparently.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(buf.Bytes())
	zw.Close()
	r, err := ReadMPS(&gz)
	if err != nil {
		t.Fatal(err)
	}
	if d := equalProblems(p, r); d != "" {
		t.Fatalf("gzip round trip differs in %s", d)
	}
}

// TestReadMPSConventions pins the reader's conventions on a hand-written
// file: ranges on each row type, the objective constant, bound types.
func TestReadMPSConventions(t *testing.T) {
	src := `* comment
NAME          conv   with blanks
OBJSENSE
    MAXIMIZE
ROWS
 N  cost
 E  e1
 E  e2
 L  l1
 G  g1
 N  spare
COLUMNS
    a  cost  1   e1  1
    a  e2    1
    b  l1    1   g1  1
    b  spare 2
    c  e1    0
RHS
    RHS  cost  -7.5   e1  2
    RHS  e2    3      l1  4
    RHS  g1    5
RANGES
    RNG  e1  1.5   e2  -2
    RNG  l1  -3    g1  2
BOUNDS
 UP BND a  -2
 MI BND b
 UP BND b  8
 FX BND c  4
ENDATA
`
	p, err := ReadMPS(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "conv with blanks" || p.Sense != Maximize || p.ObjOffset != 7.5 {
		t.Errorf("name %q sense %v offset %v", p.Name, p.Sense, p.ObjOffset)
	}
	wantLo := []float64{2, 1, 1, 5, -inf}
	wantHi := []float64{3.5, 3, 4, 7, inf}
	for i := range wantLo {
		if p.RowLower[i] != wantLo[i] || p.RowUpper[i] != wantHi[i] {
			t.Errorf("row %s: [%v, %v], want [%v, %v]", p.Row(i), p.RowLower[i], p.RowUpper[i], wantLo[i], wantHi[i])
		}
	}
	// a: UP -2 with no lower bound set makes the lower bound -Inf.
	cl := []float64{-inf, -inf, 4}
	cu := []float64{-2, 8, 4}
	for j := range cl {
		if p.ColLower[j] != cl[j] || p.ColUpper[j] != cu[j] {
			t.Errorf("column %s: [%v, %v], want [%v, %v]", p.Col(j), p.ColLower[j], p.ColUpper[j], cl[j], cu[j])
		}
	}
	if p.NumNonzeros() != 6 {
		t.Errorf("%d nonzeros, want 6 (explicit zero kept)", p.NumNonzeros())
	}
}

func TestReadMPSErrors(t *testing.T) {
	head := "NAME t\nROWS\n N obj\n E r1\nCOLUMNS\n"
	cases := []struct {
		name, src string
		line      int
		msg       string
		is        error
	}{
		{"unknown-section", "NAME t\nFOO\n", 2, `unknown section "FOO"`, nil},
		{"row-type", "NAME t\nROWS\n X r\n", 3, `unknown row type "X"`, nil},
		{"dup-row", "NAME t\nROWS\n N obj\n E r\n L r\n", 5, `duplicate row "r"`, nil},
		{"unknown-row", head + "    x r2 1\n", 6, `unknown row "r2"`, nil},
		{"bad-number", head + "    x r1 1..5\n", 6, `bad number "1..5"`, nil},
		{"nan", head + "    x r1 nan\n", 6, `bad number "nan"`, nil},
		{"inf-coef", head + "    x r1 1e400\n", 6, `not finite`, nil},
		{"fields", head + "    x r1\n", 6, "got 2 fields", nil},
		{"twice", head + "    x r1 1\n    x r1 2\n", 7, `row "r1" given twice`, nil},
		{"non-contiguous", head + "    x r1 1\n    y r1 1\n    x obj 1\n", 8, `column "x" appears again`, nil},
		{"marker", head + "    M 'MARKER' 'INTORG'\n", 6, "integer", ErrInteger},
		{"bv", head + "    x r1 1\nBOUNDS\n BV BND x\n", 8, "integer", ErrInteger},
		{"bound-type", head + "    x r1 1\nBOUNDS\n ZZ BND x 1\n", 8, `unknown bound type "ZZ"`, nil},
		{"bound-col", head + "    x r1 1\nBOUNDS\n UP BND y 1\n", 8, `unknown column "y"`, nil},
		{"lower>upper", head + "    x r1 1\nBOUNDS\n LO BND x 5\n UP BND x 1\nENDATA\n", 0, "lower bound 5 exceeds upper bound 1", nil},
		{"range-on-free", "NAME t\nROWS\n N obj\n N f\nCOLUMNS\nRANGES\n    R f 1\n", 7, "free (N) row", nil},
		{"no-endata", head + "    x r1 1\n", 7, "missing ENDATA", nil},
		{"no-objective", "NAME t\nROWS\n E r\nENDATA\n", 4, "no objective", nil},
		{"order", "NAME t\nCOLUMNS\nROWS\n", 3, "out of order", nil},
		{"data-outside", "  x y z\n", 1, "data outside a section", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadMPS(strings.NewReader(tc.src))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not contain %q", err, tc.msg)
			}
			var pe *ParseError
			if tc.line > 0 {
				if !errors.As(err, &pe) || pe.Line != tc.line {
					t.Errorf("error %q: want a ParseError at line %d", err, tc.line)
				}
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q is not %v", err, tc.is)
			}
		})
	}
}

func TestReadMPSFileNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.mps")
	os.WriteFile(path, []byte("NAME t\nROWS\n Q r\n"), 0o644)
	_, err := ReadMPSFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":3: ") {
		t.Errorf("error %v: want it to start with %s:3:", err, path)
	}
}

func TestValidate(t *testing.T) {
	ok := func() *Problem {
		p := sample(t)
		return p
	}
	cases := []struct {
		name  string
		edit  func(p *Problem)
		wants []string
	}{
		{"valid", func(p *Problem) {}, nil},
		{"nan-obj", func(p *Problem) { p.Obj[1] = math.NaN() }, []string{"column 1 (y[a,1]): objective coefficient is NaN"}},
		{"inf-coef", func(p *Problem) { p.Value[0] = inf }, []string{"column 0 (x): coefficient in row 0 is +Inf"}},
		{"col-bounds", func(p *Problem) { p.ColLower[0] = 11 }, []string{"column 0 (x): lower bound 11 exceeds upper bound 10"}},
		{"row-nan", func(p *Problem) { p.RowUpper[2] = math.NaN() }, []string{"row 2 (le): bound is NaN"}},
		{"lengths", func(p *Problem) { p.ColUpper = p.ColUpper[:2] }, []string{"6 objective entries but 6 column lower and 2 column upper bounds"}},
		{"start-length", func(p *Problem) { p.Start = p.Start[:3] }, []string{"Start has 3 entries, want 7"}},
		{"out-of-range", func(p *Problem) { p.Index[0] = 9 }, []string{"column 0 (x): entry 0: row index 9 out of range [0,5)"}},
		{"unsorted", func(p *Problem) { p.Index[0], p.Index[1] = p.Index[1], p.Index[0] }, []string{"column 0 (x): row indices not increasing: 0 after 2"}},
		{"duplicate", func(p *Problem) { p.Index[1] = p.Index[0] }, []string{"column 0 (x): duplicate entry for row 0 (range)"}},
		{"several", func(p *Problem) { p.Obj[0] = math.NaN(); p.RowLower[4] = inf }, []string{"column 0 (x)", "row 4 (free)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := ok()
			tc.edit(p)
			err := p.Validate()
			if tc.wants == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) != len(tc.wants) {
				t.Errorf("want an ErrorList of %d, got %v", len(tc.wants), err)
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseAlgorithm(t *testing.T) {
	for _, a := range []Algorithm{DualSimplex, PrimalSimplex, Barrier} {
		got, err := ParseAlgorithm(strings.ToUpper(a.String()))
		if err != nil || got != a {
			t.Errorf("ParseAlgorithm(%q) = %v, %v", a, got, err)
		}
	}
	if _, err := ParseAlgorithm("simplex"); err == nil {
		t.Error("ParseAlgorithm(simplex): no error")
	}
	if Optimal.String() != "optimal" || TimeLimit.String() != "time-limit" || Status(99).String() != "Status(99)" {
		t.Error("Status.String")
	}
	if !errors.Is(Infeasible.Err(), ErrInfeasible) || Optimal.Err() != nil || !errors.Is(StatusUnknown.Err(), ErrUnknownStatus) {
		t.Error("Status.Err")
	}
}

// FuzzReadMPS: the reader never panics; errors carry a line; what it reads
// writes and reads back to the same problem.
func FuzzReadMPS(f *testing.F) {
	var buf bytes.Buffer
	WriteMPS(&buf, sample(f))
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadMPS(bytes.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) && !strings.Contains(err.Error(), "lp: read MPS") {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := WriteMPS(&out, p); err != nil {
			// Names the writer rejects (for example one starting with
			// '*') are possible in fuzzed input.
			return
		}
		q, err := ReadMPS(&out)
		if err != nil {
			t.Fatalf("re-read: %v\n%s", err, out.String())
		}
		// Ranged rows go through hi - lo and back, which may round.
		for i := range p.RowUpper {
			if lo, hi := p.RowLower[i], p.RowUpper[i]; !math.IsInf(lo, 0) && !math.IsInf(hi, 0) && lo != hi {
				if math.Abs(q.RowUpper[i]-hi) <= 1e-12*(1+math.Abs(hi)) {
					q.RowUpper[i] = hi
				}
			}
		}
		if d := equalProblems(p, q); d != "" {
			t.Fatalf("write/read differs in %s\n%s", d, out.String())
		}
	})
}

func TestValidateBadStart(t *testing.T) {
	p := sample(t)
	p.Start[1] = 100 // beyond the entries: must be reported, not index out of range
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "column 0 (x): Start goes from 0 to 100") {
		t.Errorf("got %v", err)
	}
}
