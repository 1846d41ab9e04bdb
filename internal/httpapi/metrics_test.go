package httpapi_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/httpapi"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
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
	// Refused before Neo4j (an empty query, the lexical guard): no Neo4j round trip.
	for _, body := range []string{`{"query": "  "}`, `{"query": "CREATE (n)"}`} {
		if rec, _ := do(t, h, http.MethodPost, "/api/cypher", "application/json", body); rec.Code/100 != 4 {
			t.Fatalf("%s: status %d", body, rec.Code)
		}
	}
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
	if strings.Contains(text, `query="console"`) {
		t.Error("queries refused before they reached Neo4j were timed as Neo4j queries")
	}
	if strings.Contains(text, "no-such-id") || strings.Contains(text, `route="/api/entities/mercor"`) || strings.Contains(text, "BREW") {
		t.Error("a raw path became a label")
	}
}

// TestMetricsOnAnotherAddress: with SeparateMetrics, the API's handler answers /metrics
// with a 404 problem that names the setting, and MetricsHandler, served elsewhere,
// counts the API's requests.
func TestMetricsOnAnotherAddress(t *testing.T) {
	api := httpapi.New(httpapi.Options{Store: neo4jtest.Store(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		SeparateMetrics: true})
	h := conforming(api.Handler())
	if rec, _ := get(t, h, "/api/stats"); rec.Code != http.StatusOK {
		t.Fatalf("/api/stats: status %d: %s", rec.Code, rec.Body)
	}
	rec, body := get(t, h, "/metrics")
	if rec.Code != http.StatusNotFound || !strings.Contains(fmt.Sprint(body["detail"]), "NEWSGRAPH_METRICS_ADDR") {
		t.Errorf("/metrics on the API's address: status %d, %v; want 404 naming NEWSGRAPH_METRICS_ADDR", rec.Code, body)
	}
	if strings.Contains(rec.Body.String(), "newsgraph_http_requests_total") {
		t.Error("the API's address served the metrics")
	}
	elsewhere := httptest.NewRecorder()
	api.MetricsHandler().ServeHTTP(elsewhere, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if elsewhere.Code != http.StatusOK {
		t.Fatalf("MetricsHandler: status %d", elsewhere.Code)
	}
	for _, want := range []string{
		`newsgraph_http_requests_total{method="GET",route="/api/stats",status="200"} 1` + "\n",
		`newsgraph_http_requests_total{method="GET",route="/metrics",status="404"} 1` + "\n",
	} {
		if !strings.Contains(elsewhere.Body.String(), want) {
			t.Errorf("the metrics lack %s", want)
		}
	}
}
