package bench_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// BenchmarkFloor measures what any API call costs before it does any work: GET /healthz
// (the same router and middleware as every endpoint, no query), over loopback HTTP and
// in process, against the smallest Bolt round trip, `RETURN 1` through the driver (an
// auto-commit read, as every API query runs). The calls interleave like the endpoint
// benchmarks, so all see the same scheduler and cache conditions. An endpoint's
// overhead cannot fall below its path's floor, whatever it answers.
func BenchmarkFloor(b *testing.B) {
	e := getEnv(b)
	var httpD, drvD, inprocD []time.Duration
	bolt := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		start := time.Now()
		_, err := neo4jstore.RunRead(ctx, e.driver, e.db, "RETURN 1 AS one", nil, queryTimeout)
		drvD = append(drvD, time.Since(start))
		return err
	}
	get := func() error {
		start := time.Now()
		_, err := e.get("/healthz")
		httpD = append(httpD, time.Since(start))
		return err
	}
	serve := func() error {
		start := time.Now()
		_, err := e.serve("/healthz")
		inprocD = append(inprocD, time.Since(start))
		return err
	}
	for i := 0; i < warmup; i++ {
		if err := errors.Join(bolt(), get(), serve()); err != nil {
			b.Fatal(err)
		}
	}
	httpD, drvD, inprocD = httpD[:0], drvD[:0], inprocD[:0]
	b.ResetTimer()
	if err := paired(b.N, func(int) error { return bolt() }, func(int) error { return get() },
		func(int) error { return serve() }); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	r := summarize(httpD, drvD)
	r.inProcess = summarize(inprocD, drvD)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(r.httpP50), "http-p50-ms")
	b.ReportMetric(ms(r.inProcess.httpP50), "inprocess-p50-ms")
	b.ReportMetric(ms(r.drvP50), "bolt-p50-ms")
	floor = r
}

var floor *result

func floorTable() string {
	if floor == nil {
		return ""
	}
	return fmt.Sprintf("\n| floor (no work) | n | Bolt round trip (RETURN 1) p50 / p99 | GET /healthz in process p50 / p99 | GET /healthz over loopback p50 / p99 |\n"+
		"|---|---:|---:|---:|---:|\n| an empty call | %d | %.2f ms / %.2f ms | %.3f ms / %.3f ms | %.2f ms / %.2f ms |\n",
		floor.n, ms(floor.drvP50), ms(floor.drvP99), ms(floor.inProcess.httpP50), ms(floor.inProcess.httpP99),
		ms(floor.httpP50), ms(floor.httpP99))
}
