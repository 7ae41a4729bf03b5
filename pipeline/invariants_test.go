package pipeline_test

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/internal/stagetest"
)

// allStages builds the default chain once for the whole test binary.
func allStages(t testing.TB) []pipeline.Stage { return stagetest.All(t) }

// annotate runs every stage on text and checks the offset invariants.
func annotate(t testing.TB, text string) *pipeline.Document {
	d := &pipeline.Document{ID: "fuzz.txt", Text: text}
	for _, st := range allStages(t) {
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatalf("%s: %v", st.Name(), err)
		}
	}
	d.Normalize()
	d.SortAnnotations()
	if d.Text != text {
		t.Fatalf("a stage changed the text")
	}
	for _, err := range pipeline.Check(d) {
		t.Errorf("invariant broken on %q: %v", text, err)
	}
	return d
}

var invariantSeeds = []string{
	"",
	"ISKP’s Ongoing Attacks\n\nKey Takeaways\n\n  • ISKP Targeting Taliban:\u00a0ISKP will likely escalate.\n  • Second: It may not.",
	"The 'source' said ‘military’ action was 'likely' per 'reporting'. “It’s likely,” he said—won’t he?",
	"C2 at hxxp://bad[.]com/x and 1.2.3[.]4; SHA256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 (CVE-2023-12345, T1059.001).",
	"# Title\n\n**Key Findings**\n* one\n* two\ncontinued\n### Next\ntext",
	"Line with\x00NUL and \xff invalid bytes and zero\u200bwidth and RTL \u202eevil\u202c text.",
	"May 4. May we? It could not. Mawlawi Hamdullah Rahmani met General Valery Gerasimov; Rahmani left.",
	"unlikely.[27] A Russian milblogger\r\nclaimed\tthings…",
	// Lists, titles, nicknames, apostrophes and road codes at sentence edges.
	"Frederick W. Kagan, Kateryna Stepanenko, and Karolina Hird\n\nBrig. Gen. Richard \"Tex\" Coe and Melitopol Mayor Ivan Fedorov, and\nHaidai’ near Island T1302 highway. Army General",
}

func TestInvariantSeeds(t *testing.T) {
	for _, s := range invariantSeeds {
		annotate(t, s)
	}
}

func FuzzInvariants(f *testing.F) {
	for _, s := range invariantSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // readers hand stages valid UTF-8 only (corpus.Decode replaces bad bytes)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			annotate(t, s)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("annotating %d bytes took over 5s: %q", len(s), s)
		}
	})
}
