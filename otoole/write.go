package otoole

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"blueprint/model"
)

// WriteDir writes m as an otoole model folder: dir/config.yaml, dir/units.csv
// (when any unit is declared) and dir/csv/ with one file per set and per
// parameter, every one written even when empty. Sets list their elements in
// model order, parameters their explicit rows in key order with values in
// the shortest form that reads back bit for bit; SOURCE, NOTE and UNIT
// columns are added to a parameter that has provenance.
//
// The folder is written to a temporary sibling and renamed into place, so a
// failed write leaves dir as it was. An existing dir is replaced only if it
// looks like a model folder (has config.yaml or csv/) or is empty.
func WriteDir(dir string, m *model.Model) (err error) {
	if !frozen(m) {
		m = m.Clone()
		if errs := m.Freeze(); len(errs) > 0 {
			return fmt.Errorf("write %s: %w", dir, errs)
		}
	}
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err = os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it 0700
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := writeTree(tmp, m); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if _, statErr := os.Stat(dir); statErr == nil {
		old := tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(old, dir)
			return fmt.Errorf("write %s: %w", dir, err)
		}
		return os.RemoveAll(old)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	return nil
}

func frozen(m *model.Model) bool {
	for _, p := range m.Params() {
		if !p.Sorted() {
			return false
		}
	}
	return true
}

// checkReplaceable refuses to replace a folder that is not a model folder.
func checkReplaceable(dir string) error {
	fi, err := os.Stat(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("write %s: exists and is not a directory", dir)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if len(ents) == 0 {
		return nil
	}
	for _, e := range ents {
		if e.Name() == "config.yaml" || (e.Name() == "csv" && e.IsDir()) {
			return nil
		}
	}
	return fmt.Errorf("write %s: folder exists and is not a model folder (no config.yaml or csv/); not replacing it", dir)
}

func writeTree(dir string, m *model.Model) error {
	if err := writeFile(filepath.Join(dir, "config.yaml"), func(w io.Writer) error { return WriteConfig(w, m) }); err != nil {
		return err
	}
	u := m.Units
	if !u.Empty() {
		err := writeFile(filepath.Join(dir, "units.csv"), func(w io.Writer) error {
			cw := csv.NewWriter(w)
			cw.Write([]string{"DIMENSION", "UNIT"})
			for i, v := range []string{u.Energy, u.Power, u.Money, u.Emissions} {
				if v != "" {
					cw.Write([]string{unitDims[i], v})
				}
			}
			for _, e := range m.Set("EMISSION").Elems {
				if v, ok := u.Emission[e]; ok {
					cw.Write([]string{"Emissions:" + e, v})
				}
			}
			cw.Flush()
			return cw.Error()
		})
		if err != nil {
			return err
		}
	}
	if err := writeGroups(dir, m); err != nil {
		return err
	}
	csvDir := filepath.Join(dir, "csv")
	if err := os.Mkdir(csvDir, 0o755); err != nil {
		return err
	}
	for _, d := range m.Schema().Sets {
		set := m.Set(d.Name)
		err := writeFile(filepath.Join(csvDir, d.Name+".csv"), func(w io.Writer) error {
			cw := csv.NewWriter(w)
			cw.Write([]string{"VALUE"})
			for _, e := range set.Elems {
				cw.Write([]string{e})
			}
			cw.Flush()
			return cw.Error()
		})
		if err != nil {
			return err
		}
	}
	for _, p := range m.Params() {
		if p.OmitOnWrite() {
			continue
		}
		if err := writeFile(filepath.Join(csvDir, p.Name+".csv"), func(w io.Writer) error { return WriteParam(w, p) }); err != nil {
			return err
		}
	}
	return nil
}

// WriteParam writes the explicit rows of p as an otoole CSV (header: p's
// columns then VALUE, plus SOURCE, NOTE, UNIT when p has provenance), in
// entry order.
func WriteParam(w io.Writer, p *model.Param) error {
	cw := csv.NewWriter(w)
	prov := p.HasProvenance()
	rec := append([]string(nil), p.Columns...)
	rec = append(rec, "VALUE")
	if prov {
		rec = append(rec, "SOURCE", "NOTE", "UNIT")
	}
	cw.Write(rec)
	sets := p.Sets()
	n := len(sets)
	for i := range p.NumEntries() {
		key, v := p.Entry(i)
		for j, e := range key {
			rec[j] = sets[j].Elems[e]
		}
		rec[n] = model.FormatValue(v)
		if prov {
			o := p.Origin(i)
			rec[n+1], rec[n+2], rec[n+3] = o.Source, o.Note, o.Unit
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeFile(path string, fill func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := fill(bw); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
