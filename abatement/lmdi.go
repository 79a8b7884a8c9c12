package abatement

import (
	"fmt"
	"math"
)

// Effect names one factor of the LMDI decomposition (an index into
// [Decomposition] effect arrays).
type Effect int8

// The five effects of the decomposition C = Σ_ij Q·S_i·I_i·M_ij·U_ij.
const (
	// Activity: total activity Q = Σ_i Q_i.
	Activity Effect = iota
	// Structure: sector shares of activity S_i = Q_i/Q.
	Structure
	// Intensity: energy intensity of each sector I_i = E_i/Q_i.
	Intensity
	// Mix: fuel shares of each sector's energy use M_ij = E_ij/E_i.
	Mix
	// Factor: emission factors U_ij = C_ij/E_ij.
	Factor
	// NumEffects is the number of effects.
	NumEffects
)

var effectNames = [...]string{"activity", "structure", "intensity", "mix", "emission_factor"}

// String returns "activity", "structure", "intensity", "mix" or
// "emission_factor".
func (e Effect) String() string {
	if e >= 0 && int(e) < len(effectNames) {
		return effectNames[e]
	}
	return fmt.Sprintf("Effect(%d)", int(e))
}

// Period is one year's data for [LMDI]. With S sectors and F fuels,
// Activity has S entries and Energy and Emissions have S·F entries in
// sector-major order (entry i·F+j is sector i, fuel j). Values must be
// non-negative; units are the caller's (for example PJ of service, PJ of
// energy, Mt CO2), the same in both periods.
type Period struct {
	// Activity holds each sector's activity Q_i.
	Activity []float64
	// Energy holds each sector's use of each fuel E_ij.
	Energy []float64
	// Emissions holds the emissions C_ij attributed to sector i's use of
	// fuel j.
	Emissions []float64
}

// Decomposition is the result of [LMDI]: the change in emissions between
// two periods split into the five effects, by sector. The effects of each
// sector sum to its change, and the totals to the total change.
type Decomposition struct {
	// Sectors names the sectors (the slice passed to LMDI).
	Sectors []string
	// Base and Final hold each sector's emissions Σ_j C_ij in the two
	// periods; Change holds Final − Base.
	Base, Final, Change []float64
	// Effects holds each sector's effects, indexed by [Effect].
	Effects [][NumEffects]float64
	// Total holds the effects summed over sectors; TotalChange is the
	// change in total emissions.
	Total       [NumEffects]float64
	TotalChange float64
}

// LogMean returns the logarithmic mean L(a,b) = (a−b)/(ln a − ln b) of two
// positive numbers, with L(a,a) = a. It is computed as
// (a−b)/log1p((a−b)/b), which stays accurate when a and b are close.
func LogMean(a, b float64) float64 {
	d := a - b
	if d == 0 {
		return a
	}
	return d / math.Log1p(d/b)
}

// LMDI decomposes the change in emissions from base to final with the
// additive logarithmic mean Divisia index method, LMDI-I (Ang, "Decomposition
// analysis for policymaking in energy", Energy Policy 32, 2004; Ang, "The
// LMDI approach to decomposition analysis: a practical guide", Energy Policy
// 33, 2005). Emissions are written as
//
//	C = Σ_ij C_ij = Σ_ij Q · S_i · I_i · M_ij · U_ij
//
// with Q = Σ_i Q_i the total activity, S_i = Q_i/Q the activity structure,
// I_i = E_i/Q_i the energy intensity (E_i = Σ_j E_ij), M_ij = E_ij/E_i the
// fuel mix and U_ij = C_ij/E_ij the emission factor. The effect of factor X
// is
//
//	ΔC_X = Σ_ij L(C^T_ij, C^0_ij) · ln(X^T/X^0)
//
// and the five effects sum to C^T − C^0 exactly (up to rounding), in total
// and for each sector.
//
// # Zero values
//
// Cells that are zero in one period are handled as Ang and Liu prescribe
// ("Handling zero values in the LMDI decomposition approach", Energy Policy
// 35, 2007): replace the zero by a small δ and take the limit δ → 0. The
// limit has a closed form, used here: a cell zero in both periods
// contributes nothing; a cell that appears or vanishes (C_ij zero in one
// period only) gives its whole change C^T_ij − C^0_ij to the first factor of
// the chain Q, S_i, I_i, M_ij, U_ij that is zero in that period (for
// example a fuel the sector stops using gives it to the fuel-mix effect, a
// new sector to the structure effect), because L(C, δ) → 0 while the
// logarithm of that factor's ratio grows as ln(1/δ); factors left undefined
// (0/0) in that period take the other period's value.
//
// # Errors
//
// LMDI returns an error naming the period, sector and fuel for a negative or
// non-finite value, for emissions without energy use (C_ij > 0 with
// E_ij = 0) and for energy use without activity (E_i > 0 with Q_i = 0), and
// for slices of the wrong length.
func LMDI(sectors, fuels []string, base, final Period) (*Decomposition, error) {
	S, F := len(sectors), len(fuels)
	for k, p := range [2]*Period{&base, &final} {
		name := [2]string{"base", "final"}[k]
		if len(p.Activity) != S || len(p.Energy) != S*F || len(p.Emissions) != S*F {
			return nil, fmt.Errorf("lmdi: %s period: %d activities, %d energy and %d emission values for %d sectors × %d fuels",
				name, len(p.Activity), len(p.Energy), len(p.Emissions), S, F)
		}
		for i := 0; i < S; i++ {
			if q := p.Activity[i]; !(q >= 0) || math.IsInf(q, 0) {
				return nil, fmt.Errorf("lmdi: %s period: sector %s: activity %v is not a non-negative number", name, sectors[i], q)
			}
			ei := 0.0
			for j := 0; j < F; j++ {
				e, c := p.Energy[i*F+j], p.Emissions[i*F+j]
				if !(e >= 0) || math.IsInf(e, 0) {
					return nil, fmt.Errorf("lmdi: %s period: sector %s, fuel %s: energy %v is not a non-negative number", name, sectors[i], fuels[j], e)
				}
				if !(c >= 0) || math.IsInf(c, 0) {
					return nil, fmt.Errorf("lmdi: %s period: sector %s, fuel %s: emissions %v are not a non-negative number", name, sectors[i], fuels[j], c)
				}
				if c > 0 && e == 0 {
					return nil, fmt.Errorf("lmdi: %s period: sector %s, fuel %s: emissions %v without energy use", name, sectors[i], fuels[j], c)
				}
				ei += e
			}
			if ei > 0 && p.Activity[i] == 0 {
				return nil, fmt.Errorf("lmdi: %s period: sector %s uses energy (%v) but has no activity", name, sectors[i], ei)
			}
		}
	}

	d := &Decomposition{Sectors: sectors, Base: make([]float64, S), Final: make([]float64, S),
		Change: make([]float64, S), Effects: make([][NumEffects]float64, S)}
	var q [2]float64
	for k, p := range [2]*Period{&base, &final} {
		for _, v := range p.Activity {
			q[k] += v
		}
	}
	for i := 0; i < S; i++ {
		var qi, ei [2]float64
		for k, p := range [2]*Period{&base, &final} {
			qi[k] = p.Activity[i]
			for j := 0; j < F; j++ {
				ei[k] += p.Energy[i*F+j]
			}
		}
		for j := 0; j < F; j++ {
			c0, cT := base.Emissions[i*F+j], final.Emissions[i*F+j]
			d.Base[i] += c0
			d.Final[i] += cT
			if c0 == 0 && cT == 0 {
				continue
			}
			e0, eT := base.Energy[i*F+j], final.Energy[i*F+j]
			eff := &d.Effects[i]
			if c0 > 0 && cT > 0 {
				w := LogMean(cT, c0)
				eff[Activity] += w * math.Log(q[1]/q[0])
				eff[Structure] += w * math.Log((qi[1]/q[1])/(qi[0]/q[0]))
				eff[Intensity] += w * math.Log((ei[1]/qi[1])/(ei[0]/qi[0]))
				eff[Mix] += w * math.Log((eT/ei[1])/(e0/ei[0]))
				eff[Factor] += w * math.Log((cT/eT)/(c0/e0))
				continue
			}
			// The limit δ → 0: the first factor that is zero in the
			// period where the cell is zero takes the whole change.
			z := 0
			if cT == 0 {
				z = 1
			}
			var k Effect
			switch {
			case q[z] == 0:
				k = Activity
			case qi[z] == 0:
				k = Structure
			case ei[z] == 0:
				k = Intensity
			case [2]float64{e0, eT}[z] == 0:
				k = Mix
			default:
				k = Factor
			}
			eff[k] += cT - c0
		}
		d.Change[i] = d.Final[i] - d.Base[i]
		d.TotalChange += d.Change[i]
		for k := range d.Total {
			d.Total[k] += d.Effects[i][k]
		}
	}
	return d, nil
}
