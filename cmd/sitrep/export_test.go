package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/stixschema"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/export"
	"github.com/sitrep/sitrep/pipeline"
)

// exampleRecords reads the records of the annotated example corpus.
func exampleRecords(t *testing.T) []pipeline.Document { return records(t, examplesOut) }

// records reads every record of an output folder.
func records(t *testing.T, out string) []pipeline.Document {
	t.Helper()
	var docs []pipeline.Document
	must(t, output.Each(out, func(d *pipeline.Document) error { docs = append(docs, *d); return nil }))
	return docs
}

func TestExportCSV(t *testing.T) {
	docs := exampleRecords(t)
	want := map[string]int{"reports.csv": len(docs)}
	for _, d := range docs {
		want["mentions.csv"] += len(d.Entities)
		want["judgments.csv"] += len(d.Estimative)
		want["takeaways.csv"] += len(d.Takeaways)
		want["timexes.csv"] += len(d.Timexes)
		for _, e := range d.Estimative {
			for _, m := range d.Entities {
				if d.SentenceAt(m.Start) == e.Sentence {
					want["judgment_entities.csv"]++
				}
			}
		}
		for _, tk := range d.Takeaways {
			want["takeaway_entities.csv"] += len(tk.Entities)
		}
	}
	// Beside the records, as the Python check below reads them.
	dir := filepath.Join(t.TempDir(), "csv")
	must(t, os.Symlink(filepath.Join(examplesOut, output.JSONLName), filepath.Join(filepath.Dir(dir), output.JSONLName)))
	if code, _, errs := sitrep(t, "export", examplesOut, "--format", "csv", "-o", dir); code != 0 {
		t.Fatal(errs)
	}
	for _, name := range export.CSVFiles {
		f, err := os.Open(filepath.Join(dir, name))
		must(t, err)
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rows)-1 != want[name] || want[name] == 0 {
			t.Errorf("Go csv: %s has %d rows, the records %d", name, len(rows)-1, want[name])
		}
	}
	// Python's csv module, as a notebook would read the files.
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is not installed (apt-get install python3; make test checks for it)")
	}
	script := `import csv, json, sys
out = {}
for name in sys.argv[2:]:
    with open(sys.argv[1] + "/" + name, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    widths = {len(r) for r in rows}
    assert len(widths) == 1, (name, widths)
    out[name] = len(rows) - 1
# The README's recipes: code-point offsets slice a str, byte offsets its UTF-8.
texts = {}
with open(sys.argv[1] + "/../annotations.jsonl", encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        texts[r["id"]] = r["text"]
with open(sys.argv[1] + "/mentions.csv", newline="", encoding="utf-8") as f:
    for m in csv.DictReader(f):
        text = texts[m["report_id"]]
        assert text[int(m["char_start"]):int(m["char_end"])] == m["text"], m
        assert text.encode()[int(m["start"]):int(m["end"])].decode() == m["text"], m
print(json.dumps(out))`
	outb, err := exec.Command(py, append([]string{"-c", script, dir}, export.CSVFiles...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("python csv: %v\n%s", err, outb)
	}
	var got map[string]int
	must(t, json.Unmarshal(outb, &got))
	for name, n := range want {
		if got[name] != n {
			t.Errorf("Python csv: %s has %d rows, the records %d", name, got[name], n)
		}
	}
}

func TestExportSTIX(t *testing.T) {
	v, err := stixschema.Compile(filepath.Join("..", "..", "output", "export", "testdata", "stix2.1", "schemas"))
	must(t, err)
	for _, args := range [][]string{{}, {"--one-bundle"}, {"--tlp", "TLP:AMBER", "--include-warned"}} {
		dir := filepath.Join(t.TempDir(), "stix")
		if code, _, errs := sitrep(t, append([]string{"export", examplesOut, "-f", "stix", "-o", dir}, args...)...); code != 0 {
			t.Fatal(errs)
		}
		files, indicators := 0, 0
		must(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files++
			if err := v.ValidateFile(p); err != nil {
				t.Error(err)
			}
			b, _ := os.ReadFile(p)
			indicators += strings.Count(string(b), `"type":"indicator"`) + strings.Count(string(b), `"type": "indicator"`)
			return nil
		}))
		if want := map[bool]int{false: 7, true: 1}[slices.Contains(args, "--one-bundle")]; files != want || indicators == 0 {
			t.Errorf("%v: %d bundles (want %d), %d indicators", args, files, want, indicators)
		}
	}
	// Every object carries the TLP marking asked for; an unknown level is a usage error.
	dir := filepath.Join(t.TempDir(), "stix")
	if code, _, errs := sitrep(t, "export", examplesOut, "-f", "stix", "-o", dir, "--tlp", "amber"); code != 0 {
		t.Fatal(errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "threat", "iskp-jalalabad-campaign.txt.json"))
	must(t, err)
	if n := strings.Count(string(b), "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"); n < 3 {
		t.Errorf("TLP:AMBER marks %d places in a bundle, want the definition and every object", n)
	}
	if code, _, errs := sitrep(t, "export", examplesOut, "-f", "stix", "-o", dir, "--tlp", "purple"); code != exitUsage || !strings.Contains(errs, "unknown TLP level") {
		t.Errorf("--tlp purple: exit %d, %q; want a usage error (2)", code, errs)
	}
}

func TestExportOpenSearchAndCoNLL(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "os")
	if code, _, errs := sitrep(t, "export", examplesOut, "-f", "opensearch", "-o", dir); code != 0 {
		t.Fatal(errs)
	}
	f, err := os.Open(filepath.Join(dir, export.BulkFile))
	must(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	lines, ids := 0, map[string]bool{}
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v", lines+1, err)
		}
		if lines%2 == 0 {
			act, _ := m["index"].(map[string]any)
			id, _ := act["_id"].(string)
			ids[id] = true
		}
		lines++
	}
	if lines != 14 || len(ids) != 7 {
		t.Errorf("bulk: %d lines, %d distinct ids; want 14 and 7", lines, len(ids))
	}
	var tmpl map[string]any
	b, err := os.ReadFile(filepath.Join(dir, export.TemplateFile))
	must(t, err)
	if err := json.Unmarshal(b, &tmpl); err != nil || tmpl["index_patterns"] == nil {
		t.Errorf("template: %v %s", err, b)
	}

	code, out, errs := sitrep(t, "export", examplesOut, "-f", "conll")
	if code != 0 {
		t.Fatal(errs)
	}
	docs := exampleRecords(t)
	tokens, ents := 0, 0
	for _, d := range docs {
		for _, s := range d.Sentences {
			tokens += s.TokenEnd - s.TokenStart
		}
		ents += len(d.Entities)
	}
	lines2 := strings.Split(strings.TrimSpace(out), "\n")
	starts, toks, begins := 0, 0, 0
	for _, l := range lines2 {
		switch {
		case strings.HasPrefix(l, "-DOCSTART-"):
			starts++
		case l != "":
			toks++
			if fs := strings.Fields(l); len(fs) != 4 {
				t.Fatalf("CoNLL line %q has %d columns", l, len(fs))
			} else if strings.HasPrefix(fs[3], "B-") {
				begins++
			}
		}
	}
	if starts != 7 || toks != tokens || begins > ents || begins < ents*9/10 {
		t.Errorf("CoNLL: %d documents, %d tokens (records %d), %d entity starts (records %d)", starts, toks, tokens, begins, ents)
	}
	if code, _, _ := sitrep(t, "export", examplesOut, "-f", "xml"); code != exitUsage {
		t.Errorf("unknown format: exit %d, want %d", code, exitUsage)
	}
	if code, _, errs := sitrep(t, "export", t.TempDir(), "-f", "csv"); code != exitFailure || !strings.Contains(errs, "no records") {
		t.Errorf("empty OUT: exit %d, %s", code, errs)
	}
}

func TestStatsCommand(t *testing.T) {
	code, out, errs := sitrep(t, "stats", examplesOut, "--entity", "ISKP")
	if code != 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{"Reports: 7", "Reports by month", "Top entities per label", "GROUP", `Judgments about "ISKP" over time`} {
		if !strings.Contains(out, want) {
			t.Errorf("stats text lacks %q:\n%s", want, out)
		}
	}
	html := filepath.Join(t.TempDir(), "stats.html")
	// TA505: the ISKP example is undated, and a track is over time.
	code, out, errs = sitrep(t, "stats", examplesOut, "--json", "--entity", "TA505", "--html", html)
	if code != 0 {
		t.Fatal(errs)
	}
	var s struct {
		Reports int `json:"reports"`
		Track   struct {
			Matched []string `json:"matched"`
			Points  []struct {
				Judged int      `json:"judged"`
				Mean   *float64 `json:"mean_probability"`
			} `json:"points"`
		} `json:"track"`
	}
	must(t, json.Unmarshal([]byte(out), &s))
	judged := 0
	for _, p := range s.Track.Points {
		judged += p.Judged
	}
	if s.Reports != 7 || len(s.Track.Matched) == 0 || judged == 0 {
		t.Errorf("stats json: %d reports, matched %v, %d judged sentences", s.Reports, s.Track.Matched, judged)
	}
	page, err := os.ReadFile(html)
	must(t, err)
	// Self-contained: charts inline; nothing loaded from anywhere (URLs in
	// report text are text, never src or href).
	if bytes.Count(page, []byte(`<svg xmlns=`)) != 5 || bytes.Contains(page, []byte("src=")) ||
		bytes.Contains(page, []byte(`href="http`)) || bytes.Contains(page, []byte("<script")) || bytes.Contains(page, []byte("<link")) {
		t.Errorf("stats page is not self-contained or lacks its 5 charts (months, months talked about, judgments, probability, sites)")
	}
	if code, _, _ := sitrep(t, "stats", examplesOut, "--top", "0"); code != exitUsage {
		t.Errorf("--top 0: exit %d", code)
	}
}
