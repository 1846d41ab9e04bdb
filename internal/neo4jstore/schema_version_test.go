package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestSchemaVersionFollowsTheSchema checks that the schema's version changes when an
// index comes and when it goes, and stays the same in between: serve plans the API's
// queries again whenever it changes, since Neo4j then forgets its plans.
func TestSchemaVersionFollowsTheSchema(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := context.Background()
	version := func() string {
		t.Helper()
		v, err := store.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	neo4jtest.Exec(t, "DROP INDEX schema_version_probe IF EXISTS", nil)
	before := version()
	if before != version() {
		t.Fatal("the version changed with nothing changing")
	}
	neo4jtest.Exec(t, "CREATE INDEX schema_version_probe IF NOT EXISTS FOR (n:SchemaVersionProbe) ON (n.x)", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "DROP INDEX schema_version_probe IF EXISTS", nil) })
	neo4jtest.Exec(t, "CALL db.awaitIndex('schema_version_probe', 60)", nil)
	with := version()
	if with == before {
		t.Fatalf("creating an index left the version at %q", before)
	}
	if with != version() {
		t.Fatal("the version changed with nothing changing")
	}
	neo4jtest.Exec(t, "DROP INDEX schema_version_probe", nil)
	if after := version(); after == with || after != before {
		t.Fatalf("dropping the index: version %q, before it was made %q, with it %q", after, before, with)
	}
}
