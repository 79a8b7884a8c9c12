package model

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Param is an OSeMOSYS parameter: the rows given explicitly (a key of one
// element per index set, and a value), and a default for every other key.
//
// Entries are stored as flat arrays (no map, no per-row struct). After
// [Param.Sort] or [Model.Freeze] they are in ascending key order (row-major,
// last index fastest) and [Param.Get] is a binary search; [Param.Dense] gives
// every key's value in one slice for hot loops.
//
// Mutating methods (Add, Set, Sort) must not run concurrently with anything
// else; read methods (Get, Entry, Dense, ...) are safe for concurrent use.
type Param struct {
	Name string
	// Indices are the index set names (aliases resolved).
	Indices []string
	// Columns are the index column names of otoole files.
	Columns []string
	// Default is the value of every key not given, as the data states it (a
	// MathProg default clause, or the otoole config), else the schema's.
	Default float64
	// DefaultFrom, when set, names the parameter whose value a missing key
	// takes (DiscountRateIdv → DiscountRate); it wins over Default.
	DefaultFrom string
	// Unit is the schema's unit expression ([Units.Resolve] makes it concrete).
	Unit string
	// ShortName is the Excel sheet name when Name is longer than 31 characters.
	ShortName string

	sets   []*Set
	from   *Param   // DefaultFrom's param
	deps   []*Param // params whose DefaultFrom is this one
	tab    *strtab
	keys   []Elem
	vals   []float64
	org    []origin // nil when no entry has a recorded origin
	sorted bool

	mu    sync.Mutex
	dense atomic.Pointer[[]float64]
}

// origin is an entry's place in its input file and its provenance, as
// indices into the model's string table (0 = none).
type origin struct {
	file, line, col, prov int32
}

// Origin is where an entry came from: a position and the optional SOURCE,
// NOTE and UNIT columns of its row.
type Origin struct {
	Pos
	Source, Note, Unit string
}

// Arity returns the number of indices.
func (p *Param) Arity() int { return len(p.Indices) }

// Sets returns the index sets, in index order. The slice is owned by p.
func (p *Param) Sets() []*Set { return p.sets }

// Dims returns the size of each index set.
func (p *Param) Dims() []int {
	d := make([]int, len(p.sets))
	for i, s := range p.sets {
		d[i] = s.Len()
	}
	return d
}

// Strides returns the row-major strides of the dense layout (last index fastest):
// the dense position of key k is Σ k[i]*Strides()[i].
func (p *Param) Strides() []int {
	st := make([]int, len(p.sets))
	n := 1
	for i := len(p.sets) - 1; i >= 0; i-- {
		st[i] = n
		n *= p.sets[i].Len()
	}
	return st
}

// Size returns the number of keys (the product of the set sizes).
func (p *Param) Size() int {
	n := 1
	for _, s := range p.sets {
		n *= s.Len()
	}
	return n
}

// NumEntries returns the number of explicitly given rows.
func (p *Param) NumEntries() int { return len(p.vals) }

// Entry returns the i-th explicit row. key is owned by p and must not be
// modified. Entries are in key order after [Param.Sort], else in the order added.
func (p *Param) Entry(i int) (key []Elem, v float64) {
	n := len(p.sets)
	return p.keys[i*n : (i+1)*n : (i+1)*n], p.vals[i]
}

// Sorted reports whether entries are in key order without duplicates.
func (p *Param) Sorted() bool { return p.sorted }

// DefaultAt returns the value of key when it is not given explicitly: the
// DefaultFrom parameter's value at the key's prefix, or Default.
func (p *Param) DefaultAt(key []Elem) float64 {
	if p.from != nil {
		v, _ := p.from.Get(key[:len(p.from.sets)]...)
		return v
	}
	return p.Default
}

// Get returns the value at key and whether it was given explicitly. It does
// not allocate; it is a binary search when the param is sorted, a scan
// otherwise. Hot loops that need no "explicit" flag should index [Param.Dense].
func (p *Param) Get(key ...Elem) (v float64, explicit bool) {
	if i, ok := p.find(key); ok {
		return p.vals[i], true
	}
	return p.DefaultAt(key), false
}

// Find returns the entry index of key.
func (p *Param) Find(key ...Elem) (int, bool) { return p.find(key) }

func (p *Param) find(key []Elem) (int, bool) {
	n := len(p.sets)
	if len(key) != n {
		panic("model: " + p.Name + ": Get with " + strconv.Itoa(len(key)) + " indices, want " + strconv.Itoa(n))
	}
	if !p.sorted {
		for i := len(p.vals) - 1; i >= 0; i-- {
			if equalKeys(p.keys[i*n:(i+1)*n], key) {
				return i, true
			}
		}
		return 0, false
	}
	lo := p.lowerBound(key)
	if lo < len(p.vals) && equalKeys(p.keys[lo*n:(lo+1)*n], key) {
		return lo, true
	}
	return 0, false
}

// lowerBound returns the first entry whose key is not less than key (sorted params).
func (p *Param) lowerBound(key []Elem) int {
	n := len(p.sets)
	lo, hi := 0, len(p.vals)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if compareKeys(p.keys[mid*n:(mid+1)*n], key) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Dense returns the value of every key in row-major order (see
// [Param.Strides]), defaults filled in. It is computed once and shared: the
// caller must not modify it. Set, Add and a change to an index set invalidate it.
func (p *Param) Dense() []float64 {
	if d := p.dense.Load(); d != nil {
		return *d
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if d := p.dense.Load(); d != nil {
		return *d
	}
	d := p.computeDense()
	p.dense.Store(&d)
	return d
}

func (p *Param) computeDense() []float64 {
	size := p.Size()
	d := make([]float64, size)
	st := p.Strides()
	if p.from != nil {
		fd := p.from.Dense()
		// The from-param's indices are a prefix: each of its values covers a
		// contiguous block of the dense layout.
		block := 1
		for _, s := range p.sets[len(p.from.sets):] {
			block *= s.Len()
		}
		for i, v := range fd {
			for j := i * block; j < (i+1)*block; j++ {
				d[j] = v
			}
		}
	} else if p.Default != 0 {
		for i := range d {
			d[i] = p.Default
		}
	}
	n := len(p.sets)
	for i, v := range p.vals {
		off := 0
		for j, e := range p.keys[i*n : (i+1)*n] {
			off += int(e) * st[j]
		}
		d[off] = v
	}
	return d
}

func (p *Param) invalidate() {
	p.dense.Store(nil)
	for _, d := range p.deps {
		d.dense.Store(nil)
	}
}

// Add appends an entry without looking for an existing one (loaders use it;
// [Param.Sort] later finds duplicates). key is copied; o may be nil. Add
// panics if key has the wrong length or an element out of range.
func (p *Param) Add(key []Elem, v float64, o *Origin) {
	p.checkKey(key)
	p.keys = append(p.keys, key...)
	p.vals = append(p.vals, v)
	if o != nil || p.org != nil {
		if p.org == nil {
			p.org = make([]origin, len(p.vals)-1, cap(p.vals))
		}
		p.org = append(p.org, p.tab.origin(o))
	}
	if p.sorted {
		n := len(p.sets)
		if k := len(p.vals); k > 1 && compareKeys(p.keys[(k-2)*n:(k-1)*n], key) >= 0 {
			p.sorted = false
		}
	}
	p.invalidate()
}

func (p *Param) checkKey(key []Elem) {
	if len(key) != len(p.sets) {
		panic("model: " + p.Name + ": key with " + strconv.Itoa(len(key)) + " indices, want " + strconv.Itoa(len(p.sets)))
	}
	for j, e := range key {
		if e < 0 || int(e) >= p.sets[j].Len() {
			panic("model: " + p.Name + ": element " + strconv.Itoa(int(e)) + " out of range of " + p.sets[j].Name)
		}
	}
}

// Set adds an entry or replaces the value of an existing one (keeping its
// origin). It sorts the param first if needed (duplicates: the last wins).
func (p *Param) Set(key []Elem, v float64) {
	p.checkKey(key)
	if !p.sorted {
		p.Sort()
	}
	n := len(p.sets)
	lo := p.lowerBound(key)
	if lo < len(p.vals) && equalKeys(p.keys[lo*n:(lo+1)*n], key) {
		p.vals[lo] = v
	} else {
		p.keys = slices.Insert(p.keys, lo*n, key...)
		p.vals = slices.Insert(p.vals, lo, v)
		if p.org != nil {
			p.org = slices.Insert(p.org, lo, origin{})
		}
	}
	p.invalidate()
}

// Put adds an entry or replaces an existing one, value and origin both (a
// scenario overriding a row with its own source). o may be nil.
func (p *Param) Put(key []Elem, v float64, o *Origin) {
	p.Set(key, v)
	if o == nil && p.org == nil {
		return
	}
	i, _ := p.find(key)
	if p.org == nil {
		p.org = make([]origin, len(p.vals))
	}
	if o == nil {
		p.org[i] = origin{}
		return
	}
	p.org[i] = p.tab.origin(o)
}

// Delete removes the entry at key, if any, so that the key takes the default.
func (p *Param) Delete(key []Elem) {
	i, ok := p.find(key)
	if !ok {
		return
	}
	n := len(p.sets)
	p.keys = slices.Delete(p.keys, i*n, (i+1)*n)
	p.vals = slices.Delete(p.vals, i, i+1)
	if p.org != nil {
		p.org = slices.Delete(p.org, i, i+1)
	}
	p.invalidate()
}

// Clear removes every entry.
func (p *Param) Clear() {
	p.keys, p.vals, p.org = p.keys[:0], p.vals[:0], nil
	p.sorted = true
	p.invalidate()
}

// Sort puts the entries in key order. When a key was given more than once
// the last one wins and each earlier one is reported as an [ErrDuplicate]
// naming both places.
func (p *Param) Sort() ErrorList {
	if p.sorted {
		return nil
	}
	n := len(p.sets)
	m := len(p.vals)
	perm := make([]int32, m)
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(a, b int32) int {
		return compareKeys(p.keys[int(a)*n:int(a+1)*n], p.keys[int(b)*n:int(b+1)*n])
	})
	var errs ErrorList
	keys := make([]Elem, 0, len(p.keys))
	vals := make([]float64, 0, m)
	var org []origin
	if p.org != nil {
		org = make([]origin, 0, m)
	}
	for k, i := range perm {
		key := p.keys[int(i)*n : int(i+1)*n]
		if k+1 < m {
			j := perm[k+1]
			if equalKeys(key, p.keys[int(j)*n:int(j+1)*n]) {
				errs.Add(p.dupError(int(i), int(j)))
				continue
			}
		}
		keys = append(keys, key...)
		vals = append(vals, p.vals[i])
		if org != nil {
			org = append(org, p.org[i])
		}
	}
	p.keys, p.vals, p.org = keys, vals, org
	p.sorted = true
	p.invalidate()
	return errs
}

func (p *Param) dupError(first, second int) *PosError {
	a, b := p.Origin(first), p.Origin(second)
	key, _ := p.Entry(second)
	where := "given twice"
	if a.File != "" || a.Line > 0 {
		where = "also given at " + a.Pos.String()
	}
	return Errorf(b.Pos, p.Format(key), ErrDuplicate, "duplicate row (value %s; %s, value %s)",
		fmtFloat(p.vals[second]), where, fmtFloat(p.vals[first]))
}

// Origin returns where entry i came from (zero when not recorded).
func (p *Param) Origin(i int) Origin {
	if p.org == nil {
		return Origin{}
	}
	return p.tab.expand(p.org[i])
}

// Pos returns the input position of entry i (zero when not recorded).
func (p *Param) Pos(i int) Pos {
	if p.org == nil {
		return Pos{}
	}
	o := p.org[i]
	return Pos{File: p.tab.strs[o.file], Line: int(o.line), Col: int(o.col)}
}

// Provenance returns the SOURCE and NOTE given with entry i, if any.
func (p *Param) Provenance(i int) (source, note string) {
	o := p.Origin(i)
	return o.Source, o.Note
}

// HasProvenance reports whether any entry carries a SOURCE, NOTE or UNIT.
func (p *Param) HasProvenance() bool {
	for _, o := range p.org {
		if o.prov != 0 {
			return true
		}
	}
	return false
}

// Format writes a key as "Name[e1,e2,...]" for messages.
func (p *Param) Format(key []Elem) string {
	var b strings.Builder
	b.WriteString(p.Name)
	b.WriteByte('[')
	for j, e := range key {
		if j > 0 {
			b.WriteByte(',')
		}
		if int(e) < p.sets[j].Len() && e >= 0 {
			b.WriteString(p.sets[j].Elems[e])
		} else {
			b.WriteByte('?')
		}
	}
	b.WriteByte(']')
	return b.String()
}

// shift renumbers index j after an element was inserted at pos of its set.
func (p *Param) shift(j, pos int) {
	n := len(p.sets)
	for i := j; i < len(p.keys); i += n {
		if int(p.keys[i]) >= pos {
			p.keys[i]++
		}
	}
	p.invalidate()
}

// String formats a position as "file:line:col" (parts that are unknown left out).
func (at Pos) String() string {
	e := PosError{File: at.File, Line: at.Line, Col: at.Col}
	s := e.Error()
	return strings.TrimSuffix(strings.TrimSuffix(s, " "), ":")
}

// fmtFloat formats v in the shortest form that reads back to the same float64.
func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// FormatValue formats a parameter value in the shortest form that parses
// back to the same float64 ("0.05", "1e-05", "-1"); writers use it so that
// round trips are exact.
func FormatValue(v float64) string { return fmtFloat(v) }

// strtab interns the strings of entry origins for one model.
type strtab struct {
	strs     []string
	index    map[string]int32
	provs    [][3]int32
	provIdx  map[[3]int32]int32
	lastFile string
	lastID   int32
}

func newStrtab() *strtab {
	return &strtab{strs: []string{""}, index: map[string]int32{"": 0},
		provs: [][3]int32{{}}, provIdx: map[[3]int32]int32{{}: 0}}
}

func (t *strtab) intern(s string) int32 {
	if s == "" {
		return 0
	}
	if id, ok := t.index[s]; ok {
		return id
	}
	id := int32(len(t.strs))
	t.strs = append(t.strs, s)
	t.index[s] = id
	return id
}

func (t *strtab) origin(o *Origin) origin {
	if o == nil {
		return origin{}
	}
	var r origin
	if o.File != "" {
		if o.File == t.lastFile && t.lastID != 0 {
			r.file = t.lastID
		} else {
			r.file = t.intern(o.File)
			t.lastFile, t.lastID = o.File, r.file
		}
	}
	r.line, r.col = int32(o.Line), int32(o.Col)
	if o.Source != "" || o.Note != "" || o.Unit != "" {
		k := [3]int32{t.intern(o.Source), t.intern(o.Note), t.intern(o.Unit)}
		id, ok := t.provIdx[k]
		if !ok {
			id = int32(len(t.provs))
			t.provs = append(t.provs, k)
			t.provIdx[k] = id
		}
		r.prov = id
	}
	return r
}

func (t *strtab) expand(o origin) Origin {
	pv := t.provs[o.prov]
	return Origin{Pos: Pos{File: t.strs[o.file], Line: int(o.line), Col: int(o.col)},
		Source: t.strs[pv[0]], Note: t.strs[pv[1]], Unit: t.strs[pv[2]]}
}

func (t *strtab) clone() *strtab {
	c := &strtab{strs: append([]string(nil), t.strs...), index: make(map[string]int32, len(t.index)),
		provs: append([][3]int32(nil), t.provs...), provIdx: make(map[[3]int32]int32, len(t.provIdx))}
	for k, v := range t.index {
		c.index[k] = v
	}
	for k, v := range t.provIdx {
		c.provIdx[k] = v
	}
	return c
}

// compareKeys orders keys lexicographically (row-major order).
func compareKeys(a, b []Elem) int {
	for i, x := range a {
		if y := b[i]; x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

func equalKeys(a, b []Elem) bool {
	if len(a) != len(b) {
		return false
	}
	for i, x := range a {
		if b[i] != x {
			return false
		}
	}
	return true
}
