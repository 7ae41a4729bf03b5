package entities

import "testing"

func TestBareSurname(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"al-Assad", "Assad"}, {"el-Sisi", "Sisi"}, {"Al-Baghdadi", "Baghdadi"}, {"al‑Zawahiri", "Zawahiri"},
		{"ash-Shishani", "Shishani"}, {"Rahmani", ""}, {"al-", ""}, {"al-qaida", ""}, {"Smith-Jones", ""}, {"Ibn-Saud", ""},
	} {
		if got := bareSurname(tt.in); got != tt.want {
			t.Errorf("bareSurname(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
