package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/entities"
)

// evalMaps map record labels onto a benchmark's labels, and name the labels
// scored (the same tables as ../shared/eval/sitrep_eval.py, so the figures agree).
var evalMaps = map[string]struct {
	to     map[string]string
	scored []string
}{
	"conll": {map[string]string{"PERSON": "PER", "ORG": "ORG", "GROUP": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"},
		[]string{"PER", "ORG", "LOC"}},
	"annoctr": {map[string]string{"ORG": "ORG", "GROUP": "GROUP", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "DATE": "DATE",
		"SECTOR": "SECTOR", "MALWARE": "MALWARE", "TOOL": "TOOL", "TECHNIQUE": "TECHNIQUE"},
		[]string{"ORG", "GROUP", "LOC", "DATE", "SECTOR", "MALWARE", "TOOL"}},
}

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:  "eval",
		Usage: "score the entity stage against gold entities (CoNLL/IOB2 or .jsonl records)",
		Description: "Runs the whole entity stage (patterns, aliases, gazetteer, rules and the model) on the gold text and\n" +
			"prints precision, recall and F1 per label for exact spans. --map conll|annoctr maps record labels onto\n" +
			"the benchmark's (GPE->LOC, GROUP->ORG for CoNLL...) and scores only its labels; --map none compares\n" +
			"record labels as they are.\n\n" +
			"EXAMPLE:\n   sitrep eval --gold eng.testa --model models/conll --map conll\n\n" + exitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "gold", Required: true, Usage: "gold `FILE` (CoNLL/IOB2, or .jsonl records); repeatable"},
			&cli.StringFlag{Name: "model", Usage: "model `DIR` (default: the shipped model; none: no model)"},
			&cli.StringFlag{Name: "map", Value: "none", Usage: "label map: conll, annoctr or none"},
			&cli.StringSliceFlag{Name: "gazetteer", Usage: "extra gazetteer `FILE` (as annotate)"},
			&cli.StringFlag{Name: "merge", Usage: "how model and gazetteer entities merge: fill, override or arbiter (annotate's; default: the model's)"},
			&cli.BoolFlag{Name: "errors", Usage: "list every false positive (+) and false negative (-) first"},
		},
		Action: func(c *cli.Context) error {
			mp, ok := evalMaps[c.String("map")]
			if !ok && c.String("map") != "none" {
				return usageErr("eval: --map must be conll, annoctr or none")
			}
			st, err := entityStage(c.StringSlice("gazetteer"))
			if err != nil {
				return err
			}
			m, err := loadModel(c.String("model"))
			if err != nil {
				return err
			}
			st = st.WithModel(m)
			if st.Merge, err = mergeMode(c.String("merge"), m); err != nil {
				return usageErr("eval: %v", err)
			}
			gold, err := readTraining(c.StringSlice("gold"))
			if err != nil {
				return err
			}
			var errw io.Writer
			if c.Bool("errors") {
				errw = c.App.Writer
			}
			s, err := evalEntities(c.Context, st, gold, mp.to, mp.scored, errw)
			if err != nil {
				return err
			}
			printScores(c.App.Writer, s)
			return nil
		},
	}
}

// evalEntities annotates the gold documents' text and scores exact spans.
func evalEntities(ctx context.Context, st *entities.Stage, gold []entities.TrainDoc, to map[string]string, scored []string, errw io.Writer) (entities.Scores, error) {
	keep := func(l string) (string, bool) {
		if to == nil {
			return l, true
		}
		return l, slices.Contains(scored, l)
	}
	labels := map[string]int{}
	var names []string
	id := func(l string) int {
		if i, ok := labels[l]; ok {
			return i
		}
		labels[l] = len(names)
		names = append(names, l)
		return labels[l]
	}
	var g, p [][3]int
	for k, d := range gold {
		doc := &pipeline.Document{ID: d.ID, Text: d.Text}
		for _, s := range d.Sentences {
			doc.Sentences = append(doc.Sentences, pipeline.Sentence{Start: s.Start, End: s.End})
		}
		if err := st.Process(ctx, doc); err != nil {
			return entities.Scores{}, fmt.Errorf("eval %s: %w", d.ID, err)
		}
		for _, e := range d.Entities {
			if l, ok := keep(e.Label); ok {
				g = append(g, [3]int{k<<32 | e.Start, e.End, id(l)})
			}
		}
		var src []string
		for _, e := range doc.Entities {
			l := e.Label
			if to != nil {
				l = to[e.Label]
			}
			if l, ok := keep(l); ok && l != "" {
				p = append(p, [3]int{k<<32 | e.Start, e.End, id(l)})
				src = append(src, e.Source)
			}
		}
		if errw != nil {
			listErrors(errw, d, g, p, src, k, names)
		}
	}
	return entities.Score(g, p, func(x [3]int) string { return names[x[2]] }), nil
}

// listErrors prints the false positives and negatives of document k.
func listErrors(w io.Writer, d entities.TrainDoc, g, p [][3]int, src []string, k int, names []string) {
	mine := func(xs [][3]int) map[[3]int]int {
		m := map[[3]int]int{}
		for i, x := range xs {
			if x[0]>>32 == k {
				m[x] = i
			}
		}
		return m
	}
	gm, pm := mine(g), mine(p)
	off := len(p) - len(src)
	for x, i := range pm {
		if _, ok := gm[x]; !ok {
			fmt.Fprintf(w, "+ %s\t%s\t%q\t%s\n", d.ID, names[x[2]], d.Text[x[0]&(1<<32-1):x[1]], src[i-off])
		}
	}
	for x := range gm {
		if _, ok := pm[x]; !ok {
			fmt.Fprintf(w, "- %s\t%s\t%q\n", d.ID, names[x[2]], d.Text[x[0]&(1<<32-1):x[1]])
		}
	}
}

// mergeMode resolves the --merge flag: a mode named by the user, else the one
// sitrep train chose on dev for the model, else override.
func mergeMode(flag string, m *entities.Model) (entities.MergeMode, error) {
	if flag == "" && m != nil {
		flag = m.Meta.Merge
	}
	return entities.ParseMerge(flag)
}

// loadModel loads a model directory; "" is the shipped model, "none" none.
func loadModel(dir string) (*entities.Model, error) {
	switch strings.ToLower(dir) {
	case "none":
		return nil, nil
	case "":
		return entities.ShippedModel()
	}
	m, err := entities.LoadModel(dir)
	if err != nil {
		return nil, err
	}
	return m, nil
}
