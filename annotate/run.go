package annotate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/sitrep/sitrep/corpus"
	"github.com/sitrep/sitrep/internal/bigtable"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
)

// Run runs the pipeline over a corpus folder and writes OUT. Reports
// whose content and whose pipeline (models, version, options) are unchanged
// since the last run keep their records; the rest are annotated.
func Run(ctx context.Context, o Options, stderr io.Writer) (*output.Manifest, error) {
	now := o.Clock
	if now == nil {
		now = time.Now
	}
	t0 := time.Now()
	started := now()
	if o.MemLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(o.MemLimit))
	}
	// The collector's pace for the run (--gc-percent) is set once the models
	// are loaded: at a higher pace loading takes fresh memory where it would
	// reuse collected memory, and each fresh page costs a fault (70 ms more
	// start-up at 400 than at the default 100 on a 2-core VM).
	// The memory limit is the process's: the model's tables outside the
	// heap (bigtable) count against it once loaded.
	restoreGC := func() {}
	defer func() { restoreGC() }()
	runPace := func() {
		if o.MemLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(max(o.MemLimit-bigtable.Mapped(), o.MemLimit/2))
		}
		if o.GCPercent > 0 && os.Getenv("GOGC") == "" {
			prev := debug.SetGCPercent(o.GCPercent)
			restoreGC = func() { debug.SetGCPercent(prev) }
		}
	}
	fp, err := Fingerprint(o)
	if err != nil {
		return nil, err
	}
	startup := time.Since(t0)
	var entries []corpus.Entry
	if o.Corpus == "-" {
		tmp, err := os.MkdirTemp("", "sitrep-stdin-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		if entries, err = stdinEntry(o, tmp); err != nil {
			return nil, err
		}
	} else if entries, err = corpus.Walk(o.Corpus, corpus.WalkOptions{MaxBytes: o.MaxBytes, Exclude: []string{o.Out}}); err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		// Most likely a wrong path; committing would also empty a previous
		// run's output.
		return nil, fmt.Errorf("%s: no reports found (.txt, .md, .html, .pdf): nothing to annotate", o.Corpus)
	}
	if o.Shards > 0 {
		// A shard may hold no report of a small corpus: it still writes a
		// complete, empty output, so that merging sees every shard.
		mine := entries[:0]
		for _, e := range entries {
			if ShardOf(e.ID, o.Shards) == o.Shard {
				mine = append(mine, e)
			}
		}
		entries = mine
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
		s, err := Stages(o)
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
	runPace()
	if o.IDs != nil {
		// A queue batch: its reports, and the records OUT already has.
		mine := entries[:0]
		for _, e := range entries {
			if _, had := run.Previous(e.ID); o.IDs[e.ID] || had {
				mine = append(mine, e)
			}
		}
		entries = mine
	}
	items := make([]pipeline.Item, len(entries))
	pdf := PDFOptions(o)
	for i, e := range entries {
		load := loader(e, run, reuse, pdf)
		if o.IDs != nil && !o.IDs[e.ID] && reuse {
			load = keeper(e, run, load)
		}
		items[i] = pipeline.Item{ID: e.ID, Load: load}
	}
	abs, _ := filepath.Abs(o.Corpus)
	if o.Corpus == "-" {
		abs = "stdin"
	}
	m := &output.Manifest{Tool: "sitrep", Versions: Versions(), Fingerprint: fp, Corpus: abs, Started: started.UTC(),
		Options: map[string]any{"workers": o.Workers, "no_index": o.NoIndex, "scale": o.Scale, "takeaways": o.Derive,
			"max_bytes": o.MaxBytes, "gazetteers": o.Gazetteers, "model": o.Model, "merge": o.Merge, "pos": o.Tag, "force": o.Force,
			"timeout": o.Timeout.String(), "max_tokens": o.MaxTokens, "shard": shardOption(o)},
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
		fe, werr := record(run, res, m, o.Timeout)
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
	m.Finished = now().UTC()
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
func loader(e corpus.Entry, run *output.Run, reuse bool, pdf corpus.PDFOptions) func(context.Context) (*pipeline.Document, error) {
	return func(ctx context.Context) (*pipeline.Document, error) {
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
		return corpus.ReadWith(ctx, e, pdf)
	}
}

// keeper keeps the previous record of a report outside the batch without
// reading the file (a worker's output grows batch by batch); only a record
// the pipeline cannot reuse (another sitrep or options) is made again.
func keeper(e corpus.Entry, run *output.Run, load func(context.Context) (*pipeline.Document, error)) func(context.Context) (*pipeline.Document, error) {
	return func(ctx context.Context) (*pipeline.Document, error) {
		if _, ok := run.Reusable(e.ID); ok {
			return nil, errKeep
		}
		return load(ctx)
	}
}

// record writes one result and accounts for it in the manifest.
func record(run *output.Run, res pipeline.Result, m *output.Manifest, timeout time.Duration) (output.FileEntry, error) {
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
		fe.Status, fe.Reason = output.StatusError, failure(res, timeout)
	default:
		d := res.Doc
		fe.SHA256, fe.Bytes, fe.Format, fe.Diagnostics = d.Source.SHA256, d.Source.Bytes, d.Source.Format, len(d.Diagnostics)
		fe.ScannedPages = len(d.ScannedPages)
		for _, pg := range d.Pages {
			if pg.OCR {
				fe.OCRPages++
			}
		}
		if res.Err != nil {
			fe.Status, fe.Reason = output.StatusError, failure(res, timeout)
		}
		p, _ := res.Output.(*output.Prepared)
		if p == nil {
			var err error
			if p, err = run.Prepare(d); err != nil {
				return fe, err
			}
		}
		if err := run.Write(d, p); err != nil {
			return fe, err
		}
		fe.MinHash = p.MinHash
		m.Totals.Annotated++
		m.Totals.TextBytes += int64(len(d.Text))
		m.Totals.Entities += len(d.Entities)
		m.Totals.Takeaways += len(d.Takeaways)
		m.Totals.Estimative += len(d.Estimative)
	}
	account(m, fe)
	return fe, nil
}

// failure says why a report failed; a give-up names the limit that ended
// it, so the user knows which flag to raise.
func failure(res pipeline.Result, timeout time.Duration) string {
	if errors.Is(res.Err, context.DeadlineExceeded) && timeout > 0 {
		return fmt.Sprintf("%s: gave up after --timeout %s", res.Step, timeout)
	}
	return fmt.Sprintf("%s: %v", res.Step, res.Err)
}

func shardOption(o Options) string {
	if o.Shards == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", o.Shard, o.Shards)
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

// peakRSS is the process's peak resident set size so far, in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss * 1024 // Linux reports kilobytes
}

// Documents annotates the corpus folder o.Corpus in memory, writing no
// output: fn gets each annotated document in corpus order, failed each
// file that could not be read or annotated (skipped files are left out).
func Documents(ctx context.Context, o Options, fn func(*pipeline.Document), failed func(id string, err error)) error {
	stages, err := Stages(o)
	if err != nil {
		return fmt.Errorf("load models: %w", err)
	}
	entries, err := corpus.Walk(o.Corpus, corpus.WalkOptions{MaxBytes: o.MaxBytes})
	if err != nil {
		return err
	}
	items := make([]pipeline.Item, len(entries))
	pdf := PDFOptions(o)
	for i, e := range entries {
		items[i] = pipeline.Item{ID: e.ID, Load: loader(e, nil, false, pdf)}
	}
	r := &pipeline.Runner{Stages: stages, Workers: o.Workers, DocTimeout: o.Timeout}
	return r.Run(ctx, items, func(res pipeline.Result) error {
		var se *corpus.SkipError
		switch {
		case res.Doc != nil:
			fn(res.Doc)
		case !errors.As(res.Err, &se):
			failed(res.ID, res.Err)
		}
		return nil
	})
}

// stdinEntry reads the report on o.Stdin into a file in dir: one entry,
// named o.Name (default "stdin" with the extension of its sniffed format),
// with no file time (nothing says when it was written).
func stdinEntry(o Options, dir string) ([]corpus.Entry, error) {
	if o.Stdin == nil {
		return nil, errors.New("stdin: no input")
	}
	maxBytes := o.MaxBytes
	if maxBytes <= 0 {
		maxBytes = corpus.DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(o.Stdin, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read stdin: %w", err)
	}
	if len(data) == 0 {
		return nil, errors.New("stdin: empty: nothing to annotate")
	}
	name := o.Name
	if name == "" {
		name = "stdin." + corpus.Sniff(data)
	}
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("--name %q: want a file name (no folders, not hidden)", name)
	}
	e := corpus.Entry{ID: name, Path: filepath.Join(dir, name), Bytes: int64(len(data)), Format: corpus.FormatOf(name)}
	switch {
	case int64(len(data)) > maxBytes:
		e.Format, e.Skip = "", fmt.Sprintf("larger than --max-bytes %d", maxBytes)
	case e.Format == "":
		return nil, fmt.Errorf("--name %q: its extension names no report format (.txt, .md, .html, .pdf)", name)
	}
	if err := os.WriteFile(e.Path, data, 0o600); err != nil {
		return nil, err
	}
	return []corpus.Entry{e}, nil
}
