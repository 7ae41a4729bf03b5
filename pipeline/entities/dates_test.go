package entities

import (
	"testing"

	"github.com/sitrep/sitrep/pipeline"
)

// TestNamelessDate: the model's dates need a digit, a calendar word or a
// word of time; its villages read as November ("Novobohdanivka") go.
func TestNamelessDate(t *testing.T) {
	for _, tt := range []struct {
		text, source string
		want         bool
	}{
		{"Novobohdanivka", "model", true},
		{"Opytne", "model", true},
		{"Golden Age Spanish", "model", false},
		{"the mid-Sixties", "model", false},
		{"Sept", "model", false},
		{"July FOMC", "model", false},
		{"Christmas Eve", "model", false},
		{"2021", "model", false},
		{"Thirty Years", "model", false},
		{"Novobohdanivka", "rule", false},
	} {
		e := pipeline.Entity{Text: tt.text, Label: pipeline.LabelDate, Source: tt.source}
		if got := namelessDate(e); got != tt.want {
			t.Errorf("namelessDate(%q from %s) = %v, want %v", tt.text, tt.source, got, tt.want)
		}
	}
}

// TestYearRange: a range of years is one date; versions, identifiers and
// backward ranges are not.
func TestYearRange(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"1980-88", true},
		{"1990–91", true},
		{"1977-1979", true},
		{"2019-20-21", false},
		{"v2.1980-88", false},
		{"1988-80", false},
		{"1999-2000", true},
		{"1980 - 88", false},
		{"1980-8", false},
	} {
		ws := splitWords(tt.text, 0, len(tt.text))
		i := 0
		for i < len(ws) && !isYear(ws[i].lower) {
			i++
		}
		if got := i < len(ws) && yearRange(tt.text, ws, i); got != tt.want {
			t.Errorf("yearRange(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
