package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/sitrep/sitrep/corpus"
	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/entities"
	"github.com/sitrep/sitrep/pipeline/estimative"
	"github.com/sitrep/sitrep/pipeline/structure"
	"github.com/sitrep/sitrep/pipeline/takeaways"
	"github.com/sitrep/sitrep/pipeline/tokenize"
)

type annotateOptions struct {
	Corpus     string
	Out        string
	Workers    int
	NoIndex    bool
	Scale      string
	Derive     int
	MaxBytes   int64
	Gazetteers []string
	Model      string // model directory; "" the shipped model, "none" no model
	Merge      string // how model entities meet gazetteer ones: fill, override, arbiter
	KeepBoiler bool   // annotate page furniture too
	Tag        bool
	Quiet      bool
	Force      bool
	Timeout    time.Duration
	MaxTokens  int
	MemLimit   int64
	GCPercent  int
}

// The collector's defaults for annotate. With GOGC's default of 100 the
// collector ran 433 times on 10,010 reports and took 9.3 s of 121 s of CPU
// (gctrace); at 400 it ran 103 times for 1.9 s, and the memory limit, not the
// corpus, sets the peak: about 325 MB whatever the corpus size. The limit keeps
// that under the 400 MB budget with room for Bleve's mapped files.
const (
	defaultGCPercent = 400
	defaultMemLimit  = "300MiB"
)

func annotateCommand() *cli.Command {
	return &cli.Command{
		Name:      "annotate",
		Usage:     "annotate every report under CORPUS_DIR into OUT_DIR",
		ArgsUsage: "CORPUS_DIR",
		Description: "Walks CORPUS_DIR recursively (.txt, .md, .html, .pdf) and writes OUT_DIR/annotations.jsonl,\n" +
			"OUT_DIR/reports/<id>.json, OUT_DIR/index.bleve and OUT_DIR/manifest.json.\n\n" +
			"EXAMPLE:\n   sitrep annotate corpus/examples -o out --workers 2\n\n" + exitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output folder (required)", EnvVars: []string{"SITREP_OUT"}},
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
			&cli.BoolFlag{Name: "keep-boilerplate", Usage: "annotate page furniture too (calls to action, related-reading lines, comment forms);\n" +
				"by default it is left out and listed in each record's boilerplate field"},
			&cli.BoolFlag{Name: "pos", Usage: "add part-of-speech tags to tokens (slower)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar or summary"},
			&cli.BoolFlag{Name: "force", Usage: "re-annotate every report, even unchanged ones"},
			&cli.DurationFlag{Name: "timeout", Value: 2 * time.Minute, Usage: "give up on one report after this long"},
			&cli.IntFlag{Name: "max-tokens", Value: tokenize.DefaultMaxTokens, Usage: "annotate at most this many tokens of one report (the rest is noted as truncated)"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the run to this file"},
			&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile at the end of the run to this file"},
			&cli.StringFlag{Name: "memory-limit", Value: defaultMemLimit, Usage: "soft memory limit, in bytes or with a KiB, MiB or GiB suffix: the garbage collector works harder near it (0: none; GOMEMLIMIT wins when set)"},
			&cli.IntFlag{Name: "gc-percent", Value: defaultGCPercent, Usage: "heap growth between collections, as GOGC: higher trades memory (up to --memory-limit) for less collector CPU (GOGC wins when set)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("annotate: want exactly one CORPUS_DIR, got %d arguments", c.NArg())
			}
			if c.String("out") == "" {
				return usageErr("annotate: --out/-o OUT_DIR is required")
			}
			if c.Int("workers") < 1 {
				return usageErr("annotate: --workers must be at least 1")
			}
			o := annotateOptions{Corpus: c.Args().First(), Out: c.String("out"), Workers: c.Int("workers"),
				NoIndex: c.Bool("no-index"), Scale: c.String("scale"), Derive: c.Int("takeaways"),
				MaxBytes: c.Int64("max-bytes"), Gazetteers: c.StringSlice("gazetteer"), Model: c.String("model"), Merge: c.String("merge"), KeepBoiler: c.Bool("keep-boilerplate"), Tag: c.Bool("pos"), Quiet: c.Bool("quiet"),
				Force: c.Bool("force"), Timeout: c.Duration("timeout"), MaxTokens: c.Int("max-tokens"), GCPercent: c.Int("gc-percent")}
			var err error
			if o.MemLimit, err = parseSize(c.String("memory-limit")); err != nil {
				return usageErr("annotate: --memory-limit: %v", err)
			}
			if o.GCPercent < 1 {
				return usageErr("annotate: --gc-percent must be at least 1")
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
			m, err := annotate(c.Context, o, c.App.ErrWriter)
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

// stageHook lets tests add a stage to the chain (nil in the program).
var stageHook func([]pipeline.Stage) []pipeline.Stage

// buildStages loads the models and builds the stage chain, once per process.
func buildStages(o annotateOptions) ([]pipeline.Stage, error) {
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
	model, err := loadModel(o.Model)
	if err != nil {
		return nil, err
	}
	ent := entities.New(gaz).WithModel(model)
	if ent.Merge, err = mergeMode(o.Merge, model); err != nil {
		return nil, err
	}
	st := structure.New()
	st.KeepBoilerplate = o.KeepBoiler
	chain := []pipeline.Stage{
		st,
		tok,
		ent,
		est,
		takeaways.New(takeaways.Options{Derive: o.Derive}, lx.Scales[o.Scale]),
	}
	if stageHook != nil {
		chain = stageHook(chain)
	}
	return chain, nil
}

// annotate runs the pipeline over a corpus folder and writes OUT. Reports
// whose content and whose pipeline (models, version, options) are unchanged
// since the last run keep their records; the rest are annotated.
func annotate(ctx context.Context, o annotateOptions, stderr io.Writer) (*output.Manifest, error) {
	t0 := time.Now()
	if o.MemLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(o.MemLimit))
	}
	if o.GCPercent > 0 && os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(o.GCPercent))
	}
	fp, err := fingerprint(o)
	if err != nil {
		return nil, err
	}
	startup := time.Since(t0)
	entries, err := corpus.Walk(o.Corpus, corpus.WalkOptions{MaxBytes: o.MaxBytes, Exclude: []string{o.Out}})
	if err != nil {
		return nil, err
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	// With a core to spare, the sink writes the report files (see ReportsInSink).
	run, err := output.Begin(o.Out, output.RunOptions{NoIndex: o.NoIndex, ReportsInSink: workers < runtime.NumCPU()})
	if err != nil {
		return nil, err
	}
	reuse := !o.Force && run.PreviousFingerprint() == fp
	// Loading the models is most of a no-change re-run's time: when records
	// may be reused, the runner loads them only if a report needs annotating.
	// Otherwise load them now, so a bad model or gazetteer fails at once.
	var stages []pipeline.Stage
	var setupTime time.Duration
	setup := func() ([]pipeline.Stage, error) {
		t := time.Now()
		defer func() { setupTime = time.Since(t) }()
		s, err := buildStages(o)
		if err != nil {
			return nil, fmt.Errorf("load models: %w", err)
		}
		return s, nil
	}
	if !reuse {
		if stages, err = setup(); err != nil {
			run.Abort()
			return nil, err
		}
	}
	items := make([]pipeline.Item, len(entries))
	for i, e := range entries {
		items[i] = pipeline.Item{ID: e.ID, Load: loader(e, run, reuse)}
	}
	abs, _ := filepath.Abs(o.Corpus)
	m := &output.Manifest{Tool: "sitrep", Versions: versions(), Fingerprint: fp, Corpus: abs, Started: t0.UTC(),
		Options: map[string]any{"workers": o.Workers, "no_index": o.NoIndex, "scale": o.Scale, "takeaways": o.Derive,
			"max_bytes": o.MaxBytes, "gazetteers": o.Gazetteers, "model": o.Model, "merge": o.Merge, "pos": o.Tag, "force": o.Force,
			"timeout": o.Timeout.String(), "max_tokens": o.MaxTokens},
		Timings: output.Timings{StartupSeconds: startup.Seconds(), StageSeconds: map[string]float64{}},
		Files:   make([]output.FileEntry, 0, len(entries))}
	var bar *progressbar.ProgressBar
	if f, ok := stderr.(*os.File); ok && !o.Quiet && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(len(items), progressbar.OptionSetWriter(stderr), progressbar.OptionShowCount(),
			progressbar.OptionSetDescription("annotating"), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	delivered := 0
	r := &pipeline.Runner{Stages: stages, Workers: o.Workers, DocTimeout: o.Timeout,
		Finish: func(d *pipeline.Document) (any, error) { return run.Prepare(d) }}
	if reuse {
		r.Setup = setup
	}
	err = r.Run(ctx, items, func(res pipeline.Result) error {
		delivered++
		fe, werr := record(run, res, m)
		if werr != nil {
			return werr
		}
		if fe.Status == output.StatusError {
			fmt.Fprintf(stderr, "%s: %s\n", filepath.Join(o.Corpus, filepath.FromSlash(fe.ID)), fe.Reason)
		}
		if bar != nil {
			_ = bar.Add(1)
		}
		return nil
	})
	interrupted := err != nil && ctx.Err() != nil
	if err != nil && !interrupted {
		run.Abort()
		return nil, err
	}
	if interrupted {
		// Keep what is done: the rest keeps its previous record, or waits for the next run.
		for _, e := range entries[delivered:] {
			if prev, ok := run.Reusable(e.ID); ok {
				if err := run.Keep(e.ID); err != nil {
					run.Abort()
					return nil, err
				}
				account(m, prev)
				continue
			}
			account(m, output.FileEntry{ID: e.ID, Bytes: e.Bytes, Format: e.Format, Status: output.StatusPending, Reason: "interrupted before annotation"})
		}
	}
	m.Finished = time.Now().UTC()
	m.Timings.TotalSeconds = time.Since(t0).Seconds()
	m.Timings.StartupSeconds += setupTime.Seconds()
	m.Timings.PeakRSSBytes = peakRSS()
	if err := run.Commit(m); err != nil {
		return nil, fmt.Errorf("write %s: %w", o.Out, err)
	}
	if !o.Quiet {
		mb := float64(m.Totals.TextBytes) / 1e6
		fmt.Fprintf(stderr, "sitrep: %d reports (%d annotated, %d unchanged; %d files: %d ok, %d skipped, %d errors), %d entities, %d takeaways, %d estimative phrases in %.2fs (%.2f MB/s annotated) -> %s\n",
			m.Totals.Records, m.Totals.Annotated, m.Totals.Records-m.Totals.Annotated, m.Totals.Files, m.Totals.OK, m.Totals.Skipped, m.Totals.Errors,
			m.Totals.Entities, m.Totals.Takeaways, m.Totals.Estimative, m.Timings.TotalSeconds, mb/m.Timings.TotalSeconds, o.Out)
	}
	if interrupted {
		return m, ctx.Err()
	}
	return m, nil
}

// errKeep says a report is unchanged and its previous record is reused.
var errKeep = errors.New("unchanged")

// loader returns the Load function of one corpus entry.
func loader(e corpus.Entry, run *output.Run, reuse bool) func(context.Context) (*pipeline.Document, error) {
	return func(context.Context) (*pipeline.Document, error) {
		switch {
		case e.Err != nil:
			return nil, e.Err
		case e.Skip != "":
			se := &corpus.SkipError{Reason: e.Skip, Bytes: e.Bytes}
			if sum, n, err := corpus.HashFile(e.Path); err == nil {
				se.SHA256, se.Bytes = sum, n
			}
			return nil, se
		}
		if reuse && run != nil {
			if prev, ok := run.Reusable(e.ID); ok {
				if sum, _, err := corpus.HashFile(e.Path); err == nil && sum == prev.SHA256 {
					return nil, errKeep
				}
			}
		}
		return corpus.Read(e)
	}
}

// record writes one result and accounts for it in the manifest.
func record(run *output.Run, res pipeline.Result, m *output.Manifest) (output.FileEntry, error) {
	fe := output.FileEntry{ID: res.ID, Status: output.StatusOK}
	for k, d := range res.Timings {
		m.Timings.StageSeconds[k] += d.Seconds()
	}
	var se *corpus.SkipError
	switch {
	case errors.Is(res.Err, errKeep):
		prev, _ := run.Previous(res.ID)
		if err := run.Keep(res.ID); err != nil {
			return fe, err
		}
		fe = prev
	case res.Doc == nil && errors.As(res.Err, &se):
		fe.Status, fe.Reason, fe.SHA256, fe.Bytes = output.StatusSkipped, se.Reason, se.SHA256, se.Bytes
	case res.Doc == nil:
		fe.Status, fe.Reason = output.StatusError, fmt.Sprintf("%s: %v", res.Step, res.Err)
	default:
		d := res.Doc
		fe.SHA256, fe.Bytes, fe.Format, fe.Diagnostics = d.Source.SHA256, d.Source.Bytes, d.Source.Format, len(d.Diagnostics)
		if res.Err != nil {
			fe.Status, fe.Reason = output.StatusError, fmt.Sprintf("%s: %v", res.Step, res.Err)
		}
		p, _ := res.Output.(*output.Prepared)
		if err := run.Write(d, p); err != nil {
			return fe, err
		}
		m.Totals.Annotated++
		m.Totals.TextBytes += int64(len(d.Text))
		m.Totals.Entities += len(d.Entities)
		m.Totals.Takeaways += len(d.Takeaways)
		m.Totals.Estimative += len(d.Estimative)
	}
	account(m, fe)
	return fe, nil
}

// account adds a file entry to the manifest and its totals.
func account(m *output.Manifest, fe output.FileEntry) {
	m.Totals.Files++
	m.Totals.InputBytes += fe.Bytes
	switch fe.Status {
	case output.StatusOK:
		m.Totals.OK++
	case output.StatusSkipped:
		m.Totals.Skipped++
	case output.StatusError:
		m.Totals.Errors++
	}
	m.Files = append(m.Files, fe)
}

// fingerprint identifies everything that shapes a record besides its input:
// sitrep's version, the embedded models, user gazetteers and the options.
func fingerprint(o annotateOptions) (string, error) {
	models, err := models.Fingerprint()
	if err != nil {
		return "", err
	}
	maxTokens := o.MaxTokens
	if maxTokens <= 0 {
		maxTokens = tokenize.DefaultMaxTokens // what the stage uses: hash effective values, not flags
	}
	merge, err := entities.ParseMerge(o.Merge)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "build %s\n", buildID())
	fmt.Fprintf(h, "sitrep %s\nmodels %s\nscale %s\ntakeaways %d\npos %v\nmax-tokens %d\nmerge %d\nkeep-boilerplate %v\n", Version, models, o.Scale, o.Derive, o.Tag, maxTokens, merge, o.KeepBoiler)
	for _, g := range o.Gazetteers {
		sum, _, err := corpus.HashFile(g)
		if err != nil {
			return "", fmt.Errorf("gazetteer %s: %w", g, err)
		}
		fmt.Fprintf(h, "gazetteer %s\n", sum)
	}
	if o.Model != "" { // the shipped model is part of models.Fingerprint
		fmt.Fprintf(h, "model %s\n", strings.ToLower(o.Model))
		for _, f := range []string{"model.json", "weights.bin.gz"} {
			if strings.EqualFold(o.Model, "none") {
				break
			}
			sum, _, err := corpus.HashFile(filepath.Join(o.Model, f))
			if err != nil {
				return "", fmt.Errorf("model %s: %w", o.Model, err)
			}
			fmt.Fprintf(h, "%s %s\n", f, sum)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// buildID identifies the code that makes records, so that a rebuilt sitrep
// with other rules re-annotates instead of keeping stale records: the VCS
// revision of a clean build, else the executable's size and modification
// time (a rebuild then re-annotates once, even when nothing changed).
func buildID() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" && !dirty {
			return rev
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			return fmt.Sprintf("%d %d", st.Size(), st.ModTime().UnixNano())
		}
	}
	return "unknown"
}

// versions reports sitrep's version and those of the libraries it is built with.
func versions() map[string]string {
	v := map[string]string{"sitrep": Version, "go": runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			switch d.Path {
			case "github.com/jdkato/prose/v2", "github.com/blevesearch/bleve/v2", "github.com/urfave/cli/v2":
				v[d.Path] = d.Version
			}
		}
	}
	return v
}

// peakRSS is the process's peak resident set size so far, in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss * 1024 // Linux reports kilobytes
}
