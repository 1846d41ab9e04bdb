package neo4jstore

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortedBy checks the index sort and its in-place permutation against the standard
// library's sort on shuffled lists of every small length, with duplicates.
func TestSortedBy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 200; n++ {
		list := make([]int, n)
		for i := range list {
			list[i] = r.IntN(n/2 + 1)
		}
		want := slices.Clone(list)
		slices.Sort(want)
		got := sortedBy(list, func(x, y *int) int { return cmp.Compare(*x, *y) })
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: got %v, want %v", n, got, want)
		}
	}
}
