package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/embedded"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestRefusedCredentialsDoNotLockTheAccount: while Neo4j refuses newsgraph's
// credentials, requests answer 503 without each trying to log in again, so that Neo4j
// does not lock the account (after 3 failed logins, for 5 s) for everyone who uses it.
// Before, every request made a failed login, and the right password was then refused
// too ("AuthenticationRateLimit").
func TestRefusedCredentialsDoNotLockTheAccount(t *testing.T) {
	jar := neo4jtest.LauncherJar(t)
	t.Setenv("NEWSGRAPH_TEST_PASSWORD", "right-password")
	db, err := embedded.Start(context.Background(), embedded.Options{
		Jar: jar, DataDir: t.TempDir(), Heap: "512m", PageCache: "32m", PasswordEnv: "NEWSGRAPH_TEST_PASSWORD",
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Stop(context.Background()) }()
	store, err := neo4jstore.Open(neo4jstore.Options{URI: db.URI, Username: "neo4j", Password: "wrong-password"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	ctx := context.Background()
	for i := range 8 {
		_, err := store.ServerVersion(ctx)
		if domain.ErrorCodeOf(err) != domain.EUnavailable || domain.ErrorMessageOf(err) != "Neo4j refused newsgraph's credentials; check NEO4J_USERNAME and NEO4J_PASSWORD." {
			t.Fatalf("request %d with the wrong password: %v", i+1, err)
		}
		if err := store.Ping(ctx); domain.ErrorCodeOf(err) != domain.EUnavailable {
			t.Fatalf("ping %d with the wrong password: %v", i+1, err)
		}
	}
	// Someone else, with the right password, is let in.
	driver, err := neo4j.NewDriverWithContext(db.URI, neo4j.BasicAuth("neo4j", "right-password", ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	qctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := neo4j.ExecuteQuery(qctx, driver, "RETURN 1", nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatalf("the right password after newsgraph's refused requests: %v", err)
	}
}

// TestRefusedURIHidesThePassword: a URI the driver refuses (a routing context on bolt://)
// is named in the error without the password in it; it was printed whole.
func TestRefusedURIHidesThePassword(t *testing.T) {
	_, err := neo4jstore.Open(neo4jstore.Options{URI: "bolt://neo4j:s3cret-pw@127.0.0.1:7687?x=1"})
	if err == nil || strings.Contains(err.Error(), "s3cret-pw") || !strings.Contains(err.Error(), "NEO4J_URI") {
		t.Errorf("Open: %v", err)
	}
}
