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

// Conflicts returns every conflict between the sources, each with the facts every
// source gives on it, side by side and in a stable order: conflicts and their entities
// by the name they show (DisplayName), then id. It returns an empty list for
// a graph without conflicts, and EUnavailable or ETimeout when Neo4j fails.
func (s *Store) Conflicts(ctx context.Context) ([]domain.Conflict, error) {
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return nil, err
	}
	// Every page load lists the conflicts: long values come as previews, as in a graph
	// answer (a foreign database's 4.6 MB description made every load 4.6 MB).
	conv := converter{preview: true, unkeyed: unkeyed}
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
			ID:          conflictID(c, unkeyed),
			Name:        DisplayName(c),
			Description: previewText(stringOf(c.Props["description"])),
			Entities:    []domain.Node{},
			Sides:       []domain.ConflictSide{},
		}
		entities, _, _ := neo4j.GetRecordValue[[]any](rec, "entities")
		for _, e := range entities {
			if n, ok := e.(dbtype.Node); ok {
				conflict.Entities = append(conflict.Entities, conv.node(n))
			}
		}
		slices.SortFunc(conflict.Entities, byName)
		// Every note gets its source's headline, so it reads as a citation; a fact both
		// sources give appears on both sides with both titles. Notes name their source by
		// its id, which is its key only where a constraint holds it unique.
		titles := map[string]string{}
		sides, _, _ := neo4j.GetRecordValue[[]any](rec, "sides")
		for _, sv := range sides {
			m, _ := sv.(map[string]any)
			src, ok := m["source"].(dbtype.Node)
			if !ok {
				continue
			}
			side := domain.ConflictSide{Source: conv.source(src), Facts: []domain.ConflictFact{}}
			titles[stringOf(src.Props["id"])] = side.Source.Title
			facts, _ := m["facts"].([]any)
			for _, fv := range facts {
				f, _ := fv.(map[string]any)
				r, okR := f["relationship"].(dbtype.Relationship)
				start, okS := f["start"].(dbtype.Node)
				end, okE := f["end"].(dbtype.Node)
				if !okR || !okS || !okE {
					continue
				}
				rel := conv.relationship(r)
				side.Facts = append(side.Facts, domain.ConflictFact{Relationship: rel, Start: conv.node(start), End: conv.node(end)})
			}
			conflict.Sides = append(conflict.Sides, side)
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
	slices.SortFunc(out, func(a, b domain.Conflict) int { return byShownName(a.Name, a.ID, b.Name, b.ID) })
	return out, nil
}

// conflictID is a conflict's stable id, which the facts on it name in their `conflicts`;
// a Conflict node without one, or whose id no constraint holds unique (unkeyed, in a
// database newsgraph did not build), is named by its element id, which the API takes
// wherever it takes an id, so that no two share one.
func conflictID(c dbtype.Node, unkeyed []string) string {
	labels := c.Labels
	if len(labels) == 0 { // a projection of a node matched as a Conflict
		labels = []string{"Conflict"}
	}
	if id := stringOf(c.Props["id"]); id != "" && keyed(labels, unkeyed) {
		return id
	}
	return c.ElementId
}

// byName orders nodes by the name the answer shows, then element id: a node without a
// `name` property is named by another (DisplayName), and sorted as it reads.
func byName(a, b domain.Node) int { return byShownName(a.Name, a.ID, b.Name, b.ID) }

// byShownName orders what the answer names by its name, then its id: conflicts, in
// /api/conflicts and in an entity's list alike, and their nodes.
func byShownName(aName, aID, bName, bID string) int {
	return cmp.Or(strings.Compare(aName, bName), strings.Compare(aID, bID))
}
