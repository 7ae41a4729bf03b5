package geo_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/internal/stagetest"
)

// places annotates text and returns "text=id/feature/country[/admin1]" for
// each place entity ("text=-" when unresolved) and the focus.
func places(t *testing.T, text string) ([]string, string) {
	t.Helper()
	d := stagetest.Run(t, &pipeline.Document{ID: "g.txt", Text: "Title\n\n" + text})
	for _, err := range pipeline.Check(d) {
		t.Error(err)
	}
	var out []string
	for _, e := range d.Entities {
		if e.Label != pipeline.LabelGPE && e.Label != pipeline.LabelLoc && e.Label != pipeline.LabelFac {
			continue
		}
		s := e.Text + "=-"
		if g := e.Geo; g != nil {
			s = e.Text + "=" + g.ID + "/" + g.Feature + "/" + g.Country
			if g.Admin1 != nil {
				s += "/" + g.Admin1.Name
			}
		}
		out = append(out, s)
	}
	focus := ""
	if d.Focus != nil {
		focus = d.Focus.Country
		if d.Focus.Admin1 != nil {
			focus += "/" + d.Focus.Admin1.Name
		}
	}
	return out, focus
}

// TestResolve is the resolution table: each case is one behaviour the
// issue names (context, qualifiers, small places in a named country,
// unknown names left alone).
func TestResolve(t *testing.T) {
	tt := []struct {
		name, text string
		want       []string
		focus      string
	}{
		{"a village in the country and oblast the report names",
			"Russian forces attacked the village of Bilohorivka in Luhansk Oblast, Ukraine, and shelled Kharkiv.",
			[]string{"Bilohorivka=geonames:712588/PPL/UA/Luhansk", "Luhansk Oblast=geonames:702657/ADM1/UA", "Ukraine=geonames:690791/PCLI/UA",
				"Kharkiv=geonames:706483/PPLA/UA/Kharkivs’ka Oblast’"},
			"UA/Luhansk"},
		{"the area of the last place the sentence named, not of a list's neighbour",
			"Scientists found the virus in wild swans in Michigan on the coast of Lake Erie near the Mouillee state game area in Monroe County. Tests were done in Ames, Iowa, and in Omaha, New York and Houston.",
			[]string{"Michigan=geonames:5001836/ADM1/US", "Lake Erie=-", "Monroe County=geonames:5002348/ADM2/US/Michigan", "Ames=geonames:4846834/PPL/US/Iowa",
				"Iowa=geonames:4862182/ADM1/US", "Omaha=geonames:5074472/PPLA2/US/Nebraska", "New York=geonames:5128638/ADM1/US", "Houston=geonames:4699066/PPLA2/US/Texas"},
			"US/Iowa"},
		{"an area GeoNames names with its kind word, named without it; a seat's name is the town",
			"Gunmen attacked villages in Zamfara, Nigeria. Floods hit Pangasinan in the Philippines. Cattle rustlers killed eleven people near the central town of Isiolo, Kenya.",
			[]string{"Zamfara=geonames:2595349/ADM1/NG", "Nigeria=geonames:2328926/PCLI/NG", "Pangasinan=geonames:1695357/ADM2/PH/Ilocos",
				"Philippines=geonames:1694008/PCLI/PH", "Isiolo=geonames:196231/PPLA/KE/Isiolo County", "Kenya=geonames:192950/PCLI/KE"},
			"KE/Isiolo County"},
		{"Georgia the US state among US places",
			"Protests spread from Atlanta, Georgia, to Savannah and across the United States.",
			[]string{"Atlanta=geonames:4180439/PPLA/US/Georgia", "Georgia=geonames:4197000/ADM1/US", "Savannah=geonames:4221552/PPLA2/US/Georgia",
				"United States=geonames:6252001/PCLI/US"},
			"US/Georgia"},
		{"Georgia the country among its neighbours",
			"Russia massed troops on the border with Georgia near Tbilisi.",
			[]string{"Russia=geonames:2017370/PCLI/RU", "Georgia=geonames:614540/PCLI/GE", "Tbilisi=geonames:611717/PPLC/GE/Tbilisi"},
			"GE/Tbilisi"},
		{"a qualifier picks the city or the area",
			"Officials in Kherson City and in Kherson Oblast reported strikes.",
			[]string{"Kherson City=geonames:706448/PPLA/UA/Kherson", "Kherson Oblast=geonames:706442/ADM1/UA"},
			"UA/Kherson"},
		{"a feature word around the name: the state, not the capital",
			"The first case was found at a Washington state farm; the second in the state of Washington.",
			[]string{"Washington=geonames:5815135/ADM1/US", "Washington=geonames:5815135/ADM1/US"},
			"US/Washington"},
		{"a name in a list of states is the state",
			"Cases were reported in Oregon, Utah, Washington and Wisconsin.",
			[]string{"Oregon=geonames:5744337/ADM1/US", "Utah=geonames:5549030/ADM1/US", "Washington=geonames:5815135/ADM1/US",
				"Wisconsin=geonames:5279468/ADM1/US"},
			"US/Wisconsin"},
		{"a country is not a town of its name in another country the report names",
			"After outbreaks in Ohio, Texas and Wisconsin, the United States sent aid to Lebanon.",
			[]string{"Ohio=geonames:5165418/ADM1/US", "Texas=geonames:4736286/ADM1/US", "Wisconsin=geonames:5279468/ADM1/US",
				"United States=geonames:6252001/PCLI/US", "Lebanon=geonames:272103/PCLI/LB"},
			"US/Texas"},
		{"unless the town's state follows it", "Floods hit Lebanon, Ohio, and Dayton.",
			[]string{"Lebanon=geonames:4516412/PPLA2/US/Ohio", "Ohio=geonames:5165418/ADM1/US", "Dayton=geonames:4509884/PPLA2/US/Ohio"},
			"US/Ohio"},
		{"the state written after a town outweighs a larger town of its name", "Officials in Portland, ME, and Augusta, ME, said so, as did Columbus, Ga.",
			[]string{"Portland=geonames:4975802/PPLA2/US/Maine", "ME=geonames:4971068/ADM1/US", "Augusta=geonames:4957003/PPLA/US/Maine",
				"ME=geonames:4971068/ADM1/US", "Columbus=geonames:4188985/PPLA2/US/Georgia", "Ga.=geonames:4197000/ADM1/US"},
			"US/Maine"},
		{"the county written after a town outweighs a town of its name in a city of the county's name",
			"Contamination came from a research facility in Guildford, Surrey.",
			[]string{"Guildford=geonames:2647793/PPL/GB/England", "Surrey=geonames:2636512/ADM2/GB/England"}, "GB/England"},
		{"the area written after a town is the one that holds it", "The plane flew from Everett, Washington at 18:00.",
			[]string{"Everett=geonames:5793933/PPLA2/US/Washington", "Washington=geonames:5815135/ADM1/US"}, "US/Washington"},
		{"a form two countries share takes the town's", "Storms hit Perth, WA, and then Seattle, WA.",
			[]string{"Perth=geonames:2063523/PPLA/AU/Western Australia", "WA=geonames:2058645/ADM1/AU",
				"Seattle=geonames:5809844/PPLA2/US/Washington", "WA=geonames:5815135/ADM1/US"},
			"AU/Western Australia"},
		{"a compass name: the other form of an area, the town after it, the area it is part of", "Clashes in South Darfur and East Mosul spread to Cornwall in South West England and to St. Marc, Haiti.",
			[]string{"South Darfur=geonames:408660/ADM1/SD", "East Mosul=geonames:99072/PPLA/IQ/Nineveh", "Cornwall=geonames:2652355/ADM2/GB/England",
				"South West England=-", "St. Marc=geonames:3717588/PPL/HT/Artibonite", "Haiti=geonames:3723988/PCLI/HT"},
			"HT/Artibonite"},
		{"a feature word after a country asks for no area", "Syria state media said Damascus was calm.",
			[]string{"Syria=geonames:163843/PCLI/SY", "Damascus=geonames:170654/PPLC/SY/Damascus Governorate"}, "SY/Damascus Governorate"},
		{"an unknown name stays unresolved",
			"Fighting was reported near Zzyzxograd.",
			[]string{"Zzyzxograd=-"}, ""},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			got, focus := places(t, tc.text)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q places (-want +got):\n%s", tc.text, diff)
			}
			if focus != tc.focus {
				t.Errorf("focus %q, want %q", focus, tc.focus)
			}
		})
	}
}

// TestAreaLinks: a name written with an area noun, or listed before a
// plural one, is linked to the area it resolves to, not to the town of the
// name ("text=entity id=geo id").
func TestAreaLinks(t *testing.T) {
	d := stagetest.Run(t, &pipeline.Document{ID: "g.txt", Text: "Title\n\n" +
		"Russian forces struck Mykolaiv, Kherson, and Zaporizhia oblasts, Southern Kharkiv, Donetsk, Luhansk Oblasts and Kherson Oblast, not Kherson City."})
	var got []string
	for _, e := range d.Entities {
		if e.Label != pipeline.LabelGPE {
			continue
		}
		g := "-"
		if e.Geo != nil {
			g = e.Geo.ID
		}
		got = append(got, e.Text+"="+e.ID+"="+g)
	}
	want := []string{"Mykolaiv=geonames:700567=geonames:700567", "Kherson=geonames:706442=geonames:706442",
		"Zaporizhia oblasts=geonames:687699=geonames:687699", "Kharkiv=geonames:706482=geonames:706482", "Donetsk=geonames:709716=geonames:709716",
		"Luhansk Oblasts=geonames:702657=geonames:702657", "Kherson Oblast=geonames:706442=geonames:706442",
		"Kherson City=geonames:706448=geonames:706448"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
