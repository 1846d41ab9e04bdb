package neo4jstore_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestEveryQueryPlans asks the real Neo4j to plan (EXPLAIN, which runs nothing) every
// named query file, so a syntax error or a removed function fails here rather than on
// the first request that needs it.
func TestEveryQueryPlans(t *testing.T) {
	neo4jtest.URI(t)
	for _, name := range cypher.Names() {
		t.Run(name, func(t *testing.T) {
			res := neo4jtest.Exec(t, "EXPLAIN "+cypher.Query(name), nil)
			if res.Summary.Plan() == nil {
				t.Fatal("no plan")
			}
		})
	}
}

func TestWarm(t *testing.T) {
	store := neo4jtest.Store(t)
	if err := store.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// ownParams names the queries that are not run for an API request: the loader's and
// generator's batches and the console's own lookup.
var ownParams = regexp.MustCompile(`^(load_|dataset_|graphgen_|indexes_await$|console_nodes$)`)

// TestRequestQueriesTakeOneMap holds every query the API runs for a request to the one
// parameter neo4jstore.Request gives it, $request: a value passed on its own would
// give Neo4j a new parameter shape, and the query a new plan, for each null or length
// class it takes. The other queries (ownParams) take their own parameters.
func TestRequestQueriesTakeOneMap(t *testing.T) {
	param := regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	checked := 0
	for _, name := range cypher.Names() {
		if ownParams.MatchString(name) {
			continue
		}
		checked++
		for _, m := range param.FindAllStringSubmatch(cypher.Query(name), -1) {
			if m[1] != "request" {
				t.Errorf("%s takes $%s; the API's queries take their values as $request.%s", name, m[1], m[1])
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d queries checked", checked)
	}
}

// TestRequestQueriesInterpretExpressions holds the same queries to interpreted
// expressions (package cypher says why): the option must open the statement, after its
// comments.
func TestRequestQueriesInterpretExpressions(t *testing.T) {
	comments := regexp.MustCompile(`^(\s*//[^\n]*\n)*\s*`)
	for _, name := range cypher.Names() {
		if ownParams.MatchString(name) {
			continue
		}
		if q := cypher.Query(name); !strings.HasPrefix(q[len(comments.FindString(q)):], "CYPHER expressionEngine=interpreted\n") {
			t.Errorf("%s does not open with CYPHER expressionEngine=interpreted", name)
		}
	}
}
