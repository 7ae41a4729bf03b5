// Package tokenize owns sentences and tokens: it splits each layout block into
// sentences with a punkt segmenter built once, tokenizes each sentence with
// prose, and aligns prose's tokens to byte offsets in exactly one place
// (Align). prose rewrites quotes and drops words after an opening quote, so it
// is fed a width-preserving normalised copy of the text (Normalize): every
// replacement has the byte length of what it replaces, so offsets carry over.
package tokenize

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"

	"github.com/sitrep/sitrep/pipeline"
)

// Options configures the stage.
type Options struct {
	// Tag adds Penn Treebank part-of-speech tags (about 10x slower than
	// tokenizing alone).
	Tag bool
	// MaxTokens bounds the tokens of one document (<= 0: DefaultMaxTokens).
	// Past it, the rest of the text is left unannotated and a diagnostic says so.
	MaxTokens int
}

// DefaultMaxTokens is about 2.5 MB of report text (some 400 pages): enough
// for any real report, and it keeps one record's memory to a few hundred MB.
const DefaultMaxTokens = 500_000

// maxSentence bounds the text handed to punkt and prose at once: a run of
// text with no sentence boundary (a 50 MB line) is cut at white space.
const maxSentence = 16 << 10

// Stage is the tokenize stage. It is safe for concurrent use: the segmenter
// and the prose model are read-only after New (checked with -race).
type Stage struct {
	opts  Options
	seg   *sentences.DefaultSentenceTokenizer
	model *prose.Model
	// punktOnly makes segment run Punkt on every unit (tests compare).
	punktOnly bool
}

// New builds the punkt segmenter and, when tagging, the prose model: once per process.
func New(opts Options) (*Stage, error) {
	seg, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, fmt.Errorf("load punkt model: %w", err)
	}
	if opts.MaxTokens <= 0 {
		opts.MaxTokens = DefaultMaxTokens
	}
	s := &Stage{opts: opts, seg: seg}
	if opts.Tag {
		s.model = prose.ModelFromData("sitrep-tagger")
	}
	return s, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "tokenize" }

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *pipeline.Document) error {
	text := doc.Text
	doc.Sentences = doc.Sentences[:0]
	doc.Tokens = doc.Tokens[:0]
	if want := len(text)/5 + 16; cap(doc.Tokens) < want {
		doc.Tokens = make([]pipeline.Token, 0, want) // about a token per 5 bytes of report text
	}
	var scr scratch
	for _, b := range doc.Blocks {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if b.Start >= b.End {
			continue
		}

		var spans []pipeline.Span
		if b.Kind == pipeline.BlockTitle || b.Kind == pipeline.BlockHeading {
			spans = []pipeline.Span{{Start: b.Start, End: b.End}}
		} else {
			spans = s.Sentences(text, b.Start, b.End)
		}
		for _, sp := range spans {
			if len(doc.Tokens) >= s.opts.MaxTokens {
				doc.Warn(s.Name(), fmt.Sprintf("annotation stops at byte %d: the report has more than %d tokens (--max-tokens)", sp.Start, s.opts.MaxTokens))
				return nil
			}
			first := len(doc.Tokens)
			toks, err := s.tokens(doc.Tokens, text, sp, &scr)
			if err != nil {
				return err
			}
			doc.Tokens = toks
			doc.Sentences = append(doc.Sentences, pipeline.Sentence{Start: sp.Start, End: sp.End,
				TokenStart: first, TokenEnd: len(doc.Tokens)})
		}
	}
	return nil
}

// Sentences splits text[start:end] into sentence spans: first at line breaks
// that end a line-sized unit, then with punkt inside each piece.
func (s *Stage) Sentences(text string, start, end int) []pipeline.Span {
	var out []pipeline.Span
	for _, piece := range lineUnits(text, start, end) {
		for _, chunk := range chunks(text, piece.Start, piece.End, 4*maxSentence) {
			for _, ps := range s.segment(text[chunk.Start:chunk.End]) {
				for _, c := range chunks(text, chunk.Start+ps.Start, chunk.Start+ps.End, maxSentence) {
					a, b := trimSpace(text, c.Start, c.End)
					if a < b {
						out = append(out, pipeline.Span{Start: a, End: b})
					}
				}
			}
		}
	}
	return out
}

// segment splits a unit into sentences with the Punkt tokenizer, which
// breaks only after a word holding sentence punctuation (.?! or 。？！).
// A unit with none before its last word (a heading, a bullet, a
// one-sentence paragraph, an endnote ending in a URL) is one sentence, and
// Punkt, a fifth of the tokenize stage's time, is skipped for it. Punkt
// then either breaks after the last word or not at all, so its spans are
// the unit or the unit without its trailing space; both give the same
// sentence after chunks and trimSpace unless the trailing space takes the
// unit over maxSentence, where Punkt still runs. TestSegmentMatchesPunkt
// and FuzzSentences compare the two.
func (s *Stage) segment(unit string) []pipeline.Span {
	bold := strings.Contains(unit, "**")
	if bold {
		// Markdown bold hides "**Sept." from Punkt's abbreviations:
		// Punkt reads it as spaces, as prose does (Normalize).
		b := []byte(unit)
		for i := strings.Index(unit, "**"); i >= 0 && i < len(unit); i++ {
			if n := boldRun(unit, i); n > 0 {
				fillSpaces(b, i, n)
				i += n - 1
			}
		}
		unit = string(b)
	}
	trimmed := strings.TrimRightFunc(unit, unicode.IsSpace)
	last := strings.LastIndexFunc(trimmed, unicode.IsSpace) + 1 // Punkt's last word
	if s.punktOnly || bold || len(trimmed) < len(unit) && len(unit) > maxSentence ||
		hasSentencePunct(trimmed[:last]) || hasWideStop(trimmed[last:]) {
		var out []pipeline.Span
		for _, ps := range s.seg.Tokenize(unit) {
			if n := len(out); n > 0 && strings.TrimSpace(unit[ps.Start:ps.End]) == "" {
				out[n-1].End = ps.End // a closing "**" after the full stop ends that sentence
				continue
			}
			if n := len(out); n > 0 && middleInitial(unit[out[n-1].Start:out[n-1].End], unit[ps.Start:ps.End]) {
				out[n-1].End = ps.End // "Michael J. Fox", "John B. Hood": Punkt took "Fox" for a sentence's first word
				continue
			}
			out = append(out, pipeline.Span{Start: ps.Start, End: ps.End})
		}
		return out
	}
	return []pipeline.Span{{Start: 0, End: len(unit)}}
}

// sentenceOpeners are capitalised words that begin a sentence far more
// often than they follow a middle initial ("Plan B. The plan failed").
var sentenceOpeners = map[string]bool{"The": true, "A": true, "An": true, "He": true, "She": true, "It": true,
	"They": true, "We": true, "I": true, "You": true, "This": true, "That": true, "These": true, "Those": true,
	"There": true, "His": true, "Her": true, "Its": true, "Their": true, "Our": true, "But": true, "And": true,
	"Or": true, "So": true, "In": true, "On": true, "At": true, "As": true, "If": true, "When": true, "While": true,
	"After": true, "Before": true, "However": true, "Then": true, "For": true, "From": true, "With": true, "By": true}

// middleInitial reports whether Punkt broke a name after its middle
// initial: prev ends in a capitalised word, a space and one capital letter
// with a full stop (not "I", a numeral), and next begins with a capitalised
// word that rarely opens a sentence.
func middleInitial(prev, next string) bool {
	prev = strings.TrimRightFunc(prev, unicode.IsSpace)
	n := len(prev)
	if n < 4 || prev[n-1] != '.' || prev[n-2] < 'A' || prev[n-2] > 'Z' || prev[n-2] == 'I' || prev[n-3] != ' ' {
		return false
	}
	before := prev[:n-3]
	w := before[strings.LastIndexFunc(before, unicode.IsSpace)+1:]
	if r, size := utf8.DecodeRuneInString(w); size == len(w) || !unicode.IsUpper(r) {
		return false // no word, one letter, or a lower-case one before the initial
	}
	next = strings.TrimLeftFunc(next, unicode.IsSpace)
	end := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(next)
	}
	first := next[:end]
	r, size := utf8.DecodeRuneInString(first)
	return size < len(first) && unicode.IsUpper(r) && !sentenceOpeners[first]
}

// hasSentencePunct reports whether s holds a character Punkt's words end
// sentences with (.?! or 。？！), scanning bytes: strings.ContainsAny
// decodes every rune when the set is not ASCII.
func hasSentencePunct(s string) bool {
	if strings.IndexAny(s, ".?!") >= 0 {
		return true
	}
	return hasWideStop(s)
}

// hasWideStop reports whether s holds 。？！ or ；, which also end Punkt's
// words.
func hasWideStop(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] == 0xe3 || s[i] == 0xef) && strings.ContainsAny(s[i:min(i+3, len(s))], "。？！；") {
			return true
		}
	}
	return false
}

// chunks cuts [start, end) into pieces of at most max bytes, at white space
// where there is some and at a rune boundary where there is none.
func chunks(text string, start, end, max int) []pipeline.Span {
	if end-start <= max {
		return []pipeline.Span{{Start: start, End: end}}
	}
	var out []pipeline.Span
	for start < end {
		cut := end
		if end-start > max {
			cut = start + max
			if sp := strings.LastIndexAny(text[start:cut], " \t\n"); sp > max/2 {
				cut = start + sp + 1
			}
			for cut > start && !utf8.RuneStart(text[cut]) {
				cut--
			}
			if cut == start {
				cut = start + max
			}
		}
		out = append(out, pipeline.Span{Start: start, End: cut})
		start = cut
	}
	return out
}

// lineUnits splits a block at line breaks that end a sentence-like line (one
// sentence per line, as in many exports) but keeps hard-wrapped lines together.
//
// A block with a line longer than wrapWidth is not hard-wrapped at all
// (nobody wraps at 150 columns): there every line break ends a unit.
func lineUnits(text string, start, end int) []pipeline.Span {
	var out []pipeline.Span
	unwrapped := longestLine(text[start:end]) > wrapWidth
	cur := start
	for i := start; i < end; i++ {
		if text[i] != '\n' {
			continue
		}
		prev := strings.TrimRight(text[cur:i], " \t\r")
		next := strings.TrimLeft(text[i+1:end], " \t")
		if prev == "" {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(prev)
		nr, _ := utf8.DecodeRuneInString(next)
		if unwrapped || strings.ContainsRune(".!?:;\"”’)]*|", last) || !unicode.IsLower(nr) && !unicode.IsDigit(nr) && len(prev) < 60 {
			out = append(out, pipeline.Span{Start: cur, End: i})
			cur = i + 1
		}
	}
	if cur < end {
		out = append(out, pipeline.Span{Start: cur, End: end})
	}
	return out
}

// wrapWidth is wider than any hard wrap of prose text (72-80 columns,
// 100 at most in generated reports).
const wrapWidth = 120

// longestLine returns the length in bytes of the longest line of s.
func longestLine(s string) int {
	n := 0
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return max(n, len(s))
		}
		n = max(n, i)
		s = s[i+1:]
	}
	return n
}

func trimSpace(text string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(text[a:b])
		if !isSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(text[a:b])
		if !isSpace(r) {
			break
		}
		b -= n
	}
	return a, b
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060'
}

// tokens tokenizes one sentence span and appends its tokens, with offsets, to dst.
func (s *Stage) tokens(dst []pipeline.Token, text string, sp pipeline.Span, scr *scratch) ([]pipeline.Token, error) {
	orig := text[sp.Start:sp.End]
	norm := Normalize(orig)
	var spans []Aligned
	var pt []prose.Token
	var err error
	if s.opts.Tag {
		// The tagger needs whole sentences.
		if pt, err = s.prose(norm); err != nil {
			return nil, err
		}
		spans = Align(orig, norm, proseTexts(pt))
	} else {
		spans = s.fastTokens(orig, norm, scr)
	}
	spans = splitFootnotes(orig, spans)
	for _, a := range spans {
		tok := pipeline.Token{Start: sp.Start + a.Start, End: sp.Start + a.End}
		if a.Index >= 0 && s.opts.Tag {
			tok.Tag = pt[a.Index].Tag
		}
		dst = append(dst, tok)
	}
	return dst, nil
}

func (s *Stage) prose(text string) ([]prose.Token, error) {
	opts := []prose.DocOpt{prose.WithSegmentation(false), prose.WithExtraction(false), prose.WithTagging(s.opts.Tag)}
	if s.model != nil {
		opts = append(opts, prose.UsingModel(s.model))
	}
	pd, err := prose.NewDocument(text, opts...)
	if err != nil {
		return nil, fmt.Errorf("prose: %w", err)
	}
	return pd.Tokens(), nil
}

func proseTexts(pt []prose.Token) []string {
	texts := make([]string, len(pt))
	for i, t := range pt {
		texts[i] = t.Text
	}
	return texts
}

// fastTokens gives every white-space-delimited word made of letters and
// digits only its own token (prose's tokenizer returns such a word unchanged)
// and splits the rest, the words with punctuation, by prose's rules
// (splitLikeProse) in one call.
func (s *Stage) fastTokens(orig, norm string, scr *scratch) []Aligned {
	plain := scr.plain[:0]
	var complexStarts []int // start in orig of each complex word, in order
	jo, jn := scr.jo[:0], scr.jn[:0]
	var joinedStarts []int // start in the joined strings of each complex word
	for i := 0; i < len(norm); {
		for i < len(norm) && isASCIISpace(norm[i]) {
			i++
		}
		j := i
		for j < len(norm) && !isASCIISpace(norm[j]) {
			j++
		}
		if j == i {
			break
		}
		if plainWord(norm[i:j]) {
			plain = append(plain, Aligned{Start: i, End: j, Index: -1}) // never a replaced character
		} else {
			// A word may start or end inside a character the normaliser
			// replaced ("’s" became "  's"): widen it to whole characters.
			a, b := i, j
			for a > 0 && !utf8.RuneStart(orig[a]) {
				a--
			}
			for b < len(orig) && !utf8.RuneStart(orig[b]) {
				b++
			}
			if len(jn) > 0 {
				jo = append(jo, ' ')
				jn = append(jn, ' ')
			}
			joinedStarts = append(joinedStarts, len(jn))
			complexStarts = append(complexStarts, a)
			jo = append(jo, orig[a:b]...)
			jn = append(jn, norm[a:b]...)
		}
		i = j
	}
	scr.plain, scr.jo, scr.jn = plain, jo, jn
	if len(jn) == 0 {
		scr.filled = fillGapsInto(scr.filled[:0], orig, plain)
		return scr.filled
	}
	jos, jns := string(jo), string(jn)
	scr.words = splitLikeProse(jns, scr.words[:0])
	out := scr.split[:0]
	scr.aligned = alignInto(scr.aligned[:0], jos, jns, scr.words)
	for _, a := range scr.aligned {
		k := sort.SearchInts(joinedStarts, a.Start+1) - 1 // the word holding the token
		shift := complexStarts[k] - joinedStarts[k]
		out = append(out, Aligned{Start: a.Start + shift, End: a.End + shift, Index: -1})
	}
	scr.split = out
	scr.merged = mergeByStart(scr.merged[:0], out, plain)
	// Characters the normaliser blanked (a closing quote, a soft hyphen) get tokens too.
	scr.filled = fillGapsInto(scr.filled[:0], orig, scr.merged)
	return scr.filled
}

// scratch holds one document's tokenizing buffers, reused sentence after sentence.
type scratch struct {
	plain, split, merged, filled, aligned []Aligned
	jo, jn                                []byte
	words                                 []string
}

// mergeByStart appends to out the merge of two token lists sorted by start.
func mergeByStart(out, a, b []Aligned) []Aligned {
	for len(a) > 0 && len(b) > 0 {
		if b[0].Start < a[0].Start {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

func isASCIISpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == '\v'
}

// plainWord reports whether w is letters and digits only.
func plainWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Aligned is a token span within the aligned string; Index is the position of
// the prose token it came from, or -1 for a token made from text prose dropped.
type Aligned struct {
	Start, End, Index int
}

// Align maps token texts, found in order in norm (the Normalize output of
// orig), to byte spans of orig. Spans are snapped to rune boundaries of orig,
// never overlap, and every non-space byte of orig ends up in some span: text
// that prose dropped becomes extra white-space-delimited tokens.
func Align(orig, norm string, toks []string) []Aligned {
	return fillGaps(orig, alignInto(nil, orig, norm, toks))
}

// alignInto appends to out the spans of toks found in order in norm, before
// gaps are filled.
func alignInto(out []Aligned, orig, norm string, toks []string) []Aligned {
	cur := 0
	for i, t := range toks {
		if t == "" {
			continue
		}
		j := strings.Index(norm[cur:], t)
		if j < 0 {
			continue
		}
		a, b := cur+j, cur+j+len(t)
		for a > 0 && !utf8.RuneStart(orig[a]) {
			a--
		}
		for b < len(orig) && !utf8.RuneStart(orig[b]) {
			b++
		}
		if n := len(out); n > 0 && a < out[n-1].End {
			a = out[n-1].End
		}
		if a >= b {
			cur = b
			continue
		}
		out = append(out, Aligned{Start: a, End: b, Index: i})
		cur = b
	}
	return out
}

// fillGaps adds tokens for non-space text between aligned tokens.
func fillGaps(orig string, toks []Aligned) []Aligned {
	return fillGapsInto(make([]Aligned, 0, len(toks)+len(toks)/4+2), orig, toks)
}

// fillGapsInto appends to out the tokens with the gaps between them filled.
func fillGapsInto(out []Aligned, orig string, toks []Aligned) []Aligned {
	prev := 0
	gap := func(a, b int) {
		for a < b {
			r, n := utf8.DecodeRuneInString(orig[a:b])
			if isSpace(r) {
				a += n
				continue
			}
			e := a
			for e < b {
				r, n := utf8.DecodeRuneInString(orig[e:b])
				if isSpace(r) {
					break
				}
				e += n
			}
			out = append(out, Aligned{Start: a, End: e, Index: -1})
			a = e
		}
	}
	for _, t := range toks {
		gap(prev, t.Start)
		out = append(out, t)
		prev = t.End
	}
	gap(prev, len(orig))
	return out
}

// Normalize returns a copy of s of the same byte length in which every
// character that prose's tokenizer would rewrite or mishandle is replaced by
// ASCII of the same width: curly quotes, dashes, bullets, odd spaces,
// Markdown's ** and an apostrophe opening a word (prose drops such words).
func Normalize(s string) string {
	if isPlainASCII(s) {
		return s
	}
	b := []byte(s)
	prevLetter := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\u201c' || r == '\u201e' || r == '\u00ab': // “ „ «
			put(b, i, n, `"`, true)
		case r == '\u201d' || r == '\u00bb': // ” »
			put(b, i, n, `"`, false)
		case r == '\u2018' || r == '\u2019' || r == '\u02bc':
			nr, _ := utf8.DecodeRuneInString(s[i+n:])
			if prevLetter && unicode.IsLetter(nr) {
				put(b, i, n, "'", false)
			} else {
				put(b, i, n, "", false)
			}
		case r == '\'' && !prevLetter:
			b[i] = ' '
		case r == '\u2014' || r == '\u2013' || r == '\u2012' || r == '\u2015' || r == '\u2212':
			fillSpaces(b, i, n)
			b[i+n/2] = '-'
		case r == '*' && boldRun(s, i) > 0:
			// Markdown bold in a text file ("**Sept. 12, 2019:**"): prose
			// glues it to the word and Punkt then misses the abbreviation.
			n = boldRun(s, i)
			fillSpaces(b, i, n)
		case r == '\u2026':
			copy(b[i:], "...")
		case r == '\u2022' || r == '\u25aa' || r == '\u25cf' || r == '\u00b7' || r == '\u25e6' ||
			r == '\u2023' || r == '\u2219' || isSpace(r) || r == utf8.RuneError || unicode.Is(unicode.Cf, r):
			fillSpaces(b, i, n)
		}
		prevLetter = unicode.IsLetter(r) || unicode.IsDigit(r)
		i += n
	}
	if strings.Contains(s, "&rsquo;") {
		for off := 0; ; {
			j := strings.Index(s[off:], "&rsquo;")
			if j < 0 {
				break
			}
			put(b, off+j, 7, "'", false)
			off += j + 7
		}
	}
	return string(b)
}

// boldRun returns the length of the run of asterisks at s[i] when it is
// Markdown's bold marker (two or more), else 0.
func boldRun(s string, i int) int {
	if !strings.HasPrefix(s[i:], "**") {
		return 0
	}
	return len(s[i:]) - len(strings.TrimLeft(s[i:], "*"))
}

// put writes rep into b[i:i+n], padding with spaces before (left=false) or after it.
func put(b []byte, i, n int, rep string, left bool) {
	fillSpaces(b, i, n)
	if left {
		copy(b[i:], rep)
	} else {
		copy(b[i+n-len(rep):], rep)
	}
}

func fillSpaces(b []byte, i, n int) {
	for k := i; k < i+n; k++ {
		b[k] = ' '
	}
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '\'' || s[i] == '*' && boldRun(s, i) > 0 {
			return false
		}
	}
	return true
}

// splitFootnotes splits a footnote marker and the punctuation before it off
// a word: prose keeps "unlikely.[27]" as one token.
func splitFootnotes(orig string, toks []Aligned) []Aligned {
	if strings.IndexByte(orig, '[') < 0 {
		return toks // no marker: nothing to split or join
	}
	var out []Aligned
	for _, t := range toks {
		s := orig[t.Start:t.End]
		i := strings.IndexByte(s, '[')
		if i <= 0 || strings.Trim(strings.TrimSuffix(s[i+1:], "]"), "0123456789") != "" {
			out = append(out, t)
			continue
		}
		word := i
		for word > 0 && strings.IndexByte(".,;:!?", s[word-1]) >= 0 {
			word--
		}
		if word == 0 {
			out = append(out, t)
			continue
		}
		out = append(out, Aligned{Start: t.Start, End: t.Start + word, Index: t.Index})
		for k := word; k < i; k++ {
			out = append(out, Aligned{Start: t.Start + k, End: t.Start + k + 1, Index: -1})
		}
		out = append(out, Aligned{Start: t.Start + i, End: t.End, Index: -1})
	}
	// prose may have split the closing bracket off "[27": join them again.
	merged := out[:0]
	for _, t := range out {
		if n := len(merged); n > 0 && t.Start == merged[n-1].End && orig[t.Start:t.End] == "]" &&
			strings.HasPrefix(orig[merged[n-1].Start:merged[n-1].End], "[") && !strings.HasSuffix(orig[merged[n-1].Start:merged[n-1].End], "]") {
			merged[n-1].End = t.End
			merged[n-1].Index = -1
			continue
		}
		merged = append(merged, t)
	}
	return merged
}
