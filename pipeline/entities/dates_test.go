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
