package entities

import (
	"testing"

	"github.com/sitrep/sitrep/pipeline"
)

// TestNamelessDate: the model's dates need a calendar word, a word of time
// or a number that is no decimal or share; its villages read as November
// ("Novobohdanivka") and the Factbook's shares ("Evangelical 50.2%") go.
func TestNamelessDate(t *testing.T) {
	for _, tt := range []struct {
		text, date, source string // date: the model's span, at the start of text
		want               bool
	}{
		{"Novobohdanivka and Troitske", "Novobohdanivka", "model", true},
		{"Opytne (4km south)", "Opytne", "model", true},
		{"Evangelical 50.2%, Roman Catholic 30.1%", "Evangelical 50", "model", true},
		{"Evangelical 11.2%, Moravian", "Evangelical 11.", "model", true},
		{"Macau 30%, UAE", "Macau 30", "model", true},
		{"Dec.14th press conference", "Dec", "model", false},
		{"Golden Age Spanish poets", "Golden Age Spanish", "model", false},
		{"the mid-Sixties playing", "the mid-Sixties", "model", false},
		{"Sept 20th,2016", "Sept 20th", "model", false},
		{"July FOMC meeting", "July FOMC", "model", false},
		{"Christmas Eve", "Christmas Eve", "model", false},
		{"2021.", "2021", "model", false},
		{"Thirty Years War", "Thirty Years", "model", true}, // the first words of an event's name
		{"Golden Age Spanish or Early Modern Spanish", "Golden Age", "model", true},
		{"Suite 1104, New York", "Suite 1104", "model", true},
		{"Novobohdanivka and Troitske", "Novobohdanivka", "rule", false},
		{"Middlesex 199 and 426", "Middlesex 199", "model", true},
		{"Japan's Nikkei 225 fell", "Nikkei 225", "model", true},
		{"Orrell 13 Bath 56", "Orrell 13", "model", true},
		{"the past 24 hours", "the past 24 hours", "model", false},
		{"the 5th and", "the 5th", "model", false},
		{"the 90s", "the 90s", "model", false},
	} {
		e := pipeline.Entity{End: len(tt.date), Text: tt.date, Label: pipeline.LabelDate, Source: tt.source}
		if got := namelessDate(tt.text, e); got != tt.want {
			t.Errorf("namelessDate(%q in %q from %s) = %v, want %v", tt.date, tt.text, tt.source, got, tt.want)
		}
	}
}

// TestYearRange: a range of years is one date; versions, identifiers and
// backward ranges are not.
func TestYearRange(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"1980-88", true},
		{"1990–91", true},
		{"1977-1979", true},
		{"2019-20-21", false},
		{"2019–20–21", false},
		{"2017–2019–2021", false},
		{"v2.1980-88", false},
		{"1988-80", false},
		{"1999-2000", true},
		{"1980 - 88", false},
		{"1980-8", false},
	} {
		ws := splitWords(tt.text, 0, len(tt.text))
		i := 0
		for i < len(ws) && !isYear(ws[i].lower) {
			i++
		}
		if got := i < len(ws) && yearRange(tt.text, ws, i); got != tt.want {
			t.Errorf("yearRange(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestEraEnd: a year with its era is one date; "AD" in threat reports or
// after a small number is Active Directory.
func TestEraEnd(t *testing.T) {
	for _, tt := range []struct {
		text string
		cti  bool
		want string
	}{
		{"since approximately 575 B.C. when", false, "575 B.C"},
		{"in 1200 BCE;", false, "1200 BCE"},
		{"by the 1200s BCE and", false, "1200s BCE"},
		{"in 476 CE Rome fell", false, "476 CE"},
		{"in 800 AD the king", false, "800 AD"},
		{"in 800 AD the domain", true, ""},
		{"We ran 2 AD servers", false, ""},
		{"version 3.1200 BCE", false, ""},
		{"in 1200 BCEX", false, ""},
	} {
		ws := splitWords(tt.text, 0, len(tt.text))
		got := ""
		for i := range ws {
			if j := eraEnd(tt.text, ws, i, tt.cti); j > i {
				got = tt.text[ws[i].start:ws[j].end]
				break
			}
		}
		if got != tt.want {
			t.Errorf("era in %q (cti %v) = %q, want %q", tt.text, tt.cti, got, tt.want)
		}
	}
}

// TestTrimDates: the model's date ends at its last word of time, not in the
// noun it qualifies or the name after it.
func TestTrimDates(t *testing.T) {
	for _, tt := range []struct{ date, want string }{
		{"three-year conflict", "three-year"},
		{"26-year-old man", "26-year-old"},
		{"28 year - old lost", "28 year - old"},
		{"30-year Treasury", "30-year"},
		{"July FOMC", "July"},
		{"July '", "July"},
		{"nineteenth-century America", "nineteenth-century"},
		{"10, Soba", "10"},
		{"June 5, 2020 attack", "June 5, 2020"},
		{"from 2014 to present", "from 2014 to present"},
		{"two weeks later", "two weeks later"},
		{"Victory Day parade", "Victory Day"},
		{"Tet offensive", "Tet offensive"}, // no word of time: namelessDate decides
		{"the first half", "the first half"},
	} {
		text := tt.date + " and more"
		found := []pipeline.Entity{{End: len(tt.date), Text: tt.date, Label: pipeline.LabelDate, Source: "model"}}
		if got := trimDates(text, found)[0].Text; got != tt.want {
			t.Errorf("trimDates(%q) = %q, want %q", tt.date, got, tt.want)
		}
	}
	rule := []pipeline.Entity{{End: 9, Text: "July FOMC", Label: pipeline.LabelDate, Source: "rule"}}
	if got := trimDates("July FOMC meeting", rule)[0].Text; got != "July FOMC" {
		t.Errorf("a rule's date was trimmed to %q", got)
	}
}
