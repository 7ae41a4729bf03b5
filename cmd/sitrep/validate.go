package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/output/validate"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check an OUT_DIR: records against the JSON Schema and the offset invariants",
		ArgsUsage: "OUT_DIR",
		Description: "Checks every record of OUT_DIR/annotations.jsonl against the record schema\n" +
			"(output/record.schema.json) and the offset invariants (text[start:end] == text), ids sorted and\n" +
			"unique, reports/<id>.json equal to the record, and the manifest accounting for every record.\n" +
			"Exits 1 when it finds a problem.\n\nEXAMPLE:\n   sitrep validate out",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print the problems as JSON"}},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("validate: want exactly one OUT_DIR")
			}
			v, err := validate.New()
			if err != nil {
				return err
			}
			n, problems, err := v.ValidateDir(c.Args().First())
			if err != nil {
				return err
			}
			if c.Bool("json") {
				if problems == nil {
					problems = []validate.Problem{}
				}
				if err := writeJSONTo(c.App.Writer, map[string]any{"records": n, "problems": problems}); err != nil {
					return err
				}
			} else {
				for _, p := range problems {
					fmt.Fprintf(c.App.Writer, "%s: %s\n", p.Where, p.Err)
				}
				fmt.Fprintf(c.App.Writer, "%d records checked, %d problems\n", n, len(problems))
			}
			if len(problems) > 0 {
				return &exitError{code: exitFailure, err: fmt.Errorf("validate: %d problems in %s", len(problems), c.Args().First())}
			}
			return nil
		},
	}
}
