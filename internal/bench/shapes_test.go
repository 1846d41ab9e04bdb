package bench_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// BenchmarkFirstCalls measures what a neighbourhood request costs the first time its
// parameters take a new shape: an id of another length, an element id, a filter or a
// list of another length. Neo4j caches a plan per query and per parameter shape, and
// planning the neighbourhood query takes about a second; since the API's queries take
// their values in one map (neo4jstore.Request) every shape should use the one plan
// that serve makes at start. Each iteration clears Neo4j's query caches, warms them as
// serve does at start (Store.Warm), then calls the endpoint over loopback HTTP once in
// each shape. Run it on its own or last: it clears the caches.
func BenchmarkFirstCalls(b *testing.B) {
	e := getEnv(b)
	in := generatedInputs(b, e)
	ctx := context.Background()
	focus := in.foci[0]
	res, err := neo4jstore.RunRead(ctx, e.driver, e.db, "MATCH (n:Entity {id: $id}) RETURN elementId(n) AS id",
		map[string]any{"id": focus}, queryTimeout)
	if err != nil || len(res.Records) == 0 {
		b.Fatalf("the focus %s: %v", focus, err)
	}
	elementID, _ := res.Records[0].Values[0].(string)
	twelve := "EMPLOYED_BY,KNOWS,INVESTED_IN,SUED,A,B,C,D,E,F,G,H"
	shapes := []struct{ name, id, filter string }{
		{"no filter", focus, ""},
		{"an id of another length", in.hub, ""},
		{"an element id", elementID, ""},
		{"one type", focus, "types=EMPLOYED_BY"},
		{"two types", focus, "types=EMPLOYED_BY,KNOWS"},
		{"twelve types", focus, "types=" + twelve},
		{"a status", focus, "status=reported"},
		{"a label", focus, "labels=Person"},
		{"a source", focus, "source=gen-src-00001"},
		{"a year", focus, "from=2020"},
		{"a day and a year", focus, "from=2020-01-01&to=2021"},
		{"every filter", focus, "types=EMPLOYED_BY&labels=Person&status=reported&source=gen-src-00001&from=2000&to=2030"},
	}
	firsts := make([][]time.Duration, len(shapes))
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if _, err := neo4j.ExecuteQuery(ctx, e.driver, "CALL db.clearQueryCaches()", nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(e.db)); err != nil {
			b.Fatal(err)
		}
		if err := e.store.Warm(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i, s := range shapes {
			path := "/api/entities/" + url.PathEscape(s.id) + "/neighbourhood?depth=2"
			if s.filter != "" {
				path += "&" + s.filter
			}
			start := time.Now()
			if _, err := e.get(path); err != nil {
				b.Fatalf("%s: %v", s.name, err)
			}
			firsts[i] = append(firsts[i], time.Since(start))
		}
	}
	b.StopTimer()
	var all []time.Duration
	var sb strings.Builder
	sb.WriteString("\n| first call after the caches were cleared and Store.Warm ran (generated, depth 2) | n | p50 | max |\n|---|---:|---:|---:|\n")
	for i, s := range shapes {
		all = append(all, firsts[i]...)
		fmt.Fprintf(&sb, "| %s | %d | %.1f ms | %.1f ms |\n", s.name, len(firsts[i]), ms(percentile(firsts[i], 50)), ms(percentile(firsts[i], 100)))
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(percentile(all, 50)), "first-call-p50-ms")
	b.ReportMetric(ms(percentile(all, 100)), "first-call-max-ms")
	firstCalls = sb.String()
}

var firstCalls string
