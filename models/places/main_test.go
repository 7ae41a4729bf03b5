package main

import "testing"

func TestGapMid(t *testing.T) {
	tt := []struct {
		name string
		vs   []float64
		want float64
	}{
		{"one value", []float64{3}, 3},
		{"no gap: the whole range", []float64{0, 0.5, 1, 1.5, 2, 2.8}, 1.4},
		{"an isolated value at an end is left out", []float64{30, 31, 31.2, 31.4, 31.6, 31.8, 32, 32.2, 32.4, 32.6, 32.8, 33, 33.2, 33.4, 33.6, 33.8, 34, 34.2, 34.4, 34.6, 107}, 32.3},
		{"a cluster of more than 5% at an end stays", append(make([]float64, 19), 50, 50, 50), 25},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			vs := append([]float64(nil), tc.vs...)
			if got := gapMid(vs); got != tc.want {
				t.Errorf("gapMid(%v) = %v, want %v", tc.vs, got, tc.want)
			}
		})
	}
}

func TestAdminStem(t *testing.T) {
	for _, tc := range []struct{ name, stem string }{
		{"Zamfara State", "Zamfara"},
		{"State of Berlin", "Berlin"},
		{"Region of Magallanes", "Magallanes"},
		{"Nairobi County", "Nairobi"},
		{"Texas", ""},
		{"State", ""},
	} {
		if got := adminStem(tc.name); got != tc.stem {
			t.Errorf("adminStem(%q) = %q, want %q", tc.name, got, tc.stem)
		}
	}
	for _, tc := range []struct {
		stem    string
		compass bool
	}{{"Northeastern", true}, {"North West", true}, {"Central", true}, {"Midlands", false}, {"North Kivu", false}} {
		if got := compassStem(tc.stem); got != tc.compass {
			t.Errorf("compassStem(%q) = %v, want %v", tc.stem, got, tc.compass)
		}
	}
}
