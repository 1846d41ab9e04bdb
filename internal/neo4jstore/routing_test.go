package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestRoutingScheme runs reads and a write through a neo4j:// URI, the scheme a cluster
// is addressed by: the driver then asks the server for a routing table and sends reads
// to readers and writes to writers. A standalone server answers with itself in every
// role, so this is the code path a cluster takes, against the real database; a server
// that advertised another address than the one it listens on would fail it.
func TestRoutingScheme(t *testing.T) {
	o := neo4jtest.Options(t)
	scheme, rest, ok := strings.Cut(o.URI, "://")
	if !ok {
		t.Fatalf("NEO4J_URI %q has no scheme", o.URI)
	}
	switch scheme {
	case "bolt":
		o.URI = "neo4j://" + rest
	case "bolt+s", "bolt+ssc":
		o.URI = "neo4j" + strings.TrimPrefix(scheme, "bolt") + "://" + rest
	}
	if !strings.HasPrefix(o.URI, "neo4j") {
		t.Fatalf("cannot turn %q into a routing URI", o.URI)
	}
	store, err := neo4jstore.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	ctx := context.Background()
	if err := store.Ping(ctx); err != nil {
		t.Fatalf("ping through %s: %v", o.URI, err)
	}
	// A write (schema statements go to the writer; applying them again changes nothing).
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatalf("write through %s: %v", o.URI, err)
	}
	// Reads through the readers' route: one plain, one named query with parameters.
	stats, err := store.Stats(ctx)
	if err != nil {
		t.Fatalf("stats through %s: %v", o.URI, err)
	}
	direct := neo4jtest.Exec(t, "MATCH (n) RETURN count(n) AS n", nil)
	if want, _ := direct.Records[0].Get("n"); stats.Nodes != want.(int64) {
		t.Fatalf("stats through %s: %d nodes, the direct connection counts %v", o.URI, stats.Nodes, want)
	}
	_, err = store.Neighbourhood(ctx, domain.NeighbourhoodQuery{ID: "no-such-entity-routing-test", Depth: 1, PerNode: 5, Limit: 10})
	if domain.ErrorCodeOf(err) != domain.ENotFound {
		t.Fatalf("neighbourhood of an unknown id through %s: got %v, want not found", o.URI, err)
	}
}
