package search

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/sitrep/sitrep/output/index"
)

// The geo query names: reports naming a place near a point, or in a box.
const (
	FieldNear = "near"
	FieldBBox = "bbox"
)

var geoExample = map[string]string{
	FieldNear: `near:"48.59,38.0,50km" (latitude, longitude, distance in km, mi or m)`,
	FieldBBox: `bbox:"46,30,50,40" (south, west, north, east, in degrees)`,
}

// maxCells bounds the grid cells a geo query asks for.
const maxCells = 256

// earthKm is the mean Earth radius.
const earthKm = 6371.0

// box is a latitude-longitude box.
type box struct{ s, w, n, e float64 }

// placeQuery finds reports with a place point that match accepts: the
// grid cells covering box give the candidates, the points in doc values
// decide.
type placeQuery struct {
	cells []string
	match func(lat, lon float64) bool
}

// Searcher implements query.Query.
func (q *placeQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	terms := make([]query.Query, len(q.cells))
	for k, c := range q.cells {
		t := query.NewTermQuery(c)
		t.SetField(index.FieldPlaceCell)
		terms[k] = t
	}
	cand, err := query.NewDisjunctionQuery(terms).Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	dv, err := i.DocValueReader([]string{index.FieldPlacePoint})
	if err != nil {
		return nil, err
	}
	var ok bool
	visit := func(_ string, term []byte) {
		if ok {
			return
		}
		lat, lon, found := strings.Cut(string(term), ",")
		if !found {
			return
		}
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		ok = err1 == nil && err2 == nil && q.match(la, lo)
	}
	return searcher.NewFilteringSearcher(ctx, cand, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		ok = false
		return dv.VisitDocValues(d.IndexInternalID, visit) == nil && ok
	}), nil
}

// cover lists the cells of the finest grid level that covers b in at most
// maxCells cells.
func cover(b box) []string {
	for _, f := range index.CellLevels {
		r0, r1 := int(math.Floor(b.s*f)), int(math.Floor(b.n*f))
		c0, c1 := int(math.Floor(b.w*f)), int(math.Floor(b.e*f))
		if (r1-r0+1)*(c1-c0+1) > maxCells && f != index.CellLevels[len(index.CellLevels)-1] {
			continue
		}
		var out []string
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				out = append(out, index.Cell(f, r, c))
			}
		}
		return out
	}
	return nil
}

// haversine is the great-circle distance in km.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// geoQuery compiles near:"LAT,LON,DIST" and bbox:"S,W,N,E".
func (c *compiler) geoQuery(cl clause, field string) (query.Query, error) {
	parts := strings.Split(cl.value, ",")
	bad := func(why string) error {
		return c.fail(cl, "%s: %s; want %s", field, why, geoExample[field])
	}
	num := func(i int, lim float64, what string) (float64, error) {
		s := strings.TrimSpace(parts[i])
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || v < -lim || v > lim {
			return 0, bad(fmt.Sprintf("%s %q is not a number from %g to %g", what, s, -lim, lim))
		}
		return v, nil
	}
	if field == FieldNear {
		if len(parts) != 3 {
			return nil, bad("three values")
		}
		lat, err := num(0, 90, "latitude")
		if err != nil {
			return nil, err
		}
		lon, err := num(1, 180, "longitude")
		if err != nil {
			return nil, err
		}
		d := strings.ToLower(strings.TrimSpace(parts[2]))
		n := strings.TrimRightFunc(d, unicode.IsLetter)
		km, err := strconv.ParseFloat(n, 64)
		if err != nil || !(km > 0) {
			return nil, bad(fmt.Sprintf("distance %q", d))
		}
		switch d[len(n):] {
		case "", "km":
		case "mi":
			km *= 1.609344
		case "m":
			km /= 1000
		default:
			return nil, bad(fmt.Sprintf("unit %q", d[len(n):]))
		}
		km = math.Min(km, math.Pi*earthKm)
		dLat := km / earthKm * 180 / math.Pi
		b := box{s: math.Max(lat-dLat, -90), n: math.Min(lat+dLat, 90), w: -180, e: 180}
		if cos := math.Cos(lat * math.Pi / 180); b.n < 90 && b.s > -90 && cos > 0 {
			if dLon := dLat / cos; dLon < 180 {
				b.w, b.e = lon-dLon, lon+dLon
			}
		}
		var cells []string
		switch { // a circle across the antimeridian: both sides
		case b.w < -180:
			cells = append(cover(box{b.s, b.w + 360, b.n, 180}), cover(box{b.s, -180, b.n, b.e})...)
		case b.e > 180:
			cells = append(cover(box{b.s, b.w, b.n, 180}), cover(box{b.s, -180, b.n, b.e - 360})...)
		default:
			cells = cover(b)
		}
		return &placeQuery{cells: cells, match: func(la, lo float64) bool { return haversine(lat, lon, la, lo) <= km }}, nil
	}
	if len(parts) != 4 {
		return nil, bad("four values")
	}
	var v [4]float64
	for i, lim := range [4]float64{90, 180, 90, 180} {
		x, err := num(i, lim, [4]string{"south", "west", "north", "east"}[i])
		if err != nil {
			return nil, err
		}
		v[i] = x
	}
	b := box{s: v[0], w: v[1], n: v[2], e: v[3]}
	if b.s > b.n || b.w > b.e {
		return nil, bad("south must not lie north of north, nor west east of east")
	}
	return &placeQuery{cells: cover(b), match: func(la, lo float64) bool {
		return la >= b.s && la <= b.n && lo >= b.w && lo <= b.e
	}}, nil
}
