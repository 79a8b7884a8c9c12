package lp

import (
	"fmt"
	"math"
	"strings"
)

// maxListed is how many errors an ErrorList prints before "and N more".
const maxListed = 20

// ErrorList is a list of problems found in a Problem or an input file, in
// the order found. Its Error prints the first 20 and a count of the rest.
type ErrorList []error

// Error joins the errors, one per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for k, e := range l {
		if k == maxListed {
			fmt.Fprintf(&b, "\n(and %d more)", len(l)-maxListed)
			break
		}
		if k > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error { return l }

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// Validate checks that p is well formed: slice lengths agree, every
// coefficient and objective entry is finite, no bound is NaN, no lower
// bound exceeds its upper bound (or is +Inf, or an upper bound -Inf), Start
// is non-decreasing from 0 to len(Index), and each column's row indices
// are in range and strictly increasing (no duplicates). Each error names
// the column or row by index and name. It returns an [ErrorList], or nil.
// When the lengths disagree it reports that and checks nothing else.
func (p *Problem) Validate() error {
	var errs ErrorList
	n, m := p.NumCols(), p.NumRows()
	if len(p.ColLower) != n || len(p.ColUpper) != n {
		errs = append(errs, fmt.Errorf("lp: %d objective entries but %d column lower and %d column upper bounds", n, len(p.ColLower), len(p.ColUpper)))
	}
	if len(p.RowUpper) != m {
		errs = append(errs, fmt.Errorf("lp: %d row lower bounds but %d row upper bounds", m, len(p.RowUpper)))
	}
	if len(p.Start) != n+1 && !(n == 0 && len(p.Start) == 0) {
		errs = append(errs, fmt.Errorf("lp: Start has %d entries, want %d (columns + 1)", len(p.Start), n+1))
	}
	if len(p.Index) != len(p.Value) {
		errs = append(errs, fmt.Errorf("lp: %d row indices but %d values", len(p.Index), len(p.Value)))
	}
	if len(errs) > 0 {
		return errs
	}
	if bad(p.ObjOffset) {
		errs = append(errs, fmt.Errorf("lp: objective offset is %v", p.ObjOffset))
	}
	if n > 0 {
		if p.Start[0] != 0 {
			errs = append(errs, fmt.Errorf("lp: Start[0] is %d, want 0", p.Start[0]))
		}
		if int(p.Start[n]) != len(p.Index) {
			errs = append(errs, fmt.Errorf("lp: Start[%d] is %d, want %d (number of entries)", n, p.Start[n], len(p.Index)))
		}
		if len(errs) > 0 {
			return errs
		}
	} else if len(p.Index) != 0 {
		return append(errs, fmt.Errorf("lp: %d matrix entries but no columns", len(p.Index)))
	}
	for j := 0; j < n; j++ {
		if bad(p.Obj[j]) {
			errs = append(errs, fmt.Errorf("lp: column %d (%s): objective coefficient is %v", j, p.Col(j), p.Obj[j]))
		}
		if e := checkBounds(p.ColLower[j], p.ColUpper[j]); e != "" {
			errs = append(errs, fmt.Errorf("lp: column %d (%s): %s", j, p.Col(j), e))
		}
		b, e := p.Start[j], p.Start[j+1]
		if e < b || int(e) > len(p.Index) {
			errs = append(errs, fmt.Errorf("lp: column %d (%s): Start goes from %d to %d (of %d entries)", j, p.Col(j), b, e, len(p.Index)))
			continue
		}
		prev := int32(-1)
		for k := b; k < e; k++ {
			i, v := p.Index[k], p.Value[k]
			// Fast path: in range, increasing, finite (v-v is NaN for
			// NaN and ±Inf).
			if uint32(i) < uint32(m) && i > prev && v-v == 0 {
				prev = i
				continue
			}
			if bad(v) {
				errs = append(errs, fmt.Errorf("lp: column %d (%s): coefficient in row %d is %v", j, p.Col(j), i, v))
			}
			switch {
			case i < 0 || int(i) >= m:
				errs = append(errs, fmt.Errorf("lp: column %d (%s): entry %d: row index %d out of range [0,%d)", j, p.Col(j), k, i, m))
				continue
			case i == prev:
				errs = append(errs, fmt.Errorf("lp: column %d (%s): duplicate entry for row %d (%s)", j, p.Col(j), i, p.Row(int(i))))
			case i < prev:
				errs = append(errs, fmt.Errorf("lp: column %d (%s): row indices not increasing: %d after %d", j, p.Col(j), i, prev))
			}
			prev = i
		}
	}
	for i := 0; i < m; i++ {
		if e := checkBounds(p.RowLower[i], p.RowUpper[i]); e != "" {
			errs = append(errs, fmt.Errorf("lp: row %d (%s): %s", i, p.Row(i), e))
		}
	}
	return errs.Err()
}

func checkBounds(lo, hi float64) string {
	switch {
	case math.IsNaN(lo) || math.IsNaN(hi):
		return fmt.Sprintf("bound is NaN [%v, %v]", lo, hi)
	case lo > hi:
		return fmt.Sprintf("lower bound %v exceeds upper bound %v", lo, hi)
	case math.IsInf(lo, 1):
		return "lower bound is +Inf"
	case math.IsInf(hi, -1):
		return "upper bound is -Inf"
	}
	return ""
}
