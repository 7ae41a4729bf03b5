package main

import (
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/search"
)

func searchCommand() *cli.Command {
	return &cli.Command{
		Name:      "search",
		Usage:     "search the index of an OUT_DIR (or of several: the shards of one corpus)",
		ArgsUsage: "OUT_DIR [OUT_DIR...] QUERY...",
		Description: "Bare terms must all occur (AND is the default); OR (||), NOT (! or -), parentheses; AND binds\n" +
			"tighter than OR. \"phrases\", fuzzy~1, wild*, /regexp/. Fields: " + strings.Join(search.FieldNames(), ", ") + ";\n" +
			"keyword values match whatever their case. Dates without quotes: published:>=2022-06-01,\n" +
			"when:[2022-06 TO 2022-08], published:2022-06. Places: near:\"LAT,LON,50km\", bbox:\"S,W,N,E\".\n" +
			"A copy of an earlier report is listed under it.\n" +
			"Put -- before a query that starts with '-'.\n\n" +
			"EXAMPLE:\n   sitrep search out Kherson\n   sitrep search out 'entity:ISKP AND category:likely'\n" +
			"   sitrep search out '(Kherson OR Izyum) -label:PERSON published:>=2022-06-01'\n" +
			"   sitrep search --json out 'entity:\"Haqqani Network\"'\n   sitrep search out 'near:\"48.59,38.0,50km\"'\n" +
			"   sitrep search shard0 shard1 shard2 Kherson",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print machine-readable hits"},
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Value: 10, Usage: "hits to return (at most 1000)"},
			&cli.IntFlag{Name: "offset", Value: 0, Usage: "hits to skip"},
			&cli.StringFlag{Name: "sort", Value: "score", Usage: "order hits by score or date (newest first)"},
			&cli.StringSliceFlag{Name: "facet", Usage: "count hits by a field: " + strings.Join(search.FacetFields, ", ") + " (repeatable)"},
			&cli.StringFlag{Name: "from", Usage: "keep reports published on or after this day (YYYY-MM-DD)"},
			&cli.StringFlag{Name: "to", Usage: "keep reports published on or before this day (YYYY-MM-DD)"},
			&cli.BoolFlag{Name: "copies", Usage: "list copies of other reports as hits too"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() < 2 {
				return usageErr("search: want OUT_DIR and a QUERY")
			}
			dirs, words := outDirs(c.Args().Slice())
			if len(words) == 0 {
				return usageErr("search: want OUT_DIR and a QUERY")
			}
			q := strings.Join(words, " ")
			res, err := search.SearchAll(c.Context, dirs, search.Options{Query: q, Limit: c.Int("limit"), Offset: c.Int("offset"), Facets: c.StringSlice("facet"), Sort: c.String("sort"),
				From: c.String("from"), To: c.String("to"), Copies: c.Bool("copies")})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeJSONTo(c.App.Writer, res)
			}
			printHits(c.App.Writer, res)
			return nil
		},
	}
}

// printHits prints hits for people: id, title, score and highlighted fragments.
func printHits(w io.Writer, res *search.Result) {
	fmt.Fprintf(w, "%d hits for %q (%.1f ms)\n", res.Total, res.Query, res.TookMS)
	names := make([]string, 0, len(res.Facets))
	for n := range res.Facets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var parts []string
		for _, t := range res.Facets[n] {
			parts = append(parts, fmt.Sprintf("%s (%d)", t.Term, t.Count))
		}
		fmt.Fprintf(w, "%s: %s\n", n, strings.Join(parts, ", "))
	}
	mark := strings.NewReplacer("<mark>", "«", "</mark>", "»")
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%d. %s  (score %.3f)\n   %s\n", res.Offset+i+1, h.ID, h.Score, strings.TrimSpace(h.Title+"  "+h.Published+"  "+h.Site))
		fields := make([]string, 0, len(h.Fragments))
		for f := range h.Fragments {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			for _, frag := range h.Fragments[f] {
				fmt.Fprintf(w, "   %s: %s\n", f, html.UnescapeString(mark.Replace(strings.Join(strings.Fields(frag), " "))))
			}
		}
		if len(h.Copies) > 0 {
			fmt.Fprintf(w, "   copies: %s\n", strings.Join(h.Copies, ", "))
		}
	}
}

// outDirs splits arguments into the leading output folders (the first
// always; then each that holds a manifest) and the query words after them.
func outDirs(args []string) (dirs, rest []string) {
	dirs = args[:1]
	for i := 1; i < len(args); i++ {
		if _, err := os.Stat(filepath.Join(args[i], output.ManifestName)); err != nil {
			return dirs, args[i:]
		}
		dirs = append(dirs, args[i])
	}
	return dirs, nil
}
