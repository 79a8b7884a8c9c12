package mathprog

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"blueprint/model"
)

// FuzzRead: no input panics or hangs the reader; every problem is a
// positioned model.PosError; what reads without error writes and reads back
// to the same model, and writing that gives the same bytes (read → write →
// read stable).
func FuzzRead(f *testing.F) {
	for _, p := range []string{
		"super_simple/super_simple_model.txt",
		"super_simple/super_simple_from_csv.txt",
	} {
		b, err := os.ReadFile(filepath.Join(modelsDir, p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(checkReadWriteRead)
}

func checkReadWriteRead(t *testing.T, data []byte) {
	{
		m := model.New(model.DefaultSchema())
		err := Read(bytes.NewReader(data), "fuzz.txt", m)
		if err != nil {
			var list model.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is not an ErrorList: %v", err)
			}
			for _, e := range list {
				if e.File != "fuzz.txt" || e.Line < 1 {
					t.Fatalf("problem without position: %v", e)
				}
			}
			return
		}
		var w1 bytes.Buffer
		if err := Write(&w1, m); err != nil {
			return // NaN/Inf cannot be written; Write says so
		}
		m2 := model.New(model.DefaultSchema())
		if err := Read(bytes.NewReader(w1.Bytes()), "w1.txt", m2); err != nil {
			t.Fatalf("reading what Write wrote: %v\n%s", err, w1.Bytes())
		}
		if err := sameModel(m, m2, true); err != nil {
			t.Fatalf("read → write → read changed the model: %v", err)
		}
		var w2 bytes.Buffer
		if err := Write(&w2, m2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
			t.Fatalf("write is not stable:\n%s\n---\n%s", w1.Bytes(), w2.Bytes())
		}
	}
}
