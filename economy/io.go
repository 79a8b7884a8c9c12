package economy

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"blueprint/model"
)

// Sentinel errors of table validation; test with errors.Is. They are
// carried by [SectorError].
var (
	// ErrImbalance: a sector's intermediate sales plus final demand differ
	// from its output (row), or its inputs plus imports plus value added
	// differ from its output (column).
	ErrImbalance = errors.New("economy: table does not balance")
	// ErrNegative: a flow, output or employment figure is negative, or an
	// output is zero.
	ErrNegative = errors.New("economy: negative or zero entry")
	// ErrNotProductive: the technical-coefficient matrix has spectral
	// radius ≥ 1, so no non-negative output meets a positive final demand.
	ErrNotProductive = errors.New("economy: table is not productive")
)

// SectorError is a validation problem of one sector of a table.
type SectorError struct {
	// Sector is the sector code, Name its name (may be empty).
	Sector, Name string
	// Err is one of the sentinels above wrapped with the figures.
	Err error
}

// Error formats the problem as `sector "24" (Electricity): msg`.
func (e *SectorError) Error() string {
	if e.Name != "" && e.Name != e.Sector {
		return fmt.Sprintf("sector %q (%s): %v", e.Sector, e.Name, e.Err)
	}
	return fmt.Sprintf("sector %q: %v", e.Sector, e.Err)
}

// Unwrap returns the sentinel-carrying error.
func (e *SectorError) Unwrap() error { return e.Err }

// Sector is one input–output sector (industry = product).
type Sector struct {
	// Code identifies the sector in files and tables ("24").
	Code string
	// Name is a human-readable label ("Electricity and heat").
	Name string
}

// Table is a single-region input–output table in money units (Unit) with
// optional employment. Flows are stored row-major: Z[i*n+j] is what sector
// i sells to sector j, F[i*k+c] what it sells to final-demand category c.
//
// Accounting identities (checked by [Table.Validate]):
//
//	Σ_j Z_ij + Σ_c F_ic = X_i                 (rows: sales)
//	Σ_i Z_ij + M_j + VA_j = X_j               (columns: costs; M = imported inputs)
type Table struct {
	// Sectors lists the n sectors in table order.
	Sectors []Sector
	// Z holds n×n intermediate flows, row-major.
	Z []float64
	// Final names the k final-demand categories (e.g. HH, GOV, GFCF, EX).
	Final []string
	// F holds n×k final demand for each sector's output, row-major.
	F []float64
	// X is total output by sector.
	X []float64
	// VA is value added by sector (GDP contribution).
	VA []float64
	// Imports are intermediate inputs bought from outside the region by
	// each sector (nil: none, every input is local).
	Imports []float64
	// Jobs is employment by sector in JobsUnit (nil: not available).
	Jobs []float64
	// Labour is household income earned in each sector (compensation of
	// employees), the household row of a Type II model (nil: no Type II).
	Labour []float64
	// Household is the index in Final of household consumption, the
	// household column of a Type II model; -1 when there is none.
	Household int
	// Unit is the money unit of every flow ("million CNY").
	Unit string
	// JobsUnit is the unit of Jobs ("persons").
	JobsUnit string
	// Proxy is true when the table is not the region's own statistics but a
	// stand-in (for Beijing: the national table scaled by RAS). Everything
	// computed from it carries the label.
	Proxy bool
	// Source says where the table comes from.
	Source string
}

// N returns the number of sectors.
func (t *Table) N() int { return len(t.Sectors) }

// Index returns the position of the sector with the given code, or -1.
func (t *Table) Index(code string) int {
	for i, s := range t.Sectors {
		if s.Code == code {
			return i
		}
	}
	return -1
}

// FinalTotal returns total final demand for sector i's output.
func (t *Table) FinalTotal(i int) float64 {
	k := len(t.Final)
	s := 0.0
	for c := 0; c < k; c++ {
		s += t.F[i*k+c]
	}
	return s
}

// Validate checks that the table is non-negative, has positive outputs and
// balances by rows and by columns to the relative tolerance tol (of the
// sector's output; 1e-6 when tol ≤ 0). It returns every problem found,
// joined, each a [*SectorError] naming the sector.
func (t *Table) Validate(tol float64) error {
	if tol <= 0 {
		tol = 1e-6
	}
	n, k := t.N(), len(t.Final)
	if n == 0 {
		return errors.New("economy: table has no sectors")
	}
	if len(t.Z) != n*n || len(t.F) != n*k || len(t.X) != n || len(t.VA) != n {
		return fmt.Errorf("economy: table arrays have the wrong size for %d sectors", n)
	}
	for _, v := range [][]float64{t.Imports, t.Jobs, t.Labour} {
		if v != nil && len(v) != n {
			return fmt.Errorf("economy: table arrays have the wrong size for %d sectors", n)
		}
	}
	var errs []error
	bad := func(i int, err error) {
		errs = append(errs, &SectorError{Sector: t.Sectors[i].Code, Name: t.Sectors[i].Name, Err: err})
	}
	for i := 0; i < n; i++ {
		x := t.X[i]
		if !(x > 0) || math.IsInf(x, 0) {
			bad(i, fmt.Errorf("%w: output %g (must be positive)", ErrNegative, x))
			continue
		}
		for j := 0; j < n; j++ {
			if z := t.Z[i*n+j]; z < 0 || math.IsNaN(z) {
				bad(i, fmt.Errorf("%w: sale to sector %q is %g", ErrNegative, t.Sectors[j].Code, z))
			}
		}
		if t.Jobs != nil && (t.Jobs[i] < 0 || math.IsNaN(t.Jobs[i])) {
			bad(i, fmt.Errorf("%w: employment %g", ErrNegative, t.Jobs[i]))
		}
		if t.Labour != nil && (t.Labour[i] < 0 || math.IsNaN(t.Labour[i])) {
			bad(i, fmt.Errorf("%w: household income %g", ErrNegative, t.Labour[i]))
		}
		row := t.FinalTotal(i)
		col := t.VA[i]
		if t.Imports != nil {
			col += t.Imports[i]
		}
		for j := 0; j < n; j++ {
			row += t.Z[i*n+j]
			col += t.Z[j*n+i]
		}
		if d := row - x; math.Abs(d) > tol*x || math.IsNaN(d) {
			bad(i, fmt.Errorf("%w: intermediate sales + final demand = %g but output = %g (row off by %g)", ErrImbalance, row, x, d))
		}
		if d := col - x; math.Abs(d) > tol*x || math.IsNaN(d) {
			bad(i, fmt.Errorf("%w: inputs + imports + value added = %g but output = %g (column off by %g)", ErrImbalance, col, x, d))
		}
	}
	return errors.Join(errs...)
}

// Reserved row and column names of the table file format (see [ReadTable]).
const (
	rowVA      = "VA"
	rowImports = "IM"
	rowJobs    = "EMP"
	rowLabour  = "HH"
	colOutput  = "X"
	colHH      = "HH"
)

// ReadTableFile reads an input–output table file; see [ReadTable].
func ReadTableFile(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("economy: %w", err)
	}
	defer f.Close()
	return ReadTable(f, path)
}

// ReadTable reads an input–output table in the wide CSV layout below; name
// is used in error positions. It does not validate the accounts (call
// [Table.Validate] or [NewModel]).
//
//	# unit: million CNY
//	# jobs_unit: persons
//	# proxy: false
//	# source: Miller & Blair (2009), Table 2.3
//	SECTOR,NAME,1,2,HH,EX,X
//	1,Agriculture,150,500,300,50,1000
//	2,Manufacturing,200,100,1500,200,2000
//	VA,Value added,650,1400,,,
//	IM,Imported inputs,0,0,,,
//	EMP,Employment,10,30,,,
//	HH,Household income,400,800,,,
//
// Lines starting with '#' carry metadata as "key: value" (unit, jobs_unit,
// proxy, source). The header starts with SECTOR and NAME, then one column per
// sector (codes in the same order as the sector rows), then the final-demand
// categories, then X (total output). A final-demand column called HH is
// household consumption. After the sector rows come the reserved rows VA
// (value added, required), IM (imported intermediate inputs), EMP
// (employment) and HH (household income, the Type II household row).
func ReadTable(r io.Reader, name string) (*Table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("economy: read %s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheet UTF-8 BOM
	t := &Table{Household: -1, JobsUnit: "persons"}
	// Metadata comments, then the CSV body (encoding/csv skips '#' lines).
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(s, "#") {
			continue
		}
		key, val, ok := strings.Cut(strings.TrimSpace(s[1:]), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "unit":
			t.Unit = val
		case "jobs_unit":
			t.JobsUnit = val
		case "source":
			t.Source = val
		case "proxy":
			b, err := strconv.ParseBool(val)
			if err != nil {
				return nil, &model.PosError{File: name, Line: line, Field: "proxy", Err: fmt.Errorf("%w: %q is not true or false", model.ErrSyntax, val)}
			}
			t.Proxy = b
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	recs := [][]string{}
	lines := []int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &model.PosError{File: name, Line: pe.Line, Col: pe.Column, Err: fmt.Errorf("%w: %v", model.ErrSyntax, pe.Err)}
			}
			return nil, fmt.Errorf("economy: %s: %w", name, err)
		}
		l, _ := cr.FieldPos(0)
		recs = append(recs, rec)
		lines = append(lines, l)
	}
	if len(recs) == 0 {
		return nil, &model.PosError{File: name, Err: fmt.Errorf("%w: no header", model.ErrSyntax)}
	}
	hdr := recs[0]
	pos := func(i int, field string, err error) error {
		return &model.PosError{File: name, Line: lines[i], Field: field, Err: err}
	}
	if len(hdr) < 4 || !strings.EqualFold(hdr[0], "SECTOR") || !strings.EqualFold(hdr[1], "NAME") {
		return nil, pos(0, "header", fmt.Errorf("%w: want SECTOR,NAME,<sector codes>...,<final demand>...,X", model.ErrSyntax))
	}
	xcol := -1
	for c, h := range hdr {
		if h == colOutput {
			xcol = c
		}
	}
	if xcol != len(hdr)-1 {
		return nil, pos(0, "header", fmt.Errorf("%w: the last column must be X (total output)", model.ErrSyntax))
	}
	// Sector rows: until the first reserved row.
	reserved := map[string]bool{rowVA: true, rowImports: true, rowJobs: true, rowLabour: true}
	nrows := 0
	for i := 1; i < len(recs) && !reserved[strings.TrimSpace(recs[i][0])]; i++ {
		nrows++
	}
	n := nrows
	if n == 0 {
		return nil, pos(0, "SECTOR", fmt.Errorf("%w: no sector rows", model.ErrSyntax))
	}
	if 2+n > xcol {
		return nil, pos(0, "header", fmt.Errorf("%w: %d sector rows but only %d columns before X", model.ErrSyntax, n, xcol-2))
	}
	t.Final = append([]string(nil), hdr[2+n:xcol]...)
	k := len(t.Final)
	for c, f := range t.Final {
		if f == colHH {
			t.Household = c
		}
	}
	t.Z = make([]float64, n*n)
	t.F = make([]float64, n*k)
	t.X = make([]float64, n)
	seen := map[string]bool{}
	num := func(i, c int, s string) (float64, error) {
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, &model.PosError{File: name, Line: lines[i], Col: c + 1, Field: hdr[c], Err: fmt.Errorf("%w: %q", model.ErrNotNumber, s)}
		}
		return v, nil
	}
	for r := 0; r < n; r++ {
		i := r + 1
		rec := recs[i]
		code := strings.TrimSpace(rec[0])
		if len(rec) != len(hdr) {
			return nil, pos(i, code, fmt.Errorf("%w: %d fields, header has %d", model.ErrArity, len(rec), len(hdr)))
		}
		if code != strings.TrimSpace(hdr[2+r]) {
			return nil, pos(i, code, fmt.Errorf("%w: sector row %d is %q but header column %d is %q (rows and columns must list the sectors in the same order)", model.ErrInconsistent, r+1, code, 3+r, hdr[2+r]))
		}
		if seen[code] {
			return nil, pos(i, code, fmt.Errorf("%w: sector %q", model.ErrDuplicate, code))
		}
		seen[code] = true
		t.Sectors = append(t.Sectors, Sector{Code: code, Name: strings.TrimSpace(rec[1])})
		for j := 0; j < n; j++ {
			v, err := num(i, 2+j, rec[2+j])
			if err != nil {
				return nil, err
			}
			t.Z[r*n+j] = v
		}
		for c := 0; c < k; c++ {
			v, err := num(i, 2+n+c, rec[2+n+c])
			if err != nil {
				return nil, err
			}
			t.F[r*k+c] = v
		}
		v, err := num(i, xcol, rec[xcol])
		if err != nil {
			return nil, err
		}
		t.X[r] = v
	}
	for i := 1 + n; i < len(recs); i++ {
		rec := recs[i]
		code := strings.TrimSpace(rec[0])
		if !reserved[code] {
			return nil, pos(i, code, fmt.Errorf("%w: row %q after the sector rows (want VA, IM, EMP or HH)", model.ErrUnknownName, code))
		}
		if len(rec) < 2+n {
			return nil, pos(i, code, fmt.Errorf("%w: %d fields, want at least %d", model.ErrArity, len(rec), 2+n))
		}
		vals := make([]float64, n)
		for j := 0; j < n; j++ {
			v, err := num(i, 2+j, rec[2+j])
			if err != nil {
				return nil, err
			}
			vals[j] = v
		}
		dup := false
		switch code {
		case rowVA:
			dup, t.VA = t.VA != nil, vals
		case rowImports:
			dup, t.Imports = t.Imports != nil, vals
		case rowJobs:
			dup, t.Jobs = t.Jobs != nil, vals
		case rowLabour:
			dup, t.Labour = t.Labour != nil, vals
		}
		if dup {
			return nil, pos(i, code, fmt.Errorf("%w: row %s", model.ErrDuplicate, code))
		}
	}
	if t.VA == nil {
		return nil, &model.PosError{File: name, Line: lines[len(lines)-1], Field: rowVA, Err: fmt.Errorf("%w: no VA (value added) row", model.ErrSyntax)}
	}
	return t, nil
}

// WriteTable writes t in the layout [ReadTable] reads.
func WriteTable(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# unit: %s\n# jobs_unit: %s\n# proxy: %t\n", t.Unit, t.JobsUnit, t.Proxy)
	if t.Source != "" {
		fmt.Fprintf(bw, "# source: %s\n", strings.ReplaceAll(t.Source, "\n", " "))
	}
	cw := csv.NewWriter(bw)
	n, k := t.N(), len(t.Final)
	hdr := []string{"SECTOR", "NAME"}
	for _, s := range t.Sectors {
		hdr = append(hdr, s.Code)
	}
	hdr = append(append(hdr, t.Final...), colOutput)
	cw.Write(hdr)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', 12, 64) }
	rec := make([]string, len(hdr))
	for i, s := range t.Sectors {
		rec[0], rec[1] = s.Code, s.Name
		for j := 0; j < n; j++ {
			rec[2+j] = f(t.Z[i*n+j])
		}
		for c := 0; c < k; c++ {
			rec[2+n+c] = f(t.F[i*k+c])
		}
		rec[2+n+k] = f(t.X[i])
		cw.Write(rec)
	}
	extra := []struct {
		code, name string
		v          []float64
	}{{rowVA, "Value added", t.VA}, {rowImports, "Imported inputs", t.Imports}, {rowJobs, "Employment", t.Jobs}, {rowLabour, "Household income", t.Labour}}
	for _, e := range extra {
		if e.v == nil {
			continue
		}
		for c := range rec {
			rec[c] = ""
		}
		rec[0], rec[1] = e.code, e.name
		for j := 0; j < n; j++ {
			rec[2+j] = f(e.v[j])
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("economy: write table: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("economy: write table: %w", err)
	}
	return nil
}
