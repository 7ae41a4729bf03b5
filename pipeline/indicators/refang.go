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
	schemeRE = regexp.MustCompile(`(?i)^(?:hxxp|hxtp|htxp|hxxps|hxtps|htxps|fxp|fxps|sfxp):`)
)

// Refang undoes every accepted defanging of s and returns the whole value:
// it only ever replaces a marker by what it stands for, so nothing of s is
// lost. It is idempotent.
func Refang(s string) string {
	if !mayBeDefanged(s) {
		return s
	}
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
		var b strings.Builder
		last := 0
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '[', '(', '{', '\\':
			default:
				continue
			}
			for _, m := range markers {
				if len(s)-i >= len(m.from) && strings.EqualFold(s[i:i+len(m.from)], m.from) {
					b.WriteString(s[last:i])
					b.WriteString(m.to)
					i += len(m.from) - 1
					last = i + 1
					break
				}
			}
		}
		if last > 0 {
			b.WriteString(s[last:])
			s = b.String()
		}
	}
	if m := schemeRE.FindString(s); m != "" {
		scheme := strings.ReplaceAll(strings.ToLower(strings.TrimRight(m, ":")), "x", "t")
		s = scheme + ":" + s[len(m):]
	}
	return s
}

// markers are the defanging markers and what they stand for, longest
// first where one begins another.
var markers = []struct{ from, to string }{
	{"[://]", "://"}, {"[:]", ":"}, {"[/]", "/"},
	{"[.]", "."}, {"(.)", "."}, {"{.}", "."}, {"[dot]", "."}, {"(dot)", "."}, {"{dot}", "."}, {`\.`, "."},
	{"[at]", "@"}, {"(at)", "@"}, {"{at}", "@"}, {"[@]", "@"}, {"(@)", "@"},
	{`\_`, "_"}, {`\*`, "*"},
}

// Defanged reports whether s carries a defanging marker.
func Defanged(s string) bool {
	if !mayBeDefanged(s) {
		return false
	}
	r := Refang(s)
	// A Markdown escape ("\_" in a link) is no defanging.
	return r != s && markdownUnescape.Replace(s) != r
}

// markdownUnescape undoes only the Markdown escapes, built once: Defanged
// runs for every candidate.
var markdownUnescape = strings.NewReplacer(`\_`, "_", `\*`, "*")

// mayBeDefanged is a cheap test that lets most values skip the patterns:
// every marker holds a bracket or a backslash, but for a scheme's x.
func mayBeDefanged(s string) bool {
	if strings.ContainsAny(s, `[({\`) {
		return true
	}
	if len(s) < 4 {
		return false
	}
	switch s[0] | 0x20 {
	case 'h', 'f', 's':
		i := strings.IndexByte(s, ':')
		return i > 0 && i <= 6 && strings.ContainsAny(s[:i], "xX")
	}
	return false
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
