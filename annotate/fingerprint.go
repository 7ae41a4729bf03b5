package annotate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/sitrep/sitrep/corpus"
	"github.com/sitrep/sitrep/corpus/ocr"
	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline/entities"
	"github.com/sitrep/sitrep/pipeline/tokenize"
)

// Fingerprint identifies everything that shapes a record besides its input:
// sitrep's version, the embedded models, user gazetteers and the options.
func Fingerprint(o Options) (string, error) {
	models, err := models.Fingerprint()
	if err != nil {
		return "", err
	}
	maxTokens := o.MaxTokens
	if maxTokens <= 0 {
		maxTokens = tokenize.DefaultMaxTokens // what the stage uses: hash effective values, not flags
	}
	merge, err := entities.ParseMerge(o.Merge)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "build %s\n", buildID())
	fmt.Fprintf(h, "sitrep %s\nmodels %s\nscale %s\ntakeaways %d\npos %v\nmax-tokens %d\nmerge %d\nkeep-boilerplate %v\n", Version, models, o.Scale, o.Derive, o.Tag, maxTokens, merge, o.KeepBoiler)
	// Whether and with which tesseract scanned pages are read shapes their
	// records: installing tesseract makes the next run read them.
	fmt.Fprintf(h, "ocr %s\n", ocrState(o))
	for _, g := range o.Gazetteers {
		sum, _, err := corpus.HashFile(g)
		if err != nil {
			return "", fmt.Errorf("gazetteer %s: %w", g, err)
		}
		fmt.Fprintf(h, "gazetteer %s\n", sum)
	}
	if o.Model != "" { // the shipped model is part of models.Fingerprint
		fmt.Fprintf(h, "model %s\n", strings.ToLower(o.Model))
		for _, f := range []string{"model.json", "weights.bin.gz"} {
			if strings.EqualFold(o.Model, "none") {
				break
			}
			sum, _, err := corpus.HashFile(filepath.Join(o.Model, f))
			if err != nil {
				return "", fmt.Errorf("model %s: %w", o.Model, err)
			}
			fmt.Fprintf(h, "%s %s\n", f, sum)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// buildID identifies the code that makes records, so that a rebuilt sitrep
// with other rules re-annotates instead of keeping stale records: the VCS
// revision of a clean build, else the executable's size and modification
// time (a rebuild then re-annotates once, even when nothing changed).
func buildID() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" && !dirty {
			return rev
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			return fmt.Sprintf("%d %d", st.Size(), st.ModTime().UnixNano())
		}
	}
	return "unknown"
}

// Versions reports sitrep's version and those of the libraries it is built with.
func Versions() map[string]string {
	v := map[string]string{"sitrep": Version, "go": runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			switch d.Path {
			case "github.com/jdkato/prose/v2", "github.com/blevesearch/bleve/v2", "github.com/urfave/cli/v2":
				v[d.Path] = d.Version
			}
		}
	}
	return v
}

// PDFOptions are the corpus reader's options for scanned PDF pages: OCR
// when tesseract and pdftoppm are on PATH and --no-ocr is not given.
func PDFOptions(o Options) corpus.PDFOptions {
	if o.NoOCR {
		return corpus.PDFOptions{NoOCR: "OCR is off (--no-ocr)"}
	}
	eng, err := ocr.Find()
	if err != nil {
		return corpus.PDFOptions{NoOCR: err.Error()}
	}
	return corpus.PDFOptions{OCR: eng, Limit: o.Timeout}
}

func ocrState(o Options) string {
	p := PDFOptions(o)
	if e, ok := p.OCR.(*ocr.Engine); ok {
		return e.Stamp()
	}
	return "none: " + p.NoOCR
}
