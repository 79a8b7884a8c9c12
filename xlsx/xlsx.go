// Package xlsx reads and writes OSeMOSYS models as Excel workbooks in
// otoole's layout, using github.com/xuri/excelize/v2.
//
// # Layout
//
// One sheet per set and per parameter, named as the set or parameter, or by
// the parameter's otoole short name ([model.Param.ShortName]) when the name
// is longer than Excel's 31-character limit for sheet names.
//
//   - A set sheet has the header VALUE in A1 and one element per row below.
//   - A parameter with three or more indices, the last of them YEAR, is
//     "wide": the header row holds the other index columns, then one column
//     per year (the year as a number); each row is one key prefix, an empty
//     cell is a key not given. otoole writes these with a pandas pivot.
//   - Every other parameter is "narrow": the index columns then VALUE, one
//     row per key (optional SOURCE, NOTE and UNIT columns after VALUE are
//     kept as provenance when reading).
//
// Reading accepts either form for any parameter (as otoole does: a header
// ending in VALUE is narrow, else the integer headers are years).
//
// # Defaults
//
// A workbook has no place for defaults (otoole keeps them in config.yaml), so
// [Read] takes them from the schema and [Write] writes every key whose value
// differs from the standard schema's default (not the model's: a config.yaml
// may redefine a default, which a workbook could not carry). A sheet with a
// header and no rows reads as "all default" whatever its header says. A model read from a MathProg file with
// its own defaults (UTOPIA's VariableCost default 1e-5) therefore round-trips
// through Excel with every value identical, its non-default keys written out.
//
// # Errors
//
// Problems name the workbook, the sheet and the cell ("m.xlsx: CapitalCost!D7:
// ..."); entries keep their place as file "m.xlsx[CapitalCost]" with row and
// column, so that later validation messages point into the workbook.
package xlsx

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"blueprint/model"
)

// maxSheetName is Excel's limit on the length of a sheet name.
const maxSheetName = 31

// Reader reads workbooks; the zero value uses [model.DefaultSchema].
type Reader struct {
	// Schema is the schema of the models read; nil means model.DefaultSchema().
	Schema *model.Schema
	// Warnings lists sheets that name no set or parameter of the schema
	// (skipped).
	Warnings model.ErrorList
}

// Read reads the workbook at path with the default schema. The error, when
// not nil and not an I/O error, is a [model.ErrorList] of every problem.
func Read(path string) (*model.Model, error) {
	var r Reader
	return r.Read(path)
}

// Read reads the workbook at path.
func (r *Reader) Read(path string) (*model.Model, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	defer f.Close()
	s := r.Schema
	if s == nil {
		s = model.DefaultSchema()
	}
	m := model.New(s)
	m.Name = path
	rd := &sheetReader{file: path, m: m, f: f}
	var sets, params []string
	paramOf := map[string]*model.Param{}
	for _, sh := range f.GetSheetList() {
		if set := m.Set(sh); set != nil && set.Name == sh {
			sets = append(sets, sh)
			continue
		}
		if p := paramBySheet(m, sh); p != nil {
			params = append(params, sh)
			paramOf[sh] = p
			continue
		}
		r.Warnings.Add(model.Errorf(model.Pos{File: path}, sh, model.ErrUnknownName,
			"sheet names no set or parameter of the schema: skipped"))
	}
	for _, sh := range sets {
		if err := rd.readSet(sh); err != nil {
			return nil, err
		}
	}
	for _, sh := range params {
		// A sheet with a header and no rows means "all default"; its header
		// may follow another config (simplicity's 3-index TradeRoute) and
		// need not be checked.
		if has, err := rd.hasData(sh); err != nil {
			return nil, err
		} else if !has {
			continue
		}
		if err := rd.readParam(sh, paramOf[sh]); err != nil {
			return nil, err
		}
	}
	rd.errs = append(rd.errs, m.Freeze()...)
	if len(rd.errs) > 0 {
		rd.errs.Sort()
		return nil, rd.errs
	}
	return m, nil
}

// paramBySheet finds the parameter a sheet holds: by name, else by short name.
func paramBySheet(m *model.Model, sheet string) *model.Param {
	if p := m.Param(sheet); p != nil {
		return p
	}
	for _, p := range m.Params() {
		if p.ShortName == sheet {
			return p
		}
	}
	return nil
}

// SheetName returns the sheet that holds p: its name, or its short name
// when the name is longer than 31 characters.
func SheetName(p *model.Param) (string, error) {
	if len(p.Name) <= maxSheetName {
		return p.Name, nil
	}
	if p.ShortName != "" && len(p.ShortName) <= maxSheetName {
		return p.ShortName, nil
	}
	return "", fmt.Errorf("xlsx: %s: name longer than %d characters and no short_name in the schema", p.Name, maxSheetName)
}

type sheetReader struct {
	file string
	m    *model.Model
	f    *excelize.File
	errs model.ErrorList
}

func cellName(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row, col)
	}
	return s
}

func (rd *sheetReader) errorf(sheet string, col, row int, sentinel error, format string, args ...any) {
	rd.errs.Add(model.Errorf(model.Pos{File: rd.file}, sheet+"!"+cellName(col, row), sentinel, format, args...))
}

// maxErrors stops reading a workbook after this many problems.
const maxErrors = 200

// rows calls fn for each row of a sheet (1-based row numbers, raw cell
// values: numbers as stored, not as formatted).
func (rd *sheetReader) rows(sheet string, fn func(row int, cells []string) bool) error {
	it, err := rd.f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("xlsx: %s: sheet %s: %w", rd.file, sheet, err)
	}
	defer it.Close()
	row := 0
	for it.Next() {
		row++
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("xlsx: %s: %s row %d: %w", rd.file, sheet, row, err)
		}
		if !fn(row, cells) || len(rd.errs) >= maxErrors {
			break
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("xlsx: %s: sheet %s: %w", rd.file, sheet, err)
	}
	return nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (rd *sheetReader) readSet(sheet string) error {
	seen := map[string]int{}
	return rd.rows(sheet, func(row int, cells []string) bool {
		if row == 1 {
			if len(cells) == 0 || strings.TrimSpace(cells[0]) != "VALUE" {
				got := ""
				if len(cells) > 0 {
					got = cells[0]
				}
				rd.errorf(sheet, 1, row, model.ErrSyntax, "set sheet must have the header VALUE in A1, found %q", got)
				return false
			}
			return true
		}
		if blank(cells) {
			return true
		}
		name := elemText(cells[0])
		if name == "" {
			rd.errorf(sheet, 1, row, model.ErrSyntax, "empty element")
			return true
		}
		if prev, ok := seen[name]; ok {
			rd.errorf(sheet, 1, row, model.ErrDuplicate, "element %s given twice (first in A%d)", name, prev)
			return true
		}
		seen[name] = row
		if _, err := rd.m.AddElem(sheet, name); err != nil {
			rd.errs.Add(&model.PosError{File: rd.file, Field: sheet + "!" + cellName(1, row), Err: err})
		}
		return true
	})
}

// hasData reports whether a sheet has a non-blank row after its header.
func (rd *sheetReader) hasData(sheet string) (bool, error) {
	has := false
	err := rd.rows(sheet, func(row int, cells []string) bool {
		if row > 1 && !blank(cells) {
			has = true
			return false
		}
		return true
	})
	return has, err
}

// elemText normalises an element cell: trimmed, and a number stored as a
// float with no fraction ("2015.0") written as an integer.
func elemText(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ".0") {
		if v, err := strconv.ParseFloat(s, 64); err == nil && v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return s
}

// column roles in a parameter sheet
const (
	colIndex = iota
	colYear
	colValue
	colSource
	colNote
	colUnit
	colIgnore
)

func (rd *sheetReader) readParam(sheet string, p *model.Param) error {
	sets := p.Sets()
	n := len(sets)
	var (
		role   []int        // per column
		index  []int        // per column: index position for colIndex
		years  []model.Elem // per column: YEAR element for colYear
		wide   bool
		key    = make([]model.Elem, n)
		origin = model.Origin{Pos: model.Pos{File: rd.file + "[" + sheet + "]"}}
	)
	yearPos := n - 1
	return rd.rows(sheet, func(row int, cells []string) bool {
		if row == 1 {
			for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
				cells = cells[:len(cells)-1]
			}
			role = make([]int, len(cells))
			index = make([]int, len(cells))
			years = make([]model.Elem, len(cells))
			narrow := false
			for _, c := range cells {
				if strings.TrimSpace(c) == "VALUE" {
					narrow = true
				}
			}
			wide = !narrow
			k := 0
			for c, h := range cells {
				h = strings.TrimSpace(h)
				if h == "MODEOFOPERATION" {
					h = "MODE_OF_OPERATION" // otoole renames this old header too
				}
				switch {
				case h == "VALUE":
					role[c] = colValue
				case narrow && h == "SOURCE":
					role[c] = colSource
				case narrow && h == "NOTE":
					role[c] = colNote
				case narrow && h == "UNIT":
					role[c] = colUnit
				case wide && isInt(h):
					if n == 0 || sets[yearPos].Name != "YEAR" {
						rd.errorf(sheet, c+1, row, model.ErrArity, "year column %s, but %s has no YEAR as its last index", h, p.Name)
						return false
					}
					e, ok := sets[yearPos].Index(elemText(h))
					if !ok {
						rd.errorf(sheet, c+1, row, model.ErrUnknownElement, "%s is not an element of set YEAR", h)
						role[c] = colIgnore
						continue
					}
					role[c], years[c] = colYear, e
				case h == "":
					role[c] = colIgnore
				default:
					want := n
					if wide {
						want = n - 1
					}
					if k >= want || p.Columns[k] != h && p.Indices[k] != h {
						exp := ""
						if k < want {
							exp = p.Columns[k]
						}
						rd.errorf(sheet, c+1, row, model.ErrArity, "header %q: expected %s (columns %s%s)", h, orValue(exp),
							strings.Join(p.Columns[:want], ","), map[bool]string{true: ",<years>", false: ",VALUE"}[wide])
						return false
					}
					role[c], index[c] = colIndex, k
					k++
				}
			}
			want := n
			if wide {
				want = n - 1
			}
			if k != want {
				rd.errorf(sheet, 1, row, model.ErrArity, "%d index columns, %s has %d (%s)", k, p.Name, want, strings.Join(p.Columns[:want], ","))
				return false
			}
			return true
		}
		if blank(cells) {
			return true
		}
		ok := true
		for c, r := range role {
			if r != colIndex {
				continue
			}
			text := ""
			if c < len(cells) {
				text = elemText(cells[c])
			}
			s := sets[index[c]]
			e, found := s.Index(text)
			if !found {
				rd.errorf(sheet, c+1, row, model.ErrUnknownElement, "%q is not an element of set %s", text, s.Name)
				ok = false
				continue
			}
			key[index[c]] = e
		}
		if !ok {
			return true
		}
		var src, note, unit string
		for c, r := range role {
			if c >= len(cells) {
				break
			}
			switch r {
			case colSource:
				src = cells[c]
			case colNote:
				note = cells[c]
			case colUnit:
				unit = cells[c]
			}
		}
		for c, r := range role {
			if r != colValue && r != colYear {
				continue
			}
			text := ""
			if c < len(cells) {
				text = strings.TrimSpace(cells[c])
			}
			if text == "" {
				if r == colValue {
					rd.errorf(sheet, c+1, row, model.ErrNotNumber, "empty VALUE")
				}
				continue
			}
			v, err := strconv.ParseFloat(text, 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) || math.IsNaN(v) || math.IsInf(v, 0) {
				rd.errorf(sheet, c+1, row, model.ErrNotNumber, "value %q is not a number", text)
				continue
			}
			if r == colYear {
				key[yearPos] = years[c]
			}
			origin.Line, origin.Col = row, c+1
			origin.Source, origin.Note, origin.Unit = src, note, unit
			p.Add(key, v, &origin)
		}
		return true
	})
}

func orValue(s string) string {
	if s == "" {
		return "no more index columns"
	}
	return s
}

func isInt(s string) bool {
	if s == "" {
		return false
	}
	v, err := strconv.ParseFloat(s, 64)
	return err == nil && v == math.Trunc(v) && !strings.ContainsAny(s, "eE")
}

// wideLayout reports whether otoole writes p wide: three or more indices,
// the last one YEAR.
func wideLayout(p *model.Param) bool {
	n := len(p.Indices)
	return n >= 3 && p.Indices[n-1] == "YEAR"
}

// Write writes m to path as a workbook in otoole's layout (see the package
// documentation), atomically: to a temporary file renamed over path. Values
// are written in the shortest decimal form that reads back bit for bit.
func Write(path string, m *model.Model) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	first := true
	newSheet := func(name string) error {
		if first {
			first = false
			return f.SetSheetName("Sheet1", name)
		}
		_, err := f.NewSheet(name)
		return err
	}
	for _, s := range m.Sets() {
		if err := newSheet(s.Name); err != nil {
			return fmt.Errorf("xlsx: write %s: sheet %s: %w", path, s.Name, err)
		}
		if err := f.SetCellStr(s.Name, "A1", "VALUE"); err != nil {
			return fmt.Errorf("xlsx: write %s: %w", path, err)
		}
		for i, e := range s.Elems {
			if err := setElem(f, s.Name, 1, i+2, s, e); err != nil {
				return fmt.Errorf("xlsx: write %s: %w", path, err)
			}
		}
	}
	// The reader fills keys not given with the standard schema's defaults
	// (a workbook has no config.yaml), so values are compared with those,
	// not with the model's own (a config may redefine a default).
	schema := model.DefaultSchema()
	for _, p := range m.Params() {
		if p.OmitOnWrite() {
			continue
		}
		sheet, err := SheetName(p)
		if err != nil {
			return err
		}
		if err := newSheet(sheet); err != nil {
			return fmt.Errorf("xlsx: write %s: sheet %s: %w", path, sheet, err)
		}
		def := p.Default
		if d := schema.ParamDef(p.Name); d != nil {
			def = d.Default
		}
		var from *model.Param
		if p.DefaultFrom != "" {
			from = m.Param(p.DefaultFrom)
		}
		if err := writeParam(f, sheet, p, def, from); err != nil {
			return fmt.Errorf("xlsx: write %s: %w", path, err)
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o644); err != nil { // CreateTemp makes it 0600
		return fmt.Errorf("xlsx: %w", err)
	}
	if _, err := f.WriteTo(tmp); err != nil {
		return fmt.Errorf("xlsx: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// setElem writes an element: a number for an integer set (so that otoole
// reads an int), else a string.
func setElem(f *excelize.File, sheet string, col, row int, s *model.Set, e string) error {
	cell := cellName(col, row)
	if s.Dtype == model.DtypeInt {
		if v, err := strconv.ParseFloat(e, 64); err == nil {
			return setFloat(f, sheet, cell, v)
		}
	}
	return f.SetCellStr(sheet, cell, e)
}

// setFloat writes v exactly: excelize's automatic precision stops at 15
// significant digits, so the number of decimals of the shortest form is given.
func setFloat(f *excelize.File, sheet, cell string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s!%s: value %v cannot be written", sheet, cell, v)
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	prec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		prec = len(s) - i - 1
	}
	return f.SetCellFloat(sheet, cell, v, prec, 64)
}

// writeParam writes the keys of p whose value differs from def (the value a
// reader assigns to a key not given) or, for a parameter defaulting to
// another, from that parameter's value.
func writeParam(f *excelize.File, sheet string, p *model.Param, def float64, fromParam *model.Param) error {
	sets := p.Sets()
	n := len(sets)
	dense := p.Dense()
	var from []float64
	block := 1
	if fromParam != nil {
		for _, s := range sets[fromParam.Arity():] {
			block *= s.Len()
		}
		from = fromParam.Dense()
	}
	differs := func(i int) bool {
		d := def
		if from != nil {
			d = from[i/block]
		}
		return math.Float64bits(dense[i]) != math.Float64bits(d)
	}
	st := p.Strides()
	row := 1
	if wideLayout(p) {
		years := sets[n-1]
		for k := 0; k < n-1; k++ {
			if err := f.SetCellStr(sheet, cellName(k+1, 1), p.Columns[k]); err != nil {
				return err
			}
		}
		for y, e := range years.Elems {
			if err := setElem(f, sheet, n+y, 1, years, e); err != nil {
				return err
			}
		}
		ny := years.Len()
		for start := 0; start+ny <= len(dense) && ny > 0; start += ny {
			any := false
			for y := range ny {
				if differs(start + y) {
					any = true
					break
				}
			}
			if !any {
				continue
			}
			row++
			for k := 0; k < n-1; k++ {
				e := (start / st[k]) % sets[k].Len()
				if err := setElem(f, sheet, k+1, row, sets[k], sets[k].Elems[e]); err != nil {
					return err
				}
			}
			for y := range ny {
				if differs(start + y) {
					if err := setFloat(f, sheet, cellName(n+y, row), dense[start+y]); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	for k := 0; k < n; k++ {
		if err := f.SetCellStr(sheet, cellName(k+1, 1), p.Columns[k]); err != nil {
			return err
		}
	}
	if err := f.SetCellStr(sheet, cellName(n+1, 1), "VALUE"); err != nil {
		return err
	}
	for i, v := range dense {
		if !differs(i) {
			continue
		}
		row++
		for k := 0; k < n; k++ {
			e := (i / st[k]) % sets[k].Len()
			if err := setElem(f, sheet, k+1, row, sets[k], sets[k].Elems[e]); err != nil {
				return err
			}
		}
		if err := setFloat(f, sheet, cellName(n+1, row), v); err != nil {
			return err
		}
	}
	return nil
}
