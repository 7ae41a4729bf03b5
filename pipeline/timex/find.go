package timex

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/pipeline/internal/numbered"
)

// word is one token of a sentence.
type word struct {
	start, end int
	text, low  string
}

// Expression types of TIMEX3.
const (
	typeDate     = "DATE"
	typeTime     = "TIME"
	typeDuration = "DURATION"
	typeSet      = "SET"
)

// match is one recognised expression over words [i, j) of a sentence, with
// the rule that gives its value once the context is known.
type match struct {
	i, j    int
	typ     string
	mod     string
	resolve func(r *resolver) result
	// trimDot leaves out the full stop the tokenizer kept on the last word
	// ("on Christmas Day." at a sentence end).
	trimDot bool
}

// result is a resolved value: the TIMEX3 string ("" for null), what it was
// anchored on, and the calendar point a later "the same day" may refer to.
type result struct {
	value  string
	anchor anchor
	point  *point
}

type anchor int

const (
	anchorNone anchor = iota // absolute: needs no anchor
	anchorDCT                // the document creation time (the report's date)
	anchorRef                // the last date the text resolved
)

func fixed(v string) func(*resolver) result {
	return func(*resolver) result { return result{value: v} }
}

// scanner reads one sentence's words.
type scanner struct {
	ws []word
	// placeEnds holds where the document's places and organisations end:
	// a weekday after one is no part of a name ("in Europe and Asia
	// Monday", unlike "Black Monday").
	placeEnds map[int]bool
}

// low is word k lower-cased ("" outside the sentence), computed on first use:
// rules read only the words around a possible start.
func (s *scanner) low(k int) string {
	if k < 0 || k >= len(s.ws) {
		return ""
	}
	w := &s.ws[k]
	if w.low == "" {
		w.low = strings.ToLower(w.text)
	}
	return w.low
}

// starts reports whether an expression may start at word k, without
// lower-casing or allocating.
func (s *scanner) starts(k int) bool {
	var buf [24]byte
	w := lowerInto(&buf, s.ws[k].text)
	if w == nil || !mayStartB(w) {
		return false
	}
	if !glue[string(w)] && !shortNumber(w) {
		return true
	}
	if k+1 >= len(s.ws) {
		return false
	}
	n := lowerInto(&buf, s.ws[k+1].text)
	return n != nil && mayFollowB(n)
}

func (s *scanner) upper(k int) bool {
	if k < 0 || k >= len(s.ws) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.ws[k].text)
	return unicode.IsUpper(r)
}

// future reports whether the words just before k look forward ("will",
// "is expected to", "next").
func (s *scanner) future(k int) bool {
	for i := max(0, k-8); i < k; i++ {
		if futureWords[s.low(i)] {
			return true
		}
	}
	return false
}

// futureAfter reports whether the clause after an expression that opens it
// looks forward ("by year end it will list").
func (s *scanner) futureAfter(j int) bool {
	for k := j; k < min(j+4, len(s.ws)); k++ {
		if futureWords[s.low(k)] {
			return true
		}
	}
	return false
}

// find returns the expressions of one sentence, left to right, longest
// first, from word from on (no expression starts before it).
func (s *scanner) find(from int) []match {
	var out []match
	for i := from; i < len(s.ws); {
		if !s.starts(i) {
			i++
			continue
		}
		if m, ok := s.first(i); ok && m.j > i {
			out = append(out, m)
			i = m.j
		} else {
			i++
		}
	}
	return out
}

// rules are tried in order at a word; the first that matches wins. (Method
// expressions: a table built once, not method values bound per sentence.)
var rules = [...]func(*scanner, int) (match, bool){(*scanner).stamp, (*scanner).holiday, (*scanner).clock, (*scanner).modified, (*scanner).calendarAt,
	(*scanner).relative, (*scanner).duration, (*scanner).frequency, (*scanner).vague}

// first applies the rules in order at word i and returns the first match.
func (s *scanner) first(i int) (match, bool) {
	for _, rule := range rules {
		if m, ok := rule(s, i); ok {
			return m, true
		}
	}
	return match{}, false
}

// mayStartB reports whether an expression can start with the lower-cased
// word w: most words cannot, and skipping them spares every rule's lookups
// (map lookups with string(w) do not allocate).
func mayStartB(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	c := w[0]
	if c >= '0' && c <= '9' || c == '\'' || c == 0xe2 && len(w) > 3 && w[1] == 0x80 && w[2] == 0x99 { // ’90s
		return true
	}
	if shaped(w) && starters[string(w)] {
		return true
	}
	if len(w) == 2 && (c == 'q' || c == 'h') && w[1] >= '1' && w[1] <= '4' || len(w) > 2 && c == 'f' && w[1] == 'y' {
		return true
	}
	if i := bytes.IndexByte(w, '-'); i > 0 {
		return shaped(w[:i]) && starters[string(w[:i])] || string(w[:i]) == "multi" || string(w) == "year-end"
	}
	return false
}

// shortNumber reports whether w is a number of one to three digits: it
// begins an expression only before a unit, a month, "pm" or a zone ("5
// days", "5 May", "4 pm"), and most numbers are counts.
func shortNumber(w []byte) bool {
	if len(w) > 3 {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// shaped reports whether a listed word (a starter or a follower) has w's
// length, first and second bytes and last byte: most words fail and are never
// hashed.
func shaped(w []byte) bool {
	n := len(w)
	if n == 0 || n >= len(shapeLast) {
		return false
	}
	return shapeLast[n][w[0]]&(1<<(w[n-1]&31)) != 0 && shapeSecond[n][w[0]]&(1<<(w[min(1, n-1)]&31)) != 0
}

// glue are starters that begin an expression only before a word that could
// be its second one ("the past", "a few", "this week", "some days", "two
// years"): they are frequent, and most of their uses begin nothing.
var glue = func() map[string]bool {
	m := set("the that a an more less at up fewer this last next past coming current year")
	// The first word of a holiday's name of several words ("New Year",
	// "Good Friday") begins an expression only before its second.
	for k := range holidays {
		w, _, ok := strings.Cut(k, " ")
		if _, single := holidays[w]; ok && !single && monthNames[w] == 0 {
			m[w] = true
		}
	}
	for _, ws := range []map[string]bool{vagueUnits, set(strings.Join(keys(mods), " ")), set(strings.Join(keys(numberWords), " ")),
		set(strings.Join(keys(ordinals), " ")), set(strings.Join(keys(pointMods), " "))} {
		for w := range ws {
			m[w] = true
		}
	}
	return m
}()

func mayFollowB(w []byte) bool {
	return mayStartB(w) || shaped(w) && followers[string(w)]
}

// followers are the words that may follow a glue word, besides starters.
var followers = func() map[string]bool {
	m := set("same couple future near long short medium time moment present than least most to quarter half and - of year-earlier year-ago")
	for _, ws := range []map[string]bool{theLead, unitFillers, set(strings.Join(keys(partsOfDay), " ")), set(strings.Join(keys(edgeNouns), " ")),
		set(strings.Join(keys(quarterOrdinals), " "))} {
		for w := range ws {
			m[w] = true
		}
	}
	for u := range units {
		m[u], m[u+"s"] = true, true
	}
	for k := range holidays {
		if ws := strings.Fields(k); len(ws) > 1 {
			m[ws[1]], m[ws[1]+"."] = true, true // "Victory Day." at a sentence end
			if ws[1] == "'s" || ws[1] == "'" {
				m[strings.ReplaceAll(ws[1], "'", "’")] = true
			}
		}
	}
	for w := range ampm {
		m[w] = true
	}
	for w := range zones {
		m[w] = true
	}
	return m
}()

// shapeLast and shapeSecond hold, per length and first byte, a bit for each
// last byte and each second byte (mod 32) of the starters and followers.
var shapeLast, shapeSecond = func() (last, second [25][256]uint32) {
	add := func(w string) {
		if n := len(w); n > 0 && n < len(last) {
			last[n][w[0]] |= 1 << (w[n-1] & 31)
			second[n][w[0]] |= 1 << (w[min(1, n-1)] & 31)
		}
	}
	for w := range starters {
		add(w)
	}
	for w := range followers {
		add(w)
	}
	return
}()

// starters are the words an expression can start with, from the lexicons.
var starters = func() map[string]bool {
	m := set("every each per fiscal earlier later year-end noon midday midnight")
	for _, words := range []map[string]bool{monthStarters(), weekdayStarters()} {
		for w := range words {
			m[w] = true
		}
	}
	add := func(keys []string) {
		for _, k := range keys {
			m[k] = true
		}
	}
	add(keys(seasons))
	add(keys(refWords))
	add(keys(sets))
	add(keys(dayOffsets))
	for _, p := range refPhrases {
		m[p.words[0]] = true
	}
	for u := range units {
		m[u+"s"] = true // "for years"; a singular unit starts nothing
	}
	m["centuries"] = true
	for w := range glue {
		m[w] = true
	}
	for w := range holidaysByFirst {
		m[w] = true
	}
	for w := range weekdays {
		m[w+"s"] = true // "on Tuesdays"
	}
	for w := range weekdayAbbrevs {
		m[w] = true // "Mon Jun 18 16:28:11 2012"
	}
	return m
}()

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func monthStarters() map[string]bool {
	m := map[string]bool{}
	for k := range monthNames {
		m[k], m[k+"."] = true, true
	}
	return m
}

func weekdayStarters() map[string]bool {
	m := map[string]bool{}
	for k := range weekdays {
		m[k] = true
	}
	return m
}

// ---- clock times: "14:48 UTC", "4:00 pm EST", "0800 UTC", "6 p.m." ----

var ampm = map[string]int{"am": 0, "a.m.": 0, "a.m": 0, "pm": 12, "p.m.": 12, "p.m": 12}

// namedHours are clock times by name; TIMEX3 writes midnight as the day's
// end, T24:00.
var namedHours = map[string]int{"noon": 12, "midday": 12, "midnight": 24}

var clockLead = set("at by until till from around about after before since approximately to between and")

func (s *scanner) clock(i int) (match, bool) {
	w := s.low(i)
	if h, ok := namedHours[w]; ok {
		// "at noon", "by midnight", "noon Tuesday": the day of the text or the report
		j := i + 1
		dj, dayRule, found := s.dayWord(j)
		if found {
			j = dj
		} else if !clockLead[s.low(i-1)] {
			return match{}, false
		} else {
			dayRule = s.dateAfter(j)
		}
		return clockMatch(i, j, h, 0, false, dayRule), true
	}
	if w == "" || w[0] < '0' || w[0] > '9' {
		return match{}, false
	}
	h, mi, ok := -1, 0, false
	j := i + 1
	explicit := false
	if a, b, found := strings.Cut(w, ":"); found && len(b) == 2 && digits(a) && digits(b) && len(a) <= 2 {
		h, _ = strconv.Atoi(a)
		mi, _ = strconv.Atoi(b)
		ok = true
	} else if len(w) == 4 && digits(w) {
		h, _ = strconv.Atoi(w[:2])
		mi, _ = strconv.Atoi(w[2:])
		_, zone := zones[s.low(j)]
		ok = zone || s.low(j) == "hrs"
		explicit = ok
	} else if digits(w) && len(w) <= 2 {
		h, _ = strconv.Atoi(w)
		_, ok = ampm[s.low(j)]
	} else if n, suf, found := cutAMPM(w); found {
		h, ok = n, true
		if suf >= 12 && h < 12 {
			h += 12
		}
		explicit = true
	}
	if !ok || h > 23 || mi > 59 {
		return match{}, false
	}
	if add, found := ampm[s.low(j)]; found {
		if h == 12 {
			h = 0
		}
		h += add
		j++
		explicit = true
	}
	zulu := false
	if z, found := zones[s.low(j)]; found {
		zulu = z
		j++
		explicit = true
	} else if s.low(j) == "hrs" {
		j++
	}
	if !explicit && !clockLead[s.low(i-1)] && !(s.low(i-1) == "of" && s.low(i-2) == "as") {
		return match{}, false // "as of 16:00" is a time, "a 10:30 ratio" is not
	}
	// A day word after the time is part of it: "16:00 UTC today", "12:00 UTC Monday".
	dj, dayRule, found := s.dayWord(j)
	if found {
		j = dj
	} else {
		dayRule = s.dateAfter(j)
	}
	return clockMatch(i, j, h, mi, zulu, dayRule), true
}

// dateAfter reads "[local time] on March 11" after a clock time: the day
// the time is on. The date stays a DATE of its own; the span is not extended.
func (s *scanner) dateAfter(j int) func(*resolver) (point, anchor, bool) {
	if s.low(j) == "local" && s.low(j+1) == "time" {
		j += 2
	}
	if s.low(j) != "on" {
		return nil
	}
	c, _, ok := s.calendar(j + 1)
	if !ok || c.g != gDay {
		return nil
	}
	fut := s.future(j)
	return func(r *resolver) (point, anchor, bool) {
		res := r.calendar(c, fut)
		if res.point == nil {
			return point{}, res.anchor, false
		}
		return *res.point, res.anchor, true
	}
}

// clockMatch builds the match of clock (apart, so that its closure's
// captures are not moved to the heap on every call of clock).
func clockMatch(i, j, h, mi int, zulu bool, dayRule func(*resolver) (point, anchor, bool)) match {
	hhmm := strconv.Itoa(100 + h)[1:] + ":" + strconv.Itoa(100 + mi)[1:]
	return match{i: i, j: j, typ: typeTime, resolve: func(r *resolver) result {
		var p point
		var a anchor
		if dayRule != nil {
			var ok bool
			if p, a, ok = dayRule(r); !ok {
				return result{value: "XXXX-XX-XXT" + hhmm, anchor: a}
			}
		} else if rp, ok := r.refDay(); ok {
			p, a = rp, anchorRef
		} else if r.hasDCT {
			p, a = point{t: r.dct, g: gDay}, anchorDCT
		} else {
			return result{value: "XXXX-XX-XXT" + hhmm}
		}
		p.part, p.zulu = hhmm, zulu
		return result{value: p.value(), anchor: a}
	}}
}

func cutAMPM(w string) (int, int, bool) {
	for suf, add := range ampm {
		if n, ok := strings.CutSuffix(w, suf); ok && digits(n) && len(n) <= 2 {
			h, _ := strconv.Atoi(n)
			return h, add, h >= 1 && h <= 12
		}
	}
	return 0, 0, false
}

// dayWord reads a day named relative to the report after a clock time:
// today, yesterday, tomorrow, a weekday (optionally after "on").
func (s *scanner) dayWord(j int) (int, func(*resolver) (point, anchor, bool), bool) {
	k := j
	if s.low(k) == "on" {
		k++
	}
	if off, ok := dayOffsets[s.low(k)]; ok && k == j {
		return k + 1, func(r *resolver) (point, anchor, bool) {
			if !r.hasDCT {
				return point{}, anchorDCT, false
			}
			return point{t: r.dct.AddDate(0, 0, off), g: gDay}, anchorDCT, true
		}, true
	}
	if wd, ok := weekdays[s.low(k)]; ok && s.upper(k) {
		fut := s.future(j)
		return k + 1, func(r *resolver) (point, anchor, bool) {
			p, ok := r.weekday(wd, dirOf(fut), false)
			return p, anchorDCT, ok
		}, true
	}
	return 0, nil, false
}

var dayOffsets = map[string]int{"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}

func dirOf(future bool) int {
	if future {
		return 1
	}
	return -1
}

// ---- approximations and bounds before a duration or a date: "nearly five months" ----

func (s *scanner) modified(i int) (match, bool) {
	mod, k := "", i
	if m, ok := twoWordMods[[2]string{s.low(i), s.low(i + 1)}]; ok {
		mod, k = m, i+2
	} else if m, ok := mods[s.low(i)]; ok {
		mod, k = m, i+1
	} else {
		return match{}, false
	}
	m, ok := s.duration(k)
	if !ok || s.low(k) == "the" {
		return match{}, false
	}
	m.i, m.mod = i, mod
	return m, true
}

// ---- calendar dates: months, days, years, decades, seasons, quarters ----

// fallLead are the words before "the fall" that make it the season ("in
// the fall", "by the fall").
var fallLead = set("in during by until till through since before after")

// centuryOrdinal returns the century an ordinal names ("19th",
// "nineteenth"), or 0.
func centuryOrdinal(w string) int {
	if n := len(w); n >= 3 && digits(w[:n-2]) {
		switch w[n-2:] {
		case "st", "nd", "rd", "th":
			if v, err := strconv.Atoi(w[:n-2]); err == nil && v >= 1 && v <= 21 {
				return v
			}
		}
		return 0
	}
	return map[string]int{"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
		"seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20}[w]
}

// cal is a calendar expression before resolution; zero parts are not given.
type cal struct {
	g      gran
	y      int
	m      time.Month
	d      int
	n      int // quarter or half
	season string
	fy     bool
	yrel   bool     // y is an offset from the DCT's year ("of last year")
	past   bool     // the text says it lies before the report ("since November")
	hol    *holiday // a named day ("Christmas"): its month and day depend on the year
}

func (s *scanner) calendarAt(i int) (match, bool) {
	mod, k := "", i
	w := s.low(i)
	if pm, ok := pointMods[w]; ok {
		mod, k = pm, i+1
		if s.low(k) == "-" {
			k++ // "mid-August", split by appendWords
		}
	} else if pm, ok := edgeNouns[s.low(i+1)]; ok && w == "the" && s.low(i+2) == "of" {
		mod, k = pm, i+3
		if m, ok := s.relative(k); ok && m.typ == typeDate {
			m.i, m.mod = i, pm
			return m, true
		}
		if u, ok, plural := unitWord(s.low(k + 1)); ok && !plural && s.low(k) == "the" && !u.clock && u.letter != "D" &&
			(u.scale == 1 || u.scale == 10 || u.scale == 100) {
			// "the end of the year", "the end of the decade": the report's
			g := u.calendarGran()
			return match{i: i, j: k + 2, typ: typeDate, mod: pm, resolve: func(r *resolver) result { return r.fromDCT(g, 0, "") }}, true
		}
	}
	c, j, ok := s.calendar(k)
	if !ok {
		if mod != "" && k > i {
			// "early next year", "late Friday", "the end of last month"
			if m, ok := s.relative(k); ok && m.typ == typeDate {
				m.i, m.mod = i, mod
				return m, true
			}
		}
		return match{}, false
	}
	return s.calMatch(i, j, c, mod), true
}

func (s *scanner) calMatch(i, j int, c cal, mod string) match {
	fut := s.future(i)
	c.past = s.low(i-1) == "since" // "since November" in March is last November
	return match{i: i, j: j, typ: typeDate, mod: mod, resolve: func(r *resolver) result { return r.calendar(c, fut) }}
}

// calendar reads an absolute calendar expression at k.
func (s *scanner) calendar(k int) (cal, int, bool) {
	w := s.low(k)
	// ISO 2022-03-12 and US 7/8/07.
	if len(w) == 10 && w[4] == '-' && w[7] == '-' && digits(w[:4]) && digits(w[5:7]) && digits(w[8:]) {
		y, _ := strconv.Atoi(w[:4])
		m, _ := strconv.Atoi(w[5:7])
		d, _ := strconv.Atoi(w[8:])
		if validDate(y, m, d) {
			return cal{g: gDay, y: y, m: time.Month(m), d: d}, k + 1, true
		}
	}
	if strings.Count(w, "/") != 2 {
		// not a slash date
	} else if parts := strings.Split(w, "/"); len(parts) == 3 && digits(parts[0]) && digits(parts[1]) && digits(parts[2]) &&
		len(parts[0]) <= 2 && len(parts[1]) <= 2 && (len(parts[2]) == 2 || len(parts[2]) == 4) {
		m, _ := strconv.Atoi(parts[0])
		d, _ := strconv.Atoi(parts[1])
		y, _ := strconv.Atoi(parts[2])
		if len(parts[2]) == 2 {
			y = twoDigitYear(y)
		}
		if m > 12 {
			m, d = d, m
		}
		if validDate(y, m, d) {
			return cal{g: gDay, y: y, m: time.Month(m), d: d}, k + 1, true
		}
	}
	// Month [.] [D[,]] [YYYY]
	if m, ok := monthNames[strings.TrimSuffix(w, ".")]; ok && s.upper(k) {
		j := k + 1
		if _, ok := dayOfMonth(s.low(j + 1)); ok && s.low(j) == "." {
			j++ // "Jan . 5"
		}
		c := cal{g: gMonth, m: m}
		if d, ok := dayOfMonth(s.low(j)); ok && !s.glued(j) {
			c.g, c.d = gDay, d
			j++
			if y, ok := s.yearAt(j + 1); ok && s.low(j) == "," {
				c.y, j = y, j+2
			} else if y, ok := s.yearAt(j); ok {
				c.y, j = y, j+1
			}
		} else if s.low(j) == "of" && s.isYearWord(j+1) {
			c.y, _ = s.yearAt(j + 1)
			j += 2
		} else if rel, ok := relYear[s.low(j+1)+" "+s.low(j+2)]; ok && s.low(j) == "of" && s.low(j+1) != "the" && s.low(j+1) != "that" {
			// "October of next year" is October 2010 and "next year" 2010, two
			// expressions as MEANTIME and TimeML write them ("of that year" is
			// the text's year, not the report's).
			c.y, c.yrel = rel, true
		} else if y, ok := s.yearAt(j); ok {
			c.y, j = y, j+1
		} else if y, ok := s.yearAt(j + 1); ok && s.low(j) == "," {
			c.y, j = y, j+2
		} else if !s.bareMonthOK(k, w) {
			return cal{}, 0, false
		}
		if c.g == gDay && !validDate(max(c.y, 2000), int(c.m), c.d) {
			return cal{}, 0, false
		}
		return c, j, true
	}
	// D Month [YYYY], "the 5th of May"
	if d, ok := dayOfMonth(w); ok && !s.glued(k) {
		j := k + 1
		if s.low(j) == "of" {
			j++
		}
		if m, ok := monthNames[strings.TrimSuffix(s.low(j), ".")]; ok && s.upper(j) {
			c := cal{g: gDay, m: m, d: d}
			j++
			if y, ok := s.yearAt(j); ok {
				c.y, j = y, j+1
			} else if s.low(j) == "of" && s.isYearWord(j+1) {
				c.y, _ = s.yearAt(j + 1) // "the 27th of February of 2020"
				j += 2
			}
			if validDate(max(c.y, 2000), int(c.m), c.d) {
				return c, j, true
			}
		}
	}
	// Seasons: "autumn 2022", "the summer of 2014", "spring".
	if se, ok := seasons[w]; ok && !(s.upper(k-1) && s.upper(k) && k > 0) {
		c := cal{g: gSeason, season: se}
		j := k + 1
		if y, ok := s.yearAt(j); ok {
			c.y, j = y, j+1
		} else if s.low(j) == "of" && s.isYearWord(j+1) {
			c.y, _ = s.yearAt(j + 1)
			j += 2
		} else if w == "fall" && (s.low(k-1) != "the" || !fallLead[s.low(k-2)] || s.low(j) == "of") {
			return cal{}, 0, false // "the fall of Kabul"; "in the fall" is the season
		}
		return c, j, true
	}
	// Centuries: "the 19th century", "the twentieth century", "the early 20th century".
	if n := centuryOrdinal(w); n > 0 && s.low(k+1) == "century" && !s.upper(k+1) {
		return cal{g: gCentury, y: (n - 1) * 100}, k + 2, true
	}
	// Quarters and halves: "the third quarter of 2009", "Q3 2009", "third-quarter", "the first half of 2022".
	if c, j, ok := s.quarter(k); ok {
		return c, j, true
	}
	// Fiscal years: "fiscal 2009", "fiscal year 2009", "FY2009".
	if w == "fiscal" {
		j := k + 1
		if s.low(j) == "year" {
			j++
		}
		if y, ok := s.yearAt(j); ok {
			return cal{g: gYear, y: y, fy: true}, j + 1, true
		}
	}
	if rest, ok := strings.CutPrefix(w, "fy"); ok {
		if len(rest) == 4 {
			if y, ok := year(rest); ok {
				return cal{g: gYear, y: y, fy: true}, k + 1, true
			}
		} else if len(rest) == 2 && digits(rest) {
			n, _ := strconv.Atoi(rest)
			return cal{g: gYear, y: twoDigitYear(n), fy: true}, k + 1, true
		}
	}
	// Decades: "1990s", "the '90s", "the 70s".
	if rest, ok := strings.CutSuffix(w, "s"); ok {
		if y, ok := year(rest); ok && y%10 == 0 {
			return cal{g: gDecade, y: y}, k + 1, true
		}
		if len(rest) == 2 && digits(rest) && rest[1] == '0' && (s.low(k-1) == "the" || s.low(k-1) == "and" || pointMods[s.low(k-1)] != "") {
			n, _ := strconv.Atoi(rest)
			return cal{g: gDecade, y: twoDigitYear(n)}, k + 1, true
		}
	}
	if y, ok := s.yearAt(k); ok && s.yearAlone(k) {
		return cal{g: gYear, y: y}, k + 1, true
	}
	return cal{}, 0, false
}

func validDate(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && day(y, time.Month(m), d).Day() == d
}

// bareMonthOK reports whether a month name with no day or year is a date:
// words that are also verbs, modals or names ("May", "March") need a lead
// word ("in May", "by March").
func (s *scanner) bareMonthOK(k int, w string) bool {
	if monthLead[s.low(k-1)] || s.low(k-1) == "-" || s.low(k+1) == "-" {
		return true
	}
	if ambiguousMonths[w] || len(w) <= 4 {
		return false
	}
	if p, n := s.low(k-1), s.low(k+1); s.named(k) && s.ws[k].text != strings.ToUpper(s.ws[k].text) && p != "the" && p != "a" && p != "each" && p != "every" && p != "that" &&
		(n == "" || s.upper(k+1) || !isLetterWord(n)) { // ("the Managers August index" is a month)
		return false // "Red October", "Black September": a name (the entities stage reads them so too)
	}
	// Other month names mid-sentence are dates; at a sentence start they are
	// dates only before a comma or a verb-less continuation.
	return k > 0
}

// glued reports whether token k is joined to a neighbour without a space
// ("5-6", "3/4"): part of a code or a range, not a day.
func (s *scanner) glued(k int) bool {
	if k <= 0 || k >= len(s.ws) {
		return false
	}
	return s.ws[k-1].end == s.ws[k].start && !strings.ContainsAny(s.ws[k-1].text, ".,")
}

func (s *scanner) yearAt(k int) (int, bool) {
	if k < 0 || k >= len(s.ws) {
		return 0, false
	}
	return year(s.low(k))
}

func (s *scanner) isCalendarWord(k int) bool {
	_, ok := monthNames[s.low(k)]
	return ok
}

func (s *scanner) isYearWord(k int) bool {
	_, ok := s.yearAt(k)
	return ok
}

// countNouns after a number make it a count ("2000 troops"), not a year.
var countNouns = set("troops soldiers people civilians men women children fighters personnel tanks vehicles units" +
	" km kilometers kilometres miles meters metres feet ft tons tonnes rounds shells missiles drones rockets" +
	" casualties refugees cases members residents households employees workers jobs votes dollars euros" +
	" rubles hryvnias barrels hectares acres kg mm sq square servicemen prisoners deaths killed wounded" +
	" strikes attacks incidents samples hosts files bytes users accounts pages words times percent")

// yearAlone reports whether a four-digit number standing alone is a year:
// not a count, an amount, a number or an identifier.
func (s *scanner) yearAlone(k int) bool {
	if strings.HasPrefix(s.low(k), "'") || strings.HasPrefix(s.low(k), "\u2019") {
		return true
	}
	prev, next := s.low(k-1), s.low(k+1)
	if k > 0 && s.ws[k-1].end+1 == s.ws[k].start && numbered.After(prev, s.upper(k-1)) {
		return false // "Windows Server 2008", "port 2048": a release or an identifier
	}
	switch prev {
	case "$", "€", "£", "#", "no", "no.", "number", "nr", "№", "about", "nearly", "some", "approximately", "over", "than", "of:":
		return false
	}
	if next == "-" {
		// "2009-2010" is two years; "2009-123" is an identifier.
		return s.isYearWord(k+2) || s.isCalendarWord(k+2)
	}
	if prev == "-" {
		return s.isYearWord(k-2) || s.isCalendarWord(k-2) || pointMods[s.low(k-2)] != ""
	}
	if countNouns[next] || next == "%" || next == "/" {
		return false
	}
	if k+1 < len(s.ws) && s.ws[k].end == s.ws[k+1].start && next != "," && next != "." && next != ")" && next != ";" && next != ":" && next != "'s" {
		return false
	}
	return !(k > 0 && s.ws[k-1].end == s.ws[k].start && prev != "(" && prev != "\"" && prev != "“")
}

var quarterOrdinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
	"4th": 4, "final": 4, "last": -1}

// quarter reads quarters and halves of a year.
func (s *scanner) quarter(k int) (cal, int, bool) {
	w := s.low(k)
	if len(w) == 2 && (w[0] == 'q' || w[0] == 'h') && w[1] >= '1' && w[1] <= '4' && s.upper(k) {
		c := cal{g: gQuarter, n: int(w[1] - '0')}
		if w[0] == 'h' {
			if c.n > 2 {
				return cal{}, 0, false
			}
			c.g = gHalf
		}
		j := k + 1
		if y, ok := s.yearAt(j); ok {
			c.y, j = y, j+1
		}
		return c, j, true
	}
	if pre, post, ok := strings.Cut(w, "-"); ok && (post == "quarter" || post == "half") {
		if n, ok := quarterOrdinals[pre]; ok && n > 0 {
			g := gQuarter
			if post == "half" {
				if n > 2 {
					return cal{}, 0, false
				}
				g = gHalf
			}
			return cal{g: g, n: n}, k + 1, true
		}
	}
	j := k
	if w == "the" {
		j++
	}
	if y, ok := s.yearAt(j); ok {
		// "the 1989 fourth quarter", "1989's fourth quarter": the year first
		q := j + 1
		if s.low(q) == "'s" || s.low(q) == "’s" {
			q++
		}
		if q > j+1 || j > k {
			if c, e, ok := s.quarter(q); ok && c.y == 0 && c.n > 0 && s.low(q) != "the" {
				c.y = y
				return c, e, true
			}
		}
		return cal{}, 0, false
	}
	n, ok := quarterOrdinals[s.low(j)]
	if !ok || j == k && n < 0 {
		return cal{}, 0, false
	}
	g := gQuarter
	switch s.low(j + 1) {
	case "quarter":
	case "half":
		if n > 2 || n < 0 {
			return cal{}, 0, false
		}
		g = gHalf
	default:
		return cal{}, 0, false
	}
	c := cal{g: g, n: n}
	j += 2
	if s.low(j) == "of" {
		if y, ok := s.yearAt(j + 1); ok {
			c.y, j = y, j+2
		} else if rel, ok := relYear[s.low(j+1)+" "+s.low(j+2)]; ok {
			c.y, c.yrel, j = rel, true, j+3
		} else if s.low(j+1) == "the" && (s.low(j+2) == "year" || s.low(j+2) == "fiscal") {
			j += 3
			if s.low(j-1) == "fiscal" && s.low(j) == "year" {
				j++
			}
		}
	}
	if n < 0 && c.y == 0 {
		// "the last quarter": the quarter before the report's.
		c.n = -1
	} else if n < 0 {
		c.n = 4
	}
	return c, j, true
}

// relYear are "this year", "last year", "next year" after "of"; their value
// is an offset from the DCT's year.
var relYear = map[string]int{"this year": 0, "last year": -1, "next year": 1, "the year": 0, "that year": 0}

// isLetterWord reports whether w is letters only.
func isLetterWord(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}
