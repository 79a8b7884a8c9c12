package chart

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Font sizes in px.
const (
	fsTitle  = 15
	fsAxis   = 12
	fsTick   = 11
	fsLegend = 12
	fsStep   = 10
)

// canvas accumulates one SVG document.
type canvas struct {
	b    strings.Builder
	o    *Options
	w, h float64
	defs map[string]bool
}

func newCanvas(o *Options, w, h float64, title string) *canvas {
	c := &canvas{o: o, w: w, h: h, defs: map[string]bool{}}
	c.b.Grow(8 << 10)
	c.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="bp-chart" viewBox="0 0 `)
	c.num(w)
	c.b.WriteByte(' ')
	c.num(h)
	c.b.WriteString(`" width="`)
	c.num(w)
	c.b.WriteString(`" height="`)
	c.num(h)
	c.b.WriteString(`" role="img"`)
	alt := o.label(title)
	if o.Alt != "" {
		alt = o.Alt
	}
	if alt != "" {
		c.b.WriteString(` aria-label="`)
		c.text(alt)
		c.b.WriteByte('"')
	}
	c.b.WriteString(` font-family="` + FontFamily + `" font-size="12">` + "\n")
	if alt != "" {
		c.b.WriteString("<title>")
		c.text(alt)
		c.b.WriteString("</title>\n")
	}
	c.b.WriteString(`<rect width="100%" height="100%" fill="#fff"/>` + "\n")
	return c
}

// finish closes the document and writes it to w.
func (c *canvas) finish(w io.Writer) error {
	c.b.WriteString("</svg>\n")
	if _, err := io.WriteString(w, c.b.String()); err != nil {
		return fmt.Errorf("chart: write: %w", err)
	}
	return nil
}

// num writes a coordinate with at most one decimal.
func (c *canvas) num(v float64) {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	var buf [32]byte
	c.b.Write(strconv.AppendFloat(buf[:0], v, 'f', -1, 64))
}

// text writes s XML-escaped.
func (c *canvas) text(s string) { escaper.WriteString(&c.b, s) }

// attrs writes name="value" pairs of numbers.
func (c *canvas) attrs(kv ...any) {
	for i := 0; i+1 < len(kv); i += 2 {
		c.b.WriteByte(' ')
		c.b.WriteString(kv[i].(string))
		c.b.WriteString(`="`)
		switch v := kv[i+1].(type) {
		case float64:
			c.num(v)
		case string:
			c.text(v)
		case int:
			c.b.WriteString(strconv.Itoa(v))
		}
		c.b.WriteByte('"')
	}
}

// label writes a text element; anchor is start, middle or end.
func (c *canvas) label(x, y float64, size int, anchor, s string, extra ...any) {
	c.b.WriteString("<text")
	c.attrs("x", x, "y", y, "font-size", size)
	if anchor != "start" {
		c.attrs("text-anchor", anchor)
	}
	c.attrs(extra...)
	c.b.WriteByte('>')
	c.text(s)
	c.b.WriteString("</text>\n")
}

// line writes a line element.
func (c *canvas) line(x1, y1, x2, y2 float64, stroke string, width float64, extra ...any) {
	c.b.WriteString("<line")
	c.attrs("x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", stroke, "stroke-width", width)
	c.attrs(extra...)
	c.b.WriteString("/>\n")
}

// rect writes a rect element with the fill of style s.
func (c *canvas) rect(x, y, w, h float64, s Style, extra ...any) {
	if h < 0 {
		y, h = y+h, -h
	}
	if w < 0 {
		x, w = x+w, -w
	}
	fill := c.fill(s) // may write a pattern definition first
	c.b.WriteString("<rect")
	c.attrs("x", x, "y", y, "width", w, "height", h, "fill", fill)
	c.attrs(extra...)
	c.b.WriteString("/>\n")
}

// fill returns s's fill: its colour, or a hatch pattern (defined on first
// use; ids are Options.IDPrefix plus colour and hatch, so even without a
// prefix equal ids are equal patterns when several charts share a page).
func (c *canvas) fill(s Style) string {
	if s.Hatch <= 0 || s.Hatch >= nHatch {
		return s.Color
	}
	id := c.o.IDPrefix + "bph" + strings.TrimPrefix(strings.ToLower(s.Color), "#") + "-" + strconv.Itoa(s.Hatch)
	if !c.defs[id] {
		c.defs[id] = true
		ink, op := "#000", ".5"
		if luminance(s.Color) < 0.45 {
			ink, op = "#fff", ".7"
		}
		c.b.WriteString(`<defs><pattern id="` + id + `" patternUnits="userSpaceOnUse" width="6" height="6"`)
		switch s.Hatch {
		case 1, 5:
			c.b.WriteString(` patternTransform="rotate(45)"`)
		case 2:
			c.b.WriteString(` patternTransform="rotate(-45)"`)
		}
		c.b.WriteString(`><rect width="6" height="6" fill="` + escaper.Replace(s.Color) + `"/>`)
		stroke := `stroke="` + ink + `" stroke-opacity="` + op + `" stroke-width="1.6"`
		switch s.Hatch {
		case 1, 2, 4:
			c.b.WriteString(`<line x1="3" y1="0" x2="3" y2="6" ` + stroke + `/>`)
		case 3:
			c.b.WriteString(`<line x1="0" y1="3" x2="6" y2="3" ` + stroke + `/>`)
		case 5:
			c.b.WriteString(`<line x1="3" y1="0" x2="3" y2="6" ` + stroke + `/><line x1="0" y1="3" x2="6" y2="3" ` + stroke + `/>`)
		case 6:
			c.b.WriteString(`<circle cx="3" cy="3" r="1.3" fill="` + ink + `" fill-opacity="` + op + `"/>`)
		}
		c.b.WriteString("</pattern></defs>\n")
	}
	return "url(#" + id + ")"
}

// luminance returns the relative lightness of "#rrggbb" in [0, 1] (1 for
// anything unparsable, so hatch ink is dark).
func luminance(hex string) float64 {
	h := strings.TrimPrefix(hex, "#")
	if len(h) != 6 {
		return 1
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return 1
	}
	r, g, b := float64(v>>16&0xff)/255, float64(v>>8&0xff)/255, float64(v&0xff)/255
	return 0.299*r + 0.587*g + 0.114*b
}

// textWidth estimates the rendered width of s in px at font size fs:
// East Asian wide characters take a full em, others a little over half.
func textWidth(s string, fs float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case isWide(r):
			w += fs
		case unicode.IsUpper(r) || r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 0.68 * fs
		case r == ' ' || r == '.' || r == ',' || r == 'i' || r == 'l' || r == '1':
			w += 0.32 * fs
		default:
			w += 0.56 * fs
		}
	}
	return w
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// legendItem is one legend entry.
type legendItem struct {
	text  string
	style Style
	line  bool // a line swatch, else a filled box
}

const legendRow = 18

// legendRows lays items out in rows no wider than width and returns the
// row index and x offset of each item, and the number of rows.
func legendRows(items []legendItem, width float64) (row []int, x []float64, rows int) {
	row = make([]int, len(items))
	x = make([]float64, len(items))
	if len(items) == 0 {
		return row, x, 0
	}
	cx, r := 0.0, 0
	for i, it := range items {
		iw := 28 + textWidth(it.text, fsLegend) + 14
		if cx > 0 && cx+iw > width {
			r++
			cx = 0
		}
		row[i], x[i] = r, cx
		cx += iw
	}
	return row, x, r + 1
}

// drawLegend draws items from (x0, y0) downwards.
func (c *canvas) drawLegend(items []legendItem, x0, y0, width float64) {
	row, xs, _ := legendRows(items, width)
	c.b.WriteString(`<g class="bp-legend">` + "\n")
	for i, it := range items {
		x, y := x0+xs[i], y0+float64(row[i])*legendRow
		if it.line {
			c.line(x, y+6, x+22, y+6, it.style.Color, 2.5, "stroke-dasharray", it.style.Dash)
		} else {
			c.rect(x+2, y, 18, 12, it.style, "stroke", "#444", "stroke-width", 0.5)
		}
		c.label(x+28, y+10.5, fsLegend, "start", it.text)
	}
	c.b.WriteString("</g>\n")
}

// frame is the plot area of an axis chart and what surrounds it.
type frame struct {
	x0, x1, y0, y1 float64 // plot area in px (y0 top)
	legendY        float64
}

// layout computes the plot area for a chart with the given title, axis
// labels, widest y tick label and legend.
func layout(c *canvas, title, xLabel, yLabel string, yTickW float64, legend []legendItem) frame {
	var f frame
	f.y0 = 14
	if title != "" {
		f.y0 = 40
	}
	f.x0 = 10 + yTickW + 8
	if yLabel != "" {
		f.x0 += 20
	}
	f.x1 = c.w - 20
	_, _, rows := legendRows(legend, c.w-20)
	bottom := 8.0 + 20
	if xLabel != "" {
		bottom += 20
	}
	if rows > 0 {
		bottom += 8 + float64(rows)*legendRow
	}
	f.y1 = c.h - bottom
	if f.y1-f.y0 < 60 { // keep a usable plot when the legend is huge
		f.y1 = f.y0 + 60
	}
	f.legendY = f.y1 + 28
	if xLabel != "" {
		f.legendY += 20
	}
	return f
}

// decorate draws title, axis labels and legend around f.
func (c *canvas) decorate(f frame, title, xLabel, yLabel string, legend []legendItem) {
	if title != "" {
		c.label(c.w/2, 24, fsTitle, "middle", title, "font-weight", "bold")
	}
	if xLabel != "" {
		c.label((f.x0+f.x1)/2, f.y1+42, fsAxis, "middle", xLabel)
	}
	if yLabel != "" {
		x, y := 16.0, (f.y0+f.y1)/2
		c.b.WriteString(`<text transform="translate(`)
		c.num(x)
		c.b.WriteByte(',')
		c.num(y)
		c.b.WriteString(`) rotate(-90)" text-anchor="middle" font-size="12">`)
		c.text(yLabel)
		c.b.WriteString("</text>\n")
	}
	if len(legend) > 0 {
		c.drawLegend(legend, 10, f.legendY, c.w-20)
	}
}

// yGrid draws horizontal grid lines and labels of a value axis; the zero
// line is darker.
func (c *canvas) yGrid(f frame, ya *axis) {
	c.b.WriteString(`<g class="bp-grid">` + "\n")
	for _, t := range ya.ticks {
		y := ya.pos(t)
		col, wd := "#dddddd", 1.0
		if t == 0 {
			col, wd = "#555555", 1.2
		}
		c.line(f.x0, y, f.x1, y, col, wd)
		c.label(f.x0-6, y+4, fsTick, "end", ya.tickLabel(c.o, t))
	}
	c.b.WriteString("</g>\n")
}

// maxTickWidth returns the widest label of the ticks.
func maxTickWidth(o *Options, a *axis) float64 {
	w := 0.0
	for _, t := range a.ticks {
		w = math.Max(w, textWidth(a.tickLabel(o, t), fsTick))
	}
	return w
}

// xNumeric draws a numeric x axis (years) between the data's min and max.
func (c *canvas) xNumeric(f frame, x []float64) func(float64) float64 {
	lo, hi := x[0], x[len(x)-1]
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	pos := func(v float64) float64 { return f.x0 + (v-lo)/(hi-lo)*(f.x1-f.x0) }
	integral := true
	for _, v := range x {
		if v != math.Trunc(v) {
			integral = false
		}
	}
	n := int((f.x1 - f.x0) / 70)
	if n < 2 {
		n = 2
	}
	ts, dec := ticks(lo, hi, n)
	if integral && dec > 0 { // years: no fractional ticks
		ts, dec = ticks(lo, hi, int(math.Min(float64(n), hi-lo)))
	}
	c.line(f.x0, f.y1, f.x1, f.y1, "#555555", 1)
	c.b.WriteString(`<g class="bp-xticks">` + "\n")
	for _, t := range ts {
		if t < lo-1e-9 || t > hi+1e-9 {
			continue
		}
		p := pos(t)
		c.line(p, f.y1, p, f.y1+4, "#555555", 1)
		s := formatNumber(t, dec)
		if integral {
			s = strconv.FormatFloat(t, 'f', 0, 64)
		}
		c.label(p, f.y1+17, fsTick, "middle", s)
	}
	c.b.WriteString("</g>\n")
	return pos
}
