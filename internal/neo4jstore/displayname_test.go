package neo4jstore_test

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// TestDisplayName holds a node's name to the rule: the first name-like property that
// reads as a name, trimmed, else the element id. A red team's foreign database found
// blank names winning over titles, Go's formatting of lists, bytes and points ("[Alpha
// Beta]", "[104 105]", "Point{SpatialRefId=7203, ...}") and Northwind's names unread.
func TestDisplayName(t *testing.T) {
	cases := []struct {
		name  string
		props map[string]any
		want  string
	}{
		{"name", map[string]any{"name": "Mercor", "title": "Other"}, "Mercor"},
		{"blank name gives way to the title", map[string]any{"name": "  \t\n ", "title": "The Matrix"}, "The Matrix"},
		{"empty name gives way to the title", map[string]any{"name": "", "title": "The Matrix"}, "The Matrix"},
		{"a zero-width name gives way to the title", map[string]any{"name": "\u200b\u200d", "title": "The Matrix"}, "The Matrix"},
		{"a byte order mark and spaces give way to the title", map[string]any{"name": "\ufeff \u2060", "title": "The Matrix"}, "The Matrix"},
		{"a list of zero-width names gives way to the title", map[string]any{"name": []any{"\u200b"}, "title": "The Matrix"}, "The Matrix"},
		{"a Hangul filler name gives way to the title", map[string]any{"name": "\u3164", "title": "The Matrix"}, "The Matrix"},
		{"a name around a zero-width joiner is kept whole", map[string]any{"name": " \U0001F469\u200d\U0001F4BB "}, "\U0001F469\u200d\U0001F4BB"},
		{"empty list gives way to the title", map[string]any{"name": []any{}, "title": "The Matrix"}, "The Matrix"},
		{"a list gives its first non-blank element", map[string]any{"name": []any{" ", "Alpha", "Beta"}}, "Alpha"},
		{"a list of numbers", map[string]any{"name": []any{int64(7), int64(8)}}, "7"},
		{"surrounding white space trimmed", map[string]any{"name": "  Núñez \n"}, "Núñez"},
		{"integer", map[string]any{"name": int64(42)}, "42"},
		{"negative integer", map[string]any{"name": int64(-7)}, "-7"},
		{"float", map[string]any{"name": 3.5}, "3.5"},
		{"integral float as an integer", map[string]any{"name": 3.0}, "3"},
		{"a million, not 1e+06", map[string]any{"name": 1e6}, "1000000"},
		{"ten million, not 1.0E7", map[string]any{"name": 1e7}, "10000000"},
		{"negative zero", map[string]any{"name": math.Copysign(0, -1)}, "0"},
		{"large fraction as Neo4j writes it", map[string]any{"name": 12345678.5}, "1.23456785E7"},
		{"small fraction as Neo4j writes it", map[string]any{"name": 1.5e-4}, "1.5E-4"},
		{"thousandth", map[string]any{"name": 0.001}, "0.001"},
		{"beyond 2^53 as Neo4j writes it", map[string]any{"name": 1e21}, "1.0E21"},
		{"not-a-number", map[string]any{"name": math.NaN()}, "NaN"},
		{"infinity", map[string]any{"name": math.Inf(-1)}, "-Infinity"},
		{"boolean", map[string]any{"name": true}, "true"},
		{"bytes are no name", map[string]any{"name": []byte("hi"), "title": "Bytes"}, "Bytes"},
		{"a point is no name", map[string]any{"name": dbtype.Point2D{X: 1, Y: 2, SpatialRefId: 7203}, "title": "Point"}, "Point"},
		{"a date is no name", map[string]any{"name": dbtype.Date{}, "title": "Date"}, "Date"},
		{"a list of points is no name", map[string]any{"name": []any{dbtype.Point2D{X: 1, Y: 2}}}, "4:x:1"},
		{"Name", map[string]any{"Name": "Pascal Case"}, "Pascal Case"},
		{"Northwind product", map[string]any{"productName": "Chai", "productID": int64(1)}, "Chai"},
		{"Northwind company", map[string]any{"companyName": "Exotic Liquids"}, "Exotic Liquids"},
		{"Northwind category", map[string]any{"categoryName": "Beverages"}, "Beverages"},
		{"screen name", map[string]any{"screen_name": "neo4j"}, "neo4j"},
		{"login", map[string]any{"login": "octocat"}, "octocat"},
		{"names before identifiers", map[string]any{"uuid": "0f8fad5b", "nickname": "Bob"}, "Bob"},
		{"an identifier when nothing else", map[string]any{"uuid": "0f8fad5b"}, "0f8fad5b"},
		{"nothing name-like", map[string]any{"weight": int64(3)}, "4:x:1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := neo4jstore.DisplayName(dbtype.Node{ElementId: "4:x:1", Props: tc.props}); got != tc.want {
				t.Fatalf("DisplayName(%v) = %q, want %q", tc.props, got, tc.want)
			}
		})
	}
}

// TestDisplayNameCutsLongNames: a 100 KB name was a page's heading. It is cut at a
// character, with an ellipsis.
func TestDisplayNameCutsLongNames(t *testing.T) {
	long := strings.Repeat("é", 50_000)
	got := neo4jstore.DisplayName(dbtype.Node{ElementId: "4:x:1", Props: map[string]any{"name": long}})
	if got != domain.Shown(long) || len(got) > 210 || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Fatalf("DisplayName of a 100 KB name is %d bytes, beginning %q", len(got), domain.Shown(got))
	}
}
