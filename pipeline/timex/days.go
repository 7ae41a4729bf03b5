package timex

import (
	"strconv"
	"time"

	"github.com/sitrep/sitrep/pipeline"
)

// DaysOf is Days for a record's timex: the days a DATE or TIME with a value
// names (durations and frequencies name none).
func DaysOf(x pipeline.Timex) (first, last time.Time, ok bool) {
	if x.Value == nil || x.Type != typeDate && x.Type != typeTime {
		return first, last, false
	}
	return Days(*x.Value)
}

// Days returns the first and last day of a TIMEX3 calendar value that names
// a day, a week, a weekend or a month ("2022-03-12", "2022-W10",
// "2022-W10-WE", "2022-03", and a day with a time or part of day); coarser
// values (quarters, seasons, years) and durations report false: they name
// too long a stretch to say which days a report talks about.
func Days(v string) (first, last time.Time, ok bool) {
	if len(v) < 7 || v[4] != '-' {
		return first, last, false
	}
	y, err := strconv.Atoi(v[:4])
	if err != nil {
		return first, last, false
	}
	rest := v[5:]
	switch {
	case len(rest) >= 5 && rest[2] == '-' && digits(rest[:2]) && digits(rest[3:5]) && (len(rest) == 5 || rest[5] == 'T'):
		m, _ := strconv.Atoi(rest[:2])
		d, _ := strconv.Atoi(rest[3:5])
		if !validDate(y, m, d) {
			return first, last, false
		}
		t := day(y, time.Month(m), d)
		return t, t, true
	case len(rest) == 2 && digits(rest):
		m, _ := strconv.Atoi(rest)
		if m < 1 || m > 12 {
			return first, last, false
		}
		t := day(y, time.Month(m), 1)
		return t, t.AddDate(0, 1, -1), true
	case len(rest) >= 3 && rest[0] == 'W' && digits(rest[1:3]) && (len(rest) == 3 || rest[3:] == "-WE"):
		w, _ := strconv.Atoi(rest[1:3])
		if w < 1 || w > 53 {
			return first, last, false
		}
		// ISO week 1 holds January 4; its Monday starts the week.
		jan4 := day(y, 1, 4)
		mon := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		if len(rest) == 3 {
			return mon, mon.AddDate(0, 0, 6), true
		}
		return mon.AddDate(0, 0, 5), mon.AddDate(0, 0, 6), true
	}
	return first, last, false
}
