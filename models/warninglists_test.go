package models

import (
	"net/netip"
	"slices"
	"testing"
)

func TestWarninglists(t *testing.T) {
	w, err := LoadWarninglists()
	if err != nil {
		t.Fatal(err)
	}
	keys := func(ls []Warninglist) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Key)
		}
		return out
	}
	hosts := []struct {
		host    string
		want    string // a list that must hold it ("" for none)
		wantNot string // a list that must not
	}{
		{"www.nytimes.com", "tranco10k", ""},
		{"t.me", "tranco10k", ""},
		{"evil-c2.duckdns.org", "dynamic-dns", "tranco10k"}, // not through the public suffix duckdns.org
		{"attacker.github.io", "", "tranco10k"},
		{"ocsp.comodoca.com", "crl-hostname", ""},
		{"update-check-cdn.net", "", "tranco10k"},
	}
	for _, tt := range hosts {
		got := keys(w.Host(tt.host))
		if tt.want != "" && !slices.Contains(got, tt.want) || tt.want == "" && tt.wantNot == "" && len(got) > 0 {
			t.Errorf("Host(%q) = %v, want %q among them", tt.host, got, tt.want)
		}
		if tt.wantNot != "" && slices.Contains(got, tt.wantNot) {
			t.Errorf("Host(%q) = %v, want no %q", tt.host, got, tt.wantNot)
		}
	}
	addrs := map[string]string{"10.1.2.3": "rfc1918", "8.8.8.8": "public-dns-v4", "127.0.0.1": "rfc5735", "185.220.101.4": ""}
	for a, want := range addrs {
		got := keys(w.Addr(netip.MustParseAddr(a)))
		if want == "" && len(got) > 0 || want != "" && !slices.Contains(got, want) {
			t.Errorf("Addr(%s) = %v, want %q", a, got, want)
		}
	}
	if got := keys(w.Hash("D41D8CD98F00B204E9800998ECF8427E")); !slices.Contains(got, "empty-hashes") {
		t.Errorf("empty-file MD5: %v", got)
	}
	if !w.IsPublicSuffix("co.uk") || !w.IsPublicSuffix("com") || w.IsPublicSuffix("nytimes.com") {
		t.Error("public suffixes: co.uk and com are, nytimes.com is not")
	}
}
