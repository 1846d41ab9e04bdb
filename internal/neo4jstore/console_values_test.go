package neo4jstore_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestConsoleMapsWithTypeKey: a map whose keys include "$type" is written as a tagged
// Map, so that it is not read as the tagged value it looks like, and comes back the
// same when sent as a parameter. {`$type`: 'Integer', value: '5'} answered exactly as
// the integer 5 did, and sent back it was 5.
func TestConsoleMapsWithTypeKey(t *testing.T) {
	store := neo4jtest.Store(t)
	for _, tc := range []struct{ name, expr, want string }{
		{"a map that looks like an Integer", "{`$type`: 'Integer', value: '5'}", `{"$type":"Map","value":{"$type":"Integer","value":"5"}}`},
		{"a map that looks like a Map", "{`$type`: 'Map', value: {a: 1}}", `{"$type":"Map","value":{"$type":"Map","value":{"a":1}}}`},
		{"a $type that is not text", "{`$type`: 7}", `{"$type":"Map","value":{"$type":7}}`},
		{"nested in a map and a list", "{a: [{`$type`: 'Date', value: '2024-01-01'}], b: 2}",
			`{"a":[{"$type":"Map","value":{"$type":"Date","value":"2024-01-01"}}],"b":2}`},
		{"a tagged value inside", "{`$type`: 'x', when: date('2024-01-01')}",
			`{"$type":"Map","value":{"$type":"x","when":{"$type":"Date","value":"2024-01-01"}}}`},
		{"a plain map stays plain", "{a: 1, b: 'two'}", `{"a":1,"b":"two"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{Query: "RETURN " + tc.expr + " AS v"})
			if err != nil {
				t.Fatal(err)
			}
			if got := string(res.Rows[0][0]); got != tc.want {
				t.Fatalf("RETURN %s\n got %s\nwant %s", tc.expr, got, tc.want)
			}
			var decoded any
			dec := json.NewDecoder(strings.NewReader(tc.want))
			dec.UseNumber()
			if err := dec.Decode(&decoded); err != nil {
				t.Fatal(err)
			}
			params, err := neo4jstore.ParamsFromJSON(map[string]any{"p": decoded})
			if err != nil {
				t.Fatalf("sent back: %v", err)
			}
			back, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{
				Query: "RETURN $p AS v, $p = " + tc.expr + " AS same", Params: params})
			if err != nil {
				t.Fatal(err)
			}
			if got := string(back.Rows[0][0]); got != tc.want || string(back.Rows[0][1]) != "true" {
				t.Fatalf("sent back, Neo4j holds %s (equal: %s), want %s", got, back.Rows[0][1], tc.want)
			}
		})
	}
	// A tagged Map holds a map, and nothing else.
	for _, bad := range []map[string]any{
		{"$type": "Map", "value": []any{json.Number("1")}},
		{"$type": "Map"},
		{"$type": "Map", "value": map[string]any{}, "extra": true},
	} {
		if _, err := neo4jstore.ParamsFromJSON(map[string]any{"p": bad}); err == nil {
			t.Errorf("accepted %v", bad)
		}
	}
}
