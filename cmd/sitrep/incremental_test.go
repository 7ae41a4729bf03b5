package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/internal/bigtable"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
)

// copyExamples copies the example corpus into a fresh folder.
func copyExamples(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir("../../corpus/examples", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("../../corpus/examples", p)
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, raw, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func manifestOf(t *testing.T, out string) *output.Manifest {
	t.Helper()
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestIncrementalRuns(t *testing.T) {
	corpus := copyExamples(t)
	out := filepath.Join(t.TempDir(), "out")
	annotateOK := func(extra ...string) *output.Manifest {
		t.Helper()
		if code, _, errs := sitrep(t, append([]string{"annotate", "-q", corpus, "-o", out}, extra...)...); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if code, o, _ := sitrep(t, "validate", out); code != 0 {
			t.Fatalf("validate: %s", o)
		}
		return manifestOf(t, out)
	}
	first := annotateOK()
	firstJSONL, _ := os.ReadFile(filepath.Join(out, output.JSONLName))
	if first.Totals.Annotated != 7 {
		t.Fatalf("first run annotated %d, want 7", first.Totals.Annotated)
	}
	if m := annotateOK(); m.Totals.Annotated != 0 || m.Totals.Records != 7 {
		t.Errorf("no-change run annotated %d of %d, want 0 of 7", m.Totals.Annotated, m.Totals.Records)
	}
	again, _ := os.ReadFile(filepath.Join(out, output.JSONLName))
	if string(again) != string(firstJSONL) {
		t.Error("a no-change run changed annotations.jsonl")
	}
	touched := filepath.Join(corpus, "threat", "border-brief-no-summary.txt")
	f, _ := os.OpenFile(touched, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\nA new paragraph about Kandahar.\n")
	f.Close()
	if m := annotateOK(); m.Totals.Annotated != 1 {
		t.Errorf("touching one report re-annotated %d, want 1", m.Totals.Annotated)
	}
	if code, o, _ := sitrep(t, "search", out, "kandahar"); code != 0 || !strings.Contains(o, "border-brief-no-summary.txt") {
		t.Errorf("the changed report is not searchable by its new text: %s", o)
	}
	must(t, os.Remove(filepath.Join(corpus, "cti", "loader-campaign-indicators.txt")))
	m := annotateOK()
	if m.Totals.Annotated != 0 || m.Totals.Records != 6 {
		t.Errorf("after a deletion: annotated %d, records %d; want 0 and 6", m.Totals.Annotated, m.Totals.Records)
	}
	if _, err := os.Stat(filepath.Join(out, "reports", "cti", "loader-campaign-indicators.txt.json")); !os.IsNotExist(err) {
		t.Errorf("the deleted report's JSON survived: %v", err)
	}
	if code, o, _ := sitrep(t, "search", "--json", out, "entity:TA505"); code != 0 || strings.Contains(o, "loader-campaign") {
		t.Errorf("the deleted report is still in the index: %s", o)
	}
	if m := annotateOK("--force"); m.Totals.Annotated != 6 {
		t.Errorf("--force annotated %d, want 6", m.Totals.Annotated)
	}
	if m := annotateOK("--takeaways", "3"); m.Totals.Annotated != 6 {
		t.Errorf("changing an option annotated %d, want all 6 (the fingerprint changed)", m.Totals.Annotated)
	}
}

// cancelAfter is a stage that cancels the run after n documents.
type cancelAfter struct {
	mu     sync.Mutex
	n      int
	cancel context.CancelFunc
}

func (*cancelAfter) Name() string { return "cancel" }
func (c *cancelAfter) Process(context.Context, *pipeline.Document) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n--; c.n <= 0 {
		c.cancel()
	}
	return nil
}

func TestInterruptIsResumable(t *testing.T) {
	corpus := copyExamples(t)
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	extend := func(s []pipeline.Stage) []pipeline.Stage { return append(s, &cancelAfter{n: 2, cancel: cancel}) }
	_, err := annotate.Run(ctx, annotate.Options{Corpus: corpus, Out: out, Workers: 1, Scale: "icd203", Derive: 5, Quiet: true, Extend: extend}, os.Stderr)
	if !errors.Is(err, context.Canceled) || exitCode(ctx, err) != exitInterrupted {
		t.Fatalf("err = %v (exit %d), want an interruption (exit 130)", err, exitCode(ctx, err))
	}
	m := manifestOf(t, out)
	pending := 0
	for _, f := range m.Files {
		if f.Status == output.StatusPending {
			pending++
		}
	}
	if m.Totals.Records == 0 || pending == 0 || m.Totals.Records+pending != 7 {
		t.Fatalf("after the interrupt: %d records, %d pending; want some of each, 7 in all", m.Totals.Records, pending)
	}
	if code, o, _ := sitrep(t, "validate", out); code != 0 {
		t.Fatalf("the interrupted output is not valid: %s", o)
	}
	done := m.Totals.Records
	if code, _, errs := sitrep(t, "annotate", "-q", corpus, "-o", out); code != 0 {
		t.Fatal(errs)
	}
	m = manifestOf(t, out)
	if m.Totals.Records != 7 || m.Totals.Annotated != 7-done {
		t.Errorf("resumed run: %d records, %d annotated; want 7 and %d", m.Totals.Records, m.Totals.Annotated, 7-done)
	}
}

func TestSecondWriterFails(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	lock, err := output.AcquireLock(out)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	code, _, errs := sitrep(t, "annotate", "-q", "../../corpus/examples", "-o", out)
	if code != exitFailure || !strings.Contains(errs, "locked") || !strings.Contains(errs, "pid") {
		t.Errorf("exit %d, stderr %q; want a failure naming the lock holder", code, errs)
	}
}

// collectorProbe is a stage that reads the collector's settings while the run goes on.
type collectorProbe struct {
	mu             sync.Mutex
	gogc, memLimit uint64
	mapped         int64 // bytes of the model's tables outside the heap
}

func (*collectorProbe) Name() string { return "collector-probe" }
func (p *collectorProbe) Process(context.Context, *pipeline.Document) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gogc, p.memLimit = collectorSettings()
	p.mapped = bigtable.Mapped()
	return nil
}

func collectorSettings() (gogc, memLimit uint64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

// TestCollectorSettings: annotate runs with its own GOGC and memory limit
// (less the model's tables outside the heap) and restores the process's
// afterwards; the environment's GOGC and GOMEMLIMIT win.
func TestCollectorSettings(t *testing.T) {
	corpus := copyExamples(t)
	before, beforeLimit := collectorSettings()
	for _, tt := range []struct {
		name      string
		env       bool
		wantGOGC  uint64
		wantLimit uint64
	}{
		{"flags", false, 250, 200 << 20},
		{"environment wins", true, before, beforeLimit},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env {
				// The runtime read these at start; annotate must leave them alone.
				t.Setenv("GOGC", "150")
				t.Setenv("GOMEMLIMIT", "1GiB")
			}
			probe := &collectorProbe{}
			o := annotate.Options{Corpus: corpus, Out: filepath.Join(t.TempDir(), "out"), Workers: 1, NoIndex: true,
				Scale: "icd203", Derive: 5, Quiet: true, GCPercent: 250, MemLimit: 200 << 20,
				Extend: func(s []pipeline.Stage) []pipeline.Stage { return append(s, probe) }}
			if _, err := annotate.Run(context.Background(), o, os.Stderr); err != nil {
				t.Fatal(err)
			}
			want := tt.wantLimit
			if !tt.env {
				want -= uint64(probe.mapped)
			}
			if probe.gogc != tt.wantGOGC || probe.memLimit != want {
				t.Errorf("during the run: GOGC %d, limit %d; want %d, %d (%d bytes of tables outside the heap)", probe.gogc, probe.memLimit, tt.wantGOGC, want, probe.mapped)
			}
			if g, l := collectorSettings(); g != before || l != beforeLimit {
				t.Errorf("after the run: GOGC %d, limit %d; want them restored to %d, %d", g, l, before, beforeLimit)
			}
		})
	}
}
