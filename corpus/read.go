package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/sitrep/sitrep/pipeline"
)

// Read reads and decodes one report file and extracts its text. The returned
// document has ID, Title, Source, Text, Meta and, for HTML, Blocks; its
// Diagnostics note any repair (decoding, replaced bytes). A file that is not
// a report after all (binary content) returns a *SkipError.
func Read(e Entry) (*pipeline.Document, error) {
	return ReadWith(context.Background(), e, PDFOptions{})
}

// ReadWith is Read with OCR options for scanned PDF pages.
func ReadWith(ctx context.Context, e Entry, o PDFOptions) (*pipeline.Document, error) {
	data, err := os.ReadFile(e.Path)
	if err != nil {
		return nil, err
	}
	doc, err := FromBytesWith(ctx, e.ID, e.Format, data, o)
	if err != nil {
		return nil, err
	}
	doc.Published, doc.PublishedBy = PublishedDate(doc.Meta, e.ID, doc.Text)
	if !e.ModTime.IsZero() {
		doc.FileModified = e.ModTime.UTC().Format(time.RFC3339)
	}
	doc.Site = Site(doc.Meta, e.ID)
	return doc, nil
}

// Hash returns the hex sha256 of data.
func Hash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// FromBytes builds a document from the bytes of a file of the given format.
func FromBytes(id, format string, data []byte) (*pipeline.Document, error) {
	return FromBytesWith(context.Background(), id, format, data, PDFOptions{})
}

// FromBytesWith is FromBytes with OCR options for scanned PDF pages.
func FromBytesWith(ctx context.Context, id, format string, data []byte, o PDFOptions) (*pipeline.Document, error) {
	src := pipeline.Source{Path: id, Format: format, SHA256: Hash(data), Bytes: int64(len(data))}
	doc, err := fromFormat(ctx, &pipeline.Document{ID: id, Source: src}, data, o)
	if se, ok := err.(*SkipError); ok {
		// A skipped file is still accounted for in the manifest by its hash and size.
		se.SHA256, se.Bytes = src.SHA256, src.Bytes
	}
	return doc, err
}

// fromFormat fills doc from data according to doc.Source.Format.
func fromFormat(ctx context.Context, doc *pipeline.Document, data []byte, o PDFOptions) (*pipeline.Document, error) {
	if doc.Source.Format == "pdf" {
		return fromPDF(ctx, doc, data, o)
	}
	text, notes, err := Decode(data)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		doc.Warn("read", n)
	}
	switch doc.Source.Format {
	case "html":
		x := ExtractHTML(text)
		doc.Text, doc.Title, doc.Blocks, doc.Meta = x.Text, x.Title, x.Blocks, x.Meta
		for _, n := range x.Notes {
			doc.Warn("read", n)
		}
	case "md":
		x := ExtractMarkdown(text)
		doc.Text, doc.Title, doc.Blocks, doc.Links = x.Text, x.Title, x.Blocks, x.Links
	default:
		doc.Text = text
	}
	if strings.TrimSpace(doc.Text) == "" {
		doc.Warn("read", "no text in file")
	}
	return doc, nil
}

// fromPDF fills doc from a PDF's text layer. A PDF without text is a
// *SkipError, like a binary file.
func fromPDF(ctx context.Context, doc *pipeline.Document, data []byte, o PDFOptions) (*pipeline.Document, error) {
	x, notes, err := ExtractPDFWith(ctx, data, o)
	for _, n := range notes {
		doc.Warn("read", n)
	}
	if err != nil {
		return nil, err
	}
	doc.Text, doc.Title, doc.Blocks, doc.Meta, doc.Pages, doc.ScannedPages = x.Text, x.Title, x.Blocks, x.Meta, x.Pages, x.Scanned
	return doc, nil
}

// Decode turns file bytes into UTF-8 text with LF line ends. Clean UTF-8 with
// no BOM and no CR is returned unchanged. UTF-16 with a BOM and
// Windows-1252 are decoded; otherwise invalid bytes become U+FFFD. Content
// with NUL bytes and no UTF-16 BOM is binary: a *SkipError.
func Decode(data []byte) (string, []string, error) {
	var notes []string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		notes = append(notes, "removed a UTF-8 byte-order mark")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", nil, fmt.Errorf("decode UTF-16: %w", err)
		}
		data = out
		notes = append(notes, "decoded from UTF-16")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", nil, &SkipError{Reason: "binary file (NUL bytes)"}
	}
	if !utf8.Valid(data) {
		if looksWindows1252(data) {
			out, err := charmap.Windows1252.NewDecoder().Bytes(data)
			if err == nil {
				data = out
				notes = append(notes, "decoded from Windows-1252 (the file is not valid UTF-8)")
			}
		}
		if !utf8.Valid(data) {
			data = []byte(strings.ToValidUTF8(string(data), "\uFFFD"))
			notes = append(notes, "replaced invalid UTF-8 bytes with U+FFFD")
		}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
		notes = append(notes, "normalised CRLF/CR line ends to LF")
	}
	return string(data), notes, nil
}

// looksWindows1252 reports whether invalid UTF-8 is better read as a
// single-byte Western encoding: no valid multi-byte UTF-8 sequences at all.
func looksWindows1252(data []byte) bool {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError && n > 1 {
			return false
		}
		i += n
	}
	return true
}
