package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// warmRequests are the API's read queries, each with a request that finds nothing or
// next to nothing: an empty id, which no node has; the first source; a one-word search.
// The neighbourhood query in particular takes about a second to plan, which would
// otherwise fall on the first user after every start. Running a query, not only
// planning it, is what leaves Neo4j ready: with an EXPLAIN of each query as the warm-up
// the neighbourhood query's first real call still took 225 ms (the calls of
// BenchmarkFirstCalls, measured before this warm-up replaced it), with this one 4-7 ms.
// The values an empty id never reaches are there because LIMIT and SKIP take no null.
var warmRequests = []struct {
	query   string
	request map[string]any
}{
	{"neighbourhood", map[string]any{"key": "", "depth": 1, "per_node": 1, "limit": 1, "scan_max": 1, "sort_max": 1}},
	{"expand", map[string]any{"key": "", "direction": "both", "offset": 0, "limit": 1, "scan_max": 1, "sort_max": 1, "by_degree": true, "by_type": false}},
	{"entity", EntityParams("", 1)},
	{"paths_shortest", map[string]any{"from_key": "", "to_key": "", "max_length": 1, "established_only": false}},
	{"paths_all", map[string]any{"from_key": "", "to_key": "", "max_length": 1, "established_only": false, "paths_max": 1}},
	{"source", map[string]any{"key": "", "limit": 1}},
	{"sources", map[string]any{"offset": 0, "limit": 1}},
	{"search", FulltextSearchParams("newsgraph", 0, 1)},
	{"graph_counts", nil},
}

// warmTimeout bounds each query of the warm-up. Planning the neighbourhood query takes
// seconds on a new database, longer than a request may (NEWSGRAPH_REQUEST_TIMEOUT):
// cut short, the warm-up would leave the planning to the first request.
const warmTimeout = 2 * time.Minute

// Warm runs each of the API's read queries once (warmRequests), so that their plans are
// cached before the first request. It returns the first error, which the server only
// logs. A database without newsgraph's full-text index is no failure: its searches take
// the fallback, which reads every node and is not run ahead.
func (s *Store) Warm(ctx context.Context) error {
	// Warm runs when the schema changed (a constraint made by another process's load,
	// say): the keys are asked again now, not after keyCheckAge.
	s.forgetKeys()
	if _, err := s.unkeyedLabels(ctx); err != nil {
		return fmt.Errorf("key_constraints: %w", err)
	}
	for _, w := range warmRequests {
		if _, err := s.readWithin(ctx, cypher.Query(w.query), w.request, warmTimeout); err != nil && !isMissingIndex(err) {
			return fmt.Errorf("%s: %w", w.query, err)
		}
	}
	return nil
}

// SchemaVersion describes the database's indexes and their states in one text, which
// changes whenever the schema does; Neo4j then empties its plan cache, so serve warms
// the API's queries again (Warm). It fails as a query does when Neo4j cannot answer
// (out of reach, refusing the credentials, too slow); a database that will not list its
// indexes to this user (no privilege, a composite database) has the version "", so
// that its server is still ready, only not told of schema changes.
func (s *Store) SchemaVersion(ctx context.Context) (string, error) {
	// Asked every few seconds: a Neo4j that does not answer soon is treated as gone. The
	// ping first finds a Neo4j that takes connections but does not answer, which reads
	// then refuse at once, and finds it answering again, which lets them through.
	if err := s.Ping(ctx); err != nil {
		return "", err
	}
	res, err := s.readWithin(ctx, cypher.Query("schema_version"), nil, 10*time.Second)
	if err != nil {
		if code := domain.ErrorCodeOf(err); isForbidden(err) || (code != domain.EUnavailable && code != domain.ETimeout) {
			return "", nil
		}
		return "", err
	}
	if len(res.Records) == 0 {
		return "", nil
	}
	v, _ := res.Records[0].Get("version")
	return stringOf(v), nil
}
