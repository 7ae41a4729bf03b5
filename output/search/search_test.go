package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/output/internal/outtest"
	"github.com/sitrep/sitrep/output/validate"
	"github.com/sitrep/sitrep/pipeline"
)

func TestWriteValidateSearch(t *testing.T) {
	dir := t.TempDir()
	outtest.WriteRun(t, dir, outtest.Doc("a/one.txt", "ISKP will possibly strike Kabul."), outtest.Doc("b.txt", "ISKP and possibly others."))
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	n, problems, err := v.ValidateDir(dir)
	if err != nil || n != 2 || len(problems) != 0 {
		t.Fatalf("validate: %d records, problems %v, err %v", n, problems, err)
	}
	res, err := Search(context.Background(), dir, Options{Query: "kabul"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != "a/one.txt" || !strings.Contains(strings.Join(res.Hits[0].Fragments["text"], ""), "<mark>Kabul</mark>") {
		t.Errorf("search kabul: %+v", res)
	}

	// A second run replaces the first entirely: b.txt disappears from every output.
	outtest.WriteRun(t, dir, outtest.Doc("a/one.txt", "ISKP will possibly strike Kabul."))
	if _, err := os.Stat(filepath.Join(dir, "reports", "b.txt.json")); !os.IsNotExist(err) {
		t.Errorf("reports/b.txt.json survived a run that no longer has it: %v", err)
	}
	res, err = Search(context.Background(), dir, Options{Query: "entity:iskp"})
	if err != nil || res.Total != 1 {
		t.Errorf("after the re-run the index holds %v hits (err %v), want 1", res.Total, err)
	}
	for _, leftover := range []string{"annotations.jsonl.new", "reports.new", "index.bleve.new", "reports.old"} {
		if _, err := os.Stat(filepath.Join(dir, leftover)); !os.IsNotExist(err) {
			t.Errorf("%s left behind", leftover)
		}
	}
}

func TestParseQuery(t *testing.T) {
	long := strings.Repeat("a", maxPatternBytes)
	for _, q := range []string{`entity:"unclosed`, "text:/[/", "+", "0*" + long, "text:/" + long + ".*/", long + "b~1", `"a ` + long + `b"~2`} {
		if _, err := ParseQuery(q); err == nil {
			t.Errorf("ParseQuery(%q) accepted a bad query", q)
		}
	}
	if _, err := ParseQuery(`+entity:ISKP -label:PERSON probability:>=0.5 kab* text:/af.*/`); err != nil {
		t.Errorf("good query rejected: %v", err)
	}
}

// TestSearchWhileWriting: a writer works on its own copy of the index, so
// readers of the committed one are never blocked.
func TestSearchWhileWriting(t *testing.T) {
	dir := t.TempDir()
	outtest.WriteRun(t, dir, outtest.Doc("a.txt", "ISKP will possibly strike Kabul."))
	r, err := output.Begin(dir, output.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abort()
	if err := r.Write(outtest.Doc("b.txt", "ISKP and possibly Kabul again."), nil); err != nil {
		t.Fatal(err)
	}
	res, err := Search(context.Background(), dir, Options{Query: "kabul"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search during a write: %v hits, err %v; want the committed 1", res, err)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{`+entity:ISKP -label:PERSON`, `entity:"Haqqani Network"`, `probability:>=0.5`, `text:/af.*/`, `title:>`, `"`, `a:b:c`,
		`(Kherson OR Izyum) AND NOT label:PERSON`, `!a || b && -c`, `published:[2022-06 TO *]`, `when:{2022 TO 2023-01-02]`, `Kherzon~1^2`, `"a b"~1`, `month:[2022-01 TO 2022-06]`, `Jal\*al*`} {
		f.Add(q)
	}
	dir := f.TempDir()
	w, err := output.Begin(dir, output.RunOptions{})
	if err != nil {
		f.Fatal(err)
	}
	if err := w.Write(outtest.Doc("a.txt", "ISKP will possibly strike Kabul."), nil); err != nil {
		f.Fatal(err)
	}
	if err := w.Commit(&output.Manifest{Files: []output.FileEntry{{ID: "a.txt", Status: output.StatusOK}}}); err != nil {
		f.Fatal(err)
	}
	idx, err := index.Open(filepath.Join(dir, output.IndexDir))
	if err != nil {
		f.Fatal(err)
	}
	defer idx.Close()
	f.Fuzz(func(t *testing.T, q string) {
		// Any query either runs or is reported as a bad query: never a panic or another error.
		_, err := (&Searcher{Dirs: []string{dir}, Index: idx}).Search(context.Background(), Options{Query: q, Limit: 5})
		if err != nil && !errors.Is(err, ErrBadQuery) {
			t.Fatalf("query %q: %v", q, err)
		}
	})
}

// shardRun is one run with two-report shards: keep reuses the previous
// records of its ids and docs are written, all in id order.
func shardRun(t *testing.T, dir string, keep []string, docs ...*pipeline.Document) {
	t.Helper()
	w, err := output.Begin(dir, output.RunOptions{ShardDocs: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := &output.Manifest{Tool: "sitrep"}
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
		m.Files = append(m.Files, output.FileEntry{ID: id, Status: output.StatusOK, Format: "txt"})
	}
	if err := w.Commit(m); err != nil {
		t.Fatal(err)
	}
}

func hits(t *testing.T, dir, q string) []string {
	t.Helper()
	res, err := Search(context.Background(), dir, Options{Query: q, Limit: 100})
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
	idx := filepath.Join(dir, output.IndexDir)
	shardRun(t, dir, nil, outtest.Doc("d0.txt", "ISKP will possibly strike alpha."), outtest.Doc("d1.txt", "ISKP will possibly strike bravo."),
		outtest.Doc("d2.txt", "ISKP will possibly strike charlie."), outtest.Doc("d3.txt", "ISKP will possibly strike delta."),
		outtest.Doc("d4.txt", "ISKP will possibly strike echo."))
	if names, _ := index.Shards(idx); !slices.Equal(names, []string{"shard0000", "shard0001", "shard0002"}) {
		t.Errorf("5 reports in shards of 2: %v", names)
	}
	if got := hits(t, dir, "entity:iskp"); len(got) != 5 {
		t.Errorf("entity:iskp over the shards: %v", got)
	}
	if p := outtest.ValidProblems(t, dir); len(p) > 0 {
		t.Errorf("validate: %v", p)
	}

	// d2 rewritten (it goes to the last shard, which has room), d3 removed,
	// d5 new (a new shard); d0, d1 and d4 kept. shard0001 loses both its
	// reports and is removed.
	shardRun(t, dir, []string{"d0.txt", "d1.txt", "d4.txt"}, outtest.Doc("d2.txt", "ISKP will possibly strike foxtrot."), outtest.Doc("d5.txt", "ISKP will possibly strike golf."))
	if names, _ := index.Shards(idx); !slices.Equal(names, []string{"shard0000", "shard0002", "shard0003"}) {
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
	if p := outtest.ValidProblems(t, dir); len(p) > 0 {
		t.Errorf("validate after the second run: %v", p)
	}

	// A report in two shards is a problem validate names.
	if err := os.CopyFS(filepath.Join(idx, "shard0009"), os.DirFS(filepath.Join(idx, "shard0003"))); err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(outtest.ValidProblems(t, dir), "\n"); !strings.Contains(p, "document d5.txt is in shards shard0003 and shard0009") {
		t.Errorf("validate missed a report indexed twice: %q", p)
	}
}

// TestIndexWithoutShards: an index folder that is one Bleve index (written
// before shards) is still searched, and the next run rebuilds it as shards.
func TestIndexWithoutShards(t *testing.T) {
	dir := t.TempDir()
	shardRun(t, dir, nil, outtest.Doc("d0.txt", "ISKP will possibly strike alpha."))
	im, err := index.NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	idxDir := filepath.Join(dir, output.IndexDir)
	if err := os.RemoveAll(idxDir); err != nil {
		t.Fatal(err)
	}
	one, err := bleve.New(idxDir, im)
	if err != nil {
		t.Fatal(err)
	}
	if err := one.Index("d0.txt", index.NewIndexDoc(outtest.Doc("d0.txt", "ISKP will possibly strike alpha."))); err != nil {
		t.Fatal(err)
	}
	if err := one.Close(); err != nil {
		t.Fatal(err)
	}
	if got := hits(t, dir, "alpha"); !slices.Equal(got, []string{"d0.txt"}) {
		t.Errorf("search of an index without shards: %v", got)
	}
	shardRun(t, dir, []string{"d0.txt"}, outtest.Doc("d1.txt", "ISKP will possibly strike bravo."))
	if names, _ := index.Shards(idxDir); !slices.Equal(names, []string{"shard0000"}) {
		t.Errorf("rebuilt index: shards %v", names)
	}
	if _, err := os.Stat(filepath.Join(idxDir, "index_meta.json")); !os.IsNotExist(err) {
		t.Errorf("the old index is still there: %v", err)
	}
	if got := hits(t, dir, "entity:iskp"); !slices.Equal(got, []string{"d0.txt", "d1.txt"}) {
		t.Errorf("after the rebuild: %v", got)
	}
	if p := outtest.ValidProblems(t, dir); len(p) > 0 {
		t.Errorf("validate: %v", p)
	}
}

// TestTiesByID: reports of equal score come in id order, whatever order the
// index holds them in (the shards are written in parallel, and Bleve's merges
// renumber documents).
func TestTiesByID(t *testing.T) {
	dir := t.TempDir()
	im, err := index.NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.New(filepath.Join(dir, output.IndexDir, "shard0000"), im)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for _, id := range []string{"e.txt", "d.txt", "c.txt", "b.txt", "a.txt"} { // stored newest id first
		if err := idx.Index(id, index.NewIndexDoc(outtest.Doc(id, "ISKP will possibly strike Kabul."))); err != nil {
			t.Fatal(err)
		}
	}
	res, err := (&Searcher{Dirs: []string{dir}, Index: idx}).Search(context.Background(), Options{Query: "kabul", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	if !slices.Equal(got, []string{"a.txt", "b.txt", "c.txt"}) || res.Total != 5 {
		t.Errorf("hits %v of %d, want a.txt b.txt c.txt of 5", got, res.Total)
	}
}

// TestWhenRanges: when:[a TO b] finds the reports that name a day in the
// range (a day, or any day of a week or month they name), even when they
// were published elsewhere in time; the range holds for one value, so a
// report naming a day before and one after the range is not a hit.
func TestWhenRanges(t *testing.T) {
	dir := t.TempDir()
	doc := func(id, published string, values ...string) *pipeline.Document {
		d := outtest.Doc(id, "ISKP will possibly strike Kabul on those days. "+id) // no two alike: copies are no hits
		d.Published, d.PublishedBy = published, "text"
		for _, v := range values {
			v := v
			d.Timexes = append(d.Timexes, pipeline.Timex{Start: 26, End: 31, Text: d.Text[26:31], Type: "DATE", Value: &v})
		}
		return d
	}
	outtest.WriteRun(t, dir,
		doc("day.txt", "2022-09-01", "2022-06-15"),
		doc("month.txt", "2022-07-02", "2022-06"),
		doc("week.txt", "2022-07-02", "2022-W26"), // June 27 - July 3
		doc("around.txt", "2022-06-20", "2022-05-01", "2022-08-01"),
		doc("year.txt", "2022-06-20", "2022"))
	tt := []struct {
		q    string
		want []string
	}{
		{"when:[2022-06-10 TO 2022-06-20]", []string{"day.txt", "month.txt"}},
		{"when:[2022-07-01 TO 2022-07-01]", []string{"week.txt"}},
		{"when:{2022-06-15 TO 2022-06-30]", []string{"month.txt", "week.txt"}},
		{"when:[2022-08-01 TO *]", []string{"around.txt"}},
		{"ISKP -when:[2022-06-01 TO 2022-06-30]", []string{"around.txt", "year.txt"}},
		{"published:[2022-06-20 TO 2022-06-20]", []string{"around.txt", "year.txt"}},
		{"published:>=2022-07-01", []string{"day.txt", "month.txt", "week.txt"}},
	}
	for _, tc := range tt {
		if got := hits(t, dir, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: hits %v, want %v", tc.q, got, tc.want)
		}
	}
	for _, bad := range []string{"when:[2022-13-01 TO *]", "text:[a TO b]", "when:[* TO *]"} {
		if _, err := ParseQuery(bad); !errors.Is(err, ErrBadQuery) {
			t.Errorf("ParseQuery(%q) = %v, want ErrBadQuery", bad, err)
		}
	}
}

// TestAdmin1: admin1:"Donetsk Oblast" finds reports naming any place in the
// oblast, whatever GeoNames calls it ("Donetsk", "Kharkivs’ka Oblast’").
func TestAdmin1(t *testing.T) {
	dir := t.TempDir()
	doc := func(id, admin1ID, admin1 string) *pipeline.Document {
		d := outtest.Doc(id, "ISKP will possibly strike Kabul and Marinka. "+id)
		d.Entities = append(d.Entities, pipeline.Entity{Start: 36, End: 43, Text: "Marinka", Label: "GPE",
			Geo: &pipeline.Geo{ID: "geonames:701845", Lat: 47.94, Lon: 37.5, Feature: "PPL", Country: "UA",
				Admin1: &pipeline.AdminRef{ID: admin1ID, Name: admin1}, Score: 1, Candidates: 1}})
		return d
	}
	outtest.WriteRun(t, dir, doc("donetsk.txt", "geonames:709716", "Donetsk"),
		doc("kharkiv.txt", "geonames:706482", "Kharkivs’ka Oblast’"), outtest.Doc("none.txt", "ISKP will possibly strike Kabul."))
	tt := []struct {
		q    string
		want []string
	}{
		{`admin1:"Donetsk Oblast"`, []string{"donetsk.txt"}},
		{`admin1:donetsk`, []string{"donetsk.txt"}},
		{`admin1:"Kharkiv Oblast"`, []string{"kharkiv.txt"}},
		{`admin1:"geonames:706482"`, []string{"kharkiv.txt"}},
		{`country:ua`, []string{"donetsk.txt", "kharkiv.txt"}},
	}
	for _, tc := range tt {
		if got := hits(t, dir, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: hits %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestNearAndBBox: a report with many places is found near each of them
// and in a box round each (Bleve's own geo fields test only one point of
// several, which is why sitrep does not use them), and not where it names
// none; distances are great-circle, and the antimeridian is crossed.
func TestNearAndBBox(t *testing.T) {
	dir := t.TempDir()
	places := [][2]float64{{47.94, 37.5}, {34.43, 70.45}, {51.5, -0.12}, {-33.87, 151.21}, {64.73, 177.51}, {-17.8, 178.0}}
	doc := func(id string, pts [][2]float64) *pipeline.Document {
		d := outtest.Doc(id, "ISKP will possibly strike Kabul. "+id)
		for i, p := range pts {
			d.Entities = append(d.Entities, pipeline.Entity{Start: 26, End: 31, Text: "Kabul", Label: "GPE",
				Geo: &pipeline.Geo{ID: "geonames:" + strconv.Itoa(i), Lat: p[0], Lon: p[1], Feature: "PPL", Score: 1, Candidates: 1}})
		}
		return d
	}
	outtest.WriteRun(t, dir, doc("many.txt", places), doc("kyiv.txt", [][2]float64{{50.45, 30.52}}), outtest.Doc("none.txt", "ISKP will possibly strike Kabul."))
	for _, p := range places {
		for _, q := range []string{
			fmt.Sprintf(`near:"%g,%g,1km"`, p[0], p[1]),
			fmt.Sprintf(`bbox:"%g,%g,%g,%g"`, p[0]-0.01, p[1]-0.01, p[0]+0.01, p[1]+0.01),
		} {
			if got := hits(t, dir, q); !slices.Equal(got, []string{"many.txt"}) {
				t.Errorf("%s: hits %v, want [many.txt]", q, got)
			}
		}
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{`near:"50.45,30.52,10km"`, []string{"kyiv.txt"}},
		{`near:"48.46,35.04,250mi"`, []string{"kyiv.txt", "many.txt"}}, // Dnipro: Kyiv 391 km (243 mi), the Donetsk point 191 km
		{`near:"48.46,35.04,200km"`, []string{"many.txt"}},
		{`near:"50.45,30.52,1000m"`, []string{"kyiv.txt"}},
		{`near:"0,0,100km"`, nil},
		{`near:"65,-179.5,200km"`, []string{"many.txt"}},    // Chukotka, across the antimeridian
		{`near:"-17.8,-179.9,250km"`, []string{"many.txt"}}, // Fiji (178.0) 201 km away, across the antimeridian
		{`bbox:"44,22,53,41"`, []string{"kyiv.txt", "many.txt"}},
		{`bbox:"-90,-180,90,180"`, []string{"kyiv.txt", "many.txt"}},
		{`bbox:"10,10,20,20"`, nil},
		{`Kabul AND NOT bbox:"44,22,53,41"`, []string{"none.txt"}},
	} {
		if got := hits(t, dir, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: hits %v, want %v", tc.q, got, tc.want)
		}
	}
}
