package structure

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/pipeline"
)

// blockView is a block as text, for readable expectations: "kind:text" or "bullet@list:text".
func blockView(text string, bs []pipeline.Block) []string {
	var out []string
	for _, b := range bs {
		v := string(b.Kind)
		if b.Kind == pipeline.BlockBullet {
			v = fmt.Sprintf("bullet@%d", b.List)
		}
		out = append(out, v+":"+strings.Join(strings.Fields(text[b.Start:b.End]), " "))
	}
	return out
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		name string
		give string
		want []string
	}{
		{"bullet styles", "Title\n\n• one\n▪ two\n- three\n* four\n+ five\n1. six\n2) seven\n",
			[]string{"title:Title", "bullet@1:one", "bullet@1:two", "bullet@1:three", "bullet@1:four", "bullet@1:five", "bullet@1:six", "bullet@1:seven"}},
		{"indented continuation", "Title\n\n  • first bullet\n      runs on here\n  • second\n",
			[]string{"title:Title", "bullet@1:first bullet runs on here", "bullet@1:second"}},
		{"one sentence per line continuation", "Title\n**Key Points**\n* Alpha.\nMore on alpha.\n* Beta.\nIntroduction\n============\nBody text.",
			[]string{"title:Title", "heading:Key Points", "bullet@1:Alpha. More on alpha.", "bullet@1:Beta.", "heading:Introduction", "paragraph:Body text."}},
		{"long run after the last bullet is a paragraph", "Title\n### Findings\n* Alpha.\nOne.\nTwo.\nThree.\n",
			[]string{"title:Title", "heading:Findings", "bullet@1:Alpha.", "paragraph:One. Two. Three."}},
		{"markdown headings", "# Report\n\n## Key Judgments\n\n1. We assess X.\n\n### **Overview**\nText.",
			[]string{"title:Report", "heading:Key Judgments", "bullet@1:We assess X.", "heading:Overview", "paragraph:Text."}},
		{"bold and setext headings", "Title\n\n**Key Findings**\n- a\n\nAnalysis\n--------\nBody.",
			[]string{"title:Title", "heading:Key Findings", "bullet@1:a", "heading:Analysis", "paragraph:Body."}},
		{"plain heading vs sentence", "Title\n\nISIS Claims Hospital Attack\n\nKey takeaways from the conference were few.\n\nBody goes on.",
			[]string{"title:Title", "heading:ISIS Claims Hospital Attack", "paragraph:Key takeaways from the conference were few.", "paragraph:Body goes on."}},
		{"two lists", "Title\n\n- a\n- b\n\nBetween.\n\n- c\n",
			[]string{"title:Title", "bullet@1:a", "bullet@1:b", "paragraph:Between.", "bullet@2:c"}},
		{"datelines and bylines are not headings", "Title\n\nMason Clark, George Barros, and Kateryna Stepanenko\n\nMarch 12, 4:00 pm EST\n\nText.",
			[]string{"title:Title", "paragraph:Mason Clark, George Barros, and Kateryna Stepanenko", "paragraph:March 12, 4:00 pm EST", "paragraph:Text."}},
		{"boilerplate", "Title\n\nRelated reading: Other Post\n\nBody.\n\nProtect your assets with Acme\n\nSign up for a demo or a free trial.\n\nLeave a Reply\n\nYour email address will not be published.\n\nAnother Article Title",
			[]string{"title:Title", "boilerplate:Related reading: Other Post", "paragraph:Body.", "boilerplate:Protect your assets with Acme",
				"boilerplate:Sign up for a demo or a free trial.", "boilerplate:Leave a Reply", "boilerplate:Your email address will not be published.", "boilerplate:Another Article Title"}},
		{"empty", "", nil},
		{"block-shaped lines after a bullet (these hung the parser)", "Title\n\n- a\n===\n- b\n**" + strings.Repeat("A long bold sentence that runs on. ", 5) + "**\n",
			[]string{"title:Title", "bullet@1:a", "paragraph:===", "bullet@2:b", "paragraph:" + strings.Join(strings.Fields("**"+strings.Repeat("A long bold sentence that runs on. ", 5)+"**"), " ")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &pipeline.Document{Text: tt.give}
			if err := New().Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, blockView(tt.give, d.Blocks)); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
			for _, err := range pipeline.Check(d) {
				t.Error(err)
			}
		})
	}
}

func TestSections(t *testing.T) {
	text := "# T\n\n## A\n\nx\n\n### A1\n\ny\n\n## B\n\nz"
	d := &pipeline.Document{Text: text}
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Sections {
		got = append(got, fmt.Sprintf("%s=%q", s.Heading, text[s.Start:s.End]))
	}
	want := []string{`A="A\n\nx\n\n### A1\n\ny"`, `A1="A1\n\ny"`, `B="B\n\nz"`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if d.Title != "T" {
		t.Errorf("title = %q, want T", d.Title)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"# T\n\n## Key Findings\n1. a\n   b\n2) c\n\n**Bold**\nx\n===\n", "  • ISKP:\u00a0x\n▪ y\n- \n*\n", "Title\nLeave a Reply\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // readers hand stages valid UTF-8 only (corpus.Decode)
		}
		d := &pipeline.Document{Text: s}
		if err := New().Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for _, err := range pipeline.Check(d) {
			t.Fatal(err)
		}
		for i := 1; i < len(d.Blocks); i++ {
			if d.Blocks[i].Start < d.Blocks[i-1].End {
				t.Fatalf("blocks %d and %d overlap", i-1, i)
			}
		}
	})
}

// TestBoilerplateListed checks that every furniture block is listed with its
// reason, and that KeepBoilerplate lists and marks nothing.
func TestBoilerplateListed(t *testing.T) {
	text := "Title\n\nRelated reading: Other Post\n\nBody.\n\nProtect your assets with Acme\n\nSign up for a demo or a free trial.\n\nLeave a Reply\n\nAnother Article Title"
	type removed struct{ Text, Reason string }
	for _, tt := range []struct {
		keep bool
		want []removed
	}{
		{false, []removed{{"Related reading: Other Post", ReasonLine}, {"Protect your assets with Acme", ReasonLeadIn},
			{"Sign up for a demo or a free trial.", ReasonCTA}, {"Leave a Reply", ReasonComments}, {"Another Article Title", ReasonComments}}},
		{true, nil},
	} {
		doc := &pipeline.Document{Text: text}
		st := New()
		st.KeepBoilerplate = tt.keep
		if err := st.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		var got []removed
		for _, r := range doc.Boilerplate {
			got = append(got, removed{text[r.Start:r.End], r.Reason})
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("keep=%v (-want +got):\n%s", tt.keep, diff)
		}
		if !tt.keep && (!doc.InBoilerplate(strings.Index(text, "Sign"), strings.Index(text, "trial")) || doc.InBoilerplate(strings.Index(text, "Body"), strings.Index(text, "Body")+4)) {
			t.Error("InBoilerplate disagrees with the list")
		}
		for _, b := range doc.Blocks {
			if tt.keep && b.Kind == pipeline.BlockBoilerplate {
				t.Errorf("keep: block %q still marked", text[b.Start:b.End])
			}
		}
	}
}
