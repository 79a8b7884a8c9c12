package mathprog

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"blueprint/model"
)

var update = flag.Bool("update", false, "rewrite testdata/broken/*.golden")

// loadAndValidate is what the CLI does with a data file: read it, then
// validate the model. It returns the problems as text, one per line.
func loadAndValidate(path string) (string, error) {
	m, err := ReadFiles(path)
	if err != nil {
		return err.Error(), err
	}
	errs, _ := model.Validate(m)
	if len(errs) == 0 {
		return "", nil
	}
	return errs.Error(), errs
}

// TestBroken reads each small edit of UTOPIA in testdata/broken and compares
// the messages with the .golden file (go test -run Broken -update rewrites
// them). Each message must also name the file, the line and the faulty
// text, whatever the golden says.
func TestBroken(t *testing.T) {
	cases := []struct {
		name     string
		sentinel error
		line     int
		text     string // what the first message must quote
	}{
		{"typo_element", model.ErrUnknownElement, 141, "E7O"},
		{"missing_semicolon", model.ErrSyntax, 106, "param"},
		{"wrong_arity", model.ErrArity, 140, "slice has 4 positions"},
		{"duplicate_row", model.ErrDuplicate, 498, "0.5"},
		{"text_value", model.ErrNotNumber, 135, "3l.536"},
		{"negative_life", model.ErrDomain, 399, "-40"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join("testdata", "broken", tc.name+".txt")
			got, err := loadAndValidate(path)
			if err == nil {
				t.Fatalf("%s: no error", path)
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("error does not wrap %v:\n%s", tc.sentinel, got)
			}
			first := strings.SplitN(got, "\n", 2)[0]
			prefix := path + ":" + strconv.Itoa(tc.line) + ":"
			if !strings.HasPrefix(first, prefix) {
				t.Errorf("first message lost file or line (want prefix %q):\n%s", prefix, first)
			}
			if !strings.Contains(first, tc.text) {
				t.Errorf("first message does not quote %q:\n%s", tc.text, first)
			}
			golden := strings.TrimSuffix(path, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run Broken -update)", err)
			}
			if got+"\n" != string(want) {
				t.Errorf("messages differ from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}
