package output_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/internal/outtest"
	"github.com/sitrep/sitrep/output/validate"
)

func TestKeepReusesRecords(t *testing.T) {
	dir := t.TempDir()
	outtest.WriteRun(t, dir, outtest.Doc("a.txt", "ISKP will possibly strike Kabul."), outtest.Doc("b.txt", "ISKP and possibly others."), outtest.Doc("c.txt", "ISKP and possibly more."))
	before, _ := os.ReadFile(filepath.Join(dir, output.JSONLName))
	r, err := output.Begin(dir, output.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a.txt", "c.txt"} {
		if _, ok := r.Reusable(id); !ok {
			t.Fatalf("Reusable(%s) = false", id)
		}
		if err := r.Keep(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Keep("b.txt"); err == nil {
		t.Error("Keep out of order succeeded")
	}
	if err := r.Commit(&output.Manifest{Files: []output.FileEntry{{ID: "a.txt", Status: output.StatusOK}, {ID: "c.txt", Status: output.StatusOK}}}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, output.JSONLName))
	lines := bytes.Split(bytes.TrimSpace(before), []byte("\n"))
	want := append(append(append([]byte{}, lines[0]...), '\n'), append(lines[2], '\n')...)
	if !bytes.Equal(after, want) {
		t.Errorf("kept records differ:\\n%s\\nwant\\n%s", after, want)
	}
	v, _ := validate.New()
	if n, problems, err := v.ValidateDir(dir); err != nil || n != 2 || len(problems) > 0 {
		t.Errorf("after keep: %d records, %v, %v", n, problems, err)
	}
}

func TestLockOneWriter(t *testing.T) {
	dir := t.TempDir()
	r1, err := output.Begin(dir, output.RunOptions{NoIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = output.Begin(dir, output.RunOptions{NoIndex: true})
	if !errors.Is(err, output.ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) {
		t.Fatalf("second writer: err = %v, want output.ErrLocked naming pid %d", err, os.Getpid())
	}
	r1.Abort()
	r2, err := output.Begin(dir, output.RunOptions{NoIndex: true})
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	r2.Abort()
}

func TestReportPath(t *testing.T) {
	for _, tt := range []struct {
		id string
		ok bool
	}{{"isw/a.txt", true}, {"a.txt", true}, {"../etc/passwd", false}, {"a/../../b", false}, {"/abs", false}, {"", false}, {"a//b", false}} {
		_, err := output.ReportPath("/out/reports", tt.id)
		if (err == nil) != tt.ok {
			t.Errorf("output.ReportPath(%q): err %v, want ok=%v", tt.id, err, tt.ok)
		}
	}
}

// TestInterruptedForceRun: a --force run interrupted while a worker had
// written a new report file for a record that is then kept (it was never
// handed to the sink) commits the kept record, with no ".new" litter; a
// commit that fails leaves the previous output and no litter either.
func TestInterruptedForceRun(t *testing.T) {
	dir := t.TempDir()
	outtest.WriteRun(t, dir, outtest.Doc("a.txt", "ISKP will possibly strike Kabul."), outtest.Doc("b.txt", "The Taliban possibly respond."))
	before, _ := os.ReadFile(filepath.Join(dir, output.JSONLName))
	r, err := output.Begin(dir, output.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// a.txt is annotated again and written; a worker's Prepare writes
	// reports.new/b.txt.json of a new record; the interrupt comes, and the
	// run keeps b.txt's previous record.
	if err := r.Write(outtest.Doc("a.txt", "ISKP will possibly strike Kabul again."), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Prepare(outtest.Doc("b.txt", "The Taliban possibly respond again.")); err != nil {
		t.Fatal(err)
	}
	if err := r.Keep("b.txt"); err != nil {
		t.Fatalf("keep b.txt after an interrupted worker: %v", err)
	}
	if err := r.Commit(&output.Manifest{Files: []output.FileEntry{{ID: "a.txt", Status: output.StatusOK}, {ID: "b.txt", Status: output.StatusOK}}}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, output.JSONLName))
	if i := bytes.IndexByte(before, '\n'); !bytes.HasSuffix(after, before[i+1:]) {
		t.Error("the kept record of b.txt changed")
	}
	v, _ := validate.New()
	if n, problems, err := v.ValidateDir(dir); err != nil || n != 2 || len(problems) > 0 {
		t.Errorf("after the interrupted run: %d records, %v, %v", n, problems, err)
	}
	noLitter := func(when string) {
		t.Helper()
		names, _ := filepath.Glob(filepath.Join(dir, "*.new"))
		olds, _ := filepath.Glob(filepath.Join(dir, "*.old"))
		if len(names)+len(olds) > 0 {
			t.Errorf("%s: litter %v %v", when, names, olds)
		}
	}
	noLitter("after an interrupted run")

	// A commit that fails (a kept record's report file is gone, so it
	// cannot be linked) removes what the run wrote; the previous manifest
	// stays.
	manifest, _ := os.ReadFile(filepath.Join(dir, output.ManifestName))
	r, err = output.Begin(dir, output.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Keep("a.txt"); err != nil {
		t.Fatal(err)
	}
	if err := r.Write(outtest.Doc("c.txt", "ISKP again possibly."), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, output.ReportsDir, "a.txt.json")); err != nil {
		t.Fatal(err)
	}
	if err := r.Commit(&output.Manifest{Files: []output.FileEntry{{ID: "a.txt", Status: output.StatusOK}, {ID: "c.txt", Status: output.StatusOK}}}); err == nil {
		t.Fatal("a commit that cannot link a kept record succeeded")
	}
	noLitter("after a failed commit")
	if now, _ := os.ReadFile(filepath.Join(dir, output.ManifestName)); !bytes.Equal(now, manifest) {
		t.Error("a failed commit changed the manifest")
	}
	if _, err := output.Begin(dir, output.RunOptions{}); err != nil {
		t.Errorf("the lock was not released after a failed commit: %v", err)
	}
}
