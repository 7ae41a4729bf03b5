package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/pipeline"
)

func TestExtractMarkdown(t *testing.T) {
	type blk struct {
		Kind  pipeline.BlockKind
		Level int
		Text  string
	}
	type link struct{ Text, URL string }
	for _, tt := range []struct {
		name   string
		src    string
		title  string
		blocks []blk
		links  []link
	}{
		{
			name:  "headings, emphasis, ordered list",
			src:   "# Donbas *Weekly*\n\n*Prepared by the cell.*\n\n## Key Judgments\n\n1. Russian forces will **very likely** advance.\n2. Ukraine is unlikely to\n   counterattack.\n",
			title: "Donbas Weekly",
			blocks: []blk{{"title", 1, "Donbas Weekly"}, {"paragraph", 0, "Prepared by the cell."}, {"heading", 2, "Key Judgments"},
				{"bullet", 1, "Russian forces will very likely advance."}, {"bullet", 1, "Ukraine is unlikely to counterattack."}},
		},
		{
			name:   "links reduced to their text",
			src:    "See the [ISW update](https://isw.org/u \"t\"), [Kyiv][k], <https://example.org/a> and <ops@example.org>.\n\n[k]: https://en.wikipedia.org/wiki/Kyiv\n",
			blocks: []blk{{"paragraph", 0, "See the ISW update, Kyiv, https://example.org/a and ops@example.org."}},
			links: []link{{"ISW update", "https://isw.org/u"}, {"Kyiv", "https://en.wikipedia.org/wiki/Kyiv"},
				{"https://example.org/a", "https://example.org/a"}, {"ops@example.org", "mailto:ops@example.org"}},
		},
		{
			name:   "bold-only line is a heading; escapes and entities",
			src:    "**Key Takeaways**\n\n- One \\*starred\\* &amp; `a\\*b &amp;`\n- Two ![map](m.png)\n",
			blocks: []blk{{"heading", 3, "Key Takeaways"}, {"bullet", 1, "One *starred* & a\\*b &amp;"}, {"bullet", 1, "Two map"}},
		},
		{
			name:   "nested list, second paragraph, quote, table, code, html",
			src:    "- Top\n  - Nested\n\n  More text.\n\n> Quoted.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nhxxp://evil[.]com\n```\n\n<div>markup</div>\n\n---\n",
			blocks: []blk{{"bullet", 1, "Top"}, {"bullet", 1, "Nested"}, {"paragraph", 0, "More text."}, {"paragraph", 0, "Quoted."}, {"paragraph", 0, "a | b"}, {"paragraph", 0, "1 | 2"}, {"paragraph", 0, "hxxp://evil[.]com"}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := ExtractMarkdown(tt.src)
			var got []blk
			for _, b := range x.Blocks {
				got = append(got, blk{b.Kind, b.Level, x.Text[b.Start:b.End]})
			}
			if diff := cmp.Diff(tt.blocks, got); diff != "" {
				t.Errorf("blocks (-want +got):\n%s\ntext:\n%s", diff, x.Text)
			}
			var links []link
			for _, l := range x.Links {
				links = append(links, link{x.Text[l.Start:l.End], l.URL})
			}
			if diff := cmp.Diff(tt.links, links); diff != "" {
				t.Errorf("links (-want +got):\n%s", diff)
			}
			if x.Title != tt.title {
				t.Errorf("title %q, want %q", x.Title, tt.title)
			}
		})
	}
}

// FuzzExtractMarkdown checks the reader's invariants on any input: valid
// UTF-8 text, ordered blocks and links inside it on rune boundaries, and no
// panic or runaway recursion.
func FuzzExtractMarkdown(f *testing.F) {
	for _, s := range []string{"# T\n\n- a [b](c)\n", "**x**\n\n1. y\n   > z\n", strings.Repeat(">", 5000) + " deep", "[a]: b\n[a]\n", "<x@y.z> `c` ![i](j)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		src = strings.ToValidUTF8(src, "\uFFFD")
		x := ExtractMarkdown(src)
		if !utf8.ValidString(x.Text) {
			t.Fatal("text is not valid UTF-8")
		}
		doc := &pipeline.Document{Text: x.Text, Blocks: x.Blocks, Links: x.Links}
		if errs := pipeline.Check(doc); len(errs) > 0 {
			t.Fatalf("%v", errs)
		}
		for i := 1; i < len(x.Blocks); i++ {
			if x.Blocks[i].Start < x.Blocks[i-1].End {
				t.Fatalf("block %d overlaps the previous one", i)
			}
		}
		checkSourceMap(t, "md", src, x.Text, x.Blocks)
		for _, l := range x.Links {
			if l.End <= l.Start || l.URL == "" {
				t.Fatalf("empty link %+v", l)
			}
		}
	})
}
