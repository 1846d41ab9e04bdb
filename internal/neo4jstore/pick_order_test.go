package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestPicksFollowTheDataNotTheStorage: a capped neighbourhood shows the same
// relationships of a node however Neo4j happens to store them, and expand pages on from
// exactly there. Two copies of one node's data, written in opposite orders (Neo4j
// reads a small node's relationships newest first), must give the same picks, the
// first of each type and direction by id, and the same pages. Before, the picks were the
// first Neo4j read: the same dataset loaded into two databases could show a different
// first 25 mentions of a source.
func TestPicksFollowTheDataNotTheStorage(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Exec(t, "MATCH (n:PickOrderTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:PickOrderTest) DETACH DELETE n", nil) })

	// Twelve R out and three S in, in an order that is neither the ids' nor its reverse.
	creation := []string{"r07", "r03", "r11", "r01", "s2", "r09", "r05", "r12", "s3", "r02", "r10", "r06", "s1", "r04", "r08"}
	reversed := slices.Clone(creation)
	slices.Reverse(reversed)
	hubs := map[string]string{} // copy -> element id
	for copy, order := range map[string][]string{"a": creation, "b": reversed} {
		res := neo4jtest.Exec(t, "CREATE (h:PickOrderTest {name: $copy + ' hub'}) RETURN elementId(h) AS id", map[string]any{"copy": copy})
		id, _ := res.Records[0].Get("id")
		hubs[copy] = id.(string)
		for _, k := range order {
			query := "MATCH (h) WHERE elementId(h) = $hub CREATE (h)-[:R {id: $key}]->(:PickOrderTest {name: $key})"
			if strings.HasPrefix(k, "s") {
				query = "MATCH (h) WHERE elementId(h) = $hub CREATE (h)<-[:S {id: $key}]-(:PickOrderTest {name: $key})"
			}
			neo4jtest.Exec(t, query, map[string]any{"hub": id, "key": copy + "-" + k})
		}
	}
	keys := func(copy string, rels []domain.Relationship) []string {
		var ks []string
		for _, r := range rels {
			ks = append(ks, strings.TrimPrefix(r.Key, copy+"-"))
		}
		return ks
	}
	sorted := func(s []string) []string { slices.Sort(s); return s }
	names := func(copy string, nodes []domain.Node) []string {
		var ns []string
		for _, n := range nodes {
			ns = append(ns, strings.TrimPrefix(n.Name, copy+"-"))
		}
		return ns
	}

	for copy, hub := range hubs {
		// The first two of each group, whichever order Neo4j reads them in (the answer
		// lists them in an order of its own).
		n, err := store.Neighbourhood(context.Background(), domain.NeighbourhoodQuery{ID: hub, Depth: 1, PerNode: 4, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := sorted(keys(copy, n.Relationships)), []string{"r01", "r02", "s1", "s2"}; !slices.Equal(got, want) {
			t.Errorf("copy %s: picks %v, want %v", copy, got, want)
		}
		// Under a node cap, the nodes that join are those of the first picks, taken round
		// robin over the groups, the smaller first: S's first, then R's.
		capped, err := store.Neighbourhood(context.Background(), domain.NeighbourhoodQuery{ID: hub, Depth: 1, PerNode: 4, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := sorted(names(copy, capped.Nodes)), []string{copy + " hub", "r01", "s1"}; !slices.Equal(got, want) {
			t.Errorf("copy %s, limit 3: nodes %v, want %v", copy, got, want)
		}

		// Expand continues where the neighbourhood's omission says it stopped, in id order.
		var shown int64 = -1
		for _, o := range n.Omitted {
			if o.Type == "R" && o.Direction == "out" {
				shown = o.Shown
			}
		}
		if shown != 2 {
			t.Fatalf("copy %s: R out omission shows %d, want 2 (omitted %+v)", copy, shown, n.Omitted)
		}
		var rest []string
		for offset := int(shown); offset < 20; offset += 4 {
			e, err := store.Expand(context.Background(), domain.ExpandQuery{ID: hub, Type: "R", Direction: "out", Offset: offset, Limit: 4})
			if err != nil {
				t.Fatal(err)
			}
			rest = append(rest, keys(copy, e.Relationships)...)
		}
		if want := []string{"r03", "r04", "r05", "r06", "r07", "r08", "r09", "r10", "r11", "r12"}; !slices.Equal(rest, want) {
			t.Errorf("copy %s: expand after the picks pages %v, want %v", copy, rest, want)
		}
		// Every direction and type at once: by type, then direction, then id.
		e, err := store.Expand(context.Background(), domain.ExpandQuery{ID: hub, Direction: "both", Offset: 10, Limit: 4})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := keys(copy, e.Relationships), []string{"r11", "r12", "s1", "s2"}; !slices.Equal(got, want) {
			t.Errorf("copy %s: expand of both directions at offset 10 pages %v, want %v", copy, got, want)
		}
	}
}

// TestPicksOfABusyNodeFollowElementIDs: on a node with more relationships than
// SortByIDDegree (and no more than SupernodeDegree), the picks are the first by element id
// and expand pages on from exactly there, each relationship once.
func TestPicksOfABusyNodeFollowElementIDs(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Exec(t, "MATCH (n:PickOrderTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:PickOrderTest) DETACH DELETE n", nil) })
	degree := neo4jstore.SortByIDDegree + 20
	res := neo4jtest.Exec(t, `
		CREATE (h:PickOrderTest {name: 'busy'})
		WITH h UNWIND range(1, $degree) AS i
		CREATE (h)-[r:R {id: 'r' + toString(i)}]->(:PickOrderTest {name: toString(i)})
		WITH h, r ORDER BY elementId(r)
		RETURN elementId(h) AS hub, collect(r.id) AS order`, map[string]any{"degree": degree})
	hubValue, _ := res.Records[0].Get("hub")
	orderValue, _ := res.Records[0].Get("order")
	hub := hubValue.(string)
	var want []string
	for _, v := range orderValue.([]any) {
		want = append(want, v.(string))
	}

	n, err := store.Neighbourhood(context.Background(), domain.NeighbourhoodQuery{ID: hub, Depth: 1, PerNode: 5, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if picked, first := sortedKeys(n.Relationships), slices.Sorted(slices.Values(want[:5])); !slices.Equal(picked, first) {
		t.Errorf("picks %v, want the first five by element id, %v", picked, first)
	}
	// Each page holds the next in that order (an answer lists its relationships in an
	// order of its own), and the pages end with the last.
	for offset := 5; offset < degree; offset += 50 {
		e, err := store.Expand(context.Background(), domain.ExpandQuery{ID: hub, Type: "R", Direction: "out", Offset: offset, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		page, next := sortedKeys(e.Relationships), slices.Sorted(slices.Values(want[offset:min(offset+50, degree)]))
		if !slices.Equal(page, next) || e.Graph.Truncated != (offset+50 < degree) {
			t.Errorf("page at %d: %v (truncated %v), want %v", offset, page, e.Graph.Truncated, next)
		}
	}
}
