package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.svg golden files")

func TestTicks(t *testing.T) {
	cases := []struct {
		name   string
		lo, hi float64
		n      int
		want   []float64
	}{
		{"unit", 0, 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"tenths exact", 0, 0.3, 3, []float64{0, 0.1, 0.2, 0.3}},
		{"hundreds", 0, 87, 4, []float64{0, 20, 40, 60, 80, 100}},
		{"negative", -23, 41, 5, []float64{-40, -20, 0, 20, 40, 60}},
		{"years", 1990, 2010, 4, []float64{1990, 1995, 2000, 2005, 2010}},
		{"swapped", 10, 0, 5, []float64{0, 2, 4, 6, 8, 10}},
		{"zero span at zero", 0, 0, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"zero span positive", 7, 7, 5, []float64{0, 2, 4, 6, 8}},
		{"zero span negative", -3, -3, 3, []float64{-3, -2, -1, 0}},
		{"large", 0, 123456, 5, []float64{0, 20000, 40000, 60000, 80000, 100000, 120000, 140000}},
		{"small", 0.0012, 0.0047, 5, []float64{0.001, 0.002, 0.003, 0.004, 0.005}},
		{"n default", 0, 10, 0, []float64{0, 2, 4, 6, 8, 10}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Ticks(tc.lo, tc.hi, tc.n)
			if len(got) != len(tc.want) {
				t.Fatalf("Ticks(%v, %v, %d) = %v, want %v", tc.lo, tc.hi, tc.n, got, tc.want)
			}
			for i := range got {
				// Exact: ticks are computed, not accumulated.
				if got[i] != tc.want[i] {
					t.Fatalf("Ticks(%v, %v, %d) = %v, want %v", tc.lo, tc.hi, tc.n, got, tc.want)
				}
			}
		})
	}
	for _, bad := range [][2]float64{{math.NaN(), 1}, {0, math.Inf(1)}} {
		if got := Ticks(bad[0], bad[1], 5); got != nil {
			t.Errorf("Ticks(%v) = %v, want nil", bad, got)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	cases := []struct {
		v    float64
		dec  int
		want string
	}{
		{0, 0, "0"},
		{-0.0001, 2, "0.00"},
		{1234, 0, "1,234"},
		{999, 0, "999"},
		{12345, 0, "12,345"},
		{-1234567.5, 1, "-1,234,567.5"},
		{0.25, 2, "0.25"},
		{100000, 0, "100,000"},
	}
	for _, tc := range cases {
		if got := formatNumber(tc.v, tc.dec); got != tc.want {
			t.Errorf("formatNumber(%v, %d) = %q, want %q", tc.v, tc.dec, got, tc.want)
		}
	}
}

func TestStyles(t *testing.T) {
	seen := map[Style]int{}
	for i := 0; i < len(palette)*nHatch; i++ {
		s := styleAt(i)
		if j, ok := seen[s]; ok {
			t.Fatalf("styleAt(%d) = styleAt(%d) = %+v", i, j, s)
		}
		seen[s] = i
	}
	// Greyscale: the first styles (what small charts use) differ in hatch
	// or dash whenever their colours are close in lightness.
	for i := 0; i < len(palette); i++ {
		for j := i + 1; j < len(palette); j++ {
			a, b := styleAt(i), styleAt(j)
			if math.Abs(luminance(a.Color)-luminance(b.Color)) < 0.1 && a.Hatch == b.Hatch {
				t.Errorf("styles %d and %d: similar grey (%s, %s) and the same hatch %d", i, j, a.Color, b.Color, a.Hatch)
			}
		}
	}
	p := NewPalette("Buildings", "Industry", "Transport", "Buildings")
	if p.Style("Buildings") != styleAt(0) || p.Style("Industry") != styleAt(1) || p.Style("Transport") != styleAt(2) {
		t.Errorf("palette order: %+v %+v %+v", p.Style("Buildings"), p.Style("Industry"), p.Style("Transport"))
	}
	if p.Style("Other") != StyleOf("Other") {
		t.Error("unassigned name does not fall back to StyleOf")
	}
	red := Style{Color: "#FF0000"}
	p.Set("Coal", red)
	if p.Style("Coal") != red {
		t.Error("Set ignored")
	}
	var nilp *Palette
	if nilp.Style("x") != StyleOf("x") {
		t.Error("nil palette")
	}
	if Color("Buildings") != StyleOf("Buildings").Color || !regexp.MustCompile(`^#[0-9A-F]{6}$`).MatchString(Color("Buildings")) {
		t.Errorf("Color = %q", Color("Buildings"))
	}
}

// fixtures are the charts checked against testdata/<name>.svg.
func fixtures() map[string]func(io.Writer) error {
	years := []float64{2020, 2025, 2030, 2035, 2040, 2045, 2050}
	pal := NewPalette("Buildings", "Industry", "Transport", "Power", "Sinks")
	emis := []Series{
		{"Buildings", []float64{40, 38, 33, 25, 18, 10, 4}},
		{"Industry", []float64{30, 27, 22, 16, 10, 6, 3}},
		{"Transport", []float64{25, 26, 24, 20, 14, 8, 2}},
		{"Sinks", []float64{0, -1, -2, -4, -6, -8, -9}},
	}
	zh := map[string]string{"Emissions by sector": "分部门排放", "Buildings": "建筑", "Industry": "工业",
		"Transport": "交通", "Sinks": "碳汇", "Year": "年份", "Mt CO2": "百万吨二氧化碳"}
	label := func(s string) string {
		if v, ok := zh[s]; ok {
			return v
		}
		return s
	}
	return map[string]func(io.Writer) error{
		"line": func(w io.Writer) error {
			return Line(w, XY{Title: "Emission pathways", XLabel: "Year", YLabel: "Mt CO2", X: years,
				Series: []Series{
					{"reference", []float64{95, 97, 96, 92, 88, 85, 83}},
					{"policy", []float64{95, 90, 79, 61, 42, 24, 9}},
					{"neutral2050 & <co>", []float64{95, 88, 70, 50, 30, 12, 0}},
				}})
		},
		"area": func(w io.Writer) error {
			return StackedArea(w, XY{Title: "Emissions by sector", XLabel: "Year", YLabel: "Mt CO2", X: years,
				Series: emis, Options: Options{Palette: pal}})
		},
		"area_zh": func(w io.Writer) error {
			return StackedArea(w, XY{Title: "Emissions by sector", XLabel: "Year", YLabel: "Mt CO2", X: years,
				Series: emis, Options: Options{Palette: pal, Label: label, Width: 560, Height: 320}})
		},
		"bars": func(w io.Writer) error {
			return StackedBars(w, XY{Title: "Investment", YLabel: "billion CNY", Categories: []string{"reference", "policy", "neutral2050"},
				Series:  []Series{{"Power", []float64{120, 180, 260}}, {"Buildings", []float64{60, 90, 140}}, {"Transport", []float64{30, 75, 110}}},
				Options: Options{Palette: pal, Width: 480, Height: 320}})
		},
		"bars_years": func(w io.Writer) error {
			return StackedBars(w, XY{Title: "Emissions by sector", YLabel: "Mt CO2", X: years, Series: emis,
				Options: Options{Palette: pal}})
		},
		"steps": func(w io.Writer) error {
			return Steps(w, MACC{Title: "Marginal abatement cost curve", XLabel: "Abatement (Mt CO2)", YLabel: "CNY/t CO2",
				Steps: []Step{
					{"LED lighting", "Buildings", 2.5, -120},
					{"Heat pumps", "Buildings", 8, 40},
					{"EV buses", "Transport", 3, 85},
					{"Solar PV", "Power", 12, 110},
					{"Hydrogen steel", "Industry", 4, 640},
				}, Options: Options{Palette: pal}})
		},
		"hbars": func(w io.Writer) error {
			return Bars(w, BarChart{Title: "Stranded cost", XLabel: "million CNY",
				Bars:    []Bar{{"Coal CHP", "Power", 820}, {"Gas boilers", "Buildings", 310.5}, {"Oil refinery", "Industry", -45}},
				Options: Options{Palette: pal}})
		},
	}
}

func TestGolden(t *testing.T) {
	for name, draw := range fixtures() {
		t.Run(name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := draw(&a); err != nil {
				t.Fatal(err)
			}
			if err := draw(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("output differs between two runs")
			}
			checkXML(t, a.Bytes())
			path := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(a.Bytes(), want) {
				t.Errorf("%s differs from the golden file; review and run go test -update", path)
			}
		})
	}
}

// checkXML parses svg fully and checks that every url(#id) reference has a
// definition and all coordinates lie inside the viewBox.
func checkXML(t *testing.T, svg []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	ids := map[string]bool{}
	var refs []string
	var w, h float64
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("invalid XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if e.Name.Local != "svg" || e.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root %v", e.Name)
				}
			}
			for _, a := range e.Attr {
				switch a.Name.Local {
				case "id":
					ids[a.Value] = true
				case "fill":
					if strings.HasPrefix(a.Value, "url(#") {
						refs = append(refs, strings.TrimSuffix(strings.TrimPrefix(a.Value, "url(#"), ")"))
					}
				case "width":
					if depth == 1 {
						w = atof(t, a.Value)
					}
				case "height":
					if depth == 1 {
						h = atof(t, a.Value)
					}
				case "x", "x1", "x2", "cx":
					if v := atof(t, a.Value); v < 0 || v > w {
						t.Errorf("<%s %s=%v> outside width %v", e.Name.Local, a.Name.Local, v, w)
					}
				case "y", "y1", "y2", "cy":
					if v := atof(t, a.Value); v < 0 || v > h {
						t.Errorf("<%s %s=%v> outside height %v", e.Name.Local, a.Name.Local, v, h)
					}
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	for _, r := range refs {
		if !ids[r] {
			t.Errorf("fill url(#%s) has no definition", r)
		}
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if strings.HasSuffix(s, "%") {
			return 0
		}
		t.Fatalf("number %q: %v", s, err)
	}
	return v
}

func TestLabelTranslatesEveryText(t *testing.T) {
	label := func(s string) string { return "译" + s }
	var buf bytes.Buffer
	err := StackedArea(&buf, XY{Title: "T", XLabel: "X", YLabel: "Y", X: []float64{1, 2}, Series: []Series{{"a", []float64{1, 2}}, {"b", []float64{2, 1}}},
		Options: Options{Label: label}})
	if err != nil {
		t.Fatal(err)
	}
	texts := regexp.MustCompile(`<(text|title)[^>]*>([^<]*)<`).FindAllStringSubmatch(buf.String(), -1)
	number := regexp.MustCompile(`^-?[0-9,.]+$`)
	n := 0
	for _, m := range texts {
		if !strings.HasPrefix(m[2], "译") && !number.MatchString(m[2]) {
			t.Errorf("text %q not passed through Label", m[2])
		}
		if strings.HasPrefix(m[2], "译") {
			n++
		}
	}
	if n < 5 { // title, svg title, x and y labels, two legend entries, two area titles
		t.Errorf("only %d translated texts in %s", n, buf.String())
	}
	if !strings.Contains(buf.String(), "Noto Sans CJK SC") {
		t.Error("no CJK font in the font stack")
	}
}

func TestErrors(t *testing.T) {
	nan := math.NaN()
	ok := []Series{{"a", []float64{1, 2}}}
	cases := []struct {
		name string
		draw func(io.Writer) error
		want error
		in   string // text the message must name
	}{
		{"line no x", func(w io.Writer) error { return Line(w, XY{Series: ok}) }, ErrEmpty, "no x values"},
		{"line no series", func(w io.Writer) error { return Line(w, XY{X: []float64{1, 2}}) }, ErrEmpty, "no series"},
		{"line NaN", func(w io.Writer) error {
			return Line(w, XY{X: []float64{1, 2}, Series: []Series{{"coal", []float64{1, nan}}}})
		}, ErrValue, `series "coal" index 1`},
		{"line Inf x", func(w io.Writer) error {
			return Line(w, XY{X: []float64{1, math.Inf(1)}, Series: ok})
		}, ErrValue, "x index 1"},
		{"line x not increasing", func(w io.Writer) error {
			return Line(w, XY{X: []float64{2, 1}, Series: ok})
		}, ErrValue, "x index 1"},
		{"area short series", func(w io.Writer) error {
			return StackedArea(w, XY{X: []float64{1, 2, 3}, Series: ok})
		}, ErrValue, `series "a": 2 values for 3`},
		{"bars categories mismatch", func(w io.Writer) error {
			return StackedBars(w, XY{X: []float64{1, 2}, Categories: []string{"a"}, Series: ok})
		}, ErrValue, "1 categories for 2"},
		{"bars empty", func(w io.Writer) error { return StackedBars(w, XY{}) }, ErrEmpty, "no x values"},
		{"steps empty", func(w io.Writer) error { return Steps(w, MACC{Title: "m"}) }, ErrEmpty, "no steps"},
		{"steps negative width", func(w io.Writer) error {
			return Steps(w, MACC{Steps: []Step{{"ok", "", 1, 1}, {"bad", "", -1, 2}}})
		}, ErrValue, `step 1 ("bad")`},
		{"steps NaN height", func(w io.Writer) error {
			return Steps(w, MACC{Steps: []Step{{"bad", "", 1, nan}}})
		}, ErrValue, `step 0 ("bad")`},
		{"steps zero widths", func(w io.Writer) error {
			return Steps(w, MACC{Steps: []Step{{"a", "", 0, 3}}})
		}, ErrEmpty, "all widths are zero"},
		{"hbars empty", func(w io.Writer) error { return Bars(w, BarChart{}) }, ErrEmpty, "no bars"},
		{"hbars NaN", func(w io.Writer) error {
			return Bars(w, BarChart{Bars: []Bar{{"x", "", nan}}})
		}, ErrValue, `bar 0 ("x")`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := tc.draw(&buf)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.in) {
				t.Errorf("err %q does not name %q", err, tc.in)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes on error", buf.Len())
			}
		})
	}
}

// TestEdgeShapes draws degenerate but valid inputs: one point, all zero,
// all negative.
func TestEdgeShapes(t *testing.T) {
	cases := map[string]func(io.Writer) error{
		"one point line": func(w io.Writer) error {
			return Line(w, XY{X: []float64{2030}, Series: []Series{{"a", []float64{5}}}})
		},
		"all zero area": func(w io.Writer) error {
			return StackedArea(w, XY{X: []float64{1, 2}, Series: []Series{{"a", []float64{0, 0}}}})
		},
		"all negative bars": func(w io.Writer) error {
			return StackedBars(w, XY{X: []float64{1, 2}, Series: []Series{{"a", []float64{-1, -3}}}})
		},
		"tiny canvas with big legend": func(w io.Writer) error {
			s := make([]Series, 40)
			for i := range s {
				s[i] = Series{Name: strings.Repeat("long name ", 3) + string(rune('A'+i%26)), Values: []float64{1, 2}}
			}
			return Line(w, XY{X: []float64{1, 2}, Series: s, Options: Options{Width: 200, Height: 100}})
		},
	}
	for name, draw := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := draw(&buf); err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(&buf)
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("invalid XML: %v", err)
				}
			}
		})
	}
}

func BenchmarkStackedArea(b *testing.B) {
	years := make([]float64, 31)
	for i := range years {
		years[i] = float64(2020 + i)
	}
	series := make([]Series, 12)
	for i := range series {
		v := make([]float64, len(years))
		for j := range v {
			v[j] = float64((i+1)*(j%7+1)) - 10
		}
		series[i] = Series{Name: "series " + string(rune('A'+i)), Values: v}
	}
	d := XY{Title: "Benchmark", XLabel: "Year", YLabel: "Mt CO2", X: years, Series: series}
	b.ReportAllocs()
	for b.Loop() {
		if err := StackedArea(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSteps(b *testing.B) {
	steps := make([]Step, 60)
	for i := range steps {
		steps[i] = Step{Name: "measure " + string(rune('A'+i%26)), Group: "group " + string(rune('A'+i%6)), Width: float64(i%5 + 1), Height: float64(i*20 - 200)}
	}
	d := MACC{Title: "MACC", XLabel: "Mt CO2", YLabel: "CNY/t", Steps: steps}
	b.ReportAllocs()
	for b.Loop() {
		if err := Steps(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestStylesResolveClashes(t *testing.T) {
	// Find two names that hash to the same colour.
	byColor := map[string]string{}
	var a, b string
	for i := 0; a == ""; i++ {
		n := "series" + strconv.Itoa(i)
		if prev, ok := byColor[Color(n)]; ok {
			a, b = prev, n
		}
		byColor[Color(n)] = n
	}
	got := (*Palette)(nil).Styles([]string{a, b})
	if got[0] != StyleOf(a) {
		t.Errorf("first name moved: %+v, want %+v", got[0], StyleOf(a))
	}
	if got[0].Color == got[1].Color {
		t.Errorf("%q and %q share colour %s in one chart", a, b, got[0].Color)
	}
	// Assigned names keep their style; others avoid their colours.
	p := NewPalette(b)
	got = p.Styles([]string{a, b})
	if got[1] != styleAt(0) || got[0].Color == got[1].Color {
		t.Errorf("Styles with palette = %+v", got)
	}
	// Twelve names: all colours of the palette used before any repeats.
	names := make([]string, len(palette))
	for i := range names {
		names[i] = "n" + strconv.Itoa(i)
	}
	colors := map[string]bool{}
	for _, s := range (*Palette)(nil).Styles(names) {
		colors[s.Color] = true
	}
	if len(colors) != len(palette) {
		t.Errorf("%d names got %d colours", len(names), len(colors))
	}
}

func TestFormatValue(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 820: "820", 310.6: "311", -45: "-45.0", 3.14159: "3.14", 0.05: "0.050", 0.001234: "0.0012", 35531.3: "35,531"} {
		if got := formatValue(v); got != want {
			t.Errorf("formatValue(%v) = %q, want %q", v, got, want)
		}
	}
}
