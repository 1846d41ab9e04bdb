package neo4jstore

import (
	"context"
	"os"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// BenchmarkNeighbourhoodMapping times mapping one neighbourhood record to the domain
// answer and writing its JSON, without the query: NEO4J_URI must hold the generated
// graph (make bench). NEWSGRAPH_BENCH_FOCUS picks the focus (default gen-p-000500).
func BenchmarkNeighbourhoodMapping(b *testing.B) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		b.Skip("NEO4J_URI is unset")
	}
	focus := os.Getenv("NEWSGRAPH_BENCH_FOCUS")
	if focus == "" {
		focus = "gen-p-000500"
	}
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		b.Fatal(err)
	}
	defer driver.Close(ctx)
	for _, depth := range []int{2, 3} {
		p := filterParams(nodeRef(focus), domain.Filters{})
		p["depth"], p["per_node"], p["limit"], p["scan_max"] = depth, 25, 500, SupernodeDegree
		res, err := neo4j.ExecuteQuery(ctx, driver, cypher.Query("neighbourhood"), p, neo4j.EagerResultTransformer)
		if err != nil {
			b.Fatal(err)
		}
		rec := res.Records[0]
		name := map[int]string{2: "d2", 3: "d3"}[depth]
		b.Run(name+"/map", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = neighbourhoodOf(rec)
			}
		})
		b.Run(name+"/map+json", func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]byte, 0, 1<<20)
			for range b.N {
				buf = neighbourhoodOf(rec).AppendJSON(buf[:0])
			}
			b.SetBytes(int64(len(buf)))
		})
	}
}
