package models

import (
	"fmt"
	"strconv"
	"strings"
)

const geoFile = "data/geo.tsv.gz"

// Place is where a gazetteer place lies: its ISO 3166-1 alpha-2 country and,
// for cities, its coordinates.
type Place struct {
	Country  string
	Lat, Lon float64
	HasCoord bool
}

// LoadGeo reads the place table (data/geo.tsv.gz, built by `make models` from
// the GeoNames files): canonical id -> Place. Only exports need it, so it is
// not part of the gazetteer load at start-up.
func LoadGeo() (map[string]Place, error) {
	out := map[string]Place{}
	err := eachGzLine(geoFile, true, func(n int, l string) error {
		fs := strings.Split(l, "\t")
		if len(fs) != 4 {
			return fmt.Errorf("geo.tsv.gz line %d: want 4 columns, got %d", n, len(fs))
		}
		p := Place{Country: fs[1]}
		if fs[2] != "" {
			lat, err1 := strconv.ParseFloat(fs[2], 64)
			lon, err2 := strconv.ParseFloat(fs[3], 64)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("geo.tsv.gz line %d: bad coordinates", n)
			}
			p.Lat, p.Lon, p.HasCoord = lat, lon, true
		}
		out[fs[0]] = p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load geo: %w", err)
	}
	return out, nil
}
