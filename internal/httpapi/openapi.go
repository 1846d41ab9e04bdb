package httpapi

import (
	_ "embed"

	"github.com/gin-gonic/gin"
)

// openAPI is the OpenAPI 3.1 description of every route. It is written by hand next to
// the handlers; TestOpenAPICoversEveryRoute fails when a route is missing from it.
//
//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI 3.1 document the server publishes.
func OpenAPI() []byte { return openAPI }

// openapi serves the document as any answer is served, gzipped for clients that accept
// it: fetched rarely, it is not worth a second way of writing an answer.
func (s *Server) openapi(c *gin.Context) { s.okBody(c, openAPI) }
