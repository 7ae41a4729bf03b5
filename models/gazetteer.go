package models

import (
	"embed"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
)

//go:embed data/gazetteer.tsv.gz data/common_words.txt.gz data/titles.tsv data/leader_surnames.tsv data/given_names.txt data/geo.tsv.gz data/names.tsv.gz data/clusters.tsv.gz data/warninglists.tsv.gz data/places.bin.gz data/countries-50m.json.gz data/ner
var dataFS embed.FS

// KindRegionalDemonym is the kind of the continental and regional
// demonyms of the project's lexicon (European, Central Asian), which the
// entity model does not take for clues.
const KindRegionalDemonym = "regional demonym"

// KindMedia is the kind of the news media of the project's lexicon
// (lexicon/media.tsv): names that other names often hold ("Register",
// "Bloomberg"), which the entity stage takes only standing alone.
const KindMedia = "media"

// GazEntry is one known entity: a threat actor, armed group, malware family,
// tool, technique, place, sector, sanctioned organisation or person.
type GazEntry struct {
	Label   string   // record-contract label: GROUP, MALWARE, GPE...
	ID      string   // canonical id: attack:G0007, geonames:1138958, ca-listed:37...
	Name    string   // canonical name
	Kind    string   // the type the source gives: intrusion_set, ransomware, PPLC...
	Rank    int      // lower wins when two entries share an alias
	Aliases []string // surface forms, the canonical name first
	// NoClue marks entries the lexicons added after the shipped entity
	// model was trained (regional demonyms, spellings of demonyms): the
	// model does not take them for clues, and its training data are
	// converted without them.
	NoClue bool
}

// Gazetteer is the knowledge base the entity stage links against.
type Gazetteer struct {
	Entries     []GazEntry
	CommonWords map[string]bool // English words written in lower case
	Titles      []string        // person titles and honorifics, every spelling (the shared list)
	MoreTitles  []string        // titles the shared list lacks (lexicon/titles.tsv)
	// Names holds folded given names and surnames: NameGiven, NameSurname or both.
	Names map[string]NameKind
	// MoreGiven are given names the name lists lack, derived by models/gen
	// for the entity rules ("Vladimir", "Serhiy"); the model's features keep
	// Names alone.
	MoreGiven map[string]bool
	// LeaderSurnames are leaders' surnames that Names lists but that the
	// unlabeled corpora use for that leader ("Trump"; models/gen).
	LeaderSurnames map[string]bool
}

// NameKind says whether a word is known as a given name, a surname or both.
type NameKind uint8

// Name kinds (bits).
const (
	NameGiven NameKind = 1 << iota
	NameSurname
)

// LoadGazetteer reads the embedded gazetteer, then each user file in extra
// (TSV with the shared gazetteer's columns: id, canonical_name, type, aliases,
// source, and an optional sixth column with the label, default ORG).
func LoadGazetteer(extra ...string) (*Gazetteer, error) {
	g := &Gazetteer{CommonWords: map[string]bool{}}
	text, err := gzText("data/gazetteer.tsv.gz")
	if err != nil {
		return nil, err
	}
	// Sized once: growing 30,000 entries by copies was a fifth of start-up.
	g.Entries = make([]GazEntry, 0, strings.Count(text, "\n")+1024)
	if err := eachTextLine(text, true, func(n int, l string) error {
		fs := strings.Split(l, "\t")
		if len(fs) != 6 {
			return fmt.Errorf("gazetteer:%d: %d fields, want 6", n, len(fs))
		}
		rank, _ := strconv.Atoi(fs[4])
		g.Entries = append(g.Entries, GazEntry{Label: fs[0], ID: fs[1], Name: fs[2], Kind: fs[3], Rank: rank,
			Aliases: strings.Split(fs[5], "|")})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachGzLine("data/common_words.txt.gz", false, func(_ int, l string) error { g.CommonWords[l] = true; return nil }); err != nil {
		return nil, err
	}
	g.Names = make(map[string]NameKind, 27000)
	if err := eachGzPair("data/names.tsv.gz", func(name, k string) error {
		var kind NameKind
		if strings.Contains(k, "G") {
			kind |= NameGiven
		}
		if strings.Contains(k, "S") {
			kind |= NameSurname
		}
		g.Names[name] = kind
		return nil
	}); err != nil {
		return nil, err
	}
	if g.MoreGiven, err = embeddedSet("data/given_names.txt"); err != nil {
		return nil, err
	}
	if g.LeaderSurnames, err = embeddedSet("data/leader_surnames.tsv"); err != nil {
		return nil, err
	}
	tf, err := dataFS.Open("data/titles.tsv")
	if err != nil {
		return nil, err
	}
	defer tf.Close()
	if err := eachLine(tf, true, func(_ int, l string) error {
		fs := strings.Split(l, "\t")
		if len(fs) >= 4 {
			g.Titles = append(g.Titles, fs[1])
			for _, a := range strings.Split(fs[3], "|") {
				if a != "" {
					g.Titles = append(g.Titles, a)
				}
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readTSV("lexicon/titles.tsv", 1, func(f []string) error {
		g.MoreTitles = append(g.MoreTitles, f[0])
		if len(f) > 1 && f[1] != "" {
			g.MoreTitles = append(g.MoreTitles, strings.Split(f[1], "|")...)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	// Lexicons added after the model was trained (regional demonyms, media,
	// late organisations) are no clues, so the shipped model is unchanged.
	for _, lx := range []struct {
		file, label, kind string
		late              bool
	}{{"lexicon/norp.tsv", "NORP", "group", false}, {"lexicon/late-norp.tsv", "NORP", "religion", true}, {"lexicon/demonyms-regional.tsv", "NORP", KindRegionalDemonym, true}, {"lexicon/places.tsv", "LOC", "region", false}, {"lexicon/sectors.tsv", "SECTOR", "sector", false}, {"lexicon/orgs.tsv", "ORG", "organisation", false}, {"lexicon/media.tsv", "ORG", KindMedia, true}, {"lexicon/late-orgs.tsv", "ORG", "organisation", true}, {"lexicon/gpe.tsv", "GPE", "self-declared state", false}, {"lexicon/former-states.tsv", "GPE", "former state", false}, {"lexicon/groups.tsv", "GROUP", "armed_group", false}} {
		if err := readTSV(lx.file, 1, func(f []string) error {
			e := GazEntry{Label: lx.label, ID: "sitrep:" + strings.ToLower(lx.label) + ":" + strings.ToLower(strings.ReplaceAll(f[0], " ", "-")),
				Name: f[0], Kind: lx.kind, Aliases: []string{f[0]}, NoClue: lx.late}
			if lx.label == "NORP" {
				e.Rank = 1 // below curated and country rows, like the demonyms
			}
			if lx.label == "ORG" {
				e.Rank = -1 // "Telegram" the platform, not the ransomware of that name
			}
			if len(f) > 1 && f[1] != "" {
				e.Aliases = append(e.Aliases, strings.Split(f[1], "|")...)
			}
			g.Entries = append(g.Entries, e)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	// Nouns of nationality are aliases of the country's demonym ("Danes").
	byID := make(map[string]int, len(g.Entries))
	for i, e := range g.Entries {
		if _, seen := byID[e.ID]; !seen && e.Label == "NORP" {
			byID[e.ID] = i
		}
	}
	// demonymRows reads a lexicon of rows "country's demonym id, aliases".
	demonymRows := func(file string, add func(i int, aliases []string)) error {
		return readTSV(file, 1, func(f []string) error {
			i, ok := byID[f[0]]
			if !ok || len(f) < 2 {
				return fmt.Errorf("no demonym %q", f[0])
			}
			add(i, strings.Split(f[1], "|"))
			return nil
		})
	}
	if err := demonymRows("lexicon/demonym-nouns.tsv", func(i int, aliases []string) {
		g.Entries[i].Aliases = append(g.Entries[i].Aliases, aliases...)
	}); err != nil {
		return nil, err
	}
	// Other spellings of a demonym are entries of their own, linked to the
	// country, that are no clues ("Ecuadorian").
	if err := demonymRows("lexicon/demonym-variants.tsv", func(i int, aliases []string) {
		e := g.Entries[i]
		e.Aliases, e.NoClue = aliases, true
		g.Entries = append(g.Entries, e)
	}); err != nil {
		return nil, err
	}
	// Names added after the model was trained are entries of their own,
	// copies of the entry with that id and label, that are no clues ("Holy
	// See", the Vatican's).
	// (A scan per row: the file holds a handful of rows, and a table of all
	// 30,000 entries would cost every start more than the scans.)
	if err := readTSV("lexicon/late-aliases.tsv", 1, func(f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("late alias %q: want id, label and aliases", f[0])
		}
		i := slices.IndexFunc(g.Entries, func(e GazEntry) bool { return e.ID == f[0] && e.Label == f[1] })
		if i < 0 {
			return fmt.Errorf("late alias: no %s entry %q", f[1], f[0])
		}
		e := g.Entries[i]
		e.Aliases, e.NoClue = strings.Split(f[2], "|"), true
		g.Entries = append(g.Entries, e)
		return nil
	}); err != nil {
		return nil, err
	}
	// Demonyms are also written in the plural ("Afghans", "Pakistanis").
	// The model was trained with the plurals of -n and -i only; the others
	// ("Cypriots", "Filipinos", "New Zealanders") are entries of their own
	// that are no clues.
	for i, n := 0, len(g.Entries); i < n; i++ {
		e := &g.Entries[i]
		if e.Label != "NORP" || e.Kind != "demonym" {
			continue
		}
		var more []string
		for _, a := range e.Aliases {
			switch {
			case strings.HasSuffix(a, "n") || strings.HasSuffix(a, "i"):
				e.Aliases = append(e.Aliases, a+"s")
			case pluralS(a):
				more = append(more, a+"s")
			}
		}
		if len(more) > 0 {
			c := *e
			c.Aliases, c.NoClue = more, true
			g.Entries = append(g.Entries, c)
		}
	}
	g.Entries = append(g.Entries, joinedThreatNames(g.Entries, g.Names)...)
	for _, path := range extra {
		if err := g.addUserFile(path); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// joinedThreatNames returns, for the malware and tools named by two
// capitalised words, entries of the name written as one word ("Agent
// Tesla" as "AgentTesla", "Cobalt Strike" as "CobaltStrike", as reports and
// detection names write them) where no entry has that alias, no entry of
// another kind has the two words and they are no given name and surname
// ("Donald Trump", a ransomware's name and a president's); they are no
// clues.
func joinedThreatNames(es []GazEntry, names map[string]NameKind) []GazEntry {
	threat := func(e GazEntry) bool { return e.Label == "MALWARE" || e.Label == "TOOL" }
	// The candidates first (a few hundred), so that the scan of every
	// entry's aliases below looks them up in a small table: a table of
	// all aliases had cost start-up 30 ms (medians of 8 runs, 180 against
	// 151 ms, the same as session 31's binary).
	spaced := map[string]string{}   // joined form -> the two words
	twoWords := map[string]string{} // the two words -> joined form
	for _, e := range es {
		if !threat(e) {
			continue
		}
		for _, a := range e.Aliases {
			first, second, ok := strings.Cut(a, " ")
			if ok && capitalWord(first) && capitalWord(second) &&
				!(names[strings.ToLower(first)]&NameGiven != 0 && names[strings.ToLower(second)]&NameSurname != 0) {
				spaced[first+second], twoWords[a] = a, first+second
			}
		}
	}
	taken := map[string]bool{} // joined forms listed already, or whose words another kind lists
	for _, e := range es {
		for _, a := range e.Aliases {
			if _, ok := spaced[a]; ok {
				taken[a] = true
			}
			if j, ok := twoWords[a]; ok && !threat(e) {
				taken[j] = true
			}
		}
	}
	var out []GazEntry
	for _, e := range es {
		if !threat(e) {
			continue
		}
		var joined []string
		for _, a := range e.Aliases {
			first, second, ok := strings.Cut(a, " ")
			if j := first + second; ok && spaced[j] == a && !taken[j] {
				taken[j] = true
				joined = append(joined, j)
			}
		}
		if len(joined) > 0 {
			c := e
			c.Aliases, c.NoClue = joined, true
			out = append(out, c)
		}
	}
	return out
}

// capitalWord reports whether w is a capital and two or more lower-case
// letters ("Agent", "Strike"; not "RAT", "X", "v2").
func capitalWord(w string) bool {
	if len(w) < 3 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// pluralS reports whether a demonym makes its plural with "s" though it
// ends in neither -n nor -i: "Cypriot", "Filipino", "Icelander",
// "Slovene", "Monegasque", "Tadzhik" (not "Chinese", "Malagasy", "Manx").
func pluralS(a string) bool {
	for _, suf := range []string{"er", "ot", "ite", "ine", "ene", "que", "ino", "ik"} {
		if strings.HasSuffix(a, suf) {
			return true
		}
	}
	return false
}

// addUserFile adds a user gazetteer; its entries win over the shipped ones.
func (g *Gazetteer) addUserFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer %s: %w", path, err)
	}
	defer f.Close()
	added, header := 0, false
	err = eachLine(f, false, func(n int, l string) error {
		fs := strings.Split(l, "\t")
		if !header { // the first line that is not blank or a comment
			header = true
			if len(fs) < 4 || fs[0] != "id" || fs[1] != "canonical_name" {
				return fmt.Errorf("gazetteer %s: the first line must be the header id, canonical_name, type, aliases[, source, label]", path)
			}
			return nil
		}
		if len(fs) < 4 {
			return fmt.Errorf("gazetteer %s:%d: %d fields, want at least 4 (id, canonical_name, type, aliases)", path, n, len(fs))
		}
		label := LabelForType(fs[2])
		if len(fs) >= 6 && fs[5] != "" {
			label = strings.ToUpper(fs[5])
		}
		aliases := []string{fs[1]}
		for _, a := range strings.Split(fs[3], "|") {
			if a = strings.TrimSpace(a); a != "" {
				aliases = append(aliases, a)
			}
		}
		g.Entries = append(g.Entries, GazEntry{Label: label, ID: fs[0], Name: fs[1], Kind: fs[2], Rank: -1, Aliases: aliases})
		added++
		return nil
	})
	if err == nil && added == 0 {
		err = fmt.Errorf("gazetteer %s: no entries", path)
	}
	return err
}

// eachGzLine reads an embedded gzipped text file line by line.
func eachGzLine(name string, header bool, fn func(int, string) error) error {
	text, err := gzText(name)
	if err != nil {
		return err
	}
	return eachTextLine(text, header, fn)
}

// gzText returns an embedded gzipped file, decompressed into one string
// that callers slice (no copy per line or field), read in place from the
// binary (embed's files seek).
func gzText(name string) (string, error) {
	f, err := dataFS.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if err := Gunzip(f.(io.ReadSeeker), &b); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return b.String(), nil
}

// Gunzip decompresses r into w, growing w once to the size gzip's trailer
// gives: growing it by copies, each faulting in fresh pages, cost start-up
// more than decompressing. The trailer's size (mod 2^32) is only a hint,
// bounded by 64 times the compressed size; w grows past it if it must.
func Gunzip(r io.ReadSeeker, w interface {
	io.Writer
	Grow(int)
}) error {
	var size [4]byte
	if end, err := r.Seek(-4, io.SeekEnd); err == nil {
		if _, err := io.ReadFull(r, size[:]); err == nil {
			w.Grow(int(min(int64(binary.LittleEndian.Uint32(size[:])), 64*(end+4))))
		}
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return err
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, zr)
	return err
}

// eachTextLine calls fn with each line of text that is neither blank nor
// a comment, after the header when there is one.
func eachTextLine(text string, header bool, fn func(int, string) error) error {
	n := 0
	for l := range strings.Lines(text) {
		n++
		l = strings.TrimRight(l, "\r\n")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		if err := fn(n, l); err != nil {
			return err
		}
	}
	return nil
}

// eachLine is eachTextLine over a reader (a user's gazetteer, the titles).
func eachLine(r io.Reader, header bool, fn func(int, string) error) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return eachTextLine(string(b), header, fn)
}

// LabelForType maps a gazetteer type column to a record-contract label.
func LabelForType(t string) string {
	t = strings.ToLower(t)
	switch {
	case t == "intrusion_set" || t == "threat_actor" || strings.Contains(t, "group"):
		return "GROUP"
	case t == "tool" || strings.HasSuffix(t, "_tool"):
		return "TOOL"
	case t == "malware" || strings.Contains(t, "malware") || t == "ransomware" || t == "rat" || t == "botnet" ||
		t == "backdoor" || t == "banker" || t == "wiper" || t == "stealer" || t == "exploit_kit":
		return "MALWARE"
	case t == "country" || t == "territory" || t == "admin1" || t == "city" || strings.HasPrefix(t, "ppl"):
		return "GPE"
	case t == "sector":
		return "SECTOR"
	case t == "person":
		return "PERSON"
	case t == "technique" || t == "sub-technique" || t == "attack_pattern":
		return "TECHNIQUE"
	case t == "facility":
		return "FAC"
	case t == "location":
		return "LOC"
	}
	return "ORG"
}

// LoadClusters reads the word clusters (models/clusters, from unlabeled
// text): each word, as written, and the bit path of its cluster. Only models
// trained with cluster features need them, so they are read on first use,
// once per process.
var LoadClusters = sync.OnceValues(func() (map[string]string, error) {
	c := make(map[string]string, 60000)
	err := eachGzPair("data/clusters.tsv.gz", func(w, path string) error {
		c[w] = path
		return nil
	})
	return c, err
})

// eachGzPair calls fn with the two tab-separated fields of each line of an
// embedded gzipped file (no header).
func eachGzPair(name string, fn func(key, value string) error) error {
	return eachGzLine(name, false, func(n int, l string) error {
		k, v, ok := strings.Cut(l, "\t")
		if !ok {
			return fmt.Errorf("%s:%d: want two tab-separated fields", name, n)
		}
		return fn(k, v)
	})
}

// embeddedSet reads an embedded list, one entry per line (the first column
// of a TSV; "#" lines are comments), into a set.
func embeddedSet(name string) (map[string]bool, error) {
	f, err := dataFS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]bool{}
	err = eachLine(f, false, func(_ int, l string) error {
		k, _, _ := strings.Cut(l, "\t")
		out[k] = true
		return nil
	})
	return out, err
}
