package entities

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// facilityHeads are the nouns that make a name before them a facility (FAC):
// "Azot plant", "Belbek airbase", "P07 highway", "Antonivsky Road Bridge".
// ENTITY_GUIDELINES.md: named facilities are FAC, with a directly
// following generic head noun inside the span. ("Pipeline" is left out:
// "Colonial Pipeline" is a company.)
var facilityHeads = map[string]bool{"plant": true, "plants": true, "npp": true, "airbase": true, "airfield": true,
	"airport": true, "bridge": true, "highway": true, "motorway": true, "dam": true, "mine": true, "refinery": true,
	"factory": true, "works": true, "shipyard": true, "port": true, "seaport": true, "terminal": true,
	"reservoir": true, "station": true, "prison": true, "depot": true, "base": true, "complex": true,
	"mosque": true, "cathedral": true, "monastery": true, "gate": true, "hospital": true, "stadium": true}

// lowerHeads may follow a name in lower case; the others ("base",
// "station", "port") only as part of a capitalised name ("Hmeimim Air Base"):
// "the Black Sea Fleet base" is a fleet's base, not a facility's name.
var lowerHeads = map[string]bool{"plant": true, "plants": true, "npp": true, "airbase": true, "airfield": true,
	"airport": true, "bridge": true, "highway": true, "motorway": true, "dam": true, "mine": true, "refinery": true,
	"factory": true, "shipyard": true}

// industrialHeads follow a works' own name ("Azot plant", "Azovstal
// plant"), which the document then uses alone; other heads follow town
// names ("Vasylivka Bus Terminal"), which stay places.
var industrialHeads = map[string]bool{"plant": true, "factory": true, "refinery": true, "works": true,
	"shipyard": true}

// routeHeads name routes, often after the places they join.
var routeHeads = map[string]bool{"highway": true, "motorway": true, "bridge": true, "road": true}

// facilityModifiers may stand between a name and its head ("Steel Plant",
// "Air Base", "Coal Mine", "Hydroelectric Power Plant").
var facilityModifiers = map[string]bool{"air": true, "steel": true, "coal": true, "power": true, "nuclear": true,
	"hydroelectric": true, "thermal": true, "road": true, "railway": true, "rail": true, "chemical": true,
	"naval": true, "metallurgical": true, "oil": true, "gas": true, "international": true, "military": true,
	"fertilizer": true, "cement": true, "iron": true, "bus": true, "train": true, "river": true}

// bigTown reports whether GeoNames holds a town of the name with 40,000
// people or more: "Fort Smith", "Fort Myers" are cities; the army posts'
// towns are smaller ("Fort Bragg", 29,183; "Fort Hood").
func bigTown(name string) bool {
	places, err := models.LoadPlaces()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(places.Lookup(models.PlaceKey(name)), func(p models.Posting) bool {
		return p.Kind == models.KindPlace && places.Places[p.Index].Pop >= 40000
	})
}

// findFacilities returns FACs: "Camp" and a name; a capitalised name or a
// road code, then facility modifiers and a facility head. A name that is only a demonym, a
// common word or a title ("Russian airbase", "The plant") names no facility.
// A one-word unlisted name of a works ("Azot plant") is a FAC wherever the
// document writes it alone ("Azot").
func (s *Stage) findFacilities(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	named := map[string]bool{}
	for _, ws := range sentences {
		for k := 0; k+1 < len(ws); k++ {
			// "Camp" opens a base's or a retreat's name: "Camp Bastion",
			// "Camp Taji", "Camp David" (GeoNames' David, in Panama, was
			// the place); not after a name ("Zaatari Camp") or alone. So
			// does "Fort" ("Fort Bragg", "Fort Laramie": the model's
			// persons), unless the lists know the whole as a town ("Fort
			// Worth").
			opener := text[ws[k].start:ws[k].end]
			if opener != "Camp" && opener != "Fort" {
				continue
			}
			if b, _ := capitalsBeside(text, ws, k); b && !determiners[ws[k-1].lower] {
				continue
			}
			n := k + 1
			// (A fort may be named by a common word: "Fort Hood", "Fort Drum".)
			for n < len(ws) && n-k <= 2 && isNameWord(text, ws[n]) && (!s.isCommon(ws[n]) || opener == "Fort" && n == k+1 && ws[n].upper && !functionWords[ws[n].lower]) &&
				spaced(text, ws, n-1, n) {
				n++
			}
			if n > k+1 && !(opener == "Fort" && (s.listedSpan(ws, k, n, anyEntry) || bigTown(text[ws[k].start:ws[n-1].end]))) {
				out = append(out, pipeline.Entity{Start: ws[k].start, End: ws[n-1].end, Text: text[ws[k].start:ws[n-1].end], Label: pipeline.LabelFac, Source: "rule"})
			}
		}
		for k := 1; k < len(ws); k++ {
			if !ws[k].is(clsFacilityHead) {
				continue
			}
			if _, after := capitalsBeside(text, ws, k); ws[k].upper && after && !compassNouns[ws[k+1].lower] {
				continue // the name goes on: "Golden Gate Park" ("Qayyarah Airfield West" is the airfield's name)
			}
			// Modifiers before the head, then the name.
			j := k
			for j > 0 && facilityModifiers[ws[j-1].lower] && ws[j-1].upper == ws[k].upper {
				j--
			}
			n := j
			for n > 0 && (isNameWord(text, ws[n-1]) && !determiners[ws[n-1].lower] || isRoadCode(text[ws[n-1].start:ws[n-1].end])) && ws[n-1].end < ws[n].start {
				n--
				if n == j-1 && isRoadCode(text[ws[n].start:ws[n].end]) {
					break // "Hirske-Lysychansk T1303 highway": the code names the road, the towns stay places
				}
			}
			if n == j || n == 0 && j-n == 1 && s.gaz.common[ws[0].lower] {
				continue
			}
			name := ws[n:j]
			if s.allCommon(name) || len(name) == 1 && s.isDemonym(name[0]) || s.listedSpan(ws, n, k+1, isGPEEntry) {
				continue // (a town named so is the town: "Saint Peter Port")
			}
			// A lower-case head follows a name directly ("Azot plant"); a
			// capitalised one may carry modifiers ("Azovstal Steel Plant").
			if !ws[k].upper && (j != k || !lowerHeads[ws[k].lower]) {
				continue
			}
			// "the Bakhmut-Slovyansk highway": a route named by the towns it
			// joins; the towns stay GPE.
			if !ws[k].upper && routeHeads[ws[k].lower] && len(name) == 1 && (s.isPlace(name[0]) || n >= 2 && joinHyphen(text, ws, n-1)) {
				continue // ("the Bakhmut-Siversk highway" too, whichever town the lists lack)
			}
			st, en := ws[n].start, ws[k].end
			if ws[k].upper && k+1 < len(ws) && ws[k+1].upper && compassNouns[ws[k+1].lower] && spaced(text, ws, k, k+1) {
				en = ws[k+1].end // "Qayyarah Airfield West": the compass word ends the name
			}
			label := pipeline.LabelFac
			if ws[k].lower == "reservoir" {
				label = pipeline.LabelLoc // a body of water, as a lake is ("Pechenihy Reservoir")
			}
			out = append(out, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: label, Source: "rule"})
			if len(name) == 1 && industrialHeads[ws[k].lower] && name[0].gaz == 0 {
				named[name[0].lower] = true
			}
		}
	}
	if len(named) == 0 {
		return out
	}
	for _, ws := range sentences {
		for k, w := range ws {
			if !named[w.lower] || !w.upper || k+1 < len(ws) && facilityHeads[ws[k+1].lower] {
				continue
			}
			out = append(out, pipeline.Entity{Start: w.start, End: w.end, Text: text[w.start:w.end], Label: pipeline.LabelFac, Source: "rule"})
		}
	}
	return out
}

// isRoadCode: a road number such as "P07", "T0513", "M03", "E40".
func isRoadCode(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, d := range s[n:] {
		if !unicode.IsDigit(d) {
			return false
		}
	}
	return true
}

// isDemonym reports whether the gazetteer lists the word as a NORP.
func (s *Stage) isDemonym(w word) bool { return s.listedAs(w, pipeline.LabelNORP) }

// isPlace reports whether the gazetteer lists the word as a GPE.
func (s *Stage) isPlace(w word) bool { return s.listedAs(w, pipeline.LabelGPE) }

// listedAs reports whether the gazetteer lists the word alone as label.
func (s *Stage) listedAs(w word, label string) bool {
	return s.listedWith(w.gaz, func(e models.GazEntry) bool { return e.Label == label })
}

// anyEntry is listedWith's test for any entry: the word or words are listed.
func anyEntry(models.GazEntry) bool { return true }

// listedWith reports whether an entry the gazetteer ends at trie node n
// (a word's: word.gaz) satisfies f; node 0, the root, ends none.
func (s *Stage) listedWith(n int32, f func(models.GazEntry) bool) bool {
	return n != 0 && slices.ContainsFunc(s.gaz.hitsAt(n), func(h hit) bool { return f(s.gaz.entries[h.entry]) })
}

// settlementNouns name a populated place after them: "the village of
// Bilohorivka", "the towns of Siversk and Lyman".
var settlementNouns = map[string]bool{"village": true, "villages": true, "town": true, "towns": true, "city": true,
	"cities": true, "settlement": true, "settlements": true, "hamlet": true, "hamlets": true}

// settlements makes the names after a settlement noun and "of" GPEs (ENTITY_GUIDELINES: cities, towns),
// with the names coordinated with them ("the villages of Dolyna, Bohorodychne and Krasnopillia").
// A listed name there stands; the model's guesses give way ("Bilohorivka" is no person).
// Outside threat reporting (towns) a move towards opens such a list too
// ("attacked toward Mayorsk, Mykolayivka Druha, Zaitseve, and Bakhmut"):
// what a force moves towards, written as names, are places, unless a name
// list knows one of a name's words ("advanced toward Prigozhin's"); a place
// the lists know inside a longer name gives way to it ("Vesela Dolyna" over
// the town "Dolyna").
func (s *Stage) settlements(text string, sentences [][]word, ents []pipeline.Entity, towns bool) []pipeline.Entity {
	var found []pipeline.Entity
	inside := map[[2]int]bool{} // the spans a move towards opened
	for _, ws := range sentences {
		for i := 0; i+1 < len(ws); i++ {
			k0, toward := settlementList(text, ws, i, towns)
			if k0 < 0 {
				continue
			}
			for k := k0; k < len(ws); {
				end := k
				for end < len(ws) && end-k < 3 && isNameWord(text, ws[end]) && (end == k || spaced(text, ws, end-1, end)) {
					end++
				}
				if end == k {
					break
				}
				// "Mykhailo-Kotsyubynske" is one town; two listed ones stay two ("Izyum-Slovyansk").
				for end+1 < len(ws) && joinHyphen(text, ws, end) && isNameWord(text, ws[end+1]) && ws[end+1].gaz == 0 {
					end += 2
				}
				if !toward || !s.listsNameWord(text[ws[k].start:ws[end-1].end]) {
					found = append(found, pipeline.Entity{Start: ws[k].start, End: ws[end-1].end, Label: pipeline.LabelGPE, Source: "rule"})
					if toward {
						inside[[2]int{ws[k].start, ws[end-1].end}] = true
					}
				}
				if k = nextListItem(text, ws, end, isNameWord); k < 0 {
					break
				}
			}
		}
	}
	if len(found) == 0 {
		return ents
	}
	// A listed place strictly inside a name a move towards opened gives
	// way to it; any other listed entity on its words stands (the toward
	// spans are disjoint, so "inside some" is "inside this one").
	return overrule(text, ents, found, func(e pipeline.Entity) bool {
		return e.Source != "model" && !(isPlace(e.Label) && slices.ContainsFunc(found, func(p pipeline.Entity) bool {
			return inside[[2]int{p.Start, p.End}] && p.Start <= e.Start && e.End <= p.End && e.End-e.Start < p.End-p.Start
		}))
	})
}

// settlementList returns the index of the first name of a list of
// settlements that word i opens, and whether a move towards opened it, or
// -1: a settlement noun and "of" or ":" ("the villages of X", "four villages:
// X, Y and Z"), a plural one and "including" ("settlements east of
// Slovyansk, including X"), and with towns a move towards ("advanced
// toward X").
func settlementList(text string, ws []word, i int, towns bool) (int, bool) {
	if ws[i].is(clsSettlementNoun) && !ws[i].upper {
		if ws[i+1].lower == "of" || ws[i+1].lower == ":" {
			return i + 2, false
		}
		return includedAfter(ws, i), false
	}
	if towns && (ws[i].lower == "toward" || ws[i].lower == "towards") && isNameWord(text, ws[i+1]) &&
		movesToward.MatchString(text[max(0, ws[i].end-60):ws[i].end]) {
		return i + 1, true
	}
	return -1, false
}

// peopleNouns name a people after or before their names: "tribes such as
// the Iroquois, Lenape, and Cherokee", "the Hawiye and Darod clans".
var peopleNouns = set("tribe tribes clan clans subclan subclans ethnicity ethnicities")

// peoples makes NORPs (ENTITY_GUIDELINES: nationalities and groups of
// people) of the names a people noun introduces ("tribes such as the
// Iroquois, Lenape, Muscogee, and Cherokee") or ends ("Turkman, Baluch,
// Qirghiz, and Brahwui ethnicities", "the Shinwari tribe"), which the model
// takes for places. A listed name there stands ("the Afghan tribes" stays
// the nationality); so do the model's persons and organisations (re3d
// marks "the Al Bu Nimr tribe" an organisation: a tribe may act as one).
func peoples(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	var found []pipeline.Entity
	add := func(ws []word, a, b int) {
		found = append(found, pipeline.Entity{Start: ws[a].start, End: ws[b].end, Label: pipeline.LabelNORP, Source: "rule"})
	}
	for _, ws := range sentences {
		for i := 0; i < len(ws); i++ {
			if !ws[i].is(clsPeopleNoun) || ws[i].upper {
				continue
			}
			// Before the noun: "X, Y, and Z ethnicities", "the X tribe".
			for k := i - 1; k >= 0; {
				st := k
				for st >= 0 && k-st < 5 && (peopleName(text, ws[st]) && (st == k || spaced(text, ws, st, st+1) || joinHyphen(text, ws, st+1)) ||
					st < k && joinHyphen(text, ws, st)) {
					st-- // "Al-Karabla": a hyphen joins a name's words
				}
				if st == k {
					break
				}
				add(ws, st+1, k)
				n := st
				if n >= 0 && ws[n].lower == "and" {
					n--
				}
				if n >= 0 && text[ws[n].start] == ',' {
					n--
				}
				if n == st || n < 0 || !peopleName(text, ws[n]) {
					break
				}
				k = n
			}
			// After it: "tribes such as (the) X, Y, and Z", "clans including X".
			k := includedAfter(ws, i)
			if k < 0 || k != i+2 && k != i+3 {
				continue
			}
			if k < len(ws) && ws[k].lower == "the" {
				k++
			}
			for k < len(ws) {
				end := k
				for end < len(ws) && end-k < 3 && peopleName(text, ws[end]) && (end == k || spaced(text, ws, end-1, end)) {
					end++
				}
				if end == k {
					break
				}
				add(ws, k, end-1)
				if k = nextListItem(text, ws, end, peopleName); k < 0 {
					break
				}
			}
		}
	}
	return overrule(text, ents, found, func(e pipeline.Entity) bool {
		return e.Source != "model" || e.Label == pipeline.LabelPerson || e.Label == pipeline.LabelOrg || e.Label == pipeline.LabelGroup
	})
}

// peopleName reports whether w may be a word of a people's name: a name
// word that is no function word ("In tribes such as").
func peopleName(text string, w word) bool {
	return isNameWord(text, w) && !functionWords[w.lower] && !determiners[w.lower]
}

// nextListItem returns where the next item of a list of names starts after
// the item that ends at word end (", X", "and X", ", and X"), or -1.
func nextListItem(text string, ws []word, end int, isName func(string, word) bool) int {
	n := end
	if n < len(ws) && text[ws[n].start] == ',' {
		n++
	}
	if n < len(ws) && ws[n].lower == "and" {
		n++
	}
	if n == end || n >= len(ws) || !isName(text, ws[n]) {
		return -1
	}
	return n
}

// includedAfter returns the index after "including" or "such as" within
// eight words after the plural settlement noun at i ("settlements to the
// east of Slovyansk, including Tetyanivka, Donetske, and Starodubivka") and
// in its clause, or -1.
func includedAfter(ws []word, i int) int {
	if !strings.HasSuffix(ws[i].lower, "s") {
		return -1
	}
	for j := i + 1; j < len(ws) && j <= i+8; j++ {
		switch {
		case ws[j].lower == ";" || ws[j].lower == "." ||
			ws[j].lower == "," && j+1 < len(ws) && ws[j+1].lower != "including" && ws[j+1].lower != "such":
			// A comma opens another clause, unless "including" follows
			// ("walled cities, fearing marauding pillagers including Vikings").
			return -1
		case ws[j].lower == "including":
			return j + 1
		case ws[j].lower == "such" && j+1 < len(ws) && ws[j+1].lower == "as":
			return j + 2
		}
	}
	return -1
}

// bearingAfter matches a distance and a compass bearing after a name:
// "(45km northwest of Beryslav)", ", approximately 39km north of", " 28km
// southwest".
var bearingAfter = regexp.MustCompile(`^,?\s*\(?(?:approximately |about |roughly |around |some )?\d+(?:[.,]\d+)?\s?(?:km|kilometers|kilometres|miles)\s+(?:north|south|east|west)(?:-?(?:east|west))?\b`)

// settlementApposed matches a settlement noun in apposition after a name:
// "Mykhailivka Druha, a small settlement along the T0513 highway", ", a
// village in".
var settlementApposed = regexp.MustCompile(`^,\s+(?:a|an)\s+(?:[a-z-]+\s+){0,2}(?:village|town|city|settlement|hamlet)\b`)

// apposedSettlement reports whether a settlement noun in apposition follows
// offset end and heads its noun phrase: "X, a town roughly 60 kilometers
// from", not "Tim Whitley, a city official".
func apposedSettlement(text string, end int) bool {
	m := settlementApposed.FindStringIndex(text[end:min(len(text), end+48)])
	if m == nil {
		return false
	}
	w := leadingLetters(strings.TrimLeft(text[end+m[1]:], " "))
	return w == "" || w != strings.ToLower(w) || functionWords[w] || riverPreps[w] || approximators[w]
}

// approximators qualify a distance: "a town roughly 60 kilometers from".
var approximators = set("roughly approximately about around some nearly almost just located situated")

// lowerLandforms follow a name in lower case: "the Tigris river", "the
// Hamrin mountains".
var lowerLandforms = set("river rivers mountains valley desert lake park")

// landformNames returns the LOCs of one to three capitalised words that a
// lower-case landform noun follows ("the Tigris river", "the Hamrin
// mountains", where the model and the lists had seen nothing), and a
// plural one's list of them ("the Siverskyi Donets and Oskil rivers"); the noun
// stays outside, as CoNLL and OntoNotes write it ("Pamir mountains": LOC
// "Pamir"). Common words ("the Red river"), peoples and nationalities ("a
// Russian river") are no names of one.
func (s *Stage) landformNames(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for k := 1; k < len(ws); k++ {
			if ws[k].upper || !lowerLandforms[ws[k].lower] || !spaced(text, ws, k-1, k) {
				continue
			}
			n := k
			for n > 0 && k-n < 3 && isNameWord(text, ws[n-1]) && !s.isCommon(ws[n-1]) && !s.isDemonym(ws[n-1]) &&
				(n == k || spaced(text, ws, n-1, n)) {
				n--
			}
			if n == k || n > 0 && ws[n-1].upper && !functionWords[ws[n-1].lower] && spaced(text, ws, n-1, n) {
				continue // (a longer name: "Rio Grande", "Red Tigris")
			}
			st, en := ws[n].start, ws[k-1].end
			out = append(out, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: pipeline.LabelLoc, Source: "rule"})
			if !strings.HasSuffix(ws[k].lower, "s") {
				continue
			}
			// A plural noun takes the names listed before: "the Siverskyi
			// Donets and Oskil rivers", "the Tigris, Euphrates and Karun rivers".
			for m := n; m >= 2 && (ws[m-1].lower == "and" || ws[m-1].lower == ","); {
				j := m - 1
				if ws[j].lower == "and" && ws[j-1].lower == "," {
					j--
				}
				b := j
				for b > 0 && j-b < 3 && isNameWord(text, ws[b-1]) && !s.isCommon(ws[b-1]) && !s.isDemonym(ws[b-1]) && (b == j || spaced(text, ws, b-1, b)) {
					b--
				}
				if b == j || b > 0 && ws[b-1].upper && !functionWords[ws[b-1].lower] && spaced(text, ws, b-1, b) {
					break
				}
				st, en := ws[b].start, ws[j-1].end
				out = append(out, pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: pipeline.LabelLoc, Source: "rule"})
				m = b
			}
		}
	}
	return out
}

// landformHeads end the names of land and water, not of settlements, that a
// bearing may follow: "Sviati Hory National Nature Park (20km west of ...)".
var landformHeads = set("river sea lake reservoir bay gulf strait peninsula spit island islands forest woods park reserve hills heights mountain mountains valley canal")

// groundVerbs take ground: what they aim at, written as a name, is a place.
var groundVerbs = set("captured recaptured seized liberated stormed encircled entered capture recapture seize liberate storm encircle enter " +
	"capturing recapturing seizing liberating storming encircling entering reclaim reclaimed take took taking retake retook retaking")

// movesToward says a force moves: "advancing towards", "an offensive
// toward", "attacked towards" (not "biased toward" a person).
var movesToward = regexp.MustCompile(`(?i)\b(?:advanc|attack|offensive|assault|push|mov|counterattack|counteroffensive|drive|withdr|retreat|redeploy|direction)\w*(?:,?\s+\w+){0,3},?\s+towards?\s*$`)

// takesGround reports whether the text before a name ends in a verb of
// taking ground or a move towards: what follows is a place.
func takesGround(before string) bool {
	b := strings.TrimRight(before, " ")
	w := strings.ToLower(trailingLetters(b))
	if w == "toward" || w == "towards" {
		return movesToward.MatchString(b[max(0, len(b)-60):])
	}
	return groundVerbs[w]
}

// placeShaped makes GPEs of the model's names outside threat reporting that
// only a settlement can be: a name a distance and bearing follow ("Bobrovyi
// Kut (45km northwest of Beryslav)") or a settlement noun in apposition ("X,
// a small settlement along"), one of a Ukrainian or Russian
// settlement's shape in a document that names places there ("Hryhorivka",
// "Verkhnokamyanske": no Slavic surname ends so),
// and a person's name a verb of taking ground aims at ("Ukrainian forces
// seized Ternovi Pody") that no name list knows and no full name of the
// document ends in, or an area's ("seek to take Zaprozhia": a river or a
// region takes an article), or an area's placed as ISW places its towns
// (compassOfBefore, townAreaAfter, a preposition of place with no
// article). The model takes such villages, too small for GeoNames'
// list, for persons and, by their shape, for areas (LOC); ENTITY_GUIDELINES
// makes them GPEs. (An organisation is one only by the bearing: "Marinka"
// may name a club.)
func (s *Stage) placeShaped(text string, ents []pipeline.Entity, war warScope) {
	slavic, front, surnamed := war.slavic, war.front, fullNameSurnames(ents)
	for i := range ents {
		e := &ents[i]
		if e.Source == "model" && e.Label == pipeline.LabelNORP && front && !strings.ContainsAny(e.Text, " -") {
			// No people's name ends as a town's: "evacuated to
			// Novoazovsk" (the model's nationality).
			if low := strings.ToLower(e.Text); len(low) >= 6 && strings.HasSuffix(low, "sk") || townShape(low) {
				e.Label, e.Source = pipeline.LabelGPE, "rule"
			}
			continue
		}
		if e.Source != "model" || (e.Label != pipeline.LabelPerson && e.Label != pipeline.LabelLoc && e.Label != pipeline.LabelGroup && e.Label != pipeline.LabelOrg) {
			continue
		}
		last := strings.ToLower(e.Text[strings.LastIndexAny(e.Text, " -")+1:])
		shaped := e.Label != pipeline.LabelOrg && (slavic && (len(last) >= 6 && strings.HasSuffix(last, "ivka") || len(last) >= 8 && strings.HasSuffix(last, "ske")) || front && townShape(last)) &&
			s.gaz.names[foldWord(last)] == 0
		bearing := (bearingAfter.MatchString(text[e.End:min(len(text), e.End+48)]) || apposedSettlement(text, e.End)) && !landformHeads[last]
		// A person's name no name list knows, no full name of the
		// document ends in and no leader's surname is ("concessions from
		// Lukashenko"), or an area's.
		_, leader := s.gaz.leaders[e.Text]
		nameless := e.Label == pipeline.LabelLoc || e.Label == pipeline.LabelPerson && !surnamed[e.Text] && !s.listsNameWord(e.Text) && !leader
		aimed := nameless && takesGround(text[:e.Start])
		located := front && nameless && !strings.Contains(e.Text, " ") && !landformHeads[last] && !possessiveAfter(text, e.End) &&
			(compassOfBefore.MatchString(text[max(0, e.Start-24):e.Start]) || townPrepBefore(text, e.Start) || townAreaAfter.MatchString(text[e.End:min(len(text), e.End+48)]) ||
				warTarget(text, e.Start))
		// An organisation an operation or an advance aims at in a report
		// about the war is a town the lists spell otherwise ("advancing on
		// Mikolayiv").
		aimedOrg := front && e.Label == pipeline.LabelOrg && !strings.Contains(e.Text, " ") && !isAcronym(e.Text) && warTarget(text, e.Start)
		if shaped || bearing || aimed || located || aimedOrg {
			e.Label, e.Source = pipeline.LabelGPE, "rule"
		}
	}
}

// unmarkedTowns makes GPEs of capitalised names no layer marked that only a
// settlement can be: a name a distance and bearing follow ("Ploshchanka
// (17km west of Kreminna)"), and in a report about the war one word of a
// Ukrainian or Russian settlement's shape ("Sukhanove", "Ishchenka",
// "Chervonopopivka"); and a LOC of such a name that a landform's head ends
// ("Siverskyi Donets River"). ISW's front-line villages are too small for GeoNames'
// list and the model often passes over them in a list of names; the
// guidelines make them GPEs. A common English word ("Remove"), a word the
// name lists know and a landform ("Kinburn Spit (10km south of)") are none.
func (s *Stage) unmarkedTowns(text string, sentences [][]word, ents []pipeline.Entity, war warScope) []pipeline.Entity {
	front := war.front
	at := newSpanIndex(ents)
	free := func(w word) bool { return len(at.overlapping(w.start, w.end)) == 0 }
	surnamed := fullNameSurnames(ents)
	gpeAt := map[int]bool{} // the starts and ends of the GPEs
	for _, e := range ents {
		if e.Label == pipeline.LabelGPE {
			gpeAt[e.Start], gpeAt[e.End] = true, true
		}
	}
	// coordinated reports whether word i stands in a list beside a GPE:
	// "from Bakhmut and Siversk", "Siversk, Lysychansk".
	coordinated := func(ws []word, i int) bool {
		return i >= 2 && listJoins[ws[i-1].lower] && gpeAt[ws[i-2].end] && ws[i-2].end <= ws[i-1].start ||
			i+2 < len(ws) && listJoins[ws[i+1].lower] && gpeAt[ws[i+2].start]
	}
	var found []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i < len(ws); i++ {
			w := ws[i]
			if !w.upper || !isNameWord(text, w) || !free(w) || s.isCommon(w) && !placeAdjectives[w.lower] {
				continue
			}
			end := i + 1
			for end < len(ws) && end-i < 4 && isNameWord(text, ws[end]) && spaced(text, ws, end-1, end) && free(ws[end]) {
				end++
			}
			for end+1 < len(ws) && joinHyphen(text, ws, end) && isNameWord(text, ws[end+1]) && free(ws[end+1]) {
				end += 2 // "Posad-Pokrovske"
			}
			last := ws[end-1]
			bearing := bearingAfter.MatchString(text[last.end:min(len(text), last.end+48)]) && !landformHeads[last.lower] &&
				(end > i+1 || !s.isCommon(w))
			// In a report about the war one word no name list knows is a
			// town by its shape, or, alone (no sentence's first word, no
			// listed or common word, no part of a longer name: "Stanysia
			// Luhanska", "Uragan MLRS"), where a compass bearing places it
			// ("north of Siversk", "Mayorsk, southeast of Bakhmut") or a
			// list joins it to a town.
			single := front && end == i+1 && s.gaz.names[foldWord(w.lower)] == 0
			lone := func() bool {
				before, after := capitalsBeside(text, ws, i)
				name := text[w.start:w.end]
				return i > 0 && !before && !after && !s.isCommon(w) && w.gaz == 0 && !s.pluralNoun(w.lower) && !isRoadCode(name) &&
					!surnamed[name] && s.gaz.leaders[name] == 0
			}
			shaped := single && (townShape(w.lower) ||
				lone() && (coordinated(ws, i) || compassOfBefore.MatchString(text[max(0, w.start-24):w.start]) ||
					compassOfAfter.MatchString(text[w.end:min(len(text), w.end+40)])))
			switch {
			case end > i+1 && featureHeads[last.lower] && !s.isCommon(w):
				found = append(found, pipeline.Entity{Start: w.start, End: last.end, Label: pipeline.LabelLoc, Source: "rule"})
			case bearing || shaped:
				found = append(found, pipeline.Entity{Start: w.start, End: last.end, Label: pipeline.LabelGPE, Source: "rule"})
			}
			i = end - 1
		}
	}
	ents = overrule(text, ents, found, func(pipeline.Entity) bool { return true })
	if front {
		// The model's guesses give way to a chain of towns.
		ents = overrule(text, ents, s.townChains(text, sentences, ents), func(e pipeline.Entity) bool { return e.Source != "model" })
	}
	return ents
}

// chainNouns follow a chain of towns joined by hyphens: "the Svatove-Kreminna
// line", "the Toshkivka-Ustynivka area".
var chainNouns = set("line lines area areas axis direction directions highway road roads front frontline sector")

// townChains returns, in a report about the war, the names of a chain of two
// or more capitalised words joined by hyphens before a chain noun that no
// list knows as anything but a place: each is a town ("Lyubomyrivka-Bilaivka-
// Novoolesandrivka line", "Kupyansk-Petropavlivka area", which the model had
// made one organisation). Common words, landforms and listed names of other
// kinds stay out ("Donetsk City-Avdiivka area", "Siverskyi Donets
// River-Kreminna line").
func (s *Stage) townChains(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	var out []pipeline.Entity
	at := newSpanIndex(ents)
	for _, ws := range sentences {
		for i := 0; i < len(ws); i++ {
			if !isNameWord(text, ws[i]) {
				continue
			}
			k := i
			for k+2 < len(ws) && joinHyphen(text, ws, k+1) && isNameWord(text, ws[k+2]) {
				k += 2
			}
			if k == i || k+1 >= len(ws) || !spaced(text, ws, k, k+1) || !chainNouns[ws[k+1].lower] {
				i = k
				continue
			}
			// The first town may be of two or three words: "Kozacha
			// Lopan-Zolochiv", "Ternovi Pody-Lyubomirivka".
			first := i
			for first > 0 && i-first < 2 && isNameWord(text, ws[first-1]) && spaced(text, ws, first-1, first) &&
				(!s.isCommon(ws[first-1]) || placeAdjectives[ws[first-1].lower]) && !determiners[ws[first-1].lower] &&
				!slices.ContainsFunc(at.overlapping(ws[first-1].start, ws[first-1].end), func(x int) bool { return ents[x].Source != "model" }) {
				first--
			}
			for j := i; j <= k; j += 2 {
				w := ws[j]
				st := w.start
				if j == i {
					st = ws[first].start
				}
				if s.isCommon(w) || landformHeads[w.lower] || featureHeads[w.lower] || s.gaz.names[foldWord(w.lower)] != 0 ||
					w.gaz != 0 && !s.isPlace(w) || slices.ContainsFunc(at.overlapping(w.start, w.end), func(x int) bool {
					return ents[x].Source != "model" && ents[x].Label != pipeline.LabelGPE
				}) {
					continue
				}
				out = append(out, pipeline.Entity{Start: st, End: w.end, Label: pipeline.LabelGPE, Source: "rule"})
			}
			i = k
		}
	}
	return out
}

// listJoins join the items of a list.
var listJoins = set(", and or")

// townShape reports whether a word ends as Ukrainian and Russian
// settlements do and no English word or Slavic surname of its length does:
// -ivka, -ske, -ove, -eve, -enka, -ynka, -chne, -ivne, -ovne, -ytne, -kyne.
func townShape(low string) bool {
	switch {
	case len(low) >= 6 && (strings.HasSuffix(low, "ivka") || strings.HasSuffix(low, "ske") || strings.HasSuffix(low, "ove") || strings.HasSuffix(low, "eve")):
		return true
	case len(low) >= 7 && (strings.HasSuffix(low, "enka") || strings.HasSuffix(low, "ynka")):
		return true
	case len(low) >= 7 && (strings.HasSuffix(low, "chne") || strings.HasSuffix(low, "ivne") || strings.HasSuffix(low, "ovne") ||
		strings.HasSuffix(low, "ytne") || strings.HasSuffix(low, "kyne")):
		return true // "Bohorodychne", "Dibrovne", "Potomkyne": no English word ends so
	}
	return false
}

// compassOfBefore and townAreaAfter place a name as ISW places its towns:
// "west of Hulyaipole", "in the Zelendolsk and Skadovsk areas", "the
// Kupyansk direction", "in the Bilohirka, Kherson Oblast, area". In a document about Ukraine, Russia or Belarus the
// model's one-word area (LOC) so placed is a town (a river or a region
// takes an article: "west of the Dnipro").
var (
	compassOfBefore = regexp.MustCompile(`(?i)\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+$`)
	// compassOfAfter places a name by a bearing from a named place after
	// it: "captured Mayorsk, southeast of Bakhmut", "Yampil (directly west of".
	compassOfAfter = regexp.MustCompile(`^,?\s*\(?(?:just |directly |immediately )?(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+\p{Lu}`)
	townAreaAfter  = regexp.MustCompile(`^(?:,\s+[A-Z][\p{L}'’-]+\s+Oblast,|\s+and\s+[A-Z][\p{L}'’-]+)?\s+(?:area|areas|direction|directions|axis|outskirts)\b`)
)

// townPrepBefore reports whether a preposition of place with no article
// ends the text before start: "near Potomkyne", "in Zelendolsk".
func townPrepBefore(text string, start int) bool {
	b := strings.TrimRight(text[max(0, start-12):start], " ")
	if len(b) == start-max(0, start-12) {
		return false // no space before the name
	}
	w := trailingLetters(b)
	return w != "" && w == strings.ToLower(w) && townPreps[w]
}

// fullNameSurnames returns the last words of the persons of several words
// among ents: a town's name that is one of them may be that person's.
func fullNameSurnames(ents []pipeline.Entity) map[string]bool {
	out := map[string]bool{}
	for _, e := range ents {
		if i := strings.LastIndexByte(e.Text, ' '); e.Label == pipeline.LabelPerson && i > 0 {
			out[e.Text[i+1:]] = true
		}
	}
	return out
}

// warScope says how much of a document's places lie in Ukraine, Russia or
// Belarus, as placeShaped and unmarkedTowns read it (once per document).
type warScope struct {
	// slavic: one listed place there lets the shape rule of placeShaped
	// apply (a German surname may end in "-ske": "Tanja Damaske").
	slavic bool
	// front: most of three or more make a report about the war, where a
	// bare area name placed as a town is one ("in Zelendolsk"), not a
	// history that names Russia once ("in Prussia", "around Eurasia").
	front bool
}

// newWarScope counts the listed places the entities link and those of them
// in Ukraine, Russia or Belarus.
func newWarScope(ents []pipeline.Entity) warScope {
	places, err := models.LoadPlaces()
	if err != nil {
		return warScope{} // embedded: TestLoadPlaces fails first
	}
	in, all := 0, 0
	for _, e := range ents {
		if p, ok := places.Linked(e.ID); ok {
			all++
			switch places.Countries[places.CountryOf(p)].ISO {
			case "UA", "RU", "BY":
				in++
			}
		}
	}
	return warScope{slavic: in > 0, front: all >= 3 && 2*in >= all}
}

// placeAdjectives open the two-word names of Ukrainian and Russian
// settlements ("Velyka Komyshuvakha", "Staryi Saltiv", "Verkhny Terebezh",
// "Nyzhnia Duvanka"): great, little, old, new, upper, lower, and colours.
var placeAdjectives = set("velyka velyki velykyi velyke mala mali malyi male stara staryi stare nova novi novyi nove " +
	// peaceful, merry, golden: "Myrna Dolyna", "Vesela Dolyna", "Zolota Balka"
	"myrna myrne myrnyi vesela vesele veselyi zolota zolote zolotyi " +
	"verkhnii verkhnia verkhni verkhnie verkhny verkhne nyzhnii nyzhnia nyzhni nyzhnie nyzhny nyzhne " +
	"verkhnya verkhnyi nyzhnya nyzhnyi " +
	// Russian (the adjective): "Ruska Lozova", "Ruski Tyshky"
	"ruska ruske ruskyi ruski " +
	"bolshaya bolshoy bolshoye malaya maly staraya stary verkhniy verkhnyaya nizhniy nizhny nizhnyaya " +
	// white, black, red, green, bare, dry: "Bila Hora", "Hola Prystan", "Chorna Kamianka"
	"bila bile bilyi chorna chorne chornyi chervona chervone chervonyi zelena zelene zelenyi hola hole holyi sukha sukhe sukhyi " +
	"belaya beloye bely chernaya chernoye krasnaya krasnoye krasny zelenaya zelenoye")

// prefixedPlaces makes such an adjective and the capitalised word after it
// one GPE where a layer saw a place or a person on either word or both but
// cut the name or took it for a person ("Staryi" LOC and "Saltiv" GPE,
// "Mali Prokhody" a PERSON). No
// organisation or group may lie on them ("Nova Poshta" stays the model's
// ORG); a listed name over both stands.
func prefixedPlaces(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	for k := range ents {
		// The model's area of such an adjective and one word is a village
		// ("mined a highway in Velyka Komyshuvakha").
		if e := &ents[k]; e.Source == "model" && e.Label == pipeline.LabelLoc && strings.Count(e.Text, " ") == 1 &&
			placeAdjectives[strings.ToLower(e.Text[:strings.IndexByte(e.Text, ' ')])] {
			e.Label, e.Source = pipeline.LabelGPE, "rule"
		}
	}
	at := newSpanIndex(ents)
	var found []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i+1 < len(ws); i++ {
			if !ws[i].upper || !placeAdjectives[ws[i].lower] || !ws[i+1].upper || !isNameWord(text, ws[i+1]) || !spaced(text, ws, i, i+1) {
				continue
			}
			st, en := ws[i].start, ws[i+1].end
			seen, other, whole := false, false, false
			for _, k := range at.overlapping(st, en) {
				e := ents[k]
				switch {
				case e.Start <= st && en <= e.End && (e.Source != "model" || isPlace(e.Label)):
					whole = true
				case isPlace(e.Label) || e.Label == pipeline.LabelPerson:
					seen = true
				default:
					other = true
				}
			}
			if seen && !other && !whole {
				found = append(found, pipeline.Entity{Start: st, End: en, Label: pipeline.LabelGPE, Source: "rule"})
			}
			i++
		}
	}
	return overrule(text, ents, found, func(pipeline.Entity) bool { return false })
}

// listPlaces makes the model's persons places where what surrounds them
// names places (and an unmarked name an organisation in a list of
// organisations): in a list whose names are places for two or more and half
// or more ("Cairo, Giza, and Al-Minya"; "the provinces of Nyanza, Rift
// Valley, North Eastern and Western"), unless the name lists know their
// first word as a person's ("Emmanuel Macron, France and Germany"); and
// before a comma and a listed country or first-level area that ends the
// phrase ("Attapeu, Laos;", "Marion, Ohio, was"). The listed names keep
// their labels.
func (s *Stage) listPlaces(text string, sentences [][]word, lists [][][][2]int, ents []pipeline.Entity) []pipeline.Entity {
	at := newSpanIndex(ents)
	// starting returns the entity that starts at word i of ws, or -1.
	starting := func(ws []word, i int) int {
		for _, k := range at.overlapping(ws[i].start, ws[i].end) {
			if ents[k].Start == ws[i].start {
				return k
			}
		}
		return -1
	}
	modelPerson := func(e pipeline.Entity) bool { return e.Label == pipeline.LabelPerson && e.Source == "model" }
	var found []pipeline.Entity
	for si, ws := range sentences {
		for _, list := range lists[si] {
			places, orgs, gpes := 0, 0, 0
			for _, it := range list {
				if k := starting(ws, it[0]); k >= 0 && labelClass(ents[k].Label) == "place" {
					places++
					if ents[k].Label == pipeline.LabelGPE {
						gpes++
					}
				} else if k >= 0 && ents[k].Label == pipeline.LabelOrg {
					orgs++
				}
			}
			if orgs >= 2 && orgs*2 >= len(list) && places == 0 {
				// A name no layer marked in a list of organisations is one
				// too: "Facebook, Twitter, and Instagram" (a platform is
				// none: "Java, Adobe Reader, Adobe Flash").
				for _, it := range list {
					if s.unclaimedName(text, ws, it, at) && !platformWords[ws[it[0]].lower] {
						found = append(found, pipeline.Entity{Start: ws[it[0]].start, End: ws[it[1]-1].end, Label: pipeline.LabelOrg, Source: "rule"})
					}
				}
				continue
			}
			if places < 2 || places*2 < len(list) {
				continue
			}
			for _, it := range list {
				if k := starting(ws, it[0]); k >= 0 && modelPerson(ents[k]) && !s.personalName(text, ws, it[0]) {
					found = append(found, pipeline.Entity{Start: ents[k].Start, End: ents[k].End, Label: pipeline.LabelGPE, Source: "rule"})
				} else if k >= 0 && gpes >= 2 && gpes*2 >= len(list) && ents[k].Label == pipeline.LabelLoc && ents[k].Source == "model" &&
					ents[k].ID == "" && ents[k].End == ws[it[1]-1].end {
					// The model's area in a list of towns is a town: "fired on
					// Tsyrkuny, Derhachi, Staryi Saltiv, and Kozacha Lopan".
					found = append(found, pipeline.Entity{Start: ents[k].Start, End: ents[k].End, Label: pipeline.LabelGPE, Source: "rule"})
				} else if places >= 3 && s.unclaimedName(text, ws, it, at) {
					// A name no layer marked in a list of places is one too:
					// "through Poliske, Kukhari, Borodyanka, Andriyivka".
					found = append(found, pipeline.Entity{Start: ws[it[0]].start, End: ws[it[1]-1].end, Label: pipeline.LabelGPE, Source: "rule"})
				}
			}
		}
	}
	for _, e := range ents {
		if !modelPerson(e) || !strings.HasPrefix(text[e.End:], ", ") {
			continue
		}
		ks := at.overlapping(e.End+2, e.End+3)
		k := slices.IndexFunc(ks, func(k int) bool {
			g := ents[k]
			return g.Start == e.End+2 && g.Label == pipeline.LabelGPE && g.Source == "gazetteer" && (g.Kind == "country" || g.Kind == "territory" || g.Kind == "admin1")
		})
		if k < 0 {
			continue
		}
		rest := text[ents[ks[k]].End:]
		r, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || strings.ContainsRune(";.)", r) ||
			strings.HasPrefix(rest, ", ") && len(rest) > 2 && unicode.IsLower(rune(rest[2])) && !strings.HasPrefix(rest, ", and ") {
			found = append(found, pipeline.Entity{Start: e.Start, End: e.End, Label: pipeline.LabelGPE, Source: "rule"})
		}
	}
	return overrule(text, ents, found, func(pipeline.Entity) bool { return false })
}

// unclaimedName reports whether list item it (words it[0] to it[1]-1) is
// one or two capitalised name words that no entity overlaps, no common
// word and no person's name by the name lists.
func (s *Stage) unclaimedName(text string, ws []word, it [2]int, at *spanIndex) bool {
	if it[1]-it[0] < 1 || it[1]-it[0] > 2 || len(at.overlapping(ws[it[0]].start, ws[it[1]-1].end)) > 0 || s.personalName(text, ws, it[0]) {
		return false
	}
	if it[1] < len(ws) && ws[it[1]].start == ws[it[1]-1].end && !strings.ContainsAny(ws[it[1]].lower, ",.;:)") ||
		it[0] > 0 && ws[it[0]-1].end == ws[it[0]].start && !strings.ContainsAny(ws[it[0]-1].lower, "(") {
		return false // "Vest" of "Vest-Agder": part of a longer token
	}
	for _, w := range ws[it[0]:it[1]] {
		if !w.upper || !isNameWord(text, w) || s.isCommon(w) || isAcronym(text[w.start:w.end]) {
			return false
		}
	}
	return true
}

// personalName reports whether word i opens a person's name by the name
// lists: a listed given name before a space, or a listed name alone ("Al"
// of "Al-Minya" opens none).
func (s *Stage) personalName(text string, ws []word, i int) bool {
	kind := s.gaz.names[ws[i].lower]
	if kind == 0 {
		return false
	}
	next := i+1 < len(ws) && ws[i+1].start == ws[i].end
	return !next && (kind&models.NameGiven != 0 || i+1 >= len(ws) || !isNameWord(text, ws[i+1]))
}

// hyphenatedAmericans joins a nationality and "American(s)" after it into
// one people: "African Americans", "Mexican American voters" (the
// nationalities of a hyphenated identity, which style guides write open),
// and so does "Native" before it ("Native Americans").
func hyphenatedAmericans(text string, ents []pipeline.Entity) []pipeline.Entity {
	oneWord := func(e pipeline.Entity) bool { return e.Label == pipeline.LabelNORP && !strings.Contains(e.Text, " ") }
	american := func(e pipeline.Entity) bool { return e.Text == "American" || e.Text == "Americans" }
	byStart := map[int]int{}
	for i, e := range ents {
		if oneWord(e) {
			byStart[e.Start] = i
		}
	}
	if len(byStart) == 0 {
		return ents
	}
	for i := range ents {
		a := &ents[i]
		if !oneWord(*a) {
			continue // (or taken by the nationality before it: Label "")
		}
		if j, ok := byStart[a.End+1]; ok && text[a.End] == ' ' && american(ents[j]) && ents[j].Label != "" {
			a.End = ents[j].End
			ents[j].Label = "" // dropped below
		} else if american(*a) && strings.HasSuffix(text[:a.Start], "Native ") {
			a.Start -= len("Native ") // "Native Americans"
		} else {
			continue
		}
		a.Text, a.ID, a.Name, a.Kind, a.Source = text[a.Start:a.End], "", "", "", "rule"
	}
	return slices.DeleteFunc(ents, func(e pipeline.Entity) bool { return e.Label == "" })
}
