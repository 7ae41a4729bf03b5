// Command warninglists compiles the MISP warning lists of ../shared/warninglists
// (CC0) that sitrep uses into models/data/warninglists.tsv.gz. It is run by
// `make models`; the output is committed so that builds never read ../shared.
//
// The output is one TSV: "!" lines name the lists in order (key, kind, MISP
// name, version); "=" lines are the host index, sorted, each a host entry
// and the hexadecimal mask of the lists holding it (bit i: the i-th list);
// then one "key<TAB>entry" line per address or hash entry. Entries are
// normalised the way the matcher compares them (lower case, no surrounding
// dots except a leading "." that means "and every subdomain" in exact
// lists).
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// list says how one shipped list is matched: kind is host (the host or any
// parent), exact (the whole value; a leading "." entry covers subdomains),
// cidr (an address inside a prefix) or hash.
type list struct {
	key, kind string
}

// shipped are the lists that help tell an indicator from a known-benign
// value. public-dns-hostname (1.3 MB of resolver names, messy) is left out:
// resolver host names almost never occur in reports.
var shipped = []list{
	{"tranco10k", "host"}, {"majestic_million", "exact"}, {"cisco_top10k", "exact"}, {"alexa", "host"},
	{"moz-top500", "exact"}, {"security-provider-blogpost", "host"}, {"google", "exact"}, {"microsoft", "exact"},
	{"university_domains", "exact"}, {"bank-website", "host"}, {"url-shortener", "host"}, {"link-in-bio", "host"},
	{"automated-malware-analysis", "host"}, {"crl-hostname", "exact"}, {"whats-my-ip", "host"},
	{"dynamic-dns", "host"}, {"parking-domain-ns", "host"}, {"rfc6761", "exact"},
	{"second-level-tlds", "exact"}, {"tlds", "exact"},
	{"parking-domain", "cidr"}, {"public-dns-v4", "cidr"}, {"public-dns-v6", "cidr"}, {"sinkholes", "cidr"},
	{"wikimedia", "cidr"}, {"rfc1918", "cidr"}, {"rfc5735", "cidr"}, {"rfc6598", "cidr"}, {"multicast", "cidr"},
	{"ipv6-linklocal", "cidr"},
	{"empty-hashes", "hash"}, {"common-ioc-false-positive", "hash"},
}

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "models/data/warninglists.tsv.gz", "output file")
	flag.Parse()
	if err := run(filepath.Join(*shared, "warninglists"), *out); err != nil {
		fmt.Fprintln(os.Stderr, "warninglists:", err)
		os.Exit(1)
	}
}

type mispList struct {
	Name    string   `json:"name"`
	Version int      `json:"version"`
	List    []string `json:"list"`
}

func run(dir, out string) error {
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	err = write(dir, w)
	err = errors.Join(err, w.Flush(), zw.Close(), f.Close())
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, out)
}

func write(dir string, w io.Writer) error {
	if len(shipped) > 64 {
		return fmt.Errorf("%d lists: the host index keeps a 64-bit mask of lists", len(shipped))
	}
	hosts := map[string]uint64{} // host entry -> the lists (bit i: shipped[i]) that hold it
	var rest []string            // "key\tentry" lines of the address and hash lists
	for i, l := range shipped {
		path := filepath.Join(dir, l.key+".json")
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var m mispList
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		var entries []string
		for _, e := range m.List {
			if v, ok := normalise(l.kind, e); ok {
				entries = append(entries, v)
			}
		}
		slices.Sort(entries)
		entries = slices.Compact(entries)
		fmt.Fprintf(w, "!%s\t%s\t%s\t%d\n", l.key, l.kind, m.Name, m.Version)
		for _, e := range entries {
			switch l.kind {
			case "host", "exact":
				hosts[e] |= 1 << i
			default:
				rest = append(rest, l.key+"\t"+e)
			}
		}
	}
	keys := make([]string, 0, len(hosts))
	for h := range hosts {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	for _, h := range keys {
		fmt.Fprintf(w, "=%s\t%x\n", h, hosts[h])
	}
	for _, l := range rest {
		fmt.Fprintln(w, l)
	}
	return nil
}

// normalise lower-cases and trims an entry; it drops entries the matcher
// could never compare (a host with a path or a space, a bad prefix).
func normalise(kind, e string) (string, bool) {
	e = strings.ToLower(strings.TrimSpace(strings.TrimRight(e, `\ `)))
	switch kind {
	case "cidr":
		if p, err := netip.ParsePrefix(e); err == nil {
			return p.Masked().String(), true
		}
		if a, err := netip.ParseAddr(e); err == nil {
			return a.String(), true
		}
		return "", false
	case "hash":
		return e, e != "" && strings.Trim(e, "0123456789abcdef") == ""
	case "host":
		e = strings.Trim(e, ".")
	default:
		lead := strings.HasPrefix(e, ".")
		e = strings.Trim(e, ".")
		if lead {
			e = "." + e
		}
	}
	return e, e != "" && e != "." && !strings.ContainsAny(e, "/ \t*")
}
