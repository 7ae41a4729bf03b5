package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Formats by file extension. Anything else is skipped as unsupported.
var formats = map[string]string{
	".txt": "txt", ".text": "txt",
	".md": "md", ".markdown": "md",
	".html": "html", ".htm": "html", ".xhtml": "html",
	".pdf": "pdf",
}

// DefaultMaxBytes is the size above which a file is skipped.
const DefaultMaxBytes = 50 << 20

// Entry is one file found under the corpus root.
type Entry struct {
	ID      string // corpus-relative path with forward slashes
	Path    string // path on disk
	Bytes   int64
	ModTime time.Time
	Format  string // txt, md, html, pdf; "" when skipped or failed
	Skip    string // reason the file is not a report, when skipped
	Err     error  // reason the file could not be examined, when failed
}

// WalkOptions configures Walk.
type WalkOptions struct {
	MaxBytes int64    // <= 0 means DefaultMaxBytes
	Exclude  []string // directories not to descend into (e.g. the output folder)
}

// Walk lists every file under root (a folder, or one file), sorted by id. Directories are recursed
// into; symlinked directories are not followed (no loops); hidden files, editor
// back-ups, unsupported formats and oversized files are listed as skipped;
// files that cannot be examined are listed with Err. Only a root that cannot
// be read at all is an error.
func Walk(root string, opts WalkOptions) ([]Entry, error) {
	maxBytes := opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", root, err)
	}
	if !info.IsDir() {
		// One file is a corpus of one report, its id the file's name.
		e := Entry{ID: filepath.Base(root), Path: root, Bytes: info.Size(), ModTime: info.ModTime()}
		e.Skip, e.Format = classify(info.Name(), info, maxBytes)
		return []Entry{e}, nil
	}
	var entries []Entry
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return rerr
		}
		id := filepath.ToSlash(rel)
		if err != nil {
			if p == root {
				return err
			}
			entries = append(entries, Entry{ID: id, Path: p, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			for _, x := range opts.Exclude {
				if same, _ := sameDir(p, x); same {
					return fs.SkipDir
				}
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir // .git and friends: not part of the corpus
			}
			return nil
		}
		e := Entry{ID: id, Path: p}
		if d.Type()&fs.ModeSymlink != 0 {
			st, serr := os.Stat(p)
			switch {
			case serr != nil:
				e.Err = fmt.Errorf("broken symlink: %w", serr)
				entries = append(entries, e)
				return nil
			case st.IsDir():
				e.Skip = "symlink to a directory (not followed)"
				entries = append(entries, e)
				return nil
			}
		}
		st, serr := os.Stat(p)
		if serr != nil {
			e.Err = serr
			entries = append(entries, e)
			return nil
		}
		e.Bytes, e.ModTime = st.Size(), st.ModTime()
		e.Skip, e.Format = classify(d.Name(), st, maxBytes)
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", root, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	return entries, nil
}

// classify returns a skip reason, or the format of a report file.
func classify(name string, st fs.FileInfo, maxBytes int64) (skip, format string) {
	switch {
	case !st.Mode().IsRegular():
		return "not a regular file", ""
	case strings.HasPrefix(name, "."):
		return "hidden file", ""
	case strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".bak") ||
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return "editor back-up file", ""
	}
	ext := strings.ToLower(path.Ext(name))
	f, ok := formats[ext]
	if !ok {
		if ext == "" {
			return "unsupported format (no extension)", ""
		}
		return "unsupported format " + ext, ""
	}
	if st.Size() > maxBytes {
		return fmt.Sprintf("file of %d bytes is over --max-bytes %d", st.Size(), maxBytes), ""
	}
	return "", f
}

// ErrSkipped marks a file that is not a report (binary, empty of text...).
var ErrSkipped = errors.New("skipped")

// SkipError says why a file is not a report; it carries what the manifest
// records of the file.
type SkipError struct {
	Reason string
	SHA256 string
	Bytes  int64
}

func (e *SkipError) Error() string { return e.Reason }

// Is makes errors.Is(err, ErrSkipped) true.
func (e *SkipError) Is(target error) bool { return target == ErrSkipped }

func sameDir(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}

// HashFile returns the hex sha256 and size of a file, streaming it.
func HashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// Sniff names the format of a report's bytes when no file name says it:
// pdf, html or txt.
func Sniff(data []byte) string {
	head := bytes.TrimLeft(bytes.TrimPrefix(data[:min(len(data), 1024)], []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(head, []byte("<")) && (bytes.Contains(bytes.ToLower(head), []byte("<html")) ||
		bytes.Contains(bytes.ToLower(head), []byte("<!doctype html")) || bytes.Contains(bytes.ToLower(head), []byte("<body"))):
		return "html"
	}
	return "txt"
}

// FormatOf returns the report format a file name's extension names, or "".
func FormatOf(name string) string { return formats[strings.ToLower(path.Ext(name))] }
