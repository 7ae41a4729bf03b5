package indicators

import (
	"net"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/pipeline"
)

// Defanged separators: "[.]", "(.)", "[dot]", "[at]", "[:]", "hxxp".
const (
	dot = `(?:\.|\[\.\]|\(\.\)|\[dot\]|\(dot\)|\{\.\}|\{dot\}|\\\.)`
	at  = `(?:@|\[@\]|\(@\)|\[at\]|\(at\)|\{at\})`
)

var (
	urlRE    = regexp.MustCompile(`(?i)\b(?:h[tx]{2}ps?|fxps?|ftps?|sftp|sfxp)(?:\[:\]|:)//[^\s<>"'\x60\]\[)(]*(?:(?:\[\.\]|\[dot\]|\[/\])[^\s<>"'\x60\]\[)(]*)*`)
	emailRE  = regexp.MustCompile(`(?i)\b[a-z0-9._%+\-]+` + at + `[a-z0-9\-]+(?:` + dot + `[a-z0-9\-]+)*` + dot + `[a-z]{2,24}\b`)
	ipv4RE   = regexp.MustCompile(`\b(?:\d{1,3}` + dot + `){3}\d{1,3}\b`)
	ipv6RE   = regexp.MustCompile(`(?i)\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}(?::[0-9a-f]{1,4})*\b`)
	domainRE = regexp.MustCompile(`(?i)\b(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?` + dot + `)+[a-z][a-z0-9\-]{1,23}\b`)
	cveRE    = regexp.MustCompile(`(?i)\bCVE-\d{4}-\d{4,7}\b`)
	ttpRE    = regexp.MustCompile(`\bT1\d{3}(?:\.\d{3})?\b`)
)

// tlds holds the top-level domains accepted for bare (not defanged) domains.
// File extensions that are also country codes (.sh, .py, .pl, .so...) are
// left out on purpose: in reports they are far more often file names.
var tlds = set(`com net org info biz io co gov edu mil int us uk ru cn de fr jp kr kp ir iq af pk ua by su in br it es nl
se no fi dk pl cz sk hu ro bg gr tr il sa ae qa eg za ng ke ca mx ar cl au nz sg hk tw vn th my id ph ch at be pt ie lt lv
ee is lu xyz top club online site website space tech store app dev cloud live life news today world email link click
onion bit pw cc ws tk ml ga cf gq me tv fm am to ly su kz uz tj tm kg az ge md rs hr si ba mk al me ws vip icu cyou shop
fun host press pro mobi name asia jobs tel travel museum aero coop ink eu ai gg im ee ir sy lb jo ye om kw bh tn ma dz`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// claims keeps the spans found so far; a more specific pattern runs first
// and claims its bytes (a URL claims the domain and IP inside it).
type claims struct {
	ents []pipeline.Entity
}

func (c *claims) find(s int) int {
	return sort.Search(len(c.ents), func(i int) bool { return c.ents[i].End > s })
}

func (c *claims) add(e pipeline.Entity) {
	i := c.find(e.Start)
	if e.Start >= e.End || i < len(c.ents) && c.ents[i].Start < e.End {
		return
	}
	c.ents = append(c.ents, pipeline.Entity{})
	copy(c.ents[i+1:], c.ents[i:])
	c.ents[i] = e
}

// candidates finds indicators of compromise, CVE ids and ATT&CK technique
// ids in text, whatever their context. Every pattern matches text without
// white space, so the patterns run only on the white-space-delimited chunks
// that could hold one (a regular expression over all the text was half of
// the entity stage's time).
func candidates(text string) []pipeline.Entity {
	c := &claims{}
	scan := spacedDots(text)
	for i := 0; i < len(scan); {
		i += spaceLen(scan, i)
		j := i
		for j < len(scan) && spaceLen(scan, j) == 0 {
			j++
		}
		if j > i && mayHoldIndicator(scan[i:j]) {
			scanChunk(text, scan, i, j, c)
		}
		i = j
	}
	return c.ents
}

// spaceLen returns the length of the white space at text[i] (0 if none):
// ASCII white space and Unicode spaces such as the no-break space, which a
// URL never holds.
func spaceLen(text string, i int) int {
	if i >= len(text) {
		return 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		if isSpaceByte(c) {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if unicode.IsSpace(r) || r == '\u200b' {
		return n
	}
	return 0
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == '\v'
}

// mayHoldIndicator is a cheap test that lets most words skip the patterns.
func mayHoldIndicator(tok string) bool {
	if strings.ContainsAny(tok, "@:[({") {
		return true
	}
	if i := strings.IndexByte(tok, '.'); i >= 0 && strings.IndexByte(strings.TrimRight(tok, ".,;!?)\"'”’"), '.') >= 0 {
		return true // a dot inside the token, not only sentence punctuation
	}
	switch {
	case len(tok) >= 32: // hashes
		return true
	case len(tok) >= 5 && tok[0] == 'T' && tok[1] >= '0' && tok[1] <= '9': // T1059
		return true
	case len(tok) >= 13 && (strings.HasPrefix(tok, "CVE-") || strings.HasPrefix(tok, "cve-")):
		return true
	}
	return false
}

// hashRuns returns, offset by from, the matches of
// \b(?:[A-Fa-f0-9]{64}|[A-Fa-f0-9]{40}|[A-Fa-f0-9]{32})\b in chunk: runs of
// ASCII word characters ([0-9A-Za-z_], what \b bounds) that are all hex
// digits and 32, 40 or 64 long. It is a byte scan instead of the
// backtracking matcher, which cost a tenth of the indicator stage on long
// URLs; TestHashRunsMatchesPattern and FuzzCandidates hold it to the pattern.
func hashRuns(chunk string, from int) [][]int {
	var out [][]int
	for i := 0; i+32 <= len(chunk); {
		if !isWordByte(chunk[i]) {
			i++
			continue
		}
		j, hex := i, true
		for j < len(chunk) && isWordByte(chunk[j]) {
			hex = hex && isHexByte(chunk[j])
			j++
		}
		if n := j - i; hex && (n == 32 || n == 40 || n == 64) {
			out = append(out, []int{from + i, from + j})
		}
		i = j
	}
	return out
}

func isHexByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F'
}

// exhaustive makes scanChunk run every pattern on every chunk: the
// reference its tests compare the tell-tale checks with.
var exhaustive bool

// scanChunk runs the patterns on scan[from:to], most specific first; scan
// is text with spaced dots rewritten (same offsets), values come from scan
// and entity texts from text.
func scanChunk(text, scan string, from, to int, c *claims) {
	chunk := scan[from:to]
	add := func(s, e int, label, typ, value string) {
		c.add(pipeline.Entity{Start: s, End: e, Text: text[s:e], Label: label, Type: typ, Value: value, Source: "pattern"})
	}
	// Each pattern runs only where its tell-tale characters are: most
	// candidate tokens are words with a bracket or a colon.
	digit := strings.ContainsAny(chunk, "0123456789")
	lower := strings.ToLower(chunk)
	// Every dot pattern holds a '.' or "dot".
	dotty := strings.IndexByte(chunk, '.') >= 0 || strings.Contains(lower, "dot")
	want := func(re *regexp.Regexp) bool {
		if exhaustive {
			return true
		}
		switch re {
		case urlRE:
			return strings.Contains(chunk, "//")
		case emailRE:
			return strings.Contains(chunk, "@") || strings.Contains(lower, "at]") || strings.Contains(lower, "at)") || strings.Contains(lower, "at}")
		case cveRE:
			return strings.Contains(lower, "cve-")
		case ipv4RE:
			return digit && dotty && (strings.Count(chunk, ".") >= 3 || strings.ContainsAny(chunk, "[({"))
		case ipv6RE:
			return strings.Count(chunk, ":") >= 2
		case ttpRE:
			return strings.Contains(chunk, "T1")
		}
		return dotty && tldAfterDot(chunk) // domains
	}
	all := func(re *regexp.Regexp) [][]int {
		if !want(re) {
			return nil
		}
		ms := re.FindAllStringIndex(chunk, -1)
		for _, m := range ms {
			m[0] += from
			m[1] += from
		}
		return ms
	}
	for _, m := range all(urlRE) {
		s, e := m[0], trimURL(scan, m[0], m[1])
		if v, ok := urlValue(scan[s:e]); ok {
			add(s, e, pipeline.LabelIndicator, "url", v)
		} else {
			// A URL cut short or without a host is no indicator, and nothing
			// inside it is one either.
			c.add(pipeline.Entity{Start: s, End: e, Label: "", Source: "void"})
		}
	}
	for _, m := range all(emailRE) {
		add(m[0], m[1], pipeline.LabelIndicator, "email", strings.ToLower(Refang(scan[m[0]:m[1]])))
	}
	for _, m := range all(cveRE) {
		e := pipeline.Entity{Start: m[0], End: m[1], Text: text[m[0]:m[1]], Label: pipeline.LabelVulnerability,
			ID: "cve:" + strings.ToUpper(text[m[0]:m[1]]), Source: "pattern"}
		c.add(e)
	}
	for _, m := range hashRuns(chunk, from) {
		h := scan[m[0]:m[1]]
		if !hasLetterAndDigit(h) || !boundary(scan, m[0], m[1]) {
			continue
		}
		typ := map[int]string{32: "md5", 40: "sha1", 64: "sha256"}[len(h)]
		add(m[0], m[1], pipeline.LabelIndicator, typ, strings.ToLower(h))
	}
	for _, m := range all(ipv4RE) {
		v := Refang(scan[m[0]:m[1]])
		ip := net.ParseIP(v)
		if ip == nil || ip.To4() == nil || versionLike(scan, m[0], m[1]) {
			continue
		}
		if m[1]+1 < len(scan) && scan[m[1]] == '/' && scan[m[1]+1] >= '0' && scan[m[1]+1] <= '9' {
			continue // a CIDR range ("31.0.0.0/8", a scan target), not a host
		}
		add(m[0], m[1], pipeline.LabelIndicator, "ipv4", v)
	}
	for _, m := range all(ipv6RE) {
		v := scan[m[0]:m[1]]
		if ip := net.ParseIP(v); ip == nil || ip.To4() != nil || strings.Count(v, ":") < 2 || !strings.ContainsAny(strings.ToLower(v), "abcdef") && !strings.Contains(v, "::") {
			continue
		}
		add(m[0], m[1], pipeline.LabelIndicator, "ipv6", strings.ToLower(v))
	}
	for _, m := range all(domainRE) {
		s, e := m[0], m[1]
		raw := scan[s:e]
		defanged := Defanged(raw)
		v := strings.ToLower(Refang(raw))
		tld := v[strings.LastIndexByte(v, '.')+1:]
		if !tlds[tld] || !boundary(scan, s, e) || strings.HasSuffix(scan[:s], "@") {
			continue
		}
		if !defanged && (strings.HasPrefix(scan[e:], "(") || allDigitLabels(v) || len(v) < 5) {
			continue // a function call or a version number
		}
		if !defanged && sentenceJoin(raw) {
			continue // "to hear.In": two sentences with no space between
		}
		if continues(scan, e) || afterSoftHyphen(scan, s) {
			continue // only part of a longer value ("kr2.com" of "mail\u00adkr2.com")
		}
		add(s, e, pipeline.LabelIndicator, "domain", v)
	}
	for _, m := range all(ttpRE) {
		c.add(pipeline.Entity{Start: m[0], End: m[1], Text: text[m[0]:m[1]], Label: pipeline.LabelTechnique,
			ID: "attack:" + text[m[0]:m[1]], Source: "pattern"})
	}
}

// afterSoftHyphen reports whether a soft hyphen (U+00AD), or one and a line
// break, comes right before offset s: pdftotext writes a hyphen of a host
// name so ("www2.mail\u00adkr2.com", "mail\u00ad\nru2.com"), and what follows
// it is the tail of a longer name, another domain than the one written.
func afterSoftHyphen(text string, s int) bool {
	if s > 0 && text[s-1] == '\n' {
		s--
	}
	return s >= 2 && text[s-2:s] == "\u00ad"
}

// tldAfterDot reports whether chunk may hold a domain that domainRE finds
// and scanChunk keeps: a separator ending in '.', ']', ')' or '}', then a
// run of letters that is a known top-level domain. The domain's last label
// is such a run (it must end at a word boundary), so a chunk without one
// cannot hold a kept domain and skips the pattern, the costliest of them.
// Non-ASCII text always runs it: (?i) folds the Kelvin sign to 'k'.
func tldAfterDot(chunk string) bool {
	for i := 0; i < len(chunk); i++ {
		switch c := chunk[i]; {
		case c >= utf8.RuneSelf:
			return true
		case c == '.' || c == ']' || c == ')' || c == '}':
			j := i + 1
			for j < len(chunk) && (chunk[j]|0x20 >= 'a' && chunk[j]|0x20 <= 'z') {
				j++
			}
			if j > i+1 && tlds[strings.ToLower(chunk[i+1:j])] {
				return true
			}
		}
	}
	return false
}

// urlValue refangs a URL and checks it is whole: a host that is an IP
// address or ends in a known top-level domain. "https://t" (from "t dot
// me") and "https://" are no URL.
func urlValue(raw string) (string, bool) {
	v := Refang(raw)
	u, err := url.Parse(v)
	if err != nil || u.Host == "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if net.ParseIP(host) != nil {
		return v, true
	}
	i := strings.LastIndexByte(host, '.')
	if i <= 0 || !tlds[host[i+1:]] && !ianaTLD(host[i+1:]) {
		return "", false
	}
	return v, true
}

// continues reports whether a value ending at e goes on: a dot and another
// label, so what matched is only a part.
func continues(text string, e int) bool {
	return e+1 < len(text) && text[e] == '.' && isLetterDigit(text[e+1])
}

// trimURL drops trailing punctuation that ends the sentence, not the URL,
// and Markdown emphasis glued to it ("**https://x.com**with").
func trimURL(text string, s, e int) int {
	if i := strings.Index(text[s:e], "**"); i > 0 {
		e = s + i
	}
	for e > s {
		// (by rune: a curly quote is three bytes, "‘hxxp://fukbb.com’")
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !strings.ContainsRune(".,;:!?'\"”’*\\", r) {
			break
		}
		e -= n
	}
	return e
}

func hasLetterAndDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789") && strings.ContainsAny(strings.ToLower(s), "abcdef")
}

// boundary rejects matches glued to more word characters, dots or slashes (file paths, longer hex).
func boundary(text string, s, e int) bool {
	if s > 0 && strings.ContainsRune("/\\_.-", rune(text[s-1])) {
		return false
	}
	if e < len(text) && strings.ContainsRune("_\\", rune(text[e])) {
		return false
	}
	return true
}

// versionLike rejects dotted quads that are version numbers ("version
// 1.2.3.4", "v10.0.0.1", "Flash Player 21.0.0.197", "quasar 1.2.0.0").
func versionLike(text string, s, e int) bool {
	// (16 bytes: a label may stand lines above its value in PDF text, "File
	// Version\n\n: 1.0.0.0".)
	before := strings.ToLower(text[max(0, s-16):s])
	if strings.HasSuffix(before, "v") || strings.Contains(before, "version") || strings.HasSuffix(before, "build ") {
		return true
	}
	if s > 0 && strings.ContainsRune(".-", rune(text[s-1])) {
		return true
	}
	if e+1 < len(text) && (text[e] == '.' || text[e] == '-') && isDigit(text[e+1]) {
		return true // a longer version, or a range of them ("1.7.0.0-1.7.0.7")
	}
	if strings.EqualFold(prevWord(text, s), "than") {
		return true // "versions older than 1.6.0.27"
	}
	// A network address ends in .0 and a product version often has a zero
	// minor part; neither, written after a product name, is a host.
	v := text[s:e]
	if prev := prevWord(text, s); prev != "" && (strings.HasSuffix(v, ".0") || strings.Contains(v, ".0.0.")) {
		if r, _ := utf8.DecodeRuneInString(prev); unicode.IsLetter(r) && !stopBefore[strings.ToLower(prev)] {
			return true
		}
	}
	return false
}

// stopBefore are words that introduce an address, not name a product.
var stopBefore = set(`to from at on in and or via ip address addresses host hosts server servers is was were as of
by with resolves resolved resolving connects connected contacts contacted beacons c2 ip: range block subnet`)

// prevWord returns the word just before offset s (skipping one space).
func prevWord(text string, s int) string {
	e := s
	for e > 0 && text[e-1] == ' ' {
		e--
	}
	b := e
	for b > 0 && !isSpaceByte(text[b-1]) {
		b--
	}
	return text[b:e]
}

func allDigitLabels(v string) bool {
	for _, l := range strings.Split(v, ".")[:strings.Count(v, ".")] {
		if strings.Trim(l, "0123456789") != "" {
			return false
		}
	}
	return true
}

// sentenceJoin reports whether a bare domain is two sentences run together:
// a lower-case word, a full stop and a capitalised word that is a top-level
// domain by chance ("hear.In", "attack.So"). Hosts are written in one case
// ("Gulag.net", "EXAMPLE.COM").
func sentenceJoin(raw string) bool {
	i := strings.LastIndexByte(raw, '.')
	first, last := raw[:i], raw[i+1:]
	return strings.IndexByte(first, '.') < 0 && first == strings.ToLower(first) && len(last) > 1 &&
		last[0] >= 'A' && last[0] <= 'Z' && last[1:] == strings.ToLower(last[1:])
}
