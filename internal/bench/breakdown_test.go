package bench_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// BenchmarkBreakdown splits the HTTP layer's overhead for neighbourhoods on the
// generated graph into its parts. Each iteration runs the same request four ways: the
// query through the driver alone; the store's Neighbourhood (the query plus mapping the
// records to the domain graph); encoding that answer as the server does (AppendJSON);
// and the whole HTTP call. Medians of the pairwise differences give the cost of the
// mapping, of the encoding, and of everything else (routing, middleware, loopback).
func BenchmarkBreakdown(b *testing.B) {
	e := getEnv(b)
	in := generatedInputs(b, e)
	cases := []struct {
		name  string
		ids   []string
		depth int
	}{
		{"neighbourhood-d2", in.foci, 2},
		{"neighbourhood-d2-top20", in.top, 2},
		{"neighbourhood-d3", in.foci, 3},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var drv, store, enc, total []time.Duration
			var out []byte
			run := func(i int) {
				id := c.ids[i%len(c.ids)]
				q := domain.NeighbourhoodQuery{ID: id, Depth: c.depth, PerNode: perNode, Limit: nodeCap}
				start := time.Now()
				if _, err := e.run("neighbourhood", neo4jstore.NeighbourhoodParams(q)); err != nil {
					b.Fatal(err)
				}
				drv = append(drv, time.Since(start))
				ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
				start = time.Now()
				answer, err := e.store.Neighbourhood(ctx, q)
				store = append(store, time.Since(start))
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				start = time.Now()
				out = answer.AppendJSON(out[:0]) // into a reused buffer, as the server does
				enc = append(enc, time.Since(start))
				start = time.Now()
				if _, err := e.get(fmt.Sprintf("/api/entities/%s/neighbourhood?depth=%d", id, c.depth)); err != nil {
					b.Fatal(err)
				}
				total = append(total, time.Since(start))
			}
			for i := 0; i < warmup && !warmed["breakdown/"+c.name]; i++ {
				run(i)
			}
			warmed["breakdown/"+c.name] = true
			drv, store, enc, total = drv[:0], store[:0], enc[:0], total[:0]
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				run(i)
			}
			b.StopTimer()
			r := breakdown{
				op: c.name, n: b.N, driver: percentile(drv, 50), total: percentile(total, 50),
				mapping:   medianDiff(store, drv),
				encoding:  percentile(enc, 50),
				transport: medianDiff3(total, store, enc),
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(ms(r.driver), "driver-p50-ms")
			b.ReportMetric(ms(r.mapping), "mapping-ms")
			b.ReportMetric(ms(r.encoding), "json-ms")
			b.ReportMetric(ms(r.transport), "http-rest-ms")
			resultsMu.Lock()
			breakdowns[c.name] = r
			resultsMu.Unlock()
		})
	}
}

// breakdown is one row of the overhead breakdown table.
type breakdown struct {
	op                                          string
	n                                           int
	driver, mapping, encoding, transport, total time.Duration
}

var breakdowns = map[string]breakdown{}

// medianDiff is the median of a[i]-b[i].
func medianDiff(a, b []time.Duration) time.Duration {
	d := make([]time.Duration, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	return percentile(d, 50)
}

// medianDiff3 is the median of a[i]-b[i]-c[i].
func medianDiff3(a, b, c []time.Duration) time.Duration {
	d := make([]time.Duration, len(a))
	for i := range a {
		d[i] = a[i] - b[i] - c[i]
	}
	return percentile(d, 50)
}

func breakdownTable() string {
	if len(breakdowns) == 0 {
		return ""
	}
	var sb strings.Builder
	sb.WriteString("\n| breakdown (generated, p50 / medians) | n | driver alone | + mapping to the domain graph | + JSON encoding | + routing, middleware, loopback HTTP | = HTTP total |\n")
	sb.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, name := range []string{"neighbourhood-d2", "neighbourhood-d2-top20", "neighbourhood-d3"} {
		r, ok := breakdowns[name]
		if !ok {
			continue
		}
		fmt.Fprintf(&sb, "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |\n",
			r.op, r.n, ms(r.driver), ms(r.mapping), ms(r.encoding), ms(r.transport), ms(r.total))
	}
	return sb.String()
}
