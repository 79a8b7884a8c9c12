package osemosys

import "math"

// storage adds the storage blocks as the reference writes them (S1-S15,
// SC1-SC6, SI1-SI10), with the storage cost accounting (SI4-SI10)
// substituted into the objective coefficient of NewStorageCapacity.
// Storage is small in every model (a handful of storages), so the
// reference's structure is kept nearly row for row.
func (g *gen) storage() {
	d := g.d
	R, T, M, L, Y, S := d.n[setR], d.n[setT], d.n[setM], d.n[setL], d.n[setY], d.n[setS]
	LS, LD, LH := d.n[setLS], d.n[setLD], d.n[setLH]
	p := d.p
	ys, ds := p["YearSplit"], p["DaySplit"]
	cls, cld, clh := p["Conversionls"], p["Conversionld"], p["Conversionlh"]
	did := p["DaysInDayType"]
	tts, tfs := p["TechnologyToStorage"], p["TechnologyFromStorage"]
	sls := p["StorageLevelStart"]
	maxC, maxD := p["StorageMaxChargeRate"], p["StorageMaxDischargeRate"]
	minCh := p["MinStorageCharge"]
	ols := p["OperationalLifeStorage"]
	ccs := p["CapitalCostStorage"]
	res := p["ResidualStorageCapacity"]
	drs := p["DiscountRateStorage"]
	dm := p["DepreciationMethod"]

	g.sto = make(map[int][]int32)
	// block allocates a dense column block of family fam over its sets.
	block := func(fam int, lo, hi float64) []int32 {
		f := colFams[fam]
		n := 1
		for _, s := range f.sets {
			n *= d.n[s]
		}
		out := make([]int32, n)
		idx := make([]int, len(f.sets))
		for k := 0; k < n; k++ {
			rem := k
			for i := len(f.sets) - 1; i >= 0; i-- {
				idx[i] = rem % d.n[f.sets[i]]
				rem /= d.n[f.sets[i]]
			}
			out[k] = g.addCol(fam, lo, hi, 0, idx...)
		}
		g.sto[fam] = out
		return out
	}
	// index helpers
	ix6 := func(r, s, ls, ld, lh, y int) int { return ((((r*S+s)*LS+ls)*LD+ld)*LH+lh)*Y + y }
	ix3 := func(r, s, y int) int { return (r*S+s)*Y + y }
	ix4 := func(r, s, ls, y int) int { return ((r*S+s)*LS+ls)*Y + y }
	ix5 := func(r, s, ls, ld, y int) int { return (((r*S+s)*LS+ls)*LD+ld)*Y + y }

	rsc := block(cRateOfStorageCharge, -inf, inf)
	rsd := block(cRateOfStorageDischarge, -inf, inf)
	ncy := block(cNetChargeWithinYear, -inf, inf)
	ncd := block(cNetChargeWithinDay, -inf, inf)
	slys := block(cStorageLevelYearStart, 0, inf)
	slyf := block(cStorageLevelYearFinish, 0, inf)
	slss := block(cStorageLevelSeasonStart, 0, inf)
	slds := block(cStorageLevelDayTypeStart, 0, inf)
	sldf := block(cStorageLevelDayTypeFinish, 0, inf)
	sll := block(cStorageLowerLimit, 0, inf)
	slu := block(cStorageUpperLimit, 0, inf)
	ansc := block(cAccumulatedNewStorageCapacity, 0, inf)
	nsc := block(cNewStorageCapacity, 0, inf)

	conv := func(l, ls, ld, lh int) float64 {
		return cls.at2(l, ls) * cld.at2(l, ld) * clh.at2(l, lh)
	}
	for r := 0; r < R; r++ {
		for s := 0; s < S; s++ {
			rate := drs.at2(r, s)
			life := ols.at2(r, s)
			salvDisc := math.Pow(1+rate, d.yn-d.y0+1)
			for y := 0; y < Y; y++ {
				// SC5/SC6 as bounds on the (free) rates.
				for ls := 0; ls < LS; ls++ {
					for ld := 0; ld < LD; ld++ {
						for lh := 0; lh < LH; lh++ {
							k := ix6(r, s, ls, ld, lh, y)
							g.b.SetBounds(rsc[k], -inf, maxC.at2(r, s))
							g.b.SetBounds(rsd[k], -inf, maxD.at2(r, s))
							// S1/S2
							for _, c := range []struct {
								fam  int
								link view
								col  int32
							}{{rS1, tts, rsc[k]}, {rS2, tfs, rsd[k]}} {
								g.startRow(c.fam, 0, 0, r, s, ls, ld, lh, y)
								for t := 0; t < T; t++ {
									for m := 0; m < M; m++ {
										w := c.link.at4(r, t, s, m)
										if !(w > 0) {
											continue
										}
										for l := 0; l < L; l++ {
											cv := conv(l, ls, ld, lh)
											if cv == 0 {
												continue
											}
											if j := g.roa[g.roaIdx(r, l, t, m, y)]; j >= 0 {
												g.b.Add(j, w*cv)
											}
										}
									}
								}
								g.b.Add(c.col, -1)
							}
							// S3: NetChargeWithinYear
							wy := 0.0
							for l := 0; l < L; l++ {
								if cls.at2(l, ls) > 0 && cld.at2(l, ld) > 0 && clh.at2(l, lh) > 0 {
									wy += ys.at2(l, y) * conv(l, ls, ld, lh)
								}
							}
							g.startRow(rS3, 0, 0, r, s, ls, ld, lh, y)
							g.b.Add(rsc[k], wy)
							g.b.Add(rsd[k], -wy)
							g.b.Add(ncy[k], -1)
							// S4: NetChargeWithinDay
							wd := ds.at2(lh, y)
							g.startRow(rS4, 0, 0, r, s, ls, ld, lh, y)
							g.b.Add(rsc[k], wd)
							g.b.Add(rsd[k], -wd)
							g.b.Add(ncd[k], -1)
						}
					}
				}
				// S5/S6: level at the start of each year.
				if y == 0 {
					v := sls.at2(r, s)
					g.b.SetBounds(slys[ix3(r, s, y)], v, v)
				} else {
					g.startRow(rS5S6, 0, 0, r, s, y)
					g.b.Add(slys[ix3(r, s, y-1)], 1)
					for ls := 0; ls < LS; ls++ {
						for ld := 0; ld < LD; ld++ {
							for lh := 0; lh < LH; lh++ {
								g.b.Add(ncy[ix6(r, s, ls, ld, lh, y-1)], 1)
							}
						}
					}
					g.b.Add(slys[ix3(r, s, y)], -1)
				}
				// S7/S8: level at the end of each year.
				g.startRow(rS7S8, 0, 0, r, s, y)
				if y < Y-1 {
					g.b.Add(slys[ix3(r, s, y+1)], 1)
				} else {
					g.b.Add(slys[ix3(r, s, y)], 1)
					for ls := 0; ls < LS; ls++ {
						for ld := 0; ld < LD; ld++ {
							for lh := 0; lh < LH; lh++ {
								g.b.Add(ncy[ix6(r, s, ls, ld, lh, y)], 1)
							}
						}
					}
				}
				g.b.Add(slyf[ix3(r, s, y)], -1)
				// S9/S10: level at the start of each season.
				for ls := 0; ls < LS; ls++ {
					g.startRow(rS9S10, 0, 0, r, s, ls, y)
					if ls == 0 {
						g.b.Add(slys[ix3(r, s, y)], 1)
					} else {
						g.b.Add(slss[ix4(r, s, ls-1, y)], 1)
						for ld := 0; ld < LD; ld++ {
							for lh := 0; lh < LH; lh++ {
								g.b.Add(ncy[ix6(r, s, ls-1, ld, lh, y)], 1)
							}
						}
					}
					g.b.Add(slss[ix4(r, s, ls, y)], -1)
				}
				for ls := 0; ls < LS; ls++ {
					for ld := 0; ld < LD; ld++ {
						// S11/S12: level at the start of each day type.
						g.startRow(rS11S12, 0, 0, r, s, ls, ld, y)
						if ld == 0 {
							g.b.Add(slss[ix4(r, s, ls, y)], 1)
						} else {
							g.b.Add(slds[ix5(r, s, ls, ld-1, y)], 1)
							w := did.at3(ls, ld-1, y)
							for lh := 0; lh < LH; lh++ {
								g.b.Add(ncd[ix6(r, s, ls, ld-1, lh, y)], w)
							}
						}
						g.b.Add(slds[ix5(r, s, ls, ld, y)], -1)
						// S13-S15: level at the end of each day type.
						g.startRow(rS13S15, 0, 0, r, s, ls, ld, y)
						switch {
						case ls == LS-1 && ld == LD-1:
							g.b.Add(slyf[ix3(r, s, y)], 1)
						case ld == LD-1:
							g.b.Add(slss[ix4(r, s, ls+1, y)], 1)
						default:
							g.b.Add(sldf[ix5(r, s, ls, ld+1, y)], 1)
							w := did.at3(ls, ld+1, y)
							for lh := 0; lh < LH; lh++ {
								g.b.Add(ncd[ix6(r, s, ls, ld+1, lh, y)], -w)
							}
						}
						g.b.Add(sldf[ix5(r, s, ls, ld, y)], -1)
						// SC1-SC4: bracket levels within [lower, upper] limit.
						for lh := 0; lh < LH; lh++ {
							type part struct {
								level int32
								ld    int
								sign  float64
								below bool // sum over brackets lhh < lh (else lhh > lh)
							}
							parts := []struct {
								lo, hi int
								p      part
								skip   bool
							}{
								{rSC1L, rSC1U, part{slds[ix5(r, s, ls, ld, y)], ld, 1, true}, false},
								{rSC2L, rSC2U, part{slds[ix5(r, s, ls, ld, y)], ld - 1, -1, false}, ld == 0},
								{rSC3L, rSC3U, part{sldf[ix5(r, s, ls, ld, y)], ld, -1, false}, false},
								{rSC4L, rSC4U, part{0, ld, 1, true}, ld == 0},
							}
							if ld > 0 {
								parts[3].p.level = sldf[ix5(r, s, ls, ld-1, y)]
							}
							for _, pr := range parts {
								if pr.skip { // the reference's empty "0 <= 0" rows
									continue
								}
								for _, lim := range []struct {
									fam    int
									bound  int32
									lo, hi float64
								}{{pr.lo, sll[ix3(r, s, y)], 0, inf}, {pr.hi, slu[ix3(r, s, y)], -inf, 0}} {
									g.startRow(lim.fam, lim.lo, lim.hi, r, s, ls, ld, lh, y)
									g.b.Add(pr.p.level, 1)
									for lhh := 0; lhh < LH; lhh++ {
										if (pr.p.below && lhh < lh) || (!pr.p.below && lhh > lh) {
											g.b.Add(ncd[ix6(r, s, ls, pr.p.ld, lhh, y)], pr.p.sign)
										}
									}
									g.b.Add(lim.bound, -1)
								}
							}
						}
					}
				}
				// SI1: upper limit = accumulated new + residual storage capacity.
				rv := res.at3(r, s, y)
				g.startRow(rSI1, rv, rv, r, s, y)
				g.b.Add(slu[ix3(r, s, y)], 1)
				g.b.Add(ansc[ix3(r, s, y)], -1)
				// SI2: lower limit = MinStorageCharge * upper limit.
				g.startRow(rSI2, 0, 0, r, s, y)
				g.b.Add(slu[ix3(r, s, y)], minCh.at3(r, s, y))
				g.b.Add(sll[ix3(r, s, y)], -1)
				// SI3: accumulated new storage capacity.
				g.startRow(rSI3, 0, 0, r, s, y)
				for yy := 0; yy <= y; yy++ {
					if age := d.year[y] - d.year[yy]; age >= 0 && age < life {
						g.b.Add(nsc[ix3(r, s, yy)], 1)
					}
				}
				g.b.Add(ansc[ix3(r, s, y)], -1)
				// SI4-SI10 in the objective; CapitalInvestmentStorage >= 0
				// forces NewStorageCapacity to 0 under a negative cost.
				c := ccs.at3(r, s, y)
				share := salvageShare(dm.at1(r), rate, life, d.year[y], d.yn)
				dfs := math.Pow(1+rate, d.year[y]-d.y0)
				j := nsc[ix3(r, s, y)]
				g.b.SetObj(j, c/dfs-c*share/salvDisc)
				if c < 0 {
					g.b.SetBounds(j, 0, 0)
				}
			}
		}
	}
}
