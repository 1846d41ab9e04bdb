package httpapi_test

import (
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
	r := neo4jtest.Exec(t, `CREATE (c:Conflict {title: 'Who spoke first'})-[:INVOLVES]->(p:Person {name: 'Pat'})
		RETURN elementId(c) AS c, elementId(p) AS p`, nil).Records[0]
	conflict, person := str(r.Values[0]), str(r.Values[1])
	rec, ans := get(t, newServer(t), "/api/entities/"+person)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if got := fmt.Sprint(ans["conflicts"]); got != fmt.Sprintf("[map[id:%s name:Who spoke first]]", conflict) {
		t.Fatalf("conflicts %s", got)
	}
}
