// Package estimative owns analytic-confidence language: it finds estimative
// phrases (likelihood judgments mapped to ICD 203 bands, hedges, confidence
// levels) over the tokens of each sentence, applies the context rules that a
// word list alone gets wrong (the month May, "could not", "probable cause",
// negation, attribution), and scores sentences and the whole report.
package estimative

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// Stage is the estimative stage; safe for concurrent use after New.
type Stage struct {
	scale   *models.Scale
	byFirst map[string][]models.Phrase // longest first
}

// New builds the phrase index for the lexicon; scale is "icd203" or "phia".
func New(lx *models.Estimative, scale string) (*Stage, error) {
	sc, ok := lx.Scales[scale]
	if !ok {
		return nil, fmt.Errorf("unknown probability scale %q (want icd203 or phia)", scale)
	}
	s := &Stage{scale: sc, byFirst: map[string][]models.Phrase{}}
	for _, p := range lx.Phrases {
		s.byFirst[p.Words[0]] = append(s.byFirst[p.Words[0]], p)
	}
	for _, ps := range s.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].Words) > len(ps[j].Words) })
	}
	return s, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "estimative" }

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *pipeline.Document) error {
	doc.Estimative = doc.Estimative[:0]
	for si := range doc.Sentences {
		if si%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		sent := &doc.Sentences[si]
		if doc.InBoilerplate(sent.Start, sent.End) {
			continue
		}
		toks := doc.Tokens[sent.TokenStart:sent.TokenEnd]
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = fold(doc.Text[t.Start:t.End])
		}
		first := len(doc.Estimative)
		for i := 0; i < len(words); {
			n := s.matchAt(doc.Text, toks, words, i, si, &doc.Estimative)
			if n == 0 {
				n = 1
			}
			i += n
		}
		found := doc.Estimative[first:]
		if len(found) == 0 {
			continue
		}
		src := attribution(doc.Text[sent.Start:sent.End])
		for k := range found {
			found[k].Source = src
		}
		sent.Judgment = judgment(found)
	}
	doc.Judgments = Summarize(doc.Estimative, nil, s.scale)
	reportScores(doc)
	doc.Lint = Lint(doc)
	return nil
}

// reportScores adds the report-level measures to doc.Judgments: words, hedge
// density per 1,000 words, and the share of likelihood judgments whose
// sentence also states a confidence level.
func reportScores(doc *pipeline.Document) {
	j := doc.Judgments
	for _, t := range doc.Tokens {
		r, _ := utf8.DecodeRuneInString(doc.Text[t.Start:t.End])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j.Words++
		}
	}
	if j.Words > 0 {
		d := float64(j.Hedges) * 1000 / float64(j.Words)
		j.HedgeDensity = &d
	}
	if j.Judgments > 0 {
		conf := map[int]bool{}
		for _, e := range doc.Estimative {
			if e.Kind == pipeline.KindConfidence {
				conf[e.Sentence] = true
			}
		}
		n := 0
		for _, e := range doc.Estimative {
			if e.Kind == pipeline.KindLikelihood && conf[e.Sentence] {
				n++
			}
		}
		share := float64(n) / float64(j.Judgments)
		j.ConfidenceShare = &share
	}
}

// Lint rules.
const (
	RuleLikelihoodWithConfidence = "likelihood-with-confidence"
	RuleMixedScales              = "mixed-scales"
	RuleHedgeWithoutBand         = "hedge-without-band"
)

// Lint checks a document's estimative language against ICD 203: a sentence
// should not combine a likelihood term with a confidence level; a report
// should use one probability yardstick; a judgment should carry a likelihood
// band rather than a bare hedge.
func Lint(doc *pipeline.Document) []pipeline.Lint {
	out := []pipeline.Lint{}
	bySentence := map[int][]pipeline.Estimate{}
	var order []int
	for _, e := range doc.Estimative {
		if _, ok := bySentence[e.Sentence]; !ok {
			order = append(order, e.Sentence)
		}
		bySentence[e.Sentence] = append(bySentence[e.Sentence], e)
	}
	var firstICD, firstPHIA *pipeline.Estimate
	for _, si := range order {
		es := bySentence[si]
		var lik, conf, hedge []pipeline.Estimate
		for i := range es {
			switch es[i].Kind {
			case pipeline.KindLikelihood:
				lik = append(lik, es[i])
			case pipeline.KindConfidence:
				conf = append(conf, es[i])
			case pipeline.KindHedge:
				hedge = append(hedge, es[i])
			}
			switch es[i].Scale {
			case models.ScaleICD203:
				if firstICD == nil {
					firstICD = &es[i]
				}
			case models.ScalePHIA:
				if firstPHIA == nil {
					firstPHIA = &es[i]
				}
			}
		}
		st := doc.Sentences[si]
		switch {
		case len(lik) > 0 && len(conf) > 0:
			out = append(out, pipeline.Lint{Start: st.Start, End: st.End, Rule: RuleLikelihoodWithConfidence,
				Message: fmt.Sprintf("%q (likelihood) and %q (confidence) in one sentence: ICD 203 keeps likelihood and analytic confidence apart", lik[0].Text, conf[0].Text)})
		case len(hedge) > 0 && len(lik) == 0 && len(conf) == 0:
			out = append(out, pipeline.Lint{Start: st.Start, End: st.End, Rule: RuleHedgeWithoutBand,
				Message: fmt.Sprintf("%q hedges without a likelihood band: say how likely (e.g. \"likely\", \"roughly even chance\")", hedge[0].Text)})
		}
	}
	if firstICD != nil && firstPHIA != nil {
		later := firstPHIA
		if later.Start < firstICD.Start {
			later = firstICD
		}
		out = append(out, pipeline.Lint{Start: later.Start, End: later.End, Rule: RuleMixedScales,
			Message: fmt.Sprintf("the report mixes yardsticks: %q (ICD 203) and %q (UK PHIA)", firstICD.Text, firstPHIA.Text)})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// matchAt tries the phrases that start at word i; it appends at most one
// estimate and returns the number of words consumed (0 when nothing matched).
func (s *Stage) matchAt(text string, toks []pipeline.Token, words []string, i, si int, out *[]pipeline.Estimate) int {
	for _, p := range s.byFirst[words[i]] {
		n := len(p.Words)
		if i+n > len(words) || !equalWords(words[i:i+n], p.Words) {
			continue
		}
		cat, ok := accept(p, text, toks, words, i)
		if !ok {
			continue
		}
		e := pipeline.Estimate{Start: toks[i].Start, End: toks[i+n-1].End, Kind: p.Kind, Category: cat, Sentence: si}
		e.Text = text[e.Start:e.End]
		if p.Scale != "-" {
			e.Scale = p.Scale
		}
		for _, w := range p.Words {
			if w == "not" || w == "n't" {
				e.Negated = true
			}
		}
		if p.Kind == pipeline.KindHedge && i+n < len(words) && (words[i+n] == "not" || words[i+n] == "n't") {
			e.Negated = true
		}
		if p.Kind == pipeline.KindLikelihood {
			b := s.scale.Bands[cat]
			lo, hi := b.Low, b.High
			e.Low, e.High = &lo, &hi
		}
		*out = append(*out, e)
		return n
	}
	if n, e, ok := s.statedRisk(text, toks, words, i, si); ok {
		*out = append(*out, e)
		return n
	}
	return 0
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// fold lower-cases a token and folds typographic apostrophes.
func fold(s string) string {
	s = strings.ToLower(s)
	if strings.ContainsRune(s, '’') {
		s = strings.ReplaceAll(s, "’", "'")
	}
	return s
}

func at(words []string, i int) string {
	if i < 0 || i >= len(words) {
		return ""
	}
	return words[i]
}

var (
	beVerbs         = set("is", "are", "was", "were", "be", "been", "remains", "remain", "remained", "seems", "appears", "looks")
	abilityNext     = set("not", "n't", "never", "have", "hardly", "barely", "only", "easily")
	possibleBefore  = set("if", "where", "wherever", "whenever", "when", "best", "all", "every", "any", "whatever", "everything", "soon", "far", "much", "quickly", "fast", "early", "greatest", "highest", "lowest", "largest", "maximum", "only")
	potentialAfter  = set("to", "of", ".", ",", ";", ":", ")", "and", "in", "as", "that", "is", "was")
	potentialPrev   = set("full", "combat", "military", "economic", "its", "their", "his", "her", "our", "growth", "offensive", "great", "untapped", "the")
	appearAfter     = set("on", "at", "in", "before", "alongside", "during", "together", "publicly", "with", "onstage", "online", "when", "within", "earlier", "later", "after", "again", ".", ",")
	confPrev        = set("with", "have", "has", "had", "hold", "holds", "at", "of", "express", "expresses")
	confNext        = set("that", "assessment", "assessments", "judgment", "judgments", "judgement", "level", "estimate")
	monthPrev       = set("in", "on", "by", "since", "until", "till", "early", "late", "mid", "mid-", "of", "through", "during", "between", "from", "to", "and", "last", "next", "this", "before", "after")
	personWords     = set("he", "she", "they", "i", "we", "you", "official", "officials", "spokesperson", "spokesman", "minister", "president", "commander", "analyst", "analysts", "expert", "experts", "who", "milblogger", "milbloggers", "source", "sources")
	perceptionVerbs = set("detected", "observed", "measured", "demonstrated", "found", "shown", "identified", "established", "confirmed", "isolated", "mimicked", "obtained", "recovered", "reproduced", "visualized", "seen", "located", "traced", "verified", "determined")
	measureNouns    = set("molecular", "weight", "mass", "size", "affinity", "kd", "km", "dissociation", "density", "volume", "viscosity")
	passiveAux      = set("is", "are", "was", "were", "be", "been", "being", "widely", "generally", "also")
	riskNouns       = set("risk", "likelihood", "chance", "chances", "probability", "possibility", "prospect", "prospects", "threat")
)

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// asAsPossible says "possible" at i closes "as X as possible" ("as soon as
// possible", "as many civilians as possible"): a superlative of degree, not
// a hedge on likelihood.
func asAsPossible(words []string, i int) bool {
	if at(words, i-1) != "as" {
		return false
	}
	for k := i - 3; k >= max(0, i-6); k-- {
		if words[k] == "as" {
			return true
		}
	}
	return false
}

func isDigitWord(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// accept applies the context rules for phrase p at word i and returns the
// category to record.
func accept(p models.Phrase, text string, toks []pipeline.Token, words []string, i int) (string, bool) {
	n := len(p.Words)
	prev, next := at(words, i-1), at(words, i+n)
	switch strings.Join(p.Words, " ") {
	case "may":
		raw := text[toks[i].Start:toks[i].End]
		if raw == "May" && (i > 0 || isDigitWord(next) || monthPrev[prev]) {
			return "", false // the month
		}
		if isDigitWord(next) || monthPrev[prev] && (isDigitWord(next) || next == "." || next == "," || next == "") {
			return "", false
		}
	case "could":
		if abilityNext[next] || next == "n't" {
			return "", false
		}
		if next == "be" && perceptionVerbs[at(words, i+2)] {
			return "", false // "no effect could be detected": ability to observe, not possibility
		}
	case "possible":
		if possibleBefore[prev] || asAsPossible(words, i) || next == "to" ||
			prev == "made" || prev == "make" || prev == "makes" || prev == "making" || at(words, i-2) == "made" {
			return "", false
		}
	case "potential":
		if potentialAfter[next] && (prev != "next" && prev != "a") || potentialPrev[prev] && (next == "of" || next == "to" || next == "." || next == ",") {
			return "", false
		}
	case "remote":
		if !(beVerbs[prev] && (next == "" || next == "." || next == "," || next == ";" || next == "that" || next == "at" || next == "but")) {
			return "", false
		}
	case "probable":
		if next == "cause" {
			return "", false
		}
	case "appear", "appears", "appeared":
		if appearAfter[next] || prev == "first" || prev == "to" && next != "to" {
			return "", false
		}
	case "suggested":
		// "These results suggested that..." is a hedge; "the official suggested
		// that residents leave" is a proposal.
		passive := passiveAux[prev] // "it has been suggested that", "X was suggested to"
		if !passive && (next != "that" || personWords[prev] || i > 0 && isCapitalised(text[toks[i-1].Start:toks[i-1].End])) {
			return "", false
		}
	case "propose that", "proposed that":
		// An analyst's own proposition ("we propose that"), not a proposal of a plan.
		if prev != "we" && !passiveAux[prev] {
			return "", false
		}
	case "apparent":
		if measureNouns[next] || prev == "no" {
			return "", false // "apparent molecular weight": a measurement term, not a hedge
		}
	case "thought to", "believed to", "thought that", "believed that":
		if !passiveAux[prev] && !(passiveAux[at(words, i-2)] && strings.HasSuffix(prev, "ly")) {
			return "", false
		}
	case "high confidence", "moderate confidence", "medium confidence", "low confidence":
		if !confPrev[prev] && !confNext[next] && prev != "-" {
			return "", false
		}
	}
	return p.Category, true
}

// statedRisk handles a likelihood stated as a level of a risk noun: "assesses
// the risk of X as low" (unlikely), "as very low" (very unlikely), and "the
// likelihood of X remains limited" (unlikely, on the noun).
func (s *Stage) statedRisk(text string, toks []pipeline.Token, words []string, i, si int) (int, pipeline.Estimate, bool) {
	w := words[i]
	mk := func(a, b int, cat string) (int, pipeline.Estimate, bool) {
		e := pipeline.Estimate{Start: toks[a].Start, End: toks[b].End, Kind: pipeline.KindLikelihood, Category: cat, Sentence: si}
		e.Text = text[e.Start:e.End]
		band := s.scale.Bands[cat]
		lo, hi := band.Low, band.High
		e.Low, e.High = &lo, &hi
		return b - i + 1, e, true
	}
	// "as (very) low" after a risk noun in the same sentence.
	if (w == "low" || w == "very" && at(words, i+1) == "low") && at(words, i-1) == "as" {
		end := i
		cat := "unlikely"
		if w == "very" {
			end, cat = i+1, "very_unlikely"
		}
		nx := at(words, end+1)
		if nx == "" || nx == "," || nx == "." || nx == ";" || nx == "but" || nx == "and" {
			for k := i - 2; k >= 0 && k >= i-15; k-- {
				if riskNouns[words[k]] {
					return mk(i, end, cat)
				}
			}
		}
	}
	// "the likelihood of ... remains limited/low/slim".
	if w == "likelihood" {
		for k := i + 1; k < len(words) && k <= i+14; k++ {
			if beVerbs[words[k]] {
				switch at(words, k+1) {
				case "limited", "low", "slim", "small", "minimal":
					return mk(i, i, "unlikely")
				case "remote":
					return mk(i, i, "almost_no_chance")
				case "high":
					return mk(i, i, "likely")
				}
				break
			}
		}
	}
	return 0, pipeline.Estimate{}, false
}

var (
	assessRE    = regexp.MustCompile(`\b(ISW|[Ww]e|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,4})(?: (?:also|previously|still|now|further|additionally|continues to|continue to))? (?:assess(?:es|ed)?|judges?|judged|estimates?|estimated|believes?|believed)\b`)
	accordingRE = regexp.MustCompile(`\b[Aa]ccording to (?:the |a |an )?((?:[A-Z][\w’'.-]*|of|the|and)(?: (?:[A-Z][\w’'.-]*|of|the|and)){0,6})`)
)

// attribution returns who a sentence's judgment is attributed to, if it says.
func attribution(sentence string) string {
	// The verbs and "ccording to" are cheap necessary conditions for the patterns.
	if strings.Contains(sentence, "assess") || strings.Contains(sentence, "judge") || strings.Contains(sentence, "estimate") ||
		strings.Contains(sentence, "believe") {
		if m := assessRE.FindStringSubmatch(sentence); m != nil {
			if m[1] == "We" || m[1] == "we" {
				return "we"
			}
			return m[1]
		}
	}
	if !strings.Contains(sentence, "ccording to") {
		return ""
	}
	if m := accordingRE.FindStringSubmatch(sentence); m != nil {
		return strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(m[1], " the")), " of")
	}
	return ""
}

// judgment is the sentence's verdict: its first likelihood band, else
// "possible" when it only hedges, else its confidence level.
func judgment(es []pipeline.Estimate) string {
	for _, e := range es {
		if e.Kind == pipeline.KindLikelihood {
			return e.Category
		}
	}
	for _, e := range es {
		if e.Kind == pipeline.KindHedge {
			return "possible"
		}
	}
	return ""
}

// Summarize scores a set of estimative phrases (idx selects some of es; nil
// means all): counts per category, hedges, and the mean, minimum and maximum
// of the likelihood bands' midpoints, with the band the mean falls in.
func Summarize(es []pipeline.Estimate, idx []int, scale *models.Scale) *pipeline.Likelihood {
	l := &pipeline.Likelihood{Counts: map[string]int{}}
	sum := 0.0
	visit := func(e pipeline.Estimate) {
		l.Counts[e.Category]++
		switch e.Kind {
		case pipeline.KindHedge:
			l.Hedges++
		case pipeline.KindLikelihood:
			if e.Low == nil || e.High == nil {
				return
			}
			l.Judgments++
			mid := (*e.Low + *e.High) / 2
			sum += mid
			if l.Min == nil || mid < *l.Min {
				v := mid
				l.Min = &v
			}
			if l.Max == nil || mid > *l.Max {
				v := mid
				l.Max = &v
			}
		}
	}
	for _, e := range selected(es, idx) {
		visit(e)
	}
	if l.Judgments > 0 {
		m := sum / float64(l.Judgments)
		l.Mean = &m
		l.Category = scale.BandOf(m)
		v := 0.0
		for _, e := range selected(es, idx) {
			if e.Kind == pipeline.KindLikelihood && e.Low != nil && e.High != nil {
				d := (*e.Low+*e.High)/2 - m
				v += d * d
			}
		}
		sd := math.Sqrt(v / float64(l.Judgments))
		l.StdDev = &sd
	}
	if len(l.Counts) == 0 {
		l.Counts = nil
	}
	return l
}

func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// selected returns es[idx...], or all of es when idx is nil.
func selected(es []pipeline.Estimate, idx []int) []pipeline.Estimate {
	if idx == nil {
		return es
	}
	out := make([]pipeline.Estimate, len(idx))
	for k, i := range idx {
		out[k] = es[i]
	}
	return out
}
