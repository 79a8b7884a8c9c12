package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Source describes one source id of a dataset (a row of its SOURCES.md).
type Source struct {
	ID, Title, Publisher, Year, Reliability string
}

// ParseSources reads the source table of a dataset's SOURCES.md: the
// Markdown table rows whose first cell is an id (S01, …), with columns
// ID | Title | Publisher / authors | Year | URL | What it gives | Rel.
// Other lines are ignored; a row with fewer than 7 cells is an error
// naming its line.
func ParseSources(r io.Reader, name string) (map[string]Source, error) {
	out := map[string]Source{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(s, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(s, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if !reSourceID.MatchString(cells[0]) || reSourceID.FindString(cells[0]) != cells[0] {
			continue // header, rule or another table
		}
		if len(cells) < 7 {
			return nil, fmt.Errorf("report: %s:%d: source %s has %d cells, want 7 (ID | Title | Publisher | Year | URL | What | Rel.)", name, line, cells[0], len(cells))
		}
		out[cells[0]] = Source{ID: cells[0], Title: cells[1], Publisher: cells[2], Year: cells[3], Reliability: cells[len(cells)-1]}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("report: %s: %w", name, err)
	}
	return out, nil
}
