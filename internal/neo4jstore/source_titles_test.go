package neo4jstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestEvidenceTitlesAgreeEverywhere: a source is titled by its title when that is
// text, else by its display name, in every answer that cites it: an entity's facts and
// a neighbourhood, expand, paths and a source's graph alike. Before, the graph answers
// took coalesce(title, name), so an empty title, a numeric one or none at all left the
// evidence untitled there while the entity's facts titled it. A title of over
// PreviewLimit bytes comes cut, as a long property does: a 100 KB title cited by 50
// relationships made a 5 MB neighbourhood.
func TestEvidenceTitlesAgreeEverywhere(t *testing.T) {
	store := neo4jtest.Store(t)
	clean := func() { neo4jtest.Exec(t, "MATCH (n:TitlesTest) DETACH DELETE n", nil) }
	clean()
	t.Cleanup(clean)
	r := neo4jtest.Exec(t, `
		CREATE (:Source:TitlesTest {id: 'tt-numeric', title: 42}),
		       (:Source:TitlesTest {id: 'tt-blank', title: '', name: 'Real Source Name'}),
		       (:Source:TitlesTest {id: 'tt-headline', headline: 'Only a headline'}),
		       (:Source:TitlesTest {id: 'tt-long', title: $long}),
		       (titled:Source:TitlesTest {id: 'tt-titled', title: 'A Title', name: 'A Name'}),
		       (titled)-[:MENTIONS]->(a:TitlesTest {name: 'A'}),
		       (a)-[:SAYS {id: 'tt-says', sources: ['tt-numeric', 'tt-blank', 'tt-headline', 'tt-titled', 'tt-long'],
		                                          evidence: ['one', 'two', 'three', 'four', 'five']}]->(b:TitlesTest {name: 'B'})
		RETURN elementId(a) AS a, elementId(b) AS b`, map[string]any{"long": strings.Repeat("é", neo4jstore.PreviewLimit)}).Records[0]
	a, _ := r.Get("a")
	b, _ := r.Get("b")
	cutTitle := strings.Repeat("é", 500) + "…" // the first 1,000 bytes
	want := "[tt-numeric:42 tt-blank:Real Source Name tt-headline:tt-headline tt-titled:A Title tt-long:" + cutTitle + "]"
	titles := func(where string, rels []domain.Relationship) {
		t.Helper()
		for _, rel := range rels {
			if rel.Key != "tt-says" {
				continue
			}
			var got []string
			for _, e := range rel.Evidence {
				got = append(got, e.SourceKey+":"+e.SourceTitle)
			}
			if fmt.Sprint(got) != want {
				t.Errorf("%s titles the evidence %v, want %s", where, got, want)
			}
			return
		}
		t.Errorf("%s lacks the relationship", where)
	}
	ctx := context.Background()
	entity, err := store.Entity(ctx, a.(string), 10)
	if err != nil {
		t.Fatal(err)
	}
	var facts []domain.Relationship
	for _, f := range entity.Facts {
		facts = append(facts, f.Relationship)
	}
	titles("the entity's facts", facts)
	hood, err := store.Neighbourhood(ctx, domain.NeighbourhoodQuery{ID: a.(string), Depth: 1, PerNode: 10, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	titles("the neighbourhood", hood.Relationships)
	page, err := store.Expand(ctx, domain.ExpandQuery{ID: a.(string), Direction: domain.DirectionBoth, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	titles("expand", page.Relationships)
	paths, err := store.Paths(ctx, domain.PathQuery{From: a.(string), To: b.(string), MaxLength: 2, Mode: domain.PathsShortest})
	if err != nil {
		t.Fatal(err)
	}
	titles("paths", paths.Graph.Relationships)
	source, err := store.Source(ctx, "tt-titled")
	if err != nil {
		t.Fatal(err)
	}
	titles("the source's graph", source.Graph.Relationships)
	list, _, err := store.Sources(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range list {
		if src.Key == "tt-long" && src.Title != cutTitle {
			t.Errorf("the list of sources titles tt-long with %d bytes, want the first 1,000 and …", len(src.Title))
		}
	}
}
