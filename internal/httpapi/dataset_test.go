package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/internal/dataset"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestOnTheDataset runs every read endpoint on newsgraph's own dataset, loaded the way
// `newsgraph load` loads it, and checks what the articles establish.
func TestOnTheDataset(t *testing.T) {
	store := loadDataset(t)
	h := serverOn(store)
	ok := func(t *testing.T, url string) map[string]any {
		t.Helper()
		rec, body := get(t, h, url)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", url, rec.Code, rec.Body)
		}
		return body
	}
	t.Run("schema leaves out the loader's lock", func(t *testing.T) {
		// A reload takes the lock, whose property name Neo4j then keeps listing.
		ds, err := dataset.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Load(context.Background(), ds, neo4jstore.LoadOptions{}); err != nil {
			t.Fatal(err)
		}
		res := neo4jtest.Exec(t, "CALL db.propertyKeys() YIELD propertyKey WHERE propertyKey = 'newsgraph_load_lock' RETURN count(*) AS n", nil)
		if n, _ := res.Records[0].Get("n"); n != int64(1) {
			t.Fatalf("Neo4j lists the lock's property key %v times; the test cannot tell", n)
		}
		keys := list(ok(t, "/api/schema")["property_keys"])
		if slices.Contains(keys, any("newsgraph_load_lock")) || !slices.Contains(keys, any("name")) {
			t.Errorf("property_keys %v", keys)
		}
	})
	t.Run("search", func(t *testing.T) {
		for q, want := range map[string]string{"mercor": "mercor", "Bakayev": "vladislav-bakayev", "midha": "surya-midha", "tbd lab": "tbd-labs", "mercr": "mercor",
			"scale v": "scale-v-mercor", "scale ai": "scale-ai"} {
			if keys := hitKeys(ok(t, "/api/search?q="+url.QueryEscape(q))); len(keys) == 0 || keys[0] != want {
				t.Errorf("%s: %v, want %s first", q, keys, want)
			}
		}
		if keys := hitKeys(ok(t, "/api/search?q=domain%20experts")); !slices.Contains(keys, "subject-matter-experts") {
			t.Errorf("alias search: %v", keys)
		}
	})
	t.Run("entity", func(t *testing.T) {
		body := ok(t, "/api/entities/eugene-ling")
		var conflicts []string
		for _, c := range list(body["conflicts"]) {
			conflicts = append(conflicts, str(c.(map[string]any)["id"]))
		}
		if !slices.Contains(conflicts, "conflict-former-employee") {
			t.Errorf("conflicts %v", conflicts)
		}
		if len(list(body["facts"])) == 0 || len(list(body["sources"])) == 0 {
			t.Errorf("no facts or sources: %v", body)
		}
		// Mercor takes part in more facts than two: a cap of two lists two and says
		// so, with the same counts; the default lists them all.
		all := ok(t, "/api/entities/mercor")
		capped := ok(t, "/api/entities/mercor?facts_limit=2")
		if n := len(list(all["facts"])); n <= 2 || all["facts_truncated"] != false {
			t.Errorf("default: %d facts, facts_truncated %v", n, all["facts_truncated"])
		}
		if n := len(list(capped["facts"])); n != 2 || capped["facts_truncated"] != true {
			t.Errorf("facts_limit=2: %d facts, facts_truncated %v", n, capped["facts_truncated"])
		}
		if !reflect.DeepEqual(all["counts"], capped["counts"]) {
			t.Errorf("counts differ: %v and %v", all["counts"], capped["counts"])
		}
		// A cap keeps the first facts of the whole list's order, so that the same
		// request lists the same facts whatever order Neo4j stores them in.
		factIDs := func(body map[string]any) []string {
			var ids []string
			for _, f := range list(body["facts"]) {
				ids = append(ids, str(f.(map[string]any)["relationship"].(map[string]any)["id"]))
			}
			return ids
		}
		for _, id := range []string{"mercor", "scale-ai"} {
			whole := factIDs(ok(t, "/api/entities/"+id))
			for k := 1; k < len(whole); k++ {
				if got := factIDs(ok(t, fmt.Sprintf("/api/entities/%s?facts_limit=%d", id, k))); !slices.Equal(got, whole[:k]) {
					t.Errorf("%s facts_limit=%d lists %v, not the first %d of %v", id, k, got, k, whole)
					break
				}
			}
		}
		exact := ok(t, fmt.Sprintf("/api/entities/mercor?facts_limit=%d", len(list(all["facts"]))))
		if exact["facts_truncated"] != false {
			t.Errorf("facts_limit equal to the number of facts says truncated")
		}
		if none := ok(t, "/api/entities/mercor?facts_limit=0"); len(list(none["facts"])) != 0 || none["facts_truncated"] != true {
			t.Errorf("facts_limit=0: %v facts, facts_truncated %v", len(list(none["facts"])), none["facts_truncated"])
		}
	})
	t.Run("neighbourhood", func(t *testing.T) {
		body := ok(t, "/api/entities/scale-ai/neighbourhood?depth=2")
		if keys := keysOf(body); !slices.Contains(keys, "meta-investment-in-scale") || !slices.Contains(keys, "scale-v-mercor") {
			t.Errorf("nodes %v", keys)
		}
		assertGraph(t, body)
		hidden := ok(t, "/api/entities/scale-ai/neighbourhood?status=reported")
		for _, v := range list(hidden["relationships"]) {
			if s := v.(map[string]any)["status"]; s != "reported" {
				t.Errorf("status filter let %v through", s)
			}
		}
	})
	t.Run("paths", func(t *testing.T) {
		body := ok(t, "/api/paths?from=eugene-ling&to=mercor&mode=all")
		if len(list(body["paths"])) == 0 {
			t.Fatal("no path from Ling to Mercor")
		}
		assertGraph(t, body["graph"].(map[string]any))
	})
	t.Run("sources", func(t *testing.T) {
		if n := len(list(ok(t, "/api/sources")["sources"])); n != 3 {
			t.Errorf("%d sources", n)
		}
		body := ok(t, "/api/sources/src-bakayev-account")
		g := body["graph"].(map[string]any)
		if !slices.Contains(keysOf(g), "vladislav-bakayev") || len(list(g["relationships"])) == 0 {
			t.Errorf("graph %v", keysOf(g))
		}
		for _, v := range list(g["relationships"]) {
			r := v.(map[string]any)
			if !slices.ContainsFunc(list(r["evidence"]), func(e any) bool { return e.(map[string]any)["source"] == "src-bakayev-account" }) {
				t.Errorf("%s does not cite the source", r["key"])
			}
		}
		assertGraph(t, g)
	})
	t.Run("conflicts", func(t *testing.T) {
		var ids []string
		for _, v := range list(ok(t, "/api/conflicts")["conflicts"]) {
			c := v.(map[string]any)
			ids = append(ids, str(c["id"]))
			if len(list(c["sides"])) < 2 {
				t.Errorf("%s has %d sides", c["id"], len(list(c["sides"])))
			}
		}
		slices.Sort(ids)
		if !slices.Equal(ids, []string{"conflict-alleged-conduct", "conflict-defendants", "conflict-former-employee"}) {
			t.Errorf("conflicts %v", ids)
		}
	})
	t.Run("schema and stats", func(t *testing.T) {
		stats := ok(t, "/api/stats")
		// The dataset file defines the entities; the database must count exactly those.
		ds, err := dataset.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		if num(stats["labels"].(map[string]any)["Entity"]) != int64(len(ds[0].Entities)) {
			t.Errorf("stats %v", stats)
		}
		ok(t, "/api/schema")
	})
}
