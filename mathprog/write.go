package mathprog

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"blueprint/model"
)

// Write writes m as a MathProg data section: every set in schema order with
// its elements in model order, then every parameter in schema order as
//
//	param Name default D :=
//	e1 e2 ... value
//	;
//
// with only the rows whose value differs from the default, in key order. A
// parameter whose default is another parameter (DiscountRateIdv) is written
// without a default clause, which glpsol refuses for it. The output is
// deterministic and reads back (with [Read]) to the same values bit for bit.
// Write fails on a NaN or infinite value, which MathProg cannot express.
func Write(w io.Writer, m *model.Model) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	buf := make([]byte, 0, 256)
	buf = append(buf, "# GNU MathProg data section written by Blueprint\n"...)
	if m.Name != "" {
		buf = append(buf, "# model: "...)
		buf = appendComment(buf, m.Name)
		buf = append(buf, '\n')
	}
	buf = append(buf, '\n')
	for _, s := range m.Sets() {
		buf = append(buf, "set "...)
		buf = append(buf, s.Name...)
		buf = append(buf, " :="...)
		for _, e := range s.Elems {
			buf = append(buf, ' ')
			buf = appendName(buf, e)
		}
		buf = append(buf, " ;\n"...)
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("mathprog: write: %w", err)
		}
		buf = buf[:0]
	}
	buf = append(buf, '\n')
	for _, p := range m.Params() {
		if p.OmitOnWrite() {
			continue
		}
		if err := writeParam(bw, p, buf); err != nil {
			return err
		}
		buf = buf[:0]
	}
	buf = append(buf[:0], "end;\n"...)
	if _, err := bw.Write(buf); err != nil {
		return fmt.Errorf("mathprog: write: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("mathprog: write: %w", err)
	}
	return nil
}

func writeParam(bw *bufio.Writer, p *model.Param, buf []byte) error {
	buf = append(buf, "param "...)
	buf = append(buf, p.Name...)
	if p.DefaultFrom == "" {
		if !finite(p.Default) {
			return fmt.Errorf("mathprog: %s: default %v cannot be written", p.Name, p.Default)
		}
		buf = append(buf, " default "...)
		buf = strconv.AppendFloat(buf, p.Default, 'g', -1, 64)
	}
	buf = append(buf, " :=\n"...)
	n := p.NumEntries()
	order := entryOrder(p)
	sets := p.Sets()
	for i := range n {
		j := i
		if order != nil {
			j = int(order[i])
		}
		key, v := p.Entry(j)
		if math.Float64bits(v) == math.Float64bits(p.DefaultAt(key)) {
			continue
		}
		if !finite(v) {
			return fmt.Errorf("mathprog: %s: value %v cannot be written", p.Format(key), v)
		}
		for k, e := range key {
			if k > 0 {
				buf = append(buf, ' ')
			}
			buf = appendName(buf, sets[k].Elems[e])
		}
		buf = append(buf, ' ')
		buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		buf = append(buf, '\n')
		if len(buf) > 32<<10 {
			if _, err := bw.Write(buf); err != nil {
				return fmt.Errorf("mathprog: write: %w", err)
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, ";\n"...)
	if _, err := bw.Write(buf); err != nil {
		return fmt.Errorf("mathprog: write: %w", err)
	}
	return nil
}

// entryOrder returns the entries of an unsorted parameter in key order (the
// last of equal keys wins, as with Param.Sort), nil when p is sorted.
func entryOrder(p *model.Param) []int32 {
	if p.Sorted() {
		return nil
	}
	n := p.NumEntries()
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		ka, _ := p.Entry(int(a))
		kb, _ := p.Entry(int(b))
		return slices.Compare(ka, kb)
	})
	out := order[:0]
	for i, j := range order {
		if i+1 < n {
			ka, _ := p.Entry(int(j))
			kb, _ := p.Entry(int(order[i+1]))
			if slices.Equal(ka, kb) {
				continue
			}
		}
		out = append(out, j)
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// appendName appends an element as a bare symbol when it is one, else quoted.
func appendName(buf []byte, s string) []byte {
	if plainSymbol(s) {
		return append(buf, s...)
	}
	buf = append(buf, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			buf = append(buf, '\'')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '\'')
}

// appendComment appends s with line breaks replaced, so that it stays a comment.
func appendComment(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' {
			c = ' '
		}
		buf = append(buf, c)
	}
	return buf
}

// WriteFile writes m to path with [Write], atomically: the data go to a
// temporary file in the same directory, which is then renamed over path.
func WriteFile(path string, m *model.Model) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("mathprog: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(0o644); err != nil { // CreateTemp makes it 0600
		return fmt.Errorf("mathprog: %w", err)
	}
	if err := Write(f, m); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("mathprog: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("mathprog: %w", err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("mathprog: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("mathprog: %w", err)
	}
	return nil
}
