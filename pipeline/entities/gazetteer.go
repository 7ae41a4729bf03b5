package entities

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// matcher is a word trie over folded aliases: one walk from each word finds
// the longest alias starting there (an automaton, not one regexp per name).
// Nodes live in one slice; a node with one child (most of them: the tails
// of multi-word aliases) keeps it inline, so only branching nodes carry a
// map. That halves the allocations of building it at start-up.
type matcher struct {
	nodes   []node // nodes[0] is the root
	entries []models.GazEntry
	common  map[string]bool
	// classes are wordClasses with clsCommon for the common words: one
	// look-up per distinct word of a document (see Stage.classes).
	classes map[string]wordClass
	// names are the given names and surnames the rules read: the lists'
	// and models.Gazetteer.MoreGiven. featNames, the lists' alone, are the
	// model's features (the ones it was trained with).
	names, featNames map[string]models.NameKind
	// noClue marks entries that are no model feature: the Factbook's
	// leaders, parties, forces, groups and languages. As clues they taught
	// the model to wait for a listed name (an unlisted byline "Kateryna
	// Stepanenko" became a place); as listed names after the model they
	// only add what it misses.
	noClue []bool
	// leaders maps the surname a report calls a head of state or
	// government by ("Putin", "Assad", "Erdogan") to the Factbook's entry;
	// see leaderSurnames.
	leaders map[string]int32
	// leaderNamed are leaders' surnames the name lists hold that still
	// name that leader alone (models.Gazetteer.LeaderSurnames: "Trump").
	leaderNamed map[string]bool
}

type node struct {
	hits []hit
	// The children: one inline (word, child), or a map once there are more.
	word  string
	child int32
	next  map[string]int32
}

// root is the trie's root node.
const root int32 = 0

type hit struct {
	entry int32
	form  string // the alias as the source writes it
	the   bool   // the source wrote it after "the" ("the Youth", "The Base")
	// fragment marks a piece of an alias the source split inside
	// parentheses ("Jaish-i-Mohammed (Mohammad|Muhammad|Muhammed)" gave
	// "Muhammad"): a model clue still, as it was when the model was
	// trained, but no mention.
	fragment bool
}

func newMatcher(g *models.Gazetteer) *matcher {
	m := &matcher{entries: g.Entries, common: g.CommonWords, names: g.Names, featNames: g.Names, noClue: make([]bool, len(g.Entries)), leaderNamed: g.LeaderSurnames,
		classes: make(map[string]wordClass, len(wordClasses)+len(g.CommonWords))}
	if len(g.MoreGiven) > 0 {
		m.names = maps.Clone(g.Names)
		for w := range g.MoreGiven {
			m.names[w] |= models.NameGiven
		}
	}
	for w, c := range wordClasses {
		m.classes[w] = c
	}
	for w := range g.CommonWords {
		m.classes[w] |= clsCommon
	}
	for i, e := range g.Entries {
		m.noClue[i] = strings.HasPrefix(e.ID, "factbook:") || e.NoClue
	}
	n := 0
	for _, e := range g.Entries {
		n += len(e.Aliases)
	}
	m.nodes = make([]node, 1, n*3/2)
	m.nodes[0].next = make(map[string]int32, n/2)
	split := new(aliasSplitter)
	for i, e := range g.Entries {
		depth := 0 // open parentheses before the alias, among the entry's aliases
		for k, a := range e.Aliases {
			open := strings.Count(a, "(") - strings.Count(a, ")")
			fragment := depth > 0 || open != 0
			depth = max(0, depth+open)
			// Canada's listings split "Islamic State of Iraq and Syria –
			// Khorasan" at "and": "Islamic State of Iraq" is no alias of
			// the Khorasan province, nor "Syria – Khorasan" one.
			if strings.HasSuffix(a, " of Iraq") && k+1 < len(e.Aliases) && strings.HasPrefix(e.Aliases[k+1], "Syria") ||
				strings.HasPrefix(a, "Syria") && k > 0 && strings.HasSuffix(e.Aliases[k-1], " of Iraq") {
				fragment = true
			}
			the := len(a) > 4 && strings.EqualFold(a[:4], "the ")
			if the {
				a = a[4:] // entity spans never start with "the"
			}
			ws := split.split(a)
			if len(ws) == 0 || len(ws) > 10 {
				continue
			}
			m.insert(ws, hit{entry: int32(i), form: a, the: the, fragment: fragment})
		}
	}
	m.leaders = m.leaderSurnames()
	return m
}

// leaderCountry returns the country code of a Factbook leader's id
// ("factbook:leader:is:benyamin-netanyahu" -> "is"): two entries of one
// country and surname are one leader spelt twice.
func leaderCountry(id string) string {
	rest := strings.TrimPrefix(id, "factbook:leader:")
	return rest[:max(strings.IndexByte(rest, ':'), 0)]
}

// sameLeader reports whether two Factbook entries name one person: the same
// country, or one name ending in the other ("Co-prince Emmanuel Macron" of
// Andorra is France's "Emmanuel Macron").
func sameLeader(a, b models.GazEntry) bool {
	return leaderCountry(a.ID) == leaderCountry(b.ID) || strings.HasSuffix(a.Name, " "+b.Name) || strings.HasSuffix(b.Name, " "+a.Name)
}

// leaderSurnames returns the surnames of the Factbook's heads of state and
// government, by which reports name them once known ("Putin said"), each
// to its entry. Left out: a surname of two leaders, of under four letters,
// a common word, a listed given name or surname ("Brown", "Khan": other
// people's too) unless the unlabeled corpora use it for the leader
// (leaderNamed: "Trump"), a day, a listed name of another kind ("Jordan")
// and a hyphenated one other than an Arabic article's ("al-Assad" gives
// "Assad"). Names written surname first ("Xi Jinping") give a word that
// never stands alone.
func (m *matcher) leaderSurnames() map[string]int32 {
	out := map[string]int32{}
	for i, e := range m.entries {
		if !strings.HasPrefix(e.ID, "factbook:leader:") {
			continue
		}
		for _, a := range e.Aliases {
			sn := a[strings.LastIndexByte(a, ' ')+1:]
			if strings.ContainsAny(sn, "-‑") {
				sn = bareSurname(sn)
			}
			low := foldWord(sn)
			if utf8.RuneCountInString(sn) < 4 || sn == a || !isUpperWord(sn) || isUpperCase(sn) || m.common[low] || m.featNames[low] != 0 && !m.leaderNamed[sn] || calendarWord(low) ||
				strings.HasSuffix(low, "s") && m.common[low[:len(low)-1]] { // "Kings", "Bells"
				continue
			}
			k, seen := out[sn]
			switch {
			case seen && (k < 0 || k != int32(i) && !sameLeader(m.entries[k], e)):
				out[sn] = -1 // two leaders' surname
			case seen && leaderCountry(m.entries[k].ID) != leaderCountry(e.ID) && strings.HasSuffix(e.Name, " "+m.entries[k].Name):
				// keep France's "Emmanuel Macron" over Andorra's "Co-prince Emmanuel Macron"
			default:
				out[sn] = int32(i)
			}
		}
	}
	for sn, k := range out {
		n, ok := m.step(root, foldWord(sn))
		if k < 0 || ok && slices.ContainsFunc(m.hitsAt(n), func(h hit) bool { return m.entries[h.entry].Label != pipeline.LabelPerson }) {
			delete(out, sn)
		}
	}
	return out
}

func (m *matcher) insert(ws []string, h hit) {
	if m.nodes == nil {
		m.nodes = make([]node, 1)
	}
	n := root
	for _, w := range ws {
		c, ok := m.step(n, w)
		if !ok {
			c = int32(len(m.nodes))
			m.nodes = append(m.nodes, node{})
			p := &m.nodes[n]
			switch {
			case p.next != nil:
				p.next[w] = c
			case p.word == "" && p.child == 0:
				p.word, p.child = w, c
			default:
				p.next = map[string]int32{p.word: p.child, w: c}
				p.word, p.child = "", 0
			}
		}
		n = c
	}
	m.nodes[n].hits = append(m.nodes[n].hits, h)
}

// step follows the edge labelled w from node n; ok is false where there is none.
func (m *matcher) step(n int32, w string) (int32, bool) {
	p := &m.nodes[n]
	if p.next != nil {
		c, ok := p.next[w]
		return c, ok
	}
	return p.child, p.child != 0 && p.word == w
}

// mark records in each word the node its folded form leads to from the
// root (word.gaz), so the walks from every word (the gazetteer layer, the
// model's gazetteer clues) share one lookup in the root's large map.
func (m *matcher) mark(ws []word) {
	for k := range ws {
		ws[k].gaz, _ = m.step(root, ws[k].lower)
	}
}

// first is the node after word i from the root, as mark found it.
func first(ws []word, i int) (int32, bool) { return ws[i].gaz, ws[i].gaz != 0 }

// hitsAt returns the aliases that end at node n.
func (m *matcher) hitsAt(n int32) []hit { return m.nodes[n].hits }

// eachChild calls f with each child of node n and the word that leads
// to it, until f returns true; it reports whether one did.
func (m *matcher) eachChild(n int32, f func(w string, c int32) bool) bool {
	p := &m.nodes[n]
	if p.next == nil {
		return p.child != 0 && f(p.word, p.child)
	}
	for w, c := range p.next {
		if f(w, c) {
			return true
		}
	}
	return false
}

// listsBelow reports whether an entry that satisfies f ends within depth
// words after node n.
func (m *matcher) listsBelow(n int32, depth int, f func(models.GazEntry) bool) bool {
	for _, h := range m.nodes[n].hits {
		if f(m.entries[h.entry]) {
			return true
		}
	}
	return depth > 0 && m.eachChild(n, func(_ string, c int32) bool { return m.listsBelow(c, depth-1, f) })
}

// weakAlias reports whether form is one of OFAC's weak aliases of a
// person (in capitals: "HADI", "ABU MUSAB") or a short one ("Abu Bakr",
// "Hassan Ali"): such aliases name many people; the sanctioned person is
// named by the full name or a longer alias.
func weakAlias(form string, e models.GazEntry) bool {
	return e.Label == pipeline.LabelPerson && strings.HasPrefix(e.ID, "ofac-sdn:") && form != e.Name &&
		(isUpperCase(form) || strings.Count(form, " ") < 2)
}

// orgRoleWords may follow an institution's short name capitalised: "Fed
// Chairman Alan Greenspan".
var orgRoleWords = set("chairman chair chairwoman governor governors president board officials official spokesman spokeswoman")

// find returns the longest acceptable gazetteer mention at each position, left to right.
func (m *matcher) find(text string, ws []word) []pipeline.Entity {
	var out []pipeline.Entity
	for i := 0; i < len(ws); {
		n := root
		bestEnd, bestEntry := -1, -1
		for j := i; j < len(ws); j++ {
			var ok bool
			if j == i {
				n, ok = first(ws, i)
			} else {
				n, ok = m.step(n, ws[j].lower)
			}
			if !ok {
				break
			}
			if e := m.choose(text, ws, i, j, m.hitsAt(n)); e >= 0 {
				bestEnd, bestEntry = j, e
			}
		}
		if bestEntry < 0 {
			bestEnd, bestEntry = i+2, m.executable(text, ws, i)
		}
		if bestEntry < 0 {
			i++
			continue
		}
		ge := m.entries[bestEntry]
		s, e := ws[i].start, ws[bestEnd].end
		out = append(out, pipeline.Entity{Start: s, End: e, Text: text[s:e], Label: ge.Label, ID: ge.ID,
			Name: ge.Name, Kind: ge.Kind, Source: "gazetteer"})
		i = bestEnd + 1
	}
	return out
}

// compassOnly reports whether ws are directions and hyphens only.
func compassOnly(ws []word) bool {
	for _, w := range ws {
		if !directionWord(w.lower) && w.lower != "-" {
			return false
		}
	}
	return true
}

// directionWord reports whether a folded word is one of partWords that
// names a direction or a position, not a landform ("island", "valley").
func directionWord(w string) bool { return partWords[w] && !geoFeatures[w] }

// executable returns the listed tool that the program file at words
// i..i+2 is named after ("ipconfig.exe", "psexec.exe"), or -1: reports name
// tools by their executables, and the file name is no common word. Not
// inside a path.
func (m *matcher) executable(text string, ws []word, i int) int {
	if i+2 >= len(ws) || ws[i+1].lower != "." || ws[i+2].lower != "exe" || ws[i].end != ws[i+1].start ||
		ws[i+1].end != ws[i+2].start || inPath(text, ws[i].start, ws[i+2].end) {
		return -1
	}
	n, ok := first(ws, i)
	if !ok {
		return -1
	}
	return m.bestHit(m.hitsAt(n), func(_ hit, e models.GazEntry) bool { return e.Label == pipeline.LabelTool })
}

// choose picks the best entry among hits for words i..j, or -1 when the
// guards reject the mention: acronyms must match case exactly; a one-word
// alias that is a common English word must be capitalised mid-sentence and
// match the source's spelling; otherwise the text must look like a name.
func (m *matcher) choose(text string, ws []word, i, j int, hits []hit) int {
	if len(hits) == 0 {
		return -1
	}
	surface := text[ws[i].start:ws[j].end]
	// A mention does not end on a hyphen or start inside a hyphenated word's
	// tail, nor sit inside a hyphenated name ("FINK-TELECOM-SERVICES").
	if ws[j].lower == "-" || ws[i].lower == "-" {
		return -1
	}
	if attachedHyphen(ws, i-1, i) && attachedHyphen(ws, j+1, j) {
		return -1
	}
	// A transliteration's soft sign ("Mariupol’", "Kazan’") is no
	// possessive's apostrophe: "Mariupol’s port" names Mariupol.
	if i < j && (ws[j].lower == "’" || ws[j].lower == "'") && j+1 < len(ws) && ws[j+1].lower == "s" && ws[j+1].start == ws[j].end {
		return -1
	}
	// Nor is a component of a path or URL a name ("...\\Windows
	// Defender\\SpyNet", "/blog/wp-content/..."); one slash between two names
	// is not a path ("Donetsk/Luhansk").
	if inPath(text, ws[i].start, ws[j].end) || inBlob(text, ws[i].start, ws[j].end) {
		return -1
	}
	// Nor is a class of ships or weapons ("a Kirov-class cruiser").
	if shipClass(text, ws[j].end) {
		return -1
	}
	// Nor is a compound direction or a part of one ("North-Western
	// Sydney", "the North-Western region"), though Zambia has a province
	// of that name.
	if directionWord(ws[i].lower) && (compassOnly(ws[i:j+1]) && (i < j || j+2 < len(ws) && attachedHyphen(ws, j+1, j) && partWords[ws[j+2].lower]) ||
		i >= 2 && attachedHyphen(ws, i-1, i) && partWords[ws[i-2].lower]) {
		return -1
	}
	// A file's name names nothing: "English.rtf", "Syria_English.docx".
	if i > 0 && ws[i-1].lower == "_" && ws[i-1].end == ws[i].start || j+1 < len(ws) && ws[j+1].lower == "_" && ws[j+1].start == ws[j].end ||
		j+2 < len(ws) && ws[j+1].lower == "." && ws[j+1].start == ws[j].end && ws[j+2].start == ws[j+1].end && fileExtensions[ws[j+2].lower] {
		return -1
	}
	// A one-word threat alias that opens a company's name is the company's
	// word: "Alibaba Cloud Computing" (MISP lists "Alibaba" for Cleaver).
	// (Looked at only for a threat's hit: most hits are places.)
	company := func() bool { return i == j && spaced(text, ws, j, j+1) && companyRunAfter(text, ws, j+1) }
	// A body's or a threat's one-word alias that the lists write after
	// "the" is a common noun without it: "the Youth" is al-Shabaab, "Youth"
	// of "the Promotion among Youth" no one ("The Base", "The Greens",
	// "The Federation"). Places keep theirs ("Hague", "Bronx").
	theOnly := func(h hit, e models.GazEntry) bool {
		return h.the && i == j && labelClass(e.Label) != "place" && (i == 0 || ws[i-1].lower != "the")
	}
	return m.bestHit(hits, func(h hit, e models.GazEntry) bool {
		return !h.fragment && !(isThreat(e.Label) && company()) && !theOnly(h, e) && m.accept(surface, h.form, e, i, j, ws)
	})
}

// bestHit returns the entry of the lowest rank among the hits ok accepts,
// or -1. Of a country and its demonym on the same words, the demonym wins
// unless the words are the country's name or open it: mledoze lists "Thai"
// and "Togolese" among the spellings of Thailand and Togo. (The alias
// stays in the list, and so among the model's clues.)
func (m *matcher) bestHit(hits []hit, ok func(hit, models.GazEntry) bool) int {
	best, bestRank, bestOwn := -1, 1<<30, false
	for _, h := range hits {
		e := m.entries[h.entry]
		demonym := best >= 0 && e.Rank == bestRank && e.Kind == "demonym" && m.entries[best].ID == e.ID &&
			h.form != m.entries[best].Name && !strings.HasPrefix(m.entries[best].Name, h.form+" ") // "Djibouti", "Vatican" (City) stay places
		// Of two armed groups of one rank, the one whose own name the words
		// are wins over another's alias: "al-Shabaab" is OFAC's AL-SHABAAB,
		// not Canada's alias of Islamic State-Mozambique. (Other entries
		// keep their lists' order, which geo ranking relies on; the
		// Factbook's parties share aliases with their coalitions.)
		own := strings.EqualFold(h.form, e.Name) && e.Label == pipeline.LabelGroup
		if (e.Rank < bestRank || demonym || e.Rank == bestRank && own && !bestOwn && m.entries[best].ID != e.ID && m.entries[best].Kind != "demonym") && ok(h, e) {
			best, bestRank, bestOwn = int(h.entry), e.Rank, own
		}
	}
	return best
}

func (m *matcher) accept(surface, form string, e models.GazEntry, i, j int, ws []word) bool {
	single := i == j
	// A compass word in lower case is a direction, not part of a name the
	// list capitalises: "south Sudan" is the south of Sudan, "southeast
	// Asia" a part of Asia (style guides capitalise them only in names).
	if !single && partWords[ws[i].lower] && !ws[i].upper && form != strings.ToLower(form) && isUpperWord(form) {
		return false
	}
	lower := strings.ToLower(form)
	common := single && m.common[lower]
	threat := isThreat(e.Label)
	if single && threat && e.Rank > 1 {
		// Some threat aliases are platform names or malware classes
		// ("Android", "Defender", "Trojan"): never a family on their own; and
		// after a vendor ("Windows Defender") the word names its product.
		// A malware class alone names no family, whatever follows ("Tinba
		// Banking Trojan Variant": MISP lists "Trojan" as a ransomware).
		if genericThreatWords[lower] && (malwareClasses[lower] || !threatContext(ws, j)) || i > 0 && vendors[ws[i-1].lower] {
			return false
		}
	}
	if e.Kind == "subtechnique" && form == e.Name && (single || surface != form) && !attackIDNear(ws, i) {
		// A sub-technique's own name is a generic noun ("DLL", "CDNs", "IP
		// Addresses" of "Search Open Technical Databases: CDNs"): beside an
		// ATT&CK id it names the technique, elsewhere only as ATT&CK writes
		// a name of several words ("DLL Side-Loading", not "IP addresses").
		return false
	}
	if e.Kind == models.KindMedia && m.insideName(ws, i, j) {
		return false // "the Register of Deeds", "Wired Equivalent Privacy", "Michael Bloomberg"
	}
	if single && calendarNames[lower] {
		return false // "Ramadan" the month, not the Saudi village
	}
	if single && stampWeekday(ws, i) {
		return false // "Mon Jun 18 16:28:11 2012"
	}
	if (isPlace(e.Label) && e.Kind != "country" || threat) && j+1 < len(ws) && diseaseHeads[ws[j+1].lower] {
		return false // "Marburg virus", "Lassa fever", "Lyme disease": a disease named after a town, no place
	}
	if single && threat && e.Rank > 1 && form == lower && surface != form && i > 1 && ws[i-1].upper && j+1 < len(ws) && ws[j+1].upper {
		return false // "Israel Homeland Defense Directory": a word of a title, not the ransomware "homeland"
	}
	if single && e.Label == pipeline.LabelOrg && len(surface) <= 3 && !isUpperCase(surface) && j+1 < len(ws) && ws[j+1].upper &&
		ws[j+1].start == ws[j].end+1 && !orgRoleWords[ws[j+1].lower] {
		return false // "Fed Cup", "Fed Tax ID": a short name before a capitalised word is another name's first word ("Fed Chairman" is the Fed)
	}
	if weakAlias(form, e) {
		return false
	}
	if single && threat && functionWords[lower] {
		return false // "A look at Locky": ATT&CK lists the scheduler "at"
	}
	if single && threat && platformWords[lower] {
		return false // "Python-based", "the Redis module": the software attacked or used
	}
	if single && threat && strainName.MatchString(surface) && !(j+1 < len(ws) && codeNouns[ws[j+1].lower]) {
		return false // "H1N1" is the flu ("the H1N1 strain"), unless a noun of code makes it the loader
	}
	if single && threat && calendarWord(lower) && !threatContext(ws, j) {
		return false // "“August visit of South African group”": MISP lists a tool "August"
	}
	if single && isPlace(e.Label) && i > 0 && ws[i-1].upper && ws[i-1].lower == "great" && ws[i-1].end+1 == ws[i].start {
		return false // "Lakes" of "the Great Lakes region" (South Sudan's Lakes state): the name begins before
	}
	if single && isPlace(e.Label) && saintPrefixes[lower] && j+1 < len(ws) && ws[j+1].upper && ws[j+1].start == ws[j].end+1 {
		return false // "San Jacinto", "Santa Anna": the name goes on (GeoNames lists a San in Mali)
	}
	if single && isPlace(e.Label) && vendors[lower] && lower != "amazon" {
		return false // "Google" is the company, not GeoNames' alias of Topeka
	}
	if isPlace(e.Label) && e.Rank > 1 && weaponSystem(surface) && (j+1 < len(ws) && weaponNouns[ws[j+1].lower] ||
		i > 0 && strings.ContainsAny(ws[i-1].lower, "0123456789") || variantAfter(ws, j)) {
		return false // "40 Grad rockets", "a BM-21 Grad", "a Pantsir-1": the weapon system, not the town of Grad or Pantsir
	}
	if isPlace(e.Label) && e.Rank > 1 && i > 0 && isUpperCase(surface) && !isUpperCase(form) && hasLowerWord(ws) &&
		!(j+1 < len(ws) && (ws[j+1].lower == "," || ws[j+1].lower == "(")) {
		// A town or area the list writes in lower case, in capitals inside
		// a sentence that is not in capitals, is an acronym or a product:
		// "Microsoft's toolkit (EMET)", "MESA Imaging" (Emet, Mesa). A
		// dateline opens its line or goes on with a comma or the agency
		// ("KYIV, Ukraine —", "LONDON/BOSTON (Reuters)").
		return false
	}
	switch {
	case isAcronym(form) && !(strings.HasPrefix(e.ID, "ofac-sdn:") && e.Label == pipeline.LabelGroup && utf8.RuneCountInString(form) > 5 && form == e.Name):
		// (OFAC writes every name in capitals: its entry's own name
		// "AL-SHABAAB" is a name.)
		// Two-letter acronyms ("AI", "IG", "SL") are too ambiguous except for
		// countries and curated entries; technical acronyms never name an actor.
		if surface != form || techAcronyms[form] && !strings.HasPrefix(e.ID, "sitrep:") {
			return false // (the project's own lexicons list "UN", "EU", "NATO" as what they are)
		}
		return utf8.RuneCountInString(form) > 2 || e.Rank <= 1
	case common && utf8.RuneCountInString(form) <= 3 && !isAcronym(form):
		// "One", "Big", "To": as for common words below.
		return surface == form && i > 0 && !titleCase(ws, i) && (e.Rank <= 1 || threat && threatContext(ws, j))
	case utf8.RuneCountInString(form) <= 3:
		// Short names ("AI", "IG", "at") only as the source writes them, with a
		// capital. Places so short are towns named like words or letters ("To",
		// "No", "Of", "D"): not common words, not one letter, not sentence-initial.
		if surface != form || strings.ToLower(form) == form {
			return false
		}
		if isPlace(e.Label) && e.Rank > 1 && (utf8.RuneCountInString(form) < 3 || m.common[lower] || i == 0) {
			return false
		}
		return true
	case e.Label == pipeline.LabelSector:
		// Sector words are ordinary nouns: "the west bank" is no bank. A single
		// word needs "sector", "industry"... within the next few words. MISP's
		// catch-all "Other" names no sector.
		return lower != "other" && (!single || sectorContext(ws, j) || sectorListBefore(ws, i)) && !(j+1 < len(ws) && sectorModified[ws[j+1].lower])
	case e.Label == pipeline.LabelTechnique && single:
		return surface == form && !common && !titleCase(ws, i)
	case common:
		// "Reading", "Mobile", "Will": only as written by the source,
		// capitalised, not opening a sentence or inside a title-case headline,
		// and only for countries and threat names (not towns or people).
		if surface != form || !isUpperWord(surface) || i == 0 || titleCase(ws, i) {
			return false
		}
		if e.Rank <= 1 {
			return true
		}
		// A threat named by a common word ("Defender", "One", "Magic") also
		// needs a threat noun next to it ("the Magic backdoor").
		return threat && threatContext(ws, j)
	case e.Label == pipeline.LabelPerson && single:
		return false
	case form == lower:
		return true // the source writes it in lower case (tools such as "netstat")
	}
	return isUpperWord(surface) || strings.ToLower(surface) != surface
}

// insideName reports whether words i..j are part of a longer name: a
// capitalised word follows, or "of" and one ("Register of Deeds"), or one
// comes before that is a given name or does not open the sentence
// ("Michael Bloomberg"; "Later Bloomberg said" and "The Hill" are alone).
func (m *matcher) insideName(ws []word, i, j int) bool {
	if j+1 < len(ws) && (ws[j+1].upper || ws[j+1].lower == "of" && j+2 < len(ws) && ws[j+2].upper) {
		return true
	}
	if i == 0 || !ws[i-1].upper || determiners[ws[i-1].lower] {
		return false
	}
	return i-1 > 0 || m.names[ws[i-1].lower]&models.NameGiven != 0
}

// attackIDNear reports whether an ATT&CK technique id ("T1574", "T1574.001")
// is among the four words before word i or the two after it.
func attackIDNear(ws []word, i int) bool {
	for k := max(i-4, 0); k < len(ws) && k <= i+2; k++ {
		if w := ws[k].lower; k != i && len(w) == 5 && w[0] == 't' && isNum(w[1:], 4) {
			return true
		}
	}
	return false
}

// weaponNouns follow a weapon system's name: "Grad rockets", "Buk launcher".
var weaponNouns = set("rocket rockets missile missiles launcher launchers system systems mlrs drone drones shell shells cocktail cocktails")

// diseaseNames name diseases only, never a person or a body; "Ebola" the
// river is "Ebola River".
var diseaseNames = set("ebola zika chikungunya dengue mpox covid covid-19 sars mers nipah lassa hantavirus")

// codeNouns name malicious code, not a virus of living things.
var codeNouns = set("malware loader trojan botnet ransomware backdoor downloader dropper")

// strainName matches an influenza strain: "H1N1", "H5N1".
var strainName = regexp.MustCompile(`^H\d{1,2}N\d{1,2}$`)

// saintPrefixes open place and person names that go on after them.
var saintPrefixes = set("san santa santo sao são saint sainte st")

// hasLowerWord reports whether a sentence holds a word in lower case.
func hasLowerWord(ws []word) bool {
	for _, w := range ws {
		if r, _ := utf8.DecodeRuneInString(w.lower); !w.upper && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// genericThreatWords are platforms, products and malware classes that some
// threat lists carry as aliases.
var genericThreatWords = map[string]bool{"android": true, "ios": true, "windows": true, "linux": true, "macos": true,
	"explorer": true, "office": true, "chrome": true, "firefox": true, "defender": true, "outlook": true, "excel": true,
	"word": true, "teams": true, "trojan": true, "backdoor": true, "ransomware": true, "worm": true, "virus": true,
	"spyware": true, "adware": true, "rootkit": true, "botnet": true, "rat": true, "loader": true, "stealer": true}

// vendors are company names that precede their products ("Windows Defender").
var vendors = map[string]bool{"microsoft": true, "windows": true, "google": true, "apple": true, "adobe": true,
	"amazon": true, "azure": true, "cisco": true, "oracle": true, "vmware": true, "mozilla": true, "citrix": true, "apache": true,
	"rsa": true} // (RSA Security and the cipher: "RSA" is also an alias of South Africa, which threat reports never mean)

// variantAfter reports whether a model's variant is written against word
// j: a hyphen and a number or one capital ("Pantsir-1", "Orlan-10",
// "Tochka-U").
func variantAfter(ws []word, j int) bool {
	if j+2 >= len(ws) || ws[j+1].lower != "-" || ws[j+1].start != ws[j].end || ws[j+2].start != ws[j+1].end {
		return false
	}
	v := ws[j+2]
	return v.lower[0] >= '0' && v.lower[0] <= '9' || v.upper && v.end-v.start == 1
}

// fileExtensions end the names of documents, archives and programs.
var fileExtensions = set("doc docx docm rtf pdf xls xlsx xlsm ppt pptx txt zip rar 7z exe dll scr lnk hta js vbs ps1 bat jar apk iso img jpg png gif")

// isThreat reports whether a label names a threat: an actor, a malware or a tool.
func isThreat(label string) bool {
	return label == pipeline.LabelGroup || label == pipeline.LabelMalware || label == pipeline.LabelTool
}

func isPlace(label string) bool {
	return label == pipeline.LabelGPE || label == pipeline.LabelLoc || label == pipeline.LabelFac
}

var threatNouns = map[string]bool{"malware": true, "ransomware": true, "trojan": true, "backdoor": true, "rat": true,
	"loader": true, "dropper": true, "botnet": true, "worm": true, "stealer": true, "infostealer": true, "implant": true,
	"family": true, "variant": true, "variants": true, "strain": true, "payload": true, "group": true,
	"apt": true, "gang": true, "tool": true, "framework": true, "wiper": true, "spyware": true, "keylogger": true}

// threatContext reports whether a threat noun follows word j within two
// words ("the Magic backdoor", "Magic ransomware group").
func threatContext(ws []word, j int) bool {
	return nounAhead(ws, j+1, j+2, threatNouns)
}

// lowerThreatWords drops the lists' malware and tools that are an English
// word written in lower case with no threat noun after it: MISP lists a
// ransomware "play" ("tries to play a video"); "netstat" and "whoami",
// which no English text writes, stay.
func (s *Stage) lowerThreatWords(text string, ws []word, found []pipeline.Entity) []pipeline.Entity {
	if s.model == nil {
		return found
	}
	return slices.DeleteFunc(found, func(e pipeline.Entity) bool {
		if e.Label != pipeline.LabelMalware && e.Label != pipeline.LabelTool || isUpperWord(e.Text) || !s.model.plain[e.Text] {
			return false
		}
		j := slices.IndexFunc(ws, func(w word) bool { return w.start == e.Start })
		return j >= 0 && !threatContext(ws, j)
	})
}

// keepThreatsNamed keeps the listed names of a document that does not read
// as cyber threat intelligence, less the malware, tools, techniques and
// cyber threat actors of the shipped threat lists (MISP, ATT&CK) without a
// threat noun next to them ("the NotPetya malware", "ransomware
// Locky"): the lists' malware names are words and names too ("H1N1",
// "Saturn", "Taurus", "District", "Steel", "Social media"), and so are
// the actors' ("Snake" of "Snake Island", "Trident", "Thallium").
func keepThreatsNamed(spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	return slices.DeleteFunc(ents, func(e pipeline.Entity) bool {
		if e.Label != pipeline.LabelMalware && e.Label != pipeline.LabelTool && e.Label != pipeline.LabelTechnique &&
			!(e.Label == pipeline.LabelGroup && (e.Kind == "threat_actor" || e.Kind == "intrusion_set")) {
			return false
		}
		if !strings.HasPrefix(e.ID, "misp:") && !strings.HasPrefix(e.ID, "attack:") {
			return false // a user's gazetteer (--gazetteer) says what its names are
		}
		ws, ok := sentenceOf(spans, sentences, e.End)
		if !ok {
			return true
		}
		i := sort.Search(len(ws), func(k int) bool { return ws[k].start >= e.Start })
		j := sort.Search(len(ws), func(k int) bool { return ws[k].end >= e.End })
		if i >= len(ws) || j >= len(ws) {
			return true
		}
		return !threatContext(ws, j) && !(i > 0 && threatNouns[ws[i-1].lower])
	})
}

// distinctiveThreat reports whether e is a listed threat that no ordinary
// text names: an actor with a number ("APT28", "TA505") or a malware or
// tool written in camel case ("NotPetya", "PsExec"). One is enough for a
// document to read as threat intelligence, however short ("H1N1", a flu,
// is neither).
func distinctiveThreat(e pipeline.Entity) bool {
	switch e.Label {
	case pipeline.LabelGroup:
		return e.Source == "gazetteer" && strings.IndexFunc(e.Text, unicode.IsDigit) > 0 && strings.IndexFunc(e.Text, unicode.IsLetter) == 0
	case pipeline.LabelMalware, pipeline.LabelTool:
		return camelCase(e.Text)
	}
	return false
}

// camelCase reports whether s has a capital after a lower-case letter
// inside a word ("NotPetya", "PsExec", "BlackEnergy"; not "McDonald").
func camelCase(s string) bool {
	prev := rune(0)
	lowers := 0
	for _, r := range s {
		if unicode.IsUpper(r) && unicode.IsLower(prev) && lowers > 1 {
			return true
		}
		if unicode.IsLower(r) {
			lowers++
		} else if !unicode.IsUpper(r) {
			lowers = 0
		}
		prev = r
	}
	return false
}

// inPath reports whether [st, en) is a component of a file path or URL: a
// backslash or a slash touches it, in a white-space-free run of text with a
// backslash or more than one slash.
func inPath(text string, st, en int) bool {
	touches := func(c byte) bool { return st > 0 && text[st-1] == c || en < len(text) && text[en] == c }
	if !touches('\\') && !touches('/') {
		return false
	}
	a, b := st, en
	for a > 0 && !isSpaceByte(text[a-1]) {
		a--
	}
	for b < len(text) && !isSpaceByte(text[b]) {
		b++
	}
	run := text[a:b]
	return strings.Contains(run, "\\") || strings.Count(run, "/") > 1
}

// blobRun is the length from which a run of base64 or hex characters
// without white space is encoded data, not words: "+Gc+66OCpv/0756..."
// holds no group. (Links and paths have '.', ':' or '%' and are not runs.)
const blobRun = 48

// inBlob reports whether [st, en) lies in such a run. A span with a space
// in it lies in none: a listed name of 48 bytes or more is words
// ("Organization for Security and Co-operation in Europe").
func inBlob(text string, st, en int) bool {
	for k := st; k < en; k++ {
		if !isBase64Byte(text[k]) {
			return false
		}
	}
	a, b := st, en
	for a > 0 && isBase64Byte(text[a-1]) {
		a--
	}
	for b < len(text) && isBase64Byte(text[b]) {
		b++
	}
	return b-a >= blobRun
}

func isBase64Byte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=' || c == '_' || c == '-'
}

// joinHyphen reports whether word k is a hyphen-minus touching the words on
// both sides of it, joining them into one written word ("Ki-moon",
// "South-East"); a dash (folded to "-" too) joins no word ("Yar—part").
func joinHyphen(text string, ws []word, k int) bool {
	return k > 0 && k+1 < len(ws) && text[ws[k].start:ws[k].end] == "-" && ws[k].start == ws[k-1].end && ws[k+1].start == ws[k].end
}

// attachedHyphen reports whether word k is a hyphen touching word w.
func attachedHyphen(ws []word, k, w int) bool {
	if k < 0 || k >= len(ws) || ws[k].lower != "-" {
		return false
	}
	return ws[k].end == ws[w].start || ws[w].end == ws[k].start
}

// sectorModified are nouns that a sector word modifies without naming the
// sector: "supply chain attack", "energy security".
var sectorModified = map[string]bool{"attack": true, "attacks": true, "compromise": true, "compromises": true,
	"security": true, "cybersecurity": true, "intrusion": true, "intrusions": true, "risk": true, "risks": true,
	"vulnerability": true, "vulnerabilities": true, "regulations": true, "measures": true, "approaches": true,
	"breach": true, "breaches": true, "ransomware": true, "blog": true, "sustainability": true, "operations": true}

var sectorNouns = map[string]bool{"sector": true, "sectors": true, "industry": true, "industries": true,
	"organizations": true, "organisations": true, "organization": true, "organisation": true, "companies": true,
	"company": true, "entities": true, "institutions": true, "firms": true, "providers": true, "verticals": true,
	"vertical": true, "services": true, "operators": true, "networks": true}

// sectorContext reports whether a sector noun follows word j within a short list ("finance and healthcare sectors").
func sectorContext(ws []word, j int) bool {
	if nounAhead(ws, j+1, j+5, sectorNouns, ".", ";", ":") {
		return true
	}
	// The noun may end a list of capitalised sectors: "a focus on Shipping
	// and Logistics, Manufacturing, Industry, and Energy sectors".
	for k := j + 1; k < len(ws) && k <= j+20; k++ {
		switch w := ws[k]; {
		case sectorNouns[w.lower]:
			return k > j+1
		case w.lower == "," || w.lower == "and" || w.lower == "or" || w.lower == "/" || w.upper && !functionWords[w.lower]:
		default:
			return false
		}
	}
	return false
}

// sectorListBefore reports whether word i is in a list that a sector noun
// introduces: "sectors such as defense, energy, health and shipping",
// "industries including finance", "verticals: retail".
func sectorListBefore(ws []word, i int) bool {
	for k := i - 1; k >= 0 && k >= i-30; k-- {
		switch ws[k].lower {
		case ".", ";", "(", ")", "of", "the", "a", "an":
			return false // sectors are listed as bare nouns, not "the Department of Health"
		case "as":
			return k >= 2 && ws[k-1].lower == "such" && sectorNouns[ws[k-2].lower]
		case "including", "like", ":":
			return k >= 1 && sectorNouns[ws[k-1].lower]
		}
	}
	return false
}

// nounAhead reports whether one of nouns is among words from..last, before
// any of the stop words.
func nounAhead(ws []word, from, last int, nouns map[string]bool, stops ...string) bool {
	for k := from; k < len(ws) && k <= last; k++ {
		if nouns[ws[k].lower] {
			return true
		}
		if slices.Contains(stops, ws[k].lower) {
			return false
		}
	}
	return false
}

// titleCase reports whether the sentence around word i is a headline: most of
// its words capitalised. Capitals then say nothing about names.
func titleCase(ws []word, i int) bool {
	words, caps := 0, 0
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w.lower)
		if !unicode.IsLetter(r) || len(w.lower) <= 3 {
			continue
		}
		words++
		if w.lower != "" && w.start >= 0 && isUpperFirst(w) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// techAcronyms appear as aliases in threat lists but in reports almost always
// mean the technology.
var techAcronyms = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range strings.Fields(`AI ML IT IP OS PC HR PR CEO CTO CFO CISO API DNS VPN RAT SMS MMS USB CPU GPU RAM PDF ISP SQL
		TCP UDP SSH SSL TLS HTTP HTTPS HTML JSON XML URL URI CVE IOC IOCS TTP TTPS C2 CNC CC OSINT SOC EDR XDR AV APT APTS
		DDOS DOS MFA SSO RDP SMB FTP LAN WAN VM VMS CMS CRM ERP IOT OT ICS SCADA PLC GPS NGO UN EU NATO MOD MOU FYI ETA
		ASAP LTD INC LLC GMBH PLC USD EUR GBP UTC GMT EST PST CET MITM WHOIS`) {
		m[a] = true
	}
	return m
}()
