package pipeline

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	text := "ISKP’s attack in Kabul." // ’ is 3 bytes: offsets 4..7
	tests := []struct {
		name string
		give Document
		want string // substring of the first error; "" for none
	}{
		{"valid", Document{Text: text, Entities: []Entity{{Start: 0, End: 4, Text: "ISKP", Label: "GROUP"}, {Start: 19, End: 24, Text: "Kabul", Label: "GPE"}}}, ""},
		{"text mismatch", Document{Text: text, Entities: []Entity{{Start: 0, End: 4, Text: "ISIS", Label: "GROUP"}}}, "text \"ISIS\""},
		{"out of range", Document{Text: text, Estimative: []Estimate{{Start: 20, End: 99, Text: "x", Kind: "hedge"}}}, "outside text"},
		{"reversed", Document{Text: text, Tokens: []Token{{Start: 5, End: 2}}}, "outside text"},
		{"splits a rune", Document{Text: text, Tokens: []Token{{Start: 0, End: 5}}}, "splits a UTF-8"},
		{"unknown label", Document{Text: text, Entities: []Entity{{Start: 0, End: 4, Text: "ISKP", Label: "TERRORIST"}}}, "unknown label"},
		{"overlapping tokens", Document{Text: text, Tokens: []Token{{Start: 0, End: 4}, {Start: 2, End: 7}}}, "overlaps"},
		{"bad takeaway ref", Document{Text: text, Takeaways: []Takeaway{{Start: 0, End: 4, Text: "ISKP", Entities: []int{3}}}}, "entity index 3"},
		{"sentence token range", Document{Text: text, Sentences: []Sentence{{Start: 0, End: 4, TokenStart: 0, TokenEnd: 2}}}, "token range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Check(&tt.give)
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Fatalf("Check = %v, want no error", errs)
			case tt.want != "" && len(errs) == 0:
				t.Fatalf("Check found nothing, want %q", tt.want)
			case tt.want != "" && !strings.Contains(errs[0].Error(), tt.want):
				t.Fatalf("Check = %v, want %q", errs[0], tt.want)
			}
		})
	}
}

func TestSentenceAt(t *testing.T) {
	d := Document{Sentences: []Sentence{{Start: 0, End: 10}, {Start: 12, End: 20}, {Start: 25, End: 30}}}
	for _, tt := range []struct{ give, want int }{{0, 0}, {9, 0}, {10, -1}, {12, 1}, {19, 1}, {22, -1}, {29, 2}, {30, -1}} {
		if got := d.SentenceAt(tt.give); got != tt.want {
			t.Errorf("SentenceAt(%d) = %d, want %d", tt.give, got, tt.want)
		}
	}
}

func TestTokensJSON(t *testing.T) {
	ts := Tokens{{Start: 0, End: 4}, {Start: 5, End: 9, Tag: `N"N`}}
	got, err := json.Marshal(ts)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal([]Token(ts))
	if string(got) != string(want) {
		t.Errorf("Tokens.MarshalJSON = %s, want %s", got, want)
	}
}
