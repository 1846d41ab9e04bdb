package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// Expand returns q.ID with one page of its neighbours through relationships of q.Type
// (any when empty) in q.Direction, in the order a capped Neighbourhood picked them, so
// that an Omission's Shown is the offset of the next page. It returns ENotFound for an
// unknown id.
func (s *Store) Expand(ctx context.Context, q domain.ExpandQuery) (domain.Expansion, error) {
	if err := s.sourceByKey(ctx, &q.Filters); err != nil {
		return domain.Expansion{}, err
	}
	p := ExpandParams(q)
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return domain.Expansion{}, err
	}
	res, err := s.read(ctx, cypher.Query("expand"), p)
	if err != nil {
		return domain.Expansion{}, err
	}
	if len(res.Records) == 0 {
		return domain.Expansion{}, notFound("node", q.ID)
	}
	rec := res.Records[0]
	focus, _ := recordNode(rec, "focus")
	total, _ := rec.Get("total")
	others, rels := anyList(rec, "others"), anyList(rec, "rels")
	b := newGraphBuilder(1+len(others), len(rels))
	b.unkeyed = unkeyed
	b.node(focus)
	for _, v := range others {
		if n, ok := v.(dbtype.Node); ok {
			b.node(n)
		}
	}
	for _, v := range rels {
		if r, ok := v.(dbtype.Relationship); ok {
			b.rel(r)
		}
	}
	b.sourceTitles(anyList(rec, "sources"))
	g := b.graph()
	t := int64Of(total)
	g.Truncated = int64(q.Offset+len(g.Relationships)) < t
	return domain.Expansion{Focus: focus.ElementId, Total: t, Offset: q.Offset, Limit: q.Limit, Graph: g}, nil
}

// ExpandParams are the values of the expand query for q, which the benchmarks' driver-only
// path runs with too (NeighbourhoodParams).
func ExpandParams(q domain.ExpandQuery) map[string]any {
	p := filterParams(nodeRef(q.ID), q.Filters)
	p["type"] = strOrNil(q.Type)
	p["direction"] = q.Direction
	p["offset"] = q.Offset
	p["limit"] = q.Limit
	p["scan_max"] = SupernodeDegree
	p["sort_max"] = SortByIDDegree
	p["name_keys"] = displayNameKeys
	unfiltered := !q.Filters.On()
	p["by_degree"] = unfiltered && q.Type == ""
	p["by_type"] = unfiltered && q.Type != ""
	return p
}
