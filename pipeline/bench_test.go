package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/corpus"
	"github.com/sitrep/sitrep/pipeline"
)

// exampleTexts loads the plain-text and Markdown examples shipped in the repo,
// with their size in bytes.
func exampleTexts(b *testing.B) ([]string, int64) {
	var texts []string
	err := filepath.WalkDir("../corpus/examples", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
			return err
		}
		raw, err := os.ReadFile(p)
		texts = append(texts, string(raw))
		return err
	})
	if err != nil || len(texts) == 0 {
		b.Fatalf("load examples: %v (%d texts)", err, len(texts))
	}
	var total int64
	for _, t := range texts {
		total += int64(len(t))
	}
	return texts, total
}

// annotateAll runs the whole chain on each text.
func annotateAll(chain []pipeline.Stage, texts []string) error {
	for _, t := range texts {
		d := &pipeline.Document{Text: t}
		for _, st := range chain {
			if err := st.Process(context.Background(), d); err != nil {
				return err
			}
		}
	}
	return nil
}

// BenchmarkStages measures each stage alone (its input prepared by the
// stages before it) and the whole chain, in bytes of report text per second.
func BenchmarkStages(b *testing.B) {
	texts, total := exampleTexts(b)
	chain := allStages(b)
	prepare := func(upto int) []*pipeline.Document {
		docs := make([]*pipeline.Document, len(texts))
		for i, t := range texts {
			docs[i] = &pipeline.Document{Text: t}
			for _, st := range chain[:upto] {
				if err := st.Process(context.Background(), docs[i]); err != nil {
					b.Fatal(err)
				}
			}
		}
		return docs
	}
	for k, st := range chain {
		b.Run(st.Name(), func(b *testing.B) {
			docs := prepare(k)
			b.SetBytes(total)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					c := *d // stages overwrite their own fields, so a shallow copy is a fresh input
					if err := st.Process(context.Background(), &c); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
	b.Run("all", func(b *testing.B) {
		b.SetBytes(total)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if err := annotateAll(chain, texts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReadHTML measures HTML text extraction.
func BenchmarkReadHTML(b *testing.B) {
	raw, err := os.ReadFile("../corpus/examples/daily/kherson-daily-assessment.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := corpus.FromBytes("x.html", "html", raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStagesParallel runs the whole chain on GOMAXPROCS goroutines at
// once (-cpu 1,2): the ratio of the two per-report times is how far the
// annotating itself scales with cores, apart from the runner, the sink and
// the disk.
func BenchmarkStagesParallel(b *testing.B) {
	texts, total := exampleTexts(b)
	chain := allStages(b)
	b.SetBytes(total)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := annotateAll(chain, texts); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
