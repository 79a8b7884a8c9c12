package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// val is a number with its provenance: SOURCE (source ids, "ASSUMPTION: …"
// or "DERIVED: arithmetic") and NOTE (proxies keep the word PROXY here).
type val struct {
	x          float64
	src, note  string
	name, unit string
}

// input is one row of inputs.csv.
type input struct {
	val
	line int
	used bool
}

// inputs holds inputs.csv by quantity name.
type inputs struct {
	file string
	rows map[string]*input
	errs []error
}

func readInputs(path string) (*inputs, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	in := &inputs{file: path, rows: map[string]*input{}}
	for i, rec := range recs {
		line := i + 1
		if i == 0 || len(rec) == 0 || strings.HasPrefix(rec[0], "#") {
			continue
		}
		if len(rec) != 5 {
			return nil, fmt.Errorf("%s:%d: %d fields, want quantity,value,unit,SOURCE,NOTE", path, line, len(rec))
		}
		x, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: value %q of %s is not a number", path, line, rec[1], rec[0])
		}
		if rec[3] == "" {
			return nil, fmt.Errorf("%s:%d: %s has no SOURCE", path, line, rec[0])
		}
		if _, dup := in.rows[rec[0]]; dup {
			return nil, fmt.Errorf("%s:%d: %s given twice", path, line, rec[0])
		}
		in.rows[rec[0]] = &input{val: val{x: x, src: rec[3], note: rec[4], name: rec[0], unit: rec[2]}, line: line}
	}
	return in, nil
}

// get returns the input called name; a missing name is recorded as an error.
func (in *inputs) get(name string) val {
	r, ok := in.rows[name]
	if !ok {
		in.errs = append(in.errs, fmt.Errorf("%s: no quantity %q", in.file, name))
		return val{x: math.NaN(), name: name}
	}
	r.used = true
	return r.val
}

// x is get(name).x.
func (in *inputs) x(name string) float64 { return in.get(name).x }

// unused lists inputs never read, so that the table holds no dead numbers.
func (in *inputs) unused() []string {
	var out []string
	for n, r := range in.rows {
		if !r.used && !strings.HasPrefix(n, "check:") {
			out = append(out, fmt.Sprintf("%s:%d: %s", in.file, r.line, n))
		}
	}
	sort.Strings(out)
	return out
}

// lit returns v with the provenance of input v but a new value (e.g. a
// unit conversion that needs no arithmetic note).
func sig(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	d := math.Ceil(math.Log10(math.Abs(x)))
	p := math.Pow(10, 7-d)
	return math.Round(x*p) / p
}

// der returns a derived value: SOURCE "DERIVED: formula", NOTE naming the
// inputs it comes from (through other derived values too) with their
// sources, and flagging proxies.
func der(x float64, formula string, parts ...val) val {
	var toks []string
	seen := map[string]bool{}
	proxy := false
	add := func(tok string) {
		if tok != "" && !seen[tok] {
			seen[tok] = true
			toks = append(toks, tok)
		}
	}
	for _, p := range parts {
		if strings.Contains(p.note, "PROXY") || strings.Contains(p.src, "PROXY") {
			proxy = true
		}
		if p.name == "" {
			// a derived value: inherit the inputs it names
			if i := strings.Index(p.note, "from "); i >= 0 {
				for _, t := range strings.Split(p.note[i+len("from "):], "; ") {
					add(t)
				}
			}
			continue
		}
		s := p.src
		if strings.HasPrefix(s, "ASSUMPTION") {
			s = "ASSUMPTION"
		} else if strings.HasPrefix(s, "DERIVED") {
			s = "derived"
		}
		add(fmt.Sprintf("%s (%s)", p.name, s))
	}
	note := ""
	if len(toks) > 0 {
		note = "from " + strings.Join(toks, "; ")
	}
	if proxy {
		note = strings.TrimSpace("PROXY input: " + note)
	}
	return val{x: sig(x), src: "DERIVED: " + formula, note: note}
}

// f formats a number for a formula.
func f(x float64) string {
	return strconv.FormatFloat(sig(x), 'g', 6, 64)
}

// assume returns a modelling assumption that is not a data input (e.g. a
// sentinel capacity that never binds).
func assume(x float64, why string) val {
	return val{x: x, src: "ASSUMPTION: " + why}
}

// lerp interpolates linearly between (y0, a) and (y1, b), holding the end
// values outside.
func lerp(y, y0 int, a float64, y1 int, b float64) float64 {
	switch {
	case y <= y0:
		return a
	case y >= y1:
		return b
	}
	return a + (b-a)*float64(y-y0)/float64(y1-y0)
}

// path interpolates an input pair (y0 value a, y1 value b) for year y.
func path(y, y0 int, a val, y1 int, b val, scale float64, unit string) val {
	x := lerp(y, y0, a.x, y1, b.x) * scale
	if y <= y0 && scale == 1 {
		return a
	}
	if y >= y1 && scale == 1 {
		return b
	}
	s := ""
	if scale != 1 {
		s = " × " + f(scale)
	}
	return der(x, fmt.Sprintf("linear %d %s → %d %s at %d%s", y0, f(a.x), y1, f(b.x), y, s), a, b)
}
