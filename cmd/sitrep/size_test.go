package main

import "testing"

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"314572800", 300 << 20, true},
		{"300MiB", 300 << 20, true},
		{" 2 GiB ", 2 << 30, true},
		{"512KiB", 512 << 10, true},
		{"1TiB", 1 << 40, true},
		{"17B", 17, true},
		{"300MB", 0, false}, // decimal units are not GOMEMLIMIT syntax
		{"-1", 0, false},
		{"MiB", 0, false},
		{"1.5GiB", 0, false},
		{"9999999999TiB", 0, false},
		{"", 0, false},
	} {
		got, err := parseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
