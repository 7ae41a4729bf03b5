package entities

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// Organisations that no list holds, found by their shape:
//   - institutions named by a head noun: "Department of Health", "US
//     Department of Commerce", "Federal Bureau of Investigation", "Philippine
//     Overseas Employment Administration", "National College of Nepal";
//   - a name introduced by an apposition: "Kaseya, an IT management
//     software firm, ..." makes every "Kaseya" of the document an ORG.

// orgHeads end or govern an institution's name.
var orgHeads = map[string]bool{"department": true, "bureau": true, "ministry": true, "office": true, "agency": true,
	"administration": true, "commission": true, "directorate": true, "council": true, "university": true,
	"college": true, "institute": true, "corporation": true, "corp": true, "inc": true, "ltd": true, "gmbh": true, "llc": true,
	"committee": true, "authority": true, "fund": true, "board": true, "foundation": true, "association": true,
	"organization": true, "organisation": true, "society": true, "center": true, "centre": true, "centers": true, "centres": true,
	"court": true, "parliament": true, "assembly": true, "party": true, "movement": true}

// endsCompany reports whether a folded word ends a company's name: a
// designator ("AG", "Inc") or a name built on one ("KeyCorp").
func endsCompany(w string) bool {
	return companyDesignators[w] || w == "ag" || w == "plc" || w == "sa" || w == "nv" || w == "co" || strings.HasSuffix(w, "corp")
}

// ofNames begin company names that go on with "of": "Bank of America
// Corp.", "Bank of New York Mellon Corp".
var ofNames = map[string]bool{"bank": true, "banks": true, "company": true, "trust": true, "insurance": true}

// companyDesignators end a company's registered name.
var companyDesignators = map[string]bool{"inc": true, "ltd": true, "corp": true, "llc": true, "gmbh": true}

var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "its": true, "their": true}

// appositionNouns say what kind of organisation an apposition describes.
var appositionNouns = map[string]bool{"company": true, "firm": true, "vendor": true, "provider": true,
	"developer": true, "maker": true, "manufacturer": true, "organization": true, "organisation": true,
	"agency": true, "university": true, "bank": true, "corporation": true, "conglomerate": true, "operator": true}

// findOrgs returns institution names (source "rule") and, for names
// introduced by an apposition, an alias table that claims every mention.
func (s *Stage) findOrgs(text string, sentences [][]word, cti bool) ([]pipeline.Entity, *aliasTable) {
	var out []pipeline.Entity
	apposed := &aliasTable{byWord: map[string]pipeline.Entity{}, alone: map[string]bool{}}
	// claim makes words st..en a company: a one-word one wherever it
	// stands alone in the document, a longer one here.
	claim := func(ws []word, st, en int) {
		e := pipeline.Entity{Start: ws[st].start, End: ws[en].end, Text: text[ws[st].start:ws[en].end], Label: pipeline.LabelOrg, Source: "rule"}
		if st < en {
			out = append(out, e)
		} else if _, seen := apposed.byWord[e.Text]; !seen {
			apposed.byWord[e.Text], apposed.alone[e.Text] = e, true
		}
	}
	for _, ws := range sentences {
		for i := 0; i < len(ws); i++ {
			k := radioName(text, ws, i)
			if k < 0 {
				k = s.newspaperName(text, ws, i)
			}
			if k > i {
				out = append(out, pipeline.Entity{Start: ws[i].start, End: ws[k].end, Text: text[ws[i].start:ws[k].end],
					Label: pipeline.LabelOrg, Source: "rule"})
				i = k
				continue
			}
			st, en, ok := s.company(text, ws, i)
			if !ok {
				st, en, ok = s.institution(text, ws, i, cti)
			}
			if ok {
				out = append(out, pipeline.Entity{Start: ws[st].start, End: ws[en].end, Text: text[ws[st].start:ws[en].end],
					Label: pipeline.LabelOrg, Source: "rule"})
				i = en
				continue
			}
			if k, label := s.dubbed(text, ws, i); k >= 0 {
				w := ws[k]
				e := pipeline.Entity{Start: w.start, End: w.end, Text: text[w.start:w.end], Label: label, Source: "rule"}
				if _, seen := apposed.byWord[e.Text]; !seen {
					apposed.byWord[e.Text] = e
				}
				continue
			}
			if items := s.examplesOf(text, ws, i); len(items) > 0 {
				for _, it := range items { // "companies such as Spotify, Tesla, Uber and Snapchat"
					claim(ws, it[0], it[1])
				}
				continue
			}
			if k := s.companyContext(text, ws, i); k > i {
				claim(ws, i, k-1) // "an Aeroflot spokesman", "shares of Boeing"
				i = k - 1
				continue
			}
			if s.apposition(text, ws, i) {
				w := ws[i]
				e := pipeline.Entity{Start: w.start, End: w.end, Text: text[w.start:w.end], Label: pipeline.LabelOrg, Source: "rule"}
				if _, seen := apposed.byWord[e.Text]; !seen {
					apposed.byWord[e.Text] = e
				}
			}
		}
	}
	return out, apposed
}

// radioName returns the last word of a broadcaster's name opening at word
// i ("Radio Liberty", "Radio Free Europe", "Radio Pyongyang"), or -1: the
// town or the word after "Radio" names the station, no place or person.
// Inside a longer name ("All India Radio Network") it opens none.
func radioName(text string, ws []word, i int) int {
	if before, _ := capitalsBeside(text, ws, i); ws[i].lower != "radio" || !ws[i].upper || i+1 >= len(ws) || !spaced(text, ws, i, i+1) ||
		!isNameWord(text, ws[i+1]) || before {
		return -1
	}
	k := i + 1
	for k+1 < len(ws) && k-i < 3 && spaced(text, ws, k, k+1) && isNameWord(text, ws[k+1]) {
		k++
	}
	return k
}

// newspaperHeads end a newspaper's name after the town or country it is
// named for ("Washington Post", "Moscow Times", "Chicago Tribune").
var newspaperHeads = set("post times tribune herald gazette chronicle telegraph globe journal")

// joiners go on with a name after a newspaper's head.
var joiners = set("and & of")

// newspaperName returns the last word of a newspaper's name opening at word
// i, or -1: a listed place of one to three words, then a capitalised
// newspaper head ("New York Post", "Bangkok Post"); the place is no place
// there. Inside a longer name ("Daily Jerusalem Post") it opens none.
func (s *Stage) newspaperName(text string, ws []word, i int) int {
	if !ws[i].upper || ws[i].gaz == 0 { // (a listed place's first word has a node of the trie)
		return -1
	}
	if before, _ := capitalsBeside(text, ws, i); before {
		return -1
	}
	for j := i; j < i+3 && j+1 < len(ws) && spaced(text, ws, j, j+1); j++ {
		h := ws[j+1]
		if newspaperHeads[h.lower] && isNameWord(text, h) && s.listedSpan(ws, i, j+1, isPlaceEntry) {
			if _, after := capitalsBeside(text, ws, j+1); after || j+3 < len(ws) && joiners[ws[j+2].lower] && ws[j+3].upper {
				return -1 // "Guangdong Post and Telecommunications Administration": a longer name
			}
			return j + 1
		}
		if !ws[j+1].upper {
			break
		}
	}
	return -1
}

// institution matches an institution's name whose head is word h >= i:
// capitalised words, the head, then optionally "of" and capitalised words
// ("and" or "&" may join two of them). It returns the first and last word.
func (s *Stage) institution(text string, ws []word, i int, cti bool) (int, int, bool) {
	capital := func(k int) bool {
		// A common word opening the sentence is no evidence of a name, unless
		// it opens a listed one ("New York University").
		return k < len(ws) && isCapitalised(text, ws[k]) && !(k == 0 && s.gaz.common[ws[k].lower] && !(len(ws) > 1 && s.listedSpan(ws, 0, 2, anyEntry))) &&
			!determiners[ws[k].lower]
	}
	// "Service" heads a state's institution ("Federal Security Service")
	// outside CTI, where it is a product ("Managed Service", "Remote
	// Desktop Service").
	// "Church" heads a church's name ("Russian Orthodox Church", "Church
	// of England"), and "Secretariat" a treaty's or body's ("Antarctic Treaty
	// Secretariat"); they are no model clue, which orgHeads are.
	// "Company" heads a company's name after another capitalised word ("the
	// East India Company", "Ford Motor Company"); alone it is a word.
	head := func(k int) bool {
		return orgHeads[ws[k].lower] || !cti && ws[k].lower == "service" || ws[k].lower == "church" || ws[k].lower == "secretariat" ||
			ws[k].lower == "company" && k > i && !(i >= 2 && isInitial(text, ws, i-2)) || // ("Thomas Y. Crowell Company" is the person rule's)
			k > i && s.registeredForm(text, ws, i, k) >= 0 || ofHead(text, ws, k)
	}
	// A hyphen joins two capitalised words of the name: "Non-Aligned
	// Movement", "Association of South-East Asian Nations".
	hyphen := func(k int) bool {
		return joinHyphen(text, ws, k) && capital(k+1)
	}
	if !capital(i) || i > 0 && ws[i].start == ws[i-1].end && ws[i-1].lower == "-" {
		return 0, 0, false // (nor does a name start inside a hyphenated word)
	}
	h := i
	if d := dottedEnd(text, ws, i); d > i && d < len(ws) {
		h = d // "U.S. Treasury Department", as "US Department of Commerce"
	}
	for h < len(ws) && (capital(h) || h > i && (conjunction(ws[h].lower) && capital(h+1) || hyphen(h))) && !head(h) {
		h++
	}
	holderOf := false
	if n := holderOffice(ws, h); n > h && capital(n) && ws[n].lower == "office" {
		h, holderOf = n, true // "the DNR General Prosecutor’s Office", "Ukrainian President’s Office"
	}
	if h >= len(ws) || !capital(h) || !head(h) {
		return 0, 0, false
	}
	// A head before another names the second's kind: "Judicial Service
	// Commission", "Civil Service Commission".
	for h+1 < len(ws) && orgHeads[ws[h+1].lower] && capital(h+1) && spaced(text, ws, h, h+1) && ws[h].lower == "service" {
		h++
	}
	if h+1 < len(ws) && capital(h+1) && ws[h+1].is(clsFacilityHead) && spaced(text, ws, h, h+1) {
		return 0, 0, false // "Al Assad University Hospital": the facility's head decides
	}
	// "and" after a listed name joins two bodies, not two words of one:
	// "the Kremlin and Russian Ministry of Defense", "the White House and
	// Department of State".
	for c := i + 1; c < h; c++ {
		if conjunction(ws[c].lower) && s.listedBody(ws, i, c) {
			i = c + 1
		}
	}
	if ws[h].lower == "office" && !holderOf && (h+1 >= len(ws) || ws[h+1].lower != "of" && ws[h+1].lower != "for") {
		return 0, 0, false // "Microsoft Office" is a product; "Office of ..." an institution
	}
	if ws[h].lower == "company" {
		// A listed group's name before "Company" is the group's ("Wagner
		// Group Private Military Company"); a people after "and" opens
		// another name ("Subaru and South Korean Hyundai Motor Company");
		// a designator after it ends the name ("Wuxi Tong Ling Company Ltd").
		if i > 0 && capital(i-1) && spaced(text, ws, i-1, i) {
			return 0, 0, false // the name began before i, and was turned down there
		}
		isNORP := func(e models.GazEntry) bool { return e.Label == pipeline.LabelNORP }
		for c := i + 1; c < h; c++ {
			if s.listedSpan(ws, i, c, func(e models.GazEntry) bool { return e.Label == pipeline.LabelGroup }) {
				return 0, 0, false
			}
			if conjunction(ws[c].lower) && (s.listedSpan(ws, c+1, c+2, isNORP) || s.listedSpan(ws, c+1, c+3, isNORP)) {
				i = c + 1
			}
		}
		if h+1 < len(ws) && companyDesignators[ws[h+1].lower] && capital(h+1) && spaced(text, ws, h, h+1) {
			h++
		}
	}
	end := h
	if d := s.registeredForm(text, ws, i, h); d >= 0 && h > i {
		// A company's name ends in its designator ("Kia Motor Corp of South
		// Korea"), and one after "Bank of" began before it ("Bank of
		// America Corp.", whose first words this match cannot see); "of"
		// after a person is no part of it ("Lynn Reaser of Barnett Banks
		// Inc.").
		if i >= 2 && ws[i-1].lower == "of" && ofNames[ws[i-2].lower] {
			return 0, 0, false
		}
		if h-i == 1 && s.isCommon(ws[i]) && isUpperCase(text[ws[i].start:ws[i].end]) {
			return 0, 0, false // "managed IT AG": a common word in capitals names no company
		}
		// "and" joins two words of a company's name ("Black and Decker
		// Corp."), not two names ("KeyCorp and Banc One Corp.", "South
		// Korea and Black and Decker Corp."); "&" joins two words of one
		// ("European Aeronautic Defence & Space NV").
		for k := i + 1; k < h; k++ {
			if ws[k].lower == "and" && (k-i > 1 || endsCompany(ws[k-1].lower)) {
				i = k + 1
			}
		}
		if abbrevDesignators[ws[h].lower] && stopAfter(ws, h) {
			d++ // "Barnett Banks Inc.": the full stop is the abbreviation's
		}
		return i, d, true
	}
	// The tail: "of" or "for" and capitalised words ("Agency for International
	// Development"), one "and" between two of them
	// ("Health and Human Services", not "Health and Bureau of..."), one more
	// "of" ("Ministry of State Security of China"); no trailing acronym
	// ("Bureau of Customs CPRS").
	// A holder's name after the body ends it: "Head of the Ukrainian Joint
	// Press Center of the Tavrisk Direction Defense Forces Yevhen Yerin".
	holder := func(k int) bool {
		return s.gaz.names[ws[k].lower]&models.NameGiven != 0 && !s.isCommon(ws[k]) && capital(k+1) && !s.isCommon(ws[k+1])
	}
	// Nor does a role run on after "and": "Party of Germany and Chairman of
	// the Council of State" names a party and an office.
	// A head noun after a common word of the tail is part of its subject
	// ("Council for Civil Society and Human Rights", "Institute of Public
	// Administration"), unless "of" or "for" makes it a body of its own, the
	// word opens a second name after "and" ("Court of Appeal and Supreme
	// Court"), is an acronym ("of the US Department of Transportation") or
	// the head is the name's own ("Privy Council for Legislative Council
	// review").
	// The name's head again after "and" and a word opens a second body of
	// its kind: "Court of Appeal and Supreme Court".
	secondBody := func(k int) bool {
		return k+1 < len(ws) && capital(k+1) && ws[k+1].lower == ws[h].lower
	}
	first := -1 // the tail's first word
	tail := func(k int) bool {
		inner := first >= 0 && k > first && capital(k-1) && s.plainWord(ws[k-1].lower) && !head(k-1) && !ofHead(text, ws, k) &&
			// ("Department of Finance College of Business"; "Socialist Unity Party of Germany" goes on)
			!(k+1 < len(ws) && (ws[k+1].lower == "of" || ws[k+1].lower == "for") && !(k+2 < len(ws) && s.isPlace(ws[k+2]))) &&
			!conjunction(ws[k-2].lower) && !isAcronym(text[ws[k-1].start:ws[k-1].end]) && ws[k].lower != ws[h].lower
		return capital(k) && (!head(k) || inner) && !isAcronym(text[ws[k].start:ws[k].end]) && !holder(k) && !ws[k].is(clsRoleNoun)
	}
	// A committee, commission or council is named by its subject after "on"
	// ("Committee on the Peaceful Uses of Outer Space", "Council on Foreign
	// Relations"); "of", "for" and "on" may take "the" before the tail
	// ("Office for the Coordination of Humanitarian Affairs"), the first
	// only: "of the" after a tail opens another name ("National Institute
	// of Allergy and Infectious Diseases of the National Institutes of
	// Health", "Ministry of Health of the People's Republic of China"). A place, a
	// people or a day after "on" is what a body discussed or when ("the
	// Security Council on Syria", "on Tuesday").
	connective := func(k, hop int) int {
		if k+1 >= len(ws) {
			return 0
		}
		switch ws[k].lower {
		case "of", "for":
		case "on":
			if k-1 != h || !onHeads[ws[h].lower] {
				return 0
			}
		default:
			return 0
		}
		n := 1
		if ws[k+1].lower == "the" && hop == 0 {
			n = 2
		}
		if k+n >= len(ws) || !capital(k+n) {
			return 0
		}
		if t := ws[k+n]; ws[k].lower == "on" && (calendarWord(t.lower) || s.isDemonym(t) || s.isPlace(t)) {
			return 0
		}
		return n
	}
	for ofs := 0; ofs < 2 && end+2 < len(ws); ofs++ {
		n := connective(end+1, ofs)
		if n == 0 {
			break
		}
		before := end
		end += 1 + n
		first = end
		for end+1 < len(ws) {
			if hyphenTail(text, ws, end+1) {
				end += 2 // "Co-operation"
			} else if tail(end+1) || conjunction(ws[end+1].lower) && tail(end+2) && radioName(text, ws, end+2) < 0 && !secondBody(end+2) ||
				hyphen(end+1) && tail(end+2) && (utf8.RuneCountInString(ws[end].lower) <= 5 || hyphenPrefixes[ws[end].lower]) {
				// (after "of", a hyphen joins a prefix-like word only:
				// "South-East", "Non-Aligned"; "Ministry of State
				// Security-Affiliated Cyber Threat Actor Activity" is a
				// headline running on; "Office of Counter-Terrorism")
				end++
			} else {
				break
			}
		}
		if n == 2 && (!s.isCommon(ws[end]) && (s.model == nil || !s.model.plain[ws[end].lower]) || isAcronym(text[ws[end].start:ws[end].end]) && end+1 < len(ws) && capital(end+1) && head(end+1)) {
			// A subject after "the" ends in a common word, or one the
			// model's training text writes in lower case ("the Peaceful
			// Uses of Outer Space", "the Interior"); a name after it is
			// another name ("of the Rhône-Alpes", "of the Tavrisk Direction
			// Defense Forces Yevhen Yerin"), as is an acronym before a head
			// ("of the US Department of Transportation", not "Council of the
			// EU").
			end = before
			break
		}
		if secondBody(end) {
			// The name's head after the tail makes the tail another body's
			// name: "Privy Council for Legislative Council review".
			end = before
			break
		}
	}
	if end == i || end == h && ofHead(text, ws, h) {
		return 0, 0, false // a head noun alone ("Office") names nothing
	}
	if ofHead(text, ws, h) && (h > i && s.listedSpan(ws, i, h+1, anyEntry) || i > 0 && capital(i-1) && spaced(text, ws, i-1, i) ||
		stateEnds[ws[end].lower] || possessiveAfter(text, ws[end].end)) {
		// The lists know the name before "of" ("Islamic Army" of Iraq, a
		// group), of which the head alone is no new name; a state's name
		// ends in "Republics" or "States" ("Union of Soviet Socialist
		// Republics"); a possessive goes on past the tail ("Congress of
		// People's Deputies"): the lists and the model decide.
		return 0, 0, false
	}
	return i, end, true
}

// stateEnds end the names of states.
var stateEnds = set("republic republics states emirates kingdom kingdoms")

// ofHeads govern a body's name only with what follows "of" or "for": "Union
// of Concerned Scientists", "Coalition for Change", "Front for the Liberation
// of Mozambique", "Voice of America". They are no model clue (orgHeads are),
// and alone, or before another head, they are common words or a longer
// name's ("European Union Agency for Cybersecurity"). An army's name is the
// unit rules' ("20th Combined Arms Army of the Western Military District" is
// two names); a headline in capitals runs on ("BAILEY IN FRONT OF").
var ofHeads = set("union coalition alliance front league federation confederation congress conference voice brotherhood")

// ofHead reports whether word k is one of ofHeads, capitalised but not in
// capitals, before "of" or "for".
func ofHead(text string, ws []word, k int) bool {
	return ofHeads[ws[k].lower] && k+1 < len(ws) && (ws[k+1].lower == "of" || ws[k+1].lower == "for") &&
		ws[k].upper && !isUpperCase(text[ws[k].start:ws[k].end])
}

// holderOffice returns the index after an office-holder's possessive at
// word k ("’s" or "'s" written against a role noun, or against "General"
// after one: "Prosecutor’s", "Prosecutor General’s", "Commandant’s"), or k.
func holderOffice(ws []word, k int) int {
	if k < 1 || k+1 >= len(ws) || ws[k].lower != "’" && ws[k].lower != "'" || ws[k].start != ws[k-1].end ||
		ws[k+1].lower != "s" || ws[k+1].start != ws[k].end {
		return k
	}
	holder := ws[k-1].lower
	if holder == "general" && k >= 2 {
		holder = ws[k-2].lower
	}
	if !ws[k-1].upper || !roleNouns[holder] && holder != "commandant" {
		return k
	}
	return k + 2
}

// onHeads are the institutions named by their subject after "on".
var onHeads = set("committee commission council")

// listedBody reports whether the lists hold words [p, c) for some p >= i,
// ending right before c, as an organisation, group or state.
func (s *Stage) listedBody(ws []word, i, c int) bool {
	for p := i; p < c; p++ {
		n, ok := ws[p].gaz, ws[p].gaz != 0
		for k := p + 1; ok && k < c; k++ {
			n, ok = s.gaz.step(n, ws[k].lower)
		}
		if ok && slices.ContainsFunc(s.gaz.hitsAt(n), func(h hit) bool {
			l := s.gaz.entries[h.entry].Label
			return labelClass(l) == "org" || l == pipeline.LabelGPE
		}) {
			return true
		}
	}
	return false
}

// hyphenPrefixes are the longer prefix-like words a hyphen joins to a
// capitalised word inside an institution's name.
var hyphenPrefixes = set("counter inter trans multi super cross")

// hyphenTail reports whether word k is a hyphen inside one capitalised
// word, the rest in lower case: "Co-operation", "Self-defense".
func hyphenTail(text string, ws []word, k int) bool {
	return joinHyphen(text, ws, k) && ws[k-1].upper && isLowerWord(text[ws[k+1].start:ws[k+1].end])
}

// dottedEnd returns the index after a dotted abbreviation of capitals that
// starts at word i ("U.S.", "U.K."), or i.
func dottedEnd(text string, ws []word, i int) int {
	k := i
	for k+1 < len(ws) && len(ws[k].lower) == 1 && ws[k].upper && ws[k+1].lower == "." && ws[k+1].start == ws[k].end &&
		(k == i || ws[k].start == ws[k-1].end) {
		k += 2
	}
	if k-i < 4 {
		return i // one letter and a stop is an initial
	}
	return k
}

// conjunction reports whether w joins two words of a name: "and" or "&"
// ("Ministry of Information Technology & Telecommunication").
func conjunction(w string) bool { return w == "and" || w == "&" }

// company matches a company's registered name ending in "Co., Ltd."
// ("Co.,Ltd", "Co. Limited"), the form Chinese and other Asian companies
// register under and CTI reports quote: words from a capitalised one at
// i, lower-case words allowed inside ("Haining shengdun Network
// Information Technology Co., Ltd"), up to the designator and the full
// stop of its abbreviation. It returns the first and last word.
func (s *Stage) company(text string, ws []word, i int) (int, int, bool) {
	if !isCapitalised(text, ws[i]) || determiners[ws[i].lower] || functionWords[ws[i].lower] {
		return 0, 0, false
	}
	for k := i + 1; k < len(ws) && k-i <= 8; k++ {
		if end := designatorEnd(ws, k); end >= 0 {
			return i, end, true
		}
		if !isCapitalised(text, ws[k]) && (!isLowerWord(ws[k].lower) || functionWords[ws[k].lower]) {
			break
		}
	}
	return 0, 0, false
}

// designatorEnd returns the last word of "Co[.][,] Ltd[.]" or "Co[.][,]
// Limited" starting at word k, or -1.
func designatorEnd(ws []word, k int) int {
	if ws[k].lower != "co" {
		return -1
	}
	j := k + 1
	for _, p := range []string{".", ","} {
		if j < len(ws) && ws[j].lower == p {
			j++
		}
	}
	if j >= len(ws) || ws[j].lower != "ltd" && ws[j].lower != "limited" {
		return -1
	}
	if ws[j].lower == "ltd" && stopAfter(ws, j) {
		return j + 1
	}
	return j
}

// abbrevDesignators are the designators written as abbreviations with a
// full stop ("Inc.", "Corp.", "Ltd."); "GmbH." and "AG." end a sentence.
var abbrevDesignators = set("inc corp ltd")

// foreignDesignators end the registered names of companies outside the
// English-speaking world and of British ones, as written: "Siemens AG",
// "Pirelli SpA", "Telefonica S.A.", "Philips N.V.", "Nokia Oyj",
// "Barclays PLC". Case tells them from words ("plc" is both).
var foreignDesignators = set("AG PLC plc SpA S.p.A. SA S.A. NV N.V. BV B.V. AB ASA Oyj Pty LLP L.L.C. S.A.S. S.L.")

// placeCodes are foreign designators that are also the postal codes of
// states and provinces ("Las Vegas NV", "Calgary AB") or abbreviate a
// country or an office ("SA", "Texas AG"): after a listed place they are
// the place's.
var placeCodes = set("AG SA NV BV AB")

// registeredForm returns the last word of the company designator that
// starts at word k, after the name that opens at word i ("Inc", "GmbH",
// "S.p.A."), or -1.
func (s *Stage) registeredForm(text string, ws []word, i, k int) int {
	w := ws[k]
	if companyDesignators[w.lower] {
		return k
	}
	if !w.upper || w.end-w.start > 4 {
		return -1
	}
	// A dotted form is letters and full stops written together.
	j := k
	for j+1 < len(ws) && j-k < 7 && ws[j+1].start == ws[j].end && (ws[j+1].lower == "." || ws[j].lower == "." && len(ws[j+1].lower) == 1) {
		j++
	}
	for ; j >= k; j-- {
		form := text[w.start:ws[j].end]
		if !foreignDesignators[form] {
			continue
		}
		if placeCodes[form] && s.listedSpan(ws, i, k, isPlaceEntry) {
			return -1 // "Las Vegas NV"
		}
		if j > k && j+1 < len(ws) && spaced(text, ws, j, j+1) && isNameWord(text, ws[j+1]) {
			return -1 // "Admiral N.V. Smith": a dotted form before a name is a person's initials
		}
		return j
	}
	return -1
}

// stopAfter reports whether a full stop is attached to word k: an
// abbreviation's ("Ltd.", "Inc.").
func stopAfter(ws []word, k int) bool {
	return k+1 < len(ws) && ws[k+1].lower == "." && ws[k+1].start == ws[k].end
}

// apposition reports whether word i is a name followed by ", a/an ... X,"
// where X is an organisation noun within six words.
func (s *Stage) apposition(text string, ws []word, i int) bool {
	if i+3 >= len(ws) || ws[i+1].lower != "," || !isNameWord(text, ws[i]) || s.isCommon(ws[i]) {
		return false
	}
	if before, _ := capitalsBeside(text, ws, i); before {
		return false // the last word of a longer name ("the United Nations, a diverse organization") names nothing alone
	}
	if s.isPlace(ws[i]) || s.isDemonym(ws[i]) {
		return false // "Venezuela, a founder of the Organization of Petroleum Exporting Countries": a country described
	}
	if a := ws[i+2].lower; a != "a" && a != "an" {
		return false
	}
	// The apposition's head comes before its first preposition: "Lewis W.
	// Teperman, a doctor at New York University" describes a doctor.
	return nounAhead(ws, i+3, i+8, appositionNouns, ",", ".", ";", "at", "of", "in", "for", "with", "from", "who", "which", "that")
}

// examplePlurals are kinds of organisation whose examples follow: "firms
// such as", "media outlets like", "banks including".
var examplePlurals = set("companies firms corporations banks carriers airlines vendors manufacturers retailers brands " +
	"platforms giants conglomerates insurers lenders automakers carmakers providers contractors outlets newspapers " +
	"broadcasters agencies organizations organisations institutions charities universities multinationals")

// examplesOf returns the examples (first and last word) that follow a kind
// of organisation at word i and "such as", "like" or "including": runs of
// capitalised words (hyphen-joined ones too) parted by commas, "and", "or".
// A run that is a listed place, nationality or person, opens with a
// possessive or is a common word is no example, and ends the list.
func (s *Stage) examplesOf(text string, ws []word, i int) [][2]int {
	if !examplePlurals[ws[i].lower] || ws[i].upper && i > 0 {
		return nil
	}
	k := i + 1
	switch {
	case k+1 < len(ws) && ws[k].lower == "such" && ws[k+1].lower == "as":
		k += 2
	case k < len(ws) && (ws[k].lower == "like" || ws[k].lower == "including"):
		k++
	default:
		return nil
	}
	var out [][2]int
	for k < len(ws) {
		if ws[k].lower == "the" && !ws[k].upper {
			k++
		}
		st := k
		if k = nameRun(text, ws, k); k == st {
			break
		}
		if k+1 < len(ws) && ws[k].lower == "of" && !ws[k].upper && spaced(text, ws, k-1, k) && spaced(text, ws, k, k+1) && isCapitalised(text, ws[k+1]) {
			k = nameRun(text, ws, k+1) // "the League of Arab States", "the Bank of England"
		}
		if k-st == 1 && (s.isCommon(ws[st]) || s.isPlace(ws[st]) || s.isDemonym(ws[st]) || s.listedAs(ws[st], pipeline.LabelPerson)) ||
			k < len(ws) && (ws[k].lower == "'" || ws[k].lower == "’") {
			break
		}
		out = append(out, [2]int{st, k - 1})
		switch {
		case k < len(ws) && (ws[k].lower == "and" || ws[k].lower == "or"):
			k++
		case k+1 < len(ws) && ws[k].lower == "," && (ws[k+1].lower == "and" || ws[k+1].lower == "or"):
			k += 2
		case k < len(ws) && ws[k].lower == ",":
			k++
		default:
			return out
		}
	}
	return out
}

// nameRun returns the end of the run of capitalised words that starts at
// word k, spaced or joined by a hyphen or "&" ("Harley-Davidson", "AT&T",
// "Procter & Gamble"), or k when word k is not capitalised.
func nameRun(text string, ws []word, k int) int {
	if k >= len(ws) || !isCapitalised(text, ws[k]) {
		return k
	}
	for k++; k < len(ws); {
		if j := k + 1; j < len(ws) && isCapitalised(text, ws[j]) && (ws[k].lower == "-" || ws[k].lower == "&") &&
			(ws[k].start == ws[k-1].end && ws[j].start == ws[k].end || ws[k].lower == "&" && spaced(text, ws, k-1, k) && spaced(text, ws, k, j)) {
			k += 2 // "Harley-Davidson", "AT&T", "Procter & Gamble"
			continue
		}
		if isCapitalised(text, ws[k]) && spaced(text, ws, k-1, k) {
			k++
			continue
		}
		break
	}
	return k
}

// companyContext returns the end of a company's name opening at word i
// that the words around it show to be a company, or i: "A Harley-Davidson
// spokeswoman said", "Boeing's shareholders", "shares of Petofi". The name
// is no listed place, nationality, person, group or leader, no common word
// alone, and no part of a longer name.
func (s *Stage) companyContext(text string, ws []word, i int) int {
	if before, _ := capitalsBeside(text, ws, i); before && !determiners[ws[i-1].lower] ||
		i > 0 && (ws[i-1].end == ws[i].start || ws[i-1].lower == "&" || ws[i-1].lower == "-") || determiners[ws[i].lower] {
		return i // inside a longer name or a hyphenated word ("Procter & Gamble"); "A" opening a sentence
	}
	k := nameRun(text, ws, i)
	// "opposition outlet The Insider", "the newspaper The Guardian": a
	// kind noun and the name's own article, which the span leaves out
	// (ENTITY_GUIDELINES); the name may be a common word.
	kindThe := i >= 2 && ws[i-1].lower == "the" && ws[i-1].upper && orgKindNouns[ws[i-2].lower] && !ws[i-2].upper &&
		spaced(text, ws, i-2, i-1) && spaced(text, ws, i-1, i)
	if k == i || k-i == 1 && (s.isCommon(ws[i]) && !kindThe || s.isPlace(ws[i]) || s.isDemonym(ws[i]) || s.listedAs(ws[i], pipeline.LabelPerson) ||
		s.listedAs(ws[i], pipeline.LabelGroup)) || s.titles.titleEnd(text, ws, i) > i {
		return i
	}
	end := i
	switch {
	case k < len(ws) && spokesNouns[ws[k].lower] && spaced(text, ws, k-1, k):
		end = k
	case k+1 < len(ws) && pressNouns[ws[k].lower] && spaced(text, ws, k-1, k) && (speechVerbs[ws[k+1].lower] || ws[k+1].lower == "reported"):
		end = k // "Zycie Warszawy daily said", "Kommersant newspaper reported"
	case k+2 < len(ws) && (ws[k].lower == "'" || ws[k].lower == "’") && ws[k+1].lower == "s" && (s.ownedBy(ws, i, k, k+2) ||
		k+3 < len(ws) && !ws[k+2].upper && isLetters(ws[k+2].lower) && s.ownedBy(ws, i, k, k+3)):
		end = k // "Boeing's shareholders", "Aeroflot's current fleet"
	case i >= 2 && ws[i-2].lower == "shares" && (ws[i-1].lower == "of" || ws[i-1].lower == "in"):
		end = k
	case i > 0 && orgKindNouns[ws[i-1].lower]:
		end = s.kindNamed(text, ws, i, k) // "UK spy agency GCHQ", "the carmaker Stellantis", "Telegram channel Rybar"
	case kindThe && !(k-i == 1 && s.listedOther(ws[i], pipeline.LabelOrg)):
		end = k
	}
	// (Looked up last: the table is large and few words get this far.)
	if end == i {
		return i
	}
	if _, leader := s.gaz.leaders[text[ws[i].start:ws[i].end]]; leader {
		return i // "Putin's shares"
	}
	return end
}

// ownedBy reports whether word n, after the possessive of the name at
// words i..k-1, is what only a company has, or what a company has and the
// name is no person's.
func (s *Stage) ownedBy(ws []word, i, k, n int) bool {
	return companyNouns[ws[n].lower] || holdingNouns[ws[n].lower] && !slices.ContainsFunc(ws[i:k], func(w word) bool { return s.gaz.names[w.lower] != 0 })
}

// kindNamed returns the end of the name at words i..k-1 that the kind noun
// right before it makes an organisation, or i. The noun is a word of its
// own ("right-bank Kherson Oblast" is a place); the name stops before a
// person's given name ("propaganda outlet RT Margarita Simonyan") and
// drops one-letter words ("company N / A"); a listed name and a surname are
// a person's ("Georg Reichenbach"), an article and one a title's ("Der
// Spiegel"); a one-word name listed as
// anything else ("each company DarkSide affiliates want to encrypt") and a
// day are none.
func (s *Stage) kindNamed(text string, ws []word, i, k int) int {
	p := ws[i-1]
	if p.upper || !spaced(text, ws, i-1, i) || i >= 2 && ws[i-2].end == p.start || calendarWord(ws[i].lower) ||
		p.lower == "operator" && s.gaz.names[ws[i].lower]&models.NameGiven != 0 ||
		k-i == 2 && s.gaz.names[ws[k-1].lower]&models.NameSurname != 0 && s.gaz.names[ws[i].lower] != 0 && !s.isCommon(ws[i]) && !s.isCommon(ws[k-1]) {
		return i // a drone operator, "the manufacturer Georg Reichenbach": persons
	}
	for j := i + 1; j < k; j++ {
		if s.gaz.names[ws[j].lower]&models.NameGiven != 0 && !s.isCommon(ws[j]) {
			k = j
			break
		}
	}
	for k > i && utf8.RuneCountInString(text[ws[k-1].start:ws[k-1].end]) < 2 {
		k--
	}
	if k == i || k-i == 1 && s.listedOther(ws[i], pipeline.LabelOrg) {
		return i
	}
	return k
}

// listedOther reports whether a list holds word w under a label other than
// label.
func (s *Stage) listedOther(w word, label string) bool {
	return s.listedWith(w.gaz, func(e models.GazEntry) bool { return e.Label != label })
}

// orgKindNouns name the kind of an organisation right before its name: "the
// regulator CRTC", "news agency dpa", "the daily Kommersant", "a Telegram
// channel" (ENTITY_GUIDELINES and the ISW gold make channels ORG). Not
// "bank" (the west bank of a river), "carrier" (the aircraft carrier
// Admiral Kuznetsov) nor "group" (armed
// groups have lists of their own); "operator" not before a given name (a
// drone operator is a person).
var orgKindNouns = set("agency regulator watchdog newspaper daily weekly tabloid magazine outlet broadcaster newswire channel " +
	"airline lender insurer retailer supermarket automaker carmaker manufacturer maker firm company startup " +
	"conglomerate operator provider publisher union airframer planemaker chipmaker brokerage")

// pressNouns follow a publication's name before what it says: "Zycie
// Warszawy daily said".
var pressNouns = set("daily weekly newspaper tabloid magazine")

// spokesNouns follow an organisation's name: "an Aeroflot spokesman".
var spokesNouns = set("spokesman spokeswoman spokesperson")

// companyNouns follow a company's possessive: "Boeing's chief executive".
var companyNouns = set("ceo chairman chairwoman shareholders shares stock subsidiary subsidiaries headquarters " +
	"executives board")

// holdingNouns follow a company's possessive too, and a person's or a
// state's ("Villeneuve's fleet"): they make a company only of a name no
// name list holds.
var holdingNouns = set("fleet profit profits revenue revenues earnings customers")

// namingVerbs introduce a new threat name: "a loader, dubbed by Proofpoint
// as MirrorBlast", "a backdoor named Kazuar", "tracked as TA505".
var namingVerbs = map[string]bool{"dubbed": true, "named": true, "called": true, "tracked": true, "codenamed": true}

// kindNouns give the label of a threat a naming verb introduces.
var kindNouns = map[string]string{"malware": pipeline.LabelMalware, "loader": pipeline.LabelMalware,
	"downloader": pipeline.LabelMalware, "downloaders": pipeline.LabelMalware, "loaders": pipeline.LabelMalware,
	"backdoor": pipeline.LabelMalware, "trojan": pipeline.LabelMalware, "rat": pipeline.LabelMalware,
	"ransomware": pipeline.LabelMalware, "dropper": pipeline.LabelMalware, "stealer": pipeline.LabelMalware,
	"implant": pipeline.LabelMalware, "botnet": pipeline.LabelMalware, "wiper": pipeline.LabelMalware,
	"variant": pipeline.LabelMalware, "group": pipeline.LabelGroup, "actor": pipeline.LabelGroup,
	"cluster": pipeline.LabelGroup, "gang": pipeline.LabelGroup, "tool": pipeline.LabelTool, "framework": pipeline.LabelTool}

// dubbed matches a threat noun at word i followed, within the sentence, by
// a naming verb and a new name: "loader, dubbed by Proofpoint as
// MirrorBlast". It returns the name's word and label, or -1.
func (s *Stage) dubbed(text string, ws []word, i int) (int, string) {
	if !ws[i].is(clsKindNoun) {
		return -1, ""
	}
	label := kindNouns[ws[i].lower]
	for k := i + 1; k < len(ws) && k <= i+3; k++ {
		if !namingVerbs[ws[k].lower] {
			continue
		}
		// "dubbed X", "dubbed as X", "dubbed by Vendor as X"
		for n := k + 1; n < len(ws) && n <= k+5; n++ {
			w := ws[n]
			if isNameWord(text, w) && !s.gaz.common[w.lower] && (n == k+1 || ws[n-1].lower == "as") {
				return n, label
			}
			if w.lower == "." || w.lower == ";" {
				break
			}
		}
		return -1, ""
	}
	return -1, ""
}

// malwareClasses are nouns that say the name before them is malware:
// "the Vexorbot malware", "Krantal ransomware", "the Drovik backdoor".
var malwareClasses = map[string]bool{"ransomware": true, "malware": true, "backdoor": true, "trojan": true,
	"rat": true, "botnet": true, "stealer": true, "infostealer": true, "loader": true, "downloader": true,
	"dropper": true, "rootkit": true, "wiper": true, "spyware": true, "keylogger": true, "worm": true}

// languages are programming and scripting languages: "a Rebol loader" is
// malware written in Rebol, not malware named Rebol.
var languages = map[string]bool{"rebol": true, "kixtart": true, "autoit": true, "autohotkey": true, "powershell": true,
	"python": true, "vbscript": true, "vba": true, "javascript": true, "jscript": true, "golang": true, "rust": true,
	"delphi": true, "nim": true, "java": true, "perl": true, "ruby": true, "lua": true, "bash": true, "dotnet": true}

// findTyped returns names that no list holds but that a malware class noun
// right after them types ("the Vexorbot malware"): MALWARE, source "rule",
// for that mention only. Words the gazetteer lists (as anything), common
// words ("New malware"), acronyms ("ATM malware"), platforms, vendors and
// languages are left alone. Measured on AnnoCTR dev, typing every mention
// of the name throughout the document cost more than it gained (names of
// ransomware groups, "DarkSide ransomware", are GROUP elsewhere).
func (s *Stage) findTyped(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i, w := range ws {
			// A remote access trojan's name carries its class: "InnfiRAT",
			// "puisherRAT", "Gh0stRAT" (the lists hold njRAT, AsyncRAT...).
			if !s.listedWith(w.gaz, anyEntry) && ratName(text[w.start:w.end]) && (i == 0 || ws[i-1].end < w.start) {
				out = append(out, pipeline.Entity{Start: w.start, End: w.end, Text: text[w.start:w.end], Label: pipeline.LabelMalware, Source: "rule"})
			}
		}
		for i := 0; i+1 < len(ws); i++ {
			w := ws[i]
			if !ws[i+1].is(clsMalwareClass) || w.end-w.start <= 3 || !isNameWord(text, w) || s.isCommon(w) ||
				genericThreatWords[w.lower] || vendors[w.lower] || languages[w.lower] || w.gaz != 0 {
				continue
			}
			if i > 0 && ws[i-1].end == w.start {
				continue // the tail of a longer identifier ("FK_Undead")
			}
			end := w.end
			if text[ws[i+1].start:ws[i+1].end] == "RAT" {
				end = ws[i+1].end // "MineBridge RAT": the class is part of the name
			}
			out = append(out, pipeline.Entity{Start: w.start, End: end, Text: text[w.start:end], Label: pipeline.LabelMalware, Source: "rule"})
		}
	}
	return out
}

// ratName reports whether w is a name ending in "RAT" after a lower-case
// letter or a digit ("QuasarRAT", "X6RAT"), two characters or more and a
// letter before it ("20RAT" is no name).
func ratName(w string) bool {
	stem, ok := strings.CutSuffix(w, "RAT")
	if !ok || len(stem) < 2 {
		return false
	}
	last := stem[len(stem)-1]
	return strings.IndexFunc(stem, unicode.IsLetter) >= 0 && (last >= 'a' && last <= 'z' || last >= '0' && last <= '9')
}

// isCapitalised: the word starts with an upper-case letter or is an acronym.
func isCapitalised(text string, w word) bool {
	if !w.upper {
		return false
	}
	// An upper-case first letter with a lower case is a change; only odd
	// capitals without one ("𝐀") need the whole word folded.
	s := text[w.start:w.end]
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.ToLower(r) != r || s != strings.ToLower(s)
}

// eventHeads end the names of events, which ENTITY_GUIDELINES leaves
// unlabelled: the model calls "Milwaukee Open", "Atlanta Games" and
// "Pugachev Rebellion" organisations.
var eventHeads = set("open classic games olympics cup championship championships tournament marathon trophy prix festival invitational derby rebellion uprising revolt")

// groupPlaceHeads end the names of groups of countries and of islands.
var groupPlaceHeads = set("states nations countries islands emirates")

// dropEvents blanks the model's names of events (a capitalised event head
// last, after another word): the span stays claimed, so no name inside it
// is offered as one of its own, and goes with the other blank labels.
func dropEvents(found []pipeline.Entity) []pipeline.Entity {
	for i := range found {
		e := &found[i]
		sp := strings.LastIndexByte(e.Text, ' ')
		if sp < 0 || e.Label == pipeline.LabelDate {
			continue
		}
		if last := e.Text[sp+1:]; isUpperWord(last) && eventHeads[strings.ToLower(last)] {
			e.Label = ""
		} else if e.Label == pipeline.LabelPerson && isUpperWord(last) && groupPlaceHeads[strings.ToLower(last)] {
			e.Label = pipeline.LabelLoc // no one's name ends in "States": the model's "Gulf States" is the region
		} else if e.Label == pipeline.LabelOrg && e.Source == "model" && last == "Islands" && !strings.Contains(e.Text, " of ") {
			e.Label = pipeline.LabelLoc // the model's "Leeward Islands" (a body's name goes on: "Pacific Islands Forum")
		}
	}
	return found
}

// eventNames returns the spans of events named in running text: capitalised
// words (up to four) ending in a capitalised event head ("the Milwaukee
// Open", "the Atlanta Games", "the Venice Film Festival"). ENTITY_GUIDELINES
// leaves events unlabelled, and the place in one is no place of the text
// ("Atlanta" of "the Atlanta Games"), so the span is claimed for no name.
// The words around must not be capitalised: a title-cased heading ("Kyiv
// Keeps Ports Open") names no event.
func eventNames(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for h := 1; h < len(ws); h++ {
			if !ws[h].upper || !ws[h].is(clsEventHead) || h+1 < len(ws) && ws[h+1].upper {
				continue
			}
			k := h
			for k > 0 && h-k < 3 && ws[k-1].upper && spaced(text, ws, k-1, k) {
				k--
			}
			if k == h || k > 0 && (ws[k-1].upper || !isLowerWord(ws[k-1].lower)) {
				continue
			}
			out = append(out, pipeline.Entity{Start: ws[k].start, End: ws[h].end})
		}
	}
	return out
}

// springEvents returns the spans of political springs, events named by
// "Spring" after a people, or after "the" and a listed place ("the Arab
// Spring", 189 times in the unlabeled UN speeches, a LOC to the model; "the
// Prague Spring"); "Silver Spring" is a town and "Spring" of "Spring
// Offensive" the head of a longer name. Claimed for no name, like eventNames.
func (s *Stage) springEvents(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for h := 1; h < len(ws); h++ {
			if ws[h].lower != "spring" || !ws[h].upper || !ws[h-1].upper || !spaced(text, ws, h-1, h) || h+1 < len(ws) && ws[h+1].upper ||
				h >= 2 && ws[h-2].upper && !determiners[ws[h-2].lower] && spaced(text, ws, h-2, h-1) ||
				!s.isDemonym(ws[h-1]) && !(h >= 2 && ws[h-2].lower == "the" && s.listedPlaceOrPeople(ws[h-1].lower)) {
				continue
			}
			out = append(out, pipeline.Entity{Start: ws[h-1].start, End: ws[h].end})
		}
	}
	return out
}

// stormNouns open a named storm: "Hurricane Gilbert", "Typhoon Haiyan".
var stormNouns = set("hurricane typhoon cyclone storm")

// stormNames returns the spans of named storms ("Hurricane Gilbert",
// "Tropical Storm Kirk", "Storm Daniel"): a capitalised storm noun and the
// capitalised word after it, no common word or institution's head. A storm
// is named like a person but is none
// (ENTITY_GUIDELINES leaves events unlabelled), so the span is claimed for
// no name.
func (s *Stage) stormNames(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i+1 < len(ws); i++ {
			if !ws[i].upper || !stormNouns[ws[i].lower] || !ws[i+1].upper || !isNameWord(text, ws[i+1]) || !spaced(text, ws, i, i+1) ||
				s.gaz.common[ws[i+1].lower] || orgHeads[ws[i+1].lower] {
				continue // "Hurricane Electric" (a company), "the National Hurricane Center"
			}
			st := i
			if i > 0 && (ws[i-1].lower == "tropical" || ws[i-1].lower == "super") && ws[i-1].upper {
				st = i - 1
			} else if i > 0 && ws[i-1].upper && spaced(text, ws, i-1, i) {
				continue // part of a longer name
			}
			out = append(out, pipeline.Entity{Start: ws[st].start, End: ws[i+1].end})
			i++
		}
	}
	return out
}

// shipPrefixes are navies' ship prefixes: "HMS Ocean", "USS Mahan", "FS
// Charles de Gaulle". (Not Singapore's RSS or South Africa's SAS: "RSS
// Feed", "SAS Captain John Smith".)
var shipPrefixes = set("hms hmas hmcs hmnzs uss usns fs ins rfs ara hnlms roks tcg pns bns kri")

// shipNouns name warships before their name: "the cruiser Moskva". (Not
// "ship", "vessel" or "carrier": "ship Ukrainian grain", "carrier
// Aeroflot".)
var shipNouns = set("cruiser frigate destroyer corvette submarine warship flagship battleship minesweeper icebreaker")

// shipNames returns the spans of ships' names: a ship prefix and the
// capitalised words after it ("HMS Ocean", "FS Charles de Gaulle"), or the
// capitalised words (or a quoted name) right after a warship noun ("the
// cruiser Moskva"). The ISW gold's judgment calls leave ships unlabelled, and their
// names are other things' ("Ocean" no nationality, "Moskva" no city,
// "Charles de Gaulle" no person), so the span is claimed for no name.
func shipNames(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i := 0; i+1 < len(ws); i++ {
			prefix := ws[i].upper && ws[i].is(clsShipPrefix) && isUpperCase(text[ws[i].start:ws[i].end])
			if !prefix && (ws[i].upper || !ws[i].is(clsShipNoun)) || !spaced(text, ws, i, i+1) {
				continue
			}
			k, quoted := i+1, isQuote(text, ws[i+1])
			if quoted {
				k++
			}
			end := k
			for end < len(ws) && end-k < 4 && (isNameWord(text, ws[end]) || end > k && nameParticles[ws[end].lower] && end+1 < len(ws) && isNameWord(text, ws[end+1])) &&
				(end == k || spaced(text, ws, end-1, end) || text[ws[end].start] == '-') {
				end++
			}
			if end == k {
				continue
			}
			st := ws[i+1].start
			if prefix {
				st = ws[i].start
			}
			en := ws[end-1].end
			if quoted && end < len(ws) && isQuote(text, ws[end]) {
				en = ws[end].end
			}
			out = append(out, pipeline.Entity{Start: st, End: en})
			i = end - 1
		}
	}
	return out
}

// trimAmpersands cuts a trailing " &" off the model's names: the model
// stops inside "Procter & Gamble" or "Trinidad & Tobago", and no name ends
// in a conjunction (joinAmpersands joins what should be one).
func trimAmpersands(found []pipeline.Entity) []pipeline.Entity {
	for i := range found {
		if e := &found[i]; strings.HasSuffix(e.Text, " &") {
			e.End -= 2
			e.Text = e.Text[:len(e.Text)-2]
		}
	}
	return found
}

// joinAmpersands makes one organisation of two names joined by a spaced
// ampersand when the model saw a name of a person or an organisation on
// either side: "Procter & Gamble", "Johnson & Johnson", "Smith & Wesson",
// "Marks & Spencer Group", which it tags as one side alone or stops at the
// "&". A listed place or nationality on either side ("Trinidad & Tobago")
// keeps them apart. Entities inside the joined span go.
func joinAmpersands(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	if !strings.Contains(text, " & ") {
		return ents
	}
	at := newSpanIndex(ents)
	var add []pipeline.Entity
	var drop []bool
	for _, ws := range sentences {
		for k := 1; k+1 < len(ws); k++ {
			a, b := ws[k-1], ws[k+1]
			if ws[k].lower != "&" || a.end+1 != ws[k].start || ws[k].end+1 != b.start ||
				!isUpperWord(text[a.start:a.end]) || !isUpperWord(text[b.start:b.end]) || determiners[b.lower] || functionWords[b.lower] {
				continue
			}
			start, end, named, place := a.start, b.end, false, false
			for _, j := range slices.Concat(at.overlapping(a.start, a.end), at.overlapping(b.start, b.end)) {
				e := ents[j]
				switch {
				case labelClass(e.Label) == "place" || e.Label == pipeline.LabelNORP:
					place = true
				case labelClass(e.Label) == "org" || e.Label == pipeline.LabelPerson:
					named = true
				}
				start, end = min(start, e.Start), max(end, e.End)
			}
			if !named || place || strings.Contains(text[start:end], "\n") {
				continue
			}
			if drop == nil {
				drop = make([]bool, len(ents))
			}
			for _, j := range at.overlapping(start, end) {
				drop[j] = true
			}
			add = append(add, pipeline.Entity{Start: start, End: end, Text: text[start:end], Label: pipeline.LabelOrg, Source: "rule"})
		}
	}
	if drop == nil {
		return ents
	}
	return append(without(ents, drop), add...)
}

// groupShortNames finds the short name of an armed group the document names
// in full: "Wagner" after "Wagner Group" or "Wagner Private Military
// Company" ("Wagner has recruited", "Wagner forces", "Wagner’s"), which ISW
// writes more often than the full name and ENTITY_GUIDELINES labels as the
// group. The short name is one capitalised word standing alone: not inside
// another entity, not next to another capitalised name word ("Wagner
// Center", "Richard Wagner").
func groupShortNames(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	short := map[string]pipeline.Entity{}
	for _, e := range ents {
		if e.Label != pipeline.LabelGroup {
			continue
		}
		head, rest, ok := strings.Cut(e.Text, " ")
		if !ok || !groupSuffixes[rest] || !isUpperWord(head) || isUpperCase(head) || strings.ContainsAny(head, "-.") {
			continue
		}
		if _, seen := short[head]; !seen {
			short[head] = e
		}
	}
	if len(short) == 0 {
		return nil
	}
	var out []pipeline.Entity
	for _, ws := range sentences {
		for k, w := range ws {
			full, ok := short[text[w.start:w.end]]
			if !ok {
				continue
			}
			if before, after := capitalsBeside(text, ws, k); before || after {
				continue
			}
			out = append(out, pipeline.Entity{Start: w.start, End: w.end, Text: text[w.start:w.end], Label: pipeline.LabelGroup,
				ID: full.ID, Name: nameOf(full), Source: "alias"})
		}
	}
	return out
}

// companyShortNames returns the mentions of a company's name without its
// designator, the name a report goes on with after the registered one:
// "Johnson Controls shares rose" after "Johnson Controls Inc", "Pirelli"
// after "Pirelli SpA" (which the model had called persons and places). A
// short name that is a listed place ("Michigan Corp."), a people, a
// common word or a given name alone, and a mention next to other
// capitalised words or joined to a word, are left alone.
func (s *Stage) companyShortNames(text string, sentences [][]word, ents []pipeline.Entity) []pipeline.Entity {
	type company struct {
		words []string
		e     pipeline.Entity
	}
	var short map[string][]company // first word -> the short names opening with it
	for _, e := range ents {
		if e.Label != pipeline.LabelOrg || e.Source != "rule" {
			continue
		}
		ews := splitWords(text, e.Start, e.End)
		s.gaz.mark(ews) // (the place and people guards read the gazetteer's marks)
		n := len(ews)
		k := 1
		for ; k < n; k++ {
			// (the designator ends the name, or its abbreviation's stop does: "Inc.")
			if d := s.registeredForm(text, ews, 0, k); d == n-1 || d == n-2 && ews[n-1].lower == "." {
				break
			}
		}
		if k >= n {
			continue
		}
		if ews[k-1].lower == "," {
			k--
		}
		if k == 1 && (ews[0].end-ews[0].start < 3 || s.isCommon(ews[0]) || s.isPlace(ews[0]) || s.isDemonym(ews[0]) ||
			s.gaz.names[ews[0].lower]&models.NameGiven != 0) || s.listedSpan(ews, 0, k, isPlaceEntry) {
			continue
		}
		c := company{e: e}
		for _, w := range ews[:k] {
			c.words = append(c.words, text[w.start:w.end])
		}
		if short == nil {
			short = map[string][]company{}
		}
		short[c.words[0]] = append(short[c.words[0]], c)
	}
	if short == nil {
		return nil
	}
	var out []pipeline.Entity
	for _, ws := range sentences {
		for i, w := range ws {
		names:
			for _, c := range short[text[w.start:w.end]] {
				k := i + len(c.words) - 1
				if k >= len(ws) {
					continue
				}
				for j, cw := range c.words {
					if text[ws[i+j].start:ws[i+j].end] != cw {
						continue names
					}
				}
				if i > 0 && joinedBefore(text, ws[i-1], w) || k+1 < len(ws) && joinedAfter(text, ws[k], ws[k+1]) {
					continue
				}
				out = append(out, pipeline.Entity{Start: w.start, End: ws[k].end, Text: text[w.start:ws[k].end], Label: pipeline.LabelOrg,
					Source: "alias"})
				break
			}
		}
	}
	return out
}

// groupSuffixes follow an armed group's short name in its full one.
var groupSuffixes = map[string]bool{"Group": true, "group": true, "PMC": true, "Private Military Company": true}
