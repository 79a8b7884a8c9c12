package economy

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"blueprint/model"
)

// Households describes income groups (e.g. quintiles) and their energy use
// for the burden model. Money is in the tariff currency (CNY for Beijing),
// quantities in tariff units (kWh, m³, m² heated, L).
type Households struct {
	// Groups in file order.
	Groups []Group
	// Carriers in file order.
	Carriers []Carrier
	// Proxy is true when any row is labelled PROXY or ASSUMPTION (in SOURCE
	// or NOTE) or the file says "# proxy: true".
	Proxy bool
	// Source from "# source:".
	Source string
	// File is the file name used in errors.
	File string
}

// Group is one income group.
type Group struct {
	Name string
	// Weight is the group's share of the population (weights sum to 1).
	Weight float64
	// Income per person per year, by year (interpolated, see [Path]).
	Income Path
	// Growth is the annual real income growth after the last income year.
	Growth float64
	// Use per person per year by carrier (index into Households.Carriers).
	Use []float64
	// ConsumptionShare is the share of income spent on consumption (for the
	// indirect burden); 0 when unknown.
	ConsumptionShare float64
}

// Carrier is a household energy carrier (electricity, gas, heat, motor fuel).
type Carrier struct {
	Name string
	// Unit of use ("kWh"); Tariff is money per Unit.
	Unit   string
	Tariff Path
	// Fuel is the model FUEL whose delivered cost change passes to the
	// tariff, with Factor converting model money per model energy unit into
	// tariff money per Unit; "" when the model does not drive the price.
	Fuel   string
	Factor float64
	// Sector is the IO sector code of the carrier (indirect effects); "" if none.
	Sector string
}

// Path is a value by year: linear between given years, the first value
// before the first year, the last after the last.
type Path struct {
	Years  []int
	Values []float64
}

// At returns the path's value in year y (0 for an empty path).
func (p Path) At(y int) float64 {
	n := len(p.Years)
	switch {
	case n == 0:
		return 0
	case y <= p.Years[0]:
		return p.Values[0]
	case y >= p.Years[n-1]:
		return p.Values[n-1]
	}
	i := sort.SearchInts(p.Years, y)
	if p.Years[i] == y {
		return p.Values[i]
	}
	y0, y1 := p.Years[i-1], p.Years[i]
	w := float64(y-y0) / float64(y1-y0)
	return p.Values[i-1]*(1-w) + p.Values[i]*w
}

func (p *Path) set(y int, v float64) bool {
	i := sort.SearchInts(p.Years, y)
	if i < len(p.Years) && p.Years[i] == y {
		return false
	}
	p.Years = append(p.Years, 0)
	p.Values = append(p.Values, 0)
	copy(p.Years[i+1:], p.Years[i:])
	copy(p.Values[i+1:], p.Values[i:])
	p.Years[i], p.Values[i] = y, v
	return true
}

// IncomeAt returns group g's income per person in year y: the income path,
// grown at Growth per year after its last year.
func (g *Group) IncomeAt(y int) float64 {
	v := g.Income.At(y)
	if n := len(g.Income.Years); n > 0 && y > g.Income.Years[n-1] && g.Growth != 0 {
		v *= math.Pow(1+g.Growth, float64(y-g.Income.Years[n-1]))
	}
	return v
}

// ReadHouseholdsFile reads a households file; see [ReadHouseholds].
func ReadHouseholdsFile(path string) (*Households, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("economy: %w", err)
	}
	return ReadHouseholds(bytes.NewReader(data), path)
}

// ReadHouseholds reads the household file, a long CSV
//
//	KIND,GROUP,CARRIER,LINK,YEAR,VALUE,UNIT,SOURCE,NOTE
//
// with one row per number. KIND is
//
//   - weight (GROUP): population share; weights sum to 1.
//   - income (GROUP, YEAR optional): income per person per year.
//   - income_growth (GROUP, or empty for all): real growth per year after
//     the last income year.
//   - consumption_share (GROUP, or empty for all): share of income consumed.
//   - use (CARRIER, GROUP or empty for the population mean): energy use per
//     person per year in the carrier's UNIT. A mean is spread over the groups
//     ∝ income^elasticity, keeping the population mean.
//   - elasticity (CARRIER): income elasticity used to spread a mean use.
//   - tariff (CARRIER, YEAR optional): money per unit (UNIT names the unit,
//     e.g. CNY/kWh).
//   - model_fuel (CARRIER, LINK = model FUEL): VALUE converts the model's
//     delivered cost (model money per model energy unit) to the tariff unit.
//   - io_sector (CARRIER, LINK = IO sector code): for indirect effects.
//
// Rows whose SOURCE or NOTE contains PROXY or ASSUMPTION mark the data as
// proxy. Errors name the file, line and column.
func ReadHouseholds(r io.Reader, name string) (*Households, error) {
	meta, cr, err := openCSV(r, name)
	if err != nil {
		return nil, err
	}
	h := &Households{File: name, Proxy: meta.proxy, Source: meta.source}
	want := []string{"KIND", "GROUP", "CARRIER", "LINK", "YEAR", "VALUE"}
	hdr, err := cr.Read()
	if err != nil {
		return nil, &model.PosError{File: name, Line: 1, Err: fmt.Errorf("%w: %v", model.ErrSyntax, err)}
	}
	for i, w := range want {
		if i >= len(hdr) || !strings.EqualFold(strings.TrimSpace(hdr[i]), w) {
			l, _ := cr.FieldPos(0)
			return nil, &model.PosError{File: name, Line: l, Field: "header", Err: fmt.Errorf("%w: want %s,UNIT,SOURCE,NOTE", model.ErrSyntax, strings.Join(want, ","))}
		}
	}
	var errs model.ErrorList
	bad := func(line int, field string, err error) {
		errs.Add(&model.PosError{File: name, Line: line, Field: field, Err: err})
	}
	groups := map[string]int{}
	carriers := map[string]int{}
	group := func(n string) int {
		if i, ok := groups[n]; ok {
			return i
		}
		groups[n] = len(h.Groups)
		h.Groups = append(h.Groups, Group{Name: n, Weight: math.NaN()})
		return len(h.Groups) - 1
	}
	carrier := func(n string) int {
		if i, ok := carriers[n]; ok {
			return i
		}
		carriers[n] = len(h.Carriers)
		h.Carriers = append(h.Carriers, Carrier{Name: n})
		return len(h.Carriers) - 1
	}
	type useRow struct {
		group, carrier int // group -1: mean
		v              float64
		line           int
	}
	var uses []useRow
	elast := map[int]float64{}
	allGrowth, allCons := math.NaN(), math.NaN()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line := recordLine(cr, err)
		if err != nil {
			bad(line, "", fmt.Errorf("%w: %v", model.ErrSyntax, err))
			break
		}
		if len(rec) < len(want) {
			bad(line, "", fmt.Errorf("%w: %d fields, want at least %d", model.ErrArity, len(rec), len(want)))
			continue
		}
		for c := 7; c < len(rec) && c < 9; c++ { // SOURCE, NOTE
			u := strings.ToUpper(rec[c])
			if strings.Contains(u, "PROXY") || strings.Contains(u, "ASSUMPTION") {
				h.Proxy = true
			}
		}
		kind := strings.TrimSpace(rec[0])
		gname, cname, link := strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2]), strings.TrimSpace(rec[3])
		year := 0
		if s := strings.TrimSpace(rec[4]); s != "" {
			y, err := strconv.Atoi(s)
			if err != nil {
				bad(line, "YEAR", fmt.Errorf("%w: %q", model.ErrNotInteger, s))
				continue
			}
			year = y
		}
		var v float64
		if kind != "io_sector" {
			v, err = strconv.ParseFloat(strings.TrimSpace(rec[5]), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				bad(line, "VALUE", fmt.Errorf("%w: %q", model.ErrNotNumber, rec[5]))
				continue
			}
		}
		need := func(field, s string) bool {
			if s == "" {
				bad(line, field, fmt.Errorf("%w: %s rows need %s", model.ErrSyntax, kind, field))
				return false
			}
			return true
		}
		nonneg := func() bool {
			if v < 0 {
				bad(line, "VALUE", fmt.Errorf("%w: %g is negative", model.ErrDomain, v))
				return false
			}
			return true
		}
		switch kind {
		case "weight":
			if need("GROUP", gname) && nonneg() {
				h.Groups[group(gname)].Weight = v
			}
		case "income":
			if need("GROUP", gname) && nonneg() {
				g := &h.Groups[group(gname)]
				if !g.Income.set(year, v) {
					bad(line, "YEAR", fmt.Errorf("%w: income of %s in %d", model.ErrDuplicate, gname, year))
				}
			}
		case "income_growth":
			if gname == "" {
				allGrowth = v
			} else {
				h.Groups[group(gname)].Growth = v
			}
		case "consumption_share":
			if v < 0 || v > 1 {
				bad(line, "VALUE", fmt.Errorf("%w: consumption share %g not in [0,1]", model.ErrDomain, v))
			} else if gname == "" {
				allCons = v
			} else {
				h.Groups[group(gname)].ConsumptionShare = v
			}
		case "use":
			if need("CARRIER", cname) && nonneg() {
				g := -1
				if gname != "" {
					g = group(gname)
				}
				uses = append(uses, useRow{g, carrier(cname), v, line})
			}
		case "elasticity":
			if need("CARRIER", cname) {
				elast[carrier(cname)] = v
			}
		case "tariff":
			if need("CARRIER", cname) && nonneg() {
				c := &h.Carriers[carrier(cname)]
				if c.Unit == "" && len(rec) > 6 {
					c.Unit = strings.TrimSpace(rec[6])
				}
				if !c.Tariff.set(year, v) {
					bad(line, "YEAR", fmt.Errorf("%w: tariff of %s in %d", model.ErrDuplicate, cname, year))
				}
			}
		case "model_fuel":
			if need("CARRIER", cname) && need("LINK", link) && nonneg() {
				c := &h.Carriers[carrier(cname)]
				c.Fuel, c.Factor = link, v
			}
		case "io_sector":
			if need("CARRIER", cname) && need("LINK", link) {
				h.Carriers[carrier(cname)].Sector = link
			}
		default:
			bad(line, "KIND", fmt.Errorf("%w: %q", model.ErrUnknownName, kind))
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	if len(h.Groups) == 0 {
		return nil, &model.PosError{File: name, Field: "GROUP", Err: fmt.Errorf("%w: no income groups", model.ErrInconsistent)}
	}
	wsum := 0.0
	for i := range h.Groups {
		g := &h.Groups[i]
		if math.IsNaN(g.Weight) {
			bad(0, "weight", fmt.Errorf("%w: group %s has no weight", model.ErrInconsistent, g.Name))
			continue
		}
		if len(g.Income.Years) == 0 {
			bad(0, "income", fmt.Errorf("%w: group %s has no income", model.ErrInconsistent, g.Name))
		}
		if !math.IsNaN(allGrowth) && g.Growth == 0 {
			g.Growth = allGrowth
		}
		if !math.IsNaN(allCons) && g.ConsumptionShare == 0 {
			g.ConsumptionShare = allCons
		}
		g.Use = make([]float64, len(h.Carriers))
		wsum += g.Weight
	}
	if len(errs) == 0 && math.Abs(wsum-1) > 1e-6 {
		bad(0, "weight", fmt.Errorf("%w: group weights sum to %g, want 1", model.ErrInconsistent, wsum))
	}
	for _, c := range h.Carriers {
		if len(c.Tariff.Years) == 0 {
			bad(0, "tariff", fmt.Errorf("%w: carrier %s has no tariff", model.ErrInconsistent, c.Name))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// Uses: per group as given; a mean spread ∝ income^ε keeping the mean.
	for _, u := range uses {
		if u.group >= 0 {
			h.Groups[u.group].Use[u.carrier] = u.v
			continue
		}
		e := elast[u.carrier]
		base := 0.0
		y0 := h.Groups[0].Income.Years[0]
		for _, g := range h.Groups {
			base += g.Weight * math.Pow(g.IncomeAt(y0), e)
		}
		for i := range h.Groups {
			g := &h.Groups[i]
			g.Use[u.carrier] = u.v * math.Pow(g.IncomeAt(y0), e) / base
		}
	}
	return h, nil
}
