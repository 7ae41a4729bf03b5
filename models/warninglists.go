package models

import (
	"fmt"
	"net/netip"
	"slices"
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
// (models/warninglists, CC0), compiled for matching. Host entries form one
// sorted index, each with the mask of the lists that hold it; address and
// hash entries stay per list, sorted. All are strings sliced out of the one
// decompressed file and searched by bisection: loading builds no map, so the
// first report with a candidate indicator pays little for it.
type Warninglists struct {
	Lists     []Warninglist
	hostKeys  []string
	hostMasks []uint64
	entries   [][]string // per list (address and hash lists), sorted
	ranges    []prefixEntry
	hostKind  uint64 // lists matched through parent domains
	exactKind uint64 // lists matched on the host itself (".x.y" entries: x.y's subdomains)
	suffixes  uint64 // the public-suffix lists (tlds, second-level-tlds)
	dynamic   uint64 // dynamic-dns, which still matches above a public suffix
}

type prefixEntry struct {
	p    netip.Prefix
	list int
}

// LoadWarninglists reads the embedded lists once per process, on first use:
// only reports that hold candidate indicators need them.
var LoadWarninglists = sync.OnceValues(func() (*Warninglists, error) {
	raw, err := gzText("data/warninglists.tsv.gz")
	if err != nil {
		return nil, err
	}
	w := &Warninglists{}
	byKey := map[string]int{}
	n := -1
	for l := range strings.Lines(raw) {
		n++
		l = strings.TrimSuffix(l, "\n")
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
			i := len(w.Lists)
			byKey[f[0]] = i
			w.Lists = append(w.Lists, Warninglist{Key: f[0], Kind: f[1], Name: f[2], Version: v})
			w.entries = append(w.entries, nil)
			switch {
			case f[1] == WarnHost:
				w.hostKind |= 1 << i
			case f[1] == WarnExact:
				w.exactKind |= 1 << i
			}
			switch f[0] {
			case "tlds", "second-level-tlds":
				w.suffixes |= 1 << i
			case "dynamic-dns":
				w.dynamic |= 1 << i
			}
			continue
		case l[0] == '=':
			h, mask, ok := strings.Cut(l[1:], "\t")
			m, err := strconv.ParseUint(mask, 16, 64)
			if !ok || err != nil {
				return nil, fmt.Errorf("warninglists.tsv.gz:%d: bad host entry", n+1)
			}
			w.hostKeys = append(w.hostKeys, h)
			w.hostMasks = append(w.hostMasks, m)
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
	if !slices.IsSorted(w.hostKeys) {
		return nil, fmt.Errorf("warninglists.tsv.gz: host index not sorted (run make models)")
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

// mask returns the lists whose host entries include h.
func (w *Warninglists) mask(h string) uint64 {
	if i, found := slices.BinarySearch(w.hostKeys, h); found {
		return w.hostMasks[i]
	}
	return 0
}

// Host returns the lists that hold host: for host-kind lists the host or any
// parent domain, for exact lists the host itself (or a parent given as
// ".parent"). A list hit through a parent that is itself a public suffix
// (github.io, duckdns.org) does not count: anyone can register beneath it;
// only the dynamic-DNS zones, which are such suffixes, still match there.
func (w *Warninglists) Host(host string) []Warninglist {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	var hits uint64
	suffix := false
	for h, parent := host, false; h != ""; parent = true {
		m := w.mask(h)
		suffix = suffix || parent && m&w.suffixes != 0
		var got uint64
		switch {
		case !parent:
			got = m & (w.hostKind | w.exactKind)
		default:
			got = m&w.hostKind | w.mask("."+h)&w.exactKind
		}
		if suffix {
			got &= w.dynamic
		}
		hits |= got
		_, rest, ok := strings.Cut(h, ".")
		if !ok {
			break
		}
		h = rest
	}
	var out []Warninglist
	for i, l := range w.Lists {
		if hits&(1<<i) != 0 {
			out = append(out, l)
		}
	}
	return out
}

// IsPublicSuffix reports whether host is a public suffix (a TLD or a
// second-level suffix such as co.uk, github.io, duckdns.org).
func (w *Warninglists) IsPublicSuffix(host string) bool {
	return w.mask(host)&w.suffixes != 0
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
