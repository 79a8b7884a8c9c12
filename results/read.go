package results

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// GroupsFile is the name of the technology-group table in a run folder
// (columns TECHNOLOGY,SECTOR,MEASURE), as in a model folder.
const GroupsFile = "TechnologyGroup.csv"

// ReadDir reads a run folder written by [WriteCSVDir]: summary.json, the
// tables it lists and TechnologyGroup.csv when present. Errors name the file
// and line.
func ReadDir(dir string) (*Results, error) {
	path := filepath.Join(dir, "summary.json")
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("results: %s is not a run folder (no summary.json; write one with blueprint run --out)", dir)
		}
		return nil, fmt.Errorf("results: %w", err)
	}
	var s Summary
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("results: %s: %w", path, err)
	}
	r := &Results{Model: s.Model, Scenario: s.Scenario, Status: s.Status, Objective: s.Objective}
	units := map[string]Unit{}
	for _, u := range s.Units {
		units[u.Table] = u
	}
	for _, name := range s.Tables {
		t, err := readTableCSV(filepath.Join(dir, name+".csv"), name)
		if err != nil {
			return nil, err
		}
		if u, ok := units[name]; ok {
			t.Unit, t.UnitBy, t.Units = u.Unit, u.By, u.Units
		}
		r.Tables = append(r.Tables, t)
	}
	gpath := filepath.Join(dir, GroupsFile)
	if data, err := os.ReadFile(gpath); err == nil {
		r.Groups, err = parseGroups(gpath, data)
		if err != nil {
			return nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("results: %w", err)
	}
	return r, nil
}

func readTableCSV(path, name string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("results: %s:1: %w", path, err)
	}
	t := &Table{Name: name}
	value, unit := -1, -1
	for i, h := range head {
		switch h {
		case "VALUE":
			value = i
		case "UNIT":
			unit = i
		default:
			if value < 0 {
				t.Indices = append(t.Indices, h)
			}
		}
	}
	if value != len(t.Indices) {
		return nil, fmt.Errorf("results: %s:1: header %q: want index columns, then VALUE, then optionally UNIT", path, strings.Join(head, ","))
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("results: %s:%d: %w", path, line, err)
		}
		if len(rec) != len(head) {
			return nil, fmt.Errorf("results: %s:%d: %d fields, header has %d", path, line, len(rec), len(head))
		}
		v, err := strconv.ParseFloat(rec[value], 64)
		if err != nil {
			return nil, fmt.Errorf("results: %s:%d: VALUE %q is not a number", path, line, rec[value])
		}
		if unit >= 0 && t.Unit == "" {
			t.Unit = rec[unit]
		}
		t.Keys = append(t.Keys, rec[:value]...)
		t.Values = append(t.Values, v)
	}
	return t, nil
}

func parseGroups(path string, data []byte) ([]Group, error) {
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("results: %s: %w", path, err)
	}
	if len(recs) == 0 || len(recs[0]) != 3 || recs[0][0] != "TECHNOLOGY" || recs[0][1] != "SECTOR" || recs[0][2] != "MEASURE" {
		return nil, fmt.Errorf("results: %s:1: header must be TECHNOLOGY,SECTOR,MEASURE", path)
	}
	var gs []Group
	for _, rec := range recs[1:] {
		gs = append(gs, Group{rec[0], rec[1], rec[2]})
	}
	return gs, nil
}

func writeGroupsCSV(path string, gs []Group) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write([]string{"TECHNOLOGY", "SECTOR", "MEASURE"})
		for _, g := range gs {
			cw.Write([]string{g.Technology, g.Sector, g.Measure})
		}
		cw.Flush()
		return cw.Error()
	})
}
