// Package chart draws static SVG charts for Blueprint's reports and
// commands: lines, stacked areas, stacked bars, horizontal bars and
// marginal-abatement-cost step charts.
//
// # Overview
//
// Every chart is written by hand as a self-contained SVG fragment: no
// scripts, no external fonts, stylesheets or images, so it can be inlined in
// an HTML page that opens from a file, printed, or saved as a .svg file.
// Output is deterministic: the same input gives the same bytes.
//
// Charts are safe for print and for greyscale: each series gets a [Style]
// (a colour from a fixed palette that alternates dark and light tones, a
// dash pattern for lines and a hatch pattern for areas and bars), so two
// series still differ when printed in black and white.
//
// # Colours
//
// A series' style depends only on its name. [Color] and [StyleOf] hash a
// name into the palette; a [Palette] built once from the full, ordered list
// of names (every sector and measure of a study, say) assigns distinct
// styles in that order and can be given to every chart through
// [Options].Palette, so "Buildings" has the same colour in every chart of a
// report.
//
// # Text
//
// All visible text (titles, axis labels, legend entries, step names) passes
// through [Options].Label, so a report can translate it; numbers on the axes
// pass through [Options].Format. The font stack ([FontFamily]) names Noto
// Sans CJK first so Chinese labels render where fonts-noto-cjk is installed.
//
// # Errors
//
// Empty input, mismatched lengths and NaN or infinite values are reported as
// errors naming the series and index; the drawing functions never panic on
// data.
package chart

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
)

// FontFamily is the CSS font stack of every chart and of the report:
// TrueType fonts for Latin text, then CJK fonts, which the browser falls
// back to glyph by glyph. TrueType comes first because Chromium's PDF
// backend embeds CFF-outline OpenType fonts (Noto Sans CJK) as unnamed
// Type 3 fonts; WenQuanYi Zen Hei (TrueType) is embedded as a named,
// searchable CID font subset.
const FontFamily = `'Liberation Sans','DejaVu Sans',Arial,'WenQuanYi Zen Hei','Noto Sans CJK SC','Noto Sans SC',sans-serif`

// ErrEmpty is returned (wrapped) when a chart has no data to draw.
var ErrEmpty = errors.New("chart: no data")

// ErrValue is returned (wrapped) for NaN or infinite values, negative widths
// and mismatched lengths.
var ErrValue = errors.New("chart: invalid value")

// Style is how one series is drawn.
type Style struct {
	// Color is the fill or stroke colour, "#rrggbb".
	Color string
	// Dash is the SVG stroke-dasharray of lines ("" for solid).
	Dash string
	// Hatch selects the hatch pattern of areas and bars: 0 solid, then
	// diagonal, reverse diagonal, horizontal, vertical, cross and dots.
	Hatch int
}

// palette is ordered so that neighbours differ in lightness (Paul Tol's
// "muted" scheme plus grey): readable in colour, in print and in greyscale.
var palette = []string{
	"#332288", // indigo (dark)
	"#DDCC77", // sand (light)
	"#117733", // green (dark)
	"#88CCEE", // cyan (light)
	"#882255", // wine (dark)
	"#CC6677", // rose
	"#44AA99", // teal
	"#999933", // olive
	"#AA4499", // purple
	"#BBBBBB", // grey (light)
}

// dashes are the line dash patterns, as many as the hatches and coprime
// with the palette length so that index i differs from i+len(palette).
var dashes = []string{"", "7 3", "2 2", "9 3 2 3", "1 3", "12 4", "5 2 1 2"}

// nHatch is the number of hatch patterns (see Style.Hatch).
const nHatch = 7

// styleAt returns the i-th style of the fixed sequence. The first
// len(palette) styles are solid; later ones add dash and hatch patterns, so
// the first 70 styles are all distinct.
func styleAt(i int) Style {
	n := len(palette)
	k := (i/n + i) % nHatch
	if i < n {
		// The first round differs by colour, dash and hatch at once.
		k = i % nHatch
	}
	return Style{Color: palette[i%n], Dash: dashes[k], Hatch: k}
}

// StyleOf returns the style that name hashes to (FNV-1a into the first 70
// styles). Different names may share a style; charts resolve such clashes
// with [Palette.Styles], and a [Palette] keeps styles equal across charts.
func StyleOf(name string) Style {
	return styleAt(hashIndex(name))
}

func hashIndex(name string) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() % uint32(len(palette)*nHatch))
}

// Color returns the colour that name hashes to ("#rrggbb"); stable across
// runs and programs.
func Color(name string) string { return StyleOf(name).Color }

// Palette assigns styles to names in a fixed order so that series differ
// and keep their style across every chart that shares the palette. The zero
// value and a nil *Palette fall back to [StyleOf]. A Palette is safe for
// concurrent reads once built.
type Palette struct {
	styles map[string]Style
}

// NewPalette assigns the i-th distinct name the i-th style of the fixed
// sequence (solid colours first, then dashed and hatched variants).
// Give names in a stable order (e.g. sorted) for stable colours.
func NewPalette(names ...string) *Palette {
	p := &Palette{styles: make(map[string]Style, len(names))}
	for _, n := range names {
		if _, ok := p.styles[n]; !ok {
			p.styles[n] = styleAt(len(p.styles))
		}
	}
	return p
}

// Set gives name an explicit style (for instance a sector's house colour).
// Call it before the palette is shared between goroutines.
func (p *Palette) Set(name string, s Style) {
	if p.styles == nil {
		p.styles = map[string]Style{}
	}
	p.styles[name] = s
}

// Style returns name's style: the assigned one, else [StyleOf](name).
func (p *Palette) Style(name string) Style {
	if p != nil {
		if s, ok := p.styles[name]; ok {
			return s
		}
	}
	return StyleOf(name)
}

// Styles returns the styles of names drawn together in one chart: names
// the palette assigned keep their style; the others start at their hashed
// style ([StyleOf]) and move to the next free one of the fixed sequence
// when an earlier name of the list already uses that colour, so the series
// of one chart differ. The result depends only on p and names.
func (p *Palette) Styles(names []string) []Style {
	out := make([]Style, len(names))
	usedStyle := map[Style]bool{}
	usedColor := map[string]bool{}
	var rest []int
	for i, n := range names {
		if p != nil {
			if s, ok := p.styles[n]; ok {
				out[i] = s
				usedStyle[s], usedColor[s.Color] = true, true
				continue
			}
		}
		rest = append(rest, i)
	}
	total := len(palette) * nHatch
	for _, i := range rest {
		h := hashIndex(names[i])
		pick := -1
		for k := 0; k < total; k++ {
			s := styleAt((h + k) % total)
			if usedStyle[s] {
				continue
			}
			if pick < 0 {
				pick = (h + k) % total // first free style, if every colour is taken
			}
			if !usedColor[s.Color] {
				pick = (h + k) % total
				break
			}
		}
		if pick < 0 {
			pick = h
		}
		out[i] = styleAt(pick)
		usedStyle[out[i]], usedColor[out[i].Color] = true, true
	}
	return out
}

// Options are the settings shared by every chart. The zero value is usable.
type Options struct {
	// Width and Height of the SVG in px (CSS pixels); defaults 720 × 400.
	Width, Height float64
	// Palette gives series their styles; nil hashes names ([StyleOf]).
	Palette *Palette
	// Label translates every visible text (title, axis labels, series,
	// groups and step names); nil shows text as given.
	Label func(string) string
	// Format writes axis tick numbers; nil uses a plain format with as many
	// decimals as the tick step needs. Years on a numeric X axis are never
	// formatted with it (they print as integers).
	Format func(float64) string
	// Alt is the chart's text alternative (aria-label and SVG title) when
	// the visible title is left to the page (e.g. a figure caption); ""
	// uses the title.
	Alt string
	// IDPrefix starts the ids of the chart's pattern definitions, to keep
	// ids unique when several charts share one HTML page.
	IDPrefix string
}

func (o *Options) label(s string) string {
	if o.Label == nil {
		return s
	}
	return o.Label(s)
}

func (o *Options) size() (w, h float64) {
	w, h = o.Width, o.Height
	if w <= 0 {
		w = 720
	}
	if h <= 0 {
		h = 400
	}
	return w, h
}

// Series is one named row of values, one per X (or category).
type Series struct {
	// Name identifies the series: its style key and (through Label) its
	// legend text.
	Name string
	// Values, one per X; the slice is not modified.
	Values []float64
}

// XY is the data of [Line], [StackedArea] and [StackedBars]: series over a
// shared X axis (usually years).
type XY struct {
	// Title above the chart; XLabel and YLabel (with the unit, e.g.
	// "Emissions (Mt CO2)") on the axes. Empty strings are not drawn.
	Title, XLabel, YLabel string
	// X holds the x values (years) in increasing order. StackedBars may
	// use Categories instead.
	X []float64
	// Categories names the bars of StackedBars when X is empty (e.g.
	// scenario names); they pass through Label.
	Categories []string
	// Series to draw, in legend order (stacks build bottom-up in this
	// order).
	Series []Series
	// Guide, when GuideLabel is set, draws a dashed horizontal reference
	// line at this value titled GuideLabel (through Label; shown as the
	// line's tooltip); [Panels] draws it in every panel (e.g. an entry
	// threshold).
	Guide      float64
	GuideLabel string
	Options
}

// finite reports the first NaN or infinite value of vals.
func finite(what string, vals []float64) error {
	for i, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s index %d: %v: %w", what, i, v, ErrValue)
		}
	}
	return nil
}

// check validates an XY; n is the number of points per series.
func (d *XY) check(kind string, needX bool) (n int, err error) {
	if needX || len(d.Categories) == 0 {
		n = len(d.X)
	} else {
		n = len(d.Categories)
	}
	if n == 0 {
		return 0, fmt.Errorf("chart: %s %q: no x values: %w", kind, d.Title, ErrEmpty)
	}
	if len(d.Series) == 0 {
		return 0, fmt.Errorf("chart: %s %q: no series: %w", kind, d.Title, ErrEmpty)
	}
	if len(d.X) > 0 {
		if err := finite("x", d.X); err != nil {
			return 0, fmt.Errorf("chart: %s %q: %w", kind, d.Title, err)
		}
		for i := 1; i < len(d.X); i++ {
			if !(d.X[i] > d.X[i-1]) {
				return 0, fmt.Errorf("chart: %s %q: x index %d: %v not above %v: %w", kind, d.Title, i, d.X[i], d.X[i-1], ErrValue)
			}
		}
		if len(d.Categories) > 0 && len(d.Categories) != len(d.X) {
			return 0, fmt.Errorf("chart: %s %q: %d categories for %d x values: %w", kind, d.Title, len(d.Categories), len(d.X), ErrValue)
		}
	}
	for _, s := range d.Series {
		if len(s.Values) != n {
			return 0, fmt.Errorf("chart: %s %q: series %q: %d values for %d x values: %w", kind, d.Title, s.Name, len(s.Values), n, ErrValue)
		}
		if err := finite("series "+quote(s.Name), s.Values); err != nil {
			return 0, fmt.Errorf("chart: %s %q: %w", kind, d.Title, err)
		}
	}
	return n, nil
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// escape writes s with XML's special characters escaped.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")
