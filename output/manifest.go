package output

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// File statuses in the manifest.
const (
	StatusOK      = "ok"
	StatusSkipped = "skipped"
	StatusError   = "error"
	// StatusPending: found, but the run was interrupted before annotating it.
	StatusPending = "pending"
)

// Manifest accounts for every file found under the corpus folder and for the run.
type Manifest struct {
	Tool        string            `json:"tool"`
	Versions    map[string]string `json:"versions"`
	Fingerprint string            `json:"fingerprint"` // models, version and options that shape records
	Corpus      string            `json:"corpus"`
	Started     time.Time         `json:"started"`
	Finished    time.Time         `json:"finished"`
	Options     map[string]any    `json:"options"`
	Totals      Totals            `json:"totals"`
	Timings     Timings           `json:"timings"`
	Files       []FileEntry       `json:"files"`
}

// Totals counts the run.
type Totals struct {
	Files      int   `json:"files"`
	OK         int   `json:"ok"`
	Skipped    int   `json:"skipped"`
	Errors     int   `json:"errors"`
	Records    int   `json:"records"`
	Annotated  int   `json:"annotated"` // records made in this run (the rest were reused)
	TextBytes  int64 `json:"text_bytes"`
	InputBytes int64 `json:"input_bytes"`
	Entities   int   `json:"entities"`
	Takeaways  int   `json:"takeaways"`
	Estimative int   `json:"estimative"`
}

// Timings holds wall-clock seconds for the run and summed per-document stage times.
type Timings struct {
	StartupSeconds float64            `json:"startup_seconds"`
	PeakRSSBytes   int64              `json:"peak_rss_bytes"` // the process's peak resident memory
	TotalSeconds   float64            `json:"total_seconds"`
	StageSeconds   map[string]float64 `json:"stage_seconds"`
}

// FileEntry is one file found under the corpus folder.
type FileEntry struct {
	ID          string `json:"id"`
	SHA256      string `json:"sha256,omitempty"`
	Bytes       int64  `json:"bytes"`
	Format      string `json:"format,omitempty"`
	Status      string `json:"status"`
	Reason      string `json:"reason,omitempty"`
	Diagnostics int    `json:"diagnostics,omitempty"`
	// ScannedPages counts a PDF's pages that are scans, OCRPages those of
	// them whose text OCR read (the record's diagnostics say why the rest
	// were not).
	ScannedPages int `json:"scanned_pages,omitempty"`
	OCRPages     int `json:"ocr_pages,omitempty"`
	// MinHash is the signature of the record's text (package dedupe): a
	// later run finds copies among reused records without reading them.
	MinHash string `json:"minhash,omitempty"`
}

// ReadManifest reads OUT/manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}

// entry returns the file entry of id (files are sorted by id).
func (m *Manifest) entry(id string) (FileEntry, bool) {
	i := sort.Search(len(m.Files), func(i int) bool { return m.Files[i].ID >= id })
	if i < len(m.Files) && m.Files[i].ID == id {
		return m.Files[i], true
	}
	return FileEntry{}, false
}
