package models

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

//go:embed lexicon/*.tsv
var lexiconFS embed.FS

// Band is one probability band of a scale.
type Band struct {
	Category  string
	Low, High float64
}

// Scale is a probability yardstick: bands by ICD 203 category name.
type Scale struct {
	Name  string
	Bands map[string]Band
	Order []string // categories from least to most likely
}

// Phrase is one estimative phrase of the lexicon.
type Phrase struct {
	Words    []string // lower-case tokens
	Kind     string
	Category string
	Scale    string // the yardstick that names it: icd203, phia, both, or "-"
	Note     string
}

// Estimative is the estimative-language lexicon with its scales.
type Estimative struct {
	Phrases []Phrase
	Scales  map[string]*Scale
}

// Scale names.
const (
	ScaleICD203 = "icd203"
	ScalePHIA   = "phia"
)

// LoadEstimative parses the embedded lexicon and scales.
func LoadEstimative() (*Estimative, error) {
	lx := &Estimative{Scales: map[string]*Scale{}}
	err := readTSV("lexicon/scales.tsv", 4, func(f []string) error {
		lo, err1 := strconv.ParseFloat(f[2], 64)
		hi, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil || lo > hi {
			return fmt.Errorf("bad range %q-%q", f[2], f[3])
		}
		sc := lx.Scales[f[0]]
		if sc == nil {
			sc = &Scale{Name: f[0], Bands: map[string]Band{}}
			lx.Scales[f[0]] = sc
		}
		sc.Bands[f[1]] = Band{Category: f[1], Low: lo, High: hi}
		sc.Order = append(sc.Order, f[1])
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("lexicon/estimative.tsv", 4, func(f []string) error {
		p := Phrase{Words: strings.Fields(f[0]), Kind: f[1], Category: f[2], Scale: f[3]}
		if len(f) > 4 {
			p.Note = f[4]
		}
		switch p.Scale {
		case ScaleICD203, ScalePHIA, "both", "-":
		default:
			return fmt.Errorf("unknown scale %q", p.Scale)
		}
		switch p.Kind {
		case "likelihood":
			if _, ok := lx.Scales[ScaleICD203].Bands[p.Category]; !ok {
				return fmt.Errorf("unknown band %q", p.Category)
			}
		case "hedge", "confidence":
		default:
			return fmt.Errorf("unknown kind %q", p.Kind)
		}
		lx.Phrases = append(lx.Phrases, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return lx, nil
}

// BandOf returns the category of the scale whose range holds p (the nearest
// band when p falls in a gap between PHIA bands).
func (s *Scale) BandOf(p float64) string {
	best, bestDist := "", 2.0
	for _, c := range s.Order {
		b := s.Bands[c]
		d := 0.0
		if p < b.Low {
			d = b.Low - p
		} else if p > b.High {
			d = p - b.High
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// readTSV reads an embedded TSV file with a header row and '#' comments,
// calling fn for each row with at least min fields.
func readTSV(name string, min int, fn func([]string) error) error {
	f, err := lexiconFS.Open(name)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < min {
			return fmt.Errorf("%s:%d: %d fields, want at least %d", name, n, len(fields), min)
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// Fingerprint is a hash of every embedded model file: when it changes,
// records made with the old models are stale.
func Fingerprint() (string, error) {
	h := sha256.New()
	for _, fsys := range []embed.FS{lexiconFS, dataFS} {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || p == geoFile {
				return err // the place table feeds exports only, not records
			}
			// Streamed, not read whole: ReadFile copies every file (tens
			// of MB) at every start.
			f, err := fsys.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			info, err := f.Stat()
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", p, info.Size())
			_, err = io.Copy(h, f)
			return err
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
