package models

import (
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
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
// (models/warninglists, CC0), compiled for matching. Each list keeps its
// entries as the sorted strings the generator wrote, sliced out of the one
// decompressed file, and is searched by bisection: loading builds no map,
// so the first report with a candidate indicator pays little for it.
type Warninglists struct {
	Lists   []Warninglist
	entries [][]string // per list, sorted; exact lists' ".x.y" entries sort first
	ranges  []prefixEntry
}

type prefixEntry struct {
	p    netip.Prefix
	list int
}

// LoadWarninglists reads the embedded lists once per process, on first use:
// only reports that hold candidate indicators need them.
var LoadWarninglists = sync.OnceValues(func() (*Warninglists, error) {
	raw, err := readGz("data/warninglists.tsv.gz")
	if err != nil {
		return nil, err
	}
	w := &Warninglists{}
	byKey := map[string]int{}
	for n, l := range strings.Split(raw, "\n") {
		switch {
		case l == "":
			continue
		case l[0] == '!':
			f := strings.Split(l[1:], "\t")
			if len(f) != 4 {
				return nil, fmt.Errorf("warninglists.tsv.gz:%d: want 4 header fields", n+1)
			}
			v, err := strconv.Atoi(f[3])
			if err != nil {
				return nil, fmt.Errorf("warninglists.tsv.gz:%d: version: %w", n+1, err)
			}
			byKey[f[0]] = len(w.Lists)
			w.Lists = append(w.Lists, Warninglist{Key: f[0], Kind: f[1], Name: f[2], Version: v})
			w.entries = append(w.entries, nil)
			continue
		}
		key, e, ok := strings.Cut(l, "\t")
		i, known := byKey[key]
		if !ok || !known {
			return nil, fmt.Errorf("warninglists.tsv.gz:%d: entry of an undeclared list", n+1)
		}
		if w.Lists[i].Kind == WarnCIDR && strings.Contains(e, "/") {
			p, err := netip.ParsePrefix(e)
			if err != nil {
				return nil, fmt.Errorf("warninglists.tsv.gz:%d: %w", n+1, err)
			}
			if !p.IsSingleIP() {
				w.ranges = append(w.ranges, prefixEntry{p, i})
				continue
			}
			e = p.Addr().String()
		}
		w.entries[i] = append(w.entries[i], e)
	}
	for i, es := range w.entries {
		if !slices.IsSorted(es) {
			slices.Sort(es) // CIDR entries rewritten above may leave their place
			w.entries[i] = es
		}
	}
	return w, nil
})

// has reports whether list i holds entry e.
func (w *Warninglists) has(i int, e string) bool {
	_, found := slices.BinarySearch(w.entries[i], e)
	return found
}

// Host returns the lists that hold host: for host-kind lists the host or any
// parent domain, for exact lists the host itself (or a parent given as
// ".parent"). A list hit through a parent that is itself a public suffix
// (github.io, duckdns.org) does not count: anyone can register beneath it.
func (w *Warninglists) Host(host string) []Warninglist {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	var out []Warninglist
	suffix := false
	for h, parent := host, false; h != ""; parent = true {
		// From a public suffix up only the dynamic-DNS zones (which are
		// such suffixes) still say something about the host.
		suffix = suffix || parent && w.IsPublicSuffix(h)
		for i, l := range w.Lists {
			if suffix && l.Key != "dynamic-dns" {
				continue
			}
			var hit bool
			switch l.Kind {
			case WarnHost:
				hit = w.has(i, h)
			case WarnExact:
				hit = !parent && w.has(i, h) || parent && w.has(i, "."+h)
			}
			if hit && !containsList(out, l.Key) {
				out = append(out, l)
			}
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
	for i, l := range w.Lists {
		if (l.Key == "second-level-tlds" || l.Key == "tlds") && w.has(i, host) {
			return true
		}
	}
	return false
}

// Addr returns the lists whose ranges hold addr.
func (w *Warninglists) Addr(addr netip.Addr) []Warninglist {
	addr = addr.Unmap()
	var out []Warninglist
	for i, l := range w.Lists {
		if l.Kind == WarnCIDR && w.has(i, addr.String()) {
			out = append(out, l)
		}
	}
	for _, p := range w.ranges {
		if p.p.Contains(addr) && !containsList(out, w.Lists[p.list].Key) {
			out = append(out, w.Lists[p.list])
		}
	}
	return out
}

// Hash returns the lists that hold a hash (any case).
func (w *Warninglists) Hash(h string) []Warninglist {
	var out []Warninglist
	for i, l := range w.Lists {
		if l.Kind == WarnHash && w.has(i, strings.ToLower(h)) {
			out = append(out, l)
		}
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

// readGz returns the decompressed text of an embedded gzipped file.
func readGz(name string) (string, error) {
	f, err := dataFS.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	var b strings.Builder
	if _, err := io.Copy(&b, zr); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return b.String(), nil
}
