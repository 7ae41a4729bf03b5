package entities

import (
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/pipeline"
)

// TestDefinedNames: the name a defining sentence opens with takes the kind
// its defining noun gives; a listed name, an event and a sentence without a
// defining noun give nothing.
func TestDefinedNames(t *testing.T) {
	s := testStage(t)
	for _, tt := range []struct {
		text string
		want string // "name/LABEL", or "" for none
	}{
		{"Hibhib (Arabic: ناحية هبهب, Hibhib Village) is a village in northern Iraq.", "Hibhib/GPE"},
		{"Abboud Qanbar(Arabic: عبود قنبر), also known as Abu Haidar,[1] is an Iraqi General.", "Abboud Qanbar/PERSON"},
		{"Alsumaria News (Arabic: السومرية نيوز) is an independent Iraqi satellite TV network.", "Alsumaria News/ORG"},
		{"“Jaish al-Ta'ifa al-Mansurah (Arabic: جيش) is a militant Sunni group known to take part.", "Jaish al-Ta'ifa al-Mansurah/GROUP"},
		{"The Syrian Computer Society is an organization in Syria.", "Syrian Computer Society/ORG"},
		{"Operation Steel Curtain (Arabic: الحجاب) was a military operation.", ""},
		{"Russia is a country in Europe.", ""},
		{"Zorvat Quilem is a good man.", ""},
		{"Digby --- Annapolis is a provincial electoral district.", ""},
		{"Manchester was one of the first cities in England to industrialize.", "Manchester/GPE"},
		{"Zorvat Quilem was one of the first towns to fall.", "Zorvat Quilem/GPE"},
		{"Zorvat Quilem was a town councillor.", ""},
		{"Zorvat Quilem is a small town north of Kyiv.", "Zorvat Quilem/GPE"},
		{"Zorvat Quilem was one of the first organizations to fall.", ""},
	} {
		ws := splitWords(tt.text, 0, len(tt.text))
		s.gaz.mark(ws)
		var got []string
		for _, e := range s.definedNames(tt.text, [][]word{ws}) {
			got = append(got, e.Text+"/"+e.Label)
		}
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", tt.text, got, want)
		}
	}
}

// TestCompanyShortNames: a company's name without its designator is the
// company, unless it is a listed place ("Michigan" of "Michigan Corp.").
func TestCompanyShortNames(t *testing.T) {
	s := testStage(t)
	for _, tt := range []struct {
		text, company string
		want          []string
	}{
		{"Pirelli SpA agreed; Pirelli said so.", "Pirelli SpA", []string{"Pirelli"}},
		{"Michigan Corp. fell; Michigan voters left.", "Michigan Corp.", nil},
	} {
		ws := splitWords(tt.text, 0, len(tt.text))
		s.gaz.mark(ws)
		st := strings.Index(tt.text, tt.company)
		ents := []pipeline.Entity{{Start: st, End: st + len(tt.company), Text: tt.company, Label: pipeline.LabelOrg, Source: "rule"}}
		var got []string
		for _, e := range s.companyShortNames(tt.text, [][]word{ws}, ents) {
			got = append(got, e.Text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
		}
	}
}
