package scenario

import (
	"math"
	"os"
	"strings"
	"testing"

	"blueprint/mathprog"
	"blueprint/model"
)

func utopia(t *testing.T) *model.Model {
	t.Helper()
	m, err := mathprog.ReadFiles("../testdata/models/utopia/utopia.txt")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// get returns p[names...] (explicit or default).
func get(t *testing.T, m *model.Model, param string, names ...string) float64 {
	t.Helper()
	p := m.Param(param)
	key := make([]model.Elem, len(names))
	for j, n := range names {
		e, ok := p.Sets()[j].Lookup(n)
		if !ok {
			t.Fatalf("%s: no %s in %s", param, n, p.Sets()[j].Name)
		}
		key[j] = e
	}
	if i, ok := p.Find(key...); ok {
		_, v := p.Entry(i)
		return v
	}
	return p.DefaultAt(key)
}

func TestParsePath(t *testing.T) {
	for _, c := range []struct {
		in      string
		at      map[int]float64 // year → value; NaN: not applied
		wantErr string
	}{
		{in: "2025:100,2050:300", at: map[int]float64{2020: math.NaN(), 2025: 100, 2030: 140, 2050: 300, 2060: 300}},
		{in: "150", at: map[int]float64{1990: 150, 2050: 150}},
		{in: " 2030 : 5 ", at: map[int]float64{2029: math.NaN(), 2030: 5, 2031: 5}},
		{in: "2030:1,2030:2", wantErr: "years must increase"},
		{in: "2050:1,2030:2", wantErr: "years must increase"},
		{in: "2030", wantErr: ""}, // a lone number is a constant
		{in: "x:1", wantErr: "year \"x\""},
		{in: "2030:abc", wantErr: "not a finite number"},
		{in: "2030:NaN", wantErr: "not a finite number"},
		{in: "", wantErr: "empty path"},
	} {
		p, err := ParsePath(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("ParsePath(%q) err = %v, want %q", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParsePath(%q): %v", c.in, err)
			continue
		}
		for y, want := range c.at {
			v, ok := p.At(y)
			if math.IsNaN(want) {
				if ok {
					t.Errorf("%q.At(%d) = %v, want not applied", c.in, y, v)
				}
			} else if !ok || math.Abs(v-want) > 1e-12 {
				t.Errorf("%q.At(%d) = %v, %v; want %v", c.in, y, v, ok, want)
			}
		}
		if q, err := ParsePath(p.String()); err != nil || q.String() != p.String() {
			t.Errorf("String round trip %q → %q", c.in, p.String())
		}
	}
}

func TestKnobsApply(t *testing.T) {
	m := utopia(t)
	m.Param("EmissionsPenalty").Put([]model.Elem{0, 0, 10}, 2, nil) // 2000: existing penalty 2
	k := Knobs{
		CarbonPrice: map[string]Path{"CO2": {Years: []int{2000, 2010}, Values: []float64{10, 30}}},
		Cap:         map[string]Path{"CO2": {Years: []int{1995, 2005}, Values: []float64{100, 50}}},
		Budget:      map[string]float64{"NOX": 1000},
	}
	if err := k.Apply(m); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		param string
		key   []string
		want  float64
	}{
		{"EmissionsPenalty", []string{"UTOPIA", "CO2", "1999"}, 0},
		{"EmissionsPenalty", []string{"UTOPIA", "CO2", "2000"}, 12}, // 2 + 10: added to the data's penalty
		{"EmissionsPenalty", []string{"UTOPIA", "CO2", "2005"}, 20},
		{"EmissionsPenalty", []string{"UTOPIA", "CO2", "2010"}, 30},
		{"EmissionsPenalty", []string{"UTOPIA", "NOX", "2010"}, 0},
		{"AnnualEmissionLimit", []string{"UTOPIA", "CO2", "1994"}, -1},
		{"AnnualEmissionLimit", []string{"UTOPIA", "CO2", "1995"}, 100},
		{"AnnualEmissionLimit", []string{"UTOPIA", "CO2", "2000"}, 75},
		{"AnnualEmissionLimit", []string{"UTOPIA", "CO2", "2010"}, 50},
		{"ModelPeriodEmissionLimit", []string{"UTOPIA", "NOX"}, 1000},
		{"ModelPeriodEmissionLimit", []string{"UTOPIA", "CO2"}, -1},
	} {
		if got := get(t, m, c.param, c.key...); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s%v = %v, want %v", c.param, c.key, got, c.want)
		}
	}
	p := m.Param("AnnualEmissionLimit")
	i, _ := p.Find(0, 0, 10)
	if src, _ := p.Provenance(i); !strings.Contains(src, "SCENARIO: cap CO2 1995:100,2005:50") {
		t.Errorf("cap provenance = %q", src)
	}
}

func TestKnobsErrors(t *testing.T) {
	for _, c := range []struct {
		k    Knobs
		want string
	}{
		{Knobs{CarbonPrice: map[string]Path{"CH4": {Values: []float64{1}}}}, `carbon price CH4: emission "CH4" is not in the model (EMISSION: CO2, NOX)`},
		{Knobs{CarbonPrice: map[string]Path{"CO2": {Years: []int{2000, 2010}, Values: []float64{50, 20}}}}, "carbon price CO2: the path decreases from 50 in 2000 to 20 in 2010"},
		{Knobs{CarbonPrice: map[string]Path{"CO2": {Values: []float64{-5}}}}, "carbon price CO2: negative price -5"},
		{Knobs{Cap: map[string]Path{"CO2": {Years: []int{2000, 2050}, Values: []float64{5, 1}}}}, "cap CO2: year 2050 is not one of the model's years (1990–2010)"},
		{Knobs{Cap: map[string]Path{"CO2": {Years: []int{2000}, Values: []float64{-3}}}}, "cap CO2: negative cap -3 in 2000"},
		{Knobs{Budget: map[string]float64{"SO2": 5}}, `budget SO2: emission "SO2" is not in the model`},
		{Knobs{Budget: map[string]float64{"CO2": -5}}, "budget CO2: -5 is not a non-negative number"},
	} {
		err := c.k.Apply(utopia(t))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("err = %v, want %q", err, c.want)
		}
	}
}

func TestScenarioChain(t *testing.T) {
	m := utopia(t)
	s, err := Load("testdata/utopia/higher")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Chain(), ">"); got != "high>higher" {
		t.Errorf("Chain = %s", got)
	}
	c, err := s.Apply(m)
	if err != nil {
		t.Fatal(err)
	}
	if c.Scenario != "higher" {
		t.Errorf("Scenario = %q", c.Scenario)
	}
	// The parent's overlay applies; the child's price replaces the parent's.
	for _, x := range []struct {
		param string
		key   []string
		want  float64
	}{
		{"VariableCost", []string{"UTOPIA", "IMPHCO1", "1", "2000"}, 9},
		{"VariableCost", []string{"UTOPIA", "IMPHCO1", "1", "2001"}, 9.5},
		{"EmissionsPenalty", []string{"UTOPIA", "CO2", "2004"}, 0},
		{"EmissionsPenalty", []string{"UTOPIA", "CO2", "2005"}, 30},
		{"EmissionsPenalty", []string{"UTOPIA", "CO2", "2010"}, 30},
		{"AnnualEmissionLimit", []string{"UTOPIA", "CO2", "2000"}, 75},
		{"ModelPeriodEmissionLimit", []string{"UTOPIA", "NOX"}, 1000},
		{"CapitalCost", []string{"UTOPIA", "NEWTECH", "2000"}, 123},
	} {
		if got := get(t, c, x.param, x.key...); got != x.want {
			t.Errorf("%s%v = %v, want %v", x.param, x.key, got, x.want)
		}
	}
	if g := c.GroupOf("NEWTECH"); g.Measure != "new tech" {
		t.Errorf("group of NEWTECH = %v", g)
	}
	p := c.Param("VariableCost")
	tech, _ := c.Set("TECHNOLOGY").Lookup("IMPHCO1")
	y, _ := c.Set("YEAR").Lookup("2000")
	i, ok := p.Find(0, tech, 0, y)
	if !ok {
		t.Fatal("VariableCost row missing")
	}
	if src, note := p.Provenance(i); src != "ASSUMPTION: test" || note != "doubled" {
		t.Errorf("provenance = %q, %q", src, note)
	}
	// The base model is untouched.
	if get(t, m, "VariableCost", "UTOPIA", "IMPHCO1", "1", "2000") == 9 || m.Set("TECHNOLOGY").Len() == c.Set("TECHNOLOGY").Len() {
		t.Error("Apply changed the base model")
	}
}

func TestKnobsOnlyFile(t *testing.T) {
	s, err := Load("testdata/knobs_only.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Apply(utopia(t))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "knobs_only" || get(t, c, "AnnualEmissionLimit", "UTOPIA", "CO2", "2005") != 80 {
		t.Errorf("name %q, cap %v", s.Name, get(t, c, "AnnualEmissionLimit", "UTOPIA", "CO2", "2005"))
	}
}

func TestScenarioErrors(t *testing.T) {
	for _, c := range []struct {
		dir  string
		want []string
	}{
		{"bad_param", []string{"bad_param/Colour.csv: Colour: ", "not a set or parameter", `bad_param/VariableCost.csv:2:8: VariableCost[UTOPIA,NOPE,1,2000]: TECHNOLOGY "NOPE" is not in set TECHNOLOGY`, `bad_param/VariableCost.csv:3:`, `VALUE "x" is not a number`}},
		{"bad_elem", []string{"bad_elem/YEAR.csv:2:"}},
		{"cycle_a", []string{"parent cycle"}},
		{"noheader", []string{"noheader: no scenario.yaml"}},
		{"bad_yaml", []string{"bad_yaml/scenario.yaml: line 2: field price not found (scenario.yaml knows name, parent"}},
		{"missing", []string{"no such file"}},
	} {
		s, err := Load("testdata/utopia/" + c.dir)
		if err == nil {
			_, err = s.Apply(utopia(t))
		}
		if err == nil {
			t.Errorf("%s: no error", c.dir)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %v\nwant it to contain %q", c.dir, err, w)
			}
		}
	}
}

func TestLoadFS(t *testing.T) {
	s, err := LoadFS(os.DirFS("testdata/utopia"), "higher")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Apply(utopia(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, c, "VariableCost", "UTOPIA", "IMPHCO1", "1", "2000"); got != 9 {
		t.Errorf("parent overlay through fs.FS: VariableCost = %v", got)
	}
}
