package export

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
)

// Each calls fn for every record of OUT/annotations.jsonl, in file order,
// decoding one record at a time. It stops at the first error fn returns.
func Each(out string, fn func(*pipeline.Document) error) error {
	path := filepath.Join(out, output.JSONLName)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open records: %w", err)
	}
	defer f.Close()
	return Decode(path, f, fn)
}

// Decode reads JSON Lines records from r (named name in errors).
func Decode(name string, r io.Reader, fn func(*pipeline.Document) error) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	for n := 1; ; n++ {
		var d pipeline.Document
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: record %d (byte %d): %w", name, n, dec.InputOffset(), err)
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
}

// sentenceInfo is what the exports say about one sentence: its likelihood
// band and the mean midpoint of its likelihood phrases.
type sentenceInfo struct {
	category string
	prob     *float64
}

// sentenceInfos returns one sentenceInfo per sentence of d.
func sentenceInfos(d *pipeline.Document) []sentenceInfo {
	out := make([]sentenceInfo, len(d.Sentences))
	sums := make([]float64, len(d.Sentences))
	ns := make([]int, len(d.Sentences))
	for _, e := range d.Estimative {
		if e.Kind != pipeline.KindLikelihood || e.Low == nil || e.High == nil || e.Sentence < 0 || e.Sentence >= len(out) {
			continue
		}
		sums[e.Sentence] += (*e.Low + *e.High) / 2
		ns[e.Sentence]++
	}
	for i, s := range d.Sentences {
		out[i].category = s.Judgment
		if ns[i] > 0 {
			p := sums[i] / float64(ns[i])
			out[i].prob = &p
		}
	}
	return out
}

// inTakeaway reports, per entity, whether a takeaway lists it.
func inTakeaway(d *pipeline.Document) []bool {
	in := make([]bool, len(d.Entities))
	for _, t := range d.Takeaways {
		for _, i := range t.Entities {
			if i >= 0 && i < len(in) {
				in[i] = true
			}
		}
	}
	return in
}

// sentenceText returns the text of sentence i, or "" when i is out of range.
func sentenceText(d *pipeline.Document, i int) string {
	if i < 0 || i >= len(d.Sentences) {
		return ""
	}
	return d.Text[d.Sentences[i].Start:d.Sentences[i].End]
}
