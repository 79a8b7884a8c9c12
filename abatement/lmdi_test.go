package abatement

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLMDIHand checks each effect of a two-sector, two-fuel example computed
// by hand. Base: IND uses 40 COAL + 10 GAS for 100 units of activity, RES
// 10 COAL + 30 GAS for 100; COAL emits 0.1 and GAS 0.05 per unit. Final:
// IND 30 COAL + 30 GAS for 150; RES 0 COAL + 75 GAS for 250, its gas factor
// down to 0.04. So Q: 200 → 400; C_IND: 4 + 0.5 → 3 + 1.5; C_RES: 1 + 1.5 →
// 0 + 3.
//
// IND,COAL: L(3,4) = 1/ln(4/3) = 3.476059; ratios Q 2, S 0.375/0.5,
// I 0.4/0.5, M 0.5/0.8, U 1. IND,GAS: L(1.5,0.5) = 1/ln 3 = 0.910239;
// ratios Q 2, S 0.75, I 0.8, M 0.5/0.2, U 1. Activity = (3.476059 +
// 0.910239)·ln 2 = 3.040351; structure = 4.386298·ln 0.75 = −1.261860;
// intensity = 4.386298·ln 0.8 = −0.978774; mix = 3.476059·ln 0.625 +
// 0.910239·ln 2.5 = −0.799717; factor 0.
//
// RES,COAL vanishes (E_ij = 0 in the final year): its −1 goes to the mix
// effect. RES,GAS: L(3,1.5) = 1.5/ln 2 = 2.164043; ratios Q 2, S 1.25,
// I 0.3/0.4, M 1/0.75, U 0.8. Activity = 1.5; structure = 2.164043·ln 1.25
// = 0.482892; intensity = 2.164043·ln 0.75 = −0.622556; mix = −1 +
// 2.164043·ln(4/3) = −0.377444; factor = 2.164043·ln 0.8 = −0.482892.
func TestLMDIHand(t *testing.T) {
	sectors, fuels := []string{"IND", "RES"}, []string{"COAL", "GAS"}
	base := Period{
		Activity:  []float64{100, 100},
		Energy:    []float64{40, 10, 10, 30},
		Emissions: []float64{4, 0.5, 1, 1.5},
	}
	final := Period{
		Activity:  []float64{150, 250},
		Energy:    []float64{30, 30, 0, 75},
		Emissions: []float64{3, 1.5, 0, 3},
	}
	d, err := LMDI(sectors, fuels, base, final)
	if err != nil {
		t.Fatal(err)
	}
	want := [][NumEffects]float64{
		{3.040350593225, -1.261859507143, -0.978774274266, -0.799716811815, 0},
		{1.5, 0.482892142331, -0.622556248918, -0.377443751082, -0.482892142331},
	}
	for i, s := range sectors {
		for k := Effect(0); k < NumEffects; k++ {
			if got := d.Effects[i][k]; math.Abs(got-want[i][k]) > 1e-9 {
				t.Errorf("%s %v effect = %.12f, want %.12f", s, k, got, want[i][k])
			}
		}
	}
	if d.Change[0] != 0 || math.Abs(d.Change[1]-0.5) > 1e-15 || math.Abs(d.TotalChange-0.5) > 1e-15 {
		t.Errorf("changes %v, total %v; want [0 0.5], 0.5", d.Change, d.TotalChange)
	}
	for k := Effect(0); k < NumEffects; k++ {
		if w := want[0][k] + want[1][k]; math.Abs(d.Total[k]-w) > 1e-9 {
			t.Errorf("total %v effect = %.12f, want %.12f", k, d.Total[k], w)
		}
	}
}

// TestLMDIZeros: a cell that appears or vanishes gives its whole change to
// the first factor that is zero in the period where it is zero.
func TestLMDIZeros(t *testing.T) {
	// Two sectors A and B, two fuels X and Y.
	tests := []struct {
		name        string
		base, final Period
		sector      int
		want        Effect
	}{
		// A's fuel X is clean, so only the new (or abandoned) Y emits.
		{"new fuel", Period{[]float64{1, 1}, []float64{1, 0, 1, 0}, []float64{0, 0, 1, 0}},
			Period{[]float64{1, 1}, []float64{1, 1, 1, 0}, []float64{0, 2, 1, 0}}, 0, Mix},
		{"fuel abandoned", Period{[]float64{1, 1}, []float64{1, 1, 1, 0}, []float64{0, 2, 1, 0}},
			Period{[]float64{1, 1}, []float64{1, 0, 1, 0}, []float64{0, 0, 1, 0}}, 0, Mix},
		{"new sector", Period{[]float64{1, 0}, []float64{1, 0, 0, 0}, []float64{1, 0, 0, 0}},
			Period{[]float64{1, 1}, []float64{1, 0, 2, 0}, []float64{1, 0, 3, 0}}, 1, Structure},
		{"energy appears", Period{[]float64{1, 1}, []float64{1, 0, 0, 0}, []float64{1, 0, 0, 0}},
			Period{[]float64{1, 1}, []float64{1, 0, 2, 0}, []float64{1, 0, 3, 0}}, 1, Intensity},
		{"factor from zero", Period{[]float64{1, 1}, []float64{1, 0, 2, 0}, []float64{1, 0, 0, 0}},
			Period{[]float64{1, 1}, []float64{1, 0, 2, 0}, []float64{1, 0, 3, 0}}, 1, Factor},
		{"everything from zero", Period{[]float64{0, 0}, []float64{0, 0, 0, 0}, []float64{0, 0, 0, 0}},
			Period{[]float64{1, 1}, []float64{1, 0, 2, 0}, []float64{1, 0, 3, 0}}, 1, Activity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := LMDI([]string{"A", "B"}, []string{"X", "Y"}, tc.base, tc.final)
			if err != nil {
				t.Fatal(err)
			}
			for k := Effect(0); k < NumEffects; k++ {
				got := d.Effects[tc.sector][k]
				want := 0.0
				if k == tc.want {
					want = d.Change[tc.sector]
				}
				if math.Abs(got-want) > 1e-12 {
					t.Errorf("sector %s %v effect = %v, want %v", d.Sectors[tc.sector], k, got, want)
				}
			}
		})
	}
}

// TestLMDIProperty: on random data (with zeros), the effects of every
// sector sum to its change and the totals to the total change, to 1e-9
// relative.
func TestLMDIProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 500; trial++ {
		S, F := 1+rng.IntN(6), 1+rng.IntN(5)
		sectors, fuels := make([]string, S), make([]string, F)
		for i := range sectors {
			sectors[i] = string(rune('A' + i))
		}
		for j := range fuels {
			fuels[j] = string(rune('a' + j))
		}
		gen := func() Period {
			p := Period{Activity: make([]float64, S), Energy: make([]float64, S*F), Emissions: make([]float64, S*F)}
			for i := 0; i < S; i++ {
				if rng.Float64() < 0.1 {
					continue // an idle sector
				}
				p.Activity[i] = math.Exp(rng.NormFloat64() * 3)
				for j := 0; j < F; j++ {
					if rng.Float64() < 0.25 {
						continue // fuel not used
					}
					p.Energy[i*F+j] = math.Exp(rng.NormFloat64() * 2)
					if rng.Float64() < 0.8 { // else a clean fuel
						p.Emissions[i*F+j] = p.Energy[i*F+j] * math.Exp(rng.NormFloat64())
					}
				}
			}
			return p
		}
		base, final := gen(), gen()
		d, err := LMDI(sectors, fuels, base, final)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		scale := 0.0
		for i := range sectors {
			scale += d.Base[i] + d.Final[i]
			sum := 0.0
			for _, v := range d.Effects[i] {
				sum += v
			}
			if tol := 1e-9 * math.Max(math.Abs(d.Change[i]), d.Base[i]+d.Final[i]); math.Abs(sum-d.Change[i]) > tol {
				t.Errorf("trial %d sector %s: effects sum to %.15g, change %.15g", trial, sectors[i], sum, d.Change[i])
			}
		}
		sum := 0.0
		for _, v := range d.Total {
			sum += v
		}
		if direct := func() float64 {
			var c0, cT float64
			for k := range base.Emissions {
				c0 += base.Emissions[k]
				cT += final.Emissions[k]
			}
			return cT - c0
		}(); math.Abs(sum-direct) > 1e-9*math.Max(math.Abs(direct), scale) {
			t.Errorf("trial %d: effects sum to %.15g, total change %.15g", trial, sum, direct)
		}
	}
}

func TestLMDIErrors(t *testing.T) {
	ok := Period{[]float64{1}, []float64{1}, []float64{1}}
	tests := []struct {
		name        string
		base, final Period
		want        string
	}{
		{"short", Period{[]float64{1}, nil, []float64{1}}, ok, "base period: 1 activities, 0 energy"},
		{"negative energy", ok, Period{[]float64{1}, []float64{-1}, []float64{0}}, "final period: sector S, fuel F: energy -1"},
		{"NaN emissions", Period{[]float64{1}, []float64{1}, []float64{math.NaN()}}, ok, "sector S, fuel F: emissions NaN"},
		{"emissions without energy", ok, Period{[]float64{1}, []float64{0}, []float64{2}}, "emissions 2 without energy use"},
		{"energy without activity", Period{[]float64{0}, []float64{1}, []float64{1}}, ok, "sector S uses energy (1) but has no activity"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LMDI([]string{"S"}, []string{"F"}, tc.base, tc.final)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestLogMean(t *testing.T) {
	tests := []struct{ a, b, want float64 }{
		{2, 2, 2},
		{math.E, 1, math.E - 1},
		{1, math.E, math.E - 1},
		{1 + 1e-12, 1, 1 + 0.5e-12},
	}
	for _, tc := range tests {
		if got := LogMean(tc.a, tc.b); math.Abs(got-tc.want) > 1e-14*tc.want {
			t.Errorf("LogMean(%v, %v) = %.17g, want %.17g", tc.a, tc.b, got, tc.want)
		}
	}
}
