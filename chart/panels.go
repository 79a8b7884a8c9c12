package chart

import (
	"io"
	"math"
	"strconv"
)

// Panels draws each series of d as a line in its own small panel (small
// multiples), Cols panels a row, all on the same X and value axes: many
// series stay readable where one [Line] chart would tangle them. Each
// panel is titled with its series' label and draws the other series in
// light grey behind its own, for comparison. Height, when zero, follows
// from the number of rows; the value axis always includes zero.
func Panels(w io.Writer, d XY, cols int) error {
	n, err := d.check("panels", true)
	if err != nil {
		return err
	}
	if cols < 1 {
		cols = 3
	}
	if cols > len(d.Series) {
		cols = len(d.Series)
	}
	rows := (len(d.Series) + cols - 1) / cols
	const panelH, titleH, tickH = 108.0, 26.0, 18.0
	o := d.Options
	if o.Height <= 0 {
		o.Height = float64(rows)*(panelH+titleH+tickH) + 14
		if d.XLabel != "" {
			o.Height += 20
		}
		if d.Title != "" {
			o.Height += 26
		}
	}
	wd, ht := o.size()
	c := newCanvas(&o, wd, ht, d.Title)
	lo, hi := 0.0, 0.0
	if d.GuideLabel != "" {
		lo, hi = math.Min(lo, d.Guide), math.Max(hi, d.Guide)
	}
	for _, s := range d.Series {
		for _, v := range s.Values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	names := make([]string, len(d.Series))
	for i, s := range d.Series {
		names[i] = s.Name
	}
	styles := d.Palette.Styles(names)
	top := 8.0
	if d.Title != "" {
		top = 34
		c.label(wd/2, 24, fsTitle, "middle", o.label(d.Title), "font-weight", "bold")
	}
	left := 10.0
	if d.YLabel != "" {
		left += 20
	}
	// The tick labels' width, from a provisional axis.
	ya0 := newAxis(lo, hi, 3, 0, 1)
	left += maxTickWidth(&o, &ya0) + 8
	bottom := 0.0
	if d.XLabel != "" {
		bottom = 20
	}
	gap := 20.0
	pw := (wd - left - 12 - gap*float64(cols-1)) / float64(cols)
	ph := (ht - top - bottom - float64(rows)*(titleH+tickH)) / float64(rows)
	if ph < 30 {
		ph = 30
	}
	x0, x1 := d.X[0], d.X[n-1]
	if x0 == x1 {
		x0, x1 = x0-0.5, x1+0.5
	}
	// Year ticks: about four a panel, on round years.
	xt, dec := ticks(x0, x1, 4)
	integral := true
	for _, v := range d.X {
		if v != math.Trunc(v) {
			integral = false
		}
	}
	for i, s := range d.Series {
		r, k := i/cols, i%cols
		px0 := left + float64(k)*(pw+gap)
		py0 := top + float64(r)*(ph+titleH+tickH) + titleH
		f := frame{x0: px0, x1: px0 + pw, y0: py0, y1: py0 + ph}
		ya := newAxis(lo, hi, 3, f.y1, f.y0)
		xpos := func(v float64) float64 { return f.x0 + (v-x0)/(x1-x0)*(f.x1-f.x0) }
		c.b.WriteString(`<g class="bp-panel">` + "\n")
		c.label(f.x0, f.y0-6, fsTick+1, "start", o.label(s.Name), "font-weight", "bold")
		c.b.WriteString(`<g class="bp-grid">` + "\n")
		for _, t := range ya.ticks {
			y := ya.pos(t)
			col, lw := "#e4e4e4", 1.0
			if t == 0 {
				col, lw = "#555555", 1.0
			}
			c.line(f.x0, y, f.x1, y, col, lw)
			if k == 0 {
				c.label(f.x0-5, y+4, fsTick, "end", ya.tickLabel(&o, t))
			}
		}
		for _, t := range xt {
			if t < x0-1e-9 || t > x1+1e-9 {
				continue
			}
			p := xpos(t)
			c.line(p, f.y1, p, f.y1+3, "#555555", 1)
			lbl := formatNumber(t, dec)
			if integral {
				lbl = strconv.FormatFloat(t, 'f', 0, 64)
			}
			// The first and last labels keep inside the panel, clear of
			// the neighbours' labels.
			anchor := "middle"
			switch {
			case p-f.x0 < 14:
				anchor = "start"
			case f.x1-p < 14:
				anchor = "end"
			}
			c.label(p, f.y1+14, fsTick, anchor, lbl)
		}
		c.b.WriteString("</g>\n")
		if d.GuideLabel != "" {
			y := ya.pos(d.Guide)
			// The label is the line's tooltip: in a small panel a text
			// would cover the lines (a caption can say what it is).
			c.b.WriteString("<line")
			c.attrs("x1", f.x0, "y1", y, "x2", f.x1, "y2", y, "stroke", "#555555", "stroke-width", 1.0, "stroke-dasharray", "4 3")
			c.b.WriteString("><title>")
			c.text(o.label(d.GuideLabel))
			c.b.WriteString("</title></line>\n")
		}
		// The other series, light, for context; then this one.
		for m, other := range d.Series {
			if m != i {
				c.polyline(d.X, other.Values, xpos, &ya, "#cccccc", 1, "")
			}
		}
		st := styles[i]
		c.polyline(d.X, s.Values, xpos, &ya, st.Color, 2.4, "")
		c.b.WriteString("</g>\n")
	}
	if d.YLabel != "" {
		x, y := 16.0, (top+ht-bottom)/2
		c.b.WriteString(`<text transform="translate(`)
		c.num(x)
		c.b.WriteByte(',')
		c.num(y)
		c.b.WriteString(`) rotate(-90)" text-anchor="middle" font-size="12">`)
		c.text(o.label(d.YLabel))
		c.b.WriteString("</text>\n")
	}
	if d.XLabel != "" {
		c.label((left+wd-12)/2, ht-6, fsAxis, "middle", o.label(d.XLabel))
	}
	return c.finish(w)
}

// polyline draws values over x as one line (a circle for one point).
func (c *canvas) polyline(x, values []float64, xpos func(float64) float64, ya *axis, color string, width float64, dash string) {
	if len(values) == 1 {
		c.b.WriteString("<circle")
		c.attrs("cx", xpos(x[0]), "cy", ya.pos(values[0]), "r", 3.0, "fill", color)
		c.b.WriteString("/>\n")
		return
	}
	c.b.WriteString(`<polyline fill="none" stroke-linejoin="round"`)
	c.attrs("stroke", color, "stroke-width", width)
	if dash != "" {
		c.attrs("stroke-dasharray", dash)
	}
	c.b.WriteString(` points="`)
	for j, v := range values {
		if j > 0 {
			c.b.WriteByte(' ')
		}
		c.num(xpos(x[j]))
		c.b.WriteByte(',')
		c.num(ya.pos(v))
	}
	c.b.WriteString(`"/>` + "\n")
}
