package estimative_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/estimative"
	"github.com/sitrep/sitrep/pipeline/internal/stagetest"
)

func phrases(d *pipeline.Document) []string {
	var out []string
	for _, e := range d.Estimative {
		v := fmt.Sprintf("%s=%s/%s", e.Text, e.Kind, e.Category)
		if e.Negated {
			v += "/neg"
		}
		out = append(out, v)
	}
	return out
}

// Every context rule with its near miss: the second sentence of a pair must not fire.
func TestRules(t *testing.T) {
	tests := []struct {
		name string
		give string
		want []string
	}{
		{"modal + adverb is one judgment", "ISKP will likely escalate.", []string{"likely=likelihood/likely"}},
		{"intensifier changes the band", "Russia is very likely to attack. It is highly unlikely to stop.", []string{"very likely=likelihood/very_likely", "highly unlikely=likelihood/very_unlikely"}},
		{"modifier that keeps the band stays out", "Attacks appear increasingly unlikely to succeed; most likely they stop.", []string{"appear=hedge/possible", "unlikely=likelihood/unlikely", "likely=likelihood/likely"}},
		{"negation flips the band", "An attack is not likely. It is almost certainly not over. He will probably not go.", []string{"not likely=likelihood/unlikely/neg", "almost certainly not=likelihood/almost_no_chance/neg", "probably not=likelihood/unlikely/neg"}},
		{"bands", "It is almost certain. There is a roughly even chance. A realistic possibility remains. It is improbable.", []string{"almost certain=likelihood/almost_certain", "roughly even chance=likelihood/roughly_even", "realistic possibility=likelihood/roughly_even", "improbable=likelihood/unlikely"}},
		{"May the modal, not the month", "Forces may be preparing. On May 4 they moved. In May, nothing.", []string{"may=hedge/possible"}},
		{"could of possibility, not of ability", "The unit could be a decoy. Russian forces could not capture the city. They could have denied it. No strikes could be confirmed.", []string{"could=hedge/possible"}},
		{"suggested by evidence, not proposed by a person", "These results suggested that the group split. The official suggested that residents leave. It has been suggested that talks stalled.", []string{"suggested=hedge/possible", "suggested=hedge/possible"}},
		{"passive belief, not a person believing", "The cell is thought to operate in Herat. He thought to leave early.", []string{"thought to=hedge/possible"}},
		{"a proposition, not a proposal", "We propose that the cell is new. Russia proposed that talks resume.", []string{"propose that=hedge/possible"}},
		{"apparent as a hedge, not an idiom", "The apparent goal is Kyiv. There was no apparent reason.", []string{"apparent=hedge/possible"}},
		{"probable cause is law, not likelihood", "Police had probable cause. A probable second wave looms.", []string{"probable=likelihood/likely"}},
		{"possible, not as soon as possible", "A possible offensive looms. Leave as soon as possible. If possible, call. It is possible to travel.", []string{"possible=hedge/possible"}},
		{"as X as possible is degree, not likelihood", "Evacuate as much as possible. Move as many civilians as possible. Strikes on targets such as possible depots.", []string{"possible=hedge/possible"}},
		{"potential as a hedge, not as a noun", "They set conditions for potential annexation. The army has combat potential.", []string{"potential=hedge/possible"}},
		{"remote as a judgment, not remote access", "An attack is remote. The remote access trojan spread.", []string{"remote=likelihood/almost_no_chance"}},
		{"confidence level, not confidence in the army", "We assess with high confidence that X. Public confidence in the army is low.", []string{"high confidence=confidence/high"}},
		{"appear of appearance, not of attending", "He appears determined. He appeared on television. New units appeared when the front moved.", []string{"appears=hedge/possible"}},
		{"stated risk level", "ISW assesses the risk of an invasion as low, but possible, and of involvement as very low.", []string{"low=likelihood/unlikely", "possible=hedge/possible", "very low=likelihood/very_unlikely"}},
		{"rarer hedges", "Ukraine cannot rule out an attack. Fighting looks set to intensify. It does not necessarily follow. Presumably they left.", []string{"cannot rule out=hedge/possible", "looks set to=hedge/possible", "not necessarily=hedge/possible/neg", "Presumably=hedge/possible"}},
		{"no estimative language", "Russian forces attacked Bakhmut on May 3.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := stagetest.Upstream(t, tt.give)
			if diff := cmp.Diff(tt.want, phrases(d)); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tt.give, diff)
			}
			for _, err := range pipeline.Check(d) {
				t.Error(err)
			}
		})
	}
}

func TestAttribution(t *testing.T) {
	tests := []struct{ give, want string }{
		{"ISW assesses that Russia will likely attack.", "ISW"},
		{"We assess with moderate confidence that the group may grow.", "we"},
		{"According to the Ukrainian General Staff, Russian forces may regroup.", "Ukrainian General Staff"},
		{"Russian forces may regroup.", ""},
	}
	for _, tt := range tests {
		d := stagetest.Upstream(t, tt.give)
		if len(d.Estimative) == 0 {
			t.Fatalf("%q: no estimative phrase", tt.give)
		}
		if got := d.Estimative[0].Source; got != tt.want {
			t.Errorf("%q: source %q, want %q", tt.give, got, tt.want)
		}
	}
}

func TestScalesAndSummary(t *testing.T) {
	lx := stagetest.Lexicon(t)
	text := "It will likely happen. It is highly unlikely to stop. It may end."
	for _, tt := range []struct {
		scale    string
		lo, hi   float64
		mean     float64
		category string
	}{
		{models.ScaleICD203, 0.55, 0.80, (0.675 + 0.125) / 2, "unlikely"},
		{models.ScalePHIA, 0.55, 0.75, (0.65 + 0.15) / 2, "roughly_even"}, // PHIA: 0.40 is a realistic possibility
	} {
		st, err := estimative.New(lx, tt.scale)
		if err != nil {
			t.Fatal(err)
		}
		d := stagetest.Upstream(t, text)
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		e := d.Estimative[0]
		if e.Category != "likely" || *e.Low != tt.lo || *e.High != tt.hi {
			t.Errorf("%s: %s %s [%v,%v], want likely [%v,%v]", tt.scale, e.Text, e.Category, *e.Low, *e.High, tt.lo, tt.hi)
		}
		j := d.Judgments
		if j.Judgments != 2 || j.Hedges != 1 || j.Mean == nil || fmt.Sprintf("%.4f", *j.Mean) != fmt.Sprintf("%.4f", tt.mean) || j.Category != tt.category {
			t.Errorf("%s: summary %+v mean %v, want 2 judgments, 1 hedge, mean %.4f (%s)", tt.scale, j, *j.Mean, tt.mean, tt.category)
		}
		if got := d.Sentences[0].Judgment + "," + d.Sentences[2].Judgment; got != "likely,possible" {
			t.Errorf("sentence judgments = %s, want likely,possible", got)
		}
	}
	if _, err := estimative.New(lx, "nato"); err == nil || !strings.Contains(err.Error(), "unknown probability scale") {
		t.Errorf("unknown scale: err = %v", err)
	}
}

func FuzzEstimative(f *testing.F) {
	for _, s := range []string{"ISKP will likely escalate.", "not likely may May 4 could not", "the risk as very low", "likelihood of X remains limited"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // readers hand stages valid UTF-8 only (corpus.Decode)
		}
		d := stagetest.Upstream(t, s)
		for _, err := range pipeline.Check(d) {
			t.Fatal(err)
		}
	})
}

func TestLint(t *testing.T) {
	tests := []struct {
		name string
		give string
		want []string // rule=sentence-or-phrase
	}{
		{"likelihood and confidence in one sentence", "Title\n\nWe assess with high confidence that ISKP will likely attack.",
			[]string{"likelihood-with-confidence=We assess with high confidence that ISKP will likely attack."}},
		{"near miss: confidence and likelihood in separate sentences", "Title\n\nWe assess with high confidence that ISKP exists. It will likely attack.", nil},
		{"hedge without a band", "Title\n\nRussian forces may attack Kharkiv.", []string{"hedge-without-band=Russian forces may attack Kharkiv."}},
		{"near miss: a hedge next to a band", "Title\n\nRussian forces may attack and will likely succeed.", nil},
		{"mixed yardsticks", "Title\n\nAn attack is very likely. A truce is a realistic possibility.",
			[]string{"mixed-scales=realistic possibility"}},
		{"near miss: one yardstick", "Title\n\nAn attack is very likely. A truce is roughly even chance.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := stagetest.Upstream(t, tt.give)
			var got []string
			for _, l := range d.Lint {
				got = append(got, l.Rule+"="+d.Text[l.Start:l.End])
				if l.Message == "" {
					t.Errorf("%s: empty message", l.Rule)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lint (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReportScores(t *testing.T) {
	d := stagetest.Upstream(t, "Title\n\nWe assess with moderate confidence that an attack is likely. A truce is unlikely. Talks may resume.")
	j := d.Judgments
	if j.Words != 18 || j.HedgeDensity == nil || fmt.Sprintf("%.2f", *j.HedgeDensity) != "55.56" {
		t.Errorf("words %d, hedge density %v; want 18 words, 55.56 per 1,000", j.Words, j.HedgeDensity)
	}
	if j.ConfidenceShare == nil || *j.ConfidenceShare != 0.5 {
		t.Errorf("confidence share %v, want 0.5 (one of two judgments states a confidence level)", j.ConfidenceShare)
	}
	if j.StdDev == nil || fmt.Sprintf("%.3f", *j.StdDev) != "0.175" {
		t.Errorf("stddev %v, want 0.175", j.StdDev)
	}
}
