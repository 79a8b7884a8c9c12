package mathprog

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"blueprint/model"
)

// handler receives what the parser reads. It keeps the parser free of the
// model: symbols are resolved to references (an element index, or a negative
// handle the handler chose for a symbol it could not resolve yet).
type handler interface {
	// setBegin starts `set name`; skip asks the parser to skip the statement.
	setBegin(name string, at pos) (skip bool)
	// setElem adds one element to the set being read.
	setElem(sym []byte, at pos)
	// paramBegin starts parameter name and returns a handle for it, its
	// dimension, or skip to have the statement skipped.
	paramBegin(name string, at pos) (h, dim int, skip bool)
	// paramDefault sets the default of parameter h.
	paramDefault(h int, v float64, at pos)
	// resolve turns the symbol at index position k of parameter h into a reference.
	resolve(h, k int, sym []byte, at pos) int32
	// entry stores one value; key holds references from resolve, at is
	// the place of the first symbol of the row (the value when there is none).
	entry(h int, key []int32, v float64, at pos)
	// fail records a problem at a place; field names the statement.
	fail(at pos, field string, err error)
}

// maxErrors is the number of problems after which reading stops.
const maxErrors = 200

// parser reads the statements of a data section and hands them to a handler.
type parser struct {
	lx    *lexer
	h     handler
	tok   token
	errs  int
	ended bool   // `end;` seen
	field string // name of the set or parameter being read, for messages

	// scratch, reused across rows
	key   []int32
	slice []int32 // fixed references of the current slice, -1 where '*' (free)
	free  []int   // index positions of the '*' in the slice
	cols  []int32
	colAt []pos
	syms  [][]byte // symbols of a tabbing-form row (copied)
	symAt []pos
}

// syntaxErr is a problem at a place of the input; kind is a model sentinel
// (model.ErrSyntax, ErrArity, ErrNotNumber) or a read error. A syntaxErr
// returned by a parse function aborts the current statement.
type syntaxErr struct {
	at   pos
	kind error
	msg  string
	// here: parsing resumes at the current token (a statement keyword)
	// rather than after the next ';'.
	here bool
}

func (e *syntaxErr) Error() string { return e.msg }
func (e *syntaxErr) Unwrap() error { return e.kind }

func (p *parser) errorf(at pos, format string, args ...any) error {
	return &syntaxErr{at, model.ErrSyntax, fmt.Sprintf(format, args...), false}
}

func arityf(at pos, format string, args ...any) error {
	return &syntaxErr{at, model.ErrArity, fmt.Sprintf(format, args...), false}
}

// advance reads the next token into p.tok.
func (p *parser) advance() error {
	t, err := p.lx.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func describe(t token) string {
	switch t.kind {
	case tSymbol:
		return fmt.Sprintf("%q", t.text)
	case tString:
		return fmt.Sprintf("quoted %q", t.text)
	}
	return t.kind.String()
}

// run parses the whole input. It returns a non-nil error only when reading
// the input failed; problems in the data go to the handler.
func (p *parser) run() error {
	p.lx.skipBOM()
	if err := p.advance(); err != nil {
		if !p.report(err, "") {
			return nil
		}
	}
	for p.tok.kind != tEOF && !p.ended {
		err := p.statement()
		if err == nil {
			continue
		}
		if !p.report(err, "") {
			return nil
		}
		if se, ok := err.(*syntaxErr); ok && se.here {
			continue
		}
		// Resynchronise after the next ';'.
		for p.tok.kind != tSemi && p.tok.kind != tEOF {
			if err := p.advance(); err != nil {
				if !p.report(err, "") {
					return nil
				}
			}
		}
		if p.tok.kind == tSemi {
			if err := p.advance(); err != nil && !p.report(err, "") {
				return nil
			}
		}
	}
	return nil
}

// report hands a statement-level error to the handler; false means stop.
func (p *parser) report(err error, field string) bool {
	se, ok := err.(*syntaxErr)
	if !ok {
		se = &syntaxErr{p.tok.pos, err, err.Error(), false}
	}
	p.h.fail(se.at, p.field, se)
	p.errs++
	if p.errs >= maxErrors {
		p.h.fail(p.tok.pos, "", &syntaxErr{p.tok.pos, model.ErrSyntax, fmt.Sprintf("stopped after %d problems", p.errs), false})
		return false
	}
	return p.lx.readErr == nil || p.tok.kind != tEOF
}

// is reports whether the current token is the unquoted keyword kw.
func (p *parser) is(kw string) bool {
	return p.tok.kind == tSymbol && string(p.tok.text) == kw
}

func (p *parser) expect(k tokKind, what string) error {
	if p.tok.kind != k {
		return p.errorf(p.tok.pos, "expected %s, found %s", what, describe(p.tok))
	}
	return p.advance()
}

func (p *parser) statement() error {
	p.field = ""
	switch {
	case p.is("data"):
		if err := p.advance(); err != nil {
			return err
		}
		return p.expect(tSemi, "';' after data")
	case p.is("end"):
		if err := p.advance(); err != nil {
			return err
		}
		if err := p.expect(tSemi, "';' after end"); err != nil {
			return err
		}
		p.ended = true
		return nil
	case p.is("set"):
		return p.setStmt()
	case p.is("param"):
		return p.paramStmt()
	case p.tok.kind == tSemi:
		return p.advance() // empty statement
	}
	return p.errorf(p.tok.pos, "expected set, param, data or end, found %s (only data sections are read, not model statements)", describe(p.tok))
}

// skipStmt consumes tokens through the next ';'.
func (p *parser) skipStmt() error {
	for p.tok.kind != tSemi {
		if p.tok.kind == tEOF {
			return p.errorf(p.tok.pos, "missing ';' at end of file")
		}
		if err := p.advance(); err != nil {
			return err
		}
	}
	p.field = ""
	return p.advance()
}

// isSym reports whether the current token is a data symbol. An unquoted
// statement keyword is not: it means the previous statement lacks its ';'
// (quote an element called set, param, data or end).
func (p *parser) isSym() bool {
	return p.tok.kind == tString || p.tok.kind == tSymbol && !p.keyword()
}

func (p *parser) keyword() bool {
	switch string(p.tok.text) {
	case "set", "param", "data", "end":
		return true
	}
	return false
}

// missingSemi reports a statement keyword found inside a statement.
func (p *parser) missingSemi() error {
	return &syntaxErr{p.tok.pos, model.ErrSyntax, fmt.Sprintf("missing ';' before %s", p.tok.text), true}
}

func (p *parser) setStmt() error {
	if err := p.advance(); err != nil {
		return err
	}
	if p.tok.kind != tSymbol {
		return p.errorf(p.tok.pos, "expected a set name after set, found %s", describe(p.tok))
	}
	name := string(p.tok.text)
	at := p.tok.pos
	p.field = name
	if err := p.advance(); err != nil {
		return err
	}
	if p.h.setBegin(name, at) {
		return p.skipStmt()
	}
	if p.tok.kind == tLBrack {
		return p.errorf(p.tok.pos, "indexed sets (set families) are not supported: OSeMOSYS sets are simple")
	}
	for {
		switch p.tok.kind {
		case tComma, tAssign:
		case tSymbol, tString:
			if !p.isSym() {
				return p.missingSemi()
			}
			p.h.setElem(p.tok.text, p.tok.pos)
		case tSemi:
			p.field = ""
			return p.advance()
		case tLParen, tColon:
			return p.errorf(p.tok.pos, "slices and matrix data define sets of tuples, which OSeMOSYS does not use (not supported)")
		case tEOF:
			return p.errorf(p.tok.pos, "missing ';' at end of file")
		default:
			return p.errorf(p.tok.pos, "unexpected %s in set data", describe(p.tok))
		}
		if err := p.advance(); err != nil {
			return err
		}
	}
}

// number parses the current token as a numeric value.
func (p *parser) number() (float64, error) {
	t := p.tok
	if t.kind != tSymbol && t.kind != tString {
		return 0, p.errorf(t.pos, "expected a number, found %s", describe(t))
	}
	v, ok := parseNumber(t.text)
	if !ok || t.kind == tString {
		return 0, &syntaxErr{t.pos, model.ErrNotNumber, fmt.Sprintf("value %s is not a number", describe(t)), false}
	}
	return v, p.advance()
}

// parseNumber accepts MathProg numeric literals: an optional sign, digits
// with an optional decimal point, an optional exponent.
func parseNumber(b []byte) (float64, bool) {
	i := 0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	digits := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
		digits++
	}
	if i < len(b) && b[i] == '.' {
		i++
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		ed := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			ed++
		}
		if ed == 0 {
			return 0, false
		}
	}
	if i != len(b) {
		return 0, false
	}
	if v, ok := fastInt(b); ok {
		return v, true
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return v, !math.IsInf(v, 0)
}

// fastInt converts short plain integers without strconv.
func fastInt(b []byte) (float64, bool) {
	neg := false
	i := 0
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i = 1
	}
	if len(b)-i == 0 || len(b)-i > 15 {
		return 0, false
	}
	var n int64
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	v := float64(n)
	if neg {
		v = -v
	}
	return v, true
}

func (p *parser) paramStmt() error {
	if err := p.advance(); err != nil {
		return err
	}
	if p.is("default") || p.tok.kind == tColon {
		return p.tabbing()
	}
	if p.tok.kind != tSymbol {
		return p.errorf(p.tok.pos, "expected a parameter name after param, found %s", describe(p.tok))
	}
	name := string(p.tok.text)
	at := p.tok.pos
	p.field = name
	if err := p.advance(); err != nil {
		return err
	}
	h, dim, skip := p.h.paramBegin(name, at)
	if skip {
		return p.skipStmt()
	}
	if p.tok.kind == tComma {
		if err := p.advance(); err != nil {
			return err
		}
	}
	if p.is("default") {
		dat := p.tok.pos
		if err := p.advance(); err != nil {
			return err
		}
		v, err := p.number()
		if err != nil {
			return err
		}
		p.h.paramDefault(h, v, dat)
	}
	// The slice in force: all free to begin with.
	p.setSlice(dim)
	for {
		switch p.tok.kind {
		case tSemi:
			p.field = ""
			return p.advance()
		case tComma, tAssign:
			if err := p.advance(); err != nil {
				return err
			}
		case tLBrack:
			if err := p.readSlice(h, dim, name); err != nil {
				return err
			}
		case tColon:
			if err := p.table(h, dim, name, false); err != nil {
				return err
			}
		case tLParen:
			if err := p.advance(); err != nil {
				return err
			}
			if !p.is("tr") {
				return p.errorf(p.tok.pos, "expected tr after '(', found %s", describe(p.tok))
			}
			if err := p.advance(); err != nil {
				return err
			}
			if err := p.expect(tRParen, "')' after (tr"); err != nil {
				return err
			}
			if p.tok.kind != tColon {
				return p.errorf(p.tok.pos, "expected ':' after (tr), found %s", describe(p.tok))
			}
			if err := p.table(h, dim, name, true); err != nil {
				return err
			}
		case tSymbol, tString:
			if !p.isSym() {
				return p.missingSemi()
			}
			if err := p.plain(h, name); err != nil {
				return err
			}
		case tEOF:
			return p.errorf(p.tok.pos, "missing ';' at end of file")
		default:
			return p.errorf(p.tok.pos, "unexpected %s", describe(p.tok))
		}
	}
}

// setSlice makes every index position free.
func (p *parser) setSlice(dim int) {
	p.slice = p.slice[:0]
	p.free = p.free[:0]
	for i := 0; i < dim; i++ {
		p.slice = append(p.slice, -1)
		p.free = append(p.free, i)
	}
	if cap(p.key) < dim {
		p.key = make([]int32, dim)
	}
	p.key = p.key[:dim]
}

// readSlice reads `[a, *, b]` and makes it the slice in force.
func (p *parser) readSlice(h, dim int, name string) error {
	open := p.tok.pos
	if err := p.advance(); err != nil {
		return err
	}
	p.slice = p.slice[:0]
	p.free = p.free[:0]
	for p.tok.kind != tRBrack {
		switch p.tok.kind {
		case tComma:
		case tStar:
			p.free = append(p.free, len(p.slice))
			p.slice = append(p.slice, -1)
		case tSymbol, tString:
			if len(p.slice) < dim {
				p.slice = append(p.slice, p.h.resolve(h, len(p.slice), p.tok.text, p.tok.pos))
			} else {
				p.slice = append(p.slice, -1)
			}
		default:
			return p.errorf(p.tok.pos, "unexpected %s in slice", describe(p.tok))
		}
		if err := p.advance(); err != nil {
			return err
		}
	}
	if len(p.slice) != dim {
		return arityf(open, "slice has %d positions, parameter has %d indices", len(p.slice), dim)
	}
	return p.advance()
}

// plain reads one record of plain data: a symbol per free slice position, then the value.
func (p *parser) plain(h int, name string) error {
	copy(p.key, p.slice)
	rowAt := p.tok.pos
	for _, k := range p.free {
		if !p.isSym() {
			return p.arityError(rowAt, name, p.free, k)
		}
		p.key[k] = p.h.resolve(h, k, p.tok.text, p.tok.pos)
		if err := p.advance(); err != nil {
			return err
		}
		if p.tok.kind == tComma {
			if err := p.advance(); err != nil {
				return err
			}
		}
	}
	if !p.isSym() {
		return p.arityError(rowAt, name, p.free, -1)
	}
	v, err := p.number()
	if err != nil {
		return err
	}
	p.h.entry(h, p.key, v, rowAt)
	return nil
}

func (p *parser) arityError(rowAt pos, name string, free []int, k int) error {
	got := len(free)
	for i, f := range free {
		if f == k {
			got = i
		}
	}
	return arityf(rowAt, "record has %d symbols before %s, expected %d index symbols and a value",
		got, describe(p.tok), len(free))
}

// table reads `: c1 c2 ... := r a1 a2 ...` (transposed when tr).
func (p *parser) table(h, dim int, name string, tr bool) error {
	colonAt := p.tok.pos
	if len(p.free) != 2 {
		return arityf(colonAt, "a table needs a slice with two '*' (found %d free index positions)", len(p.free))
	}
	rowK, colK := p.free[0], p.free[1]
	if tr {
		rowK, colK = colK, rowK
	}
	if err := p.advance(); err != nil {
		return err
	}
	p.cols = p.cols[:0]
	p.colAt = p.colAt[:0]
	for p.tok.kind != tAssign {
		switch p.tok.kind {
		case tComma:
		case tSymbol, tString:
			p.cols = append(p.cols, p.h.resolve(h, colK, p.tok.text, p.tok.pos))
			p.colAt = append(p.colAt, p.tok.pos)
		default:
			return p.errorf(p.tok.pos, "expected column symbols then ':=', found %s", describe(p.tok))
		}
		if err := p.advance(); err != nil {
			return err
		}
	}
	if err := p.advance(); err != nil {
		return err
	}
	copy(p.key, p.slice)
	for p.isSym() {
		p.key[rowK] = p.h.resolve(h, rowK, p.tok.text, p.tok.pos)
		if err := p.advance(); err != nil {
			return err
		}
		for c, ref := range p.cols {
			if p.tok.kind == tComma {
				if err := p.advance(); err != nil {
					return err
				}
			}
			if !p.isSym() {
				return arityf(p.tok.pos, "row has %d values, table has %d columns (found %s)",
					c, len(p.cols), describe(p.tok))
			}
			if p.tok.kind == tSymbol && len(p.tok.text) == 1 && p.tok.text[0] == '.' {
				if err := p.advance(); err != nil {
					return err
				}
				continue
			}
			valAt := p.tok.pos
			v, err := p.number()
			if err != nil {
				return err
			}
			p.key[colK] = ref
			p.h.entry(h, p.key, v, valAt)
		}
		if p.tok.kind == tComma {
			if err := p.advance(); err != nil {
				return err
			}
		}
	}
	return nil
}

// tabbing reads `param [default v] : [S :] p1 p2 ... := rows ;`: each row
// holds the index symbols then one value per parameter.
func (p *parser) tabbing() error {
	stmtAt := p.tok.pos
	def, hasDef := 0.0, false
	var defAt pos
	if p.is("default") {
		defAt = p.tok.pos
		if err := p.advance(); err != nil {
			return err
		}
		v, err := p.number()
		if err != nil {
			return err
		}
		def, hasDef = v, true
	}
	if err := p.expect(tColon, "':' in param [default v] : name ... :="); err != nil {
		return err
	}
	type col struct {
		h, dim int
		skip   bool
		name   string
		at     pos
	}
	var ps []col
	for p.tok.kind != tAssign {
		switch p.tok.kind {
		case tComma:
		case tSymbol:
			ps = append(ps, col{name: string(p.tok.text), at: p.tok.pos})
		case tColon:
			return p.errorf(p.tok.pos, "param : SET : ... defines a set together with parameters, which is not supported; declare the set with a set statement")
		default:
			return p.errorf(p.tok.pos, "expected parameter names then ':=', found %s", describe(p.tok))
		}
		if err := p.advance(); err != nil {
			return err
		}
	}
	if err := p.advance(); err != nil {
		return err
	}
	if len(ps) == 0 {
		return p.errorf(stmtAt, "param : lists no parameter")
	}
	dim := -1
	for i := range ps {
		c := &ps[i]
		c.h, c.dim, c.skip = p.h.paramBegin(c.name, c.at)
		if c.skip {
			continue
		}
		if hasDef {
			p.h.paramDefault(c.h, def, defAt)
		}
		if dim >= 0 && c.dim != dim {
			return arityf(c.at, "%s has %d indices, %s has %d: a tabbing table needs parameters of one dimension",
				c.name, c.dim, ps[0].name, dim)
		}
		dim = c.dim
	}
	if dim < 0 { // every parameter skipped
		return p.skipStmt()
	}
	for p.isSym() {
		rowAt := p.tok.pos
		p.syms = p.syms[:0]
		p.symAt = p.symAt[:0]
		for k := 0; k < dim; k++ {
			if !p.isSym() {
				return arityf(rowAt, "record has %d symbols before %s, expected %d index symbols and %d values",
					k, describe(p.tok), dim, len(ps))
			}
			p.syms = append(p.syms, append([]byte(nil), p.tok.text...))
			p.symAt = append(p.symAt, p.tok.pos)
			if err := p.advance(); err != nil {
				return err
			}
			if p.tok.kind == tComma {
				if err := p.advance(); err != nil {
					return err
				}
			}
		}
		if cap(p.key) < dim {
			p.key = make([]int32, dim)
		}
		p.key = p.key[:dim]
		for _, c := range ps {
			if !p.isSym() {
				return arityf(rowAt, "record ends at %s, expected %d index symbols and %d values",
					describe(p.tok), dim, len(ps))
			}
			if p.tok.kind == tSymbol && len(p.tok.text) == 1 && p.tok.text[0] == '.' {
				if err := p.advance(); err != nil {
					return err
				}
				continue
			}
			if c.skip {
				if err := p.advance(); err != nil {
					return err
				}
				continue
			}
			p.field = c.name
			v, err := p.number()
			if err != nil {
				return err
			}
			for k := range dim {
				p.key[k] = p.h.resolve(c.h, k, p.syms[k], p.symAt[k])
			}
			p.h.entry(c.h, p.key, v, rowAt)
			if p.tok.kind == tComma {
				if err := p.advance(); err != nil {
					return err
				}
			}
		}
	}
	if p.tok.kind == tSymbol && p.keyword() {
		return p.missingSemi()
	}
	if p.tok.kind == tSemi {
		p.field = ""
	}
	return p.expect(tSemi, "';' or a record")
}
