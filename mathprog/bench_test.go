package mathprog

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"blueprint/model"
)

func benchRead(b *testing.B, rel string) {
	data, err := os.ReadFile(filepath.Join(modelsDir, rel))
	if err != nil {
		b.Fatal(err)
	}
	s := model.DefaultSchema()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var m *model.Model
	for b.Loop() {
		m = model.New(s)
		if err := Read(bytes.NewReader(data), rel, m); err != nil {
			b.Fatal(err)
		}
	}
	// live-B is the heap the loaded model keeps (B/op, everything allocated
	// while reading, bounds the peak from above).
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc), "live-B")
	runtime.KeepAlive(m)
}

func BenchmarkReadUtopia(b *testing.B)      { benchRead(b, "utopia/utopia.txt") }
func BenchmarkReadElectricity(b *testing.B) { benchRead(b, "electricity/electricity.txt") }
func BenchmarkReadSwedenSE(b *testing.B)    { benchRead(b, "sweden_se/sweden_se.txt") }

func BenchmarkWriteSwedenSE(b *testing.B) {
	m, err := ReadFiles(filepath.Join(modelsDir, "sweden_se/sweden_se.txt"))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, m); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, m); err != nil {
			b.Fatal(err)
		}
	}
}
