// Command dupstat measures the copy threshold of package dedupe on
// collections of distinct reports: for each gzip file of documents
// separated by form-feed lines (../shared/corpus/unlabeled), it prints the
// pairs at or above dedupe.Threshold and the highest similarity below it.
package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/output/dedupe"
)

func main() {
	for _, name := range os.Args[1:] {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		gz, err := gzip.NewReader(f)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			os.Exit(1)
		}
		sc := bufio.NewScanner(gz)
		sc.Buffer(make([]byte, 1<<20), 1<<28)
		var docs []string
		var cur strings.Builder
		for sc.Scan() {
			if sc.Text() == "\f" {
				docs = append(docs, cur.String())
				cur.Reset()
				continue
			}
			cur.WriteString(sc.Text() + "\n")
		}
		docs = append(docs, cur.String())
		f.Close()
		var sigs []dedupe.Signature
		for _, d := range docs {
			s, _ := dedupe.Sign(d)
			sigs = append(sigs, s)
		}
		var sims []float64
		over := 0
		for i := range sigs {
			for j := i + 1; j < len(sigs); j++ {
				s := dedupe.Similarity(sigs[i], sigs[j])
				sims = append(sims, s)
				if s >= dedupe.Threshold {
					over++
					if over <= 3 {
						fmt.Printf("  pair %d %d sim %.2f: %.60q | %.60q\n", i, j, s, docs[i], docs[j])
					}
				}
			}
		}
		sort.Float64s(sims)
		n := len(sims)
		fmt.Printf("%s: %d docs, %d pairs, >= %.2f: %d; p99.9 %.3f, max below threshold: ", name, len(docs), n, dedupe.Threshold, over, sims[n*999/1000])
		for k := n - 1; k >= 0; k-- {
			if sims[k] < dedupe.Threshold {
				fmt.Printf("%.3f\n", sims[k])
				break
			}
		}
	}
}
