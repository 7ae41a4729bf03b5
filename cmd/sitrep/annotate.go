package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/corpus"
	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline/tokenize"
)

func annotateCommand() *cli.Command {
	return &cli.Command{
		Name:      "annotate",
		Usage:     "annotate every report under CORPUS_DIR (or one FILE, or standard input) into OUT_DIR",
		ArgsUsage: "CORPUS_DIR | FILE | -",
		Description: "Walks CORPUS_DIR recursively (.txt, .md, .html, .pdf) and writes OUT_DIR/annotations.jsonl,\n" +
			"OUT_DIR/reports/<id>.json, OUT_DIR/index.bleve and OUT_DIR/manifest.json. OUT_DIR then holds the\n" +
			"reports of CORPUS_DIR: one FILE, or - (standard input, named by --name), makes it hold that one.\n\n" +
			"EXAMPLE:\n   sitrep annotate corpus/examples -o out --workers 2\n   sitrep annotate report.pdf -o out\n" +
			"   curl -s https://example.org/brief.html | sitrep annotate - --name brief.html -o out",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output folder (required)", EnvVars: []string{"SITREP_OUT"}},
			&cli.StringFlag{Name: "name", Usage: "with -: the report's `FILE` name, its record id (the extension names the format; default stdin.txt, .html or .pdf by content)"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "parallel workers"},
			&cli.BoolFlag{Name: "no-index", Usage: "do not build the Bleve index"},
			&cli.StringFlag{Name: "scale", Value: models.ScaleICD203, Usage: "probability ranges written to low/high: icd203 or phia"},
			&cli.IntFlag{Name: "takeaways", Value: 5, Usage: "takeaways to derive when a report has no takeaway section (0: none)"},
			&cli.Int64Flag{Name: "max-bytes", Value: corpus.DefaultMaxBytes, Usage: "skip files larger than this"},
			&cli.StringSliceFlag{Name: "gazetteer", Usage: "extra gazetteer TSV file (id, canonical_name, type, aliases, source[, label]); repeatable"},
			&cli.StringFlag{Name: "model", Usage: "entity model `DIR` from sitrep train (default: the shipped model; none: no model)"},
			&cli.StringFlag{Name: "merge", Usage: "where the model and the gazetteer disagree: fill (model fills gaps only), override (model spans win),\n" +
				"arbiter (override, and gazetteer names of kinds the model knows need the model's agreement); see README.\n" +
				"\tDefault: the mode sitrep train chose on dev for the model, else override"},
			&cli.BoolFlag{Name: "no-ocr", Usage: "do not OCR scanned PDF pages (by default they are read when tesseract and pdftoppm are on PATH)"},
			&cli.BoolFlag{Name: "keep-boilerplate", Usage: "annotate page furniture too (calls to action, related-reading lines, comment forms);\n" +
				"by default it is left out and listed in each record's boilerplate field"},
			&cli.BoolFlag{Name: "pos", Usage: "add part-of-speech tags to tokens (slower)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar or summary"},
			&cli.BoolFlag{Name: "force", Usage: "re-annotate every report, even unchanged ones"},
			&cli.StringFlag{Name: "shard", Usage: "annotate only shard `I/N` of the corpus (a stable hash of each report's path picks its shard);\n" +
				"\"N\" alone takes I from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs). Merge the outputs with sitrep merge"},
			&cli.DurationFlag{Name: "timeout", Value: 2 * time.Minute, Usage: "give up on one report after this long"},
			&cli.IntFlag{Name: "max-tokens", Value: tokenize.DefaultMaxTokens, Usage: "annotate at most this many tokens of one report (the rest is noted as truncated)"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the run to this file"},
			&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile at the end of the run to this file"},
			&cli.StringFlag{Name: "memory-limit", Value: annotate.DefaultMemLimit, Usage: "soft memory limit, in bytes or with a KiB, MiB or GiB suffix: the garbage collector works harder near it; the entity model's tables outside the heap count against it (0: none; GOMEMLIMIT wins when set)"},
			&cli.IntFlag{Name: "gc-percent", Value: annotate.DefaultGCPercent, Usage: "heap growth between collections, as GOGC: higher trades memory (up to --memory-limit) for less collector CPU (GOGC wins when set)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("annotate: want exactly one CORPUS_DIR, FILE or -, got %d arguments", c.NArg())
			}
			if c.String("out") == "" {
				return usageErr("annotate: --out/-o OUT_DIR is required")
			}
			if c.Int("workers") < 1 {
				return usageErr("annotate: --workers must be at least 1")
			}
			if c.String("name") != "" && c.Args().First() != "-" {
				return usageErr("annotate: --name names a report read from standard input (-)")
			}
			o := annotate.Options{Corpus: c.Args().First(), Stdin: c.App.Reader, Name: c.String("name"), Out: c.String("out"), Workers: c.Int("workers"),
				NoIndex: c.Bool("no-index"), Scale: c.String("scale"), Derive: c.Int("takeaways"),
				MaxBytes: c.Int64("max-bytes"), Gazetteers: c.StringSlice("gazetteer"), Model: c.String("model"), Merge: c.String("merge"), KeepBoiler: c.Bool("keep-boilerplate"), NoOCR: c.Bool("no-ocr"), Tag: c.Bool("pos"), Quiet: c.Bool("quiet"),
				Force: c.Bool("force"), Timeout: c.Duration("timeout"), MaxTokens: c.Int("max-tokens"), GCPercent: c.Int("gc-percent")}
			var err error
			if o.MemLimit, err = parseSize(c.String("memory-limit")); err != nil {
				return usageErr("annotate: --memory-limit: %v", err)
			}
			if o.GCPercent < 1 {
				return usageErr("annotate: --gc-percent must be at least 1")
			}
			if sh := c.String("shard"); sh != "" {
				if o.Shard, o.Shards, err = annotate.ParseShard(sh, os.Getenv); err != nil {
					return usageErr("annotate: %v", err)
				}
			}
			if o.Scale != models.ScaleICD203 && o.Scale != models.ScalePHIA {
				return usageErr("annotate: --scale must be icd203 or phia, not %q", o.Scale)
			}
			if p := c.String("cpuprofile"); p != "" {
				f, err := os.Create(p)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			m, err := annotate.Run(c.Context, o, c.App.ErrWriter)
			if p := c.String("memprofile"); p != "" && err == nil {
				f, ferr := os.Create(p)
				if ferr != nil {
					return ferr
				}
				defer f.Close()
				if werr := pprof.WriteHeapProfile(f); werr != nil {
					return werr
				}
			}
			if err != nil {
				return err
			}
			if m.Totals.Errors > 0 {
				return &exitError{code: exitSomeFailed, err: fmt.Errorf("%d input files failed", m.Totals.Errors)}
			}
			return nil
		},
	}
}
