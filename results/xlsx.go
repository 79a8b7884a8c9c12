package results

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the results as an Excel workbook: a "summary" sheet, then
// one sheet per non-empty table (index columns, VALUE, UNIT), named by the
// table (cut to Excel's 31 characters). The file is written to a temporary
// name and renamed into place.
func WriteXLSX(path string, r *Results) error {
	f := excelize.NewFile()
	defer f.Close()
	sum := "summary"
	f.SetSheetName("Sheet1", sum)
	rows := [][]any{{"model", r.Model}, {"scenario", r.Scenario}, {"status", r.Status}, {"objective", r.Objective}}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sum, cell, &row); err != nil {
			return fmt.Errorf("results: xlsx: %w", err)
		}
	}
	used := map[string]bool{sum: true}
	for _, t := range r.Tables {
		if t.Len() == 0 {
			continue
		}
		name := t.Name
		if len(name) > 31 {
			name = name[:31]
		}
		for i := 2; used[name]; i++ {
			name = fmt.Sprintf("%s~%d", name[:min(len(name), 28)], i)
		}
		used[name] = true
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("results: xlsx: sheet %s: %w", name, err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return fmt.Errorf("results: xlsx: %w", err)
		}
		header := make([]any, 0, len(t.Indices)+2)
		for _, ix := range t.Indices {
			header = append(header, ix)
		}
		header = append(header, "VALUE", "UNIT")
		if err := sw.SetRow("A1", header); err != nil {
			return fmt.Errorf("results: xlsx: %w", err)
		}
		row := make([]any, len(header))
		for i := range t.Values {
			for k, e := range t.Key(i) {
				row[k] = e
			}
			row[len(t.Indices)] = t.Values[i]
			row[len(t.Indices)+1] = t.RowUnit(i)
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, row); err != nil {
				return fmt.Errorf("results: xlsx: %w", err)
			}
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("results: xlsx: %w", err)
		}
	}
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}
