package indicators_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/indicators"
	"github.com/sitrep/sitrep/pipeline/internal/stagetest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// find runs the upstream stages on text and returns the decisions.
func find(t *testing.T, text string) indicators.Result {
	t.Helper()
	d := stagetest.Upstream(t, text)
	limit := 0
	if n := len(d.Sentences); n > 0 {
		limit = d.Sentences[n-1].End
	}
	res, err := indicators.Find(d, limit)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// decisionLine is one row of the fixture: where, what, what became of it, why.
func decisionLine(file string, d indicators.Decision) string {
	e := d.Entity
	what := "indicator"
	switch {
	case e.Label != pipeline.LabelIndicator:
		what = strings.ToLower(e.Label)
	case d.Reference:
		what = "reference"
	case d.Dropped:
		what = "dropped"
	case e.Warning != "":
		what = "warned:" + e.Warning
	}
	if e.Kind != "" {
		what += "," + e.Kind
	}
	reasons := strings.Join(d.Reasons, "+")
	if reasons == "" {
		reasons = "-"
	}
	return fmt.Sprintf("%s\t%d\t%s\t%s\t%s\t%+.1f\t%s", file, e.Start, e.Type, e.Value+e.ID, what, d.Score, reasons)
}

// TestCTIReports checks every decision on ten real CTI reports (AnnoCTR,
// CC BY-SA 4.0, testdata/cti/README.md) against a fixture reviewed by hand:
// each candidate value, whether it is kept as an indicator, warned, or made
// a reference, and the context features that decided it.
func TestCTIReports(t *testing.T) {
	files, err := filepath.Glob("testdata/cti/*.txt")
	if err != nil || len(files) != 10 {
		t.Fatalf("want the 10 CTI reports in testdata/cti, got %d (%v)", len(files), err)
	}
	var b strings.Builder
	b.WriteString("# file\tstart\ttype\tvalue\tdecision\tscore\tfeatures\n")
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range find(t, string(text)).Decisions {
			b.WriteString(decisionLine(filepath.Base(f), d) + "\n")
		}
	}
	golden := "testdata/cti-decisions.tsv"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("decisions on the CTI reports changed (-want +got; review, then -update):\n%s", diff)
	}
}

func TestContext(t *testing.T) {
	tests := []struct {
		name       string
		give       string
		indicators []string // values kept as indicators
		references []string // values made references
	}{
		{"endnotes are references", "Russian forces attacked Kherson.[1]\n\n[1] https://t.me/mod_russia/22712; https://www.kremlin dot ru/events/president/news/70098\n\n[2] https://isw.pub/UkrWar121422",
			nil, []string{"https://t.me/mod_russia/22712", "https://www.kremlin.ru/events/president/news/70098", "https://isw.pub/UkrWar121422"}},
		{"defanged values in prose are indicators", "The loader beacons to hxxp://bad-cdn[.]com/gate.php and 185.220.101[.]4.",
			[]string{"http://bad-cdn.com/gate.php", "185.220.101.4"}, nil},
		{"a curly quote after a URL is the sentence's", "The iFrame redirects to ‘hxxp://rsnvlbgcba.ibiz[.]cc/d/404.php?go=1’, then to ‘hxxp://fukbb[.]com/’; ‘hxxp://fukbb[.]com’ is down.",
			[]string{"http://rsnvlbgcba.ibiz.cc/d/404.php?go=1", "http://fukbb.com/", "http://fukbb.com"}, nil},
		{"a link to a write-up is a reference", "Proofpoint [published](https://www.proofpoint.com/us/blog/threat-insight/new-variant-buer-loader-written-rust) details.",
			nil, []string{"https://www.proofpoint.com/us/blog/threat-insight/new-variant-buer-loader-written-rust"}},
		{"a C2 in prose is an indicator", "The implant contacts its C2 server at update-check.net every hour.",
			[]string{"update-check.net"}, nil},
		{"a source line is a reference", "Troops moved north.\n\nSource: https://www.reuters.com/world/europe/ukraine-troops-2022-12-01/",
			nil, []string{"https://www.reuters.com/world/europe/ukraine-troops-2022-12-01/"}},
		{"an IOC table row is an indicator even on a popular host", "| hxxps://bit[.]ly/acotiz-abaa1 | URL | URL inside PDF |",
			[]string{"https://bit.ly/acotiz-abaa1"}, nil},
		{"a bibliography entry in a PDF", "Shane, China's Cyber-Militia, The National Journal, May 31, 2008, http://www.nationaljournal.com/njmagazine/cs_20080531_6948.php\n\nPLA Daily, 2000, available at: http://english.peopledaily.com.cn/english/200008/14/eng200008_48117.html",
			nil, []string{"http://www.nationaljournal.com/njmagazine/cs_20080531_6948.php", "http://english.peopledaily.com.cn/english/200008/14/eng200008_48117.html"}},
		{"an access date before the address cites it, whatever the sentence's verbs", "To find out more, contact your state board.“Become a Poll Worker,” US Election Assistance Commission, accessed March 16, 2021, https://www.eac.gov/voters/become-poll-worker. Retrieved on 2 May 2020 from https://example.org/contact-us-now",
			nil, []string{"https://www.eac.gov/voters/become-poll-worker", "https://example.org/contact-us-now"}},
		{"two sentences run together are no domain; a host in one case is", "The courts decide which cases to hear.In time they rule. The group used Gulag.net and EVIL-CDN.COM for C2.",
			[]string{"gulag.net", "evil-cdn.com"}, nil},
		{"a version whose label stands lines above it is no address", "Filename\n\n: WEXTRACT.exe\n\nFile Version\n\n: 1.0.0.0\n\nProduct Version\n\n: 1.0.0.0\n\nThe implant beacons to 185.220.101[.]4.",
			[]string{"185.220.101.4"}, nil},
		{"contact details are no indicators", "CIRCL, 41, avenue de la gare, L-1611 Luxembourg\n(+352) 247 88444 - info@circl.lu – www.circl.lu\n\nThe note : the office handles liaison; telephone: [1] (202) 331-8947; FAX: [1] (202) 331-8958; email: hketo@hketowashington.gov.hk; website: https://www.hketowashington.gov.hk/\n\nThe implant beacons to update-check.net every hour.",
			[]string{"update-check.net"}, []string{"https://www.hketowashington.gov.hk/"}},
		{"the tail of a host name after a soft hyphen is no domain", "The sample calls back to www2.mail\u00adkr2.com and gmail.mail\u00ad\nru2.com, then to update-check.net.",
			[]string{"update-check.net"}, nil},
		{"versions, their ranges and a file named like a host are no indicators", "Java exploits target JRE versions 1.7.0.6-11, 1.7.0.0-1.7.0.7, and versions older than 1.6.0.27. The AutoIt script reads the encrypted payload (bzYfp.com) and decrypts it with RC4. The implant beacons to update-check.net.",
			[]string{"update-check.net"}, nil},
		{"a references section", "# Analysis\n\nThe group is active.\n\n# References\n\nhttps://www.welivesecurity.com/2021/07/07/bandidos-at-large/",
			nil, []string{"https://www.welivesecurity.com/2021/07/07/bandidos-at-large/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := find(t, "Title\n\n"+tt.give)
			var inds, refs []string
			for _, e := range res.Entities {
				if e.Label == pipeline.LabelIndicator {
					inds = append(inds, e.Value)
				}
			}
			for _, r := range res.References {
				refs = append(refs, r.URL)
			}
			if diff := cmp.Diff(tt.indicators, inds); diff != "" {
				t.Errorf("indicators (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.references, refs); diff != "" {
				t.Errorf("references (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		give string
		want []string // value=warning
	}{
		{"The malware queries 8.8.8.8 and contacts its C2 at 185.220.101.4 and 192.168.1.10.",
			[]string{"8.8.8.8=public-dns-v4", "185.220.101.4=", "192.168.1.10=rfc1918"}},
		{"The dropper writes a file with MD5 d41d8cd98f00b204e9800998ecf8427e (empty) and 5d41402abc4b2a76b9719d11017b6828.",
			[]string{"d41d8cd98f00b204e9800998ecf8427e=empty-hashes", "5d41402abc4b2a76b9719d11017b6828="}},
		// A dynamic-DNS host is a classic C2: never warned through a popularity list.
		{"The C2 servers were evil-c2.duckdns[.]org and google[.]com.",
			[]string{"evil-c2.duckdns.org=", "google.com=google"}},
		{"Payloads were downloaded from hxxps://pastebin[.]com/raw/5j4hc8gT and hxxp://pastebin[.]com/.",
			[]string{"https://pastebin.com/raw/5j4hc8gT=", "http://pastebin.com/=tranco10k"}},
	}
	for _, tt := range tests {
		res := find(t, "Title\n\n"+tt.give)
		var got []string
		for _, e := range res.Entities {
			if e.Label == pipeline.LabelIndicator {
				got = append(got, e.Value+"="+e.Warning)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.give, diff)
		}
	}
}

// BenchmarkFind measures candidates, context scoring and warning lists on
// the ten CTI reports (after the upstream stages, which are not timed).
func BenchmarkFind(b *testing.B) {
	files, _ := filepath.Glob("testdata/cti/*.txt")
	var docs []*pipeline.Document
	bytes := 0
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, stagetest.Upstream(b, string(text)))
		bytes += len(text)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := indicators.Find(d, len(d.Text)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
