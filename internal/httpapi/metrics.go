package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// metrics are the Prometheus series /metrics exports. Each Server has its own registry,
// so tests can build many servers and read exact counts.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	queries  *prometheus.HistogramVec
}

// latencyBuckets spread from half a millisecond to ten seconds: the API's answers are
// expected in milliseconds, and the request timeout bounds the tail.
var latencyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsgraph_http_requests_total",
			Help: "HTTP requests answered, by method, route template and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsgraph_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method, route template and status.",
			Buckets: latencyBuckets,
		}, []string{"method", "route", "status"}),
		queries: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsgraph_neo4j_query_duration_seconds",
			Help:    "Round-trip time of Neo4j queries, by query name and outcome (ok, canceled or the error code).",
			Buckets: latencyBuckets,
		}, []string{"query", "outcome"}),
	}
	m.registry.MustRegister(m.requests, m.latency, m.queries,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observeRequests counts every request under its route template (c.FullPath), never
// its raw path, so that ids in URLs cannot explode the number of series; a 405 counts
// under the route that took its path, the front end counts as "page" (serveWeb), and
// paths nothing serves share "unmatched".
func (m *metrics) observeRequests() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := routeOf(c)
		if route == "" {
			route = "unmatched"
		}
		status := strconv.Itoa(c.Writer.Status())
		m.requests.WithLabelValues(methodOf(c.Request), route, status).Inc()
		m.latency.WithLabelValues(methodOf(c.Request), route, status).Observe(time.Since(start).Seconds())
	}
}

// observeQuery is the store's QueryObserver.
func (m *metrics) observeQuery(name string, elapsed time.Duration, err error) {
	outcome := "ok"
	switch {
	case errors.Is(err, context.Canceled):
		// A client gone is no timeout: counted apart, it cannot set off timeout alerts
		// every time the page aborts a superseded request.
		outcome = "canceled"
	case err != nil:
		outcome = string(domain.ErrorCodeOf(err))
	}
	m.queries.WithLabelValues(name, outcome).Observe(elapsed.Seconds())
}

// handler serves the registry in Prometheus' text format.
func (m *metrics) handler(compress bool) http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry, DisableCompression: !compress})
}
