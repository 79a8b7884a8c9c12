package otoole

import (
	"os"
	"path/filepath"
	"testing"
)

// csvBytes is the total size of a model's CSV files (for MB/s).
func csvBytes(b *testing.B, dir string) int64 {
	files, _ := filepath.Glob(filepath.Join(dir, "csv", "*.csv"))
	var n int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	if n == 0 {
		b.Skipf("no CSV files in %s", dir)
	}
	return n
}

func benchRead(b *testing.B, name string) {
	dir := filepath.Join(modelsDir, name)
	b.SetBytes(csvBytes(b, dir))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadDir(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadDir_sweden_se(b *testing.B)   { benchRead(b, "sweden_se") }
func BenchmarkReadDir_electricity(b *testing.B) { benchRead(b, "electricity") }

func BenchmarkWriteDir_sweden_se(b *testing.B) {
	dir := filepath.Join(modelsDir, "sweden_se")
	m, err := ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "out")
	b.SetBytes(csvBytes(b, dir))
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDir(out, m); err != nil {
			b.Fatal(err)
		}
	}
}
