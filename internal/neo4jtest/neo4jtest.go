// Package neo4jtest connects tests to the real Neo4j that `make test` starts (its URI
// arrives in NEO4J_URI). Without one, integration tests skip on a developer's machine
// and fail under CI=true, so CI can never pass by skipping them.
package neo4jtest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/embedded"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// URI returns NEO4J_URI, or skips (fails under CI=true) when it is unset.
func URI(t testing.TB) string {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is unset under CI=true: integration tests must run against a real Neo4j (use `make test`)")
		}
		t.Skip("NEO4J_URI is unset; run `make test` to start a throwaway Neo4j")
	}
	return uri
}

// Options returns store options for the test database.
func Options(t testing.TB) neo4jstore.Options {
	return neo4jstore.Options{
		URI:          URI(t),
		Username:     envOr("NEO4J_USERNAME", "neo4j"),
		Password:     os.Getenv("NEO4J_PASSWORD"),
		Database:     envOr("NEO4J_DATABASE", "neo4j"),
		QueryTimeout: 30 * time.Second,
	}
}

// Store opens a store on the test database, checks it answers, and closes it when the
// test ends.
func Store(t testing.TB) *neo4jstore.Store {
	t.Helper()
	s, err := neo4jstore.Open(Options(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	if err := s.Ping(context.Background()); err != nil {
		t.Fatalf("Neo4j at %s does not answer: %v", os.Getenv("NEO4J_URI"), err)
	}
	return s
}

// Exec runs one statement directly through the driver, for setting up and inspecting
// test data independently of the code under test.
func Exec(t testing.TB, query string, params map[string]any) *neo4j.EagerResult {
	t.Helper()
	d, o := driver(t)
	defer d.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, d, query, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(o.Database))
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return res
}

// Reset deletes every node and relationship, in batches so a large generated graph does
// not exhaust the embedded database's heap.
func Reset(t testing.TB) {
	t.Helper()
	// CALL { } IN TRANSACTIONS needs an auto-commit transaction, which ExecuteQuery
	// never uses, so this runs through a session.
	d, o := driver(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	defer d.Close(ctx)
	session := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: o.Database})
	defer session.Close(ctx)
	// Relationships go first so that no transaction has to detach a 50,000-relationship
	// hub at once, which exceeds the embedded database's transaction memory.
	for _, q := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := session.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Fatalf("reset: %v", err)
		}
	}
}

// driver opens a driver of the test's own, separate from the store under test.
func driver(t testing.TB) (neo4j.DriverWithContext, neo4jstore.Options) {
	t.Helper()
	o := Options(t)
	auth := neo4j.NoAuth()
	if o.Password != "" {
		auth = neo4j.BasicAuth(o.Username, o.Password, "")
	}
	d, err := neo4j.NewDriverWithContext(o.URI, auth)
	if err != nil {
		t.Fatal(err)
	}
	return d, o
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// LauncherJar is the embedded Neo4j's launcher that make builds, for the tests that
// start a database of their own: they fail without it under CI, where make test built
// it first, and skip elsewhere.
func LauncherJar(t testing.TB) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	jar := filepath.Join(filepath.Dir(here), "..", "..", "neo4j-embedded", "target", "neo4j-embedded.jar")
	if _, err := os.Stat(jar); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("launcher jar missing under CI: %v", err)
		}
		t.Skip("launcher jar not built; run make")
	}
	return jar
}

// OwnDatabase is for a test that stops Neo4j under the code it tests: each call of start
// starts an embedded Neo4j of the test's own, on one data directory and port for every
// call, so that a restart finds the data and the address it left. Each one started is
// stopped when the test ends.
func OwnDatabase(t testing.TB) (start func() *embedded.Instance) {
	t.Helper()
	jar := LauncherJar(t)
	data := t.TempDir()
	port, err := embedded.FreePort("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return func() *embedded.Instance {
		t.Helper()
		db, err := embedded.Start(context.Background(), embedded.Options{Jar: jar, DataDir: data, Port: port, Heap: "512m", PageCache: "32m"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Stop(context.Background()) })
		return db
	}
}
