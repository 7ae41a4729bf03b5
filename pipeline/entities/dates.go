package entities

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/internal/numbered"
)

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true}

// feastNames are feasts and holy months: no place, person or organisation,
// though GeoNames has a Ramadan.
var feastNames = set("ramadan eid christmas easter passover hanukkah diwali nowruz ashura muharram thanksgiving lent")

// calendarNames are the days of the week and the feasts: no place, person or
// organisation (models tag "on Monday" a place).
var calendarNames = func() map[string]bool {
	m := maps.Clone(feastNames)
	maps.Copy(m, weekdayNames)
	return m
}()

// calendarWord reports whether a folded word names a day, a feast or a
// month: no name's last word ("Asia Monday") and no town.
func calendarWord(w string) bool { return calendarNames[w] || months[w] }

// timeWords name spans of time; with the calendar's words and digits they
// are what a date is written with.
var timeWords = set("year years day days week weeks month months decade decades century centuries age era eve " +
	"spring summer autumn fall winter today yesterday tomorrow tonight morning evening night weekend holiday holidays " +
	"twenties thirties forties fifties sixties seventies eighties nineties")

// namelessDate reports whether e is a model's date written without a
// calendar word or a word of time, and without a digit or with a number
// that goes on as a decimal or a share: a name the model read as one (ISW's
// villages "Novobohdanivka", "Novomykhailivka", "Opytne" after the "Nov" of
// November; cricketers of a scorecard; the Factbook's "Evangelical 50.2%").
// It goes, and the span is free for the rules for towns.
func namelessDate(text string, e pipeline.Entity) bool {
	if e.Label != pipeline.LabelDate || e.Source != "model" {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(e.Text), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) > 0 && addressNouns[words[0]] {
		return true // "Suite 1104", "Box 1937": an address
	}
	if r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(text[e.End:], " ")); !strings.ContainsAny(e.Text, "0123456789") && !slices.ContainsFunc(strings.Fields(e.Text), func(w string) bool { return !isUpperWord(w) }) &&
		!slices.ContainsFunc(words, calendarWord) &&
		strings.HasPrefix(text[e.End:], " ") && unicode.IsUpper(r) && !calendarWord(strings.ToLower(leadingLetters(text[e.End+1:]))) {
		return true // "Golden Age Spanish": the first words of a name ("the July FOMC meeting" has a date)
	}
	for _, w := range words {
		if calendarWord(w) || timeWords[w] {
			return false
		}
	}
	if !strings.ContainsAny(e.Text, "0123456789") {
		return true
	}
	if shortNumbersOnly(e.Text) && !hasWord(e.Text, dateEnds) {
		return true // "Middlesex 199", "Nikkei 225", "Kilo 10": a count, a score or an index; no day without a month
	}
	after := text[e.End:]
	digitAt := func(s string, i int) bool { return len(s) > i && s[i] >= '0' && s[i] <= '9' }
	return strings.HasPrefix(after, "%") || // "50%"
		strings.HasPrefix(after, ".") && digitAt(after, 1) || // "50" + ".2%"
		strings.HasSuffix(e.Text, ".") && digitAt(after, 0) // "11." + "2%"
}

// addressNouns open an address's numbered part, never a date.
var addressNouns = set("suite room floor box apt apartment unit flat building")

// dateEnds may end a date besides the calendar's words, the words of time
// and numbers: "two days ago", "a week later", "15 years old", "to date",
// "the past 24 hours", "the first half".
var dateEnds = set("ago later earlier old present now date hour hours minute minutes quarter quarters half " +
	"am pm a.m p.m utc gmt")

// temporal reports whether a word of a date, in lower case, is one dates are
// written with: a calendar word, a word of time, a number, an ordinal or a
// decade, or a hyphened compound of them ("three-year", "15-year-old",
// "mid-2018", "nineteenth-century").
func temporal(w string) bool {
	w = strings.Trim(w, ".,;:()[]'’\"“”")
	if strings.ContainsAny(w, "0123456789") {
		return true
	}
	for _, p := range strings.Split(w, "-") {
		if calendarWord(p) || timeWords[p] || dateEnds[p] {
			return true
		}
	}
	return false
}

// trimDates ends each of the model's dates at its last word of time: the
// model runs a date on into the noun it qualifies or the name after it ("the
// three-year conflict", "a 26-year-old man", "the 30-year Treasury bond",
// "the July FOMC meeting"). A date with no such word is namelessDate's.
func trimDates(text string, found []pipeline.Entity) []pipeline.Entity {
	for i, e := range found {
		if e.Label != pipeline.LabelDate || e.Source != "model" {
			continue
		}
		end := -1
		for k := 0; k < len(e.Text); {
			for k < len(e.Text) && isSpaceByte(e.Text[k]) {
				k++
			}
			j := k
			for j < len(e.Text) && !isSpaceByte(e.Text[j]) {
				j++
			}
			if j > k && temporal(strings.ToLower(e.Text[k:j])) {
				end = k + len(strings.TrimRight(e.Text[k:j], ",;:"))
			}
			k = j
		}
		if end > 0 && e.Start+end < e.End {
			found[i].End = e.Start + end
			found[i].Text = text[e.Start:found[i].End]
		}
	}
	return found
}

// shortNumbersOnly reports whether every number written in s has at most
// three digits and no letters after it (not "5th", "1990s").
func shortNumbersOnly(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i > 3 || j < len(s) && unicode.IsLetter(rune(s[j])) {
			return false
		}
		i = j
	}
	return true
}

// hasWord reports whether a word of s, folded, is in set.
func hasWord(s string, set map[string]bool) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		if set[strings.Trim(w, ".;:()")] {
			return true
		}
	}
	return false
}

// dayLead may open a sentence before a weekday ("On Monday", "Last
// Thursday"); another capitalised word makes it a name's ("Black Monday").
var dayLead = set("on by since until till last next this from before after through every each")

// weekdayNames are the days of the week: dates outside threat reporting.
var weekdayNames = set("monday tuesday wednesday thursday friday saturday sunday")

// weekdayAbbrevs open machine timestamps: "Mon Jun 18 16:28:11 2012".
var weekdayAbbrevs = set("mon tue wed thu fri sat sun")

// stampWeekday reports whether word k is a weekday's abbreviation before a
// month's: a timestamp's, no person, place or tool ("Tue" a person, "Mon"
// the Burmese state).
func stampWeekday(ws []word, k int) bool {
	if !weekdayAbbrevs[ws[k].lower] || k+1 >= len(ws) {
		return false
	}
	n := k + 1
	if ws[n].lower == "," && n+1 < len(ws) {
		n++
	}
	return months[strings.TrimSuffix(ws[n].lower, ".")] || n+1 < len(ws) && months[strings.TrimSuffix(ws[n+1].lower, ".")]
}

var (
	relUnits   = set("hour hours day days week weeks month months year years weekend decade decades")
	relLead    = set("past last next previous coming same following recent")
	quantWords = set("few several two three four five six seven eight nine ten 24 48 72 12")
	monthLead  = set("in since until till by during throughout between early late mid of from through before after")
	// seasons are dates, as modifiers too ("its autumn session",
	// entities.isw-dev.md); "fall" only with a year or "this", "last",
	// "next" ("the fall of Kherson" is an event).
	seasons = set("spring summer autumn winter")
	// dateModifiers before a month, a season or a year belong to the date:
	// "late May", "early 2023", "mid-August".
	dateModifiers = set("early late mid")
)

func isNum(w string, maxLen int) bool {
	if w == "" || len(w) > maxLen {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// eraYear is a year or a century's decade of an era: "1200 BCE", "575
// B.C", "the 1200s BCE", "476 CE", "800 A.D." (the final dot may end the
// sentence and stays out).
var eraYear = regexp.MustCompile(`^\d{1,4}s? (?:BCE|BC|B\.C\.E|B\.C|CE|C\.E|AD|A\.D)\b`)

// eraEnd returns the index of the last word of a year with its era that
// starts at word i, or -1. "AD" is Active Directory in threat reporting,
// and after a number of one or two digits.
func eraEnd(text string, ws []word, i int, cti bool) int {
	w := ws[i].lower
	if w == "" || w[0] < '0' || w[0] > '9' || i > 0 && ws[i-1].end == ws[i].start && ws[i-1].lower != "(" {
		return -1
	}
	m := eraYear.FindString(text[ws[i].start:min(len(text), ws[i].start+16)])
	if m == "" || (cti || len(w) < 3) && (strings.HasSuffix(m, "AD") || strings.HasSuffix(m, "A.D")) {
		return -1 // (and "2 AD servers" are no year)
	}
	end := ws[i].start + len(m)
	for j := i + 1; j < len(ws) && ws[j].start < end; j++ {
		if ws[j].end == end {
			return j
		}
	}
	return -1
}

// yearRange reports whether words i to i+2 are a range of years written
// with a hyphen or dash and nothing around: "1980-88", "1990–91",
// "1977-1979", the second year after the first; not "2019-20-21" or a
// version "2.1980-88".
func yearRange(text string, ws []word, i int) bool {
	if i+2 >= len(ws) || !isYear(ws[i].lower) || ws[i+1].lower != "-" && ws[i+1].lower != "–" ||
		ws[i+1].start != ws[i].end || ws[i+2].start != ws[i+1].end {
		return false
	}
	a, b := ws[i].lower, ws[i+2].lower
	switch {
	case len(b) == 2 && isNum(b, 2):
		b = a[:2] + b
	case !isYear(b):
		return false
	}
	if b <= a {
		return false
	}
	st, en := ws[i].start, ws[i+2].end
	// (by rune: the en dash is three bytes)
	rb, _ := utf8.DecodeLastRuneInString(text[:st])
	ra, _ := utf8.DecodeRuneInString(text[en:])
	before := st > 0 && strings.ContainsRune(".-–/:_", rb)
	after := en < len(text) && (strings.ContainsRune("-–/:_", ra) || text[en] == '.' && en+1 < len(text) && text[en+1] >= '0' && text[en+1] <= '9')
	return !before && !after
}

func isYear(w string) bool {
	return isNum(w, 4) && len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))
}

// namedMonth reports whether the month name at word i is part of a name:
// after a capitalised word that does not lead dates, with no lower-case
// word after it ("Red October", "Black September"; "the Chicago Purchasing
// Managers August index" is a month).
func namedMonth(text string, ws []word, i int) bool {
	if i == 0 || !ws[i-1].upper || ws[i-1].end >= ws[i].start || strings.Trim(text[ws[i-1].end:ws[i].start], " \u00a0") != "" ||
		!isLetters(text[ws[i-1].start:ws[i-1].end]) || isUpperCase(text[ws[i].start:ws[i].end]) {
		return false
	}
	if p := ws[i-1].lower; determiners[p] || dateModifiers[p] || dayLead[p] || monthLead[p] || p == "each" || p == "every" {
		return false
	}
	if i+1 < len(ws) && ws[i+1].start == ws[i].end && ws[i+1].lower == "-" {
		return false // "Press Note July-SCO.docm"
	}
	return !(i+1 < len(ws) && !ws[i+1].upper && isLetters(ws[i+1].lower))
}

// findDates finds absolute dates ("November 2", "October 13, 2021", "2021")
// and relative periods ("the past 24 hours", "the same day", "a few weeks").
// In threat reporting "early" and "late" stay outside the date, as AnnoCTR
// writes them (11 of its 17 training dates after one); "mid-" is inside in
// both.
func findDates(text string, ws []word, cti bool) []pipeline.Entity {
	var out []pipeline.Entity
	lw := func(i int) string {
		if i < 0 || i >= len(ws) {
			return ""
		}
		return ws[i].lower
	}
	emit := func(i, j int) {
		// A modifier before it: "late May", "mid-August".
		switch {
		case i > 0 && dateModifiers[lw(i-1)] && !cti && ws[i-1].end+1 == ws[i].start && text[ws[i-1].end] == ' ':
			i--
		case i > 1 && lw(i-1) == "-" && lw(i-2) == "mid" && ws[i-2].end == ws[i-1].start && ws[i-1].end == ws[i].start:
			i -= 2
		}
		label := pipeline.LabelDate
		if h := bodyAfterDate(text, ws, j); h > 0 {
			j, label = h, pipeline.LabelOrg // "the March 23 Movement", "the 14 March Alliance": a body named for a day
		}
		s, e := ws[i].start, ws[j].end
		out = append(out, pipeline.Entity{Start: s, End: e, Text: text[s:e], Label: label, Source: "pattern"})
	}
	// A weekday outside threat reporting, where AnnoCTR marks none; not
	// inside a name ("Black Monday", "Tuesday Weld").
	weekday := func(k int) bool {
		return !cti && k < len(ws) && weekdayNames[ws[k].lower] && isUpperWord(text[ws[k].start:ws[k].end]) &&
			!(k > 0 && ws[k-1].upper && ws[k-1].end+1 == ws[k].start && !dayLead[lw(k-1)]) &&
			!(k+1 < len(ws) && ws[k+1].upper && ws[k].end+1 == ws[k+1].start)
	}
	// A month is led by a preposition of time or a modifier ("throughout
	// March"), or coordinated with a month ("between March and May").
	monthLed := func(i int) bool {
		return monthLead[lw(i-1)] || (lw(i-1) == "and" || lw(i-1) == "or" || lw(i-1) == "to") && i >= 2 && months[lw(i-2)]
	}
	for i := 0; i < len(ws); i++ {
		w := lw(i)
		switch {
		case ws[i].is(clsMonth) && isUpperWord(text[ws[i].start:ws[i].end]):
			j := i
			if lw(j+1) == "." && isNum(lw(j+2), 2) {
				j++ // "Jan. 5"
			}
			switch {
			case isNum(lw(j+1), 2) || isOrdinal(lw(j+1)): // "March 12", "July 21st"
				j++
				if lw(j+1) == "," && isYear(lw(j+2)) {
					j += 2
				} else if isYear(lw(j + 1)) {
					j++
				}
			case isYear(lw(j + 1)):
				j++
			case lw(j+1) == "of" && isYear(lw(j+2)):
				j += 2 // "November of 2019"
			case w == "may" || w == "mar" || w == "jun" || w == "jan":
				if !monthLed(i) {
					continue // "May" the modal, "Mar" a name
				}
			case !monthLed(i) && !(lw(i-1) == "-" && lw(i-2) == "mid"): // ("early", "late" and "mid" lead months)
				if w != "january" && w != "february" && w != "september" && w != "october" && w != "november" && w != "december" {
					continue
				}
				if namedMonth(text, ws, i) {
					continue
				}
			}
			emit(i, j)
			i = j
		case (isNum(w, 2) || isOrdinal(w)) && dayMonth(text, ws, i+1):
			j := i + 1 // "12 March", "27th of February of 2020"
			if lw(j) == "of" {
				j++
			}
			if isYear(lw(j + 1)) {
				j++
			} else if lw(j+1) == "of" && isYear(lw(j+2)) {
				j += 2
			}
			emit(i, j)
			i = j
		case yearRange(text, ws, i):
			emit(i, i+2) // "1980-88", "1990–91", "1977-1979"
			i += 2
		case eraEnd(text, ws, i, cti) > i:
			j := eraEnd(text, ws, i, cti)
			emit(i, j) // "1200 BCE", "575 B.C", "the 1200s BCE", "476 CE"
			i = j
		case isYear(w) && !glued(text, ws, i) && !(i > 0 && numbered.After(lw(i-1), ws[i-1].upper) && ws[i-1].end+1 == ws[i].start):
			emit(i, i) // not "Windows Server 2008", "port 2048"
		case w == "the" && relLead[lw(i+1)]:
			// "the past 24 hours", "the same day", "the past six months"
			k := i + 1
			if quantWords[lw(k+1)] || isNum(lw(k+1), 3) {
				k++
			}
			if relUnits[lw(k+1)] {
				emit(i, k+1)
				i = k + 1
			}
		case w == "a" && lw(i+1) == "few" && relUnits[lw(i+2)]:
			j := i + 2 // "a few weeks"
			if lw(j+1) == "ago" {
				j++
			}
			emit(i, j)
			i = j
		case lw(i+2) == "ago" && relUnits[lw(i+1)] && (w == "some" || w == "several" || isNum(w, 2) || quantWords[w]):
			emit(i, i+2) // "some weeks ago", "two days ago"; not the bare duration "for several days"
			i += 2
		case (w == "this" || w == "last" || w == "next") && (relUnits[lw(i+1)] || seasons[lw(i+1)] || lw(i+1) == "fall" ||
			weekday(i+1) && ws[i].end+1 == ws[i+1].start):
			emit(i, i+1) // "this year", "last week", "last winter", "last Thursday"
			i++
		case weekday(i):
			emit(i, i) // "on Monday", "Saturday's attack"
		case (ws[i].is(clsSeason) || w == "fall") && isYear(lw(i+1)):
			emit(i, i+1) // "autumn 2022", "fall 2021"
			i++
		case ws[i].is(clsSeason) && !(i > 0 && ws[i-1].upper && ws[i-1].end+1 == ws[i].start) && !(i+1 < len(ws) && ws[i+1].upper && ws[i].upper):
			emit(i, i) // "the autumn", "its winter offensive"; not "Arab Spring" or "Winter Olympics"
		}
	}
	return out
}

// namedDays finds the names of days outside threat reporting: capitalised
// words before a capitalised "Day" ("Victory Day", "National Unity Day",
// "Thanksgiving Day", "Navy Day"), which re3d marks Temporal and the timex
// stage values where it knows the day. The gazetteer had taken "Unity" and
// "Independence" for towns and the model "Navy Day" for an organisation.
// Not a person's ("Doris Day": a listed given name), not after a listed
// place or people, which stays a name of its own ("Russia Day" is one, but
// "Ukraine" keeps its label in "Ukraine Independence Day"), nor before a
// capitalised word no list holds, which goes on with the name ("Seventh Day
// Adventist").
func (s *Stage) namedDays(text string, ws []word) []pipeline.Entity {
	var out []pipeline.Entity
	for h := 1; h < len(ws); h++ {
		if ws[h].lower != "day" || !ws[h].upper || text[ws[h-1].end:ws[h].start] != " " {
			continue
		}
		st := h
		for st > 0 && h-st < 3 && text[ws[st-1].end:ws[st].start] == " " && ws[st-1].upper && isNameWord(text, ws[st-1]) &&
			!functionWords[ws[st-1].lower] && !s.countryOrPeople(ws[st-1]) {
			st--
		}
		if st == h || s.gaz.names[ws[st].lower]&models.NameGiven != 0 {
			continue
		}
		if h+1 < len(ws) && ws[h+1].upper && text[ws[h].end:ws[h+1].start] == " " && !calendarWord(ws[h+1].lower) &&
			ws[h+1].gaz == 0 && s.gaz.names[ws[h+1].lower] == 0 {
			continue // "Seventh Day Adventist": the day opens a longer name ("On Thanksgiving Day Doris Day sang" does not)
		}
		out = append(out, pipeline.Entity{Start: ws[st].start, End: ws[h].end, Text: text[ws[st].start:ws[h].end], Label: pipeline.LabelDate, Source: "pattern"})
	}
	return out
}

// countryOrPeople reports whether the gazetteer lists a word alone as a
// country or a people.
func (s *Stage) countryOrPeople(w word) bool {
	return s.listedWith(w.gaz, func(e models.GazEntry) bool { return e.Label == pipeline.LabelNORP || e.Kind == "country" })
}

// dateBodyHeads end the names of movements and coalitions named for a day.
var dateBodyHeads = set("movement alliance coalition front brigade brigades organization organisation")

// bodyAfterDate returns the index of the head of a body's name that the date
// ending at word j opens, after at most one more capitalised word ("April 6
// Youth Movement"), or -1.
func bodyAfterDate(text string, ws []word, j int) int {
	for h := j + 1; h < len(ws) && h <= j+2; h++ {
		if !ws[h].upper || text[ws[h-1].end:ws[h].start] != " " {
			return -1
		}
		if dateBodyHeads[ws[h].lower] {
			return h
		}
	}
	return -1
}

// dayMonth reports whether a capitalised month, or "of" and one, follows a
// day number at word i ("27th of February"), as the timex stage reads it.
func dayMonth(text string, ws []word, i int) bool {
	if i < len(ws) && ws[i].lower == "of" {
		i++
	}
	return i < len(ws) && months[ws[i].lower] && isUpperWord(text[ws[i].start:ws[i].end])
}

// isOrdinal reports whether w is a day written as an ordinal: "1st", "27th".
func isOrdinal(w string) bool {
	n := len(w) - 2
	if n < 1 || n > 2 || !isNum(w[:n], 2) {
		return false
	}
	switch w[n:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// glued reports whether a number is part of a longer token (a version, a
// code, a hash): joined to its neighbours without spaces by '.', '-', '/' or ':'.
func glued(text string, ws []word, i int) bool {
	s, e := ws[i].start, ws[i].end
	if s > 0 && strings.ContainsRune(".-/:_", rune(text[s-1])) && s > 1 && text[s-2] != ' ' {
		return true
	}
	if e < len(text)-1 && strings.ContainsRune(".-/:_", rune(text[e])) && text[e+1] != ' ' && text[e+1] != '\n' {
		return true
	}
	return false
}
