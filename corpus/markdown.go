package corpus

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/sitrep/sitrep/pipeline"
)

// Markdown is parsed with goldmark (CommonMark plus GitHub tables), a
// maintained parser that gets nested lists, reference links, code blocks and
// escapes right where line-based rules do not. The text we build from its
// tree keeps headings, paragraphs and list items as blocks, drops emphasis
// markers and reduces links to their anchor text, keeping each target in
// Document.Links.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// maxMarkdownDepth bounds recursion on pathological nesting (10,000 ">").
const maxMarkdownDepth = 200

// MarkdownText is a Markdown file reduced to text, layout and links.
type MarkdownText struct {
	Extracted
	Links []pipeline.Link
}

// ExtractMarkdown reduces Markdown to text with blocks and links.
func ExtractMarkdown(src string) MarkdownText {
	x, _ := extractMarkdown(src, false)
	return x
}

// extractMarkdown is ExtractMarkdown; with track it also returns where each
// text node of the source landed in the text (see SourceMap).
func extractMarkdown(src string, track bool) (MarkdownText, []anchor) {
	b := []byte(src)
	root := markdown.Parser().Parse(gmtext.NewReader(b))
	m := &mdWriter{src: b, track: track}
	m.blocks(root, 0)
	x := MarkdownText{Links: m.links}
	x.Text, x.Blocks = m.w.sb.String(), m.w.blocks
	if len(x.Blocks) > 0 && x.Blocks[0].Kind == pipeline.BlockHeading && x.Blocks[0].Level == 1 {
		x.Blocks[0].Kind = pipeline.BlockTitle
		x.Title = x.Text[x.Blocks[0].Start:x.Blocks[0].End]
	}
	return x, m.w.anchors
}

type mdWriter struct {
	src   []byte
	w     blockWriter
	links []pipeline.Link
	// the inline text being collected and the links inside it, relative to it
	inline  strings.Builder
	pending []pipeline.Link
	strong  int // bytes of the inline text inside strong emphasis
	track   bool
	marks   []mark // source offsets of the text nodes in inline
}

// mark notes, when tracking, that the source at offset src is written next.
func (m *mdWriter) mark(src int) {
	if m.track {
		m.marks = append(m.marks, mark{at: m.inline.Len(), src: src})
	}
}

func (m *mdWriter) blocks(n ast.Node, depth int) {
	if depth > maxMarkdownDepth {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.block(c, depth)
	}
}

// block writes one block node.
func (m *mdWriter) block(c ast.Node, depth int) {
	switch c := c.(type) {
	case *ast.Heading:
		m.inlines(c, 0)
		m.emit(pipeline.BlockHeading, c.Level, "")
	case *ast.Paragraph, *ast.TextBlock:
		m.inlines(c, 0)
		kind, level := pipeline.BlockParagraph, 0
		if t := strings.TrimSpace(m.inline.String()); t != "" && m.strong >= len(t) && utf8.RuneCountInString(t) <= 100 && !strings.HasSuffix(t, ".") {
			kind, level = pipeline.BlockHeading, 3 // a bold-only line is a heading in many exports
		}
		m.emit(kind, level, "")
	case *ast.List:
		n := c.Start
		for it := c.FirstChild(); it != nil; it = it.NextSibling() {
			marker := "- "
			if c.IsOrdered() {
				marker = fmt.Sprintf("%d. ", n)
				n++
			}
			m.item(it, marker, depth+1)
		}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lines := c.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			m.mark(seg.Start)
			m.inline.Write(seg.Value(m.src))
		}
		m.emit(pipeline.BlockParagraph, 0, "")
	case *extast.Table:
		for row := c.FirstChild(); row != nil; row = row.NextSibling() {
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if cell != row.FirstChild() {
					m.inline.WriteString(" | ")
				}
				m.inlines(cell, 0)
			}
			m.emit(pipeline.BlockParagraph, 0, "")
		}
	case *ast.HTMLBlock, *ast.ThematicBreak, *ast.LinkReferenceDefinition:
		// markup, rules and link definitions carry no report text
	default:
		m.blocks(c, depth+1) // block quotes and anything else: their children
	}
}

// item writes a list item: its first paragraph is the bullet, the rest
// (further paragraphs, nested lists) follow as blocks of their own.
func (m *mdWriter) item(it ast.Node, marker string, depth int) {
	first := it.FirstChild()
	if first == nil || first.Kind() != ast.KindParagraph && first.Kind() != ast.KindTextBlock {
		m.blocks(it, depth)
		return
	}
	m.inlines(first, 0)
	m.emit(pipeline.BlockBullet, 1, marker)
	for c := first.NextSibling(); c != nil; c = c.NextSibling() {
		m.block(c, depth)
	}
}

// inlines appends the text of n's inline children to the current block.
func (m *mdWriter) inlines(n ast.Node, depth int) {
	if depth > maxMarkdownDepth {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			m.mark(c.Segment.Start)
			if n.Kind() == ast.KindCodeSpan {
				m.inline.Write(c.Value(m.src)) // code is literal: no escapes, no entities
			} else {
				m.inline.WriteString(html.UnescapeString(string(util.UnescapePunctuations(c.Value(m.src)))))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				m.inline.WriteByte(' ')
			}
		case *ast.String:
			m.inline.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.Emphasis:
			before := m.inline.Len()
			m.inlines(c, depth+1)
			if c.Level >= 2 {
				m.strong += m.inline.Len() - before
			}
		case *ast.Link:
			start := m.inline.Len()
			m.inlines(c, depth+1)
			m.link(start, string(c.Destination))
		case *ast.AutoLink:
			start := m.inline.Len()
			m.inline.Write(c.Label(m.src))
			url := string(c.URL(m.src))
			if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(url, "mailto:") {
				url = "mailto:" + url
			}
			m.link(start, url)
		case *ast.RawHTML:
			// inline tags are markup
		default:
			m.inlines(c, depth+1) // images (their alt text), code spans, strikethrough
		}
	}
}

func (m *mdWriter) link(start int, url string) {
	if end := m.inline.Len(); end > start && url != "" {
		m.pending = append(m.pending, pipeline.Link{Start: start, End: end, URL: url})
	}
}

// emit writes the collected inline text as one block. White space is folded
// here, before any offset is taken, so link spans are computed on the final
// text.
func (m *mdWriter) emit(kind pipeline.BlockKind, level int, marker string) {
	raw := m.inline.String()
	pending, marks := m.pending, m.marks
	m.inline.Reset()
	m.pending, m.strong, m.marks = nil, 0, nil
	text, remap := foldSpace(raw)
	if text == "" {
		return
	}
	m.w.block(kind, level, text, marker)
	base := m.w.blocks[len(m.w.blocks)-1].Start
	for _, mk := range marks {
		m.w.anchors = append(m.w.anchors, anchor{text: base + remap(mk.at), src: mk.src})
	}
	for _, l := range pending {
		s, e := remap(l.Start), remap(l.End)
		for e > s && text[e-1] == ' ' {
			e--
		}
		if e > s {
			m.links = append(m.links, pipeline.Link{Start: base + s, End: base + e, URL: l.URL})
		}
	}
}

// foldSpace trims s and folds runs of white space to one space; remap maps
// an offset in s to the offset of the same place in the result.
func foldSpace(s string) (string, func(int) int) {
	var b strings.Builder
	pos := make([]int, len(s)+1)
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:]) // n, not RuneLen: invalid bytes are 1 wide
		if foldable(r) {
			for k := range n {
				pos[i+k] = b.Len()
			}
			space = b.Len() > 0
			i += n
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		for k := range n {
			pos[i+k] = b.Len()
		}
		b.WriteRune(r)
		i += n
	}
	pos[len(s)] = b.Len()
	out := b.String()
	return out, func(i int) int { return min(pos[i], len(out)) }
}
