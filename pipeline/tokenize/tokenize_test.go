package tokenize

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/jdkato/prose/v2"

	"github.com/sitrep/sitrep/pipeline"
)

func TestNormalizeKeepsWidth(t *testing.T) {
	for _, s := range []string{"“quoted” ‘single’ ISKP’s", "Afghanistan—most – of", "• ▪ ● · bullets", "a\u00a0b\u200bc\ufeff", "…", "'source' it's", "&rsquo;s", "**Sept.** 2***3"} {
		if n := Normalize(s); len(n) != len(s) {
			t.Errorf("Normalize(%q) = %q: %d bytes, want %d", s, n, len(n), len(s))
		}
	}
}

func tokenTexts(t *testing.T, s *Stage, text string) ([]string, []pipeline.Sentence) {
	t.Helper()
	d := &pipeline.Document{Text: text, Blocks: []pipeline.Block{{Start: 0, End: len(text), Kind: pipeline.BlockParagraph}}}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, err := range pipeline.Check(d) {
		t.Fatal(err)
	}
	var out []string
	for _, tk := range d.Tokens {
		out = append(out, text[tk.Start:tk.End])
	}
	return out, d.Sentences
}

func TestTokens(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		give string
		want []string
	}{
		{"ISKP’s cell in Afghanistan—most of it—won’t act.", []string{"ISKP", "’s", "cell", "in", "Afghanistan", "—", "most", "of", "it", "—", "won", "’t", "act", "."}},
		{"The 'source' said ‘military’ action was 'likely'.", []string{"The", "'", "source", "'", "said", "‘", "military", "’", "action", "was", "'", "likely", "'", "."}},
		{"“It’s likely,” he said.", []string{"“", "It", "’s", "likely", ",", "”", "he", "said", "."}},
		{"Visit hxxp://bad[.]com/x or 1.2.3[.]4 now.", []string{"Visit", "hxxp://bad[.]com/x", "or", "1.2.3[.]4", "now", "."}},
		{"ISW assesses is unlikely.[27] Next.", []string{"ISW", "assesses", "is", "unlikely", ".", "[27]", "Next", "."}},
		{"**Sept. 6, 2019:** a **bold** 2**32", []string{"**", "Sept", ".", "6", ",", "2019", ":", "**", "a", "**", "bold", "**", "2", "**", "32"}},
	}
	for _, tt := range tests {
		got, _ := tokenTexts(t, s, tt.give)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("tokens of %q (-want +got):\n%s", tt.give, diff)
		}
	}
}

func TestSentences(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	long := "Results of the regional football championship played over the weekend in the northern and eastern provinces of the country on Sunday afternoon"
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"abbreviations, one sentence per line", "Dr. Smith met Gen. Brown in the U.S. on Monday. They left.\nOne sentence per line\nAnother one.",
			[]string{"Dr. Smith met Gen. Brown in the U.S. on Monday.", "They left.", "One sentence per line", "Another one."}},
		{"hard-wrapped prose is one sentence", "The group claimed responsibility for the attack on the checkpoint near the\nCity of Kabul on Monday.",
			[]string{"The group claimed responsibility for the attack on the checkpoint near the\nCity of Kabul on Monday."}},
		// A block with a line far wider than any wrap is not wrapped: a
		// line that ends without a full stop still ends its unit.
		{"unwrapped block: every line a unit", long + "\nDinamo Moscow beat Spartak in the\nCup final on Saturday",
			[]string{long, "Dinamo Moscow beat Spartak in the", "Cup final on Saturday"}},
		{"Markdown bold hides no abbreviation", "Arrests:\n **Sept. 12, 2019:** Police came. **Sept. 6:** They left.",
			[]string{"Arrests:", "**Sept. 12, 2019:** Police came.", "**Sept. 6:** They left."}},
	} {
		_, sents := tokenTexts(t, s, tt.text)
		var got []string
		for _, st := range sents {
			got = append(got, tt.text[st.Start:st.End])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: sentences (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestConcurrentTagging proves that one prose model and one punkt segmenter
// may be shared by goroutines (run under -race) and give the same tags.
func TestConcurrentTagging(t *testing.T) {
	s, err := New(Options{Tag: true})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Russian forces will likely continue attacks near Bakhmut. Jordan said Jordan is calm. ", 20)
	run := func() []pipeline.Token {
		d := &pipeline.Document{Text: text, Blocks: []pipeline.Block{{Start: 0, End: len(text), Kind: pipeline.BlockParagraph}}}
		if err := s.Process(context.Background(), d); err != nil {
			t.Error(err)
		}
		return d.Tokens
	}
	want := run()
	if want[0].Tag == "" {
		t.Fatal("tagging on, but the first token has no tag")
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if diff := cmp.Diff(want, run()); diff != "" {
				t.Errorf("concurrent result differs (-want +got):\n%s", diff)
			}
		}()
	}
	wg.Wait()
}

func FuzzAlign(f *testing.F) {
	for _, s := range []string{"ISKP’s “likely” 'source' — •", "a\u00a0b", "&rsquo;s x", "’’’''\"\""} {
		f.Add(s)
	}
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // readers hand stages valid UTF-8 only (corpus.Decode)
		}
		d := &pipeline.Document{Text: text, Blocks: []pipeline.Block{{Start: 0, End: len(text), Kind: pipeline.BlockParagraph}}}
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for _, err := range pipeline.Check(d) {
			t.Fatal(err)
		}
	})
}

// proseTokens is what prose v2 itself gives.
func proseTokens(t testing.TB, text string) []string {
	pd, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tok := range pd.Tokens() {
		out = append(out, tok.Text)
	}
	return out
}

func TestSplitLikeProse(t *testing.T) {
	for _, text := range []string{
		"", "   ", "Hello, world!", "(ISKP) said: \"we'll win\" -- don't they'd?", "U.S. Mr. Gen. e.g. i.e.", "$100 [27] x.[3]",
		"O'Neil's car... :-) :P xD ¯\\(ツ)/¯", "“Quoted” ‘single’ it&rsquo;s", "CAN'T WON'T I'M", "a,,,,,,,,,,,,,b",
		"((((((((((word))))))))))", "\xff\xfe bad", "tab\tnew\nline\u00a0nbsp",
	} {
		if got, want := splitLikeProse(text, nil), proseTokens(t, text); !slices.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", text, got, want)
		}
	}
}

// FuzzSplitLikeProse: the port gives prose's tokens for any text.
func FuzzSplitLikeProse(f *testing.F) {
	for _, s := range []string{"Hello, world!", "(ISKP) don't: \"x\".", "U.S.-led :-) it's", "a.b.c. Dr. [27]."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := splitLikeProse(text, nil) // must not panic, whatever the text
		if !utf8.ValidString(text) || len(strings.ToLower(text)) != len(text) {
			return // prose's own offsets go wrong there (see contraction)
		}
		if want := proseTokens(t, text); !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", text, got, want)
		}
	})
}

// sameSentences compares Sentences with and without segment's fast path.
func sameSentences(t *testing.T, s *Stage, text string) {
	t.Helper()
	fast := s.Sentences(text, 0, len(text))
	punkt := *s
	punkt.punktOnly = true
	if want := punkt.Sentences(text, 0, len(text)); !slices.Equal(fast, want) {
		t.Errorf("%q: sentences %v, Punkt's %v", text, fast, want)
	}
}

func TestSegmentMatchesPunkt(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("word ", maxSentence/5)
	for _, text := range []string{
		"", " \n ", "Key Takeaways", "Russian forces attacked Bakhmut", "Russian forces attacked Bakhmut.",
		"Russian forces attacked Bakhmut.  \n", "[1] https://www.understandingwar.org/backgrounder/x.html",
		"He said “no.”", "Attacks continued in the U.S.", "Two. Sentences.", "Why? Because!", "ok 。 done",
		"ab。cd", "ab；cd。", "a\u00a0b.", "tail é", "done é.", long + "end.", long + "end.   ", long + "end   ",
		long[:maxSentence-4] + "end." + strings.Repeat(" ", 10), "Mr. Smith", "Mr Smith went to Washington D.C.",
	} {
		sameSentences(t, s, text)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"Key Takeaways", "Two. Sentences.", "He said “no.” Then left", "ab。cd", "x\n\ny."} {
		f.Add(s)
	}
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sameSentences(t, s, text)
	})
}

func TestMiddleInitials(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Samuel L. Jackson met Michael J. Fox. They left.", []string{"Samuel L. Jackson met Michael J. Fox.", "They left."}},
		{"Davis replaced Johnston with General John B. Hood, who attacked.", []string{"Davis replaced Johnston with General John B. Hood, who attacked."}},
		{"They had a Plan B. The plan failed.", []string{"They had a Plan B.", "The plan failed."}},
		{"It ended in World War I. Fox News said so.", []string{"It ended in World War I.", "Fox News said so."}},
	} {
		var got []string
		for _, sp := range s.Sentences(c.text, 0, len(c.text)) {
			got = append(got, c.text[sp.Start:sp.End])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: sentences %q, want %q", c.text, got, c.want)
		}
		sameSentences(t, s, c.text)
	}
}
