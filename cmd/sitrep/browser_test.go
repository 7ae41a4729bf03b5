package main

import (
	"context"
	"encoding/json"
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

	"github.com/sitrep/sitrep/internal/querytable"
	"github.com/sitrep/sitrep/output/web"
)

// chromium finds the browser. Without it the test fails with what to
// install (make test says so before it starts), unless SITREP_SKIP_BROWSER=1
// asks to skip the browser tests knowingly.
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
	if os.Getenv("SITREP_SKIP_BROWSER") == "1" {
		t.Skip("chromium is not installed and SITREP_SKIP_BROWSER=1: browser test skipped")
	}
	t.Fatal("chromium is not installed: apt-get install chromium (.ci/run installs it), or SITREP_SKIP_BROWSER=1 to skip the browser tests")
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

// TestBrowserMaps: the report page and the dashboard draw the places on an
// offline map (the outlines come with sitrep), each marker on the country
// the place is in, and a marker leads to the reports naming the place.
func TestBrowserMaps(t *testing.T) {
	ctx, base := browse(t, examplesOut)
	b := tab{t, ctx}
	inside := `(() => {
		const ua = [...document.querySelectorAll('#map svg.worldmap path')].find(p => p.querySelector('title').textContent === 'Ukraine');
		const places = [...document.querySelectorAll('#map svg.worldmap circle.place')];
		const kh = places.find(c => c.querySelector('title').textContent.startsWith('Kherson'));
		if (!ua || !kh) return 'ukraine=' + !!ua + ' kherson=' + !!kh + ' places=' + places.length;
		const u = ua.getBoundingClientRect(), k = kh.getBoundingClientRect();
		const x = k.x + k.width / 2, y = k.y + k.height / 2;
		return 'places=' + places.length + ' inside=' + (x > u.left && x < u.right && y > u.top && y < u.bottom) + ' size=' + (k.width > 0);
	})()`
	b.do(chromedp.Navigate(base+"/report?id=daily/kherson-daily-assessment.html"), chromedp.WaitVisible(`#map svg.worldmap circle.place`))
	if got := b.eval(inside); !strings.Contains(got, "inside=true size=true") || strings.Contains(got, "places=0") || strings.Contains(got, "places=1 ") {
		t.Errorf("report map: %s", got)
	}
	b.screenshot("report-map.png")
	b.do(chromedp.Navigate(base+"/stats"), chromedp.WaitVisible(`#map svg.worldmap circle.place`))
	if got := b.eval(inside); !strings.Contains(got, "inside=true size=true") {
		t.Errorf("dashboard map: %s", got)
	}
	b.screenshot("stats-map.png")
	b.do(chromedp.Click(`#map svg.worldmap a`, chromedp.NodeVisible), chromedp.WaitVisible(`#hits li.hit`))
	if st := b.text(`#status`); !strings.Contains(st, "entity_id") {
		t.Errorf("a map marker led to %q", st)
	}
}

// TestBrowserQueryTable: every query of the committed table, typed into the
// page's search box, shows its reports and their copies.
func TestBrowserQueryTable(t *testing.T) {
	cases, err := querytable.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx, base := browse(t, querytable.Fixture(t))
	b := tab{t, ctx}
	// The page is ready when its first search (every report) is shown.
	b.do(chromedp.Navigate(base+"/"), chromedp.Poll[chromedp.Void](`document.getElementById('status').textContent.includes(' reports')`, chromedp.WithPollingTimeout(10*time.Second)))
	for _, c := range cases {
		// Searching from the box: the click shows "Searching…" at once, "N reports" once the answer is in.
		b.do(chromedp.SetValue(`#q`, c.Query), chromedp.Click(`#search-form button[type="submit"]`),
			chromedp.Poll[chromedp.Void](`document.getElementById('status').textContent.includes(' reports')`, chromedp.WithPollingTimeout(10*time.Second)))
		got := b.eval(`JSON.stringify([[...document.querySelectorAll('#hits li.hit')].map(x => x.dataset.id), [...document.querySelectorAll('#hits a.copy')].map(x => x.dataset.id)])`)
		var found [2][]string
		must(t, json.Unmarshal([]byte(got), &found))
		if err := c.Check(found[0], found[1]); err != nil {
			t.Error(err)
		}
	}
	// A query that cannot be parsed shows where.
	b.do(chromedp.SetValue(`#q`, "(Kherson OR"), chromedp.Click(`#search-form button[type="submit"]`),
		chromedp.Poll[chromedp.Void](`document.getElementById('status').className === 'error'`, chromedp.WithPollingTimeout(10*time.Second)))
	if st := b.text(`#status`); !strings.Contains(st, "^") || !strings.Contains(st, "column") {
		t.Errorf("bad query: status %q, want the spot shown", st)
	}
}

// TestBrowserTimelineDatesEntity: the timeline draws a bar per month with
// hits, a click on one (or the date fields) narrows the search to it, the
// entity page lists an actor's reports and judgments with a chart, every
// page has a search box, and nothing scrolls sideways.
func TestBrowserTimelineDatesEntity(t *testing.T) {
	ctx, base := browse(t, querytable.Fixture(t))
	b := tab{t, ctx}
	wait := func(cond string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second))
	}
	hits := `[...document.querySelectorAll('#hits li.hit')].map(x => x.dataset.id).sort().join(' ')`
	b.do(chromedp.Navigate(base+"/?q=TA505+OR+DreamBus"), wait(`document.querySelectorAll('#timeline-chart rect.bar').length > 0`))
	bars := b.eval(`[...document.querySelectorAll('#timeline-chart rect.bar')].filter(r => r.getBoundingClientRect().height > 0).map(r => r.dataset.month).join(' ')`)
	if bars != "2021-01 2021-10 2023-03" {
		t.Errorf("timeline bars with hits: %q, want 2021-01 2021-10 2023-03", bars)
	}
	b.screenshot("timeline.png")
	b.do(chromedp.Click(`#timeline-chart rect[data-month="2021-10"]`, chromedp.NodeVisible),
		wait(`document.getElementById('status').textContent.includes('published 2021-10-01 to 2021-10-31')`))
	if got := b.eval(hits); got != "annoctr/proofpoint_2021-10-19_whatta-ta-ta505-ramps-activity.txt" {
		t.Errorf("after a click on October 2021: %q", got)
	}
	b.do(chromedp.SetValue(`#from`, "2021-01-01"), chromedp.SetValue(`#to`, "2022-12-31"), chromedp.Click(`#dates button[type="submit"]`),
		wait(`document.getElementById('status').textContent.includes('published 2021-01-01 to 2022-12-31')`))
	if got := b.eval(hits); got != "annoctr/proofpoint_2021-10-19_whatta-ta-ta505-ramps-activity.txt annoctr/zscaler_2021-01-22_dreambus-botnet-technical-analysis.txt" {
		t.Errorf("published 2021-2022: %q", got)
	}

	// The entity page of TA505.
	b.do(chromedp.Navigate(base+"/entity?q=attack:G0092"), wait(`document.querySelectorAll('#reports tbody tr').length > 0`))
	reports := b.eval(`[...document.querySelectorAll('#reports tbody tr')].map(x => x.dataset.id).join(' ')`)
	if reports != "annoctr/proofpoint_2021-10-19_whatta-ta-ta505-ramps-activity.txt cti/loader-campaign-indicators.txt" {
		t.Errorf("entity page reports, oldest first: %q", reports)
	}
	name, judged, dots := b.text(`#name`), b.eval(`String(document.querySelectorAll('#judgments tbody tr').length)`),
		b.eval(`String([...document.querySelectorAll('#chart svg circle')].filter(c => c.getBoundingClientRect().width > 0).length)`)
	if name != "TA505" || judged == "0" || dots == "0" {
		t.Errorf("entity page: name %q, %s judgment rows, %s dots drawn", name, judged, dots)
	}
	if co := b.text(`#cooccurring`); !strings.Contains(co, "FlawedGrace") {
		t.Errorf("named with TA505: %q", co)
	}
	b.screenshot("entity.png")

	// Every page: a search box, and long unbroken text (a URL, an id) wraps.
	long := strings.Repeat("hxxp://very-long-indicator.example/", 20)
	for _, page := range []struct{ path, ready, into string }{
		{"/?q=Kherson", `document.querySelectorAll('#hits li.hit').length > 0`, `#hits .snippet`},
		{"/report?id=cti/loader-campaign-indicators.txt", `document.querySelectorAll('#text mark').length > 0`, `#text`},
		{"/entity?q=attack:G0092", `document.querySelectorAll('#reports tbody tr').length > 0`, `#judgments td:last-child`},
		{"/stats", `document.querySelectorAll('#chart-months svg').length > 0`, `#summary`},
	} {
		b.do(chromedp.Navigate(base+page.path), wait(page.ready))
		if n := b.eval(`String(document.querySelectorAll('header form input[name="q"], header #q').length)`); n != "1" {
			t.Errorf("%s: %s search boxes in the header", page.path, n)
		}
		wide := b.eval(`(() => { document.querySelector('` + page.into + `').append(' ` + long + `'); return String(document.documentElement.scrollWidth - document.documentElement.clientWidth); })()`)
		if wide != "0" {
			t.Errorf("%s scrolls sideways by %s px with a long URL in it", page.path, wide)
		}
	}
	b.do(chromedp.Navigate(base+"/report?id=cti/loader-campaign-indicators.txt"), wait(`document.querySelectorAll('#text mark').length > 0`),
		chromedp.SetValue(`header input[name="q"]`, "Kherson"))
	// The header's form is a plain GET to the search page: wait for it to load.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(`header button[type="submit"]`)); err != nil {
		t.Fatal(err)
	}
	b.do(wait(`document.querySelectorAll('#hits li.hit').length > 0`))
	if got := b.eval(hits); got != "daily/kherson-daily-assessment.html" {
		t.Errorf("search from the report page: %q", got)
	}
}
