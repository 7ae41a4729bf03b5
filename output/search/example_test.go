package search_test

import (
	"context"
	"fmt"
	"os"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/search"
	"github.com/sitrep/sitrep/pipeline"
)

// A run writes records into an output folder (Begin, Write, Commit); Search
// takes the query language of the search box and the command line:
// +required and -excluded clauses, field:value terms, phrases, wildcards.
func ExampleSearch() {
	dir, _ := os.MkdirTemp("", "sitrep-example")
	defer os.RemoveAll(dir)
	run, err := output.Begin(dir, output.RunOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := &output.Manifest{Tool: "sitrep"}
	for _, d := range []*pipeline.Document{
		{ID: "a.txt", Text: "ISKP will strike Kabul.", Entities: []pipeline.Entity{{Start: 0, End: 4, Text: "ISKP", Label: pipeline.LabelGroup}}},
		{ID: "b.txt", Text: "ISKP and others.", Entities: []pipeline.Entity{{Start: 0, End: 4, Text: "ISKP", Label: pipeline.LabelGroup}}},
	} {
		d.Normalize()
		if err := run.Write(d, nil); err != nil {
			fmt.Println(err)
			return
		}
		m.Files = append(m.Files, output.FileEntry{ID: d.ID, Status: output.StatusOK})
	}
	if err := run.Commit(m); err != nil {
		fmt.Println(err)
		return
	}
	res, err := search.Search(context.Background(), dir, search.Options{Query: "+entity:ISKP +kabul"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Fragments["text"])
	}
	// Output: a.txt [ISKP will strike <mark>Kabul</mark>.]
}
