package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/pipeline"
)

// rec is a small record for the encoder and writer tests.
func rec(id, text string) *pipeline.Document {
	d := &pipeline.Document{ID: id, Title: id, Text: text, Source: pipeline.Source{Path: id, Format: "txt", Bytes: int64(len(text))},
		Entities: []pipeline.Entity{{Start: 0, End: 4, Text: text[:4], Label: "GROUP"}}}
	d.Normalize()
	return d
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
	for _, tt := range []struct {
		name string
		doc  *pipeline.Document
	}{
		{"tokens", rec("a", "ISKP struck; it \"tokens\":null said <b> & é.")},
		{"no tokens", func() *pipeline.Document { d := rec("b", "ISKP struck again today."); d.Tokens = nil; return d }()},
	} {
		if tt.doc.Tokens != nil {
			tt.doc.Tokens = pipeline.Tokens{{Start: 0, End: 4}, {Start: 5, End: 11, Tag: "VBD"}}
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(tt.doc); err != nil {
			t.Fatal(err)
		}
		got, err := EncodeRecord(tt.doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, want.Bytes())
		}
	}
}

// TestReportsInSink: report files are the same whether the workers (in
// Prepare) or the sink (in Write) write them, and exist only after Commit.
func TestReportsInSink(t *testing.T) {
	docs := []*pipeline.Document{rec("a/one.txt", "ISKP will possibly strike Kabul."), rec("b.txt", "ISKP and possibly others.")}
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
	d := rec("bench.txt", "ISKP will possibly strike Kabul.")
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

// TestSpliceDuplicateOf: splicing duplicate_of into a record's JSON gives
// the bytes encoding the record with it would, whatever the fields before
// the text hold.
func TestSpliceDuplicateOf(t *testing.T) {
	text := "ISKP will possibly strike Kabul."
	d := &pipeline.Document{ID: "b & <c>.txt", Text: text, Source: pipeline.Source{Path: "b & <c>.txt", Format: "txt", SHA256: strings.Repeat("a", 64), Bytes: int64(len(text))},
		Entities: []pipeline.Entity{{Start: 0, End: 4, Text: "ISKP", Label: "GROUP"}}}
	d.Normalize()
	d.Title = `a "text": {title} with \\ and [brackets]`
	d.Meta = map[string]string{"text": `"text":"x"`, "a": "}"}
	d.Site = "Institute for the Study of War"
	plain, err := EncodeRecord(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, of := range []string{"a.txt", `odd "id" & <x>/ü.txt`} {
		d.DuplicateOf = of
		want, err := EncodeRecord(d)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := spliceDuplicateOf(plain, of)
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("splice %q:\n got %s\nwant %s", of, got, want)
		}
	}
	d.DuplicateOf = ""
	if _, ok := spliceDuplicateOf([]byte(`{"id":"x","meta":{"text":"y"}}`), "a"); ok {
		t.Error("spliced into a record without a top-level text")
	}
}
