package neo4jstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestLoadCutOffByACrashLeavesThePreviousData: Neo4j killed in the middle of a load's
// transaction. The load fails saying that Neo4j holds all of it or none of it, and once
// Neo4j is back (recovering from its logs), the database holds exactly what it held
// before the load: the data of an earlier load, nothing of this one.
func TestLoadCutOffByACrashLeavesThePreviousData(t *testing.T) {
	start := neo4jtest.OwnDatabase(t)
	db := start()
	store, err := neo4jstore.Open(neo4jstore.Options{URI: db.URI, Database: "neo4j", QueryTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	mustLoad(t, store, builtinDatasets(t))
	before := snapshotOf(t, db.URI)

	var b strings.Builder
	b.WriteString("dataset: cut-off\nsources:\n  - id: cut-off-src\n    headline: A source\n    kind: article\nentities:\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "  - id: cut-off-%d\n    kind: Organization\n    name: Entity number %d\n", i, i)
	}
	killed := false
	crash := func(p neo4jstore.LoadProgress) {
		if p.Step == "entities" && p.Done >= 500 && !killed {
			killed = true
			gone, cancel := context.WithCancel(context.Background())
			cancel() // SIGTERM, then SIGKILL at once: no time to shut down cleanly
			_ = db.Stop(gone)
		}
	}
	_, err = store.Load(context.Background(), parseYAML(t, "cut-off.yaml", b.String()),
		neo4jstore.LoadOptions{BatchSize: 100, Progress: crash})
	if !killed {
		t.Fatalf("the load ended (%v) before Neo4j was killed", err)
	}
	if domain.ErrorCodeOf(err) != domain.EUnavailable || !strings.Contains(domain.ErrorMessageOf(err), "all of it or none of it") {
		t.Fatalf("a load cut off by a crash: %v (code %s), want unavailable saying all of it or none of it", err, domain.ErrorCodeOf(err))
	}

	db = start()
	if after := snapshotOf(t, db.URI); after != before {
		t.Errorf("after the crash and recovery the database differs from before the load:\nbefore %d bytes, after %d bytes\n%.1500s", len(before), len(after), after)
	}
}

// snapshotOf renders every node and relationship of the database at uri with its
// labels and properties, in id order, for comparing two states of it.
func snapshotOf(t *testing.T, uri string) string {
	t.Helper()
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	var b strings.Builder
	for _, q := range []string{
		"MATCH (n) WITH n ORDER BY elementId(n) RETURN elementId(n), labels(n), properties(n)",
		"MATCH (a)-[r]->(c) WITH a, r, c ORDER BY elementId(r) RETURN elementId(r), type(r), elementId(a), elementId(c), properties(r)",
	} {
		res, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Records {
			j, _ := json.Marshal(r.Values)
			b.Write(append(j, '\n'))
		}
	}
	return b.String()
}
