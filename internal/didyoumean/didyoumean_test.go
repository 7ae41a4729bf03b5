package didyoumean

import "testing"

func TestSuggest(t *testing.T) {
	cands := []string{"workers", "no-index", "timeout", "takeaways", "entity", "entity_id"}
	for _, tc := range []struct{ in, want string }{
		{"worker", "workers"}, {"WORKRS", "workers"}, {"timout", "timeout"}, {"entiy", "entity"},
		{"entity_ib", "entity_id"}, {"zzz", ""}, {"", ""}, {"no-indexes", "no-index"},
	} {
		if got := Suggest(tc.in, cands); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
