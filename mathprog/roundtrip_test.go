package mathprog

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"blueprint/model"
	"blueprint/otoole"
)

const modelsDir = "../testdata/models"

// dataModels lists every MathProg model in testdata/models: the files read
// together, by model folder.
func dataModels(t testing.TB) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(modelsDir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no models in %s: %v", modelsDir, err)
	}
	out := map[string][]string{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		dir := filepath.Base(filepath.Dir(f))
		switch name {
		case "atlantis_extra":
			continue // read with atlantis.txt below
		case "atlantis":
			out[dir] = []string{f, filepath.Join(filepath.Dir(f), "atlantis_extra.txt")}
			continue
		}
		key := dir
		if name != dir {
			key = dir + "/" + name
		}
		out[key] = []string{f}
	}
	return out
}

// sameModel reports the first difference between two models: set elements
// and order, and the value of every key of every parameter (bit for bit),
// defaults included; with defaults, also each parameter's default (which
// matters only for keys a later scenario may add).
func sameModel(a, b *model.Model, defaults bool) error {
	for _, sa := range a.Sets() {
		sb := b.Set(sa.Name)
		if sb == nil {
			return fmt.Errorf("set %s missing", sa.Name)
		}
		if strings.Join(sa.Elems, " ") != strings.Join(sb.Elems, " ") {
			return fmt.Errorf("set %s: %v vs %v", sa.Name, sa.Elems, sb.Elems)
		}
	}
	for _, pa := range a.Params() {
		pb := b.Param(pa.Name)
		if pb == nil {
			return fmt.Errorf("param %s missing", pa.Name)
		}
		da, db := pa.Dense(), pb.Dense()
		if len(da) != len(db) {
			return fmt.Errorf("%s: %d keys vs %d", pa.Name, len(da), len(db))
		}
		for i := range da {
			if math.Float64bits(da[i]) != math.Float64bits(db[i]) {
				return fmt.Errorf("%s: dense position %d: %v vs %v", pa.Name, i, da[i], db[i])
			}
		}
		if defaults && pa.DefaultFrom == "" && math.Float64bits(pa.Default) != math.Float64bits(pb.Default) {
			return fmt.Errorf("%s: default %v vs %v", pa.Name, pa.Default, pb.Default)
		}
	}
	return nil
}

func TestReadSharedModels(t *testing.T) {
	for name, files := range dataModels(t) {
		t.Run(name, func(t *testing.T) {
			var r Reader
			m, err := r.ReadFiles(files...)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range r.Warnings {
				if !strings.Contains(w.Error(), "ResultsPath") {
					t.Errorf("unexpected warning: %v", w)
				}
			}
			if m.Set("REGION").Len() == 0 || m.Set("YEAR").Len() == 0 || m.Set("TECHNOLOGY").Len() == 0 {
				t.Errorf("empty REGION, YEAR or TECHNOLOGY")
			}
			if errs := m.Freeze(); len(errs) > 0 {
				t.Errorf("Freeze: %v", errs)
			}
		})
	}
}

// TestRoundTrip: datafile → model → (otoole CSV → model →) datafile → model
// gives the same sets in the same order and every value bit for bit.
func TestRoundTrip(t *testing.T) {
	for name, files := range dataModels(t) {
		t.Run(name, func(t *testing.T) {
			m, err := ReadFiles(files...)
			if err != nil {
				t.Fatal(err)
			}
			mid := m
			dir := filepath.Join(t.TempDir(), "csv")
			if err := otoole.WriteDir(dir, m); err != nil {
				t.Fatalf("otoole.WriteDir: %v", err)
			}
			mid, err = otoole.ReadDir(dir)
			if err != nil {
				t.Fatalf("otoole.ReadDir: %v", err)
			}
			if err := sameModel(m, mid, true); err != nil {
				t.Fatalf("datafile → CSV: %v", err)
			}
			path := filepath.Join(t.TempDir(), "out.txt")
			if err := WriteFile(path, mid); err != nil {
				t.Fatal(err)
			}
			back, err := ReadFiles(path)
			if err != nil {
				t.Fatalf("reading what Write wrote: %v", err)
			}
			if err := sameModel(m, back, true); err != nil {
				t.Fatalf("datafile → CSV → datafile: %v", err)
			}
			back.Name = mid.Name
			// Writing is deterministic: the same model gives the same bytes.
			var b1, b2 bytes.Buffer
			if err := Write(&b1, back); err != nil {
				t.Fatal(err)
			}
			if err := Write(&b2, back); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
				t.Error("Write is not deterministic")
			}
			first, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, b1.Bytes()) {
				t.Error("writing the re-read model gives different bytes")
			}
		})
	}
}

// TestBothForms: a model published both as MathProg and as an otoole CSV
// folder loads to the same model from either.
//
// super_simple_model.txt (the OSeMOSYS repository's file) is not in the list:
// its data differ from otoole's super_simple CSVs (no CapitalCost, default
// 99999 for the limits), although both reach the same optimum.
func TestBothForms(t *testing.T) {
	cases := []struct{ txt, csv string }{
		{"super_simple/super_simple_from_csv.txt", "super_simple"},
		{"hydro_simple/hydro_simple.txt", "hydro_simple"},
		{"hydro_fossil/hydro_fossil.txt", "hydro_fossil"},
		{"hydro_fossil_limit/hydro_fossil_limit.txt", "hydro_fossil_limit"},
		{"simplicity/simplicity.txt", "simplicity"},
		{"electricity/electricity.txt", "electricity"},
		{"sweden_se/sweden_se.txt", "sweden_se"},
	}
	for _, tc := range cases {
		t.Run(tc.txt, func(t *testing.T) {
			a, err := ReadFiles(filepath.Join(modelsDir, tc.txt))
			if err != nil {
				t.Fatal(err)
			}
			b, err := otoole.ReadDir(filepath.Join(modelsDir, tc.csv))
			if err != nil {
				t.Fatal(err)
			}
			if err := sameModel(a, b, false); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestAgainstGlpsol reads each model with GLPK's own MathProg reader
// (glpsol, with a model that prints every value of every parameter) and
// compares with what Read gives, key by key.
func TestAgainstGlpsol(t *testing.T) {
	glpsol, err := exec.LookPath("glpsol")
	if err != nil {
		t.Skip("glpsol not installed")
	}
	for name, files := range dataModels(t) {
		t.Run(name, func(t *testing.T) {
			if testing.Short() && (name == "sweden_se" || name == "electricity") {
				t.Skip("large model in -short mode")
			}
			m, err := ReadFiles(files...)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			mod := filepath.Join(dir, "dump.mod")
			out := filepath.Join(dir, "dump.txt")
			if err := os.WriteFile(mod, []byte(dumpModel(m, files, out)), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"--check", "-m", mod}
			for _, f := range files {
				args = append(args, "-d", f)
			}
			if b, err := exec.Command(glpsol, args...).CombinedOutput(); err != nil {
				t.Fatalf("glpsol: %v\n%s", err, b)
			}
			want := readDump(t, out)
			got := 0
			for _, p := range m.Params() {
				if !dumped(p, files) {
					continue
				}
				d := p.Dense()
				st := p.Strides()
				sets := p.Sets()
				for i, v := range d {
					var key strings.Builder
					key.WriteString(p.Name)
					rem := i
					for k, s := range sets {
						key.WriteByte(' ')
						key.WriteString(s.Elems[rem/st[k]])
						rem %= st[k]
					}
					w, ok := want[key.String()]
					if !ok {
						t.Errorf("%s: glpsol has no value", key.String())
						continue
					}
					got++
					if math.Float64bits(w) != math.Float64bits(v) && !(w == 0 && v == 0) {
						t.Errorf("%s: glpsol %v, Read %v", key.String(), w, v)
					}
				}
			}
			if got != len(want) {
				t.Errorf("compared %d values, glpsol printed %d", got, len(want))
			}
		})
	}
}

// dumped reports whether the dump model prints p: glpsol has a value for
// every key only when the files name p (or p has a model default).
func dumped(p *model.Param, files []string) bool {
	return p.DefaultFrom != "" || givenIn(files, p.Name)
}

// givenIn reports whether a parameter is named in one of the files.
func givenIn(files []string, name string) bool {
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte(" "+name+" ")) || bytes.Contains(b, []byte("\t"+name+"\t")) || bytes.Contains(b, []byte(" "+name+"\t")) || bytes.Contains(b, []byte("\t"+name+" ")) {
			return true
		}
	}
	return false
}

// dumpModel is a MathProg model declaring m's sets and the parameters of
// osemosys.txt that m's files give, printing every value to out.
func dumpModel(m *model.Model, files []string, out string) string {
	var b strings.Builder
	for _, s := range m.Sets() {
		fmt.Fprintf(&b, "set %s;\n", s.Name)
	}
	for _, p := range m.Params() {
		idx := make([]string, len(p.Indices))
		vars := make([]string, len(p.Indices))
		for k, s := range p.Indices {
			vars[k] = fmt.Sprintf("i%d", k)
			idx[k] = fmt.Sprintf("i%d in %s", k, s)
		}
		def := ""
		if p.DefaultFrom != "" {
			def = fmt.Sprintf(", default %s[%s]", p.DefaultFrom, strings.Join(vars[:len(m.Param(p.DefaultFrom).Indices)], ","))
		}
		fmt.Fprintf(&b, "param %s{%s}%s;\n", p.Name, strings.Join(idx, ", "), def)
	}
	b.WriteString("param ResultsPath, symbolic default 'results';\n")
	for _, p := range m.Params() {
		if !dumped(p, files) {
			continue
		}
		idx := make([]string, len(p.Indices))
		vars := make([]string, len(p.Indices))
		for k, s := range p.Indices {
			vars[k] = fmt.Sprintf("i%d", k)
			idx[k] = fmt.Sprintf("i%d in %s", k, s)
		}
		fmt.Fprintf(&b, "printf {%s} \"%s%s %%.17g\\n\", %s, %s[%s] >> \"%s\";\n",
			strings.Join(idx, ", "), p.Name, strings.Repeat(" %s", len(vars)), strings.Join(vars, ", "),
			p.Name, strings.Join(vars, ","), out)
	}
	b.WriteString("end;\n")
	return b.String()
}

func readDump(t *testing.T, path string) map[string]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("dump line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}
