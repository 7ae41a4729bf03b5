package indicators

import "strings"

// wordSet matches a text by its words, as a case-insensitive
// \b(?:...)\b alternation would, but in one pass over the words: the
// regular expressions it replaced were most of the context scoring's time.
type wordSet struct {
	words    map[string]bool
	prefixes []string           // a word starting with one matches ("download" for downloads, downloaded)
	pairs    map[[2]string]bool // two words in a row ("according to")
	triples  map[[3]string]bool // three ("command and control")
	contains []string           // a lower-case substring bounded by non-word characters ("c&c")
}

func newWordSet(words, prefixes, pairs, triples, contains string) *wordSet {
	ws := &wordSet{words: set(words), prefixes: strings.Fields(prefixes), pairs: map[[2]string]bool{},
		triples: map[[3]string]bool{}, contains: strings.Fields(contains)}
	for _, p := range strings.Split(pairs, ",") {
		if f := strings.Fields(p); len(f) == 2 {
			ws.pairs[[2]string{f[0], f[1]}] = true
		}
	}
	for _, p := range strings.Split(triples, ",") {
		if f := strings.Fields(p); len(f) == 3 {
			ws.triples[[3]string{f[0], f[1], f[2]}] = true
		}
	}
	return ws
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// match reports whether text holds one of the set's words or phrases.
func (ws *wordSet) match(text string) bool {
	lower := strings.ToLower(text)
	for _, c := range ws.contains {
		for i := 0; ; {
			j := strings.Index(lower[i:], c)
			if j < 0 {
				break
			}
			j += i
			if (j == 0 || !isWordByte(lower[j-1])) && (j+len(c) == len(lower) || !isWordByte(lower[j+len(c)])) {
				return true
			}
			i = j + 1
		}
	}
	var w1, w2 string // the two words before
	for i := 0; i < len(lower); {
		for i < len(lower) && !isWordByte(lower[i]) {
			i++
		}
		j := i
		for j < len(lower) && isWordByte(lower[j]) {
			j++
		}
		if j == i {
			break
		}
		w := lower[i:j]
		if ws.words[w] || ws.pairs[[2]string{w1, w}] || ws.triples[[3]string{w2, w1, w}] {
			return true
		}
		for _, p := range ws.prefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
		w2, w1, i = w1, w, j
	}
	return false
}

var (
	// tableWords type a value in an IOC table or list line.
	tableWords = newWordSet(`c2 cnc url urls domain domains ip ipv4 ipv6 host hostname email sender payload download
dropper panel gate callback beacon phishing landing staging server`, `exfil redirect`, `e mail`, ``, `c&c`)
	// triggerWords present a value as an indicator.
	triggerWords = newWordSet(`c2 c2s cnc hosted hosting callback embedded payload payloads dropper drops dropped
malicious server servers infrastructure ioc iocs indicator indicators sender lure registered traffic attacker actor
campaign spear`, `download upload beacon resolv connect contact phish exfiltrat redirect spoof fetch retriev request
communicat sinkhole`, `host on, hosts on, hosted on, call back, calls back, called back, call out, calls out, called out,
call home, calls home, called home, post to, posts to, posted to, send to, sends to, sent to`,
		`command and control`, `c&c`)
	// citeWords present a value as a source.
	citeWords = newWordSet(`published reported report wrote writes posted blog article documented described noted
paper announced covered writeup research whitepaper advisory alert`, `tweet`, `according to, analysis by, write up`, ``, ``)
)
