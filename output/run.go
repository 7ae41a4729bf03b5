package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/sitrep/sitrep/output/dedupe"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/output/internal/jsonhead"
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

// RunOptions configures a Run.
type RunOptions struct {
	NoIndex bool
	// BatchDocs and BatchBytes bound one Bleve batch (memory grows with batch size).
	BatchDocs  int
	BatchBytes int
	// ShardDocs bounds the reports of one index shard (<= 0: 2,000).
	ShardDocs int
	// ReportsInSink moves writing the report files from Prepare (run by
	// the workers) to Write (the single sink). Creating a file is mostly
	// kernel time (0.3-0.8 ms each on the reference machine's ext4): when a
	// core is otherwise idle, the sink overlaps it with the workers'
	// annotating (a 1-worker run measured +6% without the index and +18%
	// with it); with every core annotating, the workers share it (the sink
	// then slowed a 2-worker indexed run by 14%).
	ReportsInSink bool
}

// Run is one annotate run writing into OUT. It owns the lock, reuses the
// records of unchanged reports, writes new ones, and on Commit reconciles
// reports/ and the index with the final set of records and writes the
// manifest last. It is used by a single goroutine (the runner's sink).
//
// Crash safety: annotations.jsonl, reports/ and the index are rebuilt under
// ".new" names (unchanged reports are hard-linked, not copied) and renamed
// into place; the manifest, written last, is the single source of truth.
// A run killed at any point leaves the previous manifest, and the next run
// redoes whatever the manifest does not vouch for and removes what it no
// longer lists.
type Run struct {
	dir   string
	opts  RunOptions
	lock  *Lock
	prev  *Manifest
	old   *recordReader // previous annotations.jsonl, read in step with the new one
	jsonl *os.File
	bw    *bufio.Writer
	ix    *index.Writer        // the index being written, once opened
	im    mapping.IndexMapping // the index mapping, for Prepare

	final   map[string]bool // ids with a record in this run
	kept    []string        // ids whose record was reused
	written int             // records annotated in this run
	// While every reused record so far continues the old JSON Lines file
	// unbroken, nothing is copied: lazy is true and keptEnd is the end of the
	// reused prefix. The prefix is copied at once when that stops being true.
	lazy    bool
	keptEnd int64
	done    bool
	// dups holds the reports so far that repeat no earlier one: records
	// come in id order, so a copy's duplicate_of is the first report (by
	// id) it repeats, whatever the workers or shards.
	dups    *dedupe.Index
	Records int
	Reused  int
}

// Begin locks OUT and prepares a run. The previous manifest (if any) is
// available through Previous; its records can be reused with Keep.
func Begin(dir string, opts RunOptions) (*Run, error) {
	if opts.BatchDocs <= 0 {
		opts.BatchDocs = 100 // 200 took 70 MB more peak RSS for the same speed
	}
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = 16 << 20
	}
	if opts.ShardDocs <= 0 {
		opts.ShardDocs = index.DefaultShardDocs
	}
	lock, err := AcquireLock(dir)
	if err != nil {
		return nil, err
	}
	r := &Run{dir: dir, opts: opts, lock: lock, final: map[string]bool{}, dups: dedupe.NewIndex()}
	if !opts.NoIndex {
		if r.im, err = index.NewMapping(); err != nil {
			lock.Release()
			return nil, err
		}
	}
	if err := r.begin(); err != nil {
		r.Abort()
		return nil, err
	}
	return r, nil
}

func (r *Run) begin() error {
	// Leftovers of a run that was killed.
	for _, p := range []string{JSONLName + newSuffix, IndexDir + newSuffix, IndexDir + oldSuffix,
		ReportsDir + newSuffix, ReportsDir + oldSuffix} {
		if err := os.RemoveAll(filepath.Join(r.dir, p)); err != nil {
			return fmt.Errorf("clean %s: %w", p, err)
		}
	}
	if err := os.MkdirAll(filepath.Join(r.dir, ReportsDir+newSuffix), 0o755); err != nil {
		return err
	}
	if m, err := ReadManifest(r.dir); err == nil {
		r.prev = m
		if f, err := os.Open(filepath.Join(r.dir, JSONLName)); err == nil {
			r.old = newRecordReader(f)
			r.lazy = true
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err // a corrupt manifest: say so rather than silently redo everything
	}
	f, err := os.Create(filepath.Join(r.dir, JSONLName+newSuffix))
	if err != nil {
		return err
	}
	r.jsonl, r.bw = f, bufio.NewWriterSize(f, 1<<20)
	return nil
}

// openIndex prepares index.bleve.new, on the first write or at commit: a
// copy of the current index when it has the current mapping, else a new one.
func (r *Run) openIndex() error {
	if r.ix != nil || r.opts.NoIndex {
		return nil
	}
	cur, prev := filepath.Join(r.dir, IndexDir), ""
	if _, err := os.Stat(cur); err == nil && r.prev != nil {
		prev = cur
	}
	ix, err := index.NewWriter(filepath.Join(r.dir, IndexDir+newSuffix), prev, r.im,
		index.WriterOptions{BatchDocs: r.opts.BatchDocs, BatchBytes: r.opts.BatchBytes, ShardDocs: r.opts.ShardDocs})
	if err != nil {
		return err
	}
	r.ix = ix
	return nil
}

// Previous returns the previous run's manifest entry for id.
func (r *Run) Previous(id string) (FileEntry, bool) {
	if r.prev == nil {
		return FileEntry{}, false
	}
	return r.prev.entry(id)
}

// PreviousFingerprint is the fingerprint of the previous run ("" if none).
func (r *Run) PreviousFingerprint() string {
	if r.prev == nil {
		return ""
	}
	return r.prev.Fingerprint
}

// Reusable returns the previous run's entry for id when that run left a
// record Keep can reuse (status ok, report file present).
func (r *Run) Reusable(id string) (FileEntry, bool) {
	prev, ok := r.Previous(id)
	if !ok || prev.Status != StatusOK || !r.hasRecord(id) {
		return FileEntry{}, false
	}
	return prev, true
}

// hasRecord reports whether the previous run left a report file for id.
func (r *Run) hasRecord(id string) bool {
	if r.old == nil {
		return false
	}
	p, err := ReportPath(filepath.Join(r.dir, ReportsDir), id)
	if err != nil {
		return false
	}
	_, err = os.Stat(p)
	return err == nil
}

// Keep reuses the previous record of id. Calls must come in increasing id
// order (the runner's order), since the old JSON Lines file is read in step.
func (r *Run) Keep(id string) error {
	if r.old == nil {
		return fmt.Errorf("keep %s: no previous records", id)
	}
	line, start, err := r.old.find(id)
	if err != nil {
		return fmt.Errorf("keep %s: %w", id, err)
	}
	if prev, ok := r.Previous(id); ok && prev.MinHash != "" {
		sig, err := dedupe.Parse(prev.MinHash)
		if err != nil {
			return fmt.Errorf("keep %s: manifest minhash: %w", id, err)
		}
		if of := r.duplicateOf(id, sig); of != recordDuplicateOf(line) {
			// Another report before it came, went or changed: the record
			// is the same but for duplicate_of.
			return r.rewrite(id, line, of)
		}
	}
	if r.lazy && start == r.keptEnd {
		r.keptEnd += int64(len(line))
	} else {
		if err := r.materialize(); err != nil {
			return err
		}
		if _, err := r.bw.Write(line); err != nil {
			return err
		}
	}
	r.final[id] = true
	r.kept = append(r.kept, id)
	r.Records++
	r.Reused++
	return nil
}

// duplicateOf returns the earlier report that a report with signature sig
// repeats, or "" after adding it as a report that others may repeat.
func (r *Run) duplicateOf(id string, sig dedupe.Signature) string {
	if of := r.dups.Find(sig); of != "" {
		return of
	}
	r.dups.Add(id, sig)
	return ""
}

// rewrite writes a reused record again with another duplicate_of.
func (r *Run) rewrite(id string, line []byte, of string) error {
	return pipeline.DecodeRecords(JSONLName, bytes.NewReader(line), func(d *pipeline.Document) error {
		if d.ID != id {
			return fmt.Errorf("keep %s: the old record is %s's", id, d.ID)
		}
		d.DuplicateOf = of
		p, err := r.Prepare(d)
		if err != nil {
			return err
		}
		return r.write(d, p)
	})
}

// recordDuplicateOf reads a record's duplicate_of, which comes before its
// text: the rest of the line is not decoded.
func recordDuplicateOf(line []byte) string {
	head := line
	if t := jsonhead.Key(line, "text"); t >= 0 {
		head = line[:t]
	}
	if i := jsonhead.Key(head, "duplicate_of"); i >= 0 {
		if s, ok, _ := jsonhead.String(line, i); ok {
			return s
		}
	}
	return ""
}

// materialize copies the reused prefix of the old JSON Lines file, once.
func (r *Run) materialize() error {
	if !r.lazy {
		return nil
	}
	r.lazy = false
	if r.keptEnd == 0 {
		return nil
	}
	f, err := os.Open(filepath.Join(r.dir, JSONLName))
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.CopyN(r.bw, f, r.keptEnd)
	return err
}

// Prepared is a record made ready for writing: its JSON, its index
// document and the MinHash signature of its text.
type Prepared struct {
	JSON    []byte
	Index   *document.Document
	MinHash string // "" for a record without words
	sig     dedupe.Signature
}

// Prepare encodes a record, writes its report file and maps it for the
// index. It is safe for concurrent use, so the runner's workers do it rather
// than the single sink.
func (r *Run) Prepare(d *pipeline.Document) (*Prepared, error) {
	js, err := EncodeRecord(d)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", d.ID, err)
	}
	p := &Prepared{JSON: js}
	if sig, ok := dedupe.Sign(d.Text); ok {
		p.sig, p.MinHash = sig, sig.String()
	}
	if !r.opts.ReportsInSink {
		if err := r.writeReportFile(d.ID, p.JSON); err != nil {
			return nil, err
		}
	}
	if r.im != nil {
		p.Index = document.NewDocument(d.ID)
		if err := r.im.MapDocument(p.Index, index.NewIndexDoc(d)); err != nil {
			return nil, fmt.Errorf("map %s for the index: %w", d.ID, err)
		}
	}
	return p, nil
}

// tokensNull is how the record's tokens field encodes when it is nil. No
// JSON string can hold it (a string's quotes are escaped), and no other
// object of the record has a tokens field, so it occurs once.
var tokensNull = []byte(`"tokens":null`)

// encodeBuffers hold the record without its tokens while it is spliced.
var encodeBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// EncodeRecord returns a record's JSON line (with its newline). The token
// list, most of a record, is appended directly rather than through
// encoding/json, which would copy and re-validate every byte of it.
func EncodeRecord(d *pipeline.Document) ([]byte, error) {
	toks := d.Tokens
	d.Tokens = nil
	b := encodeBuffers.Get().(*bytes.Buffer)
	defer encodeBuffers.Put(b)
	b.Reset()
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(d)
	d.Tokens = toks
	if err != nil {
		return nil, err
	}
	js := b.Bytes()
	i := bytes.Index(js, tokensNull)
	if i < 0 {
		return nil, fmt.Errorf("record without a tokens field")
	}
	out := make([]byte, 0, len(js)+len(toks)*26)
	out = append(out, js[:i+len(`"tokens":`)]...)
	out = toks.AppendJSON(out)
	return append(out, js[i+len(tokensNull):]...), nil
}

// Write records a newly annotated document in every output; p is its
// Prepare result, or nil to prepare it here. A document that repeats an
// earlier one gets its duplicate_of here, in the single sink, and is
// prepared again (copies are few).
func (r *Run) Write(d *pipeline.Document, p *Prepared) error {
	if p == nil {
		var err error
		if p, err = r.Prepare(d); err != nil {
			return err
		}
	}
	of := ""
	if p.MinHash != "" {
		of = r.duplicateOf(d.ID, p.sig)
	}
	if of != d.DuplicateOf {
		var err error
		if p, err = r.markCopy(d, p, of); err != nil {
			return err
		}
	}
	return r.write(d, p)
}

// copyFields are the index fields that mark a copy.
type copyFields struct {
	Copy        bool   `json:"copy"`
	DuplicateOf string `json:"duplicate_of"`
}

// markCopy sets a record's duplicate_of. A fresh record (most copies) is
// not prepared again: its JSON gets the field spliced in where encoding
// would put it, its index document the two fields the mapping makes of it;
// a corpus of copies then costs the sink little more than one of originals.
func (r *Run) markCopy(d *pipeline.Document, p *Prepared, of string) (*Prepared, error) {
	was := d.DuplicateOf
	d.DuplicateOf = of
	js, ok := spliceDuplicateOf(p.JSON, of)
	if was != "" || !ok {
		return r.Prepare(d)
	}
	q := &Prepared{JSON: js, Index: p.Index, MinHash: p.MinHash, sig: p.sig}
	if q.Index != nil {
		marks := document.NewDocument(d.ID)
		if err := r.im.MapDocument(marks, copyFields{Copy: true, DuplicateOf: of}); err != nil {
			return nil, fmt.Errorf("map %s for the index: %w", d.ID, err)
		}
		for _, f := range marks.Fields {
			q.Index.AddField(f)
		}
	}
	if !r.opts.ReportsInSink {
		if err := r.writeReportFile(d.ID, q.JSON); err != nil {
			return nil, err
		}
	}
	return q, nil
}

// spliceDuplicateOf inserts "duplicate_of" into a record's JSON line before
// its top-level "text" key, where encoding/json puts the field (the record
// struct's order); false if the line has no such key.
func spliceDuplicateOf(js []byte, of string) ([]byte, bool) {
	i := jsonhead.Key(js, "text")
	if i < 0 {
		return nil, false
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as EncodeRecord
	if enc.Encode(of) != nil {
		return nil, false
	}
	val := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	out := make([]byte, 0, len(js)+len(val)+17)
	out = append(out, js[:i]...)
	out = append(out, `"duplicate_of":`...)
	out = append(out, val...)
	out = append(out, ',')
	return append(out, js[i:]...), true
}

func (r *Run) write(d *pipeline.Document, p *Prepared) error {
	if err := r.materialize(); err != nil {
		return err
	}
	if r.opts.ReportsInSink {
		if err := r.writeReportFile(d.ID, p.JSON); err != nil {
			return err
		}
	}
	if _, err := r.bw.Write(p.JSON); err != nil {
		return fmt.Errorf("write %s: %w", JSONLName, err)
	}
	if err := r.index(p.Index, len(d.Text)+len(p.JSON)); err != nil {
		return err
	}
	r.final[d.ID] = true
	r.Records++
	r.written++
	return nil
}

func (r *Run) index(doc *document.Document, size int) error {
	if r.opts.NoIndex || doc == nil {
		return nil
	}
	if err := r.openIndex(); err != nil {
		return err
	}
	return r.ix.Index(doc, size)
}

// Commit reconciles reports/ and the index with the records of this run,
// swaps the new JSON Lines file, reports and index in, writes the manifest
// and releases the lock. A run that wrote and removed nothing leaves
// reports/ and the index as they are.
func (r *Run) Commit(m *Manifest) error {
	// A commit that fails leaves the previous output as it was and no
	// ".new" litter behind (Abort removes it, then releases the lock).
	defer func() {
		if !r.done {
			r.Abort()
		}
		r.release()
	}()
	removed := 0
	if r.old != nil {
		for _, id := range r.old.rest() {
			if !r.final[id] {
				removed++
			}
		}
	}
	_, statErr := os.Stat(filepath.Join(r.dir, IndexDir))
	indexMissing := !r.opts.NoIndex && statErr != nil
	changed := r.written > 0 || removed > 0 || r.prev == nil || indexMissing
	unchangedJSONL := r.lazy && removed == 0 // the old file is exactly this run's
	if changed && !unchangedJSONL {
		if err := r.materialize(); err != nil {
			return err
		}
	}
	if changed {
		if err := r.linkKept(); err != nil {
			return err
		}
		if err := r.openIndex(); err != nil {
			return err
		}
		if err := r.reconcileIndex(); err != nil {
			return err
		}
	}
	var errs []error
	errs = append(errs, r.bw.Flush(), r.jsonl.Sync(), r.jsonl.Close())
	r.bw = nil
	if r.old != nil {
		errs = append(errs, r.old.Close())
		r.old = nil
	}
	if r.ix != nil {
		errs = append(errs, r.ix.CloseShard())
		r.ix = nil
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// Everything written so far reaches the disk before the renames that
	// publish it (power loss must not leave renamed, empty files).
	if err := syncFS(r.dir); err != nil {
		return err
	}
	if changed {
		if r.opts.NoIndex {
			if err := os.RemoveAll(filepath.Join(r.dir, IndexDir)); err != nil { // it would no longer match
				return err
			}
		} else if err := swapDir(r.dir, IndexDir); err != nil {
			return err
		}
		if err := swapDir(r.dir, ReportsDir); err != nil {
			return err
		}
	} else if err := os.RemoveAll(filepath.Join(r.dir, ReportsDir+newSuffix)); err != nil {
		return err
	}
	if unchangedJSONL {
		if err := os.Remove(filepath.Join(r.dir, JSONLName+newSuffix)); err != nil {
			return err
		}
	} else if err := os.Rename(filepath.Join(r.dir, JSONLName+newSuffix), filepath.Join(r.dir, JSONLName)); err != nil {
		return err
	}
	m.Totals.Records = r.Records
	if err := WriteJSONAtomic(filepath.Join(r.dir, ManifestName), m); err != nil {
		return err
	}
	r.done = true
	return syncDir(r.dir)
}

// linkKept hard-links the reports of reused records into reports.new.
func (r *Run) linkKept() error {
	for _, id := range r.kept {
		src, err := ReportPath(filepath.Join(r.dir, ReportsDir), id)
		if err != nil {
			return err
		}
		dst, _ := ReportPath(filepath.Join(r.dir, ReportsDir+newSuffix), id)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		// A worker may have written a new report file for id before the run
		// was interrupted and the previous record kept: the kept one wins.
		if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("keep %s: %w", id, err)
		}
		if err := os.Link(src, dst); err != nil {
			return fmt.Errorf("keep %s: %w", id, err)
		}
	}
	return nil
}

// reconcileIndex deletes index entries without a record (or superseded by
// this run's) and indexes reused records the index lacks (an index lost,
// or built with --no-index before).
func (r *Run) reconcileIndex() error {
	if r.ix == nil {
		return nil
	}
	return r.ix.Finish(r.final, r.kept, func(id string) (*document.Document, int, error) {
		p, err := ReportPath(filepath.Join(r.dir, ReportsDir+newSuffix), id)
		if err != nil {
			return nil, 0, err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, 0, fmt.Errorf("reindex %s: %w", id, err)
		}
		var d pipeline.Document
		if err := json.Unmarshal(raw, &d); err != nil {
			return nil, 0, fmt.Errorf("reindex %s: %w", id, err)
		}
		doc := document.NewDocument(d.ID)
		if err := r.im.MapDocument(doc, index.NewIndexDoc(&d)); err != nil {
			return nil, 0, fmt.Errorf("reindex %s: %w", id, err)
		}
		return doc, len(raw), nil
	})
}

// Abort discards everything the run wrote and releases the lock: the
// previous output stays as it was.
func (r *Run) Abort() {
	if r.bw != nil {
		_ = r.jsonl.Close()
		r.bw = nil
	}
	if r.old != nil {
		_ = r.old.Close()
		r.old = nil
	}
	if r.ix != nil {
		r.ix.Abort()
		r.ix = nil
	}
	for _, p := range []string{JSONLName + newSuffix, IndexDir + newSuffix, ReportsDir + newSuffix} {
		_ = os.RemoveAll(filepath.Join(r.dir, p))
	}
	r.release()
}

func (r *Run) release() {
	if r.lock != nil {
		r.lock.Release()
		r.lock = nil
	}
}

// ReportPath returns where the JSON file of record id lives under dir.
// Ids are corpus-relative paths; anything that could climb out is refused.
// OpenReport opens the report file of id in the first of the OUT folders
// dirs that has it (the shards of one corpus, say): an error wrapping
// fs.ErrNotExist when none has it, ReportPath's when id cannot be a record id.
func OpenReport(dirs []string, id string) (*os.File, error) {
	for _, d := range dirs {
		p, err := ReportPath(filepath.Join(d, ReportsDir), id)
		if err != nil {
			return nil, err
		}
		if f, err := os.Open(p); err == nil {
			return f, nil
		}
	}
	return nil, fmt.Errorf("report %q: %w", id, fs.ErrNotExist)
}

func ReportPath(dir, id string) (string, error) {
	clean := filepath.ToSlash(filepath.Clean("/" + id))[1:]
	if clean != id || id == "" || strings.HasPrefix(id, "../") || strings.Contains(id, "\x00") {
		return "", fmt.Errorf("invalid record id %q", id)
	}
	return filepath.Join(dir, filepath.FromSlash(id)+".json"), nil
}

// recordReader reads a sorted JSON Lines file in step with sorted lookups.
type recordReader struct {
	f         *os.File
	br        *bufio.Reader
	line      []byte
	lineStart int64 // offset of line in the file
	next      int64 // offset of the next line to read
	id        string
	eof       bool
	skipped   []string // ids passed over without being reused
}

func newRecordReader(f *os.File) *recordReader {
	return &recordReader{f: f, br: bufio.NewReaderSize(f, 1<<20)}
}

func (rr *recordReader) Close() error { return rr.f.Close() }

// find returns the line of id and its offset, skipping lines of smaller ids.
func (rr *recordReader) find(id string) ([]byte, int64, error) {
	for {
		if rr.line == nil && !rr.eof {
			if !rr.readLine() {
				rr.eof = true
			}
		}
		switch {
		case rr.line == nil:
			return nil, 0, fmt.Errorf("no previous record")
		case rr.id == id:
			line := rr.line
			rr.line = nil
			return line, rr.lineStart, nil
		case rr.id > id:
			return nil, 0, fmt.Errorf("no previous record")
		}
		rr.skipped = append(rr.skipped, rr.id)
		rr.line = nil
	}
}

// readLine reads the next line; false at the end of the file.
func (rr *recordReader) readLine() bool {
	line, err := rr.br.ReadBytes('\n')
	if len(line) == 0 {
		return false
	}
	rr.lineStart = rr.next
	rr.next += int64(len(line))
	if line[len(line)-1] != '\n' {
		line = append(line, '\n')
	}
	rr.line, rr.id = line, recordID(line)
	_ = err // io.EOF after a last line without a newline: that line still counts
	return true
}

// rest returns the ids passed over or never reached: records not reused.
func (rr *recordReader) rest() []string {
	if rr.line != nil {
		rr.skipped = append(rr.skipped, rr.id)
		rr.line = nil
	}
	for !rr.eof {
		if !rr.readLine() {
			rr.eof = true
			break
		}
		rr.skipped = append(rr.skipped, rr.id)
		rr.line = nil
	}
	return rr.skipped
}

// recordID reads the id of a record line; records are written with "id" first.
func recordID(line []byte) string {
	const prefix = `{"id":`
	if bytes.HasPrefix(line, []byte(prefix)) {
		rest := line[len(prefix):]
		if end := bytes.Index(rest, []byte(`","`)); end > 0 {
			if id, err := strconv.Unquote(string(rest[:end+1])); err == nil {
				return id
			}
		}
	}
	var head struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(line, &head)
	return head.ID
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
	return writeFileAtomic(path, b.Bytes(), true)
}

// writeReportFile writes a record's report file into reports.new, which is
// published whole at commit (so workers may write it, each its own file).
func (r *Run) writeReportFile(id string, js []byte) error {
	path, err := ReportPath(filepath.Join(r.dir, ReportsDir+newSuffix), id)
	if err != nil {
		return err
	}
	if err := writeReport(path, bytes.TrimSpace(js)); err != nil {
		return fmt.Errorf("write report %s: %w", id, err)
	}
	return nil
}

// writeReport writes a record, indented, inside the reports folder that is
// swapped in whole later.
func writeReport(path string, compact []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return errors.Join(writeIndented(f, compact, 2), f.Close())
}

// writeFileAtomic writes data to path through a temporary file and a rename;
// with sync, the data reaches the disk before the rename.
func writeFileAtomic(path string, data []byte, sync bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if sync && err == nil {
		err = f.Sync()
	}
	if err = errors.Join(err, f.Close()); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// swapDir replaces dir/name with dir/name.new.
func swapDir(dir, name string) error {
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

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
