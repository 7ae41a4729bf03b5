package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sitrep/sitrep/pipeline"
)

// Each calls fn for every record of OUT/annotations.jsonl, in file order,
// decoding one record at a time (memory does not grow with the folder). It
// stops at the first error fn returns. It is the one reader of an output
// folder's records: export, stats, the web page, lint and eval use it.
func Each(out string, fn func(*pipeline.Document) error) error {
	path := filepath.Join(out, JSONLName)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open records: %w", err)
	}
	defer f.Close()
	return Decode(path, f, fn)
}

// Decode reads JSON Lines records from r (named name in errors); see
// pipeline.DecodeRecords.
func Decode(name string, r io.Reader, fn func(*pipeline.Document) error) error {
	return pipeline.DecodeRecords(name, r, fn)
}
