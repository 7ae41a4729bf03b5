// Package search owns searching an output folder: the query language
// (ParseQuery), the Bleve search over the index shards, facets, and the
// snippets of a hit, cut from its report file.
package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	vellumre "github.com/blevesearch/vellum/regexp"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/index"
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
}

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
const maxPatternBytes = 64

// ErrBadQuery wraps a query that Bleve cannot parse.
var ErrBadQuery = errors.New("invalid query")

// ParseQuery parses Bleve query-string syntax, reporting syntax errors as ErrBadQuery.
func ParseQuery(q string) (query.Query, error) {
	if strings.TrimSpace(q) == "" || strings.TrimSpace(q) == "*" {
		return bleve.NewMatchAllQuery(), nil
	}
	rest, must, mustNot, err := dateRanges(q)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrBadQuery, q, err)
	}
	var parsed query.Query
	if strings.TrimSpace(rest) != "" {
		if parsed, err = bleve.NewQueryStringQuery(rest).Parse(); err != nil {
			return nil, fmt.Errorf("%w %q: %v", ErrBadQuery, q, err)
		}
		if err := checkQuery(parsed); err != nil {
			return nil, fmt.Errorf("%w %q: %v", ErrBadQuery, q, err)
		}
		parsed = rewrite(parsed)
	}
	if len(must) == 0 && len(mustNot) == 0 {
		return parsed, nil
	}
	if parsed != nil {
		must = append(must, parsed)
	} else if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	b := query.NewBooleanQuery(must, nil, nil)
	if len(mustNot) > 0 {
		b.AddMustNot(mustNot...)
	}
	return b, nil
}

// dateFields are the datetime fields of the index.
var dateFields = map[string]bool{index.FieldPublished: true, index.FieldWhen: true}

var (
	// field:[2022-06-01 TO 2022-06-30], {} for exclusive bounds, * for an open one.
	rangeRe = regexp.MustCompile(`(^|\s)([+-]?)(\w+):([\[{])(\S+)\s+TO\s+(\S+?)([\]}])(\s|$)`)
	// field:>=2022-06-01, which Bleve's syntax only takes quoted.
	compareRe = regexp.MustCompile(`(\w+):(>=|<=|>|<)(\d{4}-\d{2}-\d{2})\b`)
)

// dateRanges takes the date range clauses out of q, which Bleve's query
// syntax lacks: each range on a multi-valued field (when) must hold for one
// value, so it becomes one range query, not two comparisons that different
// days could meet. A range filters (it is required) unless written with "-",
// which excludes. It also quotes dates in comparisons on date fields.
func dateRanges(q string) (rest string, must, mustNot []query.Query, err error) {
	rest = compareRe.ReplaceAllStringFunc(q, func(m string) string {
		sm := compareRe.FindStringSubmatch(m)
		if !dateFields[sm[1]] {
			return m
		}
		return sm[1] + ":" + sm[2] + `"` + sm[3] + `"`
	})
	for {
		loc := rangeRe.FindStringSubmatchIndex(rest)
		if loc == nil {
			return rest, must, mustNot, nil
		}
		sub := func(i int) string { return rest[loc[2*i]:loc[2*i+1]] }
		field := sub(3)
		if !dateFields[field] {
			return "", nil, nil, fmt.Errorf("range on %s: ranges [a TO b] work on the date fields %s and %s", field, index.FieldPublished, index.FieldWhen)
		}
		var bounds [2]time.Time
		for i, v := range []string{sub(5), sub(6)} {
			if v == "*" {
				continue
			}
			if bounds[i], err = time.Parse("2006-01-02", v); err != nil {
				return "", nil, nil, fmt.Errorf("range on %s: %q is not a date (YYYY-MM-DD or *)", field, v)
			}
		}
		if bounds[0].IsZero() && bounds[1].IsZero() {
			return "", nil, nil, fmt.Errorf("range on %s: both bounds are open", field)
		}
		incStart, incEnd := sub(4) == "[", sub(7) == "]"
		r := query.NewDateRangeInclusiveQuery(bounds[0], bounds[1], &incStart, &incEnd)
		r.SetField(field)
		if sub(2) == "-" {
			mustNot = append(mustNot, r)
		} else {
			must = append(must, r)
		}
		rest = rest[:loc[0]] + " " + rest[loc[1]:]
	}
}

// checkFuzziness bounds an edit distance (term~N) to what Bleve accepts:
// "B~-1" parses, and only the search would fail.
func checkFuzziness(f int) error {
	if f < 0 || f > maxFuzziness {
		return fmt.Errorf("fuzziness %d is outside 0-%d", f, maxFuzziness)
	}
	return nil
}

// validate checks what Bleve only checks when it searches (regular
// expressions), so that every query error is reported as a bad query.
func checkQuery(q query.Query) error {
	if v, ok := q.(query.ValidatableQuery); ok {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	switch q := q.(type) {
	case *query.RegexpQuery:
		if len(q.Regexp) > maxPatternBytes {
			return fmt.Errorf("regexp of %d bytes is over the maximum %d", len(q.Regexp), maxPatternBytes)
		}
		// Bleve compiles regexps with vellum, which is stricter than Go's regexp.
		if _, err := vellumre.New(q.Regexp); err != nil {
			return err
		}
	case *query.MatchQuery:
		return checkFuzziness(q.Fuzziness)
	case *query.FuzzyQuery:
		return checkFuzziness(q.Fuzziness)
	case *query.MatchPhraseQuery:
		return checkFuzziness(q.Fuzziness)
	case *query.WildcardQuery:
		if len(q.Wildcard) > maxPatternBytes {
			return fmt.Errorf("wildcard of %d bytes is over the maximum %d", len(q.Wildcard), maxPatternBytes)
		}
		if _, err := syntax.Parse(q.Wildcard, syntax.Perl); err != nil {
			return err
		}
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot} {
			if sub != nil {
				if err := checkQuery(sub); err != nil {
					return err
				}
			}
		}
	case *query.ConjunctionQuery:
		for _, sub := range q.Conjuncts {
			if err := checkQuery(sub); err != nil {
				return err
			}
		}
	case *query.DisjunctionQuery:
		for _, sub := range q.Disjuncts {
			if err := checkQuery(sub); err != nil {
				return err
			}
		}
	}
	return nil
}

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
	q, err := ParseQuery(o.Query)
	if err != nil {
		return nil, err
	}
	if len(o.Filters) > 0 {
		all := []query.Query{q}
		for _, f := range o.Filters {
			if !slices.Contains(FacetFields, f.Field) {
				return nil, fmt.Errorf("%w: no filter field %q", ErrBadQuery, f.Field)
			}
			field := f.Field
			if field == index.FieldEntity {
				field = index.FieldEntityExact // facet values are the exact entity texts
			}
			tq := bleve.NewTermQuery(f.Value)
			tq.SetField(field)
			all = append(all, tq)
		}
		q = bleve.NewConjunctionQuery(all...)
	}
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
		field := f
		if f == index.FieldEntity {
			field = index.FieldEntityExact
		}
		req.AddFacet(f, bleve.NewFacetRequest(field, o.FacetSize))
	}
	req.Fields = []string{index.FieldTitle, index.FieldPublished, index.FieldSite}
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
	out := &Result{Query: o.Query, Total: res.Total, Offset: o.Offset, TookMS: float64(time.Since(t0).Microseconds()) / 1000, Hits: []Hit{}}
	for _, h := range res.Hits {
		hit := Hit{ID: h.ID, Score: h.Score, Fragments: s.snippets(h.ID, h.Locations)}
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
		out.Facets[name] = terms
	}
	return out, nil
}

// snippets cuts highlighted fragments of a hit's title and text from its record.
func (s *Searcher) snippets(id string, locs blevesearch.FieldTermLocationMap) map[string][]string {
	if len(locs[index.FieldText]) == 0 && len(locs[index.FieldTitle]) == 0 {
		return nil
	}
	f, err := output.OpenReport(s.Dirs, id)
	if err != nil {
		return nil
	}
	defer f.Close()
	var rec struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	}
	if json.NewDecoder(f).Decode(&rec) != nil {
		return nil
	}
	out := map[string][]string{}
	for field, text := range map[string]string{index.FieldText: rec.Text, index.FieldTitle: rec.Title} {
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
	return out
}

// keywordFields hold one exact value per term: a quoted value there is the
// whole value, not a phrase (which would need term positions).
var keywordFields = map[string]bool{index.FieldEntity: true, index.FieldEntityName: true, index.FieldEntityID: true, index.FieldLabel: true,
	index.FieldCategory: true, index.FieldFormat: true, index.FieldPath: true, index.FieldSite: true, index.FieldMonth: true,
	index.FieldAdmin1: true, index.FieldCountry: true}

// rewrite turns quoted values on keyword fields into exact matches.
func rewrite(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.MatchQuery:
		if q.FieldVal == index.FieldAdmin1 && !strings.HasPrefix(q.Match, "geonames:") {
			q.Match = models.AdminKey(q.Match) // "Donetsk Oblast" is indexed as "donetsk"
		}
	case *query.MatchPhraseQuery:
		if keywordFields[q.FieldVal] {
			if q.FieldVal == index.FieldAdmin1 && !strings.HasPrefix(q.MatchPhrase, "geonames:") {
				q.MatchPhrase = models.AdminKey(q.MatchPhrase)
			}
			m := query.NewMatchQuery(q.MatchPhrase)
			m.SetField(q.FieldVal)
			if q.BoostVal != nil {
				m.SetBoost(float64(*q.BoostVal))
			}
			return m
		}
	case *query.BooleanQuery:
		if q.Must != nil {
			q.Must = rewrite(q.Must)
		}
		if q.Should != nil {
			q.Should = rewrite(q.Should)
		}
		if q.MustNot != nil {
			q.MustNot = rewrite(q.MustNot)
		}
	case *query.ConjunctionQuery:
		for i := range q.Conjuncts {
			q.Conjuncts[i] = rewrite(q.Conjuncts[i])
		}
	case *query.DisjunctionQuery:
		for i := range q.Disjuncts {
			q.Disjuncts[i] = rewrite(q.Disjuncts[i])
		}
	}
	return q
}
