package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestSearchHitsAreLight: a search hit carries what the page shows of a node (its ids,
// labels, name and aliases), not every property. With a 200 KB body on each node, the
// eight hits the page's autocomplete asks for on every key typed were 1.6 MB. Both
// modes: with the full-text index and without it.
func TestSearchHitsAreLight(t *testing.T) {
	body := strings.Repeat("lorem ipsum ", 200_000/12)
	for _, mode := range []string{"fulltext", "contains"} {
		t.Run(mode, func(t *testing.T) {
			neo4jtest.Reset(t)
			if mode == "fulltext" {
				for _, stmt := range cypher.Schema() {
					neo4jtest.Exec(t, stmt, nil)
				}
			} else {
				neo4jtest.Exec(t, "DROP INDEX entity_names IF EXISTS", nil)
			}
			neo4jtest.Exec(t, `UNWIND range(1, 20) AS i
				CREATE (:Entity:Organization {id: 'doc-' + i, name: 'Doc ' + i, aliases: ['D' + i], body: $body, pages: i, dataset: 'big'})`,
				map[string]any{"body": body})
			neo4jtest.Exec(t, "CALL db.awaitIndexes(60)", nil)
			h := newServer(t)
			rec, ans := get(t, h, "/api/search?q=doc&limit=8")
			if rec.Code != http.StatusOK || ans["mode"] != mode {
				t.Fatalf("status %d, mode %v: %.300s", rec.Code, ans["mode"], rec.Body)
			}
			if rec.Body.Len() > 4096 {
				t.Fatalf("8 hits take %d bytes", rec.Body.Len())
			}
			results := list(ans["results"])
			if len(results) != 8 || num(ans["total"]) != 20 {
				t.Fatalf("%d results of %v", len(results), ans["total"])
			}
			for _, v := range results {
				n := v.(map[string]any)["node"].(map[string]any)
				props := n["properties"].(map[string]any)
				var keys []string
				for k := range props {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				number := strings.TrimPrefix(str(n["key"]), "doc-")
				if str(n["name"]) != "Doc "+number || fmt.Sprint(keys) != "[aliases id name]" ||
					fmt.Sprint(props["aliases"]) != "[D"+number+"]" || fmt.Sprint(n["labels"]) != "[Entity Organization]" {
					t.Fatalf("hit %v", n)
				}
			}
		})
	}
}

// TestSearchWithoutWordsNeedsTheIndexOnly: text without a letter or digit is refused
// where the full-text index would match nothing of it, and searched for where the
// substring fallback can find it: a node named "🎬" could never be found.
func TestSearchWithoutWordsNeedsTheIndexOnly(t *testing.T) {
	loadForeign(t)
	neo4jtest.Exec(t, "CREATE (:Movie {title: '🎬'}), (:Thing {name: '!!!'})", nil)
	h := newServer(t)
	for q, want := range map[string]string{"🎬": "🎬", "!!!": "!!!", "!!": "!!!"} {
		rec, ans := get(t, h, "/api/search?q="+url.QueryEscape(q))
		if rec.Code != http.StatusOK || ans["mode"] != "contains" {
			t.Fatalf("q=%s: status %d: %s", q, rec.Code, rec.Body)
		}
		if names := hitKeys(ans); len(names) != 1 || names[0] != want {
			t.Fatalf("q=%s: results %v, want %s", q, names, want)
		}
	}
	// Accents alone fold to nothing, which every name contains: they find nothing
	// rather than every node.
	for _, q := range []string{"\u0301", "\u0301\u0300"} {
		rec, ans := get(t, h, "/api/search?q="+url.QueryEscape(q))
		if rec.Code != http.StatusOK || num(ans["total"]) != 0 {
			t.Fatalf("q=%+q: status %d, total %v", q, rec.Code, ans["total"])
		}
	}
	loadNews(t)
	rec, ans := get(t, newServer(t), "/api/search?q="+url.QueryEscape("🎬"))
	if rec.Code != http.StatusBadRequest || !strings.Contains(str(ans["detail"]), "letter or digit") {
		t.Fatalf("with the index: status %d: %s", rec.Code, rec.Body)
	}
}
