package export

import (
	"github.com/sitrep/sitrep/pipeline"
)

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
