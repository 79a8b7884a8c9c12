package otoole

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"blueprint/model"
)

// FuzzReadParam reads arbitrary bytes as the CSV of one of super_simple's
// parameters (chosen by which). It must not panic; every problem must name
// the file and a line; and what reads without error must read back
// identically after WriteParam (read → write → read).
func FuzzReadParam(f *testing.F) {
	base, err := ReadDir(filepath.Join(modelsDir, "super_simple"))
	if err != nil {
		f.Fatal(err)
	}
	params := base.Params()
	for i, p := range params {
		data, err := os.ReadFile(filepath.Join(modelsDir, "super_simple", "csv", p.Name+".csv"))
		if err == nil {
			f.Add(data, uint8(i))
		}
	}
	for _, name := range []string{"electricity", "simplicity"} {
		for i, p := range params {
			if data, err := os.ReadFile(filepath.Join(modelsDir, name, "csv", p.Name+".csv")); err == nil && len(data) < 4096 {
				f.Add(data, uint8(i))
			}
		}
	}
	f.Add([]byte("\ufeffREGION,VALUE\r\nBB,0.1\r\n"), uint8(0))
	f.Add([]byte("REGION,TECHNOLOGY,VALUE,SOURCE,NOTE\nBB,gas_plant,1,\"a,b\",\"x\"\"y\"\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		m := base.Clone()
		p := m.Params()[int(which)%len(m.Params())]
		p.Clear()
		var d Diag
		ReadParam(m, p, "f.csv", data, &d)
		d.Errs = append(d.Errs, p.Sort()...)
		for _, e := range append(d.Errs, d.Warnings...) {
			if e.File != "f.csv" || e.Line < 1 {
				t.Fatalf("unpositioned problem: %v", e)
			}
		}
		if len(d.Errs) > 0 {
			return
		}
		var buf bytes.Buffer
		if err := WriteParam(&buf, p); err != nil {
			t.Fatal(err)
		}
		m2 := base.Clone()
		q := m2.Param(p.Name)
		q.Clear()
		var d2 Diag
		ReadParam(m2, q, "g.csv", buf.Bytes(), &d2)
		d2.Errs = append(d2.Errs, q.Sort()...)
		if len(d2.Errs) > 0 {
			t.Fatalf("written file does not read back: %v\n%s", d2.Errs, buf.Bytes())
		}
		if err := equalParams(p, q); err != nil {
			t.Fatalf("read → write → read: %v\n%s", err, buf.Bytes())
		}
	})
}

func equalParams(p, q *model.Param) error {
	if p.NumEntries() != q.NumEntries() {
		return fmt.Errorf("%d rows, then %d", p.NumEntries(), q.NumEntries())
	}
	for i := range p.NumEntries() {
		k1, v1 := p.Entry(i)
		k2, v2 := q.Entry(i)
		o1, o2 := p.Origin(i), q.Origin(i)
		if p.Format(k1) != q.Format(k2) || !sameFloat(v1, v2) || o1.Source != o2.Source || o1.Note != o2.Note || o1.Unit != o2.Unit {
			return fmt.Errorf("%s=%v %+v, then %s=%v %+v", p.Format(k1), v1, o1, q.Format(k2), v2, o2)
		}
	}
	return nil
}

// sameFloat compares bit for bit, any NaN equal to any NaN.
func sameFloat(a, b float64) bool {
	if math.IsNaN(a) {
		return math.IsNaN(b)
	}
	return math.Float64bits(a) == math.Float64bits(b)
}

// FuzzParseConfig: any bytes as config.yaml must give a schema or a positioned
// error, never a panic; a schema it accepts must make a model.
func FuzzParseConfig(f *testing.F) {
	for _, dir := range csvModels(f) {
		if data, err := os.ReadFile(filepath.Join(dir, "config.yaml")); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("X:\n  type: set\n_X:\n  type: set\nP:\n  indices: [X,_X]\n  type: param\n  default: 1e-5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseConfig("config.yaml", data, model.DefaultSchema())
		if err != nil {
			return
		}
		m := model.New(s)
		var buf bytes.Buffer
		if err := WriteConfig(&buf, m); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseConfig("again.yaml", buf.Bytes(), model.DefaultSchema()); err != nil {
			t.Fatalf("written config does not read back: %v\n%s", err, buf.Bytes())
		}
	})
}
