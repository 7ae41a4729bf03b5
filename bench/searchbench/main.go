// Command searchbench measures query latency on an OUT folder's index: each
// query runs RUNS times (after one warm-up) with the search page's facets,
// and the median, 90th and 95th percentiles are printed as JSON.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/sitrep/sitrep/output"
	"github.com/sitrep/sitrep/output/index"
	"github.com/sitrep/sitrep/output/search"
	"github.com/sitrep/sitrep/output/web"
)

func main() {
	runs := flag.Int("runs", 41, "runs per query")
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: searchbench [-runs N] OUT_DIR QUERY...")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	idx, err := index.Open(filepath.Join(dir, output.IndexDir))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer idx.Close()
	docs, _ := idx.DocCount()
	s := &search.Searcher{Dirs: []string{dir}, Index: idx}
	type result struct {
		Query    string   `json:"query"`
		Facets   []string `json:"facets"`
		Hits     uint64   `json:"hits"`
		MedianMS float64  `json:"median_ms"`
		P90MS    float64  `json:"p90_ms"`
		P95MS    float64  `json:"p95_ms"`
	}
	out := struct {
		Docs    uint64   `json:"docs"`
		Results []result `json:"results"`
	}{Docs: docs}
	facetSets := [][]string{web.DefaultFacets, append(append([]string{}, web.DefaultFacets...), index.FieldEntity)}
	for _, q := range flag.Args()[1:] {
		for _, facets := range facetSets {
			o := search.Options{Query: q, Limit: 10, Facets: facets}
			res, err := s.Search(context.Background(), o) // warm-up
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			var ms []float64
			for i := 0; i < *runs; i++ {
				t0 := time.Now()
				if _, err := s.Search(context.Background(), o); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
			}
			sort.Float64s(ms)
			out.Results = append(out.Results, result{Query: q, Facets: facets, Hits: res.Total, MedianMS: ms[len(ms)/2], P90MS: ms[len(ms)*9/10], P95MS: ms[len(ms)*95/100]})
		}
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}
