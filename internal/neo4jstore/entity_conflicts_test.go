package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestEntityConflictsShipOnlyTheirNames: an entity's conflicts are named as
// /api/conflicts names them (DisplayName of the whole node, else its element id) and
// identified by their id, else their element id, while the entity query sends of each
// only that: a foreign Conflict's 2 MB description or body is neither read into the
// answer nor shipped. Before, the query returned the whole Conflict nodes.
func TestEntityConflictsShipOnlyTheirNames(t *testing.T) {
	store := neo4jtest.Store(t)
	// Conflict ids are keys under newsgraph's constraint (without it, element ids are).
	if err := store.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Exec(t, "MATCH (n:EntConfTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:EntConfTest) DETACH DELETE n", nil) })
	const big = 1 << 20 // characters of each large property
	res := neo4jtest.Exec(t, `
		CREATE (focus:EntConfTest {name: 'focus'})
		WITH focus
		UNWIND [
		  {id: 'ect-named', name: 'Zeta'},
		  {id: 'ect-blank-name', name: ' \t ', title: '  Alpha Title '},
		  {id: 'ect-nbsp-name', name: '\u00a0\u00a0', title: 'After NBSP'},
		  {id: 'ect-accented', name: 'é'},
		  {id: 'ect-list', name: ['', ' ', 'Listed', 'Second']},
		  {id: 'ect-float', name: 7.0},
		  {id: 'ect-bool', name: false},
		  {id: 'ect-date-name', name: date('2020-01-01'), email: 'who@example.com'},
		  {id: 'ect-only-id'},
		  {id: 'ect-late-key', uuid: 'u-1'},
		  {id: 42, name: 'Integer id'},
		  {id: 43},
		  {name: 'No id'},
		  {weight: 3}
		] AS props
		CREATE (c:Conflict:EntConfTest)-[:INVOLVES]->(focus)
		SET c = props
		WITH focus, c
		// Large properties, built by doubling: 1 MB of text, and a list holding as much.
		SET c.description = reduce(s = 'big description ', i IN range(1, 16) | s + s),
		    c.body = [reduce(s = 'big body ', i IN range(1, 16) | s + s)]
		RETURN elementId(focus) AS focus, collect(c) AS conflicts`, nil)
	v, _ := res.Records[0].Get("focus")
	focus := v.(string)
	cs, _ := res.Records[0].Get("conflicts")

	// The rule, applied to the whole nodes.
	want := map[string]string{}
	for _, v := range cs.([]any) {
		c := v.(dbtype.Node)
		if d, _ := c.Props["description"].(string); len(d) < big {
			t.Fatalf("the description is only %d characters", len(d))
		}
		id, _ := c.Props["id"].(string)
		if id == "" {
			id = c.ElementId
		}
		want[id] = neo4jstore.DisplayName(c)
	}
	for id, name := range map[string]string{"ect-named": "Zeta", "ect-blank-name": "Alpha Title", "ect-nbsp-name": "After NBSP",
		"ect-accented": "é", "ect-list": "Listed", "ect-float": "7", "ect-bool": "false", "ect-date-name": "who@example.com",
		"ect-only-id": "ect-only-id", "ect-late-key": "ect-late-key"} {
		if want[id] != name {
			t.Fatalf("DisplayName of %s is %q, want %q: the fixture no longer tests what it says", id, want[id], name)
		}
	}

	e, err := store.Entity(context.Background(), focus, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range e.Conflicts {
		got[c.ID] = c.Name
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(e.Conflicts) != len(want) {
		t.Errorf("conflicts %v,\nwant %v", got, want)
	}
	for _, c := range e.Conflicts {
		if !strings.HasPrefix(c.ID, "ect-") && !strings.Contains(c.ID, ":") {
			t.Errorf("conflict %q without a text id is %q, not its element id", c.Name, c.ID)
		}
		if (c.Name == "" || strings.Contains(c.Name, ":")) && c.Name != c.ID {
			t.Errorf("conflict %q is named %q, not by its element id", c.ID, c.Name)
		}
	}
	for _, name := range []string{"Integer id", "43", "No id"} {
		if !slices.ContainsFunc(e.Conflicts, func(c domain.ConflictRef) bool { return c.Name == name && strings.Contains(c.ID, ":") }) {
			t.Errorf("no conflict named %q with its element id as id: %v", name, e.Conflicts)
		}
	}

	// What the query ships.
	raw := neo4jtest.Exec(t, cypher.Query("entity"), neo4jstore.Request(neo4jstore.EntityParams(focus, 10)))
	shipped, _ := raw.Records[0].Get("conflicts")
	text := fmt.Sprint(shipped)
	if len(shipped.([]any)) != len(want) || len(text) > 4096 || strings.Contains(text, "big description") || strings.Contains(text, "big body") {
		t.Errorf("the entity query ships %d conflicts in %d bytes of text, beginning %.300s", len(shipped.([]any)), len(text), text)
	}
}
