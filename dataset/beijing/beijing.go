// Package beijing is Blueprint's default dataset: an OSeMOSYS model of
// Beijing's energy system 2019–2050 (region BEIJING, base year 2019,
// annual years, 9 timeslices), calibrated to the CEADs 2019 CO2 inventory,
// and three scenario overlays (reference, policy, neutral2050), embedded in
// the binary.
//
// # Data
//
// Every number of the model comes from inputs.csv (each sourced figure
// once, with SOURCE and NOTE; proxies say PROXY), timeslices.csv and the
// CEADs sheet in sources/. The generator in internal/gen derives the otoole
// folder model/ and the overlays in scenarios/ from them; every parameter
// row carries a SOURCE (ids of SOURCES.md, "ASSUMPTION: …" or
// "DERIVED: arithmetic"). Run go generate ./dataset/beijing after editing
// an input; a test checks that the committed files are what the generator
// writes.
//
// Units: energy PJ, capacity GW (power and heat plant, building heating) or
// activity per year (PJ/yr, Gvkm/yr for buses and trucks), money million
// CNY (2020), emissions Mt CO2. Emissions: CO2_S1 (scope 1 without
// aviation), CO2_AV (aviation kerosene), CO2_S2 (imported grid
// electricity); CO2_TOT is their sum (an aggregate, never add it to the
// others) and ENE is primary energy in PJ (a pseudo-emission for
// energy-intensity limits). See README.md and docs/beijing.md.
package beijing

//go:generate go run ./internal/gen -dir .

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"blueprint/model"
	"blueprint/otoole"
	"blueprint/scenario"
)

// FS holds the model folder (model/: config.yaml, units.csv,
// TechnologyGroup.csv, csv/), the scenario overlays (scenarios/<name>/),
// the inputs they are generated from with their documentation
// (inputs.csv, timeslices.csv, SOURCES.md, README.md), and the economy/
// folder of input–output proxy data read by package economy and the
// impacts command.
//
//go:embed model scenarios inputs.csv timeslices.csv SOURCES.md README.md economy
var FS embed.FS

// names are the scenarios, from the least to the most constrained.
var names = []string{"reference", "policy", "neutral2050"}

// ScenarioNames returns the names of the embedded scenarios in order
// (reference, policy, neutral2050); the slice is the caller's.
func ScenarioNames() []string { return append([]string(nil), names...) }

// Base returns the base model (the reference scenario's parent). Each call
// returns a new model that the caller owns.
func Base() (*model.Model, error) {
	baseOnce.Do(func() { baseModel, baseErr = readBase() })
	if baseErr != nil {
		return nil, baseErr
	}
	return baseModel.Clone(), nil
}

// The embedded model is read once per process (the otoole reader wants a
// folder, so it is copied out first); Base hands out clones.
var (
	baseOnce  sync.Once
	baseModel *model.Model
	baseErr   error
)

func readBase() (*model.Model, error) {
	tmp, err := os.MkdirTemp("", "beijing-*")
	if err != nil {
		return nil, fmt.Errorf("beijing: %w", err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "beijing")
	if err := copyFS(dir, "model"); err != nil {
		return nil, err
	}
	m, err := otoole.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("beijing: read embedded model: %w", err)
	}
	m.Name = "beijing"
	return m, nil
}

// Scenario returns the base model with the named scenario (and its parent
// chain) applied. name is one of [ScenarioNames].
func Scenario(name string) (*model.Model, error) {
	s, err := LoadScenario(name)
	if err != nil {
		return nil, err
	}
	m, err := Base()
	if err != nil {
		return nil, err
	}
	out, err := s.Apply(m)
	if err != nil {
		return nil, fmt.Errorf("beijing: %w", err)
	}
	return out, nil
}

// LoadScenario loads the named embedded scenario with its parent chain.
func LoadScenario(name string) (*scenario.Scenario, error) {
	known := false
	for _, n := range names {
		known = known || n == name
	}
	if !known {
		return nil, fmt.Errorf("beijing: no scenario %q (have %v)", name, names)
	}
	sub, err := fs.Sub(FS, "scenarios")
	if err != nil {
		return nil, fmt.Errorf("beijing: %w", err)
	}
	s, err := scenario.LoadFS(sub, name)
	if err != nil {
		return nil, fmt.Errorf("beijing: %w", err)
	}
	return s, nil
}

// WriteDir writes the embedded model folder to dir/model, the scenario
// overlays to dir/scenarios/<name>, as committed (SOURCE and NOTE columns
// included), and inputs.csv, timeslices.csv, SOURCES.md and README.md
// beside them, for users to edit. Existing files with the same names are
// replaced; other files in dir are left alone.
func WriteDir(dir string) error {
	for _, sub := range []string{"model", "scenarios"} {
		if err := copyFS(filepath.Join(dir, sub), sub); err != nil {
			return err
		}
	}
	for _, f := range []string{"inputs.csv", "timeslices.csv", "SOURCES.md", "README.md"} {
		data, err := FS.ReadFile(f)
		if err != nil {
			return fmt.Errorf("beijing: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			return fmt.Errorf("beijing: %w", err)
		}
	}
	return nil
}

// copyFS copies the embedded tree root to dir.
func copyFS(dir, root string) error {
	return fs.WalkDir(FS, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.FromSlash(p))
		dst := filepath.Join(dir, rel)
		if d.IsDir() {
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return fmt.Errorf("beijing: %w", err)
			}
			return nil
		}
		data, err := FS.ReadFile(path.Clean(p))
		if err != nil {
			return fmt.Errorf("beijing: %w", err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("beijing: %w", err)
		}
		return nil
	})
}
