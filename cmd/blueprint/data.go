package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"blueprint/dataset/beijing"
)

// dataJSON is the object printed by `blueprint data beijing --json`.
type dataJSON struct {
	Dataset   string   `json:"dataset"`
	Out       string   `json:"out"`
	Model     string   `json:"model"`
	Scenarios []string `json:"scenarios"`
}

// runData implements `blueprint data beijing --out DIR [--json]`: it writes
// the embedded Beijing model (DIR/model, an otoole folder with SOURCE and
// NOTE columns) and its scenario overlays (DIR/scenarios/NAME) for users to
// edit and run with `blueprint run DIR/model --scenario DIR/scenarios/NAME`.
func runData(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("data", flag.ContinueOnError)
	out := fs.String("out", "", "`dir` to write the model and scenarios into (created if missing)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: blueprint data beijing --out DIR [--json]\n\nWrites the embedded Beijing model (DIR/model) and scenarios (DIR/scenarios/NAME) as CSV.")
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "beijing" {
		return usageErrorf("data: want the dataset name beijing (usage: blueprint data beijing --out DIR)")
	}
	if *out == "" {
		return usageErrorf("data: --out DIR is required")
	}
	if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
		return usageErrorf("data: --out %s is a file, not a folder", *out)
	}
	if err := beijing.WriteDir(*out); err != nil {
		return fmt.Errorf("data beijing: %w", err)
	}
	res := dataJSON{Dataset: "beijing", Out: *out, Model: filepath.Join(*out, "model"), Scenarios: beijing.ScenarioNames()}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "model      %s\n", res.Model)
	for _, s := range res.Scenarios {
		fmt.Fprintf(stdout, "scenario   %s\n", filepath.Join(*out, "scenarios", s))
	}
	fmt.Fprintf(stderr, "run with: blueprint run %s --scenario %s\n", res.Model, filepath.Join(*out, "scenarios", res.Scenarios[len(res.Scenarios)-1]))
	return nil
}
