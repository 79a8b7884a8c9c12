// Package lp is Blueprint's solver-neutral linear programme: a [Problem] in
// compressed sparse column (CSC) form, the [Solution] a solver returns, the
// [Solver] interface that COIN-OR Clp (package clp) implements, free MPS
// reading and writing, and a checker of optimality conditions.
//
// # Overview
//
// A Problem is
//
//	minimise (or maximise)  c'x + ObjOffset
//	subject to              RowLower <= A x <= RowUpper
//	                        ColLower <=   x <= ColUpper
//
// with A stored column by column: the entries of column j are
// Index[Start[j]:Start[j+1]] (row indices, strictly increasing) and
// Value[Start[j]:Start[j+1]]. Infinite bounds are math.Inf(±1). An equality
// row has RowLower == RowUpper; a ranged row has both finite.
//
// Names are not stored: ColName and RowName, when set, produce them on
// demand, so a model with millions of columns never builds strings unless
// an MPS file or an error message asks for them.
//
// [Builder] assembles a Problem row by row and converts it to CSC by
// counting, prefix sums and filling, without a struct or map per entry.
package lp

import "math"

// Sense is the direction of optimisation. The zero value is Minimize.
type Sense int8

const (
	// Minimize the objective (the default).
	Minimize Sense = 0
	// Maximize the objective.
	Maximize Sense = 1
)

// String returns "minimize" or "maximize".
func (s Sense) String() string {
	if s == Maximize {
		return "maximize"
	}
	return "minimize"
}

// Inf is positive infinity, the bound meaning "no bound".
var Inf = math.Inf(1)

// Problem is a linear programme in CSC form. See the package documentation
// for the meaning of each field. All slices are owned by the Problem.
type Problem struct {
	// Name is the problem's name (MPS NAME section); may be empty.
	Name string
	// Sense is Minimize or Maximize.
	Sense Sense
	// Obj holds the objective coefficient of each column; len(Obj) is the
	// number of columns.
	Obj []float64
	// ObjOffset is a constant added to the objective value.
	ObjOffset float64
	// ColLower and ColUpper bound each column.
	ColLower, ColUpper []float64
	// RowLower and RowUpper bound each row's activity; len(RowLower) is the
	// number of rows.
	RowLower, RowUpper []float64
	// Start has NumCols()+1 entries: column j's entries are
	// Index[Start[j]:Start[j+1]] and Value[Start[j]:Start[j+1]].
	Start []int32
	// Index holds the row index of each entry, strictly increasing within
	// a column.
	Index []int32
	// Value holds each entry's coefficient.
	Value []float64
	// ColName, when not nil, returns the name of column j.
	ColName func(j int) string
	// RowName, when not nil, returns the name of row i.
	RowName func(i int) string
}

// NumCols returns the number of columns.
func (p *Problem) NumCols() int { return len(p.Obj) }

// NumRows returns the number of rows.
func (p *Problem) NumRows() int { return len(p.RowLower) }

// NumNonzeros returns the number of matrix entries.
func (p *Problem) NumNonzeros() int { return len(p.Value) }

// Col returns the name of column j: ColName(j) when set, else "C<j>".
func (p *Problem) Col(j int) string {
	if p.ColName != nil {
		return p.ColName(j)
	}
	return "C" + itoa(j)
}

// Row returns the name of row i: RowName(i) when set, else "R<i>".
func (p *Problem) Row(i int) string {
	if p.RowName != nil {
		return p.RowName(i)
	}
	return "R" + itoa(i)
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	neg := i < 0
	if neg {
		i = -i
	}
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			break
		}
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}
