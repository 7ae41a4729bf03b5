package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/output/stats"
)

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:      "stats",
		Usage:     "the corpus at a glance: reports by month and site, top entities, pairs, judgments over time",
		ArgsUsage: "OUT_DIR",
		Description: "--entity tracks an assessment: for every month, the sentences that name the entity (by canonical id,\n" +
			"name or text) and the mean probability of their likelihood judgments.\n\n" +
			"EXAMPLE:\n   sitrep stats out --entity ISKP\n   sitrep stats out --html stats.html",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "entity", Usage: "track the judgments about this entity over time"},
			&cli.IntFlag{Name: "top", Value: 10, Usage: "entities per label and pairs to list"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.StringFlag{Name: "html", Usage: "also write a self-contained HTML page with charts to `FILE`"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("stats: want exactly one OUT_DIR")
			}
			if c.Int("top") < 1 {
				return usageErr("stats: --top must be at least 1")
			}
			s, err := stats.Collect(c.Args().First(), stats.Options{Top: c.Int("top"), Entity: c.String("entity")})
			if err != nil {
				return fmt.Errorf("stats: %w", err)
			}
			if path := c.String("html"); path != "" {
				if err := writeStatsHTML(path, s); err != nil {
					return err
				}
			}
			if c.Bool("json") {
				return writeJSONTo(c.App.Writer, s)
			}
			return stats.WriteText(c.App.Writer, s)
		},
	}
}

func writeStatsHTML(path string, s *stats.Stats) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	if err := stats.WriteHTML(f, s, false); err != nil {
		f.Close()
		return fmt.Errorf("stats: write %s: %w", path, err)
	}
	return f.Close()
}
