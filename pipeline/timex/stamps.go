package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ---- machine timestamps: "Mon Jun 18 16:28:11 2012", "Tue Jun 19 12:41:21 2007 UTC",
// "Fri, 14 Mar 2014 10:22:01 +0000" ----

// Threat reports quote compile times, log lines and mail headers in the
// formats of C's ctime and RFC 2822. Read as prose they gave a date in the
// report's year ("Jun 18") and a clock time of the year ("2007 UTC" as
// 20:07); whole, they are one TIME of a known day.

// weekdayAbbrevs open a timestamp; alone they are no weekday (and "Mon" is
// also a people and a place).
var weekdayAbbrevs = map[string]bool{"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true}

// stamp reads a timestamp at word i.
func (s *scanner) stamp(i int) (match, bool) {
	if !s.upper(i) {
		return match{}, false // a timestamp opens with a capitalised weekday or month
	}
	k := i
	if _, wd := weekdays[s.low(k)]; wd || weekdayAbbrevs[s.low(k)] {
		k++
		if s.low(k) == "," {
			k++
		}
	}
	var (
		y, d  int
		m     time.Month
		clock string
		ok    bool
		zulu  bool
	)
	if mm, isMonth := monthNames[strings.TrimSuffix(s.low(k), ".")]; isMonth && s.upper(k) {
		// ctime: Month D hh:mm:ss [zone] YYYY [zone]
		m = mm
		if d, ok = dayOfMonth(s.low(k + 1)); !ok {
			return match{}, false
		}
		k += 2
		if clock, ok = clockOf(s.low(k)); !ok {
			return match{}, false
		}
		k++
		zulu, k = s.stampZone(k)
		if y, ok = s.yearAt(k); !ok {
			return match{}, false
		}
		k++
		if z, j := s.stampZone(k); j > k {
			zulu, k = z, j
		}
	} else if d, ok = dayOfMonth(s.low(k)); ok && k > i {
		// RFC 2822: Weekday, D Mon YYYY hh:mm[:ss] zone
		mm, isMonth := monthNames[strings.TrimSuffix(s.low(k+1), ".")]
		if !isMonth {
			return match{}, false
		}
		m = mm
		if y, ok = s.yearAt(k + 2); !ok {
			return match{}, false
		}
		k += 3
		if clock, ok = clockOf(s.low(k)); !ok {
			return match{}, false
		}
		k++
		zulu, k = s.stampZone(k)
	} else {
		return match{}, false
	}
	if !validDate(y, int(m), d) {
		return match{}, false
	}
	v := fmt.Sprintf("%04d-%02d-%02dT%s", y, m, d, clock)
	if zulu {
		v += "Z"
	}
	return match{i: i, j: k, typ: typeTime, resolve: fixed(v)}, true
}

// clockOf reads "16:28:11" or "16:28" as a TIMEX3 clock.
func clockOf(w string) (string, bool) {
	parts := strings.Split(w, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return "", false
	}
	lim := []int{23, 59, 60}
	for n, p := range parts {
		if len(p) != 2 || !digits(p) {
			return "", false
		}
		if v, _ := strconv.Atoi(p); v > lim[n] {
			return "", false
		}
	}
	return w, true
}

// stampZone reads a zone at word k ("UTC", "GMT", "+0000", "-0500"): whether
// it is UTC, and the word after it (k when there is none).
func (s *scanner) stampZone(k int) (bool, int) {
	w := s.low(k)
	if z, ok := zones[w]; ok {
		return z, k + 1
	}
	if len(w) == 5 && (w[0] == '+' || w[0] == '-') && digits(w[1:]) {
		return w[1:] == "0000", k + 1
	}
	return false, k
}
