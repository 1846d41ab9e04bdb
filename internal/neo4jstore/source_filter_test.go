package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestSourceFilterTakesAnElementID: the source filter names its source by element id as
// well as by id, as every parameter naming a node does. The page names a source without
// a unique id (a database without newsgraph's constraint) by its element id, and the
// filter, compared with the relationships' `sources` as given, kept nothing.
func TestSourceFilterTakesAnElementID(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Reset(t)
	mustLoad(t, store, builtinDatasets(t))
	res := neo4jtest.Exec(t, `MATCH (:Entity {id: 'scale-ai'})-[r]-() UNWIND r.sources AS cited MATCH (s:Source {id: cited})
		RETURN s.id AS id, elementId(s) AS element_id ORDER BY id LIMIT 1`, nil)
	id, _ := res.Records[0].Get("id")
	elementID, _ := res.Records[0].Get("element_id")
	ctx := context.Background()
	count := func(source string) (hood, page int) {
		t.Helper()
		n, err := store.Neighbourhood(ctx, domain.NeighbourhoodQuery{ID: "scale-ai", Depth: 2, PerNode: 25, Limit: 500, Filters: domain.Filters{Source: source}})
		if err != nil {
			t.Fatal(err)
		}
		e, err := store.Expand(ctx, domain.ExpandQuery{ID: "scale-ai", Direction: domain.DirectionBoth, Limit: 100, Filters: domain.Filters{Source: source}})
		if err != nil {
			t.Fatal(err)
		}
		return len(n.Relationships), len(e.Relationships)
	}
	byID, pageByID := count(id.(string))
	byElementID, pageByElementID := count(elementID.(string))
	if byID == 0 || pageByID == 0 {
		t.Fatalf("source %s filters scale-ai's graph to nothing; pick another", id)
	}
	if byElementID != byID || pageByElementID != pageByID {
		t.Errorf("by element id the filter keeps %d and %d relationships, by id %d and %d", byElementID, pageByElementID, byID, pageByID)
	}
}
