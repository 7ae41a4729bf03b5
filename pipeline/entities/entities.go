// Package entities owns named-entity mentions. It runs layers in order of
// precedence and keeps one entity per span, recording in Entity.Source the
// layer that produced it:
//
//	pattern   indicators (IPs, domains, URLs, e-mails, hashes), CVE ids, ATT&CK
//	          technique ids, and dates
//	alias     in-document aliases: "Islamic State's Khurasan Province (ISKP)"
//	          links later "ISKP"; a surname links to the full name
//	gazetteer the shipped knowledge base (and user files), linked to canonical ids
//	rule      a title followed by a capitalised name is a PERSON (the title is
//	          not part of the span); a name before a facility noun is a FAC
//	          ("Azot plant", facilities.go); an unlisted name typed by a malware class
//	          noun ("the Vexorbot malware") is MALWARE; institutions and
//	          appositions make ORGs (orgs.go)
//	model     the statistical labeller (model.go), for names no list holds
//
// A later layer never overrides an earlier one on overlapping text.
package entities

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/indicators"
)

// Stage is the entity stage; its automaton is built once by New and shared.
type Stage struct {
	gaz    *matcher
	titles *matcher // person titles for the rules
	clues  *matcher // person titles for the model's after-title clue
	// techniques are the ATT&CK ids the gazetteer lists: a pattern's
	// "T1234" that ATT&CK does not list is none.
	techniques map[string]bool
	// stateNames are the names a country and its people share
	// ("Vatican", "Djibouti", "Gibraltar"), with the country's entry.
	stateNames map[string]models.GazEntry
	model      *Model // optional statistical layer
	Merge      MergeMode
}

// Features are the optional feature groups of a model.
type Features struct {
	Clusters bool `json:"clusters,omitempty"` // word-cluster paths from unlabeled text
	Domain   bool `json:"domain,omitempty"`   // a CTI copy of each feature in CTI documents
}

// WithModel returns the stage with a statistical layer (nil: none).
func (s *Stage) WithModel(m *Model) *Stage {
	c := *s
	c.model = m
	return &c
}

// New builds the gazetteer automaton and the title list.
func New(g *models.Gazetteer) *Stage {
	techniques := map[string]bool{}
	for _, e := range g.Entries {
		if e.Label == pipeline.LabelTechnique {
			techniques[e.ID] = true
		}
	}
	titles := slices.Concat(g.Titles, g.MoreTitles)
	return &Stage{gaz: newMatcher(g), titles: newTitleMatcher(slices.Concat(titles, pluralTitles(titles)), titleModifiers, false),
		clues: newClueTitles(g), techniques: techniques, stateNames: stateNames(g)}
}

// stateNames returns the names a country's entry and a people's share.
func stateNames(g *models.Gazetteer) map[string]models.GazEntry {
	peoples := map[string]bool{}
	for _, e := range g.Entries {
		if e.Label == pipeline.LabelNORP {
			for _, a := range e.Aliases {
				peoples[a] = true
			}
		}
	}
	out := map[string]models.GazEntry{}
	for _, e := range g.Entries {
		if e.Label == pipeline.LabelGPE && e.Kind == "country" {
			for _, a := range e.Aliases {
				if peoples[a] && (e.Name == a || strings.HasPrefix(e.Name, a+" ")) {
					out[a] = e // the country's name or its first word, not a spelling of its people's ("Thai")
				}
			}
		}
	}
	return out
}

// pluralTitles returns the plurals of titles of words (no abbreviations):
// "Deputy Prime Ministers Saif bin Zayid and Mansur bin Zayid", "Foreign
// Ministers Lavrov and Wang". (The model's clue keeps the singular list it
// was trained with.)
func pluralTitles(titles []string) []string {
	var out []string
	for _, t := range titles {
		head, rest, _ := strings.Cut(t, " of ") // "Chiefs of Staff"
		if rest != "" {
			rest = " of " + rest
		}
		r, _ := utf8.DecodeLastRuneInString(head)
		if len(head) < 4 || strings.ContainsAny(t, ".") || !unicode.IsLower(r) || strings.HasSuffix(head, "s") ||
			!strings.Contains(t, " ") && !officeTitles[strings.ToLower(t)] {
			continue // one word: only offices ("Queens Park Rangers", "Sacramento Kings" name no people)
		}
		if strings.HasSuffix(head, "y") && !strings.HasSuffix(head, "ey") && !strings.HasSuffix(head, "ay") {
			out = append(out, head[:len(head)-1]+"ies"+rest) // "Secretaries", "Deputies"
		} else {
			out = append(out, head+"s"+rest)
		}
	}
	return out
}

// officeTitles are the one-word titles whose plurals introduce the holders
// of an office.
var officeTitles = set("minister secretary president senator governor ambassador commander premier")

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "entities" }

// claims records which bytes are taken by a higher-precedence layer. Claimed
// spans never overlap, so kept sorted by start they are sorted by end too and
// one binary search answers "is [s,e) free?".
type claims struct {
	ents []pipeline.Entity
}

func (c *claims) find(s int) int {
	return sort.Search(len(c.ents), func(i int) bool { return c.ents[i].End > s })
}

func (c *claims) free(s, e int) bool {
	i := c.find(s)
	return i == len(c.ents) || c.ents[i].Start >= e
}

// addOrReplace adds e, or puts it in place of the claimed entity on exactly
// its span when replace says that one gives way.
func (c *claims) addOrReplace(e pipeline.Entity, replace func(old pipeline.Entity) bool) {
	if c.add(e) {
		return
	}
	if i := c.find(e.Start); c.ents[i].Start == e.Start && c.ents[i].End == e.End && replace(c.ents[i]) {
		c.ents[i] = e
	}
}

func (c *claims) add(e pipeline.Entity) bool {
	if e.Start >= e.End || !c.free(e.Start, e.End) {
		return false
	}
	i := c.find(e.Start)
	c.ents = append(c.ents, pipeline.Entity{})
	copy(c.ents[i+1:], c.ents[i:])
	c.ents[i] = e
	return true
}

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *pipeline.Document) error {
	c := &claims{}
	text := doc.Text
	// Only the annotated part of the text: tokenize may have stopped early (--max-tokens).
	limit := 0
	if n := len(doc.Sentences); n > 0 {
		limit = doc.Sentences[n-1].End
	}
	found, err := indicators.Find(doc, limit)
	if err != nil {
		return err
	}
	var unlisted []pipeline.Entity
	for _, e := range found.Entities {
		if e.Label == pipeline.LabelTechnique && !s.techniques[e.ID] {
			unlisted = append(unlisted, e)
			continue
		}
		c.add(e)
	}
	// A citation's text names no entity ("t.me/Klychkov_Andrey/243"), nor
	// does a URL cut short: its span is claimed by a placeholder that is
	// dropped at the end.
	for _, r := range found.References {
		c.add(pipeline.Entity{Start: r.Start, End: r.End})
	}
	for _, v := range found.Void {
		c.add(pipeline.Entity{Start: v[0], End: v[1]})
	}
	doc.References = slices.DeleteFunc(found.References, func(r pipeline.Reference) bool { return doc.InBoilerplate(r.Start, r.End) })
	if ctx.Err() != nil {
		return ctx.Err()
	}
	// One array holds the words of every sentence; it is the stage's
	// largest allocation, and reused (cleared, so that no document's text
	// stays reachable from the pool).
	words := make([][]word, 0, len(doc.Sentences))
	wb := wordsPool.Get().(*[]word)
	all := (*wb)[:0]
	if cap(all) < limit/5+16 {
		all = make([]word, 0, limit/5+16)
	}
	defer func() {
		clear(all[:cap(all)])
		*wb = all[:0]
		wordsPool.Put(wb)
	}()
	for _, st := range doc.Sentences {
		k := len(all)
		all = appendWords(all, text, st.Start, st.End)
		words = append(words, all[k:len(all):len(all)])
	}
	// (all may have moved as it grew: intern what the sentences hold)
	voc := s.newVocab(text, words)
	caps := docCapitals(words)
	caps.vocab = voc
	for _, ws := range words {
		for _, e := range findDates(text, ws, caps.cti) {
			c.add(e)
		}
		if !caps.cti {
			for _, e := range s.namedDays(text, ws) {
				c.add(e)
			}
		}
	}
	for _, e := range slices.Concat(eventNames(text, words), s.springEvents(text, words), shipNames(text, words), s.stormNames(text, words)) {
		c.add(e)
	}
	var gaz []pipeline.Entity
	for i, ws := range words {
		if i%512 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		gaz = append(gaz, s.lowerThreatWords(text, ws, s.gaz.find(text, ws))...)
	}
	for _, e := range slices.Concat(s.landformNames(text, words), s.definedNames(text, words)) {
		c.add(e)
	}
	if !caps.cti && !slices.ContainsFunc(gaz, distinctiveThreat) {
		gaz = keepThreatsNamed(doc.Sentences, words, gaz)
	} else {
		// An ATT&CK id the lists lack is a retired technique ("T1043") in
		// threat reporting, and a road ("the T1302 highway") elsewhere.
		for _, e := range unlisted {
			c.add(e)
		}
	}
	stateStyles(text, gaz)
	demonymRepublics(text, gaz)
	relabelFeatures(text, doc.Sentences, words, gaz)
	genericPlaces(text, doc.Sentences, words, gaz)
	gaz = slices.DeleteFunc(gaz, func(e pipeline.Entity) bool { return e.Label == "" })
	titledPersons, titled := s.findTitled(text, words)
	kunyaPersons := s.findKunyas(text, words)
	capsPersons := s.findCapsSurnames(text, words) // "Ambassador Robert F. GODEC" is more than the title's "Robert"
	caps.capsSurnames = len(capsPersons) > 0
	persons := slices.Concat(dropInside(titledPersons, capsPersons, ""), s.findRoled(text, words), kunyaPersons, capsPersons)
	for _, e := range titled {
		// A place named after a titled person comes before the gazetteer's
		// and the model's guesses inside ("George", "Anne"); a listed name
		// on it stands ("Prince Edward Island" is a province).
		if !slices.ContainsFunc(gaz, func(g pipeline.Entity) bool { return g.Start <= e.Start && e.End <= g.End }) {
			c.add(e)
		}
	}
	gaz = dropInside(gaz, persons, pipeline.LabelPerson)
	// A town or province a title names is a person's name: "Queen
	// Elizabeth", "Queen Victoria", "Queen Mary" (GeoNames towns). A
	// country stays itself.
	gaz = slices.DeleteFunc(gaz, func(g pipeline.Entity) bool {
		return isPlace(g.Label) && g.Kind != "country" && slices.ContainsFunc(titledPersons, func(p pipeline.Entity) bool {
			return p.Start == g.Start && p.End == g.End
		})
	})
	// Nothing the lists hold inside a kunya's name stands (a listed whole
	// is no kunya person, see listedFrom), nor a kunya alone before a name:
	// "Abu" of "Abu Haidar" or "Abu Shok" is no town.
	gaz = slices.DeleteFunc(dropInside(gaz, kunyaPersons, ""), func(g pipeline.Entity) bool {
		return kunyas[strings.ToLower(g.Text)] && g.End+1 < len(text) && text[g.End] == ' ' && isUpperWord(text[g.End+1:])
	})
	// In-document aliases come before the gazetteer in precedence, but they
	// are learnt from it: collect definitions first, then claim.
	orgs, apposed := s.findOrgs(text, words, caps.cti)
	// A word the context made a company that opens a listed group of the
	// document is the group's short name: "Wagner financier Yevgeny
	// Prigozhin" after "the Wagner Group" is the group. (Not so for an
	// organisation: "Ford's stock" is no Ford Foundation.)
	for w, a := range apposed.byWord {
		for _, g := range gaz {
			if g.Label == pipeline.LabelGroup && strings.HasPrefix(g.Text, w+" ") {
				a.Label, a.ID, a.Name, a.Kind = g.Label, g.ID, g.Name, g.Kind
				apposed.byWord[w] = a
				break
			}
		}
	}
	orgs = slices.DeleteFunc(orgs, func(e pipeline.Entity) bool {
		// A listed threat actor stays a GROUP: "Evil Corp". A listed
		// organisation or group on or around the rule's name stands too,
		// with its id ("North Atlantic Treaty Organization", "Organization
		// for Security and Co-operation in Europe").
		return slices.ContainsFunc(gaz, func(g pipeline.Entity) bool {
			return (g.Label == pipeline.LabelOrg || g.Label == pipeline.LabelGroup) && g.Start <= e.Start && e.End <= g.End
		})
	})
	units := slices.DeleteFunc(s.findUnits(text, words, caps.cti), func(e pipeline.Entity) bool {
		// A listed armed group ("Free Syrian Army") stays a GROUP, a listed
		// technique its kind ("Brute Force").
		return slices.ContainsFunc(gaz, func(g pipeline.Entity) bool {
			return g.Label == pipeline.LabelGroup && g.Start < e.End && e.Start < g.End || g.Start == e.Start && g.End == e.End && g.Label != pipeline.LabelOrg
		})
	})
	aliases := acronymDefinitions(text, slices.Concat(gaz, persons, orgs, units)) // "Central Military District (CMD)"
	for acr := range aliases.byWord {
		// A listed acronym in mixed case is the lists' ("Russian MoD"
		// names the ministry, not "MoD" after "Russian").
		if n, ok := s.gaz.step(root, foldWord(acr)); ok && len(s.gaz.hitsAt(n)) > 0 && !isAcronym(acr) {
			delete(aliases.byWord, acr)
		}
	}
	var placeAliases []pipeline.Entity
	for _, ws := range words {
		for _, e := range aliases.find(text, ws) {
			if k := sort.Search(len(ws), func(i int) bool { return ws[i].start >= e.Start }); k < len(ws) && ws[k].start == e.Start && ws[k].end == e.End && unitAcronym(text, ws, k) {
				continue // "the 3rd AC" after "3rd Army Corps (AC)": the numbered unit is the units rule's
			}
			c.add(e)
			if e.Label == pipeline.LabelGPE || e.Label == pipeline.LabelNORP {
				placeAliases = append(placeAliases, e)
			}
		}
		for _, e := range apposed.find(text, ws) {
			c.add(e)
		}
	}
	// Institution names outrank the gazetteer and the model: "Department of
	// Health" is one ORG, not a SECTOR inside it.
	for _, e := range orgs {
		c.add(e)
	}
	for _, e := range s.findFacilities(text, words) {
		c.add(e)
	}
	for _, e := range units {
		// A state's acronym the document defined opens the unit's words
		// ("the DNR 100th Separate Motorized Rifle Brigade" after
		// "Donetsk People's Republic (DNR)"): it stays the state, split
		// off the unit as a nationality is.
		for _, a := range placeAliases {
			if a.Start == e.Start && a.End < e.End && text[a.End] == ' ' {
				e.Start = a.End + 1
				e.Text = text[e.Start:e.End]
			}
		}
		c.add(e)
	}
	named := append(append(gaz, persons...), s.findTyped(text, words)...)
	if s.model != nil {
		var found []pipeline.Entity
		scr := scratchPool.Get().(*scratch)
		defer scr.release()
		hist := s.model.newHistory()
		for i, ws := range words {
			if i%512 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			found = append(found, s.findModel(text, ws, caps, hist, scr)...)
		}
		found = trimAmpersands(found)
		found = dropEvents(found)
		found = dropGlossGuesses(text, limit, found)
		found = trimDates(text, found)
		found = trimHeadlineVerbs(text, found)
		found = s.splitAtLowerWords(text, found)
		s.trimOccupations(text, doc.Sentences, caps.lower, found)
		found = slices.DeleteFunc(found, func(e pipeline.Entity) bool {
			// A role alone names no one: "the DNR General Prosecutor’s Office".
			// A name across an em dash, or a spaced en dash, is a heading's
			// run ("Subordinate Main Effort—Donetsk and Luhansk Oblasts",
			// "Ukrainian Counteroffensives – Southern"), unless quoted ("“Fair
			// Russia—For Truth” Party").
			r, _ := utf8.DecodeLastRuneInString(text[:e.Start])
			return namelessDate(text, e) || e.Label == pipeline.LabelPerson && roleNouns[strings.ToLower(e.Text)] ||
				(strings.Contains(e.Text, "—") || strings.Contains(e.Text, " – ")) && !isQuoteRune(r)
		})
		found = s.dropHeadlinePhrases(text, doc.Blocks, caps.lower, found)
		found = s.trimTitles(text, doc.Sentences, words, found, persons, named)
		// A model name over words the rules claimed is out; it must not
		// take the listed names around them with it ("Russian" of the
		// model's "Russian Air Force Command" where the unit rule claimed
		// "Air Force Command").
		found = slices.DeleteFunc(found, func(m pipeline.Entity) bool { return !c.free(m.Start, m.End) })
		named = s.mergeModel(text, named, found, caps.cti)
	}
	named = joinAmpersands(text, words, named)
	named = s.givenNamePersons(text, doc.Sentences, words, named)
	named = s.namePersons(text, words, named, persons)
	named = s.givenTownsBeforePersons(text, named)
	named = extendParticles(text, words, named)
	named = hyphenTails(text, words, named)
	lists := make([][][][2]int, len(words)) // each sentence's lists of names, for persons and places
	for i, ws := range words {
		lists[i] = nameLists(text, ws)
	}
	named = s.listPersons(text, words, lists, named)
	named = s.settlements(text, words, named, !caps.cti)
	named = peoples(text, words, named)
	named = hyphenatedAmericans(text, named)
	if !caps.cti {
		named = prefixedPlaces(text, words, named)
	}
	named = s.listPlaces(text, words, lists, named)
	named = s.areaAbbrevs(text, words, named)
	named = extendNameAbbrevs(text, doc.Sentences, words, named)
	named = s.townsAfterPrepositions(text, words, named)
	if !caps.cti {
		war := newWarScope(named) // placeShaped changes labels, not links
		s.placeShaped(text, named, war)
		named = s.unmarkedTowns(text, words, named, war)
	}
	named = areasBeforeNouns(text, words, named)
	named = s.wordTowns(text, named)
	extendSectors(text, doc.Sentences, words, named)
	if caps.cti {
		named = nationalGovernments(text, doc.Sentences, words, named)
	} else {
		named = nationalInstitutions(text, named)
	}
	for _, e := range named {
		c.add(e)
	}
	listedAt := make(map[int]bool, len(gaz))
	for _, g := range gaz {
		listedAt[g.Start] = true
	}
	for _, sn := range s.surnames(text, words, c.ents) {
		e := sn.Entity
		if strings.Contains(e.Text, "-") {
			// A hyphenated surname ("Amir-Abdollahian") takes its words
			// from the model's guesses inside it (NORP "Abdollahian").
			c.ents = slices.DeleteFunc(c.ents, func(o pipeline.Entity) bool {
				return o.Source == "model" && e.Start <= o.Start && o.End <= e.End && o.End-o.Start < e.End-e.Start
			})
		}
		// The document's own full name outranks the model's guess of
		// another kind than a place on the same word ("Baghdadi" after
		// "Abu Bakr al-Baghdadi" is no sector; a model's place may be
		// a place of that name).
		// So does a name the rules or the lists found over a listed town
		// ("Cook" after "Peter Cook"); a model's full name is not that
		// sure ("Taco Bell Canada"). Nor is a model's place that no list
		// holds, after a full name the rules or lists found ("Haidai’s
		// statement" after "Serhiy Haidai").
		// A person of the same words that a title introduced ("Special
		// Advisor Thames") is that person, and takes the full name.
		c.addOrReplace(e, func(old pipeline.Entity) bool {
			return old.Source == "model" && (labelClass(old.Label) != "place" || sn.sure && !listedAt[e.Start]) ||
				sn.sure && old.Source == "gazetteer" && labelClass(old.Label) == "place" ||
				old.Label == pipeline.LabelPerson && old.Name == "" && old.Start == e.Start && old.End == e.End
		})
	}
	var leaders []pipeline.Entity
	for _, ws := range words {
		leaders = append(leaders, s.leaderMentions(text, ws)...)
	}
	// A model span around two leaders is a coordination ("Erdogan and
	// Netanyahu" had been one LOC), as around two listed names.
	c.ents = slices.DeleteFunc(c.ents, func(m pipeline.Entity) bool {
		inside := 0
		for _, e := range leaders {
			if m.Source == "model" && m.Start <= e.Start && e.End <= m.End && e.End-e.Start < m.End-m.Start {
				inside++
			}
		}
		return inside >= 2
	})
	for _, e := range leaders {
		// A head of state or government by surname alone ("Putin said")
		// is that leader; a model's guess on the same word gives way
		// ("Erdogan" a LOC).
		c.addOrReplace(e, func(old pipeline.Entity) bool { return old.Source == "model" })
	}
	for _, e := range groupShortNames(text, words, c.ents) {
		// The model's guess on the same word gives way ("Wagner" an ORG).
		c.addOrReplace(e, func(old pipeline.Entity) bool { return old.Source == "model" })
	}
	for _, e := range s.companyShortNames(text, words, c.ents) {
		// The model's guess on the same words gives way ("Johnson
		// Controls" a person).
		c.addOrReplace(e, func(old pipeline.Entity) bool { return old.Source == "model" })
	}
	placeMajority(text, c.ents)
	threatMajority(text, c.ents)
	animateSubjects(text, c.ents)
	for _, e := range s.repeatMentions(text, words, c, caps.cti) {
		c.add(e)
	}
	s.placesNotPersons(c.ents)
	s.linkAreas(text, c.ents)
	compassPeoples(text, c.ents)
	pluralPeoples(c.ents)
	peoplesMilitias(text, c.ents)
	elidedParts(text, c.ents)
	s.theStates(text, c.ents)
	akaAliases(text, c)
	c.ents = acronymStarts(text, doc.Sentences, words, c.ents)
	s.orAlternatives(text, c.ents)
	doc.Entities = slices.DeleteFunc(c.ents, func(e pipeline.Entity) bool { return e.Label == "" || doc.InBoilerplate(e.Start, e.End) })
	return ctx.Err()
}

// compassPeoples drops a people named by a compass word right before a
// place: "Western" is the West's people in "Western media" (the ISW gold's
// NORP), a direction in "Western Luhansk Oblast" and "Western Crimea", which
// ENTITY_GUIDELINES leave out as they leave out "Eastern" of "Eastern Ukraine".
func compassPeoples(text string, ents []pipeline.Entity) {
	at := labelledAt(ents)
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelNORP || !directionWord(strings.ToLower(e.Text)) || e.End >= len(text) || text[e.End] != ' ' {
			continue
		}
		if k, ok := at[e.End+1]; ok && labelClass(ents[k].Label) == "place" {
			e.Label = "" // dropped below
		}
	}
}

// pluralPeoples makes the model's unlisted one-word name (and its repeats)
// that is the plural of a people the document names NORP: "the Sogdians"
// (an ORG) beside "Sogdian merchants", "wealthy Romans" (a PERSON) beside
// "Roman". A country stays one ("Philippines" beside "Philippine").
func pluralPeoples(ents []pipeline.Entity) {
	var peoples map[string]bool
	for _, e := range ents {
		if e.Label == pipeline.LabelNORP && !strings.Contains(e.Text, " ") {
			if peoples == nil {
				peoples = map[string]bool{}
			}
			peoples[e.Text] = true
		}
	}
	if peoples == nil {
		return
	}
	for i := range ents {
		e := &ents[i]
		switch e.Label {
		case pipeline.LabelOrg, pipeline.LabelPerson, pipeline.LabelGroup, pipeline.LabelLoc:
		default:
			continue
		}
		if stem, ok := strings.CutSuffix(e.Text, "s"); ok && e.ID == "" && (e.Source == "model" || e.Source == "alias") && peoples[stem] {
			e.Label, e.ID, e.Name, e.Kind = pipeline.LabelNORP, "", "", ""
		}
	}
}

// peoplesMilitias joins "People's" to a militia named after it that the
// model cut at the apostrophe: "The People's Militias of the Russian proxy
// Donetsk and Luhansk People's Republics" gave LOC "People" and ORG
// "Militias".
func peoplesMilitias(text string, ents []pipeline.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelOrg || e.Text != "Militia" && e.Text != "Militias" {
			continue
		}
		before := text[:e.Start]
		for _, p := range []string{"People's ", "People’s "} {
			if !strings.HasSuffix(before, p) {
				continue
			}
			st := e.Start - len(p)
			for k := range ents {
				if k != i && ents[k].Start < e.Start && st < ents[k].End {
					ents[k].Label = "" // "People": dropped below
				}
			}
			e.Start, e.Text, e.Source = st, text[st:e.End], "rule"
		}
	}
}

// elidedParts gives the model's lone part word before "and" and a place
// that opens with one the LOC of a name cut short: "Central" of "Central
// and South America", "Central and Eastern Europe", as "North" of "North
// and South Korea" (a compass noun) already is; the model had called it a
// GPE.
func elidedParts(text string, ents []pipeline.Entity) {
	at := labelledAt(ents)
	for i := range ents {
		e := &ents[i]
		if e.Source != "model" || labelClass(e.Label) != "place" || !partWords[strings.ToLower(e.Text)] ||
			!strings.HasPrefix(text[e.End:], " and ") {
			continue
		}
		k, ok := at[e.End+len(" and ")]
		if !ok || labelClass(ents[k].Label) != "place" {
			continue
		}
		if first, _, _ := strings.Cut(ents[k].Text, " "); partWords[strings.ToLower(first)] && first != ents[k].Text {
			e.Label, e.ID, e.Name, e.Kind = pipeline.LabelLoc, "", "", "region"
		}
	}
}

// theStates makes a people's name that is its country's after "the" the
// country: "The Vatican reports" names the state (the model read a NORP,
// as it may "Vatican officials").
func (s *Stage) theStates(text string, ents []pipeline.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelNORP {
			continue
		}
		st, ok := s.stateNames[e.Text]
		if before := text[:e.Start]; !ok || !strings.HasSuffix(before, "the ") && !strings.HasSuffix(before, "The ") {
			continue
		}
		e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelGPE, st.ID, st.Name, st.Kind, "gazetteer"
	}
}

// labelledAt maps the start of each labelled entity to its index.
func labelledAt(ents []pipeline.Entity) map[int]int {
	at := make(map[int]int, len(ents))
	for i, e := range ents {
		if e.Label != "" {
			at[e.Start] = i
		}
	}
	return at
}

// wordsPool holds the word arrays of Process.
var wordsPool = sync.Pool{New: func() any { return new([]word) }}

// inHeadingRun reports whether e lies in a title-cased run that opens a
// line and works as its heading: after a bullet mark the line opens with
// capitalised words (and linking words) up to and past e; the run ends the
// line or meets a dash, a colon, a number or a parenthesis that holds no
// acronym; and its capitalised words, after leading nationalities and
// places, are two or more common English words (or words the document
// writes in lower case too), the last no institution's head. ISW's lines
// of effort are such headings in bullets and paragraphs:
// "- Russian Subordinate Main Effort—Capture the entirety of Donetsk
// Oblast", "Russian Mobilization and Force Generation Efforts". "Russian
// Main Department:" ends in an institution's head and "Russian Railways
// (RZD)" in an acronym: they stay names.
func (s *Stage) inHeadingRun(text string, lower map[string]bool, e pipeline.Entity) bool {
	ls := strings.LastIndexByte(text[:e.Start], '\n') + 1
	le := strings.IndexByte(text[e.End:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += e.End
	}
	// The words of the line up to two past the run: lines can be whole
	// paragraphs, and most entities are in none.
	var ws []word
	run := -1
	for i := ls; i < le && (run < 0 || len(ws) < run+2); {
		j, r, space := unitEnd(text, i, le)
		if !space {
			w := newWord(text, i, j, r)
			switch {
			case run >= 0:
			case len(ws) == 0 && bulletMarks[w.lower]:
				i = j
				continue
			case !w.upper && (len(ws) == 0 || !linkingWords[w.lower]):
				run = len(ws)
			}
			ws = append(ws, w)
			if run < 0 && i >= e.End && ws[len(ws)-1].start > e.End+200 {
				return false // a run this long is no heading
			}
		}
		i = j
	}
	if run < 0 {
		run = len(ws)
	}
	if run == 0 || ws[0].start > e.Start || ws[run-1].end < e.End {
		return false
	}
	if run < len(ws) {
		next := ws[run]
		switch {
		case next.lower == "(":
			if run+1 < len(ws) && isUpperCase(text[ws[run+1].start:ws[run+1].end]) && len(ws[run+1].lower) > 1 {
				return false // "Russian Railways (RZD)"
			}
		case headingEnds[next.lower] || next.lower[0] >= '0' && next.lower[0] <= '9':
		default:
			return false
		}
	}
	head := ws[:run]
	s.gaz.mark(head)
	for len(head) > 0 && (s.isDemonym(head[0]) || s.isPlace(head[0])) {
		head = head[1:]
	}
	common := 0
	var last word
	for _, w := range head {
		if !w.upper {
			continue // a linking word
		}
		if !s.headingWord(lower, w) {
			return false
		}
		common++
		last = w
	}
	// One plural common word is a heading too where a dash, a colon or a
	// parenthesis ends the run: "- Ukrainian Counteroffensives—Eastern
	// Ukraine", "Ukrainian Counteroffensives (Ukrainian efforts to...)".
	one := common == 1 && run < len(ws) && strings.HasSuffix(last.lower, "s")
	return (common >= 2 || one) && !orgHeads[last.lower] && !unitHeads[last.lower] && !staffHeads[last.lower]
}

// headingWord reports whether a capitalised word of a heading run is a
// common word or one the document also writes in lower case (lower), in
// the plural too ("Counteroffensives" beside "a counteroffensive").
func (s *Stage) headingWord(lower map[string]bool, w word) bool {
	sg, plural := strings.CutSuffix(w.lower, "s")
	return s.gaz.common[w.lower] || lower[w.lower] || plural && lower[sg]
}

// bulletMarks open a list item's line.
var bulletMarks = map[string]bool{"-": true, "•": true, "*": true, "–": true, "—": true, "·": true}

// linkingWords join the capitalised words of a title-cased run.
var linkingWords = map[string]bool{"and": true, "of": true, "the": true, "in": true, "for": true, "to": true, "on": true, "&": true}

// headingEnds end a heading run before its subject: "Effort—Eastern Ukraine".
var headingEnds = map[string]bool{"-": true, "–": true, "—": true, ":": true}

// partWords name a place only inside a longer name: directions and
// landforms ("Eastern Creek", "Waiheke Island").
var partWords = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true,
	"southern": true, "eastern": true, "western": true, "central": true, "upper": true, "lower": true, "greater": true,
	"island": true, "islands": true, "valley": true, "northwest": true, "northeast": true, "southwest": true, "southeast": true,
	"northwestern": true, "northeastern": true, "southwestern": true, "southeastern": true}

// featurePlaces are feature words that the lists hold as places: "Bay"
// (Somalia), "Forest" (Belgium).
var featurePlaces = set("bay forest")

// compassNouns name regions alone ("the West", "the North").
var compassNouns = map[string]bool{"north": true, "south": true, "east": true, "west": true}

// geoFeatures turn a place name into a named feature: "Dnipro River" is a
// river (LOC), not the city of Dnipro.
var geoFeatures = map[string]bool{"river": true, "sea": true, "mountains": true, "mountain": true, "valley": true,
	"lake": true, "basin": true, "bay": true, "gulf": true, "strait": true, "peninsula": true, "spit": true, "island": true, "islands": true, "desert": true,
	"darya": true, "mount": true, "canal": true}

// featureHeads end the name of a sea, a river or a landform (LOC): the
// geographic features but islands, which are often states or territories
// ("Solomon Islands"), and spits, with oceans, reefs, shoals and atolls.
var featureHeads = set("river sea ocean mountains mountain mount valley lake basin bay gulf strait peninsula desert reef shoal atoll " +
	"darya") // Persian: river ("Amu Darya")

// companyHeads end a company's trading name.
var companyHeads = set("technologies technology systems industries corporation holdings airlines airways motors networks " +
	"labs laboratories solutions software electronics communications enterprises incorporated computing")

// adminHeads name an administrative unit after its place name; the unit is
// the same GPE ("Kharkiv Oblast", "Donetsk City", "Kunar Province").
var adminHeads = map[string]bool{"oblast": true, "oblasts": true, "city": true, "province": true, "provinces": true,
	"krai": true, "raion": true, "governorate": true, "prefecture": true, "county": true, "municipality": true}

// regionHeads end the name of a region that governs itself in part: a model
// span ending in one is a GPE whatever label the model gives it (findModel).
// ("Province", an admin head above, is left out: "Islamic State's Khurasan
// Province" is a group.)
var regionHeads = map[string]bool{"oblast": true, "oblasts": true, "krai": true, "raion": true, "governorate": true,
	"republic": true, "republics": true, "gubernia": true, "guberniya": true}

// riverOfTown reports whether e, a listed town of one word, follows "the"
// and ends its noun phrase (punctuation or a preposition after it): "of
// the Dnipro.", "across the Oskil on March 3". "The" opening a sentence
// ("The Hague") and a noun after the name ("the Kherson direction") keep
// the town.
func riverOfTown(text string, e pipeline.Entity) bool {
	if !strings.HasPrefix(e.Kind, "PPL") || strings.ContainsAny(e.Text, " -") || !strings.HasSuffix(text[:e.Start], " the ") {
		return false
	}
	rest := text[e.End:]
	if rest == "" {
		return true
	}
	if strings.HasPrefix(rest, ", ") && isUpperWord(rest[2:]) {
		return false // "the Kupyansk, Kharkiv Oblast, direction": a town and its qualifier
	}
	if strings.ContainsRune(".,;:)[", rune(rest[0])) {
		return true
	}
	if strings.HasPrefix(strings.ReplaceAll(rest[:min(len(rest), 4)], "\r", ""), "\n\n") {
		return true // a paragraph's end: a heading's "along the west bank of the Dnipro" (a line's end may wrap a sentence)
	}
	return rest[0] == ' ' && riverPreps[leadingLetters(rest[1:])]
}

// riverPreps follow a river's name in a place phrase: "the Dnipro near
// Kherson", "the Oskil toward Kupyansk".
var riverPreps = set("in on at near toward towards from to into across along south north east west")

// peoplesRepublicAfter returns the length of the rest of a self-declared
// republic's name that opens rest (" People's Republic", " People’s
// Republics"), or 0.
func peoplesRepublicAfter(rest string) int {
	for _, p := range []string{" People's Republic", " People’s Republic"} {
		if strings.HasPrefix(rest, p) {
			n := len(p)
			if strings.HasPrefix(rest[n:], "s") {
				n++
			}
			if r, _ := utf8.DecodeRuneInString(rest[n:]); unicode.IsLetter(r) {
				return 0
			}
			return n
		}
	}
	return 0
}

// A state's style before its name is part of it: "the People's Republic of
// Bulgaria" (listed as "Republic of Bulgaria"), "the Federal Republic of
// Yugoslavia". The style words are a closed set; "Islamic State of Iraq" is
// a group, so "State" takes a style word that only states use.
var (
	stateStyleWords = []string{"People's", "People’s", "Democratic", "Federal", "Socialist", "Islamic", "Arab", "United", "Federative",
		"Hashemite", "Bolivarian", "Co-operative", "Cooperative", "Grand", "Oriental"}
	// stateStyleHeads take "of" and the state's name ("Republic of").
	stateStyleHeads = []string{"Republic", "Kingdom", "Principality", "Sultanate", "Duchy", "Plurinational State", "Independent State"}
	// styledStarts open a listed state's name that a style may precede.
	styledStarts = set("Republic Kingdom Principality Sultanate Duchy State")
)

// endingWord returns the length of the one of words that s ends with as a
// whole word, or 0.
func endingWord(s string, words []string) int {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			if r, _ := utf8.DecodeLastRuneInString(s[:len(s)-len(w)]); !unicode.IsLetter(r) {
				return len(w)
			}
		}
	}
	return 0
}

// styleStart returns where the style words that end before[:end] start
// (end when there are none): "Federal Democratic " of "... the Federal
// Democratic ".
func styleStart(before string, end int) int {
	for {
		b := strings.TrimRight(before[:end], " ")
		n := endingWord(b, stateStyleWords)
		if len(b) == end || n == 0 {
			return end
		}
		end = len(b) - n
	}
}

// demonymRepublics makes a listed nationality and "Republic" after it one
// GPE, a republic no list holds whole: "Chechen Republic Head Ramzan
// Kadyrov" ("Chuvash Republic", "Czech Republic" are listed).
func demonymRepublics(text string, ents []pipeline.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelNORP || !strings.HasPrefix(text[e.End:], " Republic") || leadingLetters(text[e.End+len(" Republic"):]) != "" ||
			strings.HasPrefix(text[e.End+len(" Republic"):], " of") {
			continue
		}
		e.End += len(" Republic")
		e.Text, e.Label, e.ID, e.Name, e.Kind, e.Source = text[e.Start:e.End], pipeline.LabelGPE, "", "", "", "rule"
	}
}

// stateStyles extends a listed state over its style before it.
func stateStyles(text string, ents []pipeline.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelGPE || e.Kind != "country" && e.Kind != "former state" {
			continue
		}
		before := text[max(0, e.Start-96):e.Start]
		end := len(before)
		if first, _, _ := strings.Cut(e.Text, " "); !styledStarts[first] {
			// The style and its head before the name: "the Federal
			// Republic of " + "Yugoslavia".
			b := strings.TrimSuffix(strings.TrimSuffix(before, "the "), "of ")
			if len(b) == len(before) || !strings.HasSuffix(b, " ") {
				continue
			}
			b = strings.TrimRight(b, " ")
			n := endingWord(b, stateStyleHeads)
			if n == 0 {
				continue
			}
			end = len(b) - n
		}
		if st := styleStart(before, end); st < len(before) {
			e.Start -= len(before) - st
			e.Text = text[e.Start:e.End]
		}
	}
}

// relabelFeatures extends a GPE followed by a geographic feature word into a
// LOC, and over a capitalised administrative head as the same GPE; a
// landform word alone, or a place naming a document, loses its label.
func relabelFeatures(text string, spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelGPE {
			continue
		}
		// A landform word alone is no place ("Island", an alias of
		// Iceland): after a capitalised word it ends a LOC's name ("Snake
		// Island"), whatever that word is.
		// A compass word alone is no listed area ("Eastern" of "Eastern
		// Ukraine" is no Eastern Province anywhere); as a noun it is the
		// region it names ("the West", LOC), or the first word of a longer
		// name ("West Midlands", "North Eastern Province", "North
		// American"): the name, with the label of a listed name it takes
		// in ("Eastern Province" GPE, "American" NORP), else LOC. An
		// adjective is no part of the name ("Eastern Kharkiv Oblast").
		if lw := strings.ToLower(e.Text); partWords[lw] && !geoFeatures[lw] && e.Source == "gazetteer" {
			e.Label = "" // dropped below, unless a compass noun
			if compassNouns[lw] {
				switch end, label := nameAfterPart(text, spans, sentences, ents, i); {
				case end > e.End:
					e.End, e.Label, e.ID, e.Name, e.Kind = end, label, "", "", ""
					e.Text = text[e.Start:e.End]
				case end == e.End:
					e.Label, e.ID, e.Name, e.Kind = pipeline.LabelLoc, "", "", "region"
				}
			}
			continue
		}
		if lw := strings.ToLower(e.Text); geoFeatures[lw] && partWords[lw] {
			next, ok := spacedWordAfter(text, spans, sentences, e.End)
			goesOn := ok && next.upper && isNameWord(text, next) && !adminHeads[next.lower] // "Small Island Developing State": a longer name
			if w, ok := spacedWordBefore(text, spans, sentences, e.Start); ok && isNameWord(text, w) && !determiners[w.lower] && !goesOn {
				e.Start = w.start
				e.Text = text[e.Start:e.End]
				e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelLoc, "", "", "feature", "rule"
			} else {
				e.Label = "" // dropped below
			}
			continue
		}
		if lw := strings.ToLower(e.Text); featurePlaces[lw] && e.Source == "gazetteer" {
			// A listed place named by a feature word ("Bay", a Somali
			// region) after a capitalised name word ends a landform's
			// name: "Karkinitsky Bay", "Ardennes Forest". Alone it stays
			// the place ("the Bay region").
			next, ok := spacedWordAfter(text, spans, sentences, e.End)
			goesOn := ok && next.upper && isNameWord(text, next)
			if w, ok := spacedWordBefore(text, spans, sentences, e.Start); ok && isNameWord(text, w) && !determiners[w.lower] && !functionWords[w.lower] && !goesOn {
				for k := range ents {
					if k != i && ents[k].Start >= w.start && ents[k].End <= e.Start {
						ents[k].Label = "" // ("Baffin" or "Korea" of the bay's name)
					}
				}
				e.Start = w.start
				e.Text = text[e.Start:e.End]
				e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelLoc, "", "", "feature", "rule"
				continue
			}
		}
		if lw := strings.ToLower(e.Text); featureOfPrefixes[lw] && strings.HasPrefix(text[e.End:], " of ") {
			// "Bay of Bengal": GeoNames' "Bay" (a Somali region) opens the
			// landform's name; the name words after "of" end it.
			end := e.End + 4
			for n := 0; n < 3; n++ {
				w, ok := wordAfter(spans, sentences, end-1)
				if !ok || w.start != end || !isNameWord(text, w) {
					break
				}
				end = w.end + 1
			}
			if end > e.End+4 {
				e.End = end - 1
				e.Text = text[e.Start:e.End]
				e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelLoc, "", "", "feature", "rule"
				continue
			}
		}
		if st := featureBefore(text, spans, sentences, e.Start); st >= 0 {
			// "Lake Chad", "Lake Victoria", "Mount Kenya", "Gulf of Aden":
			// a listed place after a landform's word names the landform
			// (a town named so is listed whole: "Lake Charles"). A listed
			// landform word alone on it goes ("Gulf").
			for k := range ents {
				if k != i && ents[k].Start >= st && ents[k].End <= e.Start {
					ents[k].Label = ""
				}
			}
			e.Start = st
			e.Text = text[e.Start:e.End]
			e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelLoc, "", "", "feature", "rule"
			// (a feature word may follow: "the Lake Chad Basin")
		}
		if riverOfTown(text, *e) {
			// "the west bank of the Dnipro", "across the Oskil": a town
			// takes no article, its river does (ENTITY_GUIDELINES: rivers
			// are LOC).
			e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelLoc, "", "", "feature", "rule"
			continue
		}
		if n := peoplesRepublicAfter(text[e.End:]); n > 0 {
			// The second of "Donetsk and Luhansk People's Republics" (the
			// first is split off as "Donetsk and Luhansk Oblasts" is).
			e.End += n
			e.Text = text[e.Start:e.End]
			e.ID, e.Name, e.Kind, e.Source = "", "", "self-declared state", "rule"
			continue
		}
		w, ok := wordAfter(spans, sentences, e.End)
		if !ok {
			continue
		}
		if documentHeads[w.lower] && w.upper && w.start-e.End == 1 {
			e.Label = "" // "Geneva Conventions", "Minsk Agreements": a document's name, no place; dropped below
			continue
		}
		if adminHeads[w.lower] && (w.upper || strings.HasSuffix(w.lower, "s")) && w.start-e.End == 1 {
			e.End = w.end
			e.Text = text[e.Start:e.End]
			continue
		}
		if next, ok := spacedWordAfter(text, spans, sentences, w.end); ok && w.start-e.End == 1 && isNameWord(text, w) && w.gaz == 0 &&
			!next.upper && featureHeads[next.lower] && !lowerWordAfter(text, next.end) {
			// "the Tora Bora mountains": the place opens a landform's name
			// that a lower-case feature noun follows.
			e.End = w.end
			e.Text = text[e.Start:e.End]
			e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelLoc, "", "", "feature", "rule"
			continue
		}
		if geoFeatures[w.lower] && w.upper {
			e.End = w.end
			e.Text = text[e.Start:e.End]
			e.Label, e.ID, e.Name, e.Kind = pipeline.LabelLoc, "", "", "feature"
		}
	}
}

// linkAreas links a place written with a first-level area noun to the
// list's area of that name: "Kherson Oblast" is the province, not the city
// the name alone had linked (the merge reads such a name as the town's
// entry, with the town's guards), and so is the first of "Donetsk and
// Luhansk Oblasts". An area the lists spell otherwise or lack
// ("Zaporizhia oblasts", a raion) keeps the town's entry as a hint, and the
// geo stage links the area it resolves.
func (s *Stage) linkAreas(text string, ents []pipeline.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelGPE || e.ID != "" && !strings.HasPrefix(e.ID, "geonames:") {
			continue
		}
		k := strings.LastIndexByte(e.Text, ' ')
		if k < 0 {
			continue
		}
		head := strings.ToLower(e.Text[k+1:])
		if !adminHeads[head] || head == "city" {
			continue
		}
		g, ok := s.adminEntry(e.Text[:k])
		if !ok {
			continue
		}
		e.ID, e.Name, e.Kind = g.ID, g.Name, g.Kind
		if p := i - 1; p >= 0 && strings.HasSuffix(head, "s") && ents[p].Label == pipeline.LabelGPE && ents[p].End < e.Start &&
			(text[ents[p].End:e.Start] == " and " || text[ents[p].End:e.Start] == ", " || text[ents[p].End:e.Start] == ", and ") {
			if g, ok := s.adminEntry(ents[p].Text); ok && (ents[p].ID == "" || strings.HasPrefix(ents[p].ID, "geonames:")) {
				ents[p].ID, ents[p].Name, ents[p].Kind = g.ID, g.Name, g.Kind
			}
		}
	}
}

// adminEntry returns the gazetteer's first-level area of a name ("Kherson"
// the province, which GeoNames' city of the name outranks alone).
func (s *Stage) adminEntry(name string) (models.GazEntry, bool) {
	n, ok := root, true
	for _, w := range splitWords(name, 0, len(name)) {
		if n, ok = s.gaz.step(n, w.lower); !ok {
			return models.GazEntry{}, false
		}
	}
	return s.bestEntry(n, func(e models.GazEntry) bool { return e.Label == pipeline.LabelGPE && e.Kind == "admin1" })
}

// lowerWordAfter reports whether a lower-case word other than a function
// word or preposition follows offset end after one space: a feature noun
// before it modifies it ("the OBOR sea route", not "the Tora Bora
// mountains and").
func lowerWordAfter(text string, end int) bool {
	if end+1 >= len(text) || text[end] != ' ' {
		return false
	}
	w := leadingLetters(text[end+1:])
	return w != "" && w == strings.ToLower(w) && !functionWords[w] && !riverPreps[w]
}

// featurePrefixes open a landform's name before a place's: "Lake Chad",
// "Mount Kenya"; with "of": "Gulf of Aden", "Sea of Azov".
var featurePrefixes = set("lake mount mt mt.")
var featureOfPrefixes = set("gulf bay strait sea isle")

// featureBefore returns where a landform's name that the place at start
// ends opens ("Lake" of "Lake Chad", "Gulf" of "Gulf of Aden"), or -1.
func featureBefore(text string, spans []pipeline.Sentence, sentences [][]word, start int) int {
	w, ok := spacedWordBefore(text, spans, sentences, start)
	if !ok {
		return -1
	}
	if w.upper && featurePrefixes[w.lower] {
		return w.start
	}
	if w.lower != "of" || text[w.start:w.end] != "of" {
		return -1
	}
	if g, ok := spacedWordBefore(text, spans, sentences, w.start); ok && g.upper && featureOfPrefixes[g.lower] {
		return g.start
	}
	return -1
}

// genericWords make up a listed place's name that is a description more
// than a name: "Federal District" (Brazil's), "Eastern Province".
var genericWords = set("federal capital district region territory province state central northern southern " +
	"eastern western far upper lower")

// genericPlaces reads three kinds of listed place as part of a longer name.
// A name of generic words after capitalised words that no one claimed is
// that longer name, with no link ("the Far Eastern Federal District" is
// Russia's, not Brazil's Federal District). A place that opens a quotation
// going on in capitalised words past it names something else ("”Kuzma
// Minin” Volunteer Tank Battalion", "“West-Akhmat” Battalion"): it goes.
func genericPlaces(text string, spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity) {
	claimed := make(map[int]bool, len(ents))
	for _, e := range ents {
		if e.Label != "" {
			claimed[e.Start] = true
		}
	}
	for i := range ents {
		e := &ents[i]
		if labelClass(e.Label) != "place" || e.Source != "gazetteer" {
			continue
		}
		if r, n := utf8.DecodeLastRuneInString(text[:e.Start]); n > 0 && isQuoteRune(r) {
			if opensLongerQuote(text, e.Start, e.End) {
				e.Label = "" // dropped below ("“Luhansk partisan” project" keeps its place)
			}
			continue
		}
		if e.Kind == "country" || e.Kind == "admin1" || e.Kind == "territory" {
			// "New" before a country or a first-level area names another
			// place: New England, New Guinea, New France, New Spain (had
			// been England, the West African Guinea...). In a title-cased
			// run it may be an adjective ("New Iran Sanctions Announced").
			w, ok := spacedWordBefore(text, spans, sentences, e.Start)
			if ok && w.lower == "new" && w.upper && !claimed[w.start] && !runsOn(text, e.End) {
				e.Start, e.Label, e.ID, e.Name, e.Kind = w.start, pipeline.LabelLoc, "", "", ""
				e.Text = text[e.Start:e.End]
				continue
			}
		}
		generic := true
		for _, w := range strings.Fields(strings.ToLower(e.Text)) {
			generic = generic && genericWords[w]
		}
		if !generic || !strings.Contains(e.Text, " ") {
			continue
		}
		start := e.Start
		for n := 0; n < 2; n++ {
			w, ok := spacedWordBefore(text, spans, sentences, start)
			if !ok || !w.upper || !isNameWord(text, w) || claimed[w.start] || determiners[w.lower] {
				break
			}
			start = w.start
		}
		if start < e.Start {
			e.Start, e.Label, e.ID, e.Name, e.Kind = start, pipeline.LabelGPE, "", "", ""
			e.Text = text[e.Start:e.End]
		}
	}
}

// opensLongerQuote reports whether text[start:end] opens a quotation that
// goes on in capitalised words past it ("”Kuzma Minin” Volunteer Tank
// Battalion"): part of a quoted name, no name of its own.
func opensLongerQuote(text string, start, end int) bool {
	if r, n := utf8.DecodeLastRuneInString(text[:start]); n == 0 || !isQuoteRune(r) {
		return false
	}
	rest := text[end:min(len(text), end+40)]
	if j := strings.IndexFunc(rest, isQuoteRune); j > 1 && (rest[0] == ' ' || rest[0] == '-') {
		r, _ := utf8.DecodeRuneInString(rest[1:])
		return unicode.IsUpper(r)
	}
	return false
}

// isQuoteRune reports whether r opens or closes a quotation.
func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '«', '»', '„':
		return true
	}
	return false
}

// diseaseHeads end a disease's name after a place's: "West Nile virus",
// "Marburg virus", "Lassa fever".
var diseaseHeads = set("virus viruses fever disease encephalitis vaccine vaccines haemorrhagic hemorrhagic")

// nameAfterPart returns where the name that direction word ents[i] begins
// ends, and its label: up to two capitalised words follow it, one space
// apart, and it takes in whole the listed names they begin (which lose
// their own label), but no country ("Eastern Ukraine" stays "Ukraine"). It
// returns ents[i].End when no name follows, and -1 for the name of an
// organisation or a disease, which is no place ("South Simcoe Police",
// "West Nile virus").
func nameAfterPart(text string, spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity, i int) (int, string) {
	e := ents[i]
	end, label := e.End, pipeline.LabelLoc
	for n := 0; n < 2; n++ {
		w, ok := spacedWordAfter(text, spans, sentences, end)
		if !ok || !isNameWord(text, w) {
			break
		}
		if orgHeads[w.lower] || unitHeads[w.lower] || w.lower == "police" || diseaseHeads[w.lower] {
			return -1, ""
		}
		end = w.end
		for k := i + 1; k < len(ents) && ents[k].Start <= w.start; k++ {
			if ents[k].Start == w.start && ents[k].Label != "" {
				if ents[k].Kind == "country" {
					return e.End, "" // "Eastern Ukraine": the country's part, which stays the country
				}
				if lw := strings.ToLower(ents[k].Text); lw == "pole" {
					end = ents[k].End // "the South Pole": no Pole (a Polish man), a place
				} else if !partWords[lw] { // "West" of "South West England" is a word of the name
					end, label = ents[k].End, ents[k].Label
				}
				ents[k].Label = "" // dropped below
				break
			}
		}
		if label != pipeline.LabelLoc {
			break
		}
	}
	if w, ok := wordAfter(spans, sentences, end); ok && end > e.End && diseaseHeads[w.lower] {
		return -1, ""
	}
	return end, label
}

// sectorHeads are nouns that belong to a sector's name when they follow it:
// "financial services", "the defense sector", "government entities".
var sectorHeads = map[string]bool{"services": true, "sector": true, "sectors": true, "entities": true,
	"institutions": true, "company": true}

// extendSectors widens each SECTOR mention over the sector nouns after it
// ("financial" -> "financial services sector").
func extendSectors(text string, spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelSector {
			continue
		}
		for {
			w, ok := wordAfter(spans, sentences, e.End)
			if !ok || !sectorHeads[w.lower] || w.start-e.End > 1 {
				break
			}
			e.End = w.end
		}
		e.Text = text[e.Start:e.End]
	}
}

// nationalGovernments makes a nationality before "government(s)" one ORG
// with it, as threat reporting's annotators do (AnnoCTR writes "Chinese
// government" as ORG every time in its training documents, as re3d does
// "the Iraqi government"). A sector on the word gives way ("Turkish
// government entities"). Only in threat reporting: ISW's gold splits the
// nationality off a body. A country stays the place ("the UK government"):
// GeoVirus's gold has it so, and it is where the map puts the report.
func nationalGovernments(text string, spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	at := newSpanIndex(ents)
	var drop []int
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelNORP {
			continue
		}
		w, ok := spacedWordAfter(text, spans, sentences, e.End)
		if !ok || w.lower != "government" && w.lower != "governments" || w.upper {
			continue
		}
		var sectors []int
		clash := false
		for _, k := range at.overlapping(w.start, w.end) {
			if o := ents[k]; k != i && o.Label != "" {
				if o.Label == pipeline.LabelSector && o.Start == w.start {
					sectors = append(sectors, k)
				} else {
					clash = true
				}
			}
		}
		if clash {
			continue
		}
		drop = append(drop, sectors...)
		*e = pipeline.Entity{Start: e.Start, End: w.end, Text: text[e.Start:w.end], Label: pipeline.LabelOrg, Source: "rule"}
	}
	for _, k := range drop {
		ents[k].Label = ""
	}
	return slices.DeleteFunc(ents, func(e pipeline.Entity) bool { return e.Label == "" })
}

// nationalInstitutions makes a country or nationality and the institution
// named right after it one ORG: ENTITY_GUIDELINES keeps a nationality that
// is part of an institution's name inside the span ("Russian MoD", "US
// National Security Council"); findUnits splits it off a unit's. The
// institution ends in an institution's head word ("Council", "MoD"); a
// platform or a company does not ("Russian Telegram channels"). Not in
// threat reporting, whose gold splits "U.S." off "Federal Bureau of
// Investigation".
func nationalInstitutions(text string, ents []pipeline.Entity) []pipeline.Entity {
	orgAt := map[int]int{}
	for i, e := range ents {
		if e.Label == pipeline.LabelOrg {
			orgAt[e.Start] = i
		}
	}
	merged := false
	for i := range ents {
		e := ents[i]
		if e.Label != pipeline.LabelNORP && (e.Label != pipeline.LabelGPE || e.Kind != "country") || e.End >= len(text) || text[e.End] != ' ' {
			continue
		}
		k, ok := orgAt[e.End+1]
		if !ok {
			continue
		}
		o := ents[k]
		last := strings.ToLower(o.Text[strings.LastIndexByte(o.Text, ' ')+1:])
		if !orgHeads[last] && last != "mod" && last != "service" {
			continue
		}
		ents[k] = pipeline.Entity{Start: e.Start, End: o.End, Text: text[e.Start:o.End], Label: pipeline.LabelOrg, Source: "rule"}
		ents[i].Label = ""
		merged = true
	}
	if !merged {
		return ents
	}
	return slices.DeleteFunc(ents, func(e pipeline.Entity) bool { return e.Label == "" })
}

// sentenceOf returns the words of the sentence that holds text ending at
// end. sentences[i] holds the words of spans[i], in text order.
func sentenceOf(spans []pipeline.Sentence, sentences [][]word, end int) ([]word, bool) {
	si := sort.Search(len(sentences), func(i int) bool { return spans[i].End >= end })
	if si == len(sentences) {
		return nil, false
	}
	return sentences[si], true
}

// wordAfter returns the word that follows, in the same sentence, the word
// ending at end.
func wordAfter(spans []pipeline.Sentence, sentences [][]word, end int) (word, bool) {
	ws, ok := sentenceOf(spans, sentences, end)
	if !ok {
		return word{}, false
	}
	k := sort.Search(len(ws), func(i int) bool { return ws[i].end >= end })
	if k+1 < len(ws) && ws[k].end == end {
		return ws[k+1], true
	}
	return word{}, false
}

// spacedWordAfter is wordAfter when one space parts the two words.
func spacedWordAfter(text string, spans []pipeline.Sentence, sentences [][]word, end int) (word, bool) {
	w, ok := wordAfter(spans, sentences, end)
	return w, ok && w.start == end+1 && text[end] == ' '
}

// spacedWordBefore is wordBefore when one space parts the two words.
func spacedWordBefore(text string, spans []pipeline.Sentence, sentences [][]word, start int) (word, bool) {
	w, ok := wordBefore(spans, sentences, start)
	return w, ok && w.end+1 == start && text[w.end] == ' '
}

// wordBefore returns the word of the same sentence that ends before start.
func wordBefore(spans []pipeline.Sentence, sentences [][]word, start int) (word, bool) {
	si := sort.Search(len(sentences), func(i int) bool { return spans[i].End > start })
	if si == len(sentences) {
		return word{}, false
	}
	ws := sentences[si]
	k := sort.Search(len(ws), func(i int) bool { return ws[i].start >= start })
	if k > 0 && k <= len(ws) && ws[k-1].end <= start {
		return ws[k-1], true
	}
	return word{}, false
}

// dropInside removes entities of label (any, for "") that lie strictly
// inside one of outer: "Abdul Rahim" (a listed person) inside "Mullah Abdul
// Rahim Hamdard".
func dropInside(ents, outer []pipeline.Entity, label string) []pipeline.Entity {
	kept := ents[:0]
	for _, e := range ents {
		inside := false
		for _, o := range outer {
			if (label == "" || e.Label == label) && o.Start <= e.Start && e.End <= o.End && o.End-o.Start > e.End-e.Start {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, e)
		}
	}
	return kept
}

// MergeMode says how the model's entities meet the gazetteer's and the rules'.
type MergeMode int

// Merge modes.
const (
	// MergeFill: the model only fills text no other layer claimed.
	MergeFill MergeMode = iota
	// MergeOverride: where the model finds a name of another kind than an
	// overlapping gazetteer or rule entity ("Lazio" the club, not the
	// region), the model's span and label win; where the kinds agree, the
	// gazetteer's entity stands (its span and its link).
	MergeOverride
	// MergeArbiter: MergeOverride, and gazetteer and rule entities of a kind
	// the model knows are dropped where the model finds no name.
	MergeArbiter
)

// labelClass groups record labels that name the same kind of thing for merging.
func labelClass(l string) string {
	switch l {
	case pipeline.LabelGPE, pipeline.LabelLoc, pipeline.LabelFac:
		return "place"
	case pipeline.LabelOrg, pipeline.LabelGroup:
		return "org"
	}
	return l
}

// mergeModel combines gazetteer and rule entities (named, in claim order)
// with the model's entities, by s.Merge; the result is in claim order.
func (s *Stage) mergeModel(text string, named, model []pipeline.Entity, cti bool) []pipeline.Entity {
	if s.Merge == MergeFill {
		return append(named, model...)
	}
	known := map[string]bool{}
	for _, l := range s.model.Meta.LabelMap {
		if l != "" {
			known[labelClass(l)] = true
		}
	}
	overlaps := func(a, b pipeline.Entity) bool { return a.Start < b.End && b.Start < a.End }
	namedAt, modelAt := newSpanIndex(named), newSpanIndex(model)
	// A model span around two or more listed names is a coordination, not
	// one name ("Salafists and Afghans"): the listed names stand.
	// Nor does a model span that starts inside a listed place of several
	// words and runs past it name anything: "Zealand-based" of "New
	// Zealand-based enterprises" (a SECTOR) cut the country.
	model = slices.DeleteFunc(slices.Clone(model), func(m pipeline.Entity) bool {
		inside := 0
		for _, k := range namedAt.overlapping(m.Start, m.End) {
			n := named[k]
			if m.Start <= n.Start && n.End <= m.End && n.End-n.Start < m.End-m.Start {
				inside++
			}
			if n.Start < m.Start && m.Start < n.End && n.End < m.End && n.Source == "gazetteer" && labelClass(n.Label) == "place" &&
				strings.Contains(n.Text, " ") {
				return true
			}
		}
		return inside >= 2
	})
	model = s.trimAffiliations(named, namedAt, model)
	modelAt = newSpanIndex(model)
	// The last words of full names: "Jordan" after "Neil Jordan" is the
	// person, even though a country has that name ("Neighbouring Israel"
	// is no full name).
	surnamed := map[string]bool{}
	for _, e := range slices.Concat(named, model) {
		if i := strings.LastIndexByte(e.Text, ' '); e.Label == pipeline.LabelPerson && i > 0 {
			last := pipeline.Entity{Start: e.Start + i + 1, End: e.End}
			if !s.commonAround(text, e, last) {
				surnamed[text[last.Start:last.End]] = true
			}
		}
	}
	var out []pipeline.Entity
	used := make([]bool, len(named))
	replaced := make([]bool, len(model)) // the model's entity gave way to a listed or ruled one
	for mi, m := range model {
		kept := m
		for _, k := range namedAt.overlapping(m.Start, m.End) { // in claim order
			n := named[k]
			// Same kind of thing: the gazetteer's span and link stand
			// ("Kunar Province", linked, over the model's "Kunar").
			// A listed demonym on the same words stays NORP: "Russian"
			// is a nationality whatever place label the model gives it.
			// So does a name the project's own lexicons list ("Kremlin" ORG,
			// "Donbas" LOC, "Soviet Union" GPE; see curatedName).
			// So does a longer listed name around the model's ("Islamic
			// State's Khurasan Province" over "State", "Russian MoD" over
			// "Russian") and a name after a title ("Mawlawi Hamdullah
			// Rahmani"). (Letting every listed name of several words hold
			// too cost CoNLL testa 0.007: "New York" the team.)
			same := n.Start == m.Start && n.End == m.End
			// A listed place the model calls a person by a given name
			// alone stands: reports name people by full name or surname
			// ("from Atlanta to Savannah"). Not in CTI, which calls
			// actors by their first names or handles ("Artyom").
			givenOnly := !cti && same && m.Label == pipeline.LabelPerson && labelClass(n.Label) == "place" && !strings.Contains(m.Text, " ") &&
				s.gaz.names[foldWord(m.Text)]&(models.NameGiven|models.NameSurname) == models.NameGiven
			// A listed country is no person, alone or after capitalised
			// common words ("Kenya's first case", "Neighbouring Israel
			// has"), unless the document names a person of that surname;
			// nor is a first-level area that is no given name after a
			// town and a comma, on the same words ("Marion, Ohio";
			// "Georgia", "Virginia" may be persons; "BM-21 Grad" is no
			// place either).
			country := (n.Kind == "country" && m.Start <= n.Start && n.End <= m.End && s.commonAround(text, m, n) ||
				n.Kind == "admin1" && same && strings.HasSuffix(text[:n.Start], ", ") && s.gaz.names[foldWord(n.Text)]&models.NameGiven == 0) &&
				m.Label == pipeline.LabelPerson && !surnamed[n.Text]
			// A listed country, territory or self-declared republic stays
			// a GPE where the model calls it an organisation ("conscripts
			// from the DNR", "Ukraine's Territorial Defense Forces",
			// "sovereignty over Gibraltar";
			// ENTITY_GUIDELINES: countries and republics are GPE).
			state := same && labelClass(m.Label) == "org" && n.Label == pipeline.LabelGPE &&
				(n.Kind == "country" || n.Kind == "territory" || strings.HasPrefix(n.ID, "sitrep:gpe:"))
			// A listed town the model calls an organisation (or a
			// nationality: "Mariupol residents") is the town
			// where the words around it make it a place: after a
			// preposition of place ("shelled Nikopol", "at Nikopol", "men
			// from Nizhny Novgorod") or before a lower-case area noun ("the
			// Mariupol pocket", "the Nikopol area"). A city's team or
			// council is an organisation ("Barcelona beat", "Mariupol City
			// Council").
			town := same && (labelClass(m.Label) == "org" || m.Label == pipeline.LabelNORP) && n.Label == pipeline.LabelGPE && n.Source == "gazetteer" &&
				strings.HasPrefix(n.Kind, "PPL") && !isAcronym(n.Text) && (townContext(text, n.Start, n.End) || !cti && (targetContext(text, n.Start, false) || warTarget(text, n.Start))) ||
				// So is a province after a preposition of place
				// ("throughout Al Anbar").
				same && labelClass(m.Label) == "org" && n.Label == pipeline.LabelGPE && n.Source == "gazetteer" && (n.Kind == "admin1" || n.Kind == "admin2") &&
					!isAcronym(n.Text) && (townContext(text, n.Start, n.End) || areaPreps[trailingLetters(strings.TrimSuffix(text[:n.Start], " "))]) ||
				// Nor is it an armed group outside threat reporting
				// ("Supporting effort 1—Kharkiv").
				same && !cti && m.Label == pipeline.LabelGroup && n.Label == pipeline.LabelGPE && n.Source == "gazetteer" &&
					(strings.HasPrefix(n.Kind, "PPL") || n.Kind == "admin1") ||
				// Nor a person where an attack or a move aims at it ("assault
				// on Lyman", "attacks against Lyman"), unless the document
				// names a person of that surname.
				same && !cti && m.Label == pipeline.LabelPerson && n.Label == pipeline.LabelGPE && n.Source == "gazetteer" &&
					strings.HasPrefix(n.Kind, "PPL") && !surnamed[n.Text] && (townContext(text, n.Start, n.End) || targetContext(text, n.Start, true))
			// A listed place is no sector on the same words ("UNICEF says
			// that Africa accounts"). (Software may be named after one:
			// "OS X Lion".)
			placeNoSector := same && labelClass(n.Label) == "place" && m.Label == pipeline.LabelSector
			// A listed malware or tool of several words is no place or
			// person on the same words: "China Chopper" is a web shell.
			code := same && (n.Label == pipeline.LabelMalware || n.Label == pipeline.LabelTool) && strings.Contains(n.Text, " ") &&
				(labelClass(m.Label) == "place" || m.Label == pipeline.LabelPerson)
			// In threat reporting a malware or tool of ATT&CK is no
			// organisation on the same words: "NanoCore was distributed"
			// (the model's ORG six times in one report). MISP's lists are
			// not trusted so: they hold "McAfee" and "TeamViewer".
			threatNoOrg := cti && same && (n.Label == pipeline.LabelMalware || n.Label == pipeline.LabelTool) && strings.HasPrefix(n.ID, "attack:") &&
				n.Source == "gazetteer" && m.Label == pipeline.LabelOrg
			// A listed place of several words is no person on the same
			// words: "Abu Dhabi", "Abu Kamal", "Santa Clara".
			placeNoPerson := same && labelClass(n.Label) == "place" && m.Label == pipeline.LabelPerson && n.Source == "gazetteer" &&
				strings.Contains(n.Text, " ")
			// A listed organisation of several words is no place on the
			// same words: "Afghan Border Police", "Awami League".
			orgNoPlace := same && n.Label == pipeline.LabelOrg && n.Source == "gazetteer" && strings.Contains(n.Text, " ") &&
				labelClass(m.Label) == "place"
			// A compass word before a listed country is a direction, not
			// a name: "Eastern Ukraine" is Ukraine (ENTITY_GUIDELINES gold
			// leaves "Eastern" out), whatever the model calls the two.
			directed := n.Kind == "country" && n.End == m.End && n.Start > m.Start && text[n.Start-1] == ' ' &&
				compassPrefix(splitWords(text, m.Start, n.Start))
			// A listed place of several words that starts inside the
			// model's name and ends after it: the model cut the place
			// ("Russian St." of "Russian St. Petersburg riot police").
			cut := n.Source == "gazetteer" && labelClass(n.Label) == "place" && strings.Contains(n.Text, " ") && m.Start < n.Start && n.Start < m.End && m.End < n.End
			// A listed armed group is no person on the same words: "Al-Shabaab
			// attacked" (the model's person). (Cyber threat actors of MISP
			// and ATT&CK are words and names too: "Thallium".)
			armed := same && n.Label == pipeline.LabelGroup && n.Source == "gazetteer" && m.Label == pipeline.LabelPerson &&
				!strings.HasPrefix(n.ID, "misp:") && !strings.HasPrefix(n.ID, "attack:") &&
				(strings.ContainsAny(n.Text, " -") || s.gaz.names[foldWord(n.Text)] == 0 && !isAcronym(n.Text)) // ("Muhammad", "MMI": sanctions lists' aliases)
			curated := placeNoSector || code || threatNoOrg || armed || placeNoPerson || town || orgNoPlace || directed || cut || same && n.Label == pipeline.LabelNORP || curatedName(n.ID) && same || givenOnly || country || state ||
				n.Start <= m.Start && m.End <= n.End && !same ||
				n.Label == pipeline.LabelPerson && n.Source == "rule"
			// A listed direction or landform word is part of the model's
			// longer place ("Eastern Creek", "West Midlands", "Swat Valley"),
			// never the place.
			if labelClass(n.Label) == "place" && labelClass(m.Label) == "place" && m.Start <= n.Start && n.End <= m.End && !same &&
				n.Source == "gazetteer" && partWords[strings.ToLower(n.Text)] {
				continue
			}
			// Nor is a listed town with a feature word after it the model's
			// longer feature ending in that word: "Seversky Donetsk River"
			// is no "Donetsk River".
			if n.Kind == "feature" && m.Label == pipeline.LabelLoc && m.Start < n.Start && n.End == m.End && text[n.Start-1] == ' ' {
				continue
			}
			if overlaps(n, m) && (labelClass(n.Label) == labelClass(m.Label) || curated) {
				kept, replaced[mi] = n, true
				if used[k] {
					kept.End = -1 // already out
				}
				used[k] = true
				break
			}
		}
		if kept.End >= 0 {
			out = append(out, kept)
		}
	}
	outAt := newSpanIndex(out)
	for k, n := range named {
		var hit, seen bool
		for _, mi := range modelAt.overlapping(n.Start, n.End) {
			seen = true
			hit = hit || !replaced[mi]
		}
		switch {
		case used[k] || hit:
			// n itself is out, or the model's entity covers it
		case seen && len(outAt.overlapping(n.Start, n.End)) == 0:
			// The model's entity here gave way to another listed or ruled
			// name; the rest of its words keep theirs: "Russian" of the
			// model's "Russian President Vladimir" once "Vladimir Putin"
			// took its place.
			out = append(out, n)
		case seen:
			// what took the model's place covers it
		case s.Merge == MergeArbiter && known[labelClass(n.Label)]:
			// the model, which knows this kind, saw no name here
		default:
			out = append(out, n)
		}
	}
	return out
}

// townNouns follow a town's name in lower case: "the Mariupol pocket",
// "the Bakhmut direction".
var townNouns = set("area areas outskirts suburbs vicinity environs pocket direction axis front frontline " +
	"residents defenders garrison civilians inhabitants")

// targetContext reports whether the words before st aim at a place: "an
// assault on", "attacks against", "heavily bombarded", "will likely
// capture", "10km northwest of", "the defenders of".
// With attacks false, "an attack on" does not count: organisations are
// attacked too ("the attack on Google").
func targetContext(text string, st int, attacks bool) bool {
	w, prev, ok := wordsBefore(text, st)
	switch {
	case !ok:
		return false
	case placeVerbs[w]:
		return true
	case w == "of":
		return directionWord(prev) || ofPlaceNouns[prev] // "18km north of Lyman", "the defenders of Lyman"
	case w == "on", w == "against":
		return attacks && attackNouns[prev]
	}
	return false
}

// wordsBefore returns the word that ends the text before st, one space
// before it, and the word before that one, folded; ok is false when no
// space comes before st.
func wordsBefore(text string, st int) (w, prev string, ok bool) {
	before := strings.TrimSuffix(text[:st], " ")
	if len(before) == st {
		return "", "", false
	}
	w = trailingLetters(before)
	return w, strings.ToLower(trailingLetters(strings.TrimSuffix(before[:len(before)-len(w)], " "))), true
}

// warTarget reports whether the words before st aim a military operation
// or a move at a place ("Russian operations against Odesa", "advancing on
// Mykolaiv", "missile strikes on Dnipro City"): outside threat reporting,
// where "the attack on Google" is no place, a town so aimed at is the town.
func warTarget(text string, st int) bool {
	w, prev, ok := wordsBefore(text, st)
	return ok && (w == "on" || w == "against") && (attackNouns[prev] || advanceVerbs[prev])
}

// advanceVerbs move forces on a place: "advancing on Mykolaiv".
var advanceVerbs = set("advancing advanced advance converging converged marching marched")

// ofPlaceNouns take a place after "of": "the outskirts of", "the defenders of",
// "the capture of".
var ofPlaceNouns = set("outskirts suburbs vicinity environs defenders residents centre center encirclement outskirt " +
	"capture seizure liberation recapture")

// placeVerbs take a place as their object in war reporting.
var placeVerbs = set("shelled bombarded besieged encircled captured recaptured seized liberated stormed " +
	"shell bombard besiege encircle capture recapture seize liberate storm")

// attackNouns aim at a place through "on" or "against".
var attackNouns = set("assault assaults attack attacks offensive offensives advance advances push pushes strike strikes " +
	"shelling operations operation pressure")

// townContext reports whether the words around text[st:en] make it a
// place: a lower-case preposition of place right before it, or a town noun
// right after it.
func townContext(text string, st, en int) bool {
	if before := text[:st]; strings.HasSuffix(before, " ") && !strings.HasSuffix(before, "  ") {
		if w := trailingLetters(before[:len(before)-1]); townPreps[w] && w != "to" { // "sold to COSCO", "lost to Barcelona"
			return true
		}
	}
	rest := text[en:]
	return strings.HasPrefix(rest, " ") && townNouns[leadingLetters(rest[1:])]
}

// areaPreps place something in an area as a whole: "throughout Al Anbar".
var areaPreps = set("throughout across within")

// leadingLetters returns the letters that open s ("pocket" of "pocket,").
func leadingLetters(s string) string {
	if k := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); k >= 0 {
		return s[:k]
	}
	return s
}

// trailingLetters returns the letters that end s ("al" of "Abu al").
func trailingLetters(s string) string {
	return s[strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
}

// curatedName reports whether a gazetteer id is of the project's own
// lexicons of organisations, regions and states ("Kremlin", "Donbas",
// "Soviet Union"): written for this project, they stand over the model's
// other label on the same words ("Donbas" is no person).
func curatedName(id string) bool {
	return strings.HasPrefix(id, "sitrep:org:") || strings.HasPrefix(id, "sitrep:loc:") || strings.HasPrefix(id, "sitrep:gpe:")
}

// commonAround reports whether the words of m outside n are common words
// or punctuation, or a sentence's first word that is no listed name:
// "Neighbouring" in "Neighbouring Israel has".
func (s *Stage) commonAround(text string, m, n pipeline.Entity) bool {
	for k, part := range []string{text[m.Start:n.Start], text[n.End:m.End]} {
		for j, w := range appendWords(nil, part, 0, len(part)) {
			if r, _ := utf8.DecodeRuneInString(w.lower); !unicode.IsLetter(r) || s.gaz.common[w.lower] {
				continue
			}
			if k == 0 && j == 0 && s.gaz.names[w.lower] == 0 && sentenceStart(text, m.Start) {
				continue
			}
			return false
		}
	}
	return true
}

// sentenceStart reports whether text[i:] starts a sentence, judged by the
// character before it: none, a line break or a full stop.
func sentenceStart(text string, i int) bool {
	t := strings.TrimRight(text[:i], " \t")
	return t == "" || strings.HasSuffix(t, "\n") || strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?")
}

// spanIndex finds the entities of a list that overlap a span without
// looking at all of them: a report with tens of thousands of entities
// (one 2 MB line of text) made the pairwise loops quadratic.
type spanIndex struct {
	es     []pipeline.Entity
	byPos  []int // indexes into es, by start
	maxLen int
}

func newSpanIndex(es []pipeline.Entity) *spanIndex {
	x := &spanIndex{es: es, byPos: make([]int, len(es))}
	for i, e := range es {
		x.byPos[i] = i
		x.maxLen = max(x.maxLen, e.End-e.Start)
	}
	slices.SortStableFunc(x.byPos, func(a, b int) int { return es[a].Start - es[b].Start })
	return x
}

// overlapping returns the indexes of the entities overlapping [start, end),
// in list order.
func (x *spanIndex) overlapping(start, end int) []int {
	lo, _ := slices.BinarySearchFunc(x.byPos, start-x.maxLen, func(i, at int) int { return x.es[i].Start - at })
	var out []int
	for _, i := range x.byPos[lo:] {
		e := x.es[i]
		if e.Start >= end {
			break
		}
		if e.End > start && e.Start < end {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// MergeNames are the merge modes by name, in MergeMode order.
var MergeNames = []string{"fill", "override", "arbiter"}

// ParseMerge reads a merge mode name ("" is the default, override).
func ParseMerge(s string) (MergeMode, error) {
	switch s {
	case "fill":
		return MergeFill, nil
	case "override", "":
		return MergeOverride, nil
	case "arbiter":
		return MergeArbiter, nil
	}
	return 0, fmt.Errorf("merge mode %q: want fill, override or arbiter", s)
}

// trimAffiliations splits a model person that opens with a listed name of
// another kind and a title ("Pentagon Press Secretary Peter Cook", "Kremlin
// Spokesman Dmitry Peskov"): the listed name stands, the common words after
// it are the title, and the rest is the person.
func (s *Stage) trimAffiliations(named []pipeline.Entity, namedAt *spanIndex, model []pipeline.Entity) []pipeline.Entity {
	for i, m := range model {
		if m.Label != pipeline.LabelPerson {
			continue
		}
		for _, k := range namedAt.overlapping(m.Start, m.End) {
			n := named[k]
			if n.Start != m.Start || n.End >= m.End || n.Label == pipeline.LabelPerson || n.Source == "model" {
				continue
			}
			// The title runs up to the first listed given name, or else
			// over common words.
			rest, off := m.Text[n.End-m.Start:], n.End
			given := -1
			for j, w := range strings.Fields(rest) {
				if j > 0 && s.gaz.names[foldWord(w)]&models.NameGiven != 0 {
					given = j
					break
				}
			}
			title := 0 // words of the title
			for {
				trimmed := strings.TrimLeft(rest, " ")
				off += len(rest) - len(trimmed)
				rest = trimmed
				w, _, _ := strings.Cut(rest, " ")
				if w == "" || w == rest || title == given || given < 0 && !s.gaz.common[strings.ToLower(w)] {
					break
				}
				rest, off, title = rest[len(w):], off+len(w), title+1
			}
			// No title, no affiliation: "Vladimir Rogov" is no town and a
			// man.
			if rest != "" && title > 0 {
				model[i].Start, model[i].Text = off, rest
			}
			break
		}
	}
	return model
}

// overrule adds each entity of found (with its text) unless an entity of
// ents on its words stands (stands reports it, or it is a listed name over
// the whole span: "Sierra Leone" is no person); the others on its words go.
func overrule(text string, ents, found []pipeline.Entity, stands func(pipeline.Entity) bool) []pipeline.Entity {
	if len(found) == 0 {
		return ents
	}
	at := newSpanIndex(ents)
	drop := make([]bool, len(ents))
	var add []pipeline.Entity
	for _, p := range found {
		ks := at.overlapping(p.Start, p.End)
		if slices.ContainsFunc(ks, func(k int) bool {
			e := ents[k]
			return stands(e) || e.Source != "model" && e.Start <= p.Start && p.End <= e.End
		}) {
			continue
		}
		for _, k := range ks {
			drop[k] = true
		}
		p.Text = text[p.Start:p.End]
		add = append(add, p)
	}
	return append(without(ents, drop), add...)
}

// without returns ents less those drop marks, in order, in a new slice.
func without(ents []pipeline.Entity, drop []bool) []pipeline.Entity {
	out := make([]pipeline.Entity, 0, len(ents))
	for k, e := range ents {
		if !drop[k] {
			out = append(out, e)
		}
	}
	return out
}

// nisba reports whether e is a listed demonym or place written behind an
// article's hyphen: "Kuwaiti" of "al-Kuwaiti" is part of a person's name.
func nisba(text string, e pipeline.Entity) bool {
	return (e.Label == pipeline.LabelNORP || labelClass(e.Label) == "place") && e.Start > 0 && text[e.Start-1] == '-'
}

// givenNamePersons turns a one-word place that is a known given name,
// written just before a capitalised word no other entity holds, into a
// person over both: "Mason Clark" is no town of Mason, "George Barros" no
// Georgia. The second word must be a known surname or no listed name at all
// (a known surname after a country or a province), and no common word
// ("Geneva Conventions").
func (s *Stage) givenNamePersons(text string, spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	starts := make(map[int]bool, len(ents))
	for _, e := range ents {
		starts[e.Start] = true
	}
	for i := range ents {
		e := &ents[i]
		if labelClass(e.Label) != "place" || strings.ContainsAny(e.Text, " -") ||
			s.gaz.names[foldWord(e.Text)]&models.NameGiven == 0 || e.Start > 0 && text[e.Start-1] == '-' {
			continue // (nor does a name start inside a hyphenated one: "the Lincoln-Douglas Debates")
		}
		if s.nameGoesOnBefore(text, spans, sentences, e.Start) {
			continue // the place is inside a longer name: "Susilo Bambang Yudhoyono"
		}
		w, ok := spacedWordAfter(text, spans, sentences, e.End)
		if !ok || !isNameWord(text, w) || starts[w.start] && w.gaz != 0 || s.gaz.common[w.lower] || calendarWord(w.lower) || companyDesignators[w.lower] ||
			geoFeatures[w.lower] {
			continue // "Asia Monday" in "dropped in Europe and Asia Monday"; "the Charles River" is no person
		}
		if s.gaz.names[w.lower]&models.NameSurname == 0 && (w.gaz != 0 || bigPlace(e.Kind)) {
			continue // "China Petroleum" is a company, "Jordan Peterson" a person
		}
		if next, ok := spacedWordAfter(text, spans, sentences, w.end); ok && !next.upper && featureHeads[next.lower] && !lowerWordAfter(text, next.end) {
			continue // "the Tora Bora mountains": a landform's name
		}
		if next, ok := spacedWordAfter(text, spans, sentences, w.end); ok && next.upper && s.gaz.names[w.lower]&models.NameSurname == 0 {
			if !s.titleWord(next.lower) {
				continue // the name goes on: "Venice Film Festival" (a title is no part of it: "Yang Weizhong Deputy Director")
			}
		}
		e.End = w.end
		e.Text = text[e.Start:e.End]
		e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelPerson, "", "", "", "rule"
	}
	// A listed given name that no one claimed before the model's one-word
	// person is the person's first name: "Shannon Wilson" (Shannon, a town
	// and a river, had been left out). Not a common or lower-case word
	// ("May", "Will"), nor a title.
	ends := make(map[int]bool, len(ents))
	for _, e := range ents {
		ends[e.End] = true
	}
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelPerson || e.Source != "model" || strings.ContainsAny(e.Text, " -") {
			continue
		}
		w, ok := spacedWordBefore(text, spans, sentences, e.Start)
		if !ok || !w.upper || ends[w.end] || starts[w.start] || s.gaz.names[w.lower]&models.NameGiven == 0 || s.gaz.common[w.lower] ||
			s.model != nil && s.model.plain[w.lower] || s.nameGoesOnBefore(text, spans, sentences, w.start) {
			continue
		}
		if s.titleWord(w.lower) {
			continue
		}
		e.Start = w.start
		e.Text = text[e.Start:e.End]
		e.Source = "rule"
	}
	// A name the model or the gazetteer also claimed inside a person of the
	// rules (a title's or a given name's) goes: "Danilov" is no town in
	// "Secretary Oleksiy Danilov".
	var persons []pipeline.Entity
	for _, e := range ents {
		if e.Label == pipeline.LabelPerson && e.Source == "rule" {
			persons = append(persons, e)
		}
	}
	if len(persons) == 0 {
		return ents
	}
	return slices.DeleteFunc(ents, func(x pipeline.Entity) bool {
		for _, p := range persons {
			if p.Start <= x.Start && x.End <= p.End && x.End-x.Start < p.End-p.Start {
				return true // also a first word: "David" of "Col. David Lyons"
			}
		}
		return false
	})
}

// givenTownsBeforePersons makes a town named like a given name right before
// a person's name the person's first name: "Hassan Ali Khayre" (GeoNames'
// Hassan, and "Ali Khayre" the rules'). A country or province stays itself
// ("Jordan").
func (s *Stage) givenTownsBeforePersons(text string, ents []pipeline.Entity) []pipeline.Entity {
	byStart := make(map[int]int, len(ents))
	for i, e := range ents {
		if e.Label == pipeline.LabelPerson {
			byStart[e.Start] = i
		}
	}
	drop := false
	for i := range ents {
		e := &ents[i]
		if labelClass(e.Label) != "place" || !strings.HasPrefix(e.Kind, "PPL") || strings.ContainsAny(e.Text, " -") ||
			s.gaz.names[foldWord(e.Text)]&models.NameGiven == 0 || e.End >= len(text) || text[e.End] != ' ' {
			continue
		}
		if k, ok := byStart[e.End+1]; ok {
			p := &ents[k]
			p.Start, p.Text, p.ID, p.Name, p.Kind, p.Source = e.Start, text[e.Start:p.End], "", "", "", "rule"
			e.Label, drop = "", true
		}
	}
	if !drop {
		return ents
	}
	return slices.DeleteFunc(ents, func(e pipeline.Entity) bool { return e.Label == "" })
}

// bigPlace reports whether a gazetteer kind is a country or a province:
// their names begin companies and bodies ("China Petroleum", "Virginia
// Tech") far more often than they are given names.
func bigPlace(kind string) bool {
	return kind == "country" || kind == "territory" || kind == "admin1"
}

// nameLinks are the lower-case words a name may hold: function words and
// the particles of names in many languages ("Gazzetta dello Sport",
// "Ursula von der Leyen", "Bank of America").
var nameLinks = set("of for and the in on at to de du des la le les da das do dos di del della dello degli delle " +
	"von van der den al el bin ibn bint abu y e und zu a an et dei")

// splitAtLowerWords splits the model's name at a lower-case word no name
// holds: a verb or a noun between two names ("Cisco sues Apple",
// "Atalanta reunites Lentini", "Russian peacemaker Alexander Lebed"). A
// part of one people's name is the lists' ("Russian"); a part that opens
// with a listed given name is a person.
func (s *Stage) splitAtLowerWords(text string, found []pipeline.Entity) []pipeline.Entity {
	var out []pipeline.Entity
	for i, e := range found {
		if e.Label == pipeline.LabelDate || e.Label == pipeline.LabelSector || !lowerAfterSpace(text[e.Start:e.End]) {
			continue // (a sector is named by lower-case words: "critical infrastructure")
		}
		ws := splitWords(text, e.Start, e.End)
		j := slices.IndexFunc(ws, func(w word) bool {
			r, _ := utf8.DecodeRuneInString(text[w.start:w.end])
			return w.start > e.Start && unicode.IsLower(r) && !nameLinks[w.lower] && text[w.start-1] == ' ' && w.end < len(text) && text[w.end] == ' '
		})
		if j < 0 {
			continue
		}
		s.gaz.mark(ws)
		found[i].Label = "" // replaced by its parts
		if left := ws[:j]; len(left) > 0 && hasLetter(text[left[0].start:left[len(left)-1].end]) && !(len(left) == 1 && s.isDemonym(left[0])) {
			out = append(out, pipeline.Entity{Start: e.Start, End: left[len(left)-1].end, Label: e.Label, Source: e.Source})
		}
		if right := ws[j+1:]; len(right) > 0 && right[0].upper {
			label := e.Label
			if s.gaz.names[right[0].lower]&models.NameGiven != 0 {
				label = pipeline.LabelPerson
			}
			out = append(out, pipeline.Entity{Start: right[0].start, End: e.End, Label: label, Source: e.Source})
		}
	}
	if out == nil {
		return found
	}
	found = slices.DeleteFunc(found, func(e pipeline.Entity) bool { return e.Label == "" })
	for k := range out {
		out[k].Text = text[out[k].Start:out[k].End]
	}
	found = append(found, out...)
	slices.SortFunc(found, func(a, b pipeline.Entity) int { return a.Start - b.Start })
	return found
}

// lowerAfterSpace reports whether a word after a space in s opens with a
// lower-case letter: the cheap test before splitting a name into words.
func lowerAfterSpace(s string) bool {
	return spaceBefore(s, func(rest string) bool {
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsLower(r)
	}) >= 0
}

// spaceBefore returns the offset of the first space in s whose text after
// it satisfies f, or -1.
func spaceBefore(s string, f func(rest string) bool) int {
	for i := strings.IndexByte(s, ' '); i >= 0 && i+1 < len(s); {
		if f(s[i+1:]) {
			return i
		}
		k := strings.IndexByte(s[i+1:], ' ')
		if k < 0 {
			return -1
		}
		i += 1 + k
	}
	return -1
}

// headlineVerbs are words a title-case headline capitalises that no name
// holds: auxiliaries, verbs of saying, question words (not "Said", "Can",
// "Will" or "Than": "Mohamed Said Fazul", "Can Dündar", "Hla Than").
var headlineVerbs = set("Is Was Are Were Has Have Had Would Could Should Must Does Did Says Tells Told " +
	"About That This Who What Why How When Where")

// trimHeadlineVerbs ends a model name before such a word: a headline's
// "Neil Gorsuch Is an Originalist" and "John Roberts Was Right About That"
// name a person of two words. The word is matched as written ("WHO" is an
// organisation).
func trimHeadlineVerbs(text string, found []pipeline.Entity) []pipeline.Entity {
	for i, e := range found {
		if e.Label == pipeline.LabelDate {
			continue
		}
		t := text[e.Start:e.End]
		if p := spaceBefore(t, func(rest string) bool { return headlineVerbs[leadingLetters(rest)] }); p >= 0 {
			found[i].End = e.Start + len(strings.TrimRight(t[:p], " ,;:")) // ("Neil Gorsuch, Who")
			found[i].Text = text[e.Start:found[i].End]
		}
	}
	return found
}

// akaOpeners introduce a threat's other names after it.
var akaOpeners = []string{" (aka ", " (a.k.a. ", " (also known as ", ", aka ", ", a.k.a. ", ", also known as "}

// akaAliases gives the names after "aka" a malware's, a tool's or a
// group's label: "Zxshell (aka Sensode)", "HydraQ (aka 9002 RAT aka McRAT
// aka Naid)", "DeputyDog (aka Fexel)" name one family, whatever the model
// called the aliases; an alias no layer found is added (not linked: the
// lists may hold it for another family). An alias is one to three words,
// separated by "aka", "or" or a comma, up to the parenthesis.
func akaAliases(text string, c *claims) {
	var found []pipeline.Entity
	for _, x := range c.ents {
		if x.Label != pipeline.LabelMalware && x.Label != pipeline.LabelTool && x.Label != pipeline.LabelGroup {
			continue
		}
		rest := text[x.End:]
		open := ""
		for _, o := range akaOpeners {
			if strings.HasPrefix(rest, o) {
				open = o
				break
			}
		}
		if open == "" {
			continue
		}
		pos := x.End + len(open)
		end := pos + strings.IndexAny(text[pos:min(len(text), pos+120)]+")", ")\n")
		if !strings.HasPrefix(open, " (") {
			end = pos + strings.IndexAny(text[pos:min(len(text), pos+120)]+".", ".;)\n")
		}
		for _, part := range splitAliases(text, pos, end) {
			name := text[part[0]:part[1]]
			if n := strings.Count(name, " "); n > 2 || !startsName(name) {
				continue
			}
			i := c.find(part[0])
			switch {
			case i < len(c.ents) && c.ents[i].Start == part[0] && c.ents[i].End == part[1]:
				if e := &c.ents[i]; e.Label != x.Label && e.Source == "model" && (isThreat(e.Label) || e.Label == pipeline.LabelOrg || e.Label == pipeline.LabelPerson) {
					e.Label, e.Source = x.Label, "rule"
				}
			case c.free(part[0], part[1]):
				found = append(found, pipeline.Entity{Start: part[0], End: part[1], Text: name, Label: x.Label, Source: "rule"})
			}
		}
	}
	for _, e := range found {
		c.add(e)
	}
}

// splitAliases returns the spans of the names in text[start:end] separated
// by " aka ", " a.k.a. ", " or " and commas.
func splitAliases(text string, start, end int) [][2]int {
	var out [][2]int
	seg := text[start:end]
	from := 0
	for from <= len(seg) {
		next, skip := len(seg), 0
		for _, sep := range []string{" aka ", " a.k.a. ", " or ", ", "} {
			if k := strings.Index(seg[from:], sep); k >= 0 && from+k < next {
				next, skip = from+k, len(sep)
			}
		}
		a, b := from, next
		for a < b && seg[a] == ' ' {
			a++
		}
		for b > a && seg[b-1] == ' ' {
			b--
		}
		if b > a {
			out = append(out, [2]int{start + a, start + b})
		}
		if next == len(seg) {
			break
		}
		from = next + skip
	}
	return out
}

// startsName reports whether s opens as a name does: a capital or a digit
// ("9002 RAT"), not a lower-case word or a quote.
func startsName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// acronymStarts extends an organisation back over the capitalised words
// its acronym after it says it has: "Free Democratic Movement or FDM",
// "Progressive Labor Party (PLP)", where a sentence's first word (a common
// one) had been left out. The names inside the words taken go; a name that
// runs into them stops the extension. The longer name is no longer the
// listed one the shorter linked to.
func acronymStarts(text string, spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	drop := map[int]bool{}
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelOrg && e.Label != pipeline.LabelGroup {
			continue
		}
		acr := acronymAfter(text[e.End:])
		ini := capitalInitials(e.Text)
		if len(acr) <= len(ini) || len(acr)-len(ini) > 2 || !strings.HasSuffix(acr, ini) {
			continue
		}
		ws, ok := sentenceOf(spans, sentences, e.End)
		if !ok {
			continue
		}
		k := sort.Search(len(ws), func(i int) bool { return ws[i].start >= e.Start })
		if k == len(ws) || ws[k].start != e.Start {
			continue
		}
		start := k
		for n := len(acr) - len(ini) - 1; n >= 0 && start >= 0; n-- {
			j := start - 1
			if j < 0 || !ws[j].upper || !spaced(text, ws, j, start) || text[ws[j].start] != acr[n] {
				start = -1
				break
			}
			start = j
		}
		if start < 0 {
			continue
		}
		from := ws[start].start
		inside, crossed := []int{}, false
		for o := range ents {
			if o == i || ents[o].End <= from || ents[o].Start >= e.Start {
				continue
			}
			if ents[o].Start >= from && ents[o].End <= e.Start {
				inside = append(inside, o)
			} else {
				crossed = true
			}
		}
		if crossed {
			continue
		}
		for _, o := range inside {
			drop[o] = true
		}
		e.Start, e.Text = from, text[from:e.End]
		e.ID, e.Name, e.Kind, e.Source = "", "", "", "rule"
	}
	if len(drop) == 0 {
		return ents
	}
	out := ents[:0]
	for i, e := range ents {
		if !drop[i] {
			out = append(out, e)
		}
	}
	return out
}

// orAlternatives makes the model's person right after an organisation and
// "or" the organisation's other name when no name list knows its words:
// "Supreme Court or Cour Suprême", "Supreme Assembly or Oliy Majlis" (the
// Factbook gives a body's name in its own language so).
func (s *Stage) orAlternatives(text string, ents []pipeline.Entity) {
	ends := make(map[int]bool)
	for _, e := range ents {
		if e.Label == pipeline.LabelOrg {
			ends[e.End] = true
		}
	}
	for i, e := range ents {
		if e.Label == pipeline.LabelPerson && e.Source == "model" && e.Start >= 4 && text[e.Start-4:e.Start] == " or " && ends[e.Start-4] &&
			!s.listsNameWord(e.Text) {
			ents[i].Label, ents[i].Source = pipeline.LabelOrg, "rule"
		}
	}
}

// acronymAfter returns the acronym of capital letters that follows a name
// in parentheses or after "or" (" (PLP)", " or FDM"), or "".
func acronymAfter(rest string) string {
	var acr string
	switch {
	case strings.HasPrefix(rest, " ("):
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			return ""
		}
		acr = rest[2:end]
	case strings.HasPrefix(rest, " or "):
		acr = leadingLetters(rest[4:])
		if r, _ := utf8.DecodeRuneInString(rest[4+len(acr):]); len(acr) < len(rest)-4 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			return "" // ("or RPWF-LR": more than capitals)
		}
	default:
		return ""
	}
	if len(acr) < 2 || !isUpperCase(acr) || !isLetters(acr) {
		return ""
	}
	return acr
}

// trimOccupations takes a sentence's first word off the model's person
// when it is five letters or more and no listed name, a listed name of two
// words or more follows, and the word is a common one, one the document
// writes in lower case, or an agent noun
// ("Economist John Smith said", "Milblogger Igor Girkin claimed",
// "Psychologist Sigmund Freud"): an occupation capitalised by its place.
// A given name stays ("Rose Mary Smith").
func (s *Stage) trimOccupations(text string, spans []pipeline.Sentence, lower map[string]bool, found []pipeline.Entity) {
	for i, e := range found {
		sp := strings.IndexByte(text[e.Start:e.End], ' ')
		if e.Label != pipeline.LabelPerson || sp < 0 {
			continue
		}
		first, rest := text[e.Start:e.Start+sp], text[e.Start+sp+1:e.End]
		next, low := leadingLetters(rest), strings.ToLower(first)
		if len(first) < 5 || !isLetters(first) || !strings.Contains(rest, " ") || s.gaz.names[low] != 0 || s.gaz.names[foldWord(next)] == 0 ||
			!s.plainWord(low) && !lower[low] && !agentNoun(low) {
			continue
		}
		k := sort.Search(len(spans), func(k int) bool { return spans[k].End > e.Start })
		if k == len(spans) || spans[k].Start > e.Start || strings.Trim(text[spans[k].Start:e.Start], " \"“‘'*-•") != "" {
			continue // not the sentence's first word
		}
		found[i].Start = e.Start + sp + 1
		found[i].Text = text[found[i].Start:e.End]
	}
}

// agentNoun reports whether a lower-case word ends as the names of
// occupations do that no given name does ("economist", "milblogger"; not
// "-er", "-ant": "Abhaykant").
func agentNoun(w string) bool {
	return strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "blogger")
}

// dropHeadlinePhrases removes model entities in a title or heading (or a
// line opening that works as one, inHeadingRun) whose words, after a
// leading nationality or place, are all common English words: a headline
// capitalises every word ("Russian Offensive Campaign Assessment"), so its
// capitals are no evidence of a name.
func (s *Stage) dropHeadlinePhrases(text string, blocks []pipeline.Block, lower map[string]bool, found []pipeline.Entity) []pipeline.Entity {
	var heads []pipeline.Block
	for _, b := range blocks {
		if b.Kind == pipeline.BlockTitle || b.Kind == pipeline.BlockHeading {
			heads = append(heads, b)
		}
	}
	return slices.DeleteFunc(found, func(e pipeline.Entity) bool {
		inHead := slices.ContainsFunc(heads, func(b pipeline.Block) bool { return b.Start <= e.Start && e.End <= b.End })
		if !inHead && !s.inHeadingRun(text, lower, e) {
			return false
		}
		ws := splitWords(text, e.Start, e.End)
		s.gaz.mark(ws)
		for len(ws) > 1 && (s.isDemonym(ws[0]) || s.isPlace(ws[0])) {
			ws = ws[1:]
		}
		if inHead {
			// A title or heading block's words are common words: a
			// headline's "Singapore Airlines" stays a name, though the
			// article writes "airline".
			return len(ws) > 0 && s.allCommon(ws)
		}
		// A heading run's words are common words or words the document
		// also writes in lower case, as inHeadingRun found them.
		return len(ws) > 0 && !slices.ContainsFunc(ws, func(w word) bool { return !s.headingWord(lower, w) })
	})
}

// threatMajority gives the model's one-word persons the threat label the
// document gives the same word elsewhere (one sense per discourse): "What
// Bunny, Babar and NBOT all have in common", "Babar's obfuscated API names"
// after "the Babar malware".
func threatMajority(text string, ents []pipeline.Entity) {
	threat := map[string]string{}
	for _, e := range ents {
		if e.Label == pipeline.LabelMalware || e.Label == pipeline.LabelTool || e.Label == pipeline.LabelGroup && e.Source != "model" {
			threat[e.Text] = e.Label // (the model's groups outside threat reporting are its guesses too: "Tamiflu")
		}
	}
	if len(threat) == 0 {
		return
	}
	for i, e := range ents {
		if e.Start > 0 && text[e.Start-1] == '.' {
			continue // the tail of a detection name ("Win32.PWS.Raccoon")
		}
		if l, ok := threat[e.Text]; ok && e.Label == pipeline.LabelPerson && e.Source == "model" && !strings.Contains(e.Text, " ") {
			ents[i].Label = l
		}
	}
}

// afterThe reports whether "the " (any case) ends the text before start:
// a body or a river takes the article, a person or a town does not.
func afterThe(text string, start int) bool {
	return strings.HasSuffix(strings.ToLower(text[max(0, start-4):start]), "the ")
}

// animateVerbs say what only a person does: a town written before one is a
// person's name ("Stalin perceived these efforts", "Napoléon instituted
// his Continental System").
var animateVerbs = set("perceived believed thought feared hoped wanted wished decided ordered instructed appointed " +
	"married died resigned instituted insisted admitted vowed pledged ruled abdicated proclaimed")

// animateSubjects makes a person of a one-word town that an animate verb
// follows: a town the lists hold but no capital, nor a seat of a province
// by its own name (a capital stands for its government: "Moscow decided";
// "Stalin" is a former name of Donetsk), or one the model found that no
// list holds. The name lists need not know the name ("Napoléon").
func animateSubjects(text string, ents []pipeline.Entity) {
	for i := range ents {
		e := &ents[i]
		if e.Label != pipeline.LabelGPE || strings.ContainsAny(e.Text, " -") || e.End+1 >= len(text) || text[e.End] != ' ' ||
			!animateVerbs[leadingLetters(text[e.End+1:])] {
			continue
		}
		seat := e.Kind == "PPLA" || e.Kind == "PPLG"
		town := e.Source == "gazetteer" && strings.HasPrefix(e.Kind, "PPL") && e.Kind != "PPLC" && (!seat || e.Name != "" && e.Text != e.Name)
		if !town && !(e.Source == "model" && e.ID == "" && !seatOrState(e.Text)) {
			continue
		}
		if afterThe(text, e.Start) {
			continue // "the Kremlin decided" names a body, not a person
		}
		e.Label, e.ID, e.Name, e.Kind, e.Source = pipeline.LabelPerson, "", "", "", "rule"
	}
}

// seatOrState reports whether GeoNames gives name to a country, a
// first-level area, a capital or a province's seat: a name that stands for
// a government ("Kiev decided", where the model's GPE displaced the list's).
func seatOrState(name string) bool {
	places, err := models.LoadPlaces()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(places.Lookup(models.PlaceKey(name)), func(p models.Posting) bool {
		if p.Kind != models.KindPlace {
			return p.Kind == models.KindCountry || p.Kind == models.KindAdmin1
		}
		f := places.Features[places.Places[p.Index].Feature]
		return f == "PPLC" || f == "PPLA" || f == "PPLG"
	})
}

// placeMajority makes the model's one-word organisations and persons places
// where the document names the same word a listed place more often than an
// organisation or a person: "destroyed Mariupol’s Drama Theater" is the city
// the report names a dozen times, not a body, and "enter Lyman" the town, not
// a person (unless a full name of the document ends in the word). (A team named after its city keeps the
// model's label where the document calls it ORG as often; a country's or
// province's name is left to the rules for them: "the Falcon's bodyshell"
// is no Falcon State of Venezuela.)
func placeMajority(text string, ents []pipeline.Entity) {
	places, others := map[string]int{}, map[string]int{}
	first := map[string]int{}
	ruled := map[string]bool{} // a rule found the town by the words around it
	for i, e := range ents {
		switch {
		case labelClass(e.Label) == "place" && e.ID != "" && e.Kind != "admin1" && e.Kind != "country",
			e.Label == pipeline.LabelGPE && e.Source == "rule" && e.ID == "":
			if _, ok := first[e.Text]; !ok {
				first[e.Text] = i
			}
			places[e.Text]++
			ruled[e.Text] = ruled[e.Text] || e.Source == "rule"
		case e.Label == pipeline.LabelOrg || e.Label == pipeline.LabelPerson:
			others[e.Text]++
		}
	}
	surnamed := fullNameSurnames(ents)
	for i, e := range ents {
		if e.Label == pipeline.LabelLoc && e.Source == "model" && places[e.Text] > 0 && ents[first[e.Text]].Label == pipeline.LabelGPE &&
			!afterThe(text, e.Start) {
			// The model's area of a town the document names as a town is the
			// town ("Kozacha Lopan lies 10km from the border" after the
			// village of Kozacha Lopan); "the Dnipro" is its river.
			p := ents[first[e.Text]]
			ents[i].Label, ents[i].ID, ents[i].Name, ents[i].Kind, ents[i].Source = p.Label, p.ID, p.Name, p.Kind, p.Source
			continue
		}
		if e.Label != pipeline.LabelOrg && e.Label != pipeline.LabelPerson || e.Source != "model" || strings.Contains(e.Text, " ") ||
			places[e.Text] < others[e.Text] || places[e.Text] == others[e.Text] && !ruled[e.Text] || places[e.Text] == 0 ||
			e.Label == pipeline.LabelPerson && surnamed[e.Text] {
			continue // (a person's surname of the document may be a town's name too: "Danilov")
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[e.End:], " ")); e.End < len(text) && text[e.End] == ' ' && unicode.IsUpper(r) {
			continue // part of a longer name: "the Cleveland Indians"
		}
		if w := trailingLetters(text[:max(e.Start-1, 0)]); e.Label == pipeline.LabelPerson && e.Start > 0 && text[e.Start-1] == ' ' && isUpperWord(w) {
			continue // "McDonnell Douglas": part of a longer name
		}
		p := ents[first[e.Text]]
		ents[i].Label, ents[i].ID, ents[i].Name, ents[i].Kind, ents[i].Source = p.Label, p.ID, p.Name, p.Kind, p.Source
	}
}

// nameGoesOnBefore reports whether the word just before offset start is a
// capitalised name word that no list holds, no common word, no title and no
// sentence's first word, one space away: a name that runs on from there.
func (s *Stage) nameGoesOnBefore(text string, spans []pipeline.Sentence, sentences [][]word, start int) bool {
	p, ok := spacedWordBefore(text, spans, sentences, start)
	if !ok || !isNameWord(text, p) || s.isCommon(p) || p.gaz != 0 {
		return false
	}
	if _, inside := wordBefore(spans, sentences, p.start); !inside {
		return false // a sentence's first word is capitalised anyway
	}
	return !s.titleWord(p.lower)
}
