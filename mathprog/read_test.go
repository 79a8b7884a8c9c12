package mathprog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"blueprint/model"
)

const sets = "set REGION := R;\nset TECHNOLOGY := a b;\nset FUEL := f;\nset YEAR := 2020 2021;\nset MODE_OF_OPERATION := 1 2;\n"

// value returns p[key] for element names.
func value(t *testing.T, m *model.Model, param string, names ...string) (float64, bool) {
	t.Helper()
	p := m.Param(param)
	key := make([]model.Elem, len(names))
	for k, n := range names {
		e, ok := p.Sets()[k].Index(n)
		if !ok {
			t.Fatalf("%s: no element %s in %s", param, n, p.Sets()[k].Name)
		}
		key[k] = e
	}
	return p.Get(key...)
}

// TestForms reads each data-section form and checks the values it gives.
func TestForms(t *testing.T) {
	type want struct {
		param string
		key   []string
		v     float64
	}
	cases := []struct {
		name  string
		data  string
		wants []want
		n     map[string]int // explicit rows per parameter
	}{
		{"plain list with commas", sets + "param CapitalCost := R, a, 2020, 10 R b 2021 -2.5e3;",
			[]want{{"CapitalCost", []string{"R", "a", "2020"}, 10}, {"CapitalCost", []string{"R", "b", "2021"}, -2500}}, map[string]int{"CapitalCost": 2}},
		{"table with slice and dot", sets + "param CapitalCost default 7 := [R,*,*]: 2020 2021 := a 1 . b . 4;",
			[]want{{"CapitalCost", []string{"R", "a", "2020"}, 1}, {"CapitalCost", []string{"R", "a", "2021"}, 7}, {"CapitalCost", []string{"R", "b", "2021"}, 4}}, map[string]int{"CapitalCost": 2}},
		{"transposed table", sets + "param CapitalCost := [R,*,*] (tr): a b := 2020 1 2 2021 3 4;",
			[]want{{"CapitalCost", []string{"R", "b", "2020"}, 2}, {"CapitalCost", []string{"R", "a", "2021"}, 3}}, map[string]int{"CapitalCost": 4}},
		{"two-index table without slice", sets + "param OperationalLife : a b := R 40 30;",
			[]want{{"OperationalLife", []string{"R", "b"}, 30}}, map[string]int{"OperationalLife": 2}},
		{"several slices", sets + "param InputActivityRatio := [R,*,f,1,*]: 2020 := a 1 [R,*,f,2,*]: 2021 := b 2;",
			[]want{{"InputActivityRatio", []string{"R", "a", "f", "1", "2020"}, 1}, {"InputActivityRatio", []string{"R", "b", "f", "2", "2021"}, 2}}, map[string]int{"InputActivityRatio": 2}},
		{"slice then plain records", sets + "param VariableCost := [R,a,*,*] 1 2020 5 2 2021 6;",
			[]want{{"VariableCost", []string{"R", "a", "2", "2021"}, 6}}, map[string]int{"VariableCost": 2}},
		{"tabbing, two params", sets + "param default 3 : OperationalLife CapacityToActivityUnit := R a 40 31.5 R b . 2;",
			[]want{{"OperationalLife", []string{"R", "a"}, 40}, {"OperationalLife", []string{"R", "b"}, 3}, {"CapacityToActivityUnit", []string{"R", "b"}, 2}}, map[string]int{"OperationalLife": 1, "CapacityToActivityUnit": 2}},
		{"quoted symbols and comments", "set REGION := 'R 1' \"R''2\";/* c\nc */set TECHNOLOGY := t; # x\nparam DiscountRate := 'R 1' 0.1 \"R''2\" .2;",
			[]want{{"DiscountRate", []string{"R 1"}, 0.1}, {"DiscountRate", []string{"R''2"}, 0.2}}, nil},
		{"elements before their set", "param OperationalLife := R t 9;\nset REGION := R;\nset TECHNOLOGY := t;",
			[]want{{"OperationalLife", []string{"R", "t"}, 9}}, nil},
		{"data and end", "data;\nset REGION := R;\nparam DiscountRate := R 0.07;\nend;\nthis is ignored",
			[]want{{"DiscountRate", []string{"R"}, 0.07}}, nil},
		{"default only", sets + "param ResidualCapacity default 2 :=;",
			[]want{{"ResidualCapacity", []string{"R", "a", "2021"}, 2}}, map[string]int{"ResidualCapacity": 0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := model.New(model.DefaultSchema())
			if err := Read(strings.NewReader(tc.data), "t.txt", m); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.wants {
				v, _ := value(t, m, w.param, w.key...)
				if v != w.v {
					t.Errorf("%s%v = %v, want %v", w.param, w.key, v, w.v)
				}
			}
			for name, n := range tc.n {
				if got := m.Param(name).NumEntries(); got != n {
					t.Errorf("%s: %d rows, want %d", name, got, n)
				}
			}
		})
	}
}

// TestErrors: each problem is reported with its sentinel, line and column.
func TestErrors(t *testing.T) {
	cases := []struct {
		name     string
		data     string
		sentinel error
		want     string // the message, without "t.txt:"
	}{
		{"unknown element", sets + "param CapitalCost := R c 2020 1;", model.ErrUnknownElement, "6:24: CapitalCost: c is not an element of set TECHNOLOGY (did you mean a?)"},
		{"arity of a record", sets + "param CapitalCost := R a 1;", model.ErrArity, "6:22: CapitalCost: record has 3 symbols before ';', expected 3 index symbols and a value"},
		{"table row too short", sets + "param CapitalCost := [R,*,*]: 2020 2021 := a 1;", model.ErrArity, "6:47: CapitalCost: row has 1 values, table has 2 columns (found ';')"},
		{"table needs two stars", sets + "param CapitalCost := [R,a,*]: 2020 := x 1;", model.ErrArity, "6:29: CapitalCost: a table needs a slice with two '*' (found 1 free index positions)"},
		{"text value", sets + "param CapitalCost := R a 2020 ten;", model.ErrNotNumber, `6:31: CapitalCost: value "ten" is not a number`},
		{"quoted number is text", sets + "param CapitalCost := R a 2020 '1';", model.ErrNotNumber, `6:31: CapitalCost: value quoted "1" is not a number`},
		{"duplicate row", sets + "param CapitalCost := R a 2020 1\nR a 2020 2;", model.ErrDuplicate, "7:1: CapitalCost[R,a,2020]: duplicate row (value 2; also given at t.txt:6:22, value 1)"},
		{"set twice", "set REGION := R;\nset REGION := S;", model.ErrDuplicate, "2:5: REGION: set given twice in this file (first at line 1)"},
		{"element twice", "set REGION := R R;", model.ErrDuplicate, "1:17: REGION: element R given twice (first at line 1 col 15)"},
		{"missing semicolon", "set REGION := R\nparam DiscountRate := R 1;", model.ErrSyntax, "2:1: REGION: missing ';' before param"},
		{"missing semicolon at end", "set REGION := R", model.ErrSyntax, "1:16: REGION: missing ';' at end of file"},
		{"unclosed comment", "set REGION := R; /* x", model.ErrSyntax, "1:18: comment /* not closed"},
		{"unclosed quote", "set REGION := 'R;\n", model.ErrSyntax, "1:15: REGION: quoted symbol not closed on its line"},
		{"model statement", "var x >= 0;", model.ErrSyntax, `1:1: expected set, param, data or end, found "var" (only data sections are read, not model statements)`},
		{"set family", "set REGION[1] := R;", model.ErrSyntax, "1:11: REGION: indexed sets (set families) are not supported: OSeMOSYS sets are simple"},
		{"tabbing with set", "param : REGION : DiscountRate := R 1;", model.ErrSyntax, "1:16: param : SET : ... defines a set together with parameters, which is not supported; declare the set with a set statement"},
		{"non-integer year", "set YEAR := 2020.5;", model.ErrNotInteger, `1:13: YEAR: element "2020.5" is not an integer`},
		{"bad character", "set REGION := R$;", model.ErrSyntax, "1:16: REGION: unexpected character '$'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := model.New(model.DefaultSchema())
			err := Read(strings.NewReader(tc.data), "t.txt", m)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("%v: does not wrap %v", err, tc.sentinel)
			}
			first := strings.SplitN(err.Error(), "\n", 2)[0]
			if first != "t.txt:"+tc.want {
				t.Errorf("got  %s\nwant t.txt:%s", first, tc.want)
			}
		})
	}
}

// TestSeveralFiles: a later file adds to earlier ones; the same row again is
// fine, a different value or default is an error naming both places.
func TestSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", sets+"param CapitalCost default 0 := R a 2020 1;\n")
	same := write("same.txt", sets+"param CapitalCost default 0 := R a 2020 1;\n")
	more := write("more.txt", "set TECHNOLOGY := c;\nparam CapitalCost := R c 2021 3;\nparam DiscountRate := R 0.1;\n")
	conflict := write("conflict.txt", "param CapitalCost := R a 2020 2;\n")
	def := write("def.txt", "param CapitalCost default 5 :=;\n")

	m, err := ReadFiles(a, same, more)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.Set("TECHNOLOGY").Elems, " "); got != "a b c" {
		t.Errorf("TECHNOLOGY = %s", got)
	}
	if v, _ := value(t, m, "CapitalCost", "R", "c", "2021"); v != 3 {
		t.Errorf("row of the later file: %v", v)
	}
	if n := m.Param("CapitalCost").NumEntries(); n != 2 {
		t.Errorf("%d rows, want 2", n)
	}

	_, err = ReadFiles(a, conflict)
	if !errors.Is(err, model.ErrDuplicate) || !strings.Contains(err.Error(), conflict+":1:22: CapitalCost[R,a,2020]: value 2 conflicts with value 1 given at "+a+":6:32") {
		t.Errorf("conflicting row: %v", err)
	}
	_, err = ReadFiles(a, def)
	if !errors.Is(err, model.ErrDuplicate) || !strings.Contains(err.Error(), def+":1:19: CapitalCost: default 5 conflicts with default 0 given at "+a+":6:19") {
		t.Errorf("conflicting default: %v", err)
	}
}

func TestWarnings(t *testing.T) {
	var r Reader
	m := model.New(model.DefaultSchema())
	data := sets + "param ResultsPath := 'results';\nset COMMODITY := x;\nparam DiscountRateIdv default 0.1 := R a 0.2;\nparam DiscountRate := R 0.05;\n"
	if err := r.Read(strings.NewReader(data), "w.txt", m); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"w.txt:6:7: ResultsPath: parameter not in the schema: skipped",
		"w.txt:7:5: COMMODITY: set not in the schema: skipped",
		"w.txt:8:23: DiscountRateIdv: default clause 0.1 ignored: a missing row takes DiscountRate (osemosys.txt declares this default; glpsol rejects the clause)",
	}
	if len(r.Warnings) != len(want) {
		t.Fatalf("warnings: %v", r.Warnings)
	}
	for i, w := range want {
		if r.Warnings[i].Error() != w {
			t.Errorf("warning %d: %s, want %s", i, r.Warnings[i], w)
		}
	}
	if v, _ := value(t, m, "DiscountRateIdv", "R", "b"); v != 0.05 {
		t.Errorf("DiscountRateIdv[R,b] = %v, want DiscountRate[R] 0.05", v)
	}
}
