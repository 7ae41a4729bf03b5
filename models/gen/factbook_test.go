package main

import (
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFactbookAlias(t *testing.T) {
	common := map[string]bool{"dignity": true, "forward": true, "cyber": true, "security": true, "party": true}
	cti := map[string]bool{"MDMS": true}
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Awami League", true}, {"ZAPU", true}, {"Greens/EFA", true}, {"Podemos", true}, {"PfE", false},
		{"AL", false}, {"C", false}, {"ATM", false}, {"MDMS", false}, {"Dignity", false}, {"Forward", false},
		{"lower case", false}, {"IO TCHANE]", false}, {"Forward Party", false}, {"Cyber Security", false},
		{"Awami Party", true},
	} {
		if got := factbookAlias(tt.in, common, cti); got != tt.want {
			t.Errorf("factbookAlias(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestLanguageItems(t *testing.T) {
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"Afghan Persian or Dari (official) 77%, Pashto (official) 48%, Uzbek 11%, English 6%", []string{"Afghan", "Persian", "Dari", "Pashto", "Uzbek", "English"}},
		{"French (official), Lingala (a lingua franca trade language), Kingwana (a dialect of Kiswahili or Swahili), Kikongo",
			[]string{"French", "Lingala", "Kingwana", "Kikongo"}},
		{"24 major African language groups, English (official)", []string{"English"}},
	} {
		var got []string
		for _, it := range topLevelItems(tt.line) {
			if m := languageHead.FindStringSubmatch(strings.TrimSpace(it)); m != nil {
				got = append(got, languageWord.FindAllString(m[1], -1)...)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestLeaderSurnameEvidence(t *testing.T) {
	// Trump: 20 times after his own given name, 6 alone. Smith: the leader's
	// given name is not the one the text uses. Perez: too few pairs.
	text := strings.Repeat("President Donald Trump spoke. ", 20) + strings.Repeat("Trump said so. ", 6) +
		strings.Repeat("Ian Smith left. Smith said. ", 25) + strings.Repeat("Javier Perez. Perez. ", 5)
	path := filepath.Join(t.TempDir(), "u.txt.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(text + "\n"))
	if err := errors.Join(zw.Close(), f.Close()); err != nil {
		t.Fatal(err)
	}
	ents := []entity{{kind: "leader", name: "Donald J. Trump"}, {kind: "leader", name: "Orlando Smith"},
		{kind: "leader", name: "Javier Perez", aliases: []string{"Javier Perez de Cuellar"}}, {kind: "party", name: "Trump Party"}}
	names := map[string]string{"donald": "G", "ian": "G", "javier": "G", "orlando": "G", "trump": "S", "smith": "S", "perez": "S"}
	got, err := leaderSurnameEvidence([]string{path}, ents, names)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Trump\t20\t20\t6"}; !slices.Equal(got, want) {
		t.Errorf("leaderSurnameEvidence = %q, want %q", got, want)
	}
}

func TestPersonSpans(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.bio")
	bio := "Vladimir B-PER\nPutin I-PER\nmet O\nSergey B-PERSON\nLavrov I-PERSON\nJohn B-PER\nin O\nKyiv B-LOC\n\nAngela\tB-person\nMerkel\tI-person\n"
	if err := os.WriteFile(path, []byte(bio), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := personSpans(path, func(ws []string) { got = append(got, strings.Join(ws, " ")) }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"Vladimir Putin", "Sergey Lavrov", "John", "Angela Merkel"}; !slices.Equal(got, want) {
		t.Errorf("personSpans = %q, want %q", got, want)
	}
}
