// Package stagetest builds the default stage chain once for tests of the
// stage packages, so each test sees the real upstream annotations.
package stagetest

import (
	"context"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/entities"
	"github.com/sitrep/sitrep/pipeline/estimative"
	"github.com/sitrep/sitrep/pipeline/structure"
	"github.com/sitrep/sitrep/pipeline/takeaways"
	"github.com/sitrep/sitrep/pipeline/tokenize"
)

var (
	once   sync.Once
	chain  []pipeline.Stage
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
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		errGot = err
		return
	}
	est, err := estimative.New(lex, models.ScaleICD203)
	if err != nil {
		errGot = err
		return
	}
	model, err := entities.ShippedModel()
	if err != nil {
		errGot = err
		return
	}
	// The default annotate chain: the entity stage with the shipped model,
	// under the merge mode the model records (as annotate runs it).
	ent := entities.New(gaz).WithModel(model)
	if ent.Merge, errGot = entities.ParseMerge(model.Meta.Merge); errGot != nil {
		return
	}
	chain = []pipeline.Stage{structure.New(), tok, ent, est}
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
	return append(append([]pipeline.Stage{}, chain...), takeaways.New(takeaways.Options{Derive: 5}, lex.Scales[models.ScaleICD203]))
}

// Upstream runs structure, tokenize, entities and estimative on text.
func Upstream(t testing.TB, text string) *pipeline.Document {
	once.Do(load)
	if errGot != nil {
		t.Fatal(errGot)
	}
	d := &pipeline.Document{ID: "test.txt", Text: text}
	for _, st := range chain {
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatalf("%s: %v", st.Name(), err)
		}
	}
	d.SortAnnotations()
	return d
}
