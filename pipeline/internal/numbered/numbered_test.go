package numbered

import "testing"

func TestAfter(t *testing.T) {
	cases := []struct {
		lower string
		caps  bool
		want  bool
	}{
		{"port", false, true},
		{"command", true, true},
		{"rsa", true, true},
		{"windows", true, true},
		{"windows", false, false}, // "the windows 2000 residents replaced"
		{"server", true, true},
		{"resolution", false, true}, // "resolution 1973 (2011)"
		{"in", false, false},
		{"agenda", true, false}, // "Agenda 2030" is a plan named for its year
		{"since", false, false},
	}
	for _, c := range cases {
		if got := After(c.lower, c.caps); got != c.want {
			t.Errorf("After(%q, %v) = %v, want %v", c.lower, c.caps, got, c.want)
		}
	}
}
