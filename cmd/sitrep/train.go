package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline/entities"
)

func trainCommand() *cli.Command {
	return &cli.Command{
		Name:  "train",
		Usage: "train an entity model from IOB2/CoNLL files or sitrep records (.jsonl)",
		Description: "The model is an averaged perceptron over hashed word, shape, context and gazetteer features\n" +
			"(see README.md). Each epoch is scored on --dev; the best epoch is kept. Labels are mapped to record\n" +
			"labels (PER->PERSON, LOC->LOC, MISC is learnt but not output...); --labels keeps only some.\n\n" +
			"EXAMPLE:\n   sitrep train --train eng.train --dev eng.testa -o models/conll\n" +
			"   sitrep export out -f conll > corrected.conll   # correct it, then\n" +
			"   sitrep train --train corrected.conll -o mymodel && sitrep annotate corpus -o out --model mymodel",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "train", Usage: "training `FILE` (CoNLL/IOB2, or .jsonl records); repeatable;\n" +
				"LABEL+LABEL@FILE says FILE is annotated for those labels only"},
			&cli.StringSliceFlag{Name: "dev", Usage: "development `FILE` to choose the epoch; repeatable"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "model `DIR` to write"},
			&cli.IntFlag{Name: "epochs", Value: 25, Usage: "passes over the training data"},
			&cli.UintFlag{Name: "bits", Value: 20, Usage: "log2 of the feature table size (memory: 2^bits x tags x 4 bytes)"},
			&cli.StringFlag{Name: "labels", Usage: "comma-separated labels to learn (default: all in the data)"},
			&cli.StringSliceFlag{Name: "gazetteer", Usage: "extra gazetteer `FILE` for the gazetteer features (as annotate)"},
			&cli.StringFlag{Name: "licence", Usage: "licence of the training data, recorded in model.json"},
			&cli.Float64Flag{Name: "gaz-dropout", Value: 0.25, Usage: "share of training sentences seen without gazetteer clues (0: none);\n" +
				"\tit teaches the model names no list holds"},
			&cli.BoolFlag{Name: "history", Value: true, Usage: "document-level prediction history features (--history=false: none)"},
			&cli.Uint64Flag{Name: "seed", Usage: "seed of the training shuffles (the same data and seed give the same model)"},
			&cli.IntFlag{Name: "restarts", Value: 3, Usage: "training runs with different shuffles whose weights are averaged"},
			&cli.BoolFlag{Name: "clusters", Usage: "word-cluster features (models/data/clusters.tsv.gz)"},
			&cli.BoolFlag{Name: "domain", Usage: "a CTI copy of each feature in documents that read as CTI (feature augmentation)"},
			&cli.StringFlag{Name: "merge", Usage: "merge mode recorded as the model's default (fill, override, arbiter);\n" +
				"default: the one scoring best on --dev"},
		},
		Action: func(c *cli.Context) error {
			if len(c.StringSlice("train")) == 0 || c.String("output") == "" {
				return usageErr("train: --train FILE and --output/-o MODEL_DIR are required")
			}
			if c.Uint("bits") < 12 || c.Uint("bits") > 24 {
				return usageErr("train: --bits must be between 12 and 24")
			}
			drop := c.Float64("gaz-dropout")
			if drop < 0 || drop > 1 {
				return usageErr("train: --gaz-dropout must be between 0 and 1")
			}
			if drop == 0 {
				drop = -1 // TrainOptions reads 0 as the default
			}
			st, err := entityStage(c.StringSlice("gazetteer"))
			if err != nil {
				return err
			}
			train, err := entities.ReadTraining(c.StringSlice("train"))
			if err != nil {
				return err
			}
			dev, err := entities.ReadTraining(c.StringSlice("dev"))
			if err != nil {
				return err
			}
			var labels []string
			if l := c.String("labels"); l != "" {
				labels = strings.Split(l, ",")
			}
			m, err := st.Train(train, dev, entities.TrainOptions{Epochs: c.Int("epochs"), Bits: c.Uint("bits"), Labels: labels,
				GazDropout: drop, History: c.Bool("history"), Restarts: c.Int("restarts"), Seed: c.Uint64("seed"), Log: c.App.ErrWriter,
				Features: entities.Features{Clusters: c.Bool("clusters"), Domain: c.Bool("domain")}})
			if err != nil {
				return fmt.Errorf("train: %w", err)
			}
			if name := c.String("merge"); name != "" {
				if _, err := entities.ParseMerge(name); err != nil {
					return usageErr("train: %v", err)
				}
				m.Meta.Merge = name
			} else if len(dev) > 0 {
				if err := st.ChooseMerge(c.Context, m, dev, c.App.ErrWriter); err != nil {
					return fmt.Errorf("train: %w", err)
				}
			}
			m.Meta.TrainedOn = entities.DescribeFiles(append(c.StringSlice("train"), c.StringSlice("dev")...))
			m.Meta.Licence = c.String("licence")
			if err := m.Save(c.String("output")); err != nil {
				return fmt.Errorf("train: save: %w", err)
			}
			fmt.Fprintf(c.App.ErrWriter, "sitrep: model written to %s (epoch %d%s)\n", c.String("output"), m.Meta.Epochs,
				entities.DevNote(len(dev), ", dev F1", m.Meta.DevF1))
			return nil
		},
	}
}

func entityStage(extra []string) (*entities.Stage, error) {
	gaz, err := models.LoadGazetteer(extra...)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return entities.New(gaz), nil
}
