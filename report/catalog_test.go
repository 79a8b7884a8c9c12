package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// messages returns every message literal of the package: the first
// argument of calls to T, F and axisUnit, and the milestone labels.
func messages(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "T" && sel.Sel.Name != "F" && sel.Sel.Name != "axisUnit") {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
				}
				set[s] = true
			}
			return true
		})
	}
	for _, m := range metricNames {
		set[m.label] = true
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// TestCatalogComplete fails for any message of the report without a
// Chinese entry, for entries nobody uses, and for translations whose
// %[n]s verbs differ from the English.
func TestCatalogComplete(t *testing.T) {
	cat, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	msgs := messages(t)
	if len(msgs) < 50 {
		t.Fatalf("found only %d messages: the scan is broken", len(msgs))
	}
	used := map[string]bool{}
	var missing []string
	for _, m := range msgs {
		used[m] = true
		zh, ok := cat[m]
		if !ok {
			missing = append(missing, m)
			continue
		}
		if verbs(m) != verbs(zh) {
			t.Errorf("%q: verbs %q, translation %q has %q", m, verbs(m), zh, verbs(zh))
		}
		if m != "" && !hasHan(zh) && !strings.ContainsAny(zh, "，、（）") && m != ", " {
			t.Errorf("%q: translation %q has no Chinese", m, zh)
		}
	}
	if len(missing) > 0 {
		if os.Getenv("CATALOG_TODO") != "" {
			for _, m := range missing {
				t.Logf("%s\tTODO", m)
			}
		}
		t.Errorf("%d messages have no Chinese entry in messages.zh.tsv (CATALOG_TODO=1 lists them): %q", len(missing), missing)
	}
	for k := range cat {
		if !used[k] && !catalogData[k] {
			t.Errorf("messages.zh.tsv: %q is not a message of the report (remove it, or move it below #data)", k)
		}
	}
}

// verbs returns the sorted %[n]s verbs of s.
func verbs(s string) string {
	var v []string
	for i := 0; i+4 < len(s); i++ {
		if s[i] == '%' && s[i+1] == '[' {
			j := strings.IndexByte(s[i:], 's')
			v = append(v, s[i:i+j+1])
		}
	}
	sort.Strings(v)
	return strings.Join(v, " ")
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
