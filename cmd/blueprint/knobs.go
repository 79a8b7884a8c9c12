package main

import (
	"flag"
	"fmt"
	"strings"

	"blueprint/model"
	"blueprint/scenario"
)

// listFlag collects a repeatable flag's values ("--cap CO2=... --cap NOX=...").
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// scenarioFlags are the flags that change a model before it is solved:
// a scenario folder or file, and the policy knobs.
type scenarioFlags struct {
	scenario                 string
	carbonPrice, cap, budget listFlag
}

// add registers the flags on fs.
func (f *scenarioFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&f.scenario, "scenario", "", "apply the scenario `DIR` (folder with scenario.yaml, or a knobs-only YAML file); for the embedded Beijing model a name: reference, policy, neutral2050")
	fs.Var(&f.carbonPrice, "carbon-price", "add a carbon price `E=PATH` to EmissionsPenalty, e.g. CO2=2025:100,2050:300 (money per emission unit; repeatable)")
	fs.Var(&f.cap, "cap", "annual emission cap `E=PATH`, e.g. CO2=2030:120,2050:5 (AnnualEmissionLimit; repeatable)")
	fs.Var(&f.budget, "budget", "cumulative emission budget `E=VALUE` (ModelPeriodEmissionLimit; repeatable)")
}

// knobs parses the knob flags.
func (f *scenarioFlags) knobs() (scenario.Knobs, error) {
	k := scenario.Knobs{CarbonPrice: map[string]scenario.Path{}, Cap: map[string]scenario.Path{}, Budget: map[string]float64{}}
	for _, s := range f.carbonPrice {
		if err := scenario.ParseKnob(k.CarbonPrice, "carbon-price", s); err != nil {
			return k, usageErrorf("%v", err)
		}
	}
	for _, s := range f.cap {
		if err := scenario.ParseKnob(k.Cap, "cap", s); err != nil {
			return k, usageErrorf("%v", err)
		}
	}
	for _, s := range f.budget {
		if err := scenario.ParseBudget(k.Budget, s); err != nil {
			return k, usageErrorf("%v", err)
		}
	}
	return k, nil
}

// apply applies the scenario (when a path is given) and the knobs to m,
// returning the changed copy (m itself when nothing is asked).
func (f *scenarioFlags) apply(m *model.Model) (*model.Model, error) {
	k, err := f.knobs()
	if err != nil {
		return nil, err
	}
	if f.scenario != "" {
		s, err := scenario.Load(f.scenario)
		if err != nil {
			return nil, withCode(exitInput, err)
		}
		if m, err = s.Apply(m); err != nil {
			return nil, withCode(exitInput, err)
		}
	}
	if k.Empty() {
		return m, nil
	}
	c := m.Clone()
	if err := k.Apply(c); err != nil {
		return nil, usageErrorf("%v", err)
	}
	return c, nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// plural formats "1 data error", "3 data errors".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
