package entities

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/pipeline"
)

// TrainDoc is one training document: text, sentence ranges and gold entities
// (byte offsets into Text, labels as the data names them).
type TrainDoc struct {
	ID        string
	Text      string
	Sentences []pipeline.Span
	Entities  []pipeline.Entity
	// Only, when set, lists the labels the document is annotated for: a
	// word left O may still be an entity of another label, so predicting
	// one there is not counted as a mistake (AnnoCTR's "ext" split has no
	// malware, group or tool layer).
	Only []string
}

// ReadCoNLL reads a CoNLL/IOB2 file: the token is the first column and the
// tag the last (space- or tab-separated), blank lines end sentences, and
// -DOCSTART- or <DOCSTART> lines start documents. Tokens are joined with
// spaces, sentences with newlines, as the scorer's conll2corpus does.
func ReadCoNLL(path string) ([]TrainDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := parseCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

func parseCoNLL(r io.Reader) ([]TrainDoc, error) {
	var docs []TrainDoc
	var b strings.Builder
	var d TrainDoc
	sentStart, inSent := 0, false
	var cur *pipeline.Entity
	closeEnt := func() {
		if cur != nil {
			cur.Text = b.String()[cur.Start:cur.End]
			d.Entities = append(d.Entities, *cur)
			cur = nil
		}
	}
	endSentence := func() {
		closeEnt()
		if inSent {
			d.Sentences = append(d.Sentences, pipeline.Span{Start: sentStart, End: b.Len()})
			b.WriteByte('\n')
			inSent = false
		}
	}
	endDoc := func() {
		endSentence()
		if len(d.Sentences) > 0 {
			d.Text = b.String()
			d.ID = fmt.Sprintf("doc%04d", len(docs)+1)
			docs = append(docs, d)
		}
		d = TrainDoc{}
		b.Reset()
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			endSentence()
			continue
		}
		var cols []string
		if strings.Contains(line, "\t") {
			cols = strings.Split(line, "\t")
		} else {
			cols = strings.Fields(line)
		}
		tok, tag := cols[0], "O"
		if len(cols) > 1 {
			tag = strings.TrimSpace(cols[len(cols)-1])
		}
		if tok == "-DOCSTART-" || tok == "<DOCSTART>" {
			endDoc()
			continue
		}
		if strings.TrimSpace(tok) == "" {
			continue
		}
		if tag != "O" && (!strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") || len(tag) == 2) {
			return nil, fmt.Errorf("line %d: tag %q is not IOB2 (O, B-X, I-X)", ln, tag)
		}
		if !inSent {
			sentStart, inSent = b.Len(), true
		} else {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(tok)
		switch {
		case tag == "O":
			closeEnt()
		case strings.HasPrefix(tag, "I-") && cur != nil && cur.Label == tag[2:]:
			cur.End = b.Len()
		default: // B-X, or an I-X that starts an entity (IOB1 style)
			closeEnt()
			cur = &pipeline.Entity{Start: start, End: b.Len(), Label: tag[2:]}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	endDoc()
	return docs, nil
}

// ReadRecords reads training documents from sitrep records (JSON Lines),
// so corrected output can be trained on.
func ReadRecords(path string) ([]TrainDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []TrainDoc
	err = pipeline.DecodeRecords(path, f, func(d *pipeline.Document) error {
		td := TrainDoc{ID: d.ID, Text: d.Text, Entities: d.Entities}
		for _, s := range d.Sentences {
			td.Sentences = append(td.Sentences, pipeline.Span{Start: s.Start, End: s.End})
		}
		docs = append(docs, td)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// ReadTrainingFile reads CoNLL/IOB2, or JSON Lines records when the name ends in .jsonl.
func ReadTrainingFile(path string) ([]TrainDoc, error) {
	if strings.HasSuffix(path, ".jsonl") {
		return ReadRecords(path)
	}
	return ReadCoNLL(path)
}

// example is one training sentence.
type example struct {
	in   sentenceInput
	gold []int
	only map[int]bool // tags annotated (nil: all)
	doc  int          // index of its document: examples of a document are adjacent, in order
}

// TrainOptions control training.
type TrainOptions struct {
	Epochs   int               // passes over the data (default 25); the best epoch on dev is kept
	Bits     uint              // log2 of the feature table rows (default 20)
	Labels   []string          // model labels to learn (default: all in the training data)
	LabelMap map[string]string // model label -> record label (default: DefaultLabelMap)
	Seed     uint64
	Log      io.Writer // per-epoch progress
	// GazDropout is the share of training sentences seen without their
	// gazetteer clues (default 0.25; negative: none). Without it the model
	// learns "a name is what the list holds" and misses unlisted names.
	GazDropout float64
	// History adds the document-level prediction history features.
	History bool
	// Restarts is how many runs, with different shuffles, are averaged (default 1).
	Restarts int
	// Features turns on optional feature groups (recorded in the model).
	Features Features
	// PlainMin is how often a lower-case word must occur in the training
	// data, never inside a name, to be tagged O unscored (ModelMeta.Plain);
	// 0: the default, 3; negative: none.
	PlainMin int
}

// DefaultLabelMap maps the labels of common datasets to record labels; a
// label mapped to "" is learnt (it helps tell the others apart) but not output.
var DefaultLabelMap = map[string]string{"PER": pipeline.LabelPerson, "PERSON": pipeline.LabelPerson, "ORG": pipeline.LabelOrg,
	"LOC": pipeline.LabelLoc, "GPE": pipeline.LabelGPE, "MISC": "", "NORP": pipeline.LabelNORP, "FAC": pipeline.LabelFac,
	"GROUP": pipeline.LabelGroup, "MALWARE": pipeline.LabelMalware, "TOOL": pipeline.LabelTool, "SECTOR": pipeline.LabelSector,
	"DATE": pipeline.LabelDate}

// Train learns a model from train, keeping the epoch that scores best on dev
// (or the last epoch without dev).
func (s *Stage) Train(train, dev []TrainDoc, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 25
	}
	if opt.Bits == 0 {
		opt.Bits = 20
	}
	if opt.LabelMap == nil {
		opt.LabelMap = DefaultLabelMap
	}
	labels := opt.Labels
	if len(labels) == 0 {
		seen := map[string]bool{}
		for _, d := range train {
			for _, e := range d.Entities {
				if !seen[e.Label] {
					seen[e.Label] = true
					labels = append(labels, e.Label)
				}
			}
		}
		slices.Sort(labels)
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("no entities in the training data")
	}
	if opt.GazDropout == 0 {
		opt.GazDropout = 0.25
	}
	if opt.PlainMin == 0 {
		opt.PlainMin = 3
	}
	meta := ModelMeta{Version: featureVersion, Bits: opt.Bits, Tags: []string{"O"}, LabelMap: map[string]string{}, Epochs: opt.Epochs, History: opt.History, Features: opt.Features}
	for _, l := range labels {
		meta.Tags = append(meta.Tags, "B-"+l, "I-"+l)
		if v, ok := opt.LabelMap[l]; ok {
			meta.LabelMap[l] = v
		} else {
			meta.LabelMap[l] = l // a record label already, or the user's own
		}
	}
	m, err := newModel(meta)
	if err != nil {
		return nil, err
	}
	tagIndex := map[string]int{}
	for i, t := range meta.Tags {
		tagIndex[t] = i
	}
	// The examples are prepared by the model being trained: its optional
	// feature groups (and word clusters) are those the weights will mean.
	ts := *s
	ts.model = m
	trainEx := ts.examples(train, tagIndex)
	devEx := ts.examples(dev, tagIndex)
	if len(trainEx) == 0 {
		return nil, fmt.Errorf("no training sentences")
	}
	// Restarts differ only in their shuffles; their weights are averaged,
	// which for a linear model is the ensemble of their scores, so the
	// model does not hang on one lucky or unlucky order.
	restarts := max(opt.Restarts, 1)
	var sum []float32
	epochs := 0
	for r := range restarts {
		w, epoch, f := m.trainRun(trainEx, devEx, opt, opt.Seed+uint64(r))
		if opt.Log != nil && restarts > 1 {
			fmt.Fprintf(opt.Log, "run %d of %d: epoch %d%s\n", r+1, restarts, epoch, DevNote(len(devEx), ", dev F1", f))
		}
		if sum == nil {
			sum = w
		} else {
			for i, v := range w {
				sum[i] += v
			}
		}
		epochs = max(epochs, epoch)
	}
	if restarts > 1 {
		for i := range sum {
			sum[i] /= float32(restarts)
		}
	}
	m.w = sum
	m.Meta.Epochs, m.Meta.Restarts = epochs, restarts
	if len(devEx) > 0 {
		m.Meta.DevF1 = m.evaluate(devEx).Micro.F1
		if opt.Log != nil && restarts > 1 {
			fmt.Fprintf(opt.Log, "averaged: dev F1 %.4f\n", m.Meta.DevF1)
		}
	}
	m.setPlain(plainWords(trainEx, opt.PlainMin))
	m.freeze()
	return m, nil
}

// DevNote is how a training log line ends: the dev F1 after sep, or
// nothing when there is no dev data.
func DevNote(devSentences int, sep string, f1 float64) string {
	if devSentences == 0 {
		return ""
	}
	return fmt.Sprintf("%s %.4f", sep, f1)
}

// plainWords returns the lower-case words that occur at least min times in
// the training sentences and never begin an entity there. Decoding skips
// them only after an O, where they could only begin one: a word inside
// names ("forces" of "Armed Forces", "com" of "Amazon.com") is plain too.
func plainWords(exs []example, min int) []string {
	if min <= 0 {
		return nil
	}
	seen, inName := map[string]int{}, map[string]bool{}
	for _, ex := range exs {
		// Partially annotated sentences count too: every source annotates
		// some names, and a lower-case word beginning one of them is marked.
		for i, l := range ex.in.lower {
			if ex.in.upper[i] {
				continue
			}
			seen[l]++
			if ex.gold[i]%2 == 1 { // B- tags are odd: O, B-x, I-x, B-y...
				inName[l] = true
			}
		}
	}
	var out []string
	for w, n := range seen {
		if n >= min && !inName[w] && !functionWords[w] && isLowerWord(w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// isLowerWord: letters only, at least one, none upper-case.
func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// setPlain sets the learned plain words; m.plain also holds the function
// words, so that decoding tests a word against one set, not two.
func (m *Model) setPlain(ws []string) {
	m.Meta.Plain = ws
	m.plain = make(map[string]bool, len(ws)+len(functionWords))
	for w := range functionWords {
		m.plain[w] = true
	}
	for _, w := range ws {
		m.plain[w] = true
	}
}

// trainRun trains m's weights from zero with one shuffling seed and returns
// the averaged weights of the epoch that scores best on dev (or of the last
// epoch without dev), that epoch and its dev F1.
func (m *Model) trainRun(trainEx, devEx []example, opt TrainOptions, seed uint64) ([]float32, int, float64) {
	m.w = make([]float32, m.tableLen())
	// Averaged perceptron with lazy averaging: acc holds sum(c * delta).
	acc := make([]float64, len(m.w))
	c := 1.0
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	// With history features, documents are shuffled and their sentences
	// kept in order (the features need the document's earlier predictions);
	// without, each sentence is shuffled on its own.
	docs := docRanges(trainEx)
	if !m.Meta.History {
		docs = make([][2]int, len(trainEx))
		for i := range docs {
			docs[i] = [2]int{i, i + 1}
		}
	}
	// The dropout share as a fraction of small integers, drawn exactly.
	dropNum, dropDen := fraction(opt.GazDropout)
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sc := make([]float32, m.nTags)
	var dyn []uint64
	update := func(fs []uint64, t int, d float32) {
		for _, h := range fs {
			k := int(h&m.mask)*m.stride + t
			m.w[k] += d
			acc[k] += c * float64(d)
		}
	}
	best, bestF, bestEpoch := []float32(nil), -1.0, 0
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, words := 0, 0
		for _, d := range order {
			hist := m.newHistory()
			for k := docs[d][0]; k < docs[d][1]; k++ {
				ex := &trainEx[k]
				p1, p2 := m.nTags, m.nTags
				dropGaz := dropNum > 0 && rng.IntN(dropDen) < dropNum
				for i := range ex.in.static {
					static := ex.in.static[i]
					if dropGaz {
						static = static[:len(static)-ex.in.nGaz[i]]
					}
					dyn = hist.features(&ex.in, i, dynamic(&ex.in, i, p1, p2, dyn))
					m.scores(static, dyn, sc, m.nTags)
					guess := -1
					for t, v := range sc {
						if m.allowed[p1][t] && (guess < 0 || v > sc[guess]) {
							guess = t
						}
					}
					if g := ex.gold[i]; guess != g && (ex.only == nil || g != 0 || ex.only[guess]) {
						errs++
						update(static, g, 1)
						update(dyn, g, 1)
						update(static, guess, -1)
						update(dyn, guess, -1)
					}
					hist.record(m, &ex.in, i, guess)
					c++
					words++
					p2, p1 = p1, guess
				}
			}
		}
		// Score the averaged weights of this epoch, then go on training the raw ones.
		raw := m.w
		m.w = make([]float32, len(raw))
		for i := range raw {
			m.w[i] = raw[i] - float32(acc[i]/c)
		}
		f := -1.0
		if len(devEx) > 0 {
			f = m.evaluate(devEx).Micro.F1
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "epoch %2d: %d words, %.2f%% wrong in training%s\n", epoch, words, 100*float64(errs)/float64(words), DevNote(len(devEx), "; dev F1", f))
		}
		if len(devEx) == 0 || f > bestF {
			best, bestF, bestEpoch = m.w, f, epoch
		}
		m.w = raw
	}
	return best, bestEpoch, bestF
}

// fraction writes p (0..1, to the percent) as num/den in lowest terms.
func fraction(p float64) (num, den int) {
	num, den = int(math.Round(max(0, min(1, p))*100)), 100
	a, b := num, den
	for b != 0 {
		a, b = b, a%b
	}
	return num / a, den / a
}

// docRanges returns the [first, last+1) example range of each document.
func docRanges(exs []example) [][2]int {
	var out [][2]int
	for i := range exs {
		if i == 0 || exs[i].doc != exs[i-1].doc {
			out = append(out, [2]int{i, i})
		}
		out[len(out)-1][1] = i + 1
	}
	return out
}

// examples turns documents into tagged sentences. Entities are assigned to
// the words they cover (a word only partly covered stays outside).
func (s *Stage) examples(docs []TrainDoc, tagIndex map[string]int) []example {
	var out []example
	for di, d := range docs {
		sents := make([][]word, len(d.Sentences))
		for i, sp := range d.Sentences {
			sents[i] = splitWords(d.Text, sp.Start, sp.End)
			s.gaz.mark(sents[i])
		}
		caps := docCapitals(sents)
		ents := slices.Clone(d.Entities)
		slices.SortFunc(ents, func(a, b pipeline.Entity) int { return a.Start - b.Start })
		for _, ws := range sents {
			if len(ws) == 0 {
				continue
			}
			gold := make([]int, len(ws))
			for _, e := range ents {
				first := true
				for k, w := range ws {
					if w.start >= e.Start && w.end <= e.End {
						t, ok := tagIndex["I-"+e.Label]
						if first {
							t, ok = tagIndex["B-"+e.Label]
						}
						if ok && gold[k] == 0 {
							gold[k] = t
							first = false
						}
					}
				}
			}
			ex := example{in: s.prepare(d.Text, ws, caps, nil, false), gold: gold, doc: di}
			if d.Only != nil {
				ex.only = map[int]bool{}
				for _, l := range d.Only {
					ex.only[tagIndex["B-"+l]], ex.only[tagIndex["I-"+l]] = true, true
				}
				delete(ex.only, 0)
			}
			out = append(out, ex)
		}
	}
	return out
}

// Scores are precision, recall and F1 per label and overall.
type Scores struct {
	Labels map[string]PRF `json:"labels"`
	Micro  PRF            `json:"micro"`
}

// PRF is one line of a score table.
type PRF struct {
	P, R, F1        float64
	TP, FP, FN      int
	Gold, Predicted int
}

// evaluate decodes examples and scores exact word spans per model label.
func (m *Model) evaluate(exs []example) Scores {
	var gold, pred [][3]int
	var hist history
	for i := range exs {
		if i == 0 || exs[i].doc != exs[i-1].doc {
			hist = m.newHistory()
		}
		g := m.spans(exs[i].gold)
		p := m.spans(m.decode(&exs[i].in, hist))
		for _, x := range g {
			gold = append(gold, [3]int{i<<20 | x[0], x[1], x[2]})
		}
		for _, x := range p {
			if exs[i].only != nil && !exs[i].only[x[2]] {
				continue // a label this document does not annotate: neither right nor wrong
			}
			pred = append(pred, [3]int{i<<20 | x[0], x[1], x[2]})
		}
	}
	label := func(x [3]int) string { return m.tagLabel[x[2]] }
	return Score(gold, pred, label)
}

// Score compares gold and predicted spans (any comparable triple whose
// label label() names) and returns the table.
func Score(gold, pred [][3]int, label func([3]int) string) Scores {
	s := Scores{Labels: map[string]PRF{}}
	g := map[[3]int]bool{}
	for _, x := range gold {
		g[x] = true
		p := s.Labels[label(x)]
		p.Gold++
		s.Labels[label(x)] = p
	}
	for _, x := range pred {
		p := s.Labels[label(x)]
		p.Predicted++
		if g[x] {
			p.TP++
		}
		s.Labels[label(x)] = p
	}
	for l, p := range s.Labels {
		p.FP, p.FN = p.Predicted-p.TP, p.Gold-p.TP
		p.finish()
		s.Labels[l] = p
		s.Micro.TP += p.TP
		s.Micro.FP += p.FP
		s.Micro.FN += p.FN
		s.Micro.Gold += p.Gold
		s.Micro.Predicted += p.Predicted
	}
	s.Micro.finish()
	return s
}

func (p *PRF) finish() {
	if p.TP+p.FP > 0 {
		p.P = float64(p.TP) / float64(p.TP+p.FP)
	}
	if p.TP+p.FN > 0 {
		p.R = float64(p.TP) / float64(p.TP+p.FN)
	}
	if p.P+p.R > 0 {
		p.F1 = 2 * p.P * p.R / (p.P + p.R)
	}
}

// ReadTraining reads training files; a path written LABEL+LABEL@FILE
// declares the labels the file annotates (the others are not learnt from it).
func ReadTraining(paths []string) ([]TrainDoc, error) {
	var docs []TrainDoc
	for _, p := range paths {
		var only []string
		if l, f, ok := strings.Cut(p, "@"); ok && !strings.ContainsAny(l, "/\\") {
			only, p = strings.Split(l, "+"), f
		}
		d, err := ReadTrainingFile(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		for i := range d {
			d[i].Only = only
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

// DescribeFiles summarises training files by folder: "dir (70 files)".
func DescribeFiles(paths []string) []string {
	count := map[string]int{}
	var dirs []string
	for _, p := range paths {
		if _, f, ok := strings.Cut(p, "@"); ok {
			p = f
		}
		d := filepath.Base(filepath.Dir(p)) + "/"
		if count[d] == 0 {
			dirs = append(dirs, d)
		}
		count[d]++
	}
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = fmt.Sprintf("%s (%d files)", d, count[d])
	}
	return out
}
