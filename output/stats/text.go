package stats

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/pipeline"
)

// Categories lists the estimative categories in chart order: the ICD 203
// bands from least to most likely, then hedges ("possible").
var Categories = []string{"almost_no_chance", "very_unlikely", "unlikely", "roughly_even", "likely", "very_likely",
	"almost_certain", "possible"}

// WriteText prints s for a terminal.
func WriteText(w io.Writer, s *Stats) error {
	ew := &errWriter{w: w}
	ew.printf("Reports: %d", s.Reports)
	if s.Undated > 0 {
		ew.printf(" (%d without a publication date)", s.Undated)
	}
	ew.printf("\n\nReports by month\n")
	maxN := 0
	for _, c := range s.ByMonth {
		maxN = max(maxN, c.Reports)
	}
	for _, c := range s.ByMonth {
		ew.printf("  %-8s %6d  %s\n", c.Key, c.Reports, bar(c.Reports, maxN, 40))
	}
	if len(s.TalkedAbout) > 0 {
		ew.printf("\nMonths the reports talk about (reports naming a day of the month)\n")
		maxN = 0
		for _, c := range s.TalkedAbout {
			maxN = max(maxN, c.Reports)
		}
		for _, c := range s.TalkedAbout {
			ew.printf("  %-8s %6d  %s\n", c.Key, c.Reports, bar(c.Reports, maxN, 40))
		}
	}
	ew.printf("\nReports by site\n")
	for _, c := range s.BySite {
		ew.printf("  %-40s %6d\n", c.Key, c.Reports)
	}
	ew.printf("\nTop entities per label (reports, mentions)\n")
	for _, l := range pipeline.Labels {
		es := s.TopEntities[l]
		if len(es) == 0 {
			continue
		}
		ew.printf("  %s\n", l)
		for _, e := range es {
			id := ""
			if e.ID != "" {
				id = "  [" + e.ID + "]"
			}
			ew.printf("    %-40s %5d %6d%s\n", e.Name, e.Reports, e.Mentions, id)
		}
	}
	ew.printf("\nEntities named together most often (sentences, Dice)\n")
	if s.PairsApproximate {
		ew.printf("  (rare pairs were pruned to bound memory; frequent pairs are exact)\n")
	}
	for _, p := range s.Pairs {
		ew.printf("  %-30s + %-30s %5d  %.2f\n", p.A+" ("+p.LabelA+")", p.B+" ("+p.LabelB+")", p.Sentences, p.Dice)
	}
	ew.printf("\nEstimative phrases by month (mean probability of likelihood phrases)\n")
	ew.printf("  %-8s %s %6s\n", "month", header(), "mean")
	for _, m := range s.Judgments {
		ew.printf("  %-8s %s %6s\n", m.Month, row(m.Counts), prob(m.Mean))
	}
	if t := s.Track; t != nil {
		ew.printf("\nJudgments about %q over time", t.Query)
		if len(t.Matched) == 0 {
			ew.printf(": no entity matched\n")
		} else {
			ew.printf(" (matched %s)\n", strings.Join(t.Matched, ", "))
			ew.printf("  %-8s %7s %9s %6s %6s\n", "month", "reports", "sentences", "judged", "mean")
			for _, p := range t.Points {
				ew.printf("  %-8s %7d %9d %6d %6s\n", p.Month, p.Reports, p.Sentences, p.Judged, prob(p.Mean))
			}
		}
	}
	return ew.err
}

func header() string {
	var b strings.Builder
	for _, c := range Categories {
		fmt.Fprintf(&b, " %6s", abbrev(c))
	}
	return b.String()
}

func row(counts map[string]int) string {
	var b strings.Builder
	for _, c := range Categories {
		fmt.Fprintf(&b, " %6d", counts[c])
	}
	return b.String()
}

// abbrev shortens a category name for a column header.
func abbrev(c string) string {
	parts := strings.Split(c, "_")
	if len(parts) == 1 {
		return c[:min(len(c), 6)]
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p[:min(len(p), 3)])
	}
	return b.String()[:min(b.Len(), 6)]
}

func prob(p *float64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f", *p)
}

func bar(n, maxN, width int) string {
	if maxN == 0 {
		return ""
	}
	return strings.Repeat("#", max(1, n*width/maxN))
}

// errWriter keeps the first write error, so printing code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, a ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, a...)
	}
}

// sortedCategories returns the categories present in counts, in chart order.
func sortedCategories(counts map[string]int) []string {
	var out []string
	for _, c := range Categories {
		if counts[c] > 0 {
			out = append(out, c)
		}
	}
	for c := range counts {
		if !slices.Contains(Categories, c) {
			out = append(out, c)
		}
	}
	return out
}
