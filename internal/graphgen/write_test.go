package graphgen_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/graphgen"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestWrite stores a small generated graph in the real Neo4j and reads it back through
// plain Cypher: the counts, the hub's exact degree, the labels and fact properties the
// API filters on, and that writing again replaces rather than duplicates.
func TestWrite(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx := context.Background()
	const dataset = "graphgen-test"
	g, err := graphgen.Generate(graphgen.Config{Nodes: 1500, HubDegree: 400, Sources: 20, Seed: 42, Dataset: dataset})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = s.DeleteDataset(context.Background(), dataset) })

	for _, round := range []string{"first", "again"} {
		t.Run(round, func(t *testing.T) {
			st, err := graphgen.Write(ctx, s, g, nil)
			if err != nil {
				t.Fatal(err)
			}
			wantDeleted := int64(0)
			if round == "again" {
				wantDeleted = int64(len(g.Nodes) + len(g.Sources))
			}
			if st.Deleted != wantDeleted {
				t.Errorf("deleted %d earlier nodes, want %d", st.Deleted, wantDeleted)
			}
			checks := []struct {
				name  string
				query string
				want  int64
			}{
				{"entities", "MATCH (n:Entity {dataset: $dataset}) RETURN count(n) AS n", int64(len(g.Nodes))},
				{"sources", "MATCH (n:Source {dataset: $dataset}) RETURN count(n) AS n", int64(len(g.Sources))},
				{"relationships", "MATCH (:Entity {dataset: $dataset})-[r {dataset: $dataset}]->() RETURN count(r) AS n", int64(len(g.Rels))},
				{"hub degree", "MATCH (h:Entity {id: $hub}) RETURN COUNT { (h)--() } AS n", 400},
				{"hub employees", "MATCH (:Person {dataset: $dataset})-[r:EMPLOYED_BY]->(:Organization {id: $hub}) RETURN count(r) AS n", 400},
				{"kind labels", "MATCH (n:Entity {dataset: $dataset}) WHERE NOT (n:Person OR n:Organization) RETURN count(n) AS n", 0},
				{"facts without sources or status", "MATCH ()-[r {dataset: $dataset}]->() WHERE size(r.sources) = 0 OR size(r.evidence) <> size(r.sources) OR NOT r.status IN ['reported', 'alleged', 'disputed'] RETURN count(r) AS n", 0},
				{"alleged facts", "MATCH ()-[r {dataset: $dataset, status: 'alleged'}]->() RETURN count(r) AS n", countStatus(g, "alleged")},
			}
			for _, c := range checks {
				res := neo4jtest.Exec(t, c.query, map[string]any{"dataset": dataset, "hub": g.HubID()})
				got, _, err := neo4j.GetRecordValue[int64](res.Records[0], "n")
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if got != c.want {
					t.Errorf("%s: got %d, want %d", c.name, got, c.want)
				}
			}
		})
	}
}

func countStatus(g *graphgen.Graph, status string) int64 {
	var n int64
	for _, r := range g.Rels {
		if r.Status == status {
			n++
		}
	}
	return n
}

// TestWriteLeavesALoadedStoryAlone: generate refuses to replace a dataset that holds a
// node it did not write (a story loaded under that name), and leaves it as it was.
// Before, it deleted the story and wrote its graph in its place.
func TestWriteLeavesALoadedStoryAlone(t *testing.T) {
	s := neo4jtest.Store(t)
	const dataset = "graphgen-story-test"
	clean := func() {
		neo4jtest.Exec(t, "MATCH (n {dataset: $dataset}) DETACH DELETE n", map[string]any{"dataset": dataset})
	}
	clean()
	t.Cleanup(clean)
	neo4jtest.Exec(t, "CREATE (:Entity:Person {id: 'alice', name: 'Alice', dataset: $dataset})", map[string]any{"dataset": dataset})
	g, err := graphgen.Generate(graphgen.Config{Nodes: 50, HubDegree: 10, Sources: 2, Seed: 1, Dataset: dataset})
	if err != nil {
		t.Fatal(err)
	}
	_, err = graphgen.Write(context.Background(), s, g, nil)
	if domain.ErrorCodeOf(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessageOf(err), "id alice") {
		t.Fatalf("got %v, want a refusal naming alice", err)
	}
	res := neo4jtest.Exec(t, "MATCH (n {dataset: $dataset}) RETURN collect(n.id) AS ids", map[string]any{"dataset": dataset})
	if ids, _ := res.Records[0].Get("ids"); fmt.Sprint(ids) != "[alice]" {
		t.Errorf("the dataset holds %v after the refusal, want [alice]", ids)
	}
}
