package neo4jstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestConflictFactsFromEitherEnd: in a database newsgraph did not build (no `dataset`
// on its nodes), a conflict's facts are found from the nodes it involves, and a fact
// pointing into one of them belongs to it as much as one leaving it. Before, only the
// facts leaving an involved node were found.
func TestConflictFactsFromEitherEnd(t *testing.T) {
	store := neo4jtest.Store(t)
	// Conflict ids are keys under newsgraph's constraint (without it, element ids are).
	if err := store.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	clean := func() { neo4jtest.Exec(t, "MATCH (n:ConflictEndsTest) DETACH DELETE n", nil) }
	clean()
	t.Cleanup(clean)
	neo4jtest.Exec(t, `
		CREATE (c:Conflict:ConflictEndsTest {id: 'cet-conflict', name: 'Who said what'}),
		       (speaker:ConflictEndsTest {name: 'Speaker'}),
		       (involved:ConflictEndsTest {name: 'Involved'}),
		       (other:ConflictEndsTest {name: 'Other'}),
		       (:Source:ConflictEndsTest {id: 'cet-source', title: 'A report'}),
		       (c)-[:INVOLVES]->(involved),
		       (speaker)-[:SAYS {id: 'cet-into', conflicts: ['cet-conflict'], sources: ['cet-source']}]->(involved),
		       (involved)-[:DENIES {id: 'cet-out-of', conflicts: ['cet-conflict'], sources: ['cet-source']}]->(other),
		       (involved)-[:KNOWS {id: 'cet-elsewhere', conflicts: 'cet-conflict', sources: ['cet-source']}]->(other)`, nil)
	conflicts, err := store.Conflicts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var facts []string
	found := false
	for _, c := range conflicts {
		if c.ID != "cet-conflict" {
			continue
		}
		found = true
		for _, side := range c.Sides {
			for _, f := range side.Facts {
				facts = append(facts, f.Relationship.Key)
			}
		}
	}
	if !found {
		t.Fatal("the conflict is missing")
	}
	slices.Sort(facts)
	// KNOWS names the conflict in a text, not a list: no fact of it.
	if want := []string{"cet-into", "cet-out-of"}; !slices.Equal(facts, want) {
		t.Fatalf("the conflict's facts are %v, want %v", facts, want)
	}
}
