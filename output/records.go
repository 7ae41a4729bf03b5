package output

import (
	"bufio"
	"encoding/json"
	"errors"
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

// Decode reads JSON Lines records from r (named name in errors).
func Decode(name string, r io.Reader, fn func(*pipeline.Document) error) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	for n := 1; ; n++ {
		var d pipeline.Document
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: record %d (byte %d): %w", name, n, dec.InputOffset(), err)
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
}
