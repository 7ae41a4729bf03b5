package stats

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
)

func f64(v float64) *float64 { return &v }

// doc builds a record from sentences; in each, [[Label:text]] marks an
// entity and {{category:text}} a likelihood phrase (band from ICD 203).
func doc(id, published, site string, sentences ...string) pipeline.Document {
	bands := map[string][2]float64{"likely": {0.55, 0.80}, "unlikely": {0.20, 0.45}, "almost_certain": {0.95, 0.99}}
	d := pipeline.Document{ID: id, Published: published, Site: site}
	var b strings.Builder
	for si, s := range sentences {
		start := b.Len()
		for s != "" {
			i := strings.IndexAny(s, "[{")
			if i < 0 || i+1 >= len(s) || s[i+1] != s[i] {
				b.WriteString(s)
				break
			}
			b.WriteString(s[:i])
			closer := map[byte]string{'[': "]]", '{': "}}"}[s[i]]
			j := strings.Index(s, closer)
			kind, text, _ := strings.Cut(s[i+2:j], ":")
			off := b.Len()
			b.WriteString(text)
			if s[i] == '[' {
				d.Entities = append(d.Entities, pipeline.Entity{Start: off, End: off + len(text), Text: text, Label: kind})
			} else {
				bd := bands[kind]
				d.Estimative = append(d.Estimative, pipeline.Estimate{Start: off, End: off + len(text), Text: text,
					Kind: pipeline.KindLikelihood, Category: kind, Low: f64(bd[0]), High: f64(bd[1]), Sentence: si})
			}
			s = s[j+2:]
		}
		d.Sentences = append(d.Sentences, pipeline.Sentence{Start: start, End: b.Len()})
		b.WriteString(" ")
	}
	d.Text = b.String()
	return d
}

func TestCollect(t *testing.T) {
	docs := []pipeline.Document{
		doc("a", "2024-01-05", "isw", "[[GROUP:ISKP]] will {{likely:likely}} attack [[GPE:Kabul]].", "[[GROUP:ISKP]] and [[GROUP:Taliban]] fight."),
		doc("b", "2024-01-20", "isw", "[[GROUP:ISKP]] is {{unlikely:unlikely}} to stop.", "[[GROUP:Taliban]] holds [[GPE:Kabul]]."),
		doc("c", "2024-02-02", "cti", "[[GROUP:iskp]] will {{almost_certain:almost certainly}} act with [[GROUP:Taliban]] rivals."),
		doc("d", "", "", "Nothing dated."),
	}
	// What the reports talk about: a day of December, a week across two
	// months, a month; a year names no day and a null value nothing.
	val := func(v string) *string { return &v }
	docs[0].Timexes = []pipeline.Timex{{Type: "DATE", Value: val("2023-12-28")}, {Type: "DATE", Value: val("2023-12-30")},
		{Type: "DATE", Value: val("2024")}, {Type: "DATE"}}
	docs[1].Timexes = []pipeline.Timex{{Type: "DATE", Value: val("2024-W01")}, {Type: "DURATION", Value: val("P2W")}}           // Jan 1-7 2024
	docs[2].Timexes = []pipeline.Timex{{Type: "DATE", Value: val("2023-W52")}, {Type: "TIME", Value: val("2024-01-31T10:00Z")}} // Dec 25-31
	c := NewCollector(Options{Top: 5, Entity: "ISKP"})
	for i := range docs {
		c.Add(&docs[i])
	}
	s := c.Result()
	if s.Reports != 4 || s.Undated != 1 {
		t.Errorf("reports %d undated %d", s.Reports, s.Undated)
	}
	if got := s.ByMonth; len(got) != 2 || got[0] != (Count{"2024-01", 2}) || got[1] != (Count{"2024-02", 1}) {
		t.Errorf("by month = %v", got)
	}
	if got, want := s.TalkedAbout, []Count{{"2023-12", 2}, {"2024-01", 2}}; !slices.Equal(got, want) {
		t.Errorf("talked about = %v, want %v", got, want)
	}
	if got := s.BySite; len(got) != 3 || got[0] != (Count{"isw", 2}) {
		t.Errorf("by site = %v", got)
	}
	top := s.TopEntities["GROUP"]
	if len(top) != 2 || top[0].Name != "ISKP" || top[0].Reports != 3 || top[0].Mentions != 4 {
		t.Errorf("top groups = %+v", top) // "iskp" folds into "ISKP"
	}
	if len(s.Pairs) != 1 || s.Pairs[0].A != "ISKP" || s.Pairs[0].B != "Taliban" || s.Pairs[0].Sentences != 2 {
		t.Errorf("pairs = %+v", s.Pairs) // ISKP+Kabul shares one sentence only: not listed
	}
	if d := s.Pairs[0].Dice; d < 0.57 || d > 0.58 { // 2*2/(4+3)
		t.Errorf("dice = %v", d)
	}
	jan := s.Judgments[0]
	if jan.Month != "2024-01" || jan.Counts["likely"] != 1 || jan.Counts["unlikely"] != 1 || *jan.Mean != (0.675+0.325)/2 {
		t.Errorf("january judgments = %+v", jan)
	}
	tr := s.Track
	if tr == nil || len(tr.Points) != 2 || strings.Join(tr.Matched, ",") != "GROUP|iskp" {
		t.Fatalf("track = %+v", tr)
	}
	// January: 3 sentences name ISKP, 2 carry a judgment (0.675 and 0.325).
	p := tr.Points[0]
	if p.Reports != 2 || p.Sentences != 3 || p.Judged != 2 || *p.Mean != 0.5 {
		t.Errorf("january track = %+v", p)
	}
	if p := tr.Points[1]; p.Judged != 1 || *p.Mean != 0.97 {
		t.Errorf("february track = %+v", p)
	}
}

func TestPairsArePrunedNotUnbounded(t *testing.T) {
	c := NewCollector(Options{})
	for r := 0; r < 6; r++ {
		var sents []string
		for i := 0; i < 40_000; i++ { // pairs seen once: 240,000 in all
			sents = append(sents, "[[ORG:a"+itoa(r)+"_"+itoa(i)+"]] [[ORG:b"+itoa(i)+"]]")
		}
		sents = append(sents, "[[ORG:x]] [[ORG:y]]", "[[ORG:x]] [[ORG:y]]", "[[ORG:x]] [[ORG:y]]")
		d := doc("r"+itoa(r), "2024-01-01", "s", sents...)
		c.Add(&d)
	}
	if len(c.pairs) > maxPairs {
		t.Errorf("%d pairs kept, bound %d", len(c.pairs), maxPairs)
	}
	s := c.Result()
	if !s.PairsApproximate || s.Pairs[0].A != "x" || s.Pairs[0].Sentences != 18 {
		t.Errorf("approximate=%v top pair %+v", s.PairsApproximate, s.Pairs[0])
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestRender(t *testing.T) {
	d := doc("a", "2024-01-05", "<b>isw</b>", "[[GROUP:<script>ISKP</script>]] will {{likely:likely}} attack.")
	v := "2023-12-28"
	d.Timexes = []pipeline.Timex{{Type: "DATE", Value: &v}}
	dir := t.TempDir()
	line, _ := json.Marshal(d)
	os.WriteFile(filepath.Join(dir, output.JSONLName), append(line, '\n'), 0o644)
	s, err := Collect(dir, Options{Entity: "<script>ISKP</script>"})
	if err != nil {
		t.Fatal(err)
	}
	var text, page bytes.Buffer
	if err := WriteText(&text, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Reports: 1", "2024-01", "<script>ISKP</script>", "likely", "Months the reports talk about", "2023-12"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, text.String())
		}
	}
	if err := WriteHTML(&page, s, true); err != nil {
		t.Fatal(err)
	}
	h := page.String()
	if strings.Contains(h, "<script") || strings.Contains(h, "<b>isw") {
		t.Error("report text reached the page as markup")
	}
	for _, want := range []string{`id="chart-months"`, `id="chart-talked"`, `<title>2023-12: 1 reports</title>`, `id="chart-judgments"`, `id="chart-probability"`, `id="chart-sites"`, "<polyline", "&lt;b&gt;isw&lt;/b&gt;"} {
		if !strings.Contains(h, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if !strings.Contains(h, "<style>"+pageCSS+"</style>") {
		t.Error("the style element differs from the CSS the CSP hash covers")
	}
}
