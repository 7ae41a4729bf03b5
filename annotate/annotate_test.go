package annotate_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

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
