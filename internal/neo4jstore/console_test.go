package neo4jstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// seedConsole loads a tiny graph the console tests read: two people, one company.
func seedConsole(t *testing.T) {
	t.Helper()
	neo4jtest.Exec(t, "MATCH (n:ConsoleTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:ConsoleTest) DETACH DELETE n", nil) })
	neo4jtest.Exec(t, `CREATE (a:ConsoleTest {id: 'c-ada', name: 'Ada'}), (b:ConsoleTest {id: 'c-bob', name: 'Bob'}),
		(c:ConsoleTest {id: 'c-acme', name: 'Acme'}),
		(a)-[:WORKS_FOR {id: 'f1', status: 'reported', sources: ['s1'], evidence: ['payroll note']}]->(c),
		(b)-[:WORKS_FOR {id: 'f2', status: 'alleged', sources: ['s2'], evidence: ['rumour']}]->(c)`, nil)
}

func consoleCount(t *testing.T) int64 {
	t.Helper()
	res := neo4jtest.Exec(t, "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) * 1000000 + count(r) AS c", nil)
	c, _ := res.Records[0].Get("c")
	return c.(int64)
}

// TestExplainLayerAlone shows the second layer refusing, on its own, what the lexical
// guard also refuses: either layer is enough to stop these queries.
func TestExplainLayerAlone(t *testing.T) {
	store := neo4jtest.Store(t)
	seedConsole(t)
	before := consoleCount(t)
	for _, tc := range []struct{ name, query, reason string }{
		{"write after a read", "MATCH (n:ConsoleTest) WITH n CREATE (m:ConsoleTest)", "not read-only"},
		{"write in a subquery", "MATCH (n:ConsoleTest) CALL (n) { SET n.hacked = true } RETURN n", `"rw"`},
		{"foreach", "MATCH (n:ConsoleTest) FOREACH (x IN [1] | SET n.x = x)", `"w"`},
		{"delete", "MATCH (n:ConsoleTest) DETACH DELETE n", `"w"`},
		{"merge", "MERGE (n:ConsoleTest {id: 'new'})", "not read-only"},
		{"schema", "CREATE INDEX console_idx FOR (n:ConsoleTest) ON (n.name)", `"s"`},
		{"load csv, read-only in type", "LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l", "LOAD CSV"},
		{"in transactions, read-only in type", "MATCH (n:ConsoleTest) CALL (n) { RETURN n.name AS m } IN TRANSACTIONS RETURN m", "IN TRANSACTIONS"},
		{"dbms procedure", "CALL dbms.components()", `"s"`},
		{"procedure off the list", "CALL db.ping()", "db.ping"},
		// Read-only in type: the plan's operator says what they do.
		{"show transactions", "SHOW TRANSACTIONS", "ShowTransactions"},
		{"show settings", "SHOW SETTINGS", "ShowSettings"},
		{"terminate transactions", "TERMINATE TRANSACTIONS 'neo4j-transaction-999999'", "TerminateTransactions"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := store.ExplainQueryType(context.Background(), tc.query, nil)
			if code := domain.ErrorCodeOf(err); code != domain.ERefused {
				t.Fatalf("got %v (%s), want refused", err, code)
			}
			if msg := domain.ErrorMessageOf(err); !strings.Contains(msg, tc.reason) {
				t.Errorf("message %q does not mention %s", msg, tc.reason)
			}
		})
	}
	if after := consoleCount(t); after != before {
		t.Fatalf("the database changed: %d -> %d", before, after)
	}
	if qt, err := store.ExplainQueryType(context.Background(), "CALL db.labels() YIELD label RETURN label", nil); err != nil || qt != "r" {
		t.Fatalf("an allowed procedure: %q, %v", qt, err)
	}
}

func TestConsoleReads(t *testing.T) {
	store := neo4jtest.Store(t)
	seedConsole(t)
	for _, tc := range []struct {
		name, query          string
		limit, rows          int
		truncated            bool
		graphNodes, graphRel int
	}{
		{"all rows under the cap", "MATCH (n:ConsoleTest) RETURN n.name ORDER BY n.name", 10, 3, false, 0, 0},
		{"exactly the cap is not truncated", "MATCH (n:ConsoleTest) RETURN n.name ORDER BY n.name", 3, 3, false, 0, 0},
		{"over the cap is truncated", "MATCH (n:ConsoleTest) RETURN n ORDER BY n.name", 2, 2, true, 2, 0},
		{"a huge result stops at the cap", "UNWIND range(1, 100000000) AS x RETURN x", 5, 5, true, 0, 0},
		{"paths become a graph", "MATCH p = (:ConsoleTest)-[:WORKS_FOR]->(:ConsoleTest) RETURN p", 10, 2, false, 3, 2},
		{"relationships bring their endpoints", "MATCH (:ConsoleTest)-[r:WORKS_FOR]->() RETURN r", 10, 2, false, 3, 2},
		// Fetching the endpoints runs a second query in the transaction, which must not
		// make the driver read the rest of an endless first one.
		{"relationships from an endless stream", "UNWIND range(1, 100000000) AS i MATCH (:ConsoleTest)-[r]->(:ConsoleTest) RETURN r", 3, 3, true, 3, 2},
		{"nodes nested in lists", "MATCH (n:ConsoleTest) RETURN collect(n) AS all", 10, 1, false, 3, 0},
		{"an allowed procedure", "CALL db.labels() YIELD label WHERE label = 'ConsoleTest' RETURN label", 10, 1, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			start := time.Now()
			res, err := store.Console(ctx, neo4jstore.ConsoleQuery{Query: tc.query, Limit: tc.limit})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != tc.rows || res.Truncated != tc.truncated || res.Graph.Truncated != tc.truncated {
				t.Fatalf("%d rows truncated=%v, want %d truncated=%v", len(res.Rows), res.Truncated, tc.rows, tc.truncated)
			}
			if len(res.Graph.Nodes) != tc.graphNodes || len(res.Graph.Relationships) != tc.graphRel {
				t.Fatalf("graph has %d nodes and %d relationships, want %d and %d", len(res.Graph.Nodes), len(res.Graph.Relationships), tc.graphNodes, tc.graphRel)
			}
			if res.QueryType != "r" || len(res.Columns) == 0 {
				t.Fatalf("query type %q, columns %v", res.QueryType, res.Columns)
			}
			if tc.truncated && time.Since(start) > 5*time.Second {
				t.Fatalf("stopping at the cap took %v: the server went on producing rows", time.Since(start))
			}
		})
	}
}

func TestConsoleGraphCarriesProvenance(t *testing.T) {
	store := neo4jtest.Store(t)
	seedConsole(t)
	res, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{
		Query: "MATCH (:ConsoleTest {id: 'c-bob'})-[r]->() RETURN r"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Graph.Relationships) != 1 {
		t.Fatalf("want one relationship, got %+v", res.Graph)
	}
	r := res.Graph.Relationships[0]
	if r.Status != "alleged" || len(r.Evidence) != 1 || r.Evidence[0].SourceKey != "s2" || r.Key != "f2" {
		t.Fatalf("provenance lost: %+v", r)
	}
	names := map[string]bool{}
	for _, n := range res.Graph.Nodes {
		names[n.Name] = true
	}
	if !names["Bob"] || !names["Acme"] {
		t.Fatalf("endpoints missing: %+v", res.Graph.Nodes)
	}
}

func TestConsoleErrors(t *testing.T) {
	store := neo4jtest.Store(t)
	for _, tc := range []struct {
		name, query string
		limit       int
		code        domain.ErrorCode
		fields      map[string]any
		message     string
	}{
		{"syntax error at the start", "MATCH (n RETURN n", 0, domain.ESyntax, map[string]any{"line": 1, "column": 10, "offset": 9}, "Invalid input"},
		{"syntax error on a later line", "MATCH (n)\nRETURN n ORDER", 0, domain.ESyntax, map[string]any{"line": 2, "column": 15, "offset": 24}, "line 2, column 15"},
		{"unknown variable", "RETURN nope", 0, domain.ESyntax, map[string]any{"line": 1, "column": 8, "offset": 7}, "nope"},
		{"unterminated string", "RETURN 'abc", 0, domain.ESyntax, map[string]any{"line": 1, "column": 8, "offset": 7}, "never closed"},
		{"only a comment", "// nothing to run", 0, domain.ESyntax, map[string]any{"line": 1, "column": 1, "offset": 0}, "no statement"},
		{"refused by the guard", "MATCH (n) DETACH DELETE n", 0, domain.ERefused, map[string]any{"line": 1, "column": 11, "offset": 10, "keyword": "DETACH"}, "DETACH DELETE"},
		{"limit too high", "RETURN 1", 5001, domain.EInvalid, map[string]any{"parameter": "limit", "min": 1, "max": 5000}, "from 1 to 5000, got 5001"},
		{"limit too low", "RETURN 1", -1, domain.EInvalid, map[string]any{"parameter": "limit", "min": 1, "max": 5000}, "from 1 to 5000, got -1"},
		{"empty query", "  ", 0, domain.EInvalid, map[string]any{"parameter": "query"}, "empty"},
		{"division by zero while running", "UNWIND [1, 0] AS x RETURN 1 / x", 0, domain.EInvalid, nil, "/ by zero"},
		// Neo4j plans nested subqueries for seconds (18 levels: 5 s), before any time
		// limit applies; the guard refuses them at the ninth level.
		{"subqueries nested too deep", "RETURN " + strings.Repeat("EXISTS { MATCH (n) WHERE ", 9) + "true" + strings.Repeat(" }", 9), 0, domain.ERefused,
			map[string]any{"line": 1, "column": 8 + 8*25, "offset": 7 + 8*25, "keyword": "EXISTS"}, "nest more than 8 deep"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{Query: tc.query, Limit: tc.limit})
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != tc.code {
				t.Fatalf("got %v, want code %s", err, tc.code)
			}
			if !strings.Contains(de.Message, tc.message) {
				t.Errorf("message %q does not mention %q", de.Message, tc.message)
			}
			for k, v := range tc.fields {
				if de.Fields[k] != v {
					t.Errorf("fields[%s] = %v, want %v (all: %v)", k, de.Fields[k], v, de.Fields)
				}
			}
			if strings.Contains(de.Message, "EXPLAIN") {
				t.Errorf("the message shows the console's EXPLAIN: %q", de.Message)
			}
		})
	}
}

func TestConsoleTimeout(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := store.Console(ctx, neo4jstore.ConsoleQuery{
		Query: "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a * b = -1 RETURN count(*)"})
	if code := domain.ErrorCodeOf(err); code != domain.ETimeout {
		t.Fatalf("got %v (%s), want timeout", err, code)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the timeout took %v to fire", took)
	}
}

// TestConsoleSizeBudget checks the cap on an answer's JSON, which bounds an answer that
// has few rows but huge values: here a 1 MiB parameter repeated in every row, which JSON
// writes at six times its size.
func TestConsoleSizeBudget(t *testing.T) {
	store := neo4jtest.Store(t)
	s := strings.Repeat("<", 1<<20)
	res, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{
		Query: "UNWIND range(1, 100) AS i RETURN $s AS s", Params: map[string]any{"s": s}})
	if err != nil {
		t.Fatal(err)
	}
	want := neo4jstore.ConsoleMaxBytes / len(neo4jstore.ToJSON(s))
	if len(res.Rows) != want || !res.Truncated {
		t.Fatalf("%d rows, truncated %v; want the %d rows that fit, truncated", len(res.Rows), res.Truncated, want)
	}
	_, err = store.Console(context.Background(), neo4jstore.ConsoleQuery{Query: "RETURN range(1, 3000000) AS xs"})
	if code := domain.ErrorCodeOf(err); code != domain.EInvalid || !strings.Contains(domain.ErrorMessageOf(err), "first row") {
		t.Fatalf("got %v, want the first row refused as too large", err)
	}
}

// TestConsoleSizeCutStopsNeo4j holds a cut at the size cap to stopping Neo4j soon after:
// in batches of limit + 1 rows Neo4j encoded 5,000 rows of a 900 KB parameter (4.5 GB)
// for the 18 rows that fit, which took 6 s (and ran it out of direct memory) after the
// answer was ready.
func TestConsoleSizeCutStopsNeo4j(t *testing.T) {
	store := neo4jtest.Store(t)
	p := strings.Repeat("p", 900_000)
	start := time.Now()
	res, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{
		Query: "UNWIND range(1, 5000) AS i RETURN i, $p AS s", Params: map[string]any{"p": p}, Limit: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated || len(res.Rows) != neo4jstore.ConsoleMaxBytes/900_010 {
		t.Fatalf("%d rows, truncated %v", len(res.Rows), res.Truncated)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("the console took %v to answer and stop Neo4j", took)
	}
}
