// Package domain holds newsgraph's vocabulary: the graph shapes every answer uses, the
// options that shape a query, and the one error type that adapters translate into and
// out of. It imports no adapter, so the Neo4j store, the HTTP API and the dataset files
// can each depend on it without depending on one another.
package domain
