package annotate

import (
	"strings"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/entities"
	"github.com/sitrep/sitrep/pipeline/estimative"
	"github.com/sitrep/sitrep/pipeline/geo"
	"github.com/sitrep/sitrep/pipeline/structure"
	"github.com/sitrep/sitrep/pipeline/takeaways"
	"github.com/sitrep/sitrep/pipeline/timex"
	"github.com/sitrep/sitrep/pipeline/tokenize"
)

// Stages loads the models and builds the default stage chain: structure,
// tokenize, entities, estimative, takeaways. It is the one place the chain
// is built; the stage packages' tests run it too.
func Stages(o Options) ([]pipeline.Stage, error) {
	// The model and the gazetteer take most of start-up and need nothing
	// of each other: the model loads on a second core meanwhile.
	type loaded struct {
		m   *entities.Model
		err error
	}
	ml := make(chan loaded, 1) // buffered: an early return below leaves no goroutine blocked
	go func() {
		m, err := LoadModel(o.Model)
		ml <- loaded{m, err}
	}()
	lx, err := models.LoadEstimative()
	if err != nil {
		return nil, err
	}
	gaz, err := models.LoadGazetteer(o.Gazetteers...)
	if err != nil {
		return nil, err
	}
	tok, err := tokenize.New(tokenize.Options{Tag: o.Tag, MaxTokens: o.MaxTokens})
	if err != nil {
		return nil, err
	}
	est, err := estimative.New(lx, o.Scale)
	if err != nil {
		return nil, err
	}
	// The gazetteer's automaton needs no model either: it is built while
	// the model still loads.
	ent := entities.New(gaz)
	ld := <-ml
	if ld.err != nil {
		return nil, ld.err
	}
	model := ld.m
	ent = ent.WithModel(model)
	if ent.Merge, err = MergeMode(o.Merge, model); err != nil {
		return nil, err
	}
	regions, err := models.LoadRegionPoints()
	if err != nil {
		return nil, err
	}
	st := structure.New()
	st.KeepBoilerplate = o.KeepBoiler
	chain := []pipeline.Stage{st, tok, ent, geo.New(gaz.CommonWords, regions), timex.New(), est, takeaways.New(takeaways.Options{Derive: o.Derive}, lx.Scales[o.Scale])}
	if o.Extend != nil {
		chain = o.Extend(chain)
	}
	return chain, nil
}

// MergeMode resolves a --merge choice: a mode named by the user, else the
// one sitrep train chose on dev for the model, else override.
func MergeMode(flag string, m *entities.Model) (entities.MergeMode, error) {
	if flag == "" && m != nil {
		flag = m.Meta.Merge
	}
	return entities.ParseMerge(flag)
}

// LoadModel loads a model directory; "" is the shipped model, "none" none.
func LoadModel(dir string) (*entities.Model, error) {
	switch strings.ToLower(dir) {
	case "none":
		return nil, nil
	case "":
		return entities.ShippedModel()
	}
	return entities.LoadModel(dir)
}
