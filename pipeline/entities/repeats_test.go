package entities

import (
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/pipeline"
)

// TestRepeatMentions: a name the rules or the model's organisations found
// once is found again where no layer claimed it, unless the document gives
// it two kinds, the model's guess is of a kind that spreads errors, the
// lists' guards turned the mention down, or the mention runs into a longer
// name or token.
func TestRepeatMentions(t *testing.T) {
	s := testStage(t)
	tests := []struct {
		name  string
		text  string
		found []string // "word#n/LABEL/source": the n-th (from 0) occurrence of word
		cti   bool
		want  []string // the n-th occurrences found again
	}{
		{"a rule's town and the model's body recur",
			"Forces failed to advance to Raihorodok. A drive on Raihorodok will follow. The AQMD met and the AQMD agreed.",
			[]string{"Raihorodok#0/GPE/rule", "AQMD#0/ORG/model"}, false,
			[]string{"Raihorodok#1", "AQMD#1"}},
		{"two kinds in one document: neither spreads",
			"Jordan spoke. Jordan said so. Forces left Jordan. Jordan is far.",
			[]string{"Jordan#0/PERSON/rule", "Jordan#2/GPE/rule"}, false, nil},
		{"the model's persons and the lists' guarded names do not spread",
			"Tamiflu sold well. Sales of Tamiflu rose. Marburg fell. The Marburg virus spread.",
			[]string{"Tamiflu#0/PERSON/model", "Marburg#0/GPE/gazetteer"}, false, nil},
		{"a unit number, a hyphen, a dot or a capitalised word joins the name",
			"Marines landed. The 6th Marines and Huliapole held. The Orikhiv-Huliapole line. Visit Apple.com as Apple said. Apple Music.",
			[]string{"Marines#0/ORG/model", "Huliapole#0/GPE/rule", "Apple#1/ORG/model"}, false, nil},
		{"the model's guess inside a name the rules found gives way; inside the model's own name it stays",
			"Voennyi Osvedomitel stated so. Telegram channel Voennyi Osvedomitel reported. Big Corp won. Big Corp lost.",
			[]string{"Voennyi#0/PERSON/model", "Voennyi Osvedomitel#1/ORG/rule", "Big#0/PERSON/model", "Big Corp#1/ORG/model"}, false,
			[]string{"Voennyi Osvedomitel#0"}},
		{"in threat reports the model's name spreads once found twice",
			"An EEZ is a zone. Turkey's EEZ grew. Kaseya patched. Kaseya said. Kaseya left.",
			[]string{"EEZ#0/ORG/model", "Kaseya#0/ORG/model", "Kaseya#1/ORG/model"}, true,
			[]string{"Kaseya#2"}},
	}
	at := func(text, w string, n int) (int, int) {
		i := -1
		for ; n >= 0; n-- {
			i += 1 + strings.Index(text[i+1:], w)
		}
		return i, i + len(w)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &claims{}
			for _, f := range tt.found {
				p := strings.Split(f, "/")
				w, n, _ := strings.Cut(p[0], "#")
				st, en := at(tt.text, w, int(n[0]-'0'))
				c.add(pipeline.Entity{Start: st, End: en, Text: w, Label: p[1], Source: p[2]})
			}
			var sentences [][]word
			for st := 0; st < len(tt.text); {
				en := strings.Index(tt.text[st:], ". ")
				if en < 0 {
					en = len(tt.text)
				} else {
					en += st + 1
				}
				ws := splitWords(tt.text, st, en)
				s.gaz.mark(ws)
				sentences = append(sentences, ws)
				st = en + 1
			}
			var got []string
			for _, e := range s.repeatMentions(tt.text, sentences, c, tt.cti) {
				n := strings.Count(tt.text[:e.Start], e.Text)
				got = append(got, e.Text+"#"+string(rune('0'+n)))
				if e.Source != "alias" {
					t.Errorf("%s: source %q, want alias", e.Text, e.Source)
				}
				if !c.free(e.Start, e.End) {
					t.Errorf("%s: still claimed", e.Text)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q:\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}
