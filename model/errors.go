package model

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Sentinel errors carried by [PosError.Err]; test with errors.Is.
var (
	// ErrUnknownElement: a key names an element that is not in its set.
	ErrUnknownElement = errors.New("model: unknown set element")
	// ErrUnknownName: a file or table names a set or parameter the schema does not know.
	ErrUnknownName = errors.New("model: unknown set or parameter")
	// ErrArity: a row has the wrong number of index fields.
	ErrArity = errors.New("model: wrong number of indices")
	// ErrDuplicate: the same key (or set element) is given twice.
	ErrDuplicate = errors.New("model: duplicate entry")
	// ErrNotNumber: a value or an element of a numeric set is not a number.
	ErrNotNumber = errors.New("model: not a number")
	// ErrNotInteger: an element of an integer set (YEAR, MODE_OF_OPERATION, ...) is not an integer.
	ErrNotInteger = errors.New("model: not an integer")
	// ErrDomain: a value is outside the domain of its parameter.
	ErrDomain = errors.New("model: value out of domain")
	// ErrInconsistent: values of several parameters contradict each other
	// (the data checks of osemosys.txt, sums that must be 1, ...).
	ErrInconsistent = errors.New("model: inconsistent data")
	// ErrUnsupported: valid OSeMOSYS data that Blueprint cannot solve yet.
	ErrUnsupported = errors.New("model: not supported")
	// ErrSyntax: a file cannot be parsed.
	ErrSyntax = errors.New("model: syntax error")
)

// PosError is a problem at a place in an input file. Line and Col are 1-based;
// zero means unknown (then they are left out of the message). Field names what
// is wrong at that place: a parameter with its key ("CapacityFactor[UTOPIA,E01,ID,1990]"),
// a set, or a column.
type PosError struct {
	File      string
	Line, Col int
	Field     string
	Err       error
}

// Error formats the error as "file:line:col: Field: msg".
func (e *PosError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	if e.Line > 0 {
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteByte(':')
		if e.Col > 0 {
			b.WriteString(strconv.Itoa(e.Col))
			b.WriteByte(':')
		}
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error, usually wrapping a sentinel.
func (e *PosError) Unwrap() error { return e.Err }

// Errorf builds a PosError whose Err wraps sentinel with a formatted detail:
// the message reads "detail" and errors.Is(err, sentinel) holds.
func Errorf(at Pos, field string, sentinel error, format string, args ...any) *PosError {
	return &PosError{File: at.File, Line: at.Line, Col: at.Col, Field: field,
		Err: &detailError{msg: fmt.Sprintf(format, args...), sentinel: sentinel}}
}

// Wrap returns an error reading the formatted detail that unwraps to
// sentinel (errors.Is holds) without repeating the sentinel's text.
func Wrap(sentinel error, format string, args ...any) error {
	return &detailError{msg: fmt.Sprintf(format, args...), sentinel: sentinel}
}

// detailError is a message that unwraps to a sentinel without repeating its text.
type detailError struct {
	msg      string
	sentinel error
}

func (e *detailError) Error() string { return e.msg }
func (e *detailError) Unwrap() error { return e.sentinel }

// Pos is a place in an input file; zero fields are unknown.
type Pos struct {
	File      string
	Line, Col int
}

// ErrorList is a list of positioned problems, sorted by file, line and column
// by [ErrorList.Sort].
type ErrorList []*PosError

// Add appends a problem.
func (l *ErrorList) Add(e *PosError) { *l = append(*l, e) }

// Len, Less and Swap implement sort.Interface (by file, line, column).
func (l ErrorList) Len() int { return len(l) }

// Swap swaps entries i and j.
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }

// Less orders by file, line and column.
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	if a.Field != b.Field {
		return a.Field < b.Field
	}
	return a.Error() < b.Error()
}

// Sort sorts the list by position (stable for equal positions).
func (l ErrorList) Sort() { sort.Stable(l) }

// maxShown is how many problems Error prints before "and N more".
const maxShown = 20

// Error lists up to 20 problems, one per line, then "and N more".
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i == maxShown {
			fmt.Fprintf(&b, "\nand %d more", len(l)-maxShown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap exposes the problems to errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}
