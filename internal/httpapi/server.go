// Package httpapi is newsgraph's HTTP adapter: a gin router serving the JSON API under
// /api, the health endpoints and the embedded web page. Handlers use the request's
// context with a per-request timeout, and every error leaves through one
// problem+json writer and one status table (problem.go).
package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
	"github.com/newsgraph/newsgraph/internal/neo4jstore"
)

// Options configure the API.
type Options struct {
	Store          *neo4jstore.Store
	Logger         *slog.Logger
	RequestTimeout time.Duration
	// Web is the built front end (web.Dist()); nil serves a short notice instead.
	Web fs.FS
	// DisableCompression turns off gzip for API answers (the page's files stay
	// compressed): for a proxy in front that compresses itself.
	DisableCompression bool
	// ConsoleSlots is how many Cypher console queries may run at once; 0 means
	// ConsoleSlots.
	ConsoleSlots int
	// DisableConsole makes POST /api/cypher refuse every query (403), for a server
	// that must not run other people's Cypher at all.
	DisableConsole bool
	// SeparateMetrics leaves /metrics off Handler, which answers it 404, for serving
	// MetricsHandler on an address the public cannot reach (NEWSGRAPH_METRICS_ADDR).
	SeparateMetrics bool
}

// Server holds the router and what the handlers need.
type Server struct {
	store   *neo4jstore.Store
	log     *slog.Logger
	timeout time.Duration
	router  *gin.Engine
	metrics *metrics
	// compress gzips API answers of gzipMin bytes or more for clients that accept it.
	compress     bool
	consoleSlots int
	consoleOff   bool
	// holding is why the server is not ready although Neo4j answers (serve --load
	// loading the built-in datasets), or nil.
	holding atomic.Pointer[string]
	// draining is set once the server is shutting down (Drain): /readyz answers 503
	// whatever holds or releases the server after that.
	draining atomic.Bool
	// outage rate-limits the warning logged for a 503 (unavailableWarning).
	outage struct {
		sync.Mutex
		warned     time.Time
		suppressed int
	}
}

// unavailableEvery is how often a 503 is logged as a warning while Neo4j stays away;
// the others are counted into the next warning (and logged at debug level). One line
// per 503 wrote 150,000 lines, 60 MB, in a 50-second outage under 8 clients.
const unavailableEvery = 10 * time.Second

// unavailableWarning reports whether this 503 is logged as a warning, and how many were
// not since the last one that was.
func (s *Server) unavailableWarning(now time.Time) (bool, int) {
	s.outage.Lock()
	defer s.outage.Unlock()
	if now.Sub(s.outage.warned) < unavailableEvery {
		s.outage.suppressed++
		return false, 0
	}
	n := s.outage.suppressed
	s.outage.warned, s.outage.suppressed = now, 0
	return true, n
}

// Hold makes /readyz answer 503 with reason until Release: the API works, but what a
// client expects to find is not there yet.
func (s *Server) Hold(reason string) { s.holding.Store(&reason) }

// Release ends a Hold.
func (s *Server) Release() { s.holding.Store(nil) }

// Drain makes /readyz answer 503 ("shutting down") for good, while every other route
// keeps answering: serve's NEWSGRAPH_SHUTDOWN_DELAY, in which a load balancer stops
// sending requests before the server closes its connections.
func (s *Server) Drain() { s.draining.Store(true) }

// New builds the router with every route registered.
func New(o Options) *Server {
	gin.SetMode(gin.ReleaseMode)
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = 15 * time.Second
	}
	s := &Server{store: o.Store, log: o.Logger, timeout: o.RequestTimeout, router: gin.New(), metrics: newMetrics(),
		compress: !o.DisableCompression, consoleSlots: o.ConsoleSlots,
		consoleOff: o.DisableConsole}
	if s.consoleSlots <= 0 {
		s.consoleSlots = ConsoleSlots
	}
	if o.Store != nil {
		o.Store.Observe(s.metrics.observeQuery)
	}
	s.router.Use(commonHeaders(), s.requestID(), s.accessLog(), s.metrics.observeRequests(), s.recoverPanics())
	// gin would answer a path with a trailing slash by a redirect with an HTML body;
	// an API client gets a 404 problem that names the path without it (errNoRoute).
	s.router.RedirectTrailingSlash = false
	// Routes match the path as the client escaped it, so that an id holding a slash
	// (a foreign database's `a/b`, sent as a%2Fb) is one path value, unescaped.
	s.router.UseRawPath = true
	// A known route asked for with another method is a 405 with Allow, not a 404.
	s.router.HandleMethodNotAllowed = true
	s.router.NoMethod(func(c *gin.Context) {
		// gin names no route here (FullPath is empty), though a route took the path: the
		// metrics and the access log count the 405 under it, not as "unmatched".
		path := c.Request.URL.Path
		if c.Request.URL.RawPath != "" {
			path = c.Request.URL.RawPath // what the router matched (UseRawPath)
		}
		c.Set(routeKey, routeMatching(s.router.Routes(), path))
		s.problem(c, errNoMethod(c))
	})
	s.router.GET("/healthz", s.healthz)
	s.router.GET("/readyz", s.readyz)
	if o.SeparateMetrics {
		s.router.GET("/metrics", func(c *gin.Context) { s.problem(c, errMetricsElsewhere(c)) })
	} else {
		s.router.GET("/metrics", gin.WrapH(s.MetricsHandler()))
	}
	s.routes()
	s.serveWeb(o.Web)
	return s
}

// Handler returns the http.Handler to mount in an http.Server. HEAD is answered
// wherever GET is, as HTTP asks (gin routes it nowhere by itself): the router sees a
// GET, and net/http, which still sees the client's HEAD, sends the headers without the
// body. Load balancers probe /readyz that way.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawPath != "" {
			// A problem's instance is the path as the client escaped it (escapedPath).
			r = r.WithContext(context.WithValue(r.Context(), escapedPathKey{}, r.URL.EscapedPath()))
			r.URL.RawPath = routablePath(r.URL.RawPath)
		}
		if r.Method == http.MethodHead {
			asGet := r.WithContext(context.WithValue(r.Context(), headKey{}, true))
			asGet.Method = http.MethodGet
			r = asGet
		}
		s.router.ServeHTTP(w, r)
	})
}

// MetricsHandler serves the Prometheus metrics of the requests Handler answers and of
// the store's queries: /metrics on Handler, or on its own listener (SeparateMetrics).
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler(s.compress) }

// routablePath is the escaped path the router matches (UseRawPath) with every escape
// decoded but %2F, a slash inside a path value (/api/entities/a%2Fb names the id "a/b"),
// and %25, which the router's own unescaping of path values needs kept: an escaped
// letter (/api/entitie%73/mercor) still reaches its route, as without UseRawPath.
func routablePath(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if raw[i] == '%' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(raw[i+1:i+3], 16, 8); err == nil && v != '/' && v != '%' {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(raw[i])
	}
	return b.String()
}

// headKey marks in its context a HEAD request the router sees as a GET.
type headKey struct{}

// escapedPathKey holds in its context the path as the client escaped it, when Handler
// decoded some of its escapes for the router.
type escapedPathKey struct{}

// escapedPath is r's path as the client escaped it: a URI reference, unlike URL.Path
// (an id's space, the slash of a%2Fb).
func escapedPath(r *http.Request) string {
	if p, ok := r.Context().Value(escapedPathKey{}).(string); ok {
		return p
	}
	return r.URL.EscapedPath()
}

// methodOf is the method the client used, for logs, metrics and messages; any method
// HTTP does not define is "other", so that a client cannot grow the metrics' label set
// (or a log line) with methods of its own invention.
func methodOf(r *http.Request) string {
	if head, _ := r.Context().Value(headKey{}).(bool); head {
		return http.MethodHead
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodTrace, http.MethodConnect:
		return r.Method
	}
	return "other"
}

// NewHTTPServer wraps h with the timeouts a public server needs.
func NewHTTPServer(addr string, h http.Handler, requestTimeout time.Duration) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      requestTimeout + 15*time.Second,
		IdleTimeout:       120 * time.Second,
		// Go's default, said here: a longer request line and headers get net/http's own
		// 431 in plain text, before any handler (docs/api.md, Limits).
		MaxHeaderBytes: http.DefaultMaxHeaderBytes,
	}
}

// ctx returns the request's context bounded by the per-request timeout.
func (s *Server) ctx(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), s.timeout)
}

func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz answers 200 only when Neo4j answers and nothing holds the server, and says
// why not otherwise: Neo4j's absence first, since a hold (planning the queries, say)
// waits for it.
func (s *Server) readyz(c *gin.Context) {
	if s.draining.Load() {
		s.problem(c, &domain.Error{Code: domain.EUnavailable, Message: "Not ready: shutting down."})
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		if reason := s.holding.Load(); reason != nil && domain.ErrorCodeOf(err) == domain.EUnavailable {
			// While the embedded Neo4j starts, say so: "cannot be reached" alone read as
			// an outage.
			err = &domain.Error{Code: domain.EUnavailable, Err: err, Message: domain.ErrorMessageOf(err) + " Not ready: " + *reason + "."}
		}
		s.problem(c, err)
		return
	}
	if reason := s.holding.Load(); reason != nil {
		s.problem(c, &domain.Error{Code: domain.EUnavailable, Message: "Not ready: " + *reason + "."})
		return
	}
	version, err := s.store.ServerVersion(ctx)
	if err != nil {
		s.problem(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "neo4j": version, "database": s.store.Database()})
}

// pageRoute is the route the metrics and the access log name for the front end's page
// and files, which no route template names: apart from "unmatched", so that the page's
// hits do not hide the 404s.
const pageRoute = "page"

// serveWeb serves the built front end at every path the API does not take; without
// it, or when it cannot be read, those paths answer 404 with a problem.
func (s *Server) serveWeb(web fs.FS) {
	var page *site
	if web != nil {
		var err error
		if page, err = newSite(web); err != nil || page.index == nil {
			s.log.Error("the built front end cannot be served", "err", err)
			page = nil
		}
	}
	// Every route is registered by now.
	routes := s.router.Routes()
	s.router.NoRoute(func(c *gin.Context) {
		p := c.Request.URL.Path
		isAPI := p == "/api" || strings.HasPrefix(p, "/api/")
		// A route's path with a trailing slash (a probe set up as /readyz/) must not get
		// the page, which would answer 200 whatever the route would say.
		route := slashedRoute(routes, p)
		// A page's path asked for with another method than GET is a 405, as a route's is.
		if page != nil && !isAPI && route == "" && c.Request.Method != http.MethodGet && page.lookup(p) != nil {
			c.Set(routeKey, pageRoute)
			c.Header("Allow", http.MethodGet) // errNoMethod adds HEAD
			s.problem(c, errNoMethod(c))
			return
		}
		// HEAD arrives here as GET (Handler).
		if page == nil || isAPI || route != "" || c.Request.Method != http.MethodGet || !page.serve(c) {
			s.problem(c, errNoRoute(c, route))
			return
		}
		c.Set(routeKey, pageRoute)
	})
}

// GCPercent is the garbage collector's target (Go's GOGC) for a serving process unless
// the GOGC environment variable sets one. A graph answer allocates several times its
// size (the driver's records, then the answer) while the live heap stays a few
// megabytes, so Go's default of 100 collects on nearly every large request; 400 cut
// the HTTP layer's overhead on a 1,000-element answer by a third (docs/benchmarks.md)
// for a few tens of megabytes more memory.
const GCPercent = 400

// MemoryLimit is the heap size (Go's GOMEMLIMIT) past which the collector stops letting
// GCPercent's slack grow, unless GOMEMLIMIT sets another: a few large answers at once
// (console rows of up to 16 MB, a driver record the console then refuses) would
// otherwise hold five times their live size.
const MemoryLimit = 1 << 30

// TuneGC applies GCPercent and MemoryLimit unless GOGC or GOMEMLIMIT set them, and
// returns the settings in effect. serve calls it, and so do the benchmarks that measure
// the API as it is served.
func TuneGC() string {
	gogc, ok := os.LookupEnv("GOGC") // the runtime applied it at start
	if !ok {
		debug.SetGCPercent(GCPercent)
		gogc = strconv.Itoa(GCPercent)
	}
	memLimit, ok := os.LookupEnv("GOMEMLIMIT")
	if !ok {
		debug.SetMemoryLimit(MemoryLimit)
		memLimit = "1GiB"
	}
	return "GOGC=" + gogc + " GOMEMLIMIT=" + memLimit
}
