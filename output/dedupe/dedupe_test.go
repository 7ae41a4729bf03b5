package dedupe

import (
	"strings"
	"testing"
)

const report = `Russian forces began withdrawing from the west bank of the Dnipro River in Kherson Oblast on November 9.
The Russian Ministry of Defense announced the withdrawal after General Sergey Surovikin recommended it in a televised meeting.
Ukrainian forces advanced toward Kherson City from the north and west and liberated several settlements along the Inhulets River.
Russian forces are likely conducting an organized withdrawal toward defensive positions on the east bank.`

func TestSimilarity(t *testing.T) {
	sig := func(s string) Signature {
		t.Helper()
		x, ok := Sign(s)
		if !ok {
			t.Fatalf("Sign(%.40q): no words", s)
		}
		return x
	}
	base := sig(report)
	tt := []struct {
		name   string
		text   string
		lo, hi float64
	}{
		{"same words, other white space and case", strings.ToUpper(strings.ReplaceAll(report, " ", "\n\t ")), 1, 1},
		{"same words, other punctuation", strings.NewReplacer(".", ";", ",", "").Replace(report), 1, 1},
		{"a heading and a byline more", "Southern Front Daily Assessment\n\nBy the Kherson desk\n\n" + report, Threshold, 1},
		{"one sentence of four changed", strings.Replace(report, "announced the withdrawal after General Sergey Surovikin recommended it in a televised meeting", "denied any withdrawal and said its forces held their positions across the whole river line", 1), 0.3, Threshold - 0.01},
		{"another report", "ISKP claimed an attack on a Taliban checkpoint in Jalalabad and threatened further strikes against Hazara communities in Kabul.", 0, 0.1},
	}
	for _, tc := range tt {
		if s := Similarity(base, sig(tc.text)); s < tc.lo || s > tc.hi {
			t.Errorf("%s: similarity %.3f, want %.2f-%.2f", tc.name, s, tc.lo, tc.hi)
		}
	}
	if _, ok := Sign(" \n—.. "); ok {
		t.Error("a text without words has a signature")
	}
	if a, b := sig("two words"), sig("two words"); a != b {
		t.Error("a text shorter than a shingle: signatures differ")
	}
}

func TestStringParse(t *testing.T) {
	s, _ := Sign(report)
	back, err := Parse(s.String())
	if err != nil || back != s {
		t.Fatalf("Parse(String()) = %v, %v", back == s, err)
	}
	for _, bad := range []string{"", "!!", s.String()[:40]} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

// TestIndex: Find returns the most similar report above the threshold, the
// first added on a tie, and nothing below it.
func TestIndex(t *testing.T) {
	x := NewIndex()
	a, _ := Sign(report)
	other, _ := Sign("ISKP claimed an attack on a Taliban checkpoint in Jalalabad and threatened further strikes.")
	if got := x.Find(a); got != "" {
		t.Fatalf("empty index found %q", got)
	}
	x.Add("a", a)
	x.Add("b", a)
	x.Add("o", other)
	if got := x.Find(a); got != "a" {
		t.Errorf("Find = %q, want a (first of two equal)", got)
	}
	near, _ := Sign("Daily assessment\n\n" + report)
	if got := x.Find(near); got != "a" {
		t.Errorf("Find(near copy) = %q, want a", got)
	}
	far, _ := Sign("The Taliban may respond to the attacks in Jalalabad with raids on ISKP safe houses in Nangarhar.")
	if got := x.Find(far); got != "" {
		t.Errorf("Find(another report) = %q, want none", got)
	}
}

func BenchmarkSign(b *testing.B) {
	text := strings.Repeat(report+"\n", 25) // about 13 KB, an ISW daily assessment
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sign(text)
	}
}
