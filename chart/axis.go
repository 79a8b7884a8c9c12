package chart

import (
	"math"
	"strconv"
	"strings"
)

// Ticks returns "nice" axis ticks covering [lo, hi]: about n intervals
// whose step is 1, 2 or 5 times a power of ten, from the largest multiple
// of the step not above lo to the smallest not below hi. Each tick is an
// exact decimal (k·m/10^e computed once, not accumulated), so 0.1 steps
// print as 0.3, not 0.30000000000000004. lo > hi are swapped; lo == hi is
// widened to a unit interval around the value (or [0, 1] at zero); n < 1
// counts as 5. NaN or infinite bounds give nil.
func Ticks(lo, hi float64, n int) []float64 {
	t, _ := ticks(lo, hi, n)
	return t
}

// ticks is Ticks plus the number of decimals the step needs.
func ticks(lo, hi float64, n int) ([]float64, int) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, 0
	}
	if n < 1 {
		n = 5
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		switch {
		case lo == 0:
			hi = 1
		case lo > 0:
			lo = 0
		default:
			hi = 0
		}
	}
	m, e, k0, k1 := niceStep(lo, hi, n)
	// value(k) = k·m·10^e, computed exactly for decimal steps.
	value := func(k int64) float64 {
		if e >= 0 {
			return float64(k*m) * math.Pow10(e)
		}
		return float64(k*m) / math.Pow10(-e)
	}
	if k1-k0 > 1000 { // cannot happen with a nice step; guards memory
		k1 = k0 + 1000
	}
	out := make([]float64, 0, k1-k0+1)
	for k := k0; k <= k1; k++ {
		out = append(out, value(k))
	}
	dec := 0
	if e < 0 {
		dec = -e
	}
	return out, dec
}

// niceStep returns the step m·10^e (m ∈ {1, 2, 5}) whose covering
// interval count k1−k0 is nearest to n, preferring the tighter cover on
// ties; k0 and k1 are the first and last tick multiples.
func niceStep(lo, hi float64, n int) (m int64, e int, k0, k1 int64) {
	e0 := int(math.Floor(math.Log10((hi - lo) / float64(n))))
	best := math.Inf(1)
	for ee := e0 - 1; ee <= e0+1; ee++ {
		for _, mm := range []int64{1, 2, 5} {
			step := float64(mm) * math.Pow10(ee)
			a := int64(math.Floor(lo/step + 1e-9))
			b := int64(math.Ceil(hi/step - 1e-9))
			// Score: distance from n intervals, then the covered span.
			score := math.Abs(float64(b-a-int64(n)))*1e6 + float64(b-a)*step/(hi-lo)
			if score < best {
				best, m, e, k0, k1 = score, mm, ee, a, b
			}
		}
	}
	return m, e, k0, k1
}

// formatNumber writes v with dec decimals, grouping thousands with commas,
// and without a minus sign on zero.
func formatNumber(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	if math.Abs(v) < 1000 {
		return s
	}
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteString(frac)
	return b.String()
}

// axis maps data values to pixels along one direction.
type axis struct {
	ticks    []float64
	dec      int
	min, max float64 // data range covered (first and last tick)
	p0, p1   float64 // pixels of min and max
}

func newAxis(lo, hi float64, n int, p0, p1 float64) axis {
	t, dec := ticks(lo, hi, n)
	return axis{ticks: t, dec: dec, min: t[0], max: t[len(t)-1], p0: p0, p1: p1}
}

func (a *axis) pos(v float64) float64 {
	return a.p0 + (v-a.min)/(a.max-a.min)*(a.p1-a.p0)
}

// tickLabel formats a tick with the option's Format or the default.
func (a *axis) tickLabel(o *Options, v float64) string {
	if o.Format != nil {
		return o.Format(v)
	}
	return formatNumber(v, a.dec)
}

// formatValue writes a data value with about three significant digits
// (no decimals from 100 up), grouping thousands.
func formatValue(v float64) string {
	a := math.Abs(v)
	dec := 0
	switch {
	case a == 0 || a >= 100:
	case a >= 10:
		dec = 1
	case a >= 1:
		dec = 2
	case a >= 0.01:
		dec = 3
	default:
		dec = 4
	}
	return formatNumber(v, dec)
}
