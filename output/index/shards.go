package index

import (
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

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bolterrors "go.etcd.io/bbolt/errors"
)

// The index folder holds shards (shard0000, shard0001, ...), each an
// ordinary Bleve index of at most WriterOptions.ShardDocs reports (2,000 unless set); searches go through
// an alias over all of them. One index for the whole corpus costs memory
// and time that grow with the corpus: Bleve keeps every segment of an open
// index memory-mapped (each touched segment pins about 2 MB of pages), and
// checks the ids of every new batch against every segment. A writer keeps
// one shard open, so both stay flat: on 10,010 reports one index ended the
// run with 44 MB of mapped pages, shards with 24 MB.
const DefaultShardDocs = 2000

// WriterOptions bound what a Writer holds in memory.
type WriterOptions struct {
	// BatchDocs and BatchBytes bound one Bleve batch (memory grows with batch size).
	BatchDocs  int
	BatchBytes int
	// ShardDocs bounds the reports of one shard.
	ShardDocs int
}

const shardPrefix = "shard"

// legacyMeta marks an index folder that is one Bleve index (written before
// shards): it is still searched, and the next annotate rebuilds it.
const legacyMeta = "index_meta.json"

// unsharded reports whether an index folder is one Bleve index.
func unsharded(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, legacyMeta))
	return err == nil
}

func shardName(n int) string { return fmt.Sprintf("%s%04d", shardPrefix, n) }

// Shards returns the shard folder names of an index folder, in order.
func Shards(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if _, ok := shardNumber(e.Name()); ok && e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

func shardNumber(name string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(name, shardPrefix))
	return n, err == nil && strings.HasPrefix(name, shardPrefix) && n >= 0
}

// Open opens an index folder read-only: one alias over its shards. It
// waits at most two seconds for a shard's lock (bleve would otherwise block
// forever on an index a writer holds).
func Open(dir string) (bleve.Index, error) { return OpenAll(dir) }

// OpenAll opens several index folders (of the shard outputs of one corpus,
// say) read-only as one index: an alias over all their shards. A folder
// whose run had no report has no shard and adds nothing.
func OpenAll(dirs ...string) (bleve.Index, error) {
	var paths []string
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("open index %s: %w", dir, err)
		}
		if unsharded(dir) {
			paths = append(paths, dir)
			continue
		}
		names, err := Shards(dir)
		if err != nil {
			return nil, fmt.Errorf("open index %s: %w", dir, err)
		}
		for _, name := range names {
			paths = append(paths, filepath.Join(dir, name))
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("open index %s: no shards", strings.Join(dirs, ", "))
	}
	shards := make([]bleve.Index, 0, len(paths))
	for _, p := range paths {
		idx, err := openShardReadOnly(p)
		if err != nil {
			closeAll(shards)
			return nil, err
		}
		shards = append(shards, idx)
	}
	dir := strings.Join(dirs, ", ")
	if len(shards) == 1 {
		return shards[0], nil
	}
	alias := bleve.NewIndexAlias(shards...)
	// Every shard has the mapping of the run that wrote them all (a run
	// rebuilds an index whose mapping differs), so the alias need not
	// compare them on every search.
	if err := alias.SetIndexMapping(shards[0].Mapping()); err != nil {
		closeAll(shards)
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return &shardAlias{IndexAlias: alias, shards: shards}, nil
}

func openShardReadOnly(dir string) (bleve.Index, error) {
	idx, err := bleve.OpenUsing(dir, map[string]any{"read_only": true, "bolt_timeout": "2s"})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open index %s: %w", dir, ErrIndexLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return idx, nil
}

func closeAll(shards []bleve.Index) error {
	var errs []error
	for _, s := range shards {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// shardAlias is the alias over an index's shards; closing it closes them
// (bleve's alias leaves the indexes it points to open).
type shardAlias struct {
	bleve.IndexAlias
	shards []bleve.Index
}

func (a *shardAlias) Close() error {
	return errors.Join(a.IndexAlias.Close(), closeAll(a.shards))
}

// shardIDs lists the ids in each shard of an index folder, one shard open
// at a time (an alias would page through every shard for every page).
func ShardIDs(dir string) (map[string][]string, error) {
	if unsharded(dir) {
		ids, err := readIDs(dir)
		return map[string][]string{".": ids}, err
	}
	names, err := Shards(dir)
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	out := map[string][]string{}
	for _, name := range names {
		if out[name], err = readIDs(filepath.Join(dir, name)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readIDs(dir string) ([]string, error) {
	idx, err := openShardReadOnly(dir)
	if err != nil {
		return nil, err
	}
	ids, err := indexIDs(idx)
	return ids, errors.Join(err, idx.Close())
}

// indexIDs lists the ids of every document in an index.
func indexIDs(idx bleve.Index) ([]string, error) {
	var ids []string
	q := bleve.NewMatchAllQuery()
	for from := 0; ; from += 1000 {
		res, err := idx.Search(bleve.NewSearchRequestOptions(q, 1000, from, false))
		if err != nil {
			return nil, fmt.Errorf("list index: %w", err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) < 1000 {
			return ids, nil
		}
	}
}

// shardWriter writes an index folder: new documents go into its last shard
// until that holds opts.ShardDocs, then into a new one. Only one shard is
// open at a time. It is used by a single goroutine.
type Writer struct {
	dir   string // the index folder being written
	im    mapping.IndexMapping
	opts  WriterOptions
	names []string // shard folders, in order
	docs  []int    // documents in each shard (an estimate for the open one)
	old   int      // names[:old] came from the previous index

	cur        int // the open shard's position in names
	idx        bleve.Index
	batch      *bleve.Batch
	batchBytes int
	placed     map[string]int // the shard each id indexed by this run went to
}

// newShardWriter prepares dir; when prev is an index folder with the
// current mapping, dir starts as a copy of it, else empty.
func NewWriter(dir, prev string, im mapping.IndexMapping, opts WriterOptions) (*Writer, error) {
	w := &Writer{dir: dir, im: im, opts: opts, placed: map[string]int{}}
	if prev != "" {
		if err := copyDir(prev, dir); err != nil {
			return nil, fmt.Errorf("copy index: %w", err)
		}
		if err := w.adopt(); err != nil {
			// An unreadable index, one with another mapping (an older sitrep)
			// or one from before shards is rebuilt: the caller indexes the
			// reused records again.
			w.names, w.docs = nil, nil
			if err := os.RemoveAll(dir); err != nil {
				return nil, err
			}
		}
	}
	w.old = len(w.names)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return w, nil
}

// adopt checks the copied shards and counts their documents.
func (w *Writer) adopt() error {
	if unsharded(w.dir) {
		return errors.New("an index without shards")
	}
	names, err := Shards(w.dir)
	if err != nil {
		return err
	}
	for _, name := range names {
		idx, err := w.openShard(name)
		if err != nil {
			return err
		}
		same := sameMapping(idx, w.im)
		n, err := idx.DocCount()
		if err = errors.Join(err, idx.Close()); err != nil {
			return err
		}
		if !same {
			return errors.New("another mapping")
		}
		w.names, w.docs = append(w.names, name), append(w.docs, int(n))
	}
	return nil
}

// openShard opens one of the folder's shards for writing.
func (w *Writer) openShard(name string) (bleve.Index, error) {
	idx, err := bleve.OpenUsing(filepath.Join(w.dir, name), indexRuntimeConfig())
	if err != nil {
		return nil, fmt.Errorf("open index shard %s: %w", name, err)
	}
	return idx, nil
}

// open opens the last shard when it has room, else starts a new one.
func (w *Writer) open() error {
	if w.idx != nil {
		return nil
	}
	last := len(w.names) - 1
	if last >= 0 && w.docs[last] < w.opts.ShardDocs {
		idx, err := w.openShard(w.names[last])
		if err != nil {
			return err
		}
		w.idx, w.cur = idx, last
	} else {
		n := 0
		if last >= 0 {
			prev, _ := shardNumber(w.names[last])
			n = prev + 1
		}
		name := shardName(n)
		idx, err := bleve.NewUsing(filepath.Join(w.dir, name), w.im, scorch.Name, scorch.Name, indexRuntimeConfig())
		if err != nil {
			return fmt.Errorf("create index shard %s: %w", name, err)
		}
		w.names, w.docs = append(w.names, name), append(w.docs, 0)
		w.idx, w.cur = idx, len(w.names)-1
	}
	w.batch = w.idx.NewBatch()
	return nil
}

// index adds a document; size is its bytes, for the batch bound.
func (w *Writer) Index(doc *document.Document, size int) error {
	if err := w.open(); err != nil {
		return err
	}
	if err := w.batch.IndexAdvanced(doc); err != nil {
		return fmt.Errorf("index %s: %w", doc.ID(), err)
	}
	w.placed[doc.ID()] = w.cur
	w.docs[w.cur]++
	w.batchBytes += size
	if w.batch.Size() >= w.opts.BatchDocs || w.batchBytes >= w.opts.BatchBytes {
		if err := w.flush(); err != nil {
			return err
		}
	}
	if w.docs[w.cur] >= w.opts.ShardDocs {
		return w.CloseShard()
	}
	return nil
}

func (w *Writer) flush() error {
	if w.batch == nil || w.batch.Size() == 0 {
		return nil
	}
	if err := w.idx.Batch(w.batch); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	w.batch.Reset()
	w.batchBytes = 0
	return nil
}

func (w *Writer) CloseShard() error {
	if w.idx == nil {
		return nil
	}
	err := errors.Join(w.flush(), w.idx.Close())
	w.idx, w.batch = nil, nil
	return err
}

// finish makes the index hold exactly the records of final: it deletes
// from the previous shards every document without a record and every
// older copy of one this run indexed again, indexes reused records the
// index lacks (read by reindex), and removes emptied shards.
func (w *Writer) Finish(final map[string]bool, kept []string, reindex func(id string) (*document.Document, int, error)) error {
	if err := w.CloseShard(); err != nil {
		return err
	}
	indexed := map[string]bool{}
	for i := 0; i < w.old; i++ {
		if err := w.prune(i, final, indexed); err != nil {
			return err
		}
	}
	for _, id := range kept {
		if _, ok := w.placed[id]; ok || indexed[id] {
			continue
		}
		doc, size, err := reindex(id)
		if err != nil {
			return err
		}
		if err := w.Index(doc, size); err != nil {
			return err
		}
	}
	if len(w.names) == 0 { // an empty corpus still has a (searchable, empty) index
		if err := w.open(); err != nil {
			return err
		}
	}
	if err := w.CloseShard(); err != nil {
		return err
	}
	for i := len(w.names) - 1; i >= 0 && len(w.names) > 1; i-- {
		if w.docs[i] == 0 {
			if err := os.RemoveAll(filepath.Join(w.dir, w.names[i])); err != nil {
				return err
			}
			w.names, w.docs = append(w.names[:i], w.names[i+1:]...), append(w.docs[:i], w.docs[i+1:]...)
		}
	}
	return nil
}

// prune deletes from previous shard i what finish must, and notes the ids
// it keeps in indexed.
func (w *Writer) prune(i int, final, indexed map[string]bool) error {
	idx, err := w.openShard(w.names[i])
	if err != nil {
		return err
	}
	ids, err := indexIDs(idx)
	if err != nil {
		return errors.Join(err, idx.Close())
	}
	b := idx.NewBatch()
	for _, id := range ids {
		if at, ok := w.placed[id]; (ok && at != i) || !final[id] {
			b.Delete(id)
		} else {
			indexed[id] = true
		}
	}
	if b.Size() > 0 {
		err = idx.Batch(b)
	}
	n, cerr := idx.DocCount()
	w.docs[i] = int(n)
	return errors.Join(err, cerr, idx.Close())
}

// abort closes the open shard, keeping nothing it would have written.
func (w *Writer) Abort() {
	if w.idx != nil {
		_ = w.idx.Close()
		w.idx, w.batch = nil, nil
	}
}

// maxSegmentDocs caps the documents of a merged index segment. Scorch
// memory-maps the segments it merges, so with its default cap (5 million)
// the last merges of a big run re-read the whole index and peak RSS grows
// with the corpus; on 10,010 reports a cap of 2,000 also cut the run from
// 88 s to 67 s. More, smaller segments cost a little search time.
const maxSegmentDocs = 2000

func indexRuntimeConfig() map[string]any {
	return map[string]any{"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": maxSegmentDocs}}
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		_, err = io.Copy(out, in)
		return errors.Join(err, out.Close())
	})
}

// sameMapping reports whether an index was built with the mapping want.
func sameMapping(idx bleve.Index, want mapping.IndexMapping) bool {
	a, err1 := json.Marshal(idx.Mapping())
	b, err2 := json.Marshal(want)
	return err1 == nil && err2 == nil && bytes.Equal(a, b)
}
