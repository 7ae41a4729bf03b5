package entities

import (
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
