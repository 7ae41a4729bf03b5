package export

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/sitrep/sitrep/pipeline"
)

// GeoJSONFile is the file GeoJSON writes.
const GeoJSONFile = "places.geojson"

// GeoJSON writes dir/places.geojson: an RFC 7946 FeatureCollection with a
// Point Feature per resolved place per report (the report, the place's
// GeoNames id, feature code, country and admin area, the names it was
// written as, and the number of mentions), for QGIS, kepler.gl or any GIS.
// Features are written as records are read: memory does not grow with OUT.
func GeoJSON(out, dir string) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("export geojson: %w", err)
	}
	return streamArray(out, filepath.Join(dir, GeoJSONFile), "{\"type\":\"FeatureCollection\",\"features\":[\n",
		func(d *pipeline.Document, emit func(Object) error) error {
			for _, ft := range placeFeatures(d) {
				if err := emit(ft); err != nil {
					return err
				}
			}
			return nil
		})
}

// placeFeatures returns one Feature per place a record resolves, in the
// order of first mention.
func placeFeatures(d *pipeline.Document) []Object {
	type acc struct {
		g        *pipeline.Geo
		names    []string
		mentions int
	}
	var order []string
	by := map[string]*acc{}
	for _, e := range d.Entities {
		if e.Geo == nil {
			continue
		}
		a := by[e.Geo.ID]
		if a == nil {
			a = &acc{g: e.Geo}
			by[e.Geo.ID] = a
			order = append(order, e.Geo.ID)
		}
		a.mentions++
		if !slices.Contains(a.names, e.Text) {
			a.names = append(a.names, e.Text)
		}
	}
	out := make([]Object, 0, len(order))
	for _, id := range order {
		a := by[id]
		props := Object{"report": d.ID, "title": d.Title, "place": id, "name": a.names[0], "names": a.names,
			"feature": a.g.Feature, "country": a.g.Country, "mentions": a.mentions}
		if d.Published != "" {
			props["published"] = d.Published
		}
		if a.g.Admin1 != nil {
			props["admin1"], props["admin1_id"] = a.g.Admin1.Name, a.g.Admin1.ID
		}
		out = append(out, Object{"type": "Feature", "id": d.ID + "#" + id,
			"geometry":   Object{"type": "Point", "coordinates": []float64{a.g.Lon, a.g.Lat}},
			"properties": props})
	}
	return out
}
