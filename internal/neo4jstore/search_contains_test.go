package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// oddNames are nodes of a database newsgraph did not build whose names are not plain
// text: numbers, booleans, lists, blanks, accents, symbols, and the keys of other
// datasets.
const oddNames = `
CREATE (:Thing {name: 42}), (:Thing {name: -7}), (:Thing {name: 3.5}), (:Thing {name: 3.0}),
       (:Thing {name: 10000000.0}), (:Thing {name: 12345678.5}), (:Thing {name: 0.00015}),
       (:Thing {name: 1.0e21}), (:Thing {name: 0.1 + 0.2}), (:Thing {name: true}),
       (:Thing {name: ['Alpha', 'Beta']}), (:Thing {name: ['  ', 'Gamma']}), (:Thing {name: [2.5, 4.0]}),
       (:Thing {name: '   ', title: 'Blank Named'}), (:Thing {name: [], title: 'Empty Listed'}),
       (:Thing {name: '  Padded  '}), (:Thing {name: 'José Núñez'}), (:Thing {name: 'İstanbul'}),
       (:Thing {name: '🎬'}), (:Thing {name: '!!!'}), (:Thing {name: 'Ångström'}),
       (:Product {productName: 'Chai'}), (:Supplier {companyName: 'Exotic Liquids'}),
       (:Thing {Name: 'Pascal'}), (:User {screen_name: 'neo4j'}), (:Gadget {id: 'g-1'}),
       (:Thing {name: point({x: 1, y: 2}), title: 'Pointed'}), (:Thing {name: 'Decomposed Pen` + "\u0303" + `a'}),
       (:Thing {name: 'Double  Space'}), (:Thing {name: 'Tab\there'}), (:Thing {name: 'line1\nline2'}),
       (:Thing {name: 'No\u00a0Break'}), (:Thing {name: ' \u00a0Lead Nb\u3000'}), (:Thing {name: ['Listed \t Spaced']}), (:Thing {name: 'Ma\u0301rked  and\r\nSpaced'})
`

// TestSearchWithoutIndexFindsWhatItShows: on a database without the full-text index,
// searching for the name a node is shown by finds that node as an exact match. The
// fallback compared only text properties, as Go did not show them: q=42 missed the node
// shown as "42", q=🎬 was refused. Runs of white space count as one space on both sides:
// q's were, the names' were not, so "Double  Space" could not be found even typed exactly.
func TestSearchWithoutIndexFindsWhatItShows(t *testing.T) {
	neo4jtest.Reset(t)
	neo4jtest.Exec(t, "DROP INDEX entity_names IF EXISTS", nil)
	neo4jtest.Exec(t, oddNames, nil)
	store := neo4jtest.Store(t)
	ctx := context.Background()
	records := neo4jtest.Exec(t, "MATCH (n) RETURN n", nil).Records
	for _, r := range records {
		n := r.Values[0].(dbtype.Node)
		shown := neo4jstore.DisplayName(n)
		t.Run(shown, func(t *testing.T) {
			res, err := store.Search(ctx, domain.SearchQuery{Text: shown, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			if res.Mode != neo4jstore.SearchContains {
				t.Fatalf("mode %s", res.Mode)
			}
			for _, hit := range res.Results {
				if hit.Node.ID == n.ElementId {
					if hit.Score != 1 || hit.Node.Name != shown {
						t.Fatalf("found as %q with score %v, want an exact match", hit.Node.Name, hit.Score)
					}
					return
				}
			}
			t.Fatalf("not found among %d hits", len(res.Results))
		})
	}
	// What a reader types: lower case, no accents, one element of a list.
	for q, want := range map[string]string{"alpha": "Alpha", "beta": "Alpha", "nunez": "José Núñez", "NUNEZ": "José Núñez",
		"angstrom": "Ångström", "istanbul": "İstanbul", "decomposed pena": "Decomposed Pen\u0303a", "chai": "Chai", "liquids": "Exotic Liquids"} {
		res, err := store.Search(ctx, domain.SearchQuery{Text: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Results) == 0 || res.Results[0].Node.Name != want {
			t.Errorf("q=%s: %d results, want %q first", q, len(res.Results), want)
		}
	}
	if len(records) < 20 {
		t.Fatalf("only %d nodes", len(records))
	}
}
