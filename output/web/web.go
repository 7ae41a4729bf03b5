// Package web owns `sitrep serve`: a read-only search page, a report page
// and the JSON API they use (/api/search, /api/reports/{id}) over one OUT
// folder. Every piece of report text reaches the page as data and is put in
// the document as text nodes, never as markup; responses carry a strict
// Content-Security-Policy; requests, results and query time are bounded.
package web

import (
	"cmp"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/entity"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/output/search"
	"github.com/sitrep/sitrep/output/stats"
	"github.com/sitrep/sitrep/output/worldmap"
	"github.com/sitrep/sitrep/pipeline"
)

//go:embed static
var staticFS embed.FS

// Limits on what one request may ask for.
const (
	MaxQueryBytes = 2000
	MaxLimit      = 100
	MaxOffset     = 10000
	QueryTimeout  = 5 * time.Second
)

// DefaultFacets are counted for every search from the page. The entity facet
// (thousands of distinct values on a large index) costs more than the others
// together: the page asks for it with facet=entity.
var DefaultFacets = []string{index.FieldLabel, index.FieldCategory, index.FieldSite, index.FieldMonth}

// Server serves one OUT folder, or several (the shards of one corpus) as
// one. It reopens the index when a new run has committed (a manifest
// changed), so it can run beside `annotate`.
type Server struct {
	dirs []string
	mu   sync.Mutex
	idx  bleve.Index
	mod  time.Time // manifest modification time of the open index

	statsMu  sync.Mutex
	statsMod time.Time    // manifest modification time of cached
	cached   *stats.Stats // corpus statistics without a tracked entity
}

// New returns a server for OUT folders; the index is opened on first use.
func New(dirs ...string) (*Server, error) {
	if len(dirs) == 0 {
		return nil, errors.New("no output folder")
	}
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, output.ManifestName)); err != nil {
			return nil, err
		}
	}
	return &Server{dirs: dirs}, nil
}

// stamp is the newest manifest modification time of the folders: a run that
// commits in any of them changes it.
func (s *Server) stamp() (time.Time, error) {
	var t time.Time
	for _, dir := range s.dirs {
		st, err := os.Stat(filepath.Join(dir, output.ManifestName))
		if err != nil {
			return t, err
		}
		if st.ModTime().After(t) {
			t = st.ModTime()
		}
	}
	return t, nil
}

// Close releases the index.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idx != nil {
		err := s.idx.Close()
		s.idx = nil
		return err
	}
	return nil
}

// index returns the open index, reopening it after a new run.
func (s *Server) index() (bleve.Index, error) {
	mod, err := s.stamp()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idx != nil && mod.Equal(s.mod) {
		return s.idx, nil
	}
	idx, err := index.OpenAll(search.IndexDirs(s.dirs)...)
	if err != nil {
		return nil, err
	}
	if old := s.idx; old != nil {
		time.AfterFunc(time.Minute, func() { _ = old.Close() }) // let requests in flight finish
	}
	s.idx, s.mod = idx, mod
	return idx, nil
}

// Handler returns the HTTP handler with its security headers.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServer(http.FS(static))))
	mux.HandleFunc("GET /{$}", s.page("index.html"))
	mux.HandleFunc("GET /report", s.page("report.html"))
	mux.HandleFunc("GET /entity", s.page("entity.html"))
	mux.HandleFunc("GET /api/entity", s.apiEntity)
	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/reports/{id...}", s.apiReport)
	mux.HandleFunc("GET /api/map", s.apiMap)
	mux.HandleFunc("GET /stats", s.statsPage)
	return secure(mux)
}

const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cache-Control", "no-store")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "read-only", http.StatusMethodNotAllowed)
			return
		}
		if len(r.URL.RawQuery) > 4*MaxQueryBytes {
			http.Error(w, "request too large", http.StatusRequestURITooLong)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) page(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := staticFS.ReadFile("static/" + name)
		if err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(b)
	}
}

type apiError struct {
	Error  string `json:"error"`
	Column int    `json:"column,omitempty"` // of a query's syntax error, 1-based
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // JSON never carries raw markup characters
	_ = enc.Encode(v)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	query := strings.TrimSpace(q.Get("q"))
	if len(query) > MaxQueryBytes {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "query too long"})
		return
	}
	limit := clampInt(q.Get("limit"), 10, 1, MaxLimit)
	offset := clampInt(q.Get("offset"), 0, 0, MaxOffset)
	facets := DefaultFacets
	for _, f := range q["facet"] {
		if !slices.Contains(facets, f) && len(facets) < 8 {
			facets = append(slices.Clone(facets), f)
		}
	}
	var filters []search.Filter
	for _, f := range q["filter"] { // facet clicks, as field:value
		field, value, ok := strings.Cut(f, ":")
		if !ok || len(value) > 500 || len(filters) >= 10 {
			writeJSON(w, http.StatusBadRequest, apiError{Error: "bad filter " + strconv.Quote(f)})
			return
		}
		filters = append(filters, search.Filter{Field: field, Value: value})
	}
	idx, err := s.index()
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, apiError{Error: err.Error()})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), QueryTimeout)
	defer cancel()
	sr := &search.Searcher{Dirs: s.dirs, Index: idx}
	res, err := sr.Search(ctx, search.Options{Query: query, Limit: limit, Offset: offset, Facets: facets, Sort: q.Get("sort"), Filters: filters,
		From: q.Get("from"), To: q.Get("to"), Copies: q.Get("copies") == "1", Timeline: q.Get("timeline") == "1"})
	var se *search.SyntaxError
	switch {
	case errors.As(err, &se):
		writeJSON(w, http.StatusBadRequest, apiError{err.Error(), se.Column()})
	case errors.Is(err, search.ErrBadQuery):
		writeJSON(w, http.StatusBadRequest, apiError{Error: err.Error()})
	case err != nil:
		writeJSON(w, http.StatusInternalServerError, apiError{Error: err.Error()})
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

// apiEntity answers the entity page: one entity across the reports.
func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" || len(q) > 500 {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "want q: an entity id, name or text of at most 500 bytes"})
		return
	}
	idx, err := s.index()
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, apiError{Error: err.Error()})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 4*QueryTimeout)
	defer cancel()
	p, err := entity.Build(ctx, idx, s.dirs, q)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, apiError{Error: err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	var rec json.RawMessage
	if s.readReport(w, r.PathValue("id"), &rec) {
		writeJSON(w, http.StatusOK, rec)
	}
}

// readReport decodes the record of report id into v; when it cannot, it
// answers the request (404 unknown, 400 invalid id, 500 unreadable) and
// returns false.
func (s *Server) readReport(w http.ResponseWriter, id string, v any) bool {
	f, err := output.OpenReport(s.dirs, id)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		writeJSON(w, http.StatusNotFound, apiError{Error: "no report " + strconv.Quote(id)})
		return false
	case err != nil:
		writeJSON(w, http.StatusBadRequest, apiError{Error: "invalid report id"})
		return false
	}
	defer f.Close()
	if err := json.NewDecoder(f).Decode(v); err != nil {
		writeJSON(w, http.StatusInternalServerError, apiError{Error: "unreadable report"})
		return false
	}
	return true
}

// apiMap draws the places of report ?id= on a map zoomed to them (SVG; 204
// when the report names no resolved place).
func (s *Server) apiMap(w http.ResponseWriter, r *http.Request) {
	var rec struct {
		Entities []struct {
			Text string        `json:"text"`
			Name string        `json:"name"`
			Geo  *pipeline.Geo `json:"geo"`
		} `json:"entities"`
	}
	if !s.readReport(w, r.URL.Query().Get("id"), &rec) {
		return
	}
	var pts []worldmap.Point
	at := map[string]int{}
	for _, e := range rec.Entities {
		if e.Geo == nil {
			continue
		}
		i, ok := at[e.Geo.ID]
		if !ok {
			name := cmp.Or(e.Name, e.Text)
			i, at[e.Geo.ID] = len(pts), len(pts)
			pts = append(pts, worldmap.Point{Lat: e.Geo.Lat, Lon: e.Geo.Lon, Label: name,
				Href: "/?q=" + url.QueryEscape("entity_id:"+strconv.Quote(e.Geo.ID))})
		}
		pts[i].Weight++
	}
	if len(pts) == 0 {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	for i := range pts {
		pts[i].Label += fmt.Sprintf(" (%d mentions)", pts[i].Weight)
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_ = worldmap.Write(w, pts, worldmap.Options{Width: 360, Height: 280, Fit: true, MinSpan: 6, Title: "Places the report names"})
}

// statsPage serves the dashboard: the corpus statistics as charts, and the
// track of one entity with ?entity=. The plain page is computed once per run
// of annotate; a tracked entity costs one pass over the records.
func (s *Server) statsPage(w http.ResponseWriter, r *http.Request) {
	entity := strings.TrimSpace(r.URL.Query().Get("entity"))
	if len(entity) > 200 {
		http.Error(w, "entity too long", http.StatusBadRequest)
		return
	}
	mod, err := s.stamp()
	if err != nil {
		http.Error(w, "no output", http.StatusServiceUnavailable)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 4*QueryTimeout)
	defer cancel()
	var res *stats.Stats
	s.statsMu.Lock()
	if entity == "" && s.cached != nil && s.statsMod.Equal(mod) {
		res = s.cached
	}
	s.statsMu.Unlock()
	if res == nil {
		c := stats.NewCollector(stats.Options{Entity: entity})
		var err error
		for _, dir := range s.dirs {
			if err = output.Each(dir, func(d *pipeline.Document) error {
				c.Add(d)
				return ctx.Err()
			}); err != nil {
				break
			}
		}
		if err != nil {
			http.Error(w, "cannot read records", http.StatusInternalServerError)
			return
		}
		res = c.Result()
		if entity == "" {
			s.statsMu.Lock()
			s.cached, s.statsMod = res, mod
			s.statsMu.Unlock()
		}
	}
	// The page's one <style> element is allowed by its hash; nothing else inline.
	w.Header().Set("Content-Security-Policy", strings.Replace(csp, "style-src 'self'", "style-src 'self' "+stats.StyleHash(), 1))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = stats.WriteHTML(w, res, true)
}

func clampInt(s string, def, lo, hi int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return min(max(n, lo), hi)
}

// NewHTTPServer wraps a handler with timeouts and size limits.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second, MaxHeaderBytes: 16 << 10}
}
