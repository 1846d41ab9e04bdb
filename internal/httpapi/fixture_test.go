package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// newsFixture is a small graph that follows docs/contracts.md's model: entities, a fact
// node with its parties, fact relationships with provenance, two sources that disagree,
// a conflict, and a hub with more relationships than the store reads one by one. Notes
// are our own summaries.
const newsFixture = `
CREATE (scale:Entity:Organization {id: 'scale-ai', name: 'Scale AI', aliases: ['Scale'], description: 'Data labelling company.', dataset: 'fixture'})
CREATE (mercor:Entity:Organization {id: 'mercor', name: 'Mercor', aliases: [], description: 'Competitor hiring domain experts.', dataset: 'fixture'})
CREATE (meta:Entity:Organization {id: 'meta', name: 'Meta', aliases: ['Meta Platforms'], dataset: 'fixture'})
CREATE (tbd:Entity:Organization {id: 'tbd-labs', name: 'TBD Labs', aliases: [], dataset: 'fixture'})
CREATE (ling:Entity:Person {id: 'eugene-ling', name: 'Eugene Ling', aliases: [], dataset: 'fixture'})
CREATE (bakayev:Entity:Person {id: 'vladislav-bakayev', name: 'Vladislav Bakayev', aliases: [], dataset: 'fixture'})
CREATE (midha:Entity:Person {id: 'surya-midha', name: 'Surya Midha', aliases: [], dataset: 'fixture'})
CREATE (custA:Entity:Organization {id: 'customer-a', name: 'Customer A', aliases: [], named: false, dataset: 'fixture'})
CREATE (jose:Entity:Person {id: 'jose-nunez', name: 'José Núñez', aliases: ['Pepe'], dataset: 'fixture'})
CREATE (s0:Source {id: 'src-ling-account', name: 'Account naming Ling', title: 'Scale AI sues Mercor (Ling account)', kind: 'article', file: '000.txt', dataset: 'fixture'})
CREATE (s1:Source {id: 'src-bakayev-account', name: 'Account naming Bakayev', title: 'Scale AI sues Mercor (Bakayev account)', kind: 'article', file: '001.txt', dataset: 'fixture'})
CREATE (s2:Source {id: 'src-techcrunch-cracks', name: 'Cracks in Scale', title: 'Cracks in Scale', kind: 'article', dataset: 'fixture'})
CREATE (s0)-[:CITES {id: 'cite-1', dataset: 'fixture'}]->(s2)
CREATE (inv:Fact:Investment {id: 'meta-investment-in-scale', name: 'Meta invests in Scale AI', status: 'reported', alleged_by: [], denied_by: [],
        sources: ['src-ling-account', 'src-bakayev-account'], evidence: ['Both put the deal at 14.3bn for 49%.', 'Same figures.'], conflicts: [],
        amount_usd: 14300000000, date: '2025-06', dataset: 'fixture'})
CREATE (inv)-[:INVESTOR {id: 'inv-investor', status: 'reported', sources: ['src-ling-account'], evidence: ['Meta is the buyer.'], alleged_by: [], denied_by: [], conflicts: [], date: '2025-06', dataset: 'fixture'}]->(meta)
CREATE (inv)-[:INVESTEE {id: 'inv-investee', status: 'reported', sources: ['src-ling-account'], evidence: ['Scale is the target.'], alleged_by: [], denied_by: [], conflicts: [], date: '2025-06', dataset: 'fixture'}]->(scale)
CREATE (suit:Fact:Lawsuit {id: 'scale-v-mercor', name: 'Scale AI v. Mercor', status: 'reported', alleged_by: [], denied_by: [],
        sources: ['src-ling-account', 'src-bakayev-account'], evidence: ['A suit was filed.', 'A suit was filed.'], conflicts: [], dataset: 'fixture'})
CREATE (suit)-[:PLAINTIFF {id: 'suit-plaintiff', status: 'reported', sources: ['src-ling-account'], evidence: ['Scale brought the case.'], alleged_by: [], denied_by: [], conflicts: [], dataset: 'fixture'}]->(scale)
CREATE (suit)-[:DEFENDANT {id: 'suit-defendant', status: 'reported', sources: ['src-ling-account'], evidence: ['Mercor is sued.'], alleged_by: [], denied_by: [], conflicts: [], dataset: 'fixture'}]->(mercor)
CREATE (suit)-[:DEFENDANT {id: 'suit-defendant-bakayev', status: 'disputed', sources: ['src-bakayev-account'], evidence: ['Only this account names him as co-defendant.'], alleged_by: [], denied_by: [], conflicts: ['former-employee'], dataset: 'fixture'}]->(bakayev)
CREATE (ling)-[:EMPLOYED_BY {id: 'ling-employed', status: 'disputed', sources: ['src-ling-account'], evidence: ['Names Ling as the departing worker.'], alleged_by: [], denied_by: [], conflicts: ['former-employee'], dataset: 'fixture'}]->(scale)
CREATE (bakayev)-[:EMPLOYED_BY {id: 'bakayev-employed', status: 'disputed', sources: ['src-bakayev-account'], evidence: ['Names Bakayev, in sales.'], alleged_by: [], denied_by: [], conflicts: ['former-employee'], dataset: 'fixture'}]->(scale)
CREATE (ling)-[:PITCHED {id: 'ling-pitched', status: 'alleged', sources: ['src-ling-account'], evidence: ['Scale says he courted the client early.'], alleged_by: ['scale-ai'], denied_by: [], conflicts: [], dataset: 'fixture'}]->(custA)
CREATE (custA)-[:CUSTOMER_OF {id: 'custa-customer', status: 'reported', sources: ['src-ling-account'], evidence: ['A key client of Scale.'], alleged_by: [], denied_by: [], conflicts: [], dataset: 'fixture'}]->(scale)
CREATE (midha)-[:CO_FOUNDED {id: 'midha-cofounded', status: 'reported', sources: ['src-ling-account'], evidence: ['Midha co-founded Mercor.'], alleged_by: [], denied_by: [], conflicts: [], dataset: 'fixture'}]->(mercor)
CREATE (tbd)-[:CUSTOMER_OF {id: 'tbd-customer', status: 'reported', sources: ['src-ling-account'], evidence: ['Meta lab still buys from Mercor.'], alleged_by: [], denied_by: [], conflicts: [], date: '2025', dataset: 'fixture'}]->(mercor)
CREATE (tbd)-[:PART_OF {id: 'tbd-part-of-meta', status: 'reported', sources: ['src-ling-account'], evidence: ['An internal Meta lab.'], alleged_by: [], denied_by: [], conflicts: [], dataset: 'fixture'}]->(meta)
CREATE (c:Conflict {id: 'former-employee', name: 'Who is the former employee', description: 'The two accounts name different people.', dataset: 'fixture'})
CREATE (c)-[:INVOLVES]->(ling), (c)-[:INVOLVES]->(bakayev)
FOREACH (s IN [s0, s1] | CREATE (s)-[:MENTIONS]->(scale), (s)-[:MENTIONS]->(mercor))
CREATE (s0)-[:MENTIONS]->(ling), (s1)-[:MENTIONS]->(bakayev)
WITH mercor
UNWIND range(1, 1500) AS i
CREATE (:Entity:Person {id: 'expert-' + i, name: 'Expert ' + i, aliases: [], dataset: 'fixture'})
       -[:CONTRACTS_FOR {id: 'contract-' + i, status: 'reported', sources: ['src-bakayev-account'], evidence: ['One of many contractors.'], alleged_by: [], denied_by: [], conflicts: [], dataset: 'fixture'}]->(mercor)
`

// foreignFixture is a graph newsgraph did not build: other labels, `title` instead of
// `name`, no provenance, and an `id` property only on a label of its own.
const foreignFixture = `
CREATE (m:Movie {title: 'The Matrix', released: 1999})
CREATE (k:Person {name: 'Keanu Reeves', born: 1964})
CREATE (c:Person {name: 'Carrie-Anne Moss', born: 1967})
CREATE (l:Movie {title: 'Lawnmower Man', released: 1992})
CREATE (r:Movie {title: 'The Matrix Reloaded', released: 2003})
CREATE (k)-[:ACTED_IN {roles: ['Neo']}]->(m), (c)-[:ACTED_IN {roles: ['Trinity']}]->(m)
CREATE (k)-[:ACTED_IN {roles: ['Neo']}]->(r), (c)-[:ACTED_IN {roles: ['Trinity']}]->(r)
CREATE (x:Thing {weight: 3})
CREATE (x)-[:NEAR]->(l)
CREATE (:Gadget {id: 'g-1', name: 'Gadget One'})-[:NEAR]->(x)
`

// loadNews resets the database and loads the news fixture with newsgraph's schema, so
// the full-text index exists.
func loadNews(t *testing.T) {
	t.Helper()
	// The tests only read, so a database still holding exactly what the last load left
	// (the same totals, the fixture's marker) need not be loaded again.
	if loaded := graphTotals(t); newsTotals != "" && loaded == newsTotals {
		return
	}
	neo4jtest.Reset(t)
	for _, stmt := range cypher.Schema() {
		neo4jtest.Exec(t, stmt, nil)
	}
	neo4jtest.Exec(t, newsFixture, nil)
	neo4jtest.Exec(t, "CALL db.awaitIndexes(60)", nil)
	newsTotals = graphTotals(t)
}

// newsTotals are graphTotals right after loadNews, "" before the first load.
var newsTotals string

// graphTotals summarises the database: node and relationship totals, fixture nodes,
// and whether the full-text index exists.
func graphTotals(t *testing.T) string {
	t.Helper()
	r := neo4jtest.Exec(t, `MATCH (n) WITH count(n) AS nodes
		OPTIONAL MATCH ()-[r]->() WITH nodes, count(r) AS rels
		OPTIONAL MATCH (f:Entity {dataset: 'fixture'}) WITH nodes, rels, count(f) AS fixture
		RETURN nodes, rels, fixture`, nil).Records[0]
	idx := neo4jtest.Exec(t, "SHOW INDEXES YIELD name WHERE name = 'entity_names' RETURN count(*) AS n", nil).Records[0]
	return fmt.Sprint(append(r.Values, idx.Values...)...)
}

// loadDataset resets the database and loads newsgraph's own dataset (datasets/*.yaml)
// the way `newsgraph load` does, returning a store on it.
func loadDataset(t *testing.T) *neo4jstore.Store {
	t.Helper()
	neo4jtest.Reset(t)
	store := neo4jtest.Store(t)
	ds, err := dataset.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Load(ctx, ds, neo4jstore.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Exec(t, "CALL db.awaitIndexes(60)", nil)
	return store
}

// loadForeign resets the database, drops newsgraph's indexes and loads a foreign graph.
func loadForeign(t *testing.T) {
	t.Helper()
	neo4jtest.Reset(t)
	neo4jtest.Exec(t, "DROP INDEX entity_names IF EXISTS", nil)
	neo4jtest.Exec(t, foreignFixture, nil)
}

// newServer serves the API on the test database.
func newServer(t *testing.T) http.Handler {
	t.Helper()
	store := neo4jtest.Store(t)
	return serverOn(store)
}

func serverOn(store *neo4jstore.Store) http.Handler {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// The store's own query timeout (30 s in tests) still bounds every query; the
	// request timeout is only raised above the 15 s default because planning the
	// neighbourhood query after a reload can take seconds on a busy CI machine.
	return conforming(httpapi.New(httpapi.Options{Store: store, Logger: log, RequestTimeout: time.Minute}).Handler())
}

// get performs a request and decodes a JSON answer into a generic value.
func do(t *testing.T, h http.Handler, method, target, contentType, body string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	req := httptest.NewRequestWithContext(context.Background(), method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	if strings.Contains(rec.Header().Get("Content-Type"), "json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %s: answer is not JSON: %v\n%s", method, target, err, rec.Body.String())
		}
	}
	return rec, out
}

func get(t *testing.T, h http.Handler, target string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	return do(t, h, http.MethodGet, target, "", "")
}
