package output

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/pipeline"
)

func doc(id, text string) *pipeline.Document {
	d := &pipeline.Document{ID: id, Title: "T " + id, Text: text,
		Source:     pipeline.Source{Path: id, Format: "txt", SHA256: strings.Repeat("a", 64), Bytes: int64(len(text))},
		Entities:   []pipeline.Entity{{Start: 0, End: 4, Text: text[:4], Label: "GROUP", ID: "ca-listed:37", Name: "Islamic State Khorasan Province"}},
		Estimative: []pipeline.Estimate{{Start: 10, End: 16, Text: text[10:16], Kind: "hedge", Category: "possible"}}}
	d.Normalize()
	return d
}

func writeRun(t *testing.T, dir string, docs ...*pipeline.Document) {
	t.Helper()
	w, err := Begin(dir, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Tool: "sitrep"}
	for _, d := range docs {
		if err := w.Write(d, nil); err != nil {
			t.Fatal(err)
		}
		m.Files = append(m.Files, FileEntry{ID: d.ID, Status: StatusOK, Format: "txt"})
	}
	if err := w.Commit(m); err != nil {
		t.Fatal(err)
	}
}

// validProblems validates OUT dir and returns its problems as "where: what".
func validProblems(t *testing.T, dir string) []string {
	t.Helper()
	v, err := NewValidator()
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

func TestWriteValidateSearch(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, dir, doc("a/one.txt", "ISKP will possibly strike Kabul."), doc("b.txt", "ISKP and possibly others."))
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	n, problems, err := v.ValidateDir(dir)
	if err != nil || n != 2 || len(problems) != 0 {
		t.Fatalf("validate: %d records, problems %v, err %v", n, problems, err)
	}
	res, err := Search(context.Background(), dir, SearchOptions{Query: "kabul"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != "a/one.txt" || !strings.Contains(strings.Join(res.Hits[0].Fragments["text"], ""), "<mark>Kabul</mark>") {
		t.Errorf("search kabul: %+v", res)
	}

	// A second run replaces the first entirely: b.txt disappears from every output.
	writeRun(t, dir, doc("a/one.txt", "ISKP will possibly strike Kabul."))
	if _, err := os.Stat(filepath.Join(dir, "reports", "b.txt.json")); !os.IsNotExist(err) {
		t.Errorf("reports/b.txt.json survived a run that no longer has it: %v", err)
	}
	res, err = Search(context.Background(), dir, SearchOptions{Query: "entity:iskp"})
	if err != nil || res.Total != 1 {
		t.Errorf("after the re-run the index holds %v hits (err %v), want 1", res.Total, err)
	}
	for _, leftover := range []string{"annotations.jsonl.new", "reports.new", "index.bleve.new", "reports.old"} {
		if _, err := os.Stat(filepath.Join(dir, leftover)); !os.IsNotExist(err) {
			t.Errorf("%s left behind", leftover)
		}
	}
}

func TestValidateFindsProblems(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, dir, doc("a.txt", "ISKP will possibly strike."), doc("b.txt", "ISKP and possibly others."))
	p := filepath.Join(dir, JSONLName)
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(raw), []byte("\n"))
	// Break an offset in the first record and swap the order of the two records.
	lines[0] = bytes.Replace(lines[0], []byte(`"text":"ISKP","label"`), []byte(`"text":"ISIS","label"`), 1)
	lines[0], lines[1] = lines[1], lines[0]
	if err := os.WriteFile(p, append(bytes.Join(lines, []byte("\n")), '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(validProblems(t, dir), "\n")
	for _, want := range []string{`text "ISIS" != text[0:4] "ISKP"`, "ids not sorted", "differs from the JSON Lines record"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems do not mention %q:\n%s", want, joined)
		}
	}
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	if errs := v.Record([]byte(`{"id": "x"}`)); len(errs) == 0 || !strings.Contains(errs[0].Error(), "missing properties") {
		t.Errorf("schema accepted a record without its required fields: %v", errs)
	}
}

func TestReportPath(t *testing.T) {
	for _, tt := range []struct {
		id string
		ok bool
	}{{"isw/a.txt", true}, {"a.txt", true}, {"../etc/passwd", false}, {"a/../../b", false}, {"/abs", false}, {"", false}, {"a//b", false}} {
		_, err := ReportPath("/out/reports", tt.id)
		if (err == nil) != tt.ok {
			t.Errorf("ReportPath(%q): err %v, want ok=%v", tt.id, err, tt.ok)
		}
	}
}

func TestParseQuery(t *testing.T) {
	long := strings.Repeat("a", maxPatternBytes)
	for _, q := range []string{`entity:"unclosed`, "text:/[/", "+", "0*" + long, "text:/" + long + ".*/"} {
		if _, err := ParseQuery(q); err == nil {
			t.Errorf("ParseQuery(%q) accepted a bad query", q)
		}
	}
	if _, err := ParseQuery(`+entity:ISKP -label:PERSON probability:>=0.5 kab* text:/af.*/`); err != nil {
		t.Errorf("good query rejected: %v", err)
	}
}

func TestLockOneWriter(t *testing.T) {
	dir := t.TempDir()
	r1, err := Begin(dir, RunOptions{NoIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Begin(dir, RunOptions{NoIndex: true})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) {
		t.Fatalf("second writer: err = %v, want ErrLocked naming pid %d", err, os.Getpid())
	}
	r1.Abort()
	r2, err := Begin(dir, RunOptions{NoIndex: true})
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	r2.Abort()
}

// TestSearchWhileWriting: a writer works on its own copy of the index, so
// readers of the committed one are never blocked.
func TestSearchWhileWriting(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, dir, doc("a.txt", "ISKP will possibly strike Kabul."))
	r, err := Begin(dir, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abort()
	if err := r.Write(doc("b.txt", "ISKP and possibly Kabul again."), nil); err != nil {
		t.Fatal(err)
	}
	res, err := Search(context.Background(), dir, SearchOptions{Query: "kabul"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search during a write: %v hits, err %v; want the committed 1", res, err)
	}
}

func TestKeepReusesRecords(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, dir, doc("a.txt", "ISKP will possibly strike Kabul."), doc("b.txt", "ISKP and possibly others."), doc("c.txt", "ISKP and possibly more."))
	before, _ := os.ReadFile(filepath.Join(dir, JSONLName))
	r, err := Begin(dir, RunOptions{})
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
	if err := r.Commit(&Manifest{Files: []FileEntry{{ID: "a.txt", Status: StatusOK}, {ID: "c.txt", Status: StatusOK}}}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, JSONLName))
	lines := bytes.Split(bytes.TrimSpace(before), []byte("\n"))
	want := append(append(append([]byte{}, lines[0]...), '\n'), append(lines[2], '\n')...)
	if !bytes.Equal(after, want) {
		t.Errorf("kept records differ:\\n%s\\nwant\\n%s", after, want)
	}
	v, _ := NewValidator()
	if n, problems, err := v.ValidateDir(dir); err != nil || n != 2 || len(problems) > 0 {
		t.Errorf("after keep: %d records, %v, %v", n, problems, err)
	}
}

func TestWriteIndentedMatchesJSONIndent(t *testing.T) {
	for _, src := range []string{`{"a":[1,2,{"b":"x,y:{z}\"q\\"}],"c":{},"d":[],"e":"ü\u2028"}`, `[]`, `{"id":"a","n":null,"t":true}`} {
		var want bytes.Buffer
		if err := json.Indent(&want, []byte(src), "", "  "); err != nil {
			t.Fatal(err)
		}
		want.WriteByte('\n')
		var got bytes.Buffer
		if err := writeIndented(&got, []byte(src), 0); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("writeIndented(%s) =\n%s\nwant\n%s", src, got.String(), want.String())
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{`+entity:ISKP -label:PERSON`, `entity:"Haqqani Network"`, `probability:>=0.5`, `text:/af.*/`, `title:>`, `"`, `a:b:c`} {
		f.Add(q)
	}
	dir := f.TempDir()
	w, err := Begin(dir, RunOptions{})
	if err != nil {
		f.Fatal(err)
	}
	if err := w.Write(doc("a.txt", "ISKP will possibly strike Kabul."), nil); err != nil {
		f.Fatal(err)
	}
	if err := w.Commit(&Manifest{Files: []FileEntry{{ID: "a.txt", Status: StatusOK}}}); err != nil {
		f.Fatal(err)
	}
	idx, err := OpenIndex(filepath.Join(dir, IndexDir))
	if err != nil {
		f.Fatal(err)
	}
	defer idx.Close()
	f.Fuzz(func(t *testing.T, q string) {
		// Any query either runs or is reported as a bad query: never a panic or another error.
		_, err := (&Searcher{Dir: dir, Index: idx}).Search(context.Background(), SearchOptions{Query: q, Limit: 5})
		if err != nil && !errors.Is(err, ErrBadQuery) {
			t.Fatalf("query %q: %v", q, err)
		}
	})
}

func TestWriteIndentedDepth(t *testing.T) {
	var got bytes.Buffer
	if err := writeIndented(&got, []byte(`{"id":"a","tokens":[{"start":0,"end":4},{"start":5,"end":9}],"e":[]}`), 2); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"id\": \"a\",\n  \"tokens\": [\n    {\"start\":0,\"end\":4},\n    {\"start\":5,\"end\":9}\n  ],\n  \"e\": []\n}\n"
	if got.String() != want {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want)
	}
}

// TestEncodeRecord: the spliced encoding is byte for byte what encoding/json
// writes, whatever the text holds.
func TestEncodeRecord(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  *pipeline.Document
	}{
		{"tokens", doc("a", "ISKP struck; it \"tokens\":null said <b> & é.")},
		{"no tokens", func() *pipeline.Document { d := doc("b", "ISKP struck again today."); d.Tokens = nil; return d }()},
	} {
		if tc.doc.Tokens != nil {
			tc.doc.Tokens = pipeline.Tokens{{Start: 0, End: 4}, {Start: 5, End: 11, Tag: "VBD"}}
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(tc.doc); err != nil {
			t.Fatal(err)
		}
		got, err := EncodeRecord(tc.doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, want.Bytes())
		}
	}
}

// TestReportsInSink: report files are the same whether the workers (in
// Prepare) or the sink (in Write) write them, and exist only after Commit.
func TestReportsInSink(t *testing.T) {
	docs := []*pipeline.Document{doc("a/one.txt", "ISKP will possibly strike Kabul."), doc("b.txt", "ISKP and possibly others.")}
	read := func(inSink bool) map[string]string {
		dir := t.TempDir()
		w, err := Begin(dir, RunOptions{NoIndex: true, ReportsInSink: inSink})
		if err != nil {
			t.Fatal(err)
		}
		m := &Manifest{Tool: "sitrep"}
		for _, d := range docs {
			p, err := w.Prepare(d)
			if err != nil {
				t.Fatal(err)
			}
			path, _ := ReportPath(filepath.Join(dir, ReportsDir+newSuffix), d.ID)
			if _, err := os.Stat(path); (err == nil) == inSink {
				t.Errorf("inSink %v: report of %s written by Prepare: %v", inSink, d.ID, err == nil)
			}
			if err := w.Write(d, p); err != nil {
				t.Fatal(err)
			}
			m.Files = append(m.Files, FileEntry{ID: d.ID, Status: StatusOK, Format: "txt"})
		}
		if err := w.Commit(m); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, d := range docs {
			path, _ := ReportPath(filepath.Join(dir, ReportsDir), d.ID)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			out[d.ID] = string(b)
		}
		return out
	}
	workers, sink := read(false), read(true)
	if fmt.Sprint(workers) != fmt.Sprint(sink) || len(sink) != 2 {
		t.Errorf("reports differ:\nworkers %v\nsink    %v", workers, sink)
	}
}

// FuzzWriteIndented: for any JSON, indenting keeps the value byte for byte
// (compacting the output gives the compacted input back), matches
// json.Indent without a depth limit, puts nothing deeper than maxDepth on a
// line of its own, and copying one-line values whole changes nothing.
func FuzzWriteIndented(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":"x,y:{z}\"q\\"}],"c":{},"d":[],"e":"ü\u2028"}`, `[[[[]]]]`, `[["\"]"]]`, `{"t":[{"s":0,"e":4}, {"s":"]\\\"","e":[ 1 ]}]}`, `"x"`, `1`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(s)); err != nil {
			t.Fatal(err)
		}
		for k, in := range [][]byte{compact.Bytes(), []byte(s)} {
			for depth := 0; depth <= 3; depth++ {
				var out, back bytes.Buffer
				if err := writeIndented(&out, in, depth); err != nil {
					t.Fatal(err)
				}
				if err := json.Compact(&back, out.Bytes()); err != nil || !bytes.Equal(back.Bytes(), compact.Bytes()) {
					t.Fatalf("depth %d: %q indented to %q, which compacts to %q (%v)", depth, in, out.Bytes(), back.Bytes(), err)
				}
				var slow bytes.Buffer
				if err := indent(&slow, in, depth, false); err != nil || !bytes.Equal(out.Bytes(), slow.Bytes()) {
					t.Fatalf("depth %d: %q indented to %q, byte by byte to %q", depth, in, out.Bytes(), slow.Bytes())
				}
				if depth == 0 && k == 0 { // json.Indent keeps some of the input's whitespace
					var want bytes.Buffer
					_ = json.Indent(&want, compact.Bytes(), "", "  ")
					want.WriteByte('\n')
					if !bytes.Equal(out.Bytes(), want.Bytes()) {
						t.Fatalf("%q: got %q, json.Indent %q", in, out.Bytes(), want.Bytes())
					}
				}
				for _, line := range strings.Split(out.String(), "\n") {
					if depth > 0 && len(line)-len(strings.TrimLeft(line, " ")) > 2*depth {
						t.Fatalf("depth %d: line %q is nested deeper", depth, line)
					}
				}
			}
		}
	})
}

// BenchmarkWriteIndented indents a record of 5,000 tagged tokens, the
// shape of a 30 KB report's (tokens are most of a record).
func BenchmarkWriteIndented(b *testing.B) {
	var text strings.Builder
	d := doc("bench.txt", "ISKP will possibly strike Kabul.")
	for i := range 5000 {
		start := text.Len()
		fmt.Fprintf(&text, "word%d ", i)
		d.Tokens = append(d.Tokens, pipeline.Token{Start: start, End: text.Len() - 1, Tag: "NN"})
	}
	d.Text = text.String()
	src, err := EncodeRecord(d)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if err := writeIndented(io.Discard, src, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSyncFS(t *testing.T) {
	if err := syncFS(t.TempDir()); err != nil {
		t.Errorf("syncFS(a folder) = %v", err)
	}
	missing := filepath.Join(t.TempDir(), "missing")
	if err := syncFS(missing); runtime.GOOS == "linux" && (err == nil || !strings.Contains(err.Error(), missing)) {
		t.Errorf("syncFS(a missing folder) = %v, want an error naming it", err)
	}
}
