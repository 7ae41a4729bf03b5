// Package stats owns `sitrep stats`: the corpus at a glance, computed in one
// streaming pass over OUT's records (reports by month and site, top entities
// per label, co-occurring entity pairs, judgments by category over time, and
// the track of the judgments about one entity), printed as text or JSON or
// drawn as a self-contained HTML page of SVG charts.
package stats

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/timex"
)

// Options choose what Collect reports.
type Options struct {
	Top    int    // entities per label and pairs to list (default 10)
	Entity string // track judgments about this entity (id, canonical name or text; case-insensitive)
}

// Stats is the corpus at a glance.
type Stats struct {
	Reports int     `json:"reports"`
	Undated int     `json:"undated"`
	ByMonth []Count `json:"by_month"`
	// TalkedAbout counts, per month, the reports whose dates name a day of
	// it (a day, a week or a month they mention): the timeline of what the
	// reports are about, not of when they were written.
	TalkedAbout []Count                  `json:"talked_about_by_month"`
	BySite      []Count                  `json:"by_site"`
	TopEntities map[string][]EntityCount `json:"top_entities"` // by label
	Pairs       []Pair                   `json:"pairs"`
	Judgments   []MonthJudgments         `json:"judgments_by_month"`
	Track       *Track                   `json:"track,omitempty"`
	// Places are the resolved places (GeoNames) the most reports name, at
	// most MaxPlaces, with their points: the map of the stats page.
	Places []Place `json:"places"`
	// PairsApproximate says rare pairs were pruned to bound memory, so counts
	// of pairs seen once or twice may be low (frequent pairs are exact).
	PairsApproximate bool `json:"pairs_approximate,omitempty"`
}

// Place is one resolved place and the reports and mentions that name it.
type Place struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Feature  string  `json:"feature"`
	Country  string  `json:"country,omitempty"`
	Reports  int     `json:"reports"`
	Mentions int     `json:"mentions"`
}

// MaxPlaces bounds the places kept for the map.
const MaxPlaces = 500

// Count is a number of reports for one key.
type Count struct {
	Key     string `json:"key"`
	Reports int    `json:"reports"`
}

// EntityCount is one entity with the reports and mentions it has.
type EntityCount struct {
	Key      string `json:"key"` // canonical id, or label|folded text for unlinked entities
	Name     string `json:"name"`
	Label    string `json:"label"`
	ID       string `json:"id,omitempty"`
	Reports  int    `json:"reports"`
	Mentions int    `json:"mentions"`
}

// Pair is two entities named in the same sentences.
type Pair struct {
	A         string `json:"a"`
	B         string `json:"b"`
	LabelA    string `json:"label_a"`
	LabelB    string `json:"label_b"`
	Sentences int    `json:"sentences"`
	// Dice is 2*both/(a+b) over sentences: 1 when they only appear together.
	Dice float64 `json:"dice"`
}

// MonthJudgments counts estimative phrases by category in one month.
type MonthJudgments struct {
	Month  string         `json:"month"`
	Counts map[string]int `json:"counts"`
	Mean   *float64       `json:"mean_probability,omitempty"` // mean midpoint of the month's likelihood phrases
}

// Track follows the judgments about one entity over time.
type Track struct {
	Query   string       `json:"query"`
	Matched []string     `json:"matched"` // the entity keys the query matched
	Points  []TrackPoint `json:"points"`
}

// TrackPoint is one month of a track: sentences naming the entity, those of
// them that carry a likelihood judgment, and their mean probability.
type TrackPoint struct {
	Month     string         `json:"month"`
	Reports   int            `json:"reports"`
	Sentences int            `json:"sentences"`
	Judged    int            `json:"judged"`
	Mean      *float64       `json:"mean_probability,omitempty"`
	Counts    map[string]int `json:"counts,omitempty"`
}

// maxPairs bounds the pair table; beyond it the rarest pairs are pruned.
const maxPairs = 200_000

// maxPerSentence bounds the entities of one sentence that form pairs (a
// sentence listing 200 indicators would otherwise add 20,000 pairs).
const maxPerSentence = 12

// Collector accumulates statistics record by record.
type Collector struct {
	opt      Options
	reports  int
	undated  int
	months   map[string]int
	talked   map[string]int
	sites    map[string]int
	ents     map[string]*EntityCount
	sentEnts map[string]int // sentences naming each entity (for Dice)
	pairs    map[[2]string]int
	pruned   bool
	judg     map[string]*monthAcc
	track    map[string]*trackAcc
	matched  map[string]bool
	query    string
	places   map[string]*Place
}

type monthAcc struct {
	counts map[string]int
	sum    float64
	n      int
}

type trackAcc struct {
	reports, sentences, judged int
	sum                        float64
	counts                     map[string]int
}

// NewCollector returns an empty collector.
func NewCollector(opt Options) *Collector {
	if opt.Top <= 0 {
		opt.Top = 10
	}
	return &Collector{opt: opt, places: map[string]*Place{}, months: map[string]int{}, talked: map[string]int{}, sites: map[string]int{}, ents: map[string]*EntityCount{},
		sentEnts: map[string]int{}, pairs: map[[2]string]int{}, judg: map[string]*monthAcc{},
		track: map[string]*trackAcc{}, matched: map[string]bool{}, query: strings.ToLower(strings.TrimSpace(opt.Entity))}
}

// Key identifies an entity across reports: its canonical id, or its label
// and case-folded name (set by in-document aliases: "Hamdard" after "Abdul
// Rahim Hamdard"), or its label and case-folded text.
func Key(e *pipeline.Entity) string {
	switch {
	case e.ID != "":
		return e.ID
	case e.Name != "":
		return e.Label + "|" + strings.ToLower(e.Name)
	}
	return e.Label + "|" + strings.ToLower(e.Text)
}

// matches reports whether e is the tracked entity.
func (c *Collector) matches(e *pipeline.Entity) bool {
	if c.query == "" {
		return false
	}
	return strings.ToLower(e.ID) == c.query || strings.ToLower(e.Name) == c.query || strings.ToLower(e.Text) == c.query
}

// Add counts one record.
func (c *Collector) Add(d *pipeline.Document) {
	c.reports++
	month := ""
	if len(d.Published) >= 7 {
		month = d.Published[:7]
		c.months[month]++
	} else {
		c.undated++
	}
	inMonth := map[string]bool{}
	for _, x := range d.Timexes {
		if first, last, ok := timex.DaysOf(x); ok {
			for _, t := range []time.Time{first, last} {
				if m := t.Format("2006-01"); !inMonth[m] {
					inMonth[m] = true
					c.talked[m]++
				}
			}
		}
	}
	site := d.Site
	if site == "" {
		site = "(none)"
	}
	c.sites[site]++
	inPlace := map[string]bool{}
	for i := range d.Entities {
		g := d.Entities[i].Geo
		if g == nil {
			continue
		}
		p := c.places[g.ID]
		if p == nil {
			name := d.Entities[i].Name
			if name == "" {
				name = d.Entities[i].Text
			}
			p = &Place{ID: g.ID, Name: name, Lat: g.Lat, Lon: g.Lon, Feature: g.Feature, Country: g.Country}
			c.places[g.ID] = p
		}
		p.Mentions++
		if !inPlace[g.ID] {
			inPlace[g.ID] = true
			p.Reports++
		}
	}

	// Entities: mentions, reports, and the sentences that name them.
	keys := make([]string, len(d.Entities))
	inReport := map[string]bool{}
	bySentence := make([][]int, len(d.Sentences))
	tracked := make([]bool, len(d.Sentences))
	for i := range d.Entities {
		e := &d.Entities[i]
		k := Key(e)
		keys[i] = k
		ec := c.ents[k]
		if ec == nil {
			name := e.Name
			if name == "" {
				name = e.Text
			}
			ec = &EntityCount{Key: k, Name: name, Label: e.Label, ID: e.ID}
			c.ents[k] = ec
		}
		ec.Mentions++
		if !inReport[k] {
			inReport[k] = true
			ec.Reports++
		}
		if s := d.SentenceAt(e.Start); s >= 0 {
			bySentence[s] = append(bySentence[s], i)
			if c.matches(e) {
				tracked[s] = true
				c.matched[k] = true
			}
		}
	}
	for _, idx := range bySentence {
		c.addPairs(keys, idx)
	}

	// Judgments by month, and per sentence for the track.
	probSum := make([]float64, len(d.Sentences))
	probN := make([]int, len(d.Sentences))
	sentCats := make([][]string, len(d.Sentences))
	if month != "" {
		m := c.judg[month]
		if m == nil {
			m = &monthAcc{counts: map[string]int{}}
			c.judg[month] = m
		}
		for _, e := range d.Estimative {
			if e.Kind == pipeline.KindConfidence {
				continue
			}
			m.counts[e.Category]++
			if e.Kind == pipeline.KindLikelihood && e.Low != nil && e.High != nil {
				mid := (*e.Low + *e.High) / 2
				m.sum += mid
				m.n++
				if e.Sentence >= 0 && e.Sentence < len(probSum) {
					probSum[e.Sentence] += mid
					probN[e.Sentence]++
					sentCats[e.Sentence] = append(sentCats[e.Sentence], e.Category)
				}
			}
		}
	}
	if month == "" || c.query == "" {
		return
	}
	t := c.track[month]
	counted := false
	for s, on := range tracked {
		if !on {
			continue
		}
		if t == nil {
			t = &trackAcc{counts: map[string]int{}}
			c.track[month] = t
		}
		if !counted {
			t.reports++
			counted = true
		}
		t.sentences++
		if probN[s] > 0 {
			t.judged++
			t.sum += probSum[s] / float64(probN[s])
			for _, cat := range sentCats[s] {
				t.counts[cat]++
			}
		}
	}
}

// addPairs counts the pairs of distinct entities one sentence names.
func (c *Collector) addPairs(keys []string, idx []int) {
	var uniq []string
	for _, i := range idx {
		if !slices.Contains(uniq, keys[i]) {
			uniq = append(uniq, keys[i])
		}
	}
	for _, k := range uniq {
		c.sentEnts[k]++
	}
	if len(uniq) > maxPerSentence {
		uniq = uniq[:maxPerSentence]
	}
	slices.Sort(uniq)
	for i := range uniq {
		for j := i + 1; j < len(uniq); j++ {
			c.pairs[[2]string{uniq[i], uniq[j]}]++
		}
	}
	if len(c.pairs) > maxPairs {
		// Lossy counting: drop the rarest pairs until the table is small again.
		for floor := 1; len(c.pairs) > maxPairs/2; floor++ {
			for p, n := range c.pairs {
				if n <= floor {
					delete(c.pairs, p)
				}
			}
		}
		c.pruned = true
	}
}

// Result returns the statistics collected so far.
func (c *Collector) Result() *Stats {
	s := &Stats{Reports: c.reports, Undated: c.undated, TopEntities: map[string][]EntityCount{}, PairsApproximate: c.pruned, Places: []Place{}}
	for _, p := range c.places {
		s.Places = append(s.Places, *p)
	}
	slices.SortFunc(s.Places, func(a, b Place) int {
		return cmp.Or(cmp.Compare(b.Reports, a.Reports), cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.ID, b.ID))
	})
	if len(s.Places) > MaxPlaces {
		s.Places = s.Places[:MaxPlaces]
	}
	s.ByMonth = counts(c.months, func(a, b Count) int { return cmp.Compare(a.Key, b.Key) })
	s.TalkedAbout = counts(c.talked, func(a, b Count) int { return cmp.Compare(a.Key, b.Key) })
	s.BySite = counts(c.sites, func(a, b Count) int { return cmp.Or(cmp.Compare(b.Reports, a.Reports), cmp.Compare(a.Key, b.Key)) })
	byLabel := map[string][]EntityCount{}
	for _, e := range c.ents {
		byLabel[e.Label] = append(byLabel[e.Label], *e)
	}
	for l, es := range byLabel {
		slices.SortFunc(es, func(a, b EntityCount) int {
			return cmp.Or(cmp.Compare(b.Reports, a.Reports), cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.Key, b.Key))
		})
		s.TopEntities[l] = es[:min(len(es), c.opt.Top)]
	}
	for p, n := range c.pairs {
		if n < 2 {
			continue // one shared sentence is not a pattern
		}
		a, b := c.ents[p[0]], c.ents[p[1]]
		s.Pairs = append(s.Pairs, Pair{A: a.Name, B: b.Name, LabelA: a.Label, LabelB: b.Label, Sentences: n,
			Dice: 2 * float64(n) / float64(c.sentEnts[p[0]]+c.sentEnts[p[1]])})
	}
	slices.SortFunc(s.Pairs, func(a, b Pair) int {
		return cmp.Or(cmp.Compare(b.Sentences, a.Sentences), cmp.Compare(b.Dice, a.Dice), cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B))
	})
	s.Pairs = s.Pairs[:min(len(s.Pairs), c.opt.Top)]
	for month, m := range c.judg {
		mj := MonthJudgments{Month: month, Counts: m.counts}
		if m.n > 0 {
			v := m.sum / float64(m.n)
			mj.Mean = &v
		}
		s.Judgments = append(s.Judgments, mj)
	}
	slices.SortFunc(s.Judgments, func(a, b MonthJudgments) int { return cmp.Compare(a.Month, b.Month) })
	if c.query != "" {
		t := &Track{Query: c.opt.Entity, Matched: []string{}, Points: []TrackPoint{}}
		for k := range c.matched {
			t.Matched = append(t.Matched, k)
		}
		slices.Sort(t.Matched)
		for month, a := range c.track {
			p := TrackPoint{Month: month, Reports: a.reports, Sentences: a.sentences, Judged: a.judged, Counts: a.counts}
			if a.judged > 0 {
				v := a.sum / float64(a.judged)
				p.Mean = &v
			}
			t.Points = append(t.Points, p)
		}
		slices.SortFunc(t.Points, func(a, b TrackPoint) int { return cmp.Compare(a.Month, b.Month) })
		s.Track = t
	}
	return s
}

func counts(m map[string]int, order func(a, b Count) int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{Key: k, Reports: n})
	}
	slices.SortFunc(out, order)
	return out
}

// Collect computes the statistics of OUT in one pass over its records.
func Collect(out string, opt Options) (*Stats, error) {
	c := NewCollector(opt)
	if err := output.Each(out, func(d *pipeline.Document) error { c.Add(d); return nil }); err != nil {
		return nil, err
	}
	return c.Result(), nil
}
