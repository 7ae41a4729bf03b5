package pipeline_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/pipeline"
)

// upper is a toy stage: it records every word in capitals as an ORG.
type upper struct{}

func (upper) Name() string { return "upper" }

func (upper) Process(_ context.Context, d *pipeline.Document) error {
	start := -1
	for i := 0; i <= len(d.Text); i++ {
		if i < len(d.Text) && d.Text[i] >= 'A' && d.Text[i] <= 'Z' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 2 {
			d.Entities = append(d.Entities, pipeline.Entity{Start: start, End: i, Text: d.Text[start:i], Label: pipeline.LabelOrg})
		}
		start = -1
	}
	return nil
}

// The Runner runs every stage on every item with a pool of workers and
// hands the results to one sink, in input order.
func ExampleRunner() {
	texts := []string{"NATO met the EU.", "ISKP struck Kabul."}
	items := make([]pipeline.Item, len(texts))
	for i, t := range texts {
		items[i] = pipeline.Item{ID: fmt.Sprint(i), Load: func(context.Context) (*pipeline.Document, error) {
			return &pipeline.Document{ID: fmt.Sprint(i), Text: t}, nil
		}}
	}
	r := &pipeline.Runner{Stages: []pipeline.Stage{upper{}}, Workers: 2}
	err := r.Run(context.Background(), items, func(res pipeline.Result) error {
		var names []string
		for _, e := range res.Doc.Entities {
			names = append(names, e.Text)
		}
		fmt.Println(res.ID, strings.Join(names, " "))
		return nil
	})
	fmt.Println(err)
	// Output:
	// 0 NATO EU
	// 1 ISKP
	// <nil>
}

// Offsets are UTF-8 byte offsets into Text, half-open (Шойгу is 10 bytes):
// Slice gives the
// annotated text back.
func ExampleDocument_Slice() {
	d := &pipeline.Document{Text: "Шойгу met ISKP envoys."}
	fmt.Printf("%q\n", d.Slice(pipeline.Span{Start: 15, End: 19}))
	// Output: "ISKP"
}
