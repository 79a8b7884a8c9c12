// Package model holds an OSeMOSYS model's data in memory: sets with their
// elements interned to small integers ([Elem]), parameters with their explicit
// rows and defaults, units and per-row provenance, and the checks that tell an
// analyst what is wrong with the data ([Validate]).
//
// # Schema
//
// Which sets and parameters exist, their index sets and defaults, come from a
// [Schema]. [DefaultSchema] is embedded (schema.csv) and mirrors otoole's
// config; an otoole config.yaml can extend or override it (package otoole).
//
// # Defaults
//
// Defaults live in the data: a MathProg "default" clause or the otoole config
// sets [Param.Default] for that model. DiscountRateIdv is special: a missing
// row means DiscountRate[r] ([Param.DefaultFrom]), as osemosys.txt declares.
//
// # Building a model
//
// Loaders call [New], [Model.AddElem] for set elements, [Param.Add] for each
// row (with its [Origin], so that errors can name file and line), and finally
// [Model.Freeze], which sorts the rows and reports duplicates. Afterwards the
// model is read-only for concurrent readers; scenarios work on a [Model.Clone].
package model
