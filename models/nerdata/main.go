// Command nerdata maps the shared NER training sets whose licences let us ship
// a model onto the record contract's labels, and writes them as JSON Lines
// training records (text, sentences, entities) for `sitrep train`. It is run
// by `make models` into a scratch folder; nothing it writes is committed, only
// the model trained on it.
//
// Each source annotates its own label set with its own conventions. The
// mapping keeps what a source names the way our guidelines do, and the
// Makefile declares per file which labels it annotates (LABEL+LABEL@FILE), so
// an O in a source that never marks persons does not teach "not a person".
// Places come as one LOC label in most sources; the shipped gazetteer tells
// a country, region or town (GPE) and a demonym (NORP) from other places.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/entities"
	"github.com/sitrep/sitrep/pipeline/tokenize"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "", "output folder (required)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "nerdata: -out is required")
		os.Exit(2)
	}
	if err := run(*shared, *out); err != nil {
		fmt.Fprintln(os.Stderr, "nerdata:", err)
		os.Exit(1)
	}
}

// record is what entities.ReadRecords reads.
type record struct {
	ID        string            `json:"id"`
	Text      string            `json:"text"`
	Sentences []pipeline.Span   `json:"sentences"`
	Entities  []pipeline.Entity `json:"entities"`
}

func run(shared, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	g, err := models.LoadGazetteer()
	if err != nil {
		return err
	}
	r := newResolver(g)
	ner := filepath.Join(shared, "corpus", "ner")
	annoctr := filepath.Join(ner, "annoctr", "docs")
	// AnnoCTR: CTI reports. Its LOC covers countries and demonyms ("Chinese").
	annoMap := func(l string) string {
		switch l {
		case "ORG", "GROUP", "DATE", "SECTOR", "MALWARE", "TOOL":
			return l
		case "LOC":
			return "LOC?"
		}
		return ""
	}
	for _, split := range []string{"train", "ext", "dev"} {
		files, _ := filepath.Glob(filepath.Join(annoctr, split, "*.bio"))
		sort.Strings(files)
		if err := convertBIO(r, files, filepath.Join(out, "annoctr-"+split+".jsonl"), annoMap); err != nil {
			return err
		}
	}
	// Re-DocRED, already in the contract's labels (silver GPE/LOC/NORP).
	redoc := filepath.Join(ner, "extra", "redocred")
	if err := convertBIO(r, []string{filepath.Join(redoc, "dev.sitrep.bio"), filepath.Join(redoc, "test.sitrep.bio")},
		filepath.Join(out, "redocred.jsonl"), func(l string) string { return l }); err != nil {
		return err
	}
	// CrossNER politics (Wikipedia).
	cross := filepath.Join(ner, "extra", "crossner-politics")
	crossMap := func(l string) string {
		switch l {
		case "politician", "person":
			return "PERSON"
		case "organisation", "politicalparty":
			return "ORG"
		case "country", "location":
			return "LOC?"
		case "misc":
			return "NORP?"
		}
		return ""
	}
	if err := convertBIO(r, []string{filepath.Join(cross, "politics_train.txt"), filepath.Join(cross, "politics_test.txt")},
		filepath.Join(out, "crossner.jsonl"), crossMap); err != nil {
		return err
	}
	if err := convertBIO(r, []string{filepath.Join(cross, "politics_dev.txt")}, filepath.Join(out, "crossner-dev.jsonl"), crossMap); err != nil {
		return err
	}
	// wikigold (Wikipedia, CoNLL labels).
	conllMap := func(l string) string {
		switch l {
		case "PER":
			return "PERSON"
		case "ORG":
			return "ORG"
		case "LOC":
			return "LOC?"
		case "MISC":
			return "NORP?"
		}
		return ""
	}
	if err := convertBIO(r, []string{filepath.Join(ner, "extra", "wikigold", "wikigold.conll.txt")},
		filepath.Join(out, "wikigold.jsonl"), conllMap); err != nil {
		return err
	}
	// re3d: raw text with crowd candidates, split by source into two halves:
	// one trains, the other is kept for measuring what generalises.
	return convertRe3d(r, g, filepath.Join(ner, "re3d"), out)
}

// resolver decides the contract label of a place or group name by the
// shipped gazetteer.
type resolver struct {
	label map[string]string // folded alias -> GPE, LOC, NORP, GROUP, ORG...
}

// placeRank orders the labels a folded alias may carry: a name that is both
// a town and a demonym ("Russian" is a hamlet somewhere) is the demonym.
var placeRank = map[string]int{"NORP": 0, "GPE": 1, "LOC": 2, "GROUP": 3, "ORG": 4}

func newResolver(g *models.Gazetteer) *resolver {
	r := &resolver{label: map[string]string{}}
	for _, e := range g.Entries {
		if _, ok := placeRank[e.Label]; !ok || e.NoClue {
			continue // the regional demonyms and other spellings came after the shipped model (models/lexicon)
		}
		for _, a := range e.Aliases {
			k := strings.ToLower(a)
			if old, ok := r.label[k]; !ok || placeRank[e.Label] < placeRank[old] {
				r.label[k] = e.Label
			}
		}
	}
	return r
}

var leadingThe = regexp.MustCompile(`^(?i:the)\s+`)

func (r *resolver) lookup(s string) string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	if l, ok := r.label[strings.ToLower(s)]; ok {
		return l
	}
	return r.label[strings.ToLower(leadingThe.ReplaceAllString(s, ""))]
}

// place maps a source's place mention to GPE, NORP or LOC.
func (r *resolver) place(s string) string {
	switch r.lookup(s) {
	case "GPE":
		return "GPE"
	case "NORP":
		return "NORP"
	}
	if isDemonym(s) {
		return "NORP"
	}
	// "Russian-language", "Russian-based": the demonym is the name.
	if pre, _, ok := strings.Cut(s, "-"); ok && (r.lookup(pre) == "NORP" || isDemonym(pre)) {
		return "NORP"
	}
	return "LOC"
}

// isDemonym: one capitalised word ending like an English demonym that the
// lists may lack ("Kazakhstani", "Ukrainians").
func isDemonym(s string) bool {
	if strings.ContainsAny(s, " -") {
		return false
	}
	for _, suf := range []string{"ian", "ians", "ese", "ish", "ani", "anis", "i", "is"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+3 {
			return true
		}
	}
	return false
}

// convertBIO reads IOB2 files and writes records with mapped labels. mapLabel
// returns the record label, "" to drop the mention, "LOC?" for a place the
// gazetteer resolves and "NORP?" for a mention kept only when it is a listed
// demonym or group word.
func convertBIO(r *resolver, files []string, out string, mapLabel func(string) string) error {
	var recs []record
	for _, f := range files {
		docs, err := entities.ReadCoNLL(f)
		if err != nil {
			return fmt.Errorf("read %s: %w", f, err)
		}
		for i, d := range docs {
			rec := record{ID: fmt.Sprintf("%s#%d", filepath.Base(f), i+1), Text: d.Text, Sentences: d.Sentences}
			for _, e := range d.Entities {
				l := mapLabel(e.Label)
				switch l {
				case "":
					continue
				case "LOC?":
					l = r.place(e.Text)
				case "NORP?":
					if r.lookup(e.Text) != "NORP" {
						continue
					}
					l = "NORP"
				}
				e.Label = l
				// CoNLL-style token joins leave "Iran ’ s" inside the span.
				for _, poss := range []string{" ’ s", " ' s"} {
					if strings.HasSuffix(d.Text[e.Start:e.End], poss) {
						e.End -= len(poss)
					}
				}
				e.Text = d.Text[e.Start:e.End]
				rec.Entities = append(rec.Entities, e)
			}
			recs = append(recs, rec)
		}
	}
	return writeRecords(out, recs)
}

func writeRecords(path string, recs []record) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// re3d -----------------------------------------------------------------------

type re3dDoc struct {
	ID       string     `json:"id"`
	Source   string     `json:"source"`
	Entities []re3dCand `json:"entities"`
}

// re3dCand is one crowd candidate with the share of annotators who accepted it.
type re3dCand struct {
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Type       string  `json:"type"`
	Confidence float64 `json:"confidence"`
}

// re3dHeldOut are the sources kept out of training, so that a figure on them
// says how the model does on text of other writers.
var re3dHeldOut = map[string]bool{"US State Department": true, "Wikipedia": true}

// connectors may be lower case inside a proper name.
var connectors = map[string]bool{"of": true, "and": true, "for": true, "the": true, "al": true, "bin": true,
	"ibn": true, "de": true, "van": true, "von": true, "da": true, "del": true, "on": true, "in": true, "&": true}

// roles are the words of office titles the title list lacks as single words.
var roles = map[string]bool{"secretary": true, "minister": true, "officer": true, "commander": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "press": true, "class": true, "petty": true, "chief": true, "deputy": true,
	"prime": true, "foreign": true, "defense": true, "defence": true, "envoy": true, "ambassador": true, "special": true,
	"representative": true, "governor": true, "mayor": true, "leader": true, "president": true, "vice": true, "1st": true,
	"2nd": true, "staff": true, "sergeant": true, "sgt": true, "general": true, "admiral": true, "colonel": true}

// particles belong to Arabic names: "Abu Jandal", "al-Kuwaiti".
var particles = map[string]bool{"abu": true, "al": true, "bin": true, "ibn": true, "bint": true, "umm": true}

// pronouns name nothing, though re3d's annotators marked some.
var pronouns = map[string]bool{"he": true, "she": true, "we": true, "they": true, "it": true, "i": true, "you": true,
	"his": true, "her": true, "their": true, "our": true, "us": true, "them": true, "him": true}

// facilityHeads end a place name that is a facility.
var facilityHeads = map[string]bool{"airport": true, "airbase": true, "base": true, "dam": true, "bridge": true,
	"plant": true, "prison": true, "hospital": true, "highway": true, "mosque": true, "palace": true, "port": true}

func convertRe3d(r *resolver, g *models.Gazetteer, dir, out string) error {
	tok, err := tokenize.New(tokenize.Options{})
	if err != nil {
		return err
	}
	titles := map[string]bool{}
	for _, t := range g.Titles {
		titles[strings.ToLower(strings.TrimSuffix(t, "."))] = true
	}
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return err
	}
	defer f.Close()
	var train, held []record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d re3dDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return fmt.Errorf("re3d gold: %w", err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "docs", d.ID+".txt"))
		if err != nil {
			return err
		}
		doc := &pipeline.Document{ID: d.ID, Text: string(raw)}
		if err := tok.Process(context.Background(), doc); err != nil {
			return fmt.Errorf("re3d %s: %w", d.ID, err)
		}
		rec := record{ID: "re3d/" + d.ID, Text: doc.Text}
		for _, s := range doc.Sentences {
			rec.Sentences = append(rec.Sentences, pipeline.Span{Start: s.Start, End: s.End})
		}
		// Most confident, then longest, candidates first; overlaps lose.
		cands := slices.Clone(d.Entities)
		slices.SortStableFunc(cands, func(a, b re3dCand) int {
			if a.Confidence != b.Confidence {
				if a.Confidence > b.Confidence {
					return -1
				}
				return 1
			}
			return (b.End - b.Start) - (a.End - a.Start)
		})
		var kept []pipeline.Entity
		for _, c := range cands {
			if c.Confidence < 0.5 {
				continue
			}
			for _, e := range re3dMap(r, titles, g.CommonWords, doc.Text, c.Start, c.End, c.Type) {
				if !slices.ContainsFunc(kept, func(k pipeline.Entity) bool { return k.Start < e.End && e.Start < k.End }) {
					kept = append(kept, e)
				}
			}
		}
		slices.SortFunc(kept, func(a, b pipeline.Entity) int { return a.Start - b.Start })
		rec.Entities = kept
		if re3dHeldOut[d.Source] {
			held = append(held, rec)
		} else {
			train = append(train, rec)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := writeRecords(filepath.Join(out, "re3d-train.jsonl"), train); err != nil {
		return err
	}
	return writeRecords(filepath.Join(out, "re3d-heldout.jsonl"), held)
}

var monthOrDay = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d`)

type tokSpan struct{ s, e int }

// words splits text[s:e] at spaces.
func words(text string, s, e int) []tokSpan {
	var out []tokSpan
	i := s
	for i < e {
		for i < e && text[i] == ' ' {
			i++
		}
		j := i
		for j < e && text[j] != ' ' {
			j++
		}
		if j > i {
			out = append(out, tokSpan{i, j})
		}
		i = j
	}
	return out
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// re3dMap turns one accepted re3d candidate into contract entities (maybe
// none): determiners and titles leave the span, descriptions ("the army")
// name nothing, and a nationality or country before a description ("U.S.
// forces") keeps its own label.
func re3dMap(r *resolver, titles, common map[string]bool, text string, s, e int, typ string) []pipeline.Entity {
	ws := words(text, s, e)
	// Trailing possessive and punctuation.
	for len(ws) > 0 {
		last := &ws[len(ws)-1]
		t := text[last.s:last.e]
		switch {
		case strings.HasSuffix(t, "'s"), strings.HasSuffix(t, "’s"):
			last.e -= len("'s")
			if strings.HasSuffix(t, "’s") {
				last.e -= len("’s") - len("'s")
			}
		case strings.IndexAny(t[len(t)-1:], ".,;:)") == 0 && !strings.Contains(t[:len(t)-1], "."):
			last.e--
		}
		if last.e <= last.s {
			ws = ws[:len(ws)-1]
			continue
		}
		break
	}
	// Leading determiners; for persons, titles and what qualifies them
	// ("Defense Secretary Ash Carter", "Iraqi Prime Minister Haider
	// al-Abadi"), keeping two words at least unless a title goes.
	for len(ws) > 0 {
		raw := strings.Trim(text[ws[0].s:ws[0].e], "\u200e\u200f")
		t := strings.ToLower(strings.TrimSuffix(raw, "."))
		abbrev := strings.HasSuffix(raw, ".") && utf8.RuneCountInString(raw) <= 5 // "Gen.", "Spc.", "Lt."
		qualifier := (common[t] || r.lookup(t) == "GPE" || r.lookup(t) == "NORP") && !particles[t]
		if t == "the" || t == "a" || t == "an" || typ == "Person" && len(ws) > 1 && (titles[t] || roles[t] || abbrev || qualifier && len(ws) > 2) {
			ws = ws[1:]
			continue
		}
		break
	}
	if len(ws) == 0 || len(ws) == 1 && pronouns[strings.ToLower(text[ws[0].s:ws[0].e])] {
		return nil
	}
	span := func(a, b int, label string) []pipeline.Entity {
		return []pipeline.Entity{{Start: a, End: b, Text: text[a:b], Label: label}}
	}
	allCaps := true
	for _, w := range ws {
		t := text[w.s:w.e]
		if !capitalised(t) && !connectors[strings.ToLower(t)] && !strings.HasPrefix(strings.ToLower(t), "al-") {
			allCaps = false
		}
	}
	first, last := ws[0].s, ws[len(ws)-1].e
	whole := text[first:last]
	switch typ {
	case "Temporal":
		if monthOrDay.MatchString(whole) {
			return span(first, last, "DATE")
		}
		return nil
	case "Nationality":
		if allCaps {
			return span(first, last, "NORP")
		}
		return nil
	case "Person":
		if allCaps && capitalised(whole) {
			return span(first, last, "PERSON")
		}
		return nil
	}
	if allCaps && capitalised(whole) {
		if typ == "Location" {
			if facilityHeads[strings.ToLower(text[ws[len(ws)-1].s:ws[len(ws)-1].e])] && len(ws) > 1 {
				return span(first, last, "FAC")
			}
			return span(first, last, r.place(whole))
		}
		switch l := r.lookup(whole); l {
		case "GPE", "GROUP", "NORP":
			return span(first, last, l)
		}
		if !strings.ContainsFunc(whole, unicode.IsUpper) || len(ws) == 1 && common[strings.ToLower(whole)] {
			return nil // "34", "Soldiers"
		}
		return span(first, last, "ORG")
	}
	// A description: keep a leading country or nationality ("U.S. forces",
	// "Syrian regime"), or a place inside a location ("west of Damascus").
	k := 0
	for k < len(ws) && capitalised(text[ws[k].s:ws[k].e]) {
		k++
	}
	if k > 0 && k < len(ws) {
		lead := text[first:ws[k-1].e]
		switch l := r.lookup(lead); {
		case l == "GPE" || l == "NORP":
			return span(first, ws[k-1].e, l)
		case isDemonym(lead):
			return span(first, ws[k-1].e, "NORP")
		}
	}
	if typ == "Location" {
		// The capitalised run after "of", "near", "in"...
		for i := 1; i < len(ws); i++ {
			if capitalised(text[ws[i].s:ws[i].e]) && !capitalised(text[ws[i-1].s:ws[i-1].e]) {
				j := i
				for j < len(ws) && capitalised(text[ws[j].s:ws[j].e]) {
					j++
				}
				if j == len(ws) {
					return span(ws[i].s, ws[j-1].e, r.place(text[ws[i].s:ws[j-1].e]))
				}
			}
		}
	}
	return nil
}
