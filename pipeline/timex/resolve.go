package timex

import (
	"fmt"
	"time"
)

// resolver holds what values are anchored on while one document is read in
// order: the document creation time (the report's date, when known) and the
// last date the text resolved.
type resolver struct {
	dct      time.Time
	hasDCT   bool
	ref      point
	hasRef   bool
	refStart int
}

// refDay is the last resolved date if it names a day.
func (r *resolver) refDay() (point, bool) {
	if r.hasRef && r.ref.g == gDay {
		return point{t: r.ref.t, g: gDay}, true
	}
	return point{}, false
}

// anchorDay is the day a relative expression counts from: the last date of
// the text, else the report's date.
func (r *resolver) anchorDay() (point, anchor, bool) {
	if p, ok := r.refDay(); ok {
		return p, anchorRef, true
	}
	if r.hasDCT {
		return point{t: r.dct, g: gDay}, anchorDCT, true
	}
	return point{}, anchorRef, false
}

// fromDCT is the unit of granularity g that is n units from the report's
// date, with a part of day for days.
func (r *resolver) fromDCT(g gran, n int, part string) result {
	if !r.hasDCT {
		return result{anchor: anchorDCT}
	}
	p := point{t: shift(r.dct, g, n), g: g, part: part}
	return result{value: p.value(), anchor: anchorDCT, point: &p}
}

// fromRef is the unit of granularity g that is n units from the last date of
// the text (the report's date if the text gave none yet). A last date coarser
// than g gives no value: "that day" after "in 2014" names no known day.
func (r *resolver) fromRef(g gran, n int) result {
	base, a, ok := r.base()
	if !ok || base.g > g && !(g == gWeek && base.g == gWeekend) {
		return result{anchor: a}
	}
	p := point{t: shift(base.t, g, n), g: g, season: base.season}
	return result{value: p.value(), anchor: a, point: &p}
}

// base is what an anaphoric expression counts from: the last date of the
// text, else the report's date.
func (r *resolver) base() (point, anchor, bool) {
	switch {
	case r.hasRef:
		return r.ref, anchorRef, true
	case r.hasDCT:
		return point{t: r.dct, g: gDay}, anchorDCT, true
	}
	return point{}, anchorRef, false
}

// weekday is the weekday wd nearest the report's date in direction dir: -1 on
// or before it (a past-tense report's "on Tuesday"), +1 on or after it, 0 in
// its week. strict leaves the report's own day out ("last Friday" on a Friday
// is a week before).
func (r *resolver) weekday(wd time.Weekday, dir int, strict bool) (point, bool) {
	if !r.hasDCT {
		return point{}, false
	}
	cur := r.dct.Weekday()
	var off int
	switch {
	case dir < 0:
		off = -((int(cur) - int(wd) + 7) % 7)
		if strict && off == 0 {
			off = -7
		}
	case dir > 0:
		off = (int(wd) - int(cur) + 7) % 7
		if strict && off == 0 {
			off = 7
		}
	default:
		// ISO weeks start on Monday.
		iso := func(d time.Weekday) int { return (int(d) + 6) % 7 }
		off = iso(wd) - iso(cur)
	}
	return point{t: r.dct.AddDate(0, 0, off), g: gDay}, true
}

// calendar resolves an absolute expression, taking missing parts from the
// report's date: a day or month without a year is the one in the report's
// year unless that lies more than about half a year away (a January report's
// "December 28" is last year's).
func (r *resolver) calendar(c cal, future bool) result {
	if c.fy {
		return result{value: fmt.Sprintf("FY%04d", c.y)}
	}
	y, a := c.y, anchorNone
	switch {
	case c.yrel && r.hasDCT:
		y, a = r.dct.Year()+c.y, anchorDCT
	case c.yrel:
		return result{anchor: anchorDCT}
	case y == 0 && r.hasDCT && c.hol != nil:
		y, a = r.holidayYear(*c.hol, c.past), anchorDCT
	case y == 0 && r.hasDCT:
		a = anchorDCT
		y = r.impliedYear(c, future)
		if c.past && (c.g == gDay || c.g == gMonth) && day(y, c.m, max(c.d, 1)).After(r.dct) {
			y--
		}
	case y == 0 && c.hol != nil && c.hol.on != nil:
		return result{anchor: anchorDCT} // a movable feast of an unknown year
	case y == 0:
		if c.hol != nil {
			c.m, c.d = c.hol.m, c.hol.d
		}
		return result{value: unknownYear(c), anchor: anchorDCT}
	}
	if c.hol != nil {
		t := c.hol.in(y)
		c.m, c.d = t.Month(), t.Day()
	}
	var p point
	switch c.g {
	case gDay:
		p = point{t: day(y, c.m, c.d), g: gDay}
	case gMonth:
		p = point{t: day(y, c.m, 1), g: gMonth}
	case gSeason:
		p = point{t: day(y, 1, 1), g: gSeason, season: c.season}
	case gQuarter, gHalf:
		n := c.n
		if n < 0 { // "the last quarter": the one before the report's
			q := shift(day(r.dct.Year(), r.dct.Month(), 1), gQuarter, -1)
			p = point{t: q, g: gQuarter}
			break
		}
		months := 3
		if c.g == gHalf {
			months = 6
		}
		p = point{t: day(y, time.Month((n-1)*months+1), 1), g: c.g}
	default:
		p = point{t: day(y, 1, 1), g: c.g}
	}
	return result{value: p.value(), anchor: a, point: &p}
}

// impliedYear is the year of a calendar expression that gives none.
func (r *resolver) impliedYear(c cal, future bool) int {
	y := r.dct.Year()
	switch c.g {
	case gDay:
		d := day(y, c.m, c.d).Sub(r.dct).Hours() / 24
		switch {
		case d > 183:
			y--
		case d < -183:
			y++
		}
	case gMonth:
		switch diff := int(c.m) - int(r.dct.Month()); {
		case diff > 8:
			y--
		case diff < -8:
			y++
		}
	case gQuarter, gHalf:
		per := 3
		if c.g == gHalf {
			per = 6
		}
		cur := (int(r.dct.Month()) + per - 1) / per
		if c.n > cur && !future {
			y--
		}
	}
	return y
}

// unknownYear is the value of a calendar expression whose year is unknown:
// the parts the text gives, X for the rest ("XXXX-11-02").
func unknownYear(c cal) string {
	switch c.g {
	case gDay:
		return fmt.Sprintf("XXXX-%02d-%02d", c.m, c.d)
	case gMonth:
		return fmt.Sprintf("XXXX-%02d", c.m)
	case gSeason:
		return "XXXX-" + c.season
	case gQuarter:
		if c.n > 0 {
			return fmt.Sprintf("XXXX-Q%d", c.n)
		}
	case gHalf:
		return fmt.Sprintf("XXXX-H%d", c.n)
	}
	return ""
}
