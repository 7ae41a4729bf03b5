package corpus

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/sitrep/sitrep/pipeline"
)

// TestSourceMap checks that every word of a page's or Markdown file's text maps to the place
// in the source where that word's first character is written.
func TestSourceMap(t *testing.T) {
	example, err := os.ReadFile("examples/daily/kherson-daily-assessment.html")
	if err != nil {
		t.Fatal(err)
	}
	exampleMD, err := os.ReadFile("examples/daily/donbas-weekly-judgments.md")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ format, name, src string }{
		{"html", "example", string(example)},
		{"html", "entities", "<html><body><p>AT&amp;T &quot;likely&quot;\n   said &#233;t&eacute; that   X</p></body></html>"},
		{"html", "inline", "<p>Russian <b>forces</b> <i>will   likely</i>\nattack <a href=x>Kherson</a>.</p>"},
		{"html", "blocks", "<h1>Title here</h1>\n<h2>Key\n Takeaways</h2><ul>\n  <li>  One <b>two</b></li>\n<li>Three</li></ul><p>Line<br>break here</p>"},
		{"html", "table", "<table><tr><td>cell one</td><td>cell two</td></tr></table><p>after</p>"},
		{"html", "deep", strings.Repeat("<div>", 600) + "deep words here" + strings.Repeat("</div>", 600)},
		{"md", "example", string(exampleMD)},
		{"md", "inline", "# Title\n\nRussian **forces** _will   likely_\nattack [Kherson](https://x.org/k) &amp; more.\n\n- one\n- `two`\n\n    code line\n"},
		{"html", "wrapped", "<p>first line\nsecond line\n\n   third</p>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, blocks := extract(c.format, c.src)
			synthetic := map[int]bool{} // the "- " before a bullet is not in the page
			for _, b := range blocks {
				if b.Marker != nil {
					synthetic[b.Marker.Start] = true
				}
			}
			m, err := NewSourceMap(c.format, c.src)
			if err != nil {
				t.Fatal(err)
			}
			words := 0
			for i := 0; i < len(text); {
				r, n := utf8.DecodeRuneInString(text[i:])
				if foldable(r) || i > 0 && !isSpaceAt(text, i-1) || synthetic[i] {
					i += n
					continue
				}
				words++
				o := m.Offset(i)
				if got := firstChar(c.src[o:]); got != r {
					t.Errorf("word %q at text %d maps to source %d %q, want it to start with %q", word(text[i:]), i, o, head(c.src[o:]), r)
				}
				i += n
			}
			if words == 0 {
				t.Fatalf("no words in %q", text)
			}
		})
	}
}

func extract(format, src string) (string, []pipeline.Block) {
	if format == "md" {
		x := ExtractMarkdown(src)
		return x.Text, x.Blocks
	}
	x := ExtractHTML(src)
	return x.Text, x.Blocks
}

// firstChar is the first character written at the start of s, a
// character reference decoded.
func firstChar(s string) rune {
	if strings.HasPrefix(s, "&") {
		if j := strings.IndexByte(s, ';'); j > 0 && j < 12 {
			r, _ := utf8.DecodeRuneInString(html.UnescapeString(s[:j+1]))
			return r
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func word(s string) string {
	if i := strings.IndexAny(s, " \n"); i >= 0 {
		return s[:i]
	}
	return s
}

func head(s string) string { return s[:min(len(s), 20)] }

// TestSourceMapRefuses: a page with no text to trace has no map, said so.
func TestSourceMapRefuses(t *testing.T) {
	if _, err := NewSourceMap("html", ""); err != ErrNoSourceMap {
		t.Fatalf("empty page: err %v, want ErrNoSourceMap", err)
	}
}

// checkSourceMap checks, for the fuzz targets, that block boundaries map
// inside the source.
func checkSourceMap(t *testing.T, format, src, text string, blocks []pipeline.Block) {
	t.Helper()
	m, err := NewSourceMap(format, src)
	if err != nil {
		return
	}
	for _, b := range blocks {
		for _, off := range []int{b.Start, b.End} {
			if o := m.Offset(off); o < 0 || o > len(src) {
				t.Fatalf("text offset %d maps to source %d of %d", off, o, len(src))
			}
		}
	}
}
