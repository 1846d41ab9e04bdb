package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestSourceGraphCap: a source's graph holds at most SourceGraphMax mentioned nodes and
// SourceGraphMax citing relationships, and says truncated only when it left some out.
// A source with exactly SourceGraphMax relationships was said to be truncated.
func TestSourceGraphCap(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := context.Background()
	const max = neo4jstore.SourceGraphMax
	tests := []struct {
		name            string
		mentions, facts int
		nodes, rels     int
		truncated       bool
	}{
		{"exactly the cap of relationships", 1, max, 1 + max, max, false},
		{"one relationship more", 1, max + 1, 1 + max, max, true},
		{"exactly the cap of mentioned nodes", max, 0, max, 0, false},
		{"one mentioned node more", max + 1, 0, max, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			neo4jtest.Reset(t)
			if err := store.EnsureSchema(ctx); err != nil {
				t.Fatal(err)
			}
			// The source mentions the hub and mentions-1 more entities; facts relationships
			// run from the hub to entities of their own, each citing the source.
			neo4jtest.Exec(t, `
				CREATE (s:Source {id: 'src-cap', title: 'Cap'})-[:MENTIONS]->(hub:Entity {id: 'hub', name: 'Hub'})
				WITH s, hub
				CALL (s) { UNWIND range(2, $mentions) AS i CREATE (s)-[:MENTIONS]->(:Entity {id: 'm-' + i, name: 'M'}) }
				CALL (hub) {
					UNWIND range(1, $facts) AS i
					CREATE (hub)-[:KNOWS {id: 'f-' + i, sources: ['src-cap'], status: 'reported'}]->(:Entity {id: 'e-' + i, name: 'E'})
				}`, map[string]any{"mentions": tt.mentions, "facts": tt.facts})
			got, err := store.Source(ctx, "src-cap")
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Graph.Nodes) != tt.nodes || len(got.Graph.Relationships) != tt.rels || got.Graph.Truncated != tt.truncated {
				t.Errorf("%d nodes, %d relationships, truncated %v; want %d, %d, %v",
					len(got.Graph.Nodes), len(got.Graph.Relationships), got.Graph.Truncated, tt.nodes, tt.rels, tt.truncated)
			}
		})
	}
}
