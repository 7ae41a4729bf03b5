// Command pdfeval measures sitrep's PDF text extraction against a reference
// extractor's output: for every NAME.pdf in a folder that has a
// NAME.pdftotext.txt beside it, it prints word-level precision, recall and
// F1 (bags of lower-cased words), pages, extraction time, the skip reason
// of PDFs without text and the scanned pages (OCR'd when tesseract is on
// PATH, as sitrep annotate does), then the median and worst F1 over the
// PDFs whose reference has text. Usage: go run ./scripts/pdfeval DIR
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/corpus"
)

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

func bag(s string) map[string]int {
	m := map[string]int{}
	for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
		m[w]++
	}
	return m
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pdfeval DIR")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.pdf"))
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "pdfeval: no PDFs in", os.Args[1])
		os.Exit(1)
	}
	var sumTP, sumRef, sumGot int
	var f1s []float64
	opts := annotate.PDFOptions(annotate.Options{Timeout: 2 * time.Minute})
	fmt.Printf("%-52s %5s %8s %6s %6s %6s  %s\n", "file", "pages", "ms", "P", "R", "F1", "title / note")
	for _, f := range files {
		ref, err := os.ReadFile(strings.TrimSuffix(f, ".pdf") + ".pdftotext.txt")
		if err != nil {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		t0 := time.Now()
		x, _, err := corpus.ExtractPDFWith(context.Background(), data, opts)
		ms := float64(time.Since(t0).Microseconds()) / 1000
		if err != nil {
			var se *corpus.SkipError
			kind := "error"
			if errors.As(err, &se) {
				kind = "skipped"
			}
			fmt.Printf("%-52s %5s %8.0f %6s %6s %6s  %s: %v\n", filepath.Base(f), "-", ms, "-", "-", "-", kind, err)
			continue
		}
		rb, gb := bag(string(ref)), bag(x.Text)
		tp, nr, ng := 0, 0, 0
		for w, c := range rb {
			nr += c
			tp += min(c, gb[w])
		}
		for _, c := range gb {
			ng += c
		}
		p, r := float64(tp)/float64(max(ng, 1)), float64(tp)/float64(max(nr, 1))
		note := x.Title
		if len(x.Scanned) > 0 {
			ocr := 0
			for _, pg := range x.Pages {
				if pg.OCR {
					ocr++
				}
			}
			note = fmt.Sprintf("scanned pages %d, OCR read %d: %s", len(x.Scanned), ocr, x.Title)
		}
		if nr < 50 {
			fmt.Printf("%-52s %5d %8.0f %6s %6s %6s  %.70s (reference has %d words)\n", filepath.Base(f), len(x.Pages), ms, "-", "-", "-", note, nr)
			continue
		}
		sumTP, sumRef, sumGot = sumTP+tp, sumRef+nr, sumGot+ng
		f1s = append(f1s, 2*p*r/max(p+r, 1e-9))
		fmt.Printf("%-52s %5d %8.0f %6.3f %6.3f %6.3f  %.70s\n", filepath.Base(f), len(x.Pages), ms, p, r, 2*p*r/max(p+r, 1e-9), note)
	}
	p, r := float64(sumTP)/float64(max(sumGot, 1)), float64(sumTP)/float64(max(sumRef, 1))
	fmt.Printf("%-52s %5s %8s %6.3f %6.3f %6.3f\n", "all (micro)", "", "", p, r, 2*p*r/max(p+r, 1e-9))
	if len(f1s) > 0 {
		sort.Float64s(f1s)
		med := f1s[len(f1s)/2]
		if len(f1s)%2 == 0 {
			med = (f1s[len(f1s)/2-1] + med) / 2
		}
		fmt.Printf("median F1 %.3f, worst %.3f over %d PDFs whose reference has text\n", med, f1s[0], len(f1s))
	}
}
