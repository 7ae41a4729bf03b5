package timex

import (
	"strings"
	"time"
)

// ---- named days: "Christmas", "Easter Monday", "Victory Day", "Thanksgiving" ----

// holiday is a named day of the year: a fixed month and day, or a movable
// feast whose day a rule computes for each year. A holiday whose day
// depends on the country ("Independence Day") and whose country the text
// does not name has neither: it is a DATE with no value.
type holiday struct {
	m  time.Month
	d  int
	on func(y int) time.Time
}

func (h holiday) known() bool { return h.m != 0 || h.on != nil }

// in is the holiday's day in year y.
func (h holiday) in(y int) time.Time {
	if h.on != nil {
		return h.on(y)
	}
	return day(y, h.m, h.d)
}

// fixedDay and movable build the table's entries.
func fixedDay(m time.Month, d int) holiday     { return holiday{m: m, d: d} }
func movable(on func(y int) time.Time) holiday { return holiday{on: on} }
func easterPlus(n int) holiday {
	return movable(func(y int) time.Time { return easter(y).AddDate(0, 0, n) })
}
func nthWeekday(m time.Month, wd time.Weekday, n int) holiday {
	return movable(func(y int) time.Time { return weekdayOfMonth(y, m, wd, n) })
}

// holidays are the named days of English reporting, by their lower-cased
// words as the tokenizer splits them ("new year 's eve"; a curly apostrophe
// is read as a straight one). The United States' federal holidays are its
// own ("Thanksgiving" is November's, "Labor Day" September's); Europe's
// May Day and Russia's and Ukraine's Victory Day (9 May) are theirs. Lunar
// holidays (Ramadan, Eid, Nowruz, Passover, the Lunar New Year) are left
// out: their days need tables, and a wrong day is worse than none.
var holidays = map[string]holiday{
	"christmas": fixedDay(12, 25), "christmas day": fixedDay(12, 25), "christmas eve": fixedDay(12, 24),
	"boxing day": fixedDay(12, 26), "orthodox christmas": fixedDay(1, 7), "orthodox christmas eve": fixedDay(1, 6),
	"new year": fixedDay(1, 1), "new year 's": fixedDay(1, 1), "new year 's day": fixedDay(1, 1), "new years day": fixedDay(1, 1),
	"new year 's eve": fixedDay(12, 31), "new years eve": fixedDay(12, 31),
	"valentine 's day": fixedDay(2, 14), "st. patrick 's day": fixedDay(3, 17), "saint patrick 's day": fixedDay(3, 17),
	"international women 's day": fixedDay(3, 8), "april fools ' day": fixedDay(4, 1), "april fool 's day": fixedDay(4, 1),
	"may day": fixedDay(5, 1), "international workers ' day": fixedDay(5, 1), "victory day": fixedDay(5, 9),
	"defender of the fatherland day": fixedDay(2, 23), "juneteenth": fixedDay(6, 19),
	"fourth of july": fixedDay(7, 4), "july fourth": fixedDay(7, 4), "bastille day": fixedDay(7, 14),
	"halloween": fixedDay(10, 31), "all saints ' day": fixedDay(11, 1), "all souls ' day": fixedDay(11, 2),
	"armistice day": fixedDay(11, 11), "veterans day": fixedDay(11, 11), "veterans ' day": fixedDay(11, 11),
	"remembrance day": fixedDay(11, 11),
	"easter":          easterPlus(0), "easter sunday": easterPlus(0), "easter day": easterPlus(0), "easter monday": easterPlus(1),
	"good friday": easterPlus(-2), "holy saturday": easterPlus(-1), "palm sunday": easterPlus(-7),
	"ash wednesday": easterPlus(-46), "pentecost": easterPlus(49), "whit sunday": easterPlus(49),
	"orthodox easter": movable(orthodoxEaster),
	"thanksgiving":    nthWeekday(11, time.Thursday, 4), "thanksgiving day": nthWeekday(11, time.Thursday, 4),
	"black friday": movable(func(y int) time.Time { return weekdayOfMonth(y, 11, time.Thursday, 4).AddDate(0, 0, 1) }),
	"cyber monday": movable(func(y int) time.Time { return weekdayOfMonth(y, 11, time.Thursday, 4).AddDate(0, 0, 4) }),
	"memorial day": nthWeekday(5, time.Monday, -1), "labor day": nthWeekday(9, time.Monday, 1),
	"martin luther king day": nthWeekday(1, time.Monday, 3), "martin luther king jr. day": nthWeekday(1, time.Monday, 3),
	"mlk day": nthWeekday(1, time.Monday, 3), "presidents day": nthWeekday(2, time.Monday, 3),
	"presidents ' day": nthWeekday(2, time.Monday, 3), "columbus day": nthWeekday(10, time.Monday, 2),
	"independence day": {},
}

// independenceDays are the days of independence of the countries a text
// names before "Independence Day" ("Ukraine's Independence Day", "the
// Ukrainian Independence Day").
var independenceDays = map[string]holiday{
	"ukraine": fixedDay(8, 24), "ukrainian": fixedDay(8, 24), "us": fixedDay(7, 4), "u.s.": fixedDay(7, 4),
	"america": fixedDay(7, 4), "american": fixedDay(7, 4), "india": fixedDay(8, 15), "indian": fixedDay(8, 15),
	"pakistan": fixedDay(8, 14), "pakistani": fixedDay(8, 14), "belarus": fixedDay(7, 3), "belarusian": fixedDay(7, 3),
	"georgia": fixedDay(5, 26), "georgian": fixedDay(5, 26), "armenia": fixedDay(9, 21), "armenian": fixedDay(9, 21),
	"azerbaijan": fixedDay(10, 18), "azerbaijani": fixedDay(10, 18), "moldova": fixedDay(8, 27), "moldovan": fixedDay(8, 27),
	"kazakhstan": fixedDay(12, 16), "mexico": fixedDay(9, 16), "mexican": fixedDay(9, 16), "kosovo": fixedDay(2, 17),
	"estonia": fixedDay(2, 24), "estonian": fixedDay(2, 24), "latvia": fixedDay(11, 18), "latvian": fixedDay(11, 18),
	"poland": fixedDay(11, 11), "polish": fixedDay(11, 11), "indonesia": fixedDay(8, 17), "indonesian": fixedDay(8, 17),
	"philippine": fixedDay(6, 12), "philippines": fixedDay(6, 12), "nigeria": fixedDay(10, 1), "nigerian": fixedDay(10, 1),
	"kenya": fixedDay(12, 12), "algeria": fixedDay(7, 5), "algerian": fixedDay(7, 5), "syria": fixedDay(4, 17),
	"syrian": fixedDay(4, 17), "bangladesh": fixedDay(3, 26), "finland": fixedDay(12, 6), "finnish": fixedDay(12, 6),
}

// holidayLen is the most words a holiday's name has.
var holidayLen, holidaysByFirst = func() (int, map[string]bool) {
	n, first := 0, map[string]bool{}
	for k := range holidays {
		ws := strings.Fields(k)
		n = max(n, len(ws))
		first[ws[0]] = true
	}
	return n, first
}()

// otherNewYears are the calendars whose new year is no 1 January.
var otherNewYears = set("lunar chinese persian iranian jewish islamic hijri vietnamese korean tibetan thai khmer tamil sinhala hindu mongolian nepali")

// holidayObjects after a holiday's name make it part of a thing's name, not a
// day ("Christmas tree", "Easter egg").
var holidayObjects = set("tree trees card cards carol carols decorations lights ornaments market markets egg eggs bunny gift gifts present presents song songs")

// holidaySeasons after a holiday's name make it the season around the day:
// MEANTIME's "Christmas sales" is a period of unknown days (PXD); "the
// Christmas holiday" is the day.
var holidaySeasons = set("sales season seasons period shopping holidays break rush recess vacation trading")

// holidayWord is word k as the holiday table spells it.
func (s *scanner) holidayWord(k int) string {
	w := strings.ReplaceAll(s.low(k), "’", "'")
	if w != "st." && w != "jr." {
		w = strings.TrimSuffix(w, ".") // "Day." at a sentence end, as the tokenizer leaves it
	}
	return w
}

// holidayAt reads the longest holiday name starting at word k: its day and
// the word after it. The name must be capitalised and must not run into
// another capitalised word ("Good Friday Agreement", "Christmas Island",
// "Easter Rising") or a thing's noun.
func (s *scanner) holidayAt(k int) (holiday, int, bool) {
	if !s.upper(k) {
		return holiday{}, 0, false
	}
	first := s.holidayWord(k)
	if !holidaysByFirst[first] {
		return holiday{}, 0, false
	}
	var (
		h     holiday
		j     int
		found bool
		key   = first
	)
	for n := 1; n <= holidayLen && k+n <= len(s.ws); n++ {
		if n > 1 {
			key += " " + s.holidayWord(k+n-1)
		}
		if x, ok := holidays[key]; ok {
			h, j, found = x, k+n, true
		}
	}
	if !found || s.upper(j) && !s.isYearWord(j) || holidayObjects[s.low(j)] {
		return holiday{}, 0, false
	}
	if strings.HasPrefix(first, "new") && otherNewYears[s.low(k-1)] {
		return holiday{}, 0, false // "the Lunar New Year"
	}
	if first == "independence" {
		p := k - 1
		if s.low(p) == "'s" || s.low(p) == "’s" {
			p--
		}
		h = independenceDays[s.low(p)]
	}
	return h, j, true
}

// holiday reads a named day, with the year after it ("Christmas 2022",
// "Easter of 2016"); the year it falls in is otherwise the one nearest the
// report's date.
func (s *scanner) holiday(i int) (match, bool) {
	h, j, ok := s.holidayAt(i)
	if !ok {
		return match{}, false
	}
	dot := s.holidayWord(j-1) != s.low(j-1) && strings.HasSuffix(s.low(j-1), ".")
	if holidaySeasons[s.low(j)] || s.low(j) == "and" && s.seasonAfter(j+1) {
		return match{i: i, j: j, typ: typeDuration, resolve: fixed("PXD")}, true
	}
	if !h.known() {
		return match{i: i, j: j, typ: typeDate, resolve: fixed(""), trimDot: dot}, true
	}
	c := cal{g: gDay, hol: &h}
	if y, ok := s.yearAt(j); ok && !dot {
		c.y, j, dot = y, j+1, false
	} else if s.low(j) == "of" && s.isYearWord(j+1) && !dot {
		c.y, _ = s.yearAt(j + 1)
		j += 2
	}
	m := s.calMatch(i, j, c, "")
	m.trimDot = dot
	return m, true
}

// seasonAfter reports whether a holiday's season starts at word k
// ("Christmas and New Year sales": both are the season).
func (s *scanner) seasonAfter(k int) bool {
	_, j, ok := s.holidayAt(k)
	return ok && holidaySeasons[s.low(j)]
}

// holidayYear is the year whose holiday h lies nearest the report's date,
// before it when the text says so ("since Christmas").
func (r *resolver) holidayYear(h holiday, past bool) int {
	best := r.dct.Year()
	for y := best - 1; y <= r.dct.Year()+1; y++ {
		if absDays(h.in(y).Sub(r.dct)) < absDays(h.in(best).Sub(r.dct)) {
			best = y
		}
	}
	if past && h.in(best).After(r.dct) {
		best--
	}
	return best
}

// relativeHoliday is "last Christmas" (n -1: the one before the report's
// date), "this Easter" (0: the report's year's), "next Thanksgiving" (1:
// the one after it).
func (r *resolver) relativeHoliday(h holiday, n int) result {
	if !r.hasDCT || !h.known() {
		return result{anchor: anchorDCT}
	}
	y := r.dct.Year()
	switch {
	case n < 0 && !h.in(y).Before(r.dct):
		y--
	case n > 0 && !h.in(y).After(r.dct):
		y++
	}
	p := point{t: h.in(y), g: gDay}
	return result{value: p.value(), anchor: anchorDCT, point: &p}
}

func absDays(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// easter is Western Easter Sunday of year y (the anonymous Gregorian
// algorithm, Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dd := (h+l-7*m+114)%31 + 1
	return day(y, time.Month(month), dd)
}

// orthodoxEaster is Orthodox Easter Sunday of year y (Meeus's Julian
// algorithm, moved to the Gregorian calendar: 13 days from 1900 to 2099).
func orthodoxEaster(y int) time.Time {
	a, b, c := y%4, y%7, y%19
	d := (19*c + 15) % 30
	e := (2*a + 4*b - d + 34) % 7
	month := (d + e + 114) / 31
	dd := (d+e+114)%31 + 1
	return day(y, time.Month(month), dd).AddDate(0, 0, 13)
}

// weekdayOfMonth is the nth weekday wd of month m in year y; n -1 is the
// last.
func weekdayOfMonth(y int, m time.Month, wd time.Weekday, n int) time.Time {
	if n < 0 {
		last := day(y, m+1, 0)
		return last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7))
	}
	first := day(y, m, 1)
	return first.AddDate(0, 0, (int(wd)-int(first.Weekday())+7)%7+7*(n-1))
}
