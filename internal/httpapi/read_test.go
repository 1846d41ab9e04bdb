package httpapi_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// hitKeys lists the stable ids (else names) of a search answer's results, in order.
func hitKeys(body map[string]any) []string {
	var out []string
	for _, v := range list(body["results"]) {
		n := v.(map[string]any)["node"].(map[string]any)
		if k := str(n["key"]); k != "" {
			out = append(out, k)
		} else {
			out = append(out, str(n["name"]))
		}
	}
	return out
}

func TestSearch(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	cases := []struct {
		name  string
		q     string
		first string // the best hit
		has   string // somewhere in the first page
	}{
		{name: "exact", q: "Mercor", first: "mercor"},
		{name: "case", q: "SCALE AI", first: "scale-ai"},
		{name: "typo", q: "Mercr", first: "mercor"},
		{name: "two typos in a long word", q: "Bakayevv Vladislaw", first: "vladislav-bakayev"},
		{name: "prefix for autocomplete", q: "bakay", has: "vladislav-bakayev"},
		{name: "prefix of a first name", q: "vladi", first: "vladislav-bakayev"},
		{name: "accents in the data", q: "jose nunez", first: "jose-nunez"},
		{name: "accents in the query", q: "Núñez", first: "jose-nunez"},
		{name: "alias", q: "pepe", first: "jose-nunez"},
		{name: "alias of two words", q: "meta platforms", first: "meta"},
		{name: "facts are searchable", q: "Scale AI v. Mercor", first: "scale-v-mercor"},
		{name: "sources are searchable", q: "account naming", has: "src-ling-account"},
		{name: "lucene syntax is plain text", q: `scale AND (ai OR "x`, first: "scale-ai"},
		{name: "lucene field syntax is plain text", q: `name:mercor~9^3`, first: "mercor"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec, body := get(t, h, "/api/search?q="+url.QueryEscape(tc.q))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if body["mode"] != "fulltext" {
				t.Fatalf("mode %v, want fulltext", body["mode"])
			}
			keys := hitKeys(body)
			if tc.first != "" && (len(keys) == 0 || keys[0] != tc.first) {
				t.Fatalf("results %v, want %s first", keys, tc.first)
			}
			if tc.has != "" && !slices.Contains(keys, tc.has) {
				t.Fatalf("results %v, want %s among them", keys, tc.has)
			}
			scores := []float64{}
			for _, v := range list(body["results"]) {
				scores = append(scores, v.(map[string]any)["score"].(float64))
			}
			if !slices.IsSortedFunc(scores, func(a, b float64) int { return int(b*1e6 - a*1e6) }) {
				t.Fatalf("scores not in descending order: %v", scores)
			}
		})
	}

	// The whole-name bonus ignores accents as matching does: typed with or without them,
	// a whole name scores the same (it scored half without the name's accents).
	t.Run("whole names score alike with and without accents", func(t *testing.T) {
		first := func(q string) (string, float64) {
			t.Helper()
			rec, body := get(t, h, "/api/search?q="+url.QueryEscape(q))
			hits := list(body["results"])
			if rec.Code != http.StatusOK || len(hits) == 0 {
				t.Fatalf("%s: status %d, %d hits", q, rec.Code, len(hits))
			}
			return hitKeys(body)[0], hits[0].(map[string]any)["score"].(float64)
		}
		for _, pair := range [][2]string{{"Mercor", "mércor"}, {"José Núñez", "jose nunez"}, {"José Núñez", "JOSÉ NUNEZ"}, {"Pepe", "pépé"}} {
			k1, s1 := first(pair[0])
			k2, s2 := first(pair[1])
			if k1 != k2 || math.Abs(s1-s2) > 1e-6*s1 {
				t.Errorf("%q: %s %.4f; %q: %s %.4f", pair[0], k1, s1, pair[1], k2, s2)
			}
		}
	})

	t.Run("pages are disjoint, stable and counted", func(t *testing.T) {
		seen := map[string]bool{}
		var total int64
		for offset := 0; offset < 60; offset += 20 {
			u := fmt.Sprintf("/api/search?q=expert&limit=20&offset=%d", offset)
			_, a := get(t, h, u)
			_, b := get(t, h, u)
			if fmt.Sprint(hitKeys(a)) != fmt.Sprint(hitKeys(b)) {
				t.Fatalf("the same page differs between calls")
			}
			if len(hitKeys(a)) != 20 {
				t.Fatalf("page at %d has %d results", offset, len(hitKeys(a)))
			}
			for _, k := range hitKeys(a) {
				if seen[k] {
					t.Fatalf("%s on two pages", k)
				}
				seen[k] = true
			}
			total = num(a["total"])
		}
		if total != 1500 {
			t.Fatalf("total %d, want the 1500 experts", total)
		}
	})
}

func TestSearchWithoutIndex(t *testing.T) {
	loadForeign(t)
	// Warming such a database is no failure (serve would log one): its searches take
	// the fallback.
	if err := neo4jtest.Store(t).Warm(context.Background()); err != nil {
		t.Fatalf("Warm: %v", err)
	}
	h := newServer(t)
	rec, body := get(t, h, "/api/search?q=MATRIX")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if body["mode"] != "contains" || num(body["total"]) != 2 {
		t.Fatalf("mode %v total %v", body["mode"], body["total"])
	}
	// Equal scores and no id property: element ids break the tie, and which ids the
	// database hands out depends on what it held before.
	var want []string
	for _, r := range neo4jtest.Exec(t, "MATCH (m:Movie) WHERE m.title CONTAINS 'Matrix' RETURN m.title AS t ORDER BY elementId(m)", nil).Records {
		want = append(want, str(r.Values[0]))
	}
	if keys := hitKeys(body); fmt.Sprint(keys) != fmt.Sprint(want) || len(want) != 2 {
		t.Fatalf("results %v, want %v", keys, want)
	}
}

func TestEntity(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	scale := str(neo4jtest.Exec(t, "MATCH (n:Entity {id: 'scale-ai'}) RETURN elementId(n)", nil).Records[0].Values[0])
	for _, id := range []string{"scale-ai", scale} {
		t.Run(id, func(t *testing.T) {
			rec, body := get(t, h, "/api/entities/"+url.PathEscape(id))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			node := body["node"].(map[string]any)
			if node["key"] != "scale-ai" || node["name"] != "Scale AI" || node["id"] != scale {
				t.Fatalf("node %v", node)
			}
			counts := map[string]int64{}
			for _, v := range list(body["counts"]) {
				c := v.(map[string]any)
				counts[str(c["type"])+"/"+str(c["direction"])] = num(c["count"])
			}
			if counts["EMPLOYED_BY/in"] != 2 || counts["MENTIONS/in"] != 2 || counts["PLAINTIFF/in"] != 1 {
				t.Fatalf("counts %v", counts)
			}
			facts := map[string]string{}
			for _, v := range list(body["facts"]) {
				f := v.(map[string]any)
				r := f["relationship"].(map[string]any)
				facts[str(r["key"])] = str(f["other"].(map[string]any)["key"])
				for _, e := range list(r["evidence"]) {
					if str(e.(map[string]any)["title"]) == "" {
						t.Errorf("fact %s: evidence without title", r["key"])
					}
				}
			}
			if facts["ling-employed"] != "eugene-ling" || facts["suit-plaintiff"] != "scale-v-mercor" || len(facts) != 5 {
				t.Fatalf("facts %v", facts)
			}
			var sources []string
			for _, v := range list(body["sources"]) {
				sources = append(sources, str(v.(map[string]any)["key"]))
			}
			if fmt.Sprint(sources) != "[src-bakayev-account src-ling-account]" {
				t.Fatalf("sources %v", sources)
			}
			if c := list(body["conflicts"]); len(c) != 1 || c[0].(map[string]any)["id"] != "former-employee" {
				t.Fatalf("conflicts %v", c)
			}
		})
	}
}

// TestEntityConflictsWhateverTheFactsLimit: an entity's conflicts are those of all its
// facts, not only of the facts the answer lists (facts_limit=0 used to list none).
func TestEntityConflictsWhateverTheFactsLimit(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	conflictsOf := func(u string) string {
		rec, body := get(t, h, u)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", u, rec.Code, rec.Body)
		}
		var ids []string
		for _, v := range list(body["conflicts"]) {
			ids = append(ids, str(v.(map[string]any)["id"]))
		}
		return fmt.Sprint(ids)
	}
	checked := 0
	for _, r := range neo4jtest.Exec(t, `MATCH (n:Entity|Fact)-[r]-() WHERE size(r.conflicts) > 0 RETURN DISTINCT n.id AS id ORDER BY id`, nil).Records {
		id := str(r.Values[0])
		all := conflictsOf("/api/entities/" + id + "?facts_limit=500")
		if all == "[]" {
			t.Errorf("%s: a fact of it names a conflict, and the answer lists none", id)
		}
		for _, limit := range []int{0, 1} {
			if got := conflictsOf(fmt.Sprintf("/api/entities/%s?facts_limit=%d", id, limit)); got != all {
				t.Errorf("%s with facts_limit=%d: conflicts %s, with all facts %s", id, limit, got, all)
			}
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no fact in the dataset names a conflict; the test needs one")
	}
}

func TestEntityForeignGraph(t *testing.T) {
	loadForeign(t)
	h := newServer(t)
	keanu := str(neo4jtest.Exec(t, "MATCH (p:Person {name: 'Keanu Reeves'}) RETURN elementId(p)", nil).Records[0].Values[0])
	rec, body := get(t, h, "/api/entities/"+keanu)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if c := list(body["counts"]); len(c) != 1 || num(c[0].(map[string]any)["count"]) != 2 {
		t.Fatalf("counts %v", c)
	}
	var others []string
	for _, v := range list(body["facts"]) {
		others = append(others, str(v.(map[string]any)["other"].(map[string]any)["name"]))
	}
	slices.Sort(others)
	if fmt.Sprint(others) != "[The Matrix The Matrix Reloaded]" {
		t.Fatalf("others %v", others)
	}
}

func TestPaths(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	cases := []struct {
		name  string
		query string
		hops  []int // lengths of the paths expected, in order
		via   string
	}{
		{name: "shortest", query: "from=eugene-ling&to=mercor", hops: []int{3}, via: "scale-v-mercor"},
		{name: "too long for max_length", query: "from=eugene-ling&to=mercor&max_length=2", hops: []int{}},
		{name: "established only avoids disputed and alleged facts", query: "from=eugene-ling&to=mercor&established_only=true", hops: []int{}},
		{name: "established only still finds reported paths", query: "from=scale-ai&to=mercor&established_only=true", hops: []int{2}, via: "scale-v-mercor"},
		{name: "all shortest", query: "from=meta&to=mercor&mode=all", hops: []int{2}, via: "tbd-labs"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec, body := get(t, h, "/api/paths?"+tc.query)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var hops []int
			for _, v := range list(body["paths"]) {
				p := v.(map[string]any)
				if len(list(p["nodes"])) != len(list(p["relationships"]))+1 {
					t.Fatalf("path %v", p)
				}
				hops = append(hops, len(list(p["relationships"])))
			}
			if fmt.Sprint(hops) != fmt.Sprint(tc.hops) {
				t.Fatalf("path lengths %v, want %v", hops, tc.hops)
			}
			g := body["graph"].(map[string]any)
			if tc.via != "" && !slices.Contains(keysOf(g), tc.via) {
				t.Fatalf("paths avoid %s: %v", tc.via, keysOf(g))
			}
			for _, k := range keysOf(g) {
				if k == "src-ling-account" || k == "src-bakayev-account" || k == "former-employee" {
					t.Fatalf("a path runs through %s", k)
				}
			}
			assertGraph(t, g)
		})
	}
}

func TestPathsAllShortestForeignGraph(t *testing.T) {
	loadForeign(t)
	h := newServer(t)
	ids := map[string]string{}
	for _, r := range neo4jtest.Exec(t, "MATCH (p:Person) RETURN p.name AS name, elementId(p) AS id", nil).Records {
		ids[str(r.Values[0])] = str(r.Values[1])
	}
	q := url.Values{"from": {ids["Keanu Reeves"]}, "to": {ids["Carrie-Anne Moss"]}}
	for mode, want := range map[string]int{"shortest": 1, "all": 2} {
		t.Run(mode, func(t *testing.T) {
			q.Set("mode", mode)
			rec, body := get(t, h, "/api/paths?"+q.Encode())
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if n := len(list(body["paths"])); n != want {
				t.Fatalf("%d paths, want %d", n, want)
			}
		})
	}
}

func TestSources(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	t.Run("list", func(t *testing.T) {
		rec, body := get(t, h, "/api/sources")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var keys []string
		for _, v := range list(body["sources"]) {
			s := v.(map[string]any)
			keys = append(keys, str(s["key"]))
			if str(s["title"]) == "" {
				t.Errorf("source %v without title", s)
			}
		}
		if fmt.Sprint(keys) != "[src-bakayev-account src-ling-account src-techcrunch-cracks]" || num(body["total"]) != 3 {
			t.Fatalf("sources %v total %v", keys, body["total"])
		}
		_, page := get(t, h, "/api/sources?offset=1&limit=1")
		if s := list(page["sources"]); len(s) != 1 || s[0].(map[string]any)["key"] != "src-ling-account" {
			t.Fatalf("page %v", s)
		}
	})
	t.Run("one with what it supports", func(t *testing.T) {
		rec, body := get(t, h, "/api/sources/src-bakayev-account")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if body["source"].(map[string]any)["file"] != "001.txt" {
			t.Fatalf("source %v", body["source"])
		}
		g := body["graph"].(map[string]any)
		rels := relKeys(g)
		for _, k := range []string{"bakayev-employed", "suit-defendant-bakayev", "contract-7"} {
			if !slices.Contains(rels, k) {
				t.Errorf("missing %s", k)
			}
		}
		for _, k := range []string{"ling-employed", "ling-pitched"} {
			if slices.Contains(rels, k) {
				t.Errorf("%s is not supported by this source", k)
			}
		}
		assertGraph(t, g)
	})
	// Every fact that cites a source is in its graph, once, with both ends: also a fact
	// at the source itself (one source citing another), which no MENTIONS reaches. On
	// newsgraph's own dataset, loaded by the loader, which writes the MENTIONS the query
	// walks (the fixture above is written by hand).
	t.Run("every fact citing it", func(t *testing.T) {
		h := serverOn(loadDataset(t))
		for _, r := range neo4jtest.Exec(t, "MATCH (s:Source) RETURN s.id ORDER BY s.id", nil).Records {
			id := str(r.Values[0])
			var want []string
			for _, w := range neo4jtest.Exec(t, `MATCH ()-[f]->() WHERE $id IN f.sources RETURN f.id AS k ORDER BY k`, map[string]any{"id": id}).Records {
				want = append(want, str(w.Values[0]))
			}
			rec, body := get(t, h, "/api/sources/"+id)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: status %d: %s", id, rec.Code, rec.Body)
			}
			g := body["graph"].(map[string]any)
			got := relKeys(g)
			slices.Sort(got)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: relationships %v, the facts citing it %v", id, got, want)
			}
			assertGraph(t, g)
		}
	})
}

func TestSchemaAndStats(t *testing.T) {
	for _, data := range []struct {
		name  string
		load  func(*testing.T)
		label string
		typ   string
	}{
		{"news", loadNews, "Entity", "EMPLOYED_BY"},
		{"foreign", loadForeign, "Movie", "ACTED_IN"},
	} {
		t.Run(data.name, func(t *testing.T) {
			data.load(t)
			h := newServer(t)
			want := neo4jtest.Exec(t, "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() WITH nodes, count(r) AS rels "+
				"MATCH (x) WHERE $label IN labels(x) WITH nodes, rels, count(x) AS labelled "+
				"MATCH ()-[y]->() WHERE type(y) = $type RETURN nodes, rels, labelled, count(y) AS typed",
				map[string]any{"label": data.label, "type": data.typ}).Records[0].Values
			rec, stats := get(t, h, "/api/stats")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			got := []any{num(stats["nodes"]), num(stats["relationships"]),
				num(stats["labels"].(map[string]any)[data.label]), num(stats["relationship_types"].(map[string]any)[data.typ])}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("stats %v, database says %v", got, want)
			}
			rec, schema := get(t, h, "/api/schema")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			found := false
			for _, v := range list(schema["labels"]) {
				l := v.(map[string]any)
				if l["name"] == data.label && num(l["count"]) == want[2].(int64) {
					found = true
				}
				if num(l["count"]) == 0 {
					t.Errorf("label %v listed with no nodes", l)
				}
			}
			if !found {
				t.Fatalf("labels %v lack %s", schema["labels"], data.label)
			}
			found = false
			for _, v := range list(schema["relationship_types"]) {
				if v.(map[string]any)["name"] == data.typ {
					found = true
				}
			}
			if !found || len(list(schema["property_keys"])) == 0 {
				t.Fatalf("schema %v", schema)
			}
		})
	}
}
