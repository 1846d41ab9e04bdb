package httpapi_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// TestOpenAPICoversEveryRoute fails when a route the router serves is missing from the
// published document, or the document describes a route that does not exist.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	store, err := neo4jstore.Open(neo4jstore.Options{URI: "bolt://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httpapi.New(httpapi.Options{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	engine := srv.Engine()

	rec, _ := get(t, conforming(srv.Handler()), "/api/openapi.json")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	param := regexp.MustCompile(`:([a-zA-Z_]+)`)
	served := map[string]bool{}
	for _, r := range engine.Routes() {
		path := param.ReplaceAllString(r.Path, "{$1}")
		method := strings.ToLower(r.Method)
		served[method+" "+path] = true
		t.Run(r.Method+" "+r.Path, func(t *testing.T) {
			op, ok := doc.Paths[path][method]
			if !ok {
				t.Fatalf("openapi.json does not describe %s %s", r.Method, path)
			}
			var o struct {
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(op, &o); err != nil || o.Responses["200"] == nil {
				t.Fatalf("%s %s has no 200 response", r.Method, path)
			}
			// Every route under /api refuses an unknown query parameter (queryparams.go)
			// and a body over the limit; every route refuses other methods.
			if strings.HasPrefix(path, "/api/") && (o.Responses["400"] == nil || o.Responses["413"] == nil) {
				t.Errorf("%s %s lacks its 400 or 413 response", r.Method, path)
			}
			if o.Responses["405"] == nil {
				t.Errorf("%s %s has no 405 response", r.Method, path)
			}
		})
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !served[method+" "+path] {
				t.Errorf("openapi.json describes %s %s, which the router does not serve", method, path)
			}
		}
	}
}

// TestOpenAPIReferences resolves every $ref in the document, so that a renamed schema
// cannot leave a dangling reference.
func TestOpenAPIReferences(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(httpapi.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	n := 0
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				n++
				var target any = doc
				for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
					m, _ := target.(map[string]any)
					target = m[part]
				}
				if target == nil {
					t.Errorf("dangling $ref %s", ref)
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	if n == 0 {
		t.Fatal("no $ref found: the walk is broken")
	}
}
