package indicators

import (
	"regexp"
	"strings"
)

// Defanging conventions accepted, each undone by Refang:
//
//	dots     [.] (.) {.} [dot] (dot) {dot} \. and " dot " between two labels
//	at       [at] (at) {at} [@] (@)
//	colon    [:] and [://] [/]
//	scheme   hxxp hxxps hXXp fxp (only as the scheme)
//	escapes  \_ \* (Markdown)
var (
	dotRE    = regexp.MustCompile(`(?i)\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\\\.`)
	atRE     = regexp.MustCompile(`(?i)\[at\]|\(at\)|\{at\}|\[@\]|\(@\)`)
	schemeRE = regexp.MustCompile(`(?i)^(?:hxxp|hxtp|htxp|hxxps|hxtps|htxps|fxp|fxps|sfxp):`)
	colonRE  = regexp.MustCompile(`\[:\]|\[://\]|\[/\]`)
)

var colonFix = map[string]string{"[:]": ":", "[://]": "://", "[/]": "/"}

// Refang undoes every accepted defanging of s and returns the whole value:
// it only ever replaces a marker by what it stands for, so nothing of s is
// lost. It is idempotent.
func Refang(s string) string {
	for {
		r := refangOnce(s)
		if r == s {
			return r
		}
		s = r // nested markers ("[[.]]") unwrap one layer a pass; each pass shrinks s
	}
}

func refangOnce(s string) string {
	if strings.ContainsAny(s, `[({\`) {
		s = colonRE.ReplaceAllStringFunc(s, func(m string) string { return colonFix[m] })
		s = dotRE.ReplaceAllString(s, ".")
		s = atRE.ReplaceAllString(s, "@")
		s = strings.NewReplacer(`\_`, "_", `\*`, "*").Replace(s)
	}
	if m := schemeRE.FindString(s); m != "" {
		scheme := strings.ReplaceAll(strings.ToLower(strings.TrimRight(m, ":")), "x", "t")
		s = scheme + ":" + s[len(m):]
	}
	return s
}

// Defanged reports whether s carries a defanging marker.
func Defanged(s string) bool { return Refang(s) != s && !markdownOnly(s) }

// markdownOnly reports whether the only change Refang makes is a Markdown
// escape (a "\_" in a link is no defanging).
func markdownOnly(s string) bool {
	return strings.NewReplacer(`\_`, "_", `\*`, "*").Replace(s) == Refang(s)
}

// spacedDots returns text with each " dot " that joins two labels of a host
// name ("kremlin dot ru", "www.moscowtimes dot io/2022/...") written as
// "[dot]": the same length, so offsets into it are offsets into text, and
// the patterns then see one defanged value instead of a cut-off one.
func spacedDots(text string) string {
	if !strings.Contains(text, " dot ") {
		return text
	}
	b := []byte(text)
	for i := 0; ; {
		j := strings.Index(text[i:], " dot ")
		if j < 0 {
			break
		}
		j += i
		i = j + 1
		if j == 0 || !isLabelByte(text[j-1]) {
			continue
		}
		left := j
		for left > 0 && !isSpaceByte(text[left-1]) {
			left--
		}
		r := j + 5
		e := r
		for e < len(text) && isLetterDigit(text[e]) {
			e++
		}
		if e == r || !tlds[strings.ToLower(text[r:e])] {
			continue
		}
		// The left part must already look like a host (a scheme or a dot),
		// or the right one continue as a path: "the dot com bubble" stays.
		hostLike := strings.Contains(text[left:j], "//") || strings.Contains(text[left:j], ".")
		if !hostLike && !(e < len(text) && text[e] == '/') {
			continue
		}
		copy(b[j:j+5], "[dot]")
	}
	return string(b)
}

func isLetterDigit(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isLabelByte(c byte) bool { return isLetterDigit(c) || c == '-' }
