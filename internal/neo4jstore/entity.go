package neo4jstore

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// Entity returns one node (by stable id or element id) with its relationship counts,
// up to factsLimit facts, sources and conflicts. It returns ENotFound for an unknown
// id.
func (s *Store) Entity(ctx context.Context, id string, factsLimit int) (domain.EntityDetail, error) {
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return domain.EntityDetail{}, err
	}
	res, err := s.read(ctx, cypher.Query("entity"), EntityParams(id, factsLimit))
	if err != nil {
		return domain.EntityDetail{}, err
	}
	if len(res.Records) == 0 {
		return domain.EntityDetail{}, notFound("node", id)
	}
	return entityOf(res.Records[0], unkeyed), nil
}

// EntityParams are the parameters of the entity query (entity.cypher) for a node's id
// and a cap on its facts; tests run the query with them to see what it ships.
func EntityParams(id string, factsLimit int) map[string]any {
	p := nodeRef(id)
	p["facts_max"] = factsLimit
	p["scan_max"] = SupernodeDegree
	p["keys"] = displayNameKeys
	return p
}

// entityOf maps the entity query's record to the answer; unkeyed are the id labels
// whose ids are not keys (Store.unkeyedLabels).
func entityOf(rec *neo4j.Record, unkeyed []string) domain.EntityDetail {
	n, _ := recordNode(rec, "n")
	facts := anyList(rec, "facts")
	// Sized once for the facts and their other ends (growing by doubling allocated
	// more than twice the answer).
	conv := converter{arena: make([]byte, 0, 512*(1+2*len(facts))), evidence: make([]domain.Evidence, 0, 2*len(facts)), unkeyed: unkeyed}
	out := domain.EntityDetail{Node: conv.node(n), Counts: []domain.RelationshipCount{}, Facts: []domain.EntityFact{},
		Sources: []domain.Source{}, Conflicts: []domain.ConflictRef{}}
	conv.preview = true // the node itself in full, its neighbours as in a graph answer
	for _, v := range anyList(rec, "counts") {
		m, _ := v.(map[string]any)
		c := domain.RelationshipCount{Type: stringOf(m["type"]), Direction: stringOf(m["direction"]), Count: int64Of(m["count"])}
		out.Counts = append(out.Counts, c)
	}
	titles := map[string]string{}        // by the id the facts' notes name their sources by
	whole := converter{unkeyed: unkeyed} // sources, like the node, keep every value whole
	for _, v := range anyList(rec, "sources") {
		if sn, ok := v.(dbtype.Node); ok {
			src := whole.source(sn)
			out.Sources = append(out.Sources, src)
			titles[stringOf(sn.Props["id"])] = src.Title
		}
	}
	for _, v := range facts {
		m, _ := v.(map[string]any)
		r, _ := m["r"].(dbtype.Relationship)
		other, _ := m["other"].(dbtype.Node)
		rel := conv.relationship(r)
		for i := range rel.Evidence {
			rel.Evidence[i].SourceTitle = titles[rel.Evidence[i].SourceKey]
		}
		out.Facts = append(out.Facts, domain.EntityFact{Relationship: rel, Other: conv.node(other)})
	}
	out.Facts = sortedBy(out.Facts, func(x, y *domain.EntityFact) int { return compareRelationships(&x.Relationship, &y.Relationship) })
	truncated, _ := rec.Get("facts_truncated")
	out.FactsTruncated, _ = truncated.(bool)
	for _, v := range anyList(rec, "conflicts") {
		if c, ok := conflictOf(v); ok {
			out.Conflicts = append(out.Conflicts, domain.ConflictRef{ID: conflictID(c, unkeyed), Name: DisplayName(c)})
		}
	}
	// In the order /api/conflicts lists them: by the names shown, then id.
	slices.SortFunc(out.Conflicts, func(a, b domain.ConflictRef) int { return byShownName(a.Name, a.ID, b.Name, b.ID) })
	return out
}

// source converts a Source node into the API's source shape; a source without a
// title is titled by its name.
func (c *converter) source(n dbtype.Node) domain.Source {
	node := c.node(n)
	return domain.Source{ID: node.ID, Key: node.Key, Name: node.Name, Properties: node.Properties,
		Title: sourceTitle(n), Kind: stringOf(n.Props["kind"]), Publisher: stringOf(n.Props["publisher"]), File: stringOf(n.Props["file"])}
}

// conflictOf rebuilds a conflict from the entity query's projection of it, with what
// conflictID and DisplayName read: its element id, its id when it is text, and the
// values of displayNameKeys the query sent (in that order, null where it has none; it
// stops after the first that surely names it, so DisplayName picks the same one).
func conflictOf(v any) (dbtype.Node, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return dbtype.Node{}, false
	}
	n := dbtype.Node{ElementId: stringOf(m["element_id"]), Props: map[string]any{}}
	names, _ := m["names"].([]any)
	for i, name := range names {
		if name != nil && i < len(displayNameKeys) {
			n.Props[displayNameKeys[i]] = name
		}
	}
	if id, ok := m["id"].(string); ok {
		n.Props["id"] = id
	}
	return n, true
}
