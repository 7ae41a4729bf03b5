// Package entity owns the profile of one entity across an output's
// reports, for the web page of an actor or a place: the reports that
// mention it by date, the names it goes by, the entities named in the same
// sentences, and the estimative judgments whose sentence names it.
package entity

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/output/stats"
	"github.com/sitrep/sitrep/pipeline"
)

// MaxReports bounds the reports one profile reads (newest first).
const MaxReports = 300

// maxCooccurring bounds the co-occurring entities listed.
const maxCooccurring = 25

// Profile is one entity across the reports.
type Profile struct {
	Query       string      `json:"query"`
	Name        string      `json:"name"`
	Label       string      `json:"label"`
	ID          string      `json:"id,omitempty"`
	Aliases     []Alias     `json:"aliases"`
	Reports     []Report    `json:"reports"`
	Cooccurring []Neighbour `json:"cooccurring"`
	Judgments   []Judgment  `json:"judgments"`
	// Total is the number of reports that mention it; only the newest
	// MaxReports are read when it is larger.
	Total uint64 `json:"total"`
}

// Alias is a text the entity is mentioned by, and how often.
type Alias struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Report is one report that mentions the entity.
type Report struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Site      string `json:"site,omitempty"`
	Mentions  int    `json:"mentions"`
}

// Neighbour is an entity named in the same sentences.
type Neighbour struct {
	Key       string `json:"key"`
	Name      string `json:"name"`
	Label     string `json:"label"`
	Sentences int    `json:"sentences"` // sentences naming both
	Reports   int    `json:"reports"`
}

// Judgment is an estimative phrase in a sentence that names the entity.
type Judgment struct {
	Report    string   `json:"report"`
	Published string   `json:"published,omitempty"`
	Sentence  string   `json:"sentence"`
	Phrase    string   `json:"phrase"`
	Kind      string   `json:"kind"`
	Category  string   `json:"category"`
	Negated   bool     `json:"negated,omitempty"`
	Low       *float64 `json:"low,omitempty"`
	High      *float64 `json:"high,omitempty"`
}

// matches says whether e is the entity q names: its canonical id, its
// canonical name or its text, without regard to case (as stats tracks it).
func matches(e *pipeline.Entity, q string) bool {
	return strings.EqualFold(e.ID, q) || strings.EqualFold(e.Name, q) || strings.EqualFold(e.Text, q)
}

// Build profiles the entity q (an id, a canonical name or a mention text)
// over the reports of dirs, found through their open index.
func Build(ctx context.Context, idx bleve.Index, dirs []string, q string) (*Profile, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, fmt.Errorf("no entity")
	}
	var any []query.Query
	for _, f := range []string{index.FieldEntityID, index.FieldEntityName, index.FieldEntity} {
		t := bleve.NewTermQuery(strings.ToLower(q))
		t.SetField(f)
		any = append(any, t)
	}
	copies := bleve.NewBoolFieldQuery(true)
	copies.SetField(index.FieldCopy)
	req := bleve.NewSearchRequestOptions(query.NewBooleanQuery([]query.Query{query.NewDisjunctionQuery(any)}, nil, []query.Query{copies}), MaxReports, 0, false)
	req.SortBy([]string{"-" + index.FieldPublished, "_id"})
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", q, err)
	}
	p := &Profile{Query: q, Total: res.Total, Aliases: []Alias{}, Reports: []Report{}, Cooccurring: []Neighbour{}, Judgments: []Judgment{}}
	aliases := map[string]int{}
	names := map[[3]string]int{} // label, name, id
	neigh := map[string]*Neighbour{}
	for _, h := range res.Hits {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := readRecord(dirs, h.ID)
		if err != nil {
			return nil, err
		}
		p.add(d, q, aliases, names, neigh)
	}
	// The profile's name: its most frequent canonical name (or text).
	best := 0
	for k, n := range names {
		if n > best || n == best && (k[1] < p.Name) {
			p.Label, p.Name, p.ID, best = k[0], k[1], k[2], n
		}
	}
	for t, n := range aliases {
		p.Aliases = append(p.Aliases, Alias{t, n})
	}
	slices.SortFunc(p.Aliases, func(a, b Alias) int { return cmp.Or(b.Count-a.Count, cmp.Compare(a.Text, b.Text)) })
	for _, n := range neigh {
		p.Cooccurring = append(p.Cooccurring, *n)
	}
	slices.SortFunc(p.Cooccurring, func(a, b Neighbour) int {
		return cmp.Or(b.Sentences-a.Sentences, b.Reports-a.Reports, cmp.Compare(a.Key, b.Key))
	})
	p.Cooccurring = p.Cooccurring[:min(len(p.Cooccurring), maxCooccurring)]
	// Oldest first: a timeline.
	slices.SortStableFunc(p.Reports, func(a, b Report) int { return cmp.Or(cmp.Compare(a.Published, b.Published), cmp.Compare(a.ID, b.ID)) })
	slices.SortStableFunc(p.Judgments, func(a, b Judgment) int { return cmp.Compare(a.Published, b.Published) })
	return p, nil
}

func (p *Profile) add(d *pipeline.Document, q string, aliases map[string]int, names map[[3]string]int, neigh map[string]*Neighbour) {
	r := Report{ID: d.ID, Title: d.Title, Published: d.Published, Site: d.Site}
	named := map[int]bool{} // sentences naming the entity
	self := map[string]bool{}
	for i := range d.Entities {
		e := &d.Entities[i]
		if !matches(e, q) {
			continue
		}
		r.Mentions++
		aliases[e.Text]++
		name := cmp.Or(e.Name, e.Text)
		names[[3]string{e.Label, name, e.ID}]++
		self[stats.Key(e)] = true
		if s := d.SentenceAt(e.Start); s >= 0 {
			named[s] = true
		}
	}
	if r.Mentions == 0 {
		return // found through another entity's value (an indicator's defanged form)
	}
	p.Reports = append(p.Reports, r)
	inReport := map[string]bool{}
	inSentence := map[[2]any]bool{}
	for i := range d.Entities {
		e := &d.Entities[i]
		k := stats.Key(e)
		s := d.SentenceAt(e.Start)
		if self[k] || e.Label == pipeline.LabelDate || !named[s] || inSentence[[2]any{s, k}] {
			continue
		}
		inSentence[[2]any{s, k}] = true
		n := neigh[k]
		if n == nil {
			n = &Neighbour{Key: k, Name: cmp.Or(e.Name, e.Text), Label: e.Label}
			neigh[k] = n
		}
		n.Sentences++
		if !inReport[k] {
			inReport[k] = true
			n.Reports++
		}
	}
	for _, e := range d.Estimative {
		if e.Kind == pipeline.KindConfidence || !named[e.Sentence] || e.Sentence >= len(d.Sentences) {
			continue
		}
		s := d.Sentences[e.Sentence]
		p.Judgments = append(p.Judgments, Judgment{Report: d.ID, Published: d.Published, Sentence: strings.Join(strings.Fields(d.Text[s.Start:s.End]), " "),
			Phrase: e.Text, Kind: e.Kind, Category: e.Category, Negated: e.Negated, Low: e.Low, High: e.High})
	}
}

// readRecord reads the record of id from the first folder that has it.
func readRecord(dirs []string, id string) (*pipeline.Document, error) {
	f, err := output.OpenReport(dirs, id)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var d *pipeline.Document
	err = pipeline.DecodeRecords(f.Name(), f, func(x *pipeline.Document) error {
		d = x
		return nil
	})
	if err == nil && d == nil {
		err = fmt.Errorf("%s: no record", f.Name())
	}
	return d, err
}
