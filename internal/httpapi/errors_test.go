package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestErrors walks the one status table: every error answer is problem+json with the
// code, the status and, for range errors, the allowed range.
func TestErrors(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	big := strings.Repeat("x", 1<<20+1)
	cases := []problemCase{
		{name: "unknown route", method: "GET", url: "/api/nope", status: 404, code: "not_found"},
		{name: "a trailing slash", method: "GET", url: "/api/search/?q=scale", status: 404, code: "not_found",
			detail: "do not end in a slash; ask for /api/search?q=scale."},
		{name: "a trailing slash after an id", method: "GET", url: "/api/entities/mercor/neighbourhood//", status: 404, code: "not_found",
			detail: "ask for /api/entities/mercor/neighbourhood."},
		{name: "a trailing slash on an unknown route", method: "GET", url: "/api/nope/", status: 404, code: "not_found",
			detail: "see /api/openapi.json"},
		{name: "an empty id", method: "GET", url: "/api/entities//neighbourhood/", status: 404, code: "not_found",
			detail: "see /api/openapi.json"},
		{name: "unknown entity", method: "GET", url: "/api/entities/no-such-id", status: 404, code: "not_found", fields: map[string]any{"id": "no-such-id"}},
		{name: "unknown element id", method: "GET", url: "/api/entities/4:00000000-0000-0000-0000-000000000000:999999", status: 404, code: "not_found"},
		{name: "unknown neighbourhood", method: "GET", url: "/api/entities/no-such-id/neighbourhood", status: 404, code: "not_found"},
		{name: "unknown expand", method: "GET", url: "/api/entities/no-such-id/expand", status: 404, code: "not_found"},
		{name: "unknown path start", method: "GET", url: "/api/paths?from=no-such-id&to=mercor", status: 404, code: "not_found", fields: map[string]any{"id": "no-such-id"}},
		{name: "unknown path end", method: "GET", url: "/api/paths?from=mercor&to=no-such-id", status: 404, code: "not_found", fields: map[string]any{"id": "no-such-id"}},
		{name: "unknown source", method: "GET", url: "/api/sources/no-such-id", status: 404, code: "not_found"},
		// An escaped slash is part of the id (a foreign database's ids may hold one),
		// not a path separator that would miss the route.
		{name: "an id holding a slash", method: "GET", url: "/api/entities/a%2Fb", status: 404, code: "not_found", fields: map[string]any{"id": "a/b"}},
		{name: "an id holding a slash, neighbourhood", method: "GET", url: "/api/entities/a%2Fb/neighbourhood", status: 404, code: "not_found", fields: map[string]any{"id": "a/b"}},
		{name: "an entity is not a source", method: "GET", url: "/api/sources/mercor", status: 404, code: "not_found"},
		{name: "facts_limit too large", method: "GET", url: "/api/entities/mercor?facts_limit=501", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "facts_limit", "min": 0.0, "max": 500.0}, detail: "from 0 to 500"},
		{name: "facts_limit negative", method: "GET", url: "/api/entities/mercor?facts_limit=-1", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "facts_limit", "value": "-1"}},
		{name: "unknown query parameter", method: "GET", url: "/api/entities/mercor/neighbourhood?depth=2&statuses=reported", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "statuses"}, detail: `Unknown query parameter "statuses": GET /api/entities/{id}/neighbourhood takes depth, per_node`},
		{name: "unknown query parameters are named in order", method: "GET", url: "/api/paths?zz=1&from=mercor&to=scale-ai&aa=1", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "aa"}},
		{name: "query parameter on a route that takes none", method: "GET", url: "/api/stats?verbose=1", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "verbose", "allowed": []any{}}, detail: "takes no query parameters"},
		{name: "query parameter given twice", method: "GET", url: "/api/entities/mercor/neighbourhood?depth=1&depth=3", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "depth"}, detail: "depth is given 2 times (1, 3); give it once."},
		{name: "depth too small", method: "GET", url: "/api/entities/mercor/neighbourhood?depth=0", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "depth", "min": 1.0, "max": 3.0}, detail: "from 1 to 3"},
		{name: "depth too large", method: "GET", url: "/api/entities/mercor/neighbourhood?depth=4", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "depth", "min": 1.0, "max": 3.0}},
		{name: "depth not a number", method: "GET", url: "/api/entities/mercor/neighbourhood?depth=two", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "depth", "value": "two"}},
		{name: "per_node", method: "GET", url: "/api/entities/mercor/neighbourhood?per_node=501", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "per_node", "max": 500.0}},
		{name: "neighbourhood limit", method: "GET", url: "/api/entities/mercor/neighbourhood?limit=2001", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "limit", "max": 2000.0}},
		{name: "status value", method: "GET", url: "/api/entities/mercor/neighbourhood?status=rumoured", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "status"}},
		{name: "date", method: "GET", url: "/api/entities/mercor/neighbourhood?from=2025-13", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "from"}},
		{name: "date range reversed", method: "GET", url: "/api/entities/mercor/neighbourhood?from=2025&to=2024", status: 400, code: "invalid"},
		{name: "expand direction", method: "GET", url: "/api/entities/mercor/expand?direction=up", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "direction"}},
		{name: "expand type given as a list", method: "GET", url: "/api/entities/mercor/expand?type=AGAINST,BENEFITING", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "type"}, detail: "types"},
		{name: "expand limit", method: "GET", url: "/api/entities/mercor/expand?limit=0", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "limit", "min": 1.0, "max": 500.0}},
		{name: "negative offset", method: "GET", url: "/api/entities/mercor/expand?offset=-1", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "offset", "min": 0.0}},
		{name: "path length too long", method: "GET", url: "/api/paths?from=meta&to=mercor&max_length=7", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "max_length", "min": 1.0, "max": 6.0}, detail: "from 1 to 6"},
		{name: "path length zero", method: "GET", url: "/api/paths?from=meta&to=mercor&max_length=0", status: 400, code: "invalid"},
		{name: "path mode", method: "GET", url: "/api/paths?from=meta&to=mercor&mode=longest", status: 400, code: "invalid"},
		{name: "path flag", method: "GET", url: "/api/paths?from=meta&to=mercor&established_only=yes", status: 400, code: "invalid"},
		{name: "path without to", method: "GET", url: "/api/paths?from=meta", status: 400, code: "invalid", fields: map[string]any{"parameter": "to"}},
		{name: "path to itself", method: "GET", url: "/api/paths?from=meta&to=meta", status: 400, code: "invalid"},
		{name: "search without q", method: "GET", url: "/api/search", status: 400, code: "invalid", fields: map[string]any{"parameter": "q"}},
		{name: "search without words", method: "GET", url: "/api/search?q=%21%3F", status: 400, code: "invalid"},
		{name: "search limit", method: "GET", url: "/api/search?q=a&limit=101", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "limit", "min": 1.0, "max": 100.0}},
		{name: "search text too long", method: "GET", url: "/api/search?q=" + strings.Repeat("w+", 100) + "x", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "q", "max_length": 200.0}, detail: "at most 200 characters"},
		{name: "search offset too deep", method: "GET", url: "/api/search?q=scale&offset=10001", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "offset", "max": 10000.0}},
		{name: "search offset at the edge of int64", method: "GET", url: "/api/search?q=scale&offset=9223372036854775807", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "offset"}},
		{name: "expand offset too large", method: "GET", url: "/api/entities/mercor/expand?offset=9223372036854775807", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "offset", "max": 1e9}},
		{name: "sources offset too large", method: "GET", url: "/api/sources?offset=1000000001", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "offset", "max": 1e9}},
		{name: "no 30 February", method: "GET", url: "/api/entities/mercor/neighbourhood?from=2025-02-30", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "from"}},
		{name: "no 31 June", method: "GET", url: "/api/entities/mercor/neighbourhood?to=2025-06-31", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "to"}},
		{name: "wrong method on an API route", method: "GET", url: "/api/cypher", status: 405, code: "method_not_allowed",
			fields: map[string]any{"allowed": []any{"POST"}}, detail: "takes POST"},
		{name: "wrong method on readiness", method: "POST", url: "/readyz", status: 405, code: "method_not_allowed",
			fields: map[string]any{"allowed": []any{"GET", "HEAD"}}, detail: "takes GET, HEAD"},
		{name: "a method HTTP does not define", method: "BREW", url: "/api/stats", status: 405, code: "method_not_allowed",
			detail: "takes GET, HEAD, not BREW."},
		{name: "a long method HTTP does not define", method: "M" + strings.Repeat("X", 5000), url: "/api/stats", status: 405, code: "method_not_allowed",
			detail: "not M" + strings.Repeat("X", 100)},
		{name: "a query string Go will not parse", method: "GET", url: "/api/entities/mercor/neighbourhood?types=NOPE" + strings.Repeat("&", 10001), status: 400, code: "invalid",
			detail: "does not parse"},
		{name: "a semicolon in the query string", method: "GET", url: "/api/entities/mercor/neighbourhood?types=NOPE;depth=2", status: 400, code: "invalid",
			detail: "does not parse"},
		{name: "too many list values", method: "GET", url: "/api/entities/mercor/neighbourhood?types=" + manyTypes(101),
			status: 400, code: "invalid", fields: map[string]any{"parameter": "types", "max_items": 100.0}},
		{name: "JSON of the wrong kind", method: "POST", url: "/api/cypher", contentType: "application/json", body: `[]`, status: 400, code: "invalid",
			detail: "must be a JSON object"},
		{name: "sources limit", method: "GET", url: "/api/sources?limit=1001", status: 400, code: "invalid"},
		{name: "malformed JSON", method: "POST", url: "/api/cypher", contentType: "application/json", body: `{"query": `, status: 400, code: "invalid"},
		{name: "JSON of the wrong shape", method: "POST", url: "/api/cypher", contentType: "application/json", body: `{"query": 3}`, status: 400, code: "invalid"},
		{name: "unknown JSON field", method: "POST", url: "/api/cypher", contentType: "application/json", body: `{"query": "RETURN 1", "rows": 3}`, status: 400, code: "invalid",
			fields: map[string]any{"field": "rows"}, detail: `unknown field "rows"`},
		{name: "wrong content type", method: "POST", url: "/api/cypher", contentType: "text/plain", body: `{"query": "RETURN 1"}`, status: 415, code: "unsupported_media"},
		{name: "no content type", method: "POST", url: "/api/cypher", body: `{"query": "RETURN 1"}`, status: 415, code: "unsupported_media"},
		{name: "oversized body", method: "POST", url: "/api/cypher", contentType: "application/json", body: `{"query": "` + big + `"}`, status: 413, code: "too_large",
			fields: map[string]any{"max_bytes": float64(1 << 20)}},
		{name: "oversized body on any API route", method: "GET", url: "/api/stats", body: big, status: 413, code: "too_large"},
		{name: "a very long unknown id", method: "GET", url: "/api/entities/" + strings.Repeat("x", 40000), status: 404, code: "not_found",
			detail: "No node has the id"},
		{name: "a very long unknown path end", method: "GET", url: "/api/paths?to=scale-ai&from=" + strings.Repeat("x", 40000), status: 404, code: "not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkProblem(t, h, tc) })
	}
}

// problemCase is a bad request and the problem it must get.
type problemCase struct {
	name        string
	method, url string // the method defaults to GET
	contentType string
	header      map[string]string // more request headers
	body        string
	status      int
	code        string
	fields      map[string]any // expected entries of the problem's fields
	detail      string         // a substring of the detail
	instance    string         // the problem's instance, when set
}

// checkProblem sends tc's request to h and checks its problem: status, code, fields,
// detail and instance as tc says, no more than a bounded echo of the request, and for
// a 405 fields.allowed matching the Allow header.
func checkProblem(t *testing.T, h http.Handler, tc problemCase) {
	t.Helper()
	method := tc.method
	if method == "" {
		method = http.MethodGet
	}
	if len(tc.header) > 0 {
		h = headers(h, tc.header)
	}
	rec, p := do(t, h, method, tc.url, tc.contentType, tc.body)
	assertProblem(t, rec.Code, rec.Header(), p, tc.status, tc.code)
	fields, _ := p["fields"].(map[string]any)
	for k, v := range tc.fields {
		if fmt.Sprint(fields[k]) != fmt.Sprint(v) {
			t.Errorf("fields[%s] = %v, want %v (fields %v)", k, fields[k], v, fields)
		}
	}
	if !strings.Contains(str(p["detail"]), tc.detail) {
		t.Errorf("detail %q lacks %q", p["detail"], tc.detail)
	}
	if tc.instance != "" && p["instance"] != tc.instance {
		t.Errorf("instance %q, want %q", p["instance"], tc.instance)
	}
	if len(str(p["detail"])) > 1000 || rec.Body.Len() > 2000 {
		t.Errorf("the answer repeats %d bytes of the request (detail %d bytes)", rec.Body.Len(), len(str(p["detail"])))
	}
	if tc.status == http.StatusMethodNotAllowed && fmt.Sprint(fields["allowed"]) != "["+strings.ReplaceAll(rec.Header().Get("Allow"), ", ", " ")+"]" {
		t.Errorf("Allow %q, fields.allowed %v", rec.Header().Get("Allow"), fields["allowed"])
	}
}

// TestRequestIDs: a caller's X-Request-Id is kept when it is a plain token, and
// replaced when it holds what a header or a log line could misread.
func TestRequestIDs(t *testing.T) {
	h := serverOn(unreachableStore(t))
	for id, kept := range map[string]bool{
		"abc-123_x.y:z": true, "": false, strings.Repeat("a", 65): false, "a b": false, "a\x7f": false, "é": false, "a\"b": false,
	} {
		req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		req.Header.Set("X-Request-Id", id)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("X-Request-Id")
		if (got == id) != kept || !regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`).MatchString(got) {
			t.Errorf("X-Request-Id %q answered as %q", id, got)
		}
	}
}

// unreachableStore is a store pointed at a port nothing listens on.
func unreachableStore(t *testing.T) *neo4jstore.Store {
	t.Helper()
	store, err := neo4jstore.Open(neo4jstore.Options{URI: "bolt://127.0.0.1:1", Database: "neo4j"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close(context.Background()) })
	return store
}

// TestHead checks that HEAD answers wherever GET does, with GET's status: a load
// balancer probing /readyz with HEAD must see a 503 when Neo4j is away.
func TestHead(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	for _, target := range []string{"/healthz", "/readyz", "/api/stats", "/api/entities/mercor"} {
		if rec, _ := do(t, h, http.MethodHead, target, "", ""); rec.Code != http.StatusOK {
			t.Errorf("HEAD %s: %d", target, rec.Code)
		}
	}
	if rec, _ := do(t, h, http.MethodHead, "/api/entities/no-such-id", "", ""); rec.Code != http.StatusNotFound {
		t.Errorf("HEAD of an unknown entity: %d", rec.Code)
	}
	down := serverOn(unreachableStore(t))
	if rec, _ := do(t, down, http.MethodHead, "/readyz", "", ""); rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("HEAD /readyz with Neo4j away: %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
}

// TestPathsSameNodeByEitherId refuses a path from a node to itself also when one end
// is named by its stable id and the other by its element id.
func TestPathsSameNodeByEitherId(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	eid := neo4jtest.Exec(t, "MATCH (n:Entity {id: 'mercor'}) RETURN elementId(n) AS e", nil).Records[0].Values[0].(string)
	for _, url := range []string{"/api/paths?from=mercor&to=" + eid, "/api/paths?from=" + eid + "&to=mercor", "/api/paths?from=mercor&to=mercor"} {
		rec, p := get(t, h, url)
		assertProblem(t, rec.Code, rec.Header(), p, 400, "invalid")
		if !strings.Contains(str(p["detail"]), "same node") {
			t.Errorf("%s: detail %q", url, p["detail"])
		}
	}
}

func assertProblem(t *testing.T, status int, h http.Header, p map[string]any, wantStatus int, wantCode string) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("status %d, want %d: %v", status, wantStatus, p)
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("content type %q", ct)
	}
	if p["code"] != wantCode || num(p["status"]) != int64(wantStatus) || str(p["title"]) == "" || str(p["detail"]) == "" || str(p["request_id"]) == "" {
		t.Fatalf("problem %v", p)
	}
	if p["request_id"] != h.Get("X-Request-Id") {
		t.Fatalf("problem's request id %v differs from the header's %q", p["request_id"], h.Get("X-Request-Id"))
	}
}

// TestUnavailable points the API at a port nothing listens on: every endpoint that
// needs Neo4j answers 503 with Retry-After, never 500.
func TestUnavailable(t *testing.T) {
	h := serverOn(unreachableStore(t))
	for _, url := range []string{
		"/api/search?q=mercor", "/api/entities/mercor", "/api/entities/mercor/neighbourhood", "/api/entities/mercor/expand",
		"/api/paths?from=meta&to=mercor", "/api/sources", "/api/sources/src-ling-account", "/api/conflicts",
		"/api/schema", "/api/stats", "/readyz",
	} {
		t.Run(url, func(t *testing.T) {
			// Nothing is shared but a dead port, and the first calls wait out the
			// store's read retries, so the endpoints are tried at once.
			t.Parallel()
			rec, p := get(t, h, url)
			assertProblem(t, rec.Code, rec.Header(), p, http.StatusServiceUnavailable, "unavailable")
			if rec.Header().Get("Retry-After") == "" {
				t.Fatal("no Retry-After")
			}
		})
	}
}

// TestInternalErrorIsLoggedNotShown makes a handler panic with something private in the
// message: the client gets "Internal error." and the request id, and the log line
// carries both the id and the cause.
func TestInternalErrorIsLoggedNotShown(t *testing.T) {
	store, err := neo4jstore.Open(neo4jstore.Options{URI: "bolt://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	srv := httpapi.New(httpapi.Options{Store: store, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	engine := srv.Engine()
	engine.GET("/api/test-panic", func(*gin.Context) { panic("password=hunter2") })

	rec, p := get(t, engine, "/api/test-panic")
	assertProblem(t, rec.Code, rec.Header(), p, http.StatusInternalServerError, "internal")
	if p["detail"] != "Internal error." || strings.Contains(rec.Body.String(), "hunter2") {
		t.Fatalf("the client saw %s", rec.Body)
	}
	var logged bool
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, `"msg":"internal error"`) && strings.Contains(line, str(p["request_id"])) && strings.Contains(line, "hunter2") {
			logged = true
		}
	}
	if !logged {
		t.Fatalf("no log line with the request id and the cause:\n%s", logs.String())
	}
}

// TestReadyzHold checks that a held server (serve --load, while it loads) says 503 with
// its reason and Retry-After although Neo4j answers, and 200 once released.
func TestReadyzHold(t *testing.T) {
	api := httpapi.New(httpapi.Options{Store: neo4jtest.Store(t), Logger: slog.New(slog.DiscardHandler)})
	api.Hold("loading the built-in datasets")
	rec, body := do(t, conforming(api.Handler()), http.MethodGet, "/readyz", "", "")
	if rec.Code != http.StatusServiceUnavailable || body["code"] != "unavailable" || rec.Header().Get("Retry-After") == "" ||
		!strings.Contains(str(body["detail"]), "loading the built-in datasets") {
		t.Fatalf("held: %d %v (Retry-After %q)", rec.Code, body, rec.Header().Get("Retry-After"))
	}
	api.Release()
	if rec, body := do(t, conforming(api.Handler()), http.MethodGet, "/readyz", "", ""); rec.Code != http.StatusOK {
		t.Fatalf("released: %d %v", rec.Code, body)
	}
}

// manyTypes is a types parameter of n distinct values.
func manyTypes(n int) string {
	types := make([]string, n)
	for i := range types {
		types[i] = fmt.Sprintf("T%d", i)
	}
	return strings.Join(types, ",")
}

// TestClientGone: a request whose client has left is recorded as 499 and logged as
// such, not as an internal error or a timeout: the page aborts superseded requests as a
// matter of course.
func TestClientGone(t *testing.T) {
	loadNews(t)
	var logged strings.Builder
	log := slog.New(slog.NewTextHandler(&logged, nil))
	h := conforming(httpapi.New(httpapi.Options{Store: neo4jtest.Store(t), Logger: log, RequestTimeout: time.Minute}).Handler())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/api/entities/scale-ai/neighbourhood", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 499 {
		t.Fatalf("status %d, want 499: %s", rec.Code, rec.Body)
	}
	if strings.Contains(logged.String(), "level=ERROR") || !strings.Contains(logged.String(), "client closed the request") {
		t.Fatalf("log:\n%s", logged.String())
	}
	// Its query is counted as canceled, not as a timeout.
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if m := rec.Body.String(); !strings.Contains(m, `outcome="canceled"`) || strings.Contains(m, `outcome="timeout"`) {
		t.Fatalf("query metrics:\n%s", grepLines(m, "newsgraph_neo4j_query_duration_seconds_count"))
	}
	if m := rec.Body.String(); !strings.Contains(m, `status="499"`) {
		t.Fatalf("request metrics lack the 499:\n%s", grepLines(m, "newsgraph_http_requests_total"))
	}
}

// grepLines keeps the lines of text that contain s.
func grepLines(text, s string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestEscapedPaths: any escaped character of a path reaches its route as the plain one
// would; only an escaped slash stays inside its path value.
func TestEscapedPaths(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	for _, path := range []string{"/api/entitie%73/scale-ai", "/api/entities/scale%2Dai", "/api/entities/scale%2dai/neighbourhood", "/api/entities/a%2Fb"} {
		rec, body := get(t, h, path)
		want := http.StatusOK
		if strings.Contains(path, "a%2Fb") {
			want = http.StatusNotFound // the id "a/b", which no node has
		}
		if rec.Code != want {
			t.Errorf("%s: status %d, want %d: %s", path, rec.Code, want, body["detail"])
		}
	}
}

// TestDuplicateContentHeaders: a Content-Type or Content-Encoding given twice is refused
// whatever the order, not read by its first value (a proxy may read another).
func TestDuplicateContentHeaders(t *testing.T) {
	h := newServer(t)
	for _, tc := range []struct {
		name   string
		header string
		values []string
	}{
		{"json first", "Content-Type", []string{"application/json", "text/plain"}},
		{"json second", "Content-Type", []string{"text/plain", "application/json"}},
		{"json twice", "Content-Type", []string{"application/json", "application/json"}},
		{"gzip after identity", "Content-Encoding", []string{"identity", "gzip"}},
		{"identity twice", "Content-Encoding", []string{"identity", "identity"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/api/cypher", strings.NewReader(`{"query": "RETURN 1"}`))
			if tc.header != "Content-Type" {
				req.Header.Set("Content-Type", "application/json")
			}
			for _, v := range tc.values {
				req.Header.Add(tc.header, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var p map[string]any
			_ = json.Unmarshal(rec.Body.Bytes(), &p)
			assertProblem(t, rec.Code, rec.Header(), p, http.StatusUnsupportedMediaType, "unsupported_media")
			// Two identities compress nothing: the answer names the repetition.
			if want := fmt.Sprintf("%d %s headers", len(tc.values), tc.header); !strings.Contains(fmt.Sprint(p["detail"]), want) {
				t.Errorf("detail %q does not say %q", p["detail"], want)
			}
		})
	}
}
