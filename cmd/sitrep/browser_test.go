package main

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/sitrep/sitrep/output/web"
)

// chromium finds the browser. CI installs Debian's chromium (.ci/run); a
// developer machine without it skips with a message, CI fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed: .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium); CI runs this test")
	return ""
}

// browse starts `serve` for dir on a loopback port and a headless Chromium.
func browse(t *testing.T, dir string) (context.Context, string) {
	t.Helper()
	exe := chromium(t)
	s, err := web.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); s.Close() })
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1000),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	// Any JavaScript dialog is a script injected by a report: fail loudly.
	if err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			t.Errorf("a JavaScript dialog opened: %q", d.Message) // the page then blocks: the test fails at its timeout
		}
	}); err != nil {
		t.Fatal(err)
	}
	return ctx, srv.URL
}

// page wraps a browser tab: each helper fails the test on error.
type tab struct {
	t   *testing.T
	ctx context.Context
}

func (b tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

func (b tab) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(sel))
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

func (b tab) eval(expr string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

func (b tab) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
	if err != nil {
		b.t.Fatal(err)
	}
	dir := os.Getenv("SITREP_SCREENSHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	}
	p := filepath.Join(dir, name)
	must(b.t, os.WriteFile(p, png, 0o644))
	b.t.Logf("screenshot: %s (%d bytes)", p, len(png))
}

func TestBrowserSearchFacetReport(t *testing.T) {
	ctx, base := browse(t, examplesOut)
	b := tab{t, ctx}
	b.do(chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`#q`),
		chromedp.SendKeys(`#q`, "likely"),
		chromedp.Submit(`#q`),
		chromedp.WaitVisible(`#hits li.hit`),
		chromedp.WaitVisible(`.facet[data-facet="label"] .facet-term`))
	status := b.text(`#status`)
	before := b.eval(`String(document.querySelectorAll('#hits li.hit').length)`)
	// Click the GROUP entry of the entity-type facet.
	facet := b.eval(`(() => { for (const x of document.querySelectorAll('.facet[data-facet="label"] .facet-term')) { if (x.firstChild.textContent === 'GROUP') { x.click(); return 'GROUP'; } } return ''; })()`)
	b.do(chromedp.WaitVisible(`button.filter`), chromedp.Sleep(300*time.Millisecond))
	after := b.eval(`String(document.querySelectorAll('#hits li.hit').length)`)
	filtered := b.text(`#status`)
	if !strings.Contains(status, "reports for likely") || facet != "GROUP" || after == "0" || !strings.Contains(filtered, "label:GROUP") {
		t.Errorf("search: status %q with %s hits; facet %q; then %q with %s hits", status, before, facet, filtered, after)
	}
	b.screenshot("search.png")
	b.do(chromedp.Click(`#hits li.hit a.hit-title`, chromedp.NodeVisible), chromedp.WaitVisible(`#text mark.ent`))
	marks := b.eval(`String(document.querySelectorAll('#text mark.ent').length)`)
	visible := b.eval(`(() => { const m = document.querySelector('#text mark.ent'); const r = m.getBoundingClientRect(); return String(r.width > 0 && r.height > 0 && getComputedStyle(m).visibility === 'visible'); })()`)
	if n, _ := strconv.Atoi(marks); n < 3 || visible != "true" {
		t.Errorf("report page: %s entity marks, visible %s", marks, visible)
	}
	b.screenshot("report.png")
	// An entity link searches for that entity.
	b.do(chromedp.Click(`#entities li.entity a`, chromedp.NodeVisible), chromedp.WaitVisible(`#hits li.hit`))
	if st := b.text(`#status`); !strings.Contains(st, "entity") {
		t.Errorf("entity link led to %q", st)
	}
}

// TestBrowserEscapesReports: script, attribute and URL payloads inside a
// report and inside a query are shown as text and never run.
func TestBrowserEscapesReports(t *testing.T) {
	corpus := t.TempDir()
	payload := "<script>window.pwned='script'</script> ISKP <img src=x onerror=\"window.pwned='img'\"> " +
		"<a href=\"javascript:window.pwned='url'\">click</a> \"><svg onload=window.pwned='svg'>"
	must(t, os.WriteFile(filepath.Join(corpus, "xss.txt"),
		[]byte("<script>window.pwned='title'</script> Report\n\nKey Takeaways\n\n- "+payload+" will likely strike.\n\n"+payload+"\n"), 0o644))
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errs := sitrep(t, "annotate", "-q", corpus, "-o", out); code != 0 {
		t.Fatal(errs)
	}
	ctx, base := browse(t, out)
	b := tab{t, ctx}
	b.do(chromedp.Navigate(base+"/report?id=xss.txt"), chromedp.WaitVisible(`#text mark`), chromedp.Sleep(300*time.Millisecond))
	pwned, text, title := b.eval(`String(window.pwned)`), b.text(`#text`), b.text(`#title`)
	if pwned != "undefined" || !strings.Contains(text, "<script>window.pwned='script'</script>") || !strings.Contains(title, "<script>") {
		t.Errorf("report page: pwned=%s; text shown %q; title %q", pwned, text[:min(len(text), 120)], title)
	}
	b.do(chromedp.Navigate(base+"/?q="+strings.ReplaceAll("\"><script>window.pwned='query'</script> script onerror", " ", "+")),
		chromedp.WaitVisible(`#status`), chromedp.Sleep(500*time.Millisecond))
	if pwned := b.eval(`String(window.pwned)`); pwned != "undefined" {
		t.Errorf("search page ran a script from the query or a snippet: pwned=%s", pwned)
	}
	b.screenshot("escaped.png")
}

// TestBrowserStatsDashboard: the dashboard draws its charts (bars with a
// size, a line with points) in a real browser, under the server's CSP.
func TestBrowserStatsDashboard(t *testing.T) {
	ctx, base := browse(t, examplesOut)
	b := tab{t, ctx}
	b.do(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`a.dash`), chromedp.Click(`a.dash`, chromedp.NodeVisible),
		chromedp.WaitVisible(`#chart-months svg`), chromedp.SendKeys(`input[name="entity"]`, "ISKP"),
		chromedp.Submit(`input[name="entity"]`), chromedp.WaitVisible(`#track`))
	drawn := b.eval(`(() => {
		const out = [];
		for (const id of ['months', 'judgments', 'probability', 'sites']) {
			let n = 0;
			for (const r of document.querySelectorAll('#chart-' + id + ' svg rect')) {
				const bb = r.getBoundingClientRect();
				if (bb.width > 0 && bb.height > 0) n++;
			}
			out.push(id + '=' + n);
		}
		const lines = document.querySelectorAll('#chart-probability polyline');
		out.push('lines=' + lines.length);
		out.push('font=' + getComputedStyle(document.body).fontFamily.includes('system-ui'));
		return out.join(' ');
	})()`)
	for _, want := range []string{"lines=2", "font=true"} {
		if !strings.Contains(drawn, want) {
			t.Errorf("dashboard: %s (want %s)", drawn, want)
		}
	}
	for _, f := range strings.Fields(drawn) {
		if name, n, _ := strings.Cut(f, "="); name != "lines" && name != "font" && (n == "0" || n == "") {
			t.Errorf("chart %s drew nothing (%s)", name, drawn)
		}
	}
	if tr := b.text(`#track`); !strings.Contains(tr, "ISKP") {
		t.Errorf("track section: %q", tr)
	}
	b.screenshot("stats.png")
}
