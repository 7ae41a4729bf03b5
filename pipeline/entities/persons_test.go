package entities

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

func TestBareSurname(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"al-Assad", "Assad"}, {"el-Sisi", "Sisi"}, {"Al-Baghdadi", "Baghdadi"}, {"al‑Zawahiri", "Zawahiri"},
		{"ash-Shishani", "Shishani"}, {"Rahmani", ""}, {"al-", ""}, {"al-qaida", ""}, {"Smith-Jones", ""}, {"Ibn-Saud", ""},
	} {
		if got := bareSurname(tt.in); got != tt.want {
			t.Errorf("bareSurname(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitles(t *testing.T) {
	g, err := models.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	s := New(g)
	words := func(text string) [][]word {
		return [][]word{appendWords(nil, text, 0, len(text))}
	}
	// titleEnd: the index after a run of title words ending in a title.
	for _, tt := range []struct {
		text string
		at   int
		want int
	}{
		{"Foreign Office spokesman", 0, 0}, // a modifier alone
		{"Foreign Secretary Jones", 0, 2},  // modifier and title
		{"Navy Senior Chief Petty Officer Scott", 0, 5},
		{"Brig. Gen. Richard", 0, 4}, // abbreviations keep their full stops
		{"Duma Deputy Adam", 1, 2},
		{"foreign secretary Jones", 0, 0}, // a title is capitalised
	} {
		ws := words(tt.text)[0]
		if got := s.titles.titleEnd(tt.text, ws, tt.at); got != tt.want {
			t.Errorf("titleEnd(%q, %d) = %d, want %d", tt.text, tt.at, got, tt.want)
		}
	}
	// The model's clue keeps the titles the shipped model was trained with.
	if ws := words("Foreign Office")[0]; s.clues.titleEnd("Foreign Office", ws, 0) != 1 {
		t.Error(`the clue's titles changed: "Foreign" alone was one when the shipped model was trained`)
	}
	// trimTitles: an office ends before its holder's title.
	text := "Ukrainian Presidential Office Deputy Head Kyrylo Tymoshenko and Melitopol Mayor Ivan Fedorov spoke."
	ws := words(text)
	at := func(s string) pipeline.Entity {
		i := strings.Index(text, s)
		return pipeline.Entity{Start: i, End: i + len(s), Text: s, Label: pipeline.LabelOrg, Source: "model"}
	}
	found := []pipeline.Entity{at("Ukrainian Presidential Office Deputy Head"), at("Melitopol Mayor"), at("Deputy Head")}
	persons := []pipeline.Entity{at("Kyrylo Tymoshenko"), at("Ivan Fedorov")}
	listed := []pipeline.Entity{at("Melitopol")}
	spans := []pipeline.Sentence{{Start: 0, End: len(text)}}
	var got []string
	for _, e := range s.trimTitles(text, spans, ws, found, persons, listed) {
		got = append(got, e.Text)
	}
	if want := []string{"Ukrainian Presidential Office"}; !slices.Equal(got, want) {
		t.Errorf("trimTitles = %q, want %q", got, want)
	}
}

// TestSurnames: the last word of a full name links its later mentions,
// and so does a name the rules found alone after a title; an acronym
// ending a model's name and a common word do not.
func TestSurnames(t *testing.T) {
	g, err := models.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	m, err := ShippedModel()
	if err != nil {
		t.Fatal(err)
	}
	s := New(g).WithModel(m) // its plain words are common words
	for _, tt := range []struct {
		text string
		defs []pipeline.Entity // PERSON entities found before: text, source
		want []string          // the linked mentions: text@offset
	}{
		{"Mac APT hit. The APT went on.", []pipeline.Entity{{Text: "Mac APT", Source: "model"}}, nil},
		{"Hamdullah Rahmani led. Rahmani left.", []pipeline.Entity{{Text: "Hamdullah Rahmani", Source: "model"}}, []string{"Rahmani@10", "Rahmani@23"}},
		{"General Gerasimov spoke. Gerasimov left.", []pipeline.Entity{{Text: "Gerasimov", Source: "rule"}}, []string{"Gerasimov@25"}},
		{"Secretary Rice spoke. Rice prices rose.", []pipeline.Entity{{Text: "Rice", Source: "rule"}}, nil},
		{"Osama bin Laden fled. Later bin Laden hid.", []pipeline.Entity{{Text: "Osama bin Laden", Source: "gazetteer"}}, []string{"bin Laden@6", "bin Laden@28"}},
		// A surname of two words, as the full name writes them; not into a
		// name that ends before it.
		// (Inside the full name too, as "Rahmani@10": the merge drops it.)
		{"Aung San Suu Kyi spoke. Later Suu Kyi left.", []pipeline.Entity{{Text: "Aung San Suu Kyi", Source: "model"}}, []string{"San Suu Kyi@5", "Suu Kyi@30"}},
		{"Mary Joe Fernandez won. Then Mary Joe Fernandez lost.", []pipeline.Entity{{Text: "Mary Joe Fernandez", Source: "model"}, {Text: "Then Mary Joe", Source: "rule"}},
			[]string{"Mary Joe@0", "Joe Fernandez@5", "Mary Joe@29", "Fernandez@38"}},
	} {
		var ents []pipeline.Entity
		for _, d := range tt.defs {
			i := strings.Index(tt.text, d.Text)
			ents = append(ents, pipeline.Entity{Start: i, End: i + len(d.Text), Text: d.Text, Label: pipeline.LabelPerson, Source: d.Source})
		}
		var got []string
		for _, sn := range s.surnames(tt.text, [][]word{appendWords(nil, tt.text, 0, len(tt.text))}, ents) {
			got = append(got, fmt.Sprintf("%s@%d", sn.Text, sn.Start))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: surnames %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestLowerDiffers holds lowerDiffers and shape to what they replace:
// strings.ToLower(s) != s, and the shape built without interning.
func TestLowerDiffers(t *testing.T) {
	for _, s := range []string{"", "a", "A", "kabul", "Kabul", "APT28", "ßtraße", "Київ", "київ", "ǅemal", "ǆ", "\xff", "a\xffb",
		"\ufffd", "İstanbul", "Ω", "ω", "1-2", "’", "Mariupol’", "ΣΑΣ", "x\u0301", "AbC\x80", "A1b2C3d4e5f6g7", "a—b—c—d—e—f", "1.2.3.4.5.6", "Ab-Cd-Ef-Gh"} {
		if got, want := lowerDiffers(s), strings.ToLower(s) != s; got != want {
			t.Errorf("lowerDiffers(%q) = %v, want %v", s, got, want)
		}
		// The shape the pre-interning code built: classes of runes, runs
		// collapsed, cut once more than 8 bytes are written.
		var classes []rune
		for _, r := range s {
			c := r
			if unicode.IsUpper(r) {
				c = 'X'
			} else if unicode.IsLetter(r) {
				c = 'x'
			} else if unicode.IsDigit(r) {
				c = 'd'
			}
			if len(classes) == 0 || classes[len(classes)-1] != c {
				classes = append(classes, c)
			}
		}
		var b strings.Builder
		for _, c := range classes {
			if b.Len() > 8 {
				break
			}
			b.WriteRune(c)
		}
		if got := shape(s); got != b.String() {
			t.Errorf("shape(%q) = %q, want %q", s, got, b.String())
		}
	}
}
