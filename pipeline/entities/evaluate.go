package entities

import (
	"context"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/sitrep/sitrep/pipeline"
)

// LabelMap maps record labels onto a benchmark's labels (To) and names the
// labels scored.
type LabelMap struct {
	To     map[string]string
	Scored []string
}

// LabelMaps map record labels onto a benchmark's labels, and name the labels
// scored (the same tables as ../shared/eval/sitrep_eval.py, so the figures agree).
var LabelMaps = map[string]LabelMap{
	"conll": {To: map[string]string{"PERSON": "PER", "ORG": "ORG", "GROUP": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"},
		Scored: []string{"PER", "ORG", "LOC"}},
	"annoctr": {To: map[string]string{"ORG": "ORG", "GROUP": "GROUP", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "DATE": "DATE",
		"SECTOR": "SECTOR", "MALWARE": "MALWARE", "TOOL": "TOOL", "TECHNIQUE": "TECHNIQUE"},
		Scored: []string{"ORG", "GROUP", "LOC", "DATE", "SECTOR", "MALWARE", "TOOL"}},
}

// Evaluate runs the stage on the gold documents' text and scores exact
// spans, with record labels mapped by lm (a zero LabelMap compares labels as
// they are). With errw set it lists every false positive (+) and negative (-).
func (st *Stage) Evaluate(ctx context.Context, gold []TrainDoc, lm LabelMap, errw io.Writer) (Scores, error) {
	to, scored := lm.To, lm.Scored
	keep := func(l string) (string, bool) {
		if to == nil {
			return l, true
		}
		return l, slices.Contains(scored, l)
	}
	labels := map[string]int{}
	var names []string
	id := func(l string) int {
		if i, ok := labels[l]; ok {
			return i
		}
		labels[l] = len(names)
		names = append(names, l)
		return labels[l]
	}
	var g, p [][3]int
	for k, d := range gold {
		doc := &pipeline.Document{ID: d.ID, Text: d.Text}
		for _, s := range d.Sentences {
			doc.Sentences = append(doc.Sentences, pipeline.Sentence{Start: s.Start, End: s.End})
		}
		if err := st.Process(ctx, doc); err != nil {
			return Scores{}, fmt.Errorf("eval %s: %w", d.ID, err)
		}
		for _, e := range d.Entities {
			if l, ok := keep(e.Label); ok {
				g = append(g, [3]int{k<<32 | e.Start, e.End, id(l)})
			}
		}
		var src []string
		for _, e := range doc.Entities {
			l := e.Label
			if to != nil {
				l = to[e.Label]
			}
			if l, ok := keep(l); ok && l != "" {
				p = append(p, [3]int{k<<32 | e.Start, e.End, id(l)})
				src = append(src, e.Source)
			}
		}
		if errw != nil {
			listErrors(errw, d, g, p, src, k, names)
		}
	}
	return Score(g, p, func(x [3]int) string { return names[x[2]] }), nil
}

// listErrors prints the false positives and negatives of document k.
func listErrors(w io.Writer, d TrainDoc, g, p [][3]int, src []string, k int, names []string) {
	mine := func(xs [][3]int) map[[3]int]int {
		m := map[[3]int]int{}
		for i, x := range xs {
			if x[0]>>32 == k {
				m[x] = i
			}
		}
		return m
	}
	gm, pm := mine(g), mine(p)
	off := len(p) - len(src)
	for x, i := range pm {
		if _, ok := gm[x]; !ok {
			fmt.Fprintf(w, "+ %s\t%s\t%q\t%s\n", d.ID, names[x[2]], d.Text[x[0]&(1<<32-1):x[1]], src[i-off])
		}
	}
	for x := range gm {
		if _, ok := pm[x]; !ok {
			fmt.Fprintf(w, "- %s\t%s\t%q\n", d.ID, names[x[2]], d.Text[x[0]&(1<<32-1):x[1]])
		}
	}
}

// WriteTable writes the scores as a table, labels sorted, micro average last.
func (s Scores) WriteTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "label\tgold\tpredicted\tP\tR\tF1\t")
	labels := make([]string, 0, len(s.Labels))
	for l := range s.Labels {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	row := func(l string, p PRF) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.4f\t%.4f\t%.4f\t\n", l, p.Gold, p.Predicted, p.P, p.R, p.F1)
	}
	for _, l := range labels {
		row(l, s.Labels[l])
	}
	row("micro", s.Micro)
	tw.Flush()
}

// ChooseMerge scores the whole entity stage on dev under each merge mode and
// records the best in the model, as annotate's default for it. Ties keep the
// earlier mode in MergeNames.
func (st *Stage) ChooseMerge(ctx context.Context, m *Model, dev []TrainDoc, log io.Writer) error {
	to, scored := m.ScoredLabels()
	best, bestF := "", -1.0
	for _, name := range MergeNames {
		s := st.WithModel(m)
		s.Merge, _ = ParseMerge(name)
		sc, err := s.Evaluate(ctx, dev, LabelMap{To: to, Scored: scored}, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(log, "merge %-8s dev F1 %.4f (whole stage)\n", name, sc.Micro.F1)
		if sc.Micro.F1 > bestF {
			best, bestF = name, sc.Micro.F1
		}
	}
	m.Meta.Merge = best
	return nil
}
