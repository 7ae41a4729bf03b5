package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a matching unit: a run of letters and digits, or one other
// non-space character. Matching on these (rather than prose tokens) splits
// hyphenated compounds ("ISKP-Taliban", "Russian-occupied") as the entity
// conventions require, and treats aliases and text alike.
type word struct {
	start, end int
	lower      string
	upper      bool      // starts with an upper-case letter
	gaz        int32     // the gazetteer trie's node after this word from the root, 0 for none (see matcher.mark)
	lex        int32     // 1 + the word's index in its document's vocab, 0 for none
	cls        wordClass // with lex: the word sets its folded form is in
}

// wordClass says which of the small word sets that the rules test at every
// word a word is in. A document's vocab looks each distinct word up once in
// wordClasses; the rules test a bit instead of a map (those lookups were a
// tenth of the entity stage's time).
type wordClass uint32

const (
	clsMonth wordClass = 1 << iota
	clsRoleNoun
	clsOrgHead
	clsFacilityHead
	clsSettlementNoun
	clsKindNoun
	clsMalwareClass
	clsTownPrep
	clsAreaNoun
	clsCTIWord
	clsEventHead
	clsShipNoun
	clsShipPrefix // folded: the prefix is written in capitals ("HMS")
	clsPeopleNoun
	clsAdminNoun
	clsSeason
	clsCommon // the gazetteer's common words: set by the vocab only
)

var wordClasses = func() map[string]wordClass {
	out := map[string]wordClass{}
	for c, words := range map[wordClass]map[string]bool{clsMonth: months, clsRoleNoun: roleNouns, clsOrgHead: orgHeads,
		clsFacilityHead: facilityHeads, clsSettlementNoun: settlementNouns, clsMalwareClass: malwareClasses,
		clsTownPrep: townPreps, clsAreaNoun: areaNouns, clsCTIWord: ctiWords, clsEventHead: eventHeads, clsShipNoun: shipNouns,
		clsShipPrefix: shipPrefixes, clsPeopleNoun: peopleNouns, clsAdminNoun: adminNouns, clsSeason: seasons} {
		for w := range words {
			out[w] |= c
		}
	}
	for w := range kindNouns {
		out[w] |= clsKindNoun
	}
	return out
}()

// is reports whether w is in the sets of c (clsCommon excepted, see
// Stage.isCommon); a word no vocab interned (training, tests) is looked up.
func (w word) is(c wordClass) bool {
	if w.lex == 0 {
		return wordClasses[w.lower]&c != 0
	}
	return w.cls&c != 0
}

// classes returns the class bits of a folded word, clsCommon included.
func (s *Stage) classes(lower string) wordClass {
	return s.gaz.classes[lower]
}

// isCommon reports whether w's folded form is one of the gazetteer's common words.
func (s *Stage) isCommon(w word) bool {
	if w.lex == 0 {
		return s.gaz.common[w.lower]
	}
	return w.cls&clsCommon != 0
}

func isUpperFirst(w word) bool { return w.upper }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// splitWords splits text[start:end] into words.
func splitWords(text string, start, end int) []word {
	return appendWords(make([]word, 0, (end-start)/5+1), text, start, end)
}

// newWord is the word text[i:j], whose first rune is r.
func newWord(text string, i, j int, r rune) word {
	return word{start: i, end: j, lower: foldWord(text[i:j]), upper: unicode.IsUpper(r)}
}

// appendWords appends the words of text[start:end] to ws.
func appendWords(ws []word, text string, start, end int) []word {
	for i := start; i < end; {
		j, r, space := unitEnd(text, i, end)
		if !space {
			ws = append(ws, newWord(text, i, j, r))
		}
		i = j
	}
	return ws
}

// unitEnd returns where the unit starting at text[i] ends (a run of letters
// and digits, or one other character), its first rune, and whether it is
// white space, which is no unit.
func unitEnd(text string, i, end int) (j int, first rune, space bool) {
	r, n := utf8.DecodeRuneInString(text[i:end])
	if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
		return i + n, r, true
	}
	j = i + n
	if isWordRune(r) {
		for j < end {
			r2, n2 := utf8.DecodeRuneInString(text[j:end])
			if !isWordRune(r2) {
				break
			}
			j += n2
		}
	}
	return j, r, false
}

// AppendWordUnits appends the words of s as written, split as the entity
// stage splits them, so that generators of word statistics
// (models/clusters) count the units the model sees.
func AppendWordUnits(units []string, s string) []string {
	for i := 0; i < len(s); {
		j, _, space := unitEnd(s, i, len(s))
		if !space {
			units = append(units, s[i:j])
		}
		i = j
	}
	return units
}

// foldWord lower-cases and folds typographic variants so that "Qa’ida" and
// "Qa'ida", "Islamic State – Khurasan" and "Islamic State - Khurasan" meet.
func foldWord(s string) string {
	switch s {
	case "’", "‘", "`", "ʼ":
		return "'"
	case "–", "—", "‐", "‑":
		return "-"
	}
	return strings.ToLower(s)
}

// aliasWords splits an alias into its folded words.
func aliasWords(a string) []string {
	return new(aliasSplitter).split(a)
}

// aliasSplitter splits many aliases with one word buffer. Words are folded
// one by one: a cache of folded words (one map entry per distinct word,
// 90,000 of them) cost start-up more in fresh memory than it saved.
type aliasSplitter struct {
	ws  []word
	out []string
}

// split returns the folded words of s; the slice is reused by the next call.
func (a *aliasSplitter) split(s string) []string {
	a.ws = appendWords(a.ws[:0], s, 0, len(s))
	a.out = a.out[:0]
	for _, w := range a.ws {
		a.out = append(a.out, w.lower)
	}
	return a.out
}

func isUpperWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isAcronym reports whether s is written in capitals (with digits allowed): "ISKP", "APT28".
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r), r == '-', r == '.', r == '&':
		default:
			return false
		}
	}
	return letters >= 2
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == '\v'
}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
