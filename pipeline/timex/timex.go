// Package timex owns temporal expressions: it finds dates, clock times,
// durations and frequencies in a report's sentences and gives each a TIMEX3
// value anchored on the report's date (the document creation time) or on the
// last date the text named. It never reads the clock: the same text and date
// give the same values on any day.
package timex

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/pipeline"
)

// Stage is the timex stage; it holds no state and is safe for concurrent use.
type Stage struct{}

// New returns the stage.
func New() *Stage { return &Stage{} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "timex" }

// Process implements pipeline.Stage: it fills doc.Timexes and gives DATE
// entities with the same span the timex's value.
func (*Stage) Process(ctx context.Context, doc *pipeline.Document) error {
	r := resolver{}
	r.dct, r.hasDCT = DCT(doc)
	doc.Timexes = doc.Timexes[:0]
	var ws []word
	placeEnds := map[int]bool{}
	var bodies [][2]int // bodies named for a day: the date in one names no time ("the March 23 Movement")
	for _, e := range doc.Entities {
		switch e.Label {
		case pipeline.LabelGPE, pipeline.LabelLoc, pipeline.LabelFac, pipeline.LabelOrg, pipeline.LabelGroup:
			placeEnds[e.End] = true
		}
		if (e.Label == pipeline.LabelOrg || e.Label == pipeline.LabelGroup) && e.Source == "pattern" {
			bodies = append(bodies, [2]int{e.Start, e.End}) // the entity stage's dated bodies; the model's may swallow a month
		}
	}
	inBody := func(start, end int) bool {
		return slices.ContainsFunc(bodies, func(b [2]int) bool { return b[0] <= start && end <= b[1] && b[1]-b[0] > end-start })
	}
	for si, sent := range doc.Sentences {
		if si%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if doc.InBoilerplate(sent.Start, sent.End) {
			continue
		}
		toks := doc.Tokens[sent.TokenStart:sent.TokenEnd]
		from := firstStart(doc.Text, toks)
		if from < 0 {
			continue
		}
		ws = ws[:0]
		for _, t := range toks {
			ws = appendWords(ws, doc.Text, t.Start, t.End)
		}
		sc := scanner{ws: ws, placeEnds: placeEnds}
		for _, m := range sc.find(from) {
			start, end := ws[m.i].start, ws[m.j-1].end
			if last := sc.low(m.j - 1); strings.HasSuffix(last, ".") && (m.trimDot || fullMonth(last[:len(last)-1])) {
				end-- // "late May." at a sentence end: the tokenizer kept the full stop
			}
			if inBody(start, end) {
				continue
			}
			res := m.resolve(&r)
			tx := pipeline.Timex{Start: start, End: end, Text: doc.Text[start:end], Type: m.typ, Mod: m.mod}
			if res.value != "" {
				v := res.value
				tx.Value = &v
			}
			switch res.anchor {
			case anchorDCT:
				tx.Anchor = "dct"
			case anchorRef:
				tx.Anchor = "text"
				if r.hasRef {
					a := r.refStart
					tx.AnchorStart = &a
				}
			}
			doc.Timexes = append(doc.Timexes, tx)
			if res.point != nil && m.typ == typeDate || res.point != nil && m.typ == typeTime && res.point.g == gDay {
				r.ref, r.hasRef, r.refStart = *res.point, true, start
			}
		}
	}
	shareRangeYears(doc)
	valueDates(doc)
	return nil
}

// rangeJoin joins the two ends of a range or the items of a list of dates.
var rangeJoin = regexp.MustCompile(`^\s*(?:and|to|through|thru|until|till|or|-|–|—)\s*$`)

// writtenYear finds a year written out in a date: "1945", "'07".
var writtenYear = regexp.MustCompile(`\b\d{4}\b|'\d{2}\b`)

// calendarName reports whether a date's text names a month, a day of one
// or a season, whose year the reader supplies ("July 17", "the summer",
// "early June"), not a span counted from another date ("the year-ago
// quarter", "last month").
func calendarName(text string) bool {
	for _, w := range strings.Fields(strings.ToLower(text)) {
		switch w {
		case "the", "early", "late", "mid", "mid-", "of":
			continue
		}
		w = strings.TrimPrefix(strings.TrimSuffix(w, "."), "mid-")
		if _, ok := monthNames[w]; ok {
			return true
		}
		if _, ok := seasons[w]; ok {
			return true
		}
		return w != "" && w[0] >= '0' && w[0] <= '9' // "17 July"
	}
	return false
}

// partOrder places the part of a year a value names after its year (a
// month "07", a season "SU", a quarter "Q3" or half "H2") on one scale of
// months, 0 where it names none.
func partOrder(p string) int {
	if n, err := strconv.Atoi(p); err == nil {
		return n
	}
	switch p {
	case "SP", "Q1", "H1":
		return 3
	case "SU", "Q2":
		return 6
	case "FA", "Q3", "H2":
		return 9
	case "WI", "Q4":
		return 12
	}
	return 0
}

// shareRangeYears gives the first date of a range or list the year written
// only after the last ("between July 17 and August 2, 1945", "on March 3
// and 5, 2020"): the year is the later date's, a year before it when the
// first month comes after the later one ("December 28 to January 3, 2023").
// Before, the first took the report's year.
func shareRangeYears(doc *pipeline.Document) {
	for k := 0; k+1 < len(doc.Timexes); k++ {
		a, b := &doc.Timexes[k], doc.Timexes[k+1]
		if a.Type != typeDate || b.Type != typeDate || a.Value == nil || b.Value == nil || !rangeJoin.MatchString(doc.Text[a.End:b.Start]) ||
			writtenYear.MatchString(a.Text) || !writtenYear.MatchString(b.Text) || !calendarName(a.Text) {
			continue
		}
		av, bv := *a.Value, *b.Value
		if len(av) < 7 || av[4] != '-' || len(bv) < 4 {
			continue
		}
		y, err := strconv.Atoi(bv[:4])
		if err != nil {
			continue
		}
		if len(bv) >= 7 && bv[4] == '-' && partOrder(av[5:7]) > partOrder(bv[5:7]) {
			y-- // "December 28 to January 3, 2023"
		}
		v := fmt.Sprintf("%04d", y) + av[4:]
		start := b.Start
		a.Value, a.Anchor, a.AnchorStart = &v, "text", &start
	}
}

// firstStart is the index of the first token of a sentence that can begin
// an expression, or -1. It lowers into a buffer and looks words up without
// allocating: most sentences hold no date, and building their words would be
// most of the stage's time.
func firstStart(text string, toks []pipeline.Token) int {
	var buf, next [24]byte
	for i, t := range toks {
		w := lowerInto(&buf, text[t.Start:t.End])
		if w == nil || !mayStartB(w) {
			continue
		}
		if !glue[string(w)] && !shortNumber(w) {
			return i
		}
		if i+1 < len(toks) {
			if n := lowerInto(&next, text[toks[i+1].Start:toks[i+1].End]); n != nil && mayFollowB(n) {
				return i
			}
		}
	}
	return -1
}

// lowerInto lower-cases ASCII letters of tok into buf; nil if tok is longer
// than buf (no expression starts with so long a token).
func lowerInto(buf *[24]byte, tok string) []byte {
	if len(tok) > len(buf) || tok == "" {
		return nil
	}
	b := buf[:len(tok)]
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}

// appendWords appends the words of token [s, e): the token itself, or its
// parts when a hyphen joins calendar words ("July-August", "2009-2010",
// "mid-August"), so each part can be a date of its own.
func appendWords(ws []word, text string, s, e int) []word {
	tok := text[s:e]
	if strings.IndexByte(tok, '-') < 0 || !calendarParts(strings.ToLower(tok)) {
		return append(ws, word{start: s, end: e, text: tok}) // low is filled when a rule reads it
	}
	for off := 0; ; {
		n := strings.IndexByte(tok[off:], '-')
		if n < 0 {
			return append(ws, word{start: s + off, end: e, text: tok[off:]})
		}
		ws = append(ws, word{start: s + off, end: s + off + n, text: tok[off : off+n]},
			word{start: s + off + n, end: s + off + n + 1, text: "-", low: "-"})
		off += n + 1
	}
}

// calendarParts reports whether every part of a hyphenated token is a month,
// a weekday or a year, the first possibly a mod ("mid-August").
func calendarParts(low string) bool {
	parts := strings.Count(low, "-") + 1
	for i := 0; i < parts; i++ {
		p, rest, _ := strings.Cut(low, "-")
		low = rest
		_, month := monthNames[p]
		_, wd := weekdays[p]
		_, yr := year(p)
		decade := strings.HasSuffix(p, "s") && len(p) == 5 && digits(p[:4])
		if p == "" || !(month && len(p) > 3 || wd || yr || decade || i == 0 && pointMods[p] != "" && parts > 1) {
			return false
		}
	}
	return true
}

func fullMonth(w string) bool {
	_, ok := monthNames[w]
	return ok && (len(w) > 4 || w == "may" || w == "june" || w == "july")
}

// valueDates copies each timex value onto the DATE entity of the same span.
func valueDates(doc *pipeline.Document) {
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if e.Label != pipeline.LabelDate {
			continue
		}
		k, found := slices.BinarySearchFunc(doc.Timexes, e.Start, func(t pipeline.Timex, off int) int { return t.Start - off })
		if found && doc.Timexes[k].End == e.End && doc.Timexes[k].Value != nil {
			e.Value = *doc.Timexes[k].Value
		}
	}
}

// DCT is the report's publication date as an anchor; an undated report
// (its file's modification time is no publication date) anchors nothing.
func DCT(doc *pipeline.Document) (time.Time, bool) {
	if doc.Published == "" {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", doc.Published)
	return t, err == nil
}
