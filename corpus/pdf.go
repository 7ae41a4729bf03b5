package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"github.com/sitrep/sitrep/pipeline"
)

// PDF text extraction. The library (ledongthuc/pdf, a maintained fork of
// rsc.io/pdf) decodes the file, fonts and encryption and gives positioned
// glyphs; the layout below (lines, paragraphs, bullets, headings, running
// headers and footers, hyphenation) is ours. See corpus/README.md for the
// comparison with other pure-Go readers that led to this choice.

// glyph-level thresholds, as fractions of the font size.
const (
	pdfSameLine  = 0.5  // a baseline move smaller than this stays on the line
	pdfWordGap   = 0.2  // a horizontal gap wider than this is a space
	pdfEstGap    = 0.6  // the same where a glyph's width is estimated
	pdfParaGap   = 1.6  // a line gap this many times the page's usual gap starts a paragraph
	pdfMinRepeat = 3    // a running header or footer repeats on at least this many pages
	pdfEdgeLines = 2    // lines at the top and bottom of a page checked for headers and footers
	pdfHeadRatio = 1.15 // a line this much larger than the body font is a heading
)

// pdfLine is one line of a page in reading order.
type pdfLine struct {
	text string
	y    float64 // baseline of the line; y grows upwards
	size float64 // font size of its first glyph
	bold bool    // every glyph is in a bold face
	page int
	furn bool // a running header, footer or page number
}

// PDFText is the text of a PDF with its layout and page spans.
type PDFText struct {
	Extracted
	Pages   []pipeline.Page
	Scanned []int // pages that are scanned images (read by OCR or not read)
}

var (
	pdfBulletRE  = regexp.MustCompile(`^(?:[•●▪◦■□‣∙·o§\x{F0A7}\x{F0B7}\x{F076}\x{F0D8}\x{F0FC}]|[-–*]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+\S`)
	pdfPageNumRE = regexp.MustCompile(`(?i)^(?:page\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$`)
	pdfDigitsRE  = regexp.MustCompile(`\d+`)
	pdfJunkTitle = regexp.MustCompile(`(?i)^(?:microsoft (?:word|powerpoint) - |untitled)|\.(?:indd|docx?|pdf|qxd|pptx?)$`)
)

// ExtractPDF reads a PDF's text layer. A file with no text at all (page
// images only) is a *SkipError: it would otherwise become an empty record.
// Scanned pages are reported, not read: see ExtractPDFWith.
func ExtractPDF(data []byte) (x PDFText, notes []string, err error) {
	return ExtractPDFWith(context.Background(), data, PDFOptions{})
}

// OCR reads the text of one page of a PDF file (package ocr).
type OCR interface {
	Page(ctx context.Context, path string, page int) (string, error)
	Name() string
}

// PDFOptions say how scanned pages are read.
type PDFOptions struct {
	OCR   OCR           // nil: scanned pages are reported, not read
	NoOCR string        // why OCR is nil, said in the report
	Limit time.Duration // OCR of one file stops after this long (0: no bound)
}

// A page whose images cover pdfScanShare of it and that has fewer than
// pdfScanWords words of text looks scanned (a court filing's only text is
// its e-filing stamp); so does a page that draws images and has no text.
const (
	pdfScanShare = 0.5
	pdfScanWords = 30
)

// ExtractPDFWith is ExtractPDF with OCR for scanned pages: a page mostly
// covered by images with under pdfScanWords words is read by o.OCR; the OCR text
// replaces the text layer when it has clearly more words (twice as many
// and 20 more: a cover page's title stays as typeset).
func ExtractPDFWith(ctx context.Context, data []byte, o PDFOptions) (x PDFText, notes []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed PDF: %v", r)
		}
	}()
	r, err := pdf.NewReaderEncrypted(bytes.NewReader(data), int64(len(data)), func() string { return "" })
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return x, nil, &SkipError{Reason: "encrypted PDF that needs a password (the empty user password does not open it)"}
	}
	if err != nil {
		return x, nil, fmt.Errorf("open PDF: %w", err)
	}
	if !r.Trailer().Key("Encrypt").IsNull() {
		notes = append(notes, "decrypted a PDF with an empty user password")
	}
	pages, cut := pdfPages(r)
	if cut != "" {
		notes = append(notes, cut)
	}
	n := len(pages)
	perPage := make([][]pdfLine, n)
	var scanned []int
	images, failed := 0, 0
	for i := 1; i <= n; i++ {
		page := pages[i-1]
		pl, share, perr := pageLines(page, i)
		if perr != nil {
			failed++
			notes = append(notes, fmt.Sprintf("page %d: %v", i, perr))
			continue
		}
		img := hasImages(page)
		if len(pl) == 0 && img {
			images++
		}
		if w := lineWords(pl); w < pdfScanWords && share >= pdfScanShare || w == 0 && share > 0 {
			scanned = append(scanned, i)
		}
		perPage[i-1] = pl
	}
	var ocrd []int
	var ocrNote string
	if len(scanned) > 0 {
		ocrd, scanned, ocrNote = ocrPages(ctx, data, perPage, scanned, o)
		if ocrNote != "" {
			notes = append(notes, ocrNote)
		}
	}
	var lines []pdfLine
	for _, pl := range perPage {
		lines = append(lines, pl...)
	}
	if len(lines) == 0 {
		reason := fmt.Sprintf("PDF has no text layer (%d pages", n)
		if images > 0 {
			reason += fmt.Sprintf(", %d with images only: scanned", images)
			if o.OCR == nil {
				reason += "; " + noOCR(o)
			} else {
				reason += "; OCR read no text"
				if ocrNote != "" {
					reason += ": " + ocrNote
				}
			}
		}
		return x, notes, &SkipError{Reason: reason + ")"}
	}
	markFurniture(lines, n)
	x = layoutPDF(lines, n)
	x.Meta = pdfMeta(r.Trailer().Key("Info"))
	x.Title = x.Meta["title"]
	if x.Title == "" {
		x.Title = firstHeading(x)
	}
	if failed > 0 {
		notes = append(notes, fmt.Sprintf("%d of %d pages could not be read", failed, n))
	}
	x.Scanned = scanned
	for _, p := range ocrd {
		x.Pages[p-1].OCR = true
	}
	return x, notes, nil
}

func noOCR(o PDFOptions) string {
	if o.NoOCR != "" {
		return o.NoOCR
	}
	return "OCR is off"
}

// lineWords counts the words of some lines.
func lineWords(lines []pdfLine) int {
	n := 0
	for _, l := range lines {
		n += len(strings.Fields(l.text))
	}
	return n
}

// ocrPages reads the scanned pages with o.OCR, replacing their lines when
// OCR finds clearly more words. It returns the pages read by OCR, the pages
// that are scanned (those, or without OCR every candidate) and a note.
func ocrPages(ctx context.Context, data []byte, perPage [][]pdfLine, candidates []int, o PDFOptions) (ocrd, scanned []int, note string) {
	what := fmt.Sprintf("images over half the page and under %d words of text, or images and no text", pdfScanWords)
	if o.OCR == nil {
		return nil, candidates, fmt.Sprintf("pages %s look scanned (%s): their text is not read; %s", pageList(candidates), what, noOCR(o))
	}
	f, err := os.CreateTemp("", "sitrep-ocr-*.pdf")
	if err != nil {
		return nil, candidates, fmt.Sprintf("pages %s look scanned (%s); OCR: %v", pageList(candidates), what, err)
	}
	defer os.Remove(f.Name())
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return nil, candidates, fmt.Sprintf("pages %s look scanned (%s); OCR: %v", pageList(candidates), what, werr)
	}
	if o.Limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Limit)
		defer cancel()
	}
	var problems []string
	var unread []int // pages OCR failed on or did not reach: scans for all we know
	for k, p := range candidates {
		text, err := o.OCR.Page(ctx, f.Name(), p)
		if err != nil {
			if ctx.Err() != nil {
				problems = append(problems, fmt.Sprintf("OCR stopped after %v (--timeout): pages %s not read", o.Limit, pageList(candidates[k:])))
				unread = append(unread, candidates[k:]...)
				break
			}
			problems = append(problems, fmt.Sprintf("page %d: %v", p, err))
			unread = append(unread, p)
			continue
		}
		size := bodySize(perPage[p-1])
		if size == 0 {
			size = 10
		}
		ol := ocrLines(text, p, size)
		if w := lineWords(perPage[p-1]); lineWords(ol) >= 2*w+20 {
			perPage[p-1] = ol
			ocrd = append(ocrd, p)
		}
	}
	scanned = append(slices.Clone(ocrd), unread...)
	sort.Ints(scanned)
	var parts []string
	if len(ocrd) > 0 {
		parts = append(parts, fmt.Sprintf("OCR (%s) read pages %s (%s)", o.OCR.Name(), pageList(ocrd), what))
	}
	return ocrd, scanned, strings.Join(append(parts, problems...), "; ")
}

// ocrLines turns OCR text into lines of page p: one per text line, a blank
// line a paragraph gap, laid out top down at the body size.
func ocrLines(text string, p int, size float64) []pdfLine {
	var out []pdfLine
	y := 1000.0
	for _, l := range strings.Split(text, "\n") {
		l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\f", " ")), " ")
		if l == "" {
			if len(out) > 0 {
				y -= size * 1.2
			}
			continue
		}
		out = append(out, pdfLine{text: l, y: y, size: size, page: p})
		y -= size * 1.2
	}
	return out
}

// pageList writes page numbers as ranges: "1-3, 7".
func pageList(ps []int) string {
	var b strings.Builder
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%d-%d", ps[i], ps[j])
		} else {
			fmt.Fprintf(&b, "%d", ps[i])
		}
		i = j + 1
	}
	return b.String()
}

// Bounds of the page tree walk: real trees are a few levels deep, and a
// node per page or fewer.
const (
	pdfMaxTreeDepth = 64
	pdfMaxTreeNodes = 1 << 16
)

// pdfPages lists the page dictionaries in reading order. It walks the page
// tree itself, with bounds: the library's Reader.Page follows /Kids without
// one, so a tree that contains itself (a fuzzed file's object 6 was
// << /Type /Pages /Kids [6 0 R] >>) looped forever. The library looks up
// inherited resources along /Parent, also without a bound, so a page whose
// /Parent chain does not end is left out. cut says what the bounds left out.
func pdfPages(r *pdf.Reader) (pages []pdf.Page, cut string) {
	nodes, capped, loops := 0, false, 0
	var walk func(node pdf.Value, depth int)
	walk = func(node pdf.Value, depth int) {
		kids := node.Key("Kids")
		for i := 0; i < kids.Len(); i++ {
			if nodes++; nodes > pdfMaxTreeNodes {
				capped = true
				return
			}
			kid := kids.Index(i)
			switch kid.Key("Type").Name() {
			case "Pages":
				if depth >= pdfMaxTreeDepth {
					capped = true
					continue
				}
				walk(kid, depth+1)
			case "Page":
				if !parentsEnd(kid) {
					loops++
					continue
				}
				pages = append(pages, pdf.Page{V: kid})
			}
		}
	}
	if root := r.Trailer().Key("Root").Key("Pages"); root.Key("Type").Name() == "Pages" {
		walk(root, 1)
	}
	var why []string
	if capped {
		why = append(why, fmt.Sprintf("the page tree is deeper than %d levels or has over %d nodes", pdfMaxTreeDepth, pdfMaxTreeNodes))
	}
	if loops > 0 {
		why = append(why, fmt.Sprintf("pages whose /Parent chain loops: %d", loops))
	}
	if len(why) > 0 {
		cut = strings.Join(why, "; ") + fmt.Sprintf(": read %d pages", len(pages))
	}
	return pages, cut
}

// parentsEnd reports whether a page's /Parent chain ends within the tree's
// depth bound.
func parentsEnd(page pdf.Value) bool {
	v := page
	for range pdfMaxTreeDepth + 1 {
		if v = v.Key("Parent"); v.IsNull() {
			return true
		}
	}
	return false
}

// pageLines groups a page's glyphs into lines, in the order the page draws
// them (which is the reading order for nearly every producer, columns
// included). Spaces come from the text itself or from gaps between glyphs.
func pageLines(p pdf.Page, num int) (lines []pdfLine, imageShare float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed content: %v", r)
		}
	}()
	if p.V.IsNull() {
		return nil, 0, nil
	}
	content := p.Content()
	imageShare = coverage(p, content.Images)
	var cur *pdfLine
	var sb strings.Builder
	var lastEnd, lastY, lastSize, lastGap float64
	lastW := 0.0
	glyphs := content.Text
	adv := zeroWidthAdvance(glyphs)
	flush := func() {
		if cur != nil {
			cur.text = strings.Join(strings.Fields(sb.String()), " ")
			if cur.text != "" {
				lines = append(lines, *cur)
			}
		}
		sb.Reset()
		cur = nil
	}
	for _, g := range glyphs {
		if g.S == "\n" || g.S == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(g.S); r < 0x20 || r == 0x7f {
			// A control code is an undecoded symbol glyph; at the start of
			// a line it is nearly always a bullet.
			if cur != nil && sb.Len() > 0 {
				continue
			}
			g.S = "•"
		}
		size := math.Max(math.Abs(g.FontSize), 1)
		if cur != nil {
			dy := math.Abs(g.Y - lastY)
			switch {
			case dy > pdfSameLine*math.Max(size, lastSize), g.X < lastEnd-3*size:
				flush()
			case lastW > 0 && g.X-lastEnd > lastGap:
				sb.WriteByte(' ')
			}
		}
		if cur == nil {
			cur = &pdfLine{y: g.Y, size: size, page: num, bold: true}
		}
		if strings.TrimSpace(g.S) != "" && !boldFont(g.Font) {
			cur.bold = false
		}
		ligatures.WriteString(&sb, g.S)
		w, gap := g.W, pdfWordGap*size
		if w <= 0 && adv > 0 {
			// No width (a font without metrics): the page's usual advance
			// stands in, and only a wide gap (a table's next column; such
			// fonts draw their word spaces) is a space.
			w, gap = adv*float64(utf8.RuneCountInString(g.S)), pdfEstGap*size
		}
		lastEnd, lastY, lastSize, lastW, lastGap = g.X+w, g.Y, size, w, gap
	}
	flush()
	return lines, imageShare, nil
}

// ligatures spells out the typographic ligatures fonts draw as one glyph:
// "speciﬁc" is "specific" to a reader, a search and the entity stage (the
// reference pdftotext writes the letters too).
var ligatures = strings.NewReplacer("\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl",
	"\uFB05", "st", "\uFB06", "st")

// coverage is the share of the page's area that the images drawn on it
// cover (overlaps counted once per image, clipped to the page).
func coverage(p pdf.Page, images []pdf.Rect) float64 {
	if len(images) == 0 {
		return 0
	}
	x0, y0, x1, y1 := 0.0, 0.0, 612.0, 792.0 // US Letter when the page names no box
	if mb := p.V.Key("MediaBox"); mb.Len() == 4 {
		x0, y0, x1, y1 = mb.Index(0).Float64(), mb.Index(1).Float64(), mb.Index(2).Float64(), mb.Index(3).Float64()
	}
	area := math.Abs((x1 - x0) * (y1 - y0))
	if area == 0 {
		return 0
	}
	lx, hx, ly, hy := math.Min(x0, x1), math.Max(x0, x1), math.Min(y0, y1), math.Max(y0, y1)
	covered := 0.0
	for _, r := range images {
		w := math.Min(r.Max.X, hx) - math.Max(r.Min.X, lx)
		h := math.Min(r.Max.Y, hy) - math.Max(r.Min.Y, ly)
		if w > 0 && h > 0 {
			covered += w * h
		}
	}
	return math.Min(covered/area, 1)
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// boldFont reports whether a font name names a bold face
// ("Arial-BoldMT", "Helvetica-Bold", "Calibri,Bold").
func boldFont(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "bold") || strings.Contains(n, "black") || strings.Contains(n, "heavy")
}

func hasImages(p pdf.Page) bool {
	xo := p.Resources().Key("XObject")
	for _, k := range xo.Keys() {
		if xo.Key(k).Key("Subtype").Name() == "Image" {
			return true
		}
	}
	return false
}

// zeroWidthAdvance is the median advance per character between
// consecutive glyphs that have no width, on the same line: the stand-in
// width of such glyphs (0: none).
func zeroWidthAdvance(glyphs []pdf.Text) float64 {
	var d []float64
	for i := 1; i < len(glyphs); i++ {
		a, b := glyphs[i-1], glyphs[i]
		n := utf8.RuneCountInString(a.S)
		if a.W > 0 || n == 0 || strings.TrimSpace(a.S) == "" || math.Abs(a.Y-b.Y) > 0.1 {
			continue
		}
		if dx := (b.X - a.X) / float64(n); dx > 0 && dx < 2*math.Abs(a.FontSize) {
			d = append(d, dx)
		}
	}
	if len(d) == 0 {
		return 0
	}
	sort.Float64s(d)
	return d[len(d)/2]
}

// markFurniture flags running headers and footers (a line near the top or
// bottom of a page that recurs, digits aside, on several pages) and bare
// page numbers at the top or bottom.
func markFurniture(lines []pdfLine, pages int) {
	key := func(s string) string { return strings.ToLower(pdfDigitsRE.ReplaceAllString(s, "#")) }
	byPage := map[int][]int{}
	for i, l := range lines {
		byPage[l.page] = append(byPage[l.page], i)
	}
	edge := func(idx []int) []int {
		if len(idx) <= 2*pdfEdgeLines {
			return idx
		}
		return append(slices.Clone(idx[:pdfEdgeLines]), idx[len(idx)-pdfEdgeLines:]...)
	}
	count := map[string]int{}
	for _, idx := range byPage {
		seen := map[string]bool{}
		for _, i := range edge(idx) {
			k := key(lines[i].text)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(pdfMinRepeat, pages/3)
	for _, idx := range byPage {
		for _, i := range edge(idx) {
			l := &lines[i]
			if pdfPageNumRE.MatchString(l.text) || count[key(l.text)] >= need && utf8.RuneCountInString(l.text) < 150 {
				l.furn = true
			}
		}
	}
}

// layoutPDF joins lines into paragraphs, bullets and headings and records
// where each page's text starts and ends.
func layoutPDF(lines []pdfLine, pages int) PDFText {
	body := bodySize(lines)
	gaps := lineGaps(lines)
	var w blockWriter
	var para strings.Builder
	paraKind, paraLevel := pipeline.BlockParagraph, 0
	var marker string
	pageStart := map[int]int{}
	pending := map[int]int{} // page -> offset in the open paragraph where the page begins
	emit := func() {
		t := para.String()
		para.Reset()
		if t != "" {
			w.block(paraKind, paraLevel, t, marker)
			b := w.blocks[len(w.blocks)-1]
			for p, rel := range pending {
				if rel == 0 && b.Marker != nil {
					pageStart[p] = b.Marker.Start
				} else {
					pageStart[p] = min(b.Start+rel, b.End)
				}
			}
		}
		clear(pending)
		marker = ""
	}
	var prev *pdfLine
	for i := range lines {
		l := &lines[i]
		if l.furn {
			continue
		}
		n := utf8.RuneCountInString(l.text)
		heading := l.size > body*pdfHeadRatio && n < 120 ||
			l.bold && n < 80 && letters(l.text) >= 3 && !strings.HasSuffix(l.text, ".") && !pdfBulletRE.MatchString(l.text)
		newBlock := prev == nil || prev.page != l.page && !continues(prev.text, l.text) ||
			prev.page == l.page && (l.y > prev.y || prev.y-l.y > pdfParaGap*min(gaps[l.page], 1.25*l.size)) ||
			heading != (paraKind == pipeline.BlockHeading) || heading && math.Abs(prev.size-l.size) >= 0.5 ||
			pdfBulletRE.MatchString(l.text)
		if prev != nil && prev.page == l.page && paraKind == pipeline.BlockHeading && heading &&
			math.Abs(prev.size-l.size) < 0.5 && prev.y-l.y <= 2.5*l.size {
			newBlock = false // a heading set on two lines
		}
		if newBlock {
			emit()
			paraKind, paraLevel = pipeline.BlockParagraph, 0
			text := l.text
			switch {
			case heading:
				paraKind, paraLevel = pipeline.BlockHeading, headingLevel(l.size, body)
			case pdfBulletRE.MatchString(text):
				paraKind = pipeline.BlockBullet
				f := strings.Fields(text)
				marker = f[0] + " "
				text = strings.TrimSpace(text[len(f[0]):])
			}
			if _, started := pageStart[l.page]; !started {
				pending[l.page] = 0
			}
			para.WriteString(text)
		} else {
			_, started := pageStart[l.page]
			if _, open := pending[l.page]; !started && !open {
				pending[l.page] = para.Len() + 1
			}
			joinLine(&para, l.text)
		}
		prev = l
	}
	emit()
	x := PDFText{}
	x.Text, x.Blocks = w.sb.String(), w.blocks
	x.Pages = pageSpans(x.Text, pageStart, pages)
	return x
}

// firstHeading is the title printed on the first page: its first heading
// of the largest size, which becomes the title block.
func firstHeading(x PDFText) string {
	best := -1
	for i, b := range x.Blocks {
		if len(x.Pages) > 0 && b.Start >= x.Pages[0].End {
			break
		}
		if b.Kind == pipeline.BlockHeading && (best < 0 || b.Level < x.Blocks[best].Level) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	x.Blocks[best].Kind = pipeline.BlockTitle
	return x.Text[x.Blocks[best].Start:x.Blocks[best].End]
}

// pageSpans turns page start offsets into ordered, disjoint spans: a page
// runs to where the next page with text begins. A page with no body text
// gets an empty span there.
func pageSpans(text string, start map[int]int, pages int) []pipeline.Page {
	out := make([]pipeline.Page, pages)
	next := len(text)
	for p := pages; p >= 1; p-- {
		s, ok := start[p]
		if !ok || s > next {
			s = next
		}
		e := next
		for e > s && (text[e-1] == '\n' || text[e-1] == ' ') {
			e--
		}
		out[p-1] = pipeline.Page{Start: s, End: e, Number: p}
		next = s
	}
	return out
}

// continues reports whether a paragraph runs on from one page to the next:
// the last line does not end a sentence and the next starts in lower case.
func continues(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r) && !strings.HasSuffix(prev, ".") && !strings.HasSuffix(prev, ":")
}

// joinLine appends a line to a paragraph, repairing a word hyphenated across
// the break: "intel-" + "ligence" loses the hyphen; before a capital or a
// digit the hyphen is part of the word and stays ("Sino-" + "Russian",
// "CVE-2021-" + "44228").
func joinLine(para *strings.Builder, next string) {
	s := para.String()
	r, _ := utf8.DecodeRuneInString(next)
	if strings.HasSuffix(s, "-") && len(s) > 1 {
		p, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
		switch {
		case unicode.IsLetter(p) && unicode.IsLower(r):
			para.Reset()
			para.WriteString(s[:len(s)-1])
			para.WriteString(next)
			return
		case (unicode.IsLetter(p) || unicode.IsDigit(p)) && (unicode.IsUpper(r) || unicode.IsDigit(r)):
			para.WriteString(next)
			return
		}
	}
	para.WriteByte(' ')
	para.WriteString(next)
}

// bodySize is the most common font size, weighted by text length.
func bodySize(lines []pdfLine) float64 {
	w := map[float64]int{}
	for _, l := range lines {
		w[math.Round(l.size*2)/2] += len(l.text)
	}
	best, bw := 10.0, -1
	for s, n := range w {
		if n > bw || n == bw && s < best {
			best, bw = s, n
		}
	}
	return best
}

func headingLevel(size, body float64) int {
	switch r := size / body; {
	case r >= 1.8:
		return 1
	case r >= 1.4:
		return 2
	}
	return 3
}

// lineGaps is the usual distance between consecutive body lines of each
// page (the lower quartile: most gaps are line spacing, the rest paragraph
// breaks), the unit for paragraph breaks.
func lineGaps(lines []pdfLine) map[int]float64 {
	d := map[int][]float64{}
	var prev *pdfLine
	for i := range lines {
		b := &lines[i]
		if b.furn {
			continue
		}
		if prev != nil && prev.page == b.page && prev.y > b.y {
			d[b.page] = append(d[b.page], prev.y-b.y)
		}
		prev = b
	}
	out := map[int]float64{}
	for p, v := range d {
		sort.Float64s(v)
		out[p] = v[len(v)/4]
	}
	for _, l := range lines {
		if out[l.page] == 0 {
			out[l.page] = l.size * 1.2
		}
	}
	return out
}

// pdfMeta reads the document information dictionary: a real title (not
// "Microsoft Word - x.doc"), the author and the creation date.
func pdfMeta(info pdf.Value) map[string]string {
	m := map[string]string{}
	if t := strings.TrimSpace(info.Key("Title").Text()); len(t) > 3 && !pdfJunkTitle.MatchString(t) {
		m["title"] = collapse(t)
	}
	if a := strings.TrimSpace(info.Key("Author").Text()); a != "" {
		m["author"] = collapse(a)
	}
	if d := pdfDate(info.Key("CreationDate").Text()); d != "" {
		m["published"] = d
	}
	return m
}

var pdfDateRE = regexp.MustCompile(`^D:(\d{4})(\d{2})(\d{2})`)

// pdfDate turns "D:20150805120000Z" into "2015-08-05".
func pdfDate(s string) string {
	m := pdfDateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	return m[1] + "-" + m[2] + "-" + m[3]
}
