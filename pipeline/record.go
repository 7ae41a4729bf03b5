package pipeline

import (
	"cmp"
	"slices"
	"strconv"
)

// Span is a half-open range [Start, End) of UTF-8 byte offsets into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Source describes the file a record was made from.
type Source struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Token is one word or punctuation mark. Tag is the Penn Treebank tag when
// tagging is on.
type Token struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Tag   string `json:"tag,omitempty"`
}

// Tokens is a document's token list; it has a fast JSON encoder because it
// is the largest part of most records.
type Tokens []Token

// MarshalJSON encodes the tokens as encoding/json would, without reflection.
func (ts Tokens) MarshalJSON() ([]byte, error) {
	if ts == nil {
		return []byte("null"), nil
	}
	return ts.AppendJSON(make([]byte, 0, 2+len(ts)*26)), nil
}

// AppendJSON appends the tokens' JSON array to b.
func (ts Tokens) AppendJSON(b []byte) []byte {
	if ts == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, t := range ts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = strconv.AppendInt(b, int64(t.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(t.End), 10)
		if t.Tag != "" {
			b = append(b, `,"tag":`...)
			b = strconv.AppendQuote(b, t.Tag)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// Sentence is one sentence; Tokens is the half-open range of token indexes it holds.
type Sentence struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	TokenStart int    `json:"token_start"`
	TokenEnd   int    `json:"token_end"`
	Judgment   string `json:"judgment,omitempty"` // ICD 203 band (or "possible") of its strongest estimative phrase
}

// BlockKind says what a layout block is.
type BlockKind string

// Block kinds produced by readers and by the structure parser.
const (
	BlockTitle     BlockKind = "title"
	BlockHeading   BlockKind = "heading"
	BlockParagraph BlockKind = "paragraph"
	BlockBullet    BlockKind = "bullet"
	// BlockBoilerplate is page furniture: calls to action, "Related reading"
	// lines, comment forms, cookie notices, related-article lists.
	BlockBoilerplate BlockKind = "boilerplate"
)

// Block is one unit of layout: a heading, a paragraph or a list item. For a
// bullet, Span covers the item without its marker and Marker covers the marker.
type Block struct {
	Start  int       `json:"start"`
	End    int       `json:"end"`
	Kind   BlockKind `json:"kind"`
	Level  int       `json:"level,omitempty"`  // heading level, 1 = top
	List   int       `json:"list,omitempty"`   // bullets of one list share a number (from 1)
	Marker *Span     `json:"marker,omitempty"` // the bullet marker ("•", "-", "1.") in Text
}

// Section is a heading and the text it governs, up to the next heading of the
// same or a higher level.
type Section struct {
	Start        int    `json:"start"`
	End          int    `json:"end"`
	Heading      string `json:"heading"`
	HeadingStart int    `json:"heading_start"`
	HeadingEnd   int    `json:"heading_end"`
	Level        int    `json:"level"`
}

// Page is where one page of a paginated source (PDF) lies in Text. Pages are
// ordered and disjoint; a page with no body text has an empty span.
type Page struct {
	Start  int  `json:"start"`
	End    int  `json:"end"`
	Number int  `json:"number"`        // 1-based, as the reader counts pages
	OCR    bool `json:"ocr,omitempty"` // the page is a scan and its text was read by OCR
}

// Removed is a span of page furniture (a call to action, a "Related reading"
// line, a comment form...) that the pipeline leaves out: it stays in Text, so
// offsets keep their meaning, but no entity, judgment or takeaway comes from
// it. Reason says what it is.
type Removed struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Reason string `json:"reason"`
}

// Link is a hyperlink whose anchor text lies at [Start, End) in Text; the
// target is kept here because the reader reduced the link to its text.
type Link struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	URL   string `json:"url"`
}

// Entity labels of the record contract.
const (
	LabelPerson        = "PERSON"
	LabelNORP          = "NORP"
	LabelOrg           = "ORG"
	LabelGroup         = "GROUP"
	LabelGPE           = "GPE"
	LabelLoc           = "LOC"
	LabelFac           = "FAC"
	LabelDate          = "DATE"
	LabelSector        = "SECTOR"
	LabelMalware       = "MALWARE"
	LabelTool          = "TOOL"
	LabelVulnerability = "VULNERABILITY"
	LabelTechnique     = "TECHNIQUE"
	LabelIndicator     = "INDICATOR"
)

// Labels lists every entity label of the record contract.
var Labels = []string{LabelPerson, LabelNORP, LabelOrg, LabelGroup, LabelGPE, LabelLoc, LabelFac,
	LabelDate, LabelSector, LabelMalware, LabelTool, LabelVulnerability, LabelTechnique, LabelIndicator}

// Entity is one mention of a named thing.
type Entity struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Label  string `json:"label"`
	ID     string `json:"id,omitempty"`     // canonical id, e.g. attack:G0007, geonames:1138958
	Name   string `json:"name,omitempty"`   // canonical name
	Kind   string `json:"kind,omitempty"`   // the type the knowledge source gives
	Type   string `json:"type,omitempty"`   // INDICATOR type: ipv4, domain, url, email, md5, sha1, sha256...
	Value  string `json:"value,omitempty"`  // INDICATOR refanged value
	Source string `json:"source,omitempty"` // the layer that produced it: pattern, alias, gazetteer, model, rule
	// Warning names the MISP warning list that holds an INDICATOR's value
	// (a known-benign value: a top site, a reserved range, an empty-file hash).
	Warning string `json:"warning,omitempty"`
	// Geo is the place a GPE, LOC or FAC resolves to, when it resolves.
	Geo *Geo `json:"geo,omitempty"`
}

// AdminRef names an administrative area by GeoNames id.
type AdminRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Geo is a resolved place: its GeoNames id, point, feature code (PPL,
// PPLA, PPLC..., ADM1, ADM2, PCLI for a country), country (ISO 3166-1
// alpha-2) and admin chain. The points of admin areas are the middle of
// their places' range, isolated outliers left out. Score says how clearly the choice beat the
// next candidate (1: nothing competed); Candidates is how many entries
// the name matched.
type Geo struct {
	ID         string    `json:"id"`
	Lat        float64   `json:"lat"`
	Lon        float64   `json:"lon"`
	Feature    string    `json:"feature"`
	Country    string    `json:"country,omitempty"` // none for a region (RGN)
	Admin1     *AdminRef `json:"admin1,omitempty"`
	Admin2     *AdminRef `json:"admin2,omitempty"`
	Score      float64   `json:"score"`
	Candidates int       `json:"candidates"`
}

// Focus is where a report is about: the country most of its resolved places
// lie in, and the admin area most of them lie in there.
type Focus struct {
	Country string    `json:"country"`
	Admin1  *AdminRef `json:"admin1,omitempty"`
}

// Reference is a citation: a URL, domain or address the text gives as its
// source (an endnote, a "Source:" line, a link to a write-up), not as an
// indicator of compromise. URL is the refanged value as written (a bare
// domain when no scheme was given); Domain is its host name.
type Reference struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	URL    string `json:"url"`
	Domain string `json:"domain,omitempty"`
}

// Timex is one temporal expression (TimeML's TIMEX3): a date, a clock time,
// a duration or a frequency, with its normalised value. Value is null when the
// expression cannot be resolved without guessing (an event-anchored "the day
// after the attack", a relative date in a report with no date). Anchor says
// what a relative value was counted from: "dct" (the report's date) or
// "text" (the date at AnchorStart).
type Timex struct {
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Text        string  `json:"text"`
	Type        string  `json:"type"`  // DATE, TIME, DURATION or SET
	Value       *string `json:"value"` // TIMEX3 value: 2021-11-02, 2021-W44, P2W, PAST_REF, 2021-11-02T14:00Z...
	Mod         string  `json:"mod,omitempty"`
	Anchor      string  `json:"anchor,omitempty"`
	AnchorStart *int    `json:"anchor_start,omitempty"`
}

// Estimative kinds.
const (
	KindLikelihood = "likelihood"
	KindHedge      = "hedge"
	KindConfidence = "confidence"
)

// Estimate is one estimative phrase: a likelihood judgment, a hedge or a
// confidence statement.
type Estimate struct {
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Text     string   `json:"text"`
	Kind     string   `json:"kind"`
	Category string   `json:"category"`
	Low      *float64 `json:"low,omitempty"`
	High     *float64 `json:"high,omitempty"`
	Negated  bool     `json:"negated,omitempty"`
	Scale    string   `json:"scale,omitempty"`  // the yardstick that names the phrase: icd203, phia or both
	Source   string   `json:"source,omitempty"` // attribution: "ISW", "we", ...
	Sentence int      `json:"sentence"`         // index into Sentences
}

// Likelihood summarises the likelihood judgments of a span of text.
type Likelihood struct {
	Judgments int            `json:"judgments"`
	Hedges    int            `json:"hedges"`
	Counts    map[string]int `json:"counts,omitempty"`
	Mean      *float64       `json:"mean,omitempty"` // mean of the bands' midpoints
	StdDev    *float64       `json:"stddev,omitempty"`
	Min       *float64       `json:"min,omitempty"`
	Max       *float64       `json:"max,omitempty"`
	Category  string         `json:"category,omitempty"` // the band the mean falls in
	// Report level only.
	Words           int      `json:"words,omitempty"`
	HedgeDensity    *float64 `json:"hedge_density,omitempty"`    // hedges per 1,000 words
	ConfidenceShare *float64 `json:"confidence_share,omitempty"` // share of likelihood judgments whose sentence states a confidence level
}

// Lint is one finding of the ICD 203 lint: a span and the rule it breaks.
type Lint struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Takeaway is one key-takeaway bullet.
type Takeaway struct {
	Start      int         `json:"start"`
	End        int         `json:"end"`
	Text       string      `json:"text"`
	Heading    string      `json:"heading"`
	Label      string      `json:"label,omitempty"`
	Derived    bool        `json:"derived,omitempty"`
	Entities   []int       `json:"entities"`   // indexes into Entities
	Estimative []int       `json:"estimative"` // indexes into Estimative
	Likelihood *Likelihood `json:"likelihood,omitempty"`
}

// Diagnostic is a problem met while reading or annotating one document.
type Diagnostic struct {
	Stage    string `json:"stage"`
	Severity string `json:"severity"` // "warning" or "error"
	Message  string `json:"message"`
	Start    *int   `json:"start,omitempty"`
	End      *int   `json:"end,omitempty"`
}

// Document is one report and all its annotations: the record of the contract.
type Document struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	Source      Source            `json:"source"`
	Meta        map[string]string `json:"meta,omitempty"`
	Published   string            `json:"published,omitempty"`        // YYYY-MM-DD
	PublishedBy string            `json:"published_source,omitempty"` // meta, text, path or text+year
	// FileModified is the file's modification time (RFC 3339, UTC): when
	// it was saved or copied, never taken for the publication date.
	FileModified string     `json:"file_modified,omitempty"`
	Site         string     `json:"site,omitempty"`
	DuplicateOf  string     `json:"duplicate_of,omitempty"` // the report whose text this one repeats
	Text         string     `json:"text"`
	Sentences    []Sentence `json:"sentences"`
	Tokens       Tokens     `json:"tokens"`
	Blocks       []Block    `json:"blocks"`
	Sections     []Section  `json:"sections"`
	Pages        []Page     `json:"pages,omitempty"`
	// ScannedPages are the pages of a PDF that are scanned images (images
	// over half the page and under 30 words of text, or images and no
	// text), whether OCR read them or not.
	ScannedPages []int        `json:"scanned_pages,omitempty"`
	Links        []Link       `json:"links,omitempty"`
	Boilerplate  []Removed    `json:"boilerplate,omitempty"`
	Entities     []Entity     `json:"entities"`
	References   []Reference  `json:"references,omitempty"`
	Focus        *Focus       `json:"focus,omitempty"`
	Timexes      []Timex      `json:"timexes"`
	Takeaways    []Takeaway   `json:"takeaways"`
	Estimative   []Estimate   `json:"estimative"`
	Judgments    *Likelihood  `json:"judgments,omitempty"`
	Lint         []Lint       `json:"lint"`
	Diagnostics  []Diagnostic `json:"diagnostics,omitempty"`
}

// Warn records a warning diagnostic for stage.
func (d *Document) Warn(stage, msg string) {
	d.Diagnostics = append(d.Diagnostics, Diagnostic{Stage: stage, Severity: "warning", Message: msg})
}

// Slice returns Text[s.Start:s.End].
func (d *Document) Slice(s Span) string { return d.Text[s.Start:s.End] }

// SentenceAt returns the index of the sentence holding byte offset off, or -1.
func (d *Document) SentenceAt(off int) int {
	i, found := slices.BinarySearchFunc(d.Sentences, off, func(s Sentence, off int) int {
		switch {
		case s.End <= off:
			return -1
		case s.Start > off:
			return 1
		}
		return 0
	})
	if !found {
		return -1
	}
	return i
}

// InBoilerplate reports whether [start, end) lies inside a removed span.
func (d *Document) InBoilerplate(start, end int) bool {
	i, _ := slices.BinarySearchFunc(d.Boilerplate, start, func(r Removed, off int) int {
		if r.End <= off {
			return -1
		}
		return 1
	})
	return i < len(d.Boilerplate) && d.Boilerplate[i].Start <= start && end <= d.Boilerplate[i].End
}

// SortAnnotations puts every annotation list in a deterministic order
// (by start, then end), so records and golden files are stable.
func (d *Document) SortAnnotations() {
	slices.SortStableFunc(d.Entities, func(a, b Entity) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Label, b.Label))
	})
	slices.SortStableFunc(d.Estimative, func(a, b Estimate) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
}

// Normalize replaces nil annotation slices with empty ones so every record
// carries every field of the contract.
func (d *Document) Normalize() {
	if d.Sentences == nil {
		d.Sentences = []Sentence{}
	}
	if d.Tokens == nil {
		d.Tokens = Tokens{}
	}
	if d.Blocks == nil {
		d.Blocks = []Block{}
	}
	if d.Sections == nil {
		d.Sections = []Section{}
	}
	if d.Entities == nil {
		d.Entities = []Entity{}
	}
	if d.Timexes == nil {
		d.Timexes = []Timex{}
	}
	if d.Takeaways == nil {
		d.Takeaways = []Takeaway{}
	}
	for i := range d.Takeaways {
		if d.Takeaways[i].Entities == nil {
			d.Takeaways[i].Entities = []int{}
		}
		if d.Takeaways[i].Estimative == nil {
			d.Takeaways[i].Estimative = []int{}
		}
	}
	if d.Estimative == nil {
		d.Estimative = []Estimate{}
	}
	if d.Lint == nil {
		d.Lint = []Lint{}
	}
}
