// Package pdftest writes small PDFs for tests: pages of positioned text
// lines in Helvetica (with a Widths table, so glyph gaps are measurable) or
// page images only. Tests build their own PDFs so that nothing under test
// depends on files we may not ship.
package pdftest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// Line is one line of text drawn at a position.
type Line struct {
	X, Y float64 // baseline start, points from the bottom-left corner
	Size float64
	Bold bool
	Text string // ASCII
}

// Page is one page: text lines, or an image and no text.
type Page struct {
	Lines []Line
	Image bool  // draw a 1x1 image instead of text
	Scan  *Scan // draw this page-sized scan (text lines may be drawn over it)
}

// Scan is an 8-bit grey image, as a scanner makes.
type Scan struct {
	W, H int
	Pix  []byte // W*H bytes, row by row from the top
}

// Make returns a PDF with the given Info title and pages.
func Make(title string, pages []Page) []byte {
	var objs []string // objs[i] is object i+1
	add := func(s string) int {
		objs = append(objs, s)
		return len(objs)
	}
	widths := make([]string, 0, 95)
	for c := 32; c <= 126; c++ {
		w := 556
		switch {
		case c == ' ':
			w = 278
		case strings.ContainsRune("il.,:;'!|", rune(c)):
			w = 222
		case c >= 'A' && c <= 'Z':
			w = 667
		}
		widths = append(widths, fmt.Sprint(w))
	}
	wa := "[" + strings.Join(widths, " ") + "]"
	font := func(base string) int {
		return add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths %s >>", base, wa))
	}
	f1, f2 := font("Helvetica"), font("Helvetica-Bold")
	img := add("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
	pagesID := len(objs) + 1 + 2*len(pages)
	for _, p := range pages {
		if p.Scan != nil {
			pagesID++
		}
	}
	var kids []string
	for _, p := range pages {
		var c strings.Builder
		scan := img
		if p.Scan != nil {
			var z bytes.Buffer
			zw := zlib.NewWriter(&z)
			zw.Write(p.Scan.Pix)
			zw.Close()
			scan = add(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream",
				p.Scan.W, p.Scan.H, z.Len(), z.String()))
			c.WriteString("q 612 0 0 792 0 0 cm /Im2 Do Q\n")
		}
		if p.Image {
			c.WriteString("q 500 0 0 700 50 50 cm /Im1 Do Q\n")
		}
		for _, l := range p.Lines {
			f := "/F1"
			if l.Bold {
				f = "/F2"
			}
			esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l.Text)
			fmt.Fprintf(&c, "BT %s %g Tf %g %g Td (%s) Tj ET\n", f, l.Size, l.X, l.Y, esc)
		}
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
		kids = append(kids, fmt.Sprintf("%d 0 R", add(fmt.Sprintf(
			"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> /XObject << /Im1 %d 0 R /Im2 %d 0 R >> >> >>",
			pagesID, content, f1, f2, img, scan))))
	}
	if add(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages))) != pagesID {
		panic("pdftest.Make: object numbering")
	}
	catalog := add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesID))
	info := add(fmt.Sprintf("<< /Title (%s) /CreationDate (D:20150805120000Z) >>", title))

	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, info, xref)
	return b.Bytes()
}

// Report is a four-page report with a running header, page-number
// footers, a title, a bold "Key Findings" heading with two bullets, a word
// hyphenated across a line break and a paragraph that runs over a page break.
func Report() []Page {
	pages := make([]Page, 4)
	for i := range pages {
		pages[i].Lines = append(pages[i].Lines, Line{X: 72, Y: 760, Size: 8, Text: "ACME Threat Research | TLP:CLEAR"})
	}
	body := func(p int, y float64, text string) {
		pages[p].Lines = append(pages[p].Lines, Line{X: 72, Y: y, Size: 10, Text: text})
	}
	pages[0].Lines = append(pages[0].Lines,
		Line{X: 72, Y: 700, Size: 20, Text: "Sandworm Targets Energy Grids"},
		Line{X: 72, Y: 660, Size: 10, Bold: true, Text: "Key Findings"},
		Line{X: 72, Y: 640, Size: 10, Text: "- Sandworm will likely target Ukrainian energy firms in 2026."},
		Line{X: 72, Y: 628, Size: 10, Text: "- We assess with moderate confidence that Industroyer2 is reused."},
	)
	body(0, 600, "Analysts tracked the group through open-source intel-")
	body(0, 588, "ligence and partner reporting on Sino-")
	body(0, 576, "Russian cooperation in the region.")
	body(0, 546, "The campaign began in March and continued")
	body(1, 700, "through the summer across several oblasts.")
	body(1, 670, "Page two holds the technical analysis of the loader.")
	body(2, 700, "Page three lists the indicators of compromise.")
	body(3, 700, "Page four closes the report.")
	for i := range pages {
		pages[i].Lines = append(pages[i].Lines, Line{X: 300, Y: 40, Size: 8, Text: fmt.Sprintf("Page %d of 4", i+1)})
	}
	return pages
}
