package neo4jstore

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// idLabels are the labels whose nodes the API finds by their `id` property: newsgraph's
// own, each with a uniqueness constraint on `id` (schema.cypher), which the queries
// resolving an API id match on (the first block of entity.cypher, neighbourhood.cypher,
// expand.cypher and the paths queries).
var idLabels = []string{"Entity", "Fact", "Source", "Conflict"}

// keyCheck is what key_constraints.cypher last said: which id labels no constraint holds
// unique on `id`, and when it was asked.
type keyCheck struct {
	unkeyed []string
	at      time.Time
}

// keyCheckAge is how long a keyCheck is used before the database is asked again: a
// database gains newsgraph's constraints when `newsgraph load` first runs against it,
// which may happen while the server is up.
const keyCheckAge = 30 * time.Second

// unkeyedLabels returns the id labels whose nodes do not take their `id` as the API's
// key in this database, because no constraint keeps two nodes from sharing one: such a
// key would open one of them for both. Their nodes are named by element id instead. In
// newsgraph's own database the list is empty. It costs a round trip when the last answer
// is older than keyCheckAge (Warm asks first, so requests rarely pay it).
//
// What a failed ask means depends on why it failed. A database that cannot list its
// constraints for this user (no privilege, a composite database) keeps every id as a
// key, as before newsgraph asked. Neo4j out of reach fails the request at once, as its
// own query would, rather than after a second round of retries. A time limit or a
// client gone keeps the last answer, or fails the request that has none.
func (s *Store) unkeyedLabels(ctx context.Context) ([]string, error) {
	old := s.keys.Load()
	if old != nil && time.Since(old.at) < keyCheckAge {
		return old.unkeyed, nil
	}
	// One request asks again; the others meanwhile use the answer it replaces.
	if old != nil && !s.keysAsking.CompareAndSwap(false, true) {
		return old.unkeyed, nil
	}
	if old != nil {
		defer s.keysAsking.Store(false)
	}
	c := &keyCheck{at: time.Now()}
	res, err := s.read(ctx, cypher.Query("key_constraints"), nil)
	code := domain.ErrorCodeOf(err)
	switch {
	case err == nil:
		constrained := make([]string, 0, len(res.Records))
		for _, rec := range res.Records {
			if l, ok := rec.Values[0].(string); ok {
				constrained = append(constrained, l)
			}
		}
		for _, l := range idLabels {
			if !slices.Contains(constrained, l) {
				c.unkeyed = append(c.unkeyed, l)
			}
		}
	case code == domain.EUnavailable && !isForbidden(err):
		return nil, err
	case code == domain.ETimeout && old != nil:
		return old.unkeyed, nil
	case code == domain.ETimeout:
		return nil, err
	}
	s.keys.Store(c)
	return c.unkeyed, nil
}

// forgetKeys drops the last answer of unkeyedLabels, so that the next call asks the
// database: after the store changed the constraints itself (EnsureSchema), or when
// the schema changed (Warm).
func (s *Store) forgetKeys() { s.keys.Store(nil) }

// isForbidden reports whether Neo4j refused a statement to the user, not the user.
func isForbidden(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && strings.HasPrefix(ne.Code, "Neo.ClientError.Security.Forbidden")
}

// keyed reports whether a node with labels takes its `id` as its key: it has an id label,
// and none of its id labels is unkeyed.
func keyed(labels, unkeyed []string) bool {
	found := false
	for _, l := range labels {
		if slices.Contains(idLabels, l) {
			if slices.Contains(unkeyed, l) {
				return false
			}
			found = true
		}
	}
	return found
}

// pathKey is id as a node's key, or "" for "." and "..": no URL can carry those as a path
// segment (clients resolve them as the current and the parent folder, percent-encoded or
// not), so the page could not open such a node by its key, while its element id opens it.
func pathKey(id string) string {
	if id == "." || id == ".." {
		return ""
	}
	return id
}
