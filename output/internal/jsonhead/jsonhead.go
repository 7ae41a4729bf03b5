// Package jsonhead owns reading and editing the head of a record's JSON
// without decoding the rest: finding a top-level key and its string value.
// A record's scalar fields (id, title, duplicate_of, text) come before its
// annotations, which are most of its bytes.
package jsonhead

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Key returns the offset of the top-level key (its opening quote) in the
// JSON object js, or -1 if js, which may be cut short, does not hold it.
func Key(js []byte, key string) int {
	want := []byte(`"` + key + `"`)
	depth, inString, escaped := 0, false, false
	for i := 0; i < len(js); i++ {
		c := js[i]
		switch {
		case inString:
			if !escaped && c != '\\' && c != '"' { // a run of plain bytes
				j := bytes.IndexAny(js[i:], "\\\"")
				if j < 0 {
					return -1 // js ends inside a string
				}
				i += j - 1
				continue
			}
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			if depth == 1 && bytes.HasPrefix(js[i:], want) {
				rest := bytes.TrimLeft(js[i+len(want):], " \t\r\n")
				if len(rest) > 0 && rest[0] == ':' {
					return i
				}
			}
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		}
	}
	return -1
}

// String decodes the string value of the key at offset i (from Key); ok is
// false when js ends before the value does or the value is not a string.
func String(js []byte, i int) (s string, ok bool, err error) {
	j := bytes.IndexByte(js[i+1:], '"') + i + 2 // past the key's closing quote
	for j < len(js) && (js[j] == ' ' || js[j] == ':' || js[j] == '\n' || js[j] == '\t' || js[j] == '\r') {
		j++
	}
	if j >= len(js) || js[j] != '"' {
		return "", false, nil
	}
	start := j
	for j++; j < len(js); j++ {
		switch js[j] {
		case '\\':
			j++
		case '"':
			s, err := unquote(js[start+1 : j])
			return s, err == nil, err
		}
	}
	return "", false, nil
}

// unquote decodes the inside of a JSON string: runs without escapes are
// copied whole (encoding/json checks and unquotes byte by byte).
func unquote(b []byte) (string, error) {
	i := bytes.IndexByte(b, '\\')
	if i < 0 {
		return string(b), nil
	}
	out := make([]byte, 0, len(b))
	for i >= 0 {
		out = append(out, b[:i]...)
		if i+1 >= len(b) {
			return "", fmt.Errorf("bad escape at the end of a string")
		}
		n := 2
		switch c := b[i+1]; c {
		case '"', '\\', '/':
			out = append(out, c)
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u':
			// \uXXXX, or a surrogate pair as two of them: encoding/json's rules.
			var s string
			n = 6
			if i+12 <= len(b) && highSurrogate(b[i+2:i+6]) && b[i+6] == '\\' && b[i+7] == 'u' && json.Unmarshal(quoted(b[i:i+12]), &s) == nil {
				n = 12
			} else if err := json.Unmarshal(quoted(b[i:min(i+6, len(b))]), &s); err != nil {
				return "", err
			}
			out = append(out, s...)
		default:
			return "", fmt.Errorf("bad escape \\%c", c)
		}
		b = b[min(i+n, len(b)):]
		i = bytes.IndexByte(b, '\\')
	}
	return string(append(out, b...)), nil
}

// highSurrogate says the four hex digits are a UTF-16 high surrogate (D800-DBFF).
func highSurrogate(hex []byte) bool {
	v, err := strconv.ParseUint(string(hex), 16, 16)
	return err == nil && v >= 0xD800 && v < 0xDC00
}

func quoted(b []byte) []byte { return append(append([]byte{'"'}, b...), '"') }
