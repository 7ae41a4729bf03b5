package pipeline

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// DecodeRecords reads JSON Lines records from r (named name in errors),
// one at a time, and calls fn for each; it stops at the first error fn
// returns. It is the one decoder of records: output.Each reads an output
// folder with it, and training reads corrected records with it.
func DecodeRecords(name string, r io.Reader, fn func(*Document) error) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	for n := 1; ; n++ {
		var d Document
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
