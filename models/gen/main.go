// Command gen compiles the shared gazetteers and word lists into the model
// files under models/data that the sitrep binary embeds. It is run by
// `make models`; its outputs are committed so that builds and tests never read
// ../shared. Sources whose licence forbids shipping (Malpedia) are left out.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "models/data", "output folder")
	flag.Parse()
	if err := run(*shared, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// entity is one gazetteer row as shipped: label, id, canonical name, source
// kind, rank (lower wins when two entities share an alias) and aliases.
type entity struct {
	label, id, name, kind string
	rank                  int
	aliases               []string
}

// conflictCountries are reported on in detail: all their towns over 15,000
// people are kept; elsewhere only cities over 100,000 and capitals.
var conflictCountries = map[string]bool{"UA": true, "RU": true, "BY": true, "AF": true, "PK": true, "SY": true,
	"IQ": true, "YE": true, "IR": true, "IL": true, "PS": true, "LB": true, "LY": true, "SO": true, "ML": true,
	"NG": true, "SD": true, "SS": true, "ET": true, "MZ": true, "CD": true, "BF": true, "NE": true, "TR": true,
	"GE": true, "AM": true, "AZ": true, "KP": true, "MD": true, "TW": true, "MM": true, "TD": true, "CF": true,
	"JO": true, "SA": true, "EG": true, "KE": true, "PH": true, "IN": true, "CN": true}

func run(shared, out string) error {
	gz := filepath.Join(shared, "gazetteer")
	var ents []entity
	add := func(file, label string, rank int, keep func(row []string) bool, id func(row []string) string, label2 func(row []string) string) error {
		return readTSV(filepath.Join(gz, file), func(row []string) error {
			if keep != nil && !keep(row) {
				return nil
			}
			e := entity{label: label, id: row[0], name: row[1], kind: row[2], rank: rank}
			if id != nil {
				e.id = id(row)
			}
			if label2 != nil {
				e.label = label2(row)
			}
			e.aliases = splitAliases(row[3])
			ents = append(ents, e)
			return nil
		})
	}
	attackID := func(row []string) string {
		if strings.HasPrefix(row[0], "misp:") {
			return row[0]
		}
		return "attack:" + row[0]
	}
	isATTACK := func(row []string) bool { return strings.HasPrefix(row[4], "mitre-attack") }
	notATTACK := func(row []string) bool { return !isATTACK(row) }
	steps := []error{
		add("armed_groups.tsv", "GROUP", 2, nil, nil, nil),
		add("threat_actors.tsv", "GROUP", 3, isATTACK, attackID, nil),
		add("malware.tsv", "MALWARE", 4, isATTACK, attackID, nil),
		add("tools.tsv", "TOOL", 5, isATTACK, attackID, nil),
		add("threat_actors.tsv", "GROUP", 6, notATTACK, attackID, nil),
		add("malware.tsv", "MALWARE", 7, notATTACK, attackID, nil),
		add("tools.tsv", "TOOL", 8, notATTACK, attackID, nil),
		add("countries.tsv", "GPE", 1, nil, func(r []string) string { return r[9] }, nil),
		add("cities.tsv", "GPE", 9, func(r []string) bool { return r[2] == "PPLC" || r[2] == "PPLA" && pop(r) >= 50000 },
			nil, nil),
		add("admin1.tsv", "GPE", 10, nil, func(r []string) string { return r[6] }, nil),
		add("cities.tsv", "GPE", 11, func(r []string) bool {
			return r[2] != "PPLC" && !(r[2] == "PPLA" && pop(r) >= 50000) && (conflictCountries[r[5]] || pop(r) >= 100000)
		}, nil, nil),
		add("sectors.tsv", "SECTOR", 12, nil, nil, nil),
		add("attack_techniques.tsv", "TECHNIQUE", 13, func(r []string) bool { return r[2] != "tactic" }, attackID, nil),
		add("sanctioned_entities.tsv", "ORG", 14, nil, nil, nil),
		add("sanctioned_persons.tsv", "PERSON", 15, nil, nil, nil),
	}
	if err := errors.Join(steps...); err != nil {
		return err
	}
	words, err := commonWords(shared)
	if err != nil {
		return err
	}
	common := make(map[string]bool, len(words))
	for _, w := range words {
		common[w] = true
	}
	nameKinds, err := readNames(shared)
	if err != nil {
		return err
	}
	prose, ctiCaps, err := proseWords(shared)
	if err != nil {
		return err
	}
	fb, err := factbookEntities(gz, prose, ctiCaps)
	if err != nil {
		return err
	}
	ents = append(ents, fb...)
	// Demonyms are NORP, linked to their country.
	if err := readTSV(filepath.Join(gz, "countries.tsv"), func(r []string) error {
		if r[5] == "" {
			return nil
		}
		ds := splitAliases(r[5])
		ents = append(ents, entity{label: "NORP", id: r[9], name: ds[0], kind: "demonym", rank: 1, aliases: ds[1:]})
		return nil
	}); err != nil {
		return err
	}
	// Language names are NORP; a name some list already holds (a demonym
	// such as "English", a place, a given name) keeps that entry.
	listed := map[string]bool{}
	for _, e := range ents {
		for _, a := range append([]string{e.name}, e.aliases...) {
			listed[strings.ToLower(a)] = true
		}
	}
	for n := range nameKinds {
		listed[n] = true // "Sara", "Cook"
	}
	for _, lx := range []string{"norp", "places", "orgs", "gpe"} {
		if err := readTSV("models/lexicon/"+lx+".tsv", func(r []string) error {
			listed[strings.ToLower(r[0])] = true // "Caribbean"
			return nil
		}); err != nil {
			return err
		}
	}
	langs, err := languages(shared, common, listed)
	if err != nil {
		return err
	}
	for _, l := range langs {
		ents = append(ents, entity{label: "NORP", id: "factbook:language:" + strings.ToLower(l), name: l, kind: "language", rank: 1})
	}
	fmt.Printf("gen: %d Factbook leaders, forces, parties and groups, %d languages\n", len(fb), len(langs))
	// Manual aliases extend rows with the same id, or are new entities.
	byID := map[string]int{}
	for i, e := range ents {
		if _, ok := byID[e.id]; !ok {
			byID[e.id] = i
		}
	}
	if err := readTSV(filepath.Join(gz, "manual_aliases.tsv"), func(r []string) error {
		if i, ok := byID[r[0]]; ok {
			ents[i].aliases = append(ents[i].aliases, splitAliases(r[3])...)
			ents[i].rank = 0
			return nil
		}
		label := "GROUP"
		if r[2] == "malware" || r[2] == "ransomware" {
			label = "MALWARE"
		}
		ents = append(ents, entity{label: label, id: r[0], name: r[1], kind: r[2], rank: 0, aliases: splitAliases(r[3])})
		return nil
	}); err != nil {
		return err
	}
	// The project's own alias supplement for listed entries ("US", "UK").
	if err := readTSV("models/lexicon/aliases.tsv", func(r []string) error {
		i, ok := byID[r[0]]
		if !ok {
			return fmt.Errorf("models/lexicon/aliases.tsv: no entry %s", r[0])
		}
		ents[i].aliases = append(ents[i].aliases, splitAliases(r[1])...)
		return nil
	}); err != nil {
		return err
	}
	// ISO 3166 alpha-3 codes ("EST", "AND", "CAN") are words or time zones far
	// more often than countries in report text.
	iso3 := map[string]bool{}
	if err := readTSV(filepath.Join(gz, "countries.tsv"), func(r []string) error {
		if r[6] != "" && r[6] != "USA" {
			iso3[r[6]] = true
		}
		return nil
	}); err != nil {
		return err
	}
	for i := range ents {
		if ents[i].label == "GPE" || ents[i].label == "NORP" {
			kept := ents[i].aliases[:0]
			for _, a := range ents[i].aliases {
				if !iso3[a] {
					kept = append(kept, a)
				}
			}
			ents[i].aliases = kept
		}
		ents[i].aliases = cleanAliases(ents[i])
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].rank < ents[j].rank })

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeGz(filepath.Join(out, "gazetteer.tsv.gz"), func(w io.Writer) error {
		fmt.Fprintln(w, "label\tid\tname\tkind\trank\taliases")
		for _, e := range ents {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", e.label, e.id, e.name, e.kind, e.rank, strings.Join(e.aliases, "|"))
		}
		return nil
	}); err != nil {
		return err
	}
	if err := writeGeo(gz, filepath.Join(out, "geo.tsv.gz"), ents); err != nil {
		return err
	}
	if err := copyTitles(filepath.Join(gz, "titles.tsv"), filepath.Join(out, "titles.tsv")); err != nil {
		return err
	}
	if err := writeGz(filepath.Join(out, "common_words.txt.gz"), func(w io.Writer) error {
		for _, wd := range words {
			fmt.Fprintln(w, wd)
		}
		return nil
	}); err != nil {
		return err
	}
	var corpora []string
	for _, f := range []string{"isw", "aptnotes", "annoctr", "openstax", "factbook", "ungdc"} {
		corpora = append(corpora, filepath.Join(shared, "corpus", "unlabeled", f+".txt.gz"))
	}
	evidence, err := leaderSurnameEvidence(corpora, fb, nameKinds)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "leader_surnames.tsv"),
		[]byte("# surname\tpairs with a listed given name\twith the leader's own\talone (gen: leaderSurnameEvidence)\n"+strings.Join(evidence, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	given, err := extraGivenNames(shared, ents, nameKinds)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "given_names.txt"), []byte(strings.Join(given, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Printf("gen: %d more given names for the entity rules\n", len(given))
	nGiven, nSur, err := writeNames(nameKinds, filepath.Join(out, "names.tsv.gz"))
	if err != nil {
		return err
	}
	fmt.Printf("gen: %d given names, %d surnames\n", nGiven, nSur)
	lic, err := os.ReadFile(filepath.Join(gz, "LICENSE-MITRE-ATTACK.txt"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "LICENSE-MITRE-ATTACK.txt"), lic, 0o644); err != nil {
		return err
	}
	fmt.Printf("gen: %d entities, %d common words -> %s\n", len(ents), len(words), out)
	return nil
}

func pop(r []string) int {
	n, _ := strconv.Atoi(r[10])
	return n
}

func splitAliases(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// cleanAliases keeps the name and aliases worth matching: no bare ATT&CK ids,
// no very long or punctuation-only names, OFAC upper-case forms kept once.
func cleanAliases(e entity) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range append([]string{e.name}, e.aliases...) {
		if len(a) < 2 || len(a) > 80 || strings.Count(a, " ") > 7 || strings.Contains(a, ",") && e.label == "PERSON" {
			continue
		}
		hasLetter := false
		for _, r := range a {
			if unicode.IsLetter(r) {
				hasLetter = true
				break
			}
		}
		if !hasLetter {
			continue
		}
		k := strings.ToLower(a)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func copyTitles(src, dst string) error {
	var sb strings.Builder
	sb.WriteString("# Person titles and honorifics (curated for this project; from the shared gazetteer titles.tsv).\n")
	sb.WriteString("id\tcanonical_name\ttype\taliases\n")
	err := readTSV(src, func(r []string) error {
		fmt.Fprintf(&sb, "%s\t%s\t%s\t%s\n", r[0], r[1], r[2], r[3])
		return nil
	})
	if err != nil {
		return err
	}
	return os.WriteFile(dst, []byte(sb.String()), 0o644)
}

var wordRE = regexp.MustCompile(`[A-Za-z]+`)

// commonWords derives the English words that text writes in lower case, from
// licence-clean text only (AnnoCTR CC BY-SA 4.0, BioScope CC BY 2.0, CyNER
// MIT). A gazetteer alias that is one of them ("will", "reading", "mobile")
// needs stronger evidence than its spelling to be matched.
func commonWords(shared string) ([]string, error) {
	lower := map[string]int{}
	upper := map[string]int{}
	count := func(text string) {
		for _, f := range strings.Fields(text) {
			if strings.ContainsAny(f, "/@\\_=") || strings.Count(f, ".") > 1 {
				continue // URLs, paths, code
			}
			for _, w := range wordRE.FindAllString(f, -1) {
				if len(w) < 2 {
					continue
				}
				if w == strings.ToLower(w) {
					lower[w]++
				} else if w[1:] == strings.ToLower(w[1:]) {
					upper[strings.ToLower(w)]++
				}
			}
		}
	}
	dirs := []string{"corpus/ner/annoctr/docs/train", "corpus/ner/annoctr/docs/ext", "corpus/ner/annoctr/docs/dev"}
	for _, d := range dirs {
		files, err := filepath.Glob(filepath.Join(shared, d, "*.txt"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			count(string(b))
		}
	}
	if err := readJSONL(filepath.Join(shared, "corpus/hedge/bioscope/abstracts.jsonl"), func(m map[string]any) {
		if t, ok := m["text"].(string); ok {
			count(t)
		}
	}); err != nil {
		return nil, err
	}
	for _, f := range []string{"corpus/ner/cyner/train.txt", "corpus/ner/cyner/valid.txt"} {
		b, err := os.ReadFile(filepath.Join(shared, f))
		if err != nil {
			return nil, err
		}
		var toks []string
		for _, l := range strings.Split(string(b), "\n") {
			if fs := strings.Split(l, "\t"); len(fs) == 2 {
				toks = append(toks, fs[0])
			}
		}
		count(strings.Join(toks, " "))
	}
	var out []string
	for w, n := range lower {
		if n >= 3 && n >= upper[w] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out, nil
}

func readJSONL(path string, fn func(map[string]any)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			fn(m)
		}
	}
	return sc.Err()
}

func readTSV(path string, fn func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	header := true
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue // the project's own lexicons open with comment lines
		}
		if header {
			header = false
			continue
		}
		row := strings.Split(sc.Text(), "\t")
		for len(row) < 11 {
			row = append(row, "")
		}
		if err := fn(row); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

func writeGz(path string, fn func(io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	err = fn(bw)
	err = errors.Join(err, bw.Flush(), zw.Close(), f.Close())
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// writeGeo writes the country code and coordinates of every shipped place
// (for STIX location objects): countries carry their ISO 3166 code, admin
// regions their country, cities their country and coordinates.
func writeGeo(gz, path string, ents []entity) error {
	shipped := map[string]bool{}
	for _, e := range ents {
		if e.label == "GPE" {
			shipped[e.id] = true
		}
	}
	type geo struct{ cc, lat, lon string }
	rows := map[string]geo{}
	steps := []error{
		readTSV(filepath.Join(gz, "countries.tsv"), func(r []string) error {
			rows[r[9]] = geo{cc: r[0]}
			return nil
		}),
		readTSV(filepath.Join(gz, "admin1.tsv"), func(r []string) error {
			rows[r[6]] = geo{cc: r[5]}
			return nil
		}),
		readTSV(filepath.Join(gz, "cities.tsv"), func(r []string) error {
			rows[r[0]] = geo{cc: r[5], lat: r[8], lon: r[9]}
			return nil
		}),
	}
	if err := errors.Join(steps...); err != nil {
		return err
	}
	ids := make([]string, 0, len(shipped))
	for id := range shipped {
		if _, ok := rows[id]; ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return writeGz(path, func(w io.Writer) error {
		fmt.Fprintln(w, "id\tcountry\tlat\tlon")
		for _, id := range ids {
			g := rows[id]
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", id, g.cc, g.lat, g.lon)
		}
		return nil
	})
}

// surnameRank bounds the US Census surnames kept: the rarer ones are mostly
// spellings the model would never meet, and the file is embedded.
const surnameRank = 20000

// readNames reads the given-name and surname evidence the model's person
// features use: lower-cased name -> "G" (given), "S" (surname) or both.
// Sources: US Census 1990 name lists (public domain) and common forenames
// and surnames by country (CC0), both under shared/corpus/names.
func readNames(shared string) (map[string]string, error) {
	dir := filepath.Join(shared, "corpus", "names")
	kind := map[string]string{}
	add := func(name, k string) {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" || strings.ContainsAny(name, " \t|") || !strings.ContainsFunc(name, unicode.IsLetter) {
			return
		}
		if !strings.Contains(kind[name], k) {
			kind[name] += k
		}
	}
	census := func(file, k string, maxRank int) error {
		return eachGzLine(filepath.Join(dir, file), func(l string) {
			fs := strings.Fields(l)
			if len(fs) != 4 {
				return
			}
			if rank, _ := strconv.Atoi(fs[3]); maxRank == 0 || rank <= maxRank {
				add(fs[0], k)
			}
		})
	}
	if err := census("census1990.dist.male.first.gz", "G", 0); err != nil {
		return nil, err
	}
	if err := census("census1990.dist.female.first.gz", "G", 0); err != nil {
		return nil, err
	}
	if err := census("census1990.dist.all.last.gz", "S", surnameRank); err != nil {
		return nil, err
	}
	csvCol := func(file, col, k string) error {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			return err
		}
		defer f.Close()
		r := csv.NewReader(f)
		head, err := r.Read()
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		c := slices.Index(head, col)
		if c < 0 {
			return fmt.Errorf("%s: no column %q", file, col)
		}
		for {
			row, err := r.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			add(row[c], k)
		}
	}
	if err := csvCol("common-forenames-by-country.csv", "Romanized Name", "G"); err != nil {
		return nil, err
	}
	if err := csvCol("common-surnames-by-country.csv", "Romanized Name", "S"); err != nil {
		return nil, err
	}
	return kind, nil
}

// writeNames writes the name lists, one folded name a line with G, S or GS;
// it returns how many given names and surnames they hold.
func writeNames(kind map[string]string, out string) (int, int, error) {
	names := make([]string, 0, len(kind))
	for n := range kind {
		names = append(names, n)
	}
	sort.Strings(names)
	given, sur := 0, 0
	err := writeGz(out, func(w io.Writer) error {
		for _, n := range names {
			k := kind[n]
			if strings.Contains(k, "G") {
				given++
			}
			if strings.Contains(k, "S") {
				sur++
			}
			fmt.Fprintf(w, "%s\t%s\n", n, strings.Replace(k, "SG", "GS", 1))
		}
		return nil
	})
	return given, sur, err
}
