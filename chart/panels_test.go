package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPanels: one titled panel per series, laid out cols a row; each
// panel draws its own series in its palette colour and the others in
// grey; every panel shares the value axis (the highest value sits at the
// same height relative to its panel); bad input is an error.
func TestPanels(t *testing.T) {
	pal := NewPalette("a", "b", "c", "d")
	d := XY{XLabel: "Year", YLabel: "Share (%)", X: []float64{2020, 2030, 2040, 2050},
		Series: []Series{
			{Name: "a", Values: []float64{0, 10, 50, 100}},
			{Name: "b", Values: []float64{0, 0, 0, 20}},
			{Name: "c", Values: []float64{5, 5, 5, 5}},
			{Name: "d", Values: []float64{100, 80, 40, 0}},
		},
		Guide: 10, GuideLabel: "threshold",
		Options: Options{Palette: pal, Label: strings.ToUpper}}
	var buf bytes.Buffer
	if err := Panels(&buf, d, 3); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	if n := strings.Count(svg, `<g class="bp-panel">`); n != 4 {
		t.Errorf("%d panels, want 4", n)
	}
	if n := strings.Count(svg, `stroke-dasharray="4 3"`); n != 4 {
		t.Errorf("%d guide lines, want one a panel", n)
	}
	for _, name := range []string{"A", "B", "C", "D", "YEAR", "SHARE (%)", "THRESHOLD"} {
		if !strings.Contains(svg, ">"+name+"<") {
			t.Errorf("label %q missing (titles pass through Label)", name)
		}
	}
	// Each panel: 3 grey lines and one in its colour.
	for _, name := range []string{"a", "b", "c", "d"} {
		col := pal.Style(name).Color
		if n := strings.Count(svg, `stroke="`+col+`" stroke-width="2.4"`); n != 1 {
			t.Errorf("series %s drawn %d times in its colour %s, want 1", name, n, col)
		}
	}
	if n := strings.Count(svg, `stroke="#cccccc"`); n != 12 {
		t.Errorf("%d context lines, want 12 (3 per panel)", n)
	}
	// Two rows (3 + 1): the height grows with the rows.
	var one bytes.Buffer
	d1 := d
	d1.Series = d.Series[:3]
	if err := Panels(&one, d1, 3); err != nil {
		t.Fatal(err)
	}
	h := regexp.MustCompile(`height="([\d.]+)"`)
	a, _ := strconv.ParseFloat(h.FindStringSubmatch(svg)[1], 64)
	b, _ := strconv.ParseFloat(h.FindStringSubmatch(one.String())[1], 64)
	if !(a > b) {
		t.Errorf("4 series in 2 rows: height %v, not above 1 row's %v", a, b)
	}
	for _, bad := range []XY{
		{X: []float64{1, 2}},
		{X: []float64{1, 2}, Series: []Series{{Name: "x", Values: []float64{1}}}},
	} {
		if err := Panels(&bytes.Buffer{}, bad, 2); !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrValue) {
			t.Errorf("bad input %+v: error %v", bad, err)
		}
	}
}
