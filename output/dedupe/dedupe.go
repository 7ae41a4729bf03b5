// Package dedupe owns near-duplicate detection between reports: a MinHash
// signature of each report's text (word 5-shingles), their estimated
// Jaccard similarity, and an LSH index that finds, for a new report, an
// earlier one it repeats.
//
// Two reports are copies when at least Threshold of their shingles agree
// (estimated). The same text after normalising white space, case and
// punctuation has similarity 1; an HTML page and the text file saved from
// it share all shingles but the furniture. Measured on the shared reports:
// the 20 ISW .html/.txt pairs score 1.00, the closest two different reports
// 0.06 (two daily assessments a fortnight apart).
package dedupe

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"unicode"
	"unicode/utf8"
)

const (
	// Hashes is the signature length: the standard error of a similarity
	// estimate is sqrt(J(1-J)/64), 0.05 at J = 0.8.
	Hashes = 64
	// Shingle is the number of words in a shingle.
	Shingle = 5
	// Threshold is the estimated similarity from which two reports are copies.
	Threshold = 0.8
	// bands of rows: LSH candidates share all rows of one band. With 16
	// bands of 4, a pair at J = 0.8 is a candidate with probability 0.9998,
	// at J = 0.3 with 0.12 (candidates are then checked in full).
	bands = 16
	rows  = Hashes / bands
)

// Signature is the MinHash signature of a text.
type Signature [Hashes]uint32

// Sign returns the signature of text, and false for a text without words.
// Words are runs of letters and digits, lower-cased; a text shorter than a
// shingle is one shingle.
func Sign(text string) (Signature, bool) {
	var words []uint64
	h, inWord := uint64(0), false
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		n := 1
		if c < utf8.RuneSelf { // ASCII, most of every report
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
				c = 0
			}
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				r = unicode.ToLower(r)
			} else {
				r = 0
			}
		}
		i += n
		if r == 0 {
			if inWord {
				words, inWord = append(words, h), false
			}
			continue
		}
		if !inWord {
			h, inWord = 14695981039346656037, true // FNV-1a of the lower-cased word
		}
		h = (h ^ uint64(r)) * 1099511628211
	}
	if inWord {
		words = append(words, h)
	}
	var s Signature
	if len(words) == 0 {
		return s, false
	}
	// One permutation hashing: each shingle's hash falls in one of Hashes
	// bins by its top bits, each bin keeps its least value. One hash per
	// shingle rather than Hashes of them (8x faster on a 13 KB report).
	var filled uint64
	last := max(0, len(words)-Shingle)
	for i := 0; i <= last; i++ {
		h := seed
		for _, w := range words[i:min(i+Shingle, len(words))] {
			h = (h ^ w) * 0x100000001b3
		}
		h = mix(h)
		bin, v := h>>58, uint32(h)
		if filled&(1<<bin) == 0 || v < s[bin] {
			s[bin] = v
			filled |= 1 << bin
		}
	}
	// An empty bin (a short text) borrows the next filled bin's value,
	// changed by the distance, as "densified" one permutation hashing does:
	// two texts with the same shingles still get the same signature.
	for i := range s {
		if filled&(1<<i) != 0 {
			continue
		}
		for d := 1; d < Hashes; d++ {
			if j := (i + d) % Hashes; filled&(1<<j) != 0 {
				s[i] = s[j] + uint32(d)*0x9e3779b9
				break
			}
		}
	}
	return s, true
}

// seed starts each shingle's hash; signatures must not change between
// versions (the manifest keeps them).
const seed uint64 = 0x5173726570 // "sitrep"

// mix is splitmix64's finaliser: every input bit moves every output bit.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Similarity estimates the Jaccard similarity of the texts of a and b.
func Similarity(a, b Signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / Hashes
}

// String encodes the signature in base64 (344 bytes), for the manifest.
func (s Signature) String() string {
	var b [Hashes * 4]byte
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[i*4:], v)
	}
	return base64.RawStdEncoding.EncodeToString(b[:])
}

// Parse decodes a signature written by String.
func Parse(str string) (Signature, error) {
	var s Signature
	b, err := base64.RawStdEncoding.DecodeString(str)
	if err != nil {
		return s, err
	}
	if len(b) != Hashes*4 {
		return s, errors.New("dedupe: a signature is 256 bytes")
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	return s, nil
}

// Index holds the reports that are no copies, in the order added.
type Index struct {
	ids     []string
	sigs    []Signature
	buckets map[uint64][]int
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{buckets: map[uint64][]int{}} }

func bandKey(s *Signature, b int) uint64 {
	h := uint64(b) * 0x9e3779b97f4a7c15
	for _, v := range s[b*rows : (b+1)*rows] {
		h = (h ^ uint64(v)) * 0x100000001b3
	}
	return h
}

// Find returns the report in the index that s repeats: the most similar at
// or above Threshold, the first added on a tie; "" if none.
func (x *Index) Find(s Signature) string {
	best, bestSim := -1, 0.0
	for b := 0; b < bands; b++ {
		for _, i := range x.buckets[bandKey(&s, b)] {
			sim := Similarity(s, x.sigs[i])
			if sim >= Threshold && (sim > bestSim || sim == bestSim && i < best) {
				best, bestSim = i, sim
			}
		}
	}
	if best < 0 {
		return ""
	}
	return x.ids[best]
}

// Add puts a report that is no copy in the index.
func (x *Index) Add(id string, s Signature) {
	i := len(x.ids)
	x.ids, x.sigs = append(x.ids, id), append(x.sigs, s)
	for b := 0; b < bands; b++ {
		k := bandKey(&s, b)
		if l := x.buckets[k]; len(l) == 0 || l[len(l)-1] != i {
			x.buckets[k] = append(l, i)
		}
	}
}
