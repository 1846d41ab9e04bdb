package neo4jstore

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// nodeRef turns an API id into the parameters every node-resolving query takes: $key
// (newsgraph's stable id property) and $element_id (Neo4j's element id, which any
// database has). Element ids contain colons and our kebab-case ids never do, so only
// those are tried as element ids.
func nodeRef(id string) map[string]any {
	p := map[string]any{"key": id, "element_id": nil}
	if strings.Contains(id, ":") {
		p["element_id"] = id
	}
	return p
}

// filterParams renders f as the query parameters of neighbourhood and expand; empty
// filters become null, which the queries read as "no filter".
func filterParams(p map[string]any, f domain.Filters) map[string]any {
	p["types"] = listOrNil(f.Types)
	p["labels"] = listOrNil(f.Labels)
	p["status"] = listOrNil(f.Status)
	p["source"] = strOrNil(f.Source)
	p["from"] = strOrNil(f.From)
	p["to"] = strOrNil(f.To)
	return p
}

func listOrNil(s []string) any {
	if len(s) == 0 {
		return nil
	}
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func strOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// graphBuilder assembles the one Graph shape: each node and relationship once, in a
// stable order, with the evidence's source titles filled in.
type graphBuilder struct {
	nodes  map[string]domain.Node
	rels   map[string]domain.Relationship
	titles map[string]string
}

func newGraphBuilder() *graphBuilder {
	return &graphBuilder{nodes: map[string]domain.Node{}, rels: map[string]domain.Relationship{}, titles: map[string]string{}}
}

func (b *graphBuilder) node(n dbtype.Node) {
	if _, ok := b.nodes[n.ElementId]; !ok {
		b.nodes[n.ElementId] = NodeOf(n)
	}
}

func (b *graphBuilder) has(elementID string) bool {
	_, ok := b.nodes[elementID]
	return ok
}

func (b *graphBuilder) rel(r dbtype.Relationship) {
	if _, ok := b.rels[r.ElementId]; !ok {
		b.rels[r.ElementId] = RelationshipOf(r)
	}
}

// sourceTitles records the {id, title} maps a query returned for the evidence panel.
func (b *graphBuilder) sourceTitles(list []any) {
	for _, e := range list {
		m, _ := e.(map[string]any)
		id, _ := m["id"].(string)
		title, _ := m["title"].(string)
		if id != "" && title != "" {
			b.titles[id] = title
		}
	}
}

// graph returns the assembled graph: nodes by key then element id, relationships by
// type, key and element id, so that equal data gives byte-equal answers.
func (b *graphBuilder) graph() domain.Graph {
	g := domain.Graph{Nodes: make([]domain.Node, 0, len(b.nodes)), Relationships: make([]domain.Relationship, 0, len(b.rels))}
	for _, n := range b.nodes {
		g.Nodes = append(g.Nodes, n)
	}
	for _, r := range b.rels {
		for i := range r.Evidence {
			r.Evidence[i].SourceTitle = b.titles[r.Evidence[i].SourceKey]
		}
		g.Relationships = append(g.Relationships, r)
	}
	slices.SortFunc(g.Nodes, func(x, y domain.Node) int {
		return cmp.Or(cmp.Compare(x.Key, y.Key), cmp.Compare(x.ID, y.ID))
	})
	slices.SortFunc(g.Relationships, func(x, y domain.Relationship) int {
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.Key, y.Key), cmp.Compare(x.ID, y.ID))
	})
	return g
}

// recordNode reads a node column, reporting whether it was there and not null.
func recordNode(r *neo4j.Record, key string) (dbtype.Node, bool) {
	v, _ := r.Get(key)
	n, ok := v.(dbtype.Node)
	return n, ok
}

// anyList reads a list column; a missing or null column is an empty list.
func anyList(r *neo4j.Record, key string) []any {
	v, _ := r.Get(key)
	l, _ := v.([]any)
	return l
}

func int64Of(v any) int64 {
	n, _ := v.(int64)
	return n
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

// notFound is the error for an id that names no node.
func notFound(what, id string) error {
	return &domain.Error{Code: domain.ENotFound, Message: "No " + what + " has the id " + quote(id) + ".", Fields: map[string]any{"id": id}}
}

func quote(s string) string { return strconv.Quote(s) }
