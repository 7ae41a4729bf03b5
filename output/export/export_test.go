package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"github.com/google/go-cmp/cmp"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/sitrep/sitrep/internal/stixschema"
	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

func f64(v float64) *float64 { return &v }

// sampleDoc is a small record with one entity of most labels, one indicator
// of each type, judgments and a takeaway.
func sampleDoc(id string) pipeline.Document {
	text := "ISKP will likely attack Kabul. APT28 used Mimikatz and X-Agent against the energy sector, CVE-2021-44228 and T1059.001. " +
		"We assess with moderate confidence that John Smith, \"Acme\" Corp may respond. " +
		"IOCs: 1.2.3.4 evil.example.com hxxp://bad.example/x a@b.example 2001:db8::1 " +
		"d41d8cd98f00b204e9800998ecf8427e da39a3ee5e6b4b0d3255bfef95601890afd80709 " +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 on 12 March 2024 with the Afghans."
	d := pipeline.Document{ID: id, Title: "Sample " + id, Source: pipeline.Source{Path: id, Format: "txt", Bytes: int64(len(text))},
		Published: "2024-03-12", PublishedBy: "text", Site: "example.org", Text: text}
	// Tokens: split on spaces, trailing punctuation separate.
	start := -1
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' {
			if start >= 0 {
				end := i
				for end > start+1 && strings.ContainsRune(".,", rune(text[end-1])) {
					end--
				}
				d.Tokens = append(d.Tokens, pipeline.Token{Start: start, End: end})
				if end < i {
					d.Tokens = append(d.Tokens, pipeline.Token{Start: end, End: i})
				}
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	s1 := strings.Index(text, "APT28")
	s2 := strings.Index(text, "We assess")
	s3 := strings.Index(text, "IOCs")
	tokAt := func(off int) int {
		for i, t := range d.Tokens {
			if t.Start >= off {
				return i
			}
		}
		return len(d.Tokens)
	}
	for _, b := range [][2]int{{0, s1 - 1}, {s1, s2 - 1}, {s2, s3 - 1}, {s3, len(text)}} {
		d.Sentences = append(d.Sentences, pipeline.Sentence{Start: b[0], End: b[1], TokenStart: tokAt(b[0]), TokenEnd: tokAt(b[1] + 1)})
	}
	d.Sentences[0].Judgment = "likely"
	ent := func(s, label, id, name, kind, typ, value string) {
		i := strings.Index(text, s)
		d.Entities = append(d.Entities, pipeline.Entity{Start: i, End: i + len(s), Text: s, Label: label, ID: id, Name: name,
			Kind: kind, Type: typ, Value: value, Source: "test"})
	}
	ent("ISKP", "GROUP", "misp:iskp", "Islamic State Khorasan Province", "terrorist_group", "", "")
	ent("Kabul", "GPE", "geonames:1138958", "Kabul", "PPLC", "", "")
	d.Entities[len(d.Entities)-1].Geo = &pipeline.Geo{ID: "geonames:1138958", Lat: 34.52813, Lon: 69.17233, Feature: "PPLC", Country: "AF",
		Admin1: &pipeline.AdminRef{ID: "geonames:1138957", Name: "Kabul"}, Score: 1, Candidates: 3}
	ent("APT28", "GROUP", "attack:G0007", "APT28", "intrusion_set", "", "")
	ent("Mimikatz", "TOOL", "attack:S0002", "Mimikatz", "tool", "", "")
	ent("X-Agent", "MALWARE", "", "", "", "", "")
	ent("energy", "SECTOR", "sector:energy", "Energy", "sector", "", "")
	ent("CVE-2021-44228", "VULNERABILITY", "", "", "", "", "")
	ent("T1059.001", "TECHNIQUE", "attack:T1059.001", "PowerShell", "subtechnique", "", "")
	ent("John Smith", "PERSON", "", "", "", "", "")
	ent("\"Acme\" Corp", "ORG", "", "", "", "", "")
	ent("1.2.3.4", "INDICATOR", "", "", "", "ipv4", "1.2.3.4")
	ent("evil.example.com", "INDICATOR", "", "", "", "domain", "evil.example.com")
	ent("hxxp://bad.example/x", "INDICATOR", "", "", "", "url", "http://bad.example/x")
	ent("a@b.example", "INDICATOR", "", "", "", "email", "a@b.example")
	ent("2001:db8::1", "INDICATOR", "", "", "", "ipv6", "2001:db8::1")
	ent("d41d8cd98f00b204e9800998ecf8427e", "INDICATOR", "", "", "", "md5", "d41d8cd98f00b204e9800998ecf8427e")
	ent("da39a3ee5e6b4b0d3255bfef95601890afd80709", "INDICATOR", "", "", "", "sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709")
	ent("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "INDICATOR", "", "", "", "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
	ent("12 March 2024", "DATE", "", "", "", "", "2024-03-12")
	value := "2024-03-12"
	i := strings.Index(text, "12 March 2024")
	d.Timexes = []pipeline.Timex{{Start: i, End: i + len("12 March 2024"), Text: "12 March 2024", Type: "DATE", Value: &value}}
	ent("Afghans", "NORP", "geonames:1149361", "Afghan", "demonym", "", "")
	d.SortAnnotations()
	est := func(s, kind, cat string, sent int, lo, hi *float64) {
		i := strings.Index(text, s)
		d.Estimative = append(d.Estimative, pipeline.Estimate{Start: i, End: i + len(s), Text: s, Kind: kind, Category: cat,
			Low: lo, High: hi, Sentence: sent, Scale: "icd203"})
	}
	est("likely", "likelihood", "likely", 0, f64(0.55), f64(0.80))
	est("moderate confidence", "confidence", "moderate", 2, nil, nil)
	est("may", "hedge", "possible", 2, nil, nil)
	d.Judgments = &pipeline.Likelihood{Judgments: 1, Hedges: 1, Mean: f64(0.675), Category: "likely", Counts: map[string]int{"likely": 1}}
	d.Takeaways = []pipeline.Takeaway{{Start: 0, End: s1 - 1, Text: text[:s1-1], Heading: "Key Takeaways", Entities: []int{0, 1},
		Estimative: []int{0}, Likelihood: &pipeline.Likelihood{Judgments: 1, Mean: f64(0.675), Category: "likely"}}}
	d.Normalize()
	return d
}

// writeOut writes records as an OUT folder's annotations.jsonl.
func writeOut(t *testing.T, docs ...pipeline.Document) string {
	t.Helper()
	dir := t.TempDir()
	var b bytes.Buffer
	for _, d := range docs {
		if errs := pipeline.Check(&d); len(errs) > 0 {
			t.Fatalf("fixture %s breaks the invariants: %v", d.ID, errs)
		}
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	if err := os.WriteFile(filepath.Join(dir, output.JSONLName), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./output/export -update to accept):\n%s", name, got)
	}
}

func TestCSV(t *testing.T) {
	a, b := sampleDoc("a.txt"), sampleDoc("dir/b.txt")
	out := writeOut(t, a, b)
	dir := t.TempDir()
	n, err := CSV(out, dir)
	if err != nil || n != 2 {
		t.Fatalf("CSV = %d, %v", n, err)
	}
	pairs := func(d *pipeline.Document) (judged, taken int) {
		for _, e := range d.Estimative {
			for _, m := range d.Entities {
				if d.SentenceAt(m.Start) == e.Sentence {
					judged++
				}
			}
		}
		for _, tk := range d.Takeaways {
			taken += len(tk.Entities)
		}
		return judged, taken
	}
	judged, taken := pairs(&a)
	want := map[string]int{"reports.csv": 2, "mentions.csv": 2 * len(a.Entities),
		"judgments.csv": 2 * len(a.Estimative), "takeaways.csv": 2 * len(a.Takeaways), "timexes.csv": 2 * len(a.Timexes),
		"judgment_entities.csv": 2 * judged, "takeaway_entities.csv": 2 * taken}
	headers := map[string][]string{"reports.csv": ReportColumns, "mentions.csv": MentionColumns,
		"judgments.csv": JudgmentColumns, "takeaways.csv": TakeawayColumns, "timexes.csv": TimexColumns,
		"judgment_entities.csv": JudgmentEntityColumns, "takeaway_entities.csv": TakeawayEntityColumns}
	for _, name := range CSVFiles {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll() // also checks every row has the header's width
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !slices.Equal(rows[0], headers[name]) {
			t.Errorf("%s header = %v", name, rows[0])
		}
		if len(rows)-1 != want[name] {
			t.Errorf("%s: %d rows, want %d", name, len(rows)-1, want[name])
		}
		golden(t, filepath.Join("csv", name), raw)
	}
}

// TestCSVCharOffsets: char_start and char_end count code points, so a
// Python or pandas slice of the text gives each mention, where the byte
// offsets (start, end) would not past the first non-ASCII character.
func TestCSVCharOffsets(t *testing.T) {
	text := "Zaporizhzhia: «Київ» and Dnipró; ISKP 🚩 struck Kabul."
	d := &pipeline.Document{ID: "u.txt", Title: "u", Text: text, Source: pipeline.Source{Path: "u.txt", Format: "txt", SHA256: strings.Repeat("a", 64), Bytes: int64(len(text))}}
	for _, w := range []string{"Київ", "Dnipró", "ISKP", "Kabul"} {
		i := strings.Index(text, w)
		d.Entities = append(d.Entities, pipeline.Entity{Start: i, End: i + len(w), Text: w, Label: "GPE"})
	}
	d.Sentences = []pipeline.Sentence{{Start: 0, End: len(text)}}
	d.Normalize()
	dir := t.TempDir()
	if _, err := CSV(writeOut(t, *d), dir); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "mentions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	runes := []rune(text) // what Python's str is
	for _, r := range rows[1:] {
		cs, _ := strconv.Atoi(r[col("char_start")])
		ce, _ := strconv.Atoi(r[col("char_end")])
		if got := string(runes[cs:ce]); got != r[col("text")] {
			t.Errorf("text[%d:%d] = %q, want %q", cs, ce, got, r[col("text")])
		}
	}
}

func TestSTIXBundlesAreValid(t *testing.T) {
	v, err := stixschema.Compile(filepath.Join("testdata", "stix2.1", "schemas"))
	if err != nil {
		t.Fatal(err)
	}
	// The validator is live: the OASIS example passes, a broken bundle fails.
	if err := v.ValidateFile(filepath.Join("testdata", "stix2.1", "example-poisonivy.json")); err != nil {
		t.Fatalf("official example rejected: %v", err)
	}
	const head = `"spec_version":"2.1","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z"`
	for name, obj := range map[string]string{
		"malware without is_family": `{"type":"malware","id":"malware--6b5e6a43-6f4b-4b5c-9b65-1f0e2b1e8a11",` + head + `,"name":"x"}`,
		"location without a place":  `{"type":"location","id":"location--6b5e6a43-6f4b-4b5c-9b65-1f0e2b1e8a11",` + head + `,"name":"x"}`,
		"note without content":      `{"type":"note","id":"note--6b5e6a43-6f4b-4b5c-9b65-1f0e2b1e8a11",` + head + `,"object_refs":["report--6b5e6a43-6f4b-4b5c-9b65-1f0e2b1e8a11"]}`,
		"report with bad time":      `{"type":"report","id":"report--6b5e6a43-6f4b-4b5c-9b65-1f0e2b1e8a11","spec_version":"2.1","created":"2020-01-01","modified":"2020-01-01T00:00:00.000Z","name":"r","published":"2020-01-01T00:00:00.000Z","object_refs":["note--6b5e6a43-6f4b-4b5c-9b65-1f0e2b1e8a11"]}`,
		"custom property too short": `{"type":"tool","id":"tool--6b5e6a43-6f4b-4b5c-9b65-1f0e2b1e8a11",` + head + `,"name":"x","xy":1}`,
	} {
		bundle := `{"type":"bundle","id":"bundle--6b5e6a43-6f4b-4b5c-9b65-1f0e2b1e8a11","objects":[` + obj + `]}`
		if err := v.Validate([]byte(bundle)); err == nil {
			t.Errorf("%s: passed validation", name)
		}
	}

	empty := pipeline.Document{ID: "empty.txt", Text: "Nothing here.", Source: pipeline.Source{Path: "empty.txt", Format: "txt"}}
	empty.Normalize()
	out := writeOut(t, sampleDoc("a.txt"), sampleDoc("dir/b.txt"), empty)
	for _, one := range []bool{false, true} {
		dir := t.TempDir()
		if n, err := STIX(out, dir, one, STIXOptions{}); err != nil || n != 3 {
			t.Fatalf("STIX(one=%v) = %d, %v", one, n, err)
		}
		files := 0
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files++
				if err := v.ValidateFile(p); err != nil {
					t.Error(err)
				}
			}
			return nil
		})
		if want := map[bool]int{false: 3, true: 1}[one]; files != want {
			t.Errorf("one=%v: %d files, want %d", one, files, want)
		}
	}
}

func TestSTIXObjects(t *testing.T) {
	x, err := NewSTIXExporter()
	if err != nil {
		t.Fatal(err)
	}
	a, b := sampleDoc("a.txt"), sampleDoc("b.txt")
	oa, ob := x.Objects(&a), x.Objects(&b)
	byType := func(objs []Object) map[string][]Object {
		m := map[string][]Object{}
		for _, o := range objs {
			m[o["type"].(string)] = append(m[o["type"].(string)], o)
		}
		return m
	}
	ta, tb := byType(oa), byType(ob)
	want := map[string]int{"report": 1, "intrusion-set": 1, "threat-actor": 1, "malware": 1, "tool": 1, "attack-pattern": 1,
		"vulnerability": 1, "identity": 4, "location": 1, "indicator": 8, "note": 2}
	for typ, n := range want {
		if len(ta[typ]) != n {
			t.Errorf("%d %s objects, want %d", len(ta[typ]), typ, n)
		}
	}
	// Knowledge objects have the same id in both reports; reports differ.
	ids := func(m map[string][]Object, typ string) []string {
		var out []string
		for _, o := range m[typ] {
			out = append(out, o["id"].(string))
		}
		return out
	}
	for _, typ := range []string{"intrusion-set", "malware", "location", "indicator"} {
		if !slices.Equal(ids(ta, typ), ids(tb, typ)) {
			t.Errorf("%s ids differ between reports", typ)
		}
	}
	if ids(ta, "report")[0] == ids(tb, "report")[0] {
		t.Error("two reports share an id")
	}
	loc := ta["location"][0]
	if loc["country"] != "AF" || loc["latitude"] == nil {
		t.Errorf("Kabul location = %v", loc)
	}
	patterns := map[string]bool{}
	for _, o := range ta["indicator"] {
		patterns[o["pattern"].(string)] = true
	}
	for _, p := range []string{"[ipv4-addr:value = '1.2.3.4']", "[url:value = 'http://bad.example/x']",
		"[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']", "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"} {
		if !patterns[p] {
			t.Errorf("missing pattern %s in %v", p, patterns)
		}
	}
	note := ta["note"][0]
	if note["x_sitrep_category"] != "likely" || note["abstract"] != "likely" || len(note["object_refs"].([]string)) != 3 {
		t.Errorf("likelihood note = %v", note)
	}
	// Deterministic: the same record gives the same bytes.
	j1, _ := json.Marshal(x.Bundle(&a))
	a2 := sampleDoc("a.txt")
	j2, _ := json.Marshal(x.Bundle(&a2))
	if !bytes.Equal(j1, j2) {
		t.Error("two exports of one record differ")
	}
}

func TestSTIXPatternEscapes(t *testing.T) {
	for _, tt := range []struct{ typ, value, want string }{
		{"url", `http://x/a'b\c`, `[url:value = 'http://x/a\'b\\c']`},
		{"domain", "a.example", "[domain-name:value = 'a.example']"},
		{"sha1", "ab", "[file:hashes.'SHA-1' = 'ab']"},
		{"unknown", "x", ""},
		{"ipv4", "", ""},
	} {
		if got := stixPattern(tt.typ, tt.value); got != tt.want {
			t.Errorf("stixPattern(%s, %q) = %q, want %q", tt.typ, tt.value, got, tt.want)
		}
	}
}

func TestOpenSearch(t *testing.T) {
	out := writeOut(t, sampleDoc("a.txt"), sampleDoc("b.txt"))
	dir := t.TempDir()
	if n, err := OpenSearch(out, dir, "sitrep"); err != nil || n != 2 {
		t.Fatalf("OpenSearch = %d, %v", n, err)
	}
	f, err := os.Open(filepath.Join(dir, BulkFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var lines []map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v", len(lines)+1, err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4 (2 action + source pairs)", len(lines))
	}
	for i := 0; i < len(lines); i += 2 {
		act, ok := lines[i]["index"].(map[string]any)
		if !ok || act["_index"] != "sitrep" || act["_id"] != []string{"a.txt", "b.txt"}[i/2] {
			t.Errorf("action line %d = %v", i+1, lines[i])
		}
		if lines[i+1]["path"] != act["_id"] || lines[i+1]["text"] == nil {
			t.Errorf("source line %d = %v", i+2, lines[i+1])
		}
	}
	// The template maps every field of the index document, and the Bleve
	// mapping has the same fields: the two cannot drift apart.
	props := OpenSearchTemplate("sitrep")["template"].(Object)["mappings"].(Object)["properties"].(Object)
	var tmpl []string
	for k := range props {
		tmpl = append(tmpl, k)
	}
	var docFields []string
	rt := reflect.TypeOf(index.IndexDoc{})
	for i := 0; i < rt.NumField(); i++ {
		docFields = append(docFields, strings.Split(rt.Field(i).Tag.Get("json"), ",")[0])
	}
	docFields = append(docFields, index.FieldEntityExact, index.FieldSiteExact)
	m, err := index.NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	bleveFields := []string{"type"}
	for name, dm := range m.(*mapping.IndexMappingImpl).DefaultMapping.Properties {
		if len(dm.Properties) > 0 { // label_name.GROUP...: one object in the template
			bleveFields = append(bleveFields, name)
		}
		for _, f := range dm.Fields {
			if f.Name != "" {
				name = f.Name
			}
			bleveFields = append(bleveFields, name)
		}
	}
	slices.Sort(tmpl)
	slices.Sort(docFields)
	bleveFields = slices.Compact(slices.Sorted(slices.Values(bleveFields)))
	if !slices.Equal(tmpl, docFields) || !slices.Equal(tmpl, bleveFields) {
		t.Errorf("template fields %v\nindex document fields %v\nbleve fields %v", tmpl, docFields, bleveFields)
	}
}

func TestTokenLabels(t *testing.T) {
	d := sampleDoc("a.txt")
	labels := TokenLabels(&d)
	got := map[string]string{}
	for i, tk := range d.Tokens {
		got[d.Text[tk.Start:tk.End]] = labels[i]
	}
	for word, want := range map[string]string{"ISKP": "B-GROUP", "will": "O", "John": "B-PERSON", "Smith": "I-PERSON",
		"12": "B-DATE", "March": "I-DATE", "2024": "I-DATE", "Kabul": "B-GPE", "\"Acme\"": "B-ORG", "Corp": "I-ORG"} {
		if got[word] != want {
			t.Errorf("%s: %s, want %s", word, got[word], want)
		}
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	WriteCoNLL(w, &d)
	w.Flush()
	golden(t, "sample.conll", b.Bytes())
}

func TestDecodeNamesTheBadRecord(t *testing.T) {
	in := strings.NewReader("{\"id\":\"a\"}\n{\"id\":\n")
	err := output.Decode("annotations.jsonl", in, func(*pipeline.Document) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "annotations.jsonl: record 2") {
		t.Fatalf("err = %v", err)
	}
}

func TestSTIXMarkingWarningsReferences(t *testing.T) {
	d := sampleDoc("a.txt")
	for i, e := range d.Entities {
		if e.Type == "md5" {
			d.Entities[i].Warning = "empty-hashes"
		}
	}
	d.References = []pipeline.Reference{{Start: 0, End: 4, URL: "https://www.reuters.com/world/x", Domain: "www.reuters.com"},
		{Start: 5, End: 9, URL: "tass.ru", Domain: "tass.ru"}}
	d.Links = []pipeline.Link{{Start: 0, End: 4, URL: "https://www.reuters.com/world/x"}, {Start: 5, End: 9, URL: "https://ISW.example/a"},
		{Start: 10, End: 12, URL: "mailto:x@y.example"}}
	for _, tt := range []struct {
		tlp      string
		warned   bool
		marking  string
		emptyMD5 bool
	}{
		{"", false, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", false},
		{"TLP:AMBER", true, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", true},
	} {
		x, err := NewSTIXExporter()
		if err != nil {
			t.Fatal(err)
		}
		x.TLP, x.IncludeWarned = tt.tlp, tt.warned
		objs := x.Objects(&d)
		if objs[0]["type"] != "marking-definition" || objs[0]["id"] != tt.marking {
			t.Fatalf("tlp %q: first object %v, want the marking %s", tt.tlp, objs[0], tt.marking)
		}
		emptyMD5 := false
		for _, o := range objs[1:] {
			if refs, _ := o["object_marking_refs"].([]string); !slices.Equal(refs, []string{tt.marking}) {
				t.Errorf("tlp %q: %s %s has markings %v", tt.tlp, o["type"], o["id"], o["object_marking_refs"])
			}
			if o["type"] == "indicator" && strings.Contains(o["pattern"].(string), "d41d8cd98f00b204e9800998ecf8427e") {
				emptyMD5 = true
			}
			switch o["type"] {
			case "report":
				refs := o["external_references"].([]Object)
				want := []Object{{"source_name": "sitrep", "external_id": "a.txt"},
					{"source_name": "www.reuters.com", "url": "https://www.reuters.com/world/x"},
					{"source_name": "tass.ru", "description": "tass.ru"},
					{"source_name": "isw.example", "url": "https://ISW.example/a"}}
				if diff := cmp.Diff(want, refs); diff != "" {
					t.Errorf("report external_references (-want +got):\n%s", diff)
				}
			case "note":
				want := map[string]int{"likely": 68, "moderate confidence": 50}[o["abstract"].(string)]
				if got, _ := o["confidence"].(int); got != want {
					t.Errorf("note %q: confidence %v, want %d", o["abstract"], o["confidence"], want)
				}
			}
		}
		if emptyMD5 != tt.emptyMD5 {
			t.Errorf("include-warned=%v: empty-file MD5 exported = %v", tt.warned, emptyMD5)
		}
	}
	if _, err := ParseTLP("purple"); err == nil {
		t.Error("ParseTLP accepted purple")
	}
}

// TestGeoJSON: a Point Feature per resolved place per report, [lon, lat]
// as RFC 7946 orders them.
func TestGeoJSON(t *testing.T) {
	a, b := sampleDoc("a.txt"), sampleDoc("dir/b.txt")
	out := writeOut(t, a, b)
	dir := t.TempDir()
	n, err := GeoJSON(out, dir)
	if err != nil || n != 2 {
		t.Fatalf("GeoJSON = %d, %v", n, err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, GeoJSONFile))
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, raw)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("%s with %d features, want a FeatureCollection of 2", fc.Type, len(fc.Features))
	}
	f := fc.Features[0]
	if f.Geometry.Type != "Point" || f.Geometry.Coordinates[0] != 69.17233 || f.Geometry.Coordinates[1] != 34.52813 ||
		f.Properties["report"] != "a.txt" || f.Properties["place"] != "geonames:1138958" || f.Properties["mentions"] != float64(1) ||
		f.Properties["admin1"] != "Kabul" {
		t.Errorf("feature = %+v", f)
	}
	golden(t, "places.geojson", raw)
}
