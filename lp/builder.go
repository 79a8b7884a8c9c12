package lp

import (
	"fmt"
	"math"
)

// Builder assembles a [Problem] column by column (bounds and costs) and row
// by row (coefficients), then converts the rows to CSC in [Builder.Build].
// Entries are kept in flat arrays (compressed rows), never one struct per
// entry. The zero value is ready to use.
type Builder struct {
	obj, colLo, colUp []float64
	rowLo, rowUp      []float64
	rowStart          []int64 // len rows+1 once a row is added
	col               []int32
	val               []float64
	mark              []int64 // per column: position+1 of its entry in the current row
}

// Reserve grows the builder's capacity for cols columns, rows rows and nnz
// entries, to avoid reallocation when the sizes are known in advance.
func (b *Builder) Reserve(cols, rows, nnz int) {
	grow := func(s []float64, n int) []float64 {
		if cap(s)-len(s) < n {
			t := make([]float64, len(s), len(s)+n)
			copy(t, s)
			return t
		}
		return s
	}
	b.obj, b.colLo, b.colUp = grow(b.obj, cols), grow(b.colLo, cols), grow(b.colUp, cols)
	b.rowLo, b.rowUp = grow(b.rowLo, rows), grow(b.rowUp, rows)
	b.val = grow(b.val, nnz)
	if cap(b.col)-len(b.col) < nnz {
		t := make([]int32, len(b.col), len(b.col)+nnz)
		copy(t, b.col)
		b.col = t
	}
}

// NumCols returns the number of columns added so far.
func (b *Builder) NumCols() int { return len(b.obj) }

// NumRows returns the number of rows added so far.
func (b *Builder) NumRows() int { return len(b.rowLo) }

// AddCol adds a column with bounds [lo, hi] and objective coefficient obj and
// returns its index.
func (b *Builder) AddCol(lo, hi, obj float64) int32 {
	b.obj = append(b.obj, obj)
	b.colLo = append(b.colLo, lo)
	b.colUp = append(b.colUp, hi)
	return int32(len(b.obj) - 1)
}

// SetObj sets column j's objective coefficient.
func (b *Builder) SetObj(j int32, c float64) { b.obj[j] = c }

// SetBounds sets column j's bounds.
func (b *Builder) SetBounds(j int32, lo, hi float64) { b.colLo[j], b.colUp[j] = lo, hi }

// StartRow begins a new row with bounds [lo, hi] and returns its index.
// Entries are added with [Builder.Add] until the next StartRow or Build.
func (b *Builder) StartRow(lo, hi float64) int32 {
	if b.rowStart == nil {
		b.rowStart = append(b.rowStart, 0)
	}
	b.rowLo = append(b.rowLo, lo)
	b.rowUp = append(b.rowUp, hi)
	b.rowStart = append(b.rowStart, int64(len(b.col)))
	return int32(len(b.rowLo) - 1)
}

// Add adds coefficient v of column j to the current row. Repeated columns
// in one row are summed; zero coefficients are dropped at Build.
func (b *Builder) Add(j int32, v float64) {
	if len(b.mark) < len(b.obj) {
		b.mark = append(b.mark, make([]int64, len(b.obj)-len(b.mark))...)
	}
	start := b.rowStart[len(b.rowStart)-2]
	if m := b.mark[j]; m > start {
		b.val[m-1] += v
		return
	}
	b.col = append(b.col, j)
	b.val = append(b.val, v)
	b.mark[j] = int64(len(b.col))
	b.rowStart[len(b.rowStart)-1] = int64(len(b.col))
}

// Build converts the rows to CSC and returns the Problem. Zero coefficients
// are dropped. Row indices within a column are increasing because rows are
// visited in order. The Builder must not be used afterwards.
func (b *Builder) Build() (*Problem, error) {
	ncol := len(b.obj)
	nrow := len(b.rowLo)
	if int64(len(b.col)) > math.MaxInt32 {
		return nil, fmt.Errorf("lp: %d matrix entries exceed the int32 index range", len(b.col))
	}
	start := make([]int32, ncol+1)
	for k, j := range b.col {
		if b.val[k] != 0 {
			start[j+1]++
		}
	}
	for j := 0; j < ncol; j++ {
		start[j+1] += start[j]
	}
	nnz := start[ncol]
	index := make([]int32, nnz)
	value := make([]float64, nnz)
	next := make([]int32, ncol)
	copy(next, start[:ncol])
	for i := 0; i < nrow; i++ {
		for k := b.rowStart[i]; k < b.rowStart[i+1]; k++ {
			v := b.val[k]
			if v == 0 {
				continue
			}
			j := b.col[k]
			p := next[j]
			index[p] = int32(i)
			value[p] = v
			next[j] = p + 1
		}
	}
	p := &Problem{
		Obj: b.obj, ColLower: b.colLo, ColUpper: b.colUp,
		RowLower: b.rowLo, RowUpper: b.rowUp,
		Start: start, Index: index, Value: value,
	}
	if p.RowLower == nil {
		p.RowLower, p.RowUpper = []float64{}, []float64{}
	}
	*b = Builder{}
	return p, nil
}
