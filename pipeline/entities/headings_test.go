package entities

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/pipeline"
)

// TestInHeadingRun checks which title-cased line openings read as headings:
// the entity is the bracketed part of each text.
func TestInHeadingRun(t *testing.T) {
	s := testStage(t)
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"- [Russian Subordinate Main] Effort—Capture the entirety of Donetsk Oblast", true},
		{"[Russian Mobilization] and Force Generation Efforts", true},
		{"[Russian Supporting] Effort 1- Kharkiv City", true},
		{"Intro text.\n[Ukrainian Counteroffensives] Ongoing Efforts (Ukrainian efforts to liberate territory)", true},
		{"[Russian Railways] (RZD) said so.", false},                      // an acronym in the parenthesis
		{"[Russian Orthodox Church]: a statement.", false},                // words no list calls common
		{"[Russian Main Department]: a statement.", false},                // common words, an institution's head last
		{"[Russian Defense Ministry] Spokesperson Office: a note", false}, // words no list calls common
		{"[Russian Main] Effort grew in the east.", false},                // the run meets a lower-case word
		{"Forces of the [Russian Main] Effort—Eastern Ukraine", false},    // not the line's opening
		{"[Russian Main]—Eastern Ukraine", false},                         // one common word
	} {
		a, b := strings.Index(tt.give, "["), strings.Index(tt.give, "]")
		text := tt.give[:a] + tt.give[a+1:b] + tt.give[b+1:]
		e := pipeline.Entity{Start: a, End: b - 1, Text: text[a : b-1]}
		lower := map[string]bool{"subordinate": true, "counteroffensives": true, "department": true} // as the document writes them
		if got := s.inHeadingRun(text, lower, e); got != tt.want {
			t.Errorf("inHeadingRun(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}

// TestListPlaces checks which of the model's persons become places: the
// entities are given as [text/LABEL/source] in each text.
func TestListPlaces(t *testing.T) {
	st := testStage(t)
	for _, tt := range []struct {
		give string
		want []string // the labels after listPlaces, in order
	}{
		{"Cases in [Cairo/GPE/gazetteer], [Giza/GPE/gazetteer], and [Al-Minya/PERSON/model].", []string{"GPE", "GPE", "GPE"}},
		{"Villages: [Kampungu/GPE/gazetteer], [Makonono/GPE/rule], [Kaluamba/PERSON/model] and [Mombo/PERSON/model].", []string{"GPE", "GPE", "GPE", "GPE"}},
		{"[Zyuganov/PERSON/model], [Mironov/PERSON/model], and [Kursk/GPE/gazetteer] spoke.", []string{"PERSON", "PERSON", "GPE"}}, // places are no majority
		{"[Slutsky/PERSON/gazetteer], [Kursk/GPE/gazetteer] and [Oryol/GPE/gazetteer].", []string{"PERSON", "GPE", "GPE"}},         // a listed person stays
		{"Cases in [Attapeu/PERSON/model], [Laos/GPE/gazetteer/country]; more.", []string{"GPE", "GPE"}},
		{"[Janet Evans/PERSON/model] of [Marion/PERSON/model], [Ohio/GPE/gazetteer/admin1], was told.", []string{"PERSON", "GPE", "GPE"}},
		{"[Kaja Kallas/PERSON/model], [Estonia/GPE/gazetteer/country]'s prime minister, agreed.", []string{"PERSON", "GPE"}},
		{"[Rob Portman/PERSON/model], [Ohio/GPE/gazetteer/admin1] Republican, agreed.", []string{"PERSON", "GPE"}},
		{"[Emmanuel Macron/PERSON/model], [France/GPE/gazetteer/country], and [Germany/GPE/gazetteer/country] agreed.", []string{"PERSON", "GPE", "GPE"}},
	} {
		var text strings.Builder
		var ents []pipeline.Entity
		rest := tt.give
		for {
			a := strings.Index(rest, "[")
			if a < 0 {
				text.WriteString(rest)
				break
			}
			b := strings.Index(rest, "]")
			text.WriteString(rest[:a])
			f := strings.Split(rest[a+1:b], "/")
			e := pipeline.Entity{Start: text.Len(), End: text.Len() + len(f[0]), Text: f[0], Label: f[1], Source: f[2]}
			if len(f) > 3 {
				e.Kind = f[3]
			}
			ents = append(ents, e)
			text.WriteString(f[0])
			rest = rest[b+1:]
		}
		s := text.String()
		ws := splitWords(s, 0, len(s))
		got := st.listPlaces(s, [][]word{ws}, [][][][2]int{nameLists(s, ws)}, ents)
		var labels []string
		for _, e := range sortedEnts(got) {
			labels = append(labels, e.Label)
		}
		if fmt.Sprint(labels) != fmt.Sprint(tt.want) {
			t.Errorf("%q: labels %v, want %v", tt.give, labels, tt.want)
		}
	}
}

func sortedEnts(ents []pipeline.Entity) []pipeline.Entity {
	out := append([]pipeline.Entity(nil), ents...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Start < out[i].Start {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestCompassBeforePlace checks which one-word model names are a compass
// word before a listed place ("Counteroffensives—Eastern Ukraine").
func TestCompassBeforePlace(t *testing.T) {
	s := testStage(t)
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"Counteroffensives—Eastern Ukraine", true},
		{"the Southern Russia front", true},
		{"Counteroffensives—Southern and Eastern Ukraine", true},
		{"Central and Eastern Europe", false}, // "Eastern Europe" is a listed name: "Central" is its part
		{"Southern and Eastern Partnership", false},
		{"Eastern Partnership", false}, // no place after it
		{"Eastern  Ukraine", false},    // two spaces: not one phrase
		{"Kharkiv Ukraine", false},     // no compass word
	} {
		ws := splitWords(tt.give, 0, len(tt.give))
		s.newVocab(tt.give, [][]word{ws})
		i := slices.IndexFunc(ws, func(w word) bool { return directionWord(w.lower) || w.lower == "kharkiv" })
		if got := i >= 0 && s.compassBeforePlace(tt.give, ws, i, i+1); got != tt.want {
			t.Errorf("compassBeforePlace(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}
