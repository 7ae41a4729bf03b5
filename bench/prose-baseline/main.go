// Command prose-baseline annotates files the way a user of prose would
// without sitrep: one prose.NewDocument per report, default options
// (segmentation, tagging, entity extraction), one model loaded once and
// shared. It prints {"files", "bytes", "seconds", "mb_per_s"} as JSON.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/jdkato/prose/v2"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: prose-baseline FILE...")
		os.Exit(2)
	}
	model := prose.ModelFromData("baseline") // tagger and default NER, loaded once
	var bytes int64
	entities := 0
	t0 := time.Now()
	for _, p := range os.Args[1:] {
		b, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		doc, err := prose.NewDocument(string(b), prose.UsingModel(model))
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", p, err)
			os.Exit(1)
		}
		entities += len(doc.Entities())
		bytes += int64(len(b))
	}
	secs := time.Since(t0).Seconds()
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{"files": len(os.Args) - 1, "bytes": bytes, "entities": entities,
		"seconds": secs, "mb_per_s": float64(bytes) / 1e6 / secs})
}
