package search

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/output/internal/outtest"
	"github.com/sitrep/sitrep/pipeline"
)

// TestSyntaxErrors: what the parser cannot read is an ErrBadQuery whose
// column points at the spot, and whose message says why.
func TestSyntaxErrors(t *testing.T) {
	tt := []struct {
		q    string
		col  int
		says string
	}{
		{`Kherson AND`, 12, "AND needs a term after it"},
		{`AND Kherson`, 1, "AND needs a term before it"},
		{`Kherson OR OR Izyum`, 12, "OR needs a term before it"},
		{`(Kherson OR Izyum`, 1, `"(" without its ")"`},
		{`Kherson)`, 8, `")" without its "("`},
		{`entiy:ISKP`, 1, "did you mean entity?"},
		{`bogus:x`, 1, "unknown field"},
		{`entity:"Haqqani`, 8, "quote not closed"},
		{`text:/[a/`, 1, "regexp"},
		{`published:>=2022-13-01`, 1, "not a date"},
		{`published:[2022-06-01 TO]`, 11, "a range is [a TO b]"},
		{`published:[2022-06-01 TO 2022-06-30`, 11, "range not closed"},
		{`published:[2022-07-01 TO 2022-06-01]`, 1, "ends before it starts"},
		{`when:[* TO *]`, 1, "at least one bound"},
		{`when:{0001 TO 0002]`, 1, "dates run from 1678 to 2261"}, // Bleve's range; found by the fuzzer
		{`near:[1 TO 2]`, 1, "near: takes one value"},
		{`near:"48.5,37.9"`, 1, "near: three values"},
		{`Kherson near:"95,37.9,5km"`, 9, `latitude "95" is not a number from -90 to 90`},
		{`near:"48.5,37.9,5xx"`, 1, `unit "xx"`},
		{`near:"48.5,37.9,-5km"`, 1, `distance "-5km"`},
		{`bbox:"53,22,44,41"`, 1, "south must not lie north of north"},
		{`bbox:"44,22,53"`, 1, "bbox: four values"},
		{`bbox:"44,x,53,41"`, 1, `west "x" is not a number`},
		{`published:>=9999-01-01`, 1, "dates run from"},
		{`probability:>=high`, 1, "not a number"},
		{`text:[a TO b]`, 1, "ranges work on dates"},
		{`Kherzon~3`, 8, "edit distance"},
		{`Kherson^0`, 8, "boost"},
		{`entity:`, 8, "needs a value"},
		{`+ Kherson`, 1, `"+" needs a term right after it`},
		{`Kherson NOT`, 9, "NOT needs a term after it"},
		{`the of and`, 1, "only words the index leaves out"},
		{`Жахливий AND`, 13, "AND needs a term after it"}, // columns count characters, not bytes
	}
	for _, tc := range tt {
		_, err := Compile(tc.q)
		var se *SyntaxError
		if !errors.As(err, &se) || !errors.Is(err, ErrBadQuery) {
			t.Errorf("%q: error %v, want a SyntaxError", tc.q, err)
			continue
		}
		if se.Column() != tc.col || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%q: column %d, %q; want column %d and %q", tc.q, se.Column(), err, tc.col, tc.says)
		}
		lines := strings.Split(err.Error(), "\n")
		if caret := lines[len(lines)-1]; len(caret) != 2+tc.col || !strings.HasSuffix(caret, "^") {
			t.Errorf("%q: caret line %q does not point at column %d", tc.q, caret, tc.col)
		}
	}
}

// TestCompileNeedlesLabels: the keyword values a query asks for (not under
// NOT) become snippet needles, normalised as indexed; labels every hit must
// have come from required label clauses only.
func TestCompileNeedlesLabels(t *testing.T) {
	tt := []struct {
		q       string
		needles []Needle
		labels  []string
	}{
		{`label:group`, []Needle{{index.FieldLabel, "GROUP"}}, []string{"GROUP"}},
		{`+label:GROUP +entity:"Haqqani Network" -category:likely`, []Needle{{index.FieldLabel, "GROUP"}, {index.FieldEntity, "haqqani network"}}, []string{"GROUP"}},
		{`label:GROUP OR label:PERSON`, []Needle{{index.FieldLabel, "GROUP"}, {index.FieldLabel, "PERSON"}}, nil},
		{`NOT label:GROUP`, nil, nil},
		{`admin1:"Donetsk Oblast" Kherson`, []Needle{{index.FieldAdmin1, "donetsk"}}, nil},
		{`(label:GPE AND Kherson) OR Izyum`, []Needle{{index.FieldLabel, "GPE"}}, nil},
	}
	for _, tc := range tt {
		c, err := Compile(tc.q)
		if err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		if !slices.Equal(c.Needles, tc.needles) || !slices.Equal(c.Labels, tc.labels) {
			t.Errorf("%q: needles %v labels %v; want %v and %v", tc.q, c.Needles, c.Labels, tc.needles, tc.labels)
		}
	}
}

// TestLanguage runs the operators over a small index: precedence, NOT on
// its own, phrases, fuzzy and wildcard terms, case, stop words.
func TestLanguage(t *testing.T) {
	dir := t.TempDir()
	doc := func(id, text string) *pipeline.Document { return outtest.Doc(id, text) }
	outtest.WriteRun(t, dir,
		doc("a.txt", "ISKP will possibly strike Kabul and Jalalabad this winter."),
		doc("b.txt", "ISKP may possibly hit Kherson City while Russian forces withdraw."),
		doc("c.txt", "ISKP could possibly attack Izyum; Kherson stays quiet for now."))
	tt := []struct {
		q    string
		want []string
	}{
		{`Kherson Izyum`, []string{"c.txt"}},                   // bare words: all of them
		{`Kabul OR Kherson Izyum`, []string{"a.txt", "c.txt"}}, // AND before OR
		{`(Kabul OR Kherson) Izyum`, []string{"c.txt"}},
		{`NOT Kherson`, []string{"a.txt"}},
		{`-Kherson`, []string{"a.txt"}},
		{`iskp !(Kabul || Izyum)`, []string{"b.txt"}},
		{`"Kherson City"`, []string{"b.txt"}},
		{`"City Kherson"`, nil},
		{`Kabol~1`, []string{"a.txt"}},
		{`Jalal*`, []string{"a.txt"}},
		{`Kh??son`, []string{"b.txt", "c.txt"}},
		{`*abad`, []string{"a.txt"}},
		{`Izy?m.`, nil},                                 // a dot is itself, not any letter
		{`KHERSON AND the`, []string{"b.txt", "c.txt"}}, // case; "the" asks for nothing
		{`title:"T b.txt"`, []string{"b.txt"}},
		{`entity:iskp AND label:group`, []string{"a.txt", "b.txt", "c.txt"}},
		{`Kherson^2 OR Kabul`, []string{"a.txt", "b.txt", "c.txt"}},
	}
	for _, tc := range tt {
		if got := hits(t, dir, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: hits %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestKeywordSnippetsFacetsCopies: a hit found through an entity, a label or
// a judgment category shows the sentence that holds it; with one label
// required, the entity facets count that label's entities only; a copy is
// listed under the report it repeats, or is a hit of its own with Copies.
func TestKeywordSnippetsFacetsCopies(t *testing.T) {
	dir := t.TempDir()
	text := "Kabul was quiet. ISKP will possibly strike Kabul. The Taliban denied it."
	d := outtest.Doc("a.txt", text)
	d.Entities = []pipeline.Entity{
		{Start: 0, End: 5, Text: "Kabul", Label: "GPE", ID: "geonames:1138958", Name: "Kabul"},
		{Start: 17, End: 21, Text: "ISKP", Label: "GROUP", ID: "ca-listed:37", Name: "Islamic State Khorasan Province"},
		{Start: 54, End: 61, Text: "Taliban", Label: "GROUP", ID: "ca-listed:53", Name: "Taliban"},
	}
	d.Estimative = []pipeline.Estimate{{Start: 27, End: 35, Text: "possibly", Kind: "hedge", Category: "possible"}}
	d.Sentences = []pipeline.Sentence{{Start: 0, End: 16}, {Start: 17, End: 49}, {Start: 50, End: len(text)}}
	d.Normalize()
	copied := outtest.Doc("b.txt", strings.ToUpper(text))
	outtest.WriteRun(t, dir, d, copied)

	res, err := Search(context.Background(), dir, Options{Query: `entity:taliban`, Facets: []string{index.FieldEntityName}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits[0].Fragments["entity"]) != 1 || res.Hits[0].Fragments["entity"][0] != "The <mark>Taliban</mark> denied it." {
		t.Fatalf("entity:taliban: %+v", res.Hits)
	}
	if !slices.Equal(res.Hits[0].Copies, []string{"b.txt"}) {
		t.Errorf("copies of a.txt: %v, want [b.txt]", res.Hits[0].Copies)
	}
	for q, want := range map[string]string{
		`category:possible`: "ISKP will <mark>possibly</mark> strike Kabul.",
		`label:GPE`:         "<mark>Kabul</mark> was quiet.",
	} {
		res, err := Search(context.Background(), dir, Options{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var frags []string
		for _, f := range res.Hits[0].Fragments {
			frags = append(frags, f...)
		}
		if !slices.Contains(frags, want) {
			t.Errorf("%s: fragments %v, want %q", q, frags, want)
		}
	}
	facet := func(q string, filters ...Filter) []string {
		res, err := Search(context.Background(), dir, Options{Query: q, Facets: []string{index.FieldEntityName, index.FieldEntity}, Filters: filters})
		if err != nil {
			t.Fatal(err)
		}
		var terms []string
		for _, name := range []string{index.FieldEntityName, index.FieldEntity} {
			for _, ft := range res.Facets[name] {
				terms = append(terms, name+"="+ft.Term)
			}
		}
		slices.Sort(terms)
		return terms
	}
	groups := []string{"entity=ISKP", "entity=Taliban", "entity_name=islamic state khorasan province", "entity_name=taliban"}
	if got := facet(`label:group`); !slices.Equal(got, groups) {
		t.Errorf("label:group facets %v, want %v", got, groups)
	}
	if got := facet(`*`, Filter{index.FieldLabel, "GROUP"}); !slices.Equal(got, groups) {
		t.Errorf("a GROUP facet click: facets %v, want %v", got, groups)
	}
	if got := facet(`Kabul`); len(got) != 6 {
		t.Errorf("Kabul: facets %v, want all three entities twice", got)
	}
	res, err = Search(context.Background(), dir, Options{Query: `Kabul`, Copies: true})
	if err != nil || res.Total != 2 {
		t.Errorf("with copies: %d hits, %v; want 2", res.Total, err)
	}
}

// TestReadTitleText: a record's title and text, read from the head of its
// file, are what encoding/json reads, wherever the reads cut the keys and
// values (the escapes are package jsonhead's, fuzzed there).
func TestReadTitleText(t *testing.T) {
	long := strings.Repeat("Ukrainian forces advanced \"near\" Kherson\\Izyum.\n", 2000) // past the first read
	for _, tc := range []struct{ title, text string }{
		{"T", "plain"},
		{`quotes " and \ and / and </script>`, "tab\tnew\nline\r\u0001 é ü 日本 😀 \u2028"},
		{"", ""},
		{long, long},
		{"a", "surrogates 😀😀 and a lone \xed\xa0\x80 byte"},
	} {
		rec := map[string]any{"id": "x", "title": tc.title, "meta": map[string]string{"text": "not this"}, "source": map[string]any{"path": "title"},
			"text": tc.text, "tokens": []int{1, 2, 3}}
		for _, indent := range []string{"", "  "} {
			var js []byte
			var err error
			if indent == "" {
				js, err = json.Marshal(rec)
			} else {
				js, err = json.MarshalIndent(rec, "", indent)
			}
			if err != nil {
				t.Fatal(err)
			}
			var want struct{ Title, Text string }
			must(t, json.Unmarshal(js, &want))
			var r io.Reader = bytes.NewReader(js)
			if len(js) < 4096 { // keys and values cut at every byte
				r = iotest.OneByteReader(r)
			}
			title, text, err := readTitleText(r)
			if err != nil || title != want.Title || text != want.Text {
				t.Errorf("title %.20q indent %q: %v; title equal %v, text equal %v", tc.title, indent, err, title == want.Title, text == want.Text)
			}
		}
	}
	if _, _, err := readTitleText(strings.NewReader(`{"id":"x","meta":{"text":"y"}}`)); err == nil {
		t.Error("a record without a top-level text was read")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// FuzzCompile: any query compiles or is a SyntaxError whose column lies
// within the query; never a panic.
func FuzzCompile(f *testing.F) {
	for _, q := range []string{`(Kherson OR Izyum) AND NOT label:PERSON`, `+\f`, `"a \"b\""~1^2`, `published:[2022-06 TO *]`,
		`text:/a[b/`, `!(-x)`, `when:>=2022`, `Жах AND`, `entity:"x" && (y || !z)`} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		c, err := Compile(q)
		if err == nil {
			if c.Query == nil {
				t.Fatalf("%q: no query and no error", q)
			}
			return
		}
		var se *SyntaxError
		if !errors.As(err, &se) || !errors.Is(err, ErrBadQuery) {
			t.Fatalf("%q: %v is not a SyntaxError", q, err)
		}
		if col := se.Column(); col < 1 || col > utf8.RuneCountInString(q)+1 {
			t.Fatalf("%q: column %d outside the query", q, col)
		}
	})
}
