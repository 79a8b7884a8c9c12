// Package scenario applies scenarios to models. A scenario is a parent (the
// base model or another scenario) plus overrides, as in LEAP's scenario
// tree: parameter rows replaced or added, set elements added, and policy
// knobs (carbon price, emission cap, emission budget). It is stored as files
// in the model's own layout, holding only what it changes, so it diffs well
// in git:
//
//	scenarios/
//	  policy/
//	    scenario.yaml                 name, parent, description, knobs
//	    REMinProductionTarget.csv     otoole layout, only the rows changed
//	  neutral2050/
//	    scenario.yaml                 parent: policy
//	    TECHNOLOGY.csv                elements added (existing ones: no-op)
//	    ...
//
// scenario.yaml:
//
//	name: neutral2050
//	parent: policy          # a sibling scenario folder; empty for the base model
//	description: scope 1+2 CO2 to net zero by 2050
//	carbon_price: {CO2: {2025: 100, 2050: 300}}   # added to EmissionsPenalty
//	annual_cap:   {CO2_TOT: {2030: 120, 2050: 5}} # AnnualEmissionLimit
//	budget:       {CO2_TOT: 2500}                 # ModelPeriodEmissionLimit
//
// Knob paths interpolate linearly between the years given, hold the last
// value after the last year and do not apply before the first (see [Path]).
// A scenario may also be a lone YAML file with knobs only.
//
// Applying a scenario clones the model, applies the parent chain from the
// root down (overlays in order), then the knobs merged along the chain (a
// child's knob for an emission replaces its parent's), so a carbon price is
// added once to the data's own EmissionsPenalty. Each overriding row keeps
// the scenario file's SOURCE and NOTE as its provenance.
package scenario

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"blueprint/model"
	"blueprint/otoole"
)

// File is the name of a scenario folder's header file.
const File = "scenario.yaml"

// Scenario is a loaded scenario with its parent chain.
type Scenario struct {
	// Name of the scenario (from scenario.yaml, else the folder name).
	Name string
	// Description says what the scenario assumes.
	Description string
	// ParentName is the parent as written ("" for the base model).
	ParentName string
	// Parent is the loaded parent scenario, nil for the base model.
	Parent *Scenario
	// Knobs are this scenario's own policy levers (not the parent's).
	Knobs Knobs

	fsys  fs.FS
	dir   string   // folder inside fsys ("" for a lone YAML file)
	files []string // overlay CSV files inside fsys, sorted
	label string   // how files are named in messages
}

type header struct {
	Name        string                     `yaml:"name"`
	Parent      string                     `yaml:"parent"`
	Description string                     `yaml:"description"`
	CarbonPrice map[string]map[int]float64 `yaml:"carbon_price"`
	Cap         map[string]map[int]float64 `yaml:"annual_cap"`
	Budget      map[string]float64         `yaml:"budget"`
}

// Load reads the scenario at p (a folder with scenario.yaml, or a lone YAML
// file) and its parents, which are sibling folders.
func Load(p string) (*Scenario, error) {
	p = filepath.Clean(p)
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	base := filepath.Dir(p)
	return load(os.DirFS(base), filepath.Base(p), !fi.IsDir(), base, nil)
}

// LoadFS reads the scenario folder dir of fsys (for scenarios embedded in
// the binary) and its parents, sibling folders in fsys.
func LoadFS(fsys fs.FS, dir string) (*Scenario, error) {
	return load(fsys, dir, false, "", nil)
}

func load(fsys fs.FS, name string, lone bool, label string, seen []string) (*Scenario, error) {
	for _, s := range seen {
		if s == name {
			return nil, fmt.Errorf("scenario: parent cycle %s → %s", strings.Join(seen, " → "), name)
		}
	}
	s := &Scenario{fsys: fsys, label: label}
	hdrPath := path.Join(name, File)
	if lone {
		hdrPath = name
	} else {
		s.dir = name
	}
	data, err := fs.ReadFile(fsys, hdrPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !lone {
			return nil, fmt.Errorf("scenario: %s: no %s (a scenario folder needs one, naming its parent)", s.show(name), File)
		}
		return nil, fmt.Errorf("scenario: %w", err)
	}
	var h header
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&h); err != nil && err != io.EOF {
		// yaml.v3 names Go types ("field x not found in type
		// scenario.header"); say what the file may hold instead.
		msg := strings.ReplaceAll(err.Error(), " in type scenario.header", " (scenario.yaml knows name, parent, description, carbon_price, annual_cap, budget)")
		msg = strings.ReplaceAll(msg, "yaml: unmarshal errors:\n  ", "")
		return nil, fmt.Errorf("scenario: %s: %s", s.show(hdrPath), msg)
	}
	s.Name, s.Description, s.ParentName = h.Name, h.Description, h.Parent
	if s.Name == "" {
		s.Name = strings.TrimSuffix(path.Base(name), path.Ext(name))
	}
	s.Knobs = Knobs{CarbonPrice: toPaths(h.CarbonPrice), Cap: toPaths(h.Cap), Budget: h.Budget}
	for knob, ps := range map[string]map[string]Path{"carbon_price": s.Knobs.CarbonPrice, "annual_cap": s.Knobs.Cap} {
		for e, p := range ps {
			if err := p.check(); err != nil {
				return nil, fmt.Errorf("scenario: %s: %s %s: %w", s.show(hdrPath), knob, e, err)
			}
		}
	}
	if !lone {
		ents, err := fs.ReadDir(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("scenario: %w", err)
		}
		for _, e := range ents {
			if !e.IsDir() && strings.EqualFold(path.Ext(e.Name()), ".csv") {
				s.files = append(s.files, path.Join(name, e.Name()))
			}
		}
		sort.Strings(s.files)
	}
	if h.Parent != "" {
		parent := path.Join(path.Dir(name), h.Parent)
		if strings.Contains(h.Parent, "/") || h.Parent == "." || h.Parent == ".." {
			return nil, fmt.Errorf("scenario: %s: parent %q must be the name of a sibling scenario folder", s.show(hdrPath), h.Parent)
		}
		s.Parent, err = load(fsys, parent, false, label, append(seen, name))
		if err != nil {
			return nil, fmt.Errorf("%s (parent of %s): %w", h.Parent, s.Name, err)
		}
	}
	return s, nil
}

func toPaths(in map[string]map[int]float64) map[string]Path {
	out := map[string]Path{}
	for e, byYear := range in {
		var p Path
		for y := range byYear {
			p.Years = append(p.Years, y)
		}
		sort.Ints(p.Years)
		for _, y := range p.Years {
			p.Values = append(p.Values, byYear[y])
		}
		out[e] = p
	}
	return out
}

func (s *Scenario) show(name string) string {
	if s.label == "" {
		return name
	}
	return filepath.Join(s.label, filepath.FromSlash(name))
}

// Chain returns the scenario names from the root to s.
func (s *Scenario) Chain() []string {
	if s.Parent == nil {
		return []string{s.Name}
	}
	return append(s.Parent.Chain(), s.Name)
}

// EffectiveKnobs returns the knobs of the chain, a child's replacing its
// parent's for the same emission.
func (s *Scenario) EffectiveKnobs() Knobs {
	if s.Parent == nil {
		return Knobs{}.Merge(s.Knobs)
	}
	return s.Parent.EffectiveKnobs().Merge(s.Knobs)
}

// Apply returns a copy of m with the scenario chain applied; m is not
// changed. Errors name the scenario file, line and field.
func (s *Scenario) Apply(m *model.Model) (*model.Model, error) {
	c := m.Clone()
	if err := s.applyOverlays(c); err != nil {
		return nil, err
	}
	if err := s.EffectiveKnobs().Apply(c); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	c.Scenario = s.Name
	return c, nil
}

func (s *Scenario) applyOverlays(c *model.Model) error {
	if s.Parent != nil {
		if err := s.Parent.applyOverlays(c); err != nil {
			return err
		}
	}
	// Sets first, so that rows may use the elements added.
	var params []string
	for _, f := range s.files {
		name := strings.TrimSuffix(path.Base(f), path.Ext(f))
		if c.Schema().SetDef(name) != nil {
			if err := s.addElems(c, name, f); err != nil {
				return err
			}
			continue
		}
		params = append(params, f)
	}
	var errs model.ErrorList
	var scratch *model.Model
	for _, f := range params {
		name := strings.TrimSuffix(path.Base(f), path.Ext(f))
		if path.Base(f) == otoole.GroupsFile {
			if err := s.addGroups(c, f); err != nil {
				return err
			}
			continue
		}
		p := c.Param(name)
		if p == nil {
			errs.Add(model.Errorf(model.Pos{File: s.show(f)}, name, model.ErrUnknownName, "scenario %s: not a set or parameter of the model", s.Name))
			continue
		}
		data, err := fs.ReadFile(s.fsys, f)
		if err != nil {
			return fmt.Errorf("scenario %s: %w", s.Name, err)
		}
		// Read the overlay's rows into a scratch copy of the parameter, then
		// put each into the model, replacing the row with the same key. One
		// scratch model (taken after the sets were extended) serves every file.
		if scratch == nil {
			scratch = c.Clone()
		}
		sp := scratch.Param(name)
		sp.Clear()
		var d otoole.Diag
		otoole.ReadParam(scratch, sp, s.show(f), data, &d)
		errs = append(errs, d.Errs...)
		errs = append(errs, sp.Sort()...)
		for i := 0; i < sp.NumEntries(); i++ {
			key, v := sp.Entry(i)
			o := sp.Origin(i)
			p.Put(key, v, &o)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return fmt.Errorf("scenario %s: %w", s.Name, errs)
	}
	return nil
}

func (s *Scenario) addElems(c *model.Model, set, f string) error {
	recs, err := s.readCSV(f)
	if err != nil {
		return err
	}
	if len(recs) == 0 || len(recs[0]) == 0 || strings.TrimSpace(recs[0][0]) != "VALUE" {
		return fmt.Errorf("scenario %s: %s:1: a set file's header must be VALUE", s.Name, s.show(f))
	}
	for i, rec := range recs[1:] {
		v := strings.TrimSpace(rec[0])
		if v == "" {
			return fmt.Errorf("scenario %s: %s:%d: empty element", s.Name, s.show(f), i+2)
		}
		if _, err := c.AddElem(set, v); err != nil {
			return fmt.Errorf("scenario %s: %s:%d: %w", s.Name, s.show(f), i+2, err)
		}
	}
	return nil
}

func (s *Scenario) addGroups(c *model.Model, f string) error {
	data, err := fs.ReadFile(s.fsys, f)
	if err != nil {
		return fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	var errs model.ErrorList
	for _, g := range otoole.ParseGroups(c, s.show(f), data, &errs) {
		replaced := false
		for j := range c.Groups {
			if c.Groups[j].Technology == g.Technology {
				c.Groups[j], replaced = g, true
			}
		}
		if !replaced {
			c.Groups = append(c.Groups, g)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("scenario %s: %w", s.Name, errs)
	}
	return nil
}

func (s *Scenario) readCSV(f string) ([][]string, error) {
	data, err := fs.ReadFile(s.fsys, f)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %s: %w", s.Name, s.show(f), err)
	}
	return recs, nil
}

// ParseKnob reads a command-line knob "E=PATH" (for --carbon-price and
// --cap) into k; flag names the flag for messages.
func ParseKnob(paths map[string]Path, flag, s string) error {
	e, p, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(e) == "" {
		return fmt.Errorf("--%s %q: want EMISSION=YEAR:VALUE,... or EMISSION=VALUE", flag, s)
	}
	path, err := ParsePath(p)
	if err != nil {
		return fmt.Errorf("--%s %s: %w", flag, e, err)
	}
	paths[strings.TrimSpace(e)] = path
	return nil
}

// ParseBudget reads "E=VALUE" for --budget into budgets.
func ParseBudget(budgets map[string]float64, s string) error {
	e, v, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(e) == "" {
		return fmt.Errorf("--budget %q: want EMISSION=VALUE", s)
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return fmt.Errorf("--budget %s: %q is not a number", e, v)
	}
	budgets[strings.TrimSpace(e)] = x
	return nil
}
