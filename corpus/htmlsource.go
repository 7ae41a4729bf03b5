package corpus

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/sitrep/sitrep/pipeline"
)

// An HTML page's text is not a substring of its source: tags go, entities
// are decoded, white space is folded, blocks are reordered by the parser.
// SourceMap takes a text offset back to the page's source for tools that
// point into the file (sitrep lint). It plants a comment carrying the
// source offset before every text token, extracts the page again and
// records where each comment lands in the text; within a text token it
// steps through the source a character, an entity or a run of white space
// at a time. The annotation path never plants marks, so records do not
// depend on it.

// mark is a planted comment found at offset at of some raw text.
type mark struct{ at, src int }

// anchor ties a text offset to the source offset of the text token there.
type anchor struct{ text, src int }

// rawTextElements hold text the tokenizer does not parse: a comment planted
// there would become text.
var rawTextElements = map[string]bool{"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true}

// plantMarks returns src with a comment prefix+offset before each text
// token, and the offset of the <title> element's text (-1 when none).
func plantMarks(src, prefix string) (string, int) {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	b.Grow(len(src) + len(src)/4)
	off, raw, title := 0, "", -1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String(), title
		}
		tok := z.Raw()
		switch tt {
		case html.StartTagToken:
			if name, _ := z.TagName(); rawTextElements[string(name)] {
				raw = string(name)
			}
		case html.EndTagToken:
			raw = ""
		case html.TextToken:
			if raw == "title" && title < 0 {
				title = off
			}
			if raw == "" {
				b.WriteString("<!--" + prefix + strconv.Itoa(off) + "-->")
			}
		}
		b.Write(tok)
		off += len(tok)
	}
}

// readMark reports the source offset carried by a planted comment.
func readMark(n *html.Node, prefix string) (int, bool) {
	if prefix == "" || n.Type != html.CommentNode || !strings.HasPrefix(n.Data, prefix) {
		return 0, false
	}
	v, err := strconv.Atoi(n.Data[len(prefix):])
	return v, err == nil
}

// SourceMap maps offsets in an HTML page's extracted text to offsets in its
// source.
type SourceMap struct {
	src     string
	text    string   // the extracted text
	anchors []anchor // by text offset
}

// ErrNoSourceMap is returned when a page's text cannot be traced back to
// its source (it could not be parsed, or planting marks changed its text).
var ErrNoSourceMap = errors.New("the page's text cannot be traced to its source")

// NewSourceMap maps the text of a page or Markdown file (format "html" or
// "md") back to its decoded source src.
func NewSourceMap(format, src string) (*SourceMap, error) {
	switch format {
	case "html":
		return htmlSourceMap(src)
	case "md":
		x, anchors := extractMarkdown(src, true)
		if len(anchors) == 0 {
			return nil, ErrNoSourceMap
		}
		return newSourceMap(src, x.Text, anchors), nil
	}
	return nil, fmt.Errorf("no source map for %q files", format)
}

func newSourceMap(src, text string, anchors []anchor) *SourceMap {
	sort.SliceStable(anchors, func(i, j int) bool { return anchors[i].text < anchors[j].text })
	return &SourceMap{src: src, text: text, anchors: anchors}
}

// htmlSourceMap maps the text ExtractHTML(src) gives back to src.
func htmlSourceMap(src string) (*SourceMap, error) {
	prefix := "sitrep-src:"
	for strings.Contains(src, prefix) {
		prefix = "x" + prefix
	}
	planted, title := plantMarks(src, prefix)
	marked, anchors := extractHTML(planted, prefix)
	if marked.Text != ExtractHTML(src).Text || len(anchors) == 0 {
		return nil, ErrNoSourceMap
	}
	// A title taken from <title> (no <h1>) has no mark: it is the start of
	// that element's text when the page's title starts with it.
	if bs := marked.Blocks; len(bs) > 0 && bs[0].Kind == pipeline.BlockTitle && title >= 0 && !slices.ContainsFunc(anchors, func(a anchor) bool { return a.text < bs[0].End }) {
		if t := collapse(html.UnescapeString(src[title:min(len(src), title+len(marked.Title)*2+64)])); strings.HasPrefix(t, marked.Title) {
			anchors = append(anchors, anchor{text: bs[0].Start, src: title})
		}
	}
	return newSourceMap(src, marked.Text, anchors), nil
}

// Text is the extracted text the map starts from (what ExtractHTML or
// ExtractMarkdown gives for the source).
func (m *SourceMap) Text() string { return m.text }

// Offset returns the source offset of the text at offset off of the
// extracted text: the text token holding it, stepped through to off.
func (m *SourceMap) Offset(off int) int {
	text := m.text
	i := sort.Search(len(m.anchors), func(i int) bool { return m.anchors[i].text > off }) - 1
	if i < 0 {
		i = 0
	}
	a := m.anchors[i]
	t, s := a.text, a.src
	if t > off {
		return s
	}
	for t < off && t < len(text) && s < len(m.src) {
		t = stepText(text, t)
		s = stepSource(m.src, s)
	}
	// Folded white space before a block's first word is not in the text.
	if off < len(text) && !isSpaceAt(text, off) {
		for s < len(m.src) && isSpaceAt(m.src, s) {
			_, n := utf8.DecodeRuneInString(m.src[s:])
			s += n
		}
	}
	return s
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return foldable(r)
}

// stepText moves past one unit of extracted text: a run of white space or
// one character.
func stepText(s string, i int) int {
	if isSpaceAt(s, i) {
		for i < len(s) && isSpaceAt(s, i) {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
		return i
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return i + n
}

// stepSource moves past one unit of source: a run of white space, a
// character reference or one character.
func stepSource(s string, i int) int {
	if s[i] == '&' {
		j := i + 1
		for j < len(s) && j-i < 40 && (s[j] == '#' || s[j] >= '0' && s[j] <= '9' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		if j < len(s) && s[j] == ';' {
			j++
		}
		if j > i+1 && html.UnescapeString(s[i:j]) != s[i:j] {
			return j
		}
	}
	return stepText(s, i)
}
