package annotate_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/pipeline"
)

// TestFingerprint: options that shape a record change the fingerprint (and
// so re-annotate every report); options that only shape the run do not.
func TestFingerprint(t *testing.T) {
	base := annotate.Options{Scale: "icd203", Derive: 5}
	fp := func(o annotate.Options) string {
		t.Helper()
		s, err := annotate.Fingerprint(o)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	want := fp(base)
	tests := []struct {
		name string
		edit func(*annotate.Options)
		same bool
	}{
		{"workers", func(o *annotate.Options) { o.Workers = 7 }, true},
		{"quiet and force", func(o *annotate.Options) { o.Quiet, o.Force = true, true }, true},
		{"scale", func(o *annotate.Options) { o.Scale = "phia" }, false},
		{"derived takeaways", func(o *annotate.Options) { o.Derive = 0 }, false},
		{"part-of-speech tags", func(o *annotate.Options) { o.Tag = true }, false},
		{"merge mode", func(o *annotate.Options) { o.Merge = "fill" }, false},
		{"no model", func(o *annotate.Options) { o.Model = "none" }, false},
	}
	for _, tt := range tests {
		o := base
		tt.edit(&o)
		if got := fp(o); (got == want) != tt.same {
			t.Errorf("%s: fingerprint same = %v, want %v", tt.name, got == want, tt.same)
		}
	}
}

// TestDocuments annotates a folder in memory: documents in corpus order,
// unreadable files reported, skipped ones left out.
func TestDocuments(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a.txt": "ISKP will likely strike Kabul.", "b/c.md": "# Brief\n\nThe Taliban may respond.", "d.bin": "\x00\x01"}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	var failed []string
	err := annotate.Documents(context.Background(), annotate.Options{Corpus: dir, Scale: "icd203"},
		func(d *pipeline.Document) { ids = append(ids, d.ID) },
		func(id string, err error) { failed = append(failed, id) })
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || ids[0] != "a.txt" || ids[1] != "b/c.md" || len(failed) != 0 {
		t.Errorf("documents %v, failed %v; want a.txt and b/c.md, none failed", ids, failed)
	}
}

// TestNoWallClock: annotation never reads the current time. The same corpus
// annotated under two clocks 30 years apart gives byte-identical records,
// relative dates included ("yesterday", "last week", a year-less "March 3").
func TestNoWallClock(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"isw_2022-03-12.txt": "Assessment, March 12\n\nRussian forces attacked yesterday and on March 3. They will resume next week. The same day, ISKP struck.",
		"undated.txt":        "Note\n\nThe group struck on Tuesday and last month; it may strike again on November 2.",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var outs [2][]byte
	for i, year := range []int{2001, 2031} {
		out := filepath.Join(t.TempDir(), "out")
		clock := func() time.Time { return time.Date(year, 6, 15, 12, 0, 0, 0, time.UTC) }
		m, err := annotate.Run(context.Background(), annotate.Options{Corpus: dir, Out: out, Scale: "icd203", NoIndex: true, Quiet: true, Workers: 1, Clock: clock}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if m.Started.Year() != year {
			t.Errorf("manifest started %v: the clock was not used", m.Started)
		}
		if outs[i], err = os.ReadFile(filepath.Join(out, "annotations.jsonl")); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Errorf("records differ under two clocks:\n%s\n---\n%s", outs[0], outs[1])
	}
	if !bytes.Contains(outs[0], []byte(`"text":"yesterday","type":"DATE","value":"2022-03-11"`)) {
		t.Errorf("records lack the resolved timex of the dated report:\n%s", outs[0])
	}
}
