// Package stagetest builds the default stage chain once for tests of the
// stage packages, so each test sees the real upstream annotations.
package stagetest

import (
	"context"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

var (
	once   sync.Once
	chain  []pipeline.Stage // the default chain less takeaways
	full   []pipeline.Stage
	lex    *models.Estimative
	gaz    *models.Gazetteer
	errGot error
)

func load() {
	if lex, errGot = models.LoadEstimative(); errGot != nil {
		return
	}
	if gaz, errGot = models.LoadGazetteer(); errGot != nil {
		return
	}
	// The default annotate chain (the shipped model, under the merge mode
	// it records); Upstream runs it less takeaways.
	if full, errGot = annotate.Stages(annotate.Options{Scale: models.ScaleICD203, Derive: 5}); errGot != nil {
		return
	}
	for _, st := range full {
		if st.Name() != "takeaways" {
			chain = append(chain, st)
		}
	}
}

// Lexicon returns the shipped estimative lexicon.
func Lexicon(t testing.TB) *models.Estimative {
	once.Do(load)
	if errGot != nil {
		t.Fatal(errGot)
	}
	return lex
}

// Gazetteer returns the shipped gazetteer.
func Gazetteer(t testing.TB) *models.Gazetteer {
	once.Do(load)
	if errGot != nil {
		t.Fatal(errGot)
	}
	return gaz
}

// All returns the default chain, takeaways included (up to 5 derived).
func All(t testing.TB) []pipeline.Stage {
	once.Do(load)
	if errGot != nil {
		t.Fatal(errGot)
	}
	return append([]pipeline.Stage{}, full...)
}

// Upstream runs structure, tokenize, entities, timex and estimative on text.
func Upstream(t testing.TB, text string) *pipeline.Document {
	return Run(t, &pipeline.Document{ID: "test.txt", Text: text})
}

// Run runs the chain of Upstream on d (whose Text and, if a test needs it,
// Published are set) and returns it.
func Run(t testing.TB, d *pipeline.Document) *pipeline.Document {
	once.Do(load)
	if errGot != nil {
		t.Fatal(errGot)
	}
	for _, st := range chain {
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatalf("%s: %v", st.Name(), err)
		}
	}
	d.SortAnnotations()
	return d
}
