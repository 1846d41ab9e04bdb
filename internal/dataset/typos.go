package dataset

import (
	"fmt"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// TypoNotes names the relationship types (facts' types and parties' roles) that the
// datasets use and that neither the database (known: its types and how many
// relationships each has) nor most of the datasets' other uses spell that way, when
// another type is spelt almost alike (COMPETES_WTIH beside COMPETES_WITH): a new type
// is no mistake in itself, so the loader only points it out, with the file and line of
// its first use. A typo became a type of its own that every filter on the right
// spelling missed.
func TypoNotes(datasets []domain.Dataset, known map[string]int64) []string {
	type use struct {
		count int64
		where string // file:line of the first use
	}
	uses := map[string]*use{}
	add := func(ds domain.Dataset, typ, id string) {
		if typ == "" {
			return
		}
		u := uses[typ]
		if u == nil {
			u = &use{where: ds.File}
			if line := ds.IDLines[id]; line > 0 {
				u.where = fmt.Sprintf("%s:%d", ds.File, line)
			}
			uses[typ] = u
		}
		u.count++
	}
	for _, ds := range datasets {
		for _, f := range ds.Facts {
			if !f.IsNode() {
				add(ds, f.Type, f.ID)
			}
			for _, p := range f.Parties {
				add(ds, p.Role, f.ID)
			}
		}
	}
	count := func(typ string) int64 {
		n := known[typ]
		if u := uses[typ]; u != nil {
			n += u.count
		}
		return n
	}
	var candidates []string
	for typ := range known {
		candidates = append(candidates, typ)
	}
	for typ := range uses {
		if _, ok := known[typ]; !ok {
			candidates = append(candidates, typ)
		}
	}
	sort.Strings(candidates)
	var notes []string
	for _, typ := range sortedKeys(uses) {
		if _, ok := known[typ]; ok {
			continue
		}
		best, bestCount := "", int64(0)
		for _, other := range candidates {
			if other == typ || count(other) <= count(typ) || !alike(typ, other) {
				continue
			}
			if count(other) > bestCount {
				best, bestCount = other, count(other)
			}
		}
		if best != "" {
			notes = append(notes, fmt.Sprintf("%s: relationship type %q (%s in the files) is new to the database; did you mean %q?",
				uses[typ].where, typ, times(uses[typ].count), best))
		}
	}
	return notes
}

func times(n int64) string {
	if n == 1 {
		return "used once"
	}
	return fmt.Sprintf("used %d times", n)
}

// alike reports whether two type names differ by at most two letters inserted,
// removed, changed or swapped (one for short names), ignoring case.
func alike(a, b string) bool {
	a, b = strings.ToUpper(a), strings.ToUpper(b)
	if a == b {
		return true
	}
	limit := 2
	if min(len(a), len(b)) < 6 {
		limit = 1
	}
	if len(a) < 3 || len(b) < 3 {
		return false
	}
	return editDistance(a, b, limit) <= limit
}

// editDistance is the optimal string alignment distance of a and b (insertions,
// deletions, substitutions and swaps of neighbours), or limit+1 once it must exceed
// limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
