package timex

import (
	"strconv"
	"strings"
	"time"
)

// The lexicons of the rule table: every word the rules look up is here, so a
// new spelling is a new entry, not a new rule.

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
	"nov": 11, "dec": 12,
}

// ambiguousMonths are months that are also common words or names ("May" the
// modal, "March" the verb): alone, they need a lead word or a number.
var ambiguousMonths = set("may march mar jan jun aug")

// monthLead are words after which a bare month name is a date.
var monthLead = set("in since until till by during early late mid of from through throughout before after" +
	" last next this that each every between and or to ending end beginning start middle")

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var seasons = map[string]string{"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

// partsOfDay map to TIMEX3 parts of day.
var partsOfDay = map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "single": 1,
}

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
	"9th": 9, "10th": 10,
}

// vagueUnits are quantities with no number: "several weeks" is PXW.
var vagueUnits = set("several few many some multiple numerous")

// unitFillers may stand between a number and its unit ("five trading days").
var unitFillers = set("trading business working calendar straight consecutive successive full more additional")

// mods are words before an expression that TIMEX3 records as mod.
var mods = map[string]string{
	"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
	"nearly": "LESS_THAN", "almost": "LESS_THAN", "under": "LESS_THAN",
	"over": "MORE_THAN",
}

// twoWordMods are two-word mods ("more than", "at least").
var twoWordMods = map[[2]string]string{
	{"more", "than"}: "MORE_THAN", {"less", "than"}: "LESS_THAN", {"at", "least"}: "EQUAL_OR_MORE",
	{"up", "to"}: "EQUAL_OR_LESS", {"at", "most"}: "EQUAL_OR_LESS", {"fewer", "than"}: "LESS_THAN",
}

// pointMods are words before a calendar value that narrow it.
var pointMods = map[string]string{"early": "START", "late": "END", "mid": "MID", "middle": "MID"}

// edgeNouns are "the end of X", "the beginning of X".
var edgeNouns = map[string]string{"end": "END", "beginning": "START", "start": "START", "middle": "MID", "close": "END"}

// refWords are vague references to the past, present or future.
var refWords = map[string]string{
	"recently": "PAST_REF", "currently": "PRESENT_REF", "now": "PRESENT_REF", "nowadays": "PRESENT_REF",
	"soon": "FUTURE_REF",
}

// refPhrases are multi-word vague references, longest first within a first word.
type refPhrase struct {
	words []string
	value string
}

var refPhrases = []refPhrase{
	{strings.Fields("the near future"), "FUTURE_REF"},
	{strings.Fields("the near term"), "FUTURE_REF"},
	{strings.Fields("the long term"), "FUTURE_REF"},
	{strings.Fields("the short term"), "FUTURE_REF"},
	{strings.Fields("the medium term"), "FUTURE_REF"},
	{strings.Fields("the future"), "FUTURE_REF"},
	{strings.Fields("the time being"), "PRESENT_REF"},
	{strings.Fields("the moment"), "PRESENT_REF"},
	{strings.Fields("the present"), "PRESENT_REF"},
	{strings.Fields("the past"), "PAST_REF"},
	{strings.Fields("these days"), "PRESENT_REF"},
	{strings.Fields("recent years"), "PAST_REF"},
	{strings.Fields("recent months"), "PAST_REF"},
	{strings.Fields("recent weeks"), "PAST_REF"},
	{strings.Fields("recent days"), "PAST_REF"},
	{strings.Fields("very soon"), "FUTURE_REF"},
	{strings.Fields("more recently"), "PAST_REF"},
}

// refPhrasesByFirst indexes refPhrases by their first word.
var refPhrasesByFirst = func() map[string][]refPhrase {
	m := map[string][]refPhrase{}
	for _, p := range refPhrases {
		m[p.words[0]] = append(m[p.words[0]], p)
	}
	return m
}()

// sets are frequency words: "weekly" is every week.
var sets = map[string]string{
	"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
	"quarterly": "P3M", "annually": "P1Y", "annual": "P1Y", "yearly": "P1Y", "biannual": "P6M",
}

// futureWords in the words before an expression make its clause
// forward-looking: "will meet on Friday" is the coming Friday.
var futureWords = set("will 'll shall would next upcoming coming expected scheduled planned plans plan due set intends")

// zones are time zones written after a clock time; the ones at UTC offset 0
// give a Z value.
var zones = map[string]bool{"utc": true, "gmt": true, "z": true, "zulu": true,
	"est": false, "edt": false, "cst": false, "cdt": false, "pst": false, "pdt": false, "mst": false,
	"mdt": false, "bst": false, "cet": false, "cest": false, "msk": false, "eet": false, "eest": false,
	"ist": false, "jst": false, "kst": false, "et": false, "pt": false}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// number reads "24", "five", "twenty-four" or "a"/"an" (one); it refuses
// numbers with separators ("1,000", "3.5"), which are counts, not spans of time.
func number(w string) (int, bool) {
	if n, ok := numberWords[w]; ok {
		return n, true
	}
	if w == "a" || w == "an" {
		return 1, true
	}
	if tens, ones, ok := strings.Cut(w, "-"); ok {
		t, ok1 := numberWords[tens]
		o, ok2 := numberWords[ones]
		if ok1 && ok2 && t >= 20 && t%10 == 0 && o < 10 {
			return t + o, true
		}
		return 0, false
	}
	if len(w) == 0 || len(w) > 4 || !digits(w) {
		return 0, false
	}
	n, _ := strconv.Atoi(w)
	return n, true
}

func digits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// unitWord reads a unit, singular or plural ("days", "centuries").
func unitWord(w string) (unit, bool, bool) {
	if u, ok := units[w]; ok {
		return u, ok, false
	}
	if w == "centuries" {
		return units["century"], true, true
	}
	if s, ok := strings.CutSuffix(w, "s"); ok {
		u, ok := units[s]
		return u, ok, true
	}
	return unit{}, false, false
}

// year reads a four-digit year from 1900 to 2099, or an apostrophe year ('82).
func year(w string) (int, bool) {
	for _, q := range []string{"'", "\u2019"} {
		if rest, ok := strings.CutPrefix(w, q); ok && len(rest) == 2 && digits(rest) {
			n, _ := strconv.Atoi(rest)
			return twoDigitYear(n), true
		}
	}
	if len(w) != 4 || !digits(w) || !(strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
		return 0, false
	}
	n, _ := strconv.Atoi(w)
	return n, true
}

func twoDigitYear(n int) int {
	if n < 50 {
		return 2000 + n
	}
	return 1900 + n
}

// dayOfMonth reads "5", "05", "5th", "21st".
func dayOfMonth(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if s, ok := strings.CutSuffix(w, suf); ok {
			w = s
			break
		}
	}
	if len(w) == 0 || len(w) > 2 || !digits(w) {
		return 0, false
	}
	n, _ := strconv.Atoi(w)
	return n, n >= 1 && n <= 31
}
