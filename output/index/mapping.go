// Package index owns the Bleve index of an output folder: the explicit
// mapping and the document each record becomes, and the sharded index
// (a writer that keeps one shard open, Open for readers over all shards).
package index

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/timex"
)

// Index field names: part of the user interface (query syntax "field:value").
const (
	FieldTitle       = "title"        // report title, English analyser, highlighted
	FieldText        = "text"         // report text, English analyser, highlighted
	FieldEntity      = "entity"       // entity mention text, exact (case-folded)
	FieldLabel       = "label"        // entity labels: GROUP, GPE...
	FieldEntityID    = "entity_id"    // canonical ids: attack:G0007, geonames:1138958
	FieldEntityName  = "entity_name"  // canonical names
	FieldTakeaway    = "takeaway"     // key-takeaway text, English analyser, highlighted
	FieldCategory    = "category"     // estimative categories: likely, unlikely, possible, high...
	FieldFormat      = "format"       // source format: txt, md, html
	FieldPath        = "path"         // corpus-relative path (the record id)
	FieldEntityExact = "entity_exact" // entity text as written, for facets
	FieldProb        = "probability"  // the report's mean stated probability
	FieldPublished   = "published"    // publication date (datetime: published:>="2022-06-01")
	FieldMonth       = "month"        // publication month, YYYY-MM (for facets)
	FieldSite        = "site"         // the site or collection a report comes from
	FieldWhen        = "when"         // days the report talks about: its timexes of a day, week or month
	FieldAdmin1      = "admin1"       // first-level areas (oblast, province) its places lie in: ids and folded names
	FieldCountry     = "country"      // ISO codes of the countries its places lie in
	FieldPlaceCell   = "place_cell"   // grid cells of its places' points (PlaceCells): near: and bbox: candidates
	FieldPlacePoint  = "place_point"  // its places' points, "lat,lon", in doc values: the exact near:/bbox: test
	FieldSiteExact   = "site_exact"   // the site as written, for facets
	FieldCopy        = "copy"         // true for a report that is a copy of another (duplicate_of)
	FieldDuplicateOf = "duplicate_of" // the report a copy repeats
	FieldSpots       = "spots"        // stored only: where each keyword value is first mentioned
	// Entity facets by label: FieldLabelName+"."+label holds the canonical
	// names of that label's entities, FieldLabelEntity+"."+label their texts.
	FieldLabelName   = "label_name"
	FieldLabelEntity = "label_entity"
)

// IndexDoc is what one record becomes in the index.
type IndexDoc struct {
	Type        string      `json:"type"`
	Path        string      `json:"path"`
	Title       string      `json:"title"`
	Text        string      `json:"text"`
	Entity      []string    `json:"entity"`
	Label       []string    `json:"label"`
	EntityID    []string    `json:"entity_id"`
	EntityName  []string    `json:"entity_name"`
	Takeaway    []string    `json:"takeaway"`
	Category    []string    `json:"category"`
	Format      string      `json:"format"`
	Probability *float64    `json:"probability,omitempty"`
	Published   *time.Time  `json:"published,omitempty"`
	Month       string      `json:"month,omitempty"`
	Site        string      `json:"site,omitempty"`
	When        []time.Time `json:"when,omitempty"`
	Admin1      []string    `json:"admin1,omitempty"`
	Country     []string    `json:"country,omitempty"`
	PlaceCell   []string    `json:"place_cell,omitempty"`
	PlacePoint  []string    `json:"place_point,omitempty"`
	// Pointers: Bleve maps a zero value (false, "") as a term, a nil not.
	Copy        *bool   `json:"copy,omitempty"`
	DuplicateOf *string `json:"duplicate_of,omitempty"`
	// The entity names and texts of each label, for facets that count
	// only the entities of the label a query asks for.
	LabelName   map[string][]string `json:"label_name,omitempty"`
	LabelEntity map[string][]string `json:"label_entity,omitempty"`
	Spots       string              `json:"spots,omitempty"`
}

// blankBoilerplate replaces removed spans with spaces of the same length, so
// furniture words ("newsletter", "demo") find nothing while every offset the
// index reports still points into the record's text.
func blankBoilerplate(text string, removed []pipeline.Removed) string {
	if len(removed) == 0 {
		return text
	}
	b := []byte(text)
	for _, r := range removed {
		for i := r.Start; i < min(r.End, len(b)); i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// NewIndexDoc flattens a record for indexing.
func NewIndexDoc(d *pipeline.Document) IndexDoc {
	// The annotated part of the text: the same text the annotations cover
	// (all of it, unless tokenize stopped at --max-tokens).
	text := d.Text
	if n := len(d.Sentences); n > 0 && d.Sentences[n-1].End < len(text) {
		text = text[:d.Sentences[n-1].End]
	} else if n == 0 && len(text) > maxUnannotatedIndex {
		text = text[:maxUnannotatedIndex]
	}
	text = blankBoilerplate(text, d.Boilerplate)
	x := IndexDoc{Type: "report", Path: d.ID, Title: d.Title, Text: text, Format: d.Source.Format}
	seen := map[string]bool{}
	uniq := func(dst *[]string, kind, v string) {
		if v != "" && !seen[kind+"\x00"+v] {
			seen[kind+"\x00"+v] = true
			*dst = append(*dst, v)
		}
	}
	x.LabelName, x.LabelEntity = map[string][]string{}, map[string][]string{}
	for _, e := range d.Entities {
		uniq(&x.Entity, "e", e.Text)
		if e.Value != "" && e.Label == pipeline.LabelIndicator {
			uniq(&x.Entity, "e", e.Value)
		}
		uniq(&x.Label, "l", e.Label)
		uniq(&x.EntityID, "i", e.ID)
		uniq(&x.EntityName, "n", e.Name)
		if e.Name != "" && !seen["ln\x00"+e.Label+"\x00"+e.Name] {
			seen["ln\x00"+e.Label+"\x00"+e.Name] = true
			x.LabelName[e.Label] = append(x.LabelName[e.Label], e.Name)
		}
		if !seen["le\x00"+e.Label+"\x00"+e.Text] {
			seen["le\x00"+e.Label+"\x00"+e.Text] = true
			x.LabelEntity[e.Label] = append(x.LabelEntity[e.Label], e.Text)
		}
	}
	x.Spots = spots(d)
	if d.DuplicateOf != "" {
		copied := true
		x.DuplicateOf, x.Copy = &d.DuplicateOf, &copied
	}
	for _, t := range d.Takeaways {
		x.Takeaway = append(x.Takeaway, t.Text)
	}
	for _, e := range d.Estimative {
		uniq(&x.Category, "c", e.Category)
	}
	if d.Judgments != nil {
		x.Probability = d.Judgments.Mean
	}
	if t, err := time.Parse("2006-01-02", d.Published); err == nil {
		x.Published, x.Month = &t, t.Format("2006-01")
	}
	x.Site = d.Site
	x.When = whenDays(d.Timexes)
	for _, e := range d.Entities {
		g := e.Geo
		if g == nil {
			continue
		}
		uniq(&x.Country, "co", strings.ToLower(g.Country))
		uniq(&x.PlacePoint, "pp", PlacePoint(g.Lat, g.Lon))
		for _, c := range PlaceCells(g.Lat, g.Lon) {
			uniq(&x.PlaceCell, "pc", c)
		}
		a := g.Admin1
		if g.Feature == "ADM1" {
			a = &pipeline.AdminRef{ID: g.ID, Name: e.Text}
		}
		if a != nil {
			uniq(&x.Admin1, "a1", a.ID)
			for _, k := range models.AdminKeys(a.Name) {
				uniq(&x.Admin1, "a1", k)
			}
		}
	}
	return x
}

// maxWhenDays bounds the days indexed per report: each is a few dozen
// terms, and a report naming more days than a year's worth is a chronology
// that a range query finds by its first year anyway.
const maxWhenDays = 400

// whenDays lists, in order and once each, the days a report's dates and
// times name: a day, every day of a week or a month; coarser values (a
// quarter, a year) and durations name no day.
func whenDays(txs []pipeline.Timex) []time.Time {
	var out []time.Time
	seen := map[time.Time]bool{}
	for _, x := range txs {
		first, last, ok := timex.DaysOf(x)
		for t := first; ok && !t.After(last) && len(out) < maxWhenDays; t = t.AddDate(0, 0, 1) {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

const keywordAnalyzer = "sitrep_keyword"

// maxUnannotatedIndex bounds the text indexed for a record without sentences.
const maxUnannotatedIndex = 1 << 20

// NewMapping returns the explicit index mapping (no dynamic fields).
func NewMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(keywordAnalyzer, map[string]any{
		"type": custom.Name, "tokenizer": single.Name, "token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	// No _all field: a query term without a field searches text (which holds
	// the title and the takeaways too); _all would store every term twice.
	text := func(vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store, f.IncludeTermVectors, f.IncludeInAll = false, vectors, false
		// No doc values: they hold every term of every report again, for
		// sorting and facets these fields never serve.
		f.DocValues = false
		return f
	}
	exact := bleve.NewKeywordFieldMapping()
	exact.Name, exact.IncludeInAll, exact.Store = FieldEntityExact, false, false
	exact.IncludeTermVectors = false // keywords are one term: no phrases, no snippets
	kw := func(store, _ bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keywordAnalyzer
		f.Store, f.IncludeInAll, f.IncludeTermVectors = store, false, false
		f.DocValues = true
		return f
	}
	rep := bleve.NewDocumentStaticMapping()
	// Title and text keep term vectors (hit locations, cut into snippets from
	// the records) but are not stored: the records are the source of truth.
	title := text(true)
	title.Store = true // small, and shown with every hit
	rep.AddFieldMappingsAt(FieldTitle, title)
	rep.AddFieldMappingsAt(FieldText, text(true))
	rep.AddFieldMappingsAt(FieldTakeaway, text(false))
	rep.AddFieldMappingsAt(FieldEntity, kw(false, true), exact)
	label := bleve.NewKeywordFieldMapping() // exact: GROUP, GPE... as in the records
	label.IncludeInAll, label.IncludeTermVectors = false, false
	rep.AddFieldMappingsAt(FieldLabel, label)
	rep.AddFieldMappingsAt(FieldEntityID, kw(false, false))
	rep.AddFieldMappingsAt(FieldEntityName, kw(false, true))
	rep.AddFieldMappingsAt(FieldCategory, kw(false, false))
	rep.AddFieldMappingsAt(FieldFormat, kw(true, false))
	rep.AddFieldMappingsAt(FieldPath, kw(true, false))
	prob := bleve.NewNumericFieldMapping()
	prob.Store, prob.IncludeInAll = true, false
	rep.AddFieldMappingsAt(FieldProb, prob)
	pub := bleve.NewDateTimeFieldMapping()
	pub.Store, pub.IncludeInAll = true, false
	rep.AddFieldMappingsAt(FieldPublished, pub)
	// Bleve's own geo fields are not used: their doc-value filters test
	// only the first point of a field with several (bleve v2.6.3,
	// buildDistFilter and its kin stop at the first value), and a report
	// names many places. The cells find candidates; the points, read from
	// doc values, decide.
	cell := bleve.NewKeywordFieldMapping()
	cell.Store, cell.IncludeInAll, cell.DocValues = false, false, false
	rep.AddFieldMappingsAt(FieldPlaceCell, cell)
	point := bleve.NewKeywordFieldMapping()
	point.Store, point.IncludeInAll, point.Index, point.DocValues = false, false, true, true
	rep.AddFieldMappingsAt(FieldPlacePoint, point)
	for _, f := range []string{FieldAdmin1, FieldCountry} {
		rep.AddFieldMappingsAt(f, kw(false, false))
	}
	when := bleve.NewDateTimeFieldMapping()
	when.Store, when.IncludeInAll, when.DocValues = false, false, false
	rep.AddFieldMappingsAt(FieldWhen, when)
	month := bleve.NewKeywordFieldMapping()
	month.Store, month.IncludeInAll, month.IncludeTermVectors = true, false, false
	rep.AddFieldMappingsAt(FieldMonth, month)
	// The site is matched without regard to case and counted as written.
	siteExact := bleve.NewKeywordFieldMapping()
	siteExact.Name, siteExact.Store, siteExact.IncludeInAll, siteExact.IncludeTermVectors = FieldSiteExact, false, false, false
	rep.AddFieldMappingsAt(FieldSite, kw(true, false), siteExact)
	cp := bleve.NewBooleanFieldMapping()
	cp.Store, cp.IncludeInAll, cp.DocValues = false, false, false
	rep.AddFieldMappingsAt(FieldCopy, cp)
	dup := bleve.NewKeywordFieldMapping()
	dup.Store, dup.IncludeInAll, dup.IncludeTermVectors, dup.DocValues = true, false, false, false
	rep.AddFieldMappingsAt(FieldDuplicateOf, dup)
	spot := bleve.NewTextFieldMapping()
	spot.Index, spot.Store, spot.IncludeInAll, spot.IncludeTermVectors, spot.DocValues = false, true, false, false, false
	rep.AddFieldMappingsAt(FieldSpots, spot)
	names, ents := bleve.NewDocumentStaticMapping(), bleve.NewDocumentStaticMapping()
	for _, l := range pipeline.Labels {
		names.AddFieldMappingsAt(l, kw(false, true))
		e := bleve.NewKeywordFieldMapping()
		e.Store, e.IncludeInAll, e.IncludeTermVectors = false, false, false
		ents.AddFieldMappingsAt(l, e)
	}
	rep.AddSubDocumentMapping(FieldLabelName, names)
	rep.AddSubDocumentMapping(FieldLabelEntity, ents)
	// Bleve adds an empty composite _all field to every document unless its
	// mapping is disabled; building it cost 2% of a run's CPU.
	rep.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping("report", rep)
	im.DefaultMapping = rep
	im.TypeField = "type"
	im.DefaultAnalyzer = en.AnalyzerName
	im.DefaultField = FieldText
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	return im, nil
}

// ErrIndexLocked means another process holds the index.
var ErrIndexLocked = errors.New("index is locked by another process")

// spots lists, for each keyword value the index holds (entity texts, ids
// and names, labels, judgment categories, places' areas and countries),
// where the report first mentions it: the sentence and the mention, as
// byte offsets into the text. A hit found through a keyword gets that
// sentence as its snippet without reading the record's annotations.
// One line per value: field, value, sentence start and end, mention start
// and end, tab-separated.
func spots(d *pipeline.Document) string {
	var b strings.Builder
	seen := map[string]bool{}
	add := func(field, value string, start, end int) {
		if value == "" || seen[field+"\x00"+value] || start < 0 || end > len(d.Text) || start >= end {
			return
		}
		seen[field+"\x00"+value] = true
		ss, se := start, end
		if i := d.SentenceAt(start); i >= 0 {
			ss, se = d.Sentences[i].Start, max(d.Sentences[i].End, end)
		}
		b.WriteString(field + "\t" + strings.NewReplacer("\t", " ", "\n", " ").Replace(value) + "\t" +
			strconv.Itoa(ss) + "\t" + strconv.Itoa(se) + "\t" + strconv.Itoa(start) + "\t" + strconv.Itoa(end) + "\n")
	}
	for _, e := range d.Entities {
		add(FieldEntity, strings.ToLower(e.Text), e.Start, e.End)
		if e.Value != "" && e.Label == pipeline.LabelIndicator {
			add(FieldEntity, strings.ToLower(e.Value), e.Start, e.End)
		}
		add(FieldLabel, e.Label, e.Start, e.End)
		add(FieldEntityID, strings.ToLower(e.ID), e.Start, e.End)
		add(FieldEntityName, strings.ToLower(e.Name), e.Start, e.End)
		if g := e.Geo; g != nil {
			add(FieldCountry, strings.ToLower(g.Country), e.Start, e.End)
			a := g.Admin1
			if g.Feature == "ADM1" {
				a = &pipeline.AdminRef{ID: g.ID, Name: e.Text}
			}
			if a != nil {
				add(FieldAdmin1, a.ID, e.Start, e.End)
				for _, k := range models.AdminKeys(a.Name) {
					add(FieldAdmin1, k, e.Start, e.End)
				}
			}
		}
	}
	for _, e := range d.Estimative {
		add(FieldCategory, e.Category, e.Start, e.End)
	}
	return b.String()
}

// Spot is where a report first mentions a keyword value.
type Spot struct {
	Sentence [2]int
	Mention  [2]int
}

// FindSpot looks up field:value in a stored spots field.
func FindSpot(spots, field, value string) (Spot, bool) {
	prefix := field + "\t" + value + "\t"
	for line := range strings.Lines(spots) {
		rest, ok := strings.CutPrefix(line, prefix)
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 4 {
			return Spot{}, false
		}
		var n [4]int
		for i := range f {
			v, err := strconv.Atoi(f[i])
			if err != nil {
				return Spot{}, false
			}
			n[i] = v
		}
		return Spot{Sentence: [2]int{n[0], n[1]}, Mention: [2]int{n[2], n[3]}}, true
	}
	return Spot{}, false
}

// CellLevels are the grid resolutions of FieldPlaceCell, in cells per
// degree: 10 (0.1°, about 11 km), 1 and 0.1 (10°).
var CellLevels = []float64{10, 1, 0.1}

// PlaceCells are the grid cells of a point at each of CellLevels.
func PlaceCells(lat, lon float64) []string {
	out := make([]string, len(CellLevels))
	for i, f := range CellLevels {
		out[i] = Cell(f, int(math.Floor(lat*f)), int(math.Floor(lon*f)))
	}
	return out
}

// Cell names one grid cell: its level and row and column indexes.
func Cell(level float64, row, col int) string {
	return strconv.FormatFloat(level, 'g', -1, 64) + ":" + strconv.Itoa(row) + ":" + strconv.Itoa(col)
}

// PlacePoint writes a point as FieldPlacePoint holds it.
func PlacePoint(lat, lon float64) string {
	return strconv.FormatFloat(lat, 'f', 5, 64) + "," + strconv.FormatFloat(lon, 'f', 5, 64)
}
