package results

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// Summary is the metadata written beside the tables (summary.json).
type Summary struct {
	Model     string   `json:"model"`
	Scenario  string   `json:"scenario,omitempty"`
	Status    string   `json:"status"`
	Objective float64  `json:"objective"`
	Tables    []string `json:"tables"`
	Units     []Unit   `json:"units"`
}

// Unit is a table's unit in summary.json, with the units of single
// elements of one index column where they differ (see [Table.UnitBy]).
type Unit struct {
	Table string            `json:"table"`
	Unit  string            `json:"unit"`
	By    string            `json:"by,omitempty"`
	Units map[string]string `json:"units,omitempty"`
}

// WriteCSVDir writes every table as DIR/<Name>.csv (index columns, then
// VALUE, then UNIT when known) plus DIR/summary.json, and the technology
// groups as DIR/TechnologyGroup.csv when there are any; [ReadDir] reads
// such a folder back. It writes into a
// temporary folder next to dir and renames it into place; an existing dir
// is replaced only once the new one is complete, so a failure leaves the
// old results intact.
func WriteCSVDir(dir string, r *Results) (err error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	// MkdirTemp makes the folder private (0700); results are for sharing.
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("results: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, t := range r.Tables {
		if err := writeTableCSV(filepath.Join(tmp, t.Name+".csv"), t); err != nil {
			return err
		}
	}
	if len(r.Groups) > 0 {
		if err := writeGroupsCSV(filepath.Join(tmp, GroupsFile), r.Groups); err != nil {
			return err
		}
	}
	s := Summary{Model: r.Model, Scenario: r.Scenario, Status: r.Status, Objective: r.Objective}
	for _, t := range r.Tables {
		s.Tables = append(s.Tables, t.Name)
		s.Units = append(s.Units, Unit{Table: t.Name, Unit: t.Unit, By: t.UnitBy, Units: t.Units})
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "summary.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return ReplaceDir(tmp, dir)
}

// ReplaceDir moves the folder tmp to dir, keeping an existing dir until the
// move is done (then it is removed). tmp and dir must be on one file system.
func ReplaceDir(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("results: replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("results: replace %s: %w", dir, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// WriteFileAtomic writes path through a temporary file in the same folder,
// renamed into place only when write succeeded, so a failure leaves any
// existing file intact.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	name := f.Name()
	// CreateTemp makes the file private (0600); the file it replaces is
	// an ordinary output, readable by all.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(name)
		return fmt.Errorf("results: %w", err)
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(name)
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

func writeTableCSV(path string, t *Table) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	w := csv.NewWriter(bw)
	header := append(append([]string{}, t.Indices...), "VALUE")
	if t.Unit != "" {
		header = append(header, "UNIT")
	}
	w.Write(header)
	rec := make([]string, len(header))
	for i := range t.Values {
		copy(rec, t.Key(i))
		rec[len(t.Indices)] = strconv.FormatFloat(t.Values[i], 'g', -1, 64)
		if t.Unit != "" {
			rec[len(t.Indices)+1] = t.RowUnit(i)
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	return nil
}
