package entities

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sitrep/sitrep/pipeline"
)

// TestSpanIndex: the index finds exactly the entities a scan of all finds,
// in list order.
func TestSpanIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 200; round++ {
		var es []pipeline.Entity
		for i := r.IntN(40); i > 0; i-- {
			s := r.IntN(200)
			es = append(es, pipeline.Entity{Start: s, End: s + 1 + r.IntN(30)})
		}
		x := newSpanIndex(es)
		for q := 0; q < 50; q++ {
			s := r.IntN(220)
			e := s + 1 + r.IntN(40)
			var want []int
			for i, en := range es {
				if en.Start < e && s < en.End {
					want = append(want, i)
				}
			}
			if got := x.overlapping(s, e); !slices.Equal(got, want) {
				t.Fatalf("overlapping(%d, %d) = %v, want %v (entities %v)", s, e, got, want, es)
			}
		}
	}
}
