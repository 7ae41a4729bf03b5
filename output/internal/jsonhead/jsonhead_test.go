package jsonhead

import (
	"encoding/json"
	"testing"
)

func TestKeyString(t *testing.T) {
	tt := []struct {
		js, key string
		at      int // -1: not found
		val     string
		ok      bool
	}{
		{`{"id":"x","text":"a\nb"}`, "text", 10, "a\nb", true},
		{`{"meta":{"text":"no"},"text":"yes"}`, "text", 22, "yes", true},
		{`{"title":"a \"text\": b","text":"t"}`, "text", 25, "t", true},
		{`{"tokens":[{"text":"x"}],"text":"t"}`, "text", 25, "t", true},
		{"{\n  \"text\" : \"\\u00e9\\ud83d\\ude00\\/\"\n}", "text", 4, "é😀/", true},
		{`{"id":"x","text":"cut`, "text", 10, "", false},
		{`{"id":"x","te`, "text", -1, "", false},
		{`{"id":"a \"text\":"}`, "text", -1, "", false},
		{`{"text":[1]}`, "text", 1, "", false},
	}
	for _, tc := range tt {
		i := Key([]byte(tc.js), tc.key)
		if i != tc.at {
			t.Errorf("Key(%s, %s) = %d, want %d", tc.js, tc.key, i, tc.at)
			continue
		}
		if i < 0 {
			continue
		}
		s, ok, err := String([]byte(tc.js), i)
		if s != tc.val || ok != tc.ok || err != nil {
			t.Errorf("String(%s) = %q, %v, %v; want %q, %v", tc.js, s, ok, err, tc.val, tc.ok)
		}
	}
}

// FuzzString: any title and text, encoded by encoding/json (indented or
// not), read back by Key and String as encoding/json reads them.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", `quote " back \ slash`, "tab\tnl\n", "é 😀 \u2028", "\xed\xa0\x80", `"text":"x"`} {
		f.Add(s, s+"!")
	}
	f.Fuzz(func(t *testing.T, title, text string) {
		rec := map[string]any{"id": "x", "meta": map[string]string{"text": title}, "text": text, "title": title, "z": []string{text}}
		for _, indent := range []bool{false, true} {
			var js []byte
			if indent {
				js, _ = json.MarshalIndent(rec, "", "  ")
			} else {
				js, _ = json.Marshal(rec)
			}
			var want struct{ Title, Text string }
			if err := json.Unmarshal(js, &want); err != nil {
				t.Fatal(err)
			}
			for key, w := range map[string]string{"title": want.Title, "text": want.Text} {
				i := Key(js, key)
				if i < 0 {
					t.Fatalf("Key(%s) not found in %s", key, js)
				}
				got, ok, err := String(js, i)
				if !ok || err != nil || got != w {
					t.Fatalf("String(%s) = %q, %v, %v; want %q", key, got, ok, err, w)
				}
			}
		}
	})
}
