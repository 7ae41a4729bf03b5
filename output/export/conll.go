package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
)

// CoNLL writes OUT's records to w in the CoNLL-2003 layout: one
// "-DOCSTART- -X- -X- O" line per report, one token per line as
// "word tag _ IOB2-label" (tag "-X-" when tagging was off), and a blank line
// after each sentence. `sitrep train` reads it back (the word is the first
// column, the label the last), so output can be corrected and retrained on.
// It returns the number of reports.
func CoNLL(out string, w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	n := 0
	err := output.Each(out, func(d *pipeline.Document) error {
		n++
		WriteCoNLL(bw, d)
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// WriteCoNLL writes one record as a CoNLL document.
func WriteCoNLL(w *bufio.Writer, d *pipeline.Document) {
	labels := TokenLabels(d)
	w.WriteString("-DOCSTART- -X- -X- O\n\n")
	for _, s := range d.Sentences {
		if s.TokenStart >= s.TokenEnd {
			continue
		}
		for i := s.TokenStart; i < s.TokenEnd && i < len(d.Tokens); i++ {
			t := d.Tokens[i]
			tag := t.Tag
			if tag == "" {
				tag = "-X-"
			}
			fmt.Fprintf(w, "%s %s _ %s\n", conllWord(d.Text[t.Start:t.End]), tag, labels[i])
		}
		w.WriteByte('\n')
	}
}

// TokenLabels returns the IOB2 label of every token: B-LABEL on the first
// token an entity overlaps, I-LABEL on the others, O elsewhere.
func TokenLabels(d *pipeline.Document) []string {
	labels := make([]string, len(d.Tokens))
	for i := range labels {
		labels[i] = "O"
	}
	ti := 0
	for _, e := range d.Entities {
		for ti > 0 && d.Tokens[ti-1].End > e.Start {
			ti-- // entities are sorted by start; overlapping ones step back
		}
		for ti < len(d.Tokens) && d.Tokens[ti].End <= e.Start {
			ti++
		}
		first := true
		for j := ti; j < len(d.Tokens) && d.Tokens[j].Start < e.End; j++ {
			if labels[j] != "O" {
				break // one entity per token: the earlier one keeps it
			}
			if first {
				labels[j] = "B-" + e.Label
				first = false
			} else {
				labels[j] = "I-" + e.Label
			}
		}
	}
	return labels
}

// conllWord keeps a token on one column: whitespace inside it (rare: a
// no-break space) becomes "_".
func conllWord(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return '_'
		}
		return r
	}, s)
}
