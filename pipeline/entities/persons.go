package entities

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// newTitleMatcher builds a trie of person titles ("Mawlawi", "Lt. Gen.",
// "Deputy Foreign Minister"). Modifiers stand before titles in reporting;
// alone they are no title ("Foreign Office spokesman" names no person
// "Office") unless modifiersAlone, which the model's clue keeps (below).
func newTitleMatcher(titles []string, modifiers []string, modifiersAlone bool) *matcher {
	m := &matcher{}
	for _, t := range titles {
		if ws := aliasWords(t); len(ws) > 0 {
			m.insert(ws, hit{entry: -1, form: t})
		}
	}
	h := hit{entry: modifierOnly}
	if modifiersAlone {
		h.entry = -1
	}
	for _, t := range modifiers {
		h.form = t
		m.insert(aliasWords(t), h)
	}
	return m
}

// newClueTitles builds the titles of the model's after-title clue as the
// shipped model was trained with them: the shared list, the first
// modifiers, each a title alone. (Retrained with the rules' titles, the
// model measured re3d -0.004 and GeoVirus -0.005 F1, ISW and AnnoCTR
// within 0.003: the clue is left as it was.)
func newClueTitles(g *models.Gazetteer) *matcher {
	return newTitleMatcher(g.Titles, titleModifiers[:10], true)
}

// titleModifiers open a title ("Foreign Secretary", "Army Lt. Gen.") but
// are none by themselves.
var titleModifiers = []string{"Deputy", "Foreign", "Defense", "Defence", "Interior", "Internal", "Chief", "Acting", "Former",
	"Senior", "Colonel General", "Home", "Vice", "Press", "Army", "Navy", "Marine", "Air Force", "Special"}

// modifierOnly marks a hit of the title trie that is a modifier, not a title.
const modifierOnly = -2

// titleEnd returns the index after the longest run of capitalised title
// words starting at i that ends in a title, or i.
func (m *matcher) titleEnd(text string, ws []word, i int) int {
	end := i
	for k := i; k < len(ws) && ws[k].upper; {
		n := root
		best, title := -1, false
		for j := k; j < len(ws); j++ {
			var ok bool
			if n, ok = m.step(n, ws[j].lower); !ok {
				break
			}
			if hs := m.hitsAt(n); len(hs) > 0 {
				best = j
				title = slices.ContainsFunc(hs, func(h hit) bool { return h.entry != modifierOnly })
			}
		}
		if best < 0 {
			break
		}
		k = best + 1
		if title {
			end = k
		}
	}
	return end
}

// findTitled finds "Title Firstname Lastname": the capitalised words after a
// title (at most four) are a PERSON; the title is not part of the span. A
// title, a name and a place head are a place named after the person
// (titledPlace), returned apart.
func (s *Stage) findTitled(text string, sentences [][]word) (out, places []pipeline.Entity) {
	for _, ws := range sentences {
		for i := 0; i < len(ws); i++ {
			j := s.titles.titleEnd(text, ws, i)
			if j == i || text[ws[i].start:ws[i].end] == "MS" {
				continue // ("MS Word": Microsoft's, no Ms)
			}
			j = s.titleChainEnd(text, ws, j)
			if j >= 2 && regionHeads[ws[j-1].lower] && ws[j-1].upper && s.isDemonym(ws[j-2]) {
				// "Head of the Chechen Republic Ramzan Kadyrov": the republic
				// of the office, which no list holds whole, is a GPE.
				st, en := ws[j-2].start, ws[j-1].end
				places = append(places, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: pipeline.LabelGPE, Source: "rule"})
			}
			k := j
			// Initials before the surname, with a particle or not:
			// "President F. W. de Klerk", "F.W. de Klerk" (the model had made
			// "Klerk" a group), "Gen. J. R. Allen".
			if n := leadingInitials(text, ws, k); n > k {
				if m, ok := afterParticles(text, ws, n); ok {
					k = m
				} else if n < len(ws) && isNameWord(text, ws[n]) && spaced(text, ws, n-1, n) {
					k = n // "Gen. J. R. Allen"
				}
			}
			for n := 0; k < len(ws) && n < 4 && isNameWord(text, ws[k]) && !calendarWord(ws[k].lower); n++ {
				if nameParticles[ws[k].lower] || ws[k].lower == "ben" {
					n-- // particles do not count: "Zine El Abidine Ben Ali"
				}
				k++
				k = hyphenedName(text, ws, k) // "Henry Campbell-Bannerman"
				// A middle initial: "Col. David C. Lyons".
				if k+2 < len(ws) && isInitial(text, ws, k) && isNameWord(text, ws[k+2]) {
					k += 2
				}
				// A nickname in quotes: "Brig. Gen. Richard "Tex" Coe".
				if k+3 < len(ws) && nickname(text, ws, k) && isNameWord(text, ws[k+3]) {
					k += 3
				}
			}
			if k == j || s.allCommon(ws[j:k]) || k-j == 1 && (s.commonNoun(ws[j]) || roleNouns[ws[j].lower]) ||
				slices.ContainsFunc(ws[j:k], func(w word) bool { return w.is(clsOrgHead) || companyHeads[w.lower] || personlessHeads[w.lower] }) ||
				companyRunAfter(text, ws, k) {
				// "General Staff", "General Electric", "General Motors Corporation", "General Dynamics Fidelis
				// Cybersecurity Solutions", "General Prosecutor’s Office", "General National Congress": no person
				i = j - 1
				continue
			}
			if h, label := titledPlace(text, ws, j, k); h > 0 {
				st, en := ws[i].start, ws[h].end
				places = append(places, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: label, Source: "rule"})
				i = h
				continue
			}
			if k-j >= 3 && s.gaz.names[ws[j].lower]&models.NameGiven == 0 && s.gaz.names[ws[j+1].lower]&models.NameGiven != 0 &&
				!nameParticles[ws[j+1].lower] && s.jobWord(ws[j]) {
				j++ // a job after the title, before a given name: "Chief Veterinarian John Clifford"
			} else if k-j >= 4 && s.gaz.names[ws[j].lower]&models.NameGiven == 0 && !ws[j].is(clsRoleNoun) && ws[j+1].is(clsRoleNoun) && ws[j+1].upper &&
				s.gaz.names[ws[j+1].lower]&models.NameGiven == 0 && !ws[j+2].is(clsRoleNoun) && s.titles.titleEnd(text, ws, j+2) == j+2 {
				j += 2 // an office of two words: "Deputy Information Minister Daniiil Bezsonov"
			}
			if k < len(ws) && spaced(text, ws, k-1, k) && nameSuffix(text[ws[k].start:ws[k].end], k-j) {
				k++ // "Pope John Paul II", "Charles H. Keating IV", "King Charles VI"
			}
			st, en := ws[j].start, ws[k-1].end
			out = append(out, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: pipeline.LabelPerson, Source: "rule"})
			i = k - 1
		}
	}
	return out, places
}

// titleChainEnd returns where the title that ends at j ends once the
// nationalities or places and titles written after it are taken in:
// "Deputy Ukrainian Prime Minister Irina Vereshchuk", where "Deputy" alone
// is a title, names Irina Vereshchuk and not "Ukrainian Prime Minister
// Irina".
func (s *Stage) titleChainEnd(text string, ws []word, j int) int {
	for j+1 < len(ws) && ws[j].upper && (s.isDemonym(ws[j]) || s.isPlace(ws[j])) && spaced(text, ws, j, j+1) {
		te := s.titles.titleEnd(text, ws, j+1)
		if te == j+1 {
			break
		}
		j = te
	}
	if k := s.ofPlaceEnd(text, ws, j); k > j {
		return k
	}
	return j
}

// ofPlaceEnd returns the index after "of" and a listed place that follow a
// title ending at j when a full name comes next ("Governor of St.
// Petersburg Alexander Belov", "Head of the Chechen Republic Ramzan
// Kadyrov": the place is the office's, the person after it), or j.
func (s *Stage) ofPlaceEnd(text string, ws []word, j int) int {
	if j+3 >= len(ws) || ws[j].lower != "of" || text[ws[j].start:ws[j].end] != "of" {
		return j
	}
	k := j + 1
	if ws[k].lower == "the" {
		k++
	}
	end := -1 // after the longest listed place from k
	if n, ok := first(ws, k); ok {
		for m := k; ok && m < len(ws) && m < k+5; {
			if slices.ContainsFunc(s.gaz.hitsAt(n), func(h hit) bool { return isPlace(s.gaz.entries[h.entry].Label) }) {
				end = m + 1
			}
			if m++; m < len(ws) {
				n, ok = s.gaz.step(n, ws[m].lower)
			}
		}
	}
	if end < 0 && k+2 < len(ws) && regionHeads[ws[k+1].lower] && ws[k+1].upper && isNameWord(text, ws[k]) {
		end = k + 2 // "the Chechen Republic", which no list holds
	}
	if end > 0 && end < len(ws) && ws[end].upper && adminHeads[ws[end].lower] {
		end++ // "Kharkiv Oblast": the lists hold the name, the head follows (relabelFeatures)
	}
	if end > 0 && end+2 < len(ws) && ws[end].lower == "(" && isAcronym(text[ws[end+1].start:ws[end+1].end]) && ws[end+2].lower == ")" {
		end += 3 // "Head of the Luhansk People’s Republic (LNR) Leonid Pasechnik"
	}
	if end < 0 || end+1 >= len(ws) || !isNameWord(text, ws[end]) || !isNameWord(text, ws[end+1]) || !spaced(text, ws, end-1, end) ||
		!spaced(text, ws, end, end+1) {
		return j
	}
	for _, w := range ws[end : end+2] {
		if s.titleWord(w.lower) || w.is(clsOrgHead) || companyHeads[w.lower] || featureHeads[w.lower] {
			return j // "Commander of the Black Sea Fleet Admiral Osipov": the name goes on, or a title follows
		}
	}
	given := s.gaz.names[ws[end].lower]&models.NameGiven != 0 || s.listedPerson(ws, end, end+2)
	unlisted := ws[end].gaz == 0 && ws[end+1].gaz == 0 && !s.isCommon(ws[end]) && !s.isCommon(ws[end+1]) // "Ramzan Kadyrov"
	if !given && !unlisted {
		return j
	}
	return end
}

// titledPlaceHeads end places named after a titled person: "King George
// Island", "Queen Maud Land", "Prince William Sound", "Queen Anne's
// County". Counties and parishes govern (GPE); the rest are LOC.
var titledPlaceHeads = map[string]string{"island": pipeline.LabelLoc, "islands": pipeline.LabelLoc, "land": pipeline.LabelLoc,
	"sound": pipeline.LabelLoc, "bay": pipeline.LabelLoc, "strait": pipeline.LabelLoc, "lake": pipeline.LabelLoc,
	"peninsula": pipeline.LabelLoc, "coast": pipeline.LabelLoc, "gulf": pipeline.LabelLoc, "channel": pipeline.LabelLoc,
	"county": pipeline.LabelGPE, "parish": pipeline.LabelGPE}

// titledPlace returns the place head that ends a place named after a
// titled person, whose name words after the title are ws[j:k], and its
// label; h is 0 when there is none. The head is one of the first two name
// words' successors ("King George Island", "Prince William Sound") or
// follows a possessive ("Queen Anne's County").
func titledPlace(text string, ws []word, j, k int) (h int, label string) {
	for m := j; m < k && m < j+2; m++ {
		n := m + 1
		if m == k-1 && possessiveAfter(text, ws[m].end) {
			n = m + 3 // "'" and "s"
			if n >= len(ws) || text[ws[n-1].end] != ' ' {
				return 0, ""
			}
		}
		if n < len(ws) && ws[n].upper && (n == m+3 || n < k) {
			if l, ok := titledPlaceHeads[ws[n].lower]; ok {
				return n, l
			}
		}
	}
	return 0, ""
}

// roleNouns describe a person by what they do, written in lower case right
// before the name: "Wagner Group financier Yevgeny Prigozhin", "milblogger
// Yuri Kotyenok", "occupation head Vitaly Ganchev".
var roleNouns = set("financier founder leader head chief commander spokesperson spokesman spokeswoman milblogger " +
	"blogger journalist correspondent analyst official minister adviser advisor aide governor mayor president premier " +
	"ambassador envoy officer businessman oligarch activist politician lawmaker legislator senator chairman director " +
	"secretary prosecutor judge warlord emir presenter propagandist deputy hacker")

// personNouns name a person before "named" or "called".
var personNouns = set("person man woman individual boy girl hacker user suspect")

// findRoled finds the persons a lower-case role noun, a person's noun and
// "named" ("a man named"), or the end of an institution's name introduces: two or three capitalised words right
// after it that end there, none of them a common word, a title, an
// organisation's or unit's head or a month.
func (s *Stage) findRoled(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i+2 < len(ws); i++ {
			// A role noun, or the head word that ends an institution's
			// name ("Leader of the Russian Communist Party Gennady
			// Zyuganov", "Presidential Administration Sergey Kiriyenko").
			role := ws[i].is(clsRoleNoun) && (!ws[i].upper || i > 0 && ws[i-1].upper) || // "Wagner Group Financier Yevgeny Prigozhin"
				ws[i].upper && ws[i].is(clsOrgHead) && i > 0 && (ws[i-1].upper || isQuote(text, ws[i-1])) ||
				(ws[i].lower == "named" || ws[i].lower == "called") && i > 0 && personNouns[ws[i-1].lower] // "a person named Chen Xingpeng"
			if !role {
				continue
			}
			// A name set off by commas after the role: "Luhansk Oblast
			// Head, Serhiy Haidai, stated"; it must open with a listed
			// given name and close with a comma.
			apposed := i+2 < len(ws) && ws[i+1].lower == "," && ws[i+1].start == ws[i].end && spaced(text, ws, i+1, i+2) &&
				s.gaz.names[ws[i+2].lower]&models.NameGiven != 0
			if !spaced(text, ws, i, i+1) && !apposed {
				continue
			}
			if apposed {
				i++ // the comma stands where the role's last word would
			}
			k, n := i+1, 0
			for k < len(ws) && n < 3 && isNameWord(text, ws[k]) && (k == i+1 || spaced(text, ws, k-1, k)) &&
				!s.gaz.common[ws[k].lower] && !orgHeads[ws[k].lower] && !unitHeads[ws[k].lower] && !calendarWord(ws[k].lower) &&
				s.titles.titleEnd(text, ws, k) == k {
				k, n = k+1, n+1
				k = hyphenedName(text, ws, k) // "Jaime Perez-Guerra"
			}
			if n < 2 || k < len(ws) && spaced(text, ws, k-1, k) && ws[k].upper || apposed && (k == len(ws) || ws[k].lower != ",") {
				continue // one word, or a longer run of capitals, or an apposition left open
			}
			first := i + 1
			if n == 3 && s.gaz.names[ws[first].lower]&models.NameGiven == 0 && s.gaz.names[ws[first+1].lower]&models.NameGiven != 0 && s.jobWord(ws[first]) {
				first++ // a job before a given name: "Department Epidemiologist Patsy Tassler"
			}
			st, en := ws[first].start, ws[k-1].end
			out = append(out, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: pipeline.LabelPerson, Source: "rule"})
			i = k - 1
		}
	}
	return out
}

// trimTitles ends a model entity of another kind than a person before the
// title of a person the rules found right after it: "Ukrainian Presidential
// Office Deputy Head" before "Kyrylo Tymoshenko" is the office; the title is
// the person's, and no part of either name.
// What is left goes if a listed name holds exactly its words ("Melitopol"
// of "Melitopol Mayor" is the listed town, not an office).
func (s *Stage) trimTitles(text string, spans []pipeline.Sentence, sentences [][]word, found, persons, listed []pipeline.Entity) []pipeline.Entity {
	if len(persons) == 0 {
		return found
	}
	starts := make(map[int]bool, len(persons))
	for _, p := range persons {
		starts[p.Start] = true
	}
	out := found[:0]
	for _, e := range found {
		if e.Label != pipeline.LabelPerson {
			if end, ok := s.beforeTitle(text, spans, sentences, e, starts); ok {
				if end <= e.Start || slices.ContainsFunc(listed, func(l pipeline.Entity) bool { return l.Start == e.Start && l.End == end }) {
					continue // all title, or a listed name and a title
				}
				e.End = end
				e.Text = text[e.Start:e.End]
			}
		}
		out = append(out, e)
	}
	return out
}

// beforeTitle returns where e ends once the title words it ends with are
// taken off, if a person starts right after them.
func (s *Stage) beforeTitle(text string, spans []pipeline.Sentence, sentences [][]word, e pipeline.Entity, persons map[int]bool) (int, bool) {
	ws, ok := sentenceOf(spans, sentences, e.End)
	if !ok {
		return 0, false
	}
	k0 := sort.Search(len(ws), func(i int) bool { return ws[i].start >= e.Start })
	k1 := sort.Search(len(ws), func(i int) bool { return ws[i].end > e.End }) // the word after e
	if k0 >= k1 || k1 >= len(ws) {
		return 0, false
	}
	for k := k0; k < k1; k++ {
		// The title may run on past e: "Armed Forces Army" of "Army
		// General Valery Gerasimov".
		if te := s.titles.titleEnd(text, ws, k); te >= k1 && te < len(ws) && persons[ws[te].start] {
			if k == k0 {
				return e.Start, true
			}
			return ws[k-1].end, true
		}
	}
	return 0, false
}

// nameSuffixes end a person's name: regnal and generation numbers.
var nameSuffixes = set("II III IV V VI VII VIII Jr Sr")

// hyphenedName returns the index after a name word's hyphenated tail
// ("-Guerra" of "Perez-Guerra") when word k, right after the name word,
// is a hyphen joining another name word; k itself when there is none.
func hyphenedName(text string, ws []word, k int) int {
	for joinHyphen(text, ws, k) && isNameWord(text, ws[k+1]) {
		k += 2
	}
	return k
}

// nameSuffix reports whether w ends a name of n words: a regnal number
// after any, Jr or Sr after a full name.
func nameSuffix(w string, n int) bool {
	return nameSuffixes[w] && (n > 1 || w != "Jr" && w != "Sr")
}

// nickname reports whether ws[k:k+3] is a capitalised word in quotes
// after one space, the quotes attached to it.
func nickname(text string, ws []word, k int) bool {
	if !spaced(text, ws, k-1, k) || ws[k+1].start != ws[k].end || ws[k+2].start != ws[k+1].end || !isNameWord(text, ws[k+1]) {
		return false
	}
	open, close := text[ws[k].start:ws[k].end], text[ws[k+2].start:ws[k+2].end]
	return (open == `"` || open == "“") && (close == `"` || close == "”")
}

// isNameWord: a capitalised word that is not an acronym, e.g. "Rahmani".
func isNameWord(text string, w word) bool {
	s := text[w.start:w.end]
	return len(s) > 1 && isUpperWord(s) && !isAcronym(s) && lowerDiffers(s)
}

// lowerDiffers reports whether strings.ToLower(s) != s without building the
// lower-case copy (isNameWord runs at every word of several rules).
func lowerDiffers(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.ToLower(r) != r { // ToLower writes U+FFFD for a bad byte
			return true
		}
		i += n
	}
	return false
}

// aliasTable maps in-document aliases (acronyms, surnames) to their entity.
type aliasTable struct {
	byWord map[string]pipeline.Entity
	// alone marks the words whose mentions count only where no
	// capitalised word is spaced next to them: a company's name that its
	// context showed ("Ford's stock") is not "Ford" of "Ford Motor Company".
	alone map[string]bool
}

// acronymDefinitions learns "Long Name (ACR)": an entity followed by an
// acronym in parentheses makes every "ACR" the same entity. The document's
// first definition counts, and of the entities ending there the longest:
// "Organization of African Unity (OAU)" defines the organisation, not the
// place "Unity" inside it. A one-word name defines only an acronym of its
// own initial, whose letters it holds in order: "Somalia" of "United
// Nations Operation in Somalia (UNOSOM)" is no definition (the rules missed
// the whole name), nor "Mali" of "(MINUSMA)".
func acronymDefinitions(text string, ents []pipeline.Entity) *aliasTable {
	t := &aliasTable{byWord: map[string]pipeline.Entity{}}
	for _, e := range ents {
		rest := text[e.End:]
		if !strings.HasPrefix(rest, " (") {
			continue
		}
		close := strings.IndexByte(rest, ')')
		if close < 3 || close > 12 {
			continue
		}
		acr := rest[2:close]
		if !isAcronym(acr) && (!isLetters(acr) || acr != wordInitials(e.Text) || strings.ToLower(acr) == acr) {
			continue // (an acronym may keep a function word's small letter: "Gulf of Mexico (GoM)")
		}
		r, _ := utf8.DecodeRuneInString(e.Text)
		a, _ := utf8.DecodeRuneInString(acr)
		opens := unicode.ToUpper(r) == a // the acronym opens as the name does
		if !strings.ContainsAny(e.Text, " -") && (!opens || !lettersInOrder(strings.ToLower(acr), strings.ToLower(e.Text))) {
			continue // "Mali" of "... Mission in Mali (MINUSMA)" defines no MINUSMA; "Microsoft (MSFT)" does
		}
		if e.Label == pipeline.LabelPerson && acr != initials(e.Text) {
			continue // "Joseph Muscat (PL)": a party after a person's name; "John F. Kennedy (JFK)" is his
		}
		if e.Label == pipeline.LabelGPE && strings.Contains(e.Text, " ") && !opens {
			continue // "Convention for a Democratic South Africa (CODESA)": a place ending a longer name; a state's
			// acronym opens as its name does ("United Arab Emirates (UAE)"), where a body's may be foreign ("PKK")
		}
		if old, seen := t.byWord[acr]; !seen || e.End < old.End || e.End == old.End && e.Start < old.Start {
			t.byWord[acr] = e
		}
	}
	return t
}

// lettersInOrder reports whether the letters of acr appear in word in order.
func lettersInOrder(acr, word string) bool {
	for _, r := range acr {
		i := strings.IndexRune(word, r)
		if i < 0 {
			return false
		}
		word = word[i+utf8.RuneLen(r):]
	}
	return true
}

// wordInitials returns the first letters of a name's words, split at
// spaces and hyphens, as written ("Gulf of Mexico" -> "GoM").
func wordInitials(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(r)
	}
	return b.String()
}

// initials returns the upper-case first letters of a name's words
// ("John F. Kennedy" -> "JFK").
func initials(name string) string { return strings.Map(unicode.ToUpper, wordInitials(name)) }

// capitalInitials returns the first letters of a name's capitalised words
// ("Labor Party of Uzbekistan" -> "LPU").
func capitalInitials(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return r
		}
		return -1
	}, wordInitials(name))
}

// find returns mentions of learnt acronyms, matched case-sensitively.
func (t *aliasTable) find(text string, ws []word) []pipeline.Entity {
	if len(t.byWord) == 0 {
		return nil
	}
	var out []pipeline.Entity
	for k, w := range ws {
		s := text[w.start:w.end]
		if before, after := capitalsBeside(text, ws, k); t.alone[s] && (before && !determiners[ws[k-1].lower] || after) {
			continue
		}
		if def, ok := t.byWord[s]; ok {
			out = append(out, pipeline.Entity{Start: w.start, End: w.end, Text: s, Label: def.Label, ID: def.ID,
				Name: nameOf(def), Kind: def.Kind, Source: "alias"})
		}
	}
	return out
}

func nameOf(e pipeline.Entity) string {
	if e.Name != "" {
		return e.Name
	}
	return e.Text
}

// surname is a mention of a document person's surname; sure when the full
// name came from the rules or the lists rather than the model.
type surname struct {
	pipeline.Entity
	sure bool
}

// surnames links a bare surname to a full PERSON name found anywhere in the
// document ("Rahmani" -> "Hamdullah Rahmani"), or to a surname the rules
// found alone after a title ("Chief of the General Staff Gerasimov", "US
// President Trump"): later "Gerasimov said" is that person. A full name
// wins over a titled surname. The table of surnames is built once per
// document, not once per sentence.
func (s *Stage) surnames(text string, sentences [][]word, ents []pipeline.Entity) []surname {
	last := map[string]pipeline.Entity{}
	for _, e := range ents {
		if e.Label != pipeline.LabelPerson || !strings.Contains(e.Text, " ") {
			continue
		}
		sn := e.Text[strings.LastIndexByte(e.Text, ' ')+1:]
		if calendarWord(strings.ToLower(sn)) {
			continue // a day or month is no one's surname elsewhere ("Black Monday")
		}
		if e.Source == "model" && len(sn) > 1 && isUpperCase(sn) {
			continue // an acronym ending a model's name ("Mac APT") is no one's surname elsewhere
		}
		if first := strings.ToLower(e.Text[:strings.IndexByte(e.Text, ' ')]); e.Source == "model" && s.pluralNoun(strings.ToLower(sn)) &&
			s.gaz.names[first]&models.NameGiven == 0 && s.listedPlaceOrPeople(first) {
			continue // the model's "Gulf States" makes no person of "the States of the area" ("Tiger Woods", "Eugene V. Debs" do of their surnames)
		}
		for _, s := range []string{sn, bareSurname(sn)} {
			if len(s) > 2 {
				if _, ok := last[s]; !ok {
					last[s] = e
				}
			}
		}
	}
	for _, e := range ents {
		if e.Label == pipeline.LabelPerson && e.Source == "rule" && s.titledSurname(e.Text) {
			if _, ok := last[e.Text]; !ok {
				last[e.Text] = e
			}
		}
	}
	if len(last) == 0 {
		return nil
	}
	at := newSpanIndex(ents)
	var out []surname
	for _, ws := range sentences {
		for k, w := range ws {
			sn := text[w.start:w.end]
			def, ok := last[sn]
			if k+2 < len(ws) && (joinHyphen(text, ws, k+1) || apostropheSurname(text, ws, k) > 0) {
				// A hyphenated surname is three words: "Amir-Abdollahian"
				// after "Hossein Amir-Abdollahian"; so is "O’Brien".
				if d, ok2 := last[text[w.start:ws[k+2].end]]; ok2 {
					w.end, sn, def, ok = ws[k+2].end, text[w.start:ws[k+2].end], d, true
				}
			}
			if !ok {
				continue
			}
			// A titled surname stands alone: next to another capitalised
			// word it is part of a longer name ("Susilo Bambang Yudhoyono").
			before, after := capitalsBeside(text, ws, k)
			if def.Start+len(sn) == def.End && (w.start == def.Start || before || after) {
				continue
			}
			// A surname that is a plain word ends other names too: "States"
			// of "Francophone States" is no one in "Member States" (but
			// "Steve Jobs" is, after a given name).
			if before && s.titles.titleEnd(text, ws, k-1) == k-1 && s.gaz.names[ws[k-1].lower]&models.NameGiven == 0 && !nameParticles[ws[k-1].lower] &&
				s.plainOrPlural(w.lower) {
				continue
			}
			st := w.start
			if p := k - 1; p >= 0 && nameParticles[ws[p].lower] && text[ws[p].start:ws[p].end] == ws[p].lower && spaced(text, ws, p, k) &&
				strings.HasSuffix(def.Text, " "+text[ws[p].start:w.end]) {
				st = ws[p].start // "bin Laden" after "Osama bin Laden", with its particle
			} else {
				// The name's last words, as the full name writes them: "Suu
				// Kyi" after "Aung San Suu Kyi". (The full name again is
				// the other layers' to find: "Johnson Controls" a company
				// where the model made a person of it elsewhere.)
				for ; p >= 0 && ws[p].upper && spaced(text, ws, p, p+1) && strings.HasSuffix(def.Text, " "+text[ws[p].start:w.end]) &&
					!slices.ContainsFunc(at.overlapping(ws[p].start, ws[p].end), func(j int) bool { return ents[j].End <= w.start && ents[j].Source != "model" }); p-- {
					st = ws[p].start // (not into a name that ends before the surname: "Mary Joe" + "Fernandez")
				}
			}
			out = append(out, surname{pipeline.Entity{Start: st, End: w.end, Text: text[st:w.end], Label: pipeline.LabelPerson,
				ID: def.ID, Name: nameOf(def), Source: "alias"}, def.Source == "rule" || def.Source == "gazetteer"})
		}
	}
	return out
}

// listedPlaceOrPeople reports whether the gazetteer lists a lower-cased
// word alone as a place or a people ("Gulf", "Arab", "Baltic").
func (s *Stage) listedPlaceOrPeople(low string) bool {
	n, ok := s.gaz.step(root, low)
	return ok && s.listedWith(n, func(e models.GazEntry) bool { return labelClass(e.Label) == "place" || e.Label == pipeline.LabelNORP })
}

// titledSurname reports whether a name the rules found alone after a title
// can name its person alone elsewhere: four letters or more, one
// capitalised word, not a common English word (the lists' or, with a
// model, one its training text writes in lower case and never in a name:
// "Major League"), a given name only ("Queen Maria", "Dr Joseph": other
// people's too) or a day or month.
func (s *Stage) titledSurname(w string) bool {
	if utf8.RuneCountInString(w) < 4 || strings.ContainsAny(w, " -‑'’.") || !isUpperWord(w) || isUpperCase(w) {
		return false
	}
	low := foldWord(w)
	return !s.gaz.common[low] && (s.model == nil || !s.model.plain[low]) &&
		s.gaz.names[low]&(models.NameGiven|models.NameSurname) != models.NameGiven && !calendarWord(low)
}

// regimeNouns make a leader's name the name of a government.
var regimeNouns = set("regime dictatorship")

// leaderMentions returns the heads of state and government a sentence
// names by surname alone (matcher.leaderSurnames), linked to the Factbook's
// entry: a name word with no capitalised word right before or after it
// ("Asma Assad", "Putin Administration" are other names) and no hyphen
// joining it to one ("al-Assad" belongs to its full name).
func (s *Stage) leaderMentions(text string, ws []word) []pipeline.Entity {
	var out []pipeline.Entity
	for k, w := range ws {
		if !w.upper || w.end-w.start < 4 {
			continue // every surname kept is capitalised and four letters or more
		}
		sn := text[w.start:w.end]
		i, ok := s.gaz.leaders[sn]
		before, after := capitalsBeside(text, ws, k)
		if before && k == 1 && functionWords[ws[0].lower] {
			before = false // "But Putin is also adding...": the sentence's first word, no part of a name
		}
		if !ok || before || after || k > 0 && ws[k-1].end == w.start || k+1 < len(ws) && ws[k+1].start == w.end && ws[k+1].lower == "-" {
			continue
		}
		if k > 0 && (ws[k-1].lower == "the" || ws[k-1].lower == "a" || ws[k-1].lower == "an") && k+1 < len(ws) && articleNounEnds[ws[k+1].lower] {
			continue // "the Kings of Saudi Arabia", "the Mauri and Massylii": a noun phrase, no one's surname ("the Trump administration" is)
		}
		n := k + 1
		if possessiveAfter(text, w.end) {
			n += 2 // "'" and "s"
		}
		if n < len(ws) && regimeNouns[ws[n].lower] {
			continue // "the Assad regime", "Assad's brutal regime" name a government, the model's call
		}
		e := s.gaz.entries[i]
		out = append(out, pipeline.Entity{Start: w.start, End: w.end, Text: sn, Label: pipeline.LabelPerson,
			ID: e.ID, Name: e.Name, Kind: e.Kind, Source: "gazetteer"})
	}
	return out
}

// articleNounEnds end a noun phrase that an article opens: "the Kings of",
// "the Mauri, Massylii".
var articleNounEnds = set("of , and . ; :")

// jobWord reports whether a capitalised word before a given name may be a
// job ("Chief Veterinarian John Clifford"): a common word or one the
// model's training text writes in lower case, not a name ("President
// Susilo Bambang Yudhoyono").
func (s *Stage) jobWord(w word) bool {
	if len(w.lower) < 3 {
		return false // "President Ho Chi Minh": no job is so short
	}
	if s.isCommon(w) || s.model != nil && s.model.plain[w.lower] || w.gaz != 0 {
		return true // (a listed word too, as before the names of models/gen: "Mr. Hamilton Shirley Amerasinghe")
	}
	for _, suf := range jobSuffixes {
		if strings.HasSuffix(w.lower, suf) {
			return true // "Epidemiologist", "Veterinarian", "Commissioner"
		}
	}
	return false
}

// jobSuffixes end the nouns of jobs and roles.
var jobSuffixes = []string{"ist", "ian", "er", "or", "ant", "ent", "ary", "ee", "ive"}

// bareSurname returns an Arabic surname without its article ("al-Assad" ->
// "Assad", "el-Sisi" -> "Sisi"), which later mentions drop; "" when sn has
// none.
func bareSurname(sn string) string {
	i := strings.IndexAny(sn, "-‑")
	if i < 0 {
		return ""
	}
	switch strings.ToLower(sn[:i]) {
	case "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul":
		_, n := utf8.DecodeRuneInString(sn[i:])
		if rest := sn[i+n:]; rest != "" && rest != strings.ToLower(rest) {
			return rest
		}
	}
	return ""
}

// allCommon reports whether every word is an ordinary English word ("General
// Staff"): then the title is part of an organisation's name, not a person's.
func (s *Stage) allCommon(ws []word) bool {
	for _, w := range ws {
		if !s.gaz.common[w.lower] {
			return false
		}
	}
	return true
}

// commonNoun reports whether a lone name word after a title is an ordinary
// noun that no names list holds, written in lower case in the training data
// or the plural of a common word: "General Electric" and "General
// Dynamics" are companies ("General Gerasimov", "General Adams" are
// persons).
func (s *Stage) commonNoun(w word) bool {
	if s.gaz.names[w.lower] != 0 {
		return false
	}
	if s.isCommon(w) || s.model != nil && s.model.plain[w.lower] {
		return true
	}
	sg, ok := strings.CutSuffix(w.lower, "s")
	return ok && s.gaz.common[sg]
}

// kunya opens an Arabic name ("Abu Bakr", "Umm Sayyaf"); alone, "Abu" is
// also a town the gazetteer lists.
var kunya = map[string]bool{"abu": true, "umm": true}

// nameParticles stand between a given name and a surname inside a person's
// name ("Osama bin Laden", "Ursula von der Leyen", "Haider al-Abadi").
var nameParticles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "bint": true, "abu": true,
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "da": true, "di": true, "du": true, "la": true, "le": true}

// namePersons finds "Given [I.] [particle] Surname" that no other layer
// made a person: a listed given name that is no common word, an optional
// middle initial and name particles, then a listed surname (or one behind
// an Arabic article), with no further name word after it ("George
// Washington University" is left to the others). The model misses such
// names after a title it does not know ("Pentagon Press Secretary Peter
// Cook") and the gazetteer takes their words for towns ("Col. David C.
// Lyons": GPE David, GPE Lyons). A listed name over the whole span
// ("Sierra Leone", "Virginia Beach") and any listed or ruled name of
// another kind than a place on its words stand; the places and model
// guesses inside give way.
func (s *Stage) namePersons(text string, sentences [][]word, ents, titled []pipeline.Entity) []pipeline.Entity {
	var found []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i < len(ws); i++ {
			if end, ok := s.personAt(text, ws, i); ok {
				found = append(found, pipeline.Entity{Start: ws[i].start, End: ws[end].end, Label: pipeline.LabelPerson, Source: "rule"})
				i = end
			}
		}
	}
	// A longer person's name around one stands ("Susilo Bambang Yudhoyono"
	// after a title is no "Bambang Yudhoyono").
	found = slices.DeleteFunc(found, func(f pipeline.Entity) bool {
		return slices.ContainsFunc(slices.Concat(ents, titled), func(e pipeline.Entity) bool {
			return e.Label == pipeline.LabelPerson && e.Start <= f.Start && f.End <= e.End && e.End-e.Start > f.End-f.Start
		})
	})
	if len(found) == 0 {
		return ents
	}
	return overrule(text, ents, found, func(e pipeline.Entity) bool {
		return e.Label == pipeline.LabelPerson || e.Source != "model" && labelClass(e.Label) != "place" && !nisba(text, e)
	})
}

// personAt returns the index of the last word of a name that personAt's
// pattern (see namePersons) finds at ws[i], if any.
func (s *Stage) personAt(text string, ws []word, i int) (int, bool) {
	w := ws[i]
	if !w.upper || !isNameWord(text, w) || s.isCommon(w) {
		return 0, false
	}
	k := i + 1
	if !spaced(text, ws, i, k) {
		return 0, false
	}
	if kunya[w.lower] {
		// "Abu Jandal al-Kuwaiti", "Abu Mohammed": a kunya and a name
		// word, then a nisba if there is one.
		if !isNameWord(text, ws[k]) || s.gaz.common[ws[k].lower] {
			return 0, false
		}
		// Alone, "Abu Shok" (a camp) and "Abu Kamal" (a town) are
		// places: a person's needs a nisba or a listed given name.
		end, nisba := afterParticles(text, ws, k+1)
		if !nisba && s.gaz.names[ws[k].lower]&models.NameGiven == 0 {
			return 0, false
		}
		if nisba {
			k = end
		}
		return k, !(k+1 < len(ws) && spaced(text, ws, k, k+1) && ws[k+1].upper)
	}
	if s.gaz.names[w.lower]&models.NameGiven == 0 {
		return 0, false
	}
	if isInitial(text, ws, k) && spaced(text, ws, k+1, k+2) { // "David C. Lyons"
		k += 2
	}
	k, particle := afterParticles(text, ws, k)
	if k >= len(ws) || !isNameWord(text, ws[k]) || s.gaz.common[ws[k].lower] || calendarWord(ws[k].lower) || companyDesignators[ws[k].lower] {
		return 0, false // "Asia Monday" in "dropped in Europe and Asia Monday": the census lists Monday (and Corp) as a surname
	}
	if !particle && s.gaz.names[ws[k].lower]&models.NameSurname == 0 && (!slavicSurname(ws[k].lower) || len(w.lower) < 3 || placeAdjectives[w.lower]) {
		return 0, false
	}
	if geoFeatures[ws[k].lower] && i > 0 && (determiners[ws[i-1].lower] || ws[i-1].upper && spaced(text, ws, i-1, i)) {
		return 0, false // "the Charles River", "the Jordan Valley", "San Jacinto River": a landform, not Ricki Lake
	}
	// The name goes on ("George Washington University", "John Paul Jones",
	// "Peter Cook-Smith"): not this pattern's.
	if k+1 < len(ws) && (spaced(text, ws, k, k+1) && ws[k+1].upper || ws[k+1].start == ws[k].end && text[ws[k+1].start] == '-') {
		return 0, false
	}
	return k, true
}

// slavicSurnameEnds are the endings of East Slavic and Polish surnames
// ("Volodin", "Troshev", "Koskalov", "Podolyak", "Miroshnik", "Zaluzhnyi",
// "Klitschko"; "Khlan" not: too short an ending to tell). The census the surname list comes from holds few of the names of
// Russian and Ukrainian officials that war reporting is about, and the
// model misses them after a title or an office it does not know.
var slavicSurnameEnds = []string{"ov", "ev", "yov", "ova", "eva", "in", "ina", "yn", "yna", "enko", "chuk", "yuk", "sky", "skiy", "skyi", "skyy", "ski", "ska", "skaya", "vich", "vych", "ovna", "evna",
	"ak", "yak", "nik", "chik", "yi", "iy", "ko"}

// slavicSurname reports whether a word unknown to the name lists has the
// shape of an East Slavic surname: one of slavicSurnameEnds after a stem
// of three letters or more.
func slavicSurname(low string) bool {
	for _, e := range slavicSurnameEnds {
		if strings.HasSuffix(low, e) && len(low)-len(e) >= 3 {
			return true
		}
	}
	return false
}

// spaced reports whether ws[b] follows ws[a] after one space, or one line
// break inside the sentence: PDF text is hard-wrapped ("Hillary\nClinton",
// which the model had called a place).
func spaced(text string, ws []word, a, b int) bool {
	if b >= len(ws) {
		return false
	}
	gap := text[ws[a].end:ws[b].start]
	return gap == " " || gap == "\n"
}

// capitalsBeside reports whether a capitalised word is one space before
// (before) or after (after) word k: k is then part of a longer name.
func capitalsBeside(text string, ws []word, k int) (before, after bool) {
	return k > 0 && ws[k-1].upper && spaced(text, ws, k-1, k), k+1 < len(ws) && ws[k+1].upper && spaced(text, ws, k, k+1)
}

// isInitial reports whether ws[k] is a middle initial after one space: a
// capital letter and a full stop ("C." in "David C. Lyons").
func isInitial(text string, ws []word, k int) bool {
	return k > 0 && spaced(text, ws, k-1, k) && ws[k].end-ws[k].start == 1 && ws[k].upper &&
		k+1 < len(ws) && ws[k+1].start == ws[k].end && text[ws[k+1].start] == '.'
}

// leadingInitials returns the index after the initials that open a name
// at word k ("F. W.", "F.W."): one capital letter and a full stop written
// against it, each; or k.
func leadingInitials(text string, ws []word, k int) int {
	n := k
	for n+1 < len(ws) && ws[n].end-ws[n].start == 1 && ws[n].upper && ws[n+1].lower == "." && ws[n+1].start == ws[n].end {
		n += 2
	}
	return n
}

// dynastyAfter returns the last word of a dynasty's name, "Al" and a name,
// after word j that ends a person's name built of "bin", "ibn" or "bint"
// ("Abdulla bin Rashed Al Khalifa", "Tamim bin Hamad Al Thani"), or j.
func dynastyAfter(text string, ws []word, j int, name string) int {
	nasab := strings.Contains(name, " bin ") || strings.Contains(name, " ibn ") || strings.Contains(name, " bint ")
	if !nasab || j+2 >= len(ws) || text[ws[j+1].start:ws[j+1].end] != "Al" || !spaced(text, ws, j, j+1) || !spaced(text, ws, j+1, j+2) ||
		!isNameWord(text, ws[j+2]) {
		return j
	}
	return j + 2
}

// afterParticles skips the name particles at ws[k] ("bin", "al-", "von
// der"), returning the index of the word after them and whether there were
// any. A particle must be followed by a name word.
func afterParticles(text string, ws []word, k int) (int, bool) {
	at := k
	for n := 0; n < 2 && k < len(ws) && nameParticles[ws[k].lower] && !ws[k].upper && spaced(text, ws, k-1, k); n++ {
		switch {
		case k+2 < len(ws) && ws[k+1].start == ws[k].end && text[ws[k+1].start] == '-' && ws[k+2].start == ws[k+1].end: // al-Abadi
			k += 2
		case spaced(text, ws, k, k+1): // bin Laden
			k++
		default:
			return at, false
		}
	}
	if k == at || k >= len(ws) || !isNameWord(text, ws[k]) {
		return at, false
	}
	return k, true
}

// kunyas open Arabic names by a child's name ("Abu Haidar", "Umm
// Sayyaf"): with the capitalised names after them they name a person,
// unless a list knows the whole as a place or a group ("Abu Dhabi", "Abu
// Sayyaf") or a place preposition comes before ("in Abu Shok refugee
// camp"). Alone, "Abu" is no town (GeoNames has one in India).
var kunyas = set("abu umm")

// findKunyas returns the persons named by a kunya and up to three names.
func (s *Stage) findKunyas(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i+1 < len(ws); i++ {
			if !ws[i].upper || !kunyas[ws[i].lower] || !spaced(text, ws, i, i+1) {
				continue
			}
			k := i + 1
			for k < len(ws) && k-i <= 3 && ws[k].upper && isNameWord(text, ws[k]) && !s.isCommon(ws[k]) && (k == i+1 || spaced(text, ws, k-1, k)) {
				k++
			}
			if k > i+1 && k+2 < len(ws) && (ws[k].lower == "al" || ws[k].lower == "el") && spaced(text, ws, k-1, k) &&
				ws[k+1].lower == "-" && ws[k+1].start == ws[k].end && ws[k+2].start == ws[k+1].end && isNameWord(text, ws[k+2]) {
				k += 3 // a nisba with a capital article: "Abu Ayyub Al-Masri"
			}
			// "in Abu Shok refugee camp", "near Abu Kamal": a place.
			if k == i+1 || s.listedFrom(ws, i, k) || i > 0 && placePreps[ws[i-1].lower] {
				continue
			}
			out = append(out, pipeline.Entity{Start: ws[i].start, End: ws[k-1].end, Text: text[ws[i].start:ws[k-1].end],
				Label: pipeline.LabelPerson, Source: "rule"})
			i = k - 1
		}
	}
	return out
}

// findCapsSurnames returns the persons whose surname is written in
// capitals, as the World Factbook and UN documents write them: "Pascal
// Tsaty MABIALA", "Robert F. GODEC", "Roland BOUITI-VIAUDO". The name opens
// with a listed given name or surname; up to three capitalised words or initials
// follow, then the surname in capitals, which is no common word and no
// listed name ("John NATO" is no one).
func (s *Stage) findCapsSurnames(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	surnames := map[string]bool{}
	for _, ws := range sentences {
		last := -1 // the last word the previous name took
		for k := 1; k < len(ws); k++ {
			// The surname first (rare), then the name before it: most
			// documents hold none, and pay no name-list lookups.
			if t := text[ws[k].start:ws[k].end]; !ws[k].upper || len(t) < 3 || t[1] >= 'a' && t[1] <= 'z' || !isAcronym(t) || !isLetters(t) ||
				!spaced(text, ws, k-1, k) || !ws[k-1].upper && ws[k-1].lower != "." {
				continue
			}
			i := s.capsNameStart(text, ws, k, last)
			if i < 0 || !s.capsSurname(ws[k]) {
				continue
			}
			end := k
			for end+2 < len(ws) && (ws[end+1].lower == "-" || ws[end+1].lower == "'" || ws[end+1].lower == "’") &&
				ws[end+1].start == ws[end].end && ws[end+2].start == ws[end+1].end && isAcronym(text[ws[end+2].start:ws[end+2].end]) && isLetters(text[ws[end+2].start:ws[end+2].end]) {
				end += 2 // "BOUITI-VIAUDO", "O'NEILL"
			}
			if end+1 < len(ws) && (ws[end+1].lower == "-" || isNum(ws[end+1].lower, len(ws[end+1].lower))) && ws[end+1].start == ws[end].end {
				continue // "KC-45": a model's code, no surname
			}
			if end+1 < len(ws) && spaced(text, ws, end, end+1) && ws[end+1].upper && isNameWord(text, ws[end+1]) && !s.isCommon(ws[end+1]) &&
				!isAcronym(text[ws[end+1].start:ws[end+1].end]) && (end+2 >= len(ws) || !ws[end+2].upper) {
				end++ // a second surname: "Leonel Antonio FERNÁNDEZ Reyna"
			}
			surnames[ws[k].lower] = true
			out = append(out, pipeline.Entity{Start: ws[i].start, End: ws[end].end, Text: text[ws[i].start:ws[end].end],
				Label: pipeline.LabelPerson, Source: "rule"})
			last, k = end, end
		}
	}
	if len(surnames) < 2 {
		return nil // a document that writes surnames in capitals writes them so throughout ("Apple CEO", "July FOMC" stand alone)
	}
	return append(out, s.moreCapsSurnames(text, sentences, out)...)
}

// moreCapsSurnames returns, in a document that writes surnames in capitals,
// the names the lists cannot vouch for: a first name no list holds
// ("Mohcine BELABBAS", "Ovasco RESENDE"), a nickname in quotes ("Adlah
// \"Foncie\" DONASTORG"), a hyphened surname ("Denis SASSOU-Nguesso"), a
// surname that is a common word after a listed given name and an initial
// or a nickname ("Barbara A. LEAF"). The first word is no title, common word or month,
// and no list holds it as anything but a person unless it is a listed
// given name ("Denis", a town too); no word in capitals is a listed or
// technical acronym ("Syrian SDF", "Russian MOD", "Apple CEO"); names found
// already stand.
func (s *Stage) moreCapsSurnames(text string, sentences [][]word, found []pipeline.Entity) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i+1 < len(ws); i++ {
			w := ws[i]
			if !isNameWord(text, w) || isUpperCase(text[w.start:w.end]) || s.isCommon(w) || calendarWord(w.lower) ||
				s.gaz.names[w.lower]&models.NameGiven == 0 && s.listedWith(w.gaz, func(e models.GazEntry) bool { return e.Label != pipeline.LabelPerson }) ||
				s.titles.titleEnd(text, ws, i) > i {
				continue
			}
			j := i + 1
			switch {
			case isInitial(text, ws, j) && spaced(text, ws, i, j):
				j += 2 // "Barbara A. LEAF"
			case j+2 < len(ws) && (ws[j].lower == "\"" || ws[j].lower == "“") && isNameWord(text, ws[j+1]) &&
				(ws[j+2].lower == "\"" || ws[j+2].lower == "”"):
				j += 3 // "Adlah \"Foncie\" DONASTORG"
			}
			// A common word in capitals is a surname only after a listed
			// given name and an initial or a nickname ("Barbara A. LEAF";
			// "Apple CEO": Apple is a given name too).
			given := j > i+1 && s.gaz.names[w.lower]&models.NameGiven != 0
			k := j
			for k < len(ws) && spaced(text, ws, k-1, k) && s.unlistedCapitals(text, ws[k], given) {
				k++
				// "TER-KHACHATURYAN", "SASSOU-Nguesso": a hyphen joins a
				// second part written against it.
				for k+1 < len(ws) && ws[k].lower == "-" && ws[k].start == ws[k-1].end && ws[k+1].start == ws[k].end && ws[k+1].upper {
					k += 2
				}
			}
			if k == j {
				continue
			}
			// The given names and particles before ("Luis Henrique de
			// Oliveira RESENDE", "Mohammed ben Abdesslam ABBADI"; not a
			// word glued to the one before it: "Charge d'Affaires") and a
			// second surname after ("Adilson BARROSO Oliveira").
			for n := 0; i > 0 && n < 4 && spaced(text, ws, i-1, i) && !gluedAfterWord(text, ws, i-1) && (s.nameWordBefore(text, ws[i-1]) ||
				i > 1 && nameParticles[ws[i-1].lower] && text[ws[i-1].start:ws[i-1].end] == ws[i-1].lower && s.nameWordBefore(text, ws[i-2]) && spaced(text, ws, i-2, i-1)); n++ {
				i--
			}
			if k < len(ws) && spaced(text, ws, k-1, k) && s.nameWordBefore(text, ws[k]) && (k+1 >= len(ws) || !ws[k+1].upper) {
				k++
			}
			st, en := ws[i].start, ws[k-1].end
			if !slices.ContainsFunc(found, func(e pipeline.Entity) bool { return e.Start < en && st < e.End }) {
				out = append(out, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: pipeline.LabelPerson, Source: "rule"})
			}
			i = k - 1
		}
	}
	return out
}

// gluedAfterWord reports whether word k is written against a word or an
// apostrophe before it ("Affaires" of "d'Affaires"; not "Luis" of "[Luis").
func gluedAfterWord(text string, ws []word, k int) bool {
	if k == 0 || ws[k-1].end < ws[k].start {
		return false
	}
	p := ws[k-1].lower
	return p == "'" || p == "’" || hasLetter(p)
}

// titleWord reports whether a folded word is a title of one word or opens
// one ("president", "deputy").
func (s *Stage) titleWord(lower string) bool {
	_, title := s.titles.step(root, lower)
	return title
}

// nameWordBefore reports whether w may be a given name or a second
// surname beside a surname in capitals: a capitalised name word in lower
// case that is no common word, title word or month.
func (s *Stage) nameWordBefore(text string, w word) bool {
	return isNameWord(text, w) && !isUpperCase(text[w.start:w.end]) && !s.isCommon(w) && !calendarWord(w.lower) && !s.titleWord(w.lower)
}

// unlistedCapitals reports whether w is three or more capital letters (a
// hyphen allowed) that no list holds as written ("NATO", "ISIS") and that is
// no title or technical acronym ("CEO"); a common or plain word ("LEAF",
// "GREEN") only after a listed given name and an initial or a nickname.
func (s *Stage) unlistedCapitals(text string, w word, given bool) bool {
	surface := text[w.start:w.end]
	if utf8.RuneCountInString(surface) < 3 || !isUpperCase(surface) || !isLetters(strings.ReplaceAll(surface, "-", "")) || techAcronyms[surface] {
		return false // ("CEO", "NATO", "VPN")
	}
	plain := s.gaz.common[w.lower] || s.model != nil && s.model.plain[w.lower]
	if s.titleWord(w.lower) || plain && !given {
		return false
	}
	return !s.listedWith(w.gaz, func(e models.GazEntry) bool { return slices.Contains(e.Aliases, surface) })
}

// capsNameStart returns where the name before the capitalised surname at
// word k starts, after word last: up to four capitalised words or initials
// back, the first a listed given name (or a listed surname opening two or
// more words: "Pascal Tsaty"); or -1.
func (s *Stage) capsNameStart(text string, ws []word, k, last int) int {
	start, first, particles := -1, -1, 0
	for i := k - 1; i > last && k-i-particles <= 4; { // four words back, and the particles among them
		w := ws[i]
		initial := i >= 1 && w.lower == "." && ws[i-1].end == w.start && ws[i-1].end-ws[i-1].start == 1 && ws[i-1].upper
		if initial {
			if i-1 == 0 || !spaced(text, ws, i-2, i-1) {
				break
			}
			i -= 2 // "F."
			continue
		}
		particle := nameParticles[w.lower] // "Mohamad Hamim Bin ALIYA"
		if !particle && (!w.upper || isAcronym(text[w.start:w.end]) || !isNameWord(text, w) || s.isCommon(w) || calendarWord(w.lower)) {
			break
		}
		if particle {
			particles++
		} else {
			first = i
		}
		if n := s.gaz.names[w.lower]; !particle && (n&models.NameGiven != 0 || n != 0 && i < k-1) {
			start = i
		}
		if i == 0 || !spaced(text, ws, i-1, i) {
			break
		}
		i--
	}
	// The Factbook puts a party's leader in square brackets after it:
	// "Ecological Party of Uzbekistan [Boriy ALIKHANOV]" names a person
	// whatever the first name.
	if start < 0 && first >= 1 && ws[first-1].lower == "[" && ws[first-1].end == ws[first].start &&
		strings.HasPrefix(strings.TrimLeft(text[ws[k].end:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ-'’"), "]") {
		start = first
	}
	return start
}

// capsSurname reports whether w, three or more capital letters
// (findCapsSurnames tests that), is a surname: no common word or title, and
// listed as nothing but a place or a person.
func (s *Stage) capsSurname(w word) bool {
	if s.titleWord(w.lower) || s.gaz.common[w.lower] ||
		s.listedWith(w.gaz, func(e models.GazEntry) bool { return !isPlace(e.Label) && e.Label != pipeline.LabelPerson }) { // a town's name may be a surname ("MARTÍNEZ")
		return false
	}
	return s.model == nil || !s.model.plain[w.lower]
}

// listedFrom reports whether the gazetteer lists a name of two or more
// words that starts at ws[i] and ends before ws[k] ("Abu Dhabi"), or one
// that is no person and starts with ws[i:k] ("Abu Sayyaf" of "Abu Sayyaf
// Group"): the lists' entity, or the model, decides there. A listed name
// that goes on with a name particle is a person's full name that a list
// gives a group as an alias ("Abu Jandal al-Bangali" of ISIS-Bangladesh):
// "Abu Jandal" alone is someone else.
func (s *Stage) listedFrom(ws []word, i, k int) bool {
	n, ok := first(ws, i)
	for j := i + 1; ok && j < k; j++ {
		if n, ok = s.gaz.step(n, ws[j].lower); ok && slices.ContainsFunc(s.gaz.hitsAt(n), func(h hit) bool { return !weakAlias(h.form, s.gaz.entries[h.entry]) }) {
			return true // (OFAC's weak "ABU AYYUB" lists no name: "Abu Ayyub Al-Masri" is the kunya rule's)
		}
	}
	notPerson := func(e models.GazEntry) bool { return e.Label != pipeline.LabelPerson }
	return ok && s.gaz.eachChild(n, func(w string, c int32) bool { return !nameParticles[w] && s.gaz.listsBelow(c, 3, notPerson) })
}

// apostropheSurname returns the last word of a surname that opens at word
// j with "O" or "D" and an apostrophe ("O’Brien", "O'Rourke", "D'Alema"),
// or 0.
func apostropheSurname(text string, ws []word, j int) int {
	if j+2 >= len(ws) {
		return 0
	}
	if p := text[ws[j].start:ws[j].end]; p != "O" && p != "D" {
		return 0
	}
	if a := ws[j+1].lower; a != "'" && a != "’" || ws[j+1].start != ws[j].end || ws[j+2].start != ws[j+1].end || !isNameWord(text, ws[j+2]) {
		return 0
	}
	return j + 2
}

// afterNasab reports whether a listed place follows "bin", "ibn" or "bint":
// it is a father's name there ("Reema bint Bandar Al Saud"), no town.
func afterNasab(text string, e pipeline.Entity) bool {
	if labelClass(e.Label) != "place" {
		return false
	}
	before := text[:e.Start]
	return strings.HasSuffix(before, " bin ") || strings.HasSuffix(before, " ibn ") || strings.HasSuffix(before, " bint ")
}

// extendParticles carries a person's span over the particle and surname
// after it, which the model leaves out ("Haider" of "Haider al-Abadi"), over
// an epithet ("Catherine the Great") and over a surname the apostrophe cut
// ("Conan O’Brien"); model guesses on those words ("al-" ORG) go.
func extendParticles(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	idx := map[int]int{} // end offset -> person
	for i, e := range ents {
		if e.Label == pipeline.LabelPerson {
			idx[e.End] = i
		}
	}
	if len(idx) == 0 {
		return ents
	}
	at := newSpanIndex(ents)
	drop := make([]bool, len(ents))
	dropped := false
	for _, ws := range sentences {
		for k := 0; k+1 < len(ws); k++ {
			i, ok := idx[ws[k].end]
			if !ok {
				continue
			}
			end, particle := afterParticles(text, ws, k+1)
			if !particle && k+2 < len(ws) && ws[k+1].lower == "the" && ws[k+2].upper && epithets[ws[k+2].lower] && spaced(text, ws, k, k+1) && spaced(text, ws, k+1, k+2) {
				end, particle = k+2, true // "Catherine the Great", "Ivan the Terrible"
			}
			if !particle && dynastyAfter(text, ws, k, ents[i].Text) > k {
				end, particle = k+2, true
			}
			if !particle {
				// An Irish or Italian surname the apostrophe cut:
				// "Conan O" of "Conan O’Brien", "Beto" of "Beto O'Rourke".
				if e := apostropheSurname(text, ws, k); e > 0 {
					end, particle = e, true
				} else if e := apostropheSurname(text, ws, k+1); e > 0 && spaced(text, ws, k, k+1) {
					end, particle = e, true
				}
			}
			if !particle {
				continue
			}
			if d := dynastyAfter(text, ws, end, text[ents[i].Start:ws[end].end]); d > end {
				end = d // "Abdulla" + "bin Rashed" + "Al Khalifa"
			}
			// The model's guesses there go, and so does a listed
			// demonym or place behind an article: "al-Kuwaiti" is a nisba,
			// part of the name.
			in := at.overlapping(ws[k+1].start, ws[end].end)
			if slices.ContainsFunc(in, func(j int) bool {
				return ents[j].Source != "model" && !nisba(text, ents[j]) && !afterNasab(text, ents[j])
			}) {
				continue
			}
			for _, j := range in {
				drop[j], dropped = true, true
			}
			ents[i].End = ws[end].end
			ents[i].Text = text[ents[i].Start:ents[i].End]
		}
	}
	if !dropped {
		return ents
	}
	return without(ents, drop)
}

// epithets follow a ruler's name after "the": "Peter the Great".
var epithets = set("great terrible elder younger conqueror magnificent bold wise pious")

// hyphenTails extends a person's name over the lower-case second syllable
// of a hyphenated given name: "Ban Ki-moon", "Kim Jong-un", "Moon Jae-in",
// "Mao Tse-tung". The name's last word is short (a syllable, up to five
// letters) and so is the tail (two to four letters, not a participle or a
// compound's head: "Putin-era", "Kim-led" stay as they are).
func hyphenTails(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	idx := map[int][]int{} // end offset -> persons (the rules' and the model's)
	for i, e := range ents {
		if e.Label == pipeline.LabelPerson {
			idx[e.End] = append(idx[e.End], i)
		}
	}
	if len(idx) == 0 {
		return ents
	}
	for _, ws := range sentences {
		for k := 0; k+2 < len(ws); k++ {
			at, ok := idx[ws[k].end]
			if !ok || !ws[k].upper || utf8.RuneCountInString(ws[k].lower) > 5 || !joinHyphen(text, ws, k+1) {
				continue
			}
			tail := text[ws[k+2].start:ws[k+2].end]
			if n := utf8.RuneCountInString(tail); n < 2 || n > 4 || !isLowerWord(tail) || compoundTails[tail] || strings.HasSuffix(tail, "ed") {
				continue
			}
			if k+3 < len(ws) && ws[k+3].start == ws[k+2].end {
				if r, _ := utf8.DecodeRuneInString(text[ws[k+3].start:]); r == '-' || isWordRune(r) {
					continue // "Kim-style-led": a chain of compounds ("Jong-un's" is a name)
				}
			}
			for _, i := range at {
				ents[i].End = ws[k+2].end
				ents[i].Text = text[ents[i].Start:ents[i].End]
			}
		}
	}
	return ents
}

// compoundTails end compound modifiers after a name: "Putin-era",
// "Xi-like", "Kim-run".
var compoundTails = set("era like type led run born wide free made held size only old new way side area zone war age core bloc camp")

// listPersons makes a person of every name in a list of at least two
// persons whose other names the lists and the model read otherwise: a
// byline "Frederick W. Kagan, Kateryna Stepanenko, and Karolina Hird"
// names people, though "Hird" is a town and "Kateryna" no listed name.
// Coordinated names are of one kind; a name in the list that holds an
// organisation, a group or a nationality is left alone.
func (s *Stage) listPersons(text string, sentences [][]word, lists [][][][2]int, ents []pipeline.Entity) []pipeline.Entity {
	at := newSpanIndex(ents)
	var found []pipeline.Entity
	for si, ws := range sentences {
		for _, list := range lists[si] {
			persons := 0
			for _, it := range list {
				if slices.ContainsFunc(at.overlapping(ws[it[0]].start, ws[it[1]-1].end), func(k int) bool {
					return ents[k].Label == pipeline.LabelPerson && ents[k].Start == ws[it[0]].start && ents[k].End == ws[it[1]-1].end
				}) {
					persons++
				}
			}
			if persons < 2 || persons*2 < len(list) {
				continue
			}
			for _, it := range list {
				if te := s.titles.titleEnd(text, ws, it[0]); te > it[0] && te < it[1] {
					it[0] = te // "Deputy Prime Ministers Jose Makila, Leonard She Okitundu": the title stays out
				}
				st, en := ws[it[0]].start, ws[it[1]-1].end
				ks := at.overlapping(st, en)
				// (a title after the byline opens with a common word:
				// "Alan Elb, Anit Mukherjee, and Brian Webster, Delivering
				// Social Assistance during COVID")
				if it[1]-it[0] < 2 || s.commonNoun(ws[it[0]]) || slices.ContainsFunc(ks, func(k int) bool {
					e := ents[k]
					return e.Label != pipeline.LabelPerson && labelClass(e.Label) != "place" || e.Start < st || e.End > en ||
						e.Label == pipeline.LabelPerson && e.Start == st && e.End == en
				}) {
					continue
				}
				found = append(found, pipeline.Entity{Start: st, End: en, Label: pipeline.LabelPerson, Source: "rule"})
			}
		}
	}
	if len(found) == 0 {
		return ents
	}
	return overrule(text, ents, found, func(pipeline.Entity) bool { return false })
}

// nameLists returns the lists of names in a sentence: runs of capitalised
// words and initials ("Frederick W. Kagan") separated by ", ", " and " or
// ", and ", each name as word indices [first, end).
func nameLists(text string, ws []word) [][][2]int {
	var lists [][][2]int
	var cur [][2]int
	for i := 0; i < len(ws); {
		if !isNameWord(text, ws[i]) {
			if len(cur) > 1 {
				lists = append(lists, cur)
				cur = nil
			} else {
				cur = cur[:0] // a lone name's buffer serves the next run
			}
			i++
			continue
		}
		j := i + 1
	name:
		for j < len(ws) {
			switch {
			case isInitial(text, ws, j) && spaced(text, ws, j+1, j+2) && isNameWord(text, ws[j+2]):
				j += 3
			case spaced(text, ws, j-1, j) && isNameWord(text, ws[j]):
				j++
			default:
				break name
			}
		}
		cur = append(cur, [2]int{i, j})
		// The separator: ", ", " and " or ", and ", then the next name.
		k := j
		if k < len(ws) && text[ws[k].start:ws[k].end] == "," && ws[k].start == ws[k-1].end {
			k++
		}
		if k < len(ws) && ws[k].lower == "and" && spaced(text, ws, k-1, k) {
			k++
		}
		if k == j || k >= len(ws) || !spaced(text, ws, k-1, k) || !isNameWord(text, ws[k]) {
			if len(cur) > 1 {
				lists = append(lists, cur)
				cur = nil
			} else {
				cur = cur[:0] // a lone name's buffer serves the next run
			}
			i = max(k, j)
			continue
		}
		i = k
	}
	if len(cur) > 1 {
		lists = append(lists, cur)
	}
	return lists
}

// isQuote reports whether w is a closing or opening quotation mark.
func isQuote(text string, w word) bool {
	r, n := utf8.DecodeRuneInString(text[w.start:w.end])
	return n == w.end-w.start && isQuoteRune(r)
}
