package models

import "testing"

// BenchmarkDecodePlaces is the one-time cost of the place table (inflated
// and decoded on the first place a run resolves).
func BenchmarkDecodePlaces(b *testing.B) {
	f, err := dataFS.ReadFile(PlacesFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(f)))
	for i := 0; i < b.N; i++ {
		data, err := gzText(PlacesFile)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := decodePlaces(data); err != nil {
			b.Fatal(err)
		}
	}
}
