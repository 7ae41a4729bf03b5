package models

import "testing"

// TestAdminAbbrevs checks every abbreviation against the place table: its
// id is the first-level area of its code and name, and the forms that name
// an area alone are unambiguous.
func TestAdminAbbrevs(t *testing.T) {
	forms, err := AdminAbbrevs()
	if err != nil {
		t.Fatal(err)
	}
	p, err := LoadPlaces()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for form, areas := range forms {
		for _, a := range areas {
			n++
			post, ok := p.Linked(GeoNamesID(a.ID))
			if !ok || post.Kind != KindAdmin1 {
				t.Errorf("%s: geonames:%d is no first-level area", form, a.ID)
				continue
			}
			if got := p.Admin1[post.Index]; got.Code != a.Code || got.Name != a.Name {
				t.Errorf("%s: geonames:%d is %s %s, the list says %s %s", form, a.ID, got.Code, got.Name, a.Code, a.Name)
			}
			if a.Alone && len(areas) > 1 {
				t.Errorf("%s names %d areas and is marked to name one alone", form, len(areas))
			}
		}
	}
	if n < 140 || len(forms["N.J."]) != 1 || len(forms["WA"]) != 2 {
		t.Errorf("%d abbreviations, N.J. %v, WA %v", n, forms["N.J."], forms["WA"])
	}
}
