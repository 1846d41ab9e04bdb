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
// relationships, counts them per type and picks the first of each in a sorted order (and
// expand pages in that order); above it the node is a supernode: only the first per_node
// relationships Neo4j reads are read, and its degree (a constant-time lookup) stands in
// for the count of what was left out.
const SupernodeDegree = 1000

// SortByIDDegree is the degree up to which that order is the relationships' id property
// (then their element id), so that the same data shows the same picks in any database,
// whatever order Neo4j stores it in. Above it the order is the element id alone, which
// reads no property: sorting every node up to SupernodeDegree by id made the 2-hop
// neighbourhoods of the generated graph's 20 best connected entities twice as slow
// through the driver (p50 10-16 ms became 29-32 ms, p99 57-64 ms, over the 50 ms
// target): each neighbour with hundreds of relationships had every id read, and the
// lowest ids led to busier nodes (answers of 451 KB instead of 155). docs/benchmarks.md,
// finding 23, has the measurements.
const SortByIDDegree = 100

// Neighbourhood returns the graph around q.ID up to q.Depth hops, at most q.PerNode
// relationships followed from each node and q.Limit nodes in all, with counts of what
// was left out. It returns ENotFound for an unknown id.
func (s *Store) Neighbourhood(ctx context.Context, q domain.NeighbourhoodQuery) (domain.Neighbourhood, error) {
	if err := s.sourceByKey(ctx, &q.Filters); err != nil {
		return domain.Neighbourhood{}, err
	}
	p := NeighbourhoodParams(q)
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return domain.Neighbourhood{}, err
	}
	res, err := s.read(ctx, cypher.Query("neighbourhood"), p)
	if err != nil {
		return domain.Neighbourhood{}, err
	}
	if len(res.Records) == 0 {
		return domain.Neighbourhood{}, notFound("node", q.ID)
	}
	return neighbourhoodOf(res.Records[0], unkeyed, q.Filters.On()), nil
}

// NeighbourhoodParams are the values of the neighbourhood query for q. The benchmarks'
// driver-only path runs the query with them too, so that it does exactly the store's
// work (a copy of its own once missed a value and ran a cheaper query).
func NeighbourhoodParams(q domain.NeighbourhoodQuery) map[string]any {
	p := filterParams(nodeRef(q.ID), q.Filters)
	p["depth"] = q.Depth
	p["per_node"] = q.PerNode
	p["limit"] = q.Limit
	p["scan_max"] = SupernodeDegree
	p["sort_max"] = SortByIDDegree
	p["name_keys"] = displayNameKeys
	return p
}

// neighbourhoodOf maps the neighbourhood query's one record to the domain's answer;
// unkeyed are the id labels whose ids are not keys (Store.unkeyedLabels), and filtered
// says whether filters were on: a supernode's omission then counts its whole degree,
// an upper bound (Omission.UpperBound).
func neighbourhoodOf(rec *neo4j.Record, unkeyed []string, filtered bool) domain.Neighbourhood {
	focus, _ := recordNode(rec, "focus")
	nodes, expanded := anyList(rec, "nodes"), anyList(rec, "expanded")
	b := newGraphBuilder(len(nodes), len(nodes)) // a capped answer holds about one relationship per node
	b.unkeyed = unkeyed
	for _, v := range nodes {
		if n, ok := v.(dbtype.Node); ok {
			b.node(n)
		}
	}
	b.sourceTitles(anyList(rec, "sources"))
	groups := make([]expandedGroups, len(expanded))
	counts := make([]groupCount, 0, 4*len(expanded)) // every node's groups, in one array
	partial := map[string]int{}                      // expanded nodes with a group they did not pick whole -> index in groups
	for i, v := range expanded {
		e, _ := v.(map[string]any)
		groups[i], counts = addPicks(b, e, counts)
		if groups[i].partial() {
			partial[groups[i].node] = i
		}
	}
	// A group's relationships may also arrive from their other end, picked by the
	// neighbour: what the answer lacks is what no end brought. Only the nodes with a
	// group not picked whole need counting.
	if len(partial) > 0 {
		for _, r := range b.rels {
			if i, ok := partial[r.Start]; ok {
				groups[i].hold(groupKey{r.Type, domain.DirectionOut})
			}
			if i, ok := partial[r.End]; ok && r.End != r.Start {
				groups[i].hold(groupKey{r.Type, domain.DirectionIn})
			}
		}
	}
	// Omissions go by node, type and direction. Sorting the nodes, then each node's
	// few groups, costs a fraction of sorting every omission of a large answer by
	// element ids that share their first 40 bytes (125 µs of a depth-3 answer's mapping).
	slices.SortFunc(groups, func(x, y expandedGroups) int { return strings.Compare(x.node, y.node) })
	var omitted []domain.Omission
	for _, g := range groups {
		start := len(omitted)
		omitted = g.appendOmissions(omitted, filtered)
		slices.SortFunc(omitted[start:], compareOmissions)
	}
	if !slices.IsSortedFunc(omitted, compareOmissions) { // a node expanded twice
		slices.SortFunc(omitted, compareOmissions)
	}
	cut, _ := rec.Get("cut")
	g := b.graph()
	g.Omitted = omitted
	g.Truncated, _ = cut.(bool)
	return domain.Neighbourhood{Focus: focus.ElementId, Graph: g}
}

// groupKey names a group of one node's relationships: a type and a direction. The zero
// key stands for all of them, a supernode's one group.
type groupKey struct{ typ, dir string }

// groupCount is one group of an expanded node: its size under the filters and how many
// of it the node picked itself.
type groupCount struct {
	key           groupKey
	total, picked int64
	held          int64 // how many of it the answer holds, from either end (counted for partial nodes only)
	// shown is how many of its first relationships, in expand's order, the node picked
	// and the answer holds: where paging through the group continues. It stops growing
	// at the first pick the node limit cut (cut).
	shown int64
	cut   bool
}

// expandedGroups is one expanded node's groups.
type expandedGroups struct {
	node   string
	groups []groupCount
}

// addPicks adds the relationships one expanded node picked whose other end made it into
// the answer and counts them per group, appending the node's groups to counts: how many
// it picked is the offset its expansion continues from.
func addPicks(b *graphBuilder, e map[string]any, counts []groupCount) (expandedGroups, []groupCount) {
	start := len(counts)
	list, _ := e["groups"].([]any)
	for _, v := range list {
		m, _ := v.(map[string]any)
		k := groupKey{stringOf(m["type"]), stringOf(m["direction"])}
		if k.typ == "" { // a supernode's one group ("both", any type)
			k = groupKey{}
		}
		counts = append(counts, groupCount{key: k, total: int64Of(m["total"])})
	}
	g := expandedGroups{node: stringOf(e["node"]), groups: counts[start:len(counts):len(counts)]}
	picks, _ := e["picks"].([]any)
	for _, v := range picks {
		var k groupKey
		kept := false
		switch p := v.(type) {
		case dbtype.Relationship:
			k = groupKey{p.Type, domain.DirectionIn}
			if p.StartElementId == g.node {
				k.dir = domain.DirectionOut
			}
			if kept = b.has(p.StartElementId) && b.has(p.EndElementId); kept {
				b.rel(p)
			}
		case []any: // a pick whose other end the node limit cut: [type, direction]
			if len(p) != 2 {
				continue
			}
			k = groupKey{stringOf(p[0]), stringOf(p[1])}
		default:
			continue
		}
		c := g.group(k)
		switch {
		case c == nil:
		case !kept:
			c.cut = true
		default:
			c.picked++
			if !c.cut {
				c.shown++
			}
		}
	}
	return g, counts
}

// group finds the group a relationship of type and direction k belongs to: its own, or
// a supernode's one group. A handful of groups: a scan beats a map.
func (g expandedGroups) group(k groupKey) *groupCount {
	for i := range g.groups {
		if g.groups[i].key == k || g.groups[i].key == (groupKey{}) {
			return &g.groups[i]
		}
	}
	return nil
}

// hold counts one relationship of the answer in its group.
func (g expandedGroups) hold(k groupKey) {
	if c := g.group(k); c != nil {
		c.held++
	}
}

// partial reports whether the node left some of a group unpicked.
func (g expandedGroups) partial() bool {
	for _, c := range g.groups {
		if c.total > c.picked {
			return true
		}
	}
	return false
}

// appendOmissions appends, for each group, how many of its relationships the answer
// lacks (Count), counting those a neighbour brought too (held), and where paging
// through it continues (Shown: the first of the group in expand's order that the node
// picked and the answer holds). A group the answer holds whole is left out. A
// supernode's one group counts its degree, which under filters is an upper bound.
func (g expandedGroups) appendOmissions(out []domain.Omission, filtered bool) []domain.Omission {
	for _, c := range g.groups {
		if missing := c.total - max(c.held, c.picked); missing > 0 {
			dir, bound := c.key.dir, false
			if c.key == (groupKey{}) {
				dir, bound = domain.DirectionBoth, filtered
			}
			out = append(out, domain.Omission{NodeID: g.node, Type: c.key.typ, Direction: dir, Count: missing, Shown: c.shown, Total: c.total, UpperBound: bound})
		}
	}
	return out
}

// compareOmissions orders omissions by node, type and direction.
func compareOmissions(x, y domain.Omission) int {
	if c := strings.Compare(x.NodeID, y.NodeID); c != 0 {
		return c
	}
	if c := strings.Compare(x.Type, y.Type); c != 0 {
		return c
	}
	return strings.Compare(x.Direction, y.Direction)
}
