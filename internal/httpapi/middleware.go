package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
)

const requestIDKey = "request_id"

// validRequestID is what a caller's X-Request-Id may be: the characters of ids that
// tracing systems and proxies generate, nothing a header or a log could misread.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// requestID takes a caller's X-Request-Id when it looks sane, or makes one, and echoes
// it so that a user can quote it in a bug report and we can find the log lines.
func (s *Server) requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-Id")
		if !validRequestID.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Set(requestIDKey, id)
		c.Header("X-Request-Id", id)
		c.Next()
	}
}

// commonHeaders sets what every answer carries: nosniff, so that a browser never reads
// an answer as another type than it says (a problem quoting a client's text as HTML).
func commonHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("X-Content-Type-Options", "nosniff")
		c.Next()
	}
}

// accessLog writes one structured line per request. The path is cut (shown): it may be
// a megabyte long, and every request would write that much to the log. slog quotes
// control characters, so a path holding a newline cannot forge a line.
func (s *Server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		s.log.Info("request",
			"request_id", c.GetString(requestIDKey),
			"method", methodOf(c.Request),
			"route", routeOf(c),
			"path", shown(c.Request.URL.Path),
			"status", c.Writer.Status(),
			"bytes", c.Writer.Size(),
			"duration_ms", float64(time.Since(start).Microseconds())/1000,
		)
	}
}

// recoverPanics turns a panic into a logged internal error instead of a dropped
// connection.
func (s *Server) recoverPanics() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				s.problem(c, &domain.Error{Code: domain.EInternal, Message: "panic", Err: fmt.Errorf("panic: %v", r)})
			}
		}()
		c.Next()
	}
}

// routeKey holds, for a 405, the template of the route that took the path (NoMethod).
const routeKey = "newsgraph.route"

// routeOf is the template of the route that took the request's path, for the metrics
// and the access log; "" when none did.
func routeOf(c *gin.Context) string {
	if route := c.FullPath(); route != "" {
		return route
	}
	return c.GetString(routeKey)
}
