package indicators

import (
	"net"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// A candidate URL, domain, address or e-mail is scored by the features of
// its context; a positive score makes it an indicator, any other a
// reference. The weights were set on APTNER train sentences, the ten CTI
// reports and the ISW reports of ../shared (README, "Indicators"), and
// checked on APTNER dev.
var weights = map[string]float64{
	"prior":      1,    // a value written in running text is, by default, an indicator
	"defanged":   4,    // only indicators are defanged
	"spaced-dot": 1,    // "kremlin dot ru": a style some publishers cite in, not a defanging
	"ioc-table":  2,    // a table row or list line that types the value (C2, URL, Domain...)
	"ioc-head":   2,    // under an "Indicators of compromise" or "Network indicators" heading
	"trigger":    2,    // "C2", "hosted on", "downloaded from", "beacons to", "resolves to"...
	"neighbour":  1,    // a hash, address or defanged value on the same line
	"list":       2,    // a line of values, or "Label: value"
	"ip-host":    2,    // a URL on a bare IP address: no publication lives there
	"endnote":    -5,   // a numbered note: "[12] https://..." or "12. https://..."
	"source":     -4,   // a "Source:", "See", "Via", "Read more" line
	"ref-head":   -4,   // under a "References", "Endnotes" or "Sources" heading
	"link":       -4,   // a hyperlink target: "[text](https://...)" or "(https://...)"
	"popular":    -1.5, // a host on a popularity or vendor list, and no defanging
	"article":    -1.5, // a path like a publication's: /2021/06/, a dated or slugged page, a post id
	"cites-verb": -1.5, // "published", "reported", "wrote", "according to" in its sentence
	"named":      -1.5, // a bare domain written with capitals ("Gulag.net", "CrookServers.com"): a name
	"cited-at":   -4,   // "available at:", "retrieved from", "(See:" just before it
	"biblio":     -2.5, // a bibliography entry: a quoted title and a year, or a date just before it
	"file-like":  -3,   // a bare domain in lower case with capitals inside ("bzYfp.com"): a random file name (.com is also a DOS program)
	"contact":    -6,   // a line of contact details: a telephone or fax number ("(+352) 247 88444 - info@circl.lu")
}

var (
	iocHeadRE = regexp.MustCompile(`(?i)\b(?:indicators?|iocs?|observables?|network|infrastructure|c2|c&c|command and control|domains?|urls?|ip addresses|hosts?|samples?|hashes|artifacts|appendix)\b`)
	refHeadRE = regexp.MustCompile(`(?i)^\W*(?:references?|endnotes?|footnotes?|notes|sources?|bibliography|further reading|citations?|related (?:reading|links|research)|resources|read more|links)\W*$`)
	endnoteRE = regexp.MustCompile(`^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)]\s|\^\d|\[\^\d+\]:)`)
	sourceRE  = regexp.MustCompile(`(?i)^\W*(?:sources?|via|see(?: also)?|read more|retrieved from|credit|cited|references?)\b\W*`)
	// "Accessed" or "retrieved" may carry the day: "accessed March 16, 2021, https://..."
	// (Chicago), "retrieved on 16 March 2021 from https://...".
	citedAtRE = regexp.MustCompile(`(?i)(?:available(?: online)? at|available online|retrieved(?: from)?|accessed(?: at| via| on)?|\bsee(?: also| for example)?|cf\.|online at|published at|` +
		`(?:accessed|retrieved|viewed)(?: on)?\s+(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2},?)?\s+(?:19|20)\d\d(?:\s+from)?|` +
		`(?:accessed|retrieved|viewed)(?: on)?\s+(?:19|20)\d\d-\d\d-\d\d(?:\s+from)?)\s*[:.,]?\s*\(?\s*$`)
	// A bibliography entry gives the date just before the address: "The
	// National Journal, May 31, 2008, http://...".
	datedRE    = regexp.MustCompile(`(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2},?)?\s+(?:19|20)\d\d[,;.]?\s*$`)
	articleRE  = regexp.MustCompile(`(?i)/(?:19|20)\d\d/(?:\d\d?/)?|/(?:news|blog|blogs|article|articles|posts?|status|story|stories|insights|research|threat-insight|publications?|reports?|press|wiki|docs?|events)/|\.(?:html?|pdf|shtml)$|/[a-z0-9]+(?:-[a-z0-9]+){3,}/?$`)
	popularSet = map[string]bool{"tranco10k": true, "majestic_million": true, "cisco_top10k": true, "alexa": true,
		"moz-top500": true, "security-provider-blogpost": true, "google": true, "microsoft": true,
		"university_domains": true, "wikimedia": true, "automated-malware-analysis": true}
)

// context holds what scoring needs of one document, and what it has worked
// out per line and per sentence: an endnote block holds hundreds of values
// on one "sentence", so nothing is computed twice for it.
type context struct {
	doc     *pipeline.Document
	cands   []pipeline.Entity // sorted by start, disjoint
	lists   *models.Warninglists
	lines   map[int]*lineInfo
	sents   map[[2]int]*textInfo
	notes   map[int]bool      // line start -> continues a numbered note
	heads   map[string]string // heading -> headingKind
	hosts   map[string][]models.Warninglist
	special []bool // candidate i is a hash, an address or defanged
}

// lineInfo is what scoring needs of one line.
type lineInfo struct {
	end              int
	endnote, source  bool
	table, biblio    bool // the stripped line names an indicator type; it reads like a bibliography entry
	contact          bool // the line holds a telephone or fax number, or its label
	values, words    int  // candidates on the line, and words of two letters or more besides them
	special          int  // candidates on the line that are hashes, addresses or defanged
	valuesOnly       bool // nothing but values and punctuation
	stripped, trimmd string
}

// textInfo is what scoring needs of one sentence.
type textInfo struct {
	trigger, cites, biblio bool
}

func newContext(doc *pipeline.Document, cands []pipeline.Entity, lists *models.Warninglists) *context {
	c := &context{doc: doc, cands: cands, lists: lists, lines: map[int]*lineInfo{}, sents: map[[2]int]*textInfo{},
		notes: map[int]bool{}, heads: map[string]string{}, hosts: map[string][]models.Warninglist{}, special: make([]bool, len(cands))}
	for i, o := range cands {
		if o.Label != pipeline.LabelIndicator {
			continue
		}
		switch o.Type {
		case "md5", "sha1", "sha256", "ipv4", "ipv6":
			c.special[i] = true
		default:
			c.special[i] = Defanged(o.Text)
		}
	}
	return c
}

// strip returns the text of [s, e) with every candidate value inside it
// blanked to one space, so that words inside URLs ("/blog/", "/download/")
// are not read as context.
func (c *context) strip(s, e int) string {
	t := c.doc.Text
	i := sort.Search(len(c.cands), func(k int) bool { return c.cands[k].Start >= s })
	var b strings.Builder
	pos := s
	for ; i < len(c.cands) && c.cands[i].Start < e; i++ {
		o := c.cands[i]
		if o.End > e || o.Text == "" {
			continue
		}
		b.WriteString(t[pos:o.Start])
		b.WriteByte(' ')
		pos = o.End
	}
	if pos == s {
		return t[s:e]
	}
	b.WriteString(t[pos:e])
	return b.String()
}

// line returns what is known of the line starting at ls (ending at le).
func (c *context) line(ls, le int) *lineInfo {
	if l, ok := c.lines[ls]; ok {
		return l
	}
	t := c.doc.Text
	text := t[ls:le]
	l := &lineInfo{end: le, endnote: endnoteRE.MatchString(text), source: sourceRE.MatchString(text),
		stripped: c.strip(ls, le), trimmd: strings.TrimSpace(text)}
	l.table = tableWords.match(l.stripped)
	l.biblio = quotedTitle(text) && hasYear(l.stripped)
	l.contact = hasPhone(text)
	for i := sort.Search(len(c.cands), func(k int) bool { return c.cands[k].Start >= ls }); i < len(c.cands) && c.cands[i].End <= le; i++ {
		if c.cands[i].Label != "" {
			l.values++
		}
		if c.special[i] {
			l.special++
		}
	}
	for _, w := range strings.Fields(l.stripped) {
		if len(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })) >= 2 {
			l.words++
		}
	}
	l.valuesOnly = strings.IndexFunc(l.stripped, unicode.IsLetter) < 0 && strings.TrimSpace(l.stripped) != text
	c.lines[ls] = l
	return l
}

// lineBounds returns the bounds of the line holding [s, e).
func (c *context) lineBounds(s, e int) (int, int) {
	t := c.doc.Text
	ls := strings.LastIndexByte(t[:s], '\n') + 1
	le := strings.IndexByte(t[e:], '\n')
	if le < 0 {
		return ls, len(t)
	}
	return ls, e + le
}

// heading returns the heading of the innermost section holding offset s.
func (c *context) heading(s int) string {
	h, best := "", -1
	for _, sec := range c.doc.Sections {
		if sec.Start <= s && s < sec.End && sec.Start > best {
			h, best = sec.Heading, sec.Start
		}
	}
	return h
}

// headingKind says whether the heading over offset s introduces references
// ("ref"), indicators ("ioc") or neither ("").
func (c *context) headingKind(s int) string {
	h := c.heading(s)
	if k, ok := c.heads[h]; ok {
		return k
	}
	k := ""
	switch {
	case refHeadRE.MatchString(h):
		k = "ref"
	case h != "" && iocHeadRE.MatchString(h):
		k = "ioc"
	}
	c.heads[h] = k
	return k
}

// sentence returns what is known of the sentence holding [s, e), or of its
// line when no sentence holds it.
func (c *context) sentence(s, e, ls, le int) *textInfo {
	key := [2]int{ls, le}
	if i := c.doc.SentenceAt(s); i >= 0 {
		st := c.doc.Sentences[i]
		key = [2]int{st.Start, max(st.End, e)}
	}
	if ti, ok := c.sents[key]; ok {
		return ti
	}
	stripped := c.strip(key[0], key[1])
	ti := &textInfo{trigger: triggerWords.match(stripped), cites: citeWords.match(stripped),
		biblio: quotedTitle(c.doc.Text[key[0]:key[1]]) && hasYear(stripped)}
	c.sents[key] = ti
	return ti
}

// score returns candidate i's score and the features that made it.
func (c *context) score(i int) (float64, []string) {
	e := c.cands[i]
	t := c.doc.Text
	ls, le := c.lineBounds(e.Start, e.End)
	li := c.line(ls, le)
	before := t[ls:e.Start]
	var reasons []string
	total := 0.0
	add := func(f string) {
		reasons = append(reasons, f)
		total += weights[f]
	}
	add("prior")
	defanged := c.special[i] && e.Type != "ipv4" && e.Type != "ipv6" || (e.Type == "ipv4" || e.Type == "ipv6") && Defanged(e.Text)
	switch {
	case defanged:
		add("defanged")
	case strings.Contains(e.Text, " dot "):
		add("spaced-dot")
		defanged = true
	}
	switch {
	case li.endnote || c.noteContinues(ls):
		add("endnote")
	case li.source:
		add("source")
	}
	switch c.headingKind(e.Start) {
	case "ref":
		add("ref-head")
	case "ioc":
		add("ioc-head")
	}
	if strings.HasSuffix(before, "](") || strings.HasSuffix(strings.TrimSpace(before), "(") && e.Type == "url" && !defanged ||
		strings.HasSuffix(before, "<") && strings.HasPrefix(t[e.End:], ">") {
		add("link")
	}
	if (strings.HasPrefix(li.trimmd, "|") || strings.Contains(t[ls:le], "\t") || strings.Contains(before, " : ") ||
		strings.HasPrefix(li.trimmd, "*") || strings.HasPrefix(li.trimmd, "-")) && li.table {
		add("ioc-table")
	}
	sent := c.sentence(e.Start, e.End, ls, le)
	if sent.trigger {
		add("trigger")
	}
	self := 0
	if c.special[i] {
		self = 1
	}
	if li.special-self > 0 {
		add("neighbour")
	}
	if c.list(i, ls, li) {
		add("list")
	}
	if e.Type == "url" && isIPHost(e.Value) {
		add("ip-host")
	}
	if !defanged && e.Type != "email" && c.popular(e) {
		add("popular")
	}
	if e.Type == "url" && articleRE.MatchString(e.Value) {
		add("article")
	}
	if sent.cites {
		add("cites-verb")
	}
	if !defanged {
		if w := c.strip(max(ls, e.Start-40), e.Start); mayCite(w) && citedAtRE.MatchString(w) {
			add("cited-at")
		}
		// A PDF wraps an entry over lines: its sentence is the better unit.
		if datedRE.MatchString(before[max(0, len(before)-30):]) || li.biblio || sent.biblio {
			add("biblio")
		}
	}
	switch {
	case e.Type != "domain" || defanged:
	case e.Text[0] >= 'A' && e.Text[0] <= 'Z':
		add("named")
	case mixedCase(e.Text):
		add("file-like")
	}
	if !defanged && e.Type != "ipv4" && e.Type != "ipv6" && li.contact {
		add("contact")
	}
	return total, reasons
}

// citeStems are in every phrase citedAtRE matches: a cheap test that
// spares most candidates the expression (1.7% of a run).
var citeStems = []string{"avail", "retriev", "access", "see", "cf.", "online", "publish", "view"}

// mayCite reports whether the text before a value may hold a phrase that
// cites it.
func mayCite(before string) bool {
	low := strings.ToLower(before)
	return slices.ContainsFunc(citeStems, func(w string) bool { return strings.Contains(low, w) })
}

// hasPhone reports whether a line holds a telephone or fax number, or its
// label: "telephone:", "Tel.:", "FAX:", "(+352) 247", "+1 202 555": a line of
// contact details, a publisher's or a mission's e-mail and website. A scan
// from each ':' and '+' instead of a regular expression, which cost 1.7% of
// a run on long lines.
func hasPhone(line string) bool {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ':':
			j := i
			for j > 0 && (line[j-1] == ' ' || line[j-1] == '.') {
				j--
			}
			k := j
			for k > 0 && (line[k-1]|0x20 >= 'a' && line[k-1]|0x20 <= 'z') {
				k--
			}
			if w := strings.ToLower(line[k:j]); (w == "tel" || w == "telephone" || w == "phone" || w == "fax") && (k == 0 || !isWordByte(line[k-1])) {
				return true
			}
		case '+':
			n := digitsAt(line, i+1)
			if n < 1 || n > 3 {
				continue
			}
			rest := i + 1 + n
			if i > 0 && line[i-1] == '(' && rest < len(line) && line[rest] == ')' { // "(+352) 247"
				r := rest + 1
				for r < len(line) && line[r] == ' ' {
					r++
				}
				if digitsAt(line, r) > 0 {
					return true
				}
				continue
			}
			if rest < len(line) && (line[rest] == ' ' || line[rest] == '.' || line[rest] == '-') { // "+1 202 555"
				r := rest + 1
				if r < len(line) && line[r] == '(' {
					r++
				}
				if m := digitsAt(line, r); m >= 1 && m <= 4 {
					r += m
					if r < len(line) && line[r] == ')' {
						r++
					}
					if r < len(line) && (line[r] == ' ' || line[r] == '.' || line[r] == '-') && digitsAt(line, r+1) >= 2 {
						return true
					}
				}
			}
		}
	}
	return false
}

// digitsAt returns how many ASCII digits start s at i.
func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && isDigit(s[i+n]) {
		n++
	}
	return n
}

// mixedCase reports whether a host's labels mix cases before its top-level
// domain ("bzYfp.com"): a file's name written so, where a host is written in
// one case ("EVIL-CDN.COM", "evil-cdn.com") or capitalised as a name
// ("Gulag.net", feature "named").
func mixedCase(host string) bool {
	if i := strings.LastIndexByte(host, '.'); i > 0 {
		host = host[:i]
	}
	return strings.ToLower(host) != host && strings.ToUpper(host) != host
}

// list reports whether candidate i stands in a list of values: a line that
// holds little but values, or one that reads "Label: value".
func (c *context) list(i, ls int, li *lineInfo) bool {
	before := strings.TrimSpace(c.strip(ls, c.cands[i].Start))
	if strings.HasSuffix(before, ":") && len(strings.Fields(before)) <= 4 {
		return true
	}
	return li.values >= 2 && li.words <= li.values+2
}

// noteContinues reports whether the line starting at ls continues a
// numbered note: it holds only values, and the lines above it, back to a
// numbered note, hold only values too.
func (c *context) noteContinues(ls int) bool {
	if v, ok := c.notes[ls]; ok {
		return v
	}
	t := c.doc.Text
	v := false
	for n, s := 0, ls; n < 8 && s > 0; n++ {
		le := s - 1 // the newline ending the line above
		s = strings.LastIndexByte(t[:le], '\n') + 1
		if strings.TrimSpace(t[s:le]) == "" {
			continue
		}
		l := c.line(s, le)
		if l.endnote {
			v = true
			break
		}
		if !l.valuesOnly {
			break
		}
	}
	c.notes[ls] = v
	return v
}

// quotedTitle reports whether text closes a quoted title: a comma or full
// stop next to a closing quote (,” ”, ." ".).
func quotedTitle(text string) bool {
	for _, q := range []string{",”", ".”", ",\"", ".\"", "”,", "”.", "\",", "\"."} {
		if strings.Contains(text, q) {
			return true
		}
	}
	return false
}

// hasYear reports whether text holds a year from 1900 to 2099 as a word.
func hasYear(text string) bool {
	for i := 0; i+4 <= len(text); i++ {
		if (text[i] == '1' && text[i+1] == '9' || text[i] == '2' && text[i+1] == '0') && isDigit(text[i+2]) && isDigit(text[i+3]) &&
			(i == 0 || !isWordByte(text[i-1])) && (i+4 == len(text) || !isWordByte(text[i+4])) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// citing are the features that make a value a citation rather than merely
// not an indicator.
var citing = map[string]bool{"endnote": true, "source": true, "ref-head": true, "link": true, "cites-verb": true,
	"cited-at": true, "biblio": true}

// isIPHost reports whether a URL's host is an IP address.
func isIPHost(v string) bool {
	u, err := url.Parse(v)
	return err == nil && net.ParseIP(u.Hostname()) != nil
}

// host returns the warning lists that hold a host, once per host and document.
func (c *context) host(h string) []models.Warninglist {
	if ls, ok := c.hosts[h]; ok {
		return ls
	}
	ls := c.lists.Host(h)
	c.hosts[h] = ls
	return ls
}

// popular reports whether the candidate's host is on a popularity or
// vendor list (and not under a dynamic-DNS zone).
func (c *context) popular(e pipeline.Entity) bool {
	if c.lists == nil {
		return false
	}
	host := hostOf(e.Type, e.Value)
	if host == "" {
		return false
	}
	hit := false
	for _, l := range c.host(host) {
		if l.Key == "dynamic-dns" {
			return false
		}
		hit = hit || popularSet[l.Key]
	}
	return hit
}
