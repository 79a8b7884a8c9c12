package chart

import (
	"io"
	"math"
	"strconv"
)

// Line draws each series of d as a line over X (solid colour plus the
// series' dash pattern). The value axis always includes zero.
func Line(w io.Writer, d XY) error {
	n, err := d.check("line", true)
	if err != nil {
		return err
	}
	lo, hi := 0.0, 0.0
	for _, s := range d.Series {
		for _, v := range s.Values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	c, f, ya, legend := d.setup(lo, hi, true)
	c.yGrid(f, &ya)
	xpos := c.xNumeric(f, d.X)
	c.b.WriteString(`<g class="bp-series">` + "\n")
	for i, s := range d.Series {
		st := legend[i].style
		if n == 1 {
			c.b.WriteString("<circle")
			c.attrs("cx", xpos(d.X[0]), "cy", ya.pos(s.Values[0]), "r", 3.5, "fill", st.Color)
			c.b.WriteString("/>\n")
			continue
		}
		c.b.WriteString(`<polyline fill="none" stroke-linejoin="round"`)
		c.attrs("stroke", st.Color, "stroke-width", 2.2)
		if st.Dash != "" {
			c.attrs("stroke-dasharray", st.Dash)
		}
		c.b.WriteString(` points="`)
		for j, v := range s.Values {
			if j > 0 {
				c.b.WriteByte(' ')
			}
			c.num(xpos(d.X[j]))
			c.b.WriteByte(',')
			c.num(ya.pos(v))
		}
		c.b.WriteString(`"><title>`)
		c.text(d.label(s.Name))
		c.b.WriteString("</title></polyline>\n")
	}
	c.b.WriteString("</g>\n")
	c.decorate(f, d.label(d.Title), d.label(d.XLabel), d.label(d.YLabel), legend)
	return c.finish(w)
}

// StackedArea draws the series of d stacked over X: positive values stack
// upwards from zero and negative values downwards, each series in its
// legend order, with its colour and hatch.
func StackedArea(w io.Writer, d XY) error {
	n, err := d.check("stacked area", true)
	if err != nil {
		return err
	}
	lo, hi := stackRange(d.Series, n)
	c, f, ya, legend := d.setup(lo, hi, false)
	c.yGrid(f, &ya)
	xpos := c.xNumeric(f, d.X)
	pos, neg := make([]float64, n), make([]float64, n)
	below, above := make([]float64, n), make([]float64, n)
	c.b.WriteString(`<g class="bp-series">` + "\n")
	for i, s := range d.Series {
		for _, sign := range []float64{1, -1} {
			cum := pos
			if sign < 0 {
				cum = neg
			}
			has := false
			for j, v := range s.Values {
				part := 0.0
				if v*sign > 0 {
					part = v
					has = true
				}
				below[j] = cum[j]
				cum[j] += part
				above[j] = cum[j]
			}
			if !has {
				continue
			}
			fill := c.fill(legend[i].style) // may write a pattern definition first
			c.b.WriteString(`<polygon stroke="#ffffff" stroke-width="0.6"`)
			c.attrs("fill", fill)
			c.b.WriteString(` points="`)
			for j := 0; j < n; j++ {
				c.num(xpos(d.X[j]))
				c.b.WriteByte(',')
				c.num(ya.pos(above[j]))
				c.b.WriteByte(' ')
			}
			for j := n - 1; j >= 0; j-- {
				c.num(xpos(d.X[j]))
				c.b.WriteByte(',')
				c.num(ya.pos(below[j]))
				if j > 0 {
					c.b.WriteByte(' ')
				}
			}
			c.b.WriteString(`"><title>`)
			c.text(d.label(s.Name))
			c.b.WriteString("</title></polygon>\n")
		}
	}
	c.b.WriteString("</g>\n")
	c.line(f.x0, ya.pos(0), f.x1, ya.pos(0), "#555555", 1.2)
	c.decorate(f, d.label(d.Title), d.label(d.XLabel), d.label(d.YLabel), legend)
	return c.finish(w)
}

// StackedBars draws one bar per X (or per Category) with the series
// stacked in it: positive values upwards, negative values downwards.
func StackedBars(w io.Writer, d XY) error {
	n, err := d.check("stacked bars", false)
	if err != nil {
		return err
	}
	lo, hi := stackRange(d.Series, n)
	c, f, ya, legend := d.setup(lo, hi, false)
	c.yGrid(f, &ya)
	band := (f.x1 - f.x0) / float64(n)
	bw := band * 0.7
	// Category labels: every k-th when they would collide.
	labels := make([]string, n)
	widest := 0.0
	for i := range labels {
		if len(d.Categories) > 0 {
			labels[i] = d.label(d.Categories[i])
		} else {
			labels[i] = xLabel(d.X[i])
		}
		widest = math.Max(widest, textWidth(labels[i], fsTick))
	}
	every := 1
	for float64(every)*band < widest+6 && every < n {
		every++
	}
	c.line(f.x0, f.y1, f.x1, f.y1, "#555555", 1)
	c.b.WriteString(`<g class="bp-xticks">` + "\n")
	for i := 0; i < n; i += every {
		c.label(f.x0+band*(float64(i)+0.5), f.y1+17, fsTick, "middle", labels[i])
	}
	c.b.WriteString("</g>\n")
	pos, neg := make([]float64, n), make([]float64, n)
	c.b.WriteString(`<g class="bp-series">` + "\n")
	for i, s := range d.Series {
		st := legend[i].style
		for j, v := range s.Values {
			if v == 0 {
				continue
			}
			cum := pos
			if v < 0 {
				cum = neg
			}
			y0, y1 := ya.pos(cum[j]), ya.pos(cum[j]+v)
			cum[j] += v
			x := f.x0 + band*float64(j) + (band-bw)/2
			c.rect(x, y1, bw, y0-y1, st, "stroke", "#ffffff", "stroke-width", 0.6)
		}
	}
	c.b.WriteString("</g>\n")
	c.line(f.x0, ya.pos(0), f.x1, ya.pos(0), "#555555", 1.2)
	c.decorate(f, d.label(d.Title), d.label(d.XLabel), d.label(d.YLabel), legend)
	return c.finish(w)
}

// xLabel formats an x value: integers (years) plainly, others with up to
// three decimals.
func xLabel(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// stackRange returns the lowest negative stack and highest positive stack
// (both including zero).
func stackRange(series []Series, n int) (lo, hi float64) {
	for j := 0; j < n; j++ {
		p, q := 0.0, 0.0
		for _, s := range series {
			if v := s.Values[j]; v > 0 {
				p += v
			} else {
				q += v
			}
		}
		lo, hi = math.Min(lo, q), math.Max(hi, p)
	}
	return lo, hi
}

// setup creates the canvas, legend, value axis and frame of an XY chart.
func (d *XY) setup(lo, hi float64, lines bool) (*canvas, frame, axis, []legendItem) {
	w, h := d.size()
	c := newCanvas(&d.Options, w, h, d.Title)
	names := make([]string, len(d.Series))
	for i, s := range d.Series {
		names[i] = s.Name
	}
	styles := d.Palette.Styles(names)
	legend := make([]legendItem, len(d.Series))
	for i, s := range d.Series {
		legend[i] = legendItem{text: d.label(s.Name), style: styles[i], line: lines}
	}
	// Two passes: the tick labels' width sets the left margin, the plot
	// height sets the number of ticks.
	f := layout(c, d.Title, d.XLabel, d.YLabel, 30, legend)
	ya := newAxis(lo, hi, yTickCount(f), f.y1, f.y0)
	f = layout(c, d.Title, d.XLabel, d.YLabel, maxTickWidth(&d.Options, &ya), legend)
	ya = newAxis(lo, hi, yTickCount(f), f.y1, f.y0)
	return c, f, ya, legend
}

func yTickCount(f frame) int {
	n := int((f.y1 - f.y0) / 55)
	if n < 2 {
		n = 2
	}
	return n
}
