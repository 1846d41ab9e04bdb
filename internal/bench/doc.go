// Package bench holds newsgraph's latency benchmarks (bench_test.go): every graph
// endpoint measured end to end through the real gin router and store, paired with the
// same named Cypher query and parameters run through the driver alone, on the built-in
// dataset and on a generated power-law graph. The difference is the HTTP layer's
// overhead: mapping records to the domain graph, JSON encoding, routing, middleware and
// the loopback HTTP round trip. `make bench` runs them; docs/benchmarks.md reports them.
package bench
