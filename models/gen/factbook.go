package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// factbookEntities reads the CIA World Factbook lists of ../shared/gazetteer
// (public domain): leaders (PERSON), security forces and political parties
// (ORG), terrorist groups not already in armed_groups.tsv (GROUP). Their names
// are proper names by construction, but parties and forces carry one-word
// names and acronyms that are also English words ("Dignity", "Forward", "AL"),
// so an alias is kept only when it can be told from prose (factbookAlias).
// Names that say nothing of their country ("Navy", "National Police":
// generic_name=yes) are left out.
func factbookEntities(gz string, common, ctiCaps map[string]bool) ([]entity, error) {
	sovereign := map[string]bool{}
	if err := readTSV(filepath.Join(gz, "countries.tsv"), func(r []string) error {
		sovereign[r[0]] = r[2] == "country"
		return nil
	}); err != nil {
		return nil, err
	}
	clean := func(names []string) []string {
		var out []string
		for _, a := range names {
			if factbookAlias(a, common, ctiCaps) {
				out = append(out, a)
			}
		}
		return out
	}
	var ents []entity
	// Leaders: the Factbook repeats a US president under every territory; keep
	// one row per name, a sovereign state's and the latest, so the link names
	// the office that matters.
	type leader struct {
		e         entity
		sovereign bool
		last      int
	}
	leaders := map[string]leader{}
	if err := readTSV(filepath.Join(gz, "leaders.tsv"), func(r []string) error {
		last, _ := strconv.Atoi(r[10])
		name, aliases := r[1], splitAliases(r[3])
		if r[6] != "" && strings.HasPrefix(name, r[6]+" ") {
			// The list runs a territory into its governors' names ("Pitcairn
			// Islands Jonathan Sinclair", aliased "Pitcairn Sinclair"): the
			// name is what follows, and the aliases made from it go.
			name, aliases = strings.TrimPrefix(name, r[6]+" "), nil
		}
		l := leader{entity{label: "PERSON", id: r[0], name: name, kind: "leader", rank: 15, aliases: aliases}, sovereign[r[5]], last}
		if old, ok := leaders[name]; ok && (old.sovereign && !l.sovereign || old.sovereign == l.sovereign && old.last >= l.last) {
			return nil
		}
		leaders[name] = l
		return nil
	}); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(leaders))
	for n := range leaders {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ents = append(ents, leaders[n].e)
	}
	for _, src := range []struct {
		file, label string
		rank        int // as the sanctioned organisations; groups as the armed groups
		skip        func(r []string) bool
	}{
		{"security_forces.tsv", "ORG", 14, func(r []string) bool { return r[8] == "yes" }},
		{"political_parties.tsv", "ORG", 14, nil},
		{"factbook_groups.tsv", "GROUP", 2, func(r []string) bool { return r[7] != "" }}, // xref: listed already
	} {
		if err := readTSV(filepath.Join(gz, src.file), func(r []string) error {
			if src.skip != nil && src.skip(r) {
				return nil
			}
			all := clean(append([]string{r[1]}, splitAliases(r[3])...))
			if len(all) == 0 {
				return nil
			}
			ents = append(ents, entity{label: src.label, id: r[0], name: all[0], kind: r[2], rank: src.rank, aliases: all[1:]})
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return ents, nil
}

// factbookAlias reports whether a party's or force's name or alias can be
// matched in prose without taking English words or other acronyms for it:
// not a word that unlabeled text writes in lower case ("Freedom", "Blue"),
// not a name made only of such words ("Cyber Security"), not an acronym of
// three letters or fewer ("ATM", "MSP" are parties somewhere) or one that
// CTI text uses.
func factbookAlias(a string, common map[string]bool, ctiCaps map[string]bool) bool {
	letters, upper := 0, 0
	for _, r := range a {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters < 3 || a == strings.ToLower(a) || strings.ContainsAny(a, "[]") {
		return false
	}
	ws := strings.Fields(a)
	if len(ws) == 1 && upper >= 2 && upper*2 > letters { // an acronym: "ZAPU", "PfE"
		return letters > 3 && !ctiCaps[a]
	}
	for _, w := range ws {
		if !common[strings.ToLower(strings.Trim(w, ".,()'"))] {
			return true
		}
	}
	return false
}

// proseWords counts, over the unlabeled corpora of ../shared, the words
// written in lower case (common words a list's name can be mistaken for) and
// the all-capital tokens of CTI reports (acronyms of that field).
func proseWords(shared string) (common, ctiCaps map[string]bool, err error) {
	lower, caps := map[string]int{}, map[string]int{}
	for _, f := range []string{"isw", "aptnotes", "annoctr", "openstax", "factbook"} {
		cti := f == "aptnotes" || f == "annoctr"
		if err := eachGzLine(filepath.Join(shared, "corpus", "unlabeled", f+".txt.gz"), func(l string) {
			for _, w := range strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) }) {
				switch {
				case w == strings.ToLower(w):
					lower[w]++
				case cti && len(w) > 1 && w == strings.ToUpper(w):
					caps[w]++
				}
			}
		}); err != nil {
			return nil, nil, err
		}
	}
	common, ctiCaps = map[string]bool{}, map[string]bool{}
	for w, n := range lower {
		if n >= 5 {
			common[w] = true
		}
	}
	for w, n := range caps {
		if n >= 2 {
			ctiCaps[w] = true
		}
	}
	return common, ctiCaps, nil
}

func eachGzLine(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fn(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// languageLine finds the Factbook's "Languages" paragraphs: items such as
// "Pashto (official) 48%" or "Arabic (official)", without the religions
// ("Muslim (official; ...)") and capitals ("(official capital)") that use
// the same form.
var (
	languageLine = regexp.MustCompile(`\(official[),;]|\(official (and national|working|national)`)
	languageHead = regexp.MustCompile(`^((?:[A-Z][a-z]+(?:[-'][A-Za-z]+)?)(?:(?: | or | and )[A-Z][a-z]+(?:[-'][A-Za-z]+)?)*)\s*(?:\(|\d|$)`)
	languageWord = regexp.MustCompile(`[A-Z][a-z]+(?:[-'][A-Za-z]+)?`)
)

// languages returns the language names the Factbook's language fields list
// (factbook.txt.gz of ../shared/corpus/unlabeled, public domain), which the
// entity guidelines make NORP ("the Russian in 'Russian language'"): without
// them a model that never saw "Pashto" or "Dari" calls them places. Kept: names
// of four or more letters that are not common lower-case words, personal
// names ("Sara", "Cook") or names already listed (places, demonyms).
func languages(shared string, common map[string]bool, listed map[string]bool) ([]string, error) {
	seen := map[string]bool{}
	err := eachGzLine(filepath.Join(shared, "corpus", "unlabeled", "factbook.txt.gz"), func(p string) {
		if !languageLine.MatchString(p) || strings.Contains(p, "capital") || strings.Contains(p, "Muslim") ||
			strings.Contains(p, "Christian") || strings.Contains(p, "Catholic") {
			return
		}
		for _, it := range topLevelItems(p) {
			m := languageHead.FindStringSubmatch(strings.TrimSpace(it))
			if m == nil {
				continue
			}
			for _, w := range languageWord.FindAllString(m[1], -1) {
				if len(w) >= 4 && !common[strings.ToLower(w)] && !listed[strings.ToLower(w)] {
					seen[w] = true
				}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(seen))
	for w := range seen {
		out = append(out, w)
	}
	sort.Strings(out)
	return out, nil
}

// topLevelItems splits a Factbook field on commas and semicolons outside
// brackets.
func topLevelItems(p string) []string {
	var out []string
	depth, from := 0, 0
	for i, r := range p {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case (r == ',' || r == ';') && depth == 0:
			out = append(out, p[from:i])
			from = i + 1
		}
	}
	return append(out, p[from:])
}

// leaderSurnameEvidence finds the Factbook leaders' surnames that the
// census also lists (as surnames only) but that the unlabeled corpora of
// ../shared use for that leader: of the times a listed given name stands
// before the surname, at least 80% are the leader's own given name, over 20
// times or more, and the surname stands alone 5 times or more ("Donald
// Trump" 105 of 107, "Angela Merkel" 21 of 21; "Ian Smith" and "Javier
// Perez" are other people). The entity stage names such a leader by
// surname alone, as it does the leaders whose surnames no list holds
// ("Putin"). Only the counts ship (models/data/leader_surnames.tsv).
func leaderSurnameEvidence(corpora []string, ents []entity, names map[string]string) ([]string, error) {
	own := map[string]map[string]bool{} // surname -> the leader's given names
	for _, e := range ents {
		if e.kind != "leader" {
			continue
		}
		for _, a := range append([]string{e.name}, e.aliases...) {
			ws := strings.Fields(a)
			if len(ws) < 2 {
				continue
			}
			sn := ws[len(ws)-1]
			k := names[strings.ToLower(sn)]
			if !strings.Contains(k, "S") || strings.Contains(k, "G") || len(sn) < 4 {
				continue
			}
			if own[sn] == nil {
				own[sn] = map[string]bool{}
			}
			own[sn][ws[0]] = true
		}
	}
	pairs, mine, alone := map[string]int{}, map[string]int{}, map[string]int{}
	for _, f := range corpora {
		if err := eachGzLine(f, func(l string) {
			ws := strings.Fields(l)
			for i, w := range ws {
				w = strings.TrimRight(w, ".,;:)'’\"”")
				w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
				g, ok := own[w]
				if !ok {
					continue
				}
				prev := ""
				if i > 0 {
					prev = ws[i-1]
				}
				if prev != "" && unicode.IsUpper([]rune(prev)[0]) && strings.Contains(names[strings.ToLower(prev)], "G") {
					pairs[w]++
					if g[prev] {
						mine[w]++
					}
				} else if prev == "" || !unicode.IsUpper([]rune(prev)[0]) {
					alone[w]++
				}
			}
		}); err != nil {
			return nil, err
		}
	}
	var out []string
	for sn := range own {
		if pairs[sn] >= 20 && mine[sn]*5 >= pairs[sn]*4 && alone[sn] >= 5 {
			out = append(out, fmt.Sprintf("%s\t%d\t%d\t%d", sn, pairs[sn], mine[sn], alone[sn]))
		}
	}
	sort.Strings(out)
	return out, nil
}
