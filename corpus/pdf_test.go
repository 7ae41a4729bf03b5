package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/pdftest"
	"github.com/sitrep/sitrep/pipeline"
)

func TestExtractPDF(t *testing.T) {
	doc, err := FromBytes("r.pdf", "pdf", pdftest.Make("Sandworm Targets Energy Grids", pdftest.Report()))
	if err != nil {
		t.Fatal(err)
	}
	if errs := pipeline.Check(doc); len(errs) > 0 {
		t.Fatalf("offsets: %v", errs)
	}
	for _, want := range []string{
		"Analysts tracked the group through open-source intelligence and partner reporting on Sino-Russian cooperation in the region.",
		"The campaign began in March and continued through the summer across several oblasts.",
		"Sandworm will likely target Ukrainian energy firms in 2026.",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	for _, furniture := range []string{"ACME Threat Research", "TLP:CLEAR", "Page 1 of 4", "Page 4"} {
		if strings.Contains(doc.Text, furniture) {
			t.Errorf("running header or footer %q left in the text", furniture)
		}
	}
	if doc.Title != "Sandworm Targets Energy Grids" {
		t.Errorf("title %q", doc.Title)
	}
	if doc.Meta["published"] != "2015-08-05" {
		t.Errorf("creation date %q", doc.Meta["published"])
	}
	kinds := map[string]pipeline.BlockKind{}
	for _, b := range doc.Blocks {
		kinds[doc.Text[b.Start:b.End]] = b.Kind
	}
	if kinds["Key Findings"] != pipeline.BlockHeading {
		t.Errorf("Key Findings is %q, not a heading", kinds["Key Findings"])
	}
	if kinds["Sandworm will likely target Ukrainian energy firms in 2026."] != pipeline.BlockBullet {
		t.Errorf("first finding is not a bullet: %v", kinds)
	}
	if len(doc.Pages) != 4 {
		t.Fatalf("pages %v", doc.Pages)
	}
	pageOf := func(s string) int {
		i := strings.Index(doc.Text, s)
		for _, p := range doc.Pages {
			if i >= p.Start && i < p.End {
				return p.Number
			}
		}
		return 0
	}
	for s, want := range map[string]int{"Key Findings": 1, "Page two holds": 2, "Page three lists": 3, "Page four closes": 4, "through the summer": 2} {
		if got := pageOf(s); got != want {
			t.Errorf("%q on page %d, want %d (pages %v)", s, got, want, doc.Pages)
		}
	}
}

func TestPDFJoinLine(t *testing.T) {
	for _, tt := range []struct{ para, next, want string }{
		{"open-source intel-", "ligence", "open-source intelligence"},
		{"Sino-", "Russian", "Sino-Russian"},
		{"CVE-2021-", "44228", "CVE-2021-44228"},
		{"a -", "b", "a - b"},
		{"one", "two", "one two"},
		{"-", "x", "- x"},
	} {
		var b strings.Builder
		b.WriteString(tt.para)
		joinLine(&b, tt.next)
		if b.String() != tt.want {
			t.Errorf("joinLine(%q, %q) = %q, want %q", tt.para, tt.next, b.String(), tt.want)
		}
	}
}

func TestPDFWithoutText(t *testing.T) {
	scanned := pdftest.Make("Scan", []pdftest.Page{{Image: true}, {Image: true}})
	_, err := FromBytes("scan.pdf", "pdf", scanned)
	var se *SkipError
	if !errors.As(err, &se) || !strings.Contains(se.Reason, "no text layer") || !strings.Contains(se.Reason, "2 with images only") || se.SHA256 == "" {
		t.Fatalf("scanned PDF: %v", err)
	}
	good := pdftest.Make("T", pdftest.Report())
	for name, data := range map[string][]byte{
		"truncated": good[:len(good)/2],
		"not a PDF": []byte("%PDF-1.4\nhello"),
		"garbage":   append([]byte("%PDF-1.4\n"), good[200:]...),
	} {
		_, err := FromBytes("bad.pdf", "pdf", data)
		if err == nil || errors.Is(err, ErrSkipped) {
			t.Errorf("%s: err %v, want a read error", name, err)
		}
	}
}

// TestReadPDFCorpus reads PDFs through Walk and Read, as annotate does: the
// report gets pages and a date, the scanned one a skip reason.
func TestReadPDFCorpus(t *testing.T) {
	root := t.TempDir()
	must(t, os.WriteFile(filepath.Join(root, "report.pdf"), pdftest.Make("Sandworm Targets Energy Grids", pdftest.Report()), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "scan.pdf"), pdftest.Make("Scan", []pdftest.Page{{Image: true}}), 0o644))
	entries, err := Walk(root, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Format != "pdf" || entries[1].Format != "pdf" {
		t.Fatalf("entries %+v", entries)
	}
	doc, err := Read(entries[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 4 || doc.Published != "2015-08-05" || doc.PublishedBy != FromMeta {
		t.Errorf("pages %v, published %s by %s", doc.Pages, doc.Published, doc.PublishedBy)
	}
	if _, err := Read(entries[1]); !errors.Is(err, ErrSkipped) {
		t.Errorf("scan.pdf: %v, want skipped", err)
	}
}

// FuzzExtractPDF feeds mutated PDFs to the reader: it may fail, but it must
// return (no panic escapes, no endless loop) and what it returns must hold
// the offset invariants.
func FuzzExtractPDF(f *testing.F) {
	f.Add(pdftest.Make("T", pdftest.Report()))
	f.Add(pdftest.Make("S", []pdftest.Page{{Image: true}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := FromBytes("f.pdf", "pdf", data)
		if err != nil {
			return
		}
		if errs := pipeline.Check(doc); len(errs) > 0 {
			t.Fatalf("%v", errs)
		}
		if len(doc.Pages) == 0 {
			t.Fatal("a PDF with text has no pages")
		}
	})
}

// TestLigatures: a font's ligature glyphs are spelled out, so that search
// and the entity stage read "specific" where the page draws "speciﬁc".
func TestLigatures(t *testing.T) {
	for give, want := range map[string]string{"speci\uFB01c": "specific", "\uFB02ow \uFB00ect \uFB03x \uFB04e": "flow ffect ffix ffle", "plain": "plain"} {
		if got := ligatures.Replace(give); got != want {
			t.Errorf("%q -> %q, want %q", give, got, want)
		}
	}
}
