package timex

import (
	"strconv"
	"strings"
	"time"
)

// relLead are the words of "this week", "last month", "next year".
var relLead = map[string]int{"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}

// theLead are the words of "the past 24 hours", "the next day".
var theLead = set("past last previous next coming following prior")

// relative reads expressions anchored on the report's date or on an earlier
// date of the text.
func (s *scanner) relative(i int) (match, bool) {
	w := s.low(i)
	k := i
	if (w == "earlier" || w == "later") && (s.low(i+1) == "today" || relLead[s.low(i+1)] == 0 && (s.low(i+1) == "this")) {
		k = i + 1 // "earlier today", "later this year"
		w = s.low(k)
	}
	if off, ok := dayOffsets[w]; ok {
		typ, part := typeDate, ""
		if w == "tonight" {
			typ, part = typeTime, "NI"
		}
		return match{i: i, j: k + 1, typ: typ, resolve: func(r *resolver) result { return r.fromDCT(gDay, off, part) }}, true
	}
	if n, ok := relLead[w]; ok {
		if m, ok := s.relUnit(i, k, n); ok {
			return m, true
		}
	}
	if w == "the" || w == "that" {
		if m, ok := s.theRelative(i); ok {
			return m, true
		}
	}
	if m, ok := s.ago(i); ok {
		return m, true
	}
	if m, ok := s.inARow(i); ok {
		return m, true
	}
	if w == "year-end" || w == "year" && s.low(i+1) == "end" && clockLead[s.low(i-1)] {
		// "at year-end", "by year end": the end of the year nearest the report
		j := i + 1
		if w == "year" {
			j++
		}
		fut := s.future(i) || s.futureAfter(j)
		return match{i: i, j: j, typ: typeDate, mod: "END", resolve: func(r *resolver) result {
			n := 0
			if !fut && r.hasDCT && r.dct.Month() <= 3 {
				n = -1 // a first-quarter report's year-end is the one just past
			}
			return r.fromDCT(gYear, n, "")
		}}, true
	}
	if wd, ok := weekdays[w]; ok && s.upper(i) && !s.named(i) {
		j, typ, part := i+1, typeDate, ""
		if p, ok := partsOfDay[s.low(j)]; ok {
			j, typ, part = j+1, typeTime, p
		}
		fut := s.future(i)
		return match{i: i, j: j, typ: typ, resolve: func(r *resolver) result {
			p, ok := r.weekday(wd, dirOf(fut), false)
			if !ok {
				return result{anchor: anchorDCT}
			}
			p.part = part
			return result{value: p.value(), anchor: anchorDCT, point: &p}
		}}, true
	}
	return match{}, false
}

// named reports whether the capitalised word before k makes k part of a name
// ("Black Monday", "Good Friday"), not a day.
func (s *scanner) named(k int) bool {
	if !s.upper(k-1) || s.placeEnds[s.ws[k-1].end] {
		return false
	}
	p := s.low(k - 1)
	return !monthLead[p] && !clockLead[p] && p != "on" && p != "since" && p != "last" && p != "next" && p != "this"
}

// relUnit reads "this week", "last September", "next Friday", "this morning",
// "last night" after a relLead word at k (i is where the span starts).
func (s *scanner) relUnit(i, k, n int) (match, bool) {
	x := s.low(k + 1)
	if s.low(k) == "past" && x != "weekend" {
		return match{}, false // "past week" without "the" is rare and vague
	}
	if u, ok, plural := unitWord(x); ok && !plural && !u.clock && x != "night" {
		if x == "fortnight" || x == "day" {
			return match{}, false
		}
		g := u.calendarGran()
		return match{i: i, j: k + 2, typ: typeDate, resolve: func(r *resolver) result { return r.fromDCT(g, n, "") }}, true
	}
	if h, j, ok := s.holidayAt(k + 1); ok && h.known() && !holidaySeasons[s.low(j)] { // "last Christmas"
		return match{i: i, j: j, typ: typeDate, resolve: func(r *resolver) result { return r.relativeHoliday(h, n) }}, true
	}
	if p, ok := partsOfDay[x]; ok {
		off := 0
		switch {
		case x == "night" && n < 0:
			off = -1
		case n != 0:
			return match{}, false
		}
		return match{i: i, j: k + 2, typ: typeTime, resolve: func(r *resolver) result { return r.fromDCT(gDay, off, p) }}, true
	}
	if wd, ok := weekdays[x]; ok {
		return match{i: i, j: k + 2, typ: typeDate, resolve: func(r *resolver) result {
			p, ok := r.weekday(wd, n, true)
			if !ok {
				return result{anchor: anchorDCT}
			}
			return result{value: p.value(), anchor: anchorDCT, point: &p}
		}}, true
	}
	if m, ok := monthNames[x]; ok && s.upper(k+1) && len(x) > 3 {
		return match{i: i, j: k + 2, typ: typeDate, resolve: func(r *resolver) result {
			if !r.hasDCT {
				return result{value: "XXXX-" + (point{t: day(2000, m, 1), g: gMonth}).value()[5:], anchor: anchorDCT}
			}
			y := r.dct.Year()
			switch {
			case n < 0 && m >= r.dct.Month():
				y--
			case n > 0 && m <= r.dct.Month():
				y++
			}
			p := point{t: day(y, m, 1), g: gMonth}
			return result{value: p.value(), anchor: anchorDCT, point: &p}
		}}, true
	}
	if se, ok := seasons[x]; ok {
		return match{i: i, j: k + 2, typ: typeDate, resolve: func(r *resolver) result {
			if !r.hasDCT {
				return result{value: "XXXX-" + se, anchor: anchorDCT}
			}
			p := point{t: day(seasonYear(r.dct.Year(), int(r.dct.Month()), se, n), 1, 1), g: gSeason, season: se}
			return result{value: p.value(), anchor: anchorDCT, point: &p}
		}}, true
	}
	return match{}, false
}

// seasonYear returns the year of the season se that "last" (n < 0) or
// "next" (n > 0) names from a date in year y and month m ("this", n = 0: the
// season of year y): the latest season of the name that has ended, or the
// first that has not begun ("next summer" written in March is this year's;
// "last summer" in October too). A season of year Y runs three months from
// its first (a winter from December of Y): "last winter" written in March
// 1998 is 1997-WI.
func seasonYear(y, m int, se string, n int) int {
	if n == 0 {
		return y // "this summer"
	}
	d := 12*y + m - 1                                                // the date's month, counted from year 0
	s := map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[se] - 1 // the season's first month in its year
	if n < 0 {
		return (d - s - 3) / 12 // the last Y whose season ended before d: 12Y+s+2 < d
	}
	return (d - s + 12) / 12 // the first Y whose season begins after d: 12Y+s > d
}

// theRelative reads expressions that start with "the": "the past 24 hours",
// "the past months", "the next day", "the same day", "the day".
func (s *scanner) theRelative(i int) (match, bool) {
	lead := s.low(i + 1)
	if s.low(i) == "that" { // "that day" is "the same day"
		if u, ok, _ := unitWord(s.low(i + 1)); !ok || u.clock || u.scale != 1 || u.letter == "WE" {
			return match{}, false
		}
		return s.sameUnit(i, i+1)
	}
	if theLead[lead] {
		k := i + 2
		n, counted := -1, false
		if v, ok := number(s.low(k)); ok && s.low(k) != "a" && s.low(k) != "an" {
			n, counted, k = v, true, k+1
		} else if vagueUnits[s.low(k)] {
			counted, k = true, k+1
		} else if s.low(k) == "a" && s.low(k+1) == "few" && lead != "following" {
			counted, k = true, k+2 // not "said the following a few days ago": a pronoun, then another expression
		}
		for unitFillers[s.low(k)] {
			k++
		}
		u, ok, plural := unitWord(s.low(k))
		if !ok || u.letter == "WE" && (counted || plural) {
			return match{}, false
		}
		if counted || plural || lead == "past" {
			if !counted && !plural {
				n = 1
			}
			if n >= 0 && u.clock && n > 10000 {
				return match{}, false
			}
			v := u.duration(n, false)
			return match{i: i, j: k + 1, typ: typeDuration, resolve: fixed(v)}, true
		}
		if u.clock {
			return match{}, false
		}
		g := u.g
		switch u.letter {
		case "W":
			g = gWeek
		case "WE":
			g = gWeekend
		}
		if u.scale == 10 {
			g = gDecade
		}
		step := 1
		if lead == "last" || lead == "previous" || lead == "prior" {
			step = -1
		}
		fromRef := lead == "previous" || lead == "following" || lead == "prior" || lead == "next" && u.letter == "D"
		return match{i: i, j: k + 1, typ: typeDate, resolve: func(r *resolver) result {
			if fromRef {
				return r.fromRef(g, step)
			}
			return r.fromDCT(g, step, "")
		}}, true
	}
	if (lead == "year-earlier" || lead == "year-ago") && s.low(i) == "the" {
		// "the year-earlier period", "the year-ago quarter": the last date's span a year back
		g, ok := map[string]gran{"period": -1, "quarter": gQuarter, "month": gMonth, "year": gYear}[s.low(i+2)]
		if !ok {
			return match{}, false
		}
		return match{i: i, j: i + 3, typ: typeDate, resolve: func(r *resolver) result { return r.yearBack(g) }}, true
	}
	if lead == "weekend" && s.low(i) == "the" {
		return match{i: i, j: i + 2, typ: typeDate, resolve: func(r *resolver) result { return r.fromDCT(gWeekend, 0, "") }}, true
	}
	if lead == "same" || lead == "day" {
		k := i + 2
		if lead == "day" {
			k = i + 1
		}
		return s.sameUnit(i, k)
	}
	return match{}, false
}

// sameUnit reads "the same day", "that week" and "the day" (unit word at k):
// the unit of the last date of the text.
func (s *scanner) sameUnit(i, k int) (match, bool) {
	lead := s.low(i + 1)
	if lead == "same" && s.low(k) == "period" {
		return s.yearBefore(i, k, -1) // "the same period last year": the last date's own span
	}
	u, ok, plural := unitWord(s.low(k))
	if !ok || plural || u.clock || u.scale != 1 {
		return match{}, false
	}
	g := u.g
	if u.letter == "W" {
		g = gWeek
	}
	if lead == "same" {
		if m, ok := s.yearBefore(i, k, g); ok {
			return m, true
		}
	}
	if lead == "day" && s.low(i) == "the" {
		switch s.low(k + 1) {
		case "before", "after":
			// "the day before" is the day before the last date; "the day
			// after the attack" is anchored on an event: no value.
			step := map[string]int{"before": -1, "after": 1}[s.low(k+1)]
			if s.eventAfter(k + 2) {
				return match{i: i, j: k + 2, typ: typeDate, resolve: func(*resolver) result { return result{} }}, true
			}
			return match{i: i, j: k + 2, typ: typeDate, resolve: func(r *resolver) result { return r.fromRef(gDay, step) }}, true
		case "of", "when", "that", "on", "'s", "’s":
			return match{}, false
		}
	}
	if lead == "day" && s.low(i) == "the" {
		// "the day" is the day being reported: the last date of the text if
		// it names a day, else the report's date (not "no value" after "in 2014").
		return match{i: i, j: k + 1, typ: typeDate, resolve: func(r *resolver) result {
			p, a, ok := r.anchorDay()
			if !ok {
				return result{anchor: anchorRef}
			}
			return result{value: p.value(), anchor: a, point: &p}
		}}, true
	}
	return match{i: i, j: k + 1, typ: typeDate, resolve: func(r *resolver) result { return r.fromRef(g, 0) }}, true
}

// yearBack are the phrases after "the same month" that put it a year back.
var yearBack = [][]string{{"a", "year", "ago"}, {"a", "year", "earlier"}, {"last", "year"}, {"of", "last", "year"},
	{"the", "previous", "year"}, {"the", "year", "before"}, {"of", "the", "previous", "year"}}

// yearBefore reads "the same month a year ago", "the same period last year"
// (unit word at k): the last date's unit (granularity g, or the last date's
// own for g < 0) a year earlier.
func (s *scanner) yearBefore(i, k int, g gran) (match, bool) {
	for _, ph := range yearBack {
		ok := true
		for n, w := range ph {
			if s.low(k+1+n) != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		return match{i: i, j: k + 1 + len(ph), typ: typeDate, resolve: func(r *resolver) result { return r.yearBack(g) }}, true
	}
	return match{}, false
}

// yearBack is the last date's unit (granularity g, or the last date's own
// for g < 0) a year earlier.
func (r *resolver) yearBack(g gran) result {
	base, a, ok := r.base()
	if !ok {
		return result{anchor: a}
	}
	if g < 0 {
		g = base.g
	}
	if base.g > g {
		return result{anchor: a}
	}
	p := point{t: shift(base.t, gYear, -1), g: g, season: base.season}
	if g < gMonth {
		p.t = base.t.AddDate(-1, 0, 0)
	}
	// A comparison, not a new topic: the last date stays what it was.
	return result{value: p.value(), anchor: a}
}

// eventAfter reports whether a noun phrase (an event) follows k: "the day
// after the attack", "two days after Russian forces withdrew".
func (s *scanner) eventAfter(k int) bool {
	if k >= len(s.ws) {
		return false
	}
	w := s.low(k)
	switch w {
	case ",", ".", ";", ":", ")", "and", "or", "but":
		return false
	}
	return !s.isCalendar(k)
}

func (s *scanner) isCalendar(k int) bool {
	_, _, ok := s.calendar(k)
	return ok
}

// ago reads "three days ago", "a week ago", "two years earlier", "some weeks ago".
func (s *scanner) ago(i int) (match, bool) {
	k := i
	n, vague := 0, false
	if s.low(k) == "a" && s.low(k+1) == "few" {
		vague, k = true, k+2
	} else if v, ok := number(s.low(k)); ok {
		n, k = v, k+1
	} else if vagueUnits[s.low(k)] {
		vague, k = true, k+1
	} else {
		return match{}, false
	}
	for unitFillers[s.low(k)] {
		k++
	}
	u, ok, _ := unitWord(s.low(k))
	if !ok {
		return match{}, false
	}
	return s.agoMatch(i, k, n, vague, u)
}

// agoMatch builds the match of ago; it is apart so that the values its
// closures capture are not moved to the heap on every call of ago.
func (s *scanner) agoMatch(i, k, n int, vague bool, u unit) (match, bool) {
	dir := s.low(k + 1)
	switch dir {
	case "ago":
		if vague {
			return match{i: i, j: k + 2, typ: typeDate, resolve: fixed("PAST_REF")}, true
		}
		return match{i: i, j: k + 2, typ: typeDate, resolve: func(r *resolver) result {
			if !r.hasDCT {
				return result{anchor: anchorDCT}
			}
			p, ok := u.ago(r.dct, n)
			if !ok {
				return result{anchor: anchorDCT}
			}
			return result{value: p.value(), anchor: anchorDCT, point: &p}
		}}, true
	case "later", "earlier":
		if vague {
			return match{}, false
		}
		back := n
		if dir == "later" {
			back = -n
		}
		return match{i: i, j: k + 2, typ: typeDate, resolve: func(r *resolver) result {
			if r.hasRef && r.ref.g != gDay {
				// Counted from the last date of the text, never from the
				// report's: "five years later" after "in 1950" is 1955; "three
				// days later" after "in 1950" names no known day.
				if u.clock || u.g < r.ref.g || r.ref.g == gWeekend || r.ref.g == gSeason {
					return result{anchor: anchorRef}
				}
				p, ok := u.ago(r.ref.t, back)
				if !ok {
					return result{anchor: anchorRef}
				}
				return result{value: p.value(), anchor: anchorRef, point: &p}
			}
			base, a, ok := r.anchorDay()
			if !ok {
				return result{anchor: anchorRef}
			}
			p, ok := u.ago(base.t, back)
			if !ok {
				return result{anchor: a}
			}
			return result{value: p.value(), anchor: a, point: &p}
		}}, true
	}
	return match{}, false
}

// inARow reads "the second day in a row", "a second consecutive day", "the
// third straight day": the day being reported.
func (s *scanner) inARow(i int) (match, bool) {
	if s.low(i) != "the" && s.low(i) != "a" {
		return match{}, false
	}
	if _, ok := ordinals[s.low(i+1)]; !ok {
		return match{}, false
	}
	k := i + 2
	filler := false
	for s.low(k) == "straight" || s.low(k) == "consecutive" || s.low(k) == "successive" {
		k, filler = k+1, true
	}
	if s.low(k) != "day" {
		return match{}, false
	}
	k++
	if strings.Join([]string{s.low(k), s.low(k + 1), s.low(k + 2)}, " ") == "in a row" {
		k, filler = k+3, true
	}
	if !filler {
		return match{}, false
	}
	return match{i: i, j: k, typ: typeDate, resolve: func(r *resolver) result { return r.fromRef(gDay, 0) }}, true
}

// ---- durations: "six months", "the 12-year", "nearly five months", "decades" ----

// durLead are words after which "a year" or a bare plural ("years") is a duration.
var durLead = set("for over within in about around nearly almost than just only after under lasting spanning" +
	" approximately roughly some least most to past next last")

// perLead are words before "a day" that make it a frequency ("twice a day").
var perLead = set("once twice thrice times")

func (s *scanner) duration(i int) (match, bool) {
	w := s.low(i)
	if m, ok := s.hyphenDuration(i); ok {
		return m, true
	}
	k := i
	n, half := -1, false
	switch {
	case w == "a" && s.low(i+1) == "few":
		k = i + 2 // "a few days": an unknown number
	case w == "a" && s.low(i+1) == "couple" && s.low(i+2) == "of":
		k = i + 3
	case w == "a" || w == "an":
		if !durLead[s.low(i-1)] || perLead[s.low(i-1)] {
			return match{}, false
		}
		n, k = 1, k+1
	case vagueUnits[w]:
		k++
	case w == "the" && (s.low(i-1) == "over" || s.low(i-1) == "through" || s.low(i-1) == "across"):
		if u, ok, plural := unitWord(s.low(i + 1)); ok && plural && !u.clock {
			return match{i: i, j: i + 2, typ: typeDuration, resolve: fixed(u.duration(-1, false))}, true // "over the years"
		}
		return match{}, false
	default:
		v, ok := number(w)
		if !ok {
			if u, ok, plural := unitWord(w); ok && plural && durLead[s.low(i-1)] && s.low(i-1) != "the" &&
				s.low(i+1) != "ago" && s.low(i+1) != "later" && s.low(i+1) != "earlier" {
				return match{i: i, j: i + 1, typ: typeDuration, resolve: fixed(u.duration(-1, false))}, true
			}
			return match{}, false
		}
		n, k = v, k+1
		if s.low(k) == "and" && s.low(k+1) == "a" && s.low(k+2) == "half" {
			half, k = true, k+3
		}
	}
	for unitFillers[s.low(k)] {
		k++
	}
	uw := s.low(k)
	u, ok, plural := unitWord(uw)
	if !ok || u.letter == "WE" {
		return match{}, false
	}
	if uw == "second" || uw == "minute" && n == 1 && !digits(w) {
		return match{}, false // "a second attack"
	}
	switch s.low(k + 1) {
	case "ago", "later", "earlier":
		return match{}, false
	}
	if n > 1 && !plural && (n >= 1000 || s.upper(k) || !isWordAfter(s.low(k+1))) {
		return match{}, false // "the 2014 year", "16 Decade Volcanoes"; "a 20 year low", "a four day losing streak" as "20-year"
	}
	return match{i: i, j: k + 1, typ: typeDuration, resolve: fixed(u.duration(n, half))}, true
}

// isWordAfter reports whether a folded token is a word in lower case (the
// noun a "20 year" modifies: "low", "plan").
func isWordAfter(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}

// hyphenDuration reads one token "12-year", "five-year", "24-hour",
// "decades-long", "year-long".
func (s *scanner) hyphenDuration(i int) (match, bool) {
	w := s.low(i)
	h := strings.IndexByte(w, '-')
	if h < 0 {
		return match{}, false
	}
	second, _, _ := strings.Cut(w[h+1:], "-")
	parts := [2]string{w[:h], second}
	v := ""
	if n, ok := number(parts[0]); ok && parts[0] != "a" && parts[0] != "an" {
		if parts[1] == "second" && ordinalLead[s.low(i-1)] {
			return match{}, false // "the thirty-second session": 32nd, an ordinal ("a thirty-second video" is a duration)
		}
		if parts[1] == "day" && nDayNouns[s.low(i+1)] {
			return match{}, false // "a 0-day exploit", "1-day vulnerabilities": a flaw's age since disclosure, no time
		}
		if u, ok, plural := unitWord(parts[1]); ok && !plural && u.letter != "WE" {
			v = u.duration(n, false)
		}
	} else if u, ok, plural := unitWord(parts[0]); ok && parts[1] == "long" && !u.clock {
		if plural {
			v = u.duration(-1, false)
		} else {
			v = u.duration(1, false)
		}
	} else if parts[0] == "multi" {
		if u, ok, _ := unitWord(parts[1]); ok && !u.clock {
			v = u.duration(-1, false)
		}
	}
	if v == "" {
		return match{}, false
	}
	return match{i: i, j: i + 1, typ: typeDuration, resolve: fixed(v)}, true
}

// ordinalLead are determiners before an ordinal: "the thirty-second
// session", "its sixty-second meeting".
var ordinalLead = set("the its his her our their this")

// nDayNouns follow "0-day", "1-day", "n-day" used of software flaws.
var nDayNouns = set("exploit exploits vulnerability vulnerabilities flaw flaws attack attacks bug bugs")

// ---- frequencies: "weekly", "every two weeks", "twice a day", "per year" ----

func (s *scanner) frequency(i int) (match, bool) {
	w := s.low(i)
	if v, ok := sets[w]; ok && !(s.upper(i) && s.upper(i+1)) {
		return match{i: i, j: i + 1, typ: typeSet, resolve: fixed(v)}, true
	}
	if (w == "every" || w == "each") && s.upper(i+1) {
		if wd, ok := weekdays[s.low(i+1)]; ok {
			return match{i: i, j: i + 2, typ: typeSet, resolve: fixed(weeklyDay(wd))}, true // "every Tuesday"
		}
	}
	if se, ok := seasons[s.low(i+1)]; ok && (w == "every" || w == "each") {
		return match{i: i, j: i + 2, typ: typeSet, resolve: fixed("XXXX-" + se)}, true // "each spring"
	}
	if sg, plural := strings.CutSuffix(w, "s"); plural && s.upper(i) {
		if wd, ok := weekdays[sg]; ok && pluralDayLead[s.low(i-1)] {
			return match{i: i, j: i + 1, typ: typeSet, resolve: fixed(weeklyDay(wd))}, true // "on Tuesdays"
		}
	}
	if w == "every" || w == "each" || w == "per" || (w == "a" || w == "an") && (perLead[s.low(i-1)] || digits(strings.TrimSuffix(s.low(i-1), "%"))) {
		k, n := i+1, 1
		if s.low(k) == "other" {
			k, n = k+1, 2
		} else if v, ok := number(s.low(k)); ok && w == "every" && s.low(k) != "a" {
			k, n = k+1, v
		}
		u, ok, plural := unitWord(s.low(k))
		if !ok || plural != (n > 1 && s.low(k-1) != "other") || s.low(k) == "second" {
			return match{}, false
		}
		return match{i: i, j: k + 1, typ: typeSet, resolve: fixed(u.duration(n, false))}, true
	}
	return match{}, false
}

// ---- vague references: "recently", "currently", "the future", "now" ----

func (s *scanner) vague(i int) (match, bool) {
	w := s.low(i)
	if v, ok := refWords[w]; ok {
		if w == "now" && s.low(i+1) == "-" {
			return match{}, false
		}
		return match{i: i, j: i + 1, typ: typeDate, resolve: fixed(v)}, true
	}
	for _, p := range refPhrasesByFirst[w] {
		ok := true
		for n, pw := range p.words {
			if s.low(i+n) != pw {
				ok = false
				break
			}
		}
		if ok && p.words[1] == "moment" && s.low(i-1) != "at" {
			ok = false
		}
		if ok && p.words[1] == "present" && len(p.words) == 2 && adjectiveUse(s.low(i+2)) {
			ok = false // "the present situation", "the present session": an adjective ("the future" is rarely one)
		}
		if ok {
			return match{i: i, j: i + len(p.words), typ: typeDate, resolve: fixed(p.value)}, true
		}
	}
	return match{}, false
}

// adjectiveUse reports whether the word after "the present" makes it an
// adjective: a lower-case word of letters that is no function word or
// pronoun ("the present situation"; not "the present, and", "the present
// of", "the present time").
func adjectiveUse(next string) bool {
	if next == "" || next == "time" || next == "day" || next == "moment" || nounFollowers[next] {
		return false
	}
	for _, r := range next {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// nounFollowers follow a noun, not an adjective: "the present is", "until
// the present we".
var nounFollowers = set("of in on at to for with by as and or but is was are were will would can could may might should has have had " +
	"that which who when where than it they we he she i you this these those there so then too also not")

// pluralDayLead make a plural weekday a weekly day ("on Tuesdays"); alone,
// it may open a name ("Fridays for Future").
var pluralDayLead = set("on most all some and or")

// weeklyDay is the TIMEX3 value of a weekday every week ("XXXX-WXX-2" for
// Tuesdays: ISO weekdays run from Monday, 1, to Sunday, 7).
func weeklyDay(wd time.Weekday) string {
	return "XXXX-WXX-" + strconv.Itoa((int(wd)+6)%7+1)
}
