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
	upper      bool // starts with an upper-case letter
}

func isUpperFirst(w word) bool { return w.upper }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// splitWords splits text[start:end] into words.
func splitWords(text string, start, end int) []word {
	var ws []word
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			i += n
			continue
		}
		j := i + n
		if isWordRune(r) {
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:end])
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
		}
		ws = append(ws, word{start: i, end: j, lower: foldWord(text[i:j]), upper: unicode.IsUpper(r)})
		i = j
	}
	return ws
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
	ws := splitWords(a, 0, len(a))
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.lower
	}
	return out
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
