package otoole

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"blueprint/model"
)

// GroupsFile is the optional file assigning technologies to sectors and
// measures (columns TECHNOLOGY,SECTOR,MEASURE), read from the model folder
// or its CSV folder. otoole itself ignores it.
const GroupsFile = "TechnologyGroup.csv"

// readGroups reads path into m.Groups. A missing file is not an error.
func readGroups(path string, m *model.Model, errs *model.ErrorList) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	m.Groups = append(m.Groups, ParseGroups(m, path, data, errs)...)
	return nil
}

// ParseGroups parses the contents of a TechnologyGroup.csv (file names it
// in messages), checking that each technology is in m's TECHNOLOGY set and
// appears once and that SECTOR and MEASURE are given. Problems are added to
// errs with file, line and column; the good rows are returned.
func ParseGroups(m *model.Model, file string, data []byte, errs *model.ErrorList) []model.TechGroup {
	const name = "TechnologyGroup"
	recs, err := newReader(data).ReadAll()
	if err != nil {
		errs.Add(csvError(file, name, err))
		return nil
	}
	if len(recs) == 0 || len(recs[0]) < 3 || strings.TrimSpace(recs[0][0]) != "TECHNOLOGY" ||
		strings.TrimSpace(recs[0][1]) != "SECTOR" || strings.TrimSpace(recs[0][2]) != "MEASURE" {
		errs.Add(model.Errorf(model.Pos{File: file, Line: 1, Col: 1}, name, model.ErrSyntax, "header must be TECHNOLOGY,SECTOR,MEASURE"))
		return nil
	}
	techs := m.Set("TECHNOLOGY")
	seen := map[string]int{}
	var out []model.TechGroup
	for i, rec := range recs[1:] {
		line := i + 2
		at := model.Pos{File: file, Line: line, Col: 1}
		if len(rec) < 3 {
			errs.Add(model.Errorf(at, name, model.ErrArity, "row has %d fields, want TECHNOLOGY,SECTOR,MEASURE", len(rec)))
			continue
		}
		g := model.TechGroup{Technology: strings.TrimSpace(rec[0]), Sector: strings.TrimSpace(rec[1]), Measure: strings.TrimSpace(rec[2])}
		if _, ok := techs.Lookup(g.Technology); !ok {
			errs.Add(model.Errorf(at, name, model.ErrUnknownName, "technology %q is not in TECHNOLOGY", g.Technology))
			continue
		}
		if g.Sector == "" || g.Measure == "" {
			errs.Add(model.Errorf(model.Pos{File: file, Line: line, Col: 2}, name, model.ErrSyntax, "technology %q: empty SECTOR or MEASURE", g.Technology))
			continue
		}
		if first, dup := seen[g.Technology]; dup {
			errs.Add(model.Errorf(at, name, model.ErrDuplicate, "technology %q already grouped on line %d", g.Technology, first))
			continue
		}
		seen[g.Technology] = line
		out = append(out, g)
	}
	return out
}

// writeGroups writes m.Groups to dir/TechnologyGroup.csv (nothing when empty).
func writeGroups(dir string, m *model.Model) error {
	if len(m.Groups) == 0 {
		return nil
	}
	return writeFile(filepath.Join(dir, GroupsFile), func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write([]string{"TECHNOLOGY", "SECTOR", "MEASURE"})
		for _, g := range m.Groups {
			cw.Write([]string{g.Technology, g.Sector, g.Measure})
		}
		cw.Flush()
		return cw.Error()
	})
}
