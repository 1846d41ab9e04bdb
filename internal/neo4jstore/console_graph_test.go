package neo4jstore_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// seedBigProps makes n :ConsoleBig nodes holding a 600 KB description and a 3,000-item
// list, in a ring of :NEXT relationships, and returns the description.
func seedBigProps(t *testing.T, n int) string {
	t.Helper()
	neo4jtest.Exec(t, "MATCH (n:ConsoleBig) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:ConsoleBig) DETACH DELETE n", nil) })
	long := strings.Repeat("y", 600_000)
	neo4jtest.Exec(t, `UNWIND range(0, $n - 1) AS i
		CREATE (:ConsoleBig {i: i, name: 'big ' + i, description: $long, numbers: range(1, 3000), short: 'kept'})`,
		map[string]any{"n": n, "long": long})
	neo4jtest.Exec(t, `MATCH (a:ConsoleBig), (b:ConsoleBig) WHERE b.i = (a.i + 1) % $n CREATE (a)-[:NEXT]->(b)`,
		map[string]any{"n": n})
	return long
}

// TestConsoleGraphPreviewsLongValues holds the console's graph to the previews of every
// other graph answer: the rows carry a value whole, the graph a preview of it, and the
// endpoints the console fetches for relationships come previewed from Neo4j.
func TestConsoleGraphPreviewsLongValues(t *testing.T) {
	store := neo4jtest.Store(t)
	long := seedBigProps(t, 30)
	for _, tc := range []struct {
		name, query string
		rows        int
		truncated   bool
	}{
		// Relationships only: the 30 nodes come from the endpoint fetch. The answer was
		// 18 MB of graph for 3 KB of rows.
		{"endpoints of returned relationships", "MATCH (:ConsoleBig)-[r:NEXT]->() RETURN r", 30, false},
		// The rows hold 600 KB each and are cut at 16 MB; the graph repeated them whole.
		{"nodes in the rows", "MATCH (n:ConsoleBig) RETURN n ORDER BY n.i", neo4jstore.ConsoleMaxBytes / 600_000, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{Query: tc.query, Limit: 5000})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != tc.rows || res.Truncated != tc.truncated {
				t.Fatalf("%d rows, truncated %v; want %d, %v", len(res.Rows), res.Truncated, tc.rows, tc.truncated)
			}
			if len(res.Graph.Nodes) == 0 {
				t.Fatal("no nodes in the graph")
			}
			for _, n := range res.Graph.Nodes {
				var props map[string]json.RawMessage
				if err := json.Unmarshal(n.Properties, &props); err != nil {
					t.Fatal(err)
				}
				if len(n.Properties) > 8000 {
					t.Fatalf("node %s carries %d bytes of properties in the graph", n.Name, len(n.Properties))
				}
				var desc struct {
					Type       string `json:"$type"`
					Preview    string `json:"preview"`
					Bytes      int    `json:"bytes"`
					Characters int    `json:"characters"`
				}
				if err := json.Unmarshal(props["description"], &desc); err != nil || desc.Type != "Truncated" || desc.Preview != long[:1000] ||
					(desc.Bytes != 600_002 && desc.Characters != 600_000) {
					t.Fatalf("description in the graph: %.200s", props["description"])
				}
				if !strings.Contains(string(props["numbers"]), `"Truncated"`) || string(props["short"]) != `"kept"` {
					t.Fatalf("properties in the graph: numbers %.100s, short %s", props["numbers"], props["short"])
				}
				if !strings.HasPrefix(n.Name, "big ") {
					t.Fatalf("node named %q", n.Name)
				}
			}
			body, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			if len(body) > neo4jstore.ConsoleMaxBytes+64<<10 {
				t.Fatalf("the answer is %.1f MB, over the %d MB cap", float64(len(body))/(1<<20), neo4jstore.ConsoleMaxBytes>>20)
			}
		})
	}
}

// TestConsoleGraphCountsAgainstTheCap holds the rows and the graph together to the
// answer's cap: nodes of 4 KB each (under the preview limit) were 16 MB of rows and the
// same 16 MB again in the graph.
func TestConsoleGraphCountsAgainstTheCap(t *testing.T) {
	store := neo4jtest.Store(t)
	neo4jtest.Exec(t, "MATCH (n:ConsoleMany) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:ConsoleMany) DETACH DELETE n", nil) })
	neo4jtest.Exec(t, `UNWIND range(1, 4500) AS i CREATE (:ConsoleMany {i: i, text: $s})`,
		map[string]any{"s": strings.Repeat("m", 4000)})
	neo4jtest.Exec(t, `MATCH (a:ConsoleMany), (b:ConsoleMany) WHERE a.i % 2 = 1 AND b.i = a.i + 1 CREATE (a)-[:PAIR]->(b)`, nil)
	for _, tc := range []struct{ name, query string }{
		{"nodes in the rows", "MATCH (n:ConsoleMany) RETURN n"},
		{"the nodes as endpoints", "MATCH (:ConsoleMany)-[r:PAIR]->() RETURN r"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{Query: tc.query, Limit: 5000})
			if err != nil {
				t.Fatal(err)
			}
			body, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			if len(body) > neo4jstore.ConsoleMaxBytes+64<<10 {
				t.Fatalf("the answer is %.1f MB (%d rows, %d nodes in the graph), over the %d MB cap", float64(len(body))/(1<<20),
					len(res.Rows), len(res.Graph.Nodes), neo4jstore.ConsoleMaxBytes>>20)
			}
			if !res.Truncated && !res.Graph.Truncated {
				t.Fatalf("nothing says the answer was cut: %d rows, %d nodes", len(res.Rows), len(res.Graph.Nodes))
			}
		})
	}
}
