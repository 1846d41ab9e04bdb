package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// SupernodeDegree is the degree up to which a neighbourhood reads all of a node's
// relationships and counts them per type; above it the node is a supernode: only the
// first per_node relationships are read, and its degree (a constant-time lookup) stands
// in for the count of what was left out.
const SupernodeDegree = 1000

// Neighbourhood returns the graph around q.ID up to q.Depth hops, at most q.PerNode
// relationships followed from each node and q.Limit nodes in all, with counts of what
// was left out. It returns ENotFound for an unknown id.
func (s *Store) Neighbourhood(ctx context.Context, q domain.NeighbourhoodQuery) (domain.Neighbourhood, error) {
	p := filterParams(nodeRef(q.ID), q.Filters)
	p["depth"] = q.Depth
	p["per_node"] = q.PerNode
	p["limit"] = q.Limit
	p["scan_max"] = SupernodeDegree
	res, err := s.read(ctx, cypher.Query("neighbourhood"), p)
	if err != nil {
		return domain.Neighbourhood{}, err
	}
	if len(res.Records) == 0 {
		return domain.Neighbourhood{}, notFound("node", q.ID)
	}
	return neighbourhoodOf(res.Records[0]), nil
}

// neighbourhoodOf maps the neighbourhood query's one record to the domain's answer.
func neighbourhoodOf(rec *neo4j.Record) domain.Neighbourhood {
	focus, _ := recordNode(rec, "focus")
	nodes, expanded := anyList(rec, "nodes"), anyList(rec, "expanded")
	b := newGraphBuilder(len(nodes), len(nodes)) // a capped answer holds about one relationship per node
	for _, v := range nodes {
		if n, ok := v.(dbtype.Node); ok {
			b.node(n)
		}
	}
	b.sourceTitles(anyList(rec, "sources"))
	var omitted []domain.Omission
	for _, v := range expanded {
		e, _ := v.(map[string]any)
		omitted = append(omitted, expandedNode(b, e)...)
	}
	slices.SortFunc(omitted, func(x, y domain.Omission) int {
		if c := strings.Compare(x.NodeID, y.NodeID); c != 0 {
			return c
		}
		if c := strings.Compare(x.Type, y.Type); c != 0 {
			return c
		}
		return strings.Compare(x.Direction, y.Direction)
	})
	cut, _ := rec.Get("cut")
	g := b.graph()
	g.Omitted = omitted
	g.Truncated, _ = cut.(bool)
	return domain.Neighbourhood{Focus: focus.ElementId, Graph: g}
}

// expandedNode adds the relationships one expanded node kept whose other end made it
// into the answer, and returns what its groups left out.
func expandedNode(b *graphBuilder, e map[string]any) []domain.Omission {
	id := stringOf(e["node"])
	type groupKey struct{ typ, dir string }
	shown := map[groupKey]int64{}
	var untyped int64 // kept relationships of a supernode, whose group has no type
	picks, _ := e["picks"].([]any)
	for _, v := range picks {
		r, ok := v.(dbtype.Relationship)
		if !ok || !b.has(r.StartElementId) || !b.has(r.EndElementId) {
			continue
		}
		b.rel(r)
		dir := domain.DirectionIn
		if r.StartElementId == id {
			dir = domain.DirectionOut
		}
		shown[groupKey{r.Type, dir}]++
		untyped++
	}
	groups, _ := e["groups"].([]any)
	var out []domain.Omission
	for _, v := range groups {
		g, _ := v.(map[string]any)
		k := groupKey{stringOf(g["type"]), stringOf(g["direction"])}
		n := shown[k]
		if k.typ == "" {
			n = untyped
		}
		if total := int64Of(g["total"]); total > n {
			out = append(out, domain.Omission{NodeID: id, Type: k.typ, Direction: k.dir, Count: total - n, Shown: n})
		}
	}
	return out
}
