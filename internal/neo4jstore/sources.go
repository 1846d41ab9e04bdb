package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// SourceGraphMax caps the nodes a source mentions and the relationships that cite it in
// its graph.
const SourceGraphMax = 2000

// Sources lists one page of the sources by id, and how many there are.
func (s *Store) Sources(ctx context.Context, offset, limit int) ([]domain.Source, int64, error) {
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return nil, 0, err
	}
	// Every page load lists the sources: long values come as previews, as in a graph
	// answer (a foreign database's 4.6 MB body made every load 4.6 MB); the source's
	// own entry (Source) carries them whole.
	conv := converter{preview: true, unkeyed: unkeyed}
	res, err := s.read(ctx, cypher.Query("sources"), map[string]any{"offset": offset, "limit": limit})
	if err != nil {
		return nil, 0, err
	}
	rec := res.Records[0]
	total, _ := rec.Get("total")
	out := []domain.Source{}
	for _, v := range anyList(rec, "sources") {
		if n, ok := v.(dbtype.Node); ok {
			out = append(out, conv.source(n))
		}
	}
	return out, int64Of(total), nil
}

// Source returns one source (by id or element id) with the graph of everything it
// supports. It returns ENotFound for an unknown id.
func (s *Store) Source(ctx context.Context, id string) (domain.SourceDetail, error) {
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return domain.SourceDetail{}, err
	}
	p := nodeRef(id)
	p["limit"] = SourceGraphMax
	p["name_keys"] = displayNameKeys
	res, err := s.read(ctx, cypher.Query("source"), p)
	if err != nil {
		return domain.SourceDetail{}, err
	}
	if len(res.Records) == 0 {
		return domain.SourceDetail{}, notFound("source", id)
	}
	rec := res.Records[0]
	src, _ := recordNode(rec, "s")
	b := newGraphBuilder(0, 0)
	b.unkeyed = unkeyed
	for _, col := range []string{"nodes", "others"} {
		for _, v := range anyList(rec, col) {
			if n, ok := v.(dbtype.Node); ok {
				b.node(n)
			}
		}
	}
	for _, v := range anyList(rec, "rels") {
		if r, ok := v.(dbtype.Relationship); ok {
			b.rel(r)
		}
	}
	b.sourceTitles(anyList(rec, "sources"))
	g := b.graph()
	truncated, _ := rec.Get("truncated")
	g.Truncated, _ = truncated.(bool)
	return domain.SourceDetail{Source: (&converter{unkeyed: unkeyed}).source(src), Graph: g}, nil
}
