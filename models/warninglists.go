package models

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
)

// Warninglist kinds: how a list's entries are compared with a value.
const (
	WarnHost  = "host"  // the host or any parent domain equals an entry
	WarnExact = "exact" // the host equals an entry; an entry ".x.y" covers x.y's subdomains
	WarnCIDR  = "cidr"  // the address lies in an entry's prefix
	WarnHash  = "hash"  // the lower-case hash equals an entry
)

// Warninglist describes one shipped MISP warning list.
type Warninglist struct {
	Key     string // file stem upstream, e.g. tranco10k
	Kind    string
	Name    string // the list's MISP name
	Version int
}

// Warninglists are the MISP warning lists of known-benign values
// (models/warninglists, CC0), compiled for matching.
type Warninglists struct {
	Lists    []Warninglist
	hosts    map[string][]int16 // host entry -> lists (host and exact kinds)
	subs     map[string][]int16 // ".x.y" entries of exact lists, stored as "x.y"
	addrs    map[netip.Addr][]int16
	prefixes []prefixEntry
	hashes   map[string][]int16
}

type prefixEntry struct {
	p    netip.Prefix
	list int16
}

// LoadWarninglists reads the embedded lists once per process, on first use:
// only reports that hold candidate indicators need them.
var LoadWarninglists = sync.OnceValues(func() (*Warninglists, error) {
	w := &Warninglists{hosts: map[string][]int16{}, subs: map[string][]int16{}, addrs: map[netip.Addr][]int16{},
		hashes: map[string][]int16{}}
	byKey := map[string]int16{}
	err := eachGzLine("data/warninglists.tsv.gz", false, func(n int, l string) error {
		if rest, ok := strings.CutPrefix(l, "!"); ok {
			f := strings.Split(rest, "\t")
			if len(f) != 4 {
				return fmt.Errorf("warninglists.tsv.gz:%d: want 4 header fields", n)
			}
			v, err := strconv.Atoi(f[3])
			if err != nil {
				return fmt.Errorf("warninglists.tsv.gz:%d: version: %w", n, err)
			}
			byKey[f[0]] = int16(len(w.Lists))
			w.Lists = append(w.Lists, Warninglist{Key: f[0], Kind: f[1], Name: f[2], Version: v})
			return nil
		}
		key, e, ok := strings.Cut(l, "\t")
		i, known := byKey[key]
		if !ok || !known {
			return fmt.Errorf("warninglists.tsv.gz:%d: entry of an undeclared list", n)
		}
		switch w.Lists[i].Kind {
		case WarnCIDR:
			if p, err := netip.ParsePrefix(e); err == nil && !p.IsSingleIP() {
				w.prefixes = append(w.prefixes, prefixEntry{p, i})
			} else if err == nil {
				w.addrs[p.Addr()] = append(w.addrs[p.Addr()], i)
			} else if a, err := netip.ParseAddr(e); err == nil {
				w.addrs[a] = append(w.addrs[a], i)
			} else {
				return fmt.Errorf("warninglists.tsv.gz:%d: %q is no address or prefix", n, e)
			}
		case WarnHash:
			w.hashes[e] = append(w.hashes[e], i)
		case WarnExact:
			if sub, ok := strings.CutPrefix(e, "."); ok {
				w.subs[sub] = append(w.subs[sub], i)
			} else {
				w.hosts[e] = append(w.hosts[e], i)
			}
		default:
			w.hosts[e] = append(w.hosts[e], i)
		}
		return nil
	})
	return w, err
})

// Host returns the lists that hold host: for host-kind lists the host or any
// parent domain, for exact lists the host itself (or a parent given as
// ".parent"). A list hit through a parent that is itself a public suffix
// (github.io, duckdns.org) does not count: anyone can register beneath it.
func (w *Warninglists) Host(host string) []Warninglist {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	var out []Warninglist
	add := func(ids []int16, parent bool) {
		for _, i := range ids {
			if parent && w.Lists[i].Kind == WarnExact {
				continue
			}
			if !containsList(out, w.Lists[i].Key) {
				out = append(out, w.Lists[i])
			}
		}
	}
	for h, parent := host, false; h != ""; parent = true {
		if parent && w.IsPublicSuffix(h) {
			break
		}
		add(w.hosts[h], parent)
		if parent {
			add(w.subs[h], false)
		}
		_, rest, ok := strings.Cut(h, ".")
		if !ok {
			break
		}
		h = rest
	}
	return out
}

// IsPublicSuffix reports whether host is a public suffix (a TLD or a
// second-level suffix such as co.uk, github.io, duckdns.org).
func (w *Warninglists) IsPublicSuffix(host string) bool {
	for _, i := range w.hosts[host] {
		if k := w.Lists[i].Key; k == "second-level-tlds" || k == "tlds" {
			return true
		}
	}
	return false
}

// Addr returns the lists whose ranges hold addr.
func (w *Warninglists) Addr(addr netip.Addr) []Warninglist {
	addr = addr.Unmap()
	var out []Warninglist
	for _, i := range w.addrs[addr] {
		out = append(out, w.Lists[i])
	}
	for _, p := range w.prefixes {
		if p.p.Contains(addr) && !containsList(out, w.Lists[p.list].Key) {
			out = append(out, w.Lists[p.list])
		}
	}
	return out
}

// Hash returns the lists that hold a hash (any case).
func (w *Warninglists) Hash(h string) []Warninglist {
	var out []Warninglist
	for _, i := range w.hashes[strings.ToLower(h)] {
		out = append(out, w.Lists[i])
	}
	return out
}

func containsList(ls []Warninglist, key string) bool {
	for _, l := range ls {
		if l.Key == key {
			return true
		}
	}
	return false
}
