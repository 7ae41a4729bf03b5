package timex_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/internal/stagetest"
	"github.com/sitrep/sitrep/pipeline/timex"
)

// timexes annotates text as a report published on dct ("" for none) and
// returns its timexes as "text/TYPE=value" (value "null" when unresolved),
// with "/MOD" when there is a mod.
func timexes(t *testing.T, dct, text string) []string {
	t.Helper()
	d := &pipeline.Document{ID: "test.txt", Text: "Title\n\n" + text, Published: dct}
	if dct != "" {
		d.PublishedBy = "text"
	}
	stagetest.Run(t, d)
	for _, err := range pipeline.Check(d) {
		t.Error(err)
	}
	var out []string
	for _, x := range d.Timexes {
		v := "null"
		if x.Value != nil {
			v = *x.Value
		}
		s := x.Text + "/" + x.Type + "=" + v
		if x.Mod != "" {
			s += "/" + x.Mod
		}
		out = append(out, s)
	}
	return out
}

// TestValues is the rule table: each case is one behaviour of TimeML's
// conventions (TimeBank practice) or of the ISW gold's, on a report date.
func TestValues(t *testing.T) {
	tt := []struct {
		name, dct, text string
		want            []string
	}{
		{"full and partial dates take the report's year", "2022-03-12",
			"On March 11 and on October 13, 2021 and on 5 May 2020, and by 2019-07-12 and 7/8/07.",
			[]string{"March 11/DATE=2022-03-11", "October 13, 2021/DATE=2021-10-13", "5 May 2020/DATE=2020-05-05",
				"2019-07-12/DATE=2019-07-12", "7/8/07/DATE=2007-07-08"}},
		{"a day, a month and a year joined by of", "2022-03-12",
			"On the 27th of February of 2020 and in November of 2019.",
			[]string{"27th of February of 2020/DATE=2020-02-27", "November of 2019/DATE=2019-11"}},
		{"a month alone after a capitalised word it does not lead is part of a name, unless a noun follows", "2013-03-20",
			"It resembles campaigns such as Red October, and Black September. The Chicago Purchasing Managers August index rose; in October it fell.",
			[]string{"August/DATE=2013-08", "October/DATE=2013-10"}},
		{"a weekday after a place is a date; after another capitalised word, part of a name", "2008-01-21",
			"Stocks dropped in Europe and Asia Monday. Black Monday was worse.",
			[]string{"Monday/DATE=2008-01-21"}},
		{"later and earlier count from the last date of the text at its own granularity, never from the report's", "2011-10-06",
			"He started Apple in 1976, and in 1984 the Macintosh was released. One year later he was fired; three days later he left.",
			[]string{"1976/DATE=1976", "1984/DATE=1984", "One year later/DATE=1985", "three days later/DATE=null"}},
		{"the first date of a range or list takes the year written after the last", "2022-03-12",
			"Between July 17 and August 2, 1945, they met. It ran from December 28 to January 3, 2021, and in the summer and fall of 2020.",
			[]string{"July 17/DATE=1945-07-17", "August 2, 1945/DATE=1945-08-02", "December 28/DATE=2020-12-28", "January 3, 2021/DATE=2021-01-03",
				"summer/DATE=2020-SU", "fall of 2020/DATE=2020-FA"}},
		{"the present as an adjective, the following as a pronoun", "2022-03-12",
			"We regret the present situation; until the present we waited. Callaghan said the following a few days ago: no.",
			[]string{"the present/DATE=PRESENT_REF", "a few days ago/DATE=PAST_REF"}},
		{"a body named for a day names no time", "2025-03-02",
			"Rwanda backs the March 23 Movement, which took Goma on January 27.",
			[]string{"January 27/DATE=2025-01-27"}},
		{"year roll-over: a January report's December is last year's", "2022-01-04",
			"Shelling began on December 28 and will resume on February 2.",
			[]string{"December 28/DATE=2021-12-28", "February 2/DATE=2022-02-02"}},
		{"a month alone, seasons, decades, quarters, halves and fiscal years", "2022-09-13",
			"In February, by December, in autumn 2022, the 1990s, the third quarter of 2009, Q4 2021, the first half of 2020, fiscal 2023 and the final quarter of 2009.",
			[]string{"February/DATE=2022-02", "December/DATE=2022-12", "autumn 2022/DATE=2022-FA", "1990s/DATE=199",
				"the third quarter of 2009/DATE=2009-Q3", "Q4 2021/DATE=2021-Q4", "the first half of 2020/DATE=2020-H1",
				"fiscal 2023/DATE=FY2023", "the final quarter of 2009/DATE=2009-Q4"}},
		{"last and next season: the latest that has ended, the first that has not begun", "1998-03-10",
			"Last fall the plant hired staff; next summer it will expand. Last summer and last winter were dry; next winter will be wet.",
			[]string{"Last fall/DATE=1997-FA", "next summer/DATE=1998-SU", "Last summer/DATE=1997-SU", "last winter/DATE=1997-WI", "next winter/DATE=1998-WI"}},
		{"last season once it has ended this year", "1998-10-20",
			"Last summer was dry and last spring wet; next spring may be wetter.",
			[]string{"Last summer/DATE=1998-SU", "last spring/DATE=1998-SP", "next spring/DATE=1999-SP"}},
		{"centuries, the end of a decade, the fall after a preposition, a season each year", "1998-03-10",
			"In the 20th century and the early 19th century; by the end of the decade; in the fall, not the fall of Kabul; each spring.",
			[]string{"20th century/DATE=19", "early 19th century/DATE=18/START", "the end of the decade/DATE=199/END", "fall/DATE=1998-FA",
				"each spring/SET=XXXX-SP"}},
		{"mods: early, late, mid, the end of", "2022-06-01",
			"In late May, mid-August, early 2021, by the end of the year, early next year and the end of last month.",
			[]string{"late May/DATE=2022-05/END", "mid-August/DATE=2022-08/MID", "early 2021/DATE=2021/START",
				"the end of the year/DATE=2022/END", "early next year/DATE=2023/START", "the end of last month/DATE=2022-05/END"}},
		{"month ranges joined by a hyphen are two dates", "2022-06-01",
			"Russia may lose its GLOCs by July-August and during 2009-2010.",
			[]string{"July/DATE=2022-07", "August/DATE=2022-08", "2009/DATE=2009", "2010/DATE=2010"}},
		{"days relative to the report", "2021-11-03",
			"Yesterday the group struck; today it is quiet; tomorrow talks resume. Earlier today, officials met.",
			[]string{"Yesterday/DATE=2021-11-02", "today/DATE=2021-11-03", "tomorrow/DATE=2021-11-04", "Earlier today/DATE=2021-11-03"}},
		{"weekdays: past tense looks back, future tense forward", "2021-11-03", // a Wednesday
			"The attack happened on Tuesday. Talks will resume on Friday. He spoke Wednesday.",
			[]string{"Tuesday/DATE=2021-11-02", "Friday/DATE=2021-11-05", "Wednesday/DATE=2021-11-03"}},
		{"last and next", "2021-11-03",
			"Last week, last month, next year, this weekend, last September, next Friday and last night.",
			[]string{"Last week/DATE=2021-W43", "last month/DATE=2021-10", "next year/DATE=2022", "this weekend/DATE=2021-W44-WE",
				"last September/DATE=2021-09", "next Friday/DATE=2021-11-05", "last night/TIME=2021-11-02TNI"}},
		{"anaphora: the same day and the next day count from the last date", "2022-03-12",
			"Forces reached the town on March 3. The same day, shelling began; the next day it stopped; two days later it resumed.",
			[]string{"March 3/DATE=2022-03-03", "The same day/DATE=2022-03-03", "the next day/DATE=2022-03-04",
				"two days later/DATE=2022-03-06"}},
		{"a year back from the last date, and the weekend", "2009-02-03",
			"Sales fell in January, down from the same month a year ago and the same period last year. Over the weekend, in minutes, prices fell.",
			[]string{"January/DATE=2009-01", "the same month a year ago/DATE=2008-01", "the same period last year/DATE=2008-01",
				"the weekend/DATE=2009-W06-WE", "minutes/DURATION=PTXM"}},
		{"since looks back; the day is the reported day even after a year", "2009-03-13",
			"Stocks had their best week since November. In 2008 they fell; the day ended higher.",
			[]string{"November/DATE=2008-11", "2008/DATE=2008", "the day/DATE=2009-03-13"}},
		{"the day being reported", "2022-03-12",
			"Russian forces did not advance for the second day in a row and shelled Kyiv throughout the day.",
			[]string{"the second day in a row/DATE=2022-03-12", "the day/DATE=2022-03-12"}},
		{"an event anchor gives no value, not a guess", "2021-09-01",
			"Violence rose the day after the Taliban's takeover and the day before.",
			[]string{"the day after/DATE=null", "the day before/DATE=2021-08-31"}},
		{"durations", "2022-03-12",
			"In the past 24 hours, over the past three months, for several weeks, nearly five months, a 12-year deal, the past months and two and a half years.",
			[]string{"the past 24 hours/DURATION=PT24H", "the past three months/DURATION=P3M", "several weeks/DURATION=PXW",
				"nearly five months/DURATION=P5M/LESS_THAN", "12-year/DURATION=P12Y", "the past months/DURATION=PXM",
				"two and a half years/DURATION=P2.5Y"}},
		{"ago", "2011-03-18",
			"A week ago, three years ago, some weeks ago and a few days ago.",
			[]string{"A week ago/DATE=2011-03-11", "three years ago/DATE=2008", "some weeks ago/DATE=PAST_REF", "a few days ago/DATE=PAST_REF"}},
		{"clock times take the day they follow", "2022-03-12",
			"Published March 12, 4:00 pm EST. At 0800 UTC on Monday and at 16:00 UTC today.",
			[]string{"March 12/DATE=2022-03-12", "4:00 pm EST/TIME=2022-03-12T16:00", "0800 UTC on Monday/TIME=2022-03-07T08:00Z",
				"16:00 UTC today/TIME=2022-03-12T16:00Z"}},
		{"frequencies and vague references", "2022-03-12",
			"Weekly reports, twice a day, every two weeks; the group is currently active, recently moved and will soon strike in the near future.",
			[]string{"Weekly/SET=P1W", "a day/SET=P1D", "every two weeks/SET=P2W", "currently/DATE=PRESENT_REF",
				"recently/DATE=PAST_REF", "soon/DATE=FUTURE_REF", "the near future/DATE=FUTURE_REF"}},
		{"a month of the report's next, last or this year", "2009-05-15",
			"Franchises will not be renewed after October of next year. Sales fell in March of last year and rose in May of this year.",
			[]string{"October/DATE=2010-10", "next year/DATE=2010", "March/DATE=2008-03", "last year/DATE=2008", "May/DATE=2009-05", "this year/DATE=2009"}},
		{"a number and a unit before a noun, hyphened or not, is a duration", "2022-03-12",
			"Stocks fell to a 20 year low after a four day losing streak and a 12-year high; the 2014 year ended. The list of 16 Decade Volcanoes grew.",
			[]string{"20 year/DURATION=P20Y", "four day/DURATION=P4D", "12-year/DURATION=P12Y", "2014/DATE=2014"}},
		{"ordinals and flaws are no durations", "2022-03-12",
			"At the thirty-second session and its sixty-second meeting, a 0-day exploit and 1-day vulnerabilities were shown in a thirty-second video.",
			[]string{"thirty-second/DURATION=PT30S"}},
		{"numbers that are not years", "2022-03-12",
			"A force of 2000 troops, $2015 in fees, 2882015 files, Version 2.2021.3, No. 2019, and 629 people arrived in 2019.",
			[]string{"2019/DATE=2019"}},
		{"releases and identifiers are no years", "2022-03-12",
			"Windows Server 2008 R2, Office 2016 and Exchange 2019 hosts; port 2048, RSA 2048 keys, Command 2048 and error code 2003; windows 2000 metres wide, in 2019; resolution 1973 (2011).",
			[]string{"2019/DATE=2019", "2011/DATE=2011"}},
		{"May the modal and March the verb are no months", "2022-03-12",
			"May we march on? Troops March forward. It may rain in May.",
			[]string{"May/DATE=2022-05"}},
		{"no report date: unknown parts stay unknown", "",
			"On November 2 and in March, yesterday, and on October 13, 2021.",
			[]string{"November 2/DATE=XXXX-11-02", "March/DATE=XXXX-03", "yesterday/DATE=null", "October 13, 2021/DATE=2021-10-13"}},
		{"holidays: the one nearest the report, a given year, last and next", "2023-01-10",
			"A truce for Orthodox Christmas, strikes on New Year's Eve and on Christmas Eve, Christmas 2021, last Christmas, next Easter and this Thanksgiving.",
			[]string{"Orthodox Christmas/DATE=2023-01-07", "New Year's Eve/DATE=2022-12-31", "Christmas Eve/DATE=2022-12-24",
				"Christmas 2021/DATE=2021-12-25", "last Christmas/DATE=2022-12-25", "next Easter/DATE=2023-04-09", "this Thanksgiving/DATE=2023-11-23"}},
		{"movable feasts by the year's computus and weekday rules", "2024-06-01",
			"Easter 2008, Easter 2019, Easter 2038, Orthodox Easter 2021, Orthodox Easter 2024, Good Friday of 2025, Memorial Day 2021, Labor Day 2023, Thanksgiving 2022 and Martin Luther King Jr. Day 2024.",
			[]string{"Easter 2008/DATE=2008-03-23", "Easter 2019/DATE=2019-04-21", "Easter 2038/DATE=2038-04-25",
				"Orthodox Easter 2021/DATE=2021-05-02", "Orthodox Easter 2024/DATE=2024-05-05", "Good Friday of 2025/DATE=2025-04-18",
				"Memorial Day 2021/DATE=2021-05-31", "Labor Day 2023/DATE=2023-09-04", "Thanksgiving 2022/DATE=2022-11-24",
				"Martin Luther King Jr. Day 2024/DATE=2024-01-15"}},
		{"a country's Independence Day; unnamed, no guess", "2022-08-20",
			"Ahead of Ukraine's Independence Day, and of the Belarusian Independence Day, officials spoke of Independence Day.",
			[]string{"Independence Day/DATE=2022-08-24", "Independence Day/DATE=2022-07-03", "Independence Day/DATE=null"}},
		{"holiday names inside other names and things are no days", "2022-12-01",
			"The Good Friday Agreement, Christmas Island, the Christmas tree, an Easter egg, the Easter Rising and the Lunar New Year.",
			nil},
		{"a holiday's season is a period; at a sentence end the full stop stays out", "2007-01-18",
			"Sales rose during the Christmas and New Year sales period and the Christmas holidays. Russia paraded on Victory Day.",
			[]string{"Christmas/DURATION=PXD", "New Year/DURATION=PXD", "Christmas/DURATION=PXD", "Victory Day/DATE=2007-05-09"}},
		{"no report date: a fixed holiday's day is known, a movable one's is not", "",
			"On Christmas Day and on Easter Monday.",
			[]string{"Christmas Day/DATE=XXXX-12-25", "Easter Monday/DATE=null"}},
		{"newswire comparisons: the year-earlier period, the year-ago quarter, a year before a year-first quarter", "1990-03-15",
			"Net fell in the third quarter from the year-earlier period; the year-ago quarter and 1989's fourth quarter were better, as was the 1988 first quarter.",
			[]string{"the third quarter/DATE=1989-Q3", "the year-earlier period/DATE=1988-Q3", "the year-ago quarter/DATE=1988-Q3",
				"1989's fourth quarter/DATE=1989-Q4", "the 1988 first quarter/DATE=1988-Q1"}},
		{"noon and midnight, and a clock time's day after it", "2022-03-12",
			"The General Staff reported at midnight local time on March 11 and as of 16:00 local time on March 10; talks resume at noon Tuesday.",
			[]string{"midnight/TIME=2022-03-11T24:00", "March 11/DATE=2022-03-11", "16:00/TIME=2022-03-10T16:00", "March 10/DATE=2022-03-10",
				"noon Tuesday/TIME=2022-03-08T12:00"}},
		{"year-end: the one just past in a first-quarter report, unless the clause looks forward", "1990-03-15",
			"At year-end the debt was $1 billion; by year end it will list.",
			[]string{"year-end/DATE=1989/END", "year end/DATE=1990/END"}},
		{"machine timestamps are one TIME: ctime and RFC 2822", "2014-03-20",
			"Compile time Mon Jun 18 16:28:11 2012 and Tue Jun 19 12:41:21 2007 UTC; Date: Fri, 14 Mar 2014 10:22:01 +0000.",
			[]string{"Mon Jun 18 16:28:11 2012/TIME=2012-06-18T16:28:11", "Tue Jun 19 12:41:21 2007 UTC/TIME=2007-06-19T12:41:21Z",
				"Fri, 14 Mar 2014 10:22:01 +0000/TIME=2014-03-14T10:22:01Z"}},
		{"weekdays every week", "2022-03-12",
			"Every Tuesday and on Fridays they meet; Fridays for Future marched.",
			[]string{"Every Tuesday/SET=XXXX-WXX-2", "Fridays/SET=XXXX-WXX-5"}},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, timexes(t, tc.dct, tc.text)); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestAnchors checks that a value counted from a date of the text says which.
func TestAnchors(t *testing.T) {
	text := "Title\n\nForces reached the town on March 3. The next day it fell. Today it is quiet."
	d := stagetest.Run(t, &pipeline.Document{ID: "a.txt", Text: text, Published: "2022-03-12", PublishedBy: "path"})
	var got []string
	for _, x := range d.Timexes {
		s := x.Text + ":" + x.Anchor
		if x.AnchorStart != nil {
			s += "@" + d.Text[*x.AnchorStart:*x.AnchorStart+len("March 3")]
		}
		got = append(got, s)
	}
	want := []string{"March 3:dct", "The next day:text@March 3", "Today:dct"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anchors (-want +got):\n%s", diff)
	}
}

// TestFileDateIsNoAnchor: the file's modification time is when the file
// was copied; an undated report must not resolve "yesterday" from it.
func TestFileDateIsNoAnchor(t *testing.T) {
	d := stagetest.Run(t, &pipeline.Document{ID: "a.txt", Text: "Title\n\nYesterday it fell.", FileModified: "2026-12-04T10:00:00Z"})
	if len(d.Timexes) != 1 || d.Timexes[0].Value != nil {
		t.Fatalf("timexes = %+v, want one with a null value", d.Timexes)
	}
}

// TestDateEntitiesGetValues: a DATE entity with a timex's span carries its value.
func TestDateEntitiesGetValues(t *testing.T) {
	d := stagetest.Run(t, &pipeline.Document{ID: "a.txt", Text: "Title\n\nOn November 2 the hospital was attacked.", Published: "2021-11-03", PublishedBy: "text"})
	var got []string
	for _, e := range d.Entities {
		if e.Label == pipeline.LabelDate {
			got = append(got, e.Text+"="+e.Value)
		}
	}
	if diff := cmp.Diff([]string{"November 2=2021-11-02"}, got); diff != "" {
		t.Errorf("DATE entities (-want +got):\n%s", diff)
	}
}

func FuzzTimex(f *testing.F) {
	for _, s := range []string{"On March 3, 2022 at 16:00 UTC the next day", "the past 24 hours, mid-2011, July-August",
		"2009-2010 - - mid- -2011 FY09 Q3 'the 90s' 7/8/07 31/31/31", "the day after the day before yesterday"} {
		f.Add(s, "2022-03-12")
	}
	f.Fuzz(func(t *testing.T, text, dct string) {
		if !strings.HasPrefix(dct, "20") {
			dct = ""
		}
		text = strings.ToValidUTF8(text, "\uFFFD") // readers decode to UTF-8 before any stage
		d := stagetest.Run(t, &pipeline.Document{ID: "f.txt", Text: text, Published: dct, PublishedBy: "text"})
		for _, err := range pipeline.Check(d) {
			t.Error(err)
		}
	})
}

func TestDays(t *testing.T) {
	tt := []struct {
		v           string
		first, last string
	}{
		{"2022-03-12", "2022-03-12", "2022-03-12"},
		{"2022-03-12T16:00Z", "2022-03-12", "2022-03-12"},
		{"2021-11-02TNI", "2021-11-02", "2021-11-02"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2021-W44", "2021-11-01", "2021-11-07"},
		{"2021-W44-WE", "2021-11-06", "2021-11-07"},
		{"2020-W53", "2020-12-28", "2021-01-03"},
		{"2022", "", ""}, {"2022-Q3", "", ""}, {"2022-SU", "", ""}, {"P2W", "", ""}, {"XXXX-11-02", "", ""},
		{"2022-02-30", "", ""}, {"PAST_REF", "", ""},
	}
	for _, tc := range tt {
		f, l, ok := timex.Days(tc.v)
		got := [2]string{}
		if ok {
			got = [2]string{f.Format("2006-01-02"), l.Format("2006-01-02")}
		}
		if got != [2]string{tc.first, tc.last} {
			t.Errorf("Days(%q) = %v, want [%s %s]", tc.v, got, tc.first, tc.last)
		}
	}
}
