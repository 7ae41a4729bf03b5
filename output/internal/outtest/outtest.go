// Package outtest holds the test helpers of the output packages: a small
// record and a committed run of records.
package outtest

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/validate"
	"github.com/sitrep/sitrep/pipeline"
)

// Doc is a record with one GROUP entity (its first four bytes) and one hedge
// (bytes 10-16).
func Doc(id, text string) *pipeline.Document {
	d := &pipeline.Document{ID: id, Title: "T " + id, Text: text,
		Source:     pipeline.Source{Path: id, Format: "txt", SHA256: strings.Repeat("a", 64), Bytes: int64(len(text))},
		Entities:   []pipeline.Entity{{Start: 0, End: 4, Text: text[:4], Label: "GROUP", ID: "ca-listed:37", Name: "Islamic State Khorasan Province"}},
		Estimative: []pipeline.Estimate{{Start: 10, End: 16, Text: text[10:16], Kind: "hedge", Category: "possible"}}}
	d.Normalize()
	return d
}

// WriteRun commits one run of docs into dir.
func WriteRun(t *testing.T, dir string, docs ...*pipeline.Document) {
	t.Helper()
	w, err := output.Begin(dir, output.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := &output.Manifest{Tool: "sitrep"}
	for _, d := range docs {
		if err := w.Write(d, nil); err != nil {
			t.Fatal(err)
		}
		m.Files = append(m.Files, output.FileEntry{ID: d.ID, Status: output.StatusOK, Format: "txt"})
	}
	if err := w.Commit(m); err != nil {
		t.Fatal(err)
	}
}

// ValidProblems validates OUT dir and returns its problems as "where: what".
func ValidProblems(t *testing.T, dir string) []string {
	t.Helper()
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	_, problems, err := v.ValidateDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range problems {
		out = append(out, p.Where+": "+p.Err)
	}
	return out
}
