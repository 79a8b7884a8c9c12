package economy

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"blueprint/results"
)

// syntheticRuns builds two runs of 31 years with nt technologies in a
// supply chain (import → conversion → end use) for the benchmark.
func syntheticRuns(nt int, seed uint64) (run, ref *results.Results) {
	mk := func(s uint64) *results.Results {
		rng := rand.New(rand.NewPCG(s, 3))
		tb := func(name string, idx ...string) *results.Table {
			return &results.Table{Name: name, Indices: idx, Unit: "MCNY"}
		}
		ci := tb("CapitalInvestment", "REGION", "TECHNOLOGY", "YEAR")
		fc := tb("AnnualFixedOperatingCost", "REGION", "TECHNOLOGY", "YEAR")
		vc := tb("AnnualVariableOperatingCost", "REGION", "TECHNOLOGY", "YEAR")
		pr := tb("ProductionByTechnologyAnnual", "REGION", "TECHNOLOGY", "FUEL", "YEAR")
		us := tb("UseByTechnologyAnnual", "REGION", "TECHNOLOGY", "FUEL", "YEAR")
		for y := 2020; y <= 2050; y++ {
			ys := strconv.Itoa(y)
			for t := 0; t < nt; t++ {
				name := fmt.Sprintf("T%03d", t)
				ci.Append(100*rng.Float64(), "BEIJING", name, ys)
				fc.Append(10*rng.Float64(), "BEIJING", name, ys)
				vc.Append(5*rng.Float64(), "BEIJING", name, ys)
				// Imports of NGAS and GSL; NGAS → ELCD and HTD; ELCD → DEM.
				stage := t % 5
				out := []string{"NGAS", "GSL", "ELCD", "HTD", "DEM"}[stage]
				pr.Append(50+50*rng.Float64(), "BEIJING", name, out, ys)
				if in := []string{"", "", "NGAS", "NGAS", "ELCD"}[stage]; in != "" {
					us.Append(60+60*rng.Float64(), "BEIJING", name, in, ys)
				}
			}
		}
		return &results.Results{Model: "synthetic", Tables: []*results.Table{ci, fc, vc, pr, us}}
	}
	return mk(seed), mk(seed + 1)
}

// BenchmarkImpacts: 31 years × 42 sectors (Beijing proxy), 150
// technologies, with and without the household burden.
func BenchmarkImpacts(b *testing.B) {
	tab, _, err := BeijingProxy(os.DirFS(beijingDir))
	if err != nil {
		b.Fatal(err)
	}
	m, err := NewModel(tab, 1e-6)
	if err != nil {
		b.Fatal(err)
	}
	br, err := ReadBridgeFile(beijingDir + "/" + BridgeFile)
	if err != nil {
		b.Fatal(err)
	}
	hh, err := ReadHouseholdsFile(beijingDir + "/" + HouseholdsFile)
	if err != nil {
		b.Fatal(err)
	}
	run, ref := syntheticRuns(150, 1)
	for _, tc := range []struct {
		name string
		h    *Households
	}{{"io", nil}, {"io+burden", hh}} {
		b.Run(tc.name, func(b *testing.B) {
			opt := DefaultOptions()
			opt.Model, opt.Bridge, opt.Households = m, br, tc.h
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Impacts(run, ref, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBeijingProxy: build the 42-sector RAS proxy from the files.
func BenchmarkBeijingProxy(b *testing.B) {
	fsys := os.DirFS(beijingDir)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := BeijingProxy(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewModel: validation, spectral radius and LU of the proxy.
func BenchmarkNewModel(b *testing.B) {
	tab, _, err := BeijingProxy(os.DirFS(beijingDir))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewModel(tab, 1e-6); err != nil {
			b.Fatal(err)
		}
	}
}
