package economy

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"blueprint/model"
)

// Files of the Beijing proxy inputs (dataset/beijing/economy in the
// repository; see its README for sources).
const (
	// NationalTableFile is the national 2020 table, 42 sectors, domestic form.
	NationalTableFile = "io_china_2020_domestic.csv"
	// BeijingFile holds Beijing's value added by sector group and employment.
	BeijingFile = "beijing_2020.csv"
	// HouseholdsFile holds the household (income-group) proxy.
	HouseholdsFile = "households.csv"
	// BridgeFile maps the Beijing model's technologies to IO sectors.
	BridgeFile = "bridge.csv"
)

// ProxyInfo reports how [BeijingProxy] built the table.
type ProxyInfo struct {
	// GDP is Beijing value added summed over sectors (million CNY).
	GDP float64
	// Output is Beijing total output Σ X_j (million CNY).
	Output float64
	// LocalInputShare λ scales the national domestic-input coefficients to
	// what Beijing buys locally (the rest is imported from other provinces
	// or abroad).
	LocalInputShare float64
	// RASIterations is the number of RAS iterations.
	RASIterations int
	// Jobs is total proxy employment (persons).
	Jobs float64
}

// BeijingProxy builds a labelled PROXY input–output table for Beijing 2020
// from the files in fsys ([NationalTableFile], [BeijingFile]) by the
// method of the data README:
//
//  1. Beijing value added by sector group (11 groups, 2020) is spread over
//     the group's IO sectors by national value-added shares.
//  2. Output X_j = VA_j / (VA_j/X_j)_national.
//  3. Local intermediate sales of product i: u_i = min(X_i s_i, Σ_j a_ij X_j),
//     with s_i the national share of domestic output sold to intermediate
//     use and a the national domestic input coefficients (Beijing cannot
//     sell locally more than its industries buy).
//  4. Local intermediate purchases of industry j: v_j = λ d_j X_j with d_j =
//     Σ_i a_ij and λ = Σu / Σ d_j X_j; the rest of intermediate inputs is
//     imported (row IM).
//  5. Z is RAS-balanced from the prior a_ij X_j to the margins u and v.
//     Final demand for local output is X − Z1, split into household
//     consumption (national share of households in final demand) and other.
//  6. Household income (Type II row) = VA × national compensation share;
//     employment = national persons per output × X, scaled to Beijing's
//     legal-entity employment (secondary and tertiary, end-2018).
//
// The result has Proxy = true; every output computed from it must carry the
// label.
func BeijingProxy(fsys fs.FS) (*Table, ProxyInfo, error) {
	var info ProxyInfo
	f, err := fsys.Open(NationalTableFile)
	if err != nil {
		return nil, info, fmt.Errorf("economy: Beijing proxy: %w", err)
	}
	nat, err := ReadTable(f, NationalTableFile)
	f.Close()
	if err != nil {
		return nil, info, fmt.Errorf("economy: Beijing proxy: %w", err)
	}
	if err := nat.Validate(1e-6); err != nil {
		return nil, info, fmt.Errorf("economy: Beijing proxy: %s: %w", NationalTableFile, err)
	}
	rows, err := readBeijingFile(fsys, nat)
	if err != nil {
		return nil, info, err
	}
	n, k := nat.N(), len(nat.Final)
	hh := nat.Household
	if hh < 0 || nat.Labour == nil || nat.Jobs == nil {
		return nil, info, fmt.Errorf("economy: Beijing proxy: %s needs an HH final-demand column and HH and EMP rows", NationalTableFile)
	}
	// 1–2: value added and output by sector.
	va := make([]float64, n)
	covered := make([]bool, n)
	for _, r := range rows {
		if !strings.HasPrefix(r.quantity, "va_") {
			continue
		}
		natVA := 0.0
		for _, i := range r.sectors {
			natVA += nat.VA[i]
		}
		for _, i := range r.sectors {
			if covered[i] {
				return nil, info, &model.PosError{File: BeijingFile, Line: r.line, Field: "sectors", Err: fmt.Errorf("%w: sector %s in two value-added groups", model.ErrDuplicate, nat.Sectors[i].Code)}
			}
			covered[i] = true
			va[i] = r.value * nat.VA[i] / natVA
		}
	}
	for i, c := range covered {
		if !c {
			return nil, info, &model.PosError{File: BeijingFile, Field: "sectors", Err: fmt.Errorf("%w: sector %s is in no value-added group", model.ErrInconsistent, nat.Sectors[i].Code)}
		}
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = va[i] * nat.X[i] / nat.VA[i]
		info.GDP += va[i]
		info.Output += x[i]
	}
	// 3–4: margins.
	a := func(i, j int) float64 { return nat.Z[i*n+j] / nat.X[j] }
	prior := make([]float64, n*n)
	u := make([]float64, n)
	v := make([]float64, n)
	sumDX := 0.0
	for i := 0; i < n; i++ {
		sales := 0.0
		for j := 0; j < n; j++ {
			prior[i*n+j] = a(i, j) * x[j]
			sales += nat.Z[i*n+j]
		}
		need := 0.0
		for j := 0; j < n; j++ {
			need += prior[i*n+j]
		}
		u[i] = math.Min(x[i]*sales/nat.X[i], need)
	}
	for j := 0; j < n; j++ {
		d := 0.0
		for i := 0; i < n; i++ {
			d += a(i, j)
		}
		v[j] = d * x[j]
		sumDX += v[j]
	}
	su := 0.0
	for _, w := range u {
		su += w
	}
	info.LocalInputShare = su / sumDX
	for j := range v {
		v[j] *= info.LocalInputShare
	}
	// 5: RAS.
	z, iters, err := RAS(prior, n, n, u, v, 1e-12, 0)
	if err != nil {
		return nil, info, fmt.Errorf("economy: Beijing proxy: %w", err)
	}
	info.RASIterations = iters
	t := &Table{
		Sectors:   append([]Sector(nil), nat.Sectors...),
		Z:         z,
		Final:     []string{"HH", "OTHER"},
		F:         make([]float64, n*2),
		X:         x,
		VA:        va,
		Imports:   make([]float64, n),
		Jobs:      make([]float64, n),
		Labour:    make([]float64, n),
		Household: 0,
		Unit:      nat.Unit,
		JobsUnit:  "persons",
		Proxy:     true,
		Source: "PROXY: Beijing 2020 table built by economy.BeijingProxy (RAS) from the national 2020 table (S128) " +
			"and Beijing value added by 11 groups (S32, S130, S131); employment scaled to legal-entity totals 2018 (S132)",
	}
	for i := 0; i < n; i++ {
		row, col := 0.0, 0.0
		for j := 0; j < n; j++ {
			row += z[i*n+j]
			col += z[j*n+i]
		}
		fd := x[i] - row
		natFD := nat.FinalTotal(i)
		hhShare := 0.0
		if natFD > 0 {
			hhShare = math.Max(0, math.Min(1, nat.F[i*k+hh]/natFD))
		}
		t.F[i*2] = fd * hhShare
		t.F[i*2+1] = fd * (1 - hhShare)
		t.Imports[i] = x[i] - va[i] - col
		t.Labour[i] = va[i] * nat.Labour[i] / nat.VA[i]
		t.Jobs[i] = nat.Jobs[i] / nat.X[i] * x[i]
	}
	// 6: employment totals.
	for _, r := range rows {
		if !strings.HasPrefix(r.quantity, "employment_") {
			continue
		}
		s := 0.0
		for _, i := range r.sectors {
			s += t.Jobs[i]
		}
		if s <= 0 {
			return nil, info, &model.PosError{File: BeijingFile, Line: r.line, Field: "sectors", Err: fmt.Errorf("%w: no proxy employment in these sectors", model.ErrInconsistent)}
		}
		for _, i := range r.sectors {
			t.Jobs[i] *= r.value / s
		}
	}
	for _, j := range t.Jobs {
		info.Jobs += j
	}
	if err := t.Validate(1e-6); err != nil {
		return nil, info, fmt.Errorf("economy: Beijing proxy is inconsistent: %w", err)
	}
	return t, info, nil
}

type beijingRow struct {
	quantity string
	sectors  []int
	value    float64
	line     int
}

func readBeijingFile(fsys fs.FS, nat *Table) ([]beijingRow, error) {
	f, err := fsys.Open(BeijingFile)
	if err != nil {
		return nil, fmt.Errorf("economy: Beijing proxy: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	hdr, err := cr.Read()
	if err != nil {
		return nil, &model.PosError{File: BeijingFile, Line: 1, Err: fmt.Errorf("%w: %v", model.ErrSyntax, err)}
	}
	if len(hdr) < 4 || hdr[0] != "quantity" || hdr[1] != "sectors" || hdr[3] != "value" {
		return nil, &model.PosError{File: BeijingFile, Line: 1, Field: "header", Err: fmt.Errorf("%w: want quantity,sectors,year,value,...", model.ErrSyntax)}
	}
	var out []beijingRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line := recordLine(cr, err)
		if err != nil {
			return nil, &model.PosError{File: BeijingFile, Line: line, Err: fmt.Errorf("%w: %v", model.ErrSyntax, err)}
		}
		v, err := strconv.ParseFloat(rec[3], 64)
		if err != nil || v < 0 {
			return nil, &model.PosError{File: BeijingFile, Line: line, Field: "value", Err: fmt.Errorf("%w: %q", model.ErrNotNumber, rec[3])}
		}
		secs, err := parseSectorList(rec[1], nat)
		if err != nil {
			return nil, &model.PosError{File: BeijingFile, Line: line, Field: "sectors", Err: err}
		}
		out = append(out, beijingRow{quantity: rec[0], sectors: secs, value: v, line: line})
	}
	return out, nil
}

// parseSectorList reads "02-26" or "34;37-42" (two-digit codes, ranges
// inclusive) into sector indices of t.
func parseSectorList(s string, t *Table) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ";") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		if !isRange {
			hi = lo
		}
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if err := errors.Join(err1, err2); err != nil || b < a {
			return nil, fmt.Errorf("%w: sector list %q", model.ErrSyntax, s)
		}
		for c := a; c <= b; c++ {
			code := fmt.Sprintf("%02d", c)
			i := t.Index(code)
			if i < 0 {
				return nil, fmt.Errorf("%w: sector %s", model.ErrUnknownElement, code)
			}
			out = append(out, i)
		}
	}
	return out, nil
}

// BeijingOptions loads the Beijing inputs from fsys (the files of
// dataset/beijing/economy): the RAS proxy table ([BeijingProxy]) as a
// [Model], the bridge and the household proxy, on top of [DefaultOptions].
func BeijingOptions(fsys fs.FS) (Options, ProxyInfo, error) {
	opt := DefaultOptions()
	tab, info, err := BeijingProxy(fsys)
	if err != nil {
		return opt, info, err
	}
	if opt.Model, err = NewModel(tab, 1e-6); err != nil {
		return opt, info, fmt.Errorf("economy: Beijing proxy: %w", err)
	}
	read := func(name string) ([]byte, error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("economy: %w", err)
		}
		return b, nil
	}
	b, err := read(BridgeFile)
	if err != nil {
		return opt, info, err
	}
	if opt.Bridge, err = ReadBridge(bytes.NewReader(b), BridgeFile); err != nil {
		return opt, info, err
	}
	h, err := read(HouseholdsFile)
	if err != nil {
		return opt, info, err
	}
	if opt.Households, err = ReadHouseholds(bytes.NewReader(h), HouseholdsFile); err != nil {
		return opt, info, err
	}
	return opt, info, nil
}
