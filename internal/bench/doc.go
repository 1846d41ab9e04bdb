// Package bench holds newsgraph's latency benchmarks (bench_test.go): every graph
// endpoint measured end to end through the real gin router and store, paired with the
// same named Cypher query and parameters run through the driver alone, on the built-in
// dataset and on a generated power-law graph. Each endpoint is timed twice: in process
// (the server's handler given a request and a recorder, as Go benchmarks a handler:
// routing, middleware, the store's mapping of records to the domain graph, JSON) and
// over loopback HTTP (adding the kernel's TCP round trip and the client reading the
// answer). The differences from the driver are the HTTP layer's overhead. `make bench`
// runs them; docs/benchmarks.md reports them.
package bench
