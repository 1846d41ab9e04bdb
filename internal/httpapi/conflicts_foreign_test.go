package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestConflictsInAForeignDatabase: a Conflict node of another database is named as any
// node is (DisplayName), and one without an `id` by its element id. Conflicts without
// `name` and `id` came back as "name": "" and "id": "", and the page showed a bare ⚠.
func TestConflictsInAForeignDatabase(t *testing.T) {
	neo4jtest.Reset(t)
	// Conflict ids are keys under newsgraph's constraint (without it, element ids are).
	if err := neo4jtest.Store(t).EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	neo4jtest.Exec(t, `CREATE (:Conflict {title: 'Who spoke first', description: 'Two accounts.'}),
		(:Conflict {id: 'named', name: '  Named  '}), (:Conflict {weight: 3})`, nil)
	bare := str(neo4jtest.Exec(t, "MATCH (c:Conflict {weight: 3}) RETURN elementId(c)", nil).Records[0].Values[0])
	titled := str(neo4jtest.Exec(t, "MATCH (c:Conflict {title: 'Who spoke first'}) RETURN elementId(c)", nil).Records[0].Values[0])
	rec, ans := get(t, newServer(t), "/api/conflicts")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got []string
	for _, v := range list(ans["conflicts"]) {
		c := v.(map[string]any)
		got = append(got, str(c["id"])+" "+str(c["name"])+" "+str(c["description"]))
	}
	want := []string{bare + " " + bare + " ", "named Named ", titled + " Who spoke first Two accounts."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("conflicts\n%q\nwant\n%q", got, want)
	}
}

// TestEntityConflictsInAForeignDatabase: an entity's conflicts are named by the same
// rule as /api/conflicts names them.
func TestEntityConflictsInAForeignDatabase(t *testing.T) {
	neo4jtest.Reset(t)
	// Conflict ids are keys under newsgraph's constraint (without it, element ids are).
	if err := neo4jtest.Store(t).EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := neo4jtest.Exec(t, `CREATE (c:Conflict {title: 'Who spoke first'})-[:INVOLVES]->(p:Person {name: 'Pat'}),
		(:Conflict {id: 'a-first-by-id', name: 'Zebra crossing'})-[:INVOLVES]->(p)
		RETURN elementId(c) AS c, elementId(p) AS p`, nil).Records[0]
	conflict, person := str(r.Values[0]), str(r.Values[1])
	h := newServer(t)
	rec, ans := get(t, h, "/api/entities/"+person)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	// In the order /api/conflicts gives: by the names shown.
	want := fmt.Sprintf("[map[id:%s name:Who spoke first] map[id:a-first-by-id name:Zebra crossing]]", conflict)
	if got := fmt.Sprint(ans["conflicts"]); got != want {
		t.Fatalf("conflicts %s, want %s", got, want)
	}
	// Each involves Pat, though Pat is no Entity.
	_, all := get(t, h, "/api/conflicts")
	for _, v := range list(all["conflicts"]) {
		c := v.(map[string]any)
		if entities := list(c["entities"]); len(entities) != 1 || entities[0].(map[string]any)["id"] != person {
			t.Errorf("conflict %v involves %v, want Pat", c["id"], c["entities"])
		}
	}
}
