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
			params, err := sentBack(t, tc.want)
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

// TestConsoleDurationBounds holds ParamsFromJSON to the Durations Neo4j 5.26 takes as
// parameters (found by sending each to it): months × 2,629,746 s, days × 86,400 s,
// their sum and that plus the seconds each within 64 bits, the seconds less one when
// the nanoseconds are negative (Neo4j borrows a second). A second to spare refused
// duration({seconds: 9223372036854775807}), which Neo4j itself returns.
func TestConsoleDurationBounds(t *testing.T) {
	store := neo4jtest.Store(t)
	const maxMonths, maxDays = "3507324295523", "106751991167300"
	for _, tc := range []struct {
		name, months, days, seconds, nanos string
		ok                                 bool
	}{
		{"the longest seconds", "0", "0", "9223372036854775807", "0", true},
		{"and the most nanoseconds", "0", "0", "9223372036854775807", "999999999", true},
		{"and negative nanoseconds", "0", "0", "9223372036854775807", "-1", true},
		{"the shortest seconds", "0", "0", "-9223372036854775808", "0", true},
		{"borrowing below the shortest", "0", "0", "-9223372036854775808", "-1", false},
		{"borrowing down to the shortest", "0", "0", "-9223372036854775807", "-1", true},
		{"borrowing below the shortest seconds, months aside", "12", "0", "-9223372036854775808", "-1", false},
		{"the most months and the seconds left", maxMonths, "0", "348649", "5", true},
		{"a second more", maxMonths, "0", "348650", "0", false},
		{"a month more", "3507324295524", "0", "-5259492", "0", false},
		{"the most days and the seconds left", "0", maxDays, "55807", "0", true},
		{"the fewest days and the seconds left", "0", "-" + maxDays, "-55808", "0", true},
		{"a second fewer", "0", "-" + maxDays, "-55809", "0", false},
		{"months and days over together", maxMonths, maxDays, "-9223372036854775808", "0", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := map[string]any{"$type": "Duration", "months": json.Number(tc.months), "days": json.Number(tc.days),
				"seconds": json.Number(tc.seconds), "nanoseconds": json.Number(tc.nanos)}
			params, err := neo4jstore.ParamsFromJSON(map[string]any{"p": p})
			if !tc.ok {
				if err == nil {
					t.Fatal("accepted a Duration Neo4j refuses")
				}
				return
			}
			if err != nil {
				t.Fatalf("refused a Duration Neo4j takes: %v", err)
			}
			res, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{Query: "RETURN $p AS d", Params: params})
			if err != nil {
				t.Fatal(err)
			}
			var back map[string]any
			dec := json.NewDecoder(strings.NewReader(string(res.Rows[0][0])))
			dec.UseNumber()
			if err := dec.Decode(&back); err != nil {
				t.Fatal(err)
			}
			// The answer, with its value text, goes back as it came.
			if _, err := neo4jstore.ParamsFromJSON(map[string]any{"p": back}); err != nil {
				t.Fatalf("Neo4j's answer %s is refused back: %v", res.Rows[0][0], err)
			}
		})
	}
	res, err := store.Console(context.Background(), neo4jstore.ConsoleQuery{Query: "RETURN duration({seconds: 9223372036854775807}) AS d"})
	if err != nil {
		t.Fatal(err)
	}
	var back any
	dec := json.NewDecoder(strings.NewReader(string(res.Rows[0][0])))
	dec.UseNumber()
	if err := dec.Decode(&back); err != nil {
		t.Fatal(err)
	}
	if _, err := neo4jstore.ParamsFromJSON(map[string]any{"p": back}); err != nil {
		t.Fatalf("duration({seconds: 9223372036854775807}) is refused back: %v", err)
	}
}
