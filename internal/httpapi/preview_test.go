package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestLongValuesPreviewed: a foreign database's long property values (documents kept
// in a node) reach graph answers and an entity's facts as previews, and the node's own
// entry in full, so that a neighbourhood of such nodes stays a size a page can show.
func TestLongValuesPreviewed(t *testing.T) {
	loadForeign(t)
	body := strings.Repeat("All work and no play. ", 1000) // 22,000 bytes
	doc := str(neo4jtest.Exec(t, `MATCH (x:Thing) CREATE (d:Document {title: 'Long read', body: $body})-[:ABOUT]->(x)
		RETURN elementId(d) AS id`, map[string]any{"body": body}).Records[0].Values[0])
	thing := str(neo4jtest.Exec(t, "MATCH (x:Thing) RETURN elementId(x) AS id", nil).Records[0].Values[0])
	h := newServer(t)
	previewed := func(where string, props any) {
		t.Helper()
		v, _ := props.(map[string]any)["body"].(map[string]any)
		if v["$type"] != "Truncated" || !strings.HasPrefix(body, str(v["preview"])) || len(str(v["preview"])) == 0 {
			t.Errorf("%s: body %v", where, v)
		}
	}
	for _, path := range []string{"/api/entities/" + thing + "/neighbourhood", "/api/entities/" + thing + "/expand"} {
		rec, answer := get(t, h, path)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, rec.Code, rec.Body)
		}
		found := false
		for _, v := range list(answer["nodes"]) {
			if n := v.(map[string]any); n["id"] == doc {
				found = true
				previewed(path, n["properties"])
			}
		}
		if !found {
			t.Fatalf("%s: the document is missing", path)
		}
	}
	_, answer := get(t, h, "/api/entities/"+thing)
	found := false
	for _, v := range list(answer["facts"]) {
		if other := v.(map[string]any)["other"].(map[string]any); other["id"] == doc {
			found = true
			previewed("entity facts", other["properties"])
		}
	}
	if !found {
		t.Fatal("entity facts: the document is missing")
	}
	rec, answer := get(t, h, "/api/entities/"+doc)
	if got := answer["node"].(map[string]any)["properties"].(map[string]any)["body"]; rec.Code != http.StatusOK || got != body {
		t.Fatalf("the document's own entry: status %d, body of %d characters", rec.Code, len(str(got)))
	}
}
