package corpus

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/models"
)

// Where a published date came from.
const (
	FromMeta = "meta"      // the page's metadata (article:published_time, <time>, JSON-LD)
	FromText = "text"      // a full date near the top of the text
	FromPath = "path"      // a date in the file name
	FromYear = "text+year" // a month and day near the top, the year from the rest of the text
)

var (
	monthNames = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`
	mdyRE      = regexp.MustCompile(`\b(` + monthNames + `)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b`)
	dmyRE      = regexp.MustCompile(`\b(\d{1,2}) (` + monthNames + `)\.? (\d{4})\b`)
	isoRE      = regexp.MustCompile(`\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b`)
	mdRE       = regexp.MustCompile(`(?m)^(` + monthNames + `)\.? (\d{1,2})(?:st|nd|rd|th)?\b`)
	pathDateRE = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?:[^0-9]|$)`)
	yearRE     = regexp.MustCompile(`\b(?:19[89]\d|20[0-4]\d)\b`)
)

func month(s string) time.Month {
	s = strings.ToLower(s)
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), s[:3]) {
			return m
		}
	}
	return 0
}

func valid(y int, m time.Month, d int) (string, bool) {
	if y < 1900 || y > 2100 || m == 0 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// numericDate validates a (match, year, month, day) submatch; nil is no date.
func numericDate(m []string) (string, bool) {
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return valid(y, time.Month(mo), d)
}

// PublishedDate decides when a report was published: from its metadata, else
// from a date near the top of its text or in its file name. It returns the
// date (YYYY-MM-DD) and its source, or nothing: a file's modification time
// says when it was copied, not when the report was written (Read keeps it
// as the record's file_modified).
func PublishedDate(meta map[string]string, id, text string) (string, string) {
	if v := meta["published"]; v != "" {
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", "January 2, 2006", "Jan 2, 2006"} {
			if t, err := time.Parse(layout, v); err == nil {
				return t.UTC().Format("2006-01-02"), FromMeta
			}
		}
		if s, ok := numericDate(isoRE.FindStringSubmatch(v)); ok {
			return s, FromMeta
		}
	}
	head := text
	if len(head) > 1500 {
		head = head[:1500]
	}
	if m := mdyRE.FindStringSubmatch(head); m != nil {
		d, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if s, ok := valid(y, month(m[1]), d); ok {
			return s, FromText
		}
	}
	if m := dmyRE.FindStringSubmatch(head); m != nil {
		d, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[3])
		if s, ok := valid(y, month(m[2]), d); ok {
			return s, FromText
		}
	}
	if s, ok := numericDate(pathDateRE.FindStringSubmatch(id)); ok {
		return s, FromPath
	}
	if m := mdRE.FindStringSubmatch(head); m != nil {
		if y := commonYear(text); y > 0 {
			d, _ := strconv.Atoi(m[2])
			if s, ok := valid(y, month(m[1]), d); ok {
				return s, FromYear
			}
		}
	}
	return "", ""
}

// commonYear is the year the text mentions most (its URLs included).
func commonYear(text string) int {
	count := map[int]int{}
	for _, y := range yearRE.FindAllString(text, -1) {
		n, _ := strconv.Atoi(y)
		count[n]++
	}
	best, bestN := 0, 0
	years := make([]int, 0, len(count))
	for y := range count {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		if count[y] > bestN {
			best, bestN = y, count[y]
		}
	}
	return best
}

// Site names where a report comes from: the page's site name, else the host
// of its canonical URL, else the corpus folder it sits in.
func Site(meta map[string]string, id string) string {
	if s := meta["site_name"]; s != "" {
		return models.SiteName(s)
	}
	if u, err := url.Parse(meta["canonical_url"]); err == nil && u.Host != "" {
		return models.SiteName(strings.TrimPrefix(u.Host, "www."))
	}
	if i := strings.IndexByte(id, '/'); i > 0 {
		return models.SiteName(id[:i])
	}
	return ""
}
