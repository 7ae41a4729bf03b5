package entities

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// maxAbbrevWords bounds the words of an area's abbreviation: "N.W.T." is six.
const maxAbbrevWords = 6

// abbrevAt returns the areas the abbreviation starting at word i names and
// the index of its last word: the longest form of the list written there
// ("N.J.", "Ga.", "Qld"), or nil.
func abbrevAt(text string, ws []word, i int, forms map[string][]models.AdminAbbrev) ([]models.AdminAbbrev, int) {
	var areas []models.AdminAbbrev
	last := -1
	for k := i; k < len(ws) && k-i < maxAbbrevWords; k++ {
		if k > i && ws[k].start != ws[k-1].end {
			break // one written unit, no space inside
		}
		if a, ok := forms[text[ws[i].start:ws[k].end]]; ok {
			areas, last = a, k
		}
	}
	if areas == nil {
		return nil, -1
	}
	if r, _ := utf8.DecodeRuneInString(text[ws[last].end:]); isWordRune(r) {
		return nil, -1 // "NSWs"
	}
	return areas, last
}

// areaAbbrevs makes a first-level area's abbreviation after a town and a
// comma, or in parentheses after a named town, a GPE ("Macon, Ga.",
// "Paterson, N.J.", "Cairns, Qld", "Las Vegas (NV)"), and the town
// a GPE when nothing named it and the form is no bare code ("Innisfail,
// Qld", not "Smith, MD"); a form that names its area on its own ("NSW") is
// a GPE anywhere. The entity carries the area's GeoNames id when the form
// names one area. What claimed part of the form gives way ("J." of "N.J."
// is no person); a longer name holding it stands ("NSW Health").
func (s *Stage) areaAbbrevs(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	forms, err := models.AdminAbbrevs()
	if err != nil {
		return ents // the list is embedded: TestAdminAbbrevs fails first
	}
	at := newSpanIndex(ents)
	var found []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i < len(ws); i++ {
			if !ws[i].upper || i > 0 && ws[i].start == ws[i-1].end && text[ws[i-1].start:ws[i-1].end] != "(" {
				continue
			}
			areas, last := abbrevAt(text, ws, i, forms)
			if areas == nil {
				continue
			}
			form := text[ws[i].start:ws[last].end]
			if slices.ContainsFunc(at.overlapping(ws[i].start, ws[last].end), func(k int) bool {
				e := ents[k]
				return e.Start <= ws[i].start && ws[last].end <= e.End && e.End-e.Start > len(form)
			}) {
				continue // "NSW Health"
			}
			afterTown := i >= 2 && text[ws[i-1].start:ws[i-1].end] == "," && ws[i-1].start == ws[i-2].end
			// "Las Vegas (NV)", "Kansas City (MO)": the area in parentheses
			// after the town, as lists of places write it.
			inParens := i >= 2 && text[ws[i-1].start:ws[i-1].end] == "(" && ws[i-1].start == ws[i-2].end+1 && text[ws[i-2].end] == ' ' &&
				last+1 < len(ws) && text[ws[last+1].start:ws[last+1].end] == ")" && ws[last+1].start == ws[last].end
			town := -1 // the entity that ends at the word before the comma or parenthesis
			if afterTown || inParens {
				for _, k := range at.overlapping(ws[i-2].start, ws[i-2].end) {
					if ents[k].End == ws[i-2].end && (ents[k].Label == pipeline.LabelGPE || ents[k].Label == pipeline.LabelLoc) {
						town = k
					}
				}
			}
			written := strings.Contains(form, ".") || areas[0].Alone // no bare code ("MD", "OR")
			switch {
			case town >= 0:
				if ents[town].Label == pipeline.LabelLoc && ents[town].Source == "model" {
					ents[town].Label = pipeline.LabelGPE // a town with its state is a city ("Macon, Ga.")
				}
			case afterTown && written && isNameWord(text, ws[i-2]):
				// An unnamed town: up to three capitalised words before the comma.
				first := i - 2
				for first > 0 && i-2-first < 2 && isNameWord(text, ws[first-1]) && spaced(text, ws, first-1, first) {
					first--
				}
				if len(at.overlapping(ws[first].start, ws[i-2].end)) > 0 {
					continue
				}
				found = append(found, pipeline.Entity{Start: ws[first].start, End: ws[i-2].end, Label: pipeline.LabelGPE, Source: "rule"})
			case !areas[0].Alone:
				continue
			}
			e := pipeline.Entity{Start: ws[i].start, End: ws[last].end, Label: pipeline.LabelGPE, Source: "rule"}
			if len(areas) == 1 {
				e.ID, e.Name, e.Kind = models.GeoNamesID(areas[0].ID), areas[0].Name, "admin1"
			}
			found = append(found, e)
			i = last
		}
	}
	return overrule(text, ents, found, func(e pipeline.Entity) bool { return false })
}

// extendNameAbbrevs widens a place that is only an abbreviation that
// begins place names (models.NameAbbrevs: "St.", "Mt."; the model stops
// after "St.") over the capitalised words after it, with a
// possessive ("St. Peter's Square"), and drops it when none follows.
func extendNameAbbrevs(text string, spans []pipeline.Sentence, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	for i := range ents {
		e := &ents[i]
		if models.NameAbbrevs[e.Text] == "" || labelClass(e.Label) != "place" {
			continue
		}
		end := e.End
		for n := 0; n < 3; n++ {
			at := end
			if possessiveAfter(text, end) {
				// "Peter's": the possessive joins the name when a capitalised word follows it
				at = end + len("'s")
				if text[end] != '\'' {
					at = end + len("’s")
				}
			}
			w, ok := spacedWordAfter(text, spans, sentences, at)
			if !ok || !isNameWord(text, w) {
				break
			}
			end = w.end
		}
		if end == e.End {
			e.Label = ""
			continue
		}
		e.End, e.Text, e.ID, e.Name, e.Kind = end, text[e.Start:end], "", "", ""
	}
	return slices.DeleteFunc(ents, func(e pipeline.Entity) bool { return e.Label == "" })
}

// codeVerbs put a programming language after "in": "written in Delphi".
var codeVerbs = set("written coded developed compiled programmed implemented rewritten")

// areaNouns put a town after "of": "the area of Esperance", "the outskirts
// of Kherson".
var areaNouns = set("area outskirts suburb suburbs vicinity environs center centre east west north south")

// adminNouns follow an administrative area's name in lower case: "Zamfara
// state", "Binh Phuoc province", "the Kherson region".
var adminNouns = set("province provinces state county prefecture governorate oblast district districts region municipality department")

// areasBeforeNouns makes GPEs of the unclaimed capitalised names (one to
// three words) right before a lower-case administrative noun that GeoNames
// lists as an administrative area (or, before "region" or "district", as
// any place): the provinces and counties too small for the gazetteer that
// the model missed ("in Binh Phuoc province", "Nueva Ecija province").
// The noun is left out of the name, as a lower-case word.
func areasBeforeNouns(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	var places *models.Places
	at := newSpanIndex(ents)
	var found []pipeline.Entity
	for _, ws := range sentences {
		for k := 1; k < len(ws); k++ {
			if ws[k].upper || !ws[k].is(clsAdminNoun) {
				continue
			}
			i := k
			for i > 0 && k-i < 3 && isNameWord(text, ws[i-1]) && spaced(text, ws, i-1, i) {
				i--
			}
			if i == k || i == 0 && k-i == 1 || len(at.overlapping(ws[i].start, ws[k-1].end)) > 0 {
				continue // no name, a sentence's first word alone, or one a layer named
			}
			if places == nil {
				p, err := models.LoadPlaces()
				if err != nil {
					return ents // embedded: TestLoadPlaces fails first
				}
				places = p
			}
			name := text[ws[i].start:ws[k-1].end]
			anyPlace := ws[k].lower == "region" || ws[k].lower == "district" || ws[k].lower == "districts"
			if !slices.ContainsFunc(places.Lookup(models.PlaceKey(name)), func(p models.Posting) bool {
				return anyPlace || p.Kind == models.KindAdmin1 || p.Kind == models.KindAdmin2
			}) {
				continue
			}
			found = append(found, pipeline.Entity{Start: ws[i].start, End: ws[k-1].end, Text: name, Label: pipeline.LabelGPE, Source: "rule"})
		}
	}
	return append(ents, found...)
}

// linkedCountries returns the place table and the countries the places
// that ents link lie in (indexes into its Countries); none without a table.
func linkedCountries(ents []pipeline.Entity) (*models.Places, map[int]bool) {
	places, err := models.LoadPlaces()
	if err != nil {
		return nil, nil // embedded: TestLoadPlaces fails first
	}
	countries := map[int]bool{}
	for _, e := range ents {
		if p, ok := places.Linked(e.ID); ok {
			countries[places.CountryOf(p)] = true
		}
	}
	return places, countries
}

// listsNameWord reports whether the name lists hold a word of name as a
// given name or surname.
func (s *Stage) listsNameWord(name string) bool {
	return slices.ContainsFunc(strings.Fields(name), func(w string) bool { return s.gaz.names[foldWord(w)] != 0 })
}

// townPreps put a place after them: "storms hit Innisfail", "near Siversk",
// "towards Slovyansk via Raihorodok".
var townPreps = map[string]bool{"in": true, "near": true, "at": true, "from": true, "to": true, "outside": true,
	"around": true, "towards": true, "toward": true, "via": true}

// townsAfterPrepositions makes GPEs of the unclaimed capitalised names (one
// to three words) after a preposition of place, a verb of war that takes a
// place or a noun of one and "of" ("captured Soledar", "the capture of
// Soledar") that GeoNames lists as a populated place in a country the
// document's linked places lie in ("in Innisfail" in a report that names
// Queensland, "near Bilohorivka" in one that names Ukraine): the towns too
// small for the gazetteer that the model missed. The model's persons and places (LOC) that are such towns
// become GPEs too. After a verb of writing code the name is a language
// ("written in Delphi"). (The document-level test for threat reporting is
// too coarse for this: outbreak news writes "samples" and "infected".)
func (s *Stage) townsAfterPrepositions(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	places, countries := linkedCountries(ents)
	if len(countries) == 0 {
		return ents
	}
	inCountry := func(name string) bool {
		return slices.ContainsFunc(places.Lookup(models.PlaceKey(name)), func(p models.Posting) bool {
			return p.Kind == models.KindPlace && countries[places.CountryOf(p)]
		})
	}
	// The model's person that is such a town and has no listed name in it
	// is the town ("aircraft bombed Bukhlichi", "near Barvinkove"), unless
	// a full name of the document ends in it ("Danilov" after "Oleksiy
	// Danilov").
	surnamed := fullNameSurnames(ents)
	var startsAt map[int]pipeline.Entity // built for the first model person that is a town
	for i := range ents {
		e := &ents[i]
		if e.Source != "model" || len(e.Text) < 4 || !inCountry(e.Text) {
			continue
		}
		switch e.Label {
		case pipeline.LabelPerson:
			// A town named like a person before its state or country
			// is the town: "Janet Evans of Marion, Ohio".
			if startsAt == nil {
				startsAt = make(map[int]pipeline.Entity, len(ents))
				for _, x := range ents {
					startsAt[x.Start] = x
				}
			}
			q, ok := startsAt[e.End+2]
			qualified := ok && strings.HasPrefix(text[e.End:], ", ") && q.Label == pipeline.LabelGPE && q.Source == "gazetteer" &&
				(q.Kind == "admin1" || q.Kind == "country") && !strings.Contains(e.Text, " ") && placeIn(places, e.Text, q.ID)
			if !qualified && (surnamed[e.Text] || s.listsNameWord(e.Text)) {
				continue
			}
		case pipeline.LabelLoc:
			// A town is a GPE (ENTITY_GUIDELINES); "the Oskil", "the
			// Dnipro" after an article are rivers of a town's name.
			if before := strings.TrimRight(text[max(0, e.Start-5):e.Start], " "); strings.HasSuffix(strings.ToLower(before), "the") {
				continue
			}
		default:
			continue
		}
		e.Label = pipeline.LabelGPE
	}
	at := newSpanIndex(ents)
	var found []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i+1 < len(ws); i++ {
			// "the area of Esperance", "the capture of Soledar", "captured Soledar"
			prep := ws[i].is(clsTownPrep) || ws[i].lower == "of" && i > 0 && (ws[i-1].is(clsAreaNoun) || ofPlaceNouns[ws[i-1].lower]) || placeVerbs[ws[i].lower]
			if !prep || ws[i].upper && i > 0 || !spaced(text, ws, i, i+1) || i > 0 && codeVerbs[ws[i-1].lower] {
				continue // lower case, or a sentence's first word ("Near Ayn Isa, one strike"); not "written in Delphi"
			}
			end := i + 1
			for end < len(ws) && end-i <= 3 && isNameWord(text, ws[end]) && (end == i+1 || spaced(text, ws, end-1, end)) {
				end++
			}
			if end == i+1 || end-i > 3 || end < len(ws) && spaced(text, ws, end-1, end) && ws[end].upper {
				continue // no name, or a longer one
			}
			// A word the lists know as anything else, a name or a day is
			// no town here ("in English", "from Chambers", "on Thursday").
			first := ws[i+1]
			if determiners[first.lower] || end == i+2 && (first.gaz != 0 || s.commonNoun(first) || s.gaz.names[first.lower] != 0 ||
				calendarWord(first.lower)) {
				continue
			}
			start, stop := first.start, ws[end-1].end
			if len(at.overlapping(start, stop)) > 0 {
				continue
			}
			if inCountry(text[start:stop]) {
				found = append(found, pipeline.Entity{Start: start, End: stop, Label: pipeline.LabelGPE, Source: "rule", Text: text[start:stop]})
			}
			i = end - 1
		}
		// A hyphen joins two towns ("the Lysychansk-Siversk area"): an
		// unclaimed name word beside a town, that GeoNames lists in a
		// country the document names, is the other (ENTITY_GUIDELINES
		// split such compounds).
		for i := 0; i+2 < len(ws); i++ {
			if !joinHyphen(text, ws, i+1) {
				continue
			}
			for _, k := range [2][2]int{{i, i + 2}, {i + 2, i}} { // [town, other]
				town, other := ws[k[0]], ws[k[1]]
				if !isNameWord(text, other) || len(at.overlapping(other.start, other.end)) > 0 ||
					slices.ContainsFunc(found, func(f pipeline.Entity) bool { return f.Start == other.start }) {
					continue
				}
				if !slices.ContainsFunc(at.overlapping(town.start, town.end), func(x int) bool {
					return ents[x].Label == pipeline.LabelGPE && ents[x].Start == town.start && ents[x].End == town.end
				}) {
					continue
				}
				if name := text[other.start:other.end]; inCountry(name) && s.gaz.names[other.lower] == 0 {
					found = append(found, pipeline.Entity{Start: other.start, End: other.end, Label: pipeline.LabelGPE, Source: "rule", Text: name})
				}
			}
		}
	}
	// The towns other rules found (after "the village of", "toward") echo
	// as these do.
	seeds := found
	for _, e := range ents {
		if e.Source == "rule" && e.Label == pipeline.LabelGPE && inCountry(e.Text) {
			seeds = append(seeds[:len(seeds):len(seeds)], e)
		}
	}
	return append(ents, townEchoes(text, sentences, ents, found, seeds)...)
}

// placeIn reports whether GeoNames lists a populated place called name in
// the admin1 area or country whose id is area.
func placeIn(places *models.Places, name, area string) bool {
	a, ok := places.Linked(area)
	if !ok {
		return false
	}
	return slices.ContainsFunc(places.Lookup(models.PlaceKey(name)), func(p models.Posting) bool {
		if p.Kind != models.KindPlace {
			return false
		}
		if a.Kind == models.KindAdmin1 {
			return int(places.Places[p.Index].Admin1) == a.Index
		}
		return a.Kind == models.KindCountry && places.CountryOf(p) == a.Index
	})
}

// townEchoes adds to the towns found after prepositions their other
// mentions in the document that no entity holds, as a name alone: a
// report names its town once after "in" and then as "Esperance residents"
// (one sense per discourse). A one-word town next to another capitalised
// word is part of a longer name there, or a person's. seeds holds found and
// the towns other rules found.
func townEchoes(text string, sentences [][]word, ents, found, seeds []pipeline.Entity) []pipeline.Entity {
	towns := map[string]bool{}
	for _, e := range seeds {
		if !strings.ContainsAny(e.Text, " -") {
			towns[e.Text] = true
		}
	}
	if len(towns) == 0 {
		return found
	}
	at := newSpanIndex(slices.Concat(ents, found))
	out := found
	for _, ws := range sentences {
		for k, w := range ws {
			before, after := capitalsBeside(text, ws, k)
			if !towns[text[w.start:w.end]] || len(at.overlapping(w.start, w.end)) > 0 || before || after ||
				w.start > 0 && strings.ContainsRune("-/@_.", rune(text[w.start-1])) || w.end < len(text) && (text[w.end] == '-' || text[w.end] == '/') {
				continue
			}
			out = append(out, pipeline.Entity{Start: w.start, End: w.end, Label: pipeline.LabelGPE, Source: "rule", Text: text[w.start:w.end]})
		}
	}
	return out
}
