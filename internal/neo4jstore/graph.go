package neo4jstore

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// nodeRef turns an API id into the values every node-resolving query takes:
// $request.key (newsgraph's stable id property) and $request.element_id (Neo4j's
// element id, which any database has). Element ids contain colons and our kebab-case
// ids never do, so only those are tried as element ids.
func nodeRef(id string) map[string]any {
	p := map[string]any{"key": id, "element_id": nil}
	if strings.Contains(id, ":") {
		p["element_id"] = id
	}
	return p
}

// sourceByKey makes the source filter name its source as relationships' `sources` do,
// by its id property, when it was given the source's element id (what the page has for
// a source without a unique id, on a database newsgraph did not set up): matched
// against `sources` as it was, it matched nothing, and the graph came back empty. One
// round trip more, only for a filter that looks like an element id.
func (s *Store) sourceByKey(ctx context.Context, f *domain.Filters) error {
	if !strings.Contains(f.Source, ":") {
		return nil
	}
	res, err := s.read(ctx, cypher.Query("source_key"), map[string]any{"element_id": f.Source})
	if err != nil {
		return err
	}
	if len(res.Records) > 0 {
		if id, ok := res.Records[0].Values[0].(string); ok {
			f.Source = id
		}
	}
	return nil
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
	converter
	nodes  []domain.Node
	rels   []domain.Relationship
	nodeAt map[string]int // element id -> index in nodes
	relAt  map[string]int
	titles map[string]string
}

// newGraphBuilder makes a builder for about nodes nodes and rels relationships (hints
// that size its buffers once; zero is fine). Its answers carry long property values as
// previews (PreviewLimit).
func newGraphBuilder(nodes, rels int) *graphBuilder {
	b := &graphBuilder{nodes: make([]domain.Node, 0, nodes), rels: make([]domain.Relationship, 0, rels),
		nodeAt: make(map[string]int, nodes), relAt: make(map[string]int, rels)}
	b.preview = true
	// About 200 bytes of JSON properties per element is typical of newsgraph's data.
	b.arena = make([]byte, 0, 200*(nodes+rels))
	return b
}

func (b *graphBuilder) node(n dbtype.Node) {
	if _, ok := b.nodeAt[n.ElementId]; !ok {
		b.nodeAt[n.ElementId] = len(b.nodes)
		b.nodes = append(b.nodes, b.converter.node(n))
	}
}

func (b *graphBuilder) has(elementID string) bool {
	_, ok := b.nodeAt[elementID]
	return ok
}

func (b *graphBuilder) rel(r dbtype.Relationship) {
	if _, ok := b.relAt[r.ElementId]; !ok {
		b.relAt[r.ElementId] = len(b.rels)
		b.rels = append(b.rels, b.converter.relationship(r))
	}
}

// sourceTitles records the titles of the sources a query returned for the evidence
// panel, each as {id, element_id, names}: names holds the values of displayNameKeys, from which
// it is titled as everywhere else (sourceTitle).
func (b *graphBuilder) sourceTitles(list []any) {
	if b.titles == nil {
		b.titles = make(map[string]string, len(list)) // sized once: a large answer cites hundreds
	}
	for _, e := range list {
		m, _ := e.(map[string]any)
		id, _ := m["id"].(string)
		if id == "" {
			continue
		}
		names, _ := m["names"].([]any)
		if len(names) != len(displayNameKeys) { // not what the queries send
			continue
		}
		title := stringOf(names[titleKey])
		if title == "" {
			title = displayName(func(i int) any { return names[i] }, stringOf(m["element_id"]))
		}
		b.titles[id] = previewText(title)
	}
}

// titleKey is where displayNameKeys holds "title".
var titleKey = slices.Index(displayNameKeys, "title")

// sourceTitle is what a source is titled by: its title when that is text, else its
// display name; the sources of an entity, the lists and the evidence of every answer
// (sourceTitles) title a source alike. A title over PreviewLimit bytes is cut as a
// long text is (previewText): every fact citing the source repeats it.
func sourceTitle(n dbtype.Node) string {
	if title := stringOf(n.Props["title"]); title != "" {
		return previewText(title)
	}
	return DisplayName(n)
}

// graph returns the assembled graph: nodes by key then element id, relationships by
// type, key and element id, so that equal data gives byte-equal answers.
func (b *graphBuilder) graph() domain.Graph {
	g := domain.Graph{Nodes: b.nodes, Relationships: b.rels}
	if g.Nodes == nil {
		g.Nodes = []domain.Node{}
	}
	if g.Relationships == nil {
		g.Relationships = []domain.Relationship{}
	}
	// Through each relationship: its Evidence may sit in an older backing array of
	// the converter's evidence slice.
	for _, r := range g.Relationships {
		for i := range r.Evidence {
			r.Evidence[i].SourceTitle = b.titles[r.Evidence[i].SourceKey]
		}
	}
	g.Nodes = sortedBy(g.Nodes, compareNodes)
	g.Relationships = sortedBy(g.Relationships, compareRelationships)
	return g
}

// sortedBy sorts list by cmp and returns it. It sorts indexes, then moves each element
// once into place, following the permutation's cycles: sorting the elements themselves
// (96 and 144 bytes) passed them by value to every comparison and moved them on every
// swap, a sixth of mapping a large answer.
func sortedBy[T any](list []T, cmp func(x, y *T) int) []T {
	if len(list) < 2 {
		return list
	}
	order := make([]int32, len(list))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp(&list[a], &list[b]) })
	// Position j must receive list[order[j]]; a moved position is marked -1.
	for i := range order {
		if order[i] < 0 {
			continue
		}
		saved := list[i]
		for j := i; ; {
			k := int(order[j])
			order[j] = -1
			if k == i {
				list[j] = saved
				break
			}
			list[j] = list[k]
			j = k
		}
	}
	return list
}

// compareNodes orders nodes by key, then element id.
func compareNodes(x, y *domain.Node) int {
	if c := strings.Compare(x.Key, y.Key); c != 0 {
		return c
	}
	return strings.Compare(x.ID, y.ID)
}

// compareRelationships orders relationships by type, key, then element id.
func compareRelationships(x, y *domain.Relationship) int {
	if c := strings.Compare(x.Type, y.Type); c != 0 {
		return c
	}
	if c := strings.Compare(x.Key, y.Key); c != 0 {
		return c
	}
	return strings.Compare(x.ID, y.ID)
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
	id = domain.Shown(id)
	return &domain.Error{Code: domain.ENotFound, Message: "No " + what + " has the id " + quote(id) + ".", Fields: map[string]any{"id": id}}
}

func quote(s string) string { return strconv.Quote(s) }
