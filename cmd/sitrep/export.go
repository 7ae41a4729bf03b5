package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/export"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "export an OUT_DIR as CSV tables, STIX 2.1 bundles, OpenSearch bulk files or CoNLL",
		ArgsUsage: "OUT_DIR",
		Description: "Formats (-o is a folder, except for conll, where it is a file and - or nothing means stdout):\n" +
			"   csv         reports, mentions, judgments, takeaways, timexes, judgment_entities and takeaway_entities .csv\n" +
			"               (RFC 4180, UTF-8; byte and code-point offsets; columns in README.md)\n" +
			"   stix        one STIX 2.1 bundle per report, as FOLDER/<report id>.json (--one-bundle: FOLDER/bundle.json)\n" +
			"   opensearch  bulk.ndjson (_bulk action and source lines) and index-template.json (the Bleve mapping's twin)\n" +
			"   conll       tokens with IOB2 entity labels, a -DOCSTART- line per report (sitrep train reads it)\n" +
			"Records are read one at a time: memory does not grow with the size of OUT_DIR.\n\n" +
			"EXAMPLE:\n   sitrep export out --format csv -o tables\n   sitrep export out --format conll > out.conll",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "csv, stix, opensearch, geojson or conll"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output folder (file for conll; default: OUT_DIR/export/FORMAT, stdout for conll)"},
			&cli.BoolFlag{Name: "one-bundle", Usage: "stix: one bundle for the whole corpus instead of one per report"},
			&cli.StringFlag{Name: "tlp", Value: "clear", Usage: "stix: TLP 2.0 marking on every object: clear, green, amber, amber+strict or red"},
			&cli.BoolFlag{Name: "include-warned", Usage: "stix: keep indicators whose value is on a MISP warning list (top sites, reserved ranges...)"},
			&cli.StringFlag{Name: "index", Value: "sitrep", Usage: "opensearch: index name for the bulk actions and the template pattern"},
		},
		Action: func(c *cli.Context) error {
			if c.String("format") == "" {
				return usageErr("export: --format/-f is required: csv, stix, opensearch, geojson or conll")
			}
			if c.NArg() != 1 {
				return usageErr("export: want exactly one OUT_DIR")
			}
			out := c.Args().First()
			if _, err := os.Stat(filepath.Join(out, output.JSONLName)); err != nil {
				return fmt.Errorf("export %s: no records (run sitrep annotate first): %w", out, err)
			}
			format, dest := c.String("format"), c.String("output")
			if dest == "" && format != "conll" {
				dest = filepath.Join(out, "export", format)
			}
			var n int
			var err error
			switch format {
			case "csv":
				n, err = export.CSV(out, dest)
			case "stix":
				if _, err := export.ParseTLP(c.String("tlp")); err != nil {
					return usageErr("export: %v", err)
				}
				n, err = export.STIX(out, dest, c.Bool("one-bundle"), export.STIXOptions{TLP: c.String("tlp"), IncludeWarned: c.Bool("include-warned")})
			case "opensearch":
				n, err = export.OpenSearch(out, dest, c.String("index"))
			case "geojson":
				n, err = export.GeoJSON(out, dest)
			case "conll":
				n, err = exportCoNLL(c, out, dest)
			default:
				return usageErr("export: unknown format %q (want csv, stix, opensearch, geojson or conll)", format)
			}
			if err != nil {
				return fmt.Errorf("export %s: %w", format, err)
			}
			if dest == "" {
				dest = "stdout"
			}
			fmt.Fprintf(c.App.ErrWriter, "sitrep: exported %d reports as %s to %s\n", n, format, dest)
			return nil
		},
	}
}

func exportCoNLL(c *cli.Context, out, dest string) (int, error) {
	if dest == "" || dest == "-" {
		return export.CoNLL(out, c.App.Writer)
	}
	f, err := os.Create(dest)
	if err != nil {
		return 0, err
	}
	n, err := export.CoNLL(out, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}
