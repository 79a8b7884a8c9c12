package main

import (
	"flag"
	"io"
	"reflect"
	"testing"
)

func TestParseFlagsInterspersed(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantPos []string
		wantJS  bool
		wantN   int
	}{
		{"flags after", []string{"model.mps", "--json"}, []string{"model.mps"}, true, 0},
		{"flags before", []string{"--json", "-n", "3", "a", "b"}, []string{"a", "b"}, true, 3},
		{"flags between", []string{"a", "-n=4", "b", "--json"}, []string{"a", "b"}, true, 4},
		{"double dash", []string{"a", "--", "--json"}, []string{"a", "--json"}, false, 0},
		{"none", nil, nil, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			js := fs.Bool("json", false, "")
			n := fs.Int("n", 0, "")
			pos, err := parseFlags(fs, tc.args, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(pos, tc.wantPos) || *js != tc.wantJS || *n != tc.wantN {
				t.Errorf("got pos=%q json=%v n=%d, want %q %v %d", pos, *js, *n, tc.wantPos, tc.wantJS, tc.wantN)
			}
		})
	}
}

func TestParseFlagsBadFlag(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Bool("json", false, "")
	_, err := parseFlags(fs, []string{"a", "--nope"}, io.Discard)
	if exitCode(err, io.Discard) != exitInput {
		t.Fatalf("bad flag: want exit %d, got err %v", exitInput, err)
	}
}

func TestSubcommandHelpExitsZero(t *testing.T) {
	for name := range commands {
		for _, h := range []string{"-h", "--help"} {
			if code := dispatch(t.Context(), []string{name, h}, io.Discard, io.Discard); code != exitOK {
				t.Errorf("blueprint %s %s: exit %d, want %d", name, h, code, exitOK)
			}
		}
	}
}
