package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"blueprint/results"
)

// Written lists the files [WriteFiles] wrote.
type Written struct {
	HTML []string
	PDF  []string
}

// WriteFiles writes DIR/report.<lang>.html for every language and, with
// pdf, prints each to DIR/report.<lang>.pdf with headless Chromium. The
// HTML files are written (atomically) before any PDF is tried, so a
// missing Chromium ([ErrNoChromium]) still leaves the HTML reports.
func WriteFiles(ctx context.Context, rep *Report, dir string, langs []Lang, pdf bool) (Written, error) {
	var out Written
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out, fmt.Errorf("report: %w", err)
	}
	for _, l := range langs {
		path := filepath.Join(dir, "report."+string(l)+".html")
		if err := results.WriteFileAtomic(path, func(w io.Writer) error { return rep.WriteHTML(w, l) }); err != nil {
			return out, err
		}
		out.HTML = append(out.HTML, path)
	}
	if !pdf {
		return out, nil
	}
	b, err := NewBrowser(ctx)
	if err != nil {
		return out, err
	}
	defer b.Close()
	for _, h := range out.HTML {
		p := h[:len(h)-len(".html")] + ".pdf"
		if err := b.PrintPDF(h, p); err != nil {
			return out, err
		}
		out.PDF = append(out.PDF, p)
	}
	return out, nil
}
