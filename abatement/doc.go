// Package abatement answers "which emissions can be cut, how, and at what
// cost" from solved models.
//
// # Marginal abatement cost curves
//
// [MACC] sweeps a carbon price over a model: it applies each price with
// [scenario.Knobs] to a clone of the model and solves it with a [Solver],
// normally a [pathway.Session], which re-solves each price from the
// previous optimal basis because only objective coefficients change. Each
// [Point] has the emissions, the abatement against the zero-price solution,
// the objective and the simplex iterations; the [Curve]'s attribution
// splits the abatement by technology and, through the model's technology
// groups, by sector and measure. [Curve.Steps] and [ChartSteps] turn it into
// the steps of a MACC chart.
//
// # Wedges
//
// [Wedges] splits the gap between the emissions of a reference and a policy
// run, year by year, into the contributions of measures, sectors or
// technologies; the wedges sum to the gap.
//
// # Decomposition
//
// [LMDI] is the additive LMDI-I decomposition (Ang 2004, 2005) of a change
// in emissions into activity, structure, intensity, fuel-mix and
// emission-factor effects by sector, with zero values handled as Ang and
// Liu (2007) prescribe; [Decompose] derives its inputs from a run's result
// tables.
//
// Emissions are in the model's emission unit and prices in its money per
// emission unit throughout.
package abatement
