package output

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/sitrep/sitrep/pipeline"
)

// shardRun is one run with two-report shards: keep reuses the previous
// records of its ids and docs are written, all in id order.
func shardRun(t *testing.T, dir string, keep []string, docs ...*pipeline.Document) {
	t.Helper()
	w, err := Begin(dir, RunOptions{ShardDocs: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Tool: "sitrep"}
	ids := slices.Clone(keep)
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if i := slices.IndexFunc(docs, func(d *pipeline.Document) bool { return d.ID == id }); i >= 0 {
			err = w.Write(docs[i], nil)
		} else {
			err = w.Keep(id)
		}
		if err != nil {
			t.Fatal(err)
		}
		m.Files = append(m.Files, FileEntry{ID: id, Status: StatusOK, Format: "txt"})
	}
	if err := w.Commit(m); err != nil {
		t.Fatal(err)
	}
}

func hits(t *testing.T, dir, q string) []string {
	t.Helper()
	res, err := Search(context.Background(), dir, SearchOptions{Query: q, Limit: 100})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestShardedIndex: the index is split into shards of ShardDocs reports, is
// searched as one, and after a run that rewrites, removes, adds and keeps
// reports it holds each record exactly once.
func TestShardedIndex(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, IndexDir)
	shardRun(t, dir, nil, doc("d0.txt", "ISKP will possibly strike alpha."), doc("d1.txt", "ISKP will possibly strike bravo."),
		doc("d2.txt", "ISKP will possibly strike charlie."), doc("d3.txt", "ISKP will possibly strike delta."),
		doc("d4.txt", "ISKP will possibly strike echo."))
	if names, _ := listShards(idx); !slices.Equal(names, []string{"shard0000", "shard0001", "shard0002"}) {
		t.Errorf("5 reports in shards of 2: %v", names)
	}
	if got := hits(t, dir, "entity:iskp"); len(got) != 5 {
		t.Errorf("entity:iskp over the shards: %v", got)
	}
	if p := validProblems(t, dir); len(p) > 0 {
		t.Errorf("validate: %v", p)
	}

	// d2 rewritten (it goes to the last shard, which has room), d3 removed,
	// d5 new (a new shard); d0, d1 and d4 kept. shard0001 loses both its
	// reports and is removed.
	shardRun(t, dir, []string{"d0.txt", "d1.txt", "d4.txt"}, doc("d2.txt", "ISKP will possibly strike foxtrot."), doc("d5.txt", "ISKP will possibly strike golf."))
	if names, _ := listShards(idx); !slices.Equal(names, []string{"shard0000", "shard0002", "shard0003"}) {
		t.Errorf("shards after the second run: %v", names)
	}
	for q, want := range map[string][]string{
		"entity:iskp": {"d0.txt", "d1.txt", "d2.txt", "d4.txt", "d5.txt"},
		"charlie":     nil, // d2's old text
		"foxtrot":     {"d2.txt"},
		"delta":       nil,
		"golf":        {"d5.txt"},
		"alpha":       {"d0.txt"},
	} {
		if got := hits(t, dir, q); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
	if p := validProblems(t, dir); len(p) > 0 {
		t.Errorf("validate after the second run: %v", p)
	}

	// A report in two shards is a problem validate names.
	if err := copyDir(filepath.Join(idx, "shard0003"), filepath.Join(idx, "shard0009")); err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(validProblems(t, dir), "\n"); !strings.Contains(p, "document d5.txt is in shards shard0003 and shard0009") {
		t.Errorf("validate missed a report indexed twice: %q", p)
	}
}

// TestIndexWithoutShards: an index folder that is one Bleve index (written
// before shards) is still searched, and the next run rebuilds it as shards.
func TestIndexWithoutShards(t *testing.T) {
	dir := t.TempDir()
	shardRun(t, dir, nil, doc("d0.txt", "ISKP will possibly strike alpha."))
	im, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	idxDir := filepath.Join(dir, IndexDir)
	if err := os.RemoveAll(idxDir); err != nil {
		t.Fatal(err)
	}
	one, err := bleve.New(idxDir, im)
	if err != nil {
		t.Fatal(err)
	}
	if err := one.Index("d0.txt", NewIndexDoc(doc("d0.txt", "ISKP will possibly strike alpha."))); err != nil {
		t.Fatal(err)
	}
	if err := one.Close(); err != nil {
		t.Fatal(err)
	}
	if got := hits(t, dir, "alpha"); !slices.Equal(got, []string{"d0.txt"}) {
		t.Errorf("search of an index without shards: %v", got)
	}
	shardRun(t, dir, []string{"d0.txt"}, doc("d1.txt", "ISKP will possibly strike bravo."))
	if names, _ := listShards(idxDir); !slices.Equal(names, []string{"shard0000"}) {
		t.Errorf("rebuilt index: shards %v", names)
	}
	if _, err := os.Stat(filepath.Join(idxDir, legacyMeta)); !os.IsNotExist(err) {
		t.Errorf("the old index is still there: %v", err)
	}
	if got := hits(t, dir, "entity:iskp"); !slices.Equal(got, []string{"d0.txt", "d1.txt"}) {
		t.Errorf("after the rebuild: %v", got)
	}
	if p := validProblems(t, dir); len(p) > 0 {
		t.Errorf("validate: %v", p)
	}
}
