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
	picked := make([]map[groupKey]int64, len(expanded))
	for i, v := range expanded {
		e, _ := v.(map[string]any)
		picked[i] = addPicks(b, e)
	}
	// A group's relationships may also arrive from their other end, picked by the
	// neighbour: what the answer lacks is what no end brought.
	a := answerCounts{byGroup: make(map[endKey]int64, 2*len(b.rels)), byNode: make(map[string]int64, len(b.nodes))}
	for _, r := range b.rels {
		a.byGroup[endKey{r.Start, groupKey{r.Type, domain.DirectionOut}}]++
		a.byGroup[endKey{r.End, groupKey{r.Type, domain.DirectionIn}}]++
		a.byNode[r.Start]++
		if r.End != r.Start {
			a.byNode[r.End]++
		}
	}
	var omitted []domain.Omission
	for i, v := range expanded {
		e, _ := v.(map[string]any)
		omitted = append(omitted, omissions(e, picked[i], a)...)
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

// groupKey names a group of one node's relationships: a type and a direction.
type groupKey struct{ typ, dir string }

type endKey struct {
	node string
	groupKey
}

// answerCounts counts the answer's relationships per node and group, and per node.
type answerCounts struct {
	byGroup map[endKey]int64
	byNode  map[string]int64
}

// addPicks adds the relationships one expanded node picked whose other end made it into
// the answer, and returns how many it picked per group: the offset its expansion
// continues from.
func addPicks(b *graphBuilder, e map[string]any) map[groupKey]int64 {
	id := stringOf(e["node"])
	picked := map[groupKey]int64{}
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
		picked[groupKey{r.Type, dir}]++
		picked[groupKey{}]++ // a supernode's one group, of any type
	}
	return picked
}

// omissions reports, for each group of one expanded node, how many of its
// relationships the answer lacks (Count), counting those a neighbour brought too, and
// where paging through the group continues (Shown: what the node picked itself, the
// first of the group in expand's order). A group the answer holds whole is left out.
func omissions(e map[string]any, picked map[groupKey]int64, a answerCounts) []domain.Omission {
	id := stringOf(e["node"])
	groups, _ := e["groups"].([]any)
	var out []domain.Omission
	for _, v := range groups {
		g, _ := v.(map[string]any)
		k := groupKey{stringOf(g["type"]), stringOf(g["direction"])}
		inAnswer, shown := a.byGroup[endKey{id, k}], picked[k]
		if k.typ == "" { // a supernode's one group: any type, either direction
			inAnswer, shown = a.byNode[id], picked[groupKey{}]
		}
		total := int64Of(g["total"])
		if missing := total - inAnswer; missing > 0 {
			out = append(out, domain.Omission{NodeID: id, Type: k.typ, Direction: k.dir, Count: missing, Shown: shown, Total: total})
		}
	}
	return out
}
