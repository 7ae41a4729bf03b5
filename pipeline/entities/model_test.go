package entities

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

func TestParseCoNLL(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		docs     int
		text     string
		ents     []string // label:text
		err      bool
	}{
		{name: "space separated, two docs", in: "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP B-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nParis NNP B-NP B-LOC\n",
			docs: 2, text: "EU rejects German\nPeter Blackburn\n", ents: []string{"ORG:EU", "MISC:German", "PER:Peter Blackburn"}},
		{name: "tabs, AnnoCTR DOCSTART, IOB1-style I- start", in: "<DOCSTART>\tO\n\nThe\tO\nLazarus\tI-GROUP\nGroup\tI-GROUP\nstruck\tO\n",
			docs: 1, text: "The Lazarus Group struck\n", ents: []string{"GROUP:Lazarus Group"}},
		{name: "adjacent B tags are two entities", in: "A B-X\nB B-X\n", docs: 1, text: "A B\n", ents: []string{"X:A", "X:B"}},
		{name: "not IOB2", in: "word NNP\nword2 S-PER\n", err: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := parseCoNLL(strings.NewReader(tt.in))
			if tt.err {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil || len(docs) != tt.docs {
				t.Fatalf("%d docs, %v", len(docs), err)
			}
			last := docs[len(docs)-1]
			if tt.docs == 1 && last.Text != tt.text || tt.docs == 2 && docs[0].Text != tt.text {
				t.Errorf("text %q", docs[0].Text)
			}
			var got []string
			for _, e := range docs[0].Entities {
				got = append(got, e.Label+":"+docs[0].Text[e.Start:e.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.ents, "|") {
				t.Errorf("entities %v, want %v", got, tt.ents)
			}
		})
	}
}

// synthetic makes sentences from templates with names drawn from lists, so a
// model can be trained and tested on names it never saw.
func synthetic(rng *rand.Rand, n int, people, orgs, places []string) []TrainDoc {
	templates := []string{"{P} met {O} officials in {L} on Monday .", "Officials of {O} said {P} left {L} .",
		"In {L} , {P} joined {O} last year .", "{O} opened an office in {L} , according to {P} ."}
	var docs []TrainDoc
	for i := 0; i < n; i++ {
		var b strings.Builder
		var ents []pipeline.Entity
		tpl := templates[rng.IntN(len(templates))]
		for _, w := range strings.Fields(tpl) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			var name, label string
			switch w {
			case "{P}":
				name, label = people[rng.IntN(len(people))], "PER"
			case "{O}":
				name, label = orgs[rng.IntN(len(orgs))], "ORG"
			case "{L}":
				name, label = places[rng.IntN(len(places))], "LOC"
			default:
				b.WriteString(w)
				continue
			}
			ents = append(ents, pipeline.Entity{Start: b.Len(), End: b.Len() + len(name), Label: label, Text: name})
			b.WriteString(name)
		}
		text := b.String() + "\n"
		docs = append(docs, TrainDoc{ID: fmt.Sprint(i), Text: text, Sentences: []pipeline.Span{{Start: 0, End: len(text) - 1}}, Entities: ents})
	}
	return docs
}

func testStage(t *testing.T) *Stage {
	t.Helper()
	g, err := models.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return New(g)
}

// names invents n capitalised names of words words ending in suffix (no list holds them).
func names(rng *rand.Rand, n, words int, suffix string) []string {
	syl := []string{"zor", "vat", "qui", "lem", "dra", "nix", "tal", "brup", "kez", "mov", "sul", "yar"}
	var out []string
	for i := 0; i < n; i++ {
		var ws []string
		for w := 0; w < words; w++ {
			x := syl[rng.IntN(len(syl))] + syl[rng.IntN(len(syl))]
			ws = append(ws, strings.ToUpper(x[:1])+x[1:])
		}
		if suffix != "" {
			ws = append(ws, suffix)
		}
		out = append(out, strings.Join(ws, " "))
	}
	return out
}

func TestTrainLearnsUnseenNames(t *testing.T) {
	st := testStage(t)
	rng := rand.New(rand.NewPCG(1, 2))
	train := synthetic(rng, 600, names(rng, 60, 2, ""), names(rng, 60, 1, "Holdings"), names(rng, 60, 1, ""))
	test := synthetic(rng, 100, names(rng, 20, 2, ""), names(rng, 20, 1, "Holdings"), names(rng, 20, 1, ""))
	m, err := st.Train(train, nil, TrainOptions{Epochs: 5, Bits: 16})
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, tg := range m.Meta.Tags {
		idx[tg] = i
	}
	s := m.evaluate(st.examples(test, idx))
	if s.Micro.F1 < 0.9 {
		t.Errorf("F1 on unseen names %.3f (%+v)", s.Micro.F1, s.Labels)
	}
	// Save and load give the same predictions.
	dir := t.TempDir()
	if err := m.Save(dir); err != nil {
		t.Fatal(err)
	}
	m2, err := LoadModel(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s2 := m2.evaluate(st.examples(test, idx)); s2.Micro != s.Micro {
		t.Errorf("reloaded model scores %+v, trained %+v", s2.Micro, s.Micro)
	}
	// The stage uses it: PER maps to PERSON, with source "model".
	doc := &pipeline.Document{Text: "Brupzor Kezdra met Quilem Holdings officials in Movtal on Monday ."}
	doc.Sentences = []pipeline.Sentence{{Start: 0, End: len(doc.Text)}}
	if err := st.WithModel(m2).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range doc.Entities {
		got = append(got, e.Label+":"+e.Text+":"+e.Source)
	}
	if want := "PERSON:Brupzor Kezdra:model|ORG:Quilem Holdings:model|LOC:Movtal:model|DATE:Monday:pattern"; strings.Join(got, "|") != want {
		t.Errorf("entities %v, want %s", got, want)
	}
}

func TestPartialAnnotationIsNotPunished(t *testing.T) {
	st := testStage(t)
	rng := rand.New(rand.NewPCG(3, 4))
	full := synthetic(rng, 80, names(rng, 40, 2, ""), names(rng, 40, 1, "Holdings"), names(rng, 40, 1, ""))
	// The same kind of text annotated for places only: people and
	// organisations are left O there, which must not teach the model that
	// they are not names.
	partial := synthetic(rng, 800, names(rng, 80, 2, ""), names(rng, 80, 1, "Holdings"), names(rng, 80, 1, ""))
	for i := range partial {
		kept := partial[i].Entities[:0]
		for _, e := range partial[i].Entities {
			if e.Label == "LOC" {
				kept = append(kept, e)
			}
		}
		partial[i].Entities = kept
	}
	test := synthetic(rng, 100, names(rng, 20, 2, ""), names(rng, 20, 1, "Holdings"), names(rng, 20, 1, ""))
	score := func(only []string) float64 {
		for i := range partial {
			partial[i].Only = only
		}
		m, err := st.Train(append(append([]TrainDoc{}, full...), partial...), nil, TrainOptions{Epochs: 5, Bits: 16, Labels: []string{"LOC", "ORG", "PER"}})
		if err != nil {
			t.Fatal(err)
		}
		idx := map[string]int{}
		for i, tg := range m.Meta.Tags {
			idx[tg] = i
		}
		return m.evaluate(st.examples(test, idx)).Labels["PER"].R
	}
	naive, partialAware := score(nil), score([]string{"LOC"})
	if partialAware < 0.8 || partialAware <= naive+0.1 {
		t.Errorf("PER recall %.2f with the partial annotation declared, %.2f without", partialAware, naive)
	}
}

func TestMergeModes(t *testing.T) {
	st := testStage(t)
	st.model = &Model{Meta: ModelMeta{LabelMap: map[string]string{"ORG": "ORG", "LOC": "LOC"}}}
	e := func(s, en int, label, src string) pipeline.Entity {
		return pipeline.Entity{Start: s, End: en, Label: label, Source: src, ID: map[string]string{"gazetteer": "g:1"}[src]}
	}
	named := []pipeline.Entity{
		e(0, 5, "GPE", "gazetteer"),       // "Lazio": the model says ORG
		e(10, 15, "GPE", "gazetteer"),     // same span, compatible label: keeps its link
		e(20, 25, "GPE", "gazetteer"),     // the model sees nothing here
		e(30, 35, "MALWARE", "gazetteer"), // a kind the model does not know
	}
	model := []pipeline.Entity{e(0, 5, "ORG", "model"), e(10, 15, "LOC", "model"), e(40, 45, "ORG", "model")}
	str := func(es []pipeline.Entity) string {
		var out []string
		for _, x := range es {
			out = append(out, fmt.Sprintf("%d-%d:%s:%s", x.Start, x.End, x.Label, x.Source))
		}
		return strings.Join(out, " ")
	}
	for _, tt := range []struct {
		mode MergeMode
		want string
	}{
		{MergeFill, "0-5:GPE:gazetteer 10-15:GPE:gazetteer 20-25:GPE:gazetteer 30-35:MALWARE:gazetteer 0-5:ORG:model 10-15:LOC:model 40-45:ORG:model"},
		{MergeOverride, "0-5:ORG:model 10-15:GPE:gazetteer 40-45:ORG:model 20-25:GPE:gazetteer 30-35:MALWARE:gazetteer"},
		{MergeArbiter, "0-5:ORG:model 10-15:GPE:gazetteer 40-45:ORG:model 30-35:MALWARE:gazetteer"},
	} {
		st.Merge = tt.mode
		if got := str(st.mergeModel(strings.Repeat("x", 50), append([]pipeline.Entity{}, named...), model, false)); got != tt.want {
			t.Errorf("mode %d:\n got %s\nwant %s", tt.mode, got, tt.want)
		}
	}
}

// TestMergeKeepsTheRest: where a listed or ruled name takes the place of
// the model's entity, the other names under the model's words stand, and
// the project's own lexicons stand over the model's other label.
func TestMergeKeepsTheRest(t *testing.T) {
	st := testStage(t)
	st.model = &Model{Meta: ModelMeta{LabelMap: map[string]string{"ORG": "ORG", "PER": "PERSON"}}}
	st.Merge = MergeOverride // the shipped model's
	text := "Russian President Vladimir Putin spoke of Donbas."
	named := []pipeline.Entity{
		{Start: 0, End: 7, Label: "NORP", Source: "gazetteer", ID: "g:1"},                // "Russian"
		{Start: 18, End: 32, Label: "PERSON", Source: "rule"},                            // "Vladimir Putin"
		{Start: 42, End: 48, Label: "LOC", Source: "gazetteer", ID: "sitrep:loc:donbas"}, // "Donbas"
	}
	model := []pipeline.Entity{
		{Start: 0, End: 26, Label: "ORG", Source: "model"},     // "Russian President Vladimir"
		{Start: 42, End: 48, Label: "PERSON", Source: "model"}, // "Donbas"
	}
	var got []string
	for _, e := range st.mergeModel(text, named, model, false) {
		got = append(got, text[e.Start:e.End]+"/"+e.Label)
	}
	want := []string{"Vladimir Putin/PERSON", "Donbas/LOC", "Russian/NORP"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestShippedModel(t *testing.T) {
	m, err := ShippedModel()
	if err != nil || m == nil {
		t.Fatalf("shipped model: %v", err)
	}
	if !strings.Contains(m.Meta.Licence, "CC BY-SA") || m.Meta.LabelMap["MALWARE"] != "MALWARE" {
		t.Errorf("shipped model meta = %+v", m.Meta)
	}
	// The shipped model learns from AnnoCTR (all labels) and ext (four).
	for _, l := range []string{"O", "B-MALWARE", "I-GROUP", "B-SECTOR"} {
		if !slices.Contains(m.Meta.Tags, l) {
			t.Errorf("shipped model lacks tag %s: %v", l, m.Meta.Tags)
		}
	}
	if m.Meta.Merge != "override" {
		t.Errorf("shipped model's merge mode %q (override scored best on AnnoCTR dev)", m.Meta.Merge)
	}
}

func BenchmarkModel(b *testing.B) {
	g, _ := models.LoadGazetteer()
	m, err := ShippedModel()
	if err != nil {
		b.Fatal(err)
	}
	st := New(g).WithModel(m)
	text := strings.Repeat("The operators deployed the Vexorbot ransomware against hospitals in Ohio, Microsoft said on Tuesday. ", 100)
	doc := &pipeline.Document{Text: text}
	for i := 0; i < 100; i++ {
		n := len(text) / 100
		doc.Sentences = append(doc.Sentences, pipeline.Sentence{Start: i * n, End: (i+1)*n - 1})
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		doc.Entities = nil
		if err := st.Process(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParseCoNLL: any input parses or fails cleanly; what parses is consistent.
func FuzzParseCoNLL(f *testing.F) {
	f.Add("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter B-PER\nBlackburn I-PER\n")
	f.Add("<DOCSTART>\tO\n\nThe\tO\nLazarus\tI-GROUP\n\t\t\n")
	f.Add("a B-X\r\nb I-Y\n\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := parseCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
					t.Fatalf("sentence %+v outside text of %d bytes", s, len(d.Text))
				}
			}
			for _, e := range d.Entities {
				if e.Start < 0 || e.End > len(d.Text) || e.Start >= e.End || d.Text[e.Start:e.End] != e.Text || e.Label == "" {
					t.Fatalf("entity %+v in %q", e, d.Text)
				}
			}
		}
	})
}

// TestHashPieces: the allocation-free hashes equal the hashes of the joined
// strings the shipped model was trained with.
func TestFunctionWordSpan(t *testing.T) {
	tests := []struct {
		text string
		a, b int
		want bool
	}{
		{"Although we are unable", 0, 1, true},
		{"52 The domain", 1, 2, true},
		{"Most of the time", 0, 1, true},
		{"IT staff met", 0, 1, false},     // an acronym in capitals
		{"US officials met", 0, 1, false}, // the country
		{"Mostly Harmless", 0, 1, false},
		{"The Hague", 0, 2, false},            // two words: a name that opens with one
		{"May came in to pitch", 0, 1, false}, // a listed name (Jakie May)
		{"Will said so", 0, 1, false},
	}
	s := testStage(t)
	for _, tt := range tests {
		ws := splitWords(tt.text, 0, len(tt.text))
		if got := s.functionWordSpan(tt.text, ws, tt.a, tt.b); got != tt.want {
			t.Errorf("functionWordSpan(%q, %d, %d) = %v, want %v", tt.text, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestHexWord(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{{"02E203E2", true}, {"DF7D9BAD", true}, {"7CB922F6", true}, {"A320", false}, {"DEADBEEF", false}, {"123456", false}, {"02e203e2", false}, {"F16E4Z", false}} {
		if got := hexWord(tt.s); got != tt.want {
			t.Errorf("hexWord(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestHashPieces(t *testing.T) {
	for _, c := range []struct{ a, b, c string }{{"", "", ""}, {"kabul", "the", "xx"}, {"<s>", "Xx", "</s>"}, {"é", "日本", "|"}} {
		if fnv2(7, c.a, c.b) != fnv(7, c.a+"|"+c.b) || fnv3(9, c.a, c.b, c.c) != fnv(9, c.a+"|"+c.b+"|"+c.c) {
			t.Errorf("pieces of %q differ", c)
		}
	}
	for _, g := range []gazTag{{label: "GPE", begin: true}, {label: "MALWARE", exact: true}} {
		s := g.label + map[bool]string{true: "|B", false: "|I"}[g.begin] + map[bool]string{true: "|exact", false: ""}[g.exact]
		if gazHash(fGaz, g) != fnv(fGaz, s) {
			t.Errorf("gazHash(%+v) != fnv(%q)", g, s)
		}
	}
	for p := range 20 {
		if tagLetters[p] != string(rune('A'+p)) {
			t.Errorf("tagLetters[%d] = %q", p, tagLetters[p])
		}
	}
}

func TestFraction(t *testing.T) {
	for _, c := range []struct {
		p        float64
		num, den int
	}{{0, 0, 1}, {0.25, 1, 4}, {0.5, 1, 2}, {1, 1, 1}, {0.333, 33, 100}, {-1, 0, 1}, {2, 1, 1}} {
		if n, d := fraction(c.p); n != c.num || d != c.den {
			t.Errorf("fraction(%v) = %d/%d, want %d/%d", c.p, n, d, c.num, c.den)
		}
	}
}

func TestHistoryFeatures(t *testing.T) {
	m := &Model{Meta: ModelMeta{History: true}, nTags: 5} // O, B-X, I-X, B-Y, I-Y
	in := &sentenceInput{lower: []string{"kabul", "the"}, upper: []bool{true, false}}
	h := m.newHistory()
	if got := h.features(in, 0, nil); len(got) != 0 {
		t.Errorf("features before any mention: %v", got)
	}
	h.record(m, in, 0, 1) // B-X
	h.record(m, in, 0, 2) // I-X: label X again
	h.record(m, in, 0, 3) // B-Y
	h.record(m, in, 1, 1) // lower-case words are not remembered
	for _, c := range []struct {
		name string
		want []uint64
	}{
		{"X is the majority, Y is not", []uint64{fnvInt(fHist, 1, 1), fnvInt(fHist, 2, 0)}},
	} {
		if got := h.features(in, 0, nil); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: features %v, want %v", c.name, got, c.want)
		}
	}
	if got := h.features(in, 1, nil); len(got) != 0 {
		t.Errorf("lower-case word has history features %v", got)
	}
	if (&Model{}).newHistory() != nil {
		t.Error("a model without history features keeps a history")
	}
}

// TestHistoryLearnsDocumentLabels: the second mention of a name sits in a
// context that says nothing ("Later X spoke ."); only the document's first
// mention says what it is. With the history features the model carries
// that label over.
func TestHistoryLearnsDocumentLabels(t *testing.T) {
	st := testStage(t)
	rng := rand.New(rand.NewPCG(5, 6))
	cues := map[string]string{"PER": "spokesman", "ORG": "company", "LOC": "city"} // two words after the name: inside its window
	labels := []string{"PER", "ORG", "LOC"}
	docs := func(n int, pool []string) []TrainDoc {
		var out []TrainDoc
		for i := range n {
			name, label := pool[rng.IntN(len(pool))], labels[rng.IntN(3)]
			s1 := name + " , " + cues[label] + " , was named ."
			s2 := "Later " + name + " spoke ."
			text := s1 + "\n" + s2 + "\n"
			out = append(out, TrainDoc{ID: fmt.Sprint(i), Text: text,
				Sentences: []pipeline.Span{{Start: 0, End: len(s1)}, {Start: len(s1) + 1, End: len(s1) + 1 + len(s2)}},
				Entities: []pipeline.Entity{{Start: 0, End: len(name), Label: label, Text: name},
					{Start: len(s1) + 7, End: len(s1) + 7 + len(name), Label: label, Text: name}}})
		}
		return out
	}
	train, test := docs(600, names(rng, 80, 1, "")), docs(150, names(rng, 30, 1, ""))
	score := func(history bool) float64 {
		m, err := st.Train(train, nil, TrainOptions{Epochs: 5, Bits: 16, History: history})
		if err != nil {
			t.Fatal(err)
		}
		idx := map[string]int{}
		for i, tg := range m.Meta.Tags {
			idx[tg] = i
		}
		return m.evaluate(st.examples(test, idx)).Micro.F1
	}
	with, without := score(true), score(false)
	t.Logf("F1 %.3f with history, %.3f without", with, without)
	if with < 0.95 || with < without+0.1 {
		t.Errorf("F1 %.3f with history, %.3f without", with, without)
	}
}

// TestRestartsAverage: restarts average the weights of runs with successive seeds.
func TestRestartsAverage(t *testing.T) {
	st := testStage(t)
	rng := rand.New(rand.NewPCG(7, 8))
	train := synthetic(rng, 200, names(rng, 30, 2, ""), names(rng, 30, 1, "Holdings"), names(rng, 30, 1, ""))
	opt := TrainOptions{Epochs: 2, Bits: 14, Seed: 11}
	run := func(seed uint64, restarts int) *Model {
		o := opt
		o.Seed, o.Restarts = seed, restarts
		m, err := st.Train(train, nil, o)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b, avg := run(11, 1), run(12, 1), run(11, 2)
	if avg.Meta.Restarts != 2 {
		t.Errorf("restarts %d", avg.Meta.Restarts)
	}
	differ := false
	for r := range 1 << avg.Meta.Bits {
		for k := range avg.nTags {
			wa, wb, got := a.weight(r, k), b.weight(r, k), avg.weight(r, k)
			if want := (wa + wb) / 2; math.Abs(float64(got-want)) > 1e-5 {
				t.Fatalf("weight %d/%d = %v, want %v", r, k, got, want)
			}
			differ = differ || wa != wb
		}
	}
	if !differ {
		t.Error("runs with different seeds gave the same weights")
	}
}

func TestScoredLabels(t *testing.T) {
	m := &Model{Meta: ModelMeta{LabelMap: map[string]string{"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": ""}}}
	to, scored := m.ScoredLabels()
	want := map[string]string{"PERSON": "PER", "ORG": "ORG", "GROUP": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
	if fmt.Sprint(to) != fmt.Sprint(want) || strings.Join(scored, ",") != "LOC,ORG,PER" {
		t.Errorf("ScoredLabels = %v %v, want %v LOC,ORG,PER", to, scored, want)
	}
}

func TestInBlob(t *testing.T) {
	blob := "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ+Kabul+AAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
	for _, c := range []struct {
		text, name string
		want       bool
	}{
		{"x " + blob + " y", "Kabul", true},
		{"A short+Kabul/run", "Kabul", false},
		{"[Kabul](https://example.org/a/very/long/path/that/goes/on/and/on/for/ever.html)", "Kabul", false},
		{"Kabul", "Kabul", false},
		{"the Organization for Security and Co-operation in Europe", "Organization for Security and Co-operation in Europe", false},
	} {
		st := strings.Index(c.text, c.name)
		if got := inBlob(c.text, st, st+len(c.name)); got != c.want {
			t.Errorf("inBlob(%q, %q) = %v", c.text, c.name, got)
		}
	}
}

// BenchmarkStartup: what annotate's start-up spends on the entity layer:
// the gazetteer automaton and the shipped model.
func BenchmarkStartup(b *testing.B) {
	g, err := models.LoadGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("matcher", func(b *testing.B) {
		for b.Loop() {
			New(g)
		}
	})
	b.Run("model", func(b *testing.B) {
		for b.Loop() {
			if _, err := ShippedModel(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDecodeSkipsFunctionWords: a lower-case function word (or a word the
// model lists as never in a name) after an O is tagged O without being scored (its features are never computed), and the
// tags are those of scoring every word.
func TestDecodeSkipsFunctionWords(t *testing.T) {
	m, err := ShippedModel()
	if err != nil {
		t.Fatal(err)
	}
	st := testStage(t).WithModel(m)
	text := "The attack on the Bank of America branch in Ohio was claimed by the Lazarus Group and its allies ."
	ws := splitWords(text, 0, len(text))
	st.gaz.mark(ws)
	doc := docCapitals([][]word{ws})
	var scr scratch
	in := st.prepare(text, ws, doc, &scr, true)
	lazy := m.decode(&in, nil)
	skipped := 0
	for i, w := range ws {
		if in.static[i] == nil {
			skipped++
			if !st.isPlain(w.lower) {
				t.Errorf("%q was not scored", w.lower)
			}
		}
	}
	if skipped < 5 {
		t.Errorf("%d words skipped", skipped)
	}
	full := st.prepare(text, ws, doc, nil, false)
	clear(full.plain)
	if got := m.decode(&full, nil); fmt.Sprint(got) != fmt.Sprint(lazy) {
		t.Errorf("tags %v with skipping, %v scoring every word", lazy, got)
	}
	if k := slices.Index(ws, ws[5]); in.static[k] == nil {
		t.Errorf("'of' inside 'Bank of America' must be scored (it follows a name)")
	}
}

// TestIsPlain: with a trained model, words of symbols only are tagged O
// unscored after an O, but not those that join names; while a model is being
// trained (its weights not frozen) only the listed words are.
func TestIsPlain(t *testing.T) {
	m, err := ShippedModel()
	if err != nil {
		t.Fatal(err)
	}
	trained := testStage(t).WithModel(m)
	learning, err := newModel(m.Meta)
	if err != nil {
		t.Fatal(err)
	}
	training := testStage(t).WithModel(learning)
	for _, tt := range []struct {
		word           string
		trained, learn bool
	}{
		{"the", true, true},
		{"|", true, false},
		{".", true, false},
		{"-", true, false},
		{"…", true, false},
		{"]](", true, false},
		{"'", false, false},
		{"’", false, false},
		{"&", false, false},
		{"2021", false, false},
		{"x0x0", false, false},
		{"mimikatz", false, false},
		{"", false, false},
	} {
		if got := trained.isPlain(tt.word); got != tt.trained {
			t.Errorf("trained model: isPlain(%q) = %v, want %v", tt.word, got, tt.trained)
		}
		if got := training.isPlain(tt.word); got != tt.learn {
			t.Errorf("model in training: isPlain(%q) = %v, want %v", tt.word, got, tt.learn)
		}
	}
}

func TestPlainWords(t *testing.T) {
	ex := func(words string, gold []int, only map[int]bool) example {
		ws := strings.Fields(words)
		in := sentenceInput{lower: make([]string, len(ws)), upper: make([]bool, len(ws))}
		for i, w := range ws {
			in.lower[i], in.upper[i] = strings.ToLower(w), w != strings.ToLower(w)
		}
		return example{in: in, gold: gold, only: only}
	}
	exs := []example{
		ex("the attack hit banking firms", []int{0, 0, 0, 1, 0}, nil),
		ex("the attack hit banking firms", []int{0, 0, 0, 0, 0}, nil),
		ex("an attack hit Kabul firms", []int{0, 0, 0, 1, 0}, nil),
		ex("attack firms 2021", []int{0, 0, 0}, nil),
		ex("attack hit firms", []int{0, 0, 0}, map[int]bool{1: true}),         // partial: counted too
		ex("a sector attack", []int{0, 1, 0}, map[int]bool{1: true, 2: true}), // "sector" inside a name
		ex("sector sector sector", []int{0, 0, 0}, nil),
		ex("Armed forces forces", []int{1, 2, 0}, nil), // "forces" inside a name, not beginning one
		ex("forces", []int{0}, nil),
	}
	// "attack" 6 times, "firms" 5, "hit" 4, "forces" 3, once inside a name;
	// "sector" 4 but once beginning a name, "banking" began one once;
	// "the"/"an"/"a" are function words, "2021" no word.
	if got := strings.Join(plainWords(exs, 3), ","); got != "attack,firms,forces,hit" {
		t.Errorf("plainWords = %s", got)
	}
	if got := strings.Join(plainWords(exs, 5), ","); got != "attack,firms" {
		t.Errorf("plainWords(min 5) = %v", got)
	}
	if got := plainWords(exs, 7); len(got) != 0 {
		t.Errorf("plainWords(min 7) = %v", got)
	}
}

// TestOptionalFeatures: --clusters adds the cluster paths of a word the
// cluster file lists, --domain a CTI copy of every feature in a document
// that reads as CTI; both are recorded in the model, and a saved model
// with clusters reads them back when loaded.
func TestOptionalFeatures(t *testing.T) {
	st := testStage(t)
	clusters, err := models.LoadClusters()
	if err != nil {
		t.Fatal(err)
	}
	path := clusters["Kharkiv"]
	if len(path) < 6 {
		t.Fatalf("no cluster path for Kharkiv (%q)", path)
	}
	feats := func(f Features, text string) (first []uint64, cti bool) {
		s := *st
		s.model = &Model{Meta: ModelMeta{Features: f}}
		if f.Clusters {
			s.model.clusters = clusters
		}
		ws := splitWords(text, 0, len(text))
		doc := docCapitals([][]word{ws})
		in := s.prepare(text, ws, doc, nil, false)
		return in.static[0], doc.cti
	}
	plain := "Kharkiv held after the strike on the city."
	cti := "Kharkiv hosted the malware loader; the payload and ransomware samples beaconed to a C2 domain."
	base, _ := feats(Features{}, plain)
	withClus, _ := feats(Features{Clusters: true}, plain)
	if !slices.Contains(withClus, fnv(fClus10, path)) || slices.Contains(base, fnv(fClus10, path)) {
		t.Errorf("cluster feature of Kharkiv: %v with clusters, %v without", slices.Contains(withClus, fnv(fClus10, path)), slices.Contains(base, fnv(fClus10, path)))
	}
	if got, isCTI := feats(Features{Domain: true}, plain); isCTI || len(got) != len(base) {
		t.Errorf("a news sentence: cti %v, %d features (want %d)", isCTI, len(got), len(base))
	}
	ctiBase, _ := feats(Features{}, cti)
	if got, isCTI := feats(Features{Domain: true}, cti); !isCTI || len(got) != 2*len(ctiBase) {
		t.Errorf("a CTI sentence: cti %v, %d features (want %d)", isCTI, len(got), 2*len(ctiBase))
	}

	rng := rand.New(rand.NewPCG(3, 4))
	train := synthetic(rng, 60, names(rng, 20, 2, ""), names(rng, 20, 1, "Holdings"), []string{"Kharkiv", "Kherson", "Kyiv"})
	m, err := st.Train(train, nil, TrainOptions{Epochs: 2, Bits: 14, Features: Features{Clusters: true, Domain: true}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := m.Save(dir); err != nil {
		t.Fatal(err)
	}
	back, err := LoadModel(dir)
	if err != nil {
		t.Fatal(err)
	}
	if back.Meta.Features != (Features{Clusters: true, Domain: true}) || back.clusters["Kharkiv"] != path {
		t.Errorf("loaded model: features %+v, Kharkiv cluster %q", back.Meta.Features, back.clusters["Kharkiv"])
	}
}

// shippedWeights decodes the shipped weights file on its own, without the
// row store: index (row*nTags+tag) to weight.
func shippedWeights(t *testing.T) map[int]float32 {
	t.Helper()
	_, gz, err := models.NERModel()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(gz)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]float32{}
	for idx := -1; len(raw) > 0; {
		gap, n := binary.Uvarint(raw)
		idx += int(gap)
		out[idx] = math.Float32frombits(binary.LittleEndian.Uint32(raw[n:]))
		raw = raw[n+4:]
	}
	return out
}

// TestRowStoreMatchesFile checks the row store against the weights file
// decoded independently: every weight, and the scores of random feature
// sets (rows with weights and rows without, every n, and more features
// than sumRows takes), bit for bit the sums of adding the file's weights
// feature by feature in order.
func TestRowStoreMatchesFile(t *testing.T) {
	m, err := ShippedModel()
	if err != nil || m == nil {
		t.Fatalf("shipped model: %v", err)
	}
	file := shippedWeights(t)
	if len(file) < 100000 {
		t.Fatalf("only %d weights in the file", len(file))
	}
	var used []uint64 // hashes of rows that hold weights
	for idx, v := range file {
		if got := m.weight(idx/m.nTags, idx%m.nTags); math.Float32bits(got) != math.Float32bits(v) {
			t.Fatalf("row %d tag %d: store %v, file %v", idx/m.nTags, idx%m.nTags, got, v)
		}
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for r := 0; len(used) < 200 && r <= int(m.mask); r++ {
		if _, ok := file[r*m.nTags]; ok && rng.IntN(50) == 0 {
			used = append(used, uint64(r)|uint64(rng.Uint32())<<32) // high bits are masked off
		}
	}
	if len(used) < 200 {
		t.Fatalf("only %d used rows sampled", len(used))
	}
	zeros := 0
	for trial := range 300 {
		var static, dyn []uint64
		nf := 1 + rng.IntN(60)
		if trial%10 == 0 {
			nf = maxRowFeatures + 1 + rng.IntN(40) // the plain loop
		}
		for range nf {
			h := rng.Uint64() // mostly rows without weights
			if rng.IntN(3) > 0 {
				h = used[rng.IntN(len(used))]
			}
			static = append(static, h)
		}
		for range rng.IntN(6) {
			dyn = append(dyn, used[rng.IntN(len(used))])
		}
		n := 1 + trial%m.nTags
		sc := make([]float32, m.stride)
		m.scores(static, dyn, sc, n)
		for t0 := range m.nTags {
			c := m.col[t0]
			if c >= n {
				continue
			}
			var want float32
			for _, h := range slices.Concat(static, dyn) {
				want += file[int(h&m.mask)*m.nTags+t0]
			}
			if want == 0 {
				zeros++
			}
			if math.Float32bits(sc[c]) != math.Float32bits(want) {
				t.Fatalf("trial %d, n %d, tag %s: score %v, summed weights %v", trial, n, m.Meta.Tags[t0], sc[c], want)
			}
		}
	}
	if zeros > 300*m.nTags/2 {
		t.Errorf("%d of the sums are zero: the trials test little", zeros)
	}
}

func TestIsUpperCase(t *testing.T) {
	for _, s := range []string{"", "ISKP", "APT28", "U.S.", "Kabul", "kabul", "ÉTAT", "État", "ǅ", "ß", "ΑΘΗΝΑ", "Αθήνα", "\xff", "A\xffB", "𝐀𝐁", "ﬁ", "12-3"} {
		if got, want := isUpperCase(s), s == strings.ToUpper(s); got != want {
			t.Errorf("isUpperCase(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestWordClasses: a word's class bits, set once by the document's vocab,
// say what the sets say, as the look-up of a word no vocab interned does.
func TestWordClasses(t *testing.T) {
	st := testStage(t)
	text := "In March the Zorbex ransomware hit the Azot plant near the village of Bakhmut , an area of malware and the ministry , the cruiser HMS Ocean and the Atlanta Games ."
	ws := splitWords(text, 0, len(text))
	plain := slices.Clone(ws)
	st.newVocab(text, [][]word{ws})
	sets := map[wordClass]func(string) bool{
		clsMonth: func(w string) bool { return months[w] }, clsRoleNoun: func(w string) bool { return roleNouns[w] },
		clsOrgHead: func(w string) bool { return orgHeads[w] }, clsFacilityHead: func(w string) bool { return facilityHeads[w] },
		clsSettlementNoun: func(w string) bool { return settlementNouns[w] }, clsMalwareClass: func(w string) bool { return malwareClasses[w] },
		clsKindNoun: func(w string) bool { _, ok := kindNouns[w]; return ok }, clsTownPrep: func(w string) bool { return townPreps[w] },
		clsAreaNoun: func(w string) bool { return areaNouns[w] }, clsCTIWord: func(w string) bool { return ctiWords[w] },
		clsEventHead: func(w string) bool { return eventHeads[w] }, clsShipNoun: func(w string) bool { return shipNouns[w] },
		clsShipPrefix: func(w string) bool { return shipPrefixes[w] },
	}
	hits := 0
	for i, w := range ws {
		if w.lex == 0 || plain[i].lex != 0 {
			t.Fatalf("%q: lex %d interned, %d not", w.lower, w.lex, plain[i].lex)
		}
		for c, in := range sets {
			if want := in(w.lower); w.is(c) != want || plain[i].is(c) != want {
				t.Errorf("%q class %b: interned %v, not interned %v, want %v", w.lower, c, w.is(c), plain[i].is(c), want)
			} else if want {
				hits++
			}
		}
		if want := st.gaz.common[w.lower]; st.isCommon(w) != want || st.isCommon(plain[i]) != want {
			t.Errorf("%q isCommon: interned %v, not interned %v, want %v", w.lower, st.isCommon(w), st.isCommon(plain[i]), want)
		}
	}
	if hits < 8 {
		t.Errorf("only %d class hits: the sentence should hit most classes", hits)
	}
}

func TestRandomToken(t *testing.T) {
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"mFckBLJufWErs9VtCXlDo", true},
		{"mKfkJLBocCDrs9VtWXlEu", true},
		{"PowerRatankba", false},
		{"CobaltStrike", false},
		{"njRAT", false},
		{"SGFja184MDUwMTY", false},    // base64 with one switch: left to the model
		{"HelloWorldFooBarBaz", true}, // four switches: a CamelCase chain reads as encoded
		{"DarkSide-Ransom", false},    // a hyphen: no one word
		{"WannaCryRansomware", false}, // two switches
	} {
		if got := randomToken(tt.give); got != tt.want {
			t.Errorf("randomToken(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}

func TestTownContext(t *testing.T) {
	for _, c := range []struct {
		text, name string
		want       bool
	}{
		{"Russian forces reduced the Mariupol pocket.", "Mariupol", true},
		{"They shelled the Nikopol area.", "Nikopol", true},
		{"Men from Nizhny Novgorod complained.", "Nizhny Novgorod", true},
		{"They fired at Nikopol.", "Nikopol", true},
		{"The port was sold to COSCO.", "COSCO", false},
		{"Barcelona beat Madrid.", "Barcelona", false},
		{"The Mariupol City Council said so.", "Mariupol", false},
		{"Nikopol", "Nikopol", false},
	} {
		st := strings.Index(c.text, c.name)
		if got := townContext(c.text, st, st+len(c.name)); got != c.want {
			t.Errorf("townContext(%q, %q) = %v, want %v", c.text, c.name, got, c.want)
		}
	}
}

// TestMergeKeepsStates: a listed country or territory stays a GPE where the
// model calls it an organisation ("sovereignty over Gibraltar"); a listed
// town the model calls one keeps the model's label without a place's
// context ("Barcelona beat").
func TestMergeKeepsStates(t *testing.T) {
	st := testStage(t)
	st.model = &Model{Meta: ModelMeta{LabelMap: map[string]string{"ORG": "ORG"}}}
	st.Merge = MergeOverride // the shipped model's
	text := "Talks on Gibraltar. Barcelona beat them."
	named := []pipeline.Entity{
		{Start: 9, End: 18, Label: "GPE", Source: "gazetteer", ID: "geonames:2411586", Kind: "territory"},
		{Start: 20, End: 29, Label: "GPE", Source: "gazetteer", ID: "geonames:3128760", Kind: "PPLA"},
	}
	model := []pipeline.Entity{{Start: 9, End: 18, Label: "ORG", Source: "model"}, {Start: 20, End: 29, Label: "ORG", Source: "model"}}
	var got []string
	for _, e := range st.mergeModel(text, named, model, false) {
		got = append(got, text[e.Start:e.End]+"/"+e.Label)
	}
	want := []string{"Gibraltar/GPE", "Barcelona/ORG"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestMergeDropsCrossing: a model span that starts inside a listed place of
// several words and runs past it goes; the place stands.
func TestMergeDropsCrossing(t *testing.T) {
	st := testStage(t)
	st.model = &Model{Meta: ModelMeta{LabelMap: map[string]string{"SECTOR": "SECTOR"}}}
	st.Merge = MergeOverride
	text := "New Zealand-based enterprises were hit."
	named := []pipeline.Entity{{Start: 0, End: 11, Label: "GPE", Source: "gazetteer", ID: "geonames:2186224", Kind: "country", Text: "New Zealand"}}
	model := []pipeline.Entity{{Start: 4, End: 17, Label: "SECTOR", Source: "model", Text: "Zealand-based"}}
	var got []string
	for _, e := range st.mergeModel(text, named, model, true) {
		got = append(got, text[e.Start:e.End]+"/"+e.Label)
	}
	if want := []string{"New Zealand/GPE"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestPluralNoun runs without a model, so only the common words count.
func TestPluralNoun(t *testing.T) {
	st := testStage(t)
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"foods", true}, {"forces", true}, {"processes", true}, {"states", true},
		{"indigenous", false}, {"crisis", false}, {"class", false}, {"state", false},
	} {
		if got := st.pluralNoun(tt.give); got != tt.want {
			t.Errorf("pluralNoun(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}

func TestCompanyRunAfter(t *testing.T) {
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"General Dynamics Fidelis Cybersecurity Solutions Threat Advisory", true},
		{"Arbor Networks published it", true},
		{"Kroger Co. is recalling", true},
		{"Fidelis said that Cybersecurity Solutions", false}, // not right after the name
		{"Fidelis Smith spoke", false},
		{"Invincea, Inc. Release Date", true},
		{"Invincea, Boston", false},
	} {
		ws := splitWords(tt.give, 0, len(tt.give))
		j := 1
		if strings.HasPrefix(tt.give, "General") {
			j = 3 // after "Fidelis"
		}
		if got := companyRunAfter(tt.give, ws, j); got != tt.want {
			t.Errorf("companyRunAfter(%q, %d) = %v, want %v", tt.give, j, got, tt.want)
		}
	}
}

func TestBearingAfter(t *testing.T) {
	for _, tt := range []struct {
		give string
		want bool
	}{
		{" (45km northwest of Beryslav)", true},
		{", approximately 39km north of Kherson", true},
		{", 20 kilometers south of Izyum", true},
		{" 28km south-west of Kherson City", true},
		{" (50 km northwest of Svatove)", true},
		{", 25km from the front", false}, // a distance without a bearing
		{" and 30km north", false},       // not right after the name
		{" km north", false},
	} {
		if got := bearingAfter.MatchString(tt.give); got != tt.want {
			t.Errorf("bearingAfter(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}

func TestTakesGround(t *testing.T) {
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"Ukrainian forces seized ", true},
		{"Russian proxies claimed to capture ", true},
		{"Russian forces are advancing northwest towards ", true},
		{"repelling a Russian offensive toward ", true},
		{"saying he was biased toward ", false},
		{"hostility towards ", false},
		{"Ukrainian forces met ", false},
		{"These forces likely seek to take ", true},
		{"Russian forces retook ", true},
		{"offensive operations near Bakhmut, toward ", true}, // a move, a place and a comma before "toward"
	} {
		if got := takesGround(tt.give); got != tt.want {
			t.Errorf("takesGround(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}

func TestInsideTitle(t *testing.T) {
	s := testStage(t)
	for _, tt := range []struct {
		text, word string
		want       bool
	}{
		{"The U.S. Secretary of State has authorized a reward.", "State", true},
		{"The State of Israel was founded.", "State", false},
		{"Fighters of the Islamic State attacked.", "State", false},
	} {
		ws := splitWords(tt.text, 0, len(tt.text))
		s.gaz.mark(ws)
		k := slices.IndexFunc(ws, func(w word) bool { return tt.text[w.start:w.end] == tt.word })
		if got := s.insideTitle(tt.text, ws, k); got != tt.want {
			t.Errorf("insideTitle(%q, %q) = %v, want %v", tt.text, tt.word, got, tt.want)
		}
	}
}

func TestPluralTitles(t *testing.T) {
	got := pluralTitles([]string{"Prime Minister", "Minister", "Secretary", "Deputy Secretary", "Queen", "King", "Lt. Gen.", "Dr", "Chief of Staff", "Sheikh"})
	want := []string{"Prime Ministers", "Ministers", "Secretaries", "Deputy Secretaries", "Chiefs of Staff"}
	if !slices.Equal(got, want) {
		t.Errorf("pluralTitles = %q, want %q", got, want)
	}
}

func TestApposedSettlement(t *testing.T) {
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"Mykhailivka Druha, a small settlement along the T0513 highway", true},
		{"Vovchansky, a town roughly 60 kilometers from", true},
		{"Kostromka, a settlement in northwestern Kherson Oblast", true},
		{"Hamlet, a village.", true},
		{"Tim Whitley, a city official in Malakoff", false}, // the noun modifies another
		{"Kyiv, the capital city", false},
		{"Kyiv and a city", false},
	} {
		end := strings.IndexByte(tt.give, ',')
		if end < 0 {
			end = strings.IndexByte(tt.give, ' ')
		}
		if got := apposedSettlement(tt.give, end); got != tt.want {
			t.Errorf("apposedSettlement(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}

func TestEncodedThreatNames(t *testing.T) {
	for _, tt := range []struct {
		give          string
		short, letter bool
	}{
		{"eYwJ6QX0i", true, false},
		{"iodjmGyP3", true, false},
		{"njRAT", false, false},
		{"Gh0stRAT", false, false},
		{"PowerRatankba", false, false},
		{"Win32/Agent", false, false},
		{"ºþÊï", false, true},
		{"lØB", false, true},
		{"Sayad", false, false},
	} {
		if got := shortRandomToken(tt.give); got != tt.short {
			t.Errorf("shortRandomToken(%q) = %v, want %v", tt.give, got, tt.short)
		}
		if got := nonASCIILetter(tt.give); got != tt.letter {
			t.Errorf("nonASCIILetter(%q) = %v, want %v", tt.give, got, tt.letter)
		}
	}
}

func TestFamilyLabel(t *testing.T) {
	for n, want := range map[string]string{"malware": "MALWARE", "backdoor": "MALWARE", "group": "GROUP", "apt": "GROUP", "framework": "TOOL"} {
		if !familyNouns[n] {
			t.Errorf("%q is no family noun", n)
		}
		if got := familyLabel(n); got != want {
			t.Errorf("familyLabel(%q) = %q, want %q", n, got, want)
		}
	}
	if familyNouns["variant"] || familyNouns["family"] {
		t.Error("variant and family follow platforms too")
	}
}

func TestAcronymOfOneWord(t *testing.T) {
	for _, tt := range []struct {
		text, name string
		want       bool
	}{
		{"Mission in Mali (MINUSMA)", "Mali", false},
		{"Communications Security Establishment Canada (CSEC)", "Canada", false},
		{"shares of Microsoft (MSFT)", "Microsoft", true},
		{"Rosgvardia (RG)", "Rosgvardia", true},
	} {
		st := strings.Index(tt.text, tt.name)
		e := pipeline.Entity{Start: st, End: st + len(tt.name), Text: tt.name, Label: "GPE"}
		tab := acronymDefinitions(tt.text, []pipeline.Entity{e})
		if got := len(tab.byWord) == 1; got != tt.want {
			t.Errorf("%q defines an acronym: %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestPlaceMajority: the model's one-word person or organisation is the
// listed town the document names more often, unless a full name of the
// document ends in it or a capitalised word runs into it.
func TestPlaceMajority(t *testing.T) {
	text := "Lyman fell. Lyman held. Forces enter Lyman. Oleksiy Danilov spoke; Danilov and Danilov towns. McDonnell Douglas and Douglas towns, Douglas."
	at := func(word string, n int) (int, int) {
		i := -1
		for ; n >= 0; n-- {
			i += 1 + strings.Index(text[i+1:], word)
		}
		return i, i + len(word)
	}
	ent := func(word string, n int, label, src string) pipeline.Entity {
		s, e := at(word, n)
		x := pipeline.Entity{Start: s, End: e, Text: word, Label: label, Source: src}
		if src == "gazetteer" {
			x.ID, x.Kind = "geonames:1", "PPL"
		}
		return x
	}
	ents := []pipeline.Entity{
		ent("Lyman", 0, "GPE", "gazetteer"), ent("Lyman", 1, "GPE", "gazetteer"), ent("Lyman", 2, "PERSON", "model"),
		ent("Oleksiy Danilov", 0, "PERSON", "model"), ent("Danilov", 1, "PERSON", "model"),
		ent("Danilov", 2, "GPE", "gazetteer"), ent("Danilov", 3, "GPE", "gazetteer"),
		ent("Douglas", 0, "PERSON", "model"), ent("Douglas", 1, "GPE", "gazetteer"), ent("Douglas", 2, "GPE", "gazetteer"),
	}
	placeMajority(text, ents)
	var got []string
	for _, e := range ents {
		got = append(got, e.Text+"/"+e.Label)
	}
	want := []string{"Lyman/GPE", "Lyman/GPE", "Lyman/GPE", "Oleksiy Danilov/PERSON", "Danilov/PERSON", "Danilov/GPE", "Danilov/GPE",
		"Douglas/PERSON", "Douglas/GPE", "Douglas/GPE"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// TestBodyAcronym checks which one-word names in capitals the model calls
// persons are a body's acronym.
func TestBodyAcronym(t *testing.T) {
	s := testStage(t)
	for _, tt := range []struct {
		give, word string
		caps       bool // the document writes surnames in capitals
		want       bool
	}{
		{"member of the IMF, IOM, IPU and ISO", "IPU", false, true},
		{"Romanian Space Agency (Agentia Spatiala Romania, ROSA; established 1991)", "ROSA", false, false}, // a listed given name
		{"the 407th AEG commander said", "AEG", false, true},
		{"IMF, IOM, IPU, ISO, ITSO", "IPU", true, true},             // a list of acronyms in a document of capitalised surnames
		{"member of the IMF, IOM, IPU and ISO", "IPU", true, false}, // there, a word in lower case beside it may be a surname's context
		{"MASISI won his first election as president", "MASISI", false, false},
		{"former President DEBY died", "DEBY", false, false},      // after a title
		{"the government of NINOVA fell", "NINOVA", false, false}, // five letters and more: a surname
		{"the ruling party and SADC observers", "SADC", true, false},
		{"MR KIRBY: Thanks, everybody.", "KIRBY", false, false},
		{"SOCCER - SILVA 'S LOST PASSPORT", "SILVA", false, false},
		{"version ABC2 shipped", "ABC2", false, false},
	} {
		ws := splitWords(tt.give, 0, len(tt.give))
		s.newVocab(tt.give, [][]word{ws})
		k := slices.IndexFunc(ws, func(w word) bool { return tt.give[w.start:w.end] == tt.word })
		if got := k >= 0 && s.bodyAcronym(tt.give, ws, k, docWords{capsSurnames: tt.caps}); got != tt.want {
			t.Errorf("bodyAcronym(%q, %q, caps %v) = %v, want %v", tt.give, tt.word, tt.caps, got, tt.want)
		}
	}
}
