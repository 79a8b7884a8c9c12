package model

import (
	"math"
	"sort"
	"strconv"
)

// Elem is the index of an element in its [Set] (0-based, in model order).
type Elem int32

// Set is an OSeMOSYS set: elements interned to [Elem] indices. Elements of a
// string set keep their declaration order; elements of an integer set (YEAR,
// MODE_OF_OPERATION, SEASON, DAYTYPE, DAILYTIMEBRACKET) are kept sorted
// ascending by numeric value, whatever order the files give them in.
type Set struct {
	Name string
	// Elems are the element names in model order. Owned by the set: do not modify.
	Elems []string
	Dtype Dtype

	index map[string]Elem
	nums  []float64
}

func newSet(d SetDef) *Set {
	return &Set{Name: d.Name, Dtype: d.Dtype, index: map[string]Elem{}}
}

// Len returns the number of elements.
func (s *Set) Len() int { return len(s.Elems) }

// Index returns the element called name.
func (s *Set) Index(name string) (Elem, bool) {
	e, ok := s.index[name]
	return e, ok
}

// Num returns the numeric value of element e (the year of a YEAR element);
// NaN when the element is not a number.
func (s *Set) Num(e Elem) float64 { return s.nums[e] }

// ElemName returns the name of element e.
func (s *Set) ElemName(e Elem) string { return s.Elems[e] }

// add interns name. It returns the element, the position where it was
// inserted (len-1 unless the set is numeric and the element sorts before
// others; -1 when it already existed) and an error for a non-integer element
// of an integer set.
func (s *Set) add(name string) (Elem, int, error) {
	if e, ok := s.index[name]; ok {
		return e, -1, nil
	}
	v := math.NaN()
	if f, err := strconv.ParseFloat(name, 64); err == nil {
		v = f
	}
	if s.Dtype == DtypeInt {
		if math.IsNaN(v) {
			return 0, -1, Wrap(ErrNotInteger, "element %q is not an integer", name)
		}
		if v != math.Trunc(v) || math.IsInf(v, 0) {
			return 0, -1, Wrap(ErrNotInteger, "element %q is not an integer", name)
		}
		pos := sort.SearchFloat64s(s.nums, v)
		if pos < len(s.nums) && s.nums[pos] == v {
			return 0, -1, Wrap(ErrDuplicate, "element %q equals %q", name, s.Elems[pos])
		}
		s.Elems = append(s.Elems, "")
		s.nums = append(s.nums, 0)
		copy(s.Elems[pos+1:], s.Elems[pos:])
		copy(s.nums[pos+1:], s.nums[pos:])
		s.Elems[pos] = name
		s.nums[pos] = v
		if pos == len(s.Elems)-1 {
			s.index[name] = Elem(pos)
		} else {
			for i := pos; i < len(s.Elems); i++ {
				s.index[s.Elems[i]] = Elem(i)
			}
		}
		return Elem(pos), pos, nil
	}
	e := Elem(len(s.Elems))
	s.Elems = append(s.Elems, name)
	s.nums = append(s.nums, v)
	s.index[name] = e
	return e, int(e), nil
}

func (s *Set) clone() *Set {
	c := &Set{Name: s.Name, Dtype: s.Dtype,
		Elems: append([]string(nil), s.Elems...),
		nums:  append([]float64(nil), s.nums...),
		index: make(map[string]Elem, len(s.index))}
	for k, v := range s.index {
		c.index[k] = v
	}
	return c
}

// Lookup finds an element by name, and in a numeric set also by value, so
// that "2015.0" finds the YEAR element "2015".
func (s *Set) Lookup(name string) (Elem, bool) {
	if e, ok := s.index[name]; ok {
		return e, true
	}
	if s.Dtype != DtypeInt {
		return 0, false
	}
	v, err := strconv.ParseFloat(name, 64)
	if err != nil {
		return 0, false
	}
	i := sort.SearchFloat64s(s.nums, v)
	if i < len(s.nums) && s.nums[i] == v {
		return Elem(i), true
	}
	return 0, false
}
