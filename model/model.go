package model

import (
	"fmt"
)

// Model is an OSeMOSYS model's data: its sets and parameters as the schema
// declares them, each parameter with its explicit rows and its default.
//
// A Model is built by a loader (New, AddElem, Param.Add, then Freeze) and
// then read; reads are safe for concurrent use, mutation is not.
type Model struct {
	// Name is a label for messages and outputs (the folder or file name).
	Name string
	// Scenario names the scenario applied to the base data ("" for none).
	Scenario string
	// Units are the units of the model's numbers.
	Units Units
	// Groups assign technologies to sectors and measures (optional, see
	// [TechGroup]); in the order read.
	Groups []TechGroup

	schema *Schema
	sets   []*Set
	params []*Param
	setIdx map[string]*Set // includes aliases
	parIdx map[string]*Param
	tab    *strtab
}

// New returns an empty model with every set and parameter of s, each
// parameter with the schema's default. s must not change afterwards; it must
// have been resolved (as [DefaultSchema] and [ParseSchemaCSV] are).
func New(s *Schema) *Model {
	m := &Model{schema: s, setIdx: map[string]*Set{}, parIdx: map[string]*Param{}, tab: newStrtab()}
	for _, d := range s.Sets {
		if d.Alias != "" {
			continue
		}
		set := newSet(d)
		m.sets = append(m.sets, set)
		m.setIdx[d.Name] = set
	}
	for _, d := range s.Sets {
		if d.Alias != "" {
			m.setIdx[d.Name] = m.setIdx[d.Alias]
		}
	}
	for _, d := range s.Params {
		p := &Param{Name: d.Name, Indices: d.Indices, Columns: d.Columns, Default: d.Default,
			DefaultFrom: d.DefaultFrom, Unit: d.Unit, ShortName: d.ShortName, tab: m.tab, sorted: true}
		p.sets = make([]*Set, len(d.Indices))
		for j, name := range d.Indices {
			p.sets[j] = m.setIdx[name]
			if p.sets[j] == nil {
				panic(fmt.Sprintf("model: schema not resolved: %s index %s", d.Name, name))
			}
		}
		m.params = append(m.params, p)
		m.parIdx[d.Name] = p
	}
	m.link()
	return m
}

// link points each parameter with DefaultFrom at that parameter.
func (m *Model) link() {
	for _, p := range m.params {
		if p.DefaultFrom != "" {
			p.from = m.parIdx[p.DefaultFrom]
			p.from.deps = append(p.from.deps, p)
		}
	}
}

// Schema returns the schema the model was made with. Do not modify it.
func (m *Model) Schema() *Schema { return m.schema }

// Set returns the set called name (an alias such as "_REGION" gives the set
// it stands for), or nil when the schema has no such set.
func (m *Model) Set(name string) *Set { return m.setIdx[name] }

// Param returns the parameter called name, or nil when the schema has none.
func (m *Model) Param(name string) *Param { return m.parIdx[name] }

// Sets returns the sets in schema order (aliases left out). The slice is owned by m.
func (m *Model) Sets() []*Set { return m.sets }

// Params returns the parameters in schema order. The slice is owned by m.
func (m *Model) Params() []*Param { return m.params }

// AddElem adds an element to a set (a no-op returning the element when it is
// already there). In an integer set the element is inserted in numeric order
// and the keys of every parameter indexed by the set are renumbered. It fails
// for an unknown set or a non-integer element of an integer set.
func (m *Model) AddElem(set, name string) (Elem, error) {
	s := m.setIdx[set]
	if s == nil {
		return 0, Wrap(ErrUnknownName, "no set %s in the schema", set)
	}
	if name == "" {
		return 0, Wrap(ErrSyntax, "empty element name")
	}
	e, pos, err := s.add(name)
	if err != nil {
		return 0, err
	}
	if pos >= 0 && pos < s.Len()-1 {
		for _, p := range m.params {
			for j, ps := range p.sets {
				if ps == s {
					p.shift(j, pos)
				}
			}
		}
	}
	if pos >= 0 {
		for _, p := range m.params {
			for _, ps := range p.sets {
				if ps == s {
					p.invalidate()
					break
				}
			}
		}
	}
	return e, nil
}

// Freeze sorts every parameter's entries (see [Param.Sort]) and returns the
// duplicate rows found, sorted by position. Loaders call it once at the end.
func (m *Model) Freeze() ErrorList {
	var errs ErrorList
	for _, p := range m.params {
		errs = append(errs, p.Sort()...)
	}
	errs.Sort()
	return errs
}

// Clone returns a deep copy of m (for scenarios): changing one does not change the other.
func (m *Model) Clone() *Model {
	c := &Model{Name: m.Name, Scenario: m.Scenario, Units: m.Units.clone(), schema: m.schema, setIdx: map[string]*Set{},
		parIdx: map[string]*Param{}, tab: m.tab.clone(), Groups: append([]TechGroup(nil), m.Groups...)}
	for _, s := range m.sets {
		cs := s.clone()
		c.sets = append(c.sets, cs)
		c.setIdx[s.Name] = cs
	}
	for name, s := range m.setIdx {
		if s.Name != name {
			c.setIdx[name] = c.setIdx[s.Name]
		}
	}
	for _, p := range m.params {
		cp := &Param{Name: p.Name, Indices: p.Indices, Columns: p.Columns, Default: p.Default,
			DefaultFrom: p.DefaultFrom, Unit: p.Unit, ShortName: p.ShortName, tab: c.tab, sorted: p.sorted,
			keys: append([]Elem(nil), p.keys...), vals: append([]float64(nil), p.vals...)}
		if p.org != nil {
			cp.org = append([]origin(nil), p.org...)
		}
		cp.sets = make([]*Set, len(p.sets))
		for j, s := range p.sets {
			cp.sets[j] = c.setIdx[s.Name]
		}
		c.params = append(c.params, cp)
		c.parIdx[p.Name] = cp
	}
	c.link()
	return c
}

// UnitOf returns the concrete unit of a parameter ("million USD/GW"), ""
// for a pure number.
func (m *Model) UnitOf(p *Param) string { return m.Units.Resolve(p.Unit) }
