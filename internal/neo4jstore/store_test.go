package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

func TestServerVersion(t *testing.T) {
	store := neo4jtest.Store(t)
	version, err := store.ServerVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(version, "5.26") {
		t.Fatalf("expected Neo4j 5.26, got %q", version)
	}
	t.Logf("ran dbms.components() against the real database: %s", version)
}

func TestUnreachableIsUnavailable(t *testing.T) {
	// A port nothing listens on: the store must say "unavailable", not "internal".
	store, err := neo4jstore.Open(neo4jstore.Options{URI: "bolt://127.0.0.1:1", Database: "neo4j"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	for name, call := range map[string]func() error{
		"ping":    func() error { return store.Ping(context.Background()) },
		"version": func() error { _, err := store.ServerVersion(context.Background()); return err },
		"load": func() error {
			_, err := store.Load(context.Background(), []domain.Dataset{{Name: "d"}}, neo4jstore.LoadOptions{})
			// Someone whose load broke off needs to know that nothing is half-loaded: a
			// load that never reached Neo4j says plainly that nothing was loaded.
			if msg := domain.ErrorMessageOf(err); !strings.Contains(msg, "Nothing was loaded.") {
				t.Errorf("the load's message does not say that nothing was loaded: %q", msg)
			}
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			if code := domain.ErrorCodeOf(call()); code != domain.EUnavailable {
				t.Fatalf("got %q, want %q", code, domain.EUnavailable)
			}
		})
	}
}
