package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestDotIDsAreNotKeys: an id "." or ".." cannot be a URL's path segment (a browser
// resolves it as the current or the parent folder, percent-encoded or not), so the page
// could not open a node by it. Such a node has no key in any answer, and is opened by
// its element id, which every answer gives. Another database may hold such ids; a
// newsgraph dataset cannot.
func TestDotIDsAreNotKeys(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := context.Background()
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	// Entity ids are unique: no node of another test may hold these two.
	const clear = "MATCH (n:Entity) WHERE n:DotKeyTest OR n.id IN ['.', '..'] DETACH DELETE n"
	neo4jtest.Exec(t, clear, nil)
	t.Cleanup(func() { neo4jtest.Exec(t, clear, nil) })
	neo4jtest.Exec(t, `
		CREATE (:Entity:DotKeyTest {id: '.', name: 'Dotkeytest One'})-[:KNOWS {id: 'dotkeytest-knows'}]->(:Entity:DotKeyTest {id: '..', name: 'Dotkeytest Two'}),
		       (:Entity:DotKeyTest {id: 'dotkeytest-three', name: 'Dotkeytest Three'})`, nil)

	keys := map[string]string{} // name -> key, over every answer below
	ids := map[string]string{}  // name -> element id
	seen := func(where string, nodes []domain.Node) {
		for _, n := range nodes {
			keys[n.Name], ids[n.Name] = n.Key, n.ID
			want := map[string]string{"Dotkeytest One": "", "Dotkeytest Two": "", "Dotkeytest Three": "dotkeytest-three"}
			if w, ok := want[n.Name]; ok && n.Key != w {
				t.Errorf("%s: %s has key %q, want %q", where, n.Name, n.Key, w)
			}
		}
	}
	hits, err := store.Search(ctx, domain.SearchQuery{Text: "dotkeytest", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits.Results {
		seen("search", []domain.Node{h.Node})
	}
	if len(keys) != 3 {
		t.Fatalf("search found %v, want the three nodes", keys)
	}
	// The element id opens each of them.
	n, err := store.Neighbourhood(ctx, domain.NeighbourhoodQuery{ID: ids["Dotkeytest One"], Depth: 1, PerNode: 25, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	seen("neighbourhood", n.Nodes)
	if len(n.Nodes) != 2 || len(n.Relationships) != 1 || n.Relationships[0].Key != "dotkeytest-knows" {
		t.Errorf("neighbourhood of the first: %+v", n.Graph)
	}
	d, err := store.Entity(ctx, ids["Dotkeytest Two"], 10)
	if err != nil {
		t.Fatal(err)
	}
	seen("entity", []domain.Node{d.Node})
	res, err := store.Console(ctx, neo4jstore.ConsoleQuery{Query: "MATCH (n:DotKeyTest) RETURN n"})
	if err != nil {
		t.Fatal(err)
	}
	seen("console", res.Graph.Nodes)
}
