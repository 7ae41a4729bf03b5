package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/querytable"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/internal/outtest"
	"github.com/sitrep/sitrep/output/search"
	"github.com/sitrep/sitrep/pipeline"
)

// testServer writes one record with hostile text into an OUT folder and serves it.
func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	text := `<script>alert(1)</script> ISKP "><img src=x onerror=alert(2)> javascript:alert(3)`
	d := &pipeline.Document{ID: "a/x.txt", Title: "<b>title</b>", Text: text,
		Source:    pipeline.Source{Path: "a/x.txt", Format: "txt", SHA256: strings.Repeat("0", 64), Bytes: int64(len(text))},
		Sentences: []pipeline.Sentence{{Start: 0, End: len(text)}}}
	d.Normalize()
	r, err := output.Begin(dir, output.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Write(d, nil); err != nil {
		t.Fatal(err)
	}
	if err := r.Commit(&output.Manifest{Files: []output.FileEntry{{ID: d.ID, Status: output.StatusOK}}}); err != nil {
		t.Fatal(err)
	}
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); s.Close() })
	return srv
}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestSecurityHeadersAndEscaping(t *testing.T) {
	srv := testServer(t)
	for _, path := range []string{"/", "/report?id=a/x.txt", "/api/search?q=iskp", "/api/reports/a/x.txt", "/static/search.js", "/stats", "/stats?entity=%3Cscript%3E"} {
		resp, body := get(t, srv.URL+path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
			continue
		}
		h := resp.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: missing security headers: %v", path, h)
		}
		if (strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/stats")) && (strings.Contains(body, "<script") || strings.Contains(body, "<img")) {
			t.Errorf("%s: raw markup in a JSON answer: %s", path, body)
		}
	}
	// The JSON still carries the text exactly (escaped as \u003c, decoded by the client as text).
	_, body := get(t, srv.URL+"/api/reports/a/x.txt")
	var rec struct{ Text string }
	if err := json.Unmarshal([]byte(body), &rec); err != nil || !strings.HasPrefix(rec.Text, "<script>alert(1)</script>") {
		t.Errorf("record text lost: %v %q", err, rec.Text)
	}
}

func TestRequestsAreBounded(t *testing.T) {
	srv := testServer(t)
	tests := []struct {
		path string
		want int
	}{
		{"/api/reports/../manifest.json", http.StatusNotFound},             // cleaned by the mux, then no such page
		{"/api/reports/a%2F..%2F..%2Fetc%2Fpasswd", http.StatusBadRequest}, // an id that climbs out
		{"/api/reports/nope.txt", http.StatusNotFound},
		{"/api/search?q=" + url.QueryEscape(`entity:"unclosed`), http.StatusBadRequest},
		{"/api/search?q=" + strings.Repeat("a", MaxQueryBytes+1), http.StatusBadRequest},
		{"/api/search?q=x&filter=nofield", http.StatusBadRequest},
		{"/api/search?q=x&filter=secret:1", http.StatusBadRequest},
		{"/api/search?q=iskp&limit=100000", http.StatusOK},
	}
	for _, tt := range tests {
		resp, body := get(t, srv.URL+tt.path)
		if resp.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d (%s)", tt.path, resp.StatusCode, tt.want, body)
		}
	}
	_, body := get(t, srv.URL+"/api/search?q=iskp&limit=100000")
	if !strings.Contains(body, `"hits":[{`) {
		t.Errorf("limit clamp: %s", body)
	}
	resp, err := http.Post(srv.URL+"/api/search", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405 (read-only)", resp.StatusCode)
	}
}

func TestStatsPage(t *testing.T) {
	srv := testServer(t)
	resp, body := get(t, srv.URL+"/stats?entity=ISKP")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/stats: %d", resp.StatusCode)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "style-src 'self' 'sha256-") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("stats CSP = %s", csp)
	}
	for _, want := range []string{"1 reports", `id="chart-months"`, `name="entity" value="ISKP"`} {
		if !strings.Contains(body, want) {
			t.Errorf("stats page lacks %s", want)
		}
	}
	if resp, _ := get(t, srv.URL+"/stats?entity="+strings.Repeat("x", 201)); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("long entity: %d", resp.StatusCode)
	}
}

// TestSeveralFolders: the shards of one corpus are served as one: a search
// finds reports of both, and each report page reads its own folder.
func TestSeveralFolders(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	outtest.WriteRun(t, a, outtest.Doc("one.txt", "ISKP will possibly strike Kabul."))
	outtest.WriteRun(t, b, outtest.Doc("two.txt", "ISKP will possibly strike Herat."))
	s, err := New(a, b)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { srv.Close(); s.Close() })
	resp, body := get(t, srv.URL+"/api/search?q=ISKP")
	var res struct {
		Total int `json:"total"`
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &res) != nil || res.Total != 2 {
		t.Errorf("search over two folders: %d %s", resp.StatusCode, body)
	}
	if resp, body := get(t, srv.URL+"/api/reports/two.txt"); resp.StatusCode != 200 || !strings.Contains(body, "Herat") {
		t.Errorf("report of the second folder: %d %.80s", resp.StatusCode, body)
	}
	if resp, _ := get(t, srv.URL+"/api/reports/three.txt"); resp.StatusCode != 404 {
		t.Errorf("a report in no folder: %d, want 404", resp.StatusCode)
	}
	if resp, body := get(t, srv.URL+"/stats"); resp.StatusCode != 200 || !strings.Contains(body, ">2 reports") {
		t.Errorf("stats over two folders: %d", resp.StatusCode)
	}
}

// TestQueryTableAPI: every query of the committed table finds its reports
// and lists their copies through /api/search.
func TestQueryTableAPI(t *testing.T) {
	cases, err := querytable.Load()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(querytable.Fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer func() { srv.Close(); s.Close() }()
	for _, c := range cases {
		resp, err := http.Get(srv.URL + "/api/search?limit=100&q=" + url.QueryEscape(c.Query))
		if err != nil {
			t.Fatal(err)
		}
		var res search.Result
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("%q: status %d, %v", c.Query, resp.StatusCode, err)
			continue
		}
		if err := c.CheckHits(res.Hits); err != nil {
			t.Error(err)
		}
	}
}

// TestMapAPI: /api/map draws a report's places as SVG, says 204 for a
// report without places and 404 for none.
func TestMapAPI(t *testing.T) {
	srv := testServer(t) // a/x.txt names no place
	for _, tc := range []struct {
		id     string
		status int
	}{{"a/x.txt", http.StatusNoContent}, {"nope.txt", http.StatusNotFound}, {"../etc/passwd", http.StatusBadRequest}} {
		if resp, body := get(t, srv.URL+"/api/map?id="+url.QueryEscape(tc.id)); resp.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d: %s", tc.id, resp.StatusCode, tc.status, body)
		}
	}
	s, err := New(querytable.Fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fx := httptest.NewServer(s.Handler())
	defer fx.Close()
	resp, body := get(t, fx.URL+"/api/map?id="+url.QueryEscape("daily/kherson-daily-assessment.html"))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" ||
		!strings.Contains(body, "<title>Ukraine</title>") || !strings.Contains(body, `<title>Kherson (`) || !strings.Contains(body, "entity_id%3A%22geonames%3A") {
		t.Errorf("map of the Kherson report: %d %s\n%.300s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}
