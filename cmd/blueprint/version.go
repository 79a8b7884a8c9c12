package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
)

// version is the Blueprint version; release builds set it with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if _, err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "blueprint %s\ngo %s\nclp %s\n", version, runtime.Version(), clpVersion())
	return nil
}
