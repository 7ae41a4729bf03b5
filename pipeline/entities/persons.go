package entities

import (
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/pipeline"
)

// newTitleMatcher builds a trie of person titles ("Mawlawi", "Lt. Gen.", "Deputy Foreign Minister").
func newTitleMatcher(titles []string) *matcher {
	m := &matcher{}
	for _, t := range titles {
		if ws := aliasWords(t); len(ws) > 0 {
			m.insert(ws, hit{entry: -1, form: t})
		}
	}
	// Modifiers that stand before titles in reporting.
	for _, t := range []string{"Deputy", "Foreign", "Defense", "Defence", "Interior", "Chief", "Acting", "Former", "Senior", "Colonel General"} {
		m.insert(aliasWords(t), hit{entry: -1, form: t})
	}
	return m
}

// titleEnd returns the index after the longest run of capitalised title words starting at i, or i.
func (m *matcher) titleEnd(text string, ws []word, i int) int {
	end := i
	for k := i; k < len(ws); {
		n := root
		best := -1
		for j := k; j < len(ws); j++ {
			var ok bool
			if n, ok = m.step(n, ws[j].lower); !ok {
				break
			}
			if len(m.hitsAt(n)) > 0 {
				best = j
			}
		}
		if best < 0 || !isUpperWord(text[ws[k].start:ws[k].end]) {
			break
		}
		k = best + 1
		end = k
	}
	return end
}

// findTitled finds "Title Firstname Lastname": the capitalised words after a
// title (at most four) are a PERSON; the title is not part of the span.
func (s *Stage) findTitled(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i < len(ws); i++ {
			j := s.titles.titleEnd(text, ws, i)
			if j == i {
				continue
			}
			k := j
			for k < len(ws) && k-j < 4 && isNameWord(text, ws[k]) {
				k++
			}
			if k == j || s.allCommon(ws[j:k]) {
				i = j - 1
				continue
			}
			st, en := ws[j].start, ws[k-1].end
			out = append(out, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: pipeline.LabelPerson, Source: "rule"})
			i = k - 1
		}
	}
	return out
}

// isNameWord: a capitalised word that is not an acronym, e.g. "Rahmani".
func isNameWord(text string, w word) bool {
	s := text[w.start:w.end]
	return len(s) > 1 && isUpperWord(s) && !isAcronym(s) && strings.ToLower(s) != s
}

// aliasTable maps in-document aliases (acronyms, surnames) to their entity.
type aliasTable struct {
	byWord map[string]pipeline.Entity
}

// acronymDefinitions learns "Long Name (ACR)": an entity followed by an
// acronym in parentheses makes every "ACR" the same entity.
func acronymDefinitions(text string, ents []pipeline.Entity) *aliasTable {
	t := &aliasTable{byWord: map[string]pipeline.Entity{}}
	for _, e := range ents {
		rest := text[e.End:]
		if !strings.HasPrefix(rest, " (") {
			continue
		}
		close := strings.IndexByte(rest, ')')
		if close < 3 || close > 12 {
			continue
		}
		acr := rest[2:close]
		if !isAcronym(acr) {
			continue
		}
		if _, seen := t.byWord[acr]; !seen {
			t.byWord[acr] = e
		}
	}
	return t
}

// find returns mentions of learnt acronyms, matched case-sensitively.
func (t *aliasTable) find(text string, ws []word) []pipeline.Entity {
	if len(t.byWord) == 0 {
		return nil
	}
	var out []pipeline.Entity
	for _, w := range ws {
		s := text[w.start:w.end]
		if def, ok := t.byWord[s]; ok {
			out = append(out, pipeline.Entity{Start: w.start, End: w.end, Text: s, Label: def.Label, ID: def.ID,
				Name: nameOf(def), Kind: def.Kind, Source: "alias"})
		}
	}
	return out
}

func nameOf(e pipeline.Entity) string {
	if e.Name != "" {
		return e.Name
	}
	return e.Text
}

// surnames links a bare surname to a full PERSON name found anywhere in the
// document ("Rahmani" -> "Hamdullah Rahmani").
func surnames(text string, ws []word, ents []pipeline.Entity) []pipeline.Entity {
	last := map[string]pipeline.Entity{}
	for _, e := range ents {
		if e.Label != pipeline.LabelPerson || !strings.Contains(e.Text, " ") {
			continue
		}
		sn := e.Text[strings.LastIndexByte(e.Text, ' ')+1:]
		for _, s := range []string{sn, bareSurname(sn)} {
			if len(s) > 2 {
				if _, ok := last[s]; !ok {
					last[s] = e
				}
			}
		}
	}
	if len(last) == 0 {
		return nil
	}
	var out []pipeline.Entity
	for _, w := range ws {
		s := text[w.start:w.end]
		if def, ok := last[s]; ok {
			out = append(out, pipeline.Entity{Start: w.start, End: w.end, Text: s, Label: pipeline.LabelPerson,
				ID: def.ID, Name: nameOf(def), Source: "alias"})
		}
	}
	return out
}

// bareSurname returns an Arabic surname without its article ("al-Assad" ->
// "Assad", "el-Sisi" -> "Sisi"), which later mentions drop; "" when sn has
// none.
func bareSurname(sn string) string {
	i := strings.IndexAny(sn, "-‑")
	if i < 0 {
		return ""
	}
	switch strings.ToLower(sn[:i]) {
	case "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul":
		_, n := utf8.DecodeRuneInString(sn[i:])
		if rest := sn[i+n:]; rest != "" && rest != strings.ToLower(rest) {
			return rest
		}
	}
	return ""
}

// allCommon reports whether every word is an ordinary English word ("General
// Staff"): then the title is part of an organisation's name, not a person's.
func (s *Stage) allCommon(ws []word) bool {
	for _, w := range ws {
		if !s.gaz.common[w.lower] {
			return false
		}
	}
	return true
}
