package neo4jstore

import (
	"context"

	"github.com/newsgraph/newsgraph/cypher"
)

// warmQueries are the read queries whose plans are worth having before the first
// request: the neighbourhood query in particular takes seconds to plan, which would
// otherwise fall on the first user after every start.
var warmQueries = []string{"neighbourhood", "expand", "entity", "paths_shortest", "paths_all", "search", "source", "sources", "graph_counts"}

// Warm asks Neo4j to plan (EXPLAIN, which runs nothing) the API's read queries so that
// their plans are cached. It returns the first error; the server only logs it.
func (s *Store) Warm(ctx context.Context) error {
	for _, name := range warmQueries {
		// An empty $request has the same shape as every request's (a map), so the plan
		// cached here is the one the requests use.
		if _, err := s.read(ctx, "EXPLAIN "+cypher.Query(name), nil); err != nil {
			return err
		}
	}
	return nil
}
