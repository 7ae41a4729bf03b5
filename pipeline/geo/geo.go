// Package geo owns place resolution: it gives each GPE, LOC and FAC entity a
// GeoNames place with coordinates, feature code and admin chain, chosen by
// the document's context (the countries and admin areas it names), cues in
// the name ("Kherson Oblast", "Kherson City") and population, and gives the
// record its focus (main country and admin area). A name with no plausible
// place stays unresolved.
package geo

import (
	"context"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// Stage is the geo stage; safe for concurrent use.
type Stage struct {
	load    func() (*models.Places, error)
	common  map[string]bool // English words written in lower case ("reading", "mobile")
	regions map[string]models.RegionPoint
}

// New returns the stage. common lists English words that are also place
// names (such a name needs a link or context to resolve); regions gives the
// points of the lexicon's named regions (continents, seas) by id.
func New(common map[string]bool, regions map[string]models.RegionPoint) *Stage {
	return &Stage{load: models.LoadPlaces, common: common, regions: regions}
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "geo" }

func isPlace(label string) bool {
	return label == pipeline.LabelGPE || label == pipeline.LabelLoc || label == pipeline.LabelFac
}

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *pipeline.Document) error {
	doc.Focus = nil
	any := false
	for i := range doc.Entities {
		doc.Entities[i].Geo = nil
		any = any || isPlace(doc.Entities[i].Label)
	}
	if !any {
		return nil
	}
	t, err := s.load()
	if err != nil {
		return err
	}
	r := &resolver{t: t, common: s.common, countries: map[uint8]int{}, admin1: map[int32]int{}, near: -1}
	// The context: what the linked entities (and demonyms) say the document is about.
	linked := make([]*models.Posting, len(doc.Entities))
	keys := make([]string, len(doc.Entities))     // folded names of place and demonym entities
	byName := map[string]map[models.Posting]int{} // linked entries by folded name, with their mentions
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if !isPlace(e.Label) && e.Label != pipeline.LabelNORP {
			continue
		}
		keys[i] = models.PlaceKey(e.Text)
		if p, ok := r.t.Linked(e.ID); ok {
			linked[i] = &p
			r.note(p, 1)
			if byName[keys[i]] == nil {
				byName[keys[i]] = map[models.Posting]int{}
			}
			byName[keys[i]][p]++
		} else if p, ok := r.partOf(e.Text); ok {
			r.note(p, 1) // "South West England" is about England
		}
	}
	// A name is not its own context: "Savannah" linked to Ghana's region
	// must not count Ghana for itself, nor may its other mentions ("Luga"
	// twice, both linked to Senegal's Louga). (Counted once per entry: a
	// name mentioned n times cost n^2.)
	// Nor is the town reading of the qualifier written after it ("Surrey"
	// of "Guildford, Surrey", which the lists link to the Canadian city):
	// the qualifier picks among the name's candidates by the areas it
	// names, and its own reading as a town must not outvote that. (Only a
	// qualifier that names a second-level area and no province or country:
	// "Lyman, Donetsk Oblast" keeps its town, which is context for the
	// oblast.)
	areaList := make([]bool, len(doc.Entities)) // featureCue's: the name opens a list a plural area noun ends
	resolveAt := func(i int, admin, city, inAreaList bool) *pipeline.Geo {
		e := doc.Entities[i]
		q := qualifierAfter(doc.Text, e.End)
		if i+1 < len(doc.Entities) && doc.Entities[i+1].Start == e.End+2 && q != "" {
			q = doc.Entities[i+1].Text // "OR" of "Portland, OR and", the words after it aside
		}
		same := []map[models.Posting]int{byName[keys[i]]}
		if qk := models.PlaceKey(q); q != "" && qk != keys[i] && countyOnly(r.t.Lookup(qk)) {
			towns := map[models.Posting]int{} // its readings as a town; a country or area it names is context
			for p, n := range byName[qk] {
				if p.Kind == models.KindPlace {
					towns[p] = n
				}
			}
			same = append(same, towns)
		}
		for _, m := range same {
			for p, n := range m {
				r.note(p, -n)
			}
		}
		g := r.resolve(e.Text, linked[i], admin, city, inAreaList, q)
		for _, m := range same {
			for p, n := range m {
				r.note(p, n)
			}
		}
		return g
	}
	nearA1, nearSent := int32(-1), -1
	for i := range doc.Entities {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		e := &doc.Entities[i]
		coordinated := false
		if i > 0 {
			prev := doc.Entities[i-1]
			if p, ok := r.t.Linked(geoID(prev.Geo)); ok {
				if _, a1, _ := r.chain(p); a1 >= 0 {
					nearA1, nearSent = a1, doc.SentenceAt(prev.Start)
				}
			}
			coordinated = prev.End <= e.Start && listJoint.MatchString(doc.Text[prev.End:e.Start])
		}
		// (Not for the next item of a list: "Omaha, New York", "Dallas,
		// Denver, El Paso" name places of several areas.)
		if sent := doc.SentenceAt(e.Start); sent >= 0 && sent == nearSent && !coordinated {
			r.near = nearA1
		} else {
			r.near = -1
		}
		if pt, ok := s.regions[e.ID]; ok {
			e.Geo = &pipeline.Geo{ID: e.ID, Lat: pt.Lat, Lon: pt.Lon, Feature: "RGN", Score: 1, Candidates: 1}
			continue
		}
		if strings.HasPrefix(e.ID, "sitrep:") || isPlace(e.Label) && partial(doc.Text, e.Start, e.End) {
			continue // a region without a point, a self-declared state; or part of a longer name
		}
		if i > 0 && isPlace(e.Label) && doc.Entities[i-1].Geo != nil && doc.Entities[i-1].End+2 == e.Start &&
			doc.Text[e.Start-2:e.Start] == ", " {
			// A qualifier after a town: "Perth, WA" and "Seattle, WA" are the
			// area of the town's country; "Guildford, Surrey" is the area of
			// this name that holds the town, over a larger town of the name
			// (Surrey, BC).
			prev := doc.Entities[i-1].Geo
			if e.ID == "" {
				if g := r.areaIn(r.abbrevAreas(e.Text), prev.Country); g != nil {
					e.Geo = g
					continue
				}
			}
			if g := r.holding(e.Text, prev); g != nil {
				e.Geo = g
				continue
			}
		}
		if isPlace(e.Label) {
			var admin, city bool
			admin, city, areaList[i] = featureCue(doc.Text, e.Start, e.End)
			e.Geo = resolveAt(i, admin, city, areaList[i])
		}
	}
	r.listContext(doc.Text, doc.Entities, func(i int) *pipeline.Geo { return resolveAt(i, true, false, false) })
	for i := range doc.Entities {
		r.linkArea(&doc.Entities[i], areaList[i])
	}
	doc.Focus = r.focus(doc.Entities)
	return nil
}

// geoID is g's id, or "" for none.
func geoID(g *pipeline.Geo) string {
	if g == nil {
		return ""
	}
	return g.ID
}

// listJoint matches what joins two items of a list: ", ", " and ", ", and ",
// after a parenthesis too ("San Jose (CA), San Juan").
var listJoint = regexp.MustCompile(`^\)?\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or)\s+)$`)

// featureCue reads the words around a place name that say what kind of
// place it is: "Washington state", "the state of Washington", "the province
// of Kunar" ask for an admin area; "the city of Kherson", "Kherson city"
// for a town. (Cues inside the name, "Kherson Oblast", are resolve's.) A
// list that a plural area noun ends makes every name of it an area
// (areaList: "Kharkiv, Donetsk, and Luhansk Oblasts").
func featureCue(text string, start, end int) (admin, city, areaList bool) {
	after := text[end:]
	if i := strings.IndexFunc(after, func(r rune) bool { return !unicode.IsLetter(r) && r != ' ' }); i >= 0 {
		after = after[:i]
	}
	if f := strings.Fields(after); len(f) > 0 {
		w := f[0]
		if w == strings.ToLower(w) && len(after) > 0 && after[0] == ' ' {
			admin, city = adminWords[w], cityWords[w]
		}
	}
	if before, ok := strings.CutSuffix(strings.TrimRight(text[max(0, start-24):start], " "), " of"); ok {
		w := before[strings.LastIndexByte(before, ' ')+1:]
		admin, city = admin || adminWords[w], city || cityWords[w]
	}
	if pluralAreaAfter.MatchString(text[end:min(len(text), end+80)]) {
		return true, false, true // "Donetsk and Luhansk Oblasts": both are oblasts
	}
	return admin && !city, city && !admin, false
}

// pluralAreaAfter matches the rest of a list of names that a plural area
// noun ends: " and Luhansk Oblasts", ", Kherson, and Zaporizhia oblasts",
// ", Luhansk Oblasts".
var pluralAreaAfter = regexp.MustCompile(`^(?:,\s+\p{Lu}[\p{L}'’-]+)*(?:,?\s+and\s+|,\s+)\p{Lu}[\p{L}'’-]+\s+(?i:oblasts|provinces|governorates|raions|counties|states)\b`)

// qualifierAfter returns the capitalised words after ", " that follows a
// place name ("Wisconsin" in "Lebanon, Wisconsin, and"), or "".
func qualifierAfter(text string, end int) string {
	rest, ok := strings.CutPrefix(text[end:min(len(text), end+48)], ", ")
	if !ok {
		return ""
	}
	i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != ' ' && r != '.' })
	if i >= 0 {
		rest = rest[:i]
	}
	return strings.TrimSpace(rest)
}

// qualifiedAreas returns the first-level and second-level areas q names
// ("Wisconsin" of "Lebanon, Wisconsin", "Surrey" of "Guildford, Surrey,
// UK"), looked up once per name resolved.
func (r *resolver) qualifiedAreas(q string) (a1s, a2s map[int32]bool) {
	if q == "" {
		return nil, nil
	}
	for _, p := range slices.Concat(r.t.Lookup(models.PlaceKey(q)), r.abbrevAreas(q)) {
		switch p.Kind {
		case models.KindAdmin1:
			if a1s == nil {
				a1s = map[int32]bool{}
			}
			a1s[int32(p.Index)] = true
		case models.KindAdmin2:
			if a2s == nil {
				a2s = map[int32]bool{}
			}
			a2s[int32(p.Index)] = true
		}
	}
	return a1s, a2s
}

// listContext revisits places named in a list ("Oregon, Utah, Washington
// and Wisconsin", "Washington, Pennsylvania and California"): when most of
// a town's neighbours in the list are first-level areas of one country, the
// town's name is that country's area of the name too, if it has one.
func (r *resolver) listContext(text string, ents []pipeline.Entity, asArea func(i int) *pipeline.Geo) {
	var places []int
	for i, e := range ents {
		if isPlace(e.Label) {
			places = append(places, i)
		}
	}
	joined := func(a, b pipeline.Entity) bool {
		if a.End > b.Start {
			return false
		}
		switch text[a.End:b.Start] {
		case ", ", " and ", ", and ", " or ", ", or ":
			return true
		}
		return false
	}
	for k, i := range places {
		e := &ents[i]
		if e.Geo == nil || !strings.HasPrefix(e.Geo.Feature, "PPL") {
			continue
		}
		admin1, others := map[string]int{}, 0
		for _, d := range []int{-2, -1, 1, 2} {
			j := k + d
			if j < 0 || j >= len(places) {
				continue
			}
			lo, hi := min(k, j), max(k, j)
			chain := true
			for m := lo; m < hi; m++ {
				chain = chain && joined(ents[places[m]], ents[places[m+1]])
			}
			if !chain {
				continue
			}
			if g := ents[places[j]].Geo; g != nil && g.Feature == "ADM1" {
				admin1[g.Country]++
			} else {
				others++
			}
		}
		if len(admin1) == 0 {
			continue
		}
		if g := asArea(i); g != nil && g.Feature == "ADM1" && admin1[g.Country] > others {
			e.Geo = g
		}
	}
}

type resolver struct {
	t         *models.Places
	common    map[string]bool
	countries map[uint8]int // country index -> mentions
	admin1    map[int32]int // admin1 index -> mentions
	// near is the first-level area of the last place resolved in the
	// sentence being read, or -1: "in Michigan ... near the Mouillee game
	// area in Monroe County" is Michigan's county of the name, though the
	// document names a town in Iowa as often.
	near int32
}

// abbrevAreas returns the first-level areas form abbreviates as written
// ("N.J.", "WA": Washington and Western Australia), or nil.
func (r *resolver) abbrevAreas(form string) []models.Posting {
	forms, err := models.AdminAbbrevs()
	if err != nil {
		return nil // the list is embedded: TestAdminAbbrevs fails first
	}
	var out []models.Posting
	for _, a := range forms[form] {
		if p, ok := r.t.ByID(a.ID); ok && p.Kind == models.KindAdmin1 {
			out = append(out, p)
		}
	}
	return out
}

// compassForms pairs each compass noun with its adjective, both ways.
var compassForms = map[string]string{"north": "Northern", "south": "Southern", "east": "Eastern", "west": "Western",
	"northern": "North", "southern": "South", "eastern": "East", "western": "West"}

// directed finds a name the table lacks that begins with a compass word:
// the area written with the other form ("South Darfur" is GeoNames'
// "Southern Darfur"), else the town after the word ("East Mosul" lies in
// Mosul). The rest alone is no area: "North Eastern Province" is not the
// Eastern Province.
func (r *resolver) directed(name string) []models.Posting {
	first, rest, ok := strings.Cut(name, " ")
	other, compass := compassForms[strings.ToLower(first)]
	if !ok || !compass || rest == "" {
		return nil
	}
	var out []models.Posting
	for _, p := range r.t.Lookup(models.PlaceKey(other + " " + rest)) {
		if p.Kind == models.KindAdmin1 || p.Kind == models.KindAdmin2 {
			out = append(out, p)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, p := range r.t.Lookup(models.PlaceKey(rest)) {
		if p.Kind == models.KindPlace {
			out = append(out, p)
		}
	}
	return out
}

// partOf returns the one country or first-level area that a name of
// compass words and a listed area names a part of ("South West England",
// "West Kasai"), for context only.
func (r *resolver) partOf(name string) (models.Posting, bool) {
	rest, n := name, 0
	for {
		first, after, ok := strings.Cut(rest, " ")
		if _, compass := compassForms[strings.ToLower(first)]; !ok || !compass {
			break
		}
		rest, n = after, n+1
	}
	if n == 0 {
		return models.Posting{}, false
	}
	var found []models.Posting
	for _, p := range r.t.Lookup(models.PlaceKey(rest)) {
		if p.Kind == models.KindCountry || p.Kind == models.KindAdmin1 {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		return models.Posting{}, false
	}
	return found[0], true
}

// areaIn returns the one area of areas that lies in country (ISO code), or nil.
func (r *resolver) areaIn(areas []models.Posting, country string) *pipeline.Geo {
	var in []models.Posting
	for _, a := range areas {
		if co, _, _ := r.chain(a); r.t.Countries[co].ISO == country && r.hasPoint(a) {
			in = append(in, a)
		}
	}
	if len(in) != 1 {
		return nil
	}
	return r.geo(in[0], minScore, math.Inf(-1), len(areas))
}

// countyOnly reports whether postings hold a second-level area and no
// first-level area or country.
func countyOnly(ps []models.Posting) bool {
	county := false
	for _, p := range ps {
		switch p.Kind {
		case models.KindAdmin1, models.KindCountry:
			return false
		case models.KindAdmin2:
			county = true
		}
	}
	return county
}

// holding returns the first- or second-level area called name that holds
// the place g, or nil.
func (r *resolver) holding(name string, g *pipeline.Geo) *pipeline.Geo {
	cands := r.t.Lookup(models.PlaceKey(name))
	for _, c := range cands {
		var a models.Admin
		var ref *pipeline.AdminRef
		switch c.Kind {
		case models.KindAdmin1:
			a, ref = r.t.Admin1[c.Index], g.Admin1
		case models.KindAdmin2:
			a, ref = r.t.Admin2[c.Index], g.Admin2
		default:
			continue
		}
		if ref != nil && ref.ID == models.GeoNamesID(a.ID) && r.hasPoint(c) {
			return r.geo(c, minScore, math.Inf(-1), len(cands))
		}
	}
	return nil
}

// chain is where an entry lies: its country and admin areas (-1 for none).
func (r *resolver) chain(p models.Posting) (country uint8, a1, a2 int32) {
	switch p.Kind {
	case models.KindPlace:
		g := r.t.Places[p.Index]
		return g.Country, g.Admin1, g.Admin2
	case models.KindAdmin1:
		a := r.t.Admin1[p.Index]
		return a.Country, int32(p.Index), -1
	case models.KindAdmin2:
		a := r.t.Admin2[p.Index]
		return a.Country, a.Admin1, int32(p.Index)
	}
	return uint8(p.Index), -1, -1
}

// linkArea links a name written with its area noun ("Zaporizhia oblasts",
// "Nikopol Raion"), or listed before a plural one (areaList: "Mykolaiv" of
// "Mykolaiv, Kherson, and Zaporizhia oblasts"), to the area it resolved
// to: the gazetteer had linked the town of the name, or nothing.
func (r *resolver) linkArea(e *pipeline.Entity, areaList bool) {
	g := e.Geo
	if g == nil || g.ID == e.ID || g.Feature != "ADM1" && g.Feature != "ADM2" || e.ID != "" && !strings.HasPrefix(e.ID, "geonames:") {
		return
	}
	i := strings.LastIndexByte(e.Text, ' ')
	if !(i >= 0 && adminWords[strings.ToLower(e.Text[i+1:])] || areaList) {
		return
	}
	p, ok := r.t.Linked(g.ID)
	if !ok || !isArea(p) {
		return
	}
	e.ID = g.ID
	if p.Kind == models.KindAdmin1 {
		e.Name, e.Kind = r.t.Admin1[p.Index].Name, "admin1"
	} else {
		e.Name, e.Kind = r.t.Admin2[p.Index].Name, "admin2"
	}
}

// isArea reports whether p is a first- or second-level area.
func isArea(p models.Posting) bool { return p.Kind == models.KindAdmin1 || p.Kind == models.KindAdmin2 }

// provincesOf adds to towns' postings the first-level area each lies in
// when the area is named as the town is (their names open with the same
// five letters): a town's name before an area noun names its province.
func (r *resolver) provincesOf(cands []models.Posting, town string) []models.Posting {
	out := cands
	t := models.PlaceKey(town)
	for _, c := range cands {
		if c.Kind != models.KindPlace {
			continue
		}
		_, a1, _ := r.chain(c)
		if a1 < 0 {
			continue
		}
		p := models.Posting{Kind: models.KindAdmin1, Index: int(a1)}
		if a := models.PlaceKey(r.t.Admin1[a1].Name); !contains(out, p) && len(a) >= 5 && len(t) >= 5 && a[:5] == t[:5] {
			out = append(out, p)
		}
	}
	return out
}

// note adds (n = 1) or takes back (n = -1) an entry's country and admin
// area to the document's context.
func (r *resolver) note(p models.Posting, n int) {
	c, a1, _ := r.chain(p)
	r.countries[c] += n
	if a1 >= 0 {
		r.admin1[a1] += n
	}
}

// Qualifiers after a name: the feature kind they ask for.
var (
	adminWords = map[string]bool{"oblast": true, "province": true, "governorate": true, "region": true, "krai": true,
		"raion": true, "district": true, "county": true, "state": true, "prefecture": true, "municipality": true,
		"oblasts": true, "provinces": true}
	cityWords = map[string]bool{"city": true, "town": true, "village": true}
)

// resolve chooses the place a name refers to, or nil.
// cueAdmin and cueCity carry a cue around the name (featureCue): softer
// than one inside it, and never against a country ("Syria state media");
// with areaList, a town's name there names its province too.
// qualifier is the name after a comma that follows it ("Wisconsin" of
// "Lebanon, Wisconsin"), or "".
func (r *resolver) resolve(text string, linked *models.Posting, cueAdmin, cueCity, areaList bool, qualifier string) *pipeline.Geo {
	name := strings.TrimSpace(text)
	if low := strings.ToLower(name); strings.HasPrefix(low, "the ") {
		name = name[4:]
	}
	wantAdmin, wantCity, base := false, false, name
	key := models.PlaceKey(name)
	cands := r.t.Lookup(key)
	if len(cands) == 0 {
		cands = r.abbrevAreas(name) // "WA" after "Perth,"
	}
	if len(cands) == 0 {
		cands = r.directed(name)
	}
	if first, rest, ok := strings.Cut(name, " "); len(cands) == 0 && ok && models.NameAbbrevs[first] != "" {
		cands = r.t.Lookup(models.PlaceKey(models.NameAbbrevs[first] + " " + rest)) // "St. Marc" is GeoNames' "Saint-Marc"
	}
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		last := strings.ToLower(name[i+1:])
		if adminWords[last] || cityWords[last] {
			wantAdmin, wantCity, base = adminWords[last], cityWords[last], name[:i]
			if len(cands) == 0 {
				cands = r.t.Lookup(models.PlaceKey(name[:i]))
			}
		}
	}
	if linked != nil && !contains(cands, *linked) {
		cands = append(cands, *linked)
	}
	if (wantAdmin || areaList) && !slices.ContainsFunc(cands, isArea) {
		cands = r.provincesOf(cands, base) // "Zaporizhia oblasts": GeoNames spells the province "Zaporizhzhia", the city both ways
	}
	if len(cands) == 0 || directions[key] || !startsUpper(name) {
		return nil // "Western", "Central", "North": a direction, not a place
	}
	// A country of this name ("Lebanon") is what the name means unless the
	// town's state follows it ("Lebanon, Wisconsin"); a first-level area
	// ("England", "Ontario") unless the document names the state or
	// province of a town that shares it.
	country := slices.ContainsFunc(cands, func(c models.Posting) bool { return c.Kind == models.KindCountry && r.hasPoint(c) })
	admin1 := slices.ContainsFunc(cands, func(c models.Posting) bool { return c.Kind == models.KindAdmin1 && r.hasPoint(c) })
	qualified, qualified2 := r.qualifiedAreas(qualifier)
	// The near area's own name ("Veracruz ... (Veracruz)") is that area,
	// no town in it.
	near := r.near
	if slices.ContainsFunc(cands, func(c models.Posting) bool { return c.Kind == models.KindAdmin1 && int32(c.Index) == near }) {
		near = -1
	}
	best, second, bestScore := -1, math.Inf(-1), math.Inf(-1)
	for i, c := range cands {
		if !r.hasPoint(c) {
			continue
		}
		sc := r.score(c, wantAdmin, wantCity)
		switch isArea := c.Kind == models.KindAdmin1 || c.Kind == models.KindAdmin2; {
		case cueAdmin && isArea, cueCity && c.Kind == models.KindPlace:
			sc += 2
		case cueAdmin && c.Kind == models.KindPlace, cueCity && isArea:
			sc -= 3
		}
		if _, a1, a2 := r.chain(c); qualified[a1] || a2 >= 0 && qualified2[a2] {
			sc += 3 // "Portland, ME", "Guildford, Surrey": the area written after the town outweighs a larger namesake
		} else if c.Kind == models.KindPlace && !wantCity && !cueCity && r.t.Places[c.Index].Pop < 100000 &&
			(country || admin1 && (a1 < 0 || r.admin1[a1] == 0)) {
			sc -= 3
		}
		if linked != nil && c == *linked {
			sc += 0.5 // the gazetteer's choice, made on its own ranks
		}
		if _, a1, _ := r.chain(c); near >= 0 && a1 == near && !country && (c.Kind == models.KindAdmin2 || c.Kind == models.KindPlace && !wantAdmin && !cueAdmin) {
			sc += 1 // the area of the last place the sentence named
		}
		if r.common[key] && !strings.Contains(key, " ") && (linked == nil || c != *linked) {
			sc -= 3 // "Reading", "Mobile": a word first
		}
		if co, _, _ := r.chain(c); len(key) <= 4 && c.Kind != models.KindCountry && r.countries[co] == 0 {
			sc -= 2 // "Grad", "Hola", "Tak": short names are words or codes elsewhere; they need their country named
		}
		if sc > bestScore {
			second, bestScore, best = bestScore, sc, i
		} else if sc > second {
			second = sc
		}
	}
	if best < 0 || bestScore < minScore {
		return nil
	}
	return r.geo(cands[best], bestScore, second, len(cands))
}

// startsUpper reports whether a name is capitalised: "northeast" written
// in lower case is a direction whatever the entity stage made of it.
func startsUpper(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// directions are words that name a place only inside a longer name.
var directions = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true, "upper": true, "lower": true, "greater": true, "island": true,
	"valley": true, "new": true, "north east": true, "north west": true, "south east": true, "south west": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true, "middle": true, "far": true}

// partial reports whether [start, end) is the tail of a longer name: a
// name particle right before it ("Ceamurlia de Jos" is not Jos). A
// capitalised neighbour is no sign: "US Centers for Disease Control" and
// "Queensland Health" still name the US and Queensland.
func partial(text string, start, _ int) bool {
	before := strings.TrimRight(text[:start], " ")
	if len(before) == start || before == "" {
		return false
	}
	w := before[strings.LastIndexAny(before, " \n\t(\"")+1:]
	return particles[strings.ToLower(w)]
}

var particles = map[string]bool{"de": true, "del": true, "la": true, "le": true, "van": true, "von": true, "al": true, "el": true, "di": true, "da": true}

// minScore is the least a choice must score: a place of 100,000 people
// anywhere (a seat of 15,000), a village of 500 in a country the document
// names.
const minScore = 5

func contains(ps []models.Posting, p models.Posting) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func (r *resolver) hasPoint(p models.Posting) bool {
	switch p.Kind {
	case models.KindAdmin1:
		return r.t.Admin1[p.Index].HasPoint
	case models.KindAdmin2:
		return r.t.Admin2[p.Index].HasPoint
	case models.KindCountry:
		return r.t.Countries[p.Index].HasPoint
	}
	return true
}

// score ranks a candidate: its size (population, or its level for admin
// areas and countries), its feature, and whether the document names its
// country and admin area.
func (r *resolver) score(p models.Posting, wantAdmin, wantCity bool) float64 {
	var sc float64
	switch p.Kind {
	case models.KindPlace:
		g := r.t.Places[p.Index]
		sc = math.Log10(float64(g.Pop) + 10)
		switch r.t.Features[g.Feature] {
		case "PPLC":
			sc += 2
		case "PPLA":
			sc += 1.2
		case "PPLA2":
			sc += 0.5
		}
		if wantAdmin {
			sc -= 3
		}
	case models.KindAdmin1:
		sc = 6
		if wantCity {
			return math.Inf(-1)
		}
		if wantAdmin {
			sc += 2
		}
	case models.KindAdmin2:
		sc = 4
		if wantCity {
			return math.Inf(-1)
		}
		if wantAdmin {
			sc += 2
		}
	case models.KindCountry:
		sc = 9
		if wantCity || wantAdmin {
			return math.Inf(-1)
		}
	}
	c, a1, _ := r.chain(p)
	if n := r.countries[c]; n > 0 {
		sc += 2.5 + 0.5*float64(min(n, 4))
	}
	if n := r.admin1[a1]; a1 >= 0 && n > 0 {
		// The document names places in this area (or the area itself):
		// "Atlanta, Georgia" makes Georgia the state.
		sc += 1.5
		if p.Kind == models.KindAdmin1 {
			sc += 0.5
		}
	}
	return sc
}

// geo describes the chosen entry. score is how far the choice beat the next
// candidate (a logistic of the score margin): 1 when nothing competed.
func (r *resolver) geo(p models.Posting, best, second float64, n int) *pipeline.Geo {
	g := &pipeline.Geo{Candidates: n, Score: 1}
	if !math.IsInf(second, -1) {
		g.Score = math.Round(1/(1+math.Exp(second-best))*1000) / 1000
	}
	c, a1, a2 := r.chain(p)
	var lat, lon float32
	switch p.Kind {
	case models.KindPlace:
		pl := r.t.Places[p.Index]
		g.ID, g.Feature, lat, lon = models.GeoNamesID(pl.ID), r.t.Features[pl.Feature], pl.Lat, pl.Lon
	case models.KindAdmin1:
		a := r.t.Admin1[p.Index]
		g.ID, g.Feature, lat, lon = models.GeoNamesID(a.ID), "ADM1", a.Lat, a.Lon
		a1 = -1 // an area is not its own parent
	case models.KindAdmin2:
		a := r.t.Admin2[p.Index]
		g.ID, g.Feature, lat, lon = models.GeoNamesID(a.ID), "ADM2", a.Lat, a.Lon
		a2 = -1
	case models.KindCountry:
		co := r.t.Countries[p.Index]
		g.ID, g.Feature, lat, lon = models.GeoNamesID(co.ID), "PCLI", co.Lat, co.Lon
	}
	g.Lat, g.Lon = round5(lat), round5(lon)
	g.Country = r.t.Countries[c].ISO
	if a1 >= 0 {
		a := r.t.Admin1[a1]
		g.Admin1 = &pipeline.AdminRef{ID: models.GeoNamesID(a.ID), Name: a.Name}
	}
	if a2 >= 0 {
		a := r.t.Admin2[a2]
		g.Admin2 = &pipeline.AdminRef{ID: models.GeoNamesID(a.ID), Name: a.Name}
	}
	return g
}

// round5 keeps 5 decimals (about a metre), as GeoNames gives them.
func round5(v float32) float64 { return math.Round(float64(v)*1e5) / 1e5 }

// focus is the country most of the resolved places lie in, and within it
// the admin area most of them lie in.
func (r *resolver) focus(ents []pipeline.Entity) *pipeline.Focus {
	countries := map[string]int{}
	admins := map[string]map[pipeline.AdminRef]int{}
	for _, e := range ents {
		g := e.Geo
		if g == nil || g.Country == "" {
			continue
		}
		countries[g.Country]++
		a := g.Admin1
		if g.Feature == "ADM1" {
			a = &pipeline.AdminRef{ID: g.ID, Name: e.Text}
			if p, ok := r.t.Linked(g.ID); ok && p.Kind == models.KindAdmin1 {
				a.Name = r.t.Admin1[p.Index].Name
			}
		}
		if a != nil {
			if admins[g.Country] == nil {
				admins[g.Country] = map[pipeline.AdminRef]int{}
			}
			admins[g.Country][*a]++
		}
	}
	best, n := "", 0
	for c, k := range countries {
		if k > n || k == n && c < best {
			best, n = c, k
		}
	}
	if best == "" {
		return nil
	}
	f := &pipeline.Focus{Country: best}
	var top pipeline.AdminRef
	n = 0
	for a, k := range admins[best] {
		if k > n || k == n && a.ID < top.ID {
			top, n = a, k
		}
	}
	if n > 0 {
		f.Admin1 = &top
	}
	return f
}
