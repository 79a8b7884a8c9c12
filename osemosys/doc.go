// Package osemosys generates the linear programme of an OSeMOSYS model: the
// formulation of the reference implementation (osemosys.txt of
// OSeMOSYS/OSeMOSYS_GNU_MathProg at 95202686, spelled out in the reference
// kit's FORMULATION.md), as an [lp.Problem] whose optimal objective equals
// the reference's total discounted cost.
//
// # Overview
//
// [Build] reads a [model.Model] once into dense parameter views and writes
// the constraint matrix row by row into an [lp.Builder], which converts it
// to compressed sparse columns by counting, prefix sums and filling. No
// string is built during generation: [LP.ColName] and [LP.RowName] produce
// the reference's names (e.g. "EBa11_EnergyBalanceEachTS5[UTOPIA,ID,ELC,1990]")
// only when an MPS file or an error message asks for them.
//
// # Substitution
//
// osemosys.txt declares an accounting variable for almost every quantity
// (production by technology and mode, use, annual sums, each cost term) and
// ties it to the others by equality rows: UTOPIA becomes 119,273 rows ×
// 147,171 columns. The only decisions are RateOfActivity, NewCapacity,
// trade and the storage variables; everything else is a linear function of
// them. This package keeps the decision columns, keeps TotalCapacityAnnual
// as a column (it carries the capacity limits as bounds and keeps the
// capacity rows short), keeps the storage blocks nearly as written (they
// are small), and substitutes the rest:
//
//   - EBa1–EBa9, Acc1–Acc2 and EBb1–EBb3 fold into one balance row per fuel
//     and timeslice (EBa11) and, where AccumulatedAnnualDemand is positive,
//     one per fuel and year (EBb4; otherwise it is implied by the sum of the
//     EBa11 rows).
//   - The cost rows CC1–CC2, SV1–SV4, OC1–OC4, E1–E5, TDC1–TDC2, SI4–SI10
//     become objective coefficients: NewCapacity carries
//     CapitalCost·CRF·PvA·(1/DF − salvage share/(1+r)^(YN−Y0+1)),
//     TotalCapacityAnnual carries FixedCost/DFM and RateOfActivity carries
//     YearSplit·(VariableCost + Σ_e EmissionActivityRatio·EmissionsPenalty)/DFM.
//   - RM1–RM3, RE1–RE5, AAC1–AAC3, TAC1–TAC3 and E6–E9 become one row each
//     per index of the limit, only where the limit is active.
//
// # Keeping the reference's sign restrictions
//
// Every substituted variable of osemosys.txt is non-negative, and some of
// these bounds bind (FORMULATION.md §3). They are kept explicitly:
// a negative InputActivityRatio, OutputActivityRatio or
// EmissionActivityRatio, or an emission with a negative EmissionsPenalty,
// fixes the affected RateOfActivity to zero; a negative CapitalCost fixes
// NewCapacity to zero, a negative FixedCost fixes TotalCapacityAnnual to
// zero, a negative CapitalCostStorage fixes NewStorageCapacity to zero; a
// negative VariableCost adds the row "annual variable cost ≥ 0" (OC1). The
// reference's filters are reproduced too: where a fuel's output ratios sum
// to zero its production is free and its balances vanish; where a
// technology's variable costs over modes sum to zero the reference counts
// none of them; EBa5/EBa6 use the same sum-over-modes filters. Modes whose
// activity can only cost money (no ratio, no storage link, no negative cost,
// no lower activity limit) get no column, since the optimum leaves them at
// zero. The remaining non-negativity bounds (operating cost, discounted
// cost by technology, storage cost, emissions) are implied by the ones
// kept, because salvage is always less than the investment it comes from.
//
// # Early retirement (a Blueprint extension)
//
// Two optional parameters switch it on per technology:
// EarlyRetirementAllowed[r,t] (0 or 1, default 0) and RetirementCost[r,t,y]
// (money per unit of capacity retired in year y, default 0, >= 0). Where
// EarlyRetirementAllowed is 0 — every technology of an OSeMOSYS model —
// nothing above changes: the LP is the same bit for bit, whatever
// RetirementCost says. Where it is 1, capacity may leave service before
// its operational life ends; from the year it is retired it no longer
// counts in TotalCapacityAnnual (so it pays no fixed cost and serves no
// activity, reserve margin or capacity limit) and it cannot come back.
// Survival is tracked per vintage, for these technologies only:
//
//   - SurvivingResidualCapacity[r,t,y], 0 <= S[y] <= ResidualCapacity[y],
//     only where ResidualCapacity > 0. The residual capacity is one vintage
//     class following its exogenous profile: retirement can pull its
//     natural decline forward but never exceed what still exists, and
//     RET1 keeps it from coming back: S[y] - S[y-1] <= max(0, Res[y] -
//     Res[y-1]) (it grows only by the profile's own additions).
//   - SurvivingNewCapacity[r,t,v,y] (W), for each vintage v (the
//     NewCapacity of model year v) and each later model year y within its
//     operational life (y - v < OperationalLife), not for vintages whose
//     NewCapacity is fixed at 0 nor for the last year's. RET3: W[v,y] <=
//     W[v,y-1], with W[v,v] = NewCapacity[v].
//   - CAa1 becomes TotalCapacityAnnual[y] = S[y] + NewCapacity[y] +
//     sum over earlier live vintages of W[v,y] (right-hand side 0).
//   - Capacity retired in year y: of vintage v, W[v,y-1] - W[v,y]; of the
//     residual capacity, the growth of the gap G[y] = Res[y] - S[y]:
//     max(0, G[y] - G[y-1]) with G before the first year 0 (a unit that
//     the profile drops anyway is not a retirement). With a non-increasing
//     profile, any non-increasing path S <= Res is realisable by retiring
//     units, and this is the least retirement that yields it: choose the
//     units in service backwards from the last year, adding each year the
//     units the profile drops next before any that would live on.
//   - RetirementCost is paid on retired capacity, discounted like capital
//     (1/DF[y]): on vintages through the W columns (+RC[y]/DF[y] on
//     W[v,y-1], -RC[y]/DF[y] on W[v,y]); on residual capacity through
//     RetiredResidualCapacity[r,t,y] >= G[y] - G[y-1] (RET2), a column
//     only in years with a positive RetirementCost.
//   - Salvage: a vintage earns salvage only on the capacity that survives
//     to the last year: the salvage term CI·share/(1+r)^(YN-Y0+1) moves
//     from NewCapacity[v] to W[v,YN] (same share, same discounting), so
//     capacity retired early loses the matching salvage value.
//
// The result tables gain RetiredCapacity[r,t,y] (Power, residual and
// vintages), StrandedCost[r,t,y] (Money, undiscounted, in year y) and
// DiscountedStrandedCost = StrandedCost/DF[y]. StrandedCost is the
// undepreciated capital value of what was retired in y, with the salvage
// value's depreciation (DepreciationMethod 1: sinking fund at
// DiscountRate, 2 or rate 0: straight line, other values: 0) and the
// CRF·PvA-scaled investment CI = CapitalCost·CRF·PvA per unit:
//
//	vintage v:  StrandedCost += q · CI[v] · share(u = y − v)
//	residual:   StrandedCost += q · CI[y] · share(u = OL − n)
//	share(u) = 1 − ((1+r)^u − 1)/((1+r)^OL − 1)   (sinking fund)
//	share(u) = 1 − u/OL                           (straight line)
//
// where q is the capacity retired, OL the OperationalLife and u the years
// used — exactly the salvage share of an investment seen at the end of
// year y−1 instead of YN. Residual capacity has no capital cost history,
// so it is valued at the replacement cost of the retirement year,
// CapitalCost[r,t,y]·CRF·PvA (an assumption), with n its remaining life
// read from the profile: the area under ResidualCapacity from y to the
// end of the horizon divided by ResidualCapacity[y], at most OL (capacity
// still in the profile in the last year counts as ending with the horizon,
// so n errs low and the residual StrandedCost with it).
// StrandedCost is reported, not charged: the capital is sunk; the
// objective sees only the lost salvage, the saved fixed costs and
// RetirementCost (which TotalDiscountedCost includes in the year paid).
//
// The result is an LP with the reference's optimum — checked against the
// reference objectives of every public test model in this package's tests —
// with UTOPIA at a few thousand rows.
package osemosys
