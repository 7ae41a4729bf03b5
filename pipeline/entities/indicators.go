package entities

import (
	"net"
	"regexp"
	"strings"

	"github.com/sitrep/sitrep/pipeline"
)

// Defanged separators: "[.]", "(.)", "[dot]", "[at]", "[:]", "hxxp".
const (
	dot = `(?:\.|\[\.\]|\(\.\)|\[dot\]|\(dot\)|\{\.\})`
	at  = `(?:@|\[@\]|\(@\)|\[at\]|\(at\))`
)

var (
	urlRE    = regexp.MustCompile(`(?i)\b(?:h[tx]{2}ps?|fxp|ftp|s?ftp)(?:\[:\]|:)//[^\s<>"'\x60\]\[)(]*(?:\[\.\][^\s<>"'\x60\]\[)(]*)*`)
	emailRE  = regexp.MustCompile(`(?i)\b[a-z0-9._%+\-]+` + at + `[a-z0-9\-]+(?:` + dot + `[a-z0-9\-]+)*` + dot + `[a-z]{2,24}\b`)
	ipv4RE   = regexp.MustCompile(`\b(?:\d{1,3}` + dot + `){3}\d{1,3}\b`)
	ipv6RE   = regexp.MustCompile(`(?i)\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}(?::[0-9a-f]{1,4})*\b`)
	domainRE = regexp.MustCompile(`(?i)\b(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?` + dot + `)+[a-z][a-z0-9\-]{1,23}\b`)
	hashRE   = regexp.MustCompile(`\b(?:[A-Fa-f0-9]{64}|[A-Fa-f0-9]{40}|[A-Fa-f0-9]{32})\b`)
	cveRE    = regexp.MustCompile(`(?i)\bCVE-\d{4}-\d{4,7}\b`)
	ttpRE    = regexp.MustCompile(`\bT1\d{3}(?:\.\d{3})?\b`)
	refangRE = regexp.MustCompile(`(?i)\[\.\]|\(\.\)|\[dot\]|\(dot\)|\{\.\}`)
)

// tlds holds the top-level domains accepted for bare (not defanged) domains.
// File extensions that are also country codes (.sh, .py, .pl, .so...) are
// left out on purpose: in reports they are far more often file names.
var tlds = set(`com net org info biz io co gov edu mil int us uk ru cn de fr jp kr kp ir iq af pk ua by su in br it es nl
se no fi dk pl cz sk hu ro bg gr tr il sa ae qa eg za ng ke ca mx ar cl au nz sg hk tw vn th my id ph ch at be pt ie lt lv
ee is lu xyz top club online site website space tech store app dev cloud live life news today world email link click
onion bit pw cc ws tk ml ga cf gq me tv fm am to ly su kz uz tj tm kg az ge md rs hr si ba mk al me ws vip icu cyou shop
fun host press pro mobi name asia jobs tel travel museum aero coop`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// findIndicators finds indicators of compromise, CVE ids and ATT&CK technique
// ids in text. Every pattern matches white-space-free text, so the patterns
// run only on the white-space-delimited chunks that could hold one (a
// regular expression over all the text was half of the entity stage's time).
func findIndicators(text string) []pipeline.Entity {
	c := &claims{}
	for i := 0; i < len(text); {
		for i < len(text) && isSpaceByte(text[i]) {
			i++
		}
		j := i
		for j < len(text) && !isSpaceByte(text[j]) {
			j++
		}
		if j > i && mayHoldIndicator(text[i:j]) {
			scanIndicators(text, i, j, c)
		}
		i = j
	}
	return c.ents
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == '\v'
}

// mayHoldIndicator is a cheap test that lets most words skip the patterns.
func mayHoldIndicator(tok string) bool {
	if strings.ContainsAny(tok, "@:[(") {
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

// scanIndicators runs the patterns on text[from:to], most specific first (a
// URL claims the domain and IP inside it); offsets are into text.
func scanIndicators(text string, from, to int, c *claims) {
	chunk := text[from:to]
	add := func(s, e int, label, typ, value string) {
		c.add(pipeline.Entity{Start: s, End: e, Text: text[s:e], Label: label, Type: typ, Value: value, Source: "pattern"})
	}
	// Each pattern runs only where its tell-tale characters are: most
	// candidate tokens are words with a bracket or a colon.
	digit := strings.ContainsAny(chunk, "0123456789")
	lower := strings.ToLower(chunk)
	// Every dot pattern (".", "[.]", "(.)", "{.}", "[dot]", "(dot)") holds a '.' or "dot".
	dotty := strings.IndexByte(chunk, '.') >= 0 || strings.Contains(lower, "dot")
	want := func(re *regexp.Regexp) bool {
		switch re {
		case urlRE:
			return strings.Contains(chunk, "//")
		case emailRE:
			return strings.Contains(chunk, "@") || strings.Contains(lower, "[at]") || strings.Contains(lower, "(at)")
		case cveRE:
			return strings.Contains(lower, "cve-")
		case hashRE:
			return len(chunk) >= 32
		case ipv4RE:
			return digit && dotty
		case ipv6RE:
			return strings.Count(chunk, ":") >= 2
		case ttpRE:
			return strings.Contains(chunk, "T1")
		}
		return dotty // domains
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
		s, e := m[0], trimURL(text, m[0], m[1])
		add(s, e, pipeline.LabelIndicator, "url", refang(text[s:e]))
	}
	for _, m := range all(emailRE) {
		add(m[0], m[1], pipeline.LabelIndicator, "email", strings.ToLower(refang(text[m[0]:m[1]])))
	}
	for _, m := range all(cveRE) {
		e := pipeline.Entity{Start: m[0], End: m[1], Text: text[m[0]:m[1]], Label: pipeline.LabelVulnerability,
			ID: "cve:" + strings.ToUpper(text[m[0]:m[1]]), Source: "pattern"}
		c.add(e)
	}
	for _, m := range all(hashRE) {
		h := text[m[0]:m[1]]
		if !hasLetterAndDigit(h) || !boundary(text, m[0], m[1]) {
			continue
		}
		typ := map[int]string{32: "md5", 40: "sha1", 64: "sha256"}[len(h)]
		add(m[0], m[1], pipeline.LabelIndicator, typ, strings.ToLower(h))
	}
	for _, m := range all(ipv4RE) {
		v := refang(text[m[0]:m[1]])
		ip := net.ParseIP(v)
		if ip == nil || ip.To4() == nil || versionLike(text, m[0], m[1]) {
			continue
		}
		add(m[0], m[1], pipeline.LabelIndicator, "ipv4", v)
	}
	for _, m := range all(ipv6RE) {
		v := text[m[0]:m[1]]
		if ip := net.ParseIP(v); ip == nil || ip.To4() != nil || strings.Count(v, ":") < 2 || !strings.ContainsAny(strings.ToLower(v), "abcdef") && !strings.Contains(v, "::") {
			continue
		}
		add(m[0], m[1], pipeline.LabelIndicator, "ipv6", strings.ToLower(v))
	}
	for _, m := range all(domainRE) {
		s, e := m[0], m[1]
		raw := text[s:e]
		defanged := raw != refang(raw)
		v := strings.ToLower(refang(raw))
		tld := v[strings.LastIndexByte(v, '.')+1:]
		if !tlds[tld] || !boundary(text, s, e) || strings.HasSuffix(text[:s], "@") {
			continue
		}
		if !defanged && (strings.HasPrefix(text[e:], "(") || allDigitLabels(v) || len(v) < 5) {
			continue // a function call or a version number
		}
		add(s, e, pipeline.LabelIndicator, "domain", v)
	}
	for _, m := range all(ttpRE) {
		c.add(pipeline.Entity{Start: m[0], End: m[1], Text: text[m[0]:m[1]], Label: pipeline.LabelTechnique,
			ID: "attack:" + text[m[0]:m[1]], Source: "pattern"})
	}
}

// trimURL drops trailing punctuation that ends the sentence, not the URL.
func trimURL(text string, s, e int) int {
	for e > s && strings.ContainsRune(".,;:!?'\"”’", rune(text[e-1])) {
		e--
	}
	return e
}

// refanger undoes the other defanging conventions (the dots are refangRE's).
var refanger = strings.NewReplacer("[at]", "@", "(at)", "@", "[@]", "@", "(@)", "@", "[:]", ":", "hxxps", "https", "hxxp", "http",
	"HXXPS", "https", "HXXP", "http", "fxp", "ftp")

func refang(s string) string {
	if strings.ContainsAny(s, "[({") {
		s = refangRE.ReplaceAllString(s, ".") // every defanged dot has a bracket
	}
	return refanger.Replace(s)
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

// versionLike rejects dotted quads that are version numbers ("version 1.2.3.4", "v10.0.0.1").
func versionLike(text string, s, e int) bool {
	before := strings.ToLower(text[max(0, s-10):s])
	if strings.HasSuffix(before, "v") || strings.Contains(before, "version") || strings.HasSuffix(before, "build ") {
		return true
	}
	if s > 0 && strings.ContainsRune(".-", rune(text[s-1])) {
		return true
	}
	if e < len(text) && text[e] == '.' && e+1 < len(text) && text[e+1] >= '0' && text[e+1] <= '9' {
		return true
	}
	return false
}

func allDigitLabels(v string) bool {
	for _, l := range strings.Split(v, ".")[:strings.Count(v, ".")] {
		if strings.Trim(l, "0123456789") != "" {
			return false
		}
	}
	return true
}
