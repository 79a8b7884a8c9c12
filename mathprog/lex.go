package mathprog

import (
	"fmt"
	"io"

	"blueprint/model"
)

// tokKind is the kind of a lexical token of a MathProg data section.
type tokKind uint8

const (
	tEOF    tokKind = iota
	tSymbol         // unquoted symbol: a number or a name such as UTOPIA, 1990, a+b
	tString         // quoted symbol, text without the quotes
	tAssign         // :=
	tColon          // :
	tSemi           // ;
	tComma          // ,
	tLBrack         // [
	tRBrack         // ]
	tLParen         // (
	tRParen         // )
	tStar           // *
)

func (k tokKind) String() string {
	switch k {
	case tEOF:
		return "end of file"
	case tSymbol:
		return "symbol"
	case tString:
		return "quoted symbol"
	case tAssign:
		return "':='"
	case tColon:
		return "':'"
	case tSemi:
		return "';'"
	case tComma:
		return "','"
	case tLBrack:
		return "'['"
	case tRBrack:
		return "']'"
	case tLParen:
		return "'('"
	case tRParen:
		return "')'"
	case tStar:
		return "'*'"
	}
	return "unknown token"
}

// pos is a 1-based line and column (in bytes) in the input.
type pos struct {
	line, col int
}

// token is one lexical token. text aliases the lexer's buffer and is valid
// only until the next call of lexer.next.
type token struct {
	kind tokKind
	text []byte
	pos  pos
}

// maxToken bounds the length of one token (a symbol, a quoted string or a
// comment is not a token but may be long: comments are skipped in a
// streaming way and have no bound).
const maxToken = 1 << 20

// lexer splits a MathProg data section into tokens, reading the input in
// chunks so that memory stays bounded whatever the file size.
type lexer struct {
	r       io.Reader
	buf     []byte
	off     int // next unread byte in buf
	end     int // end of valid bytes in buf
	eof     bool
	readErr error
	line    int
	col     int
	scratch []byte // unescaped quoted strings
}

func newLexer(r io.Reader, bufSize int) *lexer {
	return &lexer{r: r, buf: make([]byte, bufSize), line: 1, col: 1}
}

// fill reads more input, keeping buf[keep:end]. It returns the amount by
// which offsets at or after keep have moved (to be subtracted) and false when
// no more input is available.
func (lx *lexer) fill(keep int) (int, bool) {
	if lx.eof {
		return 0, false
	}
	shift := 0
	if keep > 0 {
		copy(lx.buf, lx.buf[keep:lx.end])
		lx.end -= keep
		lx.off -= keep
		shift = keep
	}
	if lx.end == len(lx.buf) {
		if len(lx.buf) >= maxToken {
			lx.readErr = fmt.Errorf("token longer than %d bytes", maxToken)
			lx.eof = true
			return shift, false
		}
		nb := make([]byte, 2*len(lx.buf))
		copy(nb, lx.buf[:lx.end])
		lx.buf = nb
	}
	for {
		n, err := lx.r.Read(lx.buf[lx.end:])
		lx.end += n
		if err != nil {
			lx.eof = true
			if err != io.EOF {
				lx.readErr = err
			}
			return shift, n > 0
		}
		if n > 0 {
			return shift, true
		}
	}
}

// peek returns the byte at buf[i], reading more input if needed; keep is the
// start of the bytes that must survive a refill and is updated in place,
// together with i.
func (lx *lexer) at(i, keep *int) (byte, bool) {
	for *i >= lx.end {
		shift, ok := lx.fill(*keep)
		*i -= shift
		*keep -= shift
		if !ok && *i >= lx.end {
			return 0, false
		}
	}
	return lx.buf[*i], true
}

// isSymbolByte reports whether c may appear in an unquoted symbol. GLPK's
// data section accepts letters, digits, '_', '.', '+' and '-'.
func isSymbolByte(c byte) bool { return symbolByte[c] }

// symbolByte is the table behind isSymbolByte.
var symbolByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '.' || c == '+' || c == '-'
	}
	return t
}()

// skipSpace skips blanks and comments. It returns an error for an
// unterminated /* comment.
func (lx *lexer) skipSpace() error {
	for {
		i, keep := lx.off, lx.off
		c, ok := lx.at(&i, &keep)
		lx.off = i
		if !ok {
			return nil
		}
		switch c {
		case '\n':
			lx.off++
			lx.line++
			lx.col = 1
		case ' ', '\t', '\r', '\f', '\v':
			j := lx.off + 1
			for j < lx.end && (lx.buf[j] == ' ' || lx.buf[j] == '\t') {
				j++
			}
			lx.col += j - lx.off
			lx.off = j
		case '#':
			for {
				i, keep := lx.off, lx.off
				c, ok := lx.at(&i, &keep)
				lx.off = i
				if !ok || c == '\n' {
					break
				}
				lx.off++
				lx.col++
			}
		case '/':
			i, keep := lx.off+1, lx.off
			c2, ok := lx.at(&i, &keep)
			lx.off = keep
			if !ok || c2 != '*' {
				return nil // not a comment: next() reports the '/'
			}
			start := pos{lx.line, lx.col}
			lx.off += 2
			lx.col += 2
			closed := false
			for !closed {
				i, keep := lx.off, lx.off
				c, ok := lx.at(&i, &keep)
				lx.off = i
				if !ok {
					return lexError(start, "comment /* not closed")
				}
				lx.off++
				switch c {
				case '\n':
					lx.line++
					lx.col = 1
				case '*':
					lx.col++
					j, keep := lx.off, lx.off
					c2, ok := lx.at(&j, &keep)
					lx.off = keep
					if ok && c2 == '/' {
						lx.off++
						lx.col++
						closed = true
					}
				default:
					lx.col++
				}
			}
		default:
			return nil
		}
	}
}

// lexError returns a syntax error at p.
func lexError(p pos, format string, args ...any) error {
	return &syntaxErr{p, model.ErrSyntax, fmt.Sprintf(format, args...), false}
}

// readError reports a failure of the underlying reader.
func readError(p pos, err error) error {
	return &syntaxErr{p, err, "read: " + err.Error(), false}
}

// next returns the next token. At the end of input it returns tEOF, or the
// read error if reading failed.
func (lx *lexer) next() (token, error) {
	if err := lx.skipSpace(); err != nil {
		return token{}, err
	}
	p := pos{lx.line, lx.col}
	i, keep := lx.off, lx.off
	c, ok := lx.at(&i, &keep)
	lx.off = i
	if !ok {
		if lx.readErr != nil {
			return token{}, readError(p, lx.readErr)
		}
		return token{kind: tEOF, pos: p}, nil
	}
	single := func(k tokKind) (token, error) {
		t := token{kind: k, text: lx.buf[lx.off : lx.off+1], pos: p}
		lx.off++
		lx.col++
		return t, nil
	}
	switch c {
	case ';':
		return single(tSemi)
	case ',':
		return single(tComma)
	case '[':
		return single(tLBrack)
	case ']':
		return single(tRBrack)
	case '(':
		return single(tLParen)
	case ')':
		return single(tRParen)
	case '*':
		return single(tStar)
	case ':':
		j, keep := lx.off+1, lx.off
		c2, ok := lx.at(&j, &keep)
		lx.off = keep
		if ok && c2 == '=' {
			t := token{kind: tAssign, text: lx.buf[lx.off : lx.off+2], pos: p}
			lx.off += 2
			lx.col += 2
			return t, nil
		}
		return single(tColon)
	case '\'', '"':
		return lx.quoted(c, p)
	}
	if !symbolByte[c] {
		lx.off++
		lx.col++
		if c >= 0x80 {
			return token{}, lexError(p, "unexpected byte 0x%02x (quote symbols that are not ASCII letters, digits, _ . + -)", c)
		}
		return token{}, lexError(p, "unexpected character %q", c)
	}
	start := lx.off
	j := start + 1
	for {
		// Fast path inside the buffer; at() only at its end.
		for j < lx.end && symbolByte[lx.buf[j]] {
			j++
		}
		c, ok := lx.at(&j, &start)
		if !ok || !symbolByte[c] {
			break
		}
		j++
	}
	if lx.readErr != nil && j >= lx.end {
		return token{}, readError(p, lx.readErr)
	}
	lx.off = j
	lx.col += j - start
	return token{kind: tSymbol, text: lx.buf[start:j], pos: p}, nil
}

// quoted scans a quoted symbol; a doubled quote stands for one quote.
func (lx *lexer) quoted(q byte, p pos) (token, error) {
	start := lx.off
	j := start + 1
	lx.scratch = lx.scratch[:0]
	for {
		c, ok := lx.at(&j, &start)
		if !ok || c == '\n' {
			// Consume the rest of the line so that reading can go on.
			lx.col += j - start
			lx.off = j
			if lx.readErr != nil {
				return token{}, readError(p, lx.readErr)
			}
			return token{}, lexError(p, "quoted symbol not closed on its line")
		}
		j++
		if c == q {
			k := j
			c2, ok := lx.at(&k, &start)
			j = k
			if ok && c2 == q {
				lx.scratch = append(lx.scratch, q)
				j++
				continue
			}
			break
		}
		lx.scratch = append(lx.scratch, c)
	}
	lx.col += j - start
	lx.off = j
	return token{kind: tString, text: lx.scratch, pos: p}, nil
}

// skipBOM drops a UTF-8 byte-order mark at the start of the input.
func (lx *lexer) skipBOM() {
	i, keep := 2, 0
	if _, ok := lx.at(&i, &keep); ok && lx.buf[0] == 0xEF && lx.buf[1] == 0xBB && lx.buf[2] == 0xBF {
		lx.off = 3
	}
}
