package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestEveryQueryPlans asks the real Neo4j to plan (EXPLAIN, which runs nothing) every
// named query file, so a syntax error or a removed function fails here rather than on
// the first request that needs it.
func TestEveryQueryPlans(t *testing.T) {
	neo4jtest.URI(t)
	for _, name := range cypher.Names() {
		t.Run(name, func(t *testing.T) {
			res := neo4jtest.Exec(t, "EXPLAIN "+cypher.Query(name), nil)
			if res.Summary.Plan() == nil {
				t.Fatal("no plan")
			}
		})
	}
}

func TestWarm(t *testing.T) {
	store := neo4jtest.Store(t)
	if err := store.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
}
