package chart

import (
	"fmt"
	"io"
	"math"
)

// Step is one measure of a marginal abatement cost curve.
type Step struct {
	// Name of the measure (drawn inside the step when it fits; through
	// Label).
	Name string
	// Group selects the colour and legend entry (a sector or measure
	// class); empty means Name.
	Group string
	// Width is the abatement (e.g. Mt CO2), ≥ 0.
	Width float64
	// Height is the marginal cost (e.g. CNY/t CO2); may be negative.
	Height float64
}

// MACC is the data of [Steps]: a marginal abatement cost curve.
type MACC struct {
	// Title, XLabel (abatement with unit) and YLabel (cost with unit).
	Title, XLabel, YLabel string
	// Steps in drawing order, left to right (a MACC lists them by
	// increasing cost; Steps does not reorder).
	Steps []Step
	Options
}

func (s *Step) group() string {
	if s.Group == "" {
		return s.Name
	}
	return s.Group
}

// Steps draws a marginal abatement cost curve: step i is a bar whose
// width is its abatement and whose height is its marginal cost, placed
// after the cumulative abatement of the steps before it and coloured by
// group, with one legend entry per group (in first-seen order).
func Steps(w io.Writer, d MACC) error {
	if len(d.Steps) == 0 {
		return fmt.Errorf("chart: steps %q: no steps: %w", d.Title, ErrEmpty)
	}
	total, lo, hi := 0.0, 0.0, 0.0
	for i, s := range d.Steps {
		if math.IsNaN(s.Width) || math.IsInf(s.Width, 0) || s.Width < 0 ||
			math.IsNaN(s.Height) || math.IsInf(s.Height, 0) {
			return fmt.Errorf("chart: steps %q: step %d (%q): width %v, height %v: %w", d.Title, i, s.Name, s.Width, s.Height, ErrValue)
		}
		total += s.Width
		lo, hi = math.Min(lo, s.Height), math.Max(hi, s.Height)
	}
	if total == 0 {
		return fmt.Errorf("chart: steps %q: all widths are zero: %w", d.Title, ErrEmpty)
	}
	wd, ht := d.size()
	c := newCanvas(&d.Options, wd, ht, d.Title)
	var groups []string
	seen := map[string]bool{}
	for _, s := range d.Steps {
		if g := s.group(); !seen[g] {
			seen[g] = true
			groups = append(groups, g)
		}
	}
	styles := d.Palette.Styles(groups)
	style := make(map[string]Style, len(groups))
	legend := make([]legendItem, len(groups))
	for i, g := range groups {
		style[g] = styles[i]
		legend[i] = legendItem{text: d.label(g), style: styles[i]}
	}
	f := layout(c, d.Title, d.XLabel, d.YLabel, 30, legend)
	ya := newAxis(lo, hi, yTickCount(f), f.y1, f.y0)
	f = layout(c, d.Title, d.XLabel, d.YLabel, maxTickWidth(&d.Options, &ya), legend)
	ya = newAxis(lo, hi, yTickCount(f), f.y1, f.y0)
	n := int((f.x1 - f.x0) / 70)
	if n < 2 {
		n = 2
	}
	xa := newAxis(0, total, n, f.x0, f.x1)
	c.yGrid(f, &ya)
	c.line(f.x0, f.y1, f.x1, f.y1, "#555555", 1)
	c.b.WriteString(`<g class="bp-xticks">` + "\n")
	for _, t := range xa.ticks {
		p := xa.pos(t)
		c.line(p, f.y1, p, f.y1+4, "#555555", 1)
		c.label(p, f.y1+17, fsTick, "middle", xa.tickLabel(&d.Options, t))
	}
	c.b.WriteString("</g>\n")
	c.b.WriteString(`<g class="bp-series">` + "\n")
	x, y0 := 0.0, ya.pos(0)
	for _, s := range d.Steps {
		if s.Width == 0 {
			continue
		}
		st := style[s.group()]
		px0, px1, y1 := xa.pos(x), xa.pos(x+s.Width), ya.pos(s.Height)
		x += s.Width
		c.rect(px0, y1, px1-px0, y0-y1, st, "stroke", "#ffffff", "stroke-width", 0.8)
		name := d.label(s.Name)
		// The name goes inside the step, rotated, when it fits.
		tw, bh, bw := textWidth(name, fsStep), math.Abs(y0-y1), px1-px0
		if name != "" && bw >= fsStep+2 && tw+6 <= bh {
			ink := "#000000"
			if luminance(st.Color) < 0.45 {
				ink = "#ffffff"
			}
			cx, cy := (px0+px1)/2+fsStep*0.35, math.Min(y0, y1)+3
			c.b.WriteString(`<text transform="translate(`)
			c.num(cx)
			c.b.WriteByte(',')
			c.num(cy)
			c.b.WriteString(`) rotate(90)"`)
			c.attrs("font-size", fsStep, "fill", ink)
			c.b.WriteByte('>')
			c.text(name)
			c.b.WriteString("</text>\n")
		}
	}
	c.b.WriteString("</g>\n")
	c.line(f.x0, y0, f.x1, y0, "#555555", 1.2)
	c.decorate(f, d.label(d.Title), d.label(d.XLabel), d.label(d.YLabel), legend)
	return c.finish(w)
}

// Bar is one bar of a horizontal bar chart.
type Bar struct {
	// Name is the bar's label on the left (through Label).
	Name string
	// Group selects the colour (and a legend entry when the chart has more
	// than one group); empty means Name.
	Group string
	// Value is the bar's length; may be negative.
	Value float64
}

// BarChart is the data of [Bars].
type BarChart struct {
	// Title and XLabel (the value axis, with unit).
	Title, XLabel string
	// Bars top to bottom.
	Bars []Bar
	// Options; a zero Height sizes the chart to its bars (24 px each).
	Options
}

// Bars draws horizontal bars, top to bottom in the given order, with each
// value written at the bar's end.
func Bars(w io.Writer, d BarChart) error {
	if len(d.Bars) == 0 {
		return fmt.Errorf("chart: bars %q: no bars: %w", d.Title, ErrEmpty)
	}
	lo, hi := 0.0, 0.0
	nameW := 0.0
	seen := map[string]bool{}
	var groups []string
	for i, b := range d.Bars {
		if math.IsNaN(b.Value) || math.IsInf(b.Value, 0) {
			return fmt.Errorf("chart: bars %q: bar %d (%q): %v: %w", d.Title, i, b.Name, b.Value, ErrValue)
		}
		lo, hi = math.Min(lo, b.Value), math.Max(hi, b.Value)
		nameW = math.Max(nameW, textWidth(d.label(b.Name), fsTick))
		g := b.Group
		if g == "" {
			g = b.Name
		}
		if !seen[g] {
			seen[g] = true
			groups = append(groups, g)
		}
	}
	styles := d.Palette.Styles(groups)
	style := make(map[string]Style, len(groups))
	legend := make([]legendItem, len(groups))
	for i, g := range groups {
		style[g] = styles[i]
		legend[i] = legendItem{text: d.label(g), style: styles[i]}
	}
	if len(legend) == len(d.Bars) && d.Bars[0].Group == "" {
		legend = nil // every bar its own colour: the names say it all
	}
	if len(legend) == 1 {
		legend = nil
	}
	o := d.Options
	if o.Height <= 0 {
		_, _, rows := legendRows(legend, 700)
		o.Height = 40 + 24*float64(len(d.Bars)) + 48 + float64(rows)*legendRow
		if d.Title != "" {
			o.Height += 26
		}
	}
	wd, ht := o.size()
	c := newCanvas(&o, wd, ht, d.Title)
	f := layout(c, d.Title, d.XLabel, "", nameW, legend)
	n := int((f.x1 - f.x0 - 50) / 80)
	if n < 2 {
		n = 2
	}
	// Room at the bar ends for the value labels.
	xa := newAxis(lo, hi, n, f.x0, f.x1-50)
	if lo < 0 {
		xa.p0 += 50
	}
	c.b.WriteString(`<g class="bp-grid">` + "\n")
	for _, t := range xa.ticks {
		p := xa.pos(t)
		col := "#dddddd"
		if t == 0 {
			col = "#555555"
		}
		c.line(p, f.y0, p, f.y1, col, 1)
		c.label(p, f.y1+17, fsTick, "middle", xa.tickLabel(&o, t))
	}
	c.b.WriteString("</g>\n")
	band := (f.y1 - f.y0) / float64(len(d.Bars))
	bh := math.Min(band*0.7, 18)
	c.b.WriteString(`<g class="bp-series">` + "\n")
	for i, b := range d.Bars {
		g := b.Group
		if g == "" {
			g = b.Name
		}
		st := style[g]
		yc := f.y0 + band*(float64(i)+0.5)
		x0, x1 := xa.pos(0), xa.pos(b.Value)
		c.label(f.x0-6, yc+4, fsTick, "end", o.label(b.Name))
		c.rect(x0, yc-bh/2, x1-x0, bh, st, "stroke", "#444444", "stroke-width", 0.5)
		v := formatValue(b.Value)
		if o.Format != nil {
			v = o.Format(b.Value)
		}
		if b.Value < 0 {
			c.label(x1-4, yc+4, fsTick, "end", v)
		} else {
			c.label(x1+4, yc+4, fsTick, "start", v)
		}
	}
	c.b.WriteString("</g>\n")
	c.decorate(f, o.label(d.Title), o.label(d.XLabel), "", legend)
	return c.finish(w)
}
