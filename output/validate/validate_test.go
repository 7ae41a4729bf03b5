package validate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/internal/outtest"
	"github.com/sitrep/sitrep/output/validate"
)

func TestValidateFindsProblems(t *testing.T) {
	dir := t.TempDir()
	outtest.WriteRun(t, dir, outtest.Doc("a.txt", "ISKP will possibly strike."), outtest.Doc("b.txt", "ISKP and possibly others."))
	p := filepath.Join(dir, output.JSONLName)
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(raw), []byte("\n"))
	// Break an offset in the first record and swap the order of the two records.
	lines[0] = bytes.Replace(lines[0], []byte(`"text":"ISKP","label"`), []byte(`"text":"ISIS","label"`), 1)
	lines[0], lines[1] = lines[1], lines[0]
	if err := os.WriteFile(p, append(bytes.Join(lines, []byte("\n")), '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(outtest.ValidProblems(t, dir), "\n")
	for _, want := range []string{`text "ISIS" != text[0:4] "ISKP"`, "ids not sorted", "differs from the JSON Lines record"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems do not mention %q:\n%s", want, joined)
		}
	}
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	if errs := v.Record([]byte(`{"id": "x"}`)); len(errs) == 0 || !strings.Contains(errs[0].Error(), "missing properties") {
		t.Errorf("schema accepted a record without its required fields: %v", errs)
	}
}
