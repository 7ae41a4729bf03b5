// Command sourcemapcheck measures how well lint positions in .html and .md
// files point into their source: for every word of each file's extracted
// text (bullet markers aside, which the page does not write), it maps the
// word's start back through corpus.SourceMap and checks that the source
// there writes the word's first character (a character reference decoded).
// SHOW=1 prints each word that misses.
// Usage: go run ./scripts/sourcemapcheck DIR...
package main

import (
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/corpus"
	"github.com/sitrep/sitrep/pipeline"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: sourcemapcheck DIR...")
		os.Exit(2)
	}
	files, words, wrong, unmapped := 0, 0, 0, 0
	for _, dir := range os.Args[1:] {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			format := strings.TrimPrefix(filepath.Ext(p), ".")
			if format != "html" && format != "md" {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			src, _, err := corpus.Decode(data)
			if err != nil {
				return nil // binary: not a page
			}
			files++
			var text string
			var blocks []pipeline.Block
			if format == "html" {
				x := corpus.ExtractHTML(src)
				text, blocks = x.Text, x.Blocks
			} else {
				x := corpus.ExtractMarkdown(src)
				text, blocks = x.Text, x.Blocks
			}
			m, err := corpus.NewSourceMap(format, src)
			if err != nil {
				unmapped++
				return nil
			}
			marker := map[int]bool{}
			for _, b := range blocks {
				if b.Marker != nil {
					marker[b.Marker.Start] = true
				}
			}
			for i := 0; i < len(text); {
				r, n := utf8.DecodeRuneInString(text[i:])
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				// Bullet markers and the " | " between a Markdown table's cells
				// are written by sitrep, not by the file.
				if unicode.IsSpace(r) || (i > 0 && !unicode.IsSpace(prev)) || marker[i] || format == "md" && strings.HasPrefix(text[i:], "| ") {
					i += n
					continue
				}
				words++
				if o := m.Offset(i); first(src[o:]) != r {
					wrong++
					if os.Getenv("SHOW") != "" {
						fmt.Printf("%s: %q at %d -> %q\n", p, text[i:min(len(text), i+15)], o, src[o:min(len(src), o+15)])
					}
				}
				i += n
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Printf("%d files (%d without a source map), %d words, %d mapped to a place that does not write them\n", files, unmapped, words, wrong)
}

// first is the first character the source writes at the start of s.
func first(s string) rune {
	if strings.HasPrefix(s, "&") {
		if j := strings.IndexByte(s, ';'); j > 0 && j < 12 {
			r, _ := utf8.DecodeRuneInString(html.UnescapeString(s[:j+1]))
			return r
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
