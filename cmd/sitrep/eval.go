package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/pipeline/entities"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:  "eval",
		Usage: "score the entity stage against gold entities (CoNLL/IOB2 or .jsonl records)",
		Description: "Runs the whole entity stage (patterns, aliases, gazetteer, rules and the model) on the gold text and\n" +
			"prints precision, recall and F1 per label for exact spans. --map conll|annoctr maps record labels onto\n" +
			"the benchmark's (GPE->LOC, GROUP->ORG for CoNLL...) and scores only its labels; --map none compares\n" +
			"record labels as they are.\n\n" +
			"EXAMPLE:\n   sitrep eval --gold eng.testa --model models/conll --map conll",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "gold", Usage: "gold `FILE` (CoNLL/IOB2, or .jsonl records); repeatable"},
			&cli.StringFlag{Name: "model", Usage: "model `DIR` (default: the shipped model; none: no model)"},
			&cli.StringFlag{Name: "map", Value: "none", Usage: "label map: conll, annoctr or none"},
			&cli.StringSliceFlag{Name: "gazetteer", Usage: "extra gazetteer `FILE` (as annotate)"},
			&cli.StringFlag{Name: "merge", Usage: "how model and gazetteer entities merge: fill, override or arbiter (annotate's; default: the model's)"},
			&cli.BoolFlag{Name: "errors", Usage: "list every false positive (+) and false negative (-) first"},
		},
		Action: func(c *cli.Context) error {
			if len(c.StringSlice("gold")) == 0 {
				return usageErr("eval: --gold FILE is required")
			}
			mp, ok := entities.LabelMaps[c.String("map")]
			if !ok && c.String("map") != "none" {
				return usageErr("eval: --map must be conll, annoctr or none")
			}
			st, err := entityStage(c.StringSlice("gazetteer"))
			if err != nil {
				return err
			}
			m, err := annotate.LoadModel(c.String("model"))
			if err != nil {
				return err
			}
			st = st.WithModel(m)
			if st.Merge, err = annotate.MergeMode(c.String("merge"), m); err != nil {
				return usageErr("eval: %v", err)
			}
			gold, err := entities.ReadTraining(c.StringSlice("gold"))
			if err != nil {
				return err
			}
			var errw io.Writer
			if c.Bool("errors") {
				errw = c.App.Writer
			}
			s, err := st.Evaluate(c.Context, gold, mp, errw)
			if err != nil {
				return err
			}
			s.WriteTable(c.App.Writer)
			return nil
		},
	}
}
