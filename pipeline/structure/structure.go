// Package structure owns report layout: it splits Document.Text into blocks
// (title, headings, paragraphs, bullets, boilerplate), groups bullets into
// lists and headings into sections, and sets the title when the reader did not.
//
// Readers that know the layout (HTML) may fill Document.Blocks themselves;
// the stage then keeps their blocks and only derives lists and sections.
package structure

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/pipeline"
)

// Stage is the structure stage.
type Stage struct {
	// KeepBoilerplate turns furniture detection off: every block is
	// annotated (annotate --keep-boilerplate).
	KeepBoilerplate bool
}

// New returns the structure stage.
func New() *Stage { return &Stage{} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "structure" }

// Process implements pipeline.Stage.
func (s *Stage) Process(_ context.Context, doc *pipeline.Document) error {
	if len(doc.Blocks) == 0 {
		doc.Blocks = Parse(doc.Text)
	}
	doc.Boilerplate = nil
	if !s.KeepBoilerplate {
		doc.Boilerplate = markBoilerplate(doc.Text, doc.Blocks)
	}
	numberLists(doc.Blocks)
	doc.Sections = sections(doc.Text, doc.Blocks)
	if doc.Title == "" {
		for _, b := range doc.Blocks {
			if b.Kind == pipeline.BlockTitle {
				doc.Title = doc.Text[b.Start:b.End]
				break
			}
		}
	}
	return nil
}

// line is one line of text with its trimmed content range.
type line struct {
	start, end int // the line without its terminator
	cs, ce     int // content without surrounding white space
	indent     int // leading white-space bytes
}

func (l line) blank() bool { return l.cs == l.ce }

func splitLines(text string) []line {
	var lines []line
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := 0
		if end < 0 {
			end = len(text)
			next = len(text) + 1
		} else {
			end += start
			next = end + 1
		}
		l := line{start: start, end: end}
		cs, ce := start, end
		for cs < ce {
			r, n := utf8.DecodeRuneInString(text[cs:ce])
			if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
				break
			}
			cs += n
		}
		for ce > cs {
			r, n := utf8.DecodeLastRuneInString(text[cs:ce])
			if !unicode.IsSpace(r) && r != '\u200b' {
				break
			}
			ce -= n
		}
		l.cs, l.ce, l.indent = cs, ce, cs-start
		lines = append(lines, l)
		if next > len(text) {
			break
		}
		start = next
	}
	return lines
}

var (
	// A list marker followed by white space: bullets of many shapes, "1." and "1)".
	bulletRE    = regexp.MustCompile(`^(?:[•▪●◦‣∙○■□➢➤►▸\-\*\+–]|\(?\d{1,3}[.)])[ \t\x{00a0}]+`)
	atxRE       = regexp.MustCompile(`^(#{1,6})[ \t]+`)
	underlineRE = regexp.MustCompile(`^(?:=+|-{3,})$`)
	boldLineRE  = regexp.MustCompile(`^(?:\*\*|__)(.+?)(?:\*\*|__):?$`)
)

// Parse splits plain or Markdown-like text into blocks.
func Parse(text string) []pipeline.Block {
	lines := splitLines(text)
	var blocks []pipeline.Block
	titleDone := false
	i := 0
	// prevBullet is the index in blocks of the bullet that unmarked lines may
	// continue; prevIndent the indentation of its line.
	prevBullet, prevIndent := -1, 0
	for i < len(lines) {
		l := lines[i]
		if l.blank() {
			prevBullet = -1
			i++
			continue
		}
		content := text[l.cs:l.ce]
		// ATX heading.
		if m := atxRE.FindStringSubmatchIndex(content); m != nil {
			s, e := trimEmphasis(text, l.cs+m[1], l.ce)
			if s < e {
				b := pipeline.Block{Start: s, End: e, Kind: pipeline.BlockHeading, Level: m[3] - m[2]}
				if !titleDone && b.Level == 1 {
					b.Kind, b.Level = pipeline.BlockTitle, 0
				}
				blocks = append(blocks, b)
			}
			titleDone, prevBullet = true, -1
			i++
			continue
		}
		// Bold-only line: a heading in Markdown exports.
		if boldLineRE.MatchString(content) && !bulletRE.MatchString(content) {
			s, e := trimEmphasis(text, l.cs, l.ce)
			if s < e && isHeadingText(text[s:e], true) {
				blocks = append(blocks, pipeline.Block{Start: s, End: e, Kind: pipeline.BlockHeading, Level: 3})
				titleDone, prevBullet = true, -1
				i++
				continue
			}
		}
		// Setext heading: a single line underlined by === or ---.
		if i+1 < len(lines) && !lines[i+1].blank() && underlineRE.MatchString(text[lines[i+1].cs:lines[i+1].ce]) &&
			!bulletRE.MatchString(content) {
			level := 1
			if text[lines[i+1].cs] == '-' {
				level = 2
			}
			s, e := trimEmphasis(text, l.cs, l.ce)
			blocks = append(blocks, pipeline.Block{Start: s, End: e, Kind: pipeline.BlockHeading, Level: level})
			titleDone, prevBullet = true, -1
			i += 2
			continue
		}
		// Bullet.
		if m := bulletRE.FindStringIndex(content); m != nil && l.cs+m[1] < l.ce {
			marker := pipeline.Span{Start: l.cs, End: l.cs + m[1]}
			for marker.End > marker.Start {
				r, n := utf8.DecodeLastRuneInString(text[marker.Start:marker.End])
				if !unicode.IsSpace(r) {
					break
				}
				marker.End -= n
			}
			blocks = append(blocks, pipeline.Block{Start: l.cs + m[1], End: l.ce, Kind: pipeline.BlockBullet,
				Level: 1 + l.indent/2, Marker: &marker})
			prevBullet, prevIndent = len(blocks)-1, l.indent
			titleDone = true
			i++
			continue
		}
		// Unmarked lines right after a bullet continue it when indented, or
		// when the run is followed by another bullet, or is short and ends the list.
		if prevBullet >= 0 {
			j := i
			for j < len(lines) && !lines[j].blank() && !startsBlock(text, lines, j) {
				j++
			}
			run := j - i
			if run == 0 {
				// A line shaped like a block start that no branch above took
				// (a bare marker, a bold sentence, a stray "==="): a paragraph.
				prevBullet = -1
				goto paragraph
			}
			indented := l.indent > 0 && l.indent >= prevIndent+2
			nextIsBullet := j < len(lines) && !lines[j].blank() && bulletRE.MatchString(text[lines[j].cs:lines[j].ce])
			if indented || nextIsBullet || run <= 2 && (j >= len(lines) || lines[j].blank() || startsBlock(text, lines, j)) {
				blocks[prevBullet].End = lines[j-1].ce
				i = j
				continue
			}
			prevBullet = -1
		}
		// The first line of the document is its title when it is short,
		// even when the next line follows without a blank line.
		if !titleDone && looksLikeTitle(content) {
			s, e := trimEmphasis(text, l.cs, l.ce)
			blocks = append(blocks, pipeline.Block{Start: s, End: e, Kind: pipeline.BlockTitle})
			titleDone = true
			i++
			continue
		}
	paragraph:
		// Paragraph: consecutive unmarked lines up to a blank line or a block start.
		j := i + 1
		for j < len(lines) && !lines[j].blank() && !startsBlock(text, lines, j) {
			j++
		}
		b := pipeline.Block{Start: l.cs, End: lines[j-1].ce, Kind: pipeline.BlockParagraph}
		single := j == i+1
		standalone := single && (j >= len(lines) || lines[j].blank() || startsBlock(text, lines, j))
		switch {
		case standalone && isHeadingText(content, false):
			b.Kind, b.Level = pipeline.BlockHeading, 2
			b.Start, b.End = trimEmphasis(text, b.Start, b.End)
		}
		titleDone = true
		blocks = append(blocks, b)
		i = j
	}
	return blocks
}

// startsBlock reports whether line j opens a new block by its own shape.
func startsBlock(text string, lines []line, j int) bool {
	c := text[lines[j].cs:lines[j].ce]
	if atxRE.MatchString(c) || bulletRE.MatchString(c) || underlineRE.MatchString(c) {
		return true
	}
	if boldLineRE.MatchString(c) {
		return true
	}
	return j+1 < len(lines) && !lines[j+1].blank() && underlineRE.MatchString(text[lines[j+1].cs:lines[j+1].ce])
}

// trimEmphasis narrows [s,e) past Markdown emphasis and trailing colons or hashes.
func trimEmphasis(text string, s, e int) (int, int) {
	for {
		switch {
		case e-s >= 4 && (strings.HasPrefix(text[s:e], "**") && strings.HasSuffix(text[s:e], "**") ||
			strings.HasPrefix(text[s:e], "__") && strings.HasSuffix(text[s:e], "__")):
			s, e = s+2, e-2
		case e-s >= 5 && strings.HasPrefix(text[s:e], "**") && strings.HasSuffix(text[s:e], "**:"):
			s, e = s+2, e-3
		case e > s && (text[e-1] == '#' || text[e-1] == ' ' || text[e-1] == ':'):
			e--
		case e > s && text[s] == ' ':
			s++
		default:
			return s, e
		}
	}
}

var smallWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true,
	"in": true, "on": true, "for": true, "to": true, "with": true, "at": true, "by": true, "from": true,
	"as": true, "vs": true, "vs.": true, "its": true, "is": true, "are": true, "into": true, "over": true}

var datelineRE = regexp.MustCompile(`(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?(?:,? \d{1,2}:\d{2}.*)?$`)

// isHeadingText decides whether a standalone line reads as a heading: short,
// no sentence-final punctuation, mostly capitalised words. marked is true when
// the line's markup (bold) already says it is a heading.
func isHeadingText(s string, marked bool) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 120 {
		return false
	}
	if marked {
		return !strings.HasSuffix(s, ".") || utf8.RuneCountInString(s) < 60
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".,;!?\"”)", last) {
		return false
	}
	if strings.Count(s, ",") >= 2 || datelineRE.MatchString(s) {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 15 {
		return false
	}
	content, capital := 0, 0
	for _, w := range words {
		lw := strings.ToLower(w)
		if smallWords[lw] {
			continue
		}
		wr, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(wr) {
			continue
		}
		content++
		if unicode.IsUpper(wr) {
			capital++
		}
	}
	if content == 0 {
		return false
	}
	return len(words) <= 3 || float64(capital) >= 0.6*float64(content)
}

// numberLists gives the bullets of one list the same List number. A list is a
// run of bullets with nothing but blank lines between them.
func numberLists(blocks []pipeline.Block) {
	list := 0
	prevBullet := false
	for i := range blocks {
		if blocks[i].Kind != pipeline.BlockBullet {
			if blocks[i].Kind != pipeline.BlockBoilerplate {
				prevBullet = false
			}
			continue
		}
		if !prevBullet {
			list++
		}
		blocks[i].List = list
		prevBullet = true
	}
}

// sections builds one section per heading, up to the next heading of the same
// or a higher level (a smaller Level number).
func sections(text string, blocks []pipeline.Block) []pipeline.Section {
	var out []pipeline.Section
	var open []int // indexes into out of sections not yet closed, levels increasing
	closeAt := func(i, end int) {
		for end > out[i].HeadingEnd && (text[end-1] == '\n' || text[end-1] == ' ' || text[end-1] == '#' || text[end-1] == '*' || text[end-1] == '\r') {
			end--
		}
		out[i].End = end
	}
	for _, b := range blocks {
		if b.Kind != pipeline.BlockHeading {
			continue
		}
		for len(open) > 0 && out[open[len(open)-1]].Level >= b.Level {
			closeAt(open[len(open)-1], b.Start)
			open = open[:len(open)-1]
		}
		out = append(out, pipeline.Section{Start: b.Start, Heading: text[b.Start:b.End],
			HeadingStart: b.Start, HeadingEnd: b.End, Level: b.Level})
		open = append(open, len(out)-1)
	}
	for _, i := range open {
		closeAt(i, len(text))
	}
	return out
}

// looksLikeTitle: a short first line that does not read as a sentence.
func looksLikeTitle(s string) bool {
	if utf8.RuneCountInString(s) > 200 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".!?", last) || len(strings.Fields(s)) < 8
}
