package lp

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
)

// MPS conventions of this package.
//
// The reader accepts free MPS (fields separated by blanks, names without
// blanks): sections NAME, OBJSENSE (MAX/MAXIMIZE/MIN/MINIMIZE on the same
// or the next line), ROWS, COLUMNS, RHS, RANGES, BOUNDS (UP, LO, FX, FR,
// MI, PL) and ENDATA. Fixed-format files whose names contain no blanks
// (netlib's) read the same way. Integer markers and integer bound types
// (MARKER, BV, LI, UI, SC) are errors: Blueprint solves LPs.
//
//   - The first N row is the objective. Later N rows are kept as free rows
//     (both bounds infinite), unlike Clp, which drops them.
//   - An RHS entry on the objective row is minus a constant added to the
//     objective: ObjOffset = -RHS. This is the convention of CPLEX,
//     Gurobi, HiGHS and Clp's own reader (CoinMpsIO). netlib's published
//     optima leave the constant out: e226 has RHS -7.113 on its objective
//     row, so ObjOffset = 7.113, and its published optimum -18.7519 is c'x
//     while the objective with the constant is -11.6389, as the clp
//     command prints. WriteMPS writes -ObjOffset back the same way.
//   - RANGES follow the MPS standard: R on an E row gives [rhs, rhs+|R|]
//     when R > 0 and [rhs-|R|, rhs] when R < 0; on an L row [rhs-|R|, rhs];
//     on a G row [rhs, rhs+|R|].
//   - An UP bound below zero on a column whose lower bound was not set
//     makes the lower bound -Inf (the old MPS convention Clp also follows).
//   - Values of magnitude >= 1e30 in RHS, RANGES and BOUNDS, and "inf" or
//     "infinity", are infinite.
//   - Explicit zero coefficients are kept as matrix entries.
//   - A file starting with the gzip magic bytes is decompressed.

// ParseError is an error at a line of an MPS file.
type ParseError struct {
	File string // file name, empty when reading from an io.Reader
	Line int    // 1-based line number
	Err  error
}

// Error returns "file:line: msg" (or "line N: msg" without a file name).
func (e *ParseError) Error() string {
	if e.File != "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// ErrInteger is the error for integer markers and integer bound types in
// an MPS file.
var ErrInteger = errors.New("lp: integer variables are not supported (LP only)")

// ReadMPSFile reads a free MPS file (gzip-compressed or not; see
// [ReadMPS]). Errors are [*ParseError]s naming the file and line.
func ReadMPSFile(path string) (*Problem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lp: read MPS: %w", err)
	}
	defer f.Close()
	p, err := ReadMPS(f)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			pe.File = path
			return nil, pe
		}
		return nil, fmt.Errorf("lp: read MPS %s: %w", path, err)
	}
	return p, nil
}

type section int8

const (
	secNone section = iota
	secName
	secObjsense
	secRows
	secColumns
	secRHS
	secRanges
	secBounds
	secEnd
)

// mpsReader holds the state of one ReadMPS call.
type mpsReader struct {
	p        *Problem
	rowIndex map[string]int32
	colIndex map[string]int32
	rowNames []string
	colNames []string
	rowType  []byte
	rhs      []float64
	rng      []float64 // NaN when no range
	objName  string
	objSeen  bool
	lowerSet []bool
	mark     []int32 // per row: 1 + the last column with an entry in it
	curCol   int32   // column being read in COLUMNS, -1 before the first
	line     int
	fields   [][]byte
}

// ReadMPS reads a free MPS file from r (gzip-compressed when it starts
// with the gzip magic bytes). The returned Problem keeps the row and
// column names (ColName and RowName index stored slices). Errors are
// [*ParseError]s naming the line. See the package's MPS conventions above
// the ParseError type.
func ReadMPS(r io.Reader) (*Problem, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("lp: read MPS: gzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	d := &mpsReader{
		p:        &Problem{},
		rowIndex: make(map[string]int32),
		colIndex: make(map[string]int32),
		curCol:   -1,
		fields:   make([][]byte, 0, 8),
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	sec := secNone
	for sc.Scan() {
		d.line++
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '*' {
			continue
		}
		d.split(line)
		if len(d.fields) == 0 {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			// A section header.
			var err error
			sec, err = d.header(sec)
			if err != nil {
				return nil, d.errorf("%w", err)
			}
			if sec == secEnd {
				break
			}
			continue
		}
		var err error
		switch sec {
		case secObjsense:
			err = d.objsense(d.fields[0])
		case secRows:
			err = d.row()
		case secColumns:
			err = d.column()
		case secRHS:
			err = d.rhsLine()
		case secRanges:
			err = d.rangeLine()
		case secBounds:
			err = d.bound()
		case secNone, secName:
			err = fmt.Errorf("data outside a section: %q", truncate(line))
		}
		if err != nil {
			return nil, d.errorf("%w", err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, d.errorf("line too long")
		}
		return nil, fmt.Errorf("lp: read MPS: %w", err)
	}
	if sec != secEnd {
		d.line++
		return nil, d.errorf("missing ENDATA")
	}
	return d.finish()
}

func truncate(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "..."
	}
	return string(b)
}

func (d *mpsReader) errorf(format string, a ...any) error {
	return &ParseError{Line: d.line, Err: fmt.Errorf(format, a...)}
}

// split sets d.fields to the blank-separated fields of line.
func (d *mpsReader) split(line []byte) {
	d.fields = d.fields[:0]
	i := 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
			i++
		}
		j := i
		for j < len(line) && line[j] != ' ' && line[j] != '\t' && line[j] != '\r' {
			j++
		}
		if j > i {
			d.fields = append(d.fields, line[i:j])
		}
		i = j
	}
}

func (d *mpsReader) header(prev section) (section, error) {
	f := d.fields
	order := func(s section) (section, error) {
		if s < prev || s == prev && s != secNone {
			return 0, fmt.Errorf("section %s out of order", f[0])
		}
		return s, nil
	}
	switch string(f[0]) {
	case "NAME":
		if len(f) > 1 {
			// The name is the rest of the line (netlib has blanks in it).
			d.p.Name = string(bytes.Join(f[1:], []byte(" ")))
		}
		return order(secName)
	case "OBJSENSE", "OBJSENSE:":
		if len(f) > 1 {
			if err := d.objsense(f[1]); err != nil {
				return 0, err
			}
		}
		return order(secObjsense)
	case "ROWS":
		return order(secRows)
	case "COLUMNS":
		return order(secColumns)
	case "RHS":
		return order(secRHS)
	case "RANGES":
		return order(secRanges)
	case "BOUNDS":
		return order(secBounds)
	case "ENDATA":
		return secEnd, nil
	case "MARKER":
		return 0, ErrInteger
	}
	return 0, fmt.Errorf("unknown section %q", truncate(f[0]))
}

func (d *mpsReader) objsense(f []byte) error {
	switch string(bytes.ToUpper(f)) {
	case "MAX", "MAXIMIZE", "MAXIMISE":
		d.p.Sense = Maximize
	case "MIN", "MINIMIZE", "MINIMISE":
		d.p.Sense = Minimize
	default:
		return fmt.Errorf("OBJSENSE: want MAX or MIN, got %q", truncate(f))
	}
	return nil
}

func (d *mpsReader) row() error {
	f := d.fields
	if len(f) != 2 {
		return fmt.Errorf("ROWS: want a type and a name, got %d fields", len(f))
	}
	if len(f[0]) != 1 {
		return fmt.Errorf("ROWS: unknown row type %q", truncate(f[0]))
	}
	t := f[0][0]
	switch t {
	case 'N', 'E', 'L', 'G':
	case 'n', 'e', 'l', 'g':
		t -= 'a' - 'A'
	default:
		return fmt.Errorf("ROWS: unknown row type %q", f[0])
	}
	name := string(f[1])
	if t == 'N' && !d.objSeen {
		d.objSeen = true
		d.objName = name
		return nil
	}
	if _, dup := d.rowIndex[name]; dup || name == d.objName {
		return fmt.Errorf("ROWS: duplicate row %q", name)
	}
	if len(d.rowNames) >= math.MaxInt32 {
		return errors.New("ROWS: too many rows")
	}
	d.rowIndex[name] = int32(len(d.rowNames))
	d.rowNames = append(d.rowNames, name)
	d.rowType = append(d.rowType, t)
	return nil
}

// parseValue parses a number; infinite says whether ±1e30 and beyond (and
// "inf") mean infinity, else only finite values are allowed.
func parseValue(b []byte, infinite bool) (float64, error) {
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && errors.Is(ne.Err, strconv.ErrRange) {
			// Overflow: ParseFloat returned ±Inf.
		} else {
			return 0, fmt.Errorf("bad number %q", truncate(b))
		}
	}
	if math.IsNaN(v) {
		return 0, fmt.Errorf("bad number %q", truncate(b))
	}
	if infinite {
		if v >= 1e30 {
			return math.Inf(1), nil
		}
		if v <= -1e30 {
			return math.Inf(-1), nil
		}
		return v, nil
	}
	if math.IsInf(v, 0) {
		return 0, fmt.Errorf("coefficient %q is not finite", truncate(b))
	}
	return v, nil
}

func (d *mpsReader) column() error {
	f := d.fields
	if len(f) >= 2 && string(f[1]) == "'MARKER'" {
		return ErrInteger
	}
	if len(f) != 3 && len(f) != 5 {
		return fmt.Errorf("COLUMNS: want a column and one or two (row, value) pairs, got %d fields", len(f))
	}
	p := d.p
	if d.curCol < 0 || string(f[0]) != d.colNames[d.curCol] {
		d.endColumn()
		name := string(f[0])
		if _, dup := d.colIndex[name]; dup {
			return fmt.Errorf("COLUMNS: column %q appears again (a column's entries must be contiguous)", name)
		}
		if len(d.colNames) >= math.MaxInt32 {
			return errors.New("COLUMNS: too many columns")
		}
		d.curCol = int32(len(d.colNames))
		d.colIndex[name] = d.curCol
		d.colNames = append(d.colNames, name)
		if len(p.Start) == 0 {
			p.Start = append(p.Start, 0)
		}
		p.Obj = append(p.Obj, 0)
	}
	for k := 1; k < len(f); k += 2 {
		v, err := parseValue(f[k+1], false)
		if err != nil {
			return fmt.Errorf("COLUMNS: column %q, row %q: %w", f[0], truncate(f[k]), err)
		}
		if d.objSeen && string(f[k]) == d.objName {
			p.Obj[d.curCol] += v
			continue
		}
		i, ok := d.rowIndex[string(f[k])]
		if !ok {
			return fmt.Errorf("COLUMNS: column %q: unknown row %q", f[0], truncate(f[k]))
		}
		if d.mark == nil {
			d.mark = make([]int32, len(d.rowNames))
		}
		if d.mark[i] == d.curCol+1 {
			return fmt.Errorf("COLUMNS: column %q: row %q given twice", f[0], f[k])
		}
		d.mark[i] = d.curCol + 1
		p.Index = append(p.Index, i)
		p.Value = append(p.Value, v)
	}
	return nil
}

// endColumn closes the current column: sorts its entries by row.
func (d *mpsReader) endColumn() {
	p := d.p
	if d.curCol < 0 {
		return
	}
	s := int(p.Start[len(p.Start)-1])
	idx, val := p.Index[s:], p.Value[s:]
	for k := 1; k < len(idx); k++ {
		if idx[k] < idx[k-1] {
			sort.Sort(entries{idx, val})
			break
		}
	}
	p.Start = append(p.Start, int32(len(p.Index)))
}

type entries struct {
	idx []int32
	val []float64
}

func (e entries) Len() int           { return len(e.idx) }
func (e entries) Less(a, b int) bool { return e.idx[a] < e.idx[b] }
func (e entries) Swap(a, b int) {
	e.idx[a], e.idx[b] = e.idx[b], e.idx[a]
	e.val[a], e.val[b] = e.val[b], e.val[a]
}

func (d *mpsReader) ensureRowData() {
	if d.rhs == nil {
		d.rhs = make([]float64, len(d.rowNames))
		d.rng = make([]float64, len(d.rowNames))
		for i := range d.rng {
			d.rng[i] = math.NaN()
		}
	}
}

// pairs returns the (name, value) pairs of an RHS or RANGES line, which
// may or may not start with a set name.
func (d *mpsReader) pairs(sec string) ([][]byte, error) {
	f := d.fields
	switch len(f) {
	case 2, 4:
		return f, nil
	case 3, 5:
		return f[1:], nil
	}
	return nil, fmt.Errorf("%s: want [set] name value [name value], got %d fields", sec, len(f))
}

func (d *mpsReader) rhsLine() error {
	d.ensureRowData()
	f, err := d.pairs("RHS")
	if err != nil {
		return err
	}
	for k := 0; k < len(f); k += 2 {
		v, err := parseValue(f[k+1], true)
		if err != nil {
			return fmt.Errorf("RHS: row %q: %w", truncate(f[k]), err)
		}
		if d.objSeen && string(f[k]) == d.objName {
			if math.IsInf(v, 0) {
				return fmt.Errorf("RHS: objective constant %q is not finite", f[k+1])
			}
			d.p.ObjOffset = -v
			continue
		}
		i, ok := d.rowIndex[string(f[k])]
		if !ok {
			return fmt.Errorf("RHS: unknown row %q", truncate(f[k]))
		}
		d.rhs[i] = v
	}
	return nil
}

func (d *mpsReader) rangeLine() error {
	d.ensureRowData()
	f, err := d.pairs("RANGES")
	if err != nil {
		return err
	}
	for k := 0; k < len(f); k += 2 {
		v, err := parseValue(f[k+1], true)
		if err != nil {
			return fmt.Errorf("RANGES: row %q: %w", truncate(f[k]), err)
		}
		i, ok := d.rowIndex[string(f[k])]
		if !ok {
			return fmt.Errorf("RANGES: unknown row %q", truncate(f[k]))
		}
		if d.rowType[i] == 'N' {
			return fmt.Errorf("RANGES: row %q is a free (N) row", f[k])
		}
		d.rng[i] = v
	}
	return nil
}

func (d *mpsReader) ensureColData() {
	if d.p.ColLower == nil {
		n := len(d.colNames)
		d.p.ColLower = make([]float64, n)
		d.p.ColUpper = make([]float64, n)
		for j := range d.p.ColUpper {
			d.p.ColUpper[j] = math.Inf(1)
		}
		d.lowerSet = make([]bool, n)
	}
}

func (d *mpsReader) bound() error {
	d.ensureColData()
	f := d.fields
	if len(f) < 2 {
		return fmt.Errorf("BOUNDS: want type [set] column [value], got %d fields", len(f))
	}
	typ := string(bytes.ToUpper(f[0]))
	needValue := true
	switch typ {
	case "UP", "LO", "FX":
	case "FR", "MI", "PL":
		needValue = false
	case "BV", "LI", "UI", "SC":
		return fmt.Errorf("BOUNDS: %s: %w", typ, ErrInteger)
	default:
		return fmt.Errorf("BOUNDS: unknown bound type %q", truncate(f[0]))
	}
	var col, val []byte
	switch {
	case needValue && len(f) == 4:
		col, val = f[2], f[3]
	case needValue && len(f) == 3:
		col, val = f[1], f[2]
	case !needValue && len(f) == 3:
		col = f[2]
	case !needValue && len(f) == 2:
		col = f[1]
	default:
		return fmt.Errorf("BOUNDS: %s: wrong number of fields (%d)", typ, len(f))
	}
	j, ok := d.colIndex[string(col)]
	if !ok {
		return fmt.Errorf("BOUNDS: unknown column %q", truncate(col))
	}
	var v float64
	if needValue {
		var err error
		if v, err = parseValue(val, true); err != nil {
			return fmt.Errorf("BOUNDS: %s %s: %w", typ, col, err)
		}
	}
	lo, hi := d.p.ColLower, d.p.ColUpper
	switch typ {
	case "UP":
		hi[j] = v
		if v < 0 && lo[j] == 0 && !d.lowerSet[j] {
			lo[j] = math.Inf(-1)
		}
	case "LO":
		lo[j] = v
		d.lowerSet[j] = true
	case "FX":
		lo[j], hi[j] = v, v
		d.lowerSet[j] = true
	case "FR":
		lo[j], hi[j] = math.Inf(-1), math.Inf(1)
		d.lowerSet[j] = true
	case "MI":
		lo[j] = math.Inf(-1)
		d.lowerSet[j] = true
	case "PL":
		hi[j] = math.Inf(1)
	}
	return nil
}

func (d *mpsReader) finish() (*Problem, error) {
	d.endColumn()
	d.ensureRowData()
	d.ensureColData()
	p := d.p
	if !d.objSeen {
		return nil, d.errorf("no objective (N) row in ROWS")
	}
	if p.Start == nil {
		p.Start = []int32{0}
	}
	if p.Obj == nil {
		p.Obj = []float64{}
	}
	m := len(d.rowNames)
	p.RowLower = make([]float64, m)
	p.RowUpper = make([]float64, m)
	for i := 0; i < m; i++ {
		b, r := d.rhs[i], d.rng[i]
		var lo, hi float64
		switch d.rowType[i] {
		case 'N':
			lo, hi = math.Inf(-1), math.Inf(1)
		case 'E':
			lo, hi = b, b
			if !math.IsNaN(r) {
				if r >= 0 {
					hi = b + r
				} else {
					lo = b + r
				}
			}
		case 'L':
			lo, hi = math.Inf(-1), b
			if !math.IsNaN(r) {
				lo = b - math.Abs(r)
			}
		case 'G':
			lo, hi = b, math.Inf(1)
			if !math.IsNaN(r) {
				hi = b + math.Abs(r)
			}
		}
		p.RowLower[i], p.RowUpper[i] = lo, hi
	}
	rows, cols := d.rowNames, d.colNames
	p.RowName = func(i int) string { return rows[i] }
	p.ColName = func(j int) string { return cols[j] }
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("lp: read MPS: %w", err)
	}
	return p, nil
}

// WriteMPS writes p as free MPS (see the conventions above [ParseError]):
// an objective row named "OBJ" (or "OBJ_1", ... if a row has that name),
// an OBJSENSE MAX section for maximisation, ObjOffset as the objective's
// RHS (negated), ranged rows as E rows with a positive range, free rows as N rows,
// and numbers in the shortest form that reads back exactly. Names must be
// non-empty and free of blanks.
func WriteMPS(w io.Writer, p *Problem) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("lp: write MPS: %w", err)
	}
	n, m := p.NumCols(), p.NumRows()
	bw := bufio.NewWriterSize(w, 1<<16)
	rowNames := make([]string, m)
	taken := false
	for i := range rowNames {
		rowNames[i] = p.Row(i)
		if err := checkName(rowNames[i]); err != nil {
			return fmt.Errorf("lp: write MPS: row %d: %w", i, err)
		}
	}
	obj := "OBJ"
	for k := 1; ; k++ {
		taken = false
		for _, s := range rowNames {
			if s == obj {
				taken = true
				break
			}
		}
		if !taken {
			break
		}
		obj = "OBJ_" + strconv.Itoa(k)
	}
	name := p.Name
	if name == "" {
		name = "BLUEPRINT"
	}
	fmt.Fprintf(bw, "NAME %s\n", name)
	if p.Sense == Maximize {
		bw.WriteString("OBJSENSE\n    MAX\n")
	}
	bw.WriteString("ROWS\n N ")
	bw.WriteString(obj)
	bw.WriteByte('\n')
	for i, s := range rowNames {
		lo, hi := p.RowLower[i], p.RowUpper[i]
		t := "E"
		switch {
		case math.IsInf(lo, -1) && math.IsInf(hi, 1):
			t = "N"
		case math.IsInf(lo, -1):
			t = "L"
		case math.IsInf(hi, 1):
			t = "G"
		}
		bw.WriteString(" " + t + " ")
		bw.WriteString(s)
		bw.WriteByte('\n')
	}
	bw.WriteString("COLUMNS\n")
	var buf []byte
	entry := func(col, row string, v float64) {
		buf = append(buf[:0], "    "...)
		buf = append(buf, col...)
		buf = append(buf, ' ')
		buf = append(buf, row...)
		buf = append(buf, ' ')
		buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	colNames := make([]string, n)
	for j := 0; j < n; j++ {
		c := p.Col(j)
		if err := checkName(c); err != nil {
			return fmt.Errorf("lp: write MPS: column %d: %w", j, err)
		}
		colNames[j] = c
		b, e := p.Start[j], p.Start[j+1]
		if p.Obj[j] != 0 || b == e {
			entry(c, obj, p.Obj[j])
		}
		for k := b; k < e; k++ {
			entry(c, rowNames[p.Index[k]], p.Value[k])
		}
	}
	bw.WriteString("RHS\n")
	if p.ObjOffset != 0 {
		entry("RHS", obj, -p.ObjOffset)
	}
	ranged := false
	for i, s := range rowNames {
		lo, hi := p.RowLower[i], p.RowUpper[i]
		var v float64
		switch {
		case math.IsInf(lo, -1) && math.IsInf(hi, 1):
			continue
		case math.IsInf(lo, -1):
			v = hi
		default:
			v = lo
			if !math.IsInf(hi, 1) && hi != lo {
				ranged = true
			}
		}
		if v != 0 {
			entry("RHS", s, v)
		}
	}
	if ranged {
		bw.WriteString("RANGES\n")
		for i, s := range rowNames {
			lo, hi := p.RowLower[i], p.RowUpper[i]
			if !math.IsInf(lo, 0) && !math.IsInf(hi, 0) && hi != lo {
				entry("RNG", s, hi-lo)
			}
		}
	}
	bw.WriteString("BOUNDS\n")
	bound := func(t, c string, v float64, withValue bool) {
		buf = append(buf[:0], ' ')
		buf = append(buf, t...)
		buf = append(buf, " BND "...)
		buf = append(buf, c...)
		if withValue {
			buf = append(buf, ' ')
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		}
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	for j, c := range colNames {
		lo, hi := p.ColLower[j], p.ColUpper[j]
		switch {
		case lo == hi:
			bound("FX", c, lo, true)
		case math.IsInf(lo, -1) && math.IsInf(hi, 1):
			bound("FR", c, 0, false)
		default:
			if math.IsInf(lo, -1) {
				bound("MI", c, 0, false)
			} else if lo != 0 {
				bound("LO", c, lo, true)
			}
			if !math.IsInf(hi, 1) {
				bound("UP", c, hi, true)
			}
		}
	}
	bw.WriteString("ENDATA\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("lp: write MPS: %w", err)
	}
	return nil
}

func checkName(s string) error {
	if s == "" {
		return errors.New("empty name")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return fmt.Errorf("name %q contains a blank", s)
		}
	}
	if s[0] == '*' {
		return fmt.Errorf("name %q starts with '*'", s)
	}
	return nil
}
