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
	name, p := PathsQuery(q)
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

// PathsQuery names the query q runs (paths_shortest or paths_all) and gives its values,
// which the benchmarks' driver-only path runs with too (NeighbourhoodParams).
func PathsQuery(q domain.PathQuery) (name string, params map[string]any) {
	params = map[string]any{"max_length": q.MaxLength, "established_only": q.EstablishedOnly, "paths_max": domain.PathsMax, "name_keys": displayNameKeys}
	for prefix, id := range map[string]string{"from_": q.From, "to_": q.To} {
		for k, v := range nodeRef(id) {
			params[prefix+k] = v
		}
	}
	name = "paths_shortest"
	if q.Mode == domain.PathsAllShortest {
		name = "paths_all"
	}
	return name, params
}

// pathsOf maps a paths query's record, both ends found, to the answer; unkeyed are the
// id labels whose ids are not keys (Store.unkeyedLabels). The query returns one path
// more than domain.PathsMax when there are more: the answer lists PathsMax of them, the
// first in its order, and says it was cut (Graph.Truncated).
func pathsOf(rec *neo4j.Record, unkeyed []string) domain.Paths {
	type found struct {
		path dbtype.Path
		ids  domain.Path
	}
	var list []found
	for _, v := range anyList(rec, "paths") {
		path, ok := v.(dbtype.Path)
		if !ok {
			continue
		}
		ids := domain.Path{Nodes: make([]string, 0, len(path.Nodes)), Relationships: make([]string, 0, len(path.Relationships))}
		for _, n := range path.Nodes {
			ids.Nodes = append(ids.Nodes, n.ElementId)
		}
		for _, r := range path.Relationships {
			ids.Relationships = append(ids.Relationships, r.ElementId)
		}
		list = append(list, found{path, ids})
	}
	// Neo4j returns equally short paths in no promised order.
	slices.SortFunc(list, func(x, y found) int {
		return cmp.Or(cmp.Compare(len(x.ids.Nodes), len(y.ids.Nodes)), cmp.Compare(strings.Join(x.ids.Nodes, " "), strings.Join(y.ids.Nodes, " ")),
			cmp.Compare(strings.Join(x.ids.Relationships, " "), strings.Join(y.ids.Relationships, " ")))
	})
	truncated := len(list) > domain.PathsMax
	if truncated {
		list = list[:domain.PathsMax]
	}
	b := newGraphBuilder(0, 0)
	b.unkeyed = unkeyed
	b.sourceTitles(anyList(rec, "sources"))
	out := domain.Paths{Paths: make([]domain.Path, 0, len(list))}
	for _, f := range list {
		for _, n := range f.path.Nodes {
			b.node(n)
		}
		for _, r := range f.path.Relationships {
			b.rel(r)
		}
		out.Paths = append(out.Paths, f.ids)
	}
	out.Graph = b.graph()
	out.Graph.Truncated = truncated
	return out
}
