package indicators

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/pipeline"
)

func TestRefang(t *testing.T) {
	tests := []struct{ give, want string }{
		{"evil[.]com", "evil.com"},
		{"evil(.)com", "evil.com"},
		{"evil{.}com", "evil.com"},
		{"evil[dot]com", "evil.com"},
		{"evil[DOT]com", "evil.com"},
		{"evil(dot)com", "evil.com"},
		{"evil{dot}com", "evil.com"},
		{`evil\.com`, "evil.com"},
		{"hxxp://evil[.]com/a", "http://evil.com/a"},
		{"hxxps://evil[.]com/a", "https://evil.com/a"},
		{"hXXps://evil[.]com", "https://evil.com"},
		{"HXXP://evil[.]com", "http://evil.com"},
		{"hxxps[:]//t[.]me/x", "https://t.me/x"},
		{"http[:]//evil.com", "http://evil.com"},
		{"hxxp[://]evil.com", "http://evil.com"},
		{"fxp://files[.]evil[.]com", "ftp://files.evil.com"},
		{"sfxp://x[.]com", "sftp://x.com"},
		{"ops[at]evil[.]ru", "ops@evil.ru"},
		{"ops(at)evil(.)ru", "ops@evil.ru"},
		{"ops[@]evil[.]ru", "ops@evil.ru"},
		{"ops(@)evil[.]ru", "ops@evil.ru"},
		{"ops{at}evil[.]ru", "ops@evil.ru"},
		{"http://evil.com[/]gate", "http://evil.com/gate"},
		{"https://x.com/tbl\\_add.php", "https://x.com/tbl_add.php"},
		{"myfxp.com", "myfxp.com"}, // fxp only as the scheme
		{"www.kremlin[dot]ru/events", "www.kremlin.ru/events"},
	}
	for _, tt := range tests {
		if got := Refang(tt.give); got != tt.want {
			t.Errorf("Refang(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
}

// TestWholeValues checks that values written in every defanged form, and
// ISW's " dot " style, are found whole or not at all.
func TestWholeValues(t *testing.T) {
	tests := []struct {
		give string
		want []string // values, in order
	}{
		{"see https://www.kremlin dot ru/events/president/news/70098 today", []string{"https://www.kremlin.ru/events/president/news/70098"}},
		{"at tass dot ru/politika/1 and en.interfax.com dot ua/news/x", []string{"tass.ru", "en.interfax.com.ua"}},
		{"https://t dot me/rybar/123", []string{"https://t.me/rybar/123"}},
		{"the dot com bubble", nil},
		{"a link: https:// and https://t and https://www", nil},
		{"hxxps://evil[.]com/a and evil[.]ru", []string{"https://evil.com/a", "evil.ru"}},
		{"x https://login.windows.net\u00a0automatically", []string{"https://login.windows.net"}},
		{"**https://login.microsoftonline.com**with", []string{"https://login.microsoftonline.com"}},
		{"mail ops[at]evil[.]ru now", []string{"ops@evil.ru"}},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range candidates(tt.give) {
			if e.Label == "INDICATOR" {
				got = append(got, e.Value)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: got %q, want %q", tt.give, got, tt.want)
		}
	}
}

// FuzzRefang checks Refang's contract: it never grows a value, is
// idempotent, leaves no defanging marker, and keeps valid UTF-8 valid.
func FuzzRefang(f *testing.F) {
	for _, s := range []string{"hxxps://evil[.]com/a", "ops[at]evil(dot)ru", `a\.b\_c`, "fxp[:]//x{.}y", "[[.]]", "hxxp[:]//[dot][at]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Refang(s)
		if len(r) > len(s) {
			t.Errorf("Refang(%q) = %q grew", s, r)
		}
		if again := Refang(r); again != r {
			t.Errorf("Refang not idempotent on %q: %q then %q", s, r, again)
		}
		if utf8.ValidString(s) && !utf8.ValidString(r) {
			t.Errorf("Refang(%q) = %q is not valid UTF-8", s, r)
		}
	})
}

// FuzzCandidates checks that a found value is never cut short: its span is
// the text it came from, its value is that text refanged (bar case and
// trimming), and the text does not go on with more of a host name.
func FuzzCandidates(f *testing.F) {
	for _, s := range []string{"https://www.kremlin dot ru/events/1", "hxxp://bad[.]com/x.php and 1.2.3[.]4", "a@b[.]com", "tass dot ru", "x.y.z.com.ua"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hashRuns(s, 3), hashPattern.FindAllStringIndex(s, -1); !sameRuns(got, want, 3) {
			t.Errorf("%q: hashRuns %v, the pattern %v", s, got, want)
		}
		if !tldAfterDot(s) {
			// The prefilter skips the domain pattern: no match may have a known TLD.
			for _, m := range domainRE.FindAllStringIndex(s, -1) {
				v := strings.ToLower(Refang(s[m[0]:m[1]]))
				if tld := v[strings.LastIndexByte(v, '.')+1:]; tlds[tld] {
					t.Errorf("%q: tldAfterDot false, but the pattern finds %q", s, v)
				}
			}
		}
		got := sameAsExhaustive(t, s)
		prev := -1
		for _, e := range got {
			if e.Start < prev || e.End > len(s) || e.Start >= e.End {
				t.Fatalf("%q: bad span %d-%d after %d", s, e.Start, e.End, prev)
			}
			prev = e.End
			if e.Label != "INDICATOR" {
				continue
			}
			if e.Text != s[e.Start:e.End] {
				t.Errorf("%q: text %q is not the span %q", s, e.Text, s[e.Start:e.End])
			}
			if e.Type == "domain" && continues(s, e.End) {
				t.Errorf("%q: domain %q cut short", s, e.Value)
			}
		}
	})
}

// hashPattern is what hashRuns does by hand.
var hashPattern = regexp.MustCompile(`\b(?:[A-Fa-f0-9]{64}|[A-Fa-f0-9]{40}|[A-Fa-f0-9]{32})\b`)

// sameRuns compares hashRuns' spans (offset by from) with the pattern's.
func sameRuns(got, want [][]int, from int) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i][0] != want[i][0]+from || got[i][1] != want[i][1]+from {
			return false
		}
	}
	return true
}

func TestHashRunsMatchesPattern(t *testing.T) {
	md5 := "d41d8cd98f00b204e9800998ecf8427e"
	sha1 := "da39a3ee5e6b4b0d3255bfef95601890afd80709"
	sha256 := "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	for _, s := range []string{
		md5, sha1, sha256, "MD5: " + md5 + ".", "(" + strings.ToUpper(sha1) + ")",
		md5 + "0",                // 33 hex digits: no hash
		md5 + "g",                // a word character after it
		"x" + md5,                // one before it
		md5 + "_",                // '_' is a word character
		md5 + "é",                // a non-ASCII letter is no word character for \b
		"é" + sha256 + "/" + md5, // two
		"https://x.test/" + sha1 + "?q=" + md5,
		md5[:31], "", strings.Repeat("a", 64) + "-" + strings.Repeat("B", 40),
	} {
		got, want := hashRuns(s, 7), hashPattern.FindAllStringIndex(s, -1)
		if !sameRuns(got, want, 7) {
			t.Errorf("%q: hashRuns %v, the pattern %v", s, got, want)
		}
	}
	for _, tt := range []struct {
		give string
		want bool
	}{
		{"evil.com", true}, {"evil[.]COM", true}, {"evil[dot]ru/x", true}, {"a.b.co.uk,", true}, {"evil(.)io", true},
		{"U.S.", false}, {"e.g.", false}, {"v1.2.3", false}, {"file.exe", false}, {"a.comx", false}, {"(ISW)", false},
		{"café.fr", true}, // non-ASCII always runs the pattern
	} {
		if got := tldAfterDot(tt.give); got != tt.want {
			t.Errorf("tldAfterDot(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
	if len(hashRuns("("+md5+")", 0)) != 1 {
		t.Errorf("an md5 in brackets is not found")
	}
}

// sameAsExhaustive returns candidates(s) after checking that the tell-tale
// checks that let chunks skip patterns (tldAfterDot, hashRuns' lengths, the
// rest) find what running every pattern on every chunk finds.
func sameAsExhaustive(t *testing.T, s string) []pipeline.Entity {
	t.Helper()
	got := candidates(s)
	exhaustive = true
	want := candidates(s)
	exhaustive = false
	if !slices.Equal(got, want) {
		t.Errorf("%q: candidates %v, with every pattern run %v", s, got, want)
	}
	return got
}

func TestCandidatesMatchExhaustive(t *testing.T) {
	for _, s := range []string{
		"see https://evil.com/x,bad.ru and (www.foo.com) or hxxp://a[.]b/c.php?d=e.io",
		"https://www.understandingwar.org/backgrounder/russian-offensive-campaign-assessment-may-1.html).",
		"U.S. e.g. v1.2.3 file.exe a.comx kremlin dot ru t.me/x 1.2.3[.]4 a@b[.]com",
		"http://x.org/a)evil.net http://y.org/b(evil.org) [https://z.com/c]bad[.]ru",
	} {
		sameAsExhaustive(t, s)
	}
}
