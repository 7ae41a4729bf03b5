package search

import (
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fragments returns up to n snippets of text of about width bytes around the
// matched byte ranges, HTML-escaped, with the matches in <mark>. The index
// does not store report text: snippets are cut from the record itself.
func fragments(text string, matches [][2]int, n, width int) []string {
	if len(matches) == 0 || text == "" {
		return nil
	}
	sort.Slice(matches, func(i, j int) bool { return matches[i][0] < matches[j][0] })
	var out []string
	for i := 0; i < len(matches) && len(out) < n; {
		m := matches[i]
		if m[0] < 0 || m[1] > len(text) || m[0] >= m[1] {
			i++
			continue
		}
		start := max(0, m[0]-width/3)
		end := min(len(text), start+width)
		start, end = wordStart(text, start), wordEnd(text, end)
		var sb strings.Builder
		if start > 0 {
			sb.WriteString("…")
		}
		cur := start
		for ; i < len(matches) && matches[i][1] <= end; i++ {
			s, e := matches[i][0], matches[i][1]
			if s < cur || s >= e {
				continue
			}
			sb.WriteString(html.EscapeString(text[cur:s]))
			sb.WriteString("<mark>" + html.EscapeString(text[s:e]) + "</mark>")
			cur = e
		}
		sb.WriteString(html.EscapeString(text[cur:end]))
		if end < len(text) {
			sb.WriteString("…")
		}
		out = append(out, strings.Join(strings.Fields(sb.String()), " "))
	}
	return out
}

// wordStart moves i back to the start of a word (and a rune).
func wordStart(text string, i int) int {
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	for k := 0; i > 0 && k < 20; k++ {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// wordEnd moves i forward to the end of a word (and a rune).
func wordEnd(text string, i int) int {
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	for k := 0; i < len(text) && k < 20; k++ {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}
