package indicators

import (
	"net"
	"net/url"
	"regexp"
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
}

var (
	iocHeadRE = regexp.MustCompile(`(?i)\b(?:indicators?|iocs?|observables?|network|infrastructure|c2|c&c|command and control|domains?|urls?|ip addresses|hosts?|samples?|hashes|artifacts|appendix)\b`)
	refHeadRE = regexp.MustCompile(`(?i)^\W*(?:references?|endnotes?|footnotes?|notes|sources?|bibliography|further reading|citations?|related (?:reading|links|research)|resources|read more|links)\W*$`)
	endnoteRE = regexp.MustCompile(`^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)]\s|\^\d|\[\^\d+\]:)`)
	sourceRE  = regexp.MustCompile(`(?i)^\W*(?:sources?|via|see(?: also)?|read more|retrieved from|credit|cited|references?)\b\W*`)
	tableRE   = regexp.MustCompile(`(?i)\b(?:c2|c&c|cnc|url|urls|domain|domains|ip|ipv4|ipv6|host|hostname|e-?mail|sender|payload|download|dropper|panel|gate|callback|beacon|exfil\w*|phishing|landing|redirect\w*|staging|server)\b`)
	triggerRE = regexp.MustCompile(`(?i)\b(?:c2s?|c&c|cnc|command[- ]and[- ]control|hosted|hosting|host(?:s|ed)? on|download\w*|upload\w*|beacon\w*|resolv\w*|connect\w*|contact\w*|call(?:s|ed)? (?:back|out|home)|callback|embedded|payloads?|drop(?:per|s|ped)|phish\w*|malicious|exfiltrat\w*|redirect\w*|servers?|infrastructure|iocs?|indicators?|sender|spoof\w*|lure|fetch\w*|retriev\w*|request\w*|communicat\w*|registered|sinkhole\w*|post(?:s|ed)? to|sends? to|sent to|traffic|attacker|actor|campaign|spear)\b`)
	citedAtRE = regexp.MustCompile(`(?i)(?:available(?: online)? at|available online|retrieved(?: from)?|accessed(?: at| via| on)?|\bsee(?: also| for example)?|cf\.|online at|published at)\s*[:.,]?\s*\(?\s*$`)
	biblioRE  = regexp.MustCompile(`[,.][”"]|[”"][,.]`)
	yearRE    = regexp.MustCompile(`\b(?:19|20)\d\d\b`)
	// A bibliography entry gives the date just before the address: "The
	// National Journal, May 31, 2008, http://...".
	datedRE    = regexp.MustCompile(`(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2},?)?\s+(?:19|20)\d\d[,;.]?\s*$`)
	citesRE    = regexp.MustCompile(`(?i)\b(?:published|reported|report|wrote|writes|posted|blog|article|according to|documented|described|noted|paper|analysis by|tweet\w*|announced|covered|write-?up|research|whitepaper|advisory|alert)\b`)
	articleRE  = regexp.MustCompile(`(?i)/(?:19|20)\d\d/(?:\d\d?/)?|/(?:news|blog|blogs|article|articles|posts?|status|story|stories|insights|research|threat-insight|publications?|reports?|press|wiki|docs?|events)/|\.(?:html?|pdf|shtml)$|/[a-z0-9]+(?:-[a-z0-9]+){3,}/?$`)
	popularSet = map[string]bool{"tranco10k": true, "majestic_million": true, "cisco_top10k": true, "alexa": true,
		"moz-top500": true, "security-provider-blogpost": true, "google": true, "microsoft": true,
		"university_domains": true, "wikimedia": true, "automated-malware-analysis": true}
)

// context holds what scoring needs of one document.
type context struct {
	doc   *pipeline.Document
	cands []pipeline.Entity
	lists *models.Warninglists
}

func newContext(doc *pipeline.Document, cands []pipeline.Entity, lists *models.Warninglists) *context {
	return &context{doc: doc, cands: cands, lists: lists}
}

// line returns the bounds of the line holding [s, e).
func (c *context) line(s, e int) (int, int) {
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

// sentence returns the text of the sentence holding s, or its line.
func (c *context) sentence(s, e int) string {
	if i := c.doc.SentenceAt(s); i >= 0 {
		st := c.doc.Sentences[i]
		return c.doc.Text[st.Start:max(st.End, e)]
	}
	ls, le := c.line(s, e)
	return c.doc.Text[ls:le]
}

// score returns candidate i's score and the features that made it.
func (c *context) score(i int) (float64, []string) {
	e := c.cands[i]
	t := c.doc.Text
	ls, le := c.line(e.Start, e.End)
	line := t[ls:le]
	before := t[ls:e.Start]
	var reasons []string
	total := 0.0
	add := func(f string) {
		reasons = append(reasons, f)
		total += weights[f]
	}
	add("prior")
	defanged := Defanged(e.Text)
	switch {
	case defanged:
		add("defanged")
	case strings.Contains(e.Text, " dot "):
		add("spaced-dot")
		defanged = true
	}
	switch {
	case endnoteRE.MatchString(line) || c.noteContinues(ls):
		add("endnote")
	case sourceRE.MatchString(line):
		add("source")
	}
	h := c.heading(e.Start)
	switch {
	case refHeadRE.MatchString(h):
		add("ref-head")
	case h != "" && iocHeadRE.MatchString(h):
		add("ioc-head")
	}
	if strings.HasSuffix(before, "](") || strings.HasSuffix(strings.TrimSpace(before), "(") && e.Type == "url" && !defanged ||
		strings.HasSuffix(before, "<") && strings.HasPrefix(t[e.End:], ">") {
		add("link")
	}
	trimmed := strings.TrimSpace(line)
	if (strings.HasPrefix(trimmed, "|") || strings.Count(line, "\t") >= 1 || strings.Contains(before, " : ") ||
		strings.HasPrefix(trimmed, "*") || strings.HasPrefix(trimmed, "-")) && tableRE.MatchString(stripValues(line, c.cands, ls, le)) {
		add("ioc-table")
	}
	sent := c.sentence(e.Start, e.End)
	if triggerRE.MatchString(stripValues(sent, c.cands, -1, -1)) {
		add("trigger")
	}
	if c.neighbour(i, ls, le) {
		add("neighbour")
	}
	if c.list(i, ls, le) {
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
	if citesRE.MatchString(stripValues(sent, c.cands, -1, -1)) {
		add("cites-verb")
	}
	if !defanged {
		if tail := before[max(0, len(before)-40):]; citedAtRE.MatchString(stripValues(tail, c.cands, -1, -1)) {
			add("cited-at")
		}
		// A PDF wraps an entry over lines: its sentence is the better unit.
		if datedRE.MatchString(before) || biblioRE.MatchString(line) && yearRE.MatchString(stripValues(line, c.cands, ls, le)) ||
			biblioRE.MatchString(sent) && yearRE.MatchString(stripValues(sent, c.cands, -1, -1)) {
			add("biblio")
		}
	}
	if e.Type == "domain" && !defanged && e.Text[0] >= 'A' && e.Text[0] <= 'Z' {
		add("named")
	}
	return total, reasons
}

// stripValues blanks the candidate values inside a stretch of text so that
// words inside URLs ("/blog/", "/download/") are not read as context.
// ls and le place text in the document (-1: text is searched for them).
func stripValues(text string, cands []pipeline.Entity, ls, le int) string {
	for _, c := range cands {
		if c.Text != "" && (ls < 0 || c.Start >= ls && c.End <= le) {
			text = strings.ReplaceAll(text, c.Text, " ")
		}
	}
	return text
}

// neighbour reports whether another candidate on the same line is a hash, an
// address or defanged: the line lists indicators.
func (c *context) neighbour(i, ls, le int) bool {
	for j, o := range c.cands {
		if j == i || o.Start < ls || o.End > le || o.Label != pipeline.LabelIndicator {
			continue
		}
		switch o.Type {
		case "md5", "sha1", "sha256", "ipv4", "ipv6":
			return true
		}
		if Defanged(o.Text) {
			return true
		}
	}
	return false
}

// list reports whether candidate i stands in a list of values: a line that
// holds little but values, or one that reads "Label: value".
func (c *context) list(i, ls, le int) bool {
	e := c.cands[i]
	before := strings.TrimSpace(stripValues(c.doc.Text[ls:e.Start], c.cands, ls, e.Start))
	if strings.HasSuffix(before, ":") && len(strings.Fields(before)) <= 4 {
		return true
	}
	k := 0
	for _, o := range c.cands {
		if o.Start >= ls && o.End <= le && o.Label != "" {
			k++
		}
	}
	if k < 2 {
		return false
	}
	words := 0
	for _, w := range strings.Fields(stripValues(c.doc.Text[ls:le], c.cands, ls, le)) {
		if len(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })) >= 2 {
			words++
		}
	}
	return words <= k+2
}

// noteContinues reports whether the line starting at ls continues a
// numbered note: it holds only values, and the lines above it, back to a
// numbered note, hold only values too.
func (c *context) noteContinues(ls int) bool {
	t := c.doc.Text
	for n := 0; n < 8 && ls > 0; n++ {
		le := ls - 1 // the newline ending the line above
		ls = strings.LastIndexByte(t[:le], '\n') + 1
		line := t[ls:le]
		switch {
		case strings.TrimSpace(line) == "":
			continue
		case endnoteRE.MatchString(line):
			return true
		case !c.valuesOnly(ls, le):
			return false
		}
	}
	return false
}

// valuesOnly reports whether text[ls:le] holds values and nothing else
// but punctuation.
func (c *context) valuesOnly(ls, le int) bool {
	rest := stripValues(c.doc.Text[ls:le], c.cands, ls, le)
	return strings.IndexFunc(rest, unicode.IsLetter) < 0 && strings.TrimSpace(rest) != c.doc.Text[ls:le]
}

// citing are the features that make a value a citation rather than merely
// not an indicator.
var citing = map[string]bool{"endnote": true, "source": true, "ref-head": true, "link": true, "cites-verb": true,
	"cited-at": true, "biblio": true}

// isIPHost reports whether a URL's host is an IP address.
func isIPHost(v string) bool {
	u, err := url.Parse(v)
	return err == nil && net.ParseIP(u.Hostname()) != nil
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
	for _, l := range c.lists.Host(host) {
		if l.Key == "dynamic-dns" {
			return false
		}
		hit = hit || popularSet[l.Key]
	}
	return hit
}
