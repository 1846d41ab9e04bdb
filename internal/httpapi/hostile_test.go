package httpapi_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestHostileRequests sends what a careless script or an attacker sends. Each is refused
// before any query runs, so the server has no database: a request that got through to a
// handler would fail with a 500 instead of the 4xx that says what to fix.
func TestHostileRequests(t *testing.T) {
	long := strings.Repeat("x", 40000)
	const jsonType = "application/json"
	cases := []problemCase{
		// Invalid UTF-8 would reach Neo4j as U+FFFD and match nothing (or something else).
		{name: "types not UTF-8", url: "/api/entities/mercor/neighbourhood?types=%ff%fe", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "types", "value": "%FF%FE"}, detail: `"types" in the query string is not UTF-8 (got "\xff\xfe")`},
		{name: "a quoted type not UTF-8", url: "/api/entities/mercor/neighbourhood?types=%60A%ff%60", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "types"}},
		{name: "labels not UTF-8", url: "/api/entities/mercor/neighbourhood?labels=Person,%c3", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "labels"}},
		{name: "status not UTF-8", url: "/api/entities/mercor/expand?status=reported&status=%ff", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "status"}, detail: "not UTF-8"},
		{name: "expand type not UTF-8", url: "/api/entities/mercor/expand?type=%ff", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "type"}},
		{name: "source not UTF-8", url: "/api/entities/mercor/neighbourhood?source=src-%ff", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "source"}},
		{name: "search text not UTF-8", url: "/api/search?q=%ffscale", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "q"}},
		{name: "a path end not UTF-8", url: "/api/paths?from=%ed%a0%80&to=mercor", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "from"}},
		// Fields percent-encode what is not UTF-8: as JSON, every bad byte would be U+FFFD.
		{name: "a parameter name not UTF-8", url: "/api/stats?%ff=1", status: 400, code: "invalid", detail: "not UTF-8",
			fields: map[string]any{"parameter": "%FF", "value": "%FF"}},
		{name: "a parameter name partly UTF-8", url: "/api/stats?%C3%A9%20%fe=1", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "%C3%A9%20%FE"}},
		{name: "an id not UTF-8", url: "/api/entities/%ff/neighbourhood", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "id", "value": "%FF"}, detail: `"id" in the path is not UTF-8`},
		{name: "a source id not UTF-8", url: "/api/sources/%c0%af", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "id"}},
		// A query string that does not parse names the parameter at fault.
		{name: "a bad escape names its parameter", url: "/api/entities/mercor/neighbourhood?limit=5&depth=%zz", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "depth"}, detail: "invalid URL escape"},
		{name: "a bad escape in a name", url: "/api/entities/mercor/neighbourhood?de%zzpth=1", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "de%zzpth"}},
		{name: "a semicolon names its parameter", url: "/api/entities/mercor/neighbourhood?types=A;depth=2", status: 400, code: "invalid",
			fields: map[string]any{"parameter": "types"}, detail: "semicolon"},
		// What a client sent is quoted cut, never whole.
		{name: "a long depth", url: "/api/entities/mercor/neighbourhood?depth=" + long, status: 400, code: "invalid",
			fields: map[string]any{"parameter": "depth"}},
		{name: "a long direction", url: "/api/entities/mercor/expand?direction=" + long, status: 400, code: "invalid",
			fields: map[string]any{"parameter": "direction"}},
		{name: "a long status", url: "/api/entities/mercor/neighbourhood?status=" + long, status: 400, code: "invalid",
			fields: map[string]any{"parameter": "status"}},
		{name: "a long date", url: "/api/entities/mercor/neighbourhood?from=" + long, status: 400, code: "invalid",
			fields: map[string]any{"parameter": "from"}},
		{name: "a long mode", url: "/api/paths?from=a&to=b&mode=" + long, status: 400, code: "invalid",
			fields: map[string]any{"parameter": "mode"}},
		{name: "a long flag", url: "/api/paths?from=a&to=b&established_only=" + long, status: 400, code: "invalid",
			fields: map[string]any{"parameter": "established_only"}},
		{name: "a long content type", method: "POST", url: "/api/cypher", contentType: "text/" + long, body: `{}`, status: 415, code: "unsupported_media"},
		{name: "a long unknown JSON field", method: "POST", url: "/api/cypher", contentType: jsonType, body: `{"` + long + `": 1}`, status: 400, code: "invalid"},
		{name: "a long number beyond a float", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN 1", "limit": 1` + strings.Repeat("0", 40000) + `}`, status: 400, code: "invalid",
			fields: map[string]any{"parameter": "limit", "min": 1.0, "max": 5000.0}, detail: "limit must be an integer from 1 to 5000, got 1000"},
		// JSON bodies: what encoding/json lets through.
		{name: "a key given twice", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN 1", "limit": 0, "limit": 5}`, status: 400, code: "invalid",
			fields: map[string]any{"field": "limit"}, detail: `gives the field "limit" twice`},
		{name: "a nested key given twice", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN $a", "params": {"a": [1, {"x": 1, "y": [], "x": 2}]}}`, status: 400, code: "invalid",
			fields: map[string]any{"field": "params.a[1].x"}},
		{name: "a field in another case", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"QUERY": "RETURN 1"}`, status: 400, code: "invalid",
			fields: map[string]any{"field": "QUERY"}, detail: `names are case-sensitive: "query"`},
		{name: "a field twice in two cases", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN 1", "Query": "RETURN 2"}`, status: 400, code: "invalid", fields: map[string]any{"field": "Query"}},
		{name: "a body not UTF-8", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: "{\"query\": \"RETURN '\xff' AS x\"}", status: 400, code: "invalid",
			fields: map[string]any{"offset": 19.0}, detail: "not UTF-8"},
		{name: "a byte order mark", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: "\xef\xbb\xbf{\"query\": \"RETURN 1\"}", status: 400, code: "invalid", detail: "byte order mark"},
		{name: "a charset other than UTF-8", method: "POST", url: "/api/cypher", contentType: "application/json; charset=iso-8859-1",
			body: `{"query": "RETURN 1"}`, status: 415, code: "unsupported_media", detail: "UTF-8"},
		{name: "a compressed body", method: "POST", url: "/api/cypher", contentType: jsonType, header: map[string]string{"Content-Encoding": "gzip"},
			body: "\x1f\x8b\x08\x00", status: 415, code: "unsupported_media", fields: map[string]any{"content_encoding": "gzip"}},
		{name: "JSON with trailing garbage", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN 1"} x`, status: 400, code: "invalid", detail: "data after its JSON value (at byte offset 22)",
			fields: map[string]any{"offset": 22.0}},
		{name: "JSON with a second value", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: "{\"query\": \"RETURN 1\"}\n\t{}", status: 400, code: "invalid", fields: map[string]any{"offset": 23.0}},
		{name: "JSON cut short", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN 1"`, status: 400, code: "invalid", detail: "ends inside its JSON value (at byte offset 20)",
			fields: map[string]any{"offset": 20.0}},
		// The offset is the byte at fault's own, counted from 0 as everywhere else.
		{name: "JSON with a bad character", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{'query': 1}`, status: 400, code: "invalid", detail: "not valid JSON at byte offset 1", fields: map[string]any{"offset": 1.0}},
		{name: "JSON with a trailing comma", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN 1",}`, status: 400, code: "invalid", fields: map[string]any{"offset": 21.0}},
		// encoding/json would read half a surrogate pair as U+FFFD.
		{name: "a lone surrogate escaped", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN '\ud800' AS x"}`, status: 400, code: "invalid", detail: `(\ud800 at byte offset 19)`,
			fields: map[string]any{"offset": 19.0}},
		{name: "a low surrogate first", method: "POST", url: "/api/cypher", contentType: jsonType,
			body: `{"query": "RETURN $x", "params": {"x": "\uDC00\uD800"}}`, status: 400, code: "invalid", fields: map[string]any{"offset": 40.0}},
		// The instance is a URI reference, escaped as a client would send it.
		{name: "an instance escaped", url: "/api/no%20such%00route%2Fhere", status: 404, code: "not_found",
			instance: "/api/no%20such%00route%2Fhere"},
		// A page's path asked for with another method than GET.
		{name: "PUT a page's path", method: "PUT", url: "/some/view", status: 405, code: "method_not_allowed",
			fields: map[string]any{"allowed": []any{"GET", "HEAD"}}, detail: "takes GET, HEAD, not PUT"},
		{name: "POST the page", method: "POST", url: "/", status: 405, code: "method_not_allowed"},
		{name: "OPTIONS a page's file", method: "OPTIONS", url: "/assets/index-abc123.js", status: 405, code: "method_not_allowed"},
		{name: "POST a file there is not", method: "POST", url: "/assets/gone-000.js", status: 404, code: "not_found"},
	}
	h := conforming(httpapi.New(httpapi.Options{Logger: slog.New(slog.DiscardHandler), Web: pageBuild}).Handler())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkProblem(t, h, tc) })
	}
}

// headers adds header to every request before h sees it.
func headers(h http.Handler, header map[string]string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			r.Header.Set(k, v)
		}
		h.ServeHTTP(w, r)
	})
}

// TestCommonHeaders: every answer, an error, the page or an API answer, tells browsers
// not to sniff its type; errors may not be stored by caches.
func TestCommonHeaders(t *testing.T) {
	h := conforming(httpapi.New(httpapi.Options{Logger: slog.New(slog.DiscardHandler), Web: pageBuild}).Handler())
	for _, target := range []string{"/healthz", "/", "/assets/index-abc123.js", "/api/openapi.json", "/api/nope", "/api/stats?x=1"} {
		rec := fetch(t, h, http.MethodGet, target, "", "")
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", target, got)
		}
		isProblem := strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json")
		if cc := rec.Header().Get("Cache-Control"); isProblem != (cc == "no-store") {
			t.Errorf("%s: %d %s with Cache-Control %q", target, rec.Code, rec.Header().Get("Content-Type"), cc)
		}
	}
}

// TestLoggedPathIsCut: a path of tens of kilobytes is not written whole into every log
// line about it, and a newline in it cannot start a line of its own.
func TestLoggedPathIsCut(t *testing.T) {
	var logs bytes.Buffer
	h := conforming(httpapi.New(httpapi.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}).Handler())
	rec, _ := get(t, h, "/api/nope/"+strings.Repeat("x", 40000)+"%0Alevel=ERROR%20msg=forged")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d", rec.Code)
	}
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if len(line) > 1000 || !strings.HasPrefix(line, "time=") {
			t.Errorf("log line of %d bytes: %.300s", len(line), line)
		}
	}
}

// TestConsoleSyntaxErrorIsBounded: Neo4j's message about a query that does not parse
// repeats the query's line; a one-line query of most of a megabyte must not come back
// whole (twice its size, escaped), while its position stays in the fields.
func TestConsoleSyntaxErrorIsBounded(t *testing.T) {
	h := serverOn(neo4jtest.Store(t))
	body := `{"query": "RETURN '` + strings.Repeat("a", 900000) + `' AS x x"}`
	rec, p := do(t, h, http.MethodPost, "/api/cypher", "application/json", body)
	assertProblem(t, rec.Code, rec.Header(), p, http.StatusBadRequest, "syntax")
	fields, _ := p["fields"].(map[string]any)
	if rec.Body.Len() > 4000 || !strings.HasSuffix(str(p["detail"]), "…") || fields["offset"] == nil {
		t.Fatalf("%d bytes, detail ending %q, fields %v", rec.Body.Len(), tail(str(p["detail"]), 40), fields)
	}
	if n := len(str(p["detail"])); n > 2000 {
		t.Errorf("a detail of %d bytes; the documents promise 2,000 at most", n)
	}
	if n := len(str(p["instance"])); n > 200 {
		t.Errorf("an instance of %d bytes; the documents promise 200 at most", n)
	}
	// A problem of 2 KB or more is gzipped for a client that accepts it, as answers are.
	req := httptest.NewRequest(http.MethodPost, "/api/cypher", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Encoding", "gzip")
	zipped := httptest.NewRecorder()
	h.ServeHTTP(zipped, req)
	if zipped.Code != http.StatusBadRequest || zipped.Header().Get("Content-Encoding") != "gzip" ||
		zipped.Header().Get("Content-Type") != "application/problem+json" || zipped.Body.Len() >= rec.Body.Len() {
		t.Errorf("with gzip accepted: status %d, %q, %q, %d bytes against %d", zipped.Code,
			zipped.Header().Get("Content-Encoding"), zipped.Header().Get("Content-Type"), zipped.Body.Len(), rec.Body.Len())
	}
}

func tail(s string, n int) string { return s[max(0, len(s)-n):] }

// TestSlowBody: a body that comes too slowly for the server's read timeout is answered
// with a problem that says so; the read's failure cancels the request's context, and
// the server used to take that for a client gone and send it "499" with no body.
func TestSlowBody(t *testing.T) {
	srv := httptest.NewUnstartedServer(conforming(httpapi.New(httpapi.Options{Logger: slog.New(slog.DiscardHandler)}).Handler()))
	srv.Config.ReadTimeout = 300 * time.Millisecond
	srv.Start()
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprint(conn, "POST /api/cypher HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&p)
	assertProblem(t, resp.StatusCode, resp.Header, p, http.StatusBadRequest, "invalid")
	if !strings.Contains(str(p["detail"]), "too slowly") {
		t.Fatalf("detail %q", p["detail"])
	}
}
