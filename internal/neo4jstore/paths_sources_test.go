package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestPathsPassForeignSources: paths never go through newsgraph's sources (marked by
// the `dataset` every load stamps), where every entity a source mentions would be two
// hops from every other; another database's :Source (a magazine two people read) is a
// node like any other, and paths through it were refused without a word.
func TestPathsPassForeignSources(t *testing.T) {
	store := neo4jtest.Store(t)
	clean := func() { neo4jtest.Exec(t, "MATCH (n:PathsSourceTest) DETACH DELETE n", nil) }
	clean()
	t.Cleanup(clean)
	neo4jtest.Exec(t, `CREATE (a:PathsSourceTest {id: 'pst-a', name: 'Reader A'}), (b:PathsSourceTest {id: 'pst-b', name: 'Reader B'}),
		(c:PathsSourceTest {id: 'pst-c', name: 'Reader C'}), (d:PathsSourceTest {id: 'pst-d', name: 'Reader D'}),
		(a)-[:READS]->(:Source:PathsSourceTest {name: 'Variety'})<-[:READS]-(b),
		(c)<-[:MENTIONS]-(:Source:PathsSourceTest {id: 'pst-src', name: 'An article', dataset: 'pst'})-[:MENTIONS]->(d)`, nil)
	ids := map[string]string{}
	res := neo4jtest.Exec(t, "MATCH (n:PathsSourceTest) WHERE n.id STARTS WITH 'pst-' RETURN n.id AS id, elementId(n) AS eid", nil)
	for _, r := range res.Records {
		id, _ := r.Get("id")
		eid, _ := r.Get("eid")
		ids[id.(string)] = eid.(string)
	}
	for _, mode := range []string{domain.PathsShortest, domain.PathsAllShortest} {
		got, err := store.Paths(context.Background(), domain.PathQuery{From: ids["pst-a"], To: ids["pst-b"], Mode: mode, MaxLength: 4})
		if err != nil || len(got.Paths) != 1 || len(got.Paths[0].Nodes) != 3 {
			t.Errorf("%s through a foreign source: %+v, %v; want one path of two hops", mode, got.Paths, err)
		}
		got, err = store.Paths(context.Background(), domain.PathQuery{From: ids["pst-c"], To: ids["pst-d"], Mode: mode, MaxLength: 4})
		if err != nil || len(got.Paths) != 0 {
			t.Errorf("%s through newsgraph's source: %+v, %v; want none", mode, got.Paths, err)
		}
	}
}
