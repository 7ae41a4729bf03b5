package entities

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/pipeline"
)

// repeatable are the labels whose names keep their kind through a
// document: one sense per discourse (Krishnan and Manning 2006 learn it as
// a feature; Ratinov and Roth 2009 as the prediction history the model
// has). Dates, sectors and indicators are found by their form, not by
// name; a malware's name is its gang's too ("REvil"), and a tool's a
// product's, so threats keep the kind each mention's context gives them.
// Persons are the surname layer's (surnames), with its guards ("Secretary
// Rice" names no one in "Rice prices").
var repeatable = map[string]bool{
	pipeline.LabelOrg: true, pipeline.LabelGroup: true, pipeline.LabelGPE: true,
	pipeline.LabelLoc: true, pipeline.LabelFac: true, pipeline.LabelNORP: true,
}

// repeatMentions returns the mentions of the document's names that no layer
// claimed: the model reads each mention by its context and passes over
// some ("KasperskyLabs reported" before "which KasperskyLabs attributed",
// "A drive on Raihorodok" after "failed to advance to Raihorodok"). A name
// the document gives two kinds, a common word alone, and a mention run
// into other capitalised words ("Steve" of "Steve Jobs", "Discovery" of
// "Deep Discovery Advisor") or joined by a hyphen, slash or dot
// ("Orikhiv-Huliapole", "apple.com") are left alone. The mentions found
// are free of c's claims, or a name the rules found holds only the model's
// names inside, which go from c.
func (s *Stage) repeatMentions(text string, sentences [][]word, c *claims, cti bool) []pipeline.Entity {
	type name struct {
		e        pipeline.Entity
		conflict bool
		spreads  bool
		model    int // mentions the model found
	}
	names := map[string]*name{}
	byFirst := map[string][]string{} // a name's first word -> its texts
	for _, e := range c.ents {
		if e.Label == "" || e.Source == "pattern" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(e.Text)
		if !unicode.IsUpper(r) || len(e.Text) < 3 {
			continue
		}
		n, ok := names[e.Text]
		if !ok {
			n = &name{e: e}
			names[e.Text] = n
			j, _, _ := unitEnd(e.Text, 0, len(e.Text))
			byFirst[e.Text[:j]] = append(byFirst[e.Text[:j]], e.Text)
		}
		n.conflict = n.conflict || n.e.Label != e.Label || n.e.ID != e.ID
		if e.Source == "model" {
			n.model++
		}
		if !n.spreads && spreads(e) {
			n.e, n.spreads = e, true
		}
	}
	for _, n := range names {
		if n.spreads && n.e.Source == "model" && cti && n.model < 2 {
			// Threat reports name products and terms in capitals ("an
			// EEZ", "Philippine health ... organizations"): there the
			// model's name spreads once it has found it twice.
			n.spreads = false
		}
	}
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i, w := range ws {
			if !w.upper {
				continue
			}
			for _, t := range byFirst[text[w.start:w.end]] {
				n := names[t]
				end := w.start + len(t)
				if n.conflict || !n.spreads || end > len(text) || text[w.start:end] != t {
					continue
				}
				free := c.free(w.start, end)
				if !free && (n.e.Source == "model" || !c.modelInside(w.start, end)) {
					continue
				}
				k := i
				for k < len(ws) && ws[k].end < end {
					k++
				}
				if k == len(ws) || ws[k].end != end {
					continue // the text runs on inside a word
				}
				if k == i && (s.isCommon(w) || calendarWord(w.lower) ||
					n.e.Label != pipeline.LabelNORP && n.e.Label != pipeline.LabelGPE && s.isDemonym(w)) {
					continue // "Philippine" an ORG of "the Philippine government"
				}
				if i > 0 && joinedBefore(text, ws[i-1], w) || k+1 < len(ws) && joinedAfter(text, ws[k], ws[k+1]) ||
					k+1 == len(ws) && runsOn(text, end) {
					continue
				}
				if !free {
					// The model's guess inside a name the rules found gives
					// way ("Voennyi" a person where the document names the
					// channel "Voennyi Osvedomitel’").
					c.dropFrom(w.start, end)
				}
				e := n.e
				e.Start, e.End, e.Text, e.Source = w.start, end, t, "alias"
				e.Warning = ""
				out = append(out, e)
			}
		}
	}
	return out
}

// joinedBefore reports whether word p before w makes w part of a longer
// token or name: written against it ("Orikhiv-Huliapole", "@Raihorodok"),
// a number ("6th Marines"), or a capitalised word one space before that is
// no function word ("Deep Discovery").
func joinedBefore(text string, p, w word) bool {
	if p.lower[0] >= '0' && p.lower[0] <= '9' {
		return true // a unit's number: "6th Marines", "36th Combined Arms Armies"
	}
	if p.end == w.start {
		return !openingMarks[p.lower]
	}
	return p.upper && p.end+1 == w.start && text[p.end] == ' ' && !functionWords[p.lower]
}

// joinedAfter is joinedBefore for the word n after the name's last word w:
// "Huliapole" of "Orikhiv-Huliapole", "Apple" of "apple.com", "Steve" of
// "Steve Jobs".
func joinedAfter(text string, w, n word) bool {
	if w.end == n.start {
		switch n.lower {
		case ".", ",", ";", ":", "!", "?", ")", "]", "’", "'", "”", "\"":
			// Punctuation ends the name, unless a dot runs into a word.
			return n.lower == "." && n.end < len(text) && isWordRune(rune(text[n.end]))
		}
		return true
	}
	return n.upper && w.end+1 == n.start && text[w.end] == ' '
}

// openingMarks may stand against the first word of a name.
var openingMarks = map[string]bool{"(": true, "[": true, "“": true, "\"": true, "‘": true, "'": true, "«": true}

// spreads reports whether other mentions of e's name may take its kind:
// the rules' names may, and the model's organisations, facilities and the
// places a list links. The model's persons, areas, groups and
// nationalities spread its errors more often than its finds ("Tamiflu" and
// "Mac" persons, "Church" and "Dow" areas, the movement "Sadr" over the
// cleric, "Wikinews" a nationality). The
// lists' names are found wherever their guards let them be: a mention the
// guards turned down stays down ("Marburg virus", "Muqtada al-Sadr").
func spreads(e pipeline.Entity) bool {
	if !repeatable[e.Label] {
		return false
	}
	switch e.Source {
	case "rule", "alias":
		return true
	case "model":
	default:
		return false
	}
	switch e.Label {
	case pipeline.LabelOrg, pipeline.LabelFac:
		return true
	case pipeline.LabelGPE:
		return e.ID != ""
	}
	return false
}

// runsOn reports whether a capitalised word follows offset end one space
// away: a name that ends its sentence without a stop runs on into the next
// one, where the splitter cut a name ("![GitHub OAuth URL]").
func runsOn(text string, end int) bool {
	if end+1 >= len(text) || text[end] != ' ' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[end+1:])
	return unicode.IsUpper(r)
}

// dropFrom removes the claims on [start, end).
func (c *claims) dropFrom(start, end int) {
	i := c.find(start)
	k := i
	for k < len(c.ents) && c.ents[k].Start < end {
		k++
	}
	c.ents = slices.Delete(c.ents, i, k)
}

// modelInside reports whether the claims on [start, end) are all the
// model's names, each inside it.
func (c *claims) modelInside(start, end int) bool {
	for i := c.find(start); i < len(c.ents) && c.ents[i].Start < end; i++ {
		if o := c.ents[i]; o.Source != "model" || o.Label == "" || o.Start < start || o.End > end {
			return false
		}
	}
	return true
}

// placesNotPersons gives the model's one-word person the place found
// under the same word elsewhere in the document, by the lists or rules or
// twice by the model, where no list holds the word as a name and no longer
// person of the document holds it: "Pasika remains in Russian-controlled
// territory" after "from Pasika to Dolyna" (one sense per discourse, for a
// word no name list supports).
func (s *Stage) placesNotPersons(ents []pipeline.Entity) {
	type place struct {
		e               pipeline.Entity
		sure, ambiguous bool
		model           int
	}
	places := map[string]*place{}
	inPerson := map[string]bool{}
	for _, e := range ents {
		switch {
		case e.Label == pipeline.LabelGPE:
			p, ok := places[e.Text]
			if !ok {
				p = &place{e: e}
				places[e.Text] = p
			}
			p.ambiguous = p.ambiguous || p.e.ID != e.ID
			if e.Source == "model" {
				p.model++
			} else {
				p.sure = true
			}
		case e.Label == pipeline.LabelPerson:
			for _, w := range strings.Fields(e.Text) {
				if w != e.Text {
					inPerson[w] = true
				}
			}
		}
	}
	for i := range ents {
		e := &ents[i]
		p, ok := places[e.Text]
		if !ok || p.ambiguous || !p.sure && p.model < 2 || e.Label != pipeline.LabelPerson || e.Source != "model" || inPerson[e.Text] ||
			s.gaz.names[foldWord(e.Text)] != 0 {
			continue
		}
		e.Label, e.ID, e.Name, e.Kind = p.e.Label, p.e.ID, p.e.Name, p.e.Kind
	}
}
