// Package results holds the outcome of a solved model as tidy tables keyed
// by the OSeMOSYS result names (NewCapacity, TotalCapacityAnnual,
// ProductionByTechnologyAnnual, AnnualEmissions, TotalDiscountedCost, ...)
// plus Blueprint's own (CarbonPrice), and writes them as otoole-style CSV
// folders, Excel workbooks and IAMC timeseries.
//
// # Overview
//
// A [Table] has index columns named after the model's sets (REGION,
// TECHNOLOGY, YEAR, ...), one VALUE column and a unit. Rows are in model
// order and only non-zero values are kept, as the reference's own result
// tables do. Tables are produced by package osemosys from a solution and
// read by the analyses and the report.
//
// Writers are atomic: [WriteCSVDir] writes into a temporary folder beside
// the target and renames it into place, so an interrupted run never leaves a
// half-written folder and the previous results stay intact until the new
// ones are complete.
package results

import (
	"fmt"
	"sort"
)

// Table is one result table in tidy form.
type Table struct {
	// Name is the OSeMOSYS result name, e.g. "TotalCapacityAnnual".
	Name string
	// Indices names the index columns (set names, e.g. REGION, TECHNOLOGY, YEAR).
	Indices []string
	// Unit of VALUE, e.g. "GW" or "million USD"; empty when the model
	// declares no units.
	Unit string
	// UnitBy, when not empty, names an index column whose element gives a
	// row its own unit from Units (AnnualEmissions by EMISSION when a
	// pseudo-emission counts energy); rows whose element is not in Units
	// are in Unit.
	UnitBy string
	// Units maps elements of the UnitBy column to their unit.
	Units map[string]string
	// Keys holds the index elements row by row: row i is
	// Keys[i*len(Indices) : (i+1)*len(Indices)].
	Keys []string
	// Values holds VALUE row by row.
	Values []float64
}

// RowUnit returns the unit of row i.
func (t *Table) RowUnit(i int) string {
	if t.UnitBy != "" {
		for c, n := range t.Indices {
			if n == t.UnitBy {
				if u, ok := t.Units[t.Key(i)[c]]; ok {
					return u
				}
				break
			}
		}
	}
	return t.Unit
}

// Len returns the number of rows.
func (t *Table) Len() int { return len(t.Values) }

// Key returns the index elements of row i (a slice of t.Keys; do not modify).
func (t *Table) Key(i int) []string {
	n := len(t.Indices)
	return t.Keys[i*n : (i+1)*n]
}

// Append adds a row. It panics if len(key) != len(t.Indices).
func (t *Table) Append(v float64, key ...string) {
	if len(key) != len(t.Indices) {
		panic(fmt.Sprintf("results: %s: %d keys for %d indices", t.Name, len(key), len(t.Indices)))
	}
	t.Keys = append(t.Keys, key...)
	t.Values = append(t.Values, v)
}

// Sum returns the sum of VALUE over the rows whose index column col equals
// elem, for every distinct value of column by (in first-seen order). With
// col == "" every row counts. It is the building block of "X by year".
func (t *Table) Sum(col, elem, by string) (keys []string, sums []float64) {
	ci, bi := -1, -1
	for i, n := range t.Indices {
		if n == col {
			ci = i
		}
		if n == by {
			bi = i
		}
	}
	if bi < 0 || (col != "" && ci < 0) {
		return nil, nil
	}
	pos := map[string]int{}
	for i := range t.Values {
		k := t.Key(i)
		if ci >= 0 && k[ci] != elem {
			continue
		}
		j, ok := pos[k[bi]]
		if !ok {
			j = len(keys)
			pos[k[bi]] = j
			keys = append(keys, k[bi])
			sums = append(sums, 0)
		}
		sums[j] += t.Values[i]
	}
	return keys, sums
}

// Results is the outcome of one solved model or scenario.
type Results struct {
	// Model and Scenario name the run.
	Model, Scenario string
	// Status is the solver status ("optimal", ...).
	Status string
	// Objective is the total discounted cost.
	Objective float64
	// Tables in a fixed order (see osemosys).
	Tables []*Table
	// Groups assign technologies to sectors and measures (from the model's
	// TechnologyGroup.csv); empty when the model has none.
	Groups []Group
}

// Group assigns a technology to a sector and a measure.
type Group struct {
	Technology, Sector, Measure string
}

// GroupOf returns technology t's group, or t as its own sector and measure
// when none is given.
func (r *Results) GroupOf(t string) Group {
	for _, g := range r.Groups {
		if g.Technology == t {
			return g
		}
	}
	return Group{Technology: t, Sector: t, Measure: t}
}

// Table returns the table called name, or nil.
func (r *Results) Table(name string) *Table {
	for _, t := range r.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Names returns the table names, sorted.
func (r *Results) Names() []string {
	out := make([]string, len(r.Tables))
	for i, t := range r.Tables {
		out[i] = t.Name
	}
	sort.Strings(out)
	return out
}
