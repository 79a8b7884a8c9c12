package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"blueprint/otoole"
)

func TestData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bj")
	var out, errb bytes.Buffer
	if err := runData(context.Background(), []string{"beijing", "--out", dir, "--json"}, &out, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	var res dataJSON
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if res.Model != filepath.Join(dir, "model") || len(res.Scenarios) != 3 {
		t.Errorf("json = %+v", res)
	}
	m, err := otoole.ReadDir(res.Model)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Groups) == 0 || m.Set("REGION").Elems[0] != "BEIJING" {
		t.Errorf("written model: groups %d, regions %v", len(m.Groups), m.Set("REGION").Elems)
	}
	for _, s := range res.Scenarios {
		if _, err := os.Stat(filepath.Join(dir, "scenarios", s, "scenario.yaml")); err != nil {
			t.Error(err)
		}
	}
}

func TestDataUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"utopia", "--out", "x"}, {"beijing"}} {
		var out, errb bytes.Buffer
		err := runData(context.Background(), args, &out, &errb)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != exitInput {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}
