// Command stixcheck validates every STIX bundle under a folder against the
// official STIX 2.1 schemas (output/export/testdata/stix2.1) and counts the
// indicators, so `make eval` can show that bundles from a corpus are valid.
//
//	go run ./scripts/stixcheck DIR
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep/internal/stixschema"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: stixcheck DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "stixcheck:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	v, err := stixschema.Compile(filepath.Join("output", "export", "testdata", "stix2.1", "schemas"))
	if err != nil {
		return err
	}
	bundles, bad, indicators, unmarked := 0, 0, 0, 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		bundles++
		if err := v.ValidateFile(p); err != nil {
			bad++
			fmt.Println("invalid:", err)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var b struct {
			Objects []map[string]any `json:"objects"`
		}
		if err := json.Unmarshal(raw, &b); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		for _, o := range b.Objects {
			if o["type"] == "indicator" {
				indicators++
			}
			if _, ok := o["object_marking_refs"]; !ok && o["type"] != "marking-definition" {
				unmarked++
			}
		}
		return nil
	})
	fmt.Printf("%d bundles, %d invalid, %d indicators, %d objects without a marking\n", bundles, bad, indicators, unmarked)
	if err == nil && (bad > 0 || unmarked > 0) {
		err = fmt.Errorf("%d invalid bundles, %d unmarked objects", bad, unmarked)
	}
	return err
}
