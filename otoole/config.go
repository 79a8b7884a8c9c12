package otoole

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"blueprint/model"
)

// ReadConfig reads an otoole config file and applies it to a copy of base:
// entries of base are overridden (indices, dtype, default, short name),
// new sets, parameters and results are added in file order. Problems are
// positioned "config.yaml:line:col: Name: msg".
func ReadConfig(path string, base *model.Schema) (*model.Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return ParseConfig(path, data, base)
}

// ParseConfig is [ReadConfig] on data already read; file names it in errors.
func ParseConfig(file string, data []byte, base *model.Schema) (*model.Schema, error) {
	data = bytes.TrimPrefix(data, bom)
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &model.PosError{File: file, Field: "config", Err: fmt.Errorf("%w: %v", model.ErrSyntax, err)}
	}
	s := base.Clone()
	if len(doc.Content) == 0 {
		return s, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, model.Errorf(pos(file, root), "config", model.ErrSyntax, "the top level must be a mapping of names to entries")
	}
	var errs model.ErrorList
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		name := k.Value
		if seen[name] {
			errs.Add(model.Errorf(pos(file, k), name, model.ErrDuplicate, "declared twice"))
			continue
		}
		seen[name] = true
		if err := applyEntry(s, file, name, k, v); err != nil {
			errs.Add(err)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	if err := s.Resolve(); err != nil {
		return nil, &model.PosError{File: file, Field: "config", Err: err}
	}
	return s, nil
}

var bom = []byte("\xef\xbb\xbf")

func pos(file string, n *yaml.Node) model.Pos {
	return model.Pos{File: file, Line: n.Line, Col: n.Column}
}

// applyEntry applies one config entry to s.
func applyEntry(s *model.Schema, file, name string, k, v *yaml.Node) *model.PosError {
	if v.Kind != yaml.MappingNode {
		return model.Errorf(pos(file, v), name, model.ErrSyntax, "entry must be a mapping with type, dtype, ...")
	}
	f := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		f[v.Content[i].Value] = v.Content[i+1]
	}
	typ := f["type"]
	if typ == nil {
		return model.Errorf(pos(file, k), name, model.ErrSyntax, "missing type (set, param or result)")
	}
	var dtype model.Dtype
	if n := f["dtype"]; n != nil {
		var ok bool
		if dtype, ok = model.ParseDtype(n.Value); !ok {
			return model.Errorf(pos(file, n), name, model.ErrSyntax, "dtype %q is not str, int or float", n.Value)
		}
	}
	var indices []string
	if n := f["indices"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			return model.Errorf(pos(file, n), name, model.ErrSyntax, "indices must be a list")
		}
		for _, c := range n.Content {
			indices = append(indices, strings.TrimSpace(c.Value))
		}
	}
	var def *float64
	if n := f["default"]; n != nil {
		x, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return model.Errorf(pos(file, n), name, model.ErrNotNumber, "default %q is not a number", n.Value)
		}
		def = &x
	}
	short := ""
	if n := f["short_name"]; n != nil {
		short = n.Value
	}
	switch typ.Value {
	case "set":
		if d := s.SetDef(name); d != nil {
			if dtype != model.DtypeUnknown && d.Alias == "" {
				d.Dtype = dtype
			}
			return nil
		}
		if dtype == model.DtypeUnknown {
			dtype = model.DtypeStr
		}
		d := model.SetDef{Name: name, Dtype: dtype}
		if strings.HasPrefix(name, "_") && s.SetDef(name[1:]) != nil {
			d.Alias = name[1:]
		}
		s.Sets = append(s.Sets, d)
	case "param":
		if len(indices) == 0 {
			return model.Errorf(pos(file, k), name, model.ErrSyntax, "a param needs indices")
		}
		d := s.ParamDef(name)
		if d == nil {
			s.Params = append(s.Params, model.ParamDef{Name: name, Dtype: model.DtypeFloat})
			d = &s.Params[len(s.Params)-1]
		}
		d.Columns, d.Indices = indices, nil
		if dtype != model.DtypeUnknown {
			d.Dtype = dtype
		}
		if def != nil {
			d.Default = *def
		}
		if short != "" {
			d.ShortName = short
		}
	case "result":
		d := s.ResultDef(name)
		if d == nil {
			s.Results = append(s.Results, model.ResultDef{Name: name, Dtype: model.DtypeFloat})
			d = &s.Results[len(s.Results)-1]
		}
		if indices != nil {
			d.Indices = indices
		}
		if dtype != model.DtypeUnknown {
			d.Dtype = dtype
		}
		if def != nil {
			d.Default = *def
		}
		if short != "" {
			d.ShortName = short
		}
		if n := f["calculated"]; n != nil {
			b, err := strconv.ParseBool(n.Value)
			if err != nil {
				return model.Errorf(pos(file, n), name, model.ErrSyntax, "calculated %q is not true or false", n.Value)
			}
			d.Calculated = b
		}
	default:
		return model.Errorf(pos(file, typ), name, model.ErrSyntax, "type %q is not set, param or result", typ.Value)
	}
	return nil
}

var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func yamlName(s string) string {
	if plainName.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}

// WriteConfig writes m's schema as an otoole config: sets and parameters
// sorted by name ignoring case (as otoole's own file is), then results;
// each parameter's default is the model's.
func WriteConfig(w io.Writer, m *model.Model) error {
	s := m.Schema()
	type item struct {
		name string
		text string
	}
	var items []item
	for _, d := range s.Sets {
		items = append(items, item{d.Name, fmt.Sprintf("%s:\n    dtype: %s\n    type: set\n", yamlName(d.Name), d.Dtype)})
	}
	for _, p := range m.Params() {
		if p.OmitOnWrite() {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s:\n", yamlName(p.Name))
		if p.ShortName != "" {
			fmt.Fprintf(&b, "    short_name: %s\n", yamlName(p.ShortName))
		}
		cols := make([]string, len(p.Columns))
		for i, c := range p.Columns {
			cols[i] = yamlName(c)
		}
		fmt.Fprintf(&b, "    indices: [%s]\n    type: param\n    dtype: %s\n    default: %s\n",
			strings.Join(cols, ","), s.ParamDef(p.Name).Dtype, model.FormatValue(p.Default))
		items = append(items, item{p.Name, b.String()})
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := strings.ToLower(items[i].name), strings.ToLower(items[j].name)
		if a != b {
			return a < b
		}
		return items[i].name < items[j].name
	})
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.text)
	}
	for _, r := range s.Results {
		fmt.Fprintf(&b, "%s:\n", yamlName(r.Name))
		if r.ShortName != "" {
			fmt.Fprintf(&b, "    short_name: %s\n", yamlName(r.ShortName))
		}
		cols := make([]string, len(r.Indices))
		for i, c := range r.Indices {
			cols[i] = yamlName(c)
		}
		fmt.Fprintf(&b, "    indices: [%s]\n    type: result\n    dtype: %s\n    default: %s\n    calculated: %s\n",
			strings.Join(cols, ","), r.Dtype, model.FormatValue(r.Default), pyBool(r.Calculated))
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	return nil
}

// pyBool spells a boolean as otoole's config does.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
