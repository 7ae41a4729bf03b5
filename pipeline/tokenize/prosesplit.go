package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitLikeProse returns the token texts prose v2's tokenizer (its
// iterTokenizer, which NewDocument runs) gives for text, appended to dst:
// the same rules, ported so that tokenizing does not build a prose
// Document, a token object per word and a lower-cased copy of every word.
// FuzzSplitLikeProse checks it against prose itself. The tables are prose's
// (MIT licence, github.com/jdkato/prose/v2 tokenize.go).
func splitLikeProse(text string, dst []string) []string {
	clean := proseSanitizer.Replace(text)
	start := -1
	for i, r := range clean {
		if unicode.IsSpace(r) {
			if start >= 0 {
				dst = doSplit(clean[start:i], dst)
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = doSplit(clean[start:], dst)
	}
	return dst
}

var proseSanitizer = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// doSplit is prose's doSplit: prefixes come off the front, contractions
// split, suffixes come off the back (and are appended in their order), until
// the token stops shrinking or is special (an emoticon, "U.S.", "Mr.").
func doSplit(token string, dst []string) []string {
	var suffs [8]string
	nsuf := 0
	var extra []string // suffixes past the array, rare
	last := 0
	for token != "" && utf8.RuneCountInString(token) != last {
		if isSpecial(token) {
			dst = addToken(token, dst)
			break
		}
		last = utf8.RuneCountInString(token)
		if hasAnyPrefix(token, prosePrefixes) {
			dst = addToken(token[:1], dst)
			token = token[1:]
		} else if idx := contraction(token, proseContractions); idx > -1 {
			dst = addToken(token[:idx], dst)
			token = token[idx:]
		} else if idx := contraction(token, proseNegations); idx > -1 {
			dst = addToken(token[:idx], dst)
			token = token[idx:]
		} else if hasAnySuffix(token, proseSuffixes) {
			if nsuf < len(suffs) {
				suffs[nsuf] = token[len(token)-1:]
				nsuf++
			} else {
				extra = append(extra, token[len(token)-1:])
			}
			token = token[:len(token)-1]
		} else {
			dst = addToken(token, dst)
		}
	}
	// prose prepends each suffix to its list: the last removed comes first.
	for i := len(extra) - 1; i >= 0; i-- {
		dst = addToken(extra[i], dst)
	}
	for i := nsuf - 1; i >= 0; i-- {
		dst = addToken(suffs[i], dst)
	}
	return dst
}

func addToken(s string, dst []string) []string {
	if strings.TrimSpace(s) != "" {
		dst = append(dst, s)
	}
	return dst
}

var (
	proseSuffixes     = []string{",", ")", `"`, "]", "!", ";", ".", "?", ":", "'"}
	prosePrefixes     = []string{"$", "(", `"`, "["}
	proseContractions = []string{"'ll", "'s", "'re", "'m"}
	proseNegations    = []string{"n't"}
)

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(s) > len(p) && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, p := range suffixes {
		if len(s) > len(p) && strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

// contraction is prose's hasAnyIndex(strings.ToLower(token), pats): the
// index of the first pattern (in list order) the token holds, ignoring
// ASCII case. prose takes the index in the lower-cased copy and applies it
// to the token, which is wrong (or panics) where lower-casing changes a
// character's width ("İ", invalid bytes); this searches the token itself.
func contraction(token string, pats []string) int {
	if strings.IndexByte(token, '\'') < 0 {
		return -1 // every pattern holds an apostrophe; most words none
	}
	for _, p := range pats {
		if i := indexFoldASCII(token, p); i >= 0 && len(token) > len(p) {
			return i
		}
	}
	return -1
}

// indexFoldASCII is the index of the lower-case ASCII p in s, ignoring the
// case of s's ASCII letters.
func indexFoldASCII(s, p string) int {
	for i := 0; i+len(p) <= len(s); i++ {
		k := 0
		for k < len(p) {
			c := s[i+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != p[k] {
				break
			}
			k++
		}
		if k == len(p) {
			return i
		}
	}
	return -1
}

// isSpecial is prose's: an emoticon, or internalRE
// `^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$` ("U.S.", "e.g.", "Mr.", "Gen.").
func isSpecial(token string) bool {
	if proseEmoticons[token] {
		return true
	}
	n := len(token)
	if n >= 4 && n%2 == 0 {
		ok := true
		for i := 0; i < n; i += 2 {
			if !isASCIILetter(token[i]) || token[i+1] != '.' {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	if (n == 3 || n == 4) && 'A' <= token[0] && token[0] <= 'Z' && token[n-1] == '.' {
		for i := 1; i < n-1; i++ {
			if token[i] < 'a' || token[i] > 'z' {
				return false
			}
		}
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

var proseEmoticons = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range []string{"(-8", "(-;", "(-_-)", "(._.)", "(:", "(=", "(o:", "(¬_¬)", "(ಠ_ಠ)", "(╯°□°）╯︵┻━┻", "-__-",
		"8-)", "8-D", "8D", ":(", ":((", ":(((", ":()", ":)))", ":-)", ":-))", ":-)))", ":-*", ":-/", ":-X", ":-]", ":-o",
		":-p", ":-x", ":-|", ":-}", ":0", ":3", ":P", ":]", ":`(", ":`)", ":`-(", ":o", ":o)", "=(", "=)", "=D", "=|",
		"@_@", "O.o", "O_o", "V_V", "XDD", "[-:", "^___^", "o_0", "o_O", "o_o", "v_v", "xD", "xDD", "¯\\(ツ)/¯"} {
		m[e] = true
	}
	return m
}()
