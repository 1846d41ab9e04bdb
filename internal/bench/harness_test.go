package bench_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// warmup iterations run untimed before each benchmark, so that query plans are cached,
// the page cache holds the touched records and the JIT has compiled the hot paths: the
// numbers describe a server that has been up for a while, not its first requests.
const warmup = 20

// warmed remembers which workloads have had their warm-up: the testing package calls a
// benchmark function more than once (b.N = 1 first), and one warm-up is enough.
var warmed = map[string]bool{}

// queryTimeout bounds every call on every path: the API's default request timeout.
const queryTimeout = 15 * time.Second

// coldTimeout bounds the first call of each workload, which may include planning.
const coldTimeout = 3 * time.Minute

// env is what every benchmark shares: one store behind the real router, served over
// loopback HTTP and called in process, and a separate driver for the driver-only path.
type env struct {
	store   *neo4jstore.Store
	driver  neo4j.DriverWithContext
	db      string
	handler http.Handler // the server's whole handler: router, middleware, endpoints
	srv     *httptest.Server
	client  *http.Client
}

var (
	envOnce sync.Once
	shared  *env
	envErr  error
)

// getEnv skips the benchmark when no database is configured (benchmarks only run under
// `make bench`, which provides one) and otherwise connects once per process.
func getEnv(b *testing.B) *env {
	b.Helper()
	if os.Getenv("NEO4J_URI") == "" {
		b.Skip("NEO4J_URI is unset; run `make bench` to benchmark against a throwaway Neo4j")
	}
	envOnce.Do(func() { shared, envErr = newEnv(neo4jtest.Options(b)) })
	if envErr != nil {
		b.Fatal(envErr)
	}
	return shared
}

func newEnv(o neo4jstore.Options) (*env, error) {
	// The process runs the collector as serve does: every path shares it.
	httpapi.TuneGC()
	o.QueryTimeout = queryTimeout
	store, err := neo4jstore.Open(o)
	if err != nil {
		return nil, err
	}
	if err := store.Ping(context.Background()); err != nil {
		return nil, err
	}
	auth := neo4j.NoAuth()
	if o.Password != "" {
		auth = neo4j.BasicAuth(o.Username, o.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(o.URI, auth)
	if err != nil {
		return nil, err
	}
	fmt.Println("neo4j:     " + describeDatabase(driver, o.Database))
	// The access log is part of the HTTP layer's cost, so it stays on; it is only
	// discarded instead of flooding the benchmark output.
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	api := httpapi.New(httpapi.Options{Store: store, Logger: logger, RequestTimeout: queryTimeout})
	handler := api.Handler()
	srv := httptest.NewServer(handler)
	// The client asks for answers as they are: the tables time the HTTP layer itself,
	// and BenchmarkCompression what gzip (on in serve) adds and saves.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: true}}
	return &env{store: store, driver: driver, db: o.Database, handler: handler, srv: srv, client: client}, nil
}

// describeDatabase says what the benchmarked database runs with, as the database itself
// reports it: the benchmark's own environment says nothing about a database started
// elsewhere. What it cannot read (a procedure an operator has restricted) it says so.
func describeDatabase(driver neo4j.DriverWithContext, db string) string {
	ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
	defer cancel()
	ask := func(query, key string) string {
		res, err := neo4jstore.RunRead(ctx, driver, db, query, nil, queryTimeout)
		if err != nil {
			return "unknown (" + firstLine(err.Error(), 80) + ")"
		}
		if len(res.Records) == 0 {
			return "unknown"
		}
		v, _ := res.Records[0].Get(key)
		return fmt.Sprint(v)
	}
	version := ask("CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v", "v")
	// The embedded launcher sizes the heap with -Xmx, which no setting shows; the JVM does.
	heap := ask("CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "+
		"RETURN round(attributes.HeapMemoryUsage.value.properties.max / 1073741824.0, 2) + ' GiB' AS v", "v")
	pageCache := ask("SHOW SETTINGS YIELD name, value WHERE name = 'server.memory.pagecache.size' RETURN value AS v", "v")
	return fmt.Sprintf("Neo4j %s, heap max %s, page cache %s (as the database reports them)", version, heap, pageCache)
}

func (e *env) close() {
	e.srv.Close()
	ctx := context.Background()
	_ = e.driver.Close(ctx)
	_ = e.store.Close(ctx)
}

// get calls the API over loopback HTTP and reads the whole answer, as a client would.
func (e *env) get(path string) ([]byte, error) {
	resp, err := e.client.Get(e.srv.URL + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	return body, nil
}

// serve calls the API in process: the same handler (router, middleware, endpoint,
// mapping, JSON) given a request and a recorder instead of a socket, the way Go
// benchmarks an HTTP handler. What it leaves out is the kernel's TCP round trip and the
// client's reading, which get() includes.
func (e *env) serve(path string) ([]byte, error) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("GET %s in process: %d %s", path, rec.Code, rec.Body.Bytes())
	}
	return rec.Body.Bytes(), nil
}

// run executes a named query the way the store does (neo4jstore.RunRead: one
// auto-commit read routed to readers, the database named, a server-side timeout, the
// whole result read, the values in $request) but with nothing around it.
func (e *env) run(name string, params map[string]any) (*neo4j.EagerResult, error) {
	return e.runFor(name, params, queryTimeout)
}

func (e *env) runFor(name string, params map[string]any, timeout time.Duration) (*neo4j.EagerResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return neo4jstore.RunRead(ctx, e.driver, e.db, cypher.Query(name), neo4jstore.Request(params), timeout)
}

// op is one endpoint under one workload: input i (cycled) maps to an API path and to the
// named query and parameters the endpoint runs for it.
type op struct {
	name   string
	inputs int
	path   func(i int) string
	query  string
	params func(i int) map[string]any
	// check compares the two answers for input 0, so that a benchmark cannot quietly
	// time two different pieces of work.
	check func(body []byte, res *neo4j.EagerResult) error
}

// measure times o through the driver, in process and over loopback HTTP, the three
// calls of each iteration rotating which goes first so that load from other processes
// hits them alike, and reports percentiles.
func measure(b *testing.B, e *env, graph string, o op) {
	b.Helper()
	// An endpoint that fails on this graph (a time-out, typically) is a result too: it
	// goes into the table instead of stopping the other benchmarks.
	fail := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		record(&result{graph: graph, op: o.name, failure: msg})
		b.Errorf("%s on the %s graph: %s", o.name, graph, msg)
	}
	// Planning the bigger queries takes seconds on a busy machine, and Neo4j plans again
	// when the statistics have moved (after a bulk load): one call with a generous limit
	// fills the plan cache, so the timed calls measure a server in its steady state.
	start := time.Now()
	if _, err := e.runFor(o.query, o.params(0), coldTimeout); err != nil {
		fail("first call through the driver: %v", err)
		return
	}
	if first := time.Since(start); first > time.Second {
		b.Logf("%s: the first call (with planning) took %s", o.name, first.Round(time.Millisecond))
	}
	body, err := e.get(o.path(0))
	if err != nil {
		fail("%v", err)
		return
	}
	res, err := e.run(o.query, o.params(0))
	if err != nil {
		fail("%s through the driver: %v", o.query, err)
		return
	}
	inProcessBody, err := e.serve(o.path(0))
	if err != nil {
		fail("%v", err)
		return
	}
	if o.check != nil {
		for _, answer := range [][]byte{body, inProcessBody} {
			if err := o.check(answer, res); err != nil {
				fail("the API and the driver disagree on %s: %v", o.path(0), err)
				return
			}
		}
	}
	for i := 0; i < warmup && !warmed[graph+"/"+o.name]; i++ {
		if _, err := e.get(o.path(i % o.inputs)); err != nil {
			fail("warm-up: %v", err)
			return
		}
		if _, err := e.run(o.query, o.params(i%o.inputs)); err != nil {
			fail("warm-up through the driver: %v", err)
			return
		}
	}
	warmed[graph+"/"+o.name] = true

	httpD := make([]time.Duration, 0, b.N)
	drvD := make([]time.Duration, 0, b.N)
	inprocD := make([]time.Duration, 0, b.N)
	var bytes int64
	timeHTTP := func(i int) error {
		start := time.Now()
		body, err := e.get(o.path(i))
		httpD = append(httpD, time.Since(start))
		bytes += int64(len(body))
		return err
	}
	timeInProcess := func(i int) error {
		start := time.Now()
		_, err := e.serve(o.path(i))
		inprocD = append(inprocD, time.Since(start))
		return err
	}
	timeDriver := func(i int) error {
		start := time.Now()
		_, err := e.run(o.query, o.params(i))
		drvD = append(drvD, time.Since(start))
		if err != nil {
			return fmt.Errorf("%s through the driver: %w", o.query, err)
		}
		return nil
	}
	b.ResetTimer()
	err = paired(b.N, func(n int) error { return timeDriver(n % o.inputs) },
		func(n int) error { return timeHTTP(n % o.inputs) },
		func(n int) error { return timeInProcess(n % o.inputs) })
	b.StopTimer()
	if err != nil {
		fail("%v", err)
		return
	}

	r := summarize(httpD, drvD)
	r.inProcess = summarize(inprocD, drvD)
	r.graph, r.op, r.bytes = graph, o.name, bytes/int64(b.N)
	b.ReportMetric(0, "ns/op") // an iteration is one call on each path; the percentiles say more
	b.ReportMetric(ms(r.drvP50), "driver-p50-ms")
	b.ReportMetric(ms(r.drvP99), "driver-p99-ms")
	b.ReportMetric(ms(r.httpP50), "http-p50-ms")
	b.ReportMetric(ms(r.httpP99), "http-p99-ms")
	b.ReportMetric(ms(r.overhead), "overhead-ms")
	b.ReportMetric(r.overheadPct(), "overhead-%")
	b.ReportMetric(ms(r.inProcess.httpP50), "inprocess-p50-ms")
	b.ReportMetric(r.inProcess.overheadPct(), "inprocess-overhead-%")
	record(r)
}

// paired runs each of fs once in each of n iterations, rotating which goes first, so
// that load from other processes hits them alike; it stops at the first error.
func paired(n int, fs ...func(iteration int) error) error {
	for i := 0; i < n; i++ {
		var errs []error
		for k := range fs {
			errs = append(errs, fs[(i+k)%len(fs)](i))
		}
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("iteration %d: %w", i, err)
		}
	}
	return nil
}

// result is one row of the summary table.
type result struct {
	graph, op        string
	n                int
	drvP50, drvP99   time.Duration
	httpP50, httpP99 time.Duration
	// overhead is the median of the per-iteration differences (HTTP minus driver): a
	// paired estimate that load spikes hitting one iteration cannot move much.
	overhead time.Duration
	bytes    int64  // mean answer size
	failure  string // why the endpoint could not be measured
	// inProcess is the same endpoint called in process (env.serve), against the same
	// driver calls: its httpP50, httpP99 and overhead.
	inProcess *result
}

func (r result) overheadPct() float64 {
	if r.drvP50 == 0 {
		return 0
	}
	return 100 * float64(r.overhead) / float64(r.drvP50)
}

func summarize(httpD, drvD []time.Duration) *result {
	diffs := make([]time.Duration, len(httpD))
	for i := range httpD {
		diffs[i] = httpD[i] - drvD[i]
	}
	return &result{
		n:      len(httpD),
		drvP50: percentile(drvD, 50), drvP99: percentile(drvD, 99),
		httpP50: percentile(httpD, 50), httpP99: percentile(httpD, 99),
		overhead: percentile(diffs, 50),
	}
}

// percentile is the nearest-rank percentile: the smallest sample with at least p% of
// the samples at or below it.
func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	rank := (p*len(s) + 99) / 100 // ceil(p/100 * n)
	return s[max(rank, 1)-1]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

var (
	resultsMu sync.Mutex
	results   = map[string]*result{}
)

// record keeps the last run of each benchmark: the testing package runs a benchmark
// again with a larger b.N until it is satisfied, and only the final run counts.
func record(r *result) {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	results[r.graph+"/"+r.op] = r
}

// TestMain prints the summary table after the benchmarks (scripts/bench.sh copies it
// into docs/benchmarks.md) and closes the shared connections.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.close()
	}
	if len(results) > 0 {
		fmt.Print(table())
	}
	fmt.Print(breakdownTable())
	fmt.Print(floorTable())
	fmt.Print(compressionTable())
	fmt.Print(firstCalls)
	os.Exit(code)
}

func table() string {
	keys := make([]string, 0, len(results))
	for k := range results {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	sb.WriteString("\n| graph | endpoint | n | driver p50 / p99 | in process p50 / p99 | overhead in process | over loopback p50 / p99 | overhead over loopback | answer |\n")
	sb.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, k := range keys {
		r := results[k]
		if r.failure != "" {
			fmt.Fprintf(&sb, "| %s | %s | 0 | failed: %s |||||||\n", r.graph, r.op, firstLine(r.failure, 120))
			continue
		}
		in := r.inProcess
		fmt.Fprintf(&sb, "| %s | %s | %d | %.2f / %.2f ms | %.2f / %.2f ms | %.3f ms (%.1f%%) | %.2f / %.2f ms | %.2f ms (%.1f%%) | %.1f KB |\n",
			r.graph, r.op, r.n, ms(r.drvP50), ms(r.drvP99),
			ms(in.httpP50), ms(in.httpP99), ms(in.overhead), in.overheadPct(),
			ms(r.httpP50), ms(r.httpP99), ms(r.overhead), r.overheadPct(), float64(r.bytes)/1024)
	}
	return sb.String()
}

func firstLine(s string, n int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > n {
		s = s[:n] + "..."
	}
	return strings.ReplaceAll(s, "|", "/")
}
