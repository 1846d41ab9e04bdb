package neo4jstore_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestIDsWithoutConstraintAreNotKeys: a database newsgraph did not build may use the
// label Entity without newsgraph's uniqueness constraint on `id`, and then two nodes can
// share an id. Such an id must not be a node's key, or the page would open one twin for
// both: the nodes are named by element id instead. Source keeps its constraint here, so
// its ids stay keys.
func TestIDsWithoutConstraintAreNotKeys(t *testing.T) {
	store := withoutConstraint(t, "entity_id")
	ctx := context.Background()
	neo4jtest.Exec(t, `
		CREATE (a:Entity {id: 'twin', name: 'Twin Alpha'}), (b:Entity {id: 'twin', name: 'Twin Beta'}),
		       (s:Source {id: 'src-twins', name: 'Twins Gazette'}),
		       (a)-[:KNOWS {status: 'reported', sources: ['src-twins'], evidence: ['they met']}]->(b),
		       (s)-[:MENTIONS]->(a),
		       (c:Conflict {id: 'twin-feud', name: 'Which twin'}), (c)-[:INVOLVES]->(a), (c)-[:INVOLVES]->(b)`, nil)

	// A store opened now asks the database which labels are constrained.
	fresh, err := neo4jstore.Open(neo4jtest.Options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close(ctx)

	keyOf := map[string]string{} // display name -> key, over every answer below
	seen := func(where string, nodes []domain.Node) {
		for _, n := range nodes {
			if old, ok := keyOf[n.Name]; ok && old != n.Key {
				t.Errorf("%s: %s has key %q, elsewhere %q", where, n.Name, n.Key, old)
			}
			keyOf[n.Name] = n.Key
		}
	}
	hits, err := fresh.Search(ctx, domain.SearchQuery{Text: "twin", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var twins []domain.Node
	for _, h := range hits.Results {
		seen("search", []domain.Node{h.Node})
		if slices.Contains(h.Node.Labels, "Entity") {
			twins = append(twins, h.Node)
		}
	}
	if len(twins) != 2 {
		t.Fatalf("search found %d twins, want 2", len(twins))
	}
	paths, err := fresh.Paths(ctx, domain.PathQuery{From: twins[0].ID, To: twins[1].ID,
		Mode: domain.PathsShortest, MaxLength: 2})
	if err != nil {
		t.Fatal(err)
	}
	seen("paths", paths.Graph.Nodes)
	console, err := fresh.Console(ctx, neo4jstore.ConsoleQuery{Query: "MATCH (n) RETURN n"})
	if err != nil {
		t.Fatal(err)
	}
	seen("console", console.Graph.Nodes)
	hood, err := fresh.Neighbourhood(ctx, domain.NeighbourhoodQuery{ID: twins[0].ID, Depth: 2, PerNode: 25, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	seen("neighbourhood", hood.Graph.Nodes)
	page, err := fresh.Expand(ctx, domain.ExpandQuery{ID: twins[1].ID, Direction: domain.DirectionBoth, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	seen("expand", page.Graph.Nodes)
	entity, err := fresh.Entity(ctx, twins[0].ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	seen("entity", []domain.Node{entity.Node})
	for _, f := range entity.Facts {
		seen("entity's facts", []domain.Node{f.Other})
	}
	if len(entity.Sources) != 1 || entity.Sources[0].Key != "src-twins" {
		t.Errorf("the entity's sources: %+v, want Twins Gazette keyed src-twins", entity.Sources)
	}
	source, err := fresh.Source(ctx, "src-twins")
	if err != nil {
		t.Fatal(err)
	}
	seen("source", source.Graph.Nodes)
	conflicts, err := fresh.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range conflicts {
		seen("conflicts", c.Entities)
	}
	if len(conflicts) != 1 || len(conflicts[0].Entities) != 2 {
		t.Errorf("conflicts: %+v, want one involving both twins", conflicts)
	}

	for name, want := range map[string]string{"Twin Alpha": "", "Twin Beta": "", "Twins Gazette": "src-twins"} {
		if got, ok := keyOf[name]; !ok {
			t.Errorf("no answer held %s", name)
		} else if got != want {
			t.Errorf("%s has key %q, want %q", name, got, want)
		}
	}

	// With the constraint, as in newsgraph's own database, an Entity's id is its key.
	neo4jtest.Exec(t, "MATCH (n:Entity {name: 'Twin Beta'}) DETACH DELETE n", nil)
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	constrained, err := neo4jstore.Open(neo4jtest.Options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer constrained.Close(ctx)
	hits, err = constrained.Search(ctx, domain.SearchQuery{Text: "twin", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, h := range hits.Results {
		keys[h.Node.Name] = h.Node.Key
	}
	if want := map[string]string{"Twin Alpha": "twin", "Twins Gazette": "src-twins"}; !maps.Equal(keys, want) {
		t.Fatalf("with the constraint the search gave keys %v, want %v", keys, want)
	}
}

// TestConflictIDsWithoutConstraintAreNotKeys: in a database where no constraint holds
// Conflict ids unique, two conflicts may share one, so each is named by its element id,
// in /api/conflicts and in an entity's conflicts alike, and each opens itself. Before,
// both were listed as "dup-feud", which opened one of them.
func TestConflictIDsWithoutConstraintAreNotKeys(t *testing.T) {
	withoutConstraint(t, "conflict_id")
	ctx := context.Background()
	r := neo4jtest.Exec(t, `
		CREATE (p:Person {name: 'Pat'}),
		       (a:Conflict {id: 'dup-feud', name: 'First feud'})-[:INVOLVES]->(p),
		       (b:Conflict {id: 'dup-feud', name: 'Second feud'})-[:INVOLVES]->(p)
		RETURN elementId(p) AS p, elementId(a) AS a, elementId(b) AS b`, nil).Records[0]
	person, _ := r.Get("p")
	want := []string{}
	for _, k := range []string{"a", "b"} {
		v, _ := r.Get(k)
		want = append(want, v.(string))
	}
	slices.Sort(want)
	fresh, err := neo4jstore.Open(neo4jtest.Options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close(ctx)
	conflicts, err := fresh.Conflicts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, c := range conflicts {
		listed = append(listed, c.ID)
	}
	slices.Sort(listed)
	if !slices.Equal(listed, want) {
		t.Errorf("/api/conflicts names them %v, want their element ids %v", listed, want)
	}
	entity, err := fresh.Entity(ctx, person.(string), 10)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, c := range entity.Conflicts {
		refs = append(refs, c.ID)
	}
	slices.Sort(refs)
	if !slices.Equal(refs, want) {
		t.Errorf("the entity's conflicts are %v, want their element ids %v", refs, want)
	}
}

// withoutConstraint empties the database and gives it newsgraph's schema but the named
// constraint, as a database newsgraph did not set up may be, restoring it all after the
// test; it returns a store on it.
func withoutConstraint(t *testing.T, constraint string) *neo4jstore.Store {
	t.Helper()
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	if err := store.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		neo4jtest.Reset(t)
		if err := store.EnsureSchema(context.Background()); err != nil {
			t.Errorf("restoring the schema: %v", err)
		}
	})
	neo4jtest.Exec(t, "DROP CONSTRAINT "+constraint+" IF EXISTS", nil)
	return store
}

// TestKeysFollowTheSchemaAtOnce: a store keeps its answer on which labels are keyed for
// keyCheckAge, and `serve --load` on a new database asked before its load made the
// constraints: for the first 30 s every node was named by element id (the page's URLs
// too). The store's own schema change (EnsureSchema, which a load runs) and Warm, which
// the server runs when the schema changed, ask again at once.
func TestKeysFollowTheSchemaAtOnce(t *testing.T) {
	store := withoutConstraint(t, "entity_id")
	ctx := context.Background()
	res := neo4jtest.Exec(t, "CREATE (n:Entity {id: 'keyed-later', name: 'Keyed Later'}) RETURN elementId(n) AS id", nil)
	elementID, _ := res.Records[0].Get("id")
	keyOf := func(when string) string {
		t.Helper()
		e, err := store.Entity(ctx, elementID.(string), 10)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		return e.Node.Key
	}
	if got := keyOf("without the constraint"); got != "" {
		t.Fatalf("without the constraint the key is %q, want none", got)
	}
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if got := keyOf("after EnsureSchema"); got != "keyed-later" {
		t.Errorf("right after EnsureSchema made the constraint the key is %q, want keyed-later", got)
	}
	// Someone else drops it: the server's Warm follows the schema change.
	neo4jtest.Exec(t, "DROP CONSTRAINT entity_id IF EXISTS", nil)
	if err := store.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	if got := keyOf("after Warm"); got != "" {
		t.Errorf("right after Warm on a database without the constraint the key is %q, want none", got)
	}
}
