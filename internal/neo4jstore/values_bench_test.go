package neo4jstore

import (
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// BenchmarkConvertRelationship converts one relationship shaped like the generated
// graph's (nine properties, one source): the per-element cost of every graph answer.
func BenchmarkConvertRelationship(b *testing.B) {
	r := dbtype.Relationship{ElementId: "5:9a245191-97b4-41d5-a441-63bd2136256f:690", StartElementId: "4:9a245191-97b4-41d5-a441-63bd2136256f:581", EndElementId: "4:9a245191-97b4-41d5-a441-63bd2136256f:731", Type: "EMPLOYED_BY",
		Props: map[string]any{"alleged_by": []any{}, "conflicts": []any{}, "dataset": "generated", "date": "2015-06-11", "denied_by": []any{}, "id": "gen-r-0000558", "status": "reported",
			"sources": []any{"gen-src-00339"}, "evidence": []any{"Generated note: gen-src-00339 is said to back this EMPLOYED_BY link."}}}
	var c converter
	c.arena = make([]byte, 0, 1<<20)
	b.ReportAllocs()
	for range b.N {
		c.arena = c.arena[:0]
		c.evidence = c.evidence[:0]
		c.relationship(r)
	}
}
