package output

import (
	"bufio"
	"bytes"
	"io"
)

// writeIndented writes compact JSON src to w indented by two spaces, the way
// json.Indent does, without building the whole indented copy in memory.
// Values nested deeper than maxDepth stay on one line (0: no limit), so a
// record's tokens and entities take a line each instead of four.
func writeIndented(w io.Writer, src []byte, maxDepth int) error {
	return indent(w, src, maxDepth, true)
}

// indent is writeIndented; copyWhole false takes the byte-by-byte path
// everywhere (the reference its tests compare with).
func indent(w io.Writer, src []byte, maxDepth int, copyWhole bool) error {
	bw := bufio.NewWriterSize(w, min(64<<10, len(src)+len(src)/2+4096)) // indenting adds about a third
	depth := 0
	inString, escaped := false, false
	newline := func() {
		bw.WriteByte('\n')
		for i := 0; i < depth; i++ {
			bw.WriteString("  ")
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inString {
			if !escaped && c != '\\' && c != '"' {
				// Copy the run of plain string bytes at once.
				j := bytes.IndexAny(src[i:], "\\\"")
				if j < 0 {
					j = len(src) - i
				}
				bw.Write(src[i : i+j])
				i += j - 1
				continue
			}
			bw.WriteByte(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		compact := maxDepth > 0 && depth > maxDepth
		switch c {
		case '"':
			inString = true
			bw.WriteByte(c)
		case '{', '[':
			if copyWhole && maxDepth > 0 && depth >= maxDepth {
				// A value that stays on one line is copied whole: compact input
				// needs no change there (most of a record: its tokens).
				if j := valueEnd(src, i); j > 0 {
					bw.Write(src[i:j])
					i = j - 1
					continue
				}
			}
			bw.WriteByte(c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				i++
				bw.WriteByte(src[i]) // empty object or array stays on one line
				continue
			}
			depth++
			if maxDepth == 0 || depth <= maxDepth {
				newline()
			}
		case '}', ']':
			depth--
			if !compact {
				newline()
			}
			bw.WriteByte(c)
		case ',':
			bw.WriteByte(c)
			if !compact {
				newline()
			}
		case ':':
			if compact {
				bw.WriteByte(':')
			} else {
				bw.WriteString(": ")
			}
		case ' ', '\t', '\n', '\r':
		default:
			bw.WriteByte(c)
		}
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// valueEnd returns the end of the object or array that starts at src[i], or
// -1 when it is unterminated or holds whitespace outside strings (input the
// byte-by-byte path normalises).
func valueEnd(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		case ' ', '\t', '\n', '\r':
			return -1
		}
	}
	return -1
}
