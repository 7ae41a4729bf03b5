// Command clusters derives word clusters from the shared unlabeled text
// (ISW and CTI reports, APTnotes, UN General Debate speeches, the CIA World
// Factbook, OpenStax history and politics) for the entity model's features.
// Only the derived statistic ships: each frequent word and the bit
// path of its cluster in a binary hierarchy (models/data/clusters.tsv.gz), as
// Brown clusters are used by Ratinov and Roth (2009) and IXA pipes.
//
// Brown clustering is quadratic in the number of clusters and would take
// hours on 33M words here; instead each word is described by the words seen
// left and right of it (positive PMI, then a fixed random projection) and
// the words are split in two again and again by spherical 2-means. Words
// used alike ("Kharkiv", "Kherson"; "Lazarus", "Kimsuky") share long prefixes.
// Every step is sequential with fixed seeds, so the output is byte for byte
// the same on every run.
package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/pipeline/entities"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "models/data/clusters.tsv.gz", "output file")
	vocab := flag.Int("vocab", 60000, "words clustered (the most frequent)")
	contexts := flag.Int("contexts", 800, "context words (the most frequent) on each side")
	depth := flag.Int("depth", 10, "levels of the binary hierarchy")
	flag.Parse()
	if err := run(*shared, *out, *vocab, *contexts, *depth); err != nil {
		fmt.Fprintln(os.Stderr, "clusters:", err)
		os.Exit(1)
	}
}

// sources are read in this order (the order fixes word ids, hence the
// output), each as many times as its weight: the in-domain reports (2.3M
// words) would otherwise be outweighed by the UN speeches (25M).
var sources = []struct {
	file   string
	weight int
}{{"isw.txt.gz", 5}, {"annoctr.txt.gz", 5}, {"aptnotes.txt.gz", 5}, {"factbook.txt.gz", 1}, {"openstax.txt.gz", 1}, {"ungdc.txt.gz", 1}}

// eachLine calls fn with the words of each line of each source, as written
// (clusters are case-sensitive, as Brown clusters are used: "Will" and
// "will" are used differently): runs of letters and digits, one other
// character alone, as the entity stage splits words.
func eachLine(shared string, fn func(words []string)) error {
	var ws []string
	for _, src := range sources {
		for range src.weight {
			if err := eachLineOf(filepath.Join(shared, "corpus", "unlabeled", src.file), &ws, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

func eachLineOf(path string, buf *[]string, fn func(words []string)) error {
	name := filepath.Base(path)
	ws := *buf
	defer func() { *buf = ws }()
	{
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", name, err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			ws = entities.AppendWordUnits(ws[:0], sc.Text())
			if len(ws) > 0 {
				fn(ws)
			}
		}
		err = errors.Join(sc.Err(), f.Close())
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func run(shared, out string, vocabN, ctxN, depth int) error {
	// Pass 1: word counts.
	count := map[string]int{}
	if err := eachLine(shared, func(ws []string) {
		for _, w := range ws {
			count[w]++
		}
	}); err != nil {
		return err
	}
	words := make([]string, 0, len(count))
	for w, n := range count {
		if n >= 5 {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > vocabN {
		words = words[:vocabN]
	}
	id := make(map[string]int32, len(words))
	for i, w := range words {
		id[w] = int32(i)
	}
	ctxN = min(ctxN, len(words))
	// Pass 2: left and right context counts over the ctxN most frequent
	// words (dimension 2*ctxN+2: the last of each side is "any other word").
	dim := 2*ctxN + 2
	co := make([]map[int32]float64, len(words))
	for i := range co {
		co[i] = map[int32]float64{}
	}
	ctxID := func(w string) int32 {
		if k, ok := id[w]; ok && int(k) < ctxN {
			return k
		}
		return int32(ctxN)
	}
	if err := eachLine(shared, func(ws []string) {
		for i, w := range ws {
			k, ok := id[w]
			if !ok {
				continue
			}
			if i > 0 {
				co[k][ctxID(ws[i-1])]++
			}
			if i+1 < len(ws) {
				co[k][int32(ctxN+1)+ctxID(ws[i+1])]++
			}
		}
	}); err != nil {
		return err
	}
	// Positive PMI.
	colSum := make([]float64, dim)
	total := 0.0
	for _, row := range co {
		for c, v := range row {
			colSum[c] += v
			total += v
		}
	}
	// A fixed random projection to 128 dimensions keeps k-means cheap.
	const proj = 128
	rng := rand.New(rand.NewPCG(1, 2))
	R := make([]float32, dim*proj)
	for i := range R {
		if rng.IntN(2) == 0 {
			R[i] = -1
		} else {
			R[i] = 1
		}
	}
	vecs := make([][]float64, len(words))
	for i, row := range co {
		rowSum := 0.0
		for _, v := range row {
			rowSum += v
		}
		v := make([]float64, proj)
		cols := make([]int32, 0, len(row))
		for c := range row {
			cols = append(cols, c)
		}
		slices.Sort(cols) // a fixed summation order: the same floats every run
		for _, c := range cols {
			pmi := math.Log(row[c] * total / (rowSum * colSum[c]))
			if pmi <= 0 {
				continue
			}
			r := R[int(c)*proj : int(c)*proj+proj]
			for d := range v {
				v[d] += pmi * float64(r[d])
			}
		}
		normalize(v)
		vecs[i] = v
	}
	co = nil
	// Bisecting spherical 2-means, depth levels.
	path := make([]string, len(words))
	members := []int{}
	for i := range words {
		members = append(members, i)
	}
	var split func(ms []int, prefix string, level int)
	split = func(ms []int, prefix string, level int) {
		if level == depth || len(ms) < 2 {
			for _, m := range ms {
				path[m] = prefix
			}
			return
		}
		a, b := twoMeans(vecs, ms)
		split(a, prefix+"0", level+1)
		split(b, prefix+"1", level+1)
	}
	split(members, "", 0)
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	order := slices.Clone(words)
	slices.Sort(order)
	for _, w := range order {
		if strings.ContainsAny(w, "\t\n") {
			continue
		}
		fmt.Fprintf(bw, "%s\t%s\n", w, path[id[w]])
	}
	if err := errors.Join(bw.Flush(), zw.Close(), f.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	fmt.Printf("clusters: %d words, %d contexts a side, depth %d -> %s\n", len(words), ctxN, depth, out)
	return os.Rename(tmp, out)
}

func normalize(v []float64) {
	n := 0.0
	for _, x := range v {
		n += x * x
	}
	if n == 0 {
		return
	}
	n = math.Sqrt(n)
	for i := range v {
		v[i] /= n
	}
}

// twoMeans splits ms in two by spherical k-means with k=2, seeded with the
// most frequent member and the member least like it.
func twoMeans(vecs [][]float64, ms []int) ([]int, []int) {
	dot := func(a, b []float64) float64 {
		s := 0.0
		for i := range a {
			s += a[i] * b[i]
		}
		return s
	}
	c0 := slices.Clone(vecs[ms[0]])
	far, best := ms[len(ms)-1], math.Inf(1)
	for _, m := range ms {
		if d := dot(vecs[m], c0); d < best {
			far, best = m, d
		}
	}
	c1 := slices.Clone(vecs[far])
	side := make([]bool, len(ms))
	for iter := 0; iter < 15; iter++ {
		s0, s1 := make([]float64, len(c0)), make([]float64, len(c0))
		n0, n1 := 0, 0
		changed := false
		for k, m := range ms {
			right := dot(vecs[m], c1) > dot(vecs[m], c0)
			if right != side[k] {
				changed = true
				side[k] = right
			}
			dst := s0
			if right {
				dst, n1 = s1, n1+1
			} else {
				n0++
			}
			for d, x := range vecs[m] {
				dst[d] += x
			}
		}
		if n0 == 0 || n1 == 0 {
			break
		}
		normalize(s0)
		normalize(s1)
		c0, c1 = s0, s1
		if !changed && iter > 0 {
			break
		}
	}
	var a, b []int
	for k, m := range ms {
		if side[k] {
			b = append(b, m)
		} else {
			a = append(a, m)
		}
	}
	if len(a) == 0 || len(b) == 0 { // no split found: halve by frequency
		h := len(ms) / 2
		return ms[:h], ms[h:]
	}
	return a, b
}
