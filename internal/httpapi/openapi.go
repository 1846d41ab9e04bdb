package httpapi

import (
	_ "embed"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

// openAPI is the OpenAPI 3.1 description of every route. It is written by hand next to
// the handlers; TestOpenAPICoversEveryRoute fails when a route is missing from it.
//
//go:embed openapi.json
var openAPI []byte

// openAPIGzipped is the document compressed once, as the page's files are: it never
// changes, and gzipping 46 KB on every request would be waste.
var openAPIGzipped = sync.OnceValue(func() []byte { return gzipped(nil, openAPI) })

// OpenAPI returns the OpenAPI 3.1 document the server publishes.
func OpenAPI() []byte { return openAPI }

func (s *Server) openapi(c *gin.Context) {
	if !s.compress || !acceptsGzip(c.Request) {
		s.okBody(c, openAPI)
		return
	}
	body := openAPIGzipped()
	c.Header("Vary", "Accept-Encoding")
	c.Header("Content-Encoding", "gzip")
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}
