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
// The result is an LP with the reference's optimum — checked against the
// reference objectives of every public test model in this package's tests —
// with UTOPIA at a few thousand rows.
package osemosys
