package neo4jstore

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// Paths finds the shortest path, or all shortest paths, between q.From and q.To of at
// most q.MaxLength hops, each hop with its evidence. No path is an empty answer; an
// unknown endpoint is ENotFound, and two ids naming the same node are EInvalid.
func (s *Store) Paths(ctx context.Context, q domain.PathQuery) (domain.Paths, error) {
	p := map[string]any{"max_length": q.MaxLength, "established_only": q.EstablishedOnly, "paths_max": domain.PathsMax}
	for prefix, id := range map[string]string{"from_": q.From, "to_": q.To} {
		for k, v := range nodeRef(id) {
			p[prefix+k] = v
		}
	}
	name := "paths_shortest"
	if q.Mode == domain.PathsAllShortest {
		name = "paths_all"
	}
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return domain.Paths{}, err
	}
	res, err := s.read(ctx, cypher.Query(name), p)
	if err != nil {
		return domain.Paths{}, err
	}
	rec := res.Records[0]
	a, ok := recordNode(rec, "a")
	if !ok {
		return domain.Paths{}, notFound("node", q.From)
	}
	b, ok := recordNode(rec, "b")
	if !ok {
		return domain.Paths{}, notFound("node", q.To)
	}
	// Compared once resolved: a stable id and an element id may name the same node.
	if a.ElementId == b.ElementId {
		return domain.Paths{}, &domain.Error{Code: domain.EInvalid, Message: "from and to name the same node.",
			Fields: map[string]any{"parameter": "to", "value": domain.Shown(q.To)}}
	}
	return pathsOf(rec, unkeyed), nil
}

// pathsOf maps a paths query's record, both ends found, to the answer; unkeyed are the
// id labels whose ids are not keys (Store.unkeyedLabels).
func pathsOf(rec *neo4j.Record, unkeyed []string) domain.Paths {
	b := newGraphBuilder(0, 0)
	b.unkeyed = unkeyed
	b.sourceTitles(anyList(rec, "sources"))
	out := domain.Paths{Paths: []domain.Path{}}
	for _, v := range anyList(rec, "paths") {
		path, ok := v.(dbtype.Path)
		if !ok {
			continue
		}
		dp := domain.Path{Nodes: make([]string, 0, len(path.Nodes)), Relationships: make([]string, 0, len(path.Relationships))}
		for _, n := range path.Nodes {
			b.node(n)
			dp.Nodes = append(dp.Nodes, n.ElementId)
		}
		for _, r := range path.Relationships {
			b.rel(r)
			dp.Relationships = append(dp.Relationships, r.ElementId)
		}
		out.Paths = append(out.Paths, dp)
	}
	// Neo4j returns equally short paths in no promised order.
	slices.SortFunc(out.Paths, func(x, y domain.Path) int {
		return cmp.Or(cmp.Compare(len(x.Nodes), len(y.Nodes)), cmp.Compare(strings.Join(x.Nodes, " "), strings.Join(y.Nodes, " ")),
			cmp.Compare(strings.Join(x.Relationships, " "), strings.Join(y.Relationships, " ")))
	})
	out.Graph = b.graph()
	return out
}
