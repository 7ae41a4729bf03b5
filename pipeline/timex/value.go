package timex

import (
	"fmt"
	"time"
)

// gran is the granularity of a calendar value: what its TIMEX3 string names.
type gran int

const (
	gDay gran = iota
	gWeek
	gWeekend
	gMonth
	gQuarter
	gHalf
	gSeason
	gYear
	gDecade
	gCentury
)

// point is a calendar value: a day that stands for the unit of granularity g
// holding it (any day of the month for gMonth). season is SP, SU, FA or WI for
// gSeason; part is a TIMEX3 part of day (MO, AF, EV, NI) or a clock time
// ("14:00") appended to a day.
type point struct {
	t      time.Time
	g      gran
	season string
	part   string
	zulu   bool
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// value is the TIMEX3 value of p.
func (p point) value() string {
	y, m, d := p.t.Date()
	switch p.g {
	case gDay:
		s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		if p.part != "" {
			s += "T" + p.part
			if p.zulu {
				s += "Z"
			}
		}
		return s
	case gWeek, gWeekend:
		wy, w := p.t.ISOWeek()
		s := fmt.Sprintf("%04d-W%02d", wy, w)
		if p.g == gWeekend {
			s += "-WE"
		}
		return s
	case gMonth:
		return fmt.Sprintf("%04d-%02d", y, m)
	case gQuarter:
		return fmt.Sprintf("%04d-Q%d", y, (int(m)+2)/3)
	case gHalf:
		return fmt.Sprintf("%04d-H%d", y, (int(m)+5)/6)
	case gSeason:
		return fmt.Sprintf("%04d-%s", y, p.season)
	case gYear:
		return fmt.Sprintf("%04d", y)
	case gDecade:
		return fmt.Sprintf("%03d", y/10)
	case gCentury:
		return fmt.Sprintf("%02d", y/100)
	}
	return ""
}

// shift moves t by n units of granularity g.
func shift(t time.Time, g gran, n int) time.Time {
	switch g {
	case gDay:
		return t.AddDate(0, 0, n)
	case gWeek, gWeekend:
		return t.AddDate(0, 0, 7*n)
	case gMonth:
		return firstOfMonth(t).AddDate(0, n, 0)
	case gQuarter:
		return firstOfMonth(t).AddDate(0, 3*n, 0)
	case gHalf:
		return firstOfMonth(t).AddDate(0, 6*n, 0)
	case gYear, gSeason:
		return firstOfMonth(t).AddDate(n, 0, 0)
	case gDecade:
		return firstOfMonth(t).AddDate(10*n, 0, 0)
	case gCentury:
		return firstOfMonth(t).AddDate(100*n, 0, 0)
	}
	return t
}

// firstOfMonth avoids AddDate's overflow ("January 31 + 1 month" is March 3).
func firstOfMonth(t time.Time) time.Time { return day(t.Year(), t.Month(), 1) }

// unit is a duration unit: its TIMEX3 letter, whether it sits after the T,
// and the granularity a point "N units ago" has.
type unit struct {
	letter string
	clock  bool
	g      gran
	scale  int // a decade is 10 years
}

// calendarGran is the calendar unit a unit word names as a span of the
// calendar ("last week", "the end of the decade"): a week, a decade or a
// century where durations count days or years (u.g).
func (u unit) calendarGran() gran {
	switch {
	case u.scale == 10:
		return gDecade
	case u.scale == 100:
		return gCentury
	case u.letter == "W":
		return gWeek
	}
	return u.g
}

var units = map[string]unit{
	"second": {"S", true, gDay, 1}, "minute": {"M", true, gDay, 1}, "hour": {"H", true, gDay, 1},
	"day": {"D", false, gDay, 1}, "night": {"D", false, gDay, 1}, "week": {"W", false, gDay, 1},
	"fortnight": {"W", false, gDay, 2}, "month": {"M", false, gMonth, 1}, "quarter": {"Q", false, gQuarter, 1},
	"year": {"Y", false, gYear, 1}, "decade": {"Y", false, gYear, 10}, "century": {"Y", false, gYear, 100},
	"weekend": {"WE", false, gWeekend, 1},
}

// duration is the TIMEX3 value of n units ("P3M", "PT24H"); n < 0 is an
// unknown number ("PXM"); half adds one half ("P2.5Y").
func (u unit) duration(n int, half bool) string {
	p := "P"
	if u.clock {
		p = "PT"
	}
	switch {
	case n < 0:
		return p + "X" + u.letter
	case half && u.scale == 1:
		return fmt.Sprintf("%s%d.5%s", p, n, u.letter)
	}
	return fmt.Sprintf("%s%d%s", p, n*u.scale, u.letter)
}

// ago is the point n units before (n < 0: after) t, at the unit's own
// granularity; it reports false for units finer than a day.
func (u unit) ago(t time.Time, n int) (point, bool) {
	if u.clock {
		return point{}, false
	}
	n *= u.scale
	switch u.letter {
	case "D":
		return point{t: t.AddDate(0, 0, -n), g: gDay}, true
	case "W":
		return point{t: t.AddDate(0, 0, -7*n), g: gDay}, true
	case "WE":
		return point{t: t.AddDate(0, 0, -7*n), g: gWeekend}, true
	}
	return point{t: shift(t, u.g, -n), g: u.g}, true
}
