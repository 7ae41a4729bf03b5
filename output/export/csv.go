package export

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/timex"
)

// The CSV tables and their columns (documented in README.md, "Exports").
var (
	ReportColumns = append(append([]string{"report_id", "title", "published", "published_source", "file_modified", "site", "format", "bytes",
		"sentences", "tokens", "entities", "takeaways", "derived_takeaways", "judgments", "hedges",
		"mean_probability", "stddev_probability", "category", "hedge_density", "confidence_share", "diagnostics"},
		prefixed("entities_", lower(pipeline.Labels))...), prefixed("estimative_", EstimativeCategories)...)
	// start and end are UTF-8 byte offsets into the record's text (as in the
	// record); char_start and char_end count Unicode code points, as Python
	// and pandas slice strings.
	MentionColumns = []string{"report_id", "mention", "label", "text", "entity_id", "name", "kind", "type", "value", "source",
		"start", "end", "char_start", "char_end", "sentence", "in_takeaway", "sentence_category", "sentence_probability", "sentence_text"}
	// JudgmentColumns: entities lists the texts named in the judgment's
	// sentence for reading; judgment_entities.csv pairs each with its id.
	JudgmentColumns = []string{"report_id", "judgment", "kind", "category", "text", "low", "high", "negated", "scale",
		"attribution", "start", "end", "char_start", "char_end", "sentence", "in_takeaway", "entities", "sentence_text"}
	TakeawayColumns = []string{"report_id", "takeaway", "heading", "label", "derived", "text", "start", "end", "char_start", "char_end",
		"entities", "judgments", "hedges", "category", "mean_probability"}
	// TimexColumns: first_day and last_day are the days a value of a day,
	// week or month covers (empty for coarser values and durations), so a
	// timeline needs no TIMEX3 parser.
	TimexColumns = []string{"report_id", "timex", "type", "value", "mod", "anchor", "anchor_start", "first_day", "last_day",
		"text", "start", "end", "char_start", "char_end", "sentence", "sentence_text"}
	// JudgmentEntityColumns and TakeawayEntityColumns pair a judgment (the
	// mentions of its sentence) or a takeaway with each entity mention, one
	// row per pair: mention is the row of mentions.csv (with report_id).
	JudgmentEntityColumns = []string{"report_id", "judgment", "mention", "entity_id", "name", "label", "text"}
	TakeawayEntityColumns = []string{"report_id", "takeaway", "mention", "entity_id", "name", "label", "text"}
)

// EstimativeCategories are the categories an estimative phrase can carry:
// the ICD 203 bands from least to most likely, "possible" for hedges, and the
// three confidence levels (prefixed, because "high" alone is ambiguous).
var EstimativeCategories = []string{"almost_no_chance", "very_unlikely", "unlikely", "roughly_even", "likely",
	"very_likely", "almost_certain", "possible", "confidence_low", "confidence_moderate", "confidence_high"}

// CSVFiles are the files ExportCSV writes, in order.
var CSVFiles = []string{"reports.csv", "mentions.csv", "judgments.csv", "takeaways.csv", "timexes.csv", "judgment_entities.csv", "takeaway_entities.csv"}

// CSV writes the seven tidy tables of OUT into dir (RFC 4180, UTF-8, one
// header row each) and returns the number of reports.
func CSV(out, dir string) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("export csv: %w", err)
	}
	headers := [][]string{ReportColumns, MentionColumns, JudgmentColumns, TakeawayColumns, TimexColumns, JudgmentEntityColumns, TakeawayEntityColumns}
	files := make([]*os.File, len(CSVFiles))
	ws := make([]*csv.Writer, len(CSVFiles))
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	for i, name := range CSVFiles {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return 0, fmt.Errorf("export csv: %w", err)
		}
		files[i], ws[i] = f, csv.NewWriter(f)
		if err := ws[i].Write(headers[i]); err != nil {
			return 0, fmt.Errorf("write %s: %w", f.Name(), err)
		}
	}
	n := 0
	err := output.Each(out, func(d *pipeline.Document) error {
		n++
		for i, rows := range csvRows(d) {
			if err := ws[i].WriteAll(rows); err != nil {
				return fmt.Errorf("write %s: %w", files[i].Name(), err)
			}
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	for i, f := range files {
		ws[i].Flush()
		if err := ws[i].Error(); err != nil {
			return n, fmt.Errorf("write %s: %w", f.Name(), err)
		}
		if err := f.Close(); err != nil {
			return n, fmt.Errorf("close %s: %w", f.Name(), err)
		}
		files[i] = nil
	}
	return n, nil
}

// csvRows returns the rows one record adds to each table, in CSVFiles order.
func csvRows(d *pipeline.Document) [7][][]string {
	var t [7][][]string
	sents := sentenceInfos(d)
	inTk := inTakeaway(d)
	sentInfo := func(i int) (string, string) {
		if i < 0 || i >= len(sents) {
			return "", ""
		}
		return sents[i].category, fmtProb(sents[i].prob)
	}

	// reports.csv
	byLabel := map[string]int{}
	for _, e := range d.Entities {
		byLabel[e.Label]++
	}
	byCat := map[string]int{}
	for _, e := range d.Estimative {
		c := e.Category
		if e.Kind == pipeline.KindConfidence {
			c = "confidence_" + c
		}
		byCat[c]++
	}
	derived := 0
	for _, tk := range d.Takeaways {
		if tk.Derived {
			derived++
		}
	}
	j := d.Judgments
	if j == nil {
		j = &pipeline.Likelihood{}
	}
	row := []string{d.ID, d.Title, d.Published, d.PublishedBy, d.FileModified, d.Site, d.Source.Format, itoa(int(d.Source.Bytes)),
		itoa(len(d.Sentences)), itoa(len(d.Tokens)), itoa(len(d.Entities)), itoa(len(d.Takeaways)), itoa(derived),
		itoa(j.Judgments), itoa(j.Hedges), fmtProb(j.Mean), fmtProb(j.StdDev), j.Category, fmtProb(j.HedgeDensity),
		fmtProb(j.ConfidenceShare), itoa(len(d.Diagnostics))}
	for _, l := range pipeline.Labels {
		row = append(row, itoa(byLabel[l]))
	}
	for _, c := range EstimativeCategories {
		row = append(row, itoa(byCat[c]))
	}
	t[0] = append(t[0], row)

	// mentions.csv
	chars := &charOffsets{text: d.Text}
	for i, e := range d.Entities {
		s := d.SentenceAt(e.Start)
		cat, prob := sentInfo(s)
		t[1] = append(t[1], []string{d.ID, itoa(i), e.Label, e.Text, e.ID, e.Name, e.Kind, e.Type, e.Value, e.Source,
			itoa(e.Start), itoa(e.End), chars.at(e.Start), chars.at(e.End), itoa(s), strconv.FormatBool(inTk[i]), cat, prob, sentenceText(d, s)})
	}

	// judgments.csv: the entities of each sentence, found once per record.
	sentEnts := make([][]int, len(d.Sentences))
	for i, e := range d.Entities {
		if s := d.SentenceAt(e.Start); s >= 0 {
			sentEnts[s] = append(sentEnts[s], i)
		}
	}
	estInTk := make([]bool, len(d.Estimative))
	for _, tk := range d.Takeaways {
		for _, i := range tk.Estimative {
			if i >= 0 && i < len(estInTk) {
				estInTk[i] = true
			}
		}
	}
	chars = &charOffsets{text: d.Text}
	for i, e := range d.Estimative {
		var texts string
		if e.Sentence >= 0 && e.Sentence < len(sentEnts) {
			texts = entityTexts(d, sentEnts[e.Sentence])
			t[5] = append(t[5], entityPairs(d, i, sentEnts[e.Sentence])...)
		}
		t[2] = append(t[2], []string{d.ID, itoa(i), e.Kind, e.Category, e.Text, fmtProb(e.Low), fmtProb(e.High),
			strconv.FormatBool(e.Negated), e.Scale, e.Source, itoa(e.Start), itoa(e.End), chars.at(e.Start), chars.at(e.End),
			itoa(e.Sentence), strconv.FormatBool(estInTk[i]), texts, sentenceText(d, e.Sentence)})
	}

	// takeaways.csv
	chars = &charOffsets{text: d.Text}
	for i, tk := range d.Takeaways {
		l := tk.Likelihood
		if l == nil {
			l = &pipeline.Likelihood{}
		}
		t[3] = append(t[3], []string{d.ID, itoa(i), tk.Heading, tk.Label, strconv.FormatBool(tk.Derived), tk.Text,
			itoa(tk.Start), itoa(tk.End), chars.at(tk.Start), chars.at(tk.End), entityTexts(d, tk.Entities),
			itoa(l.Judgments), itoa(l.Hedges), l.Category, fmtProb(l.Mean)})
		t[6] = append(t[6], entityPairs(d, i, tk.Entities)...)
	}

	// timexes.csv
	chars = &charOffsets{text: d.Text}
	for i, x := range d.Timexes {
		var value, anchorStart, first, last string
		if x.Value != nil {
			value = *x.Value
			if f, l, ok := timex.Days(value); ok {
				first, last = f.Format("2006-01-02"), l.Format("2006-01-02")
			}
		}
		if x.AnchorStart != nil {
			anchorStart = itoa(*x.AnchorStart)
		}
		s := d.SentenceAt(x.Start)
		t[4] = append(t[4], []string{d.ID, itoa(i), x.Type, value, x.Mod, x.Anchor, anchorStart, first, last,
			x.Text, itoa(x.Start), itoa(x.End), chars.at(x.Start), chars.at(x.End), itoa(s), sentenceText(d, s)})
	}
	return t
}

// entityTexts joins the texts of entities idx with "|", each once, in order.
func entityTexts(d *pipeline.Document, idx []int) string {
	var texts []string
	seen := map[string]bool{}
	for _, i := range idx {
		if i >= 0 && i < len(d.Entities) && !seen[d.Entities[i].Text] {
			seen[d.Entities[i].Text] = true
			texts = append(texts, d.Entities[i].Text)
		}
	}
	return strings.Join(texts, "|")
}

// entityPairs are the rows pairing item (a judgment or a takeaway) with
// each entity mention idx: mention index, id, name, label and text together.
func entityPairs(d *pipeline.Document, item int, idx []int) [][]string {
	var rows [][]string
	for _, i := range idx {
		if i >= 0 && i < len(d.Entities) {
			e := d.Entities[i]
			rows = append(rows, []string{d.ID, itoa(item), itoa(i), e.ID, e.Name, e.Label, e.Text})
		}
	}
	return rows
}

// charOffsets converts byte offsets into a text to code-point offsets; it
// counts from the last offset asked, so offsets asked in order cost one
// pass over the text.
type charOffsets struct {
	text        string
	byte, chars int
}

func (c *charOffsets) at(b int) string {
	if b < c.byte {
		c.byte, c.chars = 0, 0
	}
	b = min(b, len(c.text))
	c.chars += utf8.RuneCountInString(c.text[c.byte:b])
	c.byte = b
	return itoa(c.chars)
}

func itoa(n int) string { return strconv.Itoa(n) }

func fmtProb(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(math.Round(*p*1e6)/1e6, 'f', -1, 64) // no 0.6749999999999999
}

func lower(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}

func prefixed(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}
