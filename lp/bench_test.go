package lp

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"
)

// readShared returns the decompressed bytes of a shared LP, skipping when
// the shared data is absent.
func readShared(b *testing.B, name string) []byte {
	f, err := os.Open("../../shared/data/lp/" + name)
	if err != nil {
		b.Skipf("shared LPs absent (%v)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkReadMPS reads UTOPIA's GLPK-written free MPS (34.6 MB, 119k
// rows, 147k columns) from memory, uncompressed.
func BenchmarkReadMPS(b *testing.B) {
	data := readShared(b, "utopia.mps.gz")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadMPS(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteMPS writes UTOPIA back as free MPS.
func BenchmarkWriteMPS(b *testing.B) {
	p, err := ReadMPS(bytes.NewReader(readShared(b, "utopia.mps.gz")))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	WriteMPS(&buf, p)
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteMPS(&buf, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate checks UTOPIA's problem.
func BenchmarkValidate(b *testing.B) {
	p, err := ReadMPS(bytes.NewReader(readShared(b, "utopia.mps.gz")))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
