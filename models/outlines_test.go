package models

import (
	"math"
	"testing"
)

// TestOutlines: the countries decode, contain their capitals, and a
// country's mainland point lies in its middle.
func TestOutlines(t *testing.T) {
	os, err := Outlines()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*Outline{}
	for i := range os {
		byName[os[i].Name] = &os[i]
	}
	for _, tc := range []struct {
		country          string
		capLat, capLon   float64 // a point inside
		mainLat, mainLon float64 // about where the mainland's centroid is
		outLat, outLon   float64 // a point outside
		mainland         bool    // the largest polygon holds over 3/4 of the area
	}{
		{"United States of America", 38.9, -77.04, 39.5, -99, 51.5, -0.12, true},
		{"Ukraine", 50.45, 30.52, 49, 31.4, 53.9, 27.57, true},
		{"Australia", -35.28, 149.13, -25.6, 134.4, -41.3, 174.8, true},
		{"Fiji", -17.8, 178.0, -17.8, 178, -13.8, -172, false}, // Suva is on the coast, outside a 1:50m outline
		{"Russia", 55.75, 37.62, 61.7, 99.7, 50.45, 30.52, true},
		{"Indonesia", -6.6, 106.8, -0.2, 114, 1.35, 103.8, false},
	} {
		o := byName[tc.country]
		if o == nil {
			t.Errorf("no %s", tc.country)
			continue
		}
		if !o.Contains(tc.capLat, tc.capLon) || o.Contains(tc.outLat, tc.outLon) {
			t.Errorf("%s: contains (%g, %g) %v, (%g, %g) %v", tc.country, tc.capLat, tc.capLon, o.Contains(tc.capLat, tc.capLon), tc.outLat, tc.outLon, o.Contains(tc.outLat, tc.outLon))
		}
		lat, lon, share, ok := o.Mainland()
		if !ok || math.Abs(lat-tc.mainLat) > 1 || math.Abs(lon-tc.mainLon) > 1.5 || (share > 0.75) != tc.mainland {
			t.Errorf("%s: mainland point (%.2f, %.2f), share %.2f; want about (%g, %g), a mainland %v", tc.country, lat, lon, share, tc.mainLat, tc.mainLon, tc.mainland)
		}
	}
}

// TestInMainland: an overseas department lies in its country's outline but
// off its mainland, which places.bin's country points rely on.
func TestInMainland(t *testing.T) {
	os, err := Outlines()
	if err != nil {
		t.Fatal(err)
	}
	var france *Outline
	for i := range os {
		if os[i].Name == "France" {
			france = &os[i]
		}
	}
	if france == nil {
		t.Fatal("no France")
	}
	for _, tc := range []struct {
		place              string
		lat, lon           float64
		inside, inMainland bool
	}{
		{"Paris", 48.86, 2.35, true, true},
		{"Lyon", 45.76, 4.84, true, true},
		{"Cayenne, French Guiana", 4.5, -53.0, true, false},
		{"London", 51.5, -0.12, false, false},
	} {
		if got := france.Contains(tc.lat, tc.lon); got != tc.inside {
			t.Errorf("%s: Contains %v, want %v", tc.place, got, tc.inside)
		}
		if got := france.InMainland(tc.lat, tc.lon); got != tc.inMainland {
			t.Errorf("%s: InMainland %v, want %v", tc.place, got, tc.inMainland)
		}
	}
}
