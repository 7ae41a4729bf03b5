// Package querytable owns the committed table of search queries and the
// reports each must find (output/search/testdata/queries.tsv), and the
// annotated corpus they run on, so that the CLI, the API and the page are
// held to the same answers.
package querytable

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/output/search"
)

// Case is one query and what it must find.
type Case struct {
	Line   int
	Query  string
	IDs    []string // sorted
	Copies []string // the copies listed under the hits, sorted
}

// root is the repository's root folder.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Load reads the table.
func Load() ([]Case, error) {
	path := filepath.Join(root(), "output", "search", "testdata", "queries.tsv")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	abbrev := map[string]string{}
	var out []Case
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "# @") || strings.HasPrefix(line, "# Abbreviations") {
			// "@P id, @Z id, ..." comment lines define the abbreviations.
			for _, part := range strings.Split(strings.TrimPrefix(line, "# Abbreviations below expand:"), ",") {
				part = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(part), "#"))
				if k, v, ok := strings.Cut(part, " "); ok && strings.HasPrefix(k, "@") {
					abbrev[k] = strings.TrimSpace(v)
				}
			}
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "query\t") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 3", path, n, len(cols))
		}
		c := Case{Line: n, Query: cols[0]}
		for i, dst := range []*[]string{&c.IDs, &c.Copies} {
			if cols[i+1] == "-" {
				continue
			}
			for _, id := range strings.Fields(cols[i+1]) {
				full, ok := abbrev[id]
				if !ok {
					return nil, fmt.Errorf("%s:%d: no abbreviation %s", path, n, id)
				}
				*dst = append(*dst, full)
			}
			slices.Sort(*dst)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(abbrev) == 0 || len(out) == 0 {
		return nil, fmt.Errorf("%s: no abbreviations or no queries", path)
	}
	return out, nil
}

// Fixture returns an OUT folder of the example corpus plus a copy of one
// report (mirror/donbas-weekly-judgments.txt), annotated in a temporary
// folder of the test.
func Fixture(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := build(filepath.Join(dir, "corpus"), out); err != nil {
		t.Fatalf("query table fixture: %v", err)
	}
	return out
}

func build(corpus, out string) error {
	src := filepath.Join(root(), "corpus", "examples")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		return copyFile(p, filepath.Join(corpus, rel))
	})
	if err != nil {
		return err
	}
	if err := copyFile(filepath.Join(src, "daily", "donbas-weekly-judgments.md"), filepath.Join(corpus, "mirror", "donbas-weekly-judgments.txt")); err != nil {
		return err
	}
	_, err = annotate.Run(context.Background(), annotate.Options{Corpus: corpus, Out: out, Scale: "icd203", Quiet: true, Workers: 2}, io.Discard)
	return err
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

// Check compares what a search found with a case.
func (c Case) Check(ids, copies []string) error {
	ids, copies = slices.Sorted(slices.Values(ids)), slices.Sorted(slices.Values(copies))
	if !slices.Equal(ids, c.IDs) || !slices.Equal(copies, c.Copies) {
		return fmt.Errorf("queries.tsv:%d %q: found %v (copies %v), want %v (copies %v)", c.Line, c.Query, ids, copies, c.IDs, c.Copies)
	}
	return nil
}

// CheckHits compares a search's hits (and the copies listed under them)
// with a case.
func (c Case) CheckHits(hits []search.Hit) error {
	var ids, copies []string
	for _, h := range hits {
		ids = append(ids, h.ID)
		copies = append(copies, h.Copies...)
	}
	return c.Check(ids, copies)
}
