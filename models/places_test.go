package models

import (
	"testing"
)

func TestPlaceKey(t *testing.T) {
	tt := []struct{ in, want string }{
		{"Mar'yinka", "maryinka"}, {"Mar’yinka", "maryinka"}, {"Kharkivs’ka Oblast’", "kharkivska oblast"},
		{"São Paulo", "sao paulo"}, {"Ivano-Frankivsk", "ivano frankivsk"}, {"St. Petersburg", "st petersburg"},
		{"  Kabul ", "kabul"}, {"", ""},
	}
	for _, tc := range tt {
		if got := PlaceKey(tc.in); got != tc.want {
			t.Errorf("PlaceKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// smallPlaces is a table of one country, one area, one place.
func smallPlaces() *Places {
	p := &Places{Features: []string{"PPL", "PPLA"},
		Countries: []Country{{ISO: "UA", ID: 690791, Name: "Ukraine", Lat: 49, Lon: 32, HasPoint: true, Pop: 44000000}},
		Admin1:    []Admin{{ID: 706442, Country: 0, Admin1: -1, Lat: 46.6, Lon: 33.4, HasPoint: true, Code: "UA.08", Name: "Kherson"}},
		Places:    []GeoPlace{{ID: 706448, Lat: 46.63695, Lon: 32.61458, Pop: 279131, Admin1: 0, Admin2: -1, Country: 0, Feature: 1}}}
	return NewPlaces(p, func(kind, i int) []string {
		switch kind {
		case KindPlace:
			return []string{"Kherson", "Cherson"}
		case KindAdmin1:
			return []string{"Kherson"}
		}
		return []string{"Ukraine"}
	})
}

func TestPlacesRoundTrip(t *testing.T) {
	p, err := DecodePlaces(EncodePlaces(smallPlaces()))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Lookup("kherson"); len(got) != 2 || got[0] != (Posting{KindPlace, 0}) || got[1] != (Posting{KindAdmin1, 0}) {
		t.Errorf("Lookup(kherson) = %v, want the place and the area", got)
	}
	if got := p.Lookup("cherson"); len(got) != 1 {
		t.Errorf("Lookup(cherson) = %v, want the place by its alternate name", got)
	}
	if got := p.Lookup("kiev"); got != nil {
		t.Errorf("Lookup(kiev) = %v, want nothing", got)
	}
	for id, want := range map[uint32]Posting{706448: {KindPlace, 0}, 706442: {KindAdmin1, 0}, 690791: {KindCountry, 0}} {
		if got, ok := p.ByID(id); !ok || got != want {
			t.Errorf("ByID(%d) = %v %v, want %v", id, got, ok, want)
		}
	}
	if g := p.Places[0]; g.Lat != 46.63695 || p.Admin1[g.Admin1].Name != "Kherson" || p.Features[g.Feature] != "PPLA" {
		t.Errorf("place = %+v", g)
	}
}

// TestShippedPlaces checks the committed table against facts of GeoNames.
func TestShippedPlaces(t *testing.T) {
	p, err := LoadPlaces()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Places) != 204587 || len(p.Admin1) != 3862 || len(p.Countries) != 252 {
		t.Errorf("%d places, %d admin1, %d countries", len(p.Places), len(p.Admin1), len(p.Countries))
	}
	post, ok := p.ByID(706448) // Kherson
	if !ok || post.Kind != KindPlace {
		t.Fatalf("Kherson not found: %v", post)
	}
	g := p.Places[post.Index]
	if p.Countries[g.Country].ISO != "UA" || p.Admin1[g.Admin1].Code != "UA.08" || p.Features[g.Feature] != "PPLA" {
		t.Errorf("Kherson: %+v", g)
	}
	if !containsPosting(p.Lookup(PlaceKey("Marinka")), KindPlace) {
		t.Error("Marinka (an alternate name of Mar'yinka) is not found")
	}
	// A country's point lies in it: an enclave that its neighbour's outline
	// does not cut out keeps its own (the Vatican had had Italy's centroid,
	// 183 km off), and a mainland's centroid moves the large ones.
	for _, want := range []struct {
		iso      string
		lat, lon float32
	}{{"VA", 41.90, 12.45}, {"IT", 43.5, 12.1}, {"US", 39.5, -99.1}, {"EH", 24.5, -13}} {
		for _, c := range p.Countries {
			if c.ISO == want.iso && (!c.HasPoint || c.Lat-want.lat > 0.5 || want.lat-c.Lat > 0.5 || c.Lon-want.lon > 0.5 || want.lon-c.Lon > 0.5) {
				t.Errorf("%s point %v,%v, want near %v,%v", c.ISO, c.Lat, c.Lon, want.lat, want.lon)
			}
		}
	}
}

func containsPosting(ps []Posting, kind int) bool {
	for _, p := range ps {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

func FuzzDecodePlaces(f *testing.F) {
	good := EncodePlaces(smallPlaces())
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("SPL1\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodePlaces(b)
		if err == nil && p != nil {
			p.Lookup("kherson") // must not panic on any table that decodes
		}
	})
}
