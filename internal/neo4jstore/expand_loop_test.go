package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestExpandSelfLoop: a self-loop is one relationship going out, never in (as the
// neighbourhood groups it), so expand's total and its pages agree in every direction
// and through each of the query's three ways of counting (the degree, one type, a
// filter). The red team's node had only a loop: direction=in said total 1 and paged
// nothing.
func TestExpandSelfLoop(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Exec(t, "MATCH (n:LoopTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:LoopTest) DETACH DELETE n", nil) })
	res := neo4jtest.Exec(t, `
		CREATE (only:LoopTest {name: 'only a loop'})-[:R {id: 'only-loop'}]->(only)
		CREATE (busy:LoopTest {name: 'busy'})-[:R {id: 'busy-loop'}]->(busy)
		CREATE (busy)-[:R {id: 'busy-out'}]->(:LoopTest {name: 'x'})
		CREATE (busy)<-[:R {id: 'busy-in'}]-(:LoopTest {name: 'y'})
		CREATE (busy)<-[:S {id: 'busy-in-s'}]-(:LoopTest {name: 'z'})
		RETURN elementId(only) AS only, elementId(busy) AS busy`, nil)
	elementID := func(name string) string { v, _ := res.Records[0].Get(name); return v.(string) }

	want := map[string]map[string][]string{ // node, direction -> the keys of all its pages
		"only": {"out": {"only-loop"}, "in": nil, "both": {"only-loop"}},
		"busy": {"out": {"busy-loop", "busy-out"}, "in": {"busy-in", "busy-in-s"}, "both": {"busy-in", "busy-in-s", "busy-loop", "busy-out"}},
	}
	counting := []struct {
		name    string
		typ     string
		filters domain.Filters
		keep    func(key string) bool // which of want's keys this way of asking keeps
	}{
		{name: "by degree", keep: func(string) bool { return true }},
		{name: "by type", typ: "R", keep: func(k string) bool { return k != "busy-in-s" }},
		{name: "by filter", filters: domain.Filters{Labels: []string{"LoopTest"}}, keep: func(string) bool { return true }},
	}
	for node, dirs := range want {
		for dir, keys := range dirs {
			for _, c := range counting {
				name := fmt.Sprintf("%s %s %s", node, dir, c.name)
				wantKeys := slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return !c.keep(k) })
				// One relationship a page, so that a loop paged twice would show.
				var got []string
				var total int64
				for offset := 0; offset < 10; offset++ {
					e, err := store.Expand(context.Background(), domain.ExpandQuery{ID: elementID(node), Type: c.typ, Direction: dir,
						Offset: offset, Limit: 1, Filters: c.filters})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					total = e.Total
					if len(e.Relationships) == 0 {
						break
					}
					for _, r := range e.Relationships {
						got = append(got, r.Key)
					}
				}
				slices.Sort(got)
				if total != int64(len(wantKeys)) || fmt.Sprint(got) != fmt.Sprint(wantKeys) {
					t.Errorf("%s: total %d, pages %v; want %d, %v", name, total, got, len(wantKeys), wantKeys)
				}
			}
		}
	}

	// The entity's counts say the same: the loop is out.
	d, err := store.Entity(context.Background(), elementID("only"), 10)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(d.Counts) != fmt.Sprint([]domain.RelationshipCount{{Type: "R", Direction: "out", Count: 1}}) {
		t.Errorf("counts %+v, want the loop once, out", d.Counts)
	}
}
