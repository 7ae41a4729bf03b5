package models

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"sync"
)

// Outline is one country of Natural Earth's 1:50m Admin 0 countries
// (public domain), from the TopoJSON of the world-atlas package (ISC;
// data/LICENSE-world-atlas.txt): its name, ISO 3166-1 numeric id and
// rings. A ring is closed; the first of each polygon is its outer ring.
// Rings crossing the antimeridian run on past ±180° rather than jumping.
type Outline struct {
	Name     string
	ID       string
	Polygons [][]Ring
}

// Ring is one closed outline: lon, lat points and their bounding box.
type Ring struct {
	Pts                    [][2]float64
	MinX, MinY, MaxX, MaxY float64
}

// Outlines returns the countries, decoded once per process.
var Outlines = sync.OnceValues(func() ([]Outline, error) {
	b, err := fs.ReadFile(dataFS, "data/countries-50m.json.gz")
	if err != nil {
		return nil, err
	}
	return decodeTopoJSON(b)
})

// topology is the part of a TopoJSON file the outlines need.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string            `json:"type"`
				ID         string            `json:"id"`
				Arcs       json.RawMessage   `json:"arcs"`
				Properties map[string]string `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

func decodeTopoJSON(gz []byte) ([]Outline, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("country outlines: %w", err)
	}
	var t topology
	if err := json.NewDecoder(zr).Decode(&t); err != nil {
		return nil, fmt.Errorf("country outlines: %w", err)
	}
	// Arcs are quantised and delta-encoded: positions are running sums.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		x, y := 0.0, 0.0
		out := make([][2]float64, len(a))
		for j, d := range a {
			x, y = x+d[0], y+d[1]
			out[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		arcs[i] = out
	}
	ringOf := func(idx []int) (Ring, error) {
		var r Ring
		for k, i := range idx {
			rev := i < 0
			if rev {
				i = ^i
			}
			if i >= len(arcs) {
				return r, fmt.Errorf("country outlines: arc %d of %d", i, len(arcs))
			}
			a := arcs[i]
			for j := range a {
				if k > 0 && j == 0 {
					continue // each arc starts where the last ended
				}
				p := a[j]
				if rev {
					p = a[len(a)-1-j]
				}
				r.Pts = append(r.Pts, p)
			}
		}
		for j := 1; j < len(r.Pts); j++ {
			for r.Pts[j][0]-r.Pts[j-1][0] > 180 {
				r.Pts[j][0] -= 360
			}
			for r.Pts[j][0]-r.Pts[j-1][0] < -180 {
				r.Pts[j][0] += 360
			}
		}
		r.MinX, r.MinY, r.MaxX, r.MaxY = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range r.Pts {
			r.MinX, r.MaxX = math.Min(r.MinX, p[0]), math.Max(r.MaxX, p[0])
			r.MinY, r.MaxY = math.Min(r.MinY, p[1]), math.Max(r.MaxY, p[1])
		}
		return r, nil
	}
	var out []Outline
	for _, g := range t.Objects.Countries.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("country outlines: %w", err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("country outlines: %w", err)
			}
		default:
			continue
		}
		o := Outline{Name: g.Properties["name"], ID: g.ID}
		for _, p := range polys {
			var rings []Ring
			for _, idx := range p {
				r, err := ringOf(idx)
				if err != nil {
					return nil, err
				}
				rings = append(rings, r)
			}
			o.Polygons = append(o.Polygons, rings)
		}
		out = append(out, o)
	}
	return out, nil
}

// Contains reports whether the point lies inside the outer ring of one of
// the outline's polygons and outside its holes.
func (o *Outline) Contains(lat, lon float64) bool {
	for _, p := range o.Polygons {
		if len(p) > 0 && p[0].contains(lat, lon) {
			inHole := false
			for _, h := range p[1:] {
				inHole = inHole || h.contains(lat, lon)
			}
			if !inHole {
				return true
			}
		}
	}
	return false
}

func (r *Ring) contains(lat, lon float64) bool {
	if lon < r.MinX || lon > r.MaxX || lat < r.MinY || lat > r.MaxY {
		return false
	}
	in := false
	for i, j := 0, len(r.Pts)-1; i < len(r.Pts); j, i = i, i+1 {
		a, b := r.Pts[i], r.Pts[j]
		if (a[1] > lat) != (b[1] > lat) && lon < (b[0]-a[0])*(lat-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// Mainland is the area centroid (lat, lon) of the outline's largest
// polygon and that polygon's share of the outline's area (areas scaled by
// the cosine of their latitude): a country's point where a map or a
// gazetteer wants one (the United States' falls in Kansas, not between
// Alaska and Hawaii). An archipelago's largest island has a small share.
func (o *Outline) Mainland() (lat, lon, share float64, ok bool) {
	_, lat, lon, share, ok = o.largest()
	return lat, lon, share, ok
}

// InMainland reports whether the point lies on the outline's largest
// polygon: Saint-Denis lies in France's outline but not on its mainland.
func (o *Outline) InMainland(lat, lon float64) bool {
	k, _, _, _, ok := o.largest()
	if !ok || !o.Polygons[k][0].contains(lat, lon) {
		return false
	}
	for _, h := range o.Polygons[k][1:] {
		if h.contains(lat, lon) {
			return false
		}
	}
	return true
}

// largest is Mainland with the index of the polygon.
func (o *Outline) largest() (k int, lat, lon, share float64, ok bool) {
	best, total := 0.0, 0.0
	for i, p := range o.Polygons {
		if len(p) == 0 {
			continue
		}
		var a, cx, cy float64
		pts := p[0].Pts
		for i := range pts {
			x0, y0 := pts[i][0], pts[i][1]
			x1, y1 := pts[(i+1)%len(pts)][0], pts[(i+1)%len(pts)][1]
			c := x0*y1 - x1*y0
			a, cx, cy = a+c, cx+(x0+x1)*c, cy+(y0+y1)*c
		}
		if a == 0 {
			continue
		}
		area := math.Abs(a/2) * math.Cos(cy/(3*a)*math.Pi/180)
		total += area
		if area > best {
			best, k, lat, lon, ok = area, i, cy/(3*a), cx/(3*a), true
		}
	}
	for lon > 180 {
		lon -= 360
	}
	for lon < -180 {
		lon += 360
	}
	if total > 0 {
		share = best / total
	}
	return k, lat, lon, share, ok
}
