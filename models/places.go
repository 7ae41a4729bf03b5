package models

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// PlacesFile is the GeoNames place table built by `make models` (models/places).
const PlacesFile = "data/places.bin.gz"

// Kinds of place-table entries (the top two bits of a posting).
const (
	KindPlace = iota
	KindAdmin1
	KindAdmin2
	KindCountry
)

// Country is one country of the place table.
type Country struct {
	ISO      string
	ID       uint32 // GeoNames id
	Name     string
	Lat, Lon float32
	HasPoint bool
	Pop      uint32
}

// Admin is a first- or second-level administrative area. Its point is the
// middle of its places' range of latitudes and longitudes, isolated
// outliers left out (GeoNames gives none), when it has any.
type Admin struct {
	ID       uint32
	Country  uint8 // index into Countries
	Admin1   int32 // admin2 only: index into Admin1, or -1
	Lat, Lon float32
	HasPoint bool
	Code     string // GeoNames code: UA.08, UA.08.6510
	Name     string
}

// GeoPlace is one populated place (GeoNames cities500: 500 people or more,
// or an admin seat).
type GeoPlace struct {
	ID       uint32
	Lat, Lon float32
	Pop      uint32
	Admin1   int32 // index into Admin1, or -1
	Admin2   int32 // index into Admin2, or -1
	Country  uint8 // index into Countries
	Feature  uint8 // index into Features
}

// Places is the place table: countries, admin areas and places, each sorted
// by GeoNames id, and an index from folded names (PlaceKey) to entries.
type Places struct {
	Features  []string // GeoNames feature codes (PPL, PPLA, ...)
	Countries []Country
	Admin1    []Admin
	Admin2    []Admin
	Places    []GeoPlace
	keys      string   // sorted folded names, concatenated
	keyEnd    []uint32 // end of key i in keys
	postEnd   []uint32 // end of key i's postings in post
	post      []uint32 // kind<<30 | index
}

// Posting is one entry a name leads to.
type Posting struct {
	Kind  int
	Index int
}

// Lookup returns the entries whose name, ASCII name or alternate name folds
// to key (see PlaceKey).
func (p *Places) Lookup(key string) []Posting {
	n := len(p.keyEnd)
	i := sort.Search(n, func(i int) bool { return p.key(i) >= key })
	if i == n || p.key(i) != key {
		return nil
	}
	from := uint32(0)
	if i > 0 {
		from = p.postEnd[i-1]
	}
	out := make([]Posting, 0, p.postEnd[i]-from)
	for _, v := range p.post[from:p.postEnd[i]] {
		out = append(out, Posting{Kind: int(v >> 30), Index: int(v & (1<<30 - 1))})
	}
	return out
}

func (p *Places) key(i int) string {
	from := uint32(0)
	if i > 0 {
		from = p.keyEnd[i-1]
	}
	return p.keys[from:p.keyEnd[i]]
}

// ByID finds a GeoNames id among places, admin areas and countries.
func (p *Places) ByID(id uint32) (Posting, bool) {
	if i := sort.Search(len(p.Places), func(i int) bool { return p.Places[i].ID >= id }); i < len(p.Places) && p.Places[i].ID == id {
		return Posting{KindPlace, i}, true
	}
	for kind, as := range [][]Admin{KindAdmin1 - 1: p.Admin1, KindAdmin2 - 1: p.Admin2} {
		if i := sort.Search(len(as), func(i int) bool { return as[i].ID >= id }); i < len(as) && as[i].ID == id {
			return Posting{kind + 1, i}, true
		}
	}
	for i, c := range p.Countries {
		if c.ID == id {
			return Posting{KindCountry, i}, true
		}
	}
	return Posting{}, false
}

// GeoNamesID is the canonical id of GeoNames entry id: "geonames:706448".
func GeoNamesID(id uint32) string { return "geonames:" + strconv.FormatUint(uint64(id), 10) }

// Linked returns the entry a canonical id ("geonames:706448") names.
func (p *Places) Linked(id string) (Posting, bool) {
	n, ok := strings.CutPrefix(id, "geonames:")
	if !ok {
		return Posting{}, false
	}
	v, err := strconv.ParseUint(n, 10, 32)
	if err != nil {
		return Posting{}, false
	}
	return p.ByID(uint32(v))
}

// NameAbbrevs are the words reports abbreviate at the start of a place's
// name, with GeoNames' spelling: "St. Marc" is "Saint-Marc".
var NameAbbrevs = map[string]string{"St.": "Saint", "Ste.": "Sainte", "Mt.": "Mount", "Ft.": "Fort"}

// CountryOf returns the index in Countries of the country entry q lies in.
func (p *Places) CountryOf(q Posting) int {
	switch q.Kind {
	case KindPlace:
		return int(p.Places[q.Index].Country)
	case KindAdmin1:
		return int(p.Admin1[q.Index].Country)
	case KindAdmin2:
		return int(p.Admin2[q.Index].Country)
	}
	return q.Index
}

var (
	placesOnce sync.Once
	placesTab  *Places
	placesErr  error
)

// LoadPlaces returns the place table, inflating it on first use (about
// 17 MB in memory); later calls return the same table.
func LoadPlaces() (*Places, error) {
	placesOnce.Do(func() {
		data, err := gzText(PlacesFile)
		if err != nil {
			placesErr = err
			return
		}
		placesTab, placesErr = decodePlaces(data)
	})
	return placesTab, placesErr
}

// RegionPoint is the representative point of a named region of the project
// lexicon (lexicon/places.tsv: continents, seas, areas), by its sitrep:loc id.
type RegionPoint struct{ Lat, Lon float64 }

// LoadRegionPoints reads the points of lexicon/places.tsv, keyed by the id
// the gazetteer gives each region.
func LoadRegionPoints() (map[string]RegionPoint, error) {
	out := map[string]RegionPoint{}
	err := readTSV("lexicon/places.tsv", 4, func(f []string) error {
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("bad point %q %q", f[2], f[3])
		}
		out["sitrep:loc:"+strings.ToLower(strings.ReplaceAll(f[0], " ", "-"))] = RegionPoint{lat, lon}
		return nil
	})
	return out, err
}

// EncodePlaces writes p in the binary form DecodePlaces reads (models/places
// writes it; little-endian, see the field order below).
func EncodePlaces(p *Places) []byte {
	var b bytes.Buffer
	u8 := func(v uint8) { b.WriteByte(v) }
	u32 := func(v uint32) { _ = binary.Write(&b, binary.LittleEndian, v) }
	f32 := func(v float32) { u32(math.Float32bits(v)) }
	str := func(s string) { _ = binary.Write(&b, binary.LittleEndian, uint16(len(s))); b.WriteString(s) }
	flag := func(v bool) {
		if v {
			u8(1)
		} else {
			u8(0)
		}
	}
	b.WriteString("SPL1")
	u32(uint32(len(p.Features)))
	for _, f := range p.Features {
		str(f)
	}
	u32(uint32(len(p.Countries)))
	for _, c := range p.Countries {
		str(c.ISO)
		u32(c.ID)
		str(c.Name)
		f32(c.Lat)
		f32(c.Lon)
		flag(c.HasPoint)
		u32(c.Pop)
	}
	for _, as := range [][]Admin{p.Admin1, p.Admin2} {
		u32(uint32(len(as)))
		for _, a := range as {
			u32(a.ID)
			u8(a.Country)
			u32(uint32(a.Admin1))
			f32(a.Lat)
			f32(a.Lon)
			flag(a.HasPoint)
			str(a.Code)
			str(a.Name)
		}
	}
	u32(uint32(len(p.Places)))
	for _, g := range p.Places {
		u32(g.ID)
		f32(g.Lat)
		f32(g.Lon)
		u32(g.Pop)
		u32(uint32(g.Admin1))
		u32(uint32(g.Admin2))
		u8(g.Country)
		u8(g.Feature)
	}
	u32(uint32(len(p.keys)))
	b.WriteString(p.keys)
	u32(uint32(len(p.keyEnd)))
	for i := range p.keyEnd {
		u32(p.keyEnd[i])
		u32(p.postEnd[i])
	}
	u32(uint32(len(p.post)))
	for _, v := range p.post {
		u32(v)
	}
	return b.Bytes()
}

// DecodePlaces reads the binary form of EncodePlaces.
func DecodePlaces(data []byte) (*Places, error) { return decodePlaces(string(data)) }

// decodePlaces decodes from a string, whose names and keys the table
// slices instead of copying.
func decodePlaces(data string) (*Places, error) {
	d := decoder{b: data}
	if d.bytes(4) != "SPL1" {
		return nil, errors.New("places: not a place table (bad magic)")
	}
	p := &Places{}
	p.Features = make([]string, d.count(2))
	for i := range p.Features {
		p.Features[i] = d.str()
	}
	p.Countries = make([]Country, d.count(20))
	for i := range p.Countries {
		c := &p.Countries[i]
		c.ISO, c.ID, c.Name = d.str(), d.u32(), d.str()
		c.Lat, c.Lon, c.HasPoint, c.Pop = d.f32(), d.f32(), d.u8() == 1, d.u32()
	}
	for _, as := range []*[]Admin{&p.Admin1, &p.Admin2} {
		*as = make([]Admin, d.count(22))
		for i := range *as {
			a := &(*as)[i]
			a.ID, a.Country, a.Admin1 = d.u32(), d.u8(), int32(d.u32())
			a.Lat, a.Lon, a.HasPoint = d.f32(), d.f32(), d.u8() == 1
			a.Code, a.Name = d.str(), d.str()
		}
	}
	p.Places = make([]GeoPlace, d.count(26))
	for i := range p.Places {
		g := &p.Places[i]
		g.ID, g.Lat, g.Lon, g.Pop = d.u32(), d.f32(), d.f32(), d.u32()
		g.Admin1, g.Admin2, g.Country, g.Feature = int32(d.u32()), int32(d.u32()), d.u8(), d.u8()
	}
	p.keys = d.bytes(int(d.u32()))
	n := d.count(8)
	p.keyEnd, p.postEnd = make([]uint32, n), make([]uint32, n)
	for i := 0; i < n; i++ {
		p.keyEnd[i], p.postEnd[i] = d.u32(), d.u32()
	}
	p.post = make([]uint32, d.count(4))
	for i := range p.post {
		p.post[i] = d.u32()
	}
	if d.err != nil {
		return nil, fmt.Errorf("places: %w", d.err)
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	return p, nil
}

// check verifies that every index in the table points inside it, so that a
// damaged file fails to load instead of failing a lookup later.
func (p *Places) check() error {
	var prevK, prevP uint32
	for i := range p.keyEnd {
		if p.keyEnd[i] < prevK || p.keyEnd[i] > uint32(len(p.keys)) || p.postEnd[i] < prevP || p.postEnd[i] > uint32(len(p.post)) {
			return fmt.Errorf("name index entry %d out of range", i)
		}
		prevK, prevP = p.keyEnd[i], p.postEnd[i]
	}
	sizes := [4]int{len(p.Places), len(p.Admin1), len(p.Admin2), len(p.Countries)}
	for i, v := range p.post {
		if int(v&(1<<30-1)) >= sizes[v>>30] {
			return fmt.Errorf("posting %d out of range", i)
		}
	}
	inside := func(i int32, n int) bool { return i >= -1 && int(i) < n }
	for i, g := range p.Places {
		if !inside(g.Admin1, len(p.Admin1)) || !inside(g.Admin2, len(p.Admin2)) || int(g.Country) >= len(p.Countries) || int(g.Feature) >= len(p.Features) {
			return fmt.Errorf("place %d: index out of range", i)
		}
	}
	for _, as := range [][]Admin{p.Admin1, p.Admin2} {
		for i, a := range as {
			if !inside(a.Admin1, len(p.Admin1)) || int(a.Country) >= len(p.Countries) {
				return fmt.Errorf("admin area %d: index out of range", i)
			}
		}
	}
	return nil
}

type decoder struct {
	b   string
	err error
}

func (d *decoder) bytes(n int) string {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.err = errors.New("truncated")
		return ""
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) u8() uint8 {
	if b := d.bytes(1); b != "" {
		return b[0]
	}
	return 0
}

func (d *decoder) u32() uint32 {
	if b := d.bytes(4); b != "" {
		return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
	}
	return 0
}

func (d *decoder) f32() float32 { return math.Float32frombits(d.u32()) }

func (d *decoder) str() string {
	b := d.bytes(2)
	if b == "" {
		return ""
	}
	return d.bytes(int(b[0]) | int(b[1])<<8)
}

// count reads a length and checks that the data can hold that many records
// of at least size bytes, so a damaged file cannot ask for a huge slice.
func (d *decoder) count(size int) int {
	n := int(d.u32())
	if n*size > len(d.b) {
		d.err = errors.New("truncated")
		return 0
	}
	return n
}

// NewPlaces builds the name index of a table: names maps each entry to the
// names it is known by.
func NewPlaces(p *Places, names func(kind, index int) []string) *Places {
	type pair struct {
		key string
		v   uint32
	}
	var pairs []pair
	add := func(kind, n int) {
		for i := 0; i < n; i++ {
			seen := map[string]bool{}
			for _, name := range names(kind, i) {
				if k := PlaceKey(name); k != "" && !seen[k] {
					seen[k] = true
					pairs = append(pairs, pair{k, uint32(kind)<<30 | uint32(i)})
				}
			}
		}
	}
	add(KindPlace, len(p.Places))
	add(KindAdmin1, len(p.Admin1))
	add(KindAdmin2, len(p.Admin2))
	add(KindCountry, len(p.Countries))
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].key != pairs[j].key {
			return pairs[i].key < pairs[j].key
		}
		return pairs[i].v < pairs[j].v
	})
	var keys strings.Builder
	p.keyEnd, p.postEnd, p.post = nil, nil, nil
	for i, pr := range pairs {
		if i == 0 || pr.key != pairs[i-1].key {
			keys.WriteString(pr.key)
			p.keyEnd = append(p.keyEnd, uint32(keys.Len()))
			p.postEnd = append(p.postEnd, 0)
		}
		p.post = append(p.post, pr.v)
		p.postEnd[len(p.postEnd)-1] = uint32(len(p.post))
	}
	p.keys = keys.String()
	return p
}

// adminSuffixes are the words of an admin area's kind, left out of its stem.
var adminSuffixes = []string{" oblast", " province", " governorate", " region", " krai", " oblysy", " state", " county"}

// AdminKey folds an admin area's name and drops its kind word: "Donetsk
// Oblast" and "Donetsk" are both "donetsk".
func AdminKey(name string) string {
	k := PlaceKey(name)
	for _, s := range adminSuffixes {
		k = strings.TrimSuffix(k, s)
	}
	return k
}

// AdminKeys are the keys an admin area is known by: its AdminKey, and that
// key less a Slavic adjective ending, so that GeoNames' "Kharkivs'ka
// Oblast'", "Luhans'ka" and "Leningradskaya Oblast'" are found as Kharkiv,
// Luhansk and Leningrad.
func AdminKeys(name string) []string {
	k := AdminKey(name)
	out := []string{k}
	for _, end := range []string{"skaya", "ska", "a"} {
		if base, ok := strings.CutSuffix(k, end); ok && len(base) >= 3 && (strings.HasSuffix(k, "ka") || strings.HasSuffix(k, "kaya")) {
			out = append(out, base)
			if end != "a" {
				break
			}
		}
	}
	return out
}

// PlaceKey folds a place name for lookup: accents and apostrophes dropped
// (Mar'yinka, Mar’yinka and Maryinka are one key), hyphens and dots as
// spaces, lower case, single spaces.
func PlaceKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ' || r == 'ʻ' || r == '´':
			continue
		case r == '-' || r == '‐' || r == '.' || unicode.IsSpace(r) || r == ',':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
