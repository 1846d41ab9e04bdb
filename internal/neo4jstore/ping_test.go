package neo4jstore_test

import (
	"context"
	"net"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// TestPingOfASilentNeo4jIsUnavailable: a Neo4j that takes the connection and never
// answers (a frozen process, a partition) makes Ping say unavailable, which /readyz
// answers 503 with Retry-After, not the 504 of a query that ran too long. Before, the
// ping's own time limit, and a query's wait for a connection, came out as "the query
// took longer than the time limit". A pool whose connections are all in use fails so too.
func TestPingOfASilentNeo4jIsUnavailable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close() // held open, never answered
		}
	}()
	store, err := neo4jstore.Open(neo4jstore.Options{URI: "bolt://" + ln.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	err = store.Ping(context.Background())
	if domain.ErrorCodeOf(err) != domain.EUnavailable {
		t.Fatalf("Ping of a silent Neo4j: %v (%s), want unavailable", err, domain.ErrorCodeOf(err))
	}
	// A query finds no connection in time either: it never ran, so no 504 either.
	if _, err := store.ServerVersion(context.Background()); domain.ErrorCodeOf(err) != domain.EUnavailable {
		t.Fatalf("a query on a silent Neo4j: %v (%s), want unavailable", err, domain.ErrorCodeOf(err))
	}
}
