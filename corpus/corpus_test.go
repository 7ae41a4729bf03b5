package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/pipeline"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name      string
		give      []byte
		want      string
		wantNotes int
		skip      bool
	}{
		{"clean UTF-8 stays byte-identical", []byte("ISKP’s “likely” attack\n"), "ISKP’s “likely” attack\n", 0, false},
		{"BOM removed", []byte("\xef\xbb\xbfHello"), "Hello", 1, false},
		{"CRLF and CR normalised", []byte("a\r\nb\rc"), "a\nb\nc", 1, false},
		{"UTF-16LE with BOM", []byte{0xFF, 0xFE, 'H', 0, 'i', 0, 0x19, 0x20}, "Hi’", 1, false},
		{"UTF-16BE with BOM", []byte{0xFE, 0xFF, 0, 'H', 0, 'i'}, "Hi", 1, false},
		{"Windows-1252", []byte("\x93quoted\x94 \x97 caf\xe9"), "“quoted” — café", 1, false},
		{"invalid UTF-8 replaced", []byte("ok \xe2\x80 ok ’"), "ok \ufffd ok ’", 1, false},
		{"binary", []byte("MZ\x00\x00\x03"), "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes, err := Decode(tt.give)
			if tt.skip {
				if !errors.Is(err, ErrSkipped) {
					t.Fatalf("err = %v, want a skip", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || len(notes) != tt.wantNotes {
				t.Errorf("Decode = %q %v, want %q with %d notes", got, notes, tt.want, tt.wantNotes)
			}
		})
	}
}

// TestWalkHostileTree builds a folder of odd files and checks every one is
// accounted for with the right status.
func TestWalkHostileTree(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "A report.")
	write("b.md", "# B")
	write("sub/c.html", "<p>C</p>")
	write("sub/d.json", "{}")
	write(".hidden.txt", "hidden")
	write("notes.txt~", "backup")
	write("big.txt", strings.Repeat("x", 2000))
	write("noext", "x")
	write(".git/config", "ignored folder")
	write("out/annotations.jsonl", "excluded output folder")
	must(t, os.Symlink(filepath.Join(root, "sub"), filepath.Join(root, "link-to-dir")))
	must(t, os.Symlink(filepath.Join(root, "missing.txt"), filepath.Join(root, "broken.txt")))
	must(t, os.Symlink(filepath.Join(root, "loop.txt"), filepath.Join(root, "loop.txt")))
	must(t, os.Symlink(filepath.Join(root, "a.txt"), filepath.Join(root, "z-link.txt")))

	entries, err := Walk(root, WalkOptions{MaxBytes: 1000, Exclude: []string{filepath.Join(root, "out")}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		switch {
		case e.Err != nil:
			got = append(got, e.ID+" error")
		case e.Skip != "":
			got = append(got, e.ID+" skipped: "+e.Skip)
		default:
			got = append(got, e.ID+" "+e.Format)
		}
	}
	want := []string{
		".hidden.txt skipped: hidden file",
		"a.txt txt",
		"b.md md",
		"big.txt skipped: file of 2000 bytes is over --max-bytes 1000",
		"broken.txt error",
		"link-to-dir skipped: symlink to a directory (not followed)",
		"loop.txt error",
		"noext skipped: unsupported format (no extension)",
		"notes.txt~ skipped: editor back-up file",
		"sub/c.html html",
		"sub/d.json skipped: unsupported format .json",
		"z-link.txt txt",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk (-want +got):\n%s", diff)
	}
	if _, err := Walk(filepath.Join(root, "nope"), WalkOptions{}); err == nil {
		t.Error("walking a missing folder: no error")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const page = `<!DOCTYPE html><html><head><title>Daily Update | Example Monitor</title>
<meta property="og:site_name" content="Example Monitor">
<meta property="article:published_time" content="2022-11-09T18:00:00Z">
<meta name="author" content="Staff">
<link rel="canonical" href="https://example.org/daily">
<script>var x = "<p>not text</p>";</script><style>p{}</style></head>
<body><nav><ul><li>Home</li><li>About</li></ul></nav>
<div class="share-buttons">Share on Twitter</div>
<article><h1>Daily Update</h1>
<p>Forces advanced on&nbsp;Monday. A &lt;script&gt; in text stays text.</p>
<p><strong>Key Takeaways</strong></p>
<ul><li><strong>First bullet.</strong></li><li>Second <em>bullet</em>.</li></ul>
<h2>Details</h2><p>More<br>lines.</p></article>
<div id="comments"><h3>Leave a comment</h3></div>
<footer>© Example. Subscribe to our newsletter</footer></body></html>`

func TestExtractHTML(t *testing.T) {
	x := ExtractHTML(page)
	wantText := "Daily Update\n\nForces advanced on Monday. A <script> in text stays text.\n\nKey Takeaways\n\n- First bullet.\n- Second bullet.\n\nDetails\n\nMore\n\nlines."
	if diff := cmp.Diff(wantText, x.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	var kinds []string
	for _, b := range x.Blocks {
		kinds = append(kinds, string(b.Kind)+":"+x.Text[b.Start:b.End])
	}
	wantKinds := []string{"title:Daily Update", "paragraph:Forces advanced on Monday. A <script> in text stays text.", "heading:Key Takeaways",
		"bullet:First bullet.", "bullet:Second bullet.", "heading:Details", "paragraph:More", "paragraph:lines."}
	if diff := cmp.Diff(wantKinds, kinds); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	wantMeta := map[string]string{"title": "Daily Update | Example Monitor", "site_name": "Example Monitor", "published": "2022-11-09T18:00:00Z",
		"author": "Staff", "canonical_url": "https://example.org/daily"}
	if diff := cmp.Diff(wantMeta, x.Meta); diff != "" {
		t.Errorf("meta (-want +got):\n%s", diff)
	}
	if x.Title != "Daily Update" {
		t.Errorf("title = %q", x.Title)
	}
}

func TestExtractHTMLDeepNesting(t *testing.T) {
	deep := strings.Repeat("<div>", 100000) + "deep text" + strings.Repeat("</div>", 100000)
	x := ExtractHTML("<html><body><p>Shallow text.</p>" + deep + "</body></html>")
	if !strings.Contains(x.Text, "Shallow text.") {
		t.Errorf("text = %q, want the shallow paragraph kept", x.Text)
	}
}

// checkBlocks verifies that reader blocks lie inside the text on rune boundaries.
func checkBlocks(t *testing.T, text string, blocks []pipeline.Block) {
	d := &pipeline.Document{Text: text, Blocks: blocks}
	for _, err := range pipeline.Check(d) {
		t.Fatal(err)
	}
}

func FuzzExtractHTML(f *testing.F) {
	f.Add(page)
	f.Add("<ul><li>a<li>b</ul><h2>x</h2><p><b>Key Findings</b></p>")
	f.Add("<p>\xff\xfe</p><!-- <li> -->")
	f.Fuzz(func(t *testing.T, s string) {
		x := ExtractHTML(s)
		if !utf8.ValidString(s) {
			return
		}
		checkBlocks(t, x.Text, x.Blocks)
		checkSourceMap(t, "html", s, x.Text, x.Blocks)
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("plain"))
	f.Add([]byte("\xef\xbb\xbfa\r\nb"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Add([]byte("\x93x\x94"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := Decode(b)
		if err != nil {
			if !errors.Is(err, ErrSkipped) && !strings.Contains(err.Error(), "UTF-16") {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !utf8.ValidString(s) || strings.ContainsRune(s, '\r') {
			t.Fatalf("Decode(%q) = %q: not valid LF-only UTF-8", b, s)
		}
		if utf8.Valid(b) && !strings.ContainsAny(string(b), "\r\x00") && !strings.HasPrefix(string(b), "\ufeff") && s != string(b) {
			t.Fatalf("clean UTF-8 changed: %q -> %q", b, s)
		}
	})
}

func TestPublishedDate(t *testing.T) {
	tests := []struct {
		name               string
		meta               map[string]string
		id, text           string
		wantDate, wantFrom string
	}{
		{"metadata wins", map[string]string{"published": "2022-11-09T18:00:00Z"}, "a.html", "June 1, 2020", "2022-11-09", FromMeta},
		{"a full date in the text", nil, "a.txt", "Title\nOctober 19, 2021\nBody", "2021-10-19", FromText},
		{"day month year", nil, "a.txt", "Title\n2 March 2023\n", "2023-03-02", FromText},
		{"date in the file name", nil, "isw/isw_2022-03-12.txt", "Title\n\nMarch 12, 4:00 pm EST\n", "2022-03-12", FromPath},
		{"month and day, year from the text", nil, "r.txt", "Title\n\nMarch 12, 4:00 pm EST\n\nIn 2022 forces moved; see /2022/03/12/x.", "2022-03-12", FromYear},
		{"nothing: unknown (the file time is no publication date)", nil, "r.txt", "No date here.", "", ""},
		{"an impossible date is no date", nil, "r.txt", "February 30, 2021", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, from := PublishedDate(tt.meta, tt.id, tt.text)
			if d != tt.wantDate || from != tt.wantFrom {
				t.Errorf("PublishedDate = %s (%s), want %s (%s)", d, from, tt.wantDate, tt.wantFrom)
			}
		})
	}
	if s := Site(map[string]string{"canonical_url": "https://www.example.org/a"}, "x/a.html"); s != "example.org" {
		t.Errorf("Site from the canonical URL = %q", s)
	}
	if s := Site(nil, "reports/a.txt"); s != "reports" {
		t.Errorf("Site from the folder = %q", s)
	}
	// One publisher is one site, however a report names it.
	for _, tc := range []struct {
		meta map[string]string
		id   string
	}{{nil, "isw/a.txt"}, {map[string]string{"site_name": "Institute for the Study of War"}, "x/a.html"},
		{map[string]string{"canonical_url": "https://www.understandingwar.org/backgrounder/a"}, "x/a.html"}} {
		if s := Site(tc.meta, tc.id); s != "Institute for the Study of War" {
			t.Errorf("Site(%v, %s) = %q, want Institute for the Study of War", tc.meta, tc.id, s)
		}
	}
}

// TestFileTimeIsNotPublication: a report without a date of its own is
// undated; its file's modification time is kept as file_modified.
func TestFileTimeIsNotPublication(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.txt")
	if err := os.WriteFile(p, []byte("Brief\n\nNo date here."), 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	d, err := Read(Entry{ID: "r.txt", Path: p, Format: "txt", ModTime: mtime})
	if err != nil {
		t.Fatal(err)
	}
	if d.Published != "" || d.PublishedBy != "" || d.FileModified != "2026-12-04T09:30:00Z" {
		t.Errorf("published %q (%q), file_modified %q; want undated and the file time kept", d.Published, d.PublishedBy, d.FileModified)
	}
}

// TestDeepHTML: a page nested deeper than the HTML parser goes is read
// flat (its text, never its markup), with a warning that says so.
func TestDeepHTML(t *testing.T) {
	for _, n := range []int{600, 20000} {
		page := "<!DOCTYPE html><html><head><title>Deep</title></head><body><p>ISKP will likely strike Kabul.</p>" +
			strings.Repeat("<div><span>", n) + "<p>Deep text about Jalalabad.</p>" + strings.Repeat("</span></div>", n) +
			"<p>After the depths, Kherson.</p></body></html>"
		d, err := FromBytes("deep.html", "html", []byte(page))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"ISKP will likely strike Kabul.", "Deep text about Jalalabad.", "After the depths, Kherson."} {
			if !strings.Contains(d.Text, want) {
				t.Errorf("%d deep: text lacks %q: %.200q", n, want, d.Text)
			}
		}
		if strings.Contains(d.Text, "<div>") || strings.Contains(d.Text, "<span>") {
			t.Errorf("%d deep: markup in the text: %.200q", n, d.Text)
		}
		if len(d.Diagnostics) != 1 || !strings.Contains(d.Diagnostics[0].Message, "nested deeper") {
			t.Errorf("%d deep: diagnostics %v, want the nesting named", n, d.Diagnostics)
		}
	}
}
