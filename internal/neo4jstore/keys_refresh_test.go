package neo4jstore

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// TestKeyCheckRefresh: once the constraints behind node keys have been asked for, a
// stale answer is asked again by one request at a time, the others using the last
// answer meanwhile, and a re-ask that fails keeps the last answer instead of failing
// the request (whose own query meets whatever failed). A cancelled context stands for
// the failure: the re-ask really goes to the database and fails there.
func TestKeyCheckRefresh(t *testing.T) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is unset under CI=true")
		}
		t.Skip("NEO4J_URI is unset")
	}
	database := os.Getenv("NEO4J_DATABASE")
	if database == "" {
		database = "neo4j"
	}
	username := os.Getenv("NEO4J_USERNAME")
	if username == "" {
		username = "neo4j"
	}
	s, err := Open(Options{URI: uri, Username: username, Password: os.Getenv("NEO4J_PASSWORD"), Database: database, QueryTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	ctx := context.Background()
	if _, err := s.unkeyedLabels(ctx); err != nil {
		t.Fatalf("the first ask: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	stale := func() *keyCheck {
		c := &keyCheck{unkeyed: []string{"Marker"}, at: time.Now().Add(-2 * keyCheckAge)}
		s.keys.Store(c)
		return c
	}

	// Another request is asking: this one uses the last answer and asks nothing.
	old := stale()
	s.keysAsking.Store(true)
	got, err := s.unkeyedLabels(cancelled)
	if err != nil || !slices.Equal(got, []string{"Marker"}) || s.keys.Load() != old {
		t.Fatalf("while another request asks: %v, %v, asked again: %v", got, err, s.keys.Load() != old)
	}
	s.keysAsking.Store(false)

	// The re-ask fails: the last answer stands, and the next request asks again.
	stale()
	got, err = s.unkeyedLabels(cancelled)
	if err != nil || !slices.Equal(got, []string{"Marker"}) {
		t.Fatalf("a failed re-ask: %v, %v; want the last answer", got, err)
	}
	if s.keysAsking.Load() {
		t.Fatal("a failed re-ask left the store marked as asking, so no request would ask again")
	}

	// The re-ask succeeds: the database's answer replaces the stale one.
	got, err = s.unkeyedLabels(ctx)
	if err != nil || slices.Contains(got, "Marker") || time.Since(s.keys.Load().at) > keyCheckAge {
		t.Fatalf("a re-ask: %v, %v, asked %v ago", got, err, time.Since(s.keys.Load().at))
	}

	// A first ask that fails for want of time has no answer to fall back on: the
	// request fails, and nothing is kept, so that the next one asks.
	s.keys.Store(nil)
	if _, err := s.unkeyedLabels(cancelled); domain.ErrorCodeOf(err) != domain.ETimeout {
		t.Fatalf("a first ask cut short: %v, want a timeout", err)
	}
	if s.keys.Load() != nil {
		t.Fatal("a first ask cut short kept an answer")
	}

	// Neo4j out of reach fails the request even with an answer to fall back on: its own
	// query would meet the same, after another round of retries.
	down, err := Open(Options{URI: "bolt://127.0.0.1:1", Database: database})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = down.Close(context.Background()) })
	down.keys.Store(&keyCheck{unkeyed: []string{"Marker"}, at: time.Now().Add(-2 * keyCheckAge)})
	if _, err := down.unkeyedLabels(ctx); domain.ErrorCodeOf(err) != domain.EUnavailable {
		t.Fatalf("Neo4j out of reach: %v, want unavailable", err)
	}
}
