package indicators

import "testing"

// TestHasPhone: a telephone or fax number, or its label, marks a line of
// contact details; dates, versions, times and plus signs in prose do not.
func TestHasPhone(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"(+352) 247 88444 - info@circl.lu – www.circl.lu", true},
		{"address: 1520 18th Street Nw; telephone: [1] (202) 331-8947; FAX: [1] (202) 331-8958; email: x@y.hk", true},
		{"Tel.: 0049 30 1234", true},
		{"Call +1 202 555 0100 for details", true},
		{"+44 (20) 7946 0958", true},
		{"The implant beacons to update-check.net every hour.", false},
		{"Version: 2.7.2 Pro, compiled 2020-11-27 10:41:21", false},
		{"C++ and 3+2 loaders; rating +1 for the hotel", false},
		{"Hotel: Ritz; motel: none", false},
		{"", false},
	} {
		if got := hasPhone(tt.line); got != tt.want {
			t.Errorf("hasPhone(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
