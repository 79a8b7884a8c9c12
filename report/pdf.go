package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/chromedp/chromedp"

	"blueprint/results"
)

// ErrNoChromium is returned (wrapped) when no Chromium is installed; its
// message says how to install one.
var ErrNoChromium = errors.New("report: the PDF needs Chromium, which is not installed; install it with `apt-get install -y chromium fonts-noto-cjk fonts-wqy-zenhei` (or `make report-deps`), or set BLUEPRINT_CHROMIUM to a Chromium or Chrome binary; the HTML report does not need it")

// FindChromium returns the Chromium binary: $BLUEPRINT_CHROMIUM, else the
// first of chromium, chromium-browser, google-chrome and
// google-chrome-stable on PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("BLUEPRINT_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("report: BLUEPRINT_CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Browser is a headless Chromium started for printing (and for tests that
// inspect the rendered page). It runs offline: no network service, sync,
// component updates or first-run work, with a fresh profile removed by
// Close.
type Browser struct {
	ctx     context.Context
	cancels []context.CancelFunc
	profile string
}

// NewBrowser starts headless Chromium (see [FindChromium]); ctx bounds its
// life. Close it when done.
func NewBrowser(ctx context.Context) (*Browser, error) {
	exe, err := FindChromium()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "blueprint-chromium-")
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(794, 1123), // A4 at 96 dpi
	}
	b := &Browser{profile: profile}
	actx, c1 := chromedp.NewExecAllocator(ctx, opts...)
	bctx, c2 := chromedp.NewContext(actx)
	b.ctx, b.cancels = bctx, []context.CancelFunc{c2, c1}
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		b.Close()
		return nil, fmt.Errorf("report: start %s: %w", exe, err)
	}
	return b, nil
}

// Context is the browser's chromedp context (for chromedp.Run).
func (b *Browser) Context() context.Context { return b.ctx }

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	for _, c := range b.cancels {
		c()
	}
	b.cancels = nil
	if b.profile != "" {
		os.RemoveAll(b.profile)
		b.profile = ""
	}
}

// footer numbers the pages ("3 / 12").
const footer = `<div style="width:100%;text-align:center;font-size:8pt;color:#555;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`

// PrintPDF prints the HTML file htmlPath to pdfPath: A4 (the page's
// @page rule), backgrounds, page numbers in the footer. The PDF is written
// atomically.
func (b *Browser) PrintPDF(htmlPath, pdfPath string) error {
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+abs), chromedp.WaitReady("body")); err != nil {
		return fmt.Errorf("report: open %s: %w", htmlPath, err)
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFHeaderTemplate("<span></span>"),
		chromedp.PDFFooterTemplate(footer),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		return fmt.Errorf("report: print %s: %w", htmlPath, err)
	}
	return results.WriteFileAtomic(pdfPath, func(w io.Writer) error {
		_, err := w.Write(pdf)
		return err
	})
}
