package ocr

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/corpus"
	"github.com/sitrep/sitrep/internal/pdftest"
)

var paragraphs = []string{
	"Russian forces will likely attempt to hold the bridgehead",
	"near Kherson through the winter. Ukrainian officials said",
	"that artillery strikes on the crossings continued overnight.",
	"",
	"We assess with moderate confidence that the Wagner Group",
	"is recruiting prisoners to replace losses near Bakhmut.",
}

// stamp is the only text layer of each scanned page, as on a court filing.
const stamp = "Case 2:14-cr-00118 Document 3 Filed 05/01/14 Page 1 of 2"

// scannedPDF makes a two-page image-only PDF of known text: the text is
// typeset by pdftest, rendered by pdftoppm and put back as a page image
// with the stamp as the page's only text.
func scannedPDF(t *testing.T) []byte {
	t.Helper()
	var lines []pdftest.Line
	for i, p := range paragraphs {
		// pdftest's Widths give every lower-case letter 556 units, wider
		// than most Helvetica glyphs, so a rendered space looks like the gap
		// between letters; two spaces keep words apart, as a printer would.
		lines = append(lines, pdftest.Line{X: 72, Y: 700 - float64(i)*22, Size: 14, Text: strings.ReplaceAll(p, " ", "  ")})
	}
	typeset := pdftest.Make("Typeset", []pdftest.Page{{Lines: lines}})
	render := exec.Command("pdftoppm", "-r", "200", "-gray", "-png", "-f", "1", "-l", "1", "-")
	render.Stdin = bytes.NewReader(typeset)
	out, err := render.Output()
	if err != nil {
		t.Fatalf("pdftoppm (Debian: poppler-utils): %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	scan := &pdftest.Scan{W: b.Dx(), H: b.Dy(), Pix: make([]byte, 0, b.Dx()*b.Dy())}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			scan.Pix = append(scan.Pix, color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
		}
	}
	stampLine := []pdftest.Line{{X: 72, Y: 760, Size: 8, Text: stamp}}
	return pdftest.Make("Filing", []pdftest.Page{{Scan: scan, Lines: stampLine}, {Scan: scan, Lines: stampLine}})
}

var word = regexp.MustCompile(`[\p{L}\p{N}]+`)

func wordF1(got, want string) float64 {
	bag := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range word.FindAllString(strings.ToLower(s), -1) {
			m[w]++
		}
		return m
	}
	g, w := bag(got), bag(want)
	tp, ng, nw := 0, 0, 0
	for k, c := range w {
		nw += c
		tp += min(c, g[k])
	}
	for _, c := range g {
		ng += c
	}
	if tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(ng), float64(tp)/float64(nw)
	return 2 * p * r / (p + r)
}

// TestScannedPDF: scanned pages are found by their words, read by
// tesseract when it is there, marked as OCR, and reported when it is not.
func TestScannedPDF(t *testing.T) {
	eng, err := Find()
	if err != nil {
		t.Fatalf("%v (make test needs them: scripts/needs.sh)", err)
	}
	data := scannedPDF(t)
	want := strings.Repeat(strings.Join(paragraphs, " ")+" "+stamp+" ", 2)

	x, notes, err := corpus.ExtractPDFWith(context.Background(), data, corpus.PDFOptions{OCR: eng})
	if err != nil {
		t.Fatal(err)
	}
	f1 := wordF1(x.Text, want)
	if f1 < 0.9 {
		t.Errorf("OCR word-F1 %.3f < 0.9; text:\n%s", f1, x.Text)
	}
	t.Logf("OCR word-F1 %.3f against the typeset text", f1)
	if len(x.Scanned) != 2 || len(x.Pages) != 2 || !x.Pages[0].OCR || !x.Pages[1].OCR {
		t.Errorf("scanned %v, pages %+v: want both pages scanned and read by OCR", x.Scanned, x.Pages)
	}
	for _, p := range x.Pages {
		if p.Start > p.End || p.End > len(x.Text) {
			t.Errorf("page %+v outside the text (%d bytes)", p, len(x.Text))
		}
	}
	if n := strings.Join(notes, "\n"); !strings.Contains(n, "OCR (tesseract") || !strings.Contains(n, "read pages 1-2") {
		t.Errorf("notes %q do not say OCR read the pages", notes)
	}

	// Without OCR the stamps are the text, and the report says why the
	// rest is missing.
	x, notes, err = corpus.ExtractPDFWith(context.Background(), data, corpus.PDFOptions{NoOCR: "OCR is off (--no-ocr)"})
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Scanned) != 2 || x.Pages[0].OCR {
		t.Errorf("without OCR: scanned %v, pages %+v", x.Scanned, x.Pages)
	}
	if n := strings.Join(notes, "\n"); !strings.Contains(n, "pages 1-2 look scanned") || !strings.Contains(n, "--no-ocr") {
		t.Errorf("without OCR, notes %q", notes)
	}
	// A text PDF is not scanned, with or without OCR.
	x, _, err = corpus.ExtractPDFWith(context.Background(), pdftest.Make("Report", pdftest.Report()), corpus.PDFOptions{OCR: eng})
	if err != nil || len(x.Scanned) != 0 {
		t.Errorf("text PDF: scanned %v, err %v", x.Scanned, err)
	}
}

// TestMissingTools: without the tools on PATH the error names them and
// the Debian packages.
func TestMissingTools(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := find()
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "pdftoppm and tesseract not found") || !strings.Contains(err.Error(), "tesseract-ocr poppler-utils") {
		t.Fatalf("err = %v", err)
	}
}

// TestTimeout: OCR stops when its time is up and says which pages it did
// not read.
func TestTimeout(t *testing.T) {
	eng, err := Find()
	if err != nil {
		t.Fatalf("%v (make test needs them: scripts/needs.sh)", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	x, notes, err := corpus.ExtractPDFWith(ctx, scannedPDF(t), corpus.PDFOptions{OCR: eng, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Join(notes, "\n"); !strings.Contains(n, "OCR stopped after 1ns (--timeout): pages 1-2 not read") || len(x.Scanned) != 2 {
		t.Errorf("notes %q, scanned %v", notes, x.Scanned)
	}
}

// TestNoEnglishData: a tesseract without its English data is found on
// PATH but refused at first use, saying which package is missing.
func TestNoEnglishData(t *testing.T) {
	dir := t.TempDir()
	fake := "#!/bin/sh\necho 'List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (1):'\necho osd\n"
	if err := os.WriteFile(filepath.Join(dir, "tesseract"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pdftoppm"), []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+":/bin:/usr/bin")
	e, err := find()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Page(context.Background(), "x.pdf", 1); !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "tesseract-ocr-eng") {
		t.Fatalf("err = %v", err)
	}
	if n := e.Name(); !strings.Contains(n, "unusable") {
		t.Errorf("Name() = %q", n)
	}
}
