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
	ctx, driver := benchDriver(b)
	focus := os.Getenv("NEWSGRAPH_BENCH_FOCUS")
	if focus == "" {
		focus = "gen-p-000500"
	}
	for _, depth := range []int{2, 3} {
		p := filterParams(nodeRef(focus), domain.Filters{})
		p["depth"], p["per_node"], p["limit"], p["scan_max"], p["name_keys"] = depth, 25, 500, SupernodeDegree, displayNameKeys
		res, err := neo4j.ExecuteQuery(ctx, driver, cypher.Query("neighbourhood"), Request(p), neo4j.EagerResultTransformer)
		if err != nil {
			b.Fatal(err)
		}
		rec := res.Records[0]
		name := map[int]string{2: "d2", 3: "d3"}[depth]
		b.Run(name+"/map", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = neighbourhoodOf(rec, nil, false)
			}
		})
		b.Run(name+"/map+json", func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]byte, 0, 1<<20)
			for range b.N {
				buf = neighbourhoodOf(rec, nil, false).AppendJSON(buf[:0])
			}
			b.SetBytes(int64(len(buf)))
		})
	}
}

// BenchmarkSmallAnswerMapping times mapping the built-in dataset's entity and paths
// answers, the endpoints whose whole query takes about a millisecond: NEO4J_URI must
// hold the dataset (make bench loads it).
func BenchmarkSmallAnswerMapping(b *testing.B) {
	ctx, driver := benchDriver(b)
	fetch := func(name string, p map[string]any) *neo4j.Record {
		res, err := neo4j.ExecuteQuery(ctx, driver, cypher.Query(name), Request(p), neo4j.EagerResultTransformer)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Records) == 0 {
			b.Skipf("%s found nothing: load the dataset first", name)
		}
		return res.Records[0]
	}
	entityRec := fetch("entity", EntityParams("mercor", domain.EntityFactsDefault))
	paths := map[string]any{"max_length": 4, "established_only": false, "paths_max": domain.PathsMax, "name_keys": displayNameKeys}
	for prefix, id := range map[string]string{"from_": "scale-ai", "to_": "tbd-labs"} {
		for k, v := range nodeRef(id) {
			paths[prefix+k] = v
		}
	}
	pathsRec := fetch("paths_shortest", paths)
	run := func(name string, answer func() interface{ AppendJSON([]byte) []byte }) {
		b.Run(name+"/map", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = answer()
			}
		})
		b.Run(name+"/map+json", func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]byte, 0, 1<<16)
			for range b.N {
				buf = answer().AppendJSON(buf[:0])
			}
			b.SetBytes(int64(len(buf)))
		})
	}
	run("entity", func() interface{ AppendJSON([]byte) []byte } { a := entityOf(entityRec, nil); return &a })
	run("paths", func() interface{ AppendJSON([]byte) []byte } { a := pathsOf(pathsRec, nil); return &a })
}

// benchDriver connects to NEO4J_URI for the mapping benchmarks, skipping without it; the
// driver closes when the benchmark ends.
func benchDriver(b *testing.B) (context.Context, neo4j.DriverWithContext) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		b.Skip("NEO4J_URI is unset")
	}
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { driver.Close(ctx) })
	return ctx, driver
}
