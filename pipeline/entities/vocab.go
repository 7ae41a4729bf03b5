package entities

import (
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/models"
)

// vocab is a document's vocabulary: each distinct word, as written, looked
// up once in the large tables (the gazetteer automaton's root, the common
// and plain words, the name lists, the word clusters) instead of at every
// occurrence and again as each neighbour's context. An ISW report writes
// each distinct word 4.5 times (median of the 20 shared reports), and those
// tables are far larger than the processor's caches, so most lookups in
// them were cache misses.
type vocab struct {
	ids  map[string]int32
	ents []lexEntry
}

// lexEntry is what the tables say of one written word.
type lexEntry struct {
	gaz     int32 // the gazetteer node after the word from the root (word.gaz)
	plain   bool  // a function word or the model's plain word, written in lower case
	cls     wordClass
	name    models.NameKind // for a capitalised word
	cluster string          // with a model using clusters
	shape   string          // the word's shape (see shape), a model feature
}

// newVocab interns the words of a document's sentences, setting each
// word's lex and gaz.
func (s *Stage) newVocab(text string, sentences [][]word) *vocab {
	n := 0
	for _, ws := range sentences {
		n += len(ws)
	}
	// Reports write about a third as many distinct words as words.
	v := &vocab{ids: make(map[string]int32, n/3+16), ents: make([]lexEntry, 0, n/3+16)}
	var clusters map[string]string
	if s.model != nil && s.model.Meta.Features.Clusters {
		clusters = s.model.clusters
	}
	for _, ws := range sentences {
		for k := range ws {
			w := &ws[k]
			surface := text[w.start:w.end]
			id, ok := v.ids[surface]
			if !ok {
				// (plain matters for lower-case words only, see prepare; the
				// name lists for capitalised ones, see featureContext.compute)
				e := lexEntry{cls: s.classes(w.lower), shape: shape(surface)}
				if w.upper {
					e.name = s.gaz.featNames[w.lower]
				} else {
					e.plain = s.isPlain(w.lower)
				}
				e.gaz, _ = s.gaz.step(root, w.lower)
				if clusters != nil {
					e.cluster = clusters[surface]
				}
				id = int32(len(v.ents))
				v.ents = append(v.ents, e)
				v.ids[surface] = id
			}
			w.lex, w.gaz, w.cls = id+1, v.ents[id].gaz, v.ents[id].cls
		}
	}
	return v
}

// plainWords is the set of words that after an O begin no name: the
// model's (function words and learned plain words, see setPlain), or the
// function words without a model.
func (s *Stage) plainWords() map[string]bool {
	if s.model != nil && s.model.plain != nil {
		return s.model.plain
	}
	return functionWords
}

// isPlain reports whether a lower-case word with no gazetteer clue begins
// no name after an O (so decoding tags it O unscored): a word of the set
// plainWords returns, or, with a trained model, a word of punctuation and
// symbols only. The model tags almost all of those O: the | [ ] . / of
// tables and citation links were half the words it scored, and of the
// 74,600 after an O in the 50 shared reports and the example corpus it
// began a span with 50 ("-", "+", "…"; findModel trims such an edge). Apostrophes and "&" are
// scored still, as they join names ("O'Brien", "Defence & Space"). Training
// scores every symbol, as the shipped weights were learned doing.
func (s *Stage) isPlain(lower string) bool {
	if s.plainWords()[lower] {
		return true
	}
	if s.model == nil || !s.model.frozen() {
		return false
	}
	for _, r := range lower {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("'’&", r) {
			return false
		}
	}
	return lower != ""
}

// entry returns word w's entry, or nil for a word interned by no vocab.
func (v *vocab) entry(w word) *lexEntry {
	if v == nil || w.lex == 0 {
		return nil
	}
	return &v.ents[w.lex-1]
}
