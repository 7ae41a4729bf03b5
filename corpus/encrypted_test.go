package corpus

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/pdftest"
)

var update = flag.Bool("update", false, "rewrite files under testdata")

// TestEncryptedPDFs: a report encrypted with an empty user password (RC4
// 40 and 128, AES-128 with and without encrypted metadata, AES-256 R5 and
// R6, as qpdf writes them: testdata/encrypted/make.sh) reads like the
// plain file; one that needs a password is skipped with that reason.
func TestEncryptedPDFs(t *testing.T) {
	dir := filepath.Join("testdata", "encrypted")
	plain := pdftest.Make("Encrypted report", pdftest.Report())
	if *update {
		must(t, os.WriteFile(filepath.Join(dir, "plain.pdf"), plain, 0o644))
	}
	if b, err := os.ReadFile(filepath.Join(dir, "plain.pdf")); err != nil || !bytes.Equal(b, plain) {
		t.Fatalf("testdata/encrypted/plain.pdf is not pdftest's report (%v): run go test -run TestEncryptedPDFs -update and make.sh", err)
	}
	want, _, err := ExtractPDF(plain)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, skip string
	}{
		{"rc4-40.pdf", ""},
		{"rc4-128.pdf", ""},
		{"aes-128.pdf", ""},
		{"aes-128-cleartext-metadata.pdf", ""},
		{"aes-256-r5.pdf", ""},
		{"aes-256-r6.pdf", ""},
		{"aes-256-password.pdf", "encrypted PDF that needs a password"},
		{"aes-128-password.pdf", "encrypted PDF that needs a password"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			x, notes, err := ExtractPDF(data)
			if tc.skip != "" {
				var se *SkipError
				if !errors.As(err, &se) || !strings.Contains(se.Reason, tc.skip) {
					t.Fatalf("err = %v, want a skip saying %q", err, tc.skip)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if x.Text != want.Text || x.Title != want.Title {
				t.Errorf("title %q text:\n%q\nwant title %q text\n%q", x.Title, x.Text, want.Title, want.Text)
			}
			if !strings.Contains(strings.Join(notes, "\n"), "decrypted a PDF with an empty user password") {
				t.Errorf("notes %q do not say the file was decrypted", notes)
			}
		})
	}
}
