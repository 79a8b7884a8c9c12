package xlsx

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"blueprint/mathprog"
	"blueprint/model"
)

// FuzzRead: no workbook panics the reader; a problem in the data is a
// model.ErrorList naming sheet and cell, anything else an "xlsx:" error; a
// workbook that reads writes and reads back to the same values.
func FuzzRead(f *testing.F) {
	m, err := mathprog.ReadFiles(filepath.Join(modelsDir, "super_simple/super_simple_from_csv.txt"))
	if err != nil {
		f.Fatal(err)
	}
	seed := filepath.Join(f.TempDir(), "seed.xlsx")
	if err := Write(seed, m); err != nil {
		f.Fatal(err)
	}
	b, err := os.ReadFile(seed)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := Read(path)
		if err != nil {
			var list model.ErrorList
			if errors.As(err, &list) {
				for _, e := range list {
					if e.File != path {
						t.Fatalf("problem without the workbook's name: %v", e)
					}
				}
			} else if !strings.HasPrefix(err.Error(), "xlsx: ") {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		out := filepath.Join(dir, "out.xlsx")
		if err := Write(out, m); err != nil {
			return // e.g. a NaN cannot be written; Write says so
		}
		back, err := Read(out)
		if err != nil {
			t.Fatalf("reading what Write wrote: %v", err)
		}
		if err := sameValues(m, back); err != nil {
			t.Fatal(err)
		}
	})
}
