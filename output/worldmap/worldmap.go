// Package worldmap draws places on a map of the world's countries as SVG,
// offline: the outlines are models.Outlines (Natural Earth's 1:50m
// countries). No tile server, no script: the page that shows the map gets
// the SVG.
package worldmap

import (
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/models"
)

// Point is a place to mark.
type Point struct {
	Lat, Lon float64
	Label    string // the tooltip
	Weight   int    // reports or mentions: the marker grows with its log
	Href     string // optional link
}

// Options size the map.
type Options struct {
	Width, Height int
	// Fit zooms to the points (with a margin and at least MinSpan degrees);
	// otherwise the map shows the world between 60°S and 85°N.
	Fit     bool
	MinSpan float64
	Title   string // the accessible name of the map
}

// view is the part of the world shown: an equirectangular projection with
// longitude scaled by the cosine of the middle latitude, so a zoomed map
// keeps its shapes.
type view struct {
	lon0, lat1, kx, ky float64 // top-left corner, pixels per degree
	minLon, maxLon     float64
	minLat, maxLat     float64
}

func (v view) xy(lon, lat float64) (float64, float64) {
	return (lon - v.lon0) * v.kx, (v.lat1 - lat) * v.ky
}

func newView(pts []Point, o Options) view {
	minLon, maxLon, minLat, maxLat := -180.0, 180.0, -60.0, 85.0
	if o.Fit && len(pts) > 0 {
		minLon, maxLon, minLat, maxLat = 180.0, -180.0, 90.0, -90.0
		for _, p := range pts {
			minLon, maxLon = math.Min(minLon, p.Lon), math.Max(maxLon, p.Lon)
			minLat, maxLat = math.Min(minLat, p.Lat), math.Max(maxLat, p.Lat)
		}
		span := math.Max(o.MinSpan, 1)
		grow := func(lo, hi, min float64) (float64, float64) {
			m := (hi - lo) * 0.15 // a margin round the outermost points
			lo, hi = lo-m, hi+m
			if hi-lo < min {
				c := (lo + hi) / 2
				lo, hi = c-min/2, c+min/2
			}
			return lo, hi
		}
		minLon, maxLon = grow(minLon, maxLon, span)
		minLat, maxLat = grow(minLat, maxLat, span/2)
		minLat, maxLat = math.Max(minLat, -85), math.Min(maxLat, 85)
	}
	cos := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	if !o.Fit {
		cos = 1
	}
	w, h := float64(o.Width), float64(o.Height)
	// One scale for both axes (after the cosine), the box centred.
	k := math.Min(w/((maxLon-minLon)*cos), h/(maxLat-minLat))
	kx, ky := k*cos, k
	lon0 := (minLon+maxLon)/2 - w/2/kx
	lat1 := (minLat+maxLat)/2 + h/2/ky
	return view{lon0: lon0, lat1: lat1, kx: kx, ky: ky, minLon: lon0, maxLon: lon0 + w/kx, minLat: lat1 - h/ky, maxLat: lat1}
}

// Write draws the countries and the points as one SVG element.
func Write(w io.Writer, pts []Point, o Options) error {
	cs, err := models.Outlines()
	if err != nil {
		return err
	}
	if o.Width <= 0 || o.Height <= 0 {
		o.Width, o.Height = 720, 360
	}
	v := newView(pts, o)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="worldmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">`,
		o.Width, o.Height, o.Width, o.Height, html.EscapeString(o.Title))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#eef3f7"/>`, o.Width, o.Height)
	b.WriteString(`<g fill="#f7f5ef" fill-rule="evenodd" stroke="#9aa5b1" stroke-width="0.6">`)
	for _, c := range cs {
		var d strings.Builder
		for _, r := range rings(c) {
			if r.MaxX < v.minLon || r.MinX > v.maxLon || r.MaxY < v.minLat || r.MinY > v.maxLat ||
				(r.MaxX-r.MinX)*v.kx < 1.5 && (r.MaxY-r.MinY)*v.ky < 1.5 {
				continue // off the map, or an islet smaller than a pixel or two
			}
			// Points closer than a pixel to the last drawn add nothing.
			lx, ly := math.Inf(1), math.Inf(1)
			n := 0
			for _, p := range r.Pts {
				x, y := v.xy(p[0], p[1])
				if math.Abs(x-lx) < 1 && math.Abs(y-ly) < 1 {
					continue
				}
				if n == 0 {
					d.WriteString("M")
				} else {
					d.WriteString("L")
				}
				fmt.Fprintf(&d, "%.1f %.1f", x, y)
				lx, ly = x, y
				n++
			}
			if n > 0 {
				d.WriteString("Z")
			}
		}
		if d.Len() > 0 {
			fmt.Fprintf(&b, `<path d="%s"><title>%s</title></path>`, d.String(), html.EscapeString(c.Name))
		}
	}
	b.WriteString(`</g><g fill="#c0392b" fill-opacity="0.75" stroke="#fff" stroke-width="0.8">`)
	// Heavier points first, so lighter ones stay visible on top.
	sorted := append([]Point(nil), pts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Weight > sorted[j].Weight })
	for _, p := range sorted {
		x, y := v.xy(p.Lon, p.Lat)
		if x < 0 || y < 0 || x > float64(o.Width) || y > float64(o.Height) {
			continue
		}
		r := 3 + 1.5*math.Log2(float64(max(p.Weight, 1)))
		circle := fmt.Sprintf(`<circle class="place" cx="%.1f" cy="%.1f" r="%.1f"><title>%s</title></circle>`, x, y, r, html.EscapeString(p.Label))
		if p.Href != "" {
			circle = fmt.Sprintf(`<a href="%s">%s</a>`, html.EscapeString(p.Href), circle)
		}
		b.WriteString(circle)
	}
	b.WriteString(`</g></svg>`)
	_, err = io.WriteString(w, b.String())
	return err
}

// rings lists every ring of an outline, holes included (drawn with the
// even-odd rule).
func rings(o models.Outline) []models.Ring {
	var out []models.Ring
	for _, p := range o.Polygons {
		out = append(out, p...)
	}
	return out
}
