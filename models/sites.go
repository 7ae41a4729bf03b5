package models

import (
	"strings"
	"sync"
)

// siteNames maps each alias of a publisher (lexicon/sites.tsv), lower-cased,
// to its name.
var siteNames = sync.OnceValues(func() (map[string]string, error) {
	out := map[string]string{}
	err := readTSV("lexicon/sites.tsv", 1, func(f []string) error {
		out[strings.ToLower(f[0])] = f[0]
		if len(f) > 1 {
			for _, a := range strings.Split(f[1], "|") {
				if a = strings.TrimSpace(a); a != "" {
					out[strings.ToLower(a)] = f[0]
				}
			}
		}
		return nil
	})
	return out, err
})

// SiteName returns the publisher's name for a site name, host or short
// name it is known by, else s itself.
func SiteName(s string) string {
	names, err := siteNames()
	if err != nil {
		return s // the lexicon is embedded: TestSiteName fails first
	}
	k := strings.ToLower(strings.TrimSpace(s))
	if n, ok := names[k]; ok {
		return n
	}
	if n, ok := names[strings.TrimPrefix(k, "www.")]; ok {
		return n
	}
	return s
}
