package corpus

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sitrep/sitrep/pipeline"
)

// Extracted is the text of an HTML page with its layout and metadata.
type Extracted struct {
	Title  string
	Text   string
	Blocks []pipeline.Block
	Meta   map[string]string
	Notes  []string // what the reader had to do to read the page (warnings)
}

// maxHTMLDepth bounds recursion on hostile, deeply nested pages.
const maxHTMLDepth = 512

// flatDepth is the nesting kept when a page is too deep for the parser
// (x/net/html stops at 512 open elements).
const flatDepth = 256

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// flatten rewrites a page with its elements nested at most max deep: the
// start and end tags of deeper elements are dropped, their text kept in
// place (within the nearest kept ancestor).
func flatten(src string, max int) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	type open struct {
		name    string
		dropped bool
	}
	var stack []open
	depth := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] {
				break
			}
			drop := depth >= max
			stack = append(stack, open{string(name), drop})
			if drop {
				continue
			}
			depth++
		case html.EndTagToken:
			name, _ := z.TagName()
			i := len(stack) - 1
			for i >= 0 && stack[i].name != string(name) {
				i--
			}
			if i >= 0 {
				dropped := stack[i].dropped
				for _, o := range stack[i:] {
					if !o.dropped {
						depth--
					}
				}
				stack = stack[:i]
				if dropped {
					continue
				}
			}
		}
		b.Write(raw)
	}
}

// textOnly is the text of a page that cannot be parsed: its text tokens,
// tags dropped (block tags as line breaks), scripts and styles left out.
func textOnly(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := ""
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			if skip == "" {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if n := string(name); n == "script" || n == "style" {
				skip = n
			} else if n == "p" || n == "div" || n == "br" || n == "li" || n == "tr" || len(n) == 2 && n[0] == 'h' {
				b.WriteString("\n")
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == skip {
				skip = ""
			}
		}
	}
}

// ExtractHTML extracts the main content of a page: the article body without
// navigation, scripts, styles, share widgets, comment sections and footers.
// Block elements become paragraphs separated by a blank line, each <li> a
// "- " bullet line, <h1>-<h6> and whole-bold paragraphs headings; the title
// is the first line.
func ExtractHTML(src string) Extracted {
	x, _ := extractHTML(src, "")
	return x
}

// extractHTML is ExtractHTML; with a marker prefix (see SourceMap) it also
// returns the anchors of the marks planted in src.
func extractHTML(src, prefix string) (Extracted, []anchor) {
	root, err := html.Parse(strings.NewReader(src))
	x := Extracted{Meta: map[string]string{}}
	if err != nil {
		// The parser gives up on elements nested deeper than 512 (a hostile
		// or broken page): the tags below flatDepth are left out and the
		// page parsed again, so its text is read, never its markup.
		root, err = html.Parse(strings.NewReader(flatten(src, flatDepth)))
		if err != nil {
			x.Text = textOnly(src)
			x.Notes = append(x.Notes, fmt.Sprintf("HTML that cannot be parsed (%v): read as text without its tags", err))
			return x, nil
		}
		x.Notes = append(x.Notes, fmt.Sprintf("HTML nested deeper than the parser's limit: elements below depth %d read as part of their ancestor", flatDepth))
	}
	readMeta(root, x.Meta, 0)
	main := mainContent(root)
	w := &blockWriter{prefix: prefix}
	title := cleanTitle(x.Meta["title"], x.Meta["site_name"])
	var h1 string
	var h1Marks []mark
	if h := firstH1(main); h != nil {
		h1, h1Marks = textMarks(h, 0, prefix)
	}
	if collapse(h1) != "" {
		title = collapse(h1)
		w.blockMarked(pipeline.BlockTitle, 0, h1, h1Marks, "")
	} else if title != "" {
		w.block(pipeline.BlockTitle, 0, title, "")
	}
	w.walk(main, 0)
	x.Text, x.Blocks = w.sb.String(), w.blocks
	x.Title = title
	for k, v := range x.Meta {
		if v == "" {
			delete(x.Meta, k)
		}
	}
	return x, w.anchors
}

// mainContent picks the element holding the article body.
func mainContent(root *html.Node) *html.Node {
	selectors := []func(*html.Node) bool{
		func(n *html.Node) bool { return attr(n, "property") == "content:encoded" },
		func(n *html.Node) bool { return n.DataAtom == atom.Article },
		func(n *html.Node) bool { return n.DataAtom == atom.Main || attr(n, "role") == "main" },
		func(n *html.Node) bool {
			c := " " + attr(n, "class") + " "
			return strings.Contains(c, " entry-content ") || strings.Contains(c, " post-content ") ||
				strings.Contains(c, " article-body ") || attr(n, "id") == "content"
		},
	}
	for _, sel := range selectors {
		if n := find(root, sel, 0); n != nil && len(strings.TrimSpace(textOf(n, 0))) >= 200 {
			return n
		}
	}
	if b := find(root, func(n *html.Node) bool { return n.DataAtom == atom.Body }, 0); b != nil {
		return b
	}
	return root
}

func find(n *html.Node, pred func(*html.Node) bool, depth int) *html.Node {
	if depth > maxHTMLDepth {
		return nil
	}
	if n.Type == html.ElementNode && pred(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r := find(c, pred, depth+1); r != nil {
			return r
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// readMeta collects title, author, published date, canonical URL and site name.
func readMeta(n *html.Node, m map[string]string, depth int) {
	if depth > maxHTMLDepth {
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Title:
			if m["title"] == "" {
				m["title"] = collapse(textOf(n, 0))
			}
		case atom.Meta:
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			val := strings.TrimSpace(attr(n, "content"))
			switch strings.ToLower(key) {
			case "og:site_name":
				m["site_name"] = val
			case "article:published_time", "datepublished", "date", "dc.date", "pubdate":
				setOnce(m, "published", val)
			case "author", "article:author":
				setOnce(m, "author", val)
			}
		case atom.Link:
			if attr(n, "rel") == "canonical" {
				m["canonical_url"] = attr(n, "href")
			}
		case atom.Time:
			setOnce(m, "published", attr(n, "datetime"))
		case atom.Script:
			if attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
				var ld map[string]any
				if json.Unmarshal([]byte(n.FirstChild.Data), &ld) == nil {
					if s, ok := ld["datePublished"].(string); ok {
						setOnce(m, "published", s)
					}
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		readMeta(c, m, depth+1)
	}
}

func setOnce(m map[string]string, k, v string) {
	if m[k] == "" && v != "" {
		m[k] = v
	}
}

func firstH1(n *html.Node) *html.Node {
	return find(n, func(n *html.Node) bool { return n.DataAtom == atom.H1 }, 0)
}

// textOf returns the raw text under n, skipping invisible elements.
func textOf(n *html.Node, depth int) string {
	t, _ := textMarks(n, depth, "")
	return t
}

// textMarks is textOf that also returns the source marks (see SourceMap)
// found under n, at their offsets in the text.
func textMarks(n *html.Node, depth int, prefix string) (string, []mark) {
	var sb strings.Builder
	var marks []mark
	var rec func(*html.Node, int)
	rec = func(n *html.Node, d int) {
		if d > maxHTMLDepth {
			return
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			return
		}
		if m, ok := readMark(n, prefix); ok {
			marks = append(marks, mark{at: sb.Len(), src: m})
			return
		}
		if n.Type == html.ElementNode && skipElement(n) {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			sb.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, d+1)
		}
	}
	rec(n, depth)
	return sb.String(), marks
}

var furnitureWords = []string{"share", "social", "comment", "footer", "navbar", "nav-", "menu", "sidebar",
	"related", "newsletter", "cookie", "breadcrumb", "subscribe", "advert", "banner", "popup", "modal"}

// skipElement reports whether n is page furniture or invisible.
func skipElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form,
		atom.Iframe, atom.Svg, atom.Button, atom.Select, atom.Template, atom.Object, atom.Canvas, atom.Head:
		return true
	}
	if attr(n, "hidden") != "" || strings.Contains(strings.ReplaceAll(attr(n, "style"), " ", ""), "display:none") {
		return true
	}
	ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range furnitureWords {
		if strings.Contains(ci, w) {
			return true
		}
	}
	return false
}

// blockWriter writes blocks of text and records their offsets.
type blockWriter struct {
	sb      strings.Builder
	blocks  []pipeline.Block
	inline  strings.Builder // text of the current paragraph being collected
	bold    int             // bytes of the current paragraph inside <strong>/<b>
	flushes int             // paragraphs ended so far
	lastLi  bool

	prefix  string   // the source marks' prefix; "" when not mapping to the source
	marks   []mark   // source marks in the current paragraph, at offsets in inline
	anchors []anchor // source marks placed in the text
}

func (w *blockWriter) walk(n *html.Node, depth int) {
	if depth > maxHTMLDepth {
		return
	}
	if m, ok := readMark(n, w.prefix); ok {
		w.marks = append(w.marks, mark{at: w.inline.Len(), src: m})
		return
	}
	switch n.Type {
	case html.TextNode:
		w.inline.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipElement(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.flush()
		level := int(n.Data[1] - '0')
		raw, marks := textMarks(n, depth, w.prefix)
		if t := collapse(raw); t != "" && !(level == 1 && len(w.blocks) > 0 && w.blocks[0].Kind == pipeline.BlockTitle && t == w.firstTitle()) {
			w.blockMarked(pipeline.BlockHeading, level, raw, marks, "")
		}
		return
	case atom.Li:
		w.flush()
		raw, marks := textMarks(n, depth, w.prefix)
		if collapse(raw) != "" {
			w.blockMarked(pipeline.BlockBullet, 1, raw, marks, "- ")
		}
		return
	case atom.Br:
		w.inline.WriteByte('\n')
		return
	case atom.Strong, atom.B:
		before, flushes := w.inline.Len(), w.flushes
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, depth+1)
		}
		if w.flushes != flushes {
			before = 0 // a block inside the bold element ended the paragraph it started in
		}
		w.bold += len(strings.TrimSpace(w.inline.String()[before:]))
		return
	}
	isBlock := blockElements[n.DataAtom]
	if isBlock {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if isBlock {
		w.flush()
	}
}

var blockElements = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Blockquote: true, atom.Pre: true, atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true, atom.Main: true, atom.Body: true,
	atom.Center: true, atom.Address: true, atom.Td: true, atom.Th: true}

func (w *blockWriter) firstTitle() string {
	b := w.blocks[0]
	return w.sb.String()[b.Start:b.End]
}

// flush ends the current paragraph. A short paragraph that is all bold is a heading.
func (w *blockWriter) flush() {
	raw := w.inline.String()
	bold := w.bold
	marks := w.marks
	w.inline.Reset()
	w.bold = 0
	w.marks = nil
	w.flushes++
	at := 0
	for _, para := range strings.Split(raw, "\n") {
		start := at
		at += len(para) + 1
		t := collapse(para)
		if t == "" {
			continue
		}
		if len(w.blocks) == 1 && w.blocks[0].Kind == pipeline.BlockTitle && t == w.firstTitle() {
			continue // the article repeats the page title as its first line
		}
		kind, level := pipeline.BlockParagraph, 0
		if bold >= len(strings.TrimSpace(raw))-1 && utf8.RuneCountInString(t) <= 100 && !strings.HasSuffix(t, ".") {
			kind, level = pipeline.BlockHeading, 3
		}
		var in []mark
		for _, m := range marks {
			if m.at >= start && m.at < at {
				in = append(in, mark{at: m.at - start, src: m.src})
			}
		}
		w.blockMarked(kind, level, para, in, "")
	}
}

// blockMarked appends the block of raw text with its white space folded and
// places the source marks found in raw.
func (w *blockWriter) blockMarked(kind pipeline.BlockKind, level int, raw string, marks []mark, marker string) {
	t, pos := foldSpace(raw)
	w.block(kind, level, t, marker)
	start := w.blocks[len(w.blocks)-1].Start
	for _, m := range marks {
		w.anchors = append(w.anchors, anchor{text: start + pos(min(m.at, len(raw))), src: m.src})
	}
}

// block appends one block: paragraphs and headings after a blank line,
// consecutive bullets one per line.
func (w *blockWriter) block(kind pipeline.BlockKind, level int, text, marker string) {
	if w.sb.Len() > 0 {
		if kind == pipeline.BlockBullet && w.lastLi {
			w.sb.WriteString("\n")
		} else {
			w.sb.WriteString("\n\n")
		}
	}
	b := pipeline.Block{Kind: kind, Level: level}
	if marker != "" {
		ms := w.sb.Len()
		w.sb.WriteString(marker)
		b.Marker = &pipeline.Span{Start: ms, End: ms + len(strings.TrimRight(marker, " "))}
	}
	b.Start = w.sb.Len()
	w.sb.WriteString(text)
	b.End = w.sb.Len()
	w.blocks = append(w.blocks, b)
	w.lastLi = kind == pipeline.BlockBullet
}

// collapse folds white space (including no-break spaces) to single spaces.
func collapse(s string) string {
	t, _ := foldSpace(s)
	return t
}

// foldable is the white space that collapse and foldSpace fold.
func foldable(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' }

// cleanTitle drops the site name that pages append to <title>
// ("Report title | Institute for the Study of War").
func cleanTitle(title, site string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(title[i+len(sep):])
		if site != "" && strings.EqualFold(tail, site) || site == "" && sep == " | " {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}
