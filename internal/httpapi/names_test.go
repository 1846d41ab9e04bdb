package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestNamesWithCommasAndSpaces: any relationship type or label can be named in the
// types, labels and type parameters: quoted in backticks, a name is taken verbatim (a
// comma, spaces at its ends, a backtick written twice); bare names are split on commas
// and trimmed as before. Before, `types=WORKS%2CWITH` could only mean WORKS or WITH,
// a type named "WORKS,WITH" or " PADDED " matched nothing, and expand's type refused
// the comma.
func TestNamesWithCommasAndSpaces(t *testing.T) {
	loadNews(t)
	neo4jtest.Exec(t, "MATCH (n:NameTest) DETACH DELETE n", nil)
	t.Cleanup(func() { neo4jtest.Exec(t, "MATCH (n:NameTest) DETACH DELETE n", nil) })
	neo4jtest.Exec(t, "CREATE (:NameTest:Entity {id: 'name-test', name: 'Focus'})", nil)
	neo4jtest.Exec(t, "MATCH (focus:NameTest {id: 'name-test'}) "+strings.Join([]string{
		"CREATE (focus)-[:`WORKS,WITH` {id: 'comma-type'}]->(:NameTest:`Tag, Two` {name: 'comma label'})",
		"CREATE (focus)-[:` PADDED ` {id: 'padded-type'}]->(:NameTest:` Padded ` {name: 'padded label'})",
		"CREATE (focus)-[:`it``s` {id: 'backtick-type'}]->(:NameTest {name: 'backtick'})",
		"CREATE (focus)-[:WORKS {id: 'works'}]->(:NameTest:Tag {name: 'tag'})",
		"CREATE (focus)-[:WITH {id: 'with'}]->(:NameTest:Two {name: 'two'})",
		"CREATE (focus)-[:PADDED {id: 'padded'}]->(:NameTest:Padded {name: 'padded'})",
	}, " "), nil)
	h := newServer(t)

	for _, c := range []struct {
		query string // of the neighbourhood, and of expand unless expand is set
		want  []string
		// expand: the query is expand's alone (type is not a neighbourhood parameter)
		expand bool
	}{
		{query: "types=%60WORKS%2CWITH%60", want: []string{"comma-type"}},
		{query: "types=%60%20PADDED%20%60", want: []string{"padded-type"}},
		{query: "types=%60it%60%60s%60", want: []string{"backtick-type"}},
		{query: "types=%20%60WORKS%2CWITH%60%20,%20PADDED%20&types=WITH", want: []string{"comma-type", "padded", "with"}},
		{query: "labels=%60Tag%2C%20Two%60", want: []string{"comma-type"}},
		{query: "labels=%60%20Padded%20%60", want: []string{"padded-type"}},
		// Bare names, as clients sent them before: split on commas, trimmed.
		{query: "types=WORKS%2CWITH", want: []string{"with", "works"}},
		{query: "types=WORKS&types=WITH", want: []string{"with", "works"}},
		{query: "types=%20PADDED%20", want: []string{"padded"}},
		{query: "labels=Tag%2C%20Two", want: []string{"with", "works"}},
		{query: "type=%60WORKS%2CWITH%60", want: []string{"comma-type"}, expand: true},
		{query: "type=%60%20PADDED%20%60", want: []string{"padded-type"}, expand: true},
		{query: "type=%60it%60%60s%60", want: []string{"backtick-type"}, expand: true},
		{query: "type=%20PADDED%20", want: []string{"padded"}, expand: true},
	} {
		routes := []string{"expand"}
		if !c.expand {
			routes = append(routes, "neighbourhood")
		}
		for _, route := range routes {
			url := "/api/entities/name-test/" + route + "?" + c.query
			rec, body := get(t, h, url)
			if rec.Code != http.StatusOK {
				t.Errorf("%s: status %d: %s", url, rec.Code, rec.Body)
				continue
			}
			got := relKeys(body)
			slices.Sort(got)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: relationships %v, want %v", url, got, c.want)
			}
			if route == "expand" && num(body["total"]) != int64(len(c.want)) {
				t.Errorf("%s: total %v, want %d", url, body["total"], len(c.want))
			}
		}
	}

	// A name that is neither bare nor quoted whole is a 400 saying how to write it.
	for _, c := range []struct{ query, parameter, detail string }{
		{"types=%60WORKS", "types", "no closing backtick"},
		{"labels=%60Tag%60Two", "labels", "a comma must follow the quoted name Tag"},
		{"types=it%60s", "types", "`it``s`"},
		{"type=WORKS%2CWITH", "type", "`WORKS,WITH`"},
		{"type=%60%60", "type", "a quoted name is empty"},
		{"types=A,%60%60", "types", "a quoted name is empty"},
		{"type=,", "type", "names no relationship type"},
	} {
		url := "/api/entities/name-test/expand?" + c.query
		rec, body := get(t, h, url)
		fields, _ := body["fields"].(map[string]any)
		if rec.Code != http.StatusBadRequest || fields["parameter"] != c.parameter || !strings.Contains(str(body["detail"]), c.detail) {
			t.Errorf("%s: status %d, %s; want a 400 on %s saying %q", url, rec.Code, rec.Body, c.parameter, c.detail)
		}
	}
}
