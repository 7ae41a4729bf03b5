package models

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestEstimativeScales(t *testing.T) {
	lx, err := LoadEstimative()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"almost_no_chance", "very_unlikely", "unlikely", "roughly_even", "likely", "very_likely", "almost_certain"}
	for _, name := range []string{ScaleICD203, ScalePHIA} {
		sc := lx.Scales[name]
		if sc == nil || !slices.Equal(sc.Order, want) {
			t.Fatalf("%s: bands %v, want %v", name, sc, want)
		}
		prev := -1.0
		for _, c := range sc.Order {
			b := sc.Bands[c]
			if b.Low < prev || b.Low > b.High {
				t.Errorf("%s %s: [%v,%v] not ordered after %v", name, c, b.Low, b.High, prev)
			}
			prev = b.High
		}
	}
	icd := lx.Scales[ScaleICD203]
	for p, want := range map[float64]string{0.03: "almost_no_chance", 0.5: "roughly_even", 0.675: "likely", 0.97: "almost_certain"} {
		if got := icd.BandOf(p); got != want {
			t.Errorf("BandOf(%v) = %s, want %s", p, got, want)
		}
	}
	if got := lx.Scales[ScalePHIA].BandOf(0.37); got != "unlikely" && got != "roughly_even" {
		t.Errorf("PHIA gap 0.37 -> %s, want a neighbouring band", got)
	}
	if len(lx.Phrases) < 50 {
		t.Errorf("lexicon has %d phrases", len(lx.Phrases))
	}
}

func TestGazetteer(t *testing.T) {
	user := filepath.Join(t.TempDir(), "mine.tsv")
	content := "id\tcanonical_name\ttype\taliases\tsource\n" +
		"acme:1\tRed Falcon Brigade\tterrorist_group\tRFB|Falcons of the Red\tanalyst notes\n" +
		"acme:2\tHarbor Works\tfacility\t\tanalyst notes\tFAC\n"
	if err := os.WriteFile(user, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := LoadGazetteer(user)
	if err != nil {
		t.Fatal(err)
	}
	find := func(id string) *GazEntry {
		for i := range g.Entries {
			if g.Entries[i].ID == id {
				return &g.Entries[i]
			}
		}
		return nil
	}
	for id, label := range map[string]string{"ca-listed:37": "GROUP", "attack:G0092": "GROUP", "geonames:1138958": "GPE",
		"attack:S0002": "TOOL", "acme:1": "GROUP", "acme:2": "FAC"} {
		e := find(id)
		if e == nil || e.Label != label {
			t.Errorf("%s: %+v, want label %s", id, e, label)
		}
	}
	if e := find("ca-listed:37"); e == nil || !slices.Contains(e.Aliases, "ISKP") {
		t.Errorf("ISKP is not an alias of ca-listed:37: %+v", e)
	}
	for _, e := range g.Entries {
		if len(e.ID) > 9 && e.ID[:9] == "malpedia:" {
			t.Fatalf("Malpedia entry %s shipped (its licence forbids it)", e.ID)
		}
	}
	// Two-word threat names are also matched written as one word, as no
	// clue; a given name and surname is not ("Donald Trump" is a
	// ransomware's name too).
	joined := map[string]GazEntry{}
	for _, e := range g.Entries {
		for _, a := range e.Aliases {
			if a == "AgentTesla" || a == "CobaltStrike" || a == "DonaldTrump" {
				joined[a] = e
			}
		}
	}
	for _, a := range []string{"AgentTesla", "CobaltStrike"} {
		if e, ok := joined[a]; !ok || !e.NoClue || e.Label != "MALWARE" && e.Label != "TOOL" {
			t.Errorf("%s: %+v (found %v), want a threat entry that is no clue", a, e, ok)
		}
	}
	if e, ok := joined["DonaldTrump"]; ok {
		t.Errorf("DonaldTrump listed: %+v", e)
	}
	if !g.CommonWords["will"] || g.CommonWords["kabul"] {
		t.Errorf("common words: will=%v kabul=%v", g.CommonWords["will"], g.CommonWords["kabul"])
	}
	if _, err := LoadGazetteer(filepath.Join(t.TempDir(), "missing.tsv")); err == nil {
		t.Error("a missing user gazetteer loaded without error")
	}
}

func TestSiteName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"isw", "Institute for the Study of War"},
		{"Institute for the Study of War", "Institute for the Study of War"},
		{"www.understandingwar.org", "Institute for the Study of War"},
		{"WeLiveSecurity", "ESET"},
		{"example.org", "example.org"},
		{"cti", "cti"},
	} {
		if got := SiteName(tc.in); got != tc.want {
			t.Errorf("SiteName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
