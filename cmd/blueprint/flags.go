package main

import (
	"errors"
	"flag"
	"io"
	"strings"
)

// parseFlags parses args with fs, allowing flags before, between and after
// positional arguments (users type "blueprint solve model.mps --json"); the
// standard flag package alone stops at the first positional argument.
// "--" ends flag parsing. It returns the positional arguments in order.
// -h/--help prints the flag defaults and returns a silent error that exits
// with code 0, so "blueprint run -h" succeeds like "blueprint -h".
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	var pos []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, withCode(exitOK, errSilent)
			}
			return nil, usageErrorf("%s: %v", fs.Name(), err)
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		// fs stopped at a positional argument or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		rest = rest[1:]
		args = rest
		if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
			continue
		}
	}
	return pos, nil
}
