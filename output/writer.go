package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/sitrep/sitrep/pipeline"
)

// Names of the files and folders inside OUT.
const (
	JSONLName    = "annotations.jsonl"
	ReportsDir   = "reports"
	IndexDir     = "index.bleve"
	ManifestName = "manifest.json"
	newSuffix    = ".new"
	oldSuffix    = ".old"
)

// WriterOptions configures a Writer.
type WriterOptions struct {
	NoIndex bool
	// BatchDocs and BatchBytes bound one Bleve batch (memory grows with batch size).
	BatchDocs  int
	BatchBytes int
}

// Writer writes one run's output. It is used by a single goroutine (the
// runner's sink), so it needs no locks.
type Writer struct {
	dir        string
	opts       WriterOptions
	jsonl      *os.File
	bw         *bufio.Writer
	idx        bleve.Index
	batch      *bleve.Batch
	batchBytes int
	buf        bytes.Buffer
	Records    int
}

// Create prepares OUT for a run: it writes into annotations.jsonl.new,
// reports.new/ and index.bleve.new/, swapped in by Commit.
func Create(dir string, opts WriterOptions) (*Writer, error) {
	if opts.BatchDocs <= 0 {
		opts.BatchDocs = 200
	}
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = 16 << 20
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	w := &Writer{dir: dir, opts: opts}
	for _, p := range []string{JSONLName + newSuffix, ReportsDir + newSuffix, IndexDir + newSuffix} {
		if err := os.RemoveAll(filepath.Join(dir, p)); err != nil {
			return nil, fmt.Errorf("clean %s: %w", p, err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, ReportsDir+newSuffix), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(dir, JSONLName+newSuffix))
	if err != nil {
		return nil, err
	}
	w.jsonl, w.bw = f, bufio.NewWriterSize(f, 1<<20)
	if !opts.NoIndex {
		im, err := NewMapping()
		if err != nil {
			f.Close()
			return nil, err
		}
		idx, err := bleve.New(filepath.Join(dir, IndexDir+newSuffix), im)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("create index: %w", err)
		}
		w.idx, w.batch = idx, idx.NewBatch()
	}
	return w, nil
}

// ReportPath returns where the JSON file of record id lives under dir.
// Ids are corpus-relative paths; anything that could climb out is refused.
func ReportPath(dir, id string) (string, error) {
	clean := filepath.ToSlash(filepath.Clean("/" + id))[1:]
	if clean != id || id == "" || strings.HasPrefix(id, "../") || strings.Contains(id, "\x00") {
		return "", fmt.Errorf("invalid record id %q", id)
	}
	return filepath.Join(dir, filepath.FromSlash(id)+".json"), nil
}

// Write appends one record to every output.
func (w *Writer) Write(d *pipeline.Document) error {
	w.buf.Reset()
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("encode %s: %w", d.ID, err)
	}
	if _, err := w.bw.Write(w.buf.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", JSONLName, err)
	}
	p, err := ReportPath(filepath.Join(w.dir, ReportsDir+newSuffix), d.ID)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	var ind bytes.Buffer
	if err := json.Indent(&ind, bytes.TrimSpace(w.buf.Bytes()), "", "  "); err != nil {
		return err
	}
	ind.WriteByte('\n')
	if err := os.WriteFile(p, ind.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write report %s: %w", d.ID, err)
	}
	if w.idx != nil {
		if err := w.batch.Index(d.ID, NewIndexDoc(d)); err != nil {
			return fmt.Errorf("index %s: %w", d.ID, err)
		}
		w.batchBytes += len(d.Text) + w.buf.Len()
		if w.batch.Size() >= w.opts.BatchDocs || w.batchBytes >= w.opts.BatchBytes {
			if err := w.flushBatch(); err != nil {
				return err
			}
		}
	}
	w.Records++
	return nil
}

func (w *Writer) flushBatch() error {
	if w.batch.Size() == 0 {
		return nil
	}
	if err := w.idx.Batch(w.batch); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	w.batch.Reset()
	w.batchBytes = 0
	return nil
}

// Commit finishes the run: it flushes and syncs everything, writes the
// manifest, and swaps the new outputs in place of the old ones.
func (w *Writer) Commit(m *Manifest) error {
	err := w.close()
	if err != nil {
		return err
	}
	for _, name := range []string{JSONLName, ReportsDir, IndexDir} {
		if name == IndexDir && w.opts.NoIndex {
			continue
		}
		if err := swap(w.dir, name); err != nil {
			return err
		}
	}
	if w.opts.NoIndex {
		// An index from an earlier run would no longer match the records.
		if err := os.RemoveAll(filepath.Join(w.dir, IndexDir)); err != nil {
			return err
		}
	}
	return WriteJSONAtomic(filepath.Join(w.dir, ManifestName), m)
}

// Abort closes the writer and removes the partial new outputs.
func (w *Writer) Abort() {
	_ = w.close()
	for _, p := range []string{JSONLName + newSuffix, ReportsDir + newSuffix, IndexDir + newSuffix} {
		_ = os.RemoveAll(filepath.Join(w.dir, p))
	}
}

func (w *Writer) close() error {
	var errs []error
	if w.bw != nil {
		errs = append(errs, w.bw.Flush(), w.jsonl.Sync(), w.jsonl.Close())
		w.bw = nil
	}
	if w.idx != nil {
		errs = append(errs, w.flushBatch(), w.idx.Close())
		w.idx = nil
	}
	return errors.Join(errs...)
}

// swap replaces dir/name with dir/name.new, keeping the old one until the new one is in place.
func swap(dir, name string) error {
	cur, nw, old := filepath.Join(dir, name), filepath.Join(dir, name+newSuffix), filepath.Join(dir, name+oldSuffix)
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if _, err := os.Lstat(cur); err == nil {
		if err := os.Rename(cur, old); err != nil {
			return err
		}
	}
	if err := os.Rename(nw, cur); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// WriteJSONAtomic writes v as indented JSON to path via a synced temporary file.
func WriteJSONAtomic(path string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(b.Bytes())
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}
