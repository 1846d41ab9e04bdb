package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// keysOf lists the stable ids (else names) of the nodes of a graph answer.
func keysOf(g map[string]any) []string {
	var out []string
	for _, v := range list(g["nodes"]) {
		n := v.(map[string]any)
		if k, _ := n["key"].(string); k != "" {
			out = append(out, k)
		} else {
			out = append(out, n["name"].(string))
		}
	}
	return out
}

// relKeys lists the stable ids of the relationships of a graph answer.
func relKeys(g map[string]any) []string {
	var out []string
	for _, v := range list(g["relationships"]) {
		out = append(out, str(v.(map[string]any)["key"]))
	}
	return out
}

func list(v any) []any { l, _ := v.([]any); return l }
func str(v any) string { s, _ := v.(string); return s }
func num(v any) int64  { f, _ := v.(float64); return int64(f) }

func TestNeighbourhood(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	cases := []struct {
		name     string
		url      string
		has      []string // node keys that must be present
		hasNot   []string // node keys that must be absent
		relsHas  []string
		relsNot  []string
		maxNodes int
	}{
		{name: "depth 1", url: "/api/entities/scale-ai/neighbourhood",
			has:    []string{"scale-ai", "eugene-ling", "vladislav-bakayev", "customer-a", "scale-v-mercor", "meta-investment-in-scale", "src-ling-account"},
			hasNot: []string{"mercor", "meta"}},
		{name: "depth 2 reaches the parties of facts", url: "/api/entities/scale-ai/neighbourhood?depth=2&per_node=100",
			has: []string{"mercor", "meta"}, hasNot: []string{"surya-midha"}},
		{name: "depth 3 reaches one more hop", url: "/api/entities/eugene-ling/neighbourhood?depth=3&types=EMPLOYED_BY,PLAINTIFF,DEFENDANT",
			has: []string{"mercor"}},
		{name: "depth 2 stops short", url: "/api/entities/eugene-ling/neighbourhood?depth=2&types=EMPLOYED_BY,PLAINTIFF,DEFENDANT",
			hasNot: []string{"mercor"}},
		{name: "status hides allegations and disputes", url: "/api/entities/eugene-ling/neighbourhood?status=reported",
			has: []string{"eugene-ling"}, hasNot: []string{"customer-a", "scale-ai"}},
		{name: "status keeps allegations when asked", url: "/api/entities/eugene-ling/neighbourhood?status=alleged,reported",
			has: []string{"customer-a"}, hasNot: []string{"scale-ai"}, relsHas: []string{"ling-pitched"}},
		{name: "types", url: "/api/entities/scale-ai/neighbourhood?types=EMPLOYED_BY",
			has: []string{"eugene-ling", "vladislav-bakayev"}, hasNot: []string{"customer-a", "scale-v-mercor"}},
		{name: "types repeated", url: "/api/entities/scale-ai/neighbourhood?types=EMPLOYED_BY&types=PLAINTIFF",
			has: []string{"eugene-ling", "scale-v-mercor"}, hasNot: []string{"customer-a"}},
		{name: "labels", url: "/api/entities/scale-ai/neighbourhood?labels=Person",
			has: []string{"eugene-ling"}, hasNot: []string{"customer-a", "scale-v-mercor"}},
		{name: "source", url: "/api/entities/scale-ai/neighbourhood?source=src-bakayev-account",
			has: []string{"vladislav-bakayev"}, hasNot: []string{"eugene-ling"}},
		{name: "date range keeps dated facts in range", url: "/api/entities/meta/neighbourhood?from=2025-01&to=2025-12",
			has: []string{"meta-investment-in-scale"}, hasNot: []string{"tbd-labs"}},
		{name: "date range before the facts", url: "/api/entities/meta/neighbourhood?to=2024",
			has: []string{"meta"}, hasNot: []string{"meta-investment-in-scale"}},
		{name: "total limit", url: "/api/entities/scale-ai/neighbourhood?depth=2&limit=3", maxNodes: 3},
		{name: "a limit of one node", url: "/api/entities/scale-ai/neighbourhood?limit=1", maxNodes: 1, has: []string{"scale-ai"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec, body := get(t, h, tc.url)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			keys, rels := keysOf(body), relKeys(body)
			for _, k := range tc.has {
				if !slices.Contains(keys, k) {
					t.Errorf("missing node %s in %v", k, keys)
				}
			}
			for _, k := range tc.hasNot {
				if slices.Contains(keys, k) {
					t.Errorf("unexpected node %s in %v", k, keys)
				}
			}
			for _, k := range tc.relsHas {
				if !slices.Contains(rels, k) {
					t.Errorf("missing relationship %s in %v", k, rels)
				}
			}
			if tc.maxNodes > 0 && (len(keys) > tc.maxNodes || body["truncated"] != true) {
				t.Errorf("want at most %d nodes and truncated, got %d nodes, truncated=%v", tc.maxNodes, len(keys), body["truncated"])
			}
			if tc.maxNodes == 0 && body["truncated"] != false {
				t.Errorf("%d nodes under the default limit, yet truncated=%v", len(keys), body["truncated"])
			}
			assertGraph(t, body)
		})
	}
}

// assertGraph checks the invariants of every graph answer: relationships join nodes of
// the answer, appear once, and carry evidence with titles for the sources they cite.
func assertGraph(t *testing.T, g map[string]any) {
	t.Helper()
	assertSorted(t, g)
	ids := map[string]bool{}
	for _, v := range list(g["nodes"]) {
		ids[str(v.(map[string]any)["id"])] = true
	}
	seen := map[string]bool{}
	for _, v := range list(g["relationships"]) {
		r := v.(map[string]any)
		if !ids[str(r["start"])] || !ids[str(r["end"])] {
			t.Errorf("relationship %s joins nodes outside the answer", r["key"])
		}
		if seen[str(r["id"])] {
			t.Errorf("relationship %s listed twice", r["key"])
		}
		seen[str(r["id"])] = true
		props := r["properties"].(map[string]any)
		// Our facts' sources and notes are in evidence, and only there.
		if props["sources"] != nil || props["evidence"] != nil {
			t.Errorf("relationship %s repeats its provenance in properties: %v", r["key"], props)
		}
		for _, e := range list(r["evidence"]) {
			if str(e.(map[string]any)["title"]) == "" {
				t.Errorf("relationship %s: evidence from %v has no title", r["key"], e)
			}
		}
	}
}

// assertSorted checks the one order of every graph answer: nodes by key then element
// id, relationships by type, key, then element id.
func assertSorted(t *testing.T, g map[string]any) {
	t.Helper()
	sortKey := func(v any, fields ...string) string {
		m := v.(map[string]any)
		var parts []string
		for _, f := range fields {
			parts = append(parts, str(m[f]))
		}
		return strings.Join(parts, "\x00")
	}
	for _, c := range []struct {
		list   string
		fields []string
	}{{"nodes", []string{"key", "id"}}, {"relationships", []string{"type", "key", "id"}}} {
		items := list(g[c.list])
		for i := 1; i < len(items); i++ {
			if prev, cur := sortKey(items[i-1], c.fields...), sortKey(items[i], c.fields...); prev > cur {
				t.Errorf("%s out of order at %d: %q before %q", c.list, i, prev, cur)
				break
			}
		}
	}
}

// TestNeighbourhoodOmissions checks the counts of what a per-node cap left out against
// the database, for an ordinary node (per type and direction) and a supernode (its
// degree), and that expand pages on from there without repeating anything.
func TestNeighbourhoodOmissions(t *testing.T) {
	loadNews(t)
	h := newServer(t)

	t.Run("per type and direction", func(t *testing.T) {
		rec, body := get(t, h, "/api/entities/scale-ai/neighbourhood?per_node=2")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if n := len(list(body["relationships"])); n != 2 {
			t.Fatalf("per_node=2 gave %d relationships", n)
		}
		want := map[string]int64{}
		for _, r := range neo4jtest.Exec(t, `MATCH (n:Entity {id: 'scale-ai'})-[r]-()
			RETURN type(r) + CASE WHEN startNode(r) = n THEN '/out' ELSE '/in' END AS k, count(*) AS c`, nil).Records {
			k, _ := r.Get("k")
			c, _ := r.Get("c")
			want[k.(string)] = c.(int64)
		}
		got := map[string]int64{}
		for _, v := range list(body["omitted"]) {
			o := v.(map[string]any)
			got[str(o["type"])+"/"+str(o["direction"])] = num(o["count"]) + num(o["shown"])
		}
		for _, v := range list(body["relationships"]) {
			r := v.(map[string]any)
			dir := "/in"
			if r["start"] == body["focus"] {
				dir = "/out"
			}
			if _, ok := got[str(r["type"])+dir]; !ok {
				got[str(r["type"])+dir] = 1 // a group shown in full
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("shown+omitted per group = %v, database says %v", got, want)
		}
	})

	// limit=1 keeps only the focus, yet must still say what it left out and where to
	// page from: the level-1 expansion used to be skipped outright, which left an
	// answer marked truncated with no omission at all.
	t.Run("a limit of one node", func(t *testing.T) {
		rec, body := get(t, h, "/api/entities/scale-ai/neighbourhood?limit=1")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if n, r := len(list(body["nodes"])), len(list(body["relationships"])); n != 1 || r != 0 {
			t.Fatalf("limit=1 gave %d nodes and %d relationships", n, r)
		}
		degree := neo4jtest.Exec(t, `MATCH (:Entity {id: 'scale-ai'})-[r]-() RETURN count(r) AS c`, nil).Records[0].Values[0].(int64)
		var omitted int64
		for _, v := range list(body["omitted"]) {
			o := v.(map[string]any)
			if o["node"] != body["focus"] || num(o["shown"]) != 0 {
				t.Errorf("omission %v: want the focus's, with nothing shown", o)
			}
			omitted += num(o["count"])
		}
		if omitted != degree || body["truncated"] != true {
			t.Fatalf("omitted %d relationships (truncated=%v); the focus has %d", omitted, body["truncated"], degree)
		}
	})

	// At depth 2 a group's relationships can also arrive from their other end, picked
	// by a neighbour: count is what the answer lacks, never what it already holds.
	// Expand from an omission's shown must reach every relationship of the group the
	// answer lacks, also when the node limit cut the far end of one of the node's picks
	// (which used to make shown skip it).
	t.Run("paging from shown reaches what was left out", func(t *testing.T) {
		for _, u := range []string{
			"/api/entities/mercor/neighbourhood?depth=2&per_node=5&limit=10",
			"/api/entities/scale-ai/neighbourhood?depth=3&per_node=3&limit=8&status=alleged",
			"/api/entities/scale-ai/neighbourhood?depth=2&per_node=2&limit=6",
			"/api/entities/eugene-ling/neighbourhood?depth=3&per_node=1&limit=5",
		} {
			rec, body := get(t, h, u)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: status %d: %s", u, rec.Code, rec.Body)
			}
			filter := ""
			if i := strings.Index(u, "&status="); i >= 0 {
				filter = u[i:]
			}
			inAnswer := map[string]bool{}
			for _, v := range list(body["relationships"]) {
				inAnswer[str(v.(map[string]any)["id"])] = true
			}
			for _, v := range list(body["omitted"]) {
				o := v.(map[string]any)
				group := fmt.Sprintf("/api/entities/%s/expand?direction=%s&limit=500%s", url.PathEscape(str(o["node"])), str(o["direction"]), filter)
				if typ := str(o["type"]); typ != "" {
					group += "&type=" + typ
				}
				_, all := get(t, h, group+"&offset=0")
				_, rest := get(t, h, group+fmt.Sprintf("&offset=%d", num(o["shown"])))
				reached := map[string]bool{}
				for _, r := range list(rest["relationships"]) {
					reached[str(r.(map[string]any)["id"])] = true
				}
				for i, r := range list(all["relationships"]) {
					if id := str(r.(map[string]any)["id"]); !inAnswer[id] && !reached[id] {
						t.Errorf("%s: omission %v: the group's relationship %d (%s) is neither in the answer nor reached from shown", u, o, i, id)
					}
				}
			}
		}
	})

	t.Run("count is what the answer lacks", func(t *testing.T) {
		fromOtherEnd := 0 // groups the answer holds more of than the node picked
		for _, url := range []string{
			"/api/entities/scale-ai/neighbourhood?depth=2&per_node=2",
			"/api/entities/scale-ai/neighbourhood?depth=2&per_node=3",
			"/api/entities/eugene-ling/neighbourhood?depth=3&per_node=1",
			"/api/entities/mercor/neighbourhood?depth=2&per_node=3",
		} {
			rec, body := get(t, h, url)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: status %d: %s", url, rec.Code, rec.Body)
			}
			held := map[string]int64{} // node/type/direction, and node// for all of a node's
			for _, v := range list(body["relationships"]) {
				r := v.(map[string]any)
				held[str(r["start"])+"/"+str(r["type"])+"/out"]++
				held[str(r["end"])+"/"+str(r["type"])+"/in"]++
				held[str(r["start"])+"//both"]++
				held[str(r["end"])+"//both"]++
			}
			previous := ""
			for _, v := range list(body["omitted"]) {
				o := v.(map[string]any)
				node, typ, dir := str(o["node"]), str(o["type"]), str(o["direction"])
				// Stable order: by node, then type, then direction.
				if k := node + "\x00" + typ + "\x00" + dir; k <= previous {
					t.Errorf("%s: omission %v comes after %q", url, o, previous)
				} else {
					previous = k
				}
				want := neo4jtest.Exec(t, `MATCH (n)-[r]-() WHERE elementId(n) = $node AND ($type = '' OR type(r) = $type)
					AND ($dir = 'both' OR ($dir = 'out') = (startNode(r) = n)) RETURN count(r) AS c`,
					map[string]any{"node": node, "type": typ, "dir": dir}).Records[0].Values[0].(int64)
				inAnswer := held[node+"/"+typ+"/"+dir]
				if num(o["total"]) != want || num(o["count"]) != want-inAnswer || num(o["count"]) <= 0 || num(o["shown"]) > inAnswer {
					t.Errorf("%s: omission %v; the database counts %d in the group and the answer holds %d", url, o, want, inAnswer)
				}
				if inAnswer > num(o["shown"]) {
					fromOtherEnd++
				}
			}
		}
		if fromOtherEnd == 0 {
			t.Fatal("no answer had a group partly brought by a neighbour; the fixture no longer tests that")
		}
	})

	t.Run("supernode", func(t *testing.T) {
		rec, body := get(t, h, "/api/entities/mercor/neighbourhood?per_node=5")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		degree := neo4jtest.Exec(t, "MATCH (:Entity {id: 'mercor'})-[r]-() RETURN count(r) AS c", nil).Records[0].Values[0].(int64)
		om := list(body["omitted"])
		if len(om) != 1 {
			t.Fatalf("want one omission for the supernode, got %v", om)
		}
		o := om[0].(map[string]any)
		if o["direction"] != "both" || o["type"] != "" || num(o["shown"]) != 5 || num(o["count"])+5 != degree {
			t.Fatalf("omission %v, want 5 shown of %d", o, degree)
		}
		if _, bound := o["upper_bound"]; bound {
			t.Fatalf("omission %v: without filters the degree is exact", o)
		}
		// Under a filter the degree only bounds what passes it, and the omission says so;
		// expand counts exactly.
		_, filtered := get(t, h, "/api/entities/mercor/neighbourhood?per_node=5&types=CONTRACTS_FOR")
		fo := list(filtered["omitted"])
		if len(fo) != 1 || fo[0].(map[string]any)["upper_bound"] != true || num(fo[0].(map[string]any)["total"]) != degree {
			t.Fatalf("filtered omission %v, want the degree %d as an upper bound", fo, degree)
		}
		_, exact := get(t, h, "/api/entities/mercor/expand?types=CONTRACTS_FOR&limit=1")
		if num(exact["total"]) >= degree {
			t.Fatalf("the fixture's CONTRACTS_FOR of mercor (%v) should be fewer than its degree %d", exact["total"], degree)
		}
		first := relKeys(body)
		// The next page starts where the neighbourhood stopped.
		rec, page := get(t, h, "/api/entities/mercor/expand?offset=5&limit=5")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if num(page["total"]) != degree {
			t.Fatalf("expand total %v, want %d", page["total"], degree)
		}
		for _, k := range relKeys(page) {
			if slices.Contains(first, k) {
				t.Fatalf("expand repeated %s from the neighbourhood %v", k, first)
			}
		}
		if len(relKeys(page)) != 5 {
			t.Fatalf("want a page of 5, got %v", relKeys(page))
		}
	})

	t.Run("expand pages through a type", func(t *testing.T) {
		seen := map[string]bool{}
		for offset := 0; ; offset += 500 {
			rec, page := get(t, h, fmt.Sprintf("/api/entities/mercor/expand?type=CONTRACTS_FOR&direction=in&offset=%d&limit=500", offset))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if num(page["total"]) != 1500 {
				t.Fatalf("total %v, want 1500", page["total"])
			}
			keys := relKeys(page)
			for _, k := range keys {
				if seen[k] {
					t.Fatalf("offset %d repeats %s", offset, k)
				}
				seen[k] = true
			}
			assertGraph(t, page)
			if len(keys) < 500 {
				if page["truncated"] != false {
					t.Fatalf("the last page says truncated")
				}
				break
			}
		}
		if len(seen) != 1500 {
			t.Fatalf("pages covered %d of 1500 relationships", len(seen))
		}
	})

	t.Run("expand totals per type and direction match the database", func(t *testing.T) {
		types := neo4jtest.Exec(t, "MATCH (:Entity {id: 'mercor'})-[r]-() RETURN DISTINCT type(r) AS t ORDER BY t", nil).Records
		if len(types) < 2 {
			t.Fatalf("the fixture gives mercor %d relationship types; the test needs two", len(types))
		}
		for _, rec := range types {
			typ := rec.Values[0].(string)
			for _, dir := range []string{"out", "in", "both"} {
				want := neo4jtest.Exec(t, `MATCH (n:Entity {id: 'mercor'})-[r]-() WHERE type(r) = $type
					AND ($dir = 'both' OR ($dir = 'out') = (startNode(r) = n)) RETURN count(r) AS c`,
					map[string]any{"type": typ, "dir": dir}).Records[0].Values[0].(int64)
				// Spaces around the type are trimmed, as the types list's values are.
				rec, page := get(t, h, fmt.Sprintf("/api/entities/mercor/expand?type=%%20%s%%20&direction=%s&limit=1", typ, dir))
				if rec.Code != http.StatusOK {
					t.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
				if num(page["total"]) != want {
					t.Errorf("%s %s: total %v, the database counts %d", typ, dir, page["total"], want)
				}
			}
		}
	})

	t.Run("expand with a filter counts matches", func(t *testing.T) {
		rec, page := get(t, h, "/api/entities/scale-ai/expand?status=disputed&direction=in")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		keys := relKeys(page)
		slices.Sort(keys)
		if num(page["total"]) != 2 || fmt.Sprint(keys) != "[bakayev-employed ling-employed]" {
			t.Fatalf("total %v, relationships %v", page["total"], keys)
		}
	})
}

func TestNeighbourhoodForeignGraph(t *testing.T) {
	loadForeign(t)
	h := newServer(t)
	keanu := str(neo4jtest.Exec(t, "MATCH (p:Person {name: 'Keanu Reeves'}) RETURN elementId(p) AS id", nil).Records[0].Values[0])
	rec, body := get(t, h, "/api/entities/"+keanu+"/neighbourhood?depth=2")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	names := keysOf(body)
	slices.Sort(names)
	if fmt.Sprint(names) != "[Carrie-Anne Moss Keanu Reeves The Matrix The Matrix Reloaded]" {
		t.Fatalf("names %v", names)
	}
	if body["focus"] != keanu {
		t.Fatalf("focus %v, want %s", body["focus"], keanu)
	}
	assertGraph(t, body)
	// A node with no name-like property is named by its element id.
	thing := str(neo4jtest.Exec(t, "MATCH (x:Thing) RETURN elementId(x) AS id", nil).Records[0].Values[0])
	_, body = get(t, h, "/api/entities/"+thing+"/expand")
	if names := keysOf(body); !slices.Contains(names, thing) || !slices.Contains(names, "Lawnmower Man") {
		t.Fatalf("names %v", names)
	}
	// Every node opens by the id the answer gives for it (its key, else its element
	// id), as the page does: a text `id` on a foreign label (the Gadget's) is no key.
	for _, v := range list(body["nodes"]) {
		n := v.(map[string]any)
		id := str(n["id"])
		if key, ok := n["key"]; ok {
			id = str(key)
		}
		rec, entity := get(t, h, "/api/entities/"+url.PathEscape(id))
		if rec.Code != http.StatusOK || entity["node"].(map[string]any)["id"] != n["id"] {
			t.Errorf("%s (%v): status %d, %s", id, n["name"], rec.Code, rec.Body)
		}
	}
	if names := keysOf(body); !slices.Contains(names, "Gadget One") {
		t.Fatalf("names %v lack the Gadget", names)
	}
}
