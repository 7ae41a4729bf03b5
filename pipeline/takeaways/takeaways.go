// Package takeaways owns key-takeaway bullets: it finds the takeaway section
// of a report whatever its heading ("Key Takeaways", "Key Findings", "Key
// Judgments", "Bottom Line Up Front", "Executive Summary"...), takes the first
// list in it, and records each bullet with its label, the entities and
// estimative phrases inside it and its own likelihood summary. A report with
// no such section gets up to N derived takeaways (extractive, marked derived).
package takeaways

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/estimative"
)

// Options configures the stage.
type Options struct {
	Derive int // how many takeaways to derive when a report has none; 0 turns deriving off
}

// Stage is the takeaways stage; safe for concurrent use.
type Stage struct {
	opts  Options
	scale *models.Scale
}

// New returns the stage; scale is used for the likelihood summaries.
func New(opts Options, scale *models.Scale) *Stage { return &Stage{opts: opts, scale: scale} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "takeaways" }

var (
	// strongRE names sections that are lists of takeaways; weakRE names
	// summaries that are used only when no strong heading exists.
	strongRE = regexp.MustCompile(`^(?:the |our |\d+ )?(?:(?:key|main|top|major|principal|core|primary|critical)(?: analytic)? (?:take ?aways?|findings?|points?|judge?ments?|highlights?|insights?|conclusions?|messages?|observations?|assessments?|facts?)|bottom line up front|bluf|bottom line|summary of (?:key )?(?:findings|judge?ments|points|takeaways)|take ?aways?|what you need to know)\b`)
	weakRE   = regexp.MustCompile(`^(?:executive summary|summary|highlights|at a glance|in brief|tl ?dr|in summary|overview of findings)\b`)
	labelRE  = regexp.MustCompile(`^([\p{Lu}\d][^:.!?;\n]{1,79}?):[\s\x{00a0}]+\S`)
)

// headingStrength is 2 for a heading that names a takeaway list, 1 for a
// summary heading, 0 otherwise.
func headingStrength(h string) int {
	n := normHeading(h)
	switch {
	case strongRE.MatchString(n):
		return 2
	case weakRE.MatchString(n):
		return 1
	}
	return 0
}

// IsTakeawayHeading reports whether a heading names a takeaway section.
func IsTakeawayHeading(h string) bool { return headingStrength(h) > 0 }

func normHeading(h string) string {
	var sb strings.Builder
	space := false
	for _, r := range strings.ToLower(h) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			space = true
		}
	}
	return sb.String()
}

// Process implements pipeline.Stage.
func (s *Stage) Process(_ context.Context, doc *pipeline.Document) error {
	doc.Takeaways = doc.Takeaways[:0]
	blocks := doc.Blocks
	want := 0
	for _, b := range blocks {
		if b.Kind == pipeline.BlockHeading {
			want = max(want, headingStrength(doc.Text[b.Start:b.End]))
		}
	}
	for i, b := range blocks {
		if want == 0 || b.Kind != pipeline.BlockHeading || headingStrength(doc.Text[b.Start:b.End]) != want {
			continue
		}
		heading := doc.Text[b.Start:b.End]
		list := 0
		for _, nb := range blocks[i+1:] {
			if nb.Kind == pipeline.BlockHeading && nb.Level <= b.Level {
				break
			}
			if nb.Kind == pipeline.BlockBullet {
				if list == 0 {
					list = nb.List
				}
				if nb.List != list {
					break
				}
				s.add(doc, nb.Start, nb.End, heading, false)
			} else if list != 0 && nb.Kind != pipeline.BlockBoilerplate {
				break
			}
		}
	}
	if len(doc.Takeaways) == 0 && s.opts.Derive > 0 {
		s.derive(doc)
	}
	return nil
}

// add records one takeaway over [start, end).
func (s *Stage) add(doc *pipeline.Document, start, end int, heading string, derived bool) {
	for end > start {
		r, n := utf8.DecodeLastRuneInString(doc.Text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if start >= end {
		return
	}
	t := pipeline.Takeaway{Start: start, End: end, Text: doc.Text[start:end], Heading: heading, Derived: derived,
		Entities: []int{}, Estimative: []int{}}
	if m := labelRE.FindStringSubmatch(t.Text); m != nil && len(strings.Fields(m[1])) <= 8 {
		t.Label = strings.TrimSpace(m[1])
	}
	// Both lists are sorted by start (pipeline.Document.SortAnnotations).
	for i := sort.Search(len(doc.Entities), func(i int) bool { return doc.Entities[i].Start >= start }); i < len(doc.Entities) && doc.Entities[i].Start < end; i++ {
		if doc.Entities[i].End <= end {
			t.Entities = append(t.Entities, i)
		}
	}
	for i := sort.Search(len(doc.Estimative), func(i int) bool { return doc.Estimative[i].Start >= start }); i < len(doc.Estimative) && doc.Estimative[i].Start < end; i++ {
		if doc.Estimative[i].End <= end {
			t.Estimative = append(t.Estimative, i)
		}
	}
	t.Likelihood = estimative.Summarize(doc.Estimative, t.Estimative, s.scale)
	doc.Takeaways = append(doc.Takeaways, t)
}

// derive picks up to N sentences that carry the report. Analysts' own
// takeaway lists mostly repeat the topic sentence of a body paragraph (measured
// on ISW reports: 102 of the 109 bullets that have a close match in the body),
// so paragraph-leading sentences are the candidates, ranked by whether they
// carry a judgment, how many named entities they hold and how early they come.
func (s *Stage) derive(doc *pipeline.Document) {
	type cand struct {
		idx   int
		score float64
	}
	entCount := make([]int, len(doc.Sentences))
	for _, e := range doc.Entities {
		if si := doc.SentenceAt(e.Start); si >= 0 {
			entCount[si]++
		}
	}
	var cands []cand
	bi := 0
	para := 0
	for i, st := range doc.Sentences {
		for bi < len(doc.Blocks) && doc.Blocks[bi].End <= st.Start {
			bi++
		}
		if bi >= len(doc.Blocks) || doc.Blocks[bi].Start > st.Start {
			continue
		}
		b := doc.Blocks[bi]
		if b.Kind != pipeline.BlockParagraph || i > 0 && doc.Sentences[i-1].Start >= b.Start {
			continue // only the first sentence of a paragraph
		}
		words := len(strings.Fields(doc.Text[st.Start:st.End]))
		if words < 8 || words > 60 {
			continue
		}
		para++
		// Weights tuned on 20 ISW reports with their lists hidden (scripts/eval.sh).
		sc := 1.0/(1.0+0.15*float64(para)) + 0.01*float64(words)
		switch st.Judgment {
		case "":
		case "possible":
			sc += 0.3
		default:
			sc += 0.6
		}
		sc += 0.1 * float64(min(entCount[i], 6))
		cands = append(cands, cand{i, sc})
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	if len(cands) > s.opts.Derive {
		cands = cands[:s.opts.Derive]
	}
	sort.Slice(cands, func(a, b int) bool { return cands[a].idx < cands[b].idx })
	for _, c := range cands {
		st := doc.Sentences[c.idx]
		heading := ""
		for k := sort.Search(len(doc.Sections), func(i int) bool { return doc.Sections[i].Start > st.Start }) - 1; k >= 0; k-- {
			if sec := doc.Sections[k]; st.End <= sec.End {
				heading = sec.Heading // the innermost section holding the sentence
				break
			}
		}
		s.add(doc, st.Start, st.End, heading, true)
	}
}
