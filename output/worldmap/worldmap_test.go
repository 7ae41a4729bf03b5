package worldmap

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/models"
)

var kyiv = Point{Lat: 50.45, Lon: 30.52, Label: "Kyiv (3 reports)", Weight: 3, Href: "/?q=x"}

func TestDecode(t *testing.T) {
	cs, err := models.Outlines()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range cs {
		names[c.Name] = true
		if len(c.Polygons) == 0 {
			t.Errorf("%s has no outline", c.Name)
		}
	}
	if len(cs) < 200 {
		t.Errorf("%d countries, want the 241 of Natural Earth 1:50m", len(cs))
	}
	for _, n := range []string{"Ukraine", "Afghanistan", "United States of America", "Australia"} {
		if !names[n] {
			t.Errorf("no %s", n)
		}
	}
}

// TestWrite: the map is well-formed SVG; zoomed to Ukraine it draws Ukraine
// and its neighbours, not Australia, with each point inside the map and
// Kyiv inside Ukraine's outline's box; the world map draws every continent.
func TestWrite(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pts     []Point
		o       Options
		has     []string
		hasNot  []string
		circles int
	}{
		{"fit", []Point{kyiv, {Lat: 48.0, Lon: 37.8, Label: "Donetsk <b>&", Weight: 10}}, Options{Width: 600, Height: 400, Fit: true, MinSpan: 8},
			[]string{"<title>Ukraine</title>", "<title>Russia</title>", "Donetsk &lt;b&gt;&amp;", `href="/?q=x"`}, []string{"<title>Australia</title>", "<b>"}, 2},
		{"world", []Point{kyiv, {Lat: -33.9, Lon: 151.2, Label: "Sydney"}}, Options{Width: 720, Height: 360},
			[]string{"<title>Australia</title>", "<title>Brazil</title>", "<title>Ukraine</title>"}, nil, 2},
		{"no points", nil, Options{}, []string{"<title>Canada</title>", `viewBox="0 0 720 360"`}, []string{"<circle"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.pts, tc.o); err != nil {
				t.Fatal(err)
			}
			svg := b.String()
			d := xml.NewDecoder(strings.NewReader(svg))
			for {
				if _, err := d.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Fatalf("not well-formed: %v", err)
					}
					break
				}
			}
			for _, s := range tc.has {
				if !strings.Contains(svg, s) {
					t.Errorf("map lacks %q", s)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(svg, s) {
					t.Errorf("map has %q", s)
				}
			}
			if n := strings.Count(svg, "<circle"); n != tc.circles {
				t.Errorf("%d circles, want %d", n, tc.circles)
			}
			if len(svg) > 400<<10 {
				t.Errorf("map is %d KB", len(svg)>>10)
			}
		})
	}
}

// TestKyivInUkraine: the projection puts a point inside the box of the
// outline of the country it lies in.
func TestKyivInUkraine(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, []Point{kyiv}, Options{Width: 600, Height: 400, Fit: true, MinSpan: 20}); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	m := regexp.MustCompile(`<path d="([^"]+)"><title>Ukraine</title>`).FindStringSubmatch(svg)
	c := regexp.MustCompile(`cx="([-0-9.]+)" cy="([-0-9.]+)"`).FindStringSubmatch(svg)
	if m == nil || c == nil {
		t.Fatal("no Ukraine or no point")
	}
	minX, minY, maxX, maxY := 1e9, 1e9, -1e9, -1e9
	for _, xy := range regexp.MustCompile(`([-0-9.]+) ([-0-9.]+)`).FindAllStringSubmatch(m[1], -1) {
		x, _ := strconv.ParseFloat(xy[1], 64)
		y, _ := strconv.ParseFloat(xy[2], 64)
		minX, maxX, minY, maxY = min(minX, x), max(maxX, x), min(minY, y), max(maxY, y)
	}
	x, _ := strconv.ParseFloat(c[1], 64)
	y, _ := strconv.ParseFloat(c[2], 64)
	if x < minX || x > maxX || y < minY || y > maxY {
		t.Errorf("Kyiv at (%.1f, %.1f), Ukraine's box (%.1f-%.1f, %.1f-%.1f)", x, y, minX, maxX, minY, maxY)
	}
}

func BenchmarkWrite(b *testing.B) {
	if _, err := models.Outlines(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, []Point{kyiv}, Options{Width: 720, Height: 360}); err != nil {
			b.Fatal(err)
		}
	}
}
