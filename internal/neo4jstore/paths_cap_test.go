package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestAllShortestPathsSayWhenCut: all shortest paths list at most domain.PathsMax, and
// the answer's graph says when there were more. Before, 150 equally short paths came
// back as 100 with `truncated: false`, as if that were all of them.
func TestAllShortestPathsSayWhenCut(t *testing.T) {
	store := neo4jtest.Store(t)
	clean := func() { neo4jtest.Exec(t, "MATCH (n:PathsCapTest) DETACH DELETE n", nil) }
	clean()
	t.Cleanup(clean)
	for _, c := range []struct {
		middles   int
		truncated bool
	}{{domain.PathsMax, false}, {domain.PathsMax + 50, true}} {
		clean()
		r := neo4jtest.Exec(t, `
			CREATE (a:PathsCapTest {name: 'a'}), (b:PathsCapTest {name: 'b'})
			WITH a, b
			UNWIND range(1, $middles) AS i
			CREATE (a)-[:KNOWS]->(:PathsCapTest {name: 'm' + i})-[:KNOWS]->(b)
			RETURN DISTINCT elementId(a) AS a, elementId(b) AS b`, map[string]any{"middles": c.middles}).Records[0]
		a, _ := r.Get("a")
		b, _ := r.Get("b")
		paths, err := store.Paths(context.Background(), domain.PathQuery{From: a.(string), To: b.(string), MaxLength: 2, Mode: domain.PathsAllShortest})
		if err != nil {
			t.Fatal(err)
		}
		if len(paths.Paths) != domain.PathsMax || paths.Graph.Truncated != c.truncated {
			t.Errorf("%d equally short paths: %d listed, truncated %v; want %d, %v", c.middles, len(paths.Paths), paths.Graph.Truncated, domain.PathsMax, c.truncated)
		}
		// The graph holds what the listed paths pass through, no more.
		if want := domain.PathsMax + 2; len(paths.Graph.Nodes) != want || len(paths.Graph.Relationships) != 2*domain.PathsMax {
			t.Errorf("%d equally short paths: the graph has %d nodes and %d relationships, want %d and %d",
				c.middles, len(paths.Graph.Nodes), len(paths.Graph.Relationships), want, 2*domain.PathsMax)
		}
	}
}
