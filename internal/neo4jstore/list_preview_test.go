package neo4jstore_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestListsPreviewLongValues: the lists of sources and of conflicts, which the page
// fetches on every load, carry long values as previews, as graph answers do, and a
// conflict's long description cut; a source's own entry keeps its values whole. Before,
// a foreign database's 4.6 MB body or description made every page load that big.
func TestListsPreviewLongValues(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	long := strings.Repeat("long text ", 1000) // 10,000 bytes
	neo4jtest.Exec(t, `
		CREATE (s:Source {id: 'lp-source', title: 'A report', body: $long}),
		       (c:Conflict {id: 'lp-conflict', name: 'A dispute', description: $long})-[:INVOLVES]->(p:Person {name: 'Pat', notes: $long}),
		       (p)-[:SAYS {conflicts: ['lp-conflict'], sources: ['lp-source'], note: $long}]->(:Person {name: 'Sam'})`,
		map[string]any{"long": long})
	ctx := context.Background()
	previewed := func(what string, raw json.RawMessage, key string) {
		t.Helper()
		var props map[string]any
		if err := json.Unmarshal(raw, &props); err != nil {
			t.Fatal(err)
		}
		if v, _ := props[key].(map[string]any); v["$type"] != "Truncated" {
			t.Errorf("%s: %s is not a preview: %.80v", what, key, props[key])
		}
	}
	sources, _, err := store.Sources(ctx, 0, 10)
	if err != nil || len(sources) != 1 {
		t.Fatalf("sources: %v, %v", sources, err)
	}
	previewed("the sources' list", sources[0].Properties, "body")
	detail, err := store.Source(ctx, "lp-source")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(detail.Source.Properties), long) {
		t.Error("the source's own entry lost its body")
	}
	conflicts, err := store.Conflicts(ctx)
	if err != nil || len(conflicts) != 1 {
		t.Fatalf("conflicts: %v, %v", conflicts, err)
	}
	c := conflicts[0]
	if len(c.Description) > 1100 || !strings.HasSuffix(c.Description, "…") || !strings.HasPrefix(long, strings.TrimSuffix(c.Description, "…")) {
		t.Errorf("the description is %d bytes: %.80q", len(c.Description), c.Description)
	}
	if len(c.Entities) != 1 || len(c.Sides) != 1 || len(c.Sides[0].Facts) != 1 {
		t.Fatalf("the conflict: %+v", c)
	}
	previewed("a conflict's entity", c.Entities[0].Properties, "notes")
	previewed("a conflict's fact", c.Sides[0].Facts[0].Relationship.Properties, "note")
	previewed("a conflict's source", c.Sides[0].Source.Properties, "body")
}
