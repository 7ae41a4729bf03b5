// Package search owns searching an output folder: the query language
// (ParseQuery), the Bleve search over the index shards, facets, and the
// snippets of a hit, cut from its report file.
package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/output/internal/jsonhead"
	"github.com/sitrep/sitrep/pipeline"
)

// Options is a search request.
type Options struct {
	Query     string
	Limit     int // <= 0 means 10; at most 1000
	Offset    int
	Facets    []string // field names from FacetFields
	FacetSize int      // terms per facet; <= 0 means 10
	Sort      string   // "score" (default) or "date" (newest first)
	Filters   []Filter // exact field values every hit must have (facet clicks)
	// From and To (YYYY-MM-DD, either may be empty) keep reports published
	// in that range, both days included.
	From, To string
	// Copies lists copies of other reports as hits of their own too.
	Copies bool
	// Timeline counts the hits by month of publication, every month
	// (Result.Facets["timeline"], oldest first).
	Timeline bool
}

// maxTimelineMonths bounds the months of a timeline: 30 years.
const maxTimelineMonths = 360

// Filter requires a field to hold a value.
type Filter struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

// FacetFields are the fields a search can count hits by.
var FacetFields = []string{index.FieldEntity, index.FieldLabel, index.FieldCategory, index.FieldSite, index.FieldMonth, index.FieldFormat, index.FieldEntityID, index.FieldEntityName}

// FacetTerm is one value of a facet and the number of hits that have it.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Hit is one matching report.
type Hit struct {
	ID        string              `json:"id"`
	Title     string              `json:"title"`
	Published string              `json:"published,omitempty"`
	Site      string              `json:"site,omitempty"`
	Score     float64             `json:"score"`
	Fragments map[string][]string `json:"fragments,omitempty"` // highlighted, HTML with <mark>
	Copies    []string            `json:"copies,omitempty"`    // reports that repeat this one's text
}

// Result is the answer to a search.
type Result struct {
	Query  string                 `json:"query"`
	Total  uint64                 `json:"total"`
	Offset int                    `json:"offset"`
	TookMS float64                `json:"took_ms"`
	Hits   []Hit                  `json:"hits"`
	Facets map[string][]FacetTerm `json:"facets,omitempty"`
}

// maxFuzziness is Bleve's limit on edit distance in fuzzy queries (term~N).
const maxFuzziness = 2

// maxPatternBytes bounds wildcard and regexp terms. Bleve compiles them to
// an automaton in time that grows steeply with their length: a 1,000-byte
// wildcard took 1.3 s and a regexp of 340 ".*" 15 s, so a long one from the
// search box would stall the server. 64 bytes compile in about 60 ms.
// It bounds each word of a fuzzy term or phrase too: vellum refuses a
// Levenshtein automaton of over 10,000 states, which a 2,048-byte word at
// ~1 or a 1,024-byte one at ~2 reaches, and no real word needs 64 bytes.
const maxPatternBytes = 64

// ErrBadQuery wraps a query that cannot be parsed or run as written.
var ErrBadQuery = errors.New("invalid query")

// Search runs a query against OUT/index.bleve.
func Search(ctx context.Context, dir string, o Options) (*Result, error) {
	return SearchAll(ctx, []string{dir}, o)
}

// SearchAll runs a query against the indexes of several OUT folders (the
// shards of one corpus, say) as one index.
func SearchAll(ctx context.Context, dirs []string, o Options) (*Result, error) {
	idx, err := index.OpenAll(IndexDirs(dirs)...)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	return (&Searcher{Dirs: dirs, Index: idx}).Search(ctx, o)
}

// IndexDirs are the index folders of OUT folders.
func IndexDirs(dirs []string) []string {
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = filepath.Join(d, output.IndexDir)
	}
	return out
}

// Searcher searches an open index of one or more OUT folders; it reads hit
// snippets from the report files of the folder that holds each hit.
type Searcher struct {
	Dirs  []string
	Index bleve.Index
}

// Search runs one query.
func (s *Searcher) Search(ctx context.Context, o Options) (*Result, error) {
	c, err := Compile(o.Query)
	if err != nil {
		return nil, err
	}
	labels := c.Labels
	all := []query.Query{c.Query}
	for _, f := range o.Filters {
		if !slices.Contains(FacetFields, f.Field) {
			return nil, fmt.Errorf("%w: no filter field %q", ErrBadQuery, f.Field)
		}
		tq := bleve.NewTermQuery(f.Value)
		tq.SetField(exactField(f.Field))
		all = append(all, tq)
		if f.Field == index.FieldLabel && !slices.Contains(labels, f.Value) {
			labels = append(labels, f.Value)
		}
	}
	if o.From != "" || o.To != "" {
		r, err := Compile(index.FieldPublished + ":[" + cmp.Or(o.From, "*") + " TO " + cmp.Or(o.To, "*") + "]")
		if err != nil || strings.ContainsAny(o.From+o.To, " []{}") {
			return nil, fmt.Errorf("%w: published from %q to %q: want YYYY-MM-DD", ErrBadQuery, o.From, o.To)
		}
		all = append(all, r.Query)
	}
	// A copy of another report is listed under it, not as a hit of its own.
	var notCopies []query.Query
	if !o.Copies {
		copies := bleve.NewBoolFieldQuery(true)
		copies.SetField(index.FieldCopy)
		notCopies = append(notCopies, copies)
	}
	q := query.NewBooleanQuery(all, nil, notCopies)
	if o.Limit <= 0 {
		o.Limit = 10
	}
	if o.Limit > 1000 {
		o.Limit = 1000
	}
	if o.Offset < 0 {
		o.Offset = 0
	}
	req := bleve.NewSearchRequestOptions(q, o.Limit, o.Offset, false)
	if o.FacetSize <= 0 {
		o.FacetSize = 10
	}
	for _, f := range o.Facets {
		if !slices.Contains(FacetFields, f) {
			return nil, fmt.Errorf("%w: no facet %q (facets: %s)", ErrBadQuery, f, strings.Join(FacetFields, ", "))
		}
		req.AddFacet(f, bleve.NewFacetRequest(facetField(f, labels), o.FacetSize))
	}
	if o.Timeline {
		req.AddFacet("timeline", bleve.NewFacetRequest(index.FieldMonth, maxTimelineMonths))
	}
	req.Fields = []string{index.FieldTitle, index.FieldPublished, index.FieldSite, index.FieldSpots}
	switch o.Sort {
	case "", "score":
		// Hits of equal score come by id: the index shards are written in
		// parallel, so index order would differ from run to run.
		req.SortBy([]string{"-_score", "_id"})
	case "date":
		req.SortBy([]string{"-" + index.FieldPublished, "-_score", "_id"})
	default:
		return nil, fmt.Errorf("%w: sort by %q (want score or date)", ErrBadQuery, o.Sort)
	}
	req.IncludeLocations = true
	t0 := time.Now()
	res, err := s.Index.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", o.Query, err)
	}
	out := &Result{Query: o.Query, Total: res.Total, Offset: o.Offset, Hits: []Hit{}}
	for _, h := range res.Hits {
		spots, _ := h.Fields[index.FieldSpots].(string)
		hit := Hit{ID: h.ID, Score: h.Score, Fragments: s.snippets(h.ID, h.Locations, spots, c.Needles)}
		if t, ok := h.Fields[index.FieldTitle].(string); ok {
			hit.Title = t
		}
		if p, ok := h.Fields[index.FieldPublished].(string); ok && len(p) >= 10 {
			hit.Published = p[:10]
		}
		if s, ok := h.Fields[index.FieldSite].(string); ok {
			hit.Site = s
		}
		out.Hits = append(out.Hits, hit)
	}
	if err := s.listCopies(ctx, out.Hits); err != nil {
		return nil, err
	}
	for name, fr := range res.Facets {
		if out.Facets == nil {
			out.Facets = map[string][]FacetTerm{}
		}
		terms := []FacetTerm{}
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				terms = append(terms, FacetTerm{Term: t.Term, Count: t.Count})
			}
		}
		if name == "timeline" {
			slices.SortFunc(terms, func(a, b FacetTerm) int { return strings.Compare(a.Term, b.Term) })
		}
		out.Facets[name] = terms
	}
	out.TookMS = float64(time.Since(t0).Microseconds()) / 1000
	return out, nil
}

// exactField is the field that holds a facet's values as the facet shows
// them (a facet click filters on it).
func exactField(facet string) string {
	switch facet {
	case index.FieldEntity:
		return index.FieldEntityExact
	case index.FieldSite:
		return index.FieldSiteExact
	}
	return facet
}

// facetField is the field a facet counts: with one entity label required,
// the entity facets count only that label's entities.
func facetField(facet string, labels []string) string {
	if len(labels) == 1 && slices.Contains(pipeline.Labels, labels[0]) {
		switch facet {
		case index.FieldEntity:
			return index.FieldLabelEntity + "." + labels[0]
		case index.FieldEntityName:
			return index.FieldLabelName + "." + labels[0]
		}
	}
	return exactField(facet)
}

// maxCopies bounds the copies listed under the hits of one page.
const maxCopies = 1000

// listCopies fills in the copies of each hit: the reports whose
// duplicate_of names it.
func (s *Searcher) listCopies(ctx context.Context, hits []Hit) error {
	if len(hits) == 0 {
		return nil
	}
	var qs []query.Query
	at := map[string]int{}
	for i, h := range hits {
		t := bleve.NewTermQuery(h.ID)
		t.SetField(index.FieldDuplicateOf)
		qs = append(qs, t)
		at[h.ID] = i
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(qs), maxCopies, 0, false)
	req.Fields = []string{index.FieldDuplicateOf}
	req.SortBy([]string{"_id"})
	res, err := s.Index.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("list copies: %w", err)
	}
	for _, h := range res.Hits {
		of, _ := h.Fields[index.FieldDuplicateOf].(string)
		if i, ok := at[of]; ok {
			hits[i].Copies = append(hits[i].Copies, h.ID)
		}
	}
	return nil
}

// snippets cuts highlighted fragments from a hit's record: around the
// words a text query found in its title and text, and for each keyword
// value the query asks for (an entity, a label, a judgment category), the
// sentence that first mentions it, as the index's spots record it.
func (s *Searcher) snippets(id string, locs blevesearch.FieldTermLocationMap, spots string, needles []Needle) map[string][]string {
	type want struct {
		field string
		spot  index.Spot
	}
	var found []want
	for _, n := range needles {
		if sp, ok := index.FindSpot(spots, n.Field, n.Value); ok {
			found = append(found, want{n.Field, sp})
		}
	}
	if len(locs[index.FieldText]) == 0 && len(locs[index.FieldTitle]) == 0 && len(found) == 0 {
		return nil
	}
	f, err := output.OpenReport(s.Dirs, id)
	if err != nil {
		return nil
	}
	defer f.Close()
	title, text, err := readTitleText(f)
	if err != nil {
		return nil
	}
	out := map[string][]string{}
	for field, text := range map[string]string{index.FieldText: text, index.FieldTitle: title} {
		var ms [][2]int
		for _, ls := range locs[field] {
			for _, l := range ls {
				ms = append(ms, [2]int{int(l.Start), int(l.End)})
			}
		}
		if fr := fragments(text, ms, 3, 200); len(fr) > 0 {
			out[field] = fr
		}
	}
	for _, w := range found {
		ss, se := w.spot.Sentence[0], w.spot.Sentence[1]
		if ss < 0 || se > len(text) || ss > w.spot.Mention[0] || w.spot.Mention[1] > se || len(out[w.field]) >= 3 {
			continue
		}
		m := [][2]int{{w.spot.Mention[0] - ss, w.spot.Mention[1] - ss}}
		out[w.field] = append(out[w.field], fragments(text[ss:se], m, 1, 300)...)
	}
	return out
}

// readTitleText reads a record's title and text, which come before its
// annotations: the file is read in growing pieces until both are whole, and
// the rest of it (most of it) is never read. encoding/json's token reader
// took four times as long.
func readTitleText(r io.Reader) (title, text string, err error) {
	bp := headBuffers.Get().(*[]byte)
	buf := (*bp)[:0]
	defer func() { *bp = buf[:0]; headBuffers.Put(bp) }()
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, make([]byte, len(buf))...)[:len(buf)]
		}
		n, rerr := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if rerr != nil && rerr != io.EOF {
			return "", "", rerr
		}
		var vals [2]string
		done := 0
		for k, key := range []string{"title", "text"} {
			if i := jsonhead.Key(buf, key); i >= 0 {
				s, ok, err := jsonhead.String(buf, i)
				if err != nil {
					return "", "", err
				}
				if ok {
					vals[k] = s
					done++
				}
			}
		}
		if done == 2 {
			return vals[0], vals[1], nil
		}
		if rerr == io.EOF {
			return "", "", fmt.Errorf("not a record: no title and text")
		}
	}
}

// headBuffers hold the heads of report files while their text is found.
var headBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}
