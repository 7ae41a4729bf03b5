package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// extraGivenNames finds given names the census and the by-country lists
// lack: the adult names of the people reports are about ("Vladimir",
// "Sergey", "Serhiy", "Yevgeny", "Oleksiy"; the by-country lists hold the
// names of babies). Evidence, every source licensed for derived lists:
//   - the first word of a Factbook leader's or an OFAC-listed person's name
//     (public domain);
//   - the first word of two or more persons' names of two or more words in
//     the training sources of the entity model (Re-DocRED, CrossNER
//     politics, wikigold);
//   - in the unlabeled corpora, a word between a title and a capitalised
//     word that ends the name ("Minister Sergey Lavrov", "Governor Vitaly
//     Kiselyov"), before two or more different surnames.
//
// A candidate is a capitalised word of letters (a hyphen allowed) of three
// or more, which the unlabeled corpora write in lower case under 5 times or
// in under a tenth of its uses, no title, no
// census surname that is no given name ("Perez"), no nationality, country
// or province name, and no name particle. They serve the entity rules only:
// the model's person features keep the census and by-country lists it was
// trained with.
func extraGivenNames(shared string, ents []entity, names map[string]string) ([]string, error) {
	titles := map[string]bool{}
	titleLast := map[string]bool{}
	addTitle := func(t string) {
		for _, w := range strings.Fields(t) {
			titles[strings.ToLower(strings.Trim(w, ".,"))] = true
		}
		if ws := strings.Fields(t); len(ws) > 0 {
			titleLast[ws[len(ws)-1]] = true
		}
	}
	if err := readTSV(filepath.Join(shared, "gazetteer", "titles.tsv"), func(r []string) error {
		for _, t := range append([]string{r[1]}, splitAliases(r[3])...) {
			addTitle(t)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readTSV(filepath.Join(lexiconDir, "titles.tsv"), func(r []string) error {
		for _, t := range append([]string{r[0]}, splitAliases(r[len(r)-1])...) {
			addTitle(t)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	unfit := map[string]bool{"abu": true, "umm": true, "bin": true, "ibn": true, "abd": true, "al": true, "el": true, "ould": true, "van": true, "von": true, "de": true}
	for _, e := range ents {
		if e.label == "NORP" || e.kind == "country" || e.kind == "territory" {
			for _, a := range append([]string{e.name}, e.aliases...) {
				for _, w := range strings.Fields(a) {
					unfit[strings.ToLower(w)] = true // "Zealand", "Polynesia", "European"
				}
			}
		}
	}
	for _, lx := range []string{"norp", "demonyms-regional", "demonym-nouns"} {
		if err := readTSV(filepath.Join(lexiconDir, lx+".tsv"), func(r []string) error {
			for _, w := range strings.Fields(r[0]) {
				unfit[strings.ToLower(w)] = true // "European"
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	candidate := func(w string) bool {
		if len(w) < 3 || !unicode.IsUpper([]rune(w)[0]) {
			return false
		}
		parts := strings.Split(w, "-") // "Jean-Claude"; not "Al-Basher", "Abd-al-Latif", "Assembly-"
		if len(parts) > 2 {
			return false
		}
		for _, p := range parts {
			if len(p) < 3 || unfit[strings.ToLower(p)] {
				return false
			}
			for i, r := range p {
				if !unicode.IsLetter(r) || i == 0 && !unicode.IsUpper(r) || i > 0 && unicode.IsUpper(r) {
					return false
				}
			}
		}
		low := strings.ToLower(w)
		k := names[low]
		return !strings.Contains(k, "G") && k != "S" && !titles[low] && !unfit[low]
	}
	found := map[string]bool{}
	for _, e := range ents {
		if e.label != "PERSON" {
			continue
		}
		for _, a := range append([]string{e.name}, e.aliases...) {
			if ws := strings.Fields(a); len(ws) >= 2 && !strings.Contains(a, ",") && candidate(ws[0]) {
				found[strings.ToLower(ws[0])] = true
			}
		}
	}
	spans := map[string]int{}
	ner := filepath.Join(shared, "corpus", "ner", "extra")
	for _, f := range []string{"redocred/dev.sitrep.bio", "redocred/test.sitrep.bio", "crossner-politics/politics_train.txt",
		"crossner-politics/politics_dev.txt", "crossner-politics/politics_test.txt", "wikigold/wikigold.conll.txt"} {
		if err := personSpans(filepath.Join(ner, f), func(ws []string) {
			if len(ws) >= 2 && candidate(ws[0]) {
				spans[strings.ToLower(ws[0])]++
			}
		}); err != nil {
			return nil, err
		}
	}
	for w, n := range spans {
		if n >= 2 { // once may be an annotator's slip ("Hummus Bar")
			found[w] = true
		}
	}
	surnames := map[string]map[string]bool{}
	lower, upper := map[string]int{}, map[string]int{}
	for _, f := range []string{"isw", "aptnotes", "annoctr", "openstax", "factbook", "ungdc"} {
		if err := eachGzLine(filepath.Join(shared, "corpus", "unlabeled", f+".txt.gz"), func(l string) {
			ws := strings.Fields(l)
			for _, w := range ws {
				// Whole words only: "serhiy" in a cited URL is no prose.
				w = strings.Trim(w, ".,;:!?()[]\"'’“”")
				if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
					continue
				}
				if r := []rune(w)[0]; unicode.IsLower(r) {
					lower[w]++
				} else if unicode.IsUpper(r) {
					upper[strings.ToLower(w)]++
				}
			}
			for i := 0; i+2 < len(ws); i++ {
				if !titleLast[ws[i]] || !candidate(ws[i+1]) {
					continue
				}
				sn := strings.TrimRight(ws[i+2], ".,;:")
				sn = strings.TrimSuffix(strings.TrimSuffix(sn, "'s"), "’s")
				if len(sn) < 2 || !unicode.IsUpper([]rune(sn)[0]) || i+3 < len(ws) && sn == ws[i+2] && unicode.IsUpper([]rune(ws[i+3])[0]) {
					continue // the name goes on: no telling which word is the given name
				}
				if surnames[ws[i+1]] == nil {
					surnames[ws[i+1]] = map[string]bool{}
				}
				surnames[ws[i+1]][sn] = true
			}
		}); err != nil {
			return nil, err
		}
	}
	for w, sns := range surnames {
		if len(sns) >= 2 {
			found[strings.ToLower(w)] = true
		}
	}
	out := make([]string, 0, len(found))
	for w := range found {
		// Prose writes it capitalised: a lower-case form now and then (a
		// user name in a path, "sergey@") is no common word.
		if lower[w] < 5 || lower[w]*10 < upper[w] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out, nil
}

// personSpans calls fn with the words of each person's name of a BIO file
// (one token per line, the tag in the last column; PER, PERSON, person and
// politician are persons).
func personSpans(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var span []string
	flush := func() {
		if len(span) > 0 {
			fn(span)
		}
		span = nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			flush()
			continue
		}
		tag := fs[len(fs)-1]
		prefix, typ, ok := strings.Cut(tag, "-")
		if !ok || typ != "PER" && typ != "PERSON" && typ != "person" && typ != "politician" {
			flush()
			continue
		}
		if prefix == "B" {
			flush()
		}
		span = append(span, fs[0])
	}
	flush()
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// lexiconDir holds the project's own lexicons (make models runs from the
// repository's root).
var lexiconDir = "models/lexicon"
