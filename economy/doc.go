// Package economy turns an optimised energy pathway into economic and social
// repercussions: output, value added and jobs by input–output sector and
// year, and the household energy burden by income group.
//
// # Input–output model
//
// A [Table] holds intermediate flows Z, final demand, output x, value added,
// imported inputs, employment and (for Type II) household income and
// consumption. [NewModel] validates it (rows and columns balance, nothing
// negative, spectral radius of A below 1; errors name the sector), computes
// the technical coefficients A = Z x̂⁻¹ and factorises I − A once. [Model.Effects]
// solves Δx = L ΔF for all years at once; Δva = v̂ Δx and Δjobs = ê Δx.
// [Model.Multipliers] gives simple, Type I and Type II multipliers;
// [Model.CostPush] the Leontief price model with exogenous (energy) prices.
// [RAS] balances a matrix to given margins; [BeijingProxy] uses it to build
// the labelled Beijing PROXY table from the national 2020 table.
//
// # Bridge and impacts
//
// A [Bridge] (file: COMPONENT,SELECT,IO_SECTOR,SHARE,IMPORT_SHARE,PRICE)
// sends each technology's change in CapitalInvestment,
// AnnualFixedOperatingCost, AnnualVariableOperatingCost (and priced fuel
// use) between a run and a reference run to IO sectors, keeping the part
// bought outside the region as leakage. [Impacts] returns the result tables
// as [results.Table] (REGION, SECTOR, YEAR), ready for CSV and IAMC
// ([WriteIAMC]).
//
// # Household burden
//
// [Households] gives income groups, energy use by carrier, tariffs and the
// model fuel behind each carrier. [Impacts] solves every fuel's delivered
// cost per unit in both runs (annualised capital, fixed, variable and carbon
// costs carried along the energy chain), passes the change to tariffs with
// [Options.PassThrough] and [Options.CarbonPassThrough], and reports burden
// = energy spending / income, the indirect burden through the cost-push
// price model, and the share of the population above [Options.Threshold].
//
// # Proxy label
//
// Every table computed from proxy data (Table.Proxy, Bridge.Proxy,
// Households.Proxy) has [ProxyLabel] in its unit, and [Result.Proxy] /
// [Result.BurdenProxy] say so; jobs figures from the Beijing proxy are never
// shown without it.
package economy
