package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// statusOf is the one table from domain error codes to HTTP statuses.
var statusOf = map[domain.ErrorCode]int{
	domain.EInvalid:          http.StatusBadRequest,
	domain.ESyntax:           http.StatusBadRequest,
	domain.ENotFound:         http.StatusNotFound,
	domain.ERefused:          http.StatusForbidden,
	domain.ETooLarge:         http.StatusRequestEntityTooLarge,
	domain.EUnsupportedMedia: http.StatusUnsupportedMediaType,
	domain.EMethodNotAllowed: http.StatusMethodNotAllowed,
	domain.ETimeout:          http.StatusGatewayTimeout,
	domain.EUnavailable:      http.StatusServiceUnavailable,
	domain.EInternal:         http.StatusInternalServerError,
}

// statusClientClosedRequest is what logs and metrics record for a request whose client
// left before the answer (nginx's 499); no client ever receives it.
const statusClientClosedRequest = 499

// Problem is the RFC 9457 problem+json body every error answer uses.
type Problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail"`
	Instance  string         `json:"instance,omitempty"`
	Code      string         `json:"code"`
	RequestID string         `json:"request_id,omitempty"`
	Fields    map[string]any `json:"fields,omitempty"`
}

// problem writes err as problem+json. Internal errors are logged with the request id
// and the client sees only "Internal error.".
func (s *Server) problem(c *gin.Context, err error) {
	// A body that came too slowly for the server's read timeout cancels the request's
	// context too, but its client is still there, waiting for an answer it can read.
	slowBody := errors.Is(err, os.ErrDeadlineExceeded)
	if errors.Is(c.Request.Context().Err(), context.Canceled) && domain.ErrorCodeOf(err) != domain.EInternal && !slowBody {
		// The client went away (closed the tab, aborted a superseded request), and with
		// it the query: no one is waiting for an answer and nothing failed. Logs and
		// metrics say 499, nginx's "client closed request". An internal error stays one:
		// a bug is logged as such even when its client has left.
		s.log.Info("client closed the request", "request_id", c.GetString(requestIDKey), "path", shown(c.Request.URL.Path), "err", err)
		c.AbortWithStatus(statusClientClosedRequest)
		return
	}
	code := domain.ErrorCodeOf(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	rid := c.GetString(requestIDKey)
	p := Problem{
		Type:      "https://newsgraph.dev/problems/" + string(code),
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    domain.ErrorMessageOf(err),
		Instance:  shown(escapedPath(c.Request)),
		Code:      string(code),
		RequestID: rid,
	}
	if de, ok := err.(*domain.Error); ok && code != domain.EInternal {
		p.Fields = de.Fields
	}
	if code == domain.ETimeout {
		if reason := s.holding.Load(); reason != nil {
			// Neo4j back after a restart plans every query again: slow answers then are
			// no fault of the request, which "narrow the query" made them seem.
			p.Detail += fmt.Sprintf(" The server is not ready yet (%s); try again shortly.", *reason)
		} else {
			p.Detail += fmt.Sprintf(" Each request may take %s (NEWSGRAPH_REQUEST_TIMEOUT); narrow the query or lower its limits.", s.timeout)
		}
	}
	p.Detail = domain.Cut(p.Detail, maxDetail)
	switch code {
	case domain.EInternal:
		s.log.Error("internal error", "request_id", rid, "path", shown(c.Request.URL.Path), "err", err)
	case domain.EUnavailable:
		c.Header("Retry-After", "5")
		if warn, earlier := s.unavailableWarning(time.Now()); warn {
			s.log.Warn("unavailable", "request_id", rid, "path", shown(c.Request.URL.Path), "err", err, "unavailable_since_last_warning", earlier)
		} else {
			s.log.Debug("unavailable", "request_id", rid, "path", shown(c.Request.URL.Path), "err", err)
		}
	}
	// An error says how things stood for this request: a cache must not serve it again
	// (a 503 while loading, a 404 for a node loaded since, a 405 that caches may keep).
	c.Header("Cache-Control", "no-store")
	body, jerr := json.Marshal(p)
	if jerr != nil { // fields are strings, numbers and lists of them: cannot happen
		s.log.Error("a problem could not be written", "request_id", rid, "err", jerr)
		c.AbortWithStatus(status)
		return
	}
	c.Abort()
	s.writeJSON(c, status, "application/problem+json", body)
}

// maxDetail bounds a problem's detail. Details quote what the client sent only through
// shown, but Neo4j's messages about a console query repeat the query's line, which may
// be the whole megabyte of a body; the position stays in the fields.
const maxDetail = 2000

// errNoMethod is the error for a route asked for with the wrong method; gin has set the
// Allow header by then.
func errNoMethod(c *gin.Context) error {
	allowed := strings.Split(c.Writer.Header().Get("Allow"), ", ")
	if slices.Contains(allowed, http.MethodGet) && !slices.Contains(allowed, http.MethodHead) {
		// Handler answers HEAD wherever GET is.
		allowed = append(allowed, http.MethodHead)
		c.Header("Allow", strings.Join(allowed, ", "))
	}
	// methodOf names an unknown method "other" (for the metrics' labels); the reader is
	// told the one sent.
	method := methodOf(c.Request)
	if method == "other" {
		method = shown(c.Request.Method)
	}
	return &domain.Error{Code: domain.EMethodNotAllowed,
		Message: fmt.Sprintf("%s takes %s, not %s.", shown(c.Request.URL.Path), strings.Join(allowed, ", "), method),
		Fields:  map[string]any{"allowed": allowed}}
}

// errNoRoute is the error for a path no route takes; route is the route's path when the
// request's path is that with a trailing slash (slashedRoute), else "".
func errNoRoute(c *gin.Context, route string) error {
	path := c.Request.URL.Path
	if route != "" {
		if c.Request.URL.RawQuery != "" {
			route += "?" + c.Request.URL.RawQuery
		}
		return domain.Errorf(domain.ENotFound, "There is no %s %s: paths do not end in a slash; ask for %s.", methodOf(c.Request), shown(path), shown(route))
	}
	return domain.Errorf(domain.ENotFound, "There is no %s %s; see /api/openapi.json for the routes.", methodOf(c.Request), shown(path))
}

// errMetricsElsewhere is the answer to /metrics on a server that serves them on another
// address only. It says so, for an operator who looks here first, without saying where.
func errMetricsElsewhere(c *gin.Context) error {
	return domain.Errorf(domain.ENotFound, "There is no %s /metrics on this address: this server serves its metrics on the address NEWSGRAPH_METRICS_ADDR names.", methodOf(c.Request))
}

// slashedRoute returns path without its trailing slashes when that is a path one of
// routes takes, else "".
func slashedRoute(routes gin.RoutesInfo, path string) string {
	trimmed := strings.TrimRight(path, "/")
	if trimmed == path || trimmed == "" || routeMatching(routes, trimmed) == "" {
		return ""
	}
	return trimmed
}

// routeMatching returns the pattern of the first of routes that matches path
// ("/api/entities/:id" for /api/entities/mercor), or "" when none does.
func routeMatching(routes gin.RoutesInfo, path string) string {
	segments := strings.Split(path, "/")
	for _, r := range routes {
		pattern := strings.Split(r.Path, "/")
		if len(pattern) != len(segments) {
			continue
		}
		matches := true
		for i, p := range pattern {
			if p != segments[i] && !(strings.HasPrefix(p, ":") && segments[i] != "") {
				matches = false
				break
			}
		}
		if matches {
			return r.Path
		}
	}
	return ""
}

// shown cuts what a client sent to a length worth repeating in a message.
func shown(s string) string { return domain.Shown(s) }
