// Package annotate owns the annotate run: its options, the one default stage
// chain, the fingerprint that decides whether a previous record can be
// reused, and Run, which takes a corpus folder through the pipeline into an
// output folder (crash-safe, incremental). cmd/sitrep turns flags into
// Options; the shard and queue-worker modes are to reuse Run.
package annotate

import (
	"io"
	"time"

	"github.com/sitrep/sitrep/pipeline"
)

// Version is the sitrep version, written into every manifest and part of
// the fingerprint.
const Version = "0.4.0"

// Options are the choices of one annotate run.
type Options struct {
	Corpus     string    // a folder, one file, or "-" for Stdin
	Stdin      io.Reader // the report when Corpus is "-"
	Name       string    // the record id of a report read from Stdin (its extension names the format; default: sniffed)
	Out        string
	Workers    int
	NoIndex    bool
	Scale      string // probability yardstick written to low/high: icd203 or phia
	Derive     int    // takeaways to derive when a report has none
	MaxBytes   int64
	Gazetteers []string
	Model      string // model directory; "" the shipped model, "none" no model
	Merge      string // how model entities meet gazetteer ones: fill, override, arbiter
	KeepBoiler bool   // annotate page furniture too
	NoOCR      bool   // do not OCR scanned PDF pages even when tesseract is on PATH
	Tag        bool   // part-of-speech tags
	Quiet      bool
	Force      bool
	Timeout    time.Duration
	MaxTokens  int
	MemLimit   int64
	GCPercent  int
	// IDs, when set, annotates only these reports of the corpus (the queue
	// worker's batch) and keeps every other record of OUT as it is, without
	// reading its file again; reports neither listed nor in OUT are left out.
	IDs map[string]bool
	// Shard and Shards select the reports of shard Shard of Shards (see
	// ShardOf); Shards 0 annotates every report.
	Shard, Shards int
	// Clock, when set, replaces time.Now for the run's start and finish
	// times in the manifest; records never read it (tests inject two clocks
	// and compare records byte for byte).
	Clock func() time.Time
	// Extend, when set, is given the default chain and returns the chain to
	// run (tests add a stage that cancels or probes).
	Extend func([]pipeline.Stage) []pipeline.Stage
}

// The collector's defaults for annotate. With GOGC's default of 100 the
// collector ran 433 times on 10,010 reports and took 9.3 s of 121 s of CPU
// (gctrace); at 400 it ran 103 times for 1.9 s, and the memory limit, not the
// corpus, sets the peak: about 325 MB whatever the corpus size. The limit keeps
// that under the 400 MB budget with room for Bleve's mapped files.
const (
	DefaultGCPercent = 400
	DefaultMemLimit  = "300MiB"
)
