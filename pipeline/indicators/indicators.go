// Package indicators owns indicators of compromise in report text: it finds
// candidate values (URLs, domains, IP addresses, e-mail addresses, hashes,
// and CVE and ATT&CK ids), refangs them without ever cutting one short,
// decides from their context whether a URL, domain, address or e-mail is
// an indicator or a citation (a reference), and marks values that MISP
// warning lists know to be benign.
package indicators

import (
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// Decision is what became of one candidate: an entity (an indicator, a
// CVE or a technique) or a reference, the reasons that decided it (the
// context features, in order), and its score.
type Decision struct {
	Entity    pipeline.Entity
	Reference bool
	Dropped   bool // neither: a bare domain in running text that names something ("Gulag.net")
	Score     float64
	Reasons   []string
}

// Result holds a document's indicators (and CVE and technique ids), its
// references, and the decision on every candidate.
type Result struct {
	Entities   []pipeline.Entity
	References []pipeline.Reference
	Decisions  []Decision
	// Void are the spans of URLs cut short or without a host ("https://
	// www.understandingwar.org/sites/default/files/Russian%20General%2...."):
	// neither indicators nor references, and no entity lies inside them.
	Void [][2]int
}

// Find finds the indicators and references of doc.Text[:limit]. doc's
// sentences and sections give the context.
func Find(doc *pipeline.Document, limit int) (Result, error) {
	var res Result
	cands := candidates(doc.Text[:limit])
	var lists *models.Warninglists
	if len(cands) > 0 {
		var err error
		if lists, err = models.LoadWarninglists(); err != nil {
			return res, err
		}
	}
	ctx := newContext(doc, cands, lists)
	for i, e := range cands {
		if e.Label == "" {
			res.Void = append(res.Void, [2]int{e.Start, e.End})
			continue
		}
		d := Decision{Entity: e}
		if e.Label == pipeline.LabelIndicator && contextual[e.Type] {
			d.Score, d.Reasons = ctx.score(i)
			d.Reference = d.Score <= 0
			if d.Reference && e.Type != "url" && !slices.ContainsFunc(d.Reasons, func(r string) bool { return citing[r] }) {
				d.Reference, d.Dropped = false, true
			}
		}
		switch {
		case d.Dropped:
		case d.Reference:
			res.References = append(res.References, pipeline.Reference{Start: e.Start, End: e.End, URL: e.Value,
				Domain: hostOf(e.Type, e.Value)})
		default:
			if e.Label == pipeline.LabelIndicator {
				d.Entity.Warning, d.Entity.Kind = warning(ctx, e.Type, e.Value)
			}
			res.Entities = append(res.Entities, d.Entity)
		}
		res.Decisions = append(res.Decisions, d)
	}
	return res, nil
}

// contextual are the indicator types whose role depends on context; a hash
// is always an indicator.
var contextual = map[string]bool{"url": true, "domain": true, "ipv4": true, "ipv6": true, "email": true}

// hostOf returns the host name of a URL, domain or e-mail value.
func hostOf(typ, v string) string {
	switch typ {
	case "url":
		if u, err := url.Parse(v); err == nil {
			return strings.ToLower(u.Hostname())
		}
	case "domain":
		return v
	case "email":
		if _, h, ok := strings.Cut(v, "@"); ok {
			return h
		}
	}
	return ""
}

// warnOrder ranks the lists named in a warning: the most telling first
// (a reserved range or a public suffix says more than a popularity rank).
var warnOrder = []string{"rfc1918", "rfc5735", "rfc6598", "rfc6761", "multicast", "ipv6-linklocal", "empty-hashes",
	"common-ioc-false-positive", "tlds", "second-level-tlds", "sinkholes", "public-dns-v4", "public-dns-v6",
	"crl-hostname", "automated-malware-analysis", "security-provider-blogpost", "whats-my-ip", "parking-domain",
	"parking-domain-ns", "wikimedia", "google", "microsoft", "university_domains", "bank-website", "alexa", "moz-top500",
	"tranco10k", "cisco_top10k", "majestic_million"}

// infraLists mark a host whatever the URL's path: their hosts serve no
// attacker content (certificate status, sandboxes, vendors' blogs,
// address-echo services, placeholders).
var infraLists = map[string]bool{"crl-hostname": true, "automated-malware-analysis": true,
	"security-provider-blogpost": true, "whats-my-ip": true, "rfc6761": true}

// warning returns the warning list that holds an indicator's value ("" if
// none) and, for a host under a dynamic-DNS zone, the kind "dynamic-dns":
// such a host is a classic C2 and is never warned through a popularity list.
func warning(c *context, typ, v string) (warn, kind string) {
	lists := c.lists
	if lists == nil {
		return "", ""
	}
	var hits []models.Warninglist
	switch typ {
	case "ipv4", "ipv6":
		if a, err := netip.ParseAddr(v); err == nil {
			hits = lists.Addr(a)
		}
	case "md5", "sha1", "sha256":
		hits = lists.Hash(v)
	case "domain", "email", "url":
		host := hostOf(typ, v)
		if a, err := netip.ParseAddr(host); err == nil {
			hits = lists.Addr(a)
			break
		}
		hits = c.host(host)
		for _, h := range hits {
			if h.Key == "dynamic-dns" {
				return "", "dynamic-dns"
			}
		}
		if typ == "url" && hasPath(v) {
			// A path on a popular host (a paste, a file share, a
			// shortened link) can be the attacker's: only lists of hosts
			// that serve no attacker content warn such a URL.
			hits = keepLists(hits, func(key string) bool { return infraLists[key] })
		}
		if typ == "email" {
			// A mailbox at a web-mail provider is someone's, not the
			// provider's: only reserved and placeholder domains warn it.
			hits = keepLists(hits, func(key string) bool { return key == "rfc6761" })
		}
		hits = keepLists(hits, func(key string) bool { return key != "url-shortener" && key != "link-in-bio" })
	}
	for _, k := range warnOrder {
		for _, h := range hits {
			if h.Key == k {
				return h.Key, ""
			}
		}
	}
	return "", ""
}

func keepLists(ls []models.Warninglist, keep func(string) bool) []models.Warninglist {
	var out []models.Warninglist
	for _, l := range ls {
		if keep(l.Key) {
			out = append(out, l)
		}
	}
	return out
}

// hasPath reports whether a URL names more than its host's root.
func hasPath(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (strings.Trim(u.Path, "/") != "" || u.RawQuery != "")
}

// ianaTLD reports whether label is a top-level domain IANA knows.
func ianaTLD(label string) bool {
	w, err := models.LoadWarninglists()
	return err == nil && w.IsPublicSuffix(strings.ToLower(label)) && !strings.Contains(label, ".")
}
