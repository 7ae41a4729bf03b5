package output_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/pipeline"
)

// Each is the one reader of an output folder's records: it decodes
// annotations.jsonl one record at a time.
func ExampleEach() {
	dir, _ := os.MkdirTemp("", "sitrep-example")
	defer os.RemoveAll(dir)
	lines := []string{`{"id":"a.txt","title":"A","text":"ISKP","entities":[{"start":0,"end":4,"text":"ISKP","label":"GROUP"}]}`,
		`{"id":"b.txt","title":"B","text":"Kabul"}`}
	os.WriteFile(filepath.Join(dir, output.JSONLName), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	err := output.Each(dir, func(d *pipeline.Document) error {
		fmt.Println(d.ID, len(d.Entities))
		return nil
	})
	fmt.Println(err)
	// Output:
	// a.txt 1
	// b.txt 0
	// <nil>
}
