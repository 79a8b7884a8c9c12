//go:build !cgo

// Package clp binds COIN-OR Clp. This build has no cgo, so [New] returns
// lp.ErrUnavailable.
package clp

import (
	"context"

	"blueprint/lp"
)

// Version returns "" when Clp is not compiled in.
func Version() string { return "" }

// Solver is unusable without cgo; New never returns one.
type Solver struct{}

var _ lp.Solver = (*Solver)(nil)

// New returns lp.ErrUnavailable: this binary was built without cgo.
func New() (*Solver, error) { return nil, lp.ErrUnavailable }

// Load returns lp.ErrUnavailable.
func (*Solver) Load(*lp.Problem) error { return lp.ErrUnavailable }

// Solve returns lp.ErrUnavailable.
func (*Solver) Solve(context.Context, lp.Options) (*lp.Solution, error) {
	return nil, lp.ErrUnavailable
}

// SetObjective returns lp.ErrUnavailable.
func (*Solver) SetObjective([]int32, []float64) error { return lp.ErrUnavailable }

// SetColBounds returns lp.ErrUnavailable.
func (*Solver) SetColBounds([]int32, []float64, []float64) error { return lp.ErrUnavailable }

// SetRowBounds returns lp.ErrUnavailable.
func (*Solver) SetRowBounds([]int32, []float64, []float64) error { return lp.ErrUnavailable }

// Basis returns lp.ErrUnavailable.
func (*Solver) Basis() (*lp.Basis, error) { return nil, lp.ErrUnavailable }

// SetBasis returns lp.ErrUnavailable.
func (*Solver) SetBasis(*lp.Basis) error { return lp.ErrUnavailable }

// Close does nothing.
func (*Solver) Close() error { return nil }
