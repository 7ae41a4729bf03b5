package annotate_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep/annotate"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/search"
)

func TestParseShard(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	tt := []struct {
		in, env string
		i, n    int
		bad     bool
	}{
		{"0/4", "", 0, 4, false}, {"3/4", "", 3, 4, false}, {"4", "2", 2, 4, false}, {"1/1", "", 0, 0, true},
		{"4/4", "", 0, 0, true}, {"-1/4", "", 0, 0, true}, {"0/0", "", 0, 0, true}, {"4", "", 0, 0, true},
		{"4", "7", 0, 0, true}, {"a/b", "", 0, 0, true},
	}
	for _, tc := range tt {
		i, n, err := annotate.ParseShard(tc.in, env(tc.env))
		if (err != nil) != tc.bad || !tc.bad && (i != tc.i || n != tc.n) {
			t.Errorf("ParseShard(%q, JOB_COMPLETION_INDEX=%q) = %d, %d, %v", tc.in, tc.env, i, n, err)
		}
	}
}

// TestShardOfIsStable pins the hash: shard outputs written by one version
// must be mergeable with those of the next.
func TestShardOfIsStable(t *testing.T) {
	got := []int{annotate.ShardOf("isw/isw_2022-03-12.txt", 4), annotate.ShardOf("a.txt", 4), annotate.ShardOf("a.txt", 7)}
	if want := []int{3, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("ShardOf = %v, want %v", got, want)
	}
}

// TestShardsMergeToOne: four shard runs merged give the records of one run,
// byte for byte, and a query set over the four shard indexes returns the
// same reports as over the one index.
func TestShardsMergeToOne(t *testing.T) {
	corpus := t.TempDir()
	places := []string{"Kabul", "Kherson", "Kharkiv", "Izyum", "Bakhmut", "Kandahar", "Herat", "Mariupol", "Odesa", "Kunar"}
	for i, p := range places {
		text := fmt.Sprintf("Report %d\n\nISKP will likely attack %s on March %d. The Taliban may respond in %s.", i, p, i+1, places[(i+1)%len(places)])
		if err := os.WriteFile(filepath.Join(corpus, fmt.Sprintf("r%02d_2026-03-20.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := t.TempDir()
	clock := func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	run := func(out string, shard, shards int) {
		t.Helper()
		o := annotate.Options{Corpus: corpus, Out: out, Scale: "icd203", Quiet: true, Workers: 1, Shard: shard, Shards: shards, Clock: clock}
		if _, err := annotate.Run(context.Background(), o, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	one := filepath.Join(base, "one")
	run(one, 0, 0)
	var shards []string
	total := 0
	for i := 0; i < 4; i++ {
		out := filepath.Join(base, fmt.Sprintf("shard%d", i))
		run(out, i, 4)
		shards = append(shards, out)
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		total += m.Totals.Records
	}
	if total != len(places) {
		t.Errorf("the shards hold %d records, want %d", total, len(places))
	}
	merged := filepath.Join(base, "merged")
	if _, err := output.Merge(merged, shards, output.RunOptions{}, clock); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(one, output.JSONLName))
	b, _ := os.ReadFile(filepath.Join(merged, output.JSONLName))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("merged records differ from one run's (%d and %d bytes)", len(a), len(b))
	}
	for _, q := range []string{"ISKP", "Kherson", "+entity:Taliban +category:likely", "label:GPE", "when:[2026-03-01 TO 2026-03-05]", "Odesa OR Herat"} {
		ids := func(dirs ...string) []string {
			res, err := search.SearchAll(context.Background(), dirs, search.Options{Query: q, Limit: 100})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			var out []string
			for _, h := range res.Hits {
				out = append(out, h.ID)
			}
			slices.Sort(out)
			return out
		}
		if got, want := ids(shards...), ids(one); !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: over the shards %v, over one index %v", q, got, want)
		}
	}
}
