package neo4jstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestPathsSameNodeQuotesTheIdCut: a path from a node to itself is refused with the `to`
// it was asked for quoted cut to 200 bytes, as every other piece of a request is: a
// node's id may be kilobytes long, which the problem would repeat whole.
func TestPathsSameNodeQuotesTheIdCut(t *testing.T) {
	store := neo4jtest.Store(t)
	long := "long-id-" + strings.Repeat("x", 4000) // under the range index's 8 KB, as the id constraint needs
	neo4jtest.Exec(t, "MATCH (n:PathsLongIDTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:PathsLongIDTest) DETACH DELETE n", nil) })
	neo4jtest.Exec(t, "CREATE (:Entity:PathsLongIDTest {id: $id, name: 'Long id'})", map[string]any{"id": long})
	_, err := store.Paths(context.Background(), domain.PathQuery{From: long, To: long, Mode: domain.PathsShortest, MaxLength: 2})
	e, ok := err.(*domain.Error)
	if !ok || e.Code != domain.EInvalid {
		t.Fatalf("paths from a node to itself: %v, want invalid", err)
	}
	if v := fmt.Sprint(e.Fields["value"]); len(v) > 300 || len(e.Message) > 300 {
		t.Fatalf("the error repeats the id: value of %d bytes, message of %d", len(v), len(e.Message))
	}
}
