// Package otoole reads and writes OSeMOSYS models in otoole's CSV layout: a
// folder with one CSV per set (column VALUE) and per parameter (index columns
// then VALUE), and a config.yaml listing each name's indices, type and default.
//
// # Layout
//
// [ReadDir] accepts the model folder (config.yaml next to a csv/ folder, as
// otoole's fixtures are laid out) or the CSV folder itself (config.yaml then
// read from its parent when present). A missing parameter file means "all
// default". Optional columns SOURCE, NOTE and UNIT are kept as provenance
// ([model.Param.Provenance]). A UTF-8 byte-order mark and CRLF line ends are
// accepted. Blueprint's units (Energy, Power, Money, Emissions) are read from
// an optional units.csv in the model folder (columns DIMENSION,UNIT), a file
// otoole ignores, and technology groups (sector, measure) from an optional
// TechnologyGroup.csv in the model or CSV folder ([GroupsFile]).
//
// [WriteDir] writes config.yaml, units.csv (when units are declared) and csv/,
// sorted as declared, so that a model diffs cleanly in git.
package otoole

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"blueprint/model"
)

// Files with these names in the CSV folder are known and skipped:
// default_values.csv is the defaults table of otoole's older datapackage layout.
var skipFiles = map[string]bool{"default_values.csv": true}

// ReadDir reads an otoole model folder; see [Read]. Warnings are dropped.
func ReadDir(dir string) (*model.Model, error) {
	m, _, err := Read(dir)
	return m, err
}

// Read reads an otoole model folder. The error, when not nil, is a
// [model.ErrorList] of every problem found (unknown elements, wrong arity,
// duplicate rows, non-numeric values, each as file:line:col) or an I/O error.
// warnings lists what was ignored: CSV files that the config does not
// declare, and empty files whose header does not match the config.
func Read(dir string) (m *model.Model, warnings model.ErrorList, err error) {
	root, csvDir, err := locate(dir)
	if err != nil {
		return nil, nil, err
	}
	schema := model.DefaultSchema()
	cfg := filepath.Join(root, "config.yaml")
	if _, statErr := os.Stat(cfg); statErr == nil {
		schema, err = ReadConfig(cfg, schema)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", dir, err)
		}
	}
	m = model.New(schema)
	m.Name = modelName(root)
	var d Diag
	if err := readUnits(filepath.Join(root, "units.csv"), m, &d.Errs); err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	for _, sd := range schema.Sets {
		known[sd.Name+".csv"] = true
		data, path, err := readFile(csvDir, sd.Name)
		if err != nil {
			return nil, nil, err
		}
		if data != nil {
			ReadSet(m, sd.Name, path, data, &d)
		}
	}
	for _, e := range sortedKeys(m.Units.Emission) {
		if _, ok := m.Set("EMISSION").Lookup(e); !ok {
			d.Errs.Add(model.Errorf(model.Pos{File: filepath.Join(root, "units.csv")}, "units", model.ErrUnknownElement,
				"Emissions:%s: %q is not in set EMISSION", e, e))
		}
	}
	for _, p := range m.Params() {
		known[p.Name+".csv"] = true
		data, path, err := readFile(csvDir, p.Name)
		if err != nil {
			return nil, nil, err
		}
		if data != nil {
			ReadParam(m, p, path, data, &d)
		}
	}
	for _, r := range schema.Results {
		known[r.Name+".csv"] = true
	}
	known[GroupsFile] = true
	groups := filepath.Join(root, GroupsFile)
	if _, err := os.Stat(groups); err != nil {
		groups = filepath.Join(csvDir, GroupsFile)
	}
	if err := readGroups(groups, m, &d.Errs); err != nil {
		return nil, nil, err
	}
	ents, err := os.ReadDir(csvDir)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !strings.EqualFold(filepath.Ext(n), ".csv") || known[n] || skipFiles[n] {
			continue
		}
		d.Warnings.Add(model.Errorf(model.Pos{File: filepath.Join(csvDir, n)}, strings.TrimSuffix(n, filepath.Ext(n)),
			model.ErrUnknownName, "not a set or parameter of the config; file ignored"))
	}
	d.Errs = append(d.Errs, m.Freeze()...)
	d.Warnings.Sort()
	if len(d.Errs) > 0 {
		d.Errs.Sort()
		return nil, d.Warnings, d.Errs
	}
	return m, d.Warnings, nil
}

// modelName names a model after its folder, or after the folder above when
// the folder has a generic name (dataset/beijing/model is "beijing").
func modelName(root string) string {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	name := filepath.Base(abs)
	switch strings.ToLower(name) {
	case "model", "csv", "data":
		if p := filepath.Base(filepath.Dir(abs)); p != "." && p != string(filepath.Separator) {
			return p
		}
	}
	return name
}

// locate finds the model root (where config.yaml may be) and the CSV folder.
func locate(dir string) (root, csvDir string, err error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return "", "", fmt.Errorf("read model: %w", err)
	}
	if !fi.IsDir() {
		return "", "", fmt.Errorf("read model %s: not a directory", dir)
	}
	if fi, err := os.Stat(filepath.Join(dir, "csv")); err == nil && fi.IsDir() {
		return dir, filepath.Join(dir, "csv"), nil
	}
	if _, err := os.Stat(filepath.Join(dir, "config.yaml")); err != nil {
		parent := filepath.Dir(filepath.Clean(dir))
		if _, err := os.Stat(filepath.Join(parent, "config.yaml")); err == nil {
			return parent, dir, nil
		}
	}
	return dir, dir, nil
}

// readFile returns the contents of dir/name.csv, or nil when it does not exist.
func readFile(dir, name string) ([]byte, string, error) {
	path := filepath.Join(dir, name+".csv")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, path, nil
	}
	if err != nil {
		return nil, path, fmt.Errorf("read %s: %w", path, err)
	}
	return data, path, nil
}

// newReader returns a CSV reader over data with the byte-order mark removed.
func newReader(data []byte) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, bom)))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return r
}

// csvError converts an encoding/csv error to a positioned one.
func csvError(file, name string, err error) *model.PosError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return model.Errorf(model.Pos{File: file, Line: pe.Line, Col: pe.Column}, name, model.ErrSyntax, "CSV syntax: %v", pe.Err)
	}
	return model.Errorf(model.Pos{File: file}, name, model.ErrSyntax, "CSV syntax: %v", err)
}

// rowKey formats a row's index fields as "Name[a,b,c]" for messages.
func rowKey(name string, rec []string, index []int) string {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('[')
	for j, f := range index {
		if j > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strings.TrimSpace(rec[f]))
	}
	b.WriteByte(']')
	return b.String()
}

// header maps the columns of a file.
type header struct {
	index              []int // field of each index of the param, -1 = missing
	value              int
	source, note, unit int
	n                  int
}

func readHeader(file, name string, columns []string, r *csv.Reader, d *Diag) (*header, bool) {
	var bad model.ErrorList
	h, ok := readHeader1(file, name, columns, r, &bad)
	if ok {
		return h, true
	}
	if h != nil {
		// otoole writes empty files with stale headers (sweden_se: DiscountRate
		// with a TECHNOLOGY column); with no rows the header does not matter.
		if _, err := r.Read(); err == io.EOF {
			for _, e := range bad {
				e.Err = fmt.Errorf("%w (the file has no rows, so it is ignored)", e.Err)
				d.Warnings.Add(e)
			}
			return nil, false
		}
	}
	d.Errs = append(d.Errs, bad...)
	return nil, false
}

func readHeader1(file, name string, columns []string, r *csv.Reader, errs *model.ErrorList) (*header, bool) {
	rec, err := r.Read()
	if err == io.EOF {
		errs.Add(model.Errorf(model.Pos{File: file, Line: 1}, name, model.ErrSyntax, "empty file: want a header %s", strings.Join(append(append([]string(nil), columns...), "VALUE"), ",")))
		return nil, false
	}
	if err != nil {
		errs.Add(csvError(file, name, err))
		return nil, false
	}
	h := &header{index: make([]int, len(columns)), value: -1, source: -1, note: -1, unit: -1, n: len(rec)}
	for i := range h.index {
		h.index[i] = -1
	}
	ok := true
	for f, c := range rec {
		c = strings.TrimSpace(c)
		line, col := r.FieldPos(f)
		at := model.Pos{File: file, Line: line, Col: col}
		slot := (*int)(nil)
		switch c {
		case "VALUE":
			slot = &h.value
		case "SOURCE":
			slot = &h.source
		case "NOTE":
			slot = &h.note
		case "UNIT":
			slot = &h.unit
		default:
			for j, want := range columns {
				if c == want && h.index[j] == -1 {
					slot = &h.index[j]
					break
				}
			}
			if slot == nil {
				what := "unknown column"
				for _, want := range columns {
					if c == want {
						what = "column given twice"
					}
				}
				errs.Add(model.Errorf(at, name, model.ErrArity, "%s %q: want %s", what, c, strings.Join(append(append([]string(nil), columns...), "VALUE"), ",")))
				ok = false
				continue
			}
		}
		if *slot != -1 {
			errs.Add(model.Errorf(at, name, model.ErrArity, "column %q given twice", c))
			ok = false
			continue
		}
		*slot = f
	}
	line, _ := r.FieldPos(0)
	for j, f := range h.index {
		if f == -1 {
			errs.Add(model.Errorf(model.Pos{File: file, Line: line, Col: 1}, name, model.ErrArity, "missing index column %s (header must be %s)",
				columns[j], strings.Join(append(append([]string(nil), columns...), "VALUE"), ",")))
			ok = false
		}
	}
	if h.value == -1 {
		errs.Add(model.Errorf(model.Pos{File: file, Line: line, Col: 1}, name, model.ErrArity, "missing column VALUE"))
		ok = false
	}
	return h, ok
}

// Diag collects the problems found while reading: errors make the model
// unusable, warnings do not.
type Diag struct {
	Errs, Warnings model.ErrorList
}

// ReadSet reads the CSV of set name from data (file names it in errors) into m,
// adding each element in file order; problems are appended to d. An alias
// set (_REGION) adds nothing: its elements must already be in the set it stands for.
func ReadSet(m *model.Model, name, file string, data []byte, d *Diag) {
	errs := &d.Errs
	r := newReader(data)
	h, ok := readHeader(file, name, nil, r, d)
	if !ok {
		return
	}
	alias := m.Schema().SetDef(name) != nil && m.Schema().SetDef(name).Alias != ""
	set := m.Set(name)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			errs.Add(csvError(file, name, err))
			return
		}
		line, col := r.FieldPos(0)
		if len(rec) != h.n {
			errs.Add(model.Errorf(model.Pos{File: file, Line: line, Col: col}, name, model.ErrArity, "row %q has %d fields, header has %d", strings.Join(rec, ","), len(rec), h.n))
			continue
		}
		v := strings.TrimSpace(rec[h.value])
		_, col = r.FieldPos(h.value)
		at := model.Pos{File: file, Line: line, Col: col}
		if v == "" {
			errs.Add(model.Errorf(at, name, model.ErrSyntax, "empty element"))
			continue
		}
		if alias {
			if _, ok := set.Lookup(v); !ok {
				errs.Add(model.Errorf(at, name, model.ErrUnknownElement, "%q is not in %s", v, set.Name))
			}
			continue
		}
		if _, ok := set.Index(v); ok {
			errs.Add(model.Errorf(at, name, model.ErrDuplicate, "element %q given twice", v))
			continue
		}
		if _, err := m.AddElem(name, v); err != nil {
			errs.Add(&model.PosError{File: file, Line: line, Col: col, Field: name, Err: err})
		}
	}
}

// ReadParam reads the CSV of parameter p from data (file names it in errors)
// into p, keeping each row's position and its SOURCE, NOTE and UNIT; problems
// (unknown elements, wrong field counts, non-numeric values) are appended to d.
func ReadParam(m *model.Model, p *model.Param, file string, data []byte, d *Diag) {
	errs := &d.Errs
	r := newReader(data)
	h, ok := readHeader(file, p.Name, p.Columns, r, d)
	if !ok {
		return
	}
	sets := p.Sets()
	key := make([]model.Elem, len(sets))
	var o model.Origin
	o.File = file
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			errs.Add(csvError(file, p.Name, err))
			return
		}
		line, col := r.FieldPos(0)
		if len(rec) != h.n {
			errs.Add(model.Errorf(model.Pos{File: file, Line: line, Col: col}, p.Name, model.ErrArity,
				"row %q has %d fields, header has %d", strings.Join(rec, ","), len(rec), h.n))
			continue
		}
		good := true
		for j, f := range h.index {
			name := strings.TrimSpace(rec[f])
			e, ok := sets[j].Lookup(name)
			if !ok {
				_, col := r.FieldPos(f)
				errs.Add(model.Errorf(model.Pos{File: file, Line: line, Col: col}, rowKey(p.Name, rec, h.index), model.ErrUnknownElement,
					"%s %q is not in set %s", p.Columns[j], name, sets[j].Name))
				good = false
				continue
			}
			key[j] = e
		}
		vs := strings.TrimSpace(rec[h.value])
		_, vcol := r.FieldPos(h.value)
		v, err := strconv.ParseFloat(vs, 64)
		if err != nil {
			errs.Add(model.Errorf(model.Pos{File: file, Line: line, Col: vcol}, rowKey(p.Name, rec, h.index), model.ErrNotNumber,
				"VALUE %q is not a number", vs))
			good = false
		}
		if !good {
			continue
		}
		o.Line, o.Col = line, vcol
		o.Source, o.Note, o.Unit = field(rec, h.source), field(rec, h.note), field(rec, h.unit)
		p.Add(key, v, &o)
	}
}

func field(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// unitDims lists the dimensions of units.csv.
var unitDims = []string{"Energy", "Power", "Money", "Emissions"}

func readUnits(path string, m *model.Model, errs *model.ErrorList) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	r := newReader(data)
	recs, err := r.ReadAll()
	if err != nil {
		errs.Add(csvError(path, "units", err))
		return nil
	}
	for i, rec := range recs {
		if i == 0 {
			if len(rec) != 2 || rec[0] != "DIMENSION" || rec[1] != "UNIT" {
				errs.Add(model.Errorf(model.Pos{File: path, Line: 1, Col: 1}, "units", model.ErrSyntax, "header must be DIMENSION,UNIT"))
				return nil
			}
			continue
		}
		at := model.Pos{File: path, Line: i + 1, Col: 1}
		if len(rec) != 2 {
			errs.Add(model.Errorf(at, "units", model.ErrArity, "row has %d fields, want 2", len(rec)))
			continue
		}
		u := strings.TrimSpace(rec[1])
		switch strings.TrimSpace(rec[0]) {
		case "Energy":
			m.Units.Energy = u
		case "Power":
			m.Units.Power = u
		case "Money":
			m.Units.Money = u
		case "Emissions":
			m.Units.Emissions = u
		default:
			if e, ok := strings.CutPrefix(strings.TrimSpace(rec[0]), "Emissions:"); ok && e != "" {
				if m.Units.Emission == nil {
					m.Units.Emission = map[string]string{}
				}
				m.Units.Emission[e] = u
				continue
			}
			errs.Add(model.Errorf(at, "units", model.ErrUnknownName, "dimension %q is not one of %s, or Emissions:<EMISSION>", rec[0], strings.Join(unitDims, ", ")))
		}
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
