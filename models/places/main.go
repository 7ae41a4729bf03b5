// Command places compiles the GeoNames tables of ../shared/geo (CC BY 4.0;
// country points from mledoze/countries, ODbL 1.0) into
// models/data/places.bin.gz: countries, first- and second-level admin areas
// and the 204,587 populated places of cities500, with coordinates, the admin
// chain and an index from folded names to entries. It is run by `make
// models`; the output is committed so that builds never read ../shared.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/models"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "models/data/places.bin.gz", "output file")
	flag.Parse()
	if err := run(filepath.Join(*shared, "geo"), *out); err != nil {
		fmt.Fprintln(os.Stderr, "places:", err)
		os.Exit(1)
	}
}

// table reads a tab-separated file with a header row into maps by column.
func table(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var head []string
	var rows []map[string]string
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if head == nil {
			head = fs
			continue
		}
		if len(fs) != len(head) {
			return nil, fmt.Errorf("%s: row %d has %d columns, want %d", path, len(rows)+2, len(fs), len(head))
		}
		row := make(map[string]string, len(head))
		for i, h := range head {
			row[h] = fs[i]
		}
		rows = append(rows, row)
	}
	return rows, sc.Err()
}

// adminStem returns a first-level area's name without the word of its kind
// that GeoNames writes and reports leave out ("Zamfara State", "State of
// Berlin", "Region of Magallanes" are "Zamfara", "Berlin", "Magallanes"),
// or "" when the name has none. (Ukraine's, Russia's, Belarus's and
// Kazakhstan's oblasts keep their own keys: "Kherson" alone is the city.)
func adminStem(name string) string {
	for _, kind := range adminKinds {
		if rest, ok := strings.CutSuffix(name, " "+kind); ok && rest != "" {
			return rest
		}
		if rest, ok := strings.CutPrefix(name, kind+" of "); ok && rest != "" {
			return rest
		}
	}
	return ""
}

// compassStem reports whether a stem is only compass words ("Northeastern",
// "North West"): a direction, not a place, without its kind word.
func compassStem(stem string) bool {
	for _, w := range strings.Fields(strings.ToLower(stem)) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "ern"), "ward")
		switch strings.ReplaceAll(w, "-", "") {
		case "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central", "centre", "center", "upper", "lower", "middle":
		default:
			return false
		}
	}
	return true
}

// adminKinds are the kind words of GeoNames' first-level area names.
var adminKinds = []string{"State", "Province", "Region", "County", "Department", "District", "Governorate", "Municipality", "Prefecture"}

func num(s string) uint32 {
	v, _ := strconv.ParseUint(s, 10, 32)
	return uint32(v)
}

func point(lat, lon string) (float32, float32, bool) {
	a, err1 := strconv.ParseFloat(lat, 32)
	b, err2 := strconv.ParseFloat(lon, 32)
	return float32(a), float32(b), err1 == nil && err2 == nil && lat != "" && lon != ""
}

func run(dir, out string) error {
	countries, err := table(filepath.Join(dir, "countries.tsv"))
	if err != nil {
		return err
	}
	admin1, err := table(filepath.Join(dir, "admin1.tsv"))
	if err != nil {
		return err
	}
	admin2, err := table(filepath.Join(dir, "admin2.tsv"))
	if err != nil {
		return err
	}
	places, err := table(filepath.Join(dir, "places.tsv.gz"))
	if err != nil {
		return err
	}
	p := &models.Places{}
	country := map[string]uint8{}
	// The folded names of the countries: a first-level area's stem that is
	// one ("Niger" of Nigeria's Niger State) is the country.
	countryNames := map[string]bool{}
	for _, c := range countries {
		countryNames[models.PlaceKey(c["name"])] = true
	}
	slices.SortFunc(countries, func(a, b map[string]string) int { return strings.Compare(a["iso"], b["iso"]) })
	for _, c := range countries {
		if len(p.Countries) == 255 {
			return fmt.Errorf("more than 255 countries")
		}
		lat, lon, ok := point(c["lat"], c["lon"])
		country[c["iso"]] = uint8(len(p.Countries))
		p.Countries = append(p.Countries, models.Country{ISO: c["iso"], ID: num(c["geonameid"]), Name: c["name"],
			Lat: lat, Lon: lon, HasPoint: ok, Pop: num(c["population"])})
	}
	if err := mainlandPoints(p.Countries, countries, places); err != nil {
		return err
	}
	byID := func(rows []map[string]string, col string) {
		slices.SortFunc(rows, func(a, b map[string]string) int { return int(num(a[col])) - int(num(b[col])) })
	}
	byID(admin1, "geonameid")
	byID(admin2, "geonameid")
	byID(places, "id")
	// The seats of areas by area code and folded name: an area named after
	// its seat ("Isiolo County", seat Isiolo) is written with its kind word
	// when the area is meant; the bare name is the town.
	seats := map[string]bool{}
	for _, r := range places {
		switch r["feature_code"] {
		case "PPLA", "PPLC":
			for _, n := range []string{r["name"], r["asciiname"]} {
				seats[r["country"]+"."+r["admin1"]+"|"+models.PlaceKey(n)] = true
			}
		case "PPLA2":
			for _, n := range []string{r["name"], r["asciiname"]} {
				seats[r["country"]+"."+r["admin1"]+"."+r["admin2"]+"|"+models.PlaceKey(n)] = true
			}
		}
	}
	a1 := map[string]int32{}
	for i, a := range admin1 {
		a1[a["code"]] = int32(i)
		lat, lon, ok := point(a["lat"], a["lon"])
		p.Admin1 = append(p.Admin1, models.Admin{ID: num(a["geonameid"]), Country: country[a["country"]], Admin1: -1,
			Lat: lat, Lon: lon, HasPoint: ok, Code: a["code"], Name: a["name"]})
	}
	a2 := map[string]int32{}
	for i, a := range admin2 {
		a2[a["code"]] = int32(i)
		lat, lon, ok := point(a["lat"], a["lon"])
		parent, found := a1[a["admin1"]]
		if !found {
			parent = -1
		}
		p.Admin2 = append(p.Admin2, models.Admin{ID: num(a["geonameid"]), Country: country[a["country"]], Admin1: parent,
			Lat: lat, Lon: lon, HasPoint: ok, Code: a["code"], Name: a["name"]})
	}
	feature := map[string]uint8{}
	for _, r := range places {
		fc := r["feature_code"]
		if _, ok := feature[fc]; !ok {
			feature[fc] = 0
		}
	}
	for fc := range feature {
		p.Features = append(p.Features, fc)
	}
	slices.Sort(p.Features)
	for i, fc := range p.Features {
		feature[fc] = uint8(i)
	}
	for _, r := range places {
		lat, lon, _ := point(r["lat"], r["lon"])
		g := models.GeoPlace{ID: num(r["id"]), Lat: lat, Lon: lon, Pop: num(r["population"]), Admin1: -1, Admin2: -1,
			Country: country[r["country"]], Feature: feature[r["feature_code"]]}
		if i, ok := a1[r["country"]+"."+r["admin1"]]; ok {
			g.Admin1 = i
		}
		if i, ok := a2[r["country"]+"."+r["admin1"]+"."+r["admin2"]]; ok {
			g.Admin2 = i
		}
		p.Places = append(p.Places, g)
	}
	areaPoints(p, places)
	models.NewPlaces(p, func(kind, i int) []string {
		switch kind {
		case models.KindPlace:
			r := places[i]
			names := []string{r["name"], r["asciiname"]}
			if r["alternates"] != "" {
				names = append(names, strings.Split(r["alternates"], "|")...)
			}
			return names
		case models.KindAdmin1:
			names := []string{admin1[i]["name"], admin1[i]["asciiname"]}
			if admin1[i]["country"] == "UA" || admin1[i]["country"] == "RU" || admin1[i]["country"] == "BY" || admin1[i]["country"] == "KZ" {
				// "Leningradskaya Oblast'" is written "Leningrad Oblast" in English reporting.
				for _, stem := range models.AdminKeys(admin1[i]["name"])[1:] {
					names = append(names, stem+" oblast")
				}
			} else if stem := adminStem(admin1[i]["asciiname"]); stem != "" && !countryNames[models.PlaceKey(stem)] && !compassStem(stem) &&
				!seats[admin1[i]["code"]+"|"+models.PlaceKey(stem)] {
				names = append(names, stem) // not "Niger" (Niger State), "Northeastern", nor "Isiolo" (the county's seat is the town)
			}
			return names
		case models.KindAdmin2:
			names := []string{admin2[i]["name"], admin2[i]["asciiname"]}
			if rest, ok := strings.CutPrefix(admin2[i]["asciiname"], "Province of "); ok && !seats[admin2[i]["code"]+"|"+models.PlaceKey(rest)] {
				names = append(names, rest) // the Philippines' provinces: "Pangasinan"
			}
			return names
		}
		return []string{countries[i]["name"]}
	})
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	if _, err := zw.Write(models.EncodePlaces(p)); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("places: %d countries, %d admin1, %d admin2, %d places -> %s\n", len(p.Countries), len(p.Admin1), len(p.Admin2), len(p.Places), out)
	return nil
}

// areaPoints sets each admin area's point to the middle of the range of its
// populated places' latitudes and longitudes, less the places an isolated
// few at either end stand apart by (gapMid). The shared tables' points trim
// 2% of the places at each end instead, which pulls an area whose places
// crowd one side (New South Wales, on its coast) 250 km towards them, and
// leaves an area with more than 2% of its places misfiled far away
// (Hebei, at 107 E) off. Checked on countries against their mainland's
// centroid (mainlandPoints): within 161 km for 127 of 156 countries, against
// 123 with the 2% trim (docs/geo.md).
func areaPoints(p *models.Places, rows []map[string]string) {
	type pts struct{ lat, lon []float64 }
	a1 := make([]pts, len(p.Admin1))
	a2 := make([]pts, len(p.Admin2))
	for i, g := range p.Places {
		if rows[i]["feature_class"] != "P" {
			continue
		}
		lat, _ := strconv.ParseFloat(rows[i]["lat"], 64)
		lon, _ := strconv.ParseFloat(rows[i]["lon"], 64)
		if g.Admin1 >= 0 {
			a1[g.Admin1].lat, a1[g.Admin1].lon = append(a1[g.Admin1].lat, lat), append(a1[g.Admin1].lon, lon)
		}
		if g.Admin2 >= 0 {
			a2[g.Admin2].lat, a2[g.Admin2].lon = append(a2[g.Admin2].lat, lat), append(a2[g.Admin2].lon, lon)
		}
	}
	set := func(as []models.Admin, ps []pts) {
		for i := range as {
			if len(ps[i].lat) > 0 {
				as[i].Lat, as[i].Lon, as[i].HasPoint = float32(gapMid(ps[i].lat)), float32(gapMid(ps[i].lon)), true
			}
		}
	}
	set(p.Admin1, a1)
	set(p.Admin2, a2)
}

// gapMid returns the middle of the range of vs (which it sorts), leaving
// out at each end the values before the innermost gap wider than one
// degree among the outermost 5% (at least one value).
func gapMid(vs []float64) float64 {
	slices.Sort(vs)
	n := len(vs)
	m := max(1, n*5/100)
	lo, hi := 0, n-1
	for k := 1; k <= min(m, n-1); k++ {
		if vs[k]-vs[k-1] > 1 {
			lo = k
		}
	}
	for k := n - 2; k >= max(n-2-m, 0); k-- {
		if vs[k+1]-vs[k] > 1 {
			hi = k
		}
	}
	return (vs[lo] + vs[hi]) / 2
}

// mainlandPoints moves each country's point to the centroid of its largest
// landmass in Natural Earth's outlines (models.Outlines): the outline that
// holds its capital (or, for a capital on a coast the 1:50m line leaves
// out, its mledoze point). mledoze's points are the CIA Factbook's, rounded
// to the degree and for large countries off the middle (the United States'
// lies 342 km from the Wikipedia point that GeoVirus scores against, and
// 290 km from GeoNames' own for Australia). A country no outline holds,
// whose largest landmass is under 3/4 of its area, or whose capital lies off
// that landmass (an overseas territory), keeps its mledoze point.
func mainlandPoints(cs []models.Country, rows []map[string]string, places []map[string]string) error {
	outlines, err := models.Outlines()
	if err != nil {
		return err
	}
	where := map[string][2]float64{}
	for _, r := range places {
		if lat, lon, ok := point(r["lat"], r["lon"]); ok {
			where[r["id"]] = [2]float64{float64(lat), float64(lon)}
		}
	}
	// Each country's outline: the first that holds one of its probes.
	type hit struct {
		k  int
		pr [2]float64
	}
	hits := make([]hit, len(cs))
	owner := map[int]int{} // outline -> the most populous country it holds
	for i := range cs {
		hits[i].k = -1
		var probes [][2]float64
		if c, ok := where[rows[i]["capital_id"]]; ok {
			probes = append(probes, c)
		}
		if cs[i].HasPoint {
			probes = append(probes, [2]float64{float64(cs[i].Lat), float64(cs[i].Lon)})
		}
	find:
		for _, pr := range probes {
			for k := range outlines {
				if outlines[k].Contains(pr[0], pr[1]) {
					hits[i] = hit{k, pr}
					if o, ok := owner[k]; !ok || cs[i].Pop > cs[o].Pop {
						owner[k] = i
					}
					break find
				}
			}
		}
	}
	moved := 0
	for i, h := range hits {
		// An enclave the outline does not cut out (the Vatican and San
		// Marino in Italy's) is no owner of it: its own point stands.
		if h.k < 0 || owner[h.k] != i {
			continue
		}
		// An archipelago (Indonesia, the Philippines, Japan) has no
		// mainland to stand for it: it keeps its point. So does a
		// territory on another part of a country's outline (Réunion,
		// French Guiana in France's).
		if lat, lon, share, ok := outlines[h.k].Mainland(); ok && share >= 0.75 && outlines[h.k].InMainland(h.pr[0], h.pr[1]) {
			cs[i].Lat, cs[i].Lon, cs[i].HasPoint = float32(lat), float32(lon), true
			moved++
		}
	}
	fmt.Printf("places: %d of %d country points moved to their mainland's centroid\n", moved, len(cs))
	return nil
}
