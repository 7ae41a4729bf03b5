package annotate_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/validate"
	"github.com/sitrep/sitrep/pipeline"
)

// duplicatesOf annotates corpus into out and returns each record's duplicate_of.
func duplicatesOf(t *testing.T, corpus, out string) map[string]string {
	t.Helper()
	if _, err := annotate.Run(context.Background(), annotate.Options{Corpus: corpus, Out: out, Scale: "icd203", Quiet: true, Workers: 2}, io.Discard); err != nil {
		t.Fatal(err)
	}
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, problems, err := v.ValidateDir(out); err != nil || len(problems) > 0 {
		t.Fatalf("validate: %v %v", problems, err)
	}
	got := map[string]string{}
	err = output.Each(out, func(d *pipeline.Document) error {
		got[d.ID] = d.DuplicateOf
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestDuplicates: a report that repeats an earlier one (by id) names it in
// duplicate_of, whatever the white space, case or furniture around the
// text; a later run that adds an earlier copy, or removes the first,
// rewrites the records it concerns, as a fresh run would write them.
func TestDuplicates(t *testing.T) {
	body := strings.Repeat("Russian forces attacked Ukrainian positions near Bakhmut and Soledar on November 9 and made no confirmed gains. ", 4) +
		"ISKP will likely strike Kabul again before the end of the year, and the Taliban will likely fail to stop it."
	other := "The Taliban may respond to the attacks in Jalalabad with raids on ISKP safe houses in Nangarhar Province during the winter."
	corpus := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.txt", body)
	write("c.txt", "  "+strings.ReplaceAll(strings.ToUpper(body), " ", "\n ")+"\n") // same words
	write("d.txt", other)
	write("e.md", "# Daily brief\n\n"+body) // a heading more
	out := filepath.Join(t.TempDir(), "out")
	want := map[string]string{"b.txt": "", "c.txt": "b.txt", "d.txt": "", "e.md": "b.txt"}
	check := func(step string) {
		t.Helper()
		got := duplicatesOf(t, corpus, out)
		for id, w := range want {
			if got[id] != w {
				t.Errorf("%s: %s duplicate_of %q, want %q", step, id, got[id], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: records %v, want %v", step, got, want)
		}
	}
	check("first run")
	write("a.txt", body) // comes first: b.txt, unchanged, is now a copy
	want = map[string]string{"a.txt": "", "b.txt": "a.txt", "c.txt": "a.txt", "d.txt": "", "e.md": "a.txt"}
	check("an earlier copy added")
	fresh := filepath.Join(t.TempDir(), "fresh")
	duplicatesOf(t, corpus, fresh)
	for _, name := range []string{output.JSONLName} {
		a, _ := os.ReadFile(filepath.Join(out, name))
		b, _ := os.ReadFile(filepath.Join(fresh, name))
		if string(a) != string(b) {
			t.Errorf("%s after the re-run differs from a fresh run's", name)
		}
	}
	if err := os.Remove(filepath.Join(corpus, "a.txt")); err != nil {
		t.Fatal(err)
	}
	want = map[string]string{"b.txt": "", "c.txt": "b.txt", "d.txt": "", "e.md": "b.txt"}
	check("the first copy removed")
}

// TestGiveUpNamesTheLimit: a report abandoned at --timeout says so by name.
func TestGiveUpNamesTheLimit(t *testing.T) {
	corpus := t.TempDir()
	if err := os.WriteFile(filepath.Join(corpus, "a.txt"), []byte(strings.Repeat("ISKP will likely strike Kabul again. ", 2000)), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := annotate.Run(context.Background(), annotate.Options{Corpus: corpus, Out: filepath.Join(t.TempDir(), "out"), Scale: "icd203",
		Quiet: true, Workers: 1, NoIndex: true, Timeout: time.Nanosecond}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if f := m.Files[0]; f.Status != output.StatusError || !strings.Contains(f.Reason, "gave up after --timeout 1ns") {
		t.Errorf("a.txt: %s %q, want an error naming --timeout", f.Status, f.Reason)
	}
}
