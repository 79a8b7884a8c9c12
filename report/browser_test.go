package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium or skips the test, saying how to
// install it.
func browser(t *testing.T) *Browser {
	t.Helper()
	if _, err := FindChromium(); err != nil {
		t.Skipf("skipping the headless-Chromium test: %v", err)
	}
	b, err := NewBrowser(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// domCheck is what the page reports about itself.
type domCheck struct {
	Width     float64   `json:"width"`
	TextLen   int       `json:"textLen"`
	Figures   []string  `json:"figures"`   // ids of figures whose SVG has area and shapes
	Empty     []string  `json:"empty"`     // ids of figures without a drawn SVG
	Overflow  []string  `json:"overflow"`  // elements wider than the page
	Sections  []float64 `json:"sections"`  // heights in px of the cover+section 1, then each section
	PageInner float64   `json:"pageInner"` // printable page height in px
}

const domScript = `(() => {
  const W = document.documentElement.clientWidth;
  const out = {width: W, textLen: document.body.innerText.length, figures: [], empty: [], overflow: [], sections: []};
  for (const f of document.querySelectorAll('figure.chart')) {
    const svg = f.querySelector('svg');
    const r = svg ? svg.getBoundingClientRect() : null;
    const shapes = svg ? svg.querySelectorAll('rect,polygon,polyline,line,circle,text').length : 0;
    if (svg && r.width > 100 && r.height > 50 && shapes > 10) out.figures.push(f.id); else out.empty.push(f.id);
  }
  // The page's text column: main's box (the body's content box, which
  // the A4 print area matches), not the wider screen viewport.
  const col = (document.querySelector('main') || document.body).getBoundingClientRect();
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > Math.min(W, col.right) + 0.5 || r.left < col.left - 0.5) out.overflow.push(e.tagName + (e.id ? '#' + e.id : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  const secs = [...document.querySelectorAll('main > section')];
  secs.forEach((s, i) => {
    let h = s.getBoundingClientRect().height;
    if (i === 0) h += document.querySelector('header').getBoundingClientRect().height;
    out.sections.push(h);
  });
  out.pageInner = (297 - 16 - 18) / 25.4 * 96;
  return out;
})()`

// TestBrowserRender opens the UTOPIA and the Beijing reports in headless
// Chromium at A4 width, in both languages: the page is not blank, every
// chart is drawn, nothing is wider than the page, and the PDF has the
// pages the layout predicts (±2) with its fonts embedded, the Chinese text
// extractable.
func TestBrowserRender(t *testing.T) {
	b := browser(t)
	t.Run("utopia", func(t *testing.T) {
		m, runs := utopia(t)
		rep, err := Build(Config{Runs: runs, Model: m, Heat: []string{"RH"}, Transport: []string{"TX"}})
		if err != nil {
			t.Fatal(err)
		}
		renderCheck(t, b, rep)
	})
	t.Run("beijing", func(t *testing.T) {
		m, runs := beijingSolved(t)
		rep, err := Build(beijingConfig(t, m, runs))
		if err != nil {
			t.Fatal(err)
		}
		renderCheck(t, b, rep)
	})
}

func renderCheck(t *testing.T, b *Browser, rep *Report) {
	dir := t.TempDir()
	w, err := WriteFiles(context.Background(), rep, dir, []Lang{EN, ZH}, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, lang := range []Lang{EN, ZH} {
		t.Run(string(lang), func(t *testing.T) {
			path := w.HTML[i]
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wantFigs := regexp.MustCompile(`<figure id="(fig\d+)"`).FindAllStringSubmatch(string(src), -1)
			tab, cancel := chromedp.NewContext(b.Context())
			defer cancel()
			if err := chromedp.Do(tab, chromedp.EmulateViewport(794, 1123), chromedp.Navigate("file://"+path), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			d, err := chromedp.Run(tab, chromedp.Evaluate[domCheck](domScript))
			if err != nil {
				t.Fatal(err)
			}
			if d.TextLen < 2000 {
				t.Errorf("page text is only %d characters", d.TextLen)
			}
			if len(d.Figures) != len(wantFigs) || len(d.Empty) > 0 {
				t.Errorf("%d of %d charts drawn; empty: %v", len(d.Figures), len(wantFigs), d.Empty)
			}
			if len(d.Overflow) > 0 {
				t.Errorf("elements outside the text column (viewport %v px): %v", d.Width, d.Overflow)
			}
			shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if frac := inkFraction(t, shot); frac < 0.02 {
				t.Errorf("first screen is blank: %.3f of pixels not white", frac)
			}
			pdf := filepath.Join(dir, "report."+string(lang)+".pdf")
			if err := b.PrintPDF(path, pdf); err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, h := range d.Sections {
				want += int(h/d.PageInner) + 1
			}
			checkPDF(t, pdf, want, lang)
		})
	}
}

// inkFraction returns the share of pixels of a PNG that are not white.
func inkFraction(t *testing.T, data []byte) float64 {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	bounds := img.Bounds()
	ink := 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || b < 0xf000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(bounds.Dx()*bounds.Dy())
}

// checkPDF checks the page count (±2 of want) with pdfinfo, that pdffonts
// lists only embedded fonts, and for Chinese that the CJK text comes back
// out of the PDF (so its glyphs and their Unicode map are embedded).
// Chromium's PDF backend (Skia) embeds CFF-flavoured OpenType fonts such
// as Noto Sans CJK as unnamed Type 3 fonts, so the report's font stack
// puts TrueType fonts first (Liberation/DejaVu Sans for Latin, WenQuanYi
// Zen Hei for CJK), which are embedded as named CID TrueType subsets: the
// check asks pdffonts for a named CJK font.
func checkPDF(t *testing.T, pdf string, want int, lang Lang) {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Logf("skipping the PDF checks: poppler-utils not installed (apt-get install -y poppler-utils)")
		return
	}
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: no page count in %s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	if pages < want-2 || pages > want+2 {
		t.Errorf("%d pages, layout predicts %d", pages, want)
	}
	fonts, err := exec.Command("pdffonts", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", fonts)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni id gen: emb is the 5th from the end
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	if lang == ZH {
		txt, err := exec.Command("pdftotext", "-l", "3", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"当前排放从何而来", "目录"} {
			if !strings.Contains(string(txt), s) {
				t.Errorf("the Chinese PDF's text lacks %q (CJK font missing? apt-get install -y fonts-noto-cjk)", s)
			}
		}
		if !regexp.MustCompile(`(?i)\+(WenQuanYi|NotoSansCJK|NotoSansSC|\S*(Hei|Song|Ming))`).Match(fonts) {
			t.Errorf("no named CJK font embedded (pdffonts):\n%s\n(apt-get install -y fonts-wqy-zenhei)", fonts)
		}
	}
}

// TestBrowserChecksCatchFaults runs the DOM checks on a page with a
// too-wide table and an empty figure: they must flag both.
func TestBrowserChecksCatchFaults(t *testing.T) {
	b := browser(t)
	path := filepath.Join(t.TempDir(), "bad.html")
	bad := `<!DOCTYPE html><html><body style="max-width:600px;margin:0 auto"><header>x</header><main><section><table style="width:700px"><tr><td>wider than the text column, narrower than the screen</td></tr></table>
<figure id="fig1" class="chart"><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg></figure></section></main></body></html>`
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	tab, cancel := chromedp.NewContext(b.Context())
	defer cancel()
	if err := chromedp.Do(tab, chromedp.EmulateViewport(794, 1123), chromedp.Navigate("file://"+path), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	d, err := chromedp.Run(tab, chromedp.Evaluate[domCheck](domScript))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Overflow) == 0 {
		t.Error("a table wider than the text column did not count as overflowing")
	}
	if len(d.Empty) != 1 || len(d.Figures) != 0 {
		t.Errorf("empty figure not caught: figures %v, empty %v", d.Figures, d.Empty)
	}
	shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if f := inkFraction(t, shot); f > 0.02 {
		t.Errorf("an almost empty page has ink fraction %.3f", f)
	}
}
