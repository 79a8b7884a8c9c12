package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// small builds a model with one region, two technologies, two fuels, one
// timeslice and the given years (in the order given).
func small(t testing.TB, years ...string) *Model {
	t.Helper()
	m := New(DefaultSchema())
	add := func(set string, names ...string) {
		for _, n := range names {
			if _, err := m.AddElem(set, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("REGION", "R")
	add("TECHNOLOGY", "PP", "IMP")
	add("FUEL", "ELC", "GAS")
	add("TIMESLICE", "ALL")
	add("MODE_OF_OPERATION", "1")
	add("YEAR", years...)
	return m
}

func key(t testing.TB, m *Model, p string, names ...string) []Elem {
	t.Helper()
	par := m.Param(p)
	k := make([]Elem, len(names))
	for i, n := range names {
		e, ok := par.Sets()[i].Lookup(n)
		if !ok {
			t.Fatalf("%s: no %s %q", p, par.Indices[i], n)
		}
		k[i] = e
	}
	return k
}

func TestIntegerSetOrderRemapsKeys(t *testing.T) {
	m := small(t, "2030")
	cc := m.Param("CapitalCost")
	cc.Add(key(t, m, "CapitalCost", "R", "PP", "2030"), 30, nil)
	// Years added later, out of order: the set stays sorted and the existing
	// row keeps pointing at 2030.
	for _, y := range []string{"2040", "2020", "2025"} {
		if _, err := m.AddElem("YEAR", y); err != nil {
			t.Fatal(err)
		}
	}
	if got := m.Set("YEAR").Elems; !slices.Equal(got, []string{"2020", "2025", "2030", "2040"}) {
		t.Fatalf("YEAR = %v", got)
	}
	if v, ok := cc.Get(key(t, m, "CapitalCost", "R", "PP", "2030")...); v != 30 || !ok {
		t.Errorf("CapitalCost[R,PP,2030] = %v, %v after inserting years", v, ok)
	}
	if e, ok := m.Set("YEAR").Lookup("2025.0"); !ok || m.Set("YEAR").Elems[e] != "2025" {
		t.Errorf("Lookup(2025.0) = %v, %v", e, ok)
	}
	if m.Set("YEAR").Num(0) != 2020 {
		t.Errorf("Num(0) = %v", m.Set("YEAR").Num(0))
	}
	if !math.IsNaN(m.Set("TECHNOLOGY").Num(0)) {
		t.Error("Num of a symbolic element is not NaN")
	}
}

func TestAddElemErrors(t *testing.T) {
	m := small(t, "2020")
	tests := []struct {
		set, name string
		want      error
	}{
		{"YEAR", "20x0", ErrNotInteger},
		{"YEAR", "2020.5", ErrNotInteger},
		{"YEAR", "2020.0", ErrDuplicate},
		{"NOSUCH", "a", ErrUnknownName},
		{"TECHNOLOGY", "", ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.set+"/"+tc.name, func(t *testing.T) {
			_, err := m.AddElem(tc.set, tc.name)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if e, err := m.AddElem("TECHNOLOGY", "PP"); err != nil || e != 0 {
		t.Errorf("re-adding an element: %v, %v", e, err)
	}
}

func TestParamGetSetDense(t *testing.T) {
	m := small(t, "2020", "2030")
	p := m.Param("AvailabilityFactor") // default 1
	p.Add(key(t, m, p.Name, "R", "IMP", "2030"), 0.5, nil)
	p.Add(key(t, m, p.Name, "R", "PP", "2020"), 0.9, nil)
	if p.Sorted() {
		t.Fatal("out-of-order Add left the param marked sorted")
	}
	if errs := p.Sort(); errs != nil {
		t.Fatal(errs)
	}
	k0, _ := p.Entry(0)
	if p.Format(k0) != "AvailabilityFactor[R,PP,2020]" {
		t.Errorf("first entry %s, want PP before IMP (model order)", p.Format(k0))
	}
	p.Set(key(t, m, p.Name, "R", "PP", "2030"), 0.8)
	p.Set(key(t, m, p.Name, "R", "PP", "2020"), 0.7)
	want := []float64{0.7, 0.8, 1, 0.5} // [PP,2020] [PP,2030] [IMP,2020] [IMP,2030]
	if got := p.Dense(); !slices.Equal(got, want) {
		t.Errorf("Dense = %v, want %v", got, want)
	}
	if got := p.Strides(); !slices.Equal(got, []int{4, 2, 1}) {
		t.Errorf("Strides = %v", got)
	}
	if v, ok := p.Get(key(t, m, p.Name, "R", "IMP", "2020")...); v != 1 || ok {
		t.Errorf("default Get = %v, %v", v, ok)
	}
	p.Delete(key(t, m, p.Name, "R", "PP", "2030"))
	if p.NumEntries() != 2 || p.Dense()[1] != 1 {
		t.Errorf("after Delete: %d rows, dense %v", p.NumEntries(), p.Dense())
	}
}

func TestDiscountRateIdvDefaultsToDiscountRate(t *testing.T) {
	m := small(t, "2020")
	dr, idv := m.Param("DiscountRate"), m.Param("DiscountRateIdv")
	dr.Add([]Elem{0}, 0.08, nil)
	idv.Add(key(t, m, idv.Name, "R", "IMP"), 0.1, nil)
	if errs := m.Freeze(); errs != nil {
		t.Fatal(errs)
	}
	if v, ok := idv.Get(key(t, m, idv.Name, "R", "PP")...); v != 0.08 || ok {
		t.Errorf("DiscountRateIdv[R,PP] = %v, %v; want DiscountRate 0.08, not explicit", v, ok)
	}
	if got := idv.Dense(); !slices.Equal(got, []float64{0.08, 0.1}) {
		t.Errorf("Dense = %v", got)
	}
	dr.Set([]Elem{0}, 0.06) // a change of DiscountRate reaches DiscountRateIdv's cache
	if got := idv.Dense(); !slices.Equal(got, []float64{0.06, 0.1}) {
		t.Errorf("Dense after DiscountRate changed = %v", got)
	}
}

func TestFreezeReportsDuplicates(t *testing.T) {
	m := small(t, "2020")
	p := m.Param("CapitalCost")
	k := key(t, m, p.Name, "R", "PP", "2020")
	p.Add(k, 1, &Origin{Pos: Pos{File: "a.txt", Line: 3}})
	p.Add(k, 2, &Origin{Pos: Pos{File: "b.txt", Line: 7}})
	errs := m.Freeze()
	if len(errs) != 1 || !errors.Is(errs[0], ErrDuplicate) {
		t.Fatalf("Freeze = %v", errs)
	}
	msg := errs[0].Error()
	for _, want := range []string{"b.txt:7", "a.txt:3", "CapitalCost[R,PP,2020]", "value 2", "value 1"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if v, _ := p.Get(k...); v != 2 || p.NumEntries() != 1 {
		t.Errorf("after Freeze: %v (%d rows), want the later value 2", v, p.NumEntries())
	}
}

func TestCloneIsIndependent(t *testing.T) {
	m := small(t, "2020")
	p := m.Param("CapitalCost")
	k := key(t, m, p.Name, "R", "PP", "2020")
	p.Add(k, 1, &Origin{Source: "IEA"})
	m.Freeze()
	c := m.Clone()
	c.Param("CapitalCost").Set(k, 5)
	c.AddElem("TECHNOLOGY", "NEW")
	if v, _ := p.Get(k...); v != 1 || m.Set("TECHNOLOGY").Len() != 2 {
		t.Errorf("original changed: %v, %d technologies", v, m.Set("TECHNOLOGY").Len())
	}
	if src, _ := c.Param("CapitalCost").Provenance(0); src != "IEA" {
		t.Errorf("clone provenance %q", src)
	}
	if c.Param("DiscountRateIdv").Sets()[0] != c.Set("REGION") {
		t.Error("clone params point at the original's sets")
	}
}

func TestErrorList(t *testing.T) {
	var l ErrorList
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	for i := 25; i > 0; i-- {
		l.Add(Errorf(Pos{File: "f.csv", Line: i, Col: 2}, "P", ErrDomain, "bad %d", i))
	}
	l.Sort()
	msg := l.Err().Error()
	lines := strings.Split(msg, "\n")
	if len(lines) != 21 || lines[0] != "f.csv:1:2: P: bad 1" || lines[20] != "and 5 more" {
		t.Errorf("Error() = %q", msg)
	}
	if !errors.Is(l.Err(), ErrDomain) {
		t.Error("errors.Is through the list fails")
	}
	tests := []struct {
		e    PosError
		want string
	}{
		{PosError{File: "a", Line: 1, Col: 2, Field: "F", Err: ErrArity}, "a:1:2: F: model: wrong number of indices"},
		{PosError{File: "a", Line: 1, Field: "F", Err: ErrArity}, "a:1: F: model: wrong number of indices"},
		{PosError{Field: "F", Err: ErrArity}, "F: model: wrong number of indices"},
	}
	for _, tc := range tests {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestUnitsResolve(t *testing.T) {
	u := Units{Energy: "PJ", Power: "GW", Money: "million USD"}
	tests := map[string]string{
		"Money/Power":         "million USD/GW",
		"Energy/(Power*year)": "PJ/(GW*year)",
		"Emissions":           "Emissions",
		"1":                   "",
	}
	for expr, want := range tests {
		if got := u.Resolve(expr); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", expr, got, want)
		}
	}
}

func TestDefaultSchema(t *testing.T) {
	s := DefaultSchema()
	tr := s.ParamDef("TradeRoute")
	if tr == nil || !slices.Equal(tr.Indices, []string{"REGION", "REGION", "FUEL", "YEAR"}) || tr.Columns[1] != "_REGION" {
		t.Fatalf("TradeRoute = %+v", tr)
	}
	if s.ParamDef("DiscountRateIdv").DefaultFrom != "DiscountRate" {
		t.Error("DiscountRateIdv does not default to DiscountRate")
	}
	// 54 input parameters of FORMULATION.md §2.1 (ResultsPath aside) plus
	// Blueprint's EarlyRetirementAllowed and RetirementCost (package osemosys).
	if len(s.Params) != 56 {
		t.Errorf("%d params, want 56: the 54 of FORMULATION.md §2.1 (ResultsPath aside) and 2 Blueprint extensions", len(s.Params))
	}
	for _, d := range []string{"YEAR", "MODE_OF_OPERATION", "SEASON", "DAYTYPE", "DAILYTIMEBRACKET"} {
		if s.SetDef(d).Dtype != DtypeInt {
			t.Errorf("%s dtype %v", d, s.SetDef(d).Dtype)
		}
	}
}

// validModel is a tiny model that passes Validate: PP turns GAS into ELC,
// IMP supplies GAS, ELC has a demand.
func validModel(t testing.TB) *Model {
	m := small(t, "2020", "2021")
	set := func(p string, v float64, names ...string) {
		m.Param(p).Add(key(t, m, p, names...), v, &Origin{Pos: Pos{File: p + ".csv", Line: 2}})
	}
	for _, y := range []string{"2020", "2021"} {
		set("YearSplit", 1, "ALL", y)
		set("SpecifiedAnnualDemand", 10, "R", "ELC", y)
		set("SpecifiedDemandProfile", 1, "R", "ELC", "ALL", y)
		set("OutputActivityRatio", 1, "R", "PP", "ELC", "1", y)
		set("InputActivityRatio", 2, "R", "PP", "GAS", "1", y)
		set("OutputActivityRatio", 1, "R", "IMP", "GAS", "1", y)
	}
	m.Param("TotalAnnualMaxCapacity").Default = -1
	m.Param("TotalAnnualMaxCapacityInvestment").Default = -1
	m.Param("TotalTechnologyAnnualActivityUpperLimit").Default = -1
	return m
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(t testing.TB, m *Model)
		sentinel error
		want     string // substring of the single error or warning
		warning  bool
	}{
		{"negative life", func(t testing.TB, m *Model) {
			m.Param("OperationalLife").Add(key(t, m, "OperationalLife", "R", "PP"), -5, &Origin{Pos: Pos{File: "ol.csv", Line: 4, Col: 9}})
		}, ErrDomain, "ol.csv:4:9: OperationalLife[R,PP]: value -5 must be > 0", false},
		{"zero life default", func(t testing.TB, m *Model) { m.Param("OperationalLife").Default = 0 },
			ErrDomain, "OperationalLife: default 0 must be > 0", false},
		{"capacity factor above 1", func(t testing.TB, m *Model) {
			m.Param("CapacityFactor").Add(key(t, m, "CapacityFactor", "R", "PP", "ALL", "2020"), 1.2, nil)
		}, ErrDomain, "CapacityFactor[R,PP,ALL,2020]: value 1.2 must be in [0,1]", false},
		{"zero discount rate", func(t testing.TB, m *Model) { m.Param("DiscountRate").Add([]Elem{0}, 0, nil) },
			ErrDomain, "DiscountRate[R]: value 0 must be > -1 and not 0", false},
		{"discount rate -1", func(t testing.TB, m *Model) { m.Param("DiscountRate").Add([]Elem{0}, -1, nil) },
			ErrDomain, "DiscountRate[R]: value -1", false},
		{"depreciation method", func(t testing.TB, m *Model) { m.Param("DepreciationMethod").Add([]Elem{0}, 3, nil) },
			ErrDomain, "DepreciationMethod[R]: value 3 must be 1", false},
		{"integer units", func(t testing.TB, m *Model) {
			m.Param("CapacityOfOneTechnologyUnit").Add(key(t, m, "CapacityOfOneTechnologyUnit", "R", "PP", "2020"), 1, nil)
		}, ErrUnsupported, "MIP", false},
		{"binary tag", func(t testing.TB, m *Model) {
			m.Param("RETagFuel").Add(key(t, m, "RETagFuel", "R", "ELC", "2020"), 0.5, nil)
		}, ErrDomain, "RETagFuel[R,ELC,2020]: value 0.5 must be 0 or 1", false},
		{"reserve margin tag", func(t testing.TB, m *Model) {
			m.Param("ReserveMarginTagTechnology").Add(key(t, m, "ReserveMarginTagTechnology", "R", "PP", "2020"), 1.5, nil)
		}, ErrDomain, "ReserveMarginTagTechnology[R,PP,2020]: value 1.5 must be in [0,1]", false},
		{"CAU zero with ratios", func(t testing.TB, m *Model) {
			m.Param("CapacityToActivityUnit").Default = 0
			m.Param("CapacityToActivityUnit").Add(key(t, m, "CapacityToActivityUnit", "R", "IMP"), 1, nil)
		},
			ErrDomain, "CapacityToActivityUnit[R,PP]: technology has OutputActivityRatio[R,PP,ELC,1,2020]", false},
		{"check 1 max investment below min", func(t testing.TB, m *Model) {
			m.Param("TotalAnnualMaxCapacityInvestment").Add(key(t, m, "TotalAnnualMaxCapacityInvestment", "R", "PP", "2020"), 1, nil)
			m.Param("TotalAnnualMinCapacityInvestment").Add(key(t, m, "TotalAnnualMinCapacityInvestment", "R", "PP", "2020"), 2, nil)
		}, ErrInconsistent, "TotalAnnualMaxCapacityInvestment[R,PP,2020]: 1 is below TotalAnnualMinCapacityInvestment 2", false},
		{"check 2 activity upper below lower", func(t testing.TB, m *Model) {
			m.Param("TotalTechnologyAnnualActivityUpperLimit").Add(key(t, m, "TotalTechnologyAnnualActivityUpperLimit", "R", "PP", "2020"), 1, nil)
			m.Param("TotalTechnologyAnnualActivityLowerLimit").Add(key(t, m, "TotalTechnologyAnnualActivityLowerLimit", "R", "PP", "2020"), 2, nil)
		}, ErrInconsistent, "UpperLimit[R,PP,2020]: 1 is below TotalTechnologyAnnualActivityLowerLimit 2", false},
		{"check 3 max capacity below residual", func(t testing.TB, m *Model) {
			m.Param("TotalAnnualMaxCapacity").Add(key(t, m, "TotalAnnualMaxCapacity", "R", "PP", "2020"), 1, nil)
			m.Param("ResidualCapacity").Add(key(t, m, "ResidualCapacity", "R", "PP", "2020"), 2, nil)
		}, ErrInconsistent, "TotalAnnualMaxCapacity[R,PP,2020]: 1 is below ResidualCapacity 2", false},
		{"check 4 max capacity below residual+min investment", func(t testing.TB, m *Model) {
			m.Param("TotalAnnualMaxCapacity").Add(key(t, m, "TotalAnnualMaxCapacity", "R", "PP", "2020"), 3, nil)
			m.Param("ResidualCapacity").Add(key(t, m, "ResidualCapacity", "R", "PP", "2020"), 2, nil)
			m.Param("TotalAnnualMinCapacityInvestment").Add(key(t, m, "TotalAnnualMinCapacityInvestment", "R", "PP", "2020"), 2, nil)
		}, ErrInconsistent, "3 is below ResidualCapacity 2 + TotalAnnualMinCapacityInvestment 2", false},
		{"check 5 lower limit above capability", func(t testing.TB, m *Model) {
			m.Param("TotalAnnualMaxCapacity").Add(key(t, m, "TotalAnnualMaxCapacity", "R", "PP", "2020"), 2, nil)
			m.Param("TotalTechnologyAnnualActivityLowerLimit").Add(key(t, m, "TotalTechnologyAnnualActivityLowerLimit", "R", "PP", "2020"), 3, nil)
		}, ErrInconsistent, "TotalTechnologyAnnualActivityLowerLimit[R,PP,2020]: 3 exceeds the most the technology can produce, 2", false},
		{"check 6 year split", func(t testing.TB, m *Model) {
			m.Param("YearSplit").Set(key(t, m, "YearSplit", "ALL", "2021"), 0.99)
		}, ErrInconsistent, "YearSplit[*,2021]: sums to 0.99", false},
		{"check 6 year split within glpsol tolerance", func(t testing.TB, m *Model) {
			m.Param("YearSplit").Set(key(t, m, "YearSplit", "ALL", "2021"), 1.00005)
		}, ErrInconsistent, "YearSplit[*,2021]: sums to 1.00005 over the timeslices, not 1 within 1e-6", true},
		{"check 7 model-period lower limit", func(t testing.TB, m *Model) {
			m.Param("TotalTechnologyAnnualActivityLowerLimit").Add(key(t, m, "TotalTechnologyAnnualActivityLowerLimit", "R", "IMP", "2020"), 3, nil)
			m.Param("TotalTechnologyAnnualActivityLowerLimit").Add(key(t, m, "TotalTechnologyAnnualActivityLowerLimit", "R", "IMP", "2021"), 3, nil)
			m.Param("TotalTechnologyModelPeriodActivityLowerLimit").Add(key(t, m, "TotalTechnologyModelPeriodActivityLowerLimit", "R", "IMP"), 5, nil)
		}, ErrInconsistent, "TotalTechnologyModelPeriodActivityLowerLimit[R,IMP]: 5 is below the sum of TotalTechnologyAnnualActivityLowerLimit over the years, 6", false},
		{"demand profile", func(t testing.TB, m *Model) {
			m.Param("SpecifiedDemandProfile").Set(key(t, m, "SpecifiedDemandProfile", "R", "ELC", "ALL", "2020"), 0.5)
		}, ErrInconsistent, "SpecifiedDemandProfile[R,ELC,*,2020]: sums to 0.5", true},
		{"unproduced demand", func(t testing.TB, m *Model) {
			m.Param("AccumulatedAnnualDemand").Add(key(t, m, "AccumulatedAnnualDemand", "R", "GAS", "2020"), 1, nil)
			m.Param("OutputActivityRatio").Set(key(t, m, "OutputActivityRatio", "R", "IMP", "GAS", "1", "2020"), 0)
		}, ErrInconsistent, "AccumulatedAnnualDemand[R,GAS,2020]: demand 1 but no technology", true},
		{"storage needs consecutive years", func(t testing.TB, m *Model) {
			m.AddElem("STORAGE", "DAM")
			m.AddElem("YEAR", "2025")
			m.Param("YearSplit").Add(key(t, m, "YearSplit", "ALL", "2025"), 1, nil)
		}, ErrInconsistent, `YEAR: "2025" follows "2021"`, false},
		{"not a number", func(t testing.TB, m *Model) {
			m.Param("FixedCost").Add(key(t, m, "FixedCost", "R", "PP", "2020"), math.NaN(), nil)
		}, ErrNotNumber, "FixedCost[R,PP,2020]: value NaN is not a finite number", false},
	}
	base := validModel(t)
	if errs, warns := Validate(base); errs != nil || warns != nil {
		t.Fatalf("valid model: errors %v, warnings %v", errs, warns)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := validModel(t)
			tc.edit(t, m)
			if errs := m.Freeze(); errs != nil {
				t.Fatal(errs)
			}
			errs, warns := Validate(m)
			got, other := errs, warns
			if tc.warning {
				got, other = warns, errs
			}
			if len(got) != 1 || len(other) != 0 {
				t.Fatalf("want exactly one %s; errors:\n%v\nwarnings:\n%v", kind(tc.warning), errs, warns)
			}
			if !errors.Is(got[0], tc.sentinel) {
				t.Errorf("%v is not %v", got[0], tc.sentinel)
			}
			if !strings.Contains(got[0].Error(), tc.want) {
				t.Errorf("message %q lacks %q", got[0].Error(), tc.want)
			}
		})
	}
}

func kind(warning bool) string {
	if warning {
		return "warning"
	}
	return "error"
}

func BenchmarkGet(b *testing.B) {
	m := small(b, "2020", "2021", "2022", "2023")
	p := m.Param("OutputActivityRatio")
	for y := range 4 {
		p.Add([]Elem{0, 0, 0, 0, Elem(y)}, 1, nil)
		p.Add([]Elem{0, 1, 1, 0, Elem(y)}, 1, nil)
	}
	m.Freeze()
	b.ReportAllocs()
	var s float64
	for b.Loop() {
		v, _ := p.Get(0, 1, 1, 0, 3)
		s += v
	}
	_ = fmt.Sprint(s)
}
