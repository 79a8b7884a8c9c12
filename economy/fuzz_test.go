package economy

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// FuzzReadTable: no panic on any input; a table that reads writes and reads
// back to the same numbers.
func FuzzReadTable(f *testing.F) {
	for _, p := range []string{"testdata/millerblair.csv", "testdata/typeii_one.csv", "testdata/utopia_io.csv"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("SECTOR,NAME,1,X\n1,a,1,2\nVA,,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadTable(bytes.NewReader(data), "f.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		_ = tab.Validate(0)
		if len(tab.Sectors) < 100 {
			_, _ = NewModel(tab, 0)
		}
		var buf bytes.Buffer
		if err := WriteTable(&buf, tab); err != nil {
			t.Fatal(err)
		}
		back, err := ReadTable(&buf, "back.csv")
		if err != nil {
			t.Fatalf("written table does not read back: %v\n%s", err, buf.String())
		}
		if len(back.Sectors) != len(tab.Sectors) || len(back.Final) != len(tab.Final) {
			t.Fatalf("round trip changed the shape")
		}
		for i := range tab.Z {
			if abs(back.Z[i]-tab.Z[i]) > 1e-9*abs(tab.Z[i]) {
				t.Fatalf("Z[%d] %g read back as %g", i, tab.Z[i], back.Z[i])
			}
		}
	})
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// FuzzReadBridge: no panic; errors carry the file name.
func FuzzReadBridge(f *testing.F) {
	for _, p := range []string{"testdata/utopia_bridge.csv", beijingDir + "/" + BridgeFile} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadBridge(bytes.NewReader(data), "f.csv")
		if err != nil && !strings.Contains(err.Error(), "f.csv") {
			t.Fatalf("error without file: %v", err)
		}
	})
}

// FuzzReadHouseholds: no panic; errors carry the file name.
func FuzzReadHouseholds(f *testing.F) {
	for _, p := range []string{"testdata/utopia_households.csv", beijingDir + "/" + HouseholdsFile} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadHouseholds(bytes.NewReader(data), "f.csv")
		if err != nil && !strings.Contains(err.Error(), "f.csv") {
			t.Fatalf("error without file: %v", err)
		}
	})
}
