package entities

import (
	"slices"
	"strings"

	"github.com/sitrep/sitrep/pipeline"
)

// definedKinds are the nouns of a defining sentence and the label they give
// the name it opens with ("Hibhib ... is a village", "Abboud Qanbar ... is an
// Iraqi General").
var definedKinds = map[string]string{
	"village": pipeline.LabelGPE, "town": pipeline.LabelGPE, "city": pipeline.LabelGPE, "municipality": pipeline.LabelGPE,
	"district": pipeline.LabelGPE, "province": pipeline.LabelGPE, "governorate": pipeline.LabelGPE, "country": pipeline.LabelGPE,
	"commune": pipeline.LabelGPE, "suburb": pipeline.LabelGPE, "neighbourhood": pipeline.LabelGPE, "neighborhood": pipeline.LabelGPE,
	"settlement": pipeline.LabelGPE, "oblast": pipeline.LabelGPE, "raion": pipeline.LabelGPE,
	"river": pipeline.LabelLoc, "mountain": pipeline.LabelLoc, "mountains": pipeline.LabelLoc, "lake": pipeline.LabelLoc,
	"desert": pipeline.LabelLoc, "island": pipeline.LabelLoc, "valley": pipeline.LabelLoc, "ridge": pipeline.LabelLoc,
	"mosque": pipeline.LabelFac, "dam": pipeline.LabelFac, "barrage": pipeline.LabelFac, "airport": pipeline.LabelFac,
	"airbase": pipeline.LabelFac, "bridge": pipeline.LabelFac, "hospital": pipeline.LabelFac, "prison": pipeline.LabelFac,
	"cathedral": pipeline.LabelFac, "stadium": pipeline.LabelFac,
	"organization": pipeline.LabelOrg, "organisation": pipeline.LabelOrg, "company": pipeline.LabelOrg,
	"corporation": pipeline.LabelOrg, "network": pipeline.LabelOrg, "channel": pipeline.LabelOrg, "newspaper": pipeline.LabelOrg,
	"broadcaster": pipeline.LabelOrg, "agency": pipeline.LabelOrg, "party": pipeline.LabelOrg, "movement": pipeline.LabelOrg,
	"society": pipeline.LabelOrg, "association": pipeline.LabelOrg, "foundation": pipeline.LabelOrg, "bank": pipeline.LabelOrg,
	"militia": pipeline.LabelGroup,
	"general": pipeline.LabelPerson, "officer": pipeline.LabelPerson, "politician": pipeline.LabelPerson,
	"militant": pipeline.LabelPerson, "commander": pipeline.LabelPerson, "cleric": pipeline.LabelPerson,
	"journalist": pipeline.LabelPerson, "businessman": pipeline.LabelPerson, "activist": pipeline.LabelPerson,
	"diplomat": pipeline.LabelPerson, "colonel": pipeline.LabelPerson, "writer": pipeline.LabelPerson, "blogger": pipeline.LabelPerson,
}

// definitionEnds end a defining noun phrase.
var definitionEnds = set("of in on at for from with that which who known located based , . ; ( and")

// armedWords make a defining "group" an armed group's: "a militant Sunni
// group"; another "group" is an organisation's.
var armedWords = set("militant terrorist insurgent armed jihadist extremist paramilitary rebel separatist")

// definedNames returns the names that open a defining sentence, labelled by
// the noun that defines them: "Hibhib (Arabic: ..., Hibhib Village) is a
// village in northern Iraq", "Alsumaria News (Arabic: ...) is an
// independent Iraqi satellite TV network", "Abboud Qanbar (Arabic: ...),
// also known as Abu Haidar, is an Iraqi General". The opening of a
// reference page or a profile says what it is about; the model, reading the
// name alone, had missed the village and the general and made the network
// a place. The name is one to six capitalised words (with name particles
// inside); a parenthesis and an "also known as" may follow it; then "is" or
// "was", "a" or "an" (or "one of the" and a plural settlement noun), and the
// defining noun within five words, which no noun follows. A name that the
// lists hold is left to them, unless it is a listed place that a name list
// holds too, which the model may take for a person ("Manchester").
func (s *Stage) definedNames(text string, sentences [][]word) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		i := 0
		for i < len(ws) && (openingMarks[ws[i].lower] || functionWords[ws[i].lower]) {
			i++ // a quoted opening, an article: "“Jaish al-Ta'ifa al-Mansurah (...) is a militant Sunni group"
		}
		k := i
		joiner := func(k int) bool { // "al-Mansurah", "Ta'ifa"
			return k > i && k+1 < len(ws) && (ws[k].lower == "-" || ws[k].lower == "'" || ws[k].lower == "’") &&
				ws[k].start == ws[k-1].end && ws[k+1].start == ws[k].end
		}
		for k < len(ws) && k-i < 10 && (isNameWord(text, ws[k]) || k > i && k+1 < len(ws) && nameParticles[ws[k].lower] ||
			joiner(k) || joiner(k-1) && isWordRune(rune(text[ws[k].start]))) {
			k++
		}
		if k == i || k == len(ws) || !isNameWord(text, ws[k-1]) || k-i == 1 && s.isCommon(ws[i]) {
			continue
		}
		n := k
		if ws[n].lower == "(" { // the parenthesis: another script, a birth date, a translation
			for n < len(ws) && ws[n].lower != ")" {
				n++
			}
			n++
		}
		if n+3 < len(ws) && ws[n].lower == "," && ws[n+1].lower == "also" && ws[n+2].lower == "known" && ws[n+3].lower == "as" {
			for n++; n < len(ws) && ws[n].lower != ","; n++ {
				if ws[n].lower == "[" { // a citation: "also known as Abu Haidar,[1] is"
					break
				}
			}
		}
		for n < len(ws) && (ws[n].lower == "," || ws[n].lower == "[") {
			if ws[n].lower == "[" {
				for n < len(ws) && ws[n].lower != "]" {
					n++
				}
			}
			n++
		}
		if n+2 >= len(ws) || ws[n].lower != "is" && ws[n].lower != "was" {
			continue
		}
		// "one of the" takes a plural settlement: "Manchester was one of
		// the first cities in England".
		d0, plural := n+2, false
		switch {
		case ws[n+1].lower == "a" || ws[n+1].lower == "an":
		case n+4 < len(ws) && ws[n+1].lower == "one" && ws[n+2].lower == "of" && ws[n+3].lower == "the":
			d0, plural = n+4, true
		default:
			continue
		}
		// The last defining noun of the phrase is its head: "a militant
		// Sunni group", "an independent Iraqi satellite TV network"; a noun
		// right after it makes it a modifier ("a town councillor").
		label, armed := "", false
		for d := d0; d < len(ws) && d < d0+5 && !definitionEnds[ws[d].lower]; d++ {
			w := ws[d].lower
			armed = armed || armedWords[w]
			switch l, ok := definedKinds[w]; {
			case plural:
				if settlementNouns[w] && w[len(w)-1] == 's' {
					label = pipeline.LabelGPE
				}
			case w == "group":
				label = pipeline.LabelOrg
				if armed {
					label = pipeline.LabelGroup
				}
			case ok:
				label = l
			case label != "" && !ws[d].upper && isLetters(w) && !partWords[w] && !approximators[w]:
				label = "" // "a town councillor", "a city planner"
			}
		}
		if label == "" {
			continue
		}
		st, en := ws[i].start, ws[k-1].end
		e := pipeline.Entity{Start: st, End: en, Text: text[st:en], Label: label, Source: "rule"}
		if n, ok := s.spanNode(ws, i, k); ok && s.listedWith(n, anyEntry) {
			// A listed name is the lists', unless the model may take it
			// for a person ("Manchester"): a place said to be a town
			// keeps its listed entry.
			g, ok := s.bestEntry(n, isGPEEntry)
			if label != pipeline.LabelGPE || !ok || !slices.ContainsFunc(ws[i:k], func(w word) bool { return s.gaz.names[w.lower] != 0 }) {
				continue
			}
			e.ID, e.Name, e.Kind = g.ID, g.Name, g.Kind
		}
		out = append(out, e)
	}
	return out
}

// A name's gloss in another language, in parentheses after it, names the
// same thing in other words: "The Hamrin Mountains (Arabic: جبل حمرين Jabāl
// Hamrīn, Kurdish: Çiyayê Hemrîn)", "the Yazidi Black Book (Mishefa Reş in
// Kurdish)", "(also transliterated as Kitab Al Jilwah)". The model's guesses
// there ("Jabāl Hamrīn" PERSON) go.
var glossLanguages = set("Arabic Kurdish Persian Farsi Pashto Dari Urdu Hebrew Aramaic Syriac Turkish Russian Ukrainian Belarusian Chechen " +
	"Georgian Armenian Azerbaijani Chinese Mandarin Cantonese Korean Japanese Hindi Sanskrit Tamil Bengali Greek Latin French German " +
	"Spanish Portuguese Somali Amharic Tigrinya Hausa Swahili")

// isGloss reports whether the text inside parentheses glosses a name: it
// opens with a language and a colon ("Arabic: ...", "Northern Kurdish:"),
// says "in <language>", or transliterates.
func isGloss(inner string) bool {
	if strings.Contains(inner, "transliterated") || strings.Contains(inner, "romanized") || strings.Contains(inner, "romanised") {
		return true
	}
	if c := strings.IndexByte(inner, ':'); c > 0 {
		head := strings.TrimRight(inner[:c], " ")
		if strings.Count(head, " ") <= 1 && glossLanguages[head[strings.LastIndexByte(head, ' ')+1:]] {
			return true
		}
	}
	for rest := inner; ; {
		k := strings.Index(rest, "in ")
		if k < 0 {
			return false
		}
		if k == 0 || rest[k-1] == ' ' {
			if w := leadingLetters(rest[k+len("in "):]); glossLanguages[w] {
				return true
			}
		}
		rest = rest[k+1:]
	}
}

// glossSpans returns the byte spans of the parenthesised glosses in
// text[:limit].
func glossSpans(text string, limit int) [][2]int {
	var out [][2]int
	for i := 0; i < limit; {
		k := strings.IndexByte(text[i:limit], '(')
		if k < 0 {
			break
		}
		st := i + k + 1
		en := strings.IndexByte(text[st:min(limit, st+240)], ')')
		if en < 0 {
			i = st
			continue
		}
		if inner := text[st : st+en]; !strings.Contains(inner, "(") && isGloss(inner) {
			out = append(out, [2]int{st, st + en})
		}
		i = st + en + 1
	}
	return out
}

// dropGlossGuesses removes the model's entities inside a gloss.
func dropGlossGuesses(text string, limit int, ents []pipeline.Entity) []pipeline.Entity {
	gl := glossSpans(text, limit)
	if len(gl) == 0 {
		return ents
	}
	return slices.DeleteFunc(ents, func(e pipeline.Entity) bool {
		if e.Source != "model" {
			return false
		}
		for _, g := range gl {
			if g[0] <= e.Start && e.End <= g[1] {
				return true
			}
		}
		return false
	})
}
