package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// Conflicts returns every conflict between the sources, each with the facts every
// source gives on it, side by side and in a stable order. It returns an empty list for
// a graph without conflicts, and EUnavailable or ETimeout when Neo4j fails.
func (s *Store) Conflicts(ctx context.Context) ([]domain.Conflict, error) {
	res, err := s.read(ctx, cypher.Query("conflicts"), nil)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Conflict, 0, len(res.Records))
	for _, rec := range res.Records {
		c, _, err := neo4j.GetRecordValue[dbtype.Node](rec, "c")
		if err != nil {
			return nil, domain.Errorf(domain.EInternal, "conflicts: unexpected record: %v", err)
		}
		conflict := domain.Conflict{
			ID:          stringOf(c.Props["id"]),
			Name:        stringOf(c.Props["name"]),
			Description: stringOf(c.Props["description"]),
			Entities:    []domain.Node{},
			Sides:       []domain.ConflictSide{},
		}
		entities, _, _ := neo4j.GetRecordValue[[]any](rec, "entities")
		for _, e := range entities {
			if n, ok := e.(dbtype.Node); ok {
				conflict.Entities = append(conflict.Entities, NodeOf(n))
			}
		}
		sides, _, _ := neo4j.GetRecordValue[[]any](rec, "sides")
		for _, sv := range sides {
			m, _ := sv.(map[string]any)
			src, ok := m["source"].(dbtype.Node)
			if !ok {
				continue
			}
			side := domain.ConflictSide{Source: SourceOf(src), Facts: []domain.ConflictFact{}}
			facts, _ := m["facts"].([]any)
			for _, fv := range facts {
				f, _ := fv.(map[string]any)
				r, okR := f["relationship"].(dbtype.Relationship)
				start, okS := f["start"].(dbtype.Node)
				end, okE := f["end"].(dbtype.Node)
				if !okR || !okS || !okE {
					continue
				}
				rel := RelationshipOf(r)
				side.Facts = append(side.Facts, domain.ConflictFact{Relationship: rel, Start: NodeOf(start), End: NodeOf(end)})
			}
			conflict.Sides = append(conflict.Sides, side)
		}
		// Every note gets its source's headline, so it reads as a citation; a fact both
		// sources give appears on both sides with both titles.
		titles := map[string]string{}
		for _, side := range conflict.Sides {
			titles[side.Source.Key] = side.Source.Title
		}
		for _, side := range conflict.Sides {
			for _, f := range side.Facts {
				for i := range f.Relationship.Evidence {
					f.Relationship.Evidence[i].SourceTitle = titles[f.Relationship.Evidence[i].SourceKey]
				}
			}
		}
		out = append(out, conflict)
	}
	return out, nil
}
