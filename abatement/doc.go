// Package abatement answers "which emissions can be cut, how, and at what
// cost" from solved models: model-derived marginal abatement cost curves
// (a carbon-price sweep with warm-started re-solves, [MACC]), emission
// wedges between two scenarios ([Wedges]) and the LMDI decomposition of a
// change in emissions into activity, structure, intensity, fuel-mix and
// emission-factor effects ([LMDI], [Decompose]).
package abatement
