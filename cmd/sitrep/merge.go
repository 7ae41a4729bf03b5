package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/output"
)

func mergeCommand() *cli.Command {
	return &cli.Command{
		Name:      "merge",
		Usage:     "merge the output folders of annotate --shard runs into one",
		ArgsUsage: "OUT_DIR... -o OUT_DIR",
		Description: "The sources must come from the same sitrep and options (equal fingerprints) and hold disjoint\n" +
			"reports (the shards of one corpus). The result is one complete output folder: records, report\n" +
			"files, index and a manifest accounting for every file of every shard.\n\n" +
			"EXAMPLE:\n   for i in 0 1 2 3; do sitrep annotate corpus -o out$i --shard $i/4; done\n" +
			"   sitrep merge out0 out1 out2 out3 -o out",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "the merged output folder (required)"},
			&cli.BoolFlag{Name: "no-index", Usage: "do not build the Bleve index"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() < 1 || c.String("out") == "" {
				return usageErr("merge: want OUT_DIR... and --out/-o OUT_DIR")
			}
			m, err := output.Merge(c.String("out"), c.Args().Slice(), output.RunOptions{NoIndex: c.Bool("no-index")}, time.Now)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "sitrep: merged %d outputs: %d records (%d files) -> %s\n", c.NArg(), m.Totals.Records, m.Totals.Files, c.String("out"))
			return nil
		},
	}
}
