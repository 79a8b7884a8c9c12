package model

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dtype is the type of a set's elements or a parameter's values.
type Dtype int

// Dtypes, as otoole's config spells them ("str", "int", "float").
const (
	DtypeUnknown Dtype = iota
	DtypeStr
	DtypeInt
	DtypeFloat
)

// String returns the otoole spelling.
func (d Dtype) String() string {
	switch d {
	case DtypeStr:
		return "str"
	case DtypeInt:
		return "int"
	case DtypeFloat:
		return "float"
	}
	return "unknown"
}

// ParseDtype reads an otoole dtype; ok is false for anything else.
func ParseDtype(s string) (Dtype, bool) {
	switch s {
	case "str":
		return DtypeStr, true
	case "int":
		return DtypeInt, true
	case "float":
		return DtypeFloat, true
	}
	return DtypeUnknown, false
}

// SetDef declares a set.
type SetDef struct {
	Name  string
	Dtype Dtype
	// Alias, when not empty, names the set this one stands for: otoole's
	// "_REGION" is REGION under a second column name (TradeRoute[r,rr,f,y]).
	// An alias has no elements of its own.
	Alias string
}

// ParamDef declares a parameter.
type ParamDef struct {
	Name string
	// Indices are the index sets, aliases resolved (TradeRoute: REGION REGION FUEL YEAR).
	Indices []string
	// Columns are the index column names in otoole files (TradeRoute: REGION _REGION FUEL YEAR).
	Columns []string
	Dtype   Dtype
	// Default is the value of every key not given, unless DefaultFrom is set.
	Default float64
	// DefaultFrom names a parameter whose indices are a prefix of this one's;
	// a missing key takes that parameter's value (DiscountRateIdv[r,t] =
	// DiscountRate[r], as osemosys.txt declares). Default is then only written
	// back to files that need one.
	DefaultFrom string
	// Unit is a unit expression over the dimensions Energy, Power, Money and
	// Emissions ("Money/Power", "1" for a pure number); see [Units.Resolve].
	Unit string
	// ShortName is otoole's name for Excel sheets (31 characters at most); empty when Name fits.
	ShortName string
}

// ResultDef declares a result table of otoole's config (kept so that a config
// round-trips; the solver's results are produced elsewhere).
type ResultDef struct {
	Name       string
	Indices    []string
	Dtype      Dtype
	Default    float64
	Unit       string
	ShortName  string
	Calculated bool
}

// Schema lists the sets and parameters a model may hold, in order. Treat a
// Schema as immutable once a [Model] uses it: extend a [Schema.Clone].
type Schema struct {
	Sets    []SetDef
	Params  []ParamDef
	Results []ResultDef
}

//go:embed schema.csv
var schemaCSV string

// DefaultSchema returns a fresh copy of the embedded schema: the sets and
// parameters of OSeMOSYS with the indices, defaults and Excel short names of
// otoole's standard config (otoole tests/fixtures/super_simple/config.yaml at
// commit 4142997), units as dimension expressions, and DiscountRateIdv
// defaulting to DiscountRate as osemosys.txt declares.
func DefaultSchema() *Schema {
	s, err := ParseSchemaCSV(schemaCSV)
	if err != nil {
		panic("model: embedded schema: " + err.Error())
	}
	return s
}

// ParseSchemaCSV reads a schema table with the columns
// name,type,dtype,indices,default,unit,short_name,alias,default_from
// (indices separated by spaces; type one of set, param, result).
func ParseSchemaCSV(text string) (*Schema, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = 9
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	s := &Schema{}
	for i, rec := range recs[1:] {
		line := i + 2
		name, typ, dt := rec[0], rec[1], rec[2]
		dtype, ok := ParseDtype(dt)
		if !ok {
			return nil, fmt.Errorf("schema line %d: %s: unknown dtype %q", line, name, dt)
		}
		var def float64
		if rec[4] != "" {
			def, err = strconv.ParseFloat(rec[4], 64)
			if err != nil {
				return nil, fmt.Errorf("schema line %d: %s: default: %w", line, name, err)
			}
		}
		cols := strings.Fields(rec[3])
		switch typ {
		case "set":
			s.Sets = append(s.Sets, SetDef{Name: name, Dtype: dtype, Alias: rec[7]})
		case "param":
			s.Params = append(s.Params, ParamDef{Name: name, Columns: cols, Dtype: dtype, Default: def,
				Unit: rec[5], ShortName: rec[6], DefaultFrom: rec[8]})
		case "result":
			s.Results = append(s.Results, ResultDef{Name: name, Indices: cols, Dtype: dtype, Default: def,
				Unit: rec[5], ShortName: rec[6], Calculated: true})
		default:
			return nil, fmt.Errorf("schema line %d: %s: unknown type %q", line, name, typ)
		}
	}
	if err := s.Resolve(); err != nil {
		return nil, err
	}
	return s, nil
}

// Clone returns a deep copy.
func (s *Schema) Clone() *Schema {
	c := &Schema{
		Sets:    append([]SetDef(nil), s.Sets...),
		Params:  make([]ParamDef, len(s.Params)),
		Results: make([]ResultDef, len(s.Results)),
	}
	for i, p := range s.Params {
		p.Indices = append([]string(nil), p.Indices...)
		p.Columns = append([]string(nil), p.Columns...)
		c.Params[i] = p
	}
	for i, r := range s.Results {
		r.Indices = append([]string(nil), r.Indices...)
		c.Results[i] = r
	}
	return c
}

// SetDef returns the declaration of a set, or nil.
func (s *Schema) SetDef(name string) *SetDef {
	for i := range s.Sets {
		if s.Sets[i].Name == name {
			return &s.Sets[i]
		}
	}
	return nil
}

// ParamDef returns the declaration of a parameter, or nil.
func (s *Schema) ParamDef(name string) *ParamDef {
	for i := range s.Params {
		if s.Params[i].Name == name {
			return &s.Params[i]
		}
	}
	return nil
}

// ResultDef returns the declaration of a result, or nil.
func (s *Schema) ResultDef(name string) *ResultDef {
	for i := range s.Results {
		if s.Results[i].Name == name {
			return &s.Results[i]
		}
	}
	return nil
}

// Resolve checks the schema and fills each parameter's Indices from its
// Columns (resolving aliases; a column "_X" with X a set and no declaration of
// its own is taken as an alias of X, as otoole writes TradeRoute). It reports
// duplicate names, unknown index sets and inconsistent DefaultFrom.
func (s *Schema) Resolve() error {
	seen := map[string]string{}
	sets := map[string]*SetDef{}
	for i := range s.Sets {
		d := &s.Sets[i]
		if d.Name == "" {
			return fmt.Errorf("schema: set with empty name")
		}
		if k, dup := seen[d.Name]; dup {
			return fmt.Errorf("schema: %s declared twice (as %s and set)", d.Name, k)
		}
		seen[d.Name] = "set"
		sets[d.Name] = d
	}
	for i := range s.Sets {
		d := &s.Sets[i]
		if d.Alias == "" {
			continue
		}
		t, ok := sets[d.Alias]
		if !ok || t.Alias != "" {
			return fmt.Errorf("schema: set %s: alias of %q, which is not a set", d.Name, d.Alias)
		}
		d.Dtype = t.Dtype
	}
	resolve := func(col string) (string, bool) {
		if d, ok := sets[col]; ok {
			if d.Alias != "" {
				return d.Alias, true
			}
			return col, true
		}
		if strings.HasPrefix(col, "_") {
			if d, ok := sets[col[1:]]; ok && d.Alias == "" {
				return d.Name, true
			}
		}
		return "", false
	}
	for i := range s.Params {
		p := &s.Params[i]
		if p.Name == "" {
			return fmt.Errorf("schema: parameter with empty name")
		}
		if k, dup := seen[p.Name]; dup {
			return fmt.Errorf("schema: %s declared twice (as %s and param)", p.Name, k)
		}
		seen[p.Name] = "param"
		if len(p.Columns) == 0 && len(p.Indices) > 0 {
			p.Columns = append([]string(nil), p.Indices...)
		}
		if len(p.Columns) == 0 {
			return fmt.Errorf("schema: parameter %s has no indices", p.Name)
		}
		p.Indices = make([]string, len(p.Columns))
		for j, c := range p.Columns {
			set, ok := resolve(c)
			if !ok {
				return fmt.Errorf("schema: parameter %s: index %q is not a set", p.Name, c)
			}
			p.Indices[j] = set
		}
		if math.IsNaN(p.Default) {
			return fmt.Errorf("schema: parameter %s: default is NaN", p.Name)
		}
	}
	for i := range s.Params {
		p := &s.Params[i]
		if p.DefaultFrom == "" {
			continue
		}
		q := s.ParamDef(p.DefaultFrom)
		if q == nil || len(q.Indices) > len(p.Indices) {
			return fmt.Errorf("schema: parameter %s: default_from %q is not a parameter indexed by a prefix of its indices", p.Name, p.DefaultFrom)
		}
		for j, x := range q.Indices {
			if p.Indices[j] != x {
				return fmt.Errorf("schema: parameter %s: default_from %q is not indexed by a prefix of its indices", p.Name, p.DefaultFrom)
			}
		}
	}
	for i := range s.Results {
		r := &s.Results[i]
		if k, dup := seen[r.Name]; dup {
			return fmt.Errorf("schema: %s declared twice (as %s and result)", r.Name, k)
		}
		seen[r.Name] = "result"
	}
	return nil
}

// Units names the units a model's numbers are in, e.g. Energy "PJ", Power
// "GW", Money "million USD", Emissions "Mt CO2". An empty field is not declared.
// Emission overrides the Emissions unit for single emissions: a
// pseudo-emission that counts primary energy (Beijing's ENE, "PJ") is not
// in Mt CO2.
type Units struct {
	Energy, Power, Money, Emissions string
	Emission                        map[string]string `json:",omitempty"`
}

// Empty reports whether no unit is declared.
func (u Units) Empty() bool {
	return u.Energy == "" && u.Power == "" && u.Money == "" && u.Emissions == "" && len(u.Emission) == 0
}

// ResolveFor is [Units.Resolve] for a value of emission e: "Emissions"
// becomes e's own unit when one is declared.
func (u Units) ResolveFor(expr, e string) string {
	if v, ok := u.Emission[e]; ok {
		u.Emissions = v
	}
	return u.Resolve(expr)
}

// Resolve substitutes declared units into a unit expression of the schema
// ("Money/Power" → "million USD/GW"); undeclared dimensions keep their name,
// and "1" (a pure number) becomes "".
func (u Units) Resolve(expr string) string {
	if expr == "1" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(expr); {
		j := i
		for j < len(expr) && (expr[j] >= 'A' && expr[j] <= 'Z' || expr[j] >= 'a' && expr[j] <= 'z') {
			j++
		}
		if j == i {
			b.WriteByte(expr[i])
			i++
			continue
		}
		w := expr[i:j]
		sub := ""
		switch w {
		case "Energy":
			sub = u.Energy
		case "Power":
			sub = u.Power
		case "Money":
			sub = u.Money
		case "Emissions":
			sub = u.Emissions
		}
		if sub == "" {
			sub = w
		}
		b.WriteString(sub)
		i = j
	}
	return b.String()
}

func (u Units) clone() Units {
	if u.Emission != nil {
		e := make(map[string]string, len(u.Emission))
		for k, v := range u.Emission {
			e[k] = v
		}
		u.Emission = e
	}
	return u
}
