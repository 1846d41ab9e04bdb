package httpapi_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestMetrics checks that requests are counted per route template and status (an id
// in the URL never becomes a label; a 405 counts under the route that took its path)
// and that Neo4j queries are timed by name.
func TestMetrics(t *testing.T) {
	loadNews(t)
	h := newServer(t)
	for _, u := range []string{"/api/entities/mercor", "/api/entities/meta", "/api/entities/no-such-id", "/api/stats"} {
		get(t, h, u)
	}
	do(t, h, http.MethodHead, "/healthz", "", "")             // counted as the HEAD it was, though routed as a GET
	do(t, h, "BREW", "/api/stats", "", "")                    // a method of the client's own invention is "other"
	do(t, h, http.MethodDelete, "/api/entities/meta", "", "") // a 405 counts under the route that took the path
	get(t, h, "/api/no-such-route")
	rec, _ := get(t, h, "/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	text := rec.Body.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`newsgraph_http_requests_total\{method="GET",route="/api/entities/:id",status="200"\} 2\n`),
		regexp.MustCompile(`newsgraph_http_requests_total\{method="GET",route="/api/entities/:id",status="404"\} 1\n`),
		regexp.MustCompile(`newsgraph_http_request_duration_seconds_count\{method="GET",route="/api/stats",status="200"\} 1\n`),
		regexp.MustCompile(`newsgraph_http_requests_total\{method="HEAD",route="/healthz",status="200"\} 1\n`),
		regexp.MustCompile(`newsgraph_http_requests_total\{method="other",route="/api/stats",status="405"\} 1\n`),
		regexp.MustCompile(`newsgraph_http_requests_total\{method="DELETE",route="/api/entities/:id",status="405"\} 1\n`),
		regexp.MustCompile(`newsgraph_http_requests_total\{method="GET",route="unmatched",status="404"\} 1\n`),
		regexp.MustCompile(`newsgraph_neo4j_query_duration_seconds_count\{outcome="ok",query="entity"\} 3\n`),
		regexp.MustCompile(`newsgraph_neo4j_query_duration_seconds_count\{outcome="ok",query="graph_counts"\} 1\n`),
	} {
		if !want.MatchString(text) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(text, "no-such-id") || strings.Contains(text, `route="/api/entities/mercor"`) || strings.Contains(text, "BREW") {
		t.Error("a raw path became a label")
	}
}
