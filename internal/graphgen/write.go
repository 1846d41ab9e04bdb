package graphgen

import (
	"context"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// BatchSize is how many rows each write transaction carries: large enough that the
// round trips do not dominate, small enough that a batch of relationships with their
// lists stays a few megabytes.
const BatchSize = 5000

// Stats summarise one Write.
type Stats struct {
	Deleted       int64 // nodes of the same dataset removed first
	Nodes         int   // entities and sources created
	Relationships int
	Elapsed       time.Duration
}

// Write replaces the graph's dataset in the database with g: it applies the schema
// (the relationship batches find their ends through the Entity.id constraint), deletes
// any earlier nodes of the same dataset, writes sources, entities and relationships in
// UNWIND batches, and waits for the indexes to catch up. progress, when not nil, hears
// about each phase.
func Write(ctx context.Context, s *neo4jstore.Store, g *Graph, progress func(string)) (Stats, error) {
	say := func(format string, args ...any) {
		if progress != nil {
			progress(fmt.Sprintf(format, args...))
		}
	}
	start := time.Now()
	st := Stats{}
	if err := s.EnsureSchema(ctx); err != nil {
		return st, err
	}
	// Only a graph generate wrote is replaced: a story loaded under the same dataset name
	// (generate --dataset scale-ai-v-mercor) would otherwise be deleted without a word.
	if id, found, err := s.DatasetStranger(ctx, g.Config.Dataset, g.idPattern()); err != nil {
		return st, err
	} else if found {
		return st, &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf(
			"dataset %q holds a node generate did not write (id %s), from a load perhaps; generate replaces only a graph it wrote. Choose another --dataset.",
			g.Config.Dataset, domain.Shown(id))}
	}
	deleted, err := s.DeleteDataset(ctx, g.Config.Dataset)
	if err != nil {
		return st, err
	}
	st.Deleted = deleted
	say("removed %d earlier %q nodes", deleted, g.Config.Dataset)

	params := map[string]any{"dataset": g.Config.Dataset}
	if err := s.WriteBatches(ctx, "graphgen_sources", params, g.sourceRows(), BatchSize); err != nil {
		return st, err
	}
	if err := s.WriteBatches(ctx, "graphgen_entities", params, g.entityRows(), BatchSize); err != nil {
		return st, err
	}
	st.Nodes = len(g.Sources) + len(g.Nodes)
	say("created %d nodes in %s", st.Nodes, time.Since(start).Round(time.Millisecond))

	if err := s.WriteBatches(ctx, "graphgen_relationships", params, g.relRows(), BatchSize); err != nil {
		return st, err
	}
	st.Relationships = len(g.Rels)
	say("created %d relationships in %s", st.Relationships, time.Since(start).Round(time.Millisecond))

	if err := s.AwaitIndexes(ctx, 5*time.Minute); err != nil {
		return st, err
	}
	st.Elapsed = time.Since(start)
	return st, nil
}

// idPattern matches, whole, the ids of the nodes Generate makes for this dataset.
func (g *Graph) idPattern() string {
	return `\Q` + g.prefix + `\E-(src-[0-9]{5}|hub|[po]-[0-9]{6})`
}

func (g *Graph) sourceRows() []map[string]any {
	rows := make([]map[string]any, len(g.Sources))
	for i, s := range g.Sources {
		rows[i] = map[string]any{"id": s.ID, "name": s.Name, "publisher": s.Publisher}
	}
	return rows
}

func (g *Graph) entityRows() []map[string]any {
	rows := make([]map[string]any, len(g.Nodes))
	for i, n := range g.Nodes {
		aliases := make([]any, len(n.Aliases))
		for j, a := range n.Aliases {
			aliases[j] = a
		}
		rows[i] = map[string]any{"id": n.ID, "kind": n.Kind, "name": n.Name, "aliases": aliases, "description": n.Description}
	}
	return rows
}

func (g *Graph) relRows() []map[string]any {
	rows := make([]map[string]any, len(g.Rels))
	for i, r := range g.Rels {
		sources := make([]any, len(r.Sources))
		evidence := make([]any, len(r.Sources))
		for j, s := range r.Sources {
			sources[j] = g.Sources[s].ID
			evidence[j] = fmt.Sprintf("Generated note: %s is said to back this %s link.", g.Sources[s].ID, r.Type)
		}
		allegedBy := make([]any, len(r.AllegedBy))
		for j, a := range r.AllegedBy {
			allegedBy[j] = a
		}
		rows[i] = map[string]any{
			"id": r.ID, "type": r.Type, "from": g.Nodes[r.From].ID, "to": g.Nodes[r.To].ID,
			"status": r.Status, "alleged_by": allegedBy, "sources": sources, "evidence": evidence, "date": r.Date,
		}
	}
	return rows
}
