package neo4jstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// Schema lists the database's labels and relationship types with their counts (most
// frequent first, then by name) and its property keys (sorted).
func (s *Store) Schema(ctx context.Context) (domain.Schema, error) {
	out := domain.Schema{Labels: []domain.NameCount{}, RelationshipTypes: []domain.NameCount{}, PropertyKeys: []string{}}
	res, err := s.read(ctx, cypher.Query("graph_counts"), nil)
	if err != nil {
		return out, err
	}
	rec := res.Records[0]
	out.Labels = nameCounts(anyList(rec, "labels"))
	out.RelationshipTypes = nameCounts(anyList(rec, "relationship_types"))
	for _, v := range anyList(rec, "property_keys") {
		out.PropertyKeys = append(out.PropertyKeys, stringOf(v))
	}
	slices.Sort(out.PropertyKeys)
	return out, nil
}

// Stats returns the database's node and relationship totals, per label and type.
func (s *Store) Stats(ctx context.Context) (domain.Stats, error) {
	out := domain.Stats{Labels: map[string]int64{}, RelationshipTypes: map[string]int64{}}
	res, err := s.read(ctx, cypher.Query("graph_counts"), nil)
	if err != nil {
		return out, err
	}
	rec := res.Records[0]
	nodes, _ := rec.Get("nodes")
	rels, _ := rec.Get("relationships")
	out.Nodes, out.Relationships = int64Of(nodes), int64Of(rels)
	for _, c := range nameCounts(anyList(rec, "labels")) {
		out.Labels[c.Name] = c.Count
	}
	for _, c := range nameCounts(anyList(rec, "relationship_types")) {
		out.RelationshipTypes[c.Name] = c.Count
	}
	return out, nil
}

func nameCounts(list []any) []domain.NameCount {
	out := []domain.NameCount{}
	for _, v := range list {
		m, _ := v.(map[string]any)
		out = append(out, domain.NameCount{Name: stringOf(m["name"]), Count: int64Of(m["count"])})
	}
	slices.SortFunc(out, func(x, y domain.NameCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Name, y.Name))
	})
	return out
}
