package economy

import (
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
	"blueprint/results"
)

// Component is a kind of energy-system spending the bridge maps to IO
// sectors.
type Component int

// Spending components, each read from one result table.
const (
	// Capital is CapitalInvestment (money per year, undiscounted).
	Capital Component = iota + 1
	// Fixed is AnnualFixedOperatingCost.
	Fixed
	// Variable is AnnualVariableOperatingCost; in most OSeMOSYS models the
	// import and extraction technologies' variable costs are the fuel bill.
	Variable
	// Fuel is UseByTechnologyAnnual of a fuel × a price from the bridge file,
	// for fuels bought from outside whose cost the model does not carry.
	Fuel
)

var componentNames = [...]string{"", "capital", "fixed", "variable", "fuel"}

// String returns the component's name as written in bridge files.
func (c Component) String() string {
	if c > 0 && int(c) < len(componentNames) {
		return componentNames[c]
	}
	return "Component(" + strconv.Itoa(int(c)) + ")"
}

// Rule sends a share of one component's spending of the matching
// technologies (or fuel) to an IO sector, of which ImportShare leaves the
// region.
type Rule struct {
	Component Component
	// Key and Value select what the rule applies to: Key is "*" (any),
	// TECHNOLOGY, MEASURE or SECTOR (the model's technology groups), or
	// FUEL (fuel rules only).
	Key, Value string
	// Sector is the IO sector code that receives the spending.
	Sector string
	// Share of the selected spending going to Sector (shares of one
	// selector and component sum to 1).
	Share float64
	// ImportShare of that spending buys goods and services from outside
	// the region (no local final demand).
	ImportShare float64
	// Price (fuel rules): model money per model energy unit of the fuel.
	Price float64
	// Line is the rule's line in the bridge file.
	Line int
}

// Bridge maps energy-system spending to final demand by IO sector.
type Bridge struct {
	Rules []Rule
	// Proxy marks an illustrative or proxy mapping ("# proxy: true").
	Proxy bool
	// Source says where the shares come from ("# source: ...").
	Source string
	// File is the file name used in errors.
	File string
}

// selector precedence: a technology's own rule wins over its measure's,
// then its sector's, then "*".
var selectorRank = map[string]int{"TECHNOLOGY": 4, "MEASURE": 3, "SECTOR": 2, "FUEL": 4, "*": 1}

// ReadBridgeFile reads a bridge (technology → IO sector) file; see [ReadBridge].
func ReadBridgeFile(path string) (*Bridge, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("economy: %w", err)
	}
	return ReadBridge(bytes.NewReader(data), path)
}

// ReadBridge reads a bridge file: '#' metadata lines (proxy, source) and CSV
//
//	COMPONENT,SELECT,IO_SECTOR,SHARE,IMPORT_SHARE,PRICE,SOURCE,NOTE
//	capital,SECTOR=POWER,19,0.4,0.5,,S30,electrical equipment
//	capital,SECTOR=POWER,27,0.6,0,,S30,civil works
//	variable,TECHNOLOGY=IMPGAS,25,1,0.9,,,gas bought from outside the city
//	fuel,FUEL=COAL,02,1,1,18.5,S52,coal at 18.5 money per energy unit
//
// COMPONENT is capital, fixed, variable or fuel. SELECT is "*", or
// TECHNOLOGY=, MEASURE= or SECTOR= (technology groups) or FUEL= (fuel rows);
// the most specific selector that matches a technology wins (TECHNOLOGY,
// MEASURE, SECTOR, *). Shares of one COMPONENT and SELECT must sum to 1.
// IMPORT_SHARE is the part of the spending that leaves the region. PRICE is
// required on fuel rows (model money per model energy unit). SOURCE and
// NOTE are free text.
func ReadBridge(r io.Reader, name string) (*Bridge, error) {
	meta, cr, err := openCSV(r, name)
	if err != nil {
		return nil, err
	}
	b := &Bridge{File: name, Proxy: meta.proxy, Source: meta.source}
	var errs model.ErrorList
	pos := func(line int, field string, err error) {
		errs.Add(&model.PosError{File: name, Line: line, Field: field, Err: err})
	}
	hdr, err := cr.Read()
	if err != nil {
		return nil, &model.PosError{File: name, Line: 1, Err: fmt.Errorf("%w: %v", model.ErrSyntax, err)}
	}
	want := []string{"COMPONENT", "SELECT", "IO_SECTOR", "SHARE", "IMPORT_SHARE", "PRICE"}
	for i, w := range want {
		if i >= len(hdr) || !strings.EqualFold(strings.TrimSpace(hdr[i]), w) {
			l, _ := cr.FieldPos(0)
			return nil, &model.PosError{File: name, Line: l, Field: "header", Err: fmt.Errorf("%w: want %s,SOURCE,NOTE", model.ErrSyntax, strings.Join(want, ","))}
		}
	}
	type group struct {
		sum  float64
		line int
	}
	groups := map[string]*group{}
	var order []string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line := recordLine(cr, err)
		if err != nil {
			pos(line, "", fmt.Errorf("%w: %v", model.ErrSyntax, err))
			break
		}
		if len(rec) < len(want) {
			pos(line, "", fmt.Errorf("%w: %d fields, want at least %d", model.ErrArity, len(rec), len(want)))
			continue
		}
		var ru Rule
		ru.Line = line
		comp := strings.ToLower(strings.TrimSpace(rec[0]))
		for c := Capital; c <= Fuel; c++ {
			if comp == c.String() {
				ru.Component = c
			}
		}
		if ru.Component == 0 {
			pos(line, "COMPONENT", fmt.Errorf("%w: %q (want capital, fixed, variable or fuel)", model.ErrUnknownName, rec[0]))
			continue
		}
		sel := strings.TrimSpace(rec[1])
		if sel == "*" {
			ru.Key = "*"
		} else {
			k, v, ok := strings.Cut(sel, "=")
			ru.Key, ru.Value = strings.ToUpper(strings.TrimSpace(k)), strings.TrimSpace(v)
			if _, known := selectorRank[ru.Key]; !ok || !known || ru.Value == "" || ru.Key == "*" {
				pos(line, "SELECT", fmt.Errorf("%w: %q (want *, TECHNOLOGY=, MEASURE=, SECTOR= or FUEL=)", model.ErrSyntax, sel))
				continue
			}
		}
		if (ru.Key == "FUEL") != (ru.Component == Fuel) {
			pos(line, "SELECT", fmt.Errorf("%w: fuel rows select FUEL=<fuel>, other rows technologies", model.ErrInconsistent))
			continue
		}
		ru.Sector = strings.TrimSpace(rec[2])
		if ru.Sector == "" {
			pos(line, "IO_SECTOR", fmt.Errorf("%w: empty", model.ErrSyntax))
			continue
		}
		ok := true
		num := func(c int, field string, lo, hi float64, required bool) float64 {
			s := strings.TrimSpace(rec[c])
			if s == "" && !required {
				return 0
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v < lo || v > hi || math.IsNaN(v) {
				pos(line, field, fmt.Errorf("%w: %q (want a number in [%g, %g])", model.ErrDomain, s, lo, hi))
				ok = false
			}
			return v
		}
		ru.Share = num(3, "SHARE", 0, 1, true)
		ru.ImportShare = num(4, "IMPORT_SHARE", 0, 1, false)
		ru.Price = num(5, "PRICE", 0, math.MaxFloat64, ru.Component == Fuel)
		if !ok {
			continue
		}
		key := ru.Component.String() + " rows of " + sel
		g := groups[key]
		if g == nil {
			g = &group{line: line}
			groups[key] = g
			order = append(order, key)
		}
		g.sum += ru.Share
		b.Rules = append(b.Rules, ru)
	}
	for _, k := range order {
		if g := groups[k]; math.Abs(g.sum-1) > 1e-6 {
			pos(g.line, "SHARE", fmt.Errorf("%w: shares of %s sum to %g, want 1", model.ErrInconsistent, k, g.sum))
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return b, nil
}

// rulesFor returns the rules of component c that apply to a technology in
// group g (most specific selector first found), or nil.
func (b *Bridge) rulesFor(c Component, g results.Group) []Rule {
	best := 0
	var out []Rule
	for _, r := range b.Rules {
		if r.Component != c {
			continue
		}
		rank := 0
		switch r.Key {
		case "*":
			rank = 1
		case "SECTOR":
			if r.Value == g.Sector {
				rank = 2
			}
		case "MEASURE":
			if r.Value == g.Measure {
				rank = 3
			}
		case "TECHNOLOGY":
			if r.Value == g.Technology {
				rank = 4
			}
		}
		if rank == 0 || rank < best {
			continue
		}
		if rank > best {
			best, out = rank, out[:0]
		}
		out = append(out, r)
	}
	return out
}

// check verifies that every rule's IO sector exists in t.
func (b *Bridge) check(t *Table) error {
	var errs model.ErrorList
	for _, r := range b.Rules {
		if t.Index(r.Sector) < 0 {
			errs.Add(&model.PosError{File: b.File, Line: r.Line, Field: "IO_SECTOR", Err: fmt.Errorf("%w: %q is not a sector of the IO table", model.ErrUnknownElement, r.Sector)})
		}
	}
	return errs.Err()
}

type metaInfo struct {
	proxy  bool
	source string
}

// openCSV reads an input file whole (without a spreadsheet's UTF-8 BOM),
// parses its '#' metadata lines and returns a CSV reader over its rows
// (comments skipped, ragged rows allowed for positioned errors).
func openCSV(r io.Reader, name string) (metaInfo, *csv.Reader, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return metaInfo{}, nil, fmt.Errorf("economy: read %s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	meta, err := readMeta(data, name)
	if err != nil {
		return metaInfo{}, nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	return meta, cr, nil
}

func readMeta(data []byte, name string) (metaInfo, error) {
	var m metaInfo
	for i, l := range bytes.Split(data, []byte("\n")) {
		s := strings.TrimSpace(string(l))
		if !strings.HasPrefix(s, "#") {
			continue
		}
		k, v, ok := strings.Cut(strings.TrimSpace(s[1:]), ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "proxy":
			p, err := strconv.ParseBool(v)
			if err != nil {
				return m, &model.PosError{File: name, Line: i + 1, Field: "proxy", Err: fmt.Errorf("%w: %q is not true or false", model.ErrSyntax, v)}
			}
			m.proxy = p
		case "source":
			m.source = v
		}
	}
	return m, nil
}

var errNoRule = errors.New("economy: no bridge rule")

// recordLine is the line of the record just read (or of the parse error).
func recordLine(cr *csv.Reader, err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	if err != nil {
		return 0
	}
	l, _ := cr.FieldPos(0)
	return l
}
