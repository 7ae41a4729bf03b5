// Package ocr reads the text of scanned PDF pages with two Debian tools
// found on PATH: poppler's pdftoppm renders a page to an image and
// tesseract (with its English data) reads it. The tools are located once
// per process, and tesseract is first run when a page needs it.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// DPI is the resolution pages are rendered at: tesseract is trained on
// 300 dpi text, and lower resolutions lose small print.
const DPI = 300

// MaxSide bounds the rendered page's longer side in pixels (11 inches at DPI).
const MaxSide = 11 * DPI

// Engine runs pdftoppm and tesseract. Finding them is cheap (PATH only);
// the English data is checked and the version read on first use, so a run
// with no scanned page never starts tesseract.
type Engine struct {
	pdftoppm, tesseract string
	once                sync.Once
	version             string
	err                 error
}

// Name says which OCR produced a text ("tesseract 5.3.0, eng").
func (e *Engine) Name() string {
	if e.ready() != nil {
		return "tesseract (unusable), eng"
	}
	return e.version + ", eng"
}

// Stamp identifies the tesseract on PATH without running it (its path,
// size and modification time): records read by OCR depend on it.
func (e *Engine) Stamp() string {
	fi, err := os.Stat(e.tesseract)
	if err != nil {
		return e.tesseract
	}
	return fmt.Sprintf("%s %d %d", e.tesseract, fi.Size(), fi.ModTime().Unix())
}

// ErrMissing says a tool is not on PATH; the error names it and the
// Debian package that has it.
var ErrMissing = errors.New("OCR needs tesseract and pdftoppm on PATH (Debian: apt-get install tesseract-ocr poppler-utils)")

var (
	findOnce sync.Once
	found    *Engine
	findErr  error
)

// Find returns the engine, or an error wrapping ErrMissing.
func Find() (*Engine, error) {
	findOnce.Do(func() { found, findErr = find() })
	return found, findErr
}

func find() (*Engine, error) {
	var missing []string
	paths := map[string]string{}
	for _, tool := range []string{"pdftoppm", "tesseract"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			missing = append(missing, tool)
			continue
		}
		paths[tool] = p
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s not found: %w", strings.Join(missing, " and "), ErrMissing)
	}
	return &Engine{pdftoppm: paths["pdftoppm"], tesseract: paths["tesseract"]}, nil
}

// ready checks, once, that tesseract has English data, and reads its version.
func (e *Engine) ready() error {
	e.once.Do(func() {
		out, err := exec.Command(e.tesseract, "--list-langs").CombinedOutput()
		if err != nil || !hasLine(string(out), "eng") {
			e.err = fmt.Errorf("tesseract has no English data (tesseract-ocr-eng): %w", ErrMissing)
			return
		}
		out, err = exec.Command(e.tesseract, "--version").CombinedOutput()
		if err != nil {
			e.err = fmt.Errorf("tesseract --version: %v: %w", err, ErrMissing)
			return
		}
		version, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		e.version = strings.TrimSpace(version)
	})
	return e.err
}

func hasLine(s, want string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == want {
			return true
		}
	}
	return false
}

// Page returns the text tesseract reads on page n (1-based) of the PDF
// file at path. Killing ctx stops both tools.
func (e *Engine) Page(ctx context.Context, path string, n int) (string, error) {
	if err := e.ready(); err != nil {
		return "", err
	}
	page := strconv.Itoa(n)
	// -scale-to bounds the image whatever the page's size claims (a
	// 200-inch page at 300 dpi would be 3.6 GB): a Letter page's long side
	// at DPI.
	render := exec.CommandContext(ctx, e.pdftoppm, "-f", page, "-l", page, "-r", strconv.Itoa(DPI), "-scale-to", strconv.Itoa(MaxSide), "-gray", "-png", path)
	read := exec.CommandContext(ctx, e.tesseract, "stdin", "stdout", "-l", "eng", "--psm", "3")
	// One thread each: the runner already keeps every core busy.
	read.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	// An OS pipe between the two: when either ends, the other sees the
	// pipe close, so neither can wait on the other forever.
	pr, pw, err := os.Pipe()
	if err != nil {
		return "", err
	}
	render.Stdout, read.Stdin = pw, pr
	var out, renderErr, readErr bytes.Buffer
	read.Stdout = &out
	render.Stderr, read.Stderr = &renderErr, &readErr
	rstart := render.Start()
	tstart := read.Start()
	pw.Close()
	pr.Close()
	if rstart != nil || tstart != nil {
		if rstart == nil {
			_ = render.Wait()
		}
		if tstart == nil {
			_ = read.Wait()
		}
		return "", fmt.Errorf("start OCR: %w", errors.Join(rstart, tstart))
	}
	rerr := render.Wait()
	terr := read.Wait()
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if rerr != nil {
		return "", fmt.Errorf("pdftoppm page %d: %v: %s", n, rerr, firstLine(renderErr.String()))
	}
	if terr != nil {
		return "", fmt.Errorf("tesseract page %d: %v: %s", n, terr, firstLine(readErr.String()))
	}
	return out.String(), nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}
