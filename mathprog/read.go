package mathprog

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"blueprint/model"
)

// Reader reads MathProg data files into a model and keeps the warnings it
// met. The zero value uses [model.DefaultSchema]. A Reader used for several
// Read calls on one model treats each call as a further file, as glpsol does
// with repeated -d options (see the package documentation).
type Reader struct {
	// Schema is the schema of models made by ReadFiles; nil means
	// model.DefaultSchema().
	Schema *model.Schema
	// Warnings lists problems that do not stop reading: names the schema
	// does not know (skipped), default clauses that do not apply.
	Warnings model.ErrorList

	defaults map[*model.Param]model.Pos // where a default clause set each param's default
}

// ReadFiles reads one or more MathProg data files, in order, into a new
// model with the default schema and returns it. Problems are returned as a
// sorted [model.ErrorList] naming file, line and column; warnings are
// dropped (use a [Reader] to see them).
func ReadFiles(paths ...string) (*model.Model, error) {
	var r Reader
	return r.ReadFiles(paths...)
}

// Read reads one MathProg data section from rd into m; name is the file name
// used in messages. Sets and parameters already in m count as given by an
// earlier file.
func Read(rd io.Reader, name string, m *model.Model) error {
	var r Reader
	return r.Read(rd, name, m)
}

// ReadFiles is the package-level [ReadFiles] with r's schema and warnings.
func (r *Reader) ReadFiles(paths ...string) (*model.Model, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("mathprog: no data file given")
	}
	s := r.Schema
	if s == nil {
		s = model.DefaultSchema()
	}
	m := model.New(s)
	m.Name = paths[0]
	var errs model.ErrorList
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("mathprog: %w", err)
		}
		err = r.Read(f, path, m)
		f.Close()
		if err != nil {
			if l, ok := err.(model.ErrorList); ok {
				errs = append(errs, l...)
				continue
			}
			return nil, err
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return m, nil
}

// bufSize is the size of the input buffer (it grows for longer tokens).
const bufSize = 64 << 10

// Read is the package-level [Read] keeping r's warnings and the places of
// default clauses, so that a conflicting default in a later file is reported.
func (r *Reader) Read(rd io.Reader, name string, m *model.Model) error {
	if r.defaults == nil {
		r.defaults = map[*model.Param]model.Pos{}
	}
	fr := &fileReader{r: r, m: m, file: name,
		setSeen: map[string]pos{}, paramSeen: map[string]pos{}, caches: map[*model.Set]*elemCache{}}
	p := &parser{lx: newLexer(rd, bufSize), h: fr}
	if err := p.run(); err != nil {
		return fmt.Errorf("mathprog: %s: %w", name, err)
	}
	fr.finish()
	if len(fr.errs) > 0 {
		fr.errs.Sort()
		return fr.errs
	}
	return nil
}

// fileReader is the handler that stores what the parser reads into a model.
type fileReader struct {
	r    *Reader
	m    *model.Model
	file string
	errs model.ErrorList

	ps        []*pstate
	setSeen   map[string]pos // set statements of this file
	paramSeen map[string]pos // parameters given in this file
	cur       *model.Set     // set being read
	curElems  map[string]pos // elements of the set statement being read
	caches    map[*model.Set]*elemCache
	unres     []unres
	pending   []pending
}

// pstate is a parameter being read from this file.
type pstate struct {
	p      *model.Param
	sets   []*model.Set
	caches []*elemCache
	base   int // entries given by earlier files (sorted); later rows are checked against them
	key    []model.Elem
}

// elemCache maps element names to elements without allocating per lookup.
type elemCache struct {
	set *model.Set
	n   int // set size when built; a changed size means renumbered elements
	idx map[string]model.Elem
}

func (c *elemCache) lookup(sym []byte) (model.Elem, bool) {
	if c.n != c.set.Len() {
		clear(c.idx)
		for i, e := range c.set.Elems {
			c.idx[e] = model.Elem(i)
		}
		c.n = c.set.Len()
	}
	e, ok := c.idx[string(sym)]
	return e, ok
}

// unres is a symbol not (yet) in its set: MathProg allows a set to be
// declared after the parameters that use it, so it is looked up again at the
// end of the file.
type unres struct {
	h, k int
	name string
	at   pos
	elem model.Elem
	ok   bool
}

// pending is a row with an unresolved symbol, keyed by element names.
type pending struct {
	h     int
	names []string
	v     float64
	at    pos
}

func (fr *fileReader) pos(at pos) model.Pos {
	return model.Pos{File: fr.file, Line: at.line, Col: at.col}
}

func (fr *fileReader) errorf(at pos, field string, sentinel error, format string, args ...any) {
	fr.errs.Add(model.Errorf(fr.pos(at), field, sentinel, format, args...))
}

func (fr *fileReader) fail(at pos, field string, err error) {
	fr.errs.Add(&model.PosError{File: fr.file, Line: at.line, Col: at.col, Field: field, Err: err})
}

func (fr *fileReader) cache(s *model.Set) *elemCache {
	c := fr.caches[s]
	if c == nil {
		c = &elemCache{set: s, n: -1, idx: make(map[string]model.Elem, s.Len())}
		fr.caches[s] = c
	}
	return c
}

func (fr *fileReader) setBegin(name string, at pos) bool {
	fr.cur = nil
	s := fr.m.Set(name)
	if s == nil || s.Name != name {
		fr.r.Warnings.Add(model.Errorf(fr.pos(at), name, model.ErrUnknownName,
			"set not in the schema: skipped"))
		return true
	}
	if prev, ok := fr.setSeen[name]; ok {
		fr.errorf(at, name, model.ErrDuplicate, "set given twice in this file (first at line %d)", prev.line)
		return true
	}
	fr.setSeen[name] = at
	fr.cur = s
	fr.curElems = map[string]pos{}
	return false
}

func (fr *fileReader) setElem(sym []byte, at pos) {
	if fr.cur == nil {
		return
	}
	name := string(sym)
	if prev, ok := fr.curElems[name]; ok {
		fr.errorf(at, fr.cur.Name, model.ErrDuplicate, "element %s given twice (first at line %d col %d)", name, prev.line, prev.col)
		return
	}
	fr.curElems[name] = at
	if _, err := fr.m.AddElem(fr.cur.Name, name); err != nil {
		fr.fail(at, fr.cur.Name, err)
	}
}

func (fr *fileReader) paramBegin(name string, at pos) (int, int, bool) {
	p := fr.m.Param(name)
	if p == nil {
		fr.r.Warnings.Add(model.Errorf(fr.pos(at), name, model.ErrUnknownName,
			"parameter not in the schema: skipped"))
		return 0, 0, true
	}
	if prev, ok := fr.paramSeen[name]; ok {
		fr.errorf(at, name, model.ErrDuplicate, "parameter given twice in this file (first at line %d)", prev.line)
		return 0, 0, true
	}
	fr.paramSeen[name] = at
	if !p.Sorted() {
		fr.errs = append(fr.errs, p.Sort()...)
	}
	st := &pstate{p: p, sets: p.Sets(), base: p.NumEntries(), key: make([]model.Elem, p.Arity())}
	for _, s := range st.sets {
		st.caches = append(st.caches, fr.cache(s))
	}
	fr.ps = append(fr.ps, st)
	return len(fr.ps) - 1, p.Arity(), false
}

func (fr *fileReader) paramDefault(h int, v float64, at pos) {
	p := fr.ps[h].p
	if p.DefaultFrom != "" {
		fr.r.Warnings.Add(model.Errorf(fr.pos(at), p.Name, model.ErrUnsupported,
			"default clause %s ignored: a missing row takes %s (osemosys.txt declares this default; glpsol rejects the clause)",
			model.FormatValue(v), p.DefaultFrom))
		return
	}
	if prev, ok := fr.r.defaults[p]; ok && prev.File != fr.file {
		if math.Float64bits(p.Default) != math.Float64bits(v) {
			fr.errorf(at, p.Name, model.ErrDuplicate, "default %s conflicts with default %s given at %s",
				model.FormatValue(v), model.FormatValue(p.Default), prev)
		}
		return
	}
	p.Default = v
	fr.r.defaults[p] = fr.pos(at)
}

func (fr *fileReader) resolve(h, k int, sym []byte, at pos) int32 {
	st := fr.ps[h]
	if k >= len(st.caches) {
		return -1 // arity errors are reported by the parser
	}
	if e, ok := st.caches[k].lookup(sym); ok {
		return int32(e)
	}
	fr.unres = append(fr.unres, unres{h: h, k: k, name: string(sym), at: at})
	return -int32(len(fr.unres))
}

func (fr *fileReader) entry(h int, refs []int32, v float64, at pos) {
	st := fr.ps[h]
	for j, r := range refs {
		if r < 0 {
			names := make([]string, len(refs))
			for i, r := range refs {
				if r < 0 {
					names[i] = fr.unres[-r-1].name
				} else {
					names[i] = st.sets[i].Elems[r]
				}
			}
			fr.pending = append(fr.pending, pending{h: h, names: names, v: v, at: at})
			return
		}
		st.key[j] = model.Elem(r)
	}
	fr.add(st, st.key, v, at)
}

// add stores a row, checking it against the rows of earlier files.
func (fr *fileReader) add(st *pstate, key []model.Elem, v float64, at pos) {
	p := st.p
	if st.base > 0 {
		if j, ok := lowerBound(p, st.base, key); ok {
			_, old := p.Entry(j)
			if math.Float64bits(old) != math.Float64bits(v) {
				fr.errorf(at, p.Format(key), model.ErrDuplicate, "value %s conflicts with value %s given at %s",
					model.FormatValue(v), model.FormatValue(old), p.Pos(j))
			}
			return
		}
	}
	p.Add(key, v, &model.Origin{Pos: model.Pos{File: fr.file, Line: at.line, Col: at.col}})
}

// lowerBound finds key among the first n (sorted) entries of p.
func lowerBound(p *model.Param, n int, key []model.Elem) (int, bool) {
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		k, _ := p.Entry(mid)
		if slices.Compare(k, key) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < n {
		k, _ := p.Entry(lo)
		return lo, slices.Equal(k, key)
	}
	return lo, false
}

// finish resolves the symbols that were unknown when read, stores the rows
// that used them and sorts the parameters, reporting duplicate rows.
func (fr *fileReader) finish() {
	for i := range fr.unres {
		u := &fr.unres[i]
		st := fr.ps[u.h]
		s := st.sets[u.k]
		if e, ok := s.Index(u.name); ok {
			u.elem, u.ok = e, true
			continue
		}
		fr.errorf(u.at, st.p.Name, model.ErrUnknownElement, "%s is not an element of set %s%s",
			quoteName(u.name), s.Name, suggest(s, u.name))
	}
	for _, pe := range fr.pending {
		st := fr.ps[pe.h]
		ok := true
		for k, name := range pe.names {
			e, found := st.sets[k].Index(name)
			if !found {
				ok = false
				break
			}
			st.key[k] = e
		}
		if ok {
			fr.add(st, st.key, pe.v, pe.at)
		}
	}
	for _, st := range fr.ps {
		if !st.p.Sorted() {
			fr.errs = append(fr.errs, st.p.Sort()...)
		}
	}
}

// suggest names a close element when there is one (a typo), else "".
func suggest(s *model.Set, name string) string {
	best, bestD := "", 3
	for _, e := range s.Elems {
		if d := editDistance(e, name, bestD); d < bestD {
			best, bestD = e, d
		}
	}
	if best == "" {
		if s.Len() == 0 {
			return " (the set is empty or not declared)"
		}
		return ""
	}
	return " (did you mean " + quoteName(best) + "?)"
}

// editDistance is the Levenshtein distance of a and b, or max when it is at least max.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], max)
}

// quoteName writes an element as MathProg would read it back: bare when it
// is a plain symbol, else in single quotes.
func quoteName(s string) string {
	if plainSymbol(s) {
		return s
	}
	return "'" + replaceQuote(s) + "'"
}

func plainSymbol(s string) bool {
	if s == "" || s == "." {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isSymbolByte(s[i]) {
			return false
		}
	}
	return true
}

func replaceQuote(s string) string {
	out := make([]byte, 0, len(s)+2)
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(out)
}
